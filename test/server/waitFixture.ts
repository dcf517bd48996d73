/**
 * Shared set-up of the wait-estimate burst tests (fixrtS15Wait, fixrtS16Burst): Ann online with 3 seats (the admin
 * Boss signed in too), unsharded or with BATON_TEST_WORKERS shard workers, restored afterwards.
 */
import { agent, online, startAgentRuntime, type AgentRuntime } from './agentFixtures';

const ann = agent('ann', { name: 'Ann', maxChats: 3 });
const boss = agent('boss', { name: 'Boss', admin: true });

export async function withAnnsThreeSeats<T>(workers: string | undefined, body: (rt: AgentRuntime) => Promise<T>): Promise<T> {
  const before = process.env.BATON_TEST_WORKERS;
  if (workers === undefined) delete process.env.BATON_TEST_WORKERS;
  else process.env.BATON_TEST_WORKERS = workers;
  try {
    const rt = await startAgentRuntime({ agents: [ann, boss] });
    await online(rt, ann);
    await rt.tick();
    return await body(rt);
  } finally {
    if (before === undefined) delete process.env.BATON_TEST_WORKERS;
    else process.env.BATON_TEST_WORKERS = before;
  }
}

/** The wait a reply's messages tell ("under a minute", "about 3 minutes"), or all they said when they tell none. */
export function expectedWaitOf(messages: Array<{ text: unknown }>): string {
  const said = messages.map((m) => String(m.text)).join(' ');
  return /Expected wait: ([^.]+)\./.exec(said)?.[1] ?? said;
}
