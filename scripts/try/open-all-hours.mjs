#!/usr/bin/env node
/**
 * Prints a copy of a flow file whose Human Takeover blocks take chats at any hour (their availability removed), to
 * try the agent inbox outside the flow's opening hours (newcomer s7 #2: the sample flow's team works Mon-Fri 8-20,
 * Sat 9-13 UK time). The flow id stays the same, so the chat page and the API paths do not change.
 *
 *   node scripts/try/open-all-hours.mjs flows/customer-support.json > /tmp/customer-support-open.json
 *   npx baton serve /tmp/customer-support-open.json --agents agents.json
 *
 * Plain Node (no build, no dependencies). The original file is not touched. What changed is said on stderr.
 */
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file || process.argv.length > 3 || file === '--help' || file === '-h') {
  process.stderr.write('usage: node scripts/try/open-all-hours.mjs FLOW.json > COPY.json\n');
  process.exit(file === '--help' || file === '-h' ? 0 : 2);
}
let flow;
try {
  flow = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  process.stderr.write(`open-all-hours: ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}\n`);
  process.exit(1);
}
if (!flow || typeof flow !== 'object' || !Array.isArray(flow.blocks)) {
  process.stderr.write(`open-all-hours: ${file}: not a Baton flow (no "blocks" list)\n`);
  process.exit(1);
}
const opened = [];
for (const block of flow.blocks) {
  if (block?.kind !== 'human_takeover' || !block.data || typeof block.data !== 'object' || !('availability' in block.data)) continue;
  delete block.data.availability;
  opened.push(`"${block.label || block.id}"`);
}
process.stdout.write(JSON.stringify(flow, null, 2) + '\n');
process.stderr.write(
  opened.length
    ? `open-all-hours: ${opened.join(', ')} now take${opened.length === 1 ? 's' : ''} chats at any hour in this copy (opening hours removed; ${file} is unchanged)\n`
    : `open-all-hours: ${file} has no opening hours on its Human Takeover blocks: it already takes chats at any hour (copied unchanged)\n`,
);
