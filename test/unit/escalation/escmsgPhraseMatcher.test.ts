/**
 * Session 9 (hostile s8 #4): the designer-phrase matcher is an automaton, so a list of long look-alike phrases
 * ("a a a ... a b1") against a long message of "a a a ..." reads each word of the message once, where the
 * old scan compared every phrase word by word at every word (83-98 ms per 4,000-character message). Its answers
 * are the old scan's: the match that starts first, the phrase listed first among those starting there.
 * Work is counted (word reads), not timed; timing is in test/bench.
 */
import { describe, expect, it } from 'vitest';
import { phraseMatcher, type PhraseHit } from '../../../shared/escalation/phraseMatcher';

/** The matcher before session 9, kept here as the reference for its answers. */
function scanMatcher(phrases: string[]) {
  const lists = phrases.map((p) => p.trim().split(/\s+/).filter((w) => w !== '')).filter((w) => w.length > 0);
  return (toks: string[], from = 0): PhraseHit | null => {
    for (let i = from; i < toks.length; i++) {
      for (const words of lists) {
        if (words[0] !== toks[i] || i + words.length > toks.length) continue;
        let ok = true;
        for (let k = 1; k < words.length && ok; k++) ok = toks[i + k] === words[k];
        if (ok) return { at: i, phrase: words.join(' '), length: words.length };
      }
    }
    return null;
  };
}

/** A token list that counts how often its words are read. */
function counted(words: string[]): { toks: string[]; reads: () => number } {
  let n = 0;
  const toks = new Proxy(words, {
    get(target, key, recv) {
      if (typeof key === 'string' && /^\d+$/.test(key)) n++;
      return Reflect.get(target, key, recv);
    },
  });
  return { toks, reads: () => n };
}

describe('phraseMatcher (escmsg s9)', () => {
  it('finds the phrases a designer lists, first in the message first', () => {
    const m = phraseMatcher(['talk to a human', 'human', 'a real person']);
    expect(m('can i talk to a human please'.split(' '))).toEqual({ at: 2, phrase: 'talk to a human', length: 4 });
    expect(m('is a real person there or a human'.split(' '))).toEqual({ at: 1, phrase: 'a real person', length: 3 });
    expect(m('where is my parcel'.split(' '))).toBeNull();
    expect(m('a human or a real person'.split(' '), 2)).toEqual({ at: 3, phrase: 'a real person', length: 3 });
  });

  it('at the same word the phrase listed first wins, as before (a longer one listed later does not)', () => {
    expect(phraseMatcher(['call me', 'call me back'])('please call me back'.split(' '))?.phrase).toBe('call me');
    expect(phraseMatcher(['call me back', 'call me'])('please call me back'.split(' '))?.phrase).toBe('call me back');
    // A phrase inside another one, starting later, still loses to the one starting first.
    expect(phraseMatcher(['me back', 'call me back now'])('call me back now'.split(' '))?.phrase).toBe('call me back now');
  });

  it('gives the old scan\'s answer on 3,000 random phrase lists and messages (overlapping, repeated words)', () => {
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const vocab = ['a', 'b', 'c', 'a', 'd'];
    const words = (n: number) => Array.from({ length: n }, () => vocab[rnd(vocab.length)]);
    for (let t = 0; t < 3000; t++) {
      const phrases = Array.from({ length: 1 + rnd(6) }, () => words(1 + rnd(4)).join(' '));
      const msg = words(rnd(14));
      const from = rnd(3);
      expect(phraseMatcher(phrases)(msg, from), `${JSON.stringify(phrases)} in "${msg.join(' ')}" from ${from}`).toEqual(scanMatcher(phrases)(msg, from));
    }
  });

  it('reads each word of a 2,000-word message once against 600 phrases of 100 look-alike words (hostile s8 #4)', () => {
    const phrases = Array.from({ length: 600 }, (_, i) => `${'a '.repeat(99)}b${i}`);
    const message = Array.from({ length: 2000 }, () => 'a');
    const { toks, reads } = counted(message);
    expect(phraseMatcher(phrases)(toks)).toBeNull();
    expect(reads()).toBeLessThanOrEqual(2000);
    // The old scan read the words of a message a tenth as long millions of times for the same answer.
    const old = counted(message.slice(0, 200));
    expect(scanMatcher(phrases)(old.toks)).toBeNull();
    expect(old.reads()).toBeGreaterThan(1_000_000);
    // And the phrase is still found when the message has it, at its place.
    const hit = phraseMatcher(phrases)([...message.slice(0, 1500), 'b7', 'c']);
    expect(hit).toEqual({ at: 1401, phrase: `${'a '.repeat(99)}b7`, length: 100 });
  });
});
