/**
 * When two labels a customer sees read the same (review debt s11): the Buttons block's duplicate buttons
 * (duplicate_option_label) and the escalation offer's two buttons (offer_buttons_same_label) used two different
 * normalisations of the same idea. One definition now, used by both.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */

/** Characters that show nothing: zero-width spaces/joiners, word joiner, BOM, direction marks, controls, spaces. */
export const INVISIBLE = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;

/**
 * A label as a customer reads it and as the engine matches what they type: compatibility forms as their plain letters
 * (NFKC: full-width "ＯＫ" is "OK"), case, the punctuation ! . , and anything invisible do not count, spaces collapse.
 * The engine's own matching (normalizeText, matchButton, offerAnswer) forgives at least that much, so two labels with
 * the same key cannot be told apart by typing them.
 */
export function labelKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[!.,]+/g, ' ').replace(/\s+/g, ' ').replace(INVISIBLE, (c) => (c === ' ' ? ' ' : '')).replace(/ +/g, ' ').trim();
}

/** Each label that reads the same as an earlier one: its index and the first one's (in order of `again`). */
export function sameLabels(labels: readonly string[]): { first: number; again: number }[] {
  const seen = new Map<string, number>();
  const out: { first: number; again: number }[] = [];
  labels.forEach((label, again) => {
    const key = labelKey(label);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, again);
    else out.push({ first, again });
  });
  return out;
}
