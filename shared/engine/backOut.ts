/**
 * Session 19 (fixengine2, newcomer s19 F23 HIGH, hostile s19 #11): a customer who changes their mind at the questions
 * before a person or a ticket can back out. After "can I speak to an agent", "actually never mind, I found the tracking
 * link in my email. sorry!" and "no really, I don't need anyone now" at the email question got "That doesn't look like
 * an email address" twice, and "cancel" then handed the chat to Ann anyway; at the cancel ticket's email question "never
 * mind" / "nevermind" / "Oops" were thanked as names and "Stop" looped.
 *
 * What backs out (never a message holding an '@': an address is an answer):
 * - anywhere in the message: "never mind" / "nevermind" / "nvm", "forget it / that / about it", "changed my mind",
 *   "don't / no longer need anyone / a person / an agent / help / it", "no need (for anyone) any more";
 * - the whole message: "cancel", "cancel that", "stop", "oops", "don't bother", "no thanks", "not needed", "leave it".
 * `bareCancel` false: the bare "cancel" is not one (at a ticket that cancels an order, "cancel" is what they want).
 */
import { normalizeText } from '../nlu/normalizeText';

const ANYWHERE =
  /\b(?:never\s*mind|nevermind|nvm|forget\s+(?:it|that|this|about\s+it)|(?:i(?:'ve|\s+have)?\s+)?changed\s+my\s+mind|(?:do\s*n[o']?t|dont|do\s+not|no\s+longer)\s+(?:really\s+|even\s+)?need\s+(?:anyone|anybody|someone|somebody|a\s+(?:person|human)|an\s+agent|(?:any\s+)?help|it|to\s+(?:talk|speak))|no\s+need\s+(?:for\s+(?:anyone|a\s+person|an\s+agent)|any\s*more|now))\b/;
const WHOLE = /^(?:oh\s+)?(?:cancel(?:\s+(?:that|it|this))?|stop(?:\s+(?:it|that))?|oops|whoops|don'?t\s+bother|no\s+thanks?|no\s+thank\s+you|not\s+needed|leave\s+it|all\s+good\s+now|i'?m\s+(?:ok|okay|fine)\s+now)(?:\s+(?:then|thanks|thank\s+you|please|sorry))*$/;

/** "never mind the email", "forget my email address", "no email": the email declined. */
const EMAIL_DECLINED = /\b(?:never\s*mind|nevermind|nvm|forget|skip|no)\s+(?:about\s+)?(?:the\s+|my\s+|an\s+|any\s+)?(?:e\s?mail|email\s+address|address)\b/;
/** "... just get me someone", "... just cancel it": the request stands. */
const JUST_DO = /\bjust\s+(?:get|put|connect|transfer|send|cancel|do|go\s+ahead|pass)\b/;
function plain(text: string): string {
  return normalizeText(text).toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[^\p{L}\p{N}'\s]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** Whether `text` withdraws the request (see above). */
export function backsOut(text: string, bareCancel = true): boolean {
  if (text.includes('@')) return false;
  const t = plain(text);
  if (t === '') return false;
  // Review s19 R21: at an email question "no thanks" and "never mind the email, just get me someone / just cancel it"
  // decline the EMAIL, not the person or the request.
  if (/^no\s+thanks?$|^no\s+thank\s+you$/.test(t) || EMAIL_DECLINED.test(t) || JUST_DO.test(t)) return false;
  if (!bareCancel && /^(?:oh\s+)?cancel\b/.test(t)) return ANYWHERE.test(t);
  return WHOLE.test(t) || ANYWHERE.test(t);
}

/**
 * Session 35 (hostile s34 #5): "no, I don't want a person" / "wait, I said I don't want a person" at the takeover's email
 * question was "That doesn't look like an email address", twice, and then the customer was put through anyway: a
 * refusal of a person counted as a try at an address and never as the request withdrawn. Whether `text` refuses a
 * person: "don't / do not / no longer want / need (to talk to) a person / a human / an agent / anyone", "don't put me
 * through / connect me / transfer me", "no person / human / agent (please / thanks)"; not with an address, nor with
 * "just ..." (the request stands: "I don't want a person, just cancel it"). The caller decides where it withdraws a
 * request (the takeover's questions; the ticket a request for a person led to).
 */
const PERSON_NOUN = '(?:anyone|anybody|someone|somebody|people|humans|agents|(?:a|an|the|any|your)\\s+(?:real\\s+|live\\s+|actual\\s+)?(?:person|human|agent|operator|colleague|advisor|adviser))';
/** A person named without an article ("no person", "not a human"). */
const BARE_PERSON = '(?:person|human|agent|people|humans|agents)';
const DO_NOT = "(?:do\\s*n[o']?t|dont|do\\s+not)";
const REFUSES_PERSON = new RegExp(
  `\\b(?:(?:${DO_NOT}|no\\s+longer)\\s+(?:really\\s+|even\\s+)?(?:want|need)\\s+(?:to\\s+(?:talk|speak|chat)\\s+(?:to|with)\\s+)?${PERSON_NOUN}|${DO_NOT}\\s+(?:put\\s+me\\s+through|connect\\s+me|transfer\\s+me|hand\\s+me\\s+over))\\b` +
    // Session 35 (hostile s35 F2): "forget the agent", "nah forget the agent".
    '|\\bforget\\s+(?:about\\s+)?(?:the|a|an|that|any)\\s+(?:real\\s+|live\\s+)?(?:person|human|agent|operator)s?\\b(?!\\s+(?:is|was|said|told))' +
    // The whole message a bare "no person" (please / thanks ...), after "no" / "nah" / "cancel that": "no no no not a
    // person", "cancel that, no person" (session 35, hostile s35 F2; it holds session 35's first "no (no) person").
    `|^(?:(?:no|nah|nope|cancel\\s+that|actually)\\s+)*(?:no|not\\s+an?)\\s+(?:real\\s+)?${BARE_PERSON}(?:\\s+(?:please|thanks|thank\\s+you|needed|required|anymore|any\\s+more|for\\s+me|ok|okay))*$`,
);
export function refusesAPerson(text: string): boolean {
  if (text.includes('@')) return false;
  const t = plain(text);
  return t !== '' && !JUST_DO.test(t) && REFUSES_PERSON.test(t);
}
