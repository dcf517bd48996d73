import { describe, it, expect } from 'vitest';
import { makeFlow } from './harness';
import { exportFlow } from '../../../shared/flow/exportFlow';
import { flowSchema } from '../../../shared/flow/schema';
import { validateFlow } from '../../../shared/flow/validateFlow';

function leakyFlow() {
  return makeFlow(
    [
      {
        id: 'lookup',
        kind: 'http_request',
        data: {
          url: 'https://admin:hunter2@api.example.com/orders/{{order}}?api_key=abc123def456&lang=en&token={{secrets.TOKEN}}',
          headers: { Authorization: 'Bearer 9f8e7d6c5b4a3210', 'X-Order': '{{order}}', 'X-Api-Key': '{{secrets.API_KEY}}' },
          body: '{"stripe": "sk_live_51Habcdefghijklmnop"}',
        },
      },
      { id: 'tell', kind: 'notify', data: { channel: 'webhook', to: ['https://hooks.slack.com/services/T000/B000/XXXXXXXX'], text: 'hi' } },
      { id: 'bye', kind: 'end', data: { text: 'Your order {{order}} is on its way.' } },
    ],
    [['lookup', 'success', 'tell'], ['lookup', 'error', 'bye'], ['tell', 'next', 'bye']],
    { variables: [{ name: 'order', default: 'AKIAABCDEFGHIJKLMNOP' }] },
  );
}

describe('exportFlow strips anything that looks like a key and warns', () => {
  it('replaces credentials with {{secrets.NAME}} references and says where each was', () => {
    const { flow, warnings } = exportFlow(leakyFlow());
    const text = JSON.stringify(flow);
    for (const leaked of ['hunter2', 'abc123def456', '9f8e7d6c5b4a3210', 'sk_live_51H', 'hooks.slack.com', 'AKIAABCDEFGHIJKLMNOP']) {
      expect(text).not.toContain(leaked);
    }
    const lookup = flow.blocks.find((b) => b.id === 'lookup')!;
    if (lookup.kind !== 'http_request') throw new Error('kind');
    expect(lookup.data.headers.Authorization).toBe('Bearer {{secrets.LOOKUP_AUTHORIZATION}}');
    expect(lookup.data.headers['X-Order']).toBe('{{order}}'); // variables are not secrets
    expect(lookup.data.headers['X-Api-Key']).toBe('{{secrets.API_KEY}}'); // already a reference: untouched
    expect(lookup.data.url).toBe(
      'https://{{secrets.LOOKUP_URL_URL_CREDENTIALS}}@api.example.com/orders/{{order}}?api_key={{secrets.LOOKUP_API_KEY}}&lang=en&token={{secrets.TOKEN}}',
    );
    expect(warnings.map((w) => w.path.join('.'))).toEqual([
      'blocks.1.data.url',
      'blocks.1.data.url',
      'blocks.1.data.headers.Authorization',
      'blocks.1.data.body',
      'blocks.2.data.to.0',
      'variables.0.default',
    ]);
    expect(warnings[2].message).toBe(
      'The value of the Authorization header looks like a credential; it was removed from the export and replaced by {{secrets.LOOKUP_AUTHORIZATION}}. Give the runtime a secret named LOOKUP_AUTHORIZATION (config file or environment) with the real value.',
    );
    // The exported flow is still a valid flow.
    expect(flowSchema.safeParse(flow).success).toBe(true);
    expect(validateFlow(flow).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('a clean flow exports unchanged with no warnings', () => {
    const flow = makeFlow([{ id: 'm', kind: 'message', data: { text: 'Hello {{name}}' } }], []);
    expect(exportFlow(flow)).toEqual({ flow, warnings: [] });
  });
});

describe('exportFlow strips credentials written in request bodies', () => {
  it('JSON and form fields named like credentials become secret references; ordinary fields and templates stay', () => {
    const flow = makeFlow(
      [
        {
          id: 'login',
          kind: 'http_request',
          data: { method: 'POST', url: 'https://api.example.com/token', body: '{"username": "bot", "password": "hunter2", "client_secret": "s3cr3t-value", "order": "{{order}}", "api_key": "{{secrets.API_KEY}}"}' },
        },
        {
          id: 'form',
          kind: 'http_request',
          data: { method: 'POST', url: 'https://api.example.com/form', body: 'user=bot&password=letmein&q={{order}}' },
        },
        { id: 'bye', kind: 'end', data: { text: 'Done.' } },
      ],
      [['login', 'success', 'form'], ['login', 'error', 'bye'], ['form', 'success', 'bye'], ['form', 'error', 'bye']],
      { variables: [{ name: 'order' }] },
    );
    const { flow: out, warnings } = exportFlow(flow);
    const text = JSON.stringify(out);
    for (const leaked of ['hunter2', 's3cr3t-value', 'letmein']) expect(text).not.toContain(leaked);
    const login = out.blocks.find((b) => b.id === 'login')!;
    if (login.kind !== 'http_request') throw new Error('kind');
    const body = JSON.parse(login.data.body.replace(/\{\{[^}]+\}\}/g, 'X'));
    expect(body.username).toBe('bot');
    expect(login.data.body).toContain('"order": "{{order}}"');
    expect(login.data.body).toContain('"api_key": "{{secrets.API_KEY}}"');
    expect(warnings.map((w) => w.message).join(' ')).toContain('"password" field of a request body');
    const form = out.blocks.find((b) => b.id === 'form')!;
    if (form.kind !== 'http_request') throw new Error('kind');
    expect(form.data.body).toMatch(/^user=bot&password=\{\{secrets\.[A-Z_]+\}\}&q=\{\{order\}\}$/);
  });
});
