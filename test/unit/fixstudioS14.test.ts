/**
 * Session 14 findings in the studio (fixstudio), the parts that are pure functions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isInView, viewToShow } from '../../renderer/studio/canvas/keepInView';
import { languageCodeProblem } from '../../renderer/studio/editor/languageCode';
import { myChangesDocument } from '../../renderer/studio/persistence/flowPersistence';
import { flowSchema } from '../../shared/flow/schema';

describe('languageCodeProblem (newcomer s14 N#1)', () => {
  afterEach(() => vi.restoreAllMocks());

  // Chromium's ICU (the studio's browser) throws RangeError "invalid_argument" from DisplayNames.of for a tag with an
  // extension or a private-use part; Node's is lenient. Do what Chromium does, so this runs the studio's path.
  function likeChromium() {
    const real = Intl.DisplayNames.prototype.of;
    vi.spyOn(Intl.DisplayNames.prototype, 'of').mockImplementation(function (this: Intl.DisplayNames, code: string) {
      if (/-[a-z0-9]-/i.test(`${code}-`)) throw new RangeError('invalid_argument');
      return real.call(this, code);
    });
  }

  it('accepts valid tags with an extension or a private-use part, without throwing', () => {
    likeChromium();
    for (const t of ['en-US-x-twain', 'ja-JP-u-ca-japanese', 'de-DE-u-co-phonebk', 'en-u-nu-latn']) {
      expect(() => languageCodeProblem(t), t).not.toThrow();
      expect(languageCodeProblem(t), t).toBeNull();
    }
  });

  it('still refuses, in words, what it refused before (and an unknown language with an extension)', () => {
    likeChromium();
    expect(languageCodeProblem('english')).toMatch(/^“english” is not a language/);
    expect(languageCodeProblem('en_GB')).toMatch(/^“en_GB” is not a language code/);
    expect(languageCodeProblem('xx-u-ca-japanese')).toMatch(/^“xx-u-ca-japanese” is not a language this computer knows/);
    for (const t of ['zh-Hant-TW', 'es-419', 'sr-Latn', 'en-GB-oxendict']) expect(languageCodeProblem(t), t).toBeNull();
  });

  it('agrees with the flow file check (validateFlow languageTagProblem): what it warns of, the field refuses', async () => {
    const { languageTagProblem } = await import('../../shared/flow/validateFlow');
    const long = 'ja-JP-u-ca-japanese-x-abcdefgh-abcdefgh'; // valid BCP 47, longer than the file check's 35
    for (const t of ['ja-JP-u-ca-japanese', 'en-US-x-twain', 'english', 'en_GB', long, 'zh-Hant-TW', 'x-private']) {
      const fileSays = languageTagProblem(t);
      const fieldSays = languageCodeProblem(t);
      if (fileSays !== null) expect(fieldSays, t).toMatch(/is not a language code/);
      if (fieldSays === null) expect(fileSays, t).toBeNull();
    }
    expect(languageCodeProblem(long)).toMatch(/is not a language code/);
  });

  it('a naming call that throws for any other reason gives a sentence, not an exception', () => {
    vi.spyOn(Intl.DisplayNames.prototype, 'of').mockImplementation(() => {
      throw new RangeError('invalid_argument');
    });
    expect(languageCodeProblem('fr')).toMatch(/^“fr” is not a language this computer knows: use a code such as en/);
  });
});

describe('myChangesDocument: the file "Download my changes" saves (newcomer s14 N#2)', () => {
  it('names the refused edits "<name> (my changes)", once, within 200 characters, and changes nothing else', () => {
    const flow = flowSchema.parse({ version: 1, id: 'customer-support', name: 'Northwind Goods customer support', description: 'edited here', blocks: [] });
    const doc = myChangesDocument(flow);
    expect(doc.name).toBe('Northwind Goods customer support (my changes)');
    expect({ ...doc, name: flow.name }).toEqual(flow);
    expect(myChangesDocument(doc).name).toBe(doc.name);
    const long = myChangesDocument({ ...flow, name: 'L'.repeat(200) }).name;
    expect(long.length).toBe(200);
    expect(long.endsWith(' (my changes)')).toBe(true);
  });
});

describe('viewToShow: one rule wherever the studio brings a block into view (review debt s13)', () => {
  const W = 800;
  const H = 600;
  const block = { x: 700, y: 100, width: 240, height: 110 }; // half past the right edge at zoom 1
  const whole = { x: 100, y: 100, width: 240, height: 110 };

  it('onlyIfCut: a block already whole leaves the view; a cut one is panned just enough', () => {
    const view = { x: 0, y: 0, zoom: 1 };
    expect(viewToShow(whole, view, W, H, { onlyIfCut: true })).toBeNull();
    const next = viewToShow(block, view, W, H, { onlyIfCut: true })!;
    expect(next.zoom).toBe(1);
    expect(isInView(block, next, W, H)).toBe(true);
    expect(next.y).toBe(0);
    expect(next.x).toBeGreaterThan(-(block.x + block.width / 2 - W / 2) - 1); // less than a re-centre
  });

  it('readableZoom: zoomed out, it zooms in about the block, which ends whole in view', () => {
    const view = { x: 50, y: 40, zoom: 0.4 };
    const next = viewToShow(whole, view, W, H, { readableZoom: 1 })!;
    expect(next.zoom).toBe(1);
    expect(isInView(whole, next, W, H)).toBe(true);
    // Already readable and whole (inside the margin): nothing moves.
    const fine = { x: 0, y: 0, zoom: 1.2 };
    expect(viewToShow(whole, fine, W, H, { readableZoom: 1 })).toBeNull();
  });

  it('before: the blocks leading to it are kept in view when they fit (the palette)', () => {
    const prev = { x: 420, y: 100, width: 240, height: 110 };
    const start = { x: 100, y: 100, width: 240, height: 110 };
    const next = viewToShow(block, { x: 0, y: 0, zoom: 1 }, W, H, { before: [prev, start] })!;
    for (const r of [block, prev, start]) expect(isInView(r, next, W, H)).toBe(true);
    expect(next.zoom).toBeLessThan(1); // zoomed out a little for them
  });

  it('no canvas size yet: nothing moves', () => {
    expect(viewToShow(block, { x: 0, y: 0, zoom: 1 }, 0, 0)).toBeNull();
  });

  it('every place in the studio that moves the view to a block goes through useShowBlock (no setCenter of its own)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
    // Session 45 (studio9, newcomer s45 N11): a click on the minimap centres the view on the clicked point (not on a
    // block), as React Flow's pannable minimap does; that one call is allowed, nothing else.
    const minimapClick = /<MiniMap[\s\S]*?onClick=\{\(_, at\) => void rf\.setCenter\(at\.x, at\.y, \{ zoom: rf\.getZoom\(\), duration: 200 \}\)\}/;
    const offenders = files('renderer/studio').filter((f) => /\bsetCenter\(/.test(readFileSync(f, 'utf8').replace(minimapClick, '')));
    expect(offenders).toEqual([]);
    const users = files('renderer/studio').filter((f) => /=\s*useShowBlock\(\)/.test(readFileSync(f, 'utf8')));
    expect(users.map((f) => f.replace(/\\/g, '/')).sort()).toEqual(
      // Session 42: the problem's "Add an End block" (studio4, Inspector) and the pan clear of the minimap after a move or
      // paste (studio3, useClearOfOverlays in useShowBlock.ts) go through it too; session 43 (studio6): the problem fix
      // buttons moved from the Inspector into ProblemFixButton.tsx.
      [
        'renderer/studio/canvas/Canvas.tsx',
        'renderer/studio/canvas/useShowBlock.ts',
        'renderer/studio/editor/Editor.tsx',
        'renderer/studio/inspector/ProblemFixButton.tsx',
        'renderer/studio/palette/useAddBlock.ts',
        'renderer/studio/simulator/CanvasOverlay.tsx',
      ].sort(),
    );
  });
});
