/**
 * Session 44 (hostfix, hostile s44 H1): a fire, smoke, a gas leak or carbon monoxide happening as the customer writes is an
 * emergency like a person hurt now ("the heater you sold is on fire and my kid is coughing", "the charger caught fire and
 * the room is full of smoke", "gas smell from the hob, my daughter feels dizzy"): the engine says the flow's emergency line
 * first and hands over at once, without the email question (detectUrgency sets Signal.emergency from this reading).
 *
 * Read as two parts, not as phrases:
 *  - a fire burning now: a thing on fire or in flames, flames coming out or spreading, something burning now, a room full
 *    of smoke or smoke everywhere / pouring out: an emergency by itself (nobody need be named: the one typing is there);
 *  - a hazard that may be over or small alone: a thing that caught fire, is smoking or has smoke coming out of it (session
 *    41's "urgent, but nobody hurt" stays so), a smell of gas or a gas leak, a
 *    carbon monoxide alarm going off: an emergency only with a person affected now (coughing, dizzy, drowsy, a headache,
 *    sick, vomiting, fainted, can't breathe, trapped...), not negated ("nobody is hurt").
 * Not: a fire sale, "fired up", "on fire" said of deals, prices or oneself ("this deal is on fire lol"), a product's smoke
 * damage, a smoke alarm's low battery, a fire over and done with ("it's all out now", "the fire brigade put it out",
 * "everyone is safe"), a fire told of long ago without a word of now ("last year my heater caught fire").
 * Pure: reads canonical tokens (canonicalTokens) only.
 */
import { ALRIGHT } from './shockNow';
import { NOT_WORDS, negators } from './negators';
import { LAUGH } from './laugh';
import { PEOPLE_IN_DANGER } from './people';

/** A fire burning now (an emergency by itself). */
const BURNING_NOW = new RegExp(
  [
    // "is on fire", "the heater's on fire", "on fire now"; not "was on fire" (told after).
    ` (?<!was |were |been )on fire `,
    ` in flames `,
    ` flames (?:are |were )?(?:coming|pouring|shooting|spreading|everywhere|all over|out of|from) `,
    ` (?:the |there are |there is )?fire (?:is |s )?spreading `,
    ` (?:is|are|s|still) burning(?: now)? (?!smell|dust|plastic|sensation|feeling)`,
    ` burning (?:now|right now|still) `,
    ` full (?:of|with) smoke `,
    ` smoke (?:is |s )?(?:everywhere|pouring|billowing|filling|all over) `,
  ].join('|'),
);
/** Where a fire is kept on purpose ("a fire in the stove"): no hazard. */
const CONTAINED = '(?:stove|fireplace|grate|hearth|fire pit|pit|log burner|burner|woodburner|wood burner|chiminea|bbq|barbecue|firebowl|brazier)';
/** Words after "fire" that make it the name of a thing or an event ("a fire sale", "a fire door", "a fire risk"). */
const FIRE_THING =
  '(?:sale|sales|pit|pits|door|doors|alarm|alarms|risk|risks|hazard|hazards|exit|exits|extinguisher|extinguishers|escape|drill|drills|brigade|station|safety|blanket|blankets|place|fighter|fighters|works|proof|resistant|retardant|rated|starter|starters|lighter|lighters|engine|engines|truck|service|services|department|certificate|regulations|regs|warden|assembly|stick|wood|bowl|basket|guard|screen|damage|damaged)';
/** A hazard that needs a person affected now to be an emergency. */
const HAZARD = new RegExp(
  [
    ` (?:caught|catch|catches|catching|make|made|makes) (?:on )?fire `,
    // Session 45 (emerg2, retest-conv s45 H1): a fire started, or a fire in / at a place ("there's a fire in the house",
    // "fire in the flat", "the heater started a fire"): with a person affected (PERSON_INSIDE: still inside, trapped).
    ` (?:started|starts|start|set) (?:a |the )?(?:small |big |huge )?fire `,
    ` (?:a |the )?(?:small |big |huge )?fire (?:started |has started |broke out |is )?(?:in|at|upstairs|downstairs) (?!the (?:past|end)|least|all|once|my opinion|(?:the |a |our |my )?${CONTAINED} )`,
    // Session 46 (conv6, retest-conv s45 L1): a fire said to be there now, without a place ("there's a fire and my dad is
    // inside", "we have a fire, my kids are upstairs", "fire! my baby is still in there"): with a person affected, as
    // above. Not a fire sale, pit, door, alarm, risk... (the word after "fire" names a thing), nor a fire kept in a stove.
    ` there (?:is|are) (?:a |an )?(?:small |big |huge |massive |bad )?fire (?!${FIRE_THING} |in (?:the |a |our |my )?${CONTAINED} )`,
    ` (?:we|i) (?:have|have got|got) (?:a |an )?(?:small |big |huge |massive |bad )?fire (?!${FIRE_THING} |in (?:the |a |our |my )?${CONTAINED} )`,
    `^ (?:help |omg |oh god )?fire (?:fire )*(?!${FIRE_THING} |in (?:the |a |our |my )?${CONTAINED} )`,
    // (A fire in a stove, a fireplace or a pit is kept there: found by emerg2S45Heldout.)
    ` (?:started|start|starts|is|are|s|began|keeps) smoking `,
    // Smoke coming out of a thing ("there's smoke coming out of the charger right now", injuryS41): with a person affected.
    ` smoke (?:is |s )?(?:coming|coming out|coming from) `,
    ` gas (?:smell|smells|leak|leaking|is leaking) `,
    ` (?:smell|smells|smelling|smelt|smelled|stink|stinks) (?:of |like )?gas `,
    ` leaking gas `,
    ` (?:carbon monoxide|co) (?:alarm|detector|monitor|sensor)s? `,
    ` carbon monoxide (?:leak|leaking|poisoning) `,
  ].join('|'),
);
/**
 * Session 47 (emerg4, hostile s47 M2): a fire in the home from a product, smoke or sparks coming out of one, a gas smell
 * now, a carbon monoxide alarm going off, a battery that exploded: an emergency by itself (the 999 line first), when
 * told as happening (not asked, not a risk, not long ago, not over: the checks above and ASKED_BEFORE).
 */
const ALONE = new RegExp(
  [
    ` (?:caught|catching) (?:on )?fire `,
    ` burst (?:into )?flames `,
    ` (?:set|setting) (?:\w+ ){1,3}(?:on|alight) fire `,
    ` (?:set|setting) (?:\w+ ){1,3}alight `,
    ` (?:started|set) (?:a |the )?(?:small |big |huge )?fire `,
    ` (?<!on )(?:a |the )?(?:small |big |huge )?fire (?:started |has started |broke out |is )?(?:in|at|upstairs|downstairs) (?!the (?:past|end|moment|minute|mo)|present|least|all|once|my opinion|(?:the |a |our |my )?${CONTAINED} )`,
    ` there (?:is|are) (?:a |an )?(?:small |big |huge |massive |bad )?fire (?!${FIRE_THING} |in (?:the |a |our |my )?${CONTAINED} )`,
    ` smoke (?:is |s )?(?:coming|pouring) `,
    // (Present only: "started sparking when I plugged it in" tells what happened, roundSevenUrgency.)
    ` (?:is|are|s|keeps|keep|still) (?:smoking|sparking)(?: and (?:smoking|sparking))? `,
    ` sparks (?:are |is )?(?:coming|flying|shooting) `,
    ` gas (?:smell|smells|leak|leaking|is leaking) `,
    ` (?:smell|smells|smelling|stink|stinks) (?:of |like )?gas `,
    ` leaking gas `,
    ` (?:carbon monoxide|co) (?:alarm|detector|monitor|sensor)s? (?:is |s |are |has |have |just |keeps |kept |keep |started |starts )*(?:going off|went off|gone off|goes off|go off|sounding|sounded|ringing|screaming|triggered) `,
    ` carbon monoxide (?:leak|leaking|poisoning) `,
    ` (?:battery|batteries|bank|charger|vape|phone|laptop|scooter|bike|hoverboard) (?:has |just |literally )*(?:exploded|blew up|blown up|burst into flames) `,
    ` (?:exploded|blew up) (?:\w+ ){0,4}(?:burn|burnt|burned|burning) `,
  ].join('|'),
);
/** Words in the five before the hazard that make it asked or a risk ("what if the CO alarm goes off", "can it catch fire"). */
const ASKED_BEFORE = new Set(['was', 'were', 'had', 'if', 'whether', 'could', 'might', 'may', 'would', 'will', 'can', 'does', 'do', 'should', 'risk', 'prevent', 'avoid', 'stop', 'afraid', 'scared', 'worried', 'likely', 'never', 'not', 'nt', 'didnt', 'hasnt', 'havent', 'wont', 'cant']);
const SHOP_PLACE = / (?:your|the|their|our) (?:warehouse|depot|factory|store|shop|sorting office|distribution centre|distribution center|plant|office|hub)\b/;
const QUESTION_START = new Set(['can', 'could', 'will', 'would', 'does', 'do', 'is', 'are', 'should', 'how', 'what', 'why', 'has', 'have', 'if']);
function aloneNow(lower: readonly string[], padded: string): string | null {
  const m = ALONE.exec(padded);
  if (m === null) return null;
  // "on fire" said as praise elsewhere in the message ("you lot are on fire at the moment, keep it up").
  if (fireAsFigure(lower).length > 0) return null;
  if (QUESTION_START.has(lower[0] ?? '')) return null;
  const before = padded.slice(0, m.index).trim().split(' ').filter(Boolean).slice(-5);
  if (before.some((t) => ASKED_BEFORE.has(t))) return null;
  // A fire at the shop's places is no fire in the customer's home ("a fire at your warehouse, is my parcel inside?").
  if (SHOP_PLACE.test(padded.slice(m.index, m.index + m[0].length + 30))) return null;
  // Session 47 (lead, reviewing emerg4): over and nobody hurt ("switched off straight away and nobody's hurt") is a
  // dangerous product to report (a sensitive safety topic), not a 999 call.
  if (ALRIGHT.test(padded)) return null;
  // Session 48 (lead, CI of stop 47: feS41): a fire or smoke told as earlier today with no word of now ("the toaster I
  // bought from you caught fire this morning") is over by the time it is typed: a dangerous product to report (the
  // safety topic), not a 999 call; "... this morning and it is still smoking" stays one.
  if (EARLIER.test(padded) && !lower.some((t) => NOW_WORDS.has(t))) return null;
  return m[0].trim();
}
/** A person affected now (a sign on the body). */
const AFFECTED = new Set([
  'coughing', 'cough', 'coughs', 'dizzy', 'dizy', 'dizzey', 'lightheaded', 'drowsy', 'sleepy', 'headache', 'headaches',
  'sick', 'nauseous', 'vomiting', 'vomit', 'vomits', 'fainted', 'faint', 'unconscious', 'collapsed', 'choking', 'wheezing',
  'trapped', 'burnt', 'burned', 'breathe', 'breathing', 'breath',
]);
/** Words that make "on fire" a figure of speech (deals, prices, a good day). */
const FIGURE = new Set(['deal', 'deals', 'offer', 'offers', 'price', 'prices', 'sale', 'sales', 'discount', 'discounts', 'bargain', 'bargains', 'lol', 'haha', 'lmao', 'streak', 'team', 'playlist']);
/** Words before "on fire" that make it said of oneself ("I'm on fire today"). */
const SELF_BEFORE = /(?:^| )(?:im|i am|youre|you are|were|we are|hes|he is|shes|she is) (?:so |totally |really )?on fire /;
/** The fire is over: out, put out, everyone safe. */
const OVER = / (?:all out|is out|s out|was out|went out|(?<!(?:can not|cant|couldnt|could not|can t|won t|wont) )put (?:it |them )?out|nobody (?:was |is |got )?(?:hurt|injured)|no one (?:was |is |got )?(?:hurt|injured)|everyone (?:is |was )?(?:safe|fine|ok|okay)|everybody (?:is |was )?(?:safe|fine|ok|okay)) /;
const LONG_AGO = new Set(['yesterday', 'last', 'ago', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const NOW_WORDS = new Set(['now', 'still', 'currently']);
/**
 * Earlier today or lately, said of the hazard (aloneNow): told after, not happening. ("last night", "two days ago":
 * LONG_AGO's "last" and "ago" already end hazardNow before aloneNow reads this.)
 */
const EARLIER = / (?:this morning|earlier|overnight|the other day|at the weekend|over the weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)) /;
const NEGATORS = negators(NOT_WORDS, 'nobody', 'none', 'without', 'isnt', 'arent');

/** Only messages holding one of these words are read further (most hold none). */
const GATE = new Set(['fire', 'flames', 'burning', 'smoke', 'smoking', 'gas', 'monoxide', 'co', 'sparking', 'sparks', 'exploded', 'blew', 'alight']);

/**
 * The hazard's words when `toks` (canonical tokens) tell of a fire, smoke, gas or carbon monoxide emergency happening now,
 * else null.
 */
export function hazardNow(toks: readonly string[]): string | null {
  if (!toks.some((t) => GATE.has(t))) return null;
  const lower = toks.map((t) => t.toLowerCase());
  const padded = ` ${lower.join(' ')} `;
  if (OVER.test(padded)) return null;
  const longAgo = lower.some((t) => LONG_AGO.has(t)) && !lower.some((t) => NOW_WORDS.has(t));
  if (longAgo) return null;
  const burning = BURNING_NOW.exec(padded);
  if (burning !== null && !figurative(lower, padded, burning[0])) return burning[0].trim();
  const hazard = HAZARD.exec(padded);
  if (hazard === null && burning === null) {
    // Session 47 (emerg4): the hazards that count alone but were not HAZARD's ("burst into flames", an exploded battery).
    const alone = aloneNow(lower, padded);
    return alone !== null && !figurative(lower, padded, alone) ? alone : null;
  }
  let affected = lower.findIndex((t, i) => AFFECTED.has(t) && affirmed(lower, i));
  if (affected < 0) affected = personInside(lower);
  if (affected < 0) {
    const alone = aloneNow(lower, padded);
    return alone !== null && !figurative(lower, padded, alone) ? alone : null;
  }
  const words = (hazard ?? burning)![0].trim();
  if (figurative(lower, padded, words)) return null;
  return `${words} ... ${lower[affected]}`;
}

/**
 * Session 45 (emerg2, retest-conv s45 H1): a person still in the place of a fire ("my mum is still inside", "my baby is still
 * in there", "my kids are stuck upstairs", "she's still inside"): a person (or he / she / they) in the four words before
 * "inside", "in there", "stuck" or "upstairs" said with "is / are / still". The index of that word, or -1.
 */
const PERSON = new Set([
  ...PEOPLE_IN_DANGER,
  // The household that may be inside (people.ts: detectUrgency's hurt person adds strangers instead).
  'babies', 'kids', 'children', 'nana', 'gran', 'grandfather', 'grandmother', 'family', 'neighbour', 'neighbor', 'people', 'dog', 'cat', 'pets',
  'uncle', 'aunt', 'auntie', 'flatmate', 'roommate', 'twins', 'grandson', 'granddaughter', 'nephew', 'niece',
]);
const INSIDE = /^(?:inside|stuck|upstairs|trapped)$/;
function personInside(lower: readonly string[]): number {
  for (let i = 0; i < lower.length; i++) {
    const t = lower[i]!;
    if (!(INSIDE.test(t) || (t === 'in' && lower[i + 1] === 'there'))) continue;
    let person = false;
    let still = false;
    for (let k = Math.max(0, i - 4); k < i; k++) {
      if (PERSON.has(lower[k]!)) person = true;
      if (/^(?:still|is|are|s|hes|shes|theyre|stuck|trapped)$/.test(lower[k]!)) still = true;
    }
    if (person && still && affirmed(lower, i)) return i;
  }
  return -1;
}

function figurative(lower: readonly string[], padded: string, words: string): boolean {
  // Laughter makes any of it a joke or a figure ("my friends say it is 'burning hot' hahaha": escrfEval w12-299).
  if (lower.some((t) => LAUGH.test(t))) return true;
  if (/ burning /.test(words) && / burning hot /.test(padded)) return true;
  if (!words.includes('on fire')) return false;
  return lower.some((t) => FIGURE.has(t)) || SELF_BEFORE.test(padded) || fireAsFigure(lower).length > 0;
}

/**
 * Session 45 (misfire, blind re-test s44 M1): "on fire" said as praise or a figure of speech ("your deals are on fire today",
 * "our sales team is on fire this quarter, we need 20 more seats", "my feed is on fire with your ads"): no hurry, no danger.
 * Read by kind, not by phrase: "on fire" is a figure when
 *  - what is on fire cannot burn in the way meant: offers, prices, a team, people, a feed, a collection, a season's figures
 *    (FIRE_FIGURE_SUBJECT, the nearest word before "on fire" past "is", "has been", "so", "really"...), or
 *  - it lasts a span of time, a streak ("this week", "this quarter", "lately", "these days", "since we switched"), or
 *  - the message praises, thanks or laughs ("well done", "thanks", "love", "amazing", "haha");
 * and never when the message holds a word of a real fire or of someone in it (smoke, flames, burning, help, trapped, 999, a
 * person coughing or dizzy, "can't put it out", an extinguisher): "great, the power bank you sent is on fire on my desk"
 * (sarcasm, no praise word), "my delivery van is on fire on the motorway" and "the heater is on fire, my son is coughing" stay.
 * Returns the indexes of the tokens "on" of every such "on fire" (empty when none).
 */
const FIRE_FIGURE_SUBJECT = new Set([
  'deal', 'deals', 'offer', 'offers', 'price', 'prices', 'sale', 'sales', 'discount', 'discounts', 'bargain', 'bargains', 'promo', 'promos',
  'streak', 'team', 'teams', 'staff', 'crew', 'squad', 'playlist', 'feed', 'timeline', 'website', 'site', 'page', 'channel', 'collection',
  'collections', 'range', 'ranges', 'arrivals', 'drop', 'drops', 'launch', 'numbers', 'figures', 'growth', 'stocks', 'market', 'reviews',
  'followers', 'service', 'guys', 'you', 'u', 'ya', 'yall', 'we', 'i', 'im', 'everyone', 'everybody', 'game', 'form', 'season', 'quarter',
  'month', 'year', 'week', 'summer', 'tiktok', 'instagram', 'insta', 'socials', 'ads', 'marketing', 'orders', 'bookings', 'signups',
]);
/** Words between the subject and "on fire" ("has been", "is so", "are absolutely"). */
const FIRE_LINK = new Set(['is', 'are', 's', 're', 'has', 'have', 'been', 'be', 'so', 'really', 'totally', 'absolutely', 'literally', 'just', 'proper', 'well', 'lowkey', 'seriously', 'always', 'properly', 'actually', 'honestly', 'all', 'currently', 'now', 'rn']);
/** A span of time after "on fire": a streak, not a fire burning. */
const FIRE_SPAN = / on fire (?:\w+ ){0,4}(?:this|these|this past|the past|all) (?:week|weeks|month|months|quarter|year|season|summer|winter|spring|autumn|term|weekend|days)\b| on fire (?:\w+ ){0,4}(?:lately|recently|since|all (?:week|month|year|season))\b/;
/** Praise, thanks or a laugh anywhere in the message. */
const FIRE_PRAISE = / (?:thanks|thank|thx|ty|cheers|love|loving|loved|amazing|awesome|fab|fabulous|well done|keep it up|keep up the|congrats|congratulations|kudos|impressed|great job|good job|nice one|proud|obsessed|killing it|smashing it|crushing it|wow)\b/;
/** A word of a real fire, or of someone in it. */
const FIRE_LITERAL = new Set([
  ...AFFECTED, 'help', 'smoke', 'smoking', 'smoky', 'flames', 'flame', 'burning', 'burn', 'burns', 'extinguisher', 'brigade', 'firefighters', '999', '911', '112',
  'emergency', 'urgent', 'hurry', 'trapped', 'inside', 'evacuate', 'evacuated', 'sparks', 'sparking', 'melting', 'melted', 'exploded', 'explode', 'alarm',
  'caught', 'blaze', 'fumes', 'danger', 'dangerous', 'scared', 'panic', 'panicking',
]);
export function fireAsFigure(toks: readonly string[]): readonly number[] {
  // Session 46 (tidy3, review of s45): read once per message. hazardNow, detectUrgency (each "on fire" phrase hit and the
  // classifier's "fire") and detectSensitiveTopic ask it of one message up to four times, on token arrays equal in content
  // (hazardNow's lower-cased copy): a gate on the word, and the last answer kept by the tokens' text.
  if (!toks.includes('fire')) return NO_FIGURE;
  const key = toks.join('\u0000'); // no token holds a NUL: equal keys, equal tokens
  if (key !== lastFigure.key) lastFigure = { key, at: readFireAsFigure(toks) };
  return lastFigure.at;
}
const NO_FIGURE: readonly number[] = Object.freeze([]);
/** fireAsFigure's last answer, by the tokens' text (a pure function of it). */
let lastFigure: { key: string; at: readonly number[] } = { key: '', at: NO_FIGURE };
function readFireAsFigure(toks: readonly string[]): readonly number[] {
  const out: number[] = [];
  const padded = ` ${toks.join(' ')} `;
  for (let i = 0; i + 1 < toks.length; i++) {
    if (toks[i] !== 'on' || toks[i + 1] !== 'fire') continue;
    if (out.length === 0 && (toks.some((t) => FIRE_LITERAL.has(t)) || / (?:put (?:it |them )?out|get out|got out)\b/.test(padded))) return NO_FIGURE;
    let k = i - 1;
    while (k >= 0 && FIRE_LINK.has(toks[k]!)) k--;
    if ((k >= 0 && FIRE_FIGURE_SUBJECT.has(toks[k]!)) || FIRE_SPAN.test(` ${toks.slice(i).join(' ')} `) || FIRE_PRAISE.test(padded) || toks.some((t) => LAUGH.test(t))) out.push(i);
  }
  return out;
}

const BREATH = new Set(['breathe', 'breathing', 'breath']);
function affirmed(lower: readonly string[], i: number): boolean {
  // "can't breathe", "she is not breathing", "struggling to breathe": a sign whether negated or not; "breathing fine" is not.
  if (BREATH.has(lower[i]!)) return !/^(?:fine|ok|okay|normally|well)$/.test(lower[i + 1] ?? '') && (lower[i] !== 'breath' || /^(?:short|out)$/.test(lower[i - 1] ?? '') || lower[i - 1] === 'of');
  for (let k = Math.max(0, i - 3); k < i; k++) if (NEGATORS.has(lower[k]!)) return false;
  return true;
}

/**
 * Session 48 (lead, hostile s47 M2's rest): whether the hazard read in `toks` is gas or carbon monoxide (a gas smell, a
 * leak, a CO alarm going off), for which the emergency line adds what to do first (leave, from outside call the gas
 * emergency line), and which. Null when hazardNow reads no such hazard now.
 */
export function gasHazard(toks: readonly string[]): 'gas' | 'carbon monoxide' | null {
  const words = hazardNow(toks);
  if (words === null) return null;
  if (/(?:^| )(?:monoxide|co)(?: |$)/.test(words)) return 'carbon monoxide';
  return /(?:^| )gas(?: |$)/.test(words) ? 'gas' : null;
}
