#!/usr/bin/env node
// Entry point of the `baton` command. After `npm run build`, it runs the prebuilt bundle dist/runtime/main.mjs
// (smaller and faster: no TypeScript compiler in the process) as long as the bundle is not older than its
// sources (bin/chooseRuntime.js). Otherwise, e.g. right after `npm install` or after editing a .ts file, tsx
// compiles the TypeScript on the fly, so `npx baton ...` always runs the current code with no build step.
// BATON_RUNTIME=tsx|bundle forces one; BATON_RUNTIME_DEBUG=1 prints the choice on stderr.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chooseRuntime } from './chooseRuntime.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const choice = chooseRuntime(root);
if (process.env.BATON_RUNTIME_DEBUG) process.stderr.write(`baton: running ${choice.use} (${choice.why})\n`);
let runCli;
if (choice.use === 'bundle') {
  ({ runCli } = await import(pathToFileURL(join(root, 'dist/runtime/main.mjs')).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../runtime/cli/main.ts'));
}
await runCli(process.argv.slice(2));
