/**
 * Session 34 (hostile s32, "held up" list): a truncated `<agents>.sessions.json` (a crash or a full disk mid-write by
 * another tool) signed every agent out and forgot who chose Offline with no line in the log, and the next sign-in
 * wrote over it. Now the damaged file is kept aside as it was and the directory reports it (the hub logs reports at
 * its next tick); a missing file is still no news.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentDirectory, agentSettingsSchema, hashPassword, type Agent } from '../../../runtime/agents/agentDirectory';

const PASSWORD = 'correct horse battery staple';
const ann: Agent = { id: 'ann', name: 'Ann', email: 'ann@example.com', passwordHash: hashPassword(PASSWORD), teams: ['support'], skills: [], languages: ['en'], maxChats: 3, admin: false };
const NOW = Date.parse('2026-12-05T18:00:00Z');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(sessions?: string) {
  const d = mkdtempSync(join(tmpdir(), 'sessions-damaged-'));
  dirs.push(d);
  const file = join(d, 'agents.json');
  writeFileSync(file, JSON.stringify({ agents: [ann] }, null, 2));
  if (sessions !== undefined) writeFileSync(`${file}.sessions.json`, sessions);
  return { d, file, open: () => new AgentDirectory([ann], agentSettingsSchema.parse({}), { file, now: () => NOW }) };
}

describe("a damaged agents' sessions file", () => {
  it('is kept aside as it was and reported; the next sign-in writes a new one', async () => {
    const truncated = '{"sessions":[],"offlineChosen":["ann"';
    const { d, file, open } = folder(truncated);
    const dir = open();
    const reports = dir.takeFileReports();
    expect(reports).toHaveLength(1);
    expect(reports[0].level).toBe('warn');
    expect(reports[0].msg).toMatch(/sessions file could not be read .*every agent signs in again.*kept as /);
    const keptAs = reports[0].fields.keptAs as string;
    expect(readFileSync(keptAs, 'utf8')).toBe(truncated);
    expect(readdirSync(d).filter((f) => f.includes('.damaged-'))).toHaveLength(1);
    expect(dir.offlineChosenAtStart()).toEqual([]);
    const signed = await dir.signIn('ann', PASSWORD);
    expect(signed).not.toBeNull();
    await dir.flush();
    expect(JSON.parse(readFileSync(`${file}.sessions.json`, 'utf8')).sessions).toHaveLength(1);
    expect(readFileSync(keptAs, 'utf8')).toBe(truncated);
  });

  it('a missing file is no news, and a sound one is read', () => {
    const none = folder();
    expect(none.open().takeFileReports()).toEqual([]);
    expect(existsSync(`${none.file}.sessions.json`)).toBe(false);
    const sound = folder(JSON.stringify({ sessions: [], offlineChosen: ['ann'] }));
    const dir = sound.open();
    expect(dir.takeFileReports()).toEqual([]);
    expect(dir.offlineChosenAtStart()).toEqual(['ann']);
  });
});
