// Session 43 (medical4): counts of the test set read as emergencies (detectUrgency's emergency flag).
import { detectUrgency } from '../shared/escalation/detectors/detectUrgency';
import { fires, policy } from '../test/unit/escalation/facts';
import { NEGATIVES, POSITIVES } from '../test/unit/escalation/medical4S43Set';
const verbose = process.argv.includes('-v');
let pos = 0;
let neg = 0;
for (const t of POSITIVES) {
  const s = fires(detectUrgency, t, policy());
  const ok = s?.reason === 'urgency' && s.emergency === true;
  if (ok) pos++;
  if (verbose && !ok) console.log('MISSED  ', JSON.stringify(t), s ? `(${s.reason} emergency=${s.emergency})` : '');
}
for (const t of NEGATIVES) {
  const s = fires(detectUrgency, t, policy());
  if (s !== null) neg++;
  if (verbose && s !== null) console.log('FIRED   ', JSON.stringify(t), s.evidence.join('|'), s.emergency === true ? 'emergency' : '');
}
console.log(`positives read as emergencies: ${pos}/${POSITIVES.length}; negatives that fired urgency: ${neg}/${NEGATIVES.length}`);
