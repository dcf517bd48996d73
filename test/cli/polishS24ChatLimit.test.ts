/**
 * Hostile s23 #2: `baton chat` read a message over the engine's 4,000-character limit cut (as `baton simulate` does)
 * without saying so, and `/save` kept the whole message in the scenario file. Now the tester is told, the bot gets
 * the first MAX_CUSTOMER_TEXT characters, and the saved scenario holds only those (and `baton test` replays it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CUSTOMER_TEXT } from '../../shared/engine/engine';
import { batonInProcess, chatInProcess } from './runInProcess';

const dir = mkdtempSync(join(tmpdir(), 'baton-chat-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const monday = Date.parse('2026-03-02T10:00:00Z');

describe('baton chat: a message over the 4,000-character limit (hostile s23 #2)', () => {
  it('says the bot read the first 4,000 characters, and /save keeps only those; baton test replays the scenario', async () => {
    const flow = join(dir, 'cs.json');
    writeFileSync(flow, readFileSync('flows/customer-support.json', 'utf8'));
    const long = 'where is my order? ' + 'x'.repeat(5000) + ' TAIL-NOT-READ';
    const r = await chatInProcess(flow, [long, '/save long message'], monday);
    expect(r.stdout).toContain(`your message is ${long.length.toLocaleString('en')} characters; the bot reads at most 4,000`);
    expect(r.stdout).toContain('saved scenario "long message"');
    const saved = JSON.parse(readFileSync(join(dir, 'cs.scenarios.json'), 'utf8'));
    const says = saved.scenarios[0].steps.filter((s: { say?: string }) => typeof s.say === 'string').map((s: { say: string }) => s.say);
    expect(says).toEqual([long.slice(0, MAX_CUSTOMER_TEXT)]);
    expect(readFileSync(join(dir, 'cs.scenarios.json'), 'utf8')).not.toContain('TAIL-NOT-READ');
    const t = await batonInProcess(['test', flow]);
    expect(t.stdout).toContain('1 scenario: 1 passed, 0 failed');
    expect(t.code).toBe(0);
  });

  it('a message of exactly 4,000 characters is sent and saved whole, with no notice', async () => {
    const flow = join(dir, 'cs-exact.json');
    writeFileSync(flow, readFileSync('flows/customer-support.json', 'utf8'));
    const exact = 'where is my order? ' + 'y'.repeat(MAX_CUSTOMER_TEXT - 19);
    expect(exact.length).toBe(MAX_CUSTOMER_TEXT);
    const r = await chatInProcess(flow, [exact, '/save exact'], monday);
    expect(r.stdout).not.toContain('the bot reads at most');
    const saved = JSON.parse(readFileSync(join(dir, 'cs-exact.scenarios.json'), 'utf8'));
    expect(saved.scenarios[0].steps[0]).toEqual({ say: exact });
  });
});
