/**
 * Session 39 (fix, hostile s38 M4): a question typed at an email question ("wait, what are your opening hours?", "how
 * much is shipping to France?") got "That doesn't look like an email address". A question the flow answers with
 * messages alone is answered there and the email asked again; a question it cannot answer there is told why the email
 * is asked. Neither is counted as a wrong address.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { AgentPresence } from '../../../shared/handoff/types';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z'); // Monday, in hours
const CLOSED = Date.parse('2026-03-07T13:30:00Z'); // Saturday after 13:00 London: closed
const ann: AgentPresence[] = [{ id: 'ann', name: 'Ann', status: 'online', activeChats: 0, skills: [], languages: ['en'], teams: [], lastAssignedAt: null }];
const RETRY = /doesn't look like an email/;
const HOURS = /Monday to Friday 8am-8pm/;

describe('hostile s38 M4: a question at the takeover email question', () => {
  it.each(['wait, what are your opening hours?', 'when are you open again?'])('"%s" is answered and the email asked again', (q) => {
    const c = converse(template(), { now: OPEN, agents: ann });
    c.say('I need a person');
    const said = c.say(q).messages.map((m) => m.text);
    expect(said.join('\n')).not.toMatch(RETRY);
    expect(said.join('\n')).toMatch(HOURS);
    expect(said[said.length - 1]).toMatch(/email address/);
    expect(said.join('\n')).not.toMatch(/Anything else/);
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(c.effects('handoff_request')).toHaveLength(1);
  });

  it('a shipping question is answered too', () => {
    const c = converse(template(), { now: OPEN, agents: ann });
    c.say('I need a person');
    const said = c.say('how much is shipping to France?').messages.map((m) => m.text).join('\n');
    expect(said).toMatch(/We ship to the EU/);
    expect(said).not.toMatch(RETRY);
  });

  it('a question the flow cannot answer here says why the email is asked, and is no wrong try', () => {
    const c = converse(template(), { now: OPEN, agents: ann });
    c.say('I need a person');
    const said = c.say('can you check if my voucher is still valid?').messages.map((m) => m.text).join('\n');
    expect(said).not.toMatch(RETRY);
    expect(said).toMatch(/reach you if the chat gets cut off/);
    // Session 48 (conv9, hostile s47 M1): once; this test asked it three times and expected the same line each time.
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(c.effects('handoff_request')).toHaveLength(1);
  });

  it('a bad address is still a wrong try', () => {
    const c = converse(template(), { now: OPEN, agents: ann });
    c.say('I need a person');
    expect(c.say('kim at example').messages.map((m) => m.text).join('\n')).toMatch(RETRY);
  });
});

describe('hostile s38 M4: a question at the ticket email question (out of hours)', () => {
  it.each(['wait, what are your opening hours?', 'when are you open again?'])('"%s" is answered and the email asked again', (q) => {
    const c = converse(template(), { now: CLOSED, agents: ann });
    c.say('I need a person');
    expect(c.lastBotText()).toMatch(/What email address should we reply to/);
    const said = c.say(q).messages.map((m) => m.text);
    expect(said.join('\n')).not.toMatch(RETRY);
    expect(said.join('\n')).toMatch(HOURS);
    expect(said[said.length - 1]).toMatch(/email address should we reply to/);
    expect(c.effects('create_ticket')).toHaveLength(0);
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
  });

  it('a question the flow cannot answer says what the email is for', () => {
    const c = converse(template(), { now: CLOSED, agents: ann });
    c.say('I need a person');
    const said = c.say('can you check if my voucher is still valid?').messages.map((m) => m.text).join('\n');
    expect(said).not.toMatch(RETRY);
    expect(said).toMatch(/only use your email to reply/);
  });
});

describe('hostile s38 M4: what is not a side question', () => {
  it('a request for a person at the takeover email question is not told "the colleague who joins can answer that"', () => {
    const c = converse(template(), { now: OPEN, agents: ann });
    c.say('I need a person');
    expect(c.say('can I just talk to someone?').messages.map((m) => m.text).join('\n')).not.toMatch(/colleague who joins can answer/);
  });
});
