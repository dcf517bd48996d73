/**
 * Newcomer s35 #4: the toast "A chat was assigned to you … It is in Mine. [Open it]" stayed after the chat had left
 * Mine (the agent went offline putting her chats back; an auto-assigned chat she did not open in time went back to
 * Unassigned and, by design, is not given to her again), so it promised a chat Mine did not have and nothing said why.
 * When the chat a toast is about leaves Mine, the toast goes (her own doing: she went offline, signed out, declined or
 * transferred it) or says where the chat is and why.
 */
import type { HandoffRow } from './inboxApi';

export interface FlashNotice {
  kind: 'info';
  /** The first line: what happened, in a few words. */
  text: string;
  /** Session 36: a second, smaller line (why, and what to do); the whole explanation is the toast's tooltip (`more`). */
  detail?: string;
  more?: string;
  short?: string;
  /** The chat the notice is about: an "Open it" button, and the notice stays until opened or dismissed. */
  open?: string;
  /** Where "Open it" finds it. */
  view?: 'unassigned';
}

/** The toast for a chat that has just left my Mine (`who`: the customer's label), or null: the toast just goes. */
export function leftMineNotice(h: Pick<HandoffRow, 'id' | 'status' | 'agentId' | 'agentName' | 'putBack'>, meId: string, who: string): FlashNotice | null {
  if (h.status === 'assigned' && h.agentId === meId) return null; // still mine: nothing to change (the caller checks)
  if (h.status === 'pending') {
    const back = h.putBack;
    if (back && back.byId === meId) {
      if (back.why === 'not_opened' || back.why === 'not_answered' || back.why === 'away') {
        const because = back.why === 'not_opened' ? 'you did not open it in time' : back.why === 'not_answered' ? 'it was not answered in time' : 'you were away too long';
        const why = back.why === 'not_opened' ? 'Not opened in time' : back.why === 'not_answered' ? 'Not answered in time' : 'You were away too long';
        // Session 37 (hub's finding): being away too long is no refusal (the hub's notRefusedNotes): once she is active
        // again the hub may give the chat back to her, so the toast must not promise it "won't come back".
        const away = back.why === 'away';
        // Session 36 (review of s35: the toast was a ten-line paragraph): a headline, one short line, the rest on hover.
        return {
          kind: 'info',
          text: `${who}'s chat went back to Unassigned`,
          // Session 41 (hostile s40 M9): a chat not opened (or answered) in time is offered to her once more when nobody
          // else can take it (agentHub passiveRefusersOf), so no "it won't come back to you".
          detail: away ? `${why}: it is offered to the other agents.` : `${why}: it is offered to the other agents first.`,
          more: away
            ? `${who}'s chat went back to Unassigned: ${because}, so it is offered to the other agents. If nobody takes it, it may be given to you again once you are active. It is still waiting: open it from Unassigned to take it now.`
            : `${who}'s chat went back to Unassigned: ${because}, so it is offered to the other agents first; if nobody else can take it, it is given to you once more (not after a second time). It is still waiting: open it from Unassigned to take it.`,
          short: `${who}'s chat went back to Unassigned (${back.why === 'not_opened' ? 'not opened in time' : back.why === 'not_answered' ? 'not answered in time' : 'away too long'}).`,
          open: h.id,
          view: 'unassigned',
        };
      }
      return null; // she went offline or signed out putting it back, declined or transferred it: her own doing
    }
    return { kind: 'info', text: `${who}'s chat is no longer in Mine: it went back to Unassigned.`, short: `${who}'s chat went back to Unassigned.` };
  }
  if (h.status === 'assigned') {
    const name = h.agentName ?? 'another agent';
    return { kind: 'info', text: `${who}'s chat is no longer in Mine: ${name} has it now.`, short: `${who}'s chat is with ${name} now.` };
  }
  const ended: Record<string, string> = { resolved: 'it was closed', cancelled: 'the customer left', expired: 'the wait ran out', rejected: 'nobody could take it' };
  return { kind: 'info', text: `${who}'s chat is no longer in Mine: ${ended[h.status] ?? 'it was closed'}.`, short: `${who}'s chat is no longer in Mine.` };
}
