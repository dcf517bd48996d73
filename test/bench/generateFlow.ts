/**
 * A generated flow of any size for benches and big-canvas tests: `generateFlow(blocks, edges)` returns a
 * VALID flow (validateFlow reports no error) with a canvas position on every block.
 *
 * Shape: a Start block, then a chain of ordinary blocks (messages, questions, buttons, conditions, set
 * variable, notify...), a Human takeover block (the escalation target) and an End block. Edges only go
 * forward (block i to i+1 or i+2), so there is no loop; kinds with several exits (buttons, condition,
 * question fallback) are used to reach the requested edge count. The edge count is met exactly when it
 * lies between the minimum (every required exit wired once) and what the chain can carry; otherwise the
 * nearest possible count is used (see `generatedFlowStats`).
 *
 * Deterministic: the same arguments give the same flow.
 */
import { flowSchema, type Flow, type FlowInput } from '../../shared/flow/schema';

type RawBlock = { id: string; kind: string; position: { x: number; y: number }; label?: string; data: Record<string, unknown> };
type RawEdge = { id: string; from: string; exit: string; to: string };

const COLUMNS = 25;
const X_GAP = 320;
const Y_GAP = 220;

export function generateFlow(blocks: number, edges: number): Flow {
  if (!Number.isInteger(blocks) || blocks < 4) throw new Error(`generateFlow: blocks must be a whole number of at least 4 (got ${blocks})`);
  const raw: RawBlock[] = [];
  const rawEdges: RawEdge[] = [];
  const position = (i: number) => {
    // Rows snake left-right so consecutive blocks stay next to each other on the canvas.
    const row = Math.floor(i / COLUMNS);
    const col = i % COLUMNS;
    return { x: (row % 2 === 0 ? col : COLUMNS - 1 - col) * X_GAP, y: row * Y_GAP };
  };
  const middle = blocks - 3; // start, takeover, end are fixed
  // Each middle block has one edge per "next"-like exit; extra edges come from second exits.
  // Base: every middle block one edge + start 1 + takeover 3 = middle + 4.
  const base = middle + 4;
  let extra = Math.max(0, edges - base);

  const endId = 'end';
  const takeoverId = 'takeover';
  const idOf = (i: number) => (i === 0 ? 'start' : i === blocks - 2 ? takeoverId : i === blocks - 1 ? endId : `b${i}`);
  let e = 0;
  const edge = (from: string, exit: string, to: string) => rawEdges.push({ id: `e${++e}`, from, exit, to });

  raw.push({ id: 'start', kind: 'start', position: position(0), data: {} });
  edge('start', 'next', idOf(1));

  for (let i = 1; i <= middle; i++) {
    const id = idOf(i);
    const next = idOf(i + 1);
    const skip = idOf(Math.min(i + 2, blocks - 2));
    const pos = position(i);
    const slot = i % 6;
    if (extra > 0 && slot === 1) {
      // buttons with as many options as the remaining extra edges allow (2..4)
      const n = Math.min(4, 1 + extra);
      const options = Array.from({ length: n }, (_, k) => ({ id: `o${k + 1}`, label: `Choice ${k + 1} of step ${i}`, synonyms: [] }));
      raw.push({ id, kind: 'buttons', position: pos, data: { text: `Step ${i}: pick one`, options, variable: `choice${i}` } });
      options.forEach((o, k) => edge(id, o.id, k % 2 === 0 ? next : skip));
      extra -= n - 1;
    } else if (extra > 0 && slot === 3) {
      raw.push({ id, kind: 'condition', position: pos, data: { combinator: 'and', rules: [{ variable: 'score', op: 'gt', value: i }] } });
      edge(id, 'true', next);
      edge(id, 'false', skip);
      extra -= 1;
    } else if (slot === 5) {
      raw.push({
        id,
        kind: 'question',
        position: pos,
        data: { text: `Step ${i}: what is your email?`, inputType: 'email', variable: `email${i}` },
      });
      edge(id, 'next', next);
      if (extra > 0) {
        edge(id, 'fallback', skip);
        extra -= 1;
      }
    } else if (slot === 2) {
      raw.push({ id, kind: 'set_variable', position: pos, data: { assignments: [{ variable: 'score', op: 'add', value: 1 }] } });
      edge(id, 'next', next);
    } else if (slot === 4 && i % 60 === 4) {
      raw.push({ id, kind: 'notify', position: pos, data: { channel: 'email', to: ['team@example.com'], subject: `Step ${i}`, text: 'Customer {{name}} passed step ' + i } });
      edge(id, 'next', next);
    } else {
      raw.push({ id, kind: 'message', position: pos, data: { text: `Step ${i}: hello {{name}}, your score is {{score}}.` } });
      edge(id, 'next', next);
    }
  }

  raw.push({
    id: takeoverId,
    kind: 'human_takeover',
    position: position(blocks - 2),
    label: 'Hand over',
    data: { assignation: 'simple' },
  });
  for (const exit of ['resolved', 'no_agent', 'timeout']) edge(takeoverId, exit, endId);
  raw.push({ id: endId, kind: 'end', position: position(blocks - 1), data: { text: 'Goodbye!' } });

  const doc: FlowInput = {
    version: 1,
    id: `generated-${blocks}-${edges}`,
    name: `Generated flow (${blocks} blocks)`,
    blocks: raw as FlowInput['blocks'],
    edges: rawEdges,
    variables: [
      { name: 'name', type: 'string', default: 'friend' },
      { name: 'score', type: 'number', default: 0 },
    ],
    escalation: { targetBlockId: takeoverId },
  };
  return flowSchema.parse(doc);
}

/** Blocks and edges actually generated (edges may differ from the request when it is out of reach). */
export function generatedFlowStats(flow: Flow): { blocks: number; edges: number } {
  return { blocks: flow.blocks.length, edges: flow.edges.length };
}
