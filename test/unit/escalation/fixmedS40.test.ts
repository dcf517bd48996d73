// Session 40 (fixmed, hostile s40 H3): medical emergencies in other words than "unconscious" / "not breathing" are urgent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { playConversation } from '../../../shared/simulator/playConversation';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow as Flow;
const northwind = load('customer-support');
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (text: string) => playConversation(northwind, 'c', ['Something else', text], now).escalation;
const urgencyOf = (text: string) => play(text)?.signals.find((s) => s.reason === 'urgency') ?? null;

describe('a medical emergency in other words is urgent', () => {
  it.each([
    'help, someone is having a heart attack',
    'what do I do my son is having a seizure',
    "what can I do, he's having a heart attack",
    'my child has a severe allergic reaction, we need help',
    'my mum fainted and hit her head',
    'my husband just collapsed',
    'I think my dad is having a stroke',
    "she's having a seizure",
    "he's overdosed",
    "my son can't breathe",
    'my daughter is struggling to breathe',
    "he's in cardiac arrest",
    'she is going into anaphylactic shock',
  ])('%s', (text) => {
    const e = play(text);
    expect(e?.reason).toBe('urgency');
    expect(urgencyOf(text)?.source).toBe('rule');
  });
});

describe('the same words that are not an emergency now are not urgent', () => {
  it.each([
    'heart attack prices',
    'can someone having a seizure use this?',
    'will this cause a seizure?',
    'does this contain nuts? my son has an allergy',
    'my dad had a heart attack last year',
    'could this cause an allergic reaction?',
    'what if someone has a seizure while using it?',
    'I nearly had a heart attack when I saw the price',
    'the tent collapsed in the wind',
    'my son is not having an allergic reaction, just a rash',
    'is it safe for someone who had a stroke?',
    'does the stroke counter on the rowing machine reset?',
    'my dad had a stroke and needs a walking frame',
  ])('%s', (text) => {
    expect(urgencyOf(text)).toBeNull();
  });
});
