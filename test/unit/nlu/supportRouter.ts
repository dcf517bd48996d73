/**
 * The example flow's router for the nlu tests (session 17 review: fixnluS17Late, Postcode, Courtesy and Elsewhere each
 * wrote this set-up): the flow, a clock inside opening hours, a conversation after a first message, and the router's
 * matcher with what it understands above the router's threshold.
 */
import { readFileSync } from 'node:fs';
import { converse } from '../engine/harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { createIntentMatcher } from '../../../shared/nlu/createIntentMatcher';

export const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
export const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
export const first = (text: string) => {
  const c = converse(template(), { now: MONDAY_10_LONDON });
  c.say(text);
  return c;
};
const found = template().blocks.find((b) => b.id === 'router');
if (found?.kind !== 'intent_router') throw new Error('flows/customer-support.json: the block "router" is no intent_router');
export const router = found;
export const matcher = createIntentMatcher(router.data.intents);
export const understood = (text: string) => {
  const m = matcher.match(text);
  return m.confidence >= router.data.threshold ? m.intentName : null;
};
