/**
 * Session 18 (fixengine): answers at an email question that are not a wrong address.
 * - newcomer s17 N#8: "not kim@old.com" (an address the customer sets aside, and no other) got "That doesn't look like
 *   an email address. Could you check it?", which is wrong (it is one) and tells the customer nothing: now "OK, not
 *   that one. Which email address should we use?".
 * - hostile s17 H#8 rest: "I'm not sure" / "I don't know" / "no idea" at the email question looped on the same retry
 *   line: an undecided answer there is no email to give (as "I don't have an email").
 */
import { isUnsureReply } from '../nlu/bareReplies';
import { normalizeText } from '../nlu/normalizeText';
import { disownsAnAddress } from './questionValidators';
import { keepLast } from '../escalation/textMemo';

export const notThatEmail = 'OK, not that one. Which email address should we use?';

/** An address written after "not" / "never" / "no longer" (with at most a few words between): set aside by the customer. */
const SET_ASIDE = /(?:^|[\s,(])(?:not|never|no\s+longer|(?:please\s+)?(?:do|did)\s*n['\u2019]?t\s+use|do\s+not\s+use|n['\u2019]t\s+use)\s+(?:(?:this|that|the|my|old|one|email|address|use|at|:|-)\s+)*[^\s@]+@[^\s@]+\.[^\s@]+/i;

/** Whether the text names an email address only to set it aside (called when no address was taken from it). */
export function setsAsideEmail(text: string): boolean {
  // Session 35 (hostile s34 #12): "wait, don't use ana@example.com" (the "n't use" needed a space before it) and an
  // address disowned after it ("ana@example.com hold on that's my old one") get "OK, not that one", not "That doesn't
  // look like an email address".
  return text.includes('@') && (SET_ASIDE.test(text) || disownsAnAddress(text));
}

/** Whether the text is an undecided answer ("I'm not sure", "no idea", "dunno") with no address in it. */
export function unsureOfEmail(text: string): boolean {
  return !text.includes('@') && isUnsureReply(normalizeText(text));
}

/**
 * Session 19 (fixengine2, hostile s19 #19): "why do you need it?" / "what for?" at an email question got "That doesn't
 * look like an email address": the question is answered (what the address is for) and asked again, not counted as a try.
 */
const WHY_ASKED =
  /^(?:(?:but|and|um|erm|ok|okay|hm+)\s+)?(?:why(?:\s+(?:do|would|should|d)\s+(?:you|u)\s+(?:need|want)\s+(?:it|that|this|one|my\s+e-?mail(?:\s+address)?|an?\s+e-?mail(?:\s+address)?))?|why\s+(?:is\s+)?(?:that|it)\s+needed|what(?:\s+is|'s)\s+(?:it|that)\s+for|what\s+(?:do\s+you\s+need\s+(?:it|that|my\s+e-?mail)|will\s+you\s+use\s+it|will\s+it\s+be\s+used)\s+for|what\s+for|for\s+what)$/;
export function asksWhyEmail(text: string): boolean {
  return asksWhyLast(text);
}
/** Session 37 (perf): asked twice per message at a ticket's email question (whether it fits, then what it says). */
const asksWhyLast = keepLast(readAsksWhyEmail);
function readAsksWhyEmail(text: string): boolean {
  if (text.includes('@')) return false;
  // Session 39 (perf): every reading WHY_ASKED takes says "why" or "for", and the rewrites below only turn punctuation and
  // spaces into one space (no letters meet that were apart): a text whose lower case has neither is not read further.
  const lower = text.toLowerCase();
  if (!lower.includes('why') && !lower.includes('for')) return false;
  const t = text.trim().toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[?!.,]+/g, ' ').replace(/\s+/g, ' ').trim();
  return WHY_ASKED.test(t);
}
/** Session 40 (fixq): at a flow's own email Question block, before its question again. */
export const whyQuestionEmail = 'We only use your email to get back to you about this, nothing else.';
export const whyEmailTexts = {
  ticket: "We only use it to reply to you about this request. What email address should we reply to? (If you don't have one, just say so.)",
  takeover: "It's only so the team can reach you if the chat gets cut off. What is your email address? (If you'd rather not give one, just say so.)",
};

/**
 * Session 34 (hostile s33 #3): "wait" / "hold on" / "one sec" / "let me check" at an email question was a wrong address
 * ("That doesn't look like an email address", a try counted): the customer is looking for it. Answered with a moment
 * and the question again, not counted as a try. Hostile s34: also with words about looking ("wait, I'll look it up",
 * "give me a sec to find it", "let me check my inbox", "please hold", "wait for me"); and the words after a hold that
 * say something else are the answer ("wait, no, I don't want to give my email", "one sec, I don't have one": heldAnswer).
 */
const HOLD =
  /^(?:(?:ok|okay|um+|erm+|hm+|oh|ah|yes|yeah|sure|right)\s+)?(?:please\s+)?(?:wait(?:\s+up)?|w8|hold(?:\s+on|\s+up)?|hang\s+on|one\s+sec(?:ond)?|1\s+sec|a\s+sec(?:ond)?|sec|one\s+moment|one\s+min(?:ute)?|just\s+a\s+(?:sec(?:ond)?|moment|minute|min)|(?:give|gimme)\s+(?:me\s+)?(?:a\s+)?(?:sec(?:ond)?|moment|minute|min)|brb|let\s+me\s+(?:check|look|see|think|find|get|search)|(?:i'?m\s+|i\s+am\s+)?(?:still\s+)?(?:looking|checking|searching|waiting)|(?:un\s+)?momento)(?=\s|$)/;
/** A word each of HOLD's holds contains (wait, w8, hold, hang on, sec, moment, min, brb, let me, looking, checking...). */
const HOLD_WORD = /wait|w8|hold|hang|sec|moment|min|brb|let|look|check|search/;
/** Words about looking for the address, which may follow a hold ("I'll look it up", "to find it", "in my inbox"). */
const LOOKING: ReadonlySet<string> = new Set(
  ("please pls plz for me i ill i'll will need have to let look looking check checking find finding get search searching dig it that one " +
    'up out in on at my the inbox email emails mail other address phone account app a sec second seconds secs moment minute minutes min mins while so can just thanks ok okay hold wait').split(' '),
);
function plain(text: string): string {
  return text.trim().toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[?!.,;:…-]+/g, ' ').replace(/\s+/g, ' ').trim();
}
export function asksForAMoment(text: string): boolean {
  return momentLast(text);
}
/** Session 37 (perf): asked twice per message at a ticket's email question (whether it fits, then what it says). */
const momentLast = keepLast(readAsksForAMoment);
function readAsksForAMoment(text: string): boolean {
  if (text.includes('@') || text.includes('?')) return false;
  // Session 39 (perf): every hold HOLD reads has one of these words in it (plain only turns punctuation and spaces into
  // one space: no letters meet that were apart), so a text whose lower case has none is not rewritten and read.
  if (!HOLD_WORD.test(text.toLowerCase())) return false;
  const t = plain(text);
  const m = HOLD.exec(t);
  if (m === null) return false;
  const rest = t.slice(m[0].length).trim();
  return rest === '' || rest.split(' ').every((w) => LOOKING.has(w) || /^\d+$/.test(w));
}
/**
 * The answer in a message that opens with a hold and goes on to say something else ("wait, no, I don't want to give my
 * email" -> "no, I don't want to give my email"); the text itself otherwise (and when it holds an address).
 */
export function heldAnswer(text: string): string {
  if (text.includes('@')) return text;
  const lead = /^\s*(?:(?:ok|okay|um+|erm+|hm+|oh|ah|right)[\s,]+)?(?:wait|hold on|hang on|one sec(?:ond)?|1 sec|just a (?:sec(?:ond)?|moment|minute)|one moment)[\s,.!…-]+/i.exec(text);
  if (lead === null) return text;
  const rest = text.slice(lead[0].length).trim();
  return rest === '' ? text : rest;
}
export const momentEmailTexts = {
  ticket: "No problem, take your time. What email address should we reply to? (If you don't have one, just say so.)",
  takeover: "No problem, take your time. What is your email address? (If you'd rather not give one, just say so.)",
};

/**
 * Session 35 (newcomer s32 #7): an answer at an email question that changes or picks an address ("my email was
 * old@mail.com but please change it to new@mail.com", "actually use my work one: x@y.com", "not a@x.com, b@y.com") was
 * taken silently: the customer did not know which address would be used. The address taken is said back then; a plain
 * address (or "my email is ...") is not.
 */
const PICKS_ADDRESS = /\b(?:actually|instead|rather|change|changed|update|updated|switch|use|new|work|other|different|correction|i\s+mean|i\s+meant|wait|oops|not)\b/i;
export function picksAnAddress(text: string): boolean {
  if ((text.match(/@/g)?.length ?? 0) > 1) return true;
  return PICKS_ADDRESS.test(text.replace(/(?<!\S)[^\s@]*@\S*/g, ' '));
}
export const addressTaken = (email: string): string => `Thanks, I'll use ${email}.`;
