/**
 * Hostile s17 H#6 (lead, session 17): `baton chat` refused to save a chat whose CUSTOMER typed a card number
 * (session 16), but an agent's /say with a card number and a password went into FLOW.scenarios.json as typed. The
 * recorded scenario is now checked as the studio's Save as scenario checks it (secretStepsRefusal): refused, the step
 * named, the file unchanged; the same chat without the secret is saved.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { chatCommand } from '../../runtime/cli/chatCommand';
import { readFlowFile } from '../../runtime/cli/readFlowFile';

const dir = mkdtempSync(join(tmpdir(), 'lead-chat-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chat(flowFile: string, lines: string[]) {
  const loaded = await readFlowFile(flowFile);
  if (loaded.status !== 'ok') throw new Error('flow does not load');
  let out = '';
  await chatCommand(flowFile, loaded.flow, { now: Date.parse('2026-11-24T10:00:00Z'), http: 'fail', color: false, input: Readable.from(lines.map((l) => `${l}\n`)), interactive: false, write: (t) => void (out += t) });
  return out;
}

describe("baton chat /save refuses an agent's secret (hostile s17 H#6)", () => {
  it('an agent /say with a card number and a password: not saved, the step named; without it: saved', async () => {
    const flowCopy = join(dir, 'customer-support.json');
    const scenarios = join(dir, 'customer-support.scenarios.json');
    writeFileSync(flowCopy, readFileSync('flows/customer-support.json', 'utf8'));
    writeFileSync(scenarios, readFileSync('flows/customer-support.scenarios.json', 'utf8'));
    const before = readFileSync(scenarios, 'utf8');
    const out = await chat(flowCopy, ['/takeover', '/say your card 4111 1111 1111 1111 and your password is hunter2 are on file', '/handback', '/save agent secret']);
    expect(out).toMatch(/not saved: step \d+ \(the agent's message: a card number and a password\) holds a secret/);
    expect(readFileSync(scenarios, 'utf8')).toBe(before);
    expect(readFileSync(scenarios, 'utf8')).not.toContain('hunter2');
    const ok = await chat(flowCopy, ['/takeover', '/say your card ending 1111 is on file', '/handback', '/save agent no secret']);
    expect(ok).toContain('saved scenario "agent no secret"');
  });
});
