/**
 * Session 33 (issue 11): "Good evening, how much is the standing fan" at Northwind's "What's your question?" got "Hello
 * there! What's your question?" (the greeting intent won): a greeting before a question about the shop's goods that no
 * intent answers gets the shop-question line. A greeting alone, or before a question about the world, is greeted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
function reply(text: string): string {
  const c = converse(load(), { now: Date.parse('2026-03-02T10:00:00Z') });
  c.say('Something else');
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n).join(' ');
}

describe('a greeting before a question', () => {
  it.each(['Good evening, how much is the standing fan', 'hiya, how much are those grab rails?', 'Hello! How much is your 3 step ladder'])(
    '%j gets the shop-question line', (t) => {
      const said = reply(t);
      expect(said).toMatch(/can't see product details or stock here/);
      expect(said).not.toMatch(/Hello there/);
    });

  it.each(['hello', 'hi there', 'Good morning, what does a group of crows get called?'])('%j is greeted', (t) => {
    expect(reply(t)).toMatch(/Hello there!/);
  });
});
