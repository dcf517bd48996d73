/**
 * Hostile s24 #12: `baton chat`'s length notice counted UTF-16 units (2,100 emoji: "4,200 characters") and its cut, made
 * in units, could split a character of several code points (an emoji family: the saved scenario ended in half a
 * family). It now counts characters as a person does (graphemes, Intl.Segmenter) and cuts between whole ones, within the
 * engine's 4,000 units.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CUSTOMER_TEXT } from '../../shared/engine/engine';
import { cutGraphemes, graphemeCount } from '../../shared/engine/unicodeText';
import { chatInProcess } from './runInProcess';

const dir = mkdtempSync(join(tmpdir(), 'baton-chat-graphemes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const monday = Date.parse('2026-03-02T10:00:00Z');
const FAMILY = '👨‍👩‍👧'; // 8 UTF-16 units, one character

const saysOf = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')).scenarios[0].steps.filter((s: { say?: string }) => typeof s.say === 'string').map((s: { say: string }) => s.say);

describe('graphemes (unicodeText)', () => {
  it('counts characters as a person does and cuts between whole ones', () => {
    expect(graphemeCount('😀'.repeat(3))).toBe(3);
    expect(graphemeCount(FAMILY + 'é' + '🇬🇧')).toBe(3);
    expect(graphemeCount('plain text')).toBe(10);
    const text = 'a' + FAMILY.repeat(3);
    expect(cutGraphemes(text, 20)).toBe('a' + FAMILY.repeat(2));
    expect(cutGraphemes(text, 25)).toBe(text);
    expect(cutGraphemes('abcdef', 4)).toBe('abcd');
  });
});

describe('baton chat: the length notice and cut by character (hostile s24 #12)', () => {
  it('2,100 emoji are 2,100 characters; the bot got the first 2,000', async () => {
    const flow = join(dir, 'cs.json');
    writeFileSync(flow, readFileSync('flows/customer-support.json', 'utf8'));
    const line = '😀'.repeat(2100);
    const r = await chatInProcess(flow, [line, '/save emoji'], monday);
    expect(r.stdout).toContain('your message is 2,100 characters; the bot reads at most 4,000 units of text');
    expect(r.stdout).toContain('your message is 4,200 units');
    expect(r.stdout).toContain('it got the first 2,000 characters');
    expect(saysOf(join(dir, 'cs.scenarios.json'))).toEqual(['😀'.repeat(2000)]);
  });

  it('never saves half an emoji family', async () => {
    const flow = join(dir, 'cs-family.json');
    writeFileSync(flow, readFileSync('flows/customer-support.json', 'utf8'));
    const line = 'a' + FAMILY.repeat(500); // 4,001 units: a cut in units would keep 7 units of the last family
    expect(line.length).toBe(MAX_CUSTOMER_TEXT + 1);
    const r = await chatInProcess(flow, [line, '/save family'], monday);
    expect(r.stdout).toContain('your message is 501 characters');
    expect(r.stdout).toContain('it got the first 500 characters');
    const [said] = saysOf(join(dir, 'cs-family.scenarios.json'));
    expect(said).toBe('a' + FAMILY.repeat(499));
    expect(said.endsWith(FAMILY)).toBe(true);
  });

  it('an ASCII message keeps its notice, with no word of units', async () => {
    const flow = join(dir, 'cs-ascii.json');
    writeFileSync(flow, readFileSync('flows/customer-support.json', 'utf8'));
    const line = 'x'.repeat(MAX_CUSTOMER_TEXT + 50);
    const r = await chatInProcess(flow, [line], monday);
    expect(r.stdout).toContain('your message is 4,050 characters; the bot reads at most 4,000 (as baton simulate does');
    expect(r.stdout).toContain('it got the first 4,000 characters');
    expect(r.stdout).not.toContain('units');
  });
});
