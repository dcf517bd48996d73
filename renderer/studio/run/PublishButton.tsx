/**
 * "Publish": sends the open flow to a running `baton serve` (the team's server) through its admin API, by way of the
 * studio server (runtime/studio/publishFlow.ts). Newcomer s9 #11: there was no way from the studio to a server but
 * Export, copy the file, restart. The server address is remembered on this computer; the admin token only for this
 * tab (sessionStorage), so a shared computer does not keep it.
 */
import { useState, type FormEvent } from 'react';
import { ExternalLink, UploadCloud } from 'lucide-react';
import { Button, Dialog } from '../../ui';
import { StudioApiError, studioApi, type StudioApi } from '../api/studioApi';
import './run.css';

const URL_KEY = 'baton.publish.url';
const TOKEN_KEY = 'baton.publish.token';

function read(storage: () => Storage, key: string): string {
  try {
    return storage().getItem(key) ?? '';
  } catch {
    return '';
  }
}
function write(storage: () => Storage, key: string, value: string): void {
  try {
    storage().setItem(key, value);
  } catch {
    // Storage blocked (private mode, policy): the fields are typed again next time.
  }
}

export interface PublishButtonProps {
  flowKey: string;
  /** Saves pending edits first, so what is published is what the canvas shows. */
  flush?: () => Promise<unknown>;
  api?: StudioApi;
}

type Published = Awaited<ReturnType<StudioApi['publishFlow']>>;

export function PublishButton({ flowKey, flush, api = studioApi }: PublishButtonProps) {
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState(() => read(() => localStorage, URL_KEY));
  const [token, setToken] = useState(() => read(() => sessionStorage, TOKEN_KEY));
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Published | null>(null);
  const [failure, setFailure] = useState<{ message: string; hint: string; problems: string[] } | null>(null);

  const publish = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      await flush?.();
      const r = await api.publishFlow(flowKey, url, token);
      write(() => localStorage, URL_KEY, r.serverUrl);
      write(() => sessionStorage, TOKEN_KEY, token);
      setUrl(r.serverUrl);
      setDone(r);
    } catch (err) {
      if (err instanceof StudioApiError) {
        setFailure({ message: err.message, hint: err.hint, problems: err.problems.slice(0, 5).map((p) => (p.blockId ? `${p.blockId}: ${p.message}` : p.message)) });
      } else setFailure({ message: String(err), hint: '', problems: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)} aria-label="Publish to a server" title="Send this flow to a running baton serve (your team's server) as its new revision">
        <UploadCloud size={14} aria-hidden="true" /> Publish
      </Button>
      {open && (
        <Dialog title="Publish to a server" onClose={() => setOpen(false)}>
          <form className="publish-form" onSubmit={(e) => void publish(e)}>
            <p className="run-hint">
              Sends this flow (as Export writes it: secrets stay on the server) to a running <code>baton serve</code>. New conversations use it at once;
              conversations already running finish on the revision they started on.
            </p>
            <div className="bt-field">
              <label className="bt-field-label" htmlFor="publish-url">
                Server address
              </label>
              <input id="publish-url" className="bt-input" type="text" inputMode="url" spellCheck={false} autoComplete="url" placeholder="http://localhost:3000" value={url} onChange={(e) => setUrl(e.target.value)} required autoFocus />
              <div className="bt-field-help">What baton serve printed when it started (&quot;ready at …&quot;).</div>
            </div>
            <div className="bt-field">
              <label className="bt-field-label" htmlFor="publish-token">
                Admin token
              </label>
              <input id="publish-token" className="bt-input" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required />
              <div className="bt-field-help">&quot;adminToken&quot; in the server&apos;s --config file, or its BATON_ADMIN_TOKEN. Kept for this tab only.</div>
            </div>
            {failure && (
              <div className="run-error publish-failure" role="alert">
                <p>{failure.message}</p>
                {failure.problems.length > 0 && (
                  <ul>
                    {failure.problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                )}
                {failure.hint && <p className="run-hint">{failure.hint}</p>}
              </div>
            )}
            {done && (
              <div className="publish-done" role="status">
                <p className="run-title">
                  <span className="run-live" aria-hidden="true" /> {done.changed ? `${done.flowId} is published on ${done.serverUrl}` : `${done.serverUrl} already serves this version of ${done.flowId}`}
                </p>
                <p className="run-hint">Revision {done.revision.slice(0, 12)}. Customers reach it at:</p>
                <a href={done.chatUrl} target="_blank" rel="noopener noreferrer">
                  {done.chatUrl} <ExternalLink size={12} aria-hidden="true" />
                </a>
              </div>
            )}
            <div className="publish-actions">
              <Button type="button" size="sm" onClick={() => setOpen(false)}>
                Close
              </Button>
              <Button type="submit" variant="primary" size="sm" disabled={busy}>
                <UploadCloud size={14} aria-hidden="true" /> {busy ? 'Publishing…' : done ? 'Publish again' : 'Publish'}
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
