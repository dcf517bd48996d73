// Session 27 (loops): askings the customer says restate the one before ("no I mean ...", "What I mean is ...", "like ...",
// "Put differently ...": detectLoop.restatementOpener), and a contrast of what was asked with what the bot answered when no
// earlier question is kept ("I asked when the sofa will be delivered, not how to assemble it"). Sentences are made up for
// the tests (in the style of the odd ids read), not copied from a corpus.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { escalationOrClarify, playConversation } from '../../../shared/simulator/playConversation';
import { detectLoop, restatementOpener } from '../../../shared/escalation/detectors/detectLoop';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { normalizeText } from '../../../shared/nlu/normalizeText';
import { facts, memory, policy } from './facts';

const shipped = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const now = Date.parse('2026-11-24T10:00:00Z');
const reason = (turns: string[]) => escalationOrClarify(playConversation(shipped, 'c', turns, now), turns.length)?.reason ?? 'none';
const pol = policy({ loop: { enabled: true, count: 3, similarity: 0.8 } });
const loop = (earlier: string[], text: string) => detectLoop(facts(text), pol, memory({ recent: earlier.map((e) => normalizeText(e)) }));
const opener = (text: string) => restatementOpener(canonicalTokens(facts(text).analysis));

describe('restatementOpener', () => {
  it('reads the openings that say the asking restates the one before', () => {
    expect(opener('no i mean the length of it')).toBe('no i mean');
    expect(opener('Naw I mean is it warm enough for winter')).toBe('naw i mean');
    expect(opener('What I mean is, can someone else sign for it?')).toBe('what i mean');
    expect(opener('Put differently, when do I get the money?')).toBe('put differently');
    expect(opener('To clarify: can we pay by invoice?')).toBe('to clarify');
    expect(opener('like how many watts')).toBe('like');
    expect(opener('Basically: does it fold flat?')).toBe('basically');
  });
  it('not in the middle of a sentence, nor liking, pointing or asking for examples', () => {
    expect(opener('I would like to know the width')).toBeNull();
    expect(opener('like it, thanks')).toBeNull();
    expect(opener('like this one?')).toBeNull();
    expect(opener('like what?')).toBeNull();
    expect(opener('do you mean the blue one')).toBeNull();
  });
});

describe('a restatement opening the third asking', () => {
  it('is a loop after two earlier questions', () => {
    expect(loop(['does the kettle switch off by itself', 'will it turn off when the water boils'], 'like does it stop on its own')?.reason).toBe('loop');
  });
  it('not after one earlier question', () => {
    expect(loop(['does the kettle switch off by itself'], 'like does it stop on its own')).toBeNull();
  });
});

describe('an asking restated before this one', () => {
  it('links the third asking to a subject of the restated one', () => {
    expect(loop(['how much is delivery', 'no i mean delivery to Cork exactly'], 'the fee to Cork city')?.reason).toBe('loop');
  });
  it('not a follow-up or a thanks after the restatement', () => {
    expect(loop(['how much is delivery', 'no i mean delivery to Cork exactly'], 'and how long does it take to Cork')).toBeNull();
    expect(loop(['how much is delivery', 'no i mean delivery to Cork exactly'], 'ok great thanks, Cork it is')).toBeNull();
  });
  it('not a new question that shares nothing with the askings', () => {
    expect(loop(['do you sell table lamps', 'no i mean a lamp for the desk'], 'do you take paypal')).toBeNull();
  });
  it("not after the customer's own slip", () => {
    expect(loop(['is the rug washable', 'no i mean the mat, can it go in the machine'], 'the mat, does it need hand washing')?.reason).toBe('loop');
    expect(loop(['is the rug washable', 'oops sorry i mean the mat, can it go in the machine'], 'the mat, does it need hand washing')).toBeNull();
  });
  it('in the shipped flow', () => {
    expect(reason(['Something else', 'is the rug washable', 'no i mean can the rug go in the washing machine', 'the rug, machine washable or hand wash only'])).toBe('loop');
    expect(reason(['Something else', 'is the rug washable', 'I mean if I order something, is the rug sent rolled', 'And how long would delivery take?'])).toBe('none');
  });
});

describe('what was asked against what the bot answered, with no earlier question kept', () => {
  it('a contrast is a loop on its own', () => {
    expect(loop([], 'I asked when the table will be delivered, not how to build it')?.reason).toBe('loop');
    expect(loop([], 'Question is about a swap, not a refund')?.reason).toBe('loop');
    expect(loop([], 'That is about the fridge, I asked about the freezer')?.reason).toBe('loop');
    expect(loop([], 'asked about the lid not the handle')?.reason).toBe('loop');
  });
  it('not a first question, a slip or "I meant"', () => {
    expect(loop([], 'I asked my neighbour to take the parcel in')).toBeNull();
    expect(loop([], 'sorry I asked for the wrong size, not the large')).toBeNull();
    expect(loop([], 'I meant to order the grey one, not the blue')).toBeNull();
  });
});

describe('the bot answered something else, in the customer\'s words', () => {
  it('"I did not ask that" and "you told me about something else"', () => {
    expect(loop(['what does delivery to Malta cost'], 'You are telling me about returns, I did not ask that')?.reason).toBe('loop');
    expect(loop(['what does delivery to Malta cost'], '??? didnt ask that')?.reason).toBe('loop');
    expect(loop(['what does delivery to Malta cost'], 'You have told me about something else')?.reason).toBe('loop');
  });
  it('not "I did not ask for that" (goods sent) nor a question that happens to say it', () => {
    expect(loop(['where is my order'], 'I did not ask for that colour, you sent grey')).toBeNull();
    expect(loop([], 'I did not ask that question to the courier yet, should I?')).toBeNull();
  });
});
