/**
 * Validates and normalises a customer's answer to a Question block. Forgiving on form (spaces, case,
 * "my email is ..."), strict on substance: what is stored is always in one canonical shape, so conditions
 * and templates downstream never need to guess.
 *
 * Pure: `now` is an argument (for "today"/"tomorrow", resolved in UTC).
 */
import type { Value } from '../flow/schema';
import type { questionInputTypes } from '../flow/schema';
import { asciiDigits, withoutInvisible } from './unicodeText';
import { keepLast } from '../escalation/textMemo';
import { isStopWord } from '../nlu/stopWords';
import { onlyCourtesy, onlyExclamation } from '../nlu/courtesy';
import { onlyAsksForAPerson } from './backOut';
import { dateIn, dateTimeIn, type DateRange } from './whenAnswer';
import { matchesOf } from './matchesOf';

export type QuestionInputType = (typeof questionInputTypes)[number];
export type AnswerResult = { ok: true; value: Value } | { ok: false };

const FAIL: AnswerResult = { ok: false };

// An email anywhere in the text, so "it's ana@example.com, thanks" works. Hostile s13 #9: one regex over the whole text
// was quadratic on a long word with no '@' (4,000 characters: 54-87 ms; 30,000: 4 s): from every start the local part
// ran to the end of the word and backed off. Now only the text around each '@' is read, the local part at most 64
// characters before it (RFC 5321) and the address at most 254: linear in the text.
// Session 15 (hostile s15 H#20): letters of any script in the local part and the domain (an IDN domain "münchen.de",
// "josé@example.es", "用户@例子.广告"), the text read in NFKC first so a full-width ＠ or ． (Chinese and Japanese
// keyboards) and full-width letters count as their ASCII selves; an address no mail server delivers to is no address:
// a dot at the start or end of the local part, two dots in a row, a domain label starting or ending with "-".
const EMAIL_LOCAL_CHAR = /[\p{L}\p{M}\p{N}._%+'-]/u;
const EMAIL_AT_START = /^[\p{L}\p{M}\p{N}._%+'-]+@(?:[\p{L}\p{M}\p{N}-]+\.)+(?:\p{L}[\p{L}\p{M}]+|xn--[a-z0-9-]+)/iu;
const EMAIL_LOCAL_MAX = 64;
const EMAIL_MAX = 254;

function deliverable(address: string): boolean {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return address.slice(at + 1).split('.').every((l) => l !== '' && !l.startsWith('-') && !l.endsWith('-'));
}

/**
 * Session 15 (hostile s15 H#1): which of several addresses in an answer is the customer's. s14 took the LAST one (people
 * correct themselves forwards), which is wrong in the mirror cases: "send it to new@, not old@", "my husband is bob@",
 * "cc: boss@", "your support@shop bounced", "I got a mail from noreply@shop". The rule: an address the customer negates
 * or calls old ("not X", "don't use X", "instead of X", "my old email X", "X bounced", "X is not mine", "X anymore"), one
 * they give as someone else's ("my husband is X", "his / her / their / your X", "cc: X", "from X", "X is yours") and the
 * flow's own addresses (a no-reply local part; the addresses the flow itself names and role mailboxes on their domains, `own`) are not the
 * customer's. One address left: the answer. Several left: the (last) one after "mine is / my email is / reply to / use / send it
 * to / new / wait / oops", else the answer is ambiguous (`choices`: the block asks which). None left: no answer.
 */
const CLAUSE_BREAK = /[.;!?()\[\]\n,]|\bbut\b|\band\b/giu;
const NOT_THEIRS_BEFORE =
  /\b(?:not|never|(?:e-?mail|address)\s+was|change\s+(?:it\s+)?from|don'?t(?:\s+\w+)?\s+use|do\s+not(?:\s+\w+)?\s+use|no\s+longer|instead\s+of|rather\s+than|old|older|previous|former|used\s+to\s+be|cc|bcc|from|his|her|their|your|(?:husband|wife|partner|boyfriend|girlfriend|spouse|son|daughter|mother|father|mum|mom|dad|brother|sister|boss|manager|colleague|friend|neighbou?r|assistant|accountant|lawyer|landlord|flatmate|roommate)(?:'s)?(?:\s+\w+){0,3})\b[^@]*$/iu;
const NOT_THEIRS_AFTER =
  /^[\s)"'’]*(?:(?:is|was|'s)\s+(?:(?:my|the|an?)\s+(?:old|wrong|previous|former|outdated)\b|old|wrong|dead|closed|not\s+mine|not\s+my\s+\w+|yours|his|hers|theirs|the\s+old\s+one|no\s+longer\s+\w+)|bounced|bounces|anymore|any\s+more|doesn'?t\s+work|does\s+not\s+work|no\s+longer)\b/iu;
/**
 * Session 35 (hostile s34 #12): an address the customer disowns after it in the same message, with a hold or correction
 * word before the words or "that's / it is" ("ana@example.com hold on that's my old one", "... sorry that is wrong",
 * "... wait, let me check", "... oops wrong one"), was taken. Read on the text after the address (NOT_THEIRS_AFTER's
 * "is old" needs no lead word); an adjective alone needs the lead or the subject ("kim@x.com wrong item came" keeps it).
 */
const DISOWN_LEAD = "(?:(?:hold\\s+on|hang\\s+on|wait|sorry|oops|whoops|no|nope|actually|hmm+|um+|erm+|oh|ah|ugh)[\\s,.!;:\u2026-]+)";
const DISOWN_SUBJECT = "(?:(?:that|this|it)(?:\\s*['\u2019]s|\\s+is|\\s+was)\\s+)";
const DISOWN_PHRASE =
  "(?:(?:(?:my|an?|the)\\s+)?(?:old|wrong|previous|former|dead|closed|outdated)(?:\\s+(?:one|e-?mail|address|account))*" +
  "|not\\s+(?:it|right|correct|mine|the\\s+right\\s+one|my\\s+(?:e-?mail|address|current\\s+one))|let\\s+me\\s+(?:check|double[\\s-]?check|look)|not\\s+(?:that|this)\\s+one)";
// Session 36 (hostile s35 F5): "a@x.com, wait no" (a hold and "no", then nothing or another address) and "a@x.com - no,
// scratch that, b@y.com" kept the first address.
const TAKEN_BACK = "(?:(?:hold\\s+on|hang\\s+on|wait|oops|whoops|sorry|actually)[\\s,.!;:\u2026-]+(?:no|nope)(?=[\\s,.!;:\u2026-]*(?:$|[^\\s@]+@))|(?:no[\\s,.!;:-]+)?(?:scratch|ignore)\\s+that)";
const DISOWNED_AFTER = new RegExp(
  `^[\\s,.!;:)"'\u2019-]*(?:${DISOWN_LEAD}+${DISOWN_SUBJECT}?${DISOWN_PHRASE}|${DISOWN_SUBJECT}${DISOWN_PHRASE}|(?:the\\s+)?(?:wrong|old)\\s+one|${TAKEN_BACK})\\b`,
  'iu',
);
/**
 * Whether an address in `text` is disowned by the words after it (see DISOWNED_AFTER; session 36, hostile s35 F10 / F4:
 * or NOT_THEIRS_AFTER, "ana@x.com is my old one", "a@x.com no longer works", which emailAnswer drops too).
 */
export function disownsAnAddress(text: string): boolean {
  const t = withoutInvisible(text.normalize('NFKC'));
  return emailCandidates(t).some((c) => NOT_THEIRS_AFTER.test(t.slice(c.end, c.end + 40)) || DISOWNED_AFTER.test(t.slice(c.end, c.end + 60)));
}
// Session 35 (newcomer s32 #7): "my email was old@mail.com but please change it to new@mail.com" kept old@mail.com ("my email"
// before it, nothing before the new one): "email was" / "change it from" set an address aside, "change it to" picks one.
// Session 33 (hostile s32 H5): a correction word ("wait", "oops", "my bad", "scratch that", "typo") points at the address
// after it too, and of several addresses so pointed at the LAST wins: "my email is ann@example.com, not kim@x.com. wait no,
// use k@y.org" kept ann@example.com (the first one after "my email is") and the ticket's reply went to the wrong person.
const MINE_BEFORE = /\b(?:mine|my\s+(?:new\s+)?(?:e-?mail|address)(?:\s+address)?|reply\s+to|use|(?:change|changed|update|updated|switch|switched)\s+(?:it\s+|that\s+|this\s+|my\s+e-?mail\s+|the\s+e-?mail\s+)?to|send\s+(?:it\s+|them\s+|that\s+)?to|email\s+me\s+at|contact\s+me\s+at|reach\s+me\s+at|new|now|better|rather|actually|instead|correction|sorry|i\s+mean|i\s+meant|wait|oops|my\s+bad|scratch\s+that|typo)\b[^@]*$/iu;
/** Words between two addresses that correct the first ("x, no wait, y", "x - sorry, I mean y", "x, scratch that, y"). */
const CORRECTS_BETWEEN = /^[\s,;:.-]*(?:no\s+wait|wait(?:\s+no)?|no\s+sorry|sorry|oops|i\s+mean|i\s+meant|actually|correction|scratch\s+that|typo|make\s+that|my\s+bad)\b(?:[\s,;:.!-]*(?:no|sorry|i\s+mean|i\s+meant|it'?s|it\s+is|make\s+that|actually|use))*[\s,;:.!-]*$/iu;
/**
 * Session 44 (details3, hostile s44 M4): "the second one" at "Which one should we reply to: A or B?": the address picked
 * by its place (first, second, third, last); null for anything else.
 */
export function pickedByPlace(text: string, choices: readonly string[]): string | null {
  const m = /^(?:(?:the|it'?s|its|use|take)\s+)*(first|1st|second|2nd|third|3rd|last|latter|former|second\s+one)(?:\s+(?:one|address|e-?mail))?(?:\s+(?:please|thanks|thank\s+you))?[\s.!]*$/iu.exec(text.trim());
  if (m === null) return null;
  const w = m[1]!.toLowerCase();
  const at = w === 'first' || w === '1st' || w === 'former' ? 0 : w.startsWith('second') || w === '2nd' ? 1 : w === 'third' || w === '3rd' ? 2 : choices.length - 1;
  return choices[at] ?? null;
}

/** A shop's role mailbox (not a person): on the flow's own domain it is the shop's, never the customer's. */
const ROLE_LOCAL = /^(?:support|help|helpdesk|info|sales|contact|service|services|customer-?service|customer-?care|care|orders?|returns?|billing|accounts?|team|hello|admin|enquiries|inquiries|office|shop|store|notifications?|alerts?|feedback|complaints?)$/i;
const NO_REPLY_LOCAL = /^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster)$/i;

/** The flow's own addresses and domains (never the customer's): see `ownAddressesOf`. */
export interface OwnAddresses {
  addresses: ReadonlySet<string>;
  domains: ReadonlySet<string>;
}

type Candidate = { value: string; start: number; end: number };

function emailCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < EMAIL_LOCAL_MAX && EMAIL_LOCAL_CHAR.test(text[start - 1])) start--;
    if (start === at) continue;
    if (start > 0 && EMAIL_LOCAL_CHAR.test(text[start - 1])) continue; // a local part longer than 64 characters
    const m = EMAIL_AT_START.exec(text.slice(start, start + EMAIL_MAX));
    if (!m || !deliverable(m[0])) continue;
    out.push({ value: m[0].toLowerCase(), start, end: start + m[0].length });
  }
  return out;
}

/** The text before `c` in its clause (after the previous address and the last clause break), at most 60 characters. */
function clauseBefore(text: string, c: Candidate, prevEnd: number): string {
  let from = Math.max(prevEnd, c.start - 60);
  for (const m of text.slice(from, c.start).matchAll(CLAUSE_BREAK)) from = Math.max(from, from + (m.index ?? 0) + m[0].length);
  return text.slice(from, c.start);
}

/**
 * `spelled`: the text with an address spelled out in words written as one ("dana at acme dot example" ->
 * "dana@acme.example": spelledAddress), when it spells one; the address was read from it. Session 46 (tidy3, review of
 * s45): every email reader gets it here (five callers wrapped emailAnswer in spelledAddress themselves).
 */
export type EmailResult = AnswerResult & { choices?: string[]; spelled?: string };

/*
 * Invisible characters pasted from a web page inside an address or a number ("ana\u200b@example.com"): dropped (s16
 * H#10). Session 18: unicodeText's one class (direction marks "\u200eana@example.com\u200e" included).
 */

export function emailAnswer(raw: string, own?: OwnAddresses): EmailResult {
  // Session 42 (perf): the last answer kept (a ticket's email question reads one message twice: whether it fits, then
  // what it says). Exact: a function of the text and the flow's own addresses alone; the result is never changed.
  if (raw === lastEmailRaw && own === lastEmailOwn) return lastEmail;
  lastEmail = readEmailAnswer(raw, own);
  lastEmailRaw = raw;
  lastEmailOwn = own;
  return lastEmail;
}
let lastEmailRaw: string | undefined;
let lastEmailOwn: OwnAddresses | undefined;
let lastEmail: EmailResult;
function readEmailAnswer(raw: string, own?: OwnAddresses): EmailResult {
  const spelled = spelledAddress(raw);
  if (spelled === null) return readTypedAddress(raw, own);
  return { ...readTypedAddress(spelled, own), spelled };
}
/**
 * Session 46 (details7, hostile s46 L4): a direction control inside an address ("kim@example.org\u202egro.live" shows
 * "...org" and "evil.org" but is another domain), or one part of it mixing Latin with Cyrillic or Greek letters
 * ("kim@ex\u0430mple.org" with a Cyrillic "а": it shows as kim@example.org) is no address: asked again, never stored.
 * Marks around the address (U+200E / U+200F, session 18) and an address wholly in one script ("иван@пример.рф") are read.
 */
const DIRECTION_INSIDE = /[^\s\u202a-\u202e\u2066-\u2069][\u202a-\u202e\u2066-\u2069]+[^\s\u202a-\u202e\u2066-\u2069]/u;
const LATIN = /\p{Script=Latin}/u;
const OTHER_LOOKALIKE = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
function spoofedAddress(value: string): boolean {
  return value.split(/[@.]/).some((part) => LATIN.test(part) && OTHER_LOOKALIKE.test(part));
}
function readTypedAddress(raw: string, own?: OwnAddresses): EmailResult {
  const nfkc = raw.normalize('NFKC');
  const text = withoutInvisible(nfkc);
  const found = emailCandidates(text);
  if (found.length === 0) return FAIL;
  if (found.some((c) => spoofedAddress(c.value)) || (DIRECTION_INSIDE.test(nfkc) && nfkc.split(/\s+/).some((w) => w.includes('@') && /[\u202a-\u202e\u2066-\u2069]/u.test(w.replace(/^[\u202a-\u202e\u2066-\u2069]+|[\u202a-\u202e\u2066-\u2069]+$/gu, ''))))) return FAIL;
  const left: Candidate[] = [];
  let preferred: Candidate | null = null;
  found.forEach((c, i) => {
    const domain = c.value.slice(c.value.lastIndexOf('@') + 1);
    if (NO_REPLY_LOCAL.test(c.value.slice(0, c.value.lastIndexOf('@')))) return;
    // The flow's own domain only for a role mailbox (support@, help@, noreply@ above): a flow that notifies
    // someone@gmail.com must not refuse every gmail customer (lead s15, review of H#1).
    if (own && (own.addresses.has(c.value) || (own.domains.has(domain) && ROLE_LOCAL.test(c.value.slice(0, c.value.lastIndexOf('@')))))) return;
    // Session 16 (hostile s16 H#10): a lone address the customer negates or gives as someone else's ("not old@x",
    // "old@x is not mine", "cc bea@x") is no answer either (the rules ran only with two or more addresses).
    const before = clauseBefore(text, c, i > 0 ? found[i - 1].end : 0);
    const after = text.slice(c.end, c.end + 40);
    if (NOT_THEIRS_BEFORE.test(before) || NOT_THEIRS_AFTER.test(after) || DISOWNED_AFTER.test(text.slice(c.end, c.end + 60))) return;
    left.push(c);
    // Session 44 (details3, hostile s44 M4): "jo@x.exmaple, no wait, jo@x.example": the words between two addresses
    // that correct the first make the second the answer (the clause before it, cut at the comma, was empty).
    const gap = i > 0 ? text.slice(found[i - 1].end, c.start) : '';
    if (MINE_BEFORE.test(before) || CORRECTS_BETWEEN.test(gap)) preferred = c;
  });
  const distinct = [...new Set(left.map((c) => c.value))];
  if (distinct.length === 1) return { ok: true, value: distinct[0] };
  if (distinct.length === 0) return FAIL;
  if (preferred !== null) return { ok: true, value: (preferred as Candidate).value };
  return { ok: false, choices: distinct.slice(0, 3) };
}

const EMAIL_DOMAIN_IN_FLOW = /(?:[\p{L}\p{M}\p{N}-]+\.)+\p{L}{2,}/uy;
/**
 * The addresses in a flow's text, read around each "@" (hostile s16 H#21: a regex run over the whole flow from every
 * position was quadratic: 40 texts of 9,999 letters froze `baton serve` 8.7 s at the first email answer). A local part
 * is at most 64 characters, a domain at most 253.
 */
function addressesInFlowText(text: string): string[] {
  const out: string[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < EMAIL_LOCAL_MAX && EMAIL_LOCAL_CHAR.test(text[start - 1])) start--;
    if (start === at) continue;
    const domain = text.slice(at + 1, at + 1 + 253);
    EMAIL_DOMAIN_IN_FLOW.lastIndex = 0;
    const m = EMAIL_DOMAIN_IN_FLOW.exec(domain);
    if (m) out.push(text.slice(start, at + 1) + m[0]);
  }
  return out;
}
const ownCache = new WeakMap<object, OwnAddresses>();
/**
 * The addresses a flow names itself (notification targets, texts) and their domains: never a customer's answer. Worked
 * out once per flow object (the compiled flow the engine keeps) and kept.
 */
export function ownAddressesOf(flow: object): OwnAddresses {
  let own = ownCache.get(flow);
  if (!own) {
    const addresses = new Set(addressesInFlowText(JSON.stringify(flow)).map((a) => a.toLowerCase()).filter((a) => !a.includes('{{')));
    own = { addresses, domains: new Set([...addresses].map((a) => a.slice(a.lastIndexOf('@') + 1))) };
    ownCache.set(flow, own);
  }
  return own;
}

function email(raw: string): AnswerResult {
  const r = emailAnswer(raw);
  return r.ok ? { ok: true, value: r.value } : FAIL;
}

// A phone number written with the usual separators; extracted from a sentence when there is one.
const PHONE_IN_TEXT = /\+?\(?\d[\d\s().\/-]{5,}\d/g;
/** Hostile s14 H#22: a date ("2026-11-30", "30/11/2026") is not a phone number, nor is a number right after a reference word. */
const DATE_LIKE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})(?:[\sT]+\d{1,2}[:.]\d{2})?$/;
const REFERENCE_BEFORE = /(?:#|\b(?:ref|reference|order|acc|account|invoice|ticket)\.?:?)\s*$/i;
const PHONE_CUE_BEFORE = /\b(?:call|ring|phone|tel|telephone|mobile|mob|cell|whatsapp|text|reach)\b[^\d+]{0,20}$/i;

/**
 * The phone number in the answer. Hostile s14 H#22: the first digit run was taken, so "on 2026-11-30 call 07700900123"
 * stored 20261130 and "ref 12345678 / tel +44 7700 900123" stored 12345678. Dates and numbers after a reference word are
 * skipped, and of several candidates the one after "call / phone / tel / mobile ..." wins, else the first.
 */
/**
 * Session 15 (hostile s15 H#19): "+44 (0)7700 900123" stored +4407700900123 (the "(0)" is not dialled after a country
 * code: dropped); "my old number was 07700 900111, new: 07700 900123" took the old one (a number called old / previous
 * / not mine, or negated, is skipped as for email, and one after "new" wins); "between 9-5 07700900123" glued the hours
 * on (a leading hours range "9-5" / "9-17" is not part of the number); "12/28 123" (a card's expiry and security code)
 * was a number (a run opening with a month/year "12/28" is none).
 */
const TRUNK_ZERO = /^(\+\d{1,3})\s*\(0\)\s*/;
const HOURS_RANGE_START = /^\d{1,2}\s*[-–]\s*\d{1,2}\s+(?=\d)/;
const EXPIRY_START = /^(?:0?[1-9]|1[0-2])\s*\/\s*\d{2}(?:\s|$)/;
const OLD_NUMBER_BEFORE = /\b(?:old|previous|former|not|no\s+longer|instead\s+of|landline|work|office)\b[^\d+]{0,25}$/i;
const OLD_NUMBER_AFTER = /^[\s)]*(?:is\s+(?:old|wrong|not\s+mine)|no\s+longer|anymore|\((?:old|previous|wrong|not\s+mine|no\s+longer\s+used)\))/i;
const NEW_NUMBER_BEFORE = /\bnew\b[^\d+]{0,25}$/i;
function phone(raw: string): AnswerResult {
  const text = asciiDigits(withoutInvisible(raw.normalize('NFKC'))).trim();
  let first: string | null = null;
  for (const m of text.matchAll(PHONE_IN_TEXT)) {
    let run = m[0].trim();
    const before = text.slice(Math.max(0, (m.index ?? 0) - 40), m.index ?? 0);
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 30);
    if (EXPIRY_START.test(run)) continue;
    run = run.replace(HOURS_RANGE_START, '').replace(TRUNK_ZERO, '$1');
    if (DATE_LIKE.test(run) || REFERENCE_BEFORE.test(before)) continue;
    const digits = run.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    const value = (run.startsWith('+') ? '+' : '') + digits;
    if (OLD_NUMBER_BEFORE.test(before) || OLD_NUMBER_AFTER.test(after)) continue;
    if (PHONE_CUE_BEFORE.test(before) || NEW_NUMBER_BEFORE.test(before)) return { ok: true, value };
    first ??= value;
  }
  // Only an old / not-mine number written: no answer (asked again), as for email.
  return first === null ? FAIL : { ok: true, value: first };
}

function plainNumber(t: string): number | null {
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, '')); // 1,234.5
  if (/^[-+]?\d{1,3}\.\d{3}$/.test(t)) return null; // "60.000": 60 or sixty thousand? Ask again (see below)
  if (/^[-+]?\d+(\.\d+)?$/.test(t) || /^[-+]?\.\d+$/.test(t)) return Number(t); // 12, 12.5, .5
  if (/^[-+]?\d+,\d{1,2}$/.test(t)) return Number(t.replace(',', '.')); // European decimal "12,5"
  return null;
}

const CURRENCY = /[$£€¥₹]|\b(?:usd|eur|gbp|inr|dollars?|pounds?|euros?|quid|bucks|rupees?)\b/giu;
/**
 * One run of digits and separators standing alone: not part of a word, an id ("NW-104233") or a longer number
 * ("1.2.3", "3½k", "1e308"), with an optional scale word after it. What the run means is decided afterwards.
 */
const NUMBER_RUN =
  /(?<![\p{L}\p{N}_.,])(?<![\p{L}\p{N}]-)(\d(?:[\d,.\u00a0\u202f' ]*\d)?)(?:\s*(k|thousand|grand|hundred|m|mn|million|bn|billion))?(?![\p{L}\p{N}]|[.,'\u00a0\u202f -]\p{N})/giu;
// Session 46 (details6, hostile s46 M5): "grand" is a thousand ("10 grand" was 10), "5 hundred" is 500 (was 5).
const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, grand: 1e3, hundred: 100, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };
/**
 * Session 46 (details6, hostile s46 M5): a scale or fraction word left over once the number is read ("10 lakh", "2 crore",
 * "3 and a half thousand", "5 mil", "a quarter million"): the number read would be smaller or larger than the one meant,
 * so the answer is asked again rather than stored.
 */
const UNREAD_SCALE = /(?<![\p{L}])(?:hundreds?|thousands?|millions?|billions?|trillions?|grand|halfs?|halves|quarters?|thirds?|lakhs?|lacs?|crores?|mil|mill|mio|thou|dozens?)(?![\p{L}])/iu;
const LARGEST = 1e15;

/** What a run of digits means, or null when it is ambiguous ("2 3", "1.2.3", "60.000" without a currency). */
function readRun(run: string, hasCurrency: boolean): number | null {
  const plain = plainNumber(run);
  if (plain !== null) return plain;
  const spaced = /^\d{1,3}(?:([\u00a0\u202f' ])\d{3})(?:\1\d{3})*(?:\.\d+)?$/.exec(run); // 60 000, 1'000'000
  if (spaced) return Number(run.replace(/[\u00a0\u202f' ]/g, ''));
  if (/^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$/.test(run)) return Number(run.replace(/\./g, '').replace(',', '.')); // 1.000.000,50
  if (hasCurrency && /^\d{1,3}\.\d{3}(?:,\d+)?$/.test(run)) return Number(run.replace('.', '').replace(',', '.')); // €60.000
  if (/^\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?$/.test(run)) return Number(run.replace(/,/g, '')); // 60,00,000 (Indian)
  return null;
}

/**
 * Session 38 (hostile s38 M7, L5): a number corrected in the same answer ("400, no wait, 40", "50 sorry I meant 500",
 * "40 - actually make that 45"): the text after the last correction word that is followed by a number, or null when
 * there is no such correction (the answer is read whole).
 */
const NUMBER_CORRECTION = /(?:^|[^\p{L}])(?:no\s+wait|wait|sorry|i\s+mean|i\s+meant|actually|make\s+(?:it|that)|correction|oops|rather|no)(?![\p{L}])/giu;
const NUMBER_WORD_START = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|a\s+(?:hundred|thousand|million))\b/i;
function afterCorrection(raw: string): string | null {
  if (raw.length > 300) return null;
  const firstNumber = raw.search(/\p{Nd}/u);
  if (firstNumber < 0) return null;
  let tail: string | null = null;
  for (const m of raw.matchAll(NUMBER_CORRECTION)) {
    if (m.index < firstNumber) continue;
    const rest = raw.slice(m.index + m[0].length);
    if (/\p{Nd}/u.test(rest) || NUMBER_WORD_START.test(rest)) tail = rest;
  }
  return tail;
}

/**
 * Session 38 (hostile s38 L5): a range "15-20k", "15k-20k", "15 to 20 thousand", "$15-20k": its LOW end (15,000), the
 * scale of the high end applied to the low one when it has none. A defined value, documented in the block help, so a
 * rule such as "budget >= 10000" is never met by a guess above what the customer said. undefined: no range; null: a
 * range that makes no sense ("20-15k").
 */
const RANGE = /(?<![\p{L}\p{N}_.,-])(\d+(?:\.\d+)?)\s*(k|thousand|grand|hundred|m|mn|million|bn|billion)?\s*(?:-|\u2013|\u2014|to)\s*(\d+(?:\.\d+)?)\s*(k|thousand|grand|hundred|m|mn|million|bn|billion)?(?![\p{L}\p{N}]|[.,]\p{N})/iu;
function rangeLow(text: string, hasCurrency: boolean): number | null | undefined {
  const m = RANGE.exec(text);
  if (m === null) return undefined;
  const outside = text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length);
  if (/\p{Nd}/u.test(outside)) return undefined;
  if (UNREAD_SCALE.test(outside)) return null;
  const scaleOf = (w: string | undefined) => (w === undefined ? undefined : (w.toLowerCase() === 'm' || w.toLowerCase() === 'mn') && !hasCurrency && !/\d(?:m|mn)/i.test(m[0]) ? null : SCALE[w.toLowerCase()]);
  const hi = scaleOf(m[4]);
  const lo = scaleOf(m[2]) ?? hi ?? 1;
  if (lo === null || hi === null) return null;
  const low = Number(m[1]) * lo;
  const high = Number(m[3]) * (hi ?? 1);
  if (!(low < high) || high > LARGEST) return null;
  return Math.round(low * 1e6) / 1e6;
}

/**
 * Session 38 (hostile s38 M7, L5): a number written in words, once in the answer ("twenty thousand", "about fifty",
 * "two hundred and fifty", "a thousand"), when the answer has no digits. A lone "one" (or "a") among other words is no
 * number ("no one knows", "one of us"): asked again.
 */
const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS_WORDS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const BIG: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const MULTIPLIER = new Set(['dozen', 'score', 'hundred', 'thousand', 'million', 'billion']);
function numberInWords(text: string): number | null {
  const words = text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/-/g, ' ').replace(/[^\p{L}\s']/gu, ' ').split(/\s+/).filter(Boolean);
  const runs: { value: number; words: string[] }[] = [];
  let total = 0;
  let current = 0;
  let run: string[] = [];
  let halves = 0;
  const close = () => {
    if (run.some((w) => w !== 'and' && w !== 'a' && w !== 'an')) runs.push({ value: total + current, words: run });
    total = 0;
    current = 0;
    run = [];
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1];
    if (UNITS[w] !== undefined) current += UNITS[w];
    // Session 44 (hostfix, hostile s44 L5): counted in dozens and scores ("a dozen", "half a dozen", "two dozen", "a couple
    // of dozen", "a score of"), and "a few" / "a couple (of)" before a multiplier ("a few hundred" 300, "a couple of
    // thousand" 2,000). "a few" or "a couple" alone names no number (asked again).
    else if (w === 'dozen' || (w === 'score' && run.length > 0)) current = (current || 1) * (w === 'dozen' ? 12 : 20);
    else if (w === 'half' && (next === 'a' || next === 'an') && words[i + 2] === 'dozen') {
      current += 6;
      run.push(w, next, 'dozen');
      i += 2;
      continue;
    } else if (w === 'half' && (next === 'a' || next === 'an') && (words[i + 2] === 'hundred' || BIG[words[i + 2]] !== undefined)) {
      // Session 46 (details6, hostile s46 M5): "half a million" is 500,000 (it was read as "a million").
      current += (words[i + 2] === 'hundred' ? 100 : BIG[words[i + 2]]) / 2;
      halves += 1;
      run.push(w, next, words[i + 2]);
      i += 2;
      continue;
    } else if (w === 'grand' && current > 0) {
      // Session 46 (details6, hostile s46 M5): "ten grand" is 10,000; "grand" alone ("that's grand") is no number.
      total += current * 1e3;
      current = 0;
    } else if ((w === 'few' || w === 'couple') && MULTIPLIER.has(next === 'of' ? (words[i + 2] ?? '') : (next ?? ''))) {
      current += w === 'few' ? 3 : 2;
      if (next === 'of') {
        run.push(w, next);
        i += 1;
        continue;
      }
    } else if ((w === 'a' || w === 'an') && next !== undefined && (next === 'dozen' || next === 'score' || next === 'few' || next === 'couple')) {
      current += 0;
    }
    else if (TENS_WORDS[w] !== undefined) current += TENS_WORDS[w];
    else if (w === 'hundred') current = (current || (run.length > 0 ? 0 : 1)) * 100;
    else if (BIG[w] !== undefined) {
      total += (current || 1) * BIG[w];
      current = 0;
    } else if ((w === 'a' || w === 'an') && next !== undefined && (next === 'hundred' || BIG[next] !== undefined)) {
      current += 0;
    } else if (w === 'and' && run.length > 0 && next !== undefined && (UNITS[next] !== undefined || TENS_WORDS[next] !== undefined)) {
      // "two hundred and fifty"
    } else {
      close();
      continue;
    }
    run.push(w);
  }
  close();
  if (runs.length !== 1) return null;
  // Session 46 (details6, hostile s46 M5): a fraction or scale word not read ("a quarter million", "one and a half
  // million", "10 lakh") would store a smaller or larger number: asked again.
  const halvesRead = halves + words.filter((w, j) => w === 'half' && words[j + 1] === 'a' && words[j + 2] === 'dozen').length;
  if (words.filter((w) => w === 'half').length > halvesRead) return null;
  if (words.some((w) => w !== 'half' && w !== 'grand' && !MULTIPLIER.has(w) && !MULTIPLIER.has(w.replace(/s$/, '')) && UNREAD_SCALE.test(w))) return null;
  const only = runs[0];
  if (only.words.length === 1 && (only.words[0] === 'one' || only.words[0] === 'zero') && words.length > 1) return null;
  return only.value <= LARGEST ? only.value : null;
}

/**
 * A number answer, forgiving on form: "1,234.5", "12,5", and in a sentence "$60,000", "60k", "about £60 000 a
 * year", "1.5 million", "€1.000.000", "60,00,000" (newcomer s6 #16: a budget typed with a dollar sign was refused three
 * times and the lead was downgraded). Exactly one number must be found, whole: "between 50 and 60k", "2 or 3", an
 * order id ("NW-104233"), a phone number, "1.2.3" or "60.000" without a currency (sixty, or sixty thousand?) are asked
 * again rather than guessed (hostile s6). A bare "m" scale counts as millions only next to a currency ("$2m"), never
 * alone ("5 m" may be metres); "-$60k" and "minus 60k" are negative; beyond 10^15 is refused.
 */
function number(raw: string): AnswerResult {
  const strict = plainNumber(raw.trim());
  if (strict !== null) return Number.isFinite(strict) && Math.abs(strict) <= LARGEST ? { ok: true, value: strict } : FAIL;
  const corrected = afterCorrection(raw);
  if (corrected !== null) return number(corrected);
  const text = raw.replace(CURRENCY, ' ');
  const hasCurrency = text !== raw;
  const range = rangeLow(text, hasCurrency);
  if (range !== undefined) return range === null ? FAIL : { ok: true, value: range };
  const found = [...text.matchAll(NUMBER_RUN)];
  if (found.length === 0 && !/\p{Nd}/u.test(text)) {
    const worded = numberInWords(text);
    return worded === null ? FAIL : { ok: true, value: worded };
  }
  if (found.length !== 1) return FAIL;
  const [, digits, scaleWord] = found[0];
  if (UNREAD_SCALE.test(text.slice(0, found[0].index) + ' ' + text.slice(found[0].index + found[0][0].length))) return FAIL;
  const base = readRun(digits, hasCurrency);
  if (base === null) return FAIL;
  const scaleKey = scaleWord?.toLowerCase();
  // Session 38 (hostile s38 L5): "1.5m" written against its number is a million; "5 m" (a space: metres?) still needs a currency.
  const attached = /\d(?:m|mn)$/i.test(found[0][0]);
  const scale = scaleKey === undefined ? 1 : (scaleKey === 'm' || scaleKey === 'mn') && !hasCurrency && !attached ? null : SCALE[scaleKey];
  if (scale === null || scale === undefined) return FAIL;
  const negative = /(?:^|\s)(?:-|minus)\s*$/i.test(text.slice(0, found[0].index));
  const n = (negative ? -1 : 1) * Math.round(base * scale * 1e6) / 1e6;
  return Number.isFinite(n) && Math.abs(n) <= LARGEST ? { ok: true, value: n } : FAIL;
}

/**
 * "today", "tomorrow", "yesterday" are days in the flow's time zone (never the host's, never UTC by accident).
 * Session 38 (hostile s38 M8): a date inside a sentence ("it was the 5th", "March 5th", "last night around 11pm"), the
 * last one when corrected ("the 6th, no sorry the 5th"), placed and checked by the block's `dates` (whenAnswer.ts).
 */
function date(raw: string, now: number, timeZone: string, range: DateRange): AnswerResult {
  const iso = dateIn(raw, now, timeZone, range);
  return iso === null ? FAIL : { ok: true, value: iso };
}

/** Session 38 (hostile s38 H2): a time of day, with or without a date, as YYYY-MM-DDTHH:MM in the flow's zone. */
function dateTime(raw: string, now: number, timeZone: string, range: DateRange): AnswerResult {
  const at = dateTimeIn(raw, now, timeZone, range);
  return at === null ? FAIL : { ok: true, value: at };
}

const URL_WITH_SCHEME = /^https?:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?(\/\S*)?$/i;
const BARE_DOMAIN = /^([a-z0-9-]+\.)+[a-z]{2,}(:\d+)?(\/\S*)?$/i;

function url(raw: string): AnswerResult {
  const t = raw.trim();
  if (URL_WITH_SCHEME.test(t)) return { ok: true, value: t };
  if (BARE_DOMAIN.test(t)) return { ok: true, value: `https://${t}` };
  return FAIL;
}

/**
 * Session 16 (hostile s16 H#3, H#28): what the engine masked in a customer's message (customerSecrets.ts: "•••• 1111" for
 * a card number, "[hidden]" for a password or PIN) is never read as an answer: a number, phone or date is read on the
 * text without it (so "•••• 1111" is not 1111 people), and a text answer that is only a masked secret with a few words
 * around it ("my policy number: •••• 0366") answers nothing: the question is asked again.
 */
const MASKED_SECRET = /••••\s?\p{Nd}{4}|\[hidden\]/gu;
function withoutMasked(raw: string): string {
  return raw.replace(MASKED_SECRET, ' ');
}
function onlyAMaskedSecret(raw: string): boolean {
  if (!raw.includes('••••') && !raw.includes('[hidden]')) return false;
  const rest = withoutMasked(raw);
  return !/\p{Nd}/u.test(rest) && rest.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length <= 4;
}

/** A block's settings that change how an answer is read (Question block data: `dates`, `currency`). */
export interface AnswerOptions {
  dates?: DateRange;
  currency?: string;
}

const CURRENCY_CODES: [RegExp, string][] = [
  [/\$|\busd\b|\bus\s*dollars?\b|\bdollars?\b|\bbucks\b/iu, 'USD'],
  [/€|\beur\b|\beuros?\b/iu, 'EUR'],
  [/£|\bgbp\b|\bpounds?\b|\bquid\b/iu, 'GBP'],
  [/¥|\bjpy\b|\byen\b/iu, 'JPY'],
  [/₹|\binr\b|\brupees?\b/iu, 'INR'],
  [/\bchf\b|\bfrancs?\b/iu, 'CHF'],
  [/\bcad\b/iu, 'CAD'],
  [/\baud\b/iu, 'AUD'],
];
/** Whether the answer names no currency, or only `code` ("$", "USD", "dollars" for USD); "20.000 €" does not fit USD. */
function currencyFits(raw: string, code: string): boolean {
  const want = code.trim().toUpperCase();
  // "CA$" / "A$" / "C$" name another dollar.
  if (want === 'USD' && /\b(?:ca|c|a|au|nz|hk|s)\$/iu.test(raw)) return false;
  return CURRENCY_CODES.every(([re, c]) => c === want || !re.test(raw));
}

/** Session 38: the number a Number answer reads in `raw` (see `number`), or null (a Buttons block's ranges: matchButton). */
export function numberAnswer(raw: string): number | null {
  const r = number(withoutMasked(raw));
  return r.ok && typeof r.value === 'number' ? r.value : null;
}

/** `timeZone`: the flow's (settings.timezone), for relative dates; `dates`: the block's (which dates a date may name). */
export function validateAnswer(inputType: QuestionInputType, raw: string, now: number, timeZone = 'UTC', opts: AnswerOptions = {}): AnswerResult {
  const dates = opts.dates ?? 'any';
  if (onlyAMaskedSecret(raw)) return FAIL;
  if (inputType === 'number' || inputType === 'phone' || inputType === 'date' || inputType === 'datetime') raw = withoutMasked(raw);
  switch (inputType) {
    case 'text': {
      const t = raw.trim();
      return t ? { ok: true, value: t } : FAIL;
    }
    case 'email':
      return email(raw);
    case 'phone':
      return phone(raw);
    case 'number': {
      // Session 38 (hostile s38 L5): an amount in another currency than the block's is not stored as one of its own.
      if (opts.currency && !currencyFits(raw, opts.currency)) return FAIL;
      return number(raw);
    }
    case 'date':
      return date(raw, now, timeZone, dates);
    case 'datetime':
      return dateTime(raw, now, timeZone, dates);
    case 'url':
      return url(raw);
    case 'address':
      return address(raw);
  }
}

/**
 * Session 13 (newcomer s13 #15, hostile s13 #8): a postal address, for a question such as "What is the new delivery
 * address?": at least one digit (a house number or a postcode) once order numbers are left out, and at least two words
 * of letters; 5 to 300 characters. "yes", "no", "actually I want to cancel it instead" or "order NW-104233" are asked
 * again instead of being passed on as the address. Stored as typed (spaces tidied).
 */
const ORDER_LIKE = /(?:\b[a-z]{2,4}-\d{4,}\b|#\s?\d{3,}|\border\s*(?:number|no\.?|num|nr\.?|#)?\s*:?\s*#?\s*[a-z]{0,4}-?\d{3,})/gi;
/**
 * Session 14 (hostile s14 H#9): control characters (NUL, BEL, an ESC colour sequence) are dropped from an address before
 * it is checked or stored (they reached the ticket and the notification email); an answer that opens by refusing or
 * correcting ("no wait, it was order 104234", "Don't send it to 12 High Street, cancel it") is asked again; an answer
 * that also holds an email address keeps only the address found in it ("my email is ana@example.com and I live at 5 Elm
 * Road" -> "5 Elm Road"), or is asked again. H#15: "P.O. Box 42" and an address in Chinese or Japanese characters
 * ("東京都千代田区1-1": one run of letters, counted by characters) are addresses.
 */
const CONTROL = /\x1b\[[0-9;?]*[ -\/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f]/g;
const REFUSING_START = /^(?:no|nope|nah|don'?t|do not|cancel|never\s*mind|forget|wait|not)\b/i;
const PO_BOX = /\bp\.?\s*o\.?\s*box\s*\d+/i;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/**
 * Session 15 (hostile s15 H#2): an answer that holds more than the address (a card number or a password the customer
 * added, a refused address after "not" / "instead of", a request or a question after it) stored the whole message as
 * the address: the read-back, the ticket and the notification email carried it. Such an answer keeps only the address
 * found in it (`addressIn`, which stops at "not", "instead of", "without", "and my", "is that", "because", "but"); when
 * no span is found it is asked again if it holds a card number or a password, else read whole as before (a bulleted
 * "new address:\n- 5 High Street\n- Oxford" has no span); an answer that is only an address is stored whole as before.
 */
const MORE_THAN_ADDRESS = /\b(?:and|,)\s*(?:please\s+)?(?:call|ring|phone|text)\s+me\b|••••|\[hidden\]|\bpass(?:word|wd|code)?\b|\bcard\b|\b(?:not|instead\s+of|rather\s+than|without|and\s+my|because|but|from|old)\b|\?/iu;
const SECRET_IN_ADDRESS = /••••|\[hidden\]|\bpass(?:word|wd|code)?\b|\bcard\b|\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{1,7}/iu;
/**
 * Session 16 (newcomer s16 N#9): an address written as a list, one part per line with a bullet ("- 12 High Street",
 * "• Leeds"), is read without the bullets, its lines joined by ", " ("12 High Street, Leeds, LS1 4AB").
 */
const BULLET = /^[ \t]*[-*•·●▪◦‣–—>][ \t]+/u;
function withoutBullets(raw: string): string {
  if (!raw.includes('\n')) return raw;
  const lines = raw.split(/\r?\n/u).map((l) => l.replace(BULLET, '').trim().replace(/[,;]+$/u, '')).filter((l) => l !== '');
  return lines.join(', ');
}
/** Session 16 (hostile s16 H#9): "yes, except the house number is 14" (a yes/no with a correction) is no address. */
const YES_NO_START = /^(?:yes|yeah|yep|yup|ok|okay|sure|correct|right|no|nope|nah)\b/iu;
function address(raw: string): AnswerResult {
  const t = withoutBullets(raw.replace(CONTROL, '')).trim().replace(/\s+/g, ' ');
  if (MORE_THAN_ADDRESS.test(t) && !REFUSING_START.test(t)) {
    const inside = addressIn(t);
    if (inside !== null) return { ok: true, value: inside };
    // No span found: an answer with a card number or a password is asked again; others are read whole as before.
    if (SECRET_IN_ADDRESS.test(t)) return FAIL;
  }
  return addressShape(t);
}

/**
 * Session 17 (s15 leftover "Apt 4"): a flat or unit number is not a whole address: "Apt 4", "Unit 3 please", "Flat 2
 * Leeds" (its only number, no street word, no postcode, fewer than three other words) is asked again.
 */
const UNIT_NUMBER = /\b(?:flat|apt|apartment|unit|suite|room)\.?\s*#?\d+[a-z]?\b/giu;
const ADDRESS_FILLER = new Set('please pls thanks thank you thx cheers ta the my in of at'.split(' '));
function unitNumberOnly(t: string): boolean {
  const rest = t.replace(UNIT_NUMBER, ' ');
  if (rest === t || /\d/.test(rest.replace(ORDER_LIKE, ' ')) || STREET_WORD.test(rest) || UK_POSTCODE.test(t)) return false;
  return (rest.match(/\p{L}{2,}/gu) ?? []).filter((w) => !ADDRESS_FILLER.has(w.toLowerCase())).length < 3;
}

function addressShape(t: string): AnswerResult {
  if (t.length < 5 || t.length > 300) return FAIL;
  if (REFUSING_START.test(t)) return FAIL;
  if (YES_NO_START.test(t) && !STREET_WORD.test(t) && !UK_POSTCODE.test(t)) return FAIL;
  if (t.includes('@')) {
    const inside = addressIn(t.replace(/(?<!\S)\S[^\s@]*@\S+/g, ' '));
    return inside === null ? FAIL : { ok: true, value: inside };
  }
  if (!/\d/.test(t.replace(ORDER_LIKE, ' '))) return FAIL;
  if (unitNumberOnly(t)) return FAIL;
  if (PO_BOX.test(t)) return { ok: true, value: t };
  if ((t.match(CJK) ?? []).length >= 2) return { ok: true, value: t };
  if ((t.match(/\p{L}{2,}/gu) ?? []).length < 2) return FAIL;
  return { ok: true, value: t };
}

/**
 * Session 14 (newcomer s13 #15 rest, s14 N#4): the postal address written inside a longer message ("change address
 * for order NW-104233 to 5 Park Lane, Bristol BS1 5TR please"), for a Question whose "Take from the conversation" is
 * Postal address: a house number and street (a street word: Street, Road, Lane, ...) or a UK postcode, starting right
 * after "to", "at", "is", "address" or a colon (or at the start), running to the end of the sentence, without a
 * trailing "please" / "thanks". Null when there is none: an order number, a bare number or "my address changed" is not
 * an address. Only from the message's words: nothing is guessed.
 */
const STREET_WORD = /\b(?:street|st|road|rd|avenue|ave|lane|ln|close|drive|dr|way|place|pl|crescent|cres|court|ct|terrace|gardens|gdns|grove|square|sq|row|hill|park|walk|mews|boulevard|blvd|highway|hwy|parade|green|rise|view|gate|vale|quay|wharf|yard|wynd|circle|cir)\b/i;
const UK_POSTCODE = /\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b/i;
// Session 17 (newcomer s15 N#2): a flat or unit number may stand for the house number ("my work: Unit 3, Brook Park,
// Leeds LS9 8AB": the span needs a street word or a postcode all the same).
const ADDRESS_START = /(?:^|\b(?:to|at|is|address|addr)\b:?\s+|:\s*)((?:(?:flat|apt|apartment|unit|suite)\s*\d+[a-z]?,?\s+)?\d+[a-z]?,?\s+\p{L}[^.!?\n]*|(?:flat|apt|apartment|unit|suite)\s*\d+[a-z]?,?\s+\p{L}[^.!?\n]*)/giu;
const TRAILING_FILLER = /(?:[\s,;]+(?:please|pls|thanks|thank you|thx|cheers|instead|asap|now|today|ta))+[\s.!]*$/i;
/**
 * Session 15 (hostile s15 H#2, H#16): the span ends where the message goes on about something else: ", not 12 High
 * Street", "instead of ...", "without asking me", "and my card is ...", ", is that allowed", "because ...", "but ...";
 * a span holding a masked card number or password is no address. No address is read from a message that refuses the
 * change ("do not change the address ... to X") or reports one ("my neighbour changed the address ... to X", "why did
 * you send it to X"): the customer is not asking for X.
 */
const SPAN_STOP =
  /(?:,\s*|\s+)(?:(?:please|pls)[,\s]+)?(?:not|instead\s+of|rather\s+than|without|and\s+(?:my|the|also|please|cancel|can|could|i|call|ring|phone|text|email|contact)|is\s+that|because|but|as\s+i|since|so\s+(?:that|i))\b.*$/iu;
const NOT_A_CHANGE_REQUEST =
  /\b(?:(?:do\s+not|don'?t|never|did\s+not|didn'?t|not)\s+(?:\w+\s+){0,2}?(?:change|send|deliver|ship|move|update|redirect)|(?:changed|updated|redirected|moved)\s+(?:the|my|our|his|her|their)\s+(?:delivery\s+|shipping\s+|postal\s+)?address|changed\s+it|why\b)/iu;
/** NOT_A_CHANGE_REQUEST over the whole text (addressIn): made once, not per call (session 47, perf4; matchesOf puts lastIndex back). */
const NOT_A_CHANGE_REQUEST_ALL = new RegExp(NOT_A_CHANGE_REQUEST.source, 'giu');
export function addressIn(raw: string): string | null {
  const text = raw.replace(CONTROL, '').replace(/\s+/g, ' ');
  let found: string | null = null;
  // Where the first "don't change / why ..." ends: an address after it is no change request. Found once (hostile s16
  // H#11: re-testing the text before every match was quadratic, 100 KB in 6.3 s).
  let refusedFrom = Infinity;
  for (const r of matchesOf(text, NOT_A_CHANGE_REQUEST_ALL)) refusedFrom = Math.min(refusedFrom, (r.index ?? 0) + r[0].length);
  for (const m of matchesOf(text, ADDRESS_START)) {
    if ((m.index ?? 0) >= refusedFrom) continue;
    const span = m[1].replace(SPAN_STOP, '').replace(TRAILING_FILLER, '').replace(/[\s,;:]+$/, '').trim();
    if (span.replace(ORDER_LIKE, ' ').trim() !== span) continue;
    if (/••••|\[hidden\]|\bpass(?:word|wd|code)?\b/iu.test(span)) continue;
    if (!STREET_WORD.test(span) && !UK_POSTCODE.test(span)) continue;
    const r = addressShape(span);
    if (r.ok) found = String(r.value);
  }
  return found;
}

/**
 * Session 8 (newcomer s8 #30): a person's name from an answer to "may I have your name?", or null when the answer reads
 * as a sentence ("a jumper came in the wrong colour"), so the question is asked again instead of greeting the customer
 * by it. "My name is Ana" / "I'm Ana" give "Ana". A name: at most five words, letters (any script), apostrophes,
 * hyphens and dots, none of them an everyday sentence word (articles, pronouns, common verbs and prepositions; name
 * particles such as "de", "van", "al" are allowed).
 */
const NAME_PREFIX = /^(?:hi|hello|hey)?[\s,]*(?:my name is|my name's|the name is|name is|name's|name:|i am|i'm|im|it's|it is|this is|call me)\s+/i;
const NAME_WORD = /^[\p{L}][\p{L}\p{M}'’.\u200c\u200d-]*$/u;
const SENTENCE_WORDS = new Set(
  (
    'a an the and or but if so because not no yes my your our their his her its it i me you we they he she them us this that these those ' +
    'is are was were be been am do does did have has had can could will would should want need came come got get gets arrived broken ' +
    'wrong order parcel from with without for in on at of to by about into over after before again still just please thanks thank ' +
    'what when where why how who which help problem issue refund delivery item'
  ).split(' '),
);
/**
 * Session 12 (newcomer s12 #20): a greeting is not a name. "hi, my parcel is late" gave the name "hi" (the words before
 * the comma), and the inbox titled the chat "hi". A greeting (with "there", "team"...) at the start of an answer is
 * dropped before the name is read, and an answer that is only a greeting, thanks or a yes/no has no name.
 */
const GREETING_START =
  /^(?:(?:hi+|hello+|hey+|heya|hiya|howdy|yo|hallo|hola|bonjour|greetings|good\s+(?:morning|afternoon|evening|day)|morning|afternoon|evening)(?:\s+(?:there|team|all|everyone|guys|folks))?)(?=$|[\s,.!:;-])[\s,.!:;-]*/i;
const NOT_APPLICABLE = /^\s*n\s*(?:[./]\s*)?a\s*(?:\.\s*)?$/i;
const NOT_A_NAME = new Set(
  ('hi hello hey hiya heya howdy yo hallo hola bonjour greetings morning afternoon evening there ok okay yes yeah yep no nope sure thanks thx cheers sorry help hmm um umm ah oh ' +
    // Session 45 (details4, retest s44 M5): the words that bring an address ("it's kim@x.example" named the customer "it's").
    "it's that's thats here's heres here there's email email's emails e-mail mail address name name's use").split(' '),
);
/**
 * Hostile s13 #10: what a customer types at the name question that is not a name either: asking for a person again
 * ("agent", "human", "Customer Service", "Manager"), urgency ("urgent", "NOW", "asap"), refusals and filler
 * ("whatever", "none", "skip") and insults ("idiot bot"). The inbox titled the chat with them and the handoff summary
 * read "fuck off is waiting".
 */
const PERSON_WORDS = 'agent agents human humans person people someone somebody anyone representative rep operator manager supervisor staff support advisor adviser'.split(' ');
const NOT_A_NAME_S13 = new Set([
  ...PERSON_WORDS,
  ...'customer service team bot robot chatbot real live actual urgent urgently asap now quick quickly immediately emergency whatever idk dunno none nothing nobody anonymous skip pass private secret'.split(' '),
  ...'fuck fucking fuckin fck fk off shit crap damn bloody hell wtf ffs stfu idiot idiotic stupid dumb moron useless pathetic rubbish garbage trash bitch bastard twat prick wanker arse ass asshole'.split(' '),
  // Session 14 (newcomer s13 #17): answers to the name or email question that are not names either ("nah", "wait",
  // "one sec", "later", "gmail"), now that a name typed at the email question is taken as the name.
  ...'nah huh wait sec secs moment later hold noone nvm brb lol email mail gmail googlemail hotmail outlook yahoo icloud aol proton protonmail'.split(' '),
  // Hostile s14 H#24: placeholders and system words typed at the name or email question ("Undefined", "Null", "Admin",
  // "Test", "Drop Table"): the inbox titled the chat "Undefined is waiting" (a bug to the agent) or "Admin" (staff).
  ...'null undefined nan nil void admin admins administrator root sysadmin superuser test tester testing user username guest drop table select'.split(' '),
]);
/**
 * Session 15 (hostile s15 H#8): more answers that are not the customer's name: the template's own placeholder names and
 * their like (whole answers: "John Doe", "Max Mustermann", "Mickey Mouse"), words of an instruction to the bot ("Ignore
 * previous instructions"), card and form-of-address words ("Visa Card", "Sir"), thanks in other languages ("danke",
 * "merci") and keyboard runs ("asdf", "qwer", "zzz": one letter three times or more, or a row of the keyboard).
 */
const PLACEHOLDER_NAMES = new Set(
  ['john doe', 'jane doe', 'john smith doe', 'joe bloggs', 'joe blogs', 'jane bloggs', 'john q public', 'max mustermann', 'erika mustermann', 'mickey mouse', 'minnie mouse', 'donald duck', 'foo bar', 'foo', 'bar', 'baz', 'lorem ipsum', 'john appleseed', 'fred bloggs', 'average joe', 'mr x', 'mrs x'],
);
const NOT_A_NAME_S15 = new Set(
  (
    'ignore ignoring disregard previous instructions instruction prompt system override jailbreak ' +
    'sir madam maam ma\'am visa mastercard amex card debit credit paypal ' +
    'danke merci gracias grazie obrigado obrigada dank dankjewel bedankt tack takk kiitos arigato arigatou spasibo shukran dzieki ' +
    'asdf asdfg asdfgh qwer qwert qwerty qwertz azerty hjkl jkl zxcv zxcvb sdf fgh ghj ' +
    // Session 16 (hostile s16 H#27, newcomer s16 N#11): an answer to "which one" and a sentence adverb are no name
    // ("Thanks, both." / "Thanks, Honestly.").
    'both either neither none all first second third last honestly seriously really actually basically literally ' +
    'obviously anyway whatever frankly truly genuinely ' +
    // Session 18 (review revcore s18 #20): commands typed at the email question, now that a name typed there is kept
    // (5e5c463): "cancel" was thanked as "Thanks, cancel." and titled the ticket.
    'cancel stop quit exit abort restart reset menu back undo'
  ).split(' '),
);
const KEYBOARD_RUN = /^(\p{L})\1{2,5}$/u; // "zzz", "aaaaa" (a 60-letter run is the length limit's case)
function placeholderName(t: string): boolean {
  const lower = t.toLowerCase().replace(/[.!,]+/g, '').replace(/\s+/g, ' ').trim();
  if (PLACEHOLDER_NAMES.has(lower)) return true;
  return lower.split(' ').some((w) => NOT_A_NAME_S15.has(w) || KEYBOARD_RUN.test(w));
}

/** The longest name taken (hostile s13 #10: 300 x's were a name); longer answers are asked again. */
export const MAX_NAME_CHARS = 60;
const PERSON_REQUEST_FILLER = new Set('a an the just get me i want need to talk speak with please pls plz now can give real live actual proper human a customer service team'.split(' '));
/**
 * Hostile s13 #10: an answer to the name question that only asks for a person again ("agent", "human please", "just
 * get me a real person", "Customer Service"): no name, and the customer is not asked for one again.
 */
export function asksForAPersonAgain(raw: string): boolean {
  const words = raw.toLowerCase().replace(/[^\p{L}\s']/gu, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 8) return false;
  const nouns = words.filter((w) => PERSON_WORDS.includes(w) || w === 'service' || w === 'human');
  return nouns.length > 0 && words.every((w) => PERSON_WORDS.includes(w) || PERSON_REQUEST_FILLER.has(w));
}
/**
 * Session 16 (newcomer s15 N#15): countries and the UK's nations are no name when they are the whole answer ("Ireland" at
 * the email question titled the chat "Ireland"). Countries that are also common given names (Jordan, Georgia, India,
 * Chad, Israel, Kenya, America...) are not listed: those stay names. A surname with a first name ("Kim England") is a name.
 */
const PLACES_NOT_NAMES: ReadonlySet<string> = new Set(
  (
    'ireland england scotland wales britain uk usa us france germany spain italy portugal netherlands holland belgium ' +
    'luxembourg switzerland austria poland czechia slovakia hungary romania bulgaria greece turkey cyprus malta croatia ' +
    'serbia slovenia bosnia albania ukraine russia belarus lithuania latvia estonia finland sweden norway denmark iceland ' +
    'canada mexico brazil argentina chile peru colombia venezuela ecuador bolivia uruguay paraguay cuba jamaica ' +
    'china japan korea vietnam thailand malaysia singapore indonesia philippines pakistan bangladesh nepal afghanistan ' +
    'iran iraq syria lebanon egypt morocco algeria tunisia libya nigeria ghana ethiopia uganda tanzania zambia zimbabwe ' +
    'australia zealand europe asia africa abroad overseas scotland london dublin'
  ).split(' '),
);

/** Whether `raw` is only a country (or region) name: no name, wherever it is typed (newcomer s15 N#15). */
export function onlyAPlace(raw: string): boolean {
  const t = raw.trim().toLowerCase().replace(/[.!,]+$/g, '').replace(/^(?:the|in|from)\s+/, '').replace(/^(?:new|northern|south|north)\s+/, '');
  return PLACES_NOT_NAMES.has(t);
}

/**
 * Session 16 (newcomer s15 N#15): the customer says they have no email address, or will not give one ("I don't have an
 * email", "I really don't have one", "no email", "I haven't got one", "I'd rather not say", "skip"): the question goes
 * on without it at once, instead of "That doesn't look like an email address. Could you check it?" until its retries
 * ran out. A message holding an '@' is never this (it is read as an address). Session 40 (fixq, hostile s40 M11): also
 * with "you" / "out" after the verb ("no I won't give you my email", "I won't give out my email", "... to you").
 */
// Session 46 (details6): "I'm afraid" before or after the refusal ("no email I'm afraid") was no refusal.
const NO_EMAIL_LEAD_ONE = /^(?:no|nope|nah|sorry|well|um|erm|i|really|honestly|just|actually|but|so|unfortunately|ok|okay|i'?m\s+afraid|i\s+am\s+afraid)[\s,]+/;
const NO_EMAIL_BODY =
  /^(?:(?:i\s+)?(?:do\s*n[o']?t|did\s*n[o']?t|dont|didnt|never|have\s*n[o']?t|havent|have\s+no|i'?ve\s+no|got\s+no|ha(?:ve|s)\s+not\s+got|ain'?t\s+got|no\s+longer|can\s*n[o']?t|cannot|can't|won'?t|will\s+not|would\s+rather\s+not|i'?d\s+rather\s+not|rather\s+not|(?:i'?d\s+|i\s+would\s+|would\s+)?prefer\s+not\s+to|want\s+to\s+keep|(?:i'?d\s+|i\s+would\s+|would\s+)?(?:rather|prefer\s+to)\s+keep|(?:i'?m\s+|i\s+am\s+)?not\s+(?:giving|sharing|going\s+to\s+(?:give|share)|comfortable\s+(?:giving|sharing)))(?:\s+(?:really|even|actually|ever))?(?:\s+(?:have|had|got|own|use|give|share|want\s+to\s+(?:give|share)|say|remember|access))?(?:\s+(?:you|u|out))?(?:\s+(?:an?|any|my|one|it|that))?(?:\s+(?:e-?\s?mail|email|mail))?(?:\s+(?:address|account|one))?|no\s+(?:e-?\s?mail|email)(?:\s+(?:address|account))?|(?:skip|pass)(?:\s+(?:it|that|this))?)(?:[\s,]+(?:sorry|i'?m\s+afraid|i\s+am\s+afraid|anymore|at\s+all|either|here|to\s+hand|with\s+me|on\s+me|thanks|thank\s+you|private|please|to\s+(?:you|u|a\s+bot)|(?:just\s+)?yet|for\s+now|(?:right\s+)?now|at\s+(?:this|the)\s+(?:stage|moment|point)|out))*$/;
/**
 * Session 33 (newcomer s32 #3): a bare refusal ("no", "no thanks", "I'd rather not") at an email question, which the
 * ticket's "If you'd rather not leave one, just say so" invites: it got "That doesn't look like an email address".
 */
// Session 45 (ticketq, retest s45 M2): "na", "n/a", "N.A." (not applicable, or "nah") decline as "nah" does.
const BARE_DECLINE = /^(?:no|nope|nah|na|n ?\/ ?a|n a|no thanks|no thank you|no ty|(?:i'?d|i would) rather not|rather not|(?:i'?d )?prefer not(?: to)?|not really|no way)$/;
/**
 * Session 37 (hostile s35): "not now", "not right now", "maybe later", "later", "not at the moment" at an email question
 * (the takeover's "in case we get disconnected", a ticket's) put off the email as "no" does: it is not asked again ("That
 * doesn't look like an email address"). The whole message, after "no" / "sorry" ..., with "thanks" / "sorry" after it;
 * not "not now, my email is ana@x.com" (an '@': the address), nor "later today" or "now" (no refusal).
 */
const NOT_NOW_DECLINE = /^(?:(?:no|nope|nah|sorry|um|erm|hmm|ok|okay|well)[\s,]+)*(?:not (?:right |just )?now|not (?:just )?yet|not at the moment|not atm|not today|(?:maybe |perhaps )?later(?: on)?|(?:maybe |perhaps )?(?:another|some other) time)(?:[\s,]+(?:sorry|thanks|thank you|please|ty))*$/;
export function declinesEmail(raw: string): boolean {
  return declinesLast(raw);
}
/** Session 37 (perf): asked twice per message at a ticket's email question (whether it fits, then what it says). */
const declinesLast = keepLast(readDeclinesEmail);
function readDeclinesEmail(raw: string): boolean {
  if (raw.includes('@')) return false;
  const t = raw.trim().toLowerCase().replace(/[’]/g, "'").replace(/[.!?]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (t === '') return false;
  if (BARE_DECLINE.test(t) || NOT_NOW_DECLINE.test(t)) return true;
  // (refusalBody needs the email, an object or a skip named: a verb phrase alone, "I don't", "never", is no answer.)
  if (refusalBody(t)) return true;
  // Session 45 (details4, retest s44 M3, M6): the refusal in a clause of its own, beside other words ("no email, sorry,
  // we use slack", "I don't have email, my mobile is 07700900123", "I told you, I don't have one"): a clause (cut at
  // punctuation, a spaced dash or "but") that is a refusal naming what is refused (NO_EMAIL_BODY; not a bare "no", which
  // beside other words may answer something else), after words that say it was said before ("I told you", "like I said").
  const clauses = raw.toLowerCase().replace(/[’]/g, "'").split(CLAUSE_CUT).map((c) => c.replace(/[.!?]+/g, ' ').replace(/\s+/g, ' ').trim().replace(SAID_BEFORE, ''));
  // Beside a request for a person ("rather not give my email here, just connect me") the older readers decide (the
  // takeover's "let's skip the email" and its reason question, session 44 details3 L1).
  if (clauses.some((c) => c !== '' && (asksForAPersonAgain(c) || onlyAsksForAPerson(c)))) return false;
  // "I'd prefer not to, sorry": a refusal with no object is one in a clause of its own too, but not a bare "no".
  return clauses.some((c) => refusalBody(c) || (BARE_DECLINE.test(c) && !/^(?:no|nope|nah|no thanks|no thank you|no ty|no way)$/.test(c)));
}
/** Where a refusal's clause ends ("no email, we use slack"; "I don't have one - call me"; "no email. Call ..."; "no email but ..."). */
const CLAUSE_CUT = /[,;:()]|[.!?]+(?:\s+|$)|\s+[-\u2013\u2014]+\s+|\s+but\s+/;
/** Words saying the refusal was said before, dropped before it ("I told you,", "like I said", "I already said"). */
const SAID_BEFORE = /^(?:(?:like|as)\s+i\s+(?:already\s+)?said|i\s+(?:already\s+)?(?:told\s+you|said))(?:\s+(?:that|before|already))*\s*/;
function refusalBody(t: string): boolean {
  if (t === '') return false;
  // A verb phrase alone ("I don't", "never") is no answer about the email; it needs the email, an object or a skip.
  if (!/\b(?:e-?\s?mail|email|mail|one|it|that|address|account|skip|pass|any|say)\b/.test(t)) return false;
  // Lead-in words ("no,", "sorry", "I really") dropped one at a time: "nope, no email" is "no email" after "nope".
  let body = t;
  for (let i = 0; i < 6; i++) {
    if (NO_EMAIL_BODY.test(body)) return true;
    const rest = body.replace(NO_EMAIL_LEAD_ONE, '');
    if (rest === body) return false;
    body = rest;
  }
  return false;
}

/**
 * Session 47 (emerg4, hostile s47 L4): words of when or how sure ("call me maybe", "call me anytime", "call me whenever")
 * are never a name's first word; days and parts of a day are none after "call me".
 */
const TIME_OR_HEDGE: ReadonlySet<string> = new Set(
  'maybe perhaps possibly probably anytime anyday whenever sometime sometimes soon soonest sooner tomorrow today tonight tmrw tmr tomoz asap back again anyways anyhow instead first always often never daily weekly directly straight everyday'.split(' '),
);
const CALL_TIME_WORDS: ReadonlySet<string> = new Set(
  'monday tuesday wednesday thursday friday saturday sunday weekend weekday weekdays mornings evenings afternoons lunchtime noon midday night tonite mon tue tues wed thu thur thurs fri sat sun on at after before between around from in'.split(' '),
);
export function nameFromAnswer(raw: string): string | null {
  if (onlyAPlace(raw)) return null;
  // Session 45 (ticketq, retest s45 M2): "na" / "N/A" (not applicable) at an email question named the customer "na".
  if (NOT_APPLICABLE.test(raw)) return null;
  // Session 46 (lead, retest-conv s46 H1): a reaction is no name at any question that reads one ("Wow, brilliant." at
  // lead-gen's email question named the customer "Wow"; details5 had refused it at the takeover's name question only).
  if (onlyCourtesy(raw) || onlyExclamation(raw)) return null;
  const greeted = raw.trim().replace(GREETING_START, '');
  const t = greeted.replace(NAME_PREFIX, '').replace(/[.!]+$/, '').replace(/\s+here$/i, '').trim();
  // Session 47 (emerg4, hostile s47 L4): "call me maybe / anytime / tomorrow" asks for a call, at a time or with a hedge:
  // no name ("Thanks, maybe."). A day or part of a day is no name after "call me" only ("Tuesday" may be one alone).
  const firstWord = t.split(/\s+/)[0]?.toLowerCase().replace(/[.,!?]+$/, '') ?? '';
  if (TIME_OR_HEDGE.has(firstWord) || (/^call\s+me\b/i.test(greeted) && CALL_TIME_WORDS.has(firstWord))) return null;
  const whole = nameOf(t);
  if (whole !== null) return whole;
  // "Ana, I want a human NOW": the name before the comma.
  const comma = t.indexOf(',');
  return comma > 0 ? nameOf(t.slice(0, comma).trim()) : null;
}

/**
 * Session 14 (hostile s14 H#15): real names that were refused: "Will" (a sentence word, accepted capitalised as the whole
 * answer), "Nguyễn Văn A" (a capital initial after the first word is not the article "a"), "علی‌رضا" (a zero-width
 * non-joiner or joiner inside a name, standard in Persian), "Anna Maria de la Cruz Santos" (six words).
 */
const NAME_SENTENCE_WORDS_ALONE: ReadonlySet<string> = new Set(['Will']);
const NAME_MAX_WORDS = 6;
const NAME_TITLE = /^(?:dr|mr|mrs|ms|mx|miss|prof|professor|rev|fr|dame|lord|lady)\.?$/iu;
function nameOf(t: string): string | null {
  if (!t || t.length > MAX_NAME_CHARS) return null;
  if (placeholderName(t)) return null;
  const words = t.split(/\s+/);
  if (words.length > NAME_MAX_WORDS) return null;
  if (words.length === 1 && NAME_SENTENCE_WORDS_ALONE.has(words[0])) return t;
  // Session 17 (s15 leftover "Dr. Who"): after a title, capitalised words are the name even when they are sentence words.
  const titled = words.length > 1 && NAME_TITLE.test(words[0]);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!NAME_WORD.test(w)) return null;
    if (i > 0 && /^\p{Lu}\.?$/u.test(w)) continue;
    if (i === 0 && titled) continue;
    if (i > 0 && titled && /^\p{Lu}/u.test(w) && SENTENCE_WORDS.has(w.toLowerCase())) continue;
    const lower = w.replace(/[\u200c\u200d]/g, '').toLowerCase();
    if (SENTENCE_WORDS.has(lower) || NOT_A_NAME.has(lower) || NOT_A_NAME_S13.has(lower.replace(/[.'’-]+$/, ''))) return null;
    // Session 35 (hostile s35 F12): "don't bother" was the customer's name ("Thanks, don't bother."): a word with "n't"
    // is a sentence's, never a name's.
    if (/n['’]t$/.test(lower)) return null;
  }
  return t;
}

/**
 * Session 12 (newcomer s12 #20): the customer's problem in an answer to the name question ("hi, my parcel is late" ->
 * "my parcel is late"), so the handoff keeps it as the reason instead of asking for it again; null when the answer is
 * not one (a greeting, a word or two, an email address, a question about the question: "why do you need my name?").
 */
export function problemFromNameAnswer(raw: string): string | null {
  const t = raw.trim().replace(GREETING_START, '').trim();
  if (t.split(/\s+/).length < 3) return null;
  if (/@/.test(t) || /\bname\b/i.test(t) || /^why\b/i.test(t)) return null;
  return t;
}

/**
 * Session 17 (newcomer s16 N#12, s15 N#20 / N#21 rest): a reference answered at a free-text question is read by the
 * shape of the flow's OWN example, never by a shop format written here. The question's text and its retry message name
 * it: "(e.g. NW-104233)", "Policy numbers look like HM-2231-0457", "6 letters and digits, e.g. K7XQ2P". From the example:
 * - a group of letters only ("NW", "HM") is a fixed prefix (any case); a group of digits only is that many digits; a group
 *   mixing letters and digits ("K7XQ2P") is that many letters or digits, with a digit and a letter in it;
 * - groups may be typed with a dash, a slash, spaces or nothing between them ("HM 2231 0457", "nw104233").
 * The answer's reference (taken out of a sentence: "I think it's NW-104233") is stored as the example writes it
 * (separators and upper case): "HM 2231 0457" -> "HM-2231-0457", "k7xq2p" -> "K7XQ2P". An answer that holds the prefix
 * and a number of another length ("NW-12", "I think it's NW-12") is no reference: the block asks again. An answer with
 * neither is left to the block's other rules (null). Examples that read as a date or time ("2025-07-14T18:45") are none.
 */
type ShapeGroup = { kind: 'prefix'; text: string } | { kind: 'digits'; n: number } | { kind: 'mixed'; n: number; letters: boolean; digits: boolean };
export interface ReferenceShape {
  example: string;
  groups: ShapeGroup[];
  /** The separator the example writes after each group but the last ('' when none). */
  seps: string[];
  upper: boolean;
}
const EXAMPLE_CUE = /(?:\be\.?\s?g\.?|\bfor\s+example|\bsuch\s+as|\blooks?\s+like|\blike)[\s:,]*\(?["'“]?([A-Za-z0-9]+(?:[-/ ][A-Za-z0-9]+)*)/giu;
const DATE_LIKE_EXAMPLE = /^\d{4}[-/]\d{1,2}|^\d{1,2}[-/]\d{1,2}[-/]\d{2,4}|\d[Tt]\d/u;

function shapeOf(example: string): ReferenceShape | null {
  const parts = example.split(/([-/ ])/u);
  const groups: ShapeGroup[] = [];
  const seps: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const g = parts[i];
    if (/^[A-Za-z]+$/u.test(g)) {
      // A word after the reference ("HM-2231-0457 two ...") is no part of it: only a prefix before any digit counts.
      if (groups.length > 0) break;
      groups.push({ kind: 'prefix', text: g.toUpperCase() });
    } else if (/^\d+$/u.test(g)) groups.push({ kind: 'digits', n: g.length });
    else groups.push({ kind: 'mixed', n: g.length, letters: /[A-Za-z]/u.test(g), digits: /\d/u.test(g) });
    seps.push(parts[i + 1] ?? '');
  }
  seps[seps.length - 1] = '';
  if (!groups.some((g) => g.kind !== 'prefix')) return null;
  if (!/\d/u.test(example) || groups.reduce((n, g) => n + (g.kind === 'prefix' ? g.text.length : g.n), 0) < 4) return null;
  return { example, groups, seps, upper: !/[a-z]/u.test(example) };
}

/** The reference shapes the question's own texts give (its text, retry message), in the order written; none: []. */
export function referenceShapes(texts: readonly (string | undefined)[]): ReferenceShape[] {
  const out: ReferenceShape[] = [];
  for (const t of texts) {
    if (!t) continue;
    for (const m of t.matchAll(EXAMPLE_CUE)) {
      // Words after the example are not part of it; the pattern cannot backtrack (session 17 review: the old
      // /[ ]+(?:[A-Za-z]+[ ]*)*$/ took 2 s on a 28-letter word and doubled with each letter).
      const ex = m[1].replace(/(?: +[A-Za-z]+)+ *$/u, (tail) => (/\d/u.test(tail) ? tail : '')).trim();
      if (DATE_LIKE_EXAMPLE.test(ex) || /^[\s:]/u.test(t.slice(m.index! + m[0].length))) continue;
      const shape = shapeOf(ex);
      if (shape && !out.some((s) => s.example.toUpperCase() === shape.example.toUpperCase())) out.push(shape);
    }
  }
  return out;
}

const GROUP_SEP = '[-/\\s.]?';
function shapePattern(shape: ReferenceShape): RegExp {
  const body = shape.groups
    .map((g) => (g.kind === 'prefix' ? `(${g.text})` : g.kind === 'digits' ? (lettersForDigits(shape) ? `([0-9Oo]{${g.n}})` : `(\\d{${g.n}})`) : `([A-Za-z0-9]{${g.n}})`))
    .join(GROUP_SEP.replace('?', '?\\s*'));
  return new RegExp(`(?<![A-Za-z0-9])${body}(?![A-Za-z0-9])`, 'giu');
}
/** The prefix followed by a number of any length: a reference typed wrong ("NW-12"). */
function nearMissPattern(shape: ReferenceShape): RegExp | null {
  const first = shape.groups[0];
  if (first.kind !== 'prefix') return null;
  return new RegExp(`(?<![A-Za-z0-9])${first.text}\\s*[-/.#:]?\\s*\\d`, 'iu');
}

/**
 * Session 38 (hostile s38 L8): where the example is a prefix and digits only ("NW-104233", "HM-2231-0457"), a letter O
 * typed for a zero in the digits ("NW-25O778") can only be a zero: it is read as one. At most one O per group of digits
 * (at least half of it real digits), so "NW-OOOOOO" or a word is no reference. Never for a shape with letters after
 * its prefix (a booking reference "K7XQ2P": an O there may be an O).
 */
function lettersForDigits(shape: ReferenceShape): boolean {
  return shape.groups[0]?.kind === 'prefix' && shape.groups.slice(1).every((g) => g.kind === 'digits');
}
const O_AS_ZERO_MAX = 1;

/** The references in `text` of `shape`, in the order written, as the example writes them. */
function* valuesByShape(text: string, shape: ReferenceShape): Generator<string> {
  for (const m of matchesOf(text, shapePattern(shape))) {
    const ok = shape.groups.every((g, i) => g.kind !== 'mixed' || ((!g.digits || /\d/u.test(m[i + 1])) && (!g.letters || /[A-Za-z]/u.test(m[i + 1]))));
    if (!ok) continue;
    if (shape.groups.some((g, i) => g.kind === 'digits' && (m[i + 1].match(/[Oo]/g)?.length ?? 0) > Math.min(O_AS_ZERO_MAX, Math.floor(g.n / 2)))) continue;
    const value = shape.groups.map((g, i) => (g.kind === 'prefix' ? g.text : g.kind === 'digits' ? m[i + 1].replace(/[Oo]/g, '0') : m[i + 1]) + shape.seps[i]).join('');
    yield shape.upper ? value.toUpperCase() : value;
  }
}

/**
 * Session 34 (hostile s34): every different reference in `raw` of the first of `shapes` that has one ("HM-2231-0457 and
 * HM-2231-0458": both, where answerByExample gives the first alone).
 */
export function answersByExample(raw: string, shapes: readonly ReferenceShape[]): string[] {
  const text = asciiDigits(withoutInvisible(raw));
  for (const shape of shapes) {
    const out = [...new Set(valuesByShape(text, shape))];
    if (out.length > 0) return out;
  }
  return [];
}

/** Session 35 (hostile s34 #15): every reference in `raw` of `shape`, as the example writes it ("hm 2231 0457": "HM-2231-0457"). */
export function referencesOfShape(raw: string, shape: ReferenceShape): string[] {
  return [...valuesByShape(asciiDigits(withoutInvisible(raw)), shape)];
}

/**
 * The reference in `raw` by one of `shapes` (see above): its canonical form, `{ ok: false }` when the answer holds the
 * example's prefix with a number of another shape, null when it speaks of no such reference.
 */
export function answerByExample(raw: string, shapes: readonly ReferenceShape[]): { ok: true; value: string } | { ok: false } | null {
  if (shapes.length === 0) return null;
  const text = asciiDigits(withoutInvisible(raw));
  let nearMiss = false;
  for (const shape of shapes) {
    for (const value of valuesByShape(text, shape)) return { ok: true, value };
    const near = nearMissPattern(shape);
    if (near && near.test(text)) nearMiss = true;
  }
  return nearMiss ? { ok: false } : null;
}

/**
 * Session 45 (details4, retest s44 L6): an address spelled out in words ("dana at acme dot example", "dana (at) acme
 * (dot) example", "dana dot scully at acme dot co dot uk", "dana at acme.example") was "That doesn't look like an email
 * address". The text with the address written as one (dana@acme.example), for the email questions to read as typed
 * (the takeover's, the ticket's, a Question block's), which say the address back; null when the text spells none. "at"
 * and "dot" must join words that can be parts of an address: no stop word ("look at the dot on the map", "we are based
 * at acme") and a last part of two letters or more.
 */
const SPELLED_AT = String.raw`(?:\s*[([{]\s*at\s*[)\]}]\s*|\s+at\s+)`;
const SPELLED_DOT = String.raw`(?:\s*[([{]\s*dot\s*[)\]}]\s*|\s+dot\s+|\.)`;
const SPELLED_WORD = String.raw`[\p{L}\p{N}_%+-]+`;
const SPELLED = new RegExp(
  String.raw`(?<![\p{L}\p{N}'’_%+.@-])(${SPELLED_WORD}(?:${SPELLED_DOT}${SPELLED_WORD})*)${SPELLED_AT}(${SPELLED_WORD}(?:${SPELLED_DOT}${SPELLED_WORD})+)(?![\p{L}\p{N}_%+@-])`,
  'giu',
);
const SPELLED_PART_CUT = new RegExp(SPELLED_DOT, 'iu');
/** Words before "at" that are no address's first part ("meet me at", "we are based at", "email me at"). */
const NOT_LOCAL: ReadonlySet<string> = new Set(
  'me us you him her them it is are was were be been based look looking here there we i home work office located find reach email mail contact write message ping meet stay staying arrive arrived arriving live living found available'.split(' '),
);
function spelledAddress(text: string): string | null {
  if (text.includes('@') || !/\bat\b/i.test(text)) return null;
  let found = false;
  const out = text.replace(SPELLED, (whole, local: string, domain: string) => {
    const localParts = local.split(SPELLED_PART_CUT).map((p) => p.trim());
    const domainParts = domain.split(SPELLED_PART_CUT).map((p) => p.trim());
    // Spelled in words at least once ("at", "dot", or in brackets): "kim@x.com" typed with a space is not this reader's.
    const inWords = /\s(?:at|dot)\s|[([{]\s*(?:at|dot)\s*[)\]}]/i.test(whole);
    const last = domainParts[domainParts.length - 1] ?? '';
    if (!inWords || NOT_LOCAL.has(localParts[0].toLowerCase()) || !/^\p{L}{2,}$/u.test(last)) return whole;
    if ([...localParts, ...domainParts].some((p) => p === '' || isStopWord(p.toLowerCase()))) return whole;
    found = true;
    return `${localParts.join('.')}@${domainParts.join('.')}`.toLowerCase();
  });
  return found ? out : null;
}
