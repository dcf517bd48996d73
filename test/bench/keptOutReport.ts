/**
 * Escalation report on the kept-out blind sets (issue 11), aggregates only:
 *
 *   npx tsx test/bench/keptOutReport.ts            every set in test/fixtures/escalation-keptout/
 *   npx tsx test/bench/keptOutReport.ts --encode IN.jsonl OUT.bin    (the lead, once, when a set is written)
 *
 * Why the sets are in the repository, encoded: until session 19 they lived outside it (/root/...), and session 20's
 * machine came without them: three sets and their history were lost. So a kept-out set is now committed, gzipped and
 * XORed with a fixed key stream: not secret (this file decodes it), but no grep, file viewer, search index or zcat
 * shows a line of it by accident. Keeping it out of tuning is a rule, not a lock: nobody decodes a set to read it;
 * this report prints per-reason rates and the baselines, never a conversation, and escalationReport's `--misses`
 * refuses any path under a `kept-out` folder, which is where the decoded copy lives (a temporary folder, removed
 * after the run).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { formatOrdinaryParts, formatReport, loadSupportFlow, reportSet } from './escalationReport';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const KEPT_OUT_DIR = join(root, 'test/fixtures/escalation-keptout');

/** A key stream from SHA-256 in counter mode over a fixed label: the same bytes every time, for any length. */
function keyStream(length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let block = 0, at = 0; at < length; block++) {
    const h = createHash('sha256').update(`baton kept-out set, do not tune on it #${block}`).digest();
    h.copy(out, at, 0, Math.min(h.length, length - at));
    at += h.length;
  }
  return out;
}

function xor(data: Buffer): Buffer {
  const k = keyStream(data.length);
  const out = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] ^ k[i];
  return out;
}

export const encodeSet = (jsonl: Buffer): Buffer => xor(gzipSync(jsonl));
export const decodeSet = (bin: Buffer): Buffer => gunzipSync(xor(bin));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  if (args[0] === '--encode') {
    const [, input, output] = args;
    if (!input || !output) throw new Error('usage: keptOutReport.ts --encode IN.jsonl OUT.bin');
    const plain = readFileSync(input);
    const bin = encodeSet(plain);
    if (!decodeSet(bin).equals(plain)) throw new Error('encoding does not round-trip');
    writeFileSync(output, bin);
    console.log(`${output}: ${plain.toString('utf8').trim().split('\n').length} lines encoded`);
  } else {
    const tmp = mkdtempSync(join(tmpdir(), 'baton-keptout-'));
    try {
      const dir = join(tmp, 'kept-out');
      mkdirSync(dir);
      const flow = loadSupportFlow();
      const sets = readdirSync(KEPT_OUT_DIR).filter((f) => f.endsWith('.bin')).sort();
      if (sets.length === 0) throw new Error(`no kept-out set in ${KEPT_OUT_DIR}`);
      for (const f of sets) {
        const file = join(dir, f.replace(/\.bin$/, '.jsonl'));
        writeFileSync(file, decodeSet(readFileSync(join(KEPT_OUT_DIR, f))));
        const rep = reportSet(file, flow);
        console.log(formatReport({ ...rep, file: `kept-out/${f}`, misses: [] }));
        // Session 37 (fe): which detector part handed over the set's ordinary conversations (counts, no text, no ids).
        console.log(formatOrdinaryParts({ ...rep, file: `kept-out/${f}`, misses: [] }));
        console.log('');
        rmSync(file);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}
