#!/usr/bin/env node
/**
 * `npm start`: builds the studio page if needed, then opens the desktop app (Electron). When Electron cannot
 * start (its binary was never downloaded, no display), says so in one line and starts the browser studio
 * instead (`baton studio`), which prints its link. Extra arguments go to the studio: `npm start -- flow.json`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPagesBuild, stalePages } from './pagesBuild.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** Builds the pages (every one, `npm run build`) when the studio page is missing or older than its sources. */
function ensureRendererBuilt() {
  if (stalePages(root, ['studio']).length === 0) return;
  console.log('Building the studio page (npm run build)…');
  if (!runPagesBuild(root, { output: 'stdout' }).ok) {
    console.error('npm start: building the studio page failed (see above); fix it, or run `npm run build` to see the errors again.');
    process.exit(1);
  }
}

/** The Electron binary, or why there is none. Never starts a download that could hang offline. */
function electronBinary() {
  const dir = join(root, 'node_modules/electron');
  if (!existsSync(dir)) return { why: 'the electron package is not installed' };
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { why: "Electron's binary was never downloaded (npm could not fetch it on this machine)" };
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(bin)) return { why: `Electron's binary is missing (${bin})` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { why: 'there is no display (DISPLAY is not set)' };
  return { bin };
}

function startBrowserStudio(reason) {
  console.log(`Electron cannot start here (${reason}); opening Baton Studio in your browser instead.`);
  const child = spawn(process.execPath, [join(root, 'bin/baton.js'), 'studio', ...args], { cwd: root, stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

ensureRendererBuilt();
const electron = electronBinary();
if (!electron.bin) {
  startBrowserStudio(electron.why);
} else {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-electron.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) {
    startBrowserStudio('the desktop shell failed to build, see above');
  } else {
    const started = Date.now();
    let stderr = '';
    const child = spawn(electron.bin, [join(root, 'dist/electron/main.mjs'), ...args], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'] });
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    child.on('error', (err) => startBrowserStudio(err.message));
    child.on('exit', (code) => {
      // Died at once (no display, missing libraries): fall back; a normal quit just ends.
      if (code !== 0 && Date.now() - started < 5000) startBrowserStudio(stderr.trim().split('\n').pop() || `Electron exited with code ${code}`);
      else process.exit(code ?? 0);
    });
  }
}
