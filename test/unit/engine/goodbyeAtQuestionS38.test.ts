/**
 * Hostile s38 M5: "thx bye" at Skyline Air's booking question, "ok thanks bye" at Harbor Mutual's policy question got
 * "No problem, let's leave that." and the menu (or the question's fallback message): the bot carried on. A goodbye at a
 * question of a flow with no closing of its own now ends the chat politely; a flow with one (Northwind's "Anything
 * else?" -> "No, that's all") still follows it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { GOODBYE_AT_QUESTION } from '../../../shared/engine/behaviours/question';
import { converse } from './harness';

const MONDAY = Date.parse('2026-03-09T11:30:00Z');
const load = (f: string) => loadFlowText(readFileSync(`flows/${f}.json`, 'utf8')).flow!;

describe('a goodbye at a question', () => {
  // Session 40 (fixq, hostile s40 L4): Skyline Air's "Anything else?" takes "bye" / "thanks" as "No, that's all": its
  // own closing ("Have a good flight!") is followed now.
  for (const [flow, before, bye, said] of [
    ['travel-urgency', ['K7XQ2P'], 'thx bye', 'Have a good flight!'],
    ['insurance-claims', [], 'ok thanks bye', GOODBYE_AT_QUESTION],
    ['insurance-claims', [], 'bye', GOODBYE_AT_QUESTION],
  ] as const) {
    it(`${flow}: "${bye}" ends the chat with a goodbye`, () => {
      const c = converse(load(flow), { now: MONDAY });
      for (const t of before) c.say(t);
      c.say(bye);
      expect(c.lastBotText()).toBe(said);
      expect(c.mode()).toBe('closed');
      expect(c.lastStep.effects.find((e) => e.type === 'end')).toMatchObject({ reason: 'flow_end' });
    });
  }
  it('"that\'s all" (no goodbye) still leaves the question as before; a flow with its own closing follows it', () => {
    const h = converse(load('insurance-claims'), { now: MONDAY });
    h.say("that's all");
    expect(h.mode()).toBe('bot');
    const n = converse(load('customer-support'), { now: MONDAY });
    n.say('1');
    n.say('thanks bye');
    expect(n.mode()).toBe('bot');
    expect(n.variables().anythingElse).toBe("No, that's all");
  });
});
