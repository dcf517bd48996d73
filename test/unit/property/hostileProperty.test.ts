/**
 * Property tests for hostile input (issue 6, section 4) and crash replay (section 3):
 * - any customer text placed in a URL path segment or query value decodes back to exactly that text and
 *   never changes the URL's host, path depth or other parameters;
 * - any customer text placed in a JSON body (inside a string or as a bare value) keeps the body valid JSON
 *   with exactly the designer's keys, the value intact;
 * - any customer text in a header never yields a line break;
 * - any variable name, including object internals, renders only what the flow holds;
 * - replaying any step of a random conversation from its persisted JSON gives the same effects and the
 *   same idempotency keys (a runtime that crashed mid-step sends nothing twice); stale or repeated agent
 *   events are refused without changing anything;
 * - any conversation on the time-sensitive sample (travel-urgency: dates, departure times, opening hours)
 *   gives the same steps under TZ=UTC and TZ=Pacific/Kiritimati.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import { receive, start } from '../../../shared/engine/engine';
import type { ConversationState, Input } from '../../../shared/engine/types';
import { renderBody, renderHeader, renderTemplate, renderUrl } from '../../../shared/flow/template';
import { makeFlow } from '../engine/harness';

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('../../admin?x=', '..', '.', 'x", "role": "admin', '\\', '"', '}{', '%2e%2e', 'a\r\nX-Evil: 1', '#frag', '?a=1&b=2', '{{secrets.KEY}}', '{{__proto__}}'),
);

describe('templates under hostile values (property)', () => {
  it('a URL path segment or query value decodes back to the value and changes nothing else', () => {
    fc.assert(
      fc.property(hostileText, (v) => {
        const url = new URL(renderUrl('https://api.example.com/orders/{{v}}/status?q={{v}}&lang=en', { v }));
        expect(url.host).toBe('api.example.com');
        const segments = url.pathname.split('/');
        expect(segments).toHaveLength(4);
        expect(segments[1]).toBe('orders');
        expect(segments[3]).toBe('status');
        expect([v, '']).toContain(decodeURIComponent(segments[2]));
        expect(url.searchParams.get('q')).toBe(/^\.+$/.test(v) ? '' : v);
        expect(url.searchParams.get('lang')).toBe('en');
        expect([...url.searchParams.keys()]).toEqual(['q', 'lang']);
        expect(url.hash).toBe('');
      }),
      { numRuns: 400, seed: 6 },
    );
  });

  it('a JSON body stays valid JSON with the designer keys and the value intact', () => {
    fc.assert(
      fc.property(hostileText, fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), (v, n) => {
        const body = renderBody('{"order": "{{v}}", "raw": {{v}}, "n": {{n}}, "role": "customer"}', { v, n }, 'json');
        const parsed = JSON.parse(body);
        expect(Object.keys(parsed)).toEqual(['order', 'raw', 'n', 'role']);
        expect(parsed.role).toBe('customer');
        // Inside a string: exactly the text, except `{{...}}` placeholders, which never render from a value.
        expect(parsed.order).toBe(v);
        expect(parsed.raw).toBe(v);
        expect(parsed.n).toBe(n);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('a header value never contains a line break or control character', () => {
    fc.assert(
      fc.property(hostileText, (v) => {
        expect(renderHeader('Bearer {{v}}', { v })).not.toMatch(/[\u0000-\u001f\u007f]/);
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('any variable name renders only a value the flow holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom('constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/)), (name) => {
        const vars = { held: 'yes' };
        const out = renderTemplate(`[{{${name}}}]`, vars);
        expect(out).toBe(name === 'held' ? '[yes]' : '[]');
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});

describe('crash replay and stale events (property)', () => {
  const flow = makeFlow(
    [
      { id: 'q', kind: 'question', data: { text: 'Order number?', variable: 'order' } },
      { id: 'h', kind: 'http_request', data: { url: 'https://api.example.com/orders/{{order}}', timeoutMs: 3000 } },
      { id: 'n', kind: 'notify', data: { channel: 'email', to: ['team@acme.test'], subject: 'Order {{order}}', text: 'looked up' } },
      { id: 'ht', kind: 'human_takeover', data: { assignation: 'default', notifyEmails: ['team@acme.test'] } },
      { id: 'bye', kind: 'end', data: { text: 'Bye' } },
    ],
    [
      ['q', 'next', 'h'],
      ['h', 'success', 'n'],
      ['h', 'error', 'ht'],
      ['n', 'next', 'ht'],
      ['ht', 'resolved', 'q'],
      ['ht', 'no_agent', 'bye'],
      ['ht', 'timeout', 'bye'],
    ],
    { escalation: { enabled: true, targetBlockId: 'ht', mode: 'immediate' } },
  );
  const NOW = Date.UTC(2024, 0, 15, 10);

  type Cmd = { kind: 'say'; text: string } | { kind: 'http'; ok: boolean } | { kind: 'agent'; which: number; stale: boolean } | { kind: 'wait'; ms: number };
  const cmd: fc.Arbitrary<Cmd> = fc.oneof(
    fc.constantFrom('A-1001', 'I want a human', 'Ana', 'ana@example.com', 'refund please', 'hello?').map((text) => ({ kind: 'say' as const, text })),
    fc.boolean().map((ok) => ({ kind: 'http' as const, ok })),
    fc.record({ which: fc.nat({ max: 4 }), stale: fc.boolean() }).map((r) => ({ kind: 'agent' as const, ...r })),
    fc.integer({ min: 0, max: 12 * 60_000 }).map((ms) => ({ kind: 'wait' as const, ms })),
  );

  function inputFor(c: Cmd, s: ConversationState, n: number): Input | null {
    if (c.kind === 'say') return { type: 'text', text: c.text };
    if (c.kind === 'http') return s.waiting?.kind === 'http' ? { type: 'http_result', requestId: s.waiting.requestId, ok: c.ok, status: c.ok ? 200 : 500, body: {} } : null;
    if (c.kind === 'wait') {
      const due = s.timers.filter((t) => t.at <= NOW + c.ms * n).sort((a, b) => a.at - b.at)[0];
      return due ? { type: 'timer', timerId: due.id } : null;
    }
    const ids = { handoffId: c.stale ? 'c1:h0' : (s.handoff?.id ?? 'none'), eventId: c.stale ? 'dup' : `e${n}` };
    const types = [
      { type: 'agent_accepted', agentId: 'a1', agentName: 'Ana', ...ids },
      { type: 'agent_message', agentId: 'a1', text: 'hi', ...ids },
      { type: 'agent_declined', agentId: 'a1', ...ids },
      { type: 'agent_handback', agentId: 'a1', ...ids },
      { type: 'no_agent', ...ids },
    ] as const;
    return types[c.which];
  }

  it('replaying a step from the persisted state gives the same effects and keys; refused inputs change nothing', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 1, maxLength: 20 }), (cmds) => {
        let state = start(flow, { now: NOW, conversationId: 'c1' }).state;
        const seen = new Set<string>();
        cmds.forEach((c, i) => {
          const input = inputFor(c, state, i + 1);
          if (!input) return;
          const now = NOW + (i + 1) * 60_000;
          const persisted = JSON.stringify(state);
          const step = receive(flow, JSON.parse(persisted), input, { now });
          const replay = receive(flow, JSON.parse(persisted), input, { now });
          expect(replay.effects).toEqual(step.effects);
          if (step.rejected) {
            expect(step.effects).toEqual([]);
            expect(step.transcript).toEqual([]);
            expect(JSON.stringify(step.state)).toBe(persisted);
            return;
          }
          for (const e of step.effects) {
            expect(seen.has(e.idempotencyKey)).toBe(false);
            seen.add(e.idempotencyKey);
          }
          state = step.state;
        });
      }),
      { numRuns: 150, seed: 10 },
    );
  });
});

describe('host time zone (property)', () => {
  const original = process.env.TZ;
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const loaded = loadFlowText(readFileSync(`${root}flows/travel-urgency.json`, 'utf8'));
  if (!loaded.ok || !loaded.flow) throw new Error('flows/travel-urgency.json is invalid');
  const travel = loaded.flow;
  const NOW = Date.parse('2026-11-24T21:30:00Z'); // evening in Europe, already Wednesday in Kiritimati
  const says = fc.oneof(
    fc.constantFrom('ABC123', 'my flight leaves in 15 minutes', 'today', 'tomorrow', '2026-11-24T22:00', '2026-11-25T08:15', '23:40', 'I missed my connection', 'agent please', '1', '2'),
    fc.integer({ min: 0, max: 600 }).map((m) => new Date(NOW + m * 60_000).toISOString().slice(0, 16)),
  );

  function play(tz: string, turns: string[]): unknown {
    process.env.TZ = tz;
    const sim = createSimulation(travel, { now: NOW, conversationId: 'tz', http: () => ({ ok: false, status: 0, body: null }) });
    for (const t of turns) {
      sim.say(t);
      sim.advance(5 * 60_000);
    }
    return sim.steps.map((s) => ({ messages: s.messages, effects: s.effects, state: s.state, decision: s.decision }));
  }

  it('the same turns give the same steps under TZ=UTC and TZ=Pacific/Kiritimati', () => {
    fc.assert(
      fc.property(fc.array(says, { minLength: 1, maxLength: 8 }), (turns) => {
        expect(play('Pacific/Kiritimati', turns)).toEqual(play('UTC', turns));
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
