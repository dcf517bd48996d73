/**
 * Session 19 (fixengine2, hostile s19 #19): "why do you need it?" / "what for?" at an email question got "That doesn't
 * look like an email address"; now the bot says what the address is for and asks again (not counted as a wrong try).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { AgentPresence } from '../../../shared/handoff/types';
import { asksWhyEmail } from '../../../shared/engine/emailNonAnswers';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T11:00:00Z');
const ann: AgentPresence[] = [{ id: 'ann', name: 'Ann', status: 'online', activeChats: 0, skills: [], languages: ['en'], teams: [], lastAssignedAt: null }];
const RETRY = /doesn't look like an email/;

describe('hostile #19: asking why the email is needed', () => {
  it.each(['why do you need it?', 'what for?', "what's it for?", 'why do you need my email'])('"%s" at the cancel ticket email question is answered, then the address taken', (q) => {
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('cancel my order NW-230918');
    c.say('yes');
    const said = c.say(q).messages.map((m) => m.text).join('\n');
    expect(said).not.toMatch(RETRY);
    expect(said).toMatch(/only use it to reply/);
    expect(c.effects('create_ticket')).toHaveLength(0);
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(c.effects('create_ticket')).toHaveLength(1);
  });

  it('at the takeover email question too, and it is not counted as a wrong address', () => {
    const c = converse(template(), { now: NOW, agents: ann });
    c.say('can I speak to an agent please');
    c.say('why do you need it?');
    c.say('sam at example');
    expect(c.botTexts().join('\n')).toMatch(/reach you if the chat gets cut off/);
    expect(c.lastBotText()).toMatch(RETRY);
    expect(c.effects('handoff_request')).toHaveLength(0);
  });

  // Session 48 (conv9, hostile s47 M1): asked again (the second non-answer), the handover goes on without the email
  // (it was asked once more each time, with no limit: the customer never reached the queue).
  it('asked twice, the takeover goes on without the email', () => {
    const c = converse(template(), { now: NOW, agents: ann });
    c.say('can I speak to an agent please');
    c.say('why do you need it?');
    c.say('what for?');
    expect(c.botTexts().join('\n')).toMatch(/reach you if the chat gets cut off/);
    expect(c.effects('handoff_request')).toHaveLength(1);
  });

  it('what asks why', () => {
    for (const t of ['why?', 'Why do you need that?', 'what is it for', 'for what?']) expect(asksWhyEmail(t), t).toBe(true);
    for (const t of ['kim@example.com', 'why is my order late', "I don't have one", 'what', 'Wyatt']) expect(asksWhyEmail(t), t).toBe(false);
  });
});
