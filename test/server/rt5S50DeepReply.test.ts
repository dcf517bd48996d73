/**
 * Session 50 (rt5, hostile s49 L3): an HTTP Request block whose API answers JSON nested 5,000 levels deep took the
 * error exit in `baton chat --http live` (a recursive reader overflowed the stack: "failed (0): Maximum call stack size
 * exceeded") and the success exit in `baton serve`: a tester's chat did not predict production. Now one rule in both
 * (runtime/effects/httpCall.ts MAX_REPLY_DEPTH): deeper than 48 levels is the error exit, said in words; `baton serve`
 * logs it as any failed call ("HTTP request block failed; taking the error exit"). A 40-level answer is read in both.
 * A real API on 127.0.0.1, a real `baton serve` process, `baton chat` in process (as chatLiveHttp.test.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCommand } from '../../runtime/cli/chatCommand';
import { readFlowFile } from '../../runtime/cli/readFlowFile';
import { callJson, startServe, waitUntil, type ServeProcess } from '../support/runtimeHarness';

const dir = mkdtempSync(join(tmpdir(), 'rt5-deep-'));
let api: Server;
let flowFile: string;
let serve: ServeProcess | null = null;

/** The order API: `{"status":"shipped","eta":"Friday","deep":[[[...1...]]]}`, the list nested as deep as the order number's digits say. */
beforeAll(async () => {
  api = createServer((req, res) => {
    const depth = Number(/NW-(\d+)/.exec(req.url ?? '')?.[1] ?? '3');
    res.setHeader('content-type', 'application/json');
    res.end(`{"status":"shipped","eta":"Friday","deep":${'['.repeat(depth)}1${']'.repeat(depth)}}`);
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  const port = (api.address() as { port: number }).port;
  const flow = JSON.parse(readFileSync('flows/customer-support.json', 'utf8'));
  flow.blocks.find((b: { id: string }) => b.id === 'get_order').data.url = `http://127.0.0.1:${port}/orders/{{orderNumber}}`;
  flowFile = join(dir, 'deep.json');
  writeFileSync(flowFile, JSON.stringify(flow));
});
afterAll(async () => {
  (serve?.child as ChildProcess | undefined)?.kill('SIGKILL');
  await new Promise((r) => api.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const SUCCESS = /Order NW-\d+ is shipped, expected Friday/;
const ERROR = /I'm sorry, I couldn't look up order NW-\d+ just now/;

async function chat(order: string): Promise<string> {
  const loaded = await readFlowFile(flowFile);
  if (loaded.status !== 'ok') throw new Error(`flow does not load: ${JSON.stringify(loaded)}`);
  let out = '';
  await chatCommand(flowFile, loaded.flow, {
    now: Date.parse('2026-03-09T11:30:00Z'),
    http: 'live',
    color: false,
    input: Readable.from(['Track my order\n', `${order}\n`]),
    interactive: false,
    write: (t) => void (out += t),
    env: {},
  });
  return out;
}

async function served(order: string): Promise<string> {
  serve ??= await startServe([flowFile, '--data', join(dir, 'data')], 'rt5-deep-admin-token-0123');
  const { url } = serve;
  const start = await callJson(`${url}/api/v1/flows/customer-support/conversations`, 'POST', {});
  expect(start.status).toBe(201);
  const { conversationId, token } = start.body as { conversationId: string; token: string };
  const say = (text: string) => callJson(`${url}/api/v1/conversations/${conversationId}/messages`, 'POST', { text }, token);
  expect((await say('Track my order')).status).toBe(200);
  expect((await say(order)).status).toBe(200);
  // The HTTP call runs after the step: its answer (success or error message) arrives in the log.
  let texts = '';
  await waitUntil('the order lookup answered', async () => {
    const log = await callJson(`${url}/api/v1/conversations/${conversationId}?after=0`, 'GET', undefined, token);
    texts = JSON.stringify(log.body);
    return SUCCESS.test(texts) || ERROR.test(texts);
  });
  return texts;
}

describe('a deeply nested HTTP answer: one behaviour in baton chat and baton serve (hostile s49 L3)', () => {
  it('5,000 levels: the error exit in both, in words; serve logs the failed call', async () => {
    const out = await chat('NW-5000');
    expect(out).toMatch(ERROR);
    expect(out).not.toMatch(SUCCESS);
    expect(out).toContain('nests objects and lists more than 48 levels deep');
    expect(out).not.toContain('Maximum call stack');
    const texts = await served('NW-5000');
    expect(texts).toMatch(ERROR);
    expect(texts).not.toMatch(SUCCESS);
    await waitUntil('the log line', () => serve!.output().includes('more than 48 levels deep'));
    const line = serve!.output().split('\n').find((l) => l.includes('more than 48 levels deep'))!;
    expect(line).toContain('HTTP request block failed; taking the error exit');
  }, 60_000);

  it('a real API shape (40 levels) is read in both', async () => {
    expect(await chat('NW-40')).toMatch(SUCCESS);
    expect(await served('NW-40')).toMatch(SUCCESS);
  }, 60_000);
});
