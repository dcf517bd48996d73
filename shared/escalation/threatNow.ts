/**
 * Session 49 (emerg6, hostile s49 H5): the customer (or a person with them) threatened or attacked NOW: "someone is
 * threatening me outside my door", "a man is following me and I'm scared", "someone is trying to break in right now",
 * "help someone is attacking my neighbour", "the courier pushed me and is still shouting at me outside", "my neighbour has
 * a knife". Read by meaning in canonical tokens, from four kinds of evidence:
 *  - violence going on: a verb of attack in the present ("is attacking", "are beating ... up", "is hitting her", "is
 *    stabbing") with a person as its object; a weapon pulled or waved ("pulled a knife on me", "waving a knife", "pointing
 *    a gun at us");
 *  - a break-in now: "trying to break in", "is breaking into", "someone is in my house", "broke in and is still here";
 *  - a threat: threatening / threatened a person ("threatening me", "threatened to hurt us"), or a harm said as coming
 *    ("says he will kill me", "going to hurt us");
 *  - a presence or fear that makes a threat or a past push or punch a danger now: outside / at my door / here / in my
 *    house / following me / won't leave; "I'm scared", "frightened", "terrified".
 * A threat or a past act of violence needs a presence, fear or a harm verb beside it: "they are threatening me with court"
 * and "the seller threatened to leave a bad review" are not danger, nor "my sister threatened to buy me the same jumper".
 * Not: negated ("nobody threatened me"), long ago ("last week", "yesterday", "years ago", "was"), a question or
 * hypothetical ("what if someone tries to break in?", "does the camera record if someone is breaking in?"), a story (the
 * message guards of detectUrgency), the customer as the one who threatens ("I'm threatening to cancel"), idioms ("this price
 * is killing me", "my wife will kill me if it's late", "I'm dying to know").
 */
import { hasGateWord, tokenGate } from './canonicalTokens';
import { NOT_WORDS, negatedWithin, negators } from './negators';
import { ASK_OPEN } from './bodyNow';
import { cueAboutEvidence, cueWordAt, maybeBeforeInClause } from './cueScope';

const NEG = negators(NOT_WORDS, 'nobody', 'noone', 'never', 'no');
const PERSON_OBJECT = new Set(['me', 'us', 'him', 'her', 'them', 'my', 'our', 'his', 'someone', 'somebody', 'people', 'everyone', 'the', 'a', 'mum', 'dad', 'kids', 'children']);
const ATTACK_NOW = new Set(['attacking', 'assaulting', 'stabbing', 'punching', 'kicking', 'strangling', 'beating', 'hitting', 'mugging', 'robbing', 'hurting', 'choking', 'pushing', 'shoving', 'grabbing', 'hassling', 'harassing']);
const ATTACK_PAST = new Set(['attacked', 'assaulted', 'stabbed', 'punched', 'kicked', 'strangled', 'beat', 'beaten', 'hit', 'mugged', 'robbed', 'hurt', 'pushed', 'shoved', 'grabbed', 'slapped', 'spat']);
/** Subjects that are no attacker: the site, a device, a small child. */
const THING_SUBJECT = new Set(['it', 'this', 'that', 'which', 'site', 'website', 'app', 'page', 'system', 'checkout', 'basket', 'machine', 'door', 'wind', 'dog', 'cat', 'puppy']);
const CHILD = new Set(['toddler', 'baby', 'kid', 'kids', 'son', 'daughter', 'child', 'children', 'boy', 'girl', 'twins']);
/** A person after a possessive: "is attacking my neighbour", "is hitting our son". */
const PERSON_NOUN = new Set(['neighbour', 'neighbor', 'neighbours', 'neighbors', 'mum', 'mom', 'mother', 'dad', 'father', 'son', 'daughter', 'wife', 'husband', 'partner', 'brother', 'sister', 'friend', 'friends', 'child', 'children', 'kid', 'kids', 'baby', 'family', 'girlfriend', 'boyfriend', 'grandma', 'grandad', 'granddad', 'nan', 'grandmother', 'grandfather', 'colleague', 'flatmate', 'mate', 'dog', 'cat', 'staff', 'driver', 'customer', 'man', 'woman', 'boy', 'girl', 'elderly', 'old', 'carer']);
const THREATEN = new Set(['threatening', 'threatened', 'threatens', 'threaten', 'threat', 'threats', 'menacing', 'intimidating']);
const HARM_VERB = new Set(['hurt', 'kill', 'stab', 'hit', 'beat', 'attack', 'smash', 'shoot', 'burn', 'punch', 'kick', 'harm', 'get', 'batter', 'knife', 'break']);
const WEAPON = new Set(['knife', 'gun', 'weapon', 'machete', 'bat', 'hammer', 'blade', 'crowbar', 'axe', 'pistol', 'firearm']);
const WEAPON_VERB = new Set(['pulled', 'waving', 'waved', 'pointing', 'pointed', 'holding', 'brandishing', 'has', 'got', 'carrying', 'with']);
const FEAR = new Set(['scared', 'frightened', 'terrified', 'afraid', 'panicking', 'petrified', 'unsafe', 'danger']);
const PRESENCE = / (?:outside|at) (?:(?:my|our|the) )?(?:front |back )?(?:door|house|flat|window|gate|home)| outside (?:now|right now|still)| on (?:my|our|the) doorstep| in (?:my|our|the) (?:house|home|flat|garden|hallway|kitchen|room|building)| is here | are here | still here | following (?:me|us)| will not leave| won t leave| refuses to leave| refusing to leave| banging on (?:my|our|the) (?:door|window)| kicking (?:my|our|the) door| trying to get in| right now | still (?:outside|shouting|there|at)/;
const LONG_AGO = new Set(['yesterday', 'ago', 'last', 'once', 'previous', 'previously', 'years', 'months', 'weeks']);
/** Threats at a distance (online, by post or phone) are no danger at the door: "threatening me on twitter right now". */
const AT_A_DISTANCE = new Set(['online', 'twitter', 'facebook', 'instagram', 'tiktok', 'email', 'emails', 'emailed', 'text', 'texts', 'texted', 'message', 'messages', 'dm', 'dms', 'letter', 'letters', 'phone', 'call', 'calls', 'review', 'reviews', 'comments', 'chat', 'app']);
/** A person there, acting on the customer: with fear or aggression, a danger now ("a man is following me and I'm scared"). */
const ACTING = / following (?:me|us)| will not leave| won t leave| refuses to leave| refusing to leave| will not go away| banging on (?:my|our|the) (?:door|window)| kicking (?:my|our|the|in the) door| trying to get in| (?:shouting|screaming|yelling|swearing) at (?:me|us)| (?:someone|somebody|a man|a guy|a woman|a stranger|strangers|men|people) (?:is |are |s )?(?:outside|at) (?:my|our|the) (?:front |back )?(?:door|house|flat|window)/;
const MAYBE = new Set(['if', 'whether', 'could', 'would', 'might', 'may', 'case', 'incase', 'suppose', 'worried', 'worry', 'prevent', 'deter', 'stop', 'scare', 'protect']);
/** Threats of paperwork, not of harm: "threatening me with court / bailiffs / a bad review". */
const PAPER_THREAT = new Set(['court', 'legal', 'bailiffs', 'bailiff', 'review', 'reviews', 'debt', 'collection', 'collectors', 'action', 'solicitor', 'lawyer', 'police', 'charges', 'fees', 'fine', 'ban', 'account', 'cancel', 'cancellation', 'suspension', 'leave', 'report', 'complain', 'buy', 'sue', 'charge']);

const THREAT_GATE = tokenGate(new Set([...ATTACK_NOW, ...ATTACK_PAST, ...THREATEN, ...WEAPON, 'break', 'breaking', 'broke', 'broken', 'following', 'intruder', 'intruders', 'burglar', 'burglars', 'kill', 'killing', ...FEAR, 'aggressive', 'violent', 'abusive', 'hiding', 'hid']));
/**
 * Session 50 (emerg7, hostile s49 H3, M5): a stranger in the home now, said without "intruder" or "broke in" ("there is
 * somebody in my house right now, I am hiding upstairs", "they are still downstairs, I'm hiding upstairs"): someone (a
 * man, people, they) in or inside the home, downstairs or upstairs, with the customer hiding or afraid. Not someone who
 * is there to work or deliver ("the plumber is downstairs", "someone is in my house to fix the boiler").
 */
const STRANGER_IN = / (?:someone|somebody|a man|a guy|a woman|a stranger|strangers|men|people|they|theyre|he|hes|she|shes|there is (?:someone|somebody|a man|a guy|a stranger)) (?:is |are |s )?(?:still |now |right now )?(?:in (?:my|our|the) (?:house|home|flat|building|kitchen|garden|hallway)|inside|downstairs|upstairs|in here)| (?:someone|somebody|a man|a guy|a woman|a stranger|strangers|men|people|they|he|she) (?:has |have |just |has just )?(?:got|come|came|climbed|crept|snuck|sneaked) in(?:to)? /;
const HIDING = / (?:i am|we are|i m|im|were|am|are) (?:hiding|hidden)| hiding (?:upstairs|downstairs|in|under|behind)| hid (?:upstairs|in|under|behind)| locked (?:myself|ourselves) in/;
const AT_WORK = / (?:plumber|engineer|electrician|builder|builders|fitter|fitters|installer|cleaner|courier|driver|delivery|to fix|fixing|to install|installing|to deliver|delivering|repair|repairing|to collect|collecting|workmen|tradesman|tradesmen)/;
export function mayHoldThreat(toks: readonly string[]): boolean {
  return hasGateWord(toks, THREAT_GATE);
}

const negatedBefore = (c: readonly string[], at: number, span = 3): boolean => negatedWithin(c, at, NEG, span);
/** The subject of the verb at `at` is the customer ("I am threatening", "I hit"). */
function customerActs(c: readonly string[], at: number): boolean {
  let k = at - 1;
  while (k >= 0 && /^(?:is|am|are|was|just|keep|keeps|been|have|has|had|to|going|gonna|will|ll|might|literally|actually|really)$/.test(c[k])) k--;
  return c[k] === 'i' || c[k] === 'we';
}

/** The words of a threat or violence against a person now in the message (whole-message canonical tokens), or null. */
export function threatNow(toks: readonly string[]): string | null {
  if (!mayHoldThreat(toks)) return null;
  // Session 50 (emerg8, hostile s50 H2): a word of long ago counts only when it is about the threat (cueScope.ts: its
  // clause): "a man is at my door threatening to hurt me, this is the last time I order from you" and "please help at
  // once" are now; "he threatened me last week" is not.
  const hit = threatReading(toks);
  return hit !== null && cueAboutEvidence([toks], hit, (c, i) => LONG_AGO.has(c[i]!)) ? null : hit;
}
function threatReading(toks: readonly string[]): string | null {
  // (Session 50, emerg8: a request to the reader is no question about a threat: "could you help, there's a man at my door".)
  if (ASK_OPEN.has(toks[0] ?? '') && toks[1] !== 'not' && cueWordAt(toks, 0)) return null;
  const padded = ` ${toks.join(' ')} `;
  const distant = toks.some((t) => AT_A_DISTANCE.has(t));
  const presence = PRESENCE.exec(padded);
  const present = presence !== null && !(distant && /right now|is here|are here/.test(presence[0])) ? presence : null;
  const fear = toks.some((t, i) => FEAR.has(t) && !negatedBefore(toks, i, 2));
  // (Session 50, emerg8: a maybe in the threat's own clause, read as one: not "could you help, there's a man at my door
  // with a knife", not "I'm worried, my ex is outside".)
  const maybeBefore = (at: number): boolean => maybeBeforeInClause(toks, at, (t) => MAYBE.has(t));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const next = toks[i + 1] ?? '';
    if (negatedBefore(toks, i) || maybeBefore(i) || customerActs(toks, i)) continue;
    // Violence going on: "is attacking my neighbour", "are beating him up", "someone is hitting her".
    if (ATTACK_NOW.has(t) && PERSON_OBJECT.has(next) && /^(?:is|are|s|hes|shes|theyre|still|keeps|keep|started|now)$/.test(toks[i - 1] ?? '')) {
      // (Lead, session 49: "it keeps kicking me back to the basket", "the toddler keeps grabbing my phone" were read as
      // violence: a thing as the subject, or a thing after the possessive, is none: escrfEval w25-056, w12-357.)
      if (THING_SUBJECT.has(toks[i - 2] ?? '') || CHILD.has(toks[i - 2] ?? '')) continue;
      if ((next === 'my' || next === 'our' || next === 'his' || next === 'her' || next === 'the' || next === 'a') && !PERSON_NOUN.has(toks[i + 2] ?? '')) continue;
      // (Not "the price is hurting my budget", "the noise is hurting my ears": a person or a possessive with a person after.)
      if ((next === 'my' || next === 'our' || next === 'his' || next === 'the' || next === 'a') && /^(?:budget|wallet|pocket|business|sales|ears|eyes|head|back|feelings|chances|credit|score|rating)$/.test(toks[i + 2] ?? '')) continue;
      return toks.slice(Math.max(0, i - 1), i + 3).join(' ');
    }
    // A weapon pulled, waved or held at someone: "pulled a knife on me", "waving a knife", "has a knife and is threatening us".
    if (WEAPON.has(t) && WEAPON_VERB.has(toks[i - 1] === 'a' || toks[i - 1] === 'the' ? toks[i - 2] ?? '' : toks[i - 1] ?? '')) {
      const verb = toks[i - 1] === 'a' || toks[i - 1] === 'the' ? toks[i - 2] : toks[i - 1];
      const aimed = /^(?:on|at)$/.test(next) || verb === 'pulled' || verb === 'waving' || verb === 'brandishing' || verb === 'pointing';
      if (aimed || present !== null || fear || toks.some((w) => THREATEN.has(w))) return toks.slice(Math.max(0, i - 2), i + 1).join(' ');
    }
    // A break-in now: "trying to break in", "is breaking into my house", "an intruder in the house", "broke in ... still here".
    if ((t === 'break' && (toks[i - 1] === 'to' || toks[i - 1] === 'trying') && (next === 'in' || next === 'into')) || (t === 'breaking' && (next === 'in' || next === 'into') && /^(?:is|are|s|someone|somebody|theyre|hes|they|people|men|man)$/.test(toks[i - 1] ?? ''))) {
      if (toks[i - 2] === 'trying' || toks[i - 1] === 'trying' || t === 'breaking') return toks.slice(Math.max(0, i - 2), i + 2).join(' ');
    }
    if ((t === 'broke' || t === 'broken') && (next === 'in' || next === 'into') && / (?:still|is|are) (?:here|in the|in my|in our|inside|upstairs|downstairs)/.test(padded)) return `${t} ${next} ... ${/ (?:still|is|are) (?:here|in the|in my|in our|inside|upstairs|downstairs)/.exec(padded)![0].trim()}`;
    if ((t === 'intruder' || t === 'intruders' || t === 'burglar' || t === 'burglars') && (present !== null || fear || / (?:is|are|s) (?:in|inside|upstairs|downstairs)/.test(padded))) return t;
    // A threat: "threatening me", "threatened to hurt us", with a presence, fear or harm said; or a harm said as coming.
    if (THREATEN.has(t)) {
      const obj = PERSON_OBJECT.has(next) || next === 'to';
      const harm = next === 'to' && HARM_VERB.has(toks[i + 2] ?? '');
      const paper = toks.slice(i + 1, i + 6).some((w) => PAPER_THREAT.has(w));
      if (t === 'threat' || t === 'threats' || t === 'menacing' || t === 'intimidating') {
        if ((present !== null || fear) && !paper) return t;
        continue;
      }
      if (!obj || (paper && !harm) || (distant && present === null)) continue;
      if (harm || present !== null || fear) return toks.slice(i, i + 3).join(' ');
    }
    // A past push or punch that goes on: "pushed me and is still shouting at me outside".
    if (ATTACK_PAST.has(t) && (next === 'me' || next === 'us' || next === 'my') && (present !== null || fear) && t !== 'hurt') return toks.slice(i, i + 2).join(' ');
    // A harm said as coming, by someone there: "says he will kill me", "shouting that he is going to hurt us".
    if ((t === 'kill' || t === 'hurt' || t === 'stab' || t === 'attack' || t === 'beat' || t === 'hit') && /^(?:me|us|you|her|him|them|my)$/.test(next)) {
      const before = toks.slice(Math.max(0, i - 5), i);
      const coming = before.includes('will') || before.includes('ll') || before.includes('gonna') || (before.includes('going') && before.includes('to'));
      const said = before.some((w) => /^(?:says|said|saying|shouting|screaming|yelling|threatening|threatened|told|telling)$/.test(w));
      if (coming && (said || present !== null || fear)) return toks.slice(Math.max(0, i - 3), i + 2).join(' ');
    }
  }
  // Session 50 (emerg7): a stranger in the home now, the customer hiding or afraid.
  const stranger = STRANGER_IN.exec(padded);
  if (stranger !== null && (HIDING.test(padded) || fear) && !AT_WORK.test(padded)) return stranger[0].trim();
  // Fear with a person present and acting on the customer: "a man is following me and I am scared", "he won't leave, I'm
  // scared", "the driver is being aggressive at my door".
  const acting = ACTING.exec(padded);
  if (acting !== null && (fear || / (?:aggressive|violent|drunk|abusive|threatening|menacing) /.test(padded))) return acting[0].trim();
  return null;
}
