/**
 * Session 50 (conv12, hostile s49 M6): "I want to cancel my return, I'll keep the item" started a return (the returns
 * policy, then "Which order is the return for?"): the menu's synonym "return" and the router's returns intent read the
 * word the customer was calling off. A process the customer asks to call off (a return, a refund, an exchange, a claim,
 * a complaint: "cancel my return", "stop my refund", "forget the exchange", "withdraw the claim", "I no longer want to
 * send it back", "I don't want to return it any more") is not that process asked for. The readers (Buttons, the intent
 * router) take the words out and read the rest: when the rest no longer picks the same option or intent, nothing is
 * started and the customer is told so (the router's refusal line).
 * Not a purchase called off ("cancel my order", "cancel my booking"): that is a request the flow may serve.
 * Pure; English only.
 */
import { normalizeText } from '../nlu/normalizeText';

export interface Withdrawn {
  /** What is called off, as said to the customer: "a return", "a refund". */
  what: string;
  /** The normalised text without the words that call it off (what the readers read instead). */
  rest: string;
}

const PROCESS = '(returns?|refunds?|exchanges?|claims?|complaints?)';
const DET = '(?:my|the|this|that|a|an|our|his|her|their)\\s+(?:\\S+\\s+)?';
/** "cancel my return", "stop the refund", "call off the exchange", "withdraw my claim", "forget about the return". */
const CALL_OFF = new RegExp(`\\b(?:cancel|cancelling|canceling|stop|stopping|withdraw|withdrawing|call\\s+off|scrap|drop|undo|forget(?:\\s+about)?|never\\s+mind)\\s+(?:${DET})?${PROCESS}\\b`, 'g');
/** "no longer want to send it back", "do not want to return it any more", "changed my mind about the return". */
const NO_LONGER = new RegExp(
  '\\b(?:no\\s+longer\\s+(?:want|need|wish)\\s+to|(?:do|does)\\s+not\\s+(?:want|need)\\s+to\\s+(?=\\S+(?:\\s+\\S+){0,3}\\s+any\\s*more\\b))\\s*' +
  '(return|refund|exchange|send\\s+(?:it|them|this|these|that|the\\s+\\w+)\\s+back)(?:\\s+(?:it|them|this|these|that|the\\s+\\w+))?(?:\\s+any\\s*more)?\\b|' +
  `\\bchanged\\s+my\\s+mind\\s+about\\s+(?:${DET})?${PROCESS}\\b`,
  'g',
);

const NOUN: Record<string, string> = { return: 'a return', refund: 'a refund', exchange: 'an exchange', claim: 'a claim', complaint: 'a complaint', send: 'a return' };

/** The process the message calls off and the rest of its words, or null when it calls none off. */
export function withdrawnRequest(text: string): Withdrawn | null {
  const t = normalizeText(text);
  const said: string[] = [];
  const rest = t.replace(CALL_OFF, (_m, p: string) => {
    said.push(p);
    return ' ';
  }).replace(NO_LONGER, (_m, a: string | undefined, b: string | undefined) => {
    said.push((a ?? b ?? '').split(/\s+/)[0]);
    return ' ';
  });
  const what = said.map((w) => NOUN[w.replace(/s$/, '')]).find((w) => w !== undefined);
  if (what === undefined) return null;
  return { what, rest: rest.replace(/\s+/g, ' ').trim() };
}
