/**
 * Newcomer s26 F4: problem texts named blocks by their internal id and exits by their key ("Block 'human-takeover-1'
 * (Human takeover) has nothing connected to its 'no_agent' exit"), while the canvas shows the block's title and the
 * exit's label ("Human takeover", "No agent"). The studio shows them in the canvas's words: "“Human takeover” has
 * nothing connected to its “No agent” exit". The validator's own texts (shared/, also read by `baton validate` and the
 * API, where the ids are what a file has) are left as they are; clicking a problem still selects its block by id.
 */
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import type { Block, Flow } from '../../../shared/flow/schema';
import { blockTitle, exitLabels, kindInfo } from '../blockCatalog';

/** How the canvas names a block: “Title”, and the kind after a designer's own label ("“Ask email” (Human takeover)"). */
export function canvasName(block: Block): string {
  const title = blockTitle(block);
  const kind = kindInfo(block.kind).label;
  return title === kind ? `“${title}”` : `“${title}” (${kind})`;
}

const BLOCK = /\b([Bb])lock '([^']+)' \(([^()]+)\)/g;

/** A direction control as the validator's messages escape it ("\u202e"). */
const ESCAPED_DIRECTION = /\\u(202[a-e]|206[6-9])/gi;

/**
 * Session 45 (studio8, retest-studio s44 #11): a hint written for every reader (`baton validate` too) that starts "In
 * the studio, press ..." read oddly inside the studio: there it starts "Press ...".
 */
export function inTheStudio(hint: string): string {
  return hint.replace(/^In the studio, (\w)/, (_all, first: string) => first.toUpperCase());
}

/**
 * Session 46 (studio10, retest-studio s45 L3): the studio's problem texts mixed three quote styles in one row ("“Human
 * takeover” has nothing connected to its “Resolved” exit: ... told "This conversation has ended."", "Declare 'nme' under
 * Variables", "choose 'ho', ..."): the validator writes ids and names in '...' and customer texts in "..." for every
 * reader, the studio rewrote only block names and exits. Every quoted span is now “...”: a "..." span, then a '...'
 * span that opens after a space or bracket and closes before a space or punctuation (an apostrophe inside a word, as in
 * "flow's" or 'Don't know', stays). Spans already in “...” are left as they are.
 */
export function curlyQuotes(text: string): string {
  return text
    .split(/(“[^”]*”)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/"([^"\n]*)"/g, '“$1”')
            .replace(/(^|[\s(\[{—–-])'((?:[^'\n]|'(?=\w))+?)'(?=$|[\s.,;:!?)\]}])/g, '$1“$2”'),
    )
    .join('');
}

/**
 * Session 46 (studio10, retest-studio s45 L3): a Problems row names its block at the right (the canvas's title), so its
 * message no longer starts with the same name ("“Look up order” (HTTP request) has no URL to call." beside "Look up
 * order"): "Has no URL to call." A message that does not start with the block's own name is left as it is.
 */
export function withoutOwnName(message: string, title: string): string {
  const name = `“${title}”`;
  if (!message.startsWith(name)) return message;
  const rest = message.slice(name.length).replace(/^ \([^()]+\)/, '');
  if (!/^ \p{Ll}/u.test(rest)) return message;
  return rest.charAt(1).toUpperCase() + rest.slice(2);
}

/** One problem's message and hint in the canvas's words (unchanged when it names no block of `flow`). */
export function inDesignerWords(p: FlowProblem, flow: Flow): FlowProblem {
  const byId = new Map(flow.blocks.map((b) => [b.id, b]));
  const own = p.blockId ? byId.get(p.blockId) : undefined;
  const exits = own ? exitLabels(own) : [];
  const variables = new Set(flow.variables?.map((v) => v.name) ?? []);
  const rewrite = (text: string): string => {
    let t = text.replace(BLOCK, (all, _b: string, id: string, kind: string) => {
      const b = byId.get(id);
      return b && kindInfo(b.kind).label === kind ? canvasName(b) : all;
    });
    // Session 46 (studio10, L3): a block named by its id alone ("choose 'ho'", "'Ask' (ask)") by its canvas title, as
    // everywhere else in the studio (not a name that is also a variable's).
    t = t.replace(/'([^'\n]+)' \(([^()\s]+)\)/g, (all, label: string, id: string) => {
      const b = byId.get(id);
      return b && blockTitle(b) === label ? `“${label}”` : all;
    });
    t = t.replace(/(^|[\s(])'([^'\s]+)'/g, (all, before: string, id: string) => {
      const b = byId.get(id);
      return b && !variables.has(id) ? `${before}“${blockTitle(b)}”` : all;
    });
    for (const x of exits) {
      const key = x.exit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      t = t.replace(new RegExp(`'${key}' exit`, 'g'), `“${x.label}” exit`).replace(new RegExp(`exit '${key}'`, 'g'), `exit “${x.label}”`);
    }
    return curlyQuotes(t);
  };
  // Session 45 (studio8): the direction warning quotes its text escaped ("Your invoice: \u202efdp.exe") for every
  // reader; in the studio the character itself goes back in, so the warning shows it as the canvas does (a ⟨RLO⟩ chip).
  const message = p.code === 'text_direction' ? rewrite(p.message).replace(ESCAPED_DIRECTION, (_all, hex: string) => String.fromCodePoint(parseInt(hex, 16))) : rewrite(p.message);
  const hint = p.hint ? inTheStudio(rewrite(p.hint)) : p.hint;
  return message === p.message && hint === p.hint ? p : { ...p, message, hint };
}

const cache = new WeakMap<FlowProblem[], FlowProblem[]>();

/** Every problem in the canvas's words (cached per validation result, so the list keeps its identity between renders). */
export function problemsInDesignerWords(problems: FlowProblem[], flow: Flow): FlowProblem[] {
  let out = cache.get(problems);
  if (!out) {
    out = problems.map((p) => inDesignerWords(p, flow));
    cache.set(problems, out);
  }
  return out;
}

/** The first words of what a block says or asks (its text, or a router's prompt), cut to about `max` characters; '' when none. */
export function firstWords(block: Block, max = 28): string {
  const data = (block.data ?? {}) as Record<string, unknown>;
  const raw = [data.text, data.prompt, data.subject].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? '';
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const atSpace = cut.lastIndexOf(' ');
  return `${(atSpace > max / 2 ? cut.slice(0, atSpace) : text.slice(0, max)).replace(/[\s,.;:!?—–-]+$/, '')}…`;
}

/**
 * How the Problems list names a block at a row's right. Its canvas title; when another block has the same title:
 * Session 46 (studio11, newcomer s46 N8): two unlabelled Message blocks read "Message (message-3)" and "Message
 * (message-4)", ids the designer never sees on the canvas. A block whose title is its kind's default is named by the
 * first words the canvas shows on it ("Message “Repairs usually take 2-3…”"); the id is added only when those do not
 * tell it apart either (no text, or the same first words), and after a designer's own label, as before (newcomer s43 N12).
 */
export function problemBlockName(block: Block, blocks: readonly Block[]): string {
  const title = blockTitle(block);
  const others = blocks.filter((x) => x !== block && blockTitle(x) === title);
  if (others.length === 0) return title;
  if (title === kindInfo(block.kind).label) {
    const words = firstWords(block);
    if (words && !others.some((x) => firstWords(x) === words)) return `${title} “${words}”`;
  }
  return `${title} (${block.id})`;
}
