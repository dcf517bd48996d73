// @vitest-environment jsdom
/**
 * The simulator's "HTTP: call for real / ask me" switch (renderer/studio/simulator/useRealHttp.ts): the
 * studio server's call is replaced by a fake caller that records what the page sent.
 */
import './support/setup';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SimulateHttpRequest, SimulateHttpResult } from '../../renderer/studio/api/studioApi';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import type { ScenarioStorage } from '../../renderer/studio/simulator/ScenariosPane';
import type { HttpCaller } from '../../renderer/studio/simulator/useRealHttp';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import type { ScenarioFile } from '../../shared/simulator/scenarioSchema';

function orderFlow(): Flow {
  const r = validateFlow({
    version: 1,
    id: 'orders',
    name: 'Orders',
    blocks: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'lookup',
        kind: 'http_request',
        position: { x: 0, y: 100 },
        data: { url: 'https://shop.example.com/orders/7?key={{secrets.SHOP_KEY}}', headers: { Authorization: 'Bearer {{secrets.SHOP_KEY}}' }, timeoutMs: 4000, responseMapping: [{ variable: 'orderStatus', path: 'order.status' }] },
      },
      { id: 'status', kind: 'end', position: { x: 0, y: 200 }, data: { text: 'Your order is {{orderStatus}}.' } },
      { id: 'sorry', kind: 'end', position: { x: 200, y: 200 }, data: { text: 'Sorry, our system did not answer.' } },
    ],
    edges: [
      { id: 'e1', from: 'start', exit: 'next', to: 'lookup' },
      { id: 'e2', from: 'lookup', exit: 'success', to: 'status' },
      { id: 'e3', from: 'lookup', exit: 'error', to: 'sorry' },
    ],
  });
  if (!r.flow) throw new Error(`flow invalid: ${JSON.stringify(r.problems ?? r)}`);
  return r.flow;
}

function setup(http: HttpCaller | null | undefined, storage: ScenarioStorage | null = null) {
  render(
    <StudioStoreProvider store={createStudioStore(orderFlow())}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={vi.fn()} storage={storage} overlay={false} http={http} />
    </StudioStoreProvider>,
  );
  fireEvent.click(screen.getByRole('tab', { name: 'Debug' }));
}
const httpSection = () => within(screen.getByRole('region', { name: 'HTTP requests' }));

describe('simulator: HTTP call for real / ask me', () => {
  it('"ask me" is the default: nothing is called and the typed reply still answers', async () => {
    const caller = vi.fn<HttpCaller>();
    setup(caller);
    expect(httpSection().getByLabelText('Ask me')).toBeChecked();
    expect(httpSection().getByLabelText('Call for real')).not.toBeChecked();
    expect(httpSection().getByText(/Waiting: GET https:\/\/shop\.example\.com\/orders\/7\?key=\{\{secrets\.SHOP_KEY\}\}/)).toBeInTheDocument();
    fireEvent.change(httpSection().getByLabelText('Response body (JSON)'), { target: { value: '{"order":{"status":"packed"}}' } });
    fireEvent.click(httpSection().getByRole('button', { name: 'Reply' }));
    expect(caller).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
    expect(screen.getByText('Your order is packed.')).toBeInTheDocument();
  });

  it('"call for real" sends the waiting request with secrets unfilled, applies the answer, logs the call and records an httpReply step', async () => {
    const sent: SimulateHttpRequest[] = [];
    const caller: HttpCaller = async (req) => {
      sent.push(req);
      return { ok: true, status: 200, body: { order: { status: 'shipped' } }, ms: 37 } satisfies SimulateHttpResult;
    };
    const saved: ScenarioFile[] = [];
    const storage: ScenarioStorage = { load: async () => ({ file: { version: 1, scenarios: [] } as unknown as ScenarioFile, exists: false }), save: async (f) => void saved.push(f) };
    setup(caller, storage);
    fireEvent.click(httpSection().getByLabelText('Call for real'));
    await waitFor(() => expect(httpSection().getByRole('list', { name: 'HTTP calls' })).toBeInTheDocument());
    expect(sent).toEqual([
      { method: 'GET', url: 'https://shop.example.com/orders/7?key={{secrets.SHOP_KEY}}', headers: { Authorization: 'Bearer {{secrets.SHOP_KEY}}' }, body: '', bodyFormat: expect.any(String), timeoutMs: 4000 },
    ]);
    const log = within(httpSection().getByRole('list', { name: 'HTTP calls' }));
    expect(log.getByText('GET https://shop.example.com/orders/7?key={{secrets.SHOP_KEY}}')).toBeInTheDocument();
    expect(log.getByText('200')).toBeInTheDocument();
    expect(log.getByText(/37 ms/)).toBeInTheDocument();
    expect(httpSection().getByText('No request waiting.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
    expect(screen.getByText('Your order is shipped.')).toBeInTheDocument();

    // Saved as a scenario: the answer is an httpReply step, so it replays without the network.
    fireEvent.click(screen.getByRole('tab', { name: 'Scenarios' }));
    fireEvent.change(await screen.findByLabelText('Scenario name'), { target: { value: 'order shipped' } });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save as scenario' })).toBeEnabled());
    fireEvent.click(screen.getByRole('button', { name: 'Save as scenario' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const steps = saved[0].scenarios[0].steps;
    expect(steps).toContainEqual(expect.objectContaining({ httpReply: { status: 200, ok: true, body: { order: { status: 'shipped' } } } }));
  });

  it('a failed call (timeout) is applied as the error exit and shown with its reason', async () => {
    const caller: HttpCaller = async () => ({ ok: false, status: 0, body: { error: 'no answer within 4000 ms' }, ms: 4001, error: 'no answer within 4000 ms' });
    setup(caller);
    fireEvent.click(httpSection().getByLabelText('Call for real'));
    await waitFor(() => expect(httpSection().getByText('no answer within 4000 ms')).toBeInTheDocument());
    expect(within(httpSection().getByRole('list', { name: 'HTTP calls' })).getByText('failed')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
    expect(screen.getByText('Sorry, our system did not answer.')).toBeInTheDocument();
  });

  it('when the studio server refuses or is gone, the request keeps waiting for a typed reply (tried once, not in a loop)', async () => {
    const caller = vi.fn<HttpCaller>(async () => {
      throw Object.assign(new Error('The studio server cannot be reached.'), { hint: 'Start the studio again.' });
    });
    setup(caller);
    fireEvent.click(httpSection().getByLabelText('Call for real'));
    await waitFor(() => expect(httpSection().getByText(/the studio server could not make the call: The studio server cannot be reached\. Start the studio again\./)).toBeInTheDocument());
    expect(httpSection().getByRole('button', { name: 'Reply' })).toBeInTheDocument();
    await act(async () => {
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(caller).toHaveBeenCalledTimes(1);
    // Back to "ask me" and answer by hand.
    fireEvent.click(httpSection().getByLabelText('Ask me'));
    fireEvent.change(httpSection().getByLabelText('Response status'), { target: { value: '503' } });
    fireEvent.click(httpSection().getByRole('button', { name: 'Reply' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
    expect(screen.getByText('Sorry, our system did not answer.')).toBeInTheDocument();
  });

  it('the Chat tab says a request is waiting and opens the Debug tab to answer it', () => {
    setup(null);
    fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
    expect(screen.getByRole('status')).toHaveTextContent('The bot waits for the answer of GET https://shop.example.com/orders/7?key={{secrets.SHOP_KEY}}.');
    fireEvent.click(screen.getByRole('button', { name: 'Answer it' }));
    expect(httpSection().getByRole('button', { name: 'Reply' })).toBeInTheDocument();
    fireEvent.click(httpSection().getByRole('button', { name: 'Reply' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
    expect(screen.queryByText(/The bot waits for the answer/)).not.toBeInTheDocument();
  });

  it('without the studio server (no caller) "call for real" cannot be chosen and says why', () => {
    setup(null);
    expect(httpSection().getByLabelText('Call for real')).toBeDisabled();
    expect(httpSection().getByText(/Calling for real needs the studio server/)).toBeInTheDocument();
  });
});
