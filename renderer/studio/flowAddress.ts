/**
 * The editor's address, `#/flow/<segment>` (session 36, newcomer s35 #5: after Flow settings › Flow id was changed to
 * "newcomer-shop", the address still read #/flow/untitled-flow, the studio's storage key, while the export file, the
 * chat address and Duplicate followed the id).
 *
 * What a designer expects: the address names the flow as everything else does, by its id, and any address they saved
 * before still opens the flow. So the key stays the flow's storage name (its file, journal, history and scenarios do not
 * move) and the address shows the id when the id says which flow it is; an address is read as a key first, then as an
 * id. The id is shown only when no other flow in this studio has it as its key or its id (two copies of a template
 * share an id): then the address keeps the key, which is always unique.
 *
 * Session 37 (newcomer s35, rest): an address saved while the id was B (id A, changed to B, then to C) opens the flow too:
 * the studio keeps each flow's former ids (FlowEntry.formerIds), and an address that is no flow's key or current id is
 * read as the one flow that had it. A current id always wins over a former one (the id may have been reused since).
 */

export interface FlowName {
  key: string;
  flowId: string;
  /** Ids the flow had before, newest first (absent from an older studio server). */
  formerIds?: readonly string[];
}

/** What the address of the flow stored as `key` with id `flowId` shows, given the studio's flows. */
export function addressSegment(key: string, flowId: string, flows: readonly FlowName[]): string {
  if (flowId === key || flowId === '') return key;
  const taken = flows.some((f) => f.key !== key && (f.key === flowId || f.flowId === flowId));
  return taken ? key : flowId;
}

/**
 * The storage key an address names: a key as it is; else the one flow whose id it is; else the one flow that once had
 * that id (and no flow has it now); null when it is none of these, or ambiguous.
 */
export function keyOfAddress(segment: string, flows: readonly FlowName[]): string | null {
  if (flows.some((f) => f.key === segment)) return segment;
  const byId = flows.filter((f) => f.flowId === segment);
  if (byId.length > 0) return byId.length === 1 ? byId[0].key : null;
  const byFormer = flows.filter((f) => f.formerIds?.includes(segment));
  return byFormer.length === 1 ? byFormer[0].key : null;
}

/** `#/flow/<segment>`. */
export const flowHash = (segment: string) => `#/flow/${encodeURIComponent(segment)}`;
