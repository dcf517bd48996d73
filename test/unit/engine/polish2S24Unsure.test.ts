/**
 * Session 24 (polish2), hostile s17 #25: "I'm not sure" at other templates' questions was thanked as a note: at the
 * Human takeover's name question (Acme lead-gen, Harbor Mutual) it got "Thanks, I've noted that for the team" and became
 * the handoff reason; at the takeover's "what do you need help with?" and a ticket's issue question it was kept as the
 * reason / issue the agent reads. Now an undecided answer is no name, no reason and no issue.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { problemFromNameAnswer } from '../../../shared/engine/questionValidators';

const template = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-03-02T10:00:00Z');
const UNSURE = ["I'm not sure", 'I am not sure', 'not sure', 'no idea', 'hmm, not sure'];

describe('"I\'m not sure" at the takeover\'s and tickets\' questions', () => {
  it.each(UNSURE)('Acme lead-gen, "%s" at "may I have your name?": not noted, the name left out, the email asked', (line) => {
    const c = converse(template('lead-gen'), { now: NOW });
    c.say('I want to talk to a person');
    expect(c.lastBotText()).toBe('Before I connect you, may I have your name?');
    const before = c.botTexts().length;
    c.say(line);
    const said = c.botTexts().slice(before);
    expect(said.join('\n')).not.toMatch(/noted/);
    expect(said).toEqual(["No problem, let's continue without it.", 'What is your email address, in case we get disconnected?']);
    expect(c.variables().handoffReason ?? null).not.toBe(line);
    expect(c.variables().customerName ?? null).toBeNull();
  });

  it.each(UNSURE)('Harbor Mutual, "%s" at "what do you need help with?": handed over without it as the reason', (line) => {
    const c = converse(template('insurance-claims'), { now: NOW });
    c.say('I want to talk to a person');
    c.say('Kim');
    c.say('kim@example.com');
    expect(c.lastBotText()).toBe('In a few words, what do you need help with?');
    c.say(line);
    expect(c.mode()).toBe('waiting');
    expect(c.variables().handoffReason).not.toBe(line);
    const req = c.effects('handoff_request')[0];
    expect(req.context.variables.handoffReason ?? null).not.toBe(line);
  });

  it.each(UNSURE)('Northwind return ticket, "%s" at "What should our team help you with?": asked again, not kept as the issue', (line) => {
    const c = converse(template('customer-support'), { now: NOW });
    c.say('I want to return something');
    c.say('NW-230918');
    c.say('Something else');
    c.say('kim@example.com');
    expect(c.lastBotText()).toBe('What should our team help you with?');
    c.say(line);
    expect(c.lastBotText()).toBe('Please tell us in a few words what our team should help you with.');
    expect(c.variables().handoffReason ?? null).not.toBe(line);
    c.say('the zip is broken');
    expect(c.variables().handoffReason).toBe('the zip is broken');
  });

  it('a real problem typed at the name question is still noted; a name still taken', () => {
    expect(problemFromNameAnswer('my parcel never arrived')).toBe('my parcel never arrived');
    const c = converse(template('lead-gen'), { now: NOW });
    c.say('I want to talk to a person');
    c.say('my parcel never arrived at all');
    expect(c.lastBotText()).toMatch(/noted that for the team/);
    const d = converse(template('lead-gen'), { now: NOW });
    d.say('I want to talk to a person');
    d.say('Kim');
    expect(d.variables().customerName).toBe('Kim');
  });
});
