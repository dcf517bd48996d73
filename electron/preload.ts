/**
 * The preload: a few typed functions on `window.baton` (renderer/studio/api/desktopBridge.ts), never a raw
 * ipcRenderer. Runs sandboxed with contextIsolation; bundled to one CommonJS file (scripts/build-electron.mjs).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels, menuCommands } from './ipcChannels';

const allowed = new Set<string>(menuCommands);

contextBridge.exposeInMainWorld('baton', {
  pickFlowFile: (): Promise<{ fileName: string; text: string } | null> => ipcRenderer.invoke(ipcChannels.pickFlowFile),
  saveFile: (suggestedName: string, text: string): Promise<boolean> => ipcRenderer.invoke(ipcChannels.saveFile, String(suggestedName), String(text)),
  setOpenFlow: (info: { key: string; name: string } | null) =>
    ipcRenderer.send(ipcChannels.setOpenFlow, info ? { key: String(info.key), name: String(info.name) } : null),
  onMenuCommand: (listener: (command: string) => void) => {
    const handler = (_e: unknown, command: unknown) => {
      if (typeof command === 'string' && allowed.has(command)) listener(command);
    };
    ipcRenderer.on(ipcChannels.menuCommand, handler);
    return () => {
      ipcRenderer.removeListener(ipcChannels.menuCommand, handler);
    };
  },
});
