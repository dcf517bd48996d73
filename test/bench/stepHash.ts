/**
 * Session 47 (perf4): the proof an exact speed change owes (earlier perf sessions wrote it into scratch folders each
 * time): the engine's every Step, and each conversation's final state, hashed conversation by conversation, for this
 * checkout and another (`SH_BEFORE_ROOT`), or for this checkout's sources against its shard bundle (`SH_COMPARE=tsx`).
 * A change that is meant to change nothing a customer, an agent or the store sees must give the same hashes.
 *
 *   npx tsx test/bench/stepHash.ts   (SH_BEFORE_ROOT=/tmp/before  SH_CONVERSATIONS=150  SH_TURNS=25  SH_VIEW=runtime)
 *   SH_DUMP=K   also writes conversation K's (or `all`) recorded JSON, one line per input, to /tmp/stepHash-dump-PID.jsonl (per side)
 *
 * Conversations (deterministic, a seeded generator): the four shipped flows, customer-support three times (its takeover
 * closed all week, open all week, and as shipped on the simulated clock), `SH_CONVERSATIONS` each; per conversation an
 * agent signed in or not (the simulator assigns), the flow's HTTP calls answered ok or failing, `SH_TURNS` inputs:
 * a shown button clicked (30%), an agent's message or hand-back when an agent has the chat, else a customer text: the
 * benches' distinct texts, every turn of test/fixtures/escalation and escalation-corpus (never the kept-out sets), and
 * hand-written texts (one customer text in ten) with what the engine's Unicode patterns read (non-ASCII digits and letters, zero-width and
 * look-alike characters, cards, passwords, PINs, IBANs, emails, closings); the clock moves 0-600 s before each input
 * (the flows' timers fire). Each checkout's engine is bundled with its own shard options (scripts/runtimeBundleOptions.mjs,
 * or build-runtime.mjs's options before session 47), or run from its sources through tsx (`SH_TSX=1`).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Flow } from '../../shared/flow/schema';
import type { AgentPresence } from '../../shared/handoff/types';
import { benchTexts } from './conversationGenerator';
import { withBenchHours, type BenchHours } from './benchHours';

const here = fileURLToPath(new URL('../../', import.meta.url));
const CONVERSATIONS = Number(process.env.SH_CONVERSATIONS ?? 150);
const TURNS = Number(process.env.SH_TURNS ?? 25);

/** Texts written for the patterns with Unicode classes (\p{Nd}, \p{L}, zero-width and look-alike characters). */
const UNICODE_TEXTS = [
  'my card is 4111 1111 1111 1111 exp 12/27 cvv 123',
  'card ４１１１ １１１１ １１１１ １１１１ please refund',
  'my pin is ٤٥٦٧',
  'PIN: 1\u200b2\u200b3\u200b4',
  'the number is ⁴¹¹¹ ¹¹¹¹ ¹¹¹¹ ¹¹¹¹',
  'password is Sommer2024! and the email is anna@example.com',
  'Mein Passwort ist Geheim123, bitte ändern',
  'mot de passe: écureuil42',
  'hasło to Zażółć9',
  'IBAN DE89 3704 0044 0532 0130 00 for the refund',
  'order NW-123456 never arrived 😡😡',
  'order ＮＷ１２３４５６ where is it',
  'Where is my order #৪৫৬৭৮৯?',
  'call me on +44 7700 900123',
  'call me on ０７７００ ９００１２３',
  'my email is jürgen.müller@example.de',
  'thanks, that’s all',
  'that\u2019s it, bye',
  'nooooo this is sooooo bad',
  'ich möchte mit einem Menschen sprechen',
  'je veux parler à quelqu’un',
  'ok thanks 👍',
  'I’ve been waiting 3 weeks!!!',
  'wait\u00a0a sec, let me check',
  'Ｉ want a refund',
  'my address is 12 Rue de l’Église, Paris',
  'the code on the back is 7 8 9',
  'pass word: tr0ub4dor&3',
  'security code 4567 on the back of my card',
  'İstanbul siparişim nerede',
  'what is your phone number?',
  'no',
  'yes please',
  'bye',
];

function fixtureTexts(): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k === 'turns' || k === 'text' || k === 'messages') walk(x);
  };
  for (const dir of ['test/fixtures/escalation', 'test/fixtures/escalation-corpus']) {
    for (const f of readdirSync(join(here, dir)).filter((n) => n.endsWith('.jsonl')).sort()) {
      for (const line of readFileSync(join(here, dir, f), 'utf8').split('\n')) if (line.trim()) walk(JSON.parse(line));
    }
  }
  return out.filter((t) => t.trim() !== '');
}

/** mulberry32: the same numbers for the same seed on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VARIANTS: { flow: string; hours: BenchHours }[] = [
  { flow: 'customer-support', hours: 'closed' },
  { flow: 'customer-support', hours: 'open' },
  { flow: 'customer-support', hours: 'clock' },
  { flow: 'insurance-claims', hours: 'clock' },
  { flow: 'lead-gen', hours: 'clock' },
  { flow: 'travel-urgency', hours: 'clock' },
];

/**
 * Session 48 (perf5): a Step as the runtime consumes it (runtime/server/conversationService.ts, runtime/effects/planStep.ts:
 * the state it stores, the messages, effects and transcript entries, the refusal, and of the decision only its action and
 * reason: the `escalations{reason}` counter and the wrong-answer count). The simulator's Debug drawer and `baton chat`
 * read the rest of the decision (signals' wording, near misses, the explanation) and `visited`: the full hash covers them.
 * A change meant to leave the runtime's work the same gives the same runtime hashes; one meant to change nothing at all,
 * the same full hashes too.
 */
function runtimeViewOf(step: unknown): unknown {
  const s = step as { state: unknown; messages: unknown; effects: unknown; transcript: unknown; rejected: unknown; decision: { action: string; reason: string | null } | null };
  return { state: s.state, messages: s.messages, effects: s.effects, transcript: s.transcript, rejected: s.rejected, decision: s.decision === null ? null : { action: s.decision.action, reason: s.decision.reason } };
}

async function child(root: string): Promise<void> {
  const bundleFile = process.env.SH_BUNDLE_FILE;
  const mod = (f: string) => pathToFileURL(bundleFile ?? join(root, f)).href;
  const { createSimulation } = (await import(mod('shared/simulator/createSimulation.ts'))) as typeof import('../../shared/simulator/createSimulation');
  const { loadFlowText } = (await import(mod('shared/flow/loadFlowText.ts'))) as typeof import('../../shared/flow/loadFlowText');
  const texts = [...benchTexts().texts.slice(0, 20_000), ...fixtureTexts()];
  /** A customer's or agent's text: one of UNICODE_TEXTS one time in ten (they are few among the others), else any. */
  const textOf = (rand: () => number) => (rand() < 0.1 ? UNICODE_TEXTS[Math.floor(rand() * UNICODE_TEXTS.length)] : texts[Math.floor(rand() * texts.length)]);
  const agent: AgentPresence = { id: 'a1', name: 'Ann', status: 'online', skills: [], languages: [], teams: [], activeChats: 0, lastAssignedAt: null };
  const hashes: string[] = [];
  const runtimeHashes: string[] = [];
  let steps = 0;
  for (const [v, variant] of VARIANTS.entries()) {
    const loaded = loadFlowText(readFileSync(join(root, `flows/${variant.flow}.json`), 'utf8'));
    if (!loaded.flow) throw new Error(`flows/${variant.flow}.json did not load`);
    const flow = withBenchHours(loaded.flow as Flow, variant.hours);
    for (let c = 0; c < CONVERSATIONS; c++) {
      const rand = seeded(v * 100_003 + c * 7 + 1);
      const withAgent = rand() < 0.35;
      const httpOk = rand() < 0.7;
      const hash = createHash('sha1');
      const runtimeHash = createHash('sha1');
      const dump = process.env.SH_DUMP !== undefined && (process.env.SH_DUMP === 'all' || Number(process.env.SH_DUMP) === v * CONVERSATIONS + c);
      const record = (x: unknown, runtimeView: unknown = x) => {
        if (dump) appendFileSync(`${process.env.SH_DUMP_PREFIX ?? '/tmp/stepHash-dump'}-${process.pid}.jsonl`, (JSON.stringify(x) ?? 'undefined') + '\n');
        hash.update(JSON.stringify(x) ?? 'undefined');
        hash.update('\n');
        runtimeHash.update(JSON.stringify(runtimeView) ?? 'undefined');
        runtimeHash.update('\n');
      };
      const sim = createSimulation(flow, {
        now: Date.UTC(2026, 2, 2, 7) + Math.floor(rand() * 14 * 24) * 3_600_000,
        conversationId: `sh${v}-${c}`,
        agents: withAgent ? [{ ...agent }] : undefined,
        http: () => (httpOk ? { ok: true, status: 200, body: { status: 'shipped', eta: 'Friday' } } : { ok: false, status: 500, body: { error: 'down' } }),
      });
      const act = (f: () => unknown) => {
        try {
          const out = f() as unknown[];
          steps += Array.isArray(out) ? out.length : 0;
          record(out, Array.isArray(out) ? out.map(runtimeViewOf) : out);
        } catch (e) {
          record({ threw: (e as Error).message });
        }
      };
      for (let t = 0; t < TURNS; t++) {
        act(() => sim.advance(Math.floor(rand() * 600) * 1000));
        const shown = sim.shownButtons();
        const r = rand();
        const handedTo = (sim.state as { handoff?: { agentId?: string } | null }).handoff?.agentId;
        if (shown.length > 0 && r < 0.3) act(() => sim.send({ type: 'choice', buttonId: shown[Math.floor(rand() * shown.length)].id }));
        else if (handedTo && r < 0.45) act(() => sim.agent({ type: 'agent_message', agentId: handedTo, agentName: 'Ann', text: textOf(rand) }));
        else if (handedTo && r < 0.5) act(() => sim.agent({ type: 'agent_handback', agentId: handedTo }));
        else act(() => sim.send({ type: 'text', text: textOf(rand) }));
      }
      record(sim.state);
      record(sim.effects);
      hashes.push(hash.digest('hex'));
      runtimeHashes.push(runtimeHash.digest('hex'));
    }
  }
  process.stdout.write(JSON.stringify({ hashes, runtimeHashes, steps }) + '\n');
}

/** The esbuild options a checkout's shard bundle is built with (before session 47: build-runtime.mjs's own). */
async function bundleOptionsOf(root: string): Promise<Record<string, unknown>> {
  const f = join(root, 'scripts/runtimeBundleOptions.mjs');
  if (existsSync(f)) return ((await import(pathToFileURL(f).href)) as { runtimeBundleOptions: Record<string, unknown> }).runtimeBundleOptions;
  return { bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', legalComments: 'none' };
}

async function bundleOf(root: string, dir: string): Promise<string> {
  const { build } = await import('esbuild');
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `export { createSimulation } from ${JSON.stringify(join(root, 'shared/simulator/createSimulation.ts'))};\nexport { loadFlowText } from ${JSON.stringify(join(root, 'shared/flow/loadFlowText.ts'))};\n`);
  const outfile = join(dir, 'engine.mjs');
  await build({ ...(await bundleOptionsOf(root)), absWorkingDir: root, entryPoints: [entry], outfile, logLevel: 'warning' });
  return outfile;
}

function runChild(root: string, bundle: string | undefined): Promise<{ hashes: string[]; runtimeHashes: string[]; steps: number }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, SH_CHILD: root, ...(bundle ? { SH_BUNDLE_FILE: bundle } : {}) };
    if (!bundle) delete env.SH_BUNDLE_FILE;
    const p = spawn(process.execPath, ['--import', 'tsx', join(here, 'test/bench/stepHash.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`child for ${root} exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const tsxToo = process.env.SH_COMPARE === 'tsx';
  const sides: { name: string; root: string; tsx: boolean }[] = [{ name: `this checkout (${process.env.SH_TSX ? 'tsx' : 'shard bundle'})`, root: here, tsx: !!process.env.SH_TSX }];
  if (tsxToo) sides.push({ name: 'this checkout (tsx, its sources)', root: here, tsx: true });
  if (process.env.SH_BEFORE_ROOT) sides.push({ name: `${process.env.SH_BEFORE_ROOT} (${process.env.SH_TSX ? 'tsx' : 'shard bundle'})`, root: process.env.SH_BEFORE_ROOT, tsx: !!process.env.SH_TSX });
  if (sides.length < 2) console.log('(one side only: SH_BEFORE_ROOT or SH_COMPARE=tsx gives a comparison; this run checks that two runs agree)');
  if (sides.length < 2) sides.push({ ...sides[0], name: sides[0].name + ', again' });
  const results = [];
  for (const s of sides) {
    const dir = s.tsx ? null : mkdtempSync(join(s.root, '.stepHash-'));
    try {
      const bundle = dir ? await bundleOf(s.root, dir) : undefined;
      results.push(await runChild(s.root, bundle));
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
  const [a, ...rest] = results;
  console.log(`stepHash: ${VARIANTS.length} flow variants x ${CONVERSATIONS} conversations x ${TURNS} inputs`);
  // Session 48 (perf5): two columns: every field of every Step (full), and the Step as the runtime consumes it
  // (runtimeViewOf). SH_VIEW=runtime fails the run only on a runtime difference (a change meant for the runtime's work:
  // the Debug drawer's detail may differ, listed in the full column).
  const view = process.env.SH_VIEW === 'runtime' ? 'runtime' : 'full';
  console.log(`| side | conversations | steps | differing from the first: full Step | differing: the runtime's view |`);
  console.log('|---|---|---|---|---|');
  console.log(`| ${sides[0].name} | ${a.hashes.length} | ${a.steps} | - | - |`);
  const named = (diff: number[]) => `${diff.length}${diff.length ? ` (first: ${diff.slice(0, 5).map((k) => `${VARIANTS[Math.floor(k / CONVERSATIONS)].flow}/${VARIANTS[Math.floor(k / CONVERSATIONS)].hours} #${k % CONVERSATIONS}`).join(', ')})` : ''}`;
  let differ = 0;
  for (const [i, r] of rest.entries()) {
    const diff = r.hashes.flatMap((h, k) => (h === a.hashes[k] ? [] : [k]));
    const runtimeDiff = (r.runtimeHashes ?? []).flatMap((h, k) => (h === a.runtimeHashes?.[k] ? [] : [k]));
    differ += (view === 'runtime' ? runtimeDiff.length : diff.length) + (r.hashes.length !== a.hashes.length ? 1 : 0);
    console.log(`| ${sides[i + 1].name} | ${r.hashes.length} | ${r.steps} | ${named(diff)} | ${a.runtimeHashes && r.runtimeHashes ? named(runtimeDiff) : '(an older stepHash: no runtime view)'} |`);
  }
  if (differ) process.exitCode = 1;
}

if (process.env.SH_CHILD) await child(process.env.SH_CHILD);
else await main();
