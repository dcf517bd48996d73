// @vitest-environment jsdom
/**
 * fixstudio s13, simulator:
 *  - newcomer #19: Batch's first bar read "Handoff rate 0.0% (0)" for a run where 162 of 300 conversations reached the
 *    takeover (answering its questions when their turns ran out). One headline rate, the split in smaller text.
 *  - newcomer #18 (studio side): message 1 got the clarifying question ("a second unclear message hands over"); message 2
 *    read "No escalation: No signal." with no word on why it did not hand over. Debug says why.
 */
import './support/setup';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { BatchPane, emptyBatch, runBatchState } from '../../renderer/studio/simulator/BatchPane';
import { afterClarifyNote } from '../../renderer/studio/simulator/DebugDrawer';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { DecisionView } from '../../shared/simulator/simulatorView';

describe('Batch headline handoff rate (newcomer s13 #19)', () => {
  it('one "Handoff rate" bar counts the conversations that reached the takeover; the split is under it', () => {
    const flow = validateFlow(customerSupport).flow!;
    const batch = runBatchState(flow, { ...emptyBatch, name: 'batch-300.jsonl', conversations: [{ id: 'c0', turns: ['Can I talk to a real person please?'] }] });
    // The newcomer's run: 300 conversations, none handed over yet, 162 answering the takeover's questions.
    const run = { ...batch.run!, total: 300, handoffs: 0, handoffRate: 0, answering: 162, answeringIds: ['c0', 'c2', 'c3'], escalationRate: 0.597 };
    render(<BatchPane flow={flow} batch={{ ...batch, run }} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} />);
    const chart = screen.getByRole('img', { name: /guidance 15 to 25 percent/ });
    const bars = within(chart).getAllByRole('button').map((b) => b.getAttribute('aria-label') ?? '');
    expect(bars.filter((l) => /^Handoff rate/.test(l))).toEqual(['Handoff rate: 54.0%']);
    expect(within(chart).getByRole('button', { name: 'Handoff rate: 54.0%' })).toHaveTextContent('54.0% (162)');
    expect(screen.getByTestId('batch-handoff-split')).toHaveTextContent("0 handed over to a person · 162 answering the handoff's questions (name, email, reason) when their turns ran out");
    expect(screen.queryByText(/0\.0% \(0\)/)).toBeNull();
    expect(screen.getByTestId('batch-band')).toHaveTextContent('Band: the guidance of 15.0%–25.0% handoffs. This run is above it.');
  });

  it('no split line when every conversation that reached the takeover was handed over', () => {
    const flow = validateFlow(customerSupport).flow!;
    const batch = runBatchState(flow, { ...emptyBatch, name: 'b.jsonl', conversations: [{ id: 'c0', turns: ['hello'] }] });
    const run = { ...batch.run!, total: 10, handoffs: 2, handoffRate: 0.2, answering: 0, answeringIds: [] };
    render(<BatchPane flow={flow} batch={{ ...batch, run }} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} />);
    expect(screen.getByRole('button', { name: 'Handoff rate: 20.0%' })).toHaveTextContent('20.0% (2)');
    expect(screen.queryByTestId('batch-handoff-split')).toBeNull();
  });
});

describe('Debug after the clarifying question (newcomer s13 #18)', () => {
  const clarify: DecisionView = {
    turn: 0,
    text: 'hmm the thing with the stuff',
    action: 'rephrase',
    reason: 'low_confidence',
    explanation: 'Low confidence: asked once before handing over (Flow settings > Escalation > Low confidence): not handed over yet; a second unclear message hands over.',
    signals: [{ reason: 'low_confidence', score: 1, threshold: 0.5, evidence: ['thing', 'stuff'], turn: 0, explanation: 'the message is too vague' }],
    nearMisses: [],
  };
  const second: DecisionView = { turn: 1, text: 'you know, the other thing', action: 'none', reason: null, explanation: 'No signal.', signals: [], nearMisses: [] };

  it('says why the message after the clarifying question did not hand over', () => {
    const note = afterClarifyNote(second, clarify);
    expect(note).toMatch(/^Not handed over although the previous message got the clarifying question \(“a second unclear message hands over”\): this message was not read as unclear\./);
    expect(note).toMatch(/No low-confidence signal/);
    const close = { ...second, nearMisses: [{ reason: 'low_confidence' as const, score: 0.4, threshold: 0.5, evidence: ['thing'], turn: 1, explanation: 'only "thing" is vague; 0.40 < 0.50' }] };
    expect(afterClarifyNote(close, clarify)).toMatch(/Low confidence came close but did not fire: only "thing" is vague; 0\.40 < 0\.50/);
  });

  it('says nothing after an ordinary turn, or when the second message did hand over', () => {
    expect(afterClarifyNote(second, { ...clarify, action: 'none', reason: null, explanation: 'No signal.', signals: [] })).toBeNull();
    expect(afterClarifyNote({ ...second, action: 'handoff', reason: 'low_confidence' }, clarify)).toBeNull();
    expect(afterClarifyNote(second, undefined)).toBeNull();
  });
});
