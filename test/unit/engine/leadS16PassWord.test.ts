/**
 * Session 16 (hostile s16 H#1, HIGH): "pass" alone was read as "password", so a booking reference given as "it's on my
 * boarding pass: K7XQ2P" was hidden and the Skyline Air flow went on without it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskCustomerSecrets } from '../../../shared/engine/customerSecrets';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { converse } from './harness';

describe('"pass" alone is not a password word', () => {
  it('keeps a boarding pass, a day pass and "pass is valid" as typed', () => {
    for (const text of ["it's on my boarding pass: K7XQ2P", 'my boarding pass is K7XQ2P', 'the day pass was 12 pounds', 'my pass is valid until May']) {
      expect(maskCustomerSecrets(text)).toEqual({ text, hidden: [] });
    }
  });
  it('still hides a value introduced by password, passcode, passphrase, pwd or pw', () => {
    for (const word of ['password', 'passcode', 'passphrase', 'pwd', 'pw']) {
      const m = maskCustomerSecrets(`my ${word} is Tr0ub4dor`);
      expect(m.hidden).toEqual(['password']);
      expect(m.text).not.toContain('Tr0ub4dor');
    }
  });
  it('Skyline Air keeps the booking reference given with "boarding pass"', () => {
    const flow = loadFlowText(readFileSync(new URL('../../../flows/travel-urgency.json', import.meta.url), 'utf8')).flow!;
    const c = converse(flow, { now: Date.parse('2026-12-02T10:00:00Z') });
    c.say('my flight was cancelled');
    c.say("it's on my boarding pass: K7XQ2P");
    expect(c.botTexts().join(' | ')).not.toMatch(/hidden/i);
    expect(JSON.stringify(c.state.variables)).toContain('K7XQ2P');
  });
});
