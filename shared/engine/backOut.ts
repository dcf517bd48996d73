/**
 * The refusal reader: whether the customer withdraws what they asked for (`backsOut`) or refuses a person
 * (`refusesAPerson`), read by the takeover's questions (humanTakeover.ts), the ticket's questions (ticketBlock.ts) and the
 * Question block's give-up (behaviours/question.ts).
 *
 * Session 36 (review of session 35: "word-list regexes grown finding by finding"): one small grammar over the message's
 * words (normalizeText: lower case, contractions spelled out, "nah" -> "no") instead of regexes. Word sets (PERSON_NOUN,
 * DETERMINER, ...) and a handful of phrase rules built from them (`seq`, `opt`, `star`, `words`); a rule matches
 * anywhere in the message or, for the short ones ("no advisor please"), the whole message. Adding a way to refuse is
 * adding a word to a set. Old and new agree on the texts generated from session 35's cases (the differences are the
 * findings session 36 mended: docs/history.md "Session 36").
 *
 * Session 19 (fixengine2, newcomer s19 F23 HIGH, hostile s19 #11): a customer who changes their mind at the questions
 * before a person or a ticket can back out ("actually never mind, I found the tracking link", "no really, I don't need
 * anyone now", "Stop", "Oops"). What backs out (never a message holding an '@': an address is an answer):
 * - anywhere in the message: "never mind" / "nevermind" / "nvm", "forget it / that / about it", "changed my mind",
 *   "don't / no longer need anyone / a person / an agent / help / it", "no need (for anyone) any more";
 * - the whole message: "cancel", "cancel that", "stop", "oops", "don't bother", "no thanks", "not needed", "leave it".
 * `bareCancel` false: the bare "cancel" is not one (at a ticket that cancels an order, "cancel" is what they want).
 *
 * Session 35 (hostile s34 #5, s35 F2): a refusal of a person ("no, I don't want a person", "forget the agent", "no no no
 * not a person") at the takeover's questions withdraws the request; the caller decides where. Not with "just ..." (the
 * request stands: "I don't want a person, just cancel it").
 * Session 36 (hostile s35 F13, F14): "no, forget the advisor", "no advisor please", "nah, no one please", "I'll stick
 * with the bot" refuse too; and a refusal said with an address ("ana@x.com, actually no I don't want a person") is a
 * refusal (it was taken as the address, and the customer put through): with an address only the explicit forms count
 * (a verb of wanting or connecting, "forget the agent"), not a bare "no agent" beside it.
 */
import { normalizeText } from '../nlu/normalizeText';
import { saysGoodbye } from '../nlu/courtesy';
import { keepLast } from '../escalation/textMemo';

/**
 * Session 37 (perf; review of session 36: "a compiled form would be both cheaper and clearer"): the rules below are
 * patterns (data), each compiled once, at module load, into a small automaton over words (`compile`), which reads a
 * message in one pass without allocating: the combinators it replaces built arrays of end positions at every word
 * position (~27 KB of garbage per closed-path message). Same meaning: old and new readers agree on every text of
 * test/unit/engine/backOutCompiled.test.ts (the session-36 combinators are kept there as the reference).
 *
 * The notation: `words(...)` one of the phrases (each one or more words); `seq` one after another; `alt` one of;
 * `opt` zero or one; `star` zero or more; `notBefore(p, ...)` p not followed by one of the phrases; `clauseEnds(...)`
 * (matches no word) the message ends here or one of the phrases follows.
 */
type Phrases = readonly (readonly string[])[];
export type Pattern =
  | { readonly kind: 'words'; readonly phrases: Phrases }
  | { readonly kind: 'seq' | 'alt'; readonly parts: readonly Pattern[] }
  | { readonly kind: 'opt' | 'star'; readonly part: Pattern }
  | { readonly kind: 'notBefore' | 'clauseEnds'; readonly phrases: Phrases };

const words = (...phrases: string[]): Pattern => ({ kind: 'words', phrases: phrases.map((p) => p.split(' ')) });
const seq = (...parts: Pattern[]): Pattern => ({ kind: 'seq', parts });
const alt = (...parts: Pattern[]): Pattern => ({ kind: 'alt', parts });
const opt = (part: Pattern): Pattern => ({ kind: 'opt', part });
const star = (part: Pattern): Pattern => ({ kind: 'star', part });
const notBefore = (p: Pattern, ...phrases: string[]): Pattern => seq(p, { kind: 'notBefore', phrases: phrases.map((x) => x.split(' ')) });
const clauseEnds = (...phrases: string[]): Pattern => ({ kind: 'clauseEnds', phrases: phrases.map((x) => x.split(' ')) });

/** Whether one of `phrases` begins at word `i` of `w`. */
function phraseAt(phrases: Phrases, w: readonly string[], i: number): boolean {
  for (let p = 0; p < phrases.length; p++) {
    const ph = phrases[p];
    let k = 0;
    while (k < ph.length && w[i + k] === ph[k]) k++;
    if (k === ph.length) return true;
  }
  return false;
}

/**
 * A pattern compiled (Thompson's construction): states joined by word edges (a word leads to one state), empty edges,
 * and checks (an empty edge taken only if the words that follow pass: `notBefore`, `clauseEnds`). Reading keeps the set of
 * states reached so far in preallocated buffers: a mark per state (`stamp`: which set it is in) and two lists.
 */
class Automaton {
  private readonly byWord: Array<Map<string, number> | undefined> = [];
  private readonly empty: number[][] = [];
  private readonly check: Array<{ readonly kind: 'notBefore' | 'clauseEnds'; readonly phrases: Phrases; readonly to: number } | undefined> = [];
  private readonly start: number;
  private readonly accept: number;
  /** The words that can begin a match, when the start reaches no check and does not accept (else null): `anywhere`
   * starts a match only at such a word. */
  private readonly firstWords: ReadonlySet<string> | null;
  private readonly mark: Int32Array;
  private cur: Int32Array;
  private next: Int32Array;
  private stamp = 0;

  constructor(p: Pattern) {
    this.start = this.state();
    this.accept = this.emit(p, this.start);
    this.mark = new Int32Array(this.byWord.length);
    this.cur = new Int32Array(this.byWord.length);
    this.next = new Int32Array(this.byWord.length);
    this.firstWords = this.wordsAfterStart();
  }

  /** Whether the pattern matches words of `w` starting at some word (and ending anywhere). */
  anywhere(w: readonly string[]): boolean {
    let n = 0;
    this.newSet();
    for (let i = 0; i < w.length; i++) {
      if (this.firstWords === null || this.firstWords.has(w[i])) n = this.add(this.start, w, i, this.cur, n);
      if (this.mark[this.accept] === this.stamp) return true;
      n = this.step(w, i, n);
      if (this.mark[this.accept] === this.stamp) return true;
    }
    return false;
  }

  /** Whether the pattern matches all of `w`. */
  whole(w: readonly string[]): boolean {
    this.newSet();
    let n = this.add(this.start, w, 0, this.cur, 0);
    for (let i = 0; i < w.length && n > 0; i++) n = this.step(w, i, n);
    return n > 0 && this.mark[this.accept] === this.stamp;
  }

  /** Every k > 0 such that the pattern matches the first k words of `w` (ascending). */
  prefixEnds(w: readonly string[]): number[] {
    const out: number[] = [];
    this.newSet();
    let n = this.add(this.start, w, 0, this.cur, 0);
    for (let i = 0; i < w.length && n > 0; i++) {
      n = this.step(w, i, n);
      if (this.mark[this.accept] === this.stamp) out.push(i + 1);
    }
    return out;
  }

  /** From the `n` states in `cur`, over word `i`: the states reached (now in `cur`; their count). */
  private step(w: readonly string[], i: number, n: number): number {
    const from = this.cur;
    this.newSet();
    let m = 0;
    for (let k = 0; k < n; k++) {
      const to = this.byWord[from[k]]?.get(w[i]);
      if (to !== undefined) m = this.add(to, w, i + 1, this.next, m);
    }
    this.cur = this.next;
    this.next = from;
    return m;
  }

  private newSet(): void {
    if (++this.stamp === 0x7fffffff) (this.mark.fill(0), (this.stamp = 1));
  }

  /** Adds state `s` (before word `i`) and those its empty edges reach to the current set: `list` holds the ones that
   * read a word or accept (`n` of them so far); returns their count. */
  private add(s: number, w: readonly string[], i: number, list: Int32Array, n: number): number {
    if (this.mark[s] === this.stamp) return n;
    this.mark[s] = this.stamp;
    const c = this.check[s];
    if (c !== undefined) {
      const passes = c.kind === 'notBefore' ? !phraseAt(c.phrases, w, i) : i === w.length || phraseAt(c.phrases, w, i);
      return passes ? this.add(c.to, w, i, list, n) : n;
    }
    if (this.byWord[s] !== undefined || s === this.accept) list[n++] = s;
    const e = this.empty[s];
    for (let k = 0; k < e.length; k++) n = this.add(e[k], w, i, list, n);
    return n;
  }

  /** See `firstWords`. */
  private wordsAfterStart(): ReadonlySet<string> | null {
    const out = new Set<string>();
    const seen = new Set<number>();
    const visit = (s: number): boolean => {
      if (seen.has(s)) return true;
      seen.add(s);
      if (this.check[s] !== undefined || s === this.accept) return false;
      for (const word of this.byWord[s]?.keys() ?? []) out.add(word);
      return this.empty[s].every(visit);
    };
    return visit(this.start) ? out : null;
  }

  private state(): number {
    this.byWord.push(undefined);
    this.empty.push([]);
    this.check.push(undefined);
    return this.byWord.length - 1;
  }

  /** Adds `p`'s states after state `from`; returns the state where `p` ends. */
  private emit(p: Pattern, from: number): number {
    switch (p.kind) {
      case 'words': {
        // A tree of the phrases' words from a state of its own (phrases sharing first words share states).
        const root = this.state();
        const end = this.state();
        this.empty[from].push(root);
        for (const phrase of p.phrases) {
          let at = root;
          for (const word of phrase) {
            const edges = (this.byWord[at] ??= new Map());
            let to = edges.get(word);
            if (to === undefined) edges.set(word, (to = this.state()));
            at = to;
          }
          this.empty[at].push(end);
        }
        return end;
      }
      case 'seq':
        return p.parts.reduce((at, part) => this.emit(part, at), from);
      case 'alt': {
        const end = this.state();
        for (const part of p.parts) this.empty[this.emit(part, from)].push(end);
        return end;
      }
      case 'opt': {
        const end = this.state();
        this.empty[from].push(end);
        this.empty[this.emit(p.part, from)].push(end);
        return end;
      }
      case 'star': {
        const loop = this.state();
        this.empty[from].push(loop);
        this.empty[this.emit(p.part, loop)].push(loop);
        return loop;
      }
      case 'notBefore':
      case 'clauseEnds': {
        const gate = this.state();
        const end = this.state();
        this.empty[from].push(gate);
        this.check[gate] = { kind: p.kind, phrases: p.phrases, to: end };
        return end;
      }
    }
  }
}
/** A pattern compiled (exported for test/unit/engine/backOutCompiled.test.ts, which checks it against the patterns). */
export const compile = (p: Pattern): Pick<Automaton, 'anywhere' | 'whole' | 'prefixEnds'> => new Automaton(p);

// Word sets.
const PERSON_NOUN = words(
  'person', 'human', 'agent', 'operator', 'colleague', 'advisor', 'adviser', 'representative', 'rep',
  'persons', 'people', 'humans', 'agents', 'operators', 'colleagues', 'advisors', 'advisers', 'representatives',
);
const SOMEONE = words('anyone', 'anybody', 'someone', 'somebody');
const DETERMINER = words('a', 'an', 'the', 'any', 'your', 'that', 'this');
const KIND = words('real', 'live', 'actual', 'human', 'claims', 'customer', 'service', 'support');
/** "a real person", "the claims advisor", "anyone", "people". */
const A_PERSON = alt(SOMEONE, seq(opt(DETERMINER), star(KIND), PERSON_NOUN));
/** Words before a short refusal ("no, no, not a person", "cancel that, no person", "actually nah, no one"). */
const LEAD = words('no', 'cancel that', 'actually', 'wait', 'oh', 'ok', 'okay', 'sorry', 'hmm', 'um', 'erm');
/** Words after it ("no human thanks", "not a person for me"). */
const TAIL = words('please', 'thanks', 'thank you', 'needed', 'required', 'anymore', 'any more', 'for me', 'ok', 'okay', 'then', 'now', 'after all', 'at all');
const NOT = words('do not', 'no longer', 'not', 'never', 'will not', 'would not');
const JUST_DO = words('just get', 'just put', 'just connect', 'just transfer', 'just send', 'just cancel', 'just do', 'just go ahead', 'just pass');

// Refusing a person.
/** "I don't (really) want / need (to talk to) a person", "no longer need anyone", "I'd rather not speak to a human". */
const NOT_WANTED = alt(
  seq(NOT, opt(words('really', 'even', 'actually')), words('want', 'need', 'wish'), opt(seq(words('to'), words('talk', 'speak', 'chat'), words('to', 'with'))), A_PERSON),
  seq(words('rather not'), words('talk', 'speak', 'chat'), words('to', 'with'), A_PERSON),
);
/** "don't put me through / connect me / transfer me / hand me over". */
const DO_NOT_CONNECT = seq(words('do not'), words('put me through', 'connect me', 'transfer me', 'hand me over', 'pass me on', 'pass me over'));
/** "forget the agent", "no, forget the advisor", "skip the human"; not "forget the agent said it shipped". */
const FORGET_PERSON = notBefore(
  seq(words('forget', 'skip', 'drop'), opt(words('about')), words('the', 'a', 'an', 'that', 'any'), star(KIND), PERSON_NOUN),
  'is', 'was', 'said', 'says', 'told', 'has', 'had', 'who', 'did', 'does', 'will', 'would', 'can', 'could',
);
/** The whole message: "no person", "no no no not a person", "no advisor please", "nah, no one please", "nobody thanks". */
const BARE_NO_PERSON = seq(
  star(LEAD),
  alt(seq(words('no', 'not a', 'not an', 'not any', 'no need for', 'no need for a', 'no need for an'), star(KIND), PERSON_NOUN), words('no one', 'nobody', 'not anyone', 'not anybody')),
  star(TAIL),
);
/** The whole message: "I'll stick with the bot", "I'll stay with you", "the bot is fine". */
const STAYS_WITH_BOT = seq(
  star(LEAD),
  alt(
    seq(opt(words('i will', 'ill', 'i would rather', 'id rather', 'let me', 'i can', 'i am happy to')), opt(words('just')), words('stick', 'stay', 'continue', 'carry on', 'keep going'), words('with', 'chatting with', 'talking to', 'talking with'), alt(words('you'), seq(opt(words('the', 'this', 'a')), words('bot', 'chatbot', 'chat bot', 'assistant')))),
    seq(opt(words('the', 'this')), words('bot', 'chatbot', 'assistant'), words('is fine', 'is ok', 'is okay', 'is enough', 'is good', 'will do', 'works')),
  ),
  star(TAIL),
);

// Backing out.
/** Anywhere: "never mind", "forget it", "changed my mind", "don't need anyone / help / it", "no need any more". */
const WITHDRAWN = alt(
  words('never mind', 'nevermind', 'nvm'),
  seq(words('forget'), words('it', 'that', 'this', 'about it')),
  seq(opt(seq(words('i'), opt(words('have')))), words('changed my mind')),
  seq(words('do not', 'no longer'), opt(words('really', 'even')), words('need'), alt(SOMEONE, words('a person', 'a human', 'an agent', 'help', 'any help', 'it', 'to talk', 'to speak'))),
  seq(words('no need'), words('for anyone', 'for a person', 'for an agent', 'any more', 'anymore', 'now')),
);
/** The whole message: "cancel (that)", "stop", "oops", "no thanks", "not needed", "leave it", "all good now". */
const WITHDRAWN_WHOLE = seq(
  opt(words('oh')),
  alt(
    seq(words('cancel'), opt(words('that', 'it', 'this'))),
    seq(words('stop'), opt(words('it', 'that'))),
    words('oops', 'whoops', 'do not bother', 'no thanks', 'no thank', 'no thank you', 'not needed', 'leave it', 'all good now', 'i am ok now', 'i am okay now', 'i am fine now'),
  ),
  star(words('then', 'thanks', 'thank you', 'please', 'sorry')),
);
/** "never mind the email", "forget my email address", "no email": the email declined, not the request. */
const EMAIL_DECLINED = seq(
  words('never mind', 'nevermind', 'nvm', 'forget', 'skip', 'no'),
  opt(words('about')),
  opt(words('the', 'my', 'an', 'any')),
  words('e mail', 'email', 'address'),
);

/**
 * Session 36 (hostile s35 F11): the email declined in a message that asks for something else too ("no email, just get me
 * a person", "I have no email, put me through"): "no / never mind / skip / forget (the / my) email", "I have no email",
 * "I don't want to give my email", closing its clause (the message ends or goes on with "just / please / but / so / and
 * / get / put / can ..."), not "no email arrived" nor "no email confirmation".
 */
const EMAIL_DECLINED_BESIDE = seq(
  alt(
    EMAIL_DECLINED,
    seq(words('i have no', 'i have got no', 'i got no', 'i do not have an', 'i do not have any', 'i do not have a'), words('email', 'e mail', 'email address')),
    seq(NOT, words('want to give', 'want to share', 'want to leave'), opt(words('you')), opt(words('my', 'an', 'any')), words('email', 'e mail')),
  ),
  opt(words('address')),
  clauseEnds('just', 'please', 'thanks', 'but', 'so', 'and', 'get', 'put', 'connect', 'transfer', 'can', 'could', 'i', 'need', 'want'),
);

/**
 * Session 38 (hostile s37 #1): at an email question, the email declined or put off at the message's start ("I don't have
 * one", "not now", "I'd rather not", "no", "later", "no email"), with "thanks" / "sorry" / "please" after it, and then
 * something else (emailRefusedThen reads what: a request for a person or a goodbye). Only ever read from the message's
 * first word, and only with one of those after it: "no" alone stays the question's own answer (declinesEmail).
 */
const EMAIL_PUT_OFF = seq(
  star(words('no', 'nope', 'sorry', 'um', 'erm', 'hmm', 'ok', 'okay', 'well', 'actually', 'honestly', 'oh')),
  alt(
    EMAIL_DECLINED,
    seq(opt(words('i')), words('do not have', 'have not got', 'have no', 'got no', 'do not own', 'do not use', 'have not'), words('one', 'it', 'any', 'an email', 'any email', 'email', 'an e mail', 'e mail', 'an address', 'an email address', 'email address')),
    words('i have none', 'none'),
    seq(opt(words('i')), words('would rather not', 'id rather not', 'rather not', 'would prefer not', 'prefer not'), opt(words('to')), opt(words('say', 'give one', 'give it', 'share it', 'give it out'))),
    seq(opt(words('maybe', 'perhaps')), words('later', 'later on', 'another time', 'some other time')),
    seq(words('not'), opt(words('right', 'just')), words('now', 'yet', 'today', 'at the moment', 'atm')),
    words('no', 'skip', 'skip it', 'skip that', 'pass', 'no way'),
  ),
  star(words('thanks', 'thank you', 'thx', 'ty', 'sorry', 'please')),
);
/**
 * The whole rest of such a message, asking for a person: "just a human please", "I need a person NOW", "get me an agent",
 * "I want to talk to someone", "just connect me".
 */
const PERSON_ASKED = seq(
  star(words('just', 'please', 'so', 'but', 'and', 'then', 'can you', 'could you')),
  alt(
    seq(
      opt(words('i need', 'i want', 'i would like', 'id like', 'i just want', 'i just need', 'get me', 'give me', 'find me', 'connect me to', 'connect me with', 'put me through to', 'transfer me to', 'let me talk to', 'let me speak to', 'can i talk to', 'can i speak to', 'can i have')),
      opt(words('to talk to', 'to speak to', 'to speak with', 'to talk with', 'to chat with')),
      A_PERSON,
    ),
    words('connect me', 'put me through', 'transfer me', 'get me through'),
  ),
  star(TAIL),
);

/** The rules, as patterns: for test/unit/engine/backOutCompiled.test.ts, which generates texts from them. */
export const refusalRules: Readonly<Record<string, Pattern>> = {
  EMAIL_DECLINED, EMAIL_DECLINED_BESIDE, JUST_DO, WITHDRAWN, WITHDRAWN_WHOLE, NOT_WANTED, DO_NOT_CONNECT, FORGET_PERSON, BARE_NO_PERSON, STAYS_WITH_BOT,
  EMAIL_PUT_OFF, PERSON_ASKED,
};

// The rules as the readers below use them, compiled once.
const NO_THANKS_ONLY = compile(words('no thanks', 'no thank', 'no thank you'));
const EMAIL_DECLINED_ANYWHERE = compile(EMAIL_DECLINED);
const EMAIL_DECLINED_BESIDE_ANYWHERE = compile(EMAIL_DECLINED_BESIDE);
const JUST_DO_ANYWHERE = compile(JUST_DO);
const WITHDRAWN_ANYWHERE = compile(WITHDRAWN);
const WITHDRAWN_WHOLE_ONLY = compile(WITHDRAWN_WHOLE);
/** Anywhere: "I don't want a person", "don't put me through", "forget the agent". */
const REFUSED_ANYWHERE = compile(alt(NOT_WANTED, DO_NOT_CONNECT, FORGET_PERSON));
/** The whole message: "no advisor please", "I'll stick with the bot". */
const REFUSED_WHOLE = compile(alt(BARE_NO_PERSON, STAYS_WITH_BOT));

export function declinesEmailBeside(text: string): boolean {
  if (text.includes('@')) return false;
  return EMAIL_DECLINED_BESIDE_ANYWHERE.anywhere(wordsOf(text));
}

const EMAIL_PUT_OFF_START = compile(EMAIL_PUT_OFF);
const PERSON_ASKED_WHOLE = compile(PERSON_ASKED);
/**
 * Session 38 (hostile s37 #1): what a message typed at an email question says after declining or putting off the email
 * (EMAIL_PUT_OFF at its start): 'person' when the rest asks for a person ("I don't have one, just a human please", "not
 * now, I need a person NOW", "no, get me an agent"), 'goodbye' when the rest says goodbye ("not now thanks, bye", "no,
 * bye"); null otherwise (and for any message holding an '@': an address is an answer). Read only where the email is
 * asked: as a first message, "not now, I need a person" says nothing about an email.
 */
export function emailRefusedThen(text: string): 'person' | 'goodbye' | null {
  return refusedThenLast(text);
}
function readEmailRefusedThen(text: string): 'person' | 'goodbye' | null {
  if (text.includes('@') || refusesAPerson(text)) return null; // "no person please", "no human thanks": refusals
  const w = wordsOf(text);
  if (w.length < 2) return null;
  const ends = EMAIL_PUT_OFF_START.prefixEnds(w);
  for (let e = ends.length - 1; e >= 0; e--) {
    const k = ends[e];
    if (k >= w.length) continue;
    const rest = w.slice(k);
    if (PERSON_ASKED_WHOLE.whole(rest)) return 'person';
    if (saysGoodbye(rest.join(' '))) return 'goodbye';
  }
  return null;
}

/** Whether the whole text asks for a person (PERSON_ASKED: "just connect me", "get me an agent"); session 45 (details4). */
export function onlyAsksForAPerson(text: string): boolean {
  return PERSON_ASKED_WHOLE.whole(wordsOf(text));
}

/** Words naming a reference before or around it ("order NW-104233", "my policy is ..."), dropped by requestBesideReference. */
const REFERENCE_WORDS: ReadonlySet<string> = new Set('order policy claim number nr num ref reference my is it its here the this that with for'.split(' '));
/**
 * Session 38 (hostile s37 #6): the request for a person in an answer that gives a reference ("order NW-104233 person
 * please", "HM-2231-0457, get me an agent"): the words without the reference and the words naming it, when they are only
 * such a request (PERSON_ASKED); null otherwise. The Question block has the policy read them alone (policyText), as it
 * read "HM-2231-0457 person please": the classifier's score for the whole message stayed under its threshold.
 */
export function requestBesideReference(text: string): string | null {
  if (text.includes('@') || !/\d/.test(text) || refusesAPerson(text)) return null;
  const w = wordsOf(text.replace(/\S*\d\S*/g, ' ')).filter((x) => !REFERENCE_WORDS.has(x));
  if (w.length === 0 || refusesAPerson(w.join(' ')) || !PERSON_ASKED_WHOLE.whole(w)) return null;
  return w.join(' ');
}

/** Whether an answer at an email question declines the email, beside a request for a person or not (see above). */
export function declinesEmailInAnswer(text: string): boolean {
  return declinesEmailBeside(text) || emailRefusedThen(text) === 'person';
}

/** What the bot says when the customer refuses the person they asked for (the takeover's questions, a ticket's). */
export const REFUSED_PERSON = "No problem, I won't connect you with anyone.";

/** The last text read and its words: one message is read by several of the readers below, often more than once. */
let lastText = '';
let lastWords: readonly string[] = [];
/** The message's words (see the header); addresses dropped. */
export function wordsOf(text: string): readonly string[] {
  if (text === lastText) return lastWords;
  const t = normalizeText(text.replace(/(?<!\S)\S[^\s@]*@\S+/g, ' ')).toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
  lastWords = t === '' ? [] : t.split(/\s+/);
  lastText = text;
  return lastWords;
}

/** Whether `text` withdraws the request (see above). */
export function backsOut(text: string, bareCancel = true): boolean {
  return bareCancel ? backsOutLast(text) : backsOutNoBareCancelLast(text);
}
/**
 * Session 42 (perf): the readers below with their last answer kept (keepLast, exact: functions of the text alone). A
 * ticket's email question asks them of one message twice (whether it fits, ticketAnswerFits, then what it says,
 * answerTicketQuestion); the second asking is answered at once.
 */
const backsOutLast = keepLast((text: string) => readBacksOut(text, true));
const backsOutNoBareCancelLast = keepLast((text: string) => readBacksOut(text, false));
const refusesLast = keepLast(readRefusesAPerson);
const refusedThenLast = keepLast(readEmailRefusedThen);
function readBacksOut(text: string, bareCancel: boolean): boolean {
  if (text.includes('@')) return false;
  const w = wordsOf(text);
  if (w.length === 0) return false;
  // Review s19 R21: at an email question "no thanks" and "never mind the email, just get me someone / just cancel it"
  // decline the EMAIL, not the person or the request.
  if (NO_THANKS_ONLY.whole(w) || EMAIL_DECLINED_ANYWHERE.anywhere(w) || JUST_DO_ANYWHERE.anywhere(w)) return false;
  if (!bareCancel && (w[0] === 'cancel' || (w[0] === 'oh' && w[1] === 'cancel'))) return WITHDRAWN_ANYWHERE.anywhere(w);
  return WITHDRAWN_WHOLE_ONLY.whole(w) || WITHDRAWN_ANYWHERE.anywhere(w);
}

/** Whether `text` refuses a person (see above); the caller decides where that withdraws a request. */
export function refusesAPerson(text: string): boolean {
  return refusesLast(text);
}
function readRefusesAPerson(text: string): boolean {
  const w = wordsOf(text);
  if (w.length === 0 || JUST_DO_ANYWHERE.anywhere(w)) return false;
  if (REFUSED_ANYWHERE.anywhere(w)) return true;
  return !text.includes('@') && REFUSED_WHOLE.whole(w);
}
