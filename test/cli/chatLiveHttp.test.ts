/**
 * `baton chat --http live` fills `{{secrets.NAME}}` from BATON_SECRET_NAME, like the studio's "Call for real"
 * (runtime/studio/simulateHttp.ts), and never prints the value: the URL is shown as the flow wrote it, an API
 * that echoes the secret is masked, and the saved scenario holds no secret. A bare NAME is not used.
 * A real HTTP server on 127.0.0.1.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCommand } from '../../runtime/cli/chatCommand';
import { readFlowFile } from '../../runtime/cli/readFlowFile';

const SECRET = 'sk-live-9f8e7d6c5b4a';
const dir = mkdtempSync(join(tmpdir(), 'baton-chat-live-'));
let server: Server;
const seen: { url: string; auth: string | undefined }[] = [];
let flowFile: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    // An API that echoes what it was sent (the key in the URL and the Authorization header).
    res.end(JSON.stringify({ status: `shipped (${req.url})`, eta: `Friday, ${req.headers.authorization}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const flow = JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
  const block = flow.blocks.find((b: { id: string }) => b.id === 'get_order');
  block.data.url = `http://127.0.0.1:${port}/orders/{{orderNumber}}?key={{secrets.ORDERS_KEY}}`;
  block.data.headers = { Accept: 'application/json', Authorization: 'Bearer {{secrets.ORDERS_KEY}}' };
  flowFile = join(dir, 'live.json');
  writeFileSync(flowFile, JSON.stringify(flow));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

async function chat(lines: string[], env: NodeJS.ProcessEnv) {
  const loaded = await readFlowFile(flowFile);
  if (loaded.status !== 'ok') throw new Error(`flow does not load: ${JSON.stringify(loaded)}`);
  let out = '';
  await chatCommand(flowFile, loaded.flow, {
    now: Date.parse('2026-03-02T10:00:00Z'),
    http: 'live',
    color: false,
    input: Readable.from(lines.map((l) => `${l}\n`)),
    interactive: false,
    write: (t) => void (out += t),
    env,
  });
  return out;
}

describe('baton chat --http live and secrets', () => {
  it('sends BATON_SECRET_ORDERS_KEY to the API and never prints it (URL unfilled, echoed value masked, scenario clean)', async () => {
    seen.length = 0;
    const out = await chat(['Track my order', 'NW-104233', '/save live lookup'], { BATON_SECRET_ORDERS_KEY: SECRET });
    expect(seen).toEqual([{ url: `/orders/NW-104233?key=${SECRET}`, auth: `Bearer ${SECRET}` }]);
    expect(out).toContain('HTTP GET http://127.0.0.1:');
    expect(out).toContain('/orders/NW-104233?key={{secrets.ORDERS_KEY}} -> 200');
    // The bot's message carries the API's echo, masked.
    expect(out).toContain('expected Friday, Bearer [secret]');
    expect(out).toContain('key=[secret]');
    expect(out).not.toContain(SECRET);
    expect(out).toContain('saved scenario "live lookup"');
    const saved = readFileSync(join(dir, 'live.scenarios.json'), 'utf8');
    expect(saved).toContain('"httpReply"');
    expect(saved).not.toContain(SECRET);
  });

  it('a missing BATON_SECRET_NAME sends nothing and says what to export; a bare NAME is not used', async () => {
    seen.length = 0;
    const out = await chat(['Track my order', 'NW-104233'], { ORDERS_KEY: SECRET });
    expect(seen).toEqual([]);
    expect(out).toContain('-> failed (0): secret ORDERS_KEY is not set: export BATON_SECRET_ORDERS_KEY=... before running baton chat');
    expect(out).toContain("I'm sorry, I couldn't look up order NW-104233");
    expect(out).not.toContain(SECRET);
  });
});
