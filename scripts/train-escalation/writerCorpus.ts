/**
 * Corpora of single labelled customer messages written by independent writers (people who read no code of
 * the project), e.g. test/fixtures/escalation-corpus/w1.jsonl. One line per message:
 *
 *   {"text": "...", "label": "explicit_request|negative_sentiment|sensitive_topic|urgency|none",
 *    "topic": "refund|billing|account_security|cancellation|complaint|privacy|fraud|damaged|safety" (sensitive only),
 *    "voice": "<tag>"}
 *
 * Used three ways:
 *  - validation (`npx tsx scripts/train-escalation/writerCorpus.ts FILE...`): labels, topics, empty or
 *    over-long texts, duplicates inside a file and across files; exit 1 on an invalid line;
 *  - training (train.ts `--extra FILE[:copies]`): each message trains only the outputs its label speaks
 *    about: a positive trains its own output as 1 and leaves the others untouched (a writer labels one
 *    reason per message: "someone is using my card right now" is labelled urgency but is also fraud);
 *    an ordinary (`none`) message trains every output as 0;
 *  - evaluation (writerReport.ts): each message becomes a conversation ["Something else", text] played
 *    through the support flow like the labelled sets.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OUTPUTS, type ClassifierOutput } from '../../shared/escalation/classifier/outputs';

export const WRITER_LABELS = ['explicit_request', 'negative_sentiment', 'sensitive_topic', 'urgency', 'none'] as const;
export type WriterLabel = (typeof WRITER_LABELS)[number];
/** Writer topic names -> classifier topic outputs. */
export const WRITER_TOPICS: Record<string, ClassifierOutput> = {
  refund: 'refund',
  billing: 'billing',
  account_security: 'security',
  security: 'security',
  cancellation: 'cancellation',
  complaint: 'complaint',
  privacy: 'privacy',
  fraud: 'fraud',
  damaged: 'damaged',
  safety: 'safety',
};

export interface WriterMessage {
  text: string;
  label: WriterLabel;
  topic?: string;
  voice?: string;
  /** Which file and line it came from (1-based), for messages. */
  source: string;
}

export interface WriterProblem {
  where: string;
  message: string;
}

const norm = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/** Reads and checks one corpus file; invalid lines are reported and left out, exact duplicates dropped. */
export function loadWriterCorpus(file: string): { messages: WriterMessage[]; problems: WriterProblem[]; duplicates: number } {
  const messages: WriterMessage[] = [];
  const problems: WriterProblem[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const name = file.split('/').pop() ?? file;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const where = `${name}:${i + 1}`;
      if (line.trim() === '') return;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line) as Record<string, unknown>;
      } catch {
        problems.push({ where, message: 'not valid JSON' });
        return;
      }
      const text = typeof row.text === 'string' ? row.text.trim() : '';
      const label = row.label as WriterLabel;
      if (!text) return void problems.push({ where, message: 'missing or empty "text"' });
      if (text.length > 1000) return void problems.push({ where, message: `"text" is ${text.length} characters (at most 1000)` });
      if (!WRITER_LABELS.includes(label)) return void problems.push({ where, message: `unknown label ${JSON.stringify(row.label)}; use one of ${WRITER_LABELS.join(', ')}` });
      const topic = typeof row.topic === 'string' ? row.topic : undefined;
      if (label === 'sensitive_topic' && (!topic || !WRITER_TOPICS[topic])) {
        return void problems.push({ where, message: `sensitive_topic needs a known "topic" (got ${JSON.stringify(row.topic)}); use one of ${Object.keys(WRITER_TOPICS).join(', ')}` });
      }
      const key = norm(text);
      if (seen.has(key)) {
        duplicates++;
        return;
      }
      seen.add(key);
      messages.push({ text, label, topic: label === 'sensitive_topic' ? topic : undefined, voice: typeof row.voice === 'string' ? row.voice : undefined, source: where });
    });
  return { messages, problems, duplicates };
}

/** Training targets per output: 1, 0, or -1 (not trained by this message). */
export function writerTargets(m: WriterMessage): Int8Array {
  const t = new Int8Array(OUTPUTS.length).fill(m.label === 'none' ? 0 : -1);
  const out: ClassifierOutput | undefined =
    m.label === 'explicit_request' ? 'explicit' : m.label === 'negative_sentiment' ? 'negative' : m.label === 'urgency' ? 'urgency' : m.label === 'sensitive_topic' ? WRITER_TOPICS[m.topic!] : undefined;
  if (out) t[OUTPUTS.indexOf(out)] = 1;
  return t;
}

/** The conversations the escalation report plays: the message after the menu's free-text button. */
export function writerConversations(messages: WriterMessage[], prefix: string): { id: string; expect: string; topic?: string; turns: string[] }[] {
  return messages.map((m, i) => ({ id: `${prefix}-${String(i + 1).padStart(4, '0')}`, expect: m.label, topic: m.topic, turns: ['Something else', m.text] }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = process.argv.slice(2);
  const across = new Map<string, string>();
  let bad = 0;
  for (const f of files) {
    const { messages, problems, duplicates } = loadWriterCorpus(f);
    bad += problems.length;
    const count = (pred: (m: WriterMessage) => boolean) => messages.filter(pred).length;
    console.log(`${f}: ${messages.length} messages, ${problems.length} invalid, ${duplicates} duplicates dropped`);
    for (const l of WRITER_LABELS) console.log(`  ${l.padEnd(20)} ${count((m) => m.label === l)}`);
    const topics = [...new Set(messages.map((m) => m.topic).filter(Boolean))] as string[];
    console.log(`  topics: ${topics.map((t) => `${t} ${count((m) => m.topic === t)}`).join(', ')}`);
    const voices = new Map<string, number>();
    for (const m of messages) voices.set(m.voice ?? '?', (voices.get(m.voice ?? '?') ?? 0) + 1);
    console.log(`  voices: ${[...voices].sort((a, b) => b[1] - a[1]).map(([v, n]) => `${v} ${n}`).join(', ')}`);
    const words = messages.map((m) => m.text.split(/\s+/).length).sort((a, b) => a - b);
    console.log(`  words per message: min ${words[0]}, median ${words[words.length >> 1]}, max ${words[words.length - 1]}`);
    for (const p of problems.slice(0, 20)) console.log(`  INVALID ${p.where}: ${p.message}`);
    let cross = 0;
    for (const m of messages) {
      const k = norm(m.text);
      const other = across.get(k);
      if (other && !other.startsWith(f)) cross++;
      else across.set(k, `${f}`);
    }
    if (cross) console.log(`  ${cross} messages also in an earlier file`);
  }
  process.exitCode = bad ? 1 : 0;
}
