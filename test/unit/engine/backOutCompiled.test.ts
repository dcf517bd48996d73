/**
 * Session 37 (perf): the refusal reader's rules are compiled into automata (shared/engine/backOut.ts) instead of being
 * parser combinators tried at every word position (session 36's reader, kept as the reference in backOutCombinators.ts).
 * The two must agree on every text: texts generated from the rules themselves (random walks through each pattern, with
 * words dropped, swapped, inserted, the checks' phrases put after them, surface forms such as "don't", "I'll", "nah",
 * addresses and punctuation), and every customer text of the escalation fixtures. Each text is read by all four readers
 * (backsOut with and without the bare "cancel", refusesAPerson, declinesEmailBeside).
 *
 * Two checks: the compiled automata against the patterns read as the combinators read them (an interpreter here: it
 * holds for any rule), and the four readers against session 36's reader (backOutCombinators.ts, a frozen copy of its
 * rules). The second is the migration's proof: a later change to a rule makes it differ by design; then retire
 * backOutCombinators.ts and that block (the first still checks the compiler).
 *
 *   BACKOUT_TEXTS=200000 npx vitest run test/unit/engine/backOutCompiled.test.ts   (more generated texts; default 20,000)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as compiled from '../../../shared/engine/backOut';
import { compile, refusalRules, wordsOf, type Pattern } from '../../../shared/engine/backOut';
import * as reference from './backOutCombinators';
import { mulberry32 as rng } from '../../../scripts/train-escalation/grammar';

/** Every word of every phrase in the patterns (the vocabulary the mutations draw from). */
function vocabulary(p: Pattern, into: Set<string>): Set<string> {
  if ('phrases' in p) for (const ph of p.phrases) for (const w of ph) into.add(w);
  else if ('parts' in p) for (const q of p.parts) vocabulary(q, into);
  else vocabulary(p.part, into);
  return into;
}

/** One random walk through `p`: the words of a text it should match, mostly (the checks' phrases sometimes follow). */
function walk(p: Pattern, r: () => number, out: string[], vocab: readonly string[]): void {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  switch (p.kind) {
    case 'words':
      out.push(...pick(p.phrases));
      return;
    case 'seq':
      for (const q of p.parts) walk(q, r, out, vocab);
      return;
    case 'alt':
      walk(pick(p.parts), r, out, vocab);
      return;
    case 'opt':
      if (r() < 0.5) walk(p.part, r, out, vocab);
      return;
    case 'star':
      while (r() < 0.45) walk(p.part, r, out, vocab);
      return;
    case 'notBefore':
    case 'clauseEnds': {
      // The words after the check: one of its phrases, another word of the grammar, or the message's end.
      const x = r();
      if (x < 0.35) out.push(...pick(p.phrases));
      else if (x < 0.6) out.push(pick(vocab));
      return;
    }
  }
}

const FILLERS = ['my', 'order', 'please', 'i', 'want', 'to', 'the', 'a', 'no', 'not', 'now', 'it', 'that', 'person', 'email', 'just', 'so', 'and', 'really', 'ok', 'thanks', 'hi', 'wait', 'refund', 'parcel', 'is', 'was', 'help', 'me'];
const SURFACE: ReadonlyArray<[RegExp, string]> = [
  [/\bdo not\b/g, "don't"], [/\bi will\b/g, "I'll"], [/\bi am\b/g, "I'm"], [/\bwill not\b/g, 'wont'], [/\bno\b/g, 'nah'],
  [/\bi would\b/g, "I'd"], [/\bi have\b/g, "I've"], [/\bokay\b/g, 'k'], [/\bplease\b/g, 'pls'], [/\bthanks\b/g, 'thx'],
  [/\bwould not\b/g, "wouldn't"], [/\byou\b/g, 'u'], [/\bemail\b/g, 'e-mail'], [/\bnever mind\b/g, 'never-mind'],
];

/** Texts generated from the rules (see the header). */
function generated(count: number, seed: number): string[] {
  const r = rng(seed); // seeded: the same texts on every run
  const rules = Object.values(refusalRules);
  const vocab = [...rules.reduce((s, p) => vocabulary(p, s), new Set<string>())];
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const texts: string[] = [];
  while (texts.length < count) {
    let w: string[] = [];
    walk(pick(rules), r, w, vocab);
    // Around it: nothing, fillers, grammar words, or the walk of another rule.
    const around = (): string[] => {
      const x = r();
      if (x < 0.4) return [];
      if (x < 0.6) return Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(FILLERS));
      if (x < 0.8) return Array.from({ length: 1 + Math.floor(r() * 2) }, () => pick(vocab));
      const more: string[] = [];
      walk(pick(rules), r, more, vocab);
      return more;
    };
    w = [...around(), ...w, ...around()];
    // Mutations: drop a word, swap two, replace one with a grammar word or a filler.
    const mutations = r() < 0.5 ? 0 : 1 + Math.floor(r() * 2);
    for (let m = 0; m < mutations && w.length > 0; m++) {
      const i = Math.floor(r() * w.length);
      const x = r();
      if (x < 0.3) w.splice(i, 1);
      else if (x < 0.55 && w.length > 1) {
        const j = Math.floor(r() * w.length);
        [w[i], w[j]] = [w[j], w[i]];
      } else if (x < 0.8) w[i] = pick(vocab);
      else w.splice(i, 0, pick(FILLERS));
    }
    let t = w.join(' ');
    for (const [re, to] of SURFACE) if (r() < 0.15) t = t.replace(re, to);
    const x = r();
    if (x < 0.08) t = `${t} ana.lee@example.com`;
    else if (x < 0.12) t = `kim@x.org, ${t}`;
    else if (x < 0.2) t = t.replace(/ /, ', ');
    else if (x < 0.26) t = `${t}!`;
    else if (x < 0.3) t = `${t}...`;
    if (r() < 0.1) t = t.toUpperCase();
    else if (r() < 0.2) t = t.charAt(0).toUpperCase() + t.slice(1);
    texts.push(t);
  }
  return texts;
}

/** Every customer text of the escalation fixtures (labelled, held-out, the written corpora). */
function fixtureTexts(): string[] {
  const out = new Set<string>();
  for (const dir of ['test/fixtures/escalation', 'test/fixtures/escalation-corpus']) {
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.jsonl')) continue;
      for (const line of readFileSync(`${dir}/${f}`, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const o = JSON.parse(line) as { text?: string; turns?: unknown[] };
        if (typeof o.text === 'string') out.add(o.text);
        for (const t of o.turns ?? []) if (typeof t === 'string') out.add(t);
      }
    }
  }
  return [...out];
}

type Reader = typeof reference;
const read = (m: Reader, t: string): string =>
  [m.backsOut(t), m.backsOut(t, false), m.refusesAPerson(t), m.declinesEmailBeside(t)].map((b) => (b ? 1 : 0)).join('');

/** The texts where the readers differ (at most 20, for the failure message), and how many of each reader said yes. */
function compare(texts: readonly string[]): { differ: string[]; yes: number[] } {
  const differ: string[] = [];
  const yes = [0, 0, 0, 0];
  for (const t of texts) {
    const a = read(reference, t);
    const b = read(compiled as Reader, t);
    if (a !== b && differ.length < 20) differ.push(`${JSON.stringify(t)}: reference ${a}, compiled ${b}`);
    for (let k = 0; k < 4; k++) if (b[k] === '1') yes[k]++;
  }
  return { differ, yes };
}

/**
 * The patterns read as session 36's combinators read them (the reference semantics): every word position a pattern can
 * end at, from word `i` of `w`.
 */
function ends(p: Pattern, w: readonly string[], i: number): number[] {
  const union = (xs: number[]): number[] => [...new Set(xs)];
  const phraseAt = (phrases: readonly (readonly string[])[], j: number): boolean => phrases.some((ph) => ph.every((x, k) => w[j + k] === x));
  switch (p.kind) {
    case 'words':
      return union(p.phrases.filter((ph) => ph.every((x, k) => w[i + k] === x)).map((ph) => i + ph.length));
    case 'seq': {
      let at = [i];
      for (const part of p.parts) {
        at = union(at.flatMap((j) => ends(part, w, j)));
        if (at.length === 0) return [];
      }
      return at;
    }
    case 'alt':
      return union(p.parts.flatMap((part) => ends(part, w, i)));
    case 'opt':
      return union([i, ...ends(p.part, w, i)]);
    case 'star': {
      const seen = [i];
      for (let edge = [i]; edge.length > 0; ) {
        edge = union(edge.flatMap((j) => ends(p.part, w, j).filter((e) => e > j && !seen.includes(e))));
        seen.push(...edge);
      }
      return seen;
    }
    case 'notBefore':
      return phraseAt(p.phrases, i) ? [] : [i];
    case 'clauseEnds':
      return i === w.length || phraseAt(p.phrases, i) ? [i] : [];
  }
}

describe('the compiled automata read every rule as its pattern says (backOut.ts compile)', () => {
  it('anywhere, whole and prefixes, on the words of generated and fixture texts', () => {
    const lists = [...generated(Number(process.env.BACKOUT_TEXTS ?? 20_000), 38), ...fixtureTexts()].map(wordsOf);
    const differ: string[] = [];
    const matched: Record<string, number> = {};
    for (const [name, rule] of Object.entries(refusalRules)) {
      const a = compile(rule);
      matched[name] = 0;
      for (const w of lists) {
        const atStart = ends(rule, w, 0);
        const anywhere = atStart.length > 0 || w.some((_, i) => i > 0 && ends(rule, w, i).length > 0);
        const whole = atStart.includes(w.length);
        // Session 38: and the prefixes it matches (emailRefusedThen reads what follows them).
        const prefixes = name === 'EMAIL_PUT_OFF' ? atStart.filter((e) => e > 0).sort((x, y) => x - y).join(',') : null;
        if (anywhere) matched[name]++;
        if ((a.anywhere(w) !== anywhere || a.whole(w) !== whole || (prefixes !== null && a.prefixEnds(w).join(',') !== prefixes)) && differ.length < 20) differ.push(`${name} on ${JSON.stringify(w.join(' '))}: anywhere ${anywhere}, whole ${whole}, prefixes ${prefixes}`);
      }
    }
    expect(differ).toEqual([]);
    // Every rule is met often enough for the agreement to mean something.
    for (const [name, n] of Object.entries(matched)) expect(n, name).toBeGreaterThan(lists.length / 200);
  }, 120_000);
});

describe('the compiled refusal reader agrees with the session-36 combinators (backOut.ts)', () => {
  it('on texts generated from the rules', () => {
    const n = Number(process.env.BACKOUT_TEXTS ?? 20_000);
    const texts = generated(n, 37);
    const { differ, yes } = compare(texts);
    expect(differ).toEqual([]);
    // The generator reaches every reader's yes often enough for the agreement to mean something (and its no).
    for (const k of yes) expect(k).toBeGreaterThan(n / 50);
    for (const k of yes) expect(k).toBeLessThan(n * 0.9);
  }, 120_000);

  it('on every customer text of the escalation fixtures', () => {
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(10_000);
    expect(compare(texts).differ).toEqual([]);
  }, 120_000);

  it('on the same text read twice, and another text between (the last text\'s words are kept)', () => {
    for (const t of ["no, I don't want a person", 'never mind', 'no email, just get me a person', 'hello']) {
      const first = read(compiled as Reader, t);
      read(compiled as Reader, 'something else entirely');
      expect(read(compiled as Reader, t)).toBe(first);
      expect(read(compiled as Reader, t)).toBe(read(reference, t));
    }
  });
});
