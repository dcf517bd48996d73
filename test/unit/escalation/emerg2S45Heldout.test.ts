/**
 * Session 45 (emerg2): wordings written after the code of emerg2S45 (held out). On the first run 26 of 27 read as wanted;
 * the one that did not ("the fire in the stove ...": a fire kept in a stove) was mended and is marked below.
 */
import { describe, expect, it } from 'vitest';
import { detectUrgency } from '../../../shared/escalation/detectors/detectUrgency';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { meaningOf } from '../../../shared/escalation/topicMeaning';
import { analyzeText } from '../../../shared/nlu/analyzeText';
import { fires, policy } from './facts';

const emergency = (text: string) => fires(detectUrgency, text, policy())?.emergency === true;
const safetyByMeaning = (text: string) => meaningOf(canonicalTokens(analyzeText(text)), ['safety']) !== null;

export const FIRE_PERSON = [
  "there's a fire in the bedroom and my little brother is still in there",
  'fire in the shed and my dad is stuck inside',
  'the dryer started a fire and my wife is trapped upstairs',
  "a fire broke out in the hallway, my kids are still inside",
  'fire at the flat, my grandad is still in there, he can not get out',
  'there is a fire in our house and my baby is upstairs',
];
export const FIRE_NOT = [
  'there was a fire at the depot, is my order still inside it?',
  'fire in the house last month, nobody hurt, can I claim?',
  // (Failed before a mend: a fire in a stove, a fireplace or a pit is kept there.)
  'the fire in the stove is not lighting, my mum is inside waiting',
  'we had a fire in the kitchen but everyone got out and it is out now',
  'my son is still inside the store, can he collect my order?',
  'can I use the fire pit in the garden with the kids inside?',
];
export const SWALLOW_NOW = [
  'my son might have swallowed a button cell from the hearing aid',
  'she swallowed a coin cell battery',
  'my toddler swallowed a magnet last night and he keeps vomiting',
  'my daughter swallowed a battery yesterday and now she is in pain',
  'my boy swallowed one of the button cells from the toy',
];
export const SWALLOW_NOT_NOW = [
  'my daughter swallowed a magnet when she was 3, she is fine, are these ones safe?',
  'when my son was a toddler he swallowed a coin, do you sell safety locks?',
  'my nephew swallowed a battery when he was little, is the cover screwed on?',
  'my son swallowed a marble when he was 5, are these marbles big enough?',
  'years ago my daughter swallowed a magnet, is this set ok for 3 year olds?',
];
export const FIGURE = [
  'we swallowed the delivery fee last time, can you waive it?',
  'I swallowed my pride and asked for help, where is NW-104233',
  'my dog swallowed the gift tag, can you send another?',
  'the kids swallowed their words when they saw the bike, thanks!',
  'I had to swallow the cost of the return, can you refund the postage?',
];

describe('emerg2 held out: fire with a person inside', () => {
  it.each(FIRE_PERSON)('%j is an emergency', (t) => expect(emergency(t)).toBe(true));
  it.each(FIRE_NOT)('%j is no emergency', (t) => expect(emergency(t)).toBe(false));
});
describe('emerg2 held out: swallowing now and long ago', () => {
  it.each(SWALLOW_NOW)('%j is an emergency', (t) => expect(emergency(t)).toBe(true));
  it.each(SWALLOW_NOT_NOW)('%j is no emergency', (t) => expect(emergency(t)).toBe(false));
});
describe('emerg2 held out: swallowed as a figure or of a harmless thing', () => {
  it.each(FIGURE)('%j is no safety topic by meaning and no emergency', (t) => {
    expect(safetyByMeaning(t)).toBe(false);
    expect(emergency(t)).toBe(false);
  });
});
