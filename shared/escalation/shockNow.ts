/**
 * Session 47 (emerg4, hostile s47 M2): an electric shock from a thing, told as it happened ("the kettle electrocuted me",
 * "the toaster electrocuted my son", "the lamp gave me a shock and my hand is burnt", "got an electric shock from the
 * heater"): an emergency (the engine says the flow's emergency line first and hands over without the email question).
 * Not: a price or news that "shocked" someone ("the price is shocking", "I was shocked by the delivery charge", "the bill
 * gave me a shock"), a question or a risk ("can the kettle electrocute you?", "could it give a shock?"), told of long ago
 * ("last year the lamp gave me a shock") unless a harm is said now.
 * Pure: reads canonical tokens only.
 */

const OBJECT = '(?:me|him|her|us|them|myself|(?:my|our|his|her|their) (?:\\w+ )?\\w+)';
const SHOCK = new RegExp(
  [
    ` electrocuted ${OBJECT} `,
    ` (?:was|were|been|got|get|gets|getting|be|being|is|are|s|just|nearly|almost) electrocuted `,
    ` (?:gave|given|gives|giving) ${OBJECT} (?:an? |such an? )?(?:(?:big|huge|massive|nasty|bad|real|proper|serious|electric|electrical) )*shock `,
    ` (?:got|get|gets|getting|had|received|took) (?:an? )?(?:(?:big|huge|massive|nasty|bad|real|proper|serious) )*(?:electric|electrical) shock `,
    ` (?:electric|electrical) shock (?:from|off|of|when|while) `,
    ` (?:shocked|zapped) ${OBJECT} (?:when|while|as|and|from|through|it|badly|so|properly)? `,
  ].join('|'),
);
/** The subject of "shocked / gave ... a shock" is a feeling, money or words, not a current. */
const NOT_A_CURRENT = new Set(['price', 'prices', 'cost', 'costs', 'bill', 'bills', 'charge', 'charges', 'fee', 'fees', 'total', 'news', 'email', 'reply', 'answer', 'service', 'attitude', 'rudeness', 'quote', 'invoice', 'amount', 'delivery', 'postage', 'shipping', 'response', 'letter', 'message', 'result', 'results', 'review', 'reviews', 'refund', 'decision', 'behaviour', 'behavior', 'quality', 'size', 'colour', 'color']);
const ELECTRIC_WORDS = new Set(['electrocuted', 'electric', 'electrical', 'zapped', 'socket', 'plug', 'wire', 'wires', 'cable', 'current', 'sparks', 'sparked', 'live']);
const MAYBE = new Set(['if', 'could', 'might', 'may', 'would', 'will', 'can', 'whether', 'risk', 'prevent', 'avoid', 'afraid', 'scared', 'worried', 'dangerous', 'safe', 'nearly', 'almost']);
const NOBODY = new Set(['nobody', 'noone', 'no', 'not', 'never', 'didnt', 'nt', 'wasnt', 'werent', 'hasnt', 'havent', 'none']);
const QUESTION_START = new Set(['can', 'could', 'will', 'would', 'does', 'do', 'is', 'are', 'should', 'how', 'what', 'why']);
const LONG_AGO = new Set(['yesterday', 'last', 'ago', 'years', 'months', 'weeks', 'once', 'previously']);
const HARM_NOW = /(?:^| )(?:is|are|s|still|now|im|am|hes|shes|cant|can not) (?:\w+ ){0,2}(?:burnt|burned|numb|unconscious|shaking|breathing|breathe|crying|hurts|hurting|pain|moving|responding)(?: |$)/;
/** Said to be all right now ("he's alright", "nobody's hurt", "I'm fine", "I do not use it anymore", "switched it off"). */
export const ALRIGHT = /(?:^| )(?:(?:hes|shes|im|i am|we are|were|they are|theyre|s|is|am|are) (?:\w+ )?(?:alright|all right|fine|ok|okay|unhurt|not hurt|not injured)|(?:nobody|no one|noone|nobodys) (?:is |was |s |got |were )?(?:hurt|injured)|(?:do not|dont|not) use it (?:anymore|any more)|switched (?:it )?off)(?: |$)/;
const GATE = new Set(['electrocuted', 'shock', 'shocked', 'zapped']);

export function shockNow(toks: readonly string[]): string | null {
  if (!toks.some((t) => GATE.has(t))) return null;
  const lower = toks.map((t) => t.toLowerCase());
  const padded = ` ${lower.join(' ')} `;
  const m = SHOCK.exec(padded);
  if (m === null) return null;
  const words = m[0].trim();
  // Words before the match (its index counts characters of `padded`).
  const before = padded.slice(0, m.index).trim().split(' ').filter(Boolean);
  if (before.slice(-5).some((t) => MAYBE.has(t) || NOBODY.has(t))) return null;
  if (QUESTION_START.has(lower[0] ?? '') && !HARM_NOW.test(padded)) return null;
  // "shocked me" / "gave me a shock" need a current: an electric word, or a thing (not money or news) as the subject.
  if (!words.includes('electr')) {
    const subject = before.slice(-3);
    if (subject.some((t) => NOT_A_CURRENT.has(t))) return null;
    if (/^(?:shocked|gave|given|gives|giving)\b/.test(words) && !lower.some((t) => ELECTRIC_WORDS.has(t)) && before.length === 0) return null;
    if (/^(?:shocked|zapped)\b/.test(words) && (before.at(-1) === 'was' || before.at(-1) === 'were' || before.at(-1) === 'am' || before.at(-1) === 'im')) return null;
  }
  if (lower.some((t) => LONG_AGO.has(t)) && !HARM_NOW.test(padded)) return null;
  // Session 47 (lead, reviewing emerg4): a shock told as what happened ("gave me a shock", "got an electric shock from the
  // heater") is a dangerous product (a sensitive safety topic), not a 999 call, unless a harm is said now ("my arm is
  // numb") or the word is "electrocuted"; and never when the person is said to be all right ("he's alright", "nobody's
  // hurt"). Seven development conversations labelled safety (a shock or smoke, nobody hurt) had become urgency.
  if (ALRIGHT.test(padded) && !HARM_NOW.test(padded)) return null;
  if (!words.includes('electrocuted') && !HARM_NOW.test(padded)) return null;
  return words;
}
