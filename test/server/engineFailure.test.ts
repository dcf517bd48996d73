/**
 * The engine throws on a customer message (a bug; simulated here by making `receive` throw on one text): over real
 * HTTP on 127.0.0.1 the customer gets a 200 with a system line saying something went wrong, that the message is
 * saved and how to reach a person, never a 500 `internal`; the message is in the transcript; the error is logged
 * with the conversation id; a retry with the same Idempotency-Key stores nothing twice; the next message is
 * answered by the bot as usual (the state was left as it was). In-process runtime (the mock does not reach a shard
 * worker's own module copy; the shard worker uses the same ConversationService code).
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { engineFailureStep, engineFailureText } from '../../runtime/server/engineFailure';
import { auth, shopFlow, startTestRuntime, type TestRuntime } from './runtimeFixtures';

vi.mock('../../shared/engine/engine', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/engine/engine')>();
  return {
    ...real,
    receive: (...args: Parameters<typeof real.receive>) => {
      const input = args[2] as { type: string; text?: string };
      if (input.type === 'text' && input.text?.includes('BOOM')) throw new TypeError("Cannot read properties of undefined (reading 'blocks')");
      return real.receive(...args);
    },
  };
});

const lines: Array<Record<string, unknown>> = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      cb();
    },
  }),
);

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime({ workers: 0, logger });
});
afterAll(async () => {
  await rt?.stop();
});

describe('an engine exception on a customer message', () => {
  it('is answered with a system line, the message kept, the error logged with the conversation id', async () => {
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const path = `/api/v1/conversations/${c.conversationId}/messages`;
    const headers = { ...auth(c.token), 'idempotency-key': 'k-boom' };
    const r = await rt.post(path, { text: 'BOOM where is my parcel?' }, headers);
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe('bot');
    expect(r.body.messages).toEqual([expect.objectContaining({ from: 'system', text: engineFailureText('bot', true) })]);
    expect(r.body.messages[0].text).toMatch(/something went wrong on our side.*Your message is saved.*talk to a person/);

    // A retry with the same key: the same answer, nothing stored twice.
    const again = await rt.post(path, { text: 'BOOM where is my parcel?' }, headers);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(r.body);
    const log = (await rt.get(`/api/v1/conversations/${c.conversationId}?after=0`, auth(c.token))).body.messages as Array<{ from: string; text: string }>;
    expect(log.filter((m) => m.from === 'customer').map((m) => m.text)).toEqual(['BOOM where is my parcel?']);

    const logged = lines.filter((l) => l.msg === 'engine failed on a customer message');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, conversationId: c.conversationId, flowId: 'shop' });
    expect(JSON.stringify(logged[0].err)).toContain("reading 'blocks'");
    // The customer's text is not copied into the log line (the transcript has it).
    expect(JSON.stringify(logged[0])).not.toContain('where is my parcel');

    // The conversation goes on: the bot answers the next message as usual.
    const next = await rt.post(path, { text: 'hello' }, auth(c.token));
    expect(next.status).toBe(200);
    expect(next.body.messages.some((m: { from: string }) => m.from === 'bot')).toBe(true);
  });

  it('the words depend on where the customer is; a button click is kept by its label', () => {
    expect(engineFailureText('bot', false)).not.toMatch(/person/);
    expect(engineFailureText('waiting', true)).toMatch(/team can see it/);
    expect(engineFailureText('agent', true)).toMatch(/team can see it/);
    const state = { mode: 'bot', transcript: [{ from: 'bot', text: 'Pick one', at: 1, buttons: [{ id: 'b1', label: 'Track my order' }] }] };
    const step = engineFailureStep(shopFlow(), state, { type: 'choice', buttonId: 'b1' }, 5);
    expect(step.state).toBe(state);
    expect(step.transcript).toEqual([
      { from: 'customer', text: 'Track my order', at: 5 },
      { from: 'system', text: engineFailureText('bot', true), at: 5 },
    ]);
    expect(step.effects).toEqual([]);
  });
});
