/**
 * Session 35 (hostile s34 #13): closing time passed while the customer held at the takeover's email question or waited
 * in its queue, and the bot spoke of busy colleagues: the email typed at 18:55 on a Saturday (closed since 13:00) was
 * handed over ("I'm connecting you ..."), then "Sorry for the wait: all our colleagues are still busy"; a queue that
 * timed out at 20:05 on a Friday said the same. Now the takeover says the team has gone offline and when it is back,
 * and the flow goes on by its No agent exit (the follow-up ticket), not by the timeout's "still busy" message.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { takeoverTexts } from '../../../shared/engine/humanTakeover';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';

const SATURDAY_BEFORE_CLOSING = Date.parse('2026-03-07T12:55:00Z'); // Sat 9am-1pm, Europe/London
const FRIDAY_BEFORE_CLOSING = Date.parse('2026-03-06T19:55:00Z'); // Fri 8am-8pm
const BUSY = /still busy/;
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('closing time passes before the handover', () => {
  it('the email typed after closing: closed, back on Monday; no handoff; the follow-up ticket asks the issue', () => {
    const c = converse(load(), { now: SATURDAY_BEFORE_CLOSING });
    c.say('I want to talk to a person');
    c.say('one sec');
    c.wait('6h');
    c.setAgents([]);
    c.say('ana@example.com');
    const texts = c.botTexts();
    expect(texts[texts.length - 2]).toBe(takeoverTexts.closedMeanwhile('on Monday at 8am'));
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('my parcel is late');
    expect(c.effects('create_ticket')).toHaveLength(1);
    expect(c.effects('create_ticket')[0].contact.email).toBe('ana@example.com');
    expect(c.botTexts().join('\n')).not.toMatch(BUSY);
  });

  it('the queue times out after closing: closed, back tomorrow at 9am, then the follow-up ticket (not "still busy")', () => {
    const c = converse(load(), { now: FRIDAY_BEFORE_CLOSING });
    c.say('I want to talk to a person');
    c.setAgents([]);
    c.say('ana@example.com');
    expect(c.effects('handoff_request')).toHaveLength(1);
    expect(c.mode()).toBe('waiting');
    c.wait('11m');
    expect(c.botTexts()).toContain(takeoverTexts.closedMeanwhile('tomorrow at 9am'));
    expect(c.botTexts().join('\n')).not.toMatch(BUSY);
    expect(c.lastBotText()).toBe(ticketPrompts.issue);
    expect(c.mode()).toBe('bot');
  });

  it('asked again after that: the still-closed line, not the whole paragraph', () => {
    const c = converse(load(), { now: FRIDAY_BEFORE_CLOSING });
    c.say('I want to talk to a person');
    c.setAgents([]);
    c.say('ana@example.com');
    c.wait('11m');
    c.say('can I talk to a person');
    expect(c.lastBotText()).toMatch(/^Our team is still offline, so I can't put you through yet: they're back tomorrow at 9am\./);
    expect(c.botTexts().join('\n')).not.toMatch(/Our team is offline right now/);
  });

  it('a queue that times out in hours still says the flow\'s "still busy"', () => {
    const c = converse(load(), { now: Date.parse('2026-03-06T15:00:00Z') });
    c.say('I want to talk to a person');
    c.setAgents([]);
    c.say('ana@example.com');
    c.wait('11m');
    expect(c.botTexts().join('\n')).toMatch(BUSY);
  });
});
