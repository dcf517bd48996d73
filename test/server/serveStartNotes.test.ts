/**
 * `baton serve`'s start-up notes, as a user sees them (a real process): a flow whose Slack and email notifications the
 * --config file cannot send is named at start with what to add (newcomer s7 #16: lead-gen's first hot-lead ping was
 * lost with only a log line after the fact); with the config, nothing is said. Session 37 (newcomer s19 F8): a takeover no
 * agent of the --agents file may take is a note too, not only a JSON log line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../runtime/agents/agentDirectory';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'baton-serve-notes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `baton serve ARGS`, waits for its "try it" line (and a moment for what follows), stops it; its stdout. */
function startAndStop(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin/baton.js'), 'serve', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stopping = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!stopping && stdout.includes('baton serve: try it:')) {
        stopping = true;
        setTimeout(() => child.kill('SIGTERM'), 300);
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', () => {
      clearTimeout(timer);
      if (!stdout.includes('ready at')) reject(new Error(`serve did not start: ${stderr.slice(0, 500)}`));
      else resolve(stdout);
    });
  });
}

describe('baton serve start-up notes', () => {
  it('names the Slack and email notifications the config cannot send, and is quiet once it can', async () => {
    const flow = join(root, 'flows/lead-gen.json');
    const bare = await startAndStop([flow, '--port', '0', '--data', join(dir, 'd1')]);
    const notes = bare.split('\n').filter((l) => l.startsWith('baton serve: note: '));
    expect(notes.some((l) => l.includes('flow lead-gen sends Slack messages ("Ping #sales-hot-leads" to #sales-hot-leads)') && l.includes('"slack": { "webhookUrl"'))).toBe(true);
    expect(notes.some((l) => l.includes('flow lead-gen sends emails ("Sales team" to sales@acme.example)') && l.includes('"smtp"'))).toBe(true);

    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ smtp: { host: 'smtp.example.com', port: 587, from: 'bot@example.com' }, slack: { webhookUrl: 'https://hooks.slack.com/services/T/B/x' } }));
    const configured = await startAndStop([flow, '--port', '0', '--data', join(dir, 'd2'), '--config', config]);
    expect(configured).toContain('ready at');
    expect(configured).not.toContain('sends Slack messages');
    expect(configured).not.toContain('sends emails');
    // Hostile s47 H1: without a Rasa token the channel is off, and the start says so and how to turn it on.
    for (const out of [bare, configured]) expect(out).toContain('baton serve: note: the Rasa channel POST /webhooks/rest/webhook is off (it answers 403): to use it, set "rasa": {"token": ');
  }, 120_000);

  it('the Rasa channel: a loud warning when opened without a token, nothing to say with a token (hostile s47 H1)', async () => {
    const flow = join(root, 'flows/customer-support.json');
    const open = join(dir, 'rasa-open.json');
    writeFileSync(open, JSON.stringify({ rasa: { allowWithoutToken: true } }));
    const opened = await startAndStop([flow, '--port', '0', '--data', join(dir, 'd5'), '--config', open]);
    const notes = opened.split('\n').filter((l) => l.includes('Rasa channel'));
    expect(notes.filter((l) => l.startsWith('baton serve: note: WARNING: the Rasa channel POST /webhooks/rest/webhook needs no token'))).toHaveLength(1);
    expect(notes.some((l) => l.includes("knows or guesses a sender id (often a phone number) reads that customer's replies, agents' included, and writes as them"))).toBe(true);
    expect(opened).not.toContain('is off (it answers 403)');
    const tokened = join(dir, 'rasa-token.json');
    writeFileSync(tokened, JSON.stringify({ rasa: { token: 'a-rasa-token-0123456789' } }));
    const withToken = await startAndStop([flow, '--port', '0', '--data', join(dir, 'd6'), '--config', tokened]);
    expect(withToken).toContain('ready at');
    expect(withToken).not.toMatch(/baton serve: note: .*Rasa channel/);
  }, 120_000);

  it('names, as a readable note, a takeover that no agent of the --agents file may take (newcomer s19 F8)', async () => {
    const flow = JSON.parse(readFileSync(join(root, 'flows/customer-support.json'), 'utf8')) as { blocks: { id: string; kind: string; data: Record<string, unknown> }[] };
    const takeover = flow.blocks.find((b) => b.kind === 'human_takeover')!;
    takeover.data.teams = ['sales'];
    const flowFile = join(dir, 'sales-only.json');
    writeFileSync(flowFile, JSON.stringify(flow));
    const agentsFile = join(dir, 'agents.json');
    const agent = { id: 'bea', name: 'Bea', email: 'bea@example.com', passwordHash: hashPassword('a-long-password-here'), teams: ['billing'] };
    writeFileSync(agentsFile, JSON.stringify({ agents: [agent] }));
    const out = await startAndStop([flowFile, '--port', '0', '--data', join(dir, 'd3'), '--agents', agentsFile]);
    const notes = out.split('\n').filter((l) => l.startsWith('baton serve: note: agents'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`agents (${agentsFile}): flow "customer-support" block "${(takeover as { label?: string }).label}": no agent in the agents file is allowed to take its chats (teams: sales`);
    expect(notes[0]).not.toMatch(/^\{|"level"/);

    // An agent of that team, speaking any language: nothing to say.
    writeFileSync(agentsFile, JSON.stringify({ agents: [{ ...agent, teams: ['sales'] }] }));
    const fine = await startAndStop([flowFile, '--port', '0', '--data', join(dir, 'd4'), '--agents', agentsFile]);
    expect(fine).toContain('ready at');
    expect(fine).not.toContain('baton serve: note: agents');
  }, 120_000);
});
