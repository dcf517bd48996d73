/**
 * Session 45 (ticketq): the blind re-test of conversations at the end of session 45 (/work/coord/s45/retest-conv/report.md).
 * H2: the ticket's issue question ("What should our team help you with?") took almost any message as the issue, opened the
 * ticket and said goodbye. An issue must say something of the matter:
 * - a hold, filler, bare question mark or greeting gets the question again (once, kindly);
 * - a request for a person gets the still-closed line and the question;
 * - a phone number is taken as the contact and the issue asked;
 * - a complaint gets an apology and is kept as the issue;
 * - a question the flow answers with messages is answered and the issue asked again;
 * - "I don't have an email" is no issue: the issue is asked again.
 * M2: "na" (N/A) at an email question is no name; "hmm" at the ticket's email question is no refusal (asked again).
 * Each kind: the report's wordings, five of our own, and near misses that keep the old behaviour.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse, type Conversation } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import { EMAIL_LEFT_OUT } from '../../../shared/engine/behaviours/question';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
const CLOSED = Date.parse('2026-03-07T13:30:00Z');

const tickets = (c: Conversation) => c.effects().filter((e) => e.type === 'create_ticket') as Array<Extract<ReturnType<Conversation['effects']>[number], { type: 'create_ticket' }>>;

/** Northwind out of hours, the email declined, at the ticket's issue question. */
const issueQuestion = () => {
  const c = converse(load('customer-support'), { now: CLOSED });
  c.say('I want to talk to a person');
  c.say('no email');
  expect(c.lastBotText()).toBe(ticketPrompts.issue);
  return c;
};

describe('H2: a hold, filler, bare question mark or greeting at the issue question', () => {
  const report = ['wait', 'what?', 'hello?', '??'];
  const own = ['hang on', 'huh?', 'hi', 'hmm', 'sorry?', 'um', 'one sec'];
  it.each([...report, ...own])('%s: no ticket, the question again (kindly)', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c)).toHaveLength(0);
    expect(c.lastBotText()).toBe(ticketPrompts.issueAgain);
    c.say('my parcel never arrived');
    expect(tickets(c).map((t) => t.issue)).toEqual(['my parcel never arrived']);
  });
  it('asked again once: a second one opens the ticket with what is known (not "wait")', () => {
    const c = issueQuestion();
    c.say('wait');
    c.say('hello?');
    expect(tickets(c)).toHaveLength(1);
    expect(tickets(c)[0].issue).not.toBe('hello?');
  });
  const matters = ['wait, my parcel is damaged', 'hello, I need a refund for NW-104233', 'hi, the lamp arrived broken', 'what happened to my refund?', 'hmm the sofa leg snapped'];
  it.each(matters)('near miss %s: the issue, the ticket opens', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c)).toHaveLength(1);
    expect(tickets(c)[0].issue).toContain(text.replace(/^(?:wait|hello|hi|hmm),? /, ''));
  });
});

describe('H2: a request for a person at the issue question (closed)', () => {
  const asks = ['can you just get me a manager', 'could you get me a supervisor please', 'can I speak to a manager', 'just a manager please', 'can you get me a real person?', 'get me someone now'];
  it.each(asks)('%s: the still-closed line and the question, no ticket', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c)).toHaveLength(0);
    expect(c.lastBotText()).toContain('still offline');
    expect(c.lastBotText()).toContain(ticketPrompts.issueWhileClosed);
  });
  it('after "Welcome back!" too (the report\'s t6)', () => {
    const c = converse(load('customer-support'), { now: CLOSED });
    c.say('I want to talk to a person');
    c.say('no email');
    c.say('my parcel never arrived');
    expect(tickets(c)).toHaveLength(1);
    c.say("this is a joke, I've been trying to reach you for an hour");
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
    c.say('can you just get me a manager');
    expect(tickets(c)).toHaveLength(1);
    expect(c.lastBotText()).toMatch(/still offline|nobody can join/);
    expect(c.lastBotText()).toContain(ticketPrompts.issueWhileClosed);
  });
  const matters = ['my manager wants a refund for NW-104233', 'the agent told me I would get a refund', 'someone left my parcel in the rain'];
  it.each(matters)('near miss %s: the issue', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c).map((t) => t.issue)).toEqual([text]);
  });
});

describe('H2: a phone number at the issue question is the contact', () => {
  const phones = [['07700900123', '07700900123'], ['my number is 07700 900123', '07700 900123'], ['call me on 07700900123', '07700900123'], ['+44 7700 900123', '+44 7700 900123'], ["it's 07700900123", '07700900123'], ['07700900123 is my mobile', '07700900123']];
  it.each(phones)('%s: kept as the phone, the issue asked', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c)).toHaveLength(0);
    expect(String(c.variables().customerPhone).replace(/\D/g, '')).toContain('7700900123');
    expect(c.lastBotText()).toContain(ticketPrompts.issue);
    c.say('my parcel is damaged');
    const [t] = tickets(c);
    expect(t.issue).toContain('my parcel is damaged');
    expect(t.contact.phone).not.toBeNull();
  });
  it('near miss: a number beside the matter opens the ticket with both', () => {
    const c = issueQuestion();
    c.say('07700900123, my parcel is damaged');
    const [t] = tickets(c);
    expect(t.issue).toContain('my parcel is damaged');
    expect(t.contact.phone).not.toBeNull();
  });
  it('near miss: an order number is no phone', () => {
    const c = issueQuestion();
    c.say('NW-104233 never arrived');
    expect(tickets(c).map((t) => t.issue)).toEqual(['NW-104233 never arrived']);
  });
});

describe('H2: a complaint at the issue question gets an apology and is the issue', () => {
  const upset = ['this is ridiculous', 'this is a joke', 'absolutely pathetic service', "I'm so fed up with this", 'this is unacceptable', 'useless'];
  it.each(upset)('%s', (text) => {
    const c = issueQuestion();
    const before = c.botTexts().length;
    c.say(text);
    const said = c.botTexts().slice(before);
    expect(said.some((t) => /\bsorry\b/i.test(t))).toBe(true);
    expect(tickets(c).map((t) => t.issue)).toEqual([text]);
  });
  const plain = ['I need to change my delivery address', 'please check my order NW-104233', 'I want to return a chair'];
  it.each(plain)('near miss %s: no apology, the issue', (text) => {
    const c = issueQuestion();
    const before = c.botTexts().length;
    c.say(text);
    expect(c.botTexts().slice(before).some((t) => /\bsorry\b/i.test(t))).toBe(false);
    expect(tickets(c).map((t) => t.issue)).toEqual([text]);
  });
});

describe('H2: a question the flow answers, at the issue question', () => {
  const questions = ['do you deliver to Ireland?', 'how long does delivery take?', 'do you ship to France?', 'how much is delivery?', 'do you ship abroad?', 'how much does express delivery cost?'];
  it.each(questions)('%s: answered, the issue asked again, no ticket', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c)).toHaveLength(0);
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
    expect(c.botTexts().some((t) => /deliver|ship/i.test(t) && /working days/.test(t))).toBe(true);
  });
  const unanswered = ['where is my order NW-104233?', 'why is my refund taking so long?'];
  it.each(unanswered)('near miss %s: the issue', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c).map((t) => t.issue)).toEqual([text]);
  });
});

describe('H2: "I don\'t have an email" at the issue question is no issue', () => {
  const noEmail = ["I don't have an email", 'no email', "I told you, I don't have an email", "I don't use email", 'I said no email', 'I have no email'];
  it.each(noEmail)('%s: the issue asked again', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c)).toHaveLength(0);
    expect(c.lastBotText()).toBe(ticketPrompts.issueNoEmail);
    c.say('my parcel never arrived');
    expect(tickets(c).map((t) => t.issue)).toEqual(['my parcel never arrived']);
  });
  it('near miss: a matter about email is the issue', () => {
    const c = issueQuestion();
    c.say('my email account was hacked and someone ordered things');
    expect(tickets(c).map((t) => t.issue)).toEqual(['my email account was hacked and someone ordered things']);
  });
});

describe('M2: "na" at an email question is no name', () => {
  const nas = ['na', 'n/a', 'NA', 'N/A.', 'na.', 'n.a.'];
  it.each(nas)('lead-gen %s: no "Thanks, na."', (text) => {
    const c = converse(load('lead-gen'), { now: OPEN });
    c.click('11-50');
    c.click('Yes, I have');
    expect(c.lastBotText()).toContain('work email');
    c.say(text);
    expect(c.botTexts().join(' ')).not.toMatch(/Thanks, n\.?\/?a/i);
    expect(c.variables().customerName ?? null).toBeNull();
    expect(c.botTexts()).toContain(EMAIL_LEFT_OUT); // N/A: no email, as "nah"
  });
  it.each(nas)("Harbor Mutual's takeover %s: no name", (text) => {
    const c = converse(load('insurance-claims'), { now: OPEN, agents: [{ id: 'claire', name: 'Claire', status: 'online', activeChats: 0, skills: ['claims'], languages: ['en'], teams: ['claims'], lastAssignedAt: null }] });
    c.say('nope');
    c.say('4');
    expect(c.lastBotText()).toContain('email');
    c.say(text);
    expect(c.botTexts().join(' ')).not.toMatch(/Thanks, n\.?\/?a/i);
    expect(c.variables().customerName ?? null).toBeNull();
    expect(c.botTexts().join(' ')).toContain('continue without it');
  });
  it('near miss: Nadia is a name', () => {
    const c = converse(load('lead-gen'), { now: OPEN });
    c.click('11-50');
    c.click('Yes, I have');
    c.say('Nadia');
    expect(c.botTexts().join(' ')).toContain('Thanks, Nadia.');
  });
});

describe('M2: "hmm" at the ticket\'s email question is no refusal', () => {
  const hesitations = ['hmm', 'hmmm', 'umm', 'erm', 'hm', 'uhh'];
  it.each(hesitations)('%s: asked again', (text) => {
    const c = converse(load('customer-support'), { now: CLOSED });
    c.say('I want to talk to a person');
    c.say(text);
    expect(c.lastBotText()).toBe(ticketPrompts.emailAfterCourtesy);
    expect(c.botTexts()).not.toContain(ticketPrompts.noEmailNoted);
  });
  const refusals = ["hmm, I don't have one", 'hmm no email', "erm I'd rather not"];
  it.each(refusals)('near miss %s: the refusal', (text) => {
    const c = converse(load('customer-support'), { now: CLOSED });
    c.say('I want to talk to a person');
    c.say(text);
    expect(c.botTexts()).toContain(ticketPrompts.noEmailNoted);
  });
});

describe("the report's conversations (t3, t4)", () => {
  it('t3: "hmm", "ok", "what?" at the email and issue questions: no ticket, no refusal read', () => {
    const c = converse(load('customer-support'), { now: CLOSED });
    c.say('I want to talk to a person');
    c.say('hmm');
    c.say('ok');
    expect(c.botTexts()).not.toContain(ticketPrompts.noEmailNoted);
    c.say('no email');
    c.say('what?');
    expect(tickets(c)).toHaveLength(0);
    expect(c.lastBotText()).toBe(ticketPrompts.issueAgain);
  });
  // (t4's "call me instead" before it is L5, not changed here: at the issue question it is still the issue.)
  it('t4: the number at the issue question: the contact, the issue asked, then the ticket', () => {
    const c = issueQuestion();
    c.say('07700900123');
    expect(tickets(c)).toHaveLength(0);
    expect(c.lastBotText()).toContain(ticketPrompts.issue);
    c.say('my parcel is damaged');
    const [t] = tickets(c);
    expect(t.contact.phone).not.toBeNull();
    expect(t.issue).toContain('my parcel is damaged');
  });
});

describe('held out (written after the code; the three marked * failed on the first pass and were mended)', () => {
  const again: Array<[string, string]> = [
    ['hold on a sec', ticketPrompts.issueAgain],
    ['hello??', ticketPrompts.issueAgain],
    ['hey', ticketPrompts.issueAgain],
    ['eh?', ticketPrompts.issueAgain],
    ['is anyone there?', ticketPrompts.issueAgain],
    ["I don't do email", ticketPrompts.issueNoEmail], // *
    ['still no email', ticketPrompts.issueNoEmail], // *
  ];
  it.each(again)('%s: no ticket', (text, line) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c)).toHaveLength(0);
    expect(c.lastBotText()).toBe(line);
  });
  it.each(['can I just talk to a human', 'could you put me through to someone' /* * */])('%s: the still-closed line', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c)).toHaveLength(0);
    expect(c.lastBotText()).toContain(ticketPrompts.issueWhileClosed);
  });
  it.each(['my mobile is 07700 900 123', '07700-900-123'])('%s: the phone', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c)).toHaveLength(0);
    expect(c.variables().customerPhone).not.toBeNull();
  });
  it.each(['this is a disgrace', 'worst service ever'])('%s: apology, the issue', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(c.botTexts()).toContain(ticketPrompts.issueUpset);
    expect(tickets(c).map((t) => t.issue)).toEqual([text]);
  });
  it.each(['what are your opening hours?', 'do you deliver on saturdays?'])('%s: answered, asked again', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c)).toHaveLength(0);
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
  });
  it.each(['the table I ordered is scratched', 'need to cancel order NW-104233'])('%s: the issue', (text) => {
    const c = issueQuestion();
    c.say(text);
    expect(tickets(c).map((t) => t.issue)).toEqual([text]);
  });
});
