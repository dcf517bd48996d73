import { describe, expect, it } from 'vitest';
import { sampleHttpReply } from '../../../shared/simulator/sampleHttpReply';

describe('sampleHttpReply (newcomer s6 #26: "Ask me" starts from the fields the block reads)', () => {
  it('one field per mapped path, named after the variable it fills; dotted paths nest, numbers make arrays', () => {
    expect(sampleHttpReply([{ variable: 'orderStatus', path: 'status' }, { variable: 'orderEta', path: 'eta' }])).toEqual({ status: 'orderStatus', eta: 'orderEta' });
    expect(sampleHttpReply([{ variable: 's', path: 'order.status' }, { variable: 'n', path: 'items.0.name' }, { variable: 'q', path: 'items.0.qty' }])).toEqual({ order: { status: 's' }, items: [{ name: 'n', qty: 'q' }] });
    expect(sampleHttpReply([{ variable: 'first', path: '0.id' }])).toEqual([{ id: 'first' }]);
    expect(sampleHttpReply([{ variable: 'b', path: 'items.1.name' }])).toEqual({ items: [{}, { name: 'b' }] });
  });

  it('no mapping, or empty paths: an empty object; a path through a value another path set keeps the first', () => {
    expect(sampleHttpReply([])).toEqual({});
    expect(sampleHttpReply([{ variable: 'x', path: '  ' }])).toEqual({});
    expect(sampleHttpReply([{ variable: 'a', path: 'order' }, { variable: 'b', path: 'order.status' }])).toEqual({ order: 'a' });
  });
});
