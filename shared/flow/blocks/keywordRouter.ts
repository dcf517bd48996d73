/** Keyword router: routes on keywords; one exit per route plus a fallback. */
import { z } from 'zod';
import { id, text } from './fields';
import { defineBlock, noVariables, optionProblems, templateReads } from './helpers';
import type { BlockProblem } from './types';

export const keywordRouteSchema = z.object({
  id: id.meta({ title: 'Route name', help: 'Names the route and its exit, e.g. billing.', placeholder: 'billing' }),
  keywords: z.array(z.string().min(1)).default([]).meta({ title: 'Keywords', help: 'Words or phrases that lead to this route.', widget: 'tags' }),
});
export const keywordRouterData = z.object({
  prompt: text.default('').meta({ title: 'Prompt', help: 'Said before waiting for the customer (optional).', widget: 'template' }),
  routes: z.array(keywordRouteSchema).default([]).meta({ title: 'Routes', help: 'One exit per route; the first route whose keyword matches wins.', widget: 'options' }),
});

export const keywordRouterBlock = defineBlock({
  kind: 'keyword_router',
  label: 'Keyword router',
  description: 'Routes on keywords; one exit per route plus a fallback.',
  group: 'Questions',
  icon: 'Tags',
  data: keywordRouterData,
  defaultData: () => ({ prompt: '', routes: [{ id: 'route-1', keywords: [] }] }),
  waitsForCustomer: true,
  exits: (b) => [...b.data.routes.map((r) => r.id), 'fallback'],
  optionExits: { field: 'routes', noun: 'route', labelField: 'id' },
  sampleAnswers: (b) => b.data.routes.filter((r) => r.keywords.length > 0).map((r) => ({ name: `says ${r.keywords[0]}`, text: r.keywords[0] })),
  requiredExits: (b) => b.data.routes.map((r) => r.id),
  describeExit: (_b, exit) => `the '${exit}' route`,
  validate(b, ctx) {
    const who = ctx.nameBlock(b.id, b.kind);
    const out: BlockProblem[] = optionProblems(b.data.routes, 'routes', 'route', who, 'Add at least one route with keywords.');
    b.data.routes.forEach((route, k) => {
      if (route.keywords.length > 0) return;
      out.push({
        severity: 'error',
        code: 'route_without_keywords',
        path: ['data', 'routes', k, 'keywords'],
        message: `${who}: the route '${route.id}' has no keywords, so it can never be taken.`,
        hint: 'Add the keywords that should lead to this route.',
      });
    });
    return out;
  },
  variablesRead: (b) => templateReads(b, ['prompt']),
  variablesWritten: noVariables,
});
