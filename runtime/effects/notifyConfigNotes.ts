/**
 * What `baton serve` says at start when a served flow sends notifications that the --config file cannot deliver
 * (newcomer s7 #16): lead-gen's "notify the sales team on Slack" ran with no "slack" section, and the first hot lead's
 * ping was lost with a log line written after the fact. One sentence per channel and flow: which blocks send, to
 * whom, and the --config section to add. Webhooks need nothing (their URLs are in the flow).
 *
 * Which blocks send what is read from the blocks' data as the engine uses it (shared/engine: the Notify block's
 * channel and recipients; a Human Takeover's handoff emails with the default assignation, its Slack channels, and its
 * "still waiting" email with the custom one), so no block kind is compared here.
 */
import type { Flow } from '../../shared/flow/schema';
import type { NotifyConfig } from './effectRunner';

interface Sends {
  email: Map<string, Set<string>>; // block label -> recipients
  slack: Map<string, Set<string>>;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);

function add(m: Map<string, Set<string>>, block: string, to: string[]) {
  if (to.length === 0) return;
  const s = m.get(block) ?? new Set<string>();
  for (const t of to) s.add(t);
  m.set(block, s);
}

/** The email and Slack messages each block of the flow may send. */
function sendsOf(flow: Flow): Sends {
  const out: Sends = { email: new Map(), slack: new Map() };
  for (const b of flow.blocks) {
    const d = b.data as Record<string, unknown>;
    const name = `"${b.label?.trim() || b.id}"`;
    if ((d.channel === 'email' || d.channel === 'slack') && Array.isArray(d.to)) add(out[d.channel], name, strings(d.to));
    if (d.assignation === 'default') add(out.email, name, strings(d.notifyEmails));
    add(out.slack, name, strings(d.slackChannels));
    if (d.assignation === 'custom' && typeof d.waitingEmailAfterMinutes === 'number' && d.waitingEmailAfterMinutes > 0) add(out.email, name, strings(d.waitingEmailTo));
  }
  return out;
}

const list = (m: Map<string, Set<string>>) =>
  [...m].map(([block, to]) => `${block} to ${[...to].slice(0, 3).join(', ')}${to.size > 3 ? ` and ${to.size - 3} more` : ''}`).join('; ');

/**
 * One note per flow and channel whose messages the configuration cannot send; empty when all can be sent.
 * `configGiven`: whether `baton serve` was given a --config file (newcomer s13 #11b: without one, the note blamed a
 * file that does not exist; it now says none was given and how to pass one).
 */
export function notifyConfigNotes(flows: readonly Flow[], notify: NotifyConfig, configGiven = true): string[] {
  const notes: string[] = [];
  const smtpExample = '"smtp": { "host": ..., "port": 587, "auth": { "user": ..., "pass": ... }, "from": ... }';
  for (const flow of flows) {
    const s = sendsOf(flow);
    if (s.email.size > 0 && !notify.smtp)
      notes.push(
        configGiven
          ? `flow ${flow.id} sends emails (${list(s.email)}) but the --config file has no "smtp" section: they will fail. ` +
              `Add ${smtpExample} (docs/runtime.md, --config).`
          : `flow ${flow.id} sends emails (${list(s.email)}) but no --config file was given, so emails have no SMTP server: they will fail. ` +
              `Pass --config with a file holding ${smtpExample} (docs/runtime.md, --config).`,
      );
    if (s.slack.size > 0) {
      const hooks = notify.slack?.webhooks ?? {};
      const missing = new Map<string, Set<string>>();
      for (const [block, to] of s.slack) {
        const lost = [...to].filter((channel) => !Object.hasOwn(hooks, channel) && !notify.slack?.webhookUrl);
        if (lost.length) missing.set(block, new Set(lost));
      }
      if (missing.size > 0)
        notes.push(
          `flow ${flow.id} sends Slack messages (${list(missing)}) but ${configGiven ? `the --config file has no Slack webhook for ${missing.size === s.slack.size && !notify.slack ? 'them' : 'those channels'}` : 'no --config file was given, so Slack messages have no webhook'}: they will fail. ` +
            `Add "slack": { "webhookUrl": "https://hooks.slack.com/services/..." } or "slack": { "webhooks": { "#channel": "https://hooks.slack.com/services/..." } }.`,
        );
    }
  }
  return notes;
}
