/**
 * Session 15 (hostile s15 H#1, H#2, H#16, H#20, H#5): what the bot takes from a customer's answer.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { addressIn, emailAnswer, ownAddressesOf, validateAnswer } from '../../../shared/engine/questionValidators';

const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;
const NOW = Date.parse('2026-12-02T10:00:00Z');
const email = (t: string) => validateAnswer('email', t, 0);

describe('H#1: the customer\'s address among several', () => {
  it('an address negated, called old, or given as someone else\'s is not theirs', () => {
    for (const [t, want] of [
      ['send it to new@example.com, not old@example.com', 'new@example.com'],
      ["new@example.com (please don't use old@example.com anymore)", 'new@example.com'],
      ['ana@example.com. My husband is bob@example.com, he might write too', 'ana@example.com'],
      ['use ana@example.com; cc: boss@evil.example', 'ana@example.com'],
      ['reply to ana@example.com. (your support@northwind.example bounced)', 'ana@example.com'],
      ['mine is ana@example.com, I got a mail from noreply@northwind.example', 'ana@example.com'],
      ['my old email was ann@old.com but now it is ann@new.com', 'ann@new.com'],
      ['not old@example.com, use new@example.com', 'new@example.com'],
      ['support@shop.example is yours, mine is ana@example.com', 'ana@example.com'],
    ] as const) {
      expect(email(t), t).toEqual({ ok: true, value: want });
    }
  });

  it('the flow\'s own addresses and their domain are never the customer\'s', () => {
    const own = ownAddressesOf(template());
    expect(own.domains.has('northwind.example')).toBe(true);
    expect(emailAnswer('support@northwind.example', own)).toEqual({ ok: false });
    expect(emailAnswer('ana@example.com support@northwind.example', own)).toEqual({ ok: true, value: 'ana@example.com' });
  });

  it('two candidates left: asks which (choices), at the template\'s ticket too', () => {
    expect(emailAnswer('ana@example.com, or if that fails ana.backup@example.com')).toEqual({ ok: false, choices: ['ana@example.com', 'ana.backup@example.com'] });
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('I want to talk to a human');
    for (let i = 0; i < 3 && !c.botTexts().at(-1)!.includes('email'); i++) c.say('no');
    const asked = c.botTexts().at(-1)!;
    expect(asked).toMatch(/email/i);
    c.say('ana@example.com, or if that fails ana.backup@example.com');
    expect(c.botTexts().at(-1)).toBe('Which one should we reply to: ana@example.com or ana.backup@example.com?');
    c.say('ana.backup@example.com');
    expect(c.state.variables.customerEmail).toBe('ana.backup@example.com');
  });
});

describe('H#20: international addresses accepted, undeliverable ones refused', () => {
  it('a public mailbox domain the flow notifies is not refused for customers; a role mailbox on it is (lead s15)', () => {
    const own = ownAddressesOf({ blocks: [{ data: { to: 'shopowner@gmail.com' } }] });
    expect(own.domains.has('gmail.com')).toBe(true);
    expect(emailAnswer('jane.doe@gmail.com', own)).toEqual({ ok: true, value: 'jane.doe@gmail.com' });
    expect(emailAnswer('shopowner@gmail.com', own)).toEqual({ ok: false });
    expect(emailAnswer('my email is jane@gmail.com, or support@gmail.com', own)).toEqual({ ok: true, value: 'jane@gmail.com' });
  });

  it('IDN domains, UTF-8 local parts, full-width ＠', () => {
    expect(email('ana@münchen.de')).toEqual({ ok: true, value: 'ana@münchen.de' });
    expect(email('josé@example.es')).toEqual({ ok: true, value: 'josé@example.es' });
    expect(email('用户@例子.广告')).toEqual({ ok: true, value: '用户@例子.广告' });
    expect(email('ana＠example.com')).toEqual({ ok: true, value: 'ana@example.com' });
  });
  it('a dot at either end of the local part, two dots, a label starting with "-" are no address', () => {
    for (const t of ['.ana@example.com', 'ana.@example.com', 'ana..b@example.com', 'ana@-example.com', 'ana@example..com']) expect(email(t), t).toEqual({ ok: false });
  });
});

describe('H#2 / H#16: the address span only', () => {
  it('an answer holding more than the address keeps the address only', () => {
    for (const [t, want] of [
      ['my card is 4111 1111 1111 1111, address 12 High Street, Leeds LS1 4AB', '12 High Street, Leeds LS1 4AB'],
      ['my card is •••• 1111, address 12 High Street, Leeds LS1 4AB', '12 High Street, Leeds LS1 4AB'],
      ['12 High Street, Leeds LS1 4AB and my password is hunter2hunter2', '12 High Street, Leeds LS1 4AB'],
      ['I moved! Send it to 5 Park Lane, Bristol BS1 5TR please, not 12 High Street, Leeds LS1 4AB', '5 Park Lane, Bristol BS1 5TR'],
      ['change it from 5 Park Lane, Bristol BS1 5TR to 12 High Street, Leeds LS1 4AB', '12 High Street, Leeds LS1 4AB'],
    ] as const) {
      expect(validateAnswer('address', t, 0), t).toEqual({ ok: true, value: want });
    }
    // Only an address: stored whole as before.
    expect(validateAnswer('address', '12 High St. Leeds LS1 4AB', 0)).toEqual({ ok: true, value: '12 High St. Leeds LS1 4AB' });
    expect(validateAnswer('address', 'Flat 3, 22 Baker Street, London NW1 6XE', 0)).toEqual({ ok: true, value: 'Flat 3, 22 Baker Street, London NW1 6XE' });
  });
  it('a refused or reported change gives no address; the span stops at instead of / and my / without', () => {
    expect(addressIn('do not change the address for order NW-104233 to 12 High Street, Leeds LS1 4AB')).toBeNull();
    expect(addressIn('my neighbour changed the address for order NW-104233 to 12 High Street, Leeds LS1 4AB without asking me, is that allowed?')).toBeNull();
    expect(addressIn('why did you send order NW-104233 to 12 High Street, Leeds LS1 4AB? I never lived there')).toBeNull();
    expect(addressIn('change address for order NW-104233 to 12 High Street, Leeds LS1 4AB instead of 5 Park Lane, Bristol BS1 5TR')).toBe('12 High Street, Leeds LS1 4AB');
    expect(addressIn('change address for order NW-104233 to 12 High Street, Leeds LS1 4AB and my card is •••• 1111')).toBe('12 High Street, Leeds LS1 4AB');
    expect(addressIn('I changed my mind, send it to 5 Park Lane, Bristol BS1 5TR')).toBe('5 Park Lane, Bristol BS1 5TR');
  });
});

describe('H#5: a ticket with no email, and "no" as the issue', () => {
  it('"no" is not the issue (asked again, then the ticket names no such issue), and the customer is told there is no email reply', () => {
    const c = converse(template(), { now: NOW, agents: [] });
    c.say('I want to talk to a human');
    for (let i = 0; i < 6 && !c.steps.at(-1)!.effects.some((e) => e.type === 'create_ticket'); i++) c.say('no');
    const ticket = c.steps.flatMap((s) => s.effects).find((e) => e.type === 'create_ticket');
    expect(ticket).toBeDefined();
    expect(ticket && ticket.type === 'create_ticket' ? ticket.issue : '').not.toBe('no');
    expect(c.botTexts()).toContain('Please tell us in a few words what our team should help you with.');
    expect(c.botTexts().some((t) => t.startsWith("We don't have an email address for you, so we can't reply by email"))).toBe(true);
  });
});
