/**
 * Self-harm / crisis: a customer who says they may harm themselves goes to a person at once, as urgency, whatever else
 * the message says. Session 24 (hostile s24 #1 rest) added the phrases inside detectUrgency's happening-now checks;
 * session 25 (review of session 24) made it a concept of its own, named where it shows: the urgency explanation says
 * "self-harm / crisis", Flow settings > Escalation > Urgency shows SELF_HARM_NOTE (read-only: the phrases are built in,
 * a designer adds wordings of their own to Urgency's phrases or examples), and README / docs/escalation.md say what it
 * covers (SELF_HARM_COVERS).
 *
 * Read before the designer's phrases, deadlines and every other urgency rule, and not taken back by calm words ("no
 * rush") or by a change of subject ("... anyway, where is my order?"), which other urgent words are. Part of Urgency: a flow that switches Urgency (or the whole policy) off switches this off too. Pure.
 */
import { hasGateWord, paddedTokens, tokenGate } from './canonicalTokens';

/** The concept's name, as explanations, the studio and the docs say it. */
export const SELF_HARM_NAME = 'self-harm / crisis';

/** What the built-in phrases cover, in a designer's words (the studio's note and the docs). */
export const SELF_HARM_COVERS =
  '"I\'m suicidal", "thinking about suicide", "I want to kill myself", "hurting / cutting myself", "self-harm", "end my life", ' +
  '"end it all", "I want to die", "I don\'t want to live anymore"';

/** What they leave alone (exasperation and titles, not a person at risk). */
export const SELF_HARM_LEAVES = '"kill me now" after bad service, "the Suicide Squad DVD", "a world I don\'t want to live in"';

/** The read-only note under Flow settings > Escalation > Urgency. */
export const SELF_HARM_NOTE =
  `Built in, always urgent (${SELF_HARM_NAME}): a customer who says they may harm themselves, such as ${SELF_HARM_COVERS}, ` +
  `is handed over at once, whatever else the message says (not ${SELF_HARM_LEAVES}). Add other wordings your customers use ` +
  'to Extra urgent phrases or Examples. Switching Urgency off switches this off too.';

/** Canonical tokens one of the phrases needs: without any of them the regex is skipped (most messages). */
const SELF_HARM_WORDS = tokenGate(new Set(['suicidal', 'suicide', 'myself', 'life', 'die', 'harm', 'all', 'live']));
/** The phrases, on padded canonical tokens ("don t" is "don't"). */
const SELF_HARM = / suicidal | (?:commit|committing|thinking of|thinking about|considering) suicide | (?:kill|killing|hurt|hurting|harm|harming|cut|cutting) myself | self harm(?:ing)? | (?:end|ending|take|taking) my (?:own )?life | (?:end|ending) it all | (?:want|wanna|going|gonna) to die | (?:don t|do not|dont) want to (?:live|be alive) (?!in |there |here |with |like |near |on |at )/;

/** The self-harm words of a message (canonical tokens), or null. */
export function selfHarmWords(toks: readonly string[]): string | null {
  if (!hasGateWord(toks, SELF_HARM_WORDS)) return null;
  const m = SELF_HARM.exec(paddedTokens(toks));
  return m ? m[0].trim() : null;
}
