/**
 * Session 19 (fixengine2, newcomer s19 F2 HIGH): the customer never repeats the reason they already gave.
 * "This is the third time I'm writing about this. My parcel NW-104233 never arrived and nobody answers my emails." was
 * handed over (upset), nobody was online, and the ticket then asked "What should our team help you with?" ("I JUST TOLD
 * YOU"), its ISSUE becoming the angry repeat. Same in insurance-claims (a burst pipe) and lead-gen (the takeover's "In a
 * few words, what do you need help with?" after the first message said it).
 *
 * The reason already given is the customer's own message:
 * - the one whose signal brought the conversation to a person (the escalation's first signal), a few turns ago at most
 *   (the contact questions in between), unless it only asks for a person ("can I speak to an agent please") or only
 *   failed to be understood (low confidence / repeated fallback: words the bot could not read are no reason);
 * - for a takeover the flow itself reached (no escalation), the conversation's first message when it says something
 *   (lead-gen: "we're a team of about 40, looking at your business plan. what does it cost per seat?").
 * Greetings and a few words ("hi", "help please") are none. Pure: reads the state.
 */
import type { Run } from './run';
import { customerEntry } from './handoffContext';
import { asksForAPersonAgain } from './questionValidators';
import { extractEntities } from '../nlu/entities';
import { stemWord } from '../nlu/stem';
import { behaviourOf } from './blockBehaviours';
import { isHandoffBlock } from './otherRequest';

/** Customer messages after the escalating one (the contact questions) during which it is still the reason. */
const FRESH_TURNS = 4;
/** Fewer words than this say no reason ("hi there", "help please", "agent now"). */
const MIN_WORDS = 4;
const NOT_A_REASON: ReadonlySet<string> = new Set(['low_confidence', 'repeated_fallback', 'loop']);

/** Words around a request for a person that say nothing more ("fine. could you put me through to someone please"). */
const REQUEST_WORDS = new Set("fine ok okay so well hi hello hey there um erm right actually sorry yes no could may would like i'd id i me a an the get want need can just now you put through connect transfer let talk speak chat to with someone somebody one of your please thanks".split(' '));

/** `text` without a greeting at its start ("Hi there, ...", "Good morning! ..."). */
function withoutGreeting(text: string): string {
  return text.trim().replace(/^(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))\b[\s,!.]*(?:there\b[\s,!.]*)?/i, '');
}

/** Whether `text` states something (not a greeting, not a bare request for a person, not a few words). */
export function statesAReason(text: string): boolean {
  const t = withoutGreeting(text);
  const words = t.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w));
  if (words.length < MIN_WORDS) return false;
  const rest = words.map((w) => w.toLowerCase().replace(/[^\p{L}'\d]/gu, '')).filter((w) => !REQUEST_WORDS.has(w));
  return rest.length > 0 && !asksForAPersonAgain(rest.join(' ')) && !asksForAPersonAgain(t) && namesAMatter(t);
}

/**
 * Session 50 (lead, newcomer s50 N3): an answer to the flow's own free-text question ("What's wrong with your pet?") says
 * the reason without naming a shop's matter ("Biscuit has been limping since yesterday, not putting weight on her back
 * leg": no word of MATTER, no entity), so a vet's ticket asked again. The flow asked; an answer of a few words of its own
 * is the reason, unless it only says the customer does not know ("not sure", "I don't really know what's wrong"), keeps
 * the reason for the person, or asks for one.
 */
const NOT_KNOWING =
  /\b(?:dunno|no\s+idea|not\s+(?:really\s+)?sure|(?:i\s+)?(?:don'?t|do\s+not|doesn'?t|does\s+not|can'?t|cannot)\s+(?:really\s+)?(?:know|tell|say)|hard\s+to\s+(?:say|tell)|no\s+clue|nothing(?:\s+really)?|n\/a|none|idk|what'?s\s+wrong|what\s+is\s+wrong|the\s+problem)\b/gi;
/** Whether `text` only says the customer does not know ("not sure", "dunno", "no idea really"). */
export function saysNotKnowing(text: string): boolean {
  const t = text.replace(/[\u2018\u2019]/g, "'");
  if (!new RegExp(NOT_KNOWING.source, 'i').test(t)) return false;
  return ownWords(t).length === 0;
}
function ownWords(t: string): string[] {
  return t
    .replace(NOT_KNOWING, ' ')
    .split(/\s+/)
    .map((w) => w.toLowerCase().replace(/[^\p{L}'\d]/gu, ''))
    .filter((w) => w !== '' && !REQUEST_WORDS.has(w) && !FILLER.has(w));
}
/** Words that add nothing to "not sure" ("no idea really", "dunno tbh"). */
const FILLER = new Set('really tbh honestly though mate lol yet all at sorry'.split(' '));
/** "I'd rather tell the vet myself": whoever the trade's person is called (keepsReasonForPerson knows a shop's names). */
const RATHER_TELL =
  /^(?:i'?d\s+rather|i\s+would\s+rather|i\s+prefer\s+to|i'?ll)\s+(?:just\s+)?(?:tell|explain|say|discuss|describe)(?:\s+(?:it|that|this|everything))?(?:\s+(?:to|with))?\s+(?:the|a|an|your|my|one\s+of\s+your)\s+[\p{L}-]+(?:\s+(?:myself|directly|personally|in\s+person|when\s+\w+\s+\w+))?$/u;
export function answerStatesAReason(text: string): boolean {
  if (keepsReasonForPerson(text) || RATHER_TELL.test(text.trim().toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[.!]+$/, ''))) return false;
  const t = withoutGreeting(text);
  if (asksForAPersonAgain(t)) return false;
  return ownWords(t.replace(/[\u2018\u2019]/g, "'")).length >= MIN_WORDS - 1;
}

/**
 * Review s19 R18: venting or a request for a person in many words ("You lot are a joke, seriously, every single time",
 * "Get me a manager immediately, I am not dealing with a robot") says no reason. A reason names the matter: a reference,
 * amount, date or contact the NLU finds, or a word for a thing or an event customers come about (an order, a parcel, a
 * refund, a claim, a burst pipe, a price...).
 */
const MATTER =
  /\b(?:orders?|parcels?|packages?|deliver(?:y|ed|ies)?|arriv(?:e|ed|ing)|shipp(?:ed|ing)|tracking|refunds?|returns?|returned|exchange|payments?|paid|pay|charged?|charges|card|bank|account|login|password|invoices?|bills?|billing|subscription|plan|price|prices|cost|costs|quote|seats?|claims?|policy|cover|insurance|booking|booked|flights?|tickets?|reservation|hotel|items?|products?|goods|size|colou?r|address|damaged|broken|missing|faulty|wrong|late|delayed|lost|stolen|leak(?:ing)?|pipe|burst|fire|flood|accident|injur(?:y|ed)|crash|cancel(?:led|lation)?|discount|voucher|coupon|warranty|repair|appointment|delivery\s+date)\b/i;
/**
 * Session 38 (hostile s38 H3): "my kitchen flooded, I need an advisor", "a tree fell on my car, can I talk to an
 * advisor", "I was burgled last night, I need a human", "my son fell through the ceiling and is bleeding" named no
 * matter by MATTER (inflected forms, and the things and events of a home, a vehicle or a person's health), so the
 * takeover asked "In a few words, what do you need help with?" after they had said it. Read by stem (Porter2, the NLU's
 * stemmer): any form of these words names a matter.
 */
const MATTER_WORDS =
  'flood water leak pipe burst fire smoke storm wind hail tree roof ceiling wall floor window door kitchen bathroom basement cellar garage garden house home flat apartment boiler heating car van vehicle bike motorbike windscreen windshield bumper crash collide collision hit dent scratch steal stole stolen theft thief burgle burglary burglar break robbed rob fall fell hurt injure injury bleed blood hospital ambulance broke broken damage destroy lost missing accident incident claim policy cover payout excess premium';
const MATTER_STEMS: ReadonlySet<string> = new Set(MATTER_WORDS.split(' ').map(stemWord));
function namesAMatter(text: string): boolean {
  if (MATTER.test(text)) return true;
  for (const w of text.toLowerCase().split(/[^\p{L}]+/u)) if (w !== '' && MATTER_STEMS.has(stemWord(w))) return true;
  return extractEntities(text).some((e) => e.type !== 'url');
}

/**
 * The customer's words that already say why they need the team, or null. `flowReached`: a takeover the flow reached
 * (no escalation behind it) may take the first message of the conversation.
 */
export function reasonAlreadyGiven(run: Run, flowReached: boolean): string | null {
  const s = run.s;
  const e = s.lastEscalation;
  if (e !== null && e.signals.length > 0) {
    const sig = e.signals[0];
    if (NOT_A_REASON.has(sig.reason) || s.turn - 1 - sig.turn > FRESH_TURNS) return null;
    const entry = customerEntry(s.recentTranscript, s.turn, sig.turn);
    if (entry === null || entry.rating === true) return null;
    // Session 41 (injury, hostile s40 H1, H4): a person hurt or ill now is the reason, however few its words or whatever
    // they name ("yes, my son is unconscious", "he is unconscious", "my son swallowed a battery from your toy and he's
    // vomiting" were asked "In a few words, what do you need help with?").
    if (e.signals.some((x) => x.emergency === true && x.turn === sig.turn)) return entry.text.trim();
    return statesAReason(entry.text) ? entry.text.trim() : null;
  }
  if (!flowReached) return null;
  const first = customerEntry(s.recentTranscript, s.turn, 0);
  return first !== null && first.rating !== true && statesAReason(first.text) ? first.text.trim() : null;
}

/** Customer answers read back at most when the way to a takeover is told from the choices on it. */
const WAY_ANSWERS = 4;

/**
 * Session 39 (fix, hostile s38 M2): a takeover the flow reached by itself (a failed claim lookup, an injury reported on
 * the incident path) asked "In a few words, what do you need help with?" although the customer's choices on the way say
 * it. The reason is then those choices, in order: the topic picked at a menu ("Follow up on a claim") and the answers
 * after it ("CL-558201", "Yes, someone is hurt"). Read back from the customer's latest answers to Buttons and Question
 * blocks (at most four) up to a topic menu: Buttons with three options or more whose option picked stores its label (a
 * range or a value stored instead, lead-gen's "11-50", is a questionnaire's answer, which says no reason). Null when
 * there is no such menu on the way, or when the latest choice itself leads straight to the takeover ("Talk to sales",
 * "Speak to an advisor": the customer asked for a person, and the reason question is theirs to answer).
 */
export function reasonFromWay(run: Run, takeoverId: string): string | null {
  const s = run.s;
  const parts: string[] = [];
  // Session 49 (lead, newcomer s49 N1): the answers to the flow's own free-text questions that state a reason by
  // themselves ("road bike, the gears keep slipping" to "What kind of bike is it, and what's wrong with it?"). With no
  // topic menu on the way (or a questionnaire's menu), they are the reason: a flow that asked what is wrong has been told.
  const stated: string[] = [];
  const ofAnswers = () => (stated.length > 0 ? stated.join('; ') : null);
  let answers = 0;
  let latest = true;
  let blank = false;
  let next = takeoverId;
  for (let i = s.recentTranscript.length - 1; i >= 0 && answers < WAY_ANSWERS; i--) {
    const e = s.recentTranscript[i]!;
    if (e.from !== 'customer' || e.blockId === undefined || e.rating === true) continue;
    // Session 50 (lead, newcomer s50 N3): the block's own questions just answered (the ticket's "What email address should
    // we reply to?") are not the way to it: read past them; an earlier visit of the block ends the way.
    if (e.blockId === takeoverId) {
      if (answers === 0) continue;
      return ofAnswers();
    }
    const b = run.c.blocks.get(e.blockId);
    const a = b === undefined ? null : (behaviourOf(b.kind).wayAnswer?.(run, b as never, e.text) ?? null);
    if (a === null) return ofAnswers();
    answers++;
    // The latest choice leading straight to the takeover asks for a person: the reason is theirs to give.
    // Session 50 (lead, newcomer s50 N3): or straight to a person before it (a ticket after a takeover's No agent exit).
    // Contact questions on the way (a callback's phone number) are passed through: the choice before them leading to
    // them is the latest choice.
    if (latest && a.ledTo !== undefined && (a.ledTo === takeoverId || a.ledTo === next || isHandoffBlock(run, a.ledTo))) return null;
    if (a.said === null && a.ledTo === undefined) next = e.blockId;
    else latest = false;
    if (a.said !== null && a.ledTo !== takeoverId) {
      parts.unshift(a.said);
      if (a.freeText === true && answerStatesAReason(a.said)) stated.unshift(a.said);
      // Session 50 (lead, newcomer s50 N3): "not sure" to the flow's "What's wrong?": the menu's topic alone is no reason.
      if (a.freeText === true && saysNotKnowing(a.said)) blank = true;
    }
    if (a.menu) return a.topicMenu && !blank ? parts.join(': ') : ofAnswers();
  }
  return ofAnswers();
}

/**
 * Session 39 (fix, hostile s38 L2): "I would rather explain it to the advisor" at the takeover's reason question became
 * the reason the team read. A message that only keeps the reason for the person ("I'd rather tell the agent myself",
 * "I'll explain to them", "I prefer not to say", "it's private") is no reason; one that goes on to say it ("... that my
 * roof collapsed") is.
 */
/** Who the customer would rather tell ("the advisor", "them", "your sales team"). */
const TO_WHOM =
  '(?:\\s+(?:to|with))?(?:\\s+(?:the|an|a|your|my|one\\s+of\\s+your))?\\s+(?:advisor|adviser|agent|person|human|them|someone|somebody|colleague|team|rep|representative|staff|people|salesperson|sales(?:\\s+(?:team|person|rep|people))?|support(?:\\s+team)?|manager|expert|specialist|consultant)';
/**
 * Session 42 (ticketq, hostile s40 M4): how the customer would rather tell it ("on the call", "over the phone", "in
 * person", "when we speak"): lead-gen's "I'd rather explain it on the call" became the reason the agent read.
 */
const HOW = '(?:\\s+(?:on|over|during)\\s+(?:the\\s+|a\\s+)?(?:call|phone|chat|video\\s+call)|\\s+in\\s+person|\\s+(?:when|once)\\s+(?:we|they|you|someone|somebody|i)\\s+(?:speak|talk|call|join|chat|meet))';
const FOR_PERSON = new RegExp(
  '^(?:(?:um+|erm+|well|honestly|sorry|no|ok|okay|actually|i\\s+told\\s+you|like\\s+i\\s+said|as\\s+i\\s+said)[\\s,]+)*(?:i(?:\'d|\\s+would)\\s+(?:rather|prefer(?:\\s+to)?)|i(?:\'ll|\\s+will)|i\\s+prefer\\s+to|i\\s+want\\s+to|let\\s+me|can\\s+i)\\s+(?:just\\s+)?(?:explain|tell|say|discuss|describe|go\\s+over)(?:\\s+(?:it|that|this|everything|all\\s+that))?' +
    `(?:${TO_WHOM}(?:${HOW})?|${HOW}(?:${TO_WHOM})?)` +
    '(?:\\s+(?:directly|myself|personally|in\\s+person|when\\s+they\\s+join|please|thanks|thank\\s+you))*$',
);
const NOT_SAYING = /^(?:(?:sorry|no|um+|well)[\s,]+)*(?:i(?:'d|\s+would)\s+rather\s+not(?:\s+say)?|(?:i\s+)?prefer\s+not\s+to\s+say|rather\s+not\s+say|it(?:'s|\s+is)\s+(?:private|personal|confidential))(?:\s+(?:please|thanks|thank\s+you|sorry))*$/;
export function keepsReasonForPerson(text: string): boolean {
  const t = text.trim().toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[.!,;:]+/g, ' ').replace(/\s+/g, ' ').trim();
  return FOR_PERSON.test(t) || NOT_SAYING.test(t);
}
