/**
 * The start-up note of `baton serve` for notifications the --config file cannot deliver (newcomer s7 #16: lead-gen's
 * Slack ping to #sales-hot-leads was lost, said only in a log line after the fact). Against the sample flows as
 * shipped: what each one sends, and silence once the config can send it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notifyConfigNotes } from '../../runtime/effects/notifyConfigNotes';
import { repoRoot } from '../../runtime/studio/startStudioServer';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';

const sample = (name: string): Flow => {
  const v = validateFlow(JSON.parse(readFileSync(join(repoRoot, 'flows', `${name}.json`), 'utf8')) as Flow);
  if (!v.ok || !v.flow) throw new Error(name);
  return v.flow;
};
const smtp = { host: 'smtp.example.com', port: 587, from: 'bot@example.com' };

describe('notifications the --config cannot send, said at start', () => {
  it('lead-gen without --config: the Slack ping and the sales email are named, with what to add', () => {
    const notes = notifyConfigNotes([sample('lead-gen')], {});
    expect(notes).toHaveLength(2);
    expect(notes[0]).toBe(
      'flow lead-gen sends emails ("Sales team" to sales@acme.example) but the --config file has no "smtp" section: they will fail. Add "smtp": { "host": ..., "port": 587, "auth": { "user": ..., "pass": ... }, "from": ... } (docs/runtime.md, --config).',
    );
    expect(notes[1]).toContain('flow lead-gen sends Slack messages ("Ping #sales-hot-leads" to #sales-hot-leads) but the --config file has no Slack webhook for them: they will fail.');
  });

  it('the support sample: its "still waiting after 5 minutes" email needs smtp', () => {
    const [note, ...more] = notifyConfigNotes([sample('customer-support')], {});
    expect(more).toEqual([]);
    expect(note).toContain('flow customer-support sends emails ("Customer service team" to support-leads@northwind.example)');
  });

  it('nothing to say once the config can send it; a Slack webhook for another channel does not count', () => {
    const flows = [sample('lead-gen'), sample('customer-support'), sample('insurance-claims'), sample('travel-urgency')];
    expect(notifyConfigNotes(flows, { smtp, slack: { webhooks: { '#sales-hot-leads': 'https://hooks.slack.com/services/T/B/x' } } })).toEqual([]);
    expect(notifyConfigNotes(flows, { smtp, slack: { webhookUrl: 'https://hooks.slack.com/services/T/B/x' } })).toEqual([]);
    const other = notifyConfigNotes([sample('lead-gen')], { smtp, slack: { webhooks: { '#general': 'https://hooks.slack.com/services/T/B/y' } } });
    expect(other).toHaveLength(1);
    expect(other[0]).toContain('has no Slack webhook for those channels');
    expect(notifyConfigNotes([sample('travel-urgency')], {})).toEqual([]);
  });
});

describe('no --config file at all (newcomer s13 #11b)', () => {
  it('says no file was given and how to pass one, instead of blaming a file that does not exist', () => {
    const notes = notifyConfigNotes([sample('lead-gen')], {}, false);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('flow lead-gen sends emails ("Sales team" to sales@acme.example) but no --config file was given, so emails have no SMTP server: they will fail.');
    expect(notes[0]).toContain('Pass --config with a file holding "smtp"');
    expect(notes[1]).toContain('but no --config file was given, so Slack messages have no webhook: they will fail.');
    for (const n of notes) expect(n).not.toContain('the --config file has no');
  });
});
