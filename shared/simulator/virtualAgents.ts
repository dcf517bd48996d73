/**
 * Virtual agents: the people a tester pretends are signed in, for the simulator panel, scenarios and
 * `baton test`. They decide auto-assignment exactly as the runtime does: they are turned into the
 * runtime's `AgentPresence` and handed to `pickAgent` (shared/handoff/assignment.ts), the one assignment
 * policy of Baton (round robin / least busy, skills, languages, teams, chat limit).
 *
 * A virtual agent is
 *   - `online`: takes chats;
 *   - `busy`: signed in but not taking chats (the runtime's `away`);
 *   - `offline`: not signed in.
 * `capacity` is this agent's own chat limit (on top of the block's `maxChatsPerAgent`): an agent at their
 * capacity is presented to the assignment as being at the block's limit, so the explanation reads "at the
 * limit" instead of silently skipping them.
 *
 * Pure: the clock is an argument.
 */
import type { AgentPresence, AssignmentRequest, AssignmentResult } from '../handoff/types';
import { pickAgent } from '../handoff/assignment';

export type VirtualAgentStatus = 'online' | 'busy' | 'offline';

export interface VirtualAgent {
  id: string;
  name: string;
  status: VirtualAgentStatus;
  skills: string[];
  languages: string[];
  teams: string[];
  /** Chats this agent already has (default 0). */
  activeChats: number;
  /** This agent's own chat limit (null: only the block's `maxChatsPerAgent` applies). */
  capacity: number | null;
  /** When this agent was last given a chat (ms since epoch), for round robin; null = never. */
  lastAssignedAt: number | null;
}

/** A virtual agent with everything optional but the name; the id defaults to the name in lower case. */
export interface VirtualAgentInput {
  id?: string;
  name: string;
  status?: VirtualAgentStatus;
  skills?: string[];
  languages?: string[];
  teams?: string[];
  activeChats?: number;
  capacity?: number | null;
  lastAssignedAt?: number | null;
}

/** "Ana Lopez" -> "ana-lopez". */
export function agentIdFromName(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'agent'
  );
}

export function virtualAgent(input: VirtualAgentInput): VirtualAgent {
  return {
    id: input.id ?? agentIdFromName(input.name),
    name: input.name,
    status: input.status ?? 'online',
    skills: input.skills ?? [],
    languages: input.languages ?? [],
    teams: input.teams ?? [],
    activeChats: input.activeChats ?? 0,
    capacity: input.capacity ?? null,
    lastAssignedAt: input.lastAssignedAt ?? null,
  };
}

/** A small default team for the simulator panel: two online agents, one busy, one offline. */
export function defaultVirtualAgents(): VirtualAgent[] {
  return [
    virtualAgent({ name: 'Ana', languages: ['en'] }),
    virtualAgent({ name: 'Ben', languages: ['en', 'fr'] }),
    virtualAgent({ name: 'Chloe', status: 'busy', languages: ['en'] }),
    virtualAgent({ name: 'Dev', status: 'offline', languages: ['en'] }),
  ];
}

/** Above every block's `maxChatsPerAgent`: how an agent at their own capacity is shown to the assignment. */
const AT_CAPACITY = Number.MAX_SAFE_INTEGER;

/** The runtime's view of the agents: what the engine ("nobody online") and `pickAgent` see. */
export function toPresence(agents: readonly VirtualAgent[]): AgentPresence[] {
  return agents.map((a) => ({
    id: a.id,
    name: a.name,
    status: a.status === 'online' ? 'online' : a.status === 'busy' ? 'away' : 'offline',
    skills: a.skills,
    languages: a.languages,
    teams: a.teams,
    activeChats: a.capacity !== null && a.activeChats >= a.capacity ? AT_CAPACITY : a.activeChats,
    lastAssignedAt: a.lastAssignedAt,
  }));
}

/** Who takes a chat among the virtual agents, and why (the runtime's own policy). */
export function assignVirtualAgent(agents: readonly VirtualAgent[], request: AssignmentRequest): AssignmentResult {
  return pickAgent(toPresence(agents), request);
}

/** The agents after `agentId` was given a chat at `now` (one more active chat, round robin moves on). */
export function agentTookChat(agents: readonly VirtualAgent[], agentId: string, now: number): VirtualAgent[] {
  return agents.map((a) => (a.id === agentId ? { ...a, activeChats: a.activeChats + 1, lastAssignedAt: now } : a));
}

/** The agents after `agentId` finished or gave back a chat. */
export function agentReleasedChat(agents: readonly VirtualAgent[], agentId: string): VirtualAgent[] {
  return agents.map((a) => (a.id === agentId ? { ...a, activeChats: Math.max(0, a.activeChats - 1) } : a));
}

/** Sets the status of the named agents (by id or name, case-insensitive); unknown names are returned. */
export function setAgentStatus(
  agents: readonly VirtualAgent[],
  who: readonly string[],
  status: VirtualAgentStatus,
): { agents: VirtualAgent[]; unknown: string[] } {
  const wanted = who.map((w) => w.trim().toLowerCase());
  const found = new Set<string>();
  const next = agents.map((a) => {
    const hit = wanted.find((w) => w === a.id.toLowerCase() || w === a.name.toLowerCase());
    if (hit === undefined) return a;
    found.add(hit);
    return { ...a, status };
  });
  return { agents: next, unknown: who.filter((w, i) => !found.has(wanted[i])) };
}

/** The "nobody online" switch: every agent offline (their other settings kept, to switch back). */
export function nobodyOnline(agents: readonly VirtualAgent[]): VirtualAgent[] {
  return agents.map((a) => ({ ...a, status: 'offline' }));
}

/** Finds an agent by id or name (case-insensitive). */
export function findVirtualAgent(agents: readonly VirtualAgent[], who: string): VirtualAgent | null {
  const w = who.trim().toLowerCase();
  return agents.find((a) => a.id.toLowerCase() === w) ?? agents.find((a) => a.name.toLowerCase() === w) ?? null;
}
