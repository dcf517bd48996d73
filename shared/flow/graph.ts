/**
 * Graph helpers over a parsed flow: where the conversation can go from a block, which blocks the start can
 * reach, which cycles never stop for the customer, and a layout-free copy for clean diffs.
 *
 * Every helper builds its adjacency once and walks it in O(blocks + edges): the validator calls these on
 * every keystroke in the studio, and flows can have hundreds of blocks.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import { blockDefinitions } from './blockRegistry';
import type { Flow } from './schema';

/** The parts of a flow the graph helpers read (a flow that only partly parsed still has these). */
export type FlowGraph = Pick<Flow, 'blocks' | 'edges'> & { escalation?: Pick<Flow['escalation'], 'targetBlockId'> | null };

/** exit -> target block id for one block. When two edges share an exit (a validation error), the first wins. */
export function outgoing(flow: Flow, blockId: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of flow.edges) if (e.from === blockId && !out.has(e.exit)) out.set(e.exit, e.to);
  return out;
}

/**
 * block id -> ids of the blocks the conversation can move to next: edge targets plus the blocks a kind
 * continues at without an edge (a Jump's target, `BlockDefinition.jumpsTo`). Targets that do not exist are
 * left out (the validator reports them separately).
 */
export function successors(flow: FlowGraph): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const b of flow.blocks) if (!next.has(b.id)) next.set(b.id, []);
  for (const e of flow.edges) {
    if (next.has(e.to)) next.get(e.from)?.push(e.to);
  }
  for (const b of flow.blocks) {
    const jumps = blockDefinitions[b.kind].jumpsTo;
    if (!jumps) continue;
    for (const to of jumps(b as never)) if (next.has(to)) next.get(b.id)!.push(to);
  }
  return next;
}

/**
 * Ids of every block reachable from the start block(s), following edges and jump targets. The escalation
 * policy's target counts as reached too: any conversation can be handed to it, from any block.
 */
export function reachableBlocks(flow: FlowGraph, next: Map<string, string[]> = successors(flow)): Set<string> {
  const seen = new Set<string>();
  const stack: string[] = [];
  const root = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    stack.push(id);
  };
  for (const b of flow.blocks) if (blockDefinitions[b.kind].isEntry) root(b.id);
  const target = flow.escalation?.targetBlockId;
  if (target && flow.blocks.some((b) => b.id === target && blockDefinitions[b.kind].isHandoffTarget)) root(target);
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const to of next.get(id) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return seen;
}

/**
 * A copy of the flow without its layout, so exported files diff on meaning rather than layout: no block
 * `position`, and no sticky notes or groups (canvas-only; parsing the file again gives them back empty).
 */
export function stripLayout(flow: Flow): Flow {
  const { notes: _notes, groups: _groups, ...logic } = flow as Flow & { notes?: unknown; groups?: unknown };
  return {
    ...logic,
    blocks: flow.blocks.map((b) => {
      const { position: _position, ...rest } = b;
      return rest as typeof b;
    }),
  } as Flow;
}

/**
 * Cycles the conversation could spin in forever without stopping for the customer: strongly connected
 * groups of blocks none of which waits for a customer message (`BlockDefinition.waitsForCustomer`).
 * Each group is returned as block ids in document order. Tarjan's algorithm, iterative so a long chain of
 * blocks cannot overflow the call stack.
 */
export function cyclesWithoutWait(flow: FlowGraph, all: Map<string, string[]> = successors(flow)): string[][] {
  const order = new Map<string, number>();
  flow.blocks.forEach((b, i) => {
    if (!order.has(b.id)) order.set(b.id, i);
  });
  const passive = new Set<string>();
  for (const b of flow.blocks) if (!blockDefinitions[b.kind].waitsForCustomer) passive.add(b.id);
  // Fast path (every edit in the studio): peel passive blocks with no passive predecessor (Kahn); when
  // all peel off there is no cycle and Tarjan's bookkeeping is skipped.
  if (!hasPassiveCycle(passive, all)) return [];
  // Only passive -> passive moves can form a cycle without a wait.
  const next = new Map<string, string[]>();
  for (const id of passive) next.set(id, (all.get(id) ?? []).filter((to) => passive.has(to)));

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  for (const root of passive) {
    if (index.has(root)) continue;
    // Each frame: node and the position of the next successor to visit.
    const frames: Array<{ id: string; i: number }> = [{ id: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter++;
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const succ = next.get(frame.id)!;
      if (frame.i < succ.length) {
        const to = succ[frame.i++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter);
          counter++;
          stack.push(to);
          onStack.add(to);
          frames.push({ id: to, i: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.id);
        const selfLoop = group.length === 1 && succ.includes(frame.id);
        if (group.length > 1 || selfLoop) {
          group.sort((a, b) => order.get(a)! - order.get(b)!);
          cycles.push(group);
        }
      }
    }
  }
  cycles.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
  return cycles;
}

/** True when the passive -> passive subgraph has a cycle (Kahn's algorithm: something fails to peel off). */
function hasPassiveCycle(passive: Set<string>, all: Map<string, string[]>): boolean {
  const indegree = new Map<string, number>();
  for (const id of passive) indegree.set(id, 0);
  for (const id of passive) for (const to of all.get(id) ?? []) if (passive.has(to)) indegree.set(to, indegree.get(to)! + 1);
  const ready: string[] = [];
  for (const [id, n] of indegree) if (n === 0) ready.push(id);
  let peeled = 0;
  while (ready.length > 0) {
    const id = ready.pop()!;
    peeled++;
    for (const to of all.get(id) ?? []) {
      if (!passive.has(to)) continue;
      const n = indegree.get(to)! - 1;
      indegree.set(to, n);
      if (n === 0) ready.push(to);
    }
  }
  return peeled < indegree.size;
}
