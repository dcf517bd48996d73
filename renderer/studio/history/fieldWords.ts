/**
 * A changed field of the version history in the inspector's words (newcomer s14 #15: "Field data.options[0].synonyms"
 * with raw JSON arrays): a block's field by its inspector title, list items numbered from 1 under the list's singular
 * title ("Button 1 › Synonyms"); a flow-level field as Flow settings names it ("Language"). Lists of words are shown
 * as lists, with what a version adds or drops against the flow now. Pure.
 */
import { documentFieldWords } from '../../../runtime/studio/diffFlows';
export { blockFieldWords } from '../../../runtime/studio/blockFieldWords';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A flow-level field ("settings.language" -> "Language"). */
export function settingWords(path: string): string {
  return capital(documentFieldWords(path));
}

const isWordList = (v: unknown): v is Array<string | number | boolean> => Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null);

/** A value as a designer reads it: text as written, a list of words as "a", "b", yes/no, "(not set)". */
export function valueWords(v: unknown): string {
  if (v === undefined || v === null) return '(not set)';
  if (typeof v === 'string') return v === '' ? '(empty)' : v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (isWordList(v)) return v.length === 0 ? '(none)' : v.map((x) => `"${String(x)}"`).join(', ');
  return JSON.stringify(v);
}

/** For two lists of words: what `after` adds to `before` and what it drops (null when either is not such a list). */
export function listChange(before: unknown, after: unknown): { added: string[]; removed: string[] } | null {
  if (!isWordList(before) || !isWordList(after)) return null;
  const b = new Set(before.map(String));
  const a = new Set(after.map(String));
  return { added: [...a].filter((x) => !b.has(x)), removed: [...b].filter((x) => !a.has(x)) };
}
