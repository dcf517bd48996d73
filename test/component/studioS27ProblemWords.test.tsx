// @vitest-environment jsdom
/**
 * Session 27 (studio), newcomer s26 F4: problem texts name blocks by their canvas title and exits by their label, not
 * by id and exit key; the problem keeps the block id, so a click still selects the block.
 */
import './support/setup';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { inDesignerWords } from '../../renderer/studio/hooks/designerWords';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { renderEditor } from './support/renderEditor';
import { tinyFlow } from './support/sampleFlow';

describe('F4: problems in the canvas words', () => {
  it('names the block by its title and the exit by its label, not by id and key; the block id stays for the click', () => {
    const flow = tinyFlow();
    const problems = validateFlow(flow).problems.filter((p) => p.blockId === 'agent' && p.code === 'takeover_exit_unwired');
    expect(problems).toHaveLength(3);
    const noAgent = inDesignerWords(problems.find((p) => p.message.includes("'no_agent'"))!, flow);
    expect(noAgent.message).toMatch(/^“Human takeover” has nothing connected to its “No agent” exit/);
    expect(noAgent.message).not.toMatch(/'agent'|no_agent/);
    expect(noAgent.hint).toContain('Connect the “No agent” exit');
    expect(noAgent.blockId).toBe('agent');
  });

  it('a block with its own label is named by it, with its kind', () => {
    const raw = tinyFlow();
    const flow = { ...raw, blocks: raw.blocks.map((b) => (b.id === 'agent' ? { ...b, label: 'Billing desk' } : b)) } as Flow;
    const p = validateFlow(flow).problems.find((x) => x.blockId === 'agent' && x.message.includes("'timeout'"))!;
    expect(inDesignerWords(p, flow).message).toMatch(/^“Billing desk” \(Human takeover\) has nothing connected to its “Timeout” exit/);
  });

  it("the inspector's problem list and the Problems panel show them so", () => {
    renderEditor(tinyFlow(), (s) => s.getState().select(['agent']));
    const inspector = screen.getByTestId('block-inspector');
    expect(inspector.textContent).toContain('“Human takeover” has nothing connected to its “Resolved” exit');
    expect(inspector.textContent).not.toContain("'no_agent'");
  });
});
