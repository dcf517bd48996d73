/**
 * Session 47 (conv8, retest-conv s46 L5): "I have a weird problem with my account" at Northwind's "What's your
 * question?" got "Sorry, I didn't get that." and the list of what the bot can do: the customer said clearly that
 * something of theirs is wrong, the flow has no way for it, and no person was offered. That is no message the bot failed
 * to read; it is one it cannot act on, as a shop question it has no data for (shopQuestion.ts).
 *
 * The rule: a message an intent or keyword router does not understand, that says something of the customer's own is wrong
 * (a problem word: "problem", "issue", "trouble", "something is wrong", "not working", "won't let me", "locked out", "keeps
 * crashing"; and a word of their own: "I", "my", "we", "our"; at most 30 words; not "no problem", "nothing wrong"), about a
 * thing none of the flow's routers has a word for (the message's other content words, stemmed, are in none of their
 * examples or keywords: "account", "login", "app"; not "I have issue with delivery", "cancel NW-121699, I put the wrong
 * colour": the flow has ways for those, and the customer may put it another way: escrfEval lost four corpus
 * conversations when those were offered a person), while the policy did nothing with it, gets OWN_PROBLEM_LINE and the
 * offer of a person (the graduated offer's question and buttons, as
 * offerPerson for shop questions): "Talk to a person" hands over (reason repeated_fallback: the bot could not help),
 * "Keep chatting with the bot" goes back to the router. Only in a flow in English (the line is built in) with a Human
 * takeover to hand over to. Pure.
 */
import { bot, type Run } from './run';
import { escalationTarget } from './ruleSignals';
import { graduatedText, offerButtons } from './escalationWording';
import type { Block, BlockOf } from '../flow/schema';
import { behaviourOf } from './blockBehaviours';
import { answerOnly, requestReaders } from './otherRequest';
import { isStopWord } from '../nlu/stopWords';
import { stemWord } from '../nlu/stem';

export const OWN_PROBLEM_LINE = "I'm sorry, I can't sort that out myself here, but a person from our team can.";

const PROBLEM =
  /\b(?:problems?|issues?|trouble|(?:something|anything|what)(?:'s|\s+is|\s+was)?\s+wrong|(?:gone|went|going|goes)\s+wrong|wrong\s+with|glitch(?:es|y)?|bugs?|buggy|errors?|broken|stuck|locked\s+out|(?:is|are|was|were|am)\s*n[o']?t\s+working|not\s+working|(?:does|do|did)\s*n[o']?t\s+work|won'?t\s+(?:work|load|open|let\s+me|accept|go\s+through)|will\s+not\s+(?:work|load|open|let\s+me|accept|go\s+through)|(?:can'?t|cannot|can\s+not|unable\s+to)\s+(?:log|sign)\s*(?:in|on|into)|(?:can'?t|cannot|can\s+not|unable\s+to)\s+(?:pay|check\s*out|complete\s+(?:my|the)\s+(?:order|purchase|payment)|place\s+(?:an|my|the)\s+order)\b|keeps?\s+(?:crashing|failing|freezing|logging\s+me\s+out|saying)|crash(?:es|ing|ed)|fail(?:s|ing|ed)|declined|rejected)\b/;
/** A problem word negated or used as courtesy ("no problem", "not a problem", "nothing wrong", "no issues"). */
const NO_PROBLEM = /\b(?:no|not\s+a|nothing|without\s+(?:any\s+)?|never\s+(?:had\s+)?(?:a\s+|any\s+)?)\s*(?:problems?|issues?|trouble|wrong|worries)\b/;
const OWN = /\b(?:i|i'm|im|i've|ive|i'd|my|me|we|we're|our|us|mine)\b/;

/** Words of a problem, of its telling and of owning, never a topic ("having trouble logging in": "logging" is the topic). */
const NOT_TOPIC: ReadonlySet<string> = new Set(
  'when where what how why who which whenever problem problems issue issues trouble wrong glitch glitches glitchy bug bugs buggy error errors broken stuck locked working work works worked load open accept go going gone went goes through keep keeps keeping crashing crashes crashed crash failing fails failed declined rejected let lets weird strange odd little bit big major real something anything nothing think thought try trying tried getting seems seem seemed still again now today keep please help hi hello hey sorry unable cannot can cant won wont isnt doesnt didnt not'.split(' '),
);
const tokensOf = (t: string): string[] => t.toLowerCase().replace(/[\u2018\u2019']/g, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2 && !/^\d+$/.test(w));
const topicCache = new WeakMap<object, ReadonlySet<string>>();
/**
 * The stems of every word the flow's routers read (their examples and keywords), once per compiled flow. Session 49
 * (conv10, conv8's leftovers): not the words of an intent whose way only says something (otherRequest.answerOnly: the
 * payment methods, the shipping costs): such an answer does not put a problem right, so "the website won't let me pay"
 * (got the shop question's "I can't see product details") and "I have a problem with my gift card" (got the payment
 * methods) are a problem the flow has no way for. A keyword router's words all count (its routes are not told apart).
 */
function routerTopics(run: Run): ReadonlySet<string> {
  let topics = topicCache.get(run.flow);
  if (topics === undefined) {
    const out = new Set<string>();
    const add = (texts: readonly string[]) => {
      for (const t of texts) for (const w of tokensOf(t)) if (!isStopWord(w)) out.add(stemWord(w));
    };
    for (const router of requestReaders(run)) {
      const intents = (behaviourOf(router.kind).topicIntents as ((b: Block) => readonly { id: string; texts: readonly string[] }[]) | undefined)?.(router);
      if (intents !== undefined) {
        for (const intent of intents) if (answerOnly(run, router, intent.id) === null) add(intent.texts);
        continue;
      }
      add((behaviourOf(router.kind).topicTexts as ((b: Block) => readonly string[]) | undefined)?.(router) ?? []);
    }
    topicCache.set(run.flow, (topics = out));
  }
  return topics;
}

/**
 * Session 49 (conv10): whether an intent router's reading of `text` as `intentId` is a problem of the customer's own that
 * the intent's way only answers with information ("I have a problem with my gift card" read as the payment methods,
 * 0.53): the router then offers a person as for a problem it did not understand (offerForOwnProblem).
 */
export function ownProblemAtAnswer(run: Run, router: Block, intentId: string, text: string): boolean {
  return statesOwnProblem(text) && answerOnly(run, router, intentId) !== null && !flowHasAWay(run, text);
}
/** Whether a content word of `text` (not a problem word) is one the flow's routers read: the flow has a way for it. */
function flowHasAWay(run: Run, text: string): boolean {
  const topics = routerTopics(run);
  return tokensOf(text).some((w) => !isStopWord(w) && !NOT_TOPIC.has(w) && topics.has(stemWord(w)));
}

/** Whether `text` says something of the customer's own is wrong (see the header). */
export function statesOwnProblem(text: string): boolean {
  const t = text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  if (t.split(/\s+/).filter(Boolean).length > 30) return false;
  if (!PROBLEM.test(t) || !OWN.test(t)) return false;
  return !NO_PROBLEM.test(t) || PROBLEM.test(t.replace(new RegExp(NO_PROBLEM.source, 'g'), ' '));
}

/**
 * At a router that did not understand `text` (runBlocks.routerFallback): says OWN_PROBLEM_LINE and offers a person when
 * the rule above holds; false (nothing said) otherwise.
 */
export function offerForOwnProblem(run: Run, blockId: string, text: string): boolean {
  const policy = run.flow.escalation;
  if (policy.enabled === false || (run.decision != null && run.decision.action !== 'none')) return false;
  if (!/^en\b/i.test(run.flow.settings.language ?? 'en') || escalationTarget(run) === null || !statesOwnProblem(text) || flowHasAWay(run, text)) return false;
  const w = run.s.waiting;
  const retries = w !== null && 'retries' in w ? w.retries : 0;
  bot(run, OWN_PROBLEM_LINE, blockId);
  bot(run, graduatedText(policy, 'offer', 'repeated_fallback'), blockId, offerButtons(policy));
  run.s.waiting = { kind: 'offer', blockId, retries, reason: 'repeated_fallback' };
  const why = 'Offered a person: the customer said something of theirs is wrong that the flow has no way for (ownProblem.ts).';
  const d = run.decision;
  if (d != null) run.decision = { ...d, explanation: `${d.explanation} ${why}` };
  // What a "Talk to a person" click hands over with (engine.takeoverFromOffer reads the last step the bot took).
  run.s.lastEscalation = { action: 'offer', reason: 'repeated_fallback', signals: d?.signals ?? [], explanation: why, turn: d?.turn ?? run.s.turn - 1 };
  return true;
}
