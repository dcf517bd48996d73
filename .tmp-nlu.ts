import { analyzeText } from './shared/nlu/analyzeText';
import vader from 'vader-sentiment';
const ex = ["where is my order #12345, it's been a week","I want 2 return these shoes they don't fit, order AB-12345","this is USELESS, I've been waiting for an hour!!!","hi there can u help me pls","what payment methods do you accept? I paid $42.50 on 12/03","thanks for nothing 🤬","great, just great","call me at +44 20 7946 0958 or mail Bob@X.com tomorrow at 2pm","policy number 12345678 and POL-123456, in 15 minutes", "I was born in 2024", "Café crème déjà vu"];
for (const t of ex) { const a = analyzeText(t); console.log(t, '\n  ', a.normalized, '|', a.stems.join(' '), '|', a.sentiment.score, a.sentiment.negativeWords, vader.SentimentIntensityAnalyzer.polarity_scores(t).compound, '|', JSON.stringify(a.entities), a.shouting.toFixed(2)); }
const words = "where is my order the package never arrived and I want a refund please help me now thanks great bad terrible when do you open close on sunday can I pay with paypal".split(' ');
let seed = 1; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const msgs: string[] = []; for (let i = 0; i < 20000; i++) { const n = 5 + Math.floor(rnd() * 10); const w: string[] = []; for (let k = 0; k < n; k++) w.push(words[Math.floor(rnd() * words.length)]); msgs.push(w.join(' ') + (rnd() < 0.3 ? '!' : '?') + ' ' + i); }
for (let r = 0; r < 3; r++) { const t0 = performance.now(); for (const m of msgs) analyzeText(m); console.log('analyzeText unique us', ((performance.now() - t0) * 1000 / msgs.length).toFixed(2)); }
