/** A conversation record as the store tests write it (flow 'f', revision 'r1', mode bot, times 1). */
export const storeRecord = (id: string, state: unknown, lastSeq = 0) => ({
  id,
  flowId: 'f',
  flowRevision: 'r1',
  tokenHash: 'ab',
  state,
  mode: 'bot' as const,
  lastSeq,
  createdAt: 1,
  updatedAt: 1,
  closedAt: null,
});
