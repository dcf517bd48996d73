/**
 * A real crash: start `baton serve` (the CLI, its own process), drive concurrent conversations, SIGKILL it in
 * the middle of the load, start it again on the same data folder, and check that every acknowledged message,
 * conversation and pending handoff is there, that handoff timers which fell due while it was down fire, and that
 * conversations continue.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, shopFlow } from './runtimeFixtures';
import { callJson, startServe } from '../support/runtimeHarness';

const dir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function serve(flowFile: string, dataDir: string, extra: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const p = startServe([flowFile, '--data', dataDir, ...extra], ADMIN);
  // startServe kills a process that never gets ready; a ready one is killed by afterAll (or by the test).
  const s = await p;
  children.push(s.child);
  return s;
}

const call = callJson;

// Also with conversations on worker threads (`--workers 2`, runtime/shard/): each shard acknowledges after its own
// lmdb commit and flush, and the restarted server finds every conversation whichever thread wrote it.
describe.each([[[] as string[]], [['--workers', '2']]])('crash and restart of baton serve %j', (extra) => {
  it('loses nothing acknowledged after SIGKILL under load, and fires the timers that fell due while down', async () => {
    const flowFile = join(dir, `shop${extra.length}.json`);
    writeFileSync(flowFile, JSON.stringify(shopFlow({ queueTimeoutMinutes: 0.1 })));
    const data = join(dir, `data${extra.length}`);
    const first = await serve(flowFile, data, extra);

    interface Conv {
      id: string;
      token: string;
      acked: string[];
      handoffAcked: boolean;
    }
    const convs: Conv[] = [];
    for (let i = 0; i < 40; i++) {
      const c = await call(`${first.url}/api/v1/flows/shop/conversations`, 'POST', {});
      convs.push({ id: c.body.conversationId, token: c.body.token, acked: [], handoffAcked: false });
    }
    // Half the conversations ask for a person (a pending handoff with a 6 s queue timeout).
    await Promise.all(
      convs.slice(0, 20).map(async (c) => {
        const r = await call(`${first.url}/api/v1/conversations/${c.id}/messages`, 'POST', { choice: 'person' }, c.token);
        if (r.status === 200) c.handoffAcked = true;
      }),
    );
    // Load: every conversation keeps sending numbered messages; SIGKILL lands in the middle.
    let killed = false;
    const load = convs.map(async (c) => {
      for (let n = 0; !killed && n < 1000; n++) {
        const text = `message ${n} from ${c.id.slice(0, 8)}`;
        try {
          const r = await call(`${first.url}/api/v1/conversations/${c.id}/messages`, 'POST', { text }, c.token);
          if (r.status === 200) c.acked.push(text);
          else if (r.status === 429) await new Promise((res) => setTimeout(res, 50));
        } catch {
          return; // the server died mid-request: this message was never acknowledged
        }
      }
    });
    // At least 1.2 s of load and more than 40 acknowledged messages before the kill: a loaded machine (a fresh-clone CI
    // at load 25 acknowledged none in 1.2 s in session 35) still kills under load rather than before it.
    const acked = () => convs.reduce((n, c) => n + c.acked.length, 0);
    const loadStart = Date.now();
    while (Date.now() - loadStart < 1200 || (acked() <= 40 && Date.now() - loadStart < 60_000)) await new Promise((r) => setTimeout(r, 50));
    killed = true;
    first.child.kill('SIGKILL');
    await Promise.all(load);
    const ackedTotal = convs.reduce((n, c) => n + c.acked.length, 0);
    expect(ackedTotal).toBeGreaterThan(40); // the kill really happened under load

    const second = await serve(flowFile, data, extra);
    for (const c of convs) {
      const log = await call(`${second.url}/api/v1/conversations/${c.id}`, 'GET', undefined, c.token);
      expect(log.status).toBe(200);
      const seqs = log.body.messages.map((m: any) => m.seq);
      expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1)); // no gap, no duplicate
      const said = new Set(log.body.messages.filter((m: any) => m.from === 'customer').map((m: any) => m.text));
      for (const text of c.acked) expect(said.has(text), `${c.id}: "${text}" was acknowledged`).toBe(true);
    }
    const handoffs = (await call(`${second.url}/api/v1/admin/handoffs`, 'GET', undefined, ADMIN)).body.handoffs;
    const withHandoff = convs.filter((c) => c.handoffAcked);
    expect(withHandoff.length).toBe(20);
    for (const c of withHandoff) expect(handoffs.some((h: any) => h.conversationId === c.id)).toBe(true);

    // The queue timeouts (6 s after the clicks) fall due while the server is down or just after: they fire.
    const deadline = Date.now() + 20_000;
    let fired = 0;
    while (Date.now() < deadline) {
      fired = 0;
      for (const c of withHandoff) {
        const log = await call(`${second.url}/api/v1/conversations/${c.id}`, 'GET', undefined, c.token);
        if (log.body.messages.some((m: any) => m.text === 'Nobody is free right now; we will email you.')) fired++;
      }
      if (fired === withHandoff.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(fired).toBe(withHandoff.length);
    const expired = (await call(`${second.url}/api/v1/admin/handoffs?status=expired`, 'GET', undefined, ADMIN)).body.handoffs;
    for (const c of withHandoff) expect(expired.some((h: any) => h.conversationId === c.id)).toBe(true);

    // Conversations continue after the restart.
    const after = await call(`${second.url}/api/v1/conversations/${convs[0].id}/messages`, 'POST', { choice: 'rate' }, convs[0].token);
    expect(after.status).toBe(200);
    expect(after.body.messages.map((m: any) => m.text)).toContain('How would you rate us, 1 to 5?');

    second.child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => second.child.on('exit', (c) => r(c)));
    expect(code).toBe(0); // SIGTERM drains and exits cleanly
  }, 90_000);
});
