// @vitest-environment jsdom
/**
 * Session 50 (rt5, newcomer s49 N4): after the agent clicked Resolve the customer read "This conversation has ended"
 * three times (the bot's bubble, the header's subtitle, the footer) and not the flow's goodbye. The engine now says the
 * flow's own closing when the takeover's Resolved exit has one (test/unit/engine/rt5S50ResolvedClosing.test.ts); the
 * widget says "ended" once, in the footer with its "Start a new chat" button: no subtitle, and the bot's built-in
 * ending (a flow with no closing of its own) is not shown above the footer that says it.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import { BUILT_IN_ENDINGS } from '../../renderer/widget/customerView';
import { takeoverTexts } from '../../shared/engine/humanTakeover';
import type { ChatClient, ChatEntry } from '../../renderer/widget/chatClient';

const entry = (seq: number, from: ChatEntry['from'], text: string, more: Partial<ChatEntry> = {}): ChatEntry => ({ id: `c:${seq}`, seq, from, text, at: 1_700_000_000_000 + seq * 1000, ...more });

function clientWith(mode: string, messages: ChatEntry[]): ChatClient {
  return {
    start: vi.fn(async () => ({ conversationId: 'c', token: 't', mode, messages, lastSeq: messages.length, resumed: true })),
    restart: vi.fn(async () => ({ conversationId: 'c2', token: 't2', mode: 'bot', messages: [], lastSeq: 0, resumed: false })),
    send: vi.fn(async () => ({ mode, messages: [], lastSeq: messages.length })),
    typing: vi.fn(async () => undefined),
    catchUp: vi.fn(async () => ({ mode, messages: [], lastSeq: messages.length })),
    listen: vi.fn((_s, _after, _onEntry, onLink) => {
      onLink('live');
      return () => undefined;
    }),
  };
}

const resolvedBy = (seq: number) => entry(seq, 'system', '', { status: { mode: 'closed', handoff: { id: 'h1', status: 'resolved', reason: 'explicit_request', ended: 'closed' } } });
const endedCount = () => (document.body.textContent!.match(/This conversation has ended/g) ?? []).length;

describe('N4: the widget after Resolve', () => {
  it("the widget's built-in endings are the engine's words", () => {
    expect([...BUILT_IN_ENDINGS].sort()).toEqual([takeoverTexts.ended, takeoverTexts.endedRestart].sort());
  });

  it('a flow with no closing of its own: "ended" said once (the footer), the agent\'s last words stay', async () => {
    const log = [
      entry(1, 'agent', 'Yes please, bring the skewer. See you at 8:30!', { name: 'Ann' }),
      resolvedBy(2),
      entry(3, 'bot', takeoverTexts.endedRestart, { buttons: [{ id: 'restart', label: 'Start again' }] }),
    ];
    render(<Widget flowId="shop" title="Spoke & Chain" client={clientWith('closed', log)} />);
    await screen.findByText('Yes please, bring the skewer. See you at 8:30!');
    expect(endedCount()).toBe(1);
    expect(screen.getByText('This conversation has ended.', { selector: '.bw-ended span' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start a new chat' })).toBeInTheDocument();
    expect(document.querySelector('.bw-sub')).toBeNull();
  });

  it("the flow's goodbye is shown, and 'ended' once", async () => {
    const log = [entry(1, 'agent', 'See you at 8:30!', { name: 'Ann' }), resolvedBy(2), entry(3, 'bot', 'Thanks for choosing Spoke & Chain. Ride safe!')];
    render(<Widget flowId="shop" title="Spoke & Chain" client={clientWith('closed', log)} />);
    await screen.findByText('Thanks for choosing Spoke & Chain. Ride safe!');
    expect(endedCount()).toBe(1);
  });

  it('the same words in an open chat, or before other lines, are shown (only the closed chat\'s last line is left out)', async () => {
    const log = [entry(1, 'bot', takeoverTexts.ended), entry(2, 'customer', 'hello?'), entry(3, 'bot', 'Hi again!')];
    render(<Widget flowId="shop" title="Shop" client={clientWith('bot', log)} />);
    await screen.findByText('Hi again!');
    expect(screen.getByText(takeoverTexts.ended, { selector: '.bw-bubble' })).toBeInTheDocument();
  });
});
