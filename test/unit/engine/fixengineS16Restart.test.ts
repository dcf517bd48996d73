/**
 * Session 16 (fixengine), newcomer s15 N#4: a message after the chat ended restarted the conversation and was dropped
 * ("what are your delivery times?" -> "Welcome back!", the greeting and the menu; the question not answered). The
 * restarted flow's first block that reads requests (a menu, a router) now reads it when it understands it. Also the
 * LOW part: "ok" is not the ticket's issue, and a new conversation's ticket asks its own issue.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { flowSchema } from '../../../shared/flow/schema';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
const SHIPPING = /UK standard delivery takes 2-4 working days/;

/** The template with nobody signed in: a request for a person ends in a ticket and the chat's end. */
function endedChat() {
  const c = converse(template(), { now: NOW, agents: [] });
  c.say('I want to talk to a human');
  c.say('my email is sam@example.com');
  c.say('my parcel never came');
  expect(c.mode()).toBe('closed');
  return c;
}

describe('newcomer s15 N#4: the message that reopens an ended chat is read', () => {
  it('a question after the end is answered after "Welcome back!" (and recorded once)', () => {
    const c = endedChat();
    const said = c.transcript().filter((e) => e.from === 'customer').length;
    const step = c.say('what are your delivery times?');
    const texts = step.messages.map((m) => m.text);
    expect(texts[0]).toBe('Welcome back!');
    expect(texts.some((t) => SHIPPING.test(t))).toBe(true);
    expect(c.transcript().filter((e) => e.from === 'customer')).toHaveLength(said + 1);
    expect(c.mode()).toBe('bot');
  });

  it('a menu choice typed after the end is taken (Track my order -> the order question)', () => {
    const c = endedChat();
    c.say('track my order');
    expect(c.lastBotText()).toMatch(/order number/i);
  });

  it('a request for a person after the end hands over when someone is online', () => {
    const c = endedChat();
    c.setAgents([{ id: 'ann', name: 'Ann', status: 'online', activeChats: 0, skills: [], languages: ['en'], teams: [], lastAssignedAt: null }]);
    c.say('can I talk to a person please');
    expect(c.effects('handoff_request').length).toBeGreaterThan(0);
  });

  it('a message the menu does not understand leaves the restart as before: greeting and menu, no retry line', () => {
    const c = endedChat();
    const step = c.say('purple monkey dishwasher');
    const texts = step.messages.map((m) => m.text);
    expect(texts[0]).toBe('Welcome back!');
    expect(texts[texts.length - 1]).toMatch(/What can I help you with/);
    expect(texts.join('\n')).not.toMatch(/Please pick|didn't get that/);
  });

  it('a restart that waits at a question of the flow does not take the message as its answer', () => {
    const flow = flowSchema.parse({
      version: 1, id: 'q', name: 'Q',
      blocks: [
        { id: 'start', kind: 'start', data: {} },
        { id: 'ask', kind: 'question', data: { text: 'What is your name?', variable: 'customerName' } },
        { id: 'bye', kind: 'end', data: { message: 'Bye!' } },
      ],
      edges: [
        { id: 'e1', from: 'start', exit: 'next', to: 'ask' },
        { id: 'e2', from: 'ask', exit: 'next', to: 'bye' },
      ],
    });
    const c = converse(flow, { now: NOW });
    c.say('Sam');
    expect(c.mode()).toBe('closed');
    c.say('what are your delivery times?');
    expect(c.variables().customerName).toBe('Sam');
    expect(c.lastBotText()).toBe('What is your name?');
  });
});

describe('newcomer s15 N#4 (LOW part): the ticket issue', () => {
  it('"ok" at "What should our team help you with?" is asked again, not the issue', () => {
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('I want to talk to a human');
    c.say('my email is sam@example.com');
    c.say('ok');
    expect(c.effects('create_ticket')).toHaveLength(0);
    expect(c.lastBotText()).toMatch(/in a few words/);
    c.say('my parcel never came');
    const t = c.effects('create_ticket');
    expect(t).toHaveLength(1);
    expect((t[0] as { issue: string }).issue).toBe('my parcel never came');
  });

  it('a second ticket in the new conversation asks its own issue instead of reusing the first', () => {
    const c = endedChat();
    c.say('fine. can I speak to a person please');
    expect(c.lastBotText()).toMatch(/What should our team help you with/);
    c.say('a refund for the lamp');
    const t = c.effects('create_ticket');
    expect((t[t.length - 1] as { issue: string }).issue).toBe('a refund for the lamp');
  });
});
