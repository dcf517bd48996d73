/**
 * Session 38 (hostile s38 L6, L8): references as they are pasted or misread. Typographic hyphens from a PDF
 * ("HM\u20112231\u20110457") are hyphens; a letter O in the digits of a prefix-and-digits reference ("NW-25O778") is a
 * zero. Both read by the question's own example (answerByExample) and by the conversation's entities.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import { answerByExample, referenceShapes } from '../../../shared/engine/questionValidators';
import { plainHyphens } from '../../../shared/engine/unicodeText';
import { extractEntities } from '../../../shared/nlu/entities';

const MON = Date.parse('2026-03-09T11:30:00Z');
function chat(file: string, turns: string[]) {
  const flow = loadFlowText(readFileSync(file, 'utf8')).flow!;
  const sim = createSimulation(flow, { now: MON, conversationId: 's38', http: () => ({ ok: false, status: 0, body: null }) });
  const effects: { type: string; url?: string }[] = [];
  for (const t of turns) for (const step of sim.say(t)) effects.push(...(step.effects as { type: string; url?: string }[]));
  return { vars: sim.state.variables, effects, bot: sim.transcript.filter((e) => e.from === 'bot').map((e) => e.text) };
}

describe('typographic hyphens inside a reference (L6)', () => {
  it.each(['HM\u20112231\u20110457', 'HM\u20132231\u20130457', 'HM\u20102231\u20100457', 'HM\u22122231\u22120457'])('%j is HM-2231-0457', (t) => {
    expect(plainHyphens(t)).toBe('HM-2231-0457');
    const r = chat('flows/insurance-claims.json', [t]);
    expect(r.vars.policyNumber).toBe('HM-2231-0457');
  });
  it('a dash between words is left alone, and the length never changes', () => {
    expect(plainHyphens('yes \u2013 cancel it')).toBe('yes \u2013 cancel it');
    const t = 'policy HM\u20112231\u20110457 \u2014 thanks';
    expect(plainHyphens(t).length).toBe(t.length);
  });
  it('the entities read one in a sentence', () => {
    expect(extractEntities('my policy number is HM\u20112231\u20110457').find((e) => e.type === 'policy_number')?.value).toBe('HM-2231-0457');
  });
});

describe('a letter O for a zero in a prefix-and-digits reference (L8)', () => {
  const order = referenceShapes(['e.g. NW-104233']);
  it.each([
    ['NW-25O778', 'NW-250778'],
    ['nw-25o778', 'NW-250778'],
    ['NW-250778', 'NW-250778'],
  ])('%j is %s', (t, want) => {
    expect(answerByExample(t, order)).toEqual({ ok: true, value: want });
  });
  it.each(['NW-OOOOOO', 'NW-2OO778'])('%j (more than one O) is not taken as a reference', (t) => {
    expect(answerByExample(t, order)).not.toEqual(expect.objectContaining({ ok: true }));
  });
  it('a booking reference with letters in it ("K7XQ2P") keeps its letters: an O there is an O', () => {
    expect(answerByExample('K7XO2P', referenceShapes(['e.g. K7XQ2P']))).toEqual({ ok: true, value: 'K7XO2P' });
  });
  it('Northwind looks up NW-250778 for "NW-25O778"', () => {
    const r = chat('flows/customer-support.json', ['1', 'NW-25O778']);
    expect(r.vars.orderNumber).toBe('NW-250778');
    expect(r.effects.some((e) => e.type === 'http_request' && String(e.url).endsWith('/orders/NW-250778'))).toBe(true);
  });
});
