/**
 * Session 22 (round nine): the single-message conversations of the conversation writers (test/fixtures/escalation-corpus/
 * wNN-conversations.jsonl: a line whose turns are ["Something else", TEXT]) as a writer corpus (writerCorpus.ts format:
 * text / label / topic / voice), so train.ts `--extra` trains EVERY output on them: a positive its own output as 1, an
 * ordinary message (`none`) every output as 0. Multi-turn conversations (loops, repeated fallbacks, low confidence, a
 * topic told over two turns) are left out here (train.ts `--extra-ordinary` reads their turns).
 *
 * The conversation writers named a sensitive conversation's topic in free words in its `kind` ("refund paraphrase",
 * "account deletion", "legal/privacy", "defective"): `topicOfKind` maps them onto the classifier's nine topics (the
 * support flow's "cancellation & account deletion", "legal & privacy", "damaged goods" say where the odd ones go); a
 * kind it cannot map is left out and counted.
 *
 *   npx tsx scripts/train-escalation/conversationSingles.ts OUT_DIR [--half odd|even] FILE...
 *     writes OUT_DIR/<name>[-odd|-even].jsonl per FILE and prints the counts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLabelled } from '../../test/bench/escalationReport';
import type { Labelled } from '../../test/bench/labelledReport';

/** A conversation writer's line: the labelled conversation and the writer's notes on it. */
type WriterConversation = Labelled & { topic?: string; voice?: string; kind?: string };

/** The writers' words for a topic, most specific first (fraud before billing: "a charge I never made" is fraud). */
const KIND_TOPICS: [RegExp, string][] = [
  [/fraud|scam|not mine|never (?:made|placed|ordered)|order not made|phishing/, 'fraud'],
  [/safety|burn|sparked|fire|child|injur|hazard|recall/, 'safety'],
  [/privacy|personal data|gdpr|subject access|legal|erase|data/, 'privacy'],
  [/account deletion|delete account|close account|remove account|account closure|account cancel|cancel/, 'cancellation'],
  [/security|password|hacked|account$|account |wishlist changed|odd changes|login|2fa|name changed|saved card added/, 'account_security'],
  [/complain/, 'complaint'],
  [/billing|charge|wrong amount|invoice|double|overcharg|odd line|statement|bank lines|not applied/, 'billing'],
  [/refund|money back/, 'refund'],
  [/damag|defective|faulty|broken/, 'damaged'],
];

export function topicOfKind(kind: string): string | undefined {
  const k = kind.toLowerCase().split(':')[0];
  // The words before the first comma name the topic ("refund paraphrased, order cancelled but charged" is a refund;
  // "privacy paraphrased, child's data" is privacy): read them first, then the whole kind.
  const lead = /^(?:refund|billing|fraud|safety|privacy|legal|security|complaint|damaged|defective|cancellation)/.exec(k)?.[0];
  for (const part of [lead ?? '', k.split(',')[0], k]) if (part) for (const [re, topic] of KIND_TOPICS) if (re.test(part)) return topic;
  return undefined;
}

const LABELS = new Set(['explicit_request', 'negative_sentiment', 'sensitive_topic', 'urgency', 'none']);

export function singlesOf(file: string, half?: 'odd' | 'even'): { lines: string[]; unmapped: string[]; counts: Record<string, number> } {
  const lines: string[] = [];
  const unmapped: string[] = [];
  const counts: Record<string, number> = {};
  (readLabelled(file) as WriterConversation[]).forEach((c, i) => {
    const num = Number(/(\d+)\s*$/.exec(c.id)?.[1] ?? i + 1);
    if (half !== undefined && num % 2 !== (half === 'odd' ? 1 : 0)) return;
    if (!LABELS.has(c.expect) || c.turns.length !== 2 || c.turns[0] !== 'Something else') return;
    let topic: string | undefined;
    if (c.expect === 'sensitive_topic') {
      topic = c.topic ?? topicOfKind(c.kind ?? '');
      if (!topic) return void unmapped.push(`${c.id}: ${c.kind ?? '(no kind)'}`);
    }
    counts[c.expect] = (counts[c.expect] ?? 0) + 1;
    lines.push(JSON.stringify({ text: c.turns[1], label: c.expect, ...(topic ? { topic } : {}), voice: c.voice ?? basename(file) }));
  });
  return { lines, unmapped, counts };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const hi = args.indexOf('--half');
  const half = hi >= 0 ? (args.splice(hi, 2)[1] as 'odd' | 'even') : undefined;
  const [out, ...files] = args;
  if (!out || files.length === 0) {
    console.error('usage: conversationSingles.ts OUT_DIR [--half odd|even] FILE...');
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  for (const f of files) {
    const { lines, unmapped, counts } = singlesOf(f, half);
    const name = `${out}/${basename(f, '.jsonl')}${half ? '-' + half : ''}.jsonl`;
    writeFileSync(name, lines.join('\n') + '\n');
    console.log(`${name}: ${lines.length} (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')})${unmapped.length ? `; ${unmapped.length} topics not mapped: ${unmapped.slice(0, 3).join(' | ')}` : ''}`);
  }
}
