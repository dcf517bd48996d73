// @vitest-environment jsdom
import './support/setup';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Editor } from '../../renderer/studio/editor/Editor';
import { renderCounter } from '../../renderer/studio/canvas/nodes/BlockNode';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { sampleFlow, tinyFlow } from './support/sampleFlow';

function renderEditor(flow = sampleFlow()) {
  const store = createStudioStore(flow);
  const view = render(
    <div style={{ width: 1200, height: 800 }}>
      <StudioStoreProvider store={store}>
        <Editor />
      </StudioStoreProvider>
    </div>,
  );
  return { store, view };
}

const node = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement | null;

describe('canvas', () => {
  it('draws one node per block with its content and one handle per exit', async () => {
    const flow = sampleFlow();
    renderEditor(flow);
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node')).toHaveLength(flow.blocks.length));
    // Buttons: each option is its own exit handle, labelled.
    const menu = flow.blocks.find((b) => b.kind === 'buttons')!;
    const options = (menu.data as { options: { id: string; label: string }[] }).options;
    const el = node(menu.id)!;
    for (const o of options) {
      expect(el.querySelector(`.react-flow__handle[data-handleid="${o.id}"]`)).not.toBeNull();
      expect(el).toHaveTextContent(o.label);
    }
    // Human Takeover: assignation mode and its three exits.
    const takeover = flow.blocks.find((b) => b.kind === 'human_takeover')!;
    const t = node(takeover.id)!;
    expect(t.querySelector('[data-testid="assignation-mode"]')).toHaveTextContent(/simple|default|custom/i);
    for (const exit of ['resolved', 'no_agent', 'timeout']) expect(t.querySelector(`.react-flow__handle[data-handleid="${exit}"]`)).not.toBeNull();
  });

  it('changing one block re-renders that block only', async () => {
    const flow = sampleFlow();
    const { store } = renderEditor(flow);
    await waitFor(() => expect(document.querySelectorAll('.react-flow__node')).toHaveLength(flow.blocks.length));
    // Let measurement settle, then count renders from here on.
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    renderCounter.counts.clear();
    renderCounter.enabled = true;
    try {
      const target = flow.blocks.find((b) => b.kind === 'message')!;
      act(() => {
        store.getState().dispatch({ type: 'set_block_field', id: target.id, path: ['text'], value: 'A brand new text' });
      });
      await waitFor(() => expect(node(target.id)).toHaveTextContent('A brand new text'));
      expect([...renderCounter.counts.keys()]).toEqual([target.id]);
      // Selecting a block re-renders that block only, too.
      renderCounter.counts.clear();
      const other = flow.blocks.find((b) => b.kind === 'question')!;
      act(() => store.getState().select([other.id]));
      await waitFor(() => expect(renderCounter.counts.get(other.id)).toBeGreaterThan(0));
      expect([...renderCounter.counts.keys()]).toEqual([other.id]);
    } finally {
      renderCounter.enabled = false;
    }
  });

  it('undo and redo buttons follow the history', async () => {
    const { store } = renderEditor(tinyFlow());
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(undo).toBeDisabled();
    act(() => {
      store.getState().dispatch({ type: 'add_block', kind: 'message', position: { x: 0, y: 200 }, id: 'message-1' });
    });
    await waitFor(() => expect(node('message-1')).not.toBeNull());
    expect(undo).toBeEnabled();
    act(() => undo.click());
    await waitFor(() => expect(node('message-1')).toBeNull());
    act(() => screen.getByRole('button', { name: 'Redo' }).click());
    await waitFor(() => expect(node('message-1')).not.toBeNull());
  });

  it('shows validation problems as badges and lists them; a click focuses the block', async () => {
    const flow = tinyFlow(); // menu's option b is unwired, takeover exits unwired
    const { store } = renderEditor(flow);
    await waitFor(() => expect(node('menu')?.querySelector('.bn-badge')).not.toBeNull());
    const toggle = screen.getByRole('button', { name: /error|warning/ });
    act(() => toggle.click());
    const list = screen.getByRole('region', { name: 'Problems' });
    // Since session 27 (newcomer s26 F4) the list names the block by its canvas title; its id is in the tooltip.
    const item = [...list.querySelectorAll('button')].find((b) => b.querySelector('[title="Block id: menu"]'))!;
    act(() => item.click());
    expect(store.getState().selection).toEqual(['menu']);
  });
});
