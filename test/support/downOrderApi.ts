/**
 * The shop's order API, down (every request answers 503), and the support template pointed at it with its takeover
 * asking for the email first: the e2e set-up of a handoff after a failed order lookup (inboxHttpFailureS11, fixbotS12).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Flow } from '../../shared/flow/schema';
import { supportFlowOpenQueue } from './runtimeHarness';

export async function startDownOrderApi(): Promise<{ api: Server; flow: Flow }> {
  const api = createServer((_req, res) => res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"maintenance"}'));
  await new Promise<void>((ok) => api.listen(0, '127.0.0.1', ok));
  const port = (api.address() as AddressInfo).port;
  const support = supportFlowOpenQueue();
  const flow = {
    ...support,
    // As shipped, the takeover asks for the email first (newcomer s11 #12b: the failure was forgotten by then).
    blocks: support.blocks.map((b) =>
      b.id === 'get_order'
        ? ({ ...b, data: { ...b.data, url: `http://127.0.0.1:${port}/orders/{{orderNumber}}` } } as typeof b)
        : b.id === 'human_agent'
          ? ({ ...b, data: { ...b.data, assignation: 'custom', askEmail: true } } as typeof b)
          : b,
    ),
  };
  return { api, flow };
}
