/**
 * Whether a Human Takeover block rates the chats its agent resolves: its `resolved` exit leads, through blocks that
 * only say something and go on by themselves (messages), to a block that asks for a rating (a CSAT block). The inbox's
 * Resolve asks the rating first when it does (runtime/agents/agentRoutes.ts, newcomer s9 #10). Pure; no kind names:
 * the block registry says what each block is.
 */
import { getBlockDefinition, isBlockKind } from './blockRegistry';

/** The least of a flow this needs (a stored flow revision is read as it is, not parsed again). */
export interface FlowGraphLike {
  blocks: ReadonlyArray<{ id: string; kind: string }>;
  edges: ReadonlyArray<{ from: string; exit?: string; to: string }>;
}

/** Messages passed at most on the way to the rating (a longer chain is not a rating "after resolving"). */
export const MAX_MESSAGES_BEFORE_RATING = 4;

export function takeoverRatesResolved(flow: FlowGraphLike, takeoverBlockId: string): boolean {
  const definition = (kind: string) => (isBlockKind(kind) ? getBlockDefinition(kind) : null);
  const blocks = new Map(flow.blocks.map((b) => [b.id, b]));
  const takeover = blocks.get(takeoverBlockId);
  if (!takeover || !definition(takeover.kind)?.isHandoffTarget) return false;
  let at = flow.edges.find((e) => e.from === takeoverBlockId && e.exit === 'resolved')?.to;
  for (let hops = 0; at !== undefined && hops <= MAX_MESSAGES_BEFORE_RATING; hops++) {
    const b = blocks.get(at);
    const def = b ? definition(b.kind) : null;
    if (!b || !def) return false;
    if (def.asksForRating) return true;
    // Only through blocks that say something and go on by themselves (a message), not through a question or a branch.
    if (def.waitsForCustomer || def.group !== 'Messages' || def.isEntry) return false;
    at = flow.edges.find((e) => e.from === b.id)?.to;
  }
  return false;
}
