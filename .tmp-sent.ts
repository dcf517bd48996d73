import { sentimentDetail } from './shared/nlu/sentiment';
import data from './test/fixtures/nlu/sentiment.json';
let negHit = 0, neg = 0, fp = 0, other = 0;
for (const d of data) { const r = sentimentDetail(d.text); const isNeg = r.score <= -0.3; if (d.label === 'negative') { neg++; if (isNeg) negHit++; else console.log('MISS', r.score, r.vaderScore, d.text, r.negativeWords); } else { other++; if (isNeg) { fp++; console.log('FP', r.score, d.text, r.negativeWords); } } }
console.log('neg recall', negHit/neg, 'fp rate', fp/other, data.length);
