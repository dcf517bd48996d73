/**
 * Self-harm / crisis: a customer who says they may harm themselves goes to a person at once, as urgency, whatever else
 * the message says. Session 24 (hostile s24 #1 rest) added the phrases inside detectUrgency's happening-now checks;
 * session 25 (review of session 24) made it a concept of its own, named where it shows: the urgency explanation says
 * "self-harm / crisis", Flow settings > Escalation > Urgency shows SELF_HARM_NOTE (read-only: the phrases are built in,
 * a designer adds wordings of their own to Urgency's phrases or examples), and README / docs/escalation.md say what it
 * covers (SELF_HARM_COVERS).
 *
 * Read before the designer's phrases, deadlines and every other urgency rule, and not taken back by calm words ("no
 * rush") or by a change of subject ("... anyway, where is my order?"), which other urgent words are. Part of Urgency: a flow that switches Urgency (or the whole policy) off switches this off too. Pure.
 */
import type { TextAnalysis } from '../nlu/types';
import { normalizeText } from '../nlu/normalizeText';
import { canonicalTokens, canonicalizeText, canonicalizeTokens, hasGateWord, paddedTokens, tokenGate } from './canonicalTokens';

/** The concept's name, as explanations, the studio and the docs say it. */
export const SELF_HARM_NAME = 'self-harm / crisis';

/** What the built-in phrases cover, in a designer's words (the studio's note and the docs). */
export const SELF_HARM_COVERS =
  '"I\'m suicidal", "thinking about suicide", "I want to kill myself", "cutting myself", "self-harm", "end my life", ' +
  '"end it all", "ending everything", "I want to die", "I wish I were dead", "I don\'t want to live anymore", "no reason to live", "I can\'t go on", ' +
  '"hang myself", "take all my pills", "I want to overdose", "jump off a bridge", "nobody would miss me if I was gone", ' +
  '"kms", "unalive myself", "je veux mourir", "quiero morir", "ich will sterben", also typed without spaces ("killmyself", "iwanttodie")';

/** What they leave alone (other senses: exasperation, negation, jokes, titles, accidents; not a person at risk). */
export const SELF_HARM_LEAVES =
  '"kill me now" after bad service, "not suicidal, just annoyed", "kill myself laughing", "to die for", ' +
  '"take my life savings", "cut myself on the packaging", "the Suicide Squad DVD", "the song Kill Myself by Suicideboys", ' +
  '"a world I don\'t want to live in"';

/** The read-only note under Flow settings > Escalation > Urgency. */
export const SELF_HARM_NOTE =
  `Built in, always urgent (${SELF_HARM_NAME}): a customer who says they may harm themselves, such as ${SELF_HARM_COVERS}, ` +
  `is handed over at once, whatever else the message says (not ${SELF_HARM_LEAVES}). Add other wordings your customers use ` +
  'to Extra urgent phrases or Examples. Switching Urgency off switches this off too.';

/**
 * Session 25 (crisis, hostile s25 #2-#4): the phrases are branches, each with the words it cannot match without; the
 * gate is the union of those words (it lacked "alive" and "harming", so two branches never fired), and a check at load
 * says every branch's words are in its own pattern. A branch may name what makes a match another sense: the words after
 * it (notAfter: "kill myself laughing", "take my life savings", "cut myself a slice / on the packaging", "going to die
 * if this doesn't arrive") or before it (notBefore: "accidentally cut myself", "the battery is going to die"). Every
 * match is also left alone after "not" / "never" ("not suicidal", "would never kill myself"), as a title (a song, book
 * or film named right before it, or "by <artist>" / "on vinyl" right after it where the message names a work), and,
 * for wanting to die or kill oneself, when the message goes straight on to praise something ("I want to die, this sale
 * is so good"). Only clearly other senses are taken out: a false handover is far cheaper than a missed crisis.
 */
export interface SelfHarmBranch {
  /** What it covers, for the tests. */
  readonly name: string;
  /** Canonical tokens: a match has at least one of them (the gate). */
  readonly words: readonly string[];
  /** Pattern over padded canonical tokens, without the spaces around it. */
  readonly re: string;
  /** Read on the text right after the match (starting with its space): a match followed by this is another sense. */
  readonly notAfter?: string;
  /** Read on the text right before the match (ending with a space). */
  readonly notBefore?: string;
  /** Hyperbole: a praise clause after it takes it back ("I want to die, this sale is so good"). */
  readonly hyperbole?: boolean;
}

const MYSELF = '(?:myself|my self|meself|myslef)';
const DIE_OF = 'of (?:happiness|joy|laughter|laughing|embarrassment|shame|boredom|excitement|cringe|cuteness|envy|jealousy|hunger|thirst|old age|natural causes)';
const SELF_HARM_BRANCHES: readonly SelfHarmBranch[] = [
  { name: 'suicidal', words: ['suicidal', 'suicidial', 'sucidal', 'suicidle'], re: '(?:suicidal|suicidial|sucidal|suicidle)' },
  {
    name: 'suicide',
    words: ['suicide'],
    re: '(?:commit|committing|thinking of|thinking about|considering|contemplating|attempt|attempted|attempting|planning) suicide',
  },
  {
    name: 'harming oneself',
    words: ['myself', 'self', 'meself', 'myslef'],
    re: `(?:kill|kil|killl|killing|hurt|hurting|harm|harming|cut|cutting|hang|hanging|shoot|shooting|stab|stabbing|poison|poisoning|starve|starving|strangle|strangling|unalive|unaliving) ${MYSELF}|(?:to|will|ill|i|just|should|could|might) off ${MYSELF}`,
    notAfter:
      '^ (?:laughing|laughin|a (?!lot )|an |some |in the foot|on (?:the|a|an|your|this|that|its|it|some|one|broken|sharp|glass|paper) (?!(?:wrist|wrists|arm|arms|leg|legs|thigh|thighs|stomach|body|skin|face|hip|hips) )|while |when |by accident|accidentally|opening|assembling|unpacking|unboxing|using|shaving|cooking|installing|lifting|carrying|building|moving|putting|setting up|trying to|cleaning|fixing|chopping|slicing)',
    notBefore: ' (?:accidentally|accidently|nearly|almost) $',
    hyperbole: true,
  },
  { name: 'self-harm', words: ['self', 'selfharm', 'selfharming', 'selfharmed'], re: '(?:self harm(?:ing|ed|s)?|selfharm|selfharming|selfharmed)' },
  {
    name: 'ending my life',
    words: ['life'],
    re: '(?:end|ending|take|taking) my (?:own )?life',
    notAfter: '^ (?:savings|insurance|assurance|policy|story|back|in my|into my|cover|plan|subscription|membership)',
  },
  {
    // Session 30 (hostile s29 H7): "i feel like ending everything" too; "ending everything on my account" is not it.
    name: 'end it all',
    words: ['all', 'everything'],
    re: '(?:end|ending) (?:it all|everything)',
    notAfter:
      '^ (?:on|in|at|about|related|to do with|linked|connected|associated) |^ with (?:you|(?:this|your|the|that) (?:company|bank|account|subscription|service|shop|store|brand|business|provider|contract|membership|plan|app|website|site|firm|airline|order|supplier|retailer|seller|network))',
  },
  {
    name: 'wanting to die',
    words: ['die'],
    re: '(?:want|wanting|ready|wish|plan|planning) to die',
    notAfter: `^ (?:${DIE_OF}|laughing|happy|inside|on this hill)`,
    hyperbole: true,
  },
  {
    // "going to die if this doesn't arrive" / "... for this dress" is hyperbole; "I want to die. If ..." is not (the
    // tokens have no full stops), so "if" / "for" excuse only this branch.
    name: 'going to die',
    words: ['die'],
    re: '(?:going|about) to die',
    notAfter: `^ (?:${DIE_OF}|for |if |laughing|happy|inside|on this hill)`,
    notBefore:
      ' (?:battery|batteries|phone|phones|laptop|plant|plants|flowers|car|bulb|bulbs|light|lights|fish|it|this|that|they|charger|device|tablet|headphones|earbuds|engine|motor|tree|trees) (?:is|are|will be|will) $',
    hyperbole: true,
  },
  {
    name: 'wishing to be dead',
    words: ['dead', 'alive', 'born'],
    re: '(?:wish i (?:was|were|had been) dead|wish i (?:was|were) not alive|wish i (?:was|had) never (?:been )?born|rather be dead|better off dead|want to be dead)',
    notAfter: '^ than (?!alive|live|living|go on|be alive|carry on)',
  },
  {
    name: 'not wanting to live',
    words: ['live', 'alive', 'living', 'exist'],
    re: '(?:do not|don t|dont) want to (?:live|be alive|be living|go on living|exist)',
    notAfter: '^ (?:in |there |here |with |like |near |on |at |without (?:this|these|that|it|your) )',
  },
  {
    name: 'no reason to live',
    words: ['live', 'living', 'alive', 'life'],
    re: '(?:no reason to live|nothing to live for|not worth living|no point (?:in )?living|no point in life|tired of living|tired of being alive|sick of being alive)',
  },
  {
    name: 'cannot go on',
    words: ['go'],
    re: '(?:can not|cannot) go on',
    notAfter:
      '^ (?:holiday|holidays|vacation|a |an |the |your |my |it |that |this |there |line |online|website|site|trip|tour|stage|leave|paying|waiting|using|ordering|buying|shopping|calling|chasing|with (?:this|your|the|that|you|these)|twitter|facebook|instagram|tiktok|google|amazon|ebay|app)',
  },
  {
    name: 'kms',
    words: ['kms'],
    re: 'kms',
    notBefore: ' (?:\\d[\\d.,]*|few|many|some|several|hundred|hundreds|thousand|thousands|ten|twenty|thirty|fifty|more|less|extra|the|of|in|per|few) $',
    notAfter: '^ (?:away|from|of|per|radius|range|distance|drive|north|south|east|west|long|further|more|each|to the|on the clock|driven|done|a day|an hour)',
  },
  { name: 'unalive', words: ['unalive', 'unaliving'], re: '(?:want to|going to|thinking about|thinking of|ready to) (?:unalive|unaliving)' },
  {
    name: 'overdose',
    words: ['overdose', 'overdosing', 'od', 'overdosed'],
    re: '(?:(?:want to|going to|about to|planning to|plan to|thinking of|thinking about|ready to|i will|ill|i might|try to|trying to) (?:overdose|overdosing|od)|i (?:have )?overdosed|(?:took|taken|take) an overdose)',
  },
  {
    name: 'taking all my pills',
    words: ['pills', 'tablets', 'meds', 'medication', 'medications', 'medicine', 'painkillers', 'paracetamol'],
    re: '(?:take|taking|swallow|swallowing|swallowed) (?:all|all of|the whole bottle of|a whole bottle of|a bottle of|a handful of|handfuls of|every one of|every) (?:my |the |these |those )?(?:pills|tablets|meds|medication|medications|medicine|painkillers|sleeping pills|paracetamol)',
  },
  {
    name: 'jumping',
    words: ['jump', 'jumping', 'front'],
    re: '(?:(?:jump|jumping) (?:off|from) (?:a|the|my|this) (?:bridge|roof|building|cliff|balcony|tower|window|ledge|overpass|car park|parking garage)|(?:jump|jumping|throw myself|step) in front of (?:a|the) (?:train|bus|car|truck|lorry|tube))',
    notBefore: ' (?:you|u|go|should|tell him to|tell her to|he|she|they|everyone|if everyone) $',
  },
  {
    name: 'nobody would miss me',
    words: ['miss', 'care', 'notice', 'without'],
    re: '(?:(?:nobody|no one|noone) would (?:miss me|care if i (?:died|was gone|were gone|was dead|disappeared)|notice if i (?:died|was gone|were gone|disappeared))|(?:would|will) (?:all )?be better off without me)',
  },
  {
    name: 'another language',
    words: ['mourir', 'suicider', 'tuer', 'morir', 'morirme', 'suicidarme', 'suicidar', 'matarme', 'sterben', 'umbringen', 'leben', 'morire', 'uccidermi', 'morrer', 'matar'],
    re: '(?:je veux mourir|envie de mourir|me suicider|je vais me tuer|je veux me tuer|quiero morirme|quiero morir|me quiero morir|quiero suicidarme|me voy a suicidar|quiero matarme|voy a matarme|ganas de morirme|ganas de morir|ich will sterben|ich mochte sterben|ich möchte sterben|mich umbringen|bringe mich um|ich will nicht mehr leben|voglio morire|voglio uccidermi|quero morrer|quero me matar|vou me matar)',
  },
];

for (const b of SELF_HARM_BRANCHES) {
  for (const w of b.words) if (!b.re.includes(w)) throw new Error(`selfHarm.ts: branch "${b.name}" names "${w}", which its pattern does not hold`);
}

/** Canonical tokens one of the phrases needs: without any of them the regex is skipped (most messages). */
const SELF_HARM_WORDS = tokenGate(new Set(SELF_HARM_BRANCHES.flatMap((b) => b.words)));
/** The phrases, on padded canonical tokens ("don t" is "don't"); group i+1 is branch i. */
const SELF_HARM = new RegExp(` (?:${SELF_HARM_BRANCHES.map((b) => `(${b.re})`).join('|')})(?= )`, 'g');
const NOT_AFTER = SELF_HARM_BRANCHES.map((b) => (b.notAfter ? new RegExp(b.notAfter) : null));
const NOT_BEFORE = SELF_HARM_BRANCHES.map((b) => (b.notBefore ? new RegExp(b.notBefore) : null));
/** "not suicidal", "would never kill myself", "not going to hurt myself" (not "can not stop thinking about suicide"). */
const NEGATED = / (?:not|never)(?: (?:ever|really|actually|even|seriously|going to|planning to|about to|trying to|been|feeling|a|i am|am))* $/;
/** A work named right before it ("my favourite song is Kill Myself", "the book How to End It All"). */
const MEDIA = '(?:song|songs|track|tracks|tune|album|albums|single|record|vinyl|lp|cd|dvd|book|books|novel|film|movie|show|series|episode|poem|play|game|title|lyrics|playlist|poster|band|artist|singer|rapper)';
const TITLE_BEFORE = new RegExp(` ${MEDIA}(?: (?:called|titled|named|is|was)(?: i| i am)?| how to| the| a)* $`);
/** ... or right after it: "Kill Myself by Suicideboys", "I Want to Die on vinyl", "... in stock". */
const TITLE_AFTER = /^ (?:by (?!(?:\w+ing|taking|jumping|hanging|cutting|overdosing)\b)|on (?:vinyl|cd|dvd|blu ray|cassette|lp|spotify|youtube|netflix|itunes|apple music)|in stock)/;
const MEDIA_WORD = new RegExp(` ${MEDIA} | in stock | on vinyl `);
/** "..., this sale is so good": praise straight after hyperbole. */
const PRAISE_AFTER =
  /^ (?:(?:and |but )?(?:this|that|it|these|they|the|your|ur)(?: \w+)? (?:is|are|looks|look|was|were|tastes|smells|sounds) (?:so |too |just |really |soo+ |sooo+ )?(?:good|cute|amazing|beautiful|perfect|gorgeous|great|funny|hilarious|cheap|pretty|lovely|stunning|adorable|delicious|tasty|yummy|nice|awesome|incredible|fantastic|brilliant|fun))/;

function otherSense(line: string, start: number, end: number, branch: number): boolean {
  const before = line.slice(0, start + 1);
  const after = line.slice(end);
  if (NEGATED.test(before)) return true;
  if (NOT_BEFORE[branch]?.test(before) || NOT_AFTER[branch]?.test(after)) return true;
  if (TITLE_BEFORE.test(before)) return true;
  if (TITLE_AFTER.test(after) && MEDIA_WORD.test(line)) return true;
  return SELF_HARM_BRANCHES[branch].hyperbole === true && PRAISE_AFTER.test(after);
}

/** The branch a match came from (its first defined group). */
function branchOf(m: RegExpExecArray): number {
  for (let i = 1; i < m.length; i++) if (m[i] !== undefined) return i - 1;
  return -1;
}

/** The self-harm words of a message (canonical tokens), or null. */
export function selfHarmWords(toks: readonly string[]): string | null {
  if (hasGateWord(toks, SELF_HARM_WORDS)) {
    const found = readSelfHarm(paddedTokens(toks));
    if (found !== null) return found;
  }
  const unglued = ungluedTokens(toks);
  return unglued === null || !hasGateWord(unglued, SELF_HARM_WORDS) ? null : readSelfHarm(paddedTokens(unglued));
}

/**
 * Session 30 (hostile s29 H7): words typed without the space between them ("killmyself", "iwanttodie", a phone
 * keyboard's missing space) or with a zero-width character as the only separator (normalizeText drops those inside a
 * word, so "kill\u200Bmyself" reads "killmyself") were no phrase. A token that holds one of GLUE_HINT's pieces and
 * splits whole into the phrases' own words is read split; null when no token splits (most messages: one regex test).
 */
const SEGMENT_WORDS: ReadonlySet<string> = new Set([
  ...SELF_HARM_BRANCHES.flatMap((b) => b.re.match(/[a-z]+/g) ?? []).filter((w) => w.length > 1 || w === 'i'),
  'wanna', 'gonna', 'im',
]);
const GLUE_HINT = /myself|myslef|meself|die|life|everything|itall|suicid|alive|live|kill|hurt|harm|hang/;
const LONGEST_WORD = Math.max(...[...SEGMENT_WORDS].map((w) => w.length));

function ungluedTokens(toks: readonly string[]): string[] | null {
  let out: string[] | null = null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const parts = t.length < 5 || SEGMENT_WORDS.has(t) || !GLUE_HINT.test(t) ? null : segment(t);
    if (parts !== null) {
      out ??= toks.slice(0, i);
      out.push(...canonicalizeTokens(parts));
    } else if (out !== null) out.push(t);
  }
  return out;
}

/** `t` as two or more of SEGMENT_WORDS, the fewest pieces; null when it does not split whole. */
function segment(t: string): string[] | null {
  const best: (string[] | null)[] = new Array(t.length + 1).fill(null);
  best[0] = [];
  for (let end = 1; end <= t.length; end++) {
    for (let start = Math.max(0, end - LONGEST_WORD); start < end; start++) {
      const prev = best[start];
      if (prev === null) continue;
      const w = t.slice(start, end);
      if (!SEGMENT_WORDS.has(w)) continue;
      if (best[end] === null || best[end]!.length > prev.length + 1) best[end] = [...prev, w];
    }
  }
  const parts = best[t.length];
  return parts !== null && parts.length >= 2 ? parts : null;
}

/** The self-harm words of an analysed message, or null (the detector, a block's own question, a queued chat read it). */
export function selfHarmIn(analysis: TextAnalysis): string | null {
  return selfHarmWords(canonicalTokens(analysis));
}

/**
 * `selfHarmIn(analyzeText(text))` without the rest of the analysis (sentiment, stems, entities, shouting): only the
 * normalised words are read. Session 29 (hostile s29 H3): the check of every message a customer sends while waiting for
 * or talking to a person (engine.ts crisisWhileWithPerson) analysed each one in full.
 */
export function selfHarmInText(text: string): string | null {
  return selfHarmWords(canonicalizeText(normalizeText(text)));
}

/** The phrases read on a padded line whatever the gate says (the tests compare the two). */
export function readSelfHarm(line: string): string | null {
  SELF_HARM.lastIndex = 0;
  for (let m = SELF_HARM.exec(line); m !== null; m = SELF_HARM.exec(line)) {
    const branch = branchOf(m);
    if (!otherSense(line, m.index, m.index + m[0].length, branch)) return m[0].trim();
    SELF_HARM.lastIndex = m.index + 1;
  }
  return null;
}

/** The branches (read-only), for the tests. */
export const SELF_HARM_BRANCH_LIST: readonly SelfHarmBranch[] = SELF_HARM_BRANCHES;
