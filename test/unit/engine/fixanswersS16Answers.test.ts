/**
 * Session 16 answer readings (questionValidators.ts): hostile s16 H#8, H#9, H#10, H#11, H#21; newcomer s16 N#9.
 */
import { describe, expect, it } from 'vitest';
import { addressIn, emailAnswer, ownAddressesOf, validateAnswer } from '../../../shared/engine/questionValidators';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const ok = (value: unknown) => ({ ok: true, value });

describe('email answers (H#10)', () => {
  it('a lone address the customer negates or gives as someone else\'s is no answer', () => {
    for (const t of ['not old@example.com', 'old@example.com is not mine', 'cc bea@example.com', 'my husband is bob@example.com']) {
      expect(validateAnswer('email', t, NOW), t).toEqual({ ok: false });
    }
    expect(validateAnswer('email', 'ana@example.com', NOW)).toEqual(ok('ana@example.com'));
    expect(validateAnswer('email', 'mine is ana@example.com', NOW)).toEqual(ok('ana@example.com'));
  });
  it('zero-width characters pasted inside an address are dropped', () => {
    expect(validateAnswer('email', 'ana\u200b@example.com', NOW)).toEqual(ok('ana@example.com'));
    expect(validateAnswer('email', 'ana@exam\u200bple.com', NOW)).toEqual(ok('ana@example.com'));
  });
});

describe('phone answers (H#10)', () => {
  it('full-width and Arabic-Indic digits, zero-width spaces; "(old)" after a number', () => {
    expect(validateAnswer('phone', '٠٧٧٠٠٩٠٠١٢٣', NOW)).toEqual(ok('07700900123'));
    expect(validateAnswer('phone', '０７７００ ９００１２３', NOW)).toEqual(ok('07700900123'));
    expect(validateAnswer('phone', '07700\u200b900123', NOW)).toEqual(ok('07700900123'));
    expect(validateAnswer('phone', '07700 900123 (old)', NOW)).toEqual({ ok: false });
  });
});

describe('address answers (H#8, H#9, N#9)', () => {
  it('a bulleted address is read without its bullets, lines joined by commas', () => {
    expect(validateAnswer('address', '- 12 High Street\n- Leeds\n- LS1 4AB', NOW)).toEqual(ok('12 High Street, Leeds, LS1 4AB'));
    expect(validateAnswer('address', '• 12 High Street\n• Leeds LS1 4AB', NOW)).toEqual(ok('12 High Street, Leeds LS1 4AB'));
    expect(validateAnswer('address', '12 High Street\nLeeds\nLS1 4AB', NOW)).toEqual(ok('12 High Street, Leeds, LS1 4AB'));
  });
  it('"yes, except the house number is 14" is no address; "yes, 14 High Street, Leeds" is', () => {
    expect(validateAnswer('address', 'yes, except the house number is 14', NOW)).toEqual({ ok: false });
    expect(validateAnswer('address', 'no, the house number is 14', NOW)).toEqual({ ok: false });
    expect(validateAnswer('address', 'yes, 14 High Street, Leeds', NOW).ok).toBe(true);
  });
  it('"... and call me on 07700 900123" after the address is not part of it', () => {
    expect(validateAnswer('address', '12 High St, Leeds LS1 4AB and call me on 07700 900123', NOW)).toEqual(ok('12 High St, Leeds LS1 4AB'));
    expect(addressIn('please send it to 12 High St, Leeds LS1 4AB and ring me if there is a problem')).toBe('12 High St, Leeds LS1 4AB');
  });
});

describe('linear readers (H#11, H#21)', () => {
  it('addressIn on 100 KB of ": 1 ab. " and ownAddressesOf on 40 texts of 9,999 letters are fast', () => {
    const big = ': 1 ab. '.repeat(12_500);
    let t = performance.now();
    addressIn(big);
    expect(performance.now() - t).toBeLessThan(1500); // 6,272 ms before
    const flow = { blocks: Array.from({ length: 40 }, (_, i) => ({ id: `m${i}`, data: { text: 'a'.repeat(9_999) } })), settings: { notify: 'ops@shop.example' } };
    t = performance.now();
    const own = ownAddressesOf(flow);
    expect(performance.now() - t).toBeLessThan(1500); // 8,705 ms before (one 10,000-letter text: 183 ms)
    expect([...own.addresses]).toEqual(['ops@shop.example']);
    expect(emailAnswer('ops@shop.example', own)).toEqual({ ok: false });
  });
  it('the flow\'s own addresses are still found in its texts, not {{templated}} ones', () => {
    const own = ownAddressesOf({ text: 'Write to Support-Leads@Northwind.example or {{x}}@y.example; ana.b+c@mail.example.co.uk.' });
    expect([...own.addresses].sort()).toEqual(['ana.b+c@mail.example.co.uk', 'support-leads@northwind.example']);
  });
});

describe('names (H#27, N#11)', () => {
  it('"both", "either", "neither" and sentence adverbs are never a name; real names still are', async () => {
    const { nameFromAnswer } = await import('../../../shared/engine/questionValidators');
    for (const t of ['both', 'either', 'neither', 'Honestly.', 'seriously']) expect(nameFromAnswer(t), t).toBeNull();
    for (const t of ['Ana', 'Dr. Ana Ruiz', 'Bea Smith']) expect(nameFromAnswer(t), t).not.toBeNull();
  });
});
