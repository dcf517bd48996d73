/**
 * hostile s15 H#7: customers asking for a person one after another within the hub's re-read interval were all told
 * "Expected wait: under a minute" while the only agent's seats were taken: the estimate read the hub's copy of the
 * stored handoffs, re-read a tick or more after each step. Now each step's written handoffs reach the hub at once
 * (ConversationService onHandoffs, from a shard too: message 'h' before the step's answer) and the estimate counts
 * them. Real HTTP; no tick between the customers (the hub never re-reads here: the lag at its widest).
 * Needs rtfast's hunk /work/coord/s15/fixrt-H7-onHandoffs.patch (conversationService, shardWorker/Pool/Protocol,
 * startRuntime) with fixrt's agentHub.noteHandoffs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { stopAgentRuntimes } from './agentFixtures';
import { expectedWaitOf, withAnnsThreeSeats } from './waitFixture';

afterEach(stopAgentRuntimes);

async function burst(workers: string | undefined) {
  return withAnnsThreeSeats(workers, async (rt) => {
    const waits: string[] = [];
    for (let i = 0; i < 6; i++) {
      rt.clock.now += 50;
      const c = await rt.customerWantsPerson();
      waits.push(expectedWaitOf(c.reply.messages));
    }
    return waits;
  });
}

// Ann's 3 seats (the block's maxChatsPerAgent 3, her maxChats 3) take the first three; then one seat frees every
// 8/3 minutes on average (shared/handoff/estimateWait.ts): the 4th waits for 1 seat, the 5th for 2, the 6th for 3.
const EXPECTED = ['under a minute', 'under a minute', 'under a minute', 'about 3 minutes', 'about 6 minutes', 'about 8 minutes'];

describe('hostile s15 H#7: a burst of customers while the only agent fills up', () => {
  it('unsharded: the 4th, 5th and 6th are told the wait of the queue the earlier ones made', async () => {
    expect(await burst(undefined)).toEqual(EXPECTED);
  }, 30_000);

  it('baton serve --workers 1 (a shard steps the messages): the same', async () => {
    expect(await burst('1')).toEqual(EXPECTED);
  }, 30_000);
});
