/**
 * What the studio opens (hostile s28 H8). A 10,000-block flow imported "fine" and then drew its first blocks after a
 * minute and ~30 s per frame; a 30 MB description opened, then every frame took ~22 s. Nothing said why. The canvas's
 * budgets are measured at 1,000 and 2,000 blocks (README, "Canvas performance"), so the studio refuses more than that
 * at import, at `baton studio FILE` and when a flow in its list grew past it on disk, saying where and what to do. The
 * file itself is never changed, and `baton validate`, `baton chat` and `baton serve` still read it: this is the
 * studio's drawing limit, not a rule of the flow format.
 */
import type { FlowProblem } from '../../shared/flow/flowProblem';

/** Most blocks the studio draws (its canvas is measured at 1,000 and 2,000). */
export const MAX_STUDIO_BLOCKS = 2_000;
/** Longest flow description the studio shows (a paragraph or a page, not a book). */
export const MAX_STUDIO_DESCRIPTION_CHARS = 20_000;
/** Largest flow file the studio opens, bytes (Northwind is 45 KB; 2,000 blocks are ~1 MB). */
export const MAX_STUDIO_FLOW_BYTES = 5 * 1024 * 1024;

const fmt = (n: number) => n.toLocaleString('en-US');
/** Megabytes with one decimal, rounded up (a file just over the limit never reads as the limit itself). */
const megabytes = (bytes: number) => (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1);

/**
 * The problems that keep the studio from opening this flow (empty: it opens). `bytes`: the file's size when known.
 * Each problem is an error with the JSON path it is about and what to do.
 */
export function studioSizeProblems(flow: { blocks?: unknown; description?: unknown }, bytes?: number): FlowProblem[] {
  const out: FlowProblem[] = [];
  const blocks = Array.isArray(flow.blocks) ? flow.blocks.length : 0;
  if (blocks > MAX_STUDIO_BLOCKS) {
    out.push({
      severity: 'error',
      code: 'studio_too_many_blocks',
      path: '$.blocks',
      blockId: null,
      message: `The flow has ${fmt(blocks)} blocks; the studio draws at most ${fmt(MAX_STUDIO_BLOCKS)} (more would take many seconds a frame).`,
      hint: 'Split it into smaller flows, or edit this one as JSON: baton validate, baton chat and baton serve read it as it is.',
    });
  }
  const description = typeof flow.description === 'string' ? flow.description.length : 0;
  if (description > MAX_STUDIO_DESCRIPTION_CHARS) {
    out.push({
      severity: 'error',
      code: 'studio_description_too_long',
      path: '$.description',
      blockId: null,
      message: `The flow's description is ${fmt(description)} characters; the studio shows at most ${fmt(MAX_STUDIO_DESCRIPTION_CHARS)}.`,
      hint: 'Shorten "description" in the file (keep long documentation beside the flow, not inside it), then open it again.',
    });
  }
  if (bytes !== undefined && bytes > MAX_STUDIO_FLOW_BYTES && out.length === 0) {
    out.push({
      severity: 'error',
      code: 'studio_file_too_large',
      path: '$',
      blockId: null,
      // Newcomer s29 N3: "The file is 5 MB; ... up to 5 MB" (5.2 rounded): one decimal, never rounded down to the limit.
      message: `The file is ${megabytes(bytes)} MB; the studio opens flow files of up to ${fmt(MAX_STUDIO_FLOW_BYTES / 1024 / 1024)} MB.`,
      hint: 'Look for a very long text in it (a message, a description, a pasted document) and shorten it, then open it again.',
    });
  }
  return out;
}

/**
 * `studioSizeProblems` of a flow file's text, read before the full validation (which a 10,000-block flow makes slow):
 * text that is not JSON gives none here (the loader then says what is wrong with it).
 */
export function studioSizeProblemsOfText(text: string): FlowProblem[] {
  let doc: unknown = null;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    doc = null;
  }
  const flow = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as { blocks?: unknown; description?: unknown }) : {};
  return studioSizeProblems(flow, Buffer.byteLength(text));
}

/** The problems as one sentence for a message ("The flow has ... The flow's description is ..."). */
export function sizeProblemsText(problems: readonly FlowProblem[]): string {
  return problems.map((p) => p.message).join(' ');
}
