/**
 * fixstudio s13, pure parts: newcomer #3 (keepInView: the smallest viewport move that shows a new block and the
 * blocks before it) and #5 (a Language is checked like a Time zone).
 */
import { describe, expect, it } from 'vitest';
import { isInView, keepInView, KEEP_MIN_ZOOM } from '../../renderer/studio/canvas/keepInView';
import { languageCodeProblem } from '../../renderer/studio/editor/languageCode';

describe('keepInView (newcomer s13 #3)', () => {
  // The newcomer's blank flow on an 820 x 820 canvas: Start, Message, Human takeover in a row, 96 px apart.
  const start = { x: 0, y: 0, width: 240, height: 80 };
  const message = { x: 336, y: 0, width: 240, height: 90 };
  const takeover = { x: 672, y: 0, width: 240, height: 170 };
  const W = 820;
  const H = 820;

  it('shows the new block and every block before it, zooming out no further than KEEP_MIN_ZOOM', () => {
    const view = { x: 100, y: 300, zoom: 1 }; // the takeover's right edge is past the canvas
    expect(isInView(takeover, view, W, H)).toBe(false);
    const next = keepInView(takeover, [message, start], view, W, H)!;
    expect(next).not.toBeNull();
    expect(next.zoom).toBeGreaterThanOrEqual(KEEP_MIN_ZOOM);
    expect(next.zoom).toBeLessThan(1);
    for (const r of [start, message, takeover]) expect(isInView(r, next, W, H)).toBe(true);
  });

  it('does not move a view that already shows them', () => {
    expect(keepInView(message, [start], { x: 40, y: 300, zoom: 1 }, W, H)).toBeNull();
  });

  it('a chain too long to show at a readable zoom keeps the new block and the nearest blocks before it', () => {
    const chain = Array.from({ length: 6 }, (_, i) => ({ x: -(i + 1) * 336, y: 0, width: 240, height: 80 }));
    const target = { x: 0, y: 0, width: 240, height: 80 };
    const next = keepInView(target, chain, { x: 2000, y: 300, zoom: 1 }, W, H)!;
    expect(next.zoom).toBe(1);
    expect(isInView(target, next, W, H)).toBe(true);
    expect(isInView(chain[0], next, W, H)).toBe(true);
    expect(isInView(chain[5], next, W, H)).toBe(false);
  });

  it('a block clicked half under the right edge moves left by just enough (same zoom)', () => {
    const view = { x: 0, y: 0, zoom: 1 };
    const cut = { x: 700, y: 100, width: 240, height: 170 };
    const next = keepInView(cut, [], view, W, H)!;
    expect(next.zoom).toBe(1);
    expect(isInView(cut, next, W, H)).toBe(true);
    expect(next.x).toBeLessThan(0);
    expect(next.x).toBeGreaterThan(-200); // a small move, not a re-centre (-(700+120-410) = -410)
    expect(next.y).toBe(0);
  });
});

describe('languageCodeProblem (newcomer s13 #5)', () => {
  it('refuses what is not a language code, saying what was typed and what to type', () => {
    expect(languageCodeProblem('english please')).toBe('“english please” is not a language code: use a short code such as en, fr or de (or en-GB, pt-BR).');
    expect(languageCodeProblem('xx')).toMatch(/^“xx” is not a language this computer knows: use a code such as en, fr or de/);
    expect(languageCodeProblem('')).toMatch(/Type a language code/);
  });
  it('accepts codes a flow uses', () => {
    for (const t of ['en', 'fr', 'de', 'en-GB', 'pt-BR', 'nl', 'zh-Hans']) expect(languageCodeProblem(t)).toBeNull();
  });
});
