/**
 * Session 33 (the newc helper's finding; newcomer s32 #3 at the takeover): in hours, at the takeover's "What is your
 * email address, in case we get disconnected?", "bye" was a name ("Thanks, bye. And what is your email address ...").
 * A goodbye there withdraws the request, as "never mind" does; a name is still a name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';

const MONDAY_MORNING = Date.parse('2026-03-02T10:00:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe("a goodbye at the takeover's questions", () => {
  it.each(['bye', 'thanks, bye', "that's all", 'goodbye then'])('%j withdraws the request: no name, no handoff', (text) => {
    const c = converse(load(), { now: MONDAY_MORNING });
    c.say('I want to talk to a person');
    expect(c.botTexts().at(-1)).toMatch(/What is your email address, in case we get disconnected\?/);
    c.say(text);
    expect(c.botTexts()).toContain(takeoverTexts.backedOut);
    expect(c.botTexts().join(' ')).not.toMatch(/Thanks, (?:bye|goodbye)/i);
    expect(c.variables().customerName).toBeUndefined();
    expect(c.effects('handoff_request')).toHaveLength(0);
  });

  it('a name is still taken', () => {
    const c = converse(load(), { now: MONDAY_MORNING });
    c.say('I want to talk to a person');
    c.say('Kim');
    expect(c.variables().customerName).toBe('Kim');
  });
});
