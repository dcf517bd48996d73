/**
 * A Northwind chat at the offer of a person ("Would you like to talk to a person?"), reached by three unanswered shop
 * questions in a row: the start of every test of answers to the offer (session 30: it was copied into four files).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

export const OFFER_NOW = Date.parse('2026-03-02T10:00:00Z');
export const loadNorthwind = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
export const SHOP_QUESTIONS = ['do the led strips work with alexa?', 'is the sofa cover machine washable?', 'is the oak table real wood?'];

export function atOffer() {
  const c = converse(loadNorthwind(), { now: OFFER_NOW });
  c.say('Something else');
  for (const q of SHOP_QUESTIONS) c.say(q);
  expect(c.state.waiting?.kind).toBe('offer');
  return c;
}
