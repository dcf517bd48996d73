/**
 * Session 38 (hostile s38 H2, M6, M8): a date, or a date and time, read out of the sentence typed at a Question block
 * (whenAnswer.ts): the last one when corrected, one set aside ("not 14:45") left out, a past-only date question
 * refusing a day after today. Then the sample flows: Skyline Air's departure question and Harbor Mutual's incident date.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import { validateAnswer } from '../../../shared/engine/questionValidators';
import { dateIn, dateTimeIn, onlyAWhen } from '../../../shared/engine/whenAnswer';

const MON = Date.parse('2026-03-09T11:30:00Z'); // Monday, 11:30 in London (GMT)
const TZ = 'Europe/London';

describe('dateTimeIn: a time of day in a sentence (Skyline Air, Monday 11:30)', () => {
  it.each([
    ['11:45', '2026-03-09T11:45'],
    ['11:45am', '2026-03-09T11:45'],
    ['it leaves at 11:45', '2026-03-09T11:45'],
    ['Monday 11:45', '2026-03-09T11:45'],
    ['9/3/2026 11:45', '2026-03-09T11:45'],
    ['11h45', '2026-03-09T11:45'],
    ['11.45', '2026-03-09T11:45'],
    ['sorry I meant 11:45, not 14:45', '2026-03-09T11:45'],
    ['14:45, no sorry 11:45', '2026-03-09T11:45'],
    ['twenty to twelve', '2026-03-09T11:40'],
    ['quarter past twelve', '2026-03-09T12:15'],
    ['half eleven', '2026-03-09T11:30'],
    ['eleven forty-five', '2026-03-09T11:45'],
    ['6pm', '2026-03-09T18:00'],
    ['tomorrow at 9:30', '2026-03-10T09:30'],
    ['2026-03-12T09:00', '2026-03-12T09:00'],
    ['Thursday 7:15', '2026-03-12T07:15'],
    ['14 March at 6.30pm', '2026-03-14T18:30'],
    // A bare time more than an hour gone is tomorrow's, as the rules read a bare time (rules.ts timeOfDay).
    ['9:00', '2026-03-10T09:00'],
  ])('%j is %s', (text, want) => {
    expect(dateTimeIn(text, MON, TZ, 'future')).toBe(want);
    expect(validateAnswer('datetime', text, MON, TZ, { dates: 'future' })).toEqual({ ok: true, value: want });
  });

  it('a time in words takes the half of the day ahead of now: "twenty to twelve" at 13:00 is 23:40', () => {
    expect(dateTimeIn('twenty to twelve', Date.parse('2026-03-09T13:00:00Z'), TZ)).toBe('2026-03-09T23:40');
  });

  it('reads the time in the flow zone, not UTC (New York, 11:30 local)', () => {
    expect(dateTimeIn('11:45', Date.parse('2026-03-09T15:30:00Z'), 'America/New_York')).toBe('2026-03-09T11:45');
  });

  it.each(['whenever', 'at 8', 'soon', 'gate 12', 'I just missed my flight', 'flight BA 1234', ''])('%j names no time: asked again', (text) => {
    expect(dateTimeIn(text, MON, TZ)).toBeNull();
    expect(validateAnswer('datetime', text, MON, TZ).ok).toBe(false);
  });
});

describe('dateIn: a date in a sentence (Harbor Mutual incident date, Monday 9 March 2026)', () => {
  it.each([
    ['2026-03-06', '2026-03-06'],
    ['06/03/2026', '2026-03-06'],
    ['yesterday', '2026-03-08'],
    ['March 5th', '2026-03-05'],
    ['5 March', '2026-03-05'],
    ['the 5th of March', '2026-03-05'],
    ['last night around 11pm', '2026-03-08'],
    ['on Saturday', '2026-03-07'],
    ['last Monday', '2026-03-02'],
    ['oops wrong date, it was the 5th', '2026-03-05'],
    ['the 6th, no sorry the 5th', '2026-03-05'],
    ['not the 6th but the 5th', '2026-03-05'],
    // A day of the month after today, for an incident that happened: last month's.
    ['the 20th', '2026-02-20'],
    ['December 24th', '2025-12-24'],
  ])('past: %j is %s', (text, want) => {
    expect(dateIn(text, MON, TZ, 'past')).toBe(want);
    expect(validateAnswer('date', text, MON, TZ, { dates: 'past' })).toEqual({ ok: true, value: want });
  });

  it.each(['14/03/2026', '2026-03-10', 'tomorrow', 'next Friday', '1 January 2027'])('past: %j is after today: refused', (text) => {
    expect(validateAnswer('date', text, MON, TZ, { dates: 'past' }).ok).toBe(false);
  });

  it.each([
    ['14/03/2026', '2026-03-14'],
    ['2026-03-10', '2026-03-10'],
    ['31/02/2026', null],
    ['2026-13-01', null],
    ['no idea', null],
    ['may I ask why', null],
  ])('any: %j is %s', (text, want) => {
    expect(dateIn(text, MON, TZ, 'any')).toBe(want);
  });

  it('"Monday" for a date ahead is today (it is Monday) and "Friday" the next one', () => {
    expect(dateIn('Monday', MON, TZ, 'future')).toBe('2026-03-09');
    expect(dateIn('Friday', MON, TZ, 'future')).toBe('2026-03-13');
    expect(dateIn('Friday', MON, TZ, 'past')).toBe('2026-03-06');
  });
});

describe('onlyAWhen: an answer that is only a date or time (read as an answer, not for sentiment)', () => {
  it.each(['twenty to twelve', '11h45', 'it leaves at 11:45', '14:45, no sorry 11:45', 'yesterday', 'March 5th'])('%j is only a when', (t) => {
    expect(onlyAWhen(t)).toBe(true);
  });
  it.each(['11:45 and I am furious, this is a disgrace', 'the 5th. a tree fell on my car roof', 'no idea', '11:45 get me a human'])('%j says more', (t) => {
    expect(onlyAWhen(t)).toBe(false);
  });
});

function chat(file: string, turns: string[], now = MON) {
  const flow = loadFlowText(readFileSync(file, 'utf8')).flow!;
  const sim = createSimulation(flow, { now, conversationId: 's38', http: () => ({ ok: false, status: 0, body: null }) });
  const decisions: { reason: string | null; action: string }[] = [];
  const bot: string[] = [];
  for (const t of turns) {
    for (const step of sim.say(t)) {
      if (step.decision && step.decision.action !== 'none') decisions.push({ reason: step.decision.reason, action: step.decision.action });
    }
  }
  for (const e of sim.transcript) if (e.from === 'bot') bot.push(e.text);
  return { vars: sim.state.variables, decisions, bot, handoff: sim.state.handoff };
}

describe('Skyline Air: the departure time typed in a sentence reaches the airport desk (hostile s38 H2, M6)', () => {
  it.each(['it leaves at 11:45', 'Monday 11:45', '9/3/2026 11:45', '11h45', 'sorry I meant 11:45, not 14:45', '14:45, no sorry 11:45'])('%j: urgent handover', (t) => {
    const r = chat('flows/travel-urgency.json', ['K7XQ2P', t]);
    expect(r.vars.departureTime).toBe('2026-03-09T11:45');
    expect(r.handoff?.reason).toBe('urgency');
  });

  it('"twenty to twelve" is 11:40, urgent, not "the customer is upset"', () => {
    const r = chat('flows/travel-urgency.json', ['K7XQ2P', 'twenty to twelve']);
    expect(r.vars.departureTime).toBe('2026-03-09T11:40');
    expect(r.handoff?.reason).toBe('urgency');
    expect(r.decisions.some((d) => d.reason === 'negative_sentiment')).toBe(false);
  });

  it('an answer with no time is asked again with the retry line, not stored as free text', () => {
    const r = chat('flows/travel-urgency.json', ['K7XQ2P', 'whenever']);
    expect(r.vars.departureTime).toBeUndefined();
    expect(r.bot.at(-1)).toMatch(/couldn't read a time/);
  });

  it('a flight on Thursday gets the menu, with the date stored', () => {
    const r = chat('flows/travel-urgency.json', ['K7XQ2P', 'Thursday at 9:00']);
    expect(r.vars.departureTime).toBe('2026-03-12T09:00');
    expect(r.handoff).toBeNull();
    expect(r.bot.at(-1)).toMatch(/What can I help you with/);
  });
});

describe('Harbor Mutual: the incident date (hostile s38 M8)', () => {
  const prefix = ['HM-2231-0457', '1', 'no'];
  it.each([
    ['March 5th', '2026-03-05'],
    ['last night around 11pm', '2026-03-08'],
    ['the 6th, no sorry the 5th', '2026-03-05'],
  ])('%j is read', (t, want) => {
    const r = chat('flows/insurance-claims.json', [...prefix, t]);
    expect(r.vars.incidentDate).toBe(want);
  });
  it.each(['14/03/2026', '2026-03-10'])('%j (after today) is refused with a line that says the form and why', (t) => {
    const r = chat('flows/insurance-claims.json', [...prefix, t]);
    expect(r.vars.incidentDate).toBeUndefined();
    expect(r.bot.at(-1)).toMatch(/e\.g\. 5 March.*can't be a day after today/);
  });
});
