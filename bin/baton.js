#!/usr/bin/env node
// Entry point of the `baton` command. The CLI is TypeScript; tsx compiles it on the fly so that
// `npx baton ...` works from a fresh clone right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../runtime/cli/main.ts');
await runCli(process.argv.slice(2));
