/**
 * http(s) links in bot, agent and customer messages made clickable (newcomer s9 #26, s11 #11), safely: the text is split into strings and
 * React <a> elements (never HTML), only `http:` and `https:` URLs written out in full become links (no
 * `javascript:`, `data:`, bare domains), a quote, `<` or `>` ends a link (so `"><img onerror=...>` stays text), and
 * punctuation that ends the sentence (`.`, `,`, `)` without its `(`...) is left out of the link. Links open in a new
 * tab with rel="noopener noreferrer" (the site behind the link gets no handle on the chat nor its address).
 * Written by hand (a dozen lines) rather than with linkify-it: only fully written http(s) URLs are wanted here.
 */
import type { ReactNode } from 'react';
import { digitValue } from '../../shared/engine/unicodeText';

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`\u00a0]+/gi;
const TRAILING = /[.,;:!?*'"\]}>]+$/;

/** The URL without the sentence's punctuation after it; a `)` is kept only when the URL opened one. */
function trimUrl(raw: string): string {
  let u = raw;
  for (;;) {
    const before = u;
    u = u.replace(TRAILING, '');
    if (u.endsWith(')') && (u.match(/\(/g)?.length ?? 0) < (u.match(/\)/g)?.length ?? 0)) u = u.slice(0, -1);
    if (u === before) return u;
  }
}

/** The parsed link, or null when it is not a usable http(s) URL. */
export function safeHref(text: string): string | null {
  try {
    const u = new URL(text);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return null;
    return u.href;
  } catch {
    return null;
  }
}

/**
 * Phone numbers written in a message (newcomer s9 #31: "call us on +44 20 7946 0958" could not be tapped on a phone):
 * 7 to 15 digits (E.164 holds at most 15) with single spaces, dots, hyphens or brackets between groups, an optional
 * leading +. Not a phone number: a date (2026-11-30, 30.11.2026), a decimal (1299.00), an order or ticket number
 * glued to letters (NW-104233, T-12184D37), a card number (16 digits), an amount in thousands (12 500 000; so a
 * number written 912 345 678 is not linked either), single digits apart (1 2 3 4 5 6 7). The context rules (a date
 * with a time, a number after "#" or "order", an amount, digits with no + and no separator) are in findPhones.
 */
const PHONE_IN_TEXT = /(?<![\p{L}\p{N}_+@/:.-])\+?(?:\(\d{1,5}\) ?)?\d[\d().\- ]{4,22}\d(?![\p{L}\p{N}_@]|[.,-]\d)/gu;

/**
 * Spans that are never (part of) a phone number, hidden before phone numbers are looked for (hostile s14 H#1, H#2):
 * a date with the time after it ("2026-11-30 09:15:00" was linked as "2026-11-30 09"), a date alone, a time, an IBAN
 * ("GB82 WEST 1234 5698 7654 32"). A date is not followed by a further separator and digit, so the French way of
 * writing a phone number, 01.23.45.67.89, is not taken for the date 01.23.45 (nor for 45.67.89: nor preceded by one).
 */
const NOT_PHONE_SPANS: RegExp[] = [
  /(?<!\d[-./]?)\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:[T ]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?(?![-./]?\d)/g,
  /(?<!\d[-./]?)\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2})(?:,? \d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?(?![-./]?\d)/g,
  /(?<!\d[-./:]?)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/g,
  /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g,
  // Hostile s15 #11: a range of two 24-hour times written without colons, as shops write opening hours ("0800-1200",
  // "14:00–1800"): both halves are times of day (00-23 hours, 00-59 minutes), which no pair of phone-number groups needs to be.
  /(?<![\d:.])(?:[01]\d|2[0-3]):?[0-5]\d ?[-–] ?(?:[01]\d|2[0-3]):?[0-5]\d(?![\d:.])/g,
];

/**
 * Hostile s15 #11: spaces other than the plain one inside a number ("+44\u00a07700\u00a0900123": no-break and narrow
 * spaces from a CMS or a copy-paste, zero-width spaces from a web page) separate its groups like a space.
 */
const SPACE_LIKE = /[\u00a0\u2007\u2009\u202f\u200b-\u200d\u2060\ufeff]/g;

/**
 * Hostile s15 #11: a number named by an acronym right before it is that thing's identifier, not a number to call: "SSN
 * 123-45-6789", "NHS number 943 476 5919", "ISO 8601", "VAT no. 123 4567 89". The rule: 3 to 6 capitals, or 2 followed by
 * number / no / nr ("NI number", "ID no"; two capitals alone are often a country: "UK 0800 123 4567"), unless the acronym
 * is itself about calling (TEL, SMS, FAX: CALL_CUE_BEFORE).
 */
const ACRONYM_NAMED_BEFORE = /(?:\b(\p{Lu}{3,6})(?:\s+(?:number|num|no|nr)\b\.?)?|\b(\p{Lu}{2})\s+(?:number|num|no|nr)\b\.?)\s*[:#]?\s*$/u;
function namedByAcronym(before: string): boolean {
  const m = ACRONYM_NAMED_BEFORE.exec(before);
  const name = m?.[1] ?? m?.[2];
  return name !== undefined && !CALL_CUE_BEFORE.test(name);
}

/** Words right before a number that say it is not one to call: "order #1234567", "acc 12345678", "Order no. 10492831". */
const NUMBER_LABEL_BEFORE =
  /(?:#|№|\b(?:orders?|acc|acct|account|a\/c|ref|reference|invoice|inv|tickets?|tracking|iban|bic|swift|sort code|card|membership|case|parcel|package|shipment|consignment|booking|reservation|confirmation|policy|serial|sku|item|product|id|po|pin|code|otp|transaction|txn|receipt|voucher|coupon|loyalty|points|post ?code|zip(?: ?code)?|model|sizes?|seats?|slot|rooms?|range|flight(?:\s+[A-Z0-9]{2})?|(?:customer|client|member)\s*(?:number|num|no|nr|id))\b\.?(?:\s*(?:number|num|no|nr|id)\b\.?)?\s*[:#]?)\s*$/i;
/** A currency right before or after, or a unit after: an amount ("$1 234 567.89", "1 299 000 EUR"), not a phone number. */
const CURRENCY_BEFORE = /(?:[$€£¥₹₩₽¢]|\b(?:USD|EUR|GBP|CHF|JPY|INR|AUD|CAD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|RON|BRL|MXN|ZAR|Rs|kr)\.?)\s*$/i;
const AMOUNT_AFTER = /^\s*(?:[$€£¥₹%]|(?:USD|EUR|GBP|CHF|JPY|INR|AUD|CAD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|RON|BRL|MXN|ZAR|dollars?|euros?|pounds?|points?|pts|kg|km|miles?)\b)/i;
/** Words that announce a number to call: digits written with no + and no separator are a phone number only after one. */
const CALL_CUE_BEFORE = /\b(?:call|calling|phone|telephone|tel|ring|mobile|cell|dial|hotline|helpline|whatsapp|fax|sms|text us|contact us)\b[^.!?\n]{0,24}$/i;

/**
 * Hostile s17 H#11: numbers that are ranges or lists, not phone numbers, unless a call cue comes before: two groups of
 * four digits joined by a dash where both are years (1990-2005) or the second is the larger (a range: "1299-1499");
 * groups of two digits only, the first not starting with 0 ("12 14 16 18", "38-40-42-44"; a French "01 23 45 67 89"
 * starts with 0); three or more round groups of one length that rise ("2000-3000-4000").
 */
function looksLikeRangeOrList(found: string): boolean {
  const groups = found.split(/[^\d]+/).filter(Boolean);
  const year = (g: string) => /^(?:19|20)\d\d$/.test(g);
  if (groups.length === 2 && /^\d{4}\s*[-–]\s*\d{4}$/.test(found.trim()) && ((year(groups[0]) && year(groups[1])) || Number(groups[1]) > Number(groups[0]))) return true;
  if (groups.length >= 3 && groups.every((g) => g.length === 2) && !groups[0].startsWith('0')) return true;
  if (groups.length >= 3 && groups.every((g) => g.length === groups[0].length && /00$/.test(g)) && groups.every((g, i) => i === 0 || Number(g) > Number(groups[i - 1]))) return true;
  return false;
}

/**
 * Hostile s17 H#11: a number right after a token mixing letters and digits is the rest of that code ("tracking 1Z 999
 * AA1 0123 4567 84": a UPS number's tail was linked), not a number to call.
 */
const PART_OF_CODE_BEFORE = /(?:^|\s)(?=[\p{L}\d]*\p{L})(?=[\p{L}\d]*\d)[\p{L}\d]{2,}\s$/u;

/** The tel: address of a phone number found in text, or null when it is not one (see PHONE_IN_TEXT). */
export function telHref(found: string): string | null {
  const plus = found.trim().startsWith('+');
  // "+44 (0)20 7946 0958": the (0) is dialled only from inside the country, never after the country code.
  const written = (plus ? found.replace(/\(0\) ?/, '') : found).replace(SPACE_LIKE, ' ');
  const digits = written.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  // Hostile s15 #11: no country code starts with 0 ("+0 000 000 0000").
  if (plus && digits.startsWith('0')) return null;
  // A bracket with a space on its outer side is one separator: "+1 (555) 123-4567", "(555) 123-4567".
  if (/[ .\-()]{2}/.test(written.replace(/\) /g, ')').replace(/ \(/g, '('))) return null;
  if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$|^\d+\.\d+$/.test(written)) return null;
  if ((written.match(/\(/g)?.length ?? 0) !== (written.match(/\)/g)?.length ?? 0)) return null;
  // An amount with a decimal part: "1 234 567.89" (the last separator a dot before 1 or 2 digits, the others not dots).
  if (/[ -]/.test(written) && /\.\d{1,2}$/.test(written)) return null;
  // Groups of one digit after the first ("1 2 3 4 5 6 7") or thousands ("12 500 000", "1.299.000"): counts, not numbers to call.
  const groups = written.split(/\D+/).filter(Boolean);
  if (groups.slice(1).some((g) => g.length < 2)) return null;
  if (groups.length > 1 && !/[+(-]/.test(written) && groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3)) return null;
  return `tel:${plus ? '+' : ''}${digits}`;
}

/** A phone number found in `text`: where it is, as written, and its tel: address. */
export interface FoundPhone {
  index: number;
  text: string;
  href: string;
}

/**
 * The phone numbers in `text`, in order. Besides telHref's rules on the number itself, its context: dates, times and
 * IBANs are never searched (NOT_PHONE_SPANS); a number right after "#", "order", "acc", "ref"... or next to a currency
 * is not linked; digits written with no + and no separator ("Order 10492831", "your code 48213957") are far more often
 * an order, account or tracking number than a phone number, so they are linked only after "call", "phone", "tel"...
 */
export function findPhones(text: string): FoundPhone[] {
  // Read with every space-like character as a space (same length: the indexes and the text shown are the original's).
  // Digits of other scripts read as ASCII (hostile s17 H#11: "Call us: ٠٢٠ ٧٩٤٦ ٠٩٥٨" was not linked); one UTF-16 unit for
  // one, so indexes stay the original's (a digit outside the BMP is left as it is: two units).
  const spaced = text.replace(SPACE_LIKE, ' ').replace(/\p{Nd}/gu, (d) => (d.length === 1 ? String(digitValue(d)) : d));
  let masked = spaced;
  for (const re of NOT_PHONE_SPANS) masked = masked.replace(re, (m) => 'x'.repeat(m.length));
  const out: FoundPhone[] = [];
  for (const m of masked.matchAll(PHONE_IN_TEXT)) {
    const length = m[0].replace(/[ ]+$/, '').length;
    const found = spaced.slice(m.index, m.index + length);
    const href = telHref(found);
    if (!href) continue;
    const before = spaced.slice(Math.max(0, m.index - 48), m.index);
    const after = spaced.slice(m.index + found.length, m.index + found.length + 12);
    if (NUMBER_LABEL_BEFORE.test(before) || CURRENCY_BEFORE.test(before) || AMOUNT_AFTER.test(after) || namedByAcronym(before)) continue;
    if (/^\d+$/.test(found) && !CALL_CUE_BEFORE.test(before)) continue;
    if (!CALL_CUE_BEFORE.test(before) && (looksLikeRangeOrList(found) || PART_OF_CODE_BEFORE.test(before))) continue;
    out.push({ index: m.index, text: text.slice(m.index, m.index + length), href });
  }
  return out;
}

/** `text` with each phone number as a tel: link; the rest through `plain`. */
export function withPhoneLinks(text: string, plain: (s: string) => ReactNode = (s) => s): ReactNode {
  if (!/\d{3}/.test(text.replace(/\D(?=\d)/g, ''))) return plain(text);
  const out: ReactNode[] = [];
  let last = 0;
  for (const p of findPhones(text)) {
    if (p.index > last) out.push(<span key={`p${last}`}>{plain(text.slice(last, p.index))}</span>);
    out.push(
      <a key={`tel${p.index}`} className="bw-link bw-tel" href={p.href}>
        {p.text}
      </a>,
    );
    last = p.index + p.text.length;
  }
  if (out.length === 0) return plain(text);
  if (last < text.length) out.push(<span key={`p${last}`}>{plain(text.slice(last))}</span>);
  return out;
}

/**
 * `text` with each http(s) URL as a link and each phone number as a tel: link; the text between links goes through
 * `plain` (e.g. keepTicketNumbers). Text without a URL or phone number is returned as `plain(text)` unchanged.
 * `phones: false`: phone numbers stay text (the customer's own message: nobody needs to call their own number,
 * newcomer s14 N#8).
 */
export function withLinks(text: string, plainText: (s: string) => ReactNode = (s) => s, opts: { phones?: boolean } = {}): ReactNode {
  const plain = opts.phones === false ? plainText : (s: string) => withPhoneLinks(s, plainText);
  if (!/https?:\/\//i.test(text)) return plain(text);
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(m[0]);
    const href = url.length > 'https://'.length ? safeHref(url) : null;
    if (!href) continue;
    if (m.index > last) out.push(<span key={`t${last}`}>{plain(text.slice(last, m.index))}</span>);
    out.push(
      <a key={`a${m.index}`} className="bw-link" href={href} target="_blank" rel="noopener noreferrer">
        {url}
      </a>,
    );
    last = m.index + url.length;
  }
  if (out.length === 0) return plain(text);
  if (last < text.length) out.push(<span key={`t${last}`}>{plain(text.slice(last))}</span>);
  return out;
}
