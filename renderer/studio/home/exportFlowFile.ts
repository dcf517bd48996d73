/**
 * Exports a flow as the JSON `baton validate` and `baton serve` accept (secrets replaced by {{secrets.NAME}}
 * placeholders): the desktop app's Save dialog, or a download in the browser. Returns the export's warnings (each
 * secret that was stripped) to show. Session 39 (newcomer s39 N17: a designer who shared a flow with a colleague found
 * it laid out afresh on import): the canvas layout (block positions, sticky notes, groups) travels with the export by
 * default, as Typebot's and Landbot's exports keep theirs; the runtime ignores it. `layout: false` leaves it out.
 */
import { desktopBridge } from '../api/desktopBridge';
import type { StudioApi } from '../api/studioApi';

export async function exportFlowFile(api: Pick<StudioApi, 'exportFlow'>, key: string, opts: { layout?: boolean } = {}): Promise<{ saved: boolean; fileName: string; scenariosFileName?: string; warnings: string[] }> {
  const r = await api.exportFlow(key, opts.layout ?? true);
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

/**
 * Session 47 (studio14): a text file the studio made (Simulator › Batch's sample conversations): the desktop app's Save
 * dialog, or a download in the browser. False: the designer cancelled the dialog.
 */
export async function saveTextFile(fileName: string, text: string, type = 'text/plain'): Promise<boolean> {
  const desktop = desktopBridge();
  if (desktop) return desktop.saveFile(fileName, text);
  download(fileName, text, type);
  return true;
}

function download(fileName: string, text: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
