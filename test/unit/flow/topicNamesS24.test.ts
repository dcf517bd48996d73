/**
 * Hostile s24 #7, #8: two sensitive topics whose names only look different (a zero-width space inside, a direction
 * mark, full-width letters, "Straße" / "STRASSE") are one name to the people reading the inbox; a name of invisible
 * characters only is a blank. Problems quote invisible characters as \u escapes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';

const base = () => JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
const withTopics = (...names: string[]) => {
  const f = base();
  names.forEach((name, i) => f.escalation.sensitiveTopics.topics.push({ name, phrases: [`chargeback ${'x'.repeat(i + 1)}`], intents: [] }));
  return validateFlow(f).problems;
};
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('sensitive topic names that only look different', () => {
  it.each([['re\u200bfunds'], ['\u200frefunds'], ['ｒｅｆｕｎｄｓ'], ['REFUNDS ']])('%j is the same name as "refunds"', (name) => {
    const problems = withTopics(name);
    expect(codes(problems)).toContain('duplicate_topic_name');
    const dup = problems.find((p) => p.code === 'duplicate_topic_name')!;
    expect(dup.message).not.toMatch(/[\u200b\u200f]/);
  });

  it('"Straße" and "STRASSE" are one name', () => {
    expect(codes(withTopics('Straße', 'STRASSE'))).toContain('duplicate_topic_name');
  });

  it('a name of zero-width characters only is an error quoted with escapes, and distinct names pass', () => {
    const problems = withTopics('\u200b\u200c');
    const blank = problems.find((p) => p.code === 'topic_name_invisible');
    expect(blank?.message).toContain('\\u200b\\u200c');
    expect(codes(withTopics('chargebacks', 'café returns'))).not.toContain('duplicate_topic_name');
  });
});

describe('the one-letter Never-trigger warning (newcomer s24 #6)', () => {
  it('gives an example with the letter itself', () => {
    const f = base();
    f.escalation.neverTrigger = [...(f.escalation.neverTrigger ?? []), 'x'];
    const warning = validateFlow(f).problems.find((p) => p.code === 'never_trigger_one_letter')!;
    expect(warning.message).toContain('"plan x please" is read as "plan please"');
  });
});
