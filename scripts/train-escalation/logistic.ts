/**
 * The logistic regression the small learned scores are trained with (inDomainTrain.ts: the in-domain score;
 * ownCaseTrain.ts: the own-case score): hashed features (a message's bucket ids), class-weighted, seeded shuffles, a
 * decaying rate and L2. One copy (review of session 41: ownCaseTrain had a second one); the same arithmetic in the same
 * order, so the shipped weights come out byte for byte.
 */
export interface LogisticExample {
  x: number[];
  y: 0 | 1;
}
export interface LogisticModel {
  bias: number;
  weights: Float32Array;
}

export function trainLogistic(data: readonly LogisticExample[], buckets: number, epochs: number, l2: number): LogisticModel {
  const w = new Float64Array(buckets);
  let b = 0;
  const pos = data.filter((d) => d.y === 1).length;
  const neg = data.length - pos;
  const cw = [data.length / (2 * Math.max(1, neg)), data.length / (2 * Math.max(1, pos))];
  const order = data.map((_, i) => i);
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    const lr = 0.2 / (1 + e);
    for (const k of order) {
      const d = data[k];
      let z = b;
      for (const f of d.x) z += w[f];
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - d.y) * cw[d.y];
      b -= lr * g * 0.1;
      for (const f of d.x) w[f] -= lr * (g + l2 * w[f] * buckets / data.length);
    }
  }
  return { bias: b, weights: Float32Array.from(w) };
}

export const logisticProb = (m: LogisticModel, x: readonly number[]): number => {
  let z = m.bias;
  for (const f of x) z += m.weights[f];
  return 1 / (1 + Math.exp(-z));
};
