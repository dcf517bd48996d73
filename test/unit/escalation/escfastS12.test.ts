/**
 * Session 12 (issue 11 speed, escfast): the shortcuts that made escalation evaluation cheaper must never change what it
 * finds (every corpus turn's decision was compared byte for byte before and after; these tests pin the behaviours the
 * shortcuts could break).
 *  - normalizeText answers a text already in normal form before its memo: texting shorthand, a lone "2" / "4" and
 *    punctuation are still rewritten whatever their first letter or length.
 *  - deadlines.ts runs each time reader (clock, relative, day) only on the words it can start at, and stops the frame
 *    scans at the first frame word: every kind of time is still read, in findDeadline and in the past / others check.
 *  - detectUrgency's emergencies are read in one pass: an older, plainer word still wins over a newer one (leaking,
 *    burst...) that comes first, and a newer one alone still counts with its sign of now.
 *  - similarity with a minimum settles a message that cannot reach it from its word shapes alone (no profile): every
 *    pair at or above the minimum keeps its exact score, every pair under it stays under it.
 *  - detectExplicitRequest: words of fewer than four letters are person-noun candidates only when listed ("rep"), and
 *    only the comma clauses short enough to be read are folded: short clause requests still count, in ASCII or not.
 *    The disclaimer and "who can?" patterns run only on texts holding their literal words: both still read.
 */
import { describe, expect, it } from 'vitest';
import { findDeadline, onlyOthersTimes, onlyPastTimes } from '../../../shared/escalation/deadlines';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { normalizeText } from '../../../shared/nlu/normalizeText';
import { similarity, similarityTarget, similarityToTarget } from '../../../shared/nlu/similarity';
import { detectExplicitRequest } from '../../../shared/escalation/detectors/detectExplicitRequest';
import { loadSupportFlow } from '../../bench/escalationReport';

const NOW = Date.parse('2026-11-24T10:00:00Z'); // a Tuesday, 10:00 UTC
const toks = (t: string) => canonicalTokens(analyzeText(t));

describe('normalizeText: normal form first (session 12)', () => {
  it('returns a text already in normal form as it is', () => {
    for (const t of ['where is my order', 'refund of 42.50 at 14:30', 'the parcel came on the 3rd']) expect(normalizeText(t)).toBe(t);
  });
  it('still spells out shorthand of every length and first character, and a lone 2 or 4 in a phrase', () => {
    expect(normalizeText('pls call me')).toBe('please call me');
    expect(normalizeText('i need it 2day')).toBe('i need it today');
    expect(normalizeText('can u help b4 tmrw')).toBe('can you help before tomorrow');
    expect(normalizeText('i want 2 talk to someone')).toBe('i want to talk to someone');
    expect(normalizeText('thx 4 nothing')).toBe('thanks for nothing');
    expect(normalizeText('k')).toBe('ok');
    expect(normalizeText('pleaseee help')).toBe('please help');
    // A number stays a number when it is not one of those phrases.
    expect(normalizeText('i ordered 2 shirts')).toBe('i ordered 2 shirts');
  });
  it('still rewrites text that is not in normal form (capitals, punctuation, double spaces)', () => {
    expect(normalizeText('Where is my order?')).toBe('where is my order');
    expect(normalizeText('where  is my order')).toBe('where is my order');
    expect(normalizeText('')).toBe('');
  });
});

describe('deadlines: each time reader only on its own words (session 12)', () => {
  const find = (t: string) => findDeadline(toks(t), NOW, 'Europe/London', 24 * 60);
  it('reads clock times, relative times, days, dates and named days', () => {
    expect(find('I need it by 3pm tomorrow')?.words).toBe('by 3pm tomorrow');
    expect(find('we need it before our flight at half past four')?.words).toBe('at half past four');
    expect(find('I need it in 2 days please')?.words).toBe('in 2 days');
    expect(find('I need it in a couple of days')?.words).toBe('in a couple of days');
    expect(find('I need it by friday morning')?.words).toBe('by friday morning');
    expect(find('I need it by the 28th')?.words).toBe('28th');
    expect(find('need it for christmas eve')?.words).toBe('christmas eve');
    expect(find('I need it by noon')?.words).toBe('by noon');
  });
  it('finds nothing in a message that names no time, however many starter words it has', () => {
    expect(find('I have a dog and a cat in the house and one of them is ill after all this')).toBeNull();
  });
  it('still tells past times and somebody else\'s times', () => {
    expect(onlyPastTimes(toks('it came last thursday at 8 oclock'))).toBe(true);
    expect(onlyPastTimes(toks('the parcel arrived on 3 december'))).toBe(true);
    expect(onlyOthersTimes(toks('my husband is away till the weekend'))).toBe(true);
    expect(onlyPastTimes(toks('I need it by 3pm tomorrow'))).toBe(false);
  });
});

describe('detectUrgency: emergencies in one pass (session 12)', () => {
  const flow = loadSupportFlow();
  const urgency = (t: string) => {
    const a = analyzeText(t);
    return detectUrgency({ text: a.text, analysis: a, turn: 0, now: NOW, variables: {}, intent: null, fallback: false, timezone: 'Europe/London' }, flow.escalation, initialEscalationMemory());
  };
  it('names the plainer emergency word even when a newer one comes first', () => {
    expect(urgency('the hose is leaking now and the charger is sparking now')?.evidence).toEqual(['sparking']);
  });
  it('names a newer word alone when its sign of now is close, and not when the story is in the past', () => {
    expect(urgency('the pipe is leaking now, water going everywhere')?.evidence).toEqual(['leaking']);
    expect(urgency('it is leaking and there was smoke yesterday')).toBeNull();
  });
  it('reads an injury happening now', () => {
    expect(urgency('my son hit his head, we need a doctor now')?.evidence).toEqual(['hit']);
  });
});

describe('similarity with a minimum: the word-shape bound (session 12)', () => {
  const examples = ['the heater sparked and burnt my hand', 'my son swallowed a small part of the toy', 'where is my refund for the broken kettle'];
  const noise = 'hello i would like to know where my order is because it has been two weeks and nothing arrived at all the parcel heaters sparkled burned hands sons swallow smal parts toys'.split(' ');
  // Deterministic mixes: an example's words (some with a typo, some dropped) among other words, short and long.
  let seed = 12345;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed % n;
  };
  const typo = (w: string) => (w.length > 4 && rand(3) === 0 ? w.slice(0, 2) + w.slice(3) : w);
  const pairs: [string, string][] = [];
  for (const ex of examples) {
    const words = ex.split(' ');
    for (let k = 0; k < 150; k++) {
      const kept = words.filter(() => rand(5) !== 0).map(typo);
      const extra = Array.from({ length: rand(k % 3 === 0 ? 30 : 6) }, () => noise[rand(noise.length)]);
      const at = rand(extra.length + 1);
      pairs.push([[...extra.slice(0, at), ...kept, ...extra.slice(at)].join(' ') || 'hello', ex]);
    }
  }
  it('keeps every score at or above the minimum exactly, and every other one under it', () => {
    let reached = 0;
    for (const [m, ex] of pairs) {
      const exact = similarity(m, ex);
      const bounded = similarityToTarget(m, similarityTarget(ex), 0.72);
      if (exact >= 0.72) {
        reached++;
        expect(bounded, m).toBe(exact);
      } else expect(bounded, m).toBeLessThan(0.72);
    }
    // The mixes cover both sides of the minimum.
    expect(reached).toBeGreaterThan(20);
    expect(reached).toBeLessThan(pairs.length - 20);
  });
  it('still finds an example inside a longer message and one with typos', () => {
    const t = similarityTarget('the heater sparked and burnt my hand');
    expect(similarityToTarget('the heatr sparkd and burnt my hand', t, 0.72)).toBeCloseTo(0.9444, 4);
    expect(similarityToTarget('the heater sparked and burnt my hand yesterday evening', t, 0.72)).toBeCloseTo(0.8305, 4);
    expect(similarityToTarget('hello I would like to know where my order is because it has been two weeks', t, 0.72)).toBeLessThan(0.72);
  });
});

describe('detectExplicitRequest: short candidates and short clauses (session 12)', () => {
  const flow = loadSupportFlow();
  const explicit = (t: string) => {
    const a = analyzeText(t);
    return detectExplicitRequest({ text: a.text, analysis: a, turn: 0, now: NOW, variables: {}, intent: null, fallback: false, timezone: 'Europe/London' }, flow.escalation, initialEscalationMemory());
  };
  it('reads a short listed noun and a short clause request among long clauses', () => {
    expect(explicit('rep please, I am in a hurry')?.evidence[0]).toBe('rep please');
    expect(explicit('ok, rep, now')?.evidence[0]).toBe('ok rep now');
    expect(explicit('one of your advisers, whenever free')?.evidence[0]).toBe('one of your advisers whenever free');
    expect(explicit('my order is late, the box is damaged, the lid is broken and the tape is torn, human please')?.evidence[0]).toBe('human please');
  });
  it('reads a short clause request in a message with accents', () => {
    expect(explicit('personne réelle please, I am French, English is difficult for me')?.evidence[0]).toBe('personne reelle please');
  });
  it('still reads "who can?" and a disclaimer (patterns gated by their literal words)', () => {
    expect(explicit('You clearly cannot do it. Who can?')?.evidence[0]).toBe('who can');
    expect(explicit('who can help me with this?')?.evidence[0]).toBe('who can help me with this');
    expect(explicit('who can help me choose a size')).toBeNull();
    expect(explicit('can I talk to a person on weekends?')?.evidence[0]).toBe('talk to a person');
    expect(explicit('not that I need one, just curious: can I talk to a person on weekends?')).toBeNull();
  });
  it('does not read a person in a long clause as a request', () => {
    expect(explicit('I ordered the wrong size, it is too big, a man at the shop said, could you check')).toBeNull();
  });
});
