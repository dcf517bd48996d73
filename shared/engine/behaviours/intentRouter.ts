/** Intent router: understands what the customer wants; one exit per intent, `fallback` below the threshold. */
import type { BlockOf } from '../../flow/schema';
import type { TextAnalysis } from '../../nlu/types';
import type { Run } from '../run';
import { analyzeText, readableText } from '../../nlu/analyzeText';
import { ClassifiedInput, type BlockBehaviour } from './types';
import { bot, notSaidTwice, setVar } from '../run';
import { fallbackStaysHere, follow, render, routerFallback, waitForInput } from '../runBlocks';
import { analysedPart } from '../analysedPart';
import { addressIn } from '../questionValidators';
import { normalizeText } from '../../nlu/normalizeText';
import { OK_WORDS } from '../../nlu/bareReplies';
import { courtesyOf, onlyThanks, THANKS_BACK } from '../../nlu/courtesy';
import { asksAfterProductText, isShopQuestionText } from '../../escalation/shopTopics';
import { requestAfterAside } from '../../escalation/othersStory';
import { closesChat, closingChoice } from '../closing';
import { withoutCorrected } from '../selfCorrection';
import { splitLeadingAnswer } from '../answeringWord';
import { bareBackOutLine, isBareBackOut } from '../bareBackOut';
import { offerForOwnProblem, ownProblemAtAnswer } from '../ownProblem';
import { withdrawnRequest } from '../withdrawnRequest';

type Action =
  | { understood: true; block: BlockOf<'intent_router'>; intentId: string; name: string; confidence: number; ownProblem?: true }
  | { understood: false; block: BlockOf<'intent_router'>; ack?: boolean; thanks?: boolean; refused?: Refusal; closes?: boolean; backOut?: boolean };

function act(run: Run, a: Action): void {
  // Session 48 (conv9, hostile s47 L1): a bare "stop" / "never mind" (nothing in progress to stop): what the bot can do.
  if (!a.understood && a.backOut === true) {
    bot(run, bareBackOutLine(run), a.block.id);
    return;
  }
  // Session 17 (review revcore item 7): the router answers an acknowledgement itself only when its fallback exit is not
  // wired or only says something and comes back (runBlocks.fallbackStaysHere); a fallback that leads elsewhere (a human, a knowledge
  // block, a ticket) is followed as for any miss. The waiting (its kind and retry count) is left as it was.
  // Session 29 (newcomer s28 N8): "thanks, that is all" at "What's your question?" got "Sorry, I didn't get that": the
  // customer closes the chat, and the flow's own closing is followed (closing.ts: "Anything else?" -> "No, that's all").
  // As for an acknowledgement, only when the fallback exit stays here; the turn is still one the router could not use.
  if (!a.understood && a.closes && fallbackStaysHere(run, a.block.id)) {
    const closing = closingChoice(run, a.block.id);
    if (closing !== null) {
      if (closing.menu.data.variable) setVar(run, closing.menu.data.variable, closing.value);
      return follow(run, closing.menu, closing.id);
    }
  }
  if (!a.understood && a.ack && fallbackStaysHere(run, a.block.id)) {
    // Asked again briefly, without "Sorry, I didn't get that" and the list of what the bot can do (see ACK below).
    // Session 41 (hostile s40 L1): thanks ("thanks" after "No problem, I won't connect you with anyone") are answered
    // as thanks, not with "Sure." as if the customer had agreed to something.
    const lead = a.thanks === true ? THANKS_BACK : 'Sure.';
    const ask = a.block.data.prompt ? render(run, a.block.data.prompt) : 'What can I help you with?';
    // Session 50 (conv12, hostile s49 L1): "ok" again (no longer handed over) is not answered with the same words twice.
    bot(run, notSaidTwice(run, `${lead} ${ask}`, () => `No rush: whenever you're ready. ${ask}`), a.block.id);
    return;
  }
  // Session 19 (brief item 4): a request not to do something ("Don't cancel order NW-104233 please") is acknowledged:
  // nothing was done, the order stays as it is, and the router asks again (it got "Sorry, I didn't get that").
  if (!a.understood && a.refused !== undefined && fallbackStaysHere(run, a.block.id)) {
    const what = a.refused.ref !== null ? `: ${a.refused.ref} stays as it is` : ': nothing has been changed';
    const ask = a.block.data.prompt ? render(run, a.block.data.prompt) : 'What can I help you with?';
    if (a.refused.start !== undefined) bot(run, `Okay, I won't start ${a.refused.start}: nothing has been changed. ${ask}`, a.block.id);
    else bot(run, `Okay, I won't ${a.refused.verb} anything${what}. ${ask}`, a.block.id);
    return;
  }
  if (!a.understood) return routerFallback(run, a.block);
  // Session 49 (conv10): a problem of the customer's own read as an intent that only answers with information ("I have a
  // problem with my gift card" got the payment methods): the own problem's line and the offer of a person (ownProblem.ts).
  const said = run.s.variables.lastMessage;
  if (a.ownProblem === true && typeof said === 'string' && offerForOwnProblem(run, a.block.id, said)) return;
  const rec = { name: a.name, confidence: a.confidence, turn: run.s.turn - 1 };
  run.s.intents = [...run.s.intents.slice(-9), rec];
  setVar(run, 'intent', a.name);
  if (a.block.data.variable) setVar(run, a.block.data.variable, a.name);
  follow(run, a.block, a.intentId);
}

/** Entity kinds that name a thing (an order, a person's address) and say nothing about what the customer wants. */
const IDENTIFIERS = new Set(['order_id', 'email', 'phone', 'url', 'policy_number']);
/**
 * Session 8: the message the intents are matched on, without the identifiers in it. "where is my order NW-119200" read
 * 0.41 for track_order (below the router's threshold: a fallback) where "where is my order" reads 0.97: the order
 * number's letters and digits are words no example has, and they dilute every intent alike. An identifier says which
 * order, never what the customer wants, so it is left out of the match (the block and the escalation policy still see
 * the whole message); a message that is nothing but identifiers is matched as it is.
 */
function withoutIdentifiers(input: string | TextAnalysis): string | TextAnalysis {
  const a = typeof input === 'string' ? analyzeText(analysedPart(input)) : input;
  // Session 31 (brief answers item 1): a reference the customer took back ("where is my order NW-1 sorry I mean NW-2")
  // goes with the words of the correction: they say nothing about what the customer wants (selfCorrection.ts).
  let text = withoutCorrected(a.text);
  let cut = text !== a.text;
  // Session 45 (emerg, hostile s45 L2): an aside closed by "anyway" ("I was out of breath laughing at your ad, anyway
  // where is NW-104233") says nothing about what the customer wants: the request after it is matched (othersStory.ts).
  const request = requestAfterAside(text);
  if (request !== null) {
    text = request;
    cut = true;
  }
  for (const e of a.entities) {
    if (!IDENTIFIERS.has(e.type) || e.text === '') continue;
    const at = text.indexOf(e.text);
    if (at < 0) continue;
    // Session 20 (hostile s19 #9, #10): the words that set one identifier against another ("cancel NW-230918 instead of
    // NW-230919", "rather than NW-230919", "not NW-230919 though", "NW-230919 not") choose between orders and say
    // nothing about what the customer wants: they go with the identifier ("instead" is a word of the address examples,
    // "not" a negation: the cancel fell back).
    const before = EXCLUDING_LEAD.exec(text.slice(0, at));
    const after = EXCLUDING_TAIL.exec(text.slice(at + e.text.length));
    const from = before !== null ? at - before[0].length : at;
    const to = at + e.text.length + (after !== null ? after[0].length : 0);
    text = `${text.slice(0, from)} ${text.slice(to)}`;
    cut = true;
  }
  // Session 16 (newcomer s15 N#1): a postal address in the message ("send my parcel to 5 Mill Lane, York YO1 7HH") is
  // matched as the words "an address": its street, town and postcode are words no example has and diluted the request
  // to nothing (0.03), where "send it to a different address" is an example. Only an address the customer asks for
  // counts (addressIn: not one refused or reported, "why did you send it to ...").
  const address = /\d/.test(text) ? addressIn(text) : null;
  if (address !== null) {
    const at = text.lastIndexOf(address);
    if (at >= 0) {
      text = `${text.slice(0, at)} an address ${text.slice(at + address.length)}`;
      cut = true;
    }
  }
  if (!cut || !/\p{L}/u.test(text)) return input;
  return analyzeText(text.replace(/\s+/g, ' ').trim());
}

/** Words right before an identifier that exclude it or set it against another (see withoutIdentifiers). */
const EXCLUDING_LEAD = /\b(?:instead\s+of|rather\s+than|but\s+not|not|except(?:\s+for)?|apart\s+from|other\s+than)\s+(?:(?:the|my|order|number)\s+){0,2}$/i;
/** "NW-230919 not", "NW-230919 not though", "NW-230919 though": the identifier excluded after it, up to the clause's end. */
const EXCLUDING_TAIL = /^\s*(?:not|though)(?:\s+(?:though|please|that\s+one))?(?=\s*(?:[,.;!?]|$))/i;

/**
 * Session 17 (newcomer s16 N#13, s17 N#10): an acknowledgement alone ("ok", "cheers", "ok thanks", "great, thank you")
 * at a router is no question the bot failed to understand: it got the whole "Sorry, I didn't get that. I can help with
 * ... What's your question?" again, as if misunderstood. It is asked again briefly ("Sure. What's your question?").
 * The turn is still one the router could not use (Classified.fallback), so the escalation policy reads it as before.
 */
const ACK: ReadonlySet<string> = new Set([
  ...OK_WORDS, 'thanks', 'thank', 'you', 'thx', 'ty', 'cheers', 'ta', 'great', 'cool', 'alright', 'allright', 'fine', 'nice',
  'got', 'it', 'understood', 'noted', 'right', 'lovely', 'perfect', 'brilliant', 'much', 'very', 'so', 'mate', 'oh', 'ah', 'i', 'see',
]);
function isAcknowledgement(text: string): boolean {
  const words = normalizeText(text).split(' ').filter(Boolean);
  return (words.length > 0 && words.length <= 5 && words.every((w) => ACK.has(w)) && !words.every((w) => w === 'i' || w === 'see' || w === 'it' || w === 'you' || w === 'so')) || onlyThanks(text);
}

/**
 * Session 19 (brief item 4, newcomer s17 #17 rest): a message that only asks the bot NOT to do something ("Don't cancel
 * order NW-104233 please", "please do not cancel my order", "I don't want to cancel it"): the verb and the order named.
 * A message that goes on to ask something else ("don't cancel it, just change the address", "... but where is it?") is
 * none (the router reads it as before).
 */
interface Refusal {
  verb: string;
  ref: string | null;
  /** Session 50 (conv12): what is not started, said instead ("start a return": a process called off, withdrawnRequest.ts). */
  start?: string;
}
const REFUSED = /^(?:(?:ok|okay|no|please|pls|and|so|actually|wait|sorry)\s+)*(?:do\s+not|dont|never|i\s+do\s+not\s+want\s+(?:you\s+)?to|i\s+dont\s+want\s+(?:you\s+)?to|no\s+need\s+to)\s+(cancel|return|change|refund|stop|send\s+back|delete|close|remove)\b(.*)$/;
const GOES_ON = /\b(?:but|instead|just|only|rather|want|would|like|can|could|where|when|what|how|why|please\s+(?!$)|help)\b/;
function refusalIn(text: string): Refusal | null {
  const m = REFUSED.exec(normalizeText(text));
  if (m === null) return null;
  // "..., I still want it" / "I want to keep it" says the same again.
  const rest = m[2].replace(/\bi\s+(?:still\s+|really\s+)?(?:want|need|like)\s+(?:it|to\s+keep\s+it|to\s+keep\s+my\s+order)\b/g, '').replace(/\bplease\s*$/, '');
  if (GOES_ON.test(rest) || rest.split(' ').filter(Boolean).length > 8) return null;
  const ref = /\b[A-Z]{1,4}-?\d[\dA-Z-]{3,15}\b/.exec(text);
  return { verb: m[1], ref: ref !== null ? `order ${ref[0]}` : /\border\b/.test(rest) ? 'your order' : null };
}

/**
 * Session 20 (newcomer s19 F3, F4; hostile s18 #28): an order number alone, or with a word that asks the same again
 * ("NW-300222", "and NW-300222?", "what about NW-300222?", "now NW-300222 please"), after a request this router
 * understood in the conversation, is that request for the order named: the customer asked about two orders, the bot
 * took one at a time and said to ask about the other after (question.ts manyValuesNote), and the bare number got
 * "Sorry, I didn't get that." The request of the last understood intent this router has; none (a first message that
 * is only a number) falls back as before. Any confirmation the request's path asks (a cancel) is asked again.
 */
const SAME_AGAIN: ReadonlySet<string> = new Set(['and', 'what', 'about', 'how', 'now', 'also', 'then', 'too', 'plus', 'next', 'order', 'number', 'please', 'pls', 'ok', 'okay', 'same', 'for', 'with', 'the', 'this', 'one', 'as', 'well', 'is', 'of']);
function sameRequestFor(run: Run, block: BlockOf<'intent_router'>, text: string): { id: string; name: string } | null {
  if (run.s.intents.length === 0 || !/\d/.test(readableText(text))) return null;
  const a = orderNumbersWith(text, SAME_AGAIN);
  // The order the conversation already holds, typed again ("nw280612", "#280612" after NW-280612): the customer repeats
  // themselves (the escalation policy's loop check reads it), no new request.
  if (a === null || namesHeldOrder(run, a)) return null;
  const last = run.s.intents[run.s.intents.length - 1].name;
  const intent = block.data.intents.find((i) => i.name === last && i.name !== 'greeting');
  return intent !== undefined ? { id: intent.id, name: intent.name } : null;
}

/**
 * Session 29 (newcomer s28 N10): a message that is only an order number ("NW-104233", "it's NW-104233"), or one with
 * nothing but a greeting and words that say it is about that order ("hi, I have a question about my order NW-104233"),
 * means "this order": the customer answers the question the bot would ask next. It got "Sorry, I didn't get that" at
 * "What's your question?" (also right after graduated mode's "Can you tell me a bit more?"), and the greeting clause
 * won the second ("Hello there!"). It goes to the intent whose way opens with a question that takes an order number from
 * the conversation (a Question with "Take from the conversation: order number": Northwind's track_order, the order
 * lookup), when exactly one intent's way does; none or several (the flow does not say which) fall back as before. An
 * order the conversation already holds, typed again, is the customer repeating themselves (as in sameRequestFor), and a
 * number right after a message the bot did not understand is read as before.
 */
const ABOUT_ORDER: ReadonlySet<string> = new Set([
  ...SAME_AGAIN, 'hi', 'hello', 'hey', 'hiya', 'there', 'morning', 'afternoon', 'evening', 'good', 'i', 'have', 'got', 'a', 'question',
  'query', 'regarding', 're', 'my', 'its', 'it', 'here', 'thanks', 'thank', 'you', 'cheers', 'number', 'no', 'ref', 'reference',
  // Session 32 (session 31's unfixed findings): what is left of a correction after the number taken back ("NW-250778 is
  // wrong sorry, it is NW-250779 actually" -> "NW-250779 actually") or an apology beside the number ("NW-250779 sorry").
  'actually', 'sorry', 'correct', 'right',
]);
function orderNamedAlone(run: Run, text: string): boolean {
  if (!/\d/.test(readableText(text)) || text.length > 160) return false;
  // Right after a message the bot did not understand, the number is the detail of that request ("want to ship this to me
  // sister in Cairns" / "NW-250778"), which the bot still does not know: not a request to look the order up (measured: a
  // corpus loop was lost), so it is read as before. Unless the bot then asked for more (graduated mode's "Can you tell me
  // a bit more so I can help?" after an upset message): the number is the more it asked for.
  const askedMore = run.s.lastEscalation?.action === 'rephrase' && run.s.lastEscalation.turn === run.s.turn - 1;
  if (run.s.escalation.fallbacksInRow > 0 && !askedMore) return false;
  const a = orderNumbersWith(text, ABOUT_ORDER);
  return a !== null && !namesHeldOrder(run, a);
}

/**
 * The analysis of a message that names at least one order number and, once the numbers are taken out, has only words
 * of `allowed` ("and NW-280612?", "hi, a question about my order NW-104233"); null otherwise. Shared by sameRequestFor
 * and orderNamedAlone.
 */
function orderNumbersWith(text: string, allowed: ReadonlySet<string>): TextAnalysis | null {
  // Session 31 (brief answers item 1): "NW-250778, no wait, NW-250779" is the last number alone (selfCorrection.ts).
  const a = analyzeText(withoutCorrected(analysedPart(text)));
  let rest = a.text;
  let named = false;
  for (const e of a.entities) {
    if (e.type !== 'order_id' || e.text === '') continue;
    const at = rest.indexOf(e.text);
    if (at < 0) continue;
    rest = `${rest.slice(0, at)} ${rest.slice(at + e.text.length)}`;
    named = true;
  }
  return named && normalizeText(rest).split(' ').filter(Boolean).every((w) => allowed.has(w)) ? a : null;
}

/** Whether the message names an order the conversation already holds (in any variable, compared by its digits). */
function namesHeldOrder(run: Run, a: TextAnalysis): boolean {
  const digits = (v: unknown) => (typeof v === 'string' ? v.replace(/\D/g, '') : '');
  const held = new Set(Object.values(run.s.variables).map(digits).filter((d) => d.length >= 4));
  return a.entities.some((e) => e.type === 'order_id' && held.has(digits(e.value)));
}
/** The one intent whose way opens with a question taking an order number from the conversation; null otherwise. */
function orderIntent(run: Run, block: BlockOf<'intent_router'>): { id: string; name: string } | null {
  let found: { id: string; name: string } | null = null;
  for (const intent of block.data.intents) {
    const to = run.c.exitOf(block.id, intent.id);
    const b = to === undefined ? undefined : run.c.blocks.get(to);
    if (b === undefined || (b.data as { fromEntity?: unknown }).fromEntity !== 'order_id') continue;
    if (found !== null) return null;
    found = { id: intent.id, name: intent.name };
  }
  return found;
}

/**
 * Session 33 (issue 11): a greeting before a question about the shop's goods that no intent answers ("Good evening, how
 * much is the standing fan"): the greeting intent won and the bot said "Hello there! What's your question?" to a customer
 * who had just asked it. Such a message is not understood, so the flow's shop-question line answers it (shopQuestion.ts).
 * A greeting before a question about the world ("Good morning, what does a group of crows get called?") is greeted as
 * before (session 10: measured better as a re-prompt).
 */
function greetsBeforeShopQuestion(intentName: string, text: string): boolean {
  if (intentName !== 'greeting') return false;
  const c = courtesyOf(text);
  return c !== null && c.greeting !== null && c.rest !== '' && isShopQuestionText(normalizeText(c.rest));
}

/**
 * Session 49 (conv10; session 47's "Human League t-shirt, do you have it in size M?"): a question before buying about a
 * product (whether the shop has it, in a size or colour, in stock: shopTopics.asksAfterProduct) was read as an intent
 * through a word of the product's name or of its size: "do you have this in size 12?" and "Human League t-shirt, do you
 * have it in size M?" as a return (the "size" of "can I exchange this for another size"), "have you got the Return of the
 * Jedi poster in stock?" as a return ("return"), and the bot started a return. Such a question is understood as an intent
 * only when one of that intent's own examples asks such a question, or another clause of the message asks for that
 * intent by itself ("I want to return this t-shirt, do you have it in size M?"); otherwise the router does not understand
 * it, and the policy reads it as the shop question it is (the shop question's line: no product data here).
 */
const PRODUCT_INTENTS = new WeakMap<object, ReadonlySet<string>>();
function productQuestionElsewhere(run: Run, block: BlockOf<'intent_router'>, intentId: string, text: string): boolean {
  // The clauses of the message, each with its punctuation: one that is a product question the policy reads as a shop
  // question (so the shop question's line answers it), and the others.
  const clauses = text.split(/(?<=[,.;:!?])\s+|\s+but\s+/i).map((c) => c.trim()).filter((c) => c !== '');
  const product = (c: string) => asksAfterProductText(c) && isShopQuestionText(normalizeText(c));
  if (!clauses.some(product)) return false;
  let own = PRODUCT_INTENTS.get(block.data);
  if (own === undefined) {
    own = new Set(block.data.intents.filter((i) => i.examples.some(asksAfterProductText)).map((i) => i.id));
    PRODUCT_INTENTS.set(block.data, own);
  }
  if (own.has(intentId)) return false;
  return !clauses.some((c) => {
    if (product(c)) return false;
    const r = run.c.matcher(block).match(c);
    return r.intentId === intentId && r.confidence >= block.data.threshold;
  });
}

/** A process called off that no intent read ("scrap the return"): said so, as a refusal (withdrawnRequest.ts). */
function withdrawnRefusal(text: string): Refusal | undefined {
  const withdrawn = withdrawnRequest(text);
  return withdrawn === null ? undefined : { verb: 'start', ref: null, start: withdrawn.what };
}

/** Whether the router's intent is not read in the words left once a process called off is taken out (withdrawnRequest.ts). */
function readsOnlyWithdrawn(run: Run, block: BlockOf<'intent_router'>, intentId: string, rest: string): boolean {
  if (!/\p{L}/u.test(rest)) return true;
  const r = run.c.matcher(block).match(withoutIdentifiers(rest));
  return r.intentId !== intentId || r.confidence < block.data.threshold;
}

export const intentRouterBehaviour: BlockBehaviour<'intent_router'> = {
  waitsAs: ['input', 'offer'],
  enter: (run, block) => waitForInput(run, block),
  acceptsForwardedText: true,
  exitOfReading: (intent) => intent?.intentId ?? null,
  topicTexts: (block) => block.data.intents.flatMap((i) => [i.name, ...i.examples]),
  topicIntents: (block) => block.data.intents.map((i) => ({ id: i.id, texts: [i.name, ...i.examples] })),
  prompt(run, block) {
    if (block.data.prompt) bot(run, render(run, block.data.prompt), block.id);
  },
  classify(run, block, _w, text, _analysis, intentMatch) {
    const m = intentMatch ?? run.c.matcher(block).match(withoutIdentifiers(text));
    if (isBareBackOut(text, run.s.personWithdrawn !== undefined)) return new ClassifiedInput<Action>(false, m, run, act, { understood: false, block, backOut: true });
    if (orderNamedAlone(run, text)) {
      const order = sameRequestFor(run, block, text) ?? orderIntent(run, block);
      if (order !== null) return new ClassifiedInput<Action>(false, m, run, act, { understood: true, block, intentId: order.id, name: order.name, confidence: 1 });
    }
    // Session 50 (conv12, hostile s49 M6): a process called off ("cancel my return, I'll keep the item") whose intent only
    // those words read: nothing is started (the refusal line below), where the returns intent started a return.
    const withdrawn = withdrawnRequest(text);
    if (withdrawn !== null && m.intentId !== null && m.confidence >= block.data.threshold && readsOnlyWithdrawn(run, block, m.intentId, withdrawn.rest)) {
      return new ClassifiedInput<Action>(true, m, run, act, { understood: false, block, refused: { verb: 'start', ref: null, start: withdrawn.what } });
    }
    if (m.intentId !== null && m.intentName !== null && m.confidence >= block.data.threshold && !greetsBeforeShopQuestion(m.intentName, text) && !productQuestionElsewhere(run, block, m.intentId, text)) {
      const ownProblem = ownProblemAtAnswer(run, block, m.intentId, text) ? true : undefined;
      return new ClassifiedInput<Action>(false, m, run, act, { understood: true, block, intentId: m.intentId, name: m.intentName, confidence: m.confidence, ownProblem });
    }
    // Session 47 (conv8, retest-conv s46 M3): "sure, and do you take PayPal?" after a line the bot did not get: the leading
    // answer pulled the match below the threshold and the shop-question line answered ("I can't see product details");
    // the request after it is read alone (as Buttons does for text it forwards here, hostile s14 H#18).
    const rest = splitLeadingAnswer(text)?.request ?? null;
    if (rest !== null) {
      const r = run.c.matcher(block).match(withoutIdentifiers(rest));
      if (r.intentId !== null && r.intentName !== null && r.confidence >= block.data.threshold && r.intentName !== 'greeting' && !productQuestionElsewhere(run, block, r.intentId, rest)) {
        return new ClassifiedInput<Action>(false, r, run, act, { understood: true, block, intentId: r.intentId, name: r.intentName, confidence: r.confidence });
      }
    }
    const again = sameRequestFor(run, block, text);
    if (again !== null) return new ClassifiedInput<Action>(false, m, run, act, { understood: true, block, intentId: again.id, name: again.name, confidence: 1 });
    const ack = isAcknowledgement(text);
    const thanks = ack && (onlyThanks(text) || courtesyOf(text)?.thanks === true);
    return new ClassifiedInput<Action>(true, m, run, act, { understood: false, block, ack, thanks, refused: refusalIn(text) ?? withdrawnRefusal(text), closes: closesChat(text) });
  },
  intentMatch: (run, block, analysis) => run.c.matcher(block).match(withoutIdentifiers(analysis)),
};
