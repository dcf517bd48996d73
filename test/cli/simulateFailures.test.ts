/**
 * `baton simulate` when the engine fails on a conversation (hostile tester, session 5: every conversation failed
 * and the command printed "conversations: 0 (1 line skipped)", "escalation rate: 0.0%" and exited 0): each failure
 * is reported with its line and a bounded message, the other conversations still play, the summary says FAILED,
 * and the exit code is 1. Bad JSON lines are still skipped without failing the run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { simulateCommand } from '../../runtime/cli/simulateCommand';
import { flowSchema, type Flow } from '../../shared/flow/schema';

const dir = mkdtempSync(join(tmpdir(), 'baton-sim-fail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(flow: Flow, lines: string[]) {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, lines.join('\n') + '\n');
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    const code = await simulateCommand(flow, { conversations: file, now: Date.parse('2026-11-24T10:00:00Z') });
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const good = flowSchema.parse(JSON.parse(readFileSync('flows/customer-support.json', 'utf8')));

describe('baton simulate and engine failures', () => {
  it('all played: exit 0, no FAILED line', async () => {
    const r = await run(good, ['{"id":"a","turns":["where is my order"]}', 'not json']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('conversations: 1 (1 line skipped)');
    expect(r.err).not.toContain('FAILED');
  });

  it('a conversation the engine fails on: reported with its line, the others play, FAILED in the summary, exit 1', async () => {
    // A flow object the engine cannot run (no schema check here, as an engine bug would): its escalation policy is
    // missing its topic list, which the engine reads on every customer text.
    const broken = structuredClone(good) as Flow;
    (broken.escalation as { sensitiveTopics: unknown }).sensitiveTopics = null;
    const r = await run(broken, ['{"id":"first","turns":["where is my order"]}', '{"id":"second","turns":["hello"]}']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/c\w+\.jsonl:1: conversation "first" failed in the engine: /);
    expect(r.err).toMatch(/FAILED: 2 conversations failed in the engine/);
    expect(r.err).toContain('conversations: 0');
  });

  it('a failure message is cut to 300 characters', async () => {
    const broken = structuredClone(good) as Flow;
    // A getter that throws a huge message, like V8's "Invalid regular expression: /...99 KB.../".
    Object.defineProperty(broken.escalation, 'neverTrigger', {
      get() {
        throw new SyntaxError(`Invalid regular expression: /${'y[^a-z0-9]+'.repeat(9000)}/: Regular expression too large`);
      },
    });
    const r = await run(broken, ['{"id":"x","turns":["where is my order"]}']);
    expect(r.code).toBe(1);
    const line = r.err.split('\n').find((l) => l.includes('"x" failed'))!;
    expect(line.length).toBeLessThan(450);
    expect(line).toMatch(/… \(\d+ characters\)$/);
  });
});
