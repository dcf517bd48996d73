/**
 * `baton test`: a couple of real-process runs of bin/baton.js (exit codes and the JUnit report as CI sees
 * them); the rest in-process (runInProcess.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { batonInProcess } from './runInProcess';
import { chatCommand } from '../../runtime/cli/chatCommand';
import { readFlowFile } from '../../runtime/cli/readFlowFile';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'baton-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function realBaton(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/baton.js', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The little of the DOM these tests read (jsdom's DOMParser; the project's tsconfig has no DOM types). */
interface XmlElement {
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>;
  textContent: string | null;
}
interface XmlDocument {
  documentElement: XmlElement;
  getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>;
}
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string) => { window: { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } } };
};

/** Parses XML like a CI server would; fails on anything not well-formed. */
function parseXml(text: string): XmlDocument {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(text, 'application/xml');
  expect(doc.getElementsByTagName('parsererror').length, text).toBe(0);
  return doc;
}

/** One passing and one failing scenario for travel-urgency, with characters XML must escape. */
const mixed = {
  version: 1,
  flow: 'travel-urgency',
  agents: [{ name: 'Omar', teams: ['airport-desk'], languages: ['en'] }],
  scenarios: [
    { name: 'greets <politely> & asks for the booking', steps: [{ expect: { botSays: 'booking reference' } }] },
    {
      name: 'expects the wrong desk "fast"',
      steps: [{ say: 'I need to talk to a human' }, { expect: { handoff: 'assigned' } }],
    },
  ],
};
const mixedFile = join(dir, 'mixed.scenarios.json');
writeFileSync(mixedFile, JSON.stringify(mixed));

describe('baton test (real process)', () => {
  it('passes every sample scenario of a flow: exit 0 and a JUnit report with no failures', () => {
    const r = realBaton(['test', 'flows/travel-urgency.json', '--reporter', 'junit']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = parseXml(r.stdout);
    const suite = doc.getElementsByTagName('testsuite')[0];
    expect(suite.getAttribute('name')).toBe('travel-urgency');
    expect(Number(suite.getAttribute('tests'))).toBeGreaterThanOrEqual(5);
    expect(suite.getAttribute('failures')).toBe('0');
    expect(doc.getElementsByTagName('failure').length).toBe(0);
  });

  it('exits 1 when a scenario fails; the JUnit failure names the step, expected and actual', () => {
    const r = realBaton(['test', 'flows/travel-urgency.json', '--scenarios', mixedFile, '--reporter', 'junit']);
    expect(r.code).toBe(1);
    const doc = parseXml(r.stdout);
    expect(doc.documentElement.getAttribute('tests')).toBe('2');
    expect(doc.documentElement.getAttribute('failures')).toBe('1');
    const cases = [...doc.getElementsByTagName('testcase')];
    expect(cases.map((c) => c.getAttribute('name'))).toEqual(['greets <politely> & asks for the booking', 'expects the wrong desk "fast"']);
    expect(cases[0].getElementsByTagName('failure').length).toBe(0);
    const failure = cases[1].getElementsByTagName('failure')[0];
    expect(failure.getAttribute('type')).toBe('handoff');
    expect(failure.getAttribute('message')).toBe('step 2: expected handoff assigned; actual handoff scenario:h1 is pending (reason explicit_request)');
    expect(failure.textContent).toContain('block:    airport_desk');
  });
});

describe('baton test (in-process)', () => {
  it('prints the scenario, the step, expected and actual for a failure', async () => {
    const r = await batonInProcess(['test', 'flows/travel-urgency.json', '--scenarios', mixedFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  PASS greets <politely> & asks for the booking\n');
    expect(r.stdout).toContain(
      [
        '  FAIL expects the wrong desk "fast"',
        '       at step 2: expect handoff',
        '       expected: handoff assigned',
        '       actual:   handoff scenario:h1 is pending (reason explicit_request)',
        '       block:    airport_desk',
      ].join('\n'),
    );
    expect(r.stdout).toMatch(/2 scenarios: 1 passed, 1 failed\n$/);
    // Coverage: the two scenarios only reach the welcome, the booking question and the takeover. (22 blocks since session 41 travel2 added the lost-bag answer.)
    expect(r.stdout).toMatch(/  blocks reached by the scenarios: 4 of 22; never reached: ask_departure, departing_soon, /);
  });

  it('runs every sample flow at once and writes the report to a file', async () => {
    const out = join(dir, 'report.xml');
    // What a shell gives for `flows/*.json`: flows and their scenario files; each flow runs once.
    const flows = ['customer-support', 'customer-support.scenarios', 'insurance-claims', 'insurance-claims.scenarios', 'lead-gen', 'lead-gen.scenarios', 'travel-urgency.scenarios', 'travel-urgency'].map((f) => `flows/${f}.json`);
    const r = await batonInProcess(['test', ...flows, '--reporter', 'junit', '--output', out]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/scenarios: (\d+) passed, 0 failed; report written to/);
    expect(r.code).toBe(0);
    const doc = parseXml(readFileSync(out, 'utf8'));
    expect([...doc.getElementsByTagName('testsuite')].map((s) => s.getAttribute('name'))).toEqual([
      'customer-support',
      'insurance-claims',
      'lead-gen',
      'travel-urgency',
    ]);
  });

  it('exits 2 with a hint when the flow has no scenario file', async () => {
    const flow = join(dir, 'lonely.json');
    writeFileSync(flow, readFileSync(join(root, 'flows/travel-urgency.json')));
    const r = await batonInProcess(['test', flow]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read ${join(dir, 'lonely.scenarios.json')}: no such file; save a simulated conversation as a scenario in the studio`);
  });

  it('exits 2 on an invalid scenario file, naming the JSON path and what to do', async () => {
    const bad = join(dir, 'bad.scenarios.json');
    writeFileSync(bad, JSON.stringify({ version: 1, scenarios: [{ name: 'x', steps: [{ say: 'hi' }, { agent: 'wave' }] }] }));
    const r = await batonInProcess(['test', 'flows/travel-urgency.json', '--scenarios', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad} $.scenarios[0].steps[1].agent:`);
    expect(r.stderr).toContain('hint: Agent steps: {"agent": "accept", "as": "Ana"}');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('exits 2 on an invalid flow and on --scenarios with several flows', async () => {
    const r = await batonInProcess(['test', 'test/fixtures/cli/invalid-flow.json', '--scenarios', mixedFile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a valid flow; fix the problems above/);
    const two = await batonInProcess(['test', 'flows/lead-gen.json', 'flows/travel-urgency.json', '--scenarios', mixedFile]);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/--scenarios names one scenario file/);
  });

  it('warns when the scenario file is for another flow', async () => {
    const r = await batonInProcess(['test', 'flows/lead-gen.json', '--scenarios', join(root, 'flows/lead-gen.scenarios.json')]);
    expect(r.stderr).toBe('');
    const other = await batonInProcess(['test', 'flows/customer-support.json', '--scenarios', mixedFile]);
    expect(other.stderr).toContain('warning: ' + mixedFile + ': the scenario file is for flow "travel-urgency" but flows/customer-support.json has id "customer-support"');
  });
});

describe('baton test (hostile input)', () => {
  it('refuses a folder or a named pipe as the scenario file instead of hanging', async () => {
    const r = await batonInProcess(['test', 'flows/lead-gen.json', '--scenarios', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it is a folder, not a file');
    const fifo = join(dir, 'pipe.scenarios.json');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      const p = await batonInProcess(['test', 'flows/lead-gen.json', '--scenarios', fifo]);
      expect(p.code).toBe(2);
      expect(p.stderr).toContain('it is a named pipe, not a regular file');
    }
  });

  it('refuses a __proto__ variable (it could never be checked) and fails absurd clock moves in words', async () => {
    const f = join(dir, 'hostile.scenarios.json');
    writeFileSync(f, '{"version":1,"scenarios":[{"name":"h","variables":{"__proto__":"x","constructor":1},"steps":[{"say":"hi"}]}]}');
    const r = await batonInProcess(['test', 'flows/lead-gen.json', '--scenarios', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('$.scenarios[0].variables.__proto__: "__proto__" is a reserved name');
    const clock = join(dir, 'clock.scenarios.json');
    writeFileSync(
      clock,
      JSON.stringify({
        version: 1,
        scenarios: [
          { name: 'wait forever', steps: [{ wait: '99999999999d' }] },
          { name: 'year 9999', steps: [{ setTime: '9999-01-01T00:00:00Z' }] },
          { name: 'long text', steps: [{ say: 'a'.repeat(20_000) }, { expect: { mode: 'bot' } }] },
        ],
      }),
    );
    const c = await batonInProcess(['test', 'flows/lead-gen.json', '--scenarios', clock]);
    expect(c.code).toBe(1);
    expect(c.stdout).toContain('FAIL wait forever');
    expect(c.stdout).toContain('the clock can move at most 100 years at once');
    expect(c.stdout).toContain('FAIL year 9999');
    expect(c.stdout).toContain('PASS long text');
    const far = join(dir, 'far.scenarios.json');
    writeFileSync(far, JSON.stringify({ version: 1, now: '+275760-09-13T00:00:00.000Z', scenarios: [{ name: 'x', steps: [{ wait: '1d' }] }] }));
    const fr = await batonInProcess(['test', 'flows/lead-gen.json', '--scenarios', far]);
    expect(fr.code).toBe(2);
    expect(fr.stderr).toContain('$.now: is outside the years the virtual clock can show (1970 to 9999)');
  });

  it('keeps the exit code when stdout closes early (CI pipes into head): 1 with a failing scenario', () => {
    const r = spawnSync('bash', ['-c', `node bin/baton.js test flows/travel-urgency.json --scenarios '${mixedFile}' | head -c 10 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout.trim()).toBe('rc=1');
    const t = spawnSync('bash', ['-c', `node bin/baton.js test flows/travel-urgency.json --scenarios '${mixedFile}' | true; echo "rc=\${PIPESTATUS[0]}"`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(t.stdout.trim()).toBe('rc=1');
  }, 120_000);

  it('refuses an --output that is one of the inputs (the flow or its scenarios), changing nothing', async () => {
    const flowCopy = join(dir, 'names.json');
    writeFileSync(flowCopy, readFileSync('flows/lead-gen.json', 'utf8'));
    writeFileSync(join(dir, 'names.scenarios.json'), readFileSync('flows/lead-gen.scenarios.json', 'utf8'));
    const before = readFileSync(flowCopy, 'utf8');
    for (const out of [flowCopy, join(dir, 'names.scenarios.json'), join(dir, '.', 'names.json')]) {
      const r = await batonInProcess(['test', flowCopy, '--reporter', 'junit', '--output', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is one of the files being tested');
    }
    expect(readFileSync(flowCopy, 'utf8')).toBe(before);
    const ok = await batonInProcess(['test', flowCopy, '--reporter', 'junit', '--output', join(dir, 'report.xml')]);
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, 'report.xml'), 'utf8')).toContain('<testsuites');
  });

  it('finds the scenarios of x.flow.json in x.scenarios.json (the studio writes the same name), and pairs a glob', async () => {
    const flowCopy = join(dir, 'lead.flow.json');
    writeFileSync(flowCopy, readFileSync('flows/lead-gen.json', 'utf8'));
    writeFileSync(join(dir, 'lead.scenarios.json'), readFileSync('flows/lead-gen.scenarios.json', 'utf8'));
    const r = await batonInProcess(['test', flowCopy]);
    expect(r.stderr).not.toContain('cannot read');
    expect(r.code).toBe(0);
    const glob = await batonInProcess(['test', flowCopy, join(dir, 'lead.scenarios.json')]);
    expect(glob.code).toBe(0);
    expect(glob.stdout.match(/^\S.*lead\.flow\.json/gm)).toHaveLength(1);
  });

  it('prints scenario names with control characters escaped (no ANSI, no forged FAIL lines)', async () => {
    const f = join(dir, 'names-esc.scenarios.json');
    writeFileSync(f, JSON.stringify({ version: 1, scenarios: [{ name: 'red \u001b[31m bell \u0007\n  FAIL fake', steps: [{ say: 'hi' }] }] }));
    const r = await batonInProcess(['test', 'flows/lead-gen.json', '--scenarios', f]);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(r.stdout).toContain('PASS red \\u001b[31m bell \\u0007\\n  FAIL fake');
    expect(r.stdout.split('\n').filter((l) => l.trimStart().startsWith('FAIL'))).toHaveLength(0);
  });

  it('a gate that tests nothing fails: an empty file or only skipped scenarios is exit 1 unless --pass-with-no-scenarios', async () => {
    const empty = join(dir, 'empty.scenarios.json');
    writeFileSync(empty, '{"version":1,"scenarios":[]}');
    const skipped = join(dir, 'skipped.scenarios.json');
    writeFileSync(skipped, JSON.stringify({ version: 1, scenarios: [{ name: 's', skip: true, steps: [{ say: 'hi' }] }] }));
    for (const f of [empty, skipped]) {
      const r = await batonInProcess(['test', 'flows/lead-gen.json', '--scenarios', f]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('no scenario ran');
      const ok = await batonInProcess(['test', 'flows/lead-gen.json', '--scenarios', f, '--pass-with-no-scenarios']);
      expect(ok.code).toBe(0);
    }
  });

  it('says a UTF-16 file is not UTF-8, and cuts a 200,000-character unknown key short, quickly', async () => {
    const u16 = join(dir, 'u16.scenarios.json');
    writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"version":1,"scenarios":[]}', 'utf16le')]));
    const r = await batonInProcess(['test', 'flows/lead-gen.json', '--scenarios', u16]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the file is saved as UTF-16, not UTF-8');
    const long = join(dir, 'long.scenarios.json');
    writeFileSync(long, JSON.stringify({ version: 1, scenarios: Array.from({ length: 20 }, (_, i) => ({ name: `k${i}`, steps: [{ ['x'.repeat(200_000)]: 1 }] })) }));
    const t0 = performance.now();
    const l = await batonInProcess(['test', 'flows/lead-gen.json', '--scenarios', long]);
    expect(performance.now() - t0).toBeLessThan(10_000); // was 94 s for 50 such steps; a bound, not a benchmark
    expect(l.code).toBe(2);
    expect(l.stderr.length).toBeLessThan(50_000);
  });
});

describe('validating scenario files (for baton validate)', () => {
  it('says a good file is valid and lists the problems of a bad one', async () => {
    const { validateScenarioFile, isScenarioFile } = await import('../../runtime/cli/testCommand');
    let out = '';
    let err = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (err += t) };
    expect(isScenarioFile('flows/lead-gen.scenarios.json')).toBe(true);
    expect(isScenarioFile('flows/lead-gen.json')).toBe(false);
    expect(await validateScenarioFile('flows/lead-gen.scenarios.json', io)).toBe(0);
    expect(out).toMatch(/^flows\/lead-gen\.scenarios\.json: valid scenario file \(\d+ scenarios; run them with baton test\)\n$/);
    const bad = join(dir, 'invalid.scenarios.json');
    writeFileSync(bad, '{"version": 1, "scenarios": [{"name": "a", "steps": [{"sya": "hi"}]}]}');
    expect(await validateScenarioFile(bad, io)).toBe(1);
    expect(err).toContain(`${bad} $.scenarios[0].steps[0]: "sya" is not a step action. Did you mean "say"?`);
    writeFileSync(bad, '{"version": 1,');
    expect(await validateScenarioFile(bad, io)).toBe(2);
  });

  it('baton validate flows/*.json checks flows as flows and scenario files as scenarios', async () => {
    const r = await batonInProcess(['validate', 'flows/lead-gen.json', 'flows/lead-gen.scenarios.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('flows/lead-gen.json: valid\n');
    expect(r.stdout).toMatch(/flows\/lead-gen\.scenarios\.json: valid scenario file \(\d+ scenarios/);
  });
});

describe('baton chat saves scenarios (/save NAME, --save-scenario NAME)', () => {
  async function chat(flowFile: string, lines: string[], saveScenario?: string) {
    const loaded = await readFlowFile(flowFile);
    if (loaded.status !== 'ok') throw new Error('flow does not load');
    let out = '';
    await chatCommand(flowFile, loaded.flow, {
      now: Date.parse('2026-03-02T10:00:00Z'),
      http: 'fail',
      color: false,
      input: Readable.from(lines.map((l) => `${l}\n`)),
      interactive: false,
      write: (t) => void (out += t),
      saveScenario,
    });
    return out;
  }

  it('saves the chat (customer, agent, button, failed HTTP) as scenarios that baton test then passes', async () => {
    const flowCopy = join(dir, 'chat-cs.json');
    writeFileSync(flowCopy, readFileSync('flows/customer-support.json', 'utf8'));
    const a = await chat(flowCopy, ['Can I talk to a real person please?', 'sam@example.com', '/accept Ana', '/say Hi, I am Ana', '/handback', '/save person and back']);
    expect(a).toContain('saved scenario "person and back"');
    const b = await chat(flowCopy, ['1', 'NW-104233'], 'order lookup fails');
    expect(b).toContain('saved scenario "order lookup fails"');
    const file = JSON.parse(readFileSync(join(dir, 'chat-cs.scenarios.json'), 'utf8'));
    expect(file.scenarios.map((x: { name: string }) => x.name)).toEqual(['person and back', 'order lookup fails']);
    expect(file.scenarios[1].steps).toContainEqual({ httpReply: { status: 0, ok: false } });
    const r = await batonInProcess(['test', flowCopy]);
    expect(r.stdout).toContain('2 scenarios: 2 passed, 0 failed');
    expect(r.code).toBe(0);
    // The saved scenario checks the flow: a changed CSAT question after the handback makes it fail.
    const changed = JSON.parse(readFileSync(flowCopy, 'utf8'));
    changed.blocks.find((x: { id: string }) => x.id === 'csat').data.text = 'Rate us!';
    writeFileSync(flowCopy, JSON.stringify(changed));
    const f = await batonInProcess(['test', flowCopy]);
    expect(f.stdout).toContain('FAIL person and back');
    expect(f.code).toBe(1);
  });

  it('does not save a chat in which the customer typed a card number or password, and says why (hostile s16 H#19)', async () => {
    const flowCopy = join(dir, 'chat-secret.json');
    writeFileSync(flowCopy, readFileSync('flows/customer-support.json', 'utf8'));
    const out = await chat(flowCopy, ['hello', 'my card 4111 1111 1111 1111 was charged twice and my password is hunter2hunter2', '/save secret typed']);
    expect(out).toContain('not saved: your message 2 held a card number or password');
    expect(existsSync(join(dir, 'chat-secret.scenarios.json'))).toBe(false);
    const ok = await chat(flowCopy, ['hello', 'my card ending 1111 was charged twice', '/save no secret']);
    expect(ok).toContain('saved scenario "no secret"');
    expect(readFileSync(join(dir, 'chat-secret.scenarios.json'), 'utf8')).not.toContain('4111 1111');
  });

  it('saves a chat that used /takeover: the agent\'s turns are agent steps, and baton test and the studio\'s runner replay it', async () => {
    const flowCopy = join(dir, 'chat-takeover.json');
    writeFileSync(flowCopy, readFileSync('flows/customer-support.json', 'utf8'));
    const t = await chat(flowCopy, ['Track my order', '/takeover Ana', 'where is it?', '/say Hi, Ana here. Let me check.', '/handback', 'NW-104233', '/save taken over']);
    expect(t).toContain('saved scenario "taken over"');
    const file = JSON.parse(readFileSync(join(dir, 'chat-takeover.scenarios.json'), 'utf8'));
    const steps = file.scenarios[0].steps;
    expect(steps.slice(0, 6)).toEqual([
      { say: 'Track my order' },
      { agent: 'takeover', as: 'Ana' },
      { say: 'where is it?' },
      { agent: 'say', text: 'Hi, Ana here. Let me check.' },
      { agent: 'handback' },
      { say: 'NW-104233' },
    ]);
    const r = await batonInProcess(['test', flowCopy]);
    expect(r.stdout).toContain('PASS taken over');
    expect(r.code).toBe(0);
    // The studio's "Run all" is runScenarioFile on the page: the same file passes there too.
    const { runScenarioFile } = await import('../../shared/simulator/scenarioRunner');
    const { parseScenarioText } = await import('../../shared/simulator/scenarioSchema');
    const loaded = await readFlowFile(flowCopy);
    if (loaded.status !== 'ok') throw new Error('flow does not load');
    const parsed = parseScenarioText(readFileSync(join(dir, 'chat-takeover.scenarios.json'), 'utf8'));
    expect(parsed.ok).toBe(true);
    expect(runScenarioFile(loaded.flow, parsed.file!).results.map((x) => x.status)).toEqual(['passed']);
    // The takeover step matters: without it the agent cannot reply, and the scenario says so.
    const without = structuredClone(parsed.file!);
    without.scenarios[0].steps.splice(1, 1);
    const failed = runScenarioFile(loaded.flow, without).results[0];
    expect(failed.status).toBe('failed');
    expect(failed.failure?.actual).toMatch(/the bot is handling this conversation/);
  });

  it('refuses to save what a scenario cannot replay and never replaces a scenario file it cannot read', async () => {
    const flowCopy = join(dir, 'chat-cs2.json');
    writeFileSync(flowCopy, readFileSync('flows/customer-support.json', 'utf8'));
    // Ana is the only agent online: Bo (unknown to the scenario) taking over is added to its agents, said so, and saved.
    const t = await chat(flowCopy, ['/online Ana', 'hello', '/takeover Bo', '/save x']);
    expect(t).toContain('Bo is not one of the virtual agents');
    expect(t).toContain('saved scenario "x"');
    const saved = JSON.parse(readFileSync(join(dir, 'chat-cs2.scenarios.json'), 'utf8')).scenarios[0];
    expect(saved.steps.filter((x: object) => 'agents' in x).at(-1)).toEqual({ agents: [{ name: 'Ana' }, { name: 'Bo' }] });
    const broken = join(dir, 'chat-cs2.scenarios.json');
    writeFileSync(broken, '{"version":1,"scenarios":[{"name":"mine"');
    const b = await chat(flowCopy, ['hello', '/save y']);
    expect(b).toContain('is not a valid scenario file');
    expect(readFileSync(broken, 'utf8')).toBe('{"version":1,"scenarios":[{"name":"mine"');
  });
});
