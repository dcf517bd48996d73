/**
 * Session 49 (lead, newcomer s49 N1): a Ticket the flow reaches after its own questions asked "What should our team help
 * you with?" right after the customer had answered the flow's question about it ("What kind of bike is it, and what's
 * wrong with it?" -> "road bike, the gears keep slipping"), and the ticket's issue became the exasperated repeat. The
 * customer's choices and answers on the way to the ticket (the topic menu's option, the answers after it; not an email
 * or a name) are the ticket's reason now, as they are for a takeover the flow reaches (session 39, reasonFromWay).
 */
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import type { FlowInput } from '../../../shared/flow/schema';

const block = (id: string, kind: string, data: Record<string, unknown>, label = id) => ({ id, kind, position: { x: 0, y: 0 }, label, data });
const edge = (from: string, exit: string, to: string) => ({ id: `${from}-${exit}`, from, exit, to });

/** The newcomer's bike-repair flow: menu -> issue question -> email question -> condition -> ticket -> end. */
function bikeShop(opts: { menu?: boolean; issueVariable?: string; emailVariable?: string } = {}): FlowInput {
  const menu = opts.menu ?? true;
  const blocks = [
    block('start', 'start', {}),
    block('welcome', 'message', { text: 'Hi, this is Spoke & Chain bike repairs.' }),
    ...(menu
      ? [block('menu', 'buttons', { text: 'What can we do for you?', options: [{ id: 'book', label: 'Book a repair' }, { id: 'where', label: "Where's my bike?" }, { id: 'talk', label: 'Talk to a mechanic' }] })]
      : []),
    block('issue', 'question', { text: "What kind of bike is it, and what's wrong with it?", inputType: 'text', variable: opts.issueVariable ?? 'bikeIssue' }),
    block('email', 'question', { text: "What's your email?", inputType: 'email', variable: opts.emailVariable ?? 'email' }),
    block('ebike', 'condition', { match: 'any', rules: [{ variable: opts.issueVariable ?? 'bikeIssue', op: 'contains', value: 'e-bike' }] }),
    block('ticket', 'ticket', { text: "Thanks, we've booked it: ticket {{ticketId}}.", askEmail: true, askIssue: true, priority: 'normal' }, 'Repair booking'),
    block('bye', 'end', {}),
  ];
  const edges = [
    edge('start', 'next', 'welcome'),
    ...(menu ? [edge('welcome', 'next', 'menu'), edge('menu', 'book', 'issue'), edge('menu', 'where', 'bye'), edge('menu', 'talk', 'bye')] : [edge('welcome', 'next', 'issue')]),
    edge('issue', 'next', 'email'),
    edge('email', 'next', 'ebike'),
    edge('ebike', 'true', 'ticket'),
    edge('ebike', 'false', 'ticket'),
    edge('ticket', 'next', 'bye'),
  ];
  return { version: 1, id: 'bikes', name: 'Spoke & Chain', blocks, edges } as unknown as FlowInput;
}

const ISSUE_Q = /What should our team help you with\?/;

function ticketOf(c: ReturnType<typeof converse>): { issue: string; summary: string; contact: { email: string | null } } {
  const t = c.effects('create_ticket');
  expect(t).toHaveLength(1);
  return t[0] as never;
}

describe('newcomer s49 N1: a ticket after the flow asked about the problem does not ask it again', () => {
  it('menu -> "what is wrong" -> email -> ticket: not asked, the issue is the menu option and the answer', () => {
    const c = converse(bikeShop());
    c.say('Book a repair');
    c.say('road bike, the gears keep slipping');
    c.say('amy@example.com');
    expect(c.botTexts().some((t) => ISSUE_Q.test(t))).toBe(false);
    const t = ticketOf(c);
    expect(t.issue).toContain('road bike, the gears keep slipping');
    expect(t.issue).toContain('Book a repair');
    expect(t.issue).not.toContain('amy@example.com');
    expect(t.contact.email).toBe('amy@example.com');
  });

  it('no menu: the flow asked what is wrong first thing; the answer is the reason', () => {
    const c = converse(bikeShop({ menu: false }));
    c.say('my e-bike battery will not charge any more');
    c.say('amy@example.com');
    expect(c.botTexts().some((t) => ISSUE_Q.test(t))).toBe(false);
    expect(ticketOf(c).issue).toContain('my e-bike battery will not charge any more');
  });

  it('an answer that says nothing ("dunno") is no reason: the ticket still asks', () => {
    const c = converse(bikeShop({ menu: false }));
    c.say('dunno');
    c.say('amy@example.com');
    expect(c.botTexts().some((t) => ISSUE_Q.test(t))).toBe(true);
  });
});

/** Newcomer s49 N5's flow: menu -> "Talk to a mechanic" -> a takeover closed at night -> its No agent exit -> ticket. */
function closedAtNight(): FlowInput {
  const blocks = [
    block('start', 'start', {}),
    block('menu', 'buttons', { text: 'What can we do for you?', options: [{ id: 'book', label: 'Book a repair' }, { id: 'where', label: "Where's my bike?" }, { id: 'talk', label: 'Talk to a mechanic' }] }),
    block('ht', 'human_takeover', { assignation: 'custom', availability: { mode: 'hours', hours: { mon: [{ from: '08:00', to: '21:00' }] } } }),
    block('ticket', 'ticket', { text: 'Ticket {{ticketId}}.', askEmail: true, askIssue: true, priority: 'normal' }, 'Repair booking'),
    block('bye', 'end', {}),
  ];
  const edges = [edge('start', 'next', 'menu'), edge('menu', 'talk', 'ht'), edge('menu', 'book', 'bye'), edge('menu', 'where', 'bye'), edge('ht', 'no_agent', 'ticket'), edge('ht', 'resolved', 'bye'), edge('ticket', 'next', 'bye')];
  return { version: 1, id: 'bikes', name: 'Spoke & Chain', settings: { timezone: 'Europe/London' }, blocks, edges } as unknown as FlowInput;
}
const SUNDAY_NIGHT = Date.parse('2026-03-08T23:30:00Z');

describe('newcomer s49 N5: the ticket keeps the customer\'s words as written, once', () => {
  const cases: [string, string][] = [
    ['my rear derailleur snapped off on the way to work, can someone look at it first thing?', 'a comma before a question'],
    ['the back wheel is buckled; could a mechanic ring me before fixing it?', 'a semicolon before a question'],
    ['my chain keeps coming off - can you check it tomorrow morning?', 'a dash before a question'],
  ];
  for (const [said, how] of cases) {
    it(`${how}: the issue is the text as typed and the summary quotes it once`, () => {
      const c = converse(closedAtNight(), { now: SUNDAY_NIGHT });
      c.say('Talk to a mechanic');
      c.say(said);
      c.say('amy@example.com');
      const t = ticketOf(c);
      expect(t.issue).toBe(said);
      expect(t.summary.split(said).length - 1).toBe(1);
    });
  }
});

