/**
 * Session 29 (newcomer s28 N2): the line the simulator's Chat shows under the message that handed over (or offered a
 * person). It showed the decision's whole explanation: the score, the flow's threshold, every other signal seen and the
 * weights that ranked them ("Named negative sentiment (weight 70: the customer's words) before a loop (60 ...)"), eight
 * lines that a tester does not need beside the chat and that the Debug drawer shows anyway. Now one sentence: what was
 * done, why in plain words, and the customer's own words that showed it, as typed. Debug keeps the full explanation.
 * Pure.
 */
import { asTyped } from '../escalation/quotesAsTyped';
import type { Signal } from '../escalation/types';

/** At most this many of the customer's words are quoted. */
const MAX_QUOTES = 3;
/** Where the engine's own account of what it did ends and the policy's verdict begins (see `decisionLine`). */
const POLICY_READ = ' The policy read: ';

function why(s: Signal): string {
  switch (s.reason) {
    case 'explicit_request':
      return 'the customer asked for a person';
    case 'negative_sentiment':
      return 'the customer is upset';
    case 'urgency':
      return s.crisis === true ? 'the customer may be in danger (self-harm / crisis)' : 'it is urgent';
    case 'sensitive_topic':
      return s.evidence[0] ? `a sensitive topic (${s.evidence[0]})` : 'a sensitive topic';
    case 'loop':
      return 'the customer asked the same thing again';
    case 'repeated_fallback':
      return 'the bot did not understand several messages in a row';
    case 'low_confidence':
      return 'the bot was not sure what the customer meant';
    case 'hot_lead':
      return 'a hot lead';
    default:
      return String(s.reason).replace(/_/g, ' ');
  }
}

/**
 * One sentence for a decision that handed over or offered a person: `Handed over: the customer is upset ("third time",
 * "never came", "fed up").` Quotes are the deciding signal's evidence found among the message's own words, as typed (a
 * rule's wording, a score or an earlier message's words are not quoted).
 */
export function decisionLine(d: { action: string; reason: string | null; signals: readonly Signal[]; text: string; explanation?: string }): string {
  const verb = d.action === 'offer' ? 'Offered a person' : d.action === 'rephrase' ? 'Asked the customer to say more' : 'Handed over';
  // Newcomer s29 N6: when the engine did not act on the policy's verdict (out of hours, nobody available), it says so
  // before "The policy read: ..." (humanTakeover.ts notHandedOver, engine.ts notActedNobodyFree): that comes first, and
  // the line must not begin "Handed over" for a chat nobody was handed.
  const cut = d.explanation?.indexOf(POLICY_READ) ?? -1;
  const head = cut > 0 ? d.explanation!.slice(0, cut) : null;
  const deciding = d.signals.find((s) => s.reason === d.reason) ?? d.signals[0];
  if (!deciding) return head ?? `${verb}.`;
  const quotes: string[] = [];
  // A topic's first piece of evidence is its name (said above), not the customer's words.
  const evidence = deciding.reason === 'sensitive_topic' ? deciding.evidence.slice(1) : deciding.evidence;
  for (const e of evidence) {
    if (quotes.length >= MAX_QUOTES) break;
    const shown = d.text ? asTyped(e, d.text) : null;
    if (shown !== null && !quotes.some((q) => q.toLowerCase() === shown.toLowerCase())) quotes.push(shown);
  }
  const said = `${why(deciding)}${quotes.length ? ` (${quotes.map((q) => `"${q}"`).join(', ')})` : ''}.`;
  return head !== null ? `${head} The policy read: ${said}` : `${verb}: ${said}`;
}

/**
 * Newcomer s29 N11: one signal as the inbox's context panel shows it to the agent, the same kind of sentence as the
 * simulator's Chat line: why in plain words and the customer's own words that showed it, as typed in `texts` (their
 * messages, the newest read first): `The customer is upset ("ridiculous", "Useless").` The detector's explanation (the
 * score on its -1..1 scale, the flow's threshold) is for the designer: the panel keeps it on the line's tooltip.
 */
export function signalLine(s: { reason: string; evidence: readonly string[]; crisis?: boolean }, texts: readonly string[]): string {
  const evidence = s.reason === 'sensitive_topic' ? s.evidence.slice(1) : s.evidence;
  // Each piece of evidence with the message it was found in (the newest that has it).
  const found: Array<{ words: string; text: string; shown: string }> = [];
  for (const e of evidence) {
    for (let i = texts.length - 1; i >= 0; i--) {
      const shown = asTyped(e, texts[i]);
      if (shown === null) continue;
      // Newcomer s39 N28: words side by side in the message ("I want my money back": "money", "back") are one quote,
      // "money back", not two; only across spaces (not "RIDICULOUS. Useless", two sentences).
      if (!joinAdjacent(found, e, texts[i], shown)) found.push({ words: e, text: texts[i], shown });
      break;
    }
  }
  const quotes: string[] = [];
  for (const f of found) {
    if (quotes.length >= MAX_QUOTES) break;
    if (!quotes.some((q) => q.toLowerCase() === f.shown.toLowerCase())) quotes.push(f.shown);
  }
  const w = why(s as unknown as Signal);
  return `${w.charAt(0).toUpperCase()}${w.slice(1)}${quotes.length ? ` (${quotes.map((q) => `"${q}"`).join(', ')})` : ''}.`;
}

/**
 * Joins `words` (typed `shown` in `text`) to a quote of `found` from the same message when they stand side by side there,
 * only whitespace between, in either order; true when it did.
 */
function joinAdjacent(found: Array<{ words: string; text: string; shown: string }>, words: string, text: string, shown: string): boolean {
  for (const f of found) {
    if (f.text !== text) continue;
    for (const [a, b] of [
      [f, { words, shown }],
      [{ words, shown }, f],
    ] as const) {
      const both = asTyped(`${a.words} ${b.words}`, text);
      if (both !== null && both === `${a.shown} ${b.shown}`) {
        f.words = `${a.words} ${b.words}`;
        f.shown = both;
        return true;
      }
    }
  }
  return false;
}
