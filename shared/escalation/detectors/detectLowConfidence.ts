/**
 * low_confidence: an intent router got the message but the bot cannot tell what the customer wants. Only
 * runs when `facts.intent` is set (the message was classified by an intent router), so free-text questions
 * and button blocks never trigger it. Two cases:
 *
 *  1. Vague: the message has no content beyond vague references ("it's about my thing", "the stuff from
 *     before", "that other problem", "hmm so about that"). Whatever the matcher says, there is nothing to
 *     route on (it may even match "thing" to an item intent), and a person can ask what it is about.
 *  2. Torn: confidence is under the designer's threshold because two intents fit about equally well
 *     (the runner-up scores at least TORN_RATIO of the best, and the best at least MIN_PARTIAL): the bot
 *     has readings but cannot choose ("my parcel came but it's the wrong one, can I send it back or swap
 *     it?").
 *
 * A weak match to a single intent ("do you price match?" sharing only "price" with shipping costs) is
 * NOT low confidence: the bot did not understand, which is a fallback and counts towards
 * `repeated_fallback`. Escalating on it would hand over on the first off-topic question, and the fallback
 * streak the designer set would never matter. The same holds for messages that match nothing at all.
 */
import { vagueScore } from '../inDomain/inDomainScore';
import { asksNothing } from './detectRepeatedFallback';
import { effectiveSentiment } from '../effectiveSentiment';
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';
import { canonicalTokens, paddedTokens } from '../canonicalTokens';
import { isStopWord } from '../../nlu/stopWords';
import { questionConcepts } from '../questionConcepts';
import { editDistance } from '../../nlu/editDistance';

const MIN_PARTIAL = 0.3;
const TORN_RATIO = 0.55;
const TORN_MAX_WORDS = 25;
/** Score of a vague message: as sure as a near-zero confidence, since there is nothing to match. */
const VAGUE_SCORE = 0.9;

/** Nouns that refer to something without saying what it is. */
const VAGUE_NOUNS = new Set([
  'thing', 'things', 'stuff', 'something', 'anything', 'problem', 'problems', 'issue', 'issues', 'matter',
  'matters', 'question', 'questions', 'query', 'queries', 'item', 'items', 'product', 'situation', 'case',
  'concern', 'business', 'whatsit', 'thingy', 'subject', 'topic',
  // Round eight: "further to the above", a reference to a letter that was never written here.
  'above',
  // Session 11 (escconv): a message, email or link the customer got, named as the whole subject ("regarding the message I
  // got", "it's regarding the email", "the link", "could you help me with my bits").
  'message', 'messages', 'email', 'emails', 'link', 'letter', 'bits',
]);
/** Pronouns that refer vaguely only in a frame: "about that", "regarding it", "what happened". */
const VAGUE_PRONOUNS = new Set(['it', 'that', 'this', 'what', 'one']);
const ABOUT = new Set(['about', 'regarding', 're', 'concerning', 'with']);
/** Round eight: a verb that stands for something never named ("it's still doing that", "it did it again"). */
const PRO_VERBS = new Set(['doing', 'does', 'did', 'done']);
const HAPPENED = new Set(['happened', 'happen', 'mentioned', 'said', 'told', 'wrote', 'discussed', 'talked']);
/** Words that add nothing to what the message is about. */
const FILLER = new Set([
  'about', 'regarding', 're', 'concerning', 'hmm', 'hm', 'um', 'uh', 'erm', 'er', 'so', 'well', 'ok', 'okay',
  'yes', 'know', 'mean', 'before', 'earlier', 'yesterday', 'last', 'week', 'month', 'day', 'time', 'ago',
  'other', 'another', 'same', 'whatever', 'happened', 'happen', 'mentioned', 'said', 'told', 'wrote',
  'discussed', 'talked', 'asked', 'quick', 'little', 'small', 'bit', 'still', 'again', 'hi', 'hello', 'hey',
  'there', 'here', 'not', 'sure', 'how', 'explain', 'remember', 'recall', 'previous',
  'previously', 'already', 'you', 'we', 'old',
  // Politeness and small talk around a vague reference ("I was hoping you might help me with the matter from before").
  'hoping', 'hope', 'hoped', 'might', 'help', 'wondered', 'wondering', 'wonder', 'just', 'following', 'follow', 'up', 'getting',
  'touch', 'afraid', 'usual', 'thought', 'think', 'better', 'ask', 'asking', 'get', 'back', 'sorry', 'please', 'thanks', 'again',
  'sister', 'brother', 'mum', 'dad', 'wife', 'husband', 'friend', 'law', 'son', 'daughter', 'neighbour', 'colleague', 'mentioned',
  'other', 'couple', 'days', 'weeks', 'contact', 'contacting', 'writing', 'reaching', 'out', 'regards', 'kind', 'idk', 'dunno',
  'messaged', 'message', 'emailed', 'email', 'contacted', 'chatted', 'spoke', 'earlier', 'recently', 'from',
  // Greetings in the customers' own languages ("Konnichiwa. About that matter from before").
  'bonjour', 'salut', 'hola', 'ciao', 'hallo', 'konnichiwa', 'privet', 'merhaba', 'kumusta', 'po', 'ola', 'namaste',
  // Round eight: greetings, politeness and interjections ("Morning! Right, so...", "Excuse me, about...", "Hello dear"),
  // more relatives who sent the customer ("my grandson said to ask you about it"), the channel of an earlier contact
  // ("that thing we talked about on the phone"), and formal letter-speak ("Further to the above, please advise").
  'morning', 'afternoon', 'evening', 'good', 'right', 'oh', 'ah', 'now', 'its', 'excuse', 'pardon', 'dear', 'love',
  'grandson', 'granddaughter', 'grandma', 'grandmother', 'grandad', 'grandpa', 'grandfather', 'nan', 'nana', 'aunt', 'uncle',
  'cousin', 'partner', 'boss', 'phone', 'call', 'called', 'calling', 'rang', 'chat', 'letter', 'further', 'advise', 'per', 'kindly',
  'doing', 'does', 'did', 'yet',
  // Session 11 (escconv): receiving and being sent here ("the message I got", "I was told to come on here about it").
  'got', 'received', 'sent', 'come', 'came', 'on',
]);

/**
 * Words of indecision: the customer says they do not know what they want ("not sure", "or maybe", "idk").
 * Canonical tokens ("dont" is "do not").
 */
const HEDGES = new Set(['maybe', 'perhaps', 'possibly', 'unsure', 'idk', 'dunno', 'either', 'whichever', 'sure', 'which']);
/**
 * Broad areas of the shop that name no request by themselves ("the order", "the return thing", "the box"):
 * a message made only of these, vague words and indecision still says nothing the bot can act on.
 */
const AREAS = new Set([
  'order', 'orders', 'delivery', 'deliveries', 'return', 'returns', 'box', 'parcel', 'package', 'account', 'payment', 'payments',
  'address', 'bill', 'billing', 'shipping', 'refund', 'exchange', 'purchase', 'returning', 'delivering', 'paying', 'tracking',
]);
/** Small words that add nothing in a vague message ("can you sort out the issue", "same as last time"). */
const SOFT = new Set(['last', 'time', 'as', 'like', 'sort', 'out', 'fix', 'sorted', 'one', 'u', 'ya', 'yeah', 'quite', 'can', 'could']);
/** Vague nouns that point at something never named ("the thing with the box"), unlike "a problem with my order". */
const POINTING = new Set(['thing', 'things', 'stuff', 'something', 'whatsit', 'thingy', 'matter', 'matters', 'situation', 'business', 'same', 'above']);
const SUBJECT_NEXT = new Set(['about', 'regarding', 'concerning', 're', 'to', 'wrong']);
/** Words that open a direct question: a question with two readings is still a clear question, not indecision. */
const QUESTION_OPENERS = new Set(['do', 'does', 'did', 'can', 'could', 'will', 'would', 'is', 'are', 'what', 'when', 'where', 'how', 'why', 'which', 'who', 'should', 'may']);

/** The vague words of a content-free message, or null when the message says what it is about. */
/**
 * Session 7: a request named with a verb whose object is the vague noun ("I want to return something", "I need to
 * exchange some stuff", "can I cancel a thing"): the bot knows what to do (start the return) and asks which item.
 */
const REQUEST_OF_SOMETHING = / (?:to|i|can|could|please|pls|want|wanna|need) (?:return|exchange|refund|track|cancel|swap|send back|change|order|buy) (?:a |an |some |the |my |this |that )?(?:something|stuff|thing|things|item|items|product) /;
function vagueWords(toks: string[], fresh = false): string[] | null {
  if (REQUEST_OF_SOMETHING.test(paddedTokens(toks))) return null;
  const vague: string[] = [];
  let areas = 0;
  let hedged = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (VAGUE_NOUNS.has(t)) vague.push(t);
    else if (VAGUE_PRONOUNS.has(t) && (ABOUT.has(toks[i - 1] ?? '') || HAPPENED.has(toks[i + 1] ?? '') || PRO_VERBS.has(toks[i - 1] ?? ''))) vague.push(t);
    // "the one from the other day", "that one I mentioned": a thing pointed at and never named.
    else if (t === 'one' && (toks[i - 1] === 'the' || toks[i - 1] === 'that') && i >= toks.length - 1 - 5 && !AREAS.has(toks[i + 1] ?? '')) vague.push(t);
    // "same as last time", "same like before": a reference to something earlier that is never named.
    else if (t === 'same' && (toks[i + 1] === 'as' || toks[i + 1] === 'like' || toks[i + 1] === 'thing' || i === toks.length - 1)) vague.push(t);
    else if (HEDGES.has(t) || t === 'or') hedged ||= t !== 'or' || toks.includes('not');
    else if (AREAS.has(t)) areas++;
    // Session 7: one or two letters that are not a number carry no subject in a vague message ("the thing w my stuff",
    // "mi have a problem wid mi tings": texting and dialect for with / my / the); at the start of a conversation, asking
    // after the state of an unnamed thing adds none either ("Kindly update on the case", "status of the matter?"; not with
    // thanks: "Thanks, that's resolved our query" closes it).
    else if (/^[a-z]{1,2}$/.test(t) || (fresh && STATUS.has(t))) continue;
    else if (!FILLER.has(t) && !SOFT.has(t) && !VAGUE_PRONOUNS.has(t) && !isStopWord(t)) {
      // Session 7: a vague noun misspelt or in dialect ("mi tings", "di ting", "my thnig"): one letter away from one.
      if (nearVagueNoun(t)) vague.push(t);
      else return null;
    }
  }
  // "a question about returns" and "a problem with my order" name their subject; "the thing with the box" does not.
  // "something about my bill" names the bill: a pointing word followed by "about" introduces the subject.
  const pointing = toks.some((t, i) => POINTING.has(t) && !SUBJECT_NEXT.has(toks[i + 1] ?? ''));
  // Two areas side by side with nothing asked about either: "so about the delivery and returning", and (round eight)
  // "a question about my order and the address".
  const paired = areas >= 2 && toks.some((t, i) => t === 'and' && i > 0 && i < toks.length - 1);
  if (vague.length > 0 && (areas === 0 || pointing || areas >= 3 || hedged || paired)) return vague;
  if (vague.length > 0) return null;
  // Only broad areas and indecision: "the order or the return idk", "my order, or possibly the return, not sure";
  // or two areas paired.
  if ((hedged || paired) && areas >= 2 && !QUESTION_OPENERS.has(toks[0])) return toks.filter((t) => AREAS.has(t) || HEDGES.has(t)).slice(0, 6);
  return null;
}

/** Vague nouns a letter away from a word (see nearVagueNoun): four letters or more, so "tin" or "sting" is not "thing". */
const NEAR_VAGUE = ['thing', 'things', 'stuff', 'issue', 'issues', 'problem', 'problems', 'matter', 'thingy', 'situation', 'something'];
/** Damerau-Levenshtein distance 1 to a vague noun, for a word in no list ("tings", "thnig", "isue", "probelm"). */
function nearVagueNoun(t: string): boolean {
  if (t.length < 4 || isStopWord(t) || FILLER.has(t) || AREAS.has(t)) return false;
  return NEAR_VAGUE.some((v) => Math.abs(v.length - t.length) <= 1 && v[0] === t[0] && editDistance(t, v) <= 1);
}

/**
 * Round eight: asking after something never named, at the start of the conversation: "is it finished?", "any update on
 * that?", "is it ok now with my order or no?", "is it sorted", "what's happening with it". The only subject is a pronoun
 * and nothing was said before for it to point at (no earlier question). After a question ("where is my parcel" /
 * "any update on it?") the pronoun has its subject and the message is not vague.
 */
const STATUS = new Set(['update', 'updates', 'news', 'finished', 'done', 'sorted', 'ready', 'fixed', 'progress', 'happening', 'resolved', 'ok',
  'okay', 'status', 'complete', 'completed', 'working', 'solved', 'gone', 'through', 'approved', 'processed']);
const ANTECEDENT = new Set(['it', 'that', 'this']);
const THANKS = new Set(['thank', 'thanks', 'thx', 'ty', 'cheers', 'thankyou']);
const ASKS = new Set(['is', 'are', 'any', 'has', 'have', 'did', 'was', 'what', 'whats', 'how', 'when', 'can', 'could']);
/** Words of a first message asking after an unnamed "it" (see STATUS) that name nothing else: areas at most one, a hedge. */
function statusOfNothing(toks: string[], text: string): string[] | null {
  // A question ("is it finished?", "any update on that"), not a remark ("That's sorted now, thank you", "this is not working").
  if (!text.includes('?') && !ASKS.has(toks.find((t) => !FILLER.has(t)) ?? '')) return null;
  if (toks.some((t) => THANKS.has(t))) return null;
  let pronoun: string | null = null;
  let status: string | null = null;
  let areas = 0;
  for (const t of toks) {
    if (ANTECEDENT.has(t)) pronoun ??= t;
    else if (STATUS.has(t)) status ??= t;
    else if (AREAS.has(t)) areas++;
    else if (!FILLER.has(t) && !SOFT.has(t) && !HEDGES.has(t) && t !== 'or' && t !== 'no' && !isStopWord(t)) return null;
  }
  return pronoun !== null && status !== null && areas <= 1 ? [pronoun, status] : null;
}
/** A first message that only points back at an earlier contact, naming nothing: "following up", "further to the above". */
const REFERS_BACK = new Set(['following', 'further', 'above', 'before', 'earlier', 'previously', 'again', 'mentioned', 'discussed']);
function pointsBackOnly(toks: string[]): string[] | null {
  // "thx for the help earlier" thanks; it asks nothing.
  if (!toks.some((t) => REFERS_BACK.has(t)) || toks.some((t) => THANKS.has(t))) return null;
  return toks.every((t) => FILLER.has(t) || SOFT.has(t) || isStopWord(t) || REFERS_BACK.has(t)) ? toks.filter((t) => REFERS_BACK.has(t)) : null;
}

/**
 * Round eight: torn in the customer's own words when no intent reads either way: "i want to send it back or maybe just
 * change where it goes, not sure". The words before and after "or" each ask for something (concepts) and share
 * nothing, so they are two requests, not one request with two options ("card or paypal" is one question about paying,
 * and a question opener makes it a clear question anyway, see undecided).
 */
function tornInWords(toks: string[], text: string): [string, string] | null {
  // Indecision said in words (maybe, not sure, idk), not a question offering two options ("can it be charged by USB or
  // is it batteries", "30 days from delivery or from purchase?").
  if (text.includes('?') || !toks.some((t, i) => t === 'maybe' || t === 'perhaps' || t === 'idk' || t === 'dunno' || t === 'unsure' || (t === 'not' && toks[i + 1] === 'sure'))) return null;
  const at = toks.indexOf('or');
  if (at < 1 || at >= toks.length - 1) return null;
  const left = toks.slice(0, at).join(' ');
  const right = toks.slice(at + 1).join(' ');
  const a = questionConcepts(left);
  const b = questionConcepts(right);
  if (a.length === 0 || b.length === 0 || a.some((c) => b.includes(c))) return null;
  return [left, right];
}

/** Whether the customer is choosing between readings ("my bill or my return", "not sure which"), not asking one clear question. */
function undecided(toks: string[]): boolean {
  let hedge = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t === 'or' || t === 'maybe' || t === 'perhaps' || t === 'idk' || t === 'dunno' || t === 'unsure' || t === 'either') hedge = true;
    if (t === 'not' && toks[i + 1] === 'sure') hedge = true;
  }
  if (!hedge) return false;
  // "Do you send tracking updates by text or by email?" is one clear question with two options.
  let first = 0;
  while (first < toks.length && (FILLER.has(toks[first]) || toks[first] === 'and' || toks[first] === 'but')) first++;
  return !QUESTION_OPENERS.has(toks[first] ?? '');
}

/** Learned vague score at or above which a first unusable message is too vague (see detectLowConfidence). */
export const VAGUE_MIN = 0.95;
/** A pleased remark ("Good morning, hope all's well", "the jacket fits well") is no vague request. */
const CONTENT = 0.6;
/** Only short messages: a long first message says what it is about somewhere. */
const VAGUE_MAX_WORDS = 12;

/**
 * Session 17 (escconv): a first message that names nothing. Every word is a closed-class word (a function word, a
 * pronoun, a time or place reference, a filler, a vague noun, indecision, a word asking after a state) or at most one
 * broad area of the shop, and at least one of them points at something ("last time", "hm that", "so what now", "the
 * return one?"): no word says what the customer wants, and nothing was said before for the pointer to point at.
 */
const POINTERS = new Set(['it', 'that', 'this', 'one', 'what', 'whats', 'same', 'last', 'before', 'earlier', 'mine', 'hers', 'his', 'theirs', 'ours', 'yours',
  'those', 'these', 'them', 'they', 'ones', 'thats', 'other', 'another', 'again', 'previous', 'previously', 'now', 'then', 'there']);
const UNFINISHED = new Set(['and', 'or', 'but', 'if', 'so', 'the', 'a', 'an', 'my', 'to', 'of', 'with', 'for', 'about', 'because', 'cos', 'when', 'is', 'was']);
/**
 * Verbs that say what to do with a thing but not what it is ("can you check it", "please look at my case", "wanted
 * to see about that"): with only pointers for an object they name nothing either.
 */
const LIGHT_VERBS = new Set(['check', 'checking', 'look', 'looking', 'see', 'handle', 'deal', 'wanted', 'wants', 'asking', 'ask']);
/**
 * One- and two-letter words that name nothing: fillers and text spellings of pronouns ("um", "ok", "u", "ur"). Not every
 * short word: "tv", "pc", "xl" name a product or a size ("what about the tv", "do you do that in xl?").
 */
const SHORT_FILLERS = new Set(['a', 'i', 'u', 'r', 'y', 'n', 'k', 'x', 'um', 'hm', 'mm', 'eh', 'ah', 'oh', 'uh', 'er', 'ok', 'ur', 'ya', 'ye', 'yo', 'im', 'id', 'so', 'no', 'hi', 'ha', 'lo', 'wt', 'wb', 'em', 'ta', 'an', 'am', 'as', 'at', 'be', 'by', 'do', 'go', 'he', 'if', 'in', 'is', 'it', 'me', 'my', 'of', 'on', 'or', 'to', 'up', 'us', 'we', 'ma', 'mi', 'wi', 'ae', 'ay', 'oo', 'aw', 'yr', 'da', 'de', 'th', 'ni', 'ne']);
function namesNothing(toks: string[], facts: TurnFacts): string[] | null {
  if (toks.length === 0 || toks.length > 8 || toks.some((t) => THANKS.has(t)) || asksNothing(facts.analysis)) return null;
  // A message cut off before its point ("and then if", "so the"): a word that needs what follows ends it. An unfinished
  // fragment is a fallback (the customer goes on), not a reference to something earlier.
  if (UNFINISHED.has(toks[toks.length - 1])) return null;
  let areas = 0;
  const pointers: string[] = [];
  let status: string | null = null;
  // A state word asked after ("any update?", "is it done") points at something; said ("sorted now") it reports one.
  const asks = facts.text.includes('?') || ASKS.has(toks.find((t) => !FILLER.has(t)) ?? '');
  for (const t of toks) {
    if (AREAS.has(t)) { if (++areas > 1) return null; continue; }
    if (POINTERS.has(t)) pointers.push(t);
    else if (STATUS.has(t)) { if (!asks) return null; status ??= t; }
    else if (!(isStopWord(t) || FILLER.has(t) || SOFT.has(t) || VAGUE_NOUNS.has(t) || HEDGES.has(t) || REFERS_BACK.has(t) || LIGHT_VERBS.has(t) || SHORT_FILLERS.has(t))) return null;
  }
  // Asked after with no area named ("any news?", "update?"), a state word presupposes a thing never named: it points too
  // ("has my order gone out yet" asks after the order).
  if (status !== null && areas === 0) pointers.push(status);
  return pointers.length > 0 ? pointers : null;
}

export function detectLowConfidence(facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory): Signal | null {
  const intent = facts.intent;
  if (intent === null) return null;
  const threshold = policy.lowConfidence.threshold;
  const toks = canonicalTokens(facts.analysis);
  const short = toks.length > 0 && toks.length <= 20;
  // Nothing asked before: a pronoun or "following up" has nothing to point at.
  const fresh = memory.recent.length === 0;
  // A closing "thank you" after a vague message adds nothing ("it's about the parcel thing. Thank you").
  const end = toks.length > 3 && toks[toks.length - 1] === 'you' && toks[toks.length - 2] === 'thank' ? toks.length - 2 : toks.length > 3 && THANKS.has(toks[toks.length - 1]) ? toks.length - 1 : toks.length;
  const body = end < toks.length ? toks.slice(0, end) : toks;
  const vague = short ? (vagueWords(body, fresh && !toks.some((t) => THANKS.has(t))) ?? (fresh ? statusOfNothing(toks, facts.text) ?? pointsBackOnly(toks) : null)) : null;
  // The three vague readings below give one kind of signal: its evidence and why.
  const vagueSignal = (evidence: string[], explanation: string) => ({ reason: 'low_confidence' as const, score: VAGUE_SCORE, threshold, evidence, turn: facts.turn, explanation });
  if (vague !== null) return vagueSignal(vague, `The message is too vague to tell what the customer wants (only ${vague.map((w) => `"${w}"`).join(', ')}).`);
  // Session 9: a first message the bot could not use that reads as vague by the learned score (inDomain/vagueScore:
  // first messages of low-confidence conversations against every other message, word and character n-grams), for the
  // vague words no list has ("the ting wit my order", "Kindly check my matter", "please do the needful for my item").
  // Words only (no order number, which names the order; no other script, which the bot cannot read at all), two or
  // more, no thanks and nothing that asks nothing (detectRepeatedFallback.asksNothing), not a pleased remark; language,
  // not a key mash ("qwzx vbnm": a word without a vowel, no function word at all), which is a fallback.
  if (fresh && facts.fallback && toks.length >= 2 && toks.length <= VAGUE_MAX_WORDS && !facts.text.includes('?') &&
    toks.every((t) => /^[a-z]+$/.test(t) && /[aeiouy]/.test(t)) && toks.some((t) => isStopWord(t)) && !toks.some((t) => THANKS.has(t)) && !asksNothing(facts.analysis) &&
    effectiveSentiment(facts.analysis).score < CONTENT) {
    const v = vagueScore(facts.analysis);
    if (v >= VAGUE_MIN) {
      return vagueSignal(
        [`vague ${v.toFixed(2)}`],
        `The message is too vague to tell what the customer wants (it reads like the vague first messages the bot was trained on: score ${v.toFixed(2)} >= ${VAGUE_MIN}).`,
      );
    }
  }
  // The customer's first typed message (turn 0, or 1 after the menu's button): nothing asked, understood or missed
  // before it. (A handoff, and the clarifying question that stands for one, empties the memory: the turn tells.)
  const first = facts.turn <= 1 && fresh && memory.fallbacksInRow === 0 && (memory.intents?.length ?? 0) === 0;
  const nothing = first && facts.fallback ? namesNothing(toks, facts) : null;
  if (nothing !== null) {
    return vagueSignal(nothing, `The first message names nothing the bot could act on: every word only points at something never said (${nothing.map((w) => `"${w}"`).join(', ')}), and the bot could not place it.`);
  }
  if (intent.intentId === null || !(intent.confidence < threshold)) return null;
  // A long message shares a few words with several intents by chance ("I got it Monday, thanks, the
  // delivery was quick"): two partial readings there are not a customer torn between two requests.
  if (toks.length > TORN_MAX_WORDS) return null;
  // Two partial readings of a clear question ("what days are you closed?") are the matcher's doubt, not the
  // customer's: the bot answers or falls back. Only a customer who is choosing is torn.
  if (!undecided(toks)) return null;
  const [best, second] = intent.ranking;
  if (best === undefined || second === undefined || best.score < MIN_PARTIAL || second.score < TORN_RATIO * best.score) {
    const sides = tornInWords(toks, facts.text);
    if (sides === null) return null;
    return {
      reason: 'low_confidence',
      score: Math.max(0, Math.min(1, 1 - intent.confidence)),
      threshold,
      evidence: sides,
      turn: facts.turn,
      explanation: `The customer cannot decide between two requests ("${sides[0]}" or "${sides[1]}"), and no intent fits (confidence ${intent.confidence.toFixed(2)} < ${threshold}).`,
    };
  }
  const conf = intent.confidence.toFixed(2);
  return {
    reason: 'low_confidence',
    score: Math.max(0, Math.min(1, 1 - intent.confidence)),
    threshold,
    evidence: [best.intentName, second.intentName, conf],
    turn: facts.turn,
    explanation: `Low intent confidence: "${best.intentName}" (${best.score.toFixed(2)}) and "${second.intentName}" (${second.score.toFixed(2)}) fit about equally, confidence ${conf} < ${threshold}.`,
  };
}
