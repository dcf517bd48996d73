/**
 * urgency: the customer says they are in a hurry. Two sources (the designer's variable rules, e.g.
 * departureTime within_minutes 20, are edge-triggered and live in evaluateRuleSignals):
 *  - urgency words ("urgent", "asap", "right away", "can't wait"...) and the designer's own phrases;
 *  - deadlines: "in 15 minutes", "within the hour", "leaves in 20 mins", "10 minutes left" (<= 60 minutes
 *    or <= 2 hours).
 * Words and deadlines are ignored when the customer says the opposite ("no rush", "not urgent",
 * "whenever", "take your time") or negates the word just before it ("not an emergency").
 * "right now" / "this minute" only count in a demand ("I need it sorted right now", "fix it right now"):
 * in a statement about the customer ("I'm so angry right now", "I'm at work right now") they describe the
 * present moment, not a deadline.
 */
import { keptAfterChangeOfSubject } from '../othersStory';
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';
import { normalizeText } from '../../nlu/normalizeText';
import { addressFreeFacts } from '../addressFree';
import { emergencySpellingOf, emergencyWordOf } from '../emergencySpelling';
import { analyzeText } from '../../nlu/analyzeText';
import { INVISIBLE_CHAR, INVISIBLE_CLASS } from '../../engine/unicodeText';
import { stemTokens } from '../../nlu/stem';
import { canonicalTokens, canonicalizeText, hasGateWord, joinedTokens, paddedTokens, tokenGate } from '../canonicalTokens';
import { phraseMatcher, type PhraseMatcher } from '../phraseMatcher';
import type { TextAnalysis } from '../../nlu/types';
import { arrivalQuestion, estimateQuestion, scheduleQuestion, beforeTodayPast, findDeadline as findNamedDeadline, onlyCounterfactualTimes, onlyHabitTimes, onlyOthersTimes, onlyPastTimes, pastNear, shopRuleQuestion } from '../deadlines';
import { CLASSIFIER_THRESHOLDS } from '../classifier/thresholds';
import { classifierOn, classifierScore, classifierSignal, designerSignal } from '../learnedSignals';
import { asMeasured, reportNearMiss } from '../nearMisses';
import { generalOrHypothetical } from '../topicMeaning';
import { SELF_HARM_NAME, selfHarmIn } from '../selfHarm';
import { fireAsFigure, hazardNow, hazardReading, PRODUCT_HAZARDS } from '../hazardNow';
import { shockNow } from '../shockNow';
import { bodySignIn, mayHoldBodySign } from '../bodyNow';
import { cueAboutEvidence } from '../cueScope';
import { threatNow } from '../threatNow';
import { excitedWait, hurryTakenBack, orderCutOff, timeAsChoice, timeSaidBack, todayInPassing } from '../takenBack';
import { mayHoldSymptom, symptomFrameIn } from '../symptomFrame';
import { NOT_WORDS, negators } from '../negators';
import { PEOPLE_IN_DANGER } from '../people';

const textTokens = (piece: string): string[] => canonicalizeText(normalizeText(piece));

const WORDS = new Set([
  'urgent', 'urgently', 'urgency', 'asap', 'emergency', 'immediately', 'critical', 'hurry', 'desperate', 'desperately',
  // Emergencies happening now: injury, health, fire.
  'bleeding', 'unconscious', 'ambulance', 'choking', '999', '911', '112',
]);
const PHRASES = [
  'right now', 'right away', 'straight away', 'as soon as possible', 'as fast as possible', 'as quickly as possible',
  'can not wait', 'could not wait', 'time sensitive', 'no time', 'running out of time', 'life or death', 'this minute',
  'without delay', 'at once', 'on fire', 'not breathing', 'can not breathe', 'cannot breathe',
  // Session 43 (lead, retest F10): the verb typed without its e ("I can't breath").
  'can not breath', 'cannot breath', 'is smoking', 'are smoking',
  'as we speak', 'as i type', 'this very moment', 'at this moment',
];
const findPhraseIn = phraseMatcher(PHRASES);
const CALM = [
  'no rush', 'no hurry', 'not urgent', 'not an emergency', 'not in a hurry', 'not in any hurry', 'not in a rush',
  'whenever', 'take your time', 'it can wait', 'can wait', 'no need to hurry', 'no need to rush', 'not a big deal',
  'low priority', 'no pressure', 'when you can', 'when you get a chance', 'at your convenience', 'not critical',
  'not time sensitive', 'no urgency', 'in no hurry', 'in no rush', 'no hurry at all', 'no rush at all', 'not at all in a hurry',
  'not in any rush', 'not urgent at all', 'not that urgent', 'not desperate', 'nothing urgent', 'nothing pressing', 'no urgency at all',
  'not pressing', 'no deadline', 'no hurry on this',
  // Round eight: "no particular urgency", "not important, just fun", "not the end of the world either way".
  'no particular urgency', 'no particular rush', 'no particular hurry', 'no real rush', 'no real hurry', 'no real urgency',
  'not important', 'not the end of the world', 'no big deal', 'no biggie', 'no stress',
  // Session 9: calm said with an intensifier ("this is not at all urgent, but...").
  'not at all urgent', 'not remotely urgent', 'not in the least urgent', 'not the least bit urgent', 'by no means urgent',
  'in no way urgent', 'not at all pressing', 'not at all in a rush', 'not really urgent', 'not super urgent', 'not massively urgent',
  // Session 15: Scots "nae" for "no" ("nae hurry on it", "nae rush at all").
  'nae hurry', 'nae rush', 'nae stress', 'nae panic',
];
const findCalm = phraseMatcher(CALM);
/** Phrases that name the present moment and are urgent only inside a demand. */
const MOMENT = new Set(['right now', 'this minute']);
/** Words that make a message a demand or a request for action. */
const DEMAND = new Set([
  'need', 'needs', 'needed', 'want', 'must', 'please', 'fix', 'sort', 'sorted', 'change', 'cancel', 'send',
  'give', 'tell', 'answer', 'respond', 'reply', 'help', 'call', 'stop', 'refund', 'deliver', 'update', 'check',
]);
/** "have to", "has to", "got to": obligation, a demand without a demand word. */
function isDemand(toks: string[]): boolean {
  for (let i = 0; i < toks.length; i++) {
    if (DEMAND.has(toks[i])) return true;
    if ((toks[i] === 'have' || toks[i] === 'has' || toks[i] === 'got') && toks[i + 1] === 'to') return true;
  }
  return false;
}
// Session 15: Scots "nae" is "no" ("nae hurry on it", "nae rush at all").
const NEGATORS = negators(NOT_WORDS, 'nothing', 'without', 'nae');

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fortyfive: 45, fifty: 50, sixty: 60, few: 3, couple: 2,
  half: 0.5,
};
/**
 * "in 15 minutes", "within 2 hours", "in half an hour", "in a few mins", "in 10min". Lead words limit it
 * to the future ("for 30 minutes" and "30 minutes ago" are complaints about waiting, not deadlines).
 */
const DEADLINE =
  / (?:in|within|under|next|only|leaves in|starts in|closes in|departs in) (?:the next |next |less than |about |around |just |only )?(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty|sixty|half|a few|a couple of|a couple|few|couple of)(?: and a half| and half)? ?(?:an )?(minutes|minute|mins|min|m|hours|hour|hrs|hr|h) (?:and a half |and half )?/;
const LEFT = / (\d+|a few|few|ten|fifteen|twenty|thirty|five) ?(minutes|minute|mins|min|hours|hour|hrs|hr) (?:left|to go|remaining|away) /;
/**
 * Session 27 (topics, issue 11): any number word before the time left ("i have about two hours left in the country", "only
 * an hour to go"), not only the few LEFT had. Not with "away", which after these is a distance as often ("I live two hours
 * away").
 */
const LEFT_WORDS = / (one|two|three|four|six|seven|eight|nine|an|a|a couple of|couple of|forty|fifty|sixty) (minutes|minute|mins|min|hours|hour|hrs|hr) (?:left|to go|remaining) /;
// Session 8: "in the next hour", "within the coming hour".
const WITHIN_THE_HOUR = / (?:within|in) (?:the|an|the next|the coming|next) hour /;

function deadlineMinutes(amount: string, unit: string): number {
  const n = /^\d/.test(amount) ? Number(amount) : NUMBER_WORDS[amount.replace(/^a /, '').replace(/ of$/, '')] ?? NaN;
  return unit.startsWith('h') ? n * 60 : n;
}

/** A time unit, perhaps glued to its number ("10min", "2h"): /^\d*(minutes|minute|mins|min|m|hours|hour|hrs|hr|h)$/ without a regex per word. */
const UNIT_WORDS = new Set(['minutes', 'minute', 'mins', 'min', 'm', 'hours', 'hour', 'hrs', 'hr', 'h']);
function isUnit(t: string): boolean {
  let k = 0;
  while (k < t.length && t.charCodeAt(k) >= 48 && t.charCodeAt(k) <= 57) k++;
  return UNIT_WORDS.has(k === 0 ? t : t.slice(k));
}

/**
 * Happening now: something that keeps going as the customer writes ("4 notifications in the last 2 minutes",
 * "more are still coming through"), and essentials running out (medicine, baby formula, insulin: "his last one
 * tonight", "one bottle left", "we've run out of his inhaler").
 */
const JUST_NOW = / in the (?:last|past) (?:\d+|few|couple of|couple|two|three|five|ten|fifteen) ?(?:minutes|minute|mins|min|seconds|secs) | (?:still|keep|keeps) (?:coming|going) (?:through|in) /;
const ESSENTIALS = new Set([
  'medicine', 'medication', 'meds', 'tablets', 'tablet', 'pills', 'pill', 'insulin', 'inhaler', 'formula', 'nappies', 'diapers',
  'oxygen', 'epipen', 'dose', 'doses', 'prescription', 'antibiotics', 'painkillers', 'heart',
]);
const ESSENTIAL_WORDS = tokenGate(ESSENTIALS);
// Round seven: any small amount left ("about a day's supply left", "two days of insulin left", "only 3 pills left").
const RUNNING_OUT = / (?:last (?:one|dose|bottle|tablet|pill|pack|tin|injection)|(?:one|1|two|2|three|3|a|a few|few|half a) (?:[a-z]+ ){0,3}left|(?:run|ran|running) out|nothing left|none left) /;
/** Someone at the door now: "the delivery guy is outside", "my grandma is waiting at her front door". */
const AT_THE_DOOR = / (?:driver|courier|delivery (?:guy|man|driver|person|lady)|postman|postie|engineer|fitter|he|she|they|grandma|grandad|gran|nan|mum|dad|someone|somebody) (?:is|are|s)(?: still| now| already| just| right)? (?:outside|downstairs|at (?:the|my|her|his|our|their) (?:front |back )?(?:door|gate|building)|waiting (?:at|outside|downstairs|in the lobby|by the door))/;
/** Round seven: anyone waiting at a door now ("my neighbour is waiting at my door", "the taxi is waiting outside"). */
const WAITING_AT_DOOR = / (?:is|are|s)(?: still| now| already| just| right)? waiting (?:right )?(?:outside|downstairs|(?:at|by) (?:the|my|her|his|our|their) (?:front |back )?door)/;
/** Round seven: anyone at the door now, however named ("a young man is at my front door", "guy at door"). */
const AT_DOOR_NOW = / (?:is|are|s|guy|man|woman|lady|someone|somebody|driver|courier|drivers|couriers) (?:still |now |already |just |standing )?(?:at|outside) (?:the |my |me |ma )?(?:front |back )?door(?! last| yesterday)/;
/**
 * Session 10: the driver leaving as the customer writes ("the driver's literally pulling away from my house right now",
 * "the van's just pulled away and left my parcel three doors down"): there is a minute to catch them.
 */
const DRIVING_OFF = / (?:driver|drivers|courier|couriers|van|vans|delivery (?:guy|man|driver|person|lady)|postman|postie|he|she|they) (?:is |s |are |has |have )?(?:literally |just |now |right now )?(?:pulling away|pulled away|pulling off|driving off|drove off|driving away|driving past|drove past)\b/;
const DRIVING_OFF_NOW = / (?:now|just|literally|still here|stood here|standing here|im here|i am here|am in|i m in)\b/;
const DRIVING_OFF_PAST = / (?:yesterday|last|ago|earlier|this morning|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/;
function drivingOff(padded: string): RegExpExecArray | null {
  const m = DRIVING_OFF.exec(padded);
  if (m === null || DRIVING_OFF_PAST.test(padded)) return null;
  return DRIVING_OFF_NOW.test(` ${m[0]} `) || DRIVING_OFF_NOW.test(padded.slice(m.index + m[0].length - 1)) ? m : null;
}
/**
 * Round seven: an emergency happening as the customer writes: smoke, fire, a burn, something swallowed, poisoning,
 * with a sign that it is now ("just now", "right now", "this minute", "quick", "the doctor").
 */
const EMERGENCY = new Set([
  'smoke', 'smoking', 'sparks', 'sparking', 'flames', 'flame', 'fumes', 'burning', 'burnt', 'burned', 'swallowed', 'swallow', 'drank', 'drunk',
  'poisoned', 'poison', 'poisoning', 'vomiting', 'seizure', 'collapsed', 'fainted', 'overdose', 'electrocuted', 'allergic', 'scalded', 'alarm',
  // Session 10: a product going wrong as the customer writes: water pouring out, a pressure cooker hissing, a power bank
  // overheating ("the hose is leaking right now, water going everywhere", "it's very hot, smells like burn, what do I do
  // now?"). Still needs a sign of now, and a story in the past ("it was leaking when it came") is not one.
  ...['leaking', 'flooding', 'flooded', 'hissing', 'overheating', 'burst', 'bursting', 'exploding', 'melting', 'burn'],
  // Session 14: a fire not out yet ("it's still smouldering").
  'smouldering', 'smoldering',
  // Session 16: harm on a body as it happens ("there's blood everywhere", "her face is swelling", "he's choking").
  'bleeding', 'blood', 'swelling', 'swollen', 'hives', 'choking',
]);
/** The session-10 words need their sign of now close by (five words either side) or "right now": "the bottle is leaking, can I get a new one now?" is not it. */
const NEAR_NOW = new Set(['leaking', 'flooding', 'flooded', 'hissing', 'overheating', 'burst', 'bursting', 'exploding', 'melting', 'burn']);
// (Not "started", "just", "help": "the charger started sparking when I plugged it in" is a safety report, not an emergency now.)
const NOW_SIGNS = new Set(['now', 'minute', 'quick', 'quickly', 'fast', 'hurry', 'doctor', 'hospital', 'ambulance', 'pouring']);
const JUST_HAPPENED = new Set(['put', 'swallowed', 'caught', 'went', 'cut', 'fell', 'collapsed', 'fainted', 'drank', 'ate', 'bit', 'exploded', 'blew', 'scalded', 'poured', 'spilled', 'spilt']);
/** Session 19 (esc): words saying someone or something is fine again, right before "now" ("she is okay now"). */
const FINE_AGAIN = new Set(['ok', 'okay', 'fine', 'better', 'alright', 'safe', 'recovered', 'calm', 'calmer']);
const FIRST_PERSON = new Set(['i', 'we', 'mi', 'me']);
const HABIT_AFTER = new Set(['do', 'don', 'dont', 'not', 'never', 'won', 'wont', 'will', 'no', 'am', 'nuh', 'cannot', 'can', 'only', 'use', 'keep']);
const DONE_PARTICLE = new Set(['out', 'off', 'away']);
const NEGATED_FINE = new Set(['not', 'no', 'never', 'nt', 'hardly']);
const USE_VERBS = new Set(['use', 'using', 'trust', 'touch', 'plug', 'buy', 'keep', 'want', 'wear', 'run', 'switch']);
const LONG_AGO = new Set(['yesterday', 'ago', 'last', 'week', 'month', 'was', 'were', 'had', 'once', 'previous', 'before']);
/** Session 8: someone hurt on the body ("hit his head", "banged her head", "cut his hand"): an injury, urgent when it is now. */
// (Not "cut his hand": a cut or a burn from a product is the safety topic's "a product that hurt someone".)
const HURT_VERB = new Set(['hit', 'banged', 'bumped', 'broke', 'broken', 'twisted', 'sprained', 'trapped', 'crushed', 'fell', 'fallen']);
const BODY = new Set(['head', 'face', 'eye', 'eyes', 'hand', 'hands', 'finger', 'fingers', 'arm', 'arms', 'leg', 'legs', 'wrist', 'ankle', 'lip', 'chin', 'nose', 'tooth', 'teeth', 'neck', 'back']);
function injuryAt(toks: string[], i: number): boolean {
  if (!HURT_VERB.has(toks[i])) return false;
  const a = toks[i + 1];
  const b = toks[i + 2];
  return (a === 'his' || a === 'her' || a === 'their' || a === 'my' || a === 'himself' || a === 'herself') && (BODY.has(b ?? '') || a === 'himself' || a === 'herself');
}
function burnOnBody(toks: string[], i: number): boolean {
  const a = toks[i + 1];
  return (a === 'his' || a === 'her' || a === 'their' || a === 'my') && BODY.has(toks[i + 2] ?? '');
}
/**
 * Every word emergencyNow reads in its pass: an emergency word, "gas", a verb of hurting, or an emergency word in -ing with
 * its g dropped ("smoulderin"). Session 24 (speed): a message with none of them (most) skips the pass.
 */
const EMERGENCY_NOW_WORDS = tokenGate(new Set([
  ...EMERGENCY, 'gas', ...HURT_VERB,
  // Session 41 (injury): swallowedNow's verbs share this gate (the 64 gate bits are nearly all taken).
  'ate', 'eaten', 'ingested',
  ...[...EMERGENCY].filter((e) => e.endsWith('ing') && e.length - 1 > 5).map((e) => e.slice(0, -1)),
]));
function emergencyNow(toks: string[]): string | null {
  if (!hasGateWord(toks, EMERGENCY_NOW_WORDS)) return null;
  // (The older, plainer words first: "the stove is leaking smell of gas right now" is named by its gas.) Session 12
  // (speed): one pass keeping the first of each kind, instead of a second pass over the message for the newer words.
  let plain = -1;
  let newer = -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!(EMERGENCY.has(t) || t === 'gas' || HURT_VERB.has(t))) {
      // Session 14: a dropped g ("smoulderin", "burnin", "smokin") is the same emergency word.
      if (t.length > 5 && t.endsWith('in') && EMERGENCY.has(t + 'g') && affirmed(toks, i) && !namesARisk(toks, i) && (toks[i - 1] === 'still' || toks[i - 2] === 'still')) return t + 'g';
      continue;
    }
    // Session 14: a burn on someone's body ("burn his hand") is an injury: its sign of now may be anywhere in the message.
    const isNewer = NEAR_NOW.has(t) && !burnOnBody(toks, i);
    if (isNewer && newer >= 0) continue;
    if ((EMERGENCY.has(t) || gasLeak(toks, i) || injuryAt(toks, i)) && affirmed(toks, i) && !namesARisk(toks, i) && !figurative(toks, i) && !namesAProduct(toks, i)) {
      if (!isNewer) {
        plain = i;
        break;
      }
      newer = i;
    }
  }
  const hit = plain >= 0 ? plain : newer;
  if (hit < 0) return null;
  // Session 14: "still smoking", "that's still smouldering": the emergency goes on as the customer writes, whatever else
  // the message tells of the past ("the lights I had off you").
  if (toks[hit - 1] === 'still' || (toks[hit - 2] === 'still' && (toks[hit - 1] === 'is' || toks[hit - 1] === 'are' || toks[hit - 1] === 's'))) return toks[hit];
  let now = false;
  const near = NEAR_NOW.has(toks[hit]) && !burnOnBody(toks, hit);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (LONG_AGO.has(t)) return null;
    // Session 19 (esc): the harm is over ("I am ok now", "she's better now", "he alright now"): a safety report, not an
    // emergency; and a sign of now that is not about the harm: a changed habit ("now I don't use it") or how fast the
    // customer already acted ("I pulled it out quick", "I take it out fast").
    // (Review s19 R3, R3b: not when negated, "she isn't okay now", "he's not fine now"; and a habit needs its verb of use,
    // "now I don't use it", not "now I don't know what to do".)
    if (t === 'now' && FINE_AGAIN.has(toks[i - 1] ?? '') && !NEGATED_FINE.has(toks[i - 2] ?? '') && !NEGATED_FINE.has(toks[i - 3] ?? '')) return null;
    if (t === 'now' && FIRST_PERSON.has(toks[i + 1] ?? '') && HABIT_AFTER.has(toks[i + 2] ?? '') && toks.slice(i + 2, i + 6).some((w) => USE_VERBS.has(w))) continue;
    if ((t === 'quick' || t === 'quickly' || t === 'fast') && DONE_PARTICLE.has(toks[i - 1] ?? '') && toks.slice(Math.max(0, i - 5), i - 1).some((w) => FIRST_PERSON.has(w))) continue;
    if (near && Math.abs(i - hit) > 5 && !(t === 'now' && toks[i - 1] === 'right')) continue;
    // (Session 8: "this second" is now as well: "the lights are sparking this second".)
    // (Session 16: "just" right before what happened, "she has just put a magnet in her mouth", "the lights have just
    // caught fire", is a minute ago; not "just checking", "just wondering", "it just started sparking when...".)
    // Session 45 (emerg, hostile s45 M3): "every minute", "once a minute" is how often, not now ("the smoke alarm beeps
    // every minute").
    if (t === 'minute' && (toks[i - 1] === 'every' || (toks[i - 1] === 'a' && toks[i - 2] === 'once'))) continue;
    if (NOW_SIGNS.has(t) || (t === 'second' && toks[i - 1] === 'this') || (t === 'just' && JUST_HAPPENED.has(toks[i + 1] ?? ''))) now = true;
  }
  // Session 46 (emerg3, hostile s46 H2): gas smelt or leaking, said in the present ("I can smell gas from the heater", "a
  // smell of gas coming from the cooker"), is happening as the customer writes; not asked ("does it smell of gas?") and
  // not of long ago (returned above).
  if (!now && toks[hit] === 'gas' && gasSmeltNow(toks, hit)) now = true;
  return now ? toks[hit] : null;
}

/**
 * Session 45 (emerg, hostile s45 M3): a product named by a hazard word ("the smoke alarm you sent", "a smoke detector",
 * "smoke damage on the box", "a smoke machine"), or an alarm chirping for its battery ("the alarm beeps every minute"),
 * is no hazard happening now. Smoke, fire or gas now is read by its own words ("full of smoke", "smoke pouring out").
 */
const HAZARD_PRODUCT = new Set(['alarm', 'alarms', 'detector', 'detectors', 'sensor', 'sensors', 'machine', 'machines', 'damage', 'damaged', 'grey', 'gray',
  'blanket', 'blankets', 'extinguisher', 'extinguishers', 'pit', 'pits', 'hood', 'hoods', 'tester', 'bomb', 'bombs', 'flavour', 'flavor', 'effect', 'effects']);
const CHIRP = new Set(['beep', 'beeps', 'beeping', 'beeped', 'chirp', 'chirps', 'chirping', 'chirped', 'battery', 'batteries']);
function namesAProduct(toks: string[], i: number): boolean {
  const t = toks[i];
  if ((t === 'smoke' || t === 'gas' || t === 'flame' || t === 'flames') && HAZARD_PRODUCT.has(toks[i + 1] ?? '')) return true;
  if (t !== 'alarm') return false;
  for (let k = i + 1; k < Math.min(toks.length, i + 6); k++) if (CHIRP.has(toks[k])) return true;
  return false;
}

/** Round eight: gas leaking or smelt ("the stove is leaking smell of gas right now"). */
function gasLeak(toks: string[], i: number): boolean {
  if (toks[i] !== 'gas') return false;
  for (let k = Math.max(0, i - 4); k < Math.min(toks.length, i + 4); k++) if (/^(leak|leaks|leaking|leaked|smell|smells|smelling|whiff)$/.test(toks[k])) return true;
  return false;
}

const GAS_NOW = new Set(['smell', 'smells', 'smelling', 'leak', 'leaks', 'leaking', 'whiff', 'stinks', 'stink', 'reeks']);
const GAS_ASKS = new Set(['do', 'does', 'is', 'are', 'will', 'would', 'should', 'could', 'can', 'if', 'what', 'how', 'why']);
const GAS_MAYBE = new Set(['if', 'do', 'does', 'will', 'would', 'should', 'could', 'whether', 'might', 'may']);
function gasSmeltNow(toks: readonly string[], i: number): boolean {
  if (GAS_ASKS.has(toks[0] ?? '') && toks[1] !== 'i' && toks[1] !== 'you') return false;
  for (let k = Math.max(0, i - 4); k < Math.min(toks.length, i + 4); k++) if (GAS_NOW.has(toks[k])) return !toks.slice(Math.max(0, k - 4), k).some((t) => GAS_MAYBE.has(t));
  return false;
}

/** Someone else doing something to the customer's account or money as they write: "someone using my card right now". */
const THIRD_PARTY = new Set(['someone', 'somebody', 'they', 'stranger', 'hacker', 'hackers', 'scammer', 'scammers', 'money', 'payments', 'charges', 'transactions']);
const ACCOUNT = new Set(['card', 'cards', 'account', 'money', 'bank', 'details', 'identity', 'password', 'paypal', 'balance', 'savings', 'funds']);
/** A third party, a verb in -ing and the customer's money or account before "right now" (fraud in progress). */
function ongoingBefore(toks: string[], at: number): boolean {
  for (let k = Math.max(0, at - 6); k < at; k++) {
    if (!THIRD_PARTY.has(toks[k])) continue;
    let acting = false;
    let account = false;
    for (let j = k; j < at; j++) {
      if (j > k && toks[j].length > 4 && toks[j].endsWith('ing')) acting = true;
      if (ACCOUNT.has(toks[j])) account = true;
    }
    if (acting && account) return true;
  }
  return false;
}
/** Words one of the happening-now patterns needs: without any of them the regexes are skipped (most messages). */
const NOW_GATE = new Set(['last', 'past', 'still', 'keep', 'keeps', 'door', 'outside', 'downstairs', 'waiting', 'gate', 'building', 'pulling', 'pulled', 'driving', 'drove']);
const NOW_WORDS = tokenGate(NOW_GATE);
function findHappeningNow(toks: string[], text = ''): string | null {
  const padded = hasGateWord(toks, NOW_WORDS) || hasGateWord(toks, ESSENTIAL_WORDS) ? paddedTokens(toks) : '';
  const justNow = padded === '' ? null : JUST_NOW.exec(padded);
  if (justNow) return justNow[0].trim();
  const now = padded === '' ? null : (AT_THE_DOOR.exec(padded) ?? WAITING_AT_DOOR.exec(padded) ?? AT_DOOR_NOW.exec(padded) ?? drivingOff(padded));
  // Session 8: at the door in a story told in the past ("he told my dad to hurry up at the door") is what happened.
  if (now && !toldBefore(padded, now.index)) return now[0].trim();
  const emergency = emergencyNow(toks) ?? hurtNow(toks) ?? medicalNow(toks, text) ?? symptomNow(toks, text) ?? swallowedNow(toks) ?? overdoseNow(toks) ?? shockNow(toks) ?? plainDangerNow(toks, text) ?? petSwallowedNow(toks);
  if (emergency) return emergency;
  if (!hasGateWord(toks, ESSENTIAL_WORDS)) return null;
  const out = RUNNING_OUT.exec(padded);
  return out ? out[0].trim() : null;
}

/**
 * Session 38 (hostile s38 H4): "someone is hurt, my son fell through the ceiling" at an insurer's menu got "Please choose
 * one of the options": a person hurt now, said as a state ("is hurt", "got badly injured", "I'm hurt", "they are
 * bleeding"), is an emergency. Not negated ("nobody is hurt", "my wife is not hurt"), not a question ("is anyone hurt?"),
 * not said of long ago ("last week", "yesterday").
 */
const HURT_STATE = new Set(['hurt', 'injured', 'bleeding', 'unconscious']);
const HURT_STATE_WORDS = tokenGate(HURT_STATE);
const BE_OR_GET = new Set(['is', 'are', 'am', 'got', 'gets', 'been', 'getting']);
const HURT_INTENSIFIER = new Set(['badly', 'seriously', 'really', 'very', 'quite', 'so', 'severely', 'bad']);
const NOBODY = new Set(['nobody', 'noone', 'anyone', 'anybody', 'ones', 'one']);
const HURT_LONG_AGO = new Set(['yesterday', 'ago', 'last', 'week', 'weeks', 'month', 'months', 'previous', 'year', 'years']);
function hurtNow(toks: string[]): string | null {
  if (!hasGateWord(toks, HURT_STATE_WORDS)) return null;
  if (toks.some((t) => HURT_LONG_AGO.has(t))) return null;
  for (let i = 1; i < toks.length; i++) {
    if (!HURT_STATE.has(toks[i])) continue;
    let v = i - 1;
    while (v > 0 && HURT_INTENSIFIER.has(toks[v])) v--;
    if (!BE_OR_GET.has(toks[v]) || v === 0) continue;
    if (NOBODY.has(toks[v - 1]) || !affirmed(toks, i) || figurative(toks, i)) continue;
    return toks[i];
  }
  return null;
}

/**
 * Session 40 (fixmed, hostile s40 H3): a medical emergency in other words ("someone is having a heart attack", "my child has
 * a severe allergic reaction", "my mum fainted and hit her head", "he collapsed", "she's having a stroke", "he's overdosed",
 * "my son is struggling to breathe") is urgent like "unconscious" and "not breathing". Not said of long ago ("my dad had a
 * heart attack last year"), not negated, not a hypothetical or a question about a risk ("could this cause an allergic
 * reaction?", "what if someone has a seizure?"), not about money ("I nearly had a heart attack at the price"), and not a
 * word alone ("heart attack prices", "my son has an allergy").
 */
/** The words BODY_NOW needs one of (MEDICAL_GATE). */
/** The words MEDICAL_STATE needs one of (MEDICAL_GATE). */
const MEDICAL_STATE_WORDS = ['pain', 'pains', 'coming', 'contraction', 'floppy', 'limp', 'grey', 'gray', 'purple', 'burns', 'numb'];
const BODY_NOW_WORDS = ['responding', 'responsive', 'respond', 'moving', 'reacting', 'electrocuted', 'electric', 'bleeding', 'blood', 'skin', 'blister', 'blisters', 'blistering', 'burned', 'burnt', 'scalded', 'burning', 'peeling', 'labour', 'labor', 'waters', 'water', 'contractions', 'birth'];
const MEDICAL_GATE = tokenGate(new Set(['heart', 'cardiac', 'stroke', 'seizure', 'seizures', 'fit', 'allergic', 'anaphylactic', 'anaphylaxis', 'asthma', 'collapsed', 'fainted', 'passed', 'blacked', 'overdose', 'overdosed', 'breathe', 'breath', 'breathing', 'seizing', 'fitting', 'convulsing', 'blue', 'chest', 'wake', 'waking', 'unresponsive',
  // Session 42 (medical3): BODY_NOW's words.
  ...BODY_NOW_WORDS,
  // Session 43 (medical4): MEDICAL_STATE's words.
  ...MEDICAL_STATE_WORDS]));
// (Session 41, medical2, hostile s41 H2: chest pain now is a heart attack until a doctor says otherwise.)
const MEDICAL_ATTACK = '(?:(?:massive|major|bad|severe|serious|suspected|big|really bad|very bad|an?) )*(?:heart attack|cardiac arrest|stroke|seizure|fit|asthma attack|allergic reaction|anaphylactic (?:shock|reaction)|anaphylaxis|chest pains?)';
// Strangers one may be helping besides the people of people.ts (hazardNow's person inside adds the household instead).
const MEDICAL_PERSON_WORDS = [...PEOPLE_IN_DANGER, 'man', 'woman', 'lady', 'guy', 'colleague', 'passenger', 'customer', 'person'].join('|');
const MEDICAL_PERSON = `(?:${MEDICAL_PERSON_WORDS})`;
const MEDICAL_PERSON_OR_I = `(?:${MEDICAL_PERSON_WORDS}|i|im|we|grandson|granddaughter|nephew|niece|baby|husband|kids|children)`;
/**
 * Session 41 (medical2, hostile s41 M6): a condition caused by the incident the customer is reporting ("no, but my wife
 * had a stroke from the shock", "he had a seizure after the crash") is of now, though told in the past.
 */
const INCIDENT = '(?:shock|accident|crash|collision|impact|fall|fire|smoke|fumes|explosion|blast|fright|scare)';
/**
 * Session 42 (medical3, hostile s42 H1, H2, M4, M5): a person hurt or ill now in other words, by the part of the body
 * or the system it is happening to; each is a state that goes on as the customer writes (or an injury of a moment ago
 * told as such), read with medicalNow's guards (a question about the product, a hypothetical or risk, negation, "nobody",
 * long ago, money, a habit, a story):
 *  - consciousness: a person not responding / not responsive / not moving ("she's not responding"; not "not responding to
 *    my emails");
 *  - electricity: a person electrocuted, or who got / had an electric shock ("my kid got electrocuted by your charger");
 *  - blood: bleeding that will not stop, blood everywhere / pouring / gushing, bleeding everywhere / heavily, losing a lot of
 *    blood;
 *  - skin: skin peeling, blistering, melting, coming off; a hand, arm, face, eye or skin burning or blistering ("my hands
 *    are burning"); a burn on the body told as bad ("burned my arm badly", "badly burnt");
 *  - birth: in labour, went / gone into labour, waters broke, having contractions, giving birth.
 */
const BODY_PART = '(?:hands?|arms?|legs?|face|eyes?|skin|fingers?|wrists?|neck|scalp)';
const BODY_NOW = [
  ` ${MEDICAL_PERSON_OR_I} (?:is |s |are |has |just |still |now )*(?:not|no longer|stopped|isnt|wont|will not|won t|does not|doesnt) (?:responding|responsive|respond|moving|reacting)(?= )(?! to (?:my|our|the|your|any|his|her|their|emails?|messages?|texts?|calls?|e mails?) )`,
  ` ${MEDICAL_PERSON_OR_I} (?:(?:just|has|have|was|were|s|got|been|is|am|had|getting) )*(?:electrocuted|an? (?:bad |nasty |big |serious |strong )?electric shock|electric shock) `,
  ` (?:will not|wont|won t|cannot|can not|cant|can t|does not|doesnt|is not|isnt|not) stop(?:ping)? (?:the )?bleeding `,
  ` blood (?:is |s )?(?:everywhere|pouring|gushing|spurting|pumping|squirting|all over (?:him|her|them|me|his|my|the floor)) `,
  ` bleeding (?:everywhere|heavily|profusely|non stop|nonstop|so much|a lot|badly|really badly) `,
  ` (?:losing|lost) (?:a lot of|so much|lots of|loads of) blood `,
  // Session 46 (emerg3, hostile s46 H2): blood coughed, vomited or spat up ("my son is coughing up blood", "he's vomiting
  // blood", "she threw up blood"): not "coughing up money" (no blood).
  ` (?:coughing|coughed|coughs|vomiting|vomited|vomits|throwing|threw|spitting|spat|bringing|brought|being|been) (?:up |sick )?(?:(?:a lot of|lots of|some|so much|fresh|bright red) )?blood `,
  ` (?:skin|blisters?) (?:is |are |s )?(?:peeling|blistering|bubbling|melting|coming off|falling off|burning|raw) `,
  ` (?:my|his|her|their|your|our|the) ${BODY_PART} (?:is |are |s )?(?:still )?(?:burning|blistering|peeling|bubbling|melting) `,
  ` (?:burned|burnt|scalded|burning) (?:my|his|her|their|himself|herself|itself|themselves)(?: [a-z]+)? (?:badly|severely|seriously|really badly|so badly) `,
  ` (?:badly|severely|seriously) (?:burned|burnt|scalded) `,
  ` (?:gone|went|going|go|is|s|am|im|in) (?:into |in )?(?:labour|labor) `,
  ` (?:her|my) waters? (?:have |has |just |s )*(?:broken|broke|gone) `,
  ` (?:having|started|starting|getting) contractions `,
  ` (?:is|s|am|im) giving birth `,
];
/**
 * Session 43 (medical4, hostile s43 M1): medical states and events by meaning, each said of a person now:
 *  - an attack that has happened ("my husband has had a stroke", "my husband's had a stroke"; not "a stroke of luck");
 *  - chest pain the customer or a person has now ("I have chest pain", "I've got really bad chest pain"), or chest pain
 *    that spreads ("chest pain and my left arm is numb", "chest pain going down his arm");
 *  - labour: the baby coming now ("the baby is coming", not "coming next month" / "coming to stay"), contractions minutes
 *    apart or started ("her contractions started");
 *  - cyanosis and a floppy child: a person blue, grey, floppy or limp ("my baby is blue and floppy"; not "blue in the
 *    face", not "I'm feeling blue": the customer is not one of them), lips or face turning blue;
 *  - burns on the body ("my son has burns on his arm"; not "burns on the cable", not "burns cream").
 */
const STATE_PERSON = `(?:${MEDICAL_PERSON_WORDS}|grandson|granddaughter|nephew|niece|husband)s?`;
const MEDICAL_STATE = [
  ` (?:${MEDICAL_PERSON_WORDS}|i|we) (?:(?:has|have|s|ve|just) )+had ${MEDICAL_ATTACK} (?!of )`,
  ` ${MEDICAL_PERSON}s (?:just )?had ${MEDICAL_ATTACK} (?!of )`,
  ` (?:i|${MEDICAL_PERSON_WORDS}|we) (?:(?:have|has|ve|s|got|just|still|now) )+(?:(?:really|very|so|awful|terrible|bad|severe|sharp|crushing|heavy) )*chest pains? (?!relief|patch|patches|cream|gel|tablets|medicine|relievers?)`,
  ` chest pains? (?:and|with|going|spreading|radiating|shooting|down|into)(?: [a-z]+){0,4} (?:arms?|jaw|shoulder|neck) (?:is |are |s |feels |feel )?(?:numb|tingling|tingly|heavy|aching|hurting|hurts|dead)? ?`,
  ` chest pains? (?:going|spreading|radiating|shooting) (?:down|into|up|to|through) `,
  ` (?:the|my|our|her|his|their) baby (?:is|s) coming(?! (?:to|home|over|round|around|back|in|on|at|next|soon|for|with|this|tomorrow|later|early|along|out of|up|down|soon) )(?: |$)`,
  ` contractions (?:are |r |every |now )+(?:(?:about|only|like|around|just|less than|under) )?(?:[0-9]+|one|two|three|four|five|a few|few|a couple of) (?:min|mins|minute|minutes) `,
  ` contractions (?:have |has |just |already )*(?:started|begun|began|start|starting) `,
  ` ${STATE_PERSON} (?:(?:is|s|are|looks|seems|has|gone|went|turned|turning|going|all|very|really|so|now|still) )+(?:blue|grey|gray|purple|floppy|limp)(?! in the face)(?: |$)`,
  ` (?:lips|face|skin) (?:(?:is|are|s|turning|gone|going|went|turned|look|looks) )+(?:blue|grey|gray|purple) `,
  ` (?:${MEDICAL_PERSON_WORDS}|i|we|grandson|granddaughter|husband)s? (?:(?:has|have|s|ve|got|just) )+(?:(?:bad|severe|serious|nasty|really|awful|terrible|big) )*burns (?:on|to|all over|down) (?:his|her|my|their|the|both|your|our) (?:(?:left|right|whole) )?(?:${BODY_PART.slice(3, -1)}|hand|hands|chest|back|foot|feet|body|head|leg|legs|tummy|stomach) `,
];
const MEDICAL_NOW = new RegExp([
  // "is having a heart attack", "just had a stroke", "has a severe allergic reaction", "in cardiac arrest", "going into anaphylactic shock".
  ` (?:having|just had|has|in|into) ${MEDICAL_ATTACK} `,
  ` (?:severe|serious|bad|major) (?:allergic reaction|anaphylactic (?:shock|reaction)|asthma attack) `,
  // "my mum fainted", "he just collapsed", "she's overdosed", "someone passed out".
  ` ${MEDICAL_PERSON} (?:(?:just|has|have|suddenly|s|is|is just|has just) )?(?:collapsed|fainted|passed out|blacked out|overdosed|stopped breathing|seizing|fitting|convulsing|turning blue|gone blue|going blue|unresponsive) `,
  ` (?:taken|took|had) an overdose `,
  // "struggling to breathe", "can barely breathe", "is having trouble breathing".
  // Session 43 (lead, retest F10): "she cant breath" (the verb without its e) too.
  // Session 44 (medical5): not "can't breathe a word (of it)", an idiom for keeping a secret.
  ` (?:struggling to|unable to|can barely|can hardly|cant|can t|can not|cannot) breathe? (?!(?:a |one |a single )?words? )`,
  ` (?:having trouble|having difficulty|difficulty|trouble|struggling) breathing `,
  // Session 44 (lead, retest-conv s44 H1): "can't catch my breath", "he can't get his breath".
  ` (?:struggling to|unable to|can barely|can hardly|cant|can t|can not|cannot) (?:catch|get) (?:my|his|her|their|our|your) breath `,
  ` had ${MEDICAL_ATTACK} (?:from|after|because of|due to|with) (?:the |all the |this |that )?${INCIDENT} `,
  // Session 41 (medical2, hostile s41 H1): "he won't wake up", "I can't wake her", "she is not waking up".
  ` ${MEDICAL_PERSON} (?:will not|wont|won t|is not|isnt|s not|are not|arent|does not|doesnt|not|still not) (?:wake|waking) (?:up )?`,
  ` (?:can not|cannot|cant|can t|could not|couldnt) wake (?:him|her|them|my [a-z]+) `,
  ...BODY_NOW,
  ...MEDICAL_STATE,
].join('|'));
const MEDICAL_MAYBE = new Set(['if', 'could', 'would', 'might', 'may', 'cause', 'causes', 'causing', 'risk', 'risks', 'case', 'prevent', 'avoid', 'nearly', 'almost', 'practically', 'literally', 'whether', 'does']);
/** "could / might / may" said of what may be happening now ("he might be having a stroke", "could she be having a seizure?"), not what could happen. */
const SUSPECT = new Set(['could', 'might', 'may']);
const MEDICAL_ASKS = new Set(['can', 'could', 'should', 'would', 'does', 'is', 'are']);
const MEDICAL_MONEY = new Set(['price', 'prices', 'priced', 'cost', 'costs', 'bill', 'bills', 'charge', 'charged', 'charges', 'invoice', 'fee', 'fees', 'total', 'quote']);
/** Session 41 (medical2): a condition told as a habit or a history ("he has chest pains sometimes", "she suffers from seizures"). */
const MEDICAL_HABIT = new Set(['sometimes', 'often', 'usually', 'occasionally', 'regularly', 'prone']);
/** Session 41 (medical2): not waking up as a habit ("my son won't wake up for school", "I can't wake him in the mornings"). */
const WAKE_HABIT = new Set(['school', 'morning', 'mornings', 'alarm', 'alarms', 'early', 'time', 'work', 'every', 'always', 'bed', 'weekend', 'weekends', 'nap', 'naps', 'lie', 'late', 'app', 'screen', 'device', 'laptop', 'phone', 'computer']);
/**
 * Session 41 (medical2, hostile s41 H2): the bare name of an acute condition opening a clause, told as what is happening
 * ("heart attack", "heart attack!! help", "anaphylaxis from the peanut snack you sold me"), not as a noun before another
 * ("heart attack prices", "heart attack risk", "heart attack survivor here, can I use the bike?").
 */
const TELEGRAM = /^(?:(?:help|emergency|urgent|please|quick|hi|hello|oh|god|omg|hey) )*(heart attack|cardiac arrest|anaphylaxis|anaphylactic (?:shock|reaction))(?:$| (?:from|after|caused|because|help|please|now|call|ambulance|quick|quickly|my|he|she|someone|hes|shes|here|happening)(?: |$))/;
/** A specific person right after the opening "is" / "could" ("is he having a heart attack?", "could my dad be having a stroke?"). */
const SPECIFIC_PERSON = new Set(['he', 'she', 'they', 'hes', 'shes']);
const POSSESSIVE = new Set(['my', 'his', 'her', 'our', 'their']);
function asksOfSomeoneNow(c: string[]): boolean {
  if (c[0] !== 'is' && c[0] !== 'are' && c[0] !== 'could' && c[0] !== 'might') return false;
  let k = 1;
  if (SPECIFIC_PERSON.has(c[k] ?? '')) k += 1;
  else if (POSSESSIVE.has(c[k] ?? '') && c[k + 1] !== undefined) k += 2;
  else return false;
  if (c[k] === 'be') k++;
  // (Not "in": "is he in a fit state to travel?".)
  return c[k] === 'having' || c[k] === 'going';
}
/**
 * Session 41 (medical2, hostile s41 H2): the message in clauses (split at . ? ! ; and commas) when it has more than one:
 * "can you help, my friend stopped breathing" opens with a question to the bot, not about a person's condition, and "is he
 * having a heart attack? he's clutching his chest" asks about now. Each clause is read with the opening-question and the
 * maybe guards of its own; the long-ago, money and habit guards read the whole message.
 */
function clausesOf(toks: string[], text: string): string[][] {
  if (!/[.?!;,]\s*[^\s.?!;,]/.test(text)) return [toks];
  const pieces = text.split(/[.?!;,]+/).map(textTokens).filter((p) => p.length > 0);
  return pieces.length > 1 ? pieces : [toks];
}
/**
 * Session 42 (medical3, hostile s42 M3): a condition that happens in a story the customer tells of ("the book I ordered,
 * where the hero has a heart attack, arrived damaged", "in the film the dad collapses"): a person of a story (hero,
 * character, villain...) or a work (book, film, novel, series, episode...) followed by "where", "in which", "about" or
 * "when", or "in the <work>".
 */
const STORY_PERSON = new Set(['hero', 'heroine', 'character', 'characters', 'villain', 'protagonist', 'narrator', 'detective']);
const STORY_WORK = new Set(['book', 'books', 'novel', 'film', 'movie', 'series', 'episode', 'story', 'play', 'show', 'game', 'chapter', 'comic', 'audiobook', 'dvd', 'season', 'sequel', 'plot']);
function toldInAStory(toks: readonly string[]): boolean {
  for (let i = 0; i < toks.length; i++) {
    if (STORY_PERSON.has(toks[i])) return true;
    if (!STORY_WORK.has(toks[i])) continue;
    const a = toks[i + 1];
    if (a === 'where' || a === 'about' || a === 'when' || (a === 'in' && toks[i + 2] === 'which')) return true;
    if (toks[i - 1] === 'the' && toks[i - 2] === 'in') return true;
  }
  return false;
}
/**
 * The message guards medicalNow and symptomNow share: a condition told as long ago (`longAgo`: each reading's own words),
 * a price, a habit, a time to come, a story, and (`extra`) the symptom frame's laughing.
 */
function notNow(toks: readonly string[], longAgo: ReadonlySet<string>, extra?: ReadonlySet<string>): boolean {
  return toks.some((t) => longAgo.has(t) || MEDICAL_MONEY.has(t) || MEDICAL_HABIT.has(t) || MEDICAL_LATER.has(t) || extra?.has(t) === true) || toldInAStory(toks);
}
function medicalNow(toks: string[], text = ''): string | null {
  if (!hasGateWord(toks, MEDICAL_GATE)) return null;
  if (notNow(toks, HURT_LONG_AGO)) return null;
  const clauses = clausesOf(toks, text);
  for (const c of clauses) {
    const hit = medicalInClause(c);
    if (hit !== null && !busyBreath(toks, hit)) return hit;
  }
  for (const c of carriedClauses(clauses)) {
    const hit = medicalInClause(c);
    // (The evidence is the customer's words: not the "someone" read in for the carried subject.)
    if (hit !== null && !busyBreath(toks, hit)) return c[0] === 'someone' && hit.startsWith('someone ') ? hit.slice(8) : hit;
  }
  return null;
}
/**
 * Session 45 (emerg, hostile s45 M1): "can't catch my breath" said of the customer's own busy day ("so busy I can't catch
 * my breath, where is my order 48213", "run off my feet and can't catch my breath", "I can't catch my breath with all
 * these Christmas orders") is the idiom, not a breathing sign: the customer's own breath ("my breath") in a message with
 * a word of being busy or laughing. Said of someone else ("my husband can't catch his breath"), or with no such word
 * ("can't catch my breath and my chest is tight": the chest is read by the symptom frame anyway), it stays an emergency.
 */
const BUSY = new Set(['busy', 'hectic', 'swamped', 'rushed', 'manic', 'chaos', 'chaotic', 'nonstop', 'juggling', 'overloaded', 'snowed', 'mad', 'crazy',
  'laughing', 'laughed', 'laugh', 'lol', 'haha', 'hahaha', 'lmao', 'stitches']);
const BUSY_PHRASE = / (?:run|running|rushed) off (?:my|our) feet | so much (?:going on|to do|on) | non stop | flat out | with all (?:the|these|this|those|my) /;
function busyBreath(toks: readonly string[], hit: string): boolean {
  if (!/ (?:catch|get) my breath$/.test(` ${hit}`)) return false;
  return toks.some((t) => BUSY.has(t)) || BUSY_PHRASE.test(` ${toks.join(' ')} `);
}
/**
 * Session 44 (medical5, retest s43 F11, F3): heart-attack and stroke signs read as a symptom frame (symptomFrame.ts: a part
 * of a person's body x what is happening to it), with medicalNow's message guards (money, a habit, a time to come, a story,
 * laughing) and a long-ago guard of its own: days, weeks, months, years, yesterday ("ten minutes ago", "in the last few
 * minutes" are now).
 */
const SYMPTOM_LONG_AGO = new Set(['yesterday', 'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years']);
function symptomNow(toks: string[], text = ''): string | null {
  if (!mayHoldSymptom(toks)) return null;
  if (notNow(toks, SYMPTOM_LONG_AGO, LAUGHING)) return null;
  return symptomFrameIn(clausesOf(toks, text));
}
/**
 * Session 49 (emerg6, hostile s49 H4, H5): a person hurt or ill now in plain words (bodyNow.ts: a fall and can't get up,
 * the throat swelling, confused and drowsy, glass in a foot, blood everywhere) with the symptom frame's message guards,
 * or a threat or violence against a person now (threatNow.ts: "someone is threatening me outside my door") outside a
 * story.
 */
function plainDangerNow(toks: string[], text = ''): string | null {
  // Session 50 (emerg8, hostile s50 H1): the long-ago, money, habit and later words count only when they are about the
  // sign (cueScope.ts: its clause): "he fell off the ladder and cannot get up, he's in total agony" is now.
  if (mayHoldBodySign(toks) && !toks.some((t) => LAUGHING.has(t)) && !toldInAStory(toks)) {
    const clauses = clausesOf(toks, text);
    const hit = bodySignIn([...clauses, ...carriedClauses(clauses)], toks);
    if (hit !== null && !cueAboutEvidence(clauses, hit, bodyNotNowCue)) return hit;
  }
  return toldInAStory(toks) ? null : threatNow(toks);
}
const bodyNotNowCue = (c: readonly string[], i: number): boolean => {
  const t = c[i]!;
  return SYMPTOM_LONG_AGO.has(t) || MEDICAL_MONEY.has(t) || MEDICAL_HABIT.has(t) || MEDICAL_LATER.has(t);
};
/** Session 43 (medical4): a time to come ("the baby is coming in june", "due tomorrow"): not now. */
const MEDICAL_LATER = new Set(['tomorrow', 'next', 'soon', 'due', 'later', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
/**
 * Session 43 (medical4, hostile s43 H1): the person named in one clause is the subject of the next clause that has none
 * ("my dad fell and is not responding", "grandma is on the floor and not responding", "my dad hasn't moved and isn't
 * responding", "the driver hit his head. Not moving."). The message's clauses are cut again at "and", "but", "then", "so";
 * a piece that opens with a verb, a negation or "still" / "now" (no subject of its own) is read with the subject of the
 * piece before, when that subject is a person: a family or role noun ("the driver", "my boss", "grandma") is read as
 * "someone", "I" / "we" as themselves. A thing ("the printer fell and is not responding") carries nothing.
 */
const CARRY_JOIN = new Set(['and', 'but', 'then', 'so']);
const CARRY_OPENS = new Set(['is', 'isnt', 's', 'are', 'arent', 'am', 'has', 'hasnt', 'have', 'havent', 'not', 'still', 'now', 'wont', 'won', 'will',
  'cant', 'can', 'cannot', 'doesnt', 'does', 'just', 'keeps', 'seems', 'looks', 'turned', 'turning', 'gone', 'went', 'stopped', 'no', 'fell', 'collapsed', 'hit', 'wasnt']);
const CARRY_SKIP = new Set(['my', 'our', 'the', 'his', 'her', 'their', 'a', 'an', 'this', 'that', 'your', 'old', 'little', 'elderly', 'poor', 'oh', 'help', 'please', 'and', 'then', 'so', 'now', 'omg']);
const CARRY_PERSON = new Set([...MEDICAL_PERSON_WORDS.split('|'), 'grandson', 'granddaughter', 'nephew', 'niece', 'husband', 'kids', 'children', 'driver', 'boss',
  'neighbour', 'neighbor', 'teacher', 'worker', 'coworker', 'uncle', 'aunt', 'auntie', 'cousin', 'patient', 'mate', 'grandmother', 'grandfather', 'stepdad',
  'stepmum', 'stepmom', 'boyfriend', 'girlfriend', 'fiance', 'fiancee', 'guest', 'student', 'pupil', 'cashier', 'courier', 'him', 'her', 'them', 'hes', 'shes', 'mummy', 'daddy', 'twins', 'brother', 'sister']);
function carriedClauses(clauses: string[][]): string[][] {
  const out: string[][] = [];
  let subject: string | null = null;
  for (const c of clauses) {
    let start = 0;
    for (let i = 0; i <= c.length; i++) {
      if (i < c.length && !(CARRY_JOIN.has(c[i]) && i > start)) continue;
      const piece = c.slice(start, i);
      start = i + 1;
      if (piece.length === 0) continue;
      if (CARRY_OPENS.has(piece[0])) {
        if (subject !== null) out.push([subject, ...piece]);
        continue;
      }
      let k = 0;
      while (k < piece.length - 1 && CARRY_SKIP.has(piece[k])) k++;
      const head = piece[k];
      subject = head === 'i' || head === 'we' ? head : CARRY_PERSON.has(head) || (head.endsWith('s') && CARRY_PERSON.has(head.slice(0, -1))) ? 'someone' : null;
    }
  }
  return out;
}
const LAUGHING = new Set(['laughing', 'laughed', 'laugh', 'lol', 'haha', 'hahaha', 'lmao', 'funny']);
function medicalInClause(toks: string[]): string | null {
  const asksNow = asksOfSomeoneNow(toks);
  // A question about the product's use ("can someone having a seizure use this?", "should a person with asthma...").
  // (Session 44, lead: a texted "can't catch my breath", "can not ..." with the subject left out, is no question.)
  if (MEDICAL_ASKS.has(toks[0] ?? '') && toks[1] !== 'not' && !asksNow) return null;
  const padded = ` ${toks.join(' ')} `;
  const tele = TELEGRAM.exec(toks.join(' '));
  if (tele !== null) return tele[1];
  const m = MEDICAL_NOW.exec(padded);
  if (m === null) return null;
  if (m[0].includes('wake') && toks.some((t) => WAKE_HABIT.has(t))) return null;
  // Session 43 (medical4): chest pain from laughing ("I got chest pain from laughing at your ad") is a figure of speech.
  if (m[0].includes('chest') && toks.some((t) => LAUGHING.has(t))) return null;
  const at = padded.slice(0, m.index + 1).trim().split(' ').filter((t) => t !== '').length;
  // (Not "what do I do" nor "what can I do": said in an emergency as often as not.)
  for (let k = Math.max(asksNow ? 1 : 0, at - 4); k < at; k++) {
    // (Session 42, medical3: "for when", a thing sold for such a case: "do you sell burn gel for when skin is blistering?".)
    if (toks[k] === 'when' && toks[k - 1] === 'for') return null;
    if (!MEDICAL_MAYBE.has(toks[k])) continue;
    // "he might be having a stroke", "could she be having...", "may have had": a suspicion of now.
    if (SUSPECT.has(toks[k]) && (toks[k + 1] === 'be' || toks[k + 2] === 'be' || toks[k + 1] === 'have')) continue;
    return null;
  }
  if (!affirmed(toks, at) || !affirmed(toks, at + 1)) return null;
  // "nobody had a stroke from the shock", "no one has collapsed".
  for (let k = Math.max(0, at - 3); k <= at; k++) if (toks[k] === 'nobody' || toks[k] === 'noone' || (toks[k] === 'no' && toks[k + 1] === 'one')) return null;
  return m[0].trim();
}

/**
 * Session 41 (medical2, hostile s41 H1): an overdose in everyday words: a person took, swallowed or drank too many / too
 * much / a whole packet / all of their pills, tablets or medicine ("my daughter took too many pills", "he's taken a
 * whole packet of paracetamol", "my son drank too much of the cough medicine"). Not a question or a hypothetical ("what
 * happens if you take too many?", "could he have taken too many?" is a suspicion and counts), not negated ("she didn't
 * take too many"), not of long ago, not about money.
 */
const TAKE_VERB = new Set(['took', 'taken', 'swallowed', 'ate', 'eaten', 'had', 'downed', 'drank', 'drunk', 'necked']);
const DOSE = new Set([
  'pills', 'pill', 'tablets', 'tablet', 'medicine', 'medicines', 'medication', 'meds', 'paracetamol', 'ibuprofen', 'aspirin', 'painkillers',
  'sleeping', 'antidepressants', 'insulin', 'capsules', 'vitamins', 'gummies', 'doses', 'dose', 'drugs', 'tylenol', 'acetaminophen', 'codeine',
  'opioids', 'oxycodone', 'xanax', 'valium', 'diazepam', 'melatonin', 'iron', 'syrup',
]);
const EXCESS_FIRST = new Set(['too', 'a', 'all', 'the', 'an', 'handfuls', 'loads', 'lots', 'double', 'twice', 'several', 'way']);
const EXCESS_SECOND = new Set(['many', 'much', 'whole', 'entire', 'handful', 'lot', 'of', 'his', 'her', 'my', 'their', 'the', 'too', 'overdose', 'bottle', 'packet', 'box', 'pack', 'strip', 'dose', 'doses', 'amount']);
function overdoseNow(toks: string[]): string | null {
  if (!toks.some((t) => TAKING_VERBS.has(t))) return null;
  if (toks.some((t, i) => SWALLOW_LONG_AGO.has(t) || MEDICAL_MONEY.has(t) || (t === 'ago' && LONG_AGO_UNITS.has(toks[i - 1] ?? '')))) return null;
  if (toks[0] === 'what' && toks[1] === 'if') return null;
  for (let i = 1; i < toks.length; i++) {
    if (!TAKE_VERB.has(toks[i])) continue;
    if (!EXCESS_FIRST.has(toks[i + 1] ?? '') || !EXCESS_SECOND.has(toks[i + 2] ?? '')) continue;
    // "a whole ..." / "the whole ..." / "all of ..." and "too many / too much" say more than a dose; "a lot of", "the" alone
    // need "too" or "whole" somewhere in the four words (not "he took the tablets").
    const span = toks.slice(i + 1, i + 5);
    if (!span.some((t) => t === 'too' || t === 'whole' || t === 'entire' || t === 'handful' || t === 'handfuls' || t === 'all' || t === 'double' || t === 'twice' || t === 'overdose' || t === 'loads' || t === 'lots' || t === 'lot')) continue;
    const dose = toks.slice(i + 1, i + 9).findIndex((t) => DOSE.has(t));
    if (dose < 0) continue;
    if (!personBefore(toks, i) || !affirmed(toks, i)) continue;
    let maybe = false;
    for (let k = Math.max(0, i - 5); k < i; k++) {
      const t = toks[k];
      if (SWALLOW_MAYBE.has(t) || ((t === 'could' || t === 'might' || t === 'may' || t === 'would' || t === 'will' || t === 'can' || t === 'should') && toks[k + 1] !== 'have' && toks[k + 2] !== 'have')) maybe = true;
    }
    if (maybe) continue;
    return toks.slice(i, i + 2 + dose).join(' ');
  }
  return null;
}

/**
 * Session 41 (medical2, hostile s41 M4): about to miss a departure ("I'm going to be missing my connection", "I'm about to
 * miss my flight", "we're gonna miss our train"): a deadline in minutes, whatever words the designer listed. Said of the
 * future by "going to", "gonna", "about to", "will" / "ll", not asked ("what happens if I miss my flight?", "will I
 * miss my connection if it is delayed?") and not of long ago.
 */
const DEPARTURE = new Set(['flight', 'connection', 'train', 'plane', 'ferry', 'bus', 'coach', 'boarding', 'connecting', 'transfer']);
function missingDeparture(toks: string[]): string | null {
  // (No token gate of its own: the gates are at their limit. Read only after every other urgency reading found nothing.)
  if (!toks.includes('miss') && !toks.includes('missing')) return null;
  if (toks.some((t, i) => SWALLOW_LONG_AGO.has(t) || (t === 'ago' && LONG_AGO_UNITS.has(toks[i - 1] ?? '')))) return null;
  for (let i = 1; i < toks.length; i++) {
    if (toks[i] !== 'miss' && toks[i] !== 'missing') continue;
    const own = toks[i + 1] === 'my' || toks[i + 1] === 'our' || toks[i + 1] === 'the';
    const what = toks[i + 2] === 'connecting' ? toks[i + 3] : toks[i + 2];
    if (!own || !DEPARTURE.has(what ?? '') || !affirmed(toks, i)) continue;
    // "going to (be) miss(ing)", "gonna miss", "about to miss", "will miss", "i ll miss".
    const b = toks.slice(Math.max(0, i - 3), i);
    const future = (b.includes('going') && b.includes('to')) || b.includes('gonna') || (b.includes('about') && b.includes('to')) || b.includes('will') || b.includes('ll');
    if (!future) continue;
    if (designerPhraseNotNow(toks, i)) continue;
    return toks.slice(i, i + 3).join(' ');
  }
  return null;
}

/**
 * Session 41 (medical2, hostile s41 M4): a designer's urgency phrase ("miss my flight") in a past event or a hypothetical:
 * "I missed my flight last month, can I get a refund?" (a word of long ago: yesterday, last week / month / year, days ago),
 * "what happens if I miss my flight?", "in case I miss my flight", "will I miss my connection?" (a question opening with
 * will / would / could / do / does / what / is before the phrase). "I just missed my flight" and "I'm going to miss my
 * flight" stay urgent.
 */
const PAST_SPAN = new Set(['week', 'month', 'year', 'weekend', 'summer', 'winter', 'spring', 'autumn', 'christmas', 'easter', 'time', 'trip', 'holiday', 'holidays', 'night', 'weeks', 'months', 'years']);
const HYPOTHETICAL_BEFORE = new Set(['if', 'case', 'incase', 'whether', 'suppose', 'supposing', 'unless']);
const QUESTION_OPENERS = new Set(['will', 'would', 'could', 'do', 'does', 'what', 'is', 'can', 'should', 'might', 'am']);
function designerPhraseNotNow(toks: string[], at: number): boolean {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t === 'yesterday' || t === 'previously' || (t === 'last' && PAST_SPAN.has(toks[i + 1] ?? '')) || (t === 'ago' && LONG_AGO_UNITS.has(toks[i - 1] ?? ''))) return true;
  }
  for (let k = Math.max(0, at - 4); k < at; k++) if (HYPOTHETICAL_BEFORE.has(toks[k])) return true;
  // "what happens if", "what if": anywhere before the phrase.
  for (let k = 0; k < at; k++) if (toks[k] === 'what' && (toks[k + 1] === 'if' || toks[k + 1] === 'happens' || toks[k + 1] === 'happen')) return true;
  // A question opening right before the phrase: "will I miss my connection", "do I miss my flight if...".
  return at <= 3 && QUESTION_OPENERS.has(toks[0]) && (toks[1] === 'i' || toks[1] === 'we');
}

/**
 * Session 46 (details5, retest s45 M4): a designer's urgency phrase in a question ABOUT when it happens, the rule and not
 * the customer's own deadline: "is the gate closing time 20 minutes?", "when does the gate close?", "how long before
 * departure does the gate close?", "I don't have it, is the gate closing time 20 minutes?" (handed over as urgent). The
 * phrase's own clause (cut at . ? ! ; and commas) is a question (it ends with "?" or opens with a question word) and
 * says nothing of the customer or of now: no I / my / we / our, no "now", "soon", "already", "left", "in 20 minutes".
 * "my gate closes in 15 min, can you help?", "is my gate closing now?", "the gate closes soon, what do I do?" stay urgent.
 */
const ASKS_OPENERS = new Set([...QUESTION_OPENERS, 'when', 'how', 'are', 'did', 'which', 'whats']);
const OWN_OR_NOW = new Set(['i', 'im', 'me', 'my', 'we', 'our', 'us', 'mine', 'now', 'soon', 'already', 'left', 'nearly', 'almost', 'about', 'currently', 'right', 'today', 'tonight', 'urgent', 'hurry', 'help']);
function askedAboutItsTime(toks: string[], at: number, length: number, text: string): boolean {
  if (!text.includes('?') && !ASKS_OPENERS.has(toks[0] ?? '')) return false;
  // The clauses as typed, each with the mark that ends it; the hit's clause is the one its token falls in.
  let start = 0;
  for (const m of text.matchAll(/[^.?!;,]+[.?!;,]*/g)) {
    const piece = textTokens(m[0]);
    const end = start + piece.length;
    if (at < end) {
      // A clause cut otherwise than the whole message's tokens: not read (the phrase stays urgent).
      if (piece.some((t, k) => toks[start + k] !== t)) return false;
      // A bare phrase asked ("at the gate??", "boarding now?") says where the customer is: it stays urgent.
      const asks = (m[0].trimEnd().endsWith('?') && piece.length > length) || ASKS_OPENERS.has(piece[0] ?? '');
      // "in 20 minutes", "in 10 min": a time from now is the customer's own.
      const fromNow = piece.some((t, k) => t === 'in' && /^(?:\d+|a|an|ten|five|fifteen|twenty|thirty|few)$/.test(piece[k + 1] ?? ''));
      return asks && !fromNow && !piece.some((t) => OWN_OR_NOW.has(t));
    }
    start = end;
  }
  return false;
}

/**
 * Session 41 (injury, hostile s40 H4): something dangerous swallowed, drunk or eaten by a person ("my son swallowed a
 * battery from your toy and he's vomiting", "my daughter swallowed a magnet from your kit, what do I do", "I think my
 * toddler has swallowed a button battery", "he drank some bleach") is a medical emergency whether or not the message says
 * "now": a button battery or two magnets harm within hours. Also anything swallowed with a sign of harm after it ("ate
 * one of the pods and is throwing up"). A person must be named before the verb (not "my dog ate a battery": a vet, not
 * 112). Not a hypothetical or a question about a risk ("what if my child swallows a magnet?", "is it dangerous if
 * swallowed?", "could he choke if he swallowed it"), not negated ("he didn't swallow it"), not of long ago ("last year",
 * "two weeks ago"; "20 minutes ago" still is).
 */
const SWALLOW_VERB = new Set(['swallowed', 'ingested', 'ate', 'eaten', 'drank', 'drunk']);
// (Session 41, medical2: overdoseNow's verbs of taking. A plain set, not a token gate: the gates are at their limit of 64
// since the merge of injury and medical2.)
const TAKING_VERBS = new Set([...SWALLOW_VERB, 'took', 'taken', 'had', 'downed', 'necked']);
const SWALLOW_HAZARD = new Set([
  'battery', 'batteries', 'magnet', 'magnets', 'magnetic', 'bleach', 'detergent', 'pod', 'pods', 'capsule', 'capsules', 'pill', 'pills',
  'tablets', 'medicine', 'medicines', 'medication', 'paracetamol', 'ibuprofen', 'poison', 'poisonous', 'chemical', 'chemicals', 'cleaner',
  'cleaning', 'antifreeze', 'acid', 'lye', 'weedkiller', 'pesticide', 'nicotine', 'toxic', 'caustic', 'oven', 'drain', 'washing', 'dishwasher',
  // Session 47 (emerg4, hostile s47 M2): more household chemicals ("the descaler", "the lamp oil", "the rat poison", "white
  // spirit", "slug pellets", "drain unblocker"...).
  'descaler', 'descaling', 'unblocker', 'spirit', 'spirits', 'turps', 'turpentine', 'paraffin', 'kerosene', 'lamp', 'petrol', 'diesel',
  'rat', 'rodenticide', 'insecticide', 'slug', 'fertiliser', 'fertilizer', 'disinfectant', 'softener', 'limescale', 'remover', 'acetone',
  'methylated', 'meths', 'vape', 'weed', 'killer', 'polish', 'degreaser', 'ammonia', 'solvent', 'gel', 'laundry', 'toilet',
]);
/** Session 47 (emerg4, hostile s47 M2): a chemical licked or chewed is taken in as one drunk or eaten ("my baby licked the oven cleaner"). */
const LICK_VERB = new Set(['licked', 'chewed', 'sucked']);
const LICKED_HAZARD = new Set(['battery', 'batteries', 'bleach', 'detergent', 'pod', 'pods', 'capsule', 'capsules', 'poison', 'poisonous', 'chemical', 'chemicals', 'cleaner', 'antifreeze', 'acid', 'lye', 'weedkiller', 'pesticide', 'nicotine', 'caustic', 'oven', 'drain', 'dishwasher', 'descaler', 'unblocker', 'spirit', 'turps', 'paraffin', 'rat', 'slug', 'disinfectant', 'limescale', 'remover', 'vape', 'gel', 'laundry', 'toilet', 'lamp']);
const SWALLOW_HARM = new Set(['vomiting', 'vomit', 'vomited', 'sick', 'throwing', 'choking', 'drowsy', 'unconscious', 'breathe', 'breathing', 'fitting', 'seizing', 'convulsing', 'foaming', 'screaming', 'crying', 'pain', 'coughing', 'gagging', 'blue']);
const SWALLOW_PERSON = new Set(MEDICAL_PERSON.slice(3, -1).split('|').concat(['i', 'we', 'toddlers', 'kids', 'children', 'sons', 'daughters', 'babys', 'childs', 'nephew', 'niece', 'grandson', 'granddaughter', 'twins', 'mine']));
// (Session 45, emerg: "nearly" / "almost swallowed" is a danger reported, nothing swallowed; found by the held-out set.)
const SWALLOW_MAYBE = new Set(['if', 'cause', 'causes', 'risk', 'risks', 'case', 'prevent', 'avoid', 'whether', 'incase', 'dangerous', 'hazard', 'safe', 'ever', 'nearly', 'almost']);
const LONG_AGO_UNITS = new Set(['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years']);
const SWALLOW_LONG_AGO = new Set(['yesterday', 'last', 'weeks', 'months', 'year', 'years', 'previous', 'previously', 'once']);
/**
 * Session 45 (emerg, hostile s45 H1): a small part of a thing ("a piece of the puzzle", "a small part of the rattle", "a
 * bit of the toy"), dangerous to a child who swallowed it: the part's word, then a thing (not food) or a size before it.
 */
const SMALL_PART = new Set(['part', 'parts', 'piece', 'pieces', 'bit', 'bits']);
const SMALL_THING = new Set(['coin', 'coins', 'marble', 'marbles', 'bead', 'beads', 'screw', 'screws', 'pin', 'pins', 'needle', 'needles', 'glass', 'lego']);
const PART_OF_A_THING = new Set(['toy', 'toys', 'rattle', 'puzzle', 'set', 'kit', 'game', 'lego', 'teether', 'doll', 'car', 'plastic', 'metal', 'your', 'figure', 'model', 'playset', 'jigsaw', 'block', 'blocks', 'brick', 'bricks', 'remote', 'torch', 'watch', 'earring', 'necklace', 'bracelet', 'ornament', 'decoration', 'bauble', 'pen', 'charger', 'gadget']);
const PART_SIZE = new Set(['small', 'tiny', 'little', 'plastic', 'metal', 'sharp']);
/** The index in `after` (the words after the verb) of a small part of a thing or a small thing swallowed, or -1. */
function smallPartAt(after: readonly string[]): number {
  for (let k = 0; k < Math.min(after.length, 4); k++) {
    const t = after[k];
    if (SMALL_THING.has(t)) return k;
    if (!SMALL_PART.has(t)) continue;
    if (PART_SIZE.has(after[k - 1] ?? '')) return k;
    for (let j = k + 1; j < Math.min(after.length, k + 5); j++) if (PART_OF_A_THING.has(after[j])) return j;
    return -1;
  }
  return -1;
}
/** A person in the four words before toks[i] ("my son", "I think my toddler has", "she s just"): swallowedNow, overdoseNow. */
function personBefore(toks: readonly string[], i: number): boolean {
  for (let k = Math.max(0, i - 4); k < i; k++) if (SWALLOW_PERSON.has(toks[k]) || ageAt(toks, k)) return true;
  return false;
}
/**
 * Session 45 (emerg, hostile s45 H1): a child named by age ("my 2 year old", "our 18 month old", "my 3yo"): a person, and its
 * "year" / "month" no time long ago.
 */
const AGE_UNIT = new Set(['year', 'years', 'yr', 'yrs', 'month', 'months', 'week', 'weeks']);
function ageAt(toks: readonly string[], k: number): boolean {
  return (toks[k] === 'old' && AGE_UNIT.has(toks[k - 1] ?? '')) || /^\d{1,2}(?:yo|yr|yrs|mo)$/.test(toks[k]);
}
/** A word of long ago in the message (a unit of an age, "2 year old", is none). */
function swallowLongAgo(toks: readonly string[]): boolean {
  return toks.some((t, i) => (SWALLOW_LONG_AGO.has(t) || (t === 'ago' && LONG_AGO_UNITS.has(toks[i - 1] ?? ''))) && !(AGE_UNIT.has(t) && toks[i + 1] === 'old'));
}
/**
 * Session 45 (emerg2, retest-conv s45 M1): a swallowing told by the person's age or childhood then ("when he was 4", "when
 * she was a baby", "when I was little") is long ago.
 */
const AGE_THEN = / when (?:he|she|i|they|we|you|my \w+) (?:was|were) (?:\d{1,2}|a baby|a toddler|a kid|a child|little|small|younger|young|tiny)\b| when (?:he|she|i|they|we|you|my \w+) (?:was|were) to (?:(?:and|but|so|do|does|did|is|are|can|could|will|would|he|she|i|we|they|it|now)\b|$)/;
// (The canonical tokens read a bare "2" as "to": "when she was 2, do these..." is "when she was to do these".)
/**
 * Session 45 (emerg2, retest-conv s45 H1): a swallowing told as "yesterday" or "last night" with a sign of harm now ("he is
 * being sick now", "now she is vomiting", "he is in pain now") is an emergency now: a harm word said in the present (is /
 * are / being / still / keeps before it, or "now" right before or after). "was sick for days" is the story, not now.
 */
const PRESENT_BEFORE = new Set(['is', 'are', 's', 'hes', 'shes', 'being', 'keeps', 'still', 'now', 'started', 'starting', 'im', 'am', 'theyre']);
function harmNow(toks: readonly string[]): boolean {
  for (let i = 0; i < toks.length; i++) {
    if (!SWALLOW_HARM.has(toks[i]) || !affirmed(toks as string[], i)) continue;
    const before = toks.slice(Math.max(0, i - 3), i);
    if (before.includes('was') || before.includes('were')) continue;
    if (before.some((t) => PRESENT_BEFORE.has(t)) || toks.slice(i + 1, i + 3).includes('now')) return true;
  }
  return false;
}
/**
 * Session 46 (emerg3, hostile s46 H2): the swallowing said as a gerund after "after", "since" or "been" ("after swallowing a
 * magnet from your toy my girl is vomiting", "he's been swallowing magnets", "she's been sick since swallowing a piece of
 * the toy"): the person may come after it. Not "swallowing pills is hard for my dad", "stopped swallowing his food", "what
 * if a child is swallowing a magnet" (the maybe guard).
 */
const GERUND_BEFORE = new Set(['after', 'since', 'been', 'from', 'keeps', 'kept']);
function gerundSwallow(toks: readonly string[], i: number): boolean {
  return toks[i] === 'swallowing' && GERUND_BEFORE.has(toks[i - 1] ?? '') && toks.some((t, k) => SWALLOW_PERSON.has(t) || ageAt(toks, k));
}
/**
 * Session 46 (emerg3, hostile s46 H2): a pronoun object ("swallowed it", "swallowed them", "swallowed one") names the
 * thing said before it ("my daughter put a battery in her mouth and swallowed it", "the battery fell out of the remote and
 * my daughter swallowed it"): a hazard or a small thing in the twelve words before the verb.
 */
const PRONOUN_OBJECT = new Set(['it', 'them', 'one', 'both', 'some']);
function hazardBefore(toks: readonly string[], i: number): string | null {
  if (!PRONOUN_OBJECT.has(toks[i + 1] ?? '')) return null;
  for (let k = i - 1; k >= Math.max(0, i - 12); k--) {
    const t = toks[k];
    if (SWALLOW_HAZARD.has(t) || SMALL_THING.has(t) || (/^cells?$/.test(t) && /^(?:button|coin|lithium)$/.test(toks[k - 1] ?? ''))) return t;
  }
  return null;
}
/**
 * Session 46 (emerg3, hostile s46 H2): a hazard put in a person's mouth and now gone or swallowed ("my son put the magnet in
 * his mouth and now it's gone"): swallowed. Not "put it in his mouth but I got it out".
 */
const MOUTH_GONE = / (?:put|putting|puts|stuck|popped|had) (?:a|an|the|one|two|some|this|that|of the|one of the|\w+ of the)? ?(?:(?:little|small|tiny|loose|button|coin|lithium|toy) )*(\w+)(?: [a-z]+){0,3} (?:in|into) (?:his|her|their|my) mouth(?: [a-z]+){0,4} (?:gone|swallowed|disappeared|vanished|cant find it|can t find it|cannot find it)\b/;
function mouthGone(toks: readonly string[]): string | null {
  if (!toks.includes('mouth')) return null;
  const m = MOUTH_GONE.exec(` ${toks.join(' ')} `);
  if (m === null) return null;
  const thing = m[1];
  if (!(SWALLOW_HAZARD.has(thing) || SMALL_THING.has(thing) || /^cells?$/.test(thing))) return null;
  const at = m.index === 0 ? 0 : ` ${toks.join(' ')} `.slice(0, m.index + 1).trim().split(' ').length;
  return personBefore(toks, at) ? m[0].trim() : null;
}
/**
 * Session 47 (emerg4, hostile s47 M2): a pet that ate, drank or licked a poison or a battery ("my dog ate the rat poison
 * from your shop and is shaking"): urgent (a person at once), but not the 999 line, which is for people (a vet is).
 */
const PET = new Set(['dog', 'dogs', 'puppy', 'pup', 'cat', 'cats', 'kitten', 'kitty', 'rabbit', 'bunny', 'hamster', 'parrot', 'pet', 'pets', 'ferret', 'guinea']);
const PET_HARM = new Set([...SWALLOW_HARM, 'shaking', 'twitching', 'trembling', 'drooling', 'foaming', 'collapsed', 'fitting', 'seizing', 'limp', 'panting', 'staggering', 'wobbly', 'unwell', 'ill', 'lethargic']);
function petSwallowedNow(toks: string[]): string | null {
  if (!toks.some((t) => PET.has(t))) return null;
  if (swallowLongAgo(toks) && !harmNow(toks)) return null;
  for (let i = 1; i < toks.length; i++) {
    const lick = LICK_VERB.has(toks[i]);
    if (!SWALLOW_VERB.has(toks[i]) && !lick) continue;
    if (!toks.slice(Math.max(0, i - 4), i).some((t) => PET.has(t)) || !affirmed(toks, i)) continue;
    if (toks.slice(Math.max(0, i - 5), i).some((t) => SWALLOW_MAYBE.has(t) || t === 'could' || t === 'might' || t === 'may' || t === 'would' || t === 'will' || t === 'can')) continue;
    let end = toks.slice(i + 1, i + 8).findIndex((t) => (lick ? LICKED_HAZARD : SWALLOW_HAZARD).has(t));
    if (end < 0) continue;
    // (With a sign of harm now only: "my dog ate a battery" alone stays calm, as injuryS41 decided for animals.)
    if (!toks.slice(i + 1).some((t) => PET_HARM.has(t))) continue;
    while (SWALLOW_HAZARD.has(toks[i + end + 2] ?? '')) end++;
    return toks.slice(i, i + end + 2).join(' ');
  }
  return null;
}
function swallowedNow(toks: string[]): string | null {
  const licked = toks.some((t) => LICK_VERB.has(t));
  if (!hasGateWord(toks, EMERGENCY_NOW_WORDS) && !toks.includes('swallowing') && !toks.includes('mouth') && !licked) return null;
  if (!toks.some((t) => SWALLOW_VERB.has(t) || t === 'swallowing' || t === 'mouth' || LICK_VERB.has(t))) return null;
  if (AGE_THEN.test(` ${toks.join(' ')} `)) return null;
  if (swallowLongAgo(toks) && !harmNow(toks)) return null;
  if (toks[0] === 'what' && toks[1] === 'if') return null;
  const gone = mouthGone(toks);
  if (gone !== null && !toks.some((t) => SWALLOW_MAYBE.has(t))) return gone;
  for (let i = 1; i < toks.length; i++) {
    const gerund = gerundSwallow(toks, i);
    const lick = LICK_VERB.has(toks[i]);
    if (!SWALLOW_VERB.has(toks[i]) && !gerund && !lick) continue;
    // (Session 46, emerg3: with a pronoun object naming a hazard said before, the person may be named before the hazard:
    // "my baby found a magnet from the set and swallowed it".)
    const named = hazardBefore(toks, i);
    if (!(gerund || personBefore(toks, i) || (named !== null && toks.slice(Math.max(0, i - 12), i).some((t) => SWALLOW_PERSON.has(t)))) || !affirmed(toks, i)) continue;
    // "could / might / may" only as a suspicion of what happened ("might have swallowed"), not what could happen.
    let maybe = false;
    for (let k = Math.max(0, i - 5); k < i; k++) {
      const t = toks[k];
      if (SWALLOW_MAYBE.has(t) || ((t === 'could' || t === 'might' || t === 'may' || t === 'would' || t === 'will' || t === 'can') && toks[k + 1] !== 'have')) maybe = true;
    }
    if (maybe) continue;
    const after = toks.slice(i + 1, i + 8);
    // (Session 45, emerg2: a "button cell", "coin cell" or "lithium cell" is a button battery.)
    let end = after.findIndex((t, k) => SWALLOW_HAZARD.has(t) || (/^cells?$/.test(t) && /^(?:button|coin|lithium)$/.test(after[k - 1] ?? '')));
    // (Session 41 read a magnet alone as a report after the fact, "My son swallowed one of the little magnets from the toy
    // set." being labelled a safety topic in the corpus, and wanted a sign of now. Session 45, emerg, hostile s45 H1: "my
    // son swallowed a magnet" said plainly is how it is usually said, and a magnet swallowed harms within hours: it is an
    // emergency, as a button battery is, unless it is told as long ago.)
    // Session 45 (emerg, hostile s45 H1): a small part of a thing ("a piece of the puzzle", "a small part of the rattle").
    // (Session 47, emerg4: a thing licked or chewed is an emergency only when it is a chemical or a battery, not a small part.)
    if (lick) {
      if (end >= 0 && LICKED_HAZARD.has(after[end])) return toks.slice(i, i + end + 2).join(' ');
      continue;
    }
    if (end < 0) end = smallPartAt(after);
    if (end < 0 && named !== null) return `${named} ... ${toks[i]} ${toks[i + 1]}`;
    if (end >= 0) {
      while (SWALLOW_HAZARD.has(after[end + 1] ?? '')) end++;
      return toks.slice(i, i + end + 2).join(' ');
    }
    const harm = toks.slice(i + 1).findIndex((t) => SWALLOW_HARM.has(t));
    if (harm >= 0 && affirmed(toks, i + 1 + harm)) return `${toks[i]} ... ${toks[i + 1 + harm]}`;
  }
  return null;
}

/**
 * Session 41 (injury, hostile s40 H2): the urgency is a person hurt or ill now (not a deadline, a fire, a leak or fraud):
 * someone hurt, bleeding or unconscious (hurtNow), a medical emergency (medicalNow), something dangerous swallowed
 * (swallowedNow), or harm on a body as it happens (emergencyNow's bleeding, choking, a burn on a hand...). Set as
 * Signal.emergency on the urgency signal: the engine says the flow's emergency line (112 / 999 / 911) before anything
 * else, whatever the opening hours.
 */
const PERSON_HARM = new Set(['bleeding', 'blood', 'swelling', 'swollen', 'hives', 'choking', 'swallowed', 'swallow', 'drank', 'drunk', 'poisoned', 'poison', 'poisoning', 'vomiting', 'seizure', 'collapsed', 'fainted', 'overdose', 'electrocuted', 'allergic', 'scalded', ...HURT_VERB]);
const BURN_WORDS = new Set(['burn', 'burnt', 'burned', 'burning', 'scalded']);
/**
 * Read only once urgency has fired on its own (a hurry word, "asap", the classifier): a word of a body in danger said of
 * now ("please hurry my husband is bleeding", "he's choking on a part", "car crash, he's bleeding", "she's not
 * breathing", "call an ambulance"), not negated ("nobody is hurt", "no one was injured") and not of long ago.
 */
const HARM_STATE = new Set(['bleeding', 'unconscious', 'choking', 'hurt', 'injured', 'injury', 'injuries', 'collapsed', 'fainted', 'seizure', 'overdose', 'overdosed', 'poisoned', 'electrocuted', 'ambulance', 'paramedics', 'concussion', 'stabbed', 'drowning']);
const STATE_NOW = new Set(['is', 'are', 's', 'hes', 'shes', 'still', 'theyre', 'am', 'im']);
function harmStated(toks: string[], text: string): boolean {
  // A time long ago in the message leaves only a state said in the present ("yesterday my son fell through the roof and
  // is unconscious, ambulance coming").
  const longAgo = toks.some((t, i) => SWALLOW_LONG_AGO.has(t) || (t === 'ago' && LONG_AGO_UNITS.has(toks[i - 1] ?? '')));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (longAgo && !STATE_NOW.has(toks[i - 1] ?? '') && !(t === 'ambulance' && /^(?:coming|here|on)$/.test(toks[i + 1] ?? ''))) continue;
    if ((t === 'breathing' || t === 'breathe') && !breatheAWord(toks, i, text)) return true;
    if (!HARM_STATE.has(t) || !affirmed(toks, i) || figurative(toks, i)) continue;
    let nobody = false;
    for (let k = Math.max(0, i - 3); k < i; k++) if (NOBODY.has(toks[k]) || toks[k] === 'no') nobody = true;
    if (!nobody) return true;
  }
  return false;
}
export function personInDanger(toks: string[], text = ''): boolean {
  if (hurtNow(toks) !== null || medicalNow(toks, text) !== null || symptomNow(toks, text) !== null || swallowedNow(toks) !== null || overdoseNow(toks) !== null || shockNow(toks) !== null || plainDangerNow(toks, text) !== null || harmStated(toks, text)) return true;
  const w = emergencyNow(toks);
  if (w === null) return false;
  return PERSON_HARM.has(w) || (BURN_WORDS.has(w) && toks.some((t, i) => BURN_WORDS.has(t) && burnOnBody(toks, i)));
}

/**
 * Session 44 (medical5): "breathe a word" keeps a secret ("I can't breathe a word of it", "don't breathe a word to him"):
 * the verb at `i` followed by (a / one / a single) word.
 */
const BREATH = new Set(['breathe', 'breath', 'breathing']);
const BREATHE_A_WORD = /\bbreath(?:e|ing)?[ \t]+(?:(?:a|one)[ \t]+)?(?:single[ \t]+)?words?\b/i;
function breatheAWord(toks: readonly string[], i: number, text: string): boolean {
  let k = i + 1;
  if (toks[k] === 'a' || toks[k] === 'one') k++;
  if (toks[k] === 'single') k++;
  // (In the text as typed too: "he's not breathing, a word from you..." is no idiom.)
  return (toks[k] === 'word' || toks[k] === 'words') && BREATHE_A_WORD.test(text);
}

/** Session 8: a past verb of telling or arriving in the eight words before `at` (a character index of the padded text). */
const TOLD = new Set(['told', 'said', 'was', 'were', 'came', 'left', 'rang', 'knocked', 'shouted', 'yelled', 'asked', 'yesterday', 'last']);
function toldBefore(padded: string, at: number): boolean {
  const before = padded.slice(0, at).trim().split(' ');
  for (let k = Math.max(0, before.length - 8); k < before.length; k++) if (TOLD.has(before[k])) return true;
  return false;
}

function findDeadline(toks: string[]): string | null {
  // Only build the string and run the regexes when a time unit is there at all.
  if (!toks.some(isUnit)) return null;
  const padded = paddedTokens(toks);
  const m = DEADLINE.exec(padded) ?? LEFT.exec(padded) ?? LEFT_WORDS.exec(padded);
  // Round eight: "it broke in small pieces in one hour" is how fast something happened, not a deadline.
  if (m && !pastNear(toks, padded.slice(0, m.index + 1).split(' ').length - 2)) {
    // Session 25 (hostile s24 #11): "in an hour and a half", "in one and a half hours" add half the unit (it was 60).
    const minutes = deadlineMinutes(m[1], m[2]) + (m[0].includes(' and a half ') || m[0].includes(' and half ') ? (m[2].startsWith('h') ? 30 : 0.5) : 0);
    // Session 24 (hostile s17 #18): up to two hours in either unit ("in 90 minutes" was not urgent, "in 2 hours" was).
    if (Number.isFinite(minutes) && minutes > 0 && minutes <= 120) return m[0].trim();
  }
  const w = WITHIN_THE_HOUR.exec(padded);
  return w ? w[0].trim() : null;
}

/**
 * Designer phrases, normalised and canonicalised once per phrases array: as written, and by word stems.
 * Session 40 (hostile s38 M6): "miss my flight" did not find "I just missed my flight" (phrases were matched as written);
 * a phrase now also finds its words' other forms (missed, missing, misses: Porter2 stems), quoted as the customer wrote them.
 */
interface DesignerPhrases {
  exact: PhraseMatcher;
  stemmed: PhraseMatcher;
}
const phraseCache = new WeakMap<readonly string[], DesignerPhrases>();
function designerPhrases(phrases: readonly string[]): DesignerPhrases {
  let hit = phraseCache.get(phrases);
  if (!hit) {
    const canonical = phrases.map((p) => canonicalizeText(normalizeText(p)));
    hit = { exact: phraseMatcher(canonical.map((w) => w.join(' '))), stemmed: phraseMatcher(canonical.map((w) => stemTokens(w).join(' '))) };
    phraseCache.set(phrases, hit);
  }
  return hit;
}

/**
 * Session 42 (medical3, hostile s42 M3): a word of harm used as a figure of speech, by what it is said of, not by phrase:
 *  - bleeding (bled) money: followed within three words by money or what a business loses ("I was bleeding money on
 *    shipping fees", "bleeding us dry", "bleeding customers");
 *  - "bleeding" as a British swear word before a thing: a determiner before it and no body, person or degree after it
 *    ("where is my bleeding parcel", "this bleeding website"; not "my bleeding hand", "is bleeding badly");
 *  - choking (choked) with laughter, tears, emotion ("I was choking with laughter at your packaging note"), choking up.
 */
const FIGURE_MONEY = new Set(['money', 'cash', 'pounds', 'dollars', 'euros', 'funds', 'customers', 'subscribers', 'sales', 'profit', 'profits', 'revenue', 'dry', 'members', 'clients', 'users', 'fees', 'points', 'credits', 'data']);
const FIGURE_FEELING = new Set(['laughter', 'laughing', 'laugh', 'laughs', 'emotion', 'emotions', 'tears', 'pride', 'excitement', 'joy', 'rage', 'anger', 'giggles', 'nerves']);
const SWEAR_BEFORE = new Set(['the', 'my', 'this', 'that', 'your', 'these', 'those', 'a', 'an', 'our', 'their', 'its', 'his', 'her']);
const LITERAL_AFTER = new Set(['badly', 'heavily', 'profusely', 'everywhere', 'from', 'out', 'a', 'again', 'still', 'now', 'so', 'very', 'all', 'lots', 'loads', 'bad', 'and', 'on', 'in', 'after']);
const BLEEDING_THING = new Set(['colour', 'colours', 'color', 'colors', 'dye', 'dyes', 'ink', 'inks', 'paint', 'print', 'pattern', 'fabric', 'jeans', 'pen', 'marker', 'label', 'logo', 'stain']);
function figurative(toks: string[], i: number): boolean {
  const t = toks[i];
  if (t === 'bleeding' || t === 'bled' || t === 'bleed') {
    // Session 43 (medical4): "bleeding edge" (new technology).
    if (toks[i + 1] === 'edge') return true;
    // Session 49 (emerg6): a colour, dye or ink that bleeds ("the colour is bleeding in the wash", "the dye bled onto my
    // shirt", "the ink bleeds through the page"): the thing just before (past "is" / "has"), or the wash after.
    const subject = /^(?:is|are|s|has|have|had|keeps|started|was|were)$/.test(toks[i - 1] ?? '') ? toks[i - 2] : toks[i - 1];
    if (BLEEDING_THING.has(subject ?? '') || toks.slice(i + 1, i + 4).some((w) => w === 'wash' || w === 'washing' || w === 'fabric' || w === 'page' || w === 'paper')) return true;
    for (let k = i + 1; k <= i + 3 && k < toks.length; k++) if (FIGURE_MONEY.has(toks[k])) return true;
    const next = toks[i + 1];
    return t === 'bleeding' && SWEAR_BEFORE.has(toks[i - 1] ?? '') && next !== undefined && !BODY.has(next) && !LITERAL_AFTER.has(next) && !SWALLOW_PERSON.has(next) && !/^(?:nose|gums?|wound|cut|knee|knees|elbow|foot|feet|toe|toes|mouth|ear|ears|lips?|body|skin)$/.test(next);
  }
  if (t === 'choking' || t === 'choked') {
    if (toks[i + 1] === 'up' || (toks[i + 1] === 'back' && toks[i + 2] === 'tears')) return true;
    for (let k = i + 1; k <= i + 3 && k < toks.length; k++) if (FIGURE_FEELING.has(toks[k])) return true;
  }
  return false;
}

/** The word at `index` is not negated by one of the two words before it ("not urgent", "no emergency"). */
function affirmed(toks: string[], index: number): boolean {
  // Up to four words back: "not urgent", "no emergency", "not at all in a hurry".
  for (let k = Math.max(0, index - 4); k < index; k++) if (NEGATORS.has(toks[k])) return false;
  return true;
}

/**
 * Session 8: an emergency word naming a risk ("a choking hazard", "a fire risk", "could pose a choking risk") reports a
 * danger (a safety topic), it is not happening.
 */
// (Session 35, fe: and a product's protection against it, "is the pyjama fabric flame-retardant?", "flame resistant".)
const RISK = new Set(['risk', 'risks', 'hazard', 'hazards', 'danger', 'warning', 'label', 'test', 'tested', 'safety', 'retardant', 'retardent', 'resistant', 'proof']);
function namesARisk(toks: string[], i: number): boolean {
  return RISK.has(toks[i + 1] ?? '') || (toks[i + 1] === 'and' && RISK.has(toks[i + 3] ?? '')) || EMERGENCY_KIT.has(toks[i + 1] ?? '') ||
    // Session 35 (fe): one word describing the kit between ("do you sell those emergency foil blankets?").
    (EMERGENCY_KIT.has(toks[i + 2] ?? '') && !isStopWordish(toks[i + 1])) || namesAJob(toks, i);
}
const isStopWordish = (t: string | undefined): boolean => t === undefined || /^(?:and|or|but|so|i|we|is|are|the|a|my|to|for|in|on|at|of|it|please|now)$/.test(t);
/**
 * Session 35 (fe, issue 11): "emergency" naming a line of work the customer tells of ("I work nights on emergency calls so
 * I'm never in for deliveries", "my wife's shifts in the emergency department"): a job, not an emergency now. Only with a
 * word of work in the message: "call emergency services, the charger is on fire" stays.
 */
const EMERGENCY_WORK = new Set(['calls', 'services', 'department', 'dept', 'room', 'ward', 'nurse', 'nurses', 'nursing', 'doctor', 'doctors', 'medicine', 'dispatch', 'dispatcher', 'responder', 'responders', 'vet', 'medic', 'medics', 'physician', 'care']);
const WORK_WORDS = new Set(['work', 'works', 'working', 'worked', 'job', 'shift', 'shifts', 'career', 'profession', 'employed', 'colleague', 'colleagues']);
function namesAJob(toks: string[], i: number): boolean {
  return toks[i] === 'emergency' && EMERGENCY_WORK.has(toks[i + 1] ?? '') && toks.some((t) => WORK_WORDS.has(t));
}
/** Session 9: a thing sold for emergencies ("do you sell emergency blankets?", "an emergency torch"): a product, not a hurry. */
const EMERGENCY_KIT = new Set([
  'blanket', 'blankets', 'kit', 'kits', 'light', 'lights', 'torch', 'torches', 'whistle', 'whistles', 'radio', 'radios', 'food',
  'rations', 'supplies', 'pack', 'packs', 'shelter', 'shelters', 'candle', 'candles', 'lamp', 'lamps', 'bag', 'bags', 'poncho',
  'ponchos', 'tent', 'tents', 'beacon', 'flare', 'flares', 'hammer', 'charger', 'chargers', 'bivvy', 'bivy', 'stove', 'water', 'lantern',
]);

/** Session 24 (speed): the urgent words as a token gate (most messages have none and skip the pass). */
const URGENT_WORDS = tokenGate(WORDS);
function findWords(toks: string[], extra: DesignerPhrases, text: string): string | null {
  if (hasGateWord(toks, URGENT_WORDS)) for (let i = 0; i < toks.length; i++) if (WORDS.has(toks[i]) && affirmed(toks, i) && !onlyQuoted(text, toks[i]) && !howItHappened(toks, i) && !namesARisk(toks, i) && !(EMERGENCY_NUMBERS.has(toks[i]) && (onlyAmounts(text, toks[i]) || !numberCalled(toks, i))) && !ambulanceAsMoney(toks, i) && !figurative(toks, i)) return toks[i];
  // Session 41 (medical2, hostile s41 M4): the designer's phrases not in a past event or a hypothetical (designerPhraseNotNow).
  return findPhrase(toks, findPhraseIn, toks, false, text) ?? findPhrase(toks, extra.exact, toks, true, text) ?? findPhrase(toks, extra.stemmed, stemTokens(toks), true, text);
}

/**
 * Session 41 (medical2, hostile s41 M8): "ambulance" beside a word of money or cover ("the ambulance bill was 900 euros,
 * is it covered?", "how much does the ambulance cost", "can I claim the ambulance?") is the bill, not a call now.
 */
const AMBULANCE_MONEY = new Set([...MEDICAL_MONEY, 'covered', 'cover', 'claim', 'claimed', 'claiming', 'reimburse', 'reimbursed', 'paid', 'pay', 'insurance', 'insured', 'euros', 'euro', 'pounds', 'dollars', 'receipt']);
function ambulanceAsMoney(toks: string[], i: number): boolean {
  if (toks[i] !== 'ambulance') return false;
  for (let k = Math.max(0, i - 4); k < Math.min(toks.length, i + 6); k++) if (AMBULANCE_MONEY.has(toks[k])) return true;
  return false;
}

/**
 * Session 19 (esc): 999, 911 and 112 are emergency numbers when dialled or rung, not when they are money: "my bank shows
 * £112", "NZ$112", "£112.00", "112 pounds" (every corpus message with one is an amount on a statement). True when every
 * place the number is written is an amount: a currency sign or code right before it, or decimals or a currency word after.
 */
const EMERGENCY_NUMBERS = new Set(['999', '911', '112']);
const AMOUNT_AT = /([£$€¥₹]|\b(?:nz|au|us|ca|hk|sg)\$?|\b(?:gbp|usd|eur|nzd|aud|cad|rs)\s?)?\b(\d{3})\b([.,]\d{2}\b|\s?(?:pounds?|quid|dollars?|bucks|euros?|gbp|usd|eur|nzd|aud|p|pence|rand|rupees?)\b)?/gi;
function onlyAmounts(text: string, number: string): boolean {
  let seen = false;
  for (const m of text.matchAll(AMOUNT_AT)) {
    if (m[2] !== number) continue;
    if (m[1] === undefined && m[3] === undefined) return false;
    seen = true;
  }
  return seen;
}

/**
 * Session 50 (emerg7, hostile s49 M7): 999, 911 and 112 are an emergency said only as a call to them ("I have called 999",
 * "should I ring 112?", "we need 999", "on the phone to 999", "dialling 911 now", "a 999 call"): a word of calling,
 * dialling or needing in the three words before, or "call" right after; never one number among others (a phone number,
 * "0161 999 4321", "0800 111 999") nor a house, flat, model or order number ("do you deliver to 999 Letsby Avenue?",
 * "Flat 112", "the 999 model"), which have no such word. "doing 999 calls" names a job (plural), not a call now.
 */
const CALL_BEFORE = new Set(['call', 'called', 'calling', 'ring', 'rang', 'ringing', 'rung', 'dial', 'dialled', 'dialed', 'dialling', 'dialing', 'phone', 'phoned', 'phoning', 'contact', 'contacted', 'contacting', 'need', 'needs', 'needed', 'get', 'getting', 'got', 'want', 'tried', 'try', 'trying', 'text', 'texted']);
const CALL_LINK = new Set(['to', 'the', 'on', 'with', 'through', 'thru', 'i', 'we', 'have', 'has', 'already', 'just', 'now', 'should', 'you', 'me', 'him', 'her', 'them', 'for']);
function numberCalled(toks: readonly string[], i: number): boolean {
  const isDigits = (t: string | undefined) => t !== undefined && /^\d+$/.test(t);
  if (isDigits(toks[i - 1]) || isDigits(toks[i + 1])) return false;
  if (toks[i + 1] === 'call' || (toks[i + 1] === 'operator' || toks[i + 1] === 'operators')) return true;
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    const t = toks[k]!;
    if (CALL_BEFORE.has(t)) return true;
    // "on the phone to 999", "speaking to 112", "talking to 911", "got through to 999".
    if ((t === 'speaking' || t === 'talking' || t === 'spoke' || t === 'spoken' || t === 'line') && toks[k + 1] === 'to') return true;
    if (!CALL_LINK.has(t)) return false;
  }
  return false;
}

/**
 * Round eight: "my card was charged the whole amount immediately", "it stopped working straight away": a haste word
 * after a past verb says how something happened, not that the customer is in a hurry (unless they also ask for
 * something: "it broke immediately, I need a new one today").
 */
const MANNER = new Set(['immediately', 'instantly', 'straight away', 'right away', 'at once']);
function howItHappened(toks: string[], at: number): boolean {
  if (!MANNER.has(toks[at]) && !MANNER.has(`${toks[at]} ${toks[at + 1]}`)) return false;
  let past = false;
  for (let k = Math.max(0, at - 6); k < at; k++) {
    const t = toks[k];
    if (PAST_VERB.has(t) || (t.length > 4 && t.endsWith('ed') && t !== 'need' && t !== 'needed')) past = true;
  }
  return past && !isDemand(toks);
}
const PAST_VERB = new Set(['was', 'were', 'broke', 'took', 'came', 'went', 'stopped', 'fell', 'got', 'had', 'did', 'left', 'began', 'started']);

/**
 * Session 34 (fe, issue 11): a haste phrase in a question about how fast the shop's thing happens ("does the code come
 * straight away?", "will the confirmation email come right away?", "is the gift card sent at once?"): a question about the service, not
 * the customer's hurry. The message opens with does / do / will / is / are / would and has no word of need or demand
 * (isDemand: "does it come straight away? I need it today" stays urgent). Not "can you / could you ...", which asks for it.
 */
const HOW_FAST_OPENERS = new Set(['does', 'do', 'will', 'is', 'are', 'would']);
function howFastQuestion(toks: string[], at: number): boolean {
  if (!MANNER.has(`${toks[at]} ${toks[at + 1]}`) && !MANNER.has(toks[at])) return false;
  let first = 0;
  if (toks[first] === 'and' || toks[first] === 'so' || toks[first] === 'ok') first++;
  if (!HOW_FAST_OPENERS.has(toks[first] ?? '')) return false;
  if (toks[first + 1] === 'you' && (toks[first + 2] === 'need' || toks[first + 2] === 'want')) return false;
  return !isDemand(toks);
}

/**
 * Round eight: a name in quotes ("do you sell the 'Urgent Care' first aid pouch?", "the 'Emergency' torch") is a
 * product or a slogan, not the customer's hurry: true when every place the word occurs is inside quotes.
 */
const QUOTED = /(?:^|[\s([])['"\u2018\u201c]([^'"\u2019\u201d]{1,40})['"\u2019\u201d](?=$|[\s.,!?;:)\]])/g;
function onlyQuoted(text: string, word: string): boolean {
  if (!/['"\u2018\u201c]/.test(text)) return false;
  const lower = text.toLowerCase();
  const inQuotes = [...lower.matchAll(QUOTED)].map((m) => m[1]).join(' ');
  if (!new RegExp(`\\b${word}\\b`).test(inQuotes)) return false;
  const outside = lower.replace(QUOTED, ' ');
  return !new RegExp(`\\b${word}\\b`).test(outside);
}

/** Session 35 (fe): the message's times are all offered or asked as a choice (takenBack.timeAsChoice): none is left once they are blanked. */
function onlyChosenTimes(toks: string[], now: number, timezone: string, horizon: number): boolean {
  const at = timeAsChoice(toks);
  if (at === null) return false;
  const rest = toks.slice();
  for (const k of at) rest[k] = 'x';
  return findNamedDeadline(rest, now, timezone, horizon) === null;
}

/** "track two orders at once", "both at once": at the same time, not immediately. */
// (Session 34, fe: and things counted, "a max number of items you can return at once".)
const TOGETHER = new Set(['two', 'both', 'all', 'multiple', 'several', 'many', 'three', 'few', 'everything', 'together', 'items', 'orders', 'things', 'parcels', 'pieces', 'number']);

/** `over`: the tokens the phrases are matched on (the message's stems for stemmed phrases); the answer quotes `toks`. */
function findPhrase(toks: string[], find: PhraseMatcher, over: readonly string[] = toks, designer = false, text = ''): string | null {
  for (let hit = find(over); hit !== null; hit = find(over, hit.at + 1)) {
    if (!affirmed(toks, hit.at)) continue;
    if (designer && (designerPhraseNotNow(toks, hit.at) || askedAboutItsTime(toks, hit.at, hit.length, text))) continue;
    // "can't wait to see it" is excitement, not a hurry.
    if (hit.phrase === 'can not wait' && lookingForward(toks, hit.at)) continue;
    // Session 45 (misfire, blind s44 M1): "your deals are on fire today", "our sales team is on fire this quarter": praise.
    if (hit.phrase === 'on fire' && fireAsFigure(toks).includes(hit.at)) continue;
    // Session 44 (medical5): "I can't breathe a word of it" keeps a secret.
    if (BREATH.has(toks[hit.at + hit.length - 1]) && breatheAWord(toks, hit.at + hit.length - 1, text)) continue;
    if (howItHappened(toks, hit.at) || howFastQuestion(toks, hit.at)) continue;
    if (hit.phrase === 'at once' && toks.slice(Math.max(0, hit.at - 4), hit.at).some((t) => TOGETHER.has(t) || /^\d+$/.test(t))) continue;
    if (MOMENT.has(hit.phrase) && !isDemand(toks) && !ongoingBefore(toks, hit.at)) continue;
    return over === toks ? hit.phrase : toks.slice(hit.at, hit.at + hit.length).join(' ');
  }
  return null;
}

/**
 * "can't wait to see it" is excitement, not a hurry; session 45 (misfire, blind s44): so is "can't wait for my order", "i
 * can not wait for my new shoes, when they come?", "can't wait till it gets here", "the kids can't wait for the trampoline".
 * The frame: "can not wait" then "to", "for", "till" or "until" and what is looked forward to, in a message with no word of
 * a wait the customer is kept in or has had enough of ("any longer", "anymore", "another day", "much longer", "still",
 * "been waiting", "all day", "forever", a refund or money), no wait for the shop itself to act ("for you to", "for a
 * reply", "for someone") and no "till / until" a time ("until next week", "till Friday": a date the customer cannot wait
 * for). "I can't wait, I need it today", "can't wait any longer, where is it" stay urgent.
 */
const FORWARD = new Set(['to', 'for', 'till', 'until', 'til', 'untill']);
const KEPT_WAITING = new Set(['longer', 'anymore', 'forever', 'another', 'ages', 'still', 'refund', 'refunds', 'money', 'replacement', 'fix', 'fixed', 'urgent', 'urgently', 'asap', 'hurry', 'emergency']);
const KEPT_PAIRS = new Set(['been waiting', 'all day', 'any more', 'much longer', 'no longer']);
/** Waiting on the shop: "for you to sort it", "for someone to answer", "for a reply". */
const ON_THE_SHOP = new Set(['you', 'u', 'someone', 'somebody', 'anyone', 'anybody', 'them', 'a', 'an', 'your', 'ur']);
const SHOP_ACTS = new Set(['to', 'reply', 'answer', 'response', 'agent', 'person', 'human', 'callback']);
const UNTIL_A_TIME = /^(?:next|tomorrow|tmrw|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the|weekend|week|month|\d.*)$/;
function lookingForward(toks: string[], at: number): boolean {
  const after = toks[at + 3];
  if (after === undefined || !FORWARD.has(after)) return false;
  // (Before session 45 "can't wait to ..." was always excitement: kept.)
  if (after === 'to') return true;
  if (after !== 'for' && after !== 'for' && UNTIL_A_TIME.test(toks[at + 4] ?? '')) return false;
  if (after === 'for' && ON_THE_SHOP.has(toks[at + 4] ?? '') && SHOP_ACTS.has(toks[at + 5] ?? '')) return false;
  for (let k = 0; k < toks.length; k++) if (KEPT_WAITING.has(toks[k]) || KEPT_PAIRS.has(`${toks[k]} ${toks[k + 1]}`)) return false;
  return true;
}

/**
 * The urgent words of a message, per designer phrase list and analysis: they depend on nothing else, and
 * analyses of repeated messages are shared, so a message seen before skips the scans.
 */
const urgentWords = new WeakMap<readonly string[], WeakMap<TextAnalysis, string | null>>();

function urgentWordsIn(analysis: TextAnalysis, phrases: readonly string[]): string | null {
  let byAnalysis = urgentWords.get(phrases);
  if (byAnalysis === undefined) {
    byAnalysis = new WeakMap();
    urgentWords.set(phrases, byAnalysis);
  }
  const known = byAnalysis.get(analysis);
  if (known !== undefined) return known;
  const toks = canonicalTokens(analysis);
  let words = toks.length === 0 ? null : findWords(toks, designerPhrases(phrases), analysis.text);
  // Session 26 (topicfe): a hurry word taken back by a joke before an ordinary question, or "can't wait!!" (takenBack.ts).
  if (words !== null && (words === 'can not wait' ? excitedWait(analysis.text) : hurryTakenBack(toks, analysis.text, analysis.shouting) !== null)) words = null;
  if (toks.length > 0) words ??= findDeadline(toks) ?? findHappeningNow(toks, analysis.text) ?? missingDeparture(toks);
  // Checked after a hit (most messages have none, so they skip this scan).
  if (words !== null && findCalm(toks) !== null) words = null;
  byAnalysis.set(analysis, words);
  return words;
}

export function detectUrgency(factsIn: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory): Signal | null {
  // Session 42 (medical3, hostile s42 M2): the engine calls this directly too; addresses are no words of the case.
  const facts = addressFreeFacts(factsIn);
  // Self-harm / crisis (selfHarm.ts) first, named as such, and never taken back by calm words or a change of subject.
  // Session 28 (hostile s28 H2): read in the message as typed, before Never-trigger words are taken out ("kill", "die").
  const crisis = selfHarmIn(facts.typedAnalysis ?? facts.analysis);
  if (crisis !== null) {
    return { reason: 'urgency', score: 1, threshold: 1, evidence: [crisis], turn: facts.turn, source: 'rule', crisis: true, explanation: `Urgency, ${SELF_HARM_NAME} ("${crisis}"): a customer who may harm themselves is handed over at once.` };
  }
  const signal = readUrgency(facts, policy, memory);
  // Session 15 (escmsg): a remark about something else closed by "anyway" before an ordinary question ("Blowing a
  // hoolie here today ... Anyway, could you tell me if the planters are back in stock?"): othersStory.ts.
  const kept = signal === null || signal.source === 'designer' ? signal : keptAfterChangeOfSubject(facts, signal, (f) => readUrgency(f, policy, memory));
  // Session 41 (injury, hostile s40 H2): a person hurt or ill now is an emergency (personInDanger), a detail the engine
  // reads to say the emergency line first (never a reason to fire: the signal fired by its own reading).
  if (kept === null) return misspeltEmergency(facts, policy) ?? hazardSignal(facts);
  return kept.reason === 'urgency' && kept.crisis !== true && (personInDanger(canonicalTokens(facts.analysis), facts.analysis.text) || hazardNow(canonicalTokens(facts.analysis)) !== null) ? { ...kept, emergency: true } : kept;
}

/** Session 44 (hostfix, hostile s44 H1): a fire, smoke, gas or carbon monoxide emergency now (hazardNow.ts), fired by its own reading. */
function hazardSignal(facts: TurnFacts): Signal | null {
  const reading = hazardReading(canonicalTokens(facts.analysis));
  // Session 50 (emerg7): a product's hazard (overheating, a battery) is the safety topic's case, no urgency by itself.
  if (reading === null || PRODUCT_HAZARDS.has(reading.kind)) return null;
  const words = reading.words;
  // Session 49 (emerg5, hostile s49 H1): carbon monoxide read by its signs says so.
  const what = reading.kind === 'electrics' || reading.kind === 'smoke alarm' || reading.kind === 'ceiling' || reading.kind === 'gas flame' ? `a live hazard now (${reading.kind})` : reading.kind === 'carbon monoxide signs' ? 'signs of carbon monoxide poisoning (people or pets unwell now near a fuel-burning appliance)' : 'a fire, smoke, gas or carbon monoxide happening now, with a person affected or not contained';
  return { reason: 'urgency', score: 1, threshold: 1, evidence: [words], turn: facts.turn, source: 'rule', emergency: true, explanation: `Urgency ("${words}"): ${what}.` };
}

/**
 * Session 42 (medical3, hostile s42 H3): an emergency typed with a slip ("my son stoped breathing", "hes not breathin",
 * "having a hart attack", "my baby swalowed a battery") or with an invisible character where the space should be ("my
 * son stopped\u200bbreathing": the normaliser joins the words either side of one, as inside "or\u200bder"). Read again,
 * once with every invisible character a space and once with the emergency words put right (emergencySpelling.ts); the
 * second reading counts only when the rules read a person in danger in it (never the classifier, never a hurry alone),
 * so a slip makes no ordinary message urgent.
 */
function misspeltEmergency(facts: TurnFacts, policy: EscalationPolicy): Signal | null {
  const text = facts.analysis.text;
  const spaced = INVISIBLE_CHAR.test(facts.text) ? withoutInvisibleAsSpace(facts.text) : null;
  // Session 43 (medical4): a prefilter. Without an invisible character, the message's own tokens (already read) must hold
  // a slip of an emergency word before the message is normalised again (most messages hold none).
  if (spaced === null && !canonicalTokens(facts.analysis).some((t) => emergencyWordOf(t) !== null)) return null;
  const variants: [string, string][] = [];
  if (spaced !== null) variants.push([spaced, 'an invisible character read as a space']);
  for (const base of spaced === null ? [text] : [text, spaced]) {
    const fixed = emergencySpellingOf(base);
    if (fixed !== null) variants.push([fixed, `the emergency words' spelling put right ("${fixed}")`]);
  }
  for (const [variant, how] of variants) {
    const analysis = analyzeText(variant);
    const toks = canonicalTokens(analysis);
    const words = urgentWordsIn(analysis, policy.urgency.phrases);
    if (words === null || !personInDanger(toks, variant)) continue;
    return { reason: 'urgency', score: 1, threshold: 1, evidence: [words], turn: facts.turn, source: 'rule', emergency: true, explanation: `Urgency ("${words}"), a person hurt or ill now, read with ${how}.` };
  }
  return null;
}
const INVISIBLE_SPACE = new RegExp(`[${INVISIBLE_CLASS}]`, 'gu');
function withoutInvisibleAsSpace(text: string): string {
  return text.replace(INVISIBLE_SPACE, ' ');
}

function readUrgency(facts: TurnFacts, policy: EscalationPolicy, _memory: EscalationMemory): Signal | null {
  const threshold = 1;
  const words = urgentWordsIn(facts.analysis, policy.urgency.phrases);
  if (words !== null) return { reason: 'urgency', score: 1, threshold, evidence: [words], turn: facts.turn, source: 'rule', explanation: `Urgency ("${words}").` };
  const toks = canonicalTokens(facts.analysis);
  const horizon = policy.urgency.deadlineHours ?? DEFAULT_DEADLINE_HOURS;
  const timezone = facts.timezone ?? 'UTC';
  // Session 50 (emerg7, hostile s49 M8): a time answered at a date-and-time question for a time from now on ("12:00" at
  // 11:30 at Skyline Air's departure question) is the customer's deadline, read on the conversation's clock.
  const answered = facts.answeredMinutesAway;
  if (answered !== undefined && answered <= horizon * 60) {
    return { reason: 'urgency', score: 1, threshold, evidence: [facts.text.trim().slice(0, 60)], turn: facts.turn, source: 'rule', explanation: `Urgency: the time answered ("${facts.text.trim().slice(0, 60)}") ${describeAway(answered)} on the conversation's clock (${timezone}), within ${horizon} hours.` };
  }
  // One reading of the clock for both uses: a deadline within the horizon fires, a later one is a near miss below.
  const far = findNamedDeadline(toks, facts.now, timezone, Infinity);
  const deadline = far !== null && far.minutesAway <= horizon * 60 && findCalm(toks) === null ? far : null;
  // Session 9 (newcomer s8 #7): "will it arrive by Friday?" asks when the order comes, the bot's question to answer;
  // the customer's own reason makes it a deadline ("I need it by Friday", "before the wedding on Saturday"), and so does
  // a time today ("will it be here by lunchtime?": the customer is waiting for it now).
  const schedule = deadline !== null && scheduleQuestion(toks, facts.analysis.text);
  if (schedule || (deadline !== null && (deadline.day ?? 0) >= 1 && arrivalQuestion(toks, facts.analysis.text))) {
    reportNearMiss({
      reason: 'urgency',
      score: 0.5,
      threshold: 1,
      evidence: [deadline!.words],
      turn: facts.turn,
      source: 'rule',
      explanation: `Near miss: "${deadline!.words}" ${describeAway(deadline!.minutesAway)}, but the message asks ${schedule ? "about the shop's schedule (which day, when it goes out, or says back the date given)" : 'when the order arrives'} and gives no reason of the customer's own (a need, an event, "in time"), so it is a delivery question, not a deadline.`,
    });
    return null;
  }
  // Session 26 (topicfe): the time said back with an acknowledgement and nothing else ("oh lush, tomorrow then", "before 2,
  // right. ta"): the customer repeats the day or the cut-off the bot gave (takenBack.timeSaidBack).
  // ... and "today" said in passing, in a greeting or about the weather ("how are you today?"): takenBack.todayInPassing.
  // Session 32 (fe): ... and the shop's order cut-off ("if i order before 2 does it come tomorrow"): takenBack.orderCutOff.
  const cutOff = deadline !== null && orderCutOff(toks);
  // Session 35 (fe): ... and a time offered or asked as a choice ("I am free on Friday, can courier come Friday", "Monday is
  // possible?", "before 6pm or after") when no other time in the message is a deadline: takenBack.timeAsChoice.
  const chosen = deadline !== null && !cutOff && onlyChosenTimes(toks, facts.now, timezone, horizon);
  if (deadline !== null && (cutOff || chosen || timeSaidBack(facts.analysis.text, textTokens) || (deadline.words === 'today' && todayInPassing(toks)))) {
    reportNearMiss({
      reason: 'urgency',
      score: 0.5,
      threshold: 1,
      evidence: [deadline.words],
      turn: facts.turn,
      source: 'rule',
      explanation: cutOff
        ? `Near miss: "${deadline.words}" ${describeAway(deadline.minutesAway)}, but the message names the time the customer orders by to catch the shop's delivery (its cut-off) and gives no need or occasion of their own, so it is a question about the shop's schedule, not a deadline.`
        : chosen
          ? `Near miss: "${deadline.words}" ${describeAway(deadline.minutesAway)}, but the customer offers or asks about the time as a choice (when they are in, a day as an option, before or after) and gives no need or occasion of their own, so it is not a deadline.`
        : `Near miss: "${deadline.words}" ${describeAway(deadline.minutesAway)}, but the customer only says the time back with an acknowledgement, or says "today" in a greeting or about the weather, so it is not a deadline.`,
    });
    return null;
  }
  if (deadline !== null) {
    return {
      reason: 'urgency',
      score: 1,
      threshold,
      evidence: [deadline.words],
      turn: facts.turn,
      source: 'rule',
      explanation: `Urgency: a deadline ("${deadline.words}") ${describeDeadline(deadline)} on the conversation's clock (${timezone}), within ${horizon} hours.`,
    };
  }
  const designer = designerSignal(facts, 'urgency', [], policy.urgency.examples ?? [], 'Urgency');
  if (designer) return designer;
  if (!classifierOn(policy)) return null;
  // Session 39 (fe): a product hurting someone as the customer writes (caseInProgress).
  const inProgress = caseInProgress(facts.analysis, toks);
  if (inProgress !== null) {
    return {
      reason: 'urgency',
      score: 1,
      threshold,
      evidence: [inProgress.words],
      turn: facts.turn,
      source: 'rule',
      explanation: `Urgency: ${inProgress.what} happening as the customer writes ("${inProgress.words}"; the classifier reads ${inProgress.output} at ${inProgress.score.toFixed(2)}), so the agent must act now.`,
    };
  }
  // The classifier reads "for the wedding on Saturday" as urgent, but only the clock can say how far away that is.
  if (far !== null && far.minutesAway > horizon * 60) {
    reportNearMiss({
      reason: 'urgency',
      score: 1,
      threshold: 1,
      evidence: [far.words],
      turn: facts.turn,
      source: 'rule',
      explanation: `Near miss: a deadline ("${far.words}") ${describeAway(far.minutesAway)}, beyond the policy's ${horizon} hours.`,
    });
    return null;
  }
  // Emergencies and fraud in progress the word lists miss: "my son is bleeding", "orders are going through as we speak".
  const learned = classifierSignal(facts, 'urgency', 'urgency', 'Urgency');
  if (learned === null) return null;
  // Round eight: nor a question about the shop's own estimate ("is it still coming today?", "so it's due Thursday?").
  if (learned.nearMiss || findCalm(toks) !== null || estimateQuestion(toks) || shopRuleQuestion(toks) || onlyPastTimes(toks) || onlyOthersTimes(toks) || scheduleQuestion(toks, facts.analysis.text)) {
    reportNearMiss(learned.signal);
    return null;
  }
  // Session 45 (misfire, blind s44 M1): the classifier's "fire" is "on fire" said as praise ("this sale is on fire",
  // "your delivery team is on fire this week, thanks"): hazardNow.fireAsFigure.
  if (learned.signal.evidence.includes('fire') && fireAsFigure(toks).length > 0) {
    reportNearMiss({ ...learned.signal, explanation: `Near miss: ${asMeasured(learned.signal.explanation)}, but "on fire" is said as praise or a figure of speech (of deals, a team, a streak), not a fire, so it does not fire.` });
    return null;
  }
  // Session 16 (newcomer s15 N#9): every time named is told as a habit ("I usually order by Friday so it arrives for the weekend").
  if (onlyHabitTimes(toks)) {
    reportNearMiss({ ...learned.signal, explanation: `Near miss: ${asMeasured(learned.signal.explanation)}, but every time the message names is told as a habit ("always", "usually", "every week"), not this order's deadline, so it does not fire.` });
    return null;
  }
  // Session 17: every time named is in a counterfactual ("if my shop ran like yours we'd be shut by Tuesday").
  if (onlyCounterfactualTimes(toks)) {
    reportNearMiss({ ...learned.signal, explanation: `Near miss: ${asMeasured(learned.signal.explanation)}, but every time the message names is in something that did not or does not happen ("if ... we'd", "would have"), not a deadline, so it does not fire.` });
    return null;
  }
  // Session 8: urgency is a time, a hurry or something happening: the classifier's reading needs a word of one; and a
  // general or hypothetical question ("just so I know for the future, before I do my Christmas shop") has no deadline.
  if (!urgencyCue(toks, facts.analysis.text) || generalOrHypothetical(toks, facts.analysis.text.includes('?'))) {
    reportNearMiss({ ...learned.signal, explanation: `Near miss: ${asMeasured(learned.signal.explanation)}, but the message names no time, hurry or emergency of the customer's own, so it does not fire.` });
    return null;
  }
  return learned.signal;
}

/**
 * Session 39 (fe, issue 11): a product hurting someone as the customer writes is urgency (the issue's "emergencies
 * (injury, health, fire)"), named before the safety topic: "My husband has just fallen off the step ladder we bought from
 * you, the step broke, he's on the floor, who do I ring?". The topic detector reads the case and names it; the urgency
 * rules (emergencyNow, hurtNow) need a word of harm from their lists next to its sign of now, and the urgency classifier
 * reads such messages on the ids it was trained on and few others. The case is the classifier's safety reading (at or
 * above its own threshold); the sign of now is the rule's, one of:
 *  - a moment ago: "5 minutes ago", "an hour ago", "few mins ago" (at most two hours);
 *  - now as it happens: "right now", "as we speak", "this minute", "this second", "currently";
 *  - a race: "before" and something acting ("before it catches", "before they ...");
 *  - the customer asks what to do now, with a person or a body named: "my son's hand is burnt, what do I do", "who do
 *    I ring?";
 *  - "just" right after a form of be / have ("has just fallen", "was just burnt"), before what happened, not before what
 *    the customer did or noticed ("I just noticed", "just wondering").
 * Not when negated ("not right now"), not in a question about what would happen or whether the thing is safe to go on
 * using ("it got really hot an hour ago, is it safe to keep using it?"), and, for every sign but "... ago", not
 * with a time long ago in the message ("yesterday", "last week", "3 days ago"): a case found later is the topic's.
 * Measured (docs/escalation.md "Session 39 (fe)"): the same rule for fraud and a stranger in the account (the classifier's
 * fraud / security outputs, "my card was just used 5 minutes ago") won 3 and lost 4 on the held-out even ids (writers
 * label most such cases a sensitive topic), so it is not read for them.
 */
const CASE_NOW_OUTPUTS = [['safety', 'a product hurting someone']] as const;
const AGO_UNITS = new Map(Object.entries({ minutes: 1, minute: 1, min: 1, mins: 1, seconds: 1 / 60, second: 1 / 60, secs: 1 / 60, sec: 1 / 60, hour: 60, hours: 60, hr: 60, hrs: 60 }));
const AGO_AMOUNTS = new Map(Object.entries({ a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, ten: 10, twenty: 20, thirty: 30, few: 3, couple: 2 }));
const NOW_PAIRS = new Set(['right now', 'as we', 'this minute', 'this second']);
const RACE_AFTER = new Set(['they', 'he', 'she', 'someone', 'somebody', 'it', 'them', 'anyone', 'anything', 'more']);
const ASK_DO_AUX = new Set(['do', 'should', 'shall', 'can', 'must']);
const ASK_WHO_VERB = new Set(['ring', 'call', 'phone', 'contact', 'tell']);
const SOMEONE_HURT = new Set(['son', 'sons', 'daughter', 'daughters', 'kid', 'kids', 'child', 'childs', 'children', 'baby', 'babys', 'husband', 'husbands', 'wife', 'wifes', 'partner', 'partners', 'mum', 'mums', 'dad', 'dads', 'mother', 'father', 'boy', 'girl', 'toddler', 'he', 'she', 'him', 'her', 'hes', 'shes', 'dog', 'cat']);
/** "just" after these is a moment ago for what happened ("has just fallen", "was just burnt"); not "I just ...". */
const JUST_AFTER = new Set(['was', 'were', 'been', 'has', 'have', 'had', 's', 'got', 'get']);
const JUST_NOTICED = new Set(['noticed', 'notice', 'saw', 'seen', 'see', 'realised', 'realized', 'found', 'checked', 'check', 'looked', 'got', 'received', 'wanted', 'want', 'wondering', 'wondered', 'need', 'needed', 'asking', 'checking', 'like', 'to', 'a', 'the', 'one', 'thought', 'read', 'opened']);
const JUST_DONE_IRREGULAR = new Set(['taken', 'took', 'made', 'spent', 'sent', 'gone', 'went', 'bought', 'stolen', 'stole', 'withdrawn', 'withdrew', 'paid', 'hacked', 'been', 'done', 'put', 'set', 'changed', 'used', 'emailed', 'texted', 'called', 'rang', 'logged', 'charged', 'happened', 'ordered', 'fallen', 'fell', 'burnt', 'burned', 'cut', 'broken', 'broke', 'swallowed', 'caught']);
/** Asks whether the thing is safe to go on with ("is it safe to keep using it?", "is that normal?"): the topic's question, nobody hurt now. */
const ASKS_IF_SAFE = /\b(?:is|are|was) (?:it|this|that|they|these|those) (?:still )?(?:safe|normal|ok|okay|dangerous|a fire risk)\b|\b(?:keep|carry on|still) using\b|\bsafe to use\b/;
const CASE_LONG_AGO = new Set(['yesterday', 'last', 'days', 'weeks', 'months', 'week', 'month', 'year', 'years', 'earlier', 'previously']);
export function caseInProgress(analysis: TextAnalysis, toks: string[]): { words: string; what: string; output: string; score: number } | null {
  if (toks.length < 3) return null;
  const words = caseNowWords(toks);
  if (words === null) return null;
  let best: { what: string; output: string; score: number } | null = null;
  for (const [output, what] of CASE_NOW_OUTPUTS) {
    const score = classifierScore(analysis, output);
    if (score >= CLASSIFIER_THRESHOLDS[output] && (best === null || score > best.score)) best = { what, output, score };
  }
  if (best === null || generalOrHypothetical(toks, analysis.text.includes('?')) || ASKS_IF_SAFE.test(joinedTokens(toks))) return null;
  return { words, ...best };
}
function caseNowWords(toks: string[]): string | null {
  let recent: string | null = null;
  let other: string | null = null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    // A moment ago: "5 minutes ago", "an hour ago" (at most two hours).
    if (t === 'ago' && i >= 2 && AGO_UNITS.has(toks[i - 1])) {
      const n = /^\d+$/.test(toks[i - 2]) ? Number(toks[i - 2]) : AGO_AMOUNTS.get(toks[i - 2]) ?? NaN;
      if (n * AGO_UNITS.get(toks[i - 1])! <= 120) recent ??= toks.slice(i - 2, i + 1).join(' ');
      continue;
    }
    if (other !== null) continue;
    const pair = `${toks[i - 1] ?? ''} ${t}`;
    if ((NOW_PAIRS.has(pair) && (t !== 'we' || toks[i + 1] === 'speak')) || t === 'currently') {
      if (affirmed(toks, i - 1)) other = t === 'we' ? 'as we speak' : t === 'currently' ? t : pair;
      continue;
    }
    // A race: "before it catches", "before they ...".
    if (t === 'before' && RACE_AFTER.has(toks[i + 1] ?? '') && toks[i + 2] !== undefined) {
      other = toks.slice(i, i + 3).join(' ');
      continue;
    }
    // Asks what to do now: "what do I do", "what should we do", "who do I ring".
    // (Only with a person or a body named: "it scorched the carpet, what should I do" is the topic's question.)
    if ((t === 'what' || t === 'who') && ASK_DO_AUX.has(toks[i + 1] ?? '') && (toks[i + 2] === 'i' || toks[i + 2] === 'we') && (t === 'what' ? toks[i + 3] === 'do' : ASK_WHO_VERB.has(toks[i + 3] ?? '')) && toks.some((w) => SOMEONE_HURT.has(w) || BODY.has(w))) {
      other = toks.slice(i, i + 4).join(' ');
      continue;
    }
    // "has just fallen", "was just burnt": a moment ago; not "I just noticed", "just wondering".
    if (t === 'just') {
      const a = toks[i + 1] ?? '';
      if (JUST_AFTER.has(toks[i - 1] ?? '') && !JUST_NOTICED.has(a) && (JUST_DONE_IRREGULAR.has(a) || (a.length > 4 && a.endsWith('ed')))) other = `just ${a}`;
    }
  }
  if (recent !== null) return recent;
  if (other === null || toks.some((t) => CASE_LONG_AGO.has(t))) return null;
  return other;
}

/**
 * Session 8: the words an urgent message has one of: a time (today, tonight, tomorrow, a weekday, an hour, a minute,
 * "now", a named day), a hurry (quick, asap, soon), an event with a date (a flight, a party, an exam), something
 * happening at the door or to someone (outside, waiting, swallowed, burning, hospital). The classifier also reads the
 * style of urgent messages ("just", "before", "can", "my"); without one of these words it is reading style, not
 * urgency: "Just want to know before I save my card", "can my PA place orders or does she need her own login?", "this
 * candle smells like my grandma's house in the best possible way". A cue counts only outside quotes ("every day it is
 * 'tomorrow'" quotes the shop's promise) and "now" only as the present ("it is now two weeks", "for six days now" count
 * how long the customer has waited, a complaint, not a deadline).
 */
const URGENT_CUES = new Set([
  'now', 'rn', 'today', 'tonight', 'tonite', 'tonights', 'todays', 'tomorrow', 'tomorrows', 'tmrw', 'tmr', 'tmrow', 'morning', 'afternoon',
  'evening', 'lunchtime', 'lunch', 'noon', 'midday', 'midnight', 'minute', 'minutes', 'mins', 'min', 'second', 'seconds', 'secs', 'hour',
  'hours', 'hr', 'hrs', 'oclock', 'eod', 'weekend', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'christmas', 'xmas', 'eve', 'eid', 'diwali', 'tet', 'ramadan',
  'hanukkah', 'easter', 'halloween', 'deadline', 'cutoff', 'cut', 'late', 'left', 'expires', 'expiring', 'closes', 'shuts', 'leave', 'leaves',
  'leaving', 'flight', 'flying', 'train', 'party', 'wedding', 'ceremony', 'funeral', 'exam', 'interview', 'meeting', 'appointment',
  'birthday', 'school', 'conference', 'marathon', 'proposal', 'discharged', 'event', 'quick', 'quickly', 'fast', 'hurry', 'asap', 'urgent',
  'urgently', 'immediately', 'soon', 'emergency', 'help', 'outside', 'door', 'doorstep', 'driveway', 'waiting', 'knocking', 'calling',
  'circling', 'here', 'hospital', 'ambulance', 'doctor', 'swallowed', 'swallow', 'mouth', 'allergic', 'reaction', 'hissing', 'popping',
  'smoke', 'smoking', 'fire', 'burning', 'burned', 'burnt', 'sparking', 'sparks', 'bleeding', 'hurt', 'injured', 'choking', 'breathing',
  'battery', 'batteries', 'magnet', 'magnets', 'poison', 'poisoned', 'medicine', 'insulin', 'inhaler', 'formula', 'appearing', 'using',
  'placing', 'making', 'buying', 'changing', 'happening', 'going',
]);
/** A clock time or a day of the month: "9:40", "7am", "18h30", "the 14th". */
const CLOCK_OR_DATE = /^\d{1,2}(?::\d{2}|am|pm|h|h\d{2}|st|nd|rd|th)$|^\d{1,2}\.\d{2}(?:am|pm)$/;
const DURATION = new Set(['day', 'days', 'week', 'weeks', 'month', 'months', 'hours', 'years']);
export function urgencyCue(toks: readonly string[], text: string): boolean {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    // ("end of the day", "this week", "Chinese New Year", "orders are being placed" count too.)
    const pair =
      // ("end of the day", not "the end of my rope": a day, a week, not the customer's patience)
      (t === 'end' && toks[i + 1] === 'of' && END_OF_TIME.has(toks[i + 2] === 'the' || toks[i + 2] === 'this' ? (toks[i + 3] ?? '') : (toks[i + 2] ?? ''))) ||
      ((t === 'week' || t === 'month') && (toks[i - 1] === 'this' || toks[i - 1] === 'next' || toks[i - 1] === 'the')) ||
      (t === 'year' && toks[i - 1] === 'new') ||
      ((t === 'am' || t === 'pm') && /^\d/.test(toks[i - 1] ?? '')) ||
      (t === 'being' && /(?:ed|en|t)$/.test(toks[i + 1] ?? ''));
    // "what do I do?", "what should I do", "what I do??": asking what to do right now.
    const whatToDo = t === 'what' && (toks[i + 1] === 'i' ? toks[i + 2] === 'do' : (toks[i + 1] === 'do' || toks[i + 1] === 'should' || toks[i + 1] === 'can') && toks[i + 2] === 'i' && toks[i + 3] === 'do');
    if (!pair && !whatToDo && !URGENT_CUES.has(t) && !CLOCK_OR_DATE.test(t)) continue;
    if (t === 'now' && (elapsedNow(toks, i) || nowClosesPast(toks, i))) continue;
    if (t === 'today' && beforeTodayPast(toks, i)) continue;
    // "for forty minutes", "for 2 hours now": how long the customer has been at it, not a time left.
    if (ELAPSED_UNIT.has(t) && waitedFor(toks, i)) continue;
    if (onlyQuoted(text, t)) continue;
    return true;
  }
  return false;
}
const END_OF_TIME = new Set(['day', 'week', 'month', 'today', 'play', 'business', 'year', 'shift', 'weekend']);
const ELAPSED_UNIT = new Set(['minute', 'minutes', 'mins', 'min', 'hour', 'hours', 'hr', 'hrs', 'second', 'seconds']);
/** "for forty minutes", "for over an hour", "been 20 minutes", "20 minutes ago", "20 minutes already". */
function waitedFor(toks: readonly string[], i: number): boolean {
  const next = toks[i + 1];
  if (next === 'ago' || next === 'already' || next === 'now' || next === 'straight' || next === 'waiting') return true;
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    const w = toks[k];
    if (w === 'for' || w === 'been' || w === 'spent' || w === 'wasted' || w === 'waited' || w === 'waiting') return true;
    if (w === 'in' || w === 'within' || w === 'next' || w === 'left' || w === 'only') return false;
  }
  return false;
}

/**
 * Session 16: "now" that closes a span of the past or names a state reached, not the present moment: "till now the
 * amount has not come back", "up to now", "by now" (how long it has been); "it worked two days and now it's dead", "now
 * stop", "now broken" (what became of the product). "and now someone is ordering on my card" still counts.
 */
const NOW_STATE = new Set(['dead', 'broken', 'broke', 'stopped', 'stop', 'stops', 'useless', 'kaput', 'knackered', 'ruined', 'bust', 'busted', 'gone', 'died', 'cracked', 'leaking', 'faulty']);
function nowClosesPast(toks: readonly string[], i: number): boolean {
  const p = toks[i - 1];
  if (p === 'till' || p === 'until' || p === 'til' || p === 'by' || (p === 'to' && toks[i - 2] === 'up')) return true;
  for (let k = i + 1; k <= i + 3 && k < toks.length; k++) {
    if (NOW_STATE.has(toks[k])) return true;
    if (!(toks[k] === 'it' || toks[k] === 'its' || toks[k] === 'is' || toks[k] === 's' || toks[k] === 'they' || toks[k] === 'are' || toks[k] === 'completely' || toks[k] === 'totally' || toks[k] === 'just')) return false;
  }
  return false;
}
/** "it is now two weeks", "for six days now", "3 weeks now": how long the customer has waited. */
function elapsedNow(toks: readonly string[], i: number): boolean {
  if (DURATION.has(toks[i - 1] ?? '')) return true;
  for (let k = i + 1; k <= i + 3 && k < toks.length; k++) if (DURATION.has(toks[k])) return true;
  return false;
}

const DEFAULT_DEADLINE_HOURS = 168;

/**
 * Session 28 (lead): "need it TODAY ... tonight at 6" said at 10:00 was "is now": the day alone counts from its start.
 * When a clock time is named too and still ahead, the explanation says the day and how far the time is.
 */
function describeDeadline(d: { minutesAway: number; timeMinutesAway?: number }): string {
  if (d.minutesAway <= 0 && d.timeMinutesAway !== undefined && d.timeMinutesAway > 0) return `is today (the time named ${describeAway(d.timeMinutesAway)})`;
  return describeAway(d.minutesAway);
}

function describeAway(minutes: number): string {
  if (minutes <= 0) return 'is now';
  if (minutes < 120) return `is ${Math.round(minutes)} minutes away`;
  const hours = minutes / 60;
  return hours < 48 ? `is about ${Math.round(hours)} hours away` : `is about ${Math.round(hours / 24)} days away`;
}

/**
 * Session 39 (fix, hostile s38 M2): whether `analysis` says a person is hurt now (hurtNow: "someone is hurt", "Yes,
 * someone is hurt", "my son is bleeding"). The engine reads it to repeat the flow's emergency line at a handover for an
 * injury.
 */
export function saysSomeoneHurt(analysis: TextAnalysis): boolean {
  return hurtNow(canonicalTokens(analysis)) !== null;
}
