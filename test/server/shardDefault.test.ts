/**
 * `baton serve` runs conversations on one worker thread by default (session 7, issue 8), with or without
 * --agents; `--workers 0` keeps everything on the main thread; a bad BATON_WORKERS is refused naming it.
 * Real processes (bin/baton.js), as a user starts them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { callJson, waitUntil } from '../support/runtimeHarness';
import { shopFlow } from './runtimeFixtures';
import { agent } from './agentFixtures';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'baton-serve-default-'));
const flowFile = join(dir, 'shop.json');
writeFileSync(flowFile, JSON.stringify(shopFlow()));
const ann = agent('ann');
const agentsFile = join(dir, 'agents.json');
writeFileSync(agentsFile, JSON.stringify([ann]));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** `baton serve` with `args` and without BATON_WORKERS unless given; resolves at the ready line or at exit. */
function serve(args: string[], env: Record<string, string> = {}): Promise<{ url: string | null; code: number | null; out: string }> {
  const { BATON_WORKERS: _unset, ...base } = process.env;
  const child = spawn(process.execPath, [join(root, 'bin/baton.js'), 'serve', flowFile, '--port', '0', ...args], { cwd: dir, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /ready at (http:\/\/[^\s]+) /.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], code: null, out });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ url: null, code, out });
    });
  });
}

describe('baton serve: worker threads by default', () => {
  it('without --workers: one worker thread, and the agent inbox works (a waiting chat, accept, the agent writes, the customer reads it)', async () => {
    const r = await serve(['--data', join(dir, 'd1'), '--agents', agentsFile]);
    expect(r.url, r.out).not.toBeNull();
    expect(r.out).toContain('1 worker thread');
    const url = r.url!;
    expect((await callJson(`${url}/api/v1/agent/presence`, 'POST', { status: 'online' }, ann.token!)).status).toBe(200);
    const c = await callJson(`${url}/api/v1/flows/shop/conversations`, 'POST', {});
    expect(c.status).toBe(201);
    const asked = await callJson(`${url}/api/v1/conversations/${c.body.conversationId}/messages`, 'POST', { choice: 'person' }, c.body.token);
    expect(asked.status).toBe(200);
    expect(asked.body.mode).toBe('waiting');
    let handoffId = '';
    await waitUntil('the handoff in the agent list', async () => {
      const list = await callJson(`${url}/api/v1/agent/handoffs?view=all`, 'GET', undefined, ann.token!);
      handoffId = list.body.handoffs?.find((h: { conversationId: string }) => h.conversationId === c.body.conversationId)?.id ?? '';
      return handoffId !== '';
    });
    const accepted = await callJson(`${url}/api/v1/agent/handoffs/${handoffId}/accept`, 'POST', undefined, ann.token!);
    expect(accepted.status).toBe(200);
    expect(accepted.body.mode).toBe('agent');
    expect((await callJson(`${url}/api/v1/agent/handoffs/${handoffId}/messages`, 'POST', { text: 'Hi, Ann here.' }, ann.token!)).status).toBe(200);
    const read = await callJson(`${url}/api/v1/conversations/${c.body.conversationId}`, 'GET', undefined, c.body.token);
    expect(read.body.messages.some((m: { text?: string }) => m.text === 'Hi, Ann here.')).toBe(true);
  });

  it('--workers 0: everything on the main thread', async () => {
    const r = await serve(['--data', join(dir, 'd2'), '--workers', '0']);
    expect(r.url, r.out).not.toBeNull();
    expect(r.out).not.toContain('worker thread');
    const c = await callJson(`${r.url}/api/v1/flows/shop/conversations`, 'POST', {});
    expect(c.status).toBe(201);
  });

  it('a bad BATON_WORKERS is refused, naming the variable', async () => {
    const r = await serve(['--data', join(dir, 'd3')], { BATON_WORKERS: 'two' });
    expect(r.code).toBe(2);
    expect(r.out).toContain('BATON_WORKERS=two: use a whole number from 0');
  });
});
