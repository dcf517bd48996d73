/**
 * Session 31 (brief answers item 1): a customer who corrects the order number they just typed ("where is my order NW-1
 * sorry I mean NW-2", "NW-250778, no wait, NW-250779", "NW-250778 sorry NW-250779") got "Sorry, I didn't get that" at
 * Northwind's "What's your question?": the number taken back and the words of the correction were read with the request.
 * The last one named is the one meant (shared/engine/selfCorrection.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { isCorrectionGap, withoutCorrected } from '../../../shared/engine/selfCorrection';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const DIDNT_GET = /didn't get that/;

/** At "What's your question?" (Northwind's router, reached by "Something else"). */
function ask(text: string) {
  const c = converse(load(), { now: NOW });
  c.say('Something else');
  const n = c.botTexts().length;
  c.say(text);
  return { c, said: c.botTexts().slice(n) };
}

describe('a self-corrected order number at "What\'s your question?"', () => {
  it.each([
    ['NW-250778, no wait, NW-250779', 'NW-250779'],
    ['NW-250778 sorry NW-250779', 'NW-250779'],
    ['where is my order NW-250778 sorry I mean NW-250779', 'NW-250779'],
    ['NW-250778 oops, I meant NW-250779', 'NW-250779'],
    ['NW-250778 actually it is NW-250779', 'NW-250779'],
  ])('%j looks up %s', (text, order) => {
    const { c, said } = ask(text);
    expect(said.join(' ')).not.toMatch(DIDNT_GET);
    expect(c.variables().orderNumber).toBe(order);
    expect(said.join(' ')).not.toMatch(/You mentioned 2 orders/);
    expect(c.lastStep.effects.some((e) => e.type === 'http_request')).toBe(true);
  });

  it('"where is my order NW-1 sorry I mean NW-2" is the order request (NW-2 is no order number: it is asked for)', () => {
    const { c, said } = ask('where is my order NW-1 sorry I mean NW-2');
    expect(said.join(' ')).not.toMatch(DIDNT_GET);
    expect(said.join(' ')).toMatch(/What's your order number\?/);
    expect(c.variables().intent).toBe('track_order');
  });

  it('a cancel with a corrected number asks about the last one', () => {
    const { said } = ask('cancel order NW-250778 sorry I mean NW-250779');
    expect(said.join(' ')).toMatch(/shall I cancel order NW-250779\?/);
  });

  it('a number taken back is not listed with the others named together', () => {
    const { c, said } = ask('where are NW-250777 sorry NW-250778 and NW-250779');
    expect(c.variables().orderNumber).toBe('NW-250778');
    expect(said[0]).toBe("You mentioned 2 orders, so one at a time: I'll start with NW-250778. Ask me about NW-250779 after that.");
  });

  it('two numbers named together are still both (no correction between them)', () => {
    const { c, said } = ask('NW-250778 and NW-250779');
    expect(c.variables().orderNumber).toBe('NW-250778');
    expect(said[0]).toMatch(/You mentioned 2 orders/);
  });

  it('at "What\'s your order number?" the corrected answer is the last number', () => {
    const c = converse(load(), { now: NOW });
    c.say('Track my order');
    c.say('NW-250778, no wait, NW-250779');
    expect(c.variables().orderNumber).toBe('NW-250779');
  });
});

describe('withoutCorrected', () => {
  it('drops each reference taken back with the words of its correction', () => {
    expect(withoutCorrected('where is my order NW-1 sorry I mean NW-2')).toBe('where is my order NW-2');
    expect(withoutCorrected('NW-250778, no wait, NW-250779')).toBe('NW-250779');
    expect(withoutCorrected('NW-1 sorry NW-2 no wait NW-3 please')).toBe('NW-3 please');
    expect(withoutCorrected('#12345 sorry, my bad, #12346')).toBe('#12346');
    expect(withoutCorrected('order NW-250778 correction: it should be NW-250779')).toBe('order NW-250779');
  });

  it.each([
    'NW-250778 NW-250779',
    'NW-250778 and NW-250779',
    'NW-250778, sorry and NW-250779',
    'cancel NW-250778 rather than NW-250779',
    'NW-250778 was the old one, this is NW-250779',
    'where is NW-250778? sorry for the bother',
    'sorry, I mean the order NW-250778',
  ])('keeps %j as typed', (text) => {
    expect(withoutCorrected(text)).toBe(text);
  });

  it('a gap is a correction only with a marker among its few words', () => {
    expect(isCorrectionGap(', no wait, ')).toBe(true);
    expect(isCorrectionGap(' no ')).toBe(false);
    expect(isCorrectionGap(' ')).toBe(false);
    expect(isCorrectionGap(' sorry sorry sorry sorry sorry sorry sorry sorry ')).toBe(false);
  });
});
