/**
 * Electron's entry point (bundled to dist/electron/main.mjs by scripts/build-electron.mjs). All the work is in
 * desktopApp.ts, which takes Electron as an argument so it can be tested without it.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import electron from 'electron';
import { startStudioServer } from '../runtime/studio/startStudioServer';
import { startDesktopApp } from './desktopApp';

const here = dirname(fileURLToPath(import.meta.url));
const { app, dialog } = electron;

/** A flow file passed on the command line: `Baton path/to/flow.json` (the last argument ending in .json). */
const openFile = process.argv.slice(1).filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith('.json')).pop();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.whenReady().then(
    async () => {
      try {
        const desktop = await startDesktopApp(electron as never, {
          appPath: app.getAppPath(),
          preloadPath: join(here, 'preload.cjs'),
          startServer: startStudioServer,
          openFile,
        });
        app.on('second-instance', (_e, argv: string[]) => {
          const file = argv.filter((a) => a.toLowerCase().endsWith('.json')).pop();
          if (file) void desktop.openPath(file);
          if (desktop.window.isMinimized()) desktop.window.restore();
          desktop.window.focus();
        });
      } catch (err) {
        dialog.showErrorBox('Baton Studio could not start', err instanceof Error ? err.message : String(err));
        app.quit();
      }
    },
    () => app.quit(),
  );
}
