/**
 * Session 47 (studio14, newcomer s46 N19): a designer with no logged conversations could not try Simulator › Batch (a
 * bare file input, no sample). Two sources of conversations in the batch format (`{"id", "turns": [...]}` per line,
 * batchWhatIf.ts):
 * - `scenariosAsBatch`: the flow's saved scenarios, each one conversation of its customer's messages and button clicks
 *   (a click is typed as the button's label, which the batch reads as the click; `baton simulate` does the same);
 * - `flowSampleConversations`: when no scenario is saved, a few from the flow's own words: each button of the first menu
 *   the customer meets, each intent's first example phrase, a request for a person and an unclear message.
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { Flow } from '../flow/schema';
import { successors } from '../flow/graph';
import type { BatchConversation } from './batchWhatIf';
import type { ScenarioFile } from './scenarioSchema';

export interface ScenarioBatch {
  conversations: BatchConversation[];
  /** Names of the scenarios left out: marked skip, or no customer message. */
  left: { name: string; why: 'skipped' | 'no customer message' }[];
  /** Names of the scenarios that start elsewhere than Start or with variables set: played from Start with none. */
  fromStart: string[];
}

/** The label of the button a scenario's `click` names (a click may give an option's id or its label). */
function clickedLabel(flow: Flow, click: string): string {
  for (const b of flow.blocks) {
    if (b.kind !== 'buttons') continue;
    const option = b.data.options.find((o) => o.id === click);
    if (option) return option.label;
  }
  return click;
}

export function scenariosAsBatch(flow: Flow, file: Pick<ScenarioFile, 'scenarios'>): ScenarioBatch {
  const out: ScenarioBatch = { conversations: [], left: [], fromStart: [] };
  for (const s of file.scenarios) {
    if (s.skip) {
      out.left.push({ name: s.name, why: 'skipped' });
      continue;
    }
    const turns: string[] = [];
    for (const step of s.steps) {
      if ('say' in step) turns.push(step.say);
      else if ('click' in step) turns.push(clickedLabel(flow, step.click));
    }
    if (turns.length === 0) {
      out.left.push({ name: s.name, why: 'no customer message' });
      continue;
    }
    if (s.startAt || (s.variables && Object.keys(s.variables).length > 0)) out.fromStart.push(s.name);
    out.conversations.push({ id: s.name, turns });
  }
  return out;
}

/** The first Buttons or Intent router block a conversation from Start reaches (breadth first), or null. */
function firstMenu(flow: Flow) {
  const next = successors(flow);
  const seen = new Set<string>();
  const queue = flow.blocks.filter((b) => b.kind === 'start').map((b) => b.id);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const block = flow.blocks.find((b) => b.id === id);
    if (block && (block.kind === 'buttons' || block.kind === 'intent_router')) return block;
    queue.push(...(next.get(id) ?? []));
  }
  return null;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'option';

/** A handful of conversations made from the flow itself (see the file's comment). */
export function flowSampleConversations(flow: Flow): BatchConversation[] {
  const out: BatchConversation[] = [];
  const ids = new Set<string>();
  const add = (id: string, turns: string[]) => {
    let unique = id;
    for (let n = 2; ids.has(unique); n++) unique = `${id}-${n}`;
    ids.add(unique);
    out.push({ id: unique, turns });
  };
  const menu = firstMenu(flow);
  if (menu?.kind === 'buttons') for (const o of menu.data.options) add(`chooses-${slug(o.label)}`, [o.label]);
  if (menu?.kind === 'intent_router') for (const i of menu.data.intents) if (i.examples[0]) add(`asks-${slug(i.name)}`, [i.examples[0]]);
  add('asks-for-a-person', ['Can I talk to a person, please?']);
  add('unclear', ['hmm not sure', 'asdf']);
  return out;
}

/** Conversations as the JSONL file the Batch tab and `baton simulate --conversations` read. */
export function conversationsJsonl(conversations: readonly BatchConversation[]): string {
  return conversations.map((c) => JSON.stringify({ id: c.id, turns: c.turns })).join('\n') + '\n';
}
