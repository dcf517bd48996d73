/**
 * Why one message escalates (or not) through the support flow: tokens, the decision, every signal and near miss.
 *   npx tsx scripts/train-escalation/sensWhy.ts "message" ["message" ...]
 */
import { loadSupportFlow, REPORT_NOW } from '../../test/bench/escalationReport';
import { createSimulation } from '../../shared/simulator/createSimulation';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { canonicalTokens } from '../../shared/escalation/canonicalTokens';

const flow = loadSupportFlow();
for (const text of process.argv.slice(2)) {
  const sim = createSimulation(flow, { now: Date.parse(REPORT_NOW), conversationId: 'why', http: () => ({ ok: false, status: 0, body: null }) });
  sim.say('Something else');
  sim.advance(20_000);
  const a = analyzeText(text);
  console.log(`\n${text}\n  tokens: ${canonicalTokens(a).join(' ')}`);
  for (const step of sim.say(text)) {
    const d = step.decision;
    if (!d) continue;
    console.log(`  ${d.action} ${d.reason ?? ''}: ${d.explanation}`);
    for (const n of d.nearMisses ?? []) console.log(`  near: ${n.explanation}`);
  }
}
