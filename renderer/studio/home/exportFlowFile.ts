/**
 * Exports a flow as the logic-only JSON `baton validate` and `baton serve` accept (secrets replaced by
 * {{secrets.NAME}} placeholders, layout left out unless asked for): the desktop app's Save dialog, or a
 * download in the browser. Returns the export's warnings (each secret that was stripped) to show.
 */
import { desktopBridge } from '../api/desktopBridge';
import type { StudioApi } from '../api/studioApi';

export async function exportFlowFile(api: Pick<StudioApi, 'exportFlow'>, key: string, opts: { layout?: boolean } = {}): Promise<{ saved: boolean; fileName: string; scenariosFileName?: string; warnings: string[] }> {
  const r = await api.exportFlow(key, opts.layout ?? false);
  const desktop = desktopBridge();
  if (desktop) {
    const saved = await desktop.saveFile(r.fileName, r.text);
    // The flow's scenarios (issue 9) follow in a second file, FLOW.scenarios.json, where `baton test` finds them.
    if (saved && r.scenarios) await desktop.saveFile(r.scenarios.fileName, r.scenarios.text);
    return { saved, fileName: r.fileName, ...(r.scenarios ? { scenariosFileName: r.scenarios.fileName } : {}), warnings: r.warnings };
  }
  download(r.fileName, r.text);
  if (r.scenarios) download(r.scenarios.fileName, r.scenarios.text);
  return { saved: true, fileName: r.fileName, ...(r.scenarios ? { scenariosFileName: r.scenarios.fileName } : {}), warnings: r.warnings };
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
