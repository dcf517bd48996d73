/**
 * `baton simulate FLOW --conversations FILE.jsonl`: plays recorded customer conversations through the flow
 * and prints, for each, the first escalation (handoff or offer of a person), the handoff and the transcript.
 * One JSON line per conversation on stdout; a summary on stderr. Bad lines are reported and skipped.
 * Exit code: 0; 1 when any conversation failed in the engine (each is reported with its line, the rest still
 * play: a run whose numbers leave conversations out must not look like a success); 2 when a file cannot be read.
 */
import { inert } from './terminalText';
import cliProgress from 'cli-progress';
import type { Flow } from '../../shared/flow/schema';
import { readTextFile } from './readFlowFile';
import { batchRates, countConversation, emptyBatchCounts, totalsOf } from '../../shared/simulator/batchCounts';
import { closedAtClock, wallWords } from '../../shared/simulator/closedAtClock';
import { formatClock } from '../../shared/simulator/simulatorView';
import { DEFAULT_SCENARIO_NOW } from '../../shared/simulator/scenarioSchema';
import { escalationOrClarify, playConversation, playedHandoffOutcome, type PlayedConversation } from '../../shared/simulator/playConversation';
import { MAX_CUSTOMER_TEXT } from '../../shared/engine/engine';
import { readConversationLine } from '../../shared/simulator/batchWhatIf';

/** The CLI's default clock in words, "Mon 2 Mar 2026 10:00 (UTC)": DEFAULT_SCENARIO_NOW, the studio simulator's start. */
export const DEFAULT_CLOCK_WORDS = formatClock(Date.parse(DEFAULT_SCENARIO_NOW), 'UTC');

export interface SimulateOptions {
  conversations: string;
  now: number;
  /** The clock came from --now (otherwise it is DEFAULT_SCENARIO_NOW, the studio's Batch tab clock): said in the summary. */
  nowGiven?: boolean;
}

interface ParsedLine {
  id: string;
  turns: string[];
}

/** One line of the file: a conversation, or what is wrong with it in words (one reader with the studio's Batch tab). */
function parseLine(line: string): ParsedLine | string {
  const r = readConversationLine(line);
  return r.ok ? r.conversation : r.message;
}

export async function simulateCommand(flow: Flow, options: SimulateOptions): Promise<number> {
  const read = await readTextFile(options.conversations);
  if (!read.ok) {
    process.stderr.write(`baton simulate: ${read.message}\n`);
    return 2;
  }
  const text = read.text;
  const lines = text.split(/\r?\n/);
  const total = lines.filter((l) => l.trim() !== '').length;
  const bar =
    process.stderr.isTTY && total > 50
      ? new cliProgress.SingleBar({ stream: process.stderr, format: 'simulating [{bar}] {value}/{total} conversations' }, cliProgress.Presets.shades_classic)
      : null;
  bar?.start(total, 0);

  const started = performance.now();
  // The counts and rates as the studio's Batch tab defines them (shared/simulator/batchCounts.ts, one definition).
  const counts = emptyBatchCounts();
  // An id used twice gives two results with that id: said on stderr (hostile s14 H#16), both still played.
  const idLine = new Map<string, number>();
  let skipped = 0;
  let failed = 0;
  // Session 24 (polish2): messages over the engine's MAX_CUSTOMER_TEXT, which the bot reads cut (baton chat says so since
  // session 24; simulate cut them without a word): each is named on stderr with its conversation and turn, and counted.
  let cutMessages = 0;
  const cutConversations = new Set<string>();
  let buffer: string[] = [];
  const flush = () => {
    if (buffer.length) process.stdout.write(inert(buffer.join('\n')) + '\n'); // JSON escapes C0, not C1 (U+009B is a CSI)
    buffer = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const parsed = parseLine(line);
    if (typeof parsed === 'string') {
      skipped++;
      bar?.increment();
      process.stderr.write(`${bar ? '\n' : ''}${options.conversations}:${i + 1}: ${inert(parsed, true)}; line skipped\n`);
      continue;
    }
    const first = idLine.get(parsed.id);
    if (first !== undefined) process.stderr.write(`${bar ? '\n' : ''}${options.conversations}:${i + 1}: the id "${inert(parsed.id, true)}" was already used on line ${first}; both are played, and two results carry that id\n`);
    else idLine.set(parsed.id, i + 1);
    let result: PlayedConversation;
    try {
      result = playConversation(flow, parsed.id, parsed.turns, options.now);
    } catch (err) {
      // An engine failure on one conversation must not end the run: report it with its line (its message cut: an
      // engine error may quote a huge value), count it, and fail the run at the end.
      failed++;
      bar?.increment();
      const message = String((err as Error)?.message ?? err);
      const shown = message.length > 300 ? `${message.slice(0, 300)}… (${message.length} characters)` : message;
      process.stderr.write(`${bar ? '\n' : ''}${options.conversations}:${i + 1}: conversation "${inert(parsed.id, true)}" failed in the engine: ${inert(shown, true)}\n`);
      continue;
    }
    const cut = longTurns(parsed.turns);
    if (cut.length > 0) {
      cutMessages += cut.length;
      cutConversations.add(parsed.id);
      process.stderr.write(`${bar ? '\n' : ''}${options.conversations}:${i + 1}: conversation "${inert(parsed.id, true)}": ${cutWords(cut)}\n`);
    }
    // A conversation whose last message got the bot's one clarifying question (low confidence, clarifyFirst) counts as
    // that low-confidence escalation, as the studio's Batch tab and the corpus tools count it (escalationOrClarify).
    countConversation(counts, { id: parsed.id, escalation: escalationOrClarify(result, parsed.turns.length), outcome: playedHandoffOutcome(result) });
    buffer.push(JSON.stringify(result));
    if (buffer.length >= 500) {
      flush();
      // Let stream events run: when the reader has closed the pipe (`| head -1`), the CLI's EPIPE handler ends
      // the process here instead of after the whole file.
      await new Promise((resolve) => setImmediate(resolve));
    }
    bar?.increment();
  }
  flush();
  bar?.stop();

  const seconds = (performance.now() - started) / 1000;
  const { played, escalated, offered, clarified } = counts;
  const handoffs = counts.handedOver.length;
  const stillAnswering = counts.answering.length;
  const rates = batchRates(totalsOf(counts));
  const pct = (rate: number) => (100 * rate).toFixed(1) + '%';
  const summary = [
    `conversations: ${played}${skipped ? ` (${skipped} line${skipped === 1 ? '' : 's'} skipped)` : ''}`,
    ...(failed
      ? [`FAILED: ${failed} conversation${failed === 1 ? '' : 's'} failed in the engine and ${failed === 1 ? 'is' : 'are'} not in the rates below (see the lines above); please report it with the flow`]
      : []),
    `escalation rate: ${pct(rates.escalationRate)} (${escalated}; ${offered} offered a person first` +
      (clarified
        ? `; ${clarified} ended on the bot's clarifying question, counted under low_confidence: the customer's answer is not in the file)`
        : ')'),
    ...[...counts.byReason.entries()].sort((a, b) => b[1].length - a[1].length).map(([r, ids]) => `  ${r}: ${ids.length} (${pct(ids.length / played)})`),
    `handoff rate: ${pct(rates.handoffRate)} (${handoffs})` +
      (stillAnswering ? `; ${stillAnswering} more were answering the handoff's questions (name, email, reason) when their turns ran out` : ''),
    ...(cutMessages
      ? [`cut: ${cutMessages} message${cutMessages === 1 ? '' : 's'} over ${n(MAX_CUSTOMER_TEXT)} characters in ${cutConversations.size} conversation${cutConversations.size === 1 ? '' : 's'}: the bot read the first ${n(MAX_CUSTOMER_TEXT)} characters of each, as in baton chat (the chat widget and baton serve refuse longer messages; see the lines above)`]
      : []),
    `clock: ${formatClock(options.now, flow.settings.timezone)}, ${options.nowGiven ? 'from --now' : "the default (the studio simulator's); set another with --now"}`,
    ...closedWords(flow, options.now, counts.notHanded.handoff.length + counts.notHanded.offer.length),
    `time: ${seconds.toFixed(2)} s (${Math.round(played / Math.max(seconds, 1e-9))} conversations/s)`,
  ];
  // Nothing could be read (an empty file, only bad lines): not a pass (hostile s14 H#16: a CI step ran on nothing, exit 0).
  if (played === 0 && failed === 0) summary.push(`NOTHING PLAYED: no line of ${options.conversations} is a conversation like {"id": "c1", "turns": ["where is my order?"]} (one JSON object per line)`);
  process.stderr.write(summary.join('\n') + '\n');
  return failed ? 1 : played === 0 ? 2 : 0;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The turns (0-based) longer than the engine reads, with their lengths. */
function longTurns(turns: readonly string[]): { turn: number; length: number }[] {
  const out: { turn: number; length: number }[] = [];
  turns.forEach((t, i) => {
    if (t.length > MAX_CUSTOMER_TEXT) out.push({ turn: i, length: t.length });
  });
  return out;
}

/** "turn 2 (5,033 characters) was cut: the bot read its first 4,000 characters, the rest was dropped". */
export function cutWords(cut: readonly { turn: number; length: number }[]): string {
  const which = cut.map((c) => `turn ${c.turn + 1} (${n(c.length)} characters)`);
  const list = which.length === 1 ? which[0] : `${which.slice(0, -1).join(', ')} and ${which[which.length - 1]}`;
  return `${list} ${cut.length === 1 ? 'was' : 'were'} cut: the bot read ${cut.length === 1 ? 'its' : 'each one\'s'} first ${n(MAX_CUSTOMER_TEXT)} characters and the rest was dropped (the engine's limit; the results are for the cut message${cut.length === 1 ? '' : 's'})`;
}

/**
 * Newcomer s15 #17: escalations that reached nobody because the clock was outside opening hours. One line per shut
 * block (Business hours, Human takeover with availability times), with when it opens and the --now that reaches it;
 * nothing when every block is open or no escalation went unhanded.
 */
function closedWords(flow: Flow, now: number, notHanded: number): string[] {
  if (notHanded === 0) return [];
  const closed = closedAtClock(flow, now);
  if (closed.length === 0) return [];
  const lines = [`${notHanded} escalation${notHanded === 1 ? ' was' : 's were'} not handed over, and the virtual clock (--now; default: ${DEFAULT_CLOCK_WORDS}) is outside opening hours:`];
  for (const c of closed.slice(0, 5)) {
    const opens = c.opensAt === null ? 'opens in none of the next 14 days' : `opens ${wallWords(c.timezone, c.opensAt)}; try --now ${new Date(c.opensAt).toISOString().replace('.000Z', 'Z')}`;
    lines.push(`  "${inert(c.name, true)}" (${c.whenClosed}) is closed at ${wallWords(c.timezone, now)} ${c.timezone}; ${opens}`);
  }
  if (closed.length > 5) lines.push(`  and ${closed.length - 5} more closed block${closed.length - 5 === 1 ? '' : 's'}`);
  return lines;
}
