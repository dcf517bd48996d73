/** Loads the sample flows and their scenario files for the simulator tests. */
import { readFileSync } from 'node:fs';
import { validateFlow } from '../../../shared/flow/validateFlow';
import type { Flow } from '../../../shared/flow/schema';
import { parseScenarioText, type ScenarioFile } from '../../../shared/simulator/scenarioSchema';

export const root = new URL('../../../', import.meta.url);
export const sampleNames = ['customer-support', 'insurance-claims', 'lead-gen', 'travel-urgency'] as const;

export function loadFlow(name: string): Flow {
  const r = validateFlow(JSON.parse(readFileSync(new URL(`flows/${name}.json`, root), 'utf8')));
  if (!r.flow) throw new Error(`${name}.json did not load: ${JSON.stringify(r.problems)}`);
  return r.flow;
}

export function loadScenarios(name: string): ScenarioFile {
  const r = parseScenarioText(readFileSync(new URL(`flows/${name}.scenarios.json`, root), 'utf8'));
  if (!r.ok) throw new Error(`${name}.scenarios.json is invalid: ${JSON.stringify(r.problems)}`);
  return r.file;
}

export const MONDAY_10 = Date.parse('2026-03-02T10:00:00Z');
