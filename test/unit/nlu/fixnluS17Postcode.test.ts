/**
 * Session 17 (fixnlu, hostile s17 H#14): "your postcode" / "your address" is the shop's, not the customer's: the matcher
 * reads it as "shop address". "what is your postcode?" started an address change (change_address 0.71, "Which order
 * should go to a new address?").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from '../engine/harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { createIntentMatcher } from '../../../shared/nlu/createIntentMatcher';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
const router = template().blocks.find((b) => b.id === 'router');
if (router?.kind !== 'intent_router') throw new Error('flows/customer-support.json: the block "router" is no intent_router');
const matcher = createIntentMatcher(router.data.intents);
const understood = (text: string) => {
  const m = matcher.match(text);
  return m.confidence >= router.data.threshold ? m.intentName : null;
};

describe("the shop's postcode is no address change", () => {
  it.each([['what is your postcode?'], ['what is your address'], ["what's your postcode"]])('%j is not change_address', (text) => {
    expect(understood(text)).not.toBe('change_address');
    const c = converse(template(), { now: MONDAY_10_LONDON });
    c.say(text);
    expect(c.botTexts().join('\n')).not.toContain('new address');
  });

  it("the customer's own address still is", () => {
    for (const t of ['I need to change my delivery address', 'wrong address on my order', 'edit the address on my order', 'can you update your records with my new address']) {
      expect(understood(t), t).toBe('change_address');
    }
  });
});
