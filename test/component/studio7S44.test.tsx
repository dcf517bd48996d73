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
import { tinyFlow } from './support/sampleFlow';

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

/**
 * For each kind: the exits that get "Add an End block" when left unconnected ('all': every reported exit).
 * Session 46 (studio10, newcomer s45 N7): every unconnected exit but Start's gets a fix (an End is never worse than the
 * dead end the problem describes); a Human takeover's No agent and Timeout get "Add a Ticket block" (their hint's block).
 */
const ENDS: Record<string, string[] | 'all'> = {
  message: ['next'],
  question: ['next'],
  set_variable: ['next'],
  notify: ['next'],
  ticket: ['next'],
  csat: ['next'],
  condition: ['true', 'false'],
  business_hours: ['open', 'closed'],
  http_request: ['success', 'error'],
  human_takeover: ['resolved'],
  buttons: 'all',
  intent_router: 'all',
  keyword_router: 'all',
};
const TICKETS: Record<string, string[]> = { human_takeover: ['no_agent', 'timeout'] };

describe('studio7 s44 (retest s43 N4): "Add an End block" for every exit that may end the chat', () => {
  it.each(Object.entries(ENDS))('%s: the fix on exactly its exits %j, read through the studio’s words', (kind, want) => {
    const flow = loose(kind);
    const raw = validateFlow(flow).problems.filter((p) => p.blockId === 'it' && p.exit !== undefined);
    // Every required exit of the kind is reported unconnected, each problem naming its exit.
    expect(raw.length).toBeGreaterThan(0);
    const shown = problemsInDesignerWords(raw, flow);
    const fixed = shown.filter((p) => problemFix(flow, {}, p)?.label === 'Add an End block').map((p) => p.exit);
    expect(fixed).toEqual(want === 'all' ? raw.map((p) => p.exit) : want);
    expect(shown.filter((p) => problemFix(flow, {}, p)?.label === 'Add a Ticket block').map((p) => p.exit)).toEqual(TICKETS[kind] ?? []);
    for (const p of shown) {
      const fix = problemFix(flow, {}, p);
      if (!fix) continue;
      const store = createStudioStore(flow);
      expect(store.getState().dispatch(fix.edit, { label: fix.label })).toBeTruthy();
      const after = store.getState().flow;
      const edge = after.edges.find((e) => e.from === 'it' && e.exit === p.exit);
      expect(after.blocks.find((b) => b.id === edge?.to)?.kind).toBe(fix.label === 'Add a Ticket block' ? 'ticket' : 'end');
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

describe('studio7 s44 (retest s43 N1, N2): a hidden direction character is warned about under its field and not reordered on the canvas', () => {
  const RLO = '\u202E';
  const PDF = '\u202C';
  function withHidden(): Flow {
    const flow = tinyFlow();
    const blocks = flow.blocks.map((b) =>
      b.id === 'welcome'
        ? { ...b, data: { ...b.data, text: `Pay at ${RLO}moc.elgoog${PDF} today` } }
        : b.id === 'menu'
          ? { ...b, data: { ...b.data, options: [{ id: 'a', label: `Re${RLO}dnuf` }, { id: 'b', label: 'Beta' }] } }
          : b,
    ) as Flow['blocks'];
    return validateFlow({ ...flow, blocks }).flow!;
  }

  it("the Message's text field has the warning and its Remove button right under it; the button cleans the text", () => {
    const store = renderEditor(withHidden(), (s) => s.getState().select(['welcome']));
    const inspector = screen.getByTestId('block-inspector');
    const warning = inspector.querySelector('[data-problem-path="$.blocks[1].data.text"]') as HTMLElement;
    expect(warning).not.toBeNull();
    // Right under the field that holds the text (not only in the block's box at the top).
    const field = warning.previousElementSibling as HTMLElement;
    expect((field.querySelector('textarea, input') as HTMLTextAreaElement).value).toContain(RLO);
    expect(warning).toHaveTextContent('hidden direction character (U+202E)');
    fireEvent.click(within(warning).getByRole('button', { name: 'Remove the hidden direction characters' }));
    expect((store.getState().flow.blocks[1].data as { text: string }).text).toBe('Pay at moc.elgoog today');
    expect(inspector.querySelector('[data-problem-path="$.blocks[1].data.text"]')).toBeNull();
  });

  it("a button option's label has the warning inside its option row", () => {
    renderEditor(withHidden(), (s) => s.getState().select(['menu']));
    const row = screen.getByTestId('block-inspector').querySelector('.st-option[data-option-id="a"]') as HTMLElement;
    expect(row.querySelector('[data-problem-path="$.blocks[2].data.options[0].label"]')).not.toBeNull();
    expect(within(row).getByRole('button', { name: 'Remove the hidden direction characters' })).toBeInTheDocument();
    const other = screen.getByTestId('block-inspector').querySelector('.st-option[data-option-id="b"]') as HTMLElement;
    expect(other.querySelector('.st-field-warning')).toBeNull();
  });

  it('problem messages that quote such a label show it marked, not reversed (retest-studio s44 #1, the lead)', () => {
    // A third option, left unconnected: its "nothing connected to the '...' option" problem quotes the label.
    const base = withHidden();
    const blocks = base.blocks.map((b) =>
      b.id === 'menu' ? { ...b, data: { ...b.data, options: [...(b.data as { options: unknown[] }).options, { id: 'c', label: `Ex${RLO}tra` }] } } : b,
    ) as Flow['blocks'];
    renderEditor(validateFlow({ ...base, blocks }).flow!, (s) => s.getState().select(['menu']));
    const items = [...screen.getByTestId('block-inspector').querySelectorAll('li[data-tone]')] as HTMLElement[];
    const quoting = items.filter((li) => li.textContent!.includes('Ex⟨RLO⟩tra'));
    expect(quoting.length).toBeGreaterThan(0);
    for (const li of items) {
      expect(li.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
      expect(li.getAttribute('title') ?? '').not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
    }
  });

  it('the canvas shows the text in typed order with the control marked, never the control itself', () => {
    renderEditor(withHidden());
    const welcome = document.querySelector('.react-flow__node[data-id="welcome"] .bn-clamp') as HTMLElement;
    expect(welcome.textContent).toBe('Pay at ⟨RLO⟩moc.elgoog⟨PDF⟩ today');
    expect(welcome.querySelector('mark.bt-direction-mark')?.getAttribute('title')).toMatch(/U\+202E \(right-to-left override\)/);
    const option = document.querySelector('.react-flow__node[data-id="menu"] .bn-exit[data-exit="a"] .bn-exit-label') as HTMLElement;
    expect(option.textContent).toBe('Re⟨RLO⟩dnuf');
    for (const el of document.querySelectorAll('.react-flow__node')) expect(el.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
  });
});
