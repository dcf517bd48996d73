/**
 * Session 25 (crisis; hostile s25 #2, #3, #4): self-harm / crisis (shared/escalation/selfHarm.ts).
 * A. The word gate lacked "alive" and "harming": "I don't want to be alive" and "I've been self harming" never fired.
 *    The gate is now the union of every branch's words, and a test reads every phrase below with and without it.
 * B. Clearly other senses are left alone: negation ("not suicidal"), titles ("Kill Myself by Suicideboys"), hyperbole
 *    ("kill myself laughing", "going to die if this doesn't arrive", "I want to die, this sale is so good"), other objects
 *    ("take my life savings", "cut myself a slice", "end it all with this company"), accidents ("cut myself on the
 *    packaging"). Where in doubt the handover stays ("the song makes me want to die", "I cut myself on my arm").
 * C. Common crisis wordings it missed: "I wish I were dead", methods (hang / shoot myself, all my pills, overdose, jump
 *    off a bridge), "no reason to live", "can't go on", "kms", "unalive", "kill my self", "kil myself", and "I want to
 *    die" in French, Spanish and German.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { playConversation } from '../../../shared/simulator/playConversation';
import { readSelfHarm, SELF_HARM_BRANCH_LIST, SELF_HARM_COVERS, SELF_HARM_LEAVES, SELF_HARM_NAME, selfHarmWords } from '../../../shared/escalation/selfHarm';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const flow = loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const play = (text: string) => playConversation(flow, 'sh', ['Something else', text], Date.parse('2026-03-02T10:00:00Z'));
const words = (text: string) => selfHarmWords(canonicalTokens(analyzeText(text)));
const ungated = (text: string) => readSelfHarm(` ${canonicalTokens(analyzeText(text)).join(' ')} `);

const CRISIS = [
  // A: the gate's missing words
  "I don't want to be alive",
  "I've been self harming",
  'I have self-harmed before',
  // C: misses
  'I wish I were dead',
  "I wish I wasn't alive",
  "I'd rather be dead",
  "I'd rather be dead than live like this",
  "I'm going to hang myself",
  "I'm going to shoot myself",
  "I'm going to take all my pills tonight",
  'I want to overdose',
  'I took an overdose',
  "I'm going to jump off a bridge",
  'I have no reason to live',
  "life isn't worth living",
  "I'm so tired of living",
  "I can't go on anymore",
  'I cant go on with my life',
  'kms',
  'i want to kms',
  'i wanna unalive myself',
  'thinking of unaliving',
  'I want to kill my self',
  'i want to kil myself',
  'nobody would miss me if I was gone',
  'everyone would be better off without me',
  'je veux mourir',
  "j'ai envie de mourir",
  'quiero morir',
  'me quiero morir',
  'ich will sterben',
  'ich möchte sterben',
  'voglio morire',
  'quero morrer',
  "I'm going to stab myself",
  'I will step in front of a train',
  'feeling sucidal',
  // what it covered before, and must still cover
  "I'm suicidal",
  'my son is suicidal and needs help',
  'I am thinking about killing myself',
  "I can't stop thinking about suicide",
  'I want to end my life',
  "I'm going to take my own life",
  'honestly I am going to end it all',
  "I'm going to end it all with these pills",
  'I want to die.',
  "I'm going to die tonight, I've decided",
  'I want to die. If nobody helps me tonight I will do it',
  'my battery is fine but I want to die',
  "I don't want to live anymore",
  'I keep cutting myself',
  "I'm going to off myself",
  // in doubt: kept
  "I don't want to kill myself but I think about it",
  "I'm not joking, I want to die",
  "Not going to lie, I want to kill myself",
  'the song makes me want to die',
  'this book, i want to die',
  'I cut myself on purpose',
  'I cut myself on my arm again',
  'I cut myself on the wrist last night',
  'I want to kill myself by jumping',
  'I want to die, this is so bad',
  "I can't go on like this",
];

const OTHER_SENSE = [
  // negation
  'not suicidal, just want my refund',
  "I'm not suicidal, just annoyed",
  'I would never kill myself, but where is my parcel',
  "I'm not going to hurt myself, I just want a refund",
  // titles
  'my favourite song is Kill Myself by Suicideboys',
  'Is "I Want to Die" by the band in stock on vinyl?',
  'Is "I Want to Die" on vinyl?',
  'do you sell the book "How to End It All Gracefully"?',
  // hyperbole
  "I'm going to kill myself laughing at this typo",
  "I'm going to die if this doesn't arrive lol",
  'I want to die, this sale is so good',
  "I'm dying to try it, I want to die of happiness lol",
  'this price is to die for',
  "I'm going to die for this dress",
  'I want to die of embarrassment, wrong size again',
  // other objects
  'take my life savings why don\'t you',
  'I want to end my life insurance policy',
  "I don't want to live without this product",
  'I want to end it all with this company, close my account',
  'I want to cut myself a slice of the cake, do you ship knives?',
  'cut myself some slack',
  "I'd rather be dead than use this app again",
  'my phone battery is going to die',
  // accidents
  'I cut myself on the packaging, sharp edge, need a refund',
  'I hurt myself assembling the chair, want to complain',
  'I accidentally cut myself',
  "what's the returns address, I'll drop it off myself",
  // other words
  "i can't go on the website",
  'can I go on holiday while the order is out? I cannot go on holiday without it',
  'the shop is 50 kms away',
  'you should jump off a bridge',
  'can you overdose on vitamin c gummies',
  'thanks, kill me now',
  'is the Suicide Squad DVD in stock?',
];

describe('self-harm / crisis (session 25): misses, other senses, the gate', () => {
  it.each(CRISIS)('%j is self-harm / crisis', (t) => expect(words(t)).not.toBeNull());
  it.each(OTHER_SENSE)('%j is another sense', (t) => expect(words(t)).toBeNull());

  it('the gate never hides a phrase: every text above reads the same with and without it', () => {
    for (const t of [...CRISIS, ...OTHER_SENSE]) expect(words(t), t).toBe(ungated(t));
  });

  it('every branch has an example above that it matches, and every branch word passes the gate', () => {
    for (const b of SELF_HARM_BRANCH_LIST) {
      const re = new RegExp(` (?:${b.re}) `);
      const hits = CRISIS.filter((t) => re.test(` ${canonicalTokens(analyzeText(t)).join(' ')} `));
      expect(hits.length, b.name).toBeGreaterThan(0);
      for (const t of hits) expect(words(t), `${b.name}: ${t}`).not.toBeNull();
    }
  });

  it.each(["I don't want to be alive", "I've been self harming", "I'm going to hang myself", 'je veux mourir', 'kms'])(
    '%j is handed over as urgency, named self-harm / crisis',
    (t) => {
      const p = play(t);
      expect(p.escalation?.reason).toBe('urgency');
      expect(p.escalation?.signals[0].explanation).toContain(`Urgency, ${SELF_HARM_NAME} (`);
    },
  );

  it.each(['not suicidal, just annoyed', "I'm going to kill myself laughing at this typo", 'my favourite song is Kill Myself by Suicideboys'])(
    '%j is not handed over as a crisis',
    (t) => expect(play(t).escalation?.signals[0]?.explanation ?? '').not.toContain(SELF_HARM_NAME),
  );

  it('every example the studio note and the docs give is read as they say (SELF_HARM_COVERS fires, SELF_HARM_LEAVES does not)', () => {
    const quoted = (s: string) => [...s.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(quoted(SELF_HARM_COVERS).length).toBeGreaterThan(15);
    for (const t of quoted(SELF_HARM_COVERS)) expect(words(t), t).not.toBeNull();
    for (const t of quoted(SELF_HARM_LEAVES)) expect(words(t), t).toBeNull();
  });
});
