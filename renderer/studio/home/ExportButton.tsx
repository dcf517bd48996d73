/**
 * "Export" for the editor's toolbar: saves pending edits first (flush), then exports the logic-only JSON
 * (see exportFlowFile.ts). Stripped secrets are announced in the button's status line.
 */
import { Download } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../ui/Button';
import { StudioApiError, studioApi, type StudioApi } from '../api/studioApi';
import { useStudioStore } from '../store/StudioStoreContext';
import { exportFlowFile } from './exportFlowFile';
import { problemsOf } from '../hooks/useProblems';
import { problemCount } from '../editor/problemCount';

export function ExportButton({ flowId, flush, api = studioApi }: { flowId: string; flush?: () => Promise<void>; api?: StudioApi }) {
  const [message, setMessage] = useState<string | null>(null);
  const store = useStudioStore();
  const run = async () => {
    try {
      await flush?.();
      const r = await exportFlowFile(api, flowId);
      const files = r.scenariosFileName ? `${r.fileName} and ${r.scenariosFileName} (keep them together for baton test)` : r.fileName;
      const secrets = r.warnings.length ? `; ${r.warnings.length} secret${r.warnings.length === 1 ? '' : 's'} replaced by {{secrets.…}} placeholders` : '';
      // The flow's open problems go with the file (newcomer s8 #21), as a count: the problems list says each one in the
      // canvas's words, and the toast's "Show" opens it (newcomer s39 N3: a 12-line toast of raw ids covered the canvas).
      const open = problemsOf(store.getState().flow);
      const errors = open.filter((p) => p.severity === 'error').length;
      const openText = open.length ? ` — ${problemCount(errors, open.length - errors)}` : '';
      const said = r.scenariosFileName || r.warnings.length || open.length ? `Exported ${files}${openText}${secrets}.` : null;
      setMessage(said);
      if (said) store.getState().notify(said, 'info', open.length ? { label: 'Show', opens: 'problems' } : undefined);
    } catch (err) {
      setMessage(err instanceof StudioApiError ? `${err.message} ${err.hint}` : String(err));
    }
  };
  return (
    <>
      <Button variant="ghost" size="icon" aria-label="Export flow" title={message ?? 'Export the flow as JSON with its canvas layout (the runtime ignores the layout; secrets stripped)'} onClick={() => void run()}>
        <Download size={16} aria-hidden />
      </Button>
      {message ? (
        <span className="bt-visually-hidden" role="status">
          {message}
        </span>
      ) : null}
    </>
  );
}
