/**
 * Buttons: offers choices; typed text is matched forgivingly. Text that matches no button goes straight to
 * an intent or keyword router wired to `fallback` when that router understands it (the customer never types it twice);
 * otherwise the block asks again while its Retries allow, then takes `fallback`.
 */
import type { Block, BlockOf } from '../../flow/schema';
import type { ButtonChoice } from '../compileFlow';
import type { Run } from '../run';
import { ClassifiedInput, Click, type BlockBehaviour, type Classified, type InputWaiting } from './types';
import { bot, notSaidTwice, setVar } from '../run';
import { answerThenQuestionParts, cannotAnswerHere, LATER_LINE, laterMenuOnWay } from './answerThenQuestion';
import { asksAfterProductText, isShopQuestionText } from '../../escalation/shopTopics';
import { heldBackChoice, matchButton, pickedByMeaning, saysYesOrNoAnotherWay } from '../matchButton';
import { extractEntities } from '../../nlu/entities';
import type { Entity, EntityType } from '../../nlu/types';
import type { TextAnalysis } from './types';
import { saysGoAhead, splitLeadingAnswer } from '../answeringWord';
import { isBareReply, isUnsureReply, OK_WORDS, offerAnswer } from '../../nlu/bareReplies';
import { onlyThanks, THANKS_BACK } from '../../nlu/courtesy';
import { normalizeText } from '../../nlu/normalizeText';
import { behaviourOf } from '../blockBehaviours';
import { classifyInput, exitTarget, follow, forwardRouter, render, retry, showPrompt, waitForInput } from '../runBlocks';
import { keptAtTask } from '../humanTakeover';
import { asksByForm, otherRequestAt, questionBeforePerson, requestLeadingHere, sayBeforePerson, wayReachesPerson } from '../otherRequest';
import { optionByReference } from '../referenceChoice';
import { addressIn } from '../questionValidators';
import { correctedAddress } from '../addressCorrection';
import { onlyAnAddress } from '../detailsAnswer';
import { bareBackOutTexts, isBareBackOut } from '../bareBackOut';
import { headCount, rangeOfLabel } from '../../nlu/headCount';
import { withdrawnRequest } from '../withdrawnRequest';

type Action =
  | { type: 'choose'; block: BlockOf<'buttons'>; choice: ButtonChoice; note?: string; later?: string; laterText?: string; email?: string; said?: readonly Block[] }
  | { type: 'retry'; block: BlockOf<'buttons'>; w: InputWaiting }
  | { type: 'reask'; block: BlockOf<'buttons'>; w: InputWaiting; lead?: string }
  | { type: 'unsure'; block: BlockOf<'buttons'>; w: InputWaiting; lead: Lead }
  | { type: 'forward'; routerId: string; inner: Classified }
  | { type: 'menu'; menu: BlockOf<'buttons'>; choice: ButtonChoice; picked?: { block: BlockOf<'buttons'>; choice: ButtonChoice } }
  | { type: 'aside'; block: BlockOf<'buttons'>; w: InputWaiting; said: readonly Block[] };

/**
 * Session 49 (conv11, hostile s49 M11): the block's question said another way, when the same words were the bot's last
 * line ("hmm" / "No rush. ... Is that right?" / "hmm" / the same again): what the options are, and that a person can help.
 */
function pickOneLine(run: Run, block: BlockOf<'buttons'>): string {
  const labels = block.data.options.map((o) => `"${o.label}"`);
  const list = labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
  // (No "ask for a person" when an option is one: "Talk to a mechanic" is listed.) Session 50 (conv12, review s49): an
  // option is one by where its way leads (otherRequest.wayReachesPerson, as the block's other readers decide it), not by
  // the words of its label ("Speak to Sam" leads to a person; "Our team's hours" does not).
  const person = block.data.options.some((o) => {
    const to = run.c.exitOf(block.id, o.id);
    return to !== undefined && wayReachesPerson(run, to);
  }) ? '' : " If you're not sure, you can ask for a person.";
  return `I still can't tell what you'd like. Please pick ${labels.length <= 1 ? '' : 'one: '}${list}.${person}`;
}

const shown = (block: BlockOf<'buttons'>) => block.data.options.map((o) => ({ id: o.id, label: o.label }));

function act(run: Run, a: Action): void {
  if (a.type === 'choose') {
    if (a.block.data.variable) setVar(run, a.block.data.variable, a.choice.value);
    if (a.email !== undefined) setVar(run, 'customerEmail', a.email);
    // Session 46 (details5, retest s45 L7): a question typed after the answer (questionBesideChoice).
    if (a.later !== undefined && a.laterText !== undefined) run.s.laterRequest = { blockId: a.later, text: a.laterText, turn: run.s.turn };
    sayBeforePerson(run, a.block.id, { said: a.said, note: a.note });
    follow(run, a.block, a.choice.id);
  } else if (a.type === 'retry') {
    retry(run, a.block, a.w, a.block.data.maxRetries, notSaidTwice(run, render(run, a.block.data.retryMessage), () => pickOneLine(run, a.block)), shown(a.block));
  } else if (a.type === 'reask') {
    // Asked again even past the block's Retries (never its fallback): see isUnsureReply below.
    run.s.waiting = { ...a.w, retries: Math.min(a.w.retries + 1, a.block.data.maxRetries) };
    // Session 18: a question the flow understands nowhere, at a block whose fallback would pick: its own question again.
    const line = a.lead !== undefined ? `${a.lead} ${render(run, a.block.data.text)}` : render(run, a.block.data.retryMessage);
    bot(run, notSaidTwice(run, line, () => pickOneLine(run, a.block)), a.block.id, shown(a.block));
  } else if (a.type === 'unsure') {
    // Asked again with the block's own question (its Retries unchanged): see fallbackActsAsAnOption below.
    run.s.waiting = a.w;
    if (a.lead.alone) bot(run, a.lead.say, a.block.id);
    else bot(run, notSaidTwice(run, `${a.lead.say} ${render(run, a.block.data.text)}`, () => pickOneLine(run, a.block)), a.block.id, shown(a.block));
  } else if (a.type === 'aside') {
    // Session 18 (newcomer s17 N#17): the flow's answer to a question asked on the side, then this block's question again.
    for (const m of a.said) {
      run.visited.push(m.id);
      behaviourOf(m.kind).enter(run, m, null);
    }
    run.s.waiting = a.w;
    bot(run, render(run, a.block.data.text), a.block.id, shown(a.block));
  } else if (a.type === 'menu') {
    // Session 41 (travel2): the menu the block's fallback leads to, answered with this very message (nextMenuChoice).
    if (a.picked !== undefined && a.picked.block.data.variable) setVar(run, a.picked.block.data.variable, a.picked.choice.value);
    run.visited.push(a.menu.id);
    if (a.menu.data.variable) setVar(run, a.menu.data.variable, a.choice.value);
    follow(run, a.menu, a.choice.id);
  } else {
    run.s.waiting = { kind: 'input', blockId: a.routerId, retries: 0 };
    run.visited.push(a.routerId);
    a.inner.apply();
  }
}

/**
 * Session 41 (injury, hostile s40 H1): "yes, my son is unconscious" at Harbor Mutual's "Was anyone injured? [Yes, someone
 * is hurt | No injuries]" picks Yes and hands over (urgency) in the same message: the handover went ahead and `injured`
 * was never stored, so the agent's variables said nothing of it. When the policy acts on a message that also picks an
 * option (a handoff, an offer), the option's value is stored all the same (the exit is not followed).
 */
class ButtonAnswer extends ClassifiedInput<Action> {
  keepAnswer(): void {
    const a = this.action;
    if (a.type === 'choose' && a.block.data.variable) setVar(this.run, a.block.data.variable, a.choice.value);
  }
}

/** Whether the block's fallback exit leads where one of its options leads (taking it would act on that choice). */
/** The option whose range holds the head count in `text`, or the question which number it is; null: no reading. */
function choiceByHeadCount(run: Run, block: BlockOf<'buttons'>, text: string): { choice: ButtonChoice } | { ask: string } | null {
  const ranges = block.data.options.map((o) => ({ id: o.id, range: rangeOfLabel(o.label) }));
  if (ranges.length < 2 || ranges.some((r) => r.range === null)) return null;
  const read = headCount(text);
  if (read === null) return null;
  if ('choices' in read) {
    const inDifferent = new Set(read.choices.map((n) => ranges.find((r) => r.range !== null && n >= r.range.min && n <= r.range.max)?.id));
    if (inDifferent.size <= 1) return null;
    const list = read.choices.slice(0, 4);
    return { ask: `Which of those is the number of people: ${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}?` };
  }
  const hit = ranges.find((r) => r.range !== null && read.count >= r.range.min && read.count <= r.range.max);
  const choice = hit === undefined ? undefined : run.c.buttons(block).find((b) => b.id === hit.id);
  return choice === undefined ? null : { choice };
}

function fallbackActsAsAnOption(run: Run, block: BlockOf<'buttons'>): boolean {
  const target = run.c.exitOf(block.id, 'fallback');
  return target !== undefined && block.data.options.some((o) => run.c.exitOf(block.id, o.id) === target);
}

/**
 * Session 41 (travel2, hostile s41 L1, M3): a Buttons block whose fallback leads to another Buttons block (Skyline Air's
 * "Anything else? [Yes | No, that's all]" -> the main menu): text that picks none of its own options but names one of
 * that menu's ("thanks, but one more thing about check-in", "no thanks, my bag is lost though") is that menu's answer, as
 * text at a block whose fallback is a router goes to the router: the menu was shown and the customer had to say it again.
 * The menu's option, read on the whole message, else on the request after a leading answer ("yes, my suitcase was
 * stolen"); null when the fallback is no menu or the menu reads nothing there.
 */
function nextMenuChoice(run: Run, block: BlockOf<'buttons'>, text: string): { menu: BlockOf<'buttons'>; choice: ButtonChoice } | null {
  const target = run.c.exitOf(block.id, 'fallback');
  const next = target === undefined || target === block.id ? undefined : run.c.blocks.get(target);
  if (next === undefined || behaviourOf(next.kind) !== buttonsBehaviour) return null;
  const menu = next as BlockOf<'buttons'>;
  const choices = run.c.buttons(menu);
  const rest = splitLeadingAnswer(text)?.request ?? null;
  const choice = matchButton(choices, text) ?? (rest === null ? null : matchButton(choices, rest));
  return choice === null ? null : { menu, choice };
}

/** The option of the Buttons menu `choice` leads to that the request after a leading answer names ("yes, <request>"). */
function menuAfter(run: Run, block: BlockOf<'buttons'>, choice: ButtonChoice, text: string): { menu: BlockOf<'buttons'>; choice: ButtonChoice } | null {
  const target = run.c.exitOf(block.id, choice.id);
  const next = target === undefined || target === block.id ? undefined : run.c.blocks.get(target);
  if (next === undefined || behaviourOf(next.kind) !== buttonsBehaviour) return null;
  const rest = splitLeadingAnswer(text)?.request ?? null;
  if (rest === null) return null;
  const menu = next as BlockOf<'buttons'>;
  const picked = matchButton(run.c.buttons(menu), rest);
  return picked === null ? null : { menu, choice: picked };
}

/** References a customer names one at a time (an order, a policy): two in one answer are two questions. */
const REFERENCE_TYPES: ReadonlySet<EntityType> = new Set(['order_id', 'policy_number']);
const INSTEAD = /\b(?:instead|rather|actually|i\s+mean|sorry|not\s+that\s+one|wrong\s+(?:one|order|number))\b/i;
const referencesIn = (entities: readonly Entity[]) => [...new Set(entities.filter((e) => REFERENCE_TYPES.has(e.type)).map((e) => e.value))];

/** A choice picked by emoji alone: the answer to the block's own question (Classified.answered). */
class EmojiAnswer extends ClassifiedInput<Action> {
  readonly answered = true;
}

interface Lead {
  say: string;
  /** Said instead of the block's question (no buttons: the customer types the reference). */
  alone?: boolean;
}

/**
 * What to say before asking the block's question again when text that matched no button still chose (only where the
 * fallback would act as one of the options, so taking it would pick for the customer), or null:
 * - an undecided answer ("I'm not sure", "maybe": session 16, hostile s15 H#17): "No rush.";
 * - a choice put off to a time later than now ("yes cancel it tomorrow", "cancel it later, next week", "not until next
 *   week": session 17, hostile s16 H#6, newcomer s16 N#4; the fallback asked "Which order?"): the block acts now or
 *   not at all;
 * - a choice taken back or contradicted in the same message ("yes, cancel it, no wait, don't": H#25): "No rush.".
 */
const PAUSE_ALONE = /^(?:(?:ok|okay|um|erm|hmm|oh|sorry|actually|just)\s+)*(?:hold\s+on|hang\s+on|wait|one\s+(?:sec|second|moment|min|minute)|(?:just\s+)?a\s+(?:sec|second|moment|min|minute)|give\s+me\s+a\s+(?:sec|second|moment|min|minute)|let\s+me\s+(?:check|think|see|ask))(?:\s+(?:a\s+(?:sec|second|moment|minute|bit)|please|pls|first|then))*$/;
function heldBackLead(run: Run, block: BlockOf<'buttons'>, text: string, analysis: TextAnalysis | null): Lead | null {
  if (isUnsureReply(analysis?.normalized ?? normalizeText(text))) return { say: 'No rush.' };
  // Session 19 (hostile s18/s19 #25): a pause alone ("hold on", "one sec", "let me check") took the fallback ("Which order?").
  if (PAUSE_ALONE.test(analysis?.normalized ?? normalizeText(text))) return { say: 'No rush.' };
  const held = heldBackChoice(run.c.buttons(block), text);
  if (held === 'later') return { say: "I can only do this now, not later, so I haven't done anything yet." };
  if (held === 'retracted') return { say: 'No rush.' };
  return null;
}

/**
 * Session 15 hostile H#22: a second reference beside the one the question shows ("yes, cancel both NW-104233 and
 * NW-555555", "yes. also cancel NW-555555", "yes please and another order as well: NW-555555") dropped one of them.
 * Read before the buttons (a "yes please" in it would act on the shown one alone): "which one first?". A reference
 * given instead ("yes, but cancel NW-555555 instead", "Another order: NW-555555", a bare "NW-555555") or with no word
 * that adds it is not a second.
 */
function secondReference(run: Run, block: BlockOf<'buttons'>, text: string): Lead | null {
  const shownRefs = referencesIn(extractEntities(render(run, block.data.text)));
  if (shownRefs.length === 0) return null;
  const said = referencesIn(extractEntities(text));
  const others = said.filter((v) => !shownRefs.includes(v));
  if (others.length === 0) return null;
  // Without a word that adds ("both", "also", "and", "too") it is a correction or a mention ("The system refers to
  // NW-116340 again. The correct order is NW-116304."): read as before.
  if (INSTEAD.test(text) || !ADDS.test(text)) return null;
  const all = [...new Set([...shownRefs, ...others])];
  return { say: `One at a time, please: which one first, ${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}?`, alone: true };
}
const ADDS = /\b(?:both|also|too|as\s+well|and|plus|another\s+one)\b/i;

/**
 * Session 19 (hostile s19 #7): whether text that names a choice asks about answering instead of answering: a bare
 * answer asked back ("yes?", "ok?", "right?"), a question about what an answer does ("what happens if I say yes?", "what
 * if yes", "if I say yes, do I get a refund?", "should I say yes?") or about what the block shows ("is that the right
 * format?"). A request in question form ("can you cancel it?", "could you do it please?", "will you cancel it?") answers.
 */
const ASKED_ABOUT = /^(?:(?:so|and|but|um|erm|hmm|ok|okay|well|wait)\s+)*(?:what\s+(?:happens|happened|would\s+happen|will\s+happen|if)|if\s+i\s+(?:say|said|click|press|pick|choose|answer|type)|should\s+i|do\s+i\s+(?:say|have\s+to|need\s+to|click|pick)|is\s+(?:that|this|it)|does\s+(?:that|this|it)|will\s+(?:that|this|it|i)|would\s+(?:that|this|it|i))\b/;
/** The answer words such a question is about (a menu choice named in a question is a choice: "what are your delivery times?"). */
const ANSWER_WORD = /\b(?:yes|yeah|yep|yup|ok|okay|right|correct|sure|fine|no|nope|go\s+ahead|do\s+it|that\s+one)\b/;
const REQUEST_FORM = /^(?:(?:so|and|but|ok|okay|well|yes|yeah)\s+)*(?:can|could|would|will|may)\s+(?:you|i|u)\b|\bplease\b/;
const ASKED_BACK: ReadonlySet<string> = new Set(['right', 'correct', 'really', 'sure', 'ok', 'okay', 'yes', 'no']);
function asksAboutTheAnswer(text: string, normalized: string): boolean {
  if (REQUEST_FORM.test(normalized)) return false;
  // Review s19 R16: a question then the answer ("Is that the one with the lamp? yes", "is it too late? if not, yes cancel
  // it") answers: the words after the last question mark decide.
  const q = text.lastIndexOf('?');
  if (q >= 0 && ANSWER_WORD.test(normalizeText(text.slice(q + 1)))) return false;
  const words = normalized.split(' ').filter(Boolean);
  // "yes?", "ok?", "right?", "sure??": a bare answer asked back.
  if (/\?\s*$/.test(text) && words.length > 0 && words.length <= 2 && (isBareReply(words) || words.every((x) => ASKED_BACK.has(x)))) return true;
  // Review s19 R22: the same in other words or languages ("oui?", "ja?", "sí?", "da?").
  if (/\?\s*$/.test(text) && saysYesOrNoAnotherWay(text)) return true;
  if (!ASKED_ABOUT.test(normalized) || !ANSWER_WORD.test(normalized)) return false;
  // "what if yes" / "what happens if I say yes" need no question mark; the others do.
  return text.includes('?') || /^(?:what\s+(?:happens|if)|if\s+i\s+say)\b/.test(normalized);
}

/** Words that keep an order as it is, in the clause naming it. */
const KEEPS = /\b(?:arrived|received|came|got|delivered|keep|keeping|leave|alone|already|fine|stay|stays|remain|remains|still|want\s+to\s+keep|not|don'?t|dont|doesn'?t|isn'?t)\b/i;
/** Whether the clause of `text` that names `ref` says to keep that order (between commas, full stops, "but", "and"). */
function namedToKeep(text: string, ref: string): boolean {
  const clause = text.split(/[,.;!?]|\bbut\b|\band\b/i).find((c) => c.toUpperCase().includes(ref.toUpperCase()));
  return clause !== undefined && KEEPS.test(clause);
}

/** A correction of the reference without naming another ("yes, wrong number though", "yes, wrong order"). */
const WRONG_REFERENCE = /\b(?:wrong|incorrect)\s+(?:order|number|one|reference|ref|policy)\b|\bnot\s+the\s+right\s+(?:order|number|one)\b/i;

/**
 * Session 19 (hostile s19 #8): the option that leads where the fallback leads (asks for the reference again: "Another
 * order") when the customer picked another one but names a reference other than the one shown, or says the shown one is
 * wrong; null when that does not apply. Two references joined by "and" / "both" are read before (secondReference).
 */
function correctionChoice(run: Run, block: BlockOf<'buttons'>, text: string, chosen: ButtonChoice): ButtonChoice | null {
  const target = run.c.exitOf(block.id, 'fallback');
  const again = run.c.buttons(block).find((b) => run.c.exitOf(block.id, b.id) === target);
  if (again === undefined || again.id === chosen.id) return null;
  // Session 20 (hostile s19 #21): a yes that corrects or completes an address read back ("yes, flat 2", "yes, except it
  // is 14 High Street", "yes but the postcode is LS2 5CD") is that correction: the choice that asks for the address
  // again, where the Question block takes the corrected address (addressCorrection.ts).
  const shownAddress = addressIn(render(run, block.data.text));
  if (shownAddress !== null && correctedAddress(shownAddress, text) !== null) return again;
  const shownRefs = referencesIn(extractEntities(render(run, block.data.text)));
  if (shownRefs.length === 0) return null;
  // Review s19 R17: another order named to be kept ("NW-230919 arrived already", "leave NW-230919 alone", "NW-230919 is the
  // one I want to keep") is no correction: the yes stays on the order shown.
  const others = referencesIn(extractEntities(text)).filter((v) => !shownRefs.includes(v) && !namedToKeep(text, v));
  return others.length > 0 || WRONG_REFERENCE.test(text) ? again : null;
}

/** Turns a request kept for this menu (laterRequest) stays fresh: a booking reference, a date and their retries. */
const LATER_TURNS = 6;

export const buttonsBehaviour: BlockBehaviour<'buttons'> = {
  waitsAs: ['input', 'offer'],
  // Session 36 (hostile s35 F1): "shall I cancel order {{orderNumber}}?" keeps a request for a person nobody can meet now.
  keepsAfterNobody: (run, block, targetId, entry) => /\{\{\s*\w+\s*\}\}/.test(block.data.text) && keptAtTask(run, targetId, entry),
  askAfterNobody: (run, block, w) => {
    run.s.waiting = w;
    showPrompt(run, block);
  },
  readsRequests: true,
  // Session 50 (conv12, newcomer s49 N2): the designer's Retries come before a repeated-fallback handover (TurnFacts.retriesLeft).
  retriesLeft: (_run, block, w) => w.retries < block.data.maxRetries,
  // Session 39 (hostile s38 M2): the option the customer chose tells the team what the way was about; a menu of three
  // options or more whose option stores its label (no value of its own) is a topic menu, the way's start.
  wayAnswer(run, block, text) {
    const stored = block.data.variable ? run.s.variables[block.data.variable] : undefined;
    const said = text.trim().toLowerCase();
    const chosen = block.data.options.find((o) => (stored !== undefined && stored !== null && (o.value ?? o.label) === stored) || o.label.toLowerCase() === said);
    if (chosen === undefined) return null;
    const menu = block.data.options.length >= 3;
    return { said: chosen.label, menu, topicMenu: menu && (chosen.value === undefined || chosen.value === chosen.label), ledTo: run.c.exitOf(block.id, chosen.id) };
  },
  enter(run, block) {
    // Session 44 (details2, hostile s43 M5 / newcomer s43 N7): a request typed at a question before this menu ("my bag
    // never arrived" at Skyline Air's booking-reference question, question.ts laterMenuFor) is this menu's answer now:
    // the option it picks is taken as if typed here (the customer does not repeat it). Another menu drops it; so does a
    // request more than LATER_TURNS turns back or one this menu no longer picks an option for.
    const later = run.s.laterRequest;
    if (later !== undefined) delete run.s.laterRequest;
    const choice = later === undefined || later.blockId !== block.id || run.s.turn - later.turn > LATER_TURNS ? null : matchButton(run.c.buttons(block), later.text);
    if (later === undefined || choice === null) return waitForInput(run, block);
    bot(run, `About what you said ("${later.text.length > 80 ? `${later.text.slice(0, 77)}...` : later.text}"): ${choice.label}.`, block.id);
    if (block.data.variable) setVar(run, block.data.variable, choice.value);
    return exitTarget(run, block, choice.id);
  },
  prompt(run, block) {
    bot(run, render(run, block.data.text), block.id, shown(block));
  },
  classify(run, block, w, text, analysis, intentMatch) {
    const second = fallbackActsAsAnOption(run, block) ? secondReference(run, block, text) : null;
    if (second !== null) return new ClassifiedInput<Action>(true, null, run, act, { type: 'unsure', block, w, lead: second }, true);
    let choice = matchButton(run.c.buttons(block), text);
    // Session 49 (conv10): a question before buying about a product ("have you got the Return of the Jedi poster in
    // stock?") picked "Returns" by a word of the product's name: with a router wired to the fallback, the router reads it
    // (it tells a product question from a request: intentRouter.ts productQuestionElsewhere).
    if (choice !== null && forwardRouter(run, block) !== null && asksAfterProductText(text) && isShopQuestionText(normalizeText(text))) choice = null;
    // Session 50 (conv12, hostile s49 M6): an option picked only by the words that call a process off ("cancel my return,
    // I'll keep the item" at "Returns"): not picked (withdrawnRequest.ts); a router on the fallback tells the customer.
    if (choice !== null) {
      const withdrawn = withdrawnRequest(text);
      if (withdrawn !== null && (!/\p{L}/u.test(withdrawn.rest) || matchButton(run.c.buttons(block), withdrawn.rest)?.id !== choice.id)) choice = null;
    }
    // Session 43 (menus): an option picked by meaning alone (menuMeaning.ts: no word of the designer's named it) yields to a
    // router the designer wired to the fallback when that router understands the message: its intents are the designer's
    // words too ("I can't find my order NW-230918, cancel it" is the cancellation; "my order NW-230918 is late" is tracked
    // by the router with its reference). Picked by meaning only where the router would not understand it.
    const meaningRouter = choice !== null && pickedByMeaning(run.c.buttons(block), text) ? forwardRouter(run, block) : null;
    if (meaningRouter !== null && !classifyInput(run, meaningRouter, { kind: 'input', blockId: meaningRouter.id, retries: 0 }, text, analysis, intentMatch).fallback) choice = null;
    // Session 46 (details5, retest s45 L7): "just me, is there a discount for students?": the question after the answer
    // made the whole message pick nothing; the answer before it picks (questionBesideChoice keeps the question).
    if (choice === null && forwardRouter(run, block) === null) choice = choiceBeforeQuestion(run, block, text);
    if (choice && fallbackActsAsAnOption(run, block)) {
      // Session 19 (hostile s19 #7, HIGH): a question about the answer ("what happens if I say yes?", "should I say yes?",
      // "yes?", "is that the right format?") names a choice without making it: nothing is done, the question is asked again.
      if (asksAboutTheAnswer(text, analysis?.normalized ?? normalizeText(text))) {
        return new ClassifiedInput<Action>(true, null, run, act, { type: 'unsure', block, w, lead: { say: "I haven't done anything yet: choose one of these when you're ready." } }, true);
      }
      // Session 19 (hostile s19 #8, HIGH): a yes that corrects the reference ("yes, sorry, I meant NW-230919", "yes, wrong
      // number though") is the choice that asks for the reference again, never the yes on the one shown.
      const instead = correctionChoice(run, block, text, choice);
      if (instead !== null) choice = instead;
    }
    if (choice) {
      // Session 17 (hostile s17 H#31): an answer made only of emoji ("👎" = "No, keep it") answers the block's own
      // question like a click: the escalation policy reads it with the conversation-level checks only (it was handed
      // over as negative sentiment).
      if (!/[\p{L}\p{N}]/u.test(text)) return new EmojiAnswer(false, null, run, act, { type: 'choose', block, choice });
      // Session 41 (travel2, hostile s41 L1): "yes, my suitcase was stolen at the airport" at "Anything else?": the Yes
      // leads to the main menu, and the words after it answer that menu.
      const then = menuAfter(run, block, choice, text);
      if (then !== null) return new ButtonAnswer(false, null, run, act, { type: 'menu', ...then, picked: { block, choice } });
      return new ButtonAnswer(false, null, run, act, { type: 'choose', block, choice, ...questionBesideChoice(run, block, choice, text) });
    }
    // Session 50 (conv13, hostile s50 M5): at a menu whose options are all ranges of a number ("1-10", "11-50", "201 or
    // more": lead-gen's "How many people work at your company?"), the number that counts people picks the range
    // (nlu/headCount.ts): "founded in 2019, 40 staff" is 11-50 (the flow's size conditions took the year: 201+). Two
    // numbers that could each be it ("40 or 300"): asked which, nothing picked. None: as before (the fallback's way).
    const bySize = choiceByHeadCount(run, block, text);
    if (bySize !== null && 'choice' in bySize) return new ButtonAnswer(false, null, run, act, { type: 'choose', block, choice: bySize.choice });
    if (bySize !== null) return new ClassifiedInput<Action>(false, null, run, act, { type: 'unsure', block, w, lead: { say: bySize.ask } }, true);
    // Session 39 (hostile s38 M3): "what's happening with claim CL-558201?" picks the option whose way asks for that
    // reference (referenceChoice.ts); it was "Please choose one of the options."
    // Not at a confirmation whose fallback acts as an option ("shall I cancel order NW-270915? [Yes | Another order]"):
    // its own rules read a reference there (escrfEval: two corpus loops were lost without this).
    const byReference = fallbackActsAsAnOption(run, block) ? null : optionByReference(run, block, text);
    const refChoice = byReference === null ? undefined : run.c.buttons(block).find((b) => b.id === byReference);
    if (refChoice !== undefined) return new ClassifiedInput<Action>(false, null, run, act, { type: 'choose', block, choice: refChoice });
    // Session 44 (hostfix, hostile s44 M7): "yes please, and can you also tell me if I can pay with klarna?" at "Would you
    // like to talk to a person? [Talk to a person | No thanks]": the leading answer picks the option whose way goes straight
    // to a person, so the person comes (the question stays in the conversation and its summary for them); the router
    // answered the question and the yes was lost. Other leading answers ("no thanks, but where is my order?") are read
    // as before (the request after the answer goes to the router).
    const toPerson = choiceToPersonLeading(run, block, text);
    if (toPerson !== null) return new ButtonAnswer(false, null, run, act, { type: 'choose', block, choice: toPerson.choice, ...questionBeforePerson(run, toPerson.request) });
    const byAddress = personForAddress(run, block, text);
    if (byAddress !== null) return new ButtonAnswer(false, null, run, act, { type: 'choose', block, choice: byAddress.choice, email: byAddress.email, note: `Thanks, I've noted ${byAddress.email}.` });
    const router = forwardRouter(run, block);
    if (router) {
      // The designer wired typed text to a router: it gets this very message, so the customer never
      // has to type it twice. Whether it was understood is the router's call.
      let inner = classifyInput(run, router, { kind: 'input', blockId: router.id, retries: 0 }, text, analysis, intentMatch);
      // Session 14 (hostile s14 H#18): "no thanks, but where is my order NW-104233?": the router did not understand the
      // whole message (its leading answer pulls the match down); it reads the request after the answer.
      const rest = inner.fallback ? (splitLeadingAnswer(text)?.request ?? null) : null;
      if (rest !== null) {
        const again = classifyInput(run, router, { kind: 'input', blockId: router.id, retries: 0 }, rest, null, null);
        if (!again.fallback) inner = again;
      }
      // Session 12 (newcomer s12 #9): text the router would not understand either (an email typed at "Would you like to
      // talk to a person? [Talk to a person] [No thanks]") is asked again while the block's Retries allow, buttons and
      // all, instead of dropping the question for the router's "Sorry, I didn't get that". Text the router understands
      // still goes to it at once.
      // Session 43 (hostq, hostile s43 L1): thanks alone at a menu whose typed text goes to a router (Northwind's main
      // menu) got the router's "You're welcome. What's your question?" without the menu's buttons (the other flows' menus
      // ask their own question again, buttons and all): when the router does not take thanks as one of its intents, the
      // menu thanks the customer back and asks its question again, as below for a menu without a router.
      if (inner.fallback && onlyThanks(text)) return new ClassifiedInput<Action>(false, null, run, act, { type: 'unsure', block, w, lead: { say: THANKS_BACK } }, true);
      if (inner.fallback && w.retries < block.data.maxRetries) return new ClassifiedInput<Action>(true, inner.intent, run, act, { type: 'retry', block, w });
      // Session 14 (newcomer s13 #21): an undecided answer ("maybe", "not sure", "I don't know") answers this block's
      // question without picking; the router can do nothing with it either. It is asked again even when the Retries are
      // used up, instead of dropping the question for the router's "Sorry, I didn't get that" ("Would you like to talk to
      // a person?" / "maybe" / "maybe" lost the offer). The turn is still one the bot could not use, so the escalation
      // policy's repeated-fallback check sees every one of them.
      if (inner.fallback && isUnsureReply(analysis?.normalized ?? normalizeText(text))) return new ClassifiedInput<Action>(true, inner.intent, run, act, { type: 'reask', block, w });
      return new ClassifiedInput<Action>(inner.fallback, inner.intent, run, act, { type: 'forward', routerId: router.id, inner });
    }
    // Session 42 (lead, hostile s42 L3): thanks alone at a menu that lists no thanks of its own ("thanks" after Harbor
    // Mutual's policy number, "thank you so much" at Skyline Air's menu, "thanks!" at lead-gen's size question) got the
    // retry line or the fallback ("Please choose one of the options.", "Sorry, I didn't catch the size."), as if the
    // customer had failed to answer: they are thanked back and the question is asked again, its Retries unchanged and no
    // miss for the escalation policy (as the intent router's "You're welcome." since session 41).
    if (onlyThanks(text)) return new ClassifiedInput<Action>(false, null, run, act, { type: 'unsure', block, w, lead: { say: THANKS_BACK } }, true);
    // Session 50 (conv13, hostile s50 M11): a bare back-out word ("stop", "never mind", "forget it") that picks none of
    // the options, at a menu whose typed text goes to no router (a router says it itself: intentRouter.ts): nothing has
    // been done yet (an option picks what is done; a confirmation's "No, keep it" is picked by matchButton above). Said so
    // and the question asked again, buttons and all, with no miss for the escalation policy ("Please choose one of the options.",
    // then the fallback, then a loop handover). Said again and again: the engine offers a person with the reason
    // (engine.ts, bareBackOutTexts.repeated), as at customer-support's router since session 49.
    if (isBareBackOut(text, run.s.personWithdrawn !== undefined)) {
      return new ClassifiedInput<Action>(false, null, run, act, { type: 'unsure', block, w, lead: { say: bareBackOutTexts.atMenu } }, true);
    }
    const onMenu = nextMenuChoice(run, block, text);
    if (onMenu !== null) return new ClassifiedInput<Action>(false, null, run, act, { type: 'menu', ...onMenu });
    // Session 16 (hostile s15 H#17): "I'm not sure" / "maybe" at "Just to check: shall I cancel order NW-104233? [Yes,
    // cancel it | Another order | No, keep it]" took the fallback, which leads where "Another order" leads: the order
    // just named was dropped and asked for again as if the customer had picked it. An undecided answer picks nothing, so
    // where the fallback would act as one of the options, the block asks its question again ("No rush. ...") instead.
    // A fallback to a block of its own (lead-gen's size question asked another way) still takes the undecided answer.
    if (fallbackActsAsAnOption(run, block)) {
      const lead = heldBackLead(run, block, text, analysis);
      if (lead !== null) return new ClassifiedInput<Action>(true, null, run, act, { type: 'unsure', block, w, lead }, true);
      // Session 18 (newcomer s17 N#17): a request for something else ("Shipping costs to Canada?", "actually, where is my
      // other order NW-55555?" at "Is that right? [Yes, that's right | Change it]") is that request, read by the flow's
      // router as at the main menu (a question answered by messages alone is answered here and the block asks again: the
      // choice stays pending); a question the flow understands nowhere picks nothing either: asked again.
      const other = otherRequestAt(run, block, text);
      if (other !== null && other.aside !== null) return new ClassifiedInput<Action>(false, other.inner.intent, run, act, { type: 'aside', block, w, said: other.aside });
      if (other !== null) return new ClassifiedInput<Action>(false, other.inner.intent, run, act, { type: 'forward', routerId: other.router.id, inner: other.inner });
      // Only when the next miss would take the fallback: while the block's Retries allow, its retry line asks again as before.
      if (w.retries >= block.data.maxRetries && asksByForm(text, analysis?.normalized ?? normalizeText(text))) {
        return new ClassifiedInput<Action>(true, null, run, act, { type: 'reask', block, w, lead: "Sorry, I can't help with that here." }, true);
      }
    }
    // Session 20 (newcomer s19 F5): the request the customer is already in ("returns" at "Why are you sending it back?"):
    // asked again with the block's own question, and no miss for the escalation policy.
    if (requestLeadingHere(run, block, text)) {
      return new ClassifiedInput<Action>(false, null, run, act, { type: 'reask', block, w, lead: "Yes, that's what we're doing." }, true);
    }
    return new ClassifiedInput<Action>(true, null, run, act, { type: 'retry', block, w }, true);
  },
  intentMatch(run, block, analysis) {
    const router = forwardRouter(run, block);
    return router ? (behaviourOf(router.kind).intentMatch?.(run, router, analysis) ?? null) : null;
  },
  click(run, block, buttonId) {
    const choice = run.c.buttons(block).find((b) => b.id === buttonId);
    if (!choice) return null;
    return new Click<Action>(choice.label, run, act, { type: 'choose', block, choice });
  },
};

/**
 * Session 46 (details5, retest s45 L7): "about 300, do you have SSO?" at lead-gen's "How many people work at your
 * company?": the answer picked 201+ and the question was dropped without a word. When the part before a clause break
 * picks the same option and the question after it picks none, the question is kept for a menu further on that picks an
 * option for it ("I'll help with that in a moment."), else the customer is told it cannot be answered here. Not at a
 * menu whose typed text goes to a router (the router reads questions there), nor when the option's way goes straight to
 * a person (they read the question in the conversation).
 */
function choiceBeforeQuestion(run: Run, block: BlockOf<'buttons'>, text: string): ButtonChoice | null {
  const choices = run.c.buttons(block);
  for (const { answer, question } of answerThenQuestionParts(text)) {
    const picked = matchButton(choices, answer);
    if (picked !== null && matchButton(choices, question) === null) return picked;
  }
  return null;
}
function questionBesideChoice(run: Run, block: BlockOf<'buttons'>, choice: ButtonChoice, text: string): { note?: string; later?: string; laterText?: string; said?: readonly Block[] } {

  // Session 47 (conv8): the request after a leading answer that picks a person ("yes, and is the blue jumper in stock?").
  const toPerson = run.c.exitOf(block.id, choice.id);
  if (toPerson !== undefined && wayReachesPerson(run, toPerson)) {
    const lead = splitLeadingAnswer(text);
    return lead === null || /^(?:but|though|however|except)\b/i.test(lead.request) ? {} : questionBeforePerson(run, lead.request);
  }
  if (forwardRouter(run, block) !== null) return {};
  const choices = run.c.buttons(block);
  for (const { answer, question } of answerThenQuestionParts(text)) {
    if (matchButton(choices, answer)?.id !== choice.id || matchButton(choices, question) !== null) continue;
    const to = run.c.exitOf(block.id, choice.id);
    if (to === undefined || wayReachesPerson(run, to)) return {};
    const later = laterMenuOnWay(run, block.id, [to], question);
    return later === null ? { note: cannotAnswerHere(question) } : { note: LATER_LINE, later, laterText: question };
  }
  return {};
}

/**
 * Session 47 (conv8, retest-conv s46 M2): an email address alone ("dana@acme.example", "my email is ...") at an offer of a
 * person (Northwind's "A colleague can check it for you. Would you like to talk to a person?") is how the colleague
 * should reach them: the option whose way goes straight to a person (the only one), with the address kept as
 * customerEmail (the takeover and the ticket do not ask for it again). It got the retry line, then the router's
 * "Sorry, I didn't get that". An address beside "no" or "instead" is read as before.
 */
function personForAddress(run: Run, block: BlockOf<'buttons'>, text: string): { choice: ButtonChoice; email: string } | null {
  const email = onlyAnAddress(run, text);
  if (email === null) return null;
  const toPerson = run.c.buttons(block).filter((c) => {
    const to = run.c.exitOf(block.id, c.id);
    return to !== undefined && wayReachesPerson(run, to);
  });
  return toPerson.length === 1 ? { choice: toPerson[0], email } : null;
}

/** Session 44 (hostfix, hostile s44 M7): the option a leading answer picks ("yes please, and ...") when its way goes straight to a person. */
function choiceToPersonLeading(run: Run, block: BlockOf<'buttons'>, text: string): { choice: ButtonChoice; request: string } | null {
  const lead = splitLeadingAnswer(text);
  // "Yes ok, but where is it now exactly?": a "but" after the yes grants the bot's words and asks on (escrfEval: a corpus
  // loop was lost when it was taken as the yes); "and", "also" or a new sentence add to the yes.
  if (lead === null || /^(?:but|though|however|except)\b/i.test(lead.request) || /^[\s,.;:!-]*but\b/i.test(text.slice(text.indexOf(lead.answer) + lead.answer.length))) return null;
  // Session 45 (details4, retest s44 L4): "yeah go on" / "go ahead" is the yes (matchButton reads "go on" by meaning).
  // Session 46 (details5, retest s45 L3): so is every yes the offer of a person reads (bareReplies' offerAnswer: "sure",
  // "absolutely", "definitely", "of course"): "sure, and do you take PayPal?" lost the yes, the question answered alone.
  // Not an "ok" alone or before words offerAnswer does not read ("Ok. Now my parcel NW-109340 please", "ok cool. so
  // where's NW-108118": an acknowledgement before the request again; escrfEval, six corpus loops were lost with it).
  const said = normalizeText(lead.answer).replace(/^(?:(?:ok|okay|okey|k|kk)\s+)+/, '');
  const yes = saysGoAhead(lead.answer) || (!OK_WORDS.includes(said) && offerAnswer(said) === true);
  const choice = matchButton(run.c.buttons(block), yes ? 'yes' : lead.answer);
  if (choice === null) return null;
  const to = run.c.exitOf(block.id, choice.id);
  return to !== undefined && wayReachesPerson(run, to) ? { choice, request: lead.request } : null;
}

