/**
 * Session 49 (studio17, newcomer s47 N6): a bad line of a batch file (the studio's Batch tab, `baton simulate`) says
 * what is wrong with it and how to write it, naming the line. Before: "expected an object like {...}", '"turns" must be
 * an array of customer messages (strings)', '"id" must be a string', and for a file with no good line, no line at all.
 *
 * Kinds of mistakes, written down BEFORE the change (SEEN) and others checked only AFTER it (HELD_OUT).
 */
import { describe, expect, it } from 'vitest';
import { parseConversationsJsonl, readConversationLine } from '../../../shared/simulator/batchWhatIf';

const SEEN: [string, RegExp][] = [
  ['{"id": "c1", "turns": ["hi", {"click": "Order status"}]}', /turn 2 is not text.*"Order status"/],
  ['{"id": "c2", "messages": ["hi"]}', /no "turns".*"messages".*rename it "turns"/],
  ['{"turns": ["hi"]}', /no "id".*e\.g\. "id": "c1"/],
  ["{'id': 'c4', 'turns': ['hi']}", /double quotes/],
  ['{"id": "c5", "turns": ["hi"]},', /comma at the end/],
  ['{"id": "c7", "turns": "hello there"}', /"turns" is one text.*\["hello there"\]/],
];
const HELD_OUT: [string, RegExp][] = [
  ['{"id": "h1", "turns": [{"text": "hello"}]}', /turn 1 is not text.*"hello"/],
  ['{"id": "h2", "conversation": ["x"]}', /"conversation".*rename it "turns"/],
  ['{"id": "h3", "turns": ["a" "b"]}', /not valid JSON/],
  ['"just a string"', /one conversation as an object/],
  ['{"id": "h5", "turns": [42]}', /turn 1 is not text \(42\)/],
  ['{"id": "h6", "turns": ["ok"]};', /semicolon at the end/],
];

describe('a batch file\'s bad line says what is wrong and how to write it', () => {
  it.each(SEEN)('seen: %s', (line, want) => {
    const r = readConversationLine(line);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(want);
  });
  it.each(HELD_OUT)('held out: %s', (line, want) => {
    const r = readConversationLine(line);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(want);
  });
  it('a good line still reads as before (numbers as ids too)', () => {
    expect(readConversationLine('{"id": 7, "turns": ["hi", "Order status"]}')).toEqual({ ok: true, conversation: { id: '7', turns: ['hi', 'Order status'] } });
  });
  it('a whole file written as one JSON array is named as such, once, at line 1', () => {
    const text = '[\n  {"id": "c1", "turns": ["hi"]},\n  {"id": "c2", "turns": ["bye"]}\n]\n';
    const r = parseConversationsJsonl(text);
    expect(r.conversations).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(/one JSON array.*one conversation a line/) });
  });
});
