// Session 17 (escconv): conversation-level escalation.
// 1. Low confidence, the supervisor's rule (every corpus: all 549 low-confidence conversations are one first message the
//    bot cannot act on because it names nothing): a first typed message made only of closed-class words (function words,
//    pronouns, time and place references, fillers, vague nouns, a state word asked after) and at most one broad area of
//    the shop, with at least one word pointing at something never said ("hm that", "so what now", "the return one?"),
//    is too vague: the bot asks once (clarifyFirst) and a person follows. Not: an unfinished fragment ("and then if"), a
//    state reported ("sorted now"), anything with a content word, and not after the first message.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const counted = (turns: string[]) => escalationOrClarify(playConversation(shipped, 'c', ['Something else', ...turns], now), turns.length + 1);

describe('a first message that names nothing is low confidence', () => {
  it('only pointing and function words, first message: asked once (counted as low confidence), explanation names the pointers', () => {
    for (const text of ['erm what now then', 'hm this', 'any of those?', 'is it that?', 'um, them ones']) {
      const p = playConversation(shipped, 'c', ['Something else', text], now);
      const e = escalationOrClarify(p, 2);
      expect(e?.reason, text).toBe('low_confidence');
      expect(e?.action, text).toBe('clarify');
      expect(p.asked?.signals[0].explanation, text).toMatch(/^The first message names nothing the bot could act on: every word only points at something never said \("/);
    }
  });
  it('a state word asked after with no area named points too ("any progress", "any news?"); with an area it asks after that area', () => {
    for (const text of ['any progress', 'any news?']) {
      const e = counted([text]);
      expect(e?.reason, text).toBe('low_confidence');
      expect(e?.turn, text).toBe(1);
    }
    expect(counted(['has my order gone out yet'])?.reason ?? 'none').not.toBe('low_confidence');
  });
  it('a light verb with only pointers for its object names nothing ("can you look at it", "can you handle this one")', () => {
    for (const text of ['can you look at it', 'can you handle this one', 'could you see to it']) {
      const e = counted([text]);
      expect(e?.reason, text).toBe('low_confidence');
      expect(e?.turn, text).toBe(1);
    }
    for (const text of ['can you check the weather in Leeds', 'could you look at my order status']) {
      const e = counted([text]);
      expect(e?.reason === 'low_confidence' && e.turn === 1, text).toBe(false);
    }
  });
  it('not: an unfinished fragment, a state reported, a message with a content word, a greeting alone', () => {
    for (const text of ['and then if', 'so the', 'sorted now', 'all done now', 'that one in blue?', 'hello there', 'is it raining there now']) {
      const e = counted([text]);
      expect(e?.reason === 'low_confidence' && e.turn === 1, text).toBe(false);
    }
  });
  it('not after the first message: the pointer has something to point at', () => {
    for (const turns of [['where is my parcel', 'and that one?'], ['do you ship to France', 'what about now']]) {
      const e = counted(turns);
      expect(e?.reason ?? 'none', turns.join(' / ')).not.toBe('low_confidence');
    }
  });
});

// 2. A request about the customer's own order in any grammar (it names something the shop does and says it is wanted,
//    or gives the order's reference: "ah want return NW-431186", "hello ji, I wants to track order") is a clear shop
//    request the bot missed: it counts half, and the detail the customer adds after it ("doh fit mih son") counts
//    nothing. Numbers alone and off-topic wants still count in full.
describe('a request about the own order, in any grammar, counts like a clear shop question', () => {
  it('the request then its detail: no repeated fallback', () => {
    for (const turns of [
      ['ah want return NW-431186', 'doh fit mih son'],
      ['hello ji, I wants to track order', 'NW-811224'],
      ['me need cancel order 40211', 'bought twice by mistake'],
    ]) {
      expect(counted(turns)?.reason ?? 'none', turns.join(' / ')).toBe('none');
    }
  });
  it('not: numbers alone, an off-topic want, a request and then another unusable message after two', () => {
    for (const turns of [
      ['8834 2291 00', '5555555'],
      ['i want a taxi to the airport', 'for 2 people'],
      ['asdfgh qwerty', 'zxcvbn'],
    ]) {
      expect(counted(turns)?.reason, turns.join(' / ')).toBe('repeated_fallback');
    }
  });
});
