/**
 * Session 12 (rtcpu): a .cpuprofile summed up: busy share, top functions by self time and by inclusive time (each
 * sample counted once per function on its stack), self time by file. For the per-thread profiles that
 * `BENCH_PROFILE_DIR=/tmp/prof npx tsx test/bench/runtimeCpu.ts` (or rateCompare.ts) writes:
 *
 *   node test/bench/cpuProfileSummary.mjs /tmp/prof/worker1-<pid>.cpuprofile [rows=40]
 *
 * Percentages are of the busy samples (idle excluded); '(garbage collector)' is the thread's own GC time.
 */
import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 40);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const counts = new Map();
for (const s of p.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
const total = p.samples.length;
const dt = (p.endTime - p.startTime) / 1000 / total; // ms per sample
const label = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const self = new Map();
let idle = 0;
for (const [id, c] of counts) {
  const n = byId.get(id);
  if (n.callFrame.functionName === '(idle)') idle += c;
  const k = label(n);
  self.set(k, (self.get(k) ?? 0) + c);
}
const busy = total - idle;
console.log(`samples ${total}, busy ${busy} (${((busy / total) * 100).toFixed(1)}%), ${(busy * dt).toFixed(0)} ms busy`);
console.log('--- self (of busy)');
for (const [k, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(((c / busy) * 100).toFixed(1).padStart(5), k);
// inclusive per function label (count each sample once per label on its stack)
const incl = new Map();
for (const [id, c] of counts) {
  const seen = new Set();
  let x = id;
  while (x !== undefined) {
    const k = label(byId.get(x));
    if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + c); }
    x = parent.get(x);
  }
}
console.log('--- inclusive (of busy)');
for (const [k, c] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(((c / busy) * 100).toFixed(1).padStart(5), k);
// by file (self)
const byFile = new Map();
for (const [id, c] of counts) { const n = byId.get(id); if (n.callFrame.functionName === '(idle)') continue; const f = n.callFrame.url.replace(/.*\/(node_modules\/[^/]+|dist|shared|runtime)\//, '$1/') || n.callFrame.functionName; byFile.set(f, (byFile.get(f) ?? 0) + c); }
console.log('--- self by file');
for (const [k, c] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(((c / busy) * 100).toFixed(1).padStart(5), k);
