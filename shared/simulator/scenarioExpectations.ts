/**
 * Checks one `expect` step of a scenario against what happened since the previous `expect` (the segment)
 * and the conversation's state now. Returns the FIRST difference, in the order the fields are listed in
 * `expectationSchema`, with the expected and actual values in words and the block to focus in the studio.
 * Pure.
 */
import { didYouMean } from '../flow/zodProblems';
import type { Button, ConversationState, Effect, OutMessage, Step } from '../engine/types';
import type { Value } from '../flow/schema';
import type { EffectMatcher, Expectation } from './scenarioSchema';
import { textMatcher } from './scenarioText';

export interface Segment {
  /** Engine steps since the previous `expect` (or the start). */
  steps: readonly Step[];
  /** The state now. */
  state: ConversationState;
  /** Buttons shown now. */
  buttons: readonly Button[];
  /**
   * The ids of the flow's blocks: an expectation naming a block the flow does not have fails, saying so (session 50,
   * studio18, hostile s50 L3: `notReaches` of a deleted block passed for ever). Absent: not checked.
   */
  blockIds?: readonly string[];
}

export interface Difference {
  /** The expectation field that differs, e.g. "botSays". */
  check: keyof Expectation;
  expected: string;
  actual: string;
  /** The block to focus in the studio. */
  blockId: string | null;
}

const list = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const quote = (s: string, max = 160) => JSON.stringify(s.length > max ? `${s.slice(0, max - 1)}…` : s);

function path(visited: readonly string[]): string {
  if (visited.length === 0) return 'no block was visited';
  const shown = visited.length > 14 ? [...visited.slice(0, 6), '…', ...visited.slice(-6)] : visited;
  return `visited ${shown.join(' → ')}`;
}

function messages(seg: Segment, from: OutMessage['from']): OutMessage[] {
  return seg.steps.flatMap((s) => s.messages).filter((m) => m.from === from);
}

function saidSummary(said: OutMessage[], who: string): string {
  if (said.length === 0) return `the ${who} said nothing`;
  const shown = said.length > 4 ? said.slice(-4) : said;
  return `the ${who} said ${shown.map((m) => quote(m.text)).join(', then ')}${said.length > 4 ? ` (last 4 of ${said.length})` : ''}`;
}

function valueText(v: Value | undefined): string {
  return v === undefined || v === null ? 'not set' : JSON.stringify(v);
}

/** Text an effect carries, for `text` matchers. */
function effectTexts(e: Effect): string[] {
  switch (e.type) {
    case 'notify':
      return [e.subject, e.text];
    case 'create_ticket':
      return [e.issue, e.summary];
    case 'handoff_request':
      return [e.context.summary, e.context.suggestedResolution];
    case 'relay_to_agent':
      return [e.text];
    case 'http_request':
      return [e.url, e.body];
    default:
      return [];
  }
}

function effectStatus(e: Effect): string | null {
  if (e.type === 'handoff_request' || e.type === 'handoff_update') return e.handoff.status;
  if (e.type === 'create_ticket') return e.priority;
  if (e.type === 'end') return e.reason;
  if (e.type === 'record_csat') return String(e.score);
  return null;
}

export function describeEffect(e: Effect): string {
  switch (e.type) {
    case 'notify':
      return `notify ${e.channel} to ${e.to.join(', ')}`;
    case 'handoff_request':
    case 'handoff_update':
      return `${e.type} (${e.handoff.status})`;
    case 'create_ticket':
      return `create_ticket (${e.priority})`;
    case 'end':
      return `end (${e.reason})`;
    case 'record_csat':
      return `record_csat (${e.score})`;
    default:
      return e.type;
  }
}

function matchesEffect(m: EffectMatcher, e: Effect): boolean {
  if (e.type !== m.type) return false;
  if (m.channel !== undefined && (e.type !== 'notify' || e.channel !== m.channel)) return false;
  if (m.to !== undefined && (e.type !== 'notify' || !e.to.some((t) => t.toLowerCase() === m.to!.toLowerCase()))) return false;
  if (m.status !== undefined && effectStatus(e)?.toLowerCase() !== m.status.toLowerCase()) return false;
  if (m.text !== undefined) {
    const tm = textMatcher(m.text);
    if (!tm.ok || !effectTexts(e).some((t) => tm.test(t))) return false;
  }
  return true;
}

function describeMatcher(m: EffectMatcher): string {
  const parts: string[] = [m.type];
  if (m.channel) parts.push(`channel ${m.channel}`);
  if (m.to) parts.push(`to ${m.to}`);
  if (m.status) parts.push(`status ${m.status}`);
  if (m.text) parts.push(`with text ${quote(m.text)}`);
  return `a ${parts.join(', ')} effect`;
}

/** The first difference between the expectation and what happened, or null when it holds. */
export function checkExpectation(exp: Expectation, seg: Segment): Difference | null {
  const s = seg.state;
  const visited = seg.steps.flatMap((st) => st.visited);
  const here = s.waiting?.blockId ?? visited[visited.length - 1] ?? null;
  const effects = seg.steps.flatMap((st) => st.effects).filter((e) => e.type !== 'set_timer' && e.type !== 'cancel_timer');

  if (seg.blockIds) {
    const ids = new Set(seg.blockIds);
    const named: [keyof Expectation, string][] = [
      ...list(exp.reaches).map((id): [keyof Expectation, string] => ['reaches', id]),
      ...list(exp.notReaches).map((id): [keyof Expectation, string] => ['notReaches', id]),
      ...(typeof exp.waitingAt === 'string' ? [['waitingAt', exp.waitingAt] as [keyof Expectation, string]] : []),
    ];
    for (const [check, id] of named) {
      if (ids.has(id)) continue;
      const guess = didYouMean(id, seg.blockIds);
      return {
        check,
        expected: `${check} names a block of the flow ("${id}")`,
        actual: `the flow has no block with the id "${id}" (deleted, or its id changed), so this check ${check === 'notReaches' ? 'could never fail' : 'could never pass'}.${guess ? ` Did you mean "${guess}"?` : ''} Change the id in the scenario, or remove it.`,
        blockId: null,
      };
    }
  }
  for (const id of list(exp.reaches)) {
    if (!visited.includes(id)) return { check: 'reaches', expected: `reaches block "${id}"`, actual: path(visited), blockId: here };
  }
  for (const id of list(exp.notReaches)) {
    if (visited.includes(id)) return { check: 'notReaches', expected: `does not reach block "${id}"`, actual: path(visited), blockId: id };
  }
  if (exp.waitingAt !== undefined) {
    const at = s.waiting?.blockId ?? null;
    if (at !== exp.waitingAt) {
      return {
        check: 'waitingAt',
        expected: exp.waitingAt === null ? 'waits at no block' : `waits at block "${exp.waitingAt}"`,
        actual: at === null ? `waits at no block (mode ${s.mode})` : `waits at block "${at}" (${s.waiting!.kind})`,
        blockId: at ?? exp.waitingAt,
      };
    }
  }
  const bot = messages(seg, 'bot');
  for (const spec of list(exp.botSays)) {
    const m = textMatcher(spec);
    if (!m.ok) return { check: 'botSays', expected: spec, actual: m.message, blockId: here };
    if (!bot.some((b) => m.test(b.text))) {
      return { check: 'botSays', expected: `the bot says ${m.describe}`, actual: saidSummary(bot, 'bot'), blockId: bot[bot.length - 1]?.blockId ?? here };
    }
  }
  for (const spec of list(exp.botDoesNotSay)) {
    const m = textMatcher(spec);
    if (!m.ok) return { check: 'botDoesNotSay', expected: spec, actual: m.message, blockId: here };
    const hit = bot.find((b) => m.test(b.text));
    if (hit) return { check: 'botDoesNotSay', expected: `the bot never says ${m.describe}`, actual: `the bot said ${quote(hit.text)}`, blockId: hit.blockId ?? here };
  }
  const agent = messages(seg, 'agent');
  for (const spec of list(exp.agentSays)) {
    const m = textMatcher(spec);
    if (!m.ok) return { check: 'agentSays', expected: spec, actual: m.message, blockId: here };
    if (!agent.some((b) => m.test(b.text))) return { check: 'agentSays', expected: `the agent says ${m.describe}`, actual: saidSummary(agent, 'agent'), blockId: here };
  }
  if (exp.escalates !== undefined) {
    const decisions = seg.steps.map((st) => st.decision).filter((d) => d !== null);
    const first = decisions.find((d) => d.reason && (d.action === 'handoff' || d.action === 'offer')) ?? null;
    if (exp.escalates === false && first) {
      return {
        check: 'escalates',
        expected: 'no escalation',
        actual: `escalated (${first.action}) for ${first.reason}: ${first.explanation}`,
        blockId: here,
      };
    }
    if (exp.escalates !== false && first?.reason !== exp.escalates) {
      const last = decisions[decisions.length - 1];
      return {
        check: 'escalates',
        expected: `escalates for ${exp.escalates}`,
        actual: first
          ? `escalated (${first.action}) for ${first.reason}: ${first.explanation}`
          : `no escalation${last ? ` (last decision: ${last.explanation})` : ''}`,
        blockId: here,
      };
    }
  }
  if (exp.handoff !== undefined) {
    const want = typeof exp.handoff === 'string' ? { status: exp.handoff } : exp.handoff;
    const h = s.handoff;
    const status = h ? h.status : 'none';
    const actual = h
      ? `handoff ${h.id} is ${h.status}${h.agentName ? ` with ${h.agentName}` : ''} (reason ${h.reason})`
      : 'there is no handoff';
    const focus = h?.blockId ?? here;
    if (want.status !== undefined && want.status !== status) return { check: 'handoff', expected: `handoff ${want.status}`, actual, blockId: focus };
    if (want.agent !== undefined) {
      const a = want.agent.toLowerCase();
      if (!h || (h.agentName?.toLowerCase() !== a && h.agentId?.toLowerCase() !== a)) return { check: 'handoff', expected: `handoff with agent ${want.agent}`, actual, blockId: focus };
    }
    if (want.reason !== undefined && h?.reason !== want.reason) return { check: 'handoff', expected: `handoff for reason ${want.reason}`, actual, blockId: focus };
  }
  if (exp.mode !== undefined && s.mode !== exp.mode) {
    return { check: 'mode', expected: `mode ${exp.mode}`, actual: `mode ${s.mode}${s.waiting ? ` (waiting at "${s.waiting.blockId}")` : ''}`, blockId: here };
  }
  for (const [name, want] of Object.entries(exp.variables ?? {})) {
    const got = Object.prototype.hasOwnProperty.call(s.variables, name) ? s.variables[name] : undefined;
    const same = (got ?? null) === want || (typeof got === 'number' && typeof want === 'number' && Object.is(got, want));
    if (!same) return { check: 'variables', expected: `${name} = ${valueText(want)}`, actual: `${name} = ${valueText(got)}`, blockId: here };
  }
  for (const m of exp.effects ?? []) {
    if (!effects.some((e) => matchesEffect(m, e))) {
      return {
        check: 'effects',
        expected: describeMatcher(m),
        actual: effects.length ? `effects emitted: ${effects.map(describeEffect).join('; ')}` : 'no effects were emitted',
        blockId: here,
      };
    }
  }
  for (const type of exp.noEffects ?? []) {
    const hit = effects.find((e) => e.type === type);
    if (hit) return { check: 'noEffects', expected: `no ${type} effect`, actual: `emitted ${describeEffect(hit)}`, blockId: here };
  }
  if (exp.buttons !== undefined) {
    const labels = seg.buttons.map((b) => b.label);
    if (labels.length !== exp.buttons.length || labels.some((l, i) => l !== exp.buttons![i])) {
      return {
        check: 'buttons',
        expected: exp.buttons.length ? `buttons ${exp.buttons.map((b) => quote(b)).join(', ')}` : 'no buttons shown',
        actual: labels.length ? `buttons ${labels.map((b) => quote(b)).join(', ')}` : 'no buttons shown',
        blockId: here,
      };
    }
  }
  return null;
}
