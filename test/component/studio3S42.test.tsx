// @vitest-environment jsdom
/**
 * Session 42 (studio3): the inspector's problems heading (errors red "N problems", warnings amber "N warnings"); the Run
 * box opens under a banner; a blank flow's placeholder id follows a name typed in Flow settings › General (one undo
 * step); Custom-mode takeover placeholders read as examples.
 */
import './support/setup';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProblemsSummary } from '../../renderer/studio/inspector/Inspector';
import { RunButton } from '../../renderer/studio/run/RunButton';
import { BannerSlot } from '../../renderer/studio/editor/bannerSlot';
import { inspectorFields } from '../../renderer/studio/blockCatalog';
import { renderEditor } from './support/renderEditor';
import { tinyFlow } from './support/sampleFlow';
import { plainConnectReason } from '../../renderer/studio/canvas/DropPicker';
import { canConnect } from '../../shared/flow/edit/canConnect';

describe('the inspector problems heading', () => {
  const summary = (severities: string[]) => {
    const { container } = render(
      <details open>
        <ProblemsSummary problems={severities.map((severity) => ({ severity }))} />
      </details>,
    );
    return container.querySelector('summary')!;
  };
  it('warnings only: "N warnings" in the warning tone, no problem count', () => {
    const s = summary(['warning', 'warning', 'warning']);
    expect(s).toHaveTextContent(/^3 warnings in this block$/);
    expect(s.querySelector('[data-tone="warning"]')).toHaveTextContent('3 warnings');
    expect(s.querySelector('[data-tone="error"]')).toBeNull();
  });
  it('errors and warnings: both, each in its tone; errors only: "N errors" (session 44, N9: was "N problems")', () => {
    const both = summary(['error', 'warning', 'warning']);
    expect(both).toHaveTextContent(/^1 error, 2 warnings in this block$/);
    expect(both.querySelector('[data-tone="error"]')).toHaveTextContent('1 error');
    const errors = summary(['error', 'error']);
    expect(errors).toHaveTextContent(/^2 errors in this block$/);
    expect(errors.querySelector('[data-tone="warning"]')).toBeNull();
  });
});

describe('the Run box and the banner row', () => {
  const info = { runtimeUrl: 'http://127.0.0.1:4999', widgetUrl: 'http://127.0.0.1:4999/chat/shop', inboxUrl: 'http://127.0.0.1:4999/inbox/#token=t', flowId: 'shop', flows: ['shop'] };
  const fetch = (async () => new Response(JSON.stringify(info), { status: 200, headers: { 'content-type': 'application/json' } })) as typeof globalThis.fetch;
  const rect = (top: number, height: number) => ({ top, bottom: top + height, height, left: 0, right: 100, width: 100, x: 0, y: top, toJSON: () => ({}) }) as DOMRect;
  afterEach(() => vi.restoreAllMocks());

  async function openWithBanner(bannerHeight: number) {
    const slot = document.createElement('div');
    document.body.appendChild(slot);
    vi.spyOn(slot, 'getBoundingClientRect').mockReturnValue(rect(48, bannerHeight));
    const real = HTMLElement.prototype.getBoundingClientRect;
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('run-wrap') ? rect(10, 30) : real.call(this);
    });
    render(
      <BannerSlot.Provider value={slot}>
        <RunButton flowKey="shop" fetch={fetch} open={() => null} />
      </BannerSlot.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: /run this flow/i }));
    return screen.findByRole('dialog', { name: 'Running flow' });
  }
  it('with a banner there, the box opens under it (the banner ends 56 px below the button)', async () => {
    const pop = await openWithBanner(48);
    expect(pop.style.top).toBe('calc(100% + 64px)');
  });
  it('with no banner, the box opens right under Run as before', async () => {
    const pop = await openWithBanner(0);
    expect(pop.style.top).toBe('');
  });
});

describe("a blank flow's id follows a name typed in Flow settings", () => {
  const blank = () => ({ ...tinyFlow(), id: 'untitled-flow', name: 'Untitled flow' });
  const nameField = () => within(screen.getByTestId('flow-settings')).getByLabelText('Flow name');
  it('says what the id will be while typing, sets it on leaving the field, and one undo takes both back', () => {
    const store = renderEditor(blank());
    fireEvent.click(screen.getByRole('button', { name: 'Flow settings' }));
    const field = nameField();
    fireEvent.focus(field);
    fireEvent.change(field, { target: { value: 'Callback booking bot' } });
    expect(screen.getByTestId('flow-settings')).toHaveTextContent("This new flow's id untitled-flow follows the name: it becomes callback-booking-bot when you leave this field");
    expect(store.getState().flow.id).toBe('untitled-flow');
    fireEvent.blur(field);
    expect(store.getState().flow.id).toBe('callback-booking-bot');
    expect(store.getState().flow.name).toBe('Callback booking bot');
    expect(store.getState().past.map((e) => e.label)).toEqual(['Rename flow']);
    act(() => store.getState().undo());
    expect(store.getState().flow.id).toBe('untitled-flow');
    expect(store.getState().flow.name).toBe('Untitled flow');
  });
  it('a flow with an id of its own keeps it, and the field says nothing of an id', () => {
    const store = renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('button', { name: 'Flow settings' }));
    const field = nameField();
    fireEvent.change(field, { target: { value: 'Tiny shop' } });
    expect(screen.getByTestId('flow-settings')).not.toHaveTextContent('follows the name');
    fireEvent.blur(field);
    expect(store.getState().flow.id).toBe('tiny');
    expect(store.getState().flow.name).toBe('Tiny shop');
  });
});

describe('Custom-mode takeover placeholders read as examples', () => {
  it('Skill and Language say "e.g."', () => {
    const fields = inspectorFields('human_takeover');
    expect(fields.find((f) => f.path.join('.') === 'skill')?.meta.placeholder).toBe('e.g. billing');
    expect(fields.find((f) => f.path.join('.') === 'language')?.meta.placeholder).toBe('e.g. fr');
  });
});

describe('a refused connection names blocks by their titles (plainConnectReason)', () => {
  it('an exit already wired: the block by its title, the exit only when the block has several', () => {
    const flow = tinyFlow();
    const one = canConnect(flow, 'welcome', 'next', 'agent');
    expect(one.ok).toBe(false);
    expect(plainConnectReason((one as { reason: string }).reason, flow)).toMatch(/^“Message” already leads to “Buttons”; remove that connection first/);
    const several = canConnect(flow, 'menu', 'a', 'agent');
    expect(plainConnectReason((several as { reason: string }).reason, flow)).toMatch(/^“Buttons” › “Alpha” already leads to “End”/);
  });
  it('into Start: the reason names Start by its title; a reason naming no block is left as it is', () => {
    const flow = tinyFlow();
    const check = canConnect(flow, 'menu', 'b', 'start');
    expect(plainConnectReason((check as { reason: string }).reason, flow)).toMatch(/^Nothing can lead into “Start”/);
    expect(plainConnectReason("Exit 'x' of 'nobody' (Message) has no way.", flow)).toBe("Exit 'x' of 'nobody' (Message) has no way.");
  });
});
