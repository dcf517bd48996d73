/**
 * Session 41 (injury, hostile s40 H1, H2, H4, H5, M7): a person hurt or ill now, in every sample flow.
 * - H1: the message that escalated at Harbor Mutual's "Was anyone injured?" is the reason (not asked again), `injured` kept.
 * - H2: the emergency line (the flow's number, or its time zone's) is said once, first, before the email question.
 * - H4: a child who swallowed a battery is urgent; out of hours the line comes before "first thing", the ticket's issue is the message.
 * - H5: an emergency typed at a takeover's email question hands over at once as urgent, after the line.
 * - M7: Harbor Mutual's injury branch does not promise a connection out of hours.
 * And the other way: no line for a deadline or an ordinary request, nor for an injury long ago or a question about a form.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { emergencyLineOf } from '../../../shared/engine/humanTakeover';

const load = (name: string): Flow => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z'); // Monday
const CLOSED = Date.parse('2026-03-07T13:30:00Z'); // Saturday afternoon
const LEAD_OPEN = Date.parse('2026-03-09T15:30:00Z');
const agent = (id: string, name: string, skills: string[] = [], teams: string[] = []): AgentPresence => ({ id, name, status: 'online', activeChats: 0, skills, languages: ['en', 'fr'], teams, lastAssignedAt: null });
const claire = [agent('claire', 'Claire', ['claims'], ['claims'])];
const ana = [agent('ana', 'Ana')];
const LINE_112 = 'If you have not already, please call 112 now: the emergency services can help faster than we can.';
const LINE_999 = 'If you have not already, please call 999 now: the emergency services can help faster than we can.';
const EMAIL_Q = /What is your email address|What email address should we reply to/;
const REASON_Q = /what do you need help with\?$/;

function replyTo(c: ReturnType<typeof converse>, text: string): string[] {
  const n = c.botTexts().length;
  c.say(text);
  return c.botTexts().slice(n);
}
const request = (c: ReturnType<typeof converse>) => {
  const r = c.effects('handoff_request');
  expect(r).toHaveLength(1);
  return r[0]!;
};
const count = (texts: string[], re: RegExp) => texts.filter((t) => re.test(t)).length;

describe('H1: an injury typed at "Was anyone injured?" (Harbor Mutual)', () => {
  // Session 41 (lead, hostile s41 H3 rest): handed over at once, no email question first (it was asked after the line).
  it.each(['yes, my son is unconscious', 'he is unconscious', 'my son is unconscious'])('"%s" is the reason, the line first, handed over at once', (text) => {
    const c = converse(load('insurance-claims'), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    c.say('1');
    const said = replyTo(c, text);
    expect(said[0]).toBe(LINE_112);
    expect(said.some((t) => EMAIL_Q.test(t) || REASON_Q.test(t))).toBe(false);
    expect(c.variables().handoffReason).toBe(text);
    const r = request(c);
    expect(r.priority).toBe('urgent');
    expect(r.context.summary).toContain(`needs help with: ${text}`);
    // The line once in the whole chat after the welcome (not again "If anyone is hurt, call 112 first.").
    expect(count(c.botTexts().slice(1), /call 112/)).toBe(1);
  });

  it('"yes, my son is unconscious" also answers the question: injured = yes', () => {
    const c = converse(load('insurance-claims'), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    c.say('1');
    c.say('yes, my son is unconscious');
    expect(c.variables().injured).toBe('yes');
  });

  it('"no, but my son is unconscious" is not stored as no injuries', () => {
    const c = converse(load('insurance-claims'), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    c.say('1');
    c.say('no, but my son is unconscious');
    expect(c.variables().injured).toBeUndefined();
    expect(c.botTexts()).toContain(LINE_112);
  });
});

describe('H2: the emergency line once, first, in every flow', () => {
  it('Harbor Mutual menu, "hurt in a car crash, he\'s bleeding": the line first, said once, handed over at once', () => {
    const c = converse(load('insurance-claims'), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    const said = replyTo(c, "my husband was hurt in a car crash, he's bleeding");
    expect(said[0]).toBe(LINE_112);
    expect(said.some((t) => EMAIL_Q.test(t))).toBe(false);
    expect(count(said, /call 112/)).toBe(1);
    expect(request(c).priority).toBe('urgent');
  });

  it('Harbor Mutual out of hours: the line before the out-of-hours text, the ticket\'s issue is the message', () => {
    const c = converse(load('insurance-claims'), { now: CLOSED, agents: claire });
    c.say('HM-2231-0457');
    const said = replyTo(c, "my husband was hurt in a car crash, he's bleeding");
    expect(said[0]).toBe(LINE_112);
    expect(said.join('\n')).toMatch(/available Monday to Friday/);
    c.say('bob@example.com');
    const tickets = c.effects('create_ticket');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.issue).toBe("my husband was hurt in a car crash, he's bleeding");
  });

  it('Harbor Mutual\'s own injury branch ("1", "yes"): its 112 sentence only, not a second line', () => {
    const c = converse(load('insurance-claims'), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    c.say('1');
    const said = replyTo(c, 'yes');
    c.say('bob@example.com');
    expect(count(said, /call 112/)).toBe(1);
    expect(count(c.botTexts().slice(1), /call 112/)).toBe(1);
    expect(said[0]).toMatch(/^I am sorry to hear that\. If you have not yet, call 112\./);
  });

  it('Skyline Air: the flow\'s own emergency line (airport staff) before the connection', () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say('K7XQ2P');
    const said = replyTo(c, "my wife collapsed at the gate, she's not breathing");
    expect(said[0]).toMatch(/tell the nearest airport or cabin staff now, or call 999/);
    expect(said[1]).toMatch(/Connecting you/);
    expect(request(c).priority).toBe('urgent');
  });

  it('lead-gen (New York): 911, then handed over at once (no name question first)', () => {
    const c = converse(load('lead-gen'), { now: LEAD_OPEN });
    const said = replyTo(c, 'someone in the office just collapsed, call an ambulance');
    expect(said[0]).toMatch(/please call 911 now/);
    expect(said.join('\n')).not.toMatch(/may I have your name/);
    expect(request(c).priority).toBe('urgent');
  });

  it('a deadline or a plain request for a person gets no emergency line', () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say('K7XQ2P');
    const said = replyTo(c, 'my flight leaves in 15 minutes and I am stuck at security, hurry');
    expect(said.join('\n')).not.toMatch(/call 999|emergency services/);
    expect(request(c).priority).toBe('urgent');
    const d = converse(load('insurance-claims'), { now: OPEN, agents: claire });
    d.say('HM-2231-0457');
    const e = replyTo(d, 'I want to talk to an advisor');
    expect(e.join('\n')).not.toMatch(/call 112|emergency services/);
  });
});

describe('H4: a child who swallowed a battery (Northwind)', () => {
  const text = "my son swallowed a battery from your toy and he's vomiting";
  it('open: urgent, the line first', () => {
    const c = converse(load('customer-support'), { now: OPEN, agents: ana });
    const said = replyTo(c, text);
    expect(said[0]).toBe(LINE_999);
    c.say('bob@example.com');
    const r = request(c);
    expect(r.priority).toBe('urgent');
    expect(r.handoff.reason).toBe('urgency');
  });
  it('out of hours: the line before "first thing", and the ticket is the message (not asked again)', () => {
    const c = converse(load('customer-support'), { now: CLOSED });
    const said = replyTo(c, text);
    expect(said[0]).toBe(LINE_999);
    expect(said.join('\n')).toMatch(/offline/);
    const after = replyTo(c, 'bob@example.com');
    expect(after.some((t) => /What should our team help you with/.test(t))).toBe(false);
    expect(c.variables().handoffReason).toBe(text);
  });
});

describe('H5: an emergency at a takeover\'s email question', () => {
  it('Harbor Mutual "4": hands over at once as urgent after the line, the message is the reason', () => {
    const c = converse(load('insurance-claims'), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    c.say('4');
    const said = replyTo(c, 'please hurry my husband is bleeding and unconscious');
    expect(said.join('\n')).not.toMatch(/doesn't look like an email/);
    expect(said[0]).toBe(LINE_112);
    expect(said[1]).toMatch(/Connecting you with a claims advisor/);
    const r = request(c);
    expect(r.priority).toBe('urgent');
    expect(r.handoff.reason).toBe('urgency');
    expect(c.variables().handoffReason).toBe('please hurry my husband is bleeding and unconscious');
  });
  it('Northwind after "I want a human": choking is urgent, the key message is the emergency', () => {
    const c = converse(load('customer-support'), { now: OPEN, agents: ana });
    c.say('I want a human');
    const said = replyTo(c, 'my son is choking on a part from your toy');
    expect(said[0]).toBe(LINE_999);
    const r = request(c);
    expect(r.priority).toBe('urgent');
    expect(r.context.summary).toMatch(/Key message: "my son is choking on a part from your toy"/);
  });
  it('Northwind out of hours, at the ticket\'s email question: the line, then the question (the message noted)', () => {
    const c = converse(load('customer-support'), { now: CLOSED });
    c.say('talk to a human');
    const said = replyTo(c, 'my daughter swallowed a magnet from your kit, what do I do');
    expect(said[0]).toBe(LINE_999);
    // Session 44 (details2, retest s43 F2): changed on purpose: the message is still noted as the issue, and the email
    // is asked gently ("When you're ready, ...") instead of "Thanks, I've noted that for the team. What email ...".
    expect(said[1]).toBe(ticketPrompts.emailAfterCrisis);
    expect(c.variables().handoffReason).toBe('my daughter swallowed a magnet from your kit, what do I do');
  });
  it('an ordinary wrong address is still a wrong address', () => {
    const c = converse(load('insurance-claims'), { now: OPEN, agents: claire });
    c.say('HM-2231-0457');
    c.say('4');
    expect(replyTo(c, 'bob at example').join('\n')).toMatch(/doesn't look like an email/);
  });
});

describe('an emergency written while waiting in the queue', () => {
  it('the handoff becomes urgent and the line is said (once in a row); an ordinary message changes nothing', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('I want a human');
    c.say('bob@example.com');
    expect(c.mode()).toBe('waiting');
    expect(request(c).priority).toBe('normal');
    expect(replyTo(c, 'any news?')).toEqual([]);
    expect(c.effects('handoff_update')).toHaveLength(0);
    expect(replyTo(c, 'please hurry, my son is choking on a part from your toy')).toEqual([LINE_999]);
    const updates = c.effects('handoff_update');
    expect(updates[updates.length - 1]!.handoff.priority).toBe('urgent');
    expect(replyTo(c, 'he is still choking')).toEqual([]);
  });
});

describe('M7: Harbor Mutual\'s injury branch out of hours', () => {
  it('no "connecting you now" before the out-of-hours text', () => {
    const c = converse(load('insurance-claims'), { now: CLOSED, agents: claire });
    c.say('HM-2231-0457');
    c.say('1');
    const said = replyTo(c, 'yes').join('\n');
    expect(said).toMatch(/call 112/);
    expect(said).toMatch(/available Monday to Friday/);
    expect(said).not.toMatch(/connecting you/i);
  });
});

describe('the emergency line of a flow', () => {
  const base = load('customer-support');
  const withZone = (timezone: string, line?: string): Flow => ({
    ...base,
    blocks: base.blocks.filter((b) => !(b.kind === 'message' && /call \d/.test(b.data.text))),
    settings: { ...base.settings, timezone },
    escalation: { ...base.escalation, urgency: { ...base.escalation.urgency, ...(line === undefined ? {} : { emergencyLine: line }) } },
  });
  it.each([
    ['Europe/London', '999'],
    ['Europe/Dublin', '112 or 999'],
    ['America/New_York', '911'],
    ['America/Toronto', '911'],
    ['Europe/Paris', '112'],
  ])('%s: %s', (zone, number) => {
    expect(emergencyLineOf(withZone(zone))).toBe(`If you have not already, please call ${number} now: the emergency services can help faster than we can.`);
  });
  it('elsewhere: the local emergency number', () => {
    expect(emergencyLineOf(withZone('Asia/Tokyo'))).toMatch(/call your local emergency number now/);
  });
  it('the flow\'s configured line, as written', () => {
    expect(emergencyLineOf(withZone('Europe/London', 'Ring 999 and tell the store staff.'))).toBe('Ring 999 and tell the store staff.');
  });
  it('the number the flow\'s own messages give wins over the time zone (Harbor Mutual, Paris, "call 112")', () => {
    expect(emergencyLineOf(load('insurance-claims'))).toBe(LINE_112);
  });
});
