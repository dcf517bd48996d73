// @vitest-environment jsdom
/**
 * Session 46 (studio12): retest-studio M1. The Human takeover's inspector spoke of "Hand back to bot" and "Close" while
 * the inbox has "Hand back to bot" and "Resolve", and Resolve takes the Resolved exit when that exit asks for a rating.
 * The help must use only the inbox's button names and say what Resolve does for this block's wiring.
 */
import './support/setup';
import { render, screen, waitFor } from '@testing-library/react';
import { RunButton } from '../../renderer/studio/run/RunButton';
import { FailureDetail } from '../../renderer/studio/simulator/ScenarioEditor';
import type { ScenarioFailure } from '../../shared/simulator/scenarioRunner';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { renderEditor } from './support/renderEditor';

function flowOf(blocks: unknown[], edges: unknown[]): Flow {
  const r = validateFlow({ version: 1, id: 'f', name: 'F', blocks, edges });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

const base = [
  { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
  { id: 'ho', kind: 'human_takeover', position: { x: 300, y: 0 }, data: {} },
];

function help(flow: Flow): string {
  renderEditor(flow, (s) => s.getState().select(['ho']));
  return screen.getByRole('list', { name: 'When each exit is taken' }).textContent ?? '';
}

describe('M1: the takeover help uses the inbox words', () => {
  it('names only buttons the inbox has (no “Close”) and says Resolve takes no exit when nothing rates', () => {
    const text = help(flowOf(base, [{ id: 'e1', from: 'start', exit: 'next', to: 'ho' }]));
    expect(text).toContain('“Hand back to bot”');
    expect(text).toContain('“Resolve”');
    expect(text).not.toMatch(/Close/);
    expect(screen.getByTestId('takeover-resolve-note').textContent).toMatch(/without taking this exit/);
  });

  it('says Resolve asks the rating (takes the exit) when Resolved leads to a Rating block through a message', () => {
    const text = help(
      flowOf(
        [
          ...base,
          { id: 'm', kind: 'message', position: { x: 600, y: 0 }, data: { text: 'Thanks!' } },
          { id: 'r', kind: 'csat', position: { x: 900, y: 0 }, data: {} },
        ],
        [
          { id: 'e1', from: 'start', exit: 'next', to: 'ho' },
          { id: 'e2', from: 'ho', exit: 'resolved', to: 'm' },
          { id: 'e3', from: 'm', exit: 'next', to: 'r' },
        ],
      ),
    );
    expect(text).not.toMatch(/Close/);
    expect(screen.getByTestId('takeover-resolve-note').textContent).toMatch(/takes this exit too.*rate the chat/s);
  });
});

describe('N21: after the studio page reloads, Run shows that the flow is still served', () => {
  const info = { runtimeUrl: 'http://127.0.0.1:4999', widgetUrl: 'http://127.0.0.1:4999/chat/shop?newChat=k', inboxUrl: 'http://127.0.0.1:4999/inbox/#token=t', flowId: 'shop', flows: ['shop'] };
  const answering = (served: boolean, seen: string[]) =>
    (async (url: string | URL | Request, init?: RequestInit) => {
      seen.push(`${init?.method ?? 'GET'} ${String(url)}`);
      return new Response(JSON.stringify(served ? info : { running: false }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;

  it('a page opened while the flow is served reads "Run again" without pressing Run', async () => {
    const seen: string[] = [];
    render(<RunButton flowKey="shop" fetch={answering(true, seen)} open={() => null} />);
    await screen.findByText('Run again');
    expect(seen).toEqual(['GET /api/flows/shop/run']);
  });

  it('a flow not served reads "Run"; a server that cannot answer changes nothing', async () => {
    const seen: string[] = [];
    const { unmount } = render(<RunButton flowKey="shop" fetch={answering(false, seen)} open={() => null} />);
    await waitFor(() => expect(seen).toHaveLength(1));
    expect(screen.getByRole('button', { name: /run this flow/i })).toHaveTextContent(/^\s*Run$/);
    unmount();
    const failing = (async () => {
      throw new Error('down');
    }) as typeof globalThis.fetch;
    render(<RunButton flowKey="shop" fetch={failing} open={() => null} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByRole('button', { name: /run this flow/i })).toHaveTextContent(/^\s*Run$/);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('N7: a failed scenario step in the designer words', () => {
  const failure = (expect: Record<string, unknown>) =>
    ({ stepIndex: 3, step: { expect }, check: 'botSays', expected: 'x', actual: 'y', blockId: 'message-2' }) as unknown as ScenarioFailure;
  // Written before the change: the newcomer's step, and steps checking one thing.
  const before: Array<[Record<string, unknown>, string]> = [
    [{ escalates: false, handoff: 'none', mode: 'bot', waitingAt: 'q', botSays: 'Thanks' }, 'At step 4: checking whether the bot hands over, the handoff, who is talking (bot, waiting, agent, closed), where the bot waits and what the bot says'],
    [{ botSays: 'Hi' }, 'At step 4: checking what the bot says'],
    [{ since: 'start', reaches: 'x' }, 'At step 4: checking the blocks reached'],
  ];
  it.each(before)('%j reads without file keys', (exp, text) => {
    render(<FailureDetail failure={failure(exp)} name="s" />);
    expect(screen.getByRole('region', { name: 'Failure of s' }).firstElementChild!.textContent).toBe(text);
  });
  it('held out (after): variables, buttons, agentSays; the block button names no id', () => {
    render(<FailureDetail failure={failure({ variables: { a: 1 }, buttons: [], agentSays: 'ok', noEffects: ['end'] })} name="h" />);
    const text = screen.getByRole('region', { name: 'Failure of h' }).textContent ?? '';
    expect(text).toContain('checking the variables, the buttons shown, what the agent says and what must not happen');
    expect(text).not.toMatch(/agentSays|noEffects|message-2/);
    expect(screen.getByRole('button', { name: 'Show the block on the canvas' })).toHaveAttribute('title', 'Block id: message-2');
  });
});
