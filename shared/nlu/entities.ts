/**
 * Entity extraction with regular expressions: email, phone, order_id, policy_number, date, time, amount, url.
 * Extractors run in priority order and claim character ranges, so the digits of an order number, a date or
 * an amount are never reported again as a phone number.
 * Values: email lower-cased; phone digits only (leading "+" kept); order/policy ids upper-cased without "#";
 * dates ISO ("2026-11-30", or "--03-12" when the year is missing; day-first unless impossible);
 * relative dates ("tomorrow", "next monday") kept literal in lower case; clock times "HH:MM";
 * relative times ("in 15 minutes") kept literal in lower case; amounts "42.50 EUR".
 */
import type { Entity, EntityType } from './types';
import { plainHyphens } from '../engine/unicodeText';

interface Span { start: number; end: number }

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7,
  july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};
const MONTH_RE = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

const CURRENCY_SYMBOL: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const CURRENCY_WORD: Record<string, string> = {
  usd: 'USD', dollar: 'USD', dollars: 'USD', bucks: 'USD', eur: 'EUR', euro: 'EUR', euros: 'EUR', gbp: 'GBP',
  pound: 'GBP', pounds: 'GBP', quid: 'GBP', chf: 'CHF', francs: 'CHF', cad: 'CAD', aud: 'AUD', jpy: 'JPY', yen: 'JPY',
  inr: 'INR', rupees: 'INR', '€': 'EUR', '$': 'USD', '£': 'GBP',
};

const pad = (n: number) => String(n).padStart(2, '0');

interface Extractor {
  type: EntityType;
  re: RegExp;
  /**
   * Session 35 (perf): what every match of `re` contains, checked once per text before `re` runs: 'digit' (an ASCII
   * digit: \d in every alternative), 'at' ("@"), 'web' ("http://", "https://" or "www.", any case). Absent: always run.
   */
  needs?: 'digit' | 'at' | 'web';
  /** Returns the entity for a match, or null to reject it. `text` defaults to the whole match. */
  make(m: RegExpExecArray): { value: string; start?: number; text?: string } | null;
}

const NUM = '\\d{1,3}(?:[,.\\s]\\d{3})*(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?';

function parseAmount(raw: string): number | null {
  let s = raw.replace(/\s/g, '');
  // "1.234,56" or "42,50": comma is the decimal separator; otherwise commas separate thousands.
  if (/,\d{1,2}$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function isoDate(y: number | undefined, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (y === undefined) return `--${pad(month)}-${pad(day)}`;
  const year = y < 100 ? 2000 + y : y;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const EXTRACTORS: Extractor[] = [
  {
    type: 'url',
    needs: 'web',
    re: /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi,
    make: (m) => {
      const text = m[0].replace(/[.,;:!?)\]]+$/, '');
      return { value: text, text };
    },
  },
  {
    type: 'email',
    needs: 'at',
    re: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g,
    make: (m) => ({ value: m[0].toLowerCase() }),
  },
  {
    type: 'amount',
    needs: 'digit',
    re: new RegExp(`([$€£¥₹])\\s?(${NUM})(?![\\d])|\\b(${NUM})\\s?(€|\\$|£|(?:usd|eur|gbp|chf|cad|aud|jpy|inr|dollars?|bucks|euros?|pounds|quid|francs|yen|rupees)\\b)`, 'gi'),
    make: (m) => {
      const symbol = m[1] ?? m[4];
      const num = m[2] ?? m[3];
      const currency = CURRENCY_SYMBOL[symbol] ?? CURRENCY_WORD[symbol.toLowerCase()];
      const n = parseAmount(num);
      if (n === null || currency === undefined) return null;
      return { value: `${n.toFixed(2)} ${currency}` };
    },
  },
  {
    type: 'policy_number',
    needs: 'digit',
    // Session 38 (hostile s37 #4): "policy 2231 0457" was the policy "2231": digits in two groups of 3 to 8 after the
    // word policy are one number ("2231-0457"), as "POL 1234" is.
    re: /\b(POL[-\s]?\d{4,12})\b|\bpolicy\s*(?:(?:number|no\.?|num|nr\.?|#|id)\s*)?(?:(?:is|:)\s*)?(?:#\s*)?((?:[A-Z]{0,4}[-\s]?)?\d{3,8}\s\d{3,8}(?![\dA-Z-])|[A-Z]{0,4}-?\d[\dA-Z-]{3,15})\b/gi,
    make: (m) => {
      const id = (m[1] ?? m[2]).toUpperCase().replace(/\s/g, '-');
      const text = m[1] ?? m[2];
      return { value: id, text, start: m.index + m[0].lastIndexOf(text) };
    },
  },
  {
    type: 'order_id',
    needs: 'digit',
    re: /#\s?(\d{3,12})\b|\border\s*(?:(?:number|no\.?|num|nr\.?|#|id)\s*)?(?:(?:is|was|:)\s*)?(?:#\s*)?([A-Z]{0,4}-?\d[\dA-Z-]{3,15})\b|\b([A-Z]{2,4}-\d{4,12})\b/g,
    make: (m) => {
      const raw = m[1] ?? m[2] ?? m[3];
      // "order 2024-11-30" is a date, not an order number (hostile s6: a Question taking the order number from the
      // conversation issued a return label for it).
      if (/^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}-\d{1,2}-\d{2,4}$/.test(raw)) return null;
      const text = m[1] !== undefined ? m[0] : raw;
      return { value: raw.toUpperCase(), text, start: m.index + m[0].lastIndexOf(text) };
    },
  },
  {
    type: 'date',
    needs: 'digit',
    re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g,
    make: (m) => {
      const v = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      return v ? { value: v } : null;
    },
  },
  {
    type: 'date',
    needs: 'digit',
    re: /\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?\b/g,
    make: (m) => {
      // "12.50" with no year could be a price; only accept dots when a year is present.
      if (m[0].includes('.') && m[3] === undefined) return null;
      let a = Number(m[1]);
      let b = Number(m[2]);
      // Day-first by default; month-first only when the second number cannot be a month.
      if (b > 12 && a <= 12) [a, b] = [b, a];
      const v = isoDate(m[3] !== undefined ? Number(m[3]) : undefined, b, a);
      return v ? { value: v } : null;
    },
  },
  {
    type: 'date',
    needs: 'digit',
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE})\\b\\.?(?:,?\\s+(\\d{4}))?|\\b(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`, 'gi'),
    make: (m) => {
      const day = Number(m[1] ?? m[5]);
      const month = MONTHS[(m[2] ?? m[4]).toLowerCase()];
      const year = m[3] ?? m[6];
      const v = isoDate(year !== undefined ? Number(year) : undefined, month, day);
      return v ? { value: v } : null;
    },
  },
  {
    type: 'date',
    re: /\b(?:day after tomorrow|today|tomorrow|tonight|yesterday|(?:next|this|last|on)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|weekend)|in\s+(?:\d+|a|one|two|three|a few)\s+(?:days?|weeks?|months?))\b/gi,
    make: (m) => {
      // Relative dates stay literal: resolving them needs the conversation's clock, which the engine owns.
      const lower = m[0].toLowerCase();
      const text = lower.startsWith('on ') ? m[0].slice(3) : m[0];
      return { value: text.toLowerCase(), text, start: m.index + m[0].length - text.length };
    },
  },
  {
    type: 'time',
    needs: 'digit',
    re: /\b([01]?\d|2[0-3])[:h]([0-5]\d)\s*(am|pm|a\.m\.|p\.m\.)?(?![\d])|\b(1[0-2]|0?[1-9])\s*(am|pm|a\.m\.|p\.m\.)(?![a-z])/gi,
    make: (m) => {
      let h = Number(m[1] ?? m[4]);
      const min = m[2] !== undefined ? Number(m[2]) : 0;
      const ampm = (m[3] ?? m[5])?.toLowerCase().replace(/\./g, '');
      if (ampm === 'pm' && h < 12) h += 12;
      if (ampm === 'am' && h === 12) h = 0;
      return { value: `${pad(h)}:${pad(min)}` };
    },
  },
  {
    type: 'time',
    re: /\bin\s+(?:(\d+|an?|one|two|three|five|ten|fifteen|twenty|thirty|half an?)\s+(minutes?|mins?|hours?|hrs?|h)|half an hour)\b/gi,
    make: (m) => ({ value: m[0].toLowerCase().replace(/\s+/g, ' ') }),
  },
  {
    type: 'phone',
    needs: 'digit',
    // Session 36 (hostile s35 F6, HIGH): after a country code ("+33", "0033") the first group may be one digit and a
    // trunk "(0)" may follow ("+33 6 12 34 56 78", "+33 (0)6 12 34 56 78"): those were read from "12" on, truncated.
    re: /(?<![\w#/.:+-])(?:(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d{1,5}|(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5})(?:[\s.-]?\d{2,5}){1,4}(?![\w])/g,
    make: (m) => {
      const international = /^\s*(?:\+|00)/.test(m[0]) && /^\s*(?:\+|00\d{1,3}[\s.-])/.test(m[0]);
      const digits = (international ? m[0].replace(/\(0\)/, '').replace(/^\s*00/, '') : m[0]).replace(/\D/g, '');
      if (digits.length < 7 || digits.length > 15) return null;
      // Reject a run of numbers that is clearly a list of years or amounts ("2024 2025").
      if (/^\d{4}$/.test(m[0].split(/[\s.-]/)[0]) && /^(19|20)\d{2}([\s.-](19|20)\d{2})+$/.test(m[0])) return null;
      // Session 46 (details6, hostile s46 M3): a date written with spaces ("from 12 03 2026", "2026 03 12") and a number
      // named as an account, order or other reference just before ("my account number is 12345678", "order no. 1234 5678")
      // are not phone numbers (the ticket told a customer "the team will contact you on 12032026"). The widget's phone
      // linker (renderer/widget/linkify.tsx) refuses the same.
      if (dateShaped(m[0])) return null;
      if (REFERENCE_LABEL_BEFORE.test(m.input.slice(Math.max(0, m.index - 60), m.index))) return null;
      return { value: (international ? '+' : '') + digits };
    },
  },
];

/** Session 46 (details6, hostile s46 M3): day month year or year month day, with any one separator, a real calendar day. */
function dateShaped(written: string): boolean {
  const g = written.trim().split(/[\s.\/-]+/);
  if (g.length !== 3) return false;
  const [a, b, c] = g.map(Number);
  const dm = (d: number, mo: number) => d >= 1 && d <= 31 && mo >= 1 && mo <= 12;
  if (/^(?:19|20)\d\d$/.test(g[2]) && g[0].length <= 2 && g[1].length <= 2) return dm(a, b) || dm(b, a);
  if (/^(?:19|20)\d\d$/.test(g[0]) && g[1].length <= 2 && g[2].length <= 2) return dm(c, b);
  return false;
}
/** A reference's label right before a number: "account number is", "acc no.", "order #", "ref:", "membership number". */
const REFERENCE_LABEL_BEFORE =
  /\b(?:orders?|acc|acct|account|a\/c|ref|reference|invoice|ticket|tracking|card|membership|case|parcel|package|shipment|booking|reservation|confirmation|policy|serial|transaction|receipt|voucher|(?:customer|client|member)\s*(?:number|num|no|nr|id))\b\.?(?:\s*(?:number|num|no|nr|id)\b\.?)?\s*(?:[:#=]|\bis\b|\bwas\b)?\s*$/i;

/** Whether [s, e) overlaps a span already taken by an earlier extractor (a function, not a per-call closure). */
function overlaps(claimed: Span[], s: number, e: number): boolean {
  for (const c of claimed) if (s < c.end && e > c.start) return true;
  return false;
}

const ANY_DIGIT = /\d/;
const WEB_START = /https?:\/\/|www\./i;

export function extractEntities(typed: string): Entity[] {
  // Session 38 (hostile s38 L6): "HM\u20112231\u20110457" copied from a PDF is HM-2231-0457 (same length: positions hold).
  const text = plainHyphens(typed);
  // Fast exit: every entity type needs a digit, "@", "www"/"http", or a relative-date word. (Session 41: "http" was
  // missing here, so "https://example.com/help" alone, no digit, was no web address.)
  if (!/[\d@]|www\.|https?:\/\/|today|tomorrow|tonight|yesterday|day\b|week|month|hour|min/i.test(text)) return [];
  const claimed: Span[] = [];
  const found: { start: number; entity: Entity }[] = [];
  // Session 35 (perf): an extractor whose every match holds a digit, "@" or a web address's start does not scan a text
  // without one (nearly every message lacks "@" and a URL; many lack digits): the same entities, fewer scans.
  const digit = ANY_DIGIT.test(text);
  const at = text.includes('@');
  const web = WEB_START.test(text);
  for (const ex of EXTRACTORS) {
    if (ex.needs !== undefined && !(ex.needs === 'digit' ? digit : ex.needs === 'at' ? at : web)) continue;
    ex.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = ex.re.exec(text)) !== null) {
      if (m[0].length === 0) {
        ex.re.lastIndex++;
        continue;
      }
      if (overlaps(claimed, m.index, m.index + m[0].length)) continue;
      const made = ex.make(m);
      if (!made) continue;
      const t = made.text ?? m[0].trim();
      const start = made.start ?? m.index;
      claimed.push({ start: m.index, end: m.index + m[0].length });
      found.push({ start, entity: { type: ex.type, value: made.value, text: t } });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return found.map((f) => f.entity);
}
