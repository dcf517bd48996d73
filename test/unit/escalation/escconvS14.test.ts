// Session 14 (escconv): ordinary multi-turn chats named repeated fallback at their 2nd-3rd message.
// 1. A clear question about the shop after a lead-in that asks nothing ("ok no problem, where is my order ...",
//    "Never mind that, what I actually wanted was your opening hours") is a clear shop question (it counts half in the
//    fallback streak), read from its own first word; the customer dropping an unanswerable question and asking an
//    ordinary one is not stuck.
// 2. A pleasantry asks the bot nothing (neither counts nor breaks the streak): a well-wish to whoever answers ("hope
//    you're keeping well") or a remark about the weather or the day where the customer is ("It is cold today here"). A
//    question about the weather is still an off-topic question.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { pleasantry, shopQuestionAfterLeadIn } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';

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
