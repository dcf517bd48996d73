// Session 14 (escconv): ordinary multi-turn chats named repeated fallback at their 2nd-3rd message.
// 1. A clear question about the shop after a lead-in that asks nothing ("ok no problem, where is my order ...",
//    "Never mind that, what I actually wanted was your opening hours") is a clear shop question (it counts half in the
//    fallback streak), read from its own first word; the customer dropping an unanswerable question and asking an
//    ordinary one is not stuck.
// 2. A pleasantry asks the bot nothing (neither counts nor breaks the streak): a well-wish to whoever answers ("hope
//    you're keeping well") or a remark about the weather or the day where the customer is ("It is cold today here"). A
//    question about the weather is still an off-topic question.
// 3. After a clear question about the shop, a reply of one to three words that asks nothing and says nothing of the
//    customer's questions closes the chat in whatever language ("Grazas", "Agyamanak po", "magic, ta"); a word of the
//    question again, a follow-up opener, a shop topic, shouting or code still count.
// 4. In a chat about the shop (a clear shop question among the customer's last two questions), the next real question counts half even in words the shop vocabulary does not know, unless
//    the in-domain model reads it as off-topic.
// 5. A "detail" after a failed shop request that keeps a word of that request ("Petite, for short people" after "Do you
//    have the wrap dress in petite size?") is the request said again, not the detail it needs: it counts.
// 6. Hostile s14 #17: "I want to cancel my order NW-104233" / "please do not cancel" (the answer to the bot's cancel
//    confirmation) / "where is my order NW-104233?" is not one question asked in fewer words: a part that negates the
//    full question takes it back.
// 7. "I wish to / am hoping to / trying to ..." is a request (isRealQuestion), like "I want / need ...".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { keepsRequestWord, nextQuestionInShopChat, pleasantry, shopQuestionAfterLeadIn, signOffAfterShopQuestion } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import type { EscalationMemory } from '../../../shared/escalation/types';
import { isRealQuestion } from '../../../shared/escalation/questionConcepts';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const counted = (turns: string[]) => escalationOrClarify(playConversation(shipped, 'c', ['Something else', ...turns], now), turns.length + 1);

describe('a shop question after a lead-in that asks nothing', () => {
  it('is read from the question word on', () => {
    expect(shopQuestionAfterLeadIn(analyzeText('ok no problem, where is my order NW-119200'))).toBe(true);
    expect(shopQuestionAfterLeadIn(analyzeText('Never mind that, what I actually wanted was your opening hours'))).toBe(true);
    expect(shopQuestionAfterLeadIn(analyzeText('lol thought so. ok whats the return window on controllers'))).toBe(true);
  });
  it('not when the question after the lead-in is not about the shop, or there is no question', () => {
    expect(shopQuestionAfterLeadIn(analyzeText('ok no problem, what is the weather in Leeds'))).toBe(false);
    expect(shopQuestionAfterLeadIn(analyzeText('ok no problem, my cat likes the box'))).toBe(false);
    expect(shopQuestionAfterLeadIn(analyzeText('hhh jjj kkk where is it'))).toBe(false);
  });
  it('an unanswerable question, then an ordinary one after "ok no problem", then thanks: stays with the bot', () => {
    expect(counted(['please do you sell shea butter', 'ok no problem, where is my order NW-119200', 'thank you'])).toBeNull();
    expect(counted(['you know good hummus place in London', 'ok not your job haha. where is NW-801552'])).toBeNull();
  });
  it('the same unanswerable request again, or off-topic after the lead-in, still hands over', () => {
    // Asked again in other words: the policy waits one message (a third asking is a loop), as before.
    expect(counted(['please do you sell shea butter', 'ok no problem, do you sell shea butter then', 'shea butter'])?.reason).toMatch(/^(?:repeated_fallback|loop)$/);
    expect(counted(['please do you sell shea butter', 'ok no problem, what is the weather in Leeds'])).toMatchObject({ reason: 'repeated_fallback' });
  });
});

const pleasant = (t: string) => { const a = analyzeText(t); return pleasantry(canonicalTokens(a), a.text); };
describe('a pleasantry asks the bot nothing', () => {
  it('well-wishes and remarks about the weather or the day here', () => {
    for (const t of ['Good morning, I hope you are well', 'I trust your day is going well', "g'day, hope you're having a good one",
      'It is cold today here', 'bit hot here today haha', 'grand day for it', "weather's grim up here"]) expect(pleasant(t), t).toBe(true);
  });
  it('not a question about the weather, a request, or a message about the shop', () => {
    for (const t of ["what's the weather in Leeds", "isn't it cold today?", 'weather in Bournemouth Tuesday', 'I hope you can help, I placed an order',
      'hope you deliver today', 'cold']) expect(pleasant(t), t).toBe(false);
  });
  it('small talk before the question stays with the bot; weather questions still hand over', () => {
    expect(counted(['Good morning, I hope you are well', 'It is cold today here', 'I would like to ask about payment methods'])).toBeNull();
    expect(counted(["g'day, hope you're having a good one", 'bit hot here today haha'])).toBeNull();
    expect(counted(["what's the weather like in Leeds", 'is it going to rain'])).toMatchObject({ reason: 'repeated_fallback' });
  });
});

const memoryAfter = (recent: string[], extra: Partial<EscalationMemory> = {}): EscalationMemory =>
  ({ fallbacksInRow: 1, recent, sentiments: [], level: 0, ...extra }) as EscalationMemory;
const signOff = (t: string, recent: string[]) => { const a = analyzeText(t); return signOffAfterShopQuestion(canonicalTokens(a), a.text, memoryAfter(recent)); };
describe('a short sign-off after a clear question about the shop', () => {
  const shopQ = ['how return from spain', 'i pay the post'];
  it('closes the chat in any language', () => {
    for (const t of ['Grazas', 'Agyamanak po', 'magic, ta', 'right on', 'God bless']) expect(signOff(t, shopQ), t).toBe(true);
  });
  it('not a word of the question again, a follow-up, a shop topic, shouting, code, or after an off-topic question', () => {
    expect(signOff('Spain', shopQ)).toBe(false);
    expect(signOff('or nails maybe', shopQ)).toBe(false);
    expect(signOff('future date delivery', shopQ)).toBe(false);
    expect(signOff('DATE', shopQ)).toBe(false);
    expect(signOff('[object Object]', shopQ)).toBe(false);
    expect(signOff('help', shopQ)).toBe(false);
    expect(signOff('kilim', ['do you sell carpets azerbaijani carpet'])).toBe(false);
    expect(signOff('jhhgf', ['please what is the exchange rate dalasi to pound today'])).toBe(false);
  });
  it('two shop questions the bot missed, then thanks in Galician: stays with the bot', () => {
    expect(counted(['How return from Spain', 'I pay the post?', 'Grazas'])).toBeNull();
    expect(counted(['Do you sell pounamu', 'greenstone necklace', 'pounamu'])).not.toBeNull();
  });
});

const nextQ = (t: string, m: EscalationMemory) => nextQuestionInShopChat(analyzeText(t), m);
describe('the next question in a chat about the shop', () => {
  it('counts as a clear shop question after a clear shop question', () => {
    expect(nextQ('can I add a note too', memoryAfter(['can i hide the price on the slip']))).toBe(true);
    expect(nextQ('Can the postman leave it with next door', memoryAfter(['how long does delivery take', 'do i have to be in to sign']))).toBe(true);
  });
  it('not in a chat that was never about the shop, not an off-topic question, not a statement', () => {
    expect(nextQ('can I add a note too', memoryAfter(['who won the cricket last night']))).toBe(false);
    expect(nextQ('can I add a note too', memoryAfter(['is it raining in swakop'], { intents: ['greeting', ''] }))).toBe(false);
    expect(nextQ('who won the Super Eagles match last night', memoryAfter(['can i hide the price on the slip']))).toBe(false);
    expect(nextQ('the little clip on ones', memoryAfter(['can i hide the price on the slip']))).toBe(false);
  });
  it('three different questions about a gift order, then thanks: stays with the bot', () => {
    expect(counted(['can I send a gift straight to me mum in Leeds', 'can I hide the price on the slip', 'can I add a note too', 'beauty, cheers'])).toBeNull();
  });
});

describe('a detail that keeps a word of the failed request is the request again', () => {
  it('keepsRequestWord: a content word of four letters or more, not a general one', () => {
    expect(keepsRequestWord(analyzeText('Petite, for short people'), 'do you have the wrap dress in petite size po')).toBe(true);
    expect(keepsRequestWord(analyzeText('to 9 Park Row, Leeds'), 'can i change the address on it')).toBe(false);
    expect(keepsRequestWord(analyzeText('the order from last week'), 'can i return my order')).toBe(false);
  });
  it('three askings of the same thing, the second read as a detail before: now a loop', () => {
    expect(counted(['Do you have the wrap dress in petite size po?', 'Petite, for short people', 'the wrap dress, petite length?'])).toMatchObject({ reason: 'loop' });
  });
  it('a real detail after a failed shop request still counts nothing', () => {
    expect(counted(['can I change the address on it', 'to 9 Park Row, Leeds', 'thanks'])).toBeNull();
  });
});

describe('a part that takes the request back is not the request asked again (hostile s14 #17)', () => {
  it('cancel, "please do not cancel", then tracking the same order: the bot answers, no loop', () => {
    expect(counted(['I want to cancel my order NW-104233', 'please do not cancel', 'where is my order NW-104233?'])?.reason).not.toBe('loop');
  });
  it('a full question then parts of it is still a loop', () => {
    expect(counted(['What time do you open on Saturday?', 'Saturday?', 'hours'])).toMatchObject({ reason: 'loop' });
  });
});

describe('"I wish to ..." is a request', () => {
  it('wish to / hoping to / trying to with a subject are requests; a wish without a request is not', () => {
    expect(isRealQuestion(analyzeText('Hi, I wish to track NW-447201').normalized)).toBe(true);
    expect(isRealQuestion(analyzeText('I am hoping to change the delivery address').normalized)).toBe(true);
    expect(isRealQuestion(analyzeText('wishing you a merry christmas').normalized)).toBe(false);
  });
  it('a tracking request then a follow-up about a missed delivery stays with the bot', () => {
    expect(counted(['Hi, I wish to track NW-447201', 'ok. And if nobody home they go come back?'])).toBeNull();
  });
});
