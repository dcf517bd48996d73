/**
 * A rough expected wait for the customer, shown in the handoff message ("Expected wait: about 4 minutes").
 *
 * The model is deliberately simple and stated here so nobody mistakes it for a promise:
 * - the agents who could take the chat are the online ones who match the request (team, skill,
 *   language, allowed list), whatever their current load;
 * - each of them has `maxChatsPerAgent` seats; a free seat means the chat is picked up at once;
 * - when every seat is taken, seats free up one by one as chats end, on average every
 *   `averageChatMinutes / totalSeats` minutes, and the customer waits for the seats needed by the
 *   `queueAhead` chats in front of them plus their own.
 * Unknown presence (the simulator before any agent exists, or a runtime that does not track presence)
 * gives "a few minutes" rather than a made-up number.
 */
import { eligibleAgents } from './assignment';
import type { AgentPresence, AssignmentRequest } from './types';

/** Typical length of a support chat; used only when every seat is taken. */
export const defaultAverageChatMinutes = 8;

export function waitText(minutes: number): string {
  if (minutes < 1) return 'under a minute';
  if (minutes < 1.5) return 'about a minute';
  if (minutes < 60) return `about ${Math.round(minutes)} minutes`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? 'about an hour' : `about ${hours} hours`;
}

export function estimateWait(
  agents: AgentPresence[] | undefined,
  req: AssignmentRequest,
  queueAhead = 0,
  options: { averageChatMinutes?: number } = {},
): { minutes: number | null; text: string } {
  if (agents === undefined) return { minutes: null, text: 'a few minutes' };

  // Same filters as assignment, but ignoring load: busy agents still free up seats over time.
  const matching = eligibleAgents(agents, { ...req, maxChatsPerAgent: Number.POSITIVE_INFINITY });
  const max = Math.max(0, req.maxChatsPerAgent);
  const seats = matching.length * max;
  if (seats === 0) return { minutes: null, text: 'longer than usual, as no one is available right now' };

  const freeSeats = matching.reduce((sum, a) => sum + Math.max(0, max - a.activeChats), 0);
  const ahead = Math.max(0, Math.floor(queueAhead));
  if (ahead < freeSeats) return { minutes: 0, text: waitText(0) };

  const average = options.averageChatMinutes ?? defaultAverageChatMinutes;
  // Seats still needed, counting this customer's own.
  const needed = ahead - freeSeats + 1;
  const minutes = Math.max(1, Math.ceil((needed * average) / seats));
  return { minutes, text: waitText(minutes) };
}
