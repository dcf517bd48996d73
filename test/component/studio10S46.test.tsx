// @vitest-environment jsdom
/**
 * Session 46 (studio10): the studio findings of the session-45 blind re-test (L3, L5) and newcomer s45 (N7, N10, the
 * simulator's chat buttons). L1 and L2 (where blocks land on screen) need a real layout: test/e2e/studio10S46.test.ts,
 * and their pure parts in test/unit/studio/studio10S46.test.ts.
 *  - L3: the Problems list mixed quote styles and repeated the row's block name at the start of its message.
 *  - L5: with U+202E in an option's first synonym the whole synonyms box read backwards (the later synonyms too).
 *  - N7: "Add an End block" was not offered on a button option's, an HTTP request's error or a takeover's exits; an
 *    unconnected Question fallback was said nowhere.
 *  - The simulator's chat buttons drew a label with a direction character reversed (as the customer gets it).
 *  - N10: Resolve before the agent wrote asked the customer to rate the chat.
 */
import './support/setup';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { problemFix } from '../../renderer/studio/editor/problemFix';
import { curlyQuotes, inDesignerWords, withoutOwnName } from '../../renderer/studio/hooks/designerWords';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { renderEditor } from './support/renderEditor';
import { tinyFlow } from './support/sampleFlow';

const RLO = '\u202E';

function flowOf(blocks: unknown[], edges: unknown[], extra: Record<string, unknown> = {}): Flow {
  const r = validateFlow({ version: 1, id: 'f', name: 'F', blocks, edges, ...extra });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

/** A flow with many kinds of problem (the set written before the change, from the re-test's description). */
function problemFlow(): Flow {
  return flowOf(
    [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'menu', kind: 'buttons', label: 'Choose payment', position: { x: 320, y: 0 }, data: { text: 'Pay how?', options: [{ id: 'a', label: 'Card' }, { id: 'b', label: 'Cash' }] } },
      { id: 'ask', kind: 'question', label: 'Ask email', position: { x: 640, y: 0 }, data: { text: '', inputType: 'email', variable: 'email' } },
      { id: 'msg', kind: 'message', position: { x: 640, y: 240 }, data: { text: 'Thanks {{nme}}' } },
      { id: 'http', kind: 'http_request', label: 'Look up order', position: { x: 960, y: 0 }, data: { method: 'GET', url: '' } },
      { id: 'ho', kind: 'human_takeover', position: { x: 960, y: 240 }, data: {} },
    ],
    [
      { id: 'e1', from: 'start', exit: 'next', to: 'menu' },
      { id: 'e2', from: 'menu', exit: 'a', to: 'ask' },
      { id: 'e3', from: 'ask', exit: 'next', to: 'http' },
      { id: 'e4', from: 'menu', exit: 'b', to: 'msg' },
      { id: 'e5', from: 'http', exit: 'success', to: 'ho' },
    ],
  );
}

const STRAIGHT = /(^|[\s(])['"]|['"](?=$|[\s.,;:!?)])/;

describe('L3: one quote style in the studio, and no repeated block name in a Problems row', () => {
  it('every problem of the written set reads in “…” only, blocks by their title (not "ho")', () => {
    const flow = problemFlow();
    const shown = validateFlow(flow).problems.map((p) => inDesignerWords(p, flow));
    expect(shown.length).toBeGreaterThanOrEqual(8);
    for (const p of shown) {
      expect(p.message).not.toMatch(STRAIGHT);
      expect(p.hint ?? '').not.toMatch(STRAIGHT);
    }
    const target = shown.find((p) => p.code === 'escalation_no_target')!;
    expect(target.message).toContain('choose “Human takeover”');
    expect(target.message).not.toMatch(/['“]ho['”]/);
    expect(shown.find((p) => p.code === 'unknown_variable')!.hint).toContain('Declare “nme” under Variables');
    expect(shown.find((p) => p.code === 'takeover_exit_unwired')!.message).toContain('told “This conversation has ended.”');
  });

  it('held out (written after the change): unknown exits, several takeovers, option labels with apostrophes', () => {
    const flow = flowOf(
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'menu', kind: 'buttons', position: { x: 300, y: 0 }, data: { text: 'Well?', options: [{ id: 'a', label: "Don't know" }, { id: 'b', label: 'Fine' }] } },
        { id: 'ho1', kind: 'human_takeover', label: 'Sales desk', position: { x: 600, y: 0 }, data: {} },
        { id: 'ho2', kind: 'human_takeover', position: { x: 600, y: 200 }, data: {} },
      ],
      [
        { id: 'e1', from: 'start', exit: 'next', to: 'menu' },
        { id: 'e2', from: 'menu', exit: 'b', to: 'ho1' },
        { id: 'e3', from: 'menu', exit: 'zz', to: 'ho2' },
      ],
    );
    const shown = validateFlow(flow).problems.map((p) => inDesignerWords(p, flow));
    for (const p of shown) expect(`${p.message} ${p.hint ?? ''}`).not.toMatch(STRAIGHT);
    expect(shown.map((p) => p.message).join('\n')).toContain('“Don\'t know”');
    expect(shown.find((p) => p.code === 'escalation_no_target')!.message).toMatch(/“Sales desk”.*“Human takeover”/);
    // An apostrophe inside a word is not a quote.
    expect(curlyQuotes("the flow's 'x' and the customers' names")).toBe("the flow's “x” and the customers' names");
  });

  it('withoutOwnName: the row\'s own name (and kind) goes, another block\'s name stays', () => {
    expect(withoutOwnName('“Look up order” (HTTP request) has no URL to call.', 'Look up order')).toBe('Has no URL to call.');
    expect(withoutOwnName('“Message” has no next block.', 'Message')).toBe('Has no next block.');
    expect(withoutOwnName('“Other” has no next block.', 'Message')).toBe('“Other” has no next block.');
  });

  it('in the Problems list a row shows its block at the right and its message without that name', () => {
    renderEditor(problemFlow());
    fireEvent.click(document.querySelector('.st-problems-toggle')!);
    const panel = screen.getByRole('region', { name: 'Problems' });
    const rows = [...panel.querySelectorAll('li')].map((li) => ({ msg: li.querySelector('.st-problem-msg')!.textContent!, at: li.querySelector('.st-problem-block')?.textContent ?? '' }));
    const url = rows.find((r) => /no URL to call/.test(r.msg))!;
    expect(url).toEqual({ msg: 'Has no URL to call.', at: 'Look up order' });
    for (const r of rows) if (r.at && r.at !== 'Flow settings') expect(r.msg.startsWith(`“${r.at}”`)).toBe(false);
    for (const r of rows) expect(r.msg).not.toMatch(STRAIGHT);
  });
});

describe('L5: each synonym with a direction character is isolated in the box, and the flow keeps what was typed', () => {
  const withSynonyms = (synonyms: string[]) =>
    flowOf(
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'menu', kind: 'buttons', position: { x: 300, y: 0 }, data: { text: 'Well?', options: [{ id: 'a', label: 'Gift wrap', synonyms }, { id: 'b', label: 'Returns' }] } },
      ],
      [{ id: 'e1', from: 'start', exit: 'next', to: 'menu' }],
    );
  const box = () => document.querySelector('.st-option[data-option-id="a"] textarea') as HTMLTextAreaElement;

  it('the box shows "⁨‮wrap it⁩, present, bow": the override ends with its own synonym', () => {
    renderEditor(withSynonyms([`${RLO}wrap it`, 'present', 'bow']), (s) => s.getState().select(['menu']));
    expect(box().value).toBe(`\u2068${RLO}wrap it\u2069, present, bow`);
  });

  it('typing in the box keeps the synonyms as typed (the isolate is taken off), also a comma typed inside one', () => {
    const store = renderEditor(withSynonyms([`${RLO}wrap it`, 'present']), (s) => s.getState().select(['menu']));
    const synonyms = () => (store.getState().flow.blocks.find((b) => b.id === 'menu')!.data as { options: { synonyms?: string[] }[] }).options[0].synonyms;
    fireEvent.change(box(), { target: { value: `\u2068${RLO}wrap it\u2069, present, bow` } });
    expect(synonyms()).toEqual([`${RLO}wrap it`, 'present', 'bow']);
    fireEvent.change(box(), { target: { value: `\u2068${RLO}wrap, it\u2069, present` } });
    expect(synonyms()).toEqual([`${RLO}wrap`, 'it', 'present']);
  });

  it('a box without direction characters is as before', () => {
    renderEditor(withSynonyms(['wrap it', 'present']), (s) => s.getState().select(['menu']));
    expect(box().value).toBe('wrap it, present');
  });
});

describe('N7: a one-click fix on every unconnected exit; a Question without a fallback says what happens', () => {
  const flow = () =>
    flowOf(
      [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'menu', kind: 'buttons', position: { x: 300, y: 0 }, data: { text: 'Pay?', options: [{ id: 'a', label: 'Card' }, { id: 'b', label: 'No thanks' }] } },
        { id: 'http', kind: 'http_request', position: { x: 600, y: 0 }, data: { method: 'GET', url: 'https://api.example.com/x' } },
        { id: 'ho', kind: 'human_takeover', position: { x: 900, y: 0 }, data: {} },
        { id: 'ask', kind: 'question', position: { x: 600, y: 300 }, data: { text: 'Order number?', variable: 'order', maxRetries: 2 } },
        { id: 'bye', kind: 'end', position: { x: 900, y: 300 }, data: {} },
      ],
      [
        { id: 'e1', from: 'start', exit: 'next', to: 'menu' },
        { id: 'e2', from: 'menu', exit: 'a', to: 'http' },
        { id: 'e3', from: 'http', exit: 'success', to: 'ho' },
        { id: 'e4', from: 'menu', exit: 'fallback', to: 'ask' },
        { id: 'e5', from: 'ask', exit: 'next', to: 'bye' },
      ],
    );

  it('option, HTTP error and the takeover\'s Resolved get "Add an End block"; No agent and Timeout "Add a Ticket block"', () => {
    const f = flow();
    const fixes = Object.fromEntries(
      validateFlow(f)
        .problems.filter((p) => p.exit)
        .map((p) => [`${p.blockId}:${p.exit}`, problemFix(f, {}, p)]),
    );
    expect(fixes['menu:b']?.label).toBe('Add an End block');
    expect(fixes['http:error']?.label).toBe('Add an End block');
    expect(fixes['ho:resolved']?.label).toBe('Add an End block');
    expect(fixes['ho:no_agent']?.label).toBe('Add a Ticket block');
    expect(fixes['ho:timeout']?.label).toBe('Add a Ticket block');
    // Each fix connects its block from that exit (the problem then goes).
    for (const [key, fix] of Object.entries(fixes)) {
      const [from, exit] = key.split(':');
      const store = createStudioStore(f);
      expect(store.getState().dispatch(fix!.edit)).toBeTruthy();
      const after = store.getState().flow;
      const edge = after.edges.find((e) => e.from === from && e.exit === exit);
      expect(after.blocks.find((b) => b.id === edge?.to)?.kind).toBe(exit === 'no_agent' || exit === 'timeout' ? 'ticket' : 'end');
    }
  });

  it('the Problems list shows the fix under the option\'s row', () => {
    renderEditor(flow());
    fireEvent.click(document.querySelector('.st-problems-toggle')!);
    const panel = screen.getByRole('region', { name: 'Problems' });
    const row = [...panel.querySelectorAll('li')].find((li) => /“No thanks” option/.test(li.textContent ?? ''))!;
    expect(within(row).getByRole('button', { name: /Add an End block/ })).toBeInTheDocument();
  });

  it('a Question with no Fallback connection says in its inspector what happens there; connected, it does not', () => {
    const store = renderEditor(flow(), (s) => s.getState().select(['ask']));
    const note = screen.getByTestId('question-fallback-note');
    expect(note.textContent).toMatch(/Fallback is not connected: a customer whose answer does not fit is asked again \(the retry message\) every time, also after its 2 retries/);
    let ok: unknown;
    act(() => {
      ok = store.getState().dispatch({ type: 'connect', from: 'ask', exit: 'fallback', to: 'bye' });
    });
    expect(ok).toBeTruthy();
    expect(store.getState().flow.edges.some((e) => e.from === 'ask' && e.exit === 'fallback')).toBe(true);
    expect(screen.queryByTestId('question-fallback-note')).toBeNull();
  });
});

function simulator(flow: Flow) {
  render(
    <StudioStoreProvider store={createStudioStore(flow)}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={() => {}} storage={null} overlay={false} />
    </StudioStoreProvider>,
  );
}
const transcriptLines = () => within(screen.getByRole('list', { name: 'Transcript' })).getAllByRole('listitem').map((li) => li.textContent ?? '');
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('simulator: chat buttons with a direction character are marked, as everywhere in the studio', () => {
  it('"Yes ⟨RLO⟩please" is drawn in typed order with the mark; a click still sends the label', () => {
    const f = tinyFlow();
    const menu = f.blocks.find((b) => b.id === 'menu')!;
    (menu.data as { options: { label: string }[] }).options[0].label = `Yes ${RLO}please`;
    simulator(f);
    const group = screen.getByRole('group', { name: 'Buttons' });
    const first = within(group).getAllByRole('button')[0];
    expect(first.textContent).toBe('Yes ⟨RLO⟩please');
    expect(first.querySelector('mark.bt-direction-mark')).not.toBeNull();
    expect(first.getAttribute('aria-label')).toBe('Yes (RLO)please');
    fireEvent.click(first);
    // The customer's line (the label itself) is drawn marked too.
    expect(transcriptLines().some((t) => t.includes('Yes ⟨RLO⟩please'))).toBe(true);
  });
});

describe('N10: Resolve before the agent wrote a word asks no rating and says nobody could answer', () => {
  function handedOver() {
    const r = validateFlow(customerSupport);
    if (!r.flow) throw new Error('sample flow invalid');
    simulator(r.flow);
    say('Can I talk to a real person please?');
    say('sam@example.com');
    return screen.getByLabelText('Agent pane');
  }

  it('not opened, no word: no rating question; "I\'m sorry nobody from our team could answer you in the chat this time."', () => {
    const pane = handedOver();
    const resolve = within(pane).getByRole('button', { name: 'Resolve' });
    expect(resolve.getAttribute('title')).toMatch(/nobody has written to the customer yet/);
    fireEvent.click(resolve);
    const l = transcriptLines();
    expect(l.some((t) => /how would you rate this chat/i.test(t))).toBe(false);
    expect(l.some((t) => t.includes("I'm sorry nobody from our team could answer you in the chat this time."))).toBe(true);
    // Session 50 (rt5, newcomer s49 N4): then the flow's own closing (Resolved -> Rating -> End "Have a lovely day!", the
    // Rating not asked), not the built-in "This conversation has ended. ...".
    expect(l.some((t) => t.includes('Have a lovely day!'))).toBe(true);
    expect(l.some((t) => t.includes('This conversation has ended.'))).toBe(false);
  });

  it('after the agent wrote, Resolve still asks the rating', () => {
    const pane = handedOver();
    fireEvent.change(within(pane).getByLabelText('Agent reply'), { target: { value: 'Hi Sam, Ana here.' } });
    fireEvent.click(within(pane).getByRole('button', { name: 'Reply' }));
    fireEvent.click(within(pane).getByRole('button', { name: 'Resolve' }));
    expect(transcriptLines().some((t) => /how would you rate this chat/i.test(t))).toBe(true);
  });
});
