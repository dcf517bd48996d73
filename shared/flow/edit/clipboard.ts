/**
 * Copy and paste: `copyToClipboard(flow, ids)` makes a plain JSON ClipboardDocument (the studio puts it on
 * the system clipboard as text); `parseClipboard(value)` checks one that came back from the clipboard, which
 * may hold anything (text from another program, a document from a newer Baton, hostile JSON).
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { z } from 'zod';
import { blockSchema, edgeSchema, variableSchema, type Block } from '../schema';
import { blockGroupSchema, stickyNoteSchema } from './canvasSchema';
import { isPlainObject } from './data';
import { FlowEditError } from './errors';
import { isEntryKind } from './kinds';
import { cloneJson, type Flow } from './tx';
import type { ClipboardDocument } from './types';

export const CLIPBOARD_FORMAT = 'baton/clipboard' as const;

const clipboardSchema = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  version: z.literal(1),
  sourceFlowId: z.string().max(200).default(''),
  blocks: z.array(blockSchema).max(10_000),
  edges: z.array(edgeSchema).max(50_000).default([]),
  variables: z.array(variableSchema).default([]),
  notes: z.array(stickyNoteSchema).default([]),
  groups: z.array(blockGroupSchema).default([]),
});

const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

function namesUsed(value: unknown, key: string, out: Set<string>): void {
  if (typeof value === 'string') {
    if ((key === 'variable' || /Variable$/.test(key)) && value) out.add(value);
    if (value.includes('{{')) for (const m of value.matchAll(TEMPLATE)) out.add(m[1]);
  } else if (Array.isArray(value)) value.forEach((v) => namesUsed(v, key, out));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) namesUsed(v, k, out);
}

/**
 * The blocks (and sticky notes) with these ids, the edges between them, the declared variables they use and
 * the groups wholly inside the selection. Start blocks are left out (a flow has one). Unknown ids are ignored.
 */
export function copyToClipboard(flow: Flow, ids: readonly string[]): ClipboardDocument {
  const wanted = new Set(ids);
  const blocks: Block[] = flow.blocks.filter((b) => wanted.has(b.id) && !isEntryKind(b.kind)).map((b) => cloneJson(b));
  const copied = new Set(blocks.map((b) => b.id));
  const edges = (flow.edges ?? []).filter((e) => copied.has(e.from) && copied.has(e.to)).map((e) => cloneJson(e));
  const used = new Set<string>();
  for (const b of blocks) namesUsed(b.data, '', used);
  const variables = (flow.variables ?? []).filter((v) => used.has(v.name)).map((v) => cloneJson(v));
  const notes = (flow.notes ?? []).filter((n) => wanted.has(n.id)).map((n) => cloneJson(n));
  const groups = (flow.groups ?? [])
    .filter((g) => g.blockIds.length > 0 && g.blockIds.every((id) => copied.has(id)))
    .map((g) => cloneJson(g));
  return { format: CLIPBOARD_FORMAT, version: 1, sourceFlowId: flow.id, blocks, edges, variables, notes, groups };
}

/** True when `value` (parsed JSON or a string of it) looks like a Baton clipboard document. */
export function isClipboardDocument(value: unknown): boolean {
  if (typeof value === 'string') {
    if (!value.includes(CLIPBOARD_FORMAT)) return false;
    try {
      value = JSON.parse(value);
    } catch {
      return false;
    }
  }
  return isPlainObject(value) && value.format === CLIPBOARD_FORMAT;
}

/** Checks a clipboard document (object or JSON text); throws FlowEditError('bad_clipboard') saying what is wrong. */
export function parseClipboard(value: unknown): ClipboardDocument {
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new FlowEditError('bad_clipboard', 'The clipboard does not hold Baton blocks (it is not JSON).');
    }
  }
  if (!isPlainObject(value) || value.format !== CLIPBOARD_FORMAT)
    throw new FlowEditError('bad_clipboard', 'The clipboard does not hold Baton blocks.');
  if (value.version !== 1)
    throw new FlowEditError('bad_clipboard', `These blocks were copied from a newer Baton (clipboard version ${String(value.version)}); update Baton to paste them.`);
  const parsed = clipboardSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FlowEditError('bad_clipboard', `The copied blocks cannot be pasted: ${issue.path.map(String).join('.') || 'document'}: ${issue.message}.`);
  }
  return parsed.data as ClipboardDocument;
}
