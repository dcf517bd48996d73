/** HTTP request: calls an API and maps the JSON reply into variables. */
import { z } from 'zod';
import { defineBlock, readsOf, templateReads } from './helpers';
import { urlProblem, variableNameProblem } from '../formats';
import type { BlockProblem, VariableUse } from './types';
import { builtinVariableNames, builtinVariables, visitorIdentityVariables } from '../builtinVariables';

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
  url: z.string().default('').meta({ title: 'URL', help: 'The address to call; {{variables}} are encoded safely.', widget: 'text', placeholder: 'https://api.example.com/lookup?ref={{reference}}' }),
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
        variable: z.string().meta({ title: 'Variable', help: 'Receives the value.', widget: 'variable', placeholder: 'replyStatus' }),
        path: z.string().meta({ title: 'Path in the reply', help: 'Dotted path in the JSON reply, e.g. data.status or items.0.name.', placeholder: 'data.status' }),
      }),
    )
    .default([])
    .meta({ title: 'Save from the reply', help: 'Copies fields of the JSON reply into variables.', widget: 'list' }),
});

/** Baton's own variables a reply must not overwrite: every built-in but the visitor's details (pageVariables.ts). */
const ENGINE_OWN = new Set<string>(builtinVariableNames.filter((n) => !visitorIdentityVariables.includes(n)));

/**
 * Session 50 (studio18, hostile s49 L5): a "Path in the reply" readPath cannot read as meant. `items[0` (a bracket not
 * closed), `items[first]` (only numbers go in brackets), ` status ` (spaces around: no field of the reply has them)
 * read nothing; `a..b` (an empty part) is read as `a.b`. Null when the path is fine (or empty: warned about apart).
 */
export function mappingPathProblem(path: string): { severity: 'error' | 'warning'; message: string; hint: string } | null {
  if (path.trim() === '') return null;
  const shown = JSON.stringify(path);
  if (path !== path.trim()) {
    return { severity: 'error', message: `the path ${shown} starts or ends with a space, so it looks for a field whose name has that space and reads nothing.`, hint: `Remove the spaces: ${path.trim()}.` };
  }
  const rest = path.replace(/^\[(\d+)\]/, '$1').replace(/\[(\d+)\]/g, '.$1');
  if (/[[\]]/.test(rest)) {
    const open = (path.match(/\[/g) ?? []).length;
    const close = (path.match(/\]/g) ?? []).length;
    const fixed = path.replace(/\[([^\]]*)\]?/g, (_, inner: string) => `.${inner.trim()}`).replace(/\]/g, '').replace(/\.{2,}/g, '.').replace(/^\./, '');
    return {
      severity: 'error',
      message:
        open !== close
          ? `the path ${shown} has a ${open > close ? '[ without its ]' : '] without its ['}, so it reads nothing.`
          : `the path ${shown} has something other than a number in [ ], so it reads nothing (brackets take a position in a list, e.g. items[0]).`,
      hint: `Write the parts with dots, e.g. ${fixed || 'items.0.name'} (or items[0].name for the first item of a list).`,
    };
  }
  if (/(^|\.)\s*(\.|$)/.test(rest) || rest.startsWith('.')) {
    const tidy = rest.split('.').filter((p) => p.trim() !== '').join('.');
    return { severity: 'warning', message: `the path ${shown} has an empty part (two dots together, or a dot at an end); it is read as ${tidy || 'the whole reply'}.`, hint: `Write ${tidy || 'the field to copy'} without the extra dot.` };
  }
  return null;
}

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
      out.push({ severity: 'error', code: 'missing_url', path: ['data', 'url'], message: `${who} has no URL to call.`, hint: 'Fill in the address of the API, e.g. https://api.example.com/lookup?ref={{reference}}.' });
    } else {
      const why = urlProblem(b.data.url);
      if (why) out.push({ severity: 'error', code: 'bad_url', path: ['data', 'url'], message: `${who}: the URL '${b.data.url}' is not valid: ${why}.`, hint: 'Use a full address such as https://api.example.com/lookup?ref={{reference}}.' });
    }
    b.data.responseMapping.forEach((m, i) => {
      const row = `row ${i + 1} of "Save from the reply"`;
      if (m.variable.trim() === '') {
        out.push({ severity: 'error', code: 'http_mapping_no_variable', path: ['data', 'responseMapping', i, 'variable'], message: `${who}: ${row} has no variable to save into.`, hint: 'Type the name of a variable, e.g. orderStatus, or delete the row.' });
      } else {
        const why = variableNameProblem(m.variable);
        if (why) out.push({ severity: 'error', code: 'http_mapping_bad_variable', path: ['data', 'responseMapping', i, 'variable'], message: `${who}: ${row} saves into '${m.variable}', which cannot be a variable name: ${why}.`, hint: 'Use letters, digits and _ only, starting with a letter, e.g. orderStatus.' });
        // Session 50 (studio18, hostile s49 L5): a row saving into one of Baton's own variables (lastMessage, agentName,
        // ...) overwrote what the engine keeps there (the API's text became the agent's name in "<agentName> will be with
        // you"); the chat-start API refuses a page presetting them for the same reason. The visitor's details
        // (customerName, customerEmail, customerPhone) may come from a CRM lookup: allowed.
        else if (ENGINE_OWN.has(m.variable.trim())) {
          const name = m.variable.trim();
          out.push({
            severity: 'error',
            code: 'http_mapping_engine_variable',
            path: ['data', 'responseMapping', i, 'variable'],
            message: `${who}: ${row} saves into '${name}', which Baton sets itself (${builtinVariables[name as keyof typeof builtinVariables].replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}): the reply would overwrite it.`,
            hint: `Save into a variable of your own, e.g. api${name.charAt(0).toUpperCase()}${name.slice(1)}.`,
          });
        }
      }
      const pathWhy = mappingPathProblem(m.path);
      if (pathWhy) out.push({ severity: pathWhy.severity, code: pathWhy.severity === 'error' ? 'http_mapping_bad_path' : 'http_mapping_odd_path', path: ['data', 'responseMapping', i, 'path'], message: `${who}: ${row}: ${pathWhy.message}`, hint: pathWhy.hint });
      if (m.path.trim() === '') {
        out.push({ severity: 'warning', code: 'http_mapping_no_path', path: ['data', 'responseMapping', i, 'path'], message: `${who}: ${row} has no path, so it saves the whole reply${m.variable.trim() ? ` in '${m.variable}'` : ''}.`, hint: 'Write the field to copy, e.g. data.status or items.0.name.' });
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
