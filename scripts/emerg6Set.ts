// Session 49 (emerg6): counts of the emerg6 set read as emergencies (detectUrgency's emergency flag) and of the
// negatives that fired urgency at all. `npx tsx scripts/emerg6Set.ts -v` lists the misses.
import { detectUrgency } from '../shared/escalation/detectors/detectUrgency';
import { fires, policy } from '../test/unit/escalation/facts';
import { CRUSH_NEGATIVES, CRUSH_POSITIVES, HELD_OUT_NEGATIVES, HELD_OUT_POSITIVES, NEGATIVES, POSITIVES, REPORTED } from '../test/unit/escalation/emerg6S49Set';
const verbose = process.argv.includes('-v');
function count(name: string, positives: string[], negatives: string[]): void {
  let pos = 0;
  let neg = 0;
  let negEmergency = 0;
  for (const t of positives) {
    const s = fires(detectUrgency, t, policy());
    const ok = s?.reason === 'urgency' && s.emergency === true;
    if (ok) pos++;
    if (verbose && !ok) console.log('MISSED  ', JSON.stringify(t), s ? `(${s.reason} emergency=${s.emergency})` : '');
  }
  for (const t of negatives) {
    const s = fires(detectUrgency, t, policy());
    if (s !== null) neg++;
    if (s?.emergency === true) negEmergency++;
    if (verbose && s !== null) console.log('FIRED   ', JSON.stringify(t), s.evidence.join('|'), s.emergency === true ? 'emergency' : '');
  }
  console.log(`${name}: positives read as emergencies ${pos}/${positives.length}; negatives that fired urgency ${neg}/${negatives.length} (as an emergency ${negEmergency})`);
}
count('reported', REPORTED, []);
count('own set', POSITIVES, NEGATIVES);
count('crush set', CRUSH_POSITIVES, CRUSH_NEGATIVES);
if (HELD_OUT_POSITIVES.length + HELD_OUT_NEGATIVES.length > 0) count('held out', HELD_OUT_POSITIVES, HELD_OUT_NEGATIVES);
