/**
 * Transcript export for admins (README "Not finished", session 8): one conversation or many at once, in JSON, JSON
 * Lines, CSV or plain text, streamed conversation by conversation (the log read 1,000 entries at a time) and bounded
 * (at most 1,000 conversations per request; `offset` pages on, the answer says how many matched).
 *
 *   GET  /api/v1/admin/conversations/:id/transcript?format=json|jsonl|csv|text
 *   GET  /api/v1/admin/transcripts?ids=a,b&flowId=&mode=&from=&to=&limit=&offset=&format=
 *   POST /api/v1/admin/transcripts/export   (the same fields as a JSON body; `ids` as an array, for long lists)
 *
 * Registered by buildServer (one line) behind the admin token check it passes in.
 */
import { Readable } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ConversationRecord, LogEntry, RuntimeStore } from '../store/types';
import { RATING_HIDDEN_TEXT, withoutHiddenRatings } from '../agents/ratingPrivacy';
import { ApiError } from './conversationService';
import { handoffEnding } from '../../shared/handoff/lifecycle';
import type { HandoffEnding } from '../../shared/handoff/types';
import { errorResponse } from './leanRoute';
import { visitorNote } from './visitorNote';

export const EXPORT_FORMATS = ['json', 'jsonl', 'csv', 'text'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const MODES = ['bot', 'waiting', 'agent', 'closed'] as const;
/** Most conversations one request exports (page on with `offset`). */
export const MAX_EXPORT_CONVERSATIONS = 1000;
const LOG_PAGE = 1000;

const format = z.enum(EXPORT_FORMATS).default('json').describe('json (default), jsonl (one message per line), csv (one message per row) or text (readable).');
const filterFields = {
  flowId: z.string().min(1).max(200).optional().describe('Only conversations of this flow.'),
  mode: z.enum(MODES).optional().describe('Only conversations in this mode now (bot, waiting, agent, closed).'),
  from: z.string().max(40).optional().describe('Only conversations started at or after this time: ISO 8601 (2026-11-30T00:00:00Z) or ms since 1970.'),
  to: z.string().max(40).optional().describe('Only conversations started before this time: ISO 8601 or ms since 1970.'),
  limit: z.coerce.number().int().min(1).max(MAX_EXPORT_CONVERSATIONS).default(100).describe(`Conversations in this answer (1-${MAX_EXPORT_CONVERSATIONS}, default 100).`),
  offset: z.coerce.number().int().min(0).default(0).describe('Skip this many matching conversations (oldest first); the answer gives the next offset.'),
  format,
};
/**
 * Unknown fields are refused (hostile s8 #7): a misspelled filter (`?id=`, `conversationId=`, `{"idz": [...]}`) would
 * otherwise be ignored and the answer hold EVERY conversation. The 400 names the unknown field and the accepted ones.
 */
function strictFields<T extends z.ZodRawShape>(shape: T) {
  const accepted = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}: nothing was exported; the accepted fields are ${accepted}.`
        : undefined,
  });
}
export const transcriptQuery = strictFields({ format });
/**
 * The id list in a GET URL (hostile s8 #8): Node refuses a request whose header section passes 16 KB (431), ~440
 * UUIDs. The schema says what fits with room for the other fields and headers: 12,000 characters, ~320 UUIDs; past it a
 * 400 in the API's shape pointing at POST. The POST body takes the full MAX_EXPORT_CONVERSATIONS ids of 100 characters.
 */
export const MAX_GET_IDS_CHARS = 12_000;
/** The POST export body's own limit: 1,000 ids of 100 characters, JSON-quoted, plus the filters (the server default is 64 KB). */
export const EXPORT_BODY_LIMIT_BYTES = 256 * 1024;
export const transcriptsQuery = strictFields({
  ids: z
    .string()
    .max(MAX_GET_IDS_CHARS, {
      error: `at most ${MAX_GET_IDS_CHARS.toLocaleString('en')} characters of ids in a URL (about 320 conversation ids); for a longer list (up to ${MAX_EXPORT_CONVERSATIONS.toLocaleString('en')} ids) use POST /api/v1/admin/transcripts/export with {"ids": [...]}`,
    })
    .optional()
    .describe(
      `Comma-separated conversation ids, at most ${MAX_GET_IDS_CHARS.toLocaleString('en')} characters (about 320 ids: a URL must stay under 16 KB); for a longer list (up to ${MAX_EXPORT_CONVERSATIONS.toLocaleString('en')} ids) use POST /api/v1/admin/transcripts/export.`,
    ),
  ...filterFields,
});
export const transcriptsBody = strictFields({
  ids: z.array(z.string().min(1).max(100)).max(MAX_EXPORT_CONVERSATIONS).optional().describe(`Conversation ids (at most ${MAX_EXPORT_CONVERSATIONS.toLocaleString('en')}, each at most 100 characters; the body may be up to ${EXPORT_BODY_LIMIT_BYTES / 1024} KB).`),
  ...filterFields,
});
const conversationParams = z.object({ id: z.string().min(1).max(100) });

type Filter = { ids?: string[]; flowId?: string; mode?: ConversationRecord['mode']; from?: string; to?: string; limit: number; offset: number; format: ExportFormat };

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};
const EXTENSION: Record<ExportFormat, string> = { json: 'json', jsonl: 'jsonl', csv: 'csv', text: 'txt' };

/** A time filter: ISO 8601 or ms since 1970; a clear 400 otherwise. */
export function parseTime(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const t = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Date.parse(value);
  if (!Number.isFinite(t)) {
    throw new ApiError(400, 'invalid_filter', `${field}: "${value}" is not a time; write ISO 8601 (2026-11-30T09:00:00Z) or ms since 1970.`, field);
  }
  return t;
}

/** Conversations matching the filter, oldest first (then by id), before paging. */
export async function selectConversations(store: RuntimeStore, f: Filter, where: 'querystring' | 'body'): Promise<ConversationRecord[]> {
  const from = parseTime(f.from, `${where}.from`);
  const to = parseTime(f.to, `${where}.to`);
  if (from !== undefined && to !== undefined && from >= to) {
    throw new ApiError(400, 'invalid_filter', `${where}.from (${f.from}) must be before ${where}.to (${f.to}); the range is [from, to).`, `${where}.from`);
  }
  let recs: ConversationRecord[];
  if (f.ids) {
    const ids = [...new Set(f.ids.map((x) => x.trim()).filter(Boolean))];
    if (ids.length === 0) throw new ApiError(400, 'invalid_filter', `${where}.ids: no conversation id given; leave it out to export by flow, mode or time.`, `${where}.ids`);
    if (ids.length > MAX_EXPORT_CONVERSATIONS) {
      throw new ApiError(400, 'invalid_filter', `${where}.ids: ${ids.length} ids, at most ${MAX_EXPORT_CONVERSATIONS} per request; split the list.`, `${where}.ids`);
    }
    const tooLong = ids.find((x) => x.length > 100);
    if (tooLong) throw new ApiError(400, 'invalid_filter', `${where}.ids: "${tooLong.slice(0, 40)}…" is longer than 100 characters; conversation ids are shorter.`, `${where}.ids`);
    const unreadable: string[] = [];
    let why = '';
    const found = await Promise.all(
      ids.map((id) =>
        store.getConversation(id).catch((err: unknown) => {
          unreadable.push(id);
          why ||= messageOf(err);
          return null;
        }),
      ),
    );
    if (unreadable.length > 0) {
      throw new ApiError(
        500,
        'conversation_unreadable',
        `${unreadable.length} of ${ids.length} conversations could not be read from the data folder, so nothing was exported: ${unreadable.slice(0, 10).map((x) => `"${x}"`).join(', ')} (${why}). Leave ${unreadable.length > 1 ? 'them' : 'it'} out of ${where}.ids to export the others.`,
        `${where}.ids`,
      );
    }
    const missing = ids.filter((_, i) => !found[i]);
    if (missing.length > 0) {
      const shown = missing.slice(0, 10).map((x) => `"${x}"`).join(', ');
      throw new ApiError(
        404,
        'conversation_not_found',
        `${missing.length} of ${ids.length} conversation ids are unknown (pruned, or never existed): ${shown}${missing.length > 10 ? ', …' : ''}; remove them and ask again.`,
        `${where}.ids`,
      );
    }
    recs = found as ConversationRecord[];
  } else {
    const modes = f.mode ? [f.mode] : MODES;
    recs = (
      await Promise.all(
        modes.map((m) =>
          store.listByMode(m).catch((err: unknown) => {
            // The store stops at a damaged conversation and cannot list the others of that mode (hostile s8 #10).
            throw new ApiError(
              500,
              'conversation_unreadable',
              `The conversations in mode "${m}" could not be read from the data folder, so nothing was exported: ${messageOf(err)}. ` +
                `Export the other modes (mode=...) or by ids meanwhile.`,
            );
          }),
        ),
      )
    ).flat();
  }
  return recs
    .filter((r) => (f.flowId === undefined || r.flowId === f.flowId) && (f.mode === undefined || r.mode === f.mode))
    .filter((r) => (from === undefined || r.createdAt >= from) && (to === undefined || r.createdAt < to))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Says why one conversation's log is left out of an export (its log could not be read: a damaged data folder). */
class Unreadable {
  constructor(readonly message: string) {}
}

/** A conversation's log pages; an Unreadable (once, last) when reading it failed, so the export goes on without it. */
async function* safeLogOf(store: RuntimeStore, id: string): AsyncGenerator<LogEntry[] | Unreadable> {
  try {
    for await (const page of logOf(store, id)) yield page;
  } catch (err) {
    yield new Unreadable(`conversation ${id}: its messages could not be read from the data folder (${messageOf(err)}); it is left out of this export`);
  }
}

async function* logOf(store: RuntimeStore, id: string): AsyncGenerator<LogEntry[]> {
  for (let after = 0; ; ) {
    const page = await store.readLog(id, after, LOG_PAGE);
    if (page.length > 0) yield page;
    if (page.length < LOG_PAGE) return;
    after = page[page.length - 1].seq;
  }
}

const header = (r: ConversationRecord) => ({
  conversationId: r.id,
  flowId: r.flowId,
  flowRevision: r.flowRevision,
  mode: r.mode,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  closedAt: r.closedAt,
  ...visitorField(r),
});

/**
 * Session 49 (apisec4): which of the details the chat started with the website signed (verified) and which the page
 * passed without a signature (the visitor's word), as the notifications' webhook JSON says it (names only; the values
 * are in the messages and the handoff's variables). Absent when the page passed nothing.
 */
function visitorField(r: ConversationRecord): { visitor?: { subject: string | null; verified: string[]; unverified: string[] } } {
  const v = r.visitor;
  if (!v || visitorNote(v) === null) return {};
  return { visitor: { subject: v.subject ?? null, verified: Object.keys(v.signed ?? {}), unverified: Object.keys(v.unsigned ?? {}) } };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What an export says about a conversation beside its messages (newcomer s9 #14: the reason it was handed over, the
 * agents' private notes and the rated agent were left out): its handoffs (reason, status, agent, how it ended), its
 * ratings (score, the agent who last held the chat) and the notes. json: fields of each conversation; csv: rows after
 * its messages (from = handoff, rating or note); text: lines under its header and after its messages. jsonl stays one
 * message per line.
 */
export interface ConversationExtras {
  handoffs: Array<{ id: string; reason: string; status: string; requestedAt: number; agentId: string | null; agentName: string | null; endedAs: 'handback' | 'closed' | null; summary: string | null }>;
  ratings: Array<{ score: number; at: number; agentId: string | null; agentName: string | null }>;
  notes: Array<{ at: number; agentId: string | null; agentName: string | null; text: string }>;
}
type NotesOf = (conversationId: string) => Promise<Array<{ at: number; agentId?: string; agentName?: string; text: string }>>;
/** The agents' notes live with the agent hub (runtime/agents): it tells the export where, per store. */
const notesByStore = new WeakMap<object, NotesOf>();
export function exportNotesFrom(store: RuntimeStore, notesOf: NotesOf): void {
  notesByStore.set(store, notesOf);
}

const EXPORT_REASON_WORDS: Record<string, string> = {
  explicit_request: 'asked for a person',
  negative_sentiment: 'customer upset',
  low_confidence: 'the bot did not understand',
  repeated_fallback: 'the bot failed several times',
  loop: 'going round in circles',
  sensitive_topic: 'sensitive topic',
  urgency: 'urgent',
  hot_lead: 'hot lead',
  flow: 'the flow handed over',
};

/** Reads the extras of these conversations: one pass over the handoffs and ratings, then each one's notes. */
async function extrasOf(store: RuntimeStore, ids: readonly string[]): Promise<Map<string, ConversationExtras>> {
  const want = new Set(ids);
  const out = new Map<string, ConversationExtras>(ids.map((id) => [id, { handoffs: [], ratings: [], notes: [] }]));
  const [handoffs, ratings] = await Promise.all([store.listHandoffs().catch(() => []), store.listRecords('csat').catch(() => [])]);
  for (const h of handoffs) {
    if (!want.has(h.conversationId)) continue;
    const ho = (h.handoff ?? {}) as { reason?: string; agentId?: string | null; agentName?: string | null; transitions?: Array<{ to: string; note?: string; ended?: HandoffEnding }> };
    const ctx = ((h.request ?? {}) as { context?: { reason?: string; summary?: string } }).context;
    out.get(h.conversationId)!.handoffs.push({
      id: h.id,
      reason: ho.reason ?? ctx?.reason ?? 'flow',
      status: h.status,
      requestedAt: h.requestedAt,
      agentId: ho.agentId ?? null,
      agentName: ho.agentName ?? null,
      // Session 39: the structured ending (old stored handoffs: by the engine's default notes); resolved ones only here.
      endedAs: h.status === 'resolved' ? (handoffEnding(h.status, ho.transitions) as 'handback' | 'closed' | null) : null,
      summary: ctx?.summary ?? null,
    });
  }
  for (const r of ratings) {
    if (!want.has(r.conversationId)) continue;
    const d = (r.data ?? {}) as { score?: unknown; agentId?: unknown; agentName?: unknown };
    if (typeof d.score !== 'number') continue;
    out.get(r.conversationId)!.ratings.push({ score: d.score, at: r.at, agentId: typeof d.agentId === 'string' ? d.agentId : null, agentName: typeof d.agentName === 'string' ? d.agentName : null });
  }
  const notesOf = notesByStore.get(store);
  if (notesOf) {
    await Promise.all(
      ids.map(async (id) => {
        const notes = await notesOf(id).catch(() => []);
        out.get(id)!.notes = notes.map((n) => ({ at: n.at, agentId: n.agentId ?? null, agentName: n.agentName ?? null, text: n.text }));
      }),
    );
  }
  for (const x of out.values()) {
    x.handoffs.sort((a, b) => a.requestedAt - b.requestedAt);
    x.ratings.sort((a, b) => a.at - b.at);
    x.notes.sort((a, b) => a.at - b.at);
  }
  return out;
}

const handoffText = (h: ConversationExtras['handoffs'][number]) =>
  `${EXPORT_REASON_WORDS[h.reason] ?? h.reason.replace(/_/g, ' ')} (${h.reason}); ${h.status === 'resolved' && h.endedAs === 'handback' ? 'handed back to the bot' : h.status}${h.agentName ? `, agent ${h.agentName}` : ''}`;
const ratingText = (r: ConversationExtras['ratings'][number]) => `${r.score}${r.agentName ? `, agent ${r.agentName}` : ', the bot alone'}`;

function csvExtras(r: ConversationRecord, x: ConversationExtras): string {
  const row = (at: number, from: string, name: string, text: string, status: string) => [r.id, r.flowId, r.mode, '', iso(at), from, name, text, '', status].map(csvCell).join(',') + '\r\n';
  const note = visitorNote(r.visitor);
  return [
    ...(note !== null ? [row(r.createdAt, 'visitor', r.visitor?.subject ?? '', note, 'identity at chat start')] : []),
    ...x.handoffs.map((h) => row(h.requestedAt, 'handoff', h.agentName ?? '', handoffText(h), `handoff ${h.status} (${h.reason})`)),
    ...x.ratings.map((q) => row(q.at, 'rating', q.agentName ?? '', String(q.score), 'rating')),
    ...x.notes.map((n) => row(n.at, 'note', n.agentName ?? '', n.text, 'private note')),
  ].join('');
}

function textExtrasHead(x: ConversationExtras): string {
  return [
    ...x.handoffs.map((h) => `  Handed over ${iso(h.requestedAt).replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}: ${indentBreaks(handoffText(h))}\n`),
    ...x.ratings.map((q) => `  Rated ${indentBreaks(ratingText(q))}\n`),
  ].join('');
}
function textExtrasNotes(x: ConversationExtras): string {
  if (x.notes.length === 0) return '';
  return `  Private notes (agents only):\n${x.notes.map((n) => `    [${iso(n.at).replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}] ${indentBreaks(n.agentName ?? 'Agent')}: ${indentBreaks(n.text).replace(/\n {4}/g, '\n        ')}\n`).join('')}`;
}

/**
 * One CSV cell (RFC 4180); text a spreadsheet would run as a formula gets a ' in front: at the cell's start (= + - @,
 * tab, CR, also after spaces), and after every ';', tab or line break inside it (hostile s8 #3: Excel in ';'-separator
 * locales splits `x;=1+1;y` into cells and runs `=1+1`). A cell with ';' or a tab is quoted as well.
 */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string') {
    if (/^[\t\r]/.test(s)) s = `'${s}`;
    s = s.replace(/(^|[;\t\r\n])([ \u00a0]*)(?=[=+\-@])/g, "$1'$2");
  }
  return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export const CSV_COLUMNS = ['conversation_id', 'flow_id', 'mode', 'seq', 'at', 'from', 'name', 'text', 'buttons', 'status'];

const statusText = (e: LogEntry) =>
  e.status ? [`mode ${e.status.mode}`, e.status.handoff ? `handoff ${e.status.handoff.status} (${e.status.handoff.reason})` : ''].filter(Boolean).join(', ') : '';

function csvRow(r: ConversationRecord, e: LogEntry): string {
  return [r.id, r.flowId, r.mode, e.seq, iso(e.at), e.from, e.name ?? '', e.text, (e.buttons ?? []).map((b) => b.label).join(' | '), statusText(e)].map(csvCell).join(',') + '\r\n';
}

/**
 * Every line break a reader may honour (CR, LF, VT, FF, NEL, U+2028, U+2029; hostile s8 #2: Python's splitlines(),
 * VS Code and log viewers break lines at all of them) becomes a new line indented by four spaces, so a message cannot
 * pass itself off as another speaker's "[time] Agent ...:" line.
 */
export const indentBreaks = (s: string) => s.replace(/\r\n|[\r\n\v\f\x85\u2028\u2029]/g, '\n    ');
const WHO: Record<LogEntry['from'], string> = { bot: 'Bot', customer: 'Customer', agent: 'Agent', system: 'System' };
function textLine(e: LogEntry): string {
  const when = iso(e.at).replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const who = e.from === 'agent' && e.name ? `Agent ${e.name}` : WHO[e.from] ?? e.from;
  const body = e.status && !e.text ? `(${statusText(e)})` : e.text;
  // Continuation lines are indented so a message cannot pass itself off as another speaker's line.
  let out = `[${when}] ${indentBreaks(who)}: ${indentBreaks(body)}\n`;
  if (e.buttons?.length) out += `    Buttons: ${indentBreaks(e.buttons.map((b) => b.label).join(' | '))}\n`;
  return out;
}
const textHeader = (r: ConversationRecord) =>
  `Conversation ${r.id} (flow ${r.flowId}, revision ${r.flowRevision}, ${r.mode}, started ${iso(r.createdAt)}${r.closedAt ? `, closed ${iso(r.closedAt)}` : ''})\n`;

/**
 * Who downloads, when it is an agent (the agent API): an agent who is not an admin gets the ratings of the chats they
 * last held and those of the bot alone, nothing of colleagues' (hostile s14 H#10: a plain agent's download carried
 * "ratings":[{"score":1,"agentId":"ann"}] while every other agent route hid it, the rule of newcomer s13 #12 and
 * GET /api/v1/agent/csat). No viewer: the admin API, everything.
 */
export interface ExportViewer {
  id: string;
  admin: boolean;
}

/**
 * The export as text chunks: one conversation's log at a time, so memory holds one log page, not the whole export.
 * `many`: the bulk JSON shape ({total, offset, nextOffset, conversations}); else a single conversation's object.
 */
export async function* exportChunks(
  store: RuntimeStore,
  recs: ConversationRecord[],
  fmt: ExportFormat,
  page?: { total: number; offset: number; nextOffset: number | null },
  viewer?: ExportViewer,
): AsyncGenerator<string> {
  if (fmt === 'csv') yield CSV_COLUMNS.join(',') + '\r\n';
  if (fmt === 'json' && page) yield `{"total":${page.total},"offset":${page.offset},"nextOffset":${JSON.stringify(page.nextOffset)},"conversations":[`;
  let first = true;
  // Handoffs, ratings and notes: read once per export (page), not per conversation.
  const extras = fmt === 'jsonl' ? new Map<string, ConversationExtras>() : await extrasOf(store, recs.map((r) => r.id));
  // The customer's answers to a hidden rating's question are blanked in the messages too (newcomer s14 N#12).
  const hiddenAnswers = new Map<string, Array<{ at: number }>>();
  if (viewer && !viewer.admin) {
    for (const [id, x] of extras) {
      hiddenAnswers.set(id, x.ratings.filter((q) => !(q.agentId === viewer.id || q.agentId === null)));
      x.ratings = x.ratings.filter((q) => q.agentId === viewer.id || q.agentId === null);
    }
  }
  const shown = (id: string, entries: LogEntry[]) => (hiddenAnswers.get(id)?.length ? withoutHiddenRatings(entries, hiddenAnswers.get(id)!, RATING_HIDDEN_TEXT) : entries);
  async function* shownLogOf(id: string) {
    for await (const entries of safeLogOf(store, id)) yield entries instanceof Unreadable ? entries : shown(id, entries);
  }
  const none: ConversationExtras = { handoffs: [], ratings: [], notes: [] };
  for (const r of recs) {
    const x = extras.get(r.id) ?? none;
    // A conversation whose log cannot be read (damaged data folder, hostile s8 #10) is marked where it stands, with the
    // reason, and the export goes on with the others (before: the stream broke off / the whole export was a 500).
    if (fmt === 'json') {
      const head = JSON.stringify({ ...header(r), handoffs: x.handoffs, ratings: x.ratings, notes: x.notes });
      yield `${first ? '' : ','}${head.slice(0, -1)},"messages":[`;
      let firstMsg = true;
      let error: string | null = null;
      for await (const entries of shownLogOf(r.id)) {
        if (entries instanceof Unreadable) {
          error = entries.message;
          break;
        }
        yield (firstMsg ? '' : ',') + entries.map((e) => JSON.stringify(e)).join(',');
        firstMsg = false;
      }
      yield error === null ? ']}' : `],"error":${JSON.stringify(error)}}`;
    } else if (fmt === 'jsonl') {
      for await (const entries of shownLogOf(r.id)) {
        if (entries instanceof Unreadable) yield JSON.stringify({ conversationId: r.id, flowId: r.flowId, error: entries.message }) + '\n';
        else yield entries.map((e) => JSON.stringify({ conversationId: r.id, flowId: r.flowId, ...e }) + '\n').join('');
      }
    } else if (fmt === 'csv') {
      for await (const entries of shownLogOf(r.id)) {
        if (entries instanceof Unreadable) yield [r.id, r.flowId, r.mode, '', '', 'error', '', entries.message, '', 'error'].map(csvCell).join(',') + '\r\n';
        else yield entries.map((e) => csvRow(r, e)).join('');
      }
      const more = csvExtras(r, x);
      if (more) yield more;
    } else {
      const note = visitorNote(r.visitor);
      yield (first ? '' : '\n') + textHeader(r) + (note !== null ? `  ${indentBreaks(note)}\n` : '') + textExtrasHead(x);
      let any = false;
      for await (const entries of shownLogOf(r.id)) {
        if (entries instanceof Unreadable) yield `(ERROR: ${entries.message})\n`;
        else yield entries.map(textLine).join('');
        any = true;
      }
      if (!any) yield '(no messages)\n';
      const notes = textExtrasNotes(x);
      if (notes) yield notes;
    }
    first = false;
  }
  if (fmt === 'json' && page) yield ']}';
}

type Reply = { type(t: string): unknown; header(k: string, v: string): unknown; send(b: unknown): unknown };

/** Streams an export as the answer, with its content type and a download file name (`name` + the format's extension). */
export function sendExport(reply: Reply, fmt: ExportFormat, name: string, chunks: AsyncGenerator<string>) {
  reply.type(CONTENT_TYPES[fmt]);
  reply.header('Content-Disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.${EXTENSION[fmt]}"`);
  return reply.send(Readable.from(chunks, { objectMode: false }));
}

export interface TranscriptExportOptions {
  store: RuntimeStore;
  /** The admin token check (a preHandler that throws a 401/403 ApiError). */
  admin: (req: FastifyRequest) => Promise<void>;
  /** How long shutdown lets a download in progress finish before cutting it (default EXPORT_DRAIN_GRACE_MS). */
  drainGraceMs?: number;
}

/**
 * When the server drains (SIGTERM), a download still going after this long is cut (hostile s8 #9: one stalled reader,
 * a paused browser download or a slow VPN, held the drain 45 s+ with the port closed). The client sees a broken
 * download (no complete JSON / the last line cut) and asks again once the server is back.
 */
export const EXPORT_DRAIN_GRACE_MS = 5_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function registerTranscriptExport(app: FastifyInstance<any, any, any, any, any>, o: TranscriptExportOptions): Promise<void> {
  // Downloads in progress (their sockets), cut EXPORT_DRAIN_GRACE_MS after the drain starts if still going.
  const downloads = new Set<import('node:http').ServerResponse>();
  const send: typeof sendExport = (reply, fmt, name, chunks) => {
    const res = (reply as unknown as { raw: import('node:http').ServerResponse }).raw;
    downloads.add(res);
    res.once('close', () => downloads.delete(res));
    return sendExport(reply, fmt, name, chunks);
  };
  app.addHook('preClose', (done) => {
    if (downloads.size > 0) {
      const t = setTimeout(() => {
        for (const res of downloads) res.destroy();
        downloads.clear();
      }, o.drainGraceMs ?? EXPORT_DRAIN_GRACE_MS);
      t.unref();
    }
    done();
  });

  app.get('/api/v1/admin/conversations/:id/transcript', {
    schema: {
      summary: 'Export one transcript',
      description: 'The whole log of one conversation (bot, customer, agent and system entries), as json (default), jsonl, csv or text. Many at once: GET /api/v1/admin/transcripts.',
      tags: ['admin'],
      security: [{ adminToken: [] }],
      params: conversationParams,
      querystring: transcriptQuery,
    },
    preHandler: o.admin,
    handler: async (req: FastifyRequest<{ Params: { id: string }; Querystring: { format: ExportFormat } }>, reply) => {
      const rec = await o.store.getConversation(req.params.id);
      if (!rec) throw new ApiError(404, 'conversation_not_found', `No conversation "${req.params.id}".`);
      return send(reply, req.query.format, `transcript-${rec.id}`, exportChunks(o.store, [rec], req.query.format));
    },
  });

  const many = async (f: Filter, where: 'querystring' | 'body', reply: Parameters<typeof send>[0]) => {
    const all = await selectConversations(o.store, f, where);
    const recs = all.slice(f.offset, f.offset + f.limit);
    const nextOffset = f.offset + recs.length < all.length ? f.offset + recs.length : null;
    reply.header('X-Total-Count', String(all.length));
    if (nextOffset !== null) reply.header('X-Next-Offset', String(nextOffset));
    return send(reply, f.format, 'transcripts', exportChunks(o.store, recs, f.format, { total: all.length, offset: f.offset, nextOffset }));
  };
  const manyDescription =
    `Many conversations' logs in one streamed answer, oldest first: by ids, or by flow, current mode and start time [from, to). ` +
    `At most ${MAX_EXPORT_CONVERSATIONS} conversations per request: X-Total-Count says how many matched, X-Next-Offset (and "nextOffset" in json) where to go on. ` +
    `Formats: json {total, offset, nextOffset, conversations: [{conversationId, flowId, flowRevision, mode, createdAt, updatedAt, closedAt, visitor?, handoffs, ratings, notes, messages}]} (visitor: {subject, verified, unverified}, the names of the details the chat started with that the website signed and that the page passed unsigned; absent when it passed none), ` +
    `jsonl (one message per line with its conversationId and flowId), csv (${CSV_COLUMNS.join(', ')}; times ISO 8601; after a conversation's messages, rows from = visitor (which starting details were signed), handoff, rating, note; text that a spreadsheet would run as a formula, = + - @ at a cell's start or after a ';', tab or line break, gets a leading ', and a cell with ';' or a tab is quoted), text (readable; a message's continuation lines, after any line break including U+2028, U+2029, NEL, VT and FF, are indented). ` +
    `An unknown id is a 404 naming it; a bad filter a 400 naming the field.`;

  app.get('/api/v1/admin/transcripts', {
    schema: { summary: 'Export many transcripts', description: manyDescription, tags: ['admin'], security: [{ adminToken: [] }], querystring: transcriptsQuery },
    preHandler: o.admin,
    handler: async (req: FastifyRequest<{ Querystring: z.infer<typeof transcriptsQuery> }>, reply) => {
      const q = req.query;
      return many({ ...q, ids: q.ids === undefined ? undefined : q.ids.split(',') }, 'querystring', reply);
    },
  });
  app.post('/api/v1/admin/transcripts/export', {
    // 1,000 ids of 100 characters are ~104 KB: above the server's 64 KB default (hostile s8 #8: 413 for a list the
    // schema allows). Its own error handler so a 413 names this route's limit.
    bodyLimit: EXPORT_BODY_LIMIT_BYTES,
    errorHandler: (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      const a = errorResponse(err, { bodyLimitBytes: EXPORT_BODY_LIMIT_BYTES, log: req.log });
      for (const [k, v] of Object.entries(a.headers)) reply.header(k, v);
      return reply.code(a.status).send(a.body);
    },
    schema: { summary: 'Export many transcripts (ids in the body)', description: manyDescription, tags: ['admin'], security: [{ adminToken: [] }], body: transcriptsBody },
    preHandler: o.admin,
    handler: async (req: FastifyRequest<{ Body: z.infer<typeof transcriptsBody> }>, reply) => many(req.body, 'body', reply),
  });
}
