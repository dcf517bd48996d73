/**
 * Round six loop cases (issue 11, session 4): loops recognised by meaning rather than by shared words, each family
 * with positive AND negative cases (follow-ups that ask something new, a repeated order number, two orders, the
 * same words in a different question). The sentences are written for these tests, not copied from the corpora.
 */
import { describe, it, expect } from 'vitest';
import { asksNothing } from '../../../shared/escalation/detectors/detectRepeatedFallback';
import { asksSameSubjectAgain, detectLoop, loopComplaint } from '../../../shared/escalation/detectors/detectLoop';
import { evaluateEscalation, initialEscalationMemory } from '../../../shared/escalation/evaluateEscalation';
import { questionConcepts, questionType } from '../../../shared/escalation/questionConcepts';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import type { EscalationMemory } from '../../../shared/escalation/types';
import { facts, memory, policy } from './facts';

const norm = (t: string) => facts(t).analysis.normalized;
const concepts = (t: string) => questionConcepts(norm(t));
const loopAfter = (earlier: string[], text: string, p = policy()) => detectLoop(facts(text), p, memory({ recent: earlier.map(norm) }));
const complaint = (t: string) => loopComplaint(canonicalTokens(facts(t).analysis));

/** Plays customer messages; `understood` lists the turns the bot could use. Returns each turn's hand-over reason. */
function play(texts: string[], understood: number[] = [], p = policy()): (string | null)[] {
  let mem: EscalationMemory = initialEscalationMemory();
  const reasons: (string | null)[] = [];
  for (const [turn, text] of texts.entries()) {
    const { decision, memory: next } = evaluateEscalation(p, facts(text, { fallback: !understood.includes(turn), turn }), mem);
    reasons.push(decision.action === 'handoff' ? decision.reason : null);
    mem = next;
  }
  return reasons;
}

describe('paraphrase classes: words customers swap when they ask again', () => {
  it.each([
    // availability: in stock / available / restock / come back
    ['is the pine wardrobe in stock', 'pine wardrobe available?', 'will you restock the pine wardrobe'],
    ['when will the linen duvet come back', 'is the linen duvet back in stock yet', 'linen duvet restocked?'],
    // money off: promo / coupon / voucher / deals
    ['got any promo codes', 'any coupons today', 'voucher code?'],
    // how one pays: options / modes / methods
    ['what payment options are there', 'which modes of payment work', 'payment methods?'],
    // shop hours: open / close / hours / what time
    ['are you open now', 'what are the hours', 'what time do you close'],
    // arriving: eta / get here / show up
    ['when will it get here', 'eta?', 'when does the van show up'],
  ])('%j / %j / %j is one question', (a, b, c) => {
    expect(loopAfter([a, b], c)?.reason).toBe('loop');
  });

  it('keeps category values apart: three countries, three weekdays, three colours are three questions', () => {
    expect(loopAfter(['do you ship to France', 'do you ship to Spain'], 'do you ship to Italy')).toBeNull();
    expect(loopAfter(['are you open on monday', 'are you open on tuesday'], 'are you open on friday')).toBeNull();
    expect(loopAfter(['do you have the teapot in white', 'and in green'], 'is the green one in stock')).toBeNull();
  });

  it('drops generic subjects only beside a specific one', () => {
    expect(concepts('Is the walnut desk available?')).toEqual(concepts('do you have the walnut desk in stock'));
    expect(concepts('is it in stock?')).toEqual(['stock']);
    expect(concepts('do you take Revolut')).toEqual(concepts('can I pay with Revolut'));
  });

  it('does not merge different subjects that share a generic word', () => {
    expect(loopAfter(['is the oak chair in stock', 'is the oak table in stock'], 'is the oak bench in stock')).toBeNull();
    expect(loopAfter(['can I pay with PayPal', 'can I pay with Klarna'], 'can I pay by bank transfer')).toBeNull();
  });
});

describe('fillers between the askings ("ok", "k", "lol", "hello?", "??")', () => {
  it('neither extend nor break the fallback streak after a real question, so the third asking is a loop', () => {
    expect(play(['is the oak desk in stock', 'k', 'oak desk available?', 'lol', 'any oak desks in stock'])).toEqual([null, null, null, null, 'loop']);
    expect(play(['when does the winter sale start', 'hello?', 'whens the sale', '??', 'sale start date?'])).toEqual([null, null, null, null, 'loop']);
  });

  it('an "ok" after an answered question does not start a fallback streak', () => {
    const mem = memory({ recent: [norm('do you accept Apple Pay')], fallbacksInRow: 0 });
    expect(asksNothing(facts('ok').analysis, mem)).toBe(true);
    expect(asksNothing(facts('ok').analysis)).toBe(false);
  });

  it('still count before any real question: gibberish, a key mash or a lone word is not one', () => {
    expect(play(['mmmm', 'ok?'])).toEqual([null, 'repeated_fallback']);
    expect(play(['jjjjjjj', 'k'])).toEqual([null, 'repeated_fallback']);
    expect(play(['asdkjh qwe', '??'])).toEqual([null, 'repeated_fallback']);
  });

  it('a new question after a filler is a new request: two unusable questions still hand over', () => {
    expect(play(['can you book me a taxi', 'ok', 'do you sell concert tickets'])).toEqual([null, null, 'repeated_fallback']);
  });
});

describe('the kind of answer wanted (questionType)', () => {
  it('reads when / where / cost / duration / yes-no / none', () => {
    expect(questionType(norm('whens the sale'))).toBe('when');
    expect(questionType(norm('what time do you close'))).toBe('when');
    expect(questionType(norm('where is my parcel'))).toBe('where');
    expect(questionType(norm('how much is express'))).toBe('cost');
    expect(questionType(norm('how long does it take'))).toBe('duration');
    expect(questionType(norm('so can I pay later'))).toBe('yesno');
    expect(questionType(norm('sale start date?'))).toBeNull();
  });

  it('lets a re-asking with one more word wait for the loop, but not a follow-up that wants another answer', () => {
    expect(asksSameSubjectAgain(facts('when does the sale start').analysis, [norm('whens the sale')])).toBe(true);
    expect(asksSameSubjectAgain(facts("what's your mortgage rate").analysis, [norm('do you do mortgages')])).toBe(false);
    expect(play(['do you do mortgages', "what's your mortgage rate"])).toEqual([null, 'repeated_fallback']);
  });

  it('compares with the last three questions, not only the last message', () => {
    expect(asksSameSubjectAgain(facts('the warranty on the Vento, how long').analysis, [norm('how long is the warranty on the Vento fan'), norm('I am on Android by the way')])).toBe(true);
  });
});

describe('the same question with details added or dropped', () => {
  it('details added: every asking inside the longest one, the same kind of answer', () => {
    expect(loopAfter(['When will my order arrive?', 'When will order 55123 arrive?'], 'When will order 55123, sent to Leeds by standard post, arrive?')?.reason).toBe('loop');
    expect(loopAfter(['can I cancel my order', 'can I cancel order 44120'], 'can I cancel order 44120, I ordered it twice by mistake')?.reason).toBe('loop');
  });

  it('shortened: a full question, then parts of it', () => {
    expect(loopAfter(['What time do you open on Sunday?', 'Sunday?'], 'hours')?.reason).toBe('loop');
    expect(loopAfter(['please tell me the price to send a parcel to Poland and how long it takes', 'delivery to Poland?'], 'Poland??')?.reason).toBe('loop');
  });

  it('two orders, two questions: different references are never the same asking', () => {
    expect(loopAfter(["I've got two orders, 20011 and 20019", "where's 20011?"], 'and 20019?')).toBeNull();
    expect(loopAfter(['where is order 30001', 'where is order 30002'], 'where is order 30003')).toBeNull();
  });

  it('a repeated order number with new questions is not a loop', () => {
    expect(loopAfter(['can I change the address on 40210', 'and the phone number on 40210'], 'is 40210 paid')).toBeNull();
  });

  it('follow-ups that narrow the subject or ask something new are not a loop', () => {
    expect(loopAfter(['How long do I have to return an item?', 'Does that include sale items?'], 'And gifts?')).toBeNull();
    expect(loopAfter(['do you ship to Ireland', 'how much is it'], 'how long does it take')).toBeNull();
    expect(loopAfter(['is there a student discount', 'how do I verify I am a student'], 'can I use it online')).toBeNull();
  });

  it('only when the designer compares by meaning (similarity below 1)', () => {
    expect(loopAfter(['What time do you open on Sunday?', 'Sunday?'], 'hours', policy({ loop: { similarity: 1 } }))).toBeNull();
  });
});

describe('"you did not answer" complaints as a family', () => {
  it.each([
    "that isn't an answer to my question",
    "that's no answer at all",
    'please read what I wrote',
    'read my message again',
    'scroll up, I asked about the lamp',
    'you may have misunderstood me',
    'I think you got me wrong',
    "I didn't ask about returns, I asked for an invoice",
    'I literally just wrote that',
    "you don't answer to my question",
  ])('%j is a loop complaint', (text) => {
    expect(complaint(text)).not.toBeNull();
  });

  it.each([
    'I read your returns page, can I return sale items?',
    'I read again the terms and I am fine',
    "I didn't ask for gift wrap but it came wrapped, it's lovely",
    "maybe I misunderstood you, is delivery free over 50?",
    'that is the answer I needed, thanks',
    'you did not answer the phone yesterday, are you open today?',
  ])('%j is not', (text) => {
    expect(complaint(text)).toBeNull();
  });
});

describe('ranking: the customer naming the loop', () => {
  it('outranks a sensitive topic only the classifier guessed', () => {
    const { decision } = evaluateEscalation(policy(), facts("you didn't answer my question, that's not what I asked at all", { fallback: true }), memory());
    expect(decision.reason).toBe('loop');
  });

  it('does not outrank a sensitive topic the customer named in words', () => {
    const { decision } = evaluateEscalation(
      policy({ sensitiveTopics: { enabled: true, topics: [{ name: 'refunds', phrases: ['refund'], intents: [] }] } }),
      facts("that's not what I asked, where is my refund", { fallback: true }),
      memory(),
    );
    expect(decision.reason).toBe('sensitive_topic');
  });
});

describe('"not what I asked" in any tense or softening', () => {
  it.each(["I'm afraid that's not quite what I was asking.", "that's not really what I meant", "no, that is not what I wanted", "you've sent me the same link three times now"])(
    '%j is a loop the customer names',
    (text) => {
      expect(detectLoop(facts(text), policy(), memory())?.reason).toBe('loop');
    },
  );
  it.each(["is that not what I ordered? the colour looks different", "it's not what I expected but I like it"])('%j is not', (text) => {
    expect(detectLoop(facts(text), policy(), memory())).toBeNull();
  });
});

describe('more paraphrase classes (newcomers, dispatch, guarantees, sizes)', () => {
  it('reads "first order" / "new customers" / "first-time buyer" as one subject, and "has it left" / "gone out" as dispatch', () => {
    expect(concepts('do new customers get any code')).toEqual(concepts('any code for a first order'));
    expect(concepts('has it left?')).toEqual(concepts('is it dispatched'));
    expect(concepts('has it gone out')).toEqual(concepts('has it been posted'));
    expect([...concepts('what is the guarantee on the kettle')].sort()).toEqual([...concepts('kettle warranty?')].sort());
    expect(concepts('is the red dress in medium')).toContain('m');
  });
  it('keeps a newcomer question apart from an order question, and "left" apart from dispatch when nothing left', () => {
    expect(concepts('where is my first order')).not.toEqual(concepts('where is my order'));
    expect(concepts('I left a note for the courier')).not.toContain(concepts('has it left?')[0]);
  });
  it('"the reply is not related to my query" is a complaint; "is this related to my query about returns?" is not', () => {
    expect(complaint('The reply is not related to my query')).not.toBeNull();
    expect(complaint('that has nothing to do with what I asked')).not.toBeNull();
    expect(complaint('is this related to my query about returns?')).toBeNull();
  });
});
