// Session 43 (medical4, hostile s43 H1, M1, M2, L6): emergencies in everyday words. The person named in the clause before
// (or a pronoun) carries to a clause without a subject; medical states and events by meaning; one-letter slips (an added
// letter, a vowel for a vowel); the emergency said again while waiting gets a short line, not the same words.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { emergencyWordOf, oneSlip } from '../../../shared/escalation/emergencySpelling';
import { emergencyAgainOf, emergencyLineOf } from '../../../shared/engine/humanTakeover';
import { converse } from '../engine/harness';
import { fires, policy } from './facts';
import { NEGATIVES, POSITIVES } from './medical4S43Set';

const urgency = (text: string) => fires(detectUrgency, text, policy());
const flowOf = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow as Flow;
const OPEN = Date.parse('2026-03-09T11:30:00Z');

describe('the test set written before the change: positives in five voices', () => {
  it.each(POSITIVES)('%j is an emergency (urgency, a rule, emergency)', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.source).toBe('rule');
    expect(s?.emergency).toBe(true);
  });
});

describe('the test set written before the change: near misses are no urgency at all', () => {
  it.each(NEGATIVES)('%j fires no urgency', (text) => {
    expect(urgency(text)).toBeNull();
  });
});

describe('H1: the subject of the clause before, carried', () => {
  it.each([
    ['my dad fell and is not responding', 'is not responding'],
    ["my dad hasn't moved and isn't responding", 'not responding'],
    ['grandma is on the floor and not responding', 'not responding'],
    ["he's not waking up", 'waking up'],
    ["my son fell off the bunk bed and hit his head, he's not waking up", 'waking'],
  ])('%j: the evidence names the state (%s)', (text, words) => {
    expect(urgency(text)?.evidence.join(' ')).toContain(words);
    // (The customer's words, not the "someone" read in for the carried subject.)
    expect(urgency(text)?.evidence.join(' ')).not.toContain('someone');
  });

  it.each([
    // A thing carries nothing; a role noun alone ("the driver is not responding": to calls) is no emergency.
    'the printer fell and is not responding',
    'the driver is not responding to my calls',
    'the driver is not responding, where is my parcel?',
    'my order is late and not responding to tracking',
  ])('%j is no emergency', (text) => {
    expect(urgency(text)?.emergency ?? false).toBe(false);
  });
});

describe('M2: one slip more (an added letter, a vowel for a vowel, "electric")', () => {
  it('puts right an added letter inside and a vowel for a vowel in seven letters or more', () => {
    expect(emergencyWordOf('chocking')).toBe('choking');
    expect(emergencyWordOf('choaking')).toBe('choking');
    expect(emergencyWordOf('breatheing')).toBe('breathing');
    expect(emergencyWordOf('bleading')).toBe('bleeding');
    expect(emergencyWordOf('electic')).toBe('electric');
    expect(emergencyWordOf('electrc')).toBe('electric');
    expect(oneSlip('chocking', 'choking')).toBe(true);
    // A consonant replaced, a vowel in a short word, the first or last letter: never.
    expect(emergencyWordOf('cooking')).toBeNull();
    expect(emergencyWordOf('breeding')).toBeNull();
    expect(emergencyWordOf('strike')).toBeNull();
    expect(oneSlip('chokingx', 'choking')).toBe(false);
    // Real words one such slip away.
    for (const w of ['walking', 'breadth', 'flitting', 'stepped', 'scolded', 'buttery', 'blustering', 'stropped', 'poisson']) expect(emergencyWordOf(w)).toBeNull();
  });

  it.each([
    'my son is walking again after the fall, which shoes?',
    'I stepped on the plug and it broke',
    'the buttery biscuits were stale',
  ])('%j is no emergency', (text) => {
    expect(urgency(text)?.emergency ?? false).toBe(false);
  });
});

describe('the four flows: the emergency line once, an urgent handover, no email question', () => {
  it.each([
    ['customer-support', 'my dad fell and is not responding'],
    ['customer-support', "my son fell off the bunk bed and hit his head, he's not waking up"],
    ['customer-support', 'my husband has had a stroke'],
    ['customer-support', 'chest pain and my left arm is numb'],
    ['customer-support', 'contractions are 2 minutes apart and the baby is coming'],
    ['customer-support', 'my baby is blue and floppy'],
    ['customer-support', 'the charger caught fire and my son has burns on his arm'],
    ['customer-support', 'my son is chocking on a piece of the toy'],
    ['customer-support', 'my son got an electic shock from the plug'],
    ['travel-urgency', 'my dad fell and is not responding'],
    ['lead-gen', 'my boss fell and is not responding'],
  ])('%s: %j', (flow, text) => {
    const p = playConversation(flowOf(flow), 'c', [text], OPEN);
    expect([p.handoff?.reason, p.handoff?.priority]).toEqual(['urgency', 'urgent']);
    const bot = p.transcript.filter((t) => t.from === 'bot').map((t) => t.text);
    expect(bot.filter((t) => /call (?:999|911|112)|cabin staff/.test(t))).toHaveLength(1);
    expect(bot.some((t) => /email address/i.test(t))).toBe(false);
  });
});

describe('L6: the emergency said again while waiting for the person', () => {
  it('gets the short line once, not the emergency line word for word; nothing after the short line', () => {
    const c = converse(flowOf('customer-support'), { now: OPEN });
    c.say('my dad is not responding');
    const line = emergencyLineOf(flowOf('customer-support'));
    expect(c.botTexts().filter((t) => t === line)).toHaveLength(1);
    const n = c.botTexts().length;
    c.say('he is still not breathing, please hurry');
    expect(c.botTexts().slice(n)).toEqual(['A person is coming. If anyone is in danger, please call 999 now.']);
    const m = c.botTexts().length;
    c.say('he is still not breathing');
    expect(c.botTexts().slice(m)).toEqual([]);
  });

  it('out of hours (the ticket\'s question, nobody can come): the short line without "A person is coming"', () => {
    const c = converse(flowOf('customer-support'), { now: Date.parse('2026-03-07T13:30:00Z') });
    c.say('my dad fell and is not responding');
    const line = emergencyLineOf(flowOf('customer-support'));
    expect(c.botTexts().filter((t) => t === line)).toHaveLength(1);
    const n = c.botTexts().length;
    c.say('he is still not breathing, please hurry');
    const said = c.botTexts().slice(n);
    expect(said[0]).toBe('If anyone is in danger, please call 999 now.');
    expect(said).not.toContain(line);
  });

  it('the short line gives the number of the flow\'s line, or the emergency services', () => {
    const base = flowOf('customer-support');
    expect(emergencyAgainOf(base)).toBe('A person is coming. If anyone is in danger, please call 999 now.');
    const own = { ...base, escalation: { ...base.escalation, urgency: { ...base.escalation.urgency, emergencyLine: 'Please ring an ambulance.' } } };
    expect(emergencyAgainOf(own)).toBe('A person is coming. If anyone is in danger, please call the emergency services now.');
  });
});
