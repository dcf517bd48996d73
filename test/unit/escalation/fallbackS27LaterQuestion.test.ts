// Session 27 (fallback, issue 11): a question about the shop that does not open the message ("the steel shelving unit,
// whats the max load per shelf", "evening, NW-570321, has it left yet", "...so sorry for typos do u stock roof boxes")
// was not read as a question at all (shopTopics.asksSomething looked at the first three words only), so an ordinary
// product chat handed over as repeated fallbacks at its second message. The question is now read anywhere: an auxiliary
// asking the shop, a wish to know, a question opener first in a later clause, or "you" and a verb of the shop's
// business first. Plurals of the shop's goods ("do you sell cots") and "your <product>" questions ("do your boots come
// up small") are read too. escrfEval, every labelled corpus: see docs/escalation.md "Session 27 (fallback)".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { isShopQuestion } from '../../../shared/escalation/shopTopics';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const reason = (turns: string[]) => escalationOrClarify(playConversation(shipped, 'c', turns, now), turns.length)?.reason ?? 'none';
const shopQuestion = (text: string) => isShopQuestion(analyzeText(text), []);

describe('a shop question later in the message is a question', () => {
  it.each([
    'the oak bookcase, whats the max weight per shelf',
    'evening, NW-118203, has it been dispatched yet',
    'sorry typing one handed do u stock outdoor cushions',
    'hi there just wondering whether the duvet is machine washable',
    'morning i wan know if unu deliver to Jamaica',
    'u take cheques',
    'do you sell cots',
    'do your boots come up small',
  ])('"%s"', (text) => {
    expect(shopQuestion(text)).toBe(true);
  });
  it.each([
    // No shop topic: still off-topic, wherever the question is.
    'grim weather today, do you think it will rain later',
    'my sister, bless her, what is her dog called',
    // No question: a remark or a statement.
    'the parcel came today, all fine',
    'the oak bookcase looks lovely in the hall',
    // A clause too short to ask anything.
    'hello, is',
  ])('not "%s"', (text) => {
    expect(shopQuestion(text)).toBe(false);
  });
});

describe('conversations', () => {
  it('a product chat whose first question follows a lead-in stays with the bot', () => {
    expect(reason(['Something else', 'the oak bookcase, whats the max weight per shelf', 'ok and does it come flat packed'])).toBe('none');
    expect(reason(['Something else', 'sorry typing one handed do u stock outdoor cushions', 'the waterproof ones'])).toBe('none');
  });
  it('two off-topic requests still hand over as repeated fallbacks', () => {
    expect(reason(['Something else', 'long day at work, do you know a good pizza place near Leeds station', 'or a pub with food'])).toBe('repeated_fallback');
    expect(reason(['Something else', 'qwpoeiru', 'zxmnvb'])).toBe('repeated_fallback');
  });
});
