/**
 * Deterministic synthetic customer conversations for the benchmarks and the property test.
 */
import type { ConversationState, Input } from '../../shared/engine/types';
import { shownButtons } from '../../shared/engine/shownButtons';

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

const items = ['jacket', 'blue sneakers', 'desk lamp', 'coffee grinder', 'wool scarf', 'phone case', 'backpack', 'kettle'];
const countries = ['Canada', 'Norway', 'Spain', 'Japan', 'Ireland', 'Brazil', 'Poland', 'Kenya'];
const openers = ['', '', 'hi, ', 'hello, ', 'quick question: ', 'sorry, ', 'hey ', 'um '];
const closers = ['', '', '', ' please', ' thanks', '?', ' thx', '!!'];

/** Templates with slots, so almost every generated message is different (as real ones are): no cache flatters the numbers. */
export const messageTemplates = [
  'where is my order {n}',
  'track my parcel NW-{n} please',
  'I want to return the {item} I bought last week',
  'how do returns work for a {item}',
  'what are your shipping costs to {country}',
  'do you ship to {country}',
  'when are you open on saturday',
  'can I pay for the {item} with paypal',
  'I need to change my delivery address to {n} High Street',
  'cancel my order {n}',
  'the {item} arrived damaged',
  'you charged me twice for order {n}',
  'I want to talk to a real person about my {item}',
  'this is useless, I have been trying for an hour to find my {item}!!!',
  'I need this sorted asap, my flight to {country} leaves in 20 minutes',
  "that's not what I asked about the {item}",
  'asdf {n}',
  'what is the capital of {country}',
];

/** Fills a template's slots and adds an opener and a closer. */
export function fillTemplate(template: string, rand: () => number): string {
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const body = template
    .replace('{n}', String(10000 + Math.floor(rand() * 90000)))
    .replace('{item}', pick(items))
    .replace('{country}', pick(countries));
  return pick(openers) + body + pick(closers);
}

const names = ['sam', 'priya', 'jonas', 'maria', 'li wei', 'tom', 'aisha', 'kofi', 'elena', 'ravi', 'noor', 'ben', 'yuki', 'carla', 'omar', 'ines'];
const domains = ['example.com', 'mail.example', 'post.example.org', 'example.net'];
const variantOpeners = ['', '', '', 'hi, ', 'hello, ', 'hey {name} here, ', "hi it's {name}, ", 'sorry, ', 'um ', 'ok so ', 'quick one: ', '{name} again: '];
const variantClosers = ['', '', '', ' please', ' thanks', ' thx', '!', '?', ' - {name}', ' (order {n})', ' cheers', ' asap'];

/**
 * Session 35: one variation of `text` (a pool message): its digits redrawn, an address made up, a name, an opener and a
 * closer added, so the same intent comes back as a text not seen before (real customers rarely type the same words twice,
 * and per-text memories in the engine must not make the bench's cost look lower than real traffic's).
 */
export function vary(text: string, rand: () => number): string {
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const fill = (s: string) => s.replaceAll('{name}', () => pick(names)).replaceAll('{n}', () => String(10000 + Math.floor(rand() * 90000)));
  if (/^\S+@\S+$/.test(text)) return `${pick(names).replace(' ', '.')}${Math.floor(rand() * 10000)}@${pick(domains)}`;
  const body = text.replace(/\d/g, () => String(Math.floor(rand() * 10)));
  return fill(pick(variantOpeners)) + body + fill(pick(variantClosers));
}

/**
 * Session 35: `count` customer messages, nearly all distinct: in turn a variation of the next pool message (the pool's
 * mix of intents, see `vary`) and a variation of a filled template. Deterministic for a seed. The benches' `distinct` pool.
 */
export function distinctMessages(count: number, seed = 35): string[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0 ? vary(messagePool[(i / 2) % messagePool.length], rand) : vary(fillTemplate(messageTemplates[Math.floor(rand() * messageTemplates.length)], rand), rand),
  );
}

/**
 * Session 35: the texts a bench sends, by BENCH_TEXTS (or `name`): `pool` = the 30 messages of `messagePool` over and
 * over (sessions 4-34's figures; per-text memories hit nearly always), `distinct` = 50,000 nearly all different texts
 * (`distinctMessages`). A typo stops the bench.
 */
export function benchTexts(name = process.env.BENCH_TEXTS ?? 'distinct'): { name: 'pool' | 'distinct'; texts: readonly string[] } {
  if (name === 'pool') return { name, texts: messagePool };
  if (name === 'distinct') return { name, texts: distinctMessages(50_000) };
  throw new Error(`BENCH_TEXTS=${JSON.stringify(name)}: expected distinct or pool`);
}

/**
 * A conversation: mostly typed messages, some clicks, and a few agent events. A click is `#k`: the k-th
 * button on screen when it is played (see `resolveClick`).
 */
export function randomConversation(rand: () => number, maxTurns = 8): Input[] {
  const n = 2 + Math.floor(rand() * (maxTurns - 1));
  const out: Input[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.35) out.push({ type: 'text', text: messagePool[Math.floor(rand() * messagePool.length)] });
    else if (r < 0.75) out.push({ type: 'text', text: fillTemplate(messageTemplates[Math.floor(rand() * messageTemplates.length)], rand) });
    else if (r < 0.9) out.push({ type: 'choice', buttonId: `#${Math.floor(rand() * 4)}` }); // the k-th button on screen
    // '#current': the handoff id is filled in from the state when the script is played (resolveClick).
    else if (r < 0.95) out.push({ type: 'agent_accepted', agentId: 'a1', agentName: 'Ana', handoffId: '#current', eventId: `ev${i}` });
    else out.push({ type: 'agent_handback', agentId: 'a1', handoffId: '#current', eventId: `ev${i}` });
  }
  return out;
}

/** Turns a `#k` click into the id of the k-th button on screen (null when none is shown). */
export function resolveClick(input: Input, state: Pick<ConversationState, 'mode' | 'waiting' | 'recentTranscript' | 'handoff'>): Input | null {
  if ('handoffId' in input && input.handoffId === '#current') return { ...input, handoffId: state.handoff?.id ?? 'none' };
  if (input.type !== 'choice' || !input.buttonId.startsWith('#')) return input;
  const buttons = shownButtons(state.recentTranscript, state);
  if (buttons.length === 0) return null;
  return { type: 'choice', buttonId: buttons[Number(input.buttonId.slice(1)) % buttons.length].id };
}
