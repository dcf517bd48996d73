/**
 * Hunks by fixanswers, applied by the lead (session 17): hostile s16 H#16 rest / newcomer s17 N#11 and hostile s16 H#5.
 * - A flow file with a JSON-escaped lone surrogate ("\ud800", no character) is refused with its path (was loaded and
 *   sent to customers as a broken glyph); a proper escaped pair loads.
 * - `baton validate` / `baton serve` name a UTF-32 file as UTF-32 (was UTF-16).
 * - settings.secretHiddenMessage is a template: an unknown {{name}} in it is warned about like the fallback message's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { readTextFile } from '../../../runtime/cli/readFlowFile';

const support = readFileSync('flows/customer-support.json', 'utf8');

describe('flow files: lone surrogates, UTF-32, the hidden-secret message (session 17)', () => {
  it('a lone surrogate escape is refused at its path; a pair loads', () => {
    const doc = JSON.parse(support);
    doc.settings.fallbackMessage = 'PLACEHOLDER';
    const text = JSON.stringify(doc).replace('PLACEHOLDER', 'Sorry \\ud83d');
    const r = loadFlowText(text);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ code: 'lone_surrogate' });
    expect(r.problems[0].path).toContain('settings.fallbackMessage');
    expect(loadFlowText(JSON.stringify(doc).replace('PLACEHOLDER', 'Sorry \\ud83d\\ude00')).ok).toBe(true);
  });

  it('a UTF-32 flow file is named UTF-32', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lead-utf32-'));
    try {
      const cps = [...'{"version": 1}'].map((c) => c.codePointAt(0)!);
      const bytes = new Uint8Array(4 + cps.length * 4);
      bytes.set([0xff, 0xfe, 0, 0]);
      cps.forEach((cp, i) => new DataView(bytes.buffer).setUint32(4 + i * 4, cp, true));
      writeFileSync(join(dir, 'f.json'), bytes);
      const r = await readTextFile(join(dir, 'f.json'));
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toMatch(/UTF-32/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown variable in the hidden-secret message is warned about', () => {
    const doc = JSON.parse(support);
    doc.settings.secretHiddenMessage = 'I hid that, {{nobodyKnowsMe}}.';
    const r = validateFlow(doc);
    const p = r.problems.find((x) => x.path.includes('secretHiddenMessage'));
    expect(p?.code).toBe('unknown_variable');
    expect(p?.message).toContain('hidden-secret message');
  });
});
