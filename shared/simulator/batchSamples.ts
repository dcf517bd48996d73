/**
 * Session 47 (studio14, newcomer s46 N19): a designer with no logged conversations could not try Simulator › Batch (a
 * bare file input, no sample). Two sources of conversations in the batch format (`{"id", "turns": [...]}` per line,
 * batchWhatIf.ts):
 * - `scenariosAsBatch`: the flow's saved scenarios, each one conversation of its customer's messages and button clicks
 *   (a click is typed as the button's label, which the batch reads as the click; `baton simulate` does the same);
 * - `flowSampleConversations`: when no scenario is saved, a few from the flow's own words: the first menu the customer
 *   meets (its kind's `sampleAnswers`: each button, each intent's first example phrase, each route's first keyword), a
 *   request for a person and an unclear message.
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { Flow } from '../flow/schema';
import { blockDefinitions } from '../flow/blockRegistry';
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

/**
 * What a scenario's `click` types: a click may give an option's id or its label; an id is read through the option list
 * that makes a block's exits (`optionExits`, the registry's, no kind named here).
 */
function clickedLabel(flow: Flow, click: string): string {
  for (const b of flow.blocks) {
    const list = blockDefinitions[b.kind].optionExits;
    if (!list) continue;
    const items = (b.data as Record<string, unknown>)[list.field];
    if (!Array.isArray(items)) continue;
    const option = items.find((o) => o && typeof o === 'object' && (o as { id?: unknown }).id === click) as Record<string, unknown> | undefined;
    const label = option?.[list.labelField];
    if (typeof label === 'string' && label !== '') return label;
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

/** The first block from Start (breadth first) that has sample answers (a menu: Buttons, an intent or keyword router). */
function firstMenu(flow: Flow): { name: string; text: string }[] {
  const next = successors(flow);
  const seen = new Set<string>();
  const queue = flow.blocks.filter((b) => blockDefinitions[b.kind].isEntry).map((b) => b.id);
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const block = flow.blocks.find((b) => b.id === id);
    const answers = block ? blockDefinitions[block.kind].sampleAnswers?.(block as never) : undefined;
    if (answers && answers.length > 0) return answers;
    queue.push(...(next.get(id) ?? []));
  }
  return [];
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
  for (const a of firstMenu(flow)) add(slug(a.name), [a.text]);
  add('asks-for-a-person', ['Can I talk to a person, please?']);
  add('unclear', ['hmm not sure', 'asdf']);
  return out;
}

/** Conversations as the JSONL file the Batch tab and `baton simulate --conversations` read. */
export function conversationsJsonl(conversations: readonly BatchConversation[]): string {
  return conversations.map((c) => JSON.stringify({ id: c.id, turns: c.turns })).join('\n') + '\n';
}

/** One conversation as a line of a batch file, spaced for reading ({"id": "c1", "turns": ["hi", "Order status"]}). */
export function conversationLine(c: BatchConversation): string {
  return `{"id": ${JSON.stringify(c.id)}, "turns": [${c.turns.map((t) => JSON.stringify(t)).join(', ')}]}`;
}

/**
 * Session 49 (studio17, newcomer s47 N6): the Batch tab's example, made from the flow (the format was shown only as
 * `{"id", "turns": [...]}`, then as one made-up line): a conversation that answers the flow's first menu (a button's
 * label, an intent's example), one of several turns, and a request for a person.
 */
export function batchExampleLines(flow: Flow): string[] {
  const [menu, second] = firstMenu(flow);
  return [
    ...(menu ? [conversationLine({ id: slug(menu.name), turns: [menu.text] })] : []),
    // Session 50 (lead, newcomer s50 N8): a conversation of several turns from the flow too (its menu's second answer),
    // not an online shop's "where is my order?" in a vet's flow; a flow with no menu gets a neutral one.
    conversationLine(second ? { id: slug(second.name), turns: [second.text, 'thank you'] } : { id: 'c2', turns: ['hello', 'can you help me?'] }),
    conversationLine({ id: 'asks-for-a-person', turns: ['Can I talk to a person, please?'] }),
  ];
}
