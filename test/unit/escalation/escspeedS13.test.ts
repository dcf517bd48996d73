/**
 * Session 13 (issue 11 speed, escspeed): the shortcuts that made escalation evaluation cheaper must never change what it
 * finds (every corpus turn's decision, signal, near miss and classifier probability was compared byte for byte before
 * and after); these tests pin what the shortcuts could break.
 *  - topContributors works out one output's ranked words once per message: a shorter list is the start of the longer
 *    one, whichever is asked first, and another message scored in between does not leak into the answer.
 *  - similarity with a minimum stops bounding a message as soon as even partners for every word still unread could not
 *    reach the minimum: a message whose matching words come last still reaches it, with its exact score.
 *  - phraseMatcher (its word numbering was tried and taken back, 03c136b's successor; these stay as its contract): a
 *    matcher compiled after a message was read still finds its new words in it, a word between a phrase's words still
 *    breaks it, and a caller's own array is read as it is at each call.
 *  - paddedTokens gives the line the detectors' patterns read once per message; an array that is not a message's
 *    canonical tokens is read afresh on every call (a caller may change it).
 */
import { describe, expect, it } from 'vitest';
import { canonicalTokens, paddedTokens } from '../../../shared/escalation/canonicalTokens';
import { phraseMatcher } from '../../../shared/escalation/phraseMatcher';
import { classifyMessage, topContributors } from '../../../shared/escalation/classifier/escalationClassifier';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { similarity, similarityTarget, similarityToTarget } from '../../../shared/nlu/similarity';

describe('topContributors: ranked once per message (session 13)', () => {
  const texts = [
    'I want to speak to a real person right now, this bot is useless',
    'my card was charged twice for the same order and nobody answers',
    'the heater sparked and burnt my hand',
  ];
  it('gives the start of the longer list, whichever is asked first', () => {
    for (const t of texts) {
      const first = analyzeText(t);
      const short = topContributors(first, 'explicit', 2);
      const long = topContributors(first, 'explicit', 64);
      expect(long.slice(0, 2)).toEqual(short);
      const second = analyzeText(t);
      const long2 = topContributors(second, 'negative', 64);
      expect(topContributors(second, 'negative', 3)).toEqual(long2.slice(0, 3));
    }
  });
  it('names the words that carry a request for a person, and none for a message without one', () => {
    expect(topContributors(analyzeText('can I talk to a human please'), 'explicit', 4)).toContain('human');
    expect(topContributors(analyzeText('lovely, thank you'), 'explicit', 4)).not.toContain('human');
  });
  it('answers for the message asked about after another message was scored', () => {
    const a = analyzeText('I need to speak to an agent, put me through to a human');
    const before = topContributors(a, 'explicit', 64);
    classifyMessage(analyzeText('where is my parcel, it has been two weeks'));
    topContributors(analyzeText('this is a joke, absolutely useless service'), 'negative', 64);
    expect(topContributors(a, 'explicit', 64)).toEqual(before);
    // The same as a fresh analysis of the same text (nothing kept from the messages in between).
    expect(topContributors(analyzeText('I need to speak to an agent, put me through to a human'), 'explicit', 64)).toEqual(before);
  });
});

describe('similarity: the shape bound stops early only when nothing unread could change it (session 13)', () => {
  const example = 'the heater sparked and burnt my hand';
  const target = similarityTarget(example);
  const filler = 'hello there i was wondering about something else entirely regarding my last purchase from you lot'.split(' ');
  it('keeps the exact score of a message whose matching words come after unrelated ones', () => {
    let reached = 0;
    for (let k = 0; k <= filler.length; k++) {
      const head = filler.slice(0, k).join(' ');
      for (const m of [`${head} ${example}`, `${head} ${example} ${example}`, `${example} ${head}`, `${head} heater sparked burnt hand hand hand`]) {
        const exact = similarity(m, example);
        const bounded = similarityToTarget(m, target, 0.72);
        if (exact >= 0.72) {
          reached++;
          expect(bounded, m).toBe(exact);
        } else expect(bounded, m).toBeLessThan(0.72);
      }
    }
    // Both sides of the minimum are covered.
    expect(reached).toBeGreaterThan(3);
    expect(reached).toBeLessThan((filler.length + 1) * 4 - 3);
  });
  it('reaches the minimum when the words before the example alone would rule it out', () => {
    // Four words no example word partners, then the example: read up to the fourth word, the bound is under 0.72; only
    // the partners still to come lift it (0.748 exactly, like the full comparison).
    for (const m of [`oh no please help ${example}`, `hi so basically ${example} ${example}`]) {
      expect(similarityToTarget(m, target, 0.72), m).toBe(similarity(m, example));
      expect(similarity(m, example)).toBeGreaterThanOrEqual(0.72);
    }
  });
  it('still settles a long unrelated message below the minimum', () => {
    const long = `${filler.join(' ')} ${filler.join(' ')} could you tell me when it ships`;
    expect(similarityToTarget(long, target, 0.72)).toBeLessThan(0.72);
    expect(similarity(long, example)).toBeLessThan(0.72);
  });
});

describe('paddedTokens: one line per message (session 13)', () => {
  it("is the message's canonical words between spaces, the same string on every call", () => {
    const toks = canonicalTokens(analyzeText("I don't want this, can't you help?"));
    const line = paddedTokens(toks);
    expect(line).toBe(` ${toks.join(' ')} `);
    expect(line.startsWith(' i do not want this')).toBe(true);
    expect(paddedTokens(toks)).toBe(line);
    // Another message in between does not change the first one's line.
    expect(paddedTokens(canonicalTokens(analyzeText('where is my order')))).toBe(' where is my order ');
    expect(paddedTokens(toks)).toBe(line);
  });
  it("reads a caller's own array afresh each time (it may have changed)", () => {
    const own = ['my', 'order'];
    expect(paddedTokens(own)).toBe(' my order ');
    own.push('again');
    expect(paddedTokens(own)).toBe(' my order again ');
    expect(paddedTokens([])).toBe('  ');
  });
});

describe('phraseMatcher: matchers compiled at any time, words in no phrase (session 13)', () => {
  it('finds the words of a matcher compiled after the message was first read', () => {
    const toks = canonicalTokens(analyzeText('the kettle went zorbly and then it made a plinkish sound'));
    const first = phraseMatcher(['made a sound', 'kettle went']);
    expect(first(toks)?.phrase).toBe('kettle went');
    // New words ("zorbly", "plinkish") join the shared vocabulary after the tokens were numbered.
    const later = phraseMatcher(['plinkish sound', 'went zorbly']);
    expect(later(toks)).toEqual({ at: 2, phrase: 'went zorbly', length: 2 });
    expect(later(toks, 4)?.phrase).toBe('plinkish sound');
    expect(first(toks)?.phrase).toBe('kettle went');
  });
  it('does not match across a word that is in none of its phrases', () => {
    const m = phraseMatcher(['call me back', 'me back']);
    expect(m(canonicalTokens(analyzeText('please call me back')))?.phrase).toBe('call me back');
    expect(m(canonicalTokens(analyzeText('please call quickly me back')))).toEqual({ at: 3, phrase: 'me back', length: 2 });
    expect(m(canonicalTokens(analyzeText('please call me quickly back')))).toBeNull();
  });
  it("reads a caller's own array as it is at each call", () => {
    const m = phraseMatcher(['talk to a human']);
    const own = ['i', 'want', 'to', 'talk', 'to', 'a', 'bot'];
    expect(m(own)).toBeNull();
    own[6] = 'human';
    expect(m(own)).toEqual({ at: 3, phrase: 'talk to a human', length: 4 });
  });
});
