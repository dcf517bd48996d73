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

export function ExportButton({ flowId, flush, api = studioApi }: { flowId: string; flush?: () => Promise<void>; api?: StudioApi }) {
  const [message, setMessage] = useState<string | null>(null);
  const store = useStudioStore();
  const run = async () => {
    try {
      await flush?.();
      const r = await exportFlowFile(api, flowId);
      const files = r.scenariosFileName ? `${r.fileName} and its scenarios ${r.scenariosFileName} (keep them side by side for baton test)` : r.fileName;
      const secrets = r.warnings.length ? `; ${r.warnings.length} secret${r.warnings.length === 1 ? '' : 's'} replaced by {{secrets.…}} placeholders` : '';
      // The flow's open problems go with the file (newcomer s8 #21: the toast said nothing of the warnings still open).
      const open = problemsOf(store.getState().flow);
      const openText = open.length
        ? ` It still has ${open.length} open problem${open.length === 1 ? '' : 's'}: ${open
            .slice(0, 3)
            .map((p) => `${p.severity}: ${p.message.replace(/\.$/, '')}`)
            .join(' · ')}${open.length > 3 ? ` · and ${open.length - 3} more (see the problems list)` : ''}.`
        : '';
      const said = r.scenariosFileName || r.warnings.length || open.length ? `Exported ${files}${secrets}.${openText}` : null;
      setMessage(said);
      if (said) store.getState().notify(said, 'info');
    } catch (err) {
      setMessage(err instanceof StudioApiError ? `${err.message} ${err.hint}` : String(err));
    }
  };
  return (
    <>
      <Button variant="ghost" size="icon" aria-label="Export flow" title={message ?? 'Export the flow as JSON (logic only, secrets stripped)'} onClick={() => void run()}>
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
