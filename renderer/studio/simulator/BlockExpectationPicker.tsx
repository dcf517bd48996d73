/**
 * Session 49 (studio17, newcomer s47 N5's leftover): a scenario's block expectations (waitingAt, reaches, notReaches)
 * picked by the blocks' names on the canvas. Session 48 showed the names, but the edit box still took and showed ids
 * ("human-takeover-1" where the canvas says "Workshop team"). Now:
 * - waitingAt: one choice in a list: "Waits nowhere" (null) or a block by its canvas name;
 * - reaches / notReaches: blocks ticked in a list (one or more), with a search by name or id when the flow is long.
 * Each block's id is in its tooltip. The file keeps ids as before, so older scenario files load unchanged; an id no
 * block has now (a deleted block) is listed, chosen, and says so, so nothing the file held is lost by opening the editor.
 */
import { useId, useState } from 'react';
import type { Block } from '../../../shared/flow/schema';
import { problemBlockName } from '../hooks/designerWords';
import { withoutDirection } from '../../ui/ShownDirection';

export const BLOCK_EXPECTATIONS: ReadonlySet<string> = new Set(['waitingAt', 'reaches', 'notReaches']);

/** How many blocks a list shows before a search box is offered. */
const SEARCH_FROM = 8;

interface Choice {
  id: string;
  name: string;
  /** False: no block of the flow has this id now (kept from the file). */
  known: boolean;
}

/** The flow's blocks as the canvas names them, then the ids in `value` that no block has now. */
export function blockChoices(blocks: readonly Block[], value: unknown): Choice[] {
  const list: Choice[] = blocks.map((b) => ({ id: b.id, name: withoutDirection(problemBlockName(b, blocks)), known: true }));
  const wanted = Array.isArray(value) ? value : [value];
  for (const id of wanted) if (typeof id === 'string' && id !== '' && !list.some((c) => c.id === id)) list.push({ id, name: id, known: false });
  return list;
}

/** The ids an expectation's value names (a string or a list of strings; null: none). */
export function chosenIds(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

/** The value to store for the chosen ids: one id as a string (as the files write it), more as a list; none: null. */
export function valueOfChosen(ids: readonly string[]): string | string[] | null {
  if (ids.length === 0) return null;
  return ids.length === 1 ? ids[0] : [...ids];
}

export interface BlockExpectationPickerProps {
  /** waitingAt, reaches or notReaches. */
  exp: string;
  blocks: readonly Block[];
  /** The value as the file holds it (ids; null for waitingAt "waits nowhere"). */
  value: unknown;
  /** The new value (ids): a string, a list, or null (waitingAt only, or nothing ticked). */
  onChange(value: string | string[] | null): void;
  /** The accessible name of the control ("Value of waitingAt in step 3"). */
  label: string;
  describedBy?: string;
  invalid?: boolean;
}

export function BlockExpectationPicker({ exp, blocks, value, onChange, label, describedBy, invalid }: BlockExpectationPickerProps) {
  const choices = blockChoices(blocks, value);
  const chosen = chosenIds(value);
  const [search, setSearch] = useState('');
  // The ticked blocks first (seen at once in a flow of 46 blocks), as they were when the list opened; then the flow's order.
  const [first] = useState(() => chosen);
  const id = useId();
  if (exp === 'waitingAt') {
    const current = typeof value === 'string' ? value : '';
    const picked = choices.find((c) => c.id === current);
    return (
      <select
        className="sim-block-pick"
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        title={picked ? (picked.known ? `Block id: ${picked.id}` : `No block has the id ${picked.id} now`) : 'The bot waits at no block (the chat ended or is with a person)'}
        value={current}
        autoFocus
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">Waits nowhere (the chat ended or is with a person)</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id} title={c.known ? `Block id: ${c.id}` : `No block has the id ${c.id} now`}>
            {c.known ? c.name : `${c.id} (no block has this id now)`}
          </option>
        ))}
      </select>
    );
  }
  const t = search.trim().toLowerCase();
  const ordered = [...first.map((x) => choices.find((c) => c.id === x)!).filter(Boolean), ...choices.filter((c) => !first.includes(c.id))];
  const shown = t === '' ? ordered : ordered.filter((c) => chosen.includes(c.id) || c.name.toLowerCase().includes(t) || c.id.toLowerCase().includes(t));
  const toggle = (c: Choice, on: boolean) => {
    // The file's order is kept; a newly ticked block goes last.
    const next = on ? [...chosen.filter((x) => x !== c.id), c.id] : chosen.filter((x) => x !== c.id);
    onChange(valueOfChosen(next));
  };
  return (
    <div className="sim-block-picks" role="group" aria-label={label} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
      {choices.length > SEARCH_FROM && (
        <input
          className="sim-block-search"
          type="search"
          aria-label={`Find a block (${label})`}
          placeholder="Find a block by name"
          value={search}
          autoFocus
          onChange={(e) => setSearch(e.target.value)}
        />
      )}
      <ul className="sim-block-list" id={`${id}-list`}>
        {shown.map((c) => (
          <li key={c.id}>
            <label className="bt-check" title={c.known ? `Block id: ${c.id}` : `No block has the id ${c.id} now`}>
              <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => toggle(c, e.target.checked)} />
              <span>{c.known ? c.name : `${c.id} (no block has this id now)`}</span>
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="sim-muted">No block's name holds “{search.trim()}”.</li>}
      </ul>
    </div>
  );
}
