/**
 * Canned replies over the agent API, for the inbox and its admin screens alike. The list's revision goes back with
 * the save (hostile s11 #17): a save made on a list edited since (by hand in the agents file, or by another admin) is
 * refused with 409 instead of deleting what was added meanwhile.
 */
type Call = <T>(token: string, method: string, path: string, body?: unknown) => Promise<T>;

export function cannedRepliesClient<Reply>(call: Call) {
  let revision: number | undefined;
  return {
    cannedReplies: async (token: string): Promise<Reply[]> => {
      const out = await call<{ replies: Reply[]; revision?: number }>(token, 'GET', '/api/v1/agent/canned-replies');
      revision = out.revision;
      return out.replies;
    },
    saveCannedReplies: async (token: string, replies: Reply[]): Promise<Reply[]> => {
      const q = revision === undefined ? '' : `?revision=${revision}`;
      const out = await call<{ replies: Reply[]; revision?: number }>(token, 'PUT', `/api/v1/agent/canned-replies${q}`, { replies });
      revision = out.revision;
      return out.replies;
    },
  };
}
