// @vitest-environment jsdom
/**
 * Newcomer s12 #17 (Batch nits): numbers without thousands separators next to ones with ("Counting the 1690
 * conversations", "router: 3933", canvas "× 8644" beside "1,696"); two unexplained counts on the canvas; "Run again on
 * the edited flow" when nothing was edited.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { BatchPane, emptyBatch, runBatchState } from '../../renderer/studio/simulator/BatchPane';
import { overlayCss } from '../../renderer/studio/simulator/CanvasOverlay';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';

const conversations = [
  { id: 'b', turns: ['Can I talk to a real person please?'] },
  { id: 'c', turns: ['Track my order', 'NW-104233'] },
];

describe('Batch: numbers and labels (newcomer s12 #17)', () => {
  it('every count has thousands separators; the canvas counts are explained', () => {
    const flow = validateFlow(customerSupport).flow!;
    const batch = runBatchState(flow, { ...emptyBatch, name: 'big.jsonl', conversations });
    // The shape of a 20,000-conversation run, without playing one.
    const run = { ...batch.run!, total: 20_000, handoffs: 6, handoffRate: 6 / 20_000, answering: 4_000, dropOffs: { router: 3_933 }, fallbacks: { main_menu: 12_345 } };
    render(<BatchPane flow={flow} batch={{ ...batch, run }} setBatch={() => {}} showCounts={true} setShowCounts={() => {}} />);
    expect(screen.getByTestId('batch-handoff-split')).toHaveTextContent("6 handed over to a person · 4,000 answering the handoff's questions");
    // Newcomer s14 N#6: blocks by the names the canvas shows; session 47 (newcomer s46 N19): without the id beside.
    expect(screen.getByTestId('batch-drop-offs')).toHaveTextContent('What do they want?: 3,933');
    expect(screen.getByTestId('batch-drop-offs')).toHaveTextContent('Main menu: 12,345');
    expect(screen.getByText(/× on a block is how many times it was visited; the number on a connection is how many conversations took it/)).toBeInTheDocument();
    expect(overlayCss({ flow, path: [], currentBlockId: null, blockCounts: { welcome: 8_644 } })).toContain('content: "× 8,644"');
  });

  it('"Run again" says "on the edited flow" only when the flow changed since the run', () => {
    const flow = validateFlow(customerSupport).flow!;
    const batch = runBatchState(flow, { ...emptyBatch, name: 'two.jsonl', conversations });
    const { rerender } = render(<BatchPane flow={flow} batch={batch} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} />);
    expect(screen.getByRole('button', { name: 'Run again' })).toBeInTheDocument();
    const edited = structuredClone(flow) as Flow;
    edited.escalation.explicitRequest.enabled = false;
    rerender(<BatchPane flow={edited} batch={batch} setBatch={() => {}} showCounts={false} setShowCounts={() => {}} />);
    expect(screen.getByRole('button', { name: 'Run again on the edited flow' })).toBeInTheDocument();
  });
});
