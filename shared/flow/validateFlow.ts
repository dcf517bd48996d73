/**
 * Validates a flow document: migrate -> zod schema -> semantic checks, and returns EVERY problem at once
 * (errors block running the flow, warnings do not).
 *
 * The document is read in parts (each block, each edge, the rest), so one bad part never hides the
 * problems of the others: a misspelt field name is reported with "did you mean" at any depth, next to the
 * schema errors of other blocks, the structural checks (duplicate ids, dangling edges, start blocks, exits)
 * and every kind's own checks. Checks that need the whole flow to make sense (reachability, unknown
 * variables) run only when the parts they depend on all parsed, because on a half-read flow they would
 * report false alarms.
 *
 * What a kind means comes from the block registry (exits, required exits, variables read and written, its
 * own `validate`); this file knows no kind.
 *
 * Speed: the studio validates after every edit. Every check is one pass over blocks/edges with maps, and
 * the per-block work (schema, unknown fields, the kind's checks) is cached by block object when the block
 * is frozen, as the studio's immer-produced flows are: after an edit only the changed block is read again.
 * (Unfrozen objects are never cached: a caller may mutate them between two calls.)
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { z } from 'zod';
import { isValidTimeZone } from './openingHours';
import { blockDefinitions, blockKinds, exitsOf, isBlockKind, requiredExitsOf, unwrapSchema, type BlockKind } from './blockRegistry';
import { builtinVariableNames } from './builtinVariables';
import { describeWay, variableGapReport } from './variableProblems';
import { hasErrors, jsonPath, type FlowProblem } from './flowProblem';
import { cyclesWithoutWait, reachableBlocks, successors } from './graph';
import { migrateFlow } from './migrations';
import { blockEnvelopeSchema, blockSchemasByKind, edgeSchema, flowSchema, FLOW_VERSION, type Block, type Edge, type Flow, type Rule } from './schema';
import { dateTimeProblem } from './formats';
import { rulePatternProblems } from './rulePatternProblems';
import { escalationVocabularyWarnings, neverTriggerSilencedRequests } from '../escalation/vocabularyWarnings';
import { canonicalizeText } from '../escalation/canonicalTokens';
import { normalizeText } from '../nlu/normalizeText';
import { MEMORY_SIZE } from '../escalation/evaluateEscalation';
import { defaultGraduatedTexts, graduatedTextTitles, offerLabel } from '../engine/escalationWording';
import { withoutInvisible } from '../engine/unicodeText';
import { MAX_HTTP_CALLS_PER_TURN } from './limits';
import { offerAnswer } from '../nlu/bareReplies';
import { INVISIBLE, labelKey } from './sameLabel';
import { flowIdProblem } from './flowId';
import { directionControlName, directionHits, directionWhere } from './directionControls';
import { describeLocation, didYouMean, nameBlock, quoteList, zodIssueToProblem, type LooseIssue } from './zodProblems';
import { pageVariableRuleProblems } from './pageVariableRuleProblems';
import type { BlockProblem, FlowContext, VariableUse } from './blocks/types';

export interface FlowValidation {
  ok: boolean;
  /** The parsed flow with defaults filled in, when the schema accepted it (even if semantic errors remain). */
  flow: Flow | null;
  problems: FlowProblem[];
}

type Path = Array<string | number>;
type Doc = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

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

/* ------------------------------------------------------------------ unknown (misspelt) field names */

interface UnknownKey {
  /** Path of the unknown key, relative to where the walk started. */
  path: Path;
  key: string;
  known: string[];
}

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType; in?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const knownKeys = new WeakMap<object, string[]>();

/**
 * Collects keys of `value` that `schema` does not know, at any depth (objects, lists, records). `path` is
 * a stack pushed and popped on the way (copied only when something is found: this runs on every block).
 */
function walkKeys(value: unknown, schema: z.ZodType, path: Path, out: UnknownKey[]): void {
  if (value === null || typeof value !== 'object') return;
  const s = unwrapSchema(schema).schema;
  const d = defOf(s);
  if (d.type === 'object') {
    if (Array.isArray(value)) return;
    const shape = d.shape!;
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue;
      if (Object.hasOwn(shape, k)) {
        const v = (value as Doc)[k];
        if (v === null || typeof v !== 'object') continue;
        path.push(k);
        walkKeys(v, shape[k], path, out);
        path.pop();
      } else {
        let known = knownKeys.get(shape);
        if (!known) knownKeys.set(shape, (known = Object.keys(shape)));
        out.push({ path: [...path, k], key: k, known });
      }
    }
  } else if (d.type === 'array') {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v === null || typeof v !== 'object') continue;
      path.push(i);
      walkKeys(v, d.element!, path, out);
      path.pop();
    }
  } else if (d.type === 'record') {
    if (Array.isArray(value)) return;
    for (const [k, v] of Object.entries(value)) {
      path.push(k);
      walkKeys(v, d.valueType!, path, out);
      path.pop();
    }
  } else if (d.type === 'pipe') {
    walkKeys(value, d.in!, path, out);
  }
}

function reportUnknownKey(report: Report, u: UnknownKey, base: Path, doc: Doc, blockId: string | null): void {
  const full = [...base, ...u.path];
  const where = describeLocation(full, doc);
  // "in "autoAssign"": the object the key sits in, inside the block's data (list positions left out).
  const within = u.path.slice(0, -1).filter((seg): seg is string => typeof seg === 'string');
  if (base[0] === 'blocks' && within[0] === 'data') within.shift();
  const parent = within.length > 0 ? ` in "${within.join('.')}"` : '';
  const guess = didYouMean(u.key, u.known);
  if (guess) {
    report.error(
      'unknown_field',
      full,
      blockId,
      `${where}: "${u.key}"${parent} is not a field Baton knows, so it is ignored. Did you mean "${guess}"?`,
      `Rename "${u.key}" to "${guess}".`,
    );
  } else {
    report.warning(
      'unknown_field',
      full,
      blockId,
      `${where}: "${u.key}"${parent} is not a field Baton knows, so it is ignored.`,
      `Remove it, or use one of the known fields: ${quoteList(u.known)}.`,
    );
  }
}

/* ------------------------------------------------------------------ one block, read on its own (cached) */

interface BlockRead {
  id: string | null;
  kind: string | null;
  /** The block's kind is missing or unknown (already explained by `kindProblem`). */
  badKind: boolean;
  kindProblem: { code: string; message: string; hint: string } | null;
  block: Block | null;
  /** zod issues, paths relative to the block. */
  issues: LooseIssue[];
  unknown: UnknownKey[];
}

const blockReads = new WeakMap<object, BlockRead>();

function readBlock(raw: unknown): BlockRead {
  const cacheable = isObject(raw) && Object.isFrozen(raw);
  if (cacheable) {
    const hit = blockReads.get(raw);
    if (hit) return hit;
  }
  const o = isObject(raw) ? raw : null;
  const id = o ? str(o.id) : null;
  const kind = o && typeof o.kind === 'string' ? o.kind : null;
  const read: BlockRead = { id, kind, badKind: false, kindProblem: null, block: null, issues: [], unknown: [] };
  if (!o) {
    read.badKind = true;
    read.issues.push({ code: 'invalid_type', expected: 'object', path: [], message: 'expected an object' });
  } else if (!isBlockKind(o.kind)) {
    // Before zod: its discriminated-union message lists nothing a designer can act on.
    read.badKind = true;
    if (o.kind === undefined) read.kindProblem = { code: 'unknown_kind', message: `${nameBlock(id, null)} has no kind.`, hint: `Set "kind" to one of: ${kindsAsInPalette()}.` };
    else {
      const shown = typeof o.kind === 'string' ? o.kind : JSON.stringify(o.kind);
      const guess = typeof o.kind === 'string' ? didYouMean(o.kind, blockKinds) : null;
      read.kindProblem = {
        code: 'unknown_kind',
        message: `${nameBlock(id, null)} has an unknown block kind '${shown}'.`,
        hint: `${guess ? `Did you mean ${kindAsInPalette(guess as BlockKind)}? ` : ''}The valid kinds are: ${kindsAsInPalette()}.`,
      };
    }
  } else if (cacheable && isObject(o.data) && Object.isFrozen(o.data)) {
    // A frozen block whose `data` object was read before under the same kind (a move or a relabel keeps
    // `data` as it is): read only the envelope and reuse the parsed data.
    const data = readData(o.kind, o.data);
    const fast = plainEnvelope(o);
    if (fast) {
      // The common case (a moved block): a well-formed envelope with no extra keys, checked by hand.
      if (data.parsed !== null) read.block = { ...fast, data: data.parsed } as Block;
    } else {
      const { data: _data, ...envelope } = o;
      const env = blockEnvelopeSchema.safeParse(envelope);
      if (env.success && data.parsed !== null) read.block = { ...env.data, data: data.parsed } as Block;
      if (!env.success) read.issues.push(...(env.error.issues as unknown as LooseIssue[]));
      const envUnknown: UnknownKey[] = [];
      walkKeys(envelope, blockEnvelopeSchema, [], envUnknown);
      for (const u of envUnknown) read.unknown.push(u.path.length === 1 ? { ...u, known: [...u.known, 'data'] } : u);
    }
    for (const issue of data.issues) read.issues.push({ ...issue, path: ['data', ...issue.path] });
    for (const u of data.unknown) read.unknown.push({ ...u, path: ['data', ...u.path] });
  } else {
    const schema = blockSchemasByKind[o.kind] as z.ZodType;
    const parsed = schema.safeParse(o);
    if (parsed.success) read.block = parsed.data as Block;
    else read.issues = parsed.error.issues as unknown as LooseIssue[];
    walkKeys(o, schema, [], read.unknown);
  }
  if (cacheable) blockReads.set(raw, read);
  return read;
}

/**
 * The envelope of a block (id, kind, position, label) when it is plainly valid with no unknown keys, read
 * without zod (this runs for every moved block after an automatic layout); null sends the block through
 * `blockEnvelopeSchema`, which explains what is wrong. Same output as the schema: keys in schema order,
 * absent optional keys left out.
 */
function plainEnvelope(o: Doc): Record<string, unknown> | null {
  let keys = 0;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    if (k !== 'id' && k !== 'kind' && k !== 'position' && k !== 'label' && k !== 'data') return null;
    keys++;
  }
  const { id, kind, position, label } = o;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200 || !isBlockKind(kind)) return null;
  const out: Record<string, unknown> = { id, kind };
  if (position !== undefined) {
    if (!isObject(position)) return null;
    let n = 0;
    for (const k in position) if (Object.hasOwn(position, k)) n++;
    if (n !== 2 || !Number.isFinite(position.x) || !Number.isFinite(position.y)) return null;
    out.position = { x: position.x, y: position.y };
  }
  if (label !== undefined) {
    if (typeof label !== 'string' || label.length > 200) return null;
    out.label = label;
  }
  return keys > 0 ? out : null;
}

interface DataRead {
  kind: BlockKind;
  parsed: unknown;
  issues: LooseIssue[];
  unknown: UnknownKey[];
}
const dataReads = new WeakMap<object, DataRead>();

/** A frozen `data` object read with its kind's schema (cached by object and kind). */
function readData(kind: BlockKind, data: object): DataRead {
  const hit = dataReads.get(data);
  if (hit && hit.kind === kind) return hit;
  const schema = blockDefinitions[kind].data as z.ZodType;
  const parsed = schema.safeParse(data);
  const read: DataRead = {
    kind,
    parsed: parsed.success ? parsed.data : null,
    issues: parsed.success ? [] : (parsed.error.issues as unknown as LooseIssue[]),
    unknown: [],
  };
  walkKeys(data, schema, [], read.unknown);
  dataReads.set(data, read);
  return read;
}

/* ------------------------------------------------------------------ one edge, read on its own (cached) */

interface EdgeRead {
  edge: Edge | null;
  issues: LooseIssue[];
  unknown: UnknownKey[];
  id: string | null;
  from: string | null;
  exit: string | null;
  to: string | null;
}

const edgeReads = new WeakMap<object, EdgeRead>();

function readEdge(raw: unknown): EdgeRead {
  const cacheable = isObject(raw) && Object.isFrozen(raw);
  if (cacheable) {
    const hit = edgeReads.get(raw);
    if (hit) return hit;
  }
  const o = isObject(raw) ? raw : {};
  const one = edgeSchema.safeParse(raw);
  const read: EdgeRead = {
    edge: one.success ? one.data : null,
    issues: one.success ? [] : (one.error.issues as unknown as LooseIssue[]),
    unknown: [],
    id: str(o.id),
    from: str(o.from),
    exit: str(o.exit),
    to: str(o.to),
  };
  walkKeys(raw, edgeSchema, [], read.unknown);
  if (cacheable) edgeReads.set(raw, read);
  return read;
}

/* ------------------------------------------------------------------ what a parsed block says of itself (cached) */

interface BlockFacts {
  exits: string[];
  exitSet: ReadonlySet<string>;
  required: string[];
  reads: VariableUse[];
  writes: string[];
  /** The kind's own problems, when they did not depend on the rest of the flow (else recomputed). */
  own: BlockProblem[] | null;
}

const blockFacts = new WeakMap<Block, BlockFacts>();
/** Facts by parsed `data` object, for a block rebuilt around the same data (see `readData`). */
const factsByData = new WeakMap<object, { id: string; kind: string; facts: BlockFacts }>();

/**
 * Exits, required exits, variables read and written, and the kind's own problems of a parsed block. The
 * parsed block object is itself cached per frozen raw block (see `readBlock`), so this cache hits exactly
 * when the raw block did not change. The kind's `validate` gets a context that notes whether it asked
 * about the rest of the flow (a Jump's target); only answers that did not are kept.
 */
function factsOf(b: Block, ctx: FlowContext): BlockFacts {
  const def = blockDefinitions[b.kind];
  let hit = blockFacts.get(b);
  if (!hit) {
    // The same parsed data under the same id and kind (the block was moved or relabelled): same facts.
    const same = factsByData.get(b.data as object);
    if (same && same.id === b.id && same.kind === b.kind) {
      hit = same.facts;
      blockFacts.set(b, hit);
    }
  }
  // Problems that depended on the rest of the flow (a Jump's target) are asked again every time.
  if (hit) return hit.own ? hit : { ...hit, own: def.validate!(b as never, ctx) };
  let askedFlow = false;
  let own: BlockProblem[] = [];
  if (def.validate) {
    const watching: FlowContext = {
      hasBlock: (id) => ((askedFlow = true), ctx.hasBlock(id)),
      kindOf: (id) => ((askedFlow = true), ctx.kindOf(id)),
      isWired: (blockId, exit) => ((askedFlow = true), ctx.isWired(blockId, exit)),
      isValidTimeZone: ctx.isValidTimeZone,
      nameBlock: ctx.nameBlock,
    };
    own = def.validate(b as never, watching);
  }
  const exits = exitsOf(b);
  const facts: BlockFacts = {
    exits,
    exitSet: new Set(exits),
    required: requiredExitsOf(b),
    reads: def.variablesRead(b as never),
    writes: def.variablesWritten(b as never),
    own: askedFlow ? null : own,
  };
  blockFacts.set(b, facts);
  if (typeof b.data === 'object' && b.data !== null) factsByData.set(b.data, { id: b.id, kind: b.kind, facts });
  return askedFlow ? { ...facts, own } : facts;
}

/* ------------------------------------------------------------------ graph checks of the last flow (memo) */

/** What the graph checks read of one block: id, kind, exits and jump targets. */
interface BlockSkeleton {
  block: Block;
  id: string;
  kind: string;
  exits: readonly string[];
  jumps: string;
}

interface GraphMemo {
  edgesRef: object;
  targetId: string | null;
  skeleton: BlockSkeleton[];
  wired: Map<string, Map<string, LooseEdge>>;
  edgeProblems: FlowProblem[];
  /** Loops and reachability. */
  graphProblems: FlowProblem[];
}

/**
 * One slot: the studio validates one flow after another edit of it. Kept only for complete, frozen flows;
 * a different flow simply misses.
 */
let lastGraph: GraphMemo | null = null;

function skeletonOf(blocks: LooseBlock[]): BlockSkeleton[] {
  return blocks.map((lb) => {
    const b = lb.block!;
    const jumps = blockDefinitions[b.kind].jumpsTo?.(b as never) ?? [];
    return { block: b, id: b.id, kind: b.kind, exits: blockFacts.get(b)?.exits ?? exitsOf(b), jumps: jumps.join('\u0000') };
  });
}

function sameSkeleton(a: BlockSkeleton[], b: BlockSkeleton[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.block === y.block) continue;
    if (x.id !== y.id || x.kind !== y.kind || x.jumps !== y.jumps || x.exits.length !== y.exits.length) return false;
    for (let k = 0; k < x.exits.length; k++) if (x.exits[k] !== y.exits[k]) return false;
  }
  return true;
}

/* ------------------------------------------------------------------ the validator */

/** Results for frozen documents (the studio may validate the same immutable flow more than once). */
const results = new WeakMap<object, FlowValidation>();

export function validateFlow(doc: unknown): FlowValidation {
  const frozen = isObject(doc) && Object.isFrozen(doc);
  if (frozen) {
    const hit = results.get(doc);
    if (hit) return hit;
  }
  const result = validateDocument(doc);
  if (frozen) results.set(doc as object, result);
  return result;
}

/**
 * The document without blocks and edges, read again with each value the schema refused stood in for, so the checks
 * after the schema still run on everything else: an object's field is left out (its default is read), a text (a list
 * entry, a name) becomes a unique placeholder, a few rounds at most. Null when that does not make it readable (a value
 * refused at the top level, or inside a list of non-texts). `paths` are the JSON paths stood in for.
 */
function salvageRest(restInput: Doc, issues: readonly LooseIssue[]): { data: Flow; paths: string[] } | null {
  let doc: unknown;
  try {
    doc = structuredClone(restInput);
  } catch {
    return null;
  }
  const paths = new Set<string>();
  const tried = new Set<string>();
  let current = issues;
  for (let round = 0; round < 4; round++) {
    for (const issue of current) {
      const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
      if (path.length === 0 || path[0] === 'blocks' || path[0] === 'edges') return null;
      let parent: unknown = doc;
      for (const seg of path.slice(0, -1)) parent = isObject(parent) || Array.isArray(parent) ? (parent as Record<string | number, unknown>)[seg] : undefined;
      const last = path[path.length - 1];
      const at = jsonPath(path);
      const value = isObject(parent) || Array.isArray(parent) ? (parent as Record<string | number, unknown>)[last] : undefined;
      // A text first becomes a placeholder when it is a list entry, or when leaving the field out did not do.
      const asText = typeof value === 'string' || value === undefined || issue.expected === 'string';
      if (Array.isArray(parent) && typeof last === 'number' && asText) parent[last] = `salvaged${paths.size}x${round}`;
      else if (isObject(parent) && !tried.has(at)) delete parent[last];
      else if (isObject(parent) && asText) parent[last] = `salvaged${paths.size}x${round}`;
      else return null;
      tried.add(at);
      paths.add(at);
    }
    const again = flowSchema.safeParse(doc);
    if (again.success) return { data: again.data, paths: [...paths] };
    current = again.error.issues as unknown as LooseIssue[];
  }
  return null;
}

function validateDocument(doc: unknown): FlowValidation {
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

  const blocksAreList = Array.isArray(raw.blocks);
  const edgesAreList = raw.edges === undefined || Array.isArray(raw.edges);
  const rawBlocks: unknown[] = blocksAreList ? (raw.blocks as unknown[]) : [];
  const rawEdges: unknown[] = Array.isArray(raw.edges) ? raw.edges : [];

  /*
   * A document whose blocks are not frozen (the CLI, a file being opened) is first parsed whole: zod's
   * compiled fast path reads a valid 1,000-block flow several times faster than block by block. Frozen
   * documents (the studio) and documents with errors are read part by part, so every problem is found and
   * unchanged blocks come from the cache.
   */
  const wholeFirst = blocksAreList && !Object.isFrozen(raw.blocks) ? flowSchema.safeParse(input) : null;
  const whole = wholeFirst?.success ? wholeFirst.data : null;

  /* the document without its blocks and edges (they are read one by one below) */
  const restInput = { ...input, blocks: blocksAreList ? [] : input.blocks, edges: edgesAreList ? [] : input.edges };
  const rest = whole ? ({ success: true, data: whole } as const) : flowSchema.safeParse(restInput);
  if (!rest.success) for (const issue of rest.error.issues as unknown as LooseIssue[]) report.problems.push(zodIssueToProblem(issue, raw));
  // Session 25 (newcomer s24 #5): a schema error in the settings or the policy (an empty urgency phrase) stopped every
  // check of the whole flow, so a file was refused with that one error and the others showed only once it was fixed.
  // The rest is read again with the refused values stood in for, and checked; the flow still fails (`flow` is null).
  const salvaged = rest.success ? null : salvageRest(restInput, rest.error.issues as unknown as LooseIssue[]);
  const restData: Flow | null = rest.success ? rest.data : (salvaged?.data ?? null);
  const afterParse = report.problems.length;
  // The flow id becomes the chat address and file names: one rule everywhere (shared/flow/flowId.ts).
  const idProblem = typeof raw.id === 'string' && raw.id !== '' ? flowIdProblem(raw.id) : null;
  if (idProblem) report.error('flow_id_invalid', ['id'], null, idProblem, 'Change the flow id in Flow settings > General (or "id" in the file) to letters, digits, - and _.');
  const topUnknown: UnknownKey[] = [];
  walkKeys({ ...input, blocks: [], edges: [] }, flowSchema, [], topUnknown);
  for (const u of topUnknown) reportUnknownKey(report, u, [], raw, null);

  /* blocks */
  let allBlocksParsed = blocksAreList;
  const blocks: LooseBlock[] = rawBlocks.map((b, index) => {
    if (whole) {
      const o = b as Doc;
      const unknown: UnknownKey[] = [];
      walkKeys(o, blockSchemasByKind[whole.blocks[index].kind] as z.ZodType, [], unknown);
      for (const u of unknown) reportUnknownKey(report, u, ['blocks', index], raw, whole.blocks[index].id);
      return { index, id: str(o.id), kind: whole.blocks[index].kind, block: whole.blocks[index] };
    }
    const r = readBlock(b);
    if (r.kindProblem) report.error(r.kindProblem.code, ['blocks', index, 'kind'], r.id, r.kindProblem.message, r.kindProblem.hint);
    for (const issue of r.issues) report.problems.push(zodIssueToProblem({ ...issue, path: ['blocks', index, ...issue.path] }, raw));
    for (const u of r.unknown) reportUnknownKey(report, u, ['blocks', index], raw, r.id);
    if (!r.block) allBlocksParsed = false;
    return { index, id: r.id, kind: r.kind, block: r.block };
  });

  /* edges */
  let allEdgesParsed = edgesAreList;
  const parsedEdges: Edge[] = [];
  const edges: LooseEdge[] = rawEdges.map((e, index) => {
    if (whole) {
      const edge = whole.edges[index];
      parsedEdges.push(edge);
      const unknown: UnknownKey[] = [];
      walkKeys(e, edgeSchema, [], unknown);
      for (const u of unknown) reportUnknownKey(report, u, ['edges', index], raw, null);
      return { index, id: str(edge.id), from: str(edge.from), exit: str(edge.exit), to: str(edge.to) };
    }
    const r = readEdge(e);
    if (r.edge) parsedEdges.push(r.edge);
    else {
      allEdgesParsed = false;
      for (const issue of r.issues) report.problems.push(zodIssueToProblem({ ...issue, path: ['edges', index, ...issue.path] }, raw));
    }
    for (const u of r.unknown) reportUnknownKey(report, u, ['edges', index], raw, null);
    return { index, id: r.id, from: r.from, exit: r.exit, to: r.to };
  });

  const flow: Flow | null = whole
    ? whole
    : rest.success && allBlocksParsed && allEdgesParsed
      ? { ...rest.data, blocks: blocks.map((b) => b.block!), edges: parsedEdges }
      : null;

  const byId = checkBlockIds(report, blocks);
  checkStart(report, blocks);
  if (restData) {
    checkTimeZone(report, restData);
    checkHoursZones(report, restData, blocks);
    checkLanguage(report, restData);
    checkClosedCourtesyLanguage(report, restData);
    checkShopQuestionLanguage(report, restData);
  }

  // The graph checks (edges, loops, reachability) give the same answer as last time when the edges are
  // the same frozen list and no block's id, kind, exits or jump target changed (a text edit, a move).
  const complete = rest.success && allBlocksParsed && allEdgesParsed && Array.isArray(raw.edges) && Object.isFrozen(raw.edges);
  const skeleton = complete ? skeletonOf(blocks) : null;
  const targetId = restData ? restData.escalation.targetBlockId : null;
  const memo = skeleton && lastGraph && lastGraph.edgesRef === raw.edges && lastGraph.targetId === targetId && sameSkeleton(lastGraph.skeleton, skeleton) ? lastGraph : null;

  let mark = report.problems.length;
  const wired = memo ? memo.wired : checkEdges(report, edges, byId);
  const edgeProblems = memo ? memo.edgeProblems : report.problems.slice(mark);
  if (memo) report.problems.push(...memo.edgeProblems);
  const ctx: FlowContext = {
    hasBlock: (id) => byId.has(id),
    kindOf: (id) => byId.get(id)?.kind ?? undefined,
    isWired: (blockId, exit) => wired.get(blockId)?.has(exit) === true,
    isValidTimeZone,
    nameBlock,
  };
  for (const lb of blocks) if (lb.block) checkBlock(report, lb.block, lb.index, ctx);

  /* whole-flow checks, on every part that parsed */
  const parsedBlocks = blocks.filter((b) => b.block !== null).map((b) => b.block!);
  const partial = {
    blocks: parsedBlocks,
    edges: parsedEdges,
    variables: restData ? restData.variables : [],
    settings: restData ? restData.settings : null,
    escalation: restData ? restData.escalation : null,
  };
  let graphProblems: FlowProblem[];
  if (memo) {
    graphProblems = memo.graphProblems;
    report.problems.push(...graphProblems);
  } else {
    mark = report.problems.length;
    const next = successors(partial);
    checkLoops(report, partial, next);
    if (restData && allBlocksParsed && allEdgesParsed) checkReachability(report, { ...restData, blocks: parsedBlocks, edges: parsedEdges }, next);
    graphProblems = report.problems.slice(mark);
  }
  if (skeleton) lastGraph = { edgesRef: raw.edges as object, targetId, skeleton, wired, edgeProblems, graphProblems };
  if (restData) {
    const whole = { ...restData, blocks: parsedBlocks, edges: parsedEdges };
    checkVariables(report, whole, allBlocksParsed);
    // Session 47 (apisec2): a rule on who serves the chat or how fast that any visitor can trigger from the page.
    if (allBlocksParsed && allEdgesParsed) for (const p of pageVariableRuleProblems(whole)) report.warning(p.code, p.path, p.blockId, p.message, p.hint);
    const rawPolicy = raw.escalation;
    checkEscalation(report, whole, byId, !salvaged && isObject(rawPolicy) && Object.isFrozen(rawPolicy) ? rawPolicy : null);
    checkDirectionControls(report, whole);
  }
  // What is said about a stood-in value (or anything inside it) is dropped: the schema's error names it already.
  if (salvaged) {
    const kept = report.problems.filter((p, i) => i < afterParse || !salvaged.paths.some((at) => p.path === at || p.path.startsWith(at + '.') || p.path.startsWith(at + '[')));
    report.problems.splice(0, report.problems.length, ...kept);
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
    // An id is printed by the CLI, in logs and in problem lines: control characters in it could clear a terminal
    // or forge a line (hostile s9 #3), and nobody types them on purpose.
    if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(lb.id)) {
      report.error(
        'block_id_control_characters',
        ['blocks', lb.index, 'id'],
        null,
        `Block number ${lb.index + 1} has an id with control or text-direction characters (${JSON.stringify(lb.id).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}).`,
        'Rename the block with letters, digits, spaces, - and _ (and update the edges and jumps that name it).',
      );
    }
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
  const starts = blocks.filter((b) => isBlockKind(b.kind) && blockDefinitions[b.kind].isEntry);
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

/** How a message names an edge. */
const edgeName = (e: LooseEdge) => (e.id ? `Edge '${e.id}'` : `Edge number ${e.index + 1}`);

/** Reports edge problems and returns, per block id, its wired exits (exit -> first edge). */
function checkEdges(report: Report, edges: LooseEdge[], byId: Map<string, LooseBlock>): Map<string, Map<string, LooseEdge>> {
  const edgeIds = new Set<string>();
  const wired = new Map<string, Map<string, LooseEdge>>();
  const exitSets = new Map<Block, ReadonlySet<string>>();
  for (const e of edges) {
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
        `${edgeName(e)} starts at block '${e.from}', which does not exist.`,
        'Delete the edge, or change "from" to the id of an existing block.',
      );
    }
    if (e.to !== null && !to) {
      report.error(
        'dangling_edge',
        ['edges', e.index, 'to'],
        from?.id ?? null,
        `${edgeName(e)} leads to block '${e.to}', which does not exist.`,
        'Reconnect the edge to an existing block, or delete it.',
      );
    }
    if (from?.block && e.exit !== null) {
      let exits = blockFacts.get(from.block)?.exitSet ?? exitSets.get(from.block);
      if (!exits) exitSets.set(from.block, (exits = new Set(exitsOf(from.block))));
      if (!exits.has(e.exit)) {
        report.error(
          'unknown_exit',
          ['edges', e.index, 'exit'],
          from.id,
          `${edgeName(e)} leaves ${nameBlock(from.id, from.kind).replace(/^Block/, 'block')} by exit '${e.exit}', which that block does not have.`,
          exits.size === 0
            ? `${blockDefinitions[from.block.kind].label} blocks have no exits; delete this edge.`
            : `Use one of its exits: ${quoteList([...exits])}.`,
        );
      }
    }
    if (e.from !== null && e.exit !== null) {
      let out = wired.get(e.from);
      if (!out) wired.set(e.from, (out = new Map()));
      const first = out.get(e.exit);
      if (first) {
        report.error(
          'duplicate_exit_edge',
          ['edges', e.index],
          from?.id ?? null,
          `Block '${e.from}' has two edges on its '${e.exit}' exit (${first.id ? `'${first.id}'` : `edge number ${first.index + 1}`} and ${e.id ? `'${e.id}'` : `edge number ${e.index + 1}`}); the bot can only follow one.`,
          'Delete one of the two edges.',
        );
      } else out.set(e.exit, e);
    }
  }
  return wired;
}

/** Required exits, then the kind's own checks (problems cached with the block when it is frozen). */
function checkBlock(report: Report, b: Block, index: number, ctx: FlowContext) {
  const def = blockDefinitions[b.kind];
  const facts = factsOf(b, ctx);
  const exits = facts.exits;
  for (const exit of facts.required) {
    if (ctx.isWired(b.id, exit)) continue;
    const who = nameBlock(b.id, b.kind);
    const special = def.unwiredExit?.(b as never, exit, who);
    const before = report.problems.length;
    if (special) (special.severity === 'warning' ? report.warning : report.error).call(report, special.code, ['blocks', index], b.id, special.message, special.hint);
    else if (exit === 'next' && exits.length === 1 && !def.isEntry) {
      // Kinds that simply continue: without that edge the customer is left hanging.
      report.error(
        'dead_end',
        ['blocks', index],
        b.id,
        `${who} has no next block, so the conversation stops there without ending properly.`,
        'Connect its exit to the next block, or to an End block if the conversation is over.',
      );
    } else {
      const described = def.describeExit ? def.describeExit(b as never, exit) : `its '${exit}' exit`;
      report.error(
        'unwired_exit',
        ['blocks', index],
        b.id,
        `${who} has nothing connected to ${described}; a customer who goes that way would reach a dead end.`,
        `Connect the '${exit}' exit to the block that should come next.`,
      );
    }
    // Session 44 (studio7): which exit, for the studio's "Add an End block" (it read the hint, which the studio rewords).
    if (report.problems.length > before) report.problems[report.problems.length - 1].exit = exit;
  }
  if (facts.own) {
    for (const p of facts.own) {
      const path = ['blocks', index, ...p.path];
      if (p.severity === 'error') report.error(p.code, path, b.id, p.message, p.hint);
      else report.warning(p.code, path, b.id, p.message, p.hint);
    }
  }
}

/* ------------------------------------------------------------------ whole-flow checks */

type PartialFlow = Pick<Flow, 'blocks' | 'edges'> & { escalation?: Flow['escalation'] | null };

function checkReachability(report: Report, flow: Flow, next: Map<string, string[]>) {
  if (!flow.blocks.some((b) => blockDefinitions[b.kind].isEntry)) return; // 'no_start' already says it
  const reachable = reachableBlocks(flow, next);
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

/** How many of a loop's blocks its error names (the rest are counted). */
const LOOP_NAMES_SHOWN = 8;

function checkLoops(report: Report, flow: PartialFlow, next: Map<string, string[]>) {
  const indexOf = new Map<string, number>();
  flow.blocks.forEach((b, i) => {
    if (!indexOf.has(b.id)) indexOf.set(b.id, i);
  });
  for (const cycle of cyclesWithoutWait(flow, next)) {
    // Hostile s17 H#10: a 10,000-block cycle named every block in one 89 KB line; the first few and the count say it.
    const names = cycle.slice(0, LOOP_NAMES_SHOWN).map((id) => `'${id}'`);
    const more = cycle.length - names.length;
    const list =
      cycle.length === 1 ? `${names[0]} leads back to itself` : more > 0 ? `${names.join(', ')} and ${more.toLocaleString('en-US')} more form a loop` : `${names.join(', ')} form a loop`;
    report.error(
      'loop_without_wait',
      ['blocks', indexOf.get(cycle[0])!],
      cycle[0],
      `Blocks ${list} in which the bot never waits for the customer; a conversation that gets there would run forever.`,
      'Put a block that waits for the customer (Question, Buttons, an intent or keyword router...) inside the loop, or send one of its edges elsewhere.',
    );
  }
  checkHttpErrorLoops(report, flow, next, indexOf);
}

/**
 * A loop whose only "wait" is an HTTP request taking its `error` exit: when the API is down the bot calls it
 * again and again without the customer saying anything (the engine stops such a conversation after
 * MAX_HTTP_CALLS_PER_TURN calls, but the design is still a mistake). Warned once per HTTP request block.
 */
function checkHttpErrorLoops(report: Report, flow: PartialFlow, next: Map<string, string[]>, indexOf: Map<string, number>) {
  // Blocks that wait for an outside call rather than the customer: they wait and have an `error` exit (HTTP request).
  const https = flow.blocks.filter((b) => blockDefinitions[b.kind].waitsForCustomer && exitsOf(b).includes('error'));
  if (https.length === 0) return;
  const passive = new Set<string>();
  for (const b of flow.blocks) if (!blockDefinitions[b.kind].waitsForCustomer) passive.add(b.id);
  const reported = new Set<string>();
  for (const h of https) {
    if (reported.has(h.id)) continue;
    const starts = flow.edges.filter((e) => e.from === h.id && e.exit === 'error').map((e) => e.to);
    // Walk through blocks that never wait (and other HTTP blocks' error exits) looking for the way back to h.
    const seen = new Set<string>();
    const stack = [...starts];
    let back = false;
    while (stack.length > 0 && !back) {
      const id = stack.pop()!;
      if (id === h.id) back = true;
      else if (!seen.has(id)) {
        seen.add(id);
        if (passive.has(id)) stack.push(...(next.get(id) ?? []));
        else if (https.some((o) => o.id === id)) for (const e of flow.edges) if (e.from === id && e.exit === 'error') stack.push(e.to);
      }
    }
    if (!back) continue;
    reported.add(h.id);
    report.warning(
      'http_error_loop',
      ['blocks', indexOf.get(h.id)!],
      h.id,
      `The error exit of ${nameBlock(h.id, h.kind)} leads back to that block without waiting for the customer: while the API fails, the bot would call it again and again (Baton stops the conversation after ${MAX_HTTP_CALLS_PER_TURN} calls without a customer message).`,
      'Send the error exit to a message or a question (e.g. "Our system is down, try again later"), or count the attempts in a variable and leave the loop with a Condition after a few.',
    );
  }
}

/** Where in a block's data the variable name 'secrets' is written (the first string field equal to it), for the problem's path. */
function secretsPathIn(data: unknown, path: Array<string | number> = []): Array<string | number> {
  if (data === null || typeof data !== 'object') return [];
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (v === 'secrets' && (k === 'variable' || k === 'name' || k === 'saveAs')) return [...path, Array.isArray(data) ? Number(k) : k];
    if (v && typeof v === 'object') {
      const inner = secretsPathIn(v, [...path, Array.isArray(data) ? Number(k) : k]);
      if (inner.length > 0) return inner;
    }
  }
  return [];
}

/** Names that would reach object internals in a plain JavaScript object of variables. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Variables: declarations (duplicates, defaults of the declared type, reserved names) and every use of an unknown name. */
function checkVariables(report: Report, flow: Flow, allBlocksParsed: boolean) {
  const reserved = (path: Path, blockId: string | null, where: string, name: string) =>
    report.error(
      'reserved_variable_name',
      path,
      blockId,
      `${where} uses the name '${name}', which is reserved: it names an internal part of every JavaScript object, so the bot never stores it.`,
      `Choose another name, e.g. '${name.replace(/_/g, '')}Value'.`,
    );
  // Session 50 (studio18, hostile s49 L5): a variable named `secrets` (an HTTP reply saved into it, a Question's answer)
  // collides with {{secrets.NAME}}, the studio's secrets: templates would never show it, and a reader cannot tell the
  // two apart.
  const secretsName = (path: Path, blockId: string | null, where: string) =>
    report.error(
      'secrets_variable_name',
      path,
      blockId,
      `${where} uses the variable name 'secrets', which is the name of the flow's secrets ({{secrets.NAME}}): the value saved there could never be shown or read as a variable.`,
      "Choose another name, e.g. 'apiSecrets' or what the value is ('orderStatus').",
    );
  const known = new Set<string>(builtinVariableNames);
  const declared = new Set<string>();
  flow.variables.forEach((v, i) => {
    if (declared.has(v.name)) {
      report.warning('duplicate_variable', ['variables', i, 'name'], null, `The variable '${v.name}' is declared twice.`, 'Delete one of the two declarations.');
    }
    declared.add(v.name);
    known.add(v.name);
    if (RESERVED_NAMES.has(v.name)) reserved(['variables', i, 'name'], null, `The variable '${v.name}'`, v.name);
    if (v.name === 'secrets') secretsName(['variables', i, 'name'], null, 'The variable list');
    if (v.default === undefined || v.default === null) return;
    const bad =
      v.type === 'number'
        ? typeof v.default !== 'number' || !Number.isFinite(v.default)
          ? 'is not a number'
          : null
        : v.type === 'boolean'
          ? typeof v.default !== 'boolean'
            ? 'is not true or false'
            : null
          : v.type === 'date'
            ? typeof v.default !== 'string'
              ? 'is not a date'
              : dateTimeProblem(v.default)
            : null;
    if (bad) {
      report.error(
        'bad_variable_default',
        ['variables', i, 'default'],
        null,
        `The ${v.type} variable '${v.name}' has the default ${JSON.stringify(v.default)}, which ${bad.startsWith('is') ? bad : `is not a valid date (${bad})`}.`,
        v.type === 'number'
          ? 'Write the default as a number without quotes, e.g. 0.'
          : v.type === 'boolean'
            ? 'Write the default as true or false, without quotes.'
            : 'Write the default as a date that exists, YYYY-MM-DD (or YYYY-MM-DDTHH:MM).',
      );
    }
  });
  flow.blocks.forEach((b, i) => {
    for (const name of blockFacts.get(b)?.writes ?? blockDefinitions[b.kind].variablesWritten(b as never)) {
      known.add(name);
      if (RESERVED_NAMES.has(name)) reserved(['blocks', i, 'data'], b.id, nameBlock(b.id, b.kind), name);
      if (name === 'secrets') secretsName(['blocks', i, 'data', ...secretsPathIn(b.data)], b.id, nameBlock(b.id, b.kind));
    }
  });
  // A block that did not parse may set the variable another block uses: no false alarms on a half-read flow.
  if (!allBlocksParsed) return;
  let knownList: string[] | null = null;

  const unknown = (path: Path, blockId: string | null, where: string, name: string, asTemplate: boolean) => {
    knownList ??= [...known];
    const guess = didYouMean(name, knownList);
    report.error(
      'unknown_variable',
      path,
      blockId,
      `${where} uses ${asTemplate ? `{{${name}}}` : `the variable '${name}'`}, but no variable has that name.`,
      `${guess ? `Did you mean '${guess}'? Otherwise d` : 'D'}eclare '${name}' under Variables, or set it with a Question, Buttons or Set variable block.`,
    );
  };
  const isKnown = (name: string) => known.has(name) || name.startsWith('secrets.');
  // Hostile s14 H#23: the runtime fills {{secrets.NAME}} only in an HTTP request's url, headers and body and a Notify
  // block's recipients (shared/engine/secrets.ts); anywhere else it renders nothing ("Hi {{secrets.API_KEY}}" is sent
  // as "Hi "), which validated as fine.
  const secretShowsNothing = (path: Path, blockId: string | null, where: string, name: string) =>
    report.warning(
      'secret_in_text',
      path,
      blockId,
      `${where} uses {{${name}}}, but secrets are filled in only in an HTTP request's URL, headers and body and a Notify block's recipients: here it shows nothing.`,
      'Remove it, or use a variable (a secret must never be shown to customers or agents).',
    );

  flow.blocks.forEach((b, i) => {
    for (const use of blockFacts.get(b)?.reads ?? blockDefinitions[b.kind].variablesRead(b as never)) {
      if (!isKnown(use.name)) unknown(['blocks', i, ...use.path], b.id, nameBlock(b.id, b.kind), use.name, use.template);
    }
    // Variables' reads leave secrets out (templateVariables): every string of the block's data is looked at instead.
    forEachSecret(b.data, ['data'], (path, name) => {
      if (!fillsSecrets(b.kind, path)) secretShowsNothing(['blocks', i, ...path], b.id, nameBlock(b.id, b.kind), name);
    });
  });

  // Hostile s16 H#5: secretHiddenMessage is a template too (customerSecrets.tellSecretHidden, session 17).
  const settingWords = { fallbackMessage: 'fallback', restartMessage: 'restart', secretHiddenMessage: 'hidden-secret', closedCourtesyMessage: 'after-the-end courtesy', shopQuestionMessage: 'unanswered-question' } as const;
  for (const key of ['fallbackMessage', 'restartMessage', 'secretHiddenMessage', 'closedCourtesyMessage', 'shopQuestionMessage'] as const) {
    const text = flow.settings[key] ?? '';
    if (!text.includes('{{')) continue;
    for (const m of text.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g)) {
      const where = `The flow's ${settingWords[key]} message`;
      if (!isKnown(m[1])) unknown(['settings', key], null, where, m[1], true);
      else if (m[1].startsWith('secrets.')) secretShowsNothing(['settings', key], null, where, m[1]);
    }
  }

  const checkRules = (rules: Rule[], base: Path, where: string) =>
    rules.forEach((r, k) => {
      if (!isKnown(r.variable)) unknown([...base, k, 'variable'], null, where, r.variable, false);
    });
  checkRules(flow.escalation.urgency.rules, ['escalation', 'urgency', 'rules'], 'An urgency rule of the escalation policy');
  checkRules(flow.escalation.hotLead.rules.rules, ['escalation', 'hotLead', 'rules', 'rules'], 'A hot-lead rule of the escalation policy');
  checkVariableGaps(report, flow, isKnown);
}

/**
 * Session 15 (newcomer s15 N#13): a text showing a variable that some way to the block never sets ("quoting booking ."
 * in Skyline Air's no-agent message, while the studio said "No problems"). The way is written out (variableProblems.ts).
 */
function checkVariableGaps(report: Report, flow: Flow, isKnown: (name: string) => boolean) {
  const facts = (b: Block) => blockFacts.get(b) ?? { reads: blockDefinitions[b.kind].variablesRead(b as never), writes: blockDefinitions[b.kind].variablesWritten(b as never) };
  const { gaps, omitted } = variableGapReport(flow, facts);
  for (const gap of gaps) {
    const name = gap.use.name;
    if (!isKnown(name)) continue; // already an unknown_variable error
    const b = flow.blocks[gap.index];
    const field = gap.use.path.filter((p) => typeof p === 'string' && p !== 'data').join(' ');
    report.warning(
      'variable_maybe_unset',
      ['blocks', gap.index, ...gap.use.path],
      b.id,
      `${nameBlock(b.id, b.kind)} uses {{${name}}}${field ? ` in its ${field}` : ''}, but the conversation can get here without '${name}' being set, and then it shows nothing there (a sentence with a hole, like "quoting booking ."). One way: ${describeWay(gap)}.`,
      `Set '${name}' on that way too, put a Condition '${name} is set' before this block (with a text without it on the false exit), or reword the text so it reads well without it.`,
    );
  }
  // Hostile s16 H#15: at most 3 variables per block and 1,000 in all are listed; the rest is said once.
  if (omitted > 0)
    report.warning(
      'variable_maybe_unset',
      ['blocks'],
      null,
      `${omitted.toLocaleString('en-US')} more texts use a variable the conversation can get there without (not listed one by one: at most 3 per block and 1,000 in all are).`,
      'Fix the ones listed and validate again: the next ones are listed then.',
    );
}

/**
 * The too-broad hint in the studio's words (newcomer s8 #1): the field is labelled "Never trigger" (not the JSON key
 * neverTrigger), a word listed there silences every reason, and the example fits the list the phrase is in.
 */
function vocabularyHint(path: ReadonlyArray<string | number>, hint: string): string {
  if (!path.includes('phrases')) return hint;
  const example =
    path[1] === 'explicitRequest'
      ? 'e.g. "speak to someone" rather than "someone"'
      : path[1] === 'urgency'
        ? 'e.g. "flight leaves in an hour" rather than "flight"'
        : path[1] === 'negativeSentiment'
          ? 'e.g. "fed up" rather than "fed"'
          : 'e.g. "charged twice" rather than "charged"';
  return `Make the phrase more specific (add the words that make it a case, ${example}), or list the harmless word under Never trigger (it is then ignored by every reason and topic).`;
}

const normalisePhrase = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The policy's phrase lists (each reason's, each sensitive topic's), with their JSON path and their name in a message. */
function policyPhraseLists(esc: Flow['escalation']): { path: (string | number)[]; where: string; phrases: readonly string[] }[] {
  return [
    { path: ['escalation', 'explicitRequest', 'phrases'], where: 'explicit requests', phrases: esc.explicitRequest.phrases ?? [] },
    { path: ['escalation', 'negativeSentiment', 'phrases'], where: 'negative sentiment', phrases: esc.negativeSentiment.phrases ?? [] },
    { path: ['escalation', 'urgency', 'phrases'], where: 'urgency', phrases: esc.urgency.phrases ?? [] },
    ...esc.sensitiveTopics.topics.map((t, k) => ({ path: ['escalation', 'sensitiveTopics', 'topics', k, 'phrases'], where: `the sensitive topic "${t.name}"`, phrases: t.phrases ?? [] })),
  ];
}

/** A phrase of the policy that a Never-trigger entry takes away, and where it is. */
interface HiddenPhrase {
  phrase: string;
  where: string;
  same: boolean;
}

/**
 * For each Never-trigger entry (by index), the policy's phrases it is or is part of: the entry is taken out of every
 * message before any detector reads it, so those phrases can never fire (newcomer s8 #19). Each phrase is normalised
 * once (a policy at its limits is 200 entries by 800 phrases).
 */
function neverTriggerHides(esc: Flow['escalation']): Map<number, HiddenPhrase[]> {
  const out = new Map<number, HiddenPhrase[]>();
  const never = esc.neverTrigger.map((w, i) => ({ i, n: normalisePhrase(w) })).filter((x) => x.n !== '');
  if (never.length === 0) return out;
  const phrases = policyPhraseLists(esc).flatMap((list) => list.phrases.map((p) => ({ phrase: p, where: list.where, n: normalisePhrase(p), spaced: ` ${normalisePhrase(p)} ` })));
  for (const nt of never) {
    const needle = ` ${nt.n} `;
    const hits: HiddenPhrase[] = [];
    for (const p of phrases) if (p.spaced.includes(needle)) hits.push({ phrase: p.phrase, where: p.where, same: p.n === nt.n });
    if (hits.length > 0) out.set(nt.i, hits);
  }
  return out;
}

/** "the phrase "x" of urgency" (+ ", and 3 more phrases of the policy"). */
function hiddenWords(hits: readonly HiddenPhrase[]): string {
  const [first] = hits;
  const one = first.same ? `a phrase of ${first.where}` : `part of the phrase "${first.phrase}" of ${first.where}`;
  const more = hits.length - 1;
  return more === 0 ? one : `${one} (and of ${more} more phrase${more === 1 ? '' : 's'} of the policy)`;
}

/**
 * A Never-trigger word that is also (part of) a phrase of a reason or topic of the same policy: one warning per entry
 * (session 25, newcomer s24 #6: an entry was warned about once per list it hid a phrase in, and a second time by the
 * vocabulary check, in other words). An entry of one letter gets the one-letter warning, which names the phrases too.
 */
function checkNeverTriggerOverlap(report: Report, esc: Flow['escalation'], hides: Map<number, HiddenPhrase[]>, oneLetter: ReadonlySet<number>) {
  for (const [i, hits] of hides) {
    if (oneLetter.has(i)) continue;
    const w = esc.neverTrigger[i];
    report.warning(
      'never_trigger_hides_phrase',
      ['escalation', 'neverTrigger', i],
      null,
      `"${w}" is under Never trigger and is ${hiddenWords(hits)}: Never trigger takes it out of every message first, so ${hits.length === 1 ? 'that phrase' : 'those phrases'} can never fire.`,
      `Never trigger applies to every reason and topic. Remove "${w}" from it, or list a longer harmless phrase instead (e.g. the product name it is part of).`,
    );
  }
}

/**
 * Whether a reason's or topic's phrase has a word as the matchers read it (learnedSignals / detectSensitiveTopic:
 * normalised, then canonical tokens). Remembered per phrase: the studio validates after every edit, and reading a full
 * policy (1,000 entries) costs ~9 ms.
 */
const hasWordsMemo = new Map<string, boolean>();
function phraseHasWords(p: string): boolean {
  let has = hasWordsMemo.get(p);
  if (has === undefined) {
    has = canonicalizeText(normalizeText(p)).some((w) => w !== '');
    if (hasWordsMemo.size >= 5000) hasWordsMemo.clear();
    hasWordsMemo.set(p, has);
  }
  return has;
}
/** The words a Never-trigger entry removes (shared/escalation/neverTrigger.ts: letters, digits, marks; accents dropped). */
const neverTriggerWords = (p: string) =>
  [...p.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => m[0].normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()).filter((w) => w !== '');
/**
 * A designer's entry quoted for a problem line: at most 40 characters (quoteShort) between plain double quotes, with
 * invisible format characters (zero-width, direction marks, BOM) and control characters (a line break, a tab) written as
 * \u escapes, so a problem never quotes a blank or breaks its line. Everything else is shown as typed (a quote or a
 * backslash in the entry is not escaped: the line is read by a person, not parsed). Session 25 (review of session 24):
 * this was JSON.stringify's quoting with its escaping of the \u escapes undone afterwards.
 */
const shown = (t: string) => `"${quoteShort(t).replace(/[\p{Cf}\p{Cc}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)}"`;

/**
 * Session 24 (hostile s23 #3, #4): policy entries that can never work or catch far too much, which validate took.
 * - A phrase or Never-trigger entry with no word in it as the matchers read them (only punctuation, spaces or emoji:
 *   "!!!", "...", "😡") is an ERROR: it can never match a message, so the designer's intent is silently lost, as with
 *   an empty entry (which the schema refuses in every list). Fixing it is one edit: write the words, or delete it.
 * - A Never-trigger entry of one letter or digit ("a", "I", "x") is a WARNING: it works as written, but takes that
 *   word out of every customer message ("I want a person" is read as "want person"); a product called "X" is
 *   possible, so it is not refused.
 * - Two sensitive topics with the same name (case and spaces aside) is a WARNING: both still fire on their phrases,
 *   but the agent's handoff summary, the inbox and the reports name a topic by its name, so nobody can tell which one
 *   fired; usually one is a copy of the other.
 */
function checkPolicyEntries(report: Report, esc: Flow['escalation'], hides: Map<number, HiddenPhrase[]>, oneLetter: Set<number>) {
  for (const list of policyPhraseLists(esc)) {
    // Session 42 (studio3, hostile s25 #11): a phrase listed twice in one list (case, spaces and punctuation aside: the
    // matchers read words) got no word; the later copy is warned about, naming the first.
    const firstOf = new Map<string, number>();
    list.phrases.forEach((p, i) => {
      const key = normalisePhrase(p.normalize('NFKC').replace(/\p{Cf}/gu, ''));
      if (key === '') return;
      const first = firstOf.get(key);
      if (first === undefined) {
        firstOf.set(key, i);
        return;
      }
      const earlier = list.phrases[first];
      report.warning(
        'duplicate_phrase',
        [...list.path, i],
        null,
        `The phrase ${shown(p)} of ${list.where} is there twice (phrases ${first + 1} and ${i + 1}${earlier === p ? '' : `, ${shown(earlier)}: the same words, as the phrases are matched on words, case and punctuation aside`}): the copy adds nothing.`,
        'Delete one of the two.',
      );
    });
    list.phrases.forEach((p, i) => {
      if (p === '' || phraseHasWords(p)) return; // empty: the schema's own error
      report.error(
        'policy_phrase_no_words',
        [...list.path, i],
        null,
        `The phrase ${shown(p)} of ${list.where} has no letter or digit, so it can never match a message: phrases are matched on words, and punctuation, spaces and emoji are not read.`,
        'Write the words it stands for (e.g. "urgent" rather than "!!!"), or delete it.',
      );
    });
  }
  (esc.neverTrigger ?? []).forEach((w, i) => {
    if (w === '') return;
    const words = neverTriggerWords(w);
    if (words.length === 0) {
      report.error(
        'never_trigger_no_words',
        ['escalation', 'neverTrigger', i],
        null,
        `The Never trigger entry ${shown(w)} has no letter or digit, so it never takes anything out of a message: entries are matched on words, and punctuation, spaces and emoji are not read.`,
        'Write the harmless word or product name it stands for (e.g. "Rage Red"), or delete it.',
      );
    } else if (words.length === 1 && [...words[0]].length === 1) {
      oneLetter.add(i);
      const hits = hides.get(i);
      report.warning(
        'never_trigger_one_letter',
        ['escalation', 'neverTrigger', i],
        null,
        `The Never trigger entry ${shown(w)} is the one-character word "${words[0]}": it is taken out of every customer message wherever it stands alone as a word (e.g. "plan ${words[0]} please" is read as "plan please"), before any reason or topic reads it.${
          hits ? ` It is also ${hiddenWords(hits)}, so ${hits.length === 1 ? 'that phrase' : 'those phrases'} can never fire.` : ''
        }`,
        `List the longer harmless wording it is part of instead (e.g. "Model ${words[0].toUpperCase()}"), or delete it.`,
      );
    }
  });
  // One warning per name shared (session 25, newcomer s24 #6: three topics with one name got two warnings), on the
  // name of the first copy, naming every topic of that name.
  const byName = new Map<string, number[]>();
  esc.sensitiveTopics.topics.forEach((t, k) => {
    // Session 24 (hostile s24 #7, #8): names that only look alike are alike: compatibility forms (full-width letters),
    // invisible format characters (zero-width, direction marks) and case folding ("Straße" / "STRASSE") aside.
    const key = t.name.normalize('NFKC').replace(/\p{Cf}/gu, '').trim().replace(/\s+/g, ' ').toUpperCase().toLowerCase();
    if (key === '') {
      report.error(
        'topic_name_invisible',
        ['escalation', 'sensitiveTopics', 'topics', k, 'name'],
        null,
        `Sensitive topic ${k + 1}'s name ${shown(t.name)} has no visible character (only zero-width or direction marks): the handoff summary, the inbox and the reports would show it as a blank.`,
        'Give the topic a name people can read, e.g. "refunds".',
      );
      return;
    }
    // Session 42 (studio3, hostile s25 #11): a direction override or embedding (U+202A-U+202E, U+2066-U+2069) shows the
    // name's letters in another order than typed ("\u202Esdnufer" reads "refunds") wherever the name is shown.
    const direction = /[\u202A-\u202E\u2066-\u2069]/u.exec(t.name);
    if (direction) {
      report.warning(
        'topic_name_direction',
        ['escalation', 'sensitiveTopics', 'topics', k, 'name'],
        null,
        `Sensitive topic ${k + 1}'s name ${shown(t.name)} has a hidden direction character (${directionControlName(t.name)}): the handoff summary, the inbox and the reports would show its letters in another order than they were typed.`,
        'Type the name again without it (delete the whole name first: the character cannot be seen).',
      );
    }
    const same = byName.get(key);
    if (same) same.push(k);
    else byName.set(key, [k]);
  });
  for (const ks of byName.values()) {
    if (ks.length < 2) continue;
    const [first, second] = ks;
    const numbers = ks.map((k) => k + 1);
    const named = `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
    const copies = numbers.slice(1);
    const copiesNamed = copies.length === 1 ? `topic ${copies[0]}` : `topics ${copies.slice(0, -1).join(', ')} and ${copies[copies.length - 1]}`;
    report.warning(
      'duplicate_topic_name',
      ['escalation', 'sensitiveTopics', 'topics', second, 'name'],
      null,
      `Sensitive topics ${named} are ${ks.length === 2 ? 'both' : 'all'} called ${shown(esc.sensitiveTopics.topics[second].name.trim())}: each still fires on its own phrases, but the handoff summary, the inbox and the reports name a topic by its name, so nobody can tell which one fired.`,
      `Merge them (move the phrases, intents and examples of ${copiesNamed} into topic ${first + 1} and delete ${copies.length === 1 ? 'it' : 'them'}), or give ${copiesNamed} a name of ${copies.length === 1 ? 'its' : 'their'} own.`,
    );
  }
}

/**
 * Session 43 (studio6, newcomer s43 N1): a direction override, embedding or isolate anywhere in the flow's stored text
 * (a Message, a button label, an escalation phrase, a variable's default...) shows its letters in another order than
 * typed ("talk to \u202Ea human" reads "talk to namuh a"); session 42 warned in topic names only. One warning per text,
 * on the block (its inspector and canvas badge) or on the Flow settings field; the studio offers "Remove the hidden
 * direction characters" beside it.
 */
function checkDirectionControls(report: Report, flow: Flow) {
  for (const hit of directionHits(flow)) {
    // Session 44 (ui8, newcomer s44 N5): in the designer's words: "Option 1's label of block "Buttons"", "Flow settings ›
    // Escalation › Explicit request phrase 2", "a hidden direction character (right-to-left override, U+202E)"; the fix
    // names the button beside the warning (it was "(the studio's button of that name does it)").
    const block = hit.blockId !== null ? flow.blocks[hit.path[1] as number] : null;
    const where = directionWhere(hit.path);
    const cap = where.charAt(0).toUpperCase() + where.slice(1);
    const owner = block ? `${cap} of ${nameBlock(block.id, block.kind).replace(/^Block/, 'block')}` : hit.path[0] === 'escalation' || hit.path[0] === 'settings' ? `Flow settings › ${cap}` : `The flow's ${where}`;
    report.warning(
      'text_direction',
      hit.path,
      hit.blockId,
      // Session 45 (studio8, retest-studio s44 #11): "the canvas" left out: since session 44 the studio's canvas draws
      // the text as typed, with the character marked; the customer and the agents still see it reordered.
      `${owner} ${shown(hit.text)} has a hidden direction character (${directionControlName(hit.text)}): the customer and the agents see the letters after it in another order than they were typed.`,
      'In the studio, press “Remove the hidden direction characters” beside this warning; or type the text again without them (the character cannot be seen).',
    );
  }
}

/**
 * Newcomer s8 #33: a flow in another language (settings.language "fr") in graduated mode gave customers the built-in
 * English step sentences and buttons with no word to the designer. Each step text or button label left empty is named,
 * with the English words the customer would get.
 */
function checkGraduatedLanguage(report: Report, flow: Flow) {
  const esc = flow.escalation;
  const language = (flow.settings.language ?? 'en').trim();
  if (esc.enabled === false || esc.mode !== 'graduated' || language === '' || /^en(-|_|$)/i.test(language)) return;
  for (const key of ['rephrase', 'acknowledge', 'offer', 'personButton', 'botButton'] as const) {
    if ((esc.texts?.[key] ?? '').trim() !== '') continue;
    const what = key === 'personButton' || key === 'botButton' ? 'label' : 'sentence';
    report.warning(
      'graduated_text_default_english',
      ['escalation', 'texts', key],
      null,
      `The flow's language is "${quoteShort(language)}", but "${graduatedTextTitles[key]}" is empty, so customers get the built-in English ${what} "${defaultGraduatedTexts[key]}".`,
      `Write it in "${quoteShort(language)}" in Flow settings > Escalation > What the bot says at each step.`,
    );
  }
}

/**
 * Hostile s9 #19: the graduated offer's two buttons (Flow settings > Escalation) must be told apart by the customer and
 * by the engine, which reads a typed answer against the labels (person first): identical labels ("OK | OK"), a label
 * with nothing visible (a zero-width space survives trim()) are errors; a label that reads as the other answer (the
 * person button "No", the bot button "Yes") is a warning: typing "no" would then hand over.
 */
function checkOfferButtons(report: Report, esc: Flow['escalation']) {
  if (esc.enabled === false || esc.mode !== 'graduated') return;
  const fields = { person: 'personButton', bot: 'botButton' } as const;
  for (const which of ['person', 'bot'] as const) {
    const raw = esc.texts?.[fields[which]] ?? '';
    if (raw.trim() !== '' && raw.replace(INVISIBLE, '') === '') {
      report.error(
        'offer_button_invisible',
        ['escalation', 'texts', fields[which]],
        null,
        `"${graduatedTextTitles[fields[which]]}" has no visible character (only spaces, zero-width or direction marks: ${JSON.stringify(raw).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}), so customers see an empty button.`,
        `Write the label in Flow settings > Escalation > What the bot says at each step, or clear the field to use "${defaultGraduatedTexts[fields[which]]}".`,
      );
    }
  }
  const person = offerLabel(esc, 'person');
  const bot = offerLabel(esc, 'bot');
  if (labelKey(person) !== '' && labelKey(person) === labelKey(bot)) {
    report.error(
      'offer_buttons_same_label',
      ['escalation', 'texts', (esc.texts?.botButton ?? '').trim() ? 'botButton' : 'personButton'],
      null,
      `The two buttons of the offer read the same ("${person}" and "${bot}"), so a customer cannot tell "${graduatedTextTitles.personButton}" from "${graduatedTextTitles.botButton}", and typing the label always picks the person.`,
      'Give the two buttons different words in Flow settings > Escalation > What the bot says at each step (e.g. "Talk to a person" and "Keep chatting").',
    );
    return;
  }
  const opposite: [which: 'person' | 'bot', label: string, reads: boolean][] = [
    ['person', person, false],
    ['bot', bot, true],
  ];
  for (const [which, label, reads] of opposite) {
    if (offerAnswer(labelKey(label)) !== reads) continue;
    report.warning(
      'offer_button_reads_opposite',
      ['escalation', 'texts', fields[which]],
      null,
      `"${graduatedTextTitles[fields[which]]}" is "${label}", which reads as ${reads ? 'yes' : 'no'} to "Would you like to talk to a person?": a customer who types "${reads ? 'yes' : 'no'}" gets ${which === 'person' ? 'a person' : 'the bot'}, the opposite of what they said.`,
      `Word it as what the button does (e.g. "${defaultGraduatedTexts[fields[which]]}").`,
    );
  }
}

/**
 * Hostile s9 #8: the policy remembers MEMORY_SIZE earlier questions and sentiments, so a loop count or a sentiment
 * trend longer than that plus the message itself can never fire: a designer who made a reason more lenient ("hand over
 * after 10 askings") had silently switched it off.
 */
function checkMemoryReach(report: Report, esc: Flow['escalation']) {
  const most = MEMORY_SIZE + 1;
  if (esc.enabled === false) return;
  if (esc.loop.enabled !== false && esc.loop.count > most) {
    report.warning(
      'loop_count_never_reached',
      ['escalation', 'loop', 'count'],
      null,
      `A loop is counted over the message and the ${MEMORY_SIZE} questions before it, so a count of ${esc.loop.count} can never be reached: the loop reason never fires.`,
      `Set the count to ${most} or less.`,
    );
  }
  if (esc.negativeSentiment.enabled !== false && esc.negativeSentiment.trendTurns > most) {
    report.warning(
      'trend_turns_never_reached',
      ['escalation', 'negativeSentiment', 'trendTurns'],
      null,
      `A sentiment trend is read over the message and the ${MEMORY_SIZE} before it, so ${esc.negativeSentiment.trendTurns} messages in a row can never be seen: the trend never fires.`,
      `Set the trend length to ${most} or less.`,
    );
  }
}

/**
 * The checks that read the escalation policy alone, remembered per policy object of the document (session 25, hostile
 * s24 #15: a policy of 800 entries took 60-90 ms here, 0.3-0.5 s in the studio's window, on every edit anywhere in the
 * flow). The studio's documents are frozen by immer, which keeps the policy object when an edit is elsewhere; the
 * result is kept only for a frozen policy object, and for the document's own object, never for the parsed copy.
 */
const policyResults = new WeakMap<object, FlowProblem[]>();

function checkPolicy(report: Report, esc: Flow['escalation'], key: object | null) {
  const hit = key ? policyResults.get(key) : undefined;
  if (hit) {
    report.problems.push(...hit);
    return;
  }
  const mark = report.problems.length;
  const patterns = [
    ...rulePatternProblems(esc.urgency.rules, ['escalation', 'urgency', 'rules'], 'An urgency rule of the escalation policy'),
    ...rulePatternProblems(esc.hotLead.rules.rules, ['escalation', 'hotLead', 'rules', 'rules'], 'A hot-lead rule of the escalation policy'),
  ];
  for (const p of patterns) (p.severity === 'warning' ? report.warning : report.error).call(report, p.code, p.path, null, p.message, p.hint);
  // Designer phrases and examples so broad that ordinary questions would be handed over (each phrase's count cached).
  for (const w of escalationVocabularyWarnings(esc)) report.warning('escalation_phrase_too_broad', w.path, null, w.message, vocabularyHint(w.path, w.hint));
  const hides = neverTriggerHides(esc);
  const oneLetter = new Set<number>();
  checkPolicyEntries(report, esc, hides, oneLetter);
  checkNeverTriggerOverlap(report, esc, hides, oneLetter);
  // Session 28 (hostile s28 H2): an entry that silences a plain request for a person (one warning per entry: not one
  // already warned about as hiding a phrase of the policy, or as one letter).
  for (const { index, request } of neverTriggerSilencedRequests(esc)) {
    if (hides.has(index) || oneLetter.has(index)) continue;
    const w = index >= 0 ? esc.neverTrigger[index] : null;
    report.warning(
      'never_trigger_hides_request',
      w !== null ? ['escalation', 'neverTrigger', index] : ['escalation', 'neverTrigger'],
      null,
      `${w !== null ? `"${w}" is under Never trigger and takes` : 'The Never trigger entries together take'} a word out of customers' requests for a person: Never trigger removes ${w !== null ? 'it' : 'them'} from every message first, so "${request}" is no longer read as a request for a person.`,
      `${w !== null ? `Remove "${w}" from Never trigger` : 'Remove the words of a request for a person (person, human, agent, talk, speak ...) from Never trigger'}, or list the longer harmless phrase instead (e.g. the product name). The built-in self-harm check reads the message as typed: Never trigger does not silence it.`,
    );
  }
  checkOfferButtons(report, esc);
  checkMemoryReach(report, esc);
  if (key) policyResults.set(key, report.problems.slice(mark));
}

function checkEscalation(report: Report, flow: Flow, byId: Map<string, LooseBlock>, policyKey: object | null) {
  const esc = flow.escalation;
  checkPolicy(report, esc, policyKey);
  checkGraduatedLanguage(report, flow);
  const isTarget = (kind: string | null) => isBlockKind(kind) && blockDefinitions[kind].isHandoffTarget === true;
  const takeovers = flow.blocks.filter((b) => isTarget(b.kind));
  const suggestion =
    takeovers.length === 1
      ? `Set Flow settings > Escalation > Hand over to to '${takeovers[0].id}', the flow's Human takeover block.`
      : takeovers.length === 0
        ? 'Add a Human takeover block and choose it in Flow settings > Escalation > Hand over to.'
        : `In Flow settings > Escalation > Hand over to, choose one of the Human takeover blocks: ${quoteList(takeovers.map((b) => b.id))}.`;

  if (esc.targetBlockId !== null) {
    const target = byId.get(esc.targetBlockId);
    if (!target || (target.kind !== null && !isTarget(target.kind))) {
      const label = target && isBlockKind(target.kind) ? blockDefinitions[target.kind].label : null;
      report.error(
        'bad_escalation_target',
        ['escalation', 'targetBlockId'],
        target ? target.id : null,
        target
          ? `The escalation policy hands conversations to block '${target.id}', which is a ${label ?? target.kind} block, not a Human takeover block.`
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
    // Session 12 (newcomer s12 #19): "has no Human takeover block" read as false with one on the canvas: what is missing
    // is the choice in Flow settings, so the message names that setting and the block(s) to choose.
    const named = (b: { id: string; label?: string }) => (b.label?.trim() ? `'${b.label.trim()}' (${b.id})` : `'${b.id}'`);
    report.warning(
      'escalation_no_target',
      ['escalation', 'targetBlockId'],
      null,
      takeovers.length === 0
        ? 'Escalation is on, but the flow has no Human takeover block to hand conversations to.'
        : `Escalation is on, but Flow settings > Escalation > Hand over to is empty, so escalations reach no one: choose ${
            takeovers.length === 1 ? `${named(takeovers[0])}, the flow's Human takeover block` : `one of the Human takeover blocks ${takeovers.map(named).join(', ')}`
          }.`,
      takeovers.length === 1
        ? `Open Flow settings > Escalation and choose '${takeovers[0].id}' under Hand over to.`
        : takeovers.length === 0
          ? suggestion
          : `Open Flow settings > Escalation and choose one of ${quoteList(takeovers.map((b) => b.id))} under Hand over to.`,
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
    for (const b of flow.blocks) for (const name of blockDefinitions[b.kind].intentNames?.(b as never) ?? []) intentNames.add(name);
    esc.sensitiveTopics.topics.forEach((t, k) => {
      const examples = (t as { examples?: string[] }).examples ?? [];
      if (t.phrases.length === 0 && t.intents.length === 0 && examples.length === 0) {
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
            "Use the name of an intent from one of the flow's intent routers, or remove it.",
          );
        }
      });
    });
  }
}

/**
 * Hostile s14 H#14: session 13 checked the flow's Language only in the studio's field, so a hand-edited or imported
 * file kept a language the studio would refuse ("<script>...", a 1 MB string) and validate/serve took it. The file's
 * language must be a well-formed BCP 47 tag (what Intl.getCanonicalLocales accepts, with a 2-3 letter language, at
 * most 35 characters, the longest tag registries use in practice). A warning, not an error: the language only labels the flow (and picks
 * nothing at run time), so a flow that served yesterday still starts. Empty means unspecified (the schema's 'en').
 */
const MAX_LANGUAGE_TAG = 35;
export function languageTagProblem(language: string): string | null {
  const t = language.trim();
  if (t === '') return null;
  if (t.length <= MAX_LANGUAGE_TAG) {
    try {
      // BCP 47 also admits 5-8 letter primary subtags ("english" parses) that no registry has ever assigned.
      const canonical = Intl.getCanonicalLocales(t);
      if (canonical.length === 1 && /^[a-z]{2,3}(?:-|$)/.test(canonical[0])) return null;
    } catch {
      /* not a tag: reported below */
    }
  }
  return `The flow's language "${quoteShort(t)}" is not a language code.`;
}

/** At most 40 characters of a designer's value, for a message (a 1 MB value must not make a 1 MB problem line). */
function quoteShort(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

function checkLanguage(report: Report, flow: Flow) {
  const problem = languageTagProblem(flow.settings.language ?? '');
  if (problem === null) return;
  report.warning('bad_language', ['settings', 'language'], null, problem, 'Use a language code such as en, fr or de (or en-GB, pt-BR) in Flow settings > General > Language.');
}

/**
 * Session 25 (review of session 24): the line said to thanks after the chat ended is a flow text
 * (settings.closedCourtesyMessage); left out, it is the built-in English sentence. A flow in another language that
 * leaves it out would answer "merci" in English (hostile s24 #9): a warning says so, where the engine used to stay silent
 * for any language but English. Only a well-formed code that is not English.
 */
function checkClosedCourtesyLanguage(report: Report, flow: Flow) {
  const line = flow.settings.closedCourtesyMessage;
  // Session 25 (hostile25 #10): a line of only invisible characters (a zero-width space, direction marks) is said as
  // nothing (afterClose.ts blankLine, the same test, treats it as empty); it was an invisible bubble, and the designer may
  // think it says something.
  if (line !== undefined && line.trim() !== '' && withoutInvisible(line).replace(/[\p{Cf}\p{Cc}]/gu, '').trim() === '') {
    report.warning(
      'closed_courtesy_invisible',
      ['settings', 'closedCourtesyMessage'],
      null,
      `The reply to thanks after the chat ended ${shown(line)} has no visible character (only zero-width or direction marks): nothing is said, as when it is empty.`,
      'Write the line in Flow settings > General > Reply to thanks after the chat ended, or empty it so that nothing is said.',
    );
    return;
  }
  const language = flow.settings.language ?? '';
  if (flow.settings.closedCourtesyMessage !== undefined || /^en\b/i.test(language) || languageTagProblem(language) !== null) return;
  report.warning(
    'closed_courtesy_english',
    ['settings', 'closedCourtesyMessage'],
    null,
    `The flow's language is "${quoteShort(language)}", but the reply to thanks after the chat ended is the built-in English sentence ("You're welcome! If you need anything else, ..."): a customer who says thanks or bye after the end is answered in English.`,
    'Write the line in the flow\'s language in Flow settings > General > Reply to thanks after the chat ended, or empty it so that nothing is said.',
  );
}

/**
 * Session 26 (shopfb): the line said to a clear shop question the flow cannot answer is a flow text
 * (settings.shopQuestionMessage); left out, it is the built-in English sentence. A flow in another language that leaves
 * it out would answer such a question in English: a warning says so, as for the courtesy after the end.
 */
function checkShopQuestionLanguage(report: Report, flow: Flow) {
  const language = flow.settings.language ?? '';
  if (flow.settings.shopQuestionMessage !== undefined || /^en\b/i.test(language) || languageTagProblem(language) !== null) return;
  report.warning(
    'shop_question_english',
    ['settings', 'shopQuestionMessage'],
    null,
    `The flow's language is "${quoteShort(language)}", but the reply to a clear question the bot has no answer for is the built-in English sentence ("Sorry, I can't see product details here, ..."): a customer asking such a question is answered in English.`,
    'Write the line in the flow\'s language in Flow settings > General > Reply to a clear question the bot has no answer for, or empty it to say the fallback message there.',
  );
}

const SECRET_USE = /\{\{\s*(secrets\.[A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;
/** Calls `found` for each `{{secrets.NAME}}` in any string under `value` (a block's data), with that string's path. */
function forEachSecret(value: unknown, path: Path, found: (path: Path, name: string) => void, depth = 0): void {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return;
    for (const m of value.matchAll(SECRET_USE)) found(path, m[1]);
  } else if (value !== null && typeof value === 'object' && depth < 8) {
    for (const [k, v] of Object.entries(value)) forEachSecret(v, [...path, Array.isArray(value) ? Number(k) : k], found, depth + 1);
  }
}

/** Where the runtime fills `{{secrets.NAME}}`: the block definition's `secretsFilledIn` (an HTTP request's url, headers and body, a Notify block's recipients). */
function fillsSecrets(kind: string, path: readonly (string | number)[]): boolean {
  return path[0] === 'data' && isBlockKind(kind) && (blockDefinitions[kind].secretsFilledIn ?? []).includes(String(path[1]));
}

/** A misspelt time zone would silently be read as UTC. (Blocks check their own zones.) */
function checkTimeZone(report: Report, flow: Flow) {
  const tz = flow.settings.timezone;
  if (isValidTimeZone(tz)) return;
  report.error(
    'bad_timezone',
    ['settings', 'timezone'],
    null,
    `'${tz}' is not a time zone this computer knows.`,
    "Use an IANA time zone name such as 'Europe/London', 'America/New_York' or 'UTC'.",
  );
}

/**
 * Session 48 (studio16, newcomer s47 N9): opening hours in another zone than the flow's. {{now}}, dates and the simulator's
 * clock follow the flow's zone (Flow settings), the hours their own: UTC in the settings and Europe/London in a Human
 * takeover's hours are an hour apart in summer, and nothing said so. A warning on the block's zone field.
 */
function checkHoursZones(report: Report, flow: Pick<Flow, 'settings'>, blocks: ReadonlyArray<{ index: number; block?: unknown }>) {
  const tz = flow.settings.timezone;
  if (!isValidTimeZone(tz)) return;
  for (const entry of blocks) {
    const b = entry.block as Flow['blocks'][number] | undefined;
    if (!b || !isBlockKind(b.kind)) continue;
    const def = blockDefinitions[b.kind] as { openingHoursOf?(x: unknown): { hours: { timezone: string } } | null };
    let hours: { timezone: string } | null = null;
    try {
      hours = def.openingHoursOf?.(b)?.hours ?? null;
    } catch {
      hours = null;
    }
    if (!hours || hours.timezone === tz || !isValidTimeZone(hours.timezone)) continue;
    // The hours are the block's data itself (Business hours) or one of its fields (a takeover's availability).
    const key = Object.entries(b.data as Record<string, unknown>).find(([, v]) => v === hours)?.[0];
    const where = key ? ['data', key, 'timezone'] : ['data', 'timezone'];
    report.warning(
      'timezone_differs',
      ['blocks', entry.index, ...where],
      b.id,
      `${nameBlock(b.id, b.kind)} counts its hours in ${hours.timezone}, but the flow's time zone is ${tz}: dates, the time a message shows with the {{now}} variable and the simulator's clock follow ${tz}.`,
      `If both mean the same place, set the flow's time zone (Flow settings › General) or this block's to the same zone.`,
    );
  }
}

/** Kinds known to the registry, for callers that list them (kept from the former API). */
export const validatedKinds: readonly BlockKind[] = blockKinds;

/**
 * Newcomer s39 N25: an import error listed the kinds as the file spells them ('set_variable', 'human_takeover') where the
 * palette says "Set variable", "Human takeover". Both now: the palette's name, the file's word in parentheses.
 */
function kindAsInPalette(kind: BlockKind): string {
  return `${blockDefinitions[kind].label} ('${kind}')`;
}
function kindsAsInPalette(): string {
  return blockKinds.map(kindAsInPalette).join(', ');
}
