/**
 * Session 44 (medical5, retest s43 F11, F3): heart-attack and stroke signs in the words a panicking customer types ("my
 * chest hurts and my left arm is numb", "crushing feeling in his chest", "one side of his face has dropped", "his speech
 * is slurred and his arm is weak", "she suddenly can't lift her arm"), read as a frame, not as phrases: a part of a
 * PERSON's body (its site) x what is happening to it (its symptom).
 *
 * Sites, by class:
 *  - chest: chest;
 *  - face: face, mouth, smile, lip(s), eye(lid), cheek;
 *  - speech: speech, words, voice; and a person who is slurring, or can't speak / talk properly;
 *  - limb: arm(s), leg(s), hand(s), side.
 * A symptom is found after the site ("my chest hurts", "his chest feels really tight", "her face has dropped on one
 * side", "his speech has suddenly become slurred"), before it ("pain in my chest", "crushing feeling in his chest", "a
 * tight chest", "a numb left arm", "clutching his chest"), or as the person's verb ("he's slurring his words", "she can't
 * lift her arm").
 * The owner of the site must be a person: my / his / her / their / our / your, a person's ("dad's face", "my sister's
 * face"), a person's noun before it as a non-native writer says it ("my grandmother face"), or nothing at all at the
 * start of a clause ("chest hurts, left arm numb"). A thing owns nothing: "the chest of drawers", "the face of the watch",
 * "the arm of the chair" (the site followed by "of"), "the clock face", "the sofa arm", "the doll's face", "the robot's
 * speech" (another noun before it), "chest freezer", "chest straps" (a thing's noun after it). "the arm is numb" (an
 * article alone) is a weak sign only.
 *
 * Strength: a strong sign is an emergency alone (chest pain, pressure or tightness; a face drooping or dropped; speech
 * slurred; an arm or leg that suddenly can't be lifted or moved). A weak sign (an arm numb, tingling or weak; can't feel
 * an arm; a face numb; can't speak properly; the customer's own speech) is one only beside a sign of another class ("tight
 * chest and can't feel my arm", "she can't feel her face and her arm went numb"): "my arm is numb" alone is no emergency.
 *
 * Not a sign: negated ("my chest doesn't hurt"), with an everyday cause named after it ("my arm is numb from holding the
 * phone on hold", "my chest hurts from laughing", "weak from the gym"), a reaction ("my face dropped when I saw the bill"),
 * a thing sold for it ("a pillow for when the arm is numb"), in a question about a product or a hypothetical ("what if my
 * arm goes numb?", "do your chest straps help if your chest feels tight?"), a product named by it ("chest pain relief
 * patches"). The message-level guards (long ago, money, a
 * habit, a time to come, a story) are the emergency reader's (detectUrgency's symptomNow).
 */
import { tokenGate, hasGateWord, type TokenGate } from './canonicalTokens';
import { NOT_WORDS, negators } from './negators';

type SiteClass = 'chest' | 'face' | 'speech' | 'limb';
export interface SymptomSign {
  cls: SiteClass;
  strong: boolean;
  words: string;
}

const SITE: ReadonlyMap<string, SiteClass> = new Map([
  ['chest', 'chest'],
  ...['face', 'mouth', 'smile', 'lip', 'lips', 'eye', 'eyelid', 'cheek'].map((w) => [w, 'face'] as const),
  ...['speech', 'words', 'voice'].map((w) => [w, 'speech'] as const),
  ...['arm', 'arms', 'leg', 'legs', 'hand', 'hands', 'side'].map((w) => [w, 'limb'] as const),
]);
/** What happens to a site, by class: strong (an emergency alone) or weak. */
const STRONG_AFTER: Record<SiteClass, ReadonlySet<string>> = {
  chest: new Set(['hurts', 'hurt', 'hurting', 'aching', 'aches', 'ache', 'painful', 'pain', 'pains', 'tight', 'tighter', 'tightening', 'heavy', 'crushing', 'crushed', 'squeezing', 'squeezed']),
  face: new Set(['drooping', 'droopy', 'drooped', 'droop', 'droops', 'dropped', 'dropping', 'drop', 'fallen', 'fell', 'fall', 'falling', 'sagging', 'sagged', 'saggy', 'crooked', 'lopsided', 'uneven', 'twisted']),
  speech: new Set(['slurred', 'slurring', 'garbled', 'jumbled']),
  limb: new Set(),
};
const WEAK_AFTER: Record<SiteClass, ReadonlySet<string>> = {
  chest: new Set(),
  face: new Set(['numb', 'tingling', 'tingly']),
  speech: new Set(['muddled', 'wrong']),
  limb: new Set(['numb', 'numbness', 'tingling', 'tingly', 'tingles', 'weak', 'weaker', 'weakness', 'heavy', 'dead', 'limp']),
};
/** Words between a site and its symptom ("his chest feels really tight", "her face has gone all droopy"). */
const BETWEEN = new Set(['is', 's', 'are', 'was', 'has', 'have', 'been', 'feels', 'feel', 'feeling', 'looks', 'look', 'looking', 'seems', 'gone', 'went', 'going', 'goes',
  'keeps', 'keep', 'kept', 'got', 'getting', 'gets', 'become', 'became', 'becoming', 'all', 'really', 'very', 'so', 'suddenly', 'now', 'still', 'just',
  'completely', 'totally', 'quite', 'started', 'starting', 'to', 'begun', 'coming', 'out', 'bit', 'a', 'little', 'kind', 'sort', 'of', 'like', 'also', 'too']);
/** A symptom named before the site: "pain in my chest", "pressure in his chest", "numbness in her arm". */
const BEFORE_NOUN: Record<SiteClass, ReadonlySet<string>> = {
  chest: new Set(['pain', 'pains', 'pressure', 'tightness', 'heaviness', 'ache', 'aching', 'crushing', 'squeezing', 'weight']),
  face: new Set(['drooping', 'numbness']),
  speech: new Set(),
  limb: new Set(['numbness', 'tingling', 'weakness', 'pain']),
};
/** "a crushing feeling in his chest": a feeling is a symptom with one of these just before it. */
const FEELING_HOW = new Set(['crushing', 'tight', 'heavy', 'squeezing', 'pressing', 'burning', 'tightening']);
const IN_SITE = new Set(['in', 'on', 'across', 'down', 'around', 'through']);
/** An adjective right before the site: "a tight chest", "a numb left arm", "slurred speech", "droopy face". */
const BEFORE_ADJ: Record<SiteClass, ReadonlySet<string>> = {
  chest: new Set(['tight', 'heavy', 'crushing', 'painful', 'aching']),
  face: new Set(['droopy', 'drooping', 'lopsided', 'crooked']),
  speech: new Set(['slurred', 'slurring', 'garbled']),
  limb: new Set(['numb', 'weak', 'tingly', 'tingling', 'dead', 'heavy']),
};
const CLUTCH = new Set(['clutching', 'clutched', 'clutches', 'clutch', 'grabbing', 'grabbed', 'gripping', 'gripped', 'holding']);
const SIDE_WORDS = new Set(['left', 'right', 'whole', 'upper', 'lower', 'both']);
const POSSESSIVE_SELF = new Set(['my', 'me', 'mi']);
const POSSESSIVE_OTHER = new Set(['his', 'her', 'their', 'our', 'your']);
const ARTICLE = new Set(['the', 'a', 'an']);
const HAVE = new Set(['have', 'has', 'got', 've', 'with', 'having']);
/** People, as a subject, an owner ("dad's face" reads "dads face") or a non-native owner ("my grandmother face"). */
export const SYMPTOM_PERSON = new Set(['he', 'she', 'they', 'hes', 'shes', 'theyre', 'him', 'mum', 'mom', 'mother', 'dad', 'father', 'son', 'daughter', 'wife',
  'husband', 'husbnd', 'partner', 'someone', 'somebody', 'child', 'baby', 'kid', 'man', 'woman', 'lady', 'guy', 'friend', 'colleague', 'passenger', 'grandma',
  'grandad', 'granddad', 'grandpa', 'granny', 'nan', 'nana', 'boy', 'girl', 'brother', 'sister', 'toddler', 'customer', 'person', 'grandson', 'granddaughter',
  'nephew', 'niece', 'uncle', 'aunt', 'auntie', 'cousin', 'neighbour', 'neighbor', 'boss', 'driver', 'teacher', 'patient', 'mate', 'grandmother',
  'grandfather', 'stepdad', 'stepmum', 'stepmom', 'boyfriend', 'girlfriend', 'fiance', 'fiancee', 'guest', 'mummy', 'daddy', 'gran', 'grandparent']);
const isPerson = (t: string | undefined): boolean => t !== undefined && (SYMPTOM_PERSON.has(t) || (t.length > 3 && t.endsWith('s') && SYMPTOM_PERSON.has(t.slice(0, -1))));
/** A thing named by the site word ("chest freezer", "chest straps", "the arm rest", "face cream", "side table"). */
const THING_AFTER = new Set(['freezer', 'freezers', 'strap', 'straps', 'drawers', 'drawer', 'piece', 'pocket', 'pockets', 'rig', 'harness', 'protector', 'press',
  'toy', 'box', 'binder', 'size', 'measurement', 'rest', 'rests', 'cream', 'mask', 'masks', 'wash', 'table', 'tables', 'panel', 'door', 'band', 'bands', 'of']);
/** A product named by the sign ("chest pain relief patches", "numb cream"): something sold, nobody's state. */
const PRODUCT_AFTER = new Set(['relief', 'reliever', 'relievers', 'patch', 'patches', 'cream', 'creams', 'gel', 'gels', 'tablets', 'spray', 'medicine', 'balm', 'rub', 'remedy', 'remedies', 'pills', 'plaster', 'plasters']);
const NEG = negators(NOT_WORDS, 'nobody', 'nobodys', 'noone', 'without', 'nothing');
/** An everyday cause named after the sign ("numb from holding the phone", "hurts from laughing", "weak from the gym"). */
const CAUSE_LEAD = new Set(['from', 'after', 'because', 'cause', 'due']);
const CAUSE = new Set(['holding', 'carrying', 'lifting', 'sleeping', 'slept', 'laughing', 'laughed', 'coughing', 'cough', 'gym', 'workout', 'exercise', 'exercising',
  'cold', 'hold', 'phone', 'jab', 'injection', 'vaccine', 'dentist', 'typing', 'gaming', 'sitting', 'kneeling', 'leaning', 'waiting', 'stretching', 'training',
  'heat', 'hoovering', 'painting', 'gardening']);
const REACTION_SAW = new Set(['saw', 'seen', 'heard', 'read', 'opened', 'got', 'looked', 'found', 'realised', 'realized', 'checked', 'noticed', 'came']);
const ASKS = new Set(['do', 'does', 'can', 'could', 'should', 'would', 'is', 'are', 'will', 'did']);
const SUDDEN = new Set(['suddenly', 'sudden']);
const CANT_VERB_LIMB = new Set(['lift', 'move', 'raise', 'use', 'feel']);
const CANT_VERB_SPEECH = new Set(['speak', 'talk']);
const HOW_SPOKEN = new Set(['properly', 'clearly', 'right', 'normally', 'good', 'well', 'straight', 'proper', 'clear']);
const SUBJECT_SKIP = new Set(['is', 's', 'are', 'has', 'have', 'been', 'just', 'suddenly', 'now', 'still', 'also', 'keeps', 'kept', 'started', 'starting', 'all', 'of', 'a', 'sudden', 'really', 'totally']);
const SLUR = new Set(['slurring', 'slurred']);
const SPEAK_VERBS = new Set(['speak', 'speaks', 'speaking', 'talk', 'talks', 'talking']);

/** Gates: a message needs a site word (or a person's verb) and a symptom word before the frame is read. */
const SITE_GATE: TokenGate = tokenGate(new Set([...SITE.keys(), ...SLUR, ...CANT_VERB_SPEECH]));
const SYMPTOM_GATE: TokenGate = tokenGate(new Set([
  ...Object.values(STRONG_AFTER).flatMap((s) => [...s]), ...Object.values(WEAK_AFTER).flatMap((s) => [...s]),
  ...Object.values(BEFORE_NOUN).flatMap((s) => [...s]), ...Object.values(BEFORE_ADJ).flatMap((s) => [...s]), ...CLUTCH, ...CANT_VERB_LIMB, ...HOW_SPOKEN, ...SLUR,
]));
export function mayHoldSymptom(toks: readonly string[]): boolean {
  return hasGateWord(toks, SITE_GATE) && hasGateWord(toks, SYMPTOM_GATE);
}

/** Who owns the site at `i`: a person ('self' / 'other'), 'unknown' (an article alone) or null (a thing). */
type Owner = 'self' | 'other' | 'unknown' | null;
function ownerAt(c: readonly string[], i: number, cls: SiteClass): Owner {
  const next = c[i + 1];
  if (next !== undefined && THING_AFTER.has(next)) return null;
  // (Past "left" / "right" and the symptom's own adjective: "my left arm", "a tight chest".)
  let k = i - 1;
  while (k >= 0 && (SIDE_WORDS.has(c[k]) || BEFORE_ADJ[cls].has(c[k]))) k--;
  return ownerBefore(c, k);
}
function ownerBefore(c: readonly string[], k: number): Owner {
  const p = c[k];
  if (p === undefined || p === 'and' || p === 'but' || p === 'then' || p === 'so' || p === 'help' || p === 'please' || p === 'omg') return 'self';
  if (POSSESSIVE_SELF.has(p)) return 'self';
  if (POSSESSIVE_OTHER.has(p) || isPerson(p)) return 'other';
  if (p === 'a' || p === 'an') return HAVE.has(c[k - 1] ?? '') ? 'self' : 'unknown';
  if (p === 'the') return 'unknown';
  return null;
}
/** The person who is the subject of the verb at `v` ("he's slurring", "my nan is slurring", "she can't speak"). */
function subjectBefore(c: readonly string[], v: number): Owner {
  let k = v - 1;
  while (k >= 0 && SUBJECT_SKIP.has(c[k])) k--;
  const p = c[k];
  if (p === 'i' || p === 'im' || p === 'we') return 'self';
  return isPerson(p) ? 'other' : null;
}

function negatedBetween(c: readonly string[], from: number, to: number): boolean {
  for (let k = Math.max(0, from); k < to; k++) if (NEG.has(c[k])) return true;
  return false;
}
/** Not a sign when an everyday cause or a reaction follows ("from holding the phone", "when I saw the bill"). */
function explainedAfter(c: readonly string[], end: number): boolean {
  for (let k = end + 1; k < Math.min(c.length, end + 5); k++) {
    if (CAUSE_LEAD.has(c[k])) {
      for (let j = k + 1; j < Math.min(c.length, k + 5); j++) if (CAUSE.has(c[j])) return true;
    }
    if (c[k] === 'when' && (c[k + 1] === 'i' || c[k + 1] === 'we') && REACTION_SAW.has(c[k + 2] ?? '')) return true;
  }
  return false;
}
/** A hypothetical or a thing sold for it before the sign ("what if my arm goes numb", "a pillow for when the arm is numb"). */
function maybeBefore(c: readonly string[], at: number): boolean {
  for (let k = 0; k < at; k++) {
    if (c[k] === 'if' || (c[k] === 'when' && c[k - 1] === 'for')) return true;
    if ((c[k] === 'could' || c[k] === 'would' || c[k] === 'might' || c[k] === 'may') && k >= at - 4) return true;
  }
  return false;
}

/** Every sign in one clause (canonical tokens). */
export function signsInClause(c: readonly string[]): SymptomSign[] {
  // A question about a product ("do your chest straps help...?") or to the bot ("could you help"): not a person's state.
  // Session 44 (lead, retest-conv s44 H1): a texted "can't catch my breath and my chest is tight" (the subject left out,
  // "can not ..." after canonical tokens) is a statement, not a question.
  if (ASKS.has(c[0] ?? '') && c[1] !== 'not') return [];
  const sudden = c.some((t) => SUDDEN.has(t));
  const out: SymptomSign[] = [];
  // (`from` is where the sign's words start; a "can not ..." frame is negated only before its "can".)
  const push = (cls: SiteClass, strong: boolean, from: number, to: number, cant = false): void => {
    if (negatedBetween(c, from - 3, cant ? from : to) || explainedAfter(c, to) || maybeBefore(c, from) || PRODUCT_AFTER.has(c[to + 1] ?? '')) return;
    out.push({ cls, strong, words: c.slice(Math.max(0, from), to + 1).join(' ') });
  };
  for (let i = 0; i < c.length; i++) {
    const t = c[i];
    const cls = SITE.get(t);
    if (cls !== undefined) {
      const owner = ownerAt(c, i, cls);
      if (owner === null) continue;
      // After the site: "my chest hurts", "her face has dropped on one side".
      for (let k = i + 1; k < Math.min(c.length, i + 6); k++) {
        const w = c[k];
        const strong = STRONG_AFTER[cls].has(w);
        if (strong || WEAK_AFTER[cls].has(w)) {
          // (Something that comes off is a part of a thing: "the arm dropped off".)
          if (c[k + 1] === 'off' || c[k + 1] === 'out') break;
          push(cls, strong && owner !== 'unknown' && !(cls === 'speech' && owner === 'self' && !sudden), i, k);
          break;
        }
        if (!BETWEEN.has(w)) break;
      }
      // Before the site: "pain in my chest", "crushing feeling in his chest", "numbness in her left arm".
      let k = i - 1;
      while (k >= 0 && SIDE_WORDS.has(c[k])) k--;
      if (k >= 0 && (POSSESSIVE_SELF.has(c[k]) || POSSESSIVE_OTHER.has(c[k]) || c[k] === 'the') && IN_SITE.has(c[k - 1] ?? '')) {
        const n = c[k - 2] ?? '';
        const feeling = n === 'feeling' && (FEELING_HOW.has(c[k - 3] ?? '') || FEELING_HOW.has(c[k - 4] ?? ''));
        if (BEFORE_NOUN[cls].has(n) || feeling) push(cls, cls === 'chest' || (cls === 'face' && n === 'drooping'), k - 2 - (feeling ? 1 : 0), i);
      }
      // An adjective right before it: "a tight chest", "a numb left arm", "slurred speech".
      if (k >= 0 && BEFORE_ADJ[cls].has(c[k])) {
        const adjOwner = ownerBefore(c, k - 1);
        if (adjOwner !== null) push(cls, adjOwner !== 'unknown' && cls !== 'limb', k, i);
      }
      // "clutching his chest".
      if (cls === 'chest' && (POSSESSIVE_OTHER.has(c[i - 1] ?? '') || POSSESSIVE_SELF.has(c[i - 1] ?? '')) && CLUTCH.has(c[i - 2] ?? '')) push('chest', true, i - 2, i);
      continue;
    }
    // The person's verbs: "he's slurring (his words)", "my uncle speak slurred".
    if (SLUR.has(t) && (SPEAK_VERBS.has(c[i - 1] ?? '') || c[i - 1] !== 'the')) {
      const who = subjectBefore(c, SPEAK_VERBS.has(c[i - 1] ?? '') ? i - 1 : i);
      if (who !== null) push('speech', who === 'other' || sudden, i - 1, i);
      continue;
    }
    // "can't lift her arm", "cannot move his right arm", "can't feel my arm"; "can't speak properly".
    if (t === 'not' && (c[i - 1] === 'can' || c[i - 1] === 'could')) {
      const v = c[i + 1] ?? '';
      if (CANT_VERB_LIMB.has(v)) {
        let k = i + 2;
        if (POSSESSIVE_SELF.has(c[k] ?? '') || POSSESSIVE_OTHER.has(c[k] ?? '')) k++;
        else continue;
        while (SIDE_WORDS.has(c[k] ?? '')) k++;
        const site = SITE.get(c[k] ?? '');
        if (site === 'limb' || site === 'face') push(site, sudden && v !== 'feel', i - 1, k, true);
      } else if (CANT_VERB_SPEECH.has(v) && HOW_SPOKEN.has(c[i + 2] ?? '')) {
        const who = subjectBefore(c, i - 1);
        if (who !== null) push('speech', sudden, i - 1, i + 2, true);
      }
    }
  }
  return out;
}

/**
 * The signs of a message read clause by clause: the words of a strong sign, or of two weak signs of different classes
 * ("chest hurts; left arm numb"), else null.
 */
export function symptomFrameIn(clauses: readonly (readonly string[])[]): string | null {
  const weak: SymptomSign[] = [];
  for (const c of clauses) {
    for (const s of signsInClause(c)) {
      if (s.strong) return s.words;
      if (!weak.some((w) => w.cls === s.cls)) weak.push(s);
    }
  }
  return weak.length >= 2 ? `${weak[0].words}; ${weak[1].words}` : null;
}
