/**
 * Session 44 (studio7, retest s43 N2): a text with a hidden direction override (U+202E...) was drawn on the canvas
 * already reordered ("Pay at yadot google.com", a button "Reffund") with only a count badge on the block. The studio
 * shows such a text in the order it was typed: each direction control (overrides, embeddings, isolates) is taken out of
 * the drawn text, so it cannot reorder anything, and a small visible mark stands where it was ("⟨RLO⟩", its name and
 * code point in the title). What the customer gets is unchanged (the flow's warning says what they would see).
 */
import type { ReactNode } from 'react';

const NAMES: Record<string, [string, string]> = {
  '\u202A': ['LRE', 'left-to-right embedding'],
  '\u202B': ['RLE', 'right-to-left embedding'],
  '\u202C': ['PDF', 'pop directional formatting'],
  '\u202D': ['LRO', 'left-to-right override'],
  '\u202E': ['RLO', 'right-to-left override'],
  '\u2066': ['LRI', 'left-to-right isolate'],
  '\u2067': ['RLI', 'right-to-left isolate'],
  '\u2068': ['FSI', 'first strong isolate'],
  '\u2069': ['PDI', 'pop directional isolate'],
};
const SPLIT = /([\u202A-\u202E\u2066-\u2069])/u;

/** `text` as typed, with its direction controls shown as marks; the text itself when it has none. */
export function ShownDirection({ text }: { text: string }): ReactNode {
  if (!SPLIT.test(text)) return text;
  return text.split(SPLIT).map((part, i) => {
    const name = NAMES[part];
    if (!name) return part;
    const code = `U+${part.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return (
      <mark key={i} className="bt-direction-mark" title={`Hidden direction character ${code} (${name[1]}): it reorders the letters after it for the customer`}>
        {`⟨${name[0]}⟩`}
      </mark>
    );
  });
}

/**
 * Session 44 (lead, retest-studio s44 #1): `text` for a place that cannot show marks (a title tooltip): each direction
 * control replaced by its short name in brackets, so a label quoted in a problem message cannot reverse the sentence.
 */
export function withoutDirection(text: string): string {
  return SPLIT.test(text) ? text.split(SPLIT).map((part) => (NAMES[part] ? `(${NAMES[part][0]})` : part)).join('') : text;
}
