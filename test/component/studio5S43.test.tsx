// @vitest-environment jsdom
/**
 * Session 43 (studio5), newcomer s42:
 * - N8: the home screen showed "Loading…" and an empty "Start from a template" for over 2.5 s (the first /api/templates
 *   of a launch reads and checks every sample flow). The studio server reads them at start and writes them into the
 *   page (script#baton-templates); the home screen shows them on its first render, and each list as it arrives.
 * - N9: the simulator chat was left scrolled up after a resize; useStickToBottom keeps it on the newest message unless
 *   the tester scrolled up.
 */
import './support/setup';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { act, render, renderHook, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useRef } from 'react';
import { createStudioApi, pageTemplates, type StudioApi } from '../../renderer/studio/api/studioApi';
import { HomeScreen } from '../../renderer/studio/home/HomeScreen';
import { useStickToBottom } from '../../renderer/ui/useStickToBottom';
import { startStudioServer } from '../../runtime/studio/startStudioServer';

const never = <T,>() => new Promise<T>(() => {});
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('N8: templates on the first render', () => {
  it('the studio page carries the templates read at start; the home screen shows them before /api/templates answers', async () => {
    const home = await mkdtemp(join(tmpdir(), 'baton-s43-'));
    const pages = join(home, 'pages');
    await mkdir(join(pages, 'studio'), { recursive: true });
    await writeFile(join(pages, 'studio', 'index.html'), '<!doctype html><html><head><title>x</title></head><body><div id="root"></div></body></html>');
    const studio = await startStudioServer({ home: join(home, 'h'), port: 0, rendererDir: pages });
    cleanups.push(() => studio.close(), () => rm(home, { recursive: true, force: true }));
    const api = createStudioApi({ baseUrl: studio.origin, secret: studio.secret });
    await api.templates(); // the start's reading has ended
    // The link sets the studio's cookie and redirects to the page (as a browser follows it).
    const first = await fetch(studio.url, { redirect: 'manual' });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0];
    const html = await (await fetch(`${studio.origin}/studio/`, { headers: { cookie } })).text();
    const m = /<script type="application\/json" id="baton-templates">([^<]*)<\/script>/.exec(html);
    expect(m).not.toBeNull();
    const el = document.createElement('script');
    el.type = 'application/json';
    el.id = 'baton-templates';
    el.textContent = m![1];
    document.head.appendChild(el);
    cleanups.push(() => el.remove());
    expect(pageTemplates()!.map((t) => t.id)).toEqual(['customer-support', 'insurance-claims', 'lead-gen', 'travel-urgency']);

    // An API whose templates and trash never answer: the cards come from the page, the flows list when it arrives.
    const slow: StudioApi = { ...api, templates: never, trash: never, listFlows: async () => ({ flows: [] }) } as StudioApi;
    render(<HomeScreen onOpen={() => {}} api={slow} />);
    expect(screen.getByRole('button', { name: /New from template Northwind Goods customer support/ })).toBeInTheDocument();
    expect(await screen.findByText(/No flows yet/)).toBeInTheDocument();
  });

  it('no page templates (a test page): none shown until the API answers, and a broken script is ignored', async () => {
    expect(pageTemplates()).toBeNull();
    const el = document.createElement('script');
    el.type = 'application/json';
    el.id = 'baton-templates';
    el.textContent = '[{"id": 1}]';
    document.head.appendChild(el);
    cleanups.push(() => el.remove());
    expect(pageTemplates()).toBeNull();
    const api = { listFlows: never, trash: never, templates: async () => [{ id: 't', name: 'Tpl', description: 'd', blocks: 3 }] } as unknown as StudioApi;
    render(<HomeScreen onOpen={() => {}} api={api} />);
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    const section = screen.getByRole('region', { name: 'Start from a template' });
    expect(await within(section).findByRole('button', { name: 'New from template Tpl' })).toBeInTheDocument();
  });
});

describe('N9: useStickToBottom', () => {
  it('at the bottom it stays there when the box changes size; scrolled up it stays where the reader put it', () => {
    const observers: (() => void)[] = [];
    const Real = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      constructor(private cb: () => void) {}
      observe() {
        observers.push(this.cb);
      }
      disconnect() {}
      unobserve() {}
    } as unknown as typeof ResizeObserver;
    cleanups.push(() => {
      globalThis.ResizeObserver = Real;
    });
    const el = document.createElement('ol');
    let height = 1000;
    let client = 400;
    Object.defineProperty(el, 'scrollHeight', { get: () => height });
    Object.defineProperty(el, 'clientHeight', { get: () => client });
    const { rerender } = renderHook(({ n }) => {
      const ref = useRef<HTMLOListElement>(el);
      useStickToBottom(ref, n);
    }, { initialProps: { n: 1 } });
    expect(el.scrollTop).toBe(1000);
    // Resized: the box shrinks (1024 x 700) and lines wrap: still at the newest line.
    el.scrollTop = 600;
    el.dispatchEvent(new Event('scroll'));
    client = 300;
    height = 1200;
    act(() => observers.forEach((f) => f()));
    expect(el.scrollTop).toBe(1200);
    // Scrolled up on purpose: a resize leaves it there.
    el.scrollTop = 100;
    el.dispatchEvent(new Event('scroll'));
    client = 350;
    act(() => observers.forEach((f) => f()));
    expect(el.scrollTop).toBe(100);
    // A new message brings the newest line into view again.
    height = 1300;
    rerender({ n: 2 });
    expect(el.scrollTop).toBe(1300);
  });
});
