/**
 * Session 43 (studio6, newcomer s43 N5): a block reached from a Problems row showed its own problem list collapsed
 * ("▸ 1 problem, 2 warnings in this block") when it had more than two, so the problem clicked was not in view. The
 * Problems list asks for it open; the inspector (mounted already or about to be) opens it.
 */
const EVENT = 'baton:open-block-problems';
let pending: string | null = null;

export function requestBlockProblemsOpen(blockId: string): void {
  pending = blockId;
  if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(EVENT, { detail: blockId }));
}

/** True (once) when the Problems list asked for `blockId`'s problems open. */
export function takeBlockProblemsOpen(blockId: string): boolean {
  if (pending !== blockId) return false;
  pending = null;
  return true;
}

export function onBlockProblemsOpen(f: (blockId: string) => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const on = (e: Event) => f((e as CustomEvent<string>).detail);
  window.addEventListener(EVENT, on);
  return () => window.removeEventListener(EVENT, on);
}
