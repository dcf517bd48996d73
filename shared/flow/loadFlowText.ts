/**
 * Reads a flow from the text of a file: JSON.parse, then `validateFlow`. Never throws: bad JSON becomes one
 * 'json_syntax' problem with a 1-based line and column and the offending line quoted, so the studio and the
 * CLI can point at the exact spot.
 *
 * JavaScript engines word JSON errors differently: V8 (Node 20, Chromium, Electron) says "at position N",
 * newer V8 adds "(line L column C)", Firefox says "at line L column C", Safari gives no location at all.
 * All are handled; without a location a small scanner finds the first bad character itself.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { visit } from 'jsonc-parser';
import { jsonPath, type FlowProblem } from './flowProblem';
import { validateFlow, type FlowValidation } from './validateFlow';
import { findLoneSurrogate, loneSurrogateRefusal } from '../simulator/utf8';

/**
 * `parsed`: the result of JSON.parse on the text without its BOM, when the caller already has it (the studio server
 * compares a file's JSON before it validates it): the text is then not parsed a second time. Same answer either way.
 */
export function loadFlowText(text: string, parsed?: { value: unknown } | { error: string }): FlowValidation {
  // Editors on Windows like to prepend a byte-order mark; JSON.parse rejects it, people cannot see it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return {
      ok: false,
      flow: null,
      problems: [
        {
          severity: 'error',
          code: 'json_syntax',
          path: '$',
          blockId: null,
          message: 'The file is empty.',
          hint: 'Open a flow exported by Baton, or start a new flow from a template.',
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const depth = nestingDepth(body);
  if (depth.depth > MAX_NESTING) {
    const { line, column } = lineColumn(body, depth.offset);
    return {
      ok: false,
      flow: null,
      problems: [
        {
          severity: 'error',
          code: 'too_deep',
          path: '$',
          blockId: null,
          message: `The file nests objects and lists more than ${MAX_NESTING} levels deep (at line ${line}, column ${column}); no flow is shaped like that.`,
          hint: 'Check that this is a Baton flow file; re-export it from the studio or start from a template.',
          line,
          column,
        },
      ],
    };
  }
  let doc: unknown;
  if (parsed && 'error' in parsed) return { ok: false, flow: null, problems: [jsonSyntaxProblem(body, parsed.error)] };
  if (parsed) doc = parsed.value;
  else {
    try {
      doc = JSON.parse(body);
    } catch (e) {
      return { ok: false, flow: null, problems: [jsonSyntaxProblem(body, e instanceof Error ? e.message : String(e))] };
    }
  }
  // Hostile s16 H#16 rest: JSON.parse accepts "\ud800", which is no character (shown to customers as a broken glyph).
  const lone = findLoneSurrogate(doc);
  if (lone) {
    return {
      ok: false,
      flow: null,
      problems: [{ severity: 'error', code: 'lone_surrogate', path: lone.path, blockId: null, message: `T${loneSurrogateRefusal(lone).slice(1)}`, hint: 'Remove the \\uD8xx / \\uDCxx escape, or write the character itself (an emoji is two escapes: \\uD83D\\uDE00).' }],
    };
  }
  const duplicates = duplicateKeyProblems(body, doc);
  const result = validateFlow(doc);
  if (duplicates.length === 0) return result;
  return { ...result, ok: false, problems: [...duplicates, ...result.problems] };
}

/**
 * JSON.parse keeps the LAST of two equal keys in an object and drops the first without a word, so a
 * designer who pasted a second "text" loses the first one. Reports every duplicate with the 1-based line
 * and column of the second occurrence (and where the first one is). jsonc-parser's visitor gives each
 * property's position without building a second tree.
 */
export function duplicateKeyProblems(text: string, doc: unknown): FlowProblem[] {
  const out: FlowProblem[] = [];
  const stack: Array<Map<string, { line: number; column: number }>> = [];
  visit(
    text,
    {
      onObjectBegin: () => {
        stack.push(new Map());
      },
      onObjectEnd: () => {
        stack.pop();
      },
      onObjectProperty: (property, _offset, _length, startLine, startCharacter, pathSupplier) => {
        const seen = stack[stack.length - 1];
        if (!seen) return;
        const here = { line: startLine + 1, column: startCharacter + 1 };
        const first = seen.get(property);
        if (!first) {
          seen.set(property, here);
          return;
        }
        const parent = pathSupplier();
        let blockId: string | null = null;
        if (parent[0] === 'blocks' && typeof parent[1] === 'number' && isRecord(doc) && Array.isArray(doc.blocks)) {
          const b = doc.blocks[parent[1]];
          if (isRecord(b) && typeof b.id === 'string' && b.id !== '') blockId = b.id;
        }
        out.push({
          severity: 'error',
          code: 'duplicate_key',
          path: jsonPath([...parent, property]),
          blockId,
          message: `The key "${property}" appears twice in the same object (line ${first.line}, column ${first.column} and line ${here.line}, column ${here.column}); only the second one is read, the first is silently lost.`,
          hint: `Delete one of the two "${property}" entries, keeping the value you meant.`,
          line: here.line,
          column: here.column,
        });
      },
    },
    { allowTrailingComma: false, disallowComments: true },
  );
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Builds the 'json_syntax' problem for `text`, given the engine's JSON.parse error message. */
export function jsonSyntaxProblem(text: string, errorMessage: string): FlowProblem {
  const { line, column, offset } = locate(text, errorMessage);
  const atEnd = offset >= text.trimEnd().length;
  const reason = cleanReason(errorMessage) || (atEnd ? 'the text ends too early' : 'unexpected character');
  const lineText = text.split('\n')[line - 1]?.replace(/\r$/, '') ?? '';
  return {
    severity: 'error',
    code: 'json_syntax',
    path: '$',
    blockId: null,
    message: `The file is not valid JSON: ${reason} at line ${line}, column ${column}. The line reads: ${quoteLine(lineText, column)}`,
    hint: atEnd
      ? 'The file ends too early: a closing } or ], or a closing quote, is probably missing. Was the file cut off while saving?'
      : 'Look at this spot or just before it for a missing comma, a comma before } or ], a missing quote or a comment (JSON allows none).',
    line,
    column,
  };
}

/* ------------------------------------------------------------------ where the error is */

function locate(text: string, message: string): { line: number; column: number; offset: number } {
  const lc = /line (\d+) column (\d+)/i.exec(message);
  if (lc) {
    const line = Number(lc[1]);
    const column = Number(lc[2]);
    return { line, column, offset: offsetOf(text, line, column) };
  }
  const pos = /position (\d+)/i.exec(message);
  let offset: number;
  if (pos) offset = Math.min(Number(pos[1]), text.length);
  else if (/end of (json )?(input|data)|unexpected end|unterminated/i.test(message)) offset = text.trimEnd().length;
  else offset = findErrorOffset(text);
  return { ...lineColumn(text, offset), offset };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

/** The engine's message without its location and without the echo of the whole input. */
function cleanReason(message: string): string {
  const reason = message
    .replace(/^JSON(\.parse)?( Parse error)?:\s*/i, '')
    .replace(/,\s*".*" is not valid JSON$/s, '')
    .replace(/\s*\(line \d+ column \d+\)/i, '')
    .replace(/\s*(in JSON )?at position \d+/i, '')
    .replace(/\s*at line \d+ column \d+( of the JSON data)?/i, '')
    .replace(/\s+in JSON$/i, '')
    .trim();
  return reason ? reason.charAt(0).toLowerCase() + reason.slice(1) : '';
}

/** Quotes a line, shortened around the column when it is long (minified files are one huge line). */
function quoteLine(line: string, column: number): string {
  const max = 100;
  if (line.length <= max) return line.trim() === '' ? '(an empty line)' : line.trim();
  const start = Math.max(0, column - 1 - max / 2);
  const end = Math.min(line.length, start + max);
  return `${start > 0 ? '...' : ''}${line.slice(start, end)}${end < line.length ? '...' : ''}`;
}

/**
 * Offset of the first character that makes `text` invalid JSON (text.length when it ends too early), for
 * engines whose error message carries no location. Only used on text JSON.parse already rejected.
 */
export function findErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail();
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          fail();
        }
      } else i++;
    }
    fail();
  };
  const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const value = (): void => {
    ws();
    if (i >= n) fail();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return;
    }
    if (c === '-') {
      i++; // a minus sign must be followed by a digit; the error is at the character after it
      fail();
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    fail();
  };
  try {
    value();
    ws();
    if (i < n) fail();
    return n;
  } catch (e) {
    if (e instanceof JsonStop) return Math.min(e.offset, n);
    throw e;
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}

/** Deeper than any real flow (a flow is about 8 levels deep); deeper documents would overflow recursive readers. */
export const MAX_NESTING = 200;

/**
 * The deepest nesting of `{`/`[` outside strings, and where it first goes past MAX_NESTING. Linear, no recursion. Also
 * read by a batch file's lines (shared/simulator/batchWhatIf.ts nestedDeeperThan).
 */
export function nestingDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let offset = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        if (depth === MAX_NESTING + 1) offset = i;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return { depth: max, offset };
}

