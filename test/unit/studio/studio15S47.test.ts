/**
 * Session 47 (studio15), the pure parts (the screens: test/e2e/studio15S47.test.ts, test/component/studio15S47*.tsx):
 *  - typing steps (newcomer s46 N12): where one undo step of typing ends, written down before the code as the
 *    sequences below (a word, a pause, a run of deletions, a paste), then held-out sequences after it;
 *  - retest-studio s46 L5: a block added with nothing selected goes where no block AND no connection line is, inside the
 *    visible canvas and clear of its overlays; when the view has no such room, the nearest free space outside it;
 *  - the connections' SVG paths read back as polylines (React Flow's bezier, the routed edges' rounded corners);
 *  - newcomer s46 N1 rest: routed connections on one lane are spread apart (laneNudge.ts), through the canvas's registry.
 */
import { describe, expect, it } from 'vitest';
import { pathPolyline } from '../../../renderer/studio/canvas/edgeLines';
import { findFreeSpot, searchFreeSpot, segmentMeetsRect } from '../../../renderer/studio/canvas/freeSpot';
import { LINE_GAP, placeNearCentre, newBlockSize } from '../../../renderer/studio/canvas/insertBlock';
import { roundedPath } from '../../../renderer/studio/canvas/edges/edgeRoute';
import { laneOrder, LANE_SPACING, LANE_TOL, separateLanes } from '../../../renderer/studio/canvas/edges/laneNudge';
import { createLaneRegistry } from '../../../renderer/studio/canvas/edges/laneRegistry';
import { BoxIndex, polylineCrossings } from '../../../renderer/studio/canvas/edges/orthoRoute';
import { nextTypingRun, TYPING_PAUSE_MS, type TypingRun } from '../../../renderer/studio/store/typingSteps';
import { validateFlow } from '../../../shared/flow/validateFlow';
import type { Flow } from '../../../shared/flow/schema';

/** The undo steps typing `keys` gives: each key is [inputType, data, ms since the previous key]. */
function steps(keys: [string, string | null, number][]): string[] {
  let run: TypingRun | null = null;
  let now = 0;
  const out: string[] = [];
  for (const [type, data, gap] of keys) {
    now += gap;
    const next = nextTypingRun(run, { inputType: type, data }, now);
    run = next.run;
    const shown = type.startsWith('delete') ? '⌫' : type === 'insertFromPaste' ? `[${data ?? 'paste'}]` : type === 'insertLineBreak' ? '↵' : (data ?? '');
    if (next.newStep || out.length === 0) out.push(shown);
    else out[out.length - 1] += shown;
  }
  return out;
}
const typed = (text: string, gap = 50): [string, string, number][] => [...text].map((ch) => ['insertText', ch, gap]);

describe('typing steps (newcomer s46 N12)', () => {
  // Written before the code: what one Ctrl+Z should take back.
  it.each([
    ['" XYZ" fast', typed(' XYZ', 30), [' XYZ']],
    ['" XYZ" slowly (0.4 s a key)', typed(' XYZ', 400), [' XYZ']],
    ['two words', typed('hello world'), ['hello ', 'world']],
    ['a sentence', typed('Your order has shipped.'), ['Your ', 'order ', 'has ', 'shipped.']],
    ['a pause over a second inside a word', [...typed('ab'), ['insertText', 'c', 1200] as [string, string, number], ...typed('d')], ['ab', 'cd']],
    ['a pause of 0.9 s does not cut', [...typed('ab'), ['insertText', 'c', 900] as [string, string, number]], ['abc']],
    ['Backspace run after typing', [...typed('abc'), ['deleteContentBackward', null, 50], ['deleteContentBackward', null, 50]], ['abc', '⌫⌫']],
    ['a paste between words', [...typed('see '), ['insertFromPaste', 'URL', 50], ...typed(' now')], ['see ', '[URL]', ' now']],
  ] as [string, [string, string | null, number][], string[]][])('%s', (_name, keys, expected) => {
    expect(steps(keys)).toEqual(expected);
  });

  // Held out (written after the code): each still one step per word or action.
  it.each([
    ['a line break ends a word', [...typed('Hi'), ['insertLineBreak', null, 50], ...typed('there')], ['Hi↵', 'there']],
    ['several spaces stay with the word before', typed('a   b'), ['a   ', 'b']],
    ['punctuation after a word is part of it', typed('Yes, please'), ['Yes, ', 'please']],
    ['typing again after deleting is a new step', [...typed('ab'), ['deleteContentBackward', null, 50], ...typed('c')], ['ab', '⌫', 'c']],
    ['a cut is a step of its own', [...typed('ab'), ['deleteByCut', null, 50], ...typed('c')], ['ab', '⌫', 'c']],
    ['two pastes are two steps', [['insertFromPaste', 'A', 50], ['insertFromPaste', 'B', 50]], ['[A]', '[B]']],
    ['an unknown input is a step of its own', [...typed('ab'), ['', null, 50], ...typed('c')], ['ab', '', 'c']],
  ] as [string, [string, string | null, number][], string[]][])('held out: %s', (_name, keys, expected) => {
    expect(steps(keys)).toEqual(expected);
  });

  it('the pause is TYPING_PAUSE_MS', () => {
    expect(TYPING_PAUSE_MS).toBe(1000);
    const run = nextTypingRun(null, { inputType: 'insertText', data: 'a' }, 0).run;
    expect(nextTypingRun(run, { inputType: 'insertText', data: 'b' }, TYPING_PAUSE_MS).newStep).toBe(false);
    expect(nextTypingRun(run, { inputType: 'insertText', data: 'b' }, TYPING_PAUSE_MS + 1).newStep).toBe(true);
  });
});

describe('edge paths as polylines', () => {
  it('a bezier: starts and ends at its ends, sampled in between', () => {
    const line = pathPolyline('M10,20 C110,20 110,220 210,220');
    expect(line[0]).toEqual({ x: 10, y: 20 });
    expect(line[line.length - 1]).toEqual({ x: 210, y: 220 });
    expect(line.length).toBeGreaterThan(8);
    // The curve's middle (t = 0.5) is the middle of its ends here.
    expect(line.some((p) => Math.abs(p.x - 110) < 1 && Math.abs(p.y - 120) < 1)).toBe(true);
  });

  it('the routed edges\' rounded corners (edgeRoute.roundedPath) read back through their corners', () => {
    const points = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 200 }, { x: 300, y: 200 }];
    const line = pathPolyline(roundedPath(points).path);
    expect(line[0]).toEqual({ x: 0, y: 0 });
    expect(line[line.length - 1]).toEqual({ x: 300, y: 200 });
    // Every point within 10 units of the route's runs (the corners are cut by their radius).
    const near = (p: { x: number; y: number }) => [[points[0], points[1]], [points[1], points[2]], [points[2], points[3]]].some(([a, b]) => segmentMeetsRect(a, b, { x: p.x - 10, y: p.y - 10, width: 20, height: 20 }));
    expect(line.every(near)).toBe(true);
  });

  it('H, V and a closing Z; anything else ends the polyline there', () => {
    expect(pathPolyline('M0,0 H50 V20 Z')).toEqual([{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 20 }, { x: 0, y: 0 }]);
    expect(pathPolyline('M0,0 L5,5 a 1 1 0 0 0 2 2')).toEqual([{ x: 0, y: 0 }, { x: 5, y: 5 }]);
    expect(pathPolyline('')).toEqual([]);
  });
});

describe('free space with no connection under it (retest-studio s46 L5)', () => {
  const size = { width: 240, height: 110 };

  it('segmentMeetsRect: crossing, inside, passing by', () => {
    const r = { x: 0, y: 0, width: 100, height: 100 };
    expect(segmentMeetsRect({ x: -50, y: 50 }, { x: 150, y: 50 }, r)).toBe(true);
    expect(segmentMeetsRect({ x: 10, y: 10 }, { x: 20, y: 20 }, r)).toBe(true);
    expect(segmentMeetsRect({ x: -50, y: -1 }, { x: 150, y: -1 }, r)).toBe(false);
    expect(segmentMeetsRect({ x: 120, y: -50 }, { x: 120, y: 150 }, r)).toBe(false);
  });

  it('a spot free of blocks but on a connection line is passed over for one clear of lines', () => {
    const line = [{ x: -1000, y: 50 }, { x: 1000, y: 50 }];
    const before = findFreeSpot({ x: 0, y: 0 }, size, []);
    expect(before).toEqual({ x: 0, y: 0 }); // what the studio did: right on the line
    const at = findFreeSpot({ x: 0, y: 0 }, size, [], { lines: [line], lineGap: LINE_GAP });
    const box = { ...at, ...size };
    expect(segmentMeetsRect(line[0], line[1], { x: box.x - LINE_GAP, y: box.y - LINE_GAP, width: box.width + 2 * LINE_GAP, height: box.height + 2 * LINE_GAP })).toBe(false);
    // The nearest such spot: above or below the line, not far.
    expect(Math.abs(at.y)).toBeLessThanOrEqual(200);
  });

  it('`within`: only spots wholly inside; none there gives null (searchFreeSpot)', () => {
    const within = { x: 0, y: 0, width: 600, height: 400 };
    const blocker = { x: 0, y: 0, width: 600, height: 400 };
    expect(searchFreeSpot({ x: 100, y: 100 }, size, [blocker], { within })).toBeNull();
    const at = searchFreeSpot({ x: 500, y: 350 }, size, [], { within })!;
    expect(at.x + size.width).toBeLessThanOrEqual(600);
    expect(at.y + size.height).toBeLessThanOrEqual(400);
  });

  /**
   * A dense grid: blocks 240 x 110, five columns 320 apart and five rows 400 apart, each wired to its right neighbour,
   * long runs down the gaps between the columns and a connection across every gap between two rows (as the shipped
   * Northwind flow's routed connections run in shared lanes): the gaps between the rows are free of blocks but not of lines.
   */
  function dense(): { flow: Flow; lines: { x: number; y: number }[][] } {
    const blocks: unknown[] = [{ id: 'start', kind: 'start', position: { x: -400, y: 0 }, data: {} }];
    const lines: { x: number; y: number }[][] = [];
    for (let r = 0; r < 5; r++) {
      for (let c = 0; c < 5; c++) {
        blocks.push({ id: `b${r}${c}`, kind: 'message', position: { x: c * 320, y: r * 400 }, data: { text: 'x' } });
        if (c < 4) lines.push([{ x: c * 320 + 240, y: r * 400 + 40 }, { x: (c + 1) * 320, y: r * 400 + 40 }]);
        if (r < 4) lines.push([{ x: c * 320 + 280, y: r * 400 + 60 }, { x: c * 320 + 280, y: (r + 1) * 400 + 40 }]);
      }
      if (r < 4) lines.push([{ x: -100, y: r * 400 + 255 }, { x: 1500, y: r * 400 + 255 }]);
    }
    const parsed = validateFlow({ version: 1, id: 'dense', name: 'Dense', blocks, edges: [], variables: [] });
    if (!parsed.flow) throw new Error(JSON.stringify(parsed.problems.slice(0, 2)));
    return { flow: parsed.flow, lines };
  }

  it('in a dense flow, the spot near the centre is inside the view, clear of every block and line and of the overlays', () => {
    const { flow, lines } = dense();
    const view = { x: -200, y: -500, width: 1800, height: 2500 };
    const overlays = [{ x: 1300, y: 1800, width: 300, height: 200 }];
    const placed = placeNearCentre(flow, {}, 'human_takeover', { x: 640, y: 800 }, { lines, view, overlays });
    const s = newBlockSize(flow, {}, 'human_takeover');
    const box = { ...placed.position, ...s };
    expect(placed.inView).toBe(true);
    expect(box.x >= view.x && box.y >= view.y && box.x + box.width <= view.x + view.width && box.y + box.height <= view.y + view.height).toBe(true);
    for (const b of flow.blocks) {
      const r = { x: b.position!.x, y: b.position!.y, width: 240, height: 110 };
      expect(box.x < r.x + r.width && r.x < box.x + box.width && box.y < r.y + r.height && r.y < box.y + box.height).toBe(false);
    }
    for (const l of lines) expect(segmentMeetsRect(l[0], l[1], box)).toBe(false);
    for (const o of overlays) expect(box.x < o.x + o.width && o.x < box.x + box.width && box.y < o.y + o.height && o.y < box.y + box.height).toBe(false);
    // Without the lines (before session 47) the same call lands on one of them.
    const old = placeNearCentre(flow, {}, 'human_takeover', { x: 640, y: 800 });
    const oldBox = { ...old.position, ...s };
    expect(lines.some((l) => segmentMeetsRect(l[0], l[1], oldBox))).toBe(true);
  });

  it('no room in the view: the nearest free spot outside it, said (inView false) so the caller pans there', () => {
    const { flow, lines } = dense();
    const view = { x: 300, y: 180, width: 600, height: 700 }; // inside the grid: room between blocks, none between lines
    const placed = placeNearCentre(flow, {}, 'human_takeover', { x: 600, y: 530 }, { lines, view });
    expect(placed.inView).toBe(false);
    const box = { ...placed.position, ...newBlockSize(flow, {}, 'human_takeover') };
    for (const l of lines) expect(segmentMeetsRect(l[0], l[1], box)).toBe(false);
  });
});

describe('lanes spread apart (newcomer s46 N1 rest)', () => {
  // Two columns of blocks 200 apart (a 96-unit channel between x = 240 and 336); routes run down the channel's left lane.
  const boxes = [
    { x: 0, y: 0, width: 240, height: 100 },
    { x: 0, y: 300, width: 240, height: 100 },
    { x: 336, y: 0, width: 240, height: 100 },
    { x: 336, y: 300, width: 240, height: 100 },
  ];
  const index = new BoxIndex(boxes);
  // From the left column's exits (x 240) down the lane x = 264 and into the right column's inputs (x 336).
  const a = [{ x: 240, y: 50 }, { x: 264, y: 50 }, { x: 264, y: 320 }, { x: 336, y: 320 }];
  const b = [{ x: 240, y: 70 }, { x: 264, y: 70 }, { x: 264, y: 340 }, { x: 336, y: 340 }];
  const c = [{ x: 240, y: 90 }, { x: 264, y: 90 }, { x: 264, y: 360 }, { x: 336, y: 360 }];

  const verticalX = (p: { x: number; y: number }[]) => p[1].x;
  const orthogonal = (p: { x: number; y: number }[]) => p.every((q, i) => i === 0 || q.x === p[i - 1].x || q.y === p[i - 1].y);

  it('three routes on one lane get lanes LANE_SPACING apart; their ends stay on the handles; still straight runs; no block crossed', () => {
    const out = separateLanes([{ id: 'a', points: a }, { id: 'b', points: b }, { id: 'c', points: c }], index);
    const xs = ['a', 'b', 'c'].map((id) => verticalX(out.get(id)!)).sort((p, q) => p - q);
    expect(xs[1] - xs[0]).toBeCloseTo(LANE_SPACING);
    expect(xs[2] - xs[1]).toBeCloseTo(LANE_SPACING);
    for (const [id, src] of [['a', a], ['b', b], ['c', c]] as const) {
      const p = out.get(id)!;
      expect(p[0]).toEqual(src[0]);
      expect(p[p.length - 1]).toEqual(src[src.length - 1]);
      expect(orthogonal(p)).toBe(true);
      expect(polylineCrossings(p, index)).toBe(0);
    }
    // Before: all three on x = 264 (what the canvas drew).
    expect(new Set([a, b, c].map(verticalX)).size).toBe(1);
  });

  it('ordered so they do not cross where they turn (nested Z shapes: one order only crosses nothing), whatever order they come in', () => {
    // a enters the lane highest and leaves it highest, c lowest: nested Z shapes; any other order crosses.
    const out = separateLanes([{ id: 'c', points: c }, { id: 'a', points: a }, { id: 'b', points: b }], index);
    const routes = ['a', 'b', 'c'].map((id) => out.get(id)!);
    let crossings = 0;
    const cross = (p: { x: number; y: number }, q: { x: number; y: number }, r: { x: number; y: number }, s: { x: number; y: number }) => {
      const o = (u: typeof p, v: typeof p, w: typeof p) => Math.sign((v.x - u.x) * (w.y - u.y) - (v.y - u.y) * (w.x - u.x));
      return o(p, q, r) * o(p, q, s) < 0 && o(r, s, p) * o(r, s, q) < 0;
    };
    for (let i = 0; i < 3; i++)
      for (let j = i + 1; j < 3; j++)
        for (let k = 1; k < routes[i].length; k++) for (let l = 1; l < routes[j].length; l++) if (cross(routes[i][k - 1], routes[i][k], routes[j][l - 1], routes[j][l])) crossings++;
    expect(crossings).toBe(0);
  });

  it('a narrow channel: the spacing shrinks to fit, LANE_CLEAR from the blocks; no room at all: left as it was', () => {
    const tight = new BoxIndex([
      { x: 0, y: 0, width: 240, height: 100 },
      { x: 276, y: 300, width: 240, height: 100 },
    ]);
    const p = [{ x: 240, y: 50 }, { x: 258, y: 50 }, { x: 258, y: 320 }, { x: 276, y: 320 }];
    const q = [{ x: 240, y: 70 }, { x: 258, y: 70 }, { x: 258, y: 340 }, { x: 276, y: 340 }];
    const out = separateLanes([{ id: 'p', points: p }, { id: 'q', points: q }], tight);
    const xs = [verticalX(out.get('p')!), verticalX(out.get('q')!)];
    // The room: 240 + 8 to 276 - 8 = 20 units: both lanes inside it, apart.
    for (const x of xs) expect(x >= 248 && x <= 268).toBe(true);
    expect(Math.abs(xs[0] - xs[1])).toBeGreaterThanOrEqual(LANE_TOL);
    const none = new BoxIndex([
      { x: 0, y: 0, width: 250, height: 400 },
      { x: 266, y: 0, width: 240, height: 400 },
    ]);
    const same = separateLanes([{ id: 'p', points: p }, { id: 'q', points: q }], none);
    expect(same.get('p')).toBe(p);
    expect(same.get('q')).toBe(q);
  });

  it('routes that share nothing come back as they were (the same arrays)', () => {
    const far = [{ x: 240, y: 50 }, { x: 300, y: 50 }, { x: 300, y: 320 }, { x: 336, y: 320 }];
    const out = separateLanes([{ id: 'a', points: a }, { id: 'far', points: far }], index);
    expect(out.get('a')).toBe(a);
    expect(out.get('far')).toBe(far);
  });

  it('laneOrder: a run ending inside another and turning to lower coordinates goes below it; up to 7 runs every order is tried', () => {
    const runs = [
      { route: 0, lo: 0, hi: 100, turnLo: -1, turnHi: 1 },
      { route: 1, lo: 20, hi: 80, turnLo: -1, turnHi: -1 },
    ];
    // Run 1's ends lie inside run 0 and both turn to lower coordinates: run 1 first (lower).
    expect(laneOrder(runs).map((r) => r.route)).toEqual([1, 0]);
    expect(laneOrder([{ ...runs[1], turnLo: 1, turnHi: 1 }, runs[0]]).map((r) => r.route)).toEqual([0, 1]);
  });

  it('the canvas registry: routes set in one burst are spread together, each connection told once its own changed', () => {
    const jobs: (() => void)[] = [];
    const reg = createLaneRegistry(() => index, (f) => jobs.push(f));
    const told: string[] = [];
    for (const id of ['a', 'b', 'c']) reg.subscribe(id, () => told.push(id));
    reg.set('a', a);
    reg.set('b', b);
    reg.set('c', c);
    expect(jobs).toHaveLength(1); // one computation for the burst
    expect(reg.get('a')).toBeUndefined();
    jobs.shift()!();
    expect(told.sort()).toEqual(['a', 'b', 'c']);
    expect(new Set(['a', 'b', 'c'].map((id) => verticalX(reg.get(id)! as { x: number; y: number }[]))).size).toBe(3);
    // A route changed since: not drawn with lanes worked out for the old one.
    const moved = a.map((p) => ({ x: p.x, y: p.y + 5 }));
    reg.set('a', moved);
    expect(reg.get('a')).toBeUndefined();
    jobs.shift()!();
    expect(reg.get('a')).toBeDefined();
    // Removed: b and c alone share nothing new; told only when theirs changed.
    told.length = 0;
    reg.set('a', null);
    jobs.shift()!();
    expect(reg.get('a')).toBeUndefined();
  });
});
