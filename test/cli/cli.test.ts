/**
 * The `baton` CLI. Most tests run it in-process (runInProcess.ts: fast, no tsx start-up per test); the
 * "real process" block spawns bin/baton.js the way a user runs it, for what only a process can show (exit
 * codes of the binary, a pipe closed by `head`, a named pipe, --version).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { batonInProcess, chatInProcess } from './runInProcess';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = 'test/fixtures/cli/';
const sampleFlows = ['customer-support', 'travel-urgency', 'lead-gen', 'insurance-claims'].map((f) => `flows/${f}.json`);
// A Tuesday at 10:00 UTC: every sample flow's team is open.
const NOW = '2026-11-24T10:00:00Z';
const NOW_MS = Date.parse(NOW);
const baton = (args: string[]) => batonInProcess(args);
/** The customer-support flow alone, without its scenario file: the chat has no virtual agents (presence unknown). */
const bareFlow = join(mkdtempSync(join(tmpdir(), 'baton-bare-')), 'customer-support.json');
copyFileSync('flows/customer-support.json', bareFlow);

function realBaton(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['bin/baton.js', ...args], { cwd: root, input: input ?? '', encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
}

const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

describe('baton validate', () => {
  it('accepts every sample flow with exit 0', async () => {
    const r = await baton(['validate', ...sampleFlows]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of sampleFlows) expect(r.stdout).toContain(`${f}: valid`);
  });

  it('lists every problem with file, path, block, message and hint, and exits 1', async () => {
    const r = await baton(['validate', fixtures + 'invalid-flow.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid-flow.json');
    expect(r.stderr).toMatch(/teleport/); // unknown kind, named
    expect(r.stderr).toMatch(/\[block mystery\]/);
    expect(r.stderr).toMatch(/nowhere/); // dangling edge target
    expect(r.stderr).toMatch(/\$\.blocks\[\d\]/); // a JSON path
    expect(r.stderr).toMatch(/hint: /);
    noStackTrace(r.all);
  });

  it('reports bad JSON with line and column and exits 2', async () => {
    const r = await baton(['validate', fixtures + 'bad-json.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-json\.json:6:\d+/);
    noStackTrace(r.all);
  });

  it('reports a missing file clearly and exits 2', async () => {
    const r = await baton(['validate', 'flows/does-not-exist.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read flows/does-not-exist.json: no such file');
    noStackTrace(r.all);
  });

  it('rejects a call without a file as a usage error', async () => {
    const r = await baton(['validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument/i);
  });
});

describe('baton chat', () => {
  it('plays customer and agent through a handoff, handback and CSAT', async () => {
    const script = [
      'I want to talk to a real person',
      'jane@example.com',
      '/accept Ana',
      '/say Hi, I am Ana. How can I help?',
      'my parcel never arrived',
      '/handback',
      '5',
      '/state',
      '/quit',
    ];
    const r = await chatInProcess('flows/customer-support.json', script, NOW_MS);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/escalation \(handoff\): explicit_request/);
    expect(r.stdout).toMatch(/handoff requested: cli:h\d+/);
    expect(r.stdout).toMatch(/Ana has joined|Ana ›/);
    expect(r.stdout).toContain('Ana › Hi, I am Ana. How can I help?');
    expect(r.stdout).toMatch(/CSAT recorded: 5\/5/);
    noStackTrace(r.all);
  });

  it('/takeover: an agent takes over the live bot conversation; the bot is silent, then asks again after /handback', async () => {
    const script = ['/takeover Ana', 'hello?', '/say Hi, Ana here.', '/takeover Ben', '/handback', '/quit'];
    const r = await chatInProcess('flows/customer-support.json', script, NOW_MS);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('system › Ana from the team joined the conversation.');
    expect(r.stdout).toContain('Ana › Hi, Ana here.');
    expect(r.stdout).toContain('not done: Ana already has this conversation.');
    expect(r.stdout).toContain('system › Ana handed the conversation back to the bot.');
    // The bot's question before the takeover is asked again after the handback.
    const lines = r.stdout.split('\n').filter((l) => l.includes('bot ›'));
    const firstQuestion = lines[lines.length - 1];
    expect(lines.filter((l) => l === firstQuestion).length).toBe(2);
    // Nothing from the bot between the takeover and the handback.
    const between = r.stdout.slice(r.stdout.indexOf('joined the conversation'), r.stdout.indexOf('handed the conversation back'));
    expect(between).not.toContain('bot ›');
    noStackTrace(r.all);
  });

  it('fires the queue timeout on the virtual clock with /wait', async () => {
    const script = ['I want to talk to a real person', 'jane@example.com', '/wait 11m', 'My parcel never arrived', '/quit'];
    const r = await chatInProcess(bareFlow, script, NOW_MS);
    expect(r.code).toBe(0);
    // The 5-minute waiting email fires first, then the 10-minute queue timeout, then the flow's ticket.
    expect(r.stdout).toMatch(/email to support-leads@northwind\.example: A customer has been waiting 5 minutes/);
    expect(r.stdout).toMatch(/handoff cli:h\d+ is now expired/);
    expect(r.stdout).toMatch(/ticket \S+ opened for jane@example\.com: My parcel never arrived/);
  });

  it('refuses an invalid flow with exit 2 and the problems', async () => {
    const r = await baton(['chat', fixtures + 'invalid-flow.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a valid flow/);
    expect(r.stderr).toMatch(/teleport/);
    noStackTrace(r.all);
  });

  it('rejects a bad or huge --now date with exit 2', async () => {
    const r = await baton(['chat', 'flows/customer-support.json', '--now', 'yesterday-ish']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--now/);
    const huge = await baton(['chat', 'flows/customer-support.json', '--now', '+275760-09-13T00:00:00Z']);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/--now: .* is out of range; use a date between 1970 and 9998/);
    noStackTrace(huge.all);
  });

  it('agent commands in the wrong state say why; a second /accept by someone else is refused; /decline restarts the waiting timers', async () => {
    const r = await chatInProcess(
      bareFlow,
      ['/accept', '/say hello', 'I want to talk to a real person', 'jane@example.com', '/say too early', '/accept Ana', '/accept Bo', '/decline', '/state', '/quit'],
      NOW_MS,
    );
    expect(r.stdout).toContain('/accept\n  · not done: no chat is waiting for an agent: the bot is handling this conversation (ask for a person first).');
    expect(r.stdout).toContain('/say too early\n  · not done: no agent has accepted this chat yet: accept it first.');
    expect(r.stdout).toContain('/accept Bo\n  · not done: Ana has already accepted this chat, so Bo cannot. /decline as Ana first.');
    expect(r.stdout).toMatch(/\/decline\n[^\n]*I am finding someone else|\/decline\n.*\n.*queue_timeout/);
    expect(r.stdout).toMatch(/timers: .*queue_timeout at .*waiting_email at|timers: .*waiting_email at .*queue_timeout at/);
  });

  it('/online and /offline set who can take a chat: nobody online takes the no-agent path', async () => {
    const r = await chatInProcess(bareFlow, ['/offline', 'I want to talk to a real person', '/quit'], NOW_MS);
    expect(r.stdout).toContain('nobody is online now');
    expect(r.stdout).not.toMatch(/handoff requested/);
    const online = await chatInProcess(bareFlow, ['/online Ana Bo', '/online', '/quit'], NOW_MS);
    expect(online.stdout).toContain('online: Ana, Bo');
  });

  it('a huge /wait is refused in words', async () => {
    const r = await chatInProcess('flows/customer-support.json', ['/wait 9999999999d', '/wait 1h', '/quit'], NOW_MS);
    expect(r.stdout).toContain('Too long: /wait moves the clock at most 100 years at once');
    expect(r.stdout).toContain('clock: 2026-11-24T11:00:00Z');
    noStackTrace(r.all);
  });
});

describe('baton usage errors', () => {
  it('shows the usage and exits 2 without a command, and 0 for --help', async () => {
    const none = await baton([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage: baton/);
    expect((await baton(['--help'])).code).toBe(0);
  });

  it('names an unknown command', async () => {
    const r = await baton(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});

describe('baton simulate', () => {
  it('says which conversations file cannot be read, and exits 2', async () => {
    const r = await baton(['simulate', 'flows/customer-support.json', '--conversations', 'nope.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read nope.jsonl: no such file');
    noStackTrace(r.all);
  });

  it('prints one JSON line per conversation, reports bad lines with their number, and a summary', async () => {
    const r = await baton(['simulate', 'flows/customer-support.json', '--conversations', fixtures + 'conversations.jsonl', '--now', NOW]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['c1', 'c2', 'c4']);
    expect(lines[0].escalation).toMatchObject({ reason: 'explicit_request', action: 'handoff', turn: 0 });
    expect(lines[0].handoff).toMatchObject({ status: 'pending' });
    expect(lines[1].escalation).toBeNull();
    expect(lines[2].escalation).toMatchObject({ reason: 'sensitive_topic' });
    expect(lines[0].transcript[0]).toHaveProperty('from');
    expect(r.stderr).toMatch(/conversations\.jsonl:2: not valid JSON/);
    // Session 49 (studio17, N6): one reader with the studio's Batch tab, saying how to write the line (was '"turns" must be an array').
    expect(r.stderr).toMatch(/conversations\.jsonl:4: "turns" is one text: put it in a list, "turns": \["not a list"\]; line skipped/);
    expect(r.stderr).toMatch(/conversations: 3 \(2 lines skipped\)/);
    expect(r.stderr).toMatch(/escalation rate: 66\.7%/);
    expect(r.stderr).toMatch(/handoff rate: 33\.3% \(1\); 1 more were answering the handoff's questions/);
    expect(lines[0].end).toEqual({ mode: 'waiting', waitingFor: 'handoff' });
    expect(lines[2].end).toEqual({ mode: 'bot', waitingFor: 'takeover_question' });
  });
});

describe('the real binary', () => {
  it('exits 0 for valid flows, 2 for bad JSON, and prints its version', () => {
    expect(realBaton(['validate', 'flows/customer-support.json']).code).toBe(0);
    const bad = realBaton(['validate', fixtures + 'bad-json.json']);
    expect(bad.code).toBe(2);
    noStackTrace(bad.all);
    const v = realBaton(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('ends quietly when the reader closes the pipe (baton simulate ... | head -1)', () => {
    const r = spawnSync(
      '/bin/sh',
      ['-c', `node bin/baton.js simulate flows/customer-support.json --conversations test/fixtures/escalation/labelled.jsonl --now ${NOW} | head -1`],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stdout.split('\n')[0]).toMatch(/^\{"id":/);
    expect(r.stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
  });

  it('refuses a named pipe instead of hanging', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-fifo-'));
    try {
      const fifo = join(dir, 'flow.json');
      const made = spawnSync('mkfifo', [fifo]);
      if (made.status !== 0) return; // no mkfifo on this system: nothing to test
      const r = realBaton(['validate', fifo]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('it is a named pipe, not a regular file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
