/**
 * Session 9 (escrf): a learned in-domain score, "could Northwind's shop bot (or a person at the shop) serve this
 * message at all?", 0..1. A logistic regression over hashed word unigrams, word bigrams and character 4-grams of the
 * canonical tokens (so spelling variants and unseen inflections share evidence), trained by
 * scripts/train-escalation/inDomainTrain.ts from every corpus's customer messages: messages of ordinary conversations
 * and of requests the shop answers (complaints, returns, explicit requests) are in domain; messages of conversations
 * labelled repeated fallback are mostly out of domain (weak labels: a second, noise-robust pass drops the ones the
 * first model is sure are about the shop). The weights are shipped in ./weights.ts.
 *
 * Used only by the repeated-fallback policy (see policyFallback.ts and detectRepeatedFallback.calmShopQuestion): an
 * off-topic message the router matched weakly counts as a fallback, and an off-topic question does not count as a
 * "clear question about the shop". The router's own matching is unchanged. The score is about ONE shop's domain:
 * a flow for another business gets the same (shop) reading, documented in docs/escalation.md.
 *
 * Pure and deterministic; cached per analysis object.
 */
import type { TextAnalysis } from '../../nlu/types';
import { canonicalTokens } from '../canonicalTokens';
import { IN_DOMAIN_WEIGHTS } from './weights';
import { VAGUE_WEIGHTS } from './vagueWeights';
import { SHOP_REQUEST_WEIGHTS } from './shopRequestWeights';

/** A model: bias and one weight per hashed feature bucket (buckets = weights.length, a power of two). */
export interface InDomainModel {
  bias: number;
  weights: Float32Array;
}

/** FNV-1a, 32 bit, over a string's UTF-16 code units. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** At most this many tokens are read (a long message says enough in its first words). */
const MAX_TOKENS = 60;

/** The hashed features of a message's canonical tokens (distinct buckets), for a table of `buckets` entries. */
export function inDomainFeatures(toks: readonly string[], buckets: number): number[] {
  const mask = buckets - 1;
  const out = new Set<number>();
  const n = Math.min(toks.length, MAX_TOKENS);
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    out.add(fnv('w' + t) & mask);
    if (i > 0) out.add(fnv('b' + toks[i - 1] + ' ' + t) & mask);
    if (t.length >= 4 && !/^\d+$/.test(t)) {
      const p = `<${t}>`;
      for (let j = 0; j + 4 <= p.length; j++) out.add(fnv('c' + p.slice(j, j + 4)) & mask);
    }
  }
  if (n === 0) out.add(fnv('empty') & mask);
  return [...out];
}

/** The score of a token list under a model (the training script and the tests call this with their own models). */
export function scoreTokens(toks: readonly string[], model: InDomainModel): number {
  let z = model.bias;
  for (const f of inDomainFeatures(toks, model.weights.length)) z += model.weights[f];
  return 1 / (1 + Math.exp(-z));
}

export interface PackedWeights { bias: number; scale: number; buckets: number; data: string }
/** Session 41 (fe): exported for the own-case score (ownCase.ts), which ships its weights the same way. */
export function decode({ bias, scale, buckets, data }: PackedWeights): InDomainModel {
  const bytes = decodeBase64(data);
  const weights = new Float32Array(buckets);
  for (let i = 0; i < buckets; i++) weights[i] = ((bytes[i] << 24) >> 24) * scale;
  return { bias, weights };
}
let shipped: InDomainModel | null = null;
/** The shipped model, decoded once (int8 weights times a scale, in base64). */
export function shippedInDomainModel(): InDomainModel {
  shipped ??= decode(IN_DOMAIN_WEIGHTS);
  return shipped;
}
let shippedVague: InDomainModel | null = null;
let activeVague: InDomainModel | null = null;
/**
 * Session 9: the same features scored for "a vague first message" (the first message of low-confidence conversations
 * against every other message), read by detectLowConfidence for a first message the bot could not use.
 */
export function vagueScore(analysis: TextAnalysis): number {
  shippedVague ??= decode(VAGUE_WEIGHTS);
  return scoreTokens(canonicalTokens(analysis), activeVague ?? shippedVague);
}
/** Replaces the vague model (training scripts); null restores the shipped one. */
export function useVagueModel(model: InDomainModel | null): void {
  activeVague = model;
}

let active: InDomainModel | null = null;
/**
 * Replaces the model the policy reads (training and leave-one-writer-out scripts measure a model end to end this
 * way); null restores the shipped one.
 */
export function useInDomainModel(model: InDomainModel | null): void {
  active = model;
  cache = new WeakMap();
}

let cache = new WeakMap<TextAnalysis, number>();
/** P(in domain) of a message, 0..1, from the active model (the shipped one unless replaced). */
export function inDomainScore(analysis: TextAnalysis): number {
  let s = cache.get(analysis);
  if (s === undefined) {
    s = scoreTokens(canonicalTokens(analysis), active ?? shippedInDomainModel());
    cache.set(analysis, s);
  }
  return s;
}

/** Session 29 (rffe): the score of tokens already split (a normalised text kept in the memory), from the active model. */
export function inDomainScoreOfTokens(toks: readonly string[]): number {
  return scoreTokens(toks, active ?? shippedInDomainModel());
}

let shippedShopRequest: InDomainModel | null = null;
let activeShopRequest: InDomainModel | null = null;
/**
 * Session 43 (fe, issue 11): the shop-request score, the in-domain recipe retrained with a hand-written corpus of single
 * messages added (test/fixtures/escalation-shoprequest/fe-s43.jsonl, odd ids, five voices: requests to a home and
 * clothing shop against small talk, off-topic requests, questions about the bot, thanks; inDomainTrain.ts --extra). It
 * reads some off-topic requests the in-domain score puts at 1.00 lower ("bitcoin price" 0.17, "you know what time the
 * bank open on Saturday" 0.01). Read only where a follow-up leans on the message before it
 * (detectRepeatedFallback.followsUpShopQuestion); the in-domain score's many cuts stay on their own model (a full
 * replacement was measured: docs/escalation.md, "Session 43 (fe)"). Same features, same size, the same cost per message.
 */
export function shopRequestScoreOfTokens(toks: readonly string[]): number {
  shippedShopRequest ??= decode(SHOP_REQUEST_WEIGHTS);
  return scoreTokens(toks, activeShopRequest ?? shippedShopRequest);
}
/** Replaces the shop-request model (tests, training scripts); null restores the shipped one. */
export function useShopRequestModel(model: InDomainModel | null): void {
  activeShopRequest = model;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Base64 to bytes without Node's Buffer or the DOM's atob (shared/ stays pure). */
function decodeBase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | B64.indexOf(clean[i]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
