/**
 * Component-test setup (import it first in every test/component file that uses `// @vitest-environment jsdom`):
 * jest-dom matchers, cleanup, and the browser APIs React Flow needs that jsdom lacks (ResizeObserver,
 * DOMMatrixReadOnly, element sizes), as React Flow's own testing guide recommends.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

class ResizeObserverStub {
  private cb: ResizeObserverCallback;
  constructor(cb: ResizeObserverCallback) {
    this.cb = cb;
  }
  observe(target: Element) {
    this.cb([{ target, contentRect: { width: 240, height: 120 } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

const g = globalThis as Record<string, unknown>;
g.ResizeObserver ??= ResizeObserverStub;
g.DOMMatrixReadOnly ??= DOMMatrixReadOnlyStub;

if (typeof HTMLElement !== 'undefined') {
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { configurable: true, get() { return parseFloat(this.style?.height) || 120; } },
    offsetWidth: { configurable: true, get() { return parseFloat(this.style?.width) || 240; } },
  });
  (SVGElement.prototype as unknown as { getBBox(): DOMRect }).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, onchange: null, dispatchEvent: () => false })) as typeof window.matchMedia;
}

// Session 45: the editor's simulator panel and the app's flow screens load on demand (React.lazy, session 44). A file
// that renders them and ends before that import resolves left the import running after the worker's environment was
// torn down (the session-44 stop's CI: EnvironmentTeardownError in two component files, "Cannot load ... after the
// environment was torn down"). Loading both here, before any test, makes React.lazy resolve from the module cache.
await Promise.all([import('../../../renderer/studio/simulator/SimulatorPanel'), import('../../../renderer/studio/FlowScreens')]);
