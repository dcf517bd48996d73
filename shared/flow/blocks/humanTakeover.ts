/**
 * Human Takeover: hands the conversation to a person. One flat record so the inspector can switch modes
 * without losing settings; the engine reads only what the chosen assignation uses:
 * - simple: agents/teams; hand over at once.
 * - default: asks name (if unknown), email and reason, then notifies `notifyEmails`.
 * - custom: every other option.
 * Every field carries `tabs` (the inspector's three tabs) and a one-line help.
 */
import { z } from 'zod';
import { assignationModes, openingHoursSchema, priorities, priorityChoices, text } from './fields';
import { defineBlock, readsOf, templateReads } from './helpers';
import { emailProblem, slackChannelProblem } from '../formats';
import { openingHoursProblems } from '../openingHoursProblems';
import type { BlockProblem } from './types';

const ALL = ['simple', 'default', 'custom'] as const;
const CUSTOM = ['custom'] as const;
const custom = { field: 'assignation', equals: 'custom' } as const;

/** The takeover's lead-in sentences before its first question (newcomer s12 #16), by why the chat came here. */
export const DEFAULT_LEAD_IN = {
  misunderstood: "I don't think I can help with this myself, so I'll get a person for you.",
  asked: "Of course, I'll get a person for you.",
  escalated: "I'll get a person to help you with this.",
  /** Session 26 (newcomer s26 F10): an upset customer is told sorry first. */
  upset: "I'm sorry about this. I'll get a person to help you with this.",
  flow: "I'll get a person for you.",
} as const;

/** Session 29 (newcomer s28 N6): said when automatic assignment gives the chat to an agent who has not opened it yet. */
export const DEFAULT_ASSIGNED_SOON = '{{agentName}} will be with you shortly.';

export const humanTakeoverData = z.object({
  assignation: z
    .enum(assignationModes)
    .default('simple')
    .meta({
      title: 'Assignation',
      help: 'How the conversation reaches a person.',
      widget: 'select',
      tabs: ALL,
      choices: {
        // Session 12 (newcomer s12 #21): "Hands over at once" read like automatic assignment; the chat waits in the
        // inbox's Unassigned list until an agent picks it up (only Custom with "Assign automatically" gives it out).
        simple: { label: 'Simple', help: 'Puts the chat in the inbox at once, under Unassigned: an agent you allow (or of a team you allow) picks it up.' },
        default: { label: 'Default', help: 'Asks name, email and reason first, emails the people you list, then agents pick the chat up from Unassigned.' },
        custom: { label: 'Custom', help: 'Every option: automatic assignment (off: agents pick chats up from Unassigned), questions, hours, priority, skills and timers.' },
      },
    }),
  handoffMessage: text
    .default(
      'I am connecting you with a person. Expected wait: {{estimatedWait}}. They will see this conversation, so you will not need to repeat yourself.',
    )
    .meta({ title: 'Handoff message', help: 'Said when the chat is handed over; {{estimatedWait}} is available.', widget: 'template', tabs: ALL }),
  assignedMessage: text
    .default('{{agentName}} has joined the conversation.')
    .meta({ title: 'Agent joined message', help: 'Said when an agent accepts, or opens a chat given to them automatically; {{agentName}} is available.', widget: 'template', tabs: ALL }),
  /**
   * Session 29 (newcomer s28 N6): with automatic assignment the chat is given to an agent who has not seen it yet; the
   * customer was told "Ann has joined the chat" while Ann's inbox showed nothing. Now this is said then, and the Agent
   * joined message when she opens the chat or writes. A flow without the field gets the default (no migration).
   */
  assignedSoonMessage: text
    .default(DEFAULT_ASSIGNED_SOON)
    .meta({
      title: 'Agent assigned message',
      help: 'Said when automatic assignment gives the chat to an agent, before the agent opens it; {{agentName}} is available. The Agent joined message follows when the agent opens the chat.',
      widget: 'template',
      tabs: CUSTOM,
      showWhen: { field: 'autoAssign.enabled', equals: true },
    }),
  /**
   * Session 13 (review debt of s12 #16): the line said before the block's first question when that is not the name
   * question ("Before I connect you, ..." says it already), by why the chat came here. Was hard-coded English in the
   * engine; the defaults are those sentences, so a flow without the field behaves as before. Empty: nothing is said.
   */
  leadIn: z
    .object({
      misunderstood: text
        .default(DEFAULT_LEAD_IN.misunderstood)
        .meta({ title: 'When the bot did not understand', help: 'After unclear messages, repeated fallbacks or a loop.', widget: 'template' }),
      asked: text.default(DEFAULT_LEAD_IN.asked).meta({ title: 'When the customer asked for a person', help: 'After "can I talk to someone?" or the offer\'s person button.', widget: 'template' }),
      escalated: text
        .default(DEFAULT_LEAD_IN.escalated)
        .meta({ title: 'When the bot escalated', help: 'Sensitive topic, urgency or a sales lead (and an upset customer, when the next line is left as built in).', widget: 'template' }),
      // Session 26 (newcomer s26 F10): an angry customer got "I'll get a person to help you with this." and the email
      // question, no acknowledgement. A flow that rewrote the line above and left this one as built in says its own line.
      upset: text.default(DEFAULT_LEAD_IN.upset).meta({
        title: 'When the customer is upset',
        help: 'After an angry or frustrated message: say sorry first. Left as built in while the line above is your own, the line above is said.',
        widget: 'template',
      }),
      flow: text.default(DEFAULT_LEAD_IN.flow).meta({ title: 'When the flow led here', help: 'A connection in the flow (a button, an error exit) led to this block.', widget: 'template' }),
    })
    .default({ ...DEFAULT_LEAD_IN })
    .meta({
      title: 'Before the first question',
      help: 'Said before the email or reason question so the customer knows a person is coming (the name question says so itself). Empty: nothing is said.',
      widget: 'object',
      tabs: ['default', 'custom'],
      showWhen: { field: 'assignation', oneOf: ['default', 'custom'] },
    }),
  /** Agent ids allowed to take the chat (empty = anyone). */
  agents: z.array(z.string()).default([]).meta({ title: 'Agents allowed', help: 'Only these agents may take the chat (empty: anyone).', widget: 'tags', tabs: ALL }),
  /** Team names allowed to take the chat (empty = any team). */
  teams: z.array(z.string()).default([]).meta({ title: 'Teams allowed', help: 'Only these teams may take the chat (empty: any team).', widget: 'tags', tabs: ALL }),
  /** default mode: who is emailed when the handoff is requested. */
  notifyEmails: z
    .array(z.string())
    .default([])
    .meta({ title: 'Notification emails', help: 'Emailed with the summary when a chat is handed over.', widget: 'emails', tabs: ['default'], showWhen: { field: 'assignation', equals: 'default' }, placeholder: 'support@example.com' }),
  /** Any mode: Slack channels told about each handoff (e.g. "#sales-hot-leads"), with the summary. */
  slackChannels: z
    .array(z.string().min(1))
    .default([])
    .meta({ title: 'Slack channels', help: 'Told about each handoff with the summary, e.g. #sales-hot-leads.', widget: 'slack_channels', tabs: ALL, placeholder: '#support' }),
  /** custom mode options */
  autoAssign: z
    .object({
      enabled: z.boolean().default(false).meta({ title: 'Assign automatically', help: 'Gives the chat to an available agent instead of waiting for one to accept.', widget: 'switch' }),
      strategy: z
        .enum(['round_robin', 'least_busy'])
        .default('round_robin')
        .meta({
          title: 'Policy',
          help: 'Which available agent gets the chat.',
          widget: 'select',
          showWhen: { field: 'autoAssign.enabled', equals: true },
          choices: {
            round_robin: { label: 'Round robin', help: 'Agents take turns.' },
            least_busy: { label: 'Least busy', help: 'The agent with the fewest open chats.' },
          },
        }),
      maxChatsPerAgent: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(3)
        .meta({ title: 'Capacity per agent', help: 'Chats an agent may hold at once before being skipped.', widget: 'number', showWhen: { field: 'autoAssign.enabled', equals: true } }),
    })
    .default({ enabled: false, strategy: 'round_robin', maxChatsPerAgent: 3 })
    .meta({ title: 'Auto-assignment', help: 'Assignment policy and capacity per agent.', widget: 'object', tabs: CUSTOM, showWhen: custom }),
  askEmail: z.boolean().default(false).meta({ title: 'Ask for an email', help: 'Asks for an email while waiting, in case the chat drops.', widget: 'switch', tabs: CUSTOM, showWhen: custom }),
  askReason: z.boolean().default(false).meta({ title: 'Ask the reason', help: 'Asks what the customer needs so the agent starts informed.', widget: 'switch', tabs: CUSTOM, showWhen: custom }),
  availability: openingHoursSchema
    .nullable()
    .default(null)
    .meta({ title: 'Availability', help: 'When people answer; outside these hours the out-of-hours message is said (none: always).', widget: 'opening_hours', tabs: CUSTOM, showWhen: custom }),
  outOfHoursMessage: text
    .default('Our team is offline right now. Leave your details and we will get back to you.')
    .meta({ title: 'Out-of-hours message', help: 'Said outside the availability times, before the “No agent” exit.', widget: 'template', tabs: CUSTOM, showWhen: custom }),
  restartButtons: z.boolean().default(true).meta({ title: 'Restart button', help: 'Offers a "Start again" button when the agent ends the chat.', widget: 'switch', tabs: CUSTOM, showWhen: custom }),
  /** Email `waitingEmailTo` when a chat waits longer than this many minutes (0 = off). */
  waitingEmailAfterMinutes: z
    .number()
    .min(0)
    .max(1440)
    .default(0)
    .meta({ title: 'Email when pending for (minutes)', help: 'Emails the people below when a chat waits this long (0: never).', widget: 'number', tabs: CUSTOM, showWhen: custom }),
  waitingEmailTo: z
    .array(z.string())
    .default([])
    .meta({ title: 'Pending-chat emails', help: 'Who is emailed about a chat pending too long.', widget: 'emails', tabs: CUSTOM, showWhen: custom }),
  /** Minutes a chat may wait in the queue before the `timeout` exit (all modes). */
  queueTimeoutMinutes: z
    .number()
    .min(0.1)
    .max(1440)
    .default(10)
    .meta({ title: 'Queue timeout (minutes)', help: 'After this long with nobody accepting, the “Timeout” exit is taken.', widget: 'number', tabs: ALL }),
  priority: z.enum(priorities).default('normal').meta({ title: 'Priority', help: 'Place in the queue against other chats.', widget: 'select', choices: priorityChoices, tabs: CUSTOM, showWhen: custom }),
  /** Queue priority of a chat the escalation policy hands over for urgency (newcomer s8 #34); `priority` for the others. */
  urgencyPriority: z
    .enum(priorities)
    .default('urgent')
    .meta({
      title: 'Priority when urgent',
      help: 'Place in the queue of a chat handed over because the matter is urgent (a deadline or an emergency the customer names); the agent is also told the deadline. Choose Normal (or the same as Priority) to queue urgent chats like any other.',
      widget: 'select',
      choices: priorityChoices,
      tabs: ALL,
    }),
  skill: z.string().default('').meta({ title: 'Skill', help: 'Only agents with this skill get the chat (empty: any).', widget: 'text', tabs: CUSTOM, showWhen: custom, placeholder: 'e.g. billing' }),
  language: z.string().default('').meta({ title: 'Language', help: 'Only agents who speak it get the chat (empty: any).', widget: 'text', tabs: CUSTOM, showWhen: custom, placeholder: 'e.g. fr' }),
})
  // Session 12 (newcomer s12 #20): Default mode always asks for an email and the reason (and the name), so its data says
  // so: a file read or exported in Default mode has askEmail and askReason true, not the false defaults that Custom
  // uses, which told a team reading the file that the bot asks neither. (Switching to Custom afterwards keeps them on,
  // as the bot asked them.)
  .overwrite((d) => (d.assignation === 'default' && (!d.askEmail || !d.askReason) ? { ...d, askEmail: true, askReason: true } : d));
export type HumanTakeoverData = z.infer<typeof humanTakeoverData>;

export const humanTakeoverBlock = defineBlock({
  kind: 'human_takeover',
  label: 'Human takeover',
  description: 'Hands the conversation to a person (simple, default or custom assignation).',
  group: 'Handoff',
  icon: 'Headset',
  data: humanTakeoverData,
  defaultData: () => humanTakeoverData.parse({}),
  waitsForCustomer: true,
  isHandoffTarget: true,
  exits: () => ['resolved', 'no_agent', 'timeout'],
  requiredExits: () => ['resolved', 'no_agent', 'timeout'],
  // A Ticket (or another takeover: a second team) is for when nobody came; a rating is for after the agent.
  exitsFor: (kind) => (kind === 'ticket' || kind === 'human_takeover' ? ['no_agent', 'timeout'] : kind === 'csat' ? ['resolved'] : []),
  // Session 27 (newcomer s26 F14): Run refused a first flow until all three exits were wired, though the simulator played
  // it. The engine ends the conversation at an open exit in the customer's words (shared/engine/humanTakeover.ts
  // followOrEnd), so each is a warning that says what happens.
  unwiredExit(b, exit, who) {
    if (exit === 'resolved')
      return {
        code: 'takeover_exit_unwired',
        severity: 'warning',
        message: `${who} has nothing connected to its 'resolved' exit: when an agent clicks "Hand back to bot" in the inbox, the customer is told "This conversation has ended." and it ends.`,
        hint: `To carry on after the agent (a rating question, the main menu), connect the 'resolved' exit.`,
      };
    if (exit !== 'no_agent' && exit !== 'timeout') return null;
    return {
      code: 'takeover_exit_unwired',
      severity: 'warning',
      message:
        exit === 'no_agent'
          ? `${who} has nothing connected to its 'no_agent' exit: when no agent is available, the customer is told "Sorry, no one from our team is available right now." and the conversation ends, with no way to leave their details.`
          : `${who} has nothing connected to its 'timeout' exit: when nobody picks the chat up within ${b.data.queueTimeoutMinutes} minute${b.data.queueTimeoutMinutes === 1 ? '' : 's'}, the customer is told "Sorry, no one from our team is available right now." and the conversation ends.`,
      hint: `Connect the '${exit}' exit to a Ticket block so the customer can leave their details and be contacted later (or to a message and an End block).`,
    };
  },
  validate(b, ctx) {
    const who = ctx.nameBlock(b.id, b.kind);
    const out: BlockProblem[] = [];
    const emails = (field: 'notifyEmails' | 'waitingEmailTo') =>
      b.data[field].forEach((t, i) => {
        const why = emailProblem(t);
        if (why) out.push({ severity: 'error', code: 'bad_email', path: ['data', field, i], message: `${who}: '${t}' is not a valid email address: ${why}.`, hint: 'Write it like support@example.com.' });
      });
    emails('notifyEmails');
    emails('waitingEmailTo');
    b.data.slackChannels.forEach((t, i) => {
      const why = slackChannelProblem(t);
      if (why) out.push({ severity: 'error', code: 'bad_slack_channel', path: ['data', 'slackChannels', i], message: `${who}: '${t}' is not a valid Slack channel: ${why}.`, hint: 'Write a channel as #channel-name (lower case, no spaces) or its id, e.g. C0123ABCD.' });
    });
    if (b.data.availability) out.push(...openingHoursProblems(b.data.availability, ['data', 'availability'], ctx));
    if (b.data.assignation === 'default' && b.data.notifyEmails.length === 0) {
      out.push({ severity: 'warning', code: 'no_notify_emails', path: ['data', 'notifyEmails'], message: `${who} uses default assignation but emails nobody about handoffs.`, hint: 'Add the notification emails of the people who answer chats.' });
    }
    if (b.data.waitingEmailAfterMinutes > 0 && b.data.waitingEmailTo.length === 0) {
      out.push({ severity: 'warning', code: 'no_waiting_emails', path: ['data', 'waitingEmailTo'], message: `${who} emails about chats pending over ${b.data.waitingEmailAfterMinutes} minutes, but to nobody.`, hint: 'Add who should be emailed, or set the minutes to 0.' });
    }
    return out;
  },
  openingHoursOf: (b) =>
    b.data.assignation === 'custom' && b.data.availability
      ? { hours: b.data.availability, whenClosed: 'Human takeover: says its out-of-hours message and leaves by "no_agent"' }
      : null,
  variablesRead: (b) => [
    ...templateReads(b, ['handoffMessage', 'assignedMessage', 'assignedSoonMessage', 'outOfHoursMessage']),
    ...Object.entries(b.data.leadIn).flatMap(([k, v]) => readsOf(v, ['data', 'leadIn', k])),
  ],
  variablesWritten: () => ['customerName', 'customerEmail', 'handoffReason'],
});
