/**
 * Validates a flow document: migrate -> zod schema -> semantic checks, and returns EVERY problem at once
 * (errors block running the flow, warnings do not).
 *
 * When the schema fails, the structural checks (duplicate ids, dangling edges, start blocks, exits of the
 * blocks that did parse) still run on the raw document, so a designer fixing a file sees everything in one
 * go. Checks that need the whole flow to make sense (reachability, loops, variables, escalation target) run
 * only on a flow that parsed, because on a half-read flow they would report false alarms.
 *
 * Runs on every keystroke in the studio: every check is a single pass over blocks/edges with maps; nothing
 * is quadratic.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { isValidTimeZone } from './openingHours';
import { closest, distance } from 'fastest-levenshtein';
import { blockRegistry, exitsOf } from './blockRegistry';
import { builtinVariableNames } from './builtinVariables';
import { hasErrors, jsonPath, type FlowProblem } from './flowProblem';
import { cyclesWithoutWait, reachableBlocks } from './graph';
import { migrateFlow } from './migrations';
import { blockKinds, blockSchema, flowSchema, FLOW_VERSION, type Block, type BlockKind, type Flow, type Rule } from './schema';
import { templateVariables } from './template';

export interface FlowValidation {
  ok: boolean;
  /** The parsed flow with defaults filled in, when the schema accepted it (even if semantic errors remain). */
  flow: Flow | null;
  problems: FlowProblem[];
}

type Path = Array<string | number>;
type Doc = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const kindSet = new Set<string>(blockKinds);
const quoteList = (items: readonly string[]) => items.map((s) => `'${s}'`).join(', ');

/** A block as far as it could be read: its id and kind from the raw document, its typed form if it parsed. */
interface LooseBlock {
  index: number;
  id: string | null;
  kind: string | null;
  block: Block | null;
}
interface LooseEdge {
  index: number;
  id: string | null;
  from: string | null;
  exit: string | null;
  to: string | null;
}

class Report {
  readonly problems: FlowProblem[] = [];
  error(code: string, path: Path | string, blockId: string | null, message: string, hint: string) {
    this.problems.push({ severity: 'error', code, path: typeof path === 'string' ? path : jsonPath(path), blockId, message, hint });
  }
  warning(code: string, path: Path | string, blockId: string | null, message: string, hint: string) {
    this.problems.push({ severity: 'warning', code, path: typeof path === 'string' ? path : jsonPath(path), blockId, message, hint });
  }
}

/** "block 'menu' (Buttons)" — how a message names a block. */
function nameBlock(id: string | null, kind: string | null): string {
  const label = kind && kindSet.has(kind) ? ` (${blockRegistry[kind as BlockKind].label})` : '';
  return id ? `Block '${id}'${label}` : `A block${label}`;
}

/** Suggests the nearest of `candidates` when it is plausibly a typo of `name`. */
function didYouMean(name: string, candidates: readonly string[]): string | null {
  if (candidates.length === 0 || name === '') return null;
  const best = closest(name, candidates as string[]);
  const d = distance(name.toLowerCase(), best.toLowerCase());
  return d <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

/* ------------------------------------------------------------------ zod issues -> problems */

interface LooseIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  note?: string;
  discriminator?: string;
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = doc;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg as string];
  }
  return cur;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return `${typeof v === 'number' ? 'the number' : typeof v} ${String(v)}`;
}

const expectedWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object ({ ... })',
  array: 'a list ([ ... ])',
  int: 'a whole number',
};

/** Where an issue is, in words: "Block 'ask' (Question)", "Edge 'e3'", "The escalation policy"... */
function describeLocation(path: readonly PropertyKey[], doc: Doc): string {
  const [head, index] = path;
  if (head === 'blocks' && typeof index === 'number') {
    const raw = valueAt(doc, ['blocks', index]);
    const id = isObject(raw) && typeof raw.id === 'string' ? raw.id : null;
    const kind = isObject(raw) && typeof raw.kind === 'string' ? raw.kind : null;
    return id ? nameBlock(id, kind) : `Block number ${index + 1}`;
  }
  if (head === 'edges' && typeof index === 'number') {
    const raw = valueAt(doc, ['edges', index]);
    return isObject(raw) && typeof raw.id === 'string' && raw.id ? `Edge '${raw.id}'` : `Edge number ${index + 1}`;
  }
  if (head === 'variables' && typeof index === 'number') return `Variable number ${index + 1}`;
  if (head === 'escalation') return 'The escalation policy';
  if (head === 'settings') return 'The flow settings';
  return 'The flow';
}

function zodIssueToProblem(issue: LooseIssue, doc: Doc): FlowProblem {
  const path = issue.path;
  const strings = path.filter((s): s is string => typeof s === 'string');
  const field = strings.length > 0 ? strings[strings.length - 1] : 'value';
  const where = describeLocation(path, doc);
  const actual = valueAt(doc, path);
  let blockId: string | null = null;
  if (path[0] === 'blocks' && typeof path[1] === 'number') {
    const raw = valueAt(doc, ['blocks', path[1]]);
    if (isObject(raw) && typeof raw.id === 'string' && raw.id !== '') blockId = raw.id;
  }
  const isItem = typeof path[path.length - 1] === 'number';
  const subject = isItem ? `item ${(path[path.length - 1] as number) + 1} of "${field}"` : `"${field}"`;
  let message: string;
  let hint: string;
  switch (issue.code) {
    case 'invalid_type': {
      const want = expectedWords[issue.expected ?? ''] ?? issue.expected ?? 'another value';
      if (actual === undefined) {
        message = `${where}: ${subject} is missing.`;
        hint = `Add ${subject} (${want}).`;
      } else {
        message = `${where}: ${subject} should be ${want}, but it is ${describeValue(actual)}.`;
        hint = `Change ${subject} to ${want}.`;
      }
      break;
    }
    case 'invalid_value': {
      const allowed = (issue.values ?? []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      message = `${where}: ${subject} is ${actual === undefined ? 'missing' : JSON.stringify(actual)}, which is not allowed here.`;
      hint = `Use one of: ${quoteList(allowed)}.`;
      break;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'string' && small && limit === 1) {
        message = `${where}: ${subject} must not be empty.`;
        hint = `Fill in ${subject}.`;
      } else if (issue.origin === 'string') {
        message = `${where}: ${subject} is too ${small ? 'short' : 'long'} (${small ? 'at least' : 'at most'} ${limit} characters).`;
        hint = `Make ${subject} ${small ? 'longer' : 'shorter'}.`;
      } else if (issue.origin === 'array') {
        message = `${where}: ${subject} needs ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}.`;
        hint = small ? `Add items to ${subject}.` : `Remove items from ${subject}.`;
      } else {
        message = `${where}: ${subject} is ${describeValue(actual)}; it must be ${small ? 'at least' : 'at most'} ${limit}.`;
        hint = `Set ${subject} to a value ${small ? 'of at least' : 'of at most'} ${limit}.`;
      }
      break;
    }
    case 'invalid_format':
      message = `${where}: ${subject} is ${describeValue(actual)}, which has the wrong format.`;
      hint = issue.message.charAt(0).toUpperCase() + issue.message.slice(1) + '.';
      break;
    case 'invalid_union':
      message = `${where}: ${subject} does not match any of the accepted forms.`;
      hint = `Check ${subject} against a flow exported by Baton.`;
      break;
    default:
      message = `${where}: ${subject}: ${issue.message}.`;
      hint = `Fix ${subject}.`;
  }
  return { severity: 'error', code: 'schema', path: jsonPath(path), blockId, message, hint };
}

/* ------------------------------------------------------------------ text fields of each block */

/** Every `{{template}}` text a block renders, with its path inside the block. */
function templateFields(b: Block): Array<[Path, string]> {
  const d = b.data as Record<string, unknown>;
  const out: Array<[Path, string]> = [];
  const take = (...keys: string[]) => {
    for (const k of keys) if (typeof d[k] === 'string') out.push([['data', k], d[k] as string]);
  };
  switch (b.kind) {
    case 'message':
    case 'ticket':
    case 'end':
      take('text');
      break;
    case 'question':
    case 'buttons':
      take('text', 'retryMessage');
      break;
    case 'intent_router':
    case 'keyword_router':
      take('prompt');
      break;
    case 'notify':
      take('subject', 'text');
      break;
    case 'csat':
      take('text', 'thanks');
      break;
    case 'human_takeover':
      take('handoffMessage', 'assignedMessage', 'outOfHoursMessage');
      break;
    case 'http_request':
      take('url', 'body');
      for (const [k, v] of Object.entries(b.data.headers)) out.push([['data', 'headers', k], v]);
      break;
    case 'set_variable':
      b.data.assignments.forEach((a, i) => {
        if (a.op === 'set' && typeof a.value === 'string') out.push([['data', 'assignments', i, 'value'], a.value]);
      });
      break;
    default:
      break;
  }
  return out;
}

/** Variables a block sets, so templates later in the flow may use them. */
function variablesSetBy(b: Block): string[] {
  switch (b.kind) {
    case 'question':
      return [b.data.variable];
    case 'buttons':
    case 'intent_router':
      return b.data.variable ? [b.data.variable] : [];
    case 'csat':
      return [b.data.variable];
    case 'set_variable':
      return b.data.assignments.map((a) => a.variable);
    case 'http_request':
      return b.data.responseMapping.map((m) => m.variable);
    default:
      return [];
  }
}

/** How to name an exit to a designer: the button label or intent name rather than its id. */
function describeExit(b: Block, exit: string): string {
  if (b.kind === 'buttons') {
    const o = b.data.options.find((x) => x.id === exit);
    if (o) return `the '${o.label}' option`;
  }
  if (b.kind === 'intent_router') {
    const i = b.data.intents.find((x) => x.id === exit);
    if (i) return `the '${i.name}' intent`;
  }
  if (b.kind === 'keyword_router') return `the '${exit}' route`;
  return `its '${exit}' exit`;
}

/* ------------------------------------------------------------------ the validator */

export function validateFlow(doc: unknown): FlowValidation {
  const migrated = migrateFlow(doc);
  const versionCodes = new Set(migrated.problems.map((p) => p.code));
  // A newer format, a non-object or a failed migration cannot be read any further.
  if (!versionCodes.has('missing_version') && !versionCodes.has('invalid_version') && migrated.problems.length > 0) {
    return { ok: false, flow: null, problems: migrated.problems };
  }
  const report = new Report();
  report.problems.push(...migrated.problems);
  const raw = migrated.doc as Doc;
  // A missing/garbled version was reported already; read the rest as the current format.
  const input = migrated.problems.length > 0 ? { ...raw, version: FLOW_VERSION } : raw;

  const rawBlocks: unknown[] = Array.isArray(raw.blocks) ? raw.blocks : [];
  const rawEdges: unknown[] = Array.isArray(raw.edges) ? raw.edges : [];

  /* kinds, before zod: its discriminated-union message lists nothing a designer can act on */
  const badKind = new Set<number>();
  rawBlocks.forEach((b, i) => {
    if (!isObject(b)) return; // zod reports "should be an object"
    const id = typeof b.id === 'string' && b.id !== '' ? b.id : null;
    if (typeof b.kind === 'string' && kindSet.has(b.kind)) return;
    badKind.add(i);
    if (b.kind === undefined) {
      report.error('unknown_kind', ['blocks', i, 'kind'], id, `${nameBlock(id, null)} has no kind.`, `Set "kind" to one of: ${quoteList(blockKinds)}.`);
      return;
    }
    const kind = typeof b.kind === 'string' ? b.kind : JSON.stringify(b.kind);
    const guess = typeof b.kind === 'string' ? didYouMean(b.kind, blockKinds) : null;
    report.error(
      'unknown_kind',
      ['blocks', i, 'kind'],
      id,
      `${nameBlock(id, null)} has an unknown block kind '${kind}'.`,
      `${guess ? `Did you mean '${guess}'? ` : ''}The valid kinds are: ${quoteList(blockKinds)}.`,
    );
  });

  const parsed = flowSchema.safeParse(input);
  const flow: Flow | null = parsed.success ? parsed.data : null;
  if (!parsed.success) {
    for (const issue of parsed.error.issues as unknown as LooseIssue[]) {
      // Data of a block whose kind is unknown cannot be checked; the kind problem says it all.
      if (issue.path[0] === 'blocks' && typeof issue.path[1] === 'number' && badKind.has(issue.path[1])) continue;
      report.problems.push(zodIssueToProblem(issue, raw));
    }
  }

  /* loose views: typed when the whole flow parsed, block by block otherwise */
  const blocks: LooseBlock[] = flow
    ? flow.blocks.map((b, index) => ({ index, id: b.id, kind: b.kind, block: b }))
    : rawBlocks.map((b, index) => {
        const o = isObject(b) ? b : {};
        const one = badKind.has(index) || !isObject(b) ? null : blockSchema.safeParse(b);
        return {
          index,
          id: typeof o.id === 'string' && o.id !== '' ? o.id : null,
          kind: typeof o.kind === 'string' ? o.kind : null,
          block: one && one.success ? one.data : null,
        };
      });
  const edges: LooseEdge[] = flow
    ? flow.edges.map((e, index) => ({ index, ...e }))
    : rawEdges.map((e, index) => {
        const o = isObject(e) ? e : {};
        const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
        return { index, id: str(o.id), from: str(o.from), exit: str(o.exit), to: str(o.to) };
      });

  const byId = checkBlockIds(report, blocks);
  checkStart(report, blocks);
  const wired = checkEdges(report, edges, byId);
  for (const lb of blocks) if (lb.block) checkBlock(report, lb.block, lb.index, wired, byId);

  if (flow) {
    checkReachability(report, flow);
    checkLoops(report, flow);
    checkVariables(report, flow);
    checkEscalation(report, flow);
    checkTimeZones(report, flow);
  }

  // Errors first, otherwise in the order found (document order within each check).
  const problems = report.problems
    .map((p, i) => [p, i] as const)
    .sort((a, b) => (a[0].severity === b[0].severity ? a[1] - b[1] : a[0].severity === 'error' ? -1 : 1))
    .map(([p]) => p);
  return { ok: !hasErrors(problems), flow, problems };
}

/* ------------------------------------------------------------------ structural checks (raw or parsed) */

function checkBlockIds(report: Report, blocks: LooseBlock[]): Map<string, LooseBlock> {
  const byId = new Map<string, LooseBlock>();
  for (const lb of blocks) {
    if (lb.id === null) continue;
    const first = byId.get(lb.id);
    if (first) {
      report.error(
        'duplicate_id',
        ['blocks', lb.index, 'id'],
        lb.id,
        `Two blocks share the id '${lb.id}' (block number ${first.index + 1} and block number ${lb.index + 1}).`,
        'Give each block its own id: edges, jumps and the escalation target find blocks by id, so a shared id makes them ambiguous.',
      );
    } else byId.set(lb.id, lb);
  }
  return byId;
}

function checkStart(report: Report, blocks: LooseBlock[]) {
  const starts = blocks.filter((b) => b.kind === 'start');
  if (starts.length === 0) {
    report.error(
      'no_start',
      ['blocks'],
      null,
      'The flow has no Start block, so a conversation has nowhere to begin.',
      'Add a Start block and connect its exit to the first thing the bot should say.',
    );
    return;
  }
  for (const extra of starts.slice(1)) {
    report.error(
      'multiple_starts',
      ['blocks', extra.index],
      extra.id,
      `The flow has more than one Start block: '${starts[0].id ?? '?'}' and '${extra.id ?? '?'}'. A conversation can only begin in one place.`,
      'Delete the extra Start block; to reuse what follows it, connect to that block from elsewhere or use a Jump block.',
    );
  }
}

/** Reports edge problems and returns the set of wired "from\u0000exit" pairs. */
function checkEdges(report: Report, edges: LooseEdge[], byId: Map<string, LooseBlock>): Set<string> {
  const edgeIds = new Set<string>();
  const wired = new Map<string, LooseEdge>();
  for (const e of edges) {
    const label = e.id ? `Edge '${e.id}'` : `Edge number ${e.index + 1}`;
    if (e.id !== null) {
      if (edgeIds.has(e.id)) {
        report.error(
          'duplicate_edge_id',
          ['edges', e.index, 'id'],
          e.from && byId.has(e.from) ? e.from : null,
          `Two edges share the id '${e.id}'.`,
          'Give each edge its own id (deleting and redrawing the connection in the studio does this).',
        );
      } else edgeIds.add(e.id);
    }
    const from = e.from !== null ? byId.get(e.from) : undefined;
    const to = e.to !== null ? byId.get(e.to) : undefined;
    if (e.from !== null && !from) {
      report.error(
        'dangling_edge',
        ['edges', e.index, 'from'],
        to?.id ?? null,
        `${label} starts at block '${e.from}', which does not exist.`,
        'Delete the edge, or change "from" to the id of an existing block.',
      );
    }
    if (e.to !== null && !to) {
      report.error(
        'dangling_edge',
        ['edges', e.index, 'to'],
        from?.id ?? null,
        `${label} leads to block '${e.to}', which does not exist.`,
        'Reconnect the edge to an existing block, or delete it.',
      );
    }
    if (from?.block && e.exit !== null) {
      const exits = exitsOf(from.block);
      if (!exits.includes(e.exit)) {
        report.error(
          'unknown_exit',
          ['edges', e.index, 'exit'],
          from.id,
          `${label} leaves ${nameBlock(from.id, from.kind).replace(/^Block/, 'block')} by exit '${e.exit}', which that block does not have.`,
          exits.length === 0
            ? `${blockRegistry[from.block.kind].label} blocks have no exits; delete this edge.`
            : `Use one of its exits: ${quoteList(exits)}.`,
        );
      }
    }
    if (e.from !== null && e.exit !== null) {
      const key = `${e.from}\u0000${e.exit}`;
      const first = wired.get(key);
      if (first) {
        report.error(
          'duplicate_exit_edge',
          ['edges', e.index],
          from?.id ?? null,
          `Block '${e.from}' has two edges on its '${e.exit}' exit (${first.id ? `'${first.id}'` : `edge number ${first.index + 1}`} and ${e.id ? `'${e.id}'` : `edge number ${e.index + 1}`}); the bot can only follow one.`,
          'Delete one of the two edges.',
        );
      } else wired.set(key, e);
    }
  }
  return new Set(wired.keys());
}

/** Kinds that simply continue on `next`; without that edge the customer is left hanging. */
const continueKinds = new Set<BlockKind>(['message', 'set_variable', 'notify', 'ticket', 'csat']);

function checkBlock(report: Report, b: Block, index: number, wired: Set<string>, byId: Map<string, LooseBlock>) {
  const who = nameBlock(b.id, b.kind);
  const isWired = (exit: string) => wired.has(`${b.id}\u0000${exit}`);

  for (const exit of blockRegistry[b.kind].requiredExits(b)) {
    if (isWired(exit)) continue;
    if (b.kind === 'human_takeover' && (exit === 'no_agent' || exit === 'timeout')) {
      report.error(
        'takeover_exit_unwired',
        ['blocks', index],
        b.id,
        exit === 'no_agent'
          ? `${who} has nothing connected to its 'no_agent' exit: when no agent is available, the customer is stuck.`
          : `${who} has nothing connected to its 'timeout' exit: when nobody picks the chat up in time, the customer is stuck.`,
        `Connect the '${exit}' exit to a Ticket block so the customer can leave their details and be contacted later (or to a message and an End block).`,
      );
    } else {
      report.error(
        'unwired_exit',
        ['blocks', index],
        b.id,
        `${who} has nothing connected to ${describeExit(b, exit)}; a customer who goes that way would reach a dead end.`,
        `Connect the '${exit}' exit to the block that should come next.`,
      );
    }
  }

  if (continueKinds.has(b.kind) && !isWired('next')) {
    report.error(
      'dead_end',
      ['blocks', index],
      b.id,
      `${who} has no next block, so the conversation stops there without ending properly.`,
      'Connect its exit to the next block, or to an End block if the conversation is over.',
    );
  }

  switch (b.kind) {
    case 'jump': {
      const target = b.data.target;
      if (!target || !byId.has(target)) {
        report.error(
          'jump_target_missing',
          ['blocks', index, 'data', 'target'],
          b.id,
          target ? `${who} jumps to block '${target}', which does not exist.` : `${who} has no target.`,
          'Choose the block to continue at in the Jump block settings.',
        );
      }
      break;
    }
    case 'buttons':
      checkOptions(report, b.id, index, who, 'options', b.data.options, 'option', 'Add at least one button option.');
      break;
    case 'intent_router':
      checkOptions(report, b.id, index, who, 'intents', b.data.intents, 'intent', 'Add at least one intent with a few example phrases.');
      b.data.intents.forEach((intent, k) => {
        if (intent.examples.length === 0) {
          report.error(
            'intent_without_examples',
            ['blocks', index, 'data', 'intents', k, 'examples'],
            b.id,
            `${who}: the intent '${intent.name}' has no example phrases, so it can never be recognised.`,
            'Add a few example phrases a customer might write for this intent (five or more works best).',
          );
        }
      });
      break;
    case 'keyword_router':
      checkOptions(report, b.id, index, who, 'routes', b.data.routes, 'route', 'Add at least one route with keywords.');
      b.data.routes.forEach((route, k) => {
        if (route.keywords.length === 0) {
          report.error(
            'route_without_keywords',
            ['blocks', index, 'data', 'routes', k, 'keywords'],
            b.id,
            `${who}: the route '${route.id}' has no keywords, so it can never be taken.`,
            'Add the keywords that should lead to this route.',
          );
        }
      });
      break;
    default:
      break;
  }
}

/** Zero options, duplicate ids and ids clashing with the `fallback` exit, for buttons, intents and routes. */
function checkOptions(
  report: Report,
  blockId: string,
  index: number,
  who: string,
  field: string,
  items: ReadonlyArray<{ id: string }>,
  noun: string,
  emptyHint: string,
) {
  if (items.length === 0) {
    report.error('no_options', ['blocks', index, 'data', field], blockId, `${who} has no ${field}, so every answer goes to its fallback.`, emptyHint);
    return;
  }
  const seen = new Set<string>();
  items.forEach((item, k) => {
    if (item.id === 'fallback') {
      report.error(
        'reserved_exit_name',
        ['blocks', index, 'data', field, k, 'id'],
        blockId,
        `${who}: the ${noun} id 'fallback' clashes with the block's own fallback exit.`,
        `Rename the ${noun} id.`,
      );
    }
    if (seen.has(item.id)) {
      report.error(
        'duplicate_option_id',
        ['blocks', index, 'data', field, k, 'id'],
        blockId,
        `${who} has two ${noun}s with the id '${item.id}'; each ${noun} is its own exit, so ids must differ.`,
        `Rename one of the ${noun}s.`,
      );
    }
    seen.add(item.id);
  });
}

/* ------------------------------------------------------------------ whole-flow checks (parsed only) */

function checkReachability(report: Report, flow: Flow) {
  if (!flow.blocks.some((b) => b.kind === 'start')) return; // 'no_start' already says it
  const reachable = reachableBlocks(flow);
  flow.blocks.forEach((b, i) => {
    if (reachable.has(b.id)) return;
    report.warning(
      'unreachable_block',
      ['blocks', i],
      b.id,
      `${nameBlock(b.id, b.kind)} cannot be reached from the Start block, so no customer will ever see it.`,
      'Connect an edge (or a Jump) to it, or delete it if it is no longer needed.',
    );
  });
}

function checkLoops(report: Report, flow: Flow) {
  const indexOf = new Map<string, number>();
  flow.blocks.forEach((b, i) => {
    if (!indexOf.has(b.id)) indexOf.set(b.id, i);
  });
  for (const cycle of cyclesWithoutWait(flow)) {
    const names = cycle.map((id) => `'${id}'`);
    const list = names.length === 1 ? `${names[0]} leads back to itself` : `${names.join(', ')} form a loop`;
    report.error(
      'loop_without_wait',
      ['blocks', indexOf.get(cycle[0])!],
      cycle[0],
      `Blocks ${list} in which the bot never waits for the customer; a conversation that gets there would run forever.`,
      'Put a block that waits for the customer (Question, Buttons, an intent or keyword router...) inside the loop, or send one of its edges elsewhere.',
    );
  }
}

function checkVariables(report: Report, flow: Flow) {
  const known = new Set<string>(builtinVariableNames);
  const declared = new Set<string>();
  flow.variables.forEach((v, i) => {
    if (declared.has(v.name)) {
      report.warning(
        'duplicate_variable',
        ['variables', i, 'name'],
        null,
        `The variable '${v.name}' is declared twice.`,
        'Delete one of the two declarations.',
      );
    }
    declared.add(v.name);
    known.add(v.name);
  });
  for (const b of flow.blocks) for (const name of variablesSetBy(b)) known.add(name);
  const knownList = [...known];

  const unknown = (path: Path, blockId: string | null, where: string, name: string, asTemplate: boolean) => {
    const guess = didYouMean(name, knownList);
    report.error(
      'unknown_variable',
      path,
      blockId,
      `${where} uses ${asTemplate ? `{{${name}}}` : `the variable '${name}'`}, but no variable has that name.`,
      `${guess ? `Did you mean '${guess}'? Otherwise d` : 'D'}eclare '${name}' under Variables, or set it with a Question, Buttons or Set variable block.`,
    );
  };

  flow.blocks.forEach((b, i) => {
    const who = nameBlock(b.id, b.kind);
    for (const [sub, text] of templateFields(b)) {
      if (!text.includes('{{')) continue;
      for (const name of templateVariables(text)) if (!known.has(name)) unknown(['blocks', i, ...sub], b.id, who, name, true);
    }
    if (b.kind === 'condition') {
      b.data.rules.forEach((r, k) => {
        if (!known.has(r.variable)) unknown(['blocks', i, 'data', 'rules', k, 'variable'], b.id, who, r.variable, false);
      });
    }
  });

  for (const key of ['fallbackMessage', 'restartMessage'] as const) {
    for (const name of templateVariables(flow.settings[key])) {
      if (!known.has(name)) unknown(['settings', key], null, `The flow's ${key === 'fallbackMessage' ? 'fallback' : 'restart'} message`, name, true);
    }
  }

  const checkRules = (rules: Rule[], base: Path, where: string) =>
    rules.forEach((r, k) => {
      if (!known.has(r.variable)) unknown([...base, k, 'variable'], null, where, r.variable, false);
    });
  checkRules(flow.escalation.urgency.rules, ['escalation', 'urgency', 'rules'], 'An urgency rule of the escalation policy');
  checkRules(flow.escalation.hotLead.rules.rules, ['escalation', 'hotLead', 'rules', 'rules'], 'A hot-lead rule of the escalation policy');
}

function checkEscalation(report: Report, flow: Flow) {
  const esc = flow.escalation;
  const takeovers = flow.blocks.filter((b) => b.kind === 'human_takeover');
  const suggestion =
    takeovers.length === 1
      ? `Set it to '${takeovers[0].id}', the flow's Human takeover block.`
      : takeovers.length === 0
        ? 'Add a Human takeover block and choose it as the escalation target.'
        : `Choose one of the Human takeover blocks: ${quoteList(takeovers.map((b) => b.id))}.`;

  if (esc.targetBlockId !== null) {
    const target = flow.blocks.find((b) => b.id === esc.targetBlockId);
    if (!target || target.kind !== 'human_takeover') {
      report.error(
        'bad_escalation_target',
        ['escalation', 'targetBlockId'],
        target ? target.id : null,
        target
          ? `The escalation policy hands conversations to block '${target.id}', which is a ${blockRegistry[target.kind].label} block, not a Human takeover block.`
          : `The escalation policy hands conversations to block '${esc.targetBlockId}', which does not exist.`,
        suggestion,
      );
    }
  }

  const signalsOn =
    esc.explicitRequest.enabled ||
    esc.negativeSentiment.enabled ||
    esc.lowConfidence.enabled ||
    esc.repeatedFallback.enabled ||
    esc.loop.enabled ||
    esc.sensitiveTopics.enabled ||
    esc.urgency.enabled ||
    esc.hotLead.enabled;
  if (esc.enabled && signalsOn && esc.targetBlockId === null) {
    report.warning(
      'escalation_no_target',
      ['escalation', 'targetBlockId'],
      null,
      'Escalation is on but has no Human takeover block to hand conversations to.',
      suggestion,
    );
  }

  if (!esc.enabled) {
    report.warning(
      'escalation_disabled',
      ['escalation', 'enabled'],
      null,
      'Automatic escalation is off: customers who ask for a person, get angry or are stuck will stay with the bot.',
      'Turn escalation on unless this flow really must never hand over on its own.',
    );
  } else if (!esc.explicitRequest.enabled) {
    report.warning(
      'explicit_request_disabled',
      ['escalation', 'explicitRequest', 'enabled'],
      null,
      'Customers who ask for a person will be ignored: the explicit-request signal is off.',
      'Turn the explicit-request signal back on; being refused a person is the most common reason customers give up on a bot.',
    );
  }

  if (esc.sensitiveTopics.enabled) {
    const intentNames = new Set<string>();
    for (const b of flow.blocks) if (b.kind === 'intent_router') for (const i of b.data.intents) intentNames.add(i.name);
    esc.sensitiveTopics.topics.forEach((t, k) => {
      if (t.phrases.length === 0 && t.intents.length === 0) {
        report.warning(
          'empty_sensitive_topic',
          ['escalation', 'sensitiveTopics', 'topics', k],
          null,
          `The sensitive topic '${t.name}' has no phrases and no intents, so it can never fire.`,
          'Add phrases customers use for this topic, or the intents that mean it.',
        );
      }
      t.intents.forEach((name, j) => {
        if (!intentNames.has(name)) {
          report.warning(
            'unknown_intent',
            ['escalation', 'sensitiveTopics', 'topics', k, 'intents', j],
            null,
            `The sensitive topic '${t.name}' refers to the intent '${name}', which no intent router defines.`,
            'Use the name of an intent from one of the flow\'s intent routers, or remove it.',
          );
        }
      });
    });
  }
}

/** A misspelt time zone would silently be read as UTC: opening hours would be off by hours. */
function checkTimeZones(report: Report, flow: Flow) {
  const check = (tz: string, path: Path, blockId: string | null) => {
    if (isValidTimeZone(tz)) return;
    report.error(
      'bad_timezone',
      path,
      blockId,
      `'${tz}' is not a time zone this computer knows.`,
      "Use an IANA time zone name such as 'Europe/London', 'America/New_York' or 'UTC'.",
    );
  };
  check(flow.settings.timezone, ['settings', 'timezone'], null);
  flow.blocks.forEach((b, i) => {
    if (b.kind === 'business_hours') check(b.data.timezone, ['blocks', i, 'data', 'timezone'], b.id);
    if (b.kind === 'human_takeover' && b.data.availability) check(b.data.availability.timezone, ['blocks', i, 'data', 'availability', 'timezone'], b.id);
  });
}
