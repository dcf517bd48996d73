/**
 * Hard limits that keep one conversation's work and state bounded whatever the flow does (hostile or simply
 * mistaken designs: a retry loop on a dead API, a variable that doubles itself). The engine enforces them;
 * the validator names them in its warnings. Pure constants.
 */

/**
 * HTTP calls one conversation may make without a customer message in between. Enough for any sane chain
 * (lookup -> update -> notify, a retry or two); a loop through an HTTP block's error exit stops here.
 */
export const MAX_HTTP_CALLS_PER_TURN = 10;

/** Longest value, in characters, a variable or a rendered template keeps; longer ones are cut with a note. */
export const MAX_VARIABLE_LENGTH = 10_000;

/** The note that ends a value cut at MAX_VARIABLE_LENGTH. */
export const TRUNCATED_NOTE = ' […cut: longer than 10,000 characters]';

/** `text` cut to MAX_VARIABLE_LENGTH characters (note included) when it is longer; otherwise `text` itself. */
export function boundText(text: string): string {
  return text.length <= MAX_VARIABLE_LENGTH ? text : text.slice(0, MAX_VARIABLE_LENGTH - TRUNCATED_NOTE.length) + TRUNCATED_NOTE;
}

/** Only the start of a long customer message is analysed: enough to understand it, and bounded time per message. */
export const MAX_ANALYSED_TEXT = 1000;
