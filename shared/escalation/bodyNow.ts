/**
 * Session 49 (emerg6, hostile s49 H4): a person hurt or ill NOW said in plain words, read as frames of meaning rather than
 * fixed phrases (canonical tokens, clause by clause; the message guards, long ago, money, a habit, a time to come, a story,
 * are detectUrgency's notNow):
 *  - fall: a fall (fell, fallen, had a fall, slipped, tripped, on the floor / ground) and a person who cannot rise or move
 *    ("can't get up", "unable to get up", "cannot stand up", "can't move her leg"): "my mum fell down the stairs and can't
 *    get up". Not "can't get up in the mornings" (no fall), not "fell for your advert", not "can't move it" (a thing).
 *  - swelling: a person's airway or face swelling now ("my throat is swelling up", "his throat is closing up", "her
 *    tongue is swollen", "her eyes are swollen shut", "my throat feels tight"); an allergic reaction with trouble
 *    swallowing ("can hardly swallow"). The face or eyes merely "swollen" is a sign only beside a reaction or another sign.
 *    Not a thing ("the phone case is swollen", "face cream"), not "ankles swell on flights" (no such site).
 *  - confusion: a person confused, drowsy, disoriented, not making sense, not knowing where they are, slurring: two such
 *    signs, or one with a cause (a blow to the head, a fall, fumes) or "suddenly". Not "confused by / about your website",
 *    not "non-drowsy", not "gets confused" (a habit).
 *  - crush: a heavy thing (a TV, wardrobe, bookcase, shelf...) fallen, toppled or pulled over on a person ("the wardrobe
 *    fell on my daughter", "pulled the TV over on himself"), a person trapped or pinned under one. Not on a thing ("the
 *    shelf fell on my car"), not "nobody was near it", not "what if the bookcase falls on my kids?".
 *  - wound: glass, a shard, a nail or a blade in or stuck in a person's body ("glass in her foot", "a shard of glass in
 *    my hand", "it is stuck in her foot" with glass named), a deep cut or a gash on a body, cuts all over a body, "blood
 *    everywhere", "pouring with blood", "losing a lot of blood", "covered in blood". Not "the glass in the frame", "blood
 *    pressure monitor", "price cut".
 * Negation ("not swollen", "no blood", "nobody fell"), a question or hypothetical before the sign ("what if", "could",
 * "is it safe") and a person fine again ("he's fine now") take a sign back.
 */
import { hasGateWord, tokenGate } from './canonicalTokens';
import { NOT_WORDS, negatedWithin, negators } from './negators';
import { SYMPTOM_PERSON } from './symptomFrame';

const NEG = negators(NOT_WORDS, 'nobody', 'noone', 'without', 'nothing', 'no');
const isPerson = (t: string | undefined): boolean => t !== undefined && (SYMPTOM_PERSON.has(t) || (t.length > 3 && t.endsWith('s') && SYMPTOM_PERSON.has(t.slice(0, -1))));
const POSSESSIVE = new Set(['my', 'his', 'her', 'their', 'our', 'your', 'me']);
const BODY = new Set(['head', 'face', 'eye', 'eyes', 'hand', 'hands', 'finger', 'fingers', 'thumb', 'arm', 'arms', 'leg', 'legs', 'wrist', 'wrists', 'ankle', 'ankles',
  'foot', 'feet', 'toe', 'toes', 'knee', 'knees', 'lip', 'lips', 'chin', 'nose', 'neck', 'back', 'chest', 'stomach', 'belly', 'tummy', 'side', 'thigh', 'shin',
  'palm', 'heel', 'scalp', 'forehead', 'cheek', 'shoulder', 'body', 'skin', 'mouth', 'throat', 'tongue', 'ear', 'ears']);

/** A question to the bot or about a product, or a hypothetical, before `at` in the clause. */
export const ASK_OPEN: ReadonlySet<string> = new Set(['is', 'are', 'does', 'do', 'can', 'could', 'would', 'should', 'will', 'what', 'how', 'which']);
const MAYBE = new Set(['if', 'whether', 'could', 'would', 'might', 'may', 'risk', 'risks', 'prevent', 'avoid', 'cause', 'causes', 'case', 'incase', 'suppose']);
function askedOrMaybe(c: readonly string[], at: number): boolean {
  if (ASK_OPEN.has(c[0] ?? '') && c[1] !== 'not') return true;
  for (let k = 0; k < at; k++) if (MAYBE.has(c[k]) || (c[k] === 'when' && c[k - 1] === 'for')) return true;
  return false;
}
const negatedBefore = (c: readonly string[], at: number, span = 3): boolean => negatedWithin(c, at, NEG, span);

// ---- fall and cannot rise ----------------------------------------------------------------------------------------------
const FALL = new Set(['fell', 'fallen', 'falling', 'fall', 'slipped', 'tripped', 'collapsed', 'floor', 'ground', 'stairs']);
const CANT = new Set(['can not', 'could not', 'unable to', 'can hardly', 'can barely', 'struggling to', 'not able to', 'cannot']);
const RISE = new Set(['get', 'stand', 'move', 'walk', 'sit', 'lift', 'breathe', 'feel']);
/** What may follow the verb of rising for it to be the person's own body. */
const RISE_AFTER = new Set(['back', 'to', 'up', 'properly', 'at', 'by', 'on', 'off', 'her', 'his', 'their', 'my', 'him', 'them', 'herself', 'himself', 'themselves', 'myself', 'anymore', 'again', 'now', 'without']);
/** "can't get up in the mornings", "can't move house": a habit or a thing. */
const RISE_NOT = new Set(['mornings', 'morning', 'early', 'house', 'money', 'it', 'this', 'that', 'the', 'a', 'an', 'order', 'parcel', 'box', 'car', 'furniture', 'sofa', 'forward', 'on']);
function fallIn(c: readonly string[]): number {
  for (let i = 0; i < c.length; i++) {
    const t = c[i];
    if (!FALL.has(t)) continue;
    // Figures: "fell for your advert", "fell through", "fell apart", "fall sale", "the floor price".
    if ((t === 'fell' || t === 'fall' || t === 'fallen') && (/^(?:for|through|apart|behind|asleep|out|silent|short|sale|collection|range|season|colours|colors)$/.test(c[i + 1] ?? '') || (c[i + 1] === 'in' && c[i + 2] === 'love'))) continue;
    if ((t === 'floor' || t === 'ground') && c[i - 1] !== 'the' && c[i - 1] !== 'on') continue;
    if ((t === 'floor' || t === 'ground') && c[i - 2] !== 'on' && c[i - 1] !== 'on') continue;
    if (t === 'stairs' && !c.slice(Math.max(0, i - 3), i).some((w) => FALL.has(w) && w !== 'stairs')) continue;
    if (negatedBefore(c, i)) continue;
    return i;
  }
  return -1;
}
/** A fall anywhere in the message (`toks`) and a person who cannot rise in the clause `c`. */
function fallSign(c: readonly string[], toks: readonly string[]): string | null {
  const fall = fallIn(toks);
  if (fall < 0) return null;
  for (let i = 0; i < c.length - 1; i++) {
    const two = `${c[i]} ${c[i + 1]}`;
    const isCant = CANT.has(two) || c[i] === 'cannot';
    if (!isCant) continue;
    const v = c[i] === 'cannot' ? i + 1 : i + 2;
    const verb = c[v];
    if (verb === undefined || !RISE.has(verb)) continue;
    const after = c[v + 1];
    if (after !== undefined && (RISE_NOT.has(after) || !(RISE_AFTER.has(after) || BODY.has(after)))) continue;
    // "get" only as "get up" / "get her up" / "get off the floor"; session 50 (emerg8, hostile s50 H1): "get back up",
    // "get himself up", "get to her feet".
    if (verb === 'get' && !(after === 'up' || after === 'off' || (/^(?:her|him|them|back|himself|herself|themselves|myself)$/.test(after ?? '') && c[v + 2] === 'up') || (after === 'to' && c[v + 3] === 'feet'))) continue;
    if (askedOrMaybe(c, i)) continue;
    return `${toks[fall]} ... ${c.slice(i, v + 2).join(' ')}`;
  }
  return null;
}

// ---- swelling of the airway or face --------------------------------------------------------------------------------------
const AIRWAY = new Set(['throat', 'tongue', 'lips', 'lip', 'mouth', 'airway', 'airways']);
const FACE = new Set(['face', 'eyes', 'eye', 'eyelids', 'eyelid', 'cheeks', 'neck']);
const SWELL = new Set(['swelling', 'swollen', 'swelled', 'swell', 'swells', 'puffing', 'puffed', 'ballooning', 'closing', 'tight', 'tightening', 'blowing', 'blown']);
const SWELL_BETWEEN = new Set(['is', 's', 'are', 'has', 'have', 'been', 'feels', 'feel', 'feeling', 'looks', 'look', 'getting', 'gone', 'going', 'all', 'really', 'very', 'so',
  'suddenly', 'now', 'still', 'started', 'starting', 'to', 'and', 'lips', 'tongue', 'throat', 'face', 'eyes', 'keeps', 'up', 'quite', 'badly', 'massively', 'a', 'bit', 'completely']);
/** A thing named by the site: "face cream", "eye shadow", "lip balm", "mouth guard", "throat lozenges". */
const SITE_THING = new Set(['cream', 'creams', 'mask', 'masks', 'wash', 'shadow', 'liner', 'balm', 'gloss', 'stick', 'guard', 'lozenges', 'sweets', 'spray', 'drops', 'serum',
  'oil', 'paint', 'pillow', 'of', 'piece', 'strap', 'wipes', 'scrub', 'tint', 'pencil', 'plumper']);
const REACTION = new Set(['allergic', 'allergy', 'reaction', 'anaphylaxis', 'anaphylactic', 'hives', 'rash', 'wheezing', 'wheezy', 'stung', 'sting']);
const SWALLOW_TROUBLE = /\b(?:can not|cannot|can hardly|can barely|could not|struggling to|hard to|trouble|difficulty) (?:swallow|swallowing|breathe|breathing)\b/;
const FEELING = new Set(['pride', 'joy', 'emotion', 'emotions', 'happiness', 'love', 'excitement', 'gratitude', 'anticipation', 'tears', 'rage', 'anger', 'envy', 'jealousy', 'delight', 'glee', 'hope']);
const CRYING = new Set(['crying', 'cried', 'tears', 'sleep', 'hayfever', 'cold', 'tired']);
function ownerOf(c: readonly string[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (AIRWAY.has(c[k]) || FACE.has(c[k]) || c[k] === 'and' || c[k] === 'whole')) k--;
  const p = c[k];
  return p === undefined || POSSESSIVE.has(p) || isPerson(p) || p === 'help' || p === 'please';
}
function swellingSign(c: readonly string[], message: readonly string[]): string | null {
  const reaction = message.some((t) => REACTION.has(t));
  for (let i = 0; i < c.length; i++) {
    const t = c[i];
    const airway = AIRWAY.has(t);
    if (!airway && !FACE.has(t)) continue;
    if (SITE_THING.has(c[i + 1] ?? '')) continue;
    if (!ownerOf(c, i)) continue;
    for (let k = i + 1; k < Math.min(c.length, i + 7); k++) {
      const w = c[k];
      if (SWELL.has(w)) {
        if (negatedBefore(c, k, k - i) || askedOrMaybe(c, i)) break;
        if (c.slice(k + 1, k + 5).some((x) => CRYING.has(x))) break;
        // Session 50 (emerg8, hostile s50 M1): a feeling, "my throat is swelling with pride", "swollen with joy".
        if (c[k + 1] === 'with' && FEELING.has(c[k + 2] ?? '')) break;
        // (Closing and tight are the throat's: "my eyes are closing" is tiredness.)
        if ((w === 'closing' || w === 'tight' || w === 'tightening') && t !== 'throat' && t !== 'airway' && t !== 'airways') break;
        // (Lead, session 49: "lips swelled up afterwards", "swelled up and I had to take antihistamines" were over: a past
        // form with no word of now before it is the safety topic's story, not a 999 call; a face swollen after a reaction,
        // not growing and no airway, likewise: escrfEval w37-389, w41-005, w42-337.)
        const past = (w === 'swelled' || w === 'puffed' || w === 'blown') && !c.slice(i + 1, k).some((x) => /^(?:is|are|s|has|have|been|now|still|keeps)$/.test(x));
        if (past) break;
        const progressive = w === 'swelling' || w === 'puffing' || w === 'ballooning' || w === 'closing' || w === 'tightening' || c[k + 1] === 'up' || c[k + 1] === 'shut';
        if (airway || progressive) return c.slice(i, Math.min(c.length, k + 2)).join(' ');
        break;
      }
      if (!SWELL_BETWEEN.has(w)) break;
    }
    // Before the site: "a swollen tongue", "swelling in her throat", "swelling of his lips".
    const b = c[i - 1] === 'her' || c[i - 1] === 'his' || c[i - 1] === 'my' || c[i - 1] === 'their' ? i - 2 : i - 1;
    const before = c[b] ?? '';
    if ((before === 'swollen' || ((before === 'in' || before === 'of') && (c[b - 1] === 'swelling' || c[b - 1] === 'tightness'))) && (airway || reaction) && !negatedBefore(c, b) && !askedOrMaybe(c, b)) return c.slice(Math.max(0, b - 1), i + 1).join(' ');
  }
  if (reaction) {
    const m = SWALLOW_TROUBLE.exec(c.join(' '));
    if (m !== null && !negatedBefore(c, c.join(' ').slice(0, m.index).split(' ').length - 1)) return m[0];
  }
  return null;
}

// ---- confusion, drowsiness -----------------------------------------------------------------------------------------------
const CONFUSED = new Set(['confused', 'disoriented', 'disorientated', 'drowsy', 'dazed', 'delirious', 'incoherent', 'groggy', 'slurring', 'unsteady']);
/** "confused by / about / with / why / how": the customer puzzled by something. */
const PUZZLED_AFTER = new Set(['by', 'about', 'with', 'why', 'how', 'what', 'as', 'over', 'at', 'which', 'whether', 'if', 'because', 'when', 'on', 'between', 'to']);
const CAUSE = new Set(['fumes', 'fume', 'gas', 'smoke', 'carbon', 'monoxide', 'heater', 'boiler', 'fire', 'fell', 'fall', 'fallen', 'head', 'banged', 'bang', 'knock', 'knocked',
  'concussion', 'pills', 'tablets', 'medicine', 'suddenly', 'sudden', 'drank', 'swallowed', 'took', 'headache', 'sick', 'vomiting']);
const PERSON_WORDS_STATE = new Set(['is', 's', 'are', 'am', 'seems', 'seem', 'looks', 'look', 'very', 'really', 'so', 'all', 'quite', 'suddenly', 'now', 'still', 'and',
  'become', 'becoming', 'gone', 'getting', 'feeling', 'feels', 'got', 'been', 'has', 'acting', 'bit', 'a', 'extremely', 'completely', 'totally', 'confused', 'drowsy']);
const CONFUSION_PHRASES = / (?:not|n t) making (?:any )?sense | does not know where (?:she|he|they|i|we) (?:is|are|am) | does not recognise | does not recognize | can not stay awake | keeps passing out | keeps nodding off | keeps being sick | not himself | not herself | talking nonsense | talking gibberish /;
function confusionSigns(c: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < c.length; i++) {
    const t = c[i];
    if (!CONFUSED.has(t)) continue;
    if (PUZZLED_AFTER.has(c[i + 1] ?? '') && t === 'confused') continue;
    if (c[i - 1] === 'non' || c[i - 1] === 'gets' || c[i - 1] === 'get' || c[i - 1] === 'makes' || c[i - 1] === 'make' || c[i - 1] === 'cause' || c[i - 1] === 'causes') continue;
    // The owner: a person before it ("my grandad is very confused", "shes drowsy", "she is confused").
    let k = i - 1;
    while (k >= 0 && PERSON_WORDS_STATE.has(c[k])) k--;
    const p = c[k];
    if (!(p === undefined || isPerson(p) || p === 'i' || p === 'we' || p === 'she' || p === 'he' || p === 'shes' || p === 'hes' || p === 'they' || p === 'theyre')) continue;
    // "I am confused" needs a body cause or another sign (the puzzled customer is the common reading).
    if (negatedBefore(c, i, 2)) continue;
    out.push(t);
  }
  const padded = ` ${c.join(' ')} `;
  const m = CONFUSION_PHRASES.exec(padded);
  if (m !== null && !/ (?:website|site|app|page|form|instructions|manual|menu|order|email|letter|bill) /.test(padded)) out.push(m[0].trim());
  return out;
}

// ---- wounds: glass or a blade in the body, deep cuts, blood --------------------------------------------------------------
const SHARP = new Set(['glass', 'shard', 'shards', 'splinter', 'splinters', 'nail', 'nails', 'blade', 'knife', 'needle', 'screw', 'metal', 'wire', 'skewer']);
const INTO = new Set(['in', 'into', 'through']);
const STUCK = new Set(['stuck', 'lodged', 'embedded', 'sticking', 'buried', 'gone']);
const CUT = new Set(['cut', 'cuts', 'gash', 'gashes', 'wound', 'wounds', 'laceration', 'slash', 'slashed', 'sliced']);
const DEEP = new Set(['deep', 'bad', 'nasty', 'big', 'huge', 'massive', 'serious', 'open', 'gaping', 'horrible', 'terrible']);
const BLOOD_NOW = / blood (?:everywhere|all over|is pouring|pouring|gushing|is gushing|spurting|is spurting|pumping|will not stop|won t stop|wont stop) | (?:pouring|gushing|dripping|spurting|pumping) (?:with |out )?blood | (?:losing|lost) (?:a lot of|so much|lots of|loads of|too much) blood | (?:so much|a lot of|lots of|loads of) blood | covered in blood | needs stitches | need stitches | needs stiches /;
const BLOOD_THING = / blood (?:pressure|orange|oranges|test|tests|type|sugar|donor|bank|moon|red|glucose|group|monitor|vessel)| fake blood | film| movie| game| book| show| series| halloween| costume/;
function woundSign(c: readonly string[], message: readonly string[]): string | null {
  const padded = ` ${c.join(' ')} `;
  const blood = BLOOD_NOW.exec(padded);
  if (blood !== null && !BLOOD_THING.test(padded)) {
    const at = padded.slice(0, blood.index).trim().split(' ').filter((x) => x !== '').length;
    if (!negatedBefore(c, at + 1, 3) && !askedOrMaybe(c, at)) return blood[0].trim();
  }
  const glass = message.some((t) => SHARP.has(t));
  for (let i = 0; i < c.length; i++) {
    const t = c[i];
    // "glass in her foot", "a shard of glass in my hand", "glass stuck in his leg", "it is stuck in her foot" (glass named).
    if (INTO.has(t) && POSSESSIVE.has(c[i + 1] ?? '') && BODY.has(c[i + 2] ?? '') && c[i + 1] !== 'your') {
      const back = c.slice(Math.max(0, i - 4), i);
      const sharpBefore = back.some((w) => SHARP.has(w));
      const stuckBefore = back.some((w) => STUCK.has(w)) && glass;
      if ((sharpBefore || stuckBefore) && !negatedBefore(c, i, 5) && !askedOrMaybe(c, i)) return c.slice(Math.max(0, i - 2), i + 3).join(' ');
    }
    // A learner's "glass in foot".
    if (SHARP.has(t) && c[i + 1] === 'in' && BODY.has(c[i + 2] ?? '') && isPerson(c.slice(0, i).find((w) => isPerson(w))) && !negatedBefore(c, i) && !askedOrMaybe(c, i)) return c.slice(i, i + 3).join(' ');
    // "a deep cut on her arm", "cuts all over her face", "a nasty gash on his head", "cut his hand open".
    if (CUT.has(t)) {
      const deep = DEEP.has(c[i - 1] ?? '') || ((t === 'cuts' || t === 'gashes') && c[i + 1] === 'all' && c[i + 2] === 'over') || t === 'gash' || t === 'gashes' || t === 'laceration';
      if (deep) {
        let k = i + 1;
        if (c[k] === 'all' && c[k + 1] === 'over') k += 2;
        else if (c[k] === 'on' || c[k] === 'in' || c[k] === 'to' || c[k] === 'across' || c[k] === 'down') k++;
        else k = -1;
        if (k > 0 && POSSESSIVE.has(c[k] ?? '') && BODY.has(c[k + 1] ?? '') && !negatedBefore(c, i, 4) && !askedOrMaybe(c, i)) return c.slice(Math.max(0, i - 1), k + 2).join(' ');
      }
      if ((t === 'cut' || t === 'sliced' || t === 'slashed') && POSSESSIVE.has(c[i + 1] ?? '') && BODY.has(c[i + 2] ?? '') && /^(?:open|deep|deeply|to)$/.test(c[i + 3] ?? '') && !negatedBefore(c, i) && !askedOrMaybe(c, i)) return c.slice(i, i + 4).join(' ');
    }
  }
  return null;
}

// ---- a heavy thing fallen on a person ------------------------------------------------------------------------------------
const HEAVY = new Set(['tv', 'television', 'telly', 'wardrobe', 'bookcase', 'bookshelf', 'shelf', 'shelves', 'shelving', 'dresser', 'drawers', 'cabinet', 'cupboard',
  'furniture', 'mirror', 'unit', 'fridge', 'freezer', 'table', 'desk', 'cot', 'bunk', 'bed', 'sofa', 'chest', 'stand', 'heater', 'radiator', 'door', 'gate',
  'ladder', 'cooker', 'oven', 'washer', 'dryer', 'piano', 'tree', 'boxes', 'box', 'crate', 'pallet', 'wall', 'ceiling', 'cabinets', 'cupboards', 'wardrobes']);
const FELL_ON = new Set(['fell', 'fallen', 'toppled', 'tipped', 'collapsed', 'crashed', 'landed', 'came', 'come', 'pulled', 'knocked', 'dropped', 'tumbled', 'went']);
const ONTO = new Set(['on', 'onto', 'over']);
const UNDER = new Set(['under', 'underneath', 'beneath']);
const PINNED = new Set(['trapped', 'pinned', 'stuck', 'crushed', 'squashed', 'lying']);
const PERSON_OBJECT = new Set(['him', 'her', 'himself', 'herself', 'themselves', 'me', 'us', 'myself']);
/** The person at `k` ("my daughter", "him", "himself", "the baby", "my little girl"), or -1. */
function personAt(c: readonly string[], k: number): number {
  if (PERSON_OBJECT.has(c[k] ?? '')) return k;
  let j = k;
  if (POSSESSIVE.has(c[j] ?? '') || c[j] === 'the') j++;
  while (/^(?:little|baby|young|old|elderly|poor|2|3|4|5|two|three|four|five|year|yr|old)$/.test(c[j] ?? '') && !isPerson(c[j])) j++;
  return j > k && isPerson(c[j]) ? j : -1;
}
function crushSign(c: readonly string[]): string | null {
  for (let i = 0; i < c.length; i++) {
    const t = c[i];
    // "the wardrobe fell on my daughter", "pulled the TV over on himself", "tipped over on top of my little girl".
    if (HEAVY.has(t)) {
      let verb = -1;
      for (let k = i + 1; k < Math.min(c.length, i + 4); k++) if (FELL_ON.has(c[k])) verb = k;
      for (let k = Math.max(0, i - 4); k < i && verb < 0; k++) if (c[k] === 'pulled' || c[k] === 'knocked' || c[k] === 'tipped') verb = k;
      if (verb < 0) continue;
      const from = Math.max(i, verb) + 1;
      for (let k = from; k < Math.min(c.length, from + 4); k++) {
        if (!ONTO.has(c[k]) && !(c[k] === 'top' && c[k - 1] === 'on') && c[k] !== 'of' && c[k] !== 'down' && c[k] !== 'over' && c[k] !== 'on') break;
        if (!(ONTO.has(c[k]) || c[k] === 'of')) continue;
        const p = personAt(c, k + 1);
        if (p >= 0 && !negatedBefore(c, Math.min(i, verb), 4) && !askedOrMaybe(c, Math.min(i, verb))) return c.slice(Math.min(i, verb) - (c[Math.min(i, verb) - 1] === 'the' ? 1 : 0), p + 1).join(' ');
      }
    }
    // "he is trapped under the bookcase", "pinned underneath the shelving unit".
    // ("stuck" or "lying" under a bed is no danger by itself: only with the thing fallen, "trapped" / "pinned" / "crushed" alone.)
    const weakPin = t === 'stuck' || t === 'lying';
    if (PINNED.has(t) && UNDER.has(c[i + 1] ?? '') && c.slice(i + 2, i + 6).some((w) => HEAVY.has(w)) && !negatedBefore(c, i) && !askedOrMaybe(c, i) && !(weakPin && !c.some((w) => FELL_ON.has(w) && w !== 'went' && w !== 'came'))) {
      let k = i - 1;
      while (k >= 0 && /^(?:is|are|s|am|still|now|been|has|got|completely|totally)$/.test(c[k])) k--;
      if (k < 0 || isPerson(c[k]) || c[k] === 'i' || c[k] === 'we' || c[k] === 'she' || c[k] === 'he') return c.slice(i, i + 2 + c.slice(i + 2, i + 6).findIndex((w) => HEAVY.has(w)) + 1).join(' ');
    }
    // "... and he is trapped underneath" (the thing in the clause before).
    if (PINNED.has(t) && !weakPin && (c[i + 1] === 'underneath' || c[i + 1] === 'under') && c[i + 2] === undefined && c.some((w) => HEAVY.has(w)) && !negatedBefore(c, i)) return `${t} ${c[i + 1]}`;
  }
  return null;
}

/** The words any frame needs one of (a message with none, most, skips the reading). */
const BODY_GATE = tokenGate(new Set([...FALL, ...SWELL, ...REACTION, ...CONFUSED, 'sense', 'know', 'recognise', 'recognize', 'awake', 'passing', 'nodding', 'sick', 'himself', 'herself',
  'nonsense', 'gibberish', ...SHARP, ...CUT, 'blood', 'stitches', 'stiches', 'stuck', 'lodged', 'embedded', ...PINNED, ...HEAVY]));
export function mayHoldBodySign(toks: readonly string[]): boolean {
  return hasGateWord(toks, BODY_GATE);
}

/** A person fine again: "he's fine now", "she is ok now", "all good now", "it's cleared up". */
const FINE_NOW = / (?:is|s|am|are|hes|shes|seems|seem|was|were) (?:fine|ok|okay|alright|all right|better|recovered)(?: now)? | all good now | cleared up | has cleared | went down | gone down | healed /;

/**
 * The first plain-word sign of a person hurt or ill now in the message's clauses (`carried`: the clauses with a carried
 * subject), or null. `toks` is the whole message.
 */
export function bodySignIn(clauses: readonly (readonly string[])[], toks: readonly string[]): string | null {
  if (FINE_NOW.test(` ${toks.join(' ')} `)) return null;
  const confusion: string[] = [];
  for (const c of clauses) {
    const hit = fallSign(c, toks) ?? swellingSign(c, toks) ?? woundSign(c, toks) ?? crushSign(c);
    if (hit !== null) return hit;
    if (ASK_OPEN.has(c[0] ?? '') && c[1] !== 'not') continue;
    if (c.some((t) => MAYBE.has(t))) continue;
    for (const s of confusionSigns(c)) if (!confusion.includes(s)) confusion.push(s);
  }
  if (confusion.length >= 2) return confusion.slice(0, 2).join(' and ');
  if (confusion.length === 1 && confusion[0] !== 'confused' && toks.some((t) => CAUSE.has(t))) return confusion[0];
  if (confusion.length === 1 && confusion[0] === 'confused' && toks.some((t) => CAUSE.has(t) && t !== 'sick')) return confusion[0];
  return null;
}
