/** Intent router: understands what the customer wants; one exit per intent plus a fallback. */
import { z } from 'zod';
import { id, text } from './fields';
import { defineBlock, optionProblems, templateReads } from './helpers';
import type { BlockProblem } from './types';

export const intentSchema = z.object({
  id: id.meta({ title: 'Exit id', help: 'Names the exit this intent leads through.', hidden: true }),
  name: z.string().min(1).meta({ title: 'Intent name', help: 'A short name, e.g. track_order; stored in {{intent}}.', placeholder: 'track_order' }),
  examples: z.array(z.string().min(1)).default([]).meta({ title: 'Example phrases', help: 'What customers write for this intent (five or more works best).', widget: 'tags' }),
});
export const intentRouterData = z.object({
  /** Optional prompt shown before waiting for the customer's message. */
  prompt: text.default('').meta({ title: 'Prompt', help: 'Said before waiting for the customer (optional).', widget: 'template', placeholder: 'What can I help you with?' }),
  intents: z.array(intentSchema).default([]).meta({ title: 'Intents', help: 'One exit per intent.', widget: 'options' }),
  /** Minimum confidence to follow an intent's exit; below it the `fallback` exit is taken. */
  threshold: z.number().min(0).max(1).default(0.5).meta({ title: 'Confidence threshold', help: 'Below this confidence (0 to 1) the fallback exit is taken.', widget: 'number' }),
  /** Variable that receives the matched intent's name. */
  variable: z.string().optional().meta({ title: 'Save intent in', help: "Variable that receives the intent's name (optional).", widget: 'variable' }),
});

export const intentRouterBlock = defineBlock({
  kind: 'intent_router',
  label: 'Intent router',
  description: 'Understands what the customer wants; one exit per intent plus a fallback.',
  group: 'Questions',
  icon: 'Brain',
  data: intentRouterData,
  defaultData: () => ({ prompt: '', intents: [{ id: 'intent-1', name: 'intent_1', examples: [] }], threshold: 0.5 }),
  waitsForCustomer: true,
  exits: (b) => [...b.data.intents.map((i) => i.id), 'fallback'],
  optionExits: { field: 'intents', noun: 'intent', labelField: 'name' },
  sampleAnswers: (b) => b.data.intents.filter((i) => i.examples.length > 0).map((i) => ({ name: `asks ${i.name}`, text: i.examples[0] })),
  requiredExits: (b) => b.data.intents.map((i) => i.id),
  describeExit(b, exit) {
    const i = b.data.intents.find((x) => x.id === exit);
    return i ? `the '${i.name}' intent` : `its '${exit}' exit`;
  },
  validate(b, ctx) {
    const who = ctx.nameBlock(b.id, b.kind);
    const out: BlockProblem[] = optionProblems(b.data.intents, 'intents', 'intent', who, 'Add at least one intent with a few example phrases.');
    b.data.intents.forEach((intent, k) => {
      if (intent.examples.length > 0) return;
      out.push({
        severity: 'error',
        code: 'intent_without_examples',
        path: ['data', 'intents', k, 'examples'],
        message: `${who}: the intent '${intent.name}' has no example phrases, so it can never be recognised.`,
        hint: 'Add a few example phrases a customer might write for this intent (five or more works best).',
      });
    });
    return out;
  },
  variablesRead: (b) => templateReads(b, ['prompt']),
  variablesWritten: (b) => (b.data.variable ? [b.data.variable] : []),
  intentNames: (b) => b.data.intents.map((i) => i.name),
});
