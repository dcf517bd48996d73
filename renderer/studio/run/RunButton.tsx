/**
 * The studio's "Run" button: saves, asks the studio server to serve the open flow with the real runtime
 * (runtime/studio/run/studioRunner.ts), opens the widget demo page and the inbox, and shows both URLs.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ExternalLink, Rocket, Square } from 'lucide-react';
import { Button } from '../../ui';
import { pageSecret } from '../api/studioApi';
import { useBannerSlot } from '../editor/bannerSlot';
import './run.css';

export interface RunInfo {
  runtimeUrl: string;
  widgetUrl: string;
  inboxUrl: string;
  flowId: string;
  flows: string[];
  /** What Run arranged so you can take the flow's handoffs, and what it could not (older servers: absent). */
  notes?: string[];
}

export interface RunButtonProps {
  flowKey: string;
  /** Saves pending edits first (useFlowPersistence's flush). */
  flush?: () => Promise<unknown>;
  fetch?: typeof fetch;
  open?: (url: string) => void;
}

async function call<T>(f: typeof fetch, method: string, path: string): Promise<T> {
  let res: Response;
  try {
    res = await f(path, { method, headers: { 'x-baton-secret': pageSecret() } });
  } catch {
    throw new Error('The studio server cannot be reached.');
  }
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; hint?: string; problems?: Array<{ message: string }> } } | null;
  if (!res.ok) {
    const e = body?.error;
    const first = e?.problems?.[0]?.message;
    throw new Error([e?.message ?? `The studio server answered ${res.status}.`, first, e?.hint].filter(Boolean).join(' '));
  }
  return body as T;
}

export function RunButton({ flowKey, flush, fetch: f = (...a) => fetch(...a), open = (u) => window.open(u, '_blank', 'noopener') }: RunButtonProps) {
  const [busy, setBusy] = useState(false);
  const [info, setInfo] = useState<RunInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [show, setShow] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  // Session 46 (studio12, newcomer s46 N21): after the page reloads, the flow may still be served (Run's runtime lives in
  // the studio server): ask, and show "Run again" and Stop as before the reload. Quiet when the server cannot say.
  useEffect(() => {
    let live = true;
    call<RunInfo | { running: false }>(f, 'GET', `/api/flows/${encodeURIComponent(flowKey)}/run`)
      .then((r) => live && 'widgetUrl' in r && setInfo((now) => now ?? r))
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flowKey]);

  useEffect(() => {
    if (!show) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setShow(false);
    const onDown = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setShow(false);
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [show]);

  // Newcomer s39 N22: opened under Run with the simulator beside the canvas, the box covered the simulator's header and
  // tabs. It is moved left so that it ends before the simulator (never past the window's left edge).
  const pop = useRef<HTMLDivElement>(null);
  const [shift, setShift] = useState(0);
  const shown = show && Boolean(error || info);
  useLayoutEffect(() => {
    if (!shown || !pop.current || !box.current) return;
    const sim = document.querySelector('aside[aria-label="Simulator"]');
    const wrapLeft = box.current.getBoundingClientRect().left;
    const width = pop.current.offsetWidth;
    const limit = sim ? sim.getBoundingClientRect().left - 8 : window.innerWidth - 8;
    const over = wrapLeft + width - limit;
    setShift(over > 0 ? Math.max(8 - wrapLeft, -over) : 0);
  }, [shown]);

  // Newcomer s28 N7: opened under Run, the box covered the banner row under the top bar ("changed in another tab",
  // "changed on disk"), its buttons included. With a banner there, the box opens under it; it follows the banner as it
  // comes and goes while the box is open.
  const slot = useBannerSlot();
  const [below, setBelow] = useState(0);
  useLayoutEffect(() => {
    if (!shown || !slot || !box.current) return;
    const place = () => {
      const banner = slot.getBoundingClientRect();
      const wrap = box.current?.getBoundingClientRect();
      setBelow(wrap && banner.height > 0 && banner.bottom > wrap.bottom ? Math.ceil(banner.bottom - wrap.bottom) : 0);
    };
    place();
    if (typeof ResizeObserver === 'undefined') return;
    const watch = new ResizeObserver(place);
    watch.observe(slot);
    return () => watch.disconnect();
  }, [shown, slot]);

  const run = async () => {
    setBusy(true);
    setError(null);
    setShow(true);
    try {
      await flush?.();
      const r = await call<RunInfo>(f, 'POST', `/api/flows/${encodeURIComponent(flowKey)}/run`);
      setInfo(r);
      open(r.widgetUrl);
      open(r.inboxUrl);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    try {
      await call(f, 'DELETE', '/api/run');
      setInfo(null);
      setShow(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="run-wrap" ref={box}>
      <Button variant="primary" size="sm" onClick={() => void run()} disabled={busy} aria-label="Run this flow in a real chat" title="Serve this flow with the runtime and open the chat widget and the inbox (its link is in the box that opens, if the browser blocks the second window)">
        <Rocket size={14} aria-hidden="true" /> {busy ? 'Starting…' : info ? 'Run again' : 'Run'}
      </Button>
      {show && (error || info) && (
        <div className="run-pop" role="dialog" aria-label="Running flow" ref={pop} style={shift || below ? { ...(shift ? { left: shift } : {}), ...(below ? { top: `calc(100% + ${8 + below}px)` } : {}) } : undefined}>
          {error ? (
            <p className="run-error" role="alert">
              {error}
            </p>
          ) : info ? (
            <>
              <p className="run-title">
                <span className="run-live" aria-hidden="true" /> {info.flowId} is live on {info.runtimeUrl}
              </p>
              <dl className="run-links">
                <dt>Chat widget (customer)</dt>
                <dd>
                  <a href={info.widgetUrl} target="_blank" rel="noopener noreferrer">
                    {/* Shown without its ?newChat key (a new chat per press of Run: the link starts it once). */}
                    {info.widgetUrl.replace(/\?.*$/, '')} <ExternalLink size={12} aria-hidden="true" />
                  </a>
                </dd>
                <dt>Agent inbox (signed in as you)</dt>
                <dd>
                  <a href={info.inboxUrl} target="_blank" rel="noopener noreferrer">
                    {/* Newcomer s26 F17: the address shown without its #token opened a sign-in form; the link carries it. */}
                    Open the inbox <ExternalLink size={12} aria-hidden="true" />
                  </a>
                </dd>
              </dl>
              {/* Newcomer s18 N#6: browsers let one click open one window, so the inbox (the second) is often blocked
                  without a word; the designer waited for a tab that never came. */}
              <p className="run-hint" role="note">
                Run opens the chat widget and then the inbox; most browsers block the second window. No inbox tab? Open it from its link above.
              </p>
              {info.notes && info.notes.length > 0 && (
                <ul className="run-notes" aria-label="Before you try a handoff">
                  {info.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              )}
              <p className="run-hint">Edits are served when you press Run again: its chat window starts a new chat with them (the previous chat ends). Conversations are stored under the studio home (runtime/).</p>
              <Button size="sm" onClick={() => void stop()}>
                <Square size={12} aria-hidden="true" /> Stop
              </Button>
            </>
          ) : null}
        </div>
      )}
    </div>
  );
}
