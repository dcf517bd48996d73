/**
 * Session 25 (review of session 24, item 5): self-harm / crisis is a concept of its own (shared/escalation/selfHarm.ts),
 * no longer a regex inside detectUrgency's happening-now checks: the explanation names it, the studio shows
 * SELF_HARM_NOTE under Urgency, and it is read before every other urgency rule and not taken back by calm words or a
 * change of subject (which took it back before: "I want to kill myself, no rush" was not urgent). On the 57,132
 * labelled corpus texts no urgency decision changed (the five that name it kept their words).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import { SELF_HARM_COVERS, SELF_HARM_NAME, SELF_HARM_NOTE, selfHarmWords } from '../../../shared/escalation/selfHarm';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const doc = () => JSON.parse(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8'));
const play = (text: string, edit?: (d: any) => void) => {
  const d = doc();
  edit?.(d);
  return playConversation(loadFlowText(JSON.stringify(d)).flow!, 'sh', ['Something else', text], Date.parse('2026-03-02T10:00:00Z'));
};

describe('self-harm / crisis, a concept of its own', () => {
  it.each(['thank u, im suicidal', 'I want to kill myself', "I don't want to live anymore"])('%j: the handover says "self-harm / crisis"', (t) => {
    const p = play(t);
    expect(p.escalation?.reason).toBe('urgency');
    expect(p.escalation?.signals[0].explanation).toContain(`Urgency, ${SELF_HARM_NAME} (`);
  });

  it.each(['I want to kill myself, no rush', 'not urgent but I want to die', 'I am going to end it all. anyway, where is my order?'])(
    '%j: calm words or a change of subject no longer take it back',
    (t) => expect(play(t).escalation?.reason).toBe('urgency'),
  );

  it('read before a designer phrase in the same message: the crisis is what the agent is told', () => {
    const p = play('asap please, I want to kill myself', (d) => (d.escalation.urgency.phrases = ['asap']));
    expect(p.escalation?.signals[0].explanation).toContain(`${SELF_HARM_NAME} ("kill myself")`);
  });

  it('part of Urgency: a flow that switches Urgency off switches it off too (the note says so)', () => {
    expect(play('I want to kill myself', (d) => (d.escalation.urgency.enabled = false)).escalation?.reason).not.toBe('urgency');
    expect(SELF_HARM_NOTE).toContain('Switching Urgency off switches this off too');
  });

  it('the note and the docs name what it covers, and every example the note gives is read', () => {
    expect(SELF_HARM_NOTE).toContain(SELF_HARM_COVERS);
    for (const example of ["I'm suicidal", 'thinking about suicide', 'I want to kill myself', 'cutting myself', 'self-harm', 'end my life', 'end it all', 'I want to die', "I don't want to live anymore"]) {
      expect(selfHarmWords(canonicalTokens(analyzeText(example))), example).not.toBeNull();
    }
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const esc = readFileSync(new URL('../../../docs/escalation.md', import.meta.url), 'utf8');
    expect(readme).toContain(SELF_HARM_NAME);
    expect(esc).toContain(SELF_HARM_COVERS);
  });
});
