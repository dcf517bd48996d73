/**
 * Session 33, hostile s32 H1, H2, H6 and H5. At Northwind's "What's your order number?" an answer in which the NLU
 * finds no order number was stored whole: a 4,000-character "NW-1NW-1..." was looked up and echoed back, "ＡＢ１２３４５"
 * was looked up in full-width characters, "it's 104233" as "it's 104233", "NW-1 04 233" with its spaces. At an email
 * question, "my email is ann@example.com, not kim@x.com. wait no, use k@y.org" kept ann@example.com.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { referenceIn } from '../../../shared/engine/behaviours/question';
import { emailAnswer } from '../../../shared/engine/questionValidators';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

function atOrderQuestion(answer: string) {
  const c = converse(load(), { now: NOW });
  c.say('Track my order');
  const n = c.botTexts().length;
  c.say(answer);
  const lookups = c.lastStep.effects.filter((e) => e.type === 'http_request');
  return { c, said: c.botTexts().slice(n).join(' '), lookups };
}

describe('an order number answer with no order number the NLU knows', () => {
  it.each([
    // Session 34 (hostile s34 P1): six digits alone get the letters of the question's example (NW-104233).
    ["it's 104233", 'NW-104233'],
    ['ＡＢ１２３４５', 'AB12345'],
    ['NW-1 04 233', 'NW-104233'],
    ['NW 104233', 'NW-104233'],
    ['104 233', 'NW-104233'],
    ['A1234', 'A1234'],
    ['#a1234.', 'A1234'],
  ])('%j is looked up as %s', (answer, value) => {
    const { c, lookups } = atOrderQuestion(answer);
    expect(c.variables().orderNumber).toBe(value);
    expect(lookups).toHaveLength(1);
  });

  it.each([
    ['4,000 characters of NW-1', 'NW-1'.repeat(1000)],
    ['NW, 3,996 hyphens, 1', `NW${'-'.repeat(3996)}1`],
    ['1,333 full-width ones', '１'.repeat(1333)],
    ['no single reference', 'my order is 55 blue'],
    ['two different references', '104233 or 104234'],
    ['odd characters in it', "NW-1'.repeat"],
    ['a path', 'NW-1%2F..%2Fadmin'],
  ])('%s: not looked up, asked again, nothing echoed', (_name, answer) => {
    const { c, said, lookups } = atOrderQuestion(answer);
    expect(lookups).toHaveLength(0);
    expect(c.variables().orderNumber).toBeUndefined();
    expect(said).toMatch(/Order numbers look like NW-104233/);
    expect(said.length).toBeLessThan(200);
  });

  it('referenceIn keeps what the NLU would and refuses what no shop writes', () => {
    expect(referenceIn('NW-104233')).toBe('NW-104233');
    expect(referenceIn('ref: x77-12')).toBe('X77-12');
    expect(referenceIn('1'.repeat(25))).toBeNull();
    expect(referenceIn('1'.repeat(24))).toBe('1'.repeat(24));
    expect(referenceIn('12')).toBeNull();
    expect(referenceIn('NW-1\u200B04233')).toBe('NW-104233');
  });
});

describe('an email answer corrected in the same message', () => {
  it.each([
    ['my email is ann@example.com, not kim@x.com. wait no, use k@y.org', 'k@y.org'],
    ['ann@example.com oops kim@x.org', 'kim@x.org'],
    ['my email is ann@example.com, my bad, reply to ann@example.org', 'ann@example.org'],
    ['send it to ann@example.com, not to kim@x.com', 'ann@example.com'],
    ['my email is ann@example.com, my husband is bob@x.com', 'ann@example.com'],
  ])('%j -> %s', (text, value) => {
    expect(emailAnswer(text)).toEqual({ ok: true, value });
  });

  it('two addresses with no word for either are still asked about', () => {
    expect(emailAnswer('ann@example.com kim@x.org')).toEqual({ ok: false, choices: ['ann@example.com', 'kim@x.org'] });
  });
});
