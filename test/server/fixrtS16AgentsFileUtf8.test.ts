/**
 * Hostile s15 #13 rest: the agents file was decoded strictly at start only; a bad byte saved while `baton serve` runs
 * (a Latin-1 editor) became U+FFFD in a name, shown in the inbox and written back so by the next admin save (the
 * original bytes lost). Now the file read on a change is decoded strictly too: refused as a whole, naming the byte,
 * and the agents stay as they were. Real HTTP, a real agents file.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agent, tok } from './agentFixtures';
import { captureLogs, startTestRuntime, type TestRuntime } from './runtimeFixtures';

const ann = agent('ann', { admin: true, name: 'Ann' });
const bob = agent('bob', { name: 'Bob' });
const dirs: string[] = [];
const runtimes: TestRuntime[] = [];

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('hostile s15 #13 rest: the agents file changed on disk with a byte that is not UTF-8', () => {
  it('is refused naming the byte; names stay as they were, and a valid edit afterwards is taken in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-agents-utf8-'));
    dirs.push(dir);
    const file = join(dir, 'agents.json');
    writeFileSync(file, JSON.stringify({ agents: [ann, bob] }, null, 2));
    const logs = captureLogs();
    const rt = await startTestRuntime({ agents: { agents: [ann, bob], file }, logger: logs.logger });
    runtimes.push(rt);
    const names = async () => ((await rt.get('/api/v1/agent/agents', tok(ann))).body.agents as Array<{ id: string; name: string }>).map((a) => a.name).sort();
    expect(await names()).toEqual(['Ann', 'Bob']);

    // "Bob" -> "Bj\xf6rn" saved by a Latin-1 editor: the byte F6 alone is not UTF-8.
    const text = readFileSync(file, 'utf8').replace('"name": "Bob"', '"name": "Bj\u0000rn"');
    const bytes = Buffer.from(text, 'utf8');
    bytes[bytes.indexOf(0)] = 0xf6;
    writeFileSync(`${file}.swp`, bytes);
    renameSync(`${file}.swp`, file);
    const after = await names();
    expect(after).toEqual(['Ann', 'Bob']);
    expect(after.join('')).not.toContain('\uFFFD');
    const r = await rt.agentHub!.deps.directory.syncWithFile('read');
    expect(r.problem).toMatch(/not valid UTF-8/);
    expect(r.problem).toMatch(/Windows-1252|Latin-1/);
    await rt.agentHub!.tick();
    expect(logs.warnings().map((l) => String(l.msg)).join('\n')).toMatch(/agents file changed on disk but cannot be used: .*not valid UTF-8/);

    // Fixed (saved as UTF-8): taken in.
    writeFileSync(`${file}.swp`, text.replace('Bj\u0000rn', 'Björn'));
    renameSync(`${file}.swp`, file);
    expect(await names()).toEqual(['Ann', 'Björn']);
  });
});
