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

/** One problem's message and hint in the canvas's words (unchanged when it names no block of `flow`). */
export function inDesignerWords(p: FlowProblem, flow: Flow): FlowProblem {
  const byId = new Map(flow.blocks.map((b) => [b.id, b]));
  const own = p.blockId ? byId.get(p.blockId) : undefined;
  const exits = own ? exitLabels(own) : [];
  const rewrite = (text: string): string => {
    let t = text.replace(BLOCK, (all, _b: string, id: string, kind: string) => {
      const b = byId.get(id);
      return b && kindInfo(b.kind).label === kind ? canvasName(b) : all;
    });
    for (const x of exits) {
      const key = x.exit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      t = t.replace(new RegExp(`'${key}' exit`, 'g'), `“${x.label}” exit`).replace(new RegExp(`exit '${key}'`, 'g'), `exit “${x.label}”`);
    }
    return t;
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
