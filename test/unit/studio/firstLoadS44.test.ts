/**
 * Session 44 (studio7), retest s43 / brief item 6: the studio was one 2 MB chunk and the first `npm run build` printed
 * Vite's "chunks larger than 2000 kB" advice. The home screen now loads only what it shows: the editor's screens
 * (FlowScreens: canvas, React Flow, validation with the escalation policy's readers) and, inside the editor, the
 * simulator (the engine) are `import()`ed when needed. This follows the static imports (not `import()`, not
 * `import type`) from each entry and says what they must not reach, so a new static import cannot undo the split
 * unnoticed. Measured in a browser: the home screen's first load 2,384 kB of JS -> 241 kB (docs/history.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Static import specifiers of a source file (type-only imports and dynamic import() left out). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  const text = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    if (m[2]) continue;
    if (m[1] === 'export' && !m[3]) continue;
    out.push(m[4]);
  }
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) if (existsSync(c) && /\.(tsx?|json)$/.test(c)) return c;
  return null;
}

/** Every file and package reached by static imports from `entry`. */
function reached(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [resolve(root, entry)];
  while (todo.length) {
    const f = todo.pop()!;
    if (files.has(f)) continue;
    files.add(f);
    if (!/\.tsx?$/.test(f)) continue;
    for (const spec of staticImports(readFileSync(f, 'utf8'))) {
      if (spec.endsWith('.css')) continue; // styles (React Flow's base.css stays in main.tsx, before studio.css)
      if (spec.startsWith('.')) {
        const r = resolveLocal(f, spec);
        if (r) todo.push(r);
      } else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return { files: new Set([...files].map((f) => relative(root, f))), packages };
}

describe('the studio loads the editor and the simulator when needed (session 44)', () => {
  it('the home screen (main.tsx) does not statically reach the editor, validation, the engine or React Flow', () => {
    const { files, packages } = reached('renderer/studio/main.tsx');
    expect(files.has('renderer/studio/home/HomeScreen.tsx')).toBe(true);
    const heavy = [...files].filter((f) => /^renderer\/studio\/(editor\/Editor|FlowScreens|canvas\/|simulator\/SimulatorPanel)|^shared\/(flow\/validateFlow|escalation\/|engine\/engine|nlu\/)/.test(f));
    expect(heavy).toEqual([]);
    expect([...packages].filter((p) => ['@xyflow/react', 'elkjs', 'vader-sentiment', 're2js', 'zod'].includes(p))).toEqual([]);
  });

  it('the editor does not statically reach the simulator panel or the engine', () => {
    const { files } = reached('renderer/studio/editor/Editor.tsx');
    expect(files.has('renderer/studio/canvas/Canvas.tsx')).toBe(true);
    expect([...files].filter((f) => /^renderer\/studio\/simulator\/SimulatorPanel|^shared\/engine\/engine\.ts|^shared\/simulator\/scenarioSession/.test(f))).toEqual([]);
  });
});
