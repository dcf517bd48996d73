/**
 * Builds the labelled training corpus from the templates: each sample is a template expanded with a
 * seeded generator, then passed through a "voice" (how a writer types: terse texting, non-native,
 * rambling with the point at the end, polite and indirect, sloppy lower case) and typo augmentation
 * (swapped, dropped, doubled and neighbouring-key letters). Some samples combine two messages (an angry
 * customer asking for a person carries both labels).
 */
import { expand, mulberry32, pick, type Rng } from './grammar';
import { families as baseFamilies, slots as baseSlots, type Family, type Label } from './templates';
import { round3Families, round3Slots } from './templatesRound3';
import type { Slots } from './grammar';

const families: Family[] = [...baseFamilies, ...round3Families];
const slots: Slots = { ...baseSlots, ...(round3Slots as unknown as Slots) };

export interface Sample {
  text: string;
  labels: Label[];
}

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbour(rng: Rng, c: string): string {
  for (const row of KEYBOARD_ROWS) {
    const i = row.indexOf(c);
    if (i >= 0) return row[Math.max(0, Math.min(row.length - 1, i + (rng() < 0.5 ? -1 : 1)))];
  }
  return c;
}

/** One or two typos in words of 4+ letters. */
export function typos(rng: Rng, text: string): string {
  const words = text.split(' ');
  const count = rng() < 0.7 ? 1 : 2;
  for (let n = 0; n < count; n++) {
    const candidates = words.map((w, i) => (/^[a-z]{4,}$/i.test(w) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) break;
    const i = pick(rng, candidates);
    const w = words[i];
    const k = 1 + Math.floor(rng() * (w.length - 2));
    const r = rng();
    if (r < 0.3) words[i] = w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
    else if (r < 0.55) words[i] = w.slice(0, k) + w.slice(k + 1);
    else if (r < 0.75) words[i] = w.slice(0, k) + w[k] + w.slice(k);
    else words[i] = w.slice(0, k) + neighbour(rng, w[k].toLowerCase()) + w.slice(k + 1);
  }
  return words.join(' ');
}

const TEXTING: [RegExp, string][] = [
  [/\byou\b/gi, 'u'], [/\byour\b/gi, 'ur'], [/\bplease\b/gi, 'pls'], [/\bare\b/gi, 'r'], [/\bthanks\b/gi, 'thx'],
  [/\bpeople\b/gi, 'ppl'], [/\bbecause\b/gi, 'cuz'], [/\btomorrow\b/gi, 'tmrw'], [/\bsomeone\b/gi, 'some1'],
  [/\bfor\b/gi, '4'], [/\btonight\b/gi, '2nite'], [/\bwant to\b/gi, 'wanna'], [/\bgoing to\b/gi, 'gonna'],
  [/\bI am\b/g, 'im'], [/\bdon't\b/gi, 'dont'], [/\bcan't\b/gi, 'cant'], [/\bI'm\b/g, 'im'], [/\bright now\b/gi, 'rn'],
  [/\babout\b/gi, 'abt'], [/\bmessage\b/gi, 'msg'], [/\baccount\b/gi, 'acct'],
];
function texting(rng: Rng, text: string): string {
  let t = text.toLowerCase();
  for (const [re, to] of TEXTING) if (rng() < 0.7) t = t.replace(re, to);
  t = t.replace(/[.,;:]/g, rng() < 0.5 ? '' : ' ');
  if (rng() < 0.4) t = t.replace(/\?/g, '');
  return t.replace(/ {2,}/g, ' ').trim();
}

function nonNative(rng: Rng, text: string): string {
  let t = text;
  if (rng() < 0.6) t = t.replace(/\b(the|a|an) /gi, () => (rng() < 0.6 ? '' : 'the '));
  if (rng() < 0.3) t = t.replace(/\bI want to\b/g, 'I want').replace(/\bI need to\b/g, 'I need');
  if (rng() < 0.3) t = t.replace(/\bhas\b/g, 'have').replace(/\bdoesn't\b/g, "don't").replace(/\bis\b/, 'are');
  if (rng() < 0.3) t = `${pick(rng, ['Kindly', 'Please', 'Dear sir,', 'Hello sir,', 'Respected team,'])} ${t.charAt(0).toLowerCase()}${t.slice(1)}`;
  if (rng() < 0.2) t = `${t} ${pick(rng, ['Thanking you.', 'Please do the needful.', 'Regards.', 'Waiting your answer.'])}`;
  return t;
}

function polite(rng: Rng, text: string): string {
  const open = pick(rng, ['Hello,', 'Hi there,', 'Good afternoon,', 'Dear Northwind,', 'Hi, I hope you are well.', 'Hello, sorry to trouble you.', 'Hi team,']);
  const close = pick(rng, ['', 'Thank you in advance.', 'Many thanks.', 'Kind regards.', 'Thanks so much for your help.', 'Best wishes.']);
  return `${open} ${text} ${close}`.trim();
}

function rambling(rng: Rng, text: string): string {
  const n = 1 + Math.floor(rng() * 3);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(expand('{@ctx}', slots, rng));
  return `${parts.join(' ')} ${text}`;
}

function sloppy(rng: Rng, text: string): string {
  let t = text.toLowerCase();
  if (rng() < 0.5) t = t.replace(/[.?!]+$/, '');
  if (rng() < 0.5) t = t.replace(/'/g, '');
  return t;
}

/**
 * Paraphrase augmentation: everyday words swapped for words customers use interchangeably (never a word that
 * carries a label on its own), so the model learns the frame of a message rather than one author's word choice.
 */
const PARAPHRASES: string[][] = [
  ['parcel', 'package', 'delivery', 'box', 'order', 'stuff', 'things'],
  ['arrive', 'come', 'turn up', 'get here', 'show up', 'land'],
  ['arrived', 'came', 'turned up', 'got here', 'showed up', 'landed'],
  ['bought', 'ordered', 'purchased'],
  ['send', 'post', 'ship', 'dispatch'],
  ['sent', 'posted', 'shipped', 'dispatched'],
  ['can you', 'could you', 'would you', 'are you able to', 'any chance you could'],
  ['I want', 'I need', "I'd like", 'I would like', 'I wanna'],
  ['tell me', 'let me know', 'explain', 'say'],
  ['quick', 'fast', 'speedy', 'rapid'],
  ['really', 'very', 'so', 'super', 'well'],
  ['item', 'product', 'thing', 'purchase'],
  ['yesterday', 'the other day', 'last night', 'this morning'],
  ['company', 'shop', 'store', 'firm', 'business', 'lot'],
  ['website', 'site', 'app', 'web page'],
  ['money', 'cash', 'funds', 'payment'],
  ['kid', 'child', 'little one', 'youngest'],
];
const PARAPHRASE_RES = PARAPHRASES.map((group) => new RegExp(`\\b(${group.map((w) => w.replace(/'/g, "'")).join('|')})\\b`, 'gi'));
export function paraphrase(rng: Rng, text: string): string {
  let t = text;
  PARAPHRASES.forEach((group, i) => {
    if (rng() < 0.5) t = t.replace(PARAPHRASE_RES[i], () => pick(rng, group));
  });
  return t;
}

/** How one writer types one message. */
function voice(rng: Rng, text: string, labels: readonly Label[]): string {
  let t = rng() < 0.35 ? paraphrase(rng, text) : text;
  const r = rng();
  if (r < 0.2) t = texting(rng, t);
  else if (r < 0.35) t = nonNative(rng, t);
  else if (r < 0.55) t = rambling(rng, t);
  else if (r < 0.68) t = polite(rng, t);
  else if (r < 0.8) t = sloppy(rng, t);
  if (rng() < 0.3) t = typos(rng, t);
  // Shouting is a negative cue, so only angry samples shout (besides the templates' own trap capitals).
  if (labels.includes('negative') && rng() < 0.08) t = t.toUpperCase();
  return t;
}

function weightedFamilies(): Family[] {
  const out: Family[] = [];
  for (const f of families) for (let i = 0; i < (f.weight ?? 1); i++) out.push(f);
  return out;
}

/** Ordinary messages (no label) as a family of their own. */
const ORDINARY: Family = { labels: [], templates: ['{@ordinary}', '{@ordinary} {@ordinary}', '{@hi}, {@ordinary}', '{@ordinary} {@please}'] };

const SALAD_SHARE = 0.12;

/** Lower-case words of a sample of the templates, expanded. */
function buildVocabulary(seed: number): string[] {
  const rng = mulberry32(seed ^ 0x5eed);
  const words: string[] = [];
  for (const f of families) {
    for (const t of f.templates) {
      for (let k = 0; k < 3; k++) {
        for (const w of expand(t, slots, rng).toLowerCase().split(/[^a-z']+/)) if (w.length > 1) words.push(w);
      }
    }
  }
  return words;
}

const SHOUTED: Family = { labels: ['negative'], templates: ['{@ordinary}'], upper: true };

export function buildCorpus(seed: number, size: number): Sample[] {
  const rng = mulberry32(seed);
  const pool = weightedFamilies();
  for (let i = 0; i < 14; i++) pool.push(ORDINARY);
  // Shouting an ordinary question is angry: the same words in capitals (the lower-case ones stay ordinary).
  pool.push(SHOUTED);
  const out: Sample[] = [];
  const seen = new Set<string>();
  // Word salad: random words of the whole corpus, labelled ordinary. A word that only ever appeared in
  // one label's templates ("before", "stuff") must not carry that label alone; its phrases still do.
  const vocabulary = [...new Set(buildVocabulary(seed))];
  let guard = 0;
  while (out.length < size && guard++ < size * 20) {
    if (rng() < SALAD_SHARE) {
      const n = 1 + Math.floor(rng() * 6);
      const words: string[] = [];
      for (let i = 0; i < n; i++) words.push(pick(rng, vocabulary));
      const text = words.join(' ');
      if (!seen.has(text)) {
        seen.add(text);
        out.push({ text, labels: [] });
      }
      continue;
    }
    const f = pick(rng, pool);
    let text = expand(pick(rng, f.templates), slots, rng);
    let labels = [...f.labels];
    // Two complaints in one message: "this is a joke. get me a manager".
    if (rng() < 0.12) {
      const g = pick(rng, pool);
      const second = expand(pick(rng, g.templates), slots, rng);
      text = rng() < 0.5 ? `${text}. ${second}` : `${second}. ${text}`;
      labels = [...new Set([...labels, ...g.labels])];
    }
    text = voice(rng, text, labels);
    if (f.upper) {
      if (text.replace(/[^a-z]/gi, '').length < 8) continue;
      text = text.toUpperCase();
    }
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ text, labels });
  }
  return out;
}
