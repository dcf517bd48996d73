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
 * `text` with each http(s) URL as a link; the text between links goes through `plain` (e.g. keepTicketNumbers).
 * Text without a URL is returned as `plain(text)` unchanged.
 */
export function withLinks(text: string, plain: (s: string) => ReactNode = (s) => s): ReactNode {
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
