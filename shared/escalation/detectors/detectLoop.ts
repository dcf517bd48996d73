/**
 * loop: the conversation goes round in circles. Either the customer asks the same question
 * `policy.loop.count` times in all (this message plus earlier ones in `memory.recent`), or says so
 * ("that's not what I asked", "you're not listening"). Two messages are the same question when what they
 * ask about is the same: the Dice overlap of their `questionConcepts` (content-word stems with synonyms
 * folded, typos tolerated) is >= `policy.loop.similarity`, so "how much is delivery to Norway?" and
 * "what's the delivery cost to Norway?" are one question while "are you open on Saturday?" and "are you
 * open on Sunday?" are two, although their letters are 88% alike. Messages with fewer than 2 concepts
 * ("where is my ordr", "my order, where is it") say too little for that and are compared with the NLU
 * `similarity` of the texts instead (typos, word order).
 * Messages under 3 words ("yes", "no", "ok") never count as repeats: customers legitimately say them over
 * and over. Button clicks in between do not break a loop (the engine keeps `memory.recent` across them).
 */
import { acknowledgedFirst, pleasantry, signsOffOnly, valediction } from './detectRepeatedFallback';
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';
import { similarity } from '../../nlu/similarity';
import { canonicalTokens, canonicalizeTokens, hasGateWord, joinedTokens, paddedTokens, tokenGate } from '../canonicalTokens';
import { mayBeSimilar } from '../mayBeSimilar';
import { phraseMatcher } from '../phraseMatcher';
import { analysisConcepts, conceptMatches, conceptOverlap, isTrackingQuestion, questionConcepts, questionType } from '../questionConcepts';
import { SAME_REQUEST_THRESHOLD, askedAgainByModel, type SameRequestLink } from '../sameRequest/sameRequest';
import { EMOJI_ONLY, IN_SHOP_REQUEST, TAKEN_AS_ANSWER, didNotFit, intentEntry, noIntent, offTopicMissInStreak } from '../intentMemory';
import { inDomainScore } from '../inDomain/inDomainScore';
import { BARE_REPLY, FILLER } from '../../nlu/bareReplies';
import { onlyCourtesy } from '../../nlu/courtesy';
import { normalizeText } from '../../nlu/normalizeText';
import { shopConceptClasses } from '../sameRequest/shopConcepts';

/** Complaints that the bot is looping, as canonical token strings (contractions spelled out). */
const LOOP_PHRASES = [
  'not what i asked', 'not what i am asking', 'not what i was asking', 'not my question', 'you are not listening',
  'you do not listen', 'you never listen', 'you are not understanding', 'you do not understand me',
  'you already said that', 'you said that already', 'you already told me', 'you just said that', 'i already told you',
  'i told you already', 'i have already told you', 'already told you', 'i already said', 'i just said', 'i already asked',
  'i just asked', 'answer my question', 'answer the question', 'same answer', 'same thing again', 'same reply',
  'same response', 'you keep saying', 'keep repeating', 'repeating yourself', 'stop repeating', 'going in circles',
  'go in circles', 'round in circles', 'around in circles', 'going nowhere', 'read my question', 'did not answer my',
  'does not answer my', 'not answering my', 'you are not answering', 'not what i said', 'that is not what i meant',
  // Softened and non-native forms of the same complaint.
  'not quite what i asked', 'not really what i asked', 'not exactly what i asked', 'that not what i ask', 'is not what i ask',
  'not what i ask for', 'not my question', 'you not answer', 'you no understand', 'you not understand', 'that was not my question',
  'wrong answer', 'not the answer i', 'you misunderstood', 'you misunderstand', 'u not listening', 'not listening to me',
  'answered something else', 'answered a different question', 'answering something else', 'answered the wrong', 'my question was about',
  'my question was not', 'that does not answer', 'that did not answer', 'did not answer that',
  // Session 27 (loops): the bot answered another question ("You have told me about something else").
  'told me about something else', 'telling me about something else', 'talking about something else', 'answering a different question',
];
const findLoopPhrase = phraseMatcher(LOOP_PHRASES);
/** The "that's not what I asked" family as a grammar: any softener, any tense of asking / meaning / wanting. */
const NOT_WHAT_I_ASKED =
  /(?:^| )not (?:quite |really |exactly |at all |even |remotely )?(?:what|the thing|the question) i (?:was |am |had |have )?(?:asked|ask|asking|meant|mean|wanted|want|said|wrote|typed|was after|am after|looking for)(?: for| about)?(?:$| )/;
/**
 * The same complaint as a grammar rather than a list of sentences, over canonical tokens (contractions spelled
 * out, "ur" = "your"): who (you / the bot / this chat) + a negation + not answering / listening / reading /
 * understanding the customer; "ignoring my question"; "I have asked this 3 times"; "how many times do I have
 * to ask"; "for the third time"; "you keep giving me the same answer". Each family names the customer's
 * question or the repetition, so "you did not answer the phone" or "I asked for a refund" do not match.
 */
const WHO = '(?:you|u|ya|your|you are|u are|you r|u r|the bot|this bot|bot|this chat|this thing|it|this)';
const NEG = '(?:not|never|still not|do not|did not|does not|can not|will not|are not|is not|have not|has not|still have not|no|still do not|still did not|still are not)';
const HEED = '(?:answer|answering|answered|answers|listen|listening|listened|read|reading|understand|understanding|understood|getting|get|got|hear|hearing|address|addressed|addressing|told|tell|said|say|reply|replied|respond|responded)';
const OBJECT = '(?:me|my question|my questions|my q|the question|my message|what i|a word i|anything i|it|my point|how|when|where|whether|which|what|why|if|to my question|to me|on my question)';
const LOOP_GRAMMAR: RegExp[] = [
  // "you're not listening", "u dont get it", "ur not reading what i wrote", "the bot does not understand me"
  new RegExp(`(?:^| )${WHO} (?:(?:really|even|actually|just|clearly|obviously) )?${NEG} (?:(?:really|even|actually|just|clearly|obviously|even trying to) )?${HEED}(?: ${OBJECT}|$| do you| are you|(?= ?$))`),
  // "you're ignoring my question", "why do you ignore what I ask", "you skipped my question"
  new RegExp(`(?:ignor(?:e|es|ed|ing)|skip(?:ped|ping)?|dodg(?:e|ed|ing)|avoid(?:ed|ing)?) (?:my|the|what i) (?:question|questions|q|ask|asked|said|wrote)`),
  // "I have asked this 3 times", "asked you twice already", "said it twice", "asking the same thing again"
  /(?:^| )(?:asked|asking|ask|said|typed|wrote|written|repeated|told you)(?: you| u)?(?: (?:this|that|it|the same thing|the same question|the same))? (?:twice|three times|3 times|3x|thrice|four times|4 times|multiple times|several times|many times|so many times|a million times|a hundred times|100 times|over and over)/,
  // "how many times do I have to ask", "how many times must I say"
  /how many (?:times|more times) (?:do|must|should|will|have|shall|can) (?:i|we)(?: have)?(?: got)?(?: to)? (?:ask|say|tell|repeat|type|write|explain)/,
  // "for the third time", "3rd time asking", "fourth time i ask"
  /(?:^| )(?:for the (?:third|3rd|fourth|4th|fifth|5th|nth|umpteenth|millionth|hundredth) time|(?:third|3rd|fourth|4th|fifth|5th|nth|umpteenth|millionth|hundredth) time (?:i|i am|asking|now|of asking|that i|i have|i ask))(?:$| )/,
  // "you keep giving me the same answer", "same useless reply again", "the same link every time"
  /(?:keep|keeps|kept) (?:giving|sending|showing|saying|telling|repeating|answering|replying|pointing)|same (?:(?:\w+) )?(?:answer|answers|reply|replies|response|responses|message|link|menu|options|script|text|stuff|canned)(?: (?:again|every time|over and over|each time|twice|\w+ times)|$)/,
  // Round six, "that is not an answer": "that isn't an answer (to my question)", "that's no answer", "not an answer at all"
  /(?:^| )(?:that|this|it|which) (?:is|was) (?:not|no|hardly) (?:an |a |the |any )?(?:answer|reply|response)(?:$| to| at all| i| for)/,
  // "read (again / what I wrote / my message properly)", "please read my message again", "scroll up"
  // (an order: at the start or after please / can you / just, so "I read again the terms" is not one)
  /(?:^|please |pls |plz |can you |could you |just |did you |do you even |you did not |you do not )(?:read|reread|re read) (?:my (?:message|messages|question|text|msg)|what i (?:wrote|write|said|asked|typed|sent)|it again|again|properly|carefully)|^scroll up(?:$| )/,
  // "you (may have / must have / have) misunderstood (me)", "you got me wrong", "you misread"
  /(?:^| )(?:you|u|the bot) (?:(?:may|might|must|seem to|have|clearly|obviously) )*(?:have )?(?:misunderstood|misunderstand|misread|got me wrong|got it wrong|confused my)/,
  // "I did not ask about returns", "i never asked for the policy", "I didn't ask that": the answer was to another question
  // (a contrast: what the bot answered, then what was asked; "I did not ask for gift wrap but it came wrapped" is not one)
  /(?:^| )i (?:did not|never|have not) (?:ask|asked|ask you) (?:about|for|that|this|how|what|if|whether)\b.*\bi (?:asked|want|wanted|need|needed|am asking|was asking|only asked|just asked)\b/,
  // "the reply is not related to my query", "your answer is irrelevant to my question", "that has nothing to do with what I asked"
  /(?:answer|reply|response|that|this|it) (?:is|was) (?:not (?:related|relevant)|irrelevant|unrelated) to (?:my|the) (?:query|question|message|request)|(?:has|had) nothing to do with (?:my (?:query|question|message|request)|what i (?:asked|said|wrote))/,
  // "I literally just wrote ...", "I wrote before", "I already wrote", "see my (last|previous) message"
  /(?:^| )i (?:literally |just |already |have already )+(?:wrote|written|typed|said|asked)|(?:^| )(?:see|check) my (?:last|previous|first|earlier) (?:message|question|msg)/,
  // Session 27 (loops): "I did not ask that", "??? didnt ask that", "You are telling me about returns, I did not ask that"
  // (the answer was to another question; "I did not ask for that" may be about goods sent, so "for" is not in it).
  /(?:^| )(?:i )?(?:did not|never|have not) (?:ask|asked) (?:you )?(?:that|this|about that|about this|that question|this question|about it)(?:$| (?:i|you|please|my|the|what|at all|though|mate)(?: |$))/,
];
/**
 * Session 10: words each family of LOOP_GRAMMAR cannot match without (one of them appears in any text it matches), so a
 * message lacking all of them skips that family's scan (most messages lack most: a 60-word letter was scanned 12 times).
 */
const LOOP_GRAMMAR_NEEDS: readonly (readonly string[])[] = [
  ['no', 'never'],
  ['ignor', 'skip', 'dodg', 'avoid'],
  ['twice', 'times', '3x', 'thrice', 'over and over'],
  ['how many'],
  ['time'],
  ['keep', 'kept', 'same'],
  ['answer', 'reply', 'response'],
  ['read', 'scroll up'],
  ['mis', 'got me wrong', 'got it wrong', 'confused my'],
  ['ask'],
  ['relat', 'relevant', 'nothing to do with'],
  ['literally ', 'just ', 'already ', 'see my ', 'check my '],
  ['ask'],
];
// (Session 24, speed: a loop, no closure made per family and message.)
function mayMatch(joined: string, needs: readonly string[]): boolean {
  for (let i = 0; i < needs.length; i++) if (joined.includes(needs[i])) return true;
  return false;
}
/** The first loop complaint of the grammar in canonical tokens, as the matched words, or null. */
export function loopComplaint(tokens: readonly string[]): string | null {
  const joined = joinedTokens(tokens);
  for (let i = 0; i < LOOP_GRAMMAR.length; i++) {
    if (!mayMatch(joined, LOOP_GRAMMAR_NEEDS[i])) continue;
    const m = LOOP_GRAMMAR[i].exec(joined);
    if (m) return m[0].trim();
  }
  return null;
}
/**
 * Markers of asking again in other words ("to put it another way", "once more", "I meant"): a loop when
 * the customer has already asked at least twice before (the re-asking is then the third time).
 */
const REPHRASE_PHRASES = [
  'to put it another way', 'in other words', 'once more', 'one more time', 'i meant', 'what i meant', 'what i am trying to ask',
  'what i am asking', 'i am asking about', 'i am asking', 'i asked', 'i am still not clear', 'still not clear', 'not sure i follow',
  'let me ask again', 'asking again', 'ask again', 'again my question', 'i repeat', 'repeat my question', 'just to ask once more',
  'not quite what i asked', 'not what i ask', 'that not what i ask', 'i ask where', 'i ask you', 'one last time', 'for the third time',
  'third time', 'for the last time',
  // Exasperated re-asking: "i mean can i give the courier cash", "Belgium delivery is possible yes or no?".
  'i mean', 'yes or no', 'simple question', 'still waiting for an answer', 'still no answer',
];
const findRephrase = phraseMatcher(REPHRASE_PHRASES);
/**
 * Asking again, as a grammar (with the earlier questions, like REPHRASE_PHRASES): "I asked about the blender
 * stock", "i said WHEN", "as I said", "i write this already", "asked alrdy", "My question remains", "still waiting
 * on that", "I must ask again", "I would appreciate an answer regarding...", "I am still asking", "i ask three time
 * now". Only a loop when the message also names something the earlier questions named, or names nothing new
 * (see detectLoop), so "I asked for a gift receipt" after two unrelated questions is not one.
 */
const BACK_TO_QUESTION = /(?:^| )(?:back|coming back|going back|getting back|returning|reverting|return|revert|go back|come back) to (?:my|the) (?:first |original |earlier |previous |initial |other |main |1st )?(?:question|query|point|request|enquiry|inquiry)/;
const GOING_BACK = new Set(['back', 'returning', 'reverting', 'return', 'revert']);
const GOING_BACK_GATE = tokenGate(GOING_BACK);
const ASK_AGAIN: RegExp[] = [
  /(?:^| )(?:i|i have|i had) (?:already |just |literally |clearly |did |have )?(?:asked|ask|said|wrote|write|typed|mentioned|requested)(?: (?:you|u))?(?: (?:about|this|that|it|whether|if|when|where|what|how|which|for|already|alrdy|before|earlier|again|twice|three time|3 time|\w+ times?))/,
  /(?:^| )as i (?:said|asked|wrote|mentioned|typed)/,
  /(?:^| )(?:already|alrdy|alr|before) (?:asked|said|wrote)|(?:asked|said|wrote|write) (?:this |that |it )?(?:already|alrdy|alr|before)(?:$| )/,
  /(?:^| )my question (?:remains|stands|still|is still|was|once again|again|concerns|is about|regarding|about)/,
  // Round eight: back to the earlier question after another one ("back to my question", "returning to my query",
  // "reverting to my first question").
  BACK_TO_QUESTION,
  /(?:^| )(?:still|am still|i am still) (?:waiting|asking|wondering|do not know|have no answer|have not heard|no answer|no reply)/,
  /(?:^| )(?:must|have to|need to|will|let me|i will|i shall|going to) ask (?:again|once more|you again|one more time)|(?:^| )once again(?:$| )|(?:^| )(?:ask|asking) (?:you )?again/,
  /(?:appreciate|like|want|need|get|still waiting for|waiting on) (?:an |a |any |some )?(?:answer|reply|response)(?: (?:to|on|about|regarding|re|for))?/,
];
/** Session 10: words each family of ASK_AGAIN cannot match without (see LOOP_GRAMMAR_NEEDS); BACK_TO_QUESTION is gated below. */
const ASK_AGAIN_NEEDS: readonly (readonly string[])[] = [
  ['ask', 'said', 'wrote', 'write', 'typed', 'mentioned', 'requested'],
  ['as i '],
  ['alr', 'before'],
  ['my question'],
  [' '],
  ['still'],
  ['ask', 'once again'],
  ['answer', 'reply', 'response'],
];
function askAgainMarker(tokens: readonly string[]): string | null {
  const joined = joinedTokens(tokens);
  for (let i = 0; i < ASK_AGAIN.length; i++) {
    const re = ASK_AGAIN[i];
    // The back-to-my-question family needs "to" and a word of going back (most messages have neither).
    if (re === BACK_TO_QUESTION && !(tokens.includes('to') && hasGateWord(tokens, GOING_BACK_GATE))) continue;
    if (!mayMatch(joined, ASK_AGAIN_NEEDS[i])) continue;
    const m = re.exec(joined);
    if (m) return m[0].trim();
  }
  return null;
}
/** Whether the message is about something an earlier question was about, or names nothing of its own. */
function linkedToEarlier(concepts: string[], recent: readonly string[]): boolean {
  if (concepts.length === 0) return true;
  return recent.some((earlier) => questionConcepts(earlier).some((c) => concepts.includes(c)));
}

/**
 * Round seven: the customer corrects what the bot understood, without a negative word ("I meant express", "that's the
 * price list. I asked about weight", "I enquired about dimensions, not the price", "again, the colour, not the size",
 * "the note's the bit I'm after, not the wrapping", "my question was about the invoice, not the shipping"), or says
 * the question was skipped or is still open ("you sort of skipped that one", "my question is still pending").
 * A "what I asked / meant" clause must contrast with something ("..., not Y") or name a subject of one of the last
 * two questions, so a slip ("sorry, I meant Tuesday" after a question about Monday) or a story ("I asked my
 * neighbour to take it in") is not a loop.
 */
const CORRECTION = / (?:i (?:meant|asked|ask|am asking|was asking|enquired|inquired|was after|am after|was talking about|am talking about)|is the (?:bit|part|thing) i am after|(?:my |the )?question (?:was|is) about) /;
/**
 * Session 27 (loops): what the bot answered named first, then what was asked ("That is about the oven, I asked about the
 * microwave", "this is for returns, I was asking about exchanges"): a contrast like "..., not Y".
 */
const ABOUT_OTHER = / (?:that|this|it|your answer|the answer|your reply) (?:is|was) (?:about|for) .*\bi (?:asked|was asking|am asking|meant) /;
const AGAIN_THE = /^ (?:so |ok |okay |no |once )?again the /;
// Session 7: "again the ..." corrects the bot only where it opens the message ("again, the colour, not the size"); inside
// a sentence it is another request ("can I order again the same in blue?").
/** The customer's own slip, not the bot's misreading ("Sorry, I meant 41 Kings Road", "oops I meant Acorn Road"). */
const OWN_SLIP = / (?:sorry|apologies|apologise|apologize|oops|whoops|typo|my bad|my mistake|autocorrect) /;
const OPEN_QUESTION = / (?:skipped (?:that|this|my|the|over)|you skipped|question is still (?:pending|open|unanswered)|still (?:pending|unanswered)|still no answer|still waiting for (?:an|the|my) answer|still have not (?:answered|said)|(?:remains|remain|is|was|went|goes|left) unanswered|(?:has|have|was) not (?:yet )?been answered) /;
/**
 * Round eight: the bot picked the wrong one: "this is not the correct one", "that's not the right one, that's the candle
 * one", "this is still not the kettle order", "this is the other order", "nah wrong one, that's the controller stand".
 * The customer points at what the bot showed (this / that), so it is the bot's mistake; "oh wait wrong one, 99140" (a
 * slip: wait, oops) is the customer's own, and "it's not the right size" is about the goods, not the bot's pick.
 */
const WRONG_PICK = / (?:this|that|it) (?:is|was) (?:still |also )?not the (?:right |correct |same )?(?:[a-z]+ )?(?:one|order) | (?:this|that) is the other (?:one|order) /;
const WRONG_ONE = /^ (?:no |nah |nope |not that one )?(?:the )?wrong (?:one|order) /;
const CORRECTION_WORDS = new Set(['i', 'skipped', 'still', 'again', 'question', 'unanswered', 'answered', 'not', 'other', 'wrong']);
const CORRECTION_GATE = tokenGate(CORRECTION_WORDS);
/** Words before the "no" that opens a correction: interjections, apologies and ways of addressing someone. */
const CONTRAST_LEAD = new Set(['oh', 'ah', 'sorry', 'so', 'hmm', 'um', 'erm', 'uh', 'well', 'but', 'po', 'la', 'ok', 'okay', 'again', 'dear', 'mate', 'maam', 'madam', 'sir', 'love', 'hun', 'bhai', 'bro', 'pal']);
const CONTRAST_OPEN = new Set(['no', 'not', 'nah', 'nope']);
/** Determiners between "not" and what is negated ("not the socks", "not my other order"). */
const CONTRAST_DET = new Set(['the', 'a', 'an', 'my', 'your', 'that', 'this', 'for', 'about', 'on', 'in', 'to', 'any', 'those', 'these']);
/** What "not" also negates in ordinary replies ("no, not yet", "no not really", "not at all", "not sure", "not you"). */
const CONTRAST_SOFT = new Set(['yet', 'really', 'at', 'all', 'sure', 'now', 'today', 'much', 'quite', 'exactly', 'anymore', 'any', 'more', 'too', 'so', 'very',
  'bad', 'worried', 'bothered', 'needed', 'necessary', 'interested', 'happy', 'urgent', 'important', 'a', 'you', 'u', 'i', 'me', 'we', 'it', 'be', 'been',
  'have', 'need', 'want', 'know', 'anything', 'nothing', 'problem', 'worries', 'worry', 'bother', 'fussed', 'mind', 'thanks', 'thank', 'please', 'for', 'one',
  'that', 'this']);
const AUXILIARY = new Set(['do', 'does', 'did', 'can', 'could', 'is', 'are', 'was', 'were', 'will', 'would', 'have', 'has', 'had', 'am', 'should', 'must', 'may', 'might',
  // Session 47 (fe3): "is" / "are" / "am" contracted as typed and normalised ("it's not a big deal" -> "its not").
  'its', 'thats', 'theres', 'heres', 'hes', 'shes', 'im', 'youre', 'theyre', 'whats', 'wheres', 'whos']);
/** Session 47 (fe3): leads that take the bot's answer: "ok (so) not free, how much then" concludes from it, corrects nothing. */
const TAKES_ANSWER = new Set(['ok', 'okay']);
/**
 * Session 8: the customer puts the bot's reading right with a contrast, opening with "no" / "not": "no not the socks, the
 * trousers", "No dear, not the colouring book, the jigsaw puzzle.", "Not address. Day. Friday.", "not delivery, DISPATCH",
 * "no ma'am, the boots, not the umbrella". The message negates one thing (a bare "not", not "I don't need...") and names
 * another, so "No, not yet", "no not really", "No worries" and "No, I don't need anything else" are not corrections. The
 * opening "no" answers what the bot did, so the message must follow an earlier question (recent is not empty).
 */
function contrastCorrection(toks: readonly string[], analysis: TextFacts): string | null {
  // Session 47 (fe3): what is negated ends with its clause ("not size, material": "material" is what is wanted, not a
  // second word of what is negated; "not a problem if not, saturday is fine": the second "not" negates nothing).
  const clause = clauseIndexOf(analysis, toks);
  const sameClause = (a: number, b: number) => clause === null || clause[a] === clause[b];
  let i = 0;
  while (i < toks.length && CONTRAST_LEAD.has(toks[i])) i++;
  if (i >= toks.length || !CONTRAST_OPEN.has(toks[i])) return null;
  // "ah ok not the Isle of Man", "okay so not amazon": a bare "not" after an acknowledgement concludes from the answer
  // ("ok no, not the socks" still corrects it).
  if (toks[i] === 'not' && toks.slice(0, i).some((t) => TAKES_ANSWER.has(t))) return null;
  for (let k = i; k < toks.length; k++) {
    if (toks[k] !== 'not' || (k > 0 && AUXILIARY.has(toks[k - 1]))) continue;
    let x = k + 1;
    while (x < toks.length && CONTRAST_DET.has(toks[x]) && sameClause(k, x)) x++;
    if (x >= toks.length || !sameClause(k, x) || CONTRAST_SOFT.has(toks[x]) || /^\d+$/.test(toks[x])) continue;
    // Something else is named besides what is negated (the thing the customer wants instead).
    const negated = new Set(questionConcepts(toks[x]));
    if (x + 1 < toks.length && sameClause(x, x + 1)) for (const c of questionConcepts(toks[x + 1])) negated.add(c);
    const lead = new Set(toks.slice(0, i).flatMap((t) => questionConcepts(t)));
    const wanted = analysisConcepts(analysis).filter((c) => !negated.has(c) && !lead.has(c) && !/^\d+$/.test(c));
    if (wanted.length === 0) continue;
    return toks.slice(i, Math.min(toks.length, x + 4)).join(' ');
  }
  return null;
}
/**
 * Session 47 (fe3): where the customer's clauses break (a comma, a full stop, a question or exclamation mark, a colon or
 * semicolon, a bracket, a dash between spaces), read on the text as typed: each canonical token's clause number, or null
 * when the message is one clause or its clauses' words do not line up with the message's own tokens.
 */
const CLAUSE_BREAK = /[,.;:!?()\u2013\u2014]+|\s-+\s/;
const CLAUSE_BREAK_ANY = /[,.;:!?()\u2013\u2014]|\s-+\s/;
function clauseIndexOf(analysis: TextFacts, toks: readonly string[]): number[] | null {
  if (!CLAUSE_BREAK_ANY.test(analysis.text)) return null;
  const out: number[] = [];
  let n = 0;
  for (const part of analysis.text.split(CLAUSE_BREAK)) {
    const normalized = normalizeText(part);
    if (normalized === '') continue;
    for (const t of canonicalizeTokens(normalized.split(' '))) {
      if (toks[out.length] !== t) return null;
      out.push(n);
    }
    n++;
  }
  return out.length === toks.length && n > 1 ? out : null;
}
/** A condition or a case the customer supposes ("if not", "unless", "in case"): a "not" there corrects nothing. */
const SUPPOSED = / (?:if|unless|whether|when|in case|otherwise) /;
/** Words around a short contrast that name nothing wanted ("please", "just", "only", "again", "obviously", "lol"). */
const CONTRAST_FILLER = new Set(['please', 'pls', 'plz', 'just', 'only', 'again', 'obviously', 'lol', 'haha', 'mate', 'thanks', 'thank', 'you', 'then', 'try', 'i', 'mean', 'said', 'asked', 'want', 'need', 'the', 'a', 'an', 'my', 'is', 'it', 'am', 'on', 'for', 'about']);
/** clauseContrast reads messages of up to this many words: a longer one tells more than a correction. */
const MAX_CONTRAST_WORDS = 14;
/** Two different words of 5+ letters with the same first five letters ("delivery" / "deliverance"): one word spelled two ways. */
function spelledOtherwise(a: string, b: string): boolean {
  return a !== b && a.length >= 5 && b.length >= 5 && a.slice(0, 5) === b.slice(0, 5);
}
/**
 * Whether a contrast corrects the bot's reading of the customer's last askings (the last two kept): what is negated is
 * not named in them, and what is wanted is (a concept, or a shop topic of sameRequest/shopConcepts.ts).
 */
function contrastLinked(negated: readonly string[], wanted: readonly string[], wantedText: string, recent: readonly string[]): boolean {
  const last = recent.slice(-2);
  const earlier = last.flatMap((e) => questionConcepts(e));
  const named = (c: string) => earlier.some((e) => e === c || conceptMatches(c, e));
  if (negated.some(named)) return false;
  if (wanted.some(named)) return true;
  const topics = shopConceptClasses(wantedText);
  return topics !== 0 && last.some((e) => (shopConceptClasses(e) & topics) !== 0);
}
/**
 * Session 47 (fe3, issue 11): a short correction made of clauses, one of them "not" and a thing, another naming the thing
 * wanted: "material. not size", "jersey. not the uk mainland", "not payment methods, the code", "PO Box address, not
 * street", "add to existing order, not new order", "company invoice, not receipt for person". contrastCorrection reads
 * the message that opens with "no" / "not" and names anything else; this one reads a "not" that opens any clause, and
 * asks more, since the customer's own words often say "not" of a thing in passing: the thing negated is not in the
 * customer's own last askings (else they put their own words right: "the blue throw ..." / "not the blue one, the green
 * one"), the thing wanted is (a concept, or a shop topic of sameRequest/shopConcepts.ts: "material" after "is it 100%
 * wool"), and the message supposes nothing ("if not"), is no slip of the customer's own ("sorry, size 4 not 3"), does
 * not take an answer first ("great. not bad at all") and has at most MAX_CONTRAST_WORDS words.
 */
function clauseContrast(toks: readonly string[], analysis: TextFacts, recent: readonly string[]): string | null {
  if (toks.length > MAX_CONTRAST_WORDS || toks.length < 3) return null;
  const clause = clauseIndexOf(analysis, toks);
  if (clause === null) return null;
  const padded = paddedTokens(toks);
  if (OWN_SLIP.test(padded) || SUPPOSED.test(padded) || acknowledgedFirst(analysis) !== null) return null;
  for (let k = 0; k < toks.length; k++) {
    if (toks[k] !== 'not') continue;
    // "not" opens its clause (after "no" and ways of addressing someone only).
    let j = k - 1;
    while (j >= 0 && clause[j] === clause[k] && (CONTRAST_LEAD.has(toks[j]) || CONTRAST_OPEN.has(toks[j]))) j--;
    if (j >= 0 && clause[j] === clause[k]) continue;
    let x = k + 1;
    while (x < toks.length && clause[x] === clause[k] && CONTRAST_DET.has(toks[x])) x++;
    if (x >= toks.length || clause[x] !== clause[k] || CONTRAST_SOFT.has(toks[x]) || /^\d+$/.test(toks[x])) continue;
    const negatedWords: string[] = [];
    const wantedWords: string[] = [];
    for (let y = 0; y < toks.length; y++) {
      if (clause[y] === clause[k]) { if (y >= x) negatedWords.push(toks[y]); }
      else if (!CONTRAST_FILLER.has(toks[y]) && !CONTRAST_LEAD.has(toks[y]) && !CONTRAST_OPEN.has(toks[y])) wantedWords.push(toks[y]);
    }
    // "the blue jacket, not the black one": "one" stands for the thing wanted, so two values of it, a detail (session 8).
    if (negatedWords.includes('one') || negatedWords.includes('ones')) continue;
    const negated = questionConcepts(negatedWords.join(' ')).filter((c) => !/^\d+$/.test(c));
    const wantedText = wantedWords.join(' ');
    const wanted = questionConcepts(wantedText).filter((c) => !/^\d+$/.test(c));
    if (negated.length === 0 || wanted.length === 0) continue;
    // A word negated that another word of the message spells differently puts a spelling right ("for free delivery? not
    // deliverance lol"), not the bot's reading.
    if (negatedWords.some((a) => toks.some((b) => spelledOtherwise(a, b)))) continue;
    if (!contrastLinked(negated, wanted, wantedText, recent)) continue;
    return toks.slice(k, Math.min(toks.length, x + 3)).join(' ');
  }
  return null;
}
function correction(toks: readonly string[], analysis: TextFacts, recent: readonly string[]): string | null {
  if (!hasGateWord(toks, CORRECTION_GATE)) return null;
  // Session 27 (loops): with no earlier question kept (the conversation reached the bot mid-way, or the earlier asking was a
  // button), only a contrast between what was asked and what the bot answered says the bot answered something else by
  // itself ("I asked when the sofa will be delivered, not how to assemble it", "Question is about exchange, not refund").
  if (recent.length === 0) return contrastOfAsking(toks);
  const contrast = toks.includes('not') ? contrastCorrection(toks, analysis) ?? clauseContrast(toks, analysis, recent) : null;
  if (contrast) return contrast;
  const joined = paddedTokens(toks);
  const open = OPEN_QUESTION.exec(joined);
  if (open) return open[0].trim();
  // The wrong pick names "one" or "order" ("not the right one", "this is the other order").
  const pick = toks.includes('one') || toks.includes('order')
    ? WRONG_PICK.exec(joined) ?? (OWN_SLIP.test(joined) || / wait /.test(joined) ? null : WRONG_ONE.exec(joined))
    : null;
  if (pick) return pick[0].trim();
  const m = CORRECTION.exec(joined) ?? (toks.includes('again') ? AGAIN_THE.exec(joined) : null);
  if (!m || OWN_SLIP.test(joined)) return null;
  // "I meant X" corrects the bot only with a contrast ("..., not Y", "that's Y though, I meant X"); otherwise it is
  // the customer correcting their own words.
  const meant = m[0] === ' i meant ';
  const after = joined.slice(m.index + m[0].length - 1);
  if (/ not (?:the |a |an |for |about |in |on |to )?\w/.test(after) || / though /.test(joined) || ABOUT_OTHER.test(joined)) return m[0].trim();
  if (meant) return null;
  const subject = analysisConcepts(analysis).filter((c) => !/^\d+$/.test(c));
  return subject.length > 0 && recent.slice(-2).some((earlier) => questionConcepts(earlier).some((c) => subject.includes(c))) ? m[0].trim() : null;
}

/**
 * Session 27 (loops): an asking that opens by saying it restates the one before it, in the customer's own words: "no I mean
 * the code", "Naw I mean does it go past yer bum", "What I mean is, can the address be a different one", "Put differently,
 * when will the money be back", "To clarify: may we pay thirty days after", "Basically: is a gift card valid online",
 * "like how many days", "like an actual place I can drive to". Only at the opening (after a no / oh / ok and ways of
 * addressing someone), so "I would like to..." or "what I mean to buy" inside a sentence is not one; "like it" / "like
 * this" / "like that" (liking, or pointing) and "like what?" (asking for examples) are not either. The customer's own slip ("sorry, I meant 41 Kings Road",
 * "oops I mean Acorn Road") puts right their own words, not the bot's reading (OWN_SLIP, tested by the callers).
 */
const RESTATED =
  /^(?:(?:no|naw|not|oh|ah|um|erm|hmm|ok|well|again|po|la|dear|mate|sir|maam|madam|bro|pal|bhai|ji|kak|so) )*(?:i mean|i meant|what i (?:mean|meant|am asking|was asking|want to know|wanted to know|wish to know|would like to know|need to know|am trying to (?:ask|say|find out)|mean to (?:ask|ascertain|find out|say|know))|(?:to put it|put) (?:another way|differently|simply)|in other words|to clarify|to be clear|let me rephrase|my question is|basically|like(?! (?:it|this|that|them|these|those|you|your|yours|very|so|to|a lot|what|which)(?: |$)))(?: |$)/;
const RESTATED_WORDS = new Set(['mean', 'meant', 'put', 'other', 'clarify', 'clear', 'rephrase', 'question', 'basically', 'like']);
const RESTATED_GATE = tokenGate(RESTATED_WORDS);
/** The opening that says this message restates the asking before it (see RESTATED), or null. */
export function restatementOpener(toks: readonly string[]): string | null {
  if (toks.length < 2 || !hasGateWord(toks, RESTATED_GATE)) return null;
  const m = RESTATED.exec(joinedTokens(toks));
  return m ? m[0].trim() : null;
}
/** Whether a kept earlier question (normalised text) opens as a restatement of the one before it, not as the customer's slip. */
function restatesBefore(earlier: string): boolean {
  // The normalised text has contractions and texting spelled out already ("u" is "you"), as the opening's words need.
  return RESTATED.test(earlier) && !OWN_SLIP.test(` ${earlier} `);
}

/** A "what I asked (about)" clause with a contrast ("..., not Y", "that is about X, I asked about Y"), not a slip or "I meant". */
function contrastOfAsking(toks: readonly string[]): string | null {
  const joined = paddedTokens(toks);
  // (Texting drops the "I": "asked bout the battery not the charger".)
  const m = CORRECTION.exec(joined) ?? /^ asked (?:about|for|if|whether|when|where|how|what|which) /.exec(joined);
  // (The present "may I ask whether ..." opens a first question; "I meant" puts the customer's own words right.)
  if (!m || m[0] === ' i meant ' || m[0] === ' i ask ' || OWN_SLIP.test(joined)) return null;
  const after = joined.slice(m.index + m[0].length - 1);
  return / not (?:the |a |an |for |about |in |on |to )?\w/.test(after) || ABOUT_OTHER.test(joined) ? m[0].trim() : null;
}

export const MIN_REPEAT_TOKENS = 3;

/**
 * Whether a message is kept as an earlier question for loop detection: 3+ words, or a 2-word texting-style
 * question that names a subject ("paypal ok?", "delivery price?"). "yes", "ok thanks", "no idea" name none.
 */
export function isRepeatableQuestion(analysis: TextFacts): boolean {
  const n = analysis.tokens.length;
  if (n >= MIN_REPEAT_TOKENS) return true;
  // One word that names a subject ("amex?", "hours?", "tracking!!") is a texting-style question too; round eight: and
  // the tracking question shrunk to its question word ("whr", "where??").
  return (n === 2 || n === 1) && (analysisConcepts(analysis).length >= 1 || isTrackingQuestion(analysis.normalized));
}
type TextFacts = TurnFacts['analysis'];

/** A phone number as typed: digits with spaces, dots, dashes, brackets and a leading + (7 digits or more). */
const TYPED_PHONE = /\+?\(?\d[\d ().-]{5,}\d/gu;
/** What may stand around a contact detail given alone: "my email is", "sorry", "oops", "it's", "try", "here", marks. */
const CONTACT_FRAME = /^(?:\s|[.,!?:;'"()-]|\b(?:my|the|new|correct|right|real|actual|proper|work|personal|e-?mail|mail|address|phone|number|mobile|cell|tel|contact|is|it|it's|its|thats|that's|this|one|here|there|sorry|oops|whoops|typo|try|again|instead|should|be|use|i|meant|mean|ah|oh|ok|okay)\b)*$/iu;

/**
 * Session 47 (lead, newcomer s47 N1): a message that is only a contact detail (an email address, a phone number, with at
 * most "my email is" / "sorry" / "it's" around it) asks nothing. Answering the bot's own retry ("That doesn't look like an
 * email address") with the corrected address after giving one's name read as the name asked three times in more words
 * ("tom", "tom gmail", "tom gmail com"), and the booking was handed to a person.
 */
export function contactDetailOnly(text: string): boolean {
  if (!text.includes('@') && !/\d{3}/u.test(text)) return false;
  // An email address as typed, even a malformed one ("tom@gmail", "jo.baker@gmail,com"): a word with an @ in it.
  const rest = text.split(/\s+/u).filter((w) => !w.includes('@')).join(' ').replace(TYPED_PHONE, ' ');
  if (rest.length >= text.trim().length) return false;
  return CONTACT_FRAME.test(rest);
}
/**
 * Longer messages are compared for exact repeats only: the NLU similarity grows with the square of the
 * length (~250 µs for two 80-word texts), and near-identical long letters are rare while a pasted repeat is exact.
 */
const MAX_FUZZY_TOKENS = 30;

/** Fewer concepts than this ("refund?", "help me") are too little to call two messages the same question. */
const MIN_CONCEPTS = 2;
/**
 * Three in a row on one subject: when the customer's last three questions (this one and the two just before
 * it) each share at least this Dice overlap of concepts with this one, the customer is asking the same thing in
 * other words ("do you take paypal" / "can I pay with paypal or not" / "is paypal an accepted payment
 * method"), even though no single pair reaches `policy.loop.similarity`. Consecutive only: the same subject
 * coming back after other questions is ordinary.
 */
export const CHAIN_SIMILARITY = 0.5;

function sameQuestion(text: string, concepts: string[], earlier: string, threshold: number): boolean {
  const before = questionConcepts(earlier);
  // Round six: generic words (paying, stock, options) are dropped when a message names something specific, so
  // one specific subject asked the same way ("do you take Revolut?" / "can I pay with Revolut") is one question.
  // (Not when the designer asks for exact repeats only, similarity 1.)
  if (threshold < 1 && concepts.length === 1 && before.length === 1 && matchesOne(concepts[0], before[0])) return true;
  if (concepts.length >= MIN_CONCEPTS && before.length >= MIN_CONCEPTS) {
    // A tiny tolerance: 2 of {a, b} against {a, b, c} is exactly 0.8 and must count at the default 0.8.
    return conceptOverlap(concepts, before, threshold - 1e-9) >= threshold - 1e-9;
  }
  return mayBeSimilar(text, earlier, threshold) && similarity(text, earlier) >= threshold;
}

function matchesOne(a: string, b: string): boolean {
  return conceptMatches(a, b);
}

function remember(s: Signal): Signal {
  said.add(s);
  return s;
}

/**
 * Two askings are the same question (askedInMoreOrFewerWords). Session 24 (speed): a module function, not a closure
 * made (and named) on every call.
 */
function sameAsking(ka: string | null, a: readonly string[], kb: string | null, b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0 || !sameReferences(a, b)) return false;
  if (ka !== null && kb !== null && ka !== kb) return false;
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  return small.every((c) => large.includes(c) || large.some((x) => conceptMatches(c, x)));
}
/**
 * Round six: one question asked with details added or dropped ("When will my order arrive?" / "When will order
 * 61945 arrive?" / "When will order 61945, shipped to Aberdeen by standard delivery, arrive?", or the reverse,
 * "...which size I should order in the running shorts?" / "Which size?" / "size"). Two askings are the same when
 * everything the shorter names is in the longer one and they want the same kind of answer (see questionType;
 * texting without a question word fits any). Every pair of the `count` askings must be the same this way, so
 * "where is my order" / "where's 10032?" / "and 10045?" (two orders) is not one question three times.
 */
function askedInMoreOrFewerWords(text: string, concepts: string[], recent: readonly string[], count: number): string[] | null {
  if (concepts.length === 0) return null;
  const kind = questionType(text);
  const same = sameAsking;
  const candidates = recent
    .filter((earlier) => earlier !== text)
    .map((earlier) => ({ earlier, kind: questionType(earlier), concepts: questionConcepts(earlier) }))
    .filter((e) => same(kind, concepts, e.kind, e.concepts));
  // Grow a group in which every pair is the same question (greedy from each start; count is small, usually 3).
  for (let i = 0; i < candidates.length; i++) {
    const group = [candidates[i]];
    for (let j = i + 1; j < candidates.length && group.length < count - 1; j++) {
      const c = candidates[j];
      if (group.every((g) => same(g.kind, g.concepts, c.kind, c.concepts))) group.push(c);
    }
    // Numbers alone ask nothing ("01632 960 0" / "01632" / "960"), unless one asking says what about ("where is 60441" / "60441??").
    if (group.length >= count - 1 && [text, ...group.map((g) => g.earlier)].some((t) => !NUMBERS_ONLY.test(t))) return group.map((g) => g.earlier);
  }
  // Shortened askings: a full question, then parts of it ("What time do you open on Saturday?" / "Saturday?" /
  // "hours"): this message and the askings after the full one are each inside it, in a row (nothing else asked
  // between). The full question must name 2+ concepts, so a one-word subject is not a hub for everything.
  const last = recent.slice(-(count - 1));
  if (last.length === count - 1) {
    const [hub, ...rest] = last.map((earlier) => ({ earlier, kind: questionType(earlier), concepts: questionConcepts(earlier) }));
    if (hub.concepts.length >= 2 && !NUMBERS_ONLY.test(hub.earlier) && concepts.length < hub.concepts.length && same(kind, concepts, hub.kind, hub.concepts) &&
      rest.every((r) => r.concepts.length < hub.concepts.length && same(r.kind, r.concepts, hub.kind, hub.concepts)) &&
      // Two parts naming different references are two questions ("I've got two orders, 10032 and 10045" /
      // "where's 10032?" / "and 10045?").
      [concepts, ...rest.map((r) => r.concepts)].every((c, _, all) => all.every((o) => sameReferences(c, o))) &&
      // Session 14 (escconv, hostile s14 #17): a part that says not to do what the full question asked ("I want to
      // cancel my order NW-104233" / "please do not cancel", the answer to the bot's cancel confirmation) takes the
      // request back; it is not the question asked again in fewer words.
      ![text, ...rest.map((r) => r.earlier)].some((t) => NEGATED.test(` ${t} `) && !NEGATED.test(` ${hub.earlier} `))) {
      return last;
    }
  }
  return null;
}

const NUMBERS_ONLY = /^[\d ]*$/;
/** A negation in a normalised text ("do not cancel", "dont send it", "never mind"). */
const NEGATED = / (?:not|dont|do not|never|no longer|nope) /;
/**
 * Session 8: the customer gives the same order reference for the `count`-th time and the bot still cannot use the
 * message ("order number NW-131207" / "ni NW-131207, cancel it please" / "cancel NW-131207. I have given the number
 * twice", while the bot asks for an email): they are repeating their request. Only on a message the bot could not use
 * (a fallback): an order number quoted with new, usable requests ("track 40210", "return 40210") is not a repeat.
 */
function givenAgain(analysis: TextFacts, recent: readonly string[], count: number): { reference: string; earlier: string[] } | null {
  const keys = referenceKeys(analysis.tokens);
  if (keys.length === 0) return null;
  for (const t of keys) {
    const earlier = recent.filter((e) => referenceKeys(e.split(' ')).includes(t)).slice(-(count - 1));
    if (earlier.length < count - 1) continue;
    // One request: this message names nothing beyond the order that an earlier one names differently ("where is 118204" /
    // "cancel 118204" / "return 118204 please" are three requests), and they want one kind of answer.
    const own = subjectOf(analysisConcepts(analysis));
    if (!earlier.every((e) => { const before = subjectOf(questionConcepts(e)); return before.length === 0 || own.length === 0 || shareSubject(before, own); })) continue;
    const kinds = new Set([...earlier, analysis.normalized].map((e) => questionType(e)).filter((k) => k !== null));
    if (kinds.size > 1) continue;
    return { reference: t, earlier };
  }
  return null;
}
/**
 * Session 11 (escconv): the order references a message gives, as their digits, however the customer typed them: "NW-250101"
 * and "250101" (a token of 4+ digits), "nw250101" and "#250101" glued to the shop's prefix (up to 3 letters), "NW 250 101"
 * or "28 06 12" in groups (digit tokens of at most 3 digits in a row, 5+ digits together); and codes of letters and
 * digits ("WINTER15"). The customer who types the same order number or code three ways is giving it again.
 */
export function referenceKeys(tokens: readonly string[]): string[] {
  const keys: string[] = [];
  let run = '';
  let parts = 0;
  const flush = () => { if (parts > 1 && run.length >= 5 && !keys.includes(run)) keys.push(run); run = ''; parts = 0; };
  for (const t of tokens) {
    const first = t.charCodeAt(0);
    if (first >= 48 && first <= 57 && /^\d+$/.test(t)) {
      if (t.length >= 4) { flush(); if (!keys.includes(t)) keys.push(t); continue; }
      run += t;
      parts++;
      continue;
    }
    flush();
    const glued = /^[a-z]{1,3}(\d{4,})$/.exec(t);
    if (glued) { if (!keys.includes(glued[1])) keys.push(glued[1]); continue; }
    // A code of letters and digits ("WINTER15", "SAVE20NOW"): a discount code or a reference, repeated as typed.
    if (t.length >= 5 && t.length <= 16 && /\d/.test(t) && /^[a-z0-9]+$/.test(t) && /[a-z].*[a-z]/.test(t) && !keys.includes(t)) keys.push(t);
  }
  flush();
  return keys;
}
/** An order reference among the concepts: 4 digits or more. */
function isReference(c: string): boolean {
  const first = c.charCodeAt(0);
  return c.length >= 4 && first >= 48 && first <= 57 && /^\d+$/.test(c);
}
/**
 * Round eight: the tracking request asked again in other words ("has it shipped" / "did it go out yet" / "is it sent",
 * "where's my parcel" / "so where is it" / "where is the package", "status of 30021" / "30021 where"): this message and
 * `count - 1` earlier ones in the window all ask where the order is, about the same order (no two different order
 * references). Two orders asked about in turn ("where's 5521" / "and 5530?") are not one question.
 */
function askedWhereAgain(text: string, concepts: string[], recent: readonly string[], count: number): string[] | null {
  if (recent.length < count - 1 || !isTrackingQuestion(text)) return null;
  const earlier = recent.filter((e) => e !== text && isTrackingQuestion(e) && sameReferences(concepts, questionConcepts(e)));
  return earlier.length >= count - 1 ? earlier.slice(-(count - 1)) : null;
}

/**
 * Round eight: a request the flow handles, asked again in other words. The return ("What is the procedure for returning
 * goods?" / "How does one send back a purchase?" / "Kindly explain the process to give an item back": every rewording
 * shares the return concept, return / send / give / take back) and the address change ("address change" / "change
 * delivery address please" / "new address"): this message and `count - 1` earlier ones in the window all carry the
 * request's concept, are about the same order, and name no different things beyond the words any such request carries
 * (goods, item, process; change, new, delivery...). "Can I return sale items?" / "Do I need the receipt to return?" /
 * "Can I return it in a store?" name different things (sale, receipt, store): three questions about returns, not one
 * asked three times.
 */
interface Request {
  what: string;
  key: string;
  generic: Set<string>;
}
const conceptsOfWords = (words: string[]) => new Set(words.flatMap((w) => questionConcepts(w)));
const REQUESTS: Request[] = [
  {
    what: 'how to return something',
    key: questionConcepts('return')[0],
    generic: conceptsOfWords(['goods', 'purchase', 'item', 'items', 'order', 'product', 'thing', 'stuff', 'parcel', 'package', 'box', 'make', 'right',
      'understand', 'something', 'steps', 'process', 'procedure', 'post', 'do', 'give', 'start', 'work', 'works', 'actually', 'concretely', 'print', 'exactly']),
  },
  {
    what: 'to change the delivery address',
    key: questionConcepts('address')[0],
    generic: conceptsOfWords(['change', 'changed', 'update', 'updated', 'alter', 'edit', 'correct', 'new', 'different', 'other', 'delivery', 'deliver', 'order',
      'parcel', 'package', 'goes', 'go', 'going', 'sent', 'send', 'move', 'moved', 'moving', 'flat', 'house', 'home', 'place', 'instead', 'wrong', 'old', 'my',
      'possible', 'can', 'make', 'days', 'next', 'weeks']),
  },
];
/**
 * Whether a hand-built request family (REQUESTS: the return, the address change) reads both askings as that request and
 * they name different things beyond it ("can I return sale items?" / "can I return it in a store?"): two questions, as
 * askedSameRequestAgain decides, whatever the learned model says.
 */
export function requestFamilyApart(earlier: string, later: string): boolean {
  const a = questionConcepts(earlier);
  const b = questionConcepts(later);
  // (Session 26, speed: a loop, not a closure made per pair.)
  for (const r of REQUESTS) if (a.includes(r.key) && b.includes(r.key) && !fits(specifics(r, a), specifics(r, b))) return true;
  return false;
}
function askedSameRequestAgain(request: Request, text: string, concepts: string[], recent: readonly string[], count: number): string[] | null {
  if (recent.length < count - 1 || !concepts.includes(request.key)) return null;
  const own = specifics(request, concepts);
  const earlier = recent
    .filter((e) => e !== text)
    .map((e) => ({ e, c: questionConcepts(e) }))
    .filter(({ c }) => c.includes(request.key) && sameReferences(concepts, c) && fits(own, specifics(request, c)));
  if (earlier.length < count - 1) return null;
  const group = earlier.slice(-(count - 1));
  return group.every((a, i) => group.every((b, j) => i === j || fits(specifics(request, a.c), specifics(request, b.c)))) ? group.map((g) => g.e) : null;
}
/** What a request names beyond the request itself (order references are compared apart, see sameReferences). */
function specifics(request: Request, concepts: readonly string[]): string[] {
  return concepts.filter((c) => c !== request.key && !request.generic.has(c) && !/^\d+$/.test(c));
}
/** Two askings fit when either names nothing more, or they share something ("the jacket" / "jacket, size M"). */
function fits(a: readonly string[], b: readonly string[]): boolean {
  return a.length === 0 || b.length === 0 || a.some((c) => b.includes(c));
}

/** Whether two concept lists name no different order numbers (a list without any fits every other). */
function sameReferences(a: readonly string[], b: readonly string[]): boolean {
  // Round eight: only an order reference (4+ digits) tells two questions apart; a house number, a size or a count
  // ("change the address to 4 Mill Lane", "size 41", "2 items") is a detail of the same question.
  // Session 10: without building the two lists (called for every pair of askings the rules compare).
  if (!a.some(isReference) || !b.some(isReference)) return true;
  for (const c of a) if (isReference(c) && !b.includes(c)) return false;
  for (const c of b) if (isReference(c) && !a.includes(c)) return false;
  return true;
}

/** The earlier questions of a consecutive run on this message's subject (see CHAIN_SIMILARITY), or null. */
function chainOfThree(concepts: string[], recent: readonly string[], count: number): string[] | null {
  const need = count - 1;
  // An order reference alone is not a subject ("is 40210 paid" after two other questions about 40210).
  if (concepts.every((c) => /^\d+$/.test(c)) || recent.length < need) return null;
  const run = recent.slice(-need);
  const seen = new Set<string>();
  for (const earlier of run) {
    const before = questionConcepts(earlier);
    if (before.length === 0 || conceptOverlap(concepts, before, CHAIN_SIMILARITY) < CHAIN_SIMILARITY) return null;
    if (!concepts.some((c) => !/^\d+$/.test(c) && before.includes(c))) return null;
    for (const c of before) seen.add(c);
  }
  // A new subject in the third message ("return label?" then "return address?") is a new question about the
  // same area, not the same one again (nor is "delivery to Norway?" then "to Denmark?" then "to Sweden?"):
  // every concept of this message must have come up in the two before it.
  if (concepts.some((c) => !seen.has(c))) return null;
  return run;
}

/**
 * Whether this message may be the customer asking their last question again: it names a subject the last
 * question named and little else ("ship to poland?" / "do you send to Poland", "size M available?" / "M?"), or it complains
 * about not being answered ("you haven't answered whether both coupons work together"). Used to let a
 * question the bot failed to understand twice become a loop on its next asking instead of a fallback streak;
 * two unusable messages on unrelated subjects ("weather in Leeds?" / "how do I bake sourdough") share nothing.
 */
export function asksSameSubjectAgain(analysis: TextFacts, recent: readonly string[]): boolean {
  if (recent.length === 0 || analysis.tokens.length > MAX_FUZZY_TOKENS) return false;
  if (loopComplaint(canonicalTokens(analysis)) !== null) return true;
  if (referenceGivenAgain(analysis.tokens, recent)) return true;
  const concepts = analysisConcepts(analysis);
  if (answerKnown(canonicalTokens(analysis)) && concepts.length > 0) {
    const last = questionConcepts(recent[recent.length - 1]);
    if (shareSubject(subjectOf(concepts), subjectOf(last))) return true;
  }
  const kind = questionType(analysis.normalized);
  // Round six: any of the last three questions kept (fillers such as "ok", "lol", "hello?" are not kept, and an
  // added detail in between, "I'm in Leeds", does not hide the question asked before it).
  return recent.slice(-3).some((earlier) => {
    const before = questionConcepts(earlier);
    // Everything it names was named in that question ("M?" after "size M available?"), or most of it was.
    if (concepts.length > 0 && concepts.every((c) => before.includes(c))) return true;
    if (concepts.length >= MIN_CONCEPTS && before.length >= MIN_CONCEPTS && conceptOverlap(concepts, before, SAME_SUBJECT) >= SAME_SUBJECT) return true;
    // The same kind of question on the same subject with one more word ("whens the sale" / "when does the sale start").
    const kindBefore = questionType(earlier);
    if (kind !== null && kind === kindBefore && containsAllButOne(concepts, before)) return true;
    // The same question with details added or dropped, wanting the same kind of answer ("Can I get an invoice?" /
    // "An invoice for order 47225 please."); texting without a question word fits any kind.
    return (kind === null || kindBefore === null || kind === kindBefore) && contains(concepts, before);
  });
}
/**
 * Session 12 (escloop): the customer says they already have what the bot told them, and asks on: "I know it's 30 days,
 * do weekends count", "aye ah read that but ah've no got a printer", "tracking just says the same, held at customs",
 * "yeah I can see the day, I need the time window". The answer did not help: with a subject of the last question this
 * is that question asked again (the fallback streak waits one message; the third asking is a loop). Only at the opening
 * (after a yes / no / ok), so "I know it's a long shot but..." in the middle of a first question is not one.
 */
const KNOWN_ANSWER = /^(?:(?:aye|yeah|yes|yep|ya|yea|naw|no|nah|ok|okay|sure|right|i mean) )*(?:i (?:already |do )?(?:know|knew|read|have read|seen|have seen|saw|can see|see|checked|have checked|tried|have tried|did that|understand)(?: (?:that|this|it|its|it is|the|where|what|when|about|already))|(?:the )?tracking (?:just |only |still )?(?:says|said|shows|showed))(?: |$)/;
function answerKnown(tokens: readonly string[]): boolean {
  if (tokens.length < 3) return false;
  const t = tokens[0];
  if (t !== 'i' && t !== 'the' && t !== 'tracking' && !KNOWN_LEAD.has(t)) return false;
  return KNOWN_ANSWER.test(joinedTokens(tokens));
}
const KNOWN_LEAD = new Set(['aye', 'yeah', 'yes', 'yep', 'ya', 'yea', 'naw', 'no', 'nah', 'ok', 'okay', 'sure', 'right']);

/**
 * Session 11 (escconv): a message that is little more than an order reference (at most 3 other words: "nw250101",
 * "250101", "NW 250101 mate", "#280612") giving one of the last three questions' references again, however typed
 * (referenceKeys): the customer repeats what they asked about, not a new failed request.
 */
function referenceGivenAgain(tokens: readonly string[], recent: readonly string[]): boolean {
  if (tokens.length > 8) return false;
  const keys = referenceKeys(tokens);
  if (keys.length === 0) return false;
  const other = tokens.filter((t) => !/\d/.test(t) && !(t.length <= 3 && /^[a-z]+$/.test(t) && ORDER_PREFIX.has(t))).length;
  if (other > 3) return false;
  return recent.slice(-3).some((e) => { const before = referenceKeys(e.split(' ')); return keys.some((k) => before.includes(k)); });
}
/** Letters a shop's order prefix may be typed as on its own ("NW 250101"). */
const ORDER_PREFIX = new Set(['nw', 'no', 'nr', 'ref', 'id']);
/** Whether every concept of the shorter list (not empty) is in the longer one. */
function contains(a: readonly string[], b: readonly string[]): boolean {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  return small.length > 0 && small.every((c) => large.includes(c) || large.some((x) => conceptMatches(c, x)));
}
/** Whether the smaller concept list is inside the larger and the larger adds at most one concept. */
function containsAllButOne(a: readonly string[], b: readonly string[]): boolean {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  if (small.length === 0 || large.length - small.length > 1) return false;
  return small.every((c) => large.includes(c));
}
/** Dice overlap above which two consecutive questions are on one subject: {ship, poland} and {ship, norway} (0.5) are not. */
const SAME_SUBJECT = 0.6;

/** Loop signals where the customer says the bot is going round in circles (see customerSaysLoop). */
const said = new WeakSet<Signal>();
/**
 * True for a loop signal from the customer's own words ("that's not what I asked"): the customer named the
 * problem, so the policy names it before the negative sentiment the same words carry.
 */
export function customerSaysLoop(s: Signal): boolean {
  return said.has(s);
}

/** A read-only observer of every loop evaluation (the same-request model's training script records pairs with it); null in use. */
let loopProbe: ((facts: TurnFacts, memory: EscalationMemory) => void) | null = null;
export function setLoopProbe(probe: ((facts: TurnFacts, memory: EscalationMemory) => void) | null): void {
  loopProbe = probe;
}
/** Whether the learned same-request path runs (on in use; the training script records what the rules alone decide). */
let learnedOn = true;
export function useLearnedLoop(on: boolean): void {
  learnedOn = on;
}

export function detectLoop(facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory): Signal | null {
  if (loopProbe !== null) loopProbe(facts, memory);
  const cfg = policy.loop;
  const hit = findLoopPhrase(canonicalTokens(facts.analysis));
  if (hit) {
    return remember({
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [hit.phrase],
      turn: facts.turn,
      explanation: `The customer says the bot is going in circles ("${hit.phrase}").`,
    });
  }
  const toks = canonicalTokens(facts.analysis);
  // "not (quite / really / exactly) what I was asking / meant / wanted": the customer names the loop (ranked like a phrase).
  const notWhat = NOT_WHAT_I_ASKED.exec(joinedTokens(toks));
  if (notWhat) {
    return remember({
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [notWhat[0].trim()],
      turn: facts.turn,
      explanation: `The customer says the bot is going in circles ("${notWhat[0].trim()}").`,
    });
  }
  const complaint = loopComplaint(toks);
  if (complaint) {
    // Not `remember`ed: at the loop's own rank, so anger in the same words ("for the third time and I'm
    // furious") is still named as negative sentiment; a plain complaint is named as the loop.
    return {
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [complaint],
      turn: facts.turn,
      explanation: `The customer says the bot is not answering the question ("${complaint}").`,
    };
  }
  // Session 50 (conv12, newcomer s50 N2): "sorry I mean sam@example.org" after "sam.example.org" at an email question is a
  // contact detail corrected (contactDetailOnly, session 47), not a question asked again in other words ("I mean").
  if (contactDetailOnly(facts.analysis.text)) return null;
  const corrected = correction(toks, facts.analysis, memory.recent);
  if (corrected) {
    const said: Signal = {
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [corrected],
      turn: facts.turn,
      explanation: `The customer says the bot answered something else ("${corrected}").`,
    };
    // Session 27 (loops): with no earlier question kept, at the loop's own rank (not the customer's named loop), so anger in
    // the same words ("I ASKED ABOUT SLOTS. NOT RETURNS. NOT TRACKING.") is still named as negative sentiment.
    return memory.recent.length === 0 ? said : remember(said);
  }
  const again = memory.recent.length >= 2 ? findRephrase(toks) : null;
  if (again) {
    return remember({
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [again.phrase],
      turn: facts.turn,
      explanation: `The customer asks again in other words ("${again.phrase}") after ${memory.recent.length} earlier questions.`,
    });
  }
  // Session 27 (loops): this asking opens by saying it restates the one before ("like how many days", "no I mean the
  // code", "Put differently, ..."), after two earlier questions: the third asking, like the rephrasing words above.
  const restated = memory.recent.length >= 2 ? restatementOpener(toks) : null;
  if (restated && !OWN_SLIP.test(paddedTokens(toks))) {
    return remember({
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [restated],
      turn: facts.turn,
      explanation: `The customer asks again in other words ("${restated} ...") after ${memory.recent.length} earlier questions.`,
    });
  }
  const marker = memory.recent.length >= 2 ? askAgainMarker(toks) : null;
  if (marker && linkedToEarlier(analysisConcepts(facts.analysis), memory.recent)) {
    return remember({
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [marker],
      turn: facts.turn,
      explanation: `The customer asks again ("${marker}") after ${memory.recent.length} earlier questions on the same subject.`,
    });
  }
  const given = facts.fallback && memory.recent.length >= cfg.count - 1 ? givenAgain(facts.analysis, memory.recent, cfg.count) : null;
  if (given) {
    return {
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [given.reference, `${cfg.count} times`],
      turn: facts.turn,
      explanation: `The customer gave ${given.reference} ${cfg.count} times and the bot still could not use the message ("${given.earlier.join('", "')}" then "${facts.analysis.normalized}").`,
    };
  }
  const stuck = stuckAtQuestion(facts, memory, cfg.count, cfg.similarity);
  if (stuck) return stuck;
  const text = facts.analysis.normalized;
  const length = facts.analysis.tokens.length;
  // Session 19 (esc): a letter's sign-off sent on its own ("Regards, Martin") after each message is no question asked again.
  // Session 36 (fe): nor thanks and a goodbye in the customer's own words ("thank you ka", "ok po, thank you again"): a
  // politeness particle or a form of address shared with the questions before ("you accept PayPal ka?" / "and Visa debit
  // ka?") made the rules and the learned model read the thanks as the same question asked a third time.
  if (!isRepeatableQuestion(facts.analysis) || valediction(facts.analysis.text) || signsOffOnly(facts.analysis) || contactDetailOnly(facts.analysis.text)) return null;
  let times = 1;
  // From the analysis' own words (shared per message), not by splitting the normalised text again.
  const concepts = length <= MAX_FUZZY_TOKENS ? analysisConcepts(facts.analysis) : [];
  for (const earlier of memory.recent) {
    if (earlier === text) times++;
    else if (length > MAX_FUZZY_TOKENS) continue;
    else if (sameQuestion(text, concepts, earlier, cfg.similarity)) times++;
  }
  if (times < cfg.count) {
    const trio = length <= MAX_FUZZY_TOKENS && cfg.similarity < 1 ? askedInMoreOrFewerWords(text, concepts, memory.recent, cfg.count) : null;
    if (trio) {
      return {
        reason: 'loop',
        score: 1,
        threshold: cfg.count,
        evidence: [text, ...trio],
        turn: facts.turn,
        explanation: `The customer asked the same thing ${cfg.count} times, adding or dropping details ("${trio.join('", "')}" then "${text}").`,
      };
    }
    const chain = cfg.similarity < 1 ? chainOfThree(concepts, memory.recent, cfg.count) : null;
    if (!chain) {
      for (const request of REQUESTS) {
        const again = cfg.similarity < 1 && length <= MAX_FUZZY_TOKENS ? askedSameRequestAgain(request, text, concepts, memory.recent, cfg.count) : null;
        if (again) {
          return {
            reason: 'loop',
            score: 1,
            threshold: cfg.count,
            evidence: [text, ...again],
            turn: facts.turn,
            explanation: `The customer asked ${request.what} ${cfg.count} times in other words ("${again.join('", "')}" then "${text}").`,
          };
        }
      }
      const tracking = cfg.similarity < 1 && length <= MAX_FUZZY_TOKENS ? askedWhereAgain(text, concepts, memory.recent, cfg.count) : null;
      if (!tracking) {
        if (cfg.similarity >= 1) return null;
        return sameIntentAgain(facts, concepts, memory, cfg.count) ?? takenAsAnswerRun(facts, memory, cfg.count) ?? restatedRun(facts, concepts, memory, cfg.count) ??
          (learnedOn ? learnedLoop(facts, memory, cfg.count) ?? restatementChain(facts, memory, cfg.count) : null);
      }
      return {
        reason: 'loop',
        score: 1,
        threshold: cfg.count,
        evidence: [text, ...tracking],
        turn: facts.turn,
        explanation: `The customer asked where the order is ${cfg.count} times in other words ("${tracking.join('", "')}" then "${text}").`,
      };
    }
    return {
      reason: 'loop',
      score: 1,
      threshold: cfg.count,
      evidence: [text, ...chain],
      turn: facts.turn,
      explanation: `The customer asked about the same thing ${cfg.count} times in a row in other words ("${chain.join('", "')}" then "${text}").`,
    };
  }
  return {
    reason: 'loop',
    score: 1,
    threshold: cfg.count,
    evidence: [text, `${times} times`],
    turn: facts.turn,
    explanation: `The customer asked the same thing ${times} times ("${text}").`,
  };
}

/**
 * Session 12 (escloop): the customer asked for the same intent `count` times in a row, the bot understood each one as
 * that intent and answered it, and the customer gave no new information: a loop where the bot ANSWERS each time (no
 * fallback, so the fallback rules never see it, and rewordings the concept rules do not link: "when are you open?" /
 * "what are your opening hours" / "what time does customer service close"). Read from `memory.intents` (intentMemory.ts)
 * and the last `count - 1` questions of `memory.recent` (the same messages: an intent is remembered only for a message
 * that is also kept there). New information is any of:
 *  - a follow-up opening ("and how long does it take", "what about PayPal", "also, ...") or a thanks or an
 *    acknowledgement ("sweet, are returns free too", "ok cool, and Visa"): the answer helped and the customer moves on;
 *  - no subject common to every asking (a concept of the first in each: "do you ship to Italy" / "how much to Rome" /
 *    "is return from Italy free" share nothing throughout);
 *  - a new kind of question (questionType: "how much" then "how long", "do you ship to Ireland" then "how much is it");
 *  - a different order reference.
 * The ordinary multi-turn chat with three different shipping questions is the trap this is built against.
 */
const FOLLOW_UP_OPENING = new Set(['and', 'also', 'plus', 'another', 'btw', 'oh', 'next']);
const ACK_WORDS = new Set(['thanks', 'thank', 'thx', 'thanx', 'ty', 'cheers', 'great', 'perfect', 'lovely', 'brilliant', 'cool', 'sweet', 'awesome', 'nice', 'ok', 'okay', 'alright', 'fab', 'grand', 'ta', 'fine', 'noted', 'understood']);
const ACK_GATE = tokenGate(ACK_WORDS);
/** Whether a normalised text opens as the next question ("and ...", "also ...", "what about ..."). */
function followUpOpening(normalized: string): boolean {
  const space = normalized.indexOf(' ');
  const first = space < 0 ? normalized : normalized.slice(0, space);
  return NEXT_QUESTION_OPENING.has(first) || ((first === 'what' || first === 'how') && normalized.startsWith(' about', first.length));
}
/** FOLLOW_UP_OPENING without "next" ("next day delivery price" names a subject) and "oh" / "another". */
const NEXT_QUESTION_OPENING = new Set(['and', 'also', 'plus', 'btw']);
export function newInformation(normalized: string): boolean {
  const toks = normalized.split(' ');
  if (FOLLOW_UP_OPENING.has(toks[0]) || ((toks[0] === 'what' || toks[0] === 'how') && toks[1] === 'about')) return true;
  return hasGateWord(toks, ACK_GATE);
}
/**
 * Session 13 (escstruct, hostile s13 #17): the same question asked about another value ("do you ship to France?" / "do you
 * ship to Spain?", "when are you open on Monday?" / "Saturday?"): a customer working through a list, each answered, asks
 * something new each time. True when `later` is `earlier` word for word but one or two words swapped for words of another
 * concept (not a typo of them: "adress" / "address"). A short follow-up ("Spain?") is not read as a rewording already.
 */
function otherValue(earlier: string, later: string): boolean {
  const a = earlier.split(' ');
  const b = later.split(' ');
  if (a.length !== b.length || a.length < 3) return false;
  let differ = 0;
  for (let i = 0; i < a.length && differ <= 2; i++) {
    if (a[i] === b[i]) continue;
    if (conceptMatches(a[i], b[i])) return false;
    differ++;
  }
  return differ >= 1 && differ <= 2;
}
/** Whether any asking after the first asks about another value than the one before it (see otherValue). */
function anotherValue(askings: readonly string[]): boolean {
  for (let i = 1; i < askings.length; i++) if (otherValue(askings[i - 1], askings[i])) return true;
  return false;
}

/** The kind of answer wanted, where the question says it ('what' and no question word say nothing: "what does it cost"). */
function answerKind(normalized: string): string | null {
  const k = questionType(normalized);
  return k === 'what' ? null : k;
}
function sameIntentAgain(facts: TurnFacts, concepts: readonly string[], memory: EscalationMemory, count: number): Signal | null {
  const intents = memory.intents;
  const need = count - 1;
  const name = facts.intent?.intentName;
  if (intents === undefined || intents.length < need || memory.recent.length < need || facts.fallback || !name) return null;
  // Each earlier asking understood as this intent, or taken by a Question block as its answer (at least one understood).
  let own = 0;
  for (let i = intents.length - need; i < intents.length; i++) {
    if (intents[i] === name) own++;
    else if (intents[i] !== TAKEN_AS_ANSWER) return null;
  }
  if (own === 0) return null;
  const earlier = memory.recent.slice(-need);
  const text = facts.analysis.normalized;
  if (concepts.length === 0 || newInformation(text) || earlier.some(newInformation) || anotherValue([...earlier, text])) return null;
  const lists = earlier.map((e) => questionConcepts(e));
  const first = lists.length > 0 ? lists[0] : concepts;
  lists.push([...concepts]);
  if (!first.some((c) => lists.every((l) => l.some((x) => x === c || conceptMatches(c, x))))) return null;
  for (let i = 1; i < lists.length; i++) if (!sameReferences(lists[i - 1], lists[i])) return null;
  let kind: string | null = null;
  for (const t of [...earlier, text]) {
    const k = answerKind(t);
    if (k === null) continue;
    if (kind !== null && k !== kind) return null;
    kind = k;
  }
  return {
    reason: 'loop',
    score: 1,
    threshold: count,
    evidence: [text, ...earlier, name],
    turn: facts.turn,
    explanation: `The customer asked for ${name.replace(/_/g, ' ')} ${count} times in a row with nothing new, and the bot gave its ${name.replace(/_/g, ' ')} answer ${own === need ? 'each time' : 'or took the message as the answer to its own question'} ("${earlier.join('", "')}" then "${text}", this message and the ${need === 1 ? 'one' : need} before it).`,
  };
}

/**
 * Session 42 (fe, issue 11): the bot asks its own question again and the customer, again, says the need instead of the
 * answer; the fallback counterpart of takenAsAnswerRun. The customer asked for something the bot understood (an intent:
 * "where is my order"), a Question block asked for its value ("What's your order number?"), and the customer's next
 * `count - 1` messages gave no value: the need said again ("the parcel I ordered last week" / "where is the parcel at the
 * moment", "I need parcel going somewhere else" / "Want it redirected to my work instead"), each met by the same prompt
 * again ("Order numbers look like NW-104233..."). This message did not give the value the block asked for
 * (TurnFacts.atQuestion; a block that only reads its own answer, buttons or the email question, is not enough: new
 * questions asked there are ordinary), the messages between understood no intent ('', TAKEN_AS_ANSWER or an answer that
 * did not fit), and the request opened the run. It must carry the need again, by meaning: the learned same-request model
 * (SAME_REQUEST_THRESHOLD) or a shared subject (sameQuestion) links it to an asking kept since the request; no follow-up
 * opening or acknowledgement here or between ("Ok so return it and reorder?": an answer taken), no other value, and no
 * question of another kind ("I started a return, what happens next?" / "How will I know you've received it?" is the next
 * question on the topic). A message that gives a value (a number, an entity, an email), asks nothing (thanks, a filler,
 * courtesy) or says the customer is looking for the value ("let me find it", "one sec") is an answer on its way.
 * Development corpora (escrfEval against start.json): won 10, lost 0; the same reading without the meaning link and at
 * every block's own question lost 137 ordinary conversations (follow-up questions at the return and address steps).
 */
function stuckAtQuestion(facts: TurnFacts, memory: EscalationMemory, count: number, similarityCut: number): Signal | null {
  if (!facts.fallback || facts.atQuestion !== true || count < 2) return null;
  const intents = memory.intents;
  const need = count - 1;
  if (intents === undefined || intents.length < need) return null;
  const opened = intents[intents.length - need];
  if (noIntent(opened) || opened === TAKEN_AS_ANSWER) return null;
  for (let i = intents.length - need + 1; i < intents.length; i++) {
    const e = intents[i];
    if (e !== '' && e !== TAKEN_AS_ANSWER && !didNotFit(e)) return null;
  }
  if (!needSaidAgain(facts.analysis) || memory.recent.length === 0) return null;
  // The need again, by meaning: the learned same-request model links it to one of the askings kept since the request,
  // or it shares its subject with one (a new question on the topic, "and where do I drop it off", is neither).
  const text = facts.analysis.normalized;
  const earlier = memory.recent.slice(-need);
  const concepts = facts.analysis.tokens.length <= MAX_FUZZY_TOKENS ? analysisConcepts(facts.analysis) : [];
  const linked = askedAgainByModel(text, earlier, true, 1, SAME_REQUEST_THRESHOLD) !== null ||
    (concepts.length > 0 && earlier.some((e) => sameQuestion(text, concepts, e, similarityCut)));
  // Nothing new either: no follow-up opening or acknowledgement, here or in the askings since ("Ok so return it and
  // reorder?": the customer took an answer), and no other value asked about.
  if (!linked || newInformation(text) || earlier.some(newInformation) || anotherValue([...earlier, text])) return null;
  // A question of another kind than the askings before it is the next question on the topic ("I started a return, what
  // happens next?" / "How will I know you've received it?" / "Should I keep the receipt?"), not the need again.
  let kind: string | null = null;
  for (const t of [...earlier, text]) {
    const k = questionType(t);
    if (k === null) continue;
    if (kind !== null && k !== kind) return null;
    kind = k;
  }
  const name = opened.replace(/_/g, ' ');
  return {
    reason: 'loop',
    score: 1,
    threshold: count,
    evidence: [facts.analysis.normalized, opened, `${need} times at the bot's question`],
    turn: facts.turn,
    explanation: `The customer asked for ${name}, and ${need === 1 ? 'this message' : `the ${need} messages since`} gave no answer to the bot's own question, which it asked again each time ("${facts.analysis.normalized}").`,
  };
}
/** Words of a customer looking for the value the bot asked for ("let me check", "one sec", "hang on"). */
const LOOKING = /(?:^| )(?:let me|lemme|one sec|1 sec|a sec|one moment|a moment|hang on|hold on|wait|just checking|checking|looking|find it|finding it|dig it out|where do i find|where can i find|where is it on|how do i find|what is an? order|whats an? order|dont have (?:it|one|the)|do not have (?:it|one|the)|lost (?:it|the)|cant find|can not find)(?: |$)/;
/** Whether an unfit message at the bot's question carries the need again rather than an answer on its way. */
function needSaidAgain(analysis: TurnFacts['analysis']): boolean {
  const text = analysis.normalized;
  if (/\d/.test(analysis.text) || analysis.entities.length > 0 || /@/.test(analysis.text)) return false;
  const toks = canonicalTokens(analysis);
  if (toks.length < 2 || toks.every((t) => FILLER.has(t) || BARE_REPLY.has(t)) || onlyCourtesy(text)) return false;
  if (signsOffOnly(analysis) || valediction(analysis.text) || acknowledgedFirst(analysis) !== null) return false;
  return !LOOKING.test(` ${text} `);
}

/**
 * Session 13 (escstruct, issue 11: loops a Question block swallowed): the customer asked for one intent and then asked for
 * it again while the bot's Question blocks (the order number, the new address) took each rewording as their answer
 * ("please tell me where my order is" / "my shipment has not reached me yet" to "What's your order number?" / "I did not
 * receive the shipment, what is its state"; "can i change the address on my order" / "i moved house need the parcel to go
 * to the new place" to "Which order?" / "how do i update where it gets delivered" to "What is the new address?"). No
 * fallback happens and the subject words differ, so no other rule links them; the memory (intentMemory.ts) says which
 * askings were understood as the intent and which a Question block took (TAKEN_AS_ANSWER), this one included.
 * A loop when the last `count` askings are that one intent or taken as an answer (at least one of each), none says something
 * new (a thanks, "and ..."), and no taken one gives a value (a number: "NW-104233", "14 Elm Road" answer the question) or
 * is only bare replies and fillers ("merci"). Also at a Ticket block's email question, which takes such text the same way.
 * Chosen over refusing such answers in the Question block (shared/engine/behaviours/question.ts): the learned same-request
 * model cannot tell "Grazie mille" or "The new address is 14 Banbury Road" from the request at a threshold that keeps
 * loops (measured: +1 loop), while the run of askings is plain in the memory (+23 loops, 0 ordinary conversations).
 */
function takenAsAnswerRun(facts: TurnFacts, memory: EscalationMemory, count: number): Signal | null {
  const intents = memory.intents;
  const need = count - 1;
  if (intents === undefined || intents.length < need || memory.recent.length < need) return null;
  if (facts.fallback) return null;
  const current = intentEntry(facts);
  if (current === '' || current === EMOJI_ONLY) return null;
  const run = [...intents.slice(-need), current];
  const earlier = memory.recent.slice(-need);
  const texts = [...earlier, facts.analysis.normalized];
  let name: string | null = null;
  let taken = 0;
  for (const e of run) {
    if (e === TAKEN_AS_ANSWER) { taken++; continue; }
    if (noIntent(e) || (name !== null && e !== name)) return null;
    name = e;
  }
  if (name === null || taken === 0 || anotherValue(texts)) return null;
  for (let i = 0; i < run.length; i++) {
    if (newInformation(texts[i])) return null;
    // A taken asking that gives a value (a number: the order, the house) answered the question; one of bare replies and
    // fillers ("merci", "ok sure") asks nothing. The understood asking may name its order ("change the address on NW-136031").
    // Session 31 (answers item 4, newcomer s28 N8 rest): nor does one of courtesy alone ("bye", "ok bye then", "thanks, have
    // a nice day"): "bye" at "Which order should go to a new address?" was handed over as the third asking of the address change.
    if (run[i] === TAKEN_AS_ANSWER && (/\d/.test(texts[i]) || texts[i].split(' ').every((t) => FILLER.has(t) || BARE_REPLY.has(t)) || onlyCourtesy(texts[i]))) return null;
  }
  return {
    reason: 'loop',
    score: 1,
    threshold: count,
    evidence: [facts.analysis.normalized, ...earlier, name],
    turn: facts.turn,
    explanation: `The customer asked for ${name.replace(/_/g, ' ')} ${count} times in a row, and the bot took ${taken === 1 ? 'one asking' : `${taken} askings`} as the answer to its own question ("${earlier.join('", "')}" then "${facts.analysis.normalized}").`,
  };
}

/**
 * Session 27 (loops): the customer said the asking before this one restates the one before it ("is the playmat washable" /
 * "no i mean can it go in the WASHING MACHINE", "how much is shipping" / "no po i mean to Davao specifically", "Can you post
 * my order to my daughter's house instead?" / "What I mean is, can the address on the parcel be a different one from
 * mine?": restatesBefore), and this message asks it a third time: the `count - 1` askings before this one each restate
 * the one before them, and this one says nothing new (no follow-up opening, no thanks: newInformation), names no other
 * order, and is linked to one of them: a subject word in common, or the learned model's link at STREAK_SAME_REQUEST.
 * The words of a restatement often share nothing with the first asking (the customer says it differently on purpose),
 * so the rules above do not link the three. "I mean if I order something, is it sent there" / "And how long would that
 * take?" (a follow-up) and "sorry, I meant the Isle of Man" / "Thanks, that's great" are not loops.
 */
function restatedRun(facts: TurnFacts, concepts: readonly string[], memory: EscalationMemory, count: number): Signal | null {
  const need = count - 1;
  const recent = memory.recent;
  if (need < 2 || recent.length < need) return null;
  const earlier = recent.slice(-need);
  for (let i = 1; i < earlier.length; i++) if (!restatesBefore(earlier[i])) return null;
  const text = facts.analysis.normalized;
  if (concepts.length === 0 || newInformation(text) || earlier.slice(1).some(newInformation) || acknowledgedFirst(facts.analysis) !== null) return null;
  if (!earlier.every((e) => sameReferences(concepts, questionConcepts(e)))) return null;
  const own = subjectOf(concepts);
  const linked = earlier.some((e) => shareSubject(subjectOf(questionConcepts(e)), own)) ||
    askedAgainByModel(text, earlier, facts.fallback, 1, STREAK_SAME_REQUEST, modelApart) !== null;
  if (!linked) return null;
  return {
    reason: 'loop',
    score: 1,
    threshold: count,
    evidence: [text, ...earlier],
    turn: facts.turn,
    explanation: `The customer asked the same thing ${count} times: they said "${earlier[1]}" restates "${earlier[0]}", and asked it again ("${text}").`,
  };
}

/**
 * Session 9: the learned same-request model (../sameRequest) links this message to `count - 1` earlier questions as the
 * same request asked again, in words the concept rules above do not link ("do you price match?" / "if it's cheaper
 * elsewhere will you beat it?" / "Argos has it for less, can I get that rate"). Only where no rule fired, and not when
 * the designer asks for exact repeats only (similarity 1). The explanation gives each link's score.
 */
function learnedLoop(facts: TurnFacts, memory: EscalationMemory, count: number): Signal | null {
  const text = facts.analysis.normalized;
  // Like the rules' fuzzy comparisons, only for messages up to MAX_FUZZY_TOKENS words, against earlier questions as short
  // (a long letter compared with six others costs hundreds of µs; pasted repeats are exact and found above).
  if (facts.analysis.tokens.length > MAX_FUZZY_TOKENS) return null;
  // Where a hand-built request family reads two askings as different (requestFamilyApart), they are not linked: "can I
  // return sale items?" / "do I need the receipt to return?" / "can I return it in a store?" are three questions.
  const links = askedAgainByModel(text, memory.recent, facts.fallback, count - 1, undefined, modelApart);
  if (!links) return null;
  // Session 18 (esc): a message that opens with an acknowledgement of the bot's last reply ("Ok, so 30 days from delivery",
  // "ok regular it is. thanks", "Ok, new order it is. Is shipping free...": acknowledgedFirst, not when it goes back with
  // but / still / again / wrong / same) took that reply as an answer: the learned model does not link it to the askings
  // before (the word rules still do: "ok thanks. how much does it cost to send to spain" after two askings is a loop).
  // Every corpus: 3 ordinary conversations no longer named loops, 0 loops lost.
  // (Read only once the model links the message: most messages never need it, speed.)
  if (acknowledgedFirst(facts.analysis) !== null) return null;
  // Session 36 (fe): nor a message that opens as the next question on the topic ("and the toaster in white also?", "And
  // do you deliver to Northern Ireland?", "what about gift cards"): the model links questions of one topic, and a customer
  // working through them says so with the opener (newInformation's follow-up openings; the word rules still link it).
  if (followUpOpening(text)) return null;
  const shown = links.slice(-(count - 1));
  const back = (n: number) => (n === 1 ? 'the question before' : `${n} questions back`);
  return {
    reason: 'loop',
    score: Math.min(...shown.map((l) => l.score)),
    threshold: count,
    evidence: [text, ...shown.map((l) => l.earlier)],
    turn: facts.turn,
    explanation: `The customer asked the same thing ${count} times in other words (the learned same-request model links "${text}" to ${shown
      .map((l) => `"${l.earlier}" (${back(l.back)}, ${l.score.toFixed(2)})`)
      .join(' and ')}).`,
  };
}

/**
 * Session 44 (loop2, issue 11): the customer restates the request each time in other words, and each asking restates the
 * one just before it: a chain of restatements ("how much to ship to douala" / "douala cameroon" / "shipping to cameroon
 * how much please"; "returns cost?" / "again - do i pay for returns" / "is returning free or not"). learnedLoop needs this
 * message linked to every earlier asking directly, at SAME_REQUEST_THRESHOLD, and a restatement drifts: the third asking
 * says it again in the second's words, not the first's, so the guards or the score keep the first and the third apart.
 * Here the `count - 1` askings before this one and this one form a chain: each consecutive pair linked by the learned
 * same-request model at CHAIN_SAME_REQUEST (its guards and modelApart's, but not its word limit: a restating customer often
 * writes a long first message), and the bot served none of the earlier askings: each was a fallback, taken by a block as
 * its answer, or understood as one and the same intent (the same answer given again). Not a chain: an asking that opens as
 * a follow-up or takes an answer (newInformation, unless the acknowledgement is taken back: "Thank you, though I was
 * hoping to know the time"), another value or order (anotherValue, sameReferences), a number the askings before did not
 * have (an answer: "new address is 14 Park Street"), a pleasantry ("I hope your day is good"), or questions of different
 * kinds (questionType: "do you ship to Germany" / "what are the delivery times" are two questions on one topic).
 * Development corpora: docs/escalation.md, "Session 44 (loop2)".
 */
function restatementChain(facts: TurnFacts, memory: EscalationMemory, count: number): Signal | null {
  const need = count - 1;
  const recent = memory.recent;
  if (need < 2 || recent.length < need || facts.analysis.tokens.length > MAX_CHAIN_TOKENS) return null;
  // No entry for an asking: none was kept before the bot first understood one (intentMemory), so it was not understood.
  const intents = memory.intents ?? [];
  const entry = (j: number): string => intents[intents.length - need + j] ?? '';
  let name: string | null = null;
  for (let j = 0; j < need; j++) {
    const e = entry(j);
    if (noIntent(e) || e === TAKEN_AS_ANSWER) continue;
    if (name !== null && e !== name) return null;
    name = e;
  }
  const text = facts.analysis.normalized;
  const earlier = recent.slice(-need);
  const texts = [...earlier, text];
  if (texts.some(chainNewInformation) || anotherValue(texts) || newNumber(text, earlier)) return null;
  let kind: string | null = null;
  for (const t of texts) {
    // questionType's own 'what' too ("is my billing address saved" / "what is your returns address": two questions).
    const k = questionType(t);
    if (k === null) continue;
    if (kind !== null && k !== kind) return null;
    kind = k;
  }
  // A topic picked like a button ("shipping", understood as the intent) opens no chain: the askings after it are the
  // questions on that topic.
  if (!noIntent(entry(0)) && entry(0) !== TAKEN_AS_ANSWER && !earlier[0].includes(' ')) return null;
  if (texts.some((t) => pleasantry(canonicalizeTokens(t.split(' ')), t))) return null;
  const lists = texts.map((t) => questionConcepts(t));
  for (let i = 1; i < lists.length; i++) if (!sameReferences(lists[i - 1], lists[i])) return null;
  const scores: number[] = [];
  for (let i = 1; i < texts.length; i++) {
    const later = texts[i];
    if (wordsOver(later, MAX_CHAIN_TOKENS) || chainApart(texts[i - 1], later)) return null;
    const fallback = i === texts.length - 1 ? facts.fallback : noIntent(entry(i));
    const link = askedAgainByModel(later, [texts[i - 1]], fallback, 1, CHAIN_SAME_REQUEST);
    if (link === null) return null;
    scores.push(link[0].score);
  }
  return {
    reason: 'loop',
    score: Math.min(...scores),
    threshold: count,
    evidence: [text, ...earlier],
    turn: facts.turn,
    explanation: `The customer asked the same thing ${count} times, each asking restating the one before (the learned same-request model links ${texts
      .slice(1)
      .map((t, i) => `"${t}" to "${texts[i]}" (${scores[i].toFixed(2)})`)
      .join(' and ')}), and the bot ${name === null ? 'could not use the earlier askings' : `gave its ${name.replace(/_/g, ' ')} answer again or could not use them`}.`,
  };
}
/** restatementChain reads messages of up to this many words (a rambling first asking included). */
const MAX_CHAIN_TOKENS = 60;
/**
 * The same-request model's score that links two consecutive askings of a chain (chosen on the odd ids of the development
 * corpora: 0.97 won 3 lost 1, 0.9 11 / 2, 0.8 15 / 3, 0.7 16 / 5).
 */
const CHAIN_SAME_REQUEST = 0.8;
/** Two askings a hand-built request family reads apart, or that ask about another value (modelApart without its word limit). */
function chainApart(earlier: string, later: string): boolean {
  return requestFamilyApart(earlier, later) || otherValue(earlier, later);
}
/** Words that take back an acknowledgement in front of them ("Thank you, though I was hoping to know the time it takes"). */
const CONTRAST = / (?:but|though|although|however|rather|still|actually|again) /;
/** newInformation, except an acknowledgement the message takes back (CONTRAST): a restatement, not an answer taken. */
function chainNewInformation(normalized: string): boolean {
  if (followUpOpening(normalized)) return true;
  if (!newInformation(normalized)) return false;
  const toks = normalized.split(' ');
  if (FOLLOW_UP_OPENING.has(toks[0]) || ((toks[0] === 'what' || toks[0] === 'how') && toks[1] === 'about')) return true;
  return !CONTRAST.test(` ${normalized} `);
}
/**
 * Whether `text` has a number none of the earlier askings had (a value given: an address, a new order). A number is a
 * whole run of digits: "1" is not in "12", nor "5" in "2025" (session 46: it was a substring test).
 */
export function newNumber(text: string, earlier: readonly string[]): boolean {
  const numbers = text.match(DIGITS);
  if (numbers === null) return false;
  const had = new Set(earlier.flatMap((e) => e.match(DIGITS) ?? []));
  return numbers.some((n) => !had.has(n));
}
/** A whole run of digits. */
const DIGITS = /\d+/g;

/**
 * Askings the learned model is not asked to link: an earlier one longer than MAX_FUZZY_TOKENS words, two a hand-built
 * request family reads apart (requestFamilyApart), or one asking about another value (otherValue). A module function (session 26, speed: not a closure made per call).
 */
function modelApart(earlier: string, later: string): boolean {
  // Session 29 (loops): or the same words with one or two swapped for another value ("can I pay with PayPal" / "... with
  // Klarna": otherValue); the model retrained with shop topics links such pairs (one topic, letters alike).
  return wordsOver(earlier, MAX_FUZZY_TOKENS) || requestFamilyApart(earlier, later) || otherValue(earlier, later);
}

/** Whether a normalised text has fewer than `min` words. */
function wordsBelow(normalized: string, min: number): boolean {
  return !wordsOver(normalized, min - 1);
}
/** Whether a normalised text has more than `max` words (counted without splitting it). */
function wordsOver(normalized: string, max: number): boolean {
  let words = normalized === '' ? 0 : 1;
  for (let i = 0; i < normalized.length && words <= max; i++) if (normalized.charCodeAt(i) === 32) words++;
  return words > max;
}

/**
 * Session 7 (lever 2): concepts any request carries ("my order", "the parcel", "I need", "help"): sharing one of these
 * does not make two askings one request.
 */
const GENERIC_CONCEPTS = new Set(
  ['order', 'orders', 'parcel', 'package', 'item', 'items', 'product', 'thing', 'stuff', 'purchase', 'need', 'want', 'help', 'know', 'find', 'please',
    'get', 'have', 'can', 'do', 'make', 'like', 'question', 'ask', 'tell', 'one', 'it', 'something', 'anything', 'possible', 'just', 'still',
    // Session 8: the words that come with an order reference ("order number NW-131207", "ref 40210").
    'number', 'ref', 'reference']
    .flatMap((w) => questionConcepts(w)),
);
/** The words a message asks about beyond generic ones and order numbers. */
function subjectOf(concepts: readonly string[]): string[] {
  return concepts.filter((c) => !GENERIC_CONCEPTS.has(c) && !/^\d{4,}$/.test(c));
}
const shareSubject = (a: readonly string[], b: readonly string[]) => a.some((c) => b.some((x) => x === c || conceptMatches(c, x)));

/** How an answered asking was answered, in words: its intent, or taken as the answer to the bot's own question. */
function answeredAs(entry: string): string {
  return entry === TAKEN_AS_ANSWER ? 'taken as the answer to its own question' : entry.replace(/_/g, ' ');
}
/** The memory's entries of the `answered` askings right before the fallback streak, oldest first. */
function answeredEntries(memory: EscalationMemory, answered: number): string[] {
  const intents = memory.intents ?? [];
  const end = intents.length - memory.fallbacksInRow;
  return intents.slice(Math.max(0, end - answered), end);
}
/**
 * Session 26 (shopfb): whether the `n` messages right before the streak's counted ones failed too (no intent entry: the bot
 * could not use them and they counted nothing, like a detail of the request). No entries at all: the customer's questions
 * were never understood (intentMemory keeps none until one is).
 */
function failedBefore(memory: EscalationMemory, n: number): boolean {
  const intents = memory.intents;
  if (intents === undefined) return true;
  const end = intents.length - memory.fallbacksInRow;
  if (end - n < 0) return false;
  for (let i = end - n; i < end; i++) if (intents[i] !== '') return false;
  return true;
}
/**
 * Session 12: how many of the customer's messages right before the current fallback streak (at most `max`) were questions
 * the bot understood as an intent (memory.intents, newest last: the streak's own messages are its last
 * `fallbacksInRow` entries).
 */
function understoodBefore(memory: EscalationMemory, max: number): number {
  const intents = memory.intents;
  if (max <= 0 || intents === undefined) return 0;
  let n = 0;
  for (let i = intents.length - 1 - memory.fallbacksInRow; i >= 0 && n < max && !noIntent(intents[i]); i--) n++;
  return n;
}

/**
 * Session 7 (lever 2): the fallback streak that is handing over is one request asked `count` times. By the definitions,
 * a loop is the same request asked `count` times, and repeated fallbacks are `count` messages in a row the bot could not
 * use; when both hold, the loop says more (what the customer keeps asking), so it is named. Called only when repeated
 * fallbacks fire (it never makes a conversation escalate that would not): this message and the `count - 1` questions
 * before it in the streak each name a subject of the one before (a word, not just "order" or an order number: "my order
 * of bed sheets" / "that is the tablecloth order, I mean the bed sheets" / "the sheets, not the tablecloth") and no two
 * name different order numbers. Three different questions in a row ("ship to Spain?" / "gift wrap?" / "student
 * discount?") share nothing and stay repeated fallbacks, and neither do questions wanting different kinds of answer.
 */
export function streakLoop(facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory, throughout = false): Signal | null {
  const need = policy.loop.count - 1;
  if (!policy.loop.enabled || !facts.fallback || memory.recent.length < need) return null;
  // Session 12 (escloop): the askings may begin with questions the bot understood and answered right before the failed
  // ones ("how long to ship to Spain" answered, then "delivery time Madrid" / "if I order now when does it get to me in
  // Spain" failed): the answer did not help and the customer asks again; memory.intents says which were understood.
  // Then the customer must ask nothing new (no follow-up opening, no thanks) and want one kind of answer throughout
  // ("can I pay with a gift card" / "can I combine a gift card with a card" / "how do I check the balance" are three).
  let answered = Math.max(0, need - memory.fallbacksInRow);
  // Session 26 (shopfb): the askings before the counted streak may be failed messages that counted nothing (a "detail"
  // of the shop request, detectRepeatedFallback.detailOfShopRequest: "Mas, can I see the price in Rupiah?" / "currency
  // change to IDR" / "price in Rupiah is possible?"), not answered ones: when repeated fallbacks would hand over
  // (not `throughout`) and this asking goes back to the first one's subject, the three are one request (see `quiet` below).
  let quiet = false;
  if (answered > 0 && understoodBefore(memory, answered) < answered) {
    if (throughout || !failedBefore(memory, answered)) return null;
    answered = 0;
    quiet = true;
  }
  const earlier = memory.recent.slice(-need);
  const own = analysisConcepts(facts.analysis);
  const lists = [...earlier.map((e) => questionConcepts(e)), own];
  const texts = [...earlier, facts.analysis.normalized];
  const byModel: SameRequestLink[] = [];
  // A quiet asking between counts as the request said again only when this asking goes back to the first one's subject
  // and none of them says something new (a follow-up opening, a thanks: newInformation).
  if (quiet && (!backToEarlierSubject(lists, lists.length - 1) || newInformation(facts.analysis.normalized) || earlier.some(newInformation))) return null;
  for (let i = 1; i < lists.length; i++) {
    if (!sameReferences(lists[i - 1], lists[i])) return null;
    if (shareSubject(subjectOf(lists[i - 1]), subjectOf(lists[i]))) continue;
    // Session 25 (loopfb): when repeated fallbacks already hand over, an asking may go back to the subject of an earlier
    // one rather than the one just before ("the 30 day return, do weekends count" / "I know it's 30 days, do Saturdays
    // and Sundays count in it" / "weekends included?"): the customer keeps at one request, so the loop is named. Only
    // names the handoff that happens anyway (all labelled corpora: 11 loops named, 2 repeated fallbacks named loops).
    if (!throughout && backToEarlierSubject(lists, i)) continue;
    if (quiet && i < lists.length - 1) continue;
    // Session 20 (escloop): when repeated fallbacks already hand over (not `throughout`), two askings that share no subject
    // word may still be one request in other words ("is my jacket on its way" / "has the coat been sent out" / "any sign of
    // that parka leaving yours"): the learned same-request model links them (streakModelLink). This only names the handoff
    // that happens anyway, so it costs no ordinary conversation.
    const link = throughout ? null : streakModelLink(texts[i - 1], texts[i], facts, memory);
    if (link === null) return null;
    byModel.push(link);
  }
  // Session 8: `throughout` (when repeated fallbacks did not fire, so the loop is the only reason to hand over): one
  // subject in every asking ("the jumper" three times), not a chain of follow-ups ("return a dress?" / "is return
  // postage free?" / "can I drop it at a store instead of posting?": return, then postage, then posting).
  if (throughout) {
    const first = subjectOf(lists[0]);
    if (!first.some((c) => lists.every((l) => subjectOf(l).some((x) => x === c || conceptMatches(c, x))))) return null;
  }
  // One request wants one kind of answer: "can I collect in store?" / "which stores offer collection?" / "is click and
  // collect free?" are three questions about collection (yes-no, which, yes-no), not one asked three times.
  // Session 8: "how do I change X" and "can I swap X" ask for one thing to be done (how / yes-no are one kind here).
  const kinds = new Set([...earlier, facts.analysis.normalized].map((t) => questionType(t)).filter((k) => k !== null).map((k) => (k === 'how' && answered === 0 ? 'yesno' : k)));
  if (kinds.size > 1) return null;
  if (answered > 0 && (newInformation(facts.analysis.normalized) || earlier.some(newInformation))) return null;
  // A hand-built request family that reads the askings as different things ("can I return sale items?" / "do I need the
  // receipt to return?" / "can I return it in a store?") keeps them apart.
  if (answered > 0) {
    const all = [...earlier, facts.analysis.normalized];
    for (let i = 1; i < all.length; i++) if (requestFamilyApart(all[i - 1], all[i])) return null;
  }
  // An answered asking is a question in words, not a topic picked like a button ("Shipping", then two other questions).
  if (answered > 0 && earlier.slice(0, answered).some((e) => wordsBelow(e, MIN_REPEAT_TOKENS))) return null;
  const linked = byModel.length === 0 ? '' : `; the learned same-request model links ${byModel.map((l) => `"${l.earlier}" (${l.score.toFixed(2)})`).join(' and ')} to the asking after`;
  const what = answered === 0
    ? 'the bot could not answer any of them'
    : `the bot answered the first${answered > 1 ? ` ${answered}` : ''} (${answeredEntries(memory, answered).map(answeredAs).join(', then ')}) and could not use the rest`;
  return {
    reason: 'loop',
    score: 1,
    threshold: policy.loop.count,
    evidence: [facts.analysis.normalized, ...earlier],
    turn: facts.turn,
    explanation: `The customer asked about the same thing ${policy.loop.count} times and ${what} ("${earlier.join('", "')}" then "${facts.analysis.normalized}"${linked}).`,
  };
}

/**
 * Session 20 (escloop): the learned model's score at which two failed askings in a fallback streak that share no subject
 * word are one request asked again (see streakLoop). Chosen leave-one-writer-out on the development corpora: for each of
 * the 19 writers with such streaks, the threshold that named the most loops minus lost repeated fallbacks on the other
 * writers (0.55 for 18 of them, 0.5 for one); held-out total 21 loops named, 4 repeated fallbacks named loops.
 */
export const STREAK_SAME_REQUEST = 0.55;
/** Whether asking `i` shares a subject word with an asking before the one just before it (and names the same orders). */
function backToEarlierSubject(lists: readonly (readonly string[])[], i: number): boolean {
  const own = subjectOf(lists[i]);
  for (let j = 0; j < i - 1; j++) if (sameReferences(lists[j], lists[i]) && shareSubject(subjectOf(lists[j]), own)) return true;
  return false;
}
/**
 * The model's link between two consecutive failed askings of a streak, or null. Not when a miss of the streak or this
 * message reads off-topic for the shop (in-domain score under IN_SHOP_REQUEST): the model scores unrelated requests the shop
 * cannot serve as alike ("can you do currency exchange" / "do you sell sim cards" / "can I top up an octopus card").
 */
function streakModelLink(
  earlier: string,
  later: string,
  facts: Pick<TurnFacts, 'analysis'>,
  memory: EscalationMemory,
  threshold = STREAK_SAME_REQUEST,
): SameRequestLink | null {
  if (offTopicMissInStreak(memory) || inDomainScore(facts.analysis) < IN_SHOP_REQUEST) return null;
  const links = askedAgainByModel(later, [earlier], true, 1, threshold, modelApart);
  return links === null ? null : links[0];
}

/**
 * Session 25 (loopfb): whether a message the bot could not use asks the failed question just before it again in other
 * words, where the concept rules (asksSameSubjectAgain) see no shared subject: the learned same-request model links the
 * two at its own threshold (SAME_REQUEST_THRESHOLD, 0.97, chosen leave-one-writer-out when it was trained), not at the
 * looser STREAK_SAME_REQUEST that only names a handoff already happening. "Do you send to Madeira?" / "Madeira, Portugal.
 * The island." and "bhai the new air fryer coming soon, can i pre order" / "pre order, book it before it come in stock"
 * are linked; "What's the SQL to join two tables" / "how do I revert a git commit" and "is the lamp very bright" / "does
 * it have a switch on the cable" are not. Only inside a fallback streak (the question before failed too), and not when a
 * miss of the streak or this message reads off-topic for the shop (see streakModelLink).
 */
export function failedAskingAgainByModel(analysis: TextFacts, memory: EscalationMemory): boolean {
  if (memory.fallbacksInRow <= 0 || memory.recent.length === 0 || analysis.tokens.length > MAX_FUZZY_TOKENS) return false;
  return streakModelLink(memory.recent[memory.recent.length - 1], analysis.normalized, { analysis }, memory, SAME_REQUEST_THRESHOLD) !== null;
}
