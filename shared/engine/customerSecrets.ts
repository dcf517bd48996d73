/**
 * Session 15 (hostile s15 H#3): card numbers and passwords a customer types are masked before the message is stored
 * anywhere (transcript, lastMessage, answers, the agent's inbox, exports, webhooks), and the bot says, once for that
 * message, that it hid them. The engine masks every customer text at the door (`receive`), so escalation, question
 * answers and the handoff all read the masked text; nothing downstream ever sees the digits.
 *
 * The rules (a reader can check a message by hand):
 * - A payment card number: 13 to 19 digits, written together or in groups separated by one space or dash, that pass the
 *   Luhn check (every real card number does; a random run of digits passes one time in ten). Kept: the last 4 digits, as
 *   "•••• 4242". In a longer run of groups ("4111 1111 1111 1111 123": the number, then the CVV) the longest Luhn-valid
 *   run of whole groups from the left is the card.
 * - A password given as such: "password / passcode / passphrase / pwd / pw" followed by "is", "was", ":" or "=" and a
 *   value: the value (the next word, or a quoted phrase) becomes "[hidden]", unless the word describes the password
 *   instead of being it ("my password is wrong / not working / expired").
 * - A PIN or card security code given as such: "pin / cvv / cvc / csc / security code" + "is" / ":" / "=" + 3 to 8
 *   digits: the digits become "[hidden]".
 * - Everything else is kept exactly as typed (session 17): the masked text equals the input outside the masked spans
 *   (emoji, ZWJ sequences, combining marks and variation selectors next to or inside a passphrase included). The one
 *   exception: zero-width characters inside the words that introduced a secret ("p\u200bassword is") are dropped
 *   with them.
 *
 * Pure: no Node or browser API.
 */
import type { Run } from './run';
import { appendTranscript } from './run';
import type { OutMessage } from './types';
import { WINDOW_SIZE } from './conversationStateSchema';
import { renderTemplate } from '../flow/template';

export type HiddenSecret = 'card' | 'password' | 'pin';
export type MaskedText = { text: string; hidden: HiddenSecret[] };

export const HIDDEN = '[hidden]';
/** The bot's words after a message in which something was hidden (a flow may word it: settings.secretHiddenMessage). */
export const DEFAULT_SECRET_HIDDEN_MESSAGE =
  "For your safety, I've hidden the card number or password in your message. Please never send card details or passwords in chat.";

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// digitValue / asciiDigits live in unicodeText.ts (no imports: the customer widget reads digits without this module).
import { asciiDigits, digitValue } from './unicodeText';
export { asciiDigits, digitValue };

/*
 * A run of digit groups. Between two groups: spaces (any, also a line break, a no-break space or a zero-width one), or
 * ONE of - – — . / _ , ( ) with spaces around it or not ("4111.1111.1111.1111", "4111 - 1111", "(4111) 1111"). A comma
 * or a full stop FOLLOWED by a space ends the run ("4111 1111 1111 1111, 5555 ...": a list; "... 1111. Then"), so a
 * sentence's numbers are not joined into one. A run right after "+" is a phone number, never a card.
 */
const SP = '[\\s\\u00a0\\u202f\\u200b\\u200c\\u200d\\u2060\\ufeff]';
const DIGIT_GROUPS = new RegExp(
  `(?<![\\p{Nd}+])\\p{Nd}+(?:(?:${SP}*[-\\u2010\\u2011\\u2012\\u2013\\u2014\\u2212\\u00b7/_()]${SP}*|[.,](?![\\s\\u00a0\\u202f])|${SP}+)\\p{Nd}+)*(?!\\p{Nd})`,
  'gu',
);
const GROUP = /\p{Nd}+/gu;
const CARD_MIN = 13;
const CARD_MAX = 19;

/**
 * Whether `digits` (ASCII) has the shape of a payment card number: an issuer prefix with a length that issuer uses, and
 * the Luhn check. Visa 4: 13, 16 or 19 digits; Mastercard 51-55 / 2221-2720 and Maestro 50, 56-58: 16-19 (2-series 16);
 * American Express 34, 37: 15; Diners 30, 36, 38, 39: 14 or 16; JCB 35: 16-19; Discover, UnionPay, Maestro 6: 16-19.
 * So 15 digits are a card only after 34/37: an IMEI (15 digits with a Luhn check digit by design) is never one, nor a
 * number starting 0, 1, 7, 8 or 9 (a USPS tracking number, a bank reference of zeros, an EAN).
 */
export function cardShaped(digits: string): boolean {
  const n = digits.length;
  if (n < CARD_MIN || n > CARD_MAX || !issuerShaped(digits, n)) return false;
  return luhnValid(digits);
}

function issuerShaped(digits: string, n: number): boolean {
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  switch (digits[0]) {
    case '4':
      return n === 13 || n === 16 || n === 19;
    case '2':
      return p4 >= 2221 && p4 <= 2720 && n === 16;
    case '3':
      if (p2 === 34 || p2 === 37) return n === 15;
      if (p2 === 35) return n >= 16;
      if (p2 === 30 || p2 === 36 || p2 === 38 || p2 === 39) return n === 14 || n === 16;
      return false;
    case '5':
      return p2 <= 58 && n >= 16;
    case '6':
      return n >= 16;
    default:
      return false;
  }
}

/**
 * The card numbers in one run of digit groups ([start, end) in the run, and the mask). A card starts where the run starts (or right after a card of the
 * same run: two cards in a row) and is made of whole groups: 13-19 digits that are card-shaped. The longest such
 * prefix wins ("4111 1111 1111 1111 123": the card, then the CVV, which stays). A window in the MIDDLE of a longer
 * run is never masked (an IBAN's or a tracking number's digits would be cut into a "card").
 */
function cardsInRun(run: string, hidden: HiddenSecret[]): Replacement[] {
  const groups: { at: number; end: number; digits: string }[] = [];
  for (const m of run.matchAll(GROUP)) groups.push({ at: m.index!, end: m.index! + m[0].length, digits: asciiDigits(m[0]) });
  const lineBreakAfter = (k: number) => k + 1 < groups.length && /[\n\r]/u.test(run.slice(groups[k].end, groups[k + 1].at));
  // What may follow a card found in the middle of a run: nothing, a line break, a CVV-sized group, an expiry (MM/YY) and
  // a CVV. Anything else (more digit groups: "ref 9400 4111 1111 1111 1111 00") is a longer number, not a card.
  const endsWell = (end: number) => {
    const rest = groups.slice(end + 1, end + 5).map((g) => g.digits.length);
    if (rest.length === 0 || lineBreakAfter(end)) return true;
    if (rest.length === 1) return rest[0] === 3 || rest[0] === 4;
    const expiry = rest[0] <= 2 && rest[1] === 2 && run.slice(groups[end + 1].end, groups[end + 2].at).includes('/');
    return expiry && (rest.length === 2 || (rest.length === 3 && (rest[2] === 3 || rest[2] === 4)));
  };
  const cards: Replacement[] = [];
  let i = 0;
  let free = true; // i is the run's start, right after a card, or right after a line break
  while (i < groups.length) {
    const ends: number[] = [];
    let digits = '';
    // No issuer number starts with 0, 1, 7, 8 or 9: no card starts at this group.
    const lead = groups[i].digits.charCodeAt(0);
    for (let j = lead >= 50 && lead <= 54 ? i : groups.length; j < groups.length; j++) {
      digits += groups[j].digits;
      if (digits.length > CARD_MAX) break;
      if (cardShaped(digits)) ends.push(j);
    }
    let end = ends.length > 0 ? ends[ends.length - 1] : -1;
    // Hostile s17 H#30: 16 digits and a CVV make a Luhn-valid 19-digit "card" one time in ten, whose "last 4" were the
    // CVV: when the longest ends with a group of 3 digits or fewer and the card without it is card-shaped, that is the card.
    // The group left out is masked with it (session 17 review: a real 19-digit card typed 4-4-4-4-3 whose first 16
    // digits pass Luhn showed its last 3 digits; and a CVV is no more to be shown than the card).
    let spanEnd = end;
    if (end > i && groups[end].digits.length <= 3 && ends.includes(end - 1)) end = end - 1;
    // Hostile s17 H#27 (HIGH): a card after another number on the same run ("NW-230918\n4111 ...", "order 123456 4111
    // ...", "Flat 2 4111 ...", a phone, then the card) was left whole: a card may start at any group when it ends well.
    if (end !== -1 && (free || endsWell(end))) {
      const card = groups.slice(i, end + 1).map((g) => g.digits).join('');
      cards.push({ start: groups[i].at, end: groups[spanEnd].end, text: `•••• ${card.slice(-4)}` });
      if (!hidden.includes('card')) hidden.push('card');
      i = spanEnd + 1;
      free = true;
      continue;
    }
    free = lineBreakAfter(i);
    i++;
  }
  return cards;
}

/**
 * IBANs (ISO 13616): 2 letters, 2 check digits, then letters/digits written together or in groups of 4 (the printed
 * form), valid by the mod-97 check. Their digit groups are never a card (hostile s16 H#29: 6 of 20 countries' example
 * IBANs held a Luhn-valid window).
 */
const IBAN =
  /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?:[ \u00a0]?[A-Za-z0-9]{4}){2,7}([ \u00a0]?[A-Za-z0-9]{1,3})?)(?![\p{L}\p{N}])/gu;
function ibanValid(text: string): boolean {
  const s = text.replace(/[ \u00a0]/g, '').toUpperCase();
  if (s.length < 15 || s.length > 34) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let r = 0;
  for (const ch of moved) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    r = (v >= 10 ? r * 100 + v : r * 10 + v) % 97;
  }
  return r === 1;
}
/** The [start, end) spans of the valid IBANs in `text`. */
function ibanSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(IBAN)) {
    const at = m.index!;
    if (ibanValid(m[0])) spans.push([at, at + m[0].length]);
    else if (m[1] !== undefined && ibanValid(m[0].slice(0, m[0].length - m[1].length))) spans.push([at, at + m[0].length - m[1].length]);
  }
  return spans;
}

/*
 * Words that name a password (English and the languages our customers write most): the value after them, with "is",
 * "was", "'s", ":", "=", " - ", a line break or up to four words and "is" between ("the password I use is X"), is the
 * password. "pass" alone is not one (hostile s16 H#1): a boarding pass, a day pass, "pass is valid".
 */
const PASSWORD_WORD =
  "pass(?:word|wd|code|phrase)s?|pwd|pw|passwort|kennwort|mot\\s+de\\s+passe|contrase(?:ñ|n)a|senha|wachtwoord|has(?:ł|l)o|l(?:ö|o)senord|adgangskode|passord|salasana";
const IS = "(?:is|was|ist|war|est|était|es|era|é|jest|är)";
const PASSWORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(${PASSWORD_WORD})(?![\\p{L}\\p{N}])(` +
    `'s\\s+|[’]s\\s+|\\s*[:=]\\s*|\\s+-\\s+|[ \\t]*\\n\\s*|(?:\\s+[\\p{L}']{1,12}){0,4}?\\s+${IS}(?![\\p{L}])\\s*[:=]?\\s*` +
    `)(?:"([^"\\n]{1,80})"|'([^'\\n]{1,80})'|“([^”\\n]{1,80})”|([^\\s"'“]+))`,
  'giu',
);
const ANY_DIGIT = /\p{Nd}/u;
const ANY_PASSWORD_WORD = new RegExp(PASSWORD_WORD, 'iu');
/** Words after "password is" that describe the password instead of being it. */
const DESCRIBES_PASSWORD = new Set(
  (
    'not wrong incorrect invalid expired correct right ok okay fine too the a an my your this that it being been ' +
    'reset changed blank empty missing locked case hidden required same different no still now working broken weak ' +
    'strong long short forgotten lost stolen rejected compromised what which unknown known there gone new old sent ' +
    'in on for with and or but also never always definitely already just probably as before ever really very ' +
    'apparently supposedly somehow suddenly actually accepted saved stored valid yesterday today tomorrow again ago ' +
    'recently twice once at by because since after when so to of from is was will can cannot doesn\'t isn\'t won\'t anymore ' +
    'falsch richtig abgelaufen faux incorrect expiré correcte incorrecta caducada ' +
    // Session 17 (hostile s17 H#3, H#21): the other languages' describing words, and an agent's explanations.
    'zu kurz lang ungültig trop court long invalide muy corta larga corto largo inválida inválido incorrecto errada errado ' +
    'incorreta incorreto curta longa verlopen fout onjuist ongeldig kort nieprawidłowe nieprawidłowy błędne za krótkie ' +
    'fel ogiltigt utgånget feil ugyldig forkert väärä vanhentunut sensitive insensitive least most characters letters digits'
  ).split(' '),
);
/** Words right after the password word that make it a thing, not a label: "password field is greyed out" (H#3). */
const PASSWORD_THING = new Set(
  'field box page form requirement requirements rule rules policy length reset change manager hint strength settings option link email mail screen prompt expiry'.split(' '),
);
/** A password value that is a whole phrase: the words up to the end of the clause. */
const CLAUSE_REST = /^[^\n.,;!?]*/u;
/*
 * A PIN or card security code: "pin / pin number / cvv / cvc / csc / cid / security code" then "is", ":", "=", "'s",
 * or only a space, then 3 to 8 digits. Not a postal PIN (India's 6-digit postcode): "pin code" + 6 digits, or "PIN" + 6
 * digits in a message that speaks of a postcode or an address.
 */
const PIN =
  /(?<![\p{L}\p{N}])(pin(?:\s*(?:code|number|no\.?))?|cvv2?|cvc2?|csc|cid|card\s+verification\s+(?:code|value)|security\s+(?:code|number))((?:\s+(?:is|was)|'s|’s)?\s*[:=]?\s*|\s+)(\p{Nd}{3,8})(?!\p{Nd})/giu;
const ADDRESS_TALK = /\b(?:post\s*code|postal|zip|address|road|street|st\.?|nagar|marg|colony|city|district|state|india|flat|house)\b/iu;

/*
 * The masking works on the customer's text through a list of replacements in the ORIGINAL text's coordinates
 * (session 17: the passphrase's tail was once marked with NUL characters counted in UTF-16 units and removed by code
 * points, so an emoji inside it ate the characters after the phrase). Each pass reads a rendering of the text (the
 * replacements so far applied, and for reading only, zero-width characters taken out) and walks its matches with a
 * cursor; a match is mapped back to the original span it covers. The result is the original text with those spans
 * replaced: every character outside a masked span (emoji, ZWJ sequences, combining marks, variation selectors, a
 * zero-width character that hides nothing) is kept as it was typed.
 */
type Replacement = { start: number; end: number; text: string };
/** A rendering of the text: `text`, and for each of its UTF-16 units the original [start, end) it stands for. */
type Rendering = { text: string; from: Int32Array; to: Int32Array };

/** A zero-width character at `at` of `text` stands between two digits (it then reads as a space, else as nothing). */
function betweenDigits(text: string, at: number, width: number): boolean {
  const before = at > 0 ? String.fromCodePoint(text.codePointAt(at - 1 - (at >= 2 && /[\udc00-\udfff]/.test(text[at - 1]) ? 1 : 0))!) : '';
  const after = at + width < text.length ? String.fromCodePoint(text.codePointAt(at + width)!) : '';
  return /\p{Nd}/u.test(before) && /\p{Nd}/u.test(after);
}

// Session 17 (hostile s17 H#4): also the direction marks and invisible operators a copy from another page carries
// (U+200E/F, U+202A-E, U+2061-4, U+2066-9) and the combining grapheme joiner U+034F.
// Zero-width characters a pasted text may carry inside a number or a word ("4111\u200b1111", "p\u200bassword"): one
// class, tested (ANY_ZERO_WIDTH) and replaced (ZERO_WIDTH_ANY).
const ZERO_WIDTH_CLASS = '[\\u200b\\u200c\\u200d\\u2060\\ufeff\\u00ad\\u0000\\u200e\\u200f\\u202a-\\u202e\\u2061-\\u2064\\u2066-\\u2069\\u034f]';
const ANY_ZERO_WIDTH = new RegExp(ZERO_WIDTH_CLASS, 'u');
const ZERO_WIDTH_ANY = new RegExp(ZERO_WIDTH_CLASS, 'gu');

function render(text: string, reps: readonly Replacement[]): Rendering {
  // The characters to leave out or turn into a space, and the replacements, in text order.
  const cuts: Replacement[] = [];
  let r = 0;
  for (const z of text.matchAll(ZERO_WIDTH_ANY)) {
    const at = z.index!;
    while (r < reps.length && reps[r].end <= at) cuts.push(reps[r++]);
    if (r < reps.length && reps[r].start <= at) continue; // inside a replacement
    cuts.push({ start: at, end: at + 1, text: betweenDigits(text, at, 1) ? ' ' : '' });
  }
  while (r < reps.length) cuts.push(reps[r++]);
  let length = text.length;
  for (const c of cuts) length += c.text.length - (c.end - c.start);
  const from = new Int32Array(length);
  const to = new Int32Array(length);
  const parts: string[] = [];
  let o = 0;
  let copied = 0;
  const copy = (upTo: number) => {
    parts.push(text.slice(copied, upTo));
    for (let i = copied; i < upTo; i++, o++) (from[o] = i, to[o] = i + 1);
  };
  for (const c of cuts) {
    copy(c.start);
    parts.push(c.text);
    for (let k = 0; k < c.text.length; k++, o++) (from[o] = c.start, to[o] = c.end);
    copied = c.end;
  }
  copy(text.length);
  return { text: parts.join(''), from, to };
}

/** Adds a replacement for the rendering's [s, e) (which may cover earlier replacements: they are absorbed). */
function replaceSpan(reps: Replacement[], r: Rendering, s: number, e: number, text: string): void {
  const start = r.from[s];
  const end = r.to[e - 1];
  // reps is sorted and disjoint: the first one ending after `start`, then those starting before `end` are covered.
  let lo = 0;
  let hi = reps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reps[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  let k = lo;
  while (k < reps.length && reps[k].start < end) k++;
  reps.splice(lo, k - lo, { start, end, text });
}

/**
 * Masks the rendering's [valueAt, end) with "[hidden]". When the words that introduced the secret ([at, valueAt):
 * "p\u200bassword is ") were disguised by zero-width characters, they are written as read (the characters taken out):
 * the replaced span then starts at the word.
 */
function hideValue(text: string, reps: Replacement[], r: Rendering, at: number, valueAt: number, end: number): void {
  const lead = r.text.slice(at, valueAt);
  if (text.slice(r.from[at], r.to[valueAt - 1]) === lead) replaceSpan(reps, r, valueAt, end, HIDDEN);
  else replaceSpan(reps, r, at, end, lead + HIDDEN);
}

/**
 * `text` with card numbers, passwords and PINs masked; `hidden` says what kinds were found (empty: unchanged). The
 * rules read the text with its zero-width characters taken out (they could hide a card or a password word from them);
 * the masked text is the input with only the secrets' spans replaced: outside them it is the input as typed.
 */
export function maskCustomerSecrets(text: string): MaskedText {
  // Most messages hold no digit, no password word and no zero-width character: nothing can be a secret (rtfast s17: the
  // three renderings were ~6% of the in-process message path).
  if (!ANY_DIGIT.test(text) && !ANY_PASSWORD_WORD.test(text) && !ANY_ZERO_WIDTH.test(text)) return { text, hidden: [] };
  const hidden: HiddenSecret[] = [];
  const reps: Replacement[] = [];
  let r = render(text, reps);
  // IBANs first: their digit groups are never a card.
  const kept = ibanSpans(r.text);
  for (const m of r.text.matchAll(DIGIT_GROUPS)) {
    const run = m[0];
    const at = m.index!;
    // Hostile s17 H#26: a valid IBAN's own characters are kept, the rest of the run is read on its own (a card after it).
    const inRun = kept.filter(([a, b]) => at < b && at + run.length > a);
    const parts: [number, number][] = [];
    let from = at;
    for (const [a, b] of inRun) {
      if (a > from) parts.push([from, a]);
      from = Math.max(from, b);
    }
    if (from < at + run.length) parts.push([from, at + run.length]);
    for (const [a, b] of parts) {
      const piece = r.text.slice(a, b);
      for (const sub of inRun.length === 0 ? [m] : piece.matchAll(DIGIT_GROUPS)) {
        const subRun = sub[0];
        const subAt = inRun.length === 0 ? at : a + sub.index!;
        let count = 0;
        for (const _ of subRun.matchAll(/\p{Nd}/gu)) count++;
        if (count < CARD_MIN) continue;
        for (const card of cardsInRun(subRun, hidden)) replaceSpan(reps, r, subAt + card.start, subAt + card.end, card.text);
      }
    }
  }
  r = render(text, reps);
  const cardsMasked = r.text;
  for (const m of cardsMasked.matchAll(PIN)) {
    const [whole, word, sep, digits] = m;
    const postal = [...digits].length === 6 && /[1-8]/.test(asciiDigits(digits)[0]) && (/code/i.test(word) || ADDRESS_TALK.test(cardsMasked));
    if (postal) continue;
    if (!hidden.includes('pin')) hidden.push('pin');
    const valueAt = m.index! + whole.length - digits.length;
    hideValue(text, reps, r, m.index!, valueAt, valueAt + digits.length);
  }
  r = render(text, reps);
  const s = r.text;
  PASSWORD.lastIndex = 0;
  for (let m = PASSWORD.exec(s); m !== null; m = PASSWORD.exec(s)) {
    const [whole, word, sep, dq, sq, cq, bare] = m;
    const at = m.index;
    const valueAt = at + word.length + sep.length;
    // "password field is ...", "password requirement was ...": a thing named after the password, not a label (H#3).
    const between = /^\s+([\p{L}']+)/u.exec(sep)?.[1]?.toLowerCase();
    if (between !== undefined && PASSWORD_THING.has(between)) continue;
    // Hostile s17 H#2, H#21: a sentence ending with "password" is no label for the next line ("Reset my password\nCan you
    // send a link"). After a bare line break the value is a password only when it is the whole next line and looks like
    // one (a digit, a symbol or a capital after the first letter).
    if (bare !== undefined && /\n/u.test(sep) && !/[:=]|\bis\b|\bwas\b/iu.test(sep)) {
      const lineRest = /^[^\n]*/u.exec(s.slice(at + whole.length))![0];
      if (lineRest.trim() !== '' || !/[\p{Nd}\p{S}\p{P}]|.\p{Lu}/u.test(bare)) continue;
    }
    if (bare !== undefined) {
      const value = bare.replace(/[.,!?;:)\]]+$/u, '');
      if (value === '' || value === HIDDEN || value.startsWith('[hidden')) continue;
      if (DESCRIBES_PASSWORD.has(value.toLowerCase())) {
        // "password is wrong" / "is not working": a description. "password is correct horse battery staple" / "is my
        // dog Rex1": a passphrase (a describing word followed by words that describe nothing): hidden to the clause end.
        if (value.length < bare.length) continue;
        const rest = s.slice(at + whole.length);
        const token = /^\s+(\S+)/u.exec(rest)?.[1];
        // The next word's letters and digits ("🐶Rex" -> "Rex"); a token of symbols or emoji only says nothing.
        const next = token?.replace(/[^\p{L}\p{N}'’]/gu, '');
        if (next === undefined || next === '' || DESCRIBES_PASSWORD.has(next.toLowerCase()) || /^[\p{Ll}]+(?:ing|ed)$/u.test(next)) continue;
        if (!hidden.includes('password')) hidden.push('password');
        const tailEnd = at + whole.length + CLAUSE_REST.exec(rest)![0].length;
        hideValue(text, reps, r, at, valueAt, tailEnd);
        PASSWORD.lastIndex = tailEnd; // the cursor goes on after the phrase
        continue;
      }
      if (!hidden.includes('password')) hidden.push('password');
      hideValue(text, reps, r, at, valueAt, valueAt + value.length);
      continue;
    }
    if ((dq ?? sq ?? cq) === undefined) continue;
    if (!hidden.includes('password')) hidden.push('password');
    hideValue(text, reps, r, at, valueAt, at + whole.length);
  }
  return { text: hidden.length === 0 ? text : applyReplacements(text, reps), hidden };
}

/** `text` with `reps` (sorted, disjoint, original coordinates) applied; every other character kept. */
function applyReplacements(text: string, reps: readonly Replacement[]): string {
  let out = '';
  let copied = 0;
  for (const rep of reps) {
    out += text.slice(copied, rep.start) + rep.text;
    copied = rep.end;
  }
  return out + text.slice(copied);
}

/**
 * The bot's notice after a customer message in which something was hidden: placed right after that message (before the
 * bot's answer to it) in the step's messages and transcript and in the state's recent transcript. `message`: the flow's
 * wording (settings.secretHiddenMessage; absent: the default; empty: no notice). Said once for the message. Its
 * {{variables}} are filled in like the restart message's (hostile s16 H#5: they were said literally); a {{secrets.X}}
 * shows nothing, as in every bot text (validateFlow warns secret_in_text).
 */
export function tellSecretHidden(run: Run, maskedText: string, message: string | undefined): void {
  const text = renderTemplate(message ?? DEFAULT_SECRET_HIDDEN_MESSAGE, run.s.variables).trim();
  if (text === '') return;
  const at = run.transcript.findIndex((e) => e.from === 'customer' && e.text.startsWith(maskedText.slice(0, 200)));
  const msg: OutMessage = { from: 'bot', text };
  if (at === -1) {
    // The message was not recorded this step (it should always be): say it at the end.
    run.messages.push(msg);
    appendTranscript(run, { from: 'bot', text, at: run.now });
    return;
  }
  const customerEntry = run.transcript[at];
  const entry = { from: 'bot' as const, text, at: run.now, ...(customerEntry.blockId !== undefined ? { blockId: customerEntry.blockId } : {}) };
  // The messages the bot said this step before the customer's message was recorded (a redeploy restart says nothing
  // before it) are none: the notice is the first of the step's messages.
  const botBefore = run.transcript.slice(0, at).filter((e) => e.from !== 'customer').length;
  run.messages.splice(Math.min(botBefore, run.messages.length), 0, msg);
  run.transcript.splice(at + 1, 0, entry);
  // The state's window: a copy (the caller's state is never changed), the notice after the message, at most WINDOW_SIZE.
  const recent = run.s.recentTranscript.slice();
  const inRecent = recent.lastIndexOf(customerEntry);
  if (inRecent !== -1) {
    recent.splice(inRecent + 1, 0, entry);
    run.s.recentTranscript = recent.length > WINDOW_SIZE ? recent.slice(recent.length - WINDOW_SIZE) : recent;
    run.transcriptOwned = true;
  }
}
