/**
 * newcomer s19 F1: the served sample's "Track my order" always failed (https://api.northwind.example) and nothing said
 * why. `baton serve` now notes blocks that call, or link customers to, hosts that never resolve.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { placeholderUrlNotes } from '../../../runtime/serve/placeholderUrlNotes';
import { flowSchema, type Flow } from '../../../shared/flow/schema';

const load = (f: string) => flowSchema.parse(JSON.parse(readFileSync(`flows/${f}.json`, 'utf8')));
const withBlock = (data: Record<string, unknown>, label = 'Call'): Flow => ({ ...load('lead-gen'), blocks: [...load('lead-gen').blocks, { id: 'x1', kind: 'http_request', label, position: { x: 0, y: 0 }, data } as never] });

describe('placeholder addresses (newcomer s19 F1)', () => {
  it("the sample's order lookup and its return-label link are named, with what to do", () => {
    const notes = placeholderUrlNotes([load('customer-support')]);
    expect(notes).toEqual([
      'flow customer-support: "Look up order" calls api.northwind.example, which never answers (.example, .invalid and .test names are reserved for examples), so it always takes its error path. Put your own address in the block (studio inspector, or the flow file) before customers use it.',
      'flow customer-support: "Send return label" gives customers a link to northwind.example, which does not exist (.example, .invalid and .test names are reserved for examples). Put your own address in the block (studio inspector, or the flow file) before customers use it.',
    ]);
  });

  it('real hosts, localhost and example.com (which resolves) say nothing; .invalid, .test and templated hosts do', () => {
    expect(placeholderUrlNotes([load('lead-gen'), load('travel-urgency')])).toEqual([]);
    for (const url of ['https://api.shop.com/orders/{{n}}', 'http://localhost:8080/x', 'https://example.com/x', 'https://notexample.org']) {
      expect(placeholderUrlNotes([withBlock({ method: 'GET', url })])).toEqual([]);
    }
    for (const [url, host] of [['https://orders.invalid/x', 'orders.invalid'], ['http://api.test:9000/', 'api.test'], ['https://{{shop}}.example/o', 'x.example']]) {
      expect(placeholderUrlNotes([withBlock({ method: 'GET', url })])).toEqual([expect.stringContaining(`"Call" calls ${host}, which never answers`)]);
    }
  });
});
