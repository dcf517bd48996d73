/**
 * Matches what a customer typed to one of the buttons on screen, forgivingly: people type "the second
 * one", "2", "refnud", or a whole sentence around the label instead of clicking.
 * Order: exact label/value, option number, synonym, label contained in the text, fuzzy (typos). The word "no" inside
 * a sentence counts only where it answers, not as a determiner ("No number I am afraid": answeringNo.ts); a label or
 * synonym inside a longer sentence counts only where the sentence answers with it, not negated ("I don't want to track
 * it") or followed by another request ("No, I want to cancel"): answeringWord.ts.
 * Ambiguity (two options equally good) is no match: guessing wrong is worse than asking again.
 */
import { normalizeText } from '../nlu/normalizeText';
import { similarityTarget, similarityToTarget, type SimilarityTarget } from '../nlu/similarity';
import type { ButtonChoice } from './compileFlow';
import { noOnlyAsDeterminer } from './answeringNo';
import { answerVerdict, heldBack, putOffAnswer, type AnswerVerdict } from './answeringWord';
import { onlyThanks } from '../nlu/courtesy';
import { wholeOfferAnswer } from '../nlu/bareReplies';
import { numberAnswer } from './questionValidators';
import { labelMeaning, onlyObjectsOf, pickByMeaning } from './menuMeaning';

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5,
};

const FUZZY = 0.8;

/** Pads with spaces so `includes` matches whole words only ("no" must not match "know"). */
const padded = (s: string) => ` ${s} `;

/** What the stages below need of each choice, derived once per choices array (compileFlow keeps one per block). */
interface Prepared {
  /** Names and synonyms padded with spaces, for the whole-word `includes` of stages 3 and 4. */
  paddedNames: string[][];
  paddedSynonyms: string[][];
  /** Every name then synonym of every choice, normalised and profiled for the fuzzy stage, in order. */
  targets: { choice: ButtonChoice; target: SimilarityTarget }[];
  /** Whether some option's label reads a request by meaning (menuMeaning.ts): else the meaning stage is skipped. */
  readsMeaning: boolean;
}
const prepared = new WeakMap<ButtonChoice[], Prepared>();
function prepare(choices: ButtonChoice[]): Prepared {
  let p = prepared.get(choices);
  if (p === undefined) {
    const targets: Prepared['targets'] = [];
    for (const c of choices) for (const name of [...c.names, ...c.synonyms]) targets.push({ choice: c, target: similarityTarget(name) });
    const readsMeaning = choices.some((c) => labelMeaning(c.label ?? '').some((m) => m.role === 'request'));
    p = { paddedNames: choices.map((c) => c.names.map(padded)), paddedSynonyms: choices.map((c) => c.synonyms.map(padded)), targets, readsMeaning };
    prepared.set(choices, p);
  }
  return p;
}

/**
 * Answers per choices array (compileFlow keeps one per block), keyed by the text: customers send the same
 * short messages over and over, and the fuzzy stage below is the expensive part. Bounded: cleared when full.
 */
const answers = new WeakMap<ButtonChoice[], Map<string, Answer>>();
/** One cached answer: the choice, and whether it was picked by meaning alone (pickedByMeaning). */
interface Answer {
  choice: ButtonChoice | null;
  byMeaning: boolean;
}
const ANSWERS_PER_BLOCK = 500;

export function matchButton(choices: ButtonChoice[], text: string): ButtonChoice | null {
  let known = answers.get(choices);
  if (known === undefined) {
    known = new Map();
    answers.set(choices, known);
  }
  const hit = known.get(text);
  if (hit !== undefined) return hit.choice;
  const answer = matchUncached(choices, text);
  if (known.size >= ANSWERS_PER_BLOCK) known.clear();
  known.set(text, answer);
  return answer.choice;
}

/** An answer picked by a designer's word (label, synonym, number, range, yes/no, typo), or no answer. */
const byWord = (choice: ButtonChoice | null): Answer => ({ choice, byMeaning: false });

/**
 * Whether matchButton's answer for this text picked its option by meaning alone (no label, synonym or number of the
 * designer's named it): the Buttons block lets a router wired to its fallback read such a message first.
 */
export function pickedByMeaning(choices: ButtonChoice[], text: string): boolean {
  if (matchButton(choices, text) === null) return false;
  return answers.get(choices)?.get(text)?.byMeaning === true;
}

/**
 * Session 17 (hostile s17 H#31): a thumbs-up, OK hand or check mark alone is a yes, a thumbs-down or cross alone a no
 * ("👍" at "shall I cancel order NW-230918?" asked "Which order?", "👎" was handed over as negative sentiment): the one
 * choice named "yes" / "no" (or starting with that word), when there is exactly one.
 */
const YES_EMOJI = /^(?:[\u{1F44D}\u{1F44C}\u2705\u2714\u2611](?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F)*\s*)+$/u;
const NO_EMOJI = /^(?:[\u{1F44E}\u274C\u2716\u274E](?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F)*\s*)+$/u;
function byEmoji(choices: ButtonChoice[], text: string): ButtonChoice | null {
  const s = text.trim();
  const word = YES_EMOJI.test(s) ? 'yes' : NO_EMOJI.test(s) ? 'no' : null;
  if (word === null) return null;
  const named = choices.filter((c) => [...c.names, ...c.synonyms].some((n) => n === word || n.startsWith(`${word} `)));
  return named.length === 1 ? named[0] : null;
}

/**
 * Session 19 (brief item 2): whole messages that say yes or no without the English word: short forms ("ya", "yea",
 * "yass"), the yes / no customers type in other languages (oui/non, si/no, ja/nein, sim/nao, da/niet, tak/nie, ...), with
 * a polite word around them ("oui merci", "si por favor", "nein danke"), and "not now" / "not today" (a no: nothing is
 * done). Read only where one choice is named "yes" / "no" (or starts with that word), like the emoji above.
 */
const YES_FORMS: ReadonlySet<string> = new Set([
  'yes', 'yeah', 'yep', 'yup', 'ya', 'yah', 'yea', 'yeh', 'ye', 'yh', 'yas', 'yass', 'yess', 'yesss', 'yesh', 'yse', 'ys',
  'oui', 'ouais', 'si', 'ja', 'jawohl', 'jep', 'sim', 'da', 'tak', 'evet', 'igen', 'kyllä', 'kylla', 'naam',
]);
const NO_FORMS: ReadonlySet<string> = new Set(['no', 'nope', 'nah', 'nay', 'non', 'nein', 'nee', 'nao', 'niet', 'nyet', 'nie', 'nej', 'ei', 'hayir', 'nem', 'noo', 'nooo']);
const POLITE: ReadonlySet<string> = new Set(['please', 'pls', 'thanks', 'thank', 'you', 'merci', 'danke', 'bitte', 'gracias', 'grazie', 'obrigado', 'obrigada', 'por', 'favor', 'svp', 'sil', 'vous', 'plait', 'per', 'piacere', 'dziekuje', 'prosze', 'spasibo', 'dank', 'je', 'u', 'alstublieft', 'tack']);
const NOT_NOW = /^(?:no\s+)?not\s+(?:now|today|right\s+now|at\s+the\s+moment|for\s+now)(?:\s+thanks?(?:\s+you)?)?$/;
/** Lower case, no accents, letters and digits only: "ya" kept as typed (normalizeText reads it as "you"). */
const plainWords = (raw: string) => raw.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}\s]+/gu, ' ').replace(/\s+/g, ' ').trim();
/** The yes or no a whole message says in another way or language ("oui", "ja bitte", "not now"), or null. */
function yesNoOf(t: string): { word: 'yes' | 'no'; said: string[]; words: string[] } | null {
  const words = t.replace(/[!.?]+$/, '').split(' ').filter(Boolean);
  const said = words.filter((w) => !POLITE.has(w));
  if (said.length >= 1 && said.length <= 2 && said.every((w) => YES_FORMS.has(w))) return { word: 'yes', said, words };
  if (said.length >= 1 && said.length <= 2 && said.every((w) => NO_FORMS.has(w))) return { word: 'no', said, words };
  if (NOT_NOW.test(t)) return { word: 'no', said, words };
  return null;
}

/** Review s19 R22: whether a message is such a yes or no, whatever its punctuation ("oui?" asks the yes back). */
export function saysYesOrNoAnotherWay(text: string): boolean {
  return yesNoOf(plainWords(text)) !== null;
}

function byYesNoWord(choices: ButtonChoice[], t: string): ButtonChoice | null {
  const read = yesNoOf(t);
  const word = read?.word ?? null;
  const said = read?.said ?? [];
  const words = read?.words ?? [];
  if (word === null || (said.length === 1 && said[0] === word && words.length === 1)) return null;
  return namedYesOrNo(choices, word);
}

/** The one choice whose label or synonym is the word yes / no, or starts with it ("yes please", "no, that's all"). */
function namedYesOrNo(choices: ButtonChoice[], word: 'yes' | 'no'): ButtonChoice | null {
  const named = choices.filter((c) => [...c.names, ...c.synonyms].some((n) => n === word || n.startsWith(`${word} `) || n.startsWith(`${word}, `)));
  return named.length === 1 ? named[0] : null;
}

function matchUncached(choices: ButtonChoice[], text: string): Answer {
  if (choices.length === 0) return byWord(null);
  const t = normalizeText(text);
  if (!t) return byWord(byEmoji(choices, text));

  // 1. Exact label or value.
  const exact = choices.filter((c) => c.names.includes(t));
  if (exact.length === 1) return byWord(exact[0]);

  // 1b. Session 19 (brief item 2, hostile s18 #9/#10): yes / no written another way or in another language ("ya", "oui",
  // "sí", "ja bitte", "nein danke", "not now"): the one choice named "yes" / "no" (they asked "Which order?").
  const yesNo = byYesNoWord(choices, plainWords(text)) ?? byYesNoWord(choices, t);
  if (yesNo !== null) return byWord(yesNo);
  // 1c. Session 33 (newcomer s32 #4): the whole answers the policy's own offer of a person reads ("okay then", "go on
  // then", "absolutely", "maybe later", "i'm good thanks": bareReplies.wholeOfferAnswer) answer a menu whose one choice is
  // named yes or no the same way: at Northwind's "Would you like to talk to a person?" they got "Please pick ...", and
  // "go on then" started an address change.
  const offered = wholeOfferAnswer(text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[!.,]+/g, ' ').replace(/\s+/g, ' ').trim());
  const byOffer = offered === null ? null : namedYesOrNo(choices, offered ? 'yes' : 'no');
  if (byOffer !== null) return byWord(byOffer);

  // 2. A number or ordinal: "2", "#2", "option 2", "the second one".
  const num = /^(?:#|option |number |the )?(\w+)(?: one| option)?$/.exec(t);
  if (num) {
    const n = /^\d+$/.test(num[1]) ? Number(num[1]) : ORDINALS[num[1]];
    if (n !== undefined && n >= 1 && n <= choices.length) return byWord(choices[n - 1]);
  }

  // 2b. Session 38 (hostile s38 M7): choices named as number ranges ("1-10", "11-50", "201 or more", "201+", "over
  // 200") and a count typed in any form the Number answer reads ("around 1.5k", "400, no wait, 40", "we are about
  // fifty"): the choice whose range holds it. A number the ranges do not cover, or two ranges holding it, picks nothing.
  const ranged = byRange(choices, text);
  if (ranged !== null) return byWord(ranged);

  // 3. Synonyms, as the whole text or as words inside it (padded once per block, not per message).
  const prep = prepare(choices);
  const pt = padded(t);
  // "no" as a word inside the text counts only where it answers ("no thanks", "No, ..."), not as a determiner ("No
  // number I am afraid", "no one answered"): answeringNo.ts (session 13).
  const determinerNo = pt.includes(' no ') && t !== 'no' && noOnlyAsDeterminer(text);
  // Session 14: and a name inside a longer sentence counts only where the sentence answers with it (answeringWord.ts).
  // Session 17 (hostile s16 H#6, H#25): a choice whose name the sentence holds but does not answer with ("yes cancel it
  // tomorrow", "yes, cancel it, no wait, don't") is not picked by the typo stage either ("yes cancel it tomorrow" is
  // 0.82 like "yes cancel it").
  const refused = new Set<ButtonChoice>();
  // Session 50 (conv12): the choices whose own words the message negates ("I don't want to book a repair").
  const negatedNames = new Set<ButtonChoice>();
  const inside = (c: ButtonChoice, name: string, paddedName: string) => {
    if (!pt.includes(paddedName) || (determinerNo && name === 'no')) return false;
    if (personNounAsThing(pt, name)) {
      refused.add(c);
      return false;
    }
    const verdict = answerVerdict(text, name, [...c.names, ...c.synonyms]);
    if (verdict === 'answers') return true;
    refused.add(c);
    if (verdict === 'negated') negatedNames.add(c);
    return false;
  };
  const bySynonym = choices.filter((c, i) => c.synonyms.some((s, k) => s === t || inside(c, s, prep.paddedSynonyms[i][k])));
  // Session 43 (menus): the option the message picks by meaning (menuMeaning.ts), asked once, after the designer's words.
  // Its own guards read negation and hypotheticals; answeringWord's verdicts on a designer's word are not asked ("my phone
  // is broken so I can't check in" asks for check-in; "how many bags can I bring?" is the allowance question).
  let meant: ButtonChoice | null | undefined;
  const byMeaning = () => {
    if (meant === undefined) {
      const i = prep.readsMeaning ? pickByMeaning(choices.map((c) => c.label), text) : -1;
      meant = i === -1 ? null : choices[i];
    }
    return meant;
  };
  // A designer's word wins, except where all it names is an object the meaning reading also holds: "bag" (a synonym of
  // "Baggage allowance") inside "my bag came back with a broken wheel" is what the message is about, the broken wheel is
  // what it says ("Lost, delayed or damaged bag").
  const widerByMeaning = (named: ButtonChoice, found: string[]) => {
    if (t.split(' ').length < 2 || found.length === 0) return null;
    const m = byMeaning();
    if (m === null || m === named) return null;
    const read = labelMeaning(m.label);
    if (!found.every((n) => onlyObjectsOf(n, read))) return null;
    return m;
  };
  const orWiderByMeaning = (named: ButtonChoice, found: string[]): Answer => {
    const m = widerByMeaning(named, found);
    return m === null ? byWord(named) : { choice: m, byMeaning: true };
  };
  if (bySynonym.length === 1) {
    const i = choices.indexOf(bySynonym[0]);
    return orWiderByMeaning(bySynonym[0], bySynonym[0].synonyms.filter((s, k) => s === t || pt.includes(prep.paddedSynonyms[i][k])));
  }
  if (bySynonym.length > 1) {
    const wider = widestSynonym(choices, bySynonym, prep, pt);
    if (wider !== null) return byWord(wider);
  }

  // 4. The label inside a longer sentence ("I'd like a refund please"): the longest contained label wins.
  let best: ButtonChoice | null = null;
  let bestLen = 0;
  let tie = false;
  for (let i = 0; i < choices.length; i++) {
    const c = choices[i];
    for (let k = 0; k < c.names.length; k++) {
      const name = c.names[k];
      if (!inside(c, name, prep.paddedNames[i][k])) continue;
      if (name.length > bestLen) {
        best = c;
        bestLen = name.length;
        tie = false;
      } else if (name.length === bestLen && best !== c) tie = true;
    }
  }
  if (best && !tie) {
    const i = choices.indexOf(best);
    return orWiderByMeaning(best, best.names.filter((n, k) => pt.includes(prep.paddedNames[i][k])));
  }

  // 5. Typos: the whole text against labels and synonyms (prepared once per block, in the same order).
  // Only scores >= FUZZY can win, so `similarityToTarget` may give up early on clearly different pairs.
  let fuzzy: ButtonChoice | null = null;
  let fuzzyScore = 0;
  for (const { choice, target } of prep.targets) {
    if (refused.has(choice)) continue;
    const s = similarityToTarget(t, target, FUZZY);
    if (s > fuzzyScore) {
      fuzzy = choice;
      fuzzyScore = s;
    }
  }
  if (fuzzyScore >= FUZZY) return byWord(fuzzy);

  // 5b. Session 43 (menus): the one option the message picks by meaning ("my case went to Rome": lost x bag).
  // Session 50 (conv12): not an option whose own words the message negates ("I don't want to book a repair, just asking" at
  // "Book a repair": its label negated above; the "repair" alone would read it by meaning).
  const meaning = byMeaning();
  if (meaning !== null && !negatedNames.has(meaning)) return { choice: meaning, byMeaning: true };

  // 6. Session 16 (newcomer s15 N#11): thanks in other words or another language ("merci beaucoup", "danke schön",
  // "thanks plenty") is the one choice that lists "thanks" or "thank you" (nlu/courtesy.ts onlyThanks).
  if (onlyThanks(text)) {
    const thanking = choices.filter((c) => [...c.names, ...c.synonyms].some((n) => n === 'thanks' || n === 'thank you'));
    if (thanking.length === 1) return byWord(thanking[0]);
  }
  return byWord(null);
}

/**
 * Session 50 (conv12, hostile s50 M4): a person noun named as a thing, not asked for: a charge ("is the travel agent fee
 * refundable?", "the agent's commission") or what someone said or did ("my agent said I'm covered for floods, am I?"):
 * the word "agent" of "Talk to an agent" / "Speak to an advisor" inside such a message picks nothing (the menu's meaning
 * reading or the router reads the rest). `pt`: the normalised text padded with spaces; `name`: the designer's word.
 */
const PERSON_NOUN: ReadonlySet<string> = new Set(['agent', 'agents', 'advisor', 'advisors', 'adviser', 'advisers', 'person', 'human', 'staff', 'operator', 'rep', 'representative', 'broker', 'colleague']);
const THING_AFTER: ReadonlySet<string> = new Set(['fee', 'fees', 'charge', 'charges', 'commission', 'commissions', 'price', 'prices', 'cost', 'costs', 'rate', 'rates', 'said', 'says', 'told', 'tells', 'mentioned', 'reckons', 'thinks', 'thought', 'booked', 'sold', 'recommended', 'wrote', 'emailed']);
function personNounAsThing(pt: string, name: string): boolean {
  if (!PERSON_NOUN.has(name)) return false;
  const words = pt.trim().split(' ');
  return words.some((w, i) => w === name && (THING_AFTER.has(words[i + 1] ?? '') || (words[i + 1] === 's' && THING_AFTER.has(words[i + 2] ?? ''))));
}

/**
 * Session 41 (travel2, hostile s41 M2): two choices named by synonym where one synonym holds the other's ("the airline
 * lost my bag": "lost my bag" of "Lost, delayed or damaged bag" holds "bag" of "Baggage allowance") is no tie: the wider
 * words are what the customer said, the narrower one is only part of them. The choice whose longest synonym found in the
 * text holds, as whole words, every synonym found for the other choices; null when none does (still a tie).
 */
function widestSynonym(choices: ButtonChoice[], matched: ButtonChoice[], prep: Prepared, pt: string): ButtonChoice | null {
  const found = matched.map((c) => {
    const i = choices.indexOf(c);
    return { c, names: c.synonyms.filter((_, k) => pt.includes(prep.paddedSynonyms[i][k])) };
  });
  const longest = (names: string[]) => names.reduce((a, b) => (b.length > a.length ? b : a), '');
  for (const f of found) {
    const wide = padded(longest(f.names));
    if (found.every((o) => o === f || (o.names.length > 0 && o.names.every((n) => n.length < wide.length - 2 && wide.includes(padded(n)))))) return f.c;
  }
  return null;
}

const MONEY = /[$£€¥₹]|\b(?:usd|eur|gbp|inr|dollars?|euros?|pounds?|quid|bucks|rupees?)\b/iu;
const RANGE_NAME = /^(\d[\d,]*)\s*(?:-|\u2013|to)\s*(\d[\d,]*)$/;
const OPEN_RANGE_NAME = /^(?:(\d[\d,]*)\s*(?:\+|or\s+more|and\s+(?:more|over|up|above))|(?:over|more\s+than|above)\s+(\d[\d,]*))$/;
/** The numbers a choice's label, value or synonym covers (as written: the normalised names lose the dash), or null. */
function rangeOfName(name: string): [number, number] | null {
  const n = (s: string) => Number(s.replace(/,/g, ''));
  let m = RANGE_NAME.exec(name);
  if (m) return n(m[1]) <= n(m[2]) ? [n(m[1]), n(m[2])] : null;
  m = OPEN_RANGE_NAME.exec(name);
  if (m) return m[1] !== undefined ? [n(m[1]), Infinity] : [Math.floor(n(m[2])) + 1, Infinity];
  return null;
}
function byRange(choices: ButtonChoice[], text: string): ButtonChoice | null {
  if (!/\p{Nd}|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|score)/iu.test(text)) return null;
  // An amount of money is no count ("around £2,000 a month" at "How many people work at your company?").
  if (MONEY.test(text)) return null;
  const ranges = choices.map((c) => [c.label, c.value, ...c.synonyms].map((n) => rangeOfName(n.toLowerCase().trim())).filter((r): r is [number, number] => r !== null));
  if (ranges.filter((r) => r.length > 0).length < 2) return null;
  const value = numberAnswer(text);
  if (value === null || value < 0) return null;
  const holding = choices.filter((_, i) => ranges[i].some(([lo, hi]) => value >= lo && value <= hi));
  return holding.length === 1 ? holding[0] : null;
}

/**
 * Session 17 (hostile s16 H#6, H#25, newcomer s16 N#4): why text that matched no button still chose something: one of
 * the choices is named but put off to a time later than now ("yes cancel it tomorrow", "cancel it later, next week")
 * or the message is only such a time put off ("not until next week": answeringWord putOffAnswer): `later`; or it is
 * taken back or contradicted in the same message ("yes, cancel it, no wait, don't"): `retracted`. Null when nothing was chosen (Buttons goes on as with
 * any text it does not understand). Call it only for text matchButton did not match.
 */
export function heldBackChoice(choices: ButtonChoice[], text: string): 'later' | 'retracted' | null {
  const pt = padded(normalizeText(text));
  let verdict: AnswerVerdict | null = null;
  for (const c of choices) {
    for (const name of [...c.names, ...c.synonyms]) {
      if (!pt.includes(padded(name))) continue;
      const v = answerVerdict(text, name, [...c.names, ...c.synonyms]);
      if (v === 'deferred') return 'later';
      if (heldBack(v)) verdict = v;
    }
  }
  if (verdict !== null) return 'retracted';
  return putOffAnswer(text) ? 'later' : null;
}
