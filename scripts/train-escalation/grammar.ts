/**
 * A tiny template language for the training corpus: `{a|b|c}` picks one alternative (nested freely),
 * `{@slot}` expands a named slot (a list of templates), `{#n}` is a random number, `{?x}` is x or nothing.
 * Seeded (mulberry32), so the corpus is the same on every run.
 */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

export type Slots = Record<string, readonly string[]>;

/** Splits the inside of `{...}` on top-level `|`. */
function alternatives(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '|' && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

export function expand(template: string, slots: Slots, rng: Rng, depth = 0): string {
  if (depth > 12) throw new Error(`template too deep: ${template}`);
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '{') {
      out += c;
      continue;
    }
    let d = 1;
    let j = i + 1;
    for (; j < template.length && d > 0; j++) {
      if (template[j] === '{') d++;
      else if (template[j] === '}') d--;
    }
    const body = template.slice(i + 1, j - 1);
    i = j - 1;
    if (/^@\w+$/.test(body)) {
      const list = slots[body.slice(1)];
      if (!list) throw new Error(`unknown slot ${body}`);
      out += expand(pick(rng, list), slots, rng, depth + 1);
    } else if (body.startsWith('#')) {
      const n = Number(body.slice(1)) || 100;
      out += String(1 + Math.floor(rng() * n));
    } else if (body.startsWith('?')) {
      if (rng() < 0.5) out += expand(body.slice(1), slots, rng, depth + 1);
    } else {
      const alt = pick(rng, alternatives(body));
      // "{order|@item}": an alternative that is a bare slot name expands that slot.
      out += /^@\w+$/.test(alt) ? expand(`{${alt}}`, slots, rng, depth + 1) : expand(alt, slots, rng, depth + 1);
    }
  }
  return depth > 0 ? out : out.replace(/ {2,}/g, ' ').replace(/ ([,.!?])/g, '$1').trim();
}
