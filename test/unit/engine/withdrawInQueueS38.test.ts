/**
 * Hostile s38 H1 (high): a customer who withdrew the request for a person while waiting in the queue ("nvm, found it,
 * cancel the request pls", "never mind, no need for a person") was only relayed to the queue: the "still waiting" email
 * quoted the withdrawal to the team leads, and at the queue timeout a ticket was opened for what they had cancelled.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { WITHDRAWN_NOTE } from '../../../shared/engine/humanTakeover';
import { handoffEndedLine } from '../../../shared/simulator/simulatorView';
import { converse } from './harness';

const NOW = Date.parse('2026-03-09T11:30:00Z'); // Monday, Northwind open
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
function queued() {
  const c = converse(northwind(), { now: NOW });
  c.say('I want to talk to a person');
  for (const a of ['ada@example.com', 'Ada', 'my parcel never came']) if (c.state.mode !== 'waiting') c.say(a);
  expect(c.state.mode).toBe('waiting');
  expect(c.state.handoff?.status).toBe('pending');
  return c;
}

describe('withdrawing the request for a person while queued', () => {
  for (const text of [
    'never mind, I found it, no need for a person',
    'nvm, found the pricing page, cancel the request pls',
    "I don't need a person anymore",
    'forget it, sorted now, dont need anyone',
  ]) {
    it(`"${text}" cancels the handoff and its timers, and the bot takes up where the customer was`, () => {
      const c = queued();
      const n = c.botTexts().length;
      c.say(text);
      expect(c.state.handoff?.status).toBe('cancelled');
      expect(c.state.handoff?.transitions.at(-1)).toMatchObject({ to: 'cancelled', actor: 'customer', note: WITHDRAWN_NOTE });
      expect(c.state.mode).toBe('bot');
      expect(c.state.timers).toEqual([]);
      expect(c.lastStep.effects.filter((e) => e.type === 'cancel_timer').length).toBeGreaterThan(0);
      expect(c.lastStep.effects.some((e) => e.type === 'relay_to_agent')).toBe(false);
      expect(c.botTexts().slice(n)[0]).toBe("No problem, I've cancelled your request for a person.");
      expect(c.state.waiting).toMatchObject({ kind: 'input', blockId: 'main_menu' });
      // Ten minutes later: no "still waiting" email, no ticket.
      const later = c.wait('11m').flatMap((s) => s.effects);
      expect(later.filter((e) => e.type === 'notify' || e.type === 'create_ticket')).toEqual([]);
      expect(handoffEndedLine(c.state.handoff!, c.state.mode)).toMatch(/^The customer withdrew the request before an agent joined\./);
    });
  }

  for (const text of [
    'nevermind the refund, I just want to know when someone comes',
    'never mind, how long will it take?',
    'never mind, I will wait',
    'never mind that, I still want to talk to a human',
    'this is taking forever',
    'cancel my order',
  ]) {
    it(`"${text}" does not withdraw it: relayed to the queue, still pending`, () => {
      const c = queued();
      c.say(text);
      expect(c.state.mode).toBe('waiting');
      expect(c.state.handoff?.status).toBe('pending');
      expect(c.lastStep.effects.some((e) => e.type === 'relay_to_agent')).toBe(true);
    });
  }

  it('an agent who holds the chat reads a withdrawal herself: nothing is cancelled', () => {
    const c = queued();
    c.send({ type: 'agent_accepted', agentId: 'a1', agentName: 'Ana', handoffId: c.state.handoff!.id, eventId: 'e1' });
    expect(c.state.handoff?.status).toBe('assigned');
    c.say('never mind, no need for a person');
    expect(c.state.handoff?.status).toBe('assigned');
    expect(c.lastStep.effects.some((e) => e.type === 'relay_to_agent')).toBe(true);
  });

  it('words of self-harm beside "never mind" are never a withdrawal', () => {
    const c = queued();
    c.say('never mind, I want to kill myself');
    expect(c.state.handoff?.status).toBe('pending');
    expect(c.state.handoff?.priority).toBe('urgent');
  });
});
