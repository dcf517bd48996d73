/**
 * Session 46 (emerg3, hostile s46 M7): a wall-clock time that happens twice at the autumn clock change ("01:55" typed at
 * 01:50 BST on 2026-10-25, Europe/London) is the occurrence that makes sense from now: the next one in the future (or,
 * when both are gone, the later one). The answer keeps its offset ("2026-10-25T01:55+01:00") so the rules do not guess
 * again; a time that happens once keeps the old form ("2026-10-24T01:55"). Written before the code.
 */
import { describe, expect, it } from 'vitest';
import { dateTimeIn } from '../../../shared/engine/whenAnswer';
import { evaluateRule, toTime } from '../../../shared/flow/rules';

const LONDON = 'Europe/London';
const within = (value: string, now: string, minutes: number, zone = LONDON) =>
  evaluateRule({ variable: 'd', op: 'within_minutes', value: minutes }, { d: value }, Date.parse(now), zone);

describe('M7: an ambiguous wall-clock time at the autumn change', () => {
  it('the report: "01:55" at 01:50 BST is 01:55 BST, 5 minutes away', () => {
    const v = dateTimeIn('01:55', Date.parse('2026-10-25T00:50:00Z'), LONDON, 'future');
    expect(v).toBe('2026-10-25T01:55+01:00');
    expect(toTime(v!, LONDON)).toBe(Date.parse('2026-10-25T00:55:00Z'));
    expect(within(v!, '2026-10-25T00:50:00Z', 20)).toBe(true);
  });
  it('"01:40" at 01:10 BST is the BST one, 30 minutes away', () => {
    expect(dateTimeIn('it leaves at 01:40', Date.parse('2026-10-25T00:10:00Z'), LONDON, 'future')).toBe('2026-10-25T01:40+01:00');
  });
  it('"01:30" at 01:20 GMT (the second pass) is the GMT one, 10 minutes away', () => {
    const v = dateTimeIn('01:30', Date.parse('2026-10-25T01:20:00Z'), LONDON, 'future');
    expect(v).toBe('2026-10-25T01:30+00:00');
    expect(within(v!, '2026-10-25T01:20:00Z', 20)).toBe(true);
  });
  it('"01:10" at 01:20 GMT: both gone; the later one (GMT), 10 minutes ago', () => {
    expect(dateTimeIn('01:10', Date.parse('2026-10-25T01:20:00Z'), LONDON, 'future')).toBe('2026-10-25T01:10+00:00');
  });
  it('New York\'s autumn change reads the same (EDT first)', () => {
    expect(dateTimeIn('1:40', Date.parse('2026-11-01T05:20:00Z'), 'America/New_York', 'future')).toBe('2026-11-01T01:40-04:00');
  });
  it('a bare "01:55" stored as text is read by the rules as the next occurrence too', () => {
    expect(within('01:55', '2026-10-25T00:50:00Z', 20)).toBe(true);
    expect(within('01:30', '2026-10-25T01:20:00Z', 20)).toBe(true);
  });
});

describe('M7: times that happen once keep the old form and reading', () => {
  it('the night before: "01:55" at 01:50 BST', () => {
    const v = dateTimeIn('01:55', Date.parse('2026-10-24T00:50:00Z'), LONDON, 'future');
    expect(v).toBe('2026-10-24T01:55');
    expect(within(v!, '2026-10-24T00:50:00Z', 20)).toBe(true);
  });
  it('"13:00" on the change day', () => {
    expect(dateTimeIn('13:00', Date.parse('2026-10-25T00:50:00Z'), LONDON, 'future')).toBe('2026-10-25T13:00');
  });
  it('the spring gap: "01:05" on 29 March is 02:05 BST, 15 minutes away', () => {
    const v = dateTimeIn('01:05', Date.parse('2026-03-29T00:50:00Z'), LONDON, 'future');
    expect(v).toBe('2026-03-29T01:05');
    expect(within(v!, '2026-03-29T00:50:00Z', 20)).toBe(true);
  });
  it('a stored zoneless ambiguous value (older answers) is read as before: the later one', () => {
    expect(toTime('2026-10-25T01:55', LONDON)).toBe(Date.parse('2026-10-25T01:55:00Z'));
  });
});
