/**
 * Session 48 (conv9, hostile s47 L1): a bare "stop" as the first message was read as "cancel my order" (Northwind's
 * router), and "stop" / "cancel" / "never mind" typed again and again cycled forever between "Which order would you
 * like to cancel?", "No problem, let's leave that", "I'll get a person for you" and "No problem, I won't connect you
 * with anyone". A bare back-out at a router (nothing in progress to stop) is no request: the bot says plainly what it can
 * do (the flow's own "I can ..." sentence), then, said again, how to go on; a bare "cancel" is read so only after the
 * customer withdrew a request for a person (before that it may be the cancellation the flow offers).
 */
import type { Flow } from '../flow/schema';
import type { Run } from './run';
import { normalizeText } from '../nlu/normalizeText';

const POLITE = String.raw`(?:\s+(?:please|pls|plz|thanks|thank you|then|now|already))?`;
const LEAD = String.raw`(?:(?:oh|ok|okay|no|nah|um|erm|just|actually)[,\s]+)*`;
const STOP_WORDS = new RegExp(String.raw`^${LEAD}(?:stop(?:\s+(?:it|that))?|never\s*mind|nvm|forget\s+(?:it|about\s+it|that))${POLITE}$`);
const CANCEL_WORDS = new RegExp(String.raw`^${LEAD}cancel(?:\s+(?:it|that|this))?${POLITE}$`);

/** Whether `text` is only a back-out word ("stop", "never mind", "forget it"; "cancel" too when `cancelToo`). */
export function isBareBackOut(text: string, cancelToo: boolean): boolean {
  const t = normalizeText(text).replace(/[.!?,;:]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (t === '') return false;
  return STOP_WORDS.test(t) || (cancelToo && CANCEL_WORDS.test(t));
}

const CAN_DO = /\bI can (?!only\b|'t\b|not\b)[^.!?]*[.]/i;

/** The flow's own sentence of what the bot can do ("I can track your order, help with a return or ..."), or null. */
export function canDoSentence(flow: Flow): string | null {
  for (const b of flow.blocks) {
    const text = (b.data as { text?: unknown }).text;
    if (typeof text !== 'string' || text.includes('{{')) continue;
    const m = CAN_DO.exec(text);
    if (m !== null && !/\?/.test(m[0])) return m[0].replace(/^i can/, 'I can');
  }
  return null;
}

export const bareBackOutTexts = {
  nothing: (canDo: string | null) => `Nothing is in progress, so there's nothing to stop. ${canDo ?? 'I can answer questions here or get you a person.'} What would you like to do?`,
  /** Session 50 (conv13): at a Buttons menu, before its own question again (buttons.ts). */
  atMenu: "Nothing has been done yet, so there's nothing to stop.",
  how: 'Just tell me in a few words what you need, or say "person" to talk to someone.',
  /** Session 49 (conv10): said before the offer of a person when the back-out word keeps coming (engine.inputText). */
  repeated: (said: string) => {
    const word = said.trim().replace(/[.!?,;:]+$/, '').slice(0, 40);
    return `You've said "${word}" a few times, and there's nothing in progress for me to stop, so I may not be the right help here.`;
  },
  withdrawnAgain: (canDo: string | null) =>
    `${canDo ?? 'I can answer questions here or get you a person.'} Tell me in a few words what you need, or say "person" if you change your mind.`,
};

/** The line for a bare back-out at a router: what the bot can do, or (when that was just said) how to go on. */
export function bareBackOutLine(run: Run): string {
  const nothing = bareBackOutTexts.nothing(canDoSentence(run.flow));
  const last = [...run.s.recentTranscript].reverse().find((e) => e.from === 'bot');
  return last?.text === nothing ? bareBackOutTexts.how : nothing;
}
