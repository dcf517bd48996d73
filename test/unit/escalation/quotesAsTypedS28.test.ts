/** Session 28 (newcomer s27 G5 rest): explanations shown to a designer or an agent quote the customer's words as typed. */
import { describe, expect, it } from 'vitest';
import { asTyped, quotesAsTyped, quotesAsTypedIn } from '../../../shared/escalation/quotesAsTyped';

describe('quotes of the customer words as typed', () => {
  const typed = "Tonight at 6 and the balloon arch hasn't come, I need it TODAY!!";

  it('a run of the message words is shown with its case, contractions and inner punctuation, not its edges', () => {
    expect(quotesAsTyped('Urgency: a deadline ("tonight at 6 and the balloon arch has not come i need it today") in 3 hours.', typed)).toBe(
      'Urgency: a deadline ("Tonight at 6 and the balloon arch hasn\'t come, I need it TODAY") in 3 hours.',
    );
    expect(asTyped('has not come', typed)).toBe("hasn't come");
    expect(asTyped('u', 'can u call me')).toBe('u');
    expect(asTyped('you', 'can u call me')).toBe('u');
  });

  it("a quote that is not the message's own words (a rule's wording, another message) is left as it is", () => {
    const e = 'Near miss: "tomorrow" is 20 hours away, but no reason of the customer\'s own (a need, an event, "in time").';
    expect(quotesAsTyped(e, typed)).toBe(e);
    expect(asTyped('arch come', typed)).toBeNull();
    expect(asTyped('', typed)).toBeNull();
    expect(quotesAsTyped('Urgency ("today").', '')).toBe('Urgency ("today").');
  });

  it('the first run that matches is used, once per quote, and several quotes are each mapped', () => {
    expect(quotesAsTyped('Negative ("not acceptable", "been waiting", "nobody")', 'I have BEEN WAITING weeks and Nobody answers. This is NOT acceptable!')).toBe(
      'Negative ("NOT acceptable", "BEEN WAITING", "Nobody")',
    );
  });

  it('over several messages (the inbox), the newest message that has the words wins', () => {
    expect(quotesAsTypedIn('Urgency ("today").', ['Hello', 'need it Today', 'TODAY please'])).toBe('Urgency ("TODAY").');
    expect(quotesAsTypedIn('Urgency ("today").', ['Hello', 'need it Today', 'thanks'])).toBe('Urgency ("Today").');
    expect(quotesAsTypedIn('Urgency ("tonight").', ['Hello'])).toBe('Urgency ("tonight").');
  });
});
