/**
 * Per-flow data the engine looks up on every turn, built once and cached by flow object identity
 * (a WeakMap, so a flow that is dropped is collected with its cache). A flow object must not be mutated
 * after it was first run; the studio creates a new object on every edit anyway (immer).
 */
import { createIntentMatcher } from '../nlu/createIntentMatcher';
import { normalizeText } from '../nlu/normalizeText';
import type { IntentMatcher } from '../nlu/types';
import type { Block, BlockOf, Flow, Value } from '../flow/schema';
import { getBlockDefinition } from '../flow/blockRegistry';

/** A button option with the normalised forms a customer's text is compared with. */
export interface ButtonChoice {
  id: string;
  label: string;
  /** Stored in the block's variable. */
  value: string;
  /** Normalised label and value (exact match). */
  names: string[];
  /** Normalised synonyms. */
  synonyms: string[];
}

export interface KeywordRoute {
  id: string;
  /** Normalised keywords and phrases. */
  keywords: string[];
}

export interface CompiledFlow {
  blocks: Map<string, Block>;
  /** `${from}\n${exit}` -> target block id (first edge wins, like the validator). */
  edges: Map<string, string>;
  startId: string | null;
  /** The target of `exit` on block `from` (same answer as `edges`, without building the string key). */
  exitOf(from: string, exit: string): string | undefined;
  /** Every block a block's exits lead to (noAgentFollowUp.ts). */
  exitsFrom(from: string): string[];
  defaults: Record<string, Value>;
  buttons(block: BlockOf<'buttons'>): ButtonChoice[];
  keywordRoutes(block: BlockOf<'keyword_router'>): KeywordRoute[];
  matcher(block: BlockOf<'intent_router'>): IntentMatcher;
}

const cache = new WeakMap<Flow, CompiledFlow>();

export function compileFlow(flow: Flow): CompiledFlow {
  const hit = cache.get(flow);
  if (hit) return hit;

  const blocks = new Map<string, Block>();
  let startId: string | null = null;
  for (const b of flow.blocks) {
    if (!blocks.has(b.id)) blocks.set(b.id, b);
    if (startId === null && getBlockDefinition(b.kind).isEntry) startId = b.id;
  }
  const edges = new Map<string, string>();
  // Per block, exit -> target: the engine looks exits up several times a turn, and a two-level look-up
  // avoids concatenating (and hashing) a fresh key string each time.
  const exitsByBlock = new Map<string, Map<string, string>>();
  for (const e of flow.edges) {
    const key = `${e.from}\n${e.exit}`;
    if (edges.has(key)) continue;
    edges.set(key, e.to);
    let exits = exitsByBlock.get(e.from);
    if (exits === undefined) {
      exits = new Map();
      exitsByBlock.set(e.from, exits);
    }
    exits.set(e.exit, e.to);
  }
  const defaults: Record<string, Value> = {};
  for (const v of flow.variables) if (v.default !== undefined && v.name !== "__proto__" && v.name !== "constructor" && v.name !== "prototype") defaults[v.name] = v.default;

  // Lazy per-block caches: most turns touch one or two blocks, so there is no point in compiling all.
  const buttonCache = new Map<string, ButtonChoice[]>();
  const routeCache = new Map<string, KeywordRoute[]>();
  const matcherCache = new Map<string, IntentMatcher>();

  const compiled: CompiledFlow = {
    blocks,
    edges,
    startId,
    exitOf: (from, exit) => exitsByBlock.get(from)?.get(exit),
    exitsFrom: (from) => [...(exitsByBlock.get(from)?.values() ?? [])],
    defaults,
    buttons(block) {
      let out = buttonCache.get(block.id);
      if (!out) {
        out = block.data.options.map((o) => ({
          id: o.id,
          label: o.label,
          value: o.value ?? o.label,
          names: unique([normalizeText(o.label), o.value ? normalizeText(o.value) : ''].filter(Boolean)),
          synonyms: unique(o.synonyms.map((s) => normalizeText(s)).filter(Boolean)),
        }));
        buttonCache.set(block.id, out);
      }
      return out;
    },
    keywordRoutes(block) {
      let out = routeCache.get(block.id);
      if (!out) {
        out = block.data.routes.map((r) => ({
          id: r.id,
          keywords: unique(r.keywords.map((k) => normalizeText(k)).filter(Boolean)),
        }));
        routeCache.set(block.id, out);
      }
      return out;
    },
    matcher(block) {
      let m = matcherCache.get(block.id);
      if (!m) {
        m = createIntentMatcher(block.data.intents);
        matcherCache.set(block.id, m);
      }
      return m;
    },
  };
  cache.set(flow, compiled);
  return compiled;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
