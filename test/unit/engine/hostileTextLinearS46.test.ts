/**
 * Session 46 (lead, hostile s46 H1): a customer message with a long run of whitespace (or of apostrophes, or "hahaha...")
 * made two of the engine's patterns backtrack cubically: "where is my order" + 2,500 spaces + "thanks" took 20 s on the
 * shard thread, and every other conversation of the server waited behind it. twoRequests.ts JOIN and
 * detectRepeatedFallback.ts ACK_BREAK are now written to read in linear time; this file checks (1) that they find exactly
 * what the old patterns found (the old ones are copied here), on random texts over an alphabet of their own tokens,
 * and (2) that hostile texts of the API's maximum length (4,000 characters) are answered at once through the whole
 * engine, at the menu of each shipped flow. Without the change the whitespace texts take minutes (the test times out).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';

const OLD_JOIN = /\s*,?\s*\b(?:and\s+also|and\s+then|also|plus)\b[\s,:]*|(?<=\?)\s+(?=\S)/i;
const NEW_JOIN = /(?<!\s)\s*(?:,\s*)?\b(?:and\s+also|and\s+then|also|plus)\b[\s,:]*|(?<=\?)\s+(?=\S)/i;
const OLD_ACK = /^\s*((?:[\p{L}'’]+\s*){1,3}?)\s*[,.!;:\u2014-]+\s*(\S.*)$/su;
const NEW_ACK = /^\s*((?:[\p{L}'’]+(?![\p{L}'’])\s*){1,3}?)\s*[,.!;:\u2014-]+\s*(\S.*)$/su;

describe('the rewritten patterns find what the old ones found', () => {
  it('on 100,000 random texts made of their own tokens', () => {
    const atoms = [' ', '  ', ',', '?', 'also', 'and', 'then', 'plus', 'x', 'ok', "'", '’', '.', '!', '\n', '\t', 'é', '-', ':', 'a', 'thanks', '—'];
    let seed = 46;
    const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
    const differ: string[] = [];
    let joins = 0;
    let acks = 0;
    for (let i = 0; i < 100_000; i++) {
      let s = '';
      for (let j = 1 + Math.floor(rnd() * 9); j > 0; j--) s += atoms[Math.floor(rnd() * atoms.length)];
      const a = OLD_JOIN.exec(s);
      const b = NEW_JOIN.exec(s);
      if (a !== null) joins++;
      if (JSON.stringify(a && [a.index, a[0]]) !== JSON.stringify(b && [b.index, b[0]])) differ.push(`JOIN ${JSON.stringify(s)}`);
      const c = OLD_ACK.exec(s);
      const d = NEW_ACK.exec(s);
      if (c !== null) acks++;
      if (JSON.stringify(c && [...c]) !== JSON.stringify(d && [...d])) differ.push(`ACK ${JSON.stringify(s)}`);
    }
    expect(differ.slice(0, 5)).toEqual([]);
    // The random texts do reach both patterns' matches (the comparison is not of failures only).
    expect(joins).toBeGreaterThan(10_000);
    expect(acks).toBeGreaterThan(1_000);
  });

  it('the source still uses the rewritten patterns', () => {
    const src = (p: string) => readFileSync(new URL(`../../../${p}`, import.meta.url), 'utf8');
    expect(src('shared/engine/twoRequests.ts')).toContain(`const JOIN = ${NEW_JOIN.toString()};`);
    expect(src('shared/escalation/detectors/detectRepeatedFallback.ts')).toContain(`const ACK_BREAK = ${NEW_ACK.toString()};`);
  });
});

describe('hostile texts of the maximum length are read at once', () => {
  const flows = ['customer-support', 'insurance-claims', 'lead-gen', 'travel-urgency'].map((f) =>
    loadFlowText(readFileSync(new URL(`../../../flows/${f}.json`, import.meta.url), 'utf8')).flow!);
  const now = Date.parse('2026-03-09T11:30:00Z');
  const texts: Record<string, string> = {
    spaces: 'where is my order' + ' '.repeat(3_977) + 'thanks',
    tabs: 'where is my order' + '\t'.repeat(3_977) + 'thanks',
    newlines: 'where is my order' + '\n'.repeat(3_977) + 'thanks',
    'no-break spaces': 'where is my order' + '\u00a0'.repeat(3_977) + 'thanks',
    'spaces then a letter': ' '.repeat(3_999) + 'a',
    apostrophes: "'".repeat(990),
    laughter: 'ha'.repeat(495),
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`${name} (${text.length} characters)`, () => {
      for (const flow of flows) {
        playConversation(flow, 'warm', ['hello'], now);
        const started = performance.now();
        const played = playConversation(flow, `hostile-${name}`, [text], now);
        const ms = performance.now() - started;
        expect(played.transcript.some((t) => t.from === 'bot')).toBe(true);
        // Linear reading takes milliseconds; the old patterns took seconds to minutes. Generous for a loaded machine.
        expect(ms, `${flow.id}: ${Math.round(ms)} ms`).toBeLessThan(3_000);
      }
    });
  }
});
