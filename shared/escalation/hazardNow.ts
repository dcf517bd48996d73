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
import { cueAboutEvidence, maybeBeforeInClause } from './cueScope';

/** A fire burning now (an emergency by itself). */
const BURNING_NOW = new RegExp(
  [
    // "is on fire", "the heater's on fire", "on fire now"; not "was on fire" (told after).
    // (Session 50, emerg8, hostile s50 M1: not "on fire sale", "on fire safety".)
    ` (?<!was |were |been )on fire (?!(?:sale|sales|safety|door|doors|alarm|risk|hazard|exit|drill) )`,
    ` in flames `,
    ` flames (?:are |were )?(?:coming|pouring|shooting|spreading|everywhere|all over|out of|from) `,
    ` (?:the |there are |there is )?fire (?:is |s )?spreading `,
    ` (?:is|are|s|still) burning(?: now)? (?!smell|dust|plastic|sensation|feeling)`,
    ` burning (?:now|right now|still) `,
    ` full (?:of|with) smoke `,
    // Session 49 (emerg5, hostile s49 H2): a fire said without "fire" or "smoke" (ablaze, alight, flames seen or climbing).
    ` (?:is|are|s|now|all|still|completely|totally|fully) ablaze `,
    ` (?:is|are|s|now|still) alight `,
    ` flames (?:are |were )?(?:licking|reaching|climbing|going up|rising) `,
    ` (?:there are|there is|i can see|we can see|i see|can see) (?:big |small |huge |little |some )?flames (?!on the (?:box|label|packaging|picture|print))`,
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
    // Session 49 (emerg5): String.raw: in a plain template literal `\w` is the letter w (the backslash is dropped), so
    // "set the curtains alight" and "exploded ... burnt" never matched since session 47.
    String.raw` (?:set|setting) (?:\w+ ){1,3}(?:on|alight) fire `,
    String.raw` (?:set|setting) (?:\w+ ){1,3}(?:alight|ablaze) `,
    // Session 49 (emerg5, hostile s49 H2): a fire said without "fire": went up in flames, caught alight.
    ` (?:went|go|goes|gone|going) up in flames `,
    ` (?:caught|catching|catches|catch) alight `,
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
    String.raw` (?:exploded|blew up) (?:\w+ ){0,4}(?:burn|burnt|burned|burning) `,
  ].join('|'),
);
/** Words in the five before the hazard that make it asked or a risk ("what if the CO alarm goes off", "can it catch fire"). */
const ASKED_BEFORE = new Set(['was', 'were', 'had', 'if', 'whether', 'could', 'might', 'may', 'would', 'will', 'can', 'does', 'do', 'should', 'risk', 'prevent', 'avoid', 'stop', 'afraid', 'scared', 'worried', 'likely', 'never', 'not', 'nt', 'didnt', 'hasnt', 'havent', 'wont', 'cant']);
const SHOP_PLACE = / (?:your|the|their|our) (?:warehouse|depot|factory|store|shop|sorting office|distribution centre|distribution center|plant|office|hub)\b/;
const QUESTION_START = new Set(['can', 'could', 'will', 'would', 'does', 'do', 'is', 'are', 'should', 'how', 'what', 'why', 'has', 'have', 'if']);
function aloneNow(lower: readonly string[], padded: string): string | null {
  const m = affirmedMatch(ALONE, lower, padded);
  if (m === null) return null;
  // "on fire" said as praise elsewhere in the message ("you lot are on fire at the moment, keep it up").
  if (fireAsFigure(lower).length > 0) return null;
  if (QUESTION_START.has(lower[0] ?? '')) return null;
  const before = padded.slice(0, m.index).trim().split(' ').filter(Boolean).slice(-5);
  // Session 49 (emerg5, hostile s49 H2): "I can smell gas", "we can see smoke coming out": said, not asked.
  const perceived = /^ (?:smell|smells|see|hear) /.test(padded.slice(m.index)) && /^(?:can|could)$/.test(before[before.length - 1] ?? '') && /^(?:i|we)$/.test(before[before.length - 2] ?? '');
  if (before.some((t, k) => ASKED_BEFORE.has(t) && !(perceived && k === before.length - 1))) return null;
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
// (Session 50, emerg8, hostile s50 H2: "out" said of the fire, not of the power or the lights, "the power is out"; "put it
// out" done, not tried: "I tried to put it out but it's spreading". Merged with emerg7's: "its out", and not "out of".)
const OVER = / (?:all out|its out|(?:fire|fires|it|flames|blaze|they) (?:is|s|was|are|were|went|has gone|had gone) out|(?<!(?:can not|cant|couldnt|could not|can t|won t|wont|tried to|trying to|try to|tried and|try and|to) )put (?:it |them )?out|nobody (?:was |is |got )?(?:hurt|injured)|no one (?:was |is |got )?(?:hurt|injured)|everyone (?:is |was )?(?:safe|fine|ok|okay)|everybody (?:is |was )?(?:safe|fine|ok|okay)) (?!of )/;
const LONG_AGO = new Set(['yesterday', 'last', 'ago', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const NOW_WORDS = new Set(['now', 'still', 'currently']);
/**
 * Earlier today or lately, said of the hazard (aloneNow): told after, not happening. ("last night", "two days ago":
 * LONG_AGO's "last" and "ago" already end hazardNow before aloneNow reads this.)
 */
const EARLIER = / (?:this morning|earlier|overnight|the other day|at the weekend|over the weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)) /;
const NEGATORS = negators(NOT_WORDS, 'nobody', 'none', 'without', 'isnt', 'arent');

/** Only messages holding one of these words are read further (most hold none). */
const GATE = new Set(['fire', 'flames', 'burning', 'smoke', 'smoking', 'gas', 'monoxide', 'co', 'sparking', 'sparks', 'exploded', 'blew', 'alight', 'ablaze']);

/** What the hazard read is: a fire (or smoke, sparks, a battery), gas, a carbon monoxide alarm, or signs of carbon monoxide. */
export type HazardKind = 'fire' | 'gas' | 'carbon monoxide' | 'carbon monoxide signs' | LiveHazardKind;
/**
 * Session 50 (emerg7, hostile s49 H3, M5, M12): live hazards in a home that are no fire yet, each with its own safety line
 * (humanTakeover.ts hazardLine): water in the electrics, a plug or lead overheating, a battery swelling or hissing, a
 * smoke alarm going off with no cause found, a ceiling coming down, a gas flame that will not go out.
 */
export type LiveHazardKind = 'electrics' | 'overheating' | 'battery' | 'smoke alarm' | 'ceiling' | 'gas flame';
/**
 * The live hazards a product shows (a plug or lead overheating, a battery swelling): the safety topic's cases in the corpus
 * (escrfEval w42-364, w36-384): they do not fire urgency by themselves (detectUrgency hazardSignal), but make a handover
 * for any reason say their safety line first (humanTakeover.ts liveHazardEntry).
 */
export const PRODUCT_HAZARDS: ReadonlySet<HazardKind> = new Set<HazardKind>(['overheating', 'battery']);
export interface HazardReading {
  /** The message's words the reading rests on ("on fire", "gas smell ... dizzy", "boiler ... headaches"). */
  words: string;
  kind: HazardKind;
}

/**
 * The hazard's words when `toks` (canonical tokens) tell of a fire, smoke, gas or carbon monoxide emergency happening now,
 * else null.
 */
export function hazardNow(toks: readonly string[]): string | null {
  return hazardReading(toks)?.words ?? null;
}

/**
 * hazardNow's reading with its kind. Session 49 (emerg5, hostile s49 H1, H2, M2):
 *  - the hazard words typed with a slip are read as the words ("smel gaz", "on fier": spelledHazardWords);
 *  - a hazard negated where it is named is none ("no gas smell or anything", "not on fire or anything", "no smoke or
 *    flames": negatedAt), and a later hazard in the message is still read;
 *  - "since yesterday", "since last week" is still going, no story of long ago;
 *  - a fire said without "fire" (ablaze, alight, flames seen or climbing, went up in flames: the lists above);
 *  - carbon monoxide by its signs: a fuel-burning appliance and people or pets unwell now (coSigns);
 *  - a gas leak without "gas": a smell of rotten eggs or sulphur at a gas appliance or a leak, a hissing gas appliance
 *    that smells (gasByMeaning).
 */
export function hazardReading(toks: readonly string[]): HazardReading | null {
  const lower = spelledHazardWords(toks);
  const fire = lower.some((t) => GATE.has(t));
  const signs = !fire && lower.some((t) => SIGN_GATE.has(t));
  const house = lower.some((t) => HOUSE_GATE.has(t));
  if (!fire && !signs && !house) return null;
  const padded = ` ${lower.join(' ')} `;
  if (OVER.test(padded)) return null;
  const reading = readNow(lower, padded, fire, signs, house);
  // Session 50 (emerg8, hostile s50 H2): a word of long ago counts only when it is about the hazard (cueScope.ts: in its
  // clause, not in "the heater I bought from you yesterday is on fire"); "since yesterday" is still going.
  if (reading === null) return null;
  // Session 50 (emerg8, held out): a hypothetical in the hazard's own clause, "if the heater is ever on fire what should I do?".
  const at = lower.indexOf(reading.words.split(' ').find((w) => w !== 'on' && w !== '...' && lower.includes(w)) ?? '');
  if (at > 0 && maybeBeforeInClause(lower, at, (t) => HYPOTHETICAL.has(t))) return null;
  if (lower.some((t) => NOW_WORDS.has(t))) return reading;
  return cueAboutEvidence([lower], reading.words, longAgoCue) ? null : reading;
}
const HYPOTHETICAL = new Set(['if', 'whether', 'incase', 'case', 'suppose', 'supposing', 'unless']);
const longAgoCue = (c: readonly string[], i: number): boolean => LONG_AGO.has(c[i]!) && c[i - 1] !== 'since' && !(c[i] === 'last' && c[i - 2] === 'since');
function readNow(lower: readonly string[], padded: string, fire: boolean, signs: boolean, house: boolean): HazardReading | null {
  if (fire) {
    const words = fireOrGasNow(lower, padded);
    if (words !== null) return { words, kind: kindOf(words) };
  }
  return (signs || fire ? coSigns(lower, padded) ?? gasByMeaning(lower, padded) : null) ?? (house ? houseHazard(lower, padded) : null);
}

function kindOf(words: string): HazardKind {
  if (/(?:^| )(?:monoxide|co)(?: |$)/.test(words)) return 'carbon monoxide';
  return /(?:^| )gas(?: |$)/.test(words) ? 'gas' : 'fire';
}

function fireOrGasNow(lower: readonly string[], padded: string): string | null {
  const burning = affirmedMatch(BURNING_NOW, lower, padded);
  if (burning !== null && !figurative(lower, padded, burning[0])) return burning[0].trim();
  const hazard = affirmedMatch(HAZARD, lower, padded);
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
 * The first match of `re` in `padded` whose hazard is not negated where it is named (negatedAt), or null. (Each pattern
 * begins with a space or ^, so a match's first token is the one after its index.)
 */
const GLOBAL = new Map<RegExp, RegExp>();
function affirmedMatch(re: RegExp, lower: readonly string[], padded: string): RegExpExecArray | null {
  let g = GLOBAL.get(re);
  if (g === undefined) GLOBAL.set(re, (g = new RegExp(re.source, 'g')));
  g.lastIndex = 0;
  for (let m = g.exec(padded); m !== null; m = g.exec(padded)) {
    if (!negatedAt(lower, tokenAt(padded, m.index))) return m;
    g.lastIndex = m.index + 1;
  }
  return null;
}
function tokenAt(padded: string, index: number): number {
  let n = -1;
  for (let k = 0; k <= index; k++) if (padded.charCodeAt(k) === 32) n++;
  return Math.max(0, n);
}

/**
 * Session 49 (emerg5, hostile s49 M2): the hazard named at token `i` is negated: a negator right before it, past only
 * articles, "any", "sign of", and other hazard words joined by "or" ("no gas smell", "there's no smell of gas", "not on
 * fire", "isn't leaking gas", "no smoke or flames", "without any sign of fire"). A negator before a verb in between
 * negates the verb, not the hazard ("can't stop the smoke coming out", "can't put it out": not negated).
 */
const SCOPE_NEGATORS = negators(NOT_WORDS, 'without', 'nothing', 'none', 'nae');
const SCOPE_FILLER = new Set([
  'a', 'an', 'any', 'the', 'even', 'sign', 'signs', 'of', 'or', 'nor', 'hint', 'trace', 'real', 'actual', 'obvious', 'strong', 'bad',
  'smell', 'smells', 'smoke', 'flames', 'flame', 'fire', 'gas', 'sparks', 'fumes', 'leak', 'leaks', 'burning', 'really', 'actually',
]);
function negatedAt(lower: readonly string[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    const t = lower[k]!;
    if (SCOPE_NEGATORS.has(t)) return true;
    if (!SCOPE_FILLER.has(t)) return false;
  }
  return false;
}

/**
 * Session 49 (emerg5, hostile s49 H2): the hazard words typed with one slip ("smel", "smels", "gaz", "gass", "fier", "smok",
 * "flmaes", "burnig"), read as the words by hazardReading only: a letter left out (not the first), two neighbours swapped
 * (not the first), a letter doubled, a final "s" typed "z". Not a slip that is an English word ("sell", "sells", "fir",
 * "fames", "flame", "aight", "lea") nor one of three letters but "gaz" and "gsa" ("fre" is "free" as often).
 */
const HAZARD_VOCABULARY = ['gas', 'smell', 'smells', 'fire', 'smoke', 'smoking', 'flames', 'burning', 'ablaze', 'alight', 'leaking', 'monoxide'];
const SLIP_REAL_WORDS = new Set(['sell', 'sells', 'fir', 'fie', 'fames', 'flame', 'aight', 'lea', 'soke', 'smoe', 'leaing', 'burnin', 'smokin', 'leakin']);
const HAZARD_SLIPS: ReadonlyMap<string, string> = (() => {
  const out = new Map<string, string>();
  const vocabulary = new Set(HAZARD_VOCABULARY);
  const add = (slip: string, word: string) => {
    if (slip === word || vocabulary.has(slip) || SLIP_REAL_WORDS.has(slip) || out.has(slip)) return;
    if (slip.length < 4 && word !== 'gas') return;
    out.set(slip, word);
  };
  for (const w of HAZARD_VOCABULARY) {
    for (let i = 1; i < w.length; i++) add(w.slice(0, i) + w.slice(i + 1), w);
    for (let i = 1; i + 1 < w.length; i++) add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2), w);
    for (let i = 1; i < w.length; i++) add(w.slice(0, i + 1) + w.slice(i), w);
    if (w.endsWith('s')) add(`${w.slice(0, -1)}z`, w);
  }
  return out;
})();
function spelledHazardWords(toks: readonly string[]): string[] {
  return toks.map((t) => {
    const l = t.toLowerCase();
    return HAZARD_SLIPS.get(l) ?? l;
  });
}

/**
 * Session 49 (emerg5, hostile s49 H1): carbon monoxide by its signs: a fuel-burning appliance (a boiler, a gas fire, a
 * heater not said to be electric, a stove, a cooker or hob not said to be electric or induction, a gas oven, a log or wood
 * burner, a fireplace, a generator, a water or patio heater, a flue...) and a person or pet unwell now with a sign of
 * carbon monoxide: one strong sign (dizzy, a headache, feeling or being sick, drowsy, nauseous, throwing up, faint,
 * passed out, a pounding head) or two weaker ones (sleepy, ill, unwell, confused, lethargic, groggy...).
 * Not: a sign negated ("nobody feels dizzy"), asked of what might happen ("can a gas heater give you headaches?", "if",
 * "would", "I don't want anyone getting dizzy"), said as a figure ("sick of waiting", "sick about", "a real headache",
 * "the gas bill is giving me a headache", "dizzy spells"), an appliance not running or not there ("not working",
 * "broken", "packed in", "hasn't arrived"), a shopping question ("which heater ...", "recommend"), a story long ago ("last winter").
 */
const FUEL = new Set(['boiler', 'boilers', 'heater', 'heaters', 'stove', 'stoves', 'cooker', 'cookers', 'hob', 'hobs', 'fireplace', 'generator', 'furnace', 'aga', 'chiminea', 'bbq', 'barbecue', 'flue', 'chimney', 'burner', 'woodburner', 'paraffin', 'calor']);
/** After "gas", "coal", "open", "log", "wood", "oil", "paraffin": these are fuel appliances too ("gas fire", "gas oven"). */
const FUELLED = new Set(['fire', 'fires', 'oven', 'ovens', 'appliance', 'appliances', 'grill', 'ring', 'rings', 'lamp', 'lantern']);
const FUEL_BEFORE = new Set(['gas', 'coal', 'open', 'log', 'wood', 'oil', 'paraffin', 'kerosene', 'calor', 'propane', 'butane']);
/** Before a heater, hob or cooker: electric (no carbon monoxide). */
const ELECTRIC = new Set(['electric', 'electrical', 'fan', 'oil', 'infrared', 'halogen', 'convector', 'panel', 'storage', 'towel', 'radiator', 'ceramic', 'induction', 'immersion', 'plug', 'usb', 'desk', 'foot', 'heated']);
function fuelAt(lower: readonly string[], i: number): boolean {
  const t = lower[i]!;
  const prev = lower[i - 1] ?? '';
  if (FUELLED.has(t)) return FUEL_BEFORE.has(prev);
  if (!FUEL.has(t)) return false;
  return !ELECTRIC.has(prev) && !ELECTRIC.has(lower[i - 2] ?? '');
}
const SIGN_GATE = new Set([...FUEL, ...FUELLED, 'rotten', 'eggy', 'sulphur', 'sulfur', 'sulphurous', 'sulfurous']);
const STRONG_SIGNS = new Set([
  'dizzy', 'dizy', 'dizzey', 'dizziness', 'lightheaded', 'drowsy', 'drowsiness', 'headache', 'headaches', 'nauseous', 'nausea', 'nauseated',
  'queasy', 'vomiting', 'vomit', 'vomited', 'vomits', 'puking', 'fainted', 'faint', 'fainting', 'collapsed', 'unconscious', 'breathless', 'sick',
  'pounding', 'throwing', 'threw', 'thrown', 'passed',
]);
const WEAK_SIGNS = new Set(['sleepy', 'tired', 'ill', 'unwell', 'confused', 'lethargic', 'groggy', 'weak', 'woozy', 'poorly', 'coughing', 'wheezing']);
const SICK_FIGURE_AFTER = new Set(['of', 'about', 'to', 'with', 'and', 'leave', 'note', 'day', 'days', 'pay', 'joke', 'bag', 'bay']);
const FEEL_BEFORE = new Set(['feel', 'feels', 'feeling', 'felt', 'is', 'are', 'am', 's', 're', 'm', 'been', 'being', 'getting', 'got', 'all', 'both', 'so', 'very', 'really', 'quite', 'seriously', 'became', 'become', 'gone', 'went', 'go']);
/** In the five words before a sign or a smell: asked, feared or denied, not happening ("if", "could", "I don't want anyone getting dizzy"). */
const MAYBE = new Set(['if', 'whether', 'could', 'might', 'may', 'would', 'can', 'should', 'risk', 'prevent', 'avoid', 'not', 'never', 'unless', 'cause', 'causes', 'ever']);
const HEADACHE_ADJ = new Set(['real', 'total', 'massive', 'right', 'absolute', 'proper', 'complete', 'huge', 'big', 'major', 'bit', 'nightmare', 'such']);
const OBJECT = new Set(['me', 'us', 'him', 'her', 'them', 'everyone', 'everybody', 'you']);
const BE = new Set(['is', 's', 'was', 'been', 'be', 'are', 'were', 'becoming', 'what', 'such']);
const GIVE = new Set(['give', 'gives', 'giving', 'gave', 'given']);
/** The strength of the sign at `i` (2 strong, 1 weak, 0 none or a figure). */
function signAt(lower: readonly string[], i: number): number {
  const t = lower[i]!;
  const next = lower[i + 1] ?? '';
  const prev = lower[i - 1] ?? '';
  if (!STRONG_SIGNS.has(t) && !WEAK_SIGNS.has(t)) return 0;
  if (!affirmed(lower, i) || signNegated(lower, i)) return 0;
  if (lower.slice(Math.max(0, i - 5), i).some((w) => MAYBE.has(w))) return 0;
  // Session 50 (emerg8, hostile s50 M7): a habit of the past, "I used to feel dizzy on the old heater".
  if (lower.slice(Math.max(0, i - 5), i).some((w, k, a) => w === 'used' && a[k + 1] === 'to')) return 0;
  switch (t) {
    case 'sick':
      if (SICK_FIGURE_AFTER.has(next)) return 0;
      break;
    case 'ill':
    case 'faint':
      if (!FEEL_BEFORE.has(prev)) return 0;
      break;
    case 'dizzy':
      if (next === 'spells' || next === 'spell') return 0;
      break;
    case 'pounding':
      if (!lower.slice(Math.max(0, i - 3), i).some((w) => w === 'head' || w === 'heads')) return 0;
      break;
    case 'throwing':
    case 'threw':
    case 'thrown':
      if (next !== 'up') return 0;
      break;
    case 'passed':
      if (next !== 'out') return 0;
      break;
    case 'headache':
    case 'headaches':
      if (headacheAsFigure(lower, i)) return 0;
      break;
  }
  return STRONG_SIGNS.has(t) ? 2 : 1;
}
/** A negator before a run of signs joined by "or" / "and" ("nobody feels dizzy or sick", "no headaches or nausea"). */
const SIGN_LINK = new Set(['or', 'nor', 'and', 'feel', 'feels', 'feeling', 'felt', 'is', 'are', 'so', 'very', 'at', 'all', 'a', 'any', 'been', 'has', 'have', 'got']);
function signNegated(lower: readonly string[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
    const t = lower[k]!;
    if (NEGATORS.has(t)) return true;
    if (!SIGN_LINK.has(t) && !STRONG_SIGNS.has(t) && !WEAK_SIGNS.has(t)) return false;
  }
  return false;
}
/** "a real headache", "has been a headache", "the headache of returning it", "the bill is giving me a headache". */
function headacheAsFigure(lower: readonly string[], i: number): boolean {
  if (lower[i + 1] === 'of' || lower[i + 1] === 'to') return true;
  let k = i - 1;
  while (k >= 0 && HEADACHE_ADJ.has(lower[k]!)) k--;
  if (lower[k] !== 'a' && lower[k] !== 'an') return HEADACHE_ADJ.has(lower[i - 1] ?? '');
  let b = k - 1;
  if (OBJECT.has(lower[b] ?? '')) b--;
  if (BE.has(lower[b] ?? '')) return true;
  if (GIVE.has(lower[b] ?? '')) return !lower.slice(Math.max(0, b - 3), b).some((_, j) => fuelAt(lower, Math.max(0, b - 3) + j));
  return false;
}
/** The appliance is not running or not there: no carbon monoxide from it. */
const NOT_RUNNING = / (?:not working|broken|broke down|(?:packed|packing|given|gave|conked|conking) (?:in|up|out)|died|dead|kaput|on the blink|stopped working|will not (?:start|light|turn on|work|ignite)|(?:is|are) not on|not turned on|has not (?:arrived|come|been delivered)|have not (?:arrived|come)|not arrived|not been (?:fitted|installed|delivered)|still waiting|waiting for|taking (?:so long|ages|forever)|to arrive) /;
const SHOPPING = new Set(['which', 'recommend', 'recommended', 'suitable', 'stock', 'buy', 'buying', 'price', 'cheapest', 'compare']);
/** A question of what might happen, asked of nobody in particular ("can a gas heater give you headaches?"). */
const MODAL_START = new Set(['can', 'could', 'would', 'will', 'does', 'do', 'should', 'might', 'may', 'if', 'is', 'are']);
const OWN = new Set(['i', 'my', 'me', 'we', 'our', 'us', 'mine']);
function asked(lower: readonly string[]): boolean {
  return MODAL_START.has(lower[0] ?? '') && !lower.some((t) => OWN.has(t));
}
function coSigns(lower: readonly string[], padded: string): HazardReading | null {
  let appliance = -1;
  for (let i = 0; i < lower.length && appliance < 0; i++) if (fuelAt(lower, i)) appliance = i;
  if (appliance < 0) return null;
  if (NOT_RUNNING.test(padded) || lower.some((t) => SHOPPING.has(t)) || asked(lower) || ALRIGHT.test(padded)) return null;
  if (lower.some((t) => LAUGH.test(t))) return null;
  let strength = 0;
  let first = -1;
  for (let i = 0; i < lower.length && strength < 2; i++) {
    const s = signAt(lower, i);
    if (s === 0) continue;
    if (first < 0) first = i;
    strength += s;
  }
  if (strength < 2) return null;
  const name = FUELLED.has(lower[appliance]!) ? `${lower[appliance - 1]} ${lower[appliance]}` : lower[appliance]!;
  return { words: `${name} ... ${lower[first]}`, kind: 'carbon monoxide signs' };
}

/**
 * Session 49 (emerg5, hostile s49 H2): a gas leak said without "gas": a smell of rotten eggs or sulphur (what gas is made
 * to smell of) at a gas appliance, a pipe, a meter, a cylinder or with a leak or a hiss ("the hob is leaking, smells like
 * rotten eggs", "strong sulphur smell round the boiler pipe"); a gas appliance hissing or leaking that smells ("the cooker
 * is hissing and there's a funny smell"). Not rotten eggs without a smell or a gas thing (the eggs in a food order), not
 * asked ("what should I do if the hob ever smells of rotten eggs?"), negated, long ago or over.
 */
const EGG = / (?:rotten eggs?|eggy|sulphur|sulfur|sulphurous|sulfurous) /;
const SMELL_WORDS = new Set(['smell', 'smells', 'smelling', 'smelt', 'smelled', 'stink', 'stinks', 'stinking', 'stench', 'whiff', 'odour', 'odor', 'reek', 'reeks', 'reeking', 'eggy']);
const GAS_THING = new Set(['pipe', 'pipes', 'meter', 'cylinder', 'cylinders', 'canister', 'bottle', 'valve', 'leak', 'leaking', 'leaks', 'hissing', 'hisses', 'hiss']);
const HISS = new Set(['hissing', 'hisses', 'hiss', 'leaking', 'leaks']);
function gasByMeaning(lower: readonly string[], padded: string): HazardReading | null {
  if (!lower.some((t) => SMELL_WORDS.has(t)) || asked(lower) || ALRIGHT.test(padded) || lower.some((t) => LAUGH.test(t))) return null;
  if (EARLIER.test(padded) && !lower.some((t) => NOW_WORDS.has(t))) return null;
  const fuel = lower.some((_, i) => fuelAt(lower, i));
  const egg = affirmedMatch(EGG, lower, padded);
  if (egg !== null && (fuel || lower.some((t) => GAS_THING.has(t)))) {
    const before = lower.slice(Math.max(0, tokenAt(padded, egg.index) - 6), tokenAt(padded, egg.index));
    if (!before.some((t) => MAYBE.has(t))) return { words: egg[0].trim() === 'eggy' ? 'eggy smell' : `smell of ${egg[0].trim()}`, kind: 'gas' };
  }
  const hiss = lower.findIndex((t, i) => HISS.has(t) && affirmed(lower, i) && !lower.slice(Math.max(0, i - 5), i).some((w) => MAYBE.has(w)));
  if (fuel && hiss >= 0) {
    const smell = lower.findIndex((t, i) => SMELL_WORDS.has(t) && affirmed(lower, i));
    if (smell >= 0) return { words: `${lower[hiss]} ... ${lower[smell]}`, kind: 'gas' };
  }
  return null;
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
  // Session 50 (emerg7): "the deals are sparking joy", "sparks of inspiration": a figure.
  if (/ spark/.test(` ${words}`) && / (?:sparking|sparks|spark) (?:joy|interest|ideas|inspiration|conversation|debate|curiosity|excitement)/.test(padded)) return true;
  if (/ burning /.test(words) && / burning hot /.test(padded)) return true;
  // Session 50 (emerg8, hostile s50 M7): "smoking hot", "smoking deal": praise, not smoke.
  if (/ smoking /.test(` ${words} `) && / smoking (?:hot|deal|deals|price|prices|offer|look|looks)\b/.test(padded)) return true;
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
  // Session 49 (emerg5, hostile s49 M2): "my inbox is on fire", "my phone has been on fire with notifications".
  'inbox', 'emails', 'email', 'notifications', 'notifs', 'dms', 'messages', 'mentions', 'phone', 'comments', 'replies',
  'followers', 'service', 'guys', 'you', 'u', 'ya', 'yall', 'we', 'i', 'im', 'everyone', 'everybody', 'game', 'form', 'season', 'quarter',
  'month', 'year', 'week', 'summer', 'tiktok', 'instagram', 'insta', 'socials', 'ads', 'marketing', 'orders', 'bookings', 'signups',
]);
const FIRE_TIME = new Set(['week', 'month', 'year', 'season', 'quarter', 'summer']);
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
    // (Session 50, emerg8: a span of time right before "on fire" dates the fire, "the heater I got last week on fire!!"; said
    // as the subject it is linked, "this month has been on fire".)
    const dated = k === i - 1 && FIRE_TIME.has(toks[k] ?? '') && /^(?:last|this|that|the|a|one|next)$/.test(toks[k - 1] ?? '') && toks.slice(0, k - 1).some((t) => /^(?:got|bought|ordered|purchased|received|delivered|arrived|sent|came)$/.test(t));
    if ((k >= 0 && FIRE_FIGURE_SUBJECT.has(toks[k]!) && !dated) || FIRE_SPAN.test(` ${toks.slice(i).join(' ')} `) || FIRE_PRAISE.test(padded) || toks.some((t) => LAUGH.test(t))) out.push(i);
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
  const kind = hazardReading(toks)?.kind;
  return kind === 'gas' ? 'gas' : kind === 'carbon monoxide' || kind === 'carbon monoxide signs' ? 'carbon monoxide' : null;
}

/**
 * Session 50 (emerg7, hostile s49 H3, M5, M12): a live hazard in the home that is no fire yet, read by meaning (two facts
 * that make the danger, not a phrase), each its own kind with its own safety line:
 *  - electrics: water reaching something electrical ("water is in the plug sockets", "water pouring onto the electrics",
 *    "the extension lead is sitting in a puddle", "water coming through the ceiling into the light, it's buzzing"): a word
 *    of water and a word of the electrics within six words, nothing negating the contact ("nowhere near the sockets");
 *    or something electrical overheating with a second sign ("the plug is melting and there's a burning smell", "the
 *    extension lead smells of burning and is very hot", "it's crackling and the plug is scorching hot");
 *  - battery: a battery (a power bank, an e-bike's) with two signs of failing, one of them swelling, hissing or smoke
 *    ("swelling and hot to touch, it's hissing", "bulging and making a hissing noise", "puffed up and crackling");
 *  - smoke alarm: a smoke or fire alarm going off now with a smell of smoke or burning, no cause found, or going on for
 *    minutes ("has been going off for 10 minutes and I can't find where it's coming from");
 *  - ceiling: a ceiling sagging, bulging, cracking or coming down ("water everywhere and the ceiling is sagging");
 *  - gas flame: a gas hob, cooker or burner that will not turn off, or its flame out of control ("the gas hob won't turn
 *    off and the flame is huge").
 * Not (hazardReading's guards, then these): over or long ago, asked ("is it normal for the charger to get warm?", "what
 * should I do if a battery starts to swell?"), negated ("the battery is not swollen or hot"), a laugh, a shopping
 * question, a fault with its cause said ("beeps every minute, the battery is low", "goes off every time I make toast").
 */
const WATER = new Set(['water', 'leak', 'leaks', 'leaking', 'leaked', 'flooded', 'flooding', 'flood', 'floods', 'puddle', 'puddles', 'pouring', 'soaked', 'soaking', 'dripping', 'wet', 'watr', 'flooding']);
// (Not "switch": "the automatic switch off when water boils" names a kettle's feature, escrfEval w22-279.)
const ELECTRIC_THING = new Set(['socket', 'sockets', 'plug', 'plugs', 'electrics', 'electric', 'electrical', 'electricity', 'wiring', 'wires', 'wire', 'fusebox', 'fuse', 'light', 'lights', 'lamp', 'lead', 'leads', 'cable', 'cables', 'outlet', 'outlets', 'extension', 'adapter', 'adaptor', 'charger', 'powerstrip']);
/** Electric things that are the hot, burning part (not "light": a light is meant to be hot). */
const HOT_PART = new Set(['socket', 'sockets', 'plug', 'plugs', 'wiring', 'wires', 'wire', 'fuse', 'fusebox', 'lead', 'leads', 'cable', 'cables', 'outlet', 'outlets', 'extension', 'adapter', 'adaptor', 'switch', 'charger', 'electrics']);
const HEAT = new Set(['hot', 'melting', 'melted', 'scorching', 'boiling', 'roasting', 'smouldering', 'smoldering', 'glowing']);
const BURN_SOUND = new Set(['crackling', 'buzzing', 'fizzing', 'sparking', 'sparks', 'smoking', 'popping', 'hissing', 'arcing', 'flickering']);
const BURNT_SMELL = / (?:burning|burnt|burned|burn|melting|melted|smoky|electrical|fishy) (?:plastic )?(?:smell|smells|odour|odor|stink)| (?:smell|smells|smelling|stinks|stink|smelt|smelled) (?:of|like) (?:burning|burnt|burned|burn|melting|melted|smoke|hot plastic|plastic)/;
const CUT_OFF = new Set(['nowhere', 'not', 'no', 'never', 'away', 'far']);
const BATTERY = new Set(['battery', 'batteries', 'powerbank', 'bank', 'cell', 'cells']);
const SWELL = new Set(['swelling', 'swollen', 'swelled', 'swell', 'swells', 'bulging', 'bulge', 'bulged', 'bulges', 'puffed', 'puffy', 'puffing', 'expanding', 'expanded', 'ballooning', 'ballooned', 'bloated', 'bloating']);
const BATTERY_SIGN = new Set([...HEAT, 'hissing', 'hiss', 'hisses', 'crackling', 'popping', 'smoking', 'smoke', 'fizzing', 'noise', 'noises', 'sizzling', 'leaking']);
const ALARM_THING = / (?:smoke|fire|heat) (?:alarm|alarms|detector|detectors)| alarm /;
const GOING_OFF = / (?:going off|gone off|went off|goes off|keeps going off|sounding|ringing|beeping|screaming|will not stop|won t stop|not stopping|keeps going)/;
const NO_CAUSE = / (?:can not|could not|cant|unable to) (?:find|see|tell|work out|figure out|spot|locate)| no idea (?:where|why|what)| (?:do not|dont) know (?:where|why|what)| no (?:reason|cause|sign)/;
const FOR_A_WHILE = / for (?:\d+|ten|five|fifteen|twenty|thirty|a few|few|ages|hours|an hour|a while|so long|the last) /;
const SMOKE_SMELL = / (?:smell|smells|smelling) (?:of |like )?(?:smoke|burning|something burning)| (?:burning|smoky) smell| smoke /;
/** A fault with its cause said, or a habit: no danger ("the battery is low", "every time I make toast"). */
const ALARM_FAULT = / (?:battery|batteries) (?:is |are |must be |s )?(?:low|dying|flat|dead|running out)| low battery| every (?:time|morning|night|day|minute)| whenever | when i (?:cook|make|shower|open|use)| (?:cooking|toast|steam|shower)/;
const CEILING = new Set(['ceiling', 'ceilings', 'roof']);
const FAILING = / (?:sagging|sags|sagged|bulging|bowing|bowed|collapsing|collapsed|caving|caved|cracking|cracked|dropping|falling down|falling in|coming down|coming in|giving way|started to crack|starting to crack|about to (?:fall|collapse|come down|give way))/;
const NOT_OFF = / (?:will not|won t|can not|cant|could not|unable to|not) (?:turn|switch|shut|go|put|get)(?: it| them| the \w+)? (?:off|out)| (?:can not|cant|could not|unable to) (?:turn|switch|shut) (?:the |it |them )?(?:\w+ )?(?:\w+ )?off/;
const BIG_FLAME = / (?:flame|flames) (?:is |are |s |keeps |keep )?(?:getting |going )?(?:huge|massive|enormous|bigger|big|higher|out of control|everywhere|really high|very high|tall|taller|up the wall|shooting)/;

function houseHazard(lower: readonly string[], padded: string): HazardReading | null {
  // Asked of nobody in particular ("is it normal for the charger to get warm?"), or what to do if ("what should I do if a
  // battery starts to swell?"); not a plea ("can you help, the sockets are full of water").
  const plea = /^(?:you|someone|somebody|anyone|anybody|not)$/.test(lower[1] ?? '');
  if (QUESTION_START.has(lower[0] ?? '') && !plea && (!lower.some((t) => OWN.has(t)) || lower.includes('if'))) return null;
  if (lower.some((t) => LAUGH.test(t) || SHOPPING.has(t)) || ALRIGHT.test(padded)) return null;
  if (EARLIER.test(padded) && !lower.some((t) => NOW_WORDS.has(t))) return null;
  if (/ (?:mopped|cleaned|dried|dry now|all dry|sorted now|fixed)/.test(padded)) return null;
  // Dealt with: unplugged, put outside, switched off (escrfEval set-n-116, w14-367, w28-142, w36-384).
  if (DEALT.test(padded)) return null;
  return electrics(lower, padded) ?? battery(lower, padded) ?? smokeAlarm(lower, padded) ?? ceiling(lower, padded) ?? gasFlame(lower, padded);
}
const maybeBefore = (lower: readonly string[], i: number): boolean => lower.slice(Math.max(0, i - 5), i).some((w) => MAYBE.has(w) && w !== 'not' && w !== 'never');
function electrics(lower: readonly string[], padded: string): HazardReading | null {
  for (let i = 0; i < lower.length; i++) {
    if (!WATER.has(lower[i]!) || negatedAt(lower, i) || !affirmed(lower, i) || maybeBefore(lower, i)) continue;
    for (let j = Math.max(0, i - 6); j < Math.min(lower.length, i + 7); j++) {
      if (j === i || !ELECTRIC_THING.has(lower[j]!)) continue;
      const between = lower.slice(Math.min(i, j) + 1, Math.max(i, j));
      if (between.some((t) => CUT_OFF.has(t) || t === 'but')) continue;
      // "electric" is a thing only as "the electric(s)": "electric shower leaking" is a leak of a named product.
      if (lower[j] === 'electric' && lower[j + 1] !== undefined && lower[j + 1] !== 'and' && !WATER.has(lower[j + 1]!)) continue;
      return { words: i < j ? `${lower[i]} ... ${lower[j]}` : `${lower[j]} ... ${lower[i]}`, kind: 'electrics' };
    }
  }
  const part = lower.findIndex((t) => HOT_PART.has(t));
  if (part < 0) return null;
  const heat = lower.findIndex((t, i) => HEAT.has(t) && affirmed(lower, i) && !maybeBefore(lower, i) && !(t === 'hot' && /^(?:water|tea|drink|chocolate|tub|weather)$/.test(lower[i + 1] ?? '')));
  const sound = lower.findIndex((t, i) => BURN_SOUND.has(t) && affirmed(lower, i) && !maybeBefore(lower, i));
  const smell = affirmedMatch(BURNT_SMELL, lower, padded);
  const smellOk = smell !== null && !maybeBefore(lower, tokenAt(padded, smell.index));
  const count = (heat >= 0 ? 1 : 0) + (sound >= 0 ? 1 : 0) + (smellOk ? 1 : 0);
  if (count < 2 && !(lower[heat] === 'melting' || lower.some((t, i) => (t === 'sparking' || t === 'smoking') && affirmed(lower, i)))) return null;
  if (count < 1) return null;
  const sign = [heat >= 0 ? lower[heat] : null, sound >= 0 ? lower[sound] : null, smellOk ? smell![0].trim() : null].filter(Boolean).join(' ... ');
  if (!goingOn(lower)) return null;
  return { words: `${lower[part]} ... ${sign}`, kind: 'overheating' };
}
function battery(lower: readonly string[], _padded: string): HazardReading | null {
  const at = lower.findIndex((t, i) => BATTERY.has(t) && (t !== 'bank' || lower[i - 1] === 'power') && (t !== 'cell' || lower[i - 1] !== 'prison'));
  if (at < 0) return null;
  const signs: string[] = [];
  let strong = false;
  for (let i = 0; i < lower.length; i++) {
    const t = lower[i]!;
    const swell = SWELL.has(t) || (t === 'big' && /^(?:become|became|getting|got|gone|going|grown)$/.test(lower[i - 1] ?? ''));
    if (!swell && !BATTERY_SIGN.has(t)) continue;
    if (!affirmed(lower, i) || negatedAt(lower, i) || maybeBefore(lower, i)) continue;
    if ((t === 'noise' || t === 'noises') && !/^(?:making|make|makes|made|a|strange|weird|funny)$/.test(lower[i - 1] ?? '')) continue;
    if (t === 'leaking' && !lower.slice(i + 1, i + 3).some((w) => w === 'acid' || w === 'fluid' || w === 'liquid')) continue;
    if (swell || t === 'hissing' || t === 'hiss' || t === 'hisses' || t === 'smoking' || t === 'smoke' || t === 'crackling' || t === 'popping' || t === 'sizzling') strong = true;
    signs.push(t);
  }
  if (!strong || signs.length < 2 || !goingOn(lower)) return null;
  return { words: `${lower[at]} ... ${signs.slice(0, 2).join(' ... ')}`, kind: 'battery' };
}
function smokeAlarm(lower: readonly string[], padded: string): HazardReading | null {
  const alarm = ALARM_THING.exec(padded);
  if (alarm === null || !/smoke|fire|heat/.test(alarm[0]) && !lower.some((t) => t === 'smoke' || t === 'burning')) return null;
  const off = GOING_OFF.exec(padded.slice(alarm.index));
  if (off === null || negatedAt(lower, tokenAt(padded, alarm.index + off.index))) return null;
  if (ALARM_FAULT.test(padded)) return null;
  const why = NO_CAUSE.exec(padded) ?? affirmedMatch(SMOKE_SMELL, lower, padded.slice(0, alarm.index) + ' '.repeat(alarm[0].length) + padded.slice(alarm.index + alarm[0].length)) ?? FOR_A_WHILE.exec(padded);
  if (why === null) return null;
  return { words: `${alarm[0].trim()} ${off[0].trim()} ... ${why[0].trim()}`, kind: 'smoke alarm' };
}
function ceiling(lower: readonly string[], padded: string): HazardReading | null {
  const at = lower.findIndex((t) => CEILING.has(t));
  if (at < 0) return null;
  const fail = FAILING.exec(padded.slice(padded.indexOf(` ${lower[at]} `)));
  if (fail === null) return null;
  const i = tokenAt(padded, padded.indexOf(` ${lower[at]} `) + fail.index);
  if (negatedAt(lower, i) || !affirmed(lower, i) || maybeBefore(lower, i)) return null;
  // ("roof" only with water: "the roof is leaking and the ceiling ..."; a cracked ceiling alone needs water too.)
  const water = lower.some((t) => WATER.has(t));
  if ((lower[at] === 'roof' || /crack/.test(fail[0])) && !water) return null;
  return { words: `${lower[at]} ${fail[0].trim()}`, kind: 'ceiling' };
}
function gasFlame(lower: readonly string[], padded: string): HazardReading | null {
  const appliance = lower.findIndex((_, i) => fuelAt(lower, i) || (lower[i] === 'gas' && /^(?:hob|cooker|burner|ring|rings|stove|oven|fire|grill|heater)$/.test(lower[i + 1] ?? '')));
  const gas = lower.includes('gas');
  if (appliance < 0 && !gas) return null;
  const notOff = NOT_OFF.exec(padded);
  const big = affirmedMatch(BIG_FLAME, lower, padded);
  if (notOff === null && big === null) return null;
  if (!gas && big === null) return null;
  return { words: [notOff?.[0].trim(), big?.[0].trim()].filter(Boolean).join(' ... '), kind: 'gas flame' };
}
const DEALT = / (?:unplugged|put (?:it|them) (?:outside|out|in the)|took (?:it|them) outside|switched (?:it |them )?off|turned (?:it |them )?off|in the (?:shed|garden|bin)|outside now|on the side now)/;
/**
 * Going on as typed, not a story told after ("the power bank swelled up and got really hot in my bag", "started sparking
 * when I plugged it in"): a form of "be" now, "keeps", "still", "now", or a sign in -ing not after "started" / "was".
 */
const PRESENT = new Set(['is', 'are', 'am', 'keeps', 'keep', 'still', 'now', 'currently', 'smells', 'stinks', 'feels', 'getting']);
function goingOn(lower: readonly string[]): boolean {
  return lower.some((t, i) => PRESENT.has(t) || (t.length > 5 && t.endsWith('ing') && (SWELL.has(t) || BATTERY_SIGN.has(t) || BURN_SOUND.has(t) || HEAT.has(t)) && !/^(?:started|starting|began|was|were|been|stopped|start)$/.test(lower[i - 1] ?? '')));
}
const HOUSE_GATE = new Set([...WATER, ...ELECTRIC_THING, ...BATTERY, 'alarm', 'alarms', 'detector', 'ceiling', 'ceilings', 'roof', 'flame', 'flames', 'gas']);
