/**
 * Hostile input against templates, secrets, regexes and object internals (issue 6, section 4).
 */
import { describe, it, expect } from 'vitest';
import { converse, makeFlow } from './harness';
import { renderBody, renderHeader, renderTemplate, renderUrl, secretNames } from '../../../shared/flow/template';
import { checkPattern, evaluateRule } from '../../../shared/flow/rules';
import { fillSecrets } from '../../../shared/engine/secrets';
import type { Effect } from '../../../shared/engine/types';

function httpFlow(data: Record<string, unknown>) {
  return makeFlow(
    [
      { id: 'q', kind: 'question', data: { text: 'Your order number?', variable: 'order' } },
      { id: 'h', kind: 'http_request', data },
      { id: 'ok', kind: 'end', data: { text: 'ok' } },
      { id: 'err', kind: 'end', data: { text: 'error' } },
    ],
    [['q', 'next', 'h'], ['h', 'success', 'ok'], ['h', 'error', 'err']],
  );
}

describe('template values are escaped for where they land', () => {
  it('path traversal in a URL path segment stays one encoded segment', () => {
    const c = converse(httpFlow({ url: 'https://api.example.com/orders/{{order}}/status' }));
    c.say('../../admin?x=');
    const [req] = c.effects('http_request');
    expect(req.url).toBe('https://api.example.com/orders/..%2F..%2Fadmin%3Fx%3D/status');
    const u = new URL(req.url);
    expect(u.pathname).toBe('/orders/..%2F..%2Fadmin%3Fx%3D/status');
    expect(u.search).toBe('');
  });

  it('a value of only dots cannot navigate the path', () => {
    expect(renderUrl('https://x.test/a/{{v}}/b', { v: '..' })).toBe('https://x.test/a//b');
    expect(new URL(renderUrl('https://x.test/a/{{v}}/b', { v: '..' })).pathname).toBe('/a//b');
  });

  it('a query value cannot add parameters', () => {
    const url = renderUrl('https://x.test/search?q={{q}}&lang=en', { q: 'shoes&admin=1#frag' });
    const u = new URL(url);
    expect(u.searchParams.get('q')).toBe('shoes&admin=1#frag');
    expect(u.searchParams.get('admin')).toBeNull();
    expect(u.hash).toBe('');
  });

  it('JSON injection: a customer answer cannot add keys to a JSON body', () => {
    const c = converse(httpFlow({ url: 'https://api.example.com/x', method: 'POST', body: '{"order": "{{order}}", "role": "customer"}' }));
    c.say('x", "role": "admin');
    const [req] = c.effects('http_request');
    expect(req.bodyFormat).toBe('json');
    const body = JSON.parse(req.body);
    expect(body).toEqual({ order: 'x", "role": "admin', role: 'customer' });
  });

  it('JSON values outside strings become JSON values (numbers stay numbers, text is quoted)', () => {
    expect(JSON.parse(renderBody('{"n": {{n}}, "s": {{s}}, "u": {{u}}}', { n: 42, s: '1}, "x": {"y": 2' }, 'json'))).toEqual({
      n: 42,
      s: '1}, "x": {"y": 2',
      u: null,
    });
    // Backslashes and control characters inside a string are escaped too.
    expect(JSON.parse(renderBody('{"a": "pre {{v}} post"}', { v: 'back\\slash "quote"\nline' }, 'json'))).toEqual({ a: 'pre back\\slash "quote"\nline post' });
  });

  it('form bodies are percent-encoded', () => {
    expect(renderBody('a={{v}}&b=2', { v: 'x&b=evil' }, 'form')).toBe('a=x%26b%3Devil&b=2');
  });

  it('header values lose their line breaks (no header injection)', () => {
    const c = converse(httpFlow({ url: 'https://api.example.com/x', headers: { 'X-Order': '{{order}}' } }));
    c.say('A1\r\nX-Admin: yes');
    const [req] = c.effects('http_request');
    expect(req.headers['X-Order']).toBe('A1 X-Admin: yes');
    expect(Object.keys(req.headers)).toEqual(['X-Order']);
    expect(renderHeader('Bearer {{t}}', { t: 'a\nb\u0000c' })).toBe('Bearer a b c');
  });
});

describe('object internals cannot be reached', () => {
  it('{{constructor}}, {{__proto__}} and {{toString}} render nothing', () => {
    expect(renderTemplate('[{{constructor}}][{{__proto__}}][{{toString}}][{{hasOwnProperty}}]', { name: 'Ana' })).toBe('[][][][]');
    const c = converse(makeFlow([{ id: 'm', kind: 'message', data: { text: 'Hi {{constructor}}{{__proto__}}!' } }], []));
    expect(c.botTexts()[0]).toBe('Hi !');
  });

  it('a __proto__ variable never changes the variables object', () => {
    const flow = makeFlow(
      [
        { id: 'q', kind: 'question', data: { text: 'Say', variable: '__proto__' } },
        { id: 'm', kind: 'message', data: { text: 'polluted={{polluted}}' } },
      ],
      [['q', 'next', 'm']],
    );
    const c = converse(flow, { freeze: false });
    c.say('{"polluted": "yes"}');
    expect(Object.getPrototypeOf(c.variables())).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(c.botTexts().at(-1)).toBe('polluted=');
  });

  it('a response mapping path through __proto__ or constructor reads nothing', () => {
    const c = converse(
      httpFlow({ url: 'https://x.test', responseMapping: [{ variable: 'leak', path: 'constructor.name' }, { variable: 'p', path: '__proto__' }] }),
    );
    c.say('A1');
    c.http(true, { a: 1 });
    expect(c.variables().leak).toBeUndefined();
    expect(c.variables().p).toBeUndefined();
  });

  it('a rule on constructor reads nothing', () => {
    expect(evaluateRule({ variable: 'constructor', op: 'exists' }, {}, 0)).toBe(false);
  });
});

describe('secrets are only resolved by the runtime', () => {
  const flow = httpFlow({
    url: 'https://api.example.com/orders/{{order}}?key={{secrets.API_KEY}}',
    method: 'POST',
    headers: { Authorization: 'Bearer {{secrets.API_TOKEN}}', 'Content-Type': 'application/json' },
    body: '{"order": "{{order}}", "sig": "{{secrets.SIGNING}}"}',
  });

  it('the engine leaves the placeholders verbatim and lists them; customer text never shows them', () => {
    const c = converse(flow);
    c.say('A1');
    const [req] = c.effects('http_request');
    expect(req.url).toBe('https://api.example.com/orders/A1?key={{secrets.API_KEY}}');
    expect(req.headers.Authorization).toBe('Bearer {{secrets.API_TOKEN}}');
    expect(req.secretRefs).toEqual(['API_KEY', 'SIGNING', 'API_TOKEN']);
    expect(JSON.stringify(c.state)).not.toMatch(/secret-value/);
    expect(renderTemplate('key: {{secrets.API_KEY}}', {})).toBe('key: ');
    expect(secretNames('{{secrets.A}} {{ secrets.B }} {{a}}')).toEqual(['A', 'B']);
  });

  it('fillSecrets escapes each secret for its place and names missing ones', () => {
    const c = converse(flow);
    c.say('A1');
    const req = c.steps.flatMap((s) => s.effects).find((e) => e.type === 'http_request') as Extract<Effect, { type: 'http_request' }>;
    const values: Record<string, string> = { API_KEY: 'k&y=1', API_TOKEN: 'tok\r\nX-Evil: 1', SIGNING: 's"ig' };
    const r = fillSecrets(req, (n) => values[n]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.effect.url).toBe('https://api.example.com/orders/A1?key=k%26y%3D1');
    expect(r.effect.headers.Authorization).toBe('Bearer tok X-Evil: 1');
    expect(JSON.parse(r.effect.body)).toEqual({ order: 'A1', sig: 's"ig' });
    expect(r.effect.idempotencyKey).toBe(req.idempotencyKey);
    expect(fillSecrets(req, () => undefined)).toEqual({ ok: false, missing: ['API_KEY', 'API_TOKEN', 'SIGNING'] });
  });
});

describe('a customer cannot make the runtime fill a secret', () => {
  it('a value typed as {{secrets.API_KEY}} never becomes a placeholder in a header, a JSON or text body, or a URL', () => {
    const flow = httpFlow({
      url: 'https://api.example.com/orders/{{order}}',
      method: 'POST',
      headers: { 'X-Order': '{{order}}', 'Content-Type': 'application/json' },
      body: '{"order": "{{order}}", "again": {{order}}}',
    });
    const c = converse(flow);
    c.say('{{secrets.API_KEY}}');
    const req = c.steps.flatMap((s) => s.effects).find((e) => e.type === 'http_request') as Extract<Effect, { type: 'http_request' }>;
    expect(req.secretRefs).toEqual([]);
    const filled = fillSecrets({ ...req, secretRefs: ['API_KEY'] }, () => 'THE-REAL-KEY');
    expect(JSON.stringify(filled)).not.toContain('THE-REAL-KEY');
    // The JSON body still carries exactly what the customer typed.
    expect(JSON.parse(req.body)).toEqual({ order: '{{secrets.API_KEY}}', again: '{{secrets.API_KEY}}' });
    expect(req.headers['X-Order']).toBe('{ {secrets.API_KEY}}');
    expect(renderBody('note: {{v}}', { v: '{{secrets.K}}' }, 'text')).toBe('note: { {secrets.K}}');
  });
});

describe('designer regexes run in linear time', () => {
  it('a catastrophic pattern on a hostile message answers at once', () => {
    const started = performance.now();
    const hostile = `${'a'.repeat(50_000)}!`;
    expect(evaluateRule({ variable: 'm', op: 'matches', value: '(a+)+$' }, { m: hostile }, 0)).toBe(false);
    expect(evaluateRule({ variable: 'm', op: 'matches', value: '^(a|aa)*b$' }, { m: hostile }, 0)).toBe(false);
    // Backtracking engines take minutes here; RE2 is linear. Generous bound so a busy CI machine never flakes.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('matches case-insensitively anywhere in the text', () => {
    expect(evaluateRule({ variable: 'm', op: 'matches', value: 'pol-\\d{6}' }, { m: 'my policy is POL-123456' }, 0)).toBe(true);
  });

  it('invalid and non-RE2 patterns are reported for validation', () => {
    expect(checkPattern('^[A-Z]{3}\\d+$')).toEqual({ ok: true });
    const bad = checkPattern('(abc');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/missing closing \)/);
    const backref = checkPattern('(a)\\1');
    expect(backref.ok).toBe(false);
    if (!backref.ok) expect(backref.message).toMatch(/RE2 syntax/);
    expect(checkPattern('(?=x)').ok).toBe(false);
  });
});
