/** Hostile s28 H10 (first part): "no i want a human" at the offer of a person declined it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const QUESTIONS = ['do the led strips work with alexa?', 'is the sofa cover machine washable?', 'is the oak table real wood?'];

function atOffer() {
  const c = converse(load(), { now: NOW });
  c.say('Something else');
  for (const q of QUESTIONS) c.say(q);
  expect(c.state.waiting?.kind).toBe('offer');
  return c;
}

describe('a request for a person beside a "no" at the offer of a person', () => {
  it.each(['no i want a human', 'no, let me talk to a real person', 'nah just get me an agent'])('%j takes the offer', (text) => {
    const c = atOffer();
    c.say(text);
    expect(c.lastStep.decision?.action).toBe('handoff');
    expect(c.state.waiting?.kind).toBe('takeover_question');
  });
  it.each(['no thanks', "no, I don't want a person", 'no i will wait for the bot'])('%j still declines', (text) => {
    const c = atOffer();
    c.say(text);
    expect(c.lastStep.decision?.action ?? 'none').not.toBe('handoff');
    expect(c.state.waiting?.kind).not.toBe('takeover_question');
  });
});
