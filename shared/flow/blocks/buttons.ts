/** Buttons: offers choices; typed text is matched forgivingly. One exit per option, plus `fallback`. */
import { z } from 'zod';
import { id, text } from './fields';
import { defineBlock, optionProblems, templateReads } from './helpers';
import { sameLabels } from '../sameLabel';

export const buttonOptionSchema = z.object({
  id: id.meta({ title: 'Exit id', help: 'Names the exit this option leads through (stable when the label changes).', hidden: true }),
  label: z.string().min(1).max(200).meta({ title: 'Label', help: 'The text on the button.', placeholder: 'Track my order' }),
  /** Value stored in `variable` when chosen (defaults to the label). */
  value: z.string().optional().meta({ title: 'Value', help: 'Stored in the variable when chosen (the label when empty).' }),
  /** Other words a customer may type for this option. */
  synonyms: z.array(z.string()).default([]).meta({ title: 'Synonyms', help: 'Other words a customer may type for this option.', widget: 'tags' }),
});
export const buttonsData = z.object({
  text: text.default('').meta({ title: 'Question', help: 'Shown above the buttons; {{variables}} allowed.', widget: 'template', placeholder: 'How can I help?' }),
  options: z.array(buttonOptionSchema).default([]).meta({ title: 'Buttons', help: 'One exit per button; drag to reorder.', widget: 'options' }),
  variable: z.string().optional().meta({ title: 'Save choice in', help: 'Variable that receives the chosen value (optional).', widget: 'variable' }),
  retryMessage: text.default('Please choose one of the options.').meta({ title: 'Retry message', help: 'Said when typed text matches no button.', widget: 'template' }),
  maxRetries: z.number().int().min(0).max(20).default(2).meta({ title: 'Retries', help: 'Unmatched answers allowed before the fallback exit is taken.', widget: 'number' }),
});

export const buttonsBlock = defineBlock({
  kind: 'buttons',
  label: 'Buttons',
  description: 'Offers choices; typed text is matched forgivingly.',
  group: 'Questions',
  icon: 'LayoutList',
  data: buttonsData,
  defaultData: () => ({
    text: '',
    options: [
      { id: 'option-1', label: 'Option 1', synonyms: [] },
      { id: 'option-2', label: 'Option 2', synonyms: [] },
    ],
    retryMessage: 'Please choose one of the options.',
    maxRetries: 2,
  }),
  waitsForCustomer: true,
  exits: (b) => [...b.data.options.map((o) => o.id), 'fallback'],
  optionExits: { field: 'options', noun: 'option', labelField: 'label' },
  sampleAnswers: (b) => b.data.options.map((o) => ({ name: `chooses ${o.label}`, text: o.label })),
  requiredExits: (b) => b.data.options.map((o) => o.id),
  describeExit(b, exit) {
    const o = b.data.options.find((x) => x.id === exit);
    return o ? `the '${o.label}' option` : `its '${exit}' exit`;
  },
  validate(b, ctx) {
    const who = ctx.nameBlock(b.id, b.kind);
    const out = optionProblems(b.data.options, 'options', 'option', who, 'Add at least one button option.');
    // Two buttons that read the same (newcomer s11 #18): the customer cannot tell them apart, and typing the label
    // only ever reaches the first (as the escalation offer's identical buttons, offer_buttons_same_label).
    for (const { first, again } of sameLabels(b.data.options.map((o) => o.label))) {
      out.push({
        severity: 'error',
        code: 'duplicate_option_label',
        path: ['data', 'options', again, 'label'],
        message: `${who} has two buttons that read "${b.data.options[again].label.trim()}" (buttons ${first + 1} and ${again + 1}): the customer sees the same button twice, and typing it always picks button ${first + 1}.`,
        hint: `Give button ${again + 1} its own label, or delete it.`,
      });
    }
    return out;
  },
  variablesRead: (b) => templateReads(b, ['text', 'retryMessage']),
  variablesWritten: (b) => (b.data.variable ? [b.data.variable] : []),
});
