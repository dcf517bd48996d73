/**
 * Spawns the real `baton` binary (bin/baton.js) the way a user runs it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = 'test/fixtures/cli/';
const sampleFlows = ['customer-support', 'travel-urgency', 'lead-gen', 'insurance-claims'].map((f) => `flows/${f}.json`);
// A Tuesday at 10:00 UTC: every sample flow's team is open.
const NOW = '2026-11-24T10:00:00Z';

function baton(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['bin/baton.js', ...args], { cwd: root, input: input ?? '', encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
}

const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

describe('baton validate', () => {
  it('accepts every sample flow with exit 0', () => {
    const r = baton(['validate', ...sampleFlows]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of sampleFlows) expect(r.stdout).toContain(`${f}: valid`);
  });

  it('lists every problem with file, path, block, message and hint, and exits 1', () => {
    const r = baton(['validate', fixtures + 'invalid-flow.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid-flow.json');
    expect(r.stderr).toMatch(/teleport/); // unknown kind, named
    expect(r.stderr).toMatch(/\[block mystery\]/);
    expect(r.stderr).toMatch(/nowhere/); // dangling edge target
    expect(r.stderr).toMatch(/\$\.blocks\[\d\]/); // a JSON path
    expect(r.stderr).toMatch(/hint: /);
    noStackTrace(r.all);
  });

  it('reports bad JSON with line and column and exits 2', () => {
    const r = baton(['validate', fixtures + 'bad-json.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-json\.json:6:\d+/);
    noStackTrace(r.all);
  });

  it('reports a missing file clearly and exits 2', () => {
    const r = baton(['validate', 'flows/does-not-exist.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read flows/does-not-exist.json: no such file');
    noStackTrace(r.all);
  });

  it('rejects a call without a file as a usage error', () => {
    const r = baton(['validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument/i);
  });
});

describe('baton chat', () => {
  it('plays customer and agent through a handoff, handback and CSAT', () => {
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
    ].join('\n');
    const r = baton(['chat', 'flows/customer-support.json', '--now', NOW, '--http', 'fail'], script);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/escalation \(handoff\): explicit_request/);
    expect(r.stdout).toMatch(/handoff requested: cli:h\d+/);
    expect(r.stdout).toMatch(/Ana has joined|Ana ›/);
    expect(r.stdout).toContain('Ana › Hi, I am Ana. How can I help?');
    expect(r.stdout).toMatch(/CSAT recorded: 5\/5/);
    noStackTrace(r.all);
  });

  it('fires the queue timeout on the virtual clock with /wait', () => {
    const script = ['I want to talk to a real person', 'jane@example.com', '/wait 11m', 'My parcel never arrived', '/quit'].join('\n');
    const r = baton(['chat', 'flows/customer-support.json', '--now', NOW, '--http', 'fail'], script);
    expect(r.code).toBe(0);
    // The 5-minute waiting email fires first, then the 10-minute queue timeout, then the flow's ticket.
    expect(r.stdout).toMatch(/email to support-leads@northwind\.example: A customer has been waiting 5 minutes/);
    expect(r.stdout).toMatch(/handoff cli:h\d+ is now expired/);
    expect(r.stdout).toMatch(/ticket \S+ opened for jane@example\.com: My parcel never arrived/);
  });

  it('refuses an invalid flow with exit 2 and the problems', () => {
    const r = baton(['chat', fixtures + 'invalid-flow.json'], '/quit\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a valid flow/);
    expect(r.stderr).toMatch(/teleport/);
    noStackTrace(r.all);
  });

  it('rejects a bad --now date with exit 2', () => {
    const r = baton(['chat', 'flows/customer-support.json', '--now', 'yesterday-ish'], '/quit\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--now/);
  });
});

describe('baton usage errors', () => {
  it('shows the usage and exits 2 without a command, and 0 for --help', () => {
    const none = baton([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage: baton/);
    expect(baton(['--help']).code).toBe(0);
  });

  it('names an unknown command', () => {
    const r = baton(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});

describe('baton simulate', () => {
  it('says which conversations file cannot be read, and exits 2', () => {
    const r = baton(['simulate', 'flows/customer-support.json', '--conversations', 'nope.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read nope.jsonl: no such file');
    noStackTrace(r.all);
  });

  it('prints one JSON line per conversation, reports bad lines with their number, and a summary', () => {
    const r = baton(['simulate', 'flows/customer-support.json', '--conversations', fixtures + 'conversations.jsonl', '--now', NOW]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['c1', 'c2', 'c4']);
    expect(lines[0].escalation).toMatchObject({ reason: 'explicit_request', action: 'handoff', turn: 0 });
    expect(lines[0].handoff).toMatchObject({ status: 'pending' });
    expect(lines[1].escalation).toBeNull();
    expect(lines[2].escalation).toMatchObject({ reason: 'sensitive_topic' });
    expect(lines[0].transcript[0]).toHaveProperty('from');
    expect(r.stderr).toMatch(/conversations\.jsonl:2: not valid JSON/);
    expect(r.stderr).toMatch(/conversations\.jsonl:4: "turns" must be an array/);
    expect(r.stderr).toMatch(/conversations: 3 \(2 lines skipped\)/);
    expect(r.stderr).toMatch(/escalation rate: 66\.7%/);
    expect(r.stderr).toMatch(/handoff rate: 33\.3% \(1\); 1 more were answering the handoff's questions/);
    expect(lines[0].end).toEqual({ mode: 'waiting', waitingFor: 'handoff' });
    expect(lines[2].end).toEqual({ mode: 'bot', waitingFor: 'takeover_question' });
  });
});
