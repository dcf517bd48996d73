/**
 * Hostile s16 H#16 rest (hunk by fixanswers, applied by the lead): a scenario file in UTF-32 was called UTF-16, and a
 * JSON-escaped lone surrogate ("\ud83d" with no pair) was read into a step. UTF-32 is named; a lone surrogate is
 * refused with its JSON path.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioBytes, parseScenarioText } from '../../../shared/simulator/scenarioSchema';

const utf32le = (s: string) => {
  const out = new Uint8Array(4 + s.length * 4);
  out.set([0xff, 0xfe, 0, 0]);
  [...s].forEach((ch, i) => new DataView(out.buffer).setUint32(4 + i * 4, ch.codePointAt(0)!, true));
  return out.slice(0, 4 + [...s].length * 4);
};

describe('scenario files: UTF-32 named, lone surrogates refused (hostile s16 H#16)', () => {
  it('a UTF-32 file is called UTF-32', () => {
    const r = parseScenarioBytes(utf32le('{"version": 1, "scenarios": []}'));
    expect(r.ok).toBe(false);
    expect(r.problems[0].message).toMatch(/UTF-32/);
  });

  it('an escaped lone surrogate in a step is refused at its path', () => {
    const r = parseScenarioText('{"version": 1, "scenarios": [{"name": "x", "steps": [{"say": "hi \\ud83d"}]}]}');
    expect(r.ok).toBe(false);
    expect(r.problems[0].path).toMatch(/scenarios\[0\]\.steps\[0\]\.say/);
  });

  it('a proper escaped pair is read', () => {
    const r = parseScenarioText('{"version": 1, "scenarios": [{"name": "x", "steps": [{"say": "hi \\ud83d\\ude00"}]}]}');
    expect(r.ok).toBe(true);
  });
});

describe('deep nesting is refused, not a stack overflow (session 17 review)', () => {
  it('a scenario file nested 20,000 levels deep gets the reader\'s depth message', () => {
    const deep = '{"version": 1, "scenarios": [{"name": "x", "steps": [{"say": ' + '['.repeat(20_000) + ']'.repeat(20_000) + '}]}]}';
    const r = parseScenarioText(deep);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r.problems)).toMatch(/nested|deep/i);
  });
});
