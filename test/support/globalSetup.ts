/** vitest global setup: runs once before any test file (see vitest.config.ts). */
import { ensureSystemPrograms } from './systemPrograms';
import { ensureRuntimeBundle } from './runtimeBundle';

export default function setup(): void {
  ensureSystemPrograms();
  ensureRuntimeBundle();
}
