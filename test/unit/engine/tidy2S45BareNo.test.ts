/**
 * Session 45 (tidy2, review of session 44): question.ts's bare no (hostfix, hostile s44 L3) is built from bareReplies'
 * NO_WORDS instead of spelling no / nope / nah again, so "na" and "nay" (already ways of writing no everywhere else, and
 * "na" is how N/A is typed) take the question's fallback at once as "no" does. Before: asked again with the retry line
 * ("Policy numbers look like ..."), which asks them to say just that.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const flow = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const insurance = flow('insurance-claims');
const support = flow('customer-support');
const now = Date.parse('2026-11-24T10:00:00Z');
const botSaid = (f: typeof insurance, turns: string[]) => playConversation(f, 't', turns, now).transcript.filter((t) => t.from === 'bot').map((t) => t.text).join('\n');

describe('a bare no at a question for a reference, in every way of writing no', () => {
  it.each(['no', 'na', 'nay', 'Na.', 'nay sorry', 'nope'])('"%s" at the policy number carries on without one at once', (t) => {
    const said = botSaid(insurance, [t]);
    expect(said).toMatch(/No problem, an advisor can find your policy/);
    expect(said).not.toMatch(/Policy numbers look like/);
  });
  it.each(['na', 'nay'])('"%s" at the cancel question is not an order: the fallback line', (t) => {
    const said = botSaid(support, ['Something else', 'cancel my order', t]);
    expect(said).toMatch(/I couldn't read an order number there\. No problem: a colleague can find your order by your email address\./);
    expect(said).not.toMatch(/stop order n/);
  });
  it.each(['not sure', 'nana', 'n'])('"%s" is no bare no: asked again first', (t) => {
    expect(botSaid(insurance, [t])).toMatch(/Policy numbers look like/);
  });
});
