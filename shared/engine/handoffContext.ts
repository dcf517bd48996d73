/**
 * What an agent receives with a handoff: the conversation so far, what the bot understood (intents with
 * confidence, entities, collected variables), why it handed over, a five-second summary and a suggested
 * next move. Deterministic: the same state gives the same words.
 */
import type { EscalationReason, Value } from '../flow/schema';
import type { Signal } from '../escalation/types';
import type { Entity } from '../nlu/types';
import { analyzeText } from '../nlu/analyzeText';
import { canonicalTokens } from '../escalation/canonicalTokens';
import { findDeadline } from '../escalation/deadlines';
import { localTime } from '../flow/openingHours';
import type { ConversationState, HandoffContext, IntentRecord } from './types';
import { heardFailure } from './failureMemory';
import { quotable } from './unicodeText';
import { ownWordsBesidePaste } from './pastedText';
import { upsetScore } from './upsetScores';
import { onlyCourtesy } from '../nlu/courtesy';
import { praiseIn } from '../escalation/customerVerdict';

/** Why the bot handed over, as a short phrase for summaries and email subjects. */
export const reasonPhrases: Record<EscalationReason | 'flow', string> = {
  flow: 'the flow reached a human takeover',
  explicit_request: 'the customer asked for a person',
  negative_sentiment: 'the customer is upset',
  low_confidence: 'the bot was not sure what the customer meant',
  repeated_fallback: 'the bot could not answer several messages in a row',
  loop: 'the customer kept asking the same thing',
  sensitive_topic: 'a sensitive topic came up',
  urgency: 'the matter is urgent',
  hot_lead: 'the customer is a promising sales lead',
};

/**
 * The HTTP call that failed just before the flow handed over, if the agent should hear about it (the one lifetime rule:
 * failureMemory.ts heardFailure): a takeover reached through an HTTP block's error exit then says what failed instead
 * of only "the flow handed over".
 */
export const recentFailure = heardFailure;

const failureWords = (f: NonNullable<ConversationState['lastFailure']>) =>
  `"${clip(f.label, 60)}" failed (${f.status > 0 ? `HTTP ${f.status}` : 'no answer'})`;

/** Why the bot handed over, as a phrase: `reasonPhrases`, and for 'flow' the HTTP call that failed just before, if any. */
/**
 * Session 41 (newcomer s40 N12): why a takeover the flow reached by the customer's press of an option of its own leading
 * straight there ("Talk to a person"): the inbox reads it back (renderer/ui/reasonWords.ts handoffWhy).
 */
export function offerChosenPhrase(label: string): string {
  return `the customer chose "${clip(label, 60)}" where the flow offered a person`;
}

export function reasonPhrase(reason: EscalationReason | 'flow', state: Pick<ConversationState, 'lastFailure' | 'turn'>): string {
  const f = reason === 'flow' ? recentFailure(state) : null;
  return f ? `${reasonPhrases.flow} after ${failureWords(f)}` : reasonPhrases[reason];
}

const resolutionByReason: Record<EscalationReason | 'flow', string> = {
  flow: 'Greet the customer by name if known and pick up from their last message.',
  explicit_request: 'The customer wants a person: greet them and pick up from their last message.',
  negative_sentiment: 'Acknowledge the frustration first, then fix the problem; do not ask them to repeat themselves.',
  low_confidence: 'The bot could not tell what they need: read the last messages and confirm the request.',
  repeated_fallback: 'The bot could not answer them: reply to the unanswered messages yourself; do not ask the customer to repeat them.',
  loop: 'They asked the same thing several times: answer that question directly first.',
  sensitive_topic: 'Sensitive topic: handle with care and follow the team policy for it.',
  urgency: 'Urgent: reply first, then solve; check any time-critical detail (dates, departures).',
  hot_lead: 'Sales opportunity: answer their questions and offer the next step (demo, quote, offer).',
};

const known = (v: Value | undefined): v is string | number | boolean => v !== undefined && v !== null && v !== '';

export { quotable } from './unicodeText';

function clip(text: string, max: number): string {
  // Session 47 (conv8, hostile s46 L3): a pasted log is not quoted, the customer's own lines beside it are (pastedText.ts).
  const t = quotable(ownWordsBesidePaste(text) ?? text).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** A name as the summary shows it: clipped; in quotes when it reads as sentences (":;!?" or more than five words). */
/** A clipped quote as a sentence: a full stop after it unless it already ends one ("...3 weeks!!!", "...…"). */
function asSentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** The policy's default single-message threshold for negative sentiment (shared/flow/schema.ts). */
const UPSET_AT = -0.5;

/**
 * Newcomer s32 #7: a customer who wrote "this is ridiculous, I have waited 3 weeks!!!" and then "I SAID I WANT A
 * HUMAN" was handed over as a request for a person, and the agent's summary did not say they were upset. The most
 * upset of the customer's recent messages (the escalation policy's own reading, at or below its default threshold),
 * or null. Read here, at handoff time, because the policy's memory of earlier sentiments is reset by a handoff.
 */
function mostUpset(recent: ConversationState['recentTranscript'], contactAnswers: ReadonlySet<string>): string | null {
  let worst: { text: string; score: number } | null = null;
  for (let i = 0; i < recent.length; i++) {
    const e = recent[i]!;
    if (e.from !== 'customer' || e.rating === true || contactAnswers.has(e.text.trim().toLowerCase()) || isChoice(recent, i)) continue;
    const score = upsetScore(e);
    if (score <= UPSET_AT && (worst === null || score < worst.score)) worst = { text: e.text, score };
  }
  return worst?.text ?? null;
}

/**
 * Session 46 (ui10, retest-studio s45): the customer entry at `i` is a button the bot offered just before it (clicked,
 * or typed as shown, any case): the flow's wording, which says what the customer chose, not how they feel ("Damaged or
 * faulty" was read as "The customer sounded upset"). The offer is the bot's last entry before it (system lines skipped).
 */
function isChoice(recent: ConversationState['recentTranscript'], i: number): boolean {
  const e = recent[i];
  if (e === undefined || e.from !== 'customer') return false;
  const text = e.text.trim().toLowerCase();
  for (let j = i - 1; j >= 0; j--) {
    const x = recent[j]!;
    if (x.from === 'system') continue;
    return x.from === 'bot' && x.buttons !== undefined && x.buttons.some((b) => b.label.trim().toLowerCase() === text);
  }
  return false;
}

function customerWords(name: string): string {
  const t = clip(name, 60);
  return /[:;!?"]|(?:\S+\s+){5}\S/.test(t) ? `"${t.replace(/"/g, "'")}"` : t;
}

/**
 * How a summary starts: who the customer is, "Dana Scully (dana@example.com)" or "The customer (dana@example.com)".
 * Hostile s28 H3: the name and contact are the customer's words too (any customer may send a profile): cleaned and
 * clipped as quotes are, and a "name" that reads as sentences is quoted, so it never reads as the bot's own summary.
 */
export function customerLead(v: Readonly<Record<string, Value | undefined>>): string {
  const who = known(v.customerName) ? customerWords(String(v.customerName)) : 'The customer';
  const contact = [v.customerEmail, v.customerPhone].filter(known).map((x) => clip(String(x), 80));
  return `${who}${contact.length ? ` (${contact.join(', ')})` : ''}`;
}

/**
 * Session 46 (ui10, newcomer s45 N8): an agent set the customer's name (or email, phone) after the handover, and the
 * inbox's "Why the bot handed over" still began "The customer (dana@example.com) is waiting.". The summary's lead, as
 * `before` made it, is said again with `after`'s name and contact; the rest of the summary is kept as written. A summary
 * that does not start with that lead (another wording, a takeover's "Ann took this conversation over from the bot.")
 * has its first such lead replaced, else it is returned unchanged.
 */
export function summaryWithCustomer(summary: string, before: Readonly<Record<string, Value | undefined>>, after: Readonly<Record<string, Value | undefined>>): string {
  const was = customerLead(before);
  const now = customerLead(after);
  if (was === now) return summary;
  for (const tail of [' is waiting.', ' needs help with: ']) {
    const at = summary.indexOf(was + tail);
    if (at === 0 || (at > 0 && summary[at - 1] === ' ')) return summary.slice(0, at) + now + summary.slice(at + was.length);
  }
  return summary;
}

function topIntent(intents: IntentRecord[]): IntentRecord | null {
  return intents.length ? intents[intents.length - 1] : null;
}

/**
 * The customer's entry (text and time) of 0-based customer turn `turn`, if the window still has it (the window's last
 * customer entry is turn `turns - 1`).
 */
export function customerEntry(recent: ConversationState['recentTranscript'], turns: number, turn: number): { text: string; at: number; rating?: boolean } | null {
  let k = turns - 1;
  for (let i = recent.length - 1; i >= 0 && k >= turn; i--) {
    const entry = recent[i];
    if (entry.from !== 'customer') continue;
    if (k === turn) return entry;
    k--;
  }
  return null;
}

/** The clock a handoff is built on: now and the flow's time zone (settings.timezone). */
export interface HandoffClock {
  now: number;
  timezone: string;
}

/** A deadline the customer named, read from the message that made the handoff urgent. */
export interface HandoffDeadline {
  /** The words that name it, as the urgency detector read them ("by 5 today"). */
  words: string;
  /** When it falls, ms since epoch. */
  at: number;
  /** When, in the flow's time zone, relative to the handoff: "today 17:00 (Europe/London)". */
  when: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_NAMES: Record<string, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/**
 * "today 17:00", "tomorrow 09:30", "Saturday 7 Mar" (a day named with no time: "by Saturday" counts from the day's
 * start, so no time is shown), with the zone, on the flow's clock.
 */
function describeWhen(at: number, now: number, timezone: string, withTime: boolean): string {
  const t = localTime(timezone, at);
  const days = dayNumber(t.date) - dayNumber(localTime(timezone, now).date);
  const [year, month, dom] = t.date.split('-').map(Number);
  const day = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `${DAY_NAMES[t.weekday]} ${dom} ${MONTHS[month - 1]}${days > 6 ? ` ${year}` : ''}`;
  const hhmm = `${String(Math.floor(t.minutes / 60)).padStart(2, '0')}:${String(t.minutes % 60).padStart(2, '0')}`;
  return `${day}${withTime ? ` ${hhmm}` : ''} (${timezone})`;
}

/**
 * The deadline behind an urgency signal (newcomer s8 #34): the message that fired it is read again, on the clock of
 * the moment it was sent, by the reader the urgency detector uses (shared/escalation/deadlines.ts), so the agent gets
 * "today 17:00 (Europe/London)" rather than "check any time-critical detail". Null when the urgency came from words
 * with no time named ("urgent", "my son is bleeding") or the message has left the transcript window.
 */
export function urgencyDeadline(
  state: Pick<ConversationState, 'recentTranscript' | 'turn'>,
  signals: readonly Signal[],
  clock: HandoffClock,
): HandoffDeadline | null {
  for (const sig of signals) {
    if (sig.reason !== 'urgency') continue;
    const entry = customerEntry(state.recentTranscript, state.turn, sig.turn);
    if (!entry) continue;
    const d = findDeadline(canonicalTokens(analyzeText(entry.text)), entry.at, clock.timezone, Infinity);
    if (!d) continue;
    // minutesAway is when the nearest deadline's window starts ("by 5 today": now); the time named, when there is one
    // ("5" = 17:00), is what the agent must meet.
    const timed = d.timeMinutesAway;
    const at = entry.at + Math.round(timed ?? d.minutesAway) * 60_000;
    return { words: d.words, at, when: describeWhen(at, clock.now, clock.timezone, timed !== undefined) };
  }
  return null;
}

/**
 * Session 17 (hostile s16 H#17 rest): a rating answer that also asks for something ("1 star, Ann was rude. I want a
 * manager") hands over, and its text became the new handoff's key message, so the colleague taking it read the score
 * and the comment about the rated agent (which ratings keep from colleagues). The key message is the customer's
 * request: the sentence or clause of the answer that holds the signal's evidence ("I want a manager"); null when none
 * does (the summary then says no key message rather than the score).
 */
function requestInRating(text: string, evidence: readonly string[]): string | null {
  const words = evidence.map((e) => e.trim().toLowerCase()).filter((e) => e.length > 0);
  if (words.length === 0) return null;
  for (const part of text.split(/[.!?;,\n]+|\s[-\u2013\u2014]\s/)) {
    const p = part.trim();
    if (p && words.some((w) => p.toLowerCase().includes(w))) return p;
  }
  return null;
}

/** Most unanswered questions named in a summary (the newest are kept). */
const MAX_UNANSWERED = 3;

/**
 * Session 26 (newcomer s26 F11): the customer's messages the bot did not understand (transcript `unanswered`) right
 * before `trigger`, oldest first: the run of them back to the last message the bot did understand.
 */
function unansweredBefore(recent: ConversationState['recentTranscript'], trigger: { text: string; at: number }): string[] {
  const at = recent.findIndex((e) => e === trigger);
  const out: string[] = [];
  for (let i = at - 1; i >= 0 && out.length < MAX_UNANSWERED; i--) {
    const e = recent[i]!;
    if (e.from !== 'customer') continue;
    if (e.unanswered !== true || e.rating === true) break;
    // Session 38 (hostile s37 #7): thanks or a goodbye the bot "did not get" ("thanks for your help", "cheers mate") is
    // no question left unanswered: it became the key message of a bare request for a person after it.
    if (onlyCourtesy(e.text)) continue;
    out.unshift(e.text);
  }
  return out;
}

/**
 * Session 37 (hostile s35 F9): what the customer wrote after the key message and before the last one, that is no contact
 * answer, the reason already named nor upset words (at most MAX_UNANSWERED, oldest first). The no-agent ticket of an upset customer
 * who went on writing at its email question ("I have been waiting for two weeks and the tracking has not moved") kept
 * neither those words nor, on the ticket, anything but the last answer.
 */
function saidAfter(recent: ConversationState['recentTranscript'], trigger: object, last: object | null, skip: ReadonlySet<string>): string[] {
  const at = recent.findIndex((e) => e === trigger);
  if (at < 0) return [];
  const out: string[] = [];
  for (let i = at + 1; i < recent.length && out.length < MAX_UNANSWERED; i++) {
    const e = recent[i]!;
    if (e === last) break;
    // Upset words say how the customer feels, not what they need: the summary's "sounded upset" names the worst.
    if (e.from !== 'customer' || e.rating === true || skip.has(e.text.trim().toLowerCase()) || (!isChoice(recent, i) && upsetScore(e) <= UPSET_AT)) continue;
    out.push(e.text);
  }
  return out;
}

/** The customer's entry a negative-sentiment signal of `signals` was read in (the first such signal), or null. */
function upsetBySignal(state: Pick<ConversationState, 'recentTranscript' | 'turn'>, signals: readonly Signal[]): ConversationState['recentTranscript'][number] | null {
  const s = signals.find((x) => x.reason === 'negative_sentiment');
  if (s === undefined) return null;
  const e = customerEntry(state.recentTranscript, state.turn, s.turn);
  if (e === null || e.rating === true) return null;
  // A button the customer chose is no tone (isChoice), whatever read it.
  const at = state.recentTranscript.indexOf(e as ConversationState['recentTranscript'][number]);
  return at >= 0 && isChoice(state.recentTranscript, at) ? null : (e as ConversationState['recentTranscript'][number]);
}

/** Words of a request for a person that say nothing about what it is for. */
const REQUEST_ONLY = new Set(
  'want need would like talk speak chat person human real agent someone somebody anyone please now can could get put through the and just actually with you your let give connect transfer representative staff member team operator manager live right away plz pls thanks thank hello hey one some real proper actual'.split(' '),
);

/** Words that accept an offer of a person ("yes please", "sure"), read only where the bot offered one (no signal). */
const ACCEPT_WORDS = new Set('yes yeah yep yup sure okay alright fine'.split(' '));

/** True when `text` asks for a person and says nothing else (its evidence words and request words only). */
function bareRequest(text: string, evidence: readonly string[], alsoWords?: ReadonlySet<string>): boolean {
  let t = text.toLowerCase();
  for (const e of evidence) if (e.trim()) t = t.split(e.trim().toLowerCase()).join(' ');
  const words = t.match(/\p{L}+/gu) ?? [];
  return words.every((w) => w.length <= 2 || REQUEST_ONLY.has(w) || alsoWords?.has(w) === true);
}

/** The customer's answers to the contact questions (name, email, phone), lower-cased: not what they need. */
function contactAnswersOf(v: ConversationState['variables'], recent?: ConversationState['recentTranscript']): Set<string> {
  const out = new Set([v.customerEmail, v.customerName, v.customerPhone].filter(known).map((x) => String(x).trim().toLowerCase()));
  // Session 49 (conv10): the exchange about a mistyped address ("kim@gmial.com", "Did you mean kim@gmail.com?", "yes") is
  // a contact answer too: the summary quoted "kim@gmial.com" as something the customer also said (emailTypo.ts).
  if (recent !== undefined) {
    for (let i = 0; i < recent.length; i++) {
      const e = recent[i]!;
      if (e.from !== 'bot' || !/^Did you mean \S+@\S+\?$/.test(e.text)) continue;
      for (const j of [i - 1, i + 1]) if (recent[j]?.from === 'customer') out.add(recent[j]!.text.trim().toLowerCase());
    }
  }
  return out;
}

/** The customer's last transcript entry that is not a bare answer to a contact question ("jane@example.com"). */
function lastCustomerEntry(recent: ConversationState['recentTranscript'], contactAnswers: ReadonlySet<string>): ConversationState['recentTranscript'][number] | null {
  for (let i = recent.length - 1; i >= 0; i--) {
    const entry = recent[i]!;
    if (entry.from === 'customer' && !contactAnswers.has(entry.text.trim().toLowerCase())) return entry;
  }
  return null;
}

/**
 * Session 41 (newcomer s40 N9): where the bot was when the customer's key message came: the button they chose last on
 * the way there ("Track my order") and the bot's question the message came at ("What's your order number? ..."). The
 * summary said why the chat came and what was said, not what the customer was doing, so the agent asked again. Null at
 * the customer's first message (nothing was under way) or when no question came right before it.
 */
function whereTheBotWas(recent: ConversationState['recentTranscript'], trigger: object): string | null {
  const at = recent.findIndex((e) => e === trigger);
  if (at <= 0) return null;
  let question: string | null = null;
  for (let i = at - 1; i >= 0; i--) {
    const e = recent[i]!;
    if (e.from === 'system') continue;
    if (e.from === 'bot' && e.text.includes('?')) question = e.text;
    break;
  }
  let choice: string | null = null;
  let earlier = false;
  for (let i = at - 1; i >= 0 && choice === null; i--) {
    const e = recent[i]!;
    if (e.from !== 'customer') continue;
    earlier = true;
    const asked = recent.slice(0, i).reverse().find((x) => x.from !== 'system');
    const picked = asked?.from === 'bot' ? asked.buttons?.find((b) => b.label.trim().toLowerCase() === e.text.trim().toLowerCase()) : undefined;
    if (picked !== undefined) choice = picked.label;
  }
  if (!earlier || (question === null && choice === null)) return null;
  const said = [choice === null ? null : `chose "${clip(choice, 60)}"`, question === null ? null : `was asked "${clip(question, 100)}"`].filter(Boolean);
  return `Was at: ${said.join(', then ')}.`;
}

/** A short, readable summary of a conversation, also used for tickets and notification emails. */
export function summarizeConversation(
  state: Pick<ConversationState, 'variables' | 'recentTranscript' | 'turn' | 'intents' | 'entities' | 'lastFailure'>,
  reason: EscalationReason | 'flow' | null,
  signals: readonly Signal[] = [],
  clock?: HandoffClock,
  offerChosen?: string | null,
): string {
  const v = state.variables;
  const parts: string[] = [customerLead(v)];
  if (known(v.handoffReason)) parts[0] += ` needs help with: ${asSentence(clip(String(v.handoffReason), 120))}`;
  else parts[0] += ' is waiting.';
  const intent = topIntent(state.intents);
  if (intent) parts.push(`Topic: ${intent.name} (${Math.round(intent.confidence * 100)}% sure).`);
  // Session 41 (newcomer s40 N12): a takeover the flow reached because the customer pressed its offer of a person ("Talk
  // to a person") says so; "the flow reached a human takeover" read as if the bot had decided it.
  const chose = reason === 'flow' && offerChosen ? offerChosen : null;
  if (chose !== null) {
    const f = recentFailure(state);
    parts.push(`Handed over because ${offerChosenPhrase(chose)}${f ? `, after ${failureWords(f)}` : ''}.`);
  }
  else if (reason !== null) parts.push(`Handed over because ${reasonPhrase(reason, state)}.`);
  const deadline = clock ? urgencyDeadline(state, signals, clock) : null;
  if (deadline) parts.push(`Deadline: ${deadline.when}, "${clip(deadline.words, 60)}".`);
  let triggerEntry = signals.length ? customerEntry(state.recentTranscript, state.turn, signals[0].turn) : null;
  let trigger = triggerEntry === null ? null : triggerEntry.rating ? requestInRating(triggerEntry.text, signals[0].evidence) : triggerEntry.text;
  // Session 27 (newcomer s27 G4): an offer of a person the customer accepted ("Talk to a person" after three questions
  // the bot could not answer) hands over with no signal of its own: the customer's last message before the contact
  // answers stands in for the handoff's message, so the unanswered questions before it are found below.
  if (triggerEntry === null && reason !== null && reason !== 'flow') {
    triggerEntry = lastCustomerEntry(state.recentTranscript, contactAnswersOf(v, state.recentTranscript));
    trigger = triggerEntry === null || triggerEntry.rating ? null : triggerEntry.text;
  }
  // Session 26 (newcomer s26 F11): the questions the bot left unanswered just before the handoff's message; a bare
  // request for a person ("I want to talk to a person", an accepted offer's button) gives the key message to the first.
  let unanswered = triggerEntry === null ? [] : unansweredBefore(state.recentTranscript, triggerEntry);
  const requestOnly = triggerEntry !== null && (signals.length === 0 ? bareRequest(triggerEntry.text, [], ACCEPT_WORDS) : signals[0].reason === 'explicit_request' && trigger !== null && bareRequest(trigger, signals[0].evidence));
  if (unanswered.length > 0 && requestOnly) {
    trigger = unanswered[0]!;
    unanswered = unanswered.slice(1);
  }
  if (trigger) parts.push(`Key message: "${clip(trigger, 140)}".`);
  // Where the key message came (the first unanswered question when it stands in for a bare request for a person).
  const keyAt = triggerEntry === null ? -1 : state.recentTranscript.findIndex((e) => e === triggerEntry);
  let keyEntry: object | null = triggerEntry;
  for (let i = keyAt; i >= 0 && trigger !== null && trigger !== triggerEntry?.text; i--) {
    const e = state.recentTranscript[i]!;
    if (e.from === 'customer' && e.text === trigger) {
      keyEntry = e;
      break;
    }
  }
  const was = keyEntry === null ? null : whereTheBotWas(state.recentTranscript, keyEntry);
  if (was !== null) parts.push(was);
  // Words the summary already quotes are not quoted again; handed over as upset with them quoted, nothing is added.
  // Session 37 (hostile s35 F16): upset the policy read where the words are not negative ("oh great, a week late again.
  // fantastic service, really. get me a person": sarcasm, a negative_sentiment signal beside the request) was not named:
  // the message of the decision's negative-sentiment signal is the upset one then, and "sarcastic" when its words score
  // as positive.
  let upset = mostUpset(state.recentTranscript, contactAnswersOf(v, state.recentTranscript));
  let sarcastic = false;
  if (upset === null) {
    const read = upsetBySignal(state, signals);
    if (read !== null) {
      upset = read.text;
      // Session 46 (newcomer s46 N5): "sarcastic" only when the message praises ("fantastic service, really"): a panicking
      // "I'm stuck in the security queue, help!!" scores positive through "help" and is no sarcasm.
      sarcastic = upsetScore(read) > 0 && praiseIn(canonicalTokens(analyzeText(read.text))) !== null;
    }
  }
  const quoted = upset !== null && (upset === trigger || (known(v.handoffReason) && upset.trim() === String(v.handoffReason).trim()));
  const mood = sarcastic ? 'The customer sounded upset (sarcastic)' : 'The customer sounded upset';
  if (upset !== null && quoted && reason === 'negative_sentiment') {
    if (sarcastic) parts.push('The key message is sarcastic.');
  } else if (upset !== null) parts.push(quoted ? `${mood}.` : `${mood}: "${clip(upset, 100)}".`);
  if (unanswered.length > 0) parts.push(`Also unanswered: ${unanswered.map((t) => `"${clip(t, 80)}"`).join(', ')}.`);
  // The last thing the customer said, skipping bare answers to contact questions ("jane@example.com").
  const lastEntry = lastCustomerEntry(state.recentTranscript, contactAnswersOf(v, state.recentTranscript));
  // A rating answer is the customer's score, kept from colleagues: only the request in it is said (see below).
  const last = lastEntry === null ? null : lastEntry.rating ? requestInRating(lastEntry.text, signals[0]?.evidence ?? []) : lastEntry.text;
  if (triggerEntry !== null) {
    const skip = contactAnswersOf(v, state.recentTranscript);
    if (known(v.handoffReason)) skip.add(String(v.handoffReason).trim().toLowerCase());
    if (upset !== null) skip.add(upset.trim().toLowerCase());
    const more = saidAfter(state.recentTranscript, triggerEntry, lastEntry, skip);
    if (more.length > 0) parts.push(`Also said: ${more.map((t) => `"${clip(t, 80)}"`).join(', ')}.`);
  }
  // (Not when it is the bare request whose unanswered questions were just named: "Talk to a person" says nothing more.)
  // Session 48 (studio16, newcomer s47 N4): when the customer's contact details came after it, "Last message" was not
  // the last message (Lena's summary quoted her e-bike problem, her last message was her email): it says so then.
  const contactAfter = lastEntry !== null && state.recentTranscript.slice(state.recentTranscript.indexOf(lastEntry) + 1).some((e) => e.from === 'customer');
  // Session 49 (lead, newcomer s49 N5): nor when it is the reason the summary opens with (it was quoted twice).
  // Session 50 (lead, newcomer s50 N3): or one of the parts of a reason read from the way ("Talk to our team: <it>").
  const reasonText = known(v.handoffReason) ? String(v.handoffReason).trim().toLowerCase() : null;
  const lastText = last === null ? null : last.trim().toLowerCase();
  const isReason = lastText !== null && reasonText !== null && (lastText === reasonText || reasonText.split(/: |; /).includes(lastText));
  if (last && last !== trigger && !isReason && !(requestOnly && lastEntry === triggerEntry)) parts.push(`${contactAfter ? 'Last message before the contact details' : 'Last message'}: "${clip(last, 140)}".`);
  const ids = state.entities.filter((e) => e.type === 'order_id' || e.type === 'policy_number');
  if (ids.length) parts.push(`Reference: ${ids.map((e) => e.value).join(', ')}.`);
  return parts.join(' ');
}

function suggestResolution(
  reason: EscalationReason | 'flow',
  intents: IntentRecord[],
  entities: Entity[],
  deadline: HandoffDeadline | null,
  failure: NonNullable<ConversationState['lastFailure']> | null,
): string {
  const parts = [deadline && reason === 'urgency' ? `Urgent: reply first, then solve; the customer's deadline is ${deadline.when}.` : resolutionByReason[reason]];
  if (failure) parts.push(`The bot could not do it: ${failureWords(failure)}; do that step yourself.`);
  if (deadline && reason !== 'urgency') parts.push(`The customer's deadline is ${deadline.when}.`);
  const intent = topIntent(intents);
  if (intent) parts.push(`It is probably about "${intent.name}".`);
  const order = entities.find((e) => e.type === 'order_id');
  if (order) parts.push(`Look up order ${order.value}.`);
  const policy = entities.find((e) => e.type === 'policy_number');
  if (policy) parts.push(`Look up policy ${policy.value}.`);
  return parts.join(' ');
}

/** `clock` (now and the flow's time zone) lets the summary and suggestion name a deadline the customer gave. */
export function buildHandoffContext(
  state: ConversationState,
  reason: EscalationReason | 'flow',
  signals: Signal[],
  clock?: HandoffClock,
  offerChosen?: string | null,
): HandoffContext {
  const deadline = clock ? urgencyDeadline(state, signals, clock) : null;
  return {
    transcript: state.recentTranscript.slice(),
    intents: state.intents.slice(),
    entities: state.entities.slice(),
    variables: { ...state.variables },
    reason,
    signals: signals.slice(),
    summary: summarizeConversation(state, reason, signals, clock, offerChosen),
    suggestedResolution: suggestResolution(reason, state.intents, state.entities, deadline, reason === 'flow' ? recentFailure(state) : null),
  };
}
