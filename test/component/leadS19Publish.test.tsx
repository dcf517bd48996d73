// @vitest-environment jsdom
/**
 * Session 19 (lead), newcomer s9 #11: the studio's Publish dialog sends the flow to a running server through the
 * studio server; what the designer sees when it works and when it does not. The server side is tested over real HTTP
 * against a real `baton serve` in test/server/leadS19Publish.test.ts.
 */
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createStudioApi } from '../../renderer/studio/api/studioApi';
import { PublishButton } from '../../renderer/studio/run/PublishButton';

function apiAnswering(status: number, body: unknown, seen: { url?: string; body?: any }[] = []) {
  return createStudioApi({
    secret: 's',
    fetch: (async (url: string, init: RequestInit) => {
      seen.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch,
  });
}

function fill(url: string, token: string) {
  fireEvent.click(screen.getByRole('button', { name: 'Publish to a server' }));
  const dialog = screen.getByRole('dialog', { name: 'Publish to a server' });
  fireEvent.change(within(dialog).getByLabelText('Server address'), { target: { value: url } });
  fireEvent.change(within(dialog).getByLabelText('Admin token'), { target: { value: token } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Publish' }));
  return dialog;
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('Publish to a server (newcomer s9 #11)', () => {
  it('saves first, publishes, says where customers reach it, remembers the address (the token only for the tab)', async () => {
    const seen: { url?: string; body?: any }[] = [];
    const order: string[] = [];
    const api = apiAnswering(200, { flowId: 'shop', revision: 'abc123def4567890', changed: true, serverUrl: 'http://127.0.0.1:3000', chatUrl: 'http://127.0.0.1:3000/chat/shop' }, seen);
    render(<PublishButton flowKey="shop" api={api} flush={async () => void order.push('flush')} />);
    const dialog = fill('127.0.0.1:3000', 'tok');
    const status = await within(dialog).findByRole('status');
    expect(order).toEqual(['flush']);
    expect(seen[0]).toEqual({ url: '/api/flows/shop/publish', body: { url: '127.0.0.1:3000', token: 'tok' } });
    expect(status).toHaveTextContent('shop is published on http://127.0.0.1:3000');
    expect(within(status).getByRole('link')).toHaveAttribute('href', 'http://127.0.0.1:3000/chat/shop');
    expect(localStorage.getItem('baton.publish.url')).toBe('http://127.0.0.1:3000');
    expect(localStorage.getItem('baton.publish.token')).toBeNull();
    expect(sessionStorage.getItem('baton.publish.token')).toBe('tok');
  });

  it('a refusal shows the server\'s reason, the problems and what to do; nothing is remembered', async () => {
    const api = apiAnswering(422, {
      error: {
        code: 'publish_invalid',
        message: 'http://x:3000 refused the flow: it has errors. Nothing was published.',
        hint: 'Fix the problems listed.',
        problems: [{ severity: 'error', code: 'edge_target_missing', path: '$.edges[1]', blockId: 'm1', message: 'Edge goes to a block that does not exist.' }],
      },
    });
    render(<PublishButton flowKey="shop" api={api} />);
    const dialog = fill('http://x:3000', 'tok');
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('refused the flow: it has errors. Nothing was published.');
    expect(alert).toHaveTextContent('m1: Edge goes to a block that does not exist.');
    expect(alert).toHaveTextContent('Fix the problems listed.');
    expect(localStorage.getItem('baton.publish.url')).toBeNull();
  });
});
