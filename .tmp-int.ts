import { createIntentMatcher } from './shared/nlu/createIntentMatcher';
import intents from './test/fixtures/nlu/intents.json';
import tests from './test/fixtures/nlu/intent-tests.json';
const m = createIntentMatcher(intents);
let ok = 0, n = 0; const oos: number[] = [];
for (const t of tests as {text:string;intent:string|null}[]) {
  const r = m.match(t.text);
  if (t.intent) { n++; const good = r.intentId === t.intent && r.confidence >= 0.5; if (good) ok++; console.log(good ? '  ' : 'XX', r.confidence.toFixed(2), t.text, '->', r.intentId, r.ranking.map(x=>x.intentId+':'+x.score).join(' ')); }
  else { oos.push(r.confidence); console.log(r.confidence >= 0.3 ? 'OO' : '  ', r.confidence.toFixed(2), t.text, '->', r.intentId); }
}
console.log('in-scope acc', ok / n, 'oos mean', oos.reduce((a,b)=>a+b,0)/oos.length, 'oos<0.35', oos.filter(x=>x<0.35).length/oos.length);
const ex = intents.flatMap(i => i.examples.map(e => m.match(e).confidence)); console.log('exact min', Math.min(...ex), 'mean', ex.reduce((a,b)=>a+b,0)/ex.length);
const t0 = performance.now(); const texts = (tests as any[]).map(t => t.text); for (let i = 0; i < 100000; i++) m.match(texts[i % texts.length]); console.log('match us', (performance.now()-t0)*1000/100000);
for (const i of intents) for (const e of i.examples) { const r = m.match(e); if (r.confidence < 0.9 || r.intentId !== i.id) console.log('EXACT', r.confidence, e, r.intentId, r.ranking.map(x=>x.intentId+':'+x.score).join(' ')); }
