/**
 * Hostile s14 H#20, H#22, H#24 (lead): which value an answer gives when it holds several, and words that are not names.
 */
import { describe, expect, it } from 'vitest';
import { nameFromAnswer, validateAnswer } from '../../../shared/engine/questionValidators';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const emailOf = (t: string) => validateAnswer('email', t, NOW);
const phoneOf = (t: string) => validateAnswer('phone', t, NOW);

describe('email answers: the last address written (people correct themselves forwards; H#20)', () => {
  it.each([
    ['my old email was ann@old.com but now it is ann@new.com', 'ann@new.com'],
    ['not old@example.com, use new@example.com please', 'new@example.com'],
    ['support@northwind.example is yours, mine is ana@example.com', 'ana@example.com'],
    ['ann@example.com or better bob@example.com', 'bob@example.com'],
    ["it's Ana@Example.com, thanks", 'ana@example.com'],
  ])('%j -> %s', (text, value) => {
    expect(emailOf(text)).toEqual({ ok: true, value });
  });
  it('a local part over 64 characters is no address (it was cut to its last 64, another mailbox)', () => {
    expect(emailOf(`${'x'.repeat(70)}@example.com`)).toEqual({ ok: false });
    expect(emailOf(`${'x'.repeat(64)}@example.com`)).toEqual({ ok: true, value: `${'x'.repeat(64)}@example.com` });
    expect(emailOf(`${'x'.repeat(70)}@example.com or ann@example.com`)).toEqual({ ok: true, value: 'ann@example.com' });
  });
});

describe('phone answers: not a date, not a reference; the number after "call/tel" wins (H#22)', () => {
  it.each([
    ['on 2026-11-30 call 07700900123', '07700900123'],
    ['ref 12345678 / tel +44 7700 900123', '+447700900123'],
    ['not 020 7946 0000, call 07700 900123', '07700900123'],
    ['30/11/2026 then 07700 900123', '07700900123'],
    ['order #10492831, my mobile is 07700 900 123', '07700900123'],
  ])('%j -> %s', (text, value) => {
    expect(phoneOf(text)).toEqual({ ok: true, value });
  });
  it('one number, with or without words around it, as before', () => {
    expect(phoneOf('07700 900123')).toEqual({ ok: true, value: '07700900123' });
    expect(phoneOf('my number is +44 (20) 7946-0958')).toEqual({ ok: true, value: '+442079460958' });
    expect(phoneOf('my number 07700900123')).toEqual({ ok: true, value: '07700900123' });
  });
  it('only a date or only a reference is no phone number', () => {
    expect(phoneOf('2026-11-30')).toEqual({ ok: false });
    expect(phoneOf('order 10492831')).toEqual({ ok: false });
  });
});

describe('placeholders and system words are not names (H#24)', () => {
  it.each(['Undefined', 'Null', 'Null Null', 'Admin', 'Test', 'Drop Table', 'root', 'Guest'])('%j is no name', (t) => {
    expect(nameFromAnswer(t)).toBeNull();
  });
  it.each(['Ann', 'Will', 'Ana Silva', 'Tess'])('%j is still a name', (t) => {
    expect(nameFromAnswer(t)).toBe(t);
  });
});
