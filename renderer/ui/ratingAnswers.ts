/**
 * The customer's answers to a rating question (a bot message whose buttons are the 1-5 scale of a Rating block):
 * seq -> score. The inbox shows them as a rating instead of a bare "4" (newcomer s11 #23); the widget too (newcomer s39
 * N23: the customer's own bubble read "5").
 */
export interface RatingEntry {
  seq: number;
  from: string;
  text: string;
  buttons?: ReadonlyArray<{ id: string; label: string }>;
}

/** Whether these buttons are the five-point scale of a Rating block ("1".."5"). */
export function isRatingScale(bs: ReadonlyArray<{ id: string; label: string }> | undefined): boolean {
  return !!bs && bs.length === 5 && bs.every((x, i) => x.id === String(i + 1) && x.label === x.id);
}

export function ratingAnswers(entries: readonly RatingEntry[]): Map<number, number> {
  const out = new Map<number, number>();
  let scale: ReadonlyArray<{ id: string; label: string }> | null = null;
  for (const e of entries) {
    if (e.from === 'system') continue;
    if (e.from === 'customer' && scale) {
      const said = e.text.trim();
      const b = scale.find((x) => x.label === said || x.id === said);
      if (b) out.set(e.seq, Number(b.id));
    }
    const bs = e.buttons ?? [];
    scale = e.from === 'bot' && isRatingScale(bs) ? bs : e.from === 'bot' ? null : scale;
    if (e.from === 'customer') scale = null;
  }
  return out;
}
