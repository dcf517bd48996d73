/**
 * Main-thread CPU per customer message with a long handoff queue (`--workers 1` with agents), in one run: the pool
 * checking the hub's snapshot version (what it does) against rebuilding the presence/queue snapshot before every
 * message (what it did before session 7's fix), alternating rounds. Prints lines; no pass/fail. Linux (/proc).
 *
 *   PENDING=1000 npx tsx test/bench/shardQueueCost.ts
 */
import { readFileSync } from 'node:fs';
import { startTestRuntime, auth } from '../server/runtimeFixtures';
import { agent, tok } from '../server/agentFixtures';
const ann = agent('ann');
const rt = await startTestRuntime({ workers: 1, agents: { agents: [ann] }, config: { rateLimit: { perAddressPerMinute: 1e9, perConversationPerMinute: 1e9 } } as never });
await rt.post('/api/v1/agent/presence', { status: 'busy' }, tok(ann));
const N = Number(process.env.PENDING ?? 1000);
for (let i = 0; i < N; i += 50) {
  await Promise.all(Array.from({ length: 50 }, async () => {
    const c = await rt.post('/api/v1/flows/shop/conversations', {});
    await rt.post(`/api/v1/conversations/${c.body.conversationId}/messages`, { choice: 'person' }, auth(c.body.token));
  }));
}
await rt.agentHub!.tick();
console.log('pending', rt.agentHub!.queueForEstimate().length);
const convs = [];
for (let i = 0; i < 20; i++) convs.push((await rt.post('/api/v1/flows/shop/conversations', {})).body);
const mainCpu = () => { const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8'); const x = f.slice(f.lastIndexOf(')') + 2).split(' '); return (Number(x[11]) + Number(x[12])) * 10; };
const pool = (rt.store as any).pool;
const real = pool.agentsVersion;
let k = 0;
for (let round = 0; round < 3; round++) {
  for (const mode of ['version', 'every message']) {
    pool.agentsVersion = mode === 'version' ? real : () => ++k;
    const t0 = mainCpu();
    for (let j = 0; j < 10; j++) await Promise.all(convs.map((c) => rt.post(`/api/v1/conversations/${c.conversationId}/messages`, { text: 'where is my order' }, auth(c.token))));
    console.log(round, mode, ((mainCpu() - t0) / 200).toFixed(3), 'ms main-thread CPU per message (incl. the test client)');
  }
}
await rt.stop();
process.exit(0);
