/** Session 48 (fe4): each turn's decision explanation for conversations of a set: fe4Why.ts FILE.jsonl ID [ID...] */
import { readFileSync } from 'node:fs';
import { loadSupportFlow, REPORT_NOW } from '../../test/bench/escalationReport';
import { createSimulation } from '../../shared/simulator/createSimulation';

const [file, ...ids] = process.argv.slice(2);
const flow = loadSupportFlow();
const convs = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).filter((c) => ids.some((i) => c.id.includes(i)));
for (const c of convs) {
  console.log(`\n## ${c.id} (${c.expect})`);
  const sim = createSimulation(flow, { now: Date.parse(REPORT_NOW), conversationId: c.id, http: () => ({ ok: false, status: 0, body: null }) });
  for (let t = 0; t < c.turns.length; t++) {
    if (t > 0) sim.advance(60_000);
    console.log(`  C: ${c.turns[t].slice(0, 100)}`);
    for (const step of sim.say(c.turns[t])) {
      const d = step.decision;
      if (d) console.log(`    [${d.action}${d.reason ? ' ' + d.reason : ''}] ${d.explanation?.slice(0, 400)}`);
    }
    const m = sim.state.escalation as { fallbacksInRow?: number; clearInRow?: number };
    console.log(`    mem fallbacksInRow=${m?.fallbacksInRow} clearInRow=${m?.clearInRow}`);
  }
}
