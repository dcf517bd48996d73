/**
 * Session 47 (studio15, newcomer s46 N1 rest): the canvas's routed connections, gathered so their shared lanes can be
 * spread apart (laneNudge.ts needs every route at once; each connection is drawn by its own component).
 *
 * A routed connection registers its route (`set`); once per burst of changes (a microtask after the last), every
 * registered route is spread with `separateLanes` against the canvas's blocks, and the connections whose drawing
 * changed are told (`subscribe`), then read theirs (`get`: undefined until it was worked out from the route registered
 * now, so a connection never draws another route's lanes). One registry per canvas, keyed like reroute.ts's watchers.
 */
import type { Point } from './edgeRoute';
import { separateLanes } from './laneNudge';
import type { BoxIndex } from './orthoRoute';

export interface LaneRegistry {
  set(id: string, points: readonly Point[] | null): void;
  get(id: string): readonly Point[] | undefined;
  subscribe(id: string, listener: () => void): () => void;
}

const registries = new WeakMap<object, LaneRegistry>();

/** The registry of the canvas whose React Flow store this is; `index` gives its blocks' boxes when the lanes are spread. */
export function laneRegistryOf(store: { getState(): { nodeLookup: object } }, index: () => BoxIndex): LaneRegistry {
  const key = store.getState().nodeLookup;
  let r = registries.get(key);
  if (!r) registries.set(key, (r = createLaneRegistry(index)));
  return r;
}

const samePoints = (a: readonly Point[], b: readonly Point[]) => a.length === b.length && a.every((p, i) => p.x === b[i].x && p.y === b[i].y);

export function createLaneRegistry(index: () => BoxIndex, schedule: (f: () => void) => void = queueMicrotask): LaneRegistry {
  const raw = new Map<string, readonly Point[]>();
  /** The spread route of each connection, with the registered route it was worked out from. */
  const spread = new Map<string, { from: readonly Point[]; points: readonly Point[] }>();
  const listeners = new Map<string, Set<() => void>>();
  let pending = false;
  const run = () => {
    pending = false;
    const out = separateLanes([...raw].map(([id, points]) => ({ id, points })), index());
    const changed: string[] = [];
    for (const [id, points] of out) {
      const from = raw.get(id)!;
      const was = spread.get(id);
      if (was && was.from === from && samePoints(was.points, points)) continue;
      spread.set(id, { from, points: was && samePoints(was.points, points) ? was.points : points });
      changed.push(id);
    }
    for (const id of changed) for (const l of listeners.get(id) ?? []) l();
  };
  return {
    set(id, points) {
      if (points === null) {
        if (!raw.delete(id)) return;
        spread.delete(id);
      } else {
        if (raw.get(id) === points) return;
        raw.set(id, points);
      }
      if (!pending) {
        pending = true;
        schedule(run);
      }
    },
    get(id) {
      const s = spread.get(id);
      return s && s.from === raw.get(id) ? s.points : undefined;
    },
    subscribe(id, listener) {
      let set = listeners.get(id);
      if (!set) listeners.set(id, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(id);
      };
    },
  };
}
