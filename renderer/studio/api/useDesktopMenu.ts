/**
 * Runs the desktop app's menu commands (File > Export, Edit > Undo, View > Fit View...) in the page. No-op
 * in a browser. Pass handlers for the commands the current screen supports; the others are ignored.
 *
 *   useDesktopMenu({ undo: () => store.getState().undo(), export: () => exportFlowFile(studioApi, key) });
 */
import { useEffect, useRef } from 'react';
import { desktopBridge } from './desktopBridge';

export type DesktopMenuHandlers = Partial<Record<string, () => void>>;

export function useDesktopMenu(handlers: DesktopMenuHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const desktop = desktopBridge();
    if (!desktop) return;
    return desktop.onMenuCommand((command) => ref.current[command]?.());
  }, []);
}
