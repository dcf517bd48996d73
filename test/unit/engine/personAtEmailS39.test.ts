/**
 * Newcomer s39 N2: "I want to talk to a human please" at the takeover's email question ("What is your email address,
 * in case we get disconnected?") got "That doesn't look like an email address": the person is what they are getting,
 * so the optional email is left out and the handover goes on; an address, a refusal and a wrong address are as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverPrompts, takeoverTexts } from '../../../shared/engine/humanTakeover';
import { converse } from './harness';

const NOW = Date.parse('2026-03-09T11:30:00Z'); // Monday, Northwind open
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
function atEmail() {
  const c = converse(northwind(), { now: NOW });
  c.say('my parcel never arrived and nobody answers emails, this is ridiculous');
  expect(c.botTexts().at(-1)).toBe(takeoverPrompts.email);
  return c;
}

describe('a request for a person at the takeover email question', () => {
  for (const text of ['I want to talk to a human please', 'human please', 'can I just speak to someone real', 'agent!!', 'I need someone now']) {
    it(`"${text}": the email is left out and the chat handed over`, () => {
      const c = atEmail();
      c.say(text);
      expect(c.botTexts()).toContain(takeoverTexts.emailSkippedForPerson);
      expect(c.botTexts()).not.toContain(takeoverTexts.emailRetry);
      expect(c.state.mode).toBe('waiting');
      expect(c.state.handoff?.status).toBe('pending');
      expect(c.state.emailDeclined).not.toBe(true);
    });
  }
  it('an address with a request is the address', () => {
    const c = atEmail();
    c.say('ana@example.com, and a human please');
    expect(c.state.variables.customerEmail).toBe('ana@example.com');
    expect(c.botTexts()).not.toContain(takeoverTexts.emailSkippedForPerson);
  });
  it('a wrong address is still asked again', () => {
    const c = atEmail();
    c.say('ana at example');
    expect(c.botTexts().at(-1)).toBe(takeoverTexts.emailRetry);
  });
});
