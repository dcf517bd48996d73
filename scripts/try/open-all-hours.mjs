#!/usr/bin/env node
/**
 * Prints a copy of a flow file whose Human Takeover blocks take chats at any hour (their availability removed) and whose
 * Business hours blocks are open all day every day, to
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
// Session 45 (retest-studio s45 M1): Business hours blocks are opened too. Northwind sends a takeover's No agent path
// through "team_hours": with only the takeover opened, a customer there was told "Our team is offline now" while agents
// were online in the inbox.
const ALL_DAY = [{ from: '00:00', to: '24:00' }];
for (const block of flow.blocks) {
  if (!block?.data || typeof block.data !== 'object') continue;
  if (block.kind === 'human_takeover' && 'availability' in block.data) {
    delete block.data.availability;
    opened.push(`"${block.label || block.id}"`);
  } else if (block.kind === 'business_hours') {
    block.data.weekly = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ALL_DAY]));
    block.data.closedDates = [];
    opened.push(`"${block.label || block.id}"`);
  }
}
process.stdout.write(JSON.stringify(flow, null, 2) + '\n');
process.stderr.write(
  opened.length
    ? `open-all-hours: ${opened.join(', ')} now open${opened.length === 1 ? 's' : ''} at any hour in this copy (opening hours removed or set to all day; ${file} is unchanged)\n`
    : `open-all-hours: ${file} has no opening hours on its Human Takeover or Business hours blocks: it is already open at any hour (copied unchanged)\n`,
);
