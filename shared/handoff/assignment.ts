/**
 * Agent assignment: which online agent takes a waiting chat, and, when no one can, exactly why.
 *
 * The "why" matters as much as the pick: a designer testing a flow in the simulator, or a team lead
 * reading the inbox, needs to know whether nobody was online, nobody had the skill, or everybody was
 * busy, because each has a different fix (staff up, tag skills, raise the chat limit).
 */
import type { AgentPresence, AssignmentRequest, AssignmentResult } from './types';

const norm = (s: string) => s.trim().toLowerCase();

/**
 * 'en' matches 'en-GB' (and 'en-GB' matches an agent who lists plain 'en'): a customer asking in
 * British English is well served by any English speaker. 'en-GB' does not match 'en-US'.
 */
export function languageMatches(spoken: string, wanted: string): boolean {
  const a = norm(spoken).replace(/_/g, '-');
  const b = norm(wanted).replace(/_/g, '-');
  if (!a || !b) return false;
  return a === b || a.startsWith(b + '-') || b.startsWith(a + '-');
}

function quoteList(items: string[], joiner: 'or' | 'and'): string {
  const q = items.map((i) => `'${i}'`);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} ${joiner} ${q[q.length - 1]}`;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** The request with blank entries removed, so `teams: ['']` means "any", as a blank field does in the UI. */
function clean(req: AssignmentRequest) {
  return {
    agents: req.agents.map((a) => a.trim()).filter(Boolean),
    teams: req.teams.map((t) => t.trim()).filter(Boolean),
    skill: req.skill.trim(),
    language: req.language.trim(),
    max: req.maxChatsPerAgent,
  };
}

function filters(req: AssignmentRequest) {
  const r = clean(req);
  const teams = new Set(r.teams.map(norm));
  const ids = new Set(r.agents);
  type Keep = (a: AgentPresence) => boolean;
  const f: Record<'online' | 'allowed' | 'team' | 'skill' | 'language' | 'capacity', Keep> = {
    online: (a) => a.status === 'online',
    allowed: (a) => ids.size === 0 || ids.has(a.id),
    team: (a) => teams.size === 0 || a.teams.some((t) => teams.has(norm(t))),
    skill: (a) => !r.skill || a.skills.some((s) => norm(s) === norm(r.skill)),
    // An agent who lists no languages has no language restriction (like a block with no teams: any).
    language: (a) => !r.language || a.languages.length === 0 || a.languages.some((l) => languageMatches(l, r.language)),
    capacity: (a) => a.activeChats < r.max,
  };
  return { r, f };
}

/** Agents who could take this chat right now, in input order. */
export function eligibleAgents(agents: AgentPresence[], req: AssignmentRequest): AgentPresence[] {
  const { f } = filters(req);
  return agents.filter(
    (a) => f.online(a) && f.allowed(a) && f.team(a) && f.skill(a) && f.language(a) && f.capacity(a),
  );
}

/**
 * Agents who could still take this chat from the queue, ignoring load: signed in (online, or away / busy, who
 * take no automatic assignments but can pick a waiting chat), allowed, in the team, with the skill and the language.
 * When this is empty nobody will come, so a handoff should not wait; when only busy agents are here it should queue.
 */
export function reachableAgents(agents: AgentPresence[], req: AssignmentRequest): AgentPresence[] {
  const { f } = filters(req);
  return agents.filter((a) => a.status !== 'offline' && f.allowed(a) && f.team(a) && f.skill(a) && f.language(a));
}

/** Round robin order: never assigned first, then longest idle; ties by id so the pick is reproducible. */
function roundRobinCompare(a: AgentPresence, b: AgentPresence): number {
  const la = a.lastAssignedAt;
  const lb = b.lastAssignedAt;
  if (la !== lb) {
    if (la === null) return -1;
    if (lb === null) return 1;
    return la - lb;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Why nobody qualifies, naming the filter that emptied the list and what the agents before it had. */
function explainNobody(agents: AgentPresence[], req: AssignmentRequest): string {
  const { r, f } = filters(req);
  const online = agents.filter(f.online);
  if (online.length === 0) {
    if (agents.length === 0) return 'No agent is online: no agents are signed in.';
    const away = agents.filter((a) => a.status === 'away').length;
    const offline = agents.length - away;
    const parts = [away ? `${away} away` : '', offline ? `${offline} offline` : ''].filter(Boolean);
    return `No agent is online (${parts.join(', ')}).`;
  }

  // Describe the group as it narrows, e.g. "online agent(s) in team 'sales'".
  let group = online;
  let where = '';
  const who = (n: number) => `online ${plural(n, 'agent', 'agents')}${where}`;

  if (r.agents.length) {
    const next = group.filter(f.allowed);
    if (next.length === 0) {
      return `None of the allowed agents (${r.agents.join(', ')}) is online; ${online.length} other ${plural(online.length, 'agent is', 'agents are')} online but not on the list.`;
    }
    group = next;
    where = ' from the allowed list';
  }
  if (r.teams.length) {
    const next = group.filter(f.team);
    if (next.length === 0) {
      return `No ${who(1)} is in team ${quoteList(r.teams, 'or')}; ${group.length} ${who(group.length)} ${plural(group.length, 'is', 'are')} in other teams.`;
    }
    group = next;
    where += ` in team ${quoteList(r.teams, 'or')}`;
  }

  // What the remaining agents have in common, in singular and plural verb forms.
  const one: string[] = [];
  const many: string[] = [];
  if (r.skill) {
    const next = group.filter(f.skill);
    if (next.length === 0) return `No ${who(1)} knows '${r.skill}'.`;
    group = next;
    one.push(`knows '${r.skill}'`);
    many.push(`know '${r.skill}'`);
  }
  if (r.language) {
    const next = group.filter(f.language);
    if (next.length === 0) {
      return `No ${who(1)}${one.length ? ` who ${one.join(' and ')}` : ''} speaks '${r.language}'.`;
    }
    group = next;
    one.push(`speaks '${r.language}'`);
    many.push(`speak '${r.language}'`);
  }

  // Everyone who matches is at the chat limit.
  const n = group.length;
  const limit = `${r.max} ${plural(r.max, 'chat', 'chats')}`;
  if (one.length === 0) {
    return n === 1 ? `The only ${who(1)} is at the limit of ${limit}.` : `All ${n} ${who(n)} are at their limit of ${limit}.`;
  }
  return n === 1
    ? `1 ${who(1)} ${one.join(' and ')} but is at the limit of ${limit}.`
    : `${n} ${who(n)} ${many.join(' and ')} but all are at their limit of ${limit}.`;
}

export function pickAgent(agents: AgentPresence[], req: AssignmentRequest): AssignmentResult {
  const eligible = eligibleAgents(agents, req);
  if (eligible.length === 0) return { agent: null, explanation: explainNobody(agents, req) };

  const byRoundRobin = [...eligible].sort(roundRobinCompare);
  const of = `${eligible.length} eligible ${plural(eligible.length, 'agent', 'agents')}`;

  if (req.strategy === 'least_busy') {
    // Stable sort keeps round robin order among agents with equally few chats.
    const agent = byRoundRobin.sort((a, b) => a.activeChats - b.activeChats)[0];
    return {
      agent,
      explanation: `Least busy: ${agent.name} has the fewest active chats (${agent.activeChats}) of ${of}.`,
    };
  }
  const agent = byRoundRobin[0];
  const idle =
    agent.lastAssignedAt === null ? 'has not been given a chat yet' : 'has waited longest since their last chat';
  return { agent, explanation: `Round robin: ${agent.name} ${idle} (${of}).` };
}
