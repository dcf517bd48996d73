/**
 * The runtime's HTTP Request block: an error that quotes the filled URL (a secret in the host name makes it an
 * invalid URL) reaches neither the log nor the error body the flow may store, in any encoding (the secret is
 * percent-encoded in a URL). Hostile tester, session 5. Real callHttp; no server needed (the URL never parses).
 */
import { describe, expect, it } from 'vitest';
import { EffectRunner, type EffectRunnerOptions } from '../../runtime/effects/effectRunner';
import type { HttpJob } from '../../runtime/effects/planStep';

const SECRET = 's3cr3t/Pa55+é"xyz';

describe('EffectRunner.performHttp masks secrets in errors', () => {
  it('an invalid URL built with a secret: log line and error body say [secret], not the value', async () => {
    const logs: unknown[] = [];
    const runner = new EffectRunner({
      store: {} as EffectRunnerOptions['store'],
      service: {} as EffectRunnerOptions['service'],
      metrics: { effectFailures: { inc() {} } } as unknown as EffectRunnerOptions['metrics'],
      logger: { warn: (o: unknown, m: string) => logs.push([o, m]), info() {}, error() {} } as unknown as EffectRunnerOptions['logger'],
      now: () => 0,
      secrets: (name) => (name === 'KEY' ? SECRET : undefined),
      notify: {},
    });
    const job: HttpJob = {
      outboxId: 'o1',
      conversationId: 'c1',
      effect: {
        type: 'http_request',
        requestId: 'r1',
        idempotencyKey: 'k1',
        method: 'GET',
        url: 'http://{{secrets.KEY}}.invalid/x',
        headers: {},
        body: '',
        bodyFormat: 'text',
        timeoutMs: 1000,
        secretRefs: ['KEY'],
      },
    } as HttpJob;
    const r = await runner.performHttp(job);
    const text = JSON.stringify([r, logs]);
    expect(r.ok).toBe(false);
    expect(text).toContain('[secret]');
    for (const form of [SECRET, encodeURIComponent(SECRET), 's3cr3t']) expect(text).not.toContain(form);
  });
});
