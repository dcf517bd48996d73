/**
 * Session 42 (ticketq): one reader for an answer to a details question (the Human takeover's name, email and reason
 * questions, the Ticket's email and issue questions). Those questions each read the value they asked for (an address, a
 * name, the reason) and dropped the rest of the message, so what the customer said beside it was lost:
 * - hostile s40 M1: out of hours, "can I talk to someone? and why is my parcel NW-250778 late" at the ticket's email
 *   question got the still-closed line; the question (and its order number) never reached the ticket;
 * - hostile s40 L9: "bob@example.com and my phone is 07700 900123" at the takeover's email question kept no phone;
 * - hostile s40 M10: "wait no, it's bob@example.org, and I need a refund for NW-250778" at the issue question was the
 *   issue whole, and the ticket went to the old address (a correction was read only when it came alone);
 * - hostile s41 L2: "my number is 07700 900123" at the takeover's email question was "That doesn't look like an email
 *   address";
 * - hostile s40 M3, M4: "I'd rather explain it to the person" became a ticket's whole issue (nobody will talk to them),
 *   "I'd rather explain it on the call" the reason lead-gen's agent read (reasonGiven.ts keepsReasonForPerson).
 *
 * The rule: the answer is cut into clauses (at sentence marks, and at "and" / "but" / a comma before a new clause), and
 * each clause is read for what it is: the one with an address (the address question's answer, or a correction), a
 * phone clause ("my phone is 07700 900123"), a bare request for a person ("can I talk to someone?"), and the words
 * that say what the customer needs (statesAReason: a matter named in four words or more). The caller takes the value its
 * question asked for as before; what stands beside it is kept here (keepDetailsBeside): the phone as customerPhone, the
 * flow's references (order and policy numbers) for the summary and later questions, and the words of the matter as
 * the reason when the block would ask for one. Pure: reads the message and the state, writes variables through the run.
 */
import type { Flow } from '../flow/schema';
import type { Entity } from '../nlu/types';
import { entitiesOf } from '../nlu/analyzeText';
import { analysedPart } from './analysedPart';
import { asFlowReferences } from './referenceNotPhone';
import { statesAReason } from './reasonGiven';
import { asksForAPersonAgain, emailAnswer, nameFromAnswer, ownAddressesOf, pickedByPlace } from './questionValidators';
import { readsAsRequestForPerson } from './policyReads';
import { isKnown, rememberEntities, setVar, type Run } from './run';
import { matchesOf } from './matchesOf';

/** What an answer to a details question says beside the value asked for. */
export interface DetailsBeside {
  /** The words that say what the customer needs (a question or a statement naming a matter), or null. */
  issue: string | null;
  /** A phone number (not part of one of the flow's references), or null. */
  phone: string | null;
  /** The phone number as the customer typed it ("07700 900123"), to say back; null with `phone`. */
  phoneText: string | null;
  /** The flow's references named in the answer (order numbers, policy numbers). */
  references: Entity[];
  /** The clause holding an address, when one does. */
  addressClause: string | null;
  /** The answer without the issue's clauses (the address and the words around it: "wait no, it's bob@x.org"). */
  aside: string;
}

/**
 * Where a clause ends: a sentence mark, a comma or a space before "and" / "but" / "also" / "plus" that starts a new
 * clause, or a comma before the words a new clause starts with ("wait no, it's bob@x.org": "wait no" and the rest).
 */
const CLAUSE_END =
  /[?!;]+\s*|\s+[-\u2013\u2014]+\s+|\.(?:\s+|$)|,?\s+(?=(?:and|but|also|plus)\s+(?:my|i|i'm|i've|i'd|why|what|where|when|how|who|is|are|was|can|could|would|will|do|does|did|the|it|it's|its|our|your|please|need|want|there)\b)|,\s*(?=(?:and|but|also|plus|so|then)\b)|,\s*(?=(?:my|why|what|where|when|how|i|i'm|i've|it's|its|the|our|can|could|is|are|do|does|did|will|would|should)\b)/giu;
/** An address as the clause reader masks it (up to its last letter or digit: a full stop after it still ends a sentence). */
const ADDRESS = /[^\s@]+@[^\s@]*[\p{L}\p{N}]/gu;
const LEADING_JOINER = /^(?:(?:and|but|also|plus|so|then|oh|um|erm)\b[\s,]*)+/iu;

/** `text` cut into clauses (addresses kept whole: their dots are no sentence marks), joiners dropped, empty ones left out. */
export function clausesOf(text: string): string[] {
  // Addresses masked (same length) so that their dots and letters do not cut them.
  const masked = text.replace(ADDRESS, (m) => 'x'.repeat(m.length));
  const out: string[] = [];
  let from = 0;
  for (const m of matchesOf(masked, CLAUSE_END)) {
    const at = m.index ?? 0;
    // A mark ends its clause (kept with it: "can I talk to someone?"); words after a joiner start the next one.
    const end = at + m[0].replace(/\s+$/, '').replace(/^,?\s*$/, '').length;
    push(out, text.slice(from, end));
    from = at + m[0].length;
  }
  push(out, text.slice(from));
  return out;
}
function push(out: string[], clause: string): void {
  const c = clause.trim().replace(LEADING_JOINER, '').replace(/^[,\s]+|[,\s]+$/g, '');
  if (/[\p{L}\p{N}]/u.test(c)) out.push(c);
}

/** Words a phone clause may hold beside the number ("my phone is", "or call me on", "mobile:"). */
const PHONE_WORDS: ReadonlySet<string> = new Set(
  'my the a is it its it\'s number no nr num phone telephone tel mobile cell cellphone landline contact or and you can call ring reach text me on at via here just also use try this that instead please rather prefer back'.split(' '),
);
function onlyPhone(clause: string, phone: Entity): boolean {
  const rest = clause.replace(phone.text, ' ').toLowerCase().replace(/[\u2018\u2019]/g, "'").split(/[^\p{L}']+/u).filter((w) => w !== '');
  return rest.every((w) => PHONE_WORDS.has(w));
}

/**
 * What `text` (an answer at a details question) says beside the value asked: see the header. `run` for the flow's
 * reference shapes and its request reader.
 */
export function detailsBeside(run: Run, text: string): DetailsBeside {
  // (A bare address, the usual answer, says nothing beside it: nothing more is read.)
  if (!/[\p{L}\p{N}]/u.test(text.replace(ADDRESS, ' '))) return { issue: null, phone: null, phoneText: null, references: [], addressClause: text.includes('@') ? text.trim() : null, aside: text.trim() };
  const entities = asFlowReferences(run.flow, text, entitiesOf(analysedPart(text)));
  const phoneEntity = entities.find((e) => e.type === 'phone');
  const references = entities.filter((e) => e.type === 'order_id' || e.type === 'policy_number');
  let addressClause: string | null = null;
  // Each clause in order: 'said' names the matter alone, 'fact' carries words of it ("order NW-104233", "wrong item
  // sent", "need the right one by Friday"), 'aside' is the address, a phone, a request for a person, a name or courtesy.
  const read: { clause: string; kind: 'said' | 'fact' | 'aside' }[] = [];
  for (const clause of clausesOf(text).flatMap((c) => (c.includes('@') ? besideTheAddress(c) : [c]))) {
    const noPhone = phoneEntity === undefined ? clause : clause.replace(phoneEntity.text, ' ');
    if (clause.includes('@')) addressClause ??= clausesOf(text).find((c) => c.includes(clause)) ?? clause;
    else if (phoneEntity !== undefined && clause.includes(phoneEntity.text) && onlyPhone(clause, phoneEntity)) {
      // a phone clause: the phone is kept, the clause is no issue
    } else if (aboutTheAddress(clause)) {
      // "wait no, wrong email": words about the address given, no matter (held out, session 46: it was the ticket's issue)
    } else if (statesAReason(noPhone) || asksTheTeam(run, clause)) {
      // (a phone number names no matter: "call me on 07700 900123 instead" is a way to reach the customer)
      read.push({ clause, kind: 'said' });
      continue;
    } else if (carriesAFact(run, noPhone)) {
      read.push({ clause, kind: 'fact' });
      continue;
    }
    read.push({ clause, kind: 'aside' }); // "wait no", "thanks", "can I talk to someone?"
  }
  // Session 46 (details7, hostile s46 M6): the text beside the address is the issue whatever the separator, with every
  // clause that carries a fact, when one of them names the matter or they do together ("kim@example.org; order
  // NW-104233; wrong item sent; need the right one by Friday": no clause alone names it in four words).
  const facts = read.filter((r) => r.kind !== 'aside').map((r) => r.clause);
  const whole = read.some((r) => r.kind === 'said') || (facts.length > 1 && statesAReason(facts.join(' ')));
  const said = whole ? facts : [];
  const aside = read.filter((r) => r.kind === 'aside' || (!whole && r.kind === 'fact')).map((r) => r.clause);
  // Clauses joined as sentences: a mark of their own kept ("do you ship to Norway? my order is NW-250778"), else a full stop.
  // Session 49 (lead, newcomer s49 N5): clauses that follow one another with nothing set aside between them are the
  // customer's own words, kept as written ("... on the way to work, can someone look at it first thing?" had its comma
  // made a full stop in the ticket).
  const issue = said.length === 0 ? null : (asWritten(text, read, whole) ?? said.map((c, i) => (i < said.length - 1 && !/[?!.]$/.test(c) ? `${c}.` : c)).join(' '));
  return { issue, phone: phoneEntity?.value ?? null, phoneText: phoneEntity?.text ?? null, references, addressClause, aside: aside.join(', ') };
}

/** The text from the first clause the issue takes to its last, when no clause set aside lies between them; else null. */
function asWritten(text: string, read: readonly { clause: string; kind: 'said' | 'fact' | 'aside' }[], whole: boolean): string | null {
  const taken = read.map((r, i) => (r.kind === 'said' || (whole && r.kind === 'fact') ? i : -1)).filter((i) => i >= 0);
  if (taken.length < 2 || taken[taken.length - 1]! - taken[0]! + 1 !== taken.length) return null;
  const first = read[taken[0]!]!.clause;
  const last = read[taken[taken.length - 1]!]!.clause;
  const from = text.indexOf(first);
  const to = from < 0 ? -1 : text.indexOf(last, from);
  return to < 0 ? null : text.slice(from, to + last.length).trim();
}

/**
 * An address clause cut at commas, semicolons, colons and dashes ("kim@example.org, wrong colour jumper, need a swap
 * before the 14th": the address, then the words beside it), the address kept whole.
 */
function besideTheAddress(clause: string): string[] {
  const masked = clause.replace(ADDRESS, (m) => 'x'.repeat(m.length));
  const out: string[] = [];
  let from = 0;
  for (const m of matchesOf(masked, /[,;:]+\s*|\s+[-\u2013\u2014]+\s+/gu)) {
    push(out, clause.slice(from, m.index ?? 0));
    from = (m.index ?? 0) + m[0].length;
  }
  push(out, clause.slice(from));
  return out;
}

/** A short clause about the address itself ("wait no, wrong email", "sorry, typo in my address", "my work email"). */
function aboutTheAddress(clause: string): boolean {
  if (!/\b(?:e-?mails?|address|addy)\b/iu.test(clause)) return false;
  const words = clause.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length <= 6 && /\b(?:wrong|old|typo|mistyped|misspel(?:t|led)|new|work|personal|other|different|correct|right|proper)\b/iu.test(clause);
}

/** Words of courtesy, hesitation and contact that carry no fact of the matter ("wait no", "thanks a lot", "that's my email"). */
const NO_FACT_WORDS: ReadonlySet<string> = new Set(
  "a an the and or but so then oh um erm ah wait no yes yeah yep ok okay sure fine right well sorry oops thanks thank you cheers ta please pls hi hello hey there mate that's thats that it it's its is this here my me i i'm im email e-mail mail address reply to at on for use just all good great lovely much very lot lots again".split(' '),
);
/**
 * Whether a clause beside the address carries a word of the matter: not a request for a person, not a name given
 * ("I'm Kim"), and a word beyond courtesy and contact ("wrong item sent", "order NW-104233", "need it by Friday").
 */
function carriesAFact(run: Run, clause: string): boolean {
  const words = clause.toLowerCase().replace(/[\u2018\u2019]/g, "'").split(/[^\p{L}\p{N}'-]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (!words.some((w) => !NO_FACT_WORDS.has(w))) return false;
  if (/\b(?:e-?mail|address)\b/iu.test(clause)) return false; // "wrong email", "my work address": the contact, no matter
  if (asksForAPersonAgain(clause) || readsAsRequestForPerson(run, clause)) return false;
  const named = clause.trim().replace(/^(?:(?:my\s+)?name(?:'s|s|\s+is)?|i'm|im|i\s+am|this\s+is|it'?s|it\s+is)\s+/iu, '');
  return !(named !== clause.trim() && nameFromAnswer(named) !== null);
}

/** Words that give an address as a way to reach the customer ("you can reach me at", "drop me a line on"). */
const REACH_WORDS: ReadonlySet<string> = new Set('you can could reach contact get hold of write drop a line mail via best send go'.split(' '));
/** Words that set an address aside or put off what it answers ("no thanks, x@y", "wait", "instead", "not"). */
const NOT_ONLY_CONTACT: ReadonlySet<string> = new Set('no not nope nah wait instead don\'t dont never rather old wrong'.split(' '));
/**
 * Session 47 (conv8, retest-conv s46 M2): the address when a message gives only that: the customer's email (emailAnswer
 * takes it) with nothing beside it but courtesy and words that give it ("dana@acme.example", "my email is ...", "you can
 * reach me at ...", "... thanks"); null when it says more, or sets it aside ("no thanks, ...", "... instead").
 */
export function onlyAnAddress(run: Run, text: string): string | null {
  if (!text.includes('@') && !/\bat\b/i.test(text)) return null;
  const r = emailAnswer(text, ownAddressesOf(run.flow));
  if (!r.ok) return null;
  // (An address spelled in words, "dana at acme dot example", is read on the text with it written as one.)
  const words = (r.spelled ?? text).replace(ADDRESS, ' ').toLowerCase().replace(/[\u2018\u2019]/g, "'").split(/[^\p{L}\p{N}'-]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.every((w) => (NO_FACT_WORDS.has(w) || REACH_WORDS.has(w)) && !NOT_ONLY_CONTACT.has(w)) && typeof r.value === 'string' ? r.value : null;
}

/** How a question to the team starts ("do you ship to Norway?", "is hail damage to my car covered?"). */
const QUESTION_START = /^(?:do|does|did|can|could|will|would|should|is|are|was|were|have|has|what|what's|whats|where|when|how|why|which|who)\b/iu;
/**
 * Session 44 (details3, hostile s44 M1): a question for the team in a clause of its own: it starts as a question and ends
 * with a question mark, four words or more, and is no request for a person ("can I talk to someone?") nor a question
 * about the email asked ("what do you need my email for?"). "do you ship to Norway?" names no matter by statesAReason's
 * words, but it is what the customer needs answered: kept as the issue, not dropped.
 */
export function asksTheTeam(run: Run, clause: string): boolean {
  const c = clause.trim();
  if (!c.endsWith('?') || !QUESTION_START.test(c)) return false;
  if (c.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w)).length < 4) return false;
  return !/\b(?:e-?mail|address|bot|robot|human|real\s+person)\b/iu.test(c) && !asksForAPersonAgain(c) && !readsAsRequestForPerson(run, c);
}

/** Whether `text` is a request for a person and no more ("can I talk to someone?", "agent please"). */
function onlyARequest(run: Run, text: string): boolean {
  return !statesAReason(text) && (asksForAPersonAgain(text) || readsAsRequestForPerson(run, text));
}

/**
 * The words of the matter in a message that also asks for a person ("can I talk to someone? and why is my parcel
 * NW-250778 late"): the clauses that state it, when at least one clause is only a request; null otherwise (the whole
 * message is then the customer's, as before).
 */
export function issueBesideRequest(run: Run, text: string): string | null {
  const clauses = clausesOf(text);
  if (clauses.length < 2 || !clauses.some((c) => onlyARequest(run, c))) return null;
  return detailsBeside(run, text).issue;
}

/**
 * Keeps what an answer said beside its value: the phone (as customerPhone, when none is known), the flow's references
 * (remembered: the summary's "Reference:", a later order question), and, when `asReason` (the block would ask the
 * reason and none is known), the issue as handoffReason. Returns the issue kept as the reason, or null.
 */
export function keepDetailsBeside(run: Run, beside: DetailsBeside, asReason: boolean): string | null {
  if (beside.phone !== null && !isKnown(run.s.variables.customerPhone)) setVar(run, 'customerPhone', beside.phone);
  if (beside.references.length > 0) rememberEntities(run, beside.references);
  if (!asReason || beside.issue === null || isKnown(run.s.variables.handoffReason)) return null;
  setVar(run, 'handoffReason', beside.issue);
  return beside.issue;
}

/** Customer messages read back for what they said earlier (earlierStatement). */
const EARLIER_MESSAGES = 6;
/**
 * Session 42 (ticketq, hostile s40 M3): what the customer said earlier about their matter, for a ticket whose issue they
 * would rather explain to a person: the latest of their messages before this one (at most six back) that states a
 * reason (statesAReason) and gives no address, said since the conversation last started again, a person last wrote
 * and the last ticket was confirmed; null when none does.
 */
export function earlierStatement(run: Run): string | null {
  const t = run.s.recentTranscript;
  const ticket = run.s.variables.ticketId;
  let seen = 0;
  for (let i = t.length - 1; i >= 0 && seen <= EARLIER_MESSAGES; i--) {
    const e = t[i]!;
    // Not past what closed an earlier matter: a restart ("Welcome back!", said by no block), a person in the chat, or
    // the confirmation of a ticket opened before (its number): what was said before it is that matter's.
    if (e.from === 'agent' || e.from === 'system' || (e.from === 'bot' && (e.blockId === undefined || (isKnown(ticket) && e.text.includes(String(ticket)))))) return null;
    if (e.from !== 'customer') continue;
    if (seen++ === 0 || e.rating === true || e.text.includes('@')) continue; // the first: this very message
    if (statesAReason(e.text)) return e.text.trim();
  }
  return null;
}

/** Words around an address that say it replaces the one given ("sorry, wrong email, it is ...", "use this one: ..."). */
const CORRECTS_EMAIL = /\b(?:wrong|sorry|typo|e-?mail|address|mean|meant|actually|instead|use|correct|correction|change|oops|should\s+be|not|no)\b/i;
/** Words of correcting without "no" (the rule for a correction alone, as before session 42). */
const CORRECTS_EMAIL_ALONE = /\b(?:wrong|sorry|typo|e-?mail|address|mean|meant|actually|instead|use|correct|correction|change|oops|should\s+be|not)\b/i;

/**
 * An address typed at the ticket's issue question (or the takeover's reason question) that corrects the email given
 * before: a valid address other than the one known, with nothing beside it but a few words (at most eight) and, when
 * there are any, words of correcting (as session 38); or (session 42, hostile s40 M10) a clause of that kind beside the
 * words of the matter ("wait no, it's bob@example.org, and I need a refund for NW-250778"): the address, and the issue
 * said with it (null when it came alone). Null when the message corrects nothing.
 */
export function emailCorrection(run: Run, text: string): { email: string; issue: string | null } | null {
  if (!text.includes('@')) return null;
  const beside = detailsBeside(run, text);
  if (beside.addressClause !== null && beside.issue !== null) {
    // Beside the matter, the words around the address must say it corrects ("wait no, it's ..."): "my order confirmation
    // went to old@example.com but the parcel never arrived" names an address and corrects nothing.
    const email = correctingClause(run, beside.aside, CORRECTS_EMAIL, true);
    if (email !== null) return { email, issue: beside.issue };
  }
  const alone = correctingClause(run, text, CORRECTS_EMAIL_ALONE);
  return alone === null ? null : { email: alone, issue: null };
}
function correctingClause(run: Run, text: string, words: RegExp, mustSay = false): string | null {
  const rest = text.replace(/(?<!\S)[^\s@]*@\S*/g, ' ').trim();
  const n = rest.split(/\s+/).filter((x) => /[\p{L}\d]/u.test(x)).length;
  if (n > 8 || ((n > 0 || mustSay) && !words.test(rest))) return null;
  const r = emailAnswer(text, ownAddressesOf(run.flow));
  if (!r.ok || r.value === run.s.variables.customerEmail) return null;
  return String(r.value);
}

/**
 * Hostile s41 L2: whether the flow calls customers back: a block of it stores a phone number as customerPhone (Harbor
 * Mutual's "What phone number should the advisor call you back on?"). Such a flow's team can use a phone number given
 * at the takeover's email question; another's replies by email.
 */
const callsBackMemo = new WeakMap<Flow, boolean>();
export function callsBack(flow: Flow): boolean {
  let known = callsBackMemo.get(flow);
  if (known === undefined) {
    known = flow.blocks.some((b) => (b.data as { variable?: unknown }).variable === 'customerPhone');
    callsBackMemo.set(flow, known);
  }
  return known;
}

/** The lines said when a phone number is given at the takeover's email question (hostile s41 L2). */
export const phoneAtEmailTexts = {
  /** The flow calls back: the number is what the team needs; the email is not asked again. */
  callsBack: (phone: string) => `Thanks, I've noted your number ${phone}, so the team can call you back if we get disconnected.`,
  /** The team replies by email: the number is noted and the email asked again (no try counted). */
  byEmail: (phone: string) =>
    `Thanks, I've noted your number ${phone} for the team. If we get disconnected, they reply by email: what is your email address? (Or say you don't have one.)`,
  /** Session 44 (details2, F6): at a ticket's email question of a flow whose team replies by email: asked once more. */
  ticket: (phone: string) => `Thanks, I've noted your number ${phone} for the team. They reply by email: what email address should we reply to? (Or say you don't have one.)`,
};

/**
 * Session 43 (hostq, hostile s43 L3): the name in an answer that lists it beside the address ("Dana Scully,
 * dana@fbi.example, 0207 946 0000", "dana@x.com - Dana"): the answer without its addresses and phone, cut at commas,
 * semicolons, colons, dashes, brackets, sentence marks and "and"; the first part that is a name (nameFromAnswer), in any
 * case when it comes first, else capitalised ("dana@x.com, work" names nobody) or introduced as one ("..., it's Kim Lee",
 * "and my name is Kim", "name's Kim": session 45, details4, retest s44 M5). Null when no part is one.
 */
const NAME_INTRO = /^(?:(?:my\s+)?name(?:'s|s|\s+is)?|i'm|im|i\s+am|this\s+is|it'?s|it\s+is)\s+/iu;
export function nameBesideAddress(t: string, phoneText: string | null): string | null {
  const rest = (phoneText === null ? t : t.replace(phoneText, ' ')).replace(/[\u2018\u2019]/g, "'");
  const at = rest.search(/[^\s@]+@/u);
  const partsOf = (x: string) =>
    x
      .replace(/[^\s@]+@[^\s@]*[\p{L}\p{N}]/gu, ' , ')
      .split(/[,;:()<>[\]]+|[.!?]+(?:\s+|$)|\s+[-\u2013\u2014]\s+|\s+and\s+/iu)
      .map((p) => p.replace(/["\u201c\u201d]/gu, ' ').trim().replace(/^and\s+/iu, ''))
      .filter((p) => /\p{L}/u.test(p) && !/\d/.test(p));
  const before = at < 0 ? [] : partsOf(rest.slice(0, at));
  const after = partsOf(at < 0 ? rest : rest.slice(at)).filter((p) => /^\p{Lu}/u.test(p) || NAME_INTRO.test(p));
  for (const part of [...before, ...after]) {
    const name = nameFromAnswer(part.replace(NAME_INTRO, ''));
    if (name !== null) return name;
  }
  return null;
}

/**
 * Session 45 (details4, retest s44 M4): one reader for an answer that gives the address, at the takeover's email
 * question, a Question block's and the ticket's (the ticket dropped the name from "Dana Scully, dana@x.example, 0207 946
 * 0000", the takeover kept it): what is said beside the address is kept (keepDetailsBeside: the phone, the flow's
 * references, the matter when `asReason`), and the name beside it when no name is known yet.
 */
export function keepBesideAddress(run: Run, text: string, asReason: boolean): DetailsBeside {
  const beside = detailsBeside(run, text);
  keepDetailsBeside(run, beside, asReason);
  if (!isKnown(run.s.variables.customerName)) {
    const name = nameBesideAddress(text, beside.phoneText);
    if (name !== null) setVar(run, 'customerName', name);
  }
  return beside;
}

/** How "Which one should we reply to: A or B?" starts (ticketPrompts.whichEmail, said by the ticket and the takeover). */
const WHICH_EMAIL = 'Which one should we reply to: ';
/**
 * Session 44 (details3, hostile s44 M4): "the second one" answering the bot's own "Which one should we reply to: A or
 * B?" (said by `blockId` just before): the address picked, and the customer's message that gave the addresses (what it
 * said beside them, "my parcel NW-250778 is late", is read again by the caller). Null otherwise.
 */
export function pickAfterWhichEmail(run: Run, blockId: string, text: string): { email: string; earlier: string } | null {
  if (text.includes('@')) return null;
  const t = run.s.recentTranscript;
  let i = t.length - 1;
  if (t[i]?.from === 'customer') i--; // this very message
  const asked = t[i];
  const gave = t[i - 1];
  if (asked === undefined || gave === undefined || asked.from !== 'bot' || asked.blockId !== blockId || !asked.text.startsWith(WHICH_EMAIL) || gave.from !== 'customer') return null;
  const choices = emailAnswer(gave.text, ownAddressesOf(run.flow)).choices;
  const email = choices === undefined ? null : pickedByPlace(text, choices);
  return email === null ? null : { email, earlier: gave.text };
}
