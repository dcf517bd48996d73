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
 * - Session 18 (hostile s17 H#4, H#23, H#28, H#30; s18 H#1-H#5, H#24, H#26): a card is also read after "+" when no phone
 *   is that long, across " , " / ". " and keycap digits, glued to its CVV or expiry, and only in a card's grouping (4s,
 *   4-6-5, one group, single digits); its CVV / expiry after it is hidden with it; a 13-digit Visa needs a card word,
 *   and a run after "IMEI", "barcode", "call me on" ... starts with no card. Passwords: a passphrase to the clause's end,
 *   a value right after the word when it looks like a credential, "pass" after a user name, "email:value", "the new
 *   one is X", any quotes; "blocked", "case-sensitive", "12 characters" describe. maskCustomerText also applies the
 *   engine's cap (what the customer sent counts; masks never lengthen the kept text).
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
import { asciiDigits, cutUnits, digitValue, INVISIBLE_CLASS } from './unicodeText';
import { matchesOf } from './matchesOf';
export { asciiDigits, digitValue };

/*
 * A run of digit groups. Between two groups: spaces (any, also a line break, a no-break space or a zero-width one), or
 * ONE of - – — . / _ , ( ) with spaces around it or not ("4111.1111.1111.1111", "4111 - 1111", "(4111) 1111"). A comma
 * FOLLOWED by a space (and no space before it) ends the run ("4111 1111 1111 1111, 5555 ...": a list), so a sentence's
 * numbers are not joined into one. Session 18 (hostile s17 H#4): a comma or full stop with a space BEFORE it
 * ("4111 , 1111 , ...") and a full stop followed by a space ("4111. 1111. 1111. 1111") join groups. A run right after
 * "+" is a phone number only when a phone can be that long (and s18 H#6: "|", ";", ":", "--" and ")(" between groups) (15 digits, E.164): "card: +4111 1111 1111 1111" is a card.
 */
const SP = '[\\s\\u00a0\\u202f\\u200b\\u200c\\u200d\\u2060\\ufeff]';
const DIGIT_GROUPS = new RegExp(
  `(?<!\\p{Nd})\\p{Nd}+(?:(?:${SP}*(?:[-\\u2010\\u2011\\u2012\\u2013\\u2014\\u2212\\u00b7/_()|;:]|--|\\)\\()${SP}*|[.,](?![\\s\\u00a0\\u202f])|${SP}+[.,]${SP}*|\\.${SP}+|${SP}+)\\p{Nd}+)*(?!\\p{Nd})`,
  'gu',
);
const GROUP = /\p{Nd}+/gu;
const CARD_MIN = 13;
const CARD_MAX = 19;
/** The longest phone number (E.164): a run after "+" with more digits is no phone. */
const PHONE_MAX = 15;
/**
 * Session 18 (hostile s17 H#23): words that say the number after them is something else than a card (a barcode, an
 * IMEI or IMEISV, a serial or tracking number, a phone number). A run right after one of them (up to three short words
 * between: "IMEI number is", "call me on") does not START with a card; a card later in the run is still read (H#27).
 */
const NOT_CARD_LABEL =
  /(?<![\p{L}\p{N}])(?:bar\s*code|ean(?:-?1[38])?|gtin|upc|isbn|imei(?:sv)?|serial|s\/n|tracking|svn|phone|mobile|cell|tel|telephone|call|whatsapp|fax)(?![\p{L}\p{N}])(?:[^\p{L}\p{N}\n.,;!?]*[\p{L}']{1,8}){0,3}[^\p{L}\p{N}\n.,;!?]*$/iu;
/** A word for a payment card: a 13-digit run is a card only in a message that has one (H#23: 13-digit Visas are gone). */
const CARD_WORD =
  /(?<![\p{L}])(?:cards?|visa|master\s*card|amex|credit|debit|cvv|cvc|karte|kreditkarte|carte|tarjeta|cart[ãa]o|kaart|karta|kort)(?![\p{L}])/iu;
/** How much text before a run is read for a label (the same line only). */
const LABEL_WINDOW = 48;

/**
 * Whether `digits` (ASCII) has the shape of a payment card number: an issuer prefix with a length that issuer uses, and
 * the Luhn check. Visa 4: 13, 16 or 19 digits; Mastercard 51-55 / 2221-2720 and Maestro 50, 56-58: 16-19 (2-series 16);
 * American Express 34, 37: 15; Diners 30, 36, 38, 39: 14 or 16; JCB 35: 16-19; Discover, UnionPay, Maestro 6: 16-19.
 * So 15 digits are a card only after 34/37: an IMEI (15 digits with a Luhn check digit by design) is never one, nor a
 * number starting 0, 1, 7, 8 or 9 (a USPS tracking number, a bank reference of zeros, an EAN).
 */
export function cardShaped(digits: string, thirteen = true): boolean {
  const n = digits.length;
  if (n < CARD_MIN || n > CARD_MAX || !issuerShaped(digits, n, thirteen)) return false;
  return luhnValid(digits);
}

/**
 * Session 18 (hostile s17 H#23): JCB is 3528-3589 (an IMEISV's type code 35xxxxxx outside it is no card); a 13-digit
 * Visa only when `thirteen` (the message names a card: German EAN-13 barcodes start 400-440 and pass Luhn one time in
 * ten, and issuers stopped 13-digit Visas years ago).
 */
function issuerShaped(digits: string, n: number, thirteen: boolean): boolean {
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  switch (digits[0]) {
    case '4':
      return (n === 13 && thirteen) || n === 16 || n === 19;
    case '2':
      return p4 >= 2221 && p4 <= 2720 && n === 16;
    case '3':
      if (p2 === 34 || p2 === 37) return n === 15;
      if (p2 === 35) return p4 >= 3528 && p4 <= 3589 && n >= 16;
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
 * Session 18 (hostile s18 H#5): the groupings a card is written in: one group; groups of 4 (the last of 1-4: 4-4-4-4,
 * 4-4-4-4-3, Amex typed 4-4-4-3); Amex and Diners 4-6-5 / 4-6-4; one or two digits each ("4 1 1 1 ...", keycaps).
 * Other groupings are several numbers, one time in ten card-shaped by chance: 6+11 (an order number, then a phone),
 * 2-2-4-2-2-4 (a date range "25/01/2026 - 27/01/2026"), 1+15 (a dual-SIM IMEI list "IMEI 2 35..."), 8+8 (two orders),
 * 5-4-5-4 (two ZIP+4 codes).
 */
function cardGrouping(sizes: readonly number[], spaced = true, halves = true): boolean {
  const n = sizes.length;
  if (n === 1) return true;
  // Digits one or two at a time only with spaces between (times "22:30 23:15 ..." are no card).
  if (spaced && sizes.every((k) => k <= 2)) return true;
  // Halves ("41111111 11111111") only in a message that names a card (session 19, hostile s18 #5 rest: two 8-digit order
  // numbers were a card-shaped 16 digits one time in ten: "orders 45012345 and 53019876" was masked).
  if (n === 2 && sizes[0] === 8 && sizes[1] === 8) return halves;
  if (n === 3 && sizes[0] === 4 && sizes[1] === 6 && (sizes[2] === 5 || sizes[2] === 4)) return true;
  for (let k = 0; k < n - 1; k++) if (sizes[k] !== 4) return false;
  return sizes[n - 1] >= 1 && sizes[n - 1] <= 4;
}

/**
 * The card numbers in one run of digit groups ([start, end) in the run, and the mask). A card starts where the run starts (or right after a card of the
 * same run: two cards in a row) and is made of whole groups: 13-19 digits that are card-shaped. The longest such
 * prefix wins ("4111 1111 1111 1111 123": the card, then the CVV, which stays). A window in the MIDDLE of a longer
 * run is never masked (an IBAN's or a tracking number's digits would be cut into a "card").
 */
function cardsInRun(run: string, hidden: HiddenSecret[], labelled: boolean, thirteen: boolean): Replacement[] {
  const groups: { at: number; end: number; digits: string }[] = [];
  for (const m of matchesOf(run, GROUP)) groups.push({ at: m.index!, end: m.index! + m[0].length, digits: asciiDigits(m[0]) });
  const lineBreakAfter = (k: number) => k + 1 < groups.length && /[\n\r]/u.test(run.slice(groups[k].end, groups[k + 1].at));
  // What may follow a card found in the middle of a run: nothing, a line break, a CVV-sized group, an expiry (MM/YY) and
  // a CVV. Anything else (more digit groups: "ref 9400 4111 1111 1111 1111 00") is a longer number, not a card.
  // Session 18: another card right after it ("pin 123 4111 1111 1111 1111 5555 5555 5555 4444": two cards) ends well too.
  const cardStartsAt = (k: number) => {
    let digits = '';
    const sizes: number[] = [];
    for (let j = k; j < groups.length && digits.length <= CARD_MAX; j++) {
      digits += groups[j].digits;
      sizes.push(groups[j].digits.length);
      if (cardShaped(digits, thirteen) && cardGrouping(sizes, true, thirteen)) return true;
    }
    return false;
  };
  const endsWell = (end: number) => {
    const rest = groups.slice(end + 1, end + 5).map((g) => g.digits.length);
    if (rest.length === 0 || lineBreakAfter(end) || cardStartsAt(end + 1)) return true;
    if (rest.length === 1) return rest[0] === 3 || rest[0] === 4;
    const expiry = rest[0] <= 2 && rest[1] === 2 && run.slice(groups[end + 1].end, groups[end + 2].at).includes('/');
    return expiry && (rest.length === 2 || (rest.length === 3 && (rest[2] === 3 || rest[2] === 4)));
  };
  // Session 18 (hostile s17 H#4, H#30 rest): what follows a card in its run and is masked with it: a CVV-sized group, an
  // expiry (MM/YY) and a CVV, when nothing else follows on the run or the line. "4111 1111 1111 1111 123" showed
  // "•••• 1111 123": the CVV.
  const tailOf = (end: number) => {
    const left = groups.length - end - 1;
    const last = (k: number) => left === k || lineBreakAfter(end + k);
    if (left <= 0 || lineBreakAfter(end)) return 0;
    const rest = groups.slice(end + 1, end + 4).map((g) => g.digits.length);
    if ((rest[0] === 3 || rest[0] === 4) && last(1)) return 1;
    const expiry = left >= 2 && rest[0] <= 2 && rest[1] === 2 && run.slice(groups[end + 1].end, groups[end + 2].at).includes('/');
    if (expiry && last(2)) return 2;
    if (expiry && left >= 3 && (rest[2] === 3 || rest[2] === 4) && last(3)) return 3;
    return 0;
  };
  // An IMEISV as printed (2-6-6-2: "35 209900 176148 23") is no card (H#23).
  const imeisvShaped = (from: number, to: number) =>
    to - from === 3 && groups[from].digits.length === 2 && groups[from + 1].digits.length === 6 && groups[from + 2].digits.length === 6 && groups[to].digits.length === 2;
  const gluedCard = (from: number): { end: number; card: string } | null => {
    let prefix = '';
    const sizes: number[] = [];
    for (let j = from; j < groups.length && (j === from || !lineBreakAfter(j - 1)) && prefix.length <= CARD_MAX; j++) {
      const g = groups[j].digits;
      if (j === groups.length - 1 || lineBreakAfter(j)) {
        for (const n of [16, 15]) {
          const rest = prefix.length + g.length - n;
          if (n <= prefix.length || ![3, 4, 7, 8].includes(rest)) continue;
          const card = (prefix + g).slice(0, n);
          if (cardShaped(card, false) && cardGrouping([...sizes, n - prefix.length], true, thirteen)) return { end: j, card };
        }
      }
      prefix += g;
      sizes.push(g.length);
    }
    return null;
  };
  const cards: Replacement[] = [];
  // A run after a label that names another kind of number ("IMEI", "barcode", "call me on") starts with no card.
  let i = labelled ? 1 : 0;
  let free = !labelled; // i is the run's start, right after a card, or right after a line break
  while (i < groups.length) {
    const ends: number[] = [];
    let digits = '';
    const sizes: number[] = [];
    let spaced = true;
    // No issuer number starts with 0, 1, 7, 8 or 9: no card starts at this group.
    const lead = groups[i].digits.charCodeAt(0);
    // Session 18 (hostile s18 H#5): and in a card's grouping (cardGrouping: "order 543349\n07567111547" was one "card").
    for (let j = lead >= 50 && lead <= 54 ? i : groups.length; j < groups.length; j++) {
      digits += groups[j].digits;
      sizes.push(groups[j].digits.length);
      if (j > i) spaced &&= /^\s*$/u.test(run.slice(groups[j - 1].end, groups[j].at));
      if (digits.length > CARD_MAX) break;
      if (cardShaped(digits, thirteen) && cardGrouping(sizes, spaced, thirteen) && !imeisvShaped(i, j)) ends.push(j);
    }
    // Session 18 (hostile s18 H#1, HIGH): a card typed with its CVV or expiry glued on ("4638336870683802760",
    // "4124 1129 0699 0326021", card + MMYY) is one run of 19-24 digits that is no card by whole groups: the first 16
    // (Amex 15) digits are the card when they are card-shaped and what is left of the run's last group is a CVV (3-4),
    // an expiry (4) or both (7-8). Read at a run's start only (or after a line break or a card).
    // A 17-19 digit run that is card-shaped as a whole AND as 16 digits + a CVV is read as the latter (its "last 4" would
    // show the CVV: "4329279749955999300" -> "•••• 9300"); masked whole either way.
    if (free && lead >= 50 && lead <= 54) {
      const glued = gluedCard(i);
      if (glued !== null && (ends.length === 0 || glued.end >= ends[ends.length - 1])) {
        cards.push({ start: groups[i].at, end: groups[glued.end].end, text: `•••• ${glued.card.slice(-4)}` });
        if (!hidden.includes('card')) hidden.push('card');
        i = glued.end + 1;
        free = true;
        continue;
      }
    }
    let end = ends.length > 0 ? ends[ends.length - 1] : -1;
    // Hostile s17 H#30: 16 digits and a CVV make a Luhn-valid 19-digit "card" one time in ten, whose "last 4" were the
    // CVV: when the longest ends with a group of 3 digits or fewer and the card without it is card-shaped, that is the card.
    // The group left out is masked with it (session 17 review: a real 19-digit card typed 4-4-4-4-3 whose first 16
    // digits pass Luhn showed its last 3 digits; and a CVV is no more to be shown than the card).
    if (end > i && groups[end].digits.length <= 3 && ends.includes(end - 1)) end = end - 1;
    const spanEnd = end === -1 ? -1 : end + tailOf(end);
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
  for (const m of matchesOf(text, IBAN)) {
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
  "pass(?:word|wd|code|phrase)s?|pass[ \\t]+(?:word|code|phrase)s?|pwd|pw|passwort|kennwort|mot\\s+de\\s+passe|contrase(?:ñ|n)a|senha|wachtwoord|has(?:ł|l)o|l(?:ö|o)senord|adgangskode|passord|salasana|пароль|şifre|sifre|parola";
const IS = "(?:is|was|ist|war|est|était|es|era|é|è|jest|är)";
/*
 * Session 18 (hostile s17 H#28): the words between the password word and "is" or ":" may be any tokens of the same line
 * and clause ("the password for ana@example.com is X", "Password of the account: X", "password (new): X"; they were
 * letters only); the value may follow the word with only a space when it looks like a credential ("pwd Summer2024!",
 * "passcode 482913": see credentialShaped); "pass" is a password word after a user name or an email address in the
 * message ("username: ana@example.com pass: X", "user ana / pass X"; alone it is a boarding or day pass). A value may
 * open with a quote it never closes ("password is 'hunter2": hidden to the clause end).
 */
/**
 * Session 19 (hostile s19 #23): "password - it's X", "password? it is X", "password... it was X": the value after "it is"
 * (read like a value after a bare space: credential-shaped only).
 */
const IT_IS = `(?:[ \\t\\u00a0]*(?:[-\\u2013\\u2014?]|\\.\\.\\.|…)[ \\t\\u00a0]*|[ \\t\\u00a0]+)it(?:'s|’s|[ \\t\\u00a0]+(?:is|was))[ \\t\\u00a0]+`;
const BRIDGE_TOKEN = `(?:[^\\s.,;!?:="“]|\\.(?=[\\p{L}\\p{N}])){1,40}`;
const PASSWORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(${PASSWORD_WORD}|pass)(?![\\p{L}\\p{N}])(` +
    `'s\\s+|[’]s\\s+|(?<=has[łl]o)\\s+to\\s*[:=]?\\s*|${IT_IS}|\\s*(?:=>|->|→|⇒|[:=])\\s*|\\s+[-\\u2013\\u2014]\\s+|[ \\t]*\\n\\s*|(?:[ \\t\\u00a0]+${BRIDGE_TOKEN}){0,4}?(?:\\s+${IS}(?![\\p{L}])\\s*[:=]?\\s*|[ \\t\\u00a0]*[:=]\\s*)|[ \\t\\u00a0]+to[ \\t\\u00a0]+|[ \\t\\u00a0]+` +
    `)(?:"([^"\\n]{1,80})"|'([^'\\n]{1,80})'|“([^”\\n]{1,80})”|[«„‘‹]([^»“”’›\\n]{1,80})[»“”’›]|(["'“«„‘]?[^\\s"'“«„]+))`,
  'giu',
);
const ANY_DIGIT = /\p{Nd}/u;
const ANY_PASSWORD_WORD = new RegExp(`${PASSWORD_WORD}|pass`, 'iu');
/** A password word as a word (not "pass"): "the new one is X" is read only in a message that has one. */
const PASSWORD_NAMED = new RegExp(`(?<![\\p{L}\\p{N}])(?:${PASSWORD_WORD})(?![\\p{L}\\p{N}])`, 'iu');
/** A user name or email label, or an email address: "pass" after one of them is a password word (H#28). */
const USER_LABEL = /(?<![\p{L}\p{N}])(?:user(?:\s*name)?|login|log-?in|e-?mail|account|acct|id)(?![\p{L}\p{N}])|[^\s@]@[^\s@]+\.\p{L}{2,}/iu;
/**
 * A value given right after the password word with no "is" or ":" is a password only when it looks like one: at least
 * 4 characters with a digit, a symbol or a capital after the first letter ("password Summer2024!", not "password
 * reset", "my password yesterday"), and no email address (an address after "reset password" is the account's).
 */
function credentialShaped(value: string): boolean {
  return [...value].length >= 4 && !value.includes('@') && (/[\p{N}\p{S}\p{P}]/u.test(value) || (/.\p{Lu}/u.test(value) && /\p{Ll}/u.test(value)));
}
/**
 * A passphrase (hostile s17 H#4: "password is purple monkey dishwasher" hid only "purple"): the words after the first
 * one, up to the end of the clause, at most 8, stopping at a word that starts a new clause or a request ("and",
 * "please", "my", "for", ...), a describing word ("ok", "again") or an email address.
 */
const PHRASE_STOP = new Set(
  ('and but or so then please pls plz thanks thank thx ty cheers can could would will should i i\'m im my me we you ' +
    'because cause since if when where why how what which who order cancel help reset also it it\'s its that this ' +
    'to for from on in at with by is was are the new old now pin cvv cvc card user username login email ' +
    // Session 19 (hostile s18 #3 rest): Polish, now that "hasło to X" is read.
    'dzięki dzieki dziękuję dziekuje proszę prosze ale oraz moje mój moj').split(' '),
);
const PHRASE_WORD = /^[ \t\u00a0]+([^\s.,;!?]+)/u;
function phraseEnd(s: string, from: number, labelled = false): number {
  let end = from;
  for (let k = 0; k < 8; k++) {
    const m = PHRASE_WORD.exec(s.slice(end, end + 120));
    if (m === null) break;
    const word = m[1].replace(/^["'“‘(]+|["'”’)]+$/gu, '').toLowerCase();
    // A label starts the next item ("pw: x pin: 1", "user: ana"): the phrase ends before it.
    if (word.includes('@') || word.startsWith('[hidden') || /[:=]$/u.test(m[1]) || PASSWORD_NAMED.test(word)) break;
    if (DESCRIBES_PASSWORD.has(word) || (!labelled && PHRASE_STOP.has(word))) break;
    end += m[0].length;
  }
  return end;
}
/**
 * "the new one is X" / "new one: X" in a message that names a password (hostile s17 H#28: "old password was
 * Winter2023! new one Summer2024!" hid the old one only; "my password is wrong, the new one is hunter2").
 */
const NEW_ONE = /(?<![\p{L}\p{N}])(?:new|current|temporary|temp|other|right|real)\s+one(?![\p{L}\p{N}])((?:\s+(?:is|was))?\s*[:=]?\s*)(["'“]?[^\s"'“]+)/giu;
/** An email address with a password glued to it after a colon ("ana@example.com:Summer2024!", a credential dump). */
const EMAIL_COLON_VALUE = /(?<![^\s<(\[{"'“,;])[^\s@:<>()[\]{}"'“,;]+@[^\s@:<>()[\]{}"'“,;]+\.\p{L}{2,}:(?!\/\/)([^\s"'“]+)/gu;
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
/**
 * Session 18 (hostile s18 H#4, H#26): whether `value` (the word after "password is") describes the password: a word of
 * DESCRIBES_PASSWORD; a lower-case participle or adjective ("blocked", "disabled", "useless", "unusable", "expired",
 * "sensitive"); a hyphenated description ("case-sensitive", "auto-generated", "one-time"); a number followed by a unit
 * ("12 characters", "8 digits"). "my password is blocked" was hidden and the customer told off for sending one.
 */
const MORE_DESCRIBING = new Set('blocked disabled useless good great bad secure mine hard easy somewhere emailed texted one-time one'.split(' '));
const UNIT_AFTER = /^\s+(?:characters?|chars?|digits?|letters?|symbols?|numbers?|minutes?|hours?|days?|times|tries|attempts)(?![\p{L}])/iu;
function describesPassword(value: string, after: string, labelled = false): boolean {
  const lower = value.toLowerCase();
  if (DESCRIBES_PASSWORD.has(lower)) return true;
  if (labelled) return /^\p{Nd}+$/u.test(value) && UNIT_AFTER.test(after);
  if (MORE_DESCRIBING.has(lower)) return true;
  if (/^\p{Ll}{3,}(?:ed|less|ble|ive|ful)$/u.test(value)) return true;
  if (/^\p{Ll}+(?:-\p{Ll}+)+$/u.test(value)) {
    const last = value.slice(value.lastIndexOf('-') + 1);
    if (DESCRIBES_PASSWORD.has(last) || /^\p{Ll}{3,}(?:ed|less|ble|ive|ful)$/u.test(last)) return true;
  }
  return /^\p{Nd}+$/u.test(value) && UNIT_AFTER.test(after);
}
/** Words right after the password word that make it a thing, not a label: "password field is greyed out" (H#3). */
const PASSWORD_THING = new Set(
  'field box page form requirement requirements rule rules policy length reset change manager hint strength settings option link email mail screen prompt expiry'.split(' '),
);
/** A password value that is a whole phrase: the words up to the end of the clause. */
const CLAUSE_REST = /^[^\n.,;!?]*/u;
/*
 * A PIN or card security code: "pin / pin number / cvv / cvc / csc / cid / security code" then "is", ":", "=", "'s",
 * or only a space, then 3 to 8 digits (session 18, H#4: with single spaces or dashes between them, "cvv: 1 2 3", "pin is
 * 12 34"; "PIN-Nummer", "Geheimzahl"). Not a postal PIN (India's 6-digit postcode): "pin code" + 6 digits, or "PIN" + 6
 * digits in a message that speaks of a postcode or an address.
 */
const PIN =
  /(?<![\p{L}\p{N}])(pin(?:[-\s]*(?:code|number|nummer|no\.?|nr\.?))?|geheimzahl|cvv2?|cvc2?|csc|cid|card\s+verification\s+(?:code|value)|security\s+(?:code|number)(?:\s+on\s+the\s+back(?:\s+of\s+(?:the|my)\s+card)?)?|(?:(?<![\p{N}])(?:3|4|three|four)[-\s]digits?|code|number)\s+on\s+the\s+back(?:\s+of\s+(?:the|my)\s+card)?)((?:\s+(?:is|was|ist|are|were)|'s|’s)?\s*(?:[:=]\s*)?)(\p{Nd}(?:[ \u00a0-]?\p{Nd}){2,7})(?!\p{Nd})(?!\s+(?:digits?|characters?|numbers?)(?![\p{L}]))/giu;
const ADDRESS_TALK = /\b(?:post\s*code|postal|zip|address|road|street|st\.?|nagar|marg|colony|city|district|state|india|flat|house)\b/iu;
/**
 * Whether address words are near a PIN at [at, end): in its sentence before it (an address written out: "12 MG Road,
 * Bengaluru, PIN 560001"), or after it in the same clause ("PIN 560001 India"). A request in another sentence or clause
 * ("my PIN is 482910, please update my address") is no address around the number.
 */
function addressNear(text: string, at: number, end: number): boolean {
  const before = text.slice(Math.max(0, at - 120), at);
  // The sentence before the PIN (an address block's lines included: "Flat 4\nMG Road\nPIN 560001").
  const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! ')) + 1);
  if (ADDRESS_TALK.test(sentence)) return true;
  const after = /^[^\n.,;!?]*/u.exec(text.slice(end, end + 80))![0];
  return ADDRESS_TALK.test(after);
}

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

// Session 17 (hostile s17 H#4): also the direction marks and invisible operators a copy from another page carries
// (U+200E/F, U+202A-E, U+2061-4, U+2066-9) and the combining grapheme joiner U+034F.
// Zero-width characters a pasted text may carry inside a number or a word ("4111\u200b1111", "p\u200bassword"): one
// class, tested (ANY_ZERO_WIDTH) and replaced (ZERO_WIDTH_ANY).
// Session 18: the class is unicodeText's INVISIBLE_CLASS (one class for every reader), and for reading digits the
// keycap mark U+20E3 and the variation selectors U+FE0E/F ("4\ufe0f\u20e3", what a phone's emoji keyboard types: H#4).
const ZERO_WIDTH_CLASS = `[${INVISIBLE_CLASS}\\u20e3\\ufe0e\\ufe0f]`;
/**
 * Session 19 (hostile s18 #6 rest): digits that are no decimal digits to Unicode (\p{No}) but read as one: superscript
 * and subscript digits ("⁴¹¹¹ ¹¹¹¹ ..."), circled, negative circled and dingbat circled 0-9 ("④①①①"). For reading
 * they are the ASCII digit (one UTF-16 unit each way: the rendering maps it back to the character typed).
 */
const DIGIT_LOOKALIKE_CLASS = '\\u00b2\\u00b3\\u00b9\\u2070\\u2074-\\u2079\\u2080-\\u2089\\u2460-\\u2468\\u24ea\\u24ff\\u2776-\\u277e\\u2780-\\u2788\\u278a-\\u2792';
const ANY_ZERO_WIDTH = new RegExp(`${ZERO_WIDTH_CLASS}|[${DIGIT_LOOKALIKE_CLASS}]`, 'u');
const ZERO_WIDTH_ANY = new RegExp(`${ZERO_WIDTH_CLASS}|[${DIGIT_LOOKALIKE_CLASS}]`, 'gu');
/** The ASCII digit a look-alike stands for (DIGIT_LOOKALIKE_CLASS), or '' for an invisible character. */
function lookalikeDigit(ch: string): string {
  const cp = ch.charCodeAt(0);
  if (cp === 0xb9) return '1';
  if (cp === 0xb2 || cp === 0xb3) return String(cp - 0xb0);
  if (cp >= 0x2070 && cp <= 0x2079) return String(cp - 0x2070);
  if (cp >= 0x2080 && cp <= 0x2089) return String(cp - 0x2080);
  if (cp >= 0x2460 && cp <= 0x2468) return String(cp - 0x2460 + 1);
  if (cp === 0x24ea || cp === 0x24ff) return '0';
  if (cp >= 0x2776 && cp <= 0x277e) return String(cp - 0x2776 + 1);
  if (cp >= 0x2780 && cp <= 0x2788) return String(cp - 0x2780 + 1);
  if (cp >= 0x278a && cp <= 0x2792) return String(cp - 0x278a + 1);
  return '';
}

/**
 * Longest text whose rendering reads the shared table (a customer's message is cut at 4,000 units; an agent's words may
 * be longer): a longer text gets its own arrays as before, so one huge text does not leave a huge table behind.
 */
const MAX_SHARED_POSITIONS = 16_384;
/** 0, 1, 2, ... at least `n` long (grown by doubling; never written after it is filled). */
let positions = new Int32Array(0);
function positionsUpTo(n: number): Int32Array {
  if (positions.length < n) {
    const grown = new Int32Array(Math.max(n, 2 * positions.length, 1024));
    for (let i = 0; i < grown.length; i++) grown[i] = i;
    positions = grown;
  }
  return positions;
}

function render(text: string, reps: readonly Replacement[]): Rendering {
  // The characters to leave out or turn into a space, and the replacements, in text order.
  const cuts: Replacement[] = [];
  let r = 0;
  for (const z of matchesOf(text, ZERO_WIDTH_ANY)) {
    const at = z.index!;
    while (r < reps.length && reps[r].end <= at) cuts.push(reps[r++]);
    if (r < reps.length && reps[r].start <= at) continue; // inside a replacement
    // Session 18: between two digits too it reads as nothing ("4\u200b111111111111111" is one group of 16, as it shows;
    // a space there made a 1 + 15 grouping, no card's: cardGrouping).
    cuts.push({ start: at, end: at + 1, text: lookalikeDigit(z[0]) });
  }
  while (r < reps.length) cuts.push(reps[r++]);
  // Session 38 (perf): nothing to cut or replace (most messages the rules read: a digit, no zero-width character, no
  // secret found yet): the rendering is the text itself, each position its own. The maps are views of one shared table
  // of positions (read only: replaceSpan, hideValue and the rules read them) instead of two new arrays filled per call.
  if (cuts.length === 0 && text.length < MAX_SHARED_POSITIONS) {
    const at = positionsUpTo(text.length + 1);
    return { text, from: at.subarray(0, text.length), to: at.subarray(1, text.length + 1) };
  }
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
function replaceSpan(reps: Replacement[], r: Rendering, s: number, e: number, text: string, original?: string): void {
  const start = r.from[s];
  let end = r.to[e - 1];
  // A keycap mark or variation selector right after the span is its last character's ("•••• 1111" not "•••• 1111⃣").
  while (original !== undefined && end < original.length && /[\u20e3\ufe0e\ufe0f]/u.test(original[end])) end++;
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
  const { reps, hidden } = secretsIn(text);
  return { text: hidden.length === 0 ? text : applyReplacements(text, reps), hidden };
}

/** What the engine keeps of a customer's message (maskCustomerText): masked, and whether it was cut. */
export type KeptText = MaskedText & { cut: boolean };
/** The marker after a message cut to the cap. */
export const CUT_MARK = ' […]';

/**
 * Session 18 (hostile s17 H#19): the customer's message as the engine keeps it, masked AND cut to `max` UTF-16 units
 * (the engine's MAX_CUSTOMER_TEXT) by one rule: the cap counts what the customer SENT, and masking never makes the
 * kept text longer than the cap. A message of at most `max` units is kept whole (masked); a longer one is cut at
 * `max` units of the original (never inside a surrogate pair, and never inside a secret: a secret the cut would split
 * is dropped whole) and gets CUT_MARK. When the masks would make the kept text longer than `max` ("pin 123 " three
 * hundred times: "[hidden]" is longer than three digits), each "[hidden]" becomes bullets no longer than what it
 * hides ("pin •••"), so the text is never longer than `max` (plus CUT_MARK when cut). Before, the masked text was cut
 * at 4,000 units: the customer's last words (the request) were dropped from a message under the cap, and half an
 * emoji was stored.
 */
export function maskCustomerText(text: string, max: number, previous?: string): KeptText {
  const { reps, hidden } = previous === undefined ? secretsIn(text) : secretsAfter(text, previous);
  let cutAt = text.length;
  if (text.length > max) {
    cutAt = cutUnits(text, max).length; // unicodeText's one cut (review revcore #6)
    for (const r of reps) if (r.start < cutAt && r.end > cutAt) cutAt = r.start;
  }
  const kept = reps.filter((r) => r.end <= cutAt);
  const head = cutAt === text.length ? text : text.slice(0, cutAt);
  let out = kept.length === 0 ? head : applyReplacements(head, kept);
  if (out.length > max) out = applyReplacements(head, kept.map((r) => (r.text === HIDDEN || r.text.endsWith(HIDDEN) ? { ...r, text: compact(r) } : r)));
  const cut = cutAt < text.length;
  return { text: cut ? out + CUT_MARK : out, hidden, cut };
}

/** A "[hidden]" replacement written as bullets no longer than the characters it replaces (its lead words kept). */
function compact(r: Replacement): string {
  const lead = r.text.slice(0, r.text.length - HIDDEN.length);
  return lead + '•'.repeat(Math.max(1, Math.min(HIDDEN.length, r.end - r.start - lead.length)));
}

/*
 * Session 19 (hostile s18 #25): a secret sent over two messages ("my card is 4111 1111" then "1111 1111"; "password:"
 * then "Tulip-2291") was stored whole: each message alone holds none. The follow-up is read after what the previous
 * customer message announced, and only the follow-up is masked (the first message is stored already and holds no
 * secret by itself):
 * - it ends with a password word ("password:", "my password is", "hasło to"): the follow-up is read as the line after
 *   "password" (a value alone on its line that looks like a credential: credentialShaped);
 * - it ends with a PIN or security-code word ("my PIN is", "cvv:"): read after "pin: " (3 to 8 digits);
 * - it names a card and ends with digit groups too short for a card ("my card is 4111 1111"): read after "card" and
 *   those groups, so a card made of both is masked in the follow-up ("•••• 1111").
 */
// Review s19 (revcore R20, HIGH): a message that only talks about a password or a PIN ("it keeps saying wrong password",
// "how do I reset my password", "the pin") announces nothing: the word must be followed by "is" / "to" / ":" / "=" / "-",
// or be "my (new) password" with no talk of a problem before it.
const ANNOUNCES_PASSWORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:${PASSWORD_WORD})(?:\\s+(?:${IS}|to)(?![\\p{L}])\\s*[:=-]?|\\s*[:=-])|(?<![\\p{L}])my\\s+(?:new\\s+)?(?:${PASSWORD_WORD}))\\s*$`,
  'iu',
);
const ANNOUNCES_PIN =
  /(?<![\p{L}\p{N}])(?:(?:pin(?:[-\s]*(?:code|number))?|cvv2?|cvc2?|csc|security\s+code)(?:\s+(?:is|was)(?![\p{L}])\s*[:=]?|\s*[:=])|(?<![\p{L}])my\s+(?:new\s+)?(?:pin(?:[-\s]*(?:code|number))?|cvv2?|cvc2?|csc|security\s+code))\s*$/iu;
/** Talk of a problem or a question before "my password" at the end: "how do I reset my password" announces nothing. */
const PASSWORD_TALK = /(?<![\p{L}])(?:reset|forgot|forgotten|forget|wrong|incorrect|invalid|expired|change|changed|changing|update|recover|lost|locked|how|why|what|where|can'?t|cannot|won'?t|doesn'?t|not|help|saying|says|remember|need|want)(?![\p{L}])/iu;
const TRAILING_GROUPS = new RegExp(`${DIGIT_GROUPS.source}[\\s.:]*$`, 'u');

const WHITE = /\s/u;
const LETTER = /\p{L}/u;
/**
 * Whether `tail` can end in an announcement (session 26, speed: the check runs on every customer message after the first,
 * on the previous one). ANNOUNCES_PASSWORD and ANNOUNCES_PIN end in `\s*$`, and what they match before that white space
 * ends with a letter (a password, PIN or "is" word, case variants included), ":", "=", "-" or the "2" of "cvv2" / "cvc2":
 * a message ending otherwise ("where is my order?", "NW-204981", "thanks!") announces nothing, and the two patterns'
 * scans of its last 200 characters are skipped.
 */
export function mayEndInAnnouncement(tail: string): boolean {
  let i = tail.length - 1;
  while (i >= 0 && WHITE.test(tail[i])) i--;
  if (i < 0) return false;
  const c = tail[i];
  return c === ':' || c === '=' || c === '-' || c === '2' || LETTER.test(c);
}
/** An announcement read in `sentence` (the last one of the tail) is meant: "my password" after talk of a problem is not. */
function meant(m: RegExpExecArray | null, sentence: string): boolean {
  return m !== null && (!/^my\s/iu.test(m[0]) || !PASSWORD_TALK.test(sentence));
}

/** The two announcement patterns, for the test that checks mayEndInAnnouncement against them (speedS26Mask). */
export const ANNOUNCEMENT_PATTERNS: readonly RegExp[] = [ANNOUNCES_PASSWORD, ANNOUNCES_PIN];

/** What `previous` announces, as text to read the follow-up after ('' when nothing). */
function announced(previous: string): string {
  const tail = previous.slice(-200);
  if (mayEndInAnnouncement(tail)) {
    const sentence = tail.slice(Math.max(tail.lastIndexOf('. '), tail.lastIndexOf('? '), tail.lastIndexOf('! '), tail.lastIndexOf('\n')) + 1);
    if (meant(ANNOUNCES_PASSWORD.exec(tail), sentence)) return 'password\n';
    if (meant(ANNOUNCES_PIN.exec(tail), sentence)) return 'pin: ';
  }
  if (!CARD_WORD.test(tail) || !ANY_DIGIT.test(tail)) return '';
  const groups = TRAILING_GROUPS.exec(tail);
  if (groups !== null) {
    let count = 0;
    for (const _ of matchesOf(groups[0], /\p{Nd}/gu)) count++;
    if (count >= 4 && count < CARD_MIN) return `card ${groups[0].trim()} `;
  }
  return '';
}

/** secretsIn for a follow-up message (see above): the follow-up's own secrets, and those completed by `previous`. */
function secretsAfter(text: string, previous: string): { reps: Replacement[]; hidden: HiddenSecret[] } {
  const lead = announced(previous);
  const own = secretsIn(text);
  if (lead === '') return own;
  const both = secretsIn(lead + text);
  const reps: Replacement[] = [];
  for (const r of both.reps) if (r.end > lead.length) reps.push({ start: Math.max(0, r.start - lead.length), end: r.end - lead.length, text: r.text });
  // Nothing new in the follow-up (or the lead changed nothing there): its own reading.
  if (reps.length === 0 || JSON.stringify(reps) === JSON.stringify(own.reps)) return own;
  return { reps, hidden: both.hidden };
}

/** Digit groups separated by a comma and spaces, 2 to 6 of them (a card typed "4111, 1111, 1111, 1111"). */
const COMMA_GROUPS = /(?<![\p{Nd},])\p{Nd}{1,6}(?:,[ \u00a0]+\p{Nd}{1,6}){1,5}(?![\p{Nd}]|,[ \u00a0]*\p{Nd})/gu;
/** A card's mask in a rendering. */
const CARD_MASK = /•••• \p{Nd}{4}/gu;
/** Between the card and its expiry / code: spaces and at most one of , ; | / : - – — (or nothing). */
const TAIL_SEP = '[ \\t\\u00a0]*(?:[,;|/:\\-\\u2013\\u2014][ \\t\\u00a0]*)?';
/** A word that names the expiry ("expires", "exp.", "valid thru", "gültig bis") and an optional "is" / "on" / ":". */
const EXPIRY_WORD =
  '(?:exp(?:iry|ires|ired|iring|iration)?\\.?(?:[ \\t]+date)?|valid[ \\t]+(?:thru|through|until|till|to)|good[ \\t]+thru|ablauf(?:datum)?|g(?:ü|ue)ltig[ \\t]+bis)(?:[ \\t]+(?:is|on|of))?[ \\t]*[:=]?[ \\t]*';
/** A word that names the security code ("code", "cvv", "security code", "cvc is"). */
const CODE_WORD =
  '(?:cvv2?|cvc2?|cv2|csc|cid|(?:security[ \\t]+|sec[ \\t]+|verification[ \\t]+|card[ \\t]+)?code)(?:[ \\t]+is)?[ \\t]*[:=]?[ \\t]*';
/** An expiry: MM/YY, MM/YYYY, MM|YY, MM-YY, MM YY, MMYY (month 01-12). */
const EXPIRY_VALUE = '(?:(?:0?[1-9]|1[0-2])[ \\t]*[/|.\\- ][ \\t]*(?:20)?\\p{Nd}{2}|(?:0[1-9]|1[0-2])(?:20)?\\p{Nd}{2})(?!\\p{Nd})';
const CODE_VALUE = '\\p{Nd}{3,4}(?!\\p{Nd})';
const TAIL_EXPIRY = new RegExp(`^${TAIL_SEP}(?:${EXPIRY_WORD})?(${EXPIRY_VALUE})`, 'iu');
const TAIL_CODE = new RegExp(`^${TAIL_SEP}(?:${CODE_WORD})?(${CODE_VALUE})`, 'iu');
/**
 * The expiry and the code (either order, each at most once) right after a card's mask at `at` in `s`: their [start, end)
 * spans. Only separators and the words that name them may come between; any other word ends the tail ("card ... on
 * 12/05 I was charged" keeps the date).
 */
function cardTail(s: string, at: number): [number, number][] {
  const spans: [number, number][] = [];
  let pos = at;
  let expiry = false;
  let code = false;
  for (let k = 0; k < 2; k++) {
    const rest = s.slice(pos, pos + 80);
    const m = (!expiry ? TAIL_EXPIRY.exec(rest) : null) ?? (!code ? TAIL_CODE.exec(rest) : null);
    if (m === null) break;
    if (m[0] === m[1] && pos > at) break; // a value glued to the one before is a longer number
    const isExpiry = !expiry && TAIL_EXPIRY.test(rest) && TAIL_EXPIRY.exec(rest)![0] === m[0];
    if (isExpiry) expiry = true;
    else code = true;
    const end = pos + m[0].length;
    spans.push([end - m[1].length, end]);
    pos = end;
  }
  // What follows must not run on into more digits ("•••• 1111 1227 1234 5678": a longer number).
  return /^[ \t\u00a0]*[-/|]?\p{Nd}/u.test(s.slice(pos, pos + 4)) ? [] : spans;
}

/**
 * Session 19 (hostile s19 #23): "pass:" alone is a password label when the value after the colon looks like a password
 * (a lower-case letter and a digit or symbol: "pass: Qwerty12"), and no kind of pass is named before it ("boarding
 * pass: AB1234", "day pass: 2 adults" stay).
 */
const PASS_KIND = /(?<![\p{L}])(?:boarding|day|bus|season|train|rail|travel|ski|gym|guest|visitor|festival|event|press|vip|access|backstage|parking|transit|metro|museum|member(?:ship)?|entry|weekly|monthly|annual|yearly|hall|free|fast|e)[ \t\u00a0-]*$/iu;
function passLabel(s: string, at: number, sep: string, bare: string | undefined): boolean {
  if (bare === undefined || !/^\s*[:=]\s*$/u.test(sep)) return false;
  const value = bare.replace(/[.,!?;:)\]]+$/u, '');
  return credentialShaped(value) && /\p{Ll}/u.test(value) && /[\p{N}\p{S}\p{P}]/u.test(value) && !PASS_KIND.test(s.slice(Math.max(0, at - 24), at));
}
/**
 * Session 19 (hostile s19 #23): the value BEFORE the password word: "Qwerty12 is my password", "use Qwerty12 as the
 * password" (credential-shaped, and the password word is not a thing: "X is my password reset code" is none).
 */
const VALUE_BEFORE = new RegExp(
  `(?<![^\\s"'“(\\[<:,;])(["'“]?)([^\\s"'“”()\\[\\]<>]{4,80}?)["'”]?(?:[ \\t\\u00a0]+(?:is|was)[ \\t\\u00a0]+(?:my|the|our)|[ \\t\\u00a0]+as[ \\t\\u00a0]+(?:my|the|a|our))[ \\t\\u00a0]+(?:(?:new|current|temporary|temp|old)[ \\t\\u00a0]+)?(?:${PASSWORD_WORD})(?![\\p{L}\\p{N}])(?![ \\t\\u00a0]+(?:${[...PASSWORD_THING].join('|')})(?![\\p{L}]))`,
  'giu',
);

/** An explicit label between the password word and its value: ":", "=", or an arrow ("=>", "->", "→"). */
const LABEL_SEP = /[:=→⇒]|->/u;
/**
 * Session 19 (hostile s19 #6): after a password label, words that say no password is given ("password: none", "password:
 * I don't have one", "password: (I'll tell you later)"): nothing is hidden.
 */
const NOT_GIVEN =
  /^(?:none|nothing|n\/a|nil|not\s+(?:sure|set|yet)|dunno|i\s+(?:don['’]?t|do\s+not|didn['’]?t|haven['’]?t|have\s+not|have\s+no|can['’]?t|cannot|forgot|never|will\s+tell)|i['’]ll\s+tell|don['’]?t\s+(?:know|have|remember))(?![\p{L}\p{N}])/iu;

/** The replacements (sorted, disjoint, original coordinates) that mask `text`'s secrets, and their kinds. */
function secretsIn(text: string): { reps: Replacement[]; hidden: HiddenSecret[] } {
  // Most messages hold no digit, no password word and no zero-width character: nothing can be a secret (rtfast s17: the
  // three renderings were ~6% of the in-process message path).
  if (!ANY_DIGIT.test(text) && !ANY_PASSWORD_WORD.test(text) && !ANY_ZERO_WIDTH.test(text)) return { reps: [], hidden: [] };
  const hidden: HiddenSecret[] = [];
  const reps: Replacement[] = [];
  let r = render(text, reps);
  // IBANs first: their digit groups are never a card.
  const kept = ibanSpans(r.text);
  let keptAt = 0;
  let thirteen: boolean | undefined; // the message names a card (read once, when a long enough run is found)
  for (const m of matchesOf(r.text, DIGIT_GROUPS)) {
    const run = m[0];
    const at = m.index!;
    // Hostile s17 H#26: a valid IBAN's own characters are kept, the rest of the run is read on its own (a card after it).
    // (kept and the runs are both in text order: a cursor, not a filter per run; session 18: 400 KB of IBANs took 3 s.)
    while (keptAt < kept.length && kept[keptAt][1] <= at) keptAt++;
    const inRun: [number, number][] = [];
    for (let k = keptAt; k < kept.length && kept[k][0] < at + run.length; k++) inRun.push(kept[k]);
    const parts: [number, number][] = [];
    let from = at;
    for (const [a, b] of inRun) {
      if (a > from) parts.push([from, a]);
      from = Math.max(from, b);
    }
    if (from < at + run.length) parts.push([from, at + run.length]);
    for (const [a, b] of parts) {
      const piece = r.text.slice(a, b);
      for (const sub of inRun.length === 0 ? [m] : matchesOf(piece, DIGIT_GROUPS)) {
        const subRun = sub[0];
        const subAt = inRun.length === 0 ? at : a + sub.index!;
        let count = 0;
        for (const _ of matchesOf(subRun, /\p{Nd}/gu)) count++;
        if (count < CARD_MIN) continue;
        // After "+": a phone number when a phone can be that long, else a card with a "+" typed before it (H#4).
        if (subAt > 0 && r.text[subAt - 1] === '+' && count <= PHONE_MAX) continue;
        const lineBefore = r.text.slice(Math.max(0, subAt - LABEL_WINDOW), subAt);
        const line = lineBefore.slice(lineBefore.lastIndexOf('\n') + 1);
        const label = NOT_CARD_LABEL.exec(line);
        const labelled = label !== null && !CARD_WORD.test(line.slice(label.index));
        thirteen ??= CARD_WORD.test(r.text);
        for (const card of cardsInRun(subRun, hidden, labelled, thirteen)) replaceSpan(reps, r, subAt + card.start, subAt + card.end, card.text, text);
      }
    }
  }
  // Session 19 (hostile s19 #3): groups separated by ", " (which ends a run: a list of numbers) are one card in a message
  // that names a card, when together they are card-shaped in a card's grouping ("my card is 4111, 1111, 1111, 1111").
  if (r.text.includes(', ') && (thirteen ??= CARD_WORD.test(r.text))) {
    for (const m of matchesOf(r.text, COMMA_GROUPS)) {
      const sizes: number[] = [];
      let digits = '';
      for (const g of matchesOf(m[0], GROUP)) (sizes.push(g[0].length), (digits += asciiDigits(g[0])));
      if (!cardShaped(digits, true) || !cardGrouping(sizes, false, true)) continue;
      const start = r.from[m.index!];
      const end = r.to[m.index! + m[0].length - 1];
      if (reps.some((x) => x.start < end && x.end > start)) continue;
      replaceSpan(reps, r, m.index!, m.index! + m[0].length, `•••• ${digits.slice(-4)}`, text);
      if (!hidden.includes('card')) hidden.push('card');
    }
  }
  r = render(text, reps);
  // Session 19 (hostile s19 #1): the expiry and the security code written right after a masked card, with words or other
  // separators ("card 4111-..., expires 12/2027, code 123", "4111111111111111 1227 123", "...|12|27|123"), are hidden
  // with it (they reached tickets and team emails).
  if (hidden.includes('card')) {
    for (const m of matchesOf(r.text, CARD_MASK)) {
      const at = m.index! + m[0].length;
      // Only a mask this reading made (a "•••• 1111" the customer typed is text).
      if (r.to[m.index!] - r.from[m.index!] < CARD_MIN) continue;
      for (const [s, e] of cardTail(r.text, at)) replaceSpan(reps, r, s, e, HIDDEN, text);
    }
    r = render(text, reps);
  }
  const cardsMasked = r.text;
  for (const m of matchesOf(cardsMasked, PIN)) {
    const [whole, word, sep, digits] = m;
    // Hostile s18 H#30: "card / ATM / bank / debit / credit" right before "pin" is a card's PIN whatever else is said.
    const cardPin = /(?<!\p{L})(?:card|atm|bank|debit|credit)\s*$/iu.test(cardsMasked.slice(Math.max(0, m.index! - 12), m.index!));
    // Session 19 (hostile s18 #30 rest): the address talk must be in the PIN's own clause ("Flat 4, MG Road, PIN 560001";
    // "PIN 560001 India"), not in another one ("my PIN is 482910, please update my address" kept the PIN).
    const postal = !cardPin && asciiDigits(digits).replace(/\D/g, '').length === 6 && /[1-8]/.test(asciiDigits(digits)[0]) && (/code/i.test(word) || addressNear(cardsMasked, m.index!, m.index! + whole.length));
    if (postal) continue;
    if (!hidden.includes('pin')) hidden.push('pin');
    const valueAt = m.index! + whole.length - digits.length;
    hideValue(text, reps, r, m.index!, valueAt, valueAt + digits.length);
  }
  r = render(text, reps);
  const s = r.text;
  PASSWORD.lastIndex = 0;
  for (let m = PASSWORD.exec(s); m !== null; m = PASSWORD.exec(s)) {
    const [whole, word, sep, dq, sq, cq, oq, bare] = m;
    const at = m.index;
    const valueAt = at + word.length + sep.length;
    // A reading that is no password goes on right after the word (the match may have covered a password word).
    const resume = at + word.length;
    // "pass" is a password word only after a user name or an email address (H#28); alone it is a boarding pass.
    const afterUser = USER_LABEL.test(s.slice(Math.max(0, at - 200), at));
    if (word.length === 4 && word.toLowerCase() === 'pass' && !afterUser && !passLabel(s, at, sep, bare)) {
      PASSWORD.lastIndex = resume;
      continue;
    }
    // "password field is ...", "password requirement was ...": a thing named after the password, not a label (H#3).
    const between = /^\s+([\p{L}']+)/u.exec(sep)?.[1]?.toLowerCase();
    if (between !== undefined && PASSWORD_THING.has(between)) {
      PASSWORD.lastIndex = resume;
      continue;
    }
    // Hostile s17 H#2, H#21: a sentence ending with "password" is no label for the next line ("Reset my password\nCan you
    // send a link"). After a bare line break the value is a password only when it is the whole next line and looks like
    // one (a digit, a symbol or a capital after the first letter).
    if (bare !== undefined && /\n/u.test(sep) && !/[:=]|\bis\b|\bwas\b/iu.test(sep)) {
      const lineRest = /^[^\n]*/u.exec(s.slice(at + whole.length))![0];
      if (lineRest.trim() !== '' || !/[\p{Nd}\p{S}\p{P}]|.\p{Lu}/u.test(bare)) {
        PASSWORD.lastIndex = resume;
        continue;
      }
    }
    // Only a space between the word and the value (H#28): a credential-shaped value, or any word after "user ... pass".
    // Session 19 (hostile s19 #23): "password to X" and "password - it's X" are read the same way.
    const direct = /^[ \t\u00a0]+$/u.test(sep) || /^[ \t\u00a0]+to[ \t\u00a0]+$/iu.test(sep) || /it(?:'s|’s|[ \t\u00a0]+(?:is|was))[ \t\u00a0]+$/iu.test(sep);
    if (bare !== undefined) {
      // Session 19 (hostile s19 #6): an opening bracket before the value stays ("password (Tulip-2291)" showed
      // "password [hidden])"): the value starts after it.
      const open = bare.length > 1 && /^[(\[<{]/u.test(bare) ? 1 : 0;
      const core = bare.slice(open);
      const vAt = valueAt + open;
      const quoted = /^["'“«„‘]/u.test(core); // an opening quote never closed: the phrase after it
      const value = core.replace(/[.,!?;:)\]}>]+$/u, '');
      const plain = quoted ? value.slice(1) : value;
      const describes = describesPassword(plain, s.slice(at + whole.length), LABEL_SEP.test(sep));
      if (plain === '' || plain === HIDDEN || plain.startsWith('[hidden') || (direct && (describes || !credentialShaped(plain))) || NOT_GIVEN.test(s.slice(vAt))) {
        PASSWORD.lastIndex = resume;
        continue;
      }
      if (describes && !quoted) {
        // "password is wrong" / "is not working": a description. "password is correct horse battery staple" / "is my
        // dog Rex1": a passphrase (a describing word followed by words that describe nothing): hidden to the clause end.
        const rest = s.slice(at + whole.length);
        const token = /^\s+(\S+)/u.exec(rest)?.[1];
        // The next word's letters and digits ("🐶Rex" -> "Rex"); a token of symbols or emoji only says nothing.
        const next = token?.replace(/[^\p{L}\p{N}'’]/gu, '');
        if (value.length < core.length || next === undefined || next === '' || describesPassword(next, '') || /^[\p{Ll}]+(?:ing|ed)$/u.test(next)) {
          PASSWORD.lastIndex = resume;
          continue;
        }
        if (!hidden.includes('password')) hidden.push('password');
        const tailEnd = at + whole.length + CLAUSE_REST.exec(rest)![0].length;
        hideValue(text, reps, r, at, vAt, tailEnd);
        PASSWORD.lastIndex = tailEnd; // the cursor goes on after the phrase
        continue;
      }
      if (!hidden.includes('password')) hidden.push('password');
      // A passphrase (H#4): after "is" / ":" the words up to the clause's end (not after a bare space: one token).
      let end = vAt + value.length;
      // After an explicit label ("password:", "is:") the value runs on to the clause's end (hostile s18 H#24: "password: I
      // love you 3000" showed "love you 3000"); after "is" alone, up to a word that starts another clause.
      if (!direct && value.length === core.length) end = phraseEnd(s, end, LABEL_SEP.test(sep));
      // Session 19 (hostile s18 #30 rest): a "!" right after the value is the password's ("Summer2024!" showed "[hidden]!":
      // the last character of a password), hidden with it; a full stop or comma after it still ends the sentence.
      else end += bangs(core, value);
      hideValue(text, reps, r, at, vAt, end);
      PASSWORD.lastIndex = Math.max(PASSWORD.lastIndex, end);
      continue;
    }
    if ((dq ?? sq ?? cq ?? oq) === undefined) continue;
    if (!hidden.includes('password')) hidden.push('password');
    hideValue(text, reps, r, at, valueAt, at + whole.length);
  }
  // "Qwerty12 is my password", "use Qwerty12 as the password" (hostile s19 #23).
  for (const m of matchesOf(s, VALUE_BEFORE)) {
    const value = m[2];
    if (value.startsWith('[hidden') || !credentialShaped(value) || describesPassword(value, '')) continue;
    if (!hidden.includes('password')) hidden.push('password');
    const valueAt = m.index + m[1].length;
    const start = r.from[valueAt];
    const end = r.to[valueAt + value.length - 1];
    if (reps.some((x) => x.start < end && x.end > start)) continue; // already inside a mask
    hideValue(text, reps, r, valueAt, valueAt, valueAt + value.length);
  }
  // "the new one is X" in a message that names a password; "ana@example.com:X" (H#28).
  if (hidden.includes('password') || PASSWORD_NAMED.test(s)) {
    for (const m of matchesOf(s, NEW_ONE)) {
      const [whole, sep, bare] = m;
      const value = bare.replace(/[.,!?;:)\]]+$/u, '');
      const plain = value.replace(/^["'“]/u, '');
      if (plain === '' || plain.startsWith('[hidden') || DESCRIBES_PASSWORD.has(plain.toLowerCase())) continue;
      if (!/[:=]|is|was/iu.test(sep) && !credentialShaped(plain)) continue;
      if (!hidden.includes('password')) hidden.push('password');
      const valueAt = m.index + whole.length - bare.length;
      hideValue(text, reps, r, valueAt, valueAt, valueAt + value.length + bangs(bare, value));
    }
  }
  if (s.includes('@')) {
    for (const m of matchesOf(s, EMAIL_COLON_VALUE)) {
      const value = m[1].replace(/[.,!?;:)\]]+$/u, '');
      if (!credentialShaped(value) || value.startsWith('[hidden')) continue;
      if (!hidden.includes('password')) hidden.push('password');
      const valueAt = m.index + m[0].length - m[1].length;
      hideValue(text, reps, r, valueAt, valueAt, valueAt + value.length + bangs(m[1], value));
    }
  }
  return { reps: hidden.length === 0 ? [] : reps, hidden };
}

/**
 * Session 19 (hostile s18 #30 rest): how many "!" follow a password's value in the word it was read from ("Summer2024!"
 * showed "[hidden]!": the password's last character); they are hidden with it. A full stop or comma stays.
 */
function bangs(word: string, value: string): number {
  let n = 0;
  while (word[value.length + n] === '!') n++;
  return n;
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

/**
 * Session 19 (hostile s18 #23): an agent's words with card numbers, passwords and PINs masked by the customer's rule,
 * the one function every way an agent event reaches the engine uses: `baton serve` (runtime/agents/agentWords.ts, after
 * cleaning control characters), and the engine itself (receive), so `baton chat` and the studio's simulator show the
 * same "[hidden]" production stores. Masks `text` and `note` (their kinds are returned) and `agentName`; other fields
 * as they are. Masking is idempotent: already masked words come back unchanged, with no kinds.
 */
export function maskAgentWords<T extends object>(input: T): { input: T; hidden: HiddenSecret[] } {
  const words = input as { text?: unknown; note?: unknown; agentName?: unknown };
  let masked: Record<string, string> | null = null;
  const hidden: HiddenSecret[] = [];
  for (const k of ['text', 'note', 'agentName'] as const) {
    const v = words[k];
    if (typeof v !== 'string') continue;
    const m = maskCustomerSecrets(v);
    if (m.hidden.length === 0) continue;
    (masked ??= {})[k] = m.text;
    if (k !== 'agentName') for (const kind of m.hidden) if (!hidden.includes(kind)) hidden.push(kind);
  }
  return { input: masked === null ? input : { ...input, ...masked }, hidden };
}
