/**
 * Session 26 (topicfe, issue 11): a word of hurry the customer takes back in the same message, before an ordinary
 * question. Pure; the checks run only after an urgency word was found.
 *
 *  - A joke said with the hurry word: "urgent question lol: is the green sofa the same green as in the photo",
 *    "need this info asap lol no jk but what wattage is the microwave", "Need to know ASAP-ish (not really) - do you gift
 *    wrap?", "The EMERGENCY is that I've run out of coffee filters 😅 do you sell the size 4 ones?". Read only when the
 *    message also asks something, names no time (today, tonight, tomorrow, now: "need this by 2nite or im dead lol" keeps
 *    its urgency through the deadline), has no word of harm, no angry emoji and is not shouted.
 *  - Excitement: "can't wait!!", "cant wait 🥳", "Can't wait for my new duvet!!": an exclamation or a happy emoji right
 *    after "can't wait" (only "for" and what is awaited between), not "I can't wait any longer!" nor "can't wait all day";
 *    or (session 37) a word of excitement or a happy emoji anywhere in the message (excitedMessage).
 */
import { paddedTokens } from './canonicalTokens';
import { LAUGH } from './laugh';

const JOKE_WORDS = new Set(['jk', 'joking', 'kidding', 'jking', 'jokin', 'kiddin']);
/** A playful emoji (laughing, winking, sweating smile, party). */
const PLAYFUL_EMOJI = /[\u{1F605}\u{1F602}\u{1F923}\u{1F61C}\u{1F609}\u{1F648}\u{1F606}\u{1F973}\u{1F61D}]/u;
const ANGRY_EMOJI = /[🤬😡😠🖕💢👿😤]/u;
/** A time the customer names: the hurry may be real even with a laugh. */
const TIME_WORDS = new Set(['today', 'tonight', 'tomorrow', 'tmrw', 'tmr', '2nite', '2day', '2moro', 'now', 'morning', 'afternoon', 'evening', 'weekend', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'hour', 'hours', 'minutes', 'mins', 'deadline']);
/** The customer asks something (without a question mark: "do you have the warm white ones"). */
const ASKS = / (?:do you|does it|does the|do they|is the|is it|is there|are the|are they|can i|can you|could you|what|whats|which|how|where|when|any chance) /;
/** A word of harm or danger: the hurry may be real whatever the laugh. */
const HARM = new Set(['fire', 'smoke', 'burning', 'burnt', 'burned', 'hurt', 'injured', 'injury', 'bleeding', 'blood', 'hospital', 'ambulance', 'choking', 'shock', 'sparking', 'sparks', 'gas', 'leak', 'leaking', 'flood', 'flooding', 'police', 'stolen', 'hacked', 'fraud', 'scam']);

/** The joke marker that takes a hurry word back, or null. `toks`: canonical tokens; `text`: the raw message. */
export function jokeMarker(toks: readonly string[], text: string): string | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (LAUGH.test(t)) return t;
    // ("are you kidding me" is exasperation, not the customer's own joke.)
    if (JOKE_WORDS.has(t) && toks[i - 1] !== 'you' && toks[i - 2] !== 'you' && toks[i + 1] !== 'me' && toks[i - 1] !== 'not') return t;
    if (t === 'not' && toks[i + 1] === 'really' && (toks[i - 1] === 'ish' || i === toks.length - 2 || toks[i + 2] === 'do' || toks[i + 2] === 'but')) return 'not really';
  }
  const e = PLAYFUL_EMOJI.exec(text);
  return e === null ? null : e[0];
}

/**
 * Why the urgency word is taken back by a joke (a phrase for the explanation), or null. Only for the lexical hurry
 * words (urgent, asap, emergency...), never for a deadline or a crisis.
 */
export function hurryTakenBack(toks: readonly string[], text: string, shouting: number): string | null {
  const marker = jokeMarker(toks, text);
  if (marker === null) return null;
  if (shouting >= 0.7 || ANGRY_EMOJI.test(text)) return null;
  if (!text.includes('?') && !ASKS.test(paddedTokens(toks))) return null;
  for (const t of toks) if (TIME_WORDS.has(t) || HARM.has(t)) return null;
  return marker;
}

/** "can't wait" then only "for" and what is awaited, then "!" or a happy emoji: excitement, not a hurry. */
const EXCITED = /\b(?:can ?not|can'?t|can’t|cannot|cant)\s+wait\b((?:\s+for(?=(\s+))\2[^.!?\n]{1,40}?(?=\s*(?:!|[\u{1F973}\u{1F60D}\u{1F929}\u{1F60A}\u{263A}\u{1F389}\u{2764}\u{1F495}\u{1F601}\u{1F600}\u{1F603}\u{1F604}\u{1F970}\u{1F64C}]))|\s+for\s+[^\S\n](?=\n*(?:!|[\u{1F973}\u{1F60D}\u{1F929}\u{1F60A}\u{263A}\u{1F389}\u{2764}\u{1F495}\u{1F601}\u{1F600}\u{1F603}\u{1F604}\u{1F970}\u{1F64C}])))?)\s*(?:!|[\u{1F973}\u{1F60D}\u{1F929}\u{1F60A}\u{263A}\u{1F389}\u{2764}\u{1F495}\u{1F601}\u{1F600}\u{1F603}\u{1F604}\u{1F970}\u{1F64C}])/iu;
const NOT_EXCITED = /\b(?:longer|anymore|any more|forever|another|all day|refund|money|much|ages|days|weeks|hours)\b/i;
/**
 * Session 37 (fe): the message says the customer is excited anywhere (a word of excitement, a happy emoji, a laugh), as
 * "Oh I'm SO excited ... honestly I can't wait, I've been saving for months!", "I literally cannot wait any longer to see
 * the sofa 😄", "I can't wait already for my order hehe": the wait is looked forward to, whatever follows it. Not with an
 * angry emoji, a word of harm, or a wait the customer is kept in ("all day", "forever", "still", "refund", "money").
 */
const EXCITED_WORD = /\b(?:excited|exciting|excitement|thrilled|buzzing|stoked|yay+|woo+|(?:he){2,}h?|(?:ha){2,}h?|lo+l)\b/i;
const HAPPY_EMOJI = /[\u{1F973}\u{1F60D}\u{1F929}\u{1F60A}\u{263A}\u{1F389}\u{1F495}\u{1F601}\u{1F600}\u{1F603}\u{1F604}\u{1F970}\u{1F64C}\u{1F606}]/u;
const KEPT_WAITING = /\b(?:all day|forever|still|ages|refund|money|waiting since|been waiting)\b/i;
function excitedMessage(text: string): boolean {
  if (!EXCITED_WORD.test(text) && !HAPPY_EMOJI.test(text)) return false;
  if (ANGRY_EMOJI.test(text) || KEPT_WAITING.test(text)) return false;
  for (const t of text.toLowerCase().split(/[^a-z]+/)) if (HARM.has(t)) return false;
  return true;
}
export function excitedWait(text: string): boolean {
  const m = EXCITED.exec(text);
  return (m !== null && !NOT_EXCITED.test(m[1])) || excitedMessage(text);
}

/**
 * A time said back: a sentence made only of acknowledgements and a time ("oh lush, tomorrow then", "before 2, right. ta",
 * "tomorrow? nice.", "ok 6.95. before 2pm"): the customer repeats the day or the cut-off the bot gave. True when every
 * sentence of the message that names a time has nothing else in it, an acknowledgement stands in it or in a sentence next
 * to it, and no sentence with a time has a word of the customer's own ("I need it tomorrow", "tomorrow please", "can it
 * come before 2?", "tomorrow!!" keep their reading). `tokensOf`: the canonical tokens of a piece of text.
 */
const ACK = new Set(['ok', 'okay', 'k', 'oh', 'ah', 'right', 'alright', 'great', 'nice', 'lush', 'brill', 'brilliant', 'lovely', 'cool', 'perfect',
  'fine', 'ta', 'thanks', 'cheers', 'yes', 'yeah', 'yep', 'good', 'sweet', 'grand', 'super', 'noted', 'gotcha']);
/** Words that neither acknowledge nor add anything ("tomorrow then", "so it's thursday"). */
const NEUTRAL = new Set(['then', 'so', 'it', 'is', 'its', 's', 'that', 'the', 'a', 'thank', 'you', 'u', 'mate', 'love', 'pet', 'hun']);
const DAY_OR_CLOCK = /^(?:today|tonight|tomorrow|tmrw|monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|midday|\d{1,2}(?:[:.]\d{2})?(?:am|pm)?)$/;
const TIME_GLUE = new Set(['before', 'by', 'at', 'next', 'day', 'on']);
const AMOUNT = /^[£$€]?\d+(?:[.,]\d{1,2})?$/;
export function timeSaidBack(text: string, tokensOf: (s: string) => readonly string[]): boolean {
  if (/!{2,}/.test(text)) return false;
  const kinds: ('time' | 'echo' | 'ack' | 'other')[] = [];
  for (const piece of text.split(/[!?\n;]+|\.(?!\d)/)) {
    const toks = tokensOf(piece);
    if (toks.length === 0) continue;
    let time = false;
    let ack = false;
    let other = false;
    for (const t of toks) {
      if (DAY_OR_CLOCK.test(t)) time = true;
      else if (ACK.has(t)) ack = true;
      else if (!TIME_GLUE.has(t) && !NEUTRAL.has(t) && !AMOUNT.test(t)) other = true;
    }
    if (time && other) return false;
    kinds.push(time ? (ack ? 'echo' : 'time') : ack && !other ? 'ack' : 'other');
  }
  let any = false;
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] === 'echo') any = true;
    else if (kinds[i] === 'time') {
      const near = (k: string | undefined) => k === 'ack' || k === 'echo';
      if (!near(kinds[i - 1]) && !near(kinds[i + 1])) return false;
      any = true;
    }
  }
  return any;
}

/**
 * "Today" said in passing: in a greeting ("how are you today?", "hope you're well today") or about the weather ("the
 * weather here a disaster today, rain rain rain"), not the customer's deadline. True when no "today" is left once those
 * are taken out. `toks`: canonical tokens.
 */
const TODAY_IN_PASSING = / how (?:are|r|is) (?:you|u|ya|yous|your day|ur day|it going)(?: doing| keeping| getting on| all)? today\b| (?:hope|hoping|trust) (?:you|u|ya)(?: are| re| r| have been| ve been)? (?:well|good|ok|okay|keeping well|having a (?:good|nice|great|lovely) day|doing well) today\b| (?:weather|rain|raining|rainy|sunny|hot|cold|windy|snowing|freezing|miserable|grey|gray|storm|stormy)(?: \w+){0,5} today\b| today(?: \w+){0,3} (?:weather|rain|raining|sunny|windy|snowing|freezing)\b/g;
const NEED = new Set(['need', 'needs', 'needed', 'must', 'asap', 'urgent', 'urgently', 'desperate', 'desperately', 'hurry', 'quick', 'quickly', 'emergency', 'stuck', 'waiting', 'late']);
export function todayInPassing(toks: readonly string[]): boolean {
  const padded = paddedTokens(toks);
  if (!padded.includes(' today')) return false;
  const rest = padded.replace(TODAY_IN_PASSING, ' ');
  if (rest === padded || / today\b/.test(rest)) return false;
  for (const t of toks) if (NEED.has(t)) return false;
  return !/ (?:have|has|got) to /.test(padded);
}

/**
 * Session 32 (fe, issue 11): the shop's order cut-off. "if i order before 2 does it come tomorrow", "an if mi order by 1
 * o'clock today fi next day?", "thanks, will order before 2": the time is when the customer places the order to catch
 * next-day delivery, a question about the shop's schedule, not a deadline of their own. True when the message names that
 * cut-off and no word of need ("need", "must", "asap"...), "in time" or an occasion (birthday, wedding, funeral...):
 * "I need it tomorrow, if I order before 2 will it come?" keeps its deadline. `toks`: canonical tokens.
 */
const CUT_OFF = / (?:order|orders|ordering|ordered|buy|checkout|check out)(?: it| now| today| this)? (?:before|by) (?:\d{1,2}(?: ?(?:am|pm|o ?clock|oclock))?|half \d{1,2}|noon|midday)\b/;
const OCCASION = new Set(['birthday', 'bday', 'wedding', 'funeral', 'party', 'christmas', 'xmas', 'anniversary', 'event', 'trip', 'holiday', 'flight', 'moving', 'gift', 'present']);
export function orderCutOff(toks: readonly string[]): boolean {
  const padded = paddedTokens(toks);
  if (!CUT_OFF.test(padded)) return false;
  for (const t of toks) if (NEED.has(t) || OCCASION.has(t)) return false;
  return !/ (?:in time|have to|has to|got to) /.test(padded);
}

/**
 * Session 35 (fe, issue 11): a delivery time the customer offers or asks about as a choice, not a deadline of theirs.
 *  - When they are in or free to take it ("I am free on Friday, can courier come Friday", "off on Mondays", "not home on
 *    Friday"): when a delivery suits them.
 *  - A weekday put as an option ("Monday is possible?", "delivery on Saturday ok?", "Sunday delivery available?"): a day
 *    picked from what the shop offers (only a weekday or the weekend: "today possible?" and "tomorrow possible?" ask for it
 *    soon).
 *  - Either side of a time ("will it come before lunch or after?", "before 6pm or after"): the customer asks which.
 * True when the message names such a time and no word of need ("need", "must", "asap", "hurry"...), "have to", "in time"
 * or an occasion (birthday, wedding, flight...): "I'm only home on Friday and need it for my son's party" keeps its
 * deadline. Returns the token positions of those times (the caller checks that no other time is a deadline), or null.
 * `toks`: canonical tokens.
 */
const CHOICE_DAY = '(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekends?|the weekend)';
const TIME_CHOICES = [
  new RegExp(` (?:free|home|available|off|around|about|back|at home|in) on ${CHOICE_DAY}\\b| (?:free|home|available|off|around|at home) (?:all day |this |next )?${CHOICE_DAY}\\b`, 'g'),
  new RegExp(` ${CHOICE_DAY} (?:delivery |instead |for delivery )?(?:is |be |would be |will be |are )?(?:possible|ok|okay|fine|available|good|alright|all right)\\b`, 'g'),
  new RegExp(` (?:delivery|deliver|delivered|come|courier|driver) (?:on )?${CHOICE_DAY} (?:is |be |would be |will be )?(?:possible|ok|okay|fine|available|good|alright)\\b`, 'g'),
  / (?:before|after|by) (?:\S+ ){1,2}or (?:after|before|later)\b| (?:before|after) or (?:before|after) (?:\S+ ){1,2}/g,
];
const CHOICE_NEED = new Set([...NEED, 'latest', 'deadline', 'important', 'required', 'soon', 'sooner', 'earlier', 'faster', 'express', 'leave', 'leaving', 'fly', 'flying', 'travel', 'travelling', 'interview', 'exam', 'surprise', 'christening', 'graduation']);
const NOT_NEEDED = new Set(['not', 'no', 'dont', 'never', 'nt']);
const DAY_NAME = /^(?:mon|tues|wednes|thurs|fri|satur|sun)days?$|^weekends?$/;
export function timeAsChoice(toks: readonly string[]): number[] | null {
  const padded = paddedTokens(toks);
  let at: number[] | null = null;
  for (const re of TIME_CHOICES) {
    for (const m of padded.matchAll(re)) {
      // Tokens of the match: the words before it are counted by their spaces (the line opens with one).
      const first = padded.slice(0, m.index + 1).split(' ').length - 2;
      const n = m[0].trim().split(' ').length;
      at ??= [];
      for (let k = first; k < first + n; k++) at.push(k);
    }
  }
  if (at === null) return null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (OCCASION.has(t)) return null;
    // (A need said not to be one is none: "I don't need to speak to anyone, just want to know if it comes before 6pm or after".)
    if (CHOICE_NEED.has(t) && !NOT_NEEDED.has(toks[i - 1] ?? '') && !NOT_NEEDED.has(toks[i - 2] ?? '')) return null;
  }
  if (/ (?:in time|have to|has to|got to) /.test(padded)) return null;
  // The day chosen, named again, is the same day ("I am free on Friday, can courier come Friday").
  const days = new Set(at.map((k) => toks[k]).filter((t) => DAY_NAME.test(t)));
  for (let i = 0; i < toks.length; i++) if (days.has(toks[i]) && !at.includes(i)) at.push(i);
  return at;
}
