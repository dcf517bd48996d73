// @vitest-environment jsdom
/**
 * Session 46 (studio11): newcomer s46 N13 (a paste into another flow landed on a block), N15 (the top bar moved with the
 * save status), N17 (small visual items), N8 (problems told apart only by an internal id).
 */
import './support/setup';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { viewToShow } from '../../renderer/studio/canvas/keepInView';
import { firstWords, problemBlockName } from '../../renderer/studio/hooks/designerWords';
import { SaveStatus } from '../../renderer/studio/persistence/SaveStatus';
import { occupiedRects } from '../../renderer/studio/canvas/freeSpot';
import { pastedBlockSize, pasteSpot } from '../../renderer/studio/canvas/pasteSpot';
import type { ClipboardDocument } from '../../shared/flow/edit/types';
import type { Flow } from '../../shared/flow/schema';
import { validateFlow } from '../../shared/flow/validateFlow';

function flowOf(doc: unknown): Flow {
  const r = validateFlow({ version: 1, id: 'target', name: 'T', variables: [], ...(doc as object) });
  if (!r.flow) throw new Error(JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}
type R = { x: number; y: number; width: number; height: number };
const overlaps = (a: R, b: R) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const buttons = {
  id: 'buttons-1',
  kind: 'buttons',
  position: { x: 40, y: 40 },
  data: { text: 'What can I do for you?', options: ['Book a repair', 'Repair status', 'Prices', 'Talk to a mechanic'].map((label, i) => ({ id: `o${i}`, label })) },
} as unknown as Flow['blocks'][number];
const clip = (blocks: Flow['blocks']): ClipboardDocument => ({ format: 'baton/clipboard', version: 1, sourceFlowId: 'source', blocks, edges: [], variables: [], notes: [], groups: [] });

describe('N13: a block pasted into another flow', () => {
  // The target: a small block at the top left, a gap of 200 px, then a row of blocks (the template's Welcome / Main menu).
  const target = flowOf({
    blocks: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'welcome', kind: 'message', position: { x: 0, y: 336 }, label: 'Welcome', data: { text: 'Hi' } },
      { id: 'menu', kind: 'message', position: { x: 300, y: 336 }, label: 'Main menu', data: { text: 'Pick' } },
    ],
    edges: [],
  });
  const measured = { start: { width: 240, height: 80 }, welcome: { width: 240, height: 100 }, menu: { width: 240, height: 100 } };

  it('is sized by its own content (a four-option Buttons block is far taller than 110 px), not by the target flow', () => {
    const size = pastedBlockSize(target, measured, buttons);
    expect(size.height).toBeGreaterThanOrEqual(96 + 28 * 5);
    // A block of the same id but another kind in the target says nothing about the pasted block.
    const clash = flowOf({ blocks: [{ id: 'buttons-1', kind: 'end', position: { x: 900, y: 900 }, data: {} }], edges: [] });
    expect(pastedBlockSize(clash, { 'buttons-1': { width: 240, height: 60 } }, buttons).height).toBeGreaterThan(200);
  });

  it('lands where it overlaps no block, at the size it is drawn with', () => {
    const drawn = { width: 240, height: 250 }; // what Chromium draws for this block (newcomer's screen 96)
    for (const wanted of [{ x: 0, y: 110 }, { x: 40, y: 130 }, { x: 300, y: 100 }, { x: 0, y: 0 }]) {
      const at = pasteSpot(target, measured, clip([buttons]), wanted, { 'buttons-1': drawn });
      for (const r of occupiedRects(target, measured)) expect(overlaps({ ...at, ...drawn }, r), `${JSON.stringify(wanted)} -> ${JSON.stringify(at)}`).toBe(false);
      const estimated = pasteSpot(target, measured, clip([buttons]), wanted);
      for (const r of occupiedRects(target, measured)) expect(overlaps({ ...estimated, ...pastedBlockSize(target, measured, buttons) }, r)).toBe(false);
    }
  });
});

/** One CSS rule's body from a stylesheet (jsdom does not lay out, so a width rule is checked where it is written). */
function ruleOf(file: string, selector: string): string {
  const css = readFileSync(resolve(process.cwd(), file), 'utf8');
  const at = css.indexOf(`${selector} {`);
  return at < 0 ? '' : css.slice(at, css.indexOf('}', at));
}

describe('N15: the save status has a fixed-width slot', () => {
  it('the slot does not grow or shrink with its words', () => {
    const rule = ruleOf('renderer/studio/persistence/saveStatus.css', '.bt-save-status');
    expect(rule).toMatch(/\bwidth: \d/);
    expect(rule).toMatch(/flex: none/);
    expect(ruleOf('renderer/studio/persistence/saveStatus.css', '.bt-save-status > span')).toMatch(/text-overflow: ellipsis/);
  });
  it('a long status (cut in the slot) leads its title whole; a short one does not repeat itself', () => {
    const { rerender } = render(<SaveStatus status="conflict" />);
    expect(screen.getByRole('status')).toHaveAttribute('title', expect.stringMatching(/^Changed elsewhere: not saved\./));
    rerender(<SaveStatus status="offline" error="No connection." />);
    expect(screen.getByRole('status')).toHaveAttribute('title', 'Offline: edits kept in this browser. No connection.');
    rerender(<SaveStatus status="saved" />);
    expect(screen.getByRole('status')).not.toHaveAttribute('title');
    rerender(<SaveStatus status="saving" />);
    expect(screen.getByRole('status')).not.toHaveAttribute('title');
  });
});

describe('N17: small visual items', () => {
  it("the read-only note keeps clear of the inspector's × (top-right, 32 px)", () => {
    const margin = /margin: (\S+) (\S+) (\S+) (\S+);/.exec(ruleOf('renderer/studio/studio.css', '.st-readonly-note'));
    expect(margin, 'a four-value margin').not.toBeNull();
    expect(parseInt(margin![2], 10)).toBeGreaterThanOrEqual(8 + 32 + 4);
  });
  it('Virtual agents: fixed widths for the short columns, one-word examples in Teams / Skills / Languages', () => {
    expect(ruleOf('renderer/studio/simulator/simulator.css', '.sim-agents')).toMatch(/table-layout: fixed/);
    const px = (sel: string) => parseInt(/width: (\d+)px/.exec(ruleOf('renderer/studio/simulator/simulator.css', `.sim-agents ${sel}`))?.[1] ?? 'NaN', 10);
    const fixed = px('.sim-col-status') + px('.sim-col-capacity') + px('.sim-col-chats');
    // In a 420 px table the four shared columns get at least 60 px each: "claims" / "billing" / "en, fr" read whole.
    expect((420 - fixed) / 4).toBeGreaterThanOrEqual(60);
    const pane = readFileSync(resolve(process.cwd(), 'renderer/studio/simulator/SetupPane.tsx'), 'utf8');
    for (const p of [...pane.matchAll(/teams`\} placeholder="([^"]+)"|skills`\} placeholder="([^"]+)"|languages`\} placeholder="([^"]+)"/g)]) expect((p[1] ?? p[2] ?? p[3]).length).toBeLessThanOrEqual(7);
  });
  it('Find: a block the view has to move to is put in the middle of the canvas', () => {
    const block = { x: 2000, y: 1200, width: 240, height: 110 };
    const far = { x: 0, y: 0, zoom: 0.3 };
    for (const [w, h] of [[800, 600], [1100, 850], [640, 480]]) {
      const v = viewToShow(block, far, w, h, { readableZoom: 1, centre: true })!;
      expect(v.zoom).toBe(1);
      expect(block.x * v.zoom + v.x + (block.width * v.zoom) / 2).toBeCloseTo(w / 2);
      expect(block.y * v.zoom + v.y + (block.height * v.zoom) / 2).toBeCloseTo(h / 2);
    }
    // Already whole in view at a readable zoom: the view stays.
    expect(viewToShow(block, { x: -1800, y: -1000, zoom: 1 }, 800, 600, { readableZoom: 1, centre: true })).toBeNull();
    // A block taller than the canvas: its top is shown.
    const tall = { x: 0, y: 0, width: 240, height: 900 };
    expect(viewToShow(tall, { x: 5000, y: 5000, zoom: 1 }, 800, 600, { readableZoom: 1, centre: true })!.y).toBe(40);
  });
});

describe('N8: problems about two blocks that differ only by an internal id', () => {
  const block = (id: string, kind: string, data: object, label?: string) => ({ id, kind, data, position: { x: 0, y: 0 }, ...(label ? { label } : {}) }) as unknown as Flow['blocks'][number];
  // Wordings written before the change: the list named these "Message (message-3)" / "Message (message-4)".
  const repairs = block('message-3', 'message', { text: 'Repairs usually take 2-3 working days. We will text you.' });
  const prices = block('message-4', 'message', { text: 'A basic service is £45.' });
  it('an unlabelled block shared by kind is named by its first words, never by its id', () => {
    const all = [repairs, prices];
    expect(problemBlockName(repairs, all)).toBe('Message “Repairs usually take 2-3…”');
    expect(problemBlockName(prices, all)).toBe('Message “A basic service is £45.”');
    const q = [block('question-1', 'question', { text: "What's your phone number?" }), block('question-2', 'question', { text: 'And your email?' })];
    expect(problemBlockName(q[0], q)).toBe('Question “What\'s your phone number?”');
    const routers = [block('r1', 'intent_router', { prompt: 'What can I help you with?', intents: [] }), block('r2', 'intent_router', { prompt: 'Anything else?', intents: [] })];
    expect(problemBlockName(routers[1], routers)).toBe('Intent router “Anything else?”');
  });
  it('the id only when the words do not tell them apart; a unique title stays as it is', () => {
    const ends = [block('end-1', 'end', { text: '' }), block('end-2', 'end', { text: '' })];
    expect(problemBlockName(ends[0], ends)).toBe('End (end-1)');
    const same = [block('m1', 'message', { text: 'Hi' }), block('m2', 'message', { text: 'Hi' })];
    expect(problemBlockName(same[1], same)).toBe('Message (m2)');
    const labelled = [block('a', 'message', { text: 'x' }, 'Welcome'), block('b', 'message', { text: 'y' }, 'Welcome')];
    expect(problemBlockName(labelled[0], labelled)).toBe('Welcome (a)');
    expect(problemBlockName(repairs, [repairs])).toBe('Message');
  });
  it('held out: long or multi-line texts are cut at a word, template variables kept', () => {
    expect(firstWords(block('m', 'message', { text: 'Thanks!\n\nWe will text   {{phone}} to confirm your booking slot.' }))).toBe('Thanks! We will text…');
    expect(firstWords(block('m', 'message', { text: 'Supercalifragilisticexpialidocious-and-more-words' }))).toBe('Supercalifragilisticexpialid…');
    expect(firstWords(block('n', 'notify', { channel: 'email', to: [], subject: 'New lead', text: '' }))).toBe('New lead');
  });
});
