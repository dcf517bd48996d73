/**
 * Session 12 (escmsg, issue 11): the customer tells a bad experience that is not theirs with this shop (someone else's,
 * or one with another shop) and then asks the shop an ordinary question: "my brother had a terrible experience with a
 * parcel lost in another courier's depot, so I ask, do you use tracking?", "one of my students had a horrible time with
 * a different shop losing her order, so she asked me to check if you send tracking numbers", "my friend had a parcel
 * broken from other shop. You put protection for glass things?". The negative words (or the damage) belong to the story,
 * not to the customer's mood about this shop or their own case.
 *
 * Read only when all of these hold:
 *  - the shop is addressed ("you", "your", "northwind") and every clearly negative word comes before that;
 *  - before it, the story is placed elsewhere ("another shop", "a different company", "some other place", "elsewhere")
 *    or is someone else's experience told as such ("my neighbour had a terrible time", "a client told me...");
 *  - the customer asks something (a question mark, or "check if", "wondering", "just checking");
 *  - the customer's own order is not in the story ("my order", "I ordered", "mine"), nothing is compared with this shop
 *    ("than", "unlike", "same as", "worse") and no angry emoji or shouting.
 * Pure; one Set look-up per token before any pattern runs.
 */
import { lexiconValence } from '../nlu/sentiment';
import { analyzeText } from '../nlu/analyzeText';
import { paddedTokens } from './canonicalTokens';
import { asMeasured, dropNearMissesSince, nearMissMark, reportNearMiss } from './nearMisses';
import type { Signal, TurnFacts } from './types';

/** Words that address this shop or its bot. */
const ADDRESSED = new Set(['you', 'your', 'yours', 'yourselves', 'yall', 'ye', 'yous', 'youse', 'northwind']);
/** The story happened at another shop. */
const ELSEWHERE = / (?:another|other|different|some other|some|a|an)(?: different| other)? (?:shop|shops|store|stores|place|places|company|companies|site|sites|website|websites|retailer|retailers|seller|sellers|courier|couriers|brand|brands|online shop|supplier|firm|marketplace)\b| elsewhere\b/;
/** Someone else's experience, told as theirs ("my mate had the worst time", "a client told me", "my sister buy from"). */
const PERSON = '(?:friend|mate|pal|neighbour|neighbor|sister|brother|mum|mom|mam|mother|dad|father|son|daughter|wife|husband|partner|cousin|aunt|auntie|uncle|nan|gran|grandma|grandad|colleague|coworker|co worker|boss|client|customer|student|caller|flatmate|housemate|girlfriend|boyfriend|kid|niece|nephew)s?';
const SOMEONE_ELSES = new RegExp(` (?:my|our|a|one of my|one of our|his|her|their) (?:\\w+ )?${PERSON} (?:\\w+ ){0,2}(?:had|has|have|was|were|got|is|been|told|tells|said|says|asked|went)\\b`);
/** ... told as an experience of theirs, not an order the customer shares ("my sister ordered a lamp for me and it came broken"). */
const TOLD_AS_THEIRS = / (?:experience|experiences|time|story|nightmare|ordeal|told me|tells me|going off|moaning|complaining)\b/;
/** The customer asks something. */
const ASKING = / (?:check if|checking|wondering|wonder if|so i ask|i ask|want to know|wanted to know|asking)\b/;
/** The customer's own order with this shop is in the story, or the shop is compared with the other one. */
const OWN_OR_COMPARED = / (?:my|our) (?:order|orders|parcel|parcels|package|delivery|refund|money|account)\b| (?:i|we) (?:ordered|bought|paid|have been waiting|am still waiting)\b| mine\b| than\b| unlike\b| compared\b| same as\b| just like\b| worse\b| as bad\b/;
const ANGRY = /[🤬😡😠🖕💢👿🙄😤😒👎🤡]/u;
const NEGATIVE_WORDS = new Set(['lost', 'losing', 'broken', 'broke', 'damaged', 'smashed', 'never', 'stolen', 'scam', 'scammed', 'useless', 'worst', 'awful', 'terrible', 'horrible', 'nightmare', 'mayhem', 'paranoid']);

/**
 * Why the message's negative words belong to someone else's story or another shop's (a short phrase for a near miss),
 * or null. `toks`: canonical tokens; `text`: the raw message (question mark, emoji); `shouting`: the analysis' share.
 */
export function othersStory(toks: readonly string[], text: string, shouting = 0): string | null {
  let addressed = -1;
  for (let i = 0; i < toks.length; i++) {
    if (ADDRESSED.has(toks[i])) {
      addressed = i;
      break;
    }
  }
  if (addressed <= 2) return null;
  // Every clearly negative word comes before the shop is addressed.
  for (let i = addressed; i < toks.length; i++) {
    if (NEGATIVE_WORDS.has(toks[i]) || (lexiconValence(toks[i]) ?? 0) <= -1.5) return null;
  }
  if (shouting >= 0.7 || ANGRY.test(text)) return null;
  const story = ` ${toks.slice(0, addressed).join(' ')} `;
  const padded = paddedTokens(toks);
  if (!text.includes('?') && !ASKING.test(padded)) return null;
  if (OWN_OR_COMPARED.test(padded)) return null;
  const place = ELSEWHERE.exec(story);
  if (place !== null) return place[0].trim();
  const person = SOMEONE_ELSES.exec(story);
  if (person !== null && TOLD_AS_THEIRS.test(story.slice(person.index))) return person[0].trim();
  return null;
}

/**
 * Session 15 (escmsg, issue 11): **a remark about something else, closed by a change of subject** before an ordinary
 * question ("Buses in Glenrothes are a shambles, took me an hour tae get hame. Anyway, can I get ma parcel delivered tae
 * the Co-op pickup instead?", "Blowing a hoolie here today ... Anyway, that's my problem not yours. Could you tell me if
 * the planters are back in stock?", "It's raining here today. Anyway, I wanted to ask about the gift wrapping."). What
 * comes before "anyway" (or "anyhow", "any road", "rant over", "moving on") is about the weather, the boss or the buses:
 * the message-level detectors read only what comes after it. Only when the words before it name nothing of the shop
 * (you, your, the order, the parcel, the delivery, the site, the bot...) and the words after it ask something: "you lot
 * are useless, anyway where's my order?" is about the shop, and "Nobody reads it anyway" or "thanks anyway" changes no
 * subject. Returns the marker and the text after it, or null.
 */
const SUBJECT_CHANGE = /(?:^|[.,!;:\u2026]\s*|\s(?:but|so|ok|okay)\s+|\s[-\u2013\u2014]\s*)(anyway|anyways|anyhow|any road|rant over|moving on)\b[\s,.!:;\u2026-]*(?=\S)/i;
const OF_THE_SHOP = /\b(?:you|your|yours|yous|youse|ye|ya|u|ur|yall|northwind|orders?|ordered|parcels?|packages?|deliver(?:y|ies|ed)?|couriers?|drivers?|refunds?|tracking|shop|store|website|site|app|bot|chat|chatbot|items?|products?|box|purchase|bought|paid|payment|account)\b/i;
const ASKS_AFTER = /\?|^(?:(?:that'?s|thats) my problem not yours[.,!]*\s*)?(?:can|could|would|will|do|does|did|is|are|what|whats|what's|where|wheres|where's|when|how|which|who|any|i want|i wanted|i need|i'd like|id like|i would like|i was wondering|just wanted|just need|just wondering|please|pls|quick q)\b/i;
export function changeOfSubject(text: string): { marker: string; after: string } | null {
  const m = SUBJECT_CHANGE.exec(text);
  if (m === null) return null;
  const before = text.slice(0, m.index + (m[0].length - m[0].trimStart().length)).trim();
  const after = text.slice(m.index + m[0].length).trim();
  if (before.split(/\s+/).length < 3 || after.length === 0) return null;
  if (OF_THE_SHOP.test(before) || !ASKS_AFTER.test(after)) return null;
  return { marker: m[1].toLowerCase(), after };
}

/**
 * Session 45 (emerg, hostile s45 L2): the request after an aside closed by a change of subject, for an intent router to
 * match ("I was out of breath laughing at your ad, anyway where is NW-104233", "anyway where is my order", "rant over.
 * where is NW-104233?"). Unlike changeOfSubject, the aside may name the shop ("your ad") or be nothing at all (a leading
 * "anyway"): what the customer wants is what they ask after turning to it, and the aside's words only dilute the match.
 * The words after the marker must ask something (ASKS_AFTER); "thanks anyway" or "nobody reads it anyway" changes
 * nothing. Null when there is no such turn.
 */
export function requestAfterAside(text: string): string | null {
  const m = SUBJECT_CHANGE.exec(text);
  if (m === null) return null;
  const after = text.slice(m.index + m[0].length).trim();
  return after !== '' && /\p{L}/u.test(after) && ASKS_AFTER.test(after) ? after : null;
}

/**
 * A detector's signal, read again on the words after a change of subject (changeOfSubject): kept when the words after it
 * still fire it (the signal with the whole message's evidence is returned), otherwise a near miss that says why, and null.
 * Messages without such a change (nearly all) cost one regular expression.
 */
export function keptAfterChangeOfSubject(facts: TurnFacts, signal: Signal, read: (f: TurnFacts) => Signal | null): Signal | null {
  const shift = changeOfSubject(facts.analysis.text);
  if (shift === null) return signal;
  const mark = nearMissMark();
  const again = read({ ...facts, text: shift.after, analysis: analyzeText(shift.after) });
  dropNearMissesSince(mark);
  if (again !== null) return signal;
  reportNearMiss({ ...signal, explanation: `Near miss: ${asMeasured(signal.explanation)}, but those words come before a change of subject ("${shift.marker}") and name nothing of the shop, and what follows asks the shop something, so it does not fire.` });
  return null;
}

/**
 * Session 16 (escmsg, issue 11): a message that opens with sentences naming nothing of the shop, its bot or the
 * customer's order with it (OF_THE_SHOP), then turns to the shop and asks something: the shop's sentences, or null. The
 * learned negative reading of a long ordinary message often comes from such an opening story ("last year I left it all
 * really late and it was chaos, so I'm going through a few websites ... can you tell me your returns policy?", "I'm an
 * absolute disaster with passwords ... does it come assembled?"). Null when a sentence after the turn names nothing of
 * the shop ("Where is my parcel? Already 3 weeks!!!", "... Unbelievable."): a verdict after the facts is about them.
 */
const STORY_WORDS = 6;
export function shopSentences(text: string): string | null {
  // (A change of subject, "... Anyway, can I ...", is read by keptAfterChangeOfSubject, with its own near miss.)
  if (changeOfSubject(text) !== null) return null;
  const parts = text.split(/(?<=[.!?\n\u2026])\s+|\s*\|\|\s*/).map((p) => p.trim()).filter((p) => /[a-z]/i.test(p));
  if (parts.length < 2) return null;
  const first = parts.findIndex((p) => OF_THE_SHOP.test(p));
  if (first < 1) return null;
  const rest = parts.slice(first);
  if (rest.some((p) => !OF_THE_SHOP.test(p))) return null;
  if (parts.slice(0, first).join(' ').split(/\s+/).length < STORY_WORDS) return null;
  if (!rest.some((p) => p.includes('?') || ASKS_AFTER.test(p))) return null;
  return rest.join(' ');
}
