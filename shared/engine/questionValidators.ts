/**
 * Validates and normalises a customer's answer to a Question block. Forgiving on form (spaces, case,
 * "my email is ..."), strict on substance: what is stored is always in one canonical shape, so conditions
 * and templates downstream never need to guess.
 *
 * Pure: `now` is an argument (for "today"/"tomorrow", resolved in UTC).
 */
import type { Value } from '../flow/schema';
import type { questionInputTypes } from '../flow/schema';
import { localTime } from '../flow/openingHours';

export type QuestionInputType = (typeof questionInputTypes)[number];
export type AnswerResult = { ok: true; value: Value } | { ok: false };

const FAIL: AnswerResult = { ok: false };
const DAY_MS = 86_400_000;

// An email anywhere in the text, so "it's ana@example.com, thanks" works.
const EMAIL_IN_TEXT = /[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;

function email(raw: string): AnswerResult {
  const m = EMAIL_IN_TEXT.exec(raw);
  return m ? { ok: true, value: m[0].toLowerCase() } : FAIL;
}

// A phone number written with the usual separators; extracted from a sentence when there is one.
const PHONE_IN_TEXT = /\+?\(?\d[\d\s().\/-]{5,}\d/;

function phone(raw: string): AnswerResult {
  const m = PHONE_IN_TEXT.exec(raw.trim());
  if (!m) return FAIL;
  const digits = m[0].replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return FAIL;
  return { ok: true, value: (m[0].startsWith('+') ? '+' : '') + digits };
}

function plainNumber(t: string): number | null {
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, '')); // 1,234.5
  if (/^[-+]?\d+(\.\d+)?$/.test(t) || /^[-+]?\.\d+$/.test(t)) return Number(t); // 12, 12.5, .5
  if (/^[-+]?\d+,\d{1,2}$/.test(t)) return Number(t.replace(',', '.')); // European decimal "12,5"
  return null;
}

const CURRENCY = /[$£€¥₹]|\b(?:usd|eur|gbp|dollars?|pounds?|euros?|quid|bucks)\b/gi;
/** One number in a sentence: digits with thousands separators (, space, thin space, ') or a decimal part, and a scale. */
const NUMBER_IN_TEXT = /(?:^|[^\w.,])([-+]?(?:\d{1,3}(?:[,\u00a0\u202f' ]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?))\s*(k|thousand|m|mn|million|bn|billion)?(?=$|[^\w])/gi;
const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };

/**
 * A number answer, forgiving on form: "1,234.5", "12,5", and in a sentence "$60,000", "60k", "about £60 000 a
 * year", "1.5 million" (newcomer s6 #16: a budget typed with a dollar sign was refused three times and the lead was
 * downgraded). Exactly one number must be found: "between 50 and 60k" or "2 or 3" is asked again rather than guessed.
 * A bare "m" scale counts as millions only next to a currency ("$2m"), never alone ("5 m" may be metres).
 */
function number(raw: string): AnswerResult {
  const strict = plainNumber(raw.trim().replace(/\s+/g, ''));
  if (strict !== null) return Number.isFinite(strict) ? { ok: true, value: strict } : FAIL;
  const hasCurrency = CURRENCY.test(raw);
  CURRENCY.lastIndex = 0;
  const text = raw.replace(CURRENCY, ' ');
  const found = [...text.matchAll(NUMBER_IN_TEXT)];
  if (found.length !== 1) return FAIL;
  const [, digits, scaleWord] = found[0];
  const grouped = /^[-+]?\d{1,3}(?:[,\u00a0\u202f' ]\d{3})+(?:\.\d+)?$/.test(digits);
  const base = grouped ? Number(digits.replace(/[,\u00a0\u202f' ]/g, '')) : plainNumber(digits);
  if (base === null) return FAIL;
  const scale = scaleWord === undefined ? 1 : scaleWord.toLowerCase() === 'm' && !hasCurrency ? null : SCALE[scaleWord.toLowerCase()];
  if (scale === null || scale === undefined) return FAIL;
  const n = Math.round(base * scale * 1e6) / 1e6;
  return Number.isFinite(n) ? { ok: true, value: n } : FAIL;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return null;
  const t = Date.UTC(y, m - 1, d);
  const dt = new Date(t);
  // Rejects 31/02 and friends: Date.UTC rolls them over into the next month.
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** "today", "tomorrow", "yesterday" are days in the flow's time zone (never the host's, never UTC by accident). */
function date(raw: string, now: number, timeZone: string): AnswerResult {
  const t = raw.trim().toLowerCase().replace(/[.!]+$/, '');
  const relative: Record<string, number> = { today: 0, tomorrow: 1, yesterday: -1 };
  if (Object.prototype.hasOwnProperty.call(relative, t)) {
    const [y, m, d] = localTime(timeZone, now).date.split('-').map(Number);
    return { ok: true, value: new Date(Date.UTC(y, m - 1, d) + relative[t] * DAY_MS).toISOString().slice(0, 10) };
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    const iso = isoDate(+m[1], +m[2], +m[3]);
    return iso ? { ok: true, value: iso } : FAIL;
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    const iso = isoDate(+m[3], +m[2], +m[1]);
    return iso ? { ok: true, value: iso } : FAIL;
  }
  return FAIL;
}

const URL_WITH_SCHEME = /^https?:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?(\/\S*)?$/i;
const BARE_DOMAIN = /^([a-z0-9-]+\.)+[a-z]{2,}(:\d+)?(\/\S*)?$/i;

function url(raw: string): AnswerResult {
  const t = raw.trim();
  if (URL_WITH_SCHEME.test(t)) return { ok: true, value: t };
  if (BARE_DOMAIN.test(t)) return { ok: true, value: `https://${t}` };
  return FAIL;
}

/** `timeZone`: the flow's (settings.timezone), for relative dates. */
export function validateAnswer(inputType: QuestionInputType, raw: string, now: number, timeZone = 'UTC'): AnswerResult {
  switch (inputType) {
    case 'text': {
      const t = raw.trim();
      return t ? { ok: true, value: t } : FAIL;
    }
    case 'email':
      return email(raw);
    case 'phone':
      return phone(raw);
    case 'number':
      return number(raw);
    case 'date':
      return date(raw, now, timeZone);
    case 'url':
      return url(raw);
  }
}
