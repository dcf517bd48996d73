/**
 * Hostile s28 H9: "I want to kill myself" typed while waiting in the queue got no reply, and the handoff stayed at
 * normal priority: the bot is silent while a person is involved and the policy does not read messages then.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

const NOW = Date.parse('2026-12-02T11:00:00Z');
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
/** Asks for a person and answers the takeover's questions until the chat waits in the queue. */
function queued() {
  const c = converse(northwind(), { now: NOW });
  c.say('I want to talk to a person');
  for (const a of ['ada@example.com', 'Ada', 'my parcel never came']) if (c.state.mode !== 'waiting') c.say(a);
  expect(c.state.mode).toBe('waiting');
  return c;
}

describe('self-harm while waiting for a person', () => {
  it('raises the handoff to urgent (one handoff_update) and tells the customer a person is coming and where to get help now', () => {
    const c = queued();
    expect(c.state.handoff?.priority).not.toBe('urgent');
    const n = c.botTexts().length;
    c.say('I want to kill myself');
    expect(c.state.handoff?.priority).toBe('urgent');
    const updates = c.lastStep.effects.filter((e) => e.type === 'handoff_update');
    expect(updates).toHaveLength(1);
    expect(c.botTexts().slice(n).join(' ')).toMatch(/can't wait.*local emergency number/);
    // Urgent once (no second handoff_update), but a second crisis message is answered again, not silence (hostile s29 H1).
    const m = c.botTexts().length;
    c.say('i want to die');
    expect(c.lastStep.effects.filter((e) => e.type === 'handoff_update')).toHaveLength(0);
    expect(c.botTexts().length).toBe(m + 1);
  });

  it('an ordinary or an angry message in the queue changes nothing (the bot stays silent)', () => {
    const c = queued();
    const before = c.state.handoff?.priority;
    const n = c.botTexts().length;
    c.say('this is taking forever, I am so angry');
    c.say('are you still there?');
    expect(c.state.handoff?.priority).toBe(before);
    expect(c.botTexts().length).toBe(n);
  });
});
