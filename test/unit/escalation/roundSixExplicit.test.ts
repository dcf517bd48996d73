/**
 * Round six (session 4): explicit requests by family (docs/escalation.md, "Round six (session 4): explicit requests").
 * Every wording here is written for the test, not copied from a corpus, and each family has its look-alikes
 * that must stay quiet. The rules are checked with the classifier switched off, so a pass is the rule's.
 */
import { describe, expect, it } from 'vitest';
import { detectExplicitRequest } from '../../../shared/escalation/detectors/detectExplicitRequest';
import { evaluateEscalation } from '../../../shared/escalation/evaluateEscalation';
import { facts, fires, memory, policy } from './facts';

const rulesOnly = policy({ classifier: { enabled: false } });
const rule = (text: string) => fires(detectExplicitRequest, text, rulesOnly);
/** The whole detector (rules, then the classifier behind its gates). */
const any = (text: string) => fires(detectExplicitRequest, text);

describe('round six: asking to be phoned or written to', () => {
  it.each([
    'call me back please',
    'Could you ring me on 07123 456789?',
    'pls phone me tomorrow morning',
    'give us a ring when you can',
    'drop me a line',
    'could someone email me about this instead',
    'have your billing team write to me',
    'a callback would be great',
    "I'd like to request a call back",
    'can I book a call with one of your advisers',
    'callback pls',
    'Get back to me when someone is free.',
    'please get in touch with me',
    'can your staff phone my wife, she placed the order',
    'Can a staff member reply to my email from last week?',
  ])('fires on %j', (text) => {
    const s = rule(text);
    expect(s?.reason).toBe('explicit_request');
    expect(s!.explanation).toMatch(/^The customer asked for a person \(".+"\)\.$/);
  });

  it.each([
    'can you email me the invoice',
    'text me the tracking number please',
    'email me when it is back in stock',
    "please don't call me, I'm at work",
    'no need to email me, I found it',
    'I do not need anyone to ring me',
    'Is there a number I can call you on to order by phone?',
    "What's the phone number for the Leeds store? I'll ring them myself.",
    'Would it be possible for the parcel to reach me by Friday?',
    'you can call me Sam',
    'my husband will call you later',
    'I got a call from your courier this morning',
  ])('does not fire on %j (the shop or a parcel contacting, information, or declined)', (text) => {
    expect(any(text)).toBeNull();
  });
});

describe('round six: a role or a department instead of "a person"', () => {
  it.each([
    'I need our account manager',
    'put me through to the returns department',
    'can I have a word with whoever handles trade accounts',
    'I would like to raise this with someone more senior',
    'Please loop in the sales team.',
    'Customer relations, please.',
    'connect me to the complaints dept',
    'I want to be transferred to your supervisor',
    'Who deals with wholesale orders? I need to talk to them.',
    'I want to speak with your senior, please',
  ])('fires on %j', (text) => {
    expect(rule(text)?.reason).toBe('explicit_request');
  });

  it.each([
    'I want to talk to human resources about a job',
    'Do you sell filing cabinets for a human resources office?',
    'my travel agent booked the hotel, do you deliver there?',
    'Please send it to our HR department on floor 2',
    'What is the account manager\'s email address?',
    'Is the senior discount available online?',
    'Do you need someone to sign for the parcel?',
    'my manager asked me to order this chair',
  ])('does not fire on %j', (text) => {
    expect(any(text)).toBeNull();
  });
});

describe('round six: is anyone real there', () => {
  it.each(['hello? anyone there?', 'is anybody actually reading this', 'any staff around today?', 'Are there people behind this chat?', 'is there a real one I can ask'])(
    'fires on %j',
    (text) => {
      expect(rule(text)?.reason).toBe('explicit_request');
    },
  );

  it.each([
    'are you a bot?',
    'Is this a human or a program? Just curious.',
    'Who made you? You answer fast.',
    'Is anyone in my family allowed to collect it?',
    'Is anyone at this company competent?',
  ])('does not fire on %j (curiosity about the bot, or not a request)', (text) => {
    expect(any(text)).toBeNull();
  });
});

describe('round six: wanting to stop talking to a machine', () => {
  it.each([
    "I don't want automated replies any more.",
    "I'm sick of talking to a bot",
    'switch off the autopilot please',
    'I want out of this chatbot',
    'enough of the canned answers',
    'I refuse to argue with software.',
  ])('fires on %j', (text) => {
    expect(rule(text)?.reason).toBe('explicit_request');
  });

  it.each([
    "I don't want the automatic renewal",
    'Is the rug machine washable?',
    "I'm not a fan of bots but you were quick, thanks",
    'Am I chatting with a machine? Fine by me, where is my parcel?',
    'stop sending me automated emails',
  ])('does not fire on %j', (text) => {
    expect(any(text)).toBeNull();
  });
});

describe('round six: shorthand, other languages and non-native phrasing', () => {
  it.each([
    'hmn pls',
    'cust svc plz',
    'cld sum1 msg me',
    'talk 2 a mngr',
    'cb pls 07900 111222',
    'can i get a rl one',
    'Quiero hablar con una persona',
    'necesito que alguien me llame',
    "Je voudrais parler à un conseiller",
    'I want to be attended by a collaborator of the store',
    'Please put me in relation with a counsellor',
    'Turn me to manual service please',
    'I wish to communicate with the encharged of billing',
  ])('fires on %j', (text) => {
    expect(rule(text)?.reason).toBe('explicit_request');
  });

  it.each(['a bit of a cb', 'msg received, thanks', 'I work as an operator at a call centre, do you sell headsets?'])('does not fire on %j', (text) => {
    expect(any(text)).toBeNull();
  });
});

describe('round six: the request inside a longer message, and declining one', () => {
  it.each([
    "I don't want the chatbot. Staff member please.",
    'I tried the returns page twice. Sales manager, please. It is about the tender.',
    'Help desk staff needed.',
    'I would appreciate it if a real person could handle this, a team member would be better placed.',
    'Honestly at this point I think a human needs to look at it.',
  ])('fires on %j', (text) => {
    expect(rule(text)?.reason).toBe('explicit_request');
  });

  it.each([
    'No need for a human, just tell me when the sale ends.',
    "I won't need a manager, just confirm the refund date",
    'If I ever need staff, how do I reach them? Just curious.',
    'Could a member of your team... never mind, I found the size guide.',
    'No call needed, the tracking link is enough.',
    'I spoke to someone from your team yesterday, can you check the reference?',
    'A real person signed for it, so all good. Can I have the receipt?',
    "I'm a manager at a school, do you do bulk pricing?",
  ])('does not fire on %j', (text) => {
    expect(any(text)).toBeNull();
  });

  it('a request with a deadline is still named as the request (explicit ranks first)', () => {
    const d = evaluateEscalation(policy(), facts('please call me back before 5pm today'), memory()).decision;
    expect(d.reason).toBe('explicit_request');
  });
});

describe('round six: stepping in, the passive, sentences and rhetorical questions', () => {
  it.each([
    'Could a colleague step in here?',
    'can a supervisor jump on this chat',
    'At this point could a manager get involved?',
    "I'd like this to be dealt with by a member of your staff.",
    "I'd like to be called. My mobile ends 1234.",
    'Ring me. Same number as on the order.',
    'The machine says no. I want someone who can say yes.',
    'Can our usual contact at Northwind pick this up?',
    'any real support around?',
    'Is anyone from your company reading this?',
    "I'm not talking to a script. Who's there?",
    'Ich möchte bitte mit einem Mitarbeiter sprechen',
    '¿Hay alguien que me pueda atender?',
    'could someone else take this chat',
    'customer services pls',
    'pls get som1 frm the shop 2 call me bk',
  ])('fires on %j', (text) => {
    expect(rule(text)?.reason).toBe('explicit_request');
  });

  it.each([
    'Does anyone there actually care about customers?',
    'Is there anyone in this company who knows what they are doing?',
    'So glad I picked you over anyone else.',
    'Is it true real staff answer in the evenings? Not that I need them, just curious.',
    'Can I ask for a person later if I need to? I do not need one now.',
    'Does the walkie-talkie let me speak to the person in the next room?',
    'Send to: Human Resources, Unit 4, Riverside. Is that a valid delivery address?',
    'Can our accounts team get monthly statements?',
    'Will the parcel still reach me if the name is misspelt?',
    'Do you send someone to assemble the wardrobe?',
    'I hate this app',
    'Ok, and can the courier call me before coming?',
    'Can I send a present to a person at another address?',
    'My wife has the same order number on her email, can we both track it?',
    'I need the invoice before my meeting with our accounts team',
    'The instructions for the desk are missing a page. Is there a PDF online?',
  ])('does not fire on %j', (text) => {
    expect(any(text)).toBeNull();
  });
});

describe('round six on w8 (test/fixtures/escalation-corpus/w8.jsonl: 440 explicit requests in ten kinds, 431 look-alikes)', () => {
  it('hands over at least 98% of the requests as explicit requests, and none of the look-alikes as one', async () => {
    const { explicitReport, readKindLines } = await import('../../../scripts/train-escalation/explicitReport');
    const { fileURLToPath } = await import('node:url');
    const file = fileURLToPath(new URL('../../fixtures/escalation-corpus/w8.jsonl', import.meta.url));
    const { rows } = explicitReport(readKindLines(file));
    const weighted = (label: string, f: (r: (typeof rows)[number]) => number) => {
      const rs = rows.filter((r) => r.label === label);
      return rs.reduce((a, r) => a + f(r) * r.n, 0) / rs.reduce((a, r) => a + r.n, 0);
    };
    expect(weighted('explicit_request', (r) => r.rate)).toBeGreaterThanOrEqual(0.98);
    // Every kind at 90% or more: no family is left behind by the total.
    for (const r of rows.filter((x) => x.label === 'explicit_request')) expect(r.rate, r.kind).toBeGreaterThanOrEqual(0.9);
    expect(weighted('none', (r) => r.other)).toBe(0);
  });
});
