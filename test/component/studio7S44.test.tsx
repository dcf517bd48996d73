// @vitest-environment jsdom
/**
 * Session 44 (studio7), the session-43 blind re-test of the studio:
 *  - N4: "Add an End block" beside a Question's unconnected Next exit did not appear in the studio (the fix read the
 *    exit out of the hint, which the studio rewords to “Next”). Now every kind whose exit may be left unconnected is
 *    checked, through the words the studio shows.
 */
import './support/setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';
import { problemFix } from '../../renderer/studio/editor/problemFix';
import { problemsInDesignerWords } from '../../renderer/studio/hooks/designerWords';
import { definitionOf } from '../../renderer/studio/blockCatalog';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { renderEditor } from './support/renderEditor';

/** Start -> the block of `kind` (its default data), nothing after it. */
function loose(kind: string): Flow {
  const data = definitionOf(kind).defaultData();
  const r = validateFlow({
    version: 1,
    id: 'loose',
    name: 'Loose',
    blocks: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'it', kind, position: { x: 320, y: 0 }, data },
    ],
    edges: [{ id: 'e1', from: 'start', exit: 'next', to: 'it' }],
    variables: [],
  });
  if (!r.flow) throw new Error(`${kind} does not parse: ${JSON.stringify(r.problems.slice(0, 2))}`);
  return r.flow;
}

/** For each kind: the exits that get "Add an End block" when left unconnected (the rest get none). */
const ENDS: Record<string, string[]> = {
  message: ['next'],
  question: ['next'],
  set_variable: ['next'],
  notify: ['next'],
  ticket: ['next'],
  csat: ['next'],
  condition: ['true', 'false'],
  business_hours: ['open', 'closed'],
  http_request: ['success'], // its error exit wants a real destination (session 42's rule)
  human_takeover: [], // warnings (the chat ends there anyway) whose hint asks for a Ticket block
  buttons: [], // a customer's choice wants a real destination
  intent_router: [],
  keyword_router: [],
};

describe('studio7 s44 (retest s43 N4): "Add an End block" for every exit that may end the chat', () => {
  it.each(Object.entries(ENDS))('%s: the fix on exactly its exits %j, read through the studio’s words', (kind, want) => {
    const flow = loose(kind);
    const raw = validateFlow(flow).problems.filter((p) => p.blockId === 'it' && p.exit !== undefined);
    // Every required exit of the kind is reported unconnected, each problem naming its exit.
    expect(raw.length).toBeGreaterThan(0);
    const shown = problemsInDesignerWords(raw, flow);
    const fixed = shown.filter((p) => problemFix(flow, {}, p) !== null).map((p) => p.exit);
    expect(fixed).toEqual(want);
    for (const p of shown) {
      const fix = problemFix(flow, {}, p);
      if (!fix) continue;
      expect(fix.label).toBe('Add an End block');
      const store = createStudioStore(flow);
      expect(store.getState().dispatch(fix.edit, { label: fix.label })).toBeTruthy();
      const after = store.getState().flow;
      const edge = after.edges.find((e) => e.from === 'it' && e.exit === p.exit);
      expect(after.blocks.find((b) => b.id === edge?.to)?.kind).toBe('end');
      expect(validateFlow(after).problems.some((q) => q.blockId === 'it' && q.exit === p.exit)).toBe(false);
    }
  });

  it('every kind with a required exit is in the table above (a new kind must be decided)', () => {
    const kinds = ['message', 'question', 'buttons', 'condition', 'set_variable', 'intent_router', 'keyword_router', 'http_request', 'business_hours', 'notify', 'human_takeover', 'ticket', 'csat'];
    expect(Object.keys(ENDS).sort()).toEqual(kinds.sort());
  });

  it('the Start block gets none (Start -> End is no conversation)', () => {
    const flow = validateFlow({ version: 1, id: 's', name: 'S', blocks: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }], edges: [], variables: [] }).flow!;
    const p = problemsInDesignerWords(validateFlow(flow).problems, flow).find((x) => x.blockId === 'start' && x.exit === 'next');
    expect(p).toBeDefined();
    expect(problemFix(flow, {}, p!)).toBeNull();
  });

  it("a Question added to a flow: the inspector's problem (in the canvas's words) has the button, and it connects an End", () => {
    const flow = loose('question');
    const store = renderEditor(flow, (s) => s.getState().select(['it']));
    const inspector = screen.getByTestId('block-inspector');
    const problems = within(inspector).getByRole('list', { name: 'Problems in this block' });
    expect(problems).toHaveTextContent('Connect the “Next” exit');
    fireEvent.click(within(problems).getByRole('button', { name: 'Add an End block' }));
    const e = store.getState().flow.edges.find((x) => x.from === 'it' && x.exit === 'next');
    expect(store.getState().flow.blocks.find((b) => b.id === e?.to)?.kind).toBe('end');
  });

  it('in the Problems list: the Question row has the button too', () => {
    const store = renderEditor(loose('question'));
    fireEvent.click(document.querySelector('.st-problems-toggle') as HTMLElement);
    const panel = screen.getByRole('region', { name: 'Problems' });
    const rows = within(panel).getAllByRole('listitem').filter((li) => /“Next” exit/.test(li.textContent ?? ''));
    expect(rows).toHaveLength(1);
    fireEvent.click(within(rows[0]).getByRole('button', { name: 'Add an End block' }));
    expect(store.getState().flow.edges.some((x) => x.from === 'it' && x.exit === 'next')).toBe(true);
  });
});
