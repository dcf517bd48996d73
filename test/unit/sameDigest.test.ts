import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sameDigest } from '../../runtime/server/conversationService';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

describe('sameDigest (customer token check)', () => {
  it('accepts the same digest and refuses a digest that differs in any one character', () => {
    const d = hex('token');
    expect(sameDigest(d, hex('token'))).toBe(true);
    for (let i = 0; i < d.length; i++) {
      const other = d.slice(0, i) + (d[i] === '0' ? '1' : '0') + d.slice(i + 1);
      expect(sameDigest(other, d)).toBe(false);
    }
  });
  it('refuses digests of other lengths and the empty string', () => {
    const d = hex('token');
    expect(sameDigest(d.slice(0, 63), d)).toBe(false);
    expect(sameDigest(d + '0', d)).toBe(false);
    expect(sameDigest('', d)).toBe(false);
  });
});
