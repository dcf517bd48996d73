/**
 * Where the bot picks up when an agent hands a conversation back, read from the flow and the conversation's waiting
 * state (pure; the agent API shows it so the agent can fill the next question's variable first). It follows the
 * engine's own rules: a takeover's handback resumes the block the bot was waiting at (agentTakeover.ts `resume`); a
 * Human Takeover block's handback follows its `resolved` exit (humanTakeover.ts).
 */
import { getBlockDefinition, isBlockKind, shapeOf } from '../flow/blockRegistry';

/** Where the bot picks up when the agent hands back (null when it is not waiting for a handoff, or unknown). */
export interface ResumePoint {
  blockId: string;
  kind: string;
  /** A Question block's text (as written in the flow, {{variables}} not filled) and the variable it saves into. */
  question: { text: string; variable: string; skipIfKnown: boolean } | null;
}

export function resumePoint(flow: unknown, waiting: unknown): ResumePoint | null {
  const w = waiting as { kind?: string; blockId?: string; takeoverFrom?: string } | null | undefined;
  const f = flow as { blocks?: Array<{ id: string; kind: string; data?: Record<string, unknown> }>; edges?: Array<{ from: string; exit: string; to: string }> } | null | undefined;
  if (!w || w.kind !== 'handoff' || typeof w.blockId !== 'string' || !f || !Array.isArray(f.blocks)) return null;
  const targetId = w.takeoverFrom !== undefined ? w.blockId : (f.edges ?? []).find((e) => e.from === w.blockId && e.exit === 'resolved')?.to;
  const block = targetId ? f.blocks.find((b) => b.id === targetId) : undefined;
  if (!block) return null;
  const data = block.data ?? {};
  // A block that asks one question into a variable and can skip a known answer (its definition has `skipIfKnown`).
  const shape = isBlockKind(block.kind) ? shapeOf(getBlockDefinition(block.kind).data) : null;
  const question =
    shape !== null && 'skipIfKnown' in shape && typeof data.text === 'string' && typeof data.variable === 'string'
      ? { text: data.text, variable: data.variable, skipIfKnown: data.skipIfKnown === true }
      : null;
  return { blockId: block.id, kind: block.kind, question };
}
