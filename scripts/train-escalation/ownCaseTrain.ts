/**
 * Session 41 (fe, issue 11): trains the own-case score (shared/escalation/ownCase.ts), "is this message, which reads as a
 * sensitive topic, the customer's own case, or a general question / the topic's word in another sense?", and writes its
 * weights (shared/escalation/ownCaseWeights.ts).
 *
 *   npx tsx scripts/train-escalation/ownCaseTrain.ts --unread --write          # the shipped weights (byte for byte)
 *   npx tsx scripts/train-escalation/ownCaseTrain.ts --unread --folds 5 [--show 0.02] [--collect /tmp/owncase.json]
 *
 * Data: every customer message of the development corpora (test/fixtures/escalation-corpus, ODD ids only; the blind sets,
 * labelled.jsonl and heldout.jsonl are never read) that the sensitive-topic detector reads, played through
 * flows/customer-support.json at the reports' clock: the topic fired, or came close (a near miss: a guard, a negation or a
 * threshold stopped it). Labels: such a message of a conversation labelled sensitive_topic is the customer's own case (1);
 * one of an ordinary conversation (labelled none) is not (0); other labels are left out (their topic reading may be
 * right or wrong). --unread adds, as not own case (0), every message of an ordinary conversation with a word of a topic
 * phrase that the detector did not read at all (the word in another sense). Features: the in-domain score's (word unigrams, bigrams, character 4-grams of the canonical tokens,
 * 8,192 buckets) plus a question-mark token. Logistic regression as inDomainTrain.ts (SGD, L2, classes balanced).
 *
 * --folds K prints out-of-fold scores by writer (K folds over the odd-id writers) as a table of cuts: how many own cases
 * and how many ordinary messages fall below each cut. The cut is chosen from that table (odd ids only).
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeText } from '../../shared/nlu/analyzeText';
import { logisticProb, trainLogistic } from './logistic';
import { ownCaseTokens, OWN_CASE_BUCKETS } from '../../shared/escalation/ownCase';
import { inDomainFeatures } from '../../shared/escalation/inDomain/inDomainScore';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (k: string) => { const i = args.indexOf(k); return i < 0 ? undefined : args[i + 1]; };
/** --collect FILE: keep the played messages there and read them back next time (the playing takes a minute). */
const collectFile = opt('--collect');
const FOLDS = Number(opt('--folds') ?? 0);
const EPOCHS = Number(opt('--epochs') ?? 12);
const L2 = Number(opt('--l2') ?? 1e-4);
const C = 'test/fixtures/escalation-corpus/';
const idNumber = (id: string, i: number) => { const m = /(\d+)\D*$/.exec(id ?? ''); return m ? Number(m[1]) : i + 1; };

interface Collected { writer: string; id: string; y: 0 | 1; text: string; fired: boolean; read: boolean }

async function collect(): Promise<Collected[]> {
  const { loadFlowText } = await import('../../shared/flow/loadFlowText');
  const { createSimulation } = await import('../../shared/simulator/createSimulation');
  // Collected with the gate off (a model that reads every message as an own case), so a retrain reads what the detector read
  // before the score existed, whatever weights are shipped.
  const { useOwnCaseModel } = await import('../../shared/escalation/ownCase');
  useOwnCaseModel({ bias: 20, weights: new Float32Array(OWN_CASE_BUCKETS) });
  const { compileSensitiveTopics, conceptKeySet } = await import('../../shared/escalation/compileSensitiveTopics');
  const flow = loadFlowText(readFileSync(root + 'flows/customer-support.json', 'utf8')).flow;
  // Every concept key of the flow's topic phrases: an ordinary message with one of them uses a topic's word, read or not.
  const topicKeys = new Set<string>();
  for (const t of compileSensitiveTopics(flow.escalation.sensitiveTopics.topics)) for (const p of t.phrases) for (const k of p.keys) topicKeys.add(k);
  const hasTopicWord = (text: string) => { for (const k of conceptKeySet(analyzeText(text).stems, new Set())) if (topicKeys.has(k)) return true; return false; };
  const now = Date.parse('2026-11-24T10:00:00Z');
  const out: Collected[] = [];
  for (const f of readdirSync(root + C).filter((f) => f.endsWith('.jsonl')).sort()) {
    const writer = f.replace(/(-conversations)?\.jsonl$/, '');
    const lines = readFileSync(root + C + f, 'utf8').split('\n').filter((l) => l.trim() !== '');
    lines.forEach((line, i) => {
      const l = JSON.parse(line);
      const id: string = l.id ?? `${C}${f}-${i + 1}`;
      // Odd ids only: the even half is the held-out check (escrfEval, cmp.py).
      if (idNumber(id, i) % 2 === 0) return;
      const label: string = l.expect ?? l.label;
      const y = label === 'sensitive_topic' ? 1 : label === 'none' ? 0 : -1;
      if (y < 0) return;
      const turns: string[] = l.turns ?? ['Something else', l.text];
      const sim = createSimulation(flow, { now, conversationId: id, http: () => ({ ok: false, status: 0, body: null }) });
      let over = false;
      for (let t = 0; t < turns.length && !over; t++) {
        if (t > 0) sim.advance(20_000);
        for (const step of sim.say(turns[t])) {
          const d = step.decision;
          if (!d || t === 0) continue;
          const fired = d.signals.some((s) => s.reason === 'sensitive_topic');
          const near = (d.nearMisses ?? []).some((s) => s.reason === 'sensitive_topic');
          if (fired || near) out.push({ writer, id, y: y as 0 | 1, text: turns[t], fired, read: true });
          // An ordinary message with a topic's word that nothing read: that word in another sense (negatives only).
          else if (y === 0 && hasTopicWord(turns[t])) out.push({ writer, id, y: 0, text: turns[t], fired: false, read: false });
          if (d.reason && (d.action === 'handoff' || d.action === 'offer')) over = true;
        }
      }
    });
  }
  return out;
}

interface Example { x: number[]; y: 0 | 1; writer: string; fired: boolean; id: string }
const train = (data: Example[]) => trainLogistic(data, OWN_CASE_BUCKETS, EPOCHS, L2);
const prob = logisticProb;

const collected: Collected[] = collectFile && existsSync(collectFile) ? JSON.parse(readFileSync(collectFile, 'utf8')) : await collect();
if (collectFile && !existsSync(collectFile)) writeFileSync(collectFile, JSON.stringify(collected));
const UNREAD = args.includes('--unread');
const used = collected.filter((c) => UNREAD || c.read !== false);
const data: Example[] = used.map((c) => ({ x: inDomainFeatures(ownCaseTokens(analyzeText(c.text)), OWN_CASE_BUCKETS), y: c.y, writer: c.writer, fired: c.fired, id: c.id }));
const pos = data.filter((d) => d.y === 1).length;
console.error(`examples ${data.length} (own case ${pos}, ordinary ${data.length - pos}; fired: own ${data.filter((d) => d.y === 1 && d.fired).length}, ordinary ${data.filter((d) => d.y === 0 && d.fired).length})`);

if (FOLDS > 0) {
  const writers = [...new Set(data.map((d) => d.writer))].sort();
  const oof = new Array<number>(data.length);
  for (let k = 0; k < FOLDS; k++) {
    const held = new Set(writers.filter((_, i) => i % FOLDS === k));
    const m = train(data.filter((d) => !held.has(d.writer)));
    data.forEach((d, i) => { if (held.has(d.writer)) oof[i] = prob(m, d.x); });
  }
  // Only messages on which the topic fired matter for a gate on firing: below the cut, an own case is lost, an ordinary one won
  // (at the message level; a conversation may have other messages or reasons).
  // The gate asks the score only when the classifier's highest topic reading is under SURE (in-sample on these odd ids).
  const SURE = Number(opt('--sure') ?? 0.95);
  const { classifyMessage } = await import('../../shared/escalation/classifier/escalationClassifier');
  const unsure = data.map((d, i) => d.fired && Math.max(...Array.from(classifyMessage(analyzeText(used[i].text))).slice(3)) < SURE);
  console.log(`| cut | own cases (fired) below | ordinary (fired) below | own (all) below | ordinary (all) below | own / ordinary below, classifier under ${SURE} |`);
  for (const cut of [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]) {
    const below = (y: number, firedOnly: boolean) => data.filter((d, i) => d.y === y && (!firedOnly || d.fired) && oof[i] < cut).length;
    const gated = (y: number) => data.filter((d, i) => d.y === y && unsure[i] && oof[i] < cut).length;
    console.log(`| ${cut} | ${below(1, true)} of ${data.filter((d) => d.y === 1 && d.fired).length} | ${below(0, true)} of ${data.filter((d) => d.y === 0 && d.fired).length} | ${below(1, false)} | ${below(0, false)} | ${gated(1)} / ${gated(0)} |`);
  }
  if (args.includes('--show')) {
    const cut = Number(opt('--show'));
    data.forEach((d, i) => {
      if (!d.fired || oof[i] >= cut) return;
      const a = analyzeText(used[i].text);
      const c = classifyMessage(a);
      const topicMax = Math.max(...Array.from(c).slice(3));
      console.log(`${d.y ? 'OWN ' : 'ORD '} ${oof[i].toFixed(3)} topic ${topicMax.toFixed(2)} q ${a.text.includes('?') ? 1 : 0} ${d.id} ${used[i].text.slice(0, 120)}`);
    });
  }
}

if (opt('--json')) writeFileSync(opt('--json')!, JSON.stringify((({ bias, weights }) => ({ bias, weights: [...weights] }))(train(data))));
if (args.includes('--write')) {
  const model = train(data);
  let max = 0;
  for (const v of model.weights) max = Math.max(max, Math.abs(v));
  const scale = max / 127;
  const bytes = Uint8Array.from(model.weights, (v) => Math.round(v / scale) & 0xff);
  const lines = Buffer.from(bytes).toString('base64').match(/.{1,116}/g) ?? [];
  writeFileSync(root + 'shared/escalation/ownCaseWeights.ts',
    `/** Generated by scripts/train-escalation/ownCaseTrain.ts (${data.length} messages of odd ids, ${pos} own cases); do not edit. */\n` +
    `export const OWN_CASE_WEIGHTS = {\n  bias: ${model.bias.toFixed(6)},\n  scale: ${scale.toExponential(6)},\n  buckets: ${OWN_CASE_BUCKETS},\n  data:\n` +
    lines.map((l, i) => `    '${l}'${i < lines.length - 1 ? ' +' : ','}`).join('\n') + `\n};\n`);
  console.error('wrote shared/escalation/ownCaseWeights.ts');
}
