/**
 * Renderer build. One Vite project rooted at renderer/, several HTML entries sharing components
 * (renderer/ui): the studio today; the inbox and widget add their own `<name>/index.html` below.
 * Output: dist/renderer/<entry>/index.html with hashed, shared assets in dist/renderer/assets/.
 * The studio server (runtime/studio) serves dist/renderer; `npm run build` produces it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

/**
 * Every renderer entry that exists: studio now, inbox and widget when their folders gain an index.html.
 * `BATON_ENTRIES=studio` builds a subset (the studio's e2e tests and the canvas bench need only the studio).
 */
const wanted = process.env.BATON_ENTRIES?.split(',').map((s) => s.trim()) ?? ['studio', 'inbox', 'widget'];
const entries = Object.fromEntries(
  wanted
    .map((name) => [name, resolve(root, name, 'index.html')] as const)
    .filter(([, file]) => existsSync(file)),
);

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, '../dist/renderer'),
    // A subset build must not delete the other apps' output.
    emptyOutDir: !process.env.BATON_ENTRIES,
    sourcemap: true,
    // Session 44 (studio7): the editor (FlowScreens), the simulator and ELK are loaded when needed (renderer/studio/App.tsx,
    // editor/Editor.tsx), so no chunk passes this limit (largest: ELK's 1.46 MB, loaded only to lay a flow out).
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: entries,
      // Session 41 (newcomer s41 N9): the studio's one chunk passed 2 MB and `npm start` printed Vite's code-splitting
      // advice to the user. React (all three apps) and React Flow with its d3 parts (the studio) are chunks of their own,
      // cached apart from the app's code; ELK stays the separate chunk the studio loads when it lays a flow out.
      // Session 42 (newcomer s42 N12): rolldown's `codeSplitting` (object form), the same groups; `advancedChunks` made the
      // first `npm start` print "advancedChunks option is deprecated".
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](?:react|react-dom|scheduler)[\\/]/ },
            // Its code only: React Flow's stylesheet (imported by main.tsx, so studio.css comes after it) stays with the
            // entry's CSS; in this group it made the home screen load React Flow's code for its styles (session 44).
            { name: 'reactflow', test: /[\\/]node_modules[\\/](?:@xyflow|d3-[a-z]+|classcat)[\\/].*\.[cm]?js$/ },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
