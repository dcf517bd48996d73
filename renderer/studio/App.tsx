/**
 * The studio's root: hash routes `#/` (home screen) and `#/flow/<key>` (editor), over the studio server's
 * API (renderer/studio/api) with autosave and the crash journal (renderer/studio/persistence).
 *
 * Without a studio server (the page opened by `vite` for development, or by the canvas benchmark) the
 * studio opens a flow handed to it in `window.__BATON_FLOW__`, else the bundled sample flow, in memory only.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTheme } from './editor/useTheme';
import { HomeScreen } from './home/HomeScreen';

/**
 * Session 44 (studio7): the editor (its screens, the canvas, React Flow, validation with the escalation policy's
 * readers, and the simulator) is loaded when a flow is opened: the home screen's first load carries none of it, and the
 * build no longer prints Vite's "chunks larger than 2000 kB" advice. The simulator is a chunk of its own again
 * (editor/Editor.tsx).
 */
const OpenFlow = lazy(() => import('./FlowScreens').then((m) => ({ default: m.OpenFlow })));
const MemoryStudio = lazy(() => import('./FlowScreens').then((m) => ({ default: m.MemoryStudio })));
const opening = <div className="st-loading">Opening…</div>;

declare global {
  interface Window {
    __BATON_FLOW__?: unknown;
  }
}

function hasServer(): boolean {
  return Boolean(document.querySelector('meta[name="baton-secret"]')?.getAttribute('content'));
}

function useHashRoute(): string {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

export function App() {
  useTheme();
  if (window.__BATON_FLOW__ || !hasServer())
    return (
      <Suspense fallback={opening}>
        <MemoryStudio />
      </Suspense>
    );
  return <ServerStudio />;
}

function ServerStudio() {
  const hash = useHashRoute();
  const match = /^#\/flow\/(.+)$/.exec(hash);
  const key = match ? decodeURIComponent(match[1]) : null;
  if (!key) return <HomeScreen onOpen={(k) => (location.hash = `#/flow/${encodeURIComponent(k)}`)} />;
  return (
    <Suspense fallback={opening}>
      <OpenFlow key={key} flowKey={key} />
    </Suspense>
  );
}

