/** Question: asks, validates the answer by input type, stores it; retries, then `fallback`. */
import type { Block, BlockOf, Value } from '../../flow/schema';
import type { Run } from '../run';
import { ClassifiedInput, type AnsweredReference, type BlockBehaviour, type Classified, type InputWaiting } from './types';
import { asksByForm, otherRequestAt, readerBefore, wayReachesPerson } from '../otherRequest';
import { backsOut, requestBesideReference } from '../backOut';
import { behaviourOf } from '../blockBehaviours';
import { bot, isKnown, setVar, vars } from '../run';
import { addressIn, answerByExample, answersByExample, asksForAPersonAgain, declinesEmail, emailAnswer, nameFromAnswer, ownAddressesOf, referenceShapes, validateAnswer, type ReferenceShape } from '../questionValidators';
import { analyzeText, entitiesOf, readableText } from '../../nlu/analyzeText';
import { questionType } from '../../escalation/questionConcepts';
import { classifyInput, exitTarget, follow, goTo, render, retry, showPrompt, waitForInput } from '../runBlocks';
import { keptAtTask } from '../humanTakeover';
import { isBareReply } from '../../nlu/createIntentMatcher';
import { isUnsureReply, NO_WORDS } from '../../nlu/bareReplies';
import { normalizeText } from '../../nlu/normalizeText';
import { isStopWord } from '../../nlu/stopWords';
import { analysedPart } from '../analysedPart';
import type { Entity } from '../../nlu/types';
import { correctedAddress, withoutYesOrNo } from '../addressCorrection';
import { clearShopQuestion } from '../../escalation/detectors/detectRepeatedFallback';
import { isShopQuestion } from '../../escalation/shopTopics';
import { closesChat, closingChoice } from '../closing';
import { saysGoodbye } from '../../nlu/courtesy';
import { withoutCorrected } from '../selfCorrection';
import { onlyAWhen } from '../whenAnswer';
import { localTime } from '../../flow/openingHours';
import { evaluateRule } from '../../flow/rules';
import { plainHyphens } from '../unicodeText';
import { questionRetryText } from '../../flow/blocks/questionRetry';
import { addressTaken, asksForAMoment, asksWhyEmail, unsureOfEmail, whyQuestionEmail } from '../emailNonAnswers';
import { declinesEmailBeside } from '../backOut';
import { keepsReasonForPerson } from '../reasonGiven';
import { keepBesideAddress } from '../detailsAnswer';
import { prefixedShapes, referenceGivenEarlier } from '../referenceChoice';
import { answerThenQuestionParts, cannotAnswerHere, LATER_LINE, laterMenuOnWay } from './answerThenQuestion';

/** A postcode in an address found: a whole address of its own, no correction of the one held. */
const POSTCODE_IN = /\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b/i;

type Action =
  | { ok: true; block: BlockOf<'question'>; value: Value; note?: string; beside?: () => void }
  | { ok: false; block: BlockOf<'question'>; w: InputWaiting }
  | { ok: 'which'; block: BlockOf<'question'>; choices: string[] }
  | { ok: 'name'; block: BlockOf<'question'>; name: string }
  | { ok: 'fallback'; block: BlockOf<'question'>; emailDeclined?: true; said?: string; later?: { menuId: string; text: string }; note?: string }
  | { ok: 'aside'; block: BlockOf<'question'>; w: InputWaiting; said: readonly Block[] }
  | { ok: 'forward'; routerId: string; inner: Classified }
  | { ok: 'give_up'; block: BlockOf<'question'>; w: InputWaiting }
  | { ok: 'close'; block: BlockOf<'question'>; w: InputWaiting; goodbye: boolean }
  | { ok: 'moment'; block: BlockOf<'question'>; w: InputWaiting }
  | { ok: 'why'; block: BlockOf<'question'>; w: InputWaiting; required?: true }
  | { ok: 'later'; block: BlockOf<'question'>; w: InputWaiting; menuId: string; text: string }
  | { ok: 'passed'; block: BlockOf<'question'>; w: InputWaiting; time: string };

function act(run: Run, a: Action): void {
  if (a.ok === true) {
    if (a.note !== undefined) bot(run, a.note, a.block.id);
    setVar(run, a.block.data.variable, a.value);
    a.beside?.();
    // Session 34 (hostile s34): the reference the block took is the conversation's (the agent's summary names it), also
    // when the NLU did not find it as written ("NW-104233 sorry I mean 104234" -> NW-104234, "hm 2231 0457"); session 36
    // (hostile s35 F7): and its digits are no phone number ("2231 0457" -> HM-2231-0457, not the phone 22310457).
    // Session 37: both at the entity pass, which reads the classification's `reference` (referenceNotPhone.ts).
    follow(run, a.block, 'next');
  } else if (a.ok === 'which') {
    // Session 15 (hostile s15 H#1): two addresses, neither negated nor someone else's: ask which, not a failed try.
    bot(run, `Which one should we reply to: ${a.choices.slice(0, -1).join(', ')} or ${a.choices[a.choices.length - 1]}?`, a.block.id);
  } else if (a.ok === 'name') {
    // Session 15 (newcomer s15 N#22): the customer's name typed at an email question is kept, the email asked again.
    setVar(run, 'customerName', a.name);
    bot(run, `Thanks, ${a.name}. ${render(run, a.block.data.text)}`, a.block.id);
  } else if (a.ok === 'fallback') {
    if (a.emailDeclined === true) run.s.emailDeclined = true;
    if (a.later !== undefined) run.s.laterRequest = { blockId: a.later.menuId, text: a.later.text, turn: run.s.turn };
    if (a.note !== undefined) bot(run, a.note, a.block.id);
    // Said unless the fallback's way opens with a Message of its own (it speaks for itself, as leaveQuestion reads it).
    const to = run.c.exitOf(a.block.id, 'fallback');
    if (a.said !== undefined && (to === undefined || run.c.blocks.get(to)?.kind !== 'message')) bot(run, a.said, a.block.id);
    follow(run, a.block, 'fallback');
  } else if (a.ok === 'aside') {
    // Session 18 (newcomer s17 N#17): the flow's answer to a question asked on the side, then this question again.
    for (const m of a.said) {
      run.visited.push(m.id);
      behaviourOf(m.kind).enter(run, m, null);
    }
    run.s.waiting = a.w;
    bot(run, render(run, a.block.data.text), a.block.id);
  } else if (a.ok === 'give_up') {
    leaveQuestion(run, a.block, a.w);
  } else if (a.ok === 'close') {
    closeAtQuestion(run, a.block, a.w, a.goodbye);
  } else if (a.ok === 'moment') {
    // Session 34 (hostile s34): "one sec" / "let me check" at a reference or email question: the question again, no try
    // counted (two of them took the block's fallback: "an advisor can find your policy ... Let's carry on").
    run.s.waiting = a.w;
    bot(run, `No problem, take your time. ${render(run, a.block.data.text)}`, a.block.id);
  } else if (a.ok === 'why') {
    // Session 40 (fixq, hostile s40 M8): "why do you need my email?" at a flow's email question (lead-gen's work email)
    // got "That doesn't look like an email address": what it is for, and the question again, no try counted.
    run.s.waiting = a.w;
    const skip = run.c.exitOf(a.block.id, 'fallback') !== undefined ? " (If you'd rather not give one, just say so.)" : '';
    bot(run, `${a.required === true ? whyEmailNeeded : whyQuestionEmail} ${render(run, a.block.data.text)}${skip}`, a.block.id);
  } else if (a.ok === 'later') {
    // Session 44 (details2, M5 / N7): kept for the menu that answers it; this question first (no try counted).
    run.s.laterRequest = { blockId: a.menuId, text: a.text, turn: run.s.turn };
    run.s.waiting = a.w;
    bot(run, `${LATER_LINE} ${render(run, a.block.data.text)}`, a.block.id);
  } else if (a.ok === 'passed') {
    // Session 50 (emerg7, hostile s49 M8): a time today that has already passed, at a question for a time from now on.
    run.s.waiting = a.w;
    bot(run, timePassedLine(a.time), a.block.id);
  } else if (a.ok === 'forward') {
    run.s.waiting = { kind: 'input', blockId: a.routerId, retries: 0 };
    run.visited.push(a.routerId);
    a.inner.apply();
  } else retry(run, a.block, a.w, a.block.data.maxRetries, questionRetryText(a.block.data));
}

/**
 * The variable's current value when the block says "skip when already known" and that value passes the
 * block's answer type (normalised as an answer would be); null otherwise.
 */
function knownAnswer(run: Run, block: BlockOf<'question'>): Value | null {
  // Session 13 (hostile s13 #11): the value in the customer's latest message wins over the remembered variable ("where
  // is order NW-555555" after tracking NW-104233 looks up NW-555555); givenEntity reads only that message.
  // Session 39 (hostile s38 M3): a reference of the example's shape given earlier and not used yet (referenceChoice.ts).
  return givenEntity(run, block) ?? knownVariable(run, block) ?? keptHere(run, block) ?? (block.data.fromEntity === undefined ? referenceGivenEarlier(run, exampleShapes(block)) : null);
}

/** The reference kept from a message handed to a person at this block (keepAnswer above), still in its variable. */
function keptHere(run: Run, block: BlockOf<'question'>): Value | null {
  const k = run.s.keptAnswer;
  if (k === undefined || k.blockId !== block.id || k.variable !== block.data.variable) return null;
  const v = vars(run)[k.variable];
  return typeof v === 'string' && v !== '' ? v : null;
}

function knownVariable(run: Run, block: BlockOf<'question'>): Value | null {
  if (!block.data.skipIfKnown) return null;
  const current = vars(run)[block.data.variable];
  if (!isKnown(current) || typeof current === 'object') return null;
  const r = validateAnswer(block.data.inputType, String(current), run.now, run.flow.settings.timezone, block.data);
  return r.ok ? r.value : null;
}

/**
 * "Take from the conversation": a value of the block's kind in the customer's LATEST message (the request that led
 * here) that passes the answer type, so "where is my order NW-104233?" is not followed by "What's your order
 * number?" (newcomer s6 #4: the product promises the customer never repeats anything). Only the latest message:
 * an order number from an earlier, different request (tracking one order, then "I want to return an item") is not
 * reused for this one (hostile s6); when that message names several, the last one written wins.
 */
function givenEntity(run: Run, block: BlockOf<'question'>): Value | null {
  const kind = block.data.fromEntity;
  if (kind === undefined) return null;
  const last = vars(run).lastMessage;
  if (typeof last !== 'string' || last === '') return null;
  // Session 14 (newcomer s13 #15 rest, s14 N#4): a postal address is not an NLU entity; the engine's own finder reads
  // it ("change address for order NW-104233 to 5 Park Lane, Bristol BS1 5TR please" is not asked for the address again).
  if (kind === 'address') {
    const part = analysedPart(last);
    // Session 20 (hostile s19 #21): a part of an address correcting the one read back ("yes, flat 2", "yes, except it is
    // 14 High Street", "no, the postcode is LS2 5CD"): the address held, with that part in its place.
    const prior = vars(run)[block.data.variable];
    // A whole address after the yes or no ("no, 5 Park Lane, Bristol BS1 5TR": the "no" read as a refusal) is the address.
    const whole = addressIn(part) ?? (prior !== undefined ? addressIn(withoutYesOrNo(part)) : null);
    const corrected = typeof prior === 'string' && prior !== '' ? correctedAddress(prior, part) : null;
    if (corrected !== null && !POSTCODE_IN.test(whole ?? '')) {
      const r = validateAnswer(block.data.inputType, corrected, run.now, run.flow.settings.timezone, block.data);
      if (r.ok) return r.value;
    }
    const found = whole;
    if (found === null) return null;
    const r = validateAnswer(block.data.inputType, found, run.now, run.flow.settings.timezone, block.data);
    return r.ok ? r.value : null;
  }
  return givenValues(run, block, last)[0] ?? null;
}

/**
 * The values of the block's kind in `text` that pass the answer type, the one to act on first. One value, or the last
 * written when the customer corrects ("NW-230918, sorry I mean NW-230919"). Session 20 (hostile s18 #28, s19 #10;
 * newcomer s19 F3): several values named together ("cancel NW-300111 and NW-300222", "where are NW-300111 and
 * NW-300222?", "NW-300111, NW-300222") are several requests: the first written is handled and the others are listed
 * after it (manyValuesNote tells the customer), where the last one won and the first was dropped without a word.
 */
function givenValues(run: Run, block: BlockOf<'question'>, text: string): Value[] {
  const kind = block.data.fromEntity;
  if (kind === undefined) return [];
  // The engine's own cut, so analyzeText's cache already holds this analysis. Session 31 (brief answers item 1): a
  // reference taken back ("NW-1 sorry NW-2 and NW-3") is no value named (selfCorrection.ts).
  const part = withoutCorrected(analysedPart(text));
  const found = entitiesOf(part);
  const excluded = excludedEntities(part, found, kind);
  const out: Value[] = [];
  const written: string[] = [];
  for (let i = 0; i < found.length; i++) {
    if (found[i].type !== kind || excluded.has(i)) continue;
    const r = validateAnswer(block.data.inputType, found[i].value, run.now, run.flow.settings.timezone, block.data);
    if (r.ok && !out.some((v) => String(v).toUpperCase() === String(r.value).toUpperCase())) {
      out.push(r.value);
      written.push(found[i].text);
    }
  }
  // A correction, or values not named together ("NW-230918 was the old one, this is NW-230919"): the last one, as before.
  if (written.length > 0 && correctedToUnreadable(part, (tail) => written.some((w) => tail.includes(w)))) return [];
  if (out.length < 2) return out.map((v) => withExamplePrefix(block, v));
  // Session 50 (conv12, hostile s49 M3): "NW-104233 and NW-555555, the second one": the customer says which they mean.
  const chosen = chosenAmong(part, written);
  if (chosen !== null) return [withExamplePrefix(block, out[chosen])];
  const between = betweenValues(part, written);
  if (CORRECTS.test(between) || !TOGETHER.test(between)) return out.slice(-1).map((v) => withExamplePrefix(block, v));
  return out.map((v) => withExamplePrefix(block, v));
}

/**
 * Session 50 (conv12, hostile s49 M3): the index of the value the customer picks by its place after naming them all ("I
 * have two, NW-104233 and NW-555555, the second one", "..., it's the latter", "... I'm asking about the first one"): an
 * ordinal with "the" or "one" after the last value written. Null when none, or two different places are named ("the
 * first one came, the second one didn't"), or the place is past the values named.
 */
const PLACE = /\bthe\s+(first|1st|second|2nd|third|3rd|fourth|4th|last|latter|former)\b|\b(first|1st|second|2nd|third|3rd|fourth|4th|last)\s+one\b/gi;
const PLACES: Record<string, number> = { first: 0, '1st': 0, former: 0, second: 1, '2nd': 1, third: 2, '3rd': 2, fourth: 3, '4th': 3 };
function chosenAmong(part: string, written: readonly string[]): number | null {
  const lastWritten = written[written.length - 1];
  const end = part.lastIndexOf(lastWritten);
  if (end < 0) return null;
  const tail = part.slice(end + lastWritten.length);
  const found = new Set<number>();
  for (const m of tail.matchAll(PLACE)) {
    const word = (m[1] ?? m[2]).toLowerCase();
    found.add(word === 'last' || word === 'latter' ? written.length - 1 : PLACES[word]);
  }
  if (found.size !== 1) return null;
  const at = [...found][0];
  return at < written.length ? at : null;
}

/**
 * Session 32 (session 31's unfixed findings): the words from the first value written to the last, where a correction
 * or the words naming values together are. An apology after them ("cancel NW-250778 and NW-250779 sorry") corrects
 * nothing: both are requests. The whole text when a value is not found as written.
 */
function betweenValues(part: string, written: readonly string[]): string {
  const first = part.indexOf(written[0]);
  const last = part.lastIndexOf(written[written.length - 1]);
  if (first < 0 || last < 0 || last < first) return part;
  return part.slice(first, last + written[written.length - 1].length);
}
/** Words that correct a value given before ("sorry", "I mean", "actually"): the last value written is the one meant. */
const CORRECTS = /\b(?:sorry|i\s+mean[t]?|actually|correction|typo|wrong|no\s+wait|scratch\s+that|oops)\b/i;
const CORRECTS_ALL = new RegExp(CORRECTS.source, 'gi');
/** Words that name values together ("and", "or", "both", a list): each is a request. */
// Session 30 (hostile s29 H9): two values with only spaces between ("NW-104233 NW-999999") are named together too: the
// last one was taken without a word about the first.
// Hostile s34: "then", "first ... second" and "and" in other languages (und, et, y, e, و) name them together too.
const TOGETHER = /\b(?:and|or|both|also|plus|as\s+well|too|orders|all|then|first|second|und|et|y|e|og|en)\b|&|\+|\s\u0648\s|[A-Z]{1,4}-?\d[\dA-Z-]{3,15}(?:\s*[,/]\s*|\s+)[A-Z]{1,4}-?\d/i;

/** What the customer is told when their message names several values (givenValues): which one comes first. */
function manyValuesNote(block: BlockOf<'question'>, values: readonly Value[]): string {
  const rest = values.slice(1).map(String);
  const others = rest.length === 1 ? rest[0] : `${rest.slice(0, -1).join(', ')} and ${rest[rest.length - 1]}`;
  const what = block.data.fromEntity === 'order_id' ? 'orders' : block.data.fromEntity === 'policy_number' ? 'policies' : 'numbers';
  // Hostile s34: 200 numbers in one message were listed (miscounted, a cut one among them): a short note past four.
  if (values.length > 4) return `You mentioned several ${what}, so one at a time: I'll start with ${String(values[0])}. Ask me about the others after that.`;
  return `You mentioned ${values.length} ${what}, so one at a time: I'll start with ${String(values[0])}. Ask me about ${others} after that.`;
}

/**
 * Session 18 (hostile s18 H#27, HIGH): a value the customer excludes ("cancel NW-230918 not NW-230919", "send NW-230918
 * to my new address, not NW-230919", "return NW-230918 but not NW-230919", "NW-230918 rather than NW-230919") is never
 * the one to act on: the last value written won whatever the words around it, so the order to keep was cancelled. The
 * indexes of the entities of `kind` in `found` written right after "not", "n't", "never", "instead of", "rather than", "except",
 * "apart from", "other than" (a few words between: "not the other one, NW-230919" is not; "don't touch order NW-230919" is).
 */
const EXCLUDING_BEFORE =
  /(?:\bnot|n['\u2019]t|\bnever|\binstead\s+of|\brather\s+than|\bexcept(?:\s+for)?|\bapart\s+from|\bother\s+than|\bbut\s+not)\s+(?:(?:the|my|this|that|order|parcel|package|number|no\.?|for|touch|cancel|send|return|change|move|redirect|track|with|about)\s+){0,3}$/i;
/**
 * Session 20 (hostile s19 #10): a value excluded after it, to the end of its clause: "cancel NW-230918, NW-230919 not",
 * "NW-230919 not though", "NW-230919 not that one". "NW-230919 not arrived yet" (a report) is no exclusion.
 */
const EXCLUDING_AFTER = /^\s*(?:not|though|excluded)(?:\s+(?:though|please|that\s+one|this\s+one|pls))?\s*(?:[,.;!?]|$)/i;
export function excludedEntities(text: string, found: readonly Entity[], kind: string): Set<number> {
  const out = new Set<number>();
  let from = 0;
  for (let i = 0; i < found.length; i++) {
    const e = found[i];
    if (e.text === '') continue;
    const at = text.indexOf(e.text, from);
    if (at < 0) continue;
    if (EXCLUDING_BEFORE.test(text.slice(Math.max(0, at - 60), at)) || EXCLUDING_AFTER.test(text.slice(at + e.text.length, at + e.text.length + 40))) out.add(i);
    from = at + e.text.length;
  }
  // Only beside another of the kind that is not excluded: "don't cancel NW-230918, just tell me where it is" is still
  // about NW-230918 (the negation is of the request, not a choice between orders).
  return found.some((e, i) => e.type === kind && !out.has(i)) ? out : new Set();
}

/**
 * Session 8 (issue 11, loops at a Question block): a free-text answer to a question that takes a value of a known kind
 * from the conversation (`fromEntity`: "What's your order number?") is not an answer when it asks something back and
 * holds no value of that kind ("where is my parcel??", "how do I send it back?", "can u not just search my name?"):
 * the block asks again (its retry message), and the turn is one the bot could not use, so a customer who keeps asking
 * their own question while the bot keeps asking for an order number reaches the escalation policy's loop and repeated
 * fallback checks instead of being stored as the order number. Answers that ask nothing ("I don't have it", "the blue
 * one") and answers holding a value of the kind ("NW-104233?", "is it NW-104233?") are taken as before; a
 * question without `fromEntity` takes any text (the designer named no kind to tell an answer by).
 */
function asksInstead(block: BlockOf<'question'>, text: string): boolean {
  const kind = block.data.fromEntity;
  if (kind === undefined || block.data.inputType !== 'text') return false;
  // The engine's own cut, so analyzeText's cache already holds this analysis.
  const a = analyzeText(analysedPart(text));
  // Session 9 (hostile s9 #15): a bare "no" / "nope" / "yes" is never a value of a kind ("We've asked the warehouse to
  // stop order no"): asked again like a question.
  // Session 44 (hostfix, hostile s44 L3): except a bare no to a question for a number ("no" at "What is your policy
  // number?"): the customer has none to hand (holdsNoValue's branch takes the block's fallback, as for "I don't have it").
  if (isBareReply(a.tokens)) return !(DIGIT_KINDS.has(kind) && BARE_NO.test(a.normalized));
  // Session 17 (newcomer s16 N#1): "dont have it" ("do not have it") opens like a question ("do ...") and was asked again.
  if (saysItLacks(a.normalized)) return false;
  if (!a.text.includes('?') && questionType(a.normalized) === null) return false;
  for (const e of a.entities) if (e.type === kind) return false;
  return true;
}

/** Kinds whose every value has a digit in it (an order or policy number, a phone number, an amount). */
const DIGIT_KINDS: ReadonlySet<string> = new Set(['order_id', 'policy_number', 'phone', 'amount']);

/**
 * Session 14 (newcomer s14 #3, HIGH): at a question that takes a value of a kind whose values always hold a digit
 * (`fromEntity` order_id, policy_number, phone, amount) with answer type text, an answer with no digit at all is not
 * that value: "I don't know the number", "never mind", "I don't have it", "I lost the email", "no idea" were stored as
 * the order number ("shall I cancel order I don't know the number?", the orders API called with the sentence). The block
 * asks again (its retry message), then takes its fallback. An answer with a digit is taken as before, so an order
 * number the extractor does not know ("104233", "A1234") still passes. Such a re-ask is the block's own check, not a
 * message the bot failed to understand: it is not a fallback turn for the escalation policy (measured: counted as one,
 * "I don't have it" twice handed over for repeated fallback and 18 more ordinary corpus conversations escalated).
 */
function holdsNoValue(block: BlockOf<'question'>, text: string): boolean {
  const kind = block.data.fromEntity;
  return ((kind !== undefined && block.data.inputType === 'text' && DIGIT_KINDS.has(kind)) || readsExampleReference(block)) && !/\p{Nd}/u.test(text);
}

/** Kinds whose value is one reference the flow looks up and repeats (an order or policy number). */
const REFERENCE_KINDS: ReadonlySet<string> = new Set(['order_id', 'policy_number']);
const readsReference = (block: BlockOf<'question'>): boolean => REFERENCE_KINDS.has(block.data.fromEntity ?? '');
/**
 * Session 50 (conv13, hostile s50 M3): a free-text question that names no entity to take but whose own examples are all
 * references starting with letters (Harbor Mutual's "What is your claim reference? (e.g. CL-558201)") asks for a
 * reference of that shape: "my claim reference is cl558201 thanks" was stored whole as the claim number (and looked up
 * so: "I couldn't find claim my claim reference is cl558201 thanks"). Such a question reads its answer as the order and
 * policy questions do (referenceAnswer: the example's shape in any case, with or without the dash, out of a sentence;
 * digits alone get the example's letters), and an answer with no digit at all holds no reference: asked again (or the
 * block's fallback for "I don't have it"), as at those questions.
 */
function readsExampleReference(block: BlockOf<'question'>): boolean {
  if (block.data.fromEntity !== undefined || block.data.inputType !== 'text') return false;
  const shapes = shapesOf(block);
  return shapes.length > 0 && shapes.every((shape) => shape.groups[0]?.kind === 'prefix');
}
/** Longest reference taken as written; longer text is no reference (hostile s32 H1: 4,000 characters looked up). */
const REFERENCE_MAX = 24;
const REFERENCE_TOKEN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
/**
 * Letters, a space or hyphen, then digits in groups of at most four after the first: "NW-1 04 233", "NW 104233",
 * "104 233" ("104233 104234" is two numbers).
 */
const SPACED_REFERENCE = /^(?:([A-Z]{1,4})[\s-]+)?(\d+(?:[\s-]\d{1,4})*)$/;

/** The reference shapes of the block's own example (its text and retry message), read once per block object. */
const SHAPES = new WeakMap<object, ReferenceShape[]>();
function shapesOf(block: BlockOf<'question'>): ReferenceShape[] {
  let s = SHAPES.get(block.data);
  if (s === undefined) SHAPES.set(block.data, (s = referenceShapes([block.data.text, block.data.retryMessage])));
  return s;
}

/** The prefixed reference shapes of the block's example (its text and retry message). */
const exampleShapes = (block: BlockOf<'question'>) => prefixedShapes(block.data, [block.data.text, block.data.retryMessage]);

/**
 * Session 34 (hostile s34 P1): a reference of digits only ("104234", "order 104233") at a question whose own example
 * starts with letters and has that many digits ("It starts with NW ... (e.g. NW-104233)") is the example's reference:
 * NW-104234 (it was looked up as 104234). Digits of another count, or no such example: as typed.
 */
function withExamplePrefix(block: BlockOf<'question'>, value: Value): Value {
  // Session 38 (hostile s37 #4): also digits in groups ("policy 2231 0457" -> 2231-0457 -> HM-2231-0457).
  if (typeof value !== 'string' || !/^\d(?:[\d-]*\d)?$/.test(value) || !(readsReference(block) || readsExampleReference(block))) return value;
  for (const shape of shapesOf(block)) {
    const first = shape.groups[0];
    if (first.kind !== 'prefix') continue;
    const r = answerByExample(`${first.text}${value}`, [shape]);
    if (r?.ok === true) return r.value;
  }
  return value;
}

/**
 * Session 36 (hostile s35 F7): "0612345678" / "06 12 34 56 78" at the insurance policy question ("e.g. HM-2231-0457") was
 * stored as the policy number: a number of digits only that is a mobile's (0 then 6 or 7, ten digits; 07 and eleven in
 * the UK), at a question whose example starts with letters, is no reference (asked again; the phone is remembered).
 */
/** A phone number named as one: after "call / ring / text me on", "phone / mobile (number) (is)", "my number (is)". */
const NAMED_PHONE = /\b(?:(?:call|ring|text|reach|contact|phone)\s+me\s+(?:on|at)|(?:phone|mobile|cell|tel|telephone|landline|whatsapp)(?:\s+(?:number|no\.?|nr|num))?(?:\s*(?:is|:))?|my\s+number(?:\s*(?:is|:))?)\s*\+?\d[\d\s().-]{4,}\d/gi;
export function withoutNamedPhones(text: string): string {
  return /\d/.test(text) ? text.replace(NAMED_PHONE, (m) => ' '.repeat(m.length)) : text;
}

/**
 * Session 38 (hostile s37 #6): a reference the NLU reads as the other kind, named so ("order NW-104233" at the policy
 * question), is not this block's: it was stored as the policy number.
 */
function otherKindOfReference(block: BlockOf<'question'>, part: string, ref: string): boolean {
  const kind = block.data.fromEntity;
  const key = ref.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  return entitiesOf(part).some((e) => (e.type === 'order_id' || e.type === 'policy_number') && e.type !== kind && e.value.replace(/[^A-Za-z0-9]/g, '').toUpperCase() === key);
}

function shorterThanEveryPrefixedShape(shapes: readonly ReferenceShape[], ref: string): boolean {
  const digits = ref.replace(/\D/g, '').length;
  const prefixed = shapes.filter((x) => x.groups[0]?.kind === 'prefix');
  return prefixed.length > 0 && prefixed.every((x) => digits < x.groups.reduce((n, g) => n + (g.kind === 'digits' ? g.n : 0), 0));
}

/**
 * Session 48 (conv9, hostile s47 M5): at Harbor Mutual's policy question ("e.g. HM-2231-0457") "tomorrow after 5pm" was
 * stored as the policy "5PM", "flat 4B", "postcode SW1A 1AA", "my reg is AB12 CDE" (AB12) and a phone number
 * (00447700900123) too. A policy number (not looked up, so nothing later says it is wrong) is taken only when it could be
 * of the example's shape: the example's letters (any number after them), or as many other letters and at least half the
 * example's digits, at most three more; digits alone, at most three more than the example's (fewer: shorterThanEveryPrefixedShape). Only when
 * every example of the block starts with letters; a block without one takes what it took before.
 */
function unlikeEveryPrefixedShape(shapes: readonly ReferenceShape[], value: string, strict: boolean): boolean {
  const prefixed = shapes.filter((x) => x.groups[0]?.kind === 'prefix');
  if (prefixed.length === 0 || prefixed.length !== shapes.length) return false;
  const v = value.toUpperCase().replace(/\s+/g, '-');
  const m = /^([A-Z]*)-?(\d[\d-]*)$/.exec(v);
  if (m === null) return true;
  const digits = m[2].replace(/-/g, '').length;
  return prefixed.every((x) => {
    const first = x.groups[0];
    const prefix = first.kind === 'prefix' ? first.text.replace(/[^A-Za-z]/g, '').toUpperCase() : '';
    const n = x.groups.reduce((k, g) => k + (g.kind === 'digits' ? g.n : 0), 0);
    if (digits > n + 3) return true;
    if (!strict) return false;
    // The example's own letters with a number of another length ("HM-7") are read as before (session 38).
    return m[1] !== '' && m[1] !== prefix && (m[1].length !== prefix.length || digits * 2 < n);
  });
}

function mobileNotReference(shapes: readonly ReferenceShape[], ref: string): boolean {
  return /^0[67]\d{8,9}$/.test(ref) && shapes.some((shape) => shape.groups[0]?.kind === 'prefix');
}

/** Short words typed before a number that are no letters of it ("oops 104234", "its 104 233", "ref 104233"). */
const WORD_BEFORE_NUMBER: ReadonlySet<string> = new Set(
  ('A AH AND ALSO ARE AS AT BUT BY ER ERM FOR HERE HEY HI HMM I ID IS IT ITS ME MINE MY NAH NO NOPE NOT NOW NR NUM OF OH OK ' +
    'OKAY ON OOPS OR REF SO SURE THAT THE THEN THIS TRY UH UM UMM WAIT WAS YEAH YEP YES YUP').split(' '),
);

/**
 * Session 34 (hostile s33 #4): the reference in an answer with no reference the NLU knows. First by the shape of the
 * flow's own example in the question's text or retry message (questionValidators.ts answerByExample, session 17: written
 * then and never called): "HM 2231 0457" -> HM-2231-0457 as the example writes it. Then an answer that corrects one ("NW-104233 sorry I mean 104234"): what is
 * left once the taken-back reference is dropped (selfCorrection.ts), with the letters of the one taken back when the
 * correction gives digits only (NW-104234; it got the format line). Otherwise referenceIn of the whole answer.
 */
function referenceAnswer(block: BlockOf<'question'>, said: string): string[] {
  // Session 38 (hostile s37 #5): a number the customer names as their phone ("my number is 2231-0457", "call me on
  // ...") is no reference: "2231-0457" became the policy (the agent's summary said "Reference: 2231-0457").
  const text = withoutNamedPhones(said);
  const part = analysedPart(text);
  const kept = withoutCorrected(part);
  // Only a match: the example's prefix with a number of another length ("NW-7") is read as before, since an example
  // shows one number and real ones may be longer or shorter (the lookup says whether it exists). Several different
  // ones ("HM-2231-0457 and HM-2231-0458"): all, the first acted on (manyValuesNote), unless a correction is between.
  const shapes = shapesOf(block);
  if (correctedToUnreadable(kept, (tail) => (shapes.length > 0 ? answersByExample(tail, shapes).length > 0 : referenceIn(tail) !== null))) return [];
  const byExample = answersByExample(kept, shapes);
  if (byExample.length > 0) return byExample.length > 1 && CORRECTS.test(kept) ? byExample.slice(-1) : byExample;
  if (kept === part) {
    const ref = referenceIn(text);
    if (ref === null || mobileNotReference(shapes, ref) || otherKindOfReference(block, part, ref)) return [];
    const value = String(withExamplePrefix(block, ref));
    // Session 38 (hostile s37 #6): a bare number shorter than the example's that does not have its shape even with its
    // prefix ("12345" at "e.g. HM-2231-0457") is no reference of it: asked again with the retry line (it was stored as
    // the policy number). A longer one is still taken (session 34: "1042345" is looked up at the order question).
    // Session 49 (conv10, hostile s47 M5 rest): an order number too is taken only in an order number's shape: letters
    // (if any) then digits, at most three digits more than the example's ("5PM", "FLAT 4B", "SW1A 1AA", "12 ELM RD", a
    // phone number were looked up). Digits alone shorter than the example's are no longer refused at the order question
    // (the lookup or the ticket's reader says whether it exists): refusing them made the next message, the new address,
    // the order number (w5-035, w5-219), which is why session 48's try of this rule lost those two. The policy question
    // (not looked up) keeps refusing them, and its stricter letters rule (strict).
    if (unlikeEveryPrefixedShape(shapes, value, block.data.fromEntity === 'policy_number')) return [];
    return value === ref && /^\d[\d\s-]*$/.test(ref) && block.data.fromEntity === 'policy_number' && shorterThanEveryPrefixedShape(shapes, ref) ? [] : [value];
  }
  const ref = referenceIn(kept);
  if (ref === null || !/^\d+$/.test(ref)) return ref === null ? [] : [ref];
  const taken = /\b([A-Za-z]{1,4})(-?)\d/.exec(part);
  if (taken === null || kept.includes(taken[0]) || WORD_BEFORE_NUMBER.has(taken[1].toUpperCase())) return [String(withExamplePrefix(block, ref))];
  // Hostile s34: the letters carried over only when the result has the example's shape ("HM-2231-0457 sorry I mean 0458"
  // is no policy number: asked again, was stored as 0458).
  const carried = `${taken[1].toUpperCase()}${taken[2]}${ref}`;
  if (shapes.length === 0) return [carried];
  const fits = answerByExample(carried, shapes);
  return fits?.ok === true ? [fits.value] : [];
}

/**
 * Hostile s34: a correction after a number, to something selfCorrection.ts cannot read as a reference ("NW-104233 sorry
 * I mean 12", "K7XQ2P sorry I mean 7XQ2Q"; a short tail with a digit after the last correction word): the value taken
 * back was used. Such an answer holds no value: asked again.
 */
function correctedToUnreadable(part: string, readsValue: (tail: string) => boolean): boolean {
  let last: RegExpExecArray | null = null;
  for (const m of part.matchAll(CORRECTS_ALL)) last = m;
  // The correction follows a number ("NW-104233 sorry I mean 12"), not an apology before one ("oops sorry NW-104233").
  if (last === null || !/\p{Nd}/u.test(part.slice(0, last.index))) return false;
  const tail = part.slice(last.index + last[0].length).trim();
  // A short tail only: "NW-104233 sorry it's late, I ordered it 12 days ago" says something else.
  // A value read after the correction ("NW-1, sorry and NW-2", "the 5th, I mean the 6th") is the reader's to weigh.
  return tail !== '' && tail.split(/\s+/).length <= 5 && /\p{Nd}/u.test(tail) && !readsValue(tail);
}

/**
 * Session 33 (hostile s32 H1, H2, H6): the reference in an answer to an order or policy number question that the NLU
 * finds no entity in. Before, such an answer was stored whole, as written: "it's 104233" was looked up as "it's 104233";
 * a 4,000-character "NW-1NW-1..." was looked up and echoed back whole ("I couldn't look up order NW-1NW-1..."), a
 * full-width "ＡＢ１２３４５" was sent to the lookup in full-width characters, "NW-1 04 233" with its spaces. Now, after
 * folding full-width characters (NFKC) and dropping invisible ones: a number written with spaces or hyphens inside,
 * after at most four letters ("NW-1 04 233" -> NW-104233, "104 233" -> 104233); otherwise the one word of letters, digits
 * and single hyphens that holds a digit, 3 to 24 characters ("it's 104233" -> 104233, "A1234"); else a short answer of
 * such words with at most one of a number's length ("SW1A 1AA"). Upper case, as the NLU's order numbers. Null (the block asks again) when there is none, or several different ones.
 */
export function referenceIn(text: string): string | null {
  const t = readableText(text.normalize('NFKC')).trim().toUpperCase();
  if (t.length > 200) return null;
  const spaced = SPACED_REFERENCE.exec(t.replace(/[.!?]+$/, ''));
  if (spaced !== null && /\s/.test(t)) {
    const digits = spaced[2].replace(/[\s-]/g, '');
    // Session 34 (hostile s33 #4): a word before the number is no prefix of it ("oops 104234" was looked up as OOPS-104234).
    const ref = spaced[1] !== undefined && !WORD_BEFORE_NUMBER.has(spaced[1]) ? `${spaced[1]}-${digits}` : digits;
    if (digits.length >= 3 && ref.length <= REFERENCE_MAX) return ref;
  }
  const found = new Set<string>();
  for (const word of t.split(/[\s,;:]+/)) {
    const w = word.replace(/^[#("'\[]+|[.!?)"'\]]+$/g, '');
    if (w.length >= 3 && w.length <= REFERENCE_MAX && /\d/.test(w) && REFERENCE_TOKEN.test(w)) found.add(w);
  }
  if (found.size === 1) return [...found][0];
  // A short answer of such words only, where at most one is as long as a number ("SW1A 1AA"): taken as written.
  const words = t.split(/\s+/);
  const whole = words.length >= 2 && words.length <= 3 && t.length <= REFERENCE_MAX && words.every((w) => REFERENCE_TOKEN.test(w));
  return whole && words.filter((w) => w.length >= 5 && /\d/.test(w)).length <= 1 ? words.join(' ') : null;
}

/**
 * Session 16 (newcomer s15 N#3, hostile s15 H#17): an answer saying the customer does not know or have the value: the
 * undecided answers of every question (isUnsureReply: "I'm not sure", "idk", "no idea", "dunno") and "I don't know it",
 * "I don't have it (with me)", "I can't find the number", "I lost the email". Normalised text ("don't" -> "do not").
 */
const LACKS_VALUE = new RegExp(
  '^(?:(?:sorry|well|um|erm|oh|no|nope|really|honestly|just|actually|but|so|unfortunately)\\s+)*(?:i\\s+)?(?:am\\s+)?(?:really\\s+|honestly\\s+|just\\s+|still\\s+)?' +
    '(?:(?:do not|did not|cannot|can not|could not|never)\\s+(?:know|have|remember|recall|find|got|get|see|receive|received)' +
    '(?:\\s+(?:it|that|one|this|them|the|my|an?|any|your|order|policy|booking|reference|ref|confirmation|tracking|number|no|email|mail|code|id|receipt))*' +
    '|(?:have\\s+)?(?:lost|deleted|misplaced|forgot|forgotten|binned|threw away)(?:\\s+(?:it|that|the|my|order|policy|booking|reference|confirmation|number|email|mail|receipt|code))+)' +
    '(?:\\s+(?:with me|on me|here|now|right now|anymore|any more|sorry|at all|to hand|already|either))*$',
);
export function lacksTheValue(normalized: string): boolean {
  const n = withoutWhereItIs(normalized);
  return isUnsureReply(n) || LACKS_VALUE.test(n);
}
/**
 * Session 47 (conv8, retest-conv s46 L2): "no idea where it is", "not sure what it is", "dunno where I put it", "can't
 * find where I saved it": not knowing where or what the value is, said after the words that say so, is not knowing it
 * ("no idea where it is, how much luggage can I take?" at Skyline Air's booking-reference question asked for the
 * reference again). The tail is dropped before the readers above; a tail that asks ("where do I find it?") is none.
 */
const WHERE_IT_IS = /\s+(?:where|what|which\s+one)\s+(?:(?:it|that|they|this|mine|the\s+\w+|my\s+\w+)(?:\s+(?:is|was|are|were|went|is\s+now|has\s+gone|ended\s+up))?|i\s+(?:put|left|saved|kept|stored|filed|wrote)\s+(?:it|that|them|the\s+\w+|my\s+\w+))(?:\s+(?:now|anymore|any\s+more|sorry|to\s+be\s+honest|tbh))*$/;
function withoutWhereItIs(normalized: string): string {
  return normalized.replace(WHERE_IT_IS, '');
}

/**
 * Session 44 (hostfix, hostile s44 L3): a bare no to a question for a reference: the customer has none to hand.
 * Session 45 (tidy2, review of s44): the ways of writing no are bareReplies' NO_WORDS (one list), so "na" and "nay" count
 * as "nah" does ("na" is also how N/A is typed at "What is your policy number?").
 */
const BARE_NO = new RegExp(`^(?:(?:${[...NO_WORDS, 'sorry'].join('|')})(?:\\s+(?:sorry|no|i do not|i don t|i dont|i have not|i haven t|not really|not to hand|not on me|not with me|i m afraid|im afraid))*|none|not to hand|not on me|not with me)$`);
/**
 * Session 45 (details4, retest s44 L5): a no and more words after it that ask nothing and are no hold ("nope, it's in a
 * drawer somewhere", "no I'm at work, it's at home"; not "no wait, let me look", "no, where do I find it?").
 */
const NO_THEN = /^(?:no|nope|nah)(?:\s+(?:sorry|thanks|i m afraid|im afraid))*\s+(?!(?:wait|hold|hang|one sec|let me|i will|i ll|ill|just a|give me|gimme|sec|hang on)\b)\S/;
function noThenStatement(normalized: string, text: string): boolean {
  return !text.includes('?') && NO_THEN.test(normalized) && !asksForAPersonAgain(text);
}
/** Of those, the answers that say the customer does not have or know the value (not only undecided: "maybe", "hmm"). */
const NOT_KNOWING = /(?:^|\s)(?:no idea|no clue|do not know|not know|not a clue)(?:\s|$)/;
export function saysItLacks(normalized: string): boolean {
  const n = withoutWhereItIs(normalized);
  return LACKS_VALUE.test(n) || (isUnsureReply(n) && NOT_KNOWING.test(n));
}

/**
 * Session 8: the value of the block's kind (`fromEntity`) in a free-text answer, when it holds one that passes the answer
 * type: "I ordered it two weeks ago, NW-104233" stores NW-104233 (the order lookup was called with the whole sentence).
 * Null when there is none: the answer is stored as written, as before. Session 34 (hostile s32 H3, s33 #2): the values
 * givenValues reads, so several named together at the question ("NW-104233 and NW-104234") are the first one with
 * manyValuesNote (valuesIn), as when they came with the request (the last one was looked up without a word).
 */
function valueIn(run: Run, block: BlockOf<'question'>, text: string): Value | null {
  return valuesIn(run, block, text)[0] ?? null;
}
function valuesIn(run: Run, block: BlockOf<'question'>, text: string): Value[] {
  return block.data.inputType === 'text' ? givenValues(run, block, text) : [];
}

/**
 * Session 18 (newcomer s17 N#17): an answer that does not fit and asks something else by its form ("what are your
 * opening hours?" at "What is the new delivery address?", "never mind, how much is shipping to Canada?" at an order
 * question) is that question when the flow's router understands it and its way does not lead back here
 * (otherRequest.ts): answered on the side (the question asked again) or, when it starts something else, routed. "where
 * is my parcel??" at "What's your order number?" leads back here: asked again as before (session 8).
 */
function otherQuestion(run: Run, block: BlockOf<'question'>, w: InputWaiting, text: string): Classified | null {
  if (!asksByForm(text, normalizeText(text))) return null;
  const other = otherRequestAt(run, block, text);
  if (other === null) return null;
  if (other.aside !== null) return new ClassifiedInput<Action>(false, other.inner.intent, run, act, { ok: 'aside', block, w, said: other.aside });
  return new ClassifiedInput<Action>(false, other.inner.intent, run, act, { ok: 'forward', routerId: other.router.id, inner: other.inner });
}

/** How sure the router must be of a request typed without a question's form for it to leave a question (topicSwitch). */
const SWITCH_MIN = 0.8;
function topicSwitch(run: Run, block: BlockOf<'question'>, w: InputWaiting, text: string): Classified | null {
  // A fragment of function words ("the thing with the", "so the") names no topic, however the matcher scores it; an
  // answer that opens with yes / no / only ("No not the whole order, just one thing in it") or a longer sentence
  // explains the answer (measured: read as a return, a corpus loop was lost). A topic is named in a few words.
  const words = normalizeText(text).split(' ').filter(Boolean);
  if (words.length > 5 || words.every((t) => isStopWord(t) || t === 'thing' || t === 'stuff')) return null;
  if (/^(?:no|nope|nah|not|yes|yeah|yep|only|just|but)$/.test(words[0] ?? '')) return null;
  const other = otherRequestAt(run, block, text);
  if (other === null || (other.inner.intent?.confidence ?? 0) < SWITCH_MIN) return null;
  if (other.aside !== null) return new ClassifiedInput<Action>(false, other.inner.intent, run, act, { ok: 'aside', block, w, said: other.aside });
  return new ClassifiedInput<Action>(false, other.inner.intent, run, act, { ok: 'forward', routerId: other.router.id, inner: other.inner });
}

/**
 * Session 24 (hostile s14 #15 rest): a customer who gives up on the question: "never mind", "forget it", "doesn't
 * matter", "cancel", "changed my mind", "leave it", "not important" (backOut.ts's words, and a few of a question's own).
 * Before, a Question block had no way to leave: "never mind" at "What's your order number?" got the retry line twice,
 * then the template's fallback offered a colleague. Not a give-up: a message with a question's form ("never mind, how
 * much is shipping?": otherQuestion answers it) or holding a value of the block's kind ("never mind, it's NW-230918").
 */
const LEAD = "^(?:(?:oh|ok|okay|ah|well|no|nah|actually|sorry|um|erm|hmm|honestly)\\s+)*";
const GIVES_UP = new RegExp(
  `${LEAD}(?:(?:it\\s+)?(?:does\\s*n[o']?t|doesnt|does\\s+not)\\s+matter|(?:it'?s\\s+|its\\s+)?not\\s+important|skip\\s+(?:it|that|this)|drop\\s+it|let'?s\\s+leave\\s+it|forget\\s+about\\s+it)` +
    "(?:\\s+(?:then|anyway|any\\s+more|anymore|now|sorry|thanks|thank\\s+you|really|at\\s+all))*$",
);
/**
 * A give-up answers the block's question (with no answer): the escalation policy reads it with the conversation-level
 * checks only (an explicit request for a person still hands over), not sentiment: "nah forget it" was handed over as
 * negative, to a person the customer had just said they did not need.
 */
class GiveUp extends ClassifiedInput<Action> {
  readonly answered = true;
}
/**
 * Session 38 (hostile s38 M6): an answer that is only a date or time ("twenty to twelve", "11h45", "it leaves at 11:45")
 * to a Date or Date-and-time question answers the block's question: the policy reads it with the conversation-level
 * checks only (an explicit request for a person still hands over), not sentiment. "twenty to twelve" scored 0.82 on the
 * sentiment classifier (two words it did not know) and the customer, whose flight left in 10 minutes, was handed over
 * "as upset". An answer with other words than the date and a few fillers is read whole as before.
 */
class WhenAnswer extends ClassifiedInput<Action> {
  readonly answered = true;
  deadlineMinutes?: number;
}

/**
 * Session 50 (emerg7, hostile s49 M8): the time ("10:45") when `value` (a date-and-time answer, "YYYY-MM-DDTHH:MM" on the
 * flow's clock) is today and already past at a question for a time from now on (dates "future"); null otherwise.
 */
function passedToday(block: BlockOf<'question'>, value: string, now: number, timeZone: string): string | null {
  if (block.data.inputType !== 'datetime' || block.data.dates !== 'future' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const l = localTime(timeZone, now);
  const nowWall = `${l.date}T${String(Math.floor(l.minutes / 60)).padStart(2, '0')}:${String(l.minutes % 60).padStart(2, '0')}`;
  return value.slice(0, 10) === l.date && value.slice(0, 16) < nowWall ? value.slice(11, 16) : null;
}
export const timePassedLine = (time: string) => `${time} today has already passed. Did you mean tomorrow at ${time}? Please type the day and the time, e.g. "tomorrow ${time}", or tell me what happened.`;

/**
 * Session 50 (emerg7, hostile s49 M8): how many minutes ahead `value` (a date-and-time answer on the flow's clock) is, at a
 * date-and-time question for a time from now on, when the flow's urgency deadline is in hours (shorter than a day: the
 * designer made it so, as Skyline Air's 2 hours; the default week would make every date answered a deadline); undefined
 * otherwise. The urgency detector decides (TurnFacts.answeredMinutesAway).
 */
const DEADLINE_DAY_HOURS = 24;
function minutesAhead(run: Run, block: BlockOf<'question'>, value: string): number | undefined {
  const u = run.flow.escalation.urgency;
  if (block.data.inputType !== 'datetime' || block.data.dates !== 'future' || !u.enabled || u.deadlineHours >= DEADLINE_DAY_HOURS) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  // The flow's own urgency rule on this variable that the value meets (Skyline Air's "departureTime within 20 minutes"):
  // the flow's own way takes it (its "Leaving within 20 min?" condition and message), not the policy at the question.
  const vars = { ...run.s.variables, [block.data.variable]: value };
  if (u.rules.some((r) => 'variable' in r && r.variable === block.data.variable && evaluateRule(r, vars, run.now, run.flow.settings.timezone))) return undefined;
  const l = localTime(run.flow.settings.timezone, run.now);
  const dayDiff = (Date.parse(`${value.slice(0, 10)}T00:00Z`) - Date.parse(`${l.date}T00:00Z`)) / 86_400_000;
  const minutes = dayDiff * 1440 + Number(value.slice(11, 13)) * 60 + Number(value.slice(14, 16)) - l.minutes;
  return Number.isFinite(minutes) && minutes >= 0 ? minutes : undefined;
}
const isWhen = (block: BlockOf<'question'>) => block.data.inputType === 'date' || block.data.inputType === 'datetime';
function givesUp(run: Run, block: BlockOf<'question'>, text: string): boolean {
  if (text.length > 120 || text.includes('?')) return false;
  const t = text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[^\p{L}\p{N}'\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  // "doesn't matter" opens like a question ("does ..."): the whole phrase first, then backOut's words without a question.
  if (!GIVES_UP.test(t) && !(backsOut(text) && !asksByForm(text, normalizeText(text)))) return false;
  // A value of the block's kind or an answer of its type given with the words ("never mind, it's NW-230918").
  if (valueIn(run, block, text) !== null) return false;
  if (block.data.inputType !== 'text' && validateAnswer(block.data.inputType, text, run.now, run.flow.settings.timezone, block.data).ok) return false;
  return !(block.data.fromEntity !== undefined && DIGIT_KINDS.has(block.data.fromEntity) && /\p{Nd}/u.test(text));
}

/** What the customer is told when they leave a question (before the menu's or the fallback's own words). */
export const GAVE_UP_LINE = "No problem, let's leave that.";

/**
 * Leaves the question the way the flow allows, politely ("No problem, let's leave that."), in this order:
 * 1. back to the router the customer came through (Northwind's "What's your question?"): a customer who gives up no
 *    longer wants what the question was for;
 * 2. else by the block's `fallback` exit, the flow's way for a question left without an answer (lead-gen's email,
 *    Skyline Air's booking reference), unless that way goes to a person (Harbor Mutual's claim reference: the customer
 *    just said they want nothing more). When the way opens with a Message, it speaks for itself ("No problem, we'll
 *    carry on without it") and the line is not said;
 * 3. else back to the Buttons block the customer came through (Harbor Mutual's "What do you need help with?");
 * 4. else, with no way out, the question is asked again as before (its retry line).
 */
function leaveQuestion(run: Run, block: BlockOf<'question'>, w: InputWaiting): void {
  // The request the question was for is given up: what the customer asks next is a new request, not that one again
  // (the loop check's run of askings, intentMemory.ts, had "track my order", "never mind", "opening hours" as a loop).
  if (run.s.escalation.intents !== undefined && run.s.escalation.intents.length > 0) run.s.escalation = { ...run.s.escalation, intents: [] };
  const back = (to: Block) => {
    bot(run, GAVE_UP_LINE, block.id);
    run.s.waiting = null;
    goTo(run, to.id);
  };
  const router = readerBefore(run, block);
  if (router !== null) return back(router);
  const fallback = run.c.exitOf(block.id, 'fallback');
  if (fallback !== undefined && !wayReachesPerson(run, fallback)) {
    if (run.c.blocks.get(fallback)?.kind !== 'message') bot(run, GAVE_UP_LINE, block.id);
    follow(run, block, 'fallback');
    return;
  }
  const menu = readerBefore(run, block, true);
  if (menu !== null) return back(menu);
  retry(run, block, w, block.data.maxRetries, questionRetryText(block.data));
}

/**
 * Session 29 (newcomer s28 N8): the customer closes the chat at a question ("thanks, that is all", "no, that's it",
 * "nothing else"): at "Which order should go to a new address?" it got the retry line again, twice. The question is left
 * (as a give-up is: "No problem, let's leave that.") and the flow's own closing is followed (closing.ts: "Anything
 * else?" -> "No, that's all", the rating, goodbye); a flow without one goes back as a give-up does (leaveQuestion). An
 * answer of the block's type with the words ("that's it, NW-104233") is the answer.
 */
function closes(run: Run, block: BlockOf<'question'>, text: string): boolean {
  if (!closesChat(text)) return false;
  return block.data.inputType !== 'text' ? !validateAnswer(block.data.inputType, text, run.now, run.flow.settings.timezone, block.data).ok : true;
}

/** Session 38 (hostile s38 M5): said when a customer says goodbye at a question of a flow with no closing of its own. */
export const GOODBYE_AT_QUESTION = 'No problem. Thanks for getting in touch, goodbye!';

function closeAtQuestion(run: Run, block: BlockOf<'question'>, w: InputWaiting, goodbye: boolean): void {
  const closing = closingChoice(run, block.id);
  if (closing === null) {
    // Session 38 (hostile s38 M5): "thx bye" at Skyline Air's booking question, "ok thanks bye" at Harbor Mutual's policy
    // question got "No problem, let's leave that." and the menu (or the question's fallback message): a goodbye, with
    // nothing else in the message, ends the chat politely when the flow has no closing of its own to follow.
    if (goodbye) {
      bot(run, GOODBYE_AT_QUESTION, block.id);
      run.s.mode = 'closed';
      run.s.waiting = null;
      run.effects.push({ type: 'end', reason: 'flow_end' });
      return;
    }
    return leaveQuestion(run, block, w);
  }
  if (run.s.escalation.intents !== undefined && run.s.escalation.intents.length > 0) run.s.escalation = { ...run.s.escalation, intents: [] };
  // Session 41 (travel2, hostile s41 L3): a goodbye ("thanks bye") is no question given up: the flow's closing alone
  // ("Have a good flight!"), not "No problem, let's leave that." first.
  if (!goodbye) bot(run, GAVE_UP_LINE, block.id);
  if (closing.menu.data.variable) setVar(run, closing.menu.data.variable, closing.value);
  follow(run, closing.menu, closing.id);
}

/**
 * Session 29 (newcomer s28 N8): a new question about the shop at a question that takes a value of a kind ("I need a gift
 * for my mum by Christmas, what would you recommend?" at "Which order should go to a new address?"), which the flow's
 * router does not understand (a router that does: otherQuestion), got the retry line again. A clear, calm shop question
 * (the escalation policy's reading, as at the router: clearShopQuestion) that shares no word with the block's own
 * question is a new request: it goes to the router the customer came through, which says what it says to any question it
 * cannot answer (the flow's shop-question line). A question about the question ("where do I find the order number?") is
 * asked again as before.
 */
function newShopQuestion(run: Run, block: BlockOf<'question'>, text: string): Classified | null {
  if (block.data.fromEntity === undefined || block.data.inputType !== 'text' || /\p{Nd}/u.test(text)) return null;
  const n = normalizeText(text);
  if (!asksByForm(text, n)) return null;
  const own = new Set(normalizeText(`${block.data.text} ${block.data.retryMessage ?? ''}`).split(' ').filter((t) => t.length > 2 && !isStopWord(t)));
  if (n.split(' ').some((t) => own.has(t))) return null;
  const router = readerBefore(run, block);
  // The message itself names the shop's topic or goods (isShopQuestion with no earlier question to point back at): "why do
  // you need that?" after "I need to change my delivery address" is about this question, not a new one.
  const a = analyzeText(analysedPart(text));
  if (router === null || !isShopQuestion(a, []) || !clearShopQuestion(a, run.s.escalation, true)) return null;
  const inner = classifyInput(run, router, { kind: 'input', blockId: router.id, retries: 0 }, text, null, null);
  // A request the router understands and whose way leads back here ("where is my parcel??" at "What's your order
  // number?") is about this question: asked again as before (session 8).
  if (!inner.fallback) return null;
  return new ClassifiedInput<Action>(true, inner.intent, run, act, { ok: 'forward', routerId: router.id, inner });
}

export { LATER_LINE } from './answerThenQuestion';
/**
 * Session 44 (details2, hostile s43 M5 / newcomer s43 N7): "my bag never arrived" typed at Skyline Air's "What is your
 * booking reference?" holds no reference, so the block asked again (and, the message read as upset and not used, the
 * policy handed over to the desk): the customer's request was never served, though the menu after the question has an
 * option for it ("Lost, delayed or damaged bag"). The first Buttons block on the question's way (its exits, through
 * questions, conditions, variables and messages, at most LATER_WAY blocks) whose option the message picks (matchButton:
 * by the designer's words or by meaning): its id, or null. The message is then understood as a request for later: kept,
 * this question asked again, and that menu takes it when reached (buttons.ts laterRequest).
 */
function laterMenuFor(run: Run, block: BlockOf<'question'>, text: string): string | null {
  return laterMenuOnWay(run, block.id, run.c.exitsFrom(block.id), text);
}

/** Session 44 (details2, F5): said when an optional email question is left out after a refusal or a deferral. */
export const EMAIL_LEFT_OUT = "No problem, we'll carry on without your email.";
/** Session 44 (details2, F5): said when a required email question (no fallback exit) is refused: why it is needed. */
export const whyEmailNeeded = 'I need an email address to go on: we only use it to get back to you about this, nothing else.';

export const questionBehaviour: BlockBehaviour<'question'> = {
  asksEmail: (block) => block.data.inputType === 'email',
  waitsAs: ['input', 'offer'],
  asksForValue: true,
  // Session 50 (conv12): the designer's Retries come before a repeated-fallback handover (TurnFacts.retriesLeft).
  retriesLeft: (_run, block, w) => w.retries < block.data.maxRetries,
  // Session 36 (hostile s35 F1): a request for a person nobody can meet now keeps the customer at the question.
  keepsAfterNobody: (run, _block, targetId, entry) => keptAtTask(run, targetId, entry),
  askAfterNobody: (run, block, w) => {
    run.s.waiting = w;
    showPrompt(run, block);
  },
  enter(run, block) {
    const known = knownAnswer(run, block);
    if (run.s.keptAnswer?.blockId === block.id) delete run.s.keptAnswer;
    if (known === null) return waitForInput(run, block);
    const last = vars(run).lastMessage;
    const given = typeof last === 'string' && block.data.fromEntity === 'order_id' ? givenValues(run, block, last) : [];
    if (given.length > 1 && given[0] === known) bot(run, manyValuesNote(block, given), block.id);
    setVar(run, block.data.variable, known);
    return exitTarget(run, block, 'next');
  },
  answered: (run, block) => knownAnswer(run, block) !== null,
  // Session 39 (hostile s38 M3): the example's prefixed reference shapes (referenceChoice.ts).
  exampleReferenceShapes: (block) => exampleShapes(block),
  // Session 39 (hostile s38 M2): the value given here tells the team what the way was about (not the email or name).
  wayAnswer(run, block) {
    const v = vars(run);
    const value = v[block.data.variable];
    // Session 49 (lead, newcomer s49 N1): an email or phone question's answer is a contact detail, never what the way was
    // about (a flow's own email question stores it in a variable of its own: "email").
    const contact = block.data.inputType === 'email' || block.data.inputType === 'phone';
    if (contact || value === v.customerEmail || value === v.customerName) return { said: null, menu: false, topicMenu: false };
    const said = (typeof value === 'string' && value.trim() !== '') || typeof value === 'number' ? String(value).trim() : null;
    return { said, menu: false, topicMenu: false, freeText: block.data.inputType === 'text' };
  },
  // Session 35 (hostile s34 #15): the reference shapes a phone number inside is no phone (referenceNotPhone.ts).
  referenceShapes: (block) => (readsReference(block) ? shapesOf(block).filter((shape) => shape.groups[0]?.kind === 'prefix').map((shape) => ({ kind: block.data.fromEntity as 'order_id' | 'policy_number', shape })) : []),
  prompt(run, block) {
    bot(run, render(run, block.data.text), block.id);
  },
  classify(run, block, w, typed) {
    // Session 38 (hostile s38 L6): typographic hyphens inside a reference (a copy from a PDF) read as "-".
    const text = plainHyphens(typed);
    if ((readsReference(block) || block.data.inputType === 'email') && asksForAMoment(text)) {
      return new ClassifiedInput<Action>(false, null, run, act, { ok: 'moment', block, w });
    }
    if (givesUp(run, block, text)) return new GiveUp(false, null, run, act, { ok: 'give_up', block, w });
    // Read by the whole policy, not as an answer (GiveUp): a closing said in anger is still read as such.
    if (closes(run, block, text)) return new ClassifiedInput<Action>(false, null, run, act, { ok: 'close', block, w, goodbye: saysGoodbye(text) });
    if (block.data.inputType === 'email') {
      // The flow's own addresses (its notification targets and their domains) are never the customer's (hostile s15 H#1).
      // Session 45 (details4, retest s44 L6): an address spelled out in words ("dana at acme dot example"), said back.
      const e = emailAnswer(text, ownAddressesOf(run.flow));
      const spelled = e.spelled;
      if (e.ok && spelled !== undefined) return new ClassifiedInput<Action>(false, null, run, act, { ok: true, block, value: e.value, note: addressTaken(String(e.value)), beside: () => void keepBesideAddress(run, spelled, false) });
      if (e.ok) {
        // Session 44 (details2, retest s43 F9): "Dana Scully, dana@x.example, 0207 946 0000": the name beside the address
        // is kept too (the phone and the matter as before, keepDetailsBeside), when none is known yet.
        const beside = text.trim() !== String(e.value) ? () => void keepBesideAddress(run, text, false) : undefined;
        return new ClassifiedInput<Action>(false, null, run, act, { ok: true, block, value: e.value, beside });
      }
      if (e.choices !== undefined) return new ClassifiedInput<Action>(false, null, run, act, { ok: 'which', block, choices: e.choices });
      // Session 38 (hostile s37 #2): "no email" / "I'd rather not" / "not sure" at an email question with a fallback
      // (lead-gen's "What is your work email?") takes it at once, remembered: it got "That doesn't look like an email
      // address" until the retries ran out, and a ticket after a queue timeout asked the email again.
      if (asksWhyEmail(text)) return new ClassifiedInput<Action>(false, null, run, act, { ok: 'why', block, w });
      // Session 44 (details2, retest s43 F5): a refusal ("no", "I'd rather not", "no email") or a deferral ("I'd rather
      // explain it on the call": reasonGiven's keepsReasonForPerson) is understood at every email question. Optional (the
      // block has a fallback exit: lead-gen's work email): left out at once, said so ("no" was taken silently, the
      // deferral was "That doesn't look like an email address"). Required (no fallback): what the email is for and the
      // question once more (a try counted), then the block's retry rule.
      const refuses = declinesEmail(text) || unsureOfEmail(text) || declinesEmailBeside(text);
      const defers = !refuses && !text.includes('@') && keepsReasonForPerson(text);
      if (refuses || defers) {
        if (run.c.exitOf(block.id, 'fallback') !== undefined) {
          return new ClassifiedInput<Action>(false, null, run, act, { ok: 'fallback', block, emailDeclined: refuses ? true : undefined, said: EMAIL_LEFT_OUT });
        }
        if (w.retries < block.data.maxRetries) return new ClassifiedInput<Action>(false, null, run, act, { ok: 'why', block, w: { ...w, retries: w.retries + 1 }, required: true });
      }
      // Newcomer s15 N#22 (Acme's 'What is your work email?' -> 'Sam Taylor' was 'That doesn't look like an email address'):
      // a name, when none is known yet and the answer has no '@' or digit, is kept and the email asked again, not a
      // failed try (as the takeover's email question does since s14: humanTakeover emailAfterName).
      // Session 50 (conv12, newcomer s50 N2): nor an address missing its @ ("sam.example.org": a word with a domain's dot).
      const name = isKnown(vars(run).customerName) || /[@\d]/.test(text) || /[\p{L}\d-]\.[a-z]{2,}\b/iu.test(text) ? null : nameFromAnswer(text.trim());
      if (name !== null) return new ClassifiedInput<Action>(false, null, run, act, { ok: 'name', block, name });
      return otherQuestion(run, block, w, text) ?? new ClassifiedInput<Action>(true, null, run, act, { ok: false, block, w }, true);
    }
    const split = answerThenQuestion(run, block, text);
    if (split !== null) return split;
    const r = validateAnswer(block.data.inputType, text, run.now, run.flow.settings.timezone, block.data);
    if (r.ok && !asksInstead(block, text)) {
      if (holdsNoValue(block, text)) {
        // Session 16 (newcomer s15 N#3, hostile s15 H#17): the customer said they do not know or have it, after the
        // block already asked again once: the same retry line a second time helps nobody; the block takes its fallback
        // (the template's: a colleague can find the order by email) instead of asking until its Retries run out.
        // Session 17 (newcomer s16 N#1): a first answer that SAYS the customer does not have or know it ("I don't have it
        // with me", "can't find it", "no idea") takes the fallback at once: the retry line of Harbor Mutual and Skyline
        // Air ("If you don't have it to hand, just say so") asked for the very words just said. Only an undecided answer
        // ("not sure", "maybe", "hmm": they may still find it) is asked again first.
        const n = normalizeText(text);
        // Session 20 (newcomer s19 F7): a topic switch without a question's form ("opening hours", "delivery costs to
        // Canada", "payment methods" at "Which order is the return for?") is that request when the flow's router reads it
        // confidently (as a question is since session 18: otherQuestion): it was asked again, then handed over.
        const other = lacksTheValue(n) ? null : topicSwitch(run, block, w, text);
        if (other !== null) return other;
        // Session 44 (hostfix, hostile s44 L3): a bare "no" ("nope", "no sorry", "no I don't") to "What is your policy
        // number?" says the customer has none to hand: the fallback at once, as "I don't have it" (it got the retry line,
        // which asks them to say just that).
        const hasFallback = run.c.exitOf(block.id, 'fallback') !== undefined;
        const giveUp = hasFallback && (saysItLacks(n) || BARE_NO.test(n) || (w.retries >= 1 && lacksTheValue(n)));
        // Session 44 (details2, hostile s43 M5 / newcomer s43 N7): a request a menu further on picks an option for.
        const later = giveUp || lacksTheValue(n) ? null : laterMenuFor(run, block, text);
        // Session 45 (details4, retest s44 L5): a no and where the number is, or why it is not to hand ("nope, it's in a
        // drawer somewhere", "no, my husband has the papers"): the customer has none to hand, as a bare no says; a request
        // a menu further on takes ("no, but my car was hit yesterday") is kept for that menu on the fallback's way.
        if (!giveUp && hasFallback && noThenStatement(n, text)) {
          return new ClassifiedInput<Action>(false, null, run, act, { ok: 'fallback', block, later: later === null ? undefined : { menuId: later, text } });
        }
        if (later !== null) return new ClassifiedInput<Action>(false, null, run, act, { ok: 'later', block, w, menuId: later, text });
        const notUsed: Classified = new ClassifiedInput<Action>(false, null, run, act, giveUp ? { ok: 'fallback', block } : { ok: false, block, w });
        notUsed.notUsed = true;
        return notUsed;
      }
      const found = valuesIn(run, block, text);
      const reference = readsReference(block) || readsExampleReference(block);
      const given = found.length > 0 || !reference ? found : referenceAnswer(block, text);
      const value = given[0] ?? (reference ? null : r.value);
      // No reference in it ("7", "my order is 55 blue", 4,000 characters): a message the bot could not use, asked again
      // with the block's retry line, as an answer the block refuses (measured: not counted as a fallback turn, w3-011
      // "7", "77", "777" at the order question lost its repeated fallback).
      if (value === null) {
        const refused: Classified = new ClassifiedInput<Action>(true, null, run, act, { ok: false, block, w }, true);
        const request = reference ? requestBesideReference(text) : null;
        if (request !== null) refused.policyText = request; // "order NW-104233 person please" (session 38)
        return refused;
      }
      // Session 50 (emerg7, hostile s49 M8): "10:45" at 11:30 at Skyline Air's departure question (a time from now on) was
      // stored as today's 10:45, already gone: asked again, saying so (no try counted).
      const passed = typeof value === 'string' ? passedToday(block, value, run.now, run.flow.settings.timezone) : null;
      if (passed !== null) return new ClassifiedInput<Action>(false, null, run, act, { ok: 'passed', block, w, time: passed });
      const action: Action = given.length > 1 ? { ok: true, block, value, note: manyValuesNote(block, given) } : { ok: true, block, value };
      const answer = isWhen(block) && onlyAWhen(text) ? new WhenAnswer(false, null, run, act, action) : new ClassifiedInput<Action>(false, null, run, act, action);
      // Session 50 (emerg7, hostile s49 M8): a time from now on answered at a date-and-time question, when the flow's
      // urgency deadline is hours, not days ("12:00" at 11:30 with 2 hours): read as a deadline, as "in 30 minutes" is
      // (the policy reads the answer with its urgency check on: Classified.deadlineMinutes).
      if (answer instanceof WhenAnswer && typeof value === 'string') {
        answer.deadlineMinutes = minutesAhead(run, block, value);
        // (Handed over for it: the time is kept, so the person sees when the flight leaves.)
        if (answer.deadlineMinutes !== undefined) (answer as Classified).keepAnswer = () => setVar(run, block.data.variable, value);
      }
      if (reference && typeof value === 'string') {
        if (readsReference(block)) answer.reference = { type: block.data.fromEntity as AnsweredReference['type'], value };
        // Session 41 (hostile s40 L6): the policy hands the message to a person ("at the gate, flight in 10 minutes,
        // K7XQ2P"): the reference is kept, and this block takes it when entered again (keptHere), not asking for it.
        (answer as Classified).keepAnswer = () => {
          setVar(run, block.data.variable, value);
          run.s.keptAnswer = { blockId: block.id, variable: block.data.variable };
        };
        // Session 38 (hostile s37 #6): "order NW-104233 person please": the request is read alone (it was lost).
        const request = requestBesideReference(text);
        if (request !== null) (answer as Classified).policyText = request;
      }
      return answer;
    }
    return otherQuestion(run, block, w, text) ?? newShopQuestion(run, block, text) ?? laterQuestion(run, block, w, text) ?? new ClassifiedInput<Action>(true, null, run, act, { ok: false, block, w }, true);
  },
};

/**
 * Session 46 (details5, retest s45 M3): an answer, then a question, in one message at a question for a reference ("it's
 * SKY123, can I bring a pet?", "don't have it, what time is boarding?" at Skyline Air's "What is your booking
 * reference?"): the question made the whole message one the block could not use (asked again, then the next date typed
 * was stored as the reference). The message is cut at the first clause break after which it asks (a question mark or a
 * question's form); the part before is read alone as the answer: a reference (taken), or a refusal the block's fallback
 * takes ("I don't have it", "no idea", "nope": taken). The question is kept for the first menu on the way that picks an
 * option for it (laterMenuFor, "I'll help with that in a moment."), else the customer is told it cannot be answered here
 * (it was dropped without a word). Not a question about the question ("I don't have it, where do I find it?"), and only
 * where no router came before the question (as laterQuestion: a router reads questions there). Null otherwise.
 */
/** A question about where the value is or what it looks like: about this question, not a new one. */
const ABOUT_THE_VALUE = /\b(?:where|find|locate|look(?:s)?\s+like|which\s+(?:one|code|number)|what\s+is\s+(?:it|that))\b/i;
function answerThenQuestion(run: Run, block: BlockOf<'question'>, text: string): Classified | null {
  if (!readsReference(block) || block.data.inputType !== 'text' || !text.includes('?') || readerBefore(run, block) !== null) return null;
  for (const { answer, question } of answerThenQuestionParts(text)) {
    if (ABOUT_THE_VALUE.test(question) || sharesTheQuestionsWords(block, question, false)) return null;
    const n = normalizeText(answer);
    const hasFallback = run.c.exitOf(block.id, 'fallback') !== undefined;
    const refuses = hasFallback && !/\p{Nd}/u.test(answer) && (saysItLacks(n) || BARE_NO.test(n) || lacksTheValue(n));
    const values = refuses ? [] : valuesIn(run, block, answer);
    const value = values[0] ?? (refuses ? null : (referenceAnswer(block, answer)[0] ?? null));
    if (!refuses && value === null) continue;
    const later = laterMenuFor(run, block, question);
    const note = later !== null ? LATER_LINE : cannotAnswerHere(question);
    if (refuses) return new ClassifiedInput<Action>(false, null, run, act, { ok: 'fallback', block, later: later === null ? undefined : { menuId: later, text: question }, note });
    const answerIt = new ClassifiedInput<Action>(false, null, run, act, {
      ok: true,
      block,
      value: value!,
      beside: () => {
        if (later !== null) run.s.laterRequest = { blockId: later, text: question, turn: run.s.turn };
        bot(run, note, block.id);
      },
    });
    if (typeof value === 'string') {
      answerIt.reference = { type: block.data.fromEntity as AnsweredReference['type'], value };
      (answerIt as Classified).keepAnswer = () => {
        setVar(run, block.data.variable, value);
        run.s.keptAnswer = { blockId: block.id, variable: block.data.variable };
      };
    }
    return answerIt;
  }
  return null;
}

/**
 * Session 45 (details4, retest s44 M7): a question at a question for a reference that holds none ("what's the baggage
 * allowance?" at Skyline Air's "What is your booking reference?") was asked again and forgotten, while a statement there
 * ("my bag never arrived") is kept since session 44 (details2). The same rule: when a menu further on the question's way
 * picks an option for it (laterMenuFor), it is kept for that menu and this question asked again; a question about the
 * question ("where do I find the booking reference?") shares its words and is asked again as before. Only where no
 * router came before the question (Skyline Air's reference question opens the chat).
 */
function laterQuestion(run: Run, block: BlockOf<'question'>, w: InputWaiting, text: string): Classified | null {
  // Where the customer came through a router (Northwind's "What's your question?"), a question is that router's
  // (otherQuestion, newShopQuestion): kept for a menu, "is it possible to exchange for a bigger size?" at the return's
  // order question was taken as the reason menu's answer and the next asking read as a loop (escrfEval w5-014).
  if (!holdsNoValue(block, text) || sharesTheQuestionsWords(block, text) || readerBefore(run, block) !== null) return null;
  const later = laterMenuFor(run, block, text);
  return later === null ? null : new ClassifiedInput<Action>(false, null, run, act, { ok: 'later', block, w, menuId: later, text });
}
/**
 * Whether the message shares a content word with the block's own question or retry line (a question about the question).
 * `withRetry` false: the question's text only (Skyline Air's retry line says where the reference is, "on your boarding
 * pass": "what time is boarding?" is no question about the reference).
 */
function sharesTheQuestionsWords(block: BlockOf<'question'>, text: string, withRetry = true): boolean {
  const own = new Set(normalizeText(`${block.data.text} ${withRetry ? (block.data.retryMessage ?? '') : ''}`).split(' ').filter((t) => t.length > 2 && !isStopWord(t)));
  return normalizeText(text).split(' ').some((t) => own.has(t));
}
