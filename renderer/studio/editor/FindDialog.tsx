import { useMemo, useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { ShownDirection } from '../../ui/ShownDirection';
import { blockTitle, kindInfo } from '../blockCatalog';
import { useStudio } from '../store/StudioStoreContext';
import { cutText } from '../../inbox/inertText';

function textOf(value: unknown, out: string[]) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => textOf(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => textOf(v, out));
}

/** Finds blocks by any text they hold (label, id, messages, options...); picking one focuses it on the canvas. */
export function FindDialog({ onClose, onPick }: { onClose: () => void; onPick: (id: string) => void }) {
  const blocks = useStudio((s) => s.flow.blocks);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const index = useMemo(
    () =>
      blocks.map((b) => {
        const parts: string[] = [b.id, blockTitle(b)];
        textOf(b.data, parts);
        return { block: b, title: blockTitle(b).toLowerCase(), id: b.id.toLowerCase(), text: parts.join('\n').toLowerCase(), preview: cutText(parts.slice(2).join(' · '), 120) };
      }),
    [blocks],
  );
  const q = query.trim().toLowerCase();
  // Blocks whose name (label or title) or id matches come first: the name starting with the words, then containing
  // them, then the id; then blocks that only hold the words in their texts (newcomer s6 #7: "Customer service" listed
  // an intent phrase and a message before the block named "Customer service team"). Flow order within each rank.
  const rank = (r: (typeof index)[number]) => (r.title === q || r.id === q ? 0 : r.title.startsWith(q) ? 1 : r.title.includes(q) ? 2 : r.id.includes(q) ? 3 : 4);
  const results = q
    ? index
        .filter((r) => r.text.includes(q))
        .map((r, i) => ({ r, i, k: rank(r) }))
        .sort((a, b) => a.k - b.k || a.i - b.i)
        .map((x) => x.r)
        .slice(0, 30)
    : [];
  return (
    <Dialog title="Find a block" onClose={onClose}>
      <input
        className="bt-input"
        autoFocus
        placeholder="Type any text of a block"
        aria-label="Find a block"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && results[active]) onPick(results[active].block.id);
          else return;
          e.preventDefault();
        }}
      />
      <ul className="st-find-results" role="listbox" aria-label="Results">
        {results.map((r, i) => (
          <li key={r.block.id} role="option" aria-selected={i === active} onClick={() => onPick(r.block.id)}>
            <Icon name={kindInfo(r.block.kind).icon} size={14} />
            <span className="st-find-title"><ShownDirection text={blockTitle(r.block)} /></span>
            <span className="st-find-id">{r.block.id}</span>
            <span className="st-find-preview"><ShownDirection text={r.preview} /></span>
          </li>
        ))}
        {q && results.length === 0 && <li className="st-empty">No block contains “<ShownDirection text={query} />”.</li>}
      </ul>
    </Dialog>
  );
}
