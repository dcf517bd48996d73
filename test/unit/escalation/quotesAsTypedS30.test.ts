/**
 * Hostile s29 H6: "quotes as typed" widened a quote to whole space-separated chunks, so a customer wrote their own text
 * into the explanation an agent reads ("today-->call-+44-7700-900123-for-a-refund<--tonight" for "today"), the
 * designer's phrase side ("matches "refund"") was rewritten too, a typed quote mark broke the explanation's pairs, a
 * word glued to 3,000 characters was quoted whole, and a direction override inside a word was carried along.
 */
import { describe, expect, it } from 'vitest';
import { asTyped, quotesAsTyped } from '../../../shared/escalation/quotesAsTyped';

describe('quotes as typed cover only the quoted words (hostile s29 H6)', () => {
  const glued = 'I need it today-->call-+44-7700-900123-for-a-refund<--tonight at 6';

  it('a word glued to other text is quoted alone', () => {
    expect(asTyped('today', glued)).toBe('today');
    expect(asTyped('refund', glued)).toBe('refund');
    expect(quotesAsTyped('Urgency: a deadline ("today") is today.', glued)).toBe('Urgency: a deadline ("today") is today.');
    expect(asTyped('ridiculous', 'this is ridiculous,<img/src=x/onerror=alert(1)>useless bot')).toBe('ridiculous');
    expect(asTyped('useless', 'this is ridiculous,<img/src=x/onerror=alert(1)>useless bot')).toBe('useless');
  });

  it("the designer's phrase after \"matches\" is never rewritten", () => {
    expect(quotesAsTyped('Sensitive topic "refunds" ("refund" matches "refund")', 'I want a REFUND')).toBe('Sensitive topic "refunds" ("REFUND" matches "refund")');
  });

  it('a long run between the words is not shown (the normalised quote is)', () => {
    const long = `I need it today,${'x'.repeat(3000)} tonight at 6`;
    expect(asTyped('today', long)).toBe('today');
    expect(quotesAsTyped('Urgency ("today tonight at 6")', `I need it TODAY,${'!'.repeat(3000)} tonight at 6`)).toBe('Urgency ("today tonight at 6")');
  });

  it("the customer's double quotes become single ones; control and direction characters are dropped", () => {
    expect(quotesAsTyped('Urgency ("today tonight at 6")', 'I need it "today" tonight at 6')).toBe('Urgency ("today\' tonight at 6")');
    expect(quotesAsTyped('Urgency ("today")', 'I need it TO\u202EDAY')).not.toContain('\u202E');
    expect(quotesAsTyped('Urgency ("need it today")', 'I NEED it\u202E today')).toBe('Urgency ("NEED it today")');
  });

  it("contractions, case and inner punctuation are still as typed (session 28)", () => {
    expect(asTyped('has not come', "the arch hasn't come, I need it")).toBe("hasn't come");
    expect(asTyped('tonight at 6 and the balloon arch', 'Tonight at 6 and the balloon arch')).toBe('Tonight at 6 and the balloon arch');
  });
});
