// Hostile s9 #15: a customer who said "no" at the support flow's menu was sent down the cancel path (the router matched
// the "no" of "I no longer want what I ordered" at 0.70), and "no" was then taken as the order to cancel: "We've asked the
// warehouse to stop order no". A bare reply now matches no intent unless an example is exactly it, and the cancel
// question takes an order reference only (as the tracking question does).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createIntentMatcher } from '../../../shared/nlu/createIntentMatcher';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const text = readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8');
const json = JSON.parse(text);
const router = createIntentMatcher(json.blocks.find((b: { id: string }) => b.id === 'router').data.intents);
const flow = loadFlowText(text).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const botSaid = (turns: string[]) => playConversation(flow, 't', turns, now).transcript.filter((t) => t.from === 'bot').map((t) => t.text).join('\n');

describe('a bare reply asks for nothing', () => {
  it.each(['no', 'nope', 'No!', 'nah', 'no that is all', 'yes', 'ok'])('"%s" matches no intent of the support router', (t) => {
    expect(router.match(t).intentId).toBeNull();
  });
  it('requests with those words still match', () => {
    expect(router.match('cancel').intentId).toBe('cancel_order');
    expect(router.match('I no longer want it').intentId).toBe('cancel_order');
    expect(router.match('hi').intentId).toBe('greeting');
  });
  it('an intent whose example is exactly the bare reply still gets it', () => {
    const yesNo = createIntentMatcher([{ id: 'decline', name: 'decline', examples: ['no', 'no thanks'] }, { id: 'track', name: 'track', examples: ['where is my order'] }] as never);
    expect(yesNo.match('no').intentId).toBe('decline');
  });
  it('"nope" at the menu does not start a cancellation, and the cancel question refuses "no" as an order', () => {
    expect(botSaid(['Something else', 'nope'])).not.toMatch(/Which order would you like to cancel/);
    const cancel = botSaid(['Something else', 'cancel my order', 'no']);
    expect(cancel).toMatch(/Which order would you like to cancel/);
    // Session 44 (hostfix, hostile s44 L3): a bare "no" at a question with a fallback way takes it at once (it was asked
    // again with the retry line): not read as an order, the colleague finds it by email.
    expect(cancel).toMatch(/I couldn't read an order number there\. No problem: a colleague can find your order by your email address\./);
    expect(cancel).not.toMatch(/stop order no/);
  });
});
