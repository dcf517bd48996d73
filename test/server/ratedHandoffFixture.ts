/**
 * Shared set-up of the rating-privacy server tests (fixuiS15RatingPush, fixrtS16RatingLate): Ann, Bob and the admin
 * Boss online with a push stream each, a customer of the rated shop flow asks for a person, and Ann accepts.
 */
import { expect } from 'vitest';
import { ratedShopFlow } from './runtimeFixtures';
import { agent, handoffOf, hid, online, startAgentRuntime, tok } from './agentFixtures';
import { listenSse, type SseEvent } from '../support/sse';

export const ann = agent('ann', { name: 'Ann' });
export const bob = agent('bob', { name: 'Bob' });
export const boss = agent('boss', { name: 'Boss', admin: true });

/** `streams` collects the push streams opened, for the test's afterEach to abort. */
export async function ratedHandoffAcceptedByAnn(streams: AbortController[]) {
  const rt = await startAgentRuntime({ agents: [ann, bob, boss], flow: ratedShopFlow() });
  await online(rt, ann, bob);
  const seen = new Map<string, SseEvent[]>();
  for (const who of [ann, bob, boss]) {
    const got: SseEvent[] = [];
    seen.set(who.id, got);
    streams.push(listenSse(`${rt.url}/api/v1/agent/events`, (e) => got.push(e), tok(who)));
  }
  const c = await rt.customerWantsPerson();
  await rt.tick();
  const h = await handoffOf(rt, c.id, boss);
  expect((await rt.post(`${hid(h.id)}/accept`, {}, tok(ann))).status).toBe(200);
  return { rt, seen, c, h };
}
