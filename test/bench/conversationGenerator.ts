/**
 * Deterministic synthetic customer conversations for the benchmarks and the property test.
 */
import type { Input } from '../../shared/engine/types';

/** Mulberry32: a tiny seeded PRNG, so every run generates the same conversations. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What customers of an online shop type, from routine questions to escalation triggers. */
export const messagePool = [
  'hi',
  'hello there',
  'where is my order?',
  'track my parcel please',
  'NW-204981',
  'my order number is 55321',
  'I want to return a jacket',
  'how do returns work',
  'what are your shipping costs',
  'do you ship to Canada',
  'when are you open',
  'can I pay with paypal',
  'I need to change my delivery address',
  'cancel my order',
  'thanks!',
  'ok',
  'yes',
  'no',
  'jane@example.com',
  'the blue one',
  'asdfgh',
  'what is the meaning of life',
  'I want to talk to a real person',
  'this is useless, I have been trying for an hour!!!',
  'you charged me twice for the same order',
  'my account got hacked',
  'I need this sorted asap, my flight leaves in 20 minutes',
  "that's not what I asked",
  'where is my order?',
  'where is my order??',
];

/** A conversation: mostly typed messages, some clicks on the first menu options, and a few agent events. */
export function randomConversation(rand: () => number, maxTurns = 8): Input[] {
  const n = 2 + Math.floor(rand() * (maxTurns - 1));
  const out: Input[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.75) out.push({ type: 'text', text: messagePool[Math.floor(rand() * messagePool.length)] });
    else if (r < 0.9) out.push({ type: 'choice', buttonId: ['track', 'returns', 'shipping', 'other', 'yes', 'no', '5'][Math.floor(rand() * 7)] });
    else if (r < 0.95) out.push({ type: 'agent_accepted', agentId: 'a1', agentName: 'Ana' });
    else out.push({ type: 'agent_handback', agentId: 'a1' });
  }
  return out;
}
