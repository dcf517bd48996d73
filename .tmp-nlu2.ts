import { sentimentDetail } from './shared/nlu/sentiment';
import { normalizeText } from './shared/nlu/normalizeText';
import { stemTokens } from './shared/nlu/stem';
import { extractEntities } from './shared/nlu/entities';
import { shoutingOf } from './shared/nlu/analyzeText';
console.log(sentimentDetail("thanks for nothing 🤬"), sentimentDetail("🤬"), sentimentDetail("thanks for nothing"));
const words = "where is my order the package never arrived and I want a refund please help me now thanks great bad terrible when do you open close on sunday can I pay with paypal".split(' ');
let seed = 1; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const msgs: string[] = []; for (let i = 0; i < 20000; i++) { const n = 5 + Math.floor(rnd() * 10); const w: string[] = []; for (let k = 0; k < n; k++) w.push(words[Math.floor(rnd() * words.length)]); msgs.push(w.join(' ') + (rnd() < 0.3 ? '!' : '?') + ' ' + i); }
const time = (name: string, f: (m: string) => unknown) => { for (let r = 0; r < 3; r++) { const t0 = performance.now(); for (const m of msgs) f(m); if (r==2) console.log(name, ((performance.now() - t0) * 1000 / msgs.length).toFixed(2)); } };
time('normalize', normalizeText);
const norms = new Map(msgs.map(m => [m, normalizeText(m)]));
time('sentiment', (m) => sentimentDetail(m, norms.get(m)));
time('stem', (m) => stemTokens(norms.get(m)!.split(' ')));
time('entities', extractEntities);
time('shouting', shoutingOf);
