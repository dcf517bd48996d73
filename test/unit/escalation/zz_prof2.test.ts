import { it } from 'vitest';
import { evaluateEscalation } from '../../../shared/escalation/evaluateEscalation';
import * as D from '../../../shared/escalation/index';
import { NOW, facts, memory, policy } from './facts';
it('p', () => {
  const p = policy({ mode: 'graduated', sensitiveTopics: { topics: [ { name: 'refunds', phrases: ['refund', 'money back', 'chargeback'] }, { name: 'legal', phrases: ['lawyer', 'court case'] }, { name: 'privacy', phrases: ['delete my data', 'gdpr request'] } ] },
    urgency: { phrases: ['boarding now'], rules: [{ variable: 'departureTime', op: 'within_minutes', value: 20 }] },
    hotLead: { enabled: true, rules: { combinator: 'or', rules: [{ variable: 'budget', op: 'gte', value: 5000 }] } } });
  const m = memory({ recent: ['where is my order', 'how do i return a jacket', 'what are your opening hours', 'i want to change my address', 'can i pay by card', 'is my parcel late'], sentiments: [0, -0.1, 0.2] });
  const long = 'I have been trying to sort out the delivery of my order for a week now and every time I ask about it the answer is different, first it was the warehouse then the courier and now nobody seems to know where the parcel actually is, so please tell me what is going on with it and when it will arrive because I paid for express shipping and I would like my money back for that part at least';
  for (const t of ['where is my order', 'I want to change my delivery address please', 'this is taking forever', 'can I get a refund for the blue jacket', long]) {
    const f = facts(t, { variables: { budget: 100, departureTime: new Date(NOW + 3_600_000).toISOString() } });
    for (const [name, fn] of [['all', () => evaluateEscalation(p, f, m)], ['loop', () => D.detectLoop(f, p, m)], ['urg', () => D.detectUrgency(f, p, m)], ['topic', () => D.detectSensitiveTopic(f, p, m)], ['expl', () => D.detectExplicitRequest(f, p, m)], ['neg', () => D.detectNegativeSentiment(f, p, m)]] as const) {
      for (let i = 0; i < 300; i++) fn();
      const t0 = performance.now(); for (let i = 0; i < 2000; i++) fn();
      console.log('|', name, ((performance.now() - t0) * 1000 / 2000).toFixed(1), 'µs', t.slice(0, 30));
    }
  }
});
