// @vitest-environment jsdom
/**
 * Newcomer s28 N2: the simulator's Chat line under a handover was the decision's whole explanation: eight lines of
 * scores, thresholds, "Also seen" signals and ranking weights ("Named negative sentiment (weight 70: the customer's
 * words) before a loop (60 ...)"). It is now one sentence in plain words with the customer's own words as typed
 * (shared/simulator/decisionLine.ts); the whole explanation stays in Debug and on the line's tooltip.
 */
import { readFileSync } from 'node:fs';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChatPane, handoverLines } from '../../renderer/studio/simulator/ChatPane';
import { validateFlow } from '../../shared/flow/validateFlow';
import { decisionLine } from '../../shared/simulator/decisionLine';
import { createScenarioSession } from '../../shared/simulator/scenarioSession';
import { simulatorView } from '../../shared/simulator/simulatorView';
import type { Signal } from '../../shared/escalation/types';

const flow = validateFlow(JSON.parse(readFileSync('flows/customer-support.json', 'utf8'))).flow!;
function viewAfter(...says: string[]) {
  return viewAt('2026-03-02T10:00:00Z', ...says);
}
function viewAt(now: string, ...says: string[]) {
  const s = createScenarioSession(flow, { now: Date.parse(now), httpDefault: 'wait', conversationId: 't' });
  for (const say of says) expect(s.apply({ say }).ok).toBe(true);
  return simulatorView(s);
}

const ANGRY =
  'Honestly this is the third time I have had to chase you. I ordered a birthday present a month ago, it never came, and every time I ask I get a different story. I am really fed up with how this has been handled.';

describe('the Chat line under a handover (newcomer s28 N2)', () => {
  it('an angry first message: one sentence naming the upset and the customer\'s words, no scores or ranking', () => {
    const v = viewAfter('Something else', ANGRY);
    const lines = [...handoverLines(v).values()];
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatch(/^Handed over: the customer is upset \(".+"\)\.$/);
    expect(line).not.toMatch(/weight|threshold|scale|Also seen|Named/);
    // The quoted words are the customer's own, as typed.
    for (const q of line.match(/"([^"]+)"/g)!.map((x) => x.slice(1, -1))) expect(ANGRY).toContain(q);
    // The whole explanation is still there for Debug.
    const d = v.decisions.find((x) => x.action === 'handoff')!;
    expect(d.explanation.length).toBeGreaterThan(line.length);
  });

  it('a plain request quotes the request; the tooltip holds the whole explanation', () => {
    const v = viewAfter('where is my order', 'I want to talk to a human');
    render(<ChatPane view={v} act={() => true} />);
    const why = screen.getByTestId('handover-why');
    expect(why.textContent).toContain('Handed over: the customer asked for a person ("I want to talk to a human").');
    const d = v.decisions.find((x) => x.action === 'handoff')!;
    expect(why.querySelector('.sim-why-text')?.getAttribute('title')).toBe(d.explanation);
  });

  it('out of hours nobody was handed anything: the line says what happened, then what the policy read (newcomer s29 N6)', () => {
    const v = viewAt('2026-03-08T23:00:00Z', 'Something else', 'I want to talk to a human'); // a Sunday night in London
    const [line] = [...handoverLines(v).values()];
    expect(line).toMatch(/^Out of hours: /);
    expect(line).toMatch(/ The policy read: the customer asked for a person \("I want to talk to a human"\)\.$/);
    expect(line).not.toMatch(/^Handed over/);
  });

  it('words: a topic is named, not quoted as words; crisis says so; evidence not in the message is not quoted; an offer says "Offered"', () => {
    const sig = (x: Partial<Signal>): Signal => ({ reason: 'sensitive_topic', score: 1, threshold: 1, evidence: [], turn: 0, explanation: '', ...x });
    expect(decisionLine({ action: 'handoff', reason: 'sensitive_topic', text: 'someone used my card, fraud!', signals: [sig({ evidence: ['fraud', 'used my card'] })] })).toBe(
      'Handed over: a sensitive topic (fraud) ("used my card").',
    );
    expect(decisionLine({ action: 'handoff', reason: 'urgency', text: 'i want to die', signals: [sig({ reason: 'urgency', crisis: true, evidence: ['want to die'] })] })).toBe(
      'Handed over: the customer may be in danger (self-harm / crisis) ("want to die").',
    );
    expect(decisionLine({ action: 'offer', reason: 'loop', text: 'where is it', signals: [sig({ reason: 'loop', evidence: ['where is my parcel', 'parcel status'] })] })).toBe(
      'Offered a person: the customer asked the same thing again.',
    );
  });
});
