/**
 * Human Takeover: the block the product exists for. Entering it checks that someone can answer (opening
 * hours, agents online), collects the details the agent will need (default/custom modes), then hands over:
 * a handoff record, a request with the full context, notifications and a queue timer. While a person is
 * involved the bot is silent; the agent's events move the handoff through its lifecycle and the flow
 * continues along `resolved`, `no_agent` or `timeout`.
 */
import { onlyCourtesy, onlyExclamation, onlyThanks } from '../nlu/courtesy';
import type { Block, BlockOf, EscalationReason, Flow, HumanTakeoverData } from '../flow/schema';
import type { Signal } from '../escalation/types';
import type { AssignmentRequest, Handoff, RequeueCause } from '../handoff/types';
import type { HandoffContext, Input, Waiting } from './types';
import { renderTemplate } from '../flow/template';
import { isOpen, localTime, nextOpening } from '../flow/openingHours';
import { canTransition, createHandoff, notOpenedYet, requeueOf, transitionHandoff, WITHDRAWN_NOTE } from '../handoff/lifecycle';
import { reachableAgents } from '../handoff/assignment';
import { estimateWait } from '../handoff/estimateWait';
import { initialEscalationMemory } from '../escalation/evaluateEscalation';
import { buildHandoffContext, reasonPhrase, reasonPhrases, summarizeConversation } from './handoffContext';
import { SELF_HARM_NAME, selfHarmInText } from '../escalation/selfHarm';
import { emergencySignalIn, selfHarmSignalIn } from './crisisSignal';
import { detectUrgency, personInDanger, saysSomeoneHurt } from '../escalation/detectors/detectUrgency';
import { customerEntry } from './handoffContext';
import { messageFacts, readsAsRequestForPerson } from './policyReads';
import { analyzeText } from '../nlu/analyzeText';
import { canonicalTokens } from '../escalation/canonicalTokens';
import { hazardReading, type HazardKind, type LiveHazardKind } from '../escalation/hazardNow';

const LIVE_HAZARDS = new Set<HazardKind>(['electrics', 'overheating', 'battery', 'smoke alarm', 'ceiling', 'gas flame']);
const isLiveHazard = (kind: HazardKind): kind is LiveHazardKind => LIVE_HAZARDS.has(kind);
import { analysedPart } from './analysedPart';
import { bareBackOutTexts, canDoSentence } from './bareBackOut';
import { asideTexts, nextAside, sayAnswer, sayAnswerOnce, sideQuestionAtEmail, unansweredAtEmail, type SideQuestion } from './questionAtEmail';
import { addressTaken, asksForAMoment, asksWhyEmail, heldAnswer, momentEmailTexts, notThatEmail, picksAnAddress, setsAsideEmail, unsureOfEmail, whyEmailTexts } from './emailNonAnswers';
import { asksForAPersonAgain, declinesEmail, emailAnswer, nameFromAnswer, ownAddressesOf, problemFromNameAnswer, validateAnswer } from './questionValidators';
import { takesCorrectedEmail, ticketPrompts } from './ticketBlock';
import { callsBack, detailsBeside, issueBesideRequest, keepBesideAddress, keepDetailsBeside, nameBesideAddress, phoneAtEmailTexts, pickAfterWhichEmail } from './detailsAnswer';
import { keepsReasonForPerson, reasonAlreadyGiven, reasonFromWay, statesAReason } from './reasonGiven';
import { addTimer, bot, cancelTimers, customerSaid, isKnown, nextId, say, setVar, stepCustomerText, system, type Run } from './run';
import { endConversation, follow as followExit, goTo, render, showPrompt, type TakeoverEntry } from './runBlocks';
import { backsOut, declinesEmailBeside, emailRefusedThen, refusesAPerson, REFUSED_PERSON } from './backOut';
import { closesChat } from './closing';
import { behaviourOf, canWaitAt } from './blockBehaviours';
import { humanTakeoverData } from '../flow/schema';
import { dayNames } from '../flow/blocks/fields';
import { forgetNobodyFound, noteNobodyFound } from './noAgentFollowUp';
import { DEFAULT_ASSIGNED_SOON, DEFAULT_LEAD_IN } from '../flow/blocks/humanTakeover';
import { isUnsureReply } from '../nlu/bareReplies';
import { normalizeText } from '../nlu/normalizeText';

type Field = 'name' | 'email' | 'reason';
/**
 * The contract's `takeover_question` waiting, plus the escalation reason that brought the customer here,
 * so the handoff still records it after the questions. (Plain JSON, persisted with the state.)
 */
export type TakeoverQuestionWaiting = Extract<Waiting, { kind: 'takeover_question' }>;

export const takeoverPrompts: Record<Field, string> = {
  name: 'Before I connect you, may I have your name?',
  email: 'What is your email address, in case we get disconnected?',
  reason: 'In a few words, what do you need help with?',
};
export const takeoverTexts = {
  /** Session 40 (hostile s40 L3): said when the agent hands the chat back (a taken-over chat said it already). */
  handedBack: (name: string) => `${name} handed the conversation back to the bot.`,
  /** Session 44 (ui8, newcomer s44 N12): said after handedBack when the agent handed back without writing to the customer. */
  handedBackUnanswered: "I'm sorry nobody from our team could answer you this time. Let's carry on from where we were; you can ask for a person again at any time.",
  /**
   * Session 45 (ui9, retest s44 #2): the same for a takeover the flow's wiring reached (Northwind's damaged item: "A
   * colleague will arrange a replacement"), said before the block's No agent (or Timeout) path, the flow's own answer to
   * nobody taking the chat (Northwind: a ticket the team answers by email).
   */
  handedBackUnansweredFlow: "I'm sorry nobody from our team could answer you in the chat this time.",
  emailRetry: "That doesn't look like an email address. Could you check it? For example: name@example.com",
  emailSkipped: "No problem, let's continue without it.",
  /** Session 39 (newcomer s39 N2): a request for a person typed at the email question. */
  emailSkippedForPerson: "Of course. Let's skip the email so you get to a person sooner.",
  /** Session 44 (details3, hostile s44 L1): the same when the reason question follows (no "sooner" promised). */
  emailSkippedReasonNext: "Of course, let's skip the email. One last thing before I put you through:",
  /** The customer's name typed at the email question (a name one turn late, or the question misread): kept, the email asked again. */
  emailAfterName: (name: string) => `Thanks, ${name}. And what is your email address, in case we get disconnected?`,
  /** The customer's email typed at the name question (newcomer s15 N#22): kept, the name asked again. */
  nameAfterEmail: (email: string) => `Thanks, I'll use ${email}. And what should we call you?`,
  nameRetry: 'Sorry, I only need your name here (for example: Kim Lee). What should we call you?',
  /** The answer to the name question was the customer's problem: kept as the reason, the name asked once more. */
  nameRetryNoted: "Thanks, I've noted that for the team. And what's your name? (Just your first name is fine.)",
  nameSkipped: "No problem, let's continue without it.",
  /** Session 47 (conv8): a wish for another way to talk said with the name ("Kim. Can we do this by email instead?"). */
  channelWishNoted: (how: 'email' | 'phone') => `Noted: you'd rather do this ${how === 'email' ? 'by email' : 'by phone'}. I'll tell the team.`,
  /**
   * Session 43 (hostq, hostile s43 M3): "I'd rather explain it on the call" at the name question is no name and no reason
   * for the team: the customer will tell the person; the name asked once more.
   */
  nameRetryReasonKept: "No problem, you can tell them yourself. And what's your name? (Just your first name is fine.)",
  /** Session 43 (hostq, hostile s43 M4): the same at the email question: no email asked again, and no reason question. */
  emailSkippedReasonKept: "No problem, you can tell them yourself. Let's skip the email so you get to a person sooner.",
  /** Session 43 (hostq, hostile s43 L3): a name beside the address at the name question ("Dana Scully, dana@x.com"). */
  nameAndEmail: (name: string, email: string) => `Thanks, ${name}. I'll use ${email}.`,
  noAgent: 'Sorry, no one from our team is available right now.',
  /** Session 35 (newcomer s35 #1): the queue timed out and its exit goes on without a Message of the designer's own. */
  timedOut: "I'm sorry for the wait: no one from our team could join in time.",
  /**
   * Session 33 (issue 8, perf s32): a takeover entered again while it is still closed, after this conversation was given
   * its out-of-hours message: one short line, not the whole paragraph again (`when`: "on Monday at 8am", or empty).
   */
  /** Session 40 (fixq, N1): after the closed line at a task's question, which goes on (asked again, it takes details). */
  closedKeptTask: (when: string) =>
    `Our team is offline right now, so I can't put you through${when === '' ? '' : `: they're back ${when}`}. If you'd like us to get back to you, ask for a person again and I'll take your details. For now, let's carry on.`,
  stillClosed: (when: string) => `Our team is still offline, so I can't put you through yet${when === '' ? '' : `: they're back ${when}`}.`,
  /**
   * Session 41 (hostile s40 L7): the customer asked for a person again right after the still-closed line (often angrier:
   * "I SAID I want a PERSON"): the same line word for word read as a wall. An apology and the plain fact instead.
   */
  stillClosedAgain: (when: string) =>
    `I'm sorry, I know you'd rather talk to someone now, but nobody can join ${when === '' ? 'at the moment' : `until our team is back ${when}`}.`,
  /**
   * Session 46 (conv6, retest-conv s45 L4): asked for a person again later in the conversation (not in the very next
   * message), after the still-closed line was said: the line said once, then a short one that refers back to it (the
   * same sentence three times word for word read as a recording).
   */
  stillClosedBrief: (when: string) => `As I said, nobody can join ${when === '' ? 'yet' : `before our team is back ${when}`}.`,
  /**
   * Session 35 (hostile s34 #13): the hours closed while the customer answered the takeover's questions or waited in its
   * queue ("all our colleagues are still busy" was said at 20:05 on a Friday): closed, and when the team is back.
   */
  closedMeanwhile: (when: string) => `I'm sorry, our team has gone offline in the meantime, so I can't put you through${when === '' ? '' : `: they're back ${when}`}.`,
  requeued: 'I am finding someone else to help you. Please stay with us.',
  /**
   * Session 41 (hostile s40 M9): the agent given the chat did not open (or answer) it in time. With nobody else it may
   * go to her again, so "finding someone else" may not be true: the wait, and that the chat keeps its place.
   */
  notOpenedYet: "Sorry for the wait. Your chat keeps its place at the front of the queue: the first colleague free will pick it up. Please stay with us.",
  /**
   * Session 41 (newcomer s40 N2): the agent who had the chat went offline (or signed out) and nobody else signed in may
   * take it: said once, then the block's No agent exit (a ticket), not "finding someone else" and a queue nobody serves.
   */
  agentGoneNobodyElse: (name: string) => `Sorry, ${name} has had to leave and no one else from our team is available right now.`,
  /** Session 28 (hostile s28 H9): words of self-harm while the customer waits in the queue; the chat is moved up. */
  reasonKept: 'No problem, you can tell them yourself.',
  /** Session 41 (injury, hostile s40 H2): a person hurt or ill now, said first (emergencyLineOf). */
  emergencyLine: (number: string) => `If you have not already, please call ${number} now: the emergency services can help faster than we can.`,
  /** Session 48 (lead, hostile s47 M2's rest): added to the emergency line when the emergency is gas or carbon monoxide. */
  /** Session 49 (emerg5, hostile s49 H1): 'carbon monoxide signs' (headaches, dizziness... near a fuel appliance, no alarm named). */
  gasLine: (kind: 'gas' | 'carbon monoxide' | 'carbon monoxide signs', call: string) =>
    kind === 'gas'
      ? `With a gas smell or leak: don't switch anything on or off, open doors and windows, get everyone outside and ${call} from there.`
      : kind === 'carbon monoxide'
        ? `With a carbon monoxide alarm: open the windows, turn off gas appliances if you can, get everyone outside into fresh air and ${call} from there.`
        : `This may be carbon monoxide poisoning: turn the appliance off if you can, open the windows, get everyone outside into fresh air and ${call} from there.`,
  /**
   * Session 50 (emerg7, hostile s49 M5, M12): what to do first with a live hazard that is no fire yet (hazardNow.ts
   * LiveHazardKind), said instead of the emergency line, before the handover and any question. `number`: the flow's
   * emergency number (emergencyNumberOf), `gasCall` the gas emergency line's words (emergencyLineAbout).
   */
  hazardLine: (kind: LiveHazardKind, number: string, gasCall: string) =>
    kind === 'overheating'
      ? `Please stop using it: if you can do it safely, switch it off and unplug it at the wall (or switch the power off at the fuse box), and keep away from it. Call ${number} if it smokes or catches fire.`
      : kind === 'electrics'
      ? `Please keep away from the water and anything electrical near it. If you can reach it without touching anything wet, switch the power off at the fuse box (the consumer unit). Call ${number} if there is smoke or fire, or if someone has had an electric shock.`
      : kind === 'battery'
        ? `Please keep away from the battery: don't charge it, cover it or put water on it. If you can move it safely, put it outside on a hard surface away from anything that can burn. If it smokes or catches fire, get everyone out and call ${number}.`
        : kind === 'smoke alarm'
          ? `If the smoke alarm is going off and you can't find why, please get everyone out now, close the doors behind you and call ${number} from outside.`
          : kind === 'ceiling'
            ? `Please keep everyone out of the room under that ceiling. If you can do it safely, turn the water off at the stopcock and the power off at the fuse box. Call ${number} if it comes down on anyone.`
            : `Please don't put water on the flame. If you can reach it safely, turn the gas off at the meter, then get everyone outside: call ${number} if anything catches fire, and ${gasCall}.`,
  /**
   * Session 43 (medical4, hostile s43 L6): the customer repeats the emergency while waiting for the person, after the
   * emergency line was said (emergencyAgainOf): not the line again word for word.
   */
  emergencyAgain: (number: string | null, coming: boolean) => `${coming ? 'A person is coming. ' : ''}If anyone is in danger, please call ${number ?? 'the emergency services'} now.`,
  crisisWhileWaiting: "I've told our team this can't wait, and someone will be with you as soon as possible. If you are in danger right now, please call your local emergency number.",
  /**
   * Session 29 (hostile s28 H11): words of self-harm when nobody can answer now (out of hours, nobody online, or the
   * ticket that follows). No promise that someone is coming: where to get help now, before the block's own text.
   */
  crisisNobodyNow: "I'm so sorry you're going through this. Please don't wait for us: if you are in danger right now, call your local emergency number. You can also talk to a crisis line at any hour: Samaritans on 116 123 in the UK and Ireland, or find one where you live at findahelpline.com.",
  /** Session 30 (hostile s29 H10): crisisNobodyNow for a flow that is not a UK / Ireland one (no UK number). */
  crisisNobodyNowElsewhere: "I'm so sorry you're going through this. Please don't wait for us: if you are in danger right now, call your local emergency number. You can also talk to a crisis line at any hour: find one where you live at findahelpline.com.",
  /** Session 29 (newcomer s28 N5): an upset customer out of hours is told sorry first, as in opening hours (no "I'll get a person"). */
  sorryNobodyNow: "I'm sorry about this.",
  /** A deliberate transfer: `by` (the agent) moves the customer to `to` (a colleague's name, or "the sales team"). */
  transferred: (by: string, to: string) => `${by} is transferring you to ${to}. Please stay with us.`,
  /**
   * Session 47 (hostile s47 L2): an admin (`by`) took the chat another agent (`from`) held. The customer read "Ann is
   * transferring you to Ann": she takes it over herself ("has joined" follows), or moves it to a colleague; `from`
   * did nothing, so the words do not say they did.
   */
  takenOver: (by: string, from: string) => `${by} is taking over your chat from ${from}.`,
  movedOn: (from: string, to: string) => `Your chat is moving from ${from} to ${to}. Please stay with us.`,
  ended: 'This conversation has ended.',
  endedRestart: 'This conversation has ended. You can start again whenever you like.',
  restartLabel: 'Start again',
  customerLeft: 'The customer left the conversation.',
  /** Session 19 (newcomer s19 F23): the customer withdrew the request at the questions before the handover. */
  backedOut: REFUSED_PERSON,
  /** Session 38 (hostile s38 H1): the customer withdrew the request while waiting in the queue. */
  withdrawnFromQueue: "No problem, I've cancelled your request for a person.",
  /** The default lead-in sentences (a Human takeover block's data.leadIn overrides them: `takeoverLeadIn`). */
  leadIn: DEFAULT_LEAD_IN,
};

/**
 * The lead-in sentence before a takeover's first question (newcomer s12 #16), by why the conversation came here, from
 * `texts`: the block's "Before the first question" settings (data.leadIn; the defaults, DEFAULT_LEAD_IN, when absent).
 */
export function takeoverLeadIn(
  reason: EscalationReason | undefined,
  texts: Readonly<Omit<Record<keyof typeof DEFAULT_LEAD_IN, string>, 'upset'> & { upset?: string }> = DEFAULT_LEAD_IN,
): string {
  if (reason === undefined) return texts.flow;
  if (reason === 'low_confidence' || reason === 'repeated_fallback' || reason === 'loop') return texts.misunderstood;
  if (reason === 'explicit_request') return texts.asked;
  // Session 26 (newcomer s26 F10): sorry first for an upset customer. A block whose leadIn predates the line, or that
  // rewrote the escalated line (another language) and left this one as built in, says its escalated line as before.
  if (reason === 'negative_sentiment') {
    const upset = texts.upset;
    if (upset !== undefined && !(upset === DEFAULT_LEAD_IN.upset && texts.escalated !== DEFAULT_LEAD_IN.escalated)) return upset;
  }
  return texts.escalated;
}

export const RESTART_BUTTON_ID = 'restart';

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** Two handoffs compete for the same agents when either names no team or their teams overlap (case-insensitive). */
export function samePool(a: readonly string[], b: readonly string[]): boolean {
  const x = a.filter((t) => t.trim() !== '').map((t) => t.toLowerCase());
  const y = b.filter((t) => t.trim() !== '').map((t) => t.toLowerCase());
  return x.length === 0 || y.length === 0 || x.some((t) => y.includes(t));
}

/**
 * Chats ahead of a new handoff (teams, priority) in the queue: the waiting ones of the same pool with the same or a
 * higher priority. The engine's handoff message and the runtime's queue updates both count this way, so the first
 * "Expected wait" and the next one come from one estimate (shared/handoff/estimateWait.ts) with the same inputs.
 */
export function queueAhead(queue: ReadonlyArray<{ teams: readonly string[]; priority: string }>, teams: readonly string[], priority: string): number {
  const rank = PRIORITY_RANK[priority] ?? 2;
  return queue.filter((q) => samePool(q.teams, teams) && (PRIORITY_RANK[q.priority] ?? 2) <= rank).length;
}

/** What the customer is told when the chat goes back to the queue: a transfer names who and where. */
export function declinedText(transfer: { by: string; to: string; from?: string } | undefined, cause?: RequeueCause): string {
  const by = transfer?.by?.trim();
  const to = transfer?.to?.trim();
  const from = transfer?.from?.trim();
  // An admin's rescue of a chat another agent held: who had it and who has it now (hostile s47 L2).
  if (by && to && from && from !== by) return to === by ? takeoverTexts.takenOver(by, from) : takeoverTexts.movedOn(from, to);
  if (by && to) return takeoverTexts.transferred(by, to);
  // Session 41 (hostile s40 M9): not opened / not answered in time is no refusal of this customer: the chat may go back
  // to the same agent when nobody else can take it, so no "someone else".
  return cause === 'not_opened' || cause === 'not_answered' ? takeoverTexts.notOpenedYet : takeoverTexts.requeued;
}
/** Invalid emails allowed before the question is skipped. */
const EMAIL_RETRIES = 2;
/** Answers to the name question that are not a name allowed before it is skipped. */
const NAME_RETRIES = 1;
const FIELDS: Field[] = ['name', 'email', 'reason'];

export function assignmentRequest(d: HumanTakeoverData, ignoreCapacity = false): AssignmentRequest {
  return {
    strategy: d.autoAssign.strategy,
    maxChatsPerAgent: ignoreCapacity ? Number.MAX_SAFE_INTEGER : d.autoAssign.maxChatsPerAgent,
    skill: d.skill,
    language: d.language,
    teams: d.teams,
    agents: d.agents,
  };
}

/**
 * Questions this block still has to ask, in order, after `after` (null = from the first). `emailDeclined`: the customer
 * said no email in this block's questions or the message that brought them here (session 37, hostile s35 F11 rest: with
 * the name asked first, "no email, just get me a person" got the email question after the name).
 */
function nextField(run: Run, d: HumanTakeoverData, after: Field | null, emailDeclined = false, reasonForPerson = false): Field | null {
  const v = run.s.variables;
  // Session 38 (hostile s37 #1): an email the customer declined earlier in the conversation is not asked again.
  const email = !emailDeclined && run.s.emailDeclined !== true && !isKnown(v.customerEmail);
  // Session 43 (hostq, hostile s43 M4): the customer said they would rather explain it to the person: not asked it.
  const reason = !reasonForPerson && !isKnown(v.handoffReason);
  const wanted: Record<Field, boolean> =
    d.assignation === 'default'
      ? { name: !isKnown(v.customerName), email, reason }
      : d.assignation === 'custom'
        ? { name: false, email: d.askEmail && email, reason: d.askReason && reason }
        : { name: false, email: false, reason: false };
  const from = after === null ? 0 : FIELDS.indexOf(after) + 1;
  for (let i = from; i < FIELDS.length; i++) if (wanted[FIELDS[i]]) return FIELDS[i];
  return null;
}

/** Whether the block still has the reason question to ask (default mode, or custom with "Ask the reason"). */
function wantsReason(run: Run, d: HumanTakeoverData): boolean {
  return (d.assignation === 'default' || (d.assignation === 'custom' && d.askReason)) && !isKnown(run.s.variables.handoffReason);
}

function ask(run: Run, block: BlockOf<'human_takeover'>, field: Field, reason: EscalationReason | undefined, emailDeclined: boolean, reasonForPerson = false): void {
  bot(run, takeoverPrompts[field], block.id);
  const w: TakeoverQuestionWaiting = { kind: 'takeover_question', blockId: block.id, field, retries: 0 };
  if (reason !== undefined) w.reason = reason;
  if (emailDeclined) w.emailDeclined = true;
  if (reasonForPerson) w.reasonForPerson = true;
  run.s.waiting = w;
}

/**
 * Whether entering the takeover now would find someone: in hours (custom availability), and the caller says who is
 * signed in and one of them is reachable for it. False when the caller does not say (nobody can be told apart then).
 * Hostile s15 H#4: after "nobody is available", an agent came online and the customer's requests were still kept at
 * the ticket's questions (noAgentFollowUp.ts). The block's behaviour offers it as `reachesSomeoneNow` (session 16: the
 * follow-up rule asks the behaviour instead of comparing block kinds).
 */
export function someoneReachableNow(run: Run, block: BlockOf<'human_takeover'>): boolean {
  const d = block.data;
  if (d.assignation === 'custom' && d.availability && !isOpen(d.availability, run.now)) return false;
  // Online agents only: a Busy (away) one takes no chat by itself. With the only agent Busy, the queue timed out, the
  // follow-up asked for the ticket, and every new request for a person opened another handoff that timed out the
  // same way, without end (hostile s16 H#12): she was there all along and did not pick the chat from the queue.
  const online = run.ctx.agents?.filter((a) => a.status === 'online');
  return online !== undefined && reachableAgents(online, assignmentRequest(d, true)).length > 0;
}

/**
 * Session 42 (ticketq, newcomer s41 N2 rest): whether entering the takeover now would find nobody, by the same rules as
 * sayNobodyNow (closed by its opening hours; or the caller says who is signed in and none of them may take it), saying
 * nothing. False when the caller does not say who is signed in and the block is open.
 */
export function findsNobodyNow(run: Run, block: BlockOf<'human_takeover'>): boolean {
  const d = block.data;
  if (d.assignation === 'custom' && d.availability && !isOpen(d.availability, run.now)) return true;
  return run.ctx.agents !== undefined && reachableAgents(run.ctx.agents, assignmentRequest(d, true)).length === 0;
}

/** Session 45 (perf): whether the block is closed now by its own opening hours (noAgentFollowUp.ts inClosedFollowUp). */
export function closedByHours(run: Run, block: BlockOf<'human_takeover'>): boolean {
  const d = block.data;
  if (d.assignation !== 'custom' || !d.availability) return false;
  return !isOpen(d.availability, run.now);
}

/**
 * Whether `text` (the block's latest words) says the block found nobody: its no-agent sentence, its out-of-hours message
 * (with today's variables), or any words of it when its own handoff is the state's and expired or was rejected (the
 * queue timeout says nothing of its own). For states saved before `nobodyFound` (noAgentFollowUp.ts).
 */
export function saidNobodyFound(run: Run, block: BlockOf<'human_takeover'>, text: string): boolean {
  if (text === takeoverTexts.noAgent) return true;
  const h = run.s.handoff;
  if (h !== null && h.blockId === block.id && (h.status === 'expired' || h.status === 'rejected')) return true;
  const d = block.data;
  if (text.startsWith(STILL_CLOSED_START) || text.startsWith(STILL_CLOSED_AGAIN_START) || text.startsWith(STILL_CLOSED_BRIEF_START)) return true;
  return d.assignation === 'custom' && d.availability !== undefined && text === renderTemplate(d.outOfHoursMessage, run.s.variables);
}

/** Entering the block. Returns the next block id when it leaves at once (no one available). */
export function enterTakeover(run: Run, block: BlockOf<'human_takeover'>, entry: TakeoverEntry): string | null {
  const d = block.data;
  forgetNobodyFound(run.s); // a takeover again: whatever it finds now is what counts (noAgentFollowUp.ts)
  // Session 19 (newcomer s19 F2): the reason the customer already gave is not asked again (reasonGiven.ts).
  // (Session 41: read before the out-of-hours check, so the ticket after a closed takeover knows it too.)
  if (wantsReason(run, d)) {
    const given = reasonAlreadyGiven(run, entry?.reason === undefined);
    // Session 39 (hostile s38 M2): a takeover the flow reached by itself takes the customer's choices on the way.
    const way = given === null && entry?.reason === undefined ? reasonFromWay(run, block.id) : null;
    if (given !== null || way !== null) setVar(run, 'handoffReason', (given ?? way) as string);
  }
  if (sayNobodyNow(run, block, entry, 'the flow took its No agent exit') !== null) return leaveTo(run, block, 'no_agent');
  // Session 29 (hostile s29 H1): a handoff whose reason is self-harm says where to get help first, before the queue
  // text or the email question (crisisNobodyNow covered only the takeover that finds nobody).
  if (entry !== null && selfHarmSignalIn(entry.signals)) bot(run, takeoverTexts.crisisWhileWaiting, block.id);
  // Session 41 (injury, hostile s40 H2): a person hurt or ill now: the emergency line first, before the email question.
  else sayEmergencyLine(run, block, entry);
  // Session 36 (hostile s35 F11): "no email, just get me a person": the request is met without asking the email the
  // customer just declined ("What is your email address, in case we get disconnected?" came next). Session 37 (F11
  // rest): remembered in the waiting, so a block that asks the name first does not ask the email after it either.
  const said = run.s.variables.lastMessage;
  // Session 41 (lead, hostile s41 H3 rest): handed over by the policy for a person in danger now (self-harm, someone hurt
  // or ill now), the takeover's questions are not asked first: "get me a human, my dad is having a heart attack" got the
  // emergency line, then "What is your email address, in case we get disconnected?", and no agent heard of it until the
  // customer answered. As at a question (crisisAtQuestion): handed over at once, the message is the reason.
  if (entry !== null && entry.signals.length > 0 && (selfHarmSignalIn(entry.signals) || emergencySignalIn(entry.signals) || liveHazardEntry(run, entry))) {
    if (wantsReason(run, d) && !isKnown(run.s.variables.handoffReason) && typeof said === 'string') setVar(run, 'handoffReason', said);
    handOver(run, block, entry.reason ?? 'urgency', entry.signals);
    return null;
  }
  const emailDeclined = entry !== null && typeof said === 'string' && declinesEmailBeside(said);
  if (emailDeclined) run.s.emailDeclined = true;
  const field = nextField(run, d, null, emailDeclined);
  if (field !== null) {
    // The block's own words, variables filled in; a text the designer emptied says nothing.
    // Session 35 (newcomer s35 #7): an upset customer who also asks for a person ("I am so angry, this is the third time
    // my order is late. Get me a person") is told sorry first, and so is one whose first question is the name (whose
    // own "Before I connect you" made every other lead-in redundant, the apology too).
    const upset = upsetEntry(entry);
    const leadIn = field !== 'name' || upset ? renderTemplate(takeoverLeadIn(upset ? 'negative_sentiment' : entry?.reason, d.leadIn ?? DEFAULT_LEAD_IN), run.s.variables).trim() : '';
    if (leadIn !== '') bot(run, leadIn, block.id);
    ask(run, block, field, entry?.reason, emailDeclined);
    return null;
  }
  handOver(run, block, entry?.reason ?? 'flow', entry?.signals ?? []);
  return null;
}

/**
 * Session 36 (hostile s35 F1): whether a task's question keeps a request for a person (engine.ts keptAtTicket,
 * keepsAfterNobody): a plain request for a person (explicit_request; not an urgent or upset message, which needs the
 * follow-up) while the target is closed by its opening hours (not when nobody is signed in: the flow's No agent exit
 * says what to do then, "call the desk"), and not when it has just found nobody (the customer asks again: they insist).
 */
export function keptAtTask(run: Run, targetId: string, entry: TakeoverEntry): boolean {
  const target = run.c.blocks.get(targetId);
  if (target === undefined || target.kind !== 'human_takeover' || entry?.reason !== 'explicit_request') return false;
  const d = target.data;
  if (d.assignation !== 'custom' || !d.availability || isOpen(d.availability, run.now)) return false;
  const f = run.s.nobodyFound;
  return f === undefined || f.blockId !== targetId;
}

/** What a takeover that finds nobody now said: its out-of-hours message, its still-closed line, or its no-agent line. */
export type NobodySaid = 'closed' | 'stillClosed' | 'nobody';

/**
 * When nobody can take the conversation now (closed by the block's opening hours; or the caller says who is signed in
 * and none of them may take it): says so (after what the customer needs first: nobodyNowLeadIn), says in the step's
 * explanation that nothing was handed over and `goesOn` (how the flow goes on), and returns what was said; null, saying
 * nothing, when someone may take it. Shared by entering the block (then its No agent exit) and, session 35 (hostile s34
 * #4), by a request for a person at another ticket's question (keptAtTicket: that ticket goes on).
 */
export function sayNobodyNow(run: Run, block: BlockOf<'human_takeover'>, entry: TakeoverEntry, goesOn: string, takesNoDetails = false): NobodySaid | null {
  const d = block.data;
  if (d.assignation === 'custom' && d.availability && !isOpen(d.availability, run.now)) {
    nobodyNowLeadIn(run, block, entry);
    const opens = nextOpening(d.availability, run.now);
    const told = run.s.closedNotice;
    let said: NobodySaid = 'closed';
    if (told !== undefined && told.blockId === block.id && (told.until === null || run.now < told.until)) {
      bot(run, stillClosedNow(run, block.id, d.availability.timezone, opens), block.id);
      said = 'stillClosed';
    } else if (takesNoDetails) {
      // Session 40 (fixq, newcomer s40 N1): at a task's question the flow's out-of-hours message ("Leave your details
      // and we'll get back to you") promised what nothing here takes: closed, and how to leave details (ask again).
      bot(run, takeoverTexts.closedKeptTask(opens === null ? '' : opensWhen(d.availability.timezone, run.now, opens)), block.id);
      run.s.closedNotice = { blockId: block.id, until: opens };
    } else {
      bot(run, renderTemplate(d.outOfHoursMessage, run.s.variables), block.id);
      run.s.closedNotice = { blockId: block.id, until: opens };
    }
    notHandedOver(run, `Out of hours: ${whyHere(run, entry)}, but "${blockName(block)}" is closed now (opening hours, ${d.availability.timezone}), so no handoff was requested: the customer was told so and ${goesOn}.`);
    return said;
  }
  // When the caller knows who is signed in, do not make the customer answer questions for nobody. A busy (away)
  // agent takes no automatic assignment but can still pick the chat from the queue, so the customer waits for them.
  if (run.ctx.agents && reachableAgents(run.ctx.agents, assignmentRequest(d, true)).length === 0) {
    nobodyNowLeadIn(run, block, entry);
    bot(run, takeoverTexts.noAgent, block.id);
    notHandedOver(run, `Nobody available: ${whyHere(run, entry)}, but no agent who may take "${blockName(block)}" is online, so no handoff was requested: the customer was told so and ${goesOn}.`);
    return 'nobody';
  }
  return null;
}

/**
 * Session 35 (hostile s34 #4, HIGH): a request for a person at the question of a ticket that is not this block's
 * follow-up (out of hours, "can I talk to a person" at the cancellation ticket's email question) entered the block,
 * which was closed and left by its No agent exit to the generic follow-up ticket: the cancellation ticket was never
 * opened. When nobody can take the conversation now, the block says so here and the ticket in progress goes on (the
 * caller asks its question again); null when someone may take it (the caller hands over as before).
 */
export function nobodyForTicket(run: Run, block: BlockOf<'human_takeover'>, entry: TakeoverEntry, takesNoDetails = false): NobodySaid | null {
  forgetNobodyFound(run.s);
  const said = sayNobodyNow(run, block, entry, 'the conversation goes on where it was (its question again)', takesNoDetails);
  if (said !== null) noteNobodyFound(run.s, block.id);
  return said;
}

/**
 * The still-closed line to say now, noted as said at this turn. Session 41 (hostile s40 L7): asked for a person again in
 * the very next message after it ("I SAID I want a PERSON"), an apology and the plain fact, not the same line word for word.
 */
function stillClosedNow(run: Run, blockId: string, timezone: string, opens: number | null): string {
  const when = opens === null ? '' : opensWhen(timezone, run.now, opens);
  const told = run.s.closedNotice;
  const saidBefore = told !== undefined && told.blockId === blockId && told.stillTurn !== undefined;
  const repeated = saidBefore && told.stillTurn === run.s.turn - 1;
  run.s.closedNotice = { blockId, until: told !== undefined && told.blockId === blockId ? told.until : opens, stillTurn: run.s.turn };
  // Session 46 (conv6, retest-conv s45 L4): said before, not just now: a short line that refers back to it.
  // Session 46 (conv7, retest-conv s46 L3): the apology once; asked again after it, the short line (the long apology said
  // word for word on each further request read as a recording).
  const again = takeoverTexts.stillClosedAgain(when);
  const apologised = run.s.recentTranscript.some((e) => e.from === 'bot' && e.text.includes(again)) || run.messages.some((m) => m.from === 'bot' && m.text.includes(again));
  return repeated && !apologised ? again : saidBefore ? takeoverTexts.stillClosedBrief(when) : takeoverTexts.stillClosed(when);
}

/**
 * Session 34 (hostile s33 #1): the still-closed line when the block's opening hours are closed now, else null. Said by
 * the ticket that follows it when the customer asks for a person again there (it said "no one is free right now").
 */
export function stillClosedLine(run: Run, block: BlockOf<'human_takeover'>): string | null {
  const d = block.data;
  if (d.assignation !== 'custom' || !d.availability || isOpen(d.availability, run.now)) return null;
  return stillClosedNow(run, block.id, d.availability.timezone, nextOpening(d.availability, run.now));
}

/** The words every stillClosed line starts with (saidNobodyFound reads them). */
const STILL_CLOSED_START = takeoverTexts.stillClosed('').slice(0, -1);
const STILL_CLOSED_AGAIN_START = takeoverTexts.stillClosedAgain('').split(',')[0] + ', I know';
const STILL_CLOSED_BRIEF_START = takeoverTexts.stillClosedBrief('').split(',')[0] + ', nobody can join';

const blockName = (block: Block) => block.label?.trim() || 'Human takeover';

/** When `opens` is, said from `now` in the hours' time zone: "today at 2pm", "tomorrow at 8am", "on Monday at 8:30am". */
export function opensWhen(timezone: string, now: number, opens: number): string {
  const a = localTime(timezone, now);
  const b = localTime(timezone, opens);
  const days = Math.round((Date.parse(`${b.date}T00:00:00Z`) - Date.parse(`${a.date}T00:00:00Z`)) / 86_400_000);
  const day = days === 0 ? 'today' : days === 1 ? 'tomorrow' : days < 7 ? `on ${dayNames[b.weekday]}` : `on ${dayNames[b.weekday]} ${b.date}`;
  const h = Math.floor(b.minutes / 60);
  const m = b.minutes % 60;
  const clock = `${h % 12 === 0 ? 12 : h % 12}${m === 0 ? '' : `:${String(m).padStart(2, '0')}`}${h < 12 ? 'am' : 'pm'}`;
  return `${day} at ${clock}`;
}

/**
 * Session 29 (hostile s28 H11, newcomer s28 N5): why the conversation came to a takeover that finds nobody, for the
 * step's explanation. It said "the customer wanted a person" whatever brought them (a crisis, anger, urgency), although
 * the customer had asked for nobody: it now names what the policy read, or the flow.
 */
function whyHere(run: Run, entry: TakeoverEntry): string {
  if (entry === null) return reasonPhrase('flow', run.s);
  if (entry.reason === 'explicit_request') return reasonPhrases.explicit_request;
  if (selfHarmSignalIn(entry.signals)) return `the policy would have handed over (${SELF_HARM_NAME}: the customer wrote words of self-harm; the crisis line was said first)`;
  if (entry.reason === 'negative_sentiment') return `the policy would have handed over (${reasonPhrases.negative_sentiment}; the apology was said first)`;
  return `the policy would have handed over (${reasonPhrases[entry.reason]})`;
}

/** The customer came here upset: handed over for it, or it fired beside another reason (a request for a person). */
function upsetEntry(entry: TakeoverEntry): boolean {
  return entry !== null && (entry.reason === 'negative_sentiment' || entry.signals.some((x) => x.reason === 'negative_sentiment'));
}

/**
 * Session 29 (hostile s28 H11, newcomer s28 N5): before "we're offline" / "no one is available", what the customer who
 * came here needs first. Words of self-harm got only "Leave your details and we'll get back to you first thing": the
 * crisis line now comes first (no promise of a person). An upset customer got no apology out of hours (in hours the
 * lead-in says sorry): the apology comes first, without "I'll get a person", as long as the block's upset line is the
 * built-in one (a rewritten one, perhaps in another language, is the designer's; their out-of-hours text speaks).
 */
function nobodyNowLeadIn(run: Run, block: BlockOf<'human_takeover'>, entry: TakeoverEntry): void {
  // Session 41 (injury, hostile s40 H2, H4): a person hurt or ill now gets the emergency line before "we're offline"
  // (was: "Leave your details and we'll get back to you first thing" and nothing else).
  if (!(entry !== null && selfHarmSignalIn(entry.signals))) sayEmergencyLine(run, block, entry);
  if (entry === null) return;
  if (selfHarmSignalIn(entry.signals)) {
    bot(run, crisisLineOf(run.flow), block.id);
    return;
  }
  if (!upsetEntry(entry)) return;
  const sorry = upsetApology(block);
  if (sorry !== null) bot(run, sorry, block.id);
}

/**
 * The apology alone ("I'm sorry about this.") for an upset customer, as long as the block's upset lead-in is the built-in
 * one (a rewritten one, perhaps in another language, is the designer's), else null. Said before "we're offline"
 * (nobodyNowLeadIn) and, session 43 (policy1), before the bot answers a complaint it understood (complaintFirst.ts).
 */
export function upsetApology(block: BlockOf<'human_takeover'>): string | null {
  const texts = block.data.leadIn ?? DEFAULT_LEAD_IN;
  return takeoverLeadIn('negative_sentiment', texts) === DEFAULT_LEAD_IN.upset ? takeoverTexts.sorryNobodyNow : null;
}

/**
 * Session 27 (convo, newcomer s26 F19): the policy decided to hand over, and the takeover left by its No agent exit at
 * once (out of hours, nobody online): the step's explanation (the simulator's notice under the message, Debug, `baton
 * chat`) said "Handed over: the customer asked for a person" while nobody was handed anything. It now says what happened
 * first; what the policy read follows. The decision's action stays the policy's (corpus tools count it).
 */
function notHandedOver(run: Run, what: string): void {
  const d = run.decision;
  if (d?.action !== 'handoff') return;
  run.decision = { ...d, explanation: `${what} The policy read: ${d.explanation}` };
}

function leaveTo(run: Run, block: BlockOf<'human_takeover'>, exit: 'no_agent'): string | null {
  run.s.waiting = null;
  noteNobodyFound(run.s, block.id);
  const to = run.c.exitOf(block.id, exit);
  if (to !== undefined) return to;
  followOrEnd(run, block, exit);
  return null;
}

/**
 * Session 27 (newcomer s26 F14): a takeover's exit left unwired is a warning in the studio, not a refusal, because the
 * conversation then ends here in the customer's words: after no agent was found (no_agent, whose "no one is available"
 * line is said before) or nobody took the chat in time (timeout: that line is said here), and after an agent handed the
 * chat back (resolved), "This conversation has ended." Before, the customer read the designer's "This flow has no next
 * step here (block ..., exit ...)" line. validateFlow's warning (blocks/humanTakeover.ts unwiredExit) says the same.
 */
function followOrEnd(run: Run, block: BlockOf<'human_takeover'>, exit: string): void {
  if (run.c.exitOf(block.id, exit) !== undefined) return followExit(run, block, exit);
  run.s.waiting = null;
  if (exit === 'timeout') bot(run, takeoverTexts.noAgent, block.id);
  endConversation(run, takeoverTexts.ended, block.id);
}

/** The customer answered a pre-handoff question (already recorded in the transcript). */
export function answerTakeoverQuestion(
  run: Run,
  block: BlockOf<'human_takeover'>,
  asked: TakeoverQuestionWaiting,
  text: string,
): void {
  const typed = text.trim();
  // Session 37 (hostile s35 F11 rest): "Kim, no email please" at the name question: the email is not asked after it.
  let w: TakeoverQuestionWaiting = asked.field === 'name' && asked.emailDeclined !== true && declinesEmailBeside(typed) ? { ...asked, emailDeclined: true } : asked;
  if (w.emailDeclined === true) run.s.emailDeclined = true;
  if (crisisAtQuestion(run, block, w, typed)) return;
  // Session 34 (hostile s34): a hold with nothing else ("wait, I'll look it up", "please hold") is a moment; a hold before
  // an answer ("wait, no, I don't want to give my email") is that answer.
  if (w.field === 'email' && asksForAMoment(typed)) {
    bot(run, momentEmailTexts.takeover, block.id);
    return;
  }
  // Session 45 (details4, retest s44 L6): an address spelled out in words ("dana at acme dot example") is read as typed,
  // and said back.
  const spelled = w.field === 'email' ? (emailAnswer(heldAnswer(typed)).spelled ?? null) : null;
  const t = spelled ?? (w.field === 'email' ? heldAnswer(typed) : typed);
  // Session 38 (hostile s37 #1): the email declined or put off, then a request for a person ("I don't have one, just a
  // human please", "not now, I need a person NOW": the email skipped, the request met) or a goodbye ("not now thanks,
  // bye": as "bye"). Both were "That doesn't look like an email address".
  const then = w.field === 'email' ? emailRefusedThen(t) : null;
  // Session 33 (newc s33, newcomer s32 #3 at the takeover): a goodbye at its name or email question ("bye", "thanks,
  // bye", "that's all") was a name ("Thanks, bye. And what is your email address ..."): the customer leaves, so the
  // request is withdrawn as "never mind" withdraws it.
  // Session 35 (hostile s34 #5): so does a refusal of a person ("wait, no, I don't want a person"): it was a wrong
  // address twice, and then the customer was put through.
  if (backsOut(t) || refusesAPerson(t) || then === 'goodbye' || (!t.includes('@') && closesChat(t))) {
    // Session 36 (hostile s35 F14): "ana@x.com, actually no I don't want a person": the refusal wins (the address was
    // taken and the customer put through); the address is kept for later (a ticket does not ask it again).
    const r = w.field === 'email' && t.includes('@') ? emailAnswer(t, ownAddressesOf(run.flow)) : null;
    if (r !== null && r.ok) setVar(run, 'customerEmail', r.value);
    backOutOfTakeover(run, block);
    return;
  }
  let fixed: 'asked' | 'kept' | null;
  let picked: ReturnType<typeof pickAfterWhichEmail>;
  if (w.field === 'name') {
    // "My name is Ana" / "I'm Ana" -> "Ana". A sentence is not a name (newcomer s8 #30): asked again once, then the
    // handoff goes on without a name rather than greeting the customer by "a jumper came in the wrong colour".
    // Session 12 (newcomer s12 #20): "hi, my parcel is late" is not the name "hi": the problem is kept as the reason
    // (when the block asks one: the customer is not asked it again), and the name asked once more; without a name the
    // inbox titles the chat by the email.
    // Session 15 (newcomer s15 N#22): an email address typed at the name question, when no email is known yet, was
    // refused ("Sorry, I only need your name here") and then asked for again. It is kept and the name asked again, not
    // counted as a wrong name (the mirror of emailAfterName below).
    // Session 47 (conv8, hostile s46 L5): a name with an address when an email is already known ("Jo Smith
    // <jo@acme.example.com>", a signature) was "Sorry, I only need your name here": the name is taken, and the address,
    // the customer's latest, is used (said back so they can correct it).
    const known = isKnown(run.s.variables.customerEmail);
    const email = known && (!t.includes('@') || nameBesideAddress(t, null) === null) ? null : validateAnswer('email', t, run.now);
    if (email !== null && email.ok) {
      setVar(run, 'customerEmail', email.value);
      // Session 43 (hostq, hostile s43 L3): "Dana Scully, dana@fbi.example, 0207 946 0000" kept the address and asked
      // "what should we call you?" again: the name beside it is taken too (and the phone, the matter, as beside an email).
      const beside = detailsBeside(run, t);
      keepDetailsBeside(run, beside, wantsReason(run, block.data));
      const named = nameBesideAddress(t, beside.phoneText);
      if (named !== null) {
        setVar(run, 'customerName', named);
        bot(run, takeoverTexts.nameAndEmail(named, String(email.value)), block.id);
        return nextOrHandOver(run, block, w);
      }
      bot(run, takeoverTexts.nameAfterEmail(String(email.value)), block.id);
      return;
    }
    // Session 46 (details5, retest s45 M11): thanks or an exclamation ("Wow, brilliant.", "Oh great. Thanks.", "great,
    // just great") is no name ("Wow" was stored) and no matter ("Thanks, I've noted that for the team"): the name again.
    if (onlyCourtesy(t) || onlyExclamation(t)) return nameAgainOrLeftOut(run, block, w, takeoverTexts.nameRetry);
    // Session 44 (hostfix, hostile s44 M6): "Dana. Also, do you offer SSO on the Team plan?": the name is the first
    // sentence, the question after it is kept for the person as the reason (nameThenMatter).
    const split = nameThenMatter(t);
    const name = split?.name ?? nameFromAnswer(t);
    // Session 24 (hostile s17 #25): "I'm not sure" / "no idea" is no name and no problem to note for the team ("Thanks,
    // I've noted that for the team"): the name is left out at once, as an email the customer is unsure of is.
    if (name === null && isUnsureReply(normalizeText(t))) {
      bot(run, takeoverTexts.nameSkipped, block.id);
      return nextOrHandOver(run, block, w);
    }
    // Session 43 (hostq, hostile s43 M3): "I'd rather explain it on the call" is no name and no reason ("Thanks, I've
    // noted that for the team", and the agent read it as what the customer needs): the customer will tell the person,
    // so the reason question is not asked either; the name asked once more, then left out.
    // Session 47 (conv8, hostile s46 L5): "I'd rather not say" at the name question refuses the name: it was read as
    // keeping the reason for the person ("No problem, you can tell them yourself. And what's your name?"). Left out at once.
    if (name === null && refusesTheName(t)) {
      bot(run, takeoverTexts.nameSkipped, block.id);
      return nextOrHandOver(run, block, w);
    }
    if (name === null && keepsReasonForPerson(t)) return nameAgainOrLeftOut(run, block, { ...w, reasonForPerson: true }, takeoverTexts.nameRetryReasonKept);
    const problem = name === null ? problemFromNameAnswer(t) : (split?.matter ?? null);
    const noted = problem !== null && wantsReason(run, block.data);
    if (noted) setVar(run, 'handoffReason', problem);
    // Session 47 (conv8, hostile s46 L5): "Kim. Actually, can we do this by email instead?": the wish for another way to
    // talk was kept as the reason without a word; it is said back, so the customer knows the team will see it.
    const wish = name !== null && problem !== null ? channelWish(problem) : null;
    if (wish !== null) {
      if (!noted && !isKnown(run.s.variables.handoffReason)) setVar(run, 'handoffReason', problem);
      bot(run, takeoverTexts.channelWishNoted(wish), block.id);
    }
    if (name !== null) setVar(run, 'customerName', name);
    // Hostile s13 #10: "agent", "human please": a person is what they are getting; not asked for a name again.
    else if (asksForAPersonAgain(t)) bot(run, takeoverTexts.nameSkipped, block.id);
    else if (w.retries + 1 <= NAME_RETRIES) {
      run.s.waiting = { ...w, retries: w.retries + 1 };
      bot(run, noted ? takeoverTexts.nameRetryNoted : takeoverTexts.nameRetry, block.id);
      return;
    } else bot(run, takeoverTexts.nameSkipped, block.id);
  } else if (w.field === 'email' && asksWhyEmail(t) && !nextAside(w, { said: null }, 1).goOn) {
    // Session 48 (conv9, hostile s47 M1): once; asked again (or after another non-answer), the handover goes on without it.
    run.s.waiting = nextAside(w, { said: null }, 1).w;
    bot(run, whyEmailTexts.takeover, block.id);
    return;
  } else if (w.field === 'email' && asksWhyEmail(t)) {
    bot(run, takeoverTexts.emailSkipped, block.id);
  } else if (w.field === 'email' && (picked = pickAfterWhichEmail(run, block.id, t)) !== null) {
    // Session 44 (details3, hostile s44 M4): "the second one" at "Which one should we reply to: A or B?" (as the ticket).
    setVar(run, 'customerEmail', picked.email);
    bot(run, addressTaken(picked.email), block.id);
    keepDetailsBeside(run, detailsBeside(run, picked.earlier), wantsReason(run, block.data));
  } else if (w.field === 'email') {
    // Session 15 (hostile s15 H#1, s14 #20 rest): of several addresses, the customer's by the same rule as the ticket's
    // email question (emailAnswer: not the shop's own, not one set aside); two that could each be theirs: asked which.
    // The flow's own addresses only matter among several: alone, an address on the shop's notify domain is still the
    // customer's (a shop writing to team@gmail.com must not refuse every gmail customer; urgentHandoff's kim@example.com).
    const r = emailAnswer(t, t.indexOf('@') !== t.lastIndexOf('@') ? ownAddressesOf(run.flow) : undefined);
    const late = r.ok || then !== null ? null : nameAtEmailQuestion(run, t);
    let side: SideQuestion | null;
    let beside: ReturnType<typeof detailsBeside>;
    if (r.ok) {
      setVar(run, 'customerEmail', r.value);
      // Session 35 (newcomer s32 #7): a change or pick of address ("actually use my work one: x@y.com") is said back.
      if (picksAnAddress(t) || spelled !== null) bot(run, addressTaken(String(r.value)), block.id);
      // Session 42 (ticketq, hostile s40 L9): "bob@example.com and my phone is 07700 900123" kept no phone; what is said
      // beside the address is kept (the phone, references, the matter as the reason when the block asks one).
      // Session 44 (details2, retest s43 F9): the name beside the address, as at the name question (hostq), when none is
      // known (session 45, details4: keepBesideAddress, one reader with the ticket's and a Question's email questions).
      keepBesideAddress(run, t, wantsReason(run, block.data));
    } else if (r.choices !== undefined) {
      bot(run, ticketPrompts.whichEmail(r.choices), block.id);
      return;
    } else if (late !== null) {
      // Session 14 (newcomer s13 #17): "Kim" typed one turn late (the name question skipped after a sentence), or the
      // email question answered with a name, was refused as an email. The name is kept (the inbox titles the chat by
      // it) and the email asked again, not counted as a wrong email; once a name is known, this does not happen again.
      setVar(run, 'customerName', late);
      bot(run, takeoverTexts.emailAfterName(late), block.id);
      return;
    } else if (declinesEmail(t) || unsureOfEmail(t) || declinesEmailBeside(t) || then === 'person') {
      // Session 16 (newcomer s15 N#15): "I don't have an email" goes on without it at once (was: "Could you check it?"
      // until the retries ran out). Session 38: remembered, so no later question asks it again.
      run.s.emailDeclined = true;
      keepDetailsBeside(run, detailsBeside(run, t), false); // session 42: "no email, call me on 07700 900123"
      bot(run, takeoverTexts.emailSkipped, block.id);
    } else if (!t.includes('@') && keepsReasonForPerson(t)) {
      // Session 43 (hostq, hostile s43 M4): "I'd rather explain it to the person" at the email question skipped the email
      // and then asked "In a few words, what do you need help with?": the customer just said they will tell the person.
      w = { ...w, reasonForPerson: true };
      bot(run, takeoverTexts.emailSkippedReasonKept, block.id);
    } else if (!t.includes('@') && (beside = detailsBeside(run, t)).phone !== null && phoneAtEmailQuestion(run, block, w, t, beside)) {
      // Session 42 (ticketq, hostile s41 L2): a phone number instead of the email (phoneAtEmailQuestion).
      return;
    } else if (!t.includes('@') && asksForAPersonHere(run, t)) {
      // Session 39 (newcomer s39 N2): "I want to talk to a human please" at "What is your email address, in case we get
      // disconnected?" was "That doesn't look like an email address": the person is what they are getting, so the
      // optional email is left out (not declined: a later ticket may still ask it) and the handover goes on.
      // Session 42 (ticketq, hostile s40 M1): the matter said beside the request is kept (the reason, its references).
      const issue = issueBesideRequest(run, t);
      if (issue !== null) keepDetailsBeside(run, { ...detailsBeside(run, t), issue }, wantsReason(run, block.data));
      // Session 44 (details3, hostile s44 L1): "Let's skip the email so you get to a person sooner." was followed by the
      // reason question. Decided: the reason question stays (session 43 hostq: a plain request defers nothing, and the
      // agent needs a few words), so "sooner" is not promised when it follows.
      bot(run, wantsReason(run, block.data) ? takeoverTexts.emailSkippedReasonNext : takeoverTexts.emailSkippedForPerson, block.id);
    } else if ((side = sideQuestionAtEmail(run, block, t)) !== null) {
      // Session 39 (hostile s38 M4): a question ("wait, what are your opening hours?") was a wrong address: answered when
      // the flow answers it with messages alone, else told who can; the email asked again, no try counted.
      // Session 48 (conv9, hostile s47 M1): only once. A second non-answer (a question, or a wrong address before it)
      // goes on without the email, saying so, to the person they are waiting for (nextAside).
      const a = nextAside(w, side, 1);
      if (!a.goOn) {
        run.s.waiting = a.w;
        if (side.said !== null) {
          sayAnswer(run, side.said);
          bot(run, takeoverPrompts.email, block.id);
        } else bot(run, unansweredAtEmail.takeover, block.id);
        return;
      }
      if (side.said !== null) {
        sayAnswerOnce(run, side.said, a.repeat, block.id);
        bot(run, asideTexts.takeoverGoOnAnswered, block.id);
      } else bot(run, asideTexts.takeoverGoOn, block.id);
    } else if (w.retries + (w.asides ?? 0) + 1 <= EMAIL_RETRIES) {
      run.s.waiting = { ...w, retries: w.retries + 1 };
      bot(run, setsAsideEmail(t) ? notThatEmail : takeoverTexts.emailRetry, block.id);
      return;
    } else bot(run, takeoverTexts.emailSkipped, block.id);
  } else if (w.field === 'reason' && (fixed = takesCorrectedEmail(run, block.id, t, takeoverPrompts.reason)) !== null) {
    // Session 38 (hostile s38 H5, the takeover's side): "sorry, wrong email, it is ann2@example.com" at the reason
    // question was the reason, and the old address stayed: the address is replaced, said back, and the reason asked again.
    // Session 42 (ticketq, hostile s40 M10): with the matter beside it, that is the reason ('kept'): the handover goes on.
    if (fixed === 'asked') return;
  } else if (w.field === 'reason' && keepsReasonForPerson(t)) {
    // Session 39 (hostile s38 L2): "I would rather explain it to the advisor" is no reason for the agent either.
    bot(run, takeoverTexts.reasonKept, block.id);
  } else if (!isUnsureReply(normalizeText(t))) {
    // Session 24 (hostile s17 #25): "I'm not sure" at "what do you need help with?" is no reason for the agent.
    setVar(run, 'handoffReason', t);
  }
  nextOrHandOver(run, block, w);
}

/**
 * Session 42 (ticketq, hostile s41 L2): a phone number at the takeover's email question ("my number is 07700 900123") was
 * "That doesn't look like an email address". The number is kept (customerPhone; with the matter beside it, the reason).
 * A flow that calls customers back (callsBack: a block of it stores customerPhone) takes it for the email: said back,
 * and the handover goes on. Another flow's team replies by email: the number is said back with that, and the email asked
 * again (no try counted). The same number again is taken as no email to give. False: the number was known and is not
 * this one (the caller's retry).
 */
function phoneAtEmailQuestion(run: Run, block: BlockOf<'human_takeover'>, w: TakeoverQuestionWaiting, t: string, beside: ReturnType<typeof detailsBeside>): boolean {
  const phone = beside.phone as string;
  const known = run.s.variables.customerPhone;
  if (isKnown(known) && known !== phone) return false;
  keepDetailsBeside(run, beside, wantsReason(run, block.data));
  const said = beside.phoneText ?? phone;
  if (callsBack(run.flow)) bot(run, phoneAtEmailTexts.callsBack(said), block.id);
  else if (!isKnown(known)) {
    bot(run, phoneAtEmailTexts.byEmail(said), block.id);
    return true;
  } else bot(run, takeoverTexts.emailSkipped, block.id); // the same number again: no email to give
  nextOrHandOver(run, block, w);
  return true;
}

/**
 * A request for a person typed at one of the takeover's own questions (session 39, newcomer s39 N2): a short one
 * ("human please", asksForAPersonAgain) or one the explicit-request detector reads ("I want to talk to a human please",
 * "can I just speak to someone real"). The customer is already on the way to a person; the caller leaves the question out.
 */
function asksForAPersonHere(run: Run, t: string): boolean {
  return asksForAPersonAgain(t) || readsAsRequestForPerson(run, t);
}

/**
 * Session 29 (found checking hostile s28 H1 / H11 in the studio): "I want to die" typed at the takeover's own question
 * ("What is your email address, in case we get disconnected?") got "That doesn't look like an email address", and the
 * handoff waited for the remaining questions at its normal priority. Words of self-harm there (read by the urgency
 * detector, so switching Urgency off switches this off too) hand over at once as urgency (the block's urgent priority),
 * after the crisis line; the remaining questions are skipped, and at the reason question the message is the reason.
 */
function crisisAtQuestion(run: Run, block: BlockOf<'human_takeover'>, w: TakeoverQuestionWaiting, t: string): boolean {
  const policy = run.flow.escalation;
  if (policy.enabled === false || !policy.urgency.enabled) return false;
  const signal = detectUrgency(messageFacts(run, t, analyzeText(analysedPart(t)), Math.max(0, run.s.turn - 1)), policy, run.s.escalation);
  if (signal === null) return false;
  if (selfHarmSignalIn([signal])) {
    if (w.field === 'reason' && wantsReason(run, block.data)) setVar(run, 'handoffReason', t);
    bot(run, takeoverTexts.crisisWhileWaiting, block.id);
  } else if (signal.emergency === true) {
    // Session 41 (injury, hostile s40 H5): "please hurry my husband is bleeding and unconscious" at the email question
    // was "That doesn't look like an email address": a person hurt or ill now hands over at once as urgency, after the
    // emergency line, and the message is the reason (whatever was asked); an address in it is kept.
    if (wantsReason(run, block.data) || w.field === 'reason') setVar(run, 'handoffReason', t);
    if (w.field === 'email' && t.includes('@')) {
      const r = emailAnswer(t);
      if (r.ok) setVar(run, 'customerEmail', r.value);
    }
    sayEmergencyLine(run, block, { reason: 'urgency', signals: [signal] }, true);
  } else return false;
  run.decision = { action: 'handoff', reason: 'urgency', signals: [signal], turn: signal.turn, explanation: `Handed over at the takeover's question: ${signal.explanation}` };
  handOver(run, block, 'urgency', [signal]);
  return true;
}

/**
 * Session 35 (hostile s34 #13): whether the block's opening hours have closed since the customer reached it (an answer to
 * its questions, or its queue, after closing time); when so, says closedMeanwhile with when the team is back (and notes
 * it, so a request again gets the still-closed line).
 */
function closedMeanwhile(run: Run, block: BlockOf<'human_takeover'>): boolean {
  const d = block.data;
  if (d.assignation !== 'custom' || !d.availability || isOpen(d.availability, run.now)) return false;
  const opens = nextOpening(d.availability, run.now);
  bot(run, takeoverTexts.closedMeanwhile(opens === null ? '' : opensWhen(d.availability.timezone, run.now, opens)), block.id);
  run.s.closedNotice = { blockId: block.id, until: opens };
  return true;
}

/** After one of the takeover's questions: the next one, or the handover. */
/** At the name question: the name asked once more (`again`), or, the retry used, left out and the takeover goes on. */
function nameAgainOrLeftOut(run: Run, block: BlockOf<'human_takeover'>, w: TakeoverQuestionWaiting, again: string): void {
  if (w.retries + 1 <= NAME_RETRIES) {
    run.s.waiting = { ...w, retries: w.retries + 1 };
    bot(run, again, block.id);
    return;
  }
  bot(run, takeoverTexts.nameSkipped, block.id);
  nextOrHandOver(run, block, w);
}

function nextOrHandOver(run: Run, block: BlockOf<'human_takeover'>, w: TakeoverQuestionWaiting): void {
  const next = nextField(run, block.data, w.field, w.emailDeclined === true, w.reasonForPerson === true);
  if (next !== null) {
    ask(run, block, next, w.reason, w.emailDeclined === true, w.reasonForPerson === true);
    return;
  }
  // Session 35 (hostile s34 #13): the email typed after closing time (a hold of hours before it) was handed over ("I'm
  // connecting you ...", then "all our colleagues are still busy"): closed now, so the flow goes on by No agent.
  if (closedMeanwhile(run, block)) {
    const to = leaveTo(run, block, 'no_agent');
    if (to !== null) goTo(run, to);
    return;
  }
  const reason = w.reason ?? 'flow';
  handOver(run, block, reason, w.reason ? (run.s.lastEscalation?.signals ?? []) : []);
}

/**
 * Session 19 (newcomer s19 F23 HIGH): "never mind, I don't need anyone now" / "cancel" at the questions before the
 * handover (backOut.ts) withdraws the request: nothing is handed over, the bot says so and picks up where the customer
 * was (the block whose input brought them here, its question again), else from the start.
 */
function backOutOfTakeover(run: Run, block: BlockOf<'human_takeover'>, said: string = takeoverTexts.backedOut): void {
  const s = run.s;
  s.waiting = null;
  s.escalation = initialEscalationMemory();
  if (isKnown(s.variables.handoffReason)) setVar(run, 'handoffReason', run.c.defaults.handoffReason ?? null);
  // Session 48 (conv9, hostile s47 L1): withdrawn a second time ("stop" again and again cycled between "I'll get a person
  // for you" and "I won't connect you with anyone"): the bot says plainly what it can do, not its question again.
  const again = s.personWithdrawn !== undefined;
  s.personWithdrawn = (s.personWithdrawn ?? 0) + 1;
  const from = whereTheCustomerWas(run, block.id);
  if (again && from !== undefined && canWaitAt(from, 'input')) {
    bot(run, `${said} ${bareBackOutTexts.withdrawnAgain(canDoSentence(run.flow))}`, block.id);
    s.waiting = { kind: 'input', blockId: from.id, retries: 0 };
    return;
  }
  bot(run, said, block.id);
  if (from !== undefined && canWaitAt(from, 'input')) {
    s.waiting = { kind: 'input', blockId: from.id, retries: 0 };
    showPrompt(run, from);
    return;
  }
  // Session 35 (hostile s35 F3, high): asked for a person at a Ticket's question (the cancellation's email question) and
  // then refused one: the chat started again from the welcome and the cancellation was never opened. The ticket goes on
  // (its questions again, what it already knows kept).
  if (from !== undefined) {
    goTo(run, from.id);
    return;
  }
  if (run.c.startId !== null) goTo(run, run.c.startId);
}

export { WITHDRAWN_NOTE } from '../handoff/lifecycle';

/**
 * Session 38 (hostile s38 H1, high): "nvm, found it, cancel the request pls" or "never mind, no need for a person" typed
 * while the chat waited in the queue was only relayed to the queue: nobody read it, the "still waiting" email quoted it
 * to the team leads as the key message, and at the queue timeout a ticket was opened for what the customer had just
 * cancelled. Now the request ends there as it does at the takeover's own questions (backOutOfTakeover): the handoff is
 * cancelled (the queue and the inbox drop it), its timers are cancelled, and the bot takes up where the customer was.
 * Only while nobody has the chat (pending): an agent who holds it reads the message herself. A withdrawal is read
 * strictly, since a wrong reading costs the customer their place: a refusal of a person ("I don't need a person
 * anymore"), or a back-out ("never mind", "forget it") with no question in it, no request for a person (the explicit-
 * request detector reads nothing: "never mind the refund, can someone just tell me...") and no words of self-harm.
 */
export function withdrawsWhileQueued(run: Run, text: string): boolean {
  const s = run.s;
  const h = s.handoff;
  const w = s.waiting;
  // Session 41 (hostile s40 M2): also once automatic assignment gave the chat to an agent who has not opened it yet
  // (joined false: the customer read "Ann will be with you shortly"): nobody has read the chat, so the customer's
  // "never mind, I sorted it" got no answer, the request stayed, and Ann joined an empty chat. It is withdrawn the same
  // way; the agent's inbox shows it closed as withdrawn.
  const queued = s.mode === 'waiting' && h?.status === 'pending';
  // Session 46 (ui10): opened by her (`opened`), she reads it: not withdrawn, as when she had joined.
  const notJoined = s.mode === 'agent' && h?.status === 'assigned' && notOpenedYet(h);
  if (!h || (!queued && !notJoined) || !w || w.kind !== 'handoff' || w.takeoverFrom !== undefined) return false;
  const block = run.c.blocks.get(w.blockId);
  if (!block || block.kind !== 'human_takeover') return false;
  const t = analysedPart(text);
  if (selfHarmInText(t) !== null) return false;
  if (!refusesAPerson(t)) {
    if (!backsOut(t) || t.includes('?')) return false;
    if (stillWantsSomeone(t)) return false;
    if (readsAsRequestForPerson(run, text, analyzeText(t))) return false;
  }
  customerSaid(run, text, block.id);
  update(run, { type: 'cancel', note: WITHDRAWN_NOTE, ended: 'withdrawn' }, 'customer');
  cancelTimers(run);
  s.mode = 'bot';
  backOutOfTakeover(run, block as BlockOf<'human_takeover'>, takeoverTexts.withdrawnFromQueue);
  return true;
}

const PERSON_WORD = /^(?:someone|somebody|anyone|anybody|person|people|human|humans|agent|agents|advisor|adviser|rep|representative|staff|operator|colleague|team)$/;
const NEGATION = /^(?:no|not|don'?t|dont|do not|without|never|nobody|won'?t|wont)$/;
/**
 * Words beside a back-out that say the customer still waits for someone: a person word not negated within the four
 * words before it ("never mind the refund, I just want to know when someone comes"; not "no need for a person"), or a
 * word of waiting ("never mind, I'll wait").
 */
function stillWantsSomeone(text: string): boolean {
  const w = text.toLowerCase().replace(/[\u2018\u2019]/g, "'").split(/[^\p{L}']+/u).filter((x) => x !== '');
  for (let i = 0; i < w.length; i++) {
    if (/^wait(?:ing|s)?$/.test(w[i])) return true;
    if (!PERSON_WORD.test(w[i])) continue;
    if (!w.slice(Math.max(0, i - 4), i).some((x) => NEGATION.test(x))) return true;
  }
  return false;
}

/**
 * The chat closed by the agent (Close, Resolve): the flow's own closing when it has one (flowClosing), else the block's
 * ending; with a restart button when the block offers one.
 */
function closedByAgent(run: Run, block: BlockOf<'human_takeover'>, d: BlockOf<'human_takeover'>['data']): void {
  const restart = d.assignation === 'custom' && d.restartButtons;
  const closing = flowClosing(run, block);
  if (closing !== null) {
    closing.forEach((c, i) => bot(run, c.text, c.blockId, restart && i === closing.length - 1 ? [{ id: RESTART_BUTTON_ID, label: takeoverTexts.restartLabel }] : undefined));
  } else if (restart) bot(run, takeoverTexts.endedRestart, block.id, [{ id: RESTART_BUTTON_ID, label: takeoverTexts.restartLabel }]);
  else bot(run, takeoverTexts.ended, block.id);
  run.s.waiting = restart ? { kind: 'restart', blockId: block.id } : null;
}

/**
 * Session 50 (rt5, newcomer s49 N4): after the agent clicked Resolve the customer read the built-in "This conversation has
 * ended. You can start again whenever you like." (and the widget's header and footer said it again), never the flow's own
 * goodbye ("Thanks for choosing Spoke & Chain. Ride safe!"): Resolve does not follow the Resolved exit (it would ask a
 * rating, a question, the menu). The flow's closing is what that exit says on its way to an End block: its Message
 * blocks' texts and the End's goodbye, passing a Rating block by its `next` exit (Resolve did not ask it). Null when the
 * exit leads anywhere else (a question, a menu, a branch, nothing) or says nothing: the built-in ending then.
 */
function flowClosing(run: Run, block: BlockOf<'human_takeover'>): Array<{ text: string; blockId: string }> | null {
  const said: Array<{ text: string; blockId: string }> = [];
  let at = run.c.exitOf(block.id, 'resolved');
  for (let hops = 0; at !== undefined && hops < 10; hops++) {
    const b = run.c.blocks.get(at);
    if (b === undefined) return null;
    if (b.kind === 'end') {
      const text = b.data.text ? render(run, b.data.text) : '';
      if (text.trim() !== '') said.push({ text, blockId: b.id });
      return said.length > 0 ? said : null;
    }
    if (b.kind === 'message') {
      const text = render(run, b.data.text);
      if (text.trim() !== '') said.push({ text, blockId: b.id });
    } else if (b.kind !== 'csat') return null;
    at = run.c.exitOf(b.id, 'next');
  }
  return null;
}

/**
 * True when an agent wrote to the customer during this handoff. Session 45 (ui9): the handoff's `agentWrote` flag, set at
 * the agent's first message (session 44 read the 30-entry transcript window, which a long chat pushes the agent's words
 * out of). A state saved before the flag still reads the window: an agent entry at or after the request time.
 */
export function agentWrote(s: Pick<Run['s'], 'recentTranscript'>, h: Handoff): boolean {
  return h.agentWrote === true || s.recentTranscript.some((e) => e.from === 'agent' && e.at >= h.requestedAt);
}

/**
 * Session 45 (ui9, retest s44 #2): a takeover handed back with no word from the agent, where the customer cannot simply
 * be taken back to where they were (the flow's wiring reached the takeover after a block already done, or that place is
 * not known): Resolved (in the templates a Rating) broke the promise the flow made before the takeover ("A colleague will
 * arrange a replacement"). Nobody answered, so the bot says so and the chat leaves as when nobody took it: by No agent
 * (Northwind: a ticket the team answers by email), else by Timeout. False (the caller follows Resolved) when neither is wired.
 */
function followUnanswered(run: Run, block: BlockOf<'human_takeover'>): boolean {
  const exit = run.c.exitOf(block.id, 'no_agent') !== undefined ? 'no_agent' : run.c.exitOf(block.id, 'timeout') !== undefined ? 'timeout' : null;
  if (exit === null) return false;
  run.s.waiting = null;
  bot(run, takeoverTexts.handedBackUnansweredFlow, block.id);
  noteNobodyFound(run.s, block.id);
  // A ticket on that path would ask "What should our team help you with?" of a customer who said it already: what they
  // last chose or wrote before the takeover ("Damaged or faulty") is its issue, unless one is known.
  const said = lastWordsBefore(run, block.id);
  if (said !== null && !isKnown(run.s.variables.handoffReason)) setVar(run, 'handoffReason', said);
  followExit(run, block, exit);
  return true;
}

/**
 * Session 44 (ui8, newcomer s44 N12): a handback with no word from the agent. The customer is told nobody could answer
 * and is back where they were (whereTheCustomerWas): its prompt again. False (the caller follows Resolved) when that
 * place is not known.
 */
function resumeUnanswered(run: Run, block: BlockOf<'human_takeover'>): boolean {
  const from = whereTheCustomerWas(run, block.id);
  if (from === undefined) return false;
  const s = run.s;
  s.waiting = null;
  bot(run, takeoverTexts.handedBackUnanswered, block.id);
  if (canWaitAt(from, 'input')) {
    s.waiting = { kind: 'input', blockId: from.id, retries: 0 };
    showPrompt(run, from);
  } else goTo(run, from.id);
  return true;
}

/** What the customer last wrote or chose before the takeover (not at its own questions, not a rating); null: nothing. */
function lastWordsBefore(run: Run, takeoverId: string): string | null {
  const w = run.s.recentTranscript;
  for (let i = w.length - 1; i >= 0; i--) {
    const e = w[i];
    if (e.from !== 'customer' || e.rating === true || e.blockId === undefined || e.blockId === takeoverId) continue;
    return e.text.trim() === '' ? null : e.text.trim();
  }
  return null;
}

/** The block the customer last wrote at before the takeover, when it waits for input (a menu, a router, a question). */
function whereTheCustomerWas(run: Run, takeoverId: string): Block | undefined {
  const w = run.s.recentTranscript;
  for (let i = w.length - 1; i >= 0; i--) {
    const e = w[i];
    if (e.from !== 'customer' || e.blockId === undefined || e.blockId === takeoverId) continue;
    const b = run.c.blocks.get(e.blockId);
    return canWaitAt(b, 'input') || canWaitAt(b, 'ticket_question') ? b : undefined;
  }
  return undefined;
}


/** A name typed at the email question, when no name is known yet: no '@' or digit, and a name by nameFromAnswer. */
function nameAtEmailQuestion(run: Run, t: string): string | null {
  if (/[@\d]/.test(t)) return null;
  if (isKnown(run.s.variables.customerName)) return nameCorrection(String(run.s.variables.customerName), t);
  return nameFromAnswer(t);
}

/** Words that open a correction of the name ("actually", "sorry", "wait, no"), then how the name is said ("it's"). */
const NAME_FIX_START = /^(?:(?:actually|sorry|oops|wait|no|correction)\b[\s,:!.-]*)+((?:it'?s|it\s+is|my\s+name\s+is|my\s+name'?s|my\s+full\s+name\s+is|the\s+name\s+is|i'?m|i\s+am|call\s+me)\s+)?/iu;
/**
 * Session 44 (details3, hostile s44 L2): a correction of the name given before, typed at the email question ("actually
 * it's Dana Scully, not just Dana") was "That doesn't look like an email address". Read: words of correcting first, then
 * the new name, and at most "not (just) <the old name>" after it; the new name differs from the one known. Null otherwise.
 */
export function nameCorrection(known: string, t: string): string | null {
  const start = NAME_FIX_START.exec(t.trim());
  if (start === null || start[0].trim() === '') return null;
  const notOld = new RegExp(`[\\s,;-]*\\b(?:and\\s+)?not\\s+(?:just\\s+)?${known.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b[.!]*$`, 'iu');
  const after = t.trim().slice(start[0].length);
  const rest = after.replace(notOld, '').trim();
  // Said as a name ("it's ...", "my name is ...") or set against the old one ("..., not just Dana"): "no, rather not" is neither.
  if (rest === '' || (start[1] === undefined && rest === after.trim())) return null;
  const name = nameFromAnswer(rest);
  return name === null || name.toLowerCase() === known.toLowerCase() || name.includes(',') ? null : name;
}

/**
 * The queue priority of a handoff (newcomer s8 #34): the block's "Priority when urgent" (urgencyPriority, 'urgent' by
 * default) when the policy handed over for urgency (a deadline, an emergency), so an urgent customer is not queued
 * behind ordinary chats; the block's Priority otherwise.
 */
export function handoffPriority(d: Pick<HumanTakeoverData, 'priority' | 'urgencyPriority'>, reason: EscalationReason | 'flow'): HumanTakeoverData['priority'] {
  return reason === 'urgency' ? (d.urgencyPriority ?? 'urgent') : d.priority;
}

/**
 * Session 41 (newcomer s40 N12): the label of the option the customer chose just before this takeover, when that option
 * leads straight to it (a flow's "Talk to a person" button); null otherwise (the flow reached it by itself).
 */
function offerChosenFor(run: Run, takeoverId: string): string | null {
  const t = run.s.recentTranscript;
  for (let i = t.length - 1; i >= 0; i--) {
    const e = t[i]!;
    if (e.from !== 'customer' || e.blockId === undefined || e.rating === true) continue;
    if (e.blockId === takeoverId) continue; // the takeover's own questions (name, email, reason)
    const b = run.c.blocks.get(e.blockId);
    const a = b === undefined ? null : (behaviourOf(b.kind).wayAnswer?.(run, b as never, e.text) ?? null);
    return a !== null && a.ledTo === takeoverId && a.said !== null ? a.said : null;
  }
  return null;
}

/**
 * Session 43 (policy1, hostile s42 L6): the context of the open handoff `h` made again from the conversation as it now
 * stands (engine.ts referenceWhileWithPerson): the same reason, the signals of the decision that handed over (none when
 * the flow reached the takeover), the option chosen to reach it.
 */
export function handoffContextNow(run: Run, h: Handoff): HandoffContext {
  const s = run.s;
  const signals = h.reason !== 'flow' && s.lastEscalation?.reason === h.reason ? s.lastEscalation.signals : [];
  return buildHandoffContext(s, h.reason, signals, { now: run.now, timezone: run.flow.settings.timezone }, h.reason === 'flow' ? offerChosenFor(run, h.blockId) : null);
}

/** Queues the conversation for a person (and assigns at once when custom auto-assignment finds someone). */
function handOver(run: Run, block: BlockOf<'human_takeover'>, reason: EscalationReason | 'flow', signals: Signal[]): void {
  const s = run.s;
  const d = block.data;
  const priority = handoffPriority(d, reason);
  const handoff = createHandoff({
    id: nextId(run, 'h'),
    conversationId: s.id,
    blockId: block.id,
    assignation: d.assignation,
    reason,
    priority,
    now: run.now,
    timeoutMinutes: d.queueTimeoutMinutes,
  });
  s.mode = 'waiting';
  s.waiting = { kind: 'handoff', blockId: block.id };
  const req = assignmentRequest(d);
  setVar(run, 'estimatedWait', estimateWait(run.ctx.agents, req, queueAhead(run.ctx.queue ?? [], d.teams, priority)).text);
  bot(run, renderTemplate(d.handoffMessage, s.variables), block.id);
  // (Session 39 said the flow's emergency line here, after the handoff message and the email question; session 41 says
  // it when the takeover is entered, before anything else: sayEmergencyLine.)

  const context = buildHandoffContext(s, reason, signals, { now: run.now, timezone: run.flow.settings.timezone }, reason === 'flow' ? offerChosenFor(run, block.id) : null);
  const autoAssign = d.assignation === 'custom' && d.autoAssign.enabled;
  // The engine requests, the runtime assigns: with `autoAssign` set the runtime picks an online agent
  // (round robin / least busy, per-agent limit) and answers with `agent_accepted`.
  run.effects.push({
    type: 'handoff_request',
    handoff,
    context,
    assignation: d.assignation,
    priority,
    skill: d.skill,
    language: d.language,
    teams: d.teams,
    agents: d.agents,
    autoAssign: autoAssign ? { strategy: d.autoAssign.strategy, maxChatsPerAgent: d.autoAssign.maxChatsPerAgent } : null,
  });
  // Emails and Slack messages about the handoff: only these notify effects (one source of truth).
  const notifyEmails = d.assignation === 'default' ? d.notifyEmails : [];
  if (notifyEmails.length > 0 || d.slackChannels.length > 0) {
    const topic = isKnown(s.variables.handoffReason) ? String(s.variables.handoffReason) : reasonPhrases[reason];
    const subject = `New chat waiting: ${topic.length > 80 ? `${topic.slice(0, 79)}…` : topic}`;
    if (notifyEmails.length > 0) run.effects.push({ type: 'notify', channel: 'email', to: notifyEmails, subject, text: context.summary, secretRefs: [] });
    if (d.slackChannels.length > 0) run.effects.push({ type: 'notify', channel: 'slack', to: d.slackChannels, subject, text: context.summary, secretRefs: [] });
  }

  s.handoff = handoff;
  addTimer(run, 'queue_timeout', handoff.deadline);
  if (d.assignation === 'custom' && d.waitingEmailAfterMinutes > 0 && d.waitingEmailTo.length > 0) {
    addTimer(run, 'waiting_email', run.now + Math.round(d.waitingEmailAfterMinutes * 60_000));
  }
}

/**
 * The chat goes to `agentName`. `auto`: the runtime's automatic assignment chose her, and she has not seen the chat yet
 * (session 29, newcomer s28 N6: the customer was told "Ann has joined the chat" while Ann's inbox showed nothing). The
 * customer is then told the block's assignedSoonMessage ("Ann will be with you shortly.") and the handoff records
 * `joined: false`; `join` says the joined line when she opens the chat or writes. The mode is 'agent' either way: the
 * customer's messages go to her chat, the queue timers end, and her going offline requeues the chat as before.
 */
function assign(run: Run, block: BlockOf<'human_takeover'>, agentId: string, agentName: string, auto: boolean): void {
  const s = run.s;
  const assigned = transitionHandoff(s.handoff!, { type: 'assign', agentId, agentName }, run.now, `agent:${agentId}`);
  s.handoff = auto ? { ...assigned, joined: false } : assigned;
  run.effects.push({ type: 'handoff_update', handoff: s.handoff });
  cancelTimers(run);
  s.mode = 'agent';
  setVar(run, 'agentName', agentName);
  const said = auto ? (block.data.assignedSoonMessage ?? DEFAULT_ASSIGNED_SOON) : block.data.assignedMessage;
  bot(run, renderTemplate(said, s.variables), block.id);
}

/**
 * Session 29 (newcomer s28 N6): the agent an automatic assignment chose is in the chat now (she opened it, or writes in
 * it): the customer is told the block's assignedMessage, once. False when she had joined already.
 */
function join(run: Run, block: BlockOf<'human_takeover'>): boolean {
  const s = run.s;
  const h = s.handoff;
  if (!h || h.status !== 'assigned' || h.joined !== false) return false;
  const { opened: _opened, ...rest } = h;
  s.handoff = { ...rest, joined: true };
  run.effects.push({ type: 'handoff_update', handoff: s.handoff });
  if (h.agentName) setVar(run, 'agentName', h.agentName);
  bot(run, renderTemplate(block.data.assignedMessage, s.variables), block.id);
  return true;
}

function update(run: Run, action: Parameters<typeof transitionHandoff>[1], actor: string): void {
  run.s.handoff = transitionHandoff(run.s.handoff!, action, run.now, actor);
  run.effects.push({ type: 'handoff_update', handoff: run.s.handoff });
}

type HandoffInput = Exclude<Input, { type: 'text' } | { type: 'choice' } | { type: 'http_result' } | { type: 'agent_takeover' }>;

/**
 * An event about the current handoff (agent, runtime, timer, customer leaving) while waiting or with an
 * agent. Returns false when it does not apply (stale timer, wrong agent, illegal move): the caller then
 * leaves the state untouched.
 */
export function handoffEvent(run: Run, input: HandoffInput): boolean {
  const s = run.s;
  const h = s.handoff;
  const w = s.waiting;
  if (!h || !w || w.kind !== 'handoff' || (s.mode !== 'waiting' && s.mode !== 'agent')) return false;
  const found = run.c.blocks.get(w.blockId);
  // A redeployed revision may have removed the block while a person is involved: the handoff carries on
  // with the block's default settings, and when it ends the conversation restarts at Start.
  const gone = !found || found.kind !== 'human_takeover';
  const block: BlockOf<'human_takeover'> = gone ? standIn(w.blockId) : (found as BlockOf<'human_takeover'>);
  const follow: (r: Run, b: BlockOf<'human_takeover'>, exit: string) => void = gone ? (r) => restartAfterRedeploy(r) : followOrEnd;
  const d = block.data;
  const isAgent = (agentId: string) => h.status === 'assigned' && h.agentId === agentId;

  switch (input.type) {
    case 'agent_accepted':
      if (!canTransition(h.status, 'assign')) return false;
      assign(run, block, input.agentId, input.agentName, input.auto === true);
      return true;
    case 'agent_joined':
      if (!isAgent(input.agentId)) return false;
      return join(run, block);
    case 'agent_opened':
      if (!isAgent(input.agentId) || h.joined !== false || h.opened === true) return false;
      s.handoff = { ...h, opened: true };
      run.effects.push({ type: 'handoff_update', handoff: s.handoff });
      return true;
    case 'agent_message':
      if (!isAgent(input.agentId)) return false;
      // She writes before the inbox said she opened the chat (an API client, a lost request): she is there now.
      join(run, block);
      // Session 45 (ui9): the handoff remembers that its agent wrote (read at a hand back: agentWrote).
      if (s.handoff !== null && s.handoff.agentWrote !== true) s.handoff = { ...s.handoff, agentWrote: true };
      say(run, { from: 'agent', text: input.text, name: input.agentName ?? h.agentName ?? 'Agent' });
      return true;
    case 'agent_declined': {
      if (!isAgent(input.agentId)) return false;
      update(run, requeueOf(input), `agent:${input.agentId}`);
      if (input.nobodyElse === true && input.transfer === undefined) {
        // Session 41 (newcomer s40 N2): she gave the chat back and nobody else signed in may take it. The customer read
        // "finding someone else ... stay with us" and waited out the queue timeout with nobody online: told the truth
        // once, and the chat leaves by No agent (what the block does when nobody is online at request time), else by
        // Timeout, else the conversation ends. The transcript stays with the conversation and the handoff (rejected).
        update(run, { type: 'reject', note: `${input.note ? `${input.note}; ` : ''}nobody else could take it` }, 'system');
        cancelTimers(run);
        s.mode = 'bot';
        bot(run, takeoverTexts.agentGoneNobodyElse(h.agentName ?? 'Your agent'), block.id);
        noteNobodyFound(s, block.id);
        const byTimeout = !gone && run.c.exitOf(block.id, 'no_agent') === undefined && run.c.exitOf(block.id, 'timeout') !== undefined;
        follow(run, block, byTimeout ? 'timeout' : 'no_agent');
        return true;
      }
      const deadline = run.now + Math.round(d.queueTimeoutMinutes * 60_000);
      s.handoff = { ...s.handoff!, deadline };
      s.mode = 'waiting';
      bot(run, declinedText(input.transfer, input.cause), block.id);
      // Back in the queue: the same timers as a fresh handoff (queue timeout, and the "still waiting" email).
      addTimer(run, 'queue_timeout', deadline);
      if (d.assignation === 'custom' && d.waitingEmailAfterMinutes > 0 && d.waitingEmailTo.length > 0) {
        addTimer(run, 'waiting_email', run.now + Math.round(d.waitingEmailAfterMinutes * 60_000));
      }
      return true;
    }
    case 'agent_handback':
      if (!isAgent(input.agentId)) return false;
      update(run, { type: 'resolve', note: input.note ?? (input.closes ? 'Closed by the agent' : 'Handed back to the bot'), ended: input.closes ? 'closed' : 'handback' }, `agent:${input.agentId}`);
      // The customer was talking with a person a moment ago: say she left before the bot speaks again (the rating, the menu).
      if (!input.closes) system(run, takeoverTexts.handedBack(s.handoff?.agentName ?? 'The agent'), block.id);
      s.mode = 'bot';
      s.escalation = initialEscalationMemory();
      // Session 44 (ui8, newcomer s44 N12): handed back before the agent wrote a word, the Resolved exit (in the templates a
      // Rating) asked a customer whose problem nobody answered to rate the chat. Nothing was resolved: the bot says so and
      // takes up where the customer was (the question or menu their request interrupted), as a withdrawn request does. Only
      // for a request (an escalation): a takeover the flow's wiring reached came after a block already done, so Resolved.
      // Not for a hot lead either (the lead's own CI catch): the bot handed over between blocks after a valid answer, the
      // customer asked nothing, and Resolved takes the flow on from where it was going (the answered question is not asked again).
      // Session 45 (ui9, retest s44 #2): a takeover the flow's wiring reached (or a request whose place is not known) goes
      // on by No agent / Timeout instead (followUnanswered): the flow's own path for nobody answering.
      if (!input.closes && !gone && h.reason !== 'hot_lead' && !agentWrote(s, h)) {
        if (h.reason !== 'flow' && resumeUnanswered(run, block)) return true;
        if (followUnanswered(run, block)) return true;
      }
      // Session 46 (studio10, newcomer s45 N10): Resolve (a hand back that closes, sent when the Resolved exit asks for a
      // rating) before the agent wrote a word asked the customer to rate a chat nobody answered. The chat closes as Resolve
      // closes it otherwise (agent_closed), after the bot says what happened: nobody from the team answered in the chat.
      if (input.closes && !agentWrote(s, h)) {
        s.mode = 'closed';
        run.effects.push({ type: 'end', reason: 'agent_closed' });
        if (!gone) bot(run, takeoverTexts.handedBackUnansweredFlow, block.id);
        closedByAgent(run, block, d);
        return true;
      }
      follow(run, block, 'resolved');
      return true;
    case 'agent_closed':
      if (!isAgent(input.agentId)) return false;
      update(run, { type: 'resolve', note: input.note ?? 'Closed by the agent', ended: 'closed' }, `agent:${input.agentId}`);
      s.mode = 'closed';
      run.effects.push({ type: 'end', reason: 'agent_closed' });
      closedByAgent(run, block, d);
      return true;
    case 'no_agent':
      if (!canTransition(h.status, 'reject') || s.mode !== 'waiting') return false;
      update(run, { type: 'reject', note: input.note }, 'system');
      cancelTimers(run);
      s.mode = 'bot';
      if (gone || !closedMeanwhile(run, block)) bot(run, takeoverTexts.noAgent, block.id);
      noteNobodyFound(s, block.id);
      follow(run, block, 'no_agent');
      return true;
    case 'timer': {
      const timer = s.timers.find((t) => t.id === input.timerId);
      if (!timer || h.status !== 'pending') return false;
      if (timer.purpose === 'queue_timeout') {
        update(run, { type: 'expire' }, 'system');
        cancelTimers(run);
        s.mode = 'bot';
        noteNobodyFound(s, block.id);
        // Session 35 (hostile s34 #13): a queue that times out after closing time said the flow's "all our colleagues are
        // still busy": the team is closed, not busy, so it says so and the flow goes on by No agent (when wired).
        if (!gone && run.c.exitOf(block.id, 'no_agent') !== undefined && closedMeanwhile(run, block)) follow(run, block, 'no_agent');
        else {
          // Session 35 (newcomer s35 #1): Timeout wired straight to a Ticket (what the studio's warning suggests) went from
          // "Expected wait: under a minute" to "What email address should we reply to?" after ten minutes, with no word
          // that nobody came. The customer is told so first unless the exit goes to a Message (the designer's own words).
          const next = run.c.exitOf(block.id, 'timeout');
          if (!gone && next !== undefined && run.c.blocks.get(next)?.kind !== 'message') bot(run, takeoverTexts.timedOut, block.id);
          follow(run, block, 'timeout');
        }
      } else {
        s.timers = s.timers.filter((t) => t.id !== timer.id);
        const minutes = d.waitingEmailAfterMinutes;
        run.effects.push({
          type: 'notify',
          channel: 'email',
          to: d.waitingEmailTo,
          subject: `A customer has been waiting ${minutes} minute${minutes === 1 ? '' : 's'} for a person`,
          text: summarizeConversation(s, h.reason),
          secretRefs: [],
        });
      }
      return true;
    }
    case 'customer_left':
      if (!canTransition(h.status, 'cancel')) return false;
      update(run, { type: 'cancel', note: 'The customer left' }, 'customer');
      cancelTimers(run);
      system(run, takeoverTexts.customerLeft, block.id);
      s.mode = 'closed';
      s.waiting = null;
      run.effects.push({ type: 'end', reason: 'customer_left' });
      return true;
  }
}

/**
 * Starts a closed conversation over from the start block (variables and transcript are kept, except the reason of the
 * last handoff or ticket: session 16, newcomer s15 N#4, a second ticket in the new conversation was opened at once with
 * the first one's issue instead of asking this one's).
 */
export function restartConversation(run: Run): void {
  const s = run.s;
  cancelTimers(run);
  if (isKnown(s.variables.handoffReason)) setVar(run, 'handoffReason', run.c.defaults.handoffReason ?? null);
  bot(run, renderTemplate(run.flow.settings.restartMessage, s.variables));
  s.mode = 'bot';
  s.waiting = null;
  s.escalation = initialEscalationMemory();
  s.lastEscalation = null;
  if (run.c.startId !== null) goTo(run, run.c.startId);
}

/** The settings a Human Takeover block has by default, for a handoff whose block a redeploy removed. */
function standIn(blockId: string): BlockOf<'human_takeover'> {
  return { id: blockId, kind: 'human_takeover', data: humanTakeoverData.parse({}) } as BlockOf<'human_takeover'>;
}

/** The handoff of a removed block ended: say so and start again (see engine.ts, redeploys). */
function restartAfterRedeploy(run: Run): void {
  run.s.waiting = null;
  bot(run, 'This conversation was updated, so we are starting again from the beginning.');
  if (run.c.startId !== null) goTo(run, run.c.startId);
}

/** Time zones of the UK and Ireland, where the built-in crisis line's Samaritans number (116 123) is free. */
const UK_IE_ZONES: ReadonlySet<string> = new Set(['Europe/London', 'Europe/Dublin', 'Europe/Belfast', 'Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/Jersey', 'GB', 'GB-Eire', 'Eire']);

/**
 * Session 30 (hostile s29 H10): the line said to a customer who wrote words of self-harm when nobody can answer now. The
 * flow's own (Flow settings > Escalation > Urgency > Crisis line) when set; otherwise the built-in one, which names the UK
 * and Ireland's Samaritans only in a flow whose clock is in the UK or Ireland (it did in every flow).
 */
export function crisisLineOf(flow: Flow): string {
  const own = flow.escalation.urgency.crisisLine?.trim();
  if (own) return own;
  return UK_IE_ZONES.has(flow.settings.timezone) ? takeoverTexts.crisisNobodyNow : takeoverTexts.crisisNobodyNowElsewhere;
}

/**
 * Session 39 (fix, hostile s38 M2) and 41 (injury, hostile s40 H2): whether the takeover is entered for a person hurt or
 * ill now. Handed over by the policy: its urgency signal says so (Signal.emergency, read by detectUrgency from the
 * message, no longer by the shape of the text here). Reached by the flow itself (no signals): the reason the team gets
 * says so (the choices on the way, "Report an incident: Yes, someone is hurt", or the customer's words).
 */
function emergencyEntry(run: Run, entry: TakeoverEntry): boolean {
  if (entry !== null && entry.signals.length > 0) return emergencySignalIn(entry.signals) || liveHazardEntry(run, entry);
  const r = run.s.variables.handoffReason;
  return typeof r === 'string' && saysSomeoneHurt(analyzeText(analysedPart(r)));
}

/**
 * Session 50 (emerg7, hostile s49 M12): handed over by the policy (for any reason: a swelling battery is the safety topic's)
 * for a message that tells of a live hazard now (hazardReading's LiveHazardKind): its safety line first, no questions
 * before the person, as for an emergency.
 */
function liveHazardEntry(run: Run, entry: TakeoverEntry): boolean {
  if (entry === null || entry.signals.length === 0) return false;
  const text = stepCustomerText(run);
  if (text === undefined) return false;
  const kind = hazardReading(canonicalTokens(analyzeText(analysedPart(text))))?.kind;
  return kind !== undefined && isLiveHazard(kind);
}

/**
 * Session 41 (injury, hostile s40 H2): the emergency line, said once when the takeover is entered for a person hurt or ill
 * now (emergencyEntry; `known`: the caller has read it), before the email question, the queue text or "we're offline".
 * Not again when the bot already gave an emergency number since the customer's message (Harbor Mutual's injury branch:
 * "I am sorry to hear that. If you have not yet, call 112." was followed by "If anyone is hurt, call 112 first.").
 */
function sayEmergencyLine(run: Run, block: BlockOf<'human_takeover'>, entry: TakeoverEntry, known = false): void {
  if (!known && !emergencyEntry(run, entry)) return;
  const line = emergencyLineAbout(run.flow, stepCustomerText(run));
  for (let i = run.transcript.length - 1; i >= 0; i--) {
    const e = run.transcript[i]!;
    if (e.from === 'customer') break;
    if (e.from === 'bot' && (e.text.includes(line) || CALL_NUMBER.test(e.text))) return;
  }
  bot(run, line, block.id);
}

/** A sentence that gives an emergency number to call ("If anyone is hurt, call 112 first."). */
const CALL_NUMBER = /\bcall\s+(?:the\s+)?(\d{3}|9-?1-?1|1-?1-?2|9-?9-?9|15|000)\b/i;

/**
 * Time zones whose emergency number is 911 (the United States and Canada) and 999 (the United Kingdom); Ireland
 * answers 112 and 999. Other European zones: 112. Anywhere else: "your local emergency number".
 */
const ZONES_911 = /^(?:America\/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Adak|Boise|Detroit|Indiana\/.*|Kentucky\/.*|North_Dakota\/.*|Juneau|Sitka|Nome|Yakutat|Metlakatla|Menominee|Toronto|Vancouver|Edmonton|Winnipeg|Halifax|St_Johns|Regina|Montreal|Moncton|Whitehorse|Yellowknife|Iqaluit|Mexico_City|Panama)|US\/.*|Canada\/.*|Pacific\/Honolulu|EST|MST|HST|EST5EDT|CST6CDT|MST7MDT|PST8PDT)$/;
const ZONES_999 = new Set(['Europe/London', 'Europe/Belfast', 'Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/Jersey', 'GB']);
const ZONES_IE = new Set(['Europe/Dublin', 'Eire', 'GB-Eire']);
function zoneNumber(timezone: string): string | null {
  if (ZONES_999.has(timezone)) return '999';
  if (ZONES_IE.has(timezone)) return '112 or 999';
  if (ZONES_911.test(timezone)) return '911';
  if (timezone.startsWith('Europe/') || timezone === 'Atlantic/Canary' || timezone === 'Atlantic/Madeira' || timezone === 'Atlantic/Azores') return '112';
  return null;
}

/**
 * Session 41 (injury, hostile s40 H2): what the bot says to a customer who wrote that a person is hurt or ill now. The
 * flow's own (Flow settings > Escalation > Urgency > Emergency line) as written; otherwise the built-in sentence with the
 * number the flow's own messages give ("If anyone is hurt, call 112 first." in Harbor Mutual's welcome: the number is
 * the designer's, the wording one for a customer who has said someone is hurt), else the number of the flow's time zone
 * (999 in the UK, 112 or 999 in Ireland, 911 in the United States and Canada, 112 elsewhere in Europe), else "your local
 * emergency number". (Session 39 repeated the welcome's sentence itself, "If anyone is hurt, call 112 first.", after the
 * customer had said someone was.)
 */
const emergencyLines = new WeakMap<Flow, string>();
export function emergencyLineOf(flow: Flow): string {
  const known = emergencyLines.get(flow);
  if (known !== undefined) return known;
  const own = flow.escalation.urgency.emergencyLine?.trim();
  let line: string;
  if (own) line = own;
  else {
    let number: string | null = null;
    for (const b of flow.blocks) {
      if (b.kind !== 'message') continue;
      const m = b.data.text.includes('{{') ? null : CALL_NUMBER.exec(b.data.text);
      if (m) {
        number = m[1]!;
        break;
      }
    }
    number ??= zoneNumber(flow.settings.timezone);
    line = takeoverTexts.emergencyLine(number ?? 'your local emergency number');
  }
  emergencyLines.set(flow, line);
  return line;
}

/**
 * Session 48 (lead, hostile s47 M2's rest): the emergency line for what the customer wrote: a gas smell or leak or a carbon
 * monoxide alarm now (hazardReading's kind; session 49, emerg5: or signs of carbon monoxide) adds what to do first and the gas emergency number of the flow's time zone (0800 111
 * 999 in Great Britain and Northern Ireland, Gas Networks Ireland's 1800 20 50 50 in Ireland, else "your gas emergency
 * line"), unless the flow's own emergency line already speaks of gas. Any other emergency: emergencyLineOf as before.
 */
export function emergencyLineAbout(flow: Flow, text: string | undefined): string {
  const line = emergencyLineOf(flow);
  const reading = text === undefined ? null : hazardReading(canonicalTokens(analyzeText(analysedPart(text))));
  const kind = reading?.kind ?? null;
  if (kind === null || kind === 'fire') return line;
  const zone = flow.settings.timezone;
  const call = ZONES_999.has(zone) ? 'call the gas emergency line on 0800 111 999' : ZONES_IE.has(zone) ? 'call Gas Networks Ireland on 1800 20 50 50' : 'call your gas emergency line';
  // Session 50 (emerg7, hostile s49 M5, M12): a live hazard that is no fire yet: what to do first, with the flow's number.
  // (A person hurt too: the emergency line first, then what to do about the hazard.)
  if (isLiveHazard(kind)) {
    const hazard = takeoverTexts.hazardLine(kind, emergencyNumberOf(flow), call);
    return personInDanger(canonicalTokens(analyzeText(analysedPart(text!))), text) ? `${line} ${hazard}` : hazard;
  }
  if (/\bgas\b/i.test(line)) return line;
  return `${line} ${takeoverTexts.gasLine(kind, call)}`;
}

/**
 * Session 50 (emerg7): the emergency number the flow's emergency line gives (its own line's, or the number its messages
 * give, or its time zone's), else "the emergency services".
 */
export function emergencyNumberOf(flow: Flow): string {
  const m = /\b(112 or 999|\d{3})\b/.exec(emergencyLineOf(flow));
  return m ? m[1]! : 'the emergency services';
}

/**
 * Session 43 (medical4, hostile s43 L6): the short line for an emergency repeated while the customer waits for the person
 * and the emergency line was said before ("A person is coming. If anyone is in danger, please call 999 now."): the number
 * the emergency line gives (the flow's own line's, when it names one), else "the emergency services". `coming` false (nobody
 * can come: the ticket's question out of hours) leaves out "A person is coming.".
 */
export function emergencyAgainOf(flow: Flow, coming = true): string {
  const m = /\b(112 or 999|\d{3})\b/.exec(emergencyLineOf(flow));
  return takeoverTexts.emergencyAgain(m ? m[1]! : null, coming);
}

/**
 * Session 44 (hostfix, hostile s44 M6): a name answered in its own sentence with a question or matter after it ("Dana.
 * Also, do you offer SSO on the Team plan?", "Sam Taylor! and can I pay by invoice?"): the name ("Dana", not "Dana.
 * Also") and the rest, its opening "also" / "and" / "by the way" dropped, as the reason kept for the person (the sales
 * person answers it; the bot does not break into the details with an answer); thanks after the name are no matter. Null
 * when the first sentence is no name or nothing with words follows.
 */
const MATTER_OPENING = /^(?:(?:also|and|plus|btw|by the way|oh|ps|p\.s\.|one more thing|(?:a\s+)?quick (?:question|one)|(?:one|a) question|question)[\s,:;-]+)+/iu;
function nameThenMatter(t: string): { name: string; matter: string | null } | null {
  return nameInSentence(t) ?? nameInClause(t);
}
function nameInSentence(t: string): { name: string; matter: string | null } | null {
  const brk = /[.!?]+\s+/u.exec(t);
  if (brk === null || brk.index === 0) return null;
  const head = t.slice(0, brk.index);
  // An initial or a title ("J. R. Smith", "Dr. Who") is no sentence's end.
  if (/(?:^|\s)(?:\p{L}|dr|mr|mrs|ms|mx|prof|rev|fr|st)$/iu.test(head)) return null;
  const name = nameFromAnswer(head);
  if (name === null) return null;
  const matter = t.slice(brk.index + brk[0].length).replace(MATTER_OPENING, '').trim();
  // "Dana. Thanks!": the name, and thanks are no matter.
  if (onlyThanks(matter)) return { name, matter: null };
  return matter.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length >= 2 ? { name, matter } : null;
}
/**
 * Session 45 (details4, retest s44 M8): the name before a comma, colon, semicolon or spaced dash, and a question or a
 * matter after it ("I'm Priya, quick question: is there an EU data centre?", "Tom - and how long is the trial?"): the
 * question was dropped, or the name not taken. The rest must ask something (a question mark, three words or more) or
 * name a matter (statesAReason), and ask for no person ("Ana, I want a human NOW"); thanks after the name are no matter
 * ("Tom - cheers"). Null otherwise: the name is read from the whole answer as before ("Priya, nice to meet you").
 */
function nameInClause(t: string): { name: string; matter: string | null } | null {
  // Session 47 (conv8, hostile s46 L5): "name's Kim and I need this sorted before Friday": "and" before a new clause too.
  const brk = /\s*[,;:]\s*|\s+[-\u2013\u2014]+\s+|\s+and\s+(?=(?:i|i'm|i've|i'd|we|we're|we've|my|our|it|it's|this|that|there|need|please|can|could|would|will)\b)/iu.exec(t);
  if (brk === null || brk.index === 0) return null;
  const name = nameFromAnswer(t.slice(0, brk.index));
  if (name === null) return null;
  const matter = t.slice(brk.index + brk[0].length).replace(MATTER_OPENING, '').trim();
  if (onlyThanks(matter)) return { name, matter: null };
  const words = matter.split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length;
  const asks = matter.endsWith('?') && words >= 3;
  // (A clause after "and" that says what is needed or by when: "I need this sorted before Friday", "this is urgent for our
  // board meeting"; its words name no matter by statesAReason's list.)
  const said = (/^and\b/i.test(t.slice(brk.index).trim()) && words >= 3 && NEED_OR_WHEN.test(matter)) || channelWish(matter) !== null;
  if ((!asks && !said && !statesAReason(matter)) || asksForAPersonAgain(matter)) return null;
  return { name, matter };
}
const NEED_OR_WHEN = /\b(?:need|needs|needed|want|wants|urgent|asap|sorted|done|by|before|until|deadline|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month)\b/i;

/**
 * Session 47 (conv8, hostile s46 L5): a refusal to give the name ("I'd rather not say", "prefer not to say", "not
 * telling", "I'd rather not give my name", "rather not, sorry", "it's private"): the name is left out at once.
 */
const NAME_REFUSAL = new RegExp(
  '^(?:(?:sorry|no|nah|nope|um+|erm+|well|honestly|actually)[\\s,]+)*(?:' +
    "i(?:'d|\\s+would)\\s+(?:rather|prefer)\\s+not|(?:i\\s+)?(?:prefer|rather)\\s+not|i(?:'m|\\s+am)\\s+not\\s+(?:telling|saying|giving|sharing)|not\\s+(?:telling|saying|giving|sharing)|i\\s+(?:don'?t|do\\s+not)\\s+want\\s+to\\s+(?:say|give|share|tell)|(?:i(?:'d|\\s+would)\\s+(?:like\\s+to|rather|prefer\\s+to)\\s+)?(?:stay|remain)\\s+anonymous|anonymous|none\\s+of\\s+your\\s+business|it(?:'s|\\s+is)\\s+(?:private|personal|confidential)" +
    ")(?:\\s+to)?(?:\\s+(?:say|give|share|tell|telling|saying))?(?:\\s+(?:you|it|that|my\\s+name|my\\s+full\\s+name|my\\s+real\\s+name|a\\s+name))*(?:[\\s,]+(?:sorry|thanks|thank\\s+you|please|thx|if\\s+that'?s\\s+ok(?:ay)?))*$",
);
function refusesTheName(t: string): boolean {
  return NAME_REFUSAL.test(t.trim().toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[.!]+/g, ' ').replace(/\s+/g, ' ').trim());
}

/** Session 47 (conv8): a wish to go on by email or by phone instead ("can we do this by email instead?", "call me instead"). */
const BY_EMAIL = /\b(?:by|via|over|through)\s+e-?mail\b|\be-?mail\s+me\b|\bjust\s+e-?mail\b|\be-?mail\s+(?:instead|rather)\b/i;
const BY_PHONE = /\b(?:by|via|over|on)\s+(?:the\s+)?(?:phone|telephone)\b|\b(?:phone|telephone)\s+call\b|\b(?:call|ring|phone)\s+me\b|\ba\s+call\s+(?:instead|rather)\b/i;
function channelWish(text: string): 'email' | 'phone' | null {
  if (!/\b(?:instead|rather|prefer|preferably|can\s+we|could\s+(?:we|you)|would\s+(?:rather|prefer)|just)\b/i.test(text)) return null;
  if (BY_EMAIL.test(text)) return 'email';
  if (BY_PHONE.test(text)) return 'phone';
  return null;
}
