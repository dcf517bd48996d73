import { it } from 'vitest';
import { mayBeSimilar } from '../../../shared/escalation/mayBeSimilar';
import { facts } from './facts';
it('p', () => {
  const recent = ['where is my order', 'how do i return a jacket', 'what are your opening hours', 'i want to change my address', 'can i pay by card', 'is my parcel late'];
  const ns = ['where is my order', 'I want to change my delivery address please', 'this is taking forever', 'can I get a refund for the blue jacket'].map((t) => facts(t).analysis.normalized);
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now(); let c = 0;
    for (let i = 0; i < 10000; i++) for (const r of recent) if (mayBeSimilar(ns[i % 4], r, 0.8)) c++;
    console.log('|', ((performance.now() - t0) * 1000 / 10000).toFixed(2), 'µs per 6 pairs', c);
  }
});
