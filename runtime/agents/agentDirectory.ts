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
import { nameProblem } from '../visibleText';
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { FileTooLargeError, NotRegularFileError, readRegularBytes, readRegularFile } from '../studio/readRegularFile';
import { writeFileAtomic } from '../studio/writeFileAtomic';
import { decodeUtf8Strict, findLoneSurrogate, looksLikeUtf16, loneSurrogateRefusal, textLooksLikeUtf16, utf16Refusal, utf8Refusal } from '../../shared/simulator/utf8';
import { namesServers } from './agentLiveList';

/** Names an object has from its prototype, and `prototype`: never an agent id. */
const RESERVED_OBJECT_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export const agentSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits, _ . @ - only')
      // The ticket filters and PATCH use "me" (the caller) and "none" (nobody): an agent cannot be called that.
      .refine((id) => id.toLowerCase() !== 'me' && id.toLowerCase() !== 'none', '"me" and "none" are reserved words (the caller, and nobody, in ticket filters); pick another id')
      // Every map and object keyed by agent id would meet these as the prototype's own names (hostile s40 L5).
      .refine((id) => !RESERVED_OBJECT_KEYS.has(id), 'is a reserved JavaScript name (__proto__, constructor, prototype, ...); pick another id'),
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
    /**
     * Session 30 (hostile s29 H11): an auto-assigned chat the agent has not even OPENED within this many minutes goes
     * to another agent (never back to her), or back to the queue under the block's queue timeout when nobody else can
     * take it. The customer was told "Ann will be with you shortly" and waited for ever. 0 = never.
     */
    notOpenedAfterMinutes: z.number().min(0).max(1440).default(2),
    /**
     * An agent who steps away (inbox closed, or offline) keeps the chats she has ANSWERED for this many minutes: they
     * stay hers, the customer is told she will be back, and when she returns in time nothing moves. After it they go
     * back to the queue at the place they had before she took them (the front), not the back (newcomer s15 N#12).
     * Her unanswered chats go back as soon as she is offline, as before. 0: at once.
     */
    awayGraceMinutes: z.number().min(0).max(1440).default(5),
    /** Session tokens from sign-in expire after this many hours. */
    sessionHours: z.number().min(0.01).max(24 * 30).default(12),
    /**
     * "Resolve" asks the customer for a rating when the chat's Human Takeover block rates its resolved chats (its
     * resolved exit leads to a Rating block, as "Hand back to bot" does), then the conversation ends; false: Resolve
     * closes at once without a rating (newcomer s9 #10; Chatwoot's "CSAT on resolve" setting).
     */
    ratingOnResolve: z.boolean().default(true),
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
  // Sign-in and lookups match ids and emails without case, and a token names one agent: each must be unique
  // (hostile s11 #3: Cat's entry copied as admin Dora with Cat's token signed Cat in as Dora, an admin).
  const ids = new Map<string, number>();
  const emails = new Map<string, number>();
  const tokens = new Map<string, number>();
  const who = (j: number) => `agents.${j} (${agents[j].id})`;
  agents.forEach((a, i) => {
    const id = ids.get(a.id.toLowerCase());
    if (id !== undefined) {
      throw new AgentsFileError(
        agents[id].id === a.id
          ? `${where}: agents.${i}.id: "${a.id}" is used twice (also agents.${id}); ids must be unique.`
          : `${where}: agents.${i}.id: "${a.id}" is the same id as "${agents[id].id}" (ids are compared without case), the id of agents.${id}; ids must be unique.`,
      );
    }
    const email = emails.get(a.email.toLowerCase());
    if (email !== undefined) throw new AgentsFileError(`${where}: agents.${i}.email: "${a.email}" is also the email of ${who(email)}; each agent needs their own email.`);
    if (!a.token && !a.passwordHash) throw new AgentsFileError(`${where}: agents.${i}: give a "token" or a "passwordHash" (or the agent can never sign in).`);
    const token = a.token ? tokens.get(a.token) : undefined;
    if (token !== undefined) throw new AgentsFileError(`${where}: agents.${i}.token: the same token as ${who(token)}; each agent needs their own token (it signs in as one agent).`);
    ids.set(a.id.toLowerCase(), i);
    emails.set(a.email.toLowerCase(), i);
    if (a.token) tokens.set(a.token, i);
  });
  const cannedReplies = Array.isArray(r.data) ? undefined : r.data.cannedReplies;
  return cannedReplies ? { agents, settings, cannedReplies } : { agents, settings };
}

/**
 * JSON.parse of an agents file, with the mistakes an editor makes named: a UTF-8 byte order mark is skipped, a UTF-16
 * file (Notepad's "Unicode") is refused saying so (hostile s11 #22: "Unexpected token" and nothing else), by the rule
 * every reader of a user's file uses (shared/simulator/utf8.ts looksLikeUtf16; on text already decoded, its text form).
 */
export function parseAgentsText(content: string | Uint8Array, where: string): unknown {
  const utf16 = typeof content === 'string' ? textLooksLikeUtf16(content) : looksLikeUtf16(content);
  if (utf16) throw new AgentsFileError(utf16Refusal(where, content));
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    // Hostile s15 H#13(a): a bad byte became U+FFFD in a name, written back by the next admin edit (the bytes lost).
    const decoded = decodeUtf8Strict(content);
    if (!decoded.ok) throw new AgentsFileError(`${where}: ${utf8Refusal(decoded.error)}`);
    text = decoded.text;
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    throw new AgentsFileError(`${where}: not valid JSON (${(err as Error).message}).`);
  }
  // Hostile s16 H#16 rest: "name": "Ann\ud800" signed in and was shown to customers as {{agentName}}.
  const lone = findLoneSurrogate(doc);
  if (lone) throw new AgentsFileError(`${where}: ${loneSurrogateRefusal(lone)}`);
  return doc;
}

export async function loadAgentsFile(path: string): Promise<{ agents: Agent[]; settings: AgentSettings; cannedReplies?: CannedReply[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new AgentsFileError(`--agents ${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  return parseAgentsFile(parseAgentsText(bytes, `--agents ${path}`), `--agents ${path}`);
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

/** Failure records kept at most (sign-in lock): beyond this, unlocked and expired ones go first, oldest first. */
export const MAX_FAILURE_RECORDS = 10_000;

/**
 * The agents file or its sessions file could not be written (disk full, read-only, I/O error): nothing of that
 * change was kept (except a sign-out, which holds in this process: see signOut). The routes answer 507 (full) or
 * 503 with this message, never a success that is not on disk.
 */
export class DirectoryWriteError extends Error {
  readonly statusCode: 507 | 503;
  constructor(
    readonly file: string,
    cause: unknown,
    what: string,
  ) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    const full = code === 'ENOSPC' || code === 'EDQUOT';
    super(
      full
        ? `${what}: the disk holding ${file} is full. Free some space on it, then try again.`
        : `${what}: ${file} could not be written (${code ?? (cause as Error)?.message ?? 'write failed'}). Check that the file and its folder are writable, then try again.`,
    );
    this.name = 'DirectoryWriteError';
    this.statusCode = full ? 507 : 503;
  }
}

/**
 * An admin save refused because the agents file changed on disk in a way the save would undo or cannot be made
 * with (newcomer s9 #24): an agent edited or added by hand since the admin opened it, or a file that no longer
 * parses. Nothing was saved and the file was not overwritten; the routes answer 409 agents_file_changed.
 */
export class AgentsFileConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentsFileConflictError';
  }
}

/**
 * A save's ?revision= is above any revision given for it (hostile s16 H#24: ?revision=1000 was answered "changed by
 * another admin"): the caller's mistake (HTTP 400), nothing saved. With --redis a revision given by another instance
 * is known here once that instance's edit has arrived; until then (and for one above every revision known in the
 * cluster) only a number above every revision known anywhere is said to be never given, the rest is a conflict (409).
 */
export class RevisionNotGivenError extends Error {
  constructor(
    readonly id: string,
    readonly given: number,
    readonly current: number,
  ) {
    super(`revision ${given} was never given for ${id} (its revision is ${current})`);
    this.name = 'RevisionNotGivenError';
  }
}

/** What a look at the agents file found: the ids (and 'canned replies', 'settings') a hand edit changed, or a problem. */
export interface FileSync {
  changed: string[];
  problem: string | null;
}

/** Something the directory noticed about its file, for the hub to log (the directory has no logger). */
export interface FileReport {
  level: 'info' | 'warn';
  msg: string;
  fields: Record<string, unknown>;
}

/** JSON with sorted keys: two agents compare equal whatever order their fields were written in. */
function stable(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stable).join(',')}]`;
  if (x && typeof x === 'object') {
    return `{${Object.keys(x)
      .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x);
}

/** What the agents file held when this process last read or wrote it: the base a hand edit is measured against. */
interface DiskCopy {
  text: string | null;
  agents: Map<string, string>;
  canned: string;
  settings: string;
}

const statPrint = (st: { ino: number; size: number; mtimeMs: number; ctimeMs: number }) => `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;

/** How often the hub's loop looks at the agents file (a stat; the file is read only when the stat changed). */
export const FILE_CHECK_MS = 2000;

/** A hand-edited agents file larger than this is not read (hostile s11 #5: 100 MB stalled every sign-in 1.4 s). */
export const MAX_AGENTS_FILE_BYTES = 5 * 1024 * 1024;

/**
 * A look at the agents file (stat + read) not done after this long is given up: the agents as they were are kept,
 * and the file is not looked at again until that read ends (a stalled network disk must not freeze sign-in and the
 * agent loop: hostile s11 #4).
 */
export const FILE_LOOK_TIMEOUT_MS = 3000;

/** What the I/O part of a look found (it changes nothing: a look given up never applies a late answer). */
type LookRead = { kind: 'gone' } | { kind: 'same' } | { kind: 'bad'; print: string; msg: string } | { kind: 'text'; print: string; text: string };

/** How long a save's cluster-wide claim on an item lasts (see AgentDirectory.claim): far longer than an edit takes to reach the other instances. */
export const EDIT_CLAIM_MS = 30_000;

/** What an admin edit on one instance sends the others (--redis): the whole list, and its revisions (see adopt). */
export interface SharedDirectoryDoc {
  agents: Agent[];
  cannedReplies: CannedReply[] | null;
  revisions?: Record<string, number>;
  revCounter?: number;
}

/** A session: who, until when, and a fingerprint of the password it was opened with (a new password ends it). */
interface Session {
  agentId: string;
  expiresAt: number;
  /** First 16 hex of sha256(passwordHash) at sign-in; absent in files written before it existed. */
  pw?: string;
}
const passwordPrint = (passwordHash: string | undefined) => (passwordHash ? sha(passwordHash).toString('hex').slice(0, 16) : undefined);

/** The live directory: lookups, sign-in sessions, admin edits. */
export class AgentDirectory {
  private byId = new Map<string, Agent>();
  private tokens = new Map<string, string>(); // sha256 hex of static token -> agent id
  /** sha256 hex of a session token -> session; with --redis a Map that writes through to Redis (runtime/serve/sharedSessions.ts). */
  private sessions: Map<string, Session>;
  private writing: Promise<void> = Promise.resolve();

  private canned: CannedReply[] | null;
  /** Agents who chose Offline (kept with the sessions, so a restart does not forget it: hostile s9 #17). */
  private chosenOffline = new Set<string>();

  constructor(
    agents: Agent[],
    readonly settings: AgentSettings,
    private opts: {
      file?: string;
      now: () => number;
      cannedReplies?: CannedReply[];
      sessions?: Map<string, Session>;
      /** Failure records kept for the sign-in lock (default MAX_FAILURE_RECORDS; tests use a small one). */
      maxFailureRecords?: number;
      /** Told after every admin change (agents, canned replies): with --redis it is passed on to the other instances. */
      onSaved?: (doc: SharedDirectoryDoc) => void;
      /**
       * With --redis: the cluster-wide check of an admin save (SharedState.claimEdit, `ms` = EDIT_CLAIM_MS) and its
       * undoing when the save then fails (see `claim`).
       */
      claimEdit?: (key: string, expect: string, next: string) => Promise<boolean>;
      releaseEdit?: (key: string, value: string) => Promise<void>;
      /** FILE_LOOK_TIMEOUT_MS unless given (tests). */
      fileLookTimeoutMs?: number;
      /** Reads the agents file for a look (tests stand in a read that stalls); readRegularFile with the size cap by default. */
      readText?: (file: string) => Promise<string>;
    },
  ) {
    this.sessions = opts.sessions ?? new Map();
    for (const a of agents) this.put(a);
    this.canned = opts.cannedReplies ? [...opts.cannedReplies] : null;
    this.disk = this.copyOf(agents, this.canned, settings, null);
    this.readBase();
    this.loadSessions();
  }

  /* ------------------------------------------------------------ the file, edited by hand while running */

  /** The agents file as this process last read or wrote it (newcomer s9 #24). */
  private disk: DiskCopy;
  /** stat() of the file then (inode, size, mtime, ctime): an unchanged stat means an unchanged file. */
  private fileStat: string | null = null;
  private lastCheck = Number.NEGATIVE_INFINITY;
  /** The file's problem now (not JSON, an invalid agent...), null when it parses. */
  private problem: string | null = null;
  /** agent id (or '#canned') -> its revision: goes up on every change, saying whether by hand in the file or in the inbox. */
  private revs = new Map<string, { n: number; by: 'file' | 'inbox' }>();
  private revCounter = 0;
  private reports: FileReport[] = [];
  /** Set when --agents named a pipe or device at start: hand edits are not looked for, admin saves are refused. */
  private notAFile: string | null = null;
  /** A look's read that did not finish in time and has not ended yet: no other look starts until it does. */
  private stalled: Promise<void> | null = null;
  /** Canned replies the last hand edit added or changed (shortcut -> stable text): a save sent without a revision must keep them. */
  private handCanned = new Map<string, string>();

  private copyOf(agents: Agent[], canned: CannedReply[] | null, settings: AgentSettings, text: string | null): DiskCopy {
    return { text, agents: new Map(agents.map((a) => [a.id, stable(a)])), canned: stable(canned ?? null), settings: stable(settings) };
  }

  /**
   * At start-up: what the file says now is the base (the agents given were parsed from it a moment ago). A file that
   * does not exist or does not parse leaves the given agents as the base.
   */
  private readBase() {
    const file = this.opts.file;
    if (!file) return;
    try {
      const st = statSync(file);
      if (!st.isFile()) {
        // `--agents <(cat agents.json)`: a pipe read once at start. Nothing to watch, nowhere to save.
        if (!st.isDirectory()) this.notAFile = `--agents ${file} is not a regular file (a pipe or device, read once at start)`;
        return;
      }
      const bytes = readFileSync(file);
      const text = bytes.toString('utf8');
      const parsed = parseAgentsFile(parseAgentsText(bytes, file), file);
      this.disk = this.copyOf(parsed.agents, parsed.cannedReplies ?? null, parsed.settings, text);
      this.fileStat = statPrint(st);
    } catch {
      /* no file yet, or not usable: the first look compares it with the agents given */
    }
  }

  /** The revision of an agent (0 until it changes): PUT/DELETE ?revision= refuse a save made on an older one. */
  revisionOf(id: string): number {
    return this.revs.get(id)?.n ?? 0;
  }

  /** One rule for a save's ?revision= (the routes had it twice: hostile s16 H#24's "never given" and the 409 here). */
  private checkRevision(what: string, id: string, expect: number | 'new' | undefined, label: string) {
    const rev = this.revs.get(id);
    if (expect === 'new' && this.byId.has(id)) {
      throw new AgentsFileConflictError(`${what}: an agent with the id "${id}" already exists${rev?.by === 'file' ? ' (added to the agents file by hand)' : ''}. Pick another id, or edit that agent.`);
    }
    if (typeof expect !== 'number' || (rev?.n ?? 0) === expect) return;
    // Above this id's revision: never given by this process. With --redis (onSaved: other instances share the edits)
    // another instance may have given it: never given only when above every revision known in the cluster.
    const ceiling = this.opts.onSaved ? this.revCounter : (rev?.n ?? 0);
    if (expect > ceiling) throw new RevisionNotGivenError(id, expect, rev?.n ?? 0);
    const gone = id !== '#canned' && !this.byId.has(id);
    const where = rev?.by === 'file' ? 'in the agents file on disk (by hand)' : 'by another admin';
    throw new AgentsFileConflictError(`${what}: ${label} was ${gone ? 'removed' : 'changed'} ${where} after you opened it. The list shows it as saved now: check it, then save again.`);
  }

  private bump(id: string, by: 'file' | 'inbox') {
    this.revs.set(id, { n: ++this.revCounter, by });
  }

  /** What the directory noticed about its file since the last call (the hub logs it). */
  takeFileReports(): FileReport[] {
    const r = this.reports;
    this.reports = [];
    return r;
  }

  /** The file's problem now (null when it parses or there is no file). */
  get fileProblem(): string | null {
    return this.problem;
  }

  /**
   * Looks at the agents file and takes in what was edited there by hand since this process last read or wrote it
   * (newcomer s9 #24: an agent added with an editor could not sign in, and the next admin save in the inbox wrote the
   * file from memory without it). Per agent: changed, added or removed in the file -> the same here (a removed
   * agent's sessions end); canned replies and settings likewise. A file that does not parse changes nothing here and
   * is reported (the hub logs it once); admin saves are then refused (they would overwrite it). A file that is gone
   * changes nothing (the next save writes it again).
   *
   * `mode`: 'throttled' (the hub's loop: at most every FILE_CHECK_MS), 'stat' (read only if its stat changed),
   * 'read' (always read: before a save).
   */
  syncWithFile(mode: 'throttled' | 'stat' | 'read' = 'stat'): Promise<FileSync> {
    const file = this.opts.file;
    if (!file) return Promise.resolve({ changed: [], problem: null });
    if (mode === 'throttled') {
      const t = performance.now();
      if (t - this.lastCheck < FILE_CHECK_MS) return Promise.resolve({ changed: [], problem: this.problem });
      this.lastCheck = t;
    }
    // On the write chain: a look never interleaves with a write of the file.
    const next = this.writing.catch(() => undefined).then(() => this.look(file, mode === 'read'));
    this.writing = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  /** The file's problem, reported (logged by the hub) once per distinct problem; the agents as they were are kept. */
  private fileFails(file: string, msg: string): FileSync {
    if (msg !== this.problem) {
      this.reports.push({
        level: 'warn',
        // One full stop (newcomer s12 #15: "... position 793).. The agents").
        msg: `agents file changed on disk but cannot be used: ${msg.replace(/\.+$/, '')}. The agents as they were are kept; admin saves in the inbox are refused until the file is fixed.`,
        fields: { file },
      });
    }
    this.problem = msg;
    return { changed: [], problem: msg };
  }

  /** stat + read, bounded: only regular files are read (a named pipe would block for ever), at most MAX_AGENTS_FILE_BYTES. */
  private async readForLook(file: string, read: boolean): Promise<LookRead> {
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(file);
    } catch {
      return { kind: 'gone' }; // gone (or not reachable): nothing to take in; a save writes it again
    }
    const print = statPrint(st);
    if (!read && print === this.fileStat) return { kind: 'same' };
    const notRegular = `${file} is ${st.isDirectory() ? 'a folder' : 'not a regular file (a named pipe, socket or device)'}, not an agents file: put the agents file back at that path`;
    if (!st.isFile()) return { kind: 'bad', print, msg: notRegular };
    try {
      if (this.opts.readText) return { kind: 'text', print, text: await this.opts.readText(file) };
      // Decoded strictly, as at start (hostile s15 #13 rest): a bad byte saved while the server runs was read as U+FFFD
      // in a name and written back so by the next admin edit. Now the file is refused as a whole, naming the byte, and
      // the agents stay as they were. (UTF-16 goes on to parseAgentsText's refusal, which says so.)
      if (st.size > MAX_AGENTS_FILE_BYTES) throw new FileTooLargeError(file, st.size, MAX_AGENTS_FILE_BYTES);
      const bytes = await readRegularBytes(file);
      if (bytes.length > MAX_AGENTS_FILE_BYTES) throw new FileTooLargeError(file, bytes.length, MAX_AGENTS_FILE_BYTES);
      if (!looksLikeUtf16(bytes)) {
        const decoded = decodeUtf8Strict(bytes);
        if (!decoded.ok) return { kind: 'bad', print, msg: `${file}: ${utf8Refusal(decoded.error)}` };
      }
      return { kind: 'text', print, text: bytes.toString('utf8') };
    } catch (err) {
      if (err instanceof NotRegularFileError) return { kind: 'bad', print, msg: notRegular };
      if (err instanceof FileTooLargeError) {
        return { kind: 'bad', print, msg: `${file} is ${(err.size / (1024 * 1024)).toFixed(1)} MB; an agents file over ${MAX_AGENTS_FILE_BYTES / (1024 * 1024)} MB is not read (it would stall every sign-in)` };
      }
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'gone' };
      return { kind: 'bad', print, msg: `${file} cannot be read (${code ?? (err as Error).message})` };
    }
  }

  private async look(file: string, read: boolean): Promise<FileSync> {
    if (this.notAFile) return { changed: [], problem: null };
    if (this.stalled) return { changed: [], problem: this.problem };
    const io = this.readForLook(file, read);
    const limit = this.opts.fileLookTimeoutMs ?? FILE_LOOK_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), limit);
    });
    const got = await Promise.race([io, late]).finally(() => clearTimeout(timer));
    if (got === 'late') {
      // The read goes on in the background (it cannot be cancelled); its answer is dropped. Until it ends the file is
      // not looked at again, so stalled reads do not pile up on libuv's threads.
      const stalled: Promise<void> = io.then(
        () => undefined,
        () => undefined,
      );
      this.stalled = stalled;
      void stalled.then(() => {
        if (this.stalled === stalled) this.stalled = null;
        this.fileStat = null; // looked at afresh next time
      });
      return this.fileFails(file, `reading ${file} did not finish within ${limit / 1000} s (a named pipe, or a network disk that stalls?); it is looked at again once that read ends`);
    }
    if (got.kind === 'gone') return { changed: [], problem: null };
    if (got.kind === 'same') return { changed: [], problem: this.problem };
    this.fileStat = got.print;
    if (got.kind === 'bad') return this.fileFails(file, got.msg);
    const text = got.text;
    if (text === this.disk.text) {
      this.problem = null;
      return { changed: [], problem: null };
    }
    let parsed: ReturnType<typeof parseAgentsFile>;
    try {
      parsed = parseAgentsFile(parseAgentsText(text, file), file);
    } catch (err) {
      return this.fileFails(file, (err as Error).message);
    }
    this.problem = null;
    const theirs = new Map(parsed.agents.map((a) => [a.id, a]));
    const added: string[] = [];
    const edited: string[] = [];
    const removed: string[] = [];
    for (const id of new Set([...this.disk.agents.keys(), ...theirs.keys()])) {
      const t = theirs.get(id);
      const before = this.disk.agents.get(id);
      if (before === (t ? stable(t) : undefined)) continue; // not edited in the file: what is here stays
      if (t) {
        (this.byId.has(id) ? edited : added).push(id);
        this.put(t);
      } else if (this.byId.has(id)) {
        removed.push(id);
        const a = this.byId.get(id)!;
        if (a.token) this.tokens.delete(sha(a.token).toString('hex'));
        this.byId.delete(id);
        this.gen++;
        for (const [k, s] of this.sessions) if (s.agentId === id) this.sessions.delete(k);
      }
      this.bump(id, 'file');
    }
    const changed = [...added, ...edited, ...removed];
    const canned = parsed.cannedReplies ?? null;
    if (stable(canned) !== this.disk.canned) {
      // What the hand edit added or changed: a save sent without a revision must not delete it (hostile s11 #17).
      const had = new Set((this.canned ?? []).map((c) => stable(c)));
      const now = new Map((canned ?? []).map((c) => [c.shortcut.toLowerCase(), stable(c)]));
      for (const k of [...this.handCanned.keys()]) if (now.get(k) !== this.handCanned.get(k)) this.handCanned.delete(k);
      for (const [k, v] of now) if (!had.has(v)) this.handCanned.set(k, v);
      this.canned = canned ? canned.map((c) => ({ ...c })) : null;
      this.bump('#canned', 'file');
      changed.push('canned replies');
    }
    if (stable(parsed.settings) !== this.disk.settings) {
      Object.assign(this.settings, parsed.settings);
      changed.push('settings');
    }
    this.disk = this.copyOf(parsed.agents, canned, parsed.settings, text);
    if (changed.length > 0) {
      // At most 20 ids named per kind (hostile s11 #5: 20,000 added agents made one log line naming them all).
      const names = (ids: string[]) => (ids.length > 20 ? `${ids.slice(0, 20).join(', ')} and ${ids.length - 20} more` : ids.join(', '));
      const parts = [added.length ? `added ${names(added)}` : '', edited.length ? `changed ${names(edited)}` : '', removed.length ? `removed ${names(removed)}` : '', changed.includes('canned replies') ? 'canned replies changed' : '', changed.includes('settings') ? 'settings changed' : ''].filter(Boolean);
      this.reports.push({ level: 'info', msg: `agents file edited on disk: taken in (${parts.join('; ')})`, fields: { file, added: added.slice(0, 20), changed: edited.slice(0, 20), removed: removed.slice(0, 20), counts: { added: added.length, changed: edited.length, removed: removed.length } } });
      // A name customers should not read, written by hand while running: said as at start (hostile s19 #22).
      const taken = new Set([...added, ...edited]);
      const warnings = agentNameWarnings(parsed.agents, (a) => taken.has(a.id)).slice(0, 20);
      for (const w of warnings) this.reports.push({ level: 'warn', msg: `agents file edited on disk: ${w}`, fields: { file } });
    }
    return { changed, problem: null };
  }

  /**
   * Before an admin save: take in the file's hand edits, then refuse the save if it would undo one (the agent was
   * edited or added by hand since the admin opened it) or if the file does not parse (writing would lose it).
   */
  async assertCanSave(what: string, id: string, expect: number | 'new' | undefined, label = 'it'): Promise<void> {
    const r = await this.syncWithFile('read');
    if (r.problem) {
      throw new AgentsFileConflictError(`${what}: the agents file was edited on disk and cannot be read now (${r.problem}). Fix the file first; nothing was saved and the file was not overwritten.`);
    }
    this.checkRevision(what, id, expect, label);
    if (expect === undefined && r.changed.includes(id === '#canned' ? 'canned replies' : id)) {
      throw new AgentsFileConflictError(`${what}: ${label} was just changed in the agents file on disk (by hand). That version is loaded now: check it, then save again.`);
    }
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
    if (!file) {
      // Agents given in-process (the studio's Run, tests): nothing is kept over a start, so nobody was online before it.
      this.onlineRead = [];
      return;
    }
    try {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { sessions?: Array<{ hash?: unknown; agentId?: unknown; expiresAt?: unknown; pw?: unknown }>; offlineChosen?: unknown; online?: unknown };
      if (Array.isArray(doc.offlineChosen)) for (const id of doc.offlineChosen) if (typeof id === 'string' && this.byId.has(id)) this.chosenOffline.add(id);
      // Written since session 37; a file written before says nothing of it (unknown: null).
      this.onlineSaved = Array.isArray(doc.online) ? new Set(doc.online.filter((id): id is string => typeof id === 'string' && this.byId.has(id))) : null;
      this.onlineRead = this.onlineSaved ? [...this.onlineSaved] : null;
      const now = this.opts.now();
      for (const x of doc.sessions ?? []) {
        if (typeof x.hash !== 'string' || !/^[0-9a-f]{64}$/.test(x.hash) || typeof x.agentId !== 'string' || typeof x.expiresAt !== 'number') continue;
        if (x.expiresAt <= now || !this.byId.has(x.agentId)) continue;
        this.sessions.set(x.hash, { agentId: x.agentId, expiresAt: x.expiresAt, ...(typeof x.pw === 'string' ? { pw: x.pw } : {}) });
      }
    } catch (err) {
      // No file yet: start without sessions. Damaged (hostile s32: a truncated file signed every agent out and dropped
      // who chose Offline without a word, and the next sign-in wrote over it): kept aside as it was, and said in the log.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        // No sessions file next to the agents file: nobody has signed in or been online with it yet.
        this.onlineSaved = new Set();
        this.onlineRead = [];
        return;
      }
      const aside = `${file}.damaged-${new Date(this.opts.now()).toISOString().replace(/[:.]/g, '-')}`;
      let kept = false;
      try {
        renameSync(file, aside);
        kept = true;
      } catch {
        /* not movable (a folder, no permission): the next write replaces it */
      }
      this.reports.push({
        level: 'warn',
        msg: `agents' sessions file could not be read (${err instanceof Error ? err.message : String(err)}): every agent signs in again and the chosen Offline states are forgotten${kept ? `; the damaged file was kept as ${aside}` : ''}`,
        fields: { file, ...(kept ? { keptAs: aside } : {}) },
      });
    }
  }

  /** The agents who chose Offline, as kept next to the agents file (read at start). */
  offlineChosenAtStart(): string[] {
    return [...this.chosenOffline];
  }

  /** Keeps who chose Offline next to the agents file (with the sessions); written only when it changed. */
  saveOfflineChosen(ids: Iterable<string>): Promise<void> {
    const next = new Set(ids);
    if (next.size === this.chosenOffline.size && [...next].every((id) => this.chosenOffline.has(id))) return Promise.resolve();
    this.chosenOffline = next;
    return this.saveSessions('The chosen Offline was not kept for a restart');
  }

  /**
   * Session 37: the agents who were signed in and not offline when this server (or the one before it on this agents
   * file) last noted it, as kept next to the agents file with the sessions, read at start: empty with no sessions file
   * yet, and with agents given in-process (no agents file: nothing is kept over a start). Null when not known (a
   * sessions file written before session 37, or a damaged one). The hub's start-up grace applies unless it is empty.
   */
  onlineAtStart(): string[] | null {
    return this.onlineRead;
  }
  private onlineRead: string[] | null = null;
  /** Who is online as last saved (null: unknown; see onlineAtStart). */
  private onlineSaved: Set<string> | null = null;

  /** Keeps who is online (not offline) next to the agents file, with the sessions; written only when it changed. */
  saveOnline(ids: Iterable<string>): Promise<void> {
    if (!this.sessionsFile) return Promise.resolve();
    const next = new Set(ids);
    if (this.onlineSaved && next.size === this.onlineSaved.size && [...next].every((id) => this.onlineSaved!.has(id))) return Promise.resolve();
    this.onlineSaved = next;
    return this.saveSessions('Who is online was not kept for a restart');
  }

  /** Resolves when the files written so far (agents, sessions) are on disk. */
  flush(): Promise<void> {
    return this.writing.catch(() => undefined);
  }

  /**
   * Writes every live session (the whole map: a write that failed earlier is made good by the next one that works).
   * Rejects with a DirectoryWriteError when the file could not be written.
   */
  private saveSessions(what: string): Promise<void> {
    const file = this.sessionsFile;
    if (!file) return Promise.resolve();
    // A write queued and not started yet writes the map as it will be then: this change rides on it (hostile s11
    // #18: one agent toggling Online/Offline queued a write + fsync per click ahead of every sign-in).
    const wrap = (p: Promise<void>) =>
      p.catch((err: unknown) => {
        throw new DirectoryWriteError(file, err, what);
      });
    if (this.sessionsQueued) return wrap(this.sessionsQueued);
    const next = this.writing.catch(() => undefined).then(() => {
      this.sessionsQueued = null; // running now: a change from here on needs the next write
      // The map as it is when this write runs (not when it was queued): later changes are never written over.
      const now = this.opts.now();
      const sessions = [...this.sessions].filter(([, v]) => v.expiresAt > now).map(([hash, v]) => ({ hash, agentId: v.agentId, expiresAt: v.expiresAt, ...(v.pw ? { pw: v.pw } : {}) }));
      const offlineChosen = [...this.chosenOffline].filter((id) => this.byId.has(id));
      const online = this.onlineSaved ? [...this.onlineSaved].filter((id) => this.byId.has(id)) : null;
      return writeFileAtomic(file, JSON.stringify({ sessions, ...(offlineChosen.length ? { offlineChosen } : {}), ...(online ? { online } : {}) }) + '\n');
    });
    this.sessionsQueued = next;
    this.writing = next.catch(() => undefined);
    return wrap(next);
  }
  /** The sessions write queued on the write chain and not started yet (see saveSessions). */
  private sessionsQueued: Promise<void> | null = null;

  /** The team's canned replies (the defaults until an admin saves a list). */
  cannedReplies(): CannedReply[] {
    return (this.canned ?? DEFAULT_CANNED_REPLIES).map((c) => ({ ...c }));
  }

  /**
   * Admin saves (agents, canned replies) one at a time, each from its revision check to its write (hostile s12 #9: two
   * admins saving the canned replies with the same ?revision= both passed the check before either had written, both
   * got 200, and one list was lost): the second save is checked against the first's new revision and refused.
   */
  private adminSaves: Promise<unknown> = Promise.resolve();
  private oneSaveAtATime<T>(save: () => Promise<T>): Promise<T> {
    const run = this.adminSaves.then(save, save);
    this.adminSaves = run.catch(() => undefined);
    return run;
  }

  /**
   * Session 20 (hostile s19 #20): with --redis, two admins saving the same agent (or the canned replies) on two
   * instances at the same moment both passed their own instance's revision check and both got 200; one edit was lost
   * (both instances then agreed on the other). Now a save claims the item cluster-wide before it writes: it names the
   * content it was made on (this instance's, which its revision check just accepted) and the content it writes. When
   * another instance has saved that item in the last EDIT_CLAIM_MS and this instance has not taken that edit in yet,
   * the contents differ and the save is refused (409, nothing saved); once the edit has arrived here (adopt), a save on
   * it goes through. Returns the undo for a save that then fails (null without --redis). A claim that cannot be made
   * (Redis unreachable) is not a refusal: the save goes on with this instance's check alone, as before session 20.
   */
  private async claim(what: string, id: string, label: string, before: unknown, after: unknown): Promise<(() => void) | null> {
    const claimEdit = this.opts.claimEdit;
    if (!claimEdit) return null;
    const print = (x: unknown) => sha(stable(x ?? null)).toString('hex').slice(0, 32);
    const next = print(after);
    const key = id === '#canned' ? 'cannedReplies' : `agent:${id}`;
    let ok: boolean;
    try {
      ok = await claimEdit(key, print(before), next);
    } catch {
      return null;
    }
    if (!ok) {
      throw new AgentsFileConflictError(
        `${what}: ${label} was just saved by another admin (on another instance of this server), and that edit has not reached this one yet. Nothing was saved. Reload in a moment: check it, then save again.`,
      );
    }
    return () => void this.opts.releaseEdit?.(key, next).catch(() => undefined);
  }

  /** Replaces the canned replies (admin); persisted to the agents file when there is one. */
  setCannedReplies(list: CannedReply[], o: { revision?: number } = {}): Promise<void> {
    return this.oneSaveAtATime(() => this.setCannedRepliesNow(list, o));
  }

  private async setCannedRepliesNow(list: CannedReply[], o: { revision?: number }): Promise<void> {
    await this.assertCanSave('The canned replies were not saved', '#canned', o.revision, 'The canned replies list');
    if (o.revision === undefined && this.handCanned.size > 0) {
      // No revision (an older inbox): the save must at least keep what was added or changed in the file by hand since.
      const sent = new Set(list.map((c) => stable(c)));
      const lost = [...this.handCanned].filter(([, v]) => !sent.has(v)).map(([k]) => `/${k}`);
      if (lost.length > 0) {
        throw new AgentsFileConflictError(
          `The canned replies were not saved: ${lost.join(', ')} ${lost.length === 1 ? 'was' : 'were'} added or changed in the agents file on disk (by hand) and ${lost.length === 1 ? 'is' : 'are'} not in this list. Reload the canned replies, then save again (to delete ${lost.length === 1 ? 'it' : 'them'}, delete ${lost.length === 1 ? 'it' : 'them'} after reloading).`,
        );
      }
    }
    const before = this.canned;
    const undo = await this.claim('The canned replies were not saved', '#canned', 'the canned replies list', before, list);
    this.canned = list.map((c) => ({ ...c }));
    await this.persist('The canned replies were not saved', '#canned').then(
      () => this.handCanned.clear(),
      (err: unknown) => {
        this.canned = before; // nothing pretends to be saved
        undo?.();
        throw err;
      },
    );
  }

  private put(a: Agent) {
    const prev = this.byId.get(a.id);
    if (prev?.token) this.tokens.delete(sha(prev.token).toString('hex'));
    this.byId.set(a.id, a);
    this.gen++;
    if (a.token) this.tokens.set(sha(a.token).toString('hex'), a.id);
  }

  list(): Agent[] {
    return [...this.byId.values()];
  }

  /** Goes up on every change to the agents (add, edit, remove, adopt): the hub's snapshot version includes it. */
  get generation(): number {
    return this.gen;
  }
  private gen = 0;

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
    const agent = this.byId.get(s.agentId);
    if (!agent) return null;
    // Opened with a password that has been changed since: ended (see sessionWorks). Not deleted here: with --redis this
    // may be a stale copy of a session the admin kept (credentialsChanged), which loadSharedSession then re-reads from
    // Redis; credentialsChanged deletes the ended ones everywhere.
    return this.sessionWorks(s, agent, this.opts.now()) ? agent : null;
  }

  /**
   * The one rule for whether a session token still works (authenticate and hasLiveSession both ask it; session 16's
   * review found it written twice): not expired, and opened with the agent's current password (changed here, on
   * another instance, or before a restart: ended). `agent` undefined (no longer in the file): only the time counts.
   */
  private sessionWorks(s: { expiresAt: number; pw?: string }, agent: Agent | undefined, now: number): boolean {
    if (s.expiresAt <= now) return false;
    return !(agent && s.pw !== undefined && s.pw !== passwordPrint(agent.passwordHash));
  }

  /**
   * Whether the agent still has a session token that works here (not expired, opened with the current password).
   * Sign-out sets the agent offline when this is false afterwards (hostile s16 H#14). With --redis, sessions opened
   * on another instance and never used here are not in this map, so that sign-out also sets them offline (the other
   * instance's inbox sets them online again when it loads or they choose it).
   */
  hasLiveSession(agentId: string): boolean {
    const now = this.opts.now();
    const agent = this.byId.get(agentId);
    for (const s of this.sessions.values()) if (s.agentId === agentId && this.sessionWorks(s, agent, now)) return true;
    return false;
  }

  /** True when this is one of the agents file's static tokens (which sign-out cannot end). */
  isStaticToken(token: string): boolean {
    return this.tokens.has(sha(token).toString('hex'));
  }

  /**
   * Failed sign-ins per login (lower-cased), oldest first. Bounded (MAX_FAILURE_RECORDS) without forgetting a lock:
   * a spray of made-up logins evicts expired and unlocked records first, then locks on logins that are no agent's;
   * a lock on a real agent's login stays until its window ends (hostile s5 #8: clearing the map reset every lock).
   */
  private failures = new Map<string, { count: number; since: number }>();

  /** How many failure records are kept now (bounded). */
  failureRecords(): number {
    return this.failures.size;
  }

  private recordFailure(l: string, now: number) {
    const cur = this.failures.get(l);
    this.failures.delete(l);
    this.failures.set(l, { count: (cur?.count ?? 0) + 1, since: cur?.since ?? now });
    const max = this.opts.maxFailureRecords ?? MAX_FAILURE_RECORDS;
    if (this.failures.size <= max) return;
    const isAgent = (login: string) => this.list().some((a) => a.email.toLowerCase() === login || a.id.toLowerCase() === login);
    const passes: Array<(login: string, f: { count: number; since: number }) => boolean> = [
      (_, f) => now - f.since > FAIL_WINDOW_MS, // expired
      (_, f) => f.count < MAX_FAILED_SIGNINS, // not locked
      (login) => !isAgent(login), // locked, but nobody's login
    ];
    for (const drop of passes) {
      for (const [login, f] of this.failures) {
        if (this.failures.size <= max) return;
        if (login !== l && drop(login, f)) this.failures.delete(login);
      }
    }
  }

  /**
   * Password sign-in: a new session token, null (wrong email or password; the caller does not say which), or
   * 'locked' after MAX_FAILED_SIGNINS failures for this login within 15 minutes (a guessing attack is slowed down).
   */
  async signIn(login: string, password: string): Promise<{ token: string; agent: Agent; expiresAt: number } | null | 'locked'> {
    const l = login.trim().toLowerCase();
    // An agent added (or a password changed) in the file by hand since the last look can sign in now (newcomer s9 #24).
    await this.syncWithFile('stat');
    const now = this.opts.now();
    const f = this.failures.get(l);
    if (f && now - f.since > FAIL_WINDOW_MS) this.failures.delete(l);
    else if (f && f.count >= MAX_FAILED_SIGNINS) return 'locked';
    const agent = this.list().find((a) => a.email.toLowerCase() === l || a.id.toLowerCase() === l);
    // Hash anyway when the agent is unknown, so timing does not tell which emails exist.
    const ok = await verifyPasswordAsync(password, agent?.passwordHash ?? 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!agent || !agent.passwordHash || !ok) {
      this.recordFailure(l, now);
      return null;
    }
    this.failures.delete(l);
    const token = randomBytes(24).toString('base64url');
    const expiresAt = this.opts.now() + this.settings.sessionHours * 3_600_000;
    const hash = sha(token).toString('hex');
    this.sessions.set(hash, { agentId: agent.id, expiresAt, pw: passwordPrint(agent.passwordHash) });
    try {
      // On disk before the agent uses it (it survives a restart); not on disk: no token is given out.
      await this.saveSessions('You were not signed in: the session could not be saved');
    } catch (err) {
      this.sessions.delete(hash);
      throw err;
    }
    return { token, agent, expiresAt };
  }

  /**
   * Ends a session token at once in this process. Resolves when that is on disk; rejects with DirectoryWriteError
   * when it could not be written: the token stays refused here, and the next sessions write that works (any
   * sign-in or sign-out) records the sign-out, but until then a restart would bring the session back.
   */
  async signOut(token: string): Promise<void> {
    if (this.sessions.delete(sha(token).toString('hex'))) {
      await this.saveSessions('You are signed out on this server, but the sign-out could not be saved, so a restart before the next successful save would bring the session back');
    }
  }

  /** Ends every session of an agent except `keep` (a token); resolves when that is on disk. */
  async endSessionsOf(agentId: string, keep?: string): Promise<number> {
    const kept = keep ? sha(keep).toString('hex') : null;
    let n = 0;
    for (const [k, s] of this.sessions) {
      if (s.agentId === agentId && k !== kept) {
        this.sessions.delete(k);
        n++;
      }
    }
    if (n > 0) await this.saveSessions('The agent\'s other sessions were ended on this server, but that could not be saved');
    return n;
  }

  /** Creates or replaces an agent (admin); persisted to the agents file when there is one. One admin save at a time. */
  upsert(agent: Agent, o: { revision?: number | 'new' } = {}): Promise<void> {
    return this.oneSaveAtATime(() => this.upsertNow(agent, o));
  }

  private async upsertNow(agent: Agent, o: { revision?: number | 'new' }): Promise<void> {
    await this.assertCanSave(`Agent "${agent.id}" was not saved`, agent.id, o.revision);
    const others = this.list().filter((a) => a.id !== agent.id);
    const sameEmail = others.find((a) => a.email.toLowerCase() === agent.email.toLowerCase());
    if (sameEmail) throw new AgentsFileError(`email: "${agent.email}" is already used by another agent (${sameEmail.id}).`);
    const sameId = others.find((a) => a.id.toLowerCase() === agent.id.toLowerCase());
    if (sameId) throw new AgentsFileError(`id: "${agent.id}" is the same id as the agent "${sameId.id}" (ids are compared without case); pick another id, or edit "${sameId.id}".`);
    const sameToken = agent.token ? others.find((a) => a.token === agent.token) : undefined;
    if (sameToken) throw new AgentsFileError(`token: the same token as the agent "${sameToken.id}"; each agent needs their own token.`);
    if (!agent.token && !agent.passwordHash) throw new AgentsFileError('give a "password" or a "token" (or the agent can never sign in).');
    const prev = this.byId.get(agent.id);
    const undo = await this.claim(`Agent "${agent.id}" was not saved`, agent.id, `agent "${agent.id}"`, prev, agent);
    this.put(agent);
    await this.persist(`Agent "${agent.id}" was not saved`, agent.id).catch((err: unknown) => {
      undo?.();
      // Not on disk: the directory goes back to what the file says.
      if (prev) this.put(prev);
      else {
        if (agent.token) this.tokens.delete(sha(agent.token).toString('hex'));
        this.byId.delete(agent.id);
        this.gen++;
      }
      throw err;
    });
  }

  /**
   * An admin set a new password (or token) for an agent: the sessions opened with the old one end (their push
   * streams close with `signed_out` within 2 s), except `keep`, the admin's own current session when the admin
   * changed their own password. Sessions hold a fingerprint of the password they were opened with, so they also
   * stay ended after a restart even if this sessions write fails.
   */
  async credentialsChanged(agentId: string, keep?: string): Promise<number> {
    const a = this.byId.get(agentId);
    if (keep && a) {
      const s = this.sessions.get(sha(keep).toString('hex'));
      if (s && s.agentId === agentId) this.sessions.set(sha(keep).toString('hex'), { ...s, pw: passwordPrint(a.passwordHash) });
    }
    return this.endSessionsOf(agentId, keep);
  }

  /** Removes an agent (admin). One admin save at a time. */
  remove(id: string, o: { revision?: number } = {}): Promise<boolean> {
    return this.oneSaveAtATime(() => this.removeNow(id, o));
  }

  private async removeNow(id: string, o: { revision?: number }): Promise<boolean> {
    await this.assertCanSave(`Agent "${id}" was not removed`, id, this.byId.has(id) ? o.revision : undefined);
    const a = this.byId.get(id);
    if (!a) return false;
    const undo = await this.claim(`Agent "${id}" was not removed`, id, `agent "${id}"`, a, null);
    if (a.token) this.tokens.delete(sha(a.token).toString('hex'));
    this.byId.delete(id);
    this.gen++;
    await this.persist(`Agent "${id}" was not removed`, id).catch((err: unknown) => {
      undo?.();
      this.put(a); // still in the file: still an agent
      throw err;
    });
    // Removed on disk: its sessions end (a session of an agent not in the file is never loaded again anyway).
    for (const [k, s] of this.sessions) if (s.agentId === id) this.sessions.delete(k);
    await this.saveSessions('The agent was removed, but its sessions file could not be updated').catch(() => undefined);
    return true;
  }

  /**
   * Takes in a document another instance saved (an admin edit there), drops the sessions of agents no longer listed,
   * and writes this instance's agents file. One admin save at a time, like this instance's own.
   *
   * Review of session 18 (revrt #2): the document replaced everything here, revisions included. Two admins saving on
   * two instances at about the same time (each check passed on its own instance) ended with each instance holding
   * the OTHER's edit only, for good, and revisions went back (a save on an older revision then passed). Now each
   * agent (and the canned replies) is taken from the side whose revision of it is higher: revisions are counted past
   * every revision known in the cluster (revCounter), so a later edit always has the higher one; an equal revision
   * with different content (both edited it at once) goes to the same side on every instance (the greater content).
   * A document from an older instance (no revisions) still replaces everything, as before.
   */
  adopt(doc: SharedDirectoryDoc): Promise<void> {
    return this.oneSaveAtATime(() => this.adoptNow(doc));
  }

  private async adoptNow(doc: SharedDirectoryDoc): Promise<void> {
    // This instance's own hand edits are looked at first (and logged), so the write below does not trip on them.
    await this.syncWithFile('read');
    const theirs = doc.revisions && typeof doc.revisions === 'object' ? new Map(Object.entries(doc.revisions).filter((e): e is [string, number] => Number.isSafeInteger(e[1]) && e[1] >= 0)) : null;
    let agents = doc.agents;
    let canned = doc.cannedReplies;
    if (theirs) {
      const wins = (id: string, mine: unknown, other: unknown) => {
        const r = theirs.get(id) ?? 0;
        const l = this.revs.get(id)?.n ?? 0;
        return r !== l ? r > l : stable(other ?? null) > stable(mine ?? null);
      };
      const remote = new Map(doc.agents.map((a) => [a.id, a]));
      const ids = new Set([...remote.keys(), ...this.byId.keys(), ...theirs.keys()]);
      ids.delete('#canned');
      agents = [];
      for (const id of ids) {
        const a = wins(id, this.byId.get(id), remote.get(id)) ? remote.get(id) : this.byId.get(id);
        if (a) agents.push(a);
      }
      canned = wins('#canned', this.canned, doc.cannedReplies) ? doc.cannedReplies : this.canned;
      for (const [id, n] of theirs) if (n > (this.revs.get(id)?.n ?? 0)) this.revs.set(id, { n, by: 'inbox' });
      for (const n of theirs.values()) this.revCounter = Math.max(this.revCounter, n);
    }
    if (Number.isSafeInteger(doc.revCounter)) this.revCounter = Math.max(this.revCounter, doc.revCounter!);
    this.byId.clear();
    this.gen++;
    this.tokens.clear();
    for (const a of agents) this.put(a);
    for (const [k, s] of this.sessions) if (!this.byId.has(s.agentId)) this.sessions.delete(k);
    this.canned = canned ? canned.map((c) => ({ ...c })) : null;
    await this.persistFile();
  }

  /**
   * Writes the agents file, then (only once it is on disk) moves `changed`'s revision on and tells the other
   * instances, the new revisions included (see adopt).
   */
  private async persist(what: string, changed: string): Promise<void> {
    const agents = this.list();
    const cannedReplies = this.canned ? this.canned.map((c) => ({ ...c })) : null;
    await this.persistFile(what);
    this.bump(changed, 'inbox');
    this.opts.onSaved?.({ agents, cannedReplies, revisions: Object.fromEntries([...this.revs].map(([id, r]) => [id, r.n])), revCounter: this.revCounter });
  }

  private persistFile(what = 'The agents were not saved'): Promise<void> {
    const file = this.opts.file;
    if (!file) return Promise.resolve();
    const doc = { agents: this.list(), settings: { ...this.settings }, ...(this.canned ? { cannedReplies: this.canned } : {}) };
    const text = JSON.stringify(doc, null, 2) + '\n';
    // One write at a time; a failed earlier write does not block this one (its caller got the error).
    if (this.notAFile) {
      return Promise.reject(
        new AgentsFileConflictError(`${what}: ${this.notAFile}, so changes cannot be written back. Start baton serve with --agents naming the agents file itself to edit agents in the inbox.`),
      );
    }
    const next = this.writing.catch(() => undefined).then(async () => {
      // Edited by hand since the last look (a moment ago, before this save): not written over (newcomer s9 #24).
      // Looked at twice: now, and again after the new text is on disk, right before it replaces the file (the fsync
      // takes milliseconds; a hand edit landing in them was overwritten: hostile s11 #2).
      const unchanged = async () => {
        const st = await stat(file).catch(() => null);
        if (st && !st.isFile()) throw new AgentsFileConflictError(`${what}: ${file} is not a regular file (a folder, pipe or device). Nothing was saved: put the agents file back at that path.`);
        const now = st ? statPrint(st) : null;
        if (now !== null && this.fileStat !== null && now !== this.fileStat) {
          throw new AgentsFileConflictError(`${what}: the agents file was changed on disk just now. Nothing was saved and the file was not overwritten: try again.`);
        }
      };
      await unchanged();
      await writeFileAtomic(file, text, { beforeRename: unchanged });
      // A hand edit landing right after the rename (while the folder is synced) is not taken for this save: the stat
      // is kept only when the file still holds what was written, so otherwise the next look reads it and takes it in.
      const print = await stat(file).then(statPrint, () => null);
      const back = await readRegularFile(file, MAX_AGENTS_FILE_BYTES).catch(() => null);
      this.fileStat = back === text ? print : null;
      this.disk = this.copyOf(doc.agents, this.canned, this.settings, text);
      this.problem = null;
    });
    this.writing = next.catch(() => undefined);
    return next.catch((err: unknown) => {
      if (err instanceof AgentsFileConflictError) throw err;
      throw new DirectoryWriteError(file, err, what);
    });
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
 * Startup warnings for agents whose name a customer should not read (hostile s19 #15, #22): a line break, a bidi
 * control, a control character or nothing visible. Such names were accepted before session 20 (the admin route and the
 * integrations route now refuse them); a file holding one still loads, and this says which agent to rename.
 */
export function agentNameWarnings(agents: Agent[], only: (a: Agent) => boolean = () => true): string[] {
  const out: string[] = [];
  agents.forEach((a, i) => {
    const why = only(a) ? nameProblem(a.name) : null;
    if (why) out.push(`agents.${i}.name (${a.id}) ${why}; customers read it in "<name> from ... has joined the chat": give the agent a one-line name with something visible (the admin's Agents page refuses such names now)`);
  });
  return out;
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
