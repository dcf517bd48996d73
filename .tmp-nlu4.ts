import { analyzeText } from './shared/nlu/analyzeText';
const words = "where is my order the package never arrived and I want a refund please help me now thanks great bad terrible when do you open close on sunday can I pay with paypal".split(' ');
let seed = 1; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const msgs: string[] = []; for (let i = 0; i < 20000; i++) { const n = 5 + Math.floor(rnd() * 10); const w: string[] = []; for (let k = 0; k < n; k++) w.push(words[Math.floor(rnd() * words.length)]); msgs.push(w.join(' ') + (rnd() < 0.3 ? '!' : '?')); }
console.log('unique', new Set(msgs).size);
for (let r = 0; r < 10; r++) { const t0 = performance.now(); for (const m of msgs) analyzeText(m); if (r % 3 == 2) console.log('analyzeText us', ((performance.now() - t0) * 1000 / msgs.length).toFixed(2)); }
