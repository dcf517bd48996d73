/**
 * Session 46 (studio13, newcomer N14): a word-level diff of two texts, for the version history ("Now" against "In this
 * version"): which words one side has that the other has not. No diff library is installed in the project (package.json
 * has none), so this is a small longest-common-subsequence over words and the spaces between them, after trimming the
 * common start and end (an edit usually touches a few words of a long message). Past MAX_CELLS the middle is shown as one
 * change (never slow on a huge text).
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
export interface DiffPart {
  text: string;
  /** 'same' in both texts; 'removed' only in the first; 'added' only in the second. */
  kind: 'same' | 'removed' | 'added';
}

const MAX_CELLS = 4_000_000;

function words(text: string): string[] {
  return text.split(/(\s+)/u).filter((t) => t !== '');
}

function push(out: DiffPart[], text: string, kind: DiffPart['kind']): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ text, kind });
}

/** The parts of `before` and `after` in order: same, removed (only in before), added (only in after). */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = words(before);
  const b = words(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffPart[] = [];
  push(out, a.slice(0, start).join(''), 'same');
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    push(out, midA.join(''), 'removed');
    push(out, midB.join(''), 'added');
  } else {
    // lcs[i][j]: the longest common run of midA[i..] and midB[j..] (flat array, row i of width m + 1).
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--) lcs[i * w + j] = midA[i] === midB[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        push(out, midA[i], 'same');
        i++;
        j++;
      } else if (j < m && (i === n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
        push(out, midB[j], 'added');
        j++;
      } else {
        push(out, midA[i], 'removed');
        i++;
      }
    }
  }
  push(out, a.slice(endA).join(''), 'same');
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
