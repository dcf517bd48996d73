/**
 * http(s) links in bot, agent and customer messages made clickable (newcomer s9 #26, s11 #11), safely: the text is split into strings and
 * React <a> elements (never HTML), only `http:` and `https:` URLs written out in full become links (no
 * `javascript:`, `data:`, bare domains), a quote, `<` or `>` ends a link (so `"><img onerror=...>` stays text), and
 * punctuation that ends the sentence (`.`, `,`, `)` without its `(`...) is left out of the link. Links open in a new
 * tab with rel="noopener noreferrer" (the site behind the link gets no handle on the chat nor its address).
 * Written by hand (a dozen lines) rather than with linkify-it: only fully written http(s) URLs are wanted here.
 */
import type { ReactNode } from 'react';

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
 * number written 912 345 678 is not linked either), single digits apart (1 2 3 4 5 6 7).
 */
const PHONE_IN_TEXT = /(?<![\p{L}\p{N}_+@/:.-])\+?(?:\(\d{1,5}\) ?)?\d[\d().\- ]{4,22}\d(?![\p{L}\p{N}_@]|[.-]\d)/gu;

/** The tel: address of a phone number found in text, or null when it is not one (see PHONE_IN_TEXT). */
export function telHref(found: string): string | null {
  const digits = found.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  if (/[ .\-()]{2}/.test(found.replace(/\) /g, ')'))) return null;
  if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$|^\d+\.\d+$/.test(found)) return null;
  if ((found.match(/\(/g)?.length ?? 0) !== (found.match(/\)/g)?.length ?? 0)) return null;
  // Groups of one digit after the first ("1 2 3 4 5 6 7") or thousands ("12 500 000", "1.299.000"): counts, not numbers to call.
  const groups = found.split(/\D+/).filter(Boolean);
  if (groups.slice(1).some((g) => g.length < 2)) return null;
  if (groups.length > 1 && !/[+(-]/.test(found) && groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3)) return null;
  return `tel:${found.trim().startsWith('+') ? '+' : ''}${digits}`;
}

/** `text` with each phone number as a tel: link; the rest through `plain`. */
export function withPhoneLinks(text: string, plain: (s: string) => ReactNode = (s) => s): ReactNode {
  if (!/\d{3}/.test(text.replace(/\D(?=\d)/g, ''))) return plain(text);
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(PHONE_IN_TEXT)) {
    const found = m[0].replace(/[ ]+$/, '');
    const href = telHref(found);
    if (!href) continue;
    if (m.index > last) out.push(<span key={`p${last}`}>{plain(text.slice(last, m.index))}</span>);
    out.push(
      <a key={`tel${m.index}`} className="bw-link bw-tel" href={href}>
        {found}
      </a>,
    );
    last = m.index + found.length;
  }
  if (out.length === 0) return plain(text);
  if (last < text.length) out.push(<span key={`p${last}`}>{plain(text.slice(last))}</span>);
  return out;
}

/**
 * `text` with each http(s) URL as a link and each phone number as a tel: link; the text between links goes through
 * `plain` (e.g. keepTicketNumbers). Text without a URL or phone number is returned as `plain(text)` unchanged.
 */
export function withLinks(text: string, plainText: (s: string) => ReactNode = (s) => s): ReactNode {
  const plain = (s: string) => withPhoneLinks(s, plainText);
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
