/**
 * `baton test FLOW... [--scenarios FILE] [--reporter text|junit] [--output FILE]`: runs the scenarios kept
 * beside each flow (`flows/x.json` -> `flows/x.scenarios.json`) and exits non-zero when any fails, so teams
 * put it in CI. A failure prints the scenario, the step, expected and actual, and the block to look at.
 *
 * Exit codes: 0 every scenario passed; 1 at least one failed; 2 nothing could be run for a flow (the flow or
 * its scenario file is missing, unreadable or invalid; problems are printed with their JSON path and a hint).
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../studio/writeFileAtomic';
import { scenarioFileCandidates, scenarioFileOf } from '../../shared/simulator/scenarioFormat';
import { Option } from 'commander';
import { formatProblems } from './formatProblems';
import { defaultStudioHome } from './studioCommand';
import { readFileBytes, readFlowFile } from './readFlowFile';
import { formatScenarioProblems, parseScenarioBytes } from '../../shared/simulator/scenarioSchema';
import { describeStep, runScenario, scenarioCoverage, type ScenarioCoverage, type ScenarioFileReport, type ScenarioResult } from '../../shared/simulator/scenarioRunner';

export interface TestOptions {
  scenarios?: string;
  reporter: 'text' | 'junit';
  output?: string;
  /** Exit 0 when no scenario ran at all (an empty file, every scenario skipped); by default that is exit 1. */
  passWithNoScenarios?: boolean;
}

export interface TestIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** One flow's run: its report, or why it could not run. */
interface FlowRun {
  flowFile: string;
  scenarioFile: string;
  report: ScenarioFileReport | null;
  /** Why nothing could run (already explained on stderr). */
  error: string | null;
  /** Seconds per scenario, measured here (the runner itself is pure and reads no clock). */
  seconds: number[];
  coverage: ScenarioCoverage | null;
}

const SCENARIO_FILE = /\.scenarios\.json$/i;

/**
 * flows/a.json and flows/a.flow.json -> flows/a.scenarios.json: the studio's rule too (shared/simulator/
 * scenarioFormat.ts). A file kept under the studio's older name (a.flow.scenarios.json) is still found.
 */
export function defaultScenarioFile(flowFile: string): string {
  return scenarioFileCandidates(flowFile).find((c) => existsSync(c)) ?? scenarioFileOf(flowFile);
}

/** The flow a scenario file in the argument list belongs to: a.scenarios.json -> a.json, or a.flow.json when only that exists. */
function flowOfScenarioFile(file: string): string {
  const base = file.replace(SCENARIO_FILE, '');
  const candidates = [`${base}.json`, `${base}.flow.json`];
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}

/**
 * Names, block ids and other text from the file, as printed in the text report: control characters (ANSI
 * escapes, BEL, NUL, a newline that would forge a "FAIL" line) are shown escaped, the way JSON writes them.
 */
export function printable(text: string): string {
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(text) ? JSON.stringify(text).slice(1, -1).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

/** The same file, however it is named (relative, absolute, through a symlink)? */
function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

async function runOne(flowFile: string, scenarioFile: string, io: TestIO): Promise<FlowRun> {
  const base = { flowFile, scenarioFile, report: null, seconds: [], coverage: null };
  const flowResult = await readFlowFile(flowFile);
  if (flowResult.status === 'unreadable') {
    io.err(`baton test: ${flowResult.message}\n`);
    return { ...base, error: flowResult.message };
  }
  if (flowResult.status === 'invalid') {
    io.err(formatProblems(flowFile, flowResult.problems) + '\n');
    io.err(`baton test: ${flowFile} is not a valid flow; fix the problems above (baton validate ${flowFile} lists them too)\n`);
    return { ...base, error: `${flowFile} is not a valid flow` };
  }
  // Regular files only (a named pipe or a device is refused, not waited on), at most 32 MB.
  const read = await readFileBytes(scenarioFile, 32 * 1024 * 1024);
  if (!read.ok) {
    const hint = / no such file$/.test(read.message) ? missingScenariosHint(scenarioFile) : '';
    io.err(`baton test: ${read.message}${hint}\n`);
    return { ...base, error: read.message };
  }
  // Bytes, not text: invalid UTF-8 is refused with its offset instead of read as U+FFFD.
  const parsed = parseScenarioBytes(read.bytes);
  if (!parsed.ok) {
    io.err(formatScenarioProblems(scenarioFile, parsed.problems) + '\n');
    io.err(`baton test: ${scenarioFile} is not a valid scenario file; fix the problems above\n`);
    return { ...base, error: `${scenarioFile} is not a valid scenario file` };
  }
  // Scenario by scenario, to time each one for the JUnit report (the runner itself is pure: no clock).
  const file = parsed.file;
  const defaults = { now: file.now, agents: file.agents, http: file.http };
  const seconds: number[] = [];
  const results: ScenarioResult[] = [];
  for (const scenario of file.scenarios) {
    const t0 = performance.now();
    results.push(runScenario(flowResult.flow, scenario, defaults));
    seconds.push((performance.now() - t0) / 1000);
  }
  const warnings: string[] = [];
  if (file.flow !== undefined && file.flow !== flowResult.flow.id) warnings.push(`the scenario file is for flow "${file.flow}" but ${flowFile} has id "${flowResult.flow.id}"`);
  if (file.scenarios.length === 0) warnings.push('the scenario file has no scenarios');
  for (const w of warnings) io.err(`baton test: warning: ${scenarioFile}: ${w}\n`);
  return {
    ...base,
    error: null,
    seconds,
    coverage: scenarioCoverage(flowResult.flow, results),
    report: {
      flowId: flowResult.flow.id,
      results,
      passed: results.filter((r) => r.status === 'passed').length,
      failed: results.filter((r) => r.status === 'failed').length,
      skipped: results.filter((r) => r.status === 'skipped').length,
      warnings,
    },
  };
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

/** The failure as people read it: step, expected, actual, block. */
export function failureText(r: ScenarioResult): string {
  const f = r.failure!;
  const where = f.stepIndex < 0 ? 'before the first step' : `step ${f.stepIndex + 1}: ${describeStep(f.step!)}`;
  return [
    `at ${printable(where)}`,
    `expected: ${printable(f.expected)}`,
    `actual:   ${printable(f.actual)}`,
    ...(f.blockId ? [`block:    ${printable(f.blockId)}`] : []),
  ].join('\n');
}

/**
 * What to do when a flow has no scenarios file beside it. Scenarios recorded in the studio live in the studio's
 * folder, not beside an exported flow (newcomer s6 #9: Export, then `baton test` failed with only "no such file"):
 * when the studio holds a scenarios file of the same name, it is named with the command that uses it.
 */
export function missingScenariosHint(scenarioFile: string, studioHome = defaultStudioHome()): string {
  const inStudio = join(studioHome, 'flows', basename(scenarioFile));
  if (resolve(inStudio) !== resolve(scenarioFile) && existsSync(inStudio)) {
    return `; the studio keeps this flow's recorded scenarios in ${inStudio}: copy that file next to the flow, or run with --scenarios ${inStudio}`;
  }
  return `; save a simulated conversation as a scenario in the studio (it keeps them in ${join(studioHome, 'flows')}; its Export saves FLOW.scenarios.json beside the flow, and your browser may ask to allow that second download), or write ${scenarioFile} by hand (README, "Scenarios"), or pass --scenarios FILE`;
}

export function textReport(runs: FlowRun[]): string {
  const out: string[] = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const run of runs) {
    out.push(`${printable(run.flowFile)} (${printable(run.scenarioFile)})`);
    if (!run.report) {
      out.push(`  ERROR ${printable(run.error ?? '')}`);
      continue;
    }
    for (const r of run.report.results) {
      if (r.status === 'passed') out.push(`  PASS ${printable(r.name)}`);
      else if (r.status === 'skipped') out.push(`  SKIP ${printable(r.name)}`);
      else {
        out.push(`  FAIL ${printable(r.name)}`);
        out.push(indent(failureText(r), '       '));
      }
    }
    if (run.coverage) {
      const c = run.coverage;
      const missing = c.notReached.length ? `; never reached: ${c.notReached.slice(0, 12).join(', ')}${c.notReached.length > 12 ? `, and ${c.notReached.length - 12} more` : ''}` : '';
      out.push(`  blocks reached by the scenarios: ${c.reached.length} of ${c.blocks}${missing}`);
    }
    passed += run.report.passed;
    failed += run.report.failed;
    skipped += run.report.skipped;
  }
  const errors = runs.filter((r) => !r.report).length;
  const total = passed + failed + skipped;
  out.push(
    `${total} scenario${total === 1 ? '' : 's'}: ${passed} passed, ${failed} failed` +
      (skipped ? `, ${skipped} skipped` : '') +
      (errors ? `; ${errors} flow${errors === 1 ? '' : 's'} could not be tested` : ''),
  );
  return out.join('\n') + '\n';
}

/** XML 1.0 text: escaped, and without the control characters XML cannot carry. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** JUnit XML (the format Jenkins, GitLab, GitHub Actions reporters and Azure read): one testsuite per flow. */
export function junitReport(runs: FlowRun[]): string {
  const a = (s: string) => xmlEscape(s);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skippedAll = 0;
  let time = 0;
  for (const run of runs) {
    const name = run.report?.flowId ?? run.flowFile;
    if (!run.report) {
      errors++;
      tests++;
      suites.push(
        `  <testsuite name="${a(name)}" tests="1" failures="0" errors="1" skipped="0" time="0">\n` +
          `    <testcase classname="${a(name)}" name="${a(`load ${run.scenarioFile}`)}" time="0">\n` +
          `      <error message="${a(run.error ?? 'could not run')}">${a(run.error ?? '')}</error>\n` +
          `    </testcase>\n  </testsuite>`,
      );
      continue;
    }
    const cases = run.report.results.map((r, i) => {
      const t = run.seconds[i] ?? 0;
      const head = `    <testcase classname="${a(name)}" name="${a(r.name)}" file="${a(run.scenarioFile)}" time="${t.toFixed(3)}"`;
      if (r.status === 'passed') return `${head}/>`;
      if (r.status === 'skipped') return `${head}>\n      <skipped/>\n    </testcase>`;
      const f = r.failure!;
      const message = `${f.stepIndex < 0 ? 'setup' : `step ${f.stepIndex + 1}`}: expected ${f.expected}; actual ${f.actual}`;
      return `${head}>\n      <failure message="${a(message)}" type="${a(f.check)}">${a(failureText(r))}</failure>\n    </testcase>`;
    });
    const suiteTime = run.seconds.reduce((x, y) => x + y, 0);
    time += suiteTime;
    tests += run.report.results.length;
    failures += run.report.failed;
    skippedAll += run.report.skipped;
    suites.push(
      `  <testsuite name="${a(name)}" tests="${run.report.results.length}" failures="${run.report.failed}" errors="0" skipped="${run.report.skipped}" time="${suiteTime.toFixed(3)}">\n` +
        cases.join('\n') +
        (cases.length ? '\n' : '') +
        '  </testsuite>',
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="baton test" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skippedAll}" time="${time.toFixed(3)}">\n` +
    suites.join('\n') +
    (suites.length ? '\n' : '') +
    '</testsuites>\n'
  );
}

export async function testCommand(flowFiles: string[], options: TestOptions, io: TestIO): Promise<number> {
  if (options.scenarios && flowFiles.length > 1) {
    io.err('baton test: --scenarios names one scenario file, so give one flow with it (or leave it out: each flow uses FLOW.scenarios.json)\n');
    return 2;
  }
  // `baton test flows/*.json` also matches the scenario files: a scenario file runs against its flow, once.
  const pairs = new Map<string, string>();
  for (const file of flowFiles) {
    if (!options.scenarios && SCENARIO_FILE.test(file)) pairs.set(flowOfScenarioFile(file), file);
    else if (!pairs.has(file)) pairs.set(file, options.scenarios ?? defaultScenarioFile(file));
  }
  // The report must never overwrite what it reports on (a flow turned into JUnit XML, hostile report).
  if (options.output) {
    const input = [...pairs].flat().find((f) => sameFile(f, options.output!));
    if (input) {
      io.err(`baton test: --output ${options.output} is one of the files being tested (${input}); write the report somewhere else, e.g. --output report.xml\n`);
      return 2;
    }
  }
  const runs: FlowRun[] = [];
  for (const [flowFile, scenarioFile] of pairs) runs.push(await runOne(flowFile, scenarioFile, io));
  const report = options.reporter === 'junit' ? junitReport(runs) : textReport(runs);
  if (options.output) {
    try {
      // Atomic: a run killed mid-write leaves the previous report, never half of one.
      await writeFileAtomic(options.output, report);
    } catch (err) {
      io.err(`baton test: cannot write ${options.output}: ${(err as Error).message}\n`);
      return 2;
    }
    // The report went to the file; say the outcome in one line.
    io.err(textReport(runs).trim().split('\n').pop()! + `; report written to ${options.output}\n`);
  } else io.out(report);
  if (runs.some((r) => !r.report)) return 2;
  if (runs.some((r) => r.report!.failed > 0)) return 1;
  // A CI gate that tested nothing has not passed: an empty file or only skipped scenarios is exit 1.
  const ran = runs.reduce((n, r) => n + r.report!.passed, 0);
  if (ran === 0 && !options.passWithNoScenarios) {
    io.err('baton test: no scenario ran (the files are empty or every scenario is skipped), so nothing was tested; add scenarios, or pass --pass-with-no-scenarios to accept this\n');
    return 1;
  }
  return 0;
}

/** True for `x.scenarios.json`: `baton validate` checks such a file as scenarios, not as a flow. */
export function isScenarioFile(file: string): boolean {
  return SCENARIO_FILE.test(file);
}

/**
 * `baton validate` of a scenario file: "FILE: valid scenario file (N scenarios)" on stdout and 0, or every
 * problem with its JSON path and a hint on stderr and 1 (2 when the file cannot be read).
 */
export async function validateScenarioFile(file: string, io: TestIO): Promise<number> {
  const read = await readFileBytes(file, 32 * 1024 * 1024);
  if (!read.ok) {
    io.err(`baton validate: ${read.message}\n`);
    return 2;
  }
  const parsed = parseScenarioBytes(read.bytes);
  if (!parsed.ok) {
    io.err(`${file}: ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'} (scenario file)\n` + formatScenarioProblems(file, parsed.problems) + '\n');
    return parsed.problems.some((p) => p.path === "$" && /JSON|empty|UTF-8/.test(p.message)) ? 2 : 1;
  }
  const n = parsed.file.scenarios.length;
  io.out(`${file}: valid scenario file (${n} scenario${n === 1 ? '' : 's'}; run them with baton test)\n`);
  return 0;
}

/** Registers `baton test` (one line in main.ts). */
export function registerTestCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('test')
    .description('run the scenarios kept beside each flow (FLOW.scenarios.json); exits 1 when any fails')
    .argument('<flow...>', 'flow JSON files')
    .option('--scenarios <file>', 'scenario file (default: the flow file with .scenarios.json)')
    .addOption(new Option('--reporter <format>', 'report format').choices(['text', 'junit']).default('text'))
    .option('--output <file>', 'write the report to this file instead of stdout (never one of the inputs)')
    .option('--pass-with-no-scenarios', 'exit 0 when no scenario ran (by default an empty or all-skipped file is exit 1)')
    .action(async (files: string[], opts: TestOptions) => {
      setExitCode(
        await testCommand(files, opts, {
          out: (t) => process.stdout.write(t),
          err: (t) => process.stderr.write(t),
        }),
      );
    });
}
