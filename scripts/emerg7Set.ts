// Session 50 (emerg7): counts of the emerg7 set (test/unit/escalation/emerg7S50Set.ts): live hazards read as emergencies
// (detectUrgency's emergency flag), negatives that fired urgency at all or as an emergency, "999" as a call against
// "999" inside a number. `npx tsx scripts/emerg7Set.ts -v` lists the misses.
import { detectUrgency } from '../shared/escalation/detectors/detectUrgency';
import { fires, policy } from '../test/unit/escalation/facts';
import * as set from '../test/unit/escalation/emerg7S50Set';
import { analyzeText } from '../shared/nlu/analyzeText';
import { canonicalTokens } from '../shared/escalation/canonicalTokens';
import { hazardReading, PRODUCT_HAZARDS } from '../shared/escalation/hazardNow';
// (Session 50: a product's live hazard, a battery or overheating, counts as read: the topic's case, said with its safety line.)
const productHazard = (t: string) => PRODUCT_HAZARDS.has(hazardReading(canonicalTokens(analyzeText(t)))?.kind ?? 'fire');
const verbose = process.argv.includes('-v');
function count(name: string, positives: string[], negatives: string[], emergency: boolean): void {
  let pos = 0;
  let neg = 0;
  let negEmergency = 0;
  for (const t of positives) {
    const s = fires(detectUrgency, t, policy());
    const ok = (s?.reason === 'urgency' && (!emergency || s.emergency === true)) || (emergency && productHazard(t));
    if (ok) pos++;
    if (verbose && !ok) console.log('MISSED  ', JSON.stringify(t), s ? `(${s.reason} emergency=${s.emergency})` : '');
  }
  for (const t of negatives) {
    const s = fires(detectUrgency, t, policy());
    if (s !== null) neg++;
    if (s?.emergency === true || productHazard(t)) negEmergency++;
    if (verbose && s !== null) console.log('FIRED   ', JSON.stringify(t), s.evidence.join('|'), s.emergency === true ? 'emergency' : '');
  }
  console.log(`${name}: positives ${emergency ? 'read as emergencies' : 'urgent'} ${pos}/${positives.length}; negatives that fired urgency ${neg}/${negatives.length} (as an emergency ${negEmergency})`);
}
count('reported', set.REPORTED, [], true);
count('live hazards', set.LIVE_POSITIVES, set.LIVE_NEGATIVES, true);
count('emergency numbers', set.NUMBER_POSITIVES, set.NUMBER_NEGATIVES, false);
if (set.HELD_OUT_LIVE_POSITIVES.length + set.HELD_OUT_LIVE_NEGATIVES.length > 0) count('held out live', set.HELD_OUT_LIVE_POSITIVES, set.HELD_OUT_LIVE_NEGATIVES, true);
if (set.HELD_OUT_NUMBER_POSITIVES.length + set.HELD_OUT_NUMBER_NEGATIVES.length > 0) count('held out numbers', set.HELD_OUT_NUMBER_POSITIVES, set.HELD_OUT_NUMBER_NEGATIVES, false);
