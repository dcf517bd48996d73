/**
 * The scenario file: simulated conversations kept as tests, in a readable JSON file beside the flow
 * (`flows/customer-support.json` -> `flows/customer-support.scenarios.json`). The format is documented in
 * the README ("Scenarios"); in short:
 *
 *   { "version": 1, "flow": "customer-support", "now": "2026-03-02T10:00:00Z",
 *     "agents": [{ "name": "Ana", "languages": ["en"] }],
 *     "scenarios": [{ "name": "asks for a person, agent resolves",
 *       "steps": [{ "say": "Can I talk to a person?" }, { "say": "ana@example.com" },
 *                 { "expect": { "escalates": "explicit_request", "handoff": "assigned" } },
 *                 { "agent": "say", "text": "Hi, I'm Ana" }, { "agent": "handback" },
 *                 { "expect": { "reaches": "csat" } }] }] }
 *
 * Each step is an object with ONE action key (say, click, agent, noAgent, wait, setTime, agents, online,
 * busy, offline, nobodyOnline, outsideBusinessHours, httpReply, leave, set, expect) and an optional `comment`.
 * `parseScenarioFile` validates with zod and reports every problem with its JSON path and a hint; it never
 * throws. Pure.
 */
import { z } from 'zod';
import { escalationReasons, valueSchema } from '../flow/schema';
import { jsonPath } from '../flow/flowProblem';
import { jsonSyntaxProblem } from '../flow/loadFlowText';
import { parseDuration } from './parseDuration';
import { textMatcher } from './scenarioText';
import { decodeUtf8Strict, describeUtf8Error, findLoneSurrogate, looksLikeUtf16, loneSurrogateRefusal, textLooksLikeUtf16, textWideEncodingOf, UTF16_HINT, wideEncodingOf, wideEncodingProblem } from './utf8';

import { parseZonedTime } from '../flow/zonedTime';

export const SCENARIO_FILE_VERSION = 1;
/** A Monday, 10:00 UTC (11:00 in Paris, 10:00 in London, 05:00 in New York): inside most business hours. */
export const DEFAULT_SCENARIO_NOW = '2026-03-02T10:00:00Z';

/**
 * A date and time as ISO 8601, read strictly (hostile s18 #22: "2026-02-31" was 3 March). Without Z or an offset it is
 * the flow's time zone's wall time, read when the scenario runs (parseZonedTime); the check here uses UTC for the
 * calendar and the years.
 */
const isoDate = z.string().superRefine((s, ctx) => {
  const read = parseZonedTime(s, 'UTC', '"2026-03-02T10:00:00Z"');
  if (!read.ok) {
    // "is ..." messages get the value put before them by the step form (scenarioEdits); a calendar problem says itself.
    const quoted = JSON.stringify(s);
    const message = read.message.startsWith(`${quoted} is not a date`)
      ? 'is not a date and time; use ISO 8601, e.g. "2026-03-02T10:00:00Z"'
      : read.message.replace(`${quoted}: `, '');
    ctx.addIssue({ code: 'custom', message });
  }
  else if (read.at < 0 || read.at > Date.UTC(9999, 11, 31)) ctx.addIssue({ code: 'custom', message: 'is outside the years the virtual clock can show (1970 to 9999)' });
});
const names = z.array(z.string().min(1)).min(1);

export const virtualAgentSchema = z.strictObject({
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  status: z.enum(['online', 'busy', 'offline']).optional(),
  skills: z.array(z.string()).optional(),
  languages: z.array(z.string()).optional(),
  teams: z.array(z.string()).optional(),
  activeChats: z.number().int().min(0).optional(),
  capacity: z.number().int().min(0).nullable().optional(),
});

export const httpMockSchema = z.strictObject({
  /** The HTTP Request block whose call this answers. */
  block: z.string().min(1).optional(),
  /** Text the request's URL contains. */
  url: z.string().min(1).optional(),
  method: z.string().min(1).optional(),
  status: z.number().int().min(0).max(999).optional(),
  /** Default: status 200-299. */
  ok: z.boolean().optional(),
  body: z.unknown().optional(),
  /** Never answer: the block's timeout fires when the clock moves past it. */
  timeout: z.boolean().optional(),
});
export type HttpMock = z.infer<typeof httpMockSchema>;

/** Text expected in a message: a case-insensitive substring, or "/regex/flags" (RE2 syntax). */
const textMatch = z
  .string()
  .min(1)
  .superRefine((spec, ctx) => {
    const m = textMatcher(spec);
    if (!m.ok) ctx.addIssue({ code: 'custom', message: m.message });
  });
const oneOrMany = z.union([textMatch, z.array(textMatch).min(1)]);
const handoffStatus = z.enum(['pending', 'assigned', 'resolved', 'expired', 'rejected', 'cancelled', 'none']);
export const effectTypes = [
  'handoff_request',
  'handoff_update',
  'relay_to_agent',
  'notify',
  'http_request',
  'create_ticket',
  'record_csat',
  'end',
] as const;

export const effectMatcherSchema = z.strictObject({
  type: z.enum(effectTypes),
  /** notify: email, slack or webhook. */
  channel: z.enum(['email', 'slack', 'webhook']).optional(),
  /** notify: one of the recipients. */
  to: z.string().optional(),
  /** Text the effect's subject, text, issue or summary contains (or "/regex/"). */
  text: textMatch.optional(),
  /** handoff_request / handoff_update: the handoff's status, create_ticket: its priority... compared as text. */
  status: z.string().optional(),
});
export type EffectMatcher = z.infer<typeof effectMatcherSchema>;

export const expectationSchema = z.strictObject({
  /**
   * What "happened" means for reaches, botSays, agentSays, escalates and effects: since the previous
   * `expect` step ("previous", the default) or since the conversation started ("start").
   */
  since: z.enum(['previous', 'start']).optional(),
  /** Blocks visited since the previous `expect` step (or the start). */
  reaches: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  notReaches: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** The block the conversation waits at now (null: waits nowhere). */
  waitingAt: z.string().min(1).nullable().optional(),
  /** Bot messages since the previous `expect`: each text must be in one of them. */
  botSays: oneOrMany.optional(),
  botDoesNotSay: oneOrMany.optional(),
  /** Agent messages since the previous `expect`. */
  agentSays: oneOrMany.optional(),
  /** The first escalation (hand over or offer a person) since the previous `expect` has this reason; false: none. */
  escalates: z.union([z.enum(escalationReasons), z.literal(false)]).optional(),
  /** The current handoff: a status ("none": no handoff yet), or status / agent / reason. */
  handoff: z
    .union([
      handoffStatus,
      z.strictObject({
        status: handoffStatus.optional(),
        agent: z.string().optional(),
        reason: z.union([z.enum(escalationReasons), z.literal('flow')]).optional(),
      }),
    ])
    .optional(),
  mode: z.enum(['bot', 'waiting', 'agent', 'closed']).optional(),
  /** Variable values now (null: not set). */
  variables: z.record(z.string(), valueSchema).optional(),
  /** Effects emitted since the previous `expect`. */
  effects: z.array(effectMatcherSchema).optional(),
  noEffects: z.array(z.enum(effectTypes)).optional(),
  /** Labels of the buttons shown now, in order ([]: none). */
  buttons: z.array(z.string()).optional(),
});
export type Expectation = z.infer<typeof expectationSchema>;

const comment = { comment: z.string().optional() };
/**
 * Session 42 (sim): `open` is the agent an automatic assignment chose opening the chat (the customer then hears she
 * joined, as `baton serve` says it when she opens it in the inbox); `resolve` is the inbox's Resolve (the rating first
 * when the block's resolved exit asks one, else the chat closes); `close` closes at once, as the API's `closed`.
 */
const agentAction = z.enum(['accept', 'takeover', 'open', 'say', 'note', 'transfer', 'decline', 'handback', 'resolve', 'close']);
export type AgentAction = z.infer<typeof agentAction>;

/** One schema per action key; a step must have exactly one of these keys. */
export const stepSchemas = {
  say: z.strictObject({ say: z.string(), ...comment }),
  click: z.strictObject({ click: z.string().min(1), ...comment }),
  agent: z
    .strictObject({
      agent: agentAction,
      /** accept / takeover: the virtual agent (id or name); default: the first online one. */
      as: z.string().min(1).optional(),
      /** say / note: the text. */
      text: z.string().min(1).optional(),
      /** transfer: the virtual agent who takes the chat over. */
      to: z.string().min(1).optional(),
      /** decline / handback / close / transfer: the agent's note. */
      note: z.string().optional(),
      ...comment,
    })
    .superRefine((s, ctx) => {
      if ((s.agent === 'say' || s.agent === 'note') && !s.text) ctx.addIssue({ code: 'custom', path: ['text'], message: `"agent": "${s.agent}" needs a "text"` });
      if (s.agent === 'transfer' && !s.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '"agent": "transfer" needs "to": the agent who takes the chat' });
    }),
  noAgent: z.strictObject({ noAgent: z.union([z.literal(true), z.string()]), ...comment }),
  wait: z.strictObject({
    wait: z.string().refine((s) => s === 'next_timer' || parseDuration(s) !== null, {
      message: 'is not a duration; use e.g. "30s", "10m", "1h30m" or "next_timer"',
    }),
    ...comment,
  }),
  setTime: z.strictObject({ setTime: isoDate, ...comment }),
  agents: z.strictObject({ agents: z.array(virtualAgentSchema), ...comment }),
  online: z.strictObject({ online: names, ...comment }),
  busy: z.strictObject({ busy: names, ...comment }),
  offline: z.strictObject({ offline: names, ...comment }),
  nobodyOnline: z.strictObject({ nobodyOnline: z.literal(true), ...comment }),
  outsideBusinessHours: z.strictObject({ outsideBusinessHours: z.literal(true), ...comment }),
  httpReply: z.strictObject({
    httpReply: z.strictObject({ status: z.number().int().min(0).max(999).optional(), ok: z.boolean().optional(), body: z.unknown().optional() }),
    ...comment,
  }),
  leave: z.strictObject({ leave: z.literal(true), ...comment }),
  /** Variables changed by the tester mid-conversation (the studio's debug drawer), as the engine will see them. */
  set: z.strictObject({ set: z.record(z.string(), valueSchema), ...comment }),
  expect: z.strictObject({ expect: expectationSchema, ...comment }),
} as const;

export type StepKey = keyof typeof stepSchemas;
export const stepKeys = Object.keys(stepSchemas) as StepKey[];
export type ScenarioStep = { [K in StepKey]: z.infer<(typeof stepSchemas)[K]> }[StepKey];

const scenarioBase = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** Skipped scenarios are listed but not run. */
  skip: z.boolean().optional(),
  /** Virtual clock start (default: the file's `now`, else 2026-03-02T10:00:00Z, a Monday). */
  now: isoDate.optional(),
  /** Who is signed in (default: the file's `agents`; absent everywhere: presence unknown, nobody is auto-assigned). */
  agents: z.array(virtualAgentSchema).optional(),
  /** Start at this block instead of Start (the Start block's `next` is pointed at it). */
  startAt: z.string().min(1).optional(),
  /** Variables set before the conversation starts. */
  variables: z.record(z.string(), valueSchema).optional(),
  /** Replies to HTTP Request blocks, first match wins (added to the file's `http`); unmatched calls fail. */
  http: z.array(httpMockSchema).optional(),
  conversationId: z.string().min(1).optional(),
  steps: z.array(z.unknown()).min(1, 'a scenario needs at least one step'),
});

export type Scenario = Omit<z.infer<typeof scenarioBase>, 'steps'> & { steps: ScenarioStep[] };

const fileBase = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(SCENARIO_FILE_VERSION),
  /** The id of the flow these scenarios test (checked against the flow when given). */
  flow: z.string().optional(),
  now: isoDate.optional(),
  agents: z.array(virtualAgentSchema).optional(),
  http: z.array(httpMockSchema).optional(),
  scenarios: z.array(z.unknown()),
});

export type ScenarioFile = Omit<z.infer<typeof fileBase>, 'scenarios'> & { scenarios: Scenario[] };

export interface ScenarioProblem {
  /** JSON path, e.g. "$.scenarios[2].steps[3].agent". */
  path: string;
  message: string;
  hint: string;
}

export type ScenarioFileResult = { ok: true; file: ScenarioFile; problems: [] } | { ok: false; file: null; problems: ScenarioProblem[] };

function zodProblems(error: z.ZodError, base: PropertyKey[], hint: string): ScenarioProblem[] {
  return error.issues.map((issue) => {
    const path = [...base, ...issue.path];
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.slice(0, 5).map((k) => echo(k)).join(', ')}${issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : ''}`;
    return { path: jsonPath(path), message, hint };
  });
}

/** Deepest nesting a scenario file may have (objects and arrays); deeper values are refused, not crashed on. */
export const MAX_SCENARIO_DEPTH = 64;
/** Most steps in one file, all scenarios together (20,000 steps run in about 2 s; 600,000 took 14 s and 1.4 GB). */
export const MAX_SCENARIO_STEPS = 50_000;
/** Most problems reported for one file (a hostile file with a million bad steps gets a readable answer). */
export const MAX_SCENARIO_PROBLEMS = 100;
/** Keys and values echoed in problems are cut to this many characters. */
const ECHO_MAX = 60;
/** Keys JavaScript objects treat specially: a scenario never needs them, and zod's records drop them silently. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `"abc…"` for problems: long keys are cut, control characters shown escaped. */
export function echo(text: string): string {
  const cut = text.length > ECHO_MAX ? text.slice(0, ECHO_MAX) + `… (${text.length} characters)` : text;
  return JSON.stringify(cut);
}

/**
 * Walks the parsed JSON without recursion: too deep a nesting, or a reserved key (`__proto__`, ...), comes back
 * as a problem with its path. Runs before zod (whose recursion and the formatter's would overflow the stack).
 */
export function structureProblems(doc: unknown): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: doc, path: [] }];
  while (stack.length && problems.length < 10) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= MAX_SCENARIO_DEPTH) {
      problems.push({ path: jsonPath(path.slice(0, 12)) + (path.length > 12 ? '…' : ''), message: `the value is nested more than ${MAX_SCENARIO_DEPTH} levels deep`, hint: `Scenario files (and mocked HTTP bodies in them) may nest at most ${MAX_SCENARIO_DEPTH} levels of objects and arrays.` });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (v[i] !== null && typeof v[i] === 'object') stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    for (const k of Object.keys(v)) {
      // `__proto__` anywhere (JSON.parse keeps it, zod drops it: an expectation on it could never fail);
      // constructor / prototype as variable names.
      if (k === '__proto__' || (RESERVED_KEYS.has(k) && (path[path.length - 1] === 'variables' || path[path.length - 1] === 'set'))) {
        problems.push({ path: jsonPath([...path, k]), message: `"${k}" is a reserved name and is not allowed here`, hint: 'Rename the variable or key: names like "__proto__", "constructor" and "prototype" cannot be stored or checked reliably.' });
        continue;
      }
      stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
    }
  }
  return problems;
}

/** Distance for "did you mean". */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function didYouMean(key: string): string {
  // Quadratic: only for keys that could be a typo of a step action (a 200,000-character key took 50 s).
  if (key.length > 30) return '';
  const best = stepKeys.map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= 3 ? ` Did you mean "${best.k}"?` : '';
}

const STEP_HINT = `A step is an object with one action: ${stepKeys.map((k) => `"${k}"`).join(', ')} (and an optional "comment").`;

/** Validates one step; `path` is where it sits in the file. */
export function parseStep(raw: unknown, path: PropertyKey[]): { ok: true; step: ScenarioStep } | { ok: false; problems: ScenarioProblem[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ path: jsonPath(path), message: 'a step must be an object, e.g. {"say": "hello"}', hint: STEP_HINT }] };
  }
  const keys = Object.keys(raw).filter((k) => k !== 'comment');
  const actions = keys.filter((k): k is StepKey => (stepKeys as string[]).includes(k));
  const agentExtras = ['as', 'text', 'to', 'note'];
  if (actions.length === 0) {
    const unknown = keys.find((k) => !agentExtras.includes(k)) ?? keys[0];
    return {
      ok: false,
      problems: [
        {
          path: jsonPath(path),
          message: unknown ? `${echo(unknown)} is not a step action.${didYouMean(unknown)}` : 'the step has no action',
          hint: STEP_HINT,
        },
      ],
    };
  }
  if (actions.length > 1) {
    return {
      ok: false,
      problems: [{ path: jsonPath(path), message: `a step has one action, this one has ${actions.map((a) => `"${a}"`).join(' and ')}`, hint: 'Split it into one step per action, in the order they happen.' }],
    };
  }
  const key = actions[0];
  const r = stepSchemas[key].safeParse(raw);
  if (!r.success) return { ok: false, problems: zodProblems(r.error, path, hintFor(key)) };
  return { ok: true, step: r.data as ScenarioStep };
}

function hintFor(key: StepKey): string {
  switch (key) {
    case 'agent':
      return 'Agent steps: {"agent": "accept", "as": "Ana"}, {"agent": "takeover", "as": "Ana"}, {"agent": "open"}, {"agent": "say", "text": "..."}, {"agent": "note", "text": "..."}, {"agent": "transfer", "to": "Ben"}, {"agent": "decline"}, {"agent": "handback"}, {"agent": "resolve"}, {"agent": "close"}.';
    case 'expect':
      return 'Expectations: reaches, notReaches, waitingAt, botSays, botDoesNotSay, agentSays, escalates, handoff, mode, variables, effects, noEffects, buttons (see the README, "Scenarios").';
    case 'wait':
      return 'Move the virtual clock: {"wait": "10m"}, {"wait": "90s"}, {"wait": "next_timer"}.';
    case 'agents':
      return 'Agents look like {"name": "Ana", "status": "online", "skills": ["billing"], "languages": ["en"], "teams": ["support"], "capacity": 3}.';
    default:
      return STEP_HINT;
  }
}

/** Validates a whole scenario file (already parsed from JSON). Never throws. */
export function parseScenarioFile(doc: unknown): ScenarioFileResult {
  const structure = structureProblems(doc);
  if (structure.length) return { ok: false, file: null, problems: structure };
  const problems: ScenarioProblem[] = [];
  const top = fileBase.safeParse(doc);
  if (!top.success) {
    const hint = 'A scenario file looks like {"version": 1, "flow": "<flow id>", "scenarios": [{"name": "...", "steps": [...]}]}.';
    return { ok: false, file: null, problems: zodProblems(top.error, [], hint) };
  }
  const scenarios: Scenario[] = [];
  const seen = new Map<string, number>();
  let steps = 0;
  for (const raw of top.data.scenarios) {
    const n = raw !== null && typeof raw === 'object' && Array.isArray((raw as { steps?: unknown }).steps) ? (raw as { steps: unknown[] }).steps.length : 0;
    steps += n;
  }
  if (steps > MAX_SCENARIO_STEPS) {
    return { ok: false, file: null, problems: [{ path: '$.scenarios', message: `the file has ${steps} steps in all; at most ${MAX_SCENARIO_STEPS} are allowed`, hint: 'Split the scenarios over several flows or files (baton test --scenarios FILE), or shorten them.' }] };
  }
  top.data.scenarios.forEach((raw, i) => {
    if (problems.length >= MAX_SCENARIO_PROBLEMS) return;
    const r = scenarioBase.safeParse(raw);
    if (!r.success) {
      problems.push(...zodProblems(r.error, ['scenarios', i], 'A scenario has a "name" and "steps"; optional: description, now, agents, startAt, variables, http, skip.'));
      return;
    }
    const earlier = seen.get(r.data.name);
    if (earlier !== undefined) {
      problems.push({ path: jsonPath(['scenarios', i, 'name']), message: `the name "${r.data.name}" is already used by scenarios[${earlier}]`, hint: 'Give every scenario its own name: reports and the studio find scenarios by name.' });
    }
    seen.set(r.data.name, i);
    const steps: ScenarioStep[] = [];
    r.data.steps.forEach((s, j) => {
      const p = parseStep(s, ['scenarios', i, 'steps', j]);
      if (p.ok) steps.push(p.step);
      else problems.push(...p.problems);
    });
    scenarios.push({ ...r.data, steps });
  });
  if (problems.length > MAX_SCENARIO_PROBLEMS) {
    const more = problems.length - MAX_SCENARIO_PROBLEMS;
    problems.length = MAX_SCENARIO_PROBLEMS;
    problems.push({ path: '$', message: `and more problems (${more}+ not listed)`, hint: 'Fix the problems listed first, then check the file again.' });
  }
  if (problems.length) return { ok: false, file: null, problems };
  return { ok: true, file: { ...top.data, scenarios }, problems: [] };
}

/**
 * Keys that appear twice in one object of (valid) JSON text: JSON.parse silently keeps the last one, so
 * `"version": 1, "version": 2` read as version 2 with no word about the first. One linear pass; at most 10.
 */
export function duplicateKeyProblems(text: string): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  // Each open object/array: where it sits in its parent (`at`) and the child being read now (`cur`).
  type Frame = { obj: boolean; keys: Set<string> | null; at: PropertyKey | null; cur: PropertyKey | null; expectKey: boolean };
  const stack: Frame[] = [];
  let line = 1;
  for (let i = 0; i < text.length && problems.length < 10; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    else if (ch === '{' || ch === '[') {
      const parent = stack[stack.length - 1];
      stack.push({ obj: ch === '{', keys: ch === '{' ? new Set() : null, at: parent ? parent.cur : null, cur: ch === '{' ? null : 0, expectKey: ch === '{' });
    } else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.obj) top.expectKey = true;
      else if (top) top.cur = (top.cur as number) + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.obj && top.expectKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          key = text.slice(i + 1, j);
        }
        if (top.keys!.has(key)) {
          const where = stack.slice(1).map((f) => f.at as PropertyKey);
          problems.push({ path: jsonPath([...where, key]), message: `the key ${echo(key)} appears twice in this object (line ${line}); JSON keeps only the last one`, hint: 'Remove one of the two, so the file says what it means.' });
        }
        top.keys!.add(key);
        top.cur = key;
        top.expectKey = false;
      }
      i = j;
    }
  }
  return problems;
}

/** Reads a scenario file from its text: JSON syntax errors come back as a problem with line and column. */
export function parseScenarioText(text: string): ScenarioFileResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // UTF-16 read as UTF-8: its byte-order mark becomes two U+FFFD, and every ASCII character is followed by NUL.
  if (textLooksLikeUtf16(body)) return { ok: false, file: null, problems: [wide(textWideEncodingOf(body))] };
  if (body.trim() === '') {
    return { ok: false, file: null, problems: [{ path: '$', message: 'the file is empty', hint: 'Save a scenario from the studio\'s simulator, or start from {"version": 1, "scenarios": []}.' }] };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    // The flow loader's locator: line and column from any JS engine's wording, the line quoted.
    const p = jsonSyntaxProblem(body, e instanceof Error ? e.message : String(e));
    return { ok: false, file: null, problems: [{ path: '$', message: p.message.replace(/^The file/, 'the file'), hint: p.hint }] };
  }
  const duplicates = duplicateKeyProblems(body);
  if (duplicates.length) return { ok: false, file: null, problems: duplicates };
  const lone = findLoneSurrogate(doc);
  if (lone) return { ok: false, file: null, problems: [{ path: lone.path, message: loneSurrogateRefusal(lone), hint: 'Remove that escape, or write the character itself.' }] };
  return parseScenarioFile(doc);
}

/** UTF-16 or UTF-32 (named as such, hostile s16 H#16 rest). */
const wide = (encoding: 'UTF-16' | 'UTF-32' | null): ScenarioProblem => ({ path: '$', message: wideEncodingProblem(encoding ?? 'UTF-16'), hint: UTF16_HINT });

/**
 * Reads a scenario file from its bytes, as the CLI and the studio server do: text that is not valid UTF-8 is
 * refused with the byte offset, line and column of the first bad byte and what to do, never read as U+FFFD.
 */
export function parseScenarioBytes(bytes: Uint8Array): ScenarioFileResult {
  if (looksLikeUtf16(bytes)) return { ok: false, file: null, problems: [wide(wideEncodingOf(bytes))] };
  const decoded = decodeUtf8Strict(bytes);
  if (!decoded.ok) {
    const e = decoded.error;
    const guess = e.latin1 ? ` It looks like Windows-1252 / Latin-1 text (that byte is "${e.latin1}" there): convert it, e.g. \`iconv -f windows-1252 -t utf-8 FILE > FILE.utf8\`, check it, then replace the file.` : ' Re-type the character there, or convert the file from its encoding with iconv.';
    return {
      ok: false,
      file: null,
      problems: [
        {
          path: '$',
          message: `the file is not valid UTF-8 text: ${describeUtf8Error(e)} is not part of a UTF-8 character`,
          hint: `Save the file as UTF-8 (most editors: "Save with encoding" > UTF-8); nothing was read or changed.${guess}`,
        },
      ],
    };
  }
  return parseScenarioText(decoded.text);
}

/** One line per problem: "FILE $.path: message\n  hint: ...". */
export function formatScenarioProblems(file: string, problems: readonly ScenarioProblem[]): string {
  return problems.map((p) => `${file} ${p.path}: ${p.message}\n  hint: ${p.hint}`).join('\n');
}
