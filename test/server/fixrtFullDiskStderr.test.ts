/**
 * hostile s14 H#3: on a really full data disk, `baton serve` printed lmdb's own error on stderr as a bare 4-line
 * `Error: Input/output error\n    at Function.<anonymous> (.../lmdb/write.js:516:7) { code: 5 }` block between its JSON
 * log lines (lmdb calls console.error itself when a commit fails; the writes are also rejected and logged as
 * "data folder write failed"). Now every log line on stderr is either a JSON object or a `baton serve:` sentence:
 * no stack, no dependency's file. A real `baton serve` process on a small tmpfs (needs root; skipped loudly elsewhere).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mountTmpfs, unmountTmpfs } from '../support/tmpfs';
import { callJson } from '../support/runtimeHarness';
import { shopFlow } from './runtimeFixtures';

const root = fileURLToPath(new URL('../../', import.meta.url));


describe('hostile s14 H#3: a full data disk logs structured lines only', () => {
  const mount = mountTmpfs('baton-fixrt-full-');
  if (!mount) console.warn('\n*** SKIPPED test/server/fixrtFullDiskStderr.test.ts: mounting a tmpfs needs root (mount -t tmpfs) ***\n');
  const work = mkdtempSync(join(tmpdir(), 'baton-fixrt-fullflow-'));
  afterAll(() => {
    if (mount) {
      unmountTmpfs(mount);
    }
    rmSync(work, { recursive: true, force: true });
  });

  it.skipIf(!mount)('507 storage_full, and no lmdb stack on stderr', async () => {
    const flowFile = join(work, 'shop.json');
    writeFileSync(flowFile, JSON.stringify(shopFlow()));
    const config = join(work, 'cfg.json');
    writeFileSync(config, JSON.stringify({ rateLimit: { perAddressPerMinute: 1_000_000, perConversationPerMinute: 1_000_000 } }));
    const { BATON_WORKERS: _w, BATON_STORE_WRITER: _s, ...env } = process.env;
    const child = spawn(process.execPath, [join(root, 'bin/baton.js'), 'serve', flowFile, '--port', '0', '--data', join(mount!, 'data'), '--config', config], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line in 90 s: ${stdout}${stderr}`)), 90_000);
        child.stdout!.on('data', (d: Buffer) => {
          stdout += d;
          const m = /ready at (http:\/\/[^\s]+) /.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      // Leave ~96 KB free, then write until lmdb's commit fails.
      const s = statfsSync(mount!);
      writeFileSync(join(mount!, 'filler'), Buffer.alloc(Math.max(0, Number(s.bavail) * Number(s.bsize) - 96 * 1024)));
      const big = 'y'.repeat(3000);
      let full = 0;
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          const c = await callJson(`${url}/api/v1/flows/shop/conversations`, 'POST', {});
          if (c.status === 507) return void full++;
          expect(c.status).toBe(201);
          for (let i = 0; i < 300 && full === 0; i++) {
            const r = await callJson(`${url}/api/v1/conversations/${c.body.conversationId}/messages`, 'POST', { text: `${big} ${i}` }, c.body.token);
            expect([200, 507]).toContain(r.status);
            if (r.status === 507) {
              expect(r.body.error).toBe('storage_full');
              full++;
            }
          }
        }),
      );
      // A few more refused writes (new conversations), so the log's throttling shows.
      for (let i = 0; i < 5; i++) if ((await callJson(`${url}/api/v1/flows/shop/conversations`, 'POST', {})).status === 507) full++;
      expect(full).toBeGreaterThan(1);
      await new Promise((r) => setTimeout(r, 500)); // lmdb prints from its commit callback, after the answers
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const lines = stderr.split('\n').filter((l) => l.trim() !== '');
    // The failed writes were logged (JSON, on stdout), and nothing on stderr is a stack or names lmdb's files.
    expect(stdout.split('\n').some((l) => l.startsWith('{') && l.includes('data folder write failed'))).toBe(true);
    // lmdb's native code prints "Write error: No space left on device position N, size M" itself (it cannot be
    // silenced from JS): since s15 (H#15) it ends on its own line, never glued onto a JSON line.
    const bare = lines.filter((l) => !l.startsWith('{') && !l.startsWith('baton') && !/^Write error: [^{]*$/.test(l) && !/^(vite|dist\/|✓|transforming|rendering|computing)/.test(l.trim()));
    expect(bare).toEqual([]);
    // Hostile s15 H#15: not a line (or two) per refused request: once, then at most once a minute with a count.
    expect(stdout.split('\n').filter((l) => l.includes('data folder write failed'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('lmdb: a commit failed')).length).toBeLessThanOrEqual(1);
    expect(stderr).not.toMatch(/lmdb[\\/]write\.js|^\s+at /m);
    for (const l of lines.filter((x) => x.startsWith('{'))) expect(() => JSON.parse(l)).not.toThrow();
  }, 150_000);
});
