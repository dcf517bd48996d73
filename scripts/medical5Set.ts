// Session 44 (medical5): counts of the symptom set read as emergencies (detectUrgency's emergency flag).
// `npx tsx scripts/medical5Set.ts [-v] [file.json]` (default test/fixtures/medical5/symptomSet.json).
import { readFileSync } from 'node:fs';
import { detectUrgency } from '../shared/escalation/detectors/detectUrgency';
import { fires, policy } from '../test/unit/escalation/facts';
const verbose = process.argv.includes('-v');
const file = process.argv.slice(2).find((a) => a.endsWith('.json')) ?? new URL('../test/fixtures/medical5/symptomSet.json', import.meta.url).pathname;
const set = JSON.parse(readFileSync(file, 'utf8')) as { fire: { text: string }[]; not: { text: string; deadline?: boolean }[] };
let pos = 0;
let neg = 0;
for (const { text } of set.fire) {
  const s = fires(detectUrgency, text, policy());
  const ok = s?.reason === 'urgency' && s.emergency === true;
  if (ok) pos++;
  if (verbose) console.log(ok ? 'fired   ' : 'MISSED  ', JSON.stringify(text), s ? `(${s.reason} emergency=${s.emergency} ${s.evidence.join('|')})` : '');
}
for (const { text } of set.not) {
  const s = fires(detectUrgency, text, policy());
  if (s !== null && (s.emergency === true || !('deadline' in (set.not.find((e) => e.text === text) ?? {})))) neg++;
  if (verbose && s !== null) console.log('FIRED   ', JSON.stringify(text), s.evidence.join('|'), s.emergency === true ? 'emergency' : '');
}
console.log(`should-fire read as emergencies: ${pos}/${set.fire.length}; should-not that fired urgency: ${neg}/${set.not.length}`);
