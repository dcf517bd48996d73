/**
 * Session 12 (hostile s12 #12): the part of a customer message the engine analyses. Messages are analysed up to
 * MAX_ANALYSED_TEXT characters (the cost of analysis grows with the text); the first 1,000 characters used to be kept,
 * so ~700 filler words and then "I want a human" were never read. A longer message is now read as its head and its last
 * TAIL characters (cut at a word), joined by " . ", so the request at the end of a long letter is seen. Pure.
 */
import { MAX_ANALYSED_TEXT } from '../flow/limits';

const TAIL = 300;
const JOIN = ' . ';

export function analysedPart(text: string): string {
  if (text.length <= MAX_ANALYSED_TEXT) return text;
  let tail = text.slice(text.length - TAIL);
  const space = tail.search(/\s/);
  if (space > 0 && space < 40) tail = tail.slice(space + 1);
  return text.slice(0, MAX_ANALYSED_TEXT - JOIN.length - tail.length) + JOIN + tail;
}
