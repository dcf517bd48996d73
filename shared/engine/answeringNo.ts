/**
 * Session 13 (README "Not finished", newcomer s12 / w13-052): a typed answer that only STARTS like a button ("No number
 * I am afraid" at "Would you like to talk to a person? [Talk to a person] [No thanks]") used to pick "No thanks",
 * because "no" is one of that button's synonyms and was found as a word inside the sentence.
 *
 * The rule: the word "no" answers a question when it stands as an answer: alone, followed by punctuation ("No, I want
 * to cancel" answers no; what follows is not read by the button), or followed by a word an answering "no" takes ("no
 * thanks", "no I'm fine", "no need", "no it's ok"). Followed straight by another word it is a determiner ("no number",
 * "no one answered", "no idea", "I have no order number"): that sentence says something else and picks no button, so
 * the block does what it does with text that matches none (asks again while its Retries allow, or lets a router wired
 * to its fallback read the message). "nope", "nah" and the yes words are never determiners and are not affected.
 * Pure: reads the customer's raw text (the normalised text has lost the punctuation that tells "No, thanks" apart).
 */

/** Words that follow an answering "no" with no punctuation between ("no thanks", "no I'm good", "no need"). */
const AFTER_ANSWERING_NO: ReadonlySet<string> = new Set([
  'thanks', 'thank', 'thankyou', 'thx', 'ty', 'tx', 'cheers', 'ta', 'please', 'pls', 'plz', 'sorry', 'worries', 'need', 'way',
  'i', "i'm", 'im', "i've", 'ive', "i'd", "i'll", 'ill', 'it', "it's", 'its', 'that', "that's", 'thats', 'this', 'we', "we're",
  'you', 'u', 'not', 'never', 'nothing', 'ok', 'okay', 'k', 'fine', 'good', 'all', 'just', 'really', 'sir', 'madam', 'mate',
  'but', 'because', 'cause', 'cos', 'as', 'then', 'maybe', 'later', "don't", 'dont', "didn't", 'didnt', "doesn't", 'doesnt',
  "isn't", 'isnt', "wasn't", 'wasnt', 'no', 'nope', 'nah', 'yet', 'still', 'more', 'other', 'else', 'problem',
]);

const NO = /(^|[^\p{L}\p{N}'’])no(?![\p{L}\p{N}])/giu;

/** The word right after position `at` (letters, digits and apostrophes), lower case, or null when punctuation, an emoji or the end comes first. */
function wordAfter(text: string, at: number): string | null {
  const m = /^[ \t]+([\p{L}\p{N}'’]+)/u.exec(text.slice(at));
  return m ? m[1].toLowerCase().replace(/’/g, "'") : null;
}

/**
 * True when the raw text has the word "no" and every "no" in it is a determiner ("no number", "no one"): a button
 * whose label or synonym is "no" must not be picked for the word alone. False when some "no" answers, or there is none.
 */
export function noOnlyAsDeterminer(raw: string): boolean {
  let seen = false;
  for (const m of raw.matchAll(NO)) {
    seen = true;
    const next = wordAfter(raw, (m.index ?? 0) + m[0].length);
    if (next === null || AFTER_ANSWERING_NO.has(next)) return false;
  }
  return seen;
}
