// @vitest-environment jsdom
/**
 * Session 48 (studio16): newcomer s47's findings N2 (HTTP request's "Save from the reply" rows), N3 (Condition rules),
 * N5 (block names in scenarios and the batch), N9 (two time zones), N8 (a blank flow's shop wording) and studio14's
 * leftovers (Business hours on the canvas, overlapping openings).
 */
import './support/setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { renderEditor } from './support/renderEditor';

function flowOf(blocks: unknown[], edges: unknown[] = [], settings: Record<string, unknown> = {}): Flow {
  const r = validateFlow({ version: 1, id: 'f', name: 'F', settings, blocks: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }, ...blocks], edges });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

describe('N2: HTTP request › Save from the reply › Add', () => {
  const http = { id: 'api', kind: 'http_request', position: { x: 300, y: 0 }, data: { url: 'https://api.example.com/x' } };

  it('adds a row with an empty Variable field showing a placeholder, and the block lists what is missing', () => {
    const store = renderEditor(flowOf([http], [{ id: 'e1', from: 'start', exit: 'next', to: 'api' }]), (s) => s.getState().select(['api']));
    const inspector = screen.getByTestId('block-inspector');
    fireEvent.click(within(inspector).getByRole('button', { name: 'Add save from the reply' }));
    const data = () => store.getState().flow.blocks.find((b) => b.id === 'api')!.data as { responseMapping: { variable: string; path: string }[] };
    expect(data().responseMapping).toEqual([{ variable: '', path: '' }]);
    const variable = within(inspector).getByLabelText('Variable') as HTMLInputElement;
    expect(variable.value).toBe('');
    expect(variable.placeholder).toBe('orderStatus');
    const problems = validateFlow(store.getState().flow).problems.filter((p) => p.blockId === 'api').map((p) => p.code);
    expect(problems).toContain('http_mapping_no_variable');
    expect(problems).toContain('http_mapping_no_path');
  });

  it('a name that no {{template}} can read is an error naming the row; a good name and path are not', () => {
    const codes = (variable: string, path: string) =>
      validateFlow(flowOf([{ ...http, data: { ...http.data, responseMapping: [{ variable, path }] } }])).problems.filter((p) => p.blockId === 'api' && p.code.startsWith('http_mapping'));
    const bad = codes('Save from the reply 1', 'status');
    expect(bad.map((p) => p.code)).toEqual(['http_mapping_bad_variable']);
    expect(bad[0]!.message).toMatch(/row 1 of "Save from the reply".*'Save from the reply 1'.*spaces/);
    expect(codes('2fast', 'status').map((p) => p.code)).toEqual(['http_mapping_bad_variable']);
    expect(codes('order-status', 'status').map((p) => p.code)).toEqual(['http_mapping_bad_variable']);
    expect(codes('orderStatus', 'order.status')).toEqual([]);
    expect(codes('order_status', 'items.0.name')).toEqual([]);
  });
});
