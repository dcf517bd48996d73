/**
 * Session 35 (hostile s34 #15): Harbor Mutual's "my policy is hm 2231 0457" was read as a phone number too (the NLU's
 * phone pattern takes "2231 0457"), kept as customerPhone, and the agent's summary read "The customer (ana@example.com,
 * 22310457)", at the policy question and at the menu after it. A phone number whose digits lie inside a reference of
 * the flow's own shape (the example a reference question gives, with its letters: "e.g. HM-2231-0457"; block behaviour
 * `referenceShapes`) is that reference: it is remembered as one (the summary's "Reference: HM-2231-0457"), not as a
 * phone. Pure; the shapes are read once per flow object.
 * Session 37 (hostile s35 F8): the same for a shorter reference the NLU read inside it ("HM-2231-0457" typed at the menu
 * was the order "HM-2231"), and a reference of the flow's shape is remembered wherever it is typed. And, from the review
 * of session 36, the one rule for the reference a question takes as its answer too (it was remembered by the Question
 * block after the entity pass, and a second mechanism there cleared customerPhone after a digits-only policy answer).
 */
import type { Flow } from '../flow/schema';
import type { Entity } from '../nlu/types';
import type { AnsweredReference } from './behaviours/types';
import { referencesOfShape, type ReferenceShape } from './questionValidators';
import { behaviourOf } from './blockBehaviours';
import { analysedPart } from './analysedPart';
import { withoutCorrected } from './selfCorrection';

type Shapes = { kind: 'order_id' | 'policy_number'; shape: ReferenceShape }[];
/** The flow's reference shapes, and a test for their prefixes (no prefix in the text: no reference of them, no reading). */
type FlowShapes = { shapes: Shapes; gate: RegExp | null };
const SHAPES = new WeakMap<object, FlowShapes>();

function flowShapes(flow: Flow): FlowShapes {
  let got = SHAPES.get(flow);
  if (got === undefined) {
    const shapes: Shapes = [];
    for (const b of flow.blocks) {
      for (const x of behaviourOf(b.kind).referenceShapes?.(b) ?? []) {
        if (!shapes.some((y) => y.shape.example === x.shape.example)) shapes.push(x);
      }
    }
    const prefixes = shapes.map(({ shape }) => shape.groups[0]).flatMap((g) => (g?.kind === 'prefix' ? [g.text] : []));
    // Every shape starts with its prefix (question.ts referenceShapes keeps only those); one without: no gate.
    const gate = prefixes.length === shapes.length && shapes.length > 0 ? new RegExp(`(?<![A-Za-z0-9])(?:${prefixes.join('|')})`, 'i') : null;
    got = { shapes, gate };
    SHAPES.set(flow, got);
  }
  return got;
}

/**
 * `found` with each phone number or shorter reference that is part of a reference in `text` replaced by that reference,
 * and each such reference the NLU did not find added. The references: `answered`, the one the block waiting for the
 * message takes as its answer (Classified.reference: "2231 0457" at the policy question is HM-2231-0457, session 36's
 * hostile s35 F7), and those of the flow's own shapes anywhere (session 37, hostile s35 F8: "HM-2231-0457" typed at the
 * insurance menu was remembered as the order "HM-2231", so the agent's summary said "Reference: HM-2231" and "Look up
 * order HM-2231", and no policy number was kept).
 */
export function asFlowReferences(flow: Flow, text: string, given: Entity[], answered?: AnsweredReference): Entity[] {
  if (answered === undefined && !DIGIT.test(text)) return given;
  const { shapes: all, gate } = flowShapes(flow);
  const found = all.length === 0 ? given : given.map((e) => withShapePrefix(all, e));
  // (Session 37, perf: most messages with a digit hold no prefix of the flow's references: nothing read for them.)
  const shapes = gate === null || gate.test(text) ? all : [];
  if (answered === undefined && shapes.length === 0) return found;
  // A reference taken back ("HM-2231-0457 sorry I mean HM-2231-0458") is none (notTakenBack in engine.ts, selfCorrection.ts).
  const kept = shapes.length === 0 ? '' : withoutCorrected(analysedPart(text));
  const refs = shapes.flatMap(({ kind, shape }) => referencesOfShape(kept, shape).map((value) => ({ kind, value, key: alnum(value) })));
  if (answered !== undefined) refs.unshift({ kind: answered.type, value: answered.value, key: alnum(answered.value) });
  if (refs.length === 0) return found;
  const out: Entity[] = [];
  const add = (e: Entity) => {
    if (!out.some((x) => x.type === e.type && x.value === e.value)) out.push(e);
  };
  for (const e of found) {
    const part = e.type === 'phone' ? e.value.replace(/\D/g, '') : e.type === 'order_id' || e.type === 'policy_number' ? alnum(e.value) : '';
    const ref = part === '' ? undefined : refs.find((r) => r.key.includes(part));
    // (A phone keeps the words it was read in, as before; a shorter reference, a fragment of the whole, gives them up.)
    add(ref === undefined ? e : { type: ref.kind, value: ref.value, text: e.type === 'phone' || (e.type === ref.kind && e.value === ref.value) ? e.text : ref.value });
  }
  for (const r of refs) add({ type: r.kind, value: r.value, text: r.value });
  return out;
}

/**
 * Session 38 (hostile s37 #4): a reference the NLU read without the prefix of the flow's shape ("policy 2231 0457" ->
 * 2231-0457, Harbor Mutual's e.g. HM-2231-0457) is that reference when its digits have the shape's groups: the agent's
 * summary said "Reference: 2231".
 */
function withShapePrefix(shapes: Shapes, e: Entity): Entity {
  if ((e.type !== 'policy_number' && e.type !== 'order_id') || !/^\d/.test(e.value)) return e;
  for (const { kind, shape } of shapes) {
    const first = shape.groups[0];
    if (kind !== e.type || first?.kind !== 'prefix') continue;
    const value = referencesOfShape(`${first.text}-${e.value}`, shape)[0];
    if (value !== undefined && alnum(value) === `${first.text}${alnum(e.value)}`) return { ...e, value };
  }
  return e;
}

const DIGIT = /\d/;
const alnum = (v: string) => v.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
