/**
 * Session 44 (tidy, review of session 43): menuMeaning's caches (the classes each label reads, and the classes worth
 * reading for each list of labels) stay bounded however many labels and menus a server sees (many flows, many
 * revisions), and an answer read after a cache started over is the same as before.
 */
import { describe, expect, it } from 'vitest';
import { labelMeaning, menuMeaningCacheSizes, pickByMeaning } from '../../../shared/engine/menuMeaning';

describe("menuMeaning's caches are bounded", () => {
  it('5,000 distinct labels and 5,000 distinct menus: neither cache holds more than 2,000 entries, and answers do not change', () => {
    const first = labelMeaning('Lost, delayed or damaged bag');
    const picked = pickByMeaning(['Lost, delayed or damaged bag', 'Baggage allowance'], 'my case went to Rome');
    let most = { labels: 0, labelLists: 0 };
    for (let i = 0; i < 5000; i++) {
      labelMeaning(`Damaged bag number ${i}`);
      pickByMeaning([`Lost parcel ${i}`, `Change my flight ${i}`], 'my parcel never arrived');
      const now = menuMeaningCacheSizes();
      most = { labels: Math.max(most.labels, now.labels), labelLists: Math.max(most.labelLists, now.labelLists) };
    }
    expect(most.labels).toBeLessThanOrEqual(2000);
    expect(most.labelLists).toBeLessThanOrEqual(2000);
    // The caches were used (not bypassed): they filled up to their bound at least once.
    expect(most.labels).toBeGreaterThanOrEqual(1999);
    expect(most.labelLists).toBeGreaterThanOrEqual(1999);
    expect(labelMeaning('Lost, delayed or damaged bag')).toEqual(first);
    expect(pickByMeaning(['Lost, delayed or damaged bag', 'Baggage allowance'], 'my case went to Rome')).toBe(picked);
    expect(picked).toBe(0);
    expect(pickByMeaning(['Lost parcel 4999', 'Change my flight 4999'], 'my parcel never arrived')).toBe(0);
  });
});
