/**
 * Session 29 (fixflow; newcomer s28 N3): "could I come and get it in person rather than wait for the courier?" was handed
 * over as a request for a person (the classifier read "person" at 0.97): "in person" says how the customer wants to
 * collect, not who they want to talk to. Asking for someone in person still counts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-03-02T10:00:00Z');

function askAtRouter(text: string) {
  const c = converse(flow, { now: NOW });
  c.say('Something else');
  c.say(text);
  return c;
}
const askedForPerson = (c: ReturnType<typeof askAtRouter>) => (c.lastStep.decision?.signals ?? []).some((s) => s.reason === 'explicit_request');

describe('"in person" is how, not who (newcomer s28 N3)', () => {
  it.each([
    'could I come and get it in person rather than wait for the courier?',
    'can I pay in person at the warehouse?',
    'is it possible to return it in person?',
  ])('%s: no request for a person, no handoff', (text) => {
    const c = askAtRouter(text);
    expect(askedForPerson(c)).toBe(false);
    expect(c.mode()).toBe('bot');
    expect(c.botTexts().join(' ')).not.toMatch(/get a person for you|connecting you/i);
  });

  it.each(['can I speak to someone in person?', "I'd like to discuss this in person", 'I want to talk to a person', 'could a person call me back rather than wait?'])('%s: still a request for a person', (text) => {
    const c = askAtRouter(text);
    expect(askedForPerson(c)).toBe(true);
  });
});
