// @vitest-environment jsdom
/**
 * Review debt s11: the studio's Batch tab counts a conversation that ends on the bot's clarifying question (low
 * confidence, "Ask once before handing over") as `baton simulate` and the corpus tools do, and says so next to the rates.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { BatchPane, emptyBatch, notHandedOver, runBatchState } from '../../renderer/studio/simulator/BatchPane';
import { validateFlow } from '../../shared/flow/validateFlow';

describe('Batch: conversations that end on the clarifying question', () => {
  it('are counted under low confidence and said apart', () => {
    const flow = validateFlow(customerSupport).flow!;
    const conversations = [
      { id: 'v1', turns: ['I have a question about the thing'] },
      { id: 'v3', turns: ['I need help with something', 'where is my order'] },
      { id: 'o', turns: ['Track my order', 'NW-104233'] },
    ];
    const batch = runBatchState(flow, { ...emptyBatch, name: 'three.jsonl', conversations });
    const run = batch.run!;
    expect(run.clarified).toBe(1);
    expect(run.byReason.find((r) => r.reason === 'low_confidence')!.count).toBe(1);
    expect(notHandedOver(run)).toMatchObject({ escalated: 1, notHanded: 1, clarified: 1 });
    render(<BatchPane flow={flow} batch={batch} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} />);
    expect(screen.getByTestId('batch-clarified')).toHaveTextContent(
      "1 conversation ended on the bot's clarifying question (low confidence, “Ask once before handing over”): the customer's answer is not in the file. It is counted in the escalation rate under low confidence",
    );
    expect(screen.getByTestId('batch-not-handed')).toHaveTextContent("1 ended on the bot's clarifying question (v1).");
    expect(screen.getByTestId('batch-not-handed')).not.toHaveTextContent(/offer|rephrase/);
  });

  it('says nothing when no conversation ends on it', () => {
    const flow = validateFlow(customerSupport).flow!;
    const batch = runBatchState(flow, { ...emptyBatch, name: 'one.jsonl', conversations: [{ id: 'v3', turns: ['I need help with something', 'where is my order'] }] });
    render(<BatchPane flow={flow} batch={batch} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} />);
    expect(batch.run!.clarified).toBe(0);
    expect(screen.queryByTestId('batch-clarified')).toBeNull();
  });
});
