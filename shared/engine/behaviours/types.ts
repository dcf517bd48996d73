/**
 * The engine behaviour of one block kind. One module per kind (`shared/engine/behaviours/<kind>.ts`),
 * collected by `shared/engine/blockBehaviours.ts`, keyed by kind; the walker (`runBlocks.ts`) and the
 * engine look behaviours up there and never switch on `kind`. (The flow-side description of a kind, its
 * schema, exits and validation, is `shared/flow/blocks/<kind>.ts`; behaviour lives here because it needs
 * the engine's `Run`, and shared/flow must not import shared/engine.)
 */
import type { Block, BlockKind, BlockOf } from '../../flow/schema';
import type { IntentMatch, TextAnalysis as NluAnalysis } from '../../nlu/types';
import type { Waiting } from '../types';
import type { Run } from '../run';
import type { TakeoverEntry } from '../runBlocks';
import type { ReferenceShape } from '../questionValidators';

export type InputWaiting = Extract<Waiting, { kind: 'input' }>;

/** What one customer message means at a waiting block, before anything changes. */
export interface Classified {
  /** The block could not use the message (counts as a fallback turn for escalation). */
  fallback: boolean;
  /** The intent router's reading of the message, when the block is one. */
  intent: IntentMatch | null;
  /** The message was read only as the answer to the block's own question and did not fit (TurnFacts.ownQuestion). */
  ownQuestion?: boolean;
  /**
   * The message answers the block's own question (a score at a Rating block): the escalation policy reads it with the
   * conversation-level checks only (engine.ts `ownQuestionPolicy`), not sentiment, topic, urgency or confidence.
   */
  answered?: boolean;
  /**
   * Session 50 (emerg7, hostile s49 M8): with `answered`, a time from now on answered at a date-and-time question, this
   * many minutes ahead, when the flow's urgency deadline is in hours (under a day): the policy reads it with the urgency
   * check on (engine.ts readTurn, TurnFacts.answeredMinutesAway), as it reads "leaves in 30 minutes".
   */
  deadlineMinutes?: number;
  /** The message is the customer's rating (a score at a Rating block): its transcript entry is marked (`rating`). */
  rating?: boolean;
  /**
   * When the escalation policy acts on the message instead of the block (a handoff, an offer), what of the answer is
   * kept all the same: a Rating block's score is recorded ("1 star, get me a human": hostile s15 H#9 rest).
   */
  keepAnswer?: () => void;
  /**
   * The part of the message the escalation policy reads, when not all of it is for the policy: a Rating block's score
   * with a request beside it ("cancel NW-230919, 1 star") is read without the score, which is the rating and not
   * negative sentiment (session 24). Absent: the whole message.
   */
  policyText?: string;
  /**
   * Session 37 (review of session 36): the reference the block takes from the message (a Question that reads an order or
   * policy number: "2231 0457" -> HM-2231-0457 at "e.g. HM-2231-0457"). The entity pass remembers it as the
   * conversation's, and no phone number read inside it (referenceNotPhone.ts asFlowReferences).
   */
  reference?: AnsweredReference;
  /**
   * Session 43 (lead, review of policy1): the block did not use the message although it is no fallback turn (a Question's
   * own re-ask of an answer that holds no value of its kind, "my bag never arrived" at the booking reference): not a
   * message the flow understood (TurnFacts.understood, complaintFirst.ts).
   */
  notUsed?: boolean;
  apply: () => void;
}

/** A reference a block takes as its answer (Classified.reference). */
export interface AnsweredReference {
  type: 'order_id' | 'policy_number';
  value: string;
}

/**
 * A Classified whose `apply` calls a module-level function with plain data (no closure per message: a turn
 * classifies every customer message, and a closure per message is measurable on the hot path; under tsx,
 * which names every closure with `Object.defineProperty`, it costs ~0.4 µs each).
 */
export class ClassifiedInput<A = unknown> implements Classified {
  constructor(
    readonly fallback: boolean,
    readonly intent: IntentMatch | null,
    readonly run: Run,
    readonly act: (run: Run, action: A) => void,
    readonly action: A,
    readonly ownQuestion = false,
  ) {}

  reference?: AnsweredReference;

  apply(): void {
    this.act(this.run, this.action);
  }
}

/** A button click's label and what it does (same no-closure shape as `ClassifiedInput`). */
export class Click<A = unknown> {
  constructor(
    readonly label: string,
    readonly run: Run,
    readonly act: (run: Run, action: A) => void,
    readonly action: A,
  ) {}

  apply(): void {
    this.act(this.run, this.action);
  }
}

/** The text analysis the engine made of a customer message (reused instead of analysing twice). */
export interface TextAnalysis {
  normalized: string;
}

export interface BlockBehaviour<K extends BlockKind = BlockKind> {
  /**
   * The waiting kinds a conversation can be in at a block of this kind ('input' and 'offer' for blocks
   * that read the customer's answer; 'http' for HTTP requests...). A redeployed flow whose block no
   * longer fits the conversation's waiting is recovered (see `canWaitAt`).
   */
  waitsAs?: readonly Waiting['kind'][];
  /** Runs the block when the conversation enters it; returns the next block id, or null when the step stops. */
  enter(run: Run, block: BlockOf<K>, entry: TakeoverEntry): string | null;
  /**
   * True when entering the block again would not ask the customer anything because the answer is already known
   * (a Question set to skip known answers): a takeover's handback then enters the block instead of asking again.
   */
  answered?(run: Run, block: BlockOf<K>): boolean;
  /** Shows a waiting block's question (again: first time, or after the customer declined a person). */
  prompt?(run: Run, block: BlockOf<K>): void;
  /** Reads customer text at this block (waiting for input) without changing anything yet. */
  classify?(
    run: Run,
    block: BlockOf<K>,
    w: InputWaiting,
    text: string,
    analysis: TextAnalysis | null,
    intentMatch: IntentMatch | null,
  ): Classified;
  /** The intent-match the escalation policy should see for text at this block (intent routers, buttons forwarding to one). */
  intentMatch?(run: Run, block: BlockOf<K>, analysis: string | NluAnalysis): IntentMatch | null;
  /** Receives typed text forwarded from a Buttons block's fallback (intent and keyword routers). */
  acceptsForwardedText?: boolean;
  /**
   * The block reads what the customer wants (a menu of choices), not the answer to a question of its own: a message
   * that reopens an ended chat is given to it when it understands it (engine.ts `readAfterRestart`). Routers say so by
   * `acceptsForwardedText`.
   */
  readsRequests?: boolean;
  /** The block only says something and goes on by `next` (a Message): a side question's answer may be said aside. */
  onlySays?: boolean;
  /** The exit a reading of this router takes (an intent router's intent id); absent or null when it names none. */
  exitOfReading?(intent: IntentMatch | null): string | null;
  /**
   * Session 47 (conv8): the designer's words of what this router reads (an intent router's examples, a keyword router's
   * keywords): the topics the flow has a way for (ownProblem.ts).
   */
  topicTexts?(block: BlockOf<K>): readonly string[];
  /** Session 49 (conv10): a router's intents by id, each with the texts that name its topic (ownProblem.ts reads them). */
  topicIntents?(block: BlockOf<K>): readonly { id: string; texts: readonly string[] }[];
  /** Session 49 (conv10): whether the block's own question asks for an email address (emailTypo.ts). */
  asksEmail?(block: BlockOf<K>): boolean;
  /** A button click at this block; null when that button is not on screen. */
  click?(run: Run, block: BlockOf<K>, buttonId: string): { label: string; apply(): void; rating?: boolean } | null;
  /** The reply to this block's HTTP call. */
  httpResult?(run: Run, block: BlockOf<K>, ok: boolean, body: unknown): void;
  /**
   * Session 42 (fe): the block waits for a value it asked for (an order number, an address) and asks for it again when a
   * message does not give it: the escalation policy reads such a message as one more asking at the bot's own question
   * (TurnFacts.atQuestion, detectLoop's stuckAtQuestion).
   */
  asksForValue?: true;
  /**
   * Session 50 (conv12, newcomer s49 N2): whether a message the block cannot use now is asked again within the Retries
   * the designer set (the fallback exit not taken yet): the escalation policy's repeated-fallback reading waits for them
   * (TurnFacts.retriesLeft).
   */
  retriesLeft?(run: Run, block: BlockOf<K>, w: InputWaiting): boolean;
  /** The waiting kind of the questions the block asks itself (`takeover_question`, `ticket_question`). */
  questionWaiting?: Waiting['kind'];
  /** The customer's answer to one of those questions (already recorded in the transcript). */
  answerQuestion?(run: Run, block: BlockOf<K>, w: Waiting, text: string): void;
  /**
   * Whether `text` answers the block's own question `w` (a Ticket's email question: an email address). Blocks that
   * define it get the escalation policy's conversation-level checks on those answers (loop, repeated fallback, an
   * explicit request for a person; see engine.ts `ownQuestionText`), an answer that does not fit counting as a
   * fallback. Blocks without it (Human takeover, whose questions lead to a person anyway) are not checked.
   */
  answerFits?(run: Run, block: BlockOf<K>, w: Waiting, text: string): boolean;
  /**
   * Session 36 (hostile s35 F4): whether `text`, an answer that fits, gives the value the question asks or sets one aside
   * (an address at a Ticket's email question): the policy then reads it without the loop and repeated-fallback checks.
   */
  answerGivesValue?(run: Run, block: BlockOf<K>, w: Waiting, text: string): boolean;
  /**
   * Whether entering the block now would reach a person (a Human takeover: in hours, and the caller says someone is
   * signed in and reachable). Blocks without it reach nobody. Read by the no_agent follow-up rule (noAgentFollowUp.ts):
   * after "nobody is available", a request for a person goes to someone who came online since (hostile s15 H#4).
   */
  reachesSomeoneNow?(run: Run, block: BlockOf<K>): boolean;
  /**
   * Session 42 (ticketq, newcomer s41 N2 rest): whether entering the block now would find nobody (closed by its hours, or
   * nobody signed in who may take it), saying nothing; engine.ts answersFirstWhileNobody reads it.
   */
  findsNobodyNow?(run: Run, block: BlockOf<K>): boolean;
  /**
   * Session 45 (perf): whether the block is closed now by its own opening hours (a Human takeover with custom
   * availability), saying nothing; noAgentFollowUp.ts inClosedFollowUp reads it. Blocks without it are never closed.
   */
  closedByHours?(run: Run, block: BlockOf<K>): boolean;
  /**
   * Session 43 (policy1): the block's apology to an upset customer (a Human takeover: "I'm sorry about this.", when its
   * upset lead-in is the built-in one), or null. Said before the bot answers a complaint it understood (complaintFirst.ts).
   */
  upsetApology?(run: Run, block: BlockOf<K>): string | null;
  /**
   * The block's reply to a request for a person that cannot be met (the takeover just found nobody) at its own question
   * `w`, when that request does not answer the question; true when it replied (the question stays open, no retry
   * counted). Blocks without it take the message as an answer (engine.ts `ownQuestionText`). `after` 'crisis': the
   * message was words of self-harm and the crisis line was just said (session 29): the question again, without "I can't
   * put you through" (the customer asked for no one). 'upset' (session 30, newcomer s29 N5): the policy read the message
   * `text` as upset; the block may decline (false) when `text` tries to answer the question after all.
   * `closedLine` (session 34, hostile s33 #1): the takeover that found nobody is closed by its opening hours and this is
   * its still-closed line ("Our team is still offline ...: they're back on Monday at 8am."), said instead of "no one is
   * free right now" (which reads as busy).
   */
  answerNobodyFree?(run: Run, block: BlockOf<K>, w: Waiting, after?: 'crisis' | 'upset' | 'emergency', text?: string, closedLine?: string | null): boolean;
  /**
   * Session 34 (hostile s33 #1): the block's short line for a conversation it cannot hand over because its opening hours
   * are closed now (Human takeover: takeoverTexts.stillClosed with when the team is back); null when it is open or has no
   * hours. Session 41: the line to SAY now, not a look-up: it notes the turn it is said at (closedNotice.stillTurn), so
   * the next one in a row is the apology (humanTakeover.ts stillClosedNow). Call it only where the line is said.
   */
  stillClosedLine?(run: Run, block: BlockOf<K>): string | null;
  /**
   * Session 35 (hostile s34 #4): a request for a person at another block's own question (a Ticket's) that this block
   * cannot meet now (a Human takeover closed by its hours, or nobody signed in who may take it): the block says so and
   * returns what it said ('stillClosed' when the customer had been told it is closed); null, saying nothing, when
   * someone may take it (then the conversation is handed over as before).
   */
  nobodyForQuestion?(run: Run, block: BlockOf<K>, entry: TakeoverEntry, takesNoDetails?: boolean): 'closed' | 'stillClosed' | 'nobody' | null;
  /**
   * Session 35 (hostile s34 #4): the block's question `w` again after the escalation target said it can take nobody now
   * (`said`, from nobodyForQuestion), or the answer `text` also gives taken: the block goes on where it was (a Ticket keeps
   * what the customer asked for).
   */
  askAfterNobody?(run: Run, block: BlockOf<K>, w: Waiting, said: 'closed' | 'stillClosed' | 'nobody', text: string | null): void;
  /**
   * Session 40 (fixq, newcomer s40 N1): the block takes the customer's details itself (a Ticket), so the out-of-hours
   * message's "Leave your details" may be said at its questions; at a task's own question it is not.
   */
  takesDetails?: true;
  /**
   * Session 36 (hostile s35 F1): whether a request for a person at this block's question that the target cannot meet now
   * keeps the customer here (askAfterNobody); without it, always. A task's question (a Question block, a Buttons block
   * whose text names a value the customer gave, "shall I cancel order {{orderNumber}}?") keeps a plain request out of
   * hours (humanTakeover.ts keptAtTask), not a menu.
   */
  keepsAfterNobody?(run: Run, block: BlockOf<K>, targetId: string, entry: TakeoverEntry): boolean;
  /**
   * Session 35 (hostile s34 #15): the reference shapes, with a letter prefix, of the order or policy number the block
   * reads (a Question's "e.g. HM-2231-0457"): a phone number inside one in a message is that reference, not a phone.
   */
  referenceShapes?(block: BlockOf<K>): { kind: 'order_id' | 'policy_number'; shape: ReferenceShape }[];
  /**
   * Session 39 (hostile s38 M3): the shapes of the references with a prefix this block's example asks for (a Question's
   * "e.g. CL-558201"); read by referenceChoice.ts to pick a menu option by a reference and to take one given earlier.
   */
  exampleReferenceShapes?(block: BlockOf<K>): ReferenceShape[];
  /** Session 39 (hostile s38 M3): a reference the customer gave earlier that this block takes as its answer, or null. */
  earlierReference?(run: Run, block: BlockOf<K>): string | null;
  /**
   * Session 39 (hostile s38 M2): what the customer's answer `text` at this block says of the way to a takeover the flow
   * reached by itself (reasonGiven.ts reasonFromWay): the words to tell the team (an option's label, a value given),
   * whether the block is a topic menu (the way's start), and the block the answer led to. Null: the block tells nothing.
   */
  wayAnswer?(run: Run, block: BlockOf<K>, text: string): WayAnswer | null;
  /**
   * Whether `text`, the block's latest words in the transcript, says it found nobody (a Human takeover's no-agent or
   * out-of-hours message, or its own handoff expired or rejected). Only for states saved before `nobodyFound` existed.
   */
  saidNobodyFound?(run: Run, block: BlockOf<K>, text: string): boolean;
}

/** Every kind's behaviour, typed per kind (a missing kind is a compile error; a test checks it too). */
export type BlockBehaviours = { [K in BlockKind]: BlockBehaviour<K> };

/** What an answer at a block says of the way to a takeover (BlockBehaviour.wayAnswer). */
export interface WayAnswer {
  said: string | null;
  /** A menu (three options or more): where the way starts. */
  menu: boolean;
  /** A menu whose option picked stores its label: a topic (one storing a value, "11-50", is a questionnaire's answer). */
  topicMenu: boolean;
  ledTo?: string;
  /** Session 49: a free-text question's answer (the customer's own words, which may state the reason by themselves). */
  freeText?: boolean;
}
