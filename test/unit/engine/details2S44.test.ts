/**
 * Session 44 (details2): the blind re-test of session 43 (/work/coord/s43/retest-conv/report.md), details questions and
 * understood complaints, each with the conversation from the report (positive and negative):
 * F5: a refusal or a deferral at a Question block's email question (lead-gen's work email): understood, never "That
 *     doesn't look like an email address"; optional (a fallback exit) -> left out, said so; required -> why, asked once more.
 * F9: "Dana Scully, dana@x.example, 0207 946 0000" at an email question keeps the name too.
 * F2: an emergency said again at the ticket's email question (nobody online) is not the ticket's issue.
 * F6: a phone number at the ticket's email question: one rule with the takeover's (noted, the email asked once more).
 * F8: "so frustrated, my bag never arrived": the matter's words do not make a complaint strong.
 * F4: "my parcel is late again, where is it": a failure said again gets the apology and the answer.
 * M5 / N7: "my bag never arrived" at Skyline Air's booking-reference question: kept for the menu after it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { AgentPresence } from '../../../shared/handoff/types';
import type { Flow } from '../../../shared/flow/schema';
import { EMAIL_LEFT_OUT, LATER_LINE, whyEmailNeeded } from '../../../shared/engine/behaviours/question';
import { ticketPrompts } from '../../../shared/engine/ticketBlock';
import { takeoverPrompts } from '../../../shared/engine/humanTakeover';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');
const nobody: AgentPresence[] = [];
const NOT_EMAIL = "That doesn't look like an email address. Could you check it?";
const LEAD_EMAIL = 'What is your work email, so we can send you a tailored quote?';
const BUDGET = 'Last one: roughly what yearly budget do you have for this, in US dollars? A number is fine, e.g. 5000.';

function leadGenAtEmail() {
  const c = converse(load('lead-gen'), { now: OPEN });
  c.say('30');
  c.say('yes');
  expect(c.lastBotText()).toBe(LEAD_EMAIL);
  return c;
}

/** lead-gen with its email question made required (no fallback exit). */
function requiredEmailFlow(): Flow {
  const f = structuredClone(load('lead-gen')) as Flow;
  f.edges = f.edges.filter((e) => !(e.from === 'ask_email' && e.exit === 'fallback'));
  return f;
}

describe('F5: a refusal or deferral at a Question block email question', () => {
  it.each(["I'd rather explain it on the call", "I'd rather tell them when we speak", 'no', 'no email', "I'd rather not"])(
    'optional (lead-gen): "%s" leaves the email out and says so',
    (text) => {
      const c = leadGenAtEmail();
      c.say(text);
      const said = c.botTexts();
      expect(said).not.toContain(NOT_EMAIL);
      expect(said).toContain(EMAIL_LEFT_OUT);
      expect(c.lastBotText()).toBe(BUDGET);
      expect(c.variables().customerEmail ?? null).toBeNull();
    },
  );

  it('a refusal is remembered (no later question asks the email again), a deferral is not', () => {
    const refused = leadGenAtEmail();
    refused.say('no');
    expect(refused.state.emailDeclined).toBe(true);
    const deferred = leadGenAtEmail();
    deferred.say("I'd rather explain it on the call");
    expect(deferred.state.emailDeclined).toBeUndefined();
  });

  it('required (no fallback): why it is needed, asked once more, then the retry rule; an address after it is taken', () => {
    const c = converse(requiredEmailFlow(), { now: OPEN });
    c.say('30');
    c.say('yes');
    c.say("I'd rather explain it on the call");
    expect(c.lastBotText()).toBe(`${whyEmailNeeded} ${LEAD_EMAIL}`);
    c.say('dana@example.com');
    expect(c.variables().customerEmail).toBe('dana@example.com');
    expect(c.lastBotText()).toBe(BUDGET);
  });

  it('required: refused again after the why, the block does not loop on the why line', () => {
    const c = converse(requiredEmailFlow(), { now: OPEN });
    c.say('30');
    c.say('yes');
    c.say('no');
    c.say('no');
    c.say('no');
    const whys = c.botTexts().filter((t) => t.startsWith(whyEmailNeeded));
    expect(whys.length).toBeLessThanOrEqual(2);
  });

  it('an address, or a wrong one, is read as before', () => {
    const c = leadGenAtEmail();
    c.say('dana at example');
    expect(c.lastBotText()).toBe(NOT_EMAIL);
    c.say('dana@example.com');
    expect(c.variables().customerEmail).toBe('dana@example.com');
    expect(c.botTexts()).not.toContain(EMAIL_LEFT_OUT);
  });
});

describe('F9: the name beside the address at an email question', () => {
  it('lead-gen: name, email and phone kept', () => {
    const c = leadGenAtEmail();
    c.say('Dana Scully, dana@x.example, 0207 946 0000');
    expect(c.variables().customerEmail).toBe('dana@x.example');
    expect(c.variables().customerPhone).toBe('02079460000');
    expect(c.variables().customerName).toBe('Dana Scully');
    expect(c.lastBotText()).toBe(BUDGET);
  });

  it('a known name is not replaced, and an address with a non-name beside it names nobody', () => {
    const c = leadGenAtEmail();
    c.say('dana@x.example, work');
    expect(c.variables().customerName ?? null).toBeNull();
    const d = leadGenAtEmail();
    d.say('Sam Taylor');
    expect(d.variables().customerName).toBe('Sam Taylor');
    d.say('Dana Scully, dana@x.example');
    expect(d.variables().customerName).toBe('Sam Taylor');
  });

  it("Harbor Mutual's takeover email question keeps the name too", () => {
    const c = converse(load('insurance-claims'), { now: OPEN });
    c.say('I want to talk to a person');
    expect(c.lastBotText()).toBe(takeoverPrompts.email);
    c.say('Dana Scully, dana@x.example, 0207 946 0000');
    expect(c.variables().customerEmail).toBe('dana@x.example');
    expect(c.variables().customerName).toBe('Dana Scully');
  });
});

describe('F2: an emergency said again at the ticket email question, nobody online', () => {
  it('the first message stays the issue; the short line and a gentle email question', () => {
    const c = converse(load('customer-support'), { now: OPEN, agents: nobody });
    c.say('my dad fell and is not responding');
    expect(c.lastBotText()).toBe(ticketPrompts.emailAfterCrisis);
    const n = c.botTexts().length;
    c.say("he's still not responding");
    const said = c.botTexts().slice(n);
    expect(said.join(' ')).toMatch(/If anyone is in danger, please call 999 now\./);
    expect(said).not.toContain(ticketPrompts.emailAfterIssue);
    expect(c.lastBotText()).toBe(ticketPrompts.emailAfterCrisis);
    expect(c.variables().handoffReason).toBe('my dad fell and is not responding');
    c.say('bob@x.example');
    const t = c.effects('create_ticket')[0] as unknown as { issue: string };
    expect(t.issue).toBe('my dad fell and is not responding');
  });

  it('not an emergency: an issue typed at the email question is still noted (the old rule)', () => {
    const c = converse(load('customer-support'), { now: OPEN, agents: nobody });
    c.say('I want to talk to a person');
    expect(c.lastBotText()).toMatch(/email/i);
    c.say('my parcel is late');
    expect(c.lastBotText()).toBe(ticketPrompts.emailAfterIssue);
    expect(c.variables().handoffReason).toBe('my parcel is late');
  });
});

describe('F6: a phone number at the ticket email question', () => {
  const atTicketEmail = () => {
    const c = converse(load('customer-support'), { now: OPEN, agents: nobody });
    c.say('I want to talk to a person');
    return c;
  };
  it('Northwind (replies by email): noted, the email asked once more; an address then is taken', () => {
    const c = atTicketEmail();
    c.say('07700 900123');
    expect(c.lastBotText()).toBe("Thanks, I've noted your number 07700 900123 for the team. They reply by email: what email address should we reply to? (Or say you don't have one.)");
    expect(c.variables().customerPhone).toBe('07700900123');
    c.say('bob@x.example');
    expect(c.variables().customerEmail).toBe('bob@x.example');
  });
  it('the same number again (or "no") opens the ticket with the phone, worded plainly', () => {
    for (const second of ['07700 900123', 'no']) {
      const c = atTicketEmail();
      c.say('07700 900123');
      c.say(second);
      c.say('the parcel is 5 days late');
      const t = c.effects('create_ticket')[0] as unknown as { contact: { phone: string | null; email: string | null }; issue: string };
      expect(t.contact.phone).toBe('07700900123');
      expect(t.contact.email).toBeNull();
      expect(c.botTexts().join(' ')).toContain('We don\'t have an email address for you, so the team will contact you on 07700900123 instead.');
      expect(c.botTexts().join(' ')).not.toContain('from ticket');
      expect(c.botTexts().join(' ')).not.toContain("can't reply to you by email");
    }
  });
});

describe('F8: the matter is not the feeling', () => {
  const skylineMenu = () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say('K7XQ2P');
    c.say('2026-07-14 18:45');
    expect(c.lastBotText()).toBe('What can I help you with?');
    return c;
  };
  it('"so frustrated, my bag never arrived": the lost-bag answer, not the desk', () => {
    const c = skylineMenu();
    c.say('so frustrated, my bag never arrived');
    expect(c.state.handoff ?? null).toBeNull();
    expect(c.botTexts().join(' ')).toContain("I'm sorry about your bag.");
    expect(c.lastStep.decision?.understoodComplaint).toBe('answered');
  });
  it.each(['I am so furious and disgusted, my bag never arrived', 'my bag never arrived you useless idiots', 'MY BAG NEVER ARRIVED'])('a strong feeling still hands over: "%s"', (text) => {
    const c = skylineMenu();
    c.say(text);
    expect(c.state.handoff?.status).toBe('pending');
  });
});

describe('F4: a failure said again', () => {
  it('"my parcel is late again, where is it": the apology, then the order question; not handed over', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('my parcel is late again, where is it');
    const said = c.botTexts();
    expect(said).toContain("I'm sorry about this.");
    expect(c.lastBotText()).toMatch(/order number/);
    expect(c.state.handoff ?? null).toBeNull();
  });
  it.each(['where is my parcel', 'can I still return it if it is broken?', 'can I order the lamp again?'])('no apology for "%s"', (text) => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say(text);
    expect(c.botTexts()).not.toContain("I'm sorry about this.");
  });
  it('said with a feeling ("annoyed, my parcel is late again") it still hands over (policy1, again)', () => {
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('annoyed, my parcel is late again, where is it');
    expect(c.botTexts()).toContain("I'm sorry about this. I'll get a person to help you with this.");
  });
});

describe('M5 / N7: a request at a question is kept for the menu after it', () => {
  it('"my bag never arrived" at the booking-reference question: the question, then the lost-bag answer at the menu', () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say('my bag never arrived');
    expect(c.state.handoff ?? null).toBeNull();
    expect(c.lastBotText()).toMatch(new RegExp(`^${LATER_LINE.replace(/[.]/g, '\\.')} What is your booking reference\\?`));
    c.say('K7XQ2P');
    c.say('2026-07-14 18:45');
    expect(c.botTexts().join(' ')).toContain("I'm sorry about your bag.");
    expect(c.lastBotText()).toBe('Anything else?');
    expect(c.variables().bookingRef).toBe('K7XQ2P');
  });
  it('a message no menu option takes is asked again as before (no promise made)', () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say('hmm');
    expect(c.botTexts().join(' ')).not.toContain(LATER_LINE);
  });
  it('"I need to change my flight" at the booking-reference question: the change answer after the reference, no desk', () => {
    const c = converse(load('travel-urgency'), { now: OPEN });
    c.say('I need to change my flight');
    expect(c.state.handoff ?? null).toBeNull();
    c.say('K7XQ2P');
    c.say('2026-07-14 18:45');
    expect(c.botTexts().join(' ')).toContain('You can change your booking up to 2 hours before departure');
  });
});
