/**
 * Session 43 (menus): the menu test set (test/fixtures/menus/menuSet.json, 184 messages typed at the four sample flows'
 * Buttons blocks, written from the option labels before the matcher was read) scored two ways:
 * - matcher: matchButton on the block's compiled options (what TurnFacts.picked reports);
 * - engine: the whole step with the conversation waiting at that block, opening hours, nobody online: the option whose
 *   exit the step followed, "handover" when it handed over, "none" when it stayed or went by the fallback.
 * A pick is right when it is the labelled option or one of its alsoOk; a wrong pick (another option) is worse than none.
 *   npx tsx test/bench/menuSet.ts [--set FILE] [--flows DIR] [--list]   (--set: menuSetHeldOut.json; --flows: another flows directory)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { compileFlow } from '../../shared/engine/compileFlow';
import { matchButton } from '../../shared/engine/matchButton';
import { receive, start } from '../../shared/engine/engine';
import type { BlockOf, Flow } from '../../shared/flow/schema';

interface Case { flow: string; block: string; voice: string; text: string; expect: string; alsoOk?: string[] }
const args = process.argv.slice(2);
const flowsDir = args.includes('--flows') ? args[args.indexOf('--flows') + 1] : join(import.meta.dirname, '../../flows');
const list = args.includes('--list');
const setFile = args.includes('--set') ? args[args.indexOf('--set') + 1] : join(import.meta.dirname, '../fixtures/menus/menuSet.json');
const cases: Case[] = JSON.parse(readFileSync(setFile, 'utf8'));
const flows = new Map<string, Flow>();
const flowOf = (name: string) => {
  let f = flows.get(name);
  if (f === undefined) {
    f = loadFlowText(readFileSync(join(flowsDir, `${name}.json`), 'utf8')).flow!;
    flows.set(name, f);
  }
  return f;
};
const NOW = Date.parse('2026-03-09T11:30:00Z');

function byMatcher(c: Case): string {
  const flow = flowOf(c.flow);
  const compiled = compileFlow(flow);
  const block = compiled.blocks.get(c.block) as BlockOf<'buttons'>;
  return matchButton(compiled.buttons(block), c.text)?.id ?? 'none';
}

function byEngine(c: Case): string {
  const flow = flowOf(c.flow);
  const compiled = compileFlow(flow);
  const block = compiled.blocks.get(c.block) as BlockOf<'buttons'>;
  const first = start(flow, { now: NOW, conversationId: 'm1', agents: [] });
  const state = { ...first.state, waiting: { kind: 'input' as const, blockId: c.block, retries: 0 } };
  const step = receive(flow, state, { type: 'text', text: c.text }, { now: NOW, agents: [] });
  if (step.state.mode !== 'bot' || step.effects.some((e) => e.type === 'handoff_request')) return 'handover';
  // A block that stores the choice: the value stored (options leading to one block are told apart by it).
  const variable = block.data.variable;
  if (variable) {
    const stored = step.state.variables[variable];
    const byValue = block.data.options.filter((o) => (o.value ?? o.label) === stored);
    if (stored !== undefined && stored !== first.state.variables[variable] && byValue.length === 1) return byValue[0].id;
  }
  // Else the one option whose exit's block the step reached, directly or through a router wired to the fallback (the
  // customer lands where that option leads).
  const fallback = compiled.exitOf(c.block, 'fallback');
  const reached = block.data.options.filter((o) => {
    const target = compiled.exitOf(c.block, o.id);
    return target !== undefined && target !== c.block && target !== fallback && step.visited.includes(target);
  });
  return reached.length === 1 ? reached[0].id : 'none';
}

function score(name: string, read: (c: Case) => string): void {
  let right = 0, wrong = 0, missed = 0, noneRight = 0, noneCases = 0, handover = 0;
  const byVoice: Record<string, { n: number; right: number; wrong: number }> = {};
  const lines: string[] = [];
  for (const c of cases) {
    const got = read(c);
    const ok = got === c.expect || (c.alsoOk ?? []).includes(got);
    const v = (byVoice[c.voice] ??= { n: 0, right: 0, wrong: 0 });
    v.n++;
    if (c.expect === 'none') noneCases++;
    if (ok) {
      right++;
      v.right++;
      if (c.expect === 'none' && got === 'none') noneRight++;
    } else if (got === 'none') missed++;
    else if (got === 'handover') handover++;
    else {
      wrong++;
      v.wrong++;
    }
    if (!ok) lines.push(`  ${got === 'none' ? 'MISS ' : got === 'handover' ? 'HAND ' : 'WRONG'} ${c.flow}/${c.block} [${c.voice}] "${c.text}" -> ${got} (want ${c.expect}${c.alsoOk ? '/' + c.alsoOk.join(',') : ''})`);
  }
  console.log(`${name}: ${right}/${cases.length} right (${((100 * right) / cases.length).toFixed(1)}%), wrong picks ${wrong}, missed ${missed}${handover ? `, handed over ${handover}` : ''}; "none" cases right ${noneRight}/${noneCases}`);
  console.log('  by voice: ' + Object.entries(byVoice).map(([k, v]) => `${k} ${v.right}/${v.n} (wrong ${v.wrong})`).join(', '));
  if (list) console.log(lines.join('\n'));
}

score('matcher', byMatcher);
score('engine', byEngine);
