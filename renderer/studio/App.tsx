/**
 * The studio's root: hash routes `#/` (home) and `#/flow/<key>` (editor).
 *
 * Without a studio server (the page opened by `vite` for development, or by the benchmark) the studio opens
 * a flow handed to it in `window.__BATON_FLOW__`, else the bundled sample flow, in memory only.
 */
import { useEffect, useState } from 'react';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';
import { EditorScreen } from './EditorScreen';

declare global {
  interface Window {
    __BATON_FLOW__?: unknown;
  }
}

type Loaded = { flow: Flow } | { error: string } | null;

function readFlow(doc: unknown): Loaded {
  const result = validateFlow(doc);
  if (!result.flow) {
    const first = result.problems[0];
    return { error: first ? `${first.path}: ${first.message} ${first.hint}` : 'This is not a Baton flow.' };
  }
  return { flow: result.flow };
}

export function App() {
  const [loaded, setLoaded] = useState<Loaded>(() => (window.__BATON_FLOW__ ? readFlow(window.__BATON_FLOW__) : null));
  useEffect(() => {
    if (loaded) return;
    import('../../flows/customer-support.json').then(
      (m) => setLoaded(readFlow(m.default)),
      (e) => setLoaded({ error: `Could not load the sample flow: ${String(e)}` }),
    );
  }, [loaded]);
  if (!loaded) return <div className="st-loading">Loading…</div>;
  if ('error' in loaded) return <div className="st-fatal" role="alert">{loaded.error}</div>;
  return <EditorScreen flow={loaded.flow} />;
}
