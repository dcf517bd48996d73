/**
 * Round eight (session 6, escMsg): explicit requests in forms the rules missed, each a family with its look-alikes.
 * Positives run with the classifier off, so a pass is the rule's; negatives with the shipped classifier on.
 *  - typos inside a talk frame ("talk / speak / chat to ..."): one edit more, and real words nobody talks to;
 *  - people named only as the one to talk to (a lady, a gentleman, a living soul, an expert);
 *  - "is there <adjectives> <person>" with several adjectives ("an actual living soul");
 *  - the case as the subject of a need ("this needs a human"), a switch of who answers ("change to manual service"),
 *    a polite wish ("I would appreciate speaking to ...");
 *  - a short comma clause that asks on its own ("personne réelle please, I am French"), time words in a bare request
 *    ("one of your advisers, whenever free");
 *  - a presence check and nothing else ("hello? anybody?", "there is someone?"), "can I get transferred", complaining to a manager, the people who run the shop in a talk frame ("discuss this with the owner").
 */
import { describe, expect, it } from 'vitest';
import { detectExplicitRequest } from '../../../shared/escalation/detectors/detectExplicitRequest';
import { fires, policy } from './facts';

const rulesOnly = policy({ classifier: { enabled: false } });

describe('round eight explicit requests: rule families', () => {
  it.each([
    ['could i tlak to a presn plz', 'presn'],
    ['need to speek with a manger', 'manger'],
    ['can I chat with an opertor', 'opertor'],
    ['I would appreciate speaking to a lady from your company', 'lady'],
    ['may I talk to a real gentleman about my order', 'gentleman'],
    ['I just want to talk to a living soul', 'soul'],
    ['let me speak to an expert please', 'expert'],
    ['is there a single living soul reading these messages?', 'soul'],
    ['is there an actual human being there', 'human'],
    ['honestly this needs a human', 'needs a human'],
    ['this matter really requires a manager', 'requires a manager'],
    ['please change me to a person', 'change me to a person'],
    ['change to human service pls', 'human service'],
    ['I would really appreciate a call back from your team', 'appreciate'],
    ['une vraie personne svp, merci', 'personne'],
    ['a supervisor please, this is the third time I write', 'supervisor please'],
    ['someone from billing, whenever available', 'billing'],
    ['there is someone?', 'someone'],
    ['hello? anybody?', 'anybody'],
    ['can I get transferred', 'transferred'],
    ['I want to complain to a manager about this', 'manager'],
    ["I'd like to discuss this with the owner", 'owner'],
  ])('%j asks for a person (%s)', (text, word) => {
    const s = fires(detectExplicitRequest, text, rulesOnly);
    expect(s?.reason).toBe('explicit_request');
    expect(s?.source).toBe('rule');
    expect(s?.explanation.toLowerCase()).toContain(word.toLowerCase());
  });

  it.each([
    'I want a lady\'s watch for my wife',
    'do you sell gifts for a gentleman who has everything?',
    'is the expert guide included with the drill',
    'I was talking to my partner about the sofa',
    'the manger for our nativity scene arrived broken',
    'is there a soul in this company who actually cares',
    'this needs batteries, right?',
    'does it need someone to sign for it',
    'I would appreciate a discount code',
    'personne ne répond, c\'est nul',
    'no, not a human please, just the tracking link',
    'I don\'t need a person, please just send the link',
    'can I change to express delivery',
    'please change the address to my work',
    'thanks, the manager at the store was lovely',
    'do you have the man\'s version of this jacket',
    'does anyone know if this fits a double bed?',
    'anyone else having this problem?',
    'what are your call center hours',
    'i used to work in a call centre, so i know how it goes',
    'my call got transferred and then dropped',
    'is the owner\'s manual included?',
    'I discussed this with the owner of the flat yesterday',
    'someone stole my parcel?',
    'promo codes?? anyone',
    'student discount? anyone?',
  ])('%j is not a request for a person', (text) => {
    expect(fires(detectExplicitRequest, text)).toBeNull();
  });
});
