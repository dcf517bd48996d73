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
 *
 * Pure: no Node or browser API.
 */
import type { Run } from './run';
import { appendTranscript } from './run';
import type { OutMessage } from './types';
import { WINDOW_SIZE } from './conversationStateSchema';

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

/** Zero-width characters a pasted text may carry inside a number or a word ("4111\u200b1111", "p\u200bassword"). */
const ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff\u00ad\u0000]/gu;

/**
 * The value of one decimal digit of any script ("7", full-width "７", Arabic-Indic "٧", Devanagari "७"): Unicode's
 * decimal digits come in blocks of ten consecutive code points from 0 to 9, so the value is the distance from the
 * start of the block. -1 when `ch` is not a decimal digit.
 */
export function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (!/^\p{Nd}$/u.test(ch)) return -1;
  let start = cp;
  while (start > 0 && /^\p{Nd}$/u.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/** `s` with every decimal digit of any script written as an ASCII digit (other characters unchanged). */
export function asciiDigits(s: string): string {
  // eslint-disable-next-line no-misleading-character-class
  return s.replace(/\p{Nd}/gu, (d) => String(digitValue(d)));
}

/*
 * A run of digit groups. Between two groups: spaces (any, also a line break, a no-break space or a zero-width one), or
 * ONE of - – — . / _ , ( ) with spaces around it or not ("4111.1111.1111.1111", "4111 - 1111", "(4111) 1111"). A comma
 * or a full stop FOLLOWED by a space ends the run ("4111 1111 1111 1111, 5555 ...": a list; "... 1111. Then"), so a
 * sentence's numbers are not joined into one. A run right after "+" is a phone number, never a card.
 */
const SP = '[\\s\\u00a0\\u202f\\u200b\\u200c\\u200d\\u2060\\ufeff]';
const DIGIT_GROUPS = new RegExp(
  `(?<![\\p{Nd}+])\\p{Nd}+(?:(?:${SP}*[-\\u2013\\u2014/_()]${SP}*|[.,](?![\\s\\u00a0\\u202f])|${SP}+)\\p{Nd}+)*(?!\\p{Nd})`,
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
  if (n < CARD_MIN || n > CARD_MAX || !luhnValid(digits)) return false;
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
 * Masks the card numbers in one run of digit groups. A card starts where the run starts (or right after a card of the
 * same run: two cards in a row) and is made of whole groups: 13-19 digits that are card-shaped. The longest such
 * prefix wins ("4111 1111 1111 1111 123": the card, then the CVV, which stays). A window in the MIDDLE of a longer
 * run is never masked (an IBAN's or a tracking number's digits would be cut into a "card").
 */
function maskCardsInRun(run: string, hidden: HiddenSecret[]): string {
  const groups: { at: number; end: number; digits: string }[] = [];
  for (const m of run.matchAll(GROUP)) groups.push({ at: m.index!, end: m.index! + m[0].length, digits: asciiDigits(m[0]) });
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < groups.length) {
    let end = -1;
    let digits = '';
    for (let j = i; j < groups.length; j++) {
      digits += groups[j].digits;
      if (digits.length > CARD_MAX) break;
      if (cardShaped(digits)) end = j;
    }
    if (end === -1) break;
    const card = groups.slice(i, end + 1).map((g) => g.digits).join('');
    out += run.slice(copied, groups[i].at) + `•••• ${card.slice(-4)}`;
    copied = groups[end].end;
    if (!hidden.includes('card')) hidden.push('card');
    i = end + 1;
  }
  return out + run.slice(copied);
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
/** Words after "password is" that describe the password instead of being it. */
const DESCRIBES_PASSWORD = new Set(
  (
    'not wrong incorrect invalid expired correct right ok okay fine too the a an my your this that it being been ' +
    'reset changed blank empty missing locked case hidden required same different no still now working broken weak ' +
    'strong long short forgotten lost stolen rejected compromised what which unknown known there gone new old sent ' +
    'in on for with and or but also never always definitely already just probably as before ever really very ' +
    'apparently supposedly somehow suddenly actually accepted saved stored valid yesterday today tomorrow again ago ' +
    'recently twice once at by because since after when so to of from is was will can cannot doesn\'t isn\'t won\'t anymore ' +
    'falsch richtig abgelaufen faux incorrect expiré correcte incorrecta caducada'
  ).split(' '),
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

/**
 * `text` with card numbers, passwords and PINs masked; `hidden` says what kinds were found (empty: unchanged). A masked
 * text also loses its zero-width characters (they could hide a card from the rules).
 */
export function maskCustomerSecrets(text: string): MaskedText {
  const hidden: HiddenSecret[] = [];
  const plain = text.replace(ZERO_WIDTH, (z, at: number) => (/\p{Nd}/u.test(text[at - 1] ?? '') && /\p{Nd}/u.test(text[at + 1] ?? '') ? ' ' : ''));
  // IBANs first: their digit groups are never a card.
  const kept = ibanSpans(plain);
  let out = plain.replace(DIGIT_GROUPS, (run: string, at: number) => {
    if (kept.some(([a, b]) => at < b && at + run.length > a)) return run;
    let count = 0;
    for (const _ of run.matchAll(/\p{Nd}/gu)) count++;
    if (count < CARD_MIN) return run;
    return maskCardsInRun(run, hidden);
  });
  out = out.replace(PIN, (m, word: string, sep: string, digits: string) => {
    const postal = digits.length === 6 && /[1-8]/.test(asciiDigits(digits[0])) && (/code/i.test(word) || ADDRESS_TALK.test(out));
    if (postal) return m;
    if (!hidden.includes('pin')) hidden.push('pin');
    return `${word}${sep}${HIDDEN}`;
  });
  out = out.replace(
    PASSWORD,
    (m, word: string, sep: string, dq: string | undefined, sq: string | undefined, cq: string | undefined, bare: string | undefined, at: number, whole: string) => {
      if (bare !== undefined) {
        const value = bare.replace(/[.,!?;:)\]]+$/u, '');
        if (value === '' || value === HIDDEN || value.startsWith('[hidden')) return m;
        if (DESCRIBES_PASSWORD.has(value.toLowerCase())) {
          // "password is wrong" / "is not working": a description. "password is correct horse battery staple" / "is my
          // dog Rex1": a passphrase (a describing word followed by words that describe nothing): hidden to the clause end.
          if (value.length < bare.length) return m;
          const rest = whole.slice(at + m.length);
          const next = /^\s+([\p{L}\p{N}'’]+)/u.exec(rest)?.[1];
          if (next === undefined || DESCRIBES_PASSWORD.has(next.toLowerCase()) || /^[\p{Ll}]+(?:ing|ed)$/u.test(next)) return m;
          if (!hidden.includes('password')) hidden.push('password');
          const tail = CLAUSE_REST.exec(rest)![0];
          return `${word}${sep}${HIDDEN}` + '\u0000'.repeat(tail.length); // the phrase's words, removed below
        }
        if (!hidden.includes('password')) hidden.push('password');
        return `${word}${sep}${HIDDEN}${bare.slice(value.length)}`;
      }
      if ((dq ?? sq ?? cq) === undefined) return m;
      if (!hidden.includes('password')) hidden.push('password');
      return `${word}${sep}${HIDDEN}`;
    },
  );
  if (out.includes('\u0000')) out = removePhraseTails(out);
  return { text: hidden.length === 0 ? text : out, hidden };
}

/** Removes, after each NUL marker run, as many characters as it has NULs (the rest of a passphrase). */
function removePhraseTails(s: string): string {
  let res = '';
  let skip = 0;
  for (const ch of s) {
    if (ch === '\u0000') {
      skip++;
      continue;
    }
    if (skip > 0) {
      skip--;
      continue;
    }
    res += ch;
  }
  return res;
}

/**
 * The bot's notice after a customer message in which something was hidden: placed right after that message (before the
 * bot's answer to it) in the step's messages and transcript and in the state's recent transcript. `message`: the flow's
 * wording (settings.secretHiddenMessage; absent: the default; empty: no notice). Said once for the message.
 */
export function tellSecretHidden(run: Run, maskedText: string, message: string | undefined): void {
  const text = (message ?? DEFAULT_SECRET_HIDDEN_MESSAGE).trim();
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
