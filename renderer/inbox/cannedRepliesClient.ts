/**
 * Canned replies over the agent API, for the inbox and its admin screens alike. The list's revision goes back with
 * the save (hostile s11 #17): a save made on a list edited since (by hand in the agents file, or by another admin) is
 * refused with 409 instead of deleting what was added meanwhile.
 */
type Call = <T>(token: string, method: string, path: string, body?: unknown) => Promise<T>;

export function cannedRepliesClient<Reply>(call: Call) {
  let revision: number | undefined;
  /** The list, and (admins) the agents file's problem now: null when it reads (newcomer s12 #15). */
  const cannedRepliesFile = async (token: string): Promise<{ replies: Reply[]; fileProblem: string | null }> => {
    const out = await call<{ replies: Reply[]; revision?: number; fileProblem?: unknown }>(token, 'GET', '/api/v1/agent/canned-replies');
    revision = out.revision;
    return { replies: out.replies, fileProblem: typeof out.fileProblem === 'string' ? out.fileProblem : null };
  };
  return {
    cannedReplies: async (token: string): Promise<Reply[]> => (await cannedRepliesFile(token)).replies,
    cannedRepliesFile,
    saveCannedReplies: async (token: string, replies: Reply[]): Promise<Reply[]> => {
      const q = revision === undefined ? '' : `?revision=${revision}`;
      const out = await call<{ replies: Reply[]; revision?: number }>(token, 'PUT', `/api/v1/agent/canned-replies${q}`, { replies });
      revision = out.revision;
      return out.replies;
    },
  };
}
