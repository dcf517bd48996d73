/**
 * Session 44 (hostfix): hostile s44 M6 at lead-gen's takeover name question. "Dana. Also, do you offer SSO on the Team
 * plan?" stored the name "Dana. Also" and lost the question: the name is "Dana", the question kept for the person as
 * the reason (not asked again).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverPrompts } from '../../../shared/engine/humanTakeover';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');

function leadGenAtName() {
  const c = converse(load('lead-gen'), { now: OPEN });
  c.say('I want to talk to a person');
  expect(c.lastBotText()).toBe(takeoverPrompts.name);
  return c;
}

describe('hostile s44 M6: a question after the name in its own sentence', () => {
  it.each([
    ['Dana. Also, do you offer SSO on the Team plan?', 'Dana', 'do you offer SSO on the Team plan?'],
    ['Sam Taylor! And can I pay by invoice?', 'Sam Taylor', 'can I pay by invoice?'],
    ["I'm Priya. We need 40 seats before June", 'Priya', 'We need 40 seats before June'],
  ])('%j: name %j, the rest the reason, not asked again', (text, name, reason) => {
    const c = leadGenAtName();
    c.say(text);
    expect(c.lastBotText()).toBe(takeoverPrompts.email);
    c.say('dana@fbi.example');
    expect(c.variables().customerName).toBe(name);
    expect(c.variables().handoffReason).toBe(reason);
    expect(c.botTexts()).not.toContain(takeoverPrompts.reason);
  });
  it.each([
    ['Dana Scully', 'Dana Scully'],
    ['J. R. Smith', 'J. R. Smith'],
    ['Dana.', 'Dana'],
    ['Dana. Thanks!', 'Dana'],
  ])('%j is the name %j alone (no matter split off)', (text, name) => {
    const c = leadGenAtName();
    c.say(text);
    expect(c.variables().customerName).toBe(name);
    expect(c.variables().handoffReason ?? null).toBeNull();
  });
});
