/**
 * Why one conversation escalates (or not): plays it through flows/customer-support.json at the reports' clock and prints
 * the decision's reason and explanation.
 *
 *   npx tsx scripts/train-escalation/why.ts FILE.jsonl ID [ID ...]     # conversations of a corpus by id
 *   npx tsx scripts/train-escalation/why.ts --text "a message" [...]   # a message after "Something else"
 */
import { loadItems } from './roundEight';
import { loadSupportFlow, REPORT_NOW } from '../../test/bench/escalationReport';
import { playConversation } from '../../shared/simulator/playConversation';

const args = process.argv.slice(2);
const flow = loadSupportFlow();
const now = Date.parse(REPORT_NOW);
const convs =
  args[0] === '--text'
    ? args.slice(1).map((t, i) => ({ id: `text-${i + 1}`, expect: '?', turns: ['Something else', t] }))
    : loadItems(args[0]).filter((it) => args.slice(1).includes(it.id));
for (const c of convs) {
  const r = playConversation(flow, c.id, c.turns, now);
  const e = r.escalation;
  console.log(`${c.id} (${c.expect}) -> ${e?.reason ?? 'none'}${e ? ` at turn ${e.turn}` : ''}: ${JSON.stringify(c.turns)}`);
  for (const s of e?.signals ?? []) console.log(`    ${s.reason} [${s.source}] ${s.explanation}`);
}
