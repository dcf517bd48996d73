/**
 * Session 29 (found checking hostile s28 H1 / H11 in the studio): "I want to die" typed at the takeover's own question
 * ("What is your email address, in case we get disconnected?") got "That doesn't look like an email address", and the
 * handoff waited for the remaining questions at normal priority.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { converse } from './harness';

const NOW = Date.parse('2026-12-02T11:00:00Z'); // Wednesday, in Northwind's opening hours
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
const EMAIL_RETRY = /doesn't look like an email address/;

function atEmailQuestion() {
  const c = converse(northwind(), { now: NOW });
  c.say('I want to talk to a person');
  expect(c.state.waiting).toMatchObject({ kind: 'takeover_question', field: 'email' });
  return c;
}

describe("words of self-harm at the takeover's own question", () => {
  it('hand over at once as urgent, after the crisis line; not "That doesn\'t look like an email address"', () => {
    const c = atEmailQuestion();
    const n = c.botTexts().length;
    c.say('I want to die');
    const said = c.botTexts().slice(n);
    expect(said[0]).toBe(takeoverTexts.crisisWhileWaiting);
    expect(said.join(' ')).not.toMatch(EMAIL_RETRY);
    expect(c.state.mode).toBe('waiting');
    expect(c.state.handoff?.reason).toBe('urgency');
    expect(c.state.handoff?.priority).toBe('urgent');
    const req = c.lastStep.effects.find((e) => e.type === 'handoff_request');
    expect(req).toBeDefined();
  });

  it('an ordinary wrong answer is still asked again, and a right one goes on to the next question (no handoff yet)', () => {
    const c = atEmailQuestion();
    c.say('kim at example');
    expect(c.lastBotText()).toMatch(EMAIL_RETRY);
    expect(c.state.handoff).toBeNull();
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
    expect(c.botTexts()).not.toContain(takeoverTexts.crisisWhileWaiting);
  });
});
