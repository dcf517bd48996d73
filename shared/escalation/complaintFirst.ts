/**
 * Session 43 (policy1): the one rule for **a complaint the flow understood**.
 *
 * A message whose only reading is negative sentiment (no request for a person, no urgency or emergency, no sensitive
 * topic, no failed turns), that the waiting block used (TurnFacts.understood: a menu option picked by a button or by its
 * words, an intent the router routes, a valid answer to a question), is the request: the bot answers it (the engine
 * says the flow's apology line first, when the answer does not apologise itself), it does not hand over. It still hands
 * over when the complaint is **strong** (abuse: an insult or swear word, contempt aimed at the shop, an angry emoji,
 * shouting, a threat to leave or shame the shop, the shop compared with worse; the designer's own phrase; upset read over
 * several messages in a row, the trend) or **again** (a complaint was already answered first in this conversation since
 * the last handoff: EscalationMemory.complained).
 *
 * Before it two rules said parts of this at two depths: session 42's TurnFacts.picked (a menu pick silenced only the
 * "what never came" reading: "my bag never arrived" at Skyline Air's menu) and ticketq's engine rule answersFirstWhileNobody
 * (an upset message the bot understood, with nobody free). Both are this rule now: the first is the rule itself, the
 * second reads its verdict (EscalationDecision.understoodComplaint 'strong' / 'again') and, when nobody can take the chat
 * now, answers those first too (a strong or repeated complaint with no person to come gets the bot's answer rather than
 * a ticket). Development data and the decisions it changed: docs/history.md "Session 43 (policy1)".
 */
import type { EscalationPolicy } from '../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from './types';
import { canonicalTokens, paddedTokens } from './canonicalTokens';
import { effectiveSentiment, insultOrSwear } from './effectiveSentiment';
import { comparedWithWorse, flatFailures, leavingOrShaming, praiseAgainstFacts, statedUpset, statusEchoed, statusSaidSince } from './customerVerdict';
import { contemptAtShop, trendReading } from './detectors/detectNegativeSentiment';
import { questionType } from './questionConcepts';
import { sentimentDetail } from '../nlu/sentiment';

/** Emoji of anger, contempt or mockery (an eye-roll, slow clapping, an upside-down smile). */
const SCORN_EMOJI = /[🤬😡😠🖕💢👿🙄😤😒👎🤡😑😾🙃👏]/u;
/** Symbols inside or after a letter: a masked swear word ("s#!t", "f***"). */
const MASKED_SWEAR = /[a-z](?:[*#@%$!]+[a-z]|[*#@%$]{2,}|[*#@%$!]{3,})/i;
/** Exasperated punctuation: a run of marks ("!!", "?!", "??"), as detectNegativeSentiment.askingThreshold reads it. */
const EXASPERATED = /[?!？！]{2}/;
/** A message this shouted (share of its letters in capitals, TextAnalysis.shouting) is a strong complaint. */
const SHOUTED = 0.6;
/**
 * The learned classifier this sure is a strong complaint. On the development corpora the rule's answered complaints read
 * by the classifier alone split here: the upset ones it decided (angry rhetorical questions, sarcasm, "I'm appalled at how
 * long this has taken") read 0.99 and up, the ordinary questions it misread (a story around a shop question, "Need to
 * change the delivery address on NW-121701, ...") 0.93-0.98 (docs/history.md "Session 43 (policy1)").
 */
const SURE_CLASSIFIER = 0.99;
/** A lexicon reading this low ("very negative", detectNegativeSentiment's toneOf) is a strong complaint. */
const VERY_NEGATIVE = -0.75;
/**
 * The customer says the complaint is not new: said or suffered before ("again", "for the third time", "every single
 * time", "still"): a repeat of a complaint, handed over like a second one in this chat.
 */
const SAID_BEFORE = / (?:again|still|once more|yet another|twice|two times|how many times|same (?:story|as always|old)|(?:every|each) (?:single )?(?:time|day|week|morning|evening)|(?:second|third|fourth|fifth|2nd|3rd|4th|5th|\d+th|umpteenth|another) (?:time|email|message|chat|call)|(?:keep|keeps|kept) (?:\w+ )?(?:saying|telling|happening|asking|getting|sending|writing|chasing)|already (?:asked|told|written|wrote|emailed|called|phoned|complained|chased|contacted)|as i (?:said|told you|have said|ve said))\b/;

/**
 * Session 44 (details2, retest s43 F8): the words that name what went wrong (the matter the flow's answer is about), not
 * how the customer feels about it. "so frustrated, my bag never arrived" read -0.76 ("never arrived" is one of the
 * lexicon's customer-service phrases) and was strong: the urgent desk instead of Skyline Air's lost-bag answer, the option
 * the message names. Strength is the customer's feeling (insult, threat, shouting, a very negative feeling word): the
 * score that makes a complaint "very negative" is read with these phrases and words taken out (feelingScore). Normalised
 * forms (normalizeText: "didn't" -> "did not").
 */
const MATTER_PHRASES =
  /\b(?:(?:has|have|had|did|does|do|is|was|has been|still)\s+)?(?:not|never)\s+(?:arrived?|arriving|came|come|coming|received?|receiving|turned up|turn up|shown up|show up|delivered|working|work|works|worked)\b|\b(?:stopped|keeps?) (?:working|failing|crashing)\b|\bno (?:response|reply|answer)\b|\b(?:double charged|charged (?:me )?twice|wrong (?:item|size|colou?r|order|address|one|thing|product)|error again)\b/g;
/** Single words that name the failure (the lexicon scores them negative: "lost" -1.3, "broken" -2.1, "damaged" -1.9). */
const MATTER_WORDS =
  /\b(?:lost|losing|damaged|damage|broken|broke|break|delayed|delay|delays|missing|stolen|cancelled|canceled|wrong|error|errors|failed|fail|fails|failing|failure|problem|problems|stuck|torn|faulty|defective|crashed|crashing|crashes|leaking|ripped|smashed|cracked|dented|scratched|stained)\b/g;
/** The sentiment of the message without the words of its matter: how the customer feels, not what went wrong. */
function feelingScore(a: TurnFacts['analysis']): number {
  const rest = a.normalized.replace(MATTER_PHRASES, ' ').replace(MATTER_WORDS, ' ').replace(/\s+/g, ' ').trim();
  return rest === a.normalized ? effectiveSentiment(a).score : sentimentDetail(rest).score;
}

/** The verdict on a complaint the flow understood: answered first, or handed over as strong, or as said again. */
export type UnderstoodComplaint = 'answered' | 'strong' | 'again';

/** What makes a negative reading strong (handed over even when the flow understood the message), or null. */
export function strongComplaint(s: Signal, facts: TurnFacts): string | null {
  if (s.source === 'designer') return "the designer's own phrase";
  if (trendReading(s)) return 'upset over several messages in a row';
  if (s.source === 'classifier' && s.score >= SURE_CLASSIFIER) return `the classifier is sure (${s.score.toFixed(2)})`;
  const a = facts.analysis;
  const emoji = SCORN_EMOJI.exec(a.text);
  if (emoji !== null) return `an emoji of anger or mockery (${emoji[0]})`;
  if (a.shouting >= SHOUTED) return 'shouted';
  const abuse = insultOrSwear(a) ?? MASKED_SWEAR.exec(a.text)?.[0] ?? null;
  if (abuse !== null) return `an insult or swear word ("${abuse}")`;
  const marks = EXASPERATED.exec(a.text);
  if (marks !== null) return `exasperated marks ("${marks[0]}")`;
  if (effectiveSentiment(a).score <= VERY_NEGATIVE) {
    const feeling = feelingScore(a);
    if (feeling <= VERY_NEGATIVE) return `very negative (${feeling.toFixed(2)})`;
  }
  const toks = canonicalTokens(a);
  const scorn = contemptAtShop(toks) ?? leavingOrShaming(toks) ?? comparedWithWorse(toks);
  if (scorn !== null) return `contempt or a threat aimed at the shop ("${scorn}")`;
  const stated = statedUpset(toks, a.text);
  if (stated !== null) return `${stated.kind} ("${stated.words}")`;
  const sarcasm = praiseAgainstFacts(toks, a.text) ?? statusEchoed(a.text) ?? statusSaidSince(a.text) ?? flatFailures(a.text);
  if (sarcasm !== null) return `sarcasm or a list of failures (${sarcasm})`;
  return null;
}

/** The customer says the complaint is not new ("again", "still", "for the third time"), or null. */
export function saidBefore(facts: TurnFacts): string | null {
  const m = SAID_BEFORE.exec(paddedTokens(canonicalTokens(facts.analysis)));
  return m === null ? null : m[0].trim();
}

/**
 * Whether what the block understood is a request the message makes: a menu option or a question's answer (the block's own
 * words), or an intent the router read in a message that asks something (a question, "I want / need ..."). Venting that
 * asks nothing ("Thank you for nothing, you wasted my morning") matched to an intent is not understood as a request.
 */
const ASKS_FOR = / (?:need|needs|want|wanna|would like|like to|wish to|please|pls|plz|can you|could you|tell me|help me|check) /;
function asksWhatWasUnderstood(facts: TurnFacts): boolean {
  if (facts.intent === null) return true;
  const a = facts.analysis;
  return a.text.includes('?') || questionType(a.normalized) !== null || ASKS_FOR.test(` ${a.normalized} `);
}

/**
 * The rule's verdict on one message the policy would hand over, or null when it is not a complaint the flow understood
 * (a signal other than negative sentiment, or the block did not use the message). `why`: for 'strong', what made it so.
 */
export function understoodComplaint(
  policy: EscalationPolicy,
  signals: readonly Signal[],
  facts: TurnFacts,
  memory: EscalationMemory,
): { verdict: UnderstoodComplaint; why: string } | null {
  if (!policy.enabled || facts.understood !== true || facts.fallback || signals.length === 0) return null;
  for (const s of signals) if (s.reason !== 'negative_sentiment') return null;
  if (!asksWhatWasUnderstood(facts)) return null;
  if (memory.complained === true) return { verdict: 'again', why: 'a complaint was already answered first in this conversation' };
  for (const s of signals) {
    const strong = strongComplaint(s, facts);
    if (strong !== null) return { verdict: 'strong', why: strong };
  }
  const before = saidBefore(facts);
  if (before !== null) return { verdict: 'again', why: `the customer says it is not the first time ("${before}")` };
  return { verdict: 'answered', why: '' };
}

/**
 * Session 44 (details2, retest s43 F4): "my parcel is late again, where is it" read as no complaint at all (no feeling
 * word, sentiment 0), so it got the order question with no apology. Decided: a failure the customer says has happened
 * before ("again", "once more", "for the third time", "every time", "how many times", "already asked"; not "still", which
 * a calm question uses: "can I still return it?") beside the words of a failure (late, lost, broken, never arrived,
 * missing ...) is a complaint, and with no other reading and a message the flow understood it is answered first with the
 * apology: it is not handed over (no feeling, no request for a person, and the bot can answer what is asked; policy1's
 * "again" rule hands over a complaint that reads as negative: "annoyed, my parcel is late again" still does). It counts
 * as the complaint answered (EscalationMemory.complained), so the next one hands over. Returns the words, or null.
 */
const AGAIN_SAID = / (?:again|once more|yet another|(?:every|each) (?:single )?time|how many times|(?:second|third|fourth|fifth|2nd|3rd|4th|5th|umpteenth) time|already (?:asked|told|written|wrote|emailed|called|phoned|complained|chased|contacted))\b/;
const FAILURE_SAID = /\b(?:late|lost|missing|broken|damaged|delayed|wrong|stuck|faulty|defective|cancelled|canceled|not here|not (?:arrived|delivered|received|working)|never (?:arrived|came|delivered|received|turned up))\b/;
export function repeatedFailureReported(facts: TurnFacts): string | null {
  if (facts.understood !== true || facts.fallback) return null;
  const n = facts.analysis.normalized;
  const again = AGAIN_SAID.exec(` ${n} `);
  const failure = again === null ? null : FAILURE_SAID.exec(n);
  return failure === null || again === null ? null : `${failure[0]} ${again[0].trim()}`;
}
