/**
 * Session 37, hostile s35 F16: sarcastic upset was not named in the handoff summary. "oh great, my parcel is a week late
 * again. fantastic service, really. get me a person": the policy read the sarcasm (a negative_sentiment signal beside the
 * request), but the summary's "sounded upset" line reads the words' sentiment only, which is positive here: the agent
 * read "Handed over because the customer asked for a person" and a quote praising the service.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
const ana: AgentPresence = { id: 'ana', name: 'Ana', status: 'online', skills: [], languages: ['en'], teams: [], activeChats: 0, lastAssignedAt: null };
const flow = (): Flow => JSON.parse(readFileSync('flows/customer-support.json', 'utf8')) as Flow;

function handoff(first: string): { reason: string; summary: string } {
  const c = converse(flow(), { now: MON, agents: [ana] });
  c.say(first);
  c.say('ana@example.com');
  const req = c.effects('handoff_request');
  expect(req).toHaveLength(1);
  return { reason: req[0].handoff.reason, summary: req[0].context.summary };
}

describe('sarcastic upset in the handoff summary (hostile s35 F16)', () => {
  for (const t of ['oh great, my parcel is a week late again. fantastic service, really. get me a person', 'wow, three weeks and still no parcel. brilliant. just brilliant. I want to talk to a human']) {
    it(`"${t}": asked for a person, named upset and sarcastic`, () => {
      const h = handoff(t);
      expect(h.reason).toBe('explicit_request');
      expect(h.summary).toContain('The customer sounded upset (sarcastic).');
    });
  }
  it('handed over for the sarcasm itself: the key message is said to be sarcastic', () => {
    const h = handoff('oh great, my parcel is a week late again. fantastic service, really');
    expect(h.reason).toBe('negative_sentiment');
    expect(h.summary).toContain('Handed over because the customer is upset.');
    expect(h.summary).toContain('The key message is sarcastic.');
  });
  it('upset without praise words: upset, not sarcastic', () => {
    const h = handoff('this is the third time I write about my parcel, get me a person');
    expect(h.summary).toContain('The customer sounded upset.');
    expect(h.summary).not.toContain('sarcastic');
  });
  it('plainly upset words: as before', () => {
    const h = handoff('my parcel never arrived, this is ridiculous. get me a person');
    expect(h.summary).toContain('The customer sounded upset.');
    expect(h.summary).not.toContain('sarcastic');
  });
  for (const t of ['great service, thanks! can I talk to a person about a bulk order', 'I want to talk to a person']) {
    it(`"${t}": no upset named`, () => {
      const h = handoff(t);
      expect(h.summary).not.toMatch(/upset|sarcastic/);
    });
  }
});
