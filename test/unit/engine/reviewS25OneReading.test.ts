/**
 * Session 25 (review of session 24, item 3): a message after the chat ended that the restarted block does not
 * understand was read by the whole escalation policy twice: once alone (policyReads.policyActsOn, fresh memory) to
 * decide whether the block gets it, then again as the turn (engine.ts inputText, fresh memory too: the restart clears
 * it). Now the turn's own reading decides (policyReads.actsOnMessage): one evaluation. The outcomes are those of
 * session 24 (polish2S24AfterClose's hostile lines; measured on every 4th labelled text after the end: none changed).
 * The rating comment keeps its reading of the comment alone, on purpose (policyReads.ts says why).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { setLoopProbe } from '../../../shared/escalation/detectors/detectLoop';

const doc = () => JSON.parse(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8'));
const NOW = Date.parse('2026-03-02T10:00:00Z');
/** How many times the policy read a message (the loop detector runs once per evaluation of the whole policy). */
function readings(run: () => void): number {
  let n = 0;
  setLoopProbe(() => n++);
  try {
    run();
  } finally {
    setLoopProbe(null);
  }
  return n;
}
afterEach(() => setLoopProbe(null));

describe('after the end, one reading of the message by the policy', () => {
  it.each([
    ['thanks, someone used my card', true],
    ['thanks, my son swallowed a magnet', true],
    ['blue cheese and pickles', false],
  ])('%j: read once; handed over: %s', (line, handsOver) => {
    const c = converse(loadFlowText(JSON.stringify(doc())).flow!, { now: NOW });
    c.leave();
    const before = c.botTexts().length;
    expect(readings(() => c.say(line))).toBe(1);
    const said = c.botTexts().slice(before);
    expect(said[0]).toBe('Welcome back!');
    // (Session 45, emerg: a swallowed magnet is an emergency, handed over at once without the email question.)
    expect(said.includes('What is your email address, in case we get disconnected?') || c.effects('handoff_request').length > 0).toBe(handsOver);
  });

  it('a request the restarted menu understands is read once, as before', () => {
    const c = converse(loadFlowText(JSON.stringify(doc())).flow!, { now: NOW });
    c.leave();
    expect(readings(() => c.say('where is my order NW-230919'))).toBe(1);
    expect(c.mode()).toBe('bot');
  });

  it('with the policy switched off, "I want a person" after the end restarts the menu as before (not read as input)', () => {
    const d = doc();
    d.escalation.enabled = false;
    const c = converse(loadFlowText(JSON.stringify(d)).flow!, { now: NOW });
    c.leave();
    const before = c.botTexts().length;
    c.say('blah blah, I want a person');
    expect(c.botTexts().slice(before)[0]).toBe('Welcome back!');
  });
});
