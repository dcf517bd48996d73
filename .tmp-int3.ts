import { createIntentMatcher } from './shared/nlu/createIntentMatcher';
import intents from './test/fixtures/nlu/intents.json';
import tests from './test/fixtures/nlu/intent-tests.json';
const m = createIntentMatcher(intents);
const extra = ["I want to order a pizza","what time is it","I need to change my password","hello how are you","my order","order","where","when","how much","cancel","i still haven't got my order","my package never came","translate hello into french","what's the weather like tomorrow"];
const rows: [string, number, number, string][] = [];
for (const t of tests as any[]) { const r = m.match(t.text); const raw = (globalThis as any).__raw ?? [0]; rows.push([t.intent ? (r.intentId === t.intent ? 'IN ' : 'INX') : 'OOS', raw[0] ?? 0, raw[1] ?? 0, t.text]); (globalThis as any).__raw = undefined; }
for (const t of extra) { const r = m.match(t); const raw = (globalThis as any).__raw ?? [0]; rows.push(['EXT', raw[0] ?? 0, raw[1] ?? 0, t]); (globalThis as any).__raw = undefined; }
for (const i of intents) for (const e of i.examples.slice(0,2)) { m.match(e); const raw = (globalThis as any).__raw; rows.push(['EXA', raw[0], raw[1] ?? 0, e]); }
rows.sort((a,b)=>a[1]-b[1]); for (const r of rows) if (r[1] > 0) console.log(r[0], r[1].toFixed(3), (r[2]/r[1]).toFixed(2), r[3]);
