/**
 * The text the inbox search reads (GET /api/v1/agent/search), kept in memory between searches (hostile s15 H#14).
 *
 * Session 14 kept every searched conversation's whole lower-cased text, 32 M characters in all, the least recently
 * searched dropped first. One conversation larger than that (12,000 messages of 4,000 characters) evicted all others,
 * and as a search walks the same 500 conversations in the same order, each search then missed on every one and read
 * everything again: 1.5-3 s per search, customers' messages p50 118 ms / max 750 ms meanwhile, +400 MB.
 *
 * Now:
 * - per conversation only its newest `conversationChars` characters of what was said are kept and searched (read
 *   backwards from the end the first time, then brought up to date with the entries added since; older entries drop
 *   off the front). A search says how many conversations had older text left out (`olderNotSearched`).
 * - in all at most `totalChars`; a conversation read by a search that is still running is never evicted to make room
 *   for another one of the same walk (a sequential scan does not thrash): when nothing else can go, the text just read
 *   is searched and not kept. So the conversations a search reaches first (the newest) stay, and a search never reads
 *   more than `conversationChars` of any one conversation.
 * - the reading and the matching give the event loop back through the caller's `pause` between pages and every
 *   few thousand entries, so a big conversation does not hold up customers' requests (before: only between
 *   conversations).
 */
import type { LogEntry } from '../store/types';

export interface SaidEntry {
  seq: number;
  at: number;
  from: 'customer' | 'agent' | 'bot';
  name?: string;
  /** The text, lower-cased. */
  lower: string;
}

export interface SaidWindow {
  entries: readonly SaidEntry[];
  /** Whether older entries were left out (the conversation holds more than the window). */
  partial: boolean;
}

export interface TranscriptSource {
  readLog(conversationId: string, afterSeq: number, limit?: number): Promise<LogEntry[]>;
  getConversation(id: string): Promise<{ lastSeq: number } | null>;
}

const PAGE = 500;
/** The matching loop calls `pause` every this many entries. */
const MATCH_STRIDE = 2000;

interface Kept {
  /** The newest seq read (entries after it are read next time). */
  after: number;
  entries: SaidEntry[];
  /** entries[head..] are the window (the ones before are dropped, compacted now and then). */
  head: number;
  chars: number;
  partial: boolean;
  /** The number of the last search that used it. */
  used: number;
}

const said = (e: LogEntry): e is LogEntry & { from: SaidEntry['from']; text: string } =>
  (e.from === 'customer' || e.from === 'agent' || e.from === 'bot') && typeof e.text === 'string' && e.text !== '';

const toSaid = (e: LogEntry & { from: SaidEntry['from']; text: string }): SaidEntry => ({ seq: e.seq, at: e.at, from: e.from, ...(e.name ? { name: e.name } : {}), lower: e.text.toLowerCase() });

export class TranscriptSearchCache {
  private kept = new Map<string, Kept>();
  private keptChars = 0;
  private searchNumber = 0;
  /** Numbers of the searches running now (their conversations are not evicted for one another). */
  private running = new Set<number>();

  constructor(
    private source: TranscriptSource,
    readonly limits: { totalChars: number; conversationChars: number },
  ) {}

  /** Characters kept now (all conversations). */
  get chars(): number {
    return this.keptChars;
  }

  /** Conversations kept now. */
  get size(): number {
    return this.kept.size;
  }

  /** Starts a search: its number, to pass to `window`; call `end` with it when the search is over (also on error). */
  begin(): number {
    const n = ++this.searchNumber;
    this.running.add(n);
    return n;
  }

  end(search: number) {
    this.running.delete(search);
  }

  /** The newest part of what was said in a conversation, up to date. */
  async window(conversationId: string, search: number, pause: () => Promise<void>): Promise<SaidWindow> {
    let k = this.kept.get(conversationId);
    if (k) {
      this.kept.delete(conversationId); // re-inserted below: the most recently used last
      this.keptChars -= k.chars;
      await this.readNewer(conversationId, k, pause); // a failed read: not kept (out of the map already)
    } else {
      k = await this.readNewest(conversationId, pause);
    }
    k.used = search;
    this.admit(conversationId, k);
    return { entries: k.head === 0 ? k.entries : k.entries.slice(k.head), partial: k.partial };
  }

  /**
   * The first entry of `w` (from `from` on) where every word is found and `skip` does not refuse it, or undefined.
   * Calls `pause` every few thousand entries.
   */
  async find(w: SaidWindow, words: readonly string[], pause: () => Promise<void>, skip?: (e: SaidEntry) => boolean): Promise<SaidEntry | undefined> {
    const es = w.entries;
    for (let i = 0; i < es.length; i++) {
      if (i > 0 && i % MATCH_STRIDE === 0) await pause();
      const e = es[i];
      if (words.every((x) => e.lower.includes(x)) && !skip?.(e)) return e;
    }
    return undefined;
  }

  /** Forgets everything kept (tests, a store that was emptied). */
  clear() {
    this.kept.clear();
    this.keptChars = 0;
  }

  /** The newest `conversationChars` of a conversation not kept: read backwards from its last entry. */
  private async readNewest(conversationId: string, pause: () => Promise<void>): Promise<Kept> {
    const conv = await this.source.getConversation(conversationId);
    const last = conv?.lastSeq ?? 0;
    const k: Kept = { after: last, entries: [], head: 0, chars: 0, partial: false, used: 0 };
    const pages: SaidEntry[][] = [];
    let hi = last;
    while (hi > 0) {
      const lo = Math.max(0, hi - PAGE);
      const page = await this.source.readLog(conversationId, lo, hi - lo);
      const got: SaidEntry[] = [];
      for (const e of page) if (e.seq <= hi && said(e)) got.push(toSaid(e));
      // Newest first within the page, so the window keeps whole entries from the end.
      let cut = got.length;
      while (cut > 0 && (k.chars + got[cut - 1].lower.length <= this.limits.conversationChars || k.chars === 0)) {
        k.chars += got[cut - 1].lower.length;
        cut--;
      }
      pages.push(cut === 0 ? got : got.slice(cut));
      if (cut > 0) {
        k.partial = true;
        break;
      }
      hi = lo;
      await pause();
    }
    for (let i = pages.length - 1; i >= 0; i--) for (const e of pages[i]) k.entries.push(e);
    // Entries appended while reading: the forward read picks them up (after = the last seq when the read began).
    await this.readNewer(conversationId, k, pause);
    return k;
  }

  /** Adds the entries after `k.after`, dropping the oldest beyond the window. */
  private async readNewer(conversationId: string, k: Kept, pause: () => Promise<void>) {
    for (;;) {
      const page = await this.source.readLog(conversationId, k.after, PAGE);
      for (const e of page) {
        if (!said(e)) continue;
        const s = toSaid(e);
        k.entries.push(s);
        k.chars += s.lower.length;
      }
      if (page.length > 0) k.after = page[page.length - 1].seq;
      while (k.chars > this.limits.conversationChars && k.entries.length - k.head > 1) {
        k.chars -= k.entries[k.head].lower.length;
        k.head++;
        k.partial = true;
      }
      if (k.head > 1024 && k.head * 2 > k.entries.length) {
        k.entries = k.entries.slice(k.head);
        k.head = 0;
      }
      if (page.length < PAGE) return;
      await pause();
    }
  }

  /** Keeps `k` if it fits after evicting conversations no running search has used; otherwise it is not kept. */
  private admit(conversationId: string, k: Kept) {
    const oldestRunning = this.running.size > 0 ? Math.min(...this.running) : Number.POSITIVE_INFINITY;
    for (const [id, old] of this.kept) {
      if (this.keptChars + k.chars <= this.limits.totalChars) break;
      if (old.used >= oldestRunning) continue; // read by a search still running: a later one of the walk waits
      this.kept.delete(id);
      this.keptChars -= old.chars;
    }
    if (this.keptChars + k.chars > this.limits.totalChars) return;
    if (k.head > 0) {
      k.entries = k.entries.slice(k.head);
      k.head = 0;
    }
    this.kept.set(conversationId, k);
    this.keptChars += k.chars;
  }
}
