import { useReactFlow } from '@xyflow/react';
import { Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Icon } from '../../ui/Icon';
import { groupColor, paletteEntries, type PaletteEntry } from '../blockCatalog';
import { PALETTE_MIME } from '../canvas/Canvas';
import { nextBlockId } from '../canvas/insertBlock';
import { DEFAULT_BLOCK_SIZE, findFreeSpot, occupiedRects } from '../canvas/freeSpot';
import { chainBefore } from '../canvas/keepInView';
import { useShowBlock } from '../canvas/useShowBlock';
import { addAfterEdit } from '../canvas/placeAfter';
import { useStudioStore } from '../store/StudioStoreContext';

/** Every block kind from the registry, grouped and searchable. Drag onto the canvas (or an edge), or click to add. */
export function Palette() {
  const store = useStudioStore();
  const [query, setQuery] = useState('');
  const rf = useReactFlow();
  const showBlock = useShowBlock();
  const groups = useMemo(() => paletteEntries(), []);
  const q = query.trim().toLowerCase();
  const filtered = groups
    .map((g) => ({
      ...g,
      entries: g.entries.filter(
        (e) => !q || e.label.toLowerCase().includes(q) || e.description.toLowerCase().includes(q) || e.kind.includes(q),
      ),
    }))
    .filter((g) => g.entries.length > 0);

  const add = (entry: PaletteEntry) => {
    const state = store.getState();
    const el = document.querySelector('.react-flow');
    const rect = el?.getBoundingClientRect();
    const id = nextBlockId(state.flow, entry.kind);
    // One block selected: the new one goes after it, to its right, connected from its first free exit.
    // A blank flow (Start alone) and nothing selected: the first block goes after Start, connected (newcomer s12 #18: it
    // landed unconnected under Start, with four errors at once).
    const onlyStart = state.flow.blocks.length === 1 && state.flow.blocks[0].kind === 'start' ? state.flow.blocks[0] : undefined;
    const selected = state.selection.length === 1 ? state.flow.blocks.find((b) => b.id === state.selection[0]) : onlyStart;
    const after = selected ? addAfterEdit(state.flow, state.measured, selected.id, entry.kind, id, entry.label) : null;
    if (after) {
      if (!state.dispatch(after.edit, { label: `Add ${entry.label}` })) return;
      store.getState().select([id]);
      // Bring the new block into view when it landed outside it, moving as little as possible and keeping the blocks
      // leading to it (back to Start when they fit, zoomed out a little if need be) in view too (newcomer s13 #3: the
      // view centred on the new block and the one before it, and Start slid off the left edge).
      if (rect) {
        const now = store.getState();
        const target = { x: after.position.x, y: after.position.y, width: DEFAULT_BLOCK_SIZE.width, height: DEFAULT_BLOCK_SIZE.height };
        showBlock(id, { rect: target, before: chainBefore(now.flow, now.measured, id), size: { width: rect.width, height: rect.height } });
      }
      return;
    }
    const centre = rect ? rf.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
    // The free space nearest the view's centre: never on top of an existing block or note.
    const position = findFreeSpot({ x: centre.x - DEFAULT_BLOCK_SIZE.width / 2, y: centre.y - 40 }, DEFAULT_BLOCK_SIZE, occupiedRects(state.flow, state.measured));
    state.dispatch({ type: 'add_block', kind: entry.kind, position, id }, { label: `Add ${entry.label}` });
  };

  return (
    <aside className="st-palette" aria-label="Blocks">
      <div className="st-palette-search">
        <Search size={14} aria-hidden="true" />
        <input
          className="st-palette-input"
          type="search"
          placeholder="Search blocks"
          aria-label="Search blocks"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <div className="st-palette-groups">
        {filtered.map((g) => (
          <section key={g.group} className="st-palette-group" aria-label={g.group}>
            <h3 className="st-palette-heading">{g.group}</h3>
            {g.entries.map((entry) => (
              <button
                key={entry.kind}
                type="button"
                className="st-palette-item"
                draggable
                data-kind={entry.kind}
                title={entry.description}
                onDragStart={(e) => {
                  e.dataTransfer.setData(PALETTE_MIME, entry.kind);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => add(entry)}
              >
                <span className="st-palette-icon" style={{ color: groupColor(entry.group), background: `color-mix(in srgb, ${groupColor(entry.group)} 12%, transparent)` }}>
                  <Icon name={entry.icon} size={15} />
                </span>
                <span className="st-palette-text">
                  <span className="st-palette-label">{entry.label}</span>
                  <span className="st-palette-desc">{entry.description}</span>
                </span>
              </button>
            ))}
          </section>
        ))}
        {filtered.length === 0 && <p className="st-empty">No block matches “{query}”.</p>}
      </div>
    </aside>
  );
}
