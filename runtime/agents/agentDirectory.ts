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
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../studio/writeFileAtomic';

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

export const agentsFileSchema = z.union([
  z.array(agentSchema),
  z.object({ agents: z.array(agentSchema), settings: agentSettingsSchema.optional() }).strict(),
]);

export class AgentsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentsFileError';
  }
}

/** Parses an agents document; throws `AgentsFileError` naming the path of the first problems. */
export function parseAgentsFile(doc: unknown, where = 'agents file'): { agents: Agent[]; settings: AgentSettings } {
  const r = agentsFileSchema.safeParse(doc);
  if (!r.success) {
    // The union hides the useful message: report against the shape the document seems to use.
    const shaped = Array.isArray(doc) ? z.array(agentSchema).safeParse(doc) : z.object({ agents: z.array(agentSchema), settings: agentSettingsSchema.optional() }).strict().safeParse(doc);
    const issues = (shaped.success ? r.error : shaped.error).issues.slice(0, 5);
    const text = issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`).join('; ');
    throw new AgentsFileError(`${where}: ${text}. Expected an array of agents {id, name, email, token | passwordHash, teams, skills, languages, maxChats, admin?} or {agents: [...], settings: {...}}.`);
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
  return { agents, settings };
}

export async function loadAgentsFile(path: string): Promise<{ agents: Agent[]; settings: AgentSettings }> {
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
  private sessions = new Map<string, { agentId: string; expiresAt: number }>();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    agents: Agent[],
    readonly settings: AgentSettings,
    private opts: { file?: string; now: () => number },
  ) {
    for (const a of agents) this.put(a);
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

  /** Password sign-in: a new session token, or null (wrong email or password; the caller does not say which). */
  signIn(login: string, password: string): { token: string; agent: Agent; expiresAt: number } | null {
    const l = login.trim().toLowerCase();
    const agent = this.list().find((a) => a.email.toLowerCase() === l || a.id.toLowerCase() === l);
    // Hash anyway when the agent is unknown, so timing does not tell which emails exist.
    const ok = verifyPassword(password, agent?.passwordHash ?? 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!agent || !agent.passwordHash || !ok) return null;
    const token = randomBytes(24).toString('base64url');
    const expiresAt = this.opts.now() + this.settings.sessionHours * 3_600_000;
    this.sessions.set(sha(token).toString('hex'), { agentId: agent.id, expiresAt });
    return { token, agent, expiresAt };
  }

  signOut(token: string) {
    this.sessions.delete(sha(token).toString('hex'));
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
    return true;
  }

  private persist(): Promise<void> {
    const file = this.opts.file;
    if (!file) return Promise.resolve();
    const doc = { agents: this.list(), settings: this.settings };
    this.writing = this.writing.then(() => writeFileAtomic(file, JSON.stringify(doc, null, 2) + '\n'));
    return this.writing;
  }
}

/** What any agent may see about another (no secrets). */
export function publicAgent(a: Agent) {
  return { id: a.id, name: a.name, email: a.email, teams: a.teams, skills: a.skills, languages: a.languages, maxChats: a.maxChats, admin: a.admin };
}
