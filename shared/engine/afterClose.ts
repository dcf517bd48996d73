/**
 * Session 24 (hostile s17 #13 rest): after the chat ended, a customer who only says thanks, bye, ok or an emoji is
 * answered once, politely, and the chat stays closed. Before, every message after the end restarted the flow
 * ("Welcome back!" and the menu, session 16): a 👍 then fell to "Sorry, I didn't get that", and "bye" three times in a
 * row was a fallback streak handed over to a person.
 *
 * A message that asks nothing is read by the escalation's own test (`asksNothing` without memory: thanks, a friendly
 * emoji, a sign-off or goodbye wish, a valediction, a pleasantry, the customer's own slip) or is a bare acknowledgement
 * ("ok", "k", "alright", "great"). The first such message after the end gets CLOSED_COURTESY_REPLY; another one after
 * that reply gets nothing (a goodbye is not a conversation to keep going). Anything else ("where is my order?", "I
 * want a person", "hi") restarts the conversation as before. Pure.
 */
import { analyzeText } from '../nlu/analyzeText';
import { asksNothing } from '../escalation/detectors/detectRepeatedFallback';
import { analysedPart } from './analysedPart';
import { bot, customerSaid, type Run } from './run';

/** The one line said to thanks, a goodbye or an emoji after the chat ended. */
export const CLOSED_COURTESY_REPLY = "You're welcome! If you need anything else, just write your question here.";

/** A bare acknowledgement, which asksNothing leaves to the bot's question (it may be an answer there): "ok", "k!", "alright then". */
const BARE_ACK = /^\s*(?:ok+|okay|okey|okie|k+|alright|all right|right|sure|fine|great|cool|nice|good|got it|gotcha|noted|understood|will do|no worries|no problem|np)(?:\s+(?:then|thanks?|ty))?[\s.!]*$/iu;

/** A goodbye wish, which asksNothing reads as a question opening with "have": "have a nice day", "you too, take care". */
const GOODBYE_WISH = /^\s*(?:(?:ok(?:ay)?|thanks?|thank you|cheers|bye|and|you too)[\s,.!]+)*(?:have a (?:nice|good|great|lovely|wonderful|brilliant) (?:day|one|evening|night|weekend|week|afternoon)|take care|see you|see ya|good ?night|bye(?: for now)?)(?:[\s,.!]+(?:too|bye|thanks?|cheers|x+))*[\s.!]*$/iu;

/**
 * Words that ask for something or name a matter: asksNothing lets "thanks, <anything that is no question>" close a
 * subject, but after the end "thanks, I want a refund" is a new request and restarts the flow.
 */
const ASKS = /\b(?:want|wanna|need|would|like|refund|return|returns|cancel|order|orders|parcel|package|delivery|deliver|money|person|human|agent|someone|somebody|please|pls|plz|can|could|where|when|how|what|why|which|who|still|but|not|never|wrong|broken|missing|damaged|complaint|complain|change|help me|again)\b/iu;

/** Whether a message sent after the chat ended only closes it (thanks, bye, ok, a friendly emoji). */
export function onlyClosesChat(text: string): boolean {
  if (text.length > 200 || text.includes('?')) return false;
  if (BARE_ACK.test(text) || GOODBYE_WISH.test(text)) return true;
  if (ASKS.test(text)) return false;
  const analysis = analyzeText(analysedPart(text));
  return analysis.entities.length === 0 && asksNothing(analysis);
}

/**
 * A message at a closed conversation that only closes it: recorded, answered once with CLOSED_COURTESY_REPLY (nothing
 * when that reply was the bot's last message), and the conversation stays closed. False: the caller restarts.
 */
export function answerAfterClose(run: Run, text: string): boolean {
  if (!onlyClosesChat(text)) return false;
  const lastBot = [...run.s.recentTranscript].reverse().find((e) => e.from === 'bot');
  customerSaid(run, text);
  if (lastBot?.text !== CLOSED_COURTESY_REPLY) bot(run, CLOSED_COURTESY_REPLY);
  return true;
}
