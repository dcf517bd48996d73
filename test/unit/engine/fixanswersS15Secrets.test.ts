/**
 * Session 15 (hostile s15 H#3): card numbers and passwords typed by a customer are masked before the message is stored
 * (transcript, lastMessage, answers, the handoff, escalation), and the bot says once for that message that it hid them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { shopFlow } from '../../server/runtimeFixtures';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { DEFAULT_SECRET_HIDDEN_MESSAGE, luhnValid, maskCustomerSecrets } from '../../../shared/engine/customerSecrets';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const template = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

describe('maskCustomerSecrets: the rules', () => {
  it('masks a Luhn-valid card number of 13-19 digits, in groups or together, keeping the last 4', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(maskCustomerSecrets('my card number is 4111 1111 1111 1111 exp 12/28, why was I charged twice?')).toEqual({
      // Session 19 (hostile s19 #1): the expiry after the card is hidden with it (it was shown).
      text: 'my card number is •••• 1111 exp [hidden], why was I charged twice?',
      hidden: ['card'],
    });
    expect(maskCustomerSecrets('card 4242-4242-4242-4242').text).toBe('card •••• 4242');
    expect(maskCustomerSecrets('4242424242424242').text).toBe('•••• 4242');
    expect(maskCustomerSecrets('amex 3782 822463 10005 thanks').text).toBe('amex •••• 0005 thanks');
    // The card, then the CVV in the same run of groups: the longest Luhn-valid run from the left is the card.
    expect(maskCustomerSecrets('4111 1111 1111 1111 123').text).toBe('•••• 1111'); // session 18 (hostile s17 H#30 rest): the CVV after the card is hidden with it
  });

  it('leaves numbers that are not card numbers alone: too short, not Luhn-valid, part of a word or an id', () => {
    for (const t of [
      'call me on +44 7700 900123',
      'order NW-104233 and 4111 1111 1111 1112',
      'tracking 1Z999AA10123456784',
      'it cost 1234 5678 9012', // 12 digits
      'ref 2026-12-02',
    ]) {
      expect(maskCustomerSecrets(t)).toEqual({ text: t, hidden: [] });
    }
  });

  it('masks a password given as such, not a word that describes it', () => {
    expect(maskCustomerSecrets('my password is Hunter2!Hunter2 and I cannot log in').text).toBe('my password is [hidden] and I cannot log in');
    expect(maskCustomerSecrets('pw: hunter2.').text).toBe('pw: [hidden].');
    expect(maskCustomerSecrets('Password = "correct horse battery"').text).toBe('Password = [hidden]');
    expect(maskCustomerSecrets('my old password was sunshine').hidden).toEqual(['password']);
    for (const t of ['my password is wrong', 'the password is not working', 'password is expired!', 'I forgot my password', 'what is the password policy?']) {
      expect(maskCustomerSecrets(t)).toEqual({ text: t, hidden: [] });
    }
  });

  it('masks a PIN or security code given as such (digits only)', () => {
    expect(maskCustomerSecrets('cvv 123? no: cvv: 123').text).toBe('cvv [hidden]? no: cvv: [hidden]'); // s16 H#4: 'cvv 123' without 'is' too
    expect(maskCustomerSecrets('my pin is 4821').text).toBe('my pin is [hidden]');
    expect(maskCustomerSecrets('the pin is bent').hidden).toEqual([]);
  });
});

describe('the engine masks before storing, and says so once for the message', () => {
  it('the transcript, lastMessage and the handoff never hold the digits; the notice follows the message', () => {
    const c = converse(shopFlow(), { now: NOW });
    c.say('my card number is 4111 1111 1111 1111, why was I charged twice? I want to talk to a human');
    const all = JSON.stringify(c.steps);
    expect(all).not.toContain('4111 1111');
    expect(all).not.toContain('4111111111111111');
    const log = c.transcript();
    const i = log.findIndex((e) => e.from === 'customer');
    expect(log[i].text).toBe('my card number is •••• 1111, why was I charged twice? I want to talk to a human');
    expect(log[i + 1]).toMatchObject({ from: 'bot', text: DEFAULT_SECRET_HIDDEN_MESSAGE });
    expect(c.botTexts().filter((t) => t === DEFAULT_SECRET_HIDDEN_MESSAGE)).toHaveLength(1);
    expect(c.state.variables.lastMessage).toBe('my card number is •••• 1111, why was I charged twice? I want to talk to a human');
    // The recent transcript holds the same order.
    const recent = c.state.recentTranscript;
    const j = recent.findIndex((e) => e.from === 'customer');
    expect(recent[j + 1].text).toBe(DEFAULT_SECRET_HIDDEN_MESSAGE);
  });

  it('a message with nothing to hide gets no notice; a second message with a card gets its own one', () => {
    const c = converse(template(), { now: NOW });
    c.say('hello');
    expect(c.botTexts()).not.toContain(DEFAULT_SECRET_HIDDEN_MESSAGE);
    c.say('my password is hunter2hunter2 and I cannot log in');
    expect(c.botTexts().filter((t) => t === DEFAULT_SECRET_HIDDEN_MESSAGE)).toHaveLength(1);
    expect(JSON.stringify(c.steps)).not.toContain('hunter2hunter2');
  });

  it('the flow words the notice (settings.secretHiddenMessage); empty says nothing but still masks', () => {
    const f = template();
    const worded = converse({ ...f, settings: { ...f.settings, secretHiddenMessage: 'Bitte senden Sie keine Kartendaten im Chat.' } as typeof f.settings }, { now: NOW });
    worded.say('4111 1111 1111 1111');
    expect(worded.botTexts()[worded.botTexts().indexOf('Bitte senden Sie keine Kartendaten im Chat.')]).toBeDefined();
    expect(worded.botTexts()).not.toContain(DEFAULT_SECRET_HIDDEN_MESSAGE);
    const silent = converse({ ...f, settings: { ...f.settings, secretHiddenMessage: '' } as typeof f.settings }, { now: NOW });
    silent.say('4111 1111 1111 1111');
    expect(silent.botTexts()).not.toContain(DEFAULT_SECRET_HIDDEN_MESSAGE);
    expect(JSON.stringify(silent.steps)).not.toContain('4111 1111');
  });
});
