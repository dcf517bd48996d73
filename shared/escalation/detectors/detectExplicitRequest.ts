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
import { canonicalizeText, canonicalTokens, hasGateWord, joinedTokens, paddedTokens, tokenGate } from '../canonicalTokens';
import type { TextAnalysis } from '../../nlu/types';
import { classifierOn, classifierSignal, designerSignal } from '../learnedSignals';
import { asMeasured, reportNearMiss } from '../nearMisses';
import { analyzeText } from '../../nlu/analyzeText';
import { NEITHER_NOR, NOT_WORDS, negators } from '../negators';

const NOUNS = new Set([
  'human', 'humans', 'person', 'persons', 'agent', 'agents', 'operator', 'operators', 'representative',
  'representatives', 'rep', 'reps', 'someone', 'somebody', 'anyone', 'anybody', 'manager', 'managers',
  'supervisor', 'supervisors', 'staff', 'employee', 'employees', 'advisor', 'adviser', 'management', 'team',
  'colleague', 'boss', 'humain', 'specialist', 'consultant',
  // Internet spellings of "human" and the word other languages use for "a person in charge" ("un responsable").
  'hooman', 'hoomans', 'hoomin', 'hooman', 'humano', 'responsable', 'mensch',
  // Round six: roles people name instead of "a person" ("the counsellor", "an attendant of the store", "your oga",
  // "the encharged of sales", "whoever manages our account"), and departments ("the billing department").
  'counselor', 'counsellor', 'collaborator', 'attendant', 'officer', 'executive', 'clerk', 'worker', 'teammate',
  'staffer', 'superior', 'encharged', 'encargado', 'encargada', 'oga', 'whoever', 'department', 'dept', 'departments',
  // Session 9: "get one of ur coworkers on here", "one of your workmates".
  'coworker', 'coworkers', 'workmate', 'workmates', 'teammates', 'staffers', 'colleagues',
  // Other languages' words for someone to talk to (a message written in Spanish, French, Portuguese, Italian, German).
  'alguien', 'empleado', 'empleada', 'asesor', 'asesora', 'operador', 'quelquun', 'conseiller', 'conseillere',
  'alguem', 'atendente', 'pessoa', 'persona', 'personas', 'qualcuno', 'operatore', 'jemand', 'jemanden', 'jemandem', 'mitarbeiter',
]);
/** Nouns naming a role or a team, which take a naming word before them: "account manager", "the returns team". */
const ROLE_HEADS = new Set([
  'unit', 'manager', 'managers', 'team', 'department', 'dept', 'staff', 'rep', 'reps', 'representative', 'representatives',
  'desk', 'specialist', 'specialists', 'officer', 'advisor', 'adviser', 'executive', 'consultant', 'supervisor', 'relations',
]);
/** Nouns that only count with a qualifier just before them ("real people", "live chat", "customer service"). */
const QUALIFIED: Record<string, ReadonlySet<string>> = {
  people: new Set(['real', 'actual', 'live', 'human', 'your']),
  // "discuss with a responsible" (a calque of "un responsable"), "the responsible for orders".
  responsible: new Set(['a', 'the', 'your', 'one']),
  chat: new Set(['live']),
  support: new Set(['customer', 'tech', 'technical']),
  care: new Set(['customer']),
  desk: new Set(['help', 'service']),
  helpdesk: new Set(['the', 'your', 'a', 'to']),
  member: new Set(['team', 'staff']),
  // "customer relations", "manual service", "a real one".
  relations: new Set(['customer', 'client', 'public']),
  service: new Set(['customer', 'manual', 'human', 'personal', 'real', 'live']),
  services: new Set(['customer']),
  center: new Set(['customer', 'service', 'contact', 'support', 'care']),
  centre: new Set(['customer', 'service', 'contact', 'support', 'care']),
  unit: new Set(['support', 'complaints', 'customer', 'care', 'service', 'sales', 'billing', 'accounts', 'business', 'escalations']),
  // "our usual contact at Northwind", "my account contact".
  contact: new Set(['usual', 'main', 'regular', 'named', 'dedicated', 'key', 'account']),
  one: new Set(['real', 'actual', 'live', 'human']),
};
/** Words before a noun that make it something else ("travel agent", "password manager", "in person"). */
const EXCLUDED_BEFORE: Record<string, ReadonlySet<string>> = {
  agent: new Set(['travel', 'estate', 'secret', 'cleaning', 'free', 'double', 'booking', 'letting', 'property', 'talent', 'sports', 'user', 'chemical', 'insurance']),
  agents: new Set(['travel', 'estate', 'secret', 'cleaning', 'free', 'double', 'booking', 'letting', 'property', 'talent', 'sports', 'user', 'chemical', 'insurance']),
  manager: new Set(['password', 'file', 'task', 'download', 'package', 'window', 'device', 'ads', 'ad', 'project', 'property']),
  person: new Set(['in', 'first', 'second', 'third', 'missing']),
  operator: new Set(['tour', 'network', 'mobile', 'machine', 'crane', 'smooth', 'logical', 'boolean', 'spread']),
  officer: new Set(['police', 'customs', 'parole', 'probation', 'army', 'navy', 'prison', 'fire']),
  // Round seven: "your human resources team", "the recruitment team" (a job application, not a handover).
  team: new Set(['football', 'sports', 'my', 'our', 'his', 'her', 'their', 'school', 'rugby', 'netball', 'resources', 'hr', 'recruitment', 'recruiting', 'hiring', 'careers', 'press']),
  worker: new Set(['care', 'social', 'key', 'farm', 'factory']),
  department: new Set(['hr', 'our', 'my', 'their', 'his', 'her', 'fire', 'police', 'english', 'maths', 'science', 'resources', 'recruitment', 'careers', 'press']),
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
  // Round six: "loop in", "raise this with", "consult with", "communicate with", "be attended by", "put in relation
  // with", "arrange / schedule / book a call", "a word with", "meet staff", pidgin "yarn with your oga".
  'loop', 'raise', 'consult', 'communicate', 'meet', 'arrange', 'schedule', 'book', 'organise', 'organize',
  'provide', 'refer', 'correspond', 'yarn', 'redirect', 'direct', 'move', 'turn',
  // Other languages (see NOUNS): hablar, parler, falar, parlare, sprechen; quiero, voudrais, gostaria, vorrei, mochte.
  'hay', 'hablar', 'necesito', 'quiero', 'quisiera', 'parler', 'voudrais', 'veux', 'falar', 'quero', 'gostaria', 'parlare',
  'vorrei', 'voglio', 'sprechen', 'mochte', 'contactar', 'contacter',
  // Round eight: "I want to complain to a manager".
  'complain',
]);
/** The passive counts after "be" / "get" only: "I want to be connected to the counsellor" (not "I was transferred to..."). */
const PASSIVE = new Set(['connected', 'transferred', 'forwarded', 'redirected', 'referred', 'escalated', 'contacted', 'called', 'passed', 'put', 'attended', 'phoned', 'rung', 'emailed',
  // "I should like this to be dealt with by a member of your staff".
  'dealt', 'handled', 'reviewed', 'checked', 'answered', 'seen', 'looked', 'sorted', 'resolved',
  // Session 14: "I would like to be served by a collaborator" (non-native "ser atendido / servi par": attended by a person).
  'served']);
/** Verbs that only count in a frame: "can I have a human", "I'd like a person", "is there a human". */
const CONDITIONAL_VERBS: Record<string, ReadonlySet<string>> = {
  have: new Set(['can', 'could', 'may', 'i']),
  like: new Set(['would', 'id', 'd']),
  // "please have someone call me": handled by the contact frames; "please have a manager look at it" here.
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
  // Round six: "loop in our account manager", "put in relation with", "be attended by", "a quick word with",
  // "pass this on to staff", "a call back from your executive".
  'our', 'on', 'by', 'relation', 'quick', 'dedicated', 'competent', 'responsible', 'true', 'higher', 'up', 'back', 'email', 'reply', 'answer',
  'response', 'call', 'callback', 'phone', 'proper',
  // Other languages' linking words: "hablar con alguien", "parler a quelqu un du service", "falar com alguem".
  'bitte', 'por', 'favor', 'svp', 'sil', 'vous', 'plait', 'per', 'hay',
  'con', 'avec', 'com', 'mit', 'un', 'una', 'une', 'um', 'uma', 'einem', 'einer', 'que', 'du', 'de', 'del', 'da', 'al',
]);
/** Objects a transfer verb may carry before its person: "raise this with", "pass my case on to", "send it to". */
const TRANSFER_OBJECT_VERBS = new Set(['discuss', 'raise', 'pass', 'forward', 'refer', 'escalate', 'put', 'transfer', 'move', 'direct', 'redirect']);
const TRANSFER_OBJECTS = new Set(['this', 'it', 'that', 'my', 'the', 'case', 'query', 'issue', 'matter', 'request', 'problem', 'complaint', 'message', 'question', 'ticket', 'chat', 'conversation', 'along']);
/** What a whole message may contain besides nouns and verbs to count as a bare request ("human please"). */
const SHORT_OK = new Set([
  'hi', 'hello', 'hey', 'ok', 'okay', 'yes', 'yeah', 'yep', 'sure', 'from', 'please', 'thanks', 'thank',
  'asap', 'now', 'again', 'already', 'a', 'an', 'the', 'just', 'your', 'to', 'with', 'me', 'real', 'live',
  'actual', 'i', 'can', 'customer', 'service', 'support', 'some', 'one', 'another', 'different', 'member',
  'right', 'urgently', 'immediately', 'help', 'desk', 'then', 'so', 'fine', 'whatever', 'of',
  // Curt demands: "stop. human. now.", "enough, agent".
  'stop', 'enough', 'quick', 'quickly', 'seriously',
  // Round six: "Help desk staff needed.", "callback please", "cb pls 07911 223344", "staff only", "ur manager pls".
  'needed', 'required', 'wanted', 'only', 'back', 'there', 'here', 'pls', 'po', 'sir', 'maam', 'madam', 'dear', 'for',
  'ty', 'tia', 'cheers', 'thx', 'req', 'request', 'you',
  // Round eight: when it suits ("one of your advisers, whenever free"), and other languages' "real" ("personne réelle").
  'whenever', 'free', 'available', 'possible', 'convenient', 'soon', 'plz', 'reelle', 'reel', 'vraie', 'vrai', 'echte', 'echten', 'vera', 'verdadera',
  'svp', 'merci', 'bitte', 'danke', 'por', 'favor', 'gracias', 'obrigado', 'obrigada', 'grazie', 'un', 'une', 'una', 'uma', 'um', 'eine', 'einen',
]);
// Not "nothing" (the other negative pronouns are: see negators.ts).
const NEGATIONS = negators(NOT_WORDS, 'without', NEITHER_NOR, 'none', 'nobody');
/** Words before a "no" that make it an answer ("yeah nah", "ok no"), and the words after it that ask anew. */
const ANSWER_OPENERS = new Set(['yes', 'ok', 'well', 'oh', 'um', 'erm', 'hmm', 'sorry', 'mate', 'hi', 'hello']);
const ASKS_NEXT = new Set(['can', 'could', 'may', 'please', 'pls', 'plz', 'just', 'let', 'i', 'id', 'get', 'put', 'connect', 'transfer', 'is', 'are']);
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
  // Round seven: real words two letters from a target ("I have the operation tomorrow" is not "operator").
  'operation', 'operations', 'operating', 'operational', 'opera', 'managing', 'supervision', 'personally',
]);
/** Bounded memo of fuzzy look-ups: a word's typo reading never changes, so compute it once. */
const fuzzyMemo = new Map<string, string | null>();

/**
 * Round eight: after "talk / speak / chat to" (a talk frame, see talkFrameBefore) the word is almost always someone to
 * talk to, so a typo may be one edit further (two edits from 5 letters: "tlak to a presn") and the few real words of
 * FUZZY_STOP that nobody talks to are read as typos there ("spek to manger"; not "agency", "parent", "member"...).
 */
const TALK_TYPO_OK = new Set(['manger', 'manage', 'managed', 'humane', 'humid', 'persona', 'personal', 'someones', 'operate', 'supervise']);

function fuzzyNoun(tok: string, talkFrame = false): string | null {
  if (tok.length < 4 || !FUZZY_FIRST.has(tok[0]) || (FUZZY_STOP.has(tok) && !(talkFrame && TALK_TYPO_OK.has(tok)))) return null;
  const key = talkFrame ? '>' + tok : tok;
  const memo = fuzzyMemo.get(key);
  if (memo !== undefined) return memo;
  let best: string | null = null;
  let bestDist = 3;
  for (const target of FUZZY_TARGETS) {
    if (target[0] !== tok[0]) continue;
    const shorter = Math.min(tok.length, target.length);
    const max = shorter >= 6 || (talkFrame && shorter >= 5) ? 2 : 1;
    if (Math.abs(tok.length - target.length) > max) continue;
    const d = editDistance(tok, target); // transpositions cost 1: "agnet", "humna"
    if (d <= max && d < bestDist) {
      best = target;
      bestDist = d;
    }
  }
  if (fuzzyMemo.size > 5000) fuzzyMemo.clear();
  fuzzyMemo.set(key, best);
  return best;
}

/** Verbs of talking (and their common typos) that make a talk frame: "talk to", "speaking with", "chat w". */
const TALK_VERBS = new Set(['discuss', 'talk', 'speak', 'chat', 'speek', 'spek', 'speack', 'spaek', 'sepak', 'tlak', 'tlk', 'talkk', 'taalk', 'spk', 'speaking', 'talking', 'chatting', 'spoke', 'talked']);
const TALK_DETERMINERS = new Set(['a', 'an', 'the', 'your', 'some', 'real', 'actual', 'proper', 'one', 'of', 'any', 'live', 'living', 'human', 'single', 'breathing', 'genuine', 'nice', 'kind', 'friendly', 'competent']);
/**
 * Whether word i sits in a talk frame: a verb of talking, then "to" / "with", then at most three determiners or
 * adjectives ("speak to a real", "talking with one of your"). Such a word names who the customer wants to talk to.
 */
function talkFrameBefore(toks: string[], i: number): boolean {
  let k = i - 1;
  const stop = Math.max(0, i - 4);
  while (k >= stop && TALK_DETERMINERS.has(toks[k])) k--;
  if (toks[k] !== 'to' && toks[k] !== 'with' && toks[k] !== '2' && toks[k] !== 'w') return false;
  // "discuss this with the owner", "talk it over with": one object word between the verb and "with".
  if (toks[k] === 'with' && (toks[k - 1] === 'this' || toks[k - 1] === 'it' || toks[k - 1] === 'that' || toks[k - 1] === 'over')) k--;
  return TALK_VERBS.has(toks[k - 1] ?? '');
}

/**
 * Round eight: words that name a person only as the one to talk to ("I would appreciate speaking to a gentleman or lady
 * from the company", "talk to a living soul", "speak to an expert"); elsewhere they are products, gifts or third
 * parties ("a lady's watch", "a gift for a gentleman", "the expert guide").
 */
const TALK_ONLY_NOUNS = new Set(['lady', 'gentleman', 'gentlemen', 'woman', 'man', 'guy', 'soul', 'individual', 'expert', 'experts', 'personne', 'being',
  // The people who run the shop: "I'd like to discuss this with the owner", "let me speak to a director" (not "the owner's manual").
  'owner', 'owners', 'director', 'directors', 'ceo', 'founder', 'proprietor',
  // Session 40 (hostile s40 M5): a department as who to talk to ("talk to sales", "can I chat with billing"; "talk to
  // support" was read by the classifier alone, "talk to sales" was not).
  'sales', 'billing', 'accounts', 'complaints', 'support']);

/** Words after a person noun that make the message about that person's contact details, not a request for them. */
const INFO_AFTER = new Set(['number', 'numbers', 'phone', 'email', 'emails', 'address', 'addresses', 'name', 'names', 'details', 'contact', 'hours', 'extension', 'website', 'line', 'opening', 'mobile', 'discount', 'code', 'codes', 'login', 'signature', 'catalogue', 'catalog',
  // Session 49 (conv11, hostile s49 M10): a charge or a price named after them ("is there an agent fee for returns?", "an
  // operator charge", "the staff price"): the person noun qualifies the money, nobody is asked for.
  'fee', 'fees', 'charge', 'charges', 'surcharge', 'surcharges', 'commission', 'commissions', 'price', 'prices', 'pricing', 'rate', 'rates', 'cost', 'costs', 'levy', 'discounts']);
/** Session 49 (conv11): the money words of INFO_AFTER: a person noun before one names a charge, not someone to talk to. */
const MONEY_AFTER = new Set(['fee', 'fees', 'charge', 'charges', 'surcharge', 'surcharges', 'commission', 'commissions', 'price', 'prices', 'pricing', 'rate', 'rates', 'cost', 'costs', 'levy', 'discount', 'discounts']);
const CONTACTED = new Set(['me', 'us', 'my', 'our', 'back', 'him', 'her', 'them']);
/** "a call" is a request for one only when nothing after it makes it something else ("a call centre"). */
const CALL_NEXT = new Set(['from', 'with', 'back', 'please', 'to', 'about', 'regarding', 're', 'today', 'tomorrow', 'tonight', 'asap', 'instead', 'on', 'at', 'if', 'so', 'when', 'rather', 'as', 'and', 'than', 'later', 'thanks', 'thank', 'this', 'sometime', 'soon', 'urgently', 'for', 'before', 'after', 'between', 'please', 'pls', 'then', 'now']);
/** Nouns that count only at the end of a phrase: "talk with your senior, please" (not "the senior discount"). */
const STANDALONE = new Set(['senior', 'seniors', 'boss', 'superiors']);
const STANDALONE_NEXT = new Set(['please', 'of', 'at', 'in', 'here', 'there', 'on', 'asap', 'about', 'regarding', 're', 'now', 'thanks', 'thank', 'immediately', 'urgently', 'for', 'who', 'to', 'and', 'or', 'so', 'then']);

/** Words after which "boss" addresses the bot (a greeting, thanks, an acknowledgement). */
const ADDRESSED_AFTER = new Set(['thanks', 'thx', 'thanx', 'ta', 'cheers', 'hi', 'hello', 'hey', 'hiya', 'morning', 'afternoon', 'evening', 'ok', 'okay', 'alright', 'yes', 'yeah', 'sharp', 'nice', 'sorry', 'bye', 'later']);

/** The person noun a token stands for (itself, a typo's target, a way to be called back), or null. */
function nounAt(toks: string[], i: number): string | null {
  const tok = toks[i];
  const prev = i > 0 ? toks[i - 1] : '';
  const next = toks[i + 1];
  // A way to be contacted by a person: "request a callback", "I'd like a call from your team", "a call back".
  if (tok === 'callback' || tok === 'callbacks') return 'callback';
  if (tok === 'call' && (prev === 'a' || prev === 'an' || prev === 'phone' || prev === 'quick') && (next === undefined || CALL_NEXT.has(next) || /^\d/.test(next))) return 'call';
  if (STANDALONE.has(tok) && next !== undefined && !STANDALONE_NEXT.has(next)) return null;
  // Session 26 (topicfe): "boss" said to the bot after a greeting or thanks is a way of addressing it ("thanks boss", "hi
  // boss, how do I return...", "thank you boss", "ok boss"), not a request for one ("get me your boss" still is).
  if (tok === 'boss' && (ADDRESSED_AFTER.has(prev) || (prev === 'you' && (toks[i - 2] === 'thank' || toks[i - 2] === 'see')))) return null;
  const qualifiers = QUALIFIED[tok];
  let noun: string | null = null;
  if (TALK_ONLY_NOUNS.has(tok)) {
    // "a human being", "a living soul" read as one person after a talk frame; "soul" also after "living" / "real" alone.
    // French "personne" is also "nobody" ("personne ne répond"): a person only as "une / vraie personne", "personne réelle".
    if (tok === 'personne' && (prev === 'une' || prev === 'vraie' || next === 'reelle' || next === 'humaine' || next === 'physique')) return tok;
    if (!(talkFrameBefore(toks, i) || (tok === 'soul' && (prev === 'living' || prev === 'real' || prev === 'actual' || prev === 'single' || prev === 'breathing'))) || next === 's') return null;
    return tok;
  }
  if (NOUNS.has(tok) || STANDALONE.has(tok)) noun = tok;
  else if (tok.length > 4 && tok.endsWith('s') && NOUNS.has(tok.slice(0, -1))) noun = tok.slice(0, -1);
  else if (qualifiers !== undefined && Object.hasOwn(QUALIFIED, tok)) noun = qualifiers.has(prev) ? tok : null;
  else noun = fuzzyNoun(tok) ?? (tok.length >= 4 && FUZZY_FIRST.has(tok[0]) && talkFrameBefore(toks, i) ? fuzzyNoun(tok, true) : null);
  if (noun === null) return null;
  const before = Object.hasOwn(EXCLUDED_BEFORE, noun) ? EXCLUDED_BEFORE[noun] : undefined;
  if (before?.has(prev)) return null;
  if ((noun === 'human' || noun === 'humans') && EXCLUDED_AFTER_HUMAN.has(toks[i + 1] ?? '')) return null;
  if ((noun === 'human' || noun === 'person' || noun === 'people') && describesAThing(toks, i)) return null;
  if ((noun === 'rep' || noun === 'reps') && /^\d/.test(prev)) return null;
  // The customer describing themselves: "I'm an operator at a care home", "I work as a rep".
  const p2 = toks[i - 2];
  if ((prev === 'a' || prev === 'an') && (p2 === 'am' || p2 === 'as' || p2 === 'was')) return null;
  // Someone's contact details or a discount named after them: "the manager's number", "the student rep discount code".
  // ("someone email me", "your staff phone my wife": the same words as verbs, followed by who is contacted.)
  const at = next === 's' ? i + 2 : i + 1;
  if (INFO_AFTER.has(toks[at] ?? '') && !CONTACTED.has(toks[at + 1] ?? '')) return null;
  return noun;
}

/**
 * Session 34 (fe, issue 11): "person" or "human" naming part of a thing, not someone to talk to: a limit or a size counted
 * in people ("is there a person limit on the group discount", "a 6 person tent"), a shape or a picture ("is there a
 * human-shaped pillow", "is there a person on the box pic", "a person in the photo").
 */
const PERSON_AS_MEASURE = new Set([
  'limit', 'limits', 'maximum', 'max', 'minimum', 'min', 'capacity', 'count', 'size', 'sized', 'shaped', 'shape', 'pillow', 'pillows',
  'figure', 'figures', 'figurine', 'doll', 'dolls', 'print', 'drawing', 'silhouette', 'cutout', 'icon', 'logo', 'emoji', 'tent', 'tents',
  'sofa', 'table', 'hot', 'tub', 'jacuzzi', 'bed', 'sleeping',
]);
const PICTURED_ON = new Set(['box', 'pic', 'picture', 'photo', 'photos', 'image', 'packaging', 'package', 'label', 'front', 'cover', 'print', 'design', 'mug', 'card', 'poster', 'advert', 'ad', 'website', 'listing']);
const GIVE_TO = new Set(['send', 'give', 'post', 'ship', 'deliver', 'gift', 'address', 'buy', 'hand', 'leave', 'mail']);
function describesAThing(toks: string[], i: number): boolean {
  const next = toks[i + 1] ?? '';
  if (PERSON_AS_MEASURE.has(next)) return true;
  if (next !== 'on' && next !== 'in') return false;
  for (let k = i + 2; k <= i + 4 && k < toks.length; k++) if (PICTURED_ON.has(toks[k])) return true;
  return false;
}

/** Who "needs" or "wants" a person matters: "do you need someone to sign for it" is not a request. */
const OTHER_SUBJECTS = new Set(['you', 'they', 'he', 'she', 'it', 'does', 'driver', 'courier']);

/** Round eight: the case as the subject of a need ("this needs a human", "the matter really requires a manager"). */
const CASE_SUBJECTS = new Set(['this', 'that', 'case', 'issue', 'matter', 'problem', 'situation', 'query', 'complaint', 'request', 'one']);

function isVerb(toks: string[], i: number): boolean {
  const tok = toks[i];
  if (tok === 'needs' || tok === 'requires' || tok === 'require' || tok === 'deserves') {
    const subj = toks[i - 1] === 'really' || toks[i - 1] === 'clearly' || toks[i - 1] === 'definitely' ? toks[i - 2] : toks[i - 1];
    return CASE_SUBJECTS.has(subj ?? '');
  }
  // "please change to manual service", "can you change me to a person": a switch of who answers.
  if (tok === 'change') return toks[i + 1] === 'to' || ((toks[i + 1] === 'me' || toks[i + 1] === 'us') && toks[i + 2] === 'to');
  // "I would appreciate speaking to...", "I'd appreciate a call back": a polite wish.
  if (tok === 'appreciate') return toks[i - 1] === 'would' || toks[i - 1] === 'd' || toks[i - 1] === 'id' || ((toks[i - 1] === 'really' || toks[i - 1] === 'greatly') && (toks[i - 2] === 'would' || toks[i - 2] === 'd' || toks[i - 2] === 'id'));
  // "a (quick) word with the manager".
  if (tok === 'word') return toks[i + 1] === 'with';
  // "would you mind if I spoke to an actual person": the past tense of a wish.
  if (tok === 'spoke' || tok === 'talked' || tok === 'chatted') return toks[i - 1] === 'i' && toks[i - 2] === 'if';
  if (PASSIVE.has(tok) && tok !== 'put') return toks[i - 1] === 'be' || toks[i - 1] === 'get' || toks[i - 1] === 'being';
  if (VERBS.has(tok)) {
    // "do you send someone to help me": a question about the service, not a request.
    if (toks[i - 1] === 'you' && (toks[i - 2] === 'do' || toks[i - 2] === 'does' || toks[i - 2] === 'did')) return false;
    if ((tok === 'need' || tok === 'want' || tok === 'needs' || tok === 'wants') && OTHER_SUBJECTS.has(toks[i - 1] ?? '')) return false;
    return true;
  }
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
  // "if I ever need staff", "in case I need someone": a request for later, not now.
  if (w === 'ever' || (w === 'i' && toks[stop - 1] === 'case' && toks[stop - 2] === 'in')) return true;
  // A purpose clause about a product: "a two-way talk function so I can speak to the person in the other room".
  if (w === 'so' && toks[stop + 1] === 'i' && (toks[stop + 2] === 'can' || toks[stop + 2] === 'could')) return true;
  if (!NEGATIONS.has(w)) return false;
  if (w === 'never' && toks[stop + 1] === 'mind') return false;
  // Session 14: "if not" / "if no" makes a condition, not a negation: "are you a real person? if not I want a real person",
  // "can you fix it? if not, get me a manager" ask for the person when the bot cannot do it.
  if ((w === 'not' || w === 'no') && toks[stop - 1] === 'if') return false;
  // Session 10: "yeah nah, can I just talk to a person", "no, could I speak to someone": a "no" that answers (the
  // message's first word, or after "yes" / "ok" / "well": "yeah nah" reads "yes no") followed by a question asked
  // ("can I", "could you", "please") declines what came before, not the request after it.
  if (w === 'no' && (stop === 0 || ANSWER_OPENERS.has(toks[stop - 1])) && ASKS_NEXT.has(toks[stop + 1] ?? '')) return false;
  if (w === 'not') {
    const prev = toks[stop - 1];
    // "I won't need a manager" declines; "you won't let me talk to a human" complains (and asks).
    if (prev === 'will' && (toks[stop + 1] === 'need' || toks[stop + 1] === 'want')) return true;
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
    // (Session 14: "can 'ee put I through": West Country and other dialects say "I" for "me".)
    if (w === 'put' && (a === 'me' || a === 'us' || (a === 'i' && (toks[i + 3] === undefined || toks[i + 3] === 'to' || FRAME_END.has(toks[i + 3])))) && (b === 'through' || b === 'thru')) end = i + 2;
    else if ((w === 'transfer' || w === 'connect' || w === 'forward') && (a === 'me' || a === 'us') && (b === undefined || FRAME_END.has(b))) end = i + 1;
    else if ((w === 'hand' || w === 'pass') && (a === 'me' || a === 'us') && (b === 'over' || b === 'on' || b === 'to')) end = i + 2;
    // Round eight: "can I get transferred", "I'd like to be connected please" (asked, not told: "my call got transferred").
    else if ((w === 'get' || w === 'be') && (a === 'transferred' || a === 'connected' || a === 'escalated') && (b === undefined || FRAME_END.has(b))) {
      const p1 = toks[i - 1];
      const p2 = toks[i - 2];
      if (((p1 === 'i' || p1 === 'we') && (p2 === 'can' || p2 === 'could' || p2 === 'may')) || (p1 === 'to' && (p2 === 'want' || p2 === 'like' || p2 === 'need' || p2 === 'wish')) || p1 === 'please' || p1 === undefined) end = i + 1;
    }
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

/** Whether a message (or one sentence of it) is nothing but a request: "agent", "Sales manager, please", "cb pls 0791...". */
function bareRequest(toks: string[], nouns: (string | null)[]): boolean {
  const n = toks.length;
  if (n === 0 || n > 8) return false;
  for (let k = 0; k < n; k++) if (negatedAt(toks, k)) return false;
  let real = false;
  for (let i = 0; i < n; i++) {
    const nn = nouns[i];
    if (nn !== null) {
      if (!ANYONE.has(nn)) real = true;
      continue;
    }
    const t = toks[i];
    if (SHORT_OK.has(t) || isVerb(toks, i) || /^\d+$/.test(t)) continue;
    // A naming word before a role ("sales manager", "billing team") and the one word after "from" ("someone from Northwind").
    if (i + 1 < n && nouns[i + 1] !== null && ROLE_HEADS.has(nouns[i + 1]!)) continue;
    if (i + 2 < n && nouns[i + 2] !== null && ROLE_HEADS.has(nouns[i + 2]!) && nouns[i + 1] === null && !SHORT_OK.has(toks[i + 1])) continue;
    if (i > 0 && (toks[i - 1] === 'from' || toks[i - 1] === 'at') && i > 1 && nouns[i - 2] !== null) continue;
    return false;
  }
  return real;
}

/**
 * Session 11 (speed): whether a word can be a person noun in any context (nounAt returns null for every other word,
 * whatever its neighbours): itself a noun, a plural of one, a qualified or talk-only noun, a way to be called back, or
 * a typo of a noun (in or out of a talk frame). Kept per word, so most words of a long letter cost one look-up.
 */
const nounCandidates = new Map<string, boolean>();
/**
 * Session 12 (speed): the candidates of fewer than four letters ("rep", "oga", "man", "one", "call"'s kin are longer):
 * such a word is no typo (fuzzyNoun needs four letters) and no plural (five), so it is a candidate only when listed. Most
 * words of a message are this short ("the", "to", "my"): one look-up in this small set instead of the per-word memo.
 */
const SHORT_CANDIDATES = new Set(
  ['callback', 'callbacks', 'call', ...STANDALONE, ...TALK_ONLY_NOUNS, ...NOUNS, ...Object.keys(QUALIFIED)].filter((w) => w.length < 4),
);
function mayBeNoun(tok: string): boolean {
  if (tok.length < 4) return SHORT_CANDIDATES.has(tok);
  const known = nounCandidates.get(tok);
  if (known !== undefined) return known;
  const may =
    tok === 'callback' || tok === 'callbacks' || tok === 'call' || STANDALONE.has(tok) || TALK_ONLY_NOUNS.has(tok) || NOUNS.has(tok) ||
    (tok.length > 4 && tok.endsWith('s') && NOUNS.has(tok.slice(0, -1))) || Object.hasOwn(QUALIFIED, tok) ||
    fuzzyNoun(tok) !== null || (tok.length >= 4 && FUZZY_FIRST.has(tok[0]) && fuzzyNoun(tok, true) !== null);
  if (nounCandidates.size >= 20_000) nounCandidates.clear();
  nounCandidates.set(tok, may);
  return may;
}

function nounsOf(toks: string[]): (string | null)[] {
  const nouns: (string | null)[] = new Array(toks.length);
  for (let i = 0; i < toks.length; i++) nouns[i] = mayBeNoun(toks[i]) ? nounAt(toks, i) : null;
  return nouns;
}

/** Round eight: words that make a short comma clause a request on its own ("personne réelle please, I am French"). */
const CLAUSE_ASKS = new Set(['please', 'pls', 'plz', 'asap', 'now', 'needed', 'required', 'whenever', 'urgently', 'svp', 'bitte', 'favor', 'favore']);

function findRequest(toks: string[], sentencesOfMessage: () => Sentence[], known?: (string | null)[], clausesOfMessage: () => Sentence[] = NO_SENTENCES): Found | null {
  const n = toks.length;
  const nouns = known ?? nounsOf(toks);
  const anyNoun = nouns.some((x) => x !== null);

  if (anyNoun) {
    // 2. The whole message is a bare request: "agent", "human please", "a real person", "your manager".
    if (bareRequest(toks, nouns)) return { words: toks.join(' '), typos: typosIn(toks, nouns, 0, n - 1) };
    // 2b. One sentence of it is: "I don't want automated answers. Staff member please." (negation stays in its sentence).
    for (const sentence of sentencesOfMessage()) {
      if (sentence.words > 10) continue;
      const sent = sentenceTokens(sentence);
      if (sent.length > 8) continue;
      const sn = nounsOf(sent);
      if (sn.some((x) => x !== null) && bareRequest(sent, sn)) return { words: sent.join(' '), typos: typosIn(sent, sn, 0, sent.length - 1) };
    }
    // 2c. A short comma clause with a word of asking is: "personne réelle please, I am French, English is difficult for
    // me", "one of your advisers, whenever free" (a negation in another clause does not reach it, as with sentences).
    for (const clause of clausesOfMessage()) {
      if (clause.words > CLAUSE_WORDS) continue;
      const cl = sentenceTokens(clause);
      if (cl.length > 5 || !cl.some((t) => CLAUSE_ASKS.has(t))) continue;
      const cn = nounsOf(cl);
      if (cn.some((x) => x !== null) && bareRequest(cl, cn)) return { words: cl.join(' '), typos: typosIn(cl, cn, 0, cl.length - 1) };
    }
    for (let j = 0; j < n; j++) {
      const noun = nouns[j];
      if (noun === null) continue;
      // 1. Walk back from the noun over linking words, nouns and verbs; a verb on the way makes it a request.
      // A role takes up to two naming words before it ("our account manager", "the corporate gifting team"), and a
      // transfer verb may carry its object ("raise this with someone higher up", "pass my case on to staff").
      let s = j - 1;
      let verbAt = -1;
      let objectPassed = false;
      while (s >= 0) {
        const t = toks[s];
        // "does the walkie-talkie let me speak to the person...": a product lets, a customer asks ("please let me", "can you let me").
        if (t === 'let' && s > 0 && !LET_OK.has(toks[s - 1]) && toks.slice(Math.max(0, s - 5), s - 1).some((w) => w === 'does' || w === 'do' || w === 'will' || w === 'would' || w === 'can' || w === 'could')) {
          verbAt = -1;
          break;
        }
        // The qualifier of the noun is not its verb: "a call centre" (round eight: "call" qualifies "centre").
        if (isVerb(toks, s) && !(s === j - 1 && Object.hasOwn(QUALIFIED, toks[j]) && QUALIFIED[toks[j]].has(t))) {
          if (objectPassed && !TRANSFER_OBJECT_VERBS.has(t)) break;
          verbAt = s;
        } else if (TRANSFER_OBJECTS.has(t) && !LINKERS.has(t)) objectPassed = true;
        else if (!LINKERS.has(t) && nouns[s] === null && !(s === j - 1 && Object.hasOwn(QUALIFIED, toks[j]) && QUALIFIED[toks[j]].has(t)) && !(verbAt < 0 && ROLE_HEADS.has(noun) && s >= j - 2 && isNamingWord(toks, s, j))) break;
        s--;
      }
      // "is there anyone in this company who knows...": rhetorical unless about being there or being reached.
      // Session 34 (fe): "is there a person I can send the gift to": someone to give something to, not to talk to.
      if (verbAt >= 0 && toks[verbAt] === 'there' && (toks[j + 1] === 'i' || toks[j + 1] === 'we') && (toks[j + 2] === 'can' || toks[j + 2] === 'could') && GIVE_TO.has(toks[j + 3] ?? '')) verbAt = -1;
      if (verbAt >= 0 && toks[verbAt] === 'there' && SOMEONE.has(noun) && j + 1 < n && !THERE_NEXT.test(toks.slice(j + 1).join(' ')) && !/^(who|that) (can|could|will|would|is able)( |$)/.test(toks.slice(j + 1).join(' '))) verbAt = -1;
      // Session 8: "we give staff your gift cards", "give someone a present": giving TO a person is not asking for one
      // ("give me a human" is).
      if (verbAt >= 0 && toks[verbAt] === 'give' && !toks.slice(verbAt + 1, j).some((t) => t === 'me' || t === 'us')) verbAt = -1;
      if (verbAt >= 0 && !negatedAt(toks, s)) return { words: toks.slice(verbAt, j + 1).join(' '), typos: typosIn(toks, nouns, verbAt, j) };
      // 3. The verb comes after: "a human I can talk to", "someone to talk to", "can someone call me",
      //    "an employee to answer me", "let a colleague answer", "un empleado que me escriba".
      // "our usual contact at Northwind pick this up": skip "at / from <name>" after the person.
      const skip = (toks[j + 1] === 'at' || toks[j + 1] === 'from') && toks[j + 2] !== undefined && TAKE_OVER.has(toks[j + 3] ?? '') ? 2 : 0;
      const a = toks[j + 1 + skip];
      const b = toks[j + 2 + skip];
      const c = toks[j + 3 + skip];
      let end = -1;
      if (a === 'i' && (b === 'can' || b === 'could' || b === 'may') && (c === 'talk' || c === 'speak' || c === 'chat')) end = j + 3;
      else if (a === 'to' && (b === 'talk' || b === 'speak' || b === 'chat')) end = j + 2;
      else if ((a === 'call' || a === 'contact' || a === 'phone' || a === 'ring' || a === 'email' || (a === 'help' && !SOMEONE.has(noun))) && (b === 'me' || b === 'us')) end = j + 2;
      else if ((noun === 'callback' || noun === 'call') && (a === 'would' || a === 'might' || a === 'could') && b === 'be' && BETTER.has(c ?? '')) end = j + 3;
      else if (noun !== 'callback' && noun !== 'call') {
        const k = a === 'to' || a === 'can' || a === 'could' || a === 'will' || a === 'please' || a === 'que' ? j + 2 : j + 1;
        const v = toks[k];
        const w = toks[k + 1];
        if ((v === 'answer' || v === 'reply' || v === 'respond' || v === 'write') && (w === undefined || w === 'me' || w === 'us' || w === 'please' || w === 'to' || w === 'back')) end = k;
        else if ((v === 'would' || v === 'might' || v === 'could') && w === 'be' && BETTER.has(toks[k + 2] ?? '')) end = k + 2;
        // "a human needs to look at it", "someone should check this".
        else if ((a === 'needs' || a === 'should' || a === 'must' || a === 'has' || a === 'ought') && (b === 'to' ? TAKE_OVER.has(c ?? '') : TAKE_OVER.has(b ?? '')) && !negatedAt(toks, j - 1)) end = b === 'to' ? j + 3 : j + 2;
        else if ((!SOMEONE.has(noun) || a === 'else') && (TAKE_OVER.has(a === 'else' ? (b ?? '') : (a ?? '')) || (a === 'get' && (b === 'involved' || b === 'in' || b === 'back'))) && askedBefore(toks, j) && !negatedAt(toks, j - 1)) end = a === 'else' ? j + 2 : j + 1;
        // Verb last (German): "mit einem Mitarbeiter sprechen".
        else if (a === 'sprechen' || a === 'reden' || a === 'telefonieren') end = j + 1;
        else if ((v === 'me' || v === 'nos') && (w === 'llame' || w === 'llamen' || w === 'escriba' || w === 'contacte' || w === 'appelle' || w === 'rappelle' || w === 'ligue')) end = k + 1;
      }
      if (end >= 0 && !negatedAt(toks, s)) {
        const from = s + 1 < j && isVerb(toks, s + 1) ? s + 1 : j;
        return { words: toks.slice(from, end + skip + 1).join(' '), typos: typosIn(toks, nouns, j, j) };
      }
    }
  }
  // 4. "put me through", "just transfer me", "please escalate this".
  const frame = transferFrame(toks);
  if (frame) return { words: toks.slice(frame.start, frame.end + 1).join(' '), typos: [] };
  // 5. "call me", "please email me instead", "give me a ring", "reply to my email", "get back to me".
  const contact = contactFrame(toks, anyNoun);
  if (contact) return { words: toks.slice(contact.start, contact.end + 1).join(' '), typos: [] };
  // 5b. "Who looks after trade accounts? Need to speak to them.": the person is named by what they do.
  const joined = toks.includes('who') || toks.includes('whoever') ? joinedTokens(toks) : '';
  if (joined !== '' && WHO_DOES.test(joined)) {
    const m = SPEAK_TO_THEM.exec(joined);
    if (m) return { words: m[0], typos: [] };
  }
  // 5d. Session 14: the way to reach a person ("what's the number for calling a real person", "fit's the number fer
  // phonin an actual person"), and a preference that a person take the case ("I'd rather a person from the tech side
  // looked at it", "I would prefer that a human checked this").
  if (anyNoun) {
    const reach = numberForAPerson(toks, nouns) ?? personPreferred(toks, nouns);
    if (reach) return { words: toks.slice(reach.start, reach.end + 1).join(' '), typos: typosIn(toks, nouns, reach.start, reach.end) };
  }
  // 5c. Round eight: a presence check and nothing else: "anybody?", "hello? anyone?", "there is someone?" (non-native order).
  if (presenceQuestion(toks)) return { words: toks.join(' '), typos: [] };
  // 6. "is anyone there?", "any staff in the building?", "does anyone actually read this?".
  const anyone = anyoneThere(toks);
  if (anyone) return { words: toks.slice(anyone.start, anyone.end + 1).join(' '), typos: [] };
  return null;
}

const PRESENCE_WORDS = new Set(['hello', 'hi', 'hey', 'hallo', 'helloo', 'hellooo', 'is', 'are', 'there', 'here', 'any', 'one', 'please', 'pls', 'ok', 'okay', 'out', 'anyone', 'anybody', 'someone', 'somebody', 'real', 'human', 'alive', 'online']);
/** The whole message checks whether someone is there: only greetings, "there / here / out there" and anyone or someone. */
function presenceQuestion(toks: string[]): boolean {
  if (toks.length === 0 || toks.length > 6 || presenceText === null) return false;
  let who = false;
  for (const t of toks) {
    if (!PRESENCE_WORDS.has(t)) return false;
    if (SOMEONE.has(t)) who = true;
  }
  return who;
}
/** Set by requestIn: whether the message being read asks (a "?"); presence checks count only as questions. */
let presenceText: string | null = null;

const WHO_DOES = /\b(who|whoever) (looks after|handles|deals with|manages|runs|is in charge|is responsible|takes care|is dealing|can authorise|can approve)\b/;
const SPEAK_TO_THEM = /\b(talk|speak|chat|discuss|word) (to|with) (them|him|her)\b/;

const LET_OK = new Set(['please', 'pls', 'you', 'just', 'so', 'then', 'now', 'and', 'ok', 'okay', 'kindly', 'can', 'could', 'would', 'will', 'to', 'me', 'simply', 'why', 'not', 'dont']);

/** "a staff member would be better placed", "a person would be best". */
const BETTER = new Set(['better', 'best', 'more', 'preferable', 'ideal', 'easier', 'quicker', 'faster', 'helpful', 'great', 'good', 'nicer']);
/** "can a staff member sort it", "could a human look at this": a person asked to take the case (not "someone", who may be the bot). */
const TAKE_OVER = new Set(['sort', 'handle', 'look', 'check', 'fix', 'take', 'help', 'assist', 'review', 'pick', 'deal', 'resolve', 'explain', 'advise', 'read', 'see',
  // Stepping in: "could a colleague step in", "can a staffer jump on", "could a manager get involved / get in touch".
  'step', 'jump', 'hop', 'join', 'come', 'intervene', 'chime', 'weigh', 'contact', 'call', 'ring', 'phone', 'email', 'message', 'reply', 'respond', 'answer']);
/** Words that make "X take over" a request when they come shortly before the person: "could a manager...", "let a colleague...". */
const ASKING_BEFORE = new Set(['can', 'could', 'would', 'may', 'let', 'have', 'please', 'should', 'might']);

/** "could a manager get involved", "let a flesh and blood staff member handle this": an asking word just before the person. */
function askedBefore(toks: string[], j: number): boolean {
  for (let k = j - 1; k >= Math.max(0, j - 6); k--) if (ASKING_BEFORE.has(toks[k])) return true;
  return false;
}

/** Session 14: ways to reach someone that a contact detail is "for" ("the number for phoning", g-dropped "phonin" too). */
const REACHING = new Set(['call', 'calling', 'callin', 'phone', 'phoning', 'phonin', 'ring', 'ringing', 'ringin', 'reach', 'reaching', 'reachin',
  'contact', 'contacting', 'get', 'getting', 'gettin', 'talk', 'talking', 'talkin', 'speak', 'speaking', 'speakin', 'telephone', 'telephoning']);
const CONTACT_DETAILS = new Set(['number', 'line', 'phone', 'extension', 'email', 'address', 'hotline']);
/** A team, a desk or a way to be called back: a number "for the returns team" is the shop's number, not a person. */
const NOT_ONE_PERSON = new Set(['team', 'department', 'dept', 'departments', 'management', 'unit', 'desk', 'helpdesk', 'contact', 'center', 'centre',
  'support', 'care', 'service', 'services', 'relations', 'callback', 'call', 'chat']);
/** Session 14: "the number for calling a real person", "a line to talk to a human": a contact detail for reaching a person. */
function numberForAPerson(toks: string[], nouns: (string | null)[]): { start: number; end: number } | null {
  for (let i = 0; i + 3 < toks.length; i++) {
    if (!CONTACT_DETAILS.has(toks[i]) || (toks[i + 1] !== 'for' && toks[i + 1] !== 'to' && toks[i + 1] !== 'fer') || !REACHING.has(toks[i + 2])) continue;
    for (let k = i + 3; k < Math.min(toks.length, i + 8); k++) {
      const noun = nouns[k];
      if (noun !== null) {
        if (NOT_ONE_PERSON.has(noun)) break;
        return { start: i, end: k };
      }
      if (!LINKERS.has(toks[k])) break;
    }
  }
  return null;
}
const PREFERENCE = new Set(['rather', 'prefer', 'preferred', 'prefers']);
const PREFERENCE_LINK = new Set(['that', 'if', 'a', 'an', 'the', 'one', 'of', 'your', 'real', 'actual', 'some', 'proper', 'live']);
/** Past forms of TAKE_OVER, as "I'd rather a person looked at it" has them. */
const TAKE_OVER_PAST = new Set(['looked', 'checked', 'handled', 'sorted', 'fixed', 'took', 'helped', 'reviewed', 'dealt', 'resolved', 'explained',
  'saw', 'called', 'rang', 'phoned', 'emailed', 'answered', 'replied', 'contacted', 'picked', 'stepped']);
/** Session 14: a preference that a person take the case: "I'd rather a person from the tech side looked at it". */
function personPreferred(toks: string[], nouns: (string | null)[]): { start: number; end: number } | null {
  for (let i = 0; i + 2 < toks.length; i++) {
    if (!PREFERENCE.has(toks[i])) continue;
    let j = i + 1;
    while (j < toks.length && j <= i + 4 && nouns[j] === null && PREFERENCE_LINK.has(toks[j])) j++;
    if (j >= toks.length || nouns[j] === null || NOT_ONE_PERSON.has(nouns[j] as string)) continue;
    for (let k = j + 1; k < Math.min(toks.length, j + 7); k++) {
      const t = toks[k];
      if (NEGATIONS.has(t)) break;
      if (TAKE_OVER.has(t) || TAKE_OVER_PAST.has(t)) return { start: i, end: k };
    }
  }
  return null;
}

/** A naming word before a role noun: a plain word that is not a verb, a negation, a linker or a person noun. */
function isNamingWord(toks: string[], s: number, j: number): boolean {
  const t = toks[s];
  if (NEGATIONS.has(t) || LINKERS.has(t) || !/^[a-z]+$/.test(t)) return false;
  // only directly before the role, or before another naming word that is
  for (let k = s + 1; k < j; k++) if (LINKERS.has(toks[k])) return false;
  return true;
}

const CONTACT_VERBS = new Set(['call', 'ring', 'phone', 'telephone', 'email', 'mail', 'message', 'text', 'dm', 'contact', 'write', 'reach', 'revert', 'whatsapp', 'sms', 'buzz']);
/** Contact verbs only a person does: any time word after them makes a request ("call me on Monday"). */
const VOICE_VERBS = new Set(['call', 'ring', 'phone', 'telephone', 'contact', 'revert', 'buzz']);
/** Words that may follow "call me" / "email me" in a request (not an object: "email me the invoice"). */
const CONTACT_END = new Set(['back', 'please', 'asap', 'instead', 'directly', 'personally', 'rather', 'urgently', 'thanks', 'thank', 'today', 'tonight', 'tomorrow', 'now', 'soon', 'right', 'first', 'quickly', 'immediately', 'myself', 'pls', 'sir', 'maam', 'po', 'again', 'yourself', 'yourselves', 'whenever', 'sometime']);
/** Weaker continuations ("email me when...", "text me about..."): a request when a person is named or the verb is a call. */
const CONTACT_WEAK = new Set(['when', 'about', 'regarding', 're', 'later', 'if', 'once', 'at', 'on', 'by', 'via', 'before', 'after', 'between', 'this', 'as', 'and', 'so', 'then', 'within', 'in', 'to', 'with', 'from', 'tomorrow', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'morning', 'afternoon', 'evening']);
const COURIERS = new Set(['driver', 'drivers', 'rider', 'riders', 'courier', 'couriers', 'postman', 'postie', 'postwoman', 'van', 'delivery', 'dpd', 'ups', 'dhl', 'fedex', 'hermes', 'evri', 'bank', 'it', 'app']);
const BE_CONTACTED = new Set(['called', 'contacted', 'phoned', 'rung', 'emailed', 'messaged', 'texted', 'telephoned']);
const FAMILY = new Set(['husband', 'wife', 'partner', 'mum', 'mom', 'mother', 'dad', 'father', 'son', 'daughter', 'brother', 'sister', 'office', 'mobile', 'landline', 'assistant', 'colleague', 'boss', 'secretary', 'carer', 'friend']);
const CALL_NOUNS = new Set(['ring', 'call', 'buzz', 'bell', 'shout', 'line', 'callback', 'email', 'message', 'text', 'phone']);

/** "call me", "ring us back", "email me instead", "give me a buzz", "drop me a line", "reply to my email", "get back to me". */
function contactFrame(toks: string[], personNamed: boolean): { start: number; end: number } | null {
  for (let i = 0; i < toks.length; i++) {
    const w = toks[i];
    let end = -1;
    if (CONTACT_VERBS.has(w)) {
      let k = i + 1;
      if ((w === 'write' || w === 'revert' || w === 'reach') && (toks[k] === 'to' || toks[k] === 'out')) k++;
      if (w === 'reach' && toks[k] === 'to') k++;
      // "can your support staff call my husband": staff asked to contact someone of the customer's.
      if (toks[k] === 'my' && personNamed && VOICE_VERBS.has(w) && toks[i - 1] !== 'i' && toks[i - 1] !== 'we' && FAMILY.has(toks[k + 1] ?? '')) end = k + 1;
      else if (toks[k] === 'me' || toks[k] === 'us') {
        const next = toks[k + 1];
        if (next === undefined || CONTACT_END.has(next) || /^\d/.test(next)) end = next === 'back' ? k + 1 : k;
        else if (CONTACT_WEAK.has(next) && (personNamed || VOICE_VERBS.has(w))) end = k;
        // "will the parcel still reach me": things reach people too; "reach me" needs a person named.
        if (w === 'reach' && !personNamed) end = -1;
      }
    } else if (w === 'be' && (toks[i - 1] === 'to' || toks[i - 1] === 'can' || toks[i - 1] === 'could') && BE_CONTACTED.has(toks[i + 1] ?? '')) {
      // "I'd like to be called", "can I be contacted by phone", "I want to be rung back".
      const next = toks[i + 2];
      if (next === undefined || CONTACT_END.has(next) || CONTACT_WEAK.has(next) || /^\d/.test(next)) end = next === 'back' ? i + 2 : i + 1;
    } else if ((w === 'reply' || w === 'respond' || w === 'answer') && (toks[i + 1] === 'to' ? toks[i + 2] : toks[i + 1]) === 'my') {
      const k = toks[i + 1] === 'to' ? i + 3 : i + 2;
      if (['email', 'emails', 'mail', 'message', 'messages', 'query', 'enquiry', 'inquiry', 'complaint', 'letter', 'ticket'].includes(toks[k] ?? '') && personNamed) end = k;
    } else if (w === 'get' && toks[i + 1] === 'back' && toks[i + 2] === 'to' && (toks[i + 3] === 'me' || toks[i + 3] === 'us')) end = i + 3;
    else if (w === 'get' && toks[i + 1] === 'in' && toks[i + 2] === 'touch' && toks[i + 3] === 'with' && (toks[i + 4] === 'me' || toks[i + 4] === 'us')) end = i + 4;
    else if ((w === 'give' || w === 'drop') && (toks[i + 1] === 'me' || toks[i + 1] === 'us') && (toks[i + 2] === 'a' || toks[i + 2] === 'an') && CALL_NOUNS.has(toks[i + 3] ?? '')) {
      const noun = toks[i + 3];
      const after = toks[i + 4];
      // "give me a ring" / "drop me a line": not "give me an email address" or "a text box".
      if (after === undefined || !/^[a-z]+$/.test(after) || CONTACT_END.has(after) || CONTACT_WEAK.has(after) || (noun === 'call' && after === 'back')) end = i + 3;
    }
    if (end < 0) continue;
    // Declined: "no need to email me", "I don't need anyone to call me", "please don't call me"; or the courier
    // calls ("can the rider call me before coming", "will the driver ring me"): delivery, not a person of the shop.
    let negated = false;
    for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
      if (toks[k] === 'but' || toks[k] === 'so') break;
      if (negatedAt(toks, k) || toks[k] === 'stop' || (k >= i - 3 && COURIERS.has(toks[k]))) negated = true;
    }
    // Session 9: "will they call me before?", "does he ring us first": asks whether someone (the courier) will phone, not for a person.
    if ((toks[i - 1] === 'they' || toks[i - 1] === 'he' || toks[i - 1] === 'she') && (toks[i - 2] === 'will' || toks[i - 2] === 'would' || toks[i - 2] === 'do' || toks[i - 2] === 'does')) negated = true;
    if (!personNamed && courierCallsAhead(toks, i, end)) negated = true;
    if (negated) continue;
    // Session 17 (hostile s16 #8): a call asked for on a delivery event is for the courier, not a person of the shop.
    if (!personNamed && onDeliveryEvent(toks, end)) continue;
    return { start: i, end };
  }
  return null;
}

/**
 * Session 35 (fe, issue 11): "they" / "he" / "she" who may ring or text are the courier, when the courier is named before
 * it in the message ("Do you share my phone number with the courier so they can text me?") or the call is asked for ahead
 * of the delivery ("can they ring me 30 min before, it's a gated yard", "could he text me first"; not "first thing tomorrow"): delivery, not a person
 * of the shop. Not with a person of the shop named (the caller checks personNamed): "can they call me back, the manager".
 */
const THIRD_PERSON = new Set(['they', 'he', 'she']);
const MODALS = new Set(['can', 'could', 'will', 'would', 'may', 'might']);
const AHEAD = new Set(['before', 'beforehand', 'first', 'ahead', 'prior']);
function courierCallsAhead(toks: string[], i: number, end: number): boolean {
  const who = THIRD_PERSON.has(toks[i - 1] ?? '') && MODALS.has(toks[i - 2] ?? '') ? i - 1 : THIRD_PERSON.has(toks[i - 2] ?? '') && MODALS.has(toks[i - 1] ?? '') ? i - 2 : -1;
  if (who < 0) return false;
  for (let k = 0; k < who; k++) if (COURIER_NAMED.has(toks[k])) return true;
  for (let k = end + 1; k < Math.min(toks.length, end + 6); k++) if (AHEAD.has(toks[k]) && toks[k + 1] !== 'thing') return true;
  return false;
}
/** Who delivers, named ("courier", "driver", "DPD"): not "delivery", "bank" or "app", which COURIERS also reads right before the verb. */
const COURIER_NAMED = new Set(['driver', 'drivers', 'rider', 'riders', 'courier', 'couriers', 'postman', 'postie', 'postwoman', 'dpd', 'ups', 'dhl', 'fedex', 'hermes', 'evri', 'yodel']);

/**
 * Session 17 (hostile s16 #8): the contact asked for only when something happens to the delivery: "call me on 07700
 * 900123 if the courier can't find it", "ring me when the parcel arrives", "text me once the driver is outside". A
 * condition word (if, when, once, in case) within eight words after "call me", and within six words after
 * it the courier, the parcel or what happens at the door (arrives, outside, can't find, gets lost). Not "call me if
 * nobody can sort this": a condition about the shop's help is still a request for a person.
 */
const CONDITIONS = new Set(['if', 'when', 'once', 'whenever', 'incase']);
const DELIVERY_EVENT = new Set(['courier', 'couriers', 'driver', 'drivers', 'rider', 'riders', 'postman', 'postie', 'postwoman', 'van', 'delivery', 'deliveries', 'parcel', 'parcels', 'package', 'packages', 'dpd', 'ups', 'dhl', 'fedex', 'evri', 'hermes', 'yodel',
  'arrive', 'arrives', 'arrived', 'arriving', 'outside', 'delivered', 'delivering', 'find', 'finding', 'locate', 'lost']);
/** The courier named, after which "find", "locate", "lost" are the courier's (not "once you locate my parcel"). */
const COURIER_WORDS = new Set(['courier', 'couriers', 'driver', 'drivers', 'rider', 'riders', 'postman', 'postie', 'postwoman', 'van', 'dpd', 'ups', 'dhl', 'fedex', 'evri', 'hermes', 'yodel']);
const COURIER_ONLY = new Set(['find', 'finding', 'locate', 'lost']);
/** The shop acting in the condition ("when you get this", "once you locate it", "if someone can"): its help, not the courier's. */
const SHOP_ACTS = new Set(['you', 'u', 'ya', 'youve', 'youre', 'youll', 'someone', 'somebody', 'anyone', 'anybody']);
/** "if you can't find the building", "if u cannot find us": said to whoever comes to the door, not to the shop (not "if you can't find my parcel"). */
function youCannotFindThePlace(toks: string[], at: number): boolean {
  let k = at;
  if (toks[k] === 'can' && toks[k + 1] === 'not') k += 2;
  else if (toks[k] === 'cant' || toks[k] === 'cannot' || toks[k] === 'couldnt') k += 1;
  else return false;
  return (toks[k] === 'find' || toks[k] === 'locate') && toks[k + 1] !== 'my' && toks[k + 1] !== 'our';
}
function onDeliveryEvent(toks: string[], end: number): boolean {
  for (let k = end + 1; k < Math.min(toks.length, end + 9); k++) {
    const t = toks[k];
    // ("as soon as" is asap, not an event: "call me as soon as possible about my parcel".)
    const cond = CONDITIONS.has(t) || (t === 'case' && toks[k - 1] === 'in');
    if (!cond) continue;
    if (SHOP_ACTS.has(toks[k + 1] ?? '')) return youCannotFindThePlace(toks, k + 2);
    let courier = false;
    for (let m = k + 1; m < Math.min(toks.length, k + 7); m++) {
      if (COURIER_WORDS.has(toks[m])) courier = true;
      if (DELIVERY_EVENT.has(toks[m]) && (courier || !COURIER_ONLY.has(toks[m]))) return true;
    }
    return false;
  }
  return false;
}

/** "call me ... if the courier can't find it": the words from the contact verb to the delivery event, or null. */
function callOnDeliveryEvent(toks: string[]): string | null {
  for (let i = 0; i + 1 < toks.length; i++) {
    if (!CONTACT_VERBS.has(toks[i]) || (toks[i + 1] !== 'me' && toks[i + 1] !== 'us')) continue;
    if (!onDeliveryEvent(toks, i + 1)) continue;
    let last = i + 1;
    for (let m = i + 2; m < Math.min(toks.length, i + 16); m++) if (DELIVERY_EVENT.has(toks[m])) { last = m; break; }
    return toks.slice(i, last + 1).join(' ');
  }
  return null;
}

const THERE_HEADS = new Set(['support', 'service', 'anyone', 'anybody', 'someone', 'somebody', 'staff', 'people', 'humans', 'human', 'person', 'persons', 'agent', 'agents', 'employee', 'employees', 'team', 'one', 'soul', 'souls', 'being', 'beings']);
/** Round eight: words that may stand between "is there" and the person ("is there an actual living soul reading this"). */
const THERE_ADJ = new Set(['a', 'an', 'any', 'real', 'actual', 'live', 'living', 'human', 'single', 'breathing', 'flesh', 'and', 'blood', 'genuine']);
/** "is there <adjectives> <person>" with up to four adjectives, or "are there <adjectives> people". */
function thereBefore(toks: string[], i: number): boolean {
  let k = i - 1;
  while (k >= Math.max(0, i - 5) && THERE_ADJ.has(toks[k])) k--;
  return k < i - 1 && toks[k] === 'there' && (toks[k - 1] === 'is' || toks[k - 1] === 'are');
}
const THERE_PLACES = new Set(['there', 'here', 'around', 'online', 'available', 'about', 'awake', 'working', 'behind', 'on', 'in', 'alive', 'home', 'reading', 'read', 'real', 'human', 'actually', 'really', 'live', 'free']);
/**
 * What may follow "anyone there": the end of the sentence, or more about being there or being a person. A
 * rhetorical question goes on about the company ("does anyone there actually care", "is anyone there even
 * paid to read these", "anyone in this company who knows what they are doing") and is not a request.
 */
const THERE_NEXT = /^(who (actually |really )?(works|is (real|human|a human|a person|alive))|i (can|could|may) (talk|chat|speak|ask)|to (talk|chat|speak|help me)|who (can|could) (talk|chat|speak|help me)|(right )?now|today|tonight|at the moment|please|hello|hi|online|available|around|there|here|at all|on (this|the) chat|in the (building|office|shop|store)|from \w+|or (is it|am i|just|only|a|an|the|this|is this)|working|awake|real|human|alive|actually (there|here|working|online|available|real)|(behind|on|in) (this|the) (chat|screen|service|line|website|site|app)|the (building|office|shop|store|chat|line)|this (chat|line|service))( |$)/;
/** "is anyone reading this": only the customer's own messages are read. */
const READ_NEXT = /^(this|these|my messages|the messages|the chat|any of this|me)( |$)/;

/** Asking whether a person is there at all: "anyone there?", "any staff in the building?", "are there people behind this chat". */
function anyoneThere(toks: string[]): { start: number; end: number } | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!THERE_HEADS.has(t)) continue;
    const prev = toks[i - 1];
    const framed = t === 'anyone' || t === 'anybody' || prev === 'any' || (toks[i - 2] === 'any' && (prev === 'real' || prev === 'actual' || prev === 'live' || prev === 'human')) || (prev === 'there' && (toks[i - 2] === 'is' || toks[i - 2] === 'are')) || (toks[i - 2] === 'there' && (toks[i - 3] === 'is' || toks[i - 3] === 'are') && (prev === 'a' || prev === 'any' || prev === 'real'));
    if (!framed && !thereBefore(toks, i)) continue;
    if (t === 'one' && prev !== 'real') continue;
    // "soul" / "being" name a person only as "a living soul", "a human being".
    if ((t === 'soul' || t === 'souls') && !THERE_ADJ.has(prev ?? '')) continue;
    if ((t === 'being' || t === 'beings') && prev !== 'human') continue;
    // "any of your team on?": skip "of your".
    let k = i + 1;
    if (t === 'any' || (toks[k] === 'of' && (toks[k + 1] === 'your' || toks[k + 1] === 'the'))) k += 2;
    if (k !== i + 1 && THERE_HEADS.has(toks[k] ?? '')) k++;
    // "is anyone from Northwind reading these": skip "from <name>" / "from your company", and "actually" / "really".
    if (toks[k] === 'from' && toks[k + 1] !== undefined) k += toks[k + 1] === 'your' || toks[k + 1] === 'the' || toks[k + 1] === 'our' ? 3 : 2;
    while ((toks[k] === 'actually' || toks[k] === 'really') && THERE_PLACES.has(toks[k + 1] ?? '')) k++;
    const next = toks[k];
    if (next === undefined || !THERE_PLACES.has(next)) continue;
    // "is there anyone at the store who..." is still a person; "anyone in my family" is not.
    if ((next === 'in' || next === 'at' || next === 'on') && (toks[k + 1] === 'my' || toks[k + 1] === 'his' || toks[k + 1] === 'her')) continue;
    const rest = toks.slice(k + 1).join(' ');
    if (rest !== '' && !(next === 'read' || next === 'reading' ? READ_NEXT : THERE_NEXT).test(rest)) continue;
    let negated = false;
    for (let m = i - 1; m >= Math.max(0, i - 4); m--) if (toks[m] === 'not' || toks[m] === 'no' || toks[m] === 'without' || toks[m] === 'if') negated = true;
    if (negated) continue;
    return { start: i, end: k };
  }
  return null;
}

const BOT_NOUNS = new Set(['bot', 'bots', 'chatbot', 'chatbots', 'robot', 'robots', 'machine', 'machines', 'computer', 'ai', 'automated', 'automation', 'assistant']);
const BOT_DETERMINERS = new Set(['a', 'an', 'the', 'this', 'that', 'your', 'some', 'more', 'another', 'stupid', 'dumb', 'automated', 'virtual']);
const NOT_A_BOT = new Set(['not', 'no', 'without', 'never']);
/** The words a rejection of the bot opens with (NOT_A_BOT, "instead of", "rather than"): withoutBotRejections' gate. */
const BOT_REJECTION_OPENERS = tokenGate(new Set([...NOT_A_BOT, 'instead', 'rather']));

/**
 * The tokens without phrases that reject the bot ("not the bot", "no more bots", "instead of a bot",
 * "rather than this bot"): they are the opposite of a negated request, and would otherwise read as one.
 */
function withoutBotRejections(toks: string[]): string[] {
  // (Session 24, speed: every rejection opens with one of these words; a message with none is returned at once.)
  if (!hasGateWord(toks, BOT_REJECTION_OPENERS)) return toks;
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
/** The words of a message the request rules read at most (the last ones of a longer letter). */
const LETTER_WORDS = 200;
/** The last words of a longer letter that the request rules read. */
const LETTER_TAIL = 60;

function requestIn(analysis: TextAnalysis): Found | null {
  const known = foundByAnalysis.get(analysis);
  if (known !== undefined) return known;
  const raw = readTexting(canonicalTokens(analysis));
  const all = withoutBotRejections(raw);
  presenceText = analysis.text.includes('?') ? analysis.text : null;
  // Very long messages are letters, not chat turns; 200 words keeps the worst case bounded. Session 11 (hostile #13): a
  // letter longer than that is read by its last LETTER_TAIL words (the point of a long letter comes at its end: "... so
  // can I please speak to a manager"), and its sentences as before; it used to be skipped whole. (Not its last 200: the
  // walk from each person noun back to its verb is quadratic on "agent agent agent ...", 47 ms at 199 words, load 20.)
  const toks = all.length > LETTER_WORDS ? all.slice(-LETTER_TAIL) : all;
  let found: Found | null = null;
  if (toks.length > 0 && !retracted(raw) && !disclaims(joinedTokens(raw))) {
    lazyText = analysis.text;
    lazySentencesOf = null;
    lazyClausesOf = null;
    const nouns = nounsOf(toks);
    found = findRequest(toks, lazySentences, nouns, lazyClauses);
    // A presence check counts for the whole message only: "promo codes?? anyone" nudges a shop question, it does not
    // ask for a person (its last sentence alone would read as one).
    presenceText = null;
    // Each sentence on its own: a negation or a word of the sentence before no longer leans on this one
    // ("computer says no. I want someone who can say yes.", "Ring me. Same number as the order."). Only when
    // the message names a person or a way to be contacted at all (most messages do not: they skip this).
    if (found === null) {
      // Only the sentences that hold a person or a contact word are read again.
      let triggers: string[] | null = null;
      for (let k = 0; k < toks.length; k++) {
        if (nouns[k] !== null || CONTACT_VERBS.has(toks[k]) || BE_CONTACTED.has(toks[k])) (triggers ??= []).push(...spellingsOf(toks[k]));
      }
      if (triggers !== null) {
        const list = lazySentences();
        for (let k = 0; found === null && k < list.length; k++) {
          const norm = list[k].norm;
          if (triggers.some((t) => norm.includes(t))) found = findRequest(sentenceTokens(list[k]), NO_SENTENCES);
        }
      }
    }
    if (found === null) {
      const machine = rejectsMachine(raw);
      if (machine) found = { words: raw.slice(machine.start, machine.end + 1).join(' '), typos: [] };
    }
  }
  foundByAnalysis.set(analysis, found);
  return found;
}

const NO_SENTENCES = (): Sentence[] => [];

/**
 * The sentences and comma clauses of the message requestIn is reading, worked out on first use (module state set by
 * requestIn, read synchronously inside it; session 11: no closures made per message).
 */
let lazyText = '';
let lazySentencesOf: Sentence[] | null = null;
let lazyClausesOf: Sentence[] | null = null;
function lazySentences(): Sentence[] {
  return (lazySentencesOf ??= sentencesOf(lazyText));
}
function lazyClauses(): Sentence[] {
  return (lazyClausesOf ??= clausesOf(lazyText));
}

/** Texting spellings the NLU layer keeps as they are: "hmn", "sum1", "mngr", "cust svc", "cb", "rl one", "talk 2 ...". */
const TEXTING: Record<string, string> = {
  hmn: 'human', hmns: 'humans', humn: 'human', sm1: 'someone', sum1: 'someone', some1: 'someone', sumone: 'someone', smone: 'someone',
  any1: 'anyone', ne1: 'anyone', ny1: 'anyone', anybdy: 'anybody', smbdy: 'somebody', sumbody: 'somebody', mngr: 'manager',
  mgr: 'manager', mangr: 'manager', managr: 'manager', supvr: 'supervisor', cust: 'customer', svc: 'service', serv: 'service',
  srvc: 'service', cs: 'customer', cb: 'callback', callbk: 'callback', rl: 'real', msg: 'message', mssg: 'message', txt: 'text',
  cn: 'can', cld: 'could', cud: 'could', w: 'with', wit: 'with', hlp: 'help', spk: 'speak', ph: 'phone', fone: 'phone',
  tel: 'phone', emp: 'employee', som1: 'someone', frm: 'from', bk: 'back', req: 'request', rqst: 'request',
  custmer: 'customer', custumer: 'customer', cusomer: 'customer', costumer: 'customer', customr: 'customer', servce: 'service',
  servise: 'service', sevice: 'service', serivce: 'service', suport: 'support', supprt: 'support', rep: 'rep', pple: 'people', peeps: 'people', dept: 'department', deptt: 'department',
};
/** "2" is "to" after a verb or before a person ("talk 2 some1", "speak 2 manger"). */
const TO_BEFORE = new Set(['talk', 'speak', 'chat', 'get', 'send', 'transfer', 'connect', 'me', 'through', 'thru', 'over', 'back', 'pass', 'go', 'want', 'need']);

/** Session 8 (speed): TEXTING as a Map (a look-up per token of every message; the object's hasOwn + index was slower). */
const TEXTING_MAP = new Map(Object.entries(TEXTING));
/** Every token readTexting may rewrite (session 24, speed: a message with none of them is returned at once). */
const TEXTING_WORDS = tokenGate(new Set([...TEXTING_MAP.keys(), '2']));
const TOLD_NEXT = new Set(['if', 'whether', 'what', 'whats', 'where', 'when', 'how', 'which', 'why', 'who', 'about', 'the', 'abt', 'wat', 'wot', 'wen', 'wich']);
function readTexting(toks: string[]): string[] {
  if (!hasGateWord(toks, TEXTING_WORDS)) return toks;
  let out: string[] | null = null;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    let r: string | undefined = TEXTING_MAP.get(t);
    if (t === '2' && (TO_BEFORE.has(toks[i - 1] ?? '') || SOMEONE.has(TEXTING_MAP.get(toks[i - 1]) ?? toks[i - 1] ?? '') || toks[i + 1] === 'call')) r = 'to';
    // Session 34 (fe): "cud you tel me if the bed frame has storage": "tel" is "tell" before what is to be told.
    if (t === 'tel' && (toks[i + 1] === 'me' || toks[i + 1] === 'us') && TOLD_NEXT.has(toks[i + 2] ?? '')) r = undefined;
    if (t === 'cs' && toks[i + 1] !== 'please' && toks[i + 1] !== undefined && toks[i + 1] !== 'team' && toks[i + 1] !== 'agent') r = undefined;
    if (r !== undefined && r !== t) {
      out ??= toks.slice(0, i);
      if (t === 'cs') out.push('customer', 'service');
      else out.push(r);
    } else out?.push(t);
  }
  return out ?? toks;
}

/** A sentence end followed by more words (not "3.5", which has no space after the dot). */
const SENTENCE_BREAK = /(?<=[.!?;\n]\s*)[A-Za-z\u00c0-\u024f\u00bf\u00a1]/;

/** The message's sentences as token lists (only when it has two or more), for bare requests inside longer messages. */
interface Sentence {
  /** Lower-cased, accents and punctuation removed. */
  norm: string;
  words: number;
  /** Its tokens as the detector reads them, worked out only when a sentence is read. */
  toks: string[] | null;
}

function sentencesOf(text: string): Sentence[] {
  // One sentence (perhaps ending in "?"): nothing to split. Most messages stop here.
  if (!SENTENCE_BREAK.test(text)) return [];
  const parts = text.split(/[.!?;\n]+/);
  if (parts.length < 2) return [];
  const out = partsAsSentences(parts, !/[^\x00-\x7f]/.test(text), 200);
  return out.length > 1 ? out : [];
}

/** The non-empty parts of a message, folded and lower-cased like the detector reads text; at most `maxWords` each. */
function partsAsSentences(parts: string[], ascii: boolean, maxWords: number): Sentence[] {
  const out: Sentence[] = [];
  for (const part of parts) {
    if (ascii) {
      const norm = foldAscii(part);
      if (norm !== '' && foldedWords <= maxWords) out.push({ norm, words: foldedWords, toks: null });
      continue;
    }
    const folded = part.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const norm = folded.toLowerCase().replace(/['\u2019]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
    if (norm === '') continue;
    let words = 1;
    for (let i = 0; i < norm.length; i++) if (norm.charCodeAt(i) === 32) words++;
    if (words <= maxWords) out.push({ norm, words, toks: null });
  }
  return out;
}

/** The words foldAscii's last answer has (its runs of letters and digits). */
let foldedWords = 0;
/** foldedWords, for the tests. */
export const lastFoldedWords = (): number => foldedWords;
/**
 * Session 43 (perf): `part.toLowerCase().replace(/'/g, '').replace(/[^a-z0-9]+/g, ' ').trim()` for an ASCII part, in one
 * pass (the three scans and two strings per sentence were ~2% of a long message's evaluation), counting its words
 * (foldedWords) on the way: runs of letters and digits, an apostrophe inside one joining it ("don't": "dont"), any
 * other character between two runs one space. explicitS43Fold.test.ts holds it to the patterns.
 */
export function foldAscii(part: string): string {
  const lower = part.toLowerCase();
  let norm = '';
  let words = 0;
  let start = -1;
  let gap = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) {
        if (gap && norm !== '') {
          norm += ' ';
          words++;
        }
        gap = false;
        start = i;
      }
    } else {
      if (start >= 0) {
        norm += lower.slice(start, i);
        start = -1;
      }
      if (c !== 39) gap = true;
    }
  }
  if (start >= 0) norm += lower.slice(start);
  foldedWords = norm === '' ? 0 : words + 1;
  return norm;
}

/** Clauses of more words than this are never read as a request on their own (findRequest, 2c). */
const CLAUSE_WORDS = 5;

/**
 * A message's comma clauses of at most CLAUSE_WORDS words (only when it has a comma and two or more non-empty clauses),
 * read like sentences. Session 12 (speed): an ASCII clause's words are counted in one pass over its characters (the runs
 * of letters and digits, apostrophes joining, as partsAsSentences folds it) and only the short ones are folded; the
 * longer ones were skipped by their only reader anyway.
 */
function clausesOf(text: string): Sentence[] {
  if (!text.includes(',')) return [];
  const parts = text.split(/[,.!?;\n]+/);
  if (parts.length < 2) return [];
  if (/[^\x00-\x7f]/.test(text)) {
    const all = partsAsSentences(parts, false, Number.POSITIVE_INFINITY);
    return all.length > 1 ? all.filter((c) => c.words <= CLAUSE_WORDS) : [];
  }
  let nonEmpty = 0;
  const short: string[] = [];
  for (const part of parts) {
    let words = 0;
    let inWord = false;
    for (let i = 0; i < part.length && words <= CLAUSE_WORDS; i++) {
      const c = part.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
        if (!inWord) words++;
        inWord = true;
      } else if (c !== 39) inWord = false;
    }
    if (words === 0) continue;
    nonEmpty++;
    if (words <= CLAUSE_WORDS) short.push(part);
  }
  return nonEmpty > 1 ? partsAsSentences(short, true, CLAUSE_WORDS) : [];
}

function sentenceTokens(s: Sentence): string[] {
  return (s.toks ??= withoutBotRejections(readTexting(canonicalizeText(s.norm))));
}

/** The spellings a token may have had before texting was read ("someone" from "sum1"), to find its sentence. */
let spellings: Map<string, string[]> | null = null;
function spellingsOf(tok: string): string[] {
  if (spellings === null) {
    spellings = new Map();
    for (const [from, to] of Object.entries(TEXTING)) spellings.set(to, [...(spellings.get(to) ?? [to]), from]);
  }
  return spellings.get(tok) ?? [tok];
}

/** Saying no person is needed, or asking only out of curiosity: "not that I need them, just curious", "don't need one now". */
const DISCLAIMS = /\b(not that i need|do not need (one|them|anyone|anybody|a person|a human|one now)|no need for (anyone|anybody) to|(just|only) (curious|wondering)|i was (going|about) to ask|was going to ask)\b/;

/**
 * DISCLAIMS.test(text). Session 12 (speed): each of its readings contains "need", "curious", "wondering" or "ask"
 * literally, so a text with none of them (most messages) skips the pattern's scan of the whole text.
 */
function disclaims(text: string): boolean {
  return (text.includes('need') || text.includes('ask') || text.includes('curious') || text.includes('wondering')) && DISCLAIMS.test(text);
}

/** "Could a member of your team... oh never mind, I found the size guide myself": a request taken back. */
function retracted(toks: string[]): boolean {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const cue = (t === 'never' && toks[i + 1] === 'mind') || t === 'nevermind' || t === 'nvm' || ((t === 'forget' || t === 'scratch' || t === 'ignore') && (toks[i + 1] === 'it' || toks[i + 1] === 'that'));
    if (!cue) continue;
    for (let k = i + 1; k < Math.min(toks.length, i + 8); k++) {
      if (['found', 'figured', 'sorted', 'solved', 'worked', 'fixed', 'managed', 'see'].includes(toks[k])) return true;
    }
  }
  return false;
}

/** Refusing to talk to the machine any longer: "I don't want automated answers", "switch off autopilot", "I want out of this chatbot". */
const MACHINE = new Set(['bot', 'bots', 'chatbot', 'chatbots', 'robot', 'robots', 'software', 'program', 'programme', 'autopilot', 'ai', 'script', 'scripts', 'faq', 'faqs', 'algorithm', 'computer', 'machine', 'machines', 'autoreply', 'autoreplies']);
/** Kinds of answer that are the machine's: "automated replies", "canned answers", "auto responses". */
const MACHINE_ADJ = new Set(['automated', 'automatic', 'auto', 'canned', 'generic', 'scripted', 'robotic', 'computer', 'computerised', 'computerized', 'copy', 'bot', 'template', 'standard']);
const MACHINE_OUTPUT = new Set(['reply', 'replies', 'answer', 'answers', 'response', 'responses', 'message', 'messages', 'chat', 'service', 'system', 'thing', 'assistant', 'voice', 'text', 'stuff', 'help', 'support', 'nonsense', 'rubbish']);
const MACHINE_FILL = new Set(['to', 'keep', 'argue', 'arguing', 'type', 'typing', 'writing', 'messaging', 'communicate', 'communicating', 'go', 'going', 'fight', 'fighting', 'explain', 'explaining', 'repeat', 'repeating', 'myself', 'talking', 'chatting', 'dealing', 'deal', 'talk', 'chat', 'speak', 'speaking', 'with', 'a', 'an', 'the', 'this', 'that', 'your', 'any', 'more', 'another', 'of', 'these', 'those', 'stupid', 'dumb', 'useless', 'bloody', 'same', 'just', 'from', 'getting', 'receiving', 'reading', 'being', 'by', 'answered', 'an', 'all', 'it', 'off', 'on', 'online', 'automated', 'automatic', 'auto', 'fake', 'silly']);
const NOT_A_MACHINE_NEXT = new Set(['washable', 'wash', 'washing', 'washed', 'learning', 'readable', 'made', 'dry', 'dryable', 'gun', 'safe', 'cleaner', 'vacuum']);

function rejectsMachine(toks: string[]): { start: number; end: number } | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const a = toks[i + 1];
    const b = toks[i + 2];
    let after = -1;
    let strongOnly = false;
    let adjOnly = false;
    if (t === 'refuse' || t === 'quit') after = i + 1;
    else if ((t === 'not' && (a === 'want' || a === 'like') && toks[i - 1] === 'do')) after = i + 2;
    else if (t === 'not' && (a === 'talking' || a === 'chatting' || a === 'speaking' || a === 'dealing' || a === 'arguing') && (b === 'to' || b === 'with')) after = i + 3;
    else if ((t === 'sick' || t === 'tired') && a === 'of') after = i + 2;
    else if (t === 'fed' && a === 'up' && b === 'with') after = i + 3;
    else if ((t === 'enough' || t === 'done') && (a === 'of' || a === 'with')) after = i + 2;
    else if ((t === 'out' || t === 'opt') && a === 'of') after = i + 2;
    else if (t === 'no' && (a === 'more' || a === 'satisfaction')) after = a === 'satisfaction' ? i + 3 : i + 2;
    else if ((t === 'switch' || t === 'turn' || t === 'shut') && a === 'off') after = i + 2;
    else if (t === 'rather' && a === 'not') after = i + 2;
    else if (t === 'stop' || t === 'skip' || (t === 'get' && a === 'me' && b === 'off')) {
      after = t === 'get' ? i + 3 : i + 1;
      strongOnly = true;
    }
    else if (t === 'not' || t === 'no') {
      // "not this auto reply": only the machine's kind of answer, never "not a bot question" or "I'm not a bot".
      after = i + 1;
      adjOnly = true;
    }
    if (after < 0) continue;
    for (let k = after; k < Math.min(toks.length, after + 6); k++) {
      const w = toks[k];
      const next = toks[k + 1];
      if (!adjOnly && MACHINE.has(w) && !NOT_A_MACHINE_NEXT.has(next ?? '') && (k === after || MACHINE_FILL.has(toks[k - 1]))) return { start: i, end: k };
      if (!strongOnly && MACHINE_ADJ.has(w) && next !== undefined && MACHINE_OUTPUT.has(next)) return { start: i, end: k + 1 };
      if (!MACHINE_FILL.has(w)) break;
    }
  }
  return null;
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
  'coworker', 'coworkers', 'workmate', 'workmates', 'teammate', 'teammates', 'staffer', 'staffers',
]);
/** Ways to be contacted: they speak of a person only as "call me", "email us back", "a call", "a callback". */
const CHANNEL_WORDS = new Set(['call', 'ring', 'phone', 'telephone', 'email', 'contact']);
const DESK_KINDS = new Set(['help', 'service', 'front', 'support', 'information', 'customer', 'head', 'main', 'sales', 'billing', 'returns']);
/** The customer's own people ("our accounts team", "my manager", "her email") are not the shop's. */
const OWNERS = new Set(['our', 'my', 'his', 'her', 'their']);
const WHO_CAN = /( who (?:else )?can (?:help(?: me| us)?(?: with (?:this|it|that))?|do it|do this|sort (?:it|this|that)(?: out)?|fix (?:it|this|that)|deal with (?:it|this|that)|answer(?: me| this)?)(?: then| instead| please| pls)?) $/;

/**
 * Session 15: asking whom to speak to, at the end of the message ("I have photos and batch numbers. Who do I speak to?",
 * "who should we talk to about this then"): the customer asks for the person who deals with it. Not "who do I make the
 * cheque out to" (another verb) nor "who do I speak to about returns, the bot?" (a topic after it: often a question about
 * the shop's process).
 */
const WHO_TO = /( who (?:do|should|can|could|would|shall|must) (?:i|we) (?:speak|talk|write|complain|chat) (?:to|with)(?: about (?:this|it|that))?)(?: then| please| pls| now)? $/;
/**
 * Session 15: a team named by what it does or by a naming word, after a talk verb ("I want to talk to the people who
 * handle refunds", "I need a word with your finance people", "put me on to the folks that deal with billing"): "people"
 * alone needs a qualifier ("real people"); here the naming word before it or the relative clause after it qualifies it.
 */
const TEAM_PEOPLE = / ((?:talk|speak|chat|word|put me|pass me|send me|transfer me|connect me|get me)(?: through| on| over)? (?:to|with|onto|on to) (?:the|your|ur) (?:(?:people|folks|guys|ones|lot) (?:who|that|which) (?:handle|handles|deal|deals|do|does|look|looks|sort|sorts|process|processes|are in charge|work|works|manage|manages)|[a-z]+ (?:people|folks|guys)))\b/;
/** A word TEAM_PEOPLE cannot match without (session 24, speed: one bit test instead of five searches of the line). */
const TEAM_WORDS = tokenGate(new Set(['people', 'folks', 'guys', 'ones', 'lot']));
const WHO_CAN_AFTER_CANNOT = / (?:can not|cannot|cant|unable|not able)(?: \w+){0,6}( who (?:else )?can)(?: then| please)? $/;

/** "talk me through", "walk us through" with no other word of a person (someone, staff, human, agent, a call...). */
const THROUGH_VERBS = new Set(['talk', 'walk', 'take', 'run']);
function explainThrough(toks: string[]): boolean {
  let through = -1;
  for (let i = 0; i + 2 < toks.length; i++) if (THROUGH_VERBS.has(toks[i]) && (toks[i + 1] === 'me' || toks[i + 1] === 'us') && toks[i + 2] === 'through') through = i;
  if (through < 0) return false;
  for (let i = 0; i < toks.length; i++) if (i !== through && PERSON_WORDS.has(toks[i])) return false;
  return true;
}

/** Doing something oneself at the shop: coming, collecting, paying, returning, seeing the goods. */
const IN_PERSON_ERRANDS = new Set(['come', 'coming', 'collect', 'collecting', 'pick', 'picking', 'get', 'fetch', 'pay', 'paying', 'return', 'returning',
  'drop', 'bring', 'visit', 'buy', 'shop', 'see', 'try', 'sign', 'deliver', 'hand']);
/** Whether an errand verb stands at most five words before "in person" at `inAt`. */
function collectsInPerson(toks: string[], inAt: number): boolean {
  for (let j = Math.max(0, inAt - 5); j < inAt; j++) if (IN_PERSON_ERRANDS.has(toks[j])) return true;
  return false;
}

function mentionsPerson(toks: string[]): boolean {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!PERSON_WORDS.has(t)) continue;
    // Session 19 (esc): "human resources" is a department that hires people ("a human resources office he could write to").
    if (t === 'human' && (toks[i + 1] === 'resources' || toks[i + 1] === 'resource')) continue;
    const prev = toks[i - 1];
    if (prev !== undefined && OWNERS.has(prev)) continue;
    if (prev !== undefined && toks[i - 2] !== undefined && OWNERS.has(toks[i - 2])) continue;
    // Session 29 (newcomer s28 N3): "in person" after coming, collecting, paying or returning says how, not who ("could
    // I come and get it in person rather than wait for the courier?", "can I pay in person"): the classifier read
    // "person" as someone to talk to (0.97). "discuss it in person", "speak to someone in person" still count.
    if ((t === 'person' || t === 'persons') && prev === 'in' && collectsInPerson(toks, i - 1)) continue;
    // Session 34 (fe): a limit, a shape or a picture ("a person limit", "a human shaped pillow", "a person on the box").
    if ((t === 'person' || t === 'human' || t === 'people') && describesAThing(toks, i)) continue;
    // Session 49 (conv11, hostile s49 M10): a charge or a price named after them ("is there an agent fee for returns?",
    // "an operator charge if I pay by phone"): the classifier read "agent" alone (0.95).
    if (MONEY_AFTER.has(toks[i + 1] ?? '')) continue;
    // "a desk", "office chairs" are furniture; "the help desk", "your head office" are people.
    if ((t === 'desk' || t === 'office') && !DESK_KINDS.has(prev ?? '')) continue;
    if (CHANNEL_WORDS.has(t)) {
      const next = toks[i + 1];
      if (!(next === 'me' || next === 'us' || next === 'back' || next === 'from' || prev === 'a' || prev === 'an' || (t === 'phone' && next === undefined))) continue;
    }
    return true;
  }
  return false;
}

/**
 * Messages that name a person or a phone without asking for one, which a linear model reads as requests:
 *  - about the bot ("Is this a human or AI? Asking for a school project", "are you a real person?") with no
 *    request word in them;
 *  - a person met before ("I chatted with someone from your team earlier", "a real person signed for it");
 *  - the customer describing themselves ("I'm an operator at a care home") or someone of theirs ("My sister is a customer
 *    service agent at a bank", session 19);
 *  - the shop's number as information ("is there a number I can call you on", "what number should she call");
 *  - a request taken back ("could a member of your team... never mind, I found it").
 */
/** Asking for a person in so many words (an exception to the recipient rule). */
const ASKS_PERSON = /\b(talk|speak|chat) (to|with)\b|\b(call|email|contact|ring) (me|us)\b/;
const ASKS = /\b(want|need|would like|like to|let me|get me|put me|give me|transfer|connect|can i (talk|speak|chat|have|get)|could i (talk|speak|chat|have|get)|may i|please|prefer|rather|call me|email me|contact me|someone to)\b/;
const ABOUT_THE_BOT = /\b(are you|r you|is this|is it|am i (talking|chatting|speaking) (to|with)|you are|is that|are these|was that)( \w+){0,3} (bot|robot|ai|human|person|machine|program|chatgpt|operator|real|computer|automated|agent)\b|\b(bot|robot|ai|human) or (a |an )?(bot|robot|ai|human|person|real|program|machine)\b/;
const MET_BEFORE = /\b(spoke|talked|chatted|dealt|met|emailed|rang|phoned|called|was talking|had a call|had a chat) (to|with)( \w+){0,4} (someone|somebody|person|staff|agent|rep|manager|colleague|team|employee|human|guy|lady|woman|man)\b|\b(someone|somebody|person|staff|agent|rep|manager|member|colleague|employee|human) (\w+ ){0,4}(said|told|answered|signed|packed|recommended|gave|mentioned|replied|helped|placed|ordered|took|sent|promised|confirmed|dropped|delivered|left|assured)\b/;
const SELF = /\b(i am|i work as|we are)( \w+)? (a|an|the)( \w+){0,2} (operator|agent|manager|rep|representative|employee|staff|officer|person|human|worker|consultant|specialist)\b|\bi work in\b|\b(?:my|our|her|his) (?:sister|brother|mum|mom|mother|dad|father|son|daughter|wife|husband|partner|friend|neighbour|neighbor|cousin|aunt|uncle|niece|nephew|flatmate|colleague|boss) (?:is|was|works as|worked as)( \w+)? (a|an)( \w+){0,2} (operator|agent|manager|rep|representative|officer|worker|consultant|specialist)\b/;
const SHOP_NUMBER = /\b(number|line|phone|email address|email) (that )?(i|we|she|he|they|my \w+) (can|could|should|shall|do i|might) (call|ring|phone|reach|use|dial|email)\b|\b(what is|whats|give me|what s) (the|your) (\w+ ){0,3}(number|phone number|email address)\b|\bnumber (for|of) the\b/;
function notForAPerson(toks: string[]): boolean {
  const text = joinedTokens(toks);
  if (retracted(toks) || disclaims(text)) return true;
  // "no agent please", "without a human": declined in two words.
  if (/^(no|not|without|never) (a |an |the |any )?(agent|human|person|people|staff|operator|rep|representative|manager|callback|call)s?\b/.test(text)) return true;
  // A person as a recipient: "can I send a gift to a person at a different address", "a present for someone who has everything".
  if (/\b(send|sending|sent|gift|gifts|buy|buying|deliver|delivered|delivering|present|order|ordering|ship|post)( \w+){0,4} (to|for) (a|another|the|some|any|one)? ?(person|someone|somebody|people|persons)\b/.test(text) && !ASKS_PERSON.test(text)) return true;
  // Session 34 (fe): "is there a person I can send the gift to directly": the person the gift goes to.
  if (/\b(person|someone|somebody|people) (i|we) (can|could) (send|give|post|ship|deliver|gift|address|mail|hand)\b/.test(text) && !ASKS_PERSON.test(text)) return true;
  if (/\bso (that )?i (can|could) (talk|speak|chat)\b/.test(text)) return true;
  if (/\b(does|do|will|would|can|could) (the|this|it|your|its)( [\w-]+){0,3} let (me|you|us|them) (talk|speak|chat)\b/.test(text)) return true;
  if (ABOUT_THE_BOT.test(text) && !ASKS.test(text)) return true;
  if (MET_BEFORE.test(text) && !/\b(if i|if we|want|would like|let me|get me|put me|transfer|connect|call me|again|same person|back to)\b/.test(text)) return true;
  // Review s19 R11: a job told, then a person asked for in other words ("My husband is a manager, he wants a real person to
  // call him back") is still a request.
  if (SELF.test(text) && !/\b(talk|speak|chat) (to|with)\b/.test(text) && !/\b(?:wants?|needs?|would like|asks? for) (?:a |an |to )?(?:real |actual )?(?:person|human|someone|somebody|agent)\b|\bcall (?:me|him|her|us|them) back\b/.test(text)) return true;
  // "you can call me Sam": a name, not a request.
  const named = /\b(can|may|just|please|to) call me ([a-z]+)$/.exec(text);
  if (named && !CONTACT_END.has(named[2]) && !CONTACT_WEAK.has(named[2])) return true;
  // (Session 19, newcomer F9: "is there a phone number I can ring? I'd rather explain this to someone": the wish to tell
  // a person is the request, whatever the number question before it.)
  if (SHOP_NUMBER.test(text) && !/\b(talk|speak|chat) (to|with)\b/.test(text) && !EXPLAIN_TO.test(text)) return true;
  // Session 8: someone contacting the customer now ("the delivery man is calling me now", "your courier keeps ringing
  // me"), and what a person at the shop does, told as information ("my friend says a real person wraps the gifts").
  if (BEING_CONTACTED.test(text) && !ASKS_PERSON.test(text)) return true;
  if (PERSON_DOES.test(text) && !ASKS_PERSON.test(text) && !/\b(want|need|would like|let me|get me|put me)\b/.test(text)) return true;
  return false;
}
const EXPLAIN_TO = /\b(explain|tell|describe|say)( \w+){0,2} (to|with) (someone|somebody|a person|a human|a real person|an agent|a member|one of|staff)\b/;
const BEING_CONTACTED = /\b(is|are|keeps|kept|was|were|has been|have been|just|now) (calling|ringing|phoning|texting|messaging|emailing|buzzing) (me|us)\b/;
const PERSON_DOES = /\b(a|the|your|one) (real |actual |live )?(person|human|people|staff|someone|somebody|member of staff|lady|man|woman) (\w+ )?(wraps|wrap|packs|pack|picks|checks|makes|writes|handles|chooses|sews|paints|signs|hand ?writes|ties|folds|tests|inspects)\b/;

/** Declining a person ("I don't need to speak to anyone", "no need for an agent"): the classifier may not override that. */
const DECLINE = /\b(do not|does not|did not|no|never|not|without)( \w+){0,3} (need|want|wish|have|talk|speak|chat|bother)( \w+){0,4} (anyone|anybody|someone|somebody|human|humans|person|people|agent|agents|staff|operator|representative|manager)\b|\bno need (for|to)( \w+){0,4} (anyone|anybody|someone|human|person|agent|staff|call|callback|email|me)\b|\b(no|not|without|skip|rather not) (\w+ ){0,2}(callback|call back|call|calls|phone call)\b|\bskip the (staff|human|people|agent|team)\b|\bno (\w+ ){0,2}(call|callback|human|person|agent|staff) (needed|required|necessary)\b/;
/**
 * Session 47 (emerg4, hostile s47 M3): a person declined with a verb of fetching or passing on ("don't get me a human, I
 * just want to know shipping costs", "no need to fetch a person", "you needn't get me an agent", "please don't put me
 * through to a human"): only the words that may stand between such a verb and its person (me, through, a, real...), so
 * "don't send me links, get me a human" (another clause) still asks.
 */
const DECLINE_FETCH =
  /(?<!\bwhy (?:\w+ )?)\b(?<!\b(?:can|could|will|would) you )(do not|no need to|need not|neednt) (just |please |even |bother to |try to |go and |ever )?(get|put|find|fetch|bring|transfer|connect|pass|hand|send|escalate|forward)( (me|us|this|it|through|thru|over|on|to|with|a|an|the|any|some|real|actual|live|proper|human|one of|your|you))* (human|humans|person|people|agent|agents|staff|operator|representative|manager|anyone|anybody|someone|somebody|advisor|adviser|team)\b/;
/** Session 47 (emerg4, hostile s47 M3 L): a person to write to about a job ("is there a person I can write to about a job application?"). */
const JOB_CONTACT =
  /\b(person|someone|somebody|anyone|anybody|people) (i|we) (can|could|should) (write|email|e mail|send|post|address|apply|contact)( \w+){0,6} (job|jobs|career|careers|vacancy|vacancies|position|role|cv|resume|internship|apprenticeship|work experience|application)\b/;
function declinesPerson(toks: string[]): boolean {
  const text = joinedTokens(toks);
  return DECLINE.test(text) || DECLINE_FETCH.test(text);
}

/** A span in double or curly quotes (six characters or more): words the customer quotes, not their own. */
const QUOTED = /["\u201c\u201d\u00ab\u00bb][^"\u201c\u201d\u00ab\u00bb]{6,}["\u201c\u201d\u00ab\u00bb]/g;
/**
 * Session 16 (newcomer s15 N#10): a span in single quotes, straight or curly ("my friend said 'get a human'", what phones
 * type: ‘get a human’). An apostrophe inside a word ("don't", "I’m") neither opens nor closes one: the opening quote has
 * no letter or digit before it, the closing one none after it. Dialect writing drops letters with the same mark ("Can
 * 'ee put I through to one o' they ladies"), so a single-quoted span is somebody else's words only after a word of
 * saying or a colon ("said", "told me", "typed", "like", "goes") or when it is a short name of one to three words ("your
 * 'live chat'").
 */
const SINGLE_QUOTED = /(?<![\p{L}\p{N}])['\u2018](?:[^'\u2018\u2019\n]|(?<=\p{L})['\u2019](?=\p{L})){6,}?['\u2019](?![\p{L}\p{N}])/gu;
const SAYING_BEFORE = /(?:\b(?:said|says|say|saying|told|tells|tell|asked|asks|ask|wrote|writes|write|typed|types|type|texted|replied|replies|answered|answers|goes|went|like|reads|read|quote|quoted|called|calls|shouted|yelled|message|messages|reply|answer|words|phrase)\b(?:\s+\S+){0,2}|:)\s*$/i;
function withoutSingleQuotes(text: string): string {
  return text.replace(SINGLE_QUOTED, (span, at: number) => (SAYING_BEFORE.test(text.slice(Math.max(0, at - 40), at)) || span.trim().split(/\s+/).length <= 3 ? ' ' : span));
}

/**
 * Session 14: a request that is only inside quoted words is somebody else's sentence, most often the bot's own greeting
 * quoted back ("\"You can ask for a person at any time\" lol sure, and I can ask for a pony"), not the customer asking.
 * The message is read again without its quoted spans; the request counts when it is still there ("I'd like to speak to
 * your manager. In a \"please can I talk to a person\" way").
 */
export function detectExplicitRequest(facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory): Signal | null {
  const signal = explicitRequestIn(facts, policy, memory);
  if (signal === null || !/["'\u201c\u201d\u00ab\u2018\u2019]/.test(facts.text)) return signal;
  const rest = withoutSingleQuotes(facts.text.replace(QUOTED, ' ')).replace(/\s+/g, ' ').trim();
  if (rest === facts.text.replace(/\s+/g, ' ').trim()) return signal;
  // Session 16 (hostile s15 H#12): a message that is all one quote ('"I want a human"': people quote, some keyboards and
  // pastes add them) has no other speaker: the quoted words are the customer's own.
  if (!/[\p{L}\p{N}]/u.test(rest)) return signal;
  const again = /[a-z]/i.test(rest) ? explicitRequestIn({ ...facts, text: rest, analysis: analyzeText(rest) }, policy, memory) : null;
  if (again !== null) return signal;
  reportNearMiss({ ...signal, explanation: `Near miss: ${asMeasured(signal.explanation)}, but only inside words the customer quotes (someone else's sentence, such as the bot's own), so it does not fire.` });
  return null;
}

/**
 * Session 19 (esc): a complaint the customer wants made and kept ("I would like to submit a formal complaint concerning
 * your delivery agent", "I want it logged officially, with a reference number", "a proper complaint that gans to
 * somebody", "How do I escalate this formally? I want it on record"): the complaints topic names what the team must do,
 * whoever it should reach. Asking to speak, talk or be put through to someone ("Is there a complaints officer I can speak
 * with?", "help me reach your support unit, I wish to lay my complaint to them") is still a request for a person.
 * Returns the words, or null.
 */
const FORMAL_COMPLAINT = / (?:(?:formal|official|proper|real|written) (?:\w+ ){0,2}(?:complaint|grievance)|(?:complaint|grievance) (?:\w+ ){0,3}(?:logged|on record|in writing|formally|officially)|(?:submit|lodge|file|register|raise|write|put in) (?:a |an |my |this |the )?(?:\w+ )?(?:complaint|grievance)|(?:logged|written up|put on record|on record) (?:\w+ ){0,3}(?:official|officially|formal|formally|proper|properly|reference)|(?:escalate|logged|record) (?:\w+ ){0,2}(?:formally|officially)|(?:want|like|need) (?:this |it |that )?(?:logged|on record|written up)|escalate (?:a |my |this )?(?:complaint|grievance))\b/;
const CONTACT = / (?:speak|speaking|talk|talking|chat (?:to|with)|reach|phone|ring|call|put me through|transfer|connect|contact)\b/;
export function formalComplaint(toks: readonly string[]): string | null {
  if (!toks.some((t) => t === 'complaint' || t === 'grievance' || t === 'logged' || t === 'record' || t === 'formally' || t === 'officially' || t === 'written')) return null;
  const padded = paddedTokens(toks);
  const m = FORMAL_COMPLAINT.exec(padded);
  return m === null || CONTACT.test(padded) ? null : m[0].trim();
}

/**
 * (Review s19 R2, revcore: only where the policy has a complaints topic to name it, and never when a person is asked for
 * in so many words: "Get me a manager please, I want to file a complaint", "Human please. I need to lodge a complaint",
 * "I want an actual person to handle my formal complaint".)
 */
const PERSON_ASKED = / (?:get me|give me|want|need|d like|would like|can i have|could i have|can i get|could i get|let me have|put me on to) (?:to have |to get )?(?:a |an |the |your |some )?(?:real |actual |live |proper |human )?(?:manager|supervisor|human|person|agent|operator|team leader|boss|someone|somebody|staff member|member of staff)\b|^ (?:a )?(?:human|agent|manager|person|operator|supervisor)\b/;
const complaintTopics = new WeakMap<object, boolean>();
function hasComplaintsTopic(policy: EscalationPolicy): boolean {
  const topics = policy.sensitiveTopics;
  let known = complaintTopics.get(topics);
  if (known === undefined) {
    known = topics.enabled && topics.topics.some((t) => /complain/i.test(t.name) || t.phrases.some((p) => /complain/i.test(p)));
    complaintTopics.set(topics, known);
  }
  return known;
}

function explicitRequestIn(facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory): Signal | null {
  const signal = personRequestIn(facts, policy, memory);
  if (signal === null || signal.source === 'designer' || !hasComplaintsTopic(policy)) return signal;
  const toks = canonicalTokens(facts.analysis);
  const complaint = formalComplaint(toks);
  if (complaint === null || PERSON_ASKED.test(paddedTokens(toks))) return signal;
  reportNearMiss({ ...signal, explanation: `Near miss: ${asMeasured(signal.explanation)}, but the customer asks for a complaint to be made and kept ("${complaint}"), not to speak to someone, so the complaints topic names it and this does not fire.` });
  return null;
}

function personRequestIn(facts: TurnFacts, policy: EscalationPolicy, memory: EscalationMemory): Signal | null {
  const signal = personRequestRead(facts, policy, memory);
  if (signal === null || signal.source === 'designer') return signal;
  // Session 45 (misfire, blind s44 M2): "300 employees", "a few hundred staff" at a size question count people.
  const counted = peopleCounted(canonicalTokens(facts.analysis));
  if (counted === null) return signal;
  reportNearMiss({ ...signal, explanation: `Near miss: ${asMeasured(signal.explanation)}, but the people are counted ("${counted}"): a size, not a request for a person, so it does not fire.` });
  return null;
}

/**
 * Session 45 (misfire, blind s44 M2): a count of people is a size, not a request for one ("300 employees", "a few hundred
 * staff", "we are 25 employees", "a team of 12 agents", "approximately 45 members of staff"): every word of people in the
 * message comes with a count of two or more (digits, number words, "a few hundred", "dozens of", "a handful of") before it
 * ("300 staff", "hundreds of employees") or after it ("a team of 12", "staff of 300"), and nothing asks for someone (speak
 * / talk / chat to, call / ring me, put me through, connect, transfer, get me, a real person). "1 agent pls", "an employee
 * please", "we are 40 staff and I want to talk to someone in sales" stay requests. The count's words, or null.
 */
const COUNTED_PEOPLE = new Set([
  'employees', 'employee', 'staff', 'staffs', 'people', 'persons', 'ppl', 'workers', 'agents', 'reps', 'members', 'colleagues', 'users',
  'engineers', 'developers', 'devs', 'seats', 'heads', 'headcount', 'team', 'teams', 'associates', 'personnel', 'crew', 'staffers', 'humans',
  'salespeople', 'managers', 'employes', 'employess', 'workforce',
]);
const COUNT_WORDS = new Set([
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty',
  'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'hundreds', 'thousand', 'thousands', 'dozen', 'dozens', 'few', 'several', 'couple',
  'handful', 'many', 'lots', 'k',
]);
/** Words a count may stand apart from its people by ("45 members of staff", "300 full time employees", "dozens of"). */
const COUNT_GAP = new Set(['of', 'full', 'part', 'time', 'members', 'member', 'in', 'total', 'or', 'so', 'odd', 'ish', 'plus', 'more', 'than', 'fewer', 'less', 'about', 'around', 'sales', 'support', 'office', 'remote', 'our', 'us']);
const isCount = (t: string): boolean => (/^\d+(?:k)?$/.test(t) && t !== '1' && t !== '0') || COUNT_WORDS.has(t);
const ASKS_SOMEONE = / (?:speak|speaking|talk|talking|chat|reach|contact|connect|transfer|put me through|put us through|get me|give me|call (?:me|us|back)|ring (?:me|us)|phone (?:me|us)|call ?back|callback|real person|real human|a human|a person|someone|somebody|anyone)\b/;
export function peopleCounted(toks: readonly string[]): string | null {
  let words: string | null = null;
  for (let j = 0; j < toks.length; j++) {
    if (!COUNTED_PEOPLE.has(toks[j]!)) continue;
    let at = -1;
    for (let k = j - 1; k >= Math.max(0, j - 4); k--) {
      if (isCount(toks[k]!)) { at = k; break; }
      if (!COUNT_GAP.has(toks[k]!)) break;
    }
    // "a team of 12", "staff of 300".
    if (at < 0 && toks[j + 1] === 'of' && isCount(toks[j + 2] ?? '')) at = j + 2;
    // "members of staff": the count sits before "members".
    if (at < 0 && toks[j - 1] === 'of' && toks[j - 2] === 'members') continue;
    if (at < 0) return null;
    words ??= toks.slice(Math.min(at, j), Math.max(at, j) + 1).join(' ');
  }
  if (words === null || ASKS_SOMEONE.test(` ${toks.join(' ')} `)) return null;
  return words;
}

function fetchDeclinedOrJob(facts: TurnFacts): boolean {
  const text = joinedTokens(readTexting(canonicalTokens(facts.analysis)));
  return DECLINE_FETCH.test(text) || JOB_CONTACT.test(text);
}

function personRequestRead(facts: TurnFacts, policy: EscalationPolicy, _memory: EscalationMemory): Signal | null {
  const found = requestIn(facts.analysis);
  // Session 47 (emerg4): a found chain declined by a fetching verb ("you needn't get me an agent", the negation word is
  // not the one just before the chain) or a person to write to about a job is no request.
  if (found && fetchDeclinedOrJob(facts)) return null;
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
  // Session 9: asking who can do what the bot cannot ("You clearly can't do it. Who can?", "who can help me with this?"):
  // the whole message ends there, so "who can help me choose a size" or "who can sign for it" are not this.
  const toksAll = canonicalTokens(facts.analysis);
  const padded = paddedTokens(toksAll);
  // (Both patterns hold " who " literally: most messages skip their scans. Session 12, speed.)
  const who = padded.includes(' who ') ? (WHO_CAN.exec(padded) ?? WHO_CAN_AFTER_CANNOT.exec(padded) ?? WHO_TO.exec(padded)) : null;
  const team = who === null && hasGateWord(toksAll, TEAM_WORDS) ? TEAM_PEOPLE.exec(padded) : null;
  if (team !== null && !declinesPerson(readTexting(toksAll))) {
    return { reason: 'explicit_request', score: 1, threshold: 1, evidence: [team[1].trim()], turn: facts.turn, source: 'rule', explanation: `The customer asked for a person ("${team[1].trim()}").` };
  }
  if (who !== null) {
    return { reason: 'explicit_request', score: 1, threshold: 1, evidence: [who[1].trim()], turn: facts.turn, source: 'rule', explanation: `The customer asked for a person ("${who[1].trim()}").` };
  }
  const cfg = policy.explicitRequest;
  const designer = designerSignal(facts, 'explicit_request', cfg.phrases ?? [], cfg.examples ?? [], 'The customer asked for a person');
  if (designer) return designer;
  if (!classifierOn(policy)) return null;
  // Indirect wordings the rules do not list: "could one of your staff ring me", "is anybody real there". The
  // score is computed once per message for every output; the gates below run only when it is high enough to matter.
  const learned = classifierSignal(facts, 'explicit_request', 'explicit', 'The customer asked for a person');
  if (learned === null) return null;
  const toks = readTexting(canonicalTokens(facts.analysis));
  if (declinesPerson(toks) || JOB_CONTACT.test(joinedTokens(toks)) || !mentionsPerson(toks) || notForAPerson(toks)) return null;
  // Session 9: "could you talk me through how returns work?", "walk me through the sizes": explain, not a person.
  if (!learned.nearMiss && explainThrough(toks)) {
    reportNearMiss({ ...learned.signal, explanation: `Near miss: ${asMeasured(learned.signal.explanation)}, but "talk me through" asks to be told how something works, not for a person, so it does not fire.` });
    return null;
  }
  // Session 17 (hostile s16 #8): the classifier reads "call me" in "call me on 07700 900123 if the courier can't find it".
  const forCourier = learned.nearMiss ? null : callOnDeliveryEvent(toks);
  if (forCourier !== null) {
    reportNearMiss({ ...learned.signal, explanation: `Near miss: ${asMeasured(learned.signal.explanation)}, but the call it asks for is on a delivery event ("${forCourier}"): for the courier, not a person of the shop, so it does not fire.` });
    return null;
  }
  // Session 28 (topics): a person of the shop praised or thanked ("your driver Marco was very kind", "the lady on the phone
  // sorted it so quickly, thank her for me", "lovely to be able to chat on here") is not a request for one (staffPraised).
  const praised = learned.nearMiss ? null : staffPraised(toks);
  if (praised !== null) {
    reportNearMiss({ ...learned.signal, explanation: `Near miss: ${asMeasured(learned.signal.explanation)}, but the customer praises or thanks someone of the shop ("${praised}") and asks for no one, so it does not fire.` });
    return null;
  }
  if (learned.nearMiss) {
    reportNearMiss(learned.signal);
    return null;
  }
  return learned.signal;
}

/**
 * Session 28 (topics, issue 11): praise or thanks for someone of the shop, in a message that asks for no one (no "speak /
 * talk to", "call / ring me", "put me through", "a real person", "human", "agent", "manager"). Found on odd ids with a
 * classifier trained without their writers: the classifier's person words ("lady", "driver", "staff", "chat") read as a
 * request. The praise's words, or null.
 */
const STAFF = '(?:driver|drivers|courier|couriers|delivery (?:guy|lad|man|woman|driver|person)|lady|girl|guy|man|woman|lad|fella|staff|team|people|person|customer service(?: girl| guy| lady| man| woman| team)?)';
const STAFF_PRAISED = new RegExp(
  [
    ` (?:your|ur|yer|the|de|da|tha) (?:\\w+ )?${STAFF}(?: \\w+){0,6}? (?:(?:is|was|are|were|s|has been|have been) )?(?:so |very |really |real |super |such a |a |an |absolutely |always )?(?:kind|lovely|star|great|brilliant|amazing|helpful|friendly|courteous|grand|nice|polite|excellent|gem|legend|sweet|patient|fantastic|wonderful|pro|quick|fast)\\b`,
    ` (?:lovely|nice|great|good|easier|so easy) to (?:be able to )?(?:chat|talk|speak) (?:on here|here|online|with you)\\b`,
    ` (?:thank|thanks to) (?:her|him|them|the \\w+) (?:for me|from me)\\b| pass on my thanks\\b`,
    // Session 37 (fe): "pls pass on thanks", "please pass that on", "pass my thanks on to her".
    ` pass (?:on )?(?:my |our |the |these |those )?(?:thanks|thank you|compliments|that on|this on|it on)\\b`,
  ].join('|'),
);
const ASKS_FOR_SOMEONE = / (?:speak|talk|chat) (?:to|with) (?:a|an|someone|somebody|your|the|one of)\b| (?:call|ring|phone) (?:me|us)\b| put (?:me|us) through\b| get me\b| real person\b| human\b| agent\b| manager\b| supervisor\b| escalate\b/;
function staffPraised(toks: readonly string[]): string | null {
  const padded = paddedTokens(toks);
  const m = STAFF_PRAISED.exec(padded);
  if (m === null || ASKS_FOR_SOMEONE.test(padded)) return null;
  return m[0].trim();
}
