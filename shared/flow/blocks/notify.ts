/** Notify: sends an email, Slack message or webhook. */
import { z } from 'zod';
import { notifyChannels, text } from './fields';
import { defineBlock, nextExit, noVariables, readsOf, templateReads } from './helpers';
import { emailProblem, slackChannelProblem, urlProblem } from '../formats';
import type { BlockProblem, VariableUse } from './types';

export const notifyData = z.object({
  channel: z
    .enum(notifyChannels)
    .default('email')
    .meta({
      title: 'Send by',
      help: 'How the team is told.',
      widget: 'select',
      choices: {
        email: { label: 'Email', help: 'An email to one or more addresses.' },
        slack: { label: 'Slack', help: 'A message in one or more Slack channels.' },
        webhook: { label: 'Webhook', help: 'A JSON POST to a URL of yours.' },
      },
    }),
  /** Email addresses, a Slack channel or webhook URL, depending on the channel. */
  to: z.array(z.string().min(1)).default([]).meta({ title: 'To', help: 'Email addresses, Slack channels (#sales) or webhook URLs, depending on "Send by".', widget: 'tags' }),
  subject: z.string().default('').meta({ title: 'Subject', help: 'Email subject; {{variables}} allowed.', widget: 'text', showWhen: { field: 'channel', equals: 'email' } }),
  /** `{{template}}` */
  text: text.default('').meta({ title: 'Message', help: 'What is sent; {{variables}} allowed.', widget: 'template' }),
});

export const notifyBlock = defineBlock({
  kind: 'notify',
  label: 'Notify',
  description: 'Sends an email, Slack message or webhook.',
  group: 'Integrations',
  icon: 'Bell',
  data: notifyData,
  defaultData: () => ({ channel: 'email' as const, to: [], subject: '', text: '' }),
  waitsForCustomer: false,
  secretsFilledIn: ['to'],
  exits: nextExit,
  requiredExits: nextExit,
  validate(b, ctx) {
    const who = ctx.nameBlock(b.id, b.kind);
    const out: BlockProblem[] = [];
    if (b.data.to.length === 0) {
      out.push({ severity: 'error', code: 'no_recipient', path: ['data', 'to'], message: `${who} has nobody to notify.`, hint: 'Add at least one recipient in "To".' });
    }
    const check = b.data.channel === 'email' ? emailProblem : b.data.channel === 'slack' ? slackChannelProblem : urlProblem;
    const what = b.data.channel === 'email' ? 'email address' : b.data.channel === 'slack' ? 'Slack channel' : 'webhook URL';
    const example = b.data.channel === 'email' ? 'team@example.com' : b.data.channel === 'slack' ? '#support' : 'https://hooks.example.com/baton';
    b.data.to.forEach((t, i) => {
      const why = check(t);
      if (why) out.push({ severity: 'error', code: `bad_${b.data.channel === 'email' ? 'email' : b.data.channel === 'slack' ? 'slack_channel' : 'url'}`, path: ['data', 'to', i], message: `${who}: '${t}' is not a valid ${what}: ${why}.`, hint: `Write it like ${example}.` });
    });
    return out;
  },
  variablesRead(b) {
    const out: VariableUse[] = templateReads(b, ['subject', 'text']);
    b.data.to.forEach((t, i) => out.push(...readsOf(t, ['data', 'to', i])));
    return out;
  },
  variablesWritten: noVariables,
});
