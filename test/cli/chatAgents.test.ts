/**
 * `baton chat` on a flow whose scenario file lists its own virtual agents (every sample flow): the chat
 * plays with those agents, as `baton test` will, so a chat saved with /save after /takeover (default
 * agent, or a name the file does not list) replays and passes (newcomer s5 #2).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { chatCommand } from '../../runtime/cli/chatCommand';
import { readFlowFile } from '../../runtime/cli/readFlowFile';
import { batonInProcess } from './runInProcess';

const dir = mkdtempSync(join(tmpdir(), 'baton-chat-agents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chat(flowFile: string, lines: string[]) {
  const loaded = await readFlowFile(flowFile);
  if (loaded.status !== 'ok') throw new Error('flow does not load');
  let out = '';
  await chatCommand(flowFile, loaded.flow, {
    now: Date.parse('2026-11-24T10:00:00Z'),
    http: 'fail',
    color: false,
    input: Readable.from(lines.map((l) => `${l}\n`)),
    interactive: false,
    write: (t) => void (out += t),
  });
  return out;
}

describe('baton chat /takeover then /save on the sample flows', () => {
  for (const name of ['customer-support', 'insurance-claims', 'lead-gen', 'travel-urgency']) {
    it(`${name}: default agent and an unlisted agent both save scenarios that baton test passes`, async () => {
      const flowCopy = join(dir, `${name}.json`);
      const scenarios = join(dir, `${name}.scenarios.json`);
      writeFileSync(flowCopy, readFileSync(`flows/${name}.json`, 'utf8'));
      writeFileSync(scenarios, readFileSync(`flows/${name}.scenarios.json`, 'utf8'));
      const before = JSON.parse(readFileSync(scenarios, 'utf8'));
      const first = before.agents.find((a: { status?: string }) => (a.status ?? 'online') === 'online').name as string;

      const a = await chat(flowCopy, ['/takeover', `/say Hi, ${first} here`, 'ok thanks', '/handback', '/save default takeover name']);
      expect(a).toContain(`virtual agents from ${scenarios}`);
      expect(a).toContain(`${first} › Hi, ${first} here`);
      expect(a).toContain('saved scenario "default takeover name"');

      const b = await chat(flowCopy, ['/takeover Zed', '/say Hi, Zed here', '/handback', '/save unlisted agent']);
      expect(b).toMatch(/Zed is not one of the virtual agents of .*: added Zed, online/);
      expect(b).toContain('saved scenario "unlisted agent"');

      const after = JSON.parse(readFileSync(scenarios, 'utf8'));
      // The file's own agents are untouched; the first scenario relies on them, the second adds Zed in a step.
      expect(after.agents).toEqual(before.agents);
      const saved = after.scenarios.find((s: { name: string }) => s.name === 'default takeover name');
      expect(saved.agents).toBeUndefined();
      expect(saved.steps[0]).toEqual({ agent: 'takeover', as: first });
      const unlisted = after.scenarios.find((s: { name: string }) => s.name === 'unlisted agent');
      expect(unlisted.steps[0].agents.map((x: { name: string }) => x.name)).toEqual([...before.agents.map((x: { name: string }) => x.name), 'Zed']);
      expect(unlisted.steps[1]).toEqual({ agent: 'takeover', as: 'Zed' });

      const r = await batonInProcess(['test', flowCopy]);
      expect(r.stdout).toContain('PASS default takeover name');
      expect(r.stdout).toContain('PASS unlisted agent');
      expect(r.code).toBe(0);
    });
  }

  it('a busy agent of the file cannot take over until set online, and nothing unreplayable is recorded', async () => {
    const flowCopy = join(dir, 'busy.json');
    writeFileSync(flowCopy, readFileSync('flows/customer-support.json', 'utf8'));
    const file = JSON.parse(readFileSync('flows/customer-support.scenarios.json', 'utf8'));
    file.agents = [{ name: 'Ana', status: 'busy' }, { name: 'Ben' }];
    file.scenarios = [];
    writeFileSync(join(dir, 'busy.scenarios.json'), JSON.stringify(file));
    const out = await chat(flowCopy, ['/takeover Ana', '/online Ana', '/takeover Ana', '/handback', '/save busy then online']);
    expect(out).toContain('not done: Ana is busy in');
    expect(out).toContain('saved scenario "busy then online"');
    const r = await batonInProcess(['test', flowCopy]);
    expect(r.stdout).toContain('PASS busy then online');
  });
});
