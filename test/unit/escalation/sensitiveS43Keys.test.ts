// Session 43 (perf, issue 8): the sensitive-topic detector keeps only the keys some phrase has (conceptKeySet's `only`);
// the set is the full one cut to those keys, for every message of the labelled and blind sets and every flow's phrases.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSensitiveTopics, conceptKeySet } from '../../../shared/escalation/compileSensitiveTopics';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import type { Flow } from '../../../shared/flow/schema';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const flowsDir = new URL('../../../flows/', import.meta.url);
const flows = readdirSync(flowsDir).filter((f) => f.endsWith('.json')).map((f) => loadFlowText(readFileSync(new URL(f, flowsDir), 'utf8')).flow as Flow | null).filter((f): f is Flow => f !== null);
const texts: string[] = [];
for (const [dir, keep] of [['../../fixtures/escalation/', (f: string) => f.endsWith('.jsonl')], ['../../fixtures/escalation-blind/', (f: string) => f.endsWith('.jsonl')]] as const) {
  const d = new URL(dir, import.meta.url);
  for (const f of readdirSync(d)) if (keep(f)) for (const line of readFileSync(new URL(f, d), 'utf8').split('\n')) if (line.trim() !== '') texts.push(...(JSON.parse(line) as { turns: string[] }).turns);
}

describe('sensitive topic: the phrase keys only (session 43)', () => {
  it("keeps exactly the full key set's keys that some phrase of the flow has", () => {
    expect(flows.length).toBeGreaterThanOrEqual(4);
    expect(texts.length).toBeGreaterThan(3_000);
    let kept = 0;
    let withPhrases = 0;
    for (const flow of flows) {
      const only = new Set(compileSensitiveTopics(flow.escalation.sensitiveTopics.topics).flatMap((t) => t.phrases.flatMap((p) => p.keys)));
      if (flow.id === 'customer-support' || flow.name === 'customer-support') expect(only.size).toBeGreaterThan(0);
      withPhrases += only.size > 0 ? 1 : 0;
      for (const t of texts) {
        const stems = analyzeText(t).stems;
        const full = [...conceptKeySet(stems, new Set())];
        const cut = [...conceptKeySet(stems, new Set(), only)];
        expect(cut.sort(), t).toEqual(full.filter((k) => only.has(k)).sort());
        kept += cut.length;
      }
    }
    // Not an empty comparison: the phrases' keys are met in the messages.
    expect(withPhrases).toBeGreaterThanOrEqual(1);
    expect(kept).toBeGreaterThan(500);
  });
});
