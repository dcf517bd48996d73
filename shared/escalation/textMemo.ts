/**
 * A bounded memo of answers per text that keeps what was used recently (session 10, issue 11 speed). The loop paths
 * look up what each of a conversation's kept questions is about on every message; with many conversations at once their
 * texts are many, and a memo that forgot everything when full (the older `clear()` at 1,000 entries) made every
 * conversation's earlier questions be worked out again (detectLoop's p99 1.6x with 250 conversations interleaved).
 * Two generations: new answers go into the current one; when it is full it becomes the old one (the one before is
 * dropped), and an answer found in the old one is moved back into the current one. At most 2 x `perGeneration`
 * entries; an entry used at least once per `perGeneration` new texts is never dropped. Pure (no time, no I/O).
 */
export class TextMemo<V> {
  private current = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly perGeneration: number) {}

  /** The answer kept for `text`, or undefined. */
  get(text: string): V | undefined {
    const hit = this.current.get(text);
    if (hit !== undefined) return hit;
    const aged = this.old.get(text);
    if (aged !== undefined) this.set(text, aged);
    return aged;
  }

  set(text: string, value: V): void {
    if (this.current.size >= this.perGeneration) {
      this.old = this.current;
      this.current = new Map();
    }
    this.current.set(text, value);
  }

  get size(): number {
    return this.current.size + this.old.size;
  }
}

/**
 * Session 37 (perf): `read` with its last answer kept. One message is asked the same thing several times in a row (the
 * ticket's email question: whether the message fits, ticketAnswerFits, then what it says, answerTicketQuestion), and a
 * second asking of the same text is answered at once, with no allocation (unlike a TextMemo, no Map entry per text).
 * Exact for a `read` that is a function of the text alone.
 */
export function keepLast<V>(read: (text: string) => V): (text: string) => V {
  let lastText: string | undefined;
  let last!: V;
  return (text) => {
    if (text !== lastText) {
      last = read(text);
      lastText = text;
    }
    return last;
  };
}
