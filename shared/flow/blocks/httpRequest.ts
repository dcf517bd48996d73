/** HTTP request: calls an API and maps the JSON reply into variables. */
import { z } from 'zod';
import { defineBlock, readsOf, templateReads } from './helpers';
import { urlProblem } from '../formats';
import type { BlockProblem, VariableUse } from './types';

export const httpRequestData = z.object({
  method: z
    .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
    .default('GET')
    .meta({
      title: 'Method',
      help: 'The HTTP method.',
      widget: 'select',
      choices: {
        GET: { label: 'GET', help: 'Read data.' },
        POST: { label: 'POST', help: 'Create something or send data.' },
        PUT: { label: 'PUT', help: 'Replace something.' },
        PATCH: { label: 'PATCH', help: 'Change part of something.' },
        DELETE: { label: 'DELETE', help: 'Delete something.' },
      },
    }),
  /** `{{template}}` */
  url: z.string().default('').meta({ title: 'URL', help: 'The address to call; {{variables}} are encoded safely.', widget: 'text', placeholder: 'https://api.example.com/orders/{{orderNumber}}' }),
  headers: z.record(z.string(), z.string()).default({}).meta({ title: 'Headers', help: 'Request headers; put keys in {{secrets.NAME}}, never in the flow.', widget: 'key_value' }),
  /** `{{template}}`, sent as-is (usually JSON). */
  body: z.string().default('').meta({ title: 'Body', help: 'Sent with POST, PUT and PATCH (usually JSON); {{variables}} allowed.', widget: 'template', showWhen: { field: 'method', oneOf: ['POST', 'PUT', 'PATCH'] } }),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000).meta({ title: 'Timeout (ms)', help: 'After this long without a reply, the error exit is taken.', widget: 'number' }),
  /** Copies fields of the JSON reply into variables; `path` is dotted, e.g. `order.status` or `items.0.name`. */
  responseMapping: z
    .array(
      z.object({
        variable: z.string().min(1).meta({ title: 'Variable', help: 'Receives the value.', widget: 'variable' }),
        path: z.string().meta({ title: 'Path in the reply', help: 'Dotted path in the JSON reply, e.g. order.status or items.0.name.', placeholder: 'order.status' }),
      }),
    )
    .default([])
    .meta({ title: 'Save from the reply', help: 'Copies fields of the JSON reply into variables.', widget: 'list' }),
});

export const httpRequestBlock = defineBlock({
  kind: 'http_request',
  label: 'HTTP request',
  description: 'Calls an API and maps the JSON reply into variables.',
  group: 'Integrations',
  icon: 'Globe',
  data: httpRequestData,
  defaultData: () => ({ method: 'GET' as const, url: '', headers: {}, body: '', timeoutMs: 10_000, responseMapping: [] }),
  waitsForCustomer: true,
  secretsFilledIn: ['url', 'headers', 'body'],
  exits: () => ['success', 'error'],
  requiredExits: () => ['success', 'error'],
  validate(b, ctx) {
    const out: BlockProblem[] = [];
    const who = ctx.nameBlock(b.id, b.kind);
    if (b.data.url === '') {
      out.push({ severity: 'error', code: 'missing_url', path: ['data', 'url'], message: `${who} has no URL to call.`, hint: 'Fill in the address of the API, e.g. https://api.example.com/orders/{{orderNumber}}.' });
    } else {
      const why = urlProblem(b.data.url);
      if (why) out.push({ severity: 'error', code: 'bad_url', path: ['data', 'url'], message: `${who}: the URL '${b.data.url}' is not valid: ${why}.`, hint: 'Use a full address such as https://api.example.com/orders/{{orderNumber}}.' });
    }
    return out;
  },
  variablesRead(b) {
    const out: VariableUse[] = templateReads(b, ['url', 'body']);
    for (const [k, v] of Object.entries(b.data.headers)) out.push(...readsOf(v, ['data', 'headers', k]));
    return out;
  },
  variablesWritten: (b) => b.data.responseMapping.map((m) => m.variable),
});
