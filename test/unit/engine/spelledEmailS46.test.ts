// Session 46 (tidy3, review of s45): an address spelled out in words is read by emailAnswer itself (its `spelled` field:
// the text with the address written as one), so every email reader gets it; five callers had wrapped emailAnswer in
// spelledAddress themselves (the ticket's and the takeover's email questions, the Question block's: details4S45 keeps
// those). Readers that did not have it: the email answer check (validateAnswer 'email').
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverPrompts } from '../../../shared/engine/humanTakeover';
import { emailAnswer, validateAnswer } from '../../../shared/engine/questionValidators';

const NOW = Date.parse('2026-03-09T11:30:00Z');
const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;

describe('emailAnswer reads a spelled address', () => {
  it('says the address and the text it read it from', () => {
    expect(emailAnswer('dana at acme dot example')).toEqual({ ok: true, value: 'dana@acme.example', spelled: 'dana@acme.example' });
    expect(emailAnswer('it is dana (at) acme (dot) example thanks')).toEqual({ ok: true, value: 'dana@acme.example', spelled: 'it is dana@acme.example thanks' });
  });
  it('no `spelled` for a typed address or words that spell none', () => {
    expect(emailAnswer('dana@acme.example')).toEqual({ ok: true, value: 'dana@acme.example' });
    expect(emailAnswer('look at the dot on the map')).toEqual({ ok: false });
    expect(emailAnswer('we are based at acme dot example')).toEqual({ ok: false });
  });
});

describe('validateAnswer email (a reader that did not have it)', () => {
  it('takes a spelled address, written as one', () => {
    expect(validateAnswer('email', 'dana dot scully at acme dot co dot uk', NOW)).toEqual({ ok: true, value: 'dana.scully@acme.co.uk' });
    expect(validateAnswer('email', 'kim at example.com', NOW)).toEqual({ ok: true, value: 'kim@example.com' });
    expect(validateAnswer('email', 'meet me at the shop', NOW).ok).toBe(false);
  });
});

describe("the takeover's name question (validateAnswer 'email': an address given there is kept)", () => {
  it('keeps a spelled address as a typed one was kept', () => {
    const c = converse(load('lead-gen'), { now: NOW });
    c.say('can I talk to a person');
    expect(c.lastBotText()).toBe(takeoverPrompts.name);
    c.say('dana at acme dot example');
    expect(c.variables().customerEmail).toBe('dana@acme.example');
  });
});
