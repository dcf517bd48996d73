/**
 * A laugh as a word of its own, read from a message's (lower-case) tokens: "lol", "loool", "lolll", "lolol", "haha",
 * "hahah", "hehe", "jajaja", "lmao", "lmfao", "rofl".
 * Session 46 (tidy3, review of s45): one pattern; it was written four times, each a little narrower than the others
 * (takenBack's joke reading, hazardNow's figure of speech, detectNegativeSentiment's joke and its swear-as-praise check):
 * the union is used everywhere. The classifier's LAUGH feature set (classifier/features.ts) is the model's input, trained
 * on, and stays as it is.
 */
export const LAUGH = /^(?:lo+l+|(?:lo)+l|(?:ha){2,}h?|(?:he){2,}h?|(?:ja){2,}|lmf?ao|rofl)$/;

/** Whether one token is a laugh (LAUGH). */
export function isLaugh(token: string): boolean {
  return LAUGH.test(token);
}
