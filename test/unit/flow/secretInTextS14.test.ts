/**
 * Hostile s14 H#23: `{{secrets.NAME}}` is filled only in an HTTP request's url, headers and body and a Notify block's
 * recipients; in a text shown to customers it renders nothing, which validated as fine.
 */
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { validDoc } from './helpers';

describe('validateFlow: a secret where it shows nothing (hostile s14 H#23)', () => {
  it('a secret in a Message text and in the fallback message is a warning naming where; the flow still loads', () => {
    const doc = validDoc();
    const msg = doc.blocks.find((b: { kind: string }) => b.kind === 'message') as { id: string; data: { text: string } };
    msg.data.text = 'Hi {{secrets.API_KEY}}';
    doc.settings = { ...(doc.settings ?? {}), fallbackMessage: 'Sorry {{ secrets.TOKEN }}' };
    const r = validateFlow(doc);
    const p = r.problems.filter((x) => x.code === 'secret_in_text');
    expect(p.map((x) => x.blockId)).toEqual([msg.id, null]);
    expect(p[0].severity).toBe('warning');
    expect(p[0].path).toMatch(/^\$\.blocks\[\d+\]\.data\.text$/);
    expect(p[0].message).toContain('{{secrets.API_KEY}}');
    expect(p[0].message).toContain('shows nothing');
    expect(p[1].path).toBe('$.settings.fallbackMessage');
    expect(r.ok).toBe(true);
  });

  it('a secret in an HTTP request url, header and body, and in a Notify recipient, is where it belongs: no warning', () => {
    const doc = validDoc();
    doc.blocks.push({
      id: 'call', kind: 'http_request',
      data: { method: 'POST', url: 'https://api.example/{{secrets.PATH}}?k={{secrets.KEY}}', headers: { Authorization: 'Bearer {{secrets.TOKEN}}' }, body: '{"k": "{{secrets.BODY}}"}' },
    });
    doc.blocks.push({ id: 'tell', kind: 'notify', data: { channel: 'webhook', to: ['https://hooks.example/{{secrets.HOOK}}'], text: 'New lead' } });
    const r = validateFlow(doc);
    expect(r.problems.filter((x) => x.code === 'secret_in_text')).toEqual([]);
  });

  it('a secret in a Notify block text (not filled: stays as written) is a warning too', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'tell', kind: 'notify', data: { channel: 'webhook', to: ['https://hooks.example/x'], text: 'key {{secrets.KEY}}' } });
    const r = validateFlow(doc);
    expect(r.problems.filter((x) => x.code === 'secret_in_text').map((x) => x.blockId)).toEqual(['tell']);
  });
});
