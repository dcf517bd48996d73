/**
 * Session 19 (rtfast): a V8 cost that the store's commit planning paid on every customer message. Copying an object
 * with a spread and then giving the copy a field the source does not have (`{ ...src, q }`, or `o = { ...src };
 * o.q = ...`) makes V8 (node 20) build a new hidden class for each such object: ~0.6-0.9 us each on this project's
 * host, against ~0.05 us when the copy is made by `Object.assign({}, src)` and then extended. Overwriting a field the
 * source already has (`{ ...src, lastSeq }`) stays cheap. runtime/store/embeddedStore.ts `copyOf` is the fix; this
 * bench checks whether the cost is still there (e.g. after a node upgrade) with the store's own shapes: a stored
 * conversation record (extended by q, p, d, lo, g) and a log entry (extended by id, seq).
 *
 *   npx tsx test/bench/spreadCliff.ts     (prints ns per object for each way; never pass/fail)
 */
const N = 5000;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 100);

const records = Array.from({ length: N }, (_, i) => ({
  id: `c-${i}`,
  flowId: 'customer-support',
  flowRevision: 'eaae0dc78c3fcac2',
  tokenHash: 'e9252269b139520a5a09d73e7f08ff5e1f7226364bbb34847aaf0b065fdd587f',
  state: { v: 2, turn: i },
  mode: 'bot',
  lastSeq: i,
  createdAt: 1796280556365 + i,
  updatedAt: 1796280558345 + i,
  closedAt: null,
}));
const entries = Array.from({ length: N }, (_, i) =>
  i % 3 === 0 ? { from: 'customer', text: 'where is my parcel', at: 1796280556365 + i } : { from: 'bot', text: 'Which order?', at: 1796280556365 + i, buttons: [{ id: 'a', label: 'A' }] },
);

type Rec = (typeof records)[number] & Record<string, unknown>;
type Ent = (typeof entries)[number] & Record<string, unknown>;
const ways: Record<string, { rec: (r: Rec, i: number) => unknown; ent: (e: Ent, i: number) => unknown }> = {
  'spread, then new fields': {
    rec: (r, i) => {
      const o: Rec = { ...r, state: { v: 2, turn: i }, q: [[i, 1]] };
      o.p = 32;
      o.d = 15;
      o.lo = 0;
      o.g = [i, 1, i];
      return o;
    },
    ent: (e, i) => ({ ...e, id: `c:${i}`, seq: i }),
  },
  'Object.assign, then new fields': {
    rec: (r, i) => {
      const o = Object.assign({}, r) as Rec;
      o.state = { v: 2, turn: i };
      o.q = [[i, 1]];
      o.p = 32;
      o.d = 15;
      o.lo = 0;
      o.g = [i, 1, i];
      return o;
    },
    ent: (e, i) => {
      const o = Object.assign({}, e) as Ent;
      o.id = `c:${i}`;
      o.seq = i;
      return o;
    },
  },
  'spread, overwriting only': {
    rec: (r, i) => ({ ...r, lastSeq: i, updatedAt: i }),
    ent: (e, i) => ({ ...e, at: i }),
  },
};

function ns(f: (x: never, i: number) => unknown, xs: unknown[]): number {
  let sink = 0;
  const t = process.cpuUsage();
  for (let k = 0; k < REPEAT; k++) for (let i = 0; i < xs.length; i++) sink += (f(xs[i] as never, i) as object) ? 1 : 0;
  const u = process.cpuUsage(t);
  if (sink < 0) console.log(sink);
  return ((u.user + u.system) * 1000) / (REPEAT * xs.length);
}

const rows: Array<[string, number[], number[]]> = Object.keys(ways).map((w) => [w, [], []]);
for (let round = 0; round < 5; round++) {
  for (const row of rows) {
    row[1].push(ns(ways[row[0]].rec, records));
    row[2].push(ns(ways[row[0]].ent, entries));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nCopying an object and extending the copy (${process.version}; median of 5 rounds, CPU ns per object; first rounds include warm-up)\n`);
console.log('| way | stored record (+q, p, d, lo, g) | log entry (+id, seq) |');
console.log('|---|---|---|');
for (const [w, r, e] of rows) console.log(`| ${w} | ${median(r).toFixed(0)} | ${median(e).toFixed(0)} |`);
