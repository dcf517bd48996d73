/**
 * Session 39 (perf, issue 8): four readers of a ticket's email question answer some texts before their rewrites and
 * memories: asksWhyEmail (no "why" or "for" in the lower case), asksForAMoment (none of its hold words), onlyCourtesy
 * (a question mark or an ASCII digit) and closesChat (too long, a question or a digit). These hold the edges of those
 * early answers: the words may sit anywhere a rewrite leaves them, in any case (a Kelvin sign lower-cases to "k"), and a
 * text the early answer lets through is read as before. The comparison with the code before the change on 2,175,300
 * texts (0 differences) is in docs/runtime.md "Session 39 (perf)".
 */
import { describe, expect, it } from 'vitest';
import { asksForAMoment, asksWhyEmail } from '../../../shared/engine/emailNonAnswers';
import { onlyCourtesy, saysGoodbye } from '../../../shared/nlu/courtesy';
import { closesChat } from '../../../shared/engine/closing';

describe('early answers of the email question readers (s39)', () => {
  it('asksWhyEmail: "why" / "for" in any case and around punctuation still read; other texts are not', () => {
    expect(asksWhyEmail('WHY do you need it?!')).toBe(true);
    expect(asksWhyEmail('What... for')).toBe(true);
    expect(asksWhyEmail('  for what??  ')).toBe(true);
    expect(asksWhyEmail("what's it FOR")).toBe(true);
    expect(asksWhyEmail('what do you need it')).toBe(false);
    expect(asksWhyEmail('where is my order 12345')).toBe(false);
    expect(asksWhyEmail('why@example.com')).toBe(false);
  });

  it('asksForAMoment: every kind of hold is still read, a Kelvin sign included; other texts are not', () => {
    for (const t of ['Wait', 'hold on', 'HANG ON', 'one sec', 'one moment', 'just a min', 'brb', 'let me check', 'still LOOKING', 'checking', 'searching', 'w8', 'un momento', 'loo\u212Aing']) {
      expect(asksForAMoment(t), t).toBe(true);
    }
    expect(asksForAMoment('ok, I will look it up')).toBe(false);
    expect(asksForAMoment('my email is ana at example dot com')).toBe(false);
  });

  it('onlyCourtesy: a digit or a question mark is no courtesy; thanks, acknowledgements and goodbyes still are', () => {
    expect(onlyCourtesy('thanks 4 the help')).toBe(false);
    expect(onlyCourtesy('thanks?')).toBe(false);
    expect(onlyCourtesy('ok thx 2')).toBe(false);
    expect(onlyCourtesy('thanks so much!')).toBe(true);
    expect(onlyCourtesy('ok cool 👍')).toBe(true);
    expect(saysGoodbye('bye 1')).toBe(false);
    expect(saysGoodbye('ok bye')).toBe(true);
    // A digit of another script is not ASCII: read as before (no courtesy either).
    expect(onlyCourtesy('thanks \u0661')).toBe(false);
  });

  it('closesChat: too long, a question or a digit closes nothing; "that\'s all" still does', () => {
    expect(closesChat("that's all 2")).toBe(false);
    expect(closesChat("that's all?")).toBe(false);
    expect(closesChat(`that's all ${'thanks '.repeat(12)}`)).toBe(false);
    expect(closesChat("that's all, thanks")).toBe(true);
    expect(closesChat('no thanks, bye')).toBe(true);
  });
});
