/**
 * Newcomer s26 F15: a connection dropped on empty canvas opens this small block picker at the drop point (as Typebot,
 * Botpress and React Flow's "add node on edge drop" example do). The chosen block is created there, connected from the
 * exit the connection came from (one undo step: insertBlock.ts addConnectedEdit). Type to filter; arrows and Enter
 * choose; Escape or a click outside closes it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Icon } from '../../ui/Icon';
import { ShownDirection } from '../../ui/ShownDirection';
import type { Flow } from '../../../shared/flow/schema';
import { blockTitle, exitLabels, groupColor, paletteEntries, type PaletteEntry } from '../blockCatalog';

export interface DropPickerProps {
  /** Where to draw it, in pixels from the canvas's top-left corner. */
  left: number;
  top: number;
  /** The canvas's size: near its right or bottom edge the picker slides left / up just enough to stay inside. */
  bounds?: { width: number; height: number };
  /** "after “Human takeover” › No agent": what the new block will be connected from. */
  title: string;
  onPick(entry: PaletteEntry): void;
  onClose(): void;
}

const WIDTH = 260;
const HEIGHT = 320;

export function DropPicker({ left, top, bounds, title, onPick, onClose }: DropPickerProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const entries = useMemo(() => paletteEntries().flatMap((g) => g.entries), []);
  const q = query.trim().toLowerCase();
  const shown = entries.filter((e) => !q || e.label.toLowerCase().includes(q) || e.description.toLowerCase().includes(q) || e.kind.includes(q));

  useEffect(() => input.current?.focus(), []);
  useEffect(() => setActive(0), [q]);

  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onPointer = (e: PointerEvent | MouseEvent) => {
      const t = e.target as Node | null;
      if (t && box.current?.contains(t)) return;
      close.current();
    };
    document.addEventListener('pointerdown', onPointer, true);
    return () => document.removeEventListener('pointerdown', onPointer, true);
  }, []);

  // Kept inside the canvas, as near the drop point as it fits: slid left / up just enough near the right or bottom edge
  // (newcomer s39 N7: flipped to the left of and above the drop point, it covered the block the connection came from).
  const x = bounds && left + WIDTH > bounds.width - 4 ? Math.max(4, bounds.width - 4 - WIDTH) : left;
  const y = bounds && top + HEIGHT > bounds.height - 4 ? Math.max(4, bounds.height - 4 - HEIGHT) : top;

  return (
    <div
      ref={box}
      className="st-drop-picker nowheel nodrag nopan"
      role="dialog"
      aria-label="Add a block here"
      style={{ left: x, top: y }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        } else if (e.key === 'ArrowDown') {
          e.preventDefault();
          setActive((i) => Math.min(shown.length - 1, i + 1));
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          setActive((i) => Math.max(0, i - 1));
        } else if (e.key === 'Enter' && shown[active]) {
          e.preventDefault();
          onPick(shown[active]);
        }
      }}
    >
      <p className="st-drop-picker-title">Add a block <ShownDirection text={title} /></p>
      <input ref={input} className="bt-input st-drop-picker-input" type="search" placeholder="Search blocks" aria-label="Search blocks to add" value={query} onChange={(e) => setQuery(e.target.value)} />
      <ul role="listbox" aria-label="Blocks">
        {shown.map((entry, i) => (
          <li key={entry.kind} role="option" aria-selected={i === active}>
            <button type="button" data-kind={entry.kind} title={entry.description} onMouseEnter={() => setActive(i)} onClick={() => onPick(entry)}>
              <span className="st-palette-icon" style={{ color: groupColor(entry.group), background: `color-mix(in srgb, ${groupColor(entry.group)} 12%, transparent)` }}>
                <Icon name={entry.icon} size={14} />
              </span>
              {entry.label}
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="st-empty">No block matches “{query}”.</li>}
      </ul>
    </div>
  );
}

/**
 * Session 42 (studio3): a connection dropped on a block's body that the flow does not allow (into Start, an exit that
 * already leads somewhere, a block with no exits) says why where it was let go, for a few seconds, instead of doing
 * nothing. Any click or Escape closes it. Beside the drop point: to its right, or to its left near the canvas's right edge.
 */
export function DropRefusal({ left, top, side = 'right', text, onClose }: { left: number; top: number; side?: 'left' | 'right'; text: string; onClose(): void }) {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const t = setTimeout(() => close.current(), 6000);
    const onDown = () => close.current();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close.current();
    document.addEventListener('pointerdown', onDown, true);
    window.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(t);
      document.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [text, left, top]);
  return (
    <div className="st-drop-refusal nodrag nopan" role="alert" data-side={side} style={{ left, top }}>
      Not connected: <ShownDirection text={text} />
    </div>
  );
}

/**
 * A refused connection's reason (canConnect's words) with blocks named by their titles, as the canvas shows them, and an
 * exit named only when the block has several: "Exit 'next' of 'hello' (Message) already leads to 'bye'" reads
 * "“Message” already leads to “Goodbye”".
 */
export function plainConnectReason(reason: string, flow: Flow): string {
  const byName = (name: string) => flow.blocks.find((b) => b.id === name) ?? flow.blocks.find((b) => b.label === name);
  return reason
    .replace(/Exit '([^']+)' of '([^']+)' \([^)]+\)/g, (whole, exit: string, name: string) => {
      const b = byName(name);
      if (!b) return whole;
      const exits = exitLabels(b);
      return exits.length > 1 ? `“${blockTitle(b)}” › “${exits.find((x) => x.exit === exit)?.label ?? exit}”` : `“${blockTitle(b)}”`;
    })
    .replace(/'([^']+)' \([^)]+\)/g, (whole, name: string) => {
      const b = byName(name);
      return b ? `“${blockTitle(b)}”` : whole;
    })
    .replace(/(leads to|connect to) '([^']+)'/g, (whole, verb: string, id: string) => {
      const b = flow.blocks.find((x) => x.id === id);
      return b ? `${verb} “${blockTitle(b)}”` : whole;
    });
}
