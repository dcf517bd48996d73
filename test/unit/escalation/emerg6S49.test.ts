/**
 * Session 49 (emerg6, hostile s49 H4, H5; /work/coord/s49/hostile/report.md): a person hurt or ill now said in plain
 * words (a fall and can't get up, the throat swelling, confused and drowsy, glass in a foot, blood everywhere) and a
 * threat or violence now ("someone is threatening me outside my door") are emergencies: the flow's emergency line first,
 * the urgent handover, no email question before it. The set (emerg6S49Set.ts) was written before the code; the
 * held-out wordings after it. Near misses (long ago, hypothetical, a story, idioms, a product question, a thing) stay calm.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from '../engine/harness';
import { fires, policy } from './facts';
import { HELD_OUT_NEGATIVES, HELD_OUT_POSITIVES, NEGATIVES, POSITIVES, REPORTED } from './emerg6S49Set';

const urgency = (text: string) => fires(detectUrgency, text, policy());
const flow = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
function chat(name: string, text: string, now = '2026-03-09T11:30:00Z'): { said: string; handedOver: boolean; priority: unknown } {
  const c = converse(flow(name), { now: Date.parse(now) });
  const n = c.botTexts().length;
  c.say(text);
  return {
    said: c.botTexts().slice(n).join(' '),
    handedOver: c.state.mode === 'waiting' || c.state.mode === 'agent' || c.state.variables.handoffReason !== undefined,
    priority: c.state.handoff?.priority,
  };
}

describe('H4, H5: a person hurt, ill or threatened now, in plain words, is an emergency', () => {
  it.each([...REPORTED, ...POSITIVES, ...HELD_OUT_POSITIVES])('%j is an emergency', (text) => {
    const s = urgency(text);
    expect(s?.reason).toBe('urgency');
    expect(s?.emergency).toBe(true);
  });
  it.each([...NEGATIVES, ...HELD_OUT_NEGATIVES])('%j is no emergency', (text) => {
    expect(urgency(text)?.emergency ?? false).toBe(false);
  });
});

describe('the hostile report\'s wordings in the flows: the emergency line first, then the person, no email question', () => {
  it.each(REPORTED)('customer-support, open hours: %j', (text) => {
    const out = chat('customer-support', text);
    expect(out.said).toMatch(/call 999 now/);
    expect(out.said).not.toMatch(/email address/);
    expect(out.said).not.toMatch(/didn't get that/);
    expect(out.handedOver).toBe(true);
  });
  it.each([REPORTED[0], REPORTED[4]])('customer-support, closed (Saturday): %j still gets the line first', (text) => {
    const out = chat('customer-support', text, '2026-03-07T13:30:00Z');
    expect(out.said).toMatch(/call 999 now/);
    const other = out.said.search(/email|offline|closed/i);
    expect(other === -1 || out.said.indexOf('999') < other).toBe(true);
  });
  it.each([REPORTED[1], REPORTED[4]])('insurance-claims at its first question: %j is urgent, with the 112 line', (text) => {
    const out = chat('insurance-claims', text);
    expect(out.said).toMatch(/112/);
    expect(out.said).not.toMatch(/Policy numbers look like/);
    expect(out.handedOver).toBe(true);
  });
  it.each(['this price is killing me', 'is this safe for a toddler?', "I'm dying to know when the sale starts"])('customer-support: %j gets no emergency line', (text) => {
    expect(chat('customer-support', text).said).not.toMatch(/999/);
  });
});
