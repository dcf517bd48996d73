// Review s19 (revcore R4): "only asking because my card was stolen" is the customer's own case, not a general question.
// At 9ff83ab^ each of these was a sensitive topic; at 9ff83ab 'just/only asking' marks them general and nothing fires.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (text: string) => playConversation(shipped, 'c', ['Something else', text], now).escalation;

describe("'just asking' about the customer's own case", () => {
  it('is still a sensitive topic', () => {
    for (const text of [
      "I'm only asking because my card was stolen yesterday and there are two orders on it I didn't make",
      'Just asking because someone used my card on your site without my permission',
      'Only asking since my account was hacked and my address changed',
      'just asking, my card got stolen and someone bought a sofa from you, what do I do',
    ]) {
      expect(play(text)?.reason, text).toBe('sensitive_topic');
    }
  });
});
