/** Test helpers: a fresh copy of the valid fixture to break in one place, and short views of the result. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import type { FlowValidation } from '../../../shared/flow/validateFlow';

export function fixtureText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/flows/${name}.json`, import.meta.url)), 'utf8');
}

/** A deep copy of test/fixtures/flows/valid-support.json (a flow with no problem at all). */
export function validDoc(): any {
  return JSON.parse(fixtureText('valid-support'));
}

export const codes = (r: FlowValidation) => r.problems.map((p) => p.code);
export const errorCodes = (r: FlowValidation) => r.problems.filter((p) => p.severity === 'error').map((p) => p.code);

/** The single problem with `code`; fails the test when there is none or more than one. */
export function one(r: FlowValidation, code: string): FlowProblem {
  const found = r.problems.filter((p) => p.code === code);
  if (found.length !== 1) {
    throw new Error(`expected exactly one '${code}' problem, got ${found.length}: ${JSON.stringify(r.problems, null, 2)}`);
  }
  return found[0];
}

export function blockIndex(doc: any, id: string): number {
  const i = doc.blocks.findIndex((b: any) => b.id === id);
  if (i < 0) throw new Error(`no block ${id}`);
  return i;
}

export function removeEdge(doc: any, id: string): void {
  doc.edges = doc.edges.filter((e: any) => e.id !== id);
}
