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

// A run of digit groups, each separated by one space or dash (a no-break space counts as a space).
const DIGIT_GROUPS = /(?<![\p{L}\p{N}])\d+(?:[ \u00a0\u202f-]\d+)*(?![\p{N}])/gu;
const CARD_MIN = 13;
const CARD_MAX = 19;

/** Masks the card numbers in one run of digit groups. */
function maskCardsInRun(run: string, hidden: HiddenSecret[]): string {
  const parts = run.split(/([ \u00a0\u202f-])/); // groups at even indexes, separators at odd ones
  const groups = parts.filter((_, i) => i % 2 === 0);
  const seps = parts.filter((_, i) => i % 2 === 1);
  let out = '';
  let i = 0;
  while (i < groups.length) {
    let end = -1;
    let digits = '';
    for (let j = i; j < groups.length; j++) {
      digits += groups[j];
      if (digits.length > CARD_MAX) break;
      if (digits.length >= CARD_MIN && luhnValid(digits)) end = j;
    }
    if (end === -1) {
      out += groups[i] + (i < seps.length ? seps[i] : '');
      i++;
      continue;
    }
    const card = groups.slice(i, end + 1).join('');
    out += `•••• ${card.slice(-4)}` + (end < seps.length ? seps[end] : '');
    if (!hidden.includes('card')) hidden.push('card');
    i = end + 1;
  }
  return out;
}

// "pass" alone is not a password word (hostile s16 H#1): a boarding pass, a day pass, "pass is valid".
const PASSWORD =
  /\b(pass(?:word|wd|code|phrase)|pwd|pw)(\s*(?:(?:is|was)\s*[:=]?|[:=])\s*)(?:"([^"\n]{1,80})"|'([^'\n]{1,80})'|“([^”\n]{1,80})”|([^\s"'“]+))/giu;
/** Words after "password is" that describe the password instead of being it. */
const DESCRIBES_PASSWORD = new Set(
  (
    'not wrong incorrect invalid expired correct right ok okay fine too the a an my your this that it being been ' +
    'reset changed blank empty missing locked case hidden required same different no still now working broken weak ' +
    'strong long short forgotten lost stolen rejected compromised what which unknown known there gone new old sent ' +
    'in on for with and or but also never always definitely already just probably'
  ).split(' '),
);
const PIN = /\b(pin(?:\s*(?:code|number))?|cvv2?|cvc2?|csc|security\s+code)(\s*(?:(?:is|was)\s*[:=]?|[:=])\s*)(\d{3,8})(?!\d)/giu;

/** `text` with card numbers, passwords and PINs masked; `hidden` says what kinds were found (empty: unchanged). */
export function maskCustomerSecrets(text: string): MaskedText {
  const hidden: HiddenSecret[] = [];
  let out = text.replace(DIGIT_GROUPS, (run) => {
    if (run.replace(/\D/g, '').length < CARD_MIN) return run;
    return maskCardsInRun(run, hidden);
  });
  out = out.replace(PIN, (_m, word: string, sep: string) => {
    if (!hidden.includes('pin')) hidden.push('pin');
    return `${word}${sep}${HIDDEN}`;
  });
  out = out.replace(PASSWORD, (m, word: string, sep: string, dq?: string, sq?: string, cq?: string, bare?: string) => {
    if (bare !== undefined) {
      const value = bare.replace(/[.,!?;:)\]]+$/u, '');
      if (value === '' || value === HIDDEN || value.startsWith('[hidden') || DESCRIBES_PASSWORD.has(value.toLowerCase())) return m;
      if (!hidden.includes('password')) hidden.push('password');
      return `${word}${sep}${HIDDEN}${bare.slice(value.length)}`;
    }
    if ((dq ?? sq ?? cq) === undefined) return m;
    if (!hidden.includes('password')) hidden.push('password');
    return `${word}${sep}${HIDDEN}`;
  });
  return { text: hidden.length === 0 ? text : out, hidden };
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
