// @vitest-environment jsdom
/**
 * fixui, session 18 (newcomer s18 N#6): Run opened only the chat page; the inbox (a second window from one click) is
 * blocked by most browsers, and nothing said so: the popover now says the inbox may not open by itself and to use its
 * link, which is a real link to the signed-in inbox.
 */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RunButton } from '../../renderer/studio/run/RunButton';

describe('Run says where the inbox is when the browser blocks it (newcomer s18 N#6)', () => {
  it('the popover points at the inbox link', async () => {
    const info = { runtimeUrl: 'http://127.0.0.1:4999', widgetUrl: 'http://127.0.0.1:4999/chat/shop', inboxUrl: 'http://127.0.0.1:4999/inbox/#token=t', flowId: 'shop', flows: ['shop'] };
    const fetch = (async () => new Response(JSON.stringify(info), { status: 200, headers: { 'content-type': 'application/json' } })) as typeof globalThis.fetch;
    render(<RunButton flowKey="shop" fetch={fetch} open={() => null} />);
    fireEvent.click(screen.getByRole('button', { name: /run this flow/i }));
    const pop = await screen.findByRole('dialog', { name: 'Running flow' });
    expect(within(pop).getByRole('note')).toHaveTextContent('most browsers block the second window. No inbox tab? Open it from its link above.');
    expect(within(pop).getByRole('link', { name: /Open the inbox/ })).toHaveAttribute('href', info.inboxUrl);
  });
});
