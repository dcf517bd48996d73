/**
 * Session 35 (hostile s34 #15): Harbor Mutual's "my policy is hm 2231 0457" was read as a phone number too (the NLU's
 * phone pattern takes "2231 0457"), kept as customerPhone, and the agent's summary read "The customer (ana@example.com,
 * 22310457)", at the policy question and at the menu after it. A phone number whose digits lie inside a reference of
 * the flow's own shape (the example a reference question gives, with its letters: "e.g. HM-2231-0457"; block behaviour
 * `referenceShapes`) is that reference: it is remembered as one (the summary's "Reference: HM-2231-0457"), not as a
 * phone. Pure; the shapes are read once per flow object.
 */
import type { Flow } from '../flow/schema';
import type { Entity } from '../nlu/types';
import { referencesOfShape, type ReferenceShape } from './questionValidators';
import { behaviourOf } from './blockBehaviours';

type Shapes = { kind: 'order_id' | 'policy_number'; shape: ReferenceShape }[];
const SHAPES = new WeakMap<object, Shapes>();

function flowShapes(flow: Flow): Shapes {
  let shapes = SHAPES.get(flow);
  if (shapes === undefined) {
    shapes = [];
    for (const b of flow.blocks) {
      for (const x of behaviourOf(b.kind).referenceShapes?.(b) ?? []) {
        if (!shapes.some((y) => y.shape.example === x.shape.example)) shapes.push(x);
      }
    }
    SHAPES.set(flow, shapes);
  }
  return shapes;
}

/** `found` with each phone number that is part of a reference of the flow's shape in `text` replaced by that reference. */
export function withoutReferencePhones(flow: Flow, text: string, found: Entity[]): Entity[] {
  if (!found.some((e) => e.type === 'phone')) return found;
  const shapes = flowShapes(flow);
  if (shapes.length === 0) return found;
  const refs = shapes.flatMap(({ kind, shape }) => referencesOfShape(text, shape).map((value) => ({ kind, value, digits: value.replace(/\D/g, '') })));
  if (refs.length === 0) return found;
  const out: Entity[] = [];
  for (const e of found) {
    const ref = e.type === 'phone' ? refs.find((r) => r.digits.includes(e.value.replace(/\D/g, ''))) : undefined;
    if (ref === undefined) out.push(e);
    else if (!out.some((x) => x.type === ref.kind && x.value === ref.value)) out.push({ type: ref.kind, value: ref.value, text: e.text });
  }
  return out;
}
