/**
 * Turns zod issues into problems a designer can act on: where (block, edge, settings...), what is wrong in
 * words, and what to do; plus the small naming helpers the validator shares ("Block 'menu' (Buttons)",
 * "did you mean").
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { closest, distance } from 'fastest-levenshtein';
import { blockDefinitions, isBlockKind, type BlockKind } from './blockRegistry';
import { jsonPath, type FlowProblem } from './flowProblem';

type Doc = Record<string, unknown>;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const quoteList = (items: readonly string[]) => items.map((s) => `'${s}'`).join(', ');

/** "block 'menu' (Buttons)" — how a message names a block. */
export function nameBlock(id: string | null, kind: string | null): string {
  const label = kind && isBlockKind(kind) ? ` (${blockDefinitions[kind as BlockKind].label})` : '';
  return id ? `Block '${id}'${label}` : `A block${label}`;
}

/** Suggests the nearest of `candidates` when it is plausibly a typo of `name`. */
export function didYouMean(name: string, candidates: readonly string[]): string | null {
  if (candidates.length === 0 || name === '') return null;
  const best = closest(name, candidates as string[]);
  const d = distance(name.toLowerCase(), best.toLowerCase());
  if (d <= Math.max(2, Math.floor(name.length / 3))) return best;
  // "monday" for "mon", "Escalation" for "escalation": a clear prefix either way.
  const lower = name.toLowerCase();
  const prefix = candidates.find((c) => c.length >= 3 && (lower.startsWith(c.toLowerCase()) || c.toLowerCase().startsWith(lower)) && lower.length >= 3);
  return prefix ?? null;
}

/* ------------------------------------------------------------------ zod issues -> problems */

export interface LooseIssue {
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
  /** A custom issue's own advice: `ctx.addIssue({code: 'custom', message, params: {hint}})`. */
  params?: { hint?: string };
}

export function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
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

/** What the expected type looks like in the file, e.g. `text in double quotes, like "text": "Hello"`. */
function typeHint(expected: string, field: string): string {
  switch (expected) {
    case 'string':
      return `a text value in double quotes, like "${field}": "Hello"`;
    case 'number':
      return `a number without quotes, like "${field}": 42`;
    case 'int':
      return `a whole number without quotes, like "${field}": 3`;
    case 'boolean':
      return `the value true or false without quotes, like "${field}": true`;
    case 'object':
      return `an object in braces, like "${field}": { ... }`;
    case 'array':
      return `a list in square brackets, like "${field}": [ ... ]`;
    default:
      return `a value of type ${expected || 'the expected type'}`;
  }
}

/** Where an issue is, in words: "Block 'ask' (Question)", "Edge 'e3'", "The escalation policy"... */
export function describeLocation(path: readonly PropertyKey[], doc: Doc): string {
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

export function zodIssueToProblem(issue: LooseIssue, doc: Doc): FlowProblem {
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
        hint = `${subject[0] === '"' ? 'Give ' + subject : 'Make ' + subject} ${typeHint(issue.expected ?? '', field)}.`;
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
        message = `${where}: ${subject} needs ${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}${actual !== undefined && Array.isArray(actual) ? ` (it has ${actual.length})` : ''}.`;
        hint = small ? `Add items to ${subject}.` : `Remove items from ${subject}.`;
      } else {
        message = `${where}: ${subject} is ${describeValue(actual)}; it must be ${small ? 'at least' : 'at most'} ${limit}.`;
        hint = `Set ${subject} to a value ${small ? 'of at least' : 'of at most'} ${limit}.`;
      }
      // A limit with its own advice (the schema's message, e.g. shared/flow/policyLimits.ts) says what to do better.
      if (issue.message && !/^Too (big|small)\b/.test(issue.message)) hint = issue.message;
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
      // An issue about a whole section (path ['escalation']) is said of the section itself.
      message = path.length <= 1 ? `${where}: ${issue.message}.` : `${where}: ${subject}: ${issue.message}.`;
      hint = issue.params?.hint ?? `Fix ${subject}.`;
  }
  return { severity: 'error', code: 'schema', path: jsonPath(path), blockId, message, hint };
}

