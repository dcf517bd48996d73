// @vitest-environment jsdom
/**
 * Newcomer s11 #21: with the graduated policy the Batch chart read "Handoff rate 0.0%" beside a high escalation rate
 * and nothing said why. The pane now says how many escalations did not end in a handoff (a rephrase, or an offer of a
 * person the customer did not take), next to the rates.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { BatchPane, emptyBatch, notHandedOver, runBatchState } from '../../renderer/studio/simulator/BatchPane';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';

function graduated(): Flow {
  const f = structuredClone(validateFlow(customerSupport).flow!);
  return { ...f, escalation: { ...f.escalation, mode: 'graduated' } } as Flow;
}

describe('Batch: escalations that did not end in a handoff (newcomer s11 #21)', () => {
  it('says how many escalations the bot answered with an offer the customer did not take, next to the rates', () => {
    const flow = graduated();
    const conversations = [
      // Two conversations the bot does not understand: an offer of a person, which the customer does not take.
      { id: 'a', turns: ['asdf qwer', 'zxcv bnm', 'hjkl uiop', 'no'] },
      { id: 'e', turns: ['someone used my card without permission, fraud', 'no'] },
      // A request for a person (the takeover then asks its questions), and an ordinary order question.
      { id: 'b', turns: ['Can I talk to a real person please?'] },
      { id: 'c', turns: ['Track my order', 'NW-104233'] },
    ];
    const batch = runBatchState(flow, { ...emptyBatch, name: 'four.jsonl', conversations });
    const run = batch.run!;
    const n = notHandedOver(run);
    expect(n.escalated).toBe(3);
    expect(n.notHanded).toBe(2);
    expect(n.offersNotTaken).toBe(2);
    render(<BatchPane flow={flow} batch={batch} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} />);
    expect(screen.getByTestId('batch-not-handed')).toHaveTextContent('2 of the 3 escalations did not end in a handoff');
    // Newcomer s14 N#6: only the actual cause, with its conversations.
    expect(screen.getByTestId('batch-not-handed')).toHaveTextContent('2 offers of a person the customer declined or did not take; the conversation went on with the bot (a, e).');
    expect(screen.getByTestId('batch-not-handed')).not.toHaveTextContent(/clarifying question|rephrase|did not reach a person/);
  });

  it('says nothing when every escalation was handed over', () => {
    const flow = graduated();
    const batch = runBatchState(flow, { ...emptyBatch, name: 'one.jsonl', conversations: [{ id: 'c', turns: ['Track my order', 'NW-104233'] }] });
    render(<BatchPane flow={flow} batch={batch} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} />);
    expect(screen.queryByTestId('batch-not-handed')).toBeNull();
  });
});
