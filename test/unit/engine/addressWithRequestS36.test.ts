/**
 * Session 36, hostile s35 F10 / F5 / F4 (addresses set aside or changed):
 * - F10 (high): an address disowned or changed in the same message as the request for a person ("get me a human,
 *   ana@x.com is my old one", "my email was a@x.com but change it to b@y.com, get me a person") was used anyway: every
 *   email in a message was remembered as the customer's, whatever the words around it;
 * - F5: "a@x.com, wait no" at the cancellation ticket's email question kept a@x.com; "a@x.com - no, scratch that,
 *   b@y.com" asked which;
 * - F4: correcting an address there ("not a@x.com, b@y.com", "a@x.com typo, I mean a@x.co.uk") was read as a loop and
 *   "a@x.com no longer works" as the damaged-goods topic: a person was offered to a customer who asked for none.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { notThatEmail } from '../../../shared/engine/emailNonAnswers';
import { emailAnswer } from '../../../shared/engine/questionValidators';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
const SAT = Date.UTC(2026, 2, 7, 13, 30);
const ana: AgentPresence = { id: 'ana', name: 'Ana', status: 'online', skills: [], languages: ['en'], teams: [], activeChats: 0, lastAssignedAt: null };
const flow = (): Flow => JSON.parse(readFileSync('flows/customer-support.json', 'utf8')) as Flow;
const atCancelEmail = (now: number) => {
  const c = converse(flow(), { now, agents: [ana] });
  for (const m of ['Cancel my order', 'NW-104233', 'yes']) c.say(m);
  expect(c.lastBotText()).toMatch(/email address/i);
  return c;
};

describe('an address set aside in the request for a person (hostile s35 F10)', () => {
  it('out of hours, first message: no ticket for the old address; the email is asked', () => {
    const c = converse(flow(), { now: SAT });
    c.say('get me a human, ana@x.com is my old one');
    expect(c.effects('create_ticket')).toHaveLength(0);
    expect(c.variables().customerEmail ?? null).toBeNull();
    expect(c.lastBotText()).toMatch(/email address/i);
  });
  it('in hours: the changed-to address is the customer\'s', () => {
    const c = converse(flow(), { now: MON, agents: [ana] });
    c.say('my email was a@x.com but change it to b@y.com, get me a person');
    expect(c.variables().customerEmail).toBe('b@y.com');
    expect(c.effects('handoff_request')).toHaveLength(1);
    expect(JSON.stringify(c.effects('handoff_request')[0])).not.toContain('(a@x.com)');
  });
  it('in hours, an old one: the takeover asks for the email', () => {
    const c = converse(flow(), { now: MON, agents: [ana] });
    c.say('get me a human, ana@x.com is my old one');
    expect(c.variables().customerEmail ?? null).toBeNull();
    expect(c.lastBotText()).toMatch(/email address/i);
  });
  it('out of hours at the cancellation ticket\'s email question: "not that one", then the ticket with the new address', () => {
    const c = atCancelEmail(SAT);
    c.say('get me a human, ana@x.com is my old one');
    expect(c.effects('create_ticket')).toHaveLength(0);
    expect(c.lastBotText()).toBe(notThatEmail);
    c.say('ana@new.com');
    expect(c.effects('create_ticket')).toHaveLength(1);
    expect(c.effects('create_ticket')[0]).toMatchObject({ contact: { email: 'ana@new.com' } });
  });
});

describe('an address taken back at the cancellation ticket\'s email question (hostile s35 F5)', () => {
  it('"a@x.com, wait no": not that one', () => {
    const c = atCancelEmail(MON);
    c.say('a@x.com, wait no');
    expect(c.lastBotText()).toBe(notThatEmail);
    expect(c.effects('create_ticket')).toHaveLength(0);
  });
  it('"scratch that" sets the first aside', () => {
    expect(emailAnswer('a@x.com - no, scratch that, b@y.com')).toMatchObject({ ok: true, value: 'b@y.com' });
    expect(emailAnswer('a@x.com, wait no, b@y.com')).toMatchObject({ ok: true, value: 'b@y.com' });
    expect(emailAnswer('a@x.com no thanks')).toMatchObject({ ok: true, value: 'a@x.com' });
  });
});

describe('correcting the address at the cancellation ticket\'s email question offers nobody (hostile s35 F4)', () => {
  for (const [said, email] of [
    ['not a@x.com, b@y.com', 'b@y.com'],
    ['a@x.com typo, I mean a@x.co.uk', 'a@x.co.uk'],
  ] as const) {
    it(`"${said}": the ticket for ${email}, no person`, () => {
      const c = atCancelEmail(MON);
      c.say(said);
      expect(c.effects('handoff_request')).toHaveLength(0);
      expect(c.botTexts().join(' ')).not.toMatch(/get a person/);
      expect(c.effects('create_ticket')).toHaveLength(1);
      expect(c.effects('create_ticket')[0]).toMatchObject({ contact: { email } });
    });
  }
  it('"a@x.com no longer works": not that one, no person', () => {
    const c = atCancelEmail(MON);
    c.say('a@x.com no longer works');
    expect(c.lastBotText()).toBe(notThatEmail);
    expect(c.effects('handoff_request')).toHaveLength(0);
    expect(c.botTexts().join(' ')).not.toMatch(/get a person/);
  });
});
