/**
 * Session 39: the component files share one jsdom page per worker (vitest.config.ts, project 'component', isolate: false),
 * where each used to get a brand-new page. This setup file runs before every component file (vitest re-runs setup files
 * per file) and puts back what earlier files are known to leave on the page, so each file starts from the page a fresh
 * jsdom gives: real timers, an empty body, empty localStorage and sessionStorage, no cookies, the first file's address
 * and title, and no property a test defined on document or navigator (document.currentScript, document.visibilityState,
 * navigator.clipboard). Testing Library's cleanup (setup.ts) unmounts what a test rendered; this also removes what a
 * test added to the body itself (the widget loader's launcher and frame).
 * Session 40: also Testing Library's configuration, which lives in its module, shared by the files of a worker: 13
 * files call configure({ asyncUtilTimeout: 5_000, 10_000 or 15_000 }) at their top, which reached every later file of
 * the same worker (a findBy/waitFor that was to give up after the default 1 s waited up to 15 s).
 */
import { configure, getConfig } from '@testing-library/react';
import { vi } from 'vitest';

const FRESH = Symbol.for('baton.test.freshPage');
type Fresh = { href: string; title: string; testingLibrary: ReturnType<typeof getConfig> };
const g = globalThis as unknown as Record<symbol, Fresh | undefined>;

if (typeof document !== 'undefined') {
  // The first file of a worker sees the page as jsdom made it: remember its address, title and Testing Library's
  // configuration (before any test file's configure call: setup files run before the file is imported).
  const fresh = (g[FRESH] ??= { href: location.href, title: document.title, testingLibrary: { ...getConfig() } });
  configure({ ...fresh.testingLibrary });
  vi.useRealTimers();
  document.body.replaceChildren();
  for (const name of document.body.getAttributeNames()) document.body.removeAttribute(name);
  localStorage.clear();
  sessionStorage.clear();
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
  if (location.href !== fresh.href) history.replaceState(null, '', fresh.href);
  document.title = fresh.title;
  for (const [target, names] of [
    [document, ['currentScript', 'visibilityState', 'hidden']],
    [navigator, ['clipboard']],
  ] as const) {
    for (const name of names) {
      if (Object.getOwnPropertyDescriptor(target, name)?.configurable) delete (target as unknown as Record<string, unknown>)[name];
    }
  }
}
