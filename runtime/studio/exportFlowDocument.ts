/**
 * The flow as the studio exports it: the core's `exportFlow` (shared/flow/exportFlow.ts) replaces anything
 * that looks like a credential by a `{{secrets.NAME}}` reference the runtime fills, with one warning per
 * replacement; the studio shows the warnings as sentences.
 */
import { exportFlow } from '../../shared/flow/exportFlow';
import type { Flow } from '../../shared/flow/schema';

export function exportFlowDocument(flow: Flow): { flow: Flow; warnings: string[] } {
  const r = exportFlow(flow);
  return { flow: r.flow, warnings: r.warnings.map((w) => w.message) };
}
