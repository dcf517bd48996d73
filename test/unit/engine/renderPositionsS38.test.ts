/**
 * Session 38 (perf, issue 8): customerSecrets' rendering of a text with nothing to cut (no zero-width character, no
 * secret found yet) is the text itself with its positions read from one shared table of positions (grown by doubling)
 * instead of two new arrays per call (texts under 16,384 units). These check the masks that read those positions where the table matters: a secret
 * at the very end of a text longer than the table's first size (1,024), a short text after it (the grown table read
 * again), and a text with a zero-width character (the other path) between them. The whole-corpus comparison with the
 * code before the change (452,908 texts, 0 differences) is in docs/runtime.md "Session 38 (perf)".
 */
import { describe, expect, it } from 'vitest';
import { maskCustomerSecrets, maskCustomerText } from '../../../shared/engine/customerSecrets';

const CARD = '4111 1111 1111 1111';

describe('customer secrets: the no-cut rendering reads shared positions (s38)', () => {
  it('masks a card at the end of a text longer than the first table, then one in a short text', () => {
    const filler = 'my order was late and the box was damaged. '.repeat(60); // 2,580 characters
    const long = maskCustomerText(`${filler}my card is ${CARD}`, 4000);
    expect(long.text).toBe(`${filler}my card is •••• 1111`);
    expect(long.hidden).toEqual(['card']);
    const short = maskCustomerText(`card ${CARD} exp 12/29`, 4000);
    expect(short.text).toBe('card •••• 1111 exp [hidden]');
  });

  it('keeps the zero-width path as before, and a later plain text is read from position 0', () => {
    const zw = maskCustomerSecrets('my card is 4\u200b111111111111111');
    expect(zw.hidden).toEqual(['card']);
    expect(zw.text).toBe('my card is •••• 1111');
    const pin = maskCustomerText('my pin is 4821', 4000);
    expect(pin.text).toBe('my pin is [hidden]');
    expect(maskCustomerText('order NW-204981 please', 4000)).toEqual({ text: 'order NW-204981 please', hidden: [], cut: false });
  });

  it('a text over the shared table limit (16,384) gets its own positions: a card at its end is masked', () => {
    const filler = 'the parcel never came. '.repeat(900); // 20,700 characters
    const r = maskCustomerSecrets(`${filler}card ${CARD}`);
    expect(r.hidden).toEqual(['card']);
    expect(r.text).toBe(`${filler}card •••• 1111`);
  });

  it('hides a password that ends a long text whose length is exactly the table size', () => {
    const lead = 'x'.repeat(1024 - 'password: Tulip-2291'.length - 1);
    const t = `${lead} password: Tulip-2291`;
    expect(t.length).toBe(1024);
    const r = maskCustomerText(t, 4000);
    expect(r.hidden).toEqual(['password']);
    expect(r.text.endsWith('password: [hidden]')).toBe(true);
  });
});
