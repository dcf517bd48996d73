/**
 * Session 38 (hostile s38 M7, L5): numbers as customers type them. A correction takes the last number ("400, no wait,
 * 40"); a range is read as its low end ("15-20k" = 15,000); "1.5m" written against its number is a million; words
 * ("twenty thousand", "about fifty"); a block's currency refuses an amount in another one ("20.000 €" is not dollars).
 * Buttons named as number ranges ("1-10" ... "201 or more") pick the range that holds a typed count.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import { validateAnswer } from '../../../shared/engine/questionValidators';

const MON = Date.parse('2026-03-09T11:30:00Z');
const num = (t: string, currency?: string) => validateAnswer('number', t, MON, 'UTC', { currency });

describe('number answers (L5, M7)', () => {
  it.each([
    ['400, no wait, 40', 40],
    ['about 40 people, sorry I meant 400', 400],
    ['around 1.5k', 1500],
    ['around 15-20k', 15000],
    ['15k-20k', 15000],
    ['$15-20k', 15000],
    ['15 to 20 thousand', 15000],
    ['1.5m', 1500000],
    ['twenty thousand', 20000],
    ['we are about fifty', 50],
    ['two hundred and fifty', 250],
    ['a thousand', 1000],
    ['50k', 50000],
  ])('%j is %d', (t, want) => {
    expect(num(t)).toEqual({ ok: true, value: want });
  });
  it.each(['20-15k', 'no one knows', '2 or 3', '5 m', 'between 50 and 60k', '60.000'])('%j is asked again', (t) => {
    expect(num(t).ok).toBe(false);
  });
  it('a block in USD refuses euros and pounds, takes dollars and a bare number', () => {
    expect(num('20.000 €', 'USD').ok).toBe(false);
    expect(num('£20k', 'USD').ok).toBe(false);
    expect(num('20000 euros', 'USD').ok).toBe(false);
    expect(num('CA$20,000', 'USD').ok).toBe(false);
    expect(num('$20,000', 'USD')).toEqual({ ok: true, value: 20000 });
    expect(num('20000 dollars', 'USD')).toEqual({ ok: true, value: 20000 });
    expect(num('20000', 'USD')).toEqual({ ok: true, value: 20000 });
    expect(num('€20.000', 'EUR')).toEqual({ ok: true, value: 20000 });
  });
});

function chat(turns: string[]) {
  const flow = loadFlowText(readFileSync('flows/lead-gen.json', 'utf8')).flow!;
  const sim = createSimulation(flow, { now: MON, conversationId: 's38', http: () => ({ ok: false, status: 0, body: null }) });
  const effects: { type: string; text?: string }[] = [];
  for (const t of turns) for (const step of sim.say(t)) effects.push(...(step.effects as { type: string; text?: string }[]));
  return { vars: sim.state.variables, effects, bot: sim.transcript.filter((e) => e.from === 'bot').map((e) => e.text) };
}

describe('Acme lead-gen: company size and budget (M7, L5)', () => {
  it.each([
    ['around 1.5k', '201+'],
    ['400, no wait, 40', '11-50'],
    ['about 40 people, sorry I meant 400', '201+'],
    ['we are about fifty', '11-50'],
    ['12 people', '11-50'],
    ['1-10', '1-10'],
    // Money is no headcount: read by the flow's own fallback, as before.
    ['around £2,000 a month', undefined],
  ])('%j is %s', (t, size) => {
    expect(chat([t]).vars.companySize).toBe(size);
  });
  it('"20.000 €" is asked again in dollars, not sent to Slack as $20000', () => {
    const r = chat(['400', 'yes', 'ann@acme-corp.com', '20.000 €']);
    expect(r.vars.budget).toBeUndefined();
    expect(r.bot.at(-1)).toMatch(/US dollars/);
    expect(JSON.stringify(r.effects)).not.toMatch(/\$20000/);
  });
  it.each([
    ['around 15-20k', 15000],
    ['1.5m', 1500000],
    ['twenty thousand', 20000],
  ])('budget %j is %d', (t, want) => {
    expect(chat(['400', 'yes', 'ann@acme-corp.com', t]).vars.budget).toBe(want);
  });
});
