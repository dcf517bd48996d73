/**
 * The simulator's "HTTP: call for real" end to end: headless Chromium drives the real studio page; a flow's HTTP
 * Request block calls a local API on 127.0.0.1 through the studio server (POST /api/simulate/http), with its
 * `{{secrets.SHOP_KEY}}` filled from the studio process's environment (BATON_SECRET_SHOP_KEY), never in the page.
 * Screenshot: test/e2e/screenshots/simulator-http-real.png.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProgram } from '../support/requireProgram';
import { openStudioSession, simulatorPanel, type StudioSession } from '../support/browserHarness';
import { screenshot, type BrowserHandle, type StudioHandle } from './support/studio';

const haveChromium = requireProgram('chromium');
const SECRET_VALUE = 'e2e-shop-key-5f3a';

describe.skipIf(!haveChromium)('simulator: HTTP call for real', () => {
  let session: StudioSession;
  let browser: BrowserHandle;
  let studio: StudioHandle;
  let page: Page;
  let shop: Server;
  const calls: { url: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    shop = createServer((req, res) => {
      calls.push({ url: req.url!, headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ order: { status: 'shipped' } }));
    });
    await new Promise<void>((r) => shop.listen(0, '127.0.0.1', r));
    const port = (shop.address() as { port: number }).port;
    process.env.BATON_SECRET_SHOP_KEY = SECRET_VALUE;
    session = await openStudioSession();
    ({ studio, browser, page } = session);
    const flow = {
      version: 1,
      id: 'orders-http',
      name: 'Orders (HTTP)',
      blocks: [
        { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
        {
          id: 'lookup',
          kind: 'http_request',
          position: { x: 0, y: 150 },
          label: 'Look up order',
          data: { url: `http://127.0.0.1:${port}/orders/7`, headers: { Authorization: 'Bearer {{secrets.SHOP_KEY}}' }, timeoutMs: 4000, responseMapping: [{ variable: 'orderStatus', path: 'order.status' }] },
        },
        { id: 'status', kind: 'end', position: { x: 0, y: 300 }, data: { text: 'Your order is {{orderStatus}}.' } },
        { id: 'sorry', kind: 'end', position: { x: 300, y: 300 }, data: { text: 'Sorry, our system did not answer.' } },
      ],
      edges: [
        { id: 'e1', from: 'start', exit: 'next', to: 'lookup' },
        { id: 'e2', from: 'lookup', exit: 'success', to: 'status' },
        { id: 'e3', from: 'lookup', exit: 'error', to: 'sorry' },
      ],
    };
    const { key } = await studio.api.importFlow(JSON.stringify(flow), 'orders-http.flow.json');
    await page.goto(studio.flowUrl(key));
    await page.waitForSelector('.react-flow__node');
  }, 240_000);
  afterAll(async () => {
    delete process.env.BATON_SECRET_SHOP_KEY;
    await session?.close();
    shop?.closeAllConnections();
    await new Promise((r) => shop?.close(r));
  });

  const { panel } = simulatorPanel(() => page);

  it('switching to "Call for real" sends the waiting request through the studio server and the flow takes its success exit', async () => {
    await page.getByRole('button', { name: 'Open the simulator' }).click();
    await panel().waitFor();
    // The Chat tab says the bot waits for the request, and leads to where it is answered.
    await panel().getByText(/The bot waits for the answer of GET http:\/\/127\.0\.0\.1:\d+\/orders\/7/).waitFor();
    await screenshot(page, 'simulator-http-waiting');
    await panel().getByRole('button', { name: 'Answer it' }).click();
    const http = panel().getByRole('region', { name: 'HTTP requests' });
    await http.getByText(/Waiting: GET http:\/\/127\.0\.0\.1:\d+\/orders\/7/).waitFor();
    expect(calls).toHaveLength(0); // "ask me" is the default
    await http.getByLabel('Call for real').check();
    const log = http.getByRole('list', { name: 'HTTP calls' });
    await log.getByText('200').waitFor();
    expect(calls).toHaveLength(1);
    expect(calls[0].headers.authorization).toBe(`Bearer ${SECRET_VALUE}`);
    await http.getByText('No request waiting.').waitFor();
    await screenshot(page, 'simulator-http-real');
    // The secret never reached the page.
    expect(await page.content()).not.toContain(SECRET_VALUE);
    await panel().getByRole('tab', { name: 'Chat' }).click();
    await panel().getByRole('list', { name: 'Transcript' }).getByText('Your order is shipped.').waitFor();
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
