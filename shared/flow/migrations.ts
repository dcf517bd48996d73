/**
 * Schema migrations: bring a flow written by an older Baton up to `FLOW_VERSION`, one step at a time, so a
 * designer's old file still opens and nothing they wrote is lost.
 *
 * A migration's `up` must never throw on odd input and must not mutate its argument: it rewrites what it
 * recognises and passes everything else through, and the schema check that follows reports what is left.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { FlowProblem } from './flowProblem';
import { FLOW_VERSION } from './schema';

export interface Migration {
  from: number;
  to: number;
  description: string;
  up(doc: any): any;
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/* ------------------------------------------------------------------ v0 -> v1 */

/**
 * Version 0 was the prototype's format, shaped after React Flow's own state:
 * `{ title, nodes: [{ id, type, position, data }], edges: [{ source, sourceHandle, target }],
 *    variables: ['email', ...], handoffTarget }`, usually with no `version` at all.
 * Block kinds were named differently (`handoff`, `text`) and the handoff block's exits were camelCase.
 */
const v0KindNames: Record<string, string> = { handoff: 'human_takeover', text: 'message' };
const v0HandoffExits: Record<string, string> = { done: 'resolved', noAgent: 'no_agent', timedOut: 'timeout' };

function slug(s: string): string {
  const out = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return out || 'flow';
}

function migrateV0Node(node: unknown): unknown {
  if (!isObject(node)) return node;
  const { type, kind, data, ...rest } = node;
  const oldKind = typeof kind === 'string' ? kind : type;
  const newKind = typeof oldKind === 'string' ? (v0KindNames[oldKind] ?? oldKind) : oldKind;
  let newData: unknown = data === undefined ? {} : data;
  if (oldKind === 'handoff' && isObject(data)) {
    // v0 handoff had a single `message` and a `timeoutMinutes`.
    const { message, timeoutMinutes, ...d } = data;
    newData = {
      ...d,
      ...(message !== undefined && d.handoffMessage === undefined ? { handoffMessage: message } : {}),
      ...(timeoutMinutes !== undefined && d.queueTimeoutMinutes === undefined ? { queueTimeoutMinutes: timeoutMinutes } : {}),
    };
  }
  return { ...rest, kind: newKind, data: newData };
}

function migrateV0(doc: any): any {
  if (!isObject(doc)) return doc;
  const { nodes, title, handoffTarget, ...rest } = doc;
  const rawNodes: unknown[] = Array.isArray(nodes) ? nodes : Array.isArray(doc.blocks) ? doc.blocks : [];
  const blocks = rawNodes.map(migrateV0Node);
  const kindById = new Map<string, string>();
  for (const b of blocks) if (isObject(b) && typeof b.id === 'string') kindById.set(b.id, b.kind);

  const usedEdgeIds = new Set<string>();
  const rawEdges: unknown[] = Array.isArray(doc.edges) ? doc.edges : [];
  const edges = rawEdges.map((e) => {
    if (!isObject(e)) return e;
    const { source, sourceHandle, target, from, exit, to, ...r } = e;
    const newFrom = from ?? source;
    let newExit = exit ?? (typeof sourceHandle === 'string' && sourceHandle !== '' ? sourceHandle : 'next');
    if (typeof newFrom === 'string' && kindById.get(newFrom) === 'human_takeover') newExit = v0HandoffExits[newExit] ?? newExit;
    const newTo = to ?? target;
    // v0 edges often had no id: derive a readable, unique one.
    let id: unknown = r.id;
    if (typeof id !== 'string' || id === '') {
      const base = `${String(newFrom)}-${String(newExit)}-${String(newTo)}`;
      id = base;
      for (let n = 2; usedEdgeIds.has(id as string); n++) id = `${base}-${n}`;
    }
    usedEdgeIds.add(id as string);
    return { ...r, id, from: newFrom, exit: newExit, to: newTo };
  });

  const variables = Array.isArray(doc.variables)
    ? doc.variables.map((v: unknown) => (typeof v === 'string' ? { name: v } : v))
    : doc.variables;

  const name = typeof doc.name === 'string' && doc.name !== '' ? doc.name : typeof title === 'string' && title !== '' ? title : 'Untitled flow';
  const out: Record<string, unknown> = {
    ...rest,
    version: 1,
    id: typeof doc.id === 'string' && doc.id !== '' ? doc.id : slug(name),
    name,
    blocks,
    edges,
  };
  if (variables !== undefined) out.variables = variables;
  if (typeof handoffTarget === 'string') {
    const escalation = isObject(doc.escalation) ? doc.escalation : {};
    out.escalation = { ...escalation, targetBlockId: escalation.targetBlockId ?? handoffTarget };
  }
  return out;
}

export const migrations: Migration[] = [
  {
    from: 0,
    to: 1,
    description:
      'v0 -> v1: nodes became blocks (type -> kind, "handoff" -> "human_takeover", "text" -> "message"), edges use from/exit/to, variables are objects, handoffTarget moved to escalation.targetBlockId',
    up: migrateV0,
  },
];

/* ------------------------------------------------------------------ runner */

function versionProblem(code: string, message: string, hint: string): FlowProblem {
  return { severity: 'error', code, path: '$.version', blockId: null, message, hint };
}

/** A document with no version that still looks like the v0 prototype format. */
function looksLikeV0(doc: Record<string, unknown>): boolean {
  return Array.isArray(doc.nodes) && !('blocks' in doc);
}

/**
 * Runs every migration needed to bring `doc` to `FLOW_VERSION`. Never mutates `doc` and never throws.
 * Problems: a missing or non-numeric version (the document is then passed on unchanged, read as the current
 * version so the designer still sees every other problem), a version from a newer Baton, a gap in the
 * migration chain, or a migration that failed.
 */
export function migrateFlow(doc: unknown): { doc: unknown; applied: string[]; problems: FlowProblem[] } {
  const applied: string[] = [];
  if (!isObject(doc)) {
    return {
      doc,
      applied,
      problems: [
        {
          severity: 'error',
          code: 'schema',
          path: '$',
          blockId: null,
          message: `A flow must be a JSON object ({ ... }), but this document is ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : `a ${typeof doc}`}.`,
          hint: 'Open a flow file exported by Baton, or start from a template.',
        },
      ],
    };
  }

  let version: number;
  const raw = doc.version;
  if (raw === undefined) {
    if (!looksLikeV0(doc)) {
      return {
        doc,
        applied,
        problems: [
          versionProblem(
            'missing_version',
            'The flow has no "version" field, so Baton cannot tell which format it is in.',
            `Add "version": ${FLOW_VERSION} at the top level if the file was written for this Baton.`,
          ),
        ],
      };
    }
    version = 0;
  } else if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
    return {
      doc,
      applied,
      problems: [
        versionProblem(
          'invalid_version',
          `The flow's "version" is ${JSON.stringify(raw)}; it must be a whole number such as ${FLOW_VERSION}.`,
          `Set "version": ${FLOW_VERSION} (a number, without quotes).`,
        ),
      ],
    };
  } else {
    version = raw;
  }

  if (version > FLOW_VERSION) {
    return {
      doc,
      applied,
      problems: [
        versionProblem(
          'unsupported_version',
          `This flow was made by a newer Baton (flow format version ${version}); this Baton reads up to version ${FLOW_VERSION}.`,
          'Upgrade Baton to open this flow. Do not re-save it with this version, or newer settings may be lost.',
        ),
      ],
    };
  }

  let current: unknown = doc;
  while (version < FLOW_VERSION) {
    const step = migrations.find((m) => m.from === version);
    if (!step) {
      return {
        doc: current,
        applied,
        problems: [
          versionProblem(
            'unsupported_version',
            `Baton has no way to upgrade a flow from format version ${version}.`,
            `Open it with an older Baton that supports version ${version} and save it again, or set "version": ${FLOW_VERSION} if it already uses the current format.`,
          ),
        ],
      };
    }
    try {
      current = step.up(current);
    } catch (e) {
      return {
        doc: current,
        applied,
        problems: [
          versionProblem(
            'migration_failed',
            `Upgrading the flow from version ${step.from} to ${step.to} failed: ${e instanceof Error ? e.message : String(e)}.`,
            'Your file was not changed. Please report this with the file attached.',
          ),
        ],
      };
    }
    applied.push(step.description);
    version = step.to;
  }
  return { doc: current, applied, problems: [] };
}
