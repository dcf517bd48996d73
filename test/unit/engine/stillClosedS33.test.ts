/**
 * Session 33 (issue 8; session 32's perf notes): out of hours, a customer who asks for a person again at Northwind's
 * ticket questions was given the whole out-of-hours paragraph again, then the ticket's questions, each time the policy
 * handed over. Now, entered again before it opens, the takeover says one short line with when the team is back; once
 * the team has opened, a request is handed over as usual. A state saved before the change (no closedNotice) still loads (and gets the paragraph once more).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { opensWhen } from '../../../shared/engine/humanTakeover';
import { conversationStateSchema } from '../../../shared/engine/conversationStateSchema';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z'); // Northwind: Mon-Fri 8am-8pm, Sat 9am-1pm, Europe/London
const PARAGRAPH = /Our team is offline right now \(we're here Mon-Fri/;
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('a takeover entered again while it is still closed', () => {
  it('says the paragraph once, then one short line with when the team is back', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want a person');
    expect(c.botTexts().filter((t) => PARAGRAPH.test(t))).toHaveLength(1);
    // Past the no-agent follow-up window (FRESH_TURNS messages), where a request only gets "no one is free" (session 14).
    for (const t of ['my parcel is late', 'where is it', 'still nothing']) c.say(t);
    const n = c.botTexts().length;
    c.say('I want a human now');
    const said = c.botTexts().slice(n);
    // (Session 45, perf: the follow-up's reading holds while the team is closed, so the line and the email question are
    // one message, as in the follow-up's first messages: answerNobodyFree.)
    expect(said[0]).toBe("Our team is still offline, so I can't put you through yet: they're back on Monday at 8am. Leave your email address and a colleague will reply when they're back (or say you don't have one).");
    expect(said.join(' ')).not.toMatch(PARAGRAPH);
    expect(c.botTexts().filter((t) => PARAGRAPH.test(t))).toHaveLength(1);
    // The ticket still takes the address.
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
  });

  it('hands over as usual once the team has opened', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want a person');
    c.say('bye');
    c.wait('44h'); // Monday 09:30 UK time
    c.say('hello');
    c.say('I want a person');
    expect(c.botTexts().join(' ')).not.toMatch(/still offline/);
    expect(c.state.closedNotice?.until).toBe(Date.parse('2026-03-09T08:00:00Z'));
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('my parcel is late, I need to speak to someone');
    expect(c.botTexts().join(' ')).not.toMatch(/still offline/);
    // Open now: the takeover asks its questions, then requests a handoff.
    for (let i = 0; i < 4 && c.effects('handoff_request').length === 0; i++) c.say(i === 0 ? 'kim@example.com' : 'Kim');
    expect(c.effects('handoff_request')).toHaveLength(1);
  });

  it('a state saved before the change (no closedNotice) still loads; a state with it too', () => {
    const c = converse(load(), { now: SATURDAY_AFTERNOON });
    c.say('I want a person');
    const saved = JSON.parse(JSON.stringify(c.state));
    delete saved.closedNotice;
    expect(conversationStateSchema.safeParse(saved).success).toBe(true);
    expect(conversationStateSchema.safeParse(c.state).success).toBe(true);
  });

  it('opensWhen says today, tomorrow or the weekday, in the hours time zone', () => {
    const tz = 'Europe/London';
    expect(opensWhen(tz, Date.parse('2026-03-09T06:00:00Z'), Date.parse('2026-03-09T08:00:00Z'))).toBe('today at 8am');
    expect(opensWhen(tz, Date.parse('2026-03-09T21:00:00Z'), Date.parse('2026-03-10T08:30:00Z'))).toBe('tomorrow at 8:30am');
    expect(opensWhen(tz, SATURDAY_AFTERNOON, Date.parse('2026-03-09T08:00:00Z'))).toBe('on Monday at 8am');
    expect(opensWhen(tz, Date.parse('2026-07-01T10:00:00Z'), Date.parse('2026-07-01T12:00:00Z'))).toBe('today at 1pm'); // BST
    expect(opensWhen('Asia/Tokyo', Date.parse('2026-03-09T14:30:00Z'), Date.parse('2026-03-09T15:00:00Z'))).toBe('tomorrow at 12am');
  });
});
