/**
 * Does a conversation's FIRST message cost more than its later ones (session 10, issue 8: a burst of new customers)?
 * In one process (the runtime's service with the embedded store, inline writes as a shard does: run with
 * BATON_STORE_WRITER=inline), after a warm-up: 1,000 conversations are created, then each gets its first message,
 * then its second, then its third (50 at a time), and 1,000 older conversations get one more; three times. Prints CPU
 * and wall ms per message for each phase. A created conversation is in the store's `hot` cache from its creating
 * commit, so its first message reads nothing from disk.
 *
 *   BATON_STORE_WRITER=inline NODE_ENV=production node --import tsx test/bench/firstMessage.ts     (ROOT=<checkout>)
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
const root = process.env.ROOT ?? fileURLToPath(new URL('../../', import.meta.url));
const { startRuntime } = await import(pathToFileURL(join(root, 'runtime/serve/startRuntime.ts')).href);
const { readFlowFile } = await import(pathToFileURL(join(root, 'runtime/cli/readFlowFile.ts')).href);
const { messagePool } = await import(pathToFileURL(join(root, 'test/bench/conversationGenerator.ts')).href);
const api = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"shipped","eta":"Friday"}'); }); });
await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
const apiUrl = `http://127.0.0.1:${(api.address() as any).port}`;
const r = await readFlowFile(join(root, 'flows/customer-support.json'));
const flow = JSON.parse(JSON.stringify(r.flow).replaceAll('https://api.northwind.example', apiUrl));
const dir = mkdtempSync(join(tmpdir(), 'rtlat-first-'));
const rt = await startRuntime({ flows: [flow], port: 0, dataDir: join(dir, 'data'), logger: pino({ level: 'error' }), config: { rateLimit: { perAddressPerMinute: 1e9, perConversationPerMinute: 1e9 }, retentionDays: 0 } as never });
const svc = rt.service;
let msg = 0;
async function phase(convs: any[], label: string) {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 50 }, async () => { while (next < convs.length) { const c = convs[next++]; await svc.getAuthorized(c.id, c.token); await svc.send(c.id, { type: 'text', text: messagePool[msg++ % messagePool.length] }); } }));
  const c = process.cpuUsage(c0);
  console.log(label, 'cpu ms/msg', ((c.user + c.system) / 1000 / convs.length).toFixed(3), 'wall ms/msg', ((performance.now() - t0) / convs.length).toFixed(3));
}
async function create(n: number) { const out = []; for (let i = 0; i < n; i++) { const c = await svc.create(flow.id); out.push({ id: c.conversationId, token: c.token }); } return out; }
const warm = await create(1000);
for (let k = 0; k < 5; k++) await phase(warm, 'warmup');
for (let rep = 0; rep < 3; rep++) {
  const fresh = await create(1000);
  await phase(fresh, 'first ');
  await phase(fresh, 'second');
  await phase(fresh, 'third ');
  await phase(warm, 'old   ');
}
await rt.close(); api.close(); rmSync(dir, { recursive: true, force: true });
