/**
 * The Northwind template (flows/customer-support.json) brought to its offer of a person by a failed order lookup, on a
 * Monday in business hours: shared by the offer tests (answeringNoS13, unsureOfferS14).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

export const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
export const MONDAY_10_LONDON = Date.parse('2026-12-07T10:00:00Z');
/** What the offer says to an answer that picks neither button. */
export const RETRY = 'Please pick Talk to a person or No thanks (or type your question).';

/** The template's offer of a person, reached by a failed order lookup. */
export function atOffer() {
  const c = converse(template(), { now: MONDAY_10_LONDON });
  c.click('Track my order');
  c.say('NW-55555');
  c.http(false, null, 0);
  expect(c.lastBotText()).toBe('Would you like to talk to a person?');
  return c;
}
