/**
 * A body with a "__proto__" key (or a "constructor" key holding a "prototype") is valid JSON that the runtime refuses
 * for prototype safety (hostile s6): over real HTTP on 127.0.0.1, every route answers a 400 `forbidden_key` that names
 * the key, where it is, and why (never "not valid JSON", never a 500), the lean customer route and the Fastify route
 * alike; nothing is applied, and no object's prototype changed. Broken JSON still answers invalid_json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './runtimeFixtures';
import { forbiddenKeyPath } from '../../runtime/server/jsonBody';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt?.stop();
});

async function raw(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(rt.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: (await res.json()) as { error: string; message: string; field?: string } };
}

describe('prototype keys in a request body', () => {
  it('the customer message route (lean and Fastify) says which key is refused and why; the message is not stored', async () => {
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const path = `/api/v1/conversations/${c.conversationId}/messages`;
    const auth = { authorization: `Bearer ${c.token}` };
    for (const via of ['', '?via=fastify']) {
      const proto = await raw(path + via, '{"text":"hi","__proto__":{"isAdmin":true}}', auth);
      expect(proto.status).toBe(400);
      expect(proto.body.error).toBe('forbidden_key');
      expect(proto.body.field).toBe('body.__proto__');
      expect(proto.body.message).toContain('"__proto__"');
      expect(proto.body.message).toMatch(/prototype pollution/);
      expect(proto.body.message).not.toMatch(/not valid JSON/);

      const ctor = await raw(path + via, '{"text":"hi","constructor":{"prototype":{"isAdmin":true}}}', auth);
      expect(ctor.status).toBe(400);
      expect(ctor.body).toMatchObject({ error: 'forbidden_key', field: 'body.constructor' });
      expect(ctor.body.message).toContain('"constructor"');
    }
    // Nothing of those four requests reached the conversation; an ordinary message still works.
    const after = await rt.get(`/api/v1/conversations/${c.conversationId}?after=0`, auth);
    expect(after.body.messages.filter((m: { from: string }) => m.from === 'customer')).toEqual([]);
    expect((await rt.post(path, { text: 'hi' }, auth)).status).toBe(200);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('a nested key on another route names its path; "constructor" as plain text and broken JSON are unchanged', async () => {
    const nested = await raw('/api/v1/flows/shop/conversations', '{"profile":{"name":"Eve","__proto__":{"x":1}}}');
    expect(nested.status).toBe(400);
    expect(nested.body).toMatchObject({ error: 'forbidden_key', field: 'body.profile.__proto__' });
    expect(nested.body.message).toMatch(/^body\.profile\.__proto__: the body has a "__proto__" key/);
    // The word as a value, or a "constructor" key without a prototype, is ordinary data.
    const c = (await rt.post('/api/v1/flows/shop/conversations', {})).body;
    const ok = await raw(`/api/v1/conversations/${c.conversationId}/messages`, '{"text":"__proto__ constructor prototype"}', { authorization: `Bearer ${c.token}` });
    expect(ok.status).toBe(200);
    const broken = await raw('/api/v1/flows/shop/conversations', '{"profile": ');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toBe('invalid_json');
  });

  it('finds the first refused key in arrays and nested objects', () => {
    expect(forbiddenKeyPath('{"a":[1,{"b":{"__proto__":{}}}]}')).toEqual({ key: '__proto__', path: 'body.a[1].b.__proto__' });
    expect(forbiddenKeyPath('{"a":{"constructor":{"prototype":1}}}')).toEqual({ key: 'constructor', path: 'body.a.constructor' });
    expect(forbiddenKeyPath('{"constructor":"x"}')).toBeNull();
    expect(forbiddenKeyPath('{broken')).toBeNull();
    // Hostile s7's 62 KB body (31,000 array elements before the key): found, with its path.
    const big = `{"a":[${Array.from({ length: 31_000 }, () => '0').join(',')}],"b":{"c":{"__proto__":1}}}`;
    expect(forbiddenKeyPath(big)).toEqual({ key: '__proto__', path: 'body.b.c.__proto__' });
    const deep = `${'['.repeat(2000)}{"__proto__":{}}${']'.repeat(2000)}`;
    expect(forbiddenKeyPath(deep)).toEqual({ key: '__proto__', path: `body${'[0]'.repeat(2000)}.__proto__` });
  });
});
