/**
 * explicit_request: the customer asks for a person, in any of the ways people do.
 *
 * Works on `canonicalTokens` (normalised, texting and contractions spelled out). A request is found when
 *  1. a person noun ("human", "agent", "someone", "your manager", "live chat", ...) is reached from a request
 *     verb ("talk", "want", "get me", "transfer", ...) through nothing but small linking words
 *     ("to", "a", "with", "real", "your", ...): "can I talk to someone", "i want to speak with a real person";
 *  2. or the whole message is just a person noun with politeness around it: "agent", "human please", "operator?";
 *  3. or a person noun is followed by "call me", "I can talk to": "is there a human I can talk to";
 *  4. or a noun-free transfer frame: "put me through", "just transfer me", "please escalate this".
 * Negation is read at the word just before the chain ("don't need a human", "no agent please"), so
 * "I don't know, I want a human" still counts. Requiring linking words only (not any word) between verb and
 * noun is what keeps "my travel agent booked it", "the agent was rude" and "human resources" out.
 * Typos: a word of 4+ letters is read as a person noun when its edit distance (a swap of two neighbouring
 * letters counts as one edit: "agnet") is <= 2 (both words 6+ letters) or <= 1, with the same first
 * letter, and it is not a real word listed in FUZZY_STOP. Plurals of person nouns count ("colleagues").
 * "not the bot", "no more bots", "instead of a bot" are removed before matching: they reject the bot, they
 * do not negate the request ("customer service please, not the bot").
 */
import { editDistance } from '../../nlu/editDistance';
import type { EscalationPolicy } from '../../flow/schema';
import type { EscalationMemory, Signal, TurnFacts } from '../types';
import { canonicalTokens } from '../canonicalTokens';
import type { TextAnalysis } from '../../nlu/types';
import { classifierOn, classifierSignal, designerSignal } from '../learnedSignals';
import { reportNearMiss } from '../nearMisses';

const NOUNS = new Set([
  'human', 'humans', 'person', 'persons', 'agent', 'agents', 'operator', 'operators', 'representative',
  'representatives', 'rep', 'reps', 'someone', 'somebody', 'anyone', 'anybody', 'manager', 'managers',
  'supervisor', 'supervisors', 'staff', 'employee', 'employees', 'advisor', 'adviser', 'management', 'team',
  'colleague', 'boss', 'humain', 'specialist', 'consultant',
  // Internet spellings of "human" and the word other languages use for "a person in charge" ("un responsable").
  'hooman', 'hoomans', 'hoomin', 'hooman', 'humano', 'responsable', 'mensch',
]);
/** Nouns that only count with a qualifier just before them ("real people", "live chat", "customer service"). */
const QUALIFIED: Record<string, ReadonlySet<string>> = {
  people: new Set(['real', 'actual', 'live', 'human', 'your']),
  // "discuss with a responsible" (a calque of "un responsable"), "the responsible for orders".
  responsible: new Set(['a', 'the', 'your', 'one']),
  chat: new Set(['live']),
  service: new Set(['customer']),
  support: new Set(['customer', 'tech', 'technical']),
  care: new Set(['customer']),
  desk: new Set(['help', 'service']),
  helpdesk: new Set(['the', 'your', 'a', 'to']),
  member: new Set(['team', 'staff']),
};
/** Words before a noun that make it something else ("travel agent", "password manager", "in person"). */
const EXCLUDED_BEFORE: Record<string, ReadonlySet<string>> = {
  agent: new Set(['travel', 'estate', 'secret', 'cleaning', 'free', 'double', 'booking', 'letting', 'property', 'talent', 'sports', 'user', 'chemical', 'insurance']),
  agents: new Set(['travel', 'estate', 'secret', 'cleaning', 'free', 'double', 'booking', 'letting', 'property', 'talent', 'sports', 'user', 'chemical', 'insurance']),
  manager: new Set(['password', 'file', 'task', 'download', 'package', 'window', 'device', 'ads', 'ad', 'project', 'property']),
  person: new Set(['in', 'first', 'second', 'third', 'missing']),
  operator: new Set(['tour', 'network', 'mobile', 'machine', 'crane', 'smooth', 'logical', 'boolean', 'spread']),
};
/** Words after "human" that make it something else ("human resources", "the human body"). */
const EXCLUDED_AFTER_HUMAN = new Set(['resources', 'resource', 'body', 'rights', 'right', 'error', 'errors', 'nature', 'race', 'trafficking', 'history', 'anatomy', 'brain', 'eye', 'hair', 'life']);

const VERBS = new Set([
  'talk', 'speak', 'chat', 'connect', 'transfer', 'put', 'get', 'give', 'want', 'need', 'escalate', 'reach',
  'contact', 'request', 'requesting', 'ask', 'asking', 'looking', 'prefer', 'send', 'route', 'hand', 'pass',
  'switch', 'bring', 'find', 'call', 'waiting', 'forward', 'wait', 'discuss', 'phone', 'ring',
  // Common typos of the verbs themselves (a fuzzy match on verbs would catch "tall", "walk", "peak").
  'speek', 'spek', 'speack', 'spaek', 'sepak', 'tlak', 'tlk', 'talkk', 'taalk', 'conect', 'connet', 'tranfer',
  'trasnfer', 'transfere', 'transffer', 'wnat', 'ned', 'nede',
]);
/** Verbs that only count in a frame: "can I have a human", "I'd like a person", "is there a human". */
const CONDITIONAL_VERBS: Record<string, ReadonlySet<string>> = {
  have: new Set(['can', 'could', 'may', 'i']),
  like: new Set(['would', 'id', 'd']),
  there: new Set(['is', 'any', 'anybody', 'anyone']),
};
/** Small words allowed between a request verb and the person noun. */
const LINKERS = new Set([
  'to', 'with', 'a', 'an', 'the', 'me', 'us', 'real', 'live', 'actual', 'actually', 'proper', 'your', 'some',
  'one', 'of', 'please', 'you', 'i', 'can', 'could', 'may', 'might', 'just', 'directly', 'right', 'now',
  'through', 'thru', 'over', 'up', 'in', 'touch', 'for', 'another', 'different', 'customer', 'service',
  'support', 'sales', 'tech', 'technical', 'help', 'be', 'able', 'let', 'would', 'id', 'd', 'really', 'is',
  'any', 'kindly', 'immediately', 'asap', 'urgently', 'desperately', 'talking', 'speaking', 'am', 'team',
  'staff', 'living', 'breathing', 'genuine', 'qualified', 'senior', 'someone', 'somebody', 'from',
  // "a member of staff", "one of the team".
  'member', 'members',
]);
/** What a whole message may contain besides nouns and verbs to count as a bare request ("human please"). */
const SHORT_OK = new Set([
  'hi', 'hello', 'hey', 'ok', 'okay', 'yes', 'yeah', 'yep', 'sure', 'from', 'please', 'thanks', 'thank',
  'asap', 'now', 'again', 'already', 'a', 'an', 'the', 'just', 'your', 'to', 'with', 'me', 'real', 'live',
  'actual', 'i', 'can', 'customer', 'service', 'support', 'some', 'one', 'another', 'different', 'member',
  'right', 'urgently', 'immediately', 'help', 'desk', 'then', 'so', 'fine', 'whatever', 'of',
  // Curt demands: "stop. human. now.", "enough, agent".
  'stop', 'enough', 'quick', 'quickly', 'seriously',
]);
const NEGATIONS = new Set(['no', 'not', 'never', 'without', 'nor', 'none', 'nobody', 'neither']);
const ANYONE = new Set(['anyone', 'anybody']);
const SOMEONE = new Set(['someone', 'somebody', 'anyone', 'anybody']);

/** Fuzzy targets (typos), and real words that sit close to them and must not count. */
const FUZZY_TARGETS = ['human', 'person', 'agent', 'operator', 'representative', 'supervisor', 'manager', 'someone', 'somebody', 'employee'];
const FUZZY_FIRST = new Set(FUZZY_TARGETS.map((t) => t[0]));
const FUZZY_STOP = new Set([
  'reason', 'prison', 'prisons', 'poison', 'pension', 'pensions', 'personal', 'persona', 'personnel', 'parson',
  'manage', 'managed', 'manages', 'manner', 'manger', 'agency', 'agenda', 'agents', 'operate', 'operated',
  'operates', 'supervise', 'supervised', 'employer', 'employers', 'employed', 'representation', 'representing',
  'humane', 'humid', 'humor', 'humour', 'heman', 'someones', 'aged', 'apent', 'spent', 'event', 'accent',
  'absent', 'parent', 'patent', 'potent', 'percent', 'hungry', 'humble', 'oppose', 'somehow', 'anymore',
  'summer', 'sooner', 'number', 'member', 'hammer', 'mentor',
]);
/** Bounded memo of fuzzy look-ups: a word's typo reading never changes, so compute it once. */
const fuzzyMemo = new Map<string, string | null>();

function fuzzyNoun(tok: string): string | null {
  if (tok.length < 4 || !FUZZY_FIRST.has(tok[0]) || FUZZY_STOP.has(tok)) return null;
  const memo = fuzzyMemo.get(tok);
  if (memo !== undefined) return memo;
  let best: string | null = null;
  let bestDist = 3;
  for (const target of FUZZY_TARGETS) {
    if (target[0] !== tok[0]) continue;
    const shorter = Math.min(tok.length, target.length);
    const max = shorter >= 6 ? 2 : 1;
    if (Math.abs(tok.length - target.length) > max) continue;
    const d = editDistance(tok, target); // transpositions cost 1: "agnet", "humna"
    if (d <= max && d < bestDist) {
      best = target;
      bestDist = d;
    }
  }
  if (fuzzyMemo.size > 5000) fuzzyMemo.clear();
  fuzzyMemo.set(tok, best);
  return best;
}

/** The person noun a token stands for (itself, a typo's target), or null. */
function nounAt(toks: string[], i: number): string | null {
  const tok = toks[i];
  const prev = i > 0 ? toks[i - 1] : '';
  const qualifiers = QUALIFIED[tok];
  let noun: string | null = null;
  if (NOUNS.has(tok)) noun = tok;
  else if (tok.length > 4 && tok.endsWith('s') && NOUNS.has(tok.slice(0, -1))) noun = tok.slice(0, -1);
  else if (qualifiers !== undefined && Object.hasOwn(QUALIFIED, tok)) noun = qualifiers.has(prev) ? tok : null;
  else noun = fuzzyNoun(tok);
  if (noun === null) return null;
  const before = Object.hasOwn(EXCLUDED_BEFORE, noun) ? EXCLUDED_BEFORE[noun] : undefined;
  if (before?.has(prev)) return null;
  if ((noun === 'human' || noun === 'humans') && EXCLUDED_AFTER_HUMAN.has(toks[i + 1] ?? '')) return null;
  if ((noun === 'rep' || noun === 'reps') && /^\d/.test(prev)) return null;
  return noun;
}

function isVerb(toks: string[], i: number): boolean {
  const tok = toks[i];
  if (VERBS.has(tok)) return true;
  const cond = Object.hasOwn(CONDITIONAL_VERBS, tok) ? CONDITIONAL_VERBS[tok] : undefined;
  if (!cond) return false;
  return cond.has(toks[i - 1] ?? '') || (tok === 'have' && cond.has(toks[i - 2] ?? ''));
}

/**
 * Whether the word at `stop` (the first word before a request chain) negates it. "can't / won't let me"
 * complain about not getting a person, so they do not negate; "never mind" is not a negation either.
 */
function negatedAt(toks: string[], stop: number): boolean {
  if (stop < 0) return false;
  const w = toks[stop];
  if (!NEGATIONS.has(w)) return false;
  if (w === 'never' && toks[stop + 1] === 'mind') return false;
  if (w === 'not') {
    const prev = toks[stop - 1];
    if (prev === 'can' || prev === 'could' || prev === 'will') return false;
    for (let k = Math.max(0, stop - 3); k < stop; k++) if (toks[k] === 'why') return false;
  }
  return true;
}

const OBJECT_AFTER_FRAME = new Set(['me', 'us', 'this', 'it', 'my', 'the']);
const FRAME_END = new Set(['please', 'now', 'over', 'through', 'thru', 'to', 'already', 'right', 'asap', 'immediately', 'then', 'thanks', 'thank', 'on', 'quickly']);
const FRAME_WALK = new Set(['just', 'please', 'can', 'could', 'you', 'would', 'i', 'want', 'to', 'like', 'now', 'then', 'ok', 'okay', 'so', 'id', 'kindly', 'need', 'simply', 'go', 'ahead', 'and', 'will']);

/** Noun-free transfer frames: "put me through", "just transfer me", "please escalate this". Returns the words. */
function transferFrame(toks: string[]): { start: number; end: number } | null {
  for (let i = 0; i < toks.length; i++) {
    const w = toks[i];
    const a = toks[i + 1];
    const b = toks[i + 2];
    let end = -1;
    if (w === 'put' && (a === 'me' || a === 'us') && (b === 'through' || b === 'thru')) end = i + 2;
    else if ((w === 'transfer' || w === 'connect' || w === 'forward') && (a === 'me' || a === 'us') && (b === undefined || FRAME_END.has(b))) end = i + 1;
    else if ((w === 'hand' || w === 'pass') && (a === 'me' || a === 'us') && (b === 'over' || b === 'on' || b === 'to')) end = i + 2;
    else if (w === 'escalate') {
      const p1 = toks[i - 1];
      const p2 = toks[i - 2];
      const asked = p1 === 'please' || p1 === undefined || (p1 === 'you' && (p2 === 'can' || p2 === 'could' || p2 === 'will')) || (p1 === 'to' && (p2 === 'want' || p2 === 'need' || p2 === 'like'));
      if (asked || (a !== undefined && (OBJECT_AFTER_FRAME.has(a) || a === 'please'))) end = a !== undefined && OBJECT_AFTER_FRAME.has(a) ? i + 1 : i;
    }
    if (end < 0) continue;
    let s = i - 1;
    while (s >= 0 && FRAME_WALK.has(toks[s])) s--;
    if (negatedAt(toks, s)) continue;
    return { start: i, end };
  }
  return null;
}

interface Found {
  words: string;
  typos: string[];
}

/** Typo readings of person nouns between two token indexes, for the explanation. */
function typosIn(toks: string[], nouns: (string | null)[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let k = from; k <= to; k++) {
    const nn = nouns[k];
    if (nn !== null && nn !== toks[k] && !NOUNS.has(toks[k]) && !Object.hasOwn(QUALIFIED, toks[k])) out.push(`"${toks[k]}" read as "${nn}"`);
  }
  return out;
}

function findRequest(toks: string[]): Found | null {
  const n = toks.length;
  const nouns: (string | null)[] = new Array(n);
  let anyNoun = false;
  for (let i = 0; i < n; i++) {
    nouns[i] = nounAt(toks, i);
    if (nouns[i] !== null) anyNoun = true;
  }
  const hasNeg = toks.some((t, k) => negatedAt(toks, k));

  if (anyNoun) {
    // 2. The whole message is a bare request: "agent", "human please", "a real person", "your manager".
    if (n <= 8 && !hasNeg) {
      let ok = true;
      let real = false;
      for (let i = 0; i < n && ok; i++) {
        const nn = nouns[i];
        if (nn !== null) {
          if (!ANYONE.has(nn)) real = true;
        } else if (!SHORT_OK.has(toks[i]) && !isVerb(toks, i)) ok = false;
      }
      if (ok && real) return { words: toks.join(' '), typos: typosIn(toks, nouns, 0, n - 1) };
    }
    for (let j = 0; j < n; j++) {
      const noun = nouns[j];
      if (noun === null) continue;
      // 1. Walk back from the noun over linking words, nouns and verbs; a verb on the way makes it a request.
      let s = j - 1;
      let verbAt = -1;
      while (s >= 0) {
        const t = toks[s];
        if (isVerb(toks, s)) verbAt = s;
        else if (!LINKERS.has(t) && nouns[s] === null) break;
        s--;
      }
      if (verbAt >= 0 && !negatedAt(toks, s)) return { words: toks.slice(verbAt, j + 1).join(' '), typos: typosIn(toks, nouns, verbAt, j) };
      // 3. The verb comes after: "a human I can talk to", "someone to talk to", "can someone call me".
      const a = toks[j + 1];
      const b = toks[j + 2];
      const c = toks[j + 3];
      let end = -1;
      if (a === 'i' && (b === 'can' || b === 'could' || b === 'may') && (c === 'talk' || c === 'speak' || c === 'chat')) end = j + 3;
      else if (a === 'to' && (b === 'talk' || b === 'speak' || b === 'chat')) end = j + 2;
      else if ((a === 'call' || a === 'contact' || a === 'phone' || a === 'ring' || a === 'email' || (a === 'help' && !SOMEONE.has(noun))) && (b === 'me' || b === 'us')) end = j + 2;
      if (end >= 0 && !negatedAt(toks, s)) {
        const from = s + 1 < j && isVerb(toks, s + 1) ? s + 1 : j;
        return { words: toks.slice(from, end + 1).join(' '), typos: typosIn(toks, nouns, j, j) };
      }
    }
  }
  // 4. "put me through", "just transfer me", "please escalate this".
  const frame = transferFrame(toks);
  if (frame) return { words: toks.slice(frame.start, frame.end + 1).join(' '), typos: [] };
  return null;
}

const BOT_NOUNS = new Set(['bot', 'bots', 'chatbot', 'chatbots', 'robot', 'robots', 'machine', 'machines', 'computer', 'ai', 'automated', 'automation', 'assistant']);
const BOT_DETERMINERS = new Set(['a', 'an', 'the', 'this', 'that', 'your', 'some', 'more', 'another', 'stupid', 'dumb', 'automated', 'virtual']);
const NOT_A_BOT = new Set(['not', 'no', 'without', 'never']);

/**
 * The tokens without phrases that reject the bot ("not the bot", "no more bots", "instead of a bot",
 * "rather than this bot"): they are the opposite of a negated request, and would otherwise read as one.
 */
function withoutBotRejections(toks: string[]): string[] {
  let kept: string[] | null = null;
  for (let i = 0; i < toks.length; i++) {
    let j = -1;
    if (NOT_A_BOT.has(toks[i])) j = i + 1;
    else if ((toks[i] === 'instead' && toks[i + 1] === 'of') || (toks[i] === 'rather' && toks[i + 1] === 'than')) j = i + 2;
    if (j >= 0) {
      while (j < toks.length && BOT_DETERMINERS.has(toks[j])) j++;
      if (j < toks.length && BOT_NOUNS.has(toks[j])) {
        kept ??= toks.slice(0, i);
        i = j; // drop the whole phrase
        continue;
      }
    }
    kept?.push(toks[i]);
  }
  return kept ?? toks;
}

/** The request found in a message depends on its analysis alone: repeated messages (shared analyses) skip the scan. */
const foundByAnalysis = new WeakMap<TextAnalysis, Found | null>();

function requestIn(analysis: TextAnalysis): Found | null {
  const known = foundByAnalysis.get(analysis);
  if (known !== undefined) return known;
  const toks = withoutBotRejections(canonicalTokens(analysis));
  // Very long messages are letters, not chat turns; 200 words keeps the worst case bounded.
  const found = toks.length === 0 || toks.length > 200 ? null : findRequest(toks);
  foundByAnalysis.set(analysis, found);
  return found;
}

/**
 * Words without which the classifier may not read a message as a request for a person: someone to talk
 * to, a way to be contacted, a department, or the bot itself. A linear model also weighs words like
 * "there" or "get" ("is anyone there", "get me a human"); alone they are not a request.
 */
const PERSON_WORDS = new Set([
  'someone', 'somebody', 'anyone', 'anybody', 'person', 'persons', 'people', 'peoples', 'ppl', 'human', 'humans', 'agent', 'agents', 'staff',
  'team', 'manager', 'supervisor', 'rep', 'reps', 'representative', 'operator', 'employee', 'employees', 'colleague', 'colleagues',
  'worker', 'workers', 'boss', 'advisor', 'adviser', 'sum1', 'some1', 'sumone', 'call', 'callback', 'ring', 'phone', 'telephone',
  'email', 'contact', 'dept', 'department', 'desk', 'billing', 'accounts', 'real', 'live', 'alive', 'bot', 'robot', 'machine',
  'automatic', 'automated', 'man', 'woman', 'speak', 'talk', 'chat', 'transfer', 'connect', 'escalate', 'member', 'specialist',
  'responsible', 'executive', 'charge', 'senior', 'superior', 'lead', 'office',
  'advisers', 'advisors', 'managers', 'supervisors', 'operators', 'representatives', 'specialists', 'hooman', 'humano', 'responsable',
]);
function mentionsPerson(toks: string[]): boolean {
  for (const t of toks) if (PERSON_WORDS.has(t)) return true;
  return false;
}

/** Declining a person ("I don't need to speak to anyone", "no need for an agent"): the classifier may not override that. */
const DECLINE = /\b(do not|does not|did not|no|never|not|without)( \w+){0,3} (need|want|wish|have|talk|speak|chat|bother)( \w+){0,4} (anyone|anybody|someone|somebody|human|humans|person|people|agent|agents|staff|operator|representative|manager)\b|\bno need (for|to)( \w+){0,4} (anyone|anybody|someone|human|person|agent|staff)\b/;
function declinesPerson(toks: string[]): boolean {
  return DECLINE.test(toks.join(' '));
}

export function detectExplicitRequest(facts: TurnFacts, policy: EscalationPolicy, _memory: EscalationMemory): Signal | null {
  const found = requestIn(facts.analysis);
  if (found) {
    const typo = found.typos.length > 0 ? `, ${found.typos.join(', ')}` : '';
    return {
      reason: 'explicit_request',
      score: 1,
      threshold: 1,
      evidence: [found.words, ...found.typos],
      turn: facts.turn,
      source: 'rule',
      explanation: `The customer asked for a person ("${found.words}"${typo}).`,
    };
  }
  const cfg = policy.explicitRequest;
  const designer = designerSignal(facts, 'explicit_request', cfg.phrases ?? [], cfg.examples ?? [], 'The customer asked for a person');
  if (designer) return designer;
  const toks = canonicalTokens(facts.analysis);
  if (!classifierOn(policy) || declinesPerson(toks) || !mentionsPerson(toks)) return null;
  // Indirect wordings the rules do not list: "could one of your staff ring me", "is anybody real there".
  const learned = classifierSignal(facts, 'explicit_request', 'explicit', 'The customer asked for a person');
  if (learned === null) return null;
  if (learned.nearMiss) {
    reportNearMiss(learned.signal);
    return null;
  }
  return learned.signal;
}
