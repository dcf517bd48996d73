/**
 * Hostile s29 H9: at Northwind's "What's your question?", "NW-104233 NW-999999" looked up NW-999999 without a word about
 * the first (two values with only a space between were read as a correction), and a full-width "ＮＷ－１０４２３３" or one
 * with a zero-width space inside ("NW-\u200B104233") was "Sorry, I didn't get that" (entities were read before the
 * characters were made readable).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { readableText } from '../../../shared/nlu/analyzeText';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const DIDNT_GET = /didn't get that/;

function ask(text: string) {
  const c = converse(load(), { now: NOW });
  c.say('Something else');
  const n = c.botTexts().length;
  c.say(text);
  return { c, said: c.botTexts().slice(n) };
}

describe('order numbers (hostile s29 H9)', () => {
  it('two numbers side by side: the first is looked up and the customer told about the second', () => {
    const { c, said } = ask('NW-104233 NW-999999');
    expect(c.variables().orderNumber).toBe('NW-104233');
    expect(said[0]).toBe("You mentioned 2 orders, so one at a time: I'll start with NW-104233. Ask me about NW-999999 after that.");
  });

  it('a correction still takes the last one', () => {
    const { c, said } = ask('where is my order NW-104233, sorry, NW-999999');
    expect(c.variables().orderNumber).toBe('NW-999999');
    expect(said.join(' ')).not.toMatch(/You mentioned 2 orders/);
  });

  it.each(['ＮＷ－１０４２３３', 'NW-\u200B104233', 'NW-104\u2060233', 'where is ＮＷ－１０４２３３ please'])('%j is read as NW-104233', (text) => {
    const { c, said } = ask(text);
    expect(c.variables().orderNumber).toBe('NW-104233');
    expect(said.join(' ')).not.toMatch(DIDNT_GET);
  });
});

describe('readableText', () => {
  it('keeps ordinary text as the same string, and reads full-width and invisible characters as they show', () => {
    const plain = 'where is my order NW-104233?';
    expect(readableText(plain)).toBe(plain);
    expect(readableText('ＮＷ－１０４２３３\u3000ok')).toBe('NW-104233 ok');
    expect(readableText('NW-\u200B104233')).toBe('NW-104233');
    expect(readableText('日本語のテキスト')).toBe('日本語のテキスト');
  });
});
