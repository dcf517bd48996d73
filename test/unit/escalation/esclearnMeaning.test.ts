/**
 * Session 7 (esclearn, issue 11): sensitive topics by meaning and ordinary questions that must not escalate, each a
 * family with the cases that must still fire. Played through flows/customer-support.json like the corpora (a message
 * after "Something else").
 *  - billing = what the customer was charged: "paid 2x", a charge the customer says they should not have had;
 *  - privacy = personal data seen where it should not be: another customer's details sent to this one; "how did yous /
 *    you guys get my number";
 *  - safety: a product meant to keep a child safe that failed with the child there;
 *  - not the customer's own case: asked for homework / a blog, "not asking for mine", "so I know for the future",
 *    "before I create an order", "thinking to order";
 *  - a topic the classifier reads from function words only ("sorry I didn't get that"): not a topic;
 *  - account security = a change the customer did not make: "how can I change my email?" is not one;
 *  - "my English is broken" is not damaged goods; "No refund please, I keep it" declines the refund;
 *  - a customer who says they are NOT upset ("I promise I'm not cross") is not negative, unless a contrast follows.
 */
import { describe, expect, it } from 'vitest';
import { loadSupportFlow, REPORT_NOW } from '../../bench/escalationReport';
import { playConversation } from '../../../shared/simulator/playConversation';
import { deniedUpset } from '../../../shared/escalation/detectors/detectNegativeSentiment';
import { languageIdiom, ownChangeQuestion } from '../../../shared/escalation/topicMeaning';
import { canonicalTokens } from '../../../shared/escalation/canonicalTokens';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const flow = loadSupportFlow();
const now = Date.parse(REPORT_NOW);
const reasonOf = (text: string) => playConversation(flow, 't', ['Something else', text], now).escalation?.reason ?? null;
const toks = (text: string) => canonicalTokens(analyzeText(text));

describe('sensitive topics by meaning (session 7 families)', () => {
  it.each([
    'paid 2x for my order??',
    'charged x2 for one jumper',
    'You charged me the delivery fee of £3.95 but I picked free click and collect',
    'they added postage of £2.99 but I spent over the free delivery limit',
    "Your delivery note had another customer's name and phone number printed on it",
    "the invoice in my box shows someone else's home address",
    'how did you guys get my email? I never signed up',
    'The stair gate popped open when my toddler pushed it',
    "my son's car seat buckle snapped on the motorway",
  ])('%j is a sensitive topic', (text) => {
    expect(reasonOf(text)).toBe('sensitive_topic');
  });

  it.each([
    'Can I send it to a different address?',
    "can my order go to someone else's address, it's a gift",
    'do you charge extra for postage to Ireland?',
    'the stair gate arrived, can I fit it myself?',
  ])('%j is not', (text) => {
    expect(reasonOf(text)).not.toBe('sensitive_topic');
  });
});

describe('ordinary questions that name a topic (session 7 families)', () => {
  it.each([
    'How does someone make a complaint in general? It is for my homework about shops',
    "What is your refund process? I'm just writing a blog post, not asking for mine",
    'What is the refund process for orders abroad? I am thinking to order for my sister in Spain',
    'Do you share my address with other companies? I only ask before I create an order',
    'sorry I didn\'t get that',
    'How can I change the email on my account? I have a new one now',
    'My English is broken sorry, how much is shipping to Dubai',
    'No refund please, I keep the dress. How much is delivery to Nairobi?',
  ])('%j does not escalate as a sensitive topic', (text) => {
    expect(reasonOf(text)).not.toBe('sensitive_topic');
  });

  it.each([
    "I can't log in, someone changed the email on my account",
    'how do I change my password? somebody logged in from another country',
    'I was not refunded for the broken kettle',
    'still no refund for my return, this is a joke',
    'the lamp arrived broken',
    "There's an order on my account for a TV that I never placed",
  ])('%j still does', (text) => {
    expect(reasonOf(text)).not.toBeNull();
  });

  it('reads the language idiom and the own-change question as families, not phrases', () => {
    expect(languageIdiom(toks('sorry for my broken french'))).toHaveLength(1);
    expect(languageIdiom(toks('my spelling is a bit broken'))).toHaveLength(1);
    expect(languageIdiom(toks('the broken lamp, my english is fine'))).toHaveLength(0);
    expect(ownChangeQuestion(toks('where can I update my phone number?'))).toBe(true);
    expect(ownChangeQuestion(toks('how do I reset my password, it was not me who changed it'))).toBe(false);
  });
});

describe('a customer who says they are not upset (session 7)', () => {
  it.each([
    ["I promise I'm not cross at all, just wondering how long returns take to process?", 'not cross'],
    ['I am not unsatisfied, on the contrary. Can I order another for my mother?', 'not unsatisfied'],
  ])('%j is not negative', (text, denial) => {
    expect(deniedUpset(toks(text))).toBe(denial);
    expect(reasonOf(text)).not.toBe('negative_sentiment');
  });

  it.each([
    "I'm not angry, I'm just astonished this keeps happening",
    "I don't normally complain, but this is getting silly now",
    "It'd be funny if it weren't so sad",
    'not cross, but this is the third time it is late and I am fuming',
  ])('%j still reads as upset (no denial taken)', (text) => {
    expect(deniedUpset(toks(text))).toBeNull();
  });
});
