/**
 * The support flow with some settings changed, finished the way `baton chat` finishes it (a shipping question, "No,
 * that's all", a rating): shared by the tests of what is said after the chat ended (afterCloseS25, afterCloseS25Words).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

export const raw = () => JSON.parse(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8'));
export const NOW = Date.parse('2026-03-02T10:00:00Z');

export function flowWith(settings: Record<string, unknown>) {
  const doc = raw();
  doc.settings = { ...doc.settings, ...settings };
  return loadFlowText(JSON.stringify(doc)).flow!;
}

export function finished(settings: Record<string, unknown> = {}) {
  const c = converse(flowWith(settings), { now: NOW });
  c.say('Shipping');
  c.say("No, that's all");
  c.say('5');
  expect(c.mode()).toBe('closed');
  return { c, before: c.botTexts().length };
}
