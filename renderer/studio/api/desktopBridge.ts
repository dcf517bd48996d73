/**
 * The desktop app's small typed API (electron/preload.ts exposes it as `window.baton`); null in a browser.
 * The renderer never sees ipcRenderer: only these functions.
 */
export interface DesktopBridge {
  /** Native "Open" dialog for a flow JSON file; null when cancelled. */
  pickFlowFile(): Promise<{ fileName: string; text: string } | null>;
  /** Native "Save" dialog for an export; false when cancelled. */
  saveFile(suggestedName: string, text: string): Promise<boolean>;
  /** Menu commands (new-flow, import, export, undo, redo, find, history, home...); returns an unsubscribe. */
  onMenuCommand(listener: (command: string) => void): () => void;
  /** Tells the menu which flow is open (for the window title and recent files). */
  setOpenFlow(info: { key: string; name: string } | null): void;
}

export function desktopBridge(): DesktopBridge | null {
  if (typeof window === 'undefined') return null;
  const b = (window as unknown as { baton?: DesktopBridge }).baton;
  return b && typeof b.pickFlowFile === 'function' ? b : null;
}
