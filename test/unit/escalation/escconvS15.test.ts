// Session 15 (escconv): ordinary multi-turn chats handed over as repeated fallback.
// 1. An answer to the bot's own question that does not fit it ("its the wrong size" to "Why are you sending it back?"
//    [Wrong size or fit] [Changed my mind]..., so the bot says "Please choose one of the options.") is not a request the
//    bot failed to understand. The engine says so (TurnFacts.ownQuestion: a Question block's invalid answer, Buttons with
//    no router); the first such answer right after a message the bot used, asking nothing of its own and repeating no
//    word of the customer's request, is not a fallback turn. A second in a row (the bot asks the same again) is the
//    customer stuck at that question: both count, as before.
// 2. A message that opens with an acknowledgement and a break ("cheers. and weekdays?", "OK. And it come with DPD?",
//    "ok not sure. fine") says the customer took the bot's last reply as an answer: the failed messages before it are
//    closed. It counts on its own (nothing when it asks nothing). Not when the rest goes back to what failed or objects
//    ("ok. but where is it?", "thanks. back to my question..."), nor when upset. Also an acknowledgement as a clause of
//    its own later in the message ("30, ok. an is free?", "dat fine. tanks"); thanks alone there only when the rest asks
//    nothing (after a request it is politeness: "can you unlock my phone, please. Merci").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { answerOnly, evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import { acknowledgedFirst } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import type { EscalationMemory, TurnFacts } from '../../../shared/escalation/types';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow as Flow;
const now = Date.parse('2026-12-01T10:00:00Z');
const counted = (turns: string[]) => escalationOrClarify(playConversation(shipped, 'c', ['Something else', ...turns], now), turns.length + 1);
const policy = shipped.escalation;

function facts(text: string, ownQuestion: boolean, fallback = true): TurnFacts {
  return { text, analysis: analyzeText(text), turn: 1, now, variables: {}, intent: null, fallback, ownQuestion };
}
function play(messages: { text: string; ownQuestion: boolean; fallback?: boolean }[], memory: EscalationMemory = initialEscalationMemory()) {
  const out = [];
  let m = memory;
  for (const x of messages) {
    const r = evaluateEscalation(policy, facts(x.text, x.ownQuestion, x.fallback ?? true), m);
    out.push(r.decision);
    m = r.memory;
  }
  return { decisions: out, memory: m };
}
/** The memory after the customer's request the bot understood ("return NW-117654 pls"). */
const afterRequest = (request: string) => play([{ text: request, ownQuestion: false, fallback: false }]).memory;

describe('an answer to the bot\'s own question that does not fit', () => {
  it('asking nothing and repeating no word of the request, once: not a fallback', () => {
    const m = afterRequest('return NW-117654 pls');
    for (const t of ['its the wrong size', 'the blue one', 'Colour not same as picture', 'They are big']) {
      expect(answerOnly(facts(t, true), m)).toBe(true);
    }
    const { decisions, memory } = play([{ text: 'its the wrong size', ownQuestion: true }, { text: 'do i need the og box', ownQuestion: true }], m);
    expect(decisions[0].action).toBe('none');
    expect(decisions[0].explanation).toContain("answered the bot's own question without fitting it");
    // The question after it is a request the bot did not serve: it counts, alone.
    expect(decisions[1].action).toBe('none');
    expect(memory.fallbacksInRow).toBe(1);
  });
  it('a question, a request, or a word of the request said again is not only an answer', () => {
    const m = afterRequest('can you change my delivery address order NW-100388');
    expect(answerOnly(facts('do i need the original box?', true), m)).toBe(false);
    expect(answerOnly(facts('how do I send it', true), m)).toBe(false);
    expect(answerOnly(facts('I want to cancel it instead', true), m)).toBe(false);
    expect(answerOnly(facts('I am staying with my cousin in Reading now, change it there', true), m)).toBe(false);
    // Not at a block's own question (a router did not understand it): a fallback as ever.
    expect(answerOnly(facts('its the wrong size', false), m)).toBe(false);
    expect(answerOnly(facts('its the wrong size', true, false), m)).toBe(false);
  });
  it('a second answer in a row that does not fit: the customer is stuck at the question, both count', () => {
    const m = afterRequest('return NW-117654 pls');
    const { decisions } = play([{ text: 'purple monkey dishwasher', ownQuestion: true }, { text: 'seventeen giraffes', ownQuestion: true }], m);
    expect(decisions[0].action).toBe('none');
    expect(decisions[1]).toMatchObject({ action: 'handoff', reason: 'repeated_fallback' });
    expect(decisions[1].explanation).toContain('2 messages in a row');
  });
  it('in the shipped flow: a return answered badly once, then a question, stays with the bot', () => {
    expect(counted(['return NW-117654 pls', 'its the wrong size', 'do i need the og box'])).toBeNull();
    expect(counted(['I want to return a dress', 'NW-117533', 'yes the blue one', 'ok how do I get the label'])).toBeNull();
  });
  it('in the shipped flow: asking again and again at the address question still hands over', () => {
    expect(counted(['I need to change delivery address for NW-102998', 'Yes', 'Yes, correct, change the address', 'Yes yes, confirm please'])).not.toBeNull();
    expect(counted(['Can you change my delivery address, order NW-100388', 'I am staying with my cousin in Reading now, change it there', 'Reading, my cousin, for NW-100388 please'])).not.toBeNull();
  });
});

describe('an acknowledgement first closes the failed messages before it', () => {
  it('reads the acknowledgement and the rest', () => {
    expect(acknowledgedFirst(analyzeText('cheers. and weekdays?'))).toEqual({ rest: 'and weekdays' });
    for (const t of ['OK. And it come with DPD or Royal Mail?', 'thank you. Also what time your people work on Saturday?', 'ok, front door is fine',
      'tanks. also, mi order NW-648800 when reach', 'ah ok, and after return I can order darker one?', 'Fair enough, do you deliver to Jersey then']) {
      expect(acknowledgedFirst(analyzeText(t)), t).not.toBeNull();
    }
  });
  it('not when the rest goes back to what failed, objects, or there is no acknowledgement', () => {
    for (const t of ['ok. but where is it?', 'Right, yes, but where is it now?', 'Thank you. Please back to my question, how many days to London?',
      'ok, still no answer on the courier', 'Oh, and I also need a chimney sweep at some point, do you do those?', 'hello. where is my order',
      'ok ok ok', 'where is it, ok?', 'ok. this is ridiculous, I am furious with you']) {
      expect(acknowledgedFirst(analyzeText(t)), t).toBeNull();
    }
  });
  it('an acknowledgement as a clause of its own anywhere: the customer restates the answer they took', () => {
    expect(acknowledgedFirst(analyzeText('30, ok. an is free?'))).toEqual({ rest: '30 an is free' });
    for (const t of ['dat fine. tanks', 'Tuesday then, right. ta', 'ah in settings. ok']) expect(acknowledgedFirst(analyzeText(t)), t).not.toBeNull();
  });
  it('not thanks after a request (politeness), not "kk" in a key mash, not "ok" inside a sentence', () => {
    for (const t of ['can you unlock my phone, please. Merci', 'sorry the kid had my phone ,,, kk;l;lk', 'is it ok to return it opened', 'this is not ok']) {
      expect(acknowledgedFirst(analyzeText(t)), t).toBeNull();
    }
  });
  it('in the shipped flow: a question the bot missed, then "cheers. and ...?", stays with the bot', () => {
    expect(counted(['what time does your team finish on a saturday', 'cheers. and weekdays?'])).toBeNull();
    expect(counted(['Hello. Order NW-377150. When delivered?', 'OK. And it come with DPD or Royal Mail?', 'thank you. Also what time your people work on Saturday?'])).toBeNull();
  });
  it('in the shipped flow: off-topic requests, gibberish, or "ok but" after a miss still hand over', () => {
    expect(counted(['do you sell concert tickets', 'ok. but can you book me a taxi?'])).toMatchObject({ reason: 'repeated_fallback' });
    expect(counted(['asdfgh jkl', 'qwpoeiru zzxm'])).toMatchObject({ reason: 'repeated_fallback' });
    expect(counted(["C'est quoi ça?", 'can you unlock my phone, please. Merci'])).toMatchObject({ reason: 'repeated_fallback' });
    expect(counted(['is the ring road shut by junction 6', 'the bit by sky blue way, me mate said theres roadworks'])).toMatchObject({ reason: 'repeated_fallback' });
  });
});
