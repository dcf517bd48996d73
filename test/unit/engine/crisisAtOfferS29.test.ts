/** Hostile s29 H4: at the offer of a person, "no, I want to kill myself" was a polite no ("What's your question?"). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';

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

describe('self-harm at the offer of a person (hostile s29 H4)', () => {
  it.each(['no, I want to kill myself', 'no i want to die', 'no thanks, I am going to end my life', 'yes no I want to kill myself'])('%j hands over as urgent with the crisis line first', (t) => {
    const c = atOffer();
    const n = c.botTexts().length;
    c.say(t);
    expect(c.botTexts().slice(n)[0]).toBe(takeoverTexts.crisisWhileWaiting);
    expect(c.botTexts().slice(n).join(' ')).not.toMatch(/What's your question/);
  });

  it('a plain "no thanks" still declines, without the crisis line', () => {
    const c = atOffer();
    const n = c.botTexts().length;
    c.say('no thanks');
    expect(c.botTexts().slice(n)).not.toContain(takeoverTexts.crisisWhileWaiting);
    expect(c.state.handoff).toBeNull();
  });
});
