// Session 26 (shopfb, issue 11): two mechanisms of the fallback streak.
// 1. In a chat about the shop, a follow-up the learned in-domain score reads as about the shop (>= 0.9) is a clear shop
//    question even when it is no question in grammar and the shop vocabulary knows none of its words ("what leg lengths
//    you do", "32 leg fine. any in black"): it adds nothing to the repeated-fallback streak. Only after a clear shop
//    question (the streak's last failed message, or one of the last two questions), never as an opening message.
// 2. Three failed askings in a row (clear shop questions included), none opening as a follow-up or with an
//    acknowledgement, are linked as loosely as when repeated fallbacks fire, so one request asked three times in other
//    words is a loop ("Does the standing desk come assembled?" / "Is assembly required for the Oslo desk?" / "Will it
//    arrive in bits or ready to use.").
// escrfEval, every labelled corpus: see docs/escalation.md "Session 26 (shopfb)".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { fallbackWeight } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { normalizeText } from '../../../shared/nlu/normalizeText';
import { memory } from './facts';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const reason = (turns: string[]) => escalationOrClarify(playConversation(shipped, 'c', turns, now), turns.length)?.reason ?? 'none';

describe('a follow-up in a shop chat is a clear shop question', () => {
  it('product follow-ups in few words stay with the bot (were repeated fallbacks)', () => {
    expect(reason(['Something else', 'do the work trousers have knee pad pockets', 'what leg lengths you do', '32 leg fine. any in black'])).toBe('none');
  });
  it('the follow-up weighs as a clear question (1/2, a mark) after a failed clear question, in full without one', () => {
    const text = analyzeText('ok and is it screw together or boltless');
    const after = memory({ recent: [normalizeText('do the work trousers have knee pad pockets')], fallbacksInRow: 1, clearInRow: 1 });
    expect(fallbackWeight(text, after)).toBe(0.5);
    // Not in a shop chat: the same words opening the streak after an off-topic question count in full.
    const offTopic = memory({ recent: [normalizeText('who won the match last night')], fallbacksInRow: 1, clearInRow: 0 });
    expect(fallbackWeight(text, offTopic)).toBe(1);
  });
  it('three different questions about one product are neither repeated fallbacks nor a loop', () => {
    expect(reason(['Something else', 'The sofa fabric is easy clean?', 'The cover can remove?', 'Pet hair stick on it?'])).toBe('none');
  });
});

describe('what still hands over', () => {
  it('gibberish after a clear question (repeated fallback)', () => {
    expect(reason(['Something else', 'do the led strips work w alexa', 'qqqqq wwww', 'zzzzz xxxx'])).toBe('repeated_fallback');
  });
  it('an opening the in-domain score misreads is not a shop chat (repeated fallback)', () => {
    // "When do clocks go back" scores 1.00 in-domain; no clear shop question came before it.
    expect(reason(['Something else', 'When do clocks go back', 'and is it the last sunday of october'])).toBe('repeated_fallback');
  });
  it('a follow-up about who is answering still counts in full', () => {
    const m = memory({ recent: [normalizeText('do the work trousers have knee pad pockets')], fallbacksInRow: 1, clearInRow: 1 });
    expect(fallbackWeight(analyzeText('are you a bot or a real human'), m)).toBe(1);
  });
});

describe('one shop request asked three times in other words is a loop', () => {
  it('three failed rewordings with no shared subject word (were no handoff)', () => {
    expect(reason(['Something else', 'Does the standing desk come assembled?', 'Is assembly required for the Oslo desk?', 'Will it arrive in bits or ready to use.'])).toBe('loop');
  });
  it('a follow-up opening ("And ...") is something new, not the request again', () => {
    expect(reason(['Something else', 'Does the standing desk come assembled?', 'Is assembly required for the Oslo desk?', 'And does it come in white?'])).toBe('none');
  });
});

// Third change: a failed message that counted nothing (a detail of the shop request) between two askings of one request
// is the request said again when the last asking goes back to the first one's subject (README's Rupiah case, session 22,
// w32): a loop, where the customer got "Sorry" three times and no person.
describe('a quiet rewording between two askings', () => {
  it('the Rupiah / IDR case is a loop (was no handoff)', () => {
    expect(reason(['Something else', 'can I see the price in Rupiah?', 'currency change to IDR', 'price in Rupiah is possible?'])).toBe('loop');
  });
  it('a third message on another subject is no loop', () => {
    expect(reason(['Something else', 'can I see the price in Rupiah?', 'currency change to IDR', 'is the walnut desk in stock?'])).toBe('none');
  });
  it('a thanks first says something new: no loop', () => {
    expect(reason(['Something else', 'can I see the price in Rupiah?', 'currency change to IDR', 'Ok thanks, price in Rupiah is possible?'])).not.toBe('loop');
  });
});
