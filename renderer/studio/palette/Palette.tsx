import { Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Icon } from '../../ui/Icon';
import { groupColor, paletteEntries } from '../blockCatalog';
import { PALETTE_MIME } from '../canvas/Canvas';
import { useAddBlock } from './useAddBlock';

/**
 * Every block kind from the registry, grouped and searchable. Drag onto the canvas (or an edge), or click to add.
 * `compact` (the simulator is open, newcomer s26 F6): a narrow column of the blocks' icons, each named in its tooltip,
 * instead of hiding the palette, so the canvas keeps its width and blocks can still be added while testing.
 */
export function Palette({ compact = false }: { compact?: boolean }) {
  const [query, setQuery] = useState('');
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

  const add = useAddBlock();

  return (
    <aside className="st-palette" aria-label="Blocks" data-compact={compact || undefined}>
      <div className="st-palette-search" hidden={compact}>
        <Search size={14} aria-hidden="true" />
        <input
          className="st-palette-input"
          type="search"
          placeholder="Search blocks"
          aria-label="Search blocks"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Newcomer s45 N11: Enter with one block left added nothing. One match: Enter adds it (as a click does);
            // several: Enter moves to the first, where Enter (or the arrow keys and Tab) pick one.
            if (e.key !== 'Enter' || !q) return;
            const shown = filtered.flatMap((g) => g.entries);
            if (shown.length === 0) return;
            e.preventDefault();
            if (shown.length === 1) add(shown[0]);
            else (e.currentTarget.closest('.st-palette')?.querySelector('.st-palette-item') as HTMLButtonElement | null)?.focus();
          }}
        />
      </div>
      <div className="st-palette-groups">
        {filtered.map((g) => (
          <section key={g.group} className="st-palette-group" aria-label={g.group}>
            <h3 className="st-palette-heading" hidden={compact}>
              {g.group}
            </h3>
            {g.entries.map((entry) => (
              <button
                key={entry.kind}
                type="button"
                className="st-palette-item"
                draggable
                data-kind={entry.kind}
                title={compact ? `${entry.label}: ${entry.description}` : entry.description}
                aria-label={compact ? entry.label : undefined}
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
