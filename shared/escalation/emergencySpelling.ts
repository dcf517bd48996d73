/**
 * Session 42 (medical3, hostile s42 H3): a customer in panic types "my son stoped breathing", "hes not breathin", "i think
 * my mum is having a hart attack", "my baby swalowed a battery": one slip of the finger and the emergency was lost. The
 * urgency readers read a second time, when the first reading found no urgency, with the message's misspelt emergency
 * words put right, and keep that reading only when it is a person in danger by the rules (detectUrgency): a slip never
 * makes an ordinary message urgent by itself.
 *
 * What is put right: a word of the emergency vocabulary below (five letters or more) typed with one slip of a kind that
 * rarely makes another word, with its first and last letters as they should be:
 *  - one letter left out inside the word ("stoped", "swalowed", "hart", "unconcious", "bleding");
 *  - two neighbouring letters inside swapped ("siezure", "breahting");
 *  - one letter inside doubled ("colllapsed", "bleeeding");
 *  - the final g of an -ing word dropped ("breathin", "bleedin", "chokin").
 *  - Session 43 (medical4, hostile s43 M2): one letter added inside the word ("chocking", "choaking", "breatheing");
 *  - one vowel inside a word of seven letters or more replaced by another vowel ("bleading", "unconscous" is a left-out
 *    letter already).
 * Not a consonant replaced ("cooking" is not "choking", "breeding" not "bleeding"), no replaced letter in a shorter word
 * ("strike" is not "stroke"), and not a word that is itself an English word at one such slip (REAL_WORDS: "heat" is not
 * "heart", "stoke" not "stroke", "walking" not "waking"; "hear" keeps its last letter wrong, so it is no slip of "heart").
 * The vocabulary is the emergency readers' own words (detectUrgency), not the hostile report's sentences.
 */
import { normalizeText } from '../nlu/normalizeText';

export const EMERGENCY_VOCABULARY: readonly string[] = [
  'breathing', 'breathe', 'breath', 'bleeding', 'blood', 'unconscious', 'unresponsive', 'responding', 'responsive', 'choking',
  'swallowed', 'swallow', 'collapsed', 'fainted', 'seizure', 'seizing', 'fitting', 'convulsing', 'overdose', 'overdosed', 'electrocuted',
  'poisoned', 'poisoning', 'poison', 'ambulance', 'stopped', 'heart', 'attack', 'stroke', 'cardiac', 'allergic', 'reaction',
  'anaphylactic', 'anaphylaxis', 'vomiting', 'battery', 'batteries', 'bleach', 'magnet', 'magnets', 'paracetamol', 'tablets',
  'emergency', 'injured', 'burned', 'burning', 'blistering', 'scalded', 'labour', 'contractions', 'drowning', 'passed',
  'waking',
  // Session 43 (medical4): an electric shock ("electic", "electrc").
  'electric',
  // Session 44 (medical5): the symptom frame's stroke signs ("slured", "droopin").
  'slurred', 'slurring', 'drooping',
].filter((w, i, all) => all.indexOf(w) === i && w.length >= 5);
const VOCABULARY = new Set(EMERGENCY_VOCABULARY);

/**
 * English words one allowed slip away from a vocabulary word, never put right (found by listing every such slip of the
 * vocabulary and keeping the ones that are words; medical3S42.test.ts checks that no other word of the corpus and the
 * flows is put right).
 */
const REAL_WORDS = new Set([
  // Found in the corpus (test/fixtures/escalation-corpus) and the sample flows: "sizing", "tables", "beach".
  'sizing', 'tables', 'beach',
  // English words one slip from the vocabulary ("heat" from "heart", "stoke" from "stroke", "scaled" from "scalded").
  'heat', 'stoke', 'scaled', 'sallow', 'coking',
  // Session 43 (medical4): words one added letter or one vowel away ("walking" from "waking", "breadth" from "breath",
  // "flitting" from "fitting", "stepped" from "stopped", "scolded" from "scalded", "buttery" from "battery", "blustering"
  // from "blistering", "chocking" is kept: a chock is rarely typed by a customer).
  'walking', 'wanking', 'breadth', 'flitting', 'stepped', 'stropped', 'scolded', 'buttery', 'blustering', 'poisson',
]);

/** The vocabulary by first letter, last letter and length. */
const BY_ENDS = new Map<string, string[]>();
for (const w of EMERGENCY_VOCABULARY) {
  const k = `${w[0]}${w[w.length - 1]}${w.length}`;
  const list = BY_ENDS.get(k);
  if (list) list.push(w);
  else BY_ENDS.set(k, [w]);
}

const VOWEL = /^[aeiou]$/;
/**
 * `typo` is `word` with one interior letter left out, two interior neighbours swapped, one interior letter added (session
 * 43: any letter, "chocking"; it was a doubled one), or (session 43) one interior vowel replaced by another in a word of
 * seven letters or more ("bleading").
 */
export function oneSlip(typo: string, word: string): boolean {
  const n = word.length;
  if (typo.length === n - 1) {
    for (let i = 1; i < n - 1; i++) if (typo === word.slice(0, i) + word.slice(i + 1)) return true;
    return false;
  }
  if (typo.length === n) {
    for (let i = 1; i < n - 2; i++) {
      if (word[i] === word[i + 1]) continue;
      if (typo === word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)) return true;
    }
    if (n < 7) return false;
    // One interior vowel for another: every other letter the same.
    let diff = -1;
    for (let i = 0; i < n; i++) {
      if (typo[i] === word[i]) continue;
      if (diff >= 0) return false;
      diff = i;
    }
    return diff > 0 && diff < n - 1 && VOWEL.test(typo[diff]) && VOWEL.test(word[diff]);
  }
  if (typo.length === n + 1) {
    // One letter added inside: the typo without its letter i is the word (i from 1 to n - 1, the last letter kept).
    for (let i = 1; i < n; i++) if (typo.slice(0, i) + typo.slice(i + 1) === word) return true;
    return false;
  }
  return false;
}

/**
 * Session 43 (perf): the shapes a slip of a vocabulary word can have, as one number each (first letter, last letter,
 * length): a word left one letter short, swapped or one letter long keeps its word's first and last letters and is within
 * one of its length; an -ing word without its g ends in n, one letter short. The urgency detector asks for every word of
 * every message it finds no urgency in, so a word of no such shape (nearly all) is answered with one Set look-up, before
 * any string is made; emergencySlipOf's answer for the others is unchanged (emergencySpellingS43.test.ts checks every
 * one-edit neighbour of the vocabulary and every word of the corpus and the flows against it).
 */
const LONGEST = Math.max(...EMERGENCY_VOCABULARY.map((w) => w.length));
const shapeOf = (first: number, last: number, length: number) => (first * 65536 + last) * 32 + length;
const SLIP_SHAPES = new Set<number>();
for (const w of EMERGENCY_VOCABULARY) {
  const first = w.charCodeAt(0);
  const last = w.charCodeAt(w.length - 1);
  for (const length of [w.length - 1, w.length, w.length + 1]) SLIP_SHAPES.add(shapeOf(first, last, length));
  if (w.endsWith('ing')) SLIP_SHAPES.add(shapeOf(first, 110 /* n */, w.length - 1));
}

/** The emergency word `t` is a slip of, or null. */
export function emergencyWordOf(t: string): string | null {
  if (t.length < 4 || t.length > LONGEST + 1 || !SLIP_SHAPES.has(shapeOf(t.charCodeAt(0), t.charCodeAt(t.length - 1), t.length))) return null;
  return emergencySlipOf(t);
}

/** emergencyWordOf without its shape filter (session 42's reading; the tests hold the filter to it). */
export function emergencySlipOf(t: string): string | null {
  if (t.length < 4 || VOCABULARY.has(t) || REAL_WORDS.has(t) || !/^[a-z]+$/.test(t)) return null;
  if (t.endsWith('in') && VOCABULARY.has(`${t}g`)) return `${t}g`;
  const first = t[0];
  const last = t[t.length - 1];
  for (const len of [t.length + 1, t.length, t.length - 1]) {
    const list = BY_ENDS.get(`${first}${last}${len}`);
    if (list === undefined) continue;
    for (const w of list) if (oneSlip(t, w)) return w;
  }
  return null;
}

/**
 * The message's normal form with its misspelt emergency words put right, or null when it has none.
 * Session 44 (medical5, review of session 43): one prefilter, not two. The urgency detector (misspeltEmergency) asks only
 * when the message's canonical tokens hold a slip (or it has an invisible character), so this no longer scans the normal
 * form in place first (session 43, perf): the answer is the same, a word of no slip shape is still one Set look-up.
 */
export function emergencySpellingOf(text: string): string | null {
  const toks = normalizeText(text).split(' ');
  let changed = false;
  for (let i = 0; i < toks.length; i++) {
    const w = emergencyWordOf(toks[i]);
    if (w === null) continue;
    toks[i] = w;
    changed = true;
  }
  return changed ? toks.join(' ') : null;
}
