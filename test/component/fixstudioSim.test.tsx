// @vitest-environment jsdom
// Newcomer s8 #10 #11: after "Hand back to bot" or Resolve the simulator says the agent's part ended, as the widget does
// (session 43: in the inbox's words, newcomer s42 N13).
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';

function setup() {
  const r = validateFlow(customerSupport);
  if (!r.flow) throw new Error('sample flow invalid');
  render(
    <StudioStoreProvider store={createStudioStore(r.flow)}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={() => {}} storage={null} overlay={false} />
    </StudioStoreProvider>,
  );
}
const transcript = () => screen.getByRole('list', { name: 'Transcript' });
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('simulator hand back and Resolve (newcomer s8 #10 #11; session 43, newcomer s42 N13: in the inbox\'s words)', () => {
  function handOver() {
    setup();
    say('Can I talk to a real person please?');
    say('sam@example.com');
    const pane = screen.getByLabelText('Agent pane');
    fireEvent.change(within(pane).getByLabelText('Agent reply'), { target: { value: 'Hi Sam, Ana here.' } });
    fireEvent.click(within(pane).getByRole('button', { name: 'Reply' }));
    return pane;
  }
  const lines = () => within(transcript()).getAllByRole('listitem').map((li) => li.textContent ?? '');

  it('Hand back: "Ana handed the conversation back to the bot." after her last message and before the rating question, once', () => {
    const pane = handOver();
    expect(lines().filter((t) => /handed the|has left the chat|marked this chat/.test(t))).toEqual([]);
    fireEvent.click(within(pane).getByRole('button', { name: 'Hand back to bot' }));
    const l = lines();
    const back = l.findIndex((t) => /Ana handed the conversation back to the bot/.test(t));
    const ana = l.findIndex((t) => /Hi Sam, Ana here\./.test(t));
    const rating = l.findIndex((t) => /how would you rate this chat/i.test(t));
    expect(back).toBeGreaterThan(ana);
    expect(rating).toBeGreaterThan(back);
    expect(l.filter((t) => /handed the|has left the chat|marked this chat/.test(t))).toHaveLength(1);
  });

  it('Resolve: "Ana marked this chat as resolved" (not "has left the chat") before the rating question', () => {
    const pane = handOver();
    fireEvent.click(within(pane).getByRole('button', { name: 'Resolve' }));
    const l = lines();
    const resolved = l.findIndex((t) => /Ana marked this chat as resolved/.test(t));
    const rating = l.findIndex((t) => /how would you rate this chat/i.test(t));
    expect(resolved).toBeGreaterThan(l.findIndex((t) => /Hi Sam, Ana here\./.test(t)));
    expect(rating).toBeGreaterThan(resolved);
    expect(l.filter((t) => /has left the chat/.test(t))).toEqual([]);
  });
});

describe('simulator message limit (newcomer s8 #18)', () => {
  it('refuses a message over the widget limit with the widget words, keeps the text, and sends it once shortened', async () => {
    const { MAX_MESSAGE_CHARS } = await import('../../renderer/widget/Widget');
    const { SIM_MAX_MESSAGE_CHARS } = await import('../../renderer/studio/simulator/ChatPane');
    expect(SIM_MAX_MESSAGE_CHARS).toBe(MAX_MESSAGE_CHARS);
    setup();
    const before = within(transcript()).getAllByRole('listitem').length;
    const long = 'my parcel never came '.repeat(200).trim(); // 4,199 characters
    say(long);
    expect(within(transcript()).getAllByRole('listitem')).toHaveLength(before);
    expect(screen.getByRole('alert')).toHaveTextContent(`Your message is ${long.length.toLocaleString('en')} characters; the limit is 4,000. Shorten it, or send part of it now and the rest in another message.`);
    expect((screen.getByLabelText('Customer message') as HTMLInputElement).value).toBe(long);
    say(long.slice(0, 3990));
    expect(within(transcript()).getAllByRole('listitem').length).toBeGreaterThan(before);
  });
});

describe('export toast counts the open problems (newcomer s8 #21, s39 N3)', () => {
  it('says how many problems the exported flow still has, in one line, with a Show action', async () => {
    const { ExportButton } = await import('../../renderer/studio/home/ExportButton');
    const { tinyFlow } = await import('./support/sampleFlow');
    const { problemsOf } = await import('../../renderer/studio/hooks/useProblems');
    const { problemCount } = await import('../../renderer/studio/editor/problemCount');
    URL.createObjectURL = (() => 'blob:x') as typeof URL.createObjectURL;
    URL.revokeObjectURL = () => {};
    const store = createStudioStore(tinyFlow());
    const open = problemsOf(store.getState().flow);
    expect(open.length).toBeGreaterThan(0);
    const api = { exportFlow: async () => ({ fileName: 'tiny.json', text: '{}', warnings: [] }) } as never;
    render(
      <StudioStoreProvider store={store}>
        <ExportButton flowId="tiny" api={api} />
      </StudioStoreProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export flow' }));
    await screen.findByRole('status');
    const errors = open.filter((p) => p.severity === 'error').length;
    expect(store.getState().notice).toMatchObject({ text: `Exported tiny.json — ${problemCount(errors, open.length - errors)}.`, action: { label: 'Show', opens: 'problems' } });
  });
});
