/**
 * Session 19 (fixrt; hostile s18 #13): the BATON_* environment variables `baton serve` reads, checked before it starts.
 * A bad BATON_MAX_CONNECTIONS ("20k", "-1", "1e4") silently removed the connection cap and a bad
 * BATON_REQUEST_TIMEOUT_MS was ignored: now each value that is not one the variable takes stops the start with a
 * sentence naming the variable, its value and what is allowed. Unset or empty: the default. Variables holding free text
 * (tokens, BATON_SECRET_*, BATON_LATENCY_TRACE's folder, BATON_STUDIO_HOME) are not checked here; BATON_WORKERS
 * and BATON_WRITE_GROUPS are checked in serveCommand.ts.
 */
const WHOLE = /^\s*\d+\s*$/;

interface WholeRule {
  name: string;
  min: number;
  max: number;
  /** What the values mean, in words (after "use a whole number from MIN to MAX"). */
  means: string;
}

const WHOLE_RULES: WholeRule[] = [
  { name: 'BATON_MAX_CONNECTIONS', min: 0, max: 10_000_000, means: 'connections open at once; 0: no cap; unset: the open-file limit less what the data folder and logs need' },
  { name: 'BATON_MAX_CONNECTIONS_PER_ADDRESS', min: 0, max: 10_000_000, means: 'connections one address may hold at once, any address; 0: no cap (behind a proxy); unset: half of the connection cap, loopback and private addresses spared' },
  { name: 'BATON_REQUEST_TIMEOUT_MS', min: 0, max: 2_147_483_647, means: 'milliseconds a request may take to arrive whole; 0: no limit; unset: 30000' },
  { name: 'BATON_LOG_BUFFER_BYTES', min: 1, max: 2_147_483_647, means: 'bytes of log lines kept while stdout is slow; unset: 1048576' },
  { name: 'BATON_LOCK_LOST_EXIT_MS', min: 0, max: 86_400_000, means: 'milliseconds baton serve keeps answering 503 after losing its data folder lock before it exits (code 75) so a supervisor restarts it; unset: 15000' },
  { name: 'BATON_SHARD_YOUNG_MB', min: 0, max: 4096, means: "MB of a worker thread's young generation; 0: V8's default; unset: 64" },
];

const SWITCHES: Array<{ name: string; means: string }> = [
  { name: 'BATON_IDLE_GC', means: '0 turns the collection while idle off, 1 (or unset) keeps it on' },
  { name: 'BATON_IDLE_RELEASE', means: "0 turns the worker threads' memory release while idle off, 1 (or unset) keeps it on" },
];

/**
 * The readers of the variables checked here read them as the check does (review s19 R10: BATON_IDLE_GC=" 0" passed the
 * check, which says 0 turns it off, while the reader compared with "0" and kept it on; BATON_SHARD_YOUNG_MB="" passed
 * as unset (64) while the reader took Number("") = 0, V8's default). Spaces around a value are ignored; empty is unset.
 */
export function envSwitchOff(v: string | undefined): boolean {
  return v !== undefined && v.trim() === '0';
}

/** A whole-number variable (WHOLE_RULES) as the check reads it: `unset` when absent or empty. */
export function envWhole(v: string | undefined, unset: number): number {
  return v === undefined || v.trim() === '' ? unset : Number(v.trim());
}

/** Every problem with the BATON_* variables `baton serve` reads, one sentence each (empty: all fine). */
export function serveEnvProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  for (const r of WHOLE_RULES) {
    const v = env[r.name];
    if (v === undefined || v.trim() === '') continue;
    const n = Number(v);
    if (!WHOLE.test(v) || n < r.min || n > r.max) out.push(`${r.name}=${JSON.stringify(v)} is not a value it takes: use a whole number from ${r.min} to ${r.max} (${r.means})`);
  }
  for (const s of SWITCHES) {
    const v = env[s.name];
    if (v === undefined || /^\s*[01]?\s*$/.test(v)) continue;
    out.push(`${s.name}=${JSON.stringify(v)} is not a value it takes: ${s.means}`);
  }
  const writer = env.BATON_STORE_WRITER;
  if (writer !== undefined && !/^(thread|inline)?$/.test(writer)) out.push(`BATON_STORE_WRITER=${JSON.stringify(writer)} is not a value it takes: use thread (writes on a worker thread; the default) or inline (on the thread that steps the conversation)`);
  return out;
}
