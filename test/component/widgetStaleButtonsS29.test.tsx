// @vitest-environment jsdom
/**
 * Newcomer s28 N4, the widget's half: an angry message held during the order lookup handed over right after the reply's
 * "Anything else?" [Yes / No]; the flow then waited at the takeover's email question. The simulator hid the old buttons
 * (shownButtons, 177743a); the web widget, which reads the runtime's log (no block ids), still offered them, and a
 * click was refused. The log now gets that message without its buttons by the same rule (buttonsStillAsked). Here the
 * widget is fed the log entries the runtime writes for the engine's steps (runtime/effects/planStep.ts stepLogEntries).
 */
import './support/setup';
import { cleanup, render, screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import { createChatClient, type ChatEntry } from '../../renderer/widget/chatClient';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { stepLogEntries } from '../../runtime/effects/planStep';
import { converse, type Conversation } from '../unit/engine/harness';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const northwind = () => loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;

/** The conversation's log as the runtime writes it (transcript entries only), numbered as the store numbers them. */
function logOf(c: Conversation): ChatEntry[] {
  const out: ChatEntry[] = [];
  c.steps.forEach((step, i) => {
    for (const e of stepLogEntries(i === 0 ? null : (c.steps[i - 1]!.state as never), step as never)) {
      const seq = out.length + 1;
      out.push({ ...(e as Omit<ChatEntry, 'id' | 'seq'>), id: `c1:${seq}`, seq });
    }
  });
  return out;
}

function showWidget(messages: ChatEntry[]) {
  const fetch = (async (url: string | URL | Request) => {
    const u = new URL(String(url));
    const after = Number(u.searchParams.get('after') ?? '0');
    return new Response(JSON.stringify({ mode: 'bot', messages: messages.filter((m) => m.seq > after), handoff: null, lastSeq: messages.length }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  const m = new Map([['baton.widget.shop', JSON.stringify({ conversationId: 'c1', token: 't' })]]);
  const storage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
  render(<Widget flowId="shop" title="Shop" client={createChatClient({ baseUrl: 'http://x', storage, fetch })} />);
}

afterEach(cleanup);

describe('the widget offers the buttons the simulator offers (newcomer s28 N4)', () => {
  it('after a held angry message hands over: no "Yes" / "No, that\'s all" under the email question', async () => {
    const c = converse(northwind(), { now: NOW });
    c.click('Track my order');
    c.say('NW-104233');
    c.say('this is ridiculous, I have been waiting three weeks and nobody answers my emails');
    c.http(true, { status: 'in transit', eta: 'Friday' }, 200);
    expect(c.state.waiting?.kind).toBe('takeover_question');
    const log = logOf(c);
    // The engine's own transcript still has them (the simulator hides them by shownButtons).
    expect(c.transcript().some((e) => e.buttons?.some((b) => /that's all/i.test(b.label)))).toBe(true);
    showWidget(log);
    await screen.findByText(/What is your email address/);
    expect(screen.getByText(/Anything else I can help with\?/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Yes' })).toBeNull();
    expect(screen.queryByRole('button', { name: "No, that's all" })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Choices' })).toBeNull();
  });

  it('without the held message the same question keeps its buttons', async () => {
    const c = converse(northwind(), { now: NOW });
    c.click('Track my order');
    c.say('NW-104233');
    c.http(true, { status: 'in transit', eta: 'Friday' }, 200);
    showWidget(logOf(c));
    await screen.findByText(/Anything else I can help with\?/);
    expect(await screen.findByRole('button', { name: "No, that's all" })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Yes' })).toBeInTheDocument();
  });
});
