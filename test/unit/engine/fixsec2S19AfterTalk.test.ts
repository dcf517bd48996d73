/**
 * Review s19 (revcore R20, HIGH): 977aed3 read the message after ANY message ending in a password or PIN word as a
 * secret ("it keeps saying wrong password" then "NW-230918" -> "[hidden]"). Only a message that announces a value does:
 * the word followed by "is" / "to" / ":" / "=" / "-", or "my (new) password" with no talk of a problem before it.
 */
import { describe, expect, it } from 'vitest';
import { maskCustomerText } from '../../../shared/engine/customerSecrets';

describe('the follow-up after password talk', () => {
  it('a message that announces a value still masks the follow-up', () => {
    for (const [first, next, want] of [
      ['password:', 'Tulip-2291', '[hidden]'],
      ['my password is', 'Tulip-2291', '[hidden]'],
      ['my new password', 'Tulip-2291', '[hidden]'],
      ['hasło to', 'Kot12345', '[hidden]'],
      ['my PIN is', '4829', '[hidden]'],
      ['cvv:', '123', '[hidden]'],
      ['my card is 4111 1111', '1111 1111', '•••• 1111'],
    ]) expect(maskCustomerText(next, 4000, first).text, `${first} | ${next}`).toBe(want);
  });

  it('talk about a password or a PIN leaves the next answer as typed', () => {
    for (const [first, next] of [
      ["I can't log in, it keeps saying wrong password", 'NW-230918'],
      ['how do I reset my password', 'JohnSmith82'],
      ['I forgot my password', 'Tulip-2291'],
      ['the pin', '1234 Elm Street'],
      ['why does it ask for my pin', '4829 Oak Road'],
      ['can you change my password', 'ana@example.com'],
    ]) expect(maskCustomerText(next, 4000, first), `${first} | ${next}`).toEqual({ text: next, hidden: [], cut: false });
  });
});
