// @vitest-environment jsdom
/**
 * Session 47 (apisec2): signed identity in the three pages.
 * - Inbox: the Variables panel marks a variable Verified while it holds the value the website signed, Unverified while
 *   it holds what the page passed unsigned (the visitor's word), and neither after it changed; "Signed in on your
 *   website as ..." when a token came with the chat.
 * - Widget: identityToken from the page is sent with the create call; a refused detail is dropped alone (the others,
 *   such as the visitor's name, are kept), a refused token is dropped and the chat starts.
 * - Studio: Settings > Variables has "Signed only" on a variable only a website gives (not on one a Question asks or
 *   the flow computes);
 *   ticking it sets `signed` (undoable) and the page_variable_in_rule warning goes.
 */
import './support/setup';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import { trustOf, type HandoffDetail, type HandoffRow } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';
import { createChatClient, withoutField } from '../../renderer/widget/chatClient';
import { cleanIdentity } from '../../renderer/widget/identity';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { readFileSync } from 'node:fs';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXN0LTg4NDEifQ.c2lnbmF0dXJl';

describe('inbox: which details the website vouched for', () => {
  const h: HandoffRow = handoffRow();
  const visitor = { subject: 'cust-8841', signed: { cartValue: 620, customerEmail: 'kim@example.org' }, unsigned: { orderNumber: 'NW-104233' } };

  it('Verified, Unverified and neither, with who the site says the visitor is', async () => {
    let vars: Record<string, unknown> = { cartValue: 620, customerEmail: 'kim@example.org', orderNumber: 'NW-104233', customerName: 'Kim' };
    const api = fakeInboxApi({
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [h] }),
      detail: async () => handoffDetail(h, { variables: vars, visitor }),
      setVariables: async (_t, _c, v) => (vars = { ...vars, ...v }),
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1:h1')} />);
    await screen.findByDisplayValue('NW-104233');
    expect(screen.getByTestId('visitor-signed')).toHaveTextContent('Signed in on your website as cust-8841. The details marked Verified come from your site.');
    const trustOfRow = (value: string) => (screen.getByDisplayValue(value).closest('.ib-var') as HTMLElement).dataset.trust;
    expect(trustOfRow('620')).toBe('verified');
    expect(trustOfRow('kim@example.org')).toBe('verified');
    expect(trustOfRow('NW-104233')).toBe('unverified');
    expect(trustOfRow('Kim')).toBeUndefined(); // typed in the chat later: neither
    expect(within(screen.getByDisplayValue('620').closest('.ib-var') as HTMLElement).getByText('Verified')).toHaveAttribute('title', 'Signed by your website (identity token): verified');
    expect(screen.getByText(/Unverified: passed by the web page without a signature/)).toBeInTheDocument();
    // The agent corrects the order number: it is the agent's value now, no longer the page's (nor verified).
    const input = screen.getByDisplayValue('NW-104233');
    fireEvent.change(input, { target: { value: 'NW-999999' } });
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    expect(trustOfRow('NW-999999')).toBeUndefined();
  });

  it('no visitor facts: no line, no chips (a chat the page passed nothing for)', async () => {
    const api = fakeInboxApi({
      ...annOnline(1),
      list: async () => ({ counts: { unassigned: 0, mine: 1, all: 1, closed: 0 }, handoffs: [h] }),
      detail: async () => handoffDetail(h, { variables: { orderNumber: 'NW-1' } }),
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/mine/c1:h1')} />);
    await screen.findByDisplayValue('NW-1');
    expect(screen.queryByTestId('visitor-signed')).toBeNull();
    expect(document.querySelector('.ib-var[data-trust]')).toBeNull();
  });

  it('trustOf: a value is verified only while it is the signed one (types count: "620" is not 620)', () => {
    const v: HandoffDetail['visitor'] = visitor;
    expect(trustOf(v, { cartValue: 620 }, 'cartValue')).toBe('verified');
    expect(trustOf(v, { cartValue: '620' }, 'cartValue')).toBeNull();
    expect(trustOf(v, { cartValue: null }, 'cartValue')).toBeNull();
    expect(trustOf(null, { cartValue: 620 }, 'cartValue')).toBeNull();
  });
});

describe('widget: the identity token and refused details', () => {
  it('cleanIdentity keeps a token-shaped identityToken and warns about anything else', () => {
    const warnings: string[] = [];
    expect(cleanIdentity({ identityToken: TOKEN, name: 'Kim' }, (m) => warnings.push(m))).toEqual({ identityToken: TOKEN, profile: { name: 'Kim' } });
    expect(cleanIdentity({ identityToken: 'not a token' }, (m) => warnings.push(m))).toBeUndefined();
    expect(cleanIdentity({ identityToken: { sub: 'x' } }, (m) => warnings.push(m))).toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('identityToken must be the signed token your server made');
  });

  it('withoutField drops just the detail a 400 named', () => {
    const id = { variables: { cartValue: 620, orderNumber: 'NW-1' }, profile: { name: 'Kim' }, identityToken: TOKEN };
    expect(withoutField(id, 'variables.cartValue')).toEqual({ variables: { orderNumber: 'NW-1' }, profile: { name: 'Kim' }, identityToken: TOKEN });
    expect(withoutField(id, 'body.profile.name')).toEqual({ variables: { cartValue: 620, orderNumber: 'NW-1' }, identityToken: TOKEN });
    expect(withoutField(id, 'identityToken')).toEqual({ variables: { cartValue: 620, orderNumber: 'NW-1' }, profile: { name: 'Kim' } });
    expect(withoutField(id, 'identityToken.variables.cartValue')).toEqual({ variables: { cartValue: 620, orderNumber: 'NW-1' }, profile: { name: 'Kim' } });
    expect(withoutField(id, 'variables.nothere')).toBeNull();
    expect(withoutField(id, undefined)).toBeNull();
  });

  it('a refused unsigned cartValue is dropped alone: the chat starts with the name and the token', async () => {
    const bodies: unknown[] = [];
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body ?? '{}'));
      bodies.push(body);
      if (body.variables?.cartValue !== undefined) {
        return new Response(JSON.stringify({ error: 'signature_required', message: 'variables.cartValue: signed only', field: 'variables.cartValue' }), { status: 400 });
      }
      return new Response(JSON.stringify({ conversationId: 'c1', token: 't1', mode: 'bot', messages: [] }), { status: 201 });
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const storage = new Map<string, string>();
    const client = createChatClient({ baseUrl: 'http://x', storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) }, fetch: fetch as never });
    const s = await client.start('shop', { variables: { cartValue: 620 }, profile: { name: 'Kim' }, identityToken: TOKEN });
    expect(s.conversationId).toBe('c1');
    expect(bodies).toEqual([
      { variables: { cartValue: 620 }, profile: { name: 'Kim' }, identityToken: TOKEN },
      { profile: { name: 'Kim' }, identityToken: TOKEN },
    ]);
    expect(warn.mock.calls[0][0]).toContain('a visitor detail was refused (variables.cartValue: signed only); the chat starts without it.');
    warn.mockRestore();
  });
});

describe('studio: "Signed only" in Settings > Variables', () => {
  function supportFlow(): Flow {
    const doc = JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
    delete doc.variables.find((v: { name: string }) => v.name === 'cartValue').signed;
    const r = validateFlow(doc);
    if (!r.flow) throw new Error('customer-support does not parse');
    return r.flow;
  }

  it('is offered on a variable only a page gives, not on one a Question asks or the flow computes; ticking it sets signed and the warning goes', async () => {
    const store = createStudioStore(supportFlow());
    const { FlowSettings } = await import('../../renderer/studio/inspector/FlowSettings');
    render(
      <StudioStoreProvider store={store}>
        <FlowSettings />
      </StudioStoreProvider>,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Variables' }));
    const warningsNow = () => validateFlow(store.getState().flow).problems.filter((p) => p.code === 'page_variable_in_rule').length;
    expect(warningsNow()).toBe(1);
    const box = screen.getByLabelText('cartValue: signed only') as HTMLInputElement;
    expect(box.checked).toBe(false);
    // orderNumber (a Question's answer: the customer can type it anyway) and orderStatus (an HTTP answer, computed) are
    // not offered.
    expect(screen.queryByLabelText('orderNumber: signed only')).toBeNull();
    expect(screen.queryByLabelText('orderStatus: signed only')).toBeNull();
    fireEvent.click(box);
    expect(store.getState().flow.variables.find((v) => v.name === 'cartValue')?.signed).toBe(true);
    expect(warningsNow()).toBe(0);
    expect((screen.getByLabelText('cartValue: signed only') as HTMLInputElement).checked).toBe(true);
    expect(document.querySelector('.st-variable[data-variable="cartValue"]')).toHaveTextContent('the website passes it in, signed');
    act(() => store.getState().undo());
    expect(store.getState().flow.variables.find((v) => v.name === 'cartValue')?.signed).toBeUndefined();
    expect(warningsNow()).toBe(1);
  });
});
