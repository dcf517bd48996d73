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
 */

export interface FlowName {
  key: string;
  flowId: string;
}

/** What the address of the flow stored as `key` with id `flowId` shows, given the studio's flows. */
export function addressSegment(key: string, flowId: string, flows: readonly FlowName[]): string {
  if (flowId === key || flowId === '') return key;
  const taken = flows.some((f) => f.key !== key && (f.key === flowId || f.flowId === flowId));
  return taken ? key : flowId;
}

/**
 * The storage key an address names: a key as it is; else the one flow whose id it is; null when it is neither (or more
 * than one flow has that id).
 */
export function keyOfAddress(segment: string, flows: readonly FlowName[]): string | null {
  if (flows.some((f) => f.key === segment)) return segment;
  const byId = flows.filter((f) => f.flowId === segment);
  return byId.length === 1 ? byId[0].key : null;
}

/** `#/flow/<segment>`. */
export const flowHash = (segment: string) => `#/flow/${encodeURIComponent(segment)}`;
