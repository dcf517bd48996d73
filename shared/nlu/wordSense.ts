/**
 * Session 46 (conv6, hostile s45 M12, retest-conv s45 L6): an intent's keyword used in another sense is not that intent.
 * The intent matcher reads words, and a word of an intent's examples can mean something else where it stands: "sorry,
 * I'm back" was a return (0.69: the "back" of "send back my order"); "can you get back to me by email" a return (0.59);
 * "I'll return to this later" a return (0.63); "it's out of order" an order to track (0.65); a duration told with a
 * wait ("been waiting 3 weeks for NW-104233") read its "weeks" as the "how long" of a shipping question and its "3" as a
 * word no example knows (0.12: the order was not looked up); a count ("I've asked 3 times") read "times" as opening times.
 *
 * Read by the surrounding words, each of these is read as the word it stands for here (or as nothing), in messages and
 * in examples alike (an example that says "call me back" still matches a message that does):
 *  - "back" of being back in the chat ("I'm back", "we're back", "back again" first): a greeting ("hello");
 *  - "back" of coming back later ("I'll be back", "be right back") and "return" to the chat ("I'll return to this later",
 *    "return to the menu"): "later";
 *  - "back" of contact ("get back to me", "call / ring / text / email me back", "hear back", "reply back") and "return" of a
 *    call ("return my call"): "reply";
 *  - "back in stock": "stock"; "in return", "return the favour": nothing;
 *  - "out of order": broken ("damaged"); "in order to": nothing;
 *  - "it stopped", "stopped working": broken ("damaged"), not the "stop" of "please stop my order";
 *  - a duration or a count told ("3 weeks", "ten days", "a couple of hours", "for hours", "hours and hours", "5 times",
 *    "several times"): one value (DURATION, weighed as a value in a slot: a detail of the message, not its topic). Not "how many days"
 *    (a question about a duration) nor "what times" / "opening times".
 * Kept: "send it back", "get my money back", "take it back", "return it", "return to sender", "my order".
 * Pure.
 */

/** What the word at `k` stands for in this sense: its meaning words (maybe none), or null when read as before. */
export function senseAt(tokens: readonly string[], k: number): readonly string[] | null {
  const t = tokens[k]!;
  if (t === 'back') return backSense(tokens, k);
  if (t === 'return' || t === 'returning') return returnSense(tokens, k);
  if (t === 'order') return orderSense(tokens, k);
  if (t === 'brb') return LATER;
  if (t === 'stop' || t === 'stops' || t === 'stopped') return stopSense(tokens, k);
  if (inQuantity(tokens, k) && !asWindow(tokens, k)) return UNITS.has(tokens[k]!) ? DURATION : NOTHING;
  return null;
}

/**
 * What a duration or count told stands for: one value ("3 weeks" is one detail), which the matcher weighs as a value in a
 * slot (a word no example has, at a fraction of an unknown topic word's weight: it still dilutes a message that is
 * about something else, "if after some months it stop, you cover this or no?").
 */
export const DURATION: readonly string[] = ['duration'];

const NOTHING: readonly string[] = [];
const HELLO: readonly string[] = ['hello'];
const LATER: readonly string[] = ['later'];
const REPLY: readonly string[] = ['reply'];
const STOCK: readonly string[] = ['stock'];
const BROKEN: readonly string[] = ['damaged'];

/** Forms of "be" after which "back" is the customer's own return: "I am back", "we're back" ("were"), "i m back". */
const BE_NOW = new Set(['am', 'm', 'im', 'were', 're', 'are']);
const CONTACT = new Set(['call', 'ring', 'phone', 'text', 'email', 'e-mail', 'message', 'msg', 'write', 'reply', 'hear', 'txt', 'dm']);
const ME = new Set(['me', 'us']);
const CHAT_PLACES = new Set(['this', 'chat', 'conversation', 'here', 'menu', 'start', 'beginning', 'later', 'topic', 'question', 'that']);

function backSense(tokens: readonly string[], k: number): readonly string[] | null {
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  // "I'll be back", "be right back", "will be back later", "come back later".
  if (prev === 'be' || (prev === 'right' && tokens[k - 2] === 'be') || ((prev === 'come' || prev === 'check') && (next === 'later' || next === 'tomorrow' || next === 'soon'))) return LATER;
  // "I'm back", "I am back now", "we're back", "ok I am back"; "back again" / "back now" opening the message.
  if (prev !== undefined && BE_NOW.has(prev) && (tokens[k - 2] === 'i' || tokens[k - 2] === 'we' || prev === 'im' || prev === 'were')) return HELLO;
  if (k === 0 && (next === 'again' || next === 'now' || next === undefined)) return HELLO;
  // "get back to me", "get back to us", "hear back", "write back", "call me back", "text me back".
  if (prev === 'get' && next === 'to' && (ME.has(tokens[k + 2] ?? '') || tokens[k + 2] === 'you')) return REPLY;
  if (prev !== undefined && CONTACT.has(prev)) return REPLY;
  if (prev !== undefined && ME.has(prev) && CONTACT.has(tokens[k - 2] ?? '')) return REPLY;
  if (next === 'in' && tokens[k + 2] === 'stock') return STOCK;
  return null;
}

function returnSense(tokens: readonly string[], k: number): readonly string[] | null {
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  if (prev === 'in') return NOTHING; // "in return"
  // "return the favour", "return my call", "return your call", "return calls".
  const obj = next === 'the' || next === 'my' || next === 'your' || next === 'a' ? tokens[k + 2] : next;
  if (obj === 'favour' || obj === 'favor') return NOTHING;
  if (obj === 'call' || obj === 'calls' || obj === 'email' || obj === 'emails' || obj === 'message' || obj === 'messages') return REPLY;
  // "I'll return to this later", "return to the chat", "return to the main menu"; not "return to sender" nor "to the shop".
  if (next === 'to') {
    let j = k + 2;
    while (tokens[j] === 'the' || tokens[j] === 'this' || tokens[j] === 'main' || tokens[j] === 'my' || tokens[j] === 'our') {
      if (tokens[j] === 'this' && !CHAT_PLACES.has(tokens[j + 1] ?? '')) return LATER;
      j++;
    }
    if (CHAT_PLACES.has(tokens[j] ?? '') || tokens[j] === undefined) return LATER;
  }
  return null;
}

/**
 * "it stopped", "it stop", "stopped working", "the kettle stops heating": a thing that no longer works is broken, not the
 * "stop" of "please stop my order" (a cancellation).
 */
function stopSense(tokens: readonly string[], k: number): readonly string[] | null {
  const next = tokens[k + 1];
  if (next === 'working' || next === 'work' || next === 'charging' || next === 'heating' || next === 'turning' || next === 'running') return BROKEN;
  if (tokens[k - 1] === 'it' || tokens[k - 1] === 'has' || tokens[k - 1] === 'just') return next === 'my' || next === 'the' || next === 'this' || next === 'it' ? null : BROKEN;
  return null;
}

function orderSense(tokens: readonly string[], k: number): readonly string[] | null {
  if (tokens[k - 1] === 'of' && tokens[k - 2] === 'out') return BROKEN;
  if (tokens[k - 1] === 'in' && tokens[k + 1] === 'to') return NOTHING;
  return null;
}

/** Units of a duration or a count. */
const UNITS = new Set([
  'second', 'seconds', 'secs', 'minute', 'minutes', 'mins', 'hour', 'hours', 'hrs', 'day', 'days', 'week', 'weeks', 'wks', 'month', 'months',
  'year', 'years', 'yrs', 'fortnight', 'fortnights', 'times',
]);
/**
 * Words before a duration that make it a time window asked about ("within 2 days", "after 20 days", "in 3 days", "under
 * a week"): read as before (the unit is the "how long" of delivery and return questions).
 */
const WINDOW = new Set(['within', 'after', 'in', 'under', 'before', 'by', 'than', 'next', 'inside', 'past', 'over', 'up']);
/** Quantities before a unit ("3", "ten", "a couple of", "several"). */
const NUMBER_WORDS = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty',
  'forty', 'fifty', 'hundred', 'a', 'an', 'few', 'couple', 'several', 'many', 'multiple', 'numerous', 'countless', 'some', 'dozen', 'half',
]);
const isQuantity = (t: string | undefined) => t !== undefined && (/^\d+(?:[.,]\d+)?$/.test(t) || NUMBER_WORDS.has(t));

/**
 * Whether the token at `k` is part of a duration or count told: a unit after a quantity ("3 weeks", "a couple of days",
 * "several times") or after "for" ("for hours", "for weeks"), a unit followed by "and" and itself ("hours and hours"), or
 * the quantity (and "of") before such a unit. Not after "how" ("how many days").
 */
function inQuantity(tokens: readonly string[], k: number): boolean {
  const t = tokens[k]!;
  if (UNITS.has(t)) return unitTold(tokens, k);
  if (t === 'of') return UNITS.has(tokens[k + 1] ?? '') && isQuantity(tokens[k - 1]) && unitTold(tokens, k + 1);
  if (!isQuantity(t)) return false;
  let j = k + 1;
  if (tokens[j] === 'of') j++;
  return UNITS.has(tokens[j] ?? '') && unitTold(tokens, j);
}
/** Whether the duration the token at `k` is part of is a time window ("within 2 days"): the word before its quantity. */
function asWindow(tokens: readonly string[], k: number): boolean {
  let j = k;
  while (j > 0 && (UNITS.has(tokens[j]!) || isQuantity(tokens[j]) || tokens[j] === 'of' || tokens[j] === 'a')) j--;
  if (tokens[k] === 'times') return false;
  return WINDOW.has(tokens[j] ?? '');
}
function unitTold(tokens: readonly string[], k: number): boolean {
  let j = k - 1;
  if (tokens[j] === 'of') j--;
  const q = tokens[j];
  if (isQuantity(q)) return tokens[j - 1] !== 'how';
  const t = tokens[k]!;
  // "for hours", "for days", "in weeks"; "hours and hours" (either one).
  if (t === 'times') return false;
  if (tokens[k - 1] === 'for' && t.endsWith('s')) return true;
  if (tokens[k + 1] === 'and' && tokens[k + 2] === t) return true;
  if (tokens[k - 1] === 'and' && tokens[k - 2] === t) return true;
  return false;
}
