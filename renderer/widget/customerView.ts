/**
 * What the customer's chat widget shows, as plain rules the inbox reuses so the agent sees the same ending and the same
 * buttons as the customer (README "Not finished", session 7: the inbox read "Buttons: Start again" while the widget
 * showed its own "Start a new chat" footer).
 */

/** The widget's footer once the conversation is closed, and its button. */
export const ENDED_TEXT = 'This conversation has ended.';
export const START_NEW_CHAT = 'Start a new chat';

/**
 * Session 50 (rt5, newcomer s49 N4): the runtime's built-in ending of a chat an agent closed (shared/engine
 * humanTakeover.ts takeoverTexts.ended / endedRestart, said when the flow has no closing of its own; kept equal by
 * test/component/rt5S50ResolvedEnding.test.tsx). The widget's footer says it with its "Start a new chat" button, so
 * the bubble is not shown as the chat's last line: the customer read "This conversation has ended" three times.
 */
export const BUILT_IN_ENDINGS: ReadonlySet<string> = new Set([ENDED_TEXT, 'This conversation has ended. You can start again whenever you like.']);

/**
 * The bot's built-in ending to leave out under the footer (BUILT_IN_ENDINGS): the last entry said by anyone but the
 * system, in a closed chat. Null when the chat is open or ended otherwise (the flow's own goodbye is always shown).
 */
export function builtInEndingSeq(entries: ReadonlyArray<{ seq: number; from: string; text: string }>, mode: string | undefined): number | null {
  if (mode !== 'closed') return null;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.from === 'system') continue;
    return e.from === 'bot' && BUILT_IN_ENDINGS.has(e.text) ? e.seq : null;
  }
  return null;
}

/** A handoff status that starts (or moves) a person's part: waiting for one, or one has it. */
const PERSON_PART = new Set(['pending', 'assigned']);

/**
 * The one bot message whose buttons the widget offers: the last bot message with buttons, when no customer message
 * came after it (null otherwise). The widget hides even those while an agent has the chat or once it has ended.
 *
 * Session 46 (ui10, retest-studio s45 L6): nor when a person's part started after it (a status line "waiting" or
 * "assigned"): the rating question's buttons came back clickable above "Waiting for a person" when an agent took the
 * chat over during the rating and then put it back in the queue (a takeover needs no customer message). The bot no
 * longer asks that question; a question it asks after the status line has its buttons as before.
 */
export function buttonsSeq(entries: ReadonlyArray<{ seq: number; from: string; buttons?: ReadonlyArray<unknown>; status?: { handoff?: { status: string } } }>): number | null {
  let personSince = false;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e.from === 'customer') return null;
    if (e.from === 'system' && e.status?.handoff && PERSON_PART.has(e.status.handoff.status)) personSince = true;
    if (e.from === 'bot' && e.buttons?.length) return personSince ? null : e.seq;
  }
  return null;
}

/** Whether the widget shows the buttons of message `seq` now (conversation mode as the runtime gives it). */
export function customerSeesButtons(entries: Parameters<typeof buttonsSeq>[0], seq: number, mode: string | undefined): boolean {
  return mode !== 'closed' && mode !== 'agent' && buttonsSeq(entries) === seq;
}

/** A place-in-the-queue line the runtime writes while the customer waits (runtime/agents/agentHub.ts announceQueue). */
const QUEUE_LINE = /^You are (?:next in line|number \d+ in the queue)\./;

/**
 * The queue lines as one line updated in place (newcomer s11 #3: each new place was a new line, "number 3", "number
 * 3", "number 2" one under the other): in each stretch of waiting (up to the next handoff status: joined, back in the
 * queue...), the first queue line shows the newest one's text and the later ones are not shown. `latest`: the newest
 * queue line of the last stretch (the waiting bar says it too). The inbox's timeline reads them the same way (s11 #27).
 */
export function queueLines(entries: ReadonlyArray<{ seq: number; from: string; text: string; status?: { handoff?: unknown } }>): { shown: Map<number, string>; hidden: Set<number>; latest: string | null } {
  const shown = new Map<number, string>();
  const hidden = new Set<number>();
  let first: number | null = null;
  let latest: string | null = null;
  for (const e of entries) {
    if (e.from !== 'system') continue;
    if (e.status?.handoff) {
      first = null;
      latest = null;
      continue;
    }
    if (!e.text || !QUEUE_LINE.test(e.text)) continue;
    latest = e.text;
    if (first === null) first = e.seq;
    else hidden.add(e.seq);
    shown.set(first, e.text);
  }
  return { shown, hidden, latest };
}

/** A transcript entry as the widget and the inbox have it (the fields toldByTheStep reads). */
type StepEntry = { seq: number; from: string; text: string; at: number; status?: { handoff?: { status: string; joined?: boolean } } };

/**
 * Session 36 (newcomer s35: "Ann from the team joined the conversation." + "A person is in the conversation.", and
 * "Ann handed the conversation back to the bot." + "Ann has left the chat"): one line per event. A handoff's status
 * pill is not shown when the same step (same timestamp, no customer or agent message between) already says it in words:
 * - a person joined (assigned): the flow's join message or the takeover's "joined" line said just before it;
 * - the person left (resolved): a takeover's "handed the conversation back" line of the same step (a Human Takeover
 *   block's hand back has no such line, only the bot carrying on, so its "Ann has left the chat" stays).
 * Returns the seqs of the pills to leave out. Session 37: the inbox's transcript leaves out the same ones (its pills
 * said "Handoff assigned" / "Handed back to the bot" under those lines): one rule for both.
 */
export function toldByTheStep(entries: ReadonlyArray<StepEntry>): Set<number> {
  const hide = new Set<number>();
  const words = (x: StepEntry) => !x.status && x.text.trim() !== '';
  entries.forEach((e, i) => {
    const status = e.from === 'system' ? e.status?.handoff?.status : undefined;
    if (status !== 'assigned' && status !== 'resolved') return;
    if (status === 'assigned' && e.status?.handoff?.joined === false) return;
    const step: StepEntry[] = [];
    for (let j = i - 1; j >= 0 && entries[j].at === e.at && (entries[j].from === 'bot' || entries[j].from === 'system'); j--) step.push(entries[j]);
    const told = status === 'assigned' ? step.some(words) : step.some((x) => x.from === 'system' && words(x));
    if (told) hide.add(e.seq);
  });
  return hide;
}
