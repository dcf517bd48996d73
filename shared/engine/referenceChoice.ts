/**
 * Session 39 (fix, hostile s38 M3): references the customer names before the question that asks for them.
 * - "my policy is HM-2231-0457 and my claim is CL-558201" at the policy question: after "Follow up on a claim", "What is
 *   your claim reference? (e.g. CL-558201)" asked for it again. A Question that names no entity to take
 *   (`fromEntity`) but whose example is a reference with a prefix ("CL-558201") takes a reference of that very shape the
 *   customer gave earlier in the conversation (remembered entities) that no variable holds yet (a reference already
 *   used, a claim looked up before, is not taken for the next one).
 * - "what's happening with claim CL-558201?" at the insurer's menu got "Please choose one of the options.": a message
 *   holding a reference of the shape a Question on exactly one option's way asks for (its example, up to the next block
 *   that reads requests) picks that option; the question then takes the reference (above). A reference that fits the
 *   ways of two options (Northwind's order number: tracking and returns) picks nothing.
 */
import type { Block, BlockOf } from '../flow/schema';
import type { Run } from './run';
import { reachedFrom, readsRequests } from './otherRequest';
import { referenceShapes, referencesOfShape, type ReferenceShape } from './questionValidators';
import { behaviourOf } from './blockBehaviours';

const SHAPES = new WeakMap<object, ReferenceShape[]>();

/** The shapes of the references with a prefix ("CL-558201", "NW-104233") that an example in `texts` shows (cached by `key`). */
export function prefixedShapes(key: object, texts: readonly (string | undefined)[]): ReferenceShape[] {
  let s = SHAPES.get(key);
  if (s === undefined) {
    s = referenceShapes(texts).filter((shape) => shape.groups[0]?.kind === 'prefix');
    SHAPES.set(key, s);
  }
  return s;
}

/** The references of `shapes` in `text`. */
function referencesFor(shapes: readonly ReferenceShape[], text: string): string[] {
  const out: string[] = [];
  for (const shape of shapes) out.push(...referencesOfShape(text, shape));
  return out;
}

/** The values the conversation's variables hold, upper-cased (the latest message aside). */
function heldValues(run: Run): Set<string> {
  const held = new Set<string>();
  for (const [name, v] of Object.entries(run.s.variables)) if (name !== 'lastMessage' && typeof v === 'string') held.add(v.toUpperCase());
  return held;
}

/**
 * A reference of `shapes` (a Question's example) the customer gave earlier (remembered entities, newest first) that no
 * variable holds yet; null when none fits. The Question asks this only when it names no entity of its own to take
 * (`fromEntity`: its rule reads the latest message).
 */
export function referenceGivenEarlier(run: Run, shapes: readonly ReferenceShape[]): string | null {
  if (shapes.length === 0) return null;
  const list = run.s.entities;
  let held: Set<string> | null = null;
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i]!;
    if (e.type !== 'order_id' && e.type !== 'policy_number') continue;
    const found = referencesFor(shapes, e.value)[0];
    if (found === undefined) continue;
    held ??= heldValues(run);
    if (!held.has(found.toUpperCase())) return found;
  }
  return null;
}

/**
 * The option of a Buttons block whose way (up to the next block that reads requests) holds the only Question asking for
 * a reference of a shape `text` holds that no variable holds yet; null when none or several do (buttons.ts: not at a
 * confirmation whose fallback acts as one of its options).
 */
export function optionByReference(run: Run, block: BlockOf<'buttons'>, text: string): string | null {
  if (!/\d/.test(text)) return null;
  let picked: string | null = null;
  let held: Set<string> | null = null;
  for (const [option, questions] of questionsOnWays(run, block)) {
    // A reference a variable already holds (the one being confirmed, one looked up before) asks for nothing new.
    const fresh = (shapes: ReferenceShape[]) => referencesFor(shapes, text).some((r) => !(held ??= heldValues(run)).has(r.toUpperCase()));
    if (!questions.some(fresh)) continue;
    if (picked !== null) return null;
    picked = option;
  }
  return picked;
}

/** Per compiled flow and Buttons block: each option's example shapes of the blocks on its way (computed once). */
const WAYS = new WeakMap<object, Map<string, [string, ReferenceShape[][]][]>>();
function questionsOnWays(run: Run, block: BlockOf<'buttons'>): [string, ReferenceShape[][]][] {
  let byBlock = WAYS.get(run.c);
  if (byBlock === undefined) WAYS.set(run.c, (byBlock = new Map()));
  let ways = byBlock.get(block.id);
  if (ways === undefined) {
    ways = [];
    for (const o of block.data.options) {
      const first = run.c.exitOf(block.id, o.id);
      if (first === undefined) continue;
      const questions: ReferenceShape[][] = [];
      for (const id of reachedFrom(run, [first], readsRequests)) {
        const b = run.c.blocks.get(id) as Block | undefined;
        const shapes = b === undefined ? [] : (behaviourOf(b.kind).exampleReferenceShapes?.(b as never) ?? []);
        if (shapes.length > 0) questions.push(shapes);
      }
      if (questions.length > 0) ways.push([o.id, questions]);
    }
    byBlock.set(block.id, ways);
  }
  return ways;
}
