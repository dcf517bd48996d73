/**
 * Hostile s29 H10: out of hours, words of self-harm got a line naming the UK's Samaritans (116 123) in every flow,
 * whatever its country, and no setting changed it. The flow's own Crisis line (escalation.urgency.crisisLine) is said
 * when set; otherwise the built-in one, which names Samaritans only in a flow on UK or Irish time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { crisisLineOf, takeoverTexts } from '../../../shared/engine/humanTakeover';
import type { Flow } from '../../../shared/flow/schema';
import { converse } from './harness';

const SATURDAY_22 = Date.parse('2026-12-05T22:00:00Z'); // out of hours in London and in New York (17:00 Saturday: closed)
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
const inZone = (f: Flow, timezone: string): Flow => ({ ...f, settings: { ...f.settings, timezone } });
const withLine = (f: Flow, crisisLine: string): Flow => ({ ...f, escalation: { ...f.escalation, urgency: { ...f.escalation.urgency, crisisLine } } });

function firstReply(flow: Flow): string[] {
  const c = converse(flow, { now: SATURDAY_22 });
  const n = c.botTexts().length;
  c.say('I want to kill myself');
  return c.botTexts().slice(n);
}

describe('the crisis line when nobody can answer (hostile s29 H10)', () => {
  it('a UK flow keeps the line naming Samaritans', () => {
    expect(firstReply(northwind())[0]).toBe(takeoverTexts.crisisNobodyNow);
    expect(takeoverTexts.crisisNobodyNow).toMatch(/Samaritans on 116 123/);
  });

  it('a flow elsewhere gets the line without a UK number', () => {
    const said = firstReply(inZone(northwind(), 'America/New_York'));
    expect(said[0]).toBe(takeoverTexts.crisisNobodyNowElsewhere);
    expect(said.join(' ')).not.toMatch(/Samaritans|116 123/);
    expect(said[0]).toMatch(/local emergency number/);
  });

  it("the flow's own line, when set, is said instead (as written, trimmed)", () => {
    const line = 'Please call 988 (Suicide & Crisis Lifeline) now, or 911 if you are in danger. {{secrets.KEY}} stays as typed.';
    const said = firstReply(withLine(inZone(northwind(), 'America/New_York'), `  ${line}  `));
    expect(said[0]).toBe(line);
    expect(crisisLineOf(withLine(northwind(), '   '))).toBe(takeoverTexts.crisisNobodyNow); // blank: the built-in one
  });

  it('a crisis line over 1,000 characters is refused with a clear message', () => {
    const f = northwind();
    const raw = JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
    raw.escalation.urgency = { ...(raw.escalation.urgency ?? {}), crisisLine: 'x'.repeat(1001) };
    const loaded = loadFlowText(JSON.stringify(raw));
    expect(loaded.flow).toBeFalsy();
    expect(JSON.stringify(loaded)).toMatch(/crisis line under 1,000 characters/);
    expect(f.escalation.urgency.crisisLine).toBeUndefined();
  });
});
