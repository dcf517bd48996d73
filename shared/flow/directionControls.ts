/**
 * Session 43 (studio6, newcomer s43 N1): a direction override, embedding or isolate (U+202A-U+202E, U+2066-U+2069)
 * in any text the flow stores shows the letters after it in another order than they were typed ("talk to \u202Ea human"
 * reads "talk to namuh a"), on the canvas, in the widget and in the inbox, and nobody can see the character itself.
 * Session 42 warned about it in a sensitive topic's name only; this finds it in every stored text: the flow's name and
 * description, block labels and every string inside a block's data (messages, button labels, option ids...), the
 * variables' defaults and descriptions, the settings and the escalation policy (phrases, Never trigger, messages).
 * Plain direction marks (U+200E, U+200F) and Arabic or Hebrew text are left alone: they do not reorder what was typed.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { Flow } from './schema';

const ONE = /[\u202A-\u202E\u2066-\u2069]/u;
const ALL = /[\u202A-\u202E\u2066-\u2069]/gu;

/** True when `text` holds a direction override, embedding or isolate. */
export function hasDirectionControl(text: string): boolean {
  return ONE.test(text);
}

/** `text` without its direction overrides, embeddings and isolates. */
export function withoutDirectionControls(text: string): string {
  return text.replace(ALL, '');
}

/** A copy of a JSON value with every string cleaned (the same object when nothing changed). */
export function cleanDirectionControls<T>(value: T): T {
  if (typeof value === 'string') return (hasDirectionControl(value) ? withoutDirectionControls(value) : value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const c = cleanDirectionControls(v);
      if (c !== v) changed = true;
      return c;
    });
    return (changed ? out : value) as T;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const c = cleanDirectionControls(v);
      if (c !== v) changed = true;
      out[k] = c;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

export interface DirectionHit {
  /** Path segments of the string, from the flow document's root. */
  path: (string | number)[];
  /** The block the string belongs to, when it is in a block. */
  blockId: string | null;
  text: string;
}

function walk(value: unknown, path: (string | number)[], blockId: string | null, out: DirectionHit[], skip?: (path: (string | number)[]) => boolean) {
  if (typeof value === 'string') {
    if (hasDirectionControl(value) && !skip?.(path)) out.push({ path: [...path], blockId, text: value });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      path.push(i);
      walk(v, path, blockId, out, skip);
      path.pop();
    });
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      path.push(k);
      walk(v, path, blockId, out, skip);
      path.pop();
    }
  }
}

/**
 * Every stored text of `flow` with a direction control, in document order. A sensitive topic's name is left out: it
 * has its own warning (topic_name_direction, session 42).
 */
export function directionHits(flow: Pick<Flow, 'blocks'> & Partial<Pick<Flow, 'name' | 'description' | 'variables' | 'settings' | 'escalation'>>): DirectionHit[] {
  const out: DirectionHit[] = [];
  if (typeof flow.name === 'string') walk(flow.name, ['name'], null, out);
  if (typeof flow.description === 'string') walk(flow.description, ['description'], null, out);
  flow.blocks.forEach((b, i) => {
    if (typeof b.label === 'string') walk(b.label, ['blocks', i, 'label'], b.id, out);
    walk(b.data, ['blocks', i, 'data'], b.id, out);
  });
  (flow.variables ?? []).forEach((v, i) => walk(v, ['variables', i], null, out));
  if (flow.settings) walk(flow.settings, ['settings'], null, out);
  if (flow.escalation) {
    walk(flow.escalation, ['escalation'], null, out, (p) => p[1] === 'sensitiveTopics' && p[2] === 'topics' && p[4] === 'name' && p.length === 5);
  }
  return out;
}

/** Plain words for a path segment: "explicitRequest" -> "explicit request", "sensitiveTopics" -> "sensitive topics". */
function words(seg: string): string {
  return seg.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}
/** "phrases" -> "phrase", "options" -> "option", "entries" -> "entry" (an array's name beside one of its items). */
function singular(w: string): string {
  if (/ies$/.test(w)) return w.replace(/ies$/, 'y');
  if (/(ss|sh|ch|x)es$/.test(w)) return w.replace(/es$/, '');
  return w.replace(/s$/, '');
}
const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/**
 * The words for where a hit is, as a designer reads them (session 44, ui8, newcomer s44 N5: it was the document path,
 * "escalation › explicitRequest › phrases › 1", "options › 1 › label"): "text", "option 1's label", "Escalation ›
 * Explicit request phrase 2" (Flow settings' tab, then the field), "variable 1's default". Numbers count from 1.
 */
export function directionWhere(path: readonly (string | number)[]): string {
  const inBlock = path[0] === 'blocks';
  const tab = !inBlock && (path[0] === 'escalation' || path[0] === 'settings') ? path[0] : null;
  const parts = inBlock ? path.slice(path[2] === 'data' ? 3 : 2) : tab !== null ? path.slice(1) : path;
  let out = '';
  let afterItem = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p === 'number') continue;
    const next = parts[i + 1];
    const w = typeof next === 'number' ? `${singular(words(p))} ${next + 1}` : words(p);
    out = out === '' ? w : afterItem ? `${out}'s ${w}` : `${out} ${w}`;
    afterItem = typeof next === 'number';
  }
  if (tab === 'escalation') return out === '' ? 'Escalation' : `Escalation › ${cap(out)}`;
  return out;
}

const CONTROL_NAMES: Record<string, string> = {
  '202a': 'left-to-right embedding',
  '202b': 'right-to-left embedding',
  '202c': 'end of an embedding or override',
  '202d': 'left-to-right override',
  '202e': 'right-to-left override',
  '2066': 'left-to-right isolate',
  '2067': 'right-to-left isolate',
  '2068': 'first-strong isolate',
  '2069': 'end of an isolate',
};

/**
 * Session 44 (ui8, N5): the first hidden direction character of `text` in words ("right-to-left override, U+202E"), not
 * a programmer's escape ("\u202e"). Null when there is none.
 */
export function directionControlName(text: string): string | null {
  const c = ONE.exec(text)?.[0];
  if (c === undefined) return null;
  const hex = c.codePointAt(0)!.toString(16).padStart(4, '0');
  return `${CONTROL_NAMES[hex] ?? 'direction control'}, U+${hex.toUpperCase()}`;
}
