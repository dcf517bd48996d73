/**
 * Session 37 (perf): a frozen copy of session 36's refusal reader (shared/engine/backOut.ts before it was compiled), the
 * reference backOutCompiled.test.ts compares the compiled readers with. Not used by the product. A later change to a
 * rule in backOut.ts makes that comparison differ by design: then delete this file and the test's block that reads it
 * (the test's other block, compiled automata against the patterns themselves, still checks the compiler).
 */
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
 * findings this session mends: /work/coord/s36/fix/report.md).
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
import { normalizeText } from '../../../shared/nlu/normalizeText';

/** A rule: from word `i` of `w`, every position it can end at (none: no match). */
type Rule = (w: readonly string[], i: number) => number[];

/** No match (shared: the combinators below only read rule results, never change them). */
const NO_ENDS: number[] = [];
/** One of `phrases` (each one or more words) at `i`. */
function words(...phrases: string[]): Rule {
  const split = phrases.map((p) => p.split(' '));
  return (w, i) => {
    // (Session 36, perf: no closure per phrase, and no array when nothing matches, the usual case: NO_ENDS.)
    let ends: number[] | null = null;
    for (const p of split) {
      let k = 0;
      while (k < p.length && w[i + k] === p[k]) k++;
      if (k === p.length) (ends ??= []).push(i + p.length);
    }
    return ends ?? NO_ENDS;
  };
}
function seq(...rules: Rule[]): Rule {
  return (w, i) => {
    let at = [i];
    for (const r of rules) {
      // (Session 36, perf: arrays, not a Set per step and its copy: the same positions in the same order, and ~65 KB
      // less garbage per closed-path message with the Sets.)
      const next: number[] = [];
      for (const j of at) for (const e of r(w, j)) if (!next.includes(e)) next.push(e);
      if (next.length === 0) return [];
      at = next;
    }
    return at;
  };
}
function alt(...rules: Rule[]): Rule {
  return (w, i) => {
    const out: number[] = [];
    for (const r of rules) for (const e of r(w, i)) if (!out.includes(e)) out.push(e);
    return out;
  };
}
const opt = (r: Rule): Rule => (w, i) => [i, ...r(w, i)];
function star(r: Rule): Rule {
  return (w, i) => {
    const seen = [i];
    let edge = [i];
    while (edge.length > 0) {
      const next: number[] = [];
      for (const j of edge) for (const e of r(w, j)) if (e > j && !seen.includes(e)) (seen.push(e), next.push(e));
      edge = next;
    }
    return seen;
  };
}
/** `r` not followed by one of `phrases`. */
const notBefore = (r: Rule, ...phrases: string[]): Rule => {
  const after = words(...phrases);
  return (w, i) => r(w, i).filter((e) => after(w, e).length === 0);
};
const anywhere = (r: Rule, w: readonly string[]): boolean => w.some((_, i) => r(w, i).length > 0);
const whole = (r: Rule, w: readonly string[]): boolean => r(w, 0).includes(w.length);

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

/** The words that may follow a declined email beside a request (made once: session 36, perf). */
const BESIDE_NEXT = words('just', 'please', 'thanks', 'but', 'so', 'and', 'get', 'put', 'connect', 'transfer', 'can', 'could', 'i', 'need', 'want');
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
  (w, i) => (i === w.length || BESIDE_NEXT(w, i).length > 0 ? [i] : []),
);
export function declinesEmailBeside(text: string): boolean {
  if (text.includes('@')) return false;
  return anywhere(EMAIL_DECLINED_BESIDE, wordsOf(text));
}

/** What the bot says when the customer refuses the person they asked for (the takeover's questions, a ticket's). */
export const REFUSED_PERSON = "No problem, I won't connect you with anyone.";

/** The message's words (see the header); addresses dropped. */
function wordsOf(text: string): string[] {
  const t = normalizeText(text.replace(/\S+@\S+/g, ' ')).toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
  return t === '' ? [] : t.split(/\s+/);
}

/** Whether `text` withdraws the request (see above). */
export function backsOut(text: string, bareCancel = true): boolean {
  if (text.includes('@')) return false;
  const w = wordsOf(text);
  if (w.length === 0) return false;
  // Review s19 R21: at an email question "no thanks" and "never mind the email, just get me someone / just cancel it"
  // decline the EMAIL, not the person or the request.
  if (whole(words('no thanks', 'no thank', 'no thank you'), w) || anywhere(EMAIL_DECLINED, w) || anywhere(JUST_DO, w)) return false;
  if (!bareCancel && (w[0] === 'cancel' || (w[0] === 'oh' && w[1] === 'cancel'))) return anywhere(WITHDRAWN, w);
  return whole(WITHDRAWN_WHOLE, w) || anywhere(WITHDRAWN, w);
}

/** Whether `text` refuses a person (see above); the caller decides where that withdraws a request. */
export function refusesAPerson(text: string): boolean {
  const w = wordsOf(text);
  if (w.length === 0 || anywhere(JUST_DO, w)) return false;
  if (anywhere(NOT_WANTED, w) || anywhere(DO_NOT_CONNECT, w) || anywhere(FORGET_PERSON, w)) return true;
  return !text.includes('@') && (whole(BARE_NO_PERSON, w) || whole(STAYS_WITH_BOT, w));
}
