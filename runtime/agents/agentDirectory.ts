/**
 * The agents of `baton serve --agents FILE`: who they are, how they sign in, and admin edits (persisted back to
 * the file, atomically).
 *
 * File format (JSON): either an array of agents or `{ "agents": [...], "settings": {...} }`. An agent:
 * `{ id, name, email, token? | passwordHash?, teams, skills, languages, maxChats, admin? }`.
 * - `token`: a static API token (for integrations). Compared by SHA-256 in constant time.
 * - `passwordHash`: `scrypt$<salt base64url>$<hash base64url>` made by `hashPassword(password)` below; the agent
 *   signs in with POST /api/v1/agent/session {email, password} and gets a session token.
 */
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../studio/writeFileAtomic';
import { namesServers } from './agentLiveList';

export const agentSchema = z
  .object({
    id: z.string().min(1).max(100).regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits, _ . @ - only'),
    name: z.string().min(1).max(200),
    email: z.string().email().max(320),
    token: z.string().min(16, 'a token must be at least 16 characters').max(500).optional(),
    passwordHash: z
      .string()
      .regex(/^scrypt\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/, 'expected "scrypt$<salt>$<hash>" (see hashPassword)')
      .optional(),
    teams: z.array(z.string().min(1).max(100)).max(100).default([]),
    skills: z.array(z.string().min(1).max(100)).max(100).default([]),
    languages: z.array(z.string().min(1).max(35)).max(50).default([]),
    maxChats: z.number().int().min(1).max(100).default(3),
    admin: z.boolean().default(false),
  })
  .strict();

export type Agent = z.infer<typeof agentSchema>;

export const agentSettingsSchema = z
  .object({
    /** An agent with no request and no open push stream for this long goes offline (default 120 s). */
    offlineAfterSeconds: z.number().min(1).max(86_400).default(120),
    /** An auto-assigned chat the agent has not answered within this many minutes goes to another agent (0 = never). */
    reassignAfterMinutes: z.number().min(0).max(1440).default(0),
    /** Session tokens from sign-in expire after this many hours. */
    sessionHours: z.number().min(0.01).max(24 * 30).default(12),
  })
  .strict();

export type AgentSettings = z.infer<typeof agentSettingsSchema>;

/** A canned reply: `/shortcut` in the composer finds it; the text is what gets sent. Shared by all agents. */
export const cannedReplySchema = z
  .object({
    shortcut: z.string().min(1).max(40).regex(/^[a-z0-9][a-z0-9_-]*$/i, 'letters, digits, _ and - only (no spaces), e.g. "order-number"'),
    text: z.string().trim().min(1, 'the reply text is empty').max(2000),
  })
  .strict();
export type CannedReply = z.infer<typeof cannedReplySchema>;
export const MAX_CANNED = 200;

/** Used until an admin saves its own list. */
export const DEFAULT_CANNED_REPLIES: CannedReply[] = [
  { shortcut: 'hello', text: 'Hi, thanks for waiting! I am looking at your conversation now.' },
  { shortcut: 'order', text: 'Could you give me your order number, please?' },
  { shortcut: 'done', text: 'I have sorted that out for you. Is there anything else I can help with?' },
  { shortcut: 'handback', text: 'Thanks for your patience. I am handing you back to our assistant now.' },
];

const fileObjectSchema = z
  .object({ agents: z.array(agentSchema), settings: agentSettingsSchema.optional(), cannedReplies: z.array(cannedReplySchema).max(MAX_CANNED).optional() })
  .strict();
export const agentsFileSchema = z.union([z.array(agentSchema), fileObjectSchema]);

export class AgentsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentsFileError';
  }
}

/** Parses an agents document; throws `AgentsFileError` naming the path of the first problems. */
export function parseAgentsFile(doc: unknown, where = 'agents file'): { agents: Agent[]; settings: AgentSettings; cannedReplies?: CannedReply[] } {
  const r = agentsFileSchema.safeParse(doc);
  if (!r.success) {
    // The union hides the useful message: report against the shape the document seems to use.
    const shaped = Array.isArray(doc) ? z.array(agentSchema).safeParse(doc) : fileObjectSchema.safeParse(doc);
    const issues = (shaped.success ? r.error : shaped.error).issues.slice(0, 5);
    const text = issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`).join('; ');
    throw new AgentsFileError(`${where}: ${text}. Expected an array of agents {id, name, email, token | passwordHash, teams, skills, languages, maxChats, admin?} or {agents: [...], settings: {...}, cannedReplies?: [{shortcut, text}]}.`);
  }
  const agents = Array.isArray(r.data) ? r.data : r.data.agents;
  const settings = agentSettingsSchema.parse(Array.isArray(r.data) ? {} : (r.data.settings ?? {}));
  const seen = new Set<string>();
  const emails = new Set<string>();
  agents.forEach((a, i) => {
    if (seen.has(a.id)) throw new AgentsFileError(`${where}: agents.${i}.id: "${a.id}" is used twice; ids must be unique.`);
    if (emails.has(a.email.toLowerCase())) throw new AgentsFileError(`${where}: agents.${i}.email: "${a.email}" is used twice.`);
    if (!a.token && !a.passwordHash) throw new AgentsFileError(`${where}: agents.${i}: give a "token" or a "passwordHash" (or the agent can never sign in).`);
    seen.add(a.id);
    emails.add(a.email.toLowerCase());
  });
  const cannedReplies = Array.isArray(r.data) ? undefined : r.data.cannedReplies;
  return cannedReplies ? { agents, settings, cannedReplies } : { agents, settings };
}

export async function loadAgentsFile(path: string): Promise<{ agents: Agent[]; settings: AgentSettings; cannedReplies?: CannedReply[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new AgentsFileError(`--agents ${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new AgentsFileError(`--agents ${path}: not valid JSON (${(err as Error).message}).`);
  }
  return parseAgentsFile(doc, `--agents ${path}`);
}

const SCRYPT = { N: 16384, r: 8, p: 1 };

/** `scrypt$salt$hash` for the agents file (node:crypto scrypt, 16-byte salt, 32-byte key). */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, SCRYPT);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Like verifyPassword, on libuv's thread pool: a burst of sign-ins does not stall every chat on the event loop. */
export function verifyPasswordAsync(password: string, stored: string): Promise<boolean> {
  const m = /^scrypt\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!m) return Promise.resolve(false);
  const want = Buffer.from(m[2], 'base64url');
  return new Promise((resolve) =>
    scrypt(password, Buffer.from(m[1], 'base64url'), want.length, SCRYPT, (err, got) => resolve(!err && got.length === want.length && timingSafeEqual(got, want))),
  );
}

/** Failed sign-ins allowed per login within FAIL_WINDOW_MS before it is refused for the rest of the window. */
export const MAX_FAILED_SIGNINS = 10;
const FAIL_WINDOW_MS = 15 * 60_000;

export function verifyPassword(password: string, stored: string): boolean {
  const m = /^scrypt\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!m) return false;
  const want = Buffer.from(m[2], 'base64url');
  const got = scryptSync(password, Buffer.from(m[1], 'base64url'), want.length, SCRYPT);
  return got.length === want.length && timingSafeEqual(got, want);
}

const sha = (t: string) => createHash('sha256').update(t).digest();

/** The live directory: lookups, sign-in sessions, admin edits. */
export class AgentDirectory {
  private byId = new Map<string, Agent>();
  private tokens = new Map<string, string>(); // sha256 hex of static token -> agent id
  /** sha256 hex of a session token -> session; with --redis a Map that writes through to Redis (runtime/serve/sharedSessions.ts). */
  private sessions: Map<string, { agentId: string; expiresAt: number }>;
  private writing: Promise<void> = Promise.resolve();

  private canned: CannedReply[] | null;

  constructor(
    agents: Agent[],
    readonly settings: AgentSettings,
    private opts: {
      file?: string;
      now: () => number;
      cannedReplies?: CannedReply[];
      sessions?: Map<string, { agentId: string; expiresAt: number }>;
      /** Told after every admin change (agents, canned replies): with --redis it is passed on to the other instances. */
      onSaved?: (doc: { agents: Agent[]; cannedReplies: CannedReply[] | null }) => void;
    },
  ) {
    this.sessions = opts.sessions ?? new Map();
    for (const a of agents) this.put(a);
    this.canned = opts.cannedReplies ? [...opts.cannedReplies] : null;
    this.loadSessions();
  }

  /**
   * Sign-in sessions survive a restart of `baton serve` (a deploy must not sign the whole team out): with an agents
   * file they are kept next to it in `<file>.sessions.json`, as SHA-256 hashes of the tokens only (a copy of that
   * file cannot be used to sign in). Unreadable or damaged: ignored (agents sign in again).
   */
  private get sessionsFile(): string | null {
    return this.opts.file ? `${this.opts.file}.sessions.json` : null;
  }

  private loadSessions() {
    const file = this.sessionsFile;
    if (!file) return;
    try {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { sessions?: Array<{ hash?: unknown; agentId?: unknown; expiresAt?: unknown }> };
      const now = this.opts.now();
      for (const x of doc.sessions ?? []) {
        if (typeof x.hash !== 'string' || !/^[0-9a-f]{64}$/.test(x.hash) || typeof x.agentId !== 'string' || typeof x.expiresAt !== 'number') continue;
        if (x.expiresAt <= now || !this.byId.has(x.agentId)) continue;
        this.sessions.set(x.hash, { agentId: x.agentId, expiresAt: x.expiresAt });
      }
    } catch {
      /* no file yet, or damaged: start without sessions */
    }
  }

  /** Resolves when the files written so far (agents, sessions) are on disk. */
  flush(): Promise<void> {
    return this.writing.catch(() => undefined);
  }

  private saveSessions(): Promise<void> {
    const file = this.sessionsFile;
    if (!file) return Promise.resolve();
    const now = this.opts.now();
    const sessions = [...this.sessions].filter(([, v]) => v.expiresAt > now).map(([hash, v]) => ({ hash, agentId: v.agentId, expiresAt: v.expiresAt }));
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(file, JSON.stringify({ sessions }) + '\n')).catch(() => undefined);
    return this.writing;
  }

  /** The team's canned replies (the defaults until an admin saves a list). */
  cannedReplies(): CannedReply[] {
    return (this.canned ?? DEFAULT_CANNED_REPLIES).map((c) => ({ ...c }));
  }

  /** Replaces the canned replies (admin); persisted to the agents file when there is one. */
  async setCannedReplies(list: CannedReply[]): Promise<void> {
    this.canned = list.map((c) => ({ ...c }));
    await this.persist();
  }

  private put(a: Agent) {
    const prev = this.byId.get(a.id);
    if (prev?.token) this.tokens.delete(sha(prev.token).toString('hex'));
    this.byId.set(a.id, a);
    if (a.token) this.tokens.set(sha(a.token).toString('hex'), a.id);
  }

  list(): Agent[] {
    return [...this.byId.values()];
  }

  get(id: string): Agent | undefined {
    return this.byId.get(id);
  }

  /** The agent a bearer token belongs to (static token or live session), or null. */
  authenticate(token: string | undefined): Agent | null {
    if (!token) return null;
    const h = sha(token).toString('hex');
    const id = this.tokens.get(h);
    if (id) return this.byId.get(id) ?? null;
    const s = this.sessions.get(h);
    if (!s) return null;
    if (s.expiresAt <= this.opts.now()) {
      this.sessions.delete(h);
      return null;
    }
    return this.byId.get(s.agentId) ?? null;
  }

  private failures = new Map<string, { count: number; since: number }>();

  /**
   * Password sign-in: a new session token, null (wrong email or password; the caller does not say which), or
   * 'locked' after MAX_FAILED_SIGNINS failures for this login within 15 minutes (a guessing attack is slowed down).
   */
  async signIn(login: string, password: string): Promise<{ token: string; agent: Agent; expiresAt: number } | null | 'locked'> {
    const l = login.trim().toLowerCase();
    const now = this.opts.now();
    const f = this.failures.get(l);
    if (f && now - f.since > FAIL_WINDOW_MS) this.failures.delete(l);
    else if (f && f.count >= MAX_FAILED_SIGNINS) return 'locked';
    const agent = this.list().find((a) => a.email.toLowerCase() === l || a.id.toLowerCase() === l);
    // Hash anyway when the agent is unknown, so timing does not tell which emails exist.
    const ok = await verifyPasswordAsync(password, agent?.passwordHash ?? 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!agent || !agent.passwordHash || !ok) {
      if (this.failures.size > 10_000) this.failures.clear(); // bounded under a spray of made-up logins
      const cur = this.failures.get(l);
      this.failures.set(l, { count: (cur?.count ?? 0) + 1, since: cur?.since ?? now });
      return null;
    }
    this.failures.delete(l);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = this.opts.now() + this.settings.sessionHours * 3_600_000;
    this.sessions.set(sha(token).toString('hex'), { agentId: agent.id, expiresAt });
    void this.saveSessions();
    return { token, agent, expiresAt };
  }

  signOut(token: string) {
    if (this.sessions.delete(sha(token).toString('hex'))) void this.saveSessions();
  }

  /** Creates or replaces an agent (admin); persisted to the agents file when there is one. */
  async upsert(agent: Agent): Promise<void> {
    const others = this.list().filter((a) => a.id !== agent.id);
    if (others.some((a) => a.email.toLowerCase() === agent.email.toLowerCase())) {
      throw new AgentsFileError(`email: "${agent.email}" is already used by another agent.`);
    }
    if (!agent.token && !agent.passwordHash) throw new AgentsFileError('give a "password" or a "token" (or the agent can never sign in).');
    this.put(agent);
    await this.persist();
  }

  async remove(id: string): Promise<boolean> {
    const a = this.byId.get(id);
    if (!a) return false;
    if (a.token) this.tokens.delete(sha(a.token).toString('hex'));
    this.byId.delete(id);
    for (const [k, s] of this.sessions) if (s.agentId === id) this.sessions.delete(k);
    await this.persist();
    await this.saveSessions();
    return true;
  }

  /**
   * Replaces the agents and canned replies with a document another instance saved (an admin edit there), drops
   * the sessions of agents no longer listed, and writes this instance's agents file.
   */
  async adopt(doc: { agents: Agent[]; cannedReplies: CannedReply[] | null }): Promise<void> {
    this.byId.clear();
    this.tokens.clear();
    for (const a of doc.agents) this.put(a);
    for (const [k, s] of this.sessions) if (!this.byId.has(s.agentId)) this.sessions.delete(k);
    this.canned = doc.cannedReplies ? doc.cannedReplies.map((c) => ({ ...c })) : null;
    await this.persistFile();
  }

  private persist(): Promise<void> {
    this.opts.onSaved?.({ agents: this.list(), cannedReplies: this.canned ? this.canned.map((c) => ({ ...c })) : null });
    return this.persistFile();
  }

  private persistFile(): Promise<void> {
    const file = this.opts.file;
    if (!file) return Promise.resolve();
    const doc = { agents: this.list(), settings: this.settings, ...(this.canned ? { cannedReplies: this.canned } : {}) };
    // One write at a time; a failed earlier write does not block this one (its caller got the error).
    const next = this.writing.catch(() => undefined).then(() => writeFileAtomic(file, JSON.stringify(doc, null, 2) + '\n'));
    this.writing = next.catch(() => undefined);
    return next;
  }
}

/** What any agent may see about another (no secrets). */
export function publicAgent(a: Agent) {
  return { id: a.id, name: a.name, email: a.email, teams: a.teams, skills: a.skills, languages: a.languages, maxChats: a.maxChats, admin: a.admin };
}

interface CoverageBlock {
  id: string;
  kind: string;
  label?: string;
  data?: unknown;
}

/**
 * Startup warnings for Human Takeover blocks no agent can ever be given: the block asks for a language (or skill)
 * that none of the agents allowed by its teams/agents lists has. An agent with no languages listed takes chats in
 * any language (shared/handoff/assignment.ts), so a language mismatch is real only when every allowed agent lists
 * languages and none fits. Pure: the caller logs.
 */
export function agentCoverageWarnings(agents: Agent[], flows: Array<{ id: string; name?: string; blocks: CoverageBlock[] }>): string[] {
  const out: string[] = [];
  const norm = (x: string) => x.trim().toLowerCase().replace(/_/g, '-');
  const speaks = (a: Agent, want: string) =>
    a.languages.length === 0 || a.languages.some((l) => norm(l) === norm(want) || norm(l).startsWith(norm(want) + '-') || norm(want).startsWith(norm(l) + '-'));
  for (const f of flows) {
    for (const b of f.blocks) {
      if (!namesServers(b.kind) || !b.data) continue;
      const data = b.data as { language?: string; skill?: string; teams?: string[]; agents?: string[] };
      const name = `flow "${f.id}" block "${b.label || b.id}"`;
      const teams = (data.teams ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean);
      const ids = (data.agents ?? []).map((t) => t.trim()).filter(Boolean);
      const allowed = agents.filter((a) => (ids.length === 0 || ids.includes(a.id)) && (teams.length === 0 || a.teams.some((t) => teams.includes(t.toLowerCase()))));
      if (allowed.length === 0) {
        out.push(`${name}: no agent in the agents file is allowed to take its chats (teams: ${teams.join(', ') || 'any'}; agents: ${ids.join(', ') || 'any'}). Customers there will always get the "no agent" answer.`);
        continue;
      }
      const lang = (data.language ?? '').trim();
      if (lang && !allowed.some((a) => speaks(a, lang))) {
        const list = allowed.map((a) => `${a.id} (${a.languages.join(', ')})`).join(', ');
        out.push(`${name} asks for language "${lang}" but none of its agents speaks it: ${list}. Add "${lang}" to an agent's languages (or leave an agent's languages empty: it then takes any language).`);
      }
      const skill = (data.skill ?? '').trim();
      if (skill && !allowed.some((a) => a.skills.some((s) => s.trim().toLowerCase() === skill.toLowerCase()))) {
        out.push(`${name} asks for skill "${skill}" but none of its agents has it (${allowed.map((a) => a.id).join(', ')}). Add "${skill}" to an agent's skills.`);
      }
    }
  }
  return out;
}
