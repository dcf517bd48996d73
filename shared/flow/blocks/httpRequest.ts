/** HTTP request: calls an API and maps the JSON reply into variables. */
import { z } from 'zod';
import { defineBlock, readsOf, templateReads } from './helpers';
import { urlProblem, variableNameProblem } from '../formats';
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
        // Session 48 (studio16, newcomer s47 N2): may be empty, so "Add" starts an empty field with its placeholder
        // instead of the made-up name "Save from the reply 1" (spaces: no {{template}} can read it); validate() says
        // what is missing.
        variable: z.string().meta({ title: 'Variable', help: 'Receives the value.', widget: 'variable', placeholder: 'orderStatus' }),
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
    b.data.responseMapping.forEach((m, i) => {
      const row = `row ${i + 1} of "Save from the reply"`;
      if (m.variable.trim() === '') {
        out.push({ severity: 'error', code: 'http_mapping_no_variable', path: ['data', 'responseMapping', i, 'variable'], message: `${who}: ${row} has no variable to save into.`, hint: 'Type the name of a variable, e.g. orderStatus, or delete the row.' });
      } else {
        const why = variableNameProblem(m.variable);
        if (why) out.push({ severity: 'error', code: 'http_mapping_bad_variable', path: ['data', 'responseMapping', i, 'variable'], message: `${who}: ${row} saves into '${m.variable}', which cannot be a variable name: ${why}.`, hint: 'Use letters, digits and _ only, starting with a letter, e.g. orderStatus.' });
      }
      if (m.path.trim() === '') {
        out.push({ severity: 'warning', code: 'http_mapping_no_path', path: ['data', 'responseMapping', i, 'path'], message: `${who}: ${row} has no path, so it saves the whole reply${m.variable.trim() ? ` in '${m.variable}'` : ''}.`, hint: 'Write the field to copy, e.g. order.status or items.0.name.' });
      }
    });
    return out;
  },
  variablesRead(b) {
    const out: VariableUse[] = templateReads(b, ['url', 'body']);
    for (const [k, v] of Object.entries(b.data.headers)) out.push(...readsOf(v, ['data', 'headers', k]));
    return out;
  },
  variablesWritten: (b) => b.data.responseMapping.map((m) => m.variable).filter((v) => v.trim() !== ''),
});
