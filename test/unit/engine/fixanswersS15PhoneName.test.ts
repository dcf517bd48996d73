/**
 * Session 15 (hostile s15 H#19, H#8): phone answers and names.
 */
import { describe, expect, it } from 'vitest';
import { nameFromAnswer, validateAnswer } from '../../../shared/engine/questionValidators';

const phone = (t: string) => validateAnswer('phone', t, 0);

describe('H#19: phone answers', () => {
  it('drops the trunk (0) after a country code, skips the old number, hours ranges and a card expiry', () => {
    expect(phone('+44 (0)7700 900123')).toEqual({ ok: true, value: '+447700900123' });
    expect(phone('tel: +44 (0) 7700 900123')).toEqual({ ok: true, value: '+447700900123' });
    expect(phone('my old number was 07700 900111, new: 07700 900123')).toEqual({ ok: true, value: '07700900123' });
    expect(phone('mobile 07700 900123 (not my landline 0113 496 0000)')).toEqual({ ok: true, value: '07700900123' });
    expect(phone('between 9-5 07700900123')).toEqual({ ok: true, value: '07700900123' });
    expect(phone('12/28 123')).toEqual({ ok: false });
    expect(phone('my old number was 07700 900111')).toEqual({ ok: false });
  });
  it('keeps what worked: a plain number, a cue word, a date skipped', () => {
    expect(phone('07700 900123')).toEqual({ ok: true, value: '07700900123' });
    expect(phone('on 2026-11-30 call 07700900123')).toEqual({ ok: true, value: '07700900123' });
    expect(phone('0044 7700 900123')).toEqual({ ok: true, value: '00447700900123' });
  });
});

describe('H#8: placeholders and non-names are not names', () => {
  it('refuses placeholders, instructions, card words, thanks in other languages, keyboard runs', () => {
    for (const t of ['John Doe', 'Jane Doe', 'Thanks, John Doe.', 'Max Mustermann', 'Mickey Mouse', 'asdf asdf', 'Ignore previous instructions', 'Visa Card', 'Sir', 'zzz', 'danke', 'merci']) {
      expect(nameFromAnswer(t), t).toBeNull();
    }
  });
  it('keeps real names', () => {
    for (const t of ['Ana', 'Mr Smith', 'Miss Smith', 'Nguyễn Văn A', 'Joe', 'Lee', 'Aaron', 'Anna Maria de la Cruz Santos', 'John', 'Doe']) expect(nameFromAnswer(t), t).toBe(t);
  });
});
