// @vitest-environment jsdom
/**
 * Session 45 (studio9), the session-45 newcomer's blind pass (/work/coord/s45/newcomer/report.md):
 *  - N1: a notice quoting a label with U+202E printed the rest of the sentence backwards: every notice (and the other
 *    places that quote a designer's label: Find, the drop picker, the Problems list, the home list) shows it marked.
 *  - N2: the Problems list's location column showed the label reversed.
 *  - N3: a flow name with U+202E was drawn reversed in the editor's header and the home list.
 *  - N5: a flow whose blocks all stand on one spot is laid out when it opens, and the notice says so.
 *  - N6: an option's label and synonyms each get their warning under their own field.
 *  - N11: Enter in the palette search adds the only match; Escape in a text field keeps the selection.
 */
import './support/setup';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { placement } from '../../renderer/studio/canvas/unplaced';
import { createStudioApi } from '../../renderer/studio/api/studioApi';
import { HomeScreen } from '../../renderer/studio/home/HomeScreen';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';
import { renderEditor } from './support/renderEditor';
import { tinyFlow } from './support/sampleFlow';

configure({ asyncUtilTimeout: 15_000 });

const RLO = '\u202E';
const CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/** tinyFlow with `patch` applied to its blocks by id. */
function tinyWith(patch: Record<string, (b: Flow['blocks'][number]) => Flow['blocks'][number]>, extra: Partial<Flow> = {}): Flow {
  const flow = tinyFlow();
  const blocks = flow.blocks.map((b) => (patch[b.id] ? patch[b.id](b) : b)) as Flow['blocks'];
  const r = validateFlow({ ...flow, ...extra, blocks });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}

const menuOption = (label: string, synonyms?: string[]) => (b: Flow['blocks'][number]) =>
  ({ ...b, data: { ...b.data, options: [{ id: 'a', label, ...(synonyms ? { synonyms } : {}) }, { id: 'b', label: 'Beta' }] } }) as Flow['blocks'][number];

describe('studio9 s45 N1: a notice quoting a label with a direction control shows it marked', () => {
  it('"Human takeover added after “Buttons”, on its exit “Yes ⟨RLO⟩please”. To use ..." reads in typed order', () => {
    // Option b has no connection: the new block goes on its exit; option a (connected) keeps its edge. Give b the label.
    const flow = tinyWith({ menu: (b) => ({ ...b, data: { ...b.data, options: [{ id: 'a', label: 'Alpha' }, { id: 'b', label: `Yes ${RLO}please` }] } }) as Flow['blocks'][number] });
    const store = renderEditor(flow, (s) => s.getState().select(['menu']));
    fireEvent.click(within(screen.getByRole('complementary', { name: 'Blocks' })).getByRole('button', { name: /Human takeover/ }));
    const toast = document.querySelector('.st-toast') as HTMLElement;
    expect(toast).not.toBeNull();
    expect(toast.textContent).not.toMatch(CONTROL);
    expect(toast.textContent).toContain('on its exit “Yes ⟨RLO⟩please”. To use another exit, drag from it to the new block.');
    expect(toast.querySelector('mark.bt-direction-mark')?.getAttribute('title')).toMatch(/U\+202E/);
    // The store keeps the label as typed: only what is drawn changes.
    const menu = store.getState().flow.blocks.find((b) => b.id === 'menu')!;
    expect((menu.data as { options: { label: string }[] }).options[1].label).toBe(`Yes ${RLO}please`);
  });

  it('any notice (here one the store is given directly) is drawn without the raw control', () => {
    const store = renderEditor(tinyFlow());
    act(() => store.getState().notify(`“Re${RLO}dnuf” inserted. Undo`, 'info'));
    const toast = document.querySelector('.st-toast') as HTMLElement;
    expect(toast.textContent).toBe('“Re⟨RLO⟩dnuf” inserted. Undo');
  });

  it('Find lists a block whose label holds one marked', () => {
    renderEditor(tinyWith({ welcome: (b) => ({ ...b, label: `Greet ${RLO}abc` }) as Flow['blocks'][number] }));
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Find a block' });
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'greet' } });
    const title = dialog.querySelector('.st-find-title') as HTMLElement;
    expect(title.textContent).toBe('Greet ⟨RLO⟩abc');
  });
});

describe('studio9 s45 N2: the Problems list location column', () => {
  it('shows the block label marked, like the message beside it; its tooltip has no raw control', () => {
    // An unconnected Buttons option gives the menu block a problem; its location is the block's title.
    renderEditor(tinyWith({ menu: (b) => ({ ...b, label: `Greet ${RLO}abc` }) as Flow['blocks'][number] }));
    fireEvent.click(document.querySelector('.st-problems-toggle') as HTMLElement);
    const panel = screen.getByRole('region', { name: 'Problems' });
    const places = [...panel.querySelectorAll('.st-problem-block')] as HTMLElement[];
    const marked = places.filter((el) => el.textContent === 'Greet ⟨RLO⟩abc');
    expect(marked.length).toBeGreaterThan(0);
    for (const el of panel.querySelectorAll('*')) {
      expect(el.getAttribute('title') ?? '').not.toMatch(CONTROL);
    }
    expect(panel.textContent).not.toMatch(CONTROL);
  });
});

describe('studio9 s45 N3: a flow name with a direction control', () => {
  it('the editor header draws it in typed order with the mark; the button name has no raw control', () => {
    renderEditor(tinyWith({}, { name: `Newcomer ${RLO}test flow` }));
    const button = document.querySelector('.st-flow-name-button') as HTMLElement;
    expect(button.textContent).toBe('Newcomer ⟨RLO⟩test flow');
    expect(button.getAttribute('aria-label')).toBe('Flow name: Newcomer (RLO)test flow. Rename');
  });

  describe('the home list (real studio server)', () => {
    let home: string;
    let studio: StudioServer | undefined;
    afterEach(async () => {
      await studio?.close();
      await rm(home, { recursive: true, force: true });
    });
    it('shows the name marked, the row actions named without the raw control', async () => {
      home = await mkdtemp(join(tmpdir(), 'baton-s45-'));
      studio = await startStudioServer({ home, port: 0 });
      const api = createStudioApi({ baseUrl: studio.origin, secret: studio.secret });
      await api.createFlow({ name: `Newcomer ${RLO}test flow` });
      render(<HomeScreen onOpen={vi.fn()} api={api} />);
      const flows = await screen.findByRole('list', { name: 'Flows' });
      await waitFor(() => expect(flows.querySelector('.bt-home-name')?.textContent).toBe('Newcomer ⟨RLO⟩test flow'));
      for (const el of flows.querySelectorAll('[aria-label]')) expect(el.getAttribute('aria-label')).not.toMatch(CONTROL);
      expect(within(flows).getByRole('button', { name: 'Delete Newcomer (RLO)test flow' })).toBeInTheDocument();
    });
  });
});

describe('studio9 s45 N5: blocks stacked on one spot', () => {
  it('placement: none, all on one spot, or placed', () => {
    expect(placement([{}, {}])).toBe('missing');
    expect(placement([{ position: { x: 0, y: 0 } }, { position: { x: 0, y: 0 } }, { position: { x: 3, y: -2 } }])).toBe('stacked');
    // Two pairs on two spots: still every block on a spot with another.
    expect(placement([{ position: { x: 0, y: 0 } }, { position: { x: 0, y: 0 } }, { position: { x: 500, y: 0 } }, { position: { x: 500, y: 0 } }])).toBe('stacked');
    expect(placement([{ position: { x: 0, y: 0 } }, { position: { x: 0, y: 0 } }, { position: { x: 320, y: 0 } }])).toBe('placed');
    expect(placement([{ position: { x: 0, y: 0 } }, { position: { x: 0, y: 300 } }])).toBe('placed');
    expect(placement([{ position: { x: 0, y: 0 } }])).toBe('placed');
    // x close, y far: not one spot.
    expect(placement([{ position: { x: 0, y: 0 } }, { position: { x: 2, y: 220 } }])).toBe('placed');
  });

  it('a chain all at 0,0 opens laid out (each block on its own spot), with a notice that says why and offers Undo', async () => {
    const n = 12;
    const blocks = [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      ...Array.from({ length: n }, (_, i) => ({ id: `m${i}`, kind: 'message', position: { x: 0, y: 0 }, data: { text: `Message ${i}` } })),
      { id: 'end', kind: 'end', position: { x: 0, y: 0 }, data: {} },
    ];
    const ids = blocks.map((b) => b.id);
    const edges = ids.slice(1).map((to, i) => ({ id: `e${i}`, from: ids[i], exit: 'next', to }));
    const flow = validateFlow({ version: 1, id: 'chain', name: 'Chain', blocks, edges, variables: [] }).flow!;
    const store = renderEditor(flow);
    await waitFor(() => expect(placement(store.getState().flow.blocks)).toBe('placed'), { timeout: 15_000 });
    const spots = new Set(store.getState().flow.blocks.map((b) => `${b.position!.x},${b.position!.y}`));
    expect(spots.size).toBe(n + 2);
    const toast = document.querySelector('.st-toast') as HTMLElement;
    expect(toast).toHaveTextContent(`This flow's ${n + 2} blocks all stood on one spot (the file gave them the same position), so it was laid out automatically.`);
    fireEvent.click(within(toast).getByRole('button', { name: 'Undo' }));
    expect(placement(store.getState().flow.blocks)).toBe('stacked');
  });
});

describe('studio9 s45 N6: an option label and its synonyms, each with a direction control', () => {
  it('each field has its own warning right under it', () => {
    renderEditor(tinyWith({ menu: menuOption(`Yes ${RLO}please`, [`ok ${RLO}sure`]) }), (s) => s.getState().select(['menu']));
    const row = screen.getByTestId('block-inspector').querySelector('.st-option[data-option-id="a"]') as HTMLElement;
    const warnings = [...row.querySelectorAll('.st-field-warning')] as HTMLElement[];
    expect(warnings.map((w) => w.dataset.problemPath)).toEqual(['$.blocks[2].data.options[0].label', '$.blocks[2].data.options[0].synonyms[0]']);
    // Each warning follows the field that holds its text.
    const fieldOf = (w: HTMLElement) => (w.previousElementSibling as HTMLElement).querySelector('input, textarea') as HTMLInputElement;
    expect(fieldOf(warnings[0]).value).toBe(`Yes ${RLO}please`);
    const synonymInputs = [...warnings[1].previousElementSibling!.querySelectorAll('input, textarea')] as HTMLInputElement[];
    expect(synonymInputs.some((i) => i.value.includes(`ok ${RLO}sure`))).toBe(true);
  });
});

describe('studio9 s45 N11: keys in the palette search and the inspector', () => {
  it('Enter in the palette search adds the only match, as a click does', () => {
    const store = renderEditor(tinyFlow());
    const search = within(screen.getByRole('complementary', { name: 'Blocks' })).getByRole('searchbox', { name: 'Search blocks' });
    fireEvent.change(search, { target: { value: 'takeover' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(store.getState().flow.blocks.filter((b) => b.kind === 'human_takeover')).toHaveLength(2);
  });

  it('Enter with several matches adds nothing and moves to the first, where Enter (a click) adds it', () => {
    const store = renderEditor(tinyFlow());
    const palette = screen.getByRole('complementary', { name: 'Blocks' });
    const search = within(palette).getByRole('searchbox', { name: 'Search blocks' });
    fireEvent.change(search, { target: { value: 'message' } });
    const before = store.getState().flow.blocks.length;
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(store.getState().flow.blocks.length).toBe(before);
    expect(document.activeElement).toBe(palette.querySelector('.st-palette-item'));
  });

  it('Escape in an inspector text field leaves the field and keeps the block selected; Escape again deselects', () => {
    const store = renderEditor(tinyFlow(), (s) => s.getState().select(['welcome']));
    const field = screen.getByTestId('block-inspector').querySelector('textarea, input[type="text"]') as HTMLElement;
    field.focus();
    expect(document.activeElement).toBe(field);
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(store.getState().selection).toEqual(['welcome']);
    expect(document.activeElement).not.toBe(field);
    expect(screen.getByTestId('block-inspector')).toBeInTheDocument();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(store.getState().selection).toEqual([]);
  });

  it('Backspace in an inspector text field edits the text, never deletes the block', () => {
    const store = renderEditor(tinyFlow(), (s) => s.getState().select(['welcome']));
    const field = screen.getByTestId('block-inspector').querySelector('textarea, input[type="text"]') as HTMLElement;
    field.focus();
    fireEvent.keyDown(field, { key: 'Backspace' });
    fireEvent.keyDown(field, { key: 'Delete' });
    expect(store.getState().flow.blocks.some((b) => b.id === 'welcome')).toBe(true);
  });
});
