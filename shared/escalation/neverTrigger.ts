/**
 * The policy's `neverTrigger` words: phrases a business uses that look like a signal and are not (a
 * product called "Rage Red", a town called "Hurry"). They are removed from the message before the text
 * detectors read it, so no rule and no classifier can fire on them; the rest of the message still counts.
 *
 * Matched on words, not with one big regular expression: the list is compiled once (per list, cached) into a
 * word trie, and a message costs one trie walk per word whatever the list's size. (Session 5: a regex of the
 * alternatives cost 0.1-1 s per message with 2-10k entries, and a phrase of ~8k words made V8 refuse the regex as
 * "too large", a SyntaxError the runtime answered every customer message with.) A word is a run of letters and
 * digits, compared in lower case without accents; anything else between words (spaces, punctuation) is a
 * separator, so "Rage-Red" and "rage  red" are the same phrase. Each entry also counts in its normalised
 * spelling (normalizeText: "pls" -> "please"), as before.
 */
import { analyzeText } from '../nlu/analyzeText';
import { normalizeText } from '../nlu/normalizeText';
import type { TurnFacts } from './types';

interface Node {
  next: Map<string, Node>;
  /** A phrase ends here. */
  end: boolean;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const wordKey = (w: string) => w.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
const wordsOf = (text: string) => [...text.matchAll(WORD)].map((m) => wordKey(m[0])).filter((w) => w !== '');

const compiled = new WeakMap<readonly string[], Node | null>();

function trieOf(phrases: readonly string[]): Node | null {
  let root = compiled.get(phrases);
  if (root === undefined) {
    const r: Node = { next: new Map(), end: false };
    let any = false;
    const add = (words: string[]) => {
      if (words.length === 0) return;
      let n = r;
      for (const w of words) {
        let c = n.next.get(w);
        if (c === undefined) n.next.set(w, (c = { next: new Map(), end: false }));
        n = c;
      }
      n.end = any = true;
    };
    for (const p of phrases) {
      add(wordsOf(p));
      add(wordsOf(normalizeText(p)));
    }
    root = any ? r : null;
    compiled.set(phrases, root);
  }
  return root;
}

/** `text` without the listed phrases (the longest one wins where several start at the same word), or null when none is in it. */
export function removeNeverTrigger(text: string, phrases: readonly string[]): string | null {
  const root = trieOf(phrases);
  if (root === null) return null;
  const words = [...text.matchAll(WORD)];
  const keys = words.map((w) => wordKey(w[0]));
  const cuts: [number, number][] = [];
  for (let i = 0; i < words.length; ) {
    let n: Node | undefined = root;
    let endAt = -1;
    for (let k = i; k < words.length; k++) {
      n = n.next.get(keys[k]);
      if (n === undefined) break;
      if (n.end) endAt = k;
    }
    if (endAt < 0) {
      i++;
      continue;
    }
    cuts.push([words[i].index, words[endAt].index + words[endAt][0].length]);
    i = endAt + 1;
  }
  if (cuts.length === 0) return null;
  let out = '';
  let from = 0;
  for (const [a, b] of cuts) {
    out += text.slice(from, a);
    from = b;
  }
  out += text.slice(from);
  return out.replace(/\s{2,}/g, ' ').trim();
}

export function withoutNeverTrigger(facts: TurnFacts, words: readonly string[]): TurnFacts {
  if (words.length === 0) return facts;
  const text = removeNeverTrigger(facts.text, words);
  return text === null ? facts : { ...facts, analysis: analyzeText(text), typedAnalysis: facts.typedAnalysis ?? facts.analysis };
}
