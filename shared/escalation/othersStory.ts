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
import { paddedTokens } from './canonicalTokens';

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
