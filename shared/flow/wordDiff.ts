/**
 * Session 46 (studio13, newcomer N14): a word-level diff of two texts, for the version history ("Now" against "In this
 * version"): which words one side has that the other has not. Session 47: the diff itself is jsdiff's
 * `diffWordsWithSpace` (Myers' O(ND) algorithm over words, spaces and punctuation; the `diff` package) instead of the
 * hand-written LCS table session 46 wrote; past MAX_EDITS changes the middle is shown as one change (never slow on a
 * huge text).
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  text: string;
  /** 'same' in both texts; 'removed' only in the first; 'added' only in the second. */
  kind: 'same' | 'removed' | 'added';
}

/** More edits than this and the two texts are shown as one removal and one addition (jsdiff's maxEditLength). */
const MAX_EDITS = 2_000;

function push(out: DiffPart[], text: string, kind: DiffPart['kind']): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ text, kind });
}

/** The parts of `before` and `after` in order: same, removed (only in before), added (only in after). */
export function wordDiff(before: string, after: string): DiffPart[] {
  const out: DiffPart[] = [];
  if (before === after) {
    push(out, before, 'same');
    return out;
  }
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDITS });
  if (!changes) {
    push(out, before, 'removed');
    push(out, after, 'added');
    return out;
  }
  for (const c of changes) push(out, c.value, c.added ? 'added' : c.removed ? 'removed' : 'same');
  return out;
}

/**
 * One side of a diff as shown: the first text ('before': same and removed) or the second ('after': same and added), a
 * space alone between two changed words joined to them ("the hour" marked as one change, not "the" and "hour").
 */
export function diffSide(parts: DiffPart[], side: 'before' | 'after'): DiffPart[] {
  const own = side === 'before' ? 'removed' : 'added';
  const kept = parts.filter((p) => p.kind === 'same' || p.kind === own);
  const out: DiffPart[] = [];
  kept.forEach((p, i) => {
    const between = p.kind === 'same' && /^\s+$/u.test(p.text) && kept[i - 1]?.kind === own && kept[i + 1]?.kind === own;
    push(out, p.text, between ? own : p.kind);
  });
  return out;
}
