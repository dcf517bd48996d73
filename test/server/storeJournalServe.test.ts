/**
 * The real `baton serve` (the CLI, its own process) on the embedded store's journal layout: SIGKILL under load,
 * then a restart that switches the writer (BATON_STORE_WRITER thread <-> inline), then the admin transcript export
 * of every conversation: every acknowledged customer message, in the order sent, numbered 1..n, nothing of another
 * conversation; the conversations go on and their exports follow on.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../runtime/store/types';
import { callJson, startServe } from '../support/runtimeHarness';
import { ADMIN, shopFlow } from './runtimeFixtures';

const root = mkdtempSync(join(tmpdir(), 'baton-journal-serve-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** `baton serve` with BATON_STORE_WRITER=`writer` (the child inherits this process's environment). */
async function serve(args: string[], writer: 'thread' | 'inline'): Promise<{ url: string; child: ChildProcess }> {
  const before = process.env.BATON_STORE_WRITER;
  process.env.BATON_STORE_WRITER = writer;
  try {
    const p = startServe(args, ADMIN);
    const s = await p;
    children.push(s.child);
    return s;
  } finally {
    if (before === undefined) delete process.env.BATON_STORE_WRITER;
    else process.env.BATON_STORE_WRITER = before;
  }
}

async function transcript(url: string, id: string): Promise<LogEntry[]> {
  const r = await callJson(`${url}/api/v1/admin/conversations/${id}/transcript`, 'GET', undefined, ADMIN);
  expect(r.status).toBe(200);
  return r.body.messages;
}

describe('baton serve: SIGKILL under load, restart with the other writer, export', () => {
  for (const [first, second] of [
    ['thread', 'inline'],
    ['inline', 'thread'],
  ] as const) {
    it(`exports every acknowledged message in order after a SIGKILL (written ${first}, read ${second})`, async () => {
      const dir = join(root, first);
      const flowFile = join(root, `shop-${first}.json`);
      writeFileSync(flowFile, JSON.stringify(shopFlow()));
      const config = join(root, `config-${first}.json`);
      writeFileSync(config, JSON.stringify({ rateLimit: { perAddressPerMinute: 1_000_000, perConversationPerMinute: 1_000_000 } }));
      const args = [flowFile, '--data', dir, '--config', config];
      const a = await serve(args, first);

      const convs: Array<{ id: string; token: string; tag: string; acked: string[] }> = [];
      for (let i = 0; i < 6; i++) {
        const c = await callJson(`${a.url}/api/v1/flows/shop/conversations`, 'POST', {});
        expect(c.status).toBe(201);
        convs.push({ id: c.body.conversationId, token: c.body.token, tag: `<c${i}>`, acked: [] });
      }
      let killed = false;
      const load = convs.map(async (c) => {
        for (let n = 0; !killed && n < 2000; n++) {
          const text = `${c.tag} message ${n}`;
          try {
            const r = await callJson(`${a.url}/api/v1/conversations/${c.id}/messages`, 'POST', { text }, c.token);
            if (r.status === 200) c.acked.push(text);
            else return;
          } catch {
            return; // the server died mid-request: not acknowledged
          }
        }
      });
      // Kill once every conversation has more than 24 acknowledged messages (its older journal runs moved to
      // `logRuns`), while they all keep sending.
      const until = Date.now() + 30_000;
      while (Date.now() < until && convs.some((c) => c.acked.length < 26)) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      killed = true;
      a.child.kill('SIGKILL');
      await Promise.all(load);
      const total = convs.reduce((n, c) => n + c.acked.length, 0);
      expect(convs.every((c) => c.acked.length >= 26)).toBe(true); // the kill landed under load
      console.log(`journal serve ${first} -> ${second}: ${total} messages acknowledged before the SIGKILL (${convs.map((c) => c.acked.length).join(' ')})`);

      const b = await serve(args, second);
      for (const c of convs) {
        const messages = await transcript(b.url, c.id);
        expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
        expect(messages.every((m) => m.id === `${c.id}:${m.seq}`)).toBe(true);
        const mine = messages.filter((m) => m.from === 'customer' && m.text.startsWith(c.tag)).map((m) => m.text);
        // Every acknowledged message, in order; at most the one in flight when the process died after it.
        expect(mine.slice(0, c.acked.length), c.tag).toEqual(c.acked);
        expect(mine.length - c.acked.length, c.tag).toBeLessThanOrEqual(1);
        for (const o of convs) if (o !== c) expect(messages.filter((m) => m.text.includes(o.tag)), `${o.tag} in ${c.tag}`).toEqual([]);
        // The conversation goes on after the restart; the export follows on.
        const r = await callJson(`${b.url}/api/v1/conversations/${c.id}/messages`, 'POST', { text: `${c.tag} after the restart` }, c.token);
        expect(r.status).toBe(200);
        const after = await transcript(b.url, c.id);
        expect(after.slice(0, messages.length)).toEqual(messages);
        expect(after.map((m) => m.seq)).toEqual(after.map((_, i) => i + 1));
        expect(after.filter((m) => m.from === 'customer').at(-1)?.text).toBe(`${c.tag} after the restart`);
      }
      b.child.kill('SIGTERM');
      await new Promise((r) => b.child.once('exit', r));
    });
  }
});
