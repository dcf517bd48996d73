/**
 * Session 48 (lead, hostile s47 M2's rest): a gas smell or leak, or a carbon monoxide alarm going off now, gets the
 * emergency line AND what to do first (leave, call the gas emergency line from outside), with the number of the flow's
 * time zone (0800 111 999 in the UK, Gas Networks Ireland's in Ireland, else "your gas emergency line"). Other
 * emergencies (a fire, a swallowed battery) get the line alone; a flow whose own emergency line speaks of gas gets it as
 * written; a gas question that is no emergency gets no line at all.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { emergencyLineAbout, emergencyLineOf } from '../../../shared/engine/humanTakeover';

const load = (name: string): Flow => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z'); // Monday, Northwind open
const ana: AgentPresence[] = [{ id: 'ana', name: 'Ana', status: 'online', activeChats: 0, skills: [], languages: ['en'], teams: [], lastAssignedAt: null }];
const inZone = (flow: Flow, timezone: string): Flow => ({ ...flow, settings: { ...flow.settings, timezone } });

function firstReply(flow: Flow, text: string): string[] {
  const c = converse(flow, { now: OPEN, agents: ana });
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n);
}

describe('the gas line beside the emergency line', () => {
  const northwind = load('customer-support');
  const gas = ['I can smell gas in the kitchen and my daughter feels dizzy', 'there is a gas leak in the kitchen', 'the hob you sold is leaking gas'];
  const co = ['the carbon monoxide alarm went off after installing your boiler', 'our CO alarm is going off and my husband has a headache'];

  it.each(gas)('%j: the 999 line, then what to do with a gas smell and the UK gas emergency number', (text) => {
    const said = firstReply(northwind, text);
    const line = said.find((t) => t.startsWith(emergencyLineOf(northwind)));
    expect(line).toBe(`${emergencyLineOf(northwind)} With a gas smell or leak: don't switch anything on or off, open doors and windows, get everyone outside and call the gas emergency line on 0800 111 999 from there.`);
    expect(said.indexOf(line!)).toBe(0);
  });

  it.each(co)('%j: the carbon monoxide wording', (text) => {
    const line = firstReply(northwind, text)[0];
    expect(line).toContain('With a carbon monoxide alarm: open the windows');
    expect(line).toContain('0800 111 999');
  });

  it('the number follows the flow\'s time zone: Ireland, elsewhere', () => {
    expect(firstReply(inZone(northwind, 'Europe/Dublin'), gas[1]!)[0]).toContain('call Gas Networks Ireland on 1800 20 50 50 from there.');
    const paris = firstReply(inZone(northwind, 'Europe/Paris'), gas[1]!)[0];
    expect(paris).toContain('please call 112 now');
    expect(paris).toContain('call your gas emergency line from there.');
    expect(paris).not.toContain('0800');
  });

  it.each(['the heater you sold is on fire', 'my son swallowed a battery'])('%j: another emergency gets the line alone', (text) => {
    expect(firstReply(northwind, text)[0]).toBe(emergencyLineOf(northwind));
  });

  it('a flow whose own emergency line speaks of gas gets it as written', () => {
    const own = 'Call 999 now; for gas, call 0800 111 999 from outside.';
    const flow = { ...northwind, escalation: { ...northwind.escalation, urgency: { ...northwind.escalation.urgency, emergencyLine: own } } } as Flow;
    expect(firstReply(flow, gas[1]!)[0]).toBe(own);
    expect(emergencyLineAbout(flow, gas[1]!)).toBe(own);
  });

  it.each(['do you sell gas hobs?', 'is the patio heater gas or electric?', 'what if the CO alarm goes off, does it have a test button?'])('%j: no emergency line', (text) => {
    expect(firstReply(northwind, text).join(' ')).not.toMatch(/emergency|999/);
    expect(emergencyLineAbout(northwind, text)).toBe(emergencyLineOf(northwind));
  });

  it('out of hours (nobody can come), the gas line comes first too', () => {
    const c = converse(northwind, { now: Date.parse('2026-03-07T13:30:00Z'), agents: [] });
    const n = c.botTexts().length;
    c.say(gas[1]!);
    const said = c.botTexts().slice(n);
    expect(said[0]).toContain('With a gas smell or leak');
    expect(said.filter((t) => t.includes('With a gas smell')).length).toBe(1);
  });
});
