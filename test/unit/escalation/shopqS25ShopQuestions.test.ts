// Session 25 (shopq, issue 11): a clear question about the shop the flow has no answer for ("do the led strips work w
// alexa", "can u cut them to size", "Which carrier?") is a question the bot understood and has no data for, not a
// misunderstanding: it adds nothing to the repeated-fallback streak (it added 1/2, so several in a row handed over as
// repeated fallbacks; writers label such chats ordinary). Asked again it still counts in full, three askings of one
// request are a loop, and unusable messages (gibberish, off-topic requests) hand over as before. escrfEval, every
// labelled corpus: see docs/escalation.md "Session 25 (shopq)".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { fallbackStreak, fallbackWeight } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { normalizeText } from '../../../shared/nlu/normalizeText';
import { memory } from './facts';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const handover = (turns: string[]) => escalationOrClarify(playConversation(shipped, 'c', turns, now), turns.length);
const reason = (turns: string[]) => handover(turns)?.reason ?? 'none';

describe('clear shop questions in a row stay with the bot', () => {
  it('different product questions the flow cannot answer (were repeated fallbacks)', () => {
    expect(reason(['Something else', 'do the led strips work w alexa', 'can u cut them to size', 'Which carrier?'])).toBe('none');
    expect(reason(['Something else', 'do the led strips work w alexa', 'can u cut them to size', 'what colours do they come in', 'Which carrier?'])).toBe('none');
  });
  it('a clear question still weighs 1/2 as a mark, and the streak counts it as nothing', () => {
    const m = memory({ recent: [normalizeText('do the led strips work w alexa')], fallbacksInRow: 1, clearInRow: 1 });
    expect(fallbackWeight(analyzeText('can u cut them to size'), m)).toBe(0.5);
    expect(fallbackStreak({ fallbacksInRow: 3, clearInRow: 2 })).toBe(1);
    expect(fallbackStreak({ fallbacksInRow: 2, clearInRow: 2 })).toBe(0);
  });
  it('a clear question then one unusable message: no handoff', () => {
    expect(reason(['Something else', 'do u have the oak table in 180cm', 'xxxxx zzzzz'])).toBe('none');
  });
});

describe('what still hands over', () => {
  it('two unusable messages after a clear question (repeated fallback)', () => {
    const h = handover(['Something else', 'do the led strips work w alexa', 'qqqqq wwww', 'zzzzz xxxx']);
    expect(h?.reason).toBe('repeated_fallback');
  });
  it('off-topic requests twice (repeated fallback)', () => {
    expect(reason(['Something else', 'What is the weather in Hong Kong', 'Where can buy dim sum in Leeds'])).toBe('repeated_fallback');
  });
  it('one product question asked three times in other words (loop)', () => {
    expect(reason(['Something else', 'do the led strips work with alexa', 'will the led strips connect to alexa', 'so do the led strips work with alexa or not'])).toBe('loop');
  });
  it('three rewordings that would have handed over when clear questions counted half are still a loop', () => {
    expect(reason(['Something else', 'My order is gift for my brother, can you not put the invoice inside the box?',
      'the paper with price inside the parcel, please remove it', 'No invoice in the parcel, is possible ji?'])).toBe('loop');
  });
});

// Second change: a short follow-up ending in a question mark in a shop chat is a clear shop question too (it counted in
// full), and an acknowledgement that asks nothing closes the streak (it kept it).
describe('short follow-ups and thanks between shop questions', () => {
  it('short follow-ups with a question mark count nothing (were repeated fallbacks)', () => {
    expect(reason(['Something else', 'do you sell gift vouchers?', 'codes expire?', 'min spend on codes?'])).toBe('none');
  });
  it('thanks that asks nothing closes the streak (was repeated fallbacks)', () => {
    expect(reason(['Something else', 'Do you sell a sturdy garden bench?', 'With arms, ideally?', 'Lovely, thanks.',
      'Can it be left out in winter or does it need a cover over it'])).toBe('none');
  });
  it('an off-topic short question still counts in full', () => {
    expect(reason(['Something else', 'do you sell gift vouchers?', 'who won the match?', 'whats the capital of peru?'])).toBe('repeated_fallback');
  });
  it('an acknowledgement after an off-topic miss does not close the streak', () => {
    expect(reason(['Something else', 'whats the weather in leeds tomorrow', 'ok', 'who won the match last night'])).toBe('repeated_fallback');
  });
});
