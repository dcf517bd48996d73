// Session 43 (perf, issue 8): emergencyWordOf's shape filter (first letter, last letter, length) answers most words with
// one look-up; it must never drop a word the unfiltered reading (emergencySlipOf, session 42's) puts right.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMERGENCY_VOCABULARY, emergencySlipOf, emergencySpellingOf, emergencyWordOf } from '../../../shared/escalation/emergencySpelling';

/** The vocabulary the slips are of (the module's own list: a word added there is checked here too). */
const VOCABULARY = EMERGENCY_VOCABULARY;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every string one edit from `w`: a letter left out, replaced or added anywhere, two neighbours swapped. */
function oneEdit(w: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < w.length; i++) {
    out.add(w.slice(0, i) + w.slice(i + 1));
    if (i + 1 < w.length) out.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    for (const c of LETTERS) out.add(w.slice(0, i) + c + w.slice(i + 1));
  }
  for (let i = 0; i <= w.length; i++) for (const c of LETTERS) out.add(w.slice(0, i) + c + w.slice(i));
  return out;
}

describe('emergency spelling: the shape filter (session 43)', () => {
  it('answers every one-edit neighbour of the vocabulary as the unfiltered reading does, and puts right the slips it should', () => {
    let checked = 0;
    let putRight = 0;
    for (const w of VOCABULARY) {
      for (const t of oneEdit(w)) {
        const want = emergencySlipOf(t);
        expect(emergencyWordOf(t), t).toBe(want);
        checked++;
        if (want !== null) putRight++;
      }
    }
    // Not an empty comparison: thousands of neighbours, hundreds of them put right.
    expect(checked).toBeGreaterThan(20_000);
    expect(putRight).toBeGreaterThan(500);
    expect(emergencyWordOf('stoped')).toBe('stopped');
    expect(emergencyWordOf('breathin')).toBe('breathing');
    expect(emergencyWordOf('siezure')).toBe('seizure');
    expect(emergencyWordOf('colllapsed')).toBe('collapsed');
  });

  it('answers every word of the corpus, the labelled sets and the sample flows as the unfiltered reading does', () => {
    const words = new Set<string>();
    const read = (dir: URL, keep: (f: string) => boolean) => {
      for (const f of readdirSync(dir)) if (keep(f)) for (const w of readFileSync(new URL(f, dir), 'utf8').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) words.add(w);
    };
    read(new URL('../../fixtures/escalation-corpus/', import.meta.url), () => true);
    read(new URL('../../fixtures/escalation/', import.meta.url), (f) => f.endsWith('.jsonl'));
    read(new URL('../../fixtures/escalation-blind/', import.meta.url), (f) => f.endsWith('.jsonl'));
    read(new URL('../../../flows/', import.meta.url), (f) => f.endsWith('.json'));
    expect(words.size).toBeGreaterThan(5_000);
    for (const w of words) expect(emergencyWordOf(w), w).toBe(emergencySlipOf(w));
  });

  it('finds the same message spellings with the filter (a filter that dropped a shape would fail here)', () => {
    expect(emergencySpellingOf('my son stoped breathing')).toBe('my son stopped breathing');
    expect(emergencySpellingOf('i think my mum is having a hart attack')).toBe('i think my mum is having a heart attack');
    expect(emergencySpellingOf('my baby swalowed a battery')).toBe('my baby swallowed a battery');
    expect(emergencySpellingOf('hes not breathin')).toBe('hes not breathing');
    expect(emergencySpellingOf('where is my order, it is late')).toBeNull();
  });
});
