// Session 18 (esc): false escalations, the biggest mechanism. Counted on every corpus (scripts/train-escalation/feMechanism.ts,
// 516 ordinary conversations handed over at e431dad): 216 are repeated fallbacks, 156 of them two messages the bot could
// not use where neither read as a clear question about the shop. One family of these is a product's variant asked after
// ("this hoodie is actually sick" / "do u have it in grey"): which colour or size a thing comes in is a question about the
// shop's product whatever the product is called, so it counts half towards repeated fallback like any clear shop
// question. Not: a number followed by more words ("in 20 minutes"), a colour in a question that asks about nothing had,
// got or wanted ("was it the team in red?"), off-topic questions and fragments.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { isShopQuestionText } from '../../../shared/escalation/shopTopics';
import { playConversation } from '../../../shared/simulator/playConversation';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const play = (turns: string[]) => playConversation(shipped, 'c', ['Something else', ...turns], now).escalation;

describe('a product variant asked after is a clear question about the shop', () => {
  it('"in" + a colour, or "in (a) <number>" closing the question, asked as having, getting or wanting it', () => {
    for (const text of ['do u have it in grey', 'do they come in black', 'do you have the white trainers in 5', 'allyuh have it in a 12',
      'do you do em in a size 4', 'can i order another in red', 'i want the sofa cover in beige', 'do you have them in a 9 as well']) {
      expect(isShopQuestionText(text), text).toBe(true);
    }
  });
  it('not: a number followed by more words, a colour with nothing had or wanted, an off-topic question', () => {
    for (const text of ['can you book a table for 2 in 20 minutes', 'will the train be in 5 minutes', 'was it the team in red', 'is the bus in red',
      'whats the weather like in leeds']) {
      expect(isShopQuestionText(text), text).toBe(false);
    }
  });
  it('praise, then a variant question the bot could not answer: not handed over (it counts half)', () => {
    for (const turns of [['this hoodie is actually sick', 'do u have it in grey'], ['these new boots are wicked, proper ansum', 'do you do them in a size 9 as well'],
      ['this kettle is too good yaar, killer deal', 'do you have same in red']]) {
      expect(play(turns), turns.join(' / ')).toBeNull();
    }
  });
  it('still a repeated fallback: two off-topic questions, or an off-topic follow-up with a colour in it (explanation exact)', () => {
    for (const turns of [['whats the weather like in leeds', 'is the moon made of cheese'], ['who won the match', 'was it the team in red?']]) {
      const e = play(turns);
      expect(e?.reason, turns.join(' / ')).toBe('repeated_fallback');
      expect(e?.turn).toBe(2);
      expect(e?.signals.find((s) => s.reason === 'repeated_fallback')?.explanation).toBe('The bot did not understand 2 messages in a row (limit 2).');
    }
  });
  // Session 25 (shopq): clear shop questions count nothing now (they counted half: one off-topic message after two handed over).
  it('variant questions count nothing, two off-topic messages after them hand over and the explanation says so', () => {
    expect(play(['do u have it in grey', 'got it in green?', 'whats the capital of peru'])).toBeNull();
    const e = play(['do u have it in grey', 'got it in green?', 'whats the capital of peru', 'who won the match last night']);
    expect(e?.reason).toBe('repeated_fallback');
    expect(e?.turn).toBe(4);
    expect(e?.signals.find((s) => s.reason === 'repeated_fallback')?.explanation).toBe(
      'The bot did not understand 4 messages in a row, 2 of them clear questions about the shop that count nothing unless asked again (streak 2) (limit 2).',
    );
  });
});
