/**
 * escmsg, session 14: print the reason and explanation the support flow gives each message (one per line on stdin,
 * ' || ' separates turns of one conversation), for the code at --root (default: this checkout).
 *   echo 'can someone from billing ring me' | npx tsx scripts/train-escalation/escmsg14Probe.ts [--root /tmp/escmsg-base]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const i = args.indexOf('--root');
const root = (i >= 0 ? args[i + 1] : here).replace(/\/?$/, '/');
const { loadFlowText } = await import(root + 'shared/flow/loadFlowText.ts');
const { playConversation } = await import(root + 'shared/simulator/playConversation.ts');
const flow = loadFlowText(readFileSync(root + 'flows/customer-support.json', 'utf8')).flow;
const now = Date.parse('2026-11-24T10:00:00Z');
for (const line of readFileSync(0, 'utf8').split('\n').filter((l) => l.trim() !== '')) {
  const turns = line.split(' || ');
  const p = playConversation(flow, 'probe', ['Something else', ...turns], now);
  const e = p.escalation;
  console.log(`${(e?.reason ?? 'none').padEnd(18)} ${line}${e ? e.signals.filter((s: { fired: boolean }) => s.fired !== false).map((s: { explanation: string }) => `\n    ${s.explanation}`).join('') : ''}`);
}
