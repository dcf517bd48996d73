/**
 * Session 16 (hostile s16 H#3, H#4, H#29, H#28 second half): what makes a digit run a card, and what introduces a
 * password or PIN, decided by rule (customerSecrets.ts), both ways.
 */
import { describe, expect, it } from 'vitest';
import { asciiDigits, cardShaped, maskCustomerSecrets } from '../../../shared/engine/customerSecrets';
import { validateAnswer } from '../../../shared/engine/questionValidators';

const kept = (t: string) => expect(maskCustomerSecrets(t), t).toEqual({ text: t, hidden: [] });
const NOW = Date.parse('2026-12-02T10:00:00Z');

describe('card numbers written other ways are masked (H#4)', () => {
  it('any separator between groups: dots, several spaces, " - ", slashes, underscores, commas, line breaks, zero-width', () => {
    for (const t of [
      '4111.1111.1111.1111', '4111  1111 1111 1111', '4111 - 1111 - 1111 - 1111', '4111/1111/1111/1111', '4111_1111_1111_1111',
      '4111,1111,1111,1111', '4111\n1111\n1111\n1111', '4111\u200b1111\u200b1111\u200b1111', '4\u200b111111111111111', 'card 41111111 11111111',
    ]) {
      expect(maskCustomerSecrets(t).text.replace(/^card /, ''), JSON.stringify(t)).toBe('•••• 1111');
      expect(maskCustomerSecrets(t).hidden, JSON.stringify(t)).toEqual(['card']);
    }
    // Session 19 (hostile s18 #5 rest): two 8-digit halves are a card only in a message that names one (two order
    // numbers were masked one time in ten).
    kept('41111111 11111111');
  });
  it('a card glued to a word, in parentheses, in full-width or Arabic-Indic digits', () => {
    expect(maskCustomerSecrets('card4111111111111111').text).toBe('card•••• 1111');
    expect(maskCustomerSecrets('visa:4111111111111111').text).toBe('visa:•••• 1111');
    expect(maskCustomerSecrets('(4111) 1111 1111 1111').hidden).toEqual(['card']);
    expect(maskCustomerSecrets('４１１１ １１１１ １１１１ １１１１').text).toBe('•••• 1111');
    expect(maskCustomerSecrets('٤١١١١١١١١١١١١١١١').text).toBe('•••• 1111');
    expect(asciiDigits('٤١٢ ७ ９')).toBe('412 7 9');
  });
  it('two cards in a list are both masked; the CVV after a card stays a separate group', () => {
    expect(maskCustomerSecrets('4111 1111 1111 1111, 5555 5555 5555 4444').text).toBe('•••• 1111, •••• 4444');
    expect(maskCustomerSecrets('4111111111111111 5555555555554444').text).toBe('•••• 1111 •••• 4444');
  });
  it('card shape: issuer prefix and its lengths, and Luhn', () => {
    expect(cardShaped('4111111111111111')).toBe(true);
    expect(cardShaped('378282246310005')).toBe(true); // Amex 15
    expect(cardShaped('490154203237518')).toBe(false); // an IMEI: 15 digits starting 4
    expect(cardShaped('0000000000000000')).toBe(false);
    expect(cardShaped('9400100000000000000')).toBe(false);
    expect(cardShaped('4111111111111112')).toBe(false); // not Luhn
  });
});

describe('ordinary numbers are kept (H#3, H#29)', () => {
  it('postal PIN codes, IMEIs, tracking numbers, phone numbers after +, zero references, ISBNs', () => {
    for (const t of [
      '14 MG Road, Bengaluru, Karnataka, PIN code: 560001', 'PIN code is 560001 (Bangalore)', 'postcode / PIN: 400001',
      'IMEI 490154203237518', 'tracking 9400 1000 0000 0000 0000 00', 'USPS 9205 5000 0000 0000 0000 00',
      'bank reference 0000 0000 0000 00', 'refs 100000 0000009', 'call me on +49 151 2345 6787', 'call +86 138 0013 8000',
      'ISBN 978-0-306-40615-7 978-0-306-40615-7', 'EAN 4006381333931', 'orders 1234567 1234568',
    ]) kept(t);
  });
  it('the example IBANs of 20 countries are kept whole (mod-97 valid)', () => {
    for (const iban of [
      'DE89 3704 0044 0532 0130 00', 'DE44 5001 0517 5407 3249 31', 'ES91 2100 0418 4502 0005 1332', 'PL61 1090 1014 0000 0712 1981 2874',
      'PT50 0002 0123 1234 5678 9015 4', 'HU42 1177 3016 1111 1018 0000 0000', 'NL91 ABNA 0417 1643 00', 'FR14 2004 1010 0505 0001 3M02 606',
      'AT61 1904 3002 3457 3201', 'CH93 0076 2011 6238 5295 7', 'SE45 5000 0000 0583 9825 7466', 'NO93 8601 1117 947', 'DK50 0040 0440 1162 43',
      'FI21 1234 5600 0007 85', 'BE68 5390 0754 7034', 'IE29 AIBK 9311 5212 3456 78', 'GR16 0110 1250 0000 0001 2300 695',
      'CZ65 0800 0000 1920 0014 5399', 'SK31 1200 0000 1987 4263 7541', 'RO49 AAAA 1B31 0075 9384 0000', 'DE44500105175407324931',
    ]) kept(`my IBAN is ${iban}, thanks`);
  });
  it('a window in the middle of a longer run is never masked, but a card of the run\'s own start is', () => {
    kept('ref 9400 4111 1111 1111 1111 00');
    expect(maskCustomerSecrets('4111 1111 1111 1111 123').text).toBe('•••• 1111'); // session 18 (hostile s17 H#30 rest): the CVV after the card is hidden with it
  });
  it('a bank PIN is still hidden: "pin" + 4 digits, "pin number" + 6 digits without an address', () => {
    expect(maskCustomerSecrets('my pin is 4821').text).toBe('my pin is [hidden]');
    expect(maskCustomerSecrets('pin 4821').text).toBe('pin [hidden]');
    expect(maskCustomerSecrets('my pin number is 123456').hidden).toEqual(['pin']);
  });
});

describe('CVV and passwords written other ways (H#4)', () => {
  it('cvv / security code without "is"', () => {
    expect(maskCustomerSecrets('exp 12/28 cvv 123').text).toBe('exp 12/28 cvv [hidden]');
    expect(maskCustomerSecrets('security code 123').text).toBe('security code [hidden]');
    expect(maskCustomerSecrets("cvv's 123").text).toBe("cvv's [hidden]");
  });
  it("password's, password - X, a line break, words between the word and 'is', other languages", () => {
    expect(maskCustomerSecrets("my password's hunter2").text).toBe("my password's [hidden]");
    expect(maskCustomerSecrets('password - hunter2').text).toBe('password - [hidden]');
    expect(maskCustomerSecrets('password\nhunter2').text).toBe('password\n[hidden]');
    expect(maskCustomerSecrets('the password I use is hunter2').text).toBe('the password I use is [hidden]');
    expect(maskCustomerSecrets('p\u200bassword is hunter2').text).toBe('password is [hidden]');
    expect(maskCustomerSecrets('Passwort ist geheim123').text).toBe('Passwort ist [hidden]');
    expect(maskCustomerSecrets('mot de passe est soleil99').text).toBe('mot de passe est [hidden]');
    expect(maskCustomerSecrets('contraseña: secreto12').text).toBe('contraseña: [hidden]');
  });
  it('a passphrase starting with a describing word is hidden to the end of the clause; a description is not', () => {
    expect(maskCustomerSecrets('password is correct horse battery staple').text).toBe('password is [hidden]');
    expect(maskCustomerSecrets('my password is my dog Rex1, please help').text).toBe('my password is [hidden], please help');
    for (const t of ['password is correct', 'my password is wrong', 'the password is not working', 'password is the same as before', 'password is too short', 'the password for my account was reset yesterday']) kept(t);
  });
  it('pass alone, boarding pass, bus pass stay (H#1)', () => {
    for (const t of ['Boarding pass: BA1234', 'my bus pass is expired', 'the pass is valid']) kept(t);
    // Session 18 (hostile s17 H#28): "pass" after a login or user name is the password of a credential paste.
    expect(maskCustomerSecrets('login: ana, pass hunter2').text).toBe('login: ana, pass [hidden]');
  });
  it('linear on long hostile inputs (100 KB each under 5 s: the bound catches quadratic scans, not speed; 4.4 s measured at load 25 in session 35)', () => {
    for (const s of ['1 '.repeat(50_000), '1-'.repeat(50_000), 'password is '.repeat(8_000), 'pin is 1'.repeat(12_000), '4111 1111 1111 1 '.repeat(6_000)]) {
      const t = performance.now();
      maskCustomerSecrets(s);
      expect(performance.now() - t).toBeLessThan(5000);
    }
  });
});

describe('a masked secret is never an answer (H#3, H#28)', () => {
  it('"•••• 1111" is no number; "my policy number: •••• 0366" answers no text question', () => {
    const m = maskCustomerSecrets('4111 1111 1111 1111').text;
    expect(validateAnswer('number', m, NOW)).toEqual({ ok: false });
    expect(validateAnswer('text', maskCustomerSecrets('my policy number: 4532 0151 1283 0366').text, NOW)).toEqual({ ok: false });
    expect(validateAnswer('phone', maskCustomerSecrets('4111 1111 1111 1111').text, NOW)).toEqual({ ok: false });
    // A longer text that mentions a masked card still answers a text question.
    expect(validateAnswer('text', 'you charged my card •••• 1111 twice last week for one order', NOW).ok).toBe(true);
    expect(validateAnswer('number', '•••• 1111, we are 50 people', NOW)).toEqual({ ok: true, value: 50 });
  });
});
