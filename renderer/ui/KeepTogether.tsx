/**
 * Ticket numbers ("T-12184D37", "T-12184D37-2", shared/engine/ticketBlock.ts) kept on one line inside text that
 * may wrap anywhere (chat bubbles use `overflow-wrap: anywhere` so a long link cannot widen them): without this a
 * number broke at its hyphen or mid-code ("T-" at the end of one line, "12184D37" on the next), and a customer
 * reading it back to an agent could misread it.
 */
import type { ReactNode } from 'react';

const TICKET_NUMBER = /\bT-[A-Z0-9]{1,8}(?:-\d{1,6})?\b/g;

/** `text` with each ticket number in a `<span class="bt-nowrap">`; plain text stays a string. */
export function keepTicketNumbers(text: string): ReactNode {
  if (!text.includes('T-')) return text;
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(TICKET_NUMBER)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(
      <span key={m.index} className="bt-nowrap">
        {m[0]}
      </span>,
    );
    last = m.index + m[0].length;
  }
  if (out.length === 0) return text;
  if (last < text.length) out.push(text.slice(last));
  return out;
}
