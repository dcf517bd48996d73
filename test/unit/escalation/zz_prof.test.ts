import { it } from 'vitest';
import * as D from '../../../shared/escalation/index';
import { effectiveSentiment } from '../../../shared/escalation/effectiveSentiment';
import { similarity } from '../../../shared/nlu/similarity';
import { NOW, facts, memory, policy } from './facts';
it('prof', () => {
  const p = policy({ mode: 'graduated', sensitiveTopics: { topics: [ { name: 'refunds', phrases: ['refund', 'money back', 'chargeback'] }, { name: 'legal', phrases: ['lawyer', 'court case'] } ] },
    urgency: { phrases: ['boarding now'], rules: [{ variable: 'departureTime', op: 'within_minutes', value: 20 }] },
    hotLead: { enabled: true, rules: { combinator: 'or', rules: [{ variable: 'budget', op: 'gte', value: 5000 }] } } });
  const m = memory({ recent: ['where is my order', 'how do i return a jacket', 'what are your opening hours', 'i want to change my address', 'can i pay by card', 'is my parcel late'], sentiments: [0, -0.1, 0.2] });
  const texts = ['where is my order', 'I want to change my delivery address please', 'this is taking forever', 'can I get a refund for the blue jacket'];
  const fs = texts.map((t) => facts(t, { variables: { budget: 100, departureTime: new Date(NOW + 3_600_000).toISOString() } }));
  const fns: [string, (f: any) => unknown][] = [
    ['explicit', (f) => D.detectExplicitRequest(f, p, m)], ['neg', (f) => D.detectNegativeSentiment(f, p, m)], ['low', (f) => D.detectLowConfidence(f, p, m)],
    ['fallback', (f) => D.detectRepeatedFallback(f, p, m)], ['loop', (f) => D.detectLoop(f, p, m)], ['topic', (f) => D.detectSensitiveTopic(f, p, m)],
    ['urgency', (f) => D.detectUrgency(f, p, m)], ['hot', (f) => D.detectHotLead(f, p, m)], ['effSent', (f) => effectiveSentiment(f.analysis)],
    ['sim', (f) => similarity(f.analysis.normalized, 'where is my order')], ['all', (f) => D.evaluateEscalation(p, f, m)],
  ];
  for (const [name, fn] of fns) {
    for (let i = 0; i < 500; i++) fn(fs[i % 4]);
    const n = 5000; const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(fs[i % 4]);
    console.log(name, (((performance.now() - t0) * 1000) / n).toFixed(2), 'µs');
  }
});
