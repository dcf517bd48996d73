/**
 * Session 43 (menus, hostile s42 L2): a menu option read by MEANING, not only by the phrases a designer listed.
 * An option's label is read once as reusable meaning classes: what it is about (objects: a bag, a parcel, a flight) and
 * what about it (problems, requests: lost, delayed, damaged, a change, an allowance, a return ...). "Lost, delayed or
 * damaged bag" is {lost, delayed, damaged} x {bag}; "Baggage allowance" is {allowance} x {bag}; "Track my order" is
 * {whereabouts} x {parcel}; "Something else", "Another order", "Yes, cancel it" read no request and are never picked here.
 * A customer's message is read with the same classes, clause by clause, each problem word guarded:
 * - negated in its clause ("my bag didn't get damaged", "I didn't lose it", "nobody was hurt"): the opposite reading (a
 *   label can ask for it: "No injuries"), never the problem;
 * - an event told as a hypothetical ("what happens if my bag gets lost?", "if my car gets stolen, am I covered?"): not
 *   read (the question is about something else);
 * - a request word after "I don't want to" ("I don't want to return anything"): not read.
 * An option matches when the message shares, for each role its label reads (object, request), one of the label's
 * classes. The pick is the one option that matches; two or more is no pick (the flow's own "please choose").
 * matchButton asks this after the designer's own words (exact label, synonyms, label inside the text, typos) and lets a
 * meaning reading beat a designer's word only where that word is an object alone the reading also holds ("bag", a
 * synonym of "Baggage allowance", inside "my bag came back with a broken wheel": the customer said what about the bag).
 * No class reads a request for a person ("Talk to an agent"): the escalation policy reads those, with its own rules for
 * when nobody is free; a menu option picked by meaning would go round them.
 * Pure; English only; word lists and guards, one clause at a time.
 */
import { normalizeText } from '../nlu/normalizeText';

type Role = 'object' | 'request';

interface MeaningClass {
  id: string;
  role: Role;
  /** What names it in an option's label (normalised label). */
  label: RegExp;
  /** Phrases that name it in a message, read with the negation (and, for events, hypothetical) guards. */
  cues: RegExp;
  /** Phrases that name it whatever comes before ("never arrived", "does not fit", "changed my mind"). */
  flat?: RegExp;
  /** Phrases that say it did not happen ("nobody was hurt", "everyone is fine"): the opposite reading. */
  denied?: RegExp;
  /** An event (a loss, damage, an accident): not read inside a hypothetical ("what if ...") nor where negated. */
  event?: boolean;
  /** Event phrases of a request class ("lost", "late" for Track my order), guarded as events. */
  eventCues?: RegExp;
  /** Classes this one outranks when both are read ("is storm damage covered?" asks about cover, not an incident). */
  outranks?: string[];
  /**
   * Session 50 (conv12): words right before a cue that make it no request ("my repair", "booked a repair": a job that
   * exists already), tested on the clause up to the cue.
   */
  notAfter?: RegExp;
  /** Session 50 (conv12): a clause that asks about the price ("how much is a puncture repair?"): no request read in it. */
  notIn?: RegExp;
}

const w = (alternatives: string) => new RegExp(`\\b(?:${alternatives})\\b`, 'g');

const LOST_FLAT =
  'never (?:arrived|came|come|showed up|turned up|made it|got here|appeared|came out|reached)|' +
  '(?:did not|has not|have not|had not|was not|is not|were not|are not|not) (?:arrive|arrived|come|came|turn up|turned up|show up|shown up|showed up|make it|made it|come out|came out|been delivered|delivered|get here|got here|on the belt|on the carousel|there)|' +
  '(?:cannot|can not|could not|can t|unable to) (?:find|locate|see)|nowhere to be|nobody knows where|no sign of|no one knows where|' +
  '(?:went|gone|sent|flown|ended up|turned up|shipped|routed|travelled|traveled|taken) (?:to|in|on) (?:the wrong|a different|another|\\w+)|' +
  'instead of|wrong (?:plane|flight|airport|city|destination|address|place|country|house)';
const LOST_CUES = 'lost|lose|losing|missing|misplaced|mislaid|gone|disappeared|vanished|left behind|stolen';
const DELAYED_FLAT =
  'still (?:not|waiting|no|has not|have not|is not|are not|hasn t)|not (?:here|arrived|come|delivered) yet|yet to (?:arrive|come)|' +
  'when (?:will|does|do|is|are) (?:it|they|my \\w+|the \\w+) (?:be )?(?:arrive|arriving|come|coming|delivered|brought|be here|get here)|' +
  'taking (?:so long|ages|forever)|waiting for (?:my|the|our) \\w+';
const DELAYED_CUES = 'delayed|delay|late|overdue|behind schedule';
const DAMAGED_CUES =
  'damaged|damage|broken|broke|break|torn|tore|ripped|rip|cracked|crack|smashed|dented|dent|hole|holes|wrecked|ruined|destroyed|destroy|' +
  'snapped|bent|scratched|soaked|soaking|stained|burst|crushed|split|shattered|busted|came off|fell off|come off|fallen off|ripped off|' +
  'missing from (?:it|inside|the \\w+)|opened';
const FAULTY_FLAT =
  '(?:does|did|is|was|do) not (?:work|working)|not working|stopped working|(?:is|was|will|would|does|did)? ?not (?:turn|turning|switch|switching|power|powering|start|starting|charge|charging)(?: on)?|' +
  'dead on arrival';
const FAULTY_CUES = 'faulty|defective|dead|malfunction|malfunctioning|glitchy';
const INCIDENT_CUES =
  'accident|crash|crashed|collision|collided|rear ended|hit me|hit my|hit by|ran into|drove into|flood|flooded|flooding|fire|burned|burnt|' +
  'burglary|burgled|burglar|broken into|broke into|break in|broken in|stolen|theft|robbed|storm|tree fell|fell on|burst pipe|pipe burst|' +
  'leak|leaking|ceiling came down|windscreen|windshield|vandalised|vandalized|cracked|smashed|damaged';
const INJURY_CUES = 'hurt|injured|injury|injuries|hospital|ambulance|pain|bleeding|whiplash|concussion|broken (?:arm|leg|wrist|rib|ribs|bone)';

/** A job that exists already ("my repair", "the service", "booked a repair", "had a service"): before a repair cue. */
const JOB_BEFORE = /\b(?:my|the|your|our|his|her|their|its|this|that|last|booked|had|did|after|since)\s+(?:(?:a|an|bike|car|recent|last|first|annual|full|basic)\s+)?$/;
/** A clause asking the price (a question about a booking or a repair, not one). */
const PRICE_ASKED = /\b(?:how much|what (?:does|do|would|will|is) (?:it|a|an|the|this)?\s*\w*\s*cost|prices?|costs?|quote|fee)\b/;

const CLASSES: readonly MeaningClass[] = [
  // Objects: what an option is about.
  { id: 'bag', role: 'object', label: w('bag|bags|baggage|luggage|suitcases?'),
    cues: w('bag|bags|baggage|luggage|suitcases?|holdall|holdalls|rucksack|backpack|duffel|duffle|valise|trolley|carry on|hand luggage|(?:my|our|his|her|their|the|a|this|that|your|one) (?:suit)?case') },
  { id: 'parcel', role: 'object', label: w('order|orders|parcels?|packages?|deliveries|delivery'),
    cues: w('order|orders|parcel|parcels|package|packages|delivery|deliveries|shipment|purchase|goods|stuff|things|items?|tracking (?:number|code|link)') },
  { id: 'flight', role: 'object', label: w('flights?'), cues: w('flights?|fly|flying|plane|booking|trip|ticket|travel|journey') },
  // What about it: problems and requests.
  { id: 'lost', role: 'request', event: true, label: w('lost|missing|misplaced'), cues: w(LOST_CUES), flat: w(LOST_FLAT) },
  { id: 'delayed', role: 'request', event: true, label: w('delayed|late'), cues: w(DELAYED_CUES), flat: w(DELAYED_FLAT) },
  { id: 'damaged', role: 'request', event: true, label: w('damaged|broken'), cues: w(DAMAGED_CUES) },
  { id: 'faulty', role: 'request', event: true, label: w('faulty'), cues: w(FAULTY_CUES), flat: w(FAULTY_FLAT) },
  { id: 'whereabouts', role: 'request', label: w('track|tracking'),
    cues: w('track|tracking|where is|where are|where s|shipped|dispatched|been sent|sent out'), eventCues: w(`${LOST_CUES}|${DELAYED_CUES}`),
    flat: w(`${LOST_FLAT}|${DELAYED_FLAT}`) },
  { id: 'allowance', role: 'request', label: w('allowance'),
    cues: w('allowance|allowed|how many|how much (?:can|weight|luggage|baggage)|weight|weigh|weighs|heavy|overweight|kg|kgs|kilo|kilos|kilograms?|limit|limits|size|sizes|how big|dimensions|measurements|bring|take on board|can i take|rules|(?:extra|additional|second|another|more|add a|add an|add) (?:bag|bags|suitcase|case|luggage|baggage)') },
  { id: 'change', role: 'request', label: w('change|rebook|reschedule'),
    cues: w('change|changing|move|moving|rebook|reschedule|switch|swap|postpone|bring forward|(?:fly|travel|leave|go) (?:a day |one day |a week )?(?:later|earlier)|(?:different|another|new) (?:date|day|time)') },
  { id: 'checkin', role: 'request', label: w('check in|checkin'), cues: w('check in|checkin|boarding pass|boarding card|web check|online check') },
  { id: 'returns', role: 'request', label: w('return|returns|refund|refunds'),
    cues: w('return|returns|returning|refund|refunds|money back|send (?:it|this|them|these) back|send \\w+ back|exchange') },
  { id: 'shipping', role: 'request', label: w('shipping|postage'),
    cues: w('shipping|postage|ship to|ship (?:internationally|abroad|overseas)|deliver to|do you deliver|(?:delivery|shipping) (?:cost|costs|charge|charges|fee|fees|price|prices|time|times|options?|rates?|available|take)|how (?:much|long) (?:is|does|will|do)?(?: the)? ?(?:delivery|shipping)|what delivery|(?:free|next day|express|international|standard|same day|tracked) (?:delivery|shipping)') },
  { id: 'size', role: 'request', label: w('size|fit'),
    cues: w('too (?:small|big|large|tight|loose|short|long|narrow|wide)|wrong size|(?:bigger|smaller|larger) size|size|fit|fits'),
    flat: w('(?:does|did|do) not fit|not fit|too (?:small|big|large|tight|loose|short|long|narrow|wide)') },
  { id: 'changedMind', role: 'request', label: w('changed? my mind'), cues: w('changed my mind|change of mind'),
    flat: w('changed my mind|change of mind|no longer (?:want|need|like)|(?:do not|did not) (?:want|need|like) (?:it|them|this) (?:anymore|any more)|found (?:it|them|one) cheaper|decided (?:against|not to)') },
  { id: 'incident', role: 'request', event: true, label: w('incident|accident|report'),
    cues: w(`${INCIDENT_CUES}|report|(?:make|file|open|start|submit|lodge|raise) (?:a |an )?(?:new )?claim`) },
  { id: 'status', role: 'request', label: w('follow up|status|update'), outranks: ['incident'],
    cues: w('status|update|updates|news|progress|heard nothing|not heard|no word|no reply|happening with|going on with|where is my claim|where is it at|approved|paid out|settled|follow up|chase|chasing'),
    flat: w('heard nothing|not heard|no word|no reply') },
  { id: 'cover', role: 'request', label: w('covered|cover|coverage'), outranks: ['incident'],
    cues: w('cover|covered|covers|coverage|insured for|am i insured|included in my|include|includes|excess|what does my (?:policy|insurance)') },
  // Session 50 (conv12, newcomer s49 N2): a booking and a repair or service ("Book a repair", "Book a service", "Repairs",
  // "Schedule maintenance"): "I want to book my bike in for a service", "can you fix a puncture for me?". A booking made
  // already ("booked" is no cue; "my repair", "booked a repair": notAfter), a price question (notIn) and "customer
  // service" are not read.
  { id: 'booking', role: 'request', label: w('book|appointment|appointments|schedule'),
    cues: w('book|make a booking|(?:an|another|new) appointment|a slot|reserve|schedule|(?:bring|drop|take|book|get|pop) (?:it|her|him|them|me|us|my \\w+|the \\w+|\\w+) in'),
    notIn: PRICE_ASKED },
  { id: 'repair', role: 'request', label: w('repair|repairs|(?<!customer )service|servicing|maintenance|fix'),
    cues: w('repair|repairing|fix|fixing|mend|mending|(?<!customer )service|servicing|tune up|maintenance|look at it|take a look|have a look'),
    notAfter: JOB_BEFORE, notIn: PRICE_ASKED },
  { id: 'injury', role: 'request', event: true, label: w('hurt|injured|injury|injuries'), cues: w(INJURY_CUES),
    denied: w('(?:everyone|everyones|everybody|everybodys|we|all|both|they) (?:is |are |was |were |s )?(?:fine|ok|okay|alright|all right|safe|unhurt|uninjured)|(?:no one|nobody|noone|none of us) (?:was |is |got |were )?(?:hurt|injured)|just the car|only the car|only damage') },
];
const BY_ID = new Map(CLASSES.map((c) => [c.id, c]));

/** One class read: `no` when the text says it did not happen ("No injuries", "nobody was hurt"). */
export interface Meaning { id: string; role: Role; no?: boolean }

const NEGATED_BEFORE = /\b(?:not|never|no|nobody|nothing|without|cannot|neither|nor|hardly)\b(?:\s+\S+){0,3}\s*$/;
const WANT_NOT_BEFORE = /\b(?:not|never|no need to|nothing to)\s+(?:\S+\s+){0,1}(?:want|need|wish|looking|going|planning|trying)\s+(?:to\s+)?(?:\S+\s+){0,1}$/;
const HYPOTHETICAL = /\b(?:if|in case|what happens|what if|suppose|supposing|whether|would (?:i|it|my|we|they) (?:be|get))\b/;
const CLAUSES = /[,.;:!?\n\r()]+|\s[-\u2013\u2014]+\s|\bbut\b|\bso\b|\bbecause\b/;

/**
 * Session 44 (tidy, review of session 43): both caches below are bounded: each starts over when it holds more than
 * CACHE_LIMIT entries (as normalizeText's), so a server loading many flows or revisions does not grow them without end.
 */
const CACHE_LIMIT = 2000;
/** How many entries each cache holds now (the bound's test; a diagnostic). */
export function menuMeaningCacheSizes(): { labels: number; labelLists: number } {
  return { labels: labelReadings.size, labelLists: neededFor.size };
}

/** The classes an option's label reads (cached per label). */
const labelReadings = new Map<string, readonly Meaning[]>();
export function labelMeaning(label: string): readonly Meaning[] {
  let out = labelReadings.get(label);
  if (out === undefined) {
    const t = normalizeText(label);
    const read: Meaning[] = [];
    for (const c of CLASSES) {
      c.label.lastIndex = 0;
      const m = c.label.exec(t);
      if (m === null) continue;
      const before = t.slice(0, m.index);
      read.push(/\b(?:no|not|nobody|no one)\s+(?:\S+\s+){0,1}$/.test(before) ? { id: c.id, role: c.role, no: true } : { id: c.id, role: c.role });
    }
    out = read;
    if (labelReadings.size >= CACHE_LIMIT) labelReadings.clear();
    labelReadings.set(label, out);
  }
  return out;
}

/** What a label reads, in words, for the studio ("lost, delayed, damaged × bag"); null when it reads nothing it could pick by. */
const SAID: Readonly<Record<string, string>> = { whereabouts: 'where it is', checkin: 'check-in', changedMind: 'changed mind' };
export function describeLabelMeaning(label: string): string | null {
  const read = labelMeaning(label);
  const requests = read.filter((m) => m.role === 'request').map((m) => `${m.no ? 'no ' : ''}${SAID[m.id] ?? m.id}`);
  if (requests.length === 0) return null;
  const objects = read.filter((m) => m.role === 'object').map((m) => m.id);
  return objects.length > 0 ? `${requests.join(', ')} × ${objects.join(', ')}` : requests.join(', ');
}

function cueHits(re: RegExp, clause: string): number[] {
  const at: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(clause); m !== null; m = re.exec(clause)) {
    at.push(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  return at;
}

/**
 * The classes a message reads, each with its polarity (a positive reading anywhere wins over a negated one). `only`: the
 * classes worth reading (a menu's labels' and those that outrank them); all when absent.
 */
export function messageMeaning(text: string, only?: ReadonlySet<string>): readonly Meaning[] {
  const yes = new Set<string>();
  const no = new Set<string>();
  const classes = only === undefined ? CLASSES : CLASSES.filter((c) => only.has(c.id));
  for (const raw of text.split(CLAUSES)) {
    const clause = normalizeText(raw);
    if (clause === '') continue;
    for (const c of classes) {
      if (c.denied !== undefined && cueHits(c.denied, clause).length > 0) no.add(c.id);
      const eventLike = c.event === true || c.eventCues !== undefined;
      if (c.flat !== undefined && cueHits(c.flat, clause).length > 0) {
        if (!(eventLike && HYPOTHETICAL.test(clause.slice(0, cueHits(c.flat, clause)[0])))) yes.add(c.id);
        continue;
      }
      const asEvent = (at: number) => {
        const before = clause.slice(0, at);
        if (HYPOTHETICAL.test(before)) return;
        if (NEGATED_BEFORE.test(before)) no.add(c.id);
        else yes.add(c.id);
      };
      if (c.notIn !== undefined && c.notIn.test(clause)) continue;
      for (const at of cueHits(c.cues, clause)) {
        const before = clause.slice(0, at);
        if (c.notAfter !== undefined && c.notAfter.test(before)) continue;
        if (c.role === 'object') yes.add(c.id);
        else if (c.event === true) asEvent(at);
        else if (WANT_NOT_BEFORE.test(before)) no.add(c.id);
        else yes.add(c.id);
      }
      if (c.eventCues !== undefined) for (const at of cueHits(c.eventCues, clause)) asEvent(at);
    }
  }
  for (const id of [...yes]) for (const o of BY_ID.get(id)?.outranks ?? []) yes.delete(o);
  const out: Meaning[] = [];
  for (const c of classes) {
    if (yes.has(c.id)) out.push({ id: c.id, role: c.role });
    else if (no.has(c.id)) out.push({ id: c.id, role: c.role, no: true });
  }
  return out;
}

/** The classes worth reading for these labels: theirs, and those that outrank one of them (cached per label list). */
const neededFor = new Map<string, ReadonlySet<string>>();
function classesFor(labels: readonly string[]): ReadonlySet<string> {
  const key = labels.join('\n');
  let out = neededFor.get(key);
  if (out === undefined) {
    const ids = new Set(labels.flatMap((l) => labelMeaning(l).map((m) => m.id)));
    for (const c of CLASSES) if (c.outranks?.some((o) => ids.has(o))) ids.add(c.id);
    out = ids;
    if (neededFor.size >= CACHE_LIMIT) neededFor.clear();
    neededFor.set(key, out);
  }
  return out;
}

const same = (a: Meaning, b: Meaning) => a.id === b.id && (a.no === true) === (b.no === true);

/**
 * Whether a message's reading picks an option whose label reads `label`: the label reads a request, and for each role the
 * label reads, the message shares one of the label's classes (with the same polarity).
 */
export function meaningMatches(label: readonly Meaning[], message: readonly Meaning[]): boolean {
  if (!label.some((m) => m.role === 'request')) return false;
  for (const role of ['object', 'request'] as const) {
    const wanted = label.filter((m) => m.role === role);
    if (wanted.length > 0 && !wanted.some((l) => message.some((m) => same(l, m)))) return false;
  }
  return true;
}

/** Whether every class a (designer's) name reads is an object the message reading of a label also matched ("bag"). */
export function onlyObjectsOf(name: string, label: readonly Meaning[]): boolean {
  const read = labelMeaning(name);
  if (read.length === 0) {
    // A name no class reads as a label may still name an object as a message does ("luggage", "suitcase", "case").
    const asText = messageMeaning(name);
    return asText.length > 0 && asText.every((m) => m.role === 'object' && label.some((l) => l.id === m.id));
  }
  return read.every((m) => m.role === 'object' && label.some((l) => l.id === m.id));
}

/**
 * The one option (by index) whose label the message picks by meaning, or -1 (none, or two or more: ambiguous).
 */
export function pickByMeaning(labels: readonly string[], text: string): number {
  const message = messageMeaning(text, classesFor(labels));
  if (!message.some((m) => m.role === 'request')) return -1;
  let found = -1;
  for (let i = 0; i < labels.length; i++) {
    if (!meaningMatches(labelMeaning(labels[i]), message)) continue;
    if (found !== -1) return -1;
    found = i;
  }
  return found;
}
