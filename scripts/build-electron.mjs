#!/usr/bin/env node
/**
 * Bundles the desktop shell: electron/main.ts -> dist/electron/main.mjs (ESM, node_modules left external:
 * electron-builder ships the production dependencies) and electron/preload.ts -> dist/electron/preload.cjs
 * (one CommonJS file: sandboxed preloads cannot load modules). esbuild is the bundler tsx already uses.
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.mjs', format: 'esm', packages: 'external' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] });
console.log('dist/electron: main.mjs, preload.cjs');
