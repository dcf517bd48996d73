/**
 * Session 36 (fe, issue 11): repeated-fallback / loop recall and false escalations, fixed by family. Sentences made up for
 * the tests (not the corpora's); each family with the cases that must still come out as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
// A Monday, 10:00 in London.
const reason = (...turns: string[]) =>
  playConversation(flow, 'fe', ['Something else', ...turns], Date.parse('2026-03-02T10:00:00Z')).escalation?.reason ?? 'none';

describe("the customer's own slip after a message read off-topic for the shop counts (detectRepeatedFallback.slipAfterOffTopicMiss)", () => {
  it.each([
    ['qwzxv', 'sry pocket'],
    ['is it going to snow in Leeds tomorrow', 'oops wrong chat, meant for my sister'],
    ['hjkhjkl', 'sorry cat on keyboard'],
    ['who is playing at Wembley tonight', 'my bad, wrong window'],
  ])('%j then %j is repeated fallbacks', (a, b) => expect(reason(a, b)).toBe('repeated_fallback'));

  it.each([
    // After a question about the shop the slip still closes nothing and asks nothing.
    ['does the oak bench come flatpacked?', 'oops typo'],
    ['what are ur openin hrs', 'sorry typo'],
    // A slip first, then a question of the shop's.
    ['oops wrong chat', 'actually, do you deliver on Sundays?'],
    ['can i return sandals after 20 days', 'return*'],
    // A slip with a request of the shop's in it.
    ['hjkhjkl', 'sorry cat on keyboard, where is my order NW-123456'],
  ])('%j then %j does not escalate', (a, b) => expect(reason(a, b)).toBe('none'));
});
