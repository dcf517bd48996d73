/**
 * Hostile s29 H1, H2: a handoff whose reason is self-harm said only the queue text / email question (no crisis line),
 * a later crisis message while waiting on an already urgent handoff got silence, and a chat auto-assigned but not yet
 * opened (joined === false) got no reply to "I want to kill myself".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { converse } from './harness';

const WEDNESDAY_11 = Date.parse('2026-12-02T11:00:00Z');
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
const ANN = { id: 'ann', name: 'Ann', status: 'online' as const, skills: [], languages: [], teams: [], activeChats: 0, lastAssignedAt: null };
const LINE = takeoverTexts.crisisWhileWaiting;

function saidAfter(c: ReturnType<typeof converse>, text: string): string[] {
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n);
}

describe('a handoff because of self-harm (hostile s29 H1)', () => {
  it('says the crisis line first, before the email question / queue text', () => {
    const c = converse(northwind(), { now: WEDNESDAY_11 });
    const said = saidAfter(c, 'I want to kill myself');
    expect(said[0]).toBe(LINE);
    expect(said.length).toBeGreaterThan(1);
  });

  it('a calm request for a person gets no crisis line', () => {
    const c = converse(northwind(), { now: WEDNESDAY_11 });
    expect(saidAfter(c, 'I want to talk to a human')).not.toContain(LINE);
  });

  it('every later crisis message while waiting is answered, not silence; an ordinary one is not', () => {
    const c = converse(northwind(), { now: WEDNESDAY_11 });
    c.say('I want to kill myself');
    if (c.state.waiting?.kind === 'takeover_question') c.say('kim@example.com');
    expect(c.mode()).toBe('waiting');
    expect(c.state.handoff?.priority).toBe('urgent');
    expect(saidAfter(c, 'hello?? is anyone there')).toEqual([]);
    expect(saidAfter(c, 'I mean it, I will end my life tonight')).toEqual([LINE]);
    expect(saidAfter(c, 'I have the pills in my hand and I want to die')).toEqual([LINE]);
  });
});

describe('auto-assigned but not opened (hostile s29 H2)', () => {
  it('a crisis message gets the line while the agent has not joined; not once she has', () => {
    const c = converse(northwind(), { now: WEDNESDAY_11 });
    c.say('I want to talk to a person');
    if (c.state.waiting?.kind === 'takeover_question') c.say('kim@example.com');
    c.send({ type: 'agent_accepted', agentId: 'ann', agentName: 'Ann', handoffId: c.state.handoff!.id, auto: true, eventId: 'e1' });
    expect(c.mode()).toBe('agent');
    expect(c.state.handoff?.joined).toBe(false);
    expect(saidAfter(c, 'I want to kill myself')).toEqual([LINE]);
    expect(c.state.handoff?.priority).toBe('urgent');
    expect(saidAfter(c, 'i will end my life tonight')).toEqual([LINE]);
    c.send({ type: 'agent_joined', agentId: 'ann', handoffId: c.state.handoff!.id, eventId: 'e2' });
    expect(c.state.handoff?.joined).not.toBe(false);
    expect(saidAfter(c, 'I want to die')).toEqual([]);
  });
});
