/**
 * Session 18 (fixsec): customer secrets still shown (hostile s17 H#4 rest, H#28, H#30 rest; s18 H#1 HIGH, H#2, H#3,
 * H#24), ordinary text masked (s17 H#23, s18 H#4, H#5, H#26), the cap after masking (s17 H#19), the one class of
 * invisible characters (review of session 17) and linear masking on hostile text (s18 H#21).
 */
import { describe, expect, it } from 'vitest';
import { cardShaped, CUT_MARK, luhnValid, maskCustomerSecrets, maskCustomerText } from '../../../shared/engine/customerSecrets';
import { cutPreview, cutUnits, INVISIBLE_CHAR, sliceUnits, withoutInvisible } from '../../../shared/engine/unicodeText';
import { validateAnswer } from '../../../shared/engine/questionValidators';

const masked = (t: string) => maskCustomerSecrets(t).text;
const kept = (t: string) => expect(maskCustomerSecrets(t), t).toEqual({ text: t, hidden: [] });

/** A seeded generator (mulberry32): the property tests are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const digitsOf = (rnd: () => number, n: number) => Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');
/** `body` with the Luhn check digit appended. */
function withLuhn(body: string): string {
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}
/** The EAN-13 check digit (weights 1, 3). */
function withEan(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return body12 + ((10 - (sum % 10)) % 10);
}

describe('cards still shown (hostile s17 H#4 rest, H#30 rest; s18 H#1)', () => {
  it('a "+" before a card-long run, " , " or ". " between groups, keycap digits', () => {
    expect(masked('card: +4111 1111 1111 1111')).toBe('card: +•••• 1111');
    expect(masked('4111 , 1111 , 1111 , 1111')).toBe('•••• 1111');
    expect(masked('4111. 1111. 1111. 1111')).toBe('•••• 1111');
    expect(masked('4⃣1⃣1⃣1⃣ 1⃣1⃣1⃣1⃣ 1⃣1⃣1⃣1⃣ 1⃣1⃣1⃣1⃣ thanks')).toBe('•••• 1111 thanks');
    expect(masked('4\ufe0f\u20e31\ufe0f\u20e31\ufe0f\u20e31\ufe0f\u20e3 1111 1111 1111')).toBe('•••• 1111');
    expect(masked('\u200e4111\u200e \u200e1111\u200e \u200e1111\u200e \u200e1111\u200e')).toBe('\u200e•••• 1111\u200e');
    // A phone number after "+" is still a phone (E.164: at most 15 digits).
    kept('call +44 7700 900123 or +49 151 2345 6789');
  });
  it('the CVV (and expiry) after the card is hidden with it', () => {
    expect(masked('4111 1111 1111 1111 123')).toBe('•••• 1111');
    expect(masked('4111111111111111 123 thanks')).toBe('•••• 1111 thanks');
    expect(masked('5555 5555 5555 4444 1234')).toBe('•••• 4444');
    expect(masked('4111 1111 1111 1111 12/26 123')).toBe('•••• 1111');
    expect(masked('4111 1111 1111 1111\n123 Main Street')).toBe('•••• 1111\n123 Main Street');
  });
  it('a card glued to its CVV or expiry (s18 H#1 HIGH)', () => {
    expect(masked('4638336870683802760')).toBe('•••• 3802');
    expect(masked('card 46563081832129491227 please refund')).toBe('card •••• 2949 please refund');
    expect(masked('4124 1129 0699 0326021')).toBe('•••• 0326');
    const rnd = seeded(18);
    for (let k = 0; k < 500; k++) {
      const card = withLuhn('4' + digitsOf(rnd, 14));
      for (const tail of [digitsOf(rnd, 3), '1227', '1227' + digitsOf(rnd, 3)]) {
        const t = `card ${card}${tail} ok`;
        expect(masked(t), t).toBe(`card •••• ${card.slice(-4)} ok`);
      }
    }
  });
  it('a card after a phone or tracking word is still a card when a card word or a sentence end is between (review revcore #4 HIGH)', () => {
    for (const t of ['pay my phone bill with card 4111 1111 1111 1111', 'cell phone broke, card 4111 1111 1111 1111', 'my phone died, card is 4111 1111 1111 1111',
      'new phone, my visa 4111 1111 1111 1111 12/27 123', 'ordered a phone case, card: 5555 5555 5555 4444', 'I bought a mobile on my card 4111111111111111',
      'tracking says lost. card 4111111111111111']) expect(maskCustomerSecrets(t).hidden, t).toEqual(['card']);
    kept('IMEI 4111111111111111');
    kept('call me on 4111 1111 1111 1111');
  });
  it('no quadratic PIN reading on a label and many spaces (review revcore #1; was 9 s at 100 K): bounded by work, not time', () => {
    // The same answer for 1,000 and 50,000 spaces; the bench line (fixsecS18MaskingBench 'pinSpaces') measures the time.
    expect(masked('pin' + ' '.repeat(50_000) + 'x 1')).toBe('pin' + ' '.repeat(50_000) + 'x 1');
    expect(masked('my card pin' + ' '.repeat(1_000) + '1234')).toBe('my card pin' + ' '.repeat(1_000) + '[hidden]');
  });
  it('other separators (s18 H#6); times are no card', () => {
    for (const t of ['4931: 0559: 3623: 6850', '4111:1111:1111:1111', '4111;1111;1111;1111', '4111 -- 1111 -- 1111 -- 1111', '4111|1111|1111|1111']) expect(masked(t), t).toMatch(/^•••• \d{4}$/);
    expect(masked('(4111)(1111)(1111)(1111)')).toBe('(•••• 1111)');
    const rnd = seeded(6);
    for (let k = 0; k < 2000; k++) {
      const times = Array.from({ length: 4 + Math.floor(rnd() * 4) }, () => `${20 + Math.floor(rnd() * 4)}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}`);
      kept(`free at ${times.join(' ')} or ${times.join(', ')}`);
    }
  });
  it('a card PIN with "card / ATM / bank" before it is no postal PIN (s18 H#30)', () => {
    expect(masked('my card pin code is 482910')).toBe('my card pin code is [hidden]');
    expect(masked('my card pin 482913, I live at 5 High Street')).toBe('my card pin [hidden], I live at 5 High Street');
    kept('pin code 482913');
  });
  it('spaced CVVs and PINs, PIN-Nummer', () => {
    expect(masked('cvv: 1 2 3')).toBe('cvv: [hidden]');
    expect(masked('pin is 12 34')).toBe('pin is [hidden]');
    expect(masked('cvv 12 3')).toBe('cvv [hidden]');
    expect(masked('PIN-Nummer 4829')).toBe('PIN-Nummer [hidden]');
    kept('pin code 110 001');
    kept('my pin 12 times');
    kept('your security code is 123 digits');
  });
});

describe('passwords still shown (hostile s17 H#4 rest, H#28; s18 H#2, H#3, H#24)', () => {
  it('a passphrase not after a describing word, a lone opening quote, other quotes', () => {
    expect(masked('password is purple monkey dishwasher')).toBe('password is [hidden]');
    expect(masked('password is Hunter2 Hunter3')).toBe('password is [hidden]');
    expect(masked("my password is 'hunter2")).toBe('my password is [hidden]');
    expect(masked('password is "hunter2 and order NW-1')).toBe('password is [hidden] and order NW-1');
    expect(masked('password is “hunter2 thanks')).toBe('password is [hidden] thanks');
    expect(masked('password is «hunter two»')).toBe('password is [hidden]');
    expect(masked('password is „hunter two“')).toBe('password is [hidden]');
    expect(masked('password is hunter2 and I need to cancel NW-230918')).toBe('password is [hidden] and I need to cancel NW-230918');
  });
  it('after an explicit label the value runs to the clause end', () => {
    expect(masked('password: I love you 3000')).toBe('password: [hidden]');
    expect(masked('password: Hunter 2')).toBe('password: [hidden]');
    expect(masked('the password is: 1234 5678')).toBe('the password is: [hidden]');
    expect(masked('pw: x user: y')).toBe('pw: [hidden] user: y');
  });
  it('credential pastes', () => {
    // Session 19 (hostile s18 #30 rest): the "!" a password ends with is hidden with it (it stayed visible).
    const cases: [string, string][] = [
      ['username: ana@example.com pass: Summer2024!', 'username: ana@example.com pass: [hidden]'],
      ['user ana / pass Summer2024!', 'user ana / pass [hidden]'],
      ['login: ana, pass hunter2', 'login: ana, pass [hidden]'],
      ['login ana@example.com pwd Summer2024!', 'login ana@example.com pwd [hidden]'],
      ['PW Summer2024!', 'PW [hidden]'],
      ['password Summer2024!', 'password [hidden]'],
      ['the password for ana@example.com is Summer2024!', 'the password for ana@example.com is [hidden]'],
      ['Password of the account: Summer2024!', 'Password of the account: [hidden]'],
      ['password (new): Summer2024!', 'password (new): [hidden]'],
      ['old password was Winter2023! new one Summer2024!', 'old password was [hidden] new one [hidden]'],
      ['my password is wrong, the new one is hunter2', 'my password is wrong, the new one is [hidden]'],
      ['passcode 482913', 'passcode [hidden]'],
      ['ana@example.com:Summer2024!', 'ana@example.com:[hidden]'],
      ['la password è Segreto1', 'la password è [hidden]'],
      ['пароль: Hunter2', 'пароль: [hidden]'],
      ['password — Hunter2', 'password — [hidden]'],
    ];
    for (const [t, want] of cases) {
      expect(masked(t), t).toBe(want);
      expect(maskCustomerSecrets(t).hidden, t).toEqual(['password']);
    }
  });
  it('after an explicit label a lone word is the value, even one that could describe (review revcore #2)', () => {
    for (const t of ['password: wonderful', 'pw: marbled', 'password = unforgettable', 'password: one']) expect(maskCustomerSecrets(t).hidden, t).toEqual(['password']);
  });
  it('"pass" and a bare space need a credential-shaped value; capitals alone are none (review revcore #5)', () => {
    for (const t of ['account locked, pass me to a human', 'email ana@x.com - pass along my thanks', 'reset my password ASAP', 'reset password URGENT please']) kept(t);
  });
  it('ordinary sentences with a password word are kept', () => {
    for (const t of [
      'my boarding pass is lost', 'the pass is valid', 'Boarding pass: BA1234', 'I typed my password 3 times', 'reset password ana@example.com please',
      'password reset link: https://example.com/reset', 'Your password is case sensitive', 'Your password is case-sensitive',
      'my password is blocked', 'my password is disabled', 'Your password is 12 characters or more', 'your new password is emailed to you',
      'I forgot my password\nmy order number is NW-1234', 'email me at ana@example.com: thanks', 'the password is the one you set up',
    ]) kept(t);
  });
});

describe('numbers that are not cards (hostile s17 H#23, s18 H#5)', () => {
  it('random German EAN-13 barcodes and 49 151 mobiles are never masked; a 13-digit Visa needs a card word', () => {
    const rnd = seeded(23);
    let shaped = 0;
    for (let k = 0; k < 3000; k++) {
      const ean = withEan(String(400 + Math.floor(rnd() * 41)) + digitsOf(rnd, 9));
      if (cardShaped(ean)) shaped++;
      kept(`the barcode on the box says ${ean}, the item is broken`);
      kept(ean);
      const mobile = `49 151 ${digitsOf(rnd, 8)}`;
      kept(`call me on ${mobile}`);
    }
    expect(shaped).toBeGreaterThan(100); // the property is not vacuous: about one in ten is Luhn-valid and starts 4
    expect(masked('my card is 4222222222222')).toBe('my card is •••• 2222');
  });
  it('random IMEISVs (16 digits) are never masked when labelled or printed 2-6-6-2', () => {
    const rnd = seeded(16);
    for (let k = 0; k < 3000; k++) {
      const tac = '35' + digitsOf(rnd, 6);
      const serial = digitsOf(rnd, 6);
      const svn = digitsOf(rnd, 2);
      kept(`IMEI ${tac}${serial}${svn}`);
      kept(`my IMEISV is ${tac}${serial}${svn}`);
      kept(`${tac.slice(0, 2)} ${tac.slice(2)} ${serial} ${svn}`);
    }
  });
  it('other groupings are several numbers (s18 H#5)', () => {
    const rnd = seeded(5);
    for (let k = 0; k < 2000; k++) {
      kept(`order 5${digitsOf(rnd, 5)}\n07${digitsOf(rnd, 9)}`);
      kept(`IMEI 2 35${digitsOf(rnd, 13)}`);
      kept(`56${digitsOf(rnd, 3)}-${digitsOf(rnd, 4)} 47${digitsOf(rnd, 3)}-${digitsOf(rnd, 4)}`);
    }
    for (let day = 1; day <= 28; day++) kept(`Can you deliver between ${String(day).padStart(2, '0')}/01/2026 - ${String(day + 2).padStart(2, '0')}/01/2026?`);
  });
  it('random valid cards are always masked, with their own last 4', () => {
    const rnd = seeded(42);
    const prefixes = ['4', '51', '52', '53', '54', '55', '2221', '2720', '6011', '3528', '3589'];
    for (let k = 0; k < 3000; k++) {
      const p = prefixes[k % prefixes.length];
      const card = withLuhn(p + digitsOf(rnd, 15 - p.length));
      const spaced = card.replace(/(\d{4})(?=\d)/g, '$1 ');
      for (const t of [card, spaced, `card ${spaced}`, `my card is ${card}, thanks`, `NW-230918\n${spaced}`]) {
        const m = maskCustomerSecrets(t);
        expect(m.hidden, t).toEqual(['card']);
        expect(m.text, t).toContain(`•••• ${card.slice(-4)}`);
        expect(m.text, t).not.toContain(card.slice(0, 6));
      }
      const amex = withLuhn((k % 2 === 0 ? '34' : '37') + digitsOf(rnd, 12));
      expect(masked(`amex ${amex.slice(0, 4)} ${amex.slice(4, 10)} ${amex.slice(10)}`)).toBe(`amex •••• ${amex.slice(-4)}`);
    }
  });
});

describe('the cap after masking (hostile s17 H#19): the cap counts what the customer sent, masks never lengthen it', () => {
  it('a message under the cap keeps its tail (its request) when masks would make it longer', () => {
    const sent = 'pin 123 '.repeat(300) + 'a' + '😀'.repeat(799);
    expect(sent.length).toBe(3999);
    const k = maskCustomerText(sent, 4000);
    expect(k.cut).toBe(false);
    expect(k.text.length).toBeLessThanOrEqual(4000);
    expect(k.text.endsWith('a' + '😀'.repeat(799))).toBe(true);
    expect(k.text).not.toMatch(/pin 123/);
    expect(k.hidden).toEqual(['pin']);
    const pw = 'pw: x '.repeat(666);
    const kp = maskCustomerText(pw, 4000);
    expect(kp.text.length).toBeLessThanOrEqual(4000);
    expect(kp.text).not.toMatch(/pw: x/);
  });
  it('at the edge: exactly the cap is kept whole; one more is cut with the marker, never inside an emoji or a secret', () => {
    const at = 'x'.repeat(3996) + 'pin 1234'.slice(0, 4);
    expect(maskCustomerText(at, 4000)).toEqual({ text: at, hidden: [], cut: false });
    const room = 'x'.repeat(3980) + ' pin 123456';
    expect(maskCustomerText(room, 4000).text).toBe('x'.repeat(3980) + ' pin [hidden]');
    // 3,999 sent; "[hidden]" would make 4,001: the mask takes no more room than the digits.
    const full = 'x'.repeat(3988) + ' pin 123456';
    expect(maskCustomerText(full, 4000)).toEqual({ text: 'x'.repeat(3988) + ' pin ••••••', hidden: ['pin'], cut: false });
    const emoji = 'x'.repeat(3999) + '😀tail';
    const ke = maskCustomerText(emoji, 4000);
    expect(ke).toEqual({ text: 'x'.repeat(3999) + CUT_MARK, hidden: [], cut: true });
    const card = 'x'.repeat(3990) + ' 4111 1111 1111 1111 please';
    const kc = maskCustomerText(card, 4000);
    expect(kc.cut).toBe(true);
    expect(kc.text).toBe('x'.repeat(3990) + ' ' + CUT_MARK);
    expect(kc.text).not.toMatch(/4111/);
    expect(kc.hidden).toEqual(['card']);
  });
  it('never longer than the cap plus the marker, and well-formed, on random masked texts', () => {
    const rnd = seeded(19);
    const parts = [' pin 123 ', ' pw: x ', ' cvv 12 3 ', ' 4111 1111 1111 1111 ', '😀', 'a', ' ', ' password is hunter2 ', 'x'];
    for (let k = 0; k < 300; k++) {
      let t = '';
      const n = 3900 + Math.floor(rnd() * 300);
      while (t.length < n) t += parts[Math.floor(rnd() * parts.length)];
      const kt = maskCustomerText(t, 4000);
      expect(kt.text.length).toBeLessThanOrEqual(4000 + CUT_MARK.length);
      expect(/\p{Cs}/u.test(kt.text)).toBe(false); // no lone surrogate
      expect(kt.text).not.toMatch(/4111 1111|pin 123 |pw: x /);
      expect(kt.cut).toBe(t.length > 4000);
    }
  });
});

describe('one class of invisible characters (review of session 17)', () => {
  it('direction marks, isolates and the others are invisible; ordinary text is unchanged', () => {
    for (const c of ['\u00ad', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2060', '\u2064', '\u2066', '\u2069', '\ufeff', '\u034f']) {
      expect(INVISIBLE_CHAR.test(c), c.codePointAt(0)!.toString(16)).toBe(true);
      expect(withoutInvisible(`hi${c}, I want a human`)).toBe('hi, I want a human');
    }
    const plain = 'hi 👋🏽, I want a human ❤️';
    expect(withoutInvisible(plain)).toBe(plain);
  });
  it('the answer readers take the same class out: a phone with isolates, an email with a right-to-left mark', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(validateAnswer('phone', '0770\u2066 0900\u2069123', now)).toEqual({ ok: true, value: '07700900123' });
    expect(validateAnswer('email', 'ana\u200f@example.com', now)).toEqual({ ok: true, value: 'ana@example.com' });
  });
});

describe('one set of cut helpers (review of session 17): cutUnits, sliceUnits, cutPreview', () => {
  it('sliceUnits never starts or ends inside a surrogate pair; cutUnits is its prefix', () => {
    const t = 'ab😀cd😀';
    expect(sliceUnits(t, 0, 3)).toBe('ab');
    expect(sliceUnits(t, 3, 7)).toBe('cd');
    expect(sliceUnits(t, 2, 8)).toBe('😀cd😀');
    expect(cutUnits(t, 3)).toBe('ab');
    expect(cutUnits(t, 4)).toBe('ab😀');
  });
  it('cutPreview keeps whole graphemes (a family emoji, a skin tone, an accent) and says it cut', () => {
    const family = '👨\u200d👩\u200d👧';
    expect(cutPreview(`hi ${family} there`, 6)).toBe('hi …');
    expect(cutPreview(`hi ${family} there`, 12)).toBe(`hi ${family}…`);
    expect(cutPreview('cafe\u0301 ok', 5)).toBe('caf…');
    expect(cutPreview('short', 10)).toBe('short');
    for (let max = 2; max < 30; max++) {
      const p = cutPreview(`${family}👍🏽 e\u0301 ${family}`.repeat(3), max);
      expect(p.length).toBeLessThanOrEqual(max);
      expect(/\p{Cs}/u.test(p)).toBe(false);
    }
  });
});
