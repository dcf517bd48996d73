// Session 19 (esc): "just asking" / "only curious" says the question is general, not the customer's own case, like "just
// curious" already did: a sensitive-looking policy question with it is no sensitive topic. The customer's own case told
// with it still is, and "I just asking a simple ting" (a complaint about being asked) is not the tag.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';
import { notOwnCase } from '../../../shared/escalation/topicMeaning';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (text: string) => playConversation(shipped, 'c', ['Something else', text], now).escalation;

describe('"only asking" marks a general question', () => {
  it('a policy question tagged so is not a sensitive topic', () => {
    for (const text of [
      'If someone steal my card and buy from you, what happen? Only asking, for knowledge',
      'is it safe to save my card on ur site? my friend said some shops got hacked. just asking',
      'In general you share my data with other company? Only asking',
    ]) {
      expect(play(text)?.reason ?? 'none', text).toBe('none');
    }
  });
  it("the customer's own case is still one", () => {
    for (const text of [
      'Someone used my card on your site last night, I never ordered anything. Please block it',
      'There are two payments of £27.50 on my statement for one order, can you refund one?',
    ]) {
      expect(play(text)?.reason, text).toBe('sensitive_topic');
    }
  });
  it('reads the tag, not every "just asking"', () => {
    const why = (t: string) => notOwnCase(canonicalTokens(analyzeText(t)), t.includes('?'));
    expect(why('What happens if my card is stolen? only asking')).toMatch(/general or hypothetical/);
    expect(why('I just asking a simple ting bout my stolen card and it eh understand nothing')).toBeNull();
  });
});
