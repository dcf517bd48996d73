/**
 * Session 17 (fixengine): the cancel confirmation "Just to check: shall I cancel order NW-104233? [Yes, cancel it |
 * Another order | No, keep it]".
 * H#6 (hostile s16) a yes with a time later than now ("yes cancel it tomorrow", "yes, on Monday", "yes, cancel it later
 *     today") cancelled at once: the typo stage matched the whole sentence to "Yes, cancel it", and a label spanning a
 *     comma skipped the put-off rule. Now asked again, saying nothing is done yet.
 * H#25 rest: "yes, cancel it, no wait, don't" cancelled (the same spanning label): asked again.
 * N#4 (newcomer s16): "cancel it later, next week" asked "Which order would you like to cancel?": asked again.
 * H#22 (hostile s15): two orders in one confirmation dropped one: "which one first?".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { answerVerdict } from '../../../shared/engine/answeringWord';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
const CONFIRM = 'Just to check: shall I cancel order NW-104233?';

function atConfirmation() {
  const c = converse(template(), { now: NOW });
  c.say('cancel order NW-104233');
  expect(c.lastBotText()).toBe(CONFIRM);
  return c;
}
const cancelled = (c: ReturnType<typeof converse>) => c.botTexts().some((t) => /stop order/.test(t));

describe('a time later than now at the cancel confirmation', () => {
  it.each(['yes cancel it tomorrow', 'yes, on Monday', 'yes, cancel it later today', 'cancel it later, next week', 'not now, maybe next week', 'yes, on the 5th of January'])('"%s" cancels nothing and asks again, keeping the order', (line) => {
    const c = atConfirmation();
    c.say(line);
    expect(cancelled(c)).toBe(false);
    expect(c.lastBotText()).toBe(`I can only do this now, not later, so I haven't done anything yet. ${CONFIRM}`);
    expect(c.lastBotText()).not.toMatch(/Which order/);
    c.say('no, keep it');
    expect(c.lastBotText()).toMatch(/Anything else/);
    expect(c.botTexts().join('\n')).toMatch(/NW-104233 stays as it is/);
  });

  it.each(['yes cancel it', 'Yes, cancel it', 'yes, no problem', 'yes please cancel it now', 'yes, cancel it, I ordered it last Friday'])('"%s" still cancels now', (line) => {
    const c = atConfirmation();
    c.say(line);
    expect(cancelled(c)).toBe(true);
  });
});

describe('a yes taken back in the same message', () => {
  it.each(["yes, cancel it, no wait, don't", 'Yes, cancel it - no wait', 'yes cancel it, no wait'])('"%s" cancels nothing and asks again', (line) => {
    const c = atConfirmation();
    c.say(line);
    expect(cancelled(c)).toBe(false);
    expect(c.lastBotText()).toMatch(/NW-104233/);
    expect(c.lastBotText()).not.toMatch(/Which order/);
  });

  it('"yes, cancel it. no, keep it" keeps the order (the last decision)', () => {
    const c = atConfirmation();
    c.say('yes, cancel it. no, keep it');
    expect(cancelled(c)).toBe(false);
    expect(c.botTexts().join('\n')).toMatch(/NW-104233 stays as it is/);
  });

  it('answerVerdict names the rule: put off, taken back, or answers', () => {
    const same = ['yes cancel it', 'yes', 'cancel it'];
    expect(answerVerdict('yes, cancel it later today', 'yes cancel it', same)).toBe('deferred');
    expect(answerVerdict("yes, cancel it, no wait, don't", 'yes cancel it', same)).toBe('retracted');
    expect(answerVerdict('yes, cancel it', 'yes cancel it', same)).toBe('answers');
    expect(answerVerdict('yes cancel it before Monday', 'cancel it', same)).toBe('answers');
    // Clock times and spans are put off too (the escalation policy may read them as a deadline first).
    expect(answerVerdict('yes please, at 5pm', 'yes please', ['yes please'])).toBe('deferred');
    expect(answerVerdict('yes, in 2 hours', 'yes', ['yes'])).toBe('deferred');
    expect(answerVerdict('yes, by 5pm', 'yes', ['yes'])).toBe('answers');
  });
});

describe('two orders in one confirmation', () => {
  it.each(['yes, cancel both NW-104233 and NW-555555', 'yes. also cancel NW-555555', 'yes please and another order as well: NW-555555'])('"%s" asks which first and drops neither', (line) => {
    const c = atConfirmation();
    c.say(line);
    expect(cancelled(c)).toBe(false);
    expect(c.lastBotText()).toBe('One at a time, please: which one first, NW-104233 or NW-555555?');
    c.say('NW-555555');
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-555555?');
  });

  it('"yes, but cancel NW-555555 instead" and a bare other order still go to that order', () => {
    for (const line of ['yes, but cancel NW-555555 instead', 'NW-555555']) {
      const c = atConfirmation();
      c.say(line);
      expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-555555?');
    }
  });
});
