/**
 * The conversation engine: `start` and `receive` turn (flow, state, input, now) into a Step: the new
 * state, the messages to show and the effects for the runtime to carry out. Pure and deterministic:
 * no clock, no randomness, no I/O, and the caller's state is never changed (see `run.ts` for how the
 * state is copied cheaply).
 *
 * Input that does not fit the current state (a button that is not on screen, an agent event while the
 * bot is in charge, a stale timer, an event for an older handoff or one already applied) is refused: the
 * same state comes back with no messages or effects and `rejected: { reason }` saying why, because such
 * input is normal in a distributed runtime (a timer firing after the agent accepted, a double click, a
 * retried delivery).
 *
 * Redeploys: the state records `flowRevision(flow)`. When `receive` gets a flow of another revision in which
 * the block the conversation waits at no longer exists (or is now another kind), the customer is told and
 * the conversation restarts at Start; a message asking for a person still hands over (`recoverFromRedeploy`).
 */
import { EMAIL_TYPO_NO, EMAIL_TYPO_YES, likelyTypo, typoAnswer, typoButtons, typoQuestion, waitsForEmail } from './emailTypo';
import type { Block, EscalationPolicy, EscalationReason, Flow } from '../flow/schema';
import type { EscalationDecision, EscalationMemory, Signal, TurnFacts } from '../escalation/types';
import type { Entity, TextAnalysis } from '../nlu/types';
import type { Classified } from './behaviours/types';
import type { ConversationState, EngineContext, Input, Step, TranscriptEntry, Waiting } from './types';
import { notOpenedYet } from '../handoff/lifecycle';
import { maskAgentWords, maskCustomerText, tellSecretHidden } from './customerSecrets';
import { EngineError } from './types';
import { MAX_ANALYSED_TEXT } from '../flow/limits';
import { analyzeText } from '../nlu/analyzeText';
import { NO_WORDS, OK_WORDS, YES_WORDS, offerAnswer, onlyOfferTail } from '../nlu/bareReplies';
import { normalizeText } from '../nlu/normalizeText';
import { escalationDecision, evaluateEscalation, initialEscalationMemory } from '../escalation/evaluateEscalation';
import { questionType } from '../escalation/questionConcepts';
import { detectUrgency } from '../escalation/detectors/detectUrgency';
import { selfHarmIn, selfHarmInText } from '../escalation/selfHarm';
import { emergencySignalIn, selfHarmSignalIn } from './crisisSignal';
import { withoutInvisible } from './unicodeText';
import type { RuleSnapshot } from '../escalation/evaluateRuleSignals';
import { escalationTarget, ruleHandoff } from './ruleSignals';
import { ageNobodyFound, forgetNobodyFound, inClosedFollowUp, inNoAgentFollowUp } from './noAgentFollowUp';
import { compileFlow } from './compileFlow';
import { cancelTimers, finish, newRun, customerSaid, bot, isKnown, setVar, system, stepCustomerText, rememberEntities, saidMark, saidSince, botBefore, type Run, type SaidMark } from './run';
import { flowRevision } from './flowRevision';
import { forgetToldFailure, keepFailureCurrent, rememberHttpOutcome } from './failureMemory';
import { behaviourOf, canWaitAt } from './blockBehaviours';
import { bareBackOutTexts, isBareBackOut } from './bareBackOut';
import { MAX_HELD_MESSAGES, STATE_VERSION, RECENT_EVENT_IDS } from './conversationStateSchema';
import { emailAnswer } from './questionValidators';
import { servesTwoRequests } from './twoRequests';
import { answerFitsAt, answerQuestionAt, asksQuestionAt, classifyInput, clickAt, goTo, httpResultAt, intentMatchAt, showPrompt } from './runBlocks';
import {
  crisisLineOf,
  emergencyLineAbout,
  emergencyAgainOf,
  handoffContextNow,
  handoffEvent,
  restartConversation,
  RESTART_BUTTON_ID,
  takeoverTexts,
  withdrawsWhileQueued,
} from './humanTakeover';
import { isTakenOver, takenOverEvent, takeOver, takeoverRefusal } from './agentTakeover';
import { graduatedText, offerButtons, offerLabel } from './escalationWording';
import { clarifiesFirst, clarifyDecision, clarifyText } from './clarifyFirst';
import { analysedPart } from './analysedPart';
import { withoutCorrected } from './selfCorrection';
import { asFlowReferences } from './referenceNotPhone';
import { answerAfterClose } from './afterClose';
import { actsOnMessage, messageFacts, readsAsRequestForPerson } from './policyReads';
import { noOnlyAsDeterminer } from './answeringNo';
import { splitLeadingAnswer } from './answeringWord';
import { questionBeforePerson, sayBeforePerson } from './otherRequest';

export const escalationTexts = {
  rephrase: "Sorry, I'm not sure I understood. Could you put it another way?",
  offer: 'Would you like to talk to a person?',
  personId: 'escalation:person',
  personLabel: 'Talk to a person',
  botId: 'escalation:bot',
  botLabel: 'Keep chatting with the bot',
};
/** Entities remembered per conversation (newest kept): bounded so the persisted state stays small. */

export const redeployTexts = {
  restarted: 'This conversation was updated while you were away, so we are starting again from the beginning. Sorry for the trouble!',
};

export function start(flow: Flow, ctx: EngineContext): Step {
  const c = compileFlow(flow);
  if (c.startId === null) {
    throw new EngineError(`Flow "${flow.id}" has no Start block: add one and connect it to the first message.`);
  }
  if (!ctx.conversationId) {
    throw new EngineError('start() needs ctx.conversationId: a globally unique id from the runtime (every handoff, timer, request and ticket id derives from it).');
  }
  const state: ConversationState = {
    v: STATE_VERSION,
    id: ctx.conversationId,
    flowId: flow.id,
    flowRevision: flowRevision(flow),
    mode: 'bot',
    waiting: null,
    variables: { ...c.defaults },
    recentTranscript: [],
    turn: 0,
    intents: [],
    entities: [],
    escalation: initialEscalationMemory(),
    lastEscalation: null,
    handoff: null,
    timers: [],
    seq: 0,
    step: 0,
    recentEventIds: [],
    startedAt: ctx.now,
    updatedAt: ctx.now,
  };
  const run = newRun(flow, c, state, ctx);
  run.transcriptOwned = true; // the empty transcript above is ours
  goTo(run, c.startId);
  return finish(run);
}

/** A block that reads what the customer wants (a router, a Buttons menu), not the answer to a question of its own. */
const readsWhatIsWanted = (b: { acceptsForwardedText?: boolean; readsRequests?: boolean }): boolean => b.acceptsForwardedText === true || b.readsRequests === true;

function refused(state: ConversationState, reason: string): Step {
  return { state, messages: [], effects: [], decision: null, visited: [], transcript: [], rejected: { reason } };
}

/** Why an input cannot apply now, or null. Checked before anything changes. */
function refusal(run: Run, input: Input): string | null {
  const s = run.s;
  if (!('eventId' in input)) return null;
  if (typeof input.eventId !== 'string' || input.eventId === '') return 'the event has no eventId: every agent or runtime event needs a unique one.';
  if (s.recentEventIds.includes(input.eventId)) return `event ${input.eventId} was already applied (a repeated delivery); ignored.`;
  if (input.type === 'agent_takeover') return takeoverRefusal(s, input);
  const h = s.handoff;
  if (!h) return 'no chat is waiting for an agent: the bot is handling this conversation.';
  if (input.handoffId !== h.id) return `the event is for handoff ${input.handoffId}, but the current handoff is ${h.id}: it is stale and was not applied.`;
  if (s.mode !== 'waiting' && s.mode !== 'agent') return `handoff ${h.id} is already ${h.status}: the conversation is ${s.mode === 'closed' ? 'closed' : 'back with the bot'}.`;
  switch (input.type) {
    case 'agent_accepted':
      if (h.status === 'assigned') {
        return h.agentId === input.agentId
          ? `${h.agentName ?? h.agentId} has already accepted this chat.`
          : `${h.agentName ?? h.agentId} has already accepted this chat, so ${input.agentName} cannot.`;
      }
      return null;
    case 'no_agent':
      return h.status === 'pending' ? null : `an agent (${h.agentName ?? h.agentId}) already has this chat.`;
    case 'agent_joined':
      if (h.status !== 'assigned' || h.agentId !== input.agentId) return `this chat is not assigned to ${input.agentId}.`;
      return h.joined === false ? null : `${h.agentName ?? h.agentId} has already joined this chat.`;
    case 'agent_opened':
      if (h.status !== 'assigned' || h.agentId !== input.agentId) return `this chat is not assigned to ${input.agentId}.`;
      return h.joined === false && h.opened !== true ? null : `${h.agentName ?? h.agentId} has already opened this chat.`;
    default:
      if (h.status !== 'assigned') return 'no agent has accepted this chat yet: accept it first.';
      if (h.agentId !== input.agentId) return `this chat is with ${h.agentName ?? h.agentId}, not ${input.agentId}.`;
      return null;
  }
}

/** The customer's previous message as kept (masked), from the state's recent transcript; undefined when none. */
function lastCustomerText(state: ConversationState): string | undefined {
  const recent = state.recentTranscript;
  for (let i = recent.length - 1; i >= 0; i--) if (recent[i].from === 'customer') return recent[i].text;
  return undefined;
}

export function receive(flow: Flow, state: ConversationState, input: Input, ctx: EngineContext): Step {
  // Session 15 (hostile s15 H#3): card numbers and passwords are masked before anything stores or reads the message
  // (transcript, answers, escalation, the agent); the bot then says it hid them (customerSecrets.ts).
  // Session 18 (hostile s17 H#19): masked and cut to MAX_CUSTOMER_TEXT in one step (maskCustomerText: the cap counts what
  // the customer sent; the masks never make the kept text longer): nothing after this cuts the text again.
  // Session 19 (hostile s18 #25): read after the customer's previous message (a card or password sent over two).
  const secrets = input.type === 'text' ? maskCustomerText(input.text, MAX_CUSTOMER_TEXT, lastCustomerText(state)) : null;
  if (secrets !== null && (secrets.hidden.length > 0 || secrets.cut) && input.type === 'text') input = { ...input, text: secrets.text };
  // Session 19 (hostile s18 #23): an agent's words are masked by the same rule whoever sends them (`baton serve` masked
  // them before, `baton chat` and the studio's simulator did not); newcomer s17 #7: the agent message's transcript entry
  // keeps which kinds were hidden (here or by the server before: `secretsHidden` on the input), for the inbox.
  let agentHidden: string[] = [];
  if (input.type !== 'text' && ('agentId' in input || input.type === 'no_agent')) {
    const m = maskAgentWords(input);
    input = m.input;
    agentHidden = input.type === 'agent_message' ? [...new Set([...(input.secretsHidden ?? []), ...m.hidden])] : [];
  }
  const run = newRun(flow, compileFlow(flow), state, ctx);
  const why = refusal(run, input);
  if (why !== null) return refused(state, why);
  const revision = flowRevision(flow);
  if (state.flowRevision !== revision) {
    run.s.flowRevision = revision;
    if (recoverFromRedeploy(run, input)) return finish(run);
  }
  if (!dispatch(run, input, state)) return refused(state, notApplied(state, input));
  if (secrets !== null && secrets.hidden.length > 0) tellSecretHidden(run, secrets.text, flow.settings.secretHiddenMessage);
  if (agentHidden.length > 0 && input.type === 'agent_message') {
    const entry = run.transcript.find((e) => e.from === 'agent' && e.text === input.text);
    if (entry) entry.secretsHidden = agentHidden as NonNullable<TranscriptEntry['secretsHidden']>;
  }
  ageNobodyFound(run.s); // the no_agent follow-up rule ends after a few customer messages (noAgentFollowUp.ts)
  // A failed HTTP call is told to the agent of the handoff it led to, not to a later one (failureMemory.ts rule 4).
  forgetToldFailure(run.s, run.effects.some((e) => e.type === 'handoff_request'));
  if ('eventId' in input) {
    const ids = run.s.recentEventIds;
    run.s.recentEventIds = ids.length >= RECENT_EVENT_IDS ? [...ids.slice(ids.length - RECENT_EVENT_IDS + 1), input.eventId] : [...ids, input.eventId];
  }
  return finish(run);
}

/** A reason for an input the state had no use for. */
function notApplied(state: ConversationState, input: Input): string {
  switch (input.type) {
    case 'text':
      return input.text.trim() === '' ? 'the message is empty.' : `the conversation is not waiting for a message (mode ${state.mode}).`;
    case 'choice':
      return `button "${input.buttonId}" is not on screen.`;
    case 'timer':
      return `timer ${input.timerId} is not active (already fired or cancelled).`;
    case 'http_result':
      return `the conversation is not waiting for HTTP request ${input.requestId}.`;
    case 'customer_left':
      return 'the conversation is already closed.';
    default:
      return `the event does not apply in mode ${state.mode}.`;
  }
}

/**
 * A newly deployed revision no longer has the block this conversation waits at (or it is now another kind):
 * tell the customer and restart at Start, or, when the customer's message asks for a person and the flow
 * has an escalation target, hand over. A handoff in progress keeps going: its block is looked up when its
 * events arrive, and when it is gone the conversation restarts at Start when the handoff ends.
 * Returns true when it handled the input.
 */
function recoverFromRedeploy(run: Run, input: Input): boolean {
  const s = run.s;
  const w = s.waiting;
  if (!w || s.mode === 'waiting' || s.mode === 'agent' || s.mode === 'closed') return false;
  // A takeover pauses the bot wherever it is; a block a redeploy removed is dealt with on handback.
  if (input.type === 'agent_takeover') return false;
  const block = run.c.blocks.get(w.blockId);
  // The block still exists and can still wait the way the conversation waits (its behaviour's `waitsAs`).
  const fits = w.kind === 'handoff' || w.kind === 'restart' || canWaitAt(block, w.kind);
  if (fits) return false;
  // The timers belonged to the block that is gone (an HTTP deadline): cancel them, the conversation restarts.
  cancelTimers(run);
  if (input.type === 'text') customerSaid(run, input.text); // receive cut it (maskCustomerText)
  s.waiting = null;
  const target = escalationTarget(run);
  if (input.type === 'text' && target !== null && run.flow.escalation.enabled) {
    const analysis = analyzeText(analysedPart(input.text));
    const facts = messageFacts(run, input.text, analysis, s.turn - 1);
    const { decision } = evaluateEscalation(run.flow.escalation, facts, initialEscalationMemory());
    const asked = decision.signals.find((x) => x.reason === 'explicit_request');
    if (asked) {
      run.decision = decision;
      s.lastEscalation = decision;
      goTo(run, target, { reason: 'explicit_request', signals: [asked] });
      return true;
    }
  }
  if (input.type === 'customer_left') {
    system(run, takeoverTexts.customerLeft);
    s.mode = 'closed';
    run.effects.push({ type: 'end', reason: 'customer_left' });
    return true;
  }
  bot(run, redeployTexts.restarted);
  s.escalation = initialEscalationMemory();
  s.lastEscalation = null;
  if (run.c.startId !== null) goTo(run, run.c.startId);
  return true;
}

function dispatch(run: Run, input: Input, prior: ConversationState): boolean {
  // The caller's state is never changed (run.s has its own copy of the variables), so it is the "before"
  // of the edge-triggered variable rules (hot lead, urgency rules); see ruleSignals.ts for when they run.
  // Session 8 (newcomer s8 #15b): before the customer's first message the rules count as not yet seen, so a rule already
  // true then (a cart value the website passed when the chat started, a prefilled variable) fires once, at that message.
  const firstSeen = prior.turn === 0 && prior.lastEscalation === null && prior.handoff === null;
  const before: RuleSnapshot = { variables: firstSeen ? {} : prior.variables, now: prior.updatedAt, timeZone: run.flow.settings.timezone };
  const inBotMode = run.s.mode === 'bot';
  if (inBotMode && (input.type === 'text' || input.type === 'choice' || input.type === 'http_result')) run.rulesBefore = before;
  switch (input.type) {
    case 'text': {
      const handled = onText(run, input.text);
      if (handled && inBotMode) checkRuleSignals(run);
      return handled;
    }
    case 'choice': {
      const handled = onChoice(run, input.buttonId);
      if (handled && inBotMode) checkRuleSignals(run);
      return handled;
    }
    case 'http_result': {
      const w = run.s.waiting;
      if (run.s.mode !== 'bot' || w?.kind !== 'http' || w.requestId !== input.requestId) return false;
      const block = run.c.blocks.get(w.blockId);
      if (block) rememberHttpOutcome(run.s, block, input.ok, input.status, run.now); // failureMemory.ts rules 1, 4
      if (!block || !httpResultAt(run, block, input.ok, input.body)) return false;
      checkRuleSignals(run);
      readHeld(run, w.held);
      return true;
    }
    case 'timer': {
      const w = run.s.waiting;
      if (run.s.mode === 'bot' && w?.kind === 'http') {
        // The HTTP reply did not come before the deadline: the block takes its error exit.
        if (w.timerId !== input.timerId || !run.s.timers.some((t) => t.id === input.timerId)) return false;
        const block = run.c.blocks.get(w.blockId);
        run.s.timers = run.s.timers.filter((t) => t.id !== input.timerId);
        run.rulesBefore = before;
        if (block) rememberHttpOutcome(run.s, block, false, 0, run.now);
        if (!block || !httpResultAt(run, block, false, null)) return false;
        checkRuleSignals(run);
        readHeld(run, w.held);
        return true;
      }
      return agentEvent(run, input);
    }
    case 'agent_takeover': {
      const taken = takeOver(run, input);
      if (taken) forgetNobodyFound(run.s); // a person has the conversation now (noAgentFollowUp.ts)
      return taken;
    }
    case 'customer_left':
      if (run.s.mode === 'closed') return false;
      if (run.s.mode === 'waiting' || run.s.mode === 'agent') return agentEvent(run, input);
      system(run, takeoverTexts.customerLeft);
      run.s.mode = 'closed';
      run.s.waiting = null;
      run.effects.push({ type: 'end', reason: 'customer_left' });
      return true;
    default:
      return agentEvent(run, input);
  }
}

/** An event about the current handoff: a taken-over conversation's (agentTakeover.ts) or a Human Takeover block's. */
function agentEvent(run: Run, input: Parameters<typeof takenOverEvent>[1]): boolean {
  return isTakenOver(run.s) ? takenOverEvent(run, input) : handoffEvent(run, input);
}

/**
 * Longest customer message kept, in characters; the rest is cut with a marker. Chat widgets cap messages at a
 * few thousand characters too, and an unbounded message would bloat every persisted state after it.
 */
export const MAX_CUSTOMER_TEXT = 4000;
export { MAX_ANALYSED_TEXT };

function onText(run: Run, raw: string): boolean {
  if (raw.trim() === '') return false;
  let text = raw; // masked and cut to MAX_CUSTOMER_TEXT by receive (maskCustomerText)
  const s = run.s;
  if (s.mode === 'closed') {
    // Thanks, bye or an emoji after the end: one polite line, and the chat stays closed (afterClose.ts).
    if (answerAfterClose(run, text)) return true;
    const turn = customerSaid(run, text);
    restartConversation(run);
    readAfterRestart(run, text, turn);
    return true;
  }
  if (s.mode === 'waiting' || s.mode === 'agent') {
    // Session 38 (hostile s38 H1): "never mind, no need for a person" in the queue withdraws the request.
    if (withdrawsWhileQueued(run, text)) return true;
    // The bot is silent while a person is involved; the message goes to the agent (or the queue).
    customerSaid(run, text, s.waiting?.blockId);
    if (s.handoff) run.effects.push({ type: 'relay_to_agent', handoffId: s.handoff.id, text });
    referenceWhileWithPerson(run, text);
    crisisWhileWithPerson(run, text);
    return true;
  }
  const w = s.waiting;
  if (!w) return false;
  const block = run.c.blocks.get(w.blockId);
  if (!block) return false;
  // Session 49 (conv10, hostile s46 L1): "kim@gmial.com" at an email question: "Did you mean kim@gmail.com?" first.
  const checked = emailTypoCheck(run, block, w, text);
  if (checked === true) return true;
  if (checked !== null) text = checked;
  switch (w.kind) {
    case 'http': {
      // Newcomer s26 F7: kept in the transcript and held; read when the reply comes (readHeld), not dropped.
      const turn = customerSaid(run, text, w.blockId);
      const held = w.held ?? [];
      // The newest are kept (hostile s26 H1): customers send a few "hello?"s before the angry one that matters.
      s.waiting = { ...w, held: [...held, { text, turn }].slice(-MAX_HELD_MESSAGES) };
      return true;
    }
    case 'takeover_question':
    case 'ticket_question':
      // Questions a block asks itself while waiting (Human takeover's name/email/reason, Ticket's email/issue).
      if (!asksQuestionAt(block, w)) return false;
      {
        // Answering the block's own questions (the email before a takeover) does not age a failed HTTP call that led
        // there (newcomer s11 #12b; failureMemory.ts rule 3): the handoff after the email still names it.
        const f = s.lastFailure;
        customerSaid(run, text, w.blockId);
        keepFailureCurrent(s, f);
      }
      if (ownQuestionText(run, block, w, text)) return true;
      answerQuestionAt(run, block, w, text);
      return true;
    case 'offer': {
      const answer = yesOrNo(text, run.flow.escalation);
      // Session 29 (hostile s29 H4): "no, I want to kill myself" was a polite no. Words of self-harm at the offer hand
      // over as urgent with the crisis reading (the crisis line first), whatever yes or no stands beside them.
      if (selfHarmInText(analysedPart(text)) !== null) {
        // Read by the urgency detector (Urgency switched off, or a Never-trigger entry, switches this off too).
        const urgent = detectUrgency(messageFacts(run, text, analyzeText(analysedPart(text)), s.turn), run.flow.escalation, initialEscalationMemory());
        const targetId = urgent?.crisis === true ? escalationTarget(run) : null;
        if (urgent !== null && targetId !== null) {
          customerSaid(run, text, w.blockId);
          run.s.waiting = null;
          goTo(run, targetId, { reason: 'urgency', signals: [urgent] });
          return true;
        }
      }
      // Hostile s28 H10: "no i want a human" declined the offer of a person: a request for a person beside a "no" (or
      // in an unclear answer) takes the offer.
      if ((answer === false || answer === 'unclear') && readsAsRequestForPerson(run, text)) {
        customerSaid(run, text, w.blockId);
        takeoverFromOffer(run, w);
        return true;
      }
      if (answer === 'unclear') {
        // Session 29 (hostile s28 H10 rest): "yes no" 30 times asked the offer 30 times. A second unclear answer in a
        // row takes the person (the offer is made when the bot cannot help; a person can ask what the customer meant).
        const again = unclearJustAsked(run.s.recentTranscript, w.blockId);
        customerSaid(run, text, w.blockId);
        if (again) {
          takeoverFromOffer(run, w);
          return true;
        }
        // Hostile s26 H4: "yes no", "no yes", "yeah nah" say both: nothing is taken, the offer is asked again.
        bot(run, OFFER_UNCLEAR, w.blockId);
        bot(run, graduatedText(run.flow.escalation, 'offer', w.reason), w.blockId, offerButtons(run.flow.escalation));
        return true;
      }
      if (answer !== null) {
        customerSaid(run, text, w.blockId);
        // Session 47 (conv8, retest-conv s46 L1): "sure, and do you take PayPal?": the question after the yes is answered
        // or passed on (otherRequest.questionBeforePerson), as at a Buttons offer of a person.
        if (answer) questionAfterYes(run, w.blockId, text);
        if (answer) takeoverFromOffer(run, w);
        else backToBot(run, w);
        return true;
      }
      // Neither yes nor no: the customer carried on talking, so treat it as an answer to the block.
      const back: Waiting = { kind: 'input', blockId: w.blockId, retries: w.retries };
      s.waiting = back;
      return inputText(run, back, text);
    }
    case 'input':
      return inputText(run, w, text);
    default:
      return false;
  }
}

/**
 * Session 49 (conv10, hostile s46 L1; emailTypo.ts): at an email question, an address that likely misspells a mail
 * provider's domain, given alone (a few words around it at most, no question), is asked about ("Did you mean
 * kim@gmail.com?", true: the step is done); the answer to that question is the address it chose (the text the block
 * reads; the customer's words stay in the transcript); null: read the message as usual.
 */
function emailTypoCheck(run: Run, block: Block, w: Waiting, text: string): string | true | null {
  const s = run.s;
  const pending = s.emailTypo;
  if (pending !== undefined) {
    delete s.emailTypo;
    if (pending.blockId === block.id && waitsForEmail(block, w)) {
      const chosen = typoAnswer(text, pending.typed, pending.suggested);
      if (chosen !== null) {
        run.typed = text;
        return chosen;
      }
    }
  }
  if (!waitsForEmail(block, w) || text.includes('?')) return null;
  const typo = likelyTypo(text);
  if (typo === null || text.replace(typo.typed, ' ').split(/\s+/).filter(Boolean).length > 5) return null;
  customerSaid(run, text, block.id);
  bot(run, typoQuestion(typo.suggested), block.id, typoButtons(typo.typed, typo.suggested));
  s.emailTypo = { blockId: block.id, typed: typo.typed, suggested: typo.suggested };
  return true;
}

/**
 * Session 16 (newcomer s15 N#4): a message after the chat ended restarts the conversation ("Welcome back!", the flow from
 * Start), and was then dropped: "what are your delivery times?" got the greeting and the menu, not the answer. When the
 * restarted flow waits at a block that reads requests (a menu, an intent or keyword router: behaviour `readsRequests` /
 * `acceptsForwardedText`) and that block understands the message, the message is its first input (the escalation
 * policy included, so "I want a person" hands over). A block that would not understand it (or a question of the flow's
 * own, whose answer this message is not) leaves the restart as before: the greeting and the menu, unless the policy's
 * reading of the turn acts on what the message says (policyReads.actsOnMessage; session 25: the turn's own reading in
 * inputText, where a second reading of the message alone was made first).
 */
function readAfterRestart(run: Run, text: string, turn: number): void {
  const w = run.s.waiting;
  if (run.s.mode !== 'bot' || w?.kind !== 'input') return;
  const block = run.c.blocks.get(w.blockId);
  if (!block) return;
  const b = behaviourOf(block.kind);
  if (b.readsRequests !== true && b.acceptsForwardedText !== true) return;
  inputText(run, w, text, turn, true);
}

/**
 * Session 28 (hostile s28 H9): words of self-harm while the customer waits for a person (or talks to one). The bot is
 * silent then and the policy does not read messages, so "I want to kill myself" in the queue got nothing and the chat
 * stayed at its place in the queue. The built-in crisis check still reads them: the handoff becomes urgent (moved up
 * the queue, shown urgent in the inbox), once; a customer still waiting is told a person is coming and where to get
 * help at once. With an agent in the chat, the agent reads the message; only the priority changes.
 */
function crisisWhileWithPerson(run: Run, text: string): void {
  const s = run.s;
  const h = s.handoff;
  if (!h || (h.status !== 'pending' && h.status !== 'assigned')) return;
  if (selfHarmInText(analysedPart(text)) === null) {
    emergencyWhileWithPerson(run, text);
    return;
  }
  if (h.priority !== 'urgent') {
    s.handoff = { ...h, priority: 'urgent' };
    run.effects.push({ type: 'handoff_update', handoff: s.handoff });
  }
  // Session 29 (hostile s29 H1, H2): every crisis message is answered while nobody reads the chat yet (waiting, or
  // auto-assigned but not opened: joined === false), even when the handoff is already urgent; not silence.
  if (s.mode === 'waiting' || notOpenedYet(h)) bot(run, takeoverTexts.crisisWhileWaiting, s.waiting?.blockId);
}

/**
 * Session 43 (policy1, hostile s42 L6): a reference (an order number, a policy number, the flow's own shapes) typed while
 * the customer waits for a person (or talks to one) was only a transcript line: the handoff's context (its entities, the
 * summary's "Reference: ...") was made when it was requested, so an agent opening the chat read no reference, while the
 * same reference in the message that handed over was there. Now it is kept as that one is (remembered with the
 * conversation's entities, taken-back references excluded) and, when it is new and the handoff is open, the handoff's
 * context is made again from the conversation as it now stands (handoff_update's `context`): the runtime stores it, and
 * the inbox shows what the engine gives.
 */
function referenceWhileWithPerson(run: Run, text: string): void {
  const s = run.s;
  const h = s.handoff;
  if (!h || (h.status !== 'pending' && h.status !== 'assigned') || !/\d/.test(text)) return;
  const found = asFlowReferences(run.flow, text, notTakenBack(text, analyzeText(analysedPart(text)).entities)).filter((e) => e.type === 'order_id' || e.type === 'policy_number');
  const before = s.entities;
  rememberEntities(run, found);
  if (s.entities === before) return;
  run.effects.push({ type: 'handoff_update', handoff: h, context: handoffContextNow(run, h) });
}

/**
 * Session 41 (injury): a person hurt or ill now, written while the customer waits for a person (or talks to one): as for
 * self-harm (crisisWhileWithPerson), the handoff becomes urgent, and while nobody reads the chat yet the customer gets the
 * emergency line (once in a row: not again when the bot's latest words were it). Read by the urgency detector, so
 * switching Urgency off switches this off too.
 */
function emergencyWhileWithPerson(run: Run, text: string): void {
  const s = run.s;
  const h = s.handoff!;
  const policy = run.flow.escalation;
  if (policy.enabled === false || !policy.urgency.enabled) return;
  const signal = detectUrgency(messageFacts(run, text, analyzeText(analysedPart(text)), Math.max(0, s.turn - 1)), policy, initialEscalationMemory());
  if (signal?.emergency !== true) return;
  if (h.priority !== 'urgent') {
    s.handoff = { ...h, priority: 'urgent' };
    run.effects.push({ type: 'handoff_update', handoff: s.handoff });
  }
  if (s.mode !== 'waiting' && !notOpenedYet(h)) return;
  const line = emergencyLineAbout(run.flow, text);
  const lastBot = [...s.recentTranscript].reverse().find((e) => e.from === 'bot');
  // Session 43 (medical4, hostile s43 L6): the line once (in the conversation's recent window); the emergency said again
  // gets the short line ("A person is coming. If anyone is in danger, please call 999 now."), not the same words again,
  // and nothing when that short line was the bot's last.
  const again = emergencyAgainOf(run.flow);
  if (lastBot?.text === line || lastBot?.text === again) return;
  bot(run, s.recentTranscript.some((e) => e.from === 'bot' && e.text === line) ? again : line, s.waiting?.blockId);
}

/**
 * Session 26 (newfix, newcomer s26 F7): the customer's messages sent while an HTTP call was out (waiting.held, already in
 * the transcript) are read once the call's reply (or its deadline) has moved the flow on, in order, at the block the
 * flow then waits at, like a message after a restart (readAfterRestart): a block that reads requests takes a message it
 * understands as its input, and any message the escalation policy acts on ("this is ridiculous ...") is acted on. A
 * message neither reads stays a transcript line (an agent sees it). Messages left when the flow waits on another call
 * are held again; when a person is involved they are already in the handoff's transcript.
 */
function readHeld(run: Run, held: readonly { text: string; turn: number }[] | undefined): void {
  if (!held || held.length === 0) return;
  for (let i = 0; i < held.length; i++) {
    const w = run.s.waiting;
    if (run.s.mode !== 'bot' || !w) return;
    if (w.kind === 'http') {
      run.s.waiting = { ...w, held: [...(w.held ?? []), ...held.slice(i)].slice(-MAX_HELD_MESSAGES) };
      return;
    }
    const { text, turn } = held[i]!;
    if (w.kind === 'takeover_question' || w.kind === 'ticket_question') {
      heldAtOwnQuestion(run, w, text, turn);
      continue;
    }
    if (w.kind !== 'input') return;
    const block = run.c.blocks.get(w.blockId);
    if (!block) return;
    const b = behaviourOf(block.kind);
    if (b.readsRequests === true || b.acceptsForwardedText === true) inputText(run, w, text, turn, true);
    else inputText(run, w, text, turn, true, true);
  }
}

/**
 * Session 27 (convo, hostile s26 H5): a held message when the flow waits at a block's own question (a Human takeover's
 * name / email / reason, a Ticket's email / issue). It is no answer to a question asked after it was written; the whole
 * policy reads it (an angry message is still read as anger). At a takeover's question the conversation is already on
 * its way to a person: the handoff then carries the reason (and signals) the policy found, when the flow reached the
 * takeover with none of its own. At a ticket's question a handoff the policy decides is made (not when that takeover
 * has just found nobody: noAgentFollowUp.ts). Otherwise the message stays a transcript line (an agent sees it).
 */
function heldAtOwnQuestion(run: Run, w: Extract<Waiting, { kind: 'takeover_question' | 'ticket_question' }>, text: string, turn: number): void {
  const s = run.s;
  const targetId = escalationTarget(run);
  if (run.flow.escalation.enabled === false || targetId === null) return;
  const analysis = analyzeText(analysedPart(text));
  const facts = messageFacts(run, text, analysis, turn);
  const { decision, memory } = evaluateEscalation(run.flow.escalation, facts, s.escalation);
  if (!actsOnMessage(decision)) return;
  s.escalation = memory;
  run.decision = decision;
  if (w.kind === 'takeover_question') {
    if (w.reason === undefined && decision.reason !== null) {
      s.waiting = { ...w, reason: decision.reason };
      s.lastEscalation = decision;
    }
    return;
  }
  if (decision.action !== 'handoff') return;
  if (inNoAgentFollowUp(run, targetId, w.blockId)) {
    run.decision = notActedNobodyFree(decision);
    crisisNobodyFree(run, decision, w.blockId);
    return;
  }
  s.lastEscalation = decision;
  const entry = { reason: decision.reason ?? 'explicit_request', signals: decision.signals };
  const block = run.c.blocks.get(w.blockId);
  if (block !== undefined && keptAtTicket(run, block, w, null, targetId, entry)) return;
  s.waiting = null;
  goTo(run, targetId, entry);
}

/**
 * Session 35 (hostile s34 #4, HIGH): out of hours, "can I talk to a person" at the cancellation ticket's email question
 * handed over to the takeover, which was closed and left by its No agent exit to the generic follow-up ticket: the
 * cancellation (high priority, the order number) was never opened, and what the customer had asked for was lost. A
 * handoff decided at a block's own question (`w`: a Ticket's) whose target can take nobody now (closed by its hours, or
 * nobody signed in who may take it) is not made: the target says so (its out-of-hours message, or the still-closed
 * line), and the block goes on where it was (its question again, or the answer the message also gives; `text` null for
 * a message held during an HTTP call: no answer to a question asked after it). True then.
 * Session 36 (hostile s35 F1): so does a task's own question (keepsAfterNobody: the cancellation's order-number question
 * and its "shall I cancel order NW-104233?"), which went by the No agent exit to the generic follow-up ticket, dropping
 * the cancellation; asked again right after, the request goes to the takeover as before (its follow-up ticket).
 */
function keptAtTicket(run: Run, block: Block, w: Waiting, text: string | null, targetId: string, entry: { reason: EscalationReason; signals: Signal[] }): boolean {
  const { askAfterNobody, keepsAfterNobody, takesDetails } = behaviourOf(block.kind);
  const target = run.c.blocks.get(targetId);
  if (askAfterNobody === undefined || target === undefined) return false;
  if (keepsAfterNobody !== undefined && !keepsAfterNobody(run, block, targetId, entry)) return false;
  // Session 40 (fixq, newcomer s40 N1): a task's own question (not a ticket's) takes no details: the out-of-hours
  // message's "Leave your details" is not said there (takeoverTexts.closedKeptTask instead).
  const said = behaviourOf(target.kind).nobodyForQuestion?.(run, target, entry, takesDetails !== true) ?? null;
  if (said === null) return false;
  askAfterNobody(run, block, w, said, text);
  return true;
}

/**
 * Session 50 (conv12, hostile s49 L1): "ok" then "ok" at Northwind's start handed over as two messages the bot could not
 * use ("I don't think I can help with this myself"). At a router (the flow's "What's your question?"), a bare
 * acknowledgement ("ok", "okay", "k", "alright", "ok cool") asks nothing the bot failed at; when every message since the
 * bot last understood one is such an acknowledgement, the repeated-fallback reading is not acted on
 * (TurnFacts.onlyAcknowledged): the router asks its question again. `said`: the message is already in the transcript.
 */
const ACK_WORDS: ReadonlySet<string> = new Set([...OK_WORDS, 'alright', 'allright', 'aight', 'cool', 'fine', 'sure', 'right', 'then', 'great', 'nice', 'good', 'so', 'oh', 'ah', 'yeah', 'yes', 'yep', 'sounds']);
const ACK_HEAD: ReadonlySet<string> = new Set([...OK_WORDS, 'alright', 'allright', 'aight', 'cool', 'fine', 'sure']);
function bareAcknowledgement(text: string): boolean {
  if (/[\p{N}?]/u.test(text)) return false;
  const words = normalizeText(text).split(' ').filter(Boolean);
  return words.length > 0 && words.length <= 3 && words.some((x) => ACK_HEAD.has(x)) && words.every((x) => ACK_WORDS.has(x));
}
function acknowledgedOnly(run: Run, block: Block, text: string, said: number | undefined): boolean {
  if (behaviourOf(block.kind).acceptsForwardedText !== true || !bareAcknowledgement(text)) return false;
  const streak = Math.ceil(run.s.escalation.fallbacksInRow);
  const customer = run.s.recentTranscript.filter((e) => e.from === 'customer');
  const earlier = said === undefined ? customer : customer.slice(0, -1);
  if (earlier.length < streak) return false;
  return earlier.slice(earlier.length - streak).every((e) => bareAcknowledgement(e.text));
}

/**
 * The escalation policy's reading of one turn (the whole policy, or the block's own questions' when the message answers
 * them: Classified.answered), from the memory before it. Pure: the caller keeps the memory.
 */
function readTurn(run: Run, classified: Classified, text: string, analysis: TextAnalysis, turn: number, block?: Block, w?: Extract<Waiting, { kind: 'input' }>, said?: number): { decision: EscalationDecision; memory: EscalationMemory } {
  // A Rating block's score beside a request: the policy reads the request alone (Classified.policyText).
  const policyText = classified.policyText;
  const facts: TurnFacts = {
    text: policyText ?? text,
    analysis: policyText === undefined ? analysis : analyzeText(analysedPart(policyText)),
    turn,
    now: run.now,
    variables: run.s.variables,
    intent: classified.intent,
    fallback: classified.fallback,
    ownQuestion: classified.fallback && classified.ownQuestion === true,
    // Session 43 (policy1): the block used the message (a pick, a routed intent, a valid answer): complaintFirst.ts.
    understood: classified.fallback || classified.notUsed === true ? undefined : true,
    timezone: run.flow.settings.timezone,
  };
  // Session 42 (fe): a message the block that asks for a value (a Question block) could not use: the bot's prompt comes again.
  if (classified.fallback && block !== undefined && behaviourOf(block.kind).asksForValue === true) facts.atQuestion = true;
  // Session 49 (conv11, hostile s49 M11): which block's own question the message did not answer (askedAgainAt).
  if (facts.ownQuestion === true && block !== undefined) facts.askedAt = block.id;
  // Session 50 (conv12, newcomer s49 N2): the block asks again within the designer's Retries (TurnFacts.retriesLeft).
  if (classified.fallback && block !== undefined && w !== undefined && behaviourOf(block.kind).retriesLeft?.(run, block, w) === true) facts.retriesLeft = true;
  // Session 50 (conv12, hostile s49 L1): bare acknowledgements at a router, and nothing else since the bot last understood.
  if (classified.fallback && block !== undefined && acknowledgedOnly(run, block, text, said)) facts.onlyAcknowledged = true;
  // Session 15 (hostile s15 H#9): an answer to the block's own question (a score at a Rating block) gets the
  // conversation-level checks only: "1 star" is the rating, not a negative message to hand over.
  // Session 50 (emerg7, hostile s49 H3): an answer to the block's own question that also says an emergency (a person in
  // danger or a live hazard now: dangerNow) is read by the whole policy: the emergency comes before the answer.
  if (classified.answered === true && classified.deadlineMinutes !== undefined) facts.answeredMinutesAway = classified.deadlineMinutes;
  return classified.answered === true && !dangerNow(run, facts.text, facts.analysis)
    ? evaluateEscalation(classified.deadlineMinutes !== undefined ? withChecksOff(run.flow.escalation, DEADLINE_ANSWER_OFF) : ownQuestionPolicy(run.flow.escalation), facts, run.s.escalation, run.flow.escalation)
    : evaluateEscalation(run.flow.escalation, facts, run.s.escalation);
}

/**
 * Session 50 (emerg7, hostile s49 H3): whether `text` says an emergency now (self-harm, a person hurt or in danger, a fire,
 * gas or a live hazard: the urgency detector's crisis or emergency reading, so switching Urgency off switches this off
 * too). Read where the block would otherwise take the text as its answer with the message-level checks off (an answer to
 * its own question: readTurn, ownQuestionText), so an emergency said at any question is read before it is an answer.
 */
function dangerNow(run: Run, text: string, analysis: TextAnalysis): boolean {
  const policy = run.flow.escalation;
  if (policy.enabled === false || !policy.urgency.enabled) return false;
  const signal = detectUrgency(messageFacts(run, text, analysis, Math.max(0, run.s.turn - 1)), policy, initialEscalationMemory());
  return signal?.emergency === true || signal?.crisis === true;
}

/**
 * Customer text at a block waiting for input: the escalation hook, then the block itself. `said`: the turn when the
 * message is already in the transcript (read again after a restart, `readAfterRestart`).
 */
function inputText(run: Run, w: Extract<Waiting, { kind: 'input' }>, text: string, said?: number, onlyIfRead = false, policyOnly = false): boolean {
  const s = run.s;
  const block = run.c.blocks.get(w.blockId);
  if (!block) return false;
  const analysis = analyzeText(analysedPart(text));
  const intent = intentMatchAt(run, block, analysis);
  // Decide what the message means before changing anything, so the policy knows if it was a fallback.
  const classified = classifyInput(run, block, w, text, analysis, intent);
  const turn = said ?? s.turn; // the turn customerSaid gives the message below
  const { decision, memory } = readTurn(run, classified, text, analysis, turn, block, w, said);
  const targetId = escalationTarget(run);
  // After a restart (readAfterRestart): a message the block does not understand is its input only if the policy (on)
  // acts on what it says; otherwise nothing of it is kept but the transcript entry (the restart's greeting and menu
  // stand). Session 25: this reading, where a second one of the message alone was made first (policyReads.ts).
  // `policyOnly` (a message held during an HTTP call, readHeld, at a block that asks its own question): read only when
  // the policy acts on it, never taken as the answer to a question asked after it was written.
  if (((onlyIfRead && classified.fallback) || policyOnly) && !(run.flow.escalation.enabled && targetId !== null && actsOnMessage(decision))) return false;
  if (said === undefined) customerSaid(run, text, block.id, classified.rating === true);
  // A request for a person is acted on, not left unanswered (the policy reads it whatever the block made of it).
  if (classified.fallback && !decision.signals.some((x) => x.reason === 'explicit_request')) markUnanswered(run, text);
  rememberEntities(run, asFlowReferences(run.flow, text, notTakenBack(text, analysis.entities), classified.reference));

  const ladderBefore = s.escalation.level;
  s.escalation = memory;
  // Debug shows what the policy read in this message; the handoff carries the ladder's case (newcomer s8 #8).
  run.decision = decision;

  if (decision.action !== 'none' && targetId === null) {
    // Newcomer s8 #22: Debug must not say "Handed over" when no Human Takeover block is set: nothing happened.
    run.decision = {
      ...decision,
      explanation: `Nothing happened: the policy would ${decision.action === 'handoff' ? 'hand over' : decision.action === 'offer' ? 'offer a person' : 'ask to rephrase'}, but no Human Takeover block is set (Flow settings > Escalation > Hand over to). ${decision.explanation}`,
    };
  }
  if (targetId !== null && clarifiesFirst(run.flow.escalation, decision, s.lastEscalation)) {
    // Session 10 (newcomer s9 #27): one clarifying question before a low-confidence handoff (clarifyFirst.ts).
    const asked = clarifyDecision(decision);
    run.decision = asked;
    s.lastEscalation = asked;
    bot(run, clarifyText(run.flow.escalation), block.id);
    return true;
  }
  const heldByFollowUp = decision.action !== 'none' && targetId !== null && inNoAgentFollowUp(run, targetId, block.id);
  if (heldByFollowUp) {
    run.decision = notActedNobodyFree(decision);
    crisisNobodyFree(run, decision, block.id);
  }
  if (decision.action !== 'none' && targetId !== null && !heldByFollowUp) {
    const ladder = ladderDecision(decision, ladderBefore, s.lastEscalation);
    s.lastEscalation = ladder;
    const reason = ladder.reason ?? 'explicit_request';
    // Session 16 (hostile s15 H#9 rest): "1 star, get me a human" hands over (or offers a person) and the score is
    // recorded all the same; a rephrase below applies the answer itself.
    if (decision.action !== 'rephrase') classified.keepAnswer?.();
    // Session 49 (conv10, conv9's L1 follow-up): three bare "stop"s at a router were handed over as a loop ("I don't think
    // I can help with this myself, so I'll get a person for you.") with no word of why and no choice. A handover for a
    // loop or repeated misses whose message is only a back-out word (bareBackOut.ts) is an offer of a person instead, the
    // reason said first; the customer chooses (a "no" goes back to the bot, as for any offer).
    // Session 50 (conv13, hostile s50 M11): at any block that reads what the customer wants (a router, or a Buttons menu:
    // `readsRequests`), not only at a router: three bare "stop"s at Harbor Mutual's, Skyline Air's and Acme's menus were
    // handed over as a loop (Skyline Air queued at once).
    if (decision.action === 'handoff' && (reason === 'loop' || reason === 'repeated_fallback') && readsWhatIsWanted(behaviourOf(block.kind)) && isBareBackOut(text, s.personWithdrawn !== undefined)) {
      const offer: EscalationDecision = { ...ladder, action: 'offer', explanation: `${ladder.explanation} Offered a person instead of handing over: the message was only a back-out word (bareBackOut.ts).` };
      s.lastEscalation = offer;
      run.decision = offer;
      bot(run, bareBackOutTexts.repeated(text), block.id);
      bot(run, graduatedText(run.flow.escalation, 'offer', reason), block.id, offerButtons(run.flow.escalation));
      s.waiting = { kind: 'offer', blockId: block.id, retries: w.retries, reason };
      return true;
    }
    if (decision.action === 'handoff') {
      if (keptAtTicket(run, block, w, null, targetId, { reason, signals: ladder.signals })) return true;
      if (answersFirstWhileNobody(run, block, classified, ladder, targetId)) return true;
      s.waiting = null;
      goTo(run, targetId, { reason, signals: ladder.signals });
      return true;
    }
    if (decision.action === 'rephrase') {
      if (!classified.fallback) {
        // Session 8 (newcomer s8 #23, #32): the block understood the message ("WHERE IS MY ORDER", "where is my order??
        // 3rd time asking"): acknowledge it and carry on with what was understood instead of asking the customer to say
        // it again. The ladder has moved to step 1, so the next signal offers a person.
        bot(run, graduatedText(run.flow.escalation, 'rephrase', reason, true), block.id);
        classified.apply();
        return true;
      }
      bot(run, graduatedText(run.flow.escalation, 'rephrase', reason), block.id);
      return true;
    }
    bot(run, graduatedText(run.flow.escalation, 'offer', reason), block.id, offerButtons(run.flow.escalation));
    s.waiting = { kind: 'offer', blockId: block.id, retries: w.retries, reason };
    return true;
  }
  const failure = s.lastFailure;
  // Session 43 (policy1): a complaint the flow understood is answered, with the flow's apology first (complaintFirst.ts).
  const mark = decision.understoodComplaint === 'answered' && targetId !== null ? saidMark(run) : null;
  // Session 39 (hostile s38 M1): two requests in one message are both served (twoRequests.ts).
  if (!servesTwoRequests(run, block, text)) classified.apply();
  if (mark !== null) apologiseFirst(run, targetId!, block.id, mark);
  // Session 12 (newcomer s12 #9): a block asking its question again (the offer after a failed order lookup, re-asked
  // after an unexpected answer) does not age the failed HTTP call that led there (failureMemory.ts rule 3): the handoff
  // chosen next still names it.
  const now = s.waiting;
  if (now?.kind === 'input' && now.blockId === w.blockId && now.retries > w.retries) keepFailureCurrent(s, failure);
  return true;
}

/**
 * Session 43 (policy1): the flow's apology (the target takeover's, "I'm sorry about this.") before the answer the block
 * just gave to a complaint it understood (complaintFirst.ts), unless that answer apologises itself ("I'm sorry about your
 * bag. ..." at Skyline Air's lost-bag option) or the flow has no such line (a rewritten upset lead-in).
 */
const APOLOGISES = /\b(?:sorry|apologi[sz]e|apologies)\b/i;
function apologiseFirst(run: Run, targetId: string, blockId: string, mark: SaidMark): void {
  const target = run.c.blocks.get(targetId);
  const sorry = target === undefined ? null : behaviourOf(target.kind).upsetApology?.(run, target) ?? null;
  if (sorry === null || saidSince(run, mark).some((m) => m.from === 'bot' && APOLOGISES.test(m.text))) return;
  botBefore(run, mark, sorry, blockId);
}

/**
 * Session 42 (ticketq, newcomer s41 N2 rest), session 43 (policy1): the nobody-now caller of the rule for a complaint the
 * flow understood (complaintFirst.ts). The policy hands over a strong complaint, or a second one, that the block
 * understood (EscalationDecision.understoodComplaint 'strong' / 'again'); when the target finds nobody now (no agent
 * signed in who may take it, or out of hours: behaviour findsNobodyNow), the handover would only trade the bot's own
 * answer for "no one is available" and a ticket ("so annoyed, where is my parcel" out of hours: the order question was
 * never asked). Then it is not made: the apology is said and the block does what it understood (the order lookup); the
 * flow's own failure paths still offer a person or a ticket, and a request for a person still gets one at once. The
 * decision's action stays the policy's (corpus tools count it); its explanation says what happened.
 */
function answersFirstWhileNobody(run: Run, block: Block, classified: Classified, decision: EscalationDecision, targetId: string): boolean {
  if (decision.understoodComplaint === undefined) return false;
  const target = run.c.blocks.get(targetId);
  if (target === undefined || behaviourOf(target.kind).findsNobodyNow?.(run, target) !== true) return false;
  run.decision = {
    ...decision,
    explanation: `Not handed over: nobody can take the chat now and the customer asked for no person, so the bot apologised and did what it understood first (a request for a person, or the flow's own failure path, still reaches the team). The policy read: ${decision.explanation}`,
  };
  const mark = saidMark(run);
  classified.apply();
  apologiseFirst(run, targetId, block.id, mark);
  return true;
}

/** Newcomer s26 F11: the customer's entry of this message (the step's latest) is one the bot did not understand. */
function markUnanswered(run: Run, text: string): void {
  for (let i = run.transcript.length - 1; i >= 0; i--) {
    const e = run.transcript[i]!;
    if (e.from !== 'customer') continue;
    if (e.text === text) e.unanswered = true;
    return;
  }
}

/**
 * Session 29 (hostile s28 H11): a message with words of self-harm where the takeover has just found nobody (the ticket
 * after "we're offline"): the policy's handoff is held back as for any request (noAgentFollowUp.ts), and the customer
 * is told where to get help now (no promise of a person). Which line was said, or null.
 */
function crisisNobodyFree(run: Run, decision: EscalationDecision, blockId: string): 'crisis' | 'emergency' | null {
  if (selfHarmSignalIn(decision.signals)) {
    bot(run, crisisLineOf(run.flow), blockId);
    return 'crisis';
  }
  // Session 41 (injury, hostile s40 H5): "my daughter swallowed a magnet from your kit, what do I do" at the ticket's
  // email question out of hours got only "Thanks, I've noted that for the team": a person hurt or ill now gets the
  // emergency line first (the ticket's question follows, as for self-harm).
  // The message is still the answer the question reads ("Thanks, I've noted that for the team").
  if (emergencySignalIn(decision.signals)) {
    // Session 43 (medical4, hostile s43 L6): said again at the ticket's question (nobody can come), the short line.
    const line = emergencyLineAbout(run.flow, stepCustomerText(run));
    bot(run, run.s.recentTranscript.some((e) => e.from === 'bot' && e.text === line) ? emergencyAgainOf(run.flow, false) : line, blockId);
    return 'emergency';
  }
  return null;
}

/**
 * Session 16 (newcomer s15 N#14): what Debug and `baton chat` show for a decision the no_agent follow-up held back
 * (noAgentFollowUp.ts): the CLI printed "Handed over: the customer asked for a person" when nothing was handed over.
 * The action and signals stay the policy's (escrfEval reads them); the explanation says what happened.
 */
function notActedNobodyFree(d: EscalationDecision): EscalationDecision {
  return { ...d, explanation: `Not handed over: the Human takeover just found nobody available, so the message goes to the block that follows it (the ticket's question). The policy read: ${d.explanation}` };
}

/** Reasons that say the bot did not follow the customer, not what the conversation is about. */
const MISUNDERSTANDING: ReadonlySet<EscalationReason> = new Set<EscalationReason>(['low_confidence', 'repeated_fallback', 'loop']);

/**
 * Session 8 (newcomer s8 #8): a later step of a graduated ladder keeps what started it. A fraud report acknowledged at
 * step 1 and followed by an upset message (step 2) used to reach the agent as "the customer is upset", with the upset
 * message as key message: the fraud was lost. Now the decision of a later step (offer, handoff) lists the signals of
 * the ladder's earlier step first, and keeps its reason, unless that reason only said the bot did not follow (low
 * confidence, repeated fallback, loop) and the later one says what the matter is. The handoff context's key message is
 * the first signal's message, so the message that started the ladder. Only the wording of the handoff changes: the
 * action (the step) is the policy's.
 */
function ladderDecision(d: EscalationDecision, levelBefore: number, prev: EscalationDecision | null): EscalationDecision {
  if (levelBefore === 0 || !prev || d.action === 'none' || d.action === 'rephrase') return d;
  if (prev.action !== 'rephrase' && prev.action !== 'offer') return d;
  if (prev.reason === null || prev.signals.length === 0) return d;
  const startFirst = d.reason === null || !MISUNDERSTANDING.has(prev.reason) || MISUNDERSTANDING.has(d.reason);
  // One signal per reason, the first listed kept (so the start's own message when the start leads).
  const signals: Signal[] = [];
  for (const x of startFirst ? [...prev.signals, ...d.signals] : [...d.signals, ...prev.signals]) {
    if (!signals.some((y) => y.reason === x.reason)) signals.push(x);
  }
  return { ...d, reason: startFirst ? prev.reason : d.reason, signals };
}

/**
 * The policy a block's own questions are checked with (a Ticket's "What email address should we reply to?"): the
 * conversation-level checks only, a loop, repeated fallbacks, and an explicit request for a person. A customer who
 * keeps re-asking their question while the bot keeps asking for an email is stuck, whatever the block; but the
 * answers there are details the block asked for (an email, the issue in the customer's own words: "the parcel
 * arrived broken"), so the message-level readings (topic, sentiment, urgency, intent confidence) are left to the
 * block and the team it reaches. Derived once per policy (the detectors cache their compiled lists per policy).
 */
export function ownQuestionPolicy(p: EscalationPolicy): EscalationPolicy {
  return withChecksOff(p, OWN_QUESTION_OFF);
}
const OWN_QUESTION_OFF = ['sensitiveTopics', 'negativeSentiment', 'urgency', 'lowConfidence'] as const;
/** Session 50 (emerg7): ownQuestionPolicy with urgency on, for a time answered at a date-and-time question (Classified.deadlineMinutes). */
const DEADLINE_ANSWER_OFF = ['sensitiveTopics', 'negativeSentiment', 'lowConfidence'] as const;
/** ownQuestionPolicy without the loop and repeated-fallback checks either: for an answer that gives the value asked. */
function ownValuePolicy(p: EscalationPolicy): EscalationPolicy {
  return withChecksOff(p, OWN_VALUE_OFF);
}
const OWN_VALUE_OFF = [...OWN_QUESTION_OFF, 'loop', 'repeatedFallback'] as const;

/** A policy's sections that a variant of it can switch off (each has an `enabled` switch). */
type CheckSection = 'sensitiveTopics' | 'negativeSentiment' | 'urgency' | 'lowConfidence' | 'repeatedFallback' | 'loop';
/**
 * `p` with the given sections switched off, made once per policy and list (the detectors cache their compiled lists per
 * policy object, so the variant must be the same object every time). Shared by ownQuestionPolicy and nobodyFreePolicy.
 */
const policyVariants = new WeakMap<EscalationPolicy, Map<readonly CheckSection[], EscalationPolicy>>();
function withChecksOff(p: EscalationPolicy, off: readonly CheckSection[]): EscalationPolicy {
  let byList = policyVariants.get(p);
  if (!byList) policyVariants.set(p, (byList = new Map()));
  let variant = byList.get(off);
  if (!variant) {
    const v: EscalationPolicy = { ...p };
    for (const section of off) (v as Record<CheckSection, unknown>)[section] = { ...p[section], enabled: false };
    variant = v;
    byList.set(off, variant);
  }
  return variant;
}

/**
 * Whether an answer that does not fit the block's question asks something back ("how do I cancel it?", "when will I get
 * the confirmation?"): only those count as failed turns there. Other answers that do not fit are the customer giving
 * what the flow did not ask for yet ("3 Hill Street, B5 4AU" to the email question, "Yes, cancel please", "yes"): the
 * block retries and the customer is not stuck.
 */
function asksBack(analysis: { text: string; normalized: string }): boolean {
  return analysis.text.includes('?') || questionType(analysis.normalized) !== null;
}

/**
 * Session 8: whether an answer that does not fit gives again a value the conversation already holds (the order number
 * the customer typed at an earlier question: "order NW-270915, cancel please" to "What email address should we reply
 * to?"). The customer is repeating their request instead of answering, which is a failed turn like asking back; a new
 * value (a first order number, an address) is the customer giving what the flow did not ask for yet.
 */
function givesAgain(run: Run, analysis: { entities: readonly Entity[] }): boolean {
  const known = run.s.entities;
  if (known.length === 0) return false;
  for (const e of analysis.entities) if (known.some((k) => k.type === e.type && k.value === e.value)) return true;
  return false;
}

/**
 * Customer text answering a block's own question (already recorded in the transcript), for blocks that say whether an
 * answer fits (`answerFits`, the Ticket block): the conversation-level checks of `ownQuestionPolicy` run on it, an
 * answer that does not fit counting as a fallback ("where is my parcel??" to "What email address should we reply
 * to?"). Returns true when the policy acted (handed over, asked to rephrase, offered a person); the question stays
 * open for a rephrase or an offer (see `onChoice` for the offer's buttons). False: the block takes the answer.
 */
function ownQuestionText(run: Run, block: Block, w: Waiting, text: string): boolean {
  if (behaviourOf(block.kind).answerFits === undefined) return false;
  // Session 42 (perf): the text's one analysis first, so the fit check's entities (ticketAnswerFits' phone check,
  // entitiesOf) are this analysis's, not a second extraction of the same text (exact: both pure, one text).
  const analysis = analyzeText(analysedPart(text));
  const fits = answerFitsAt(run, block, w, text);
  if (fits === null) return false;
  const s = run.s;
  const facts: TurnFacts = {
    text,
    analysis,
    turn: Math.max(0, s.turn - 1),
    now: run.now,
    variables: s.variables,
    intent: null,
    fallback: !fits && (asksBack(analysis) || givesAgain(run, analysis)),
    timezone: run.flow.settings.timezone,
  };
  // Session 28 (hostile s28 H1): an answer to the block's own question gets the conversation-level checks only ("my
  // account was hacked" is the ticket's issue, not a topic to hand over). Not a message that is no answer to it ("I want
  // to kill myself", "this is ridiculous, I am furious" at the email question), nor one a person must see at once
  // (self-harm): the whole policy reads those, as it reads a message held during an HTTP call (heldAtOwnQuestion).
  // Session 50 (emerg7, hostile s49 H3): nor an emergency said there ("the gas hob won't turn off and the flame is huge" as
  // the ticket's issue): read before the block takes the text as its answer (dangerNow).
  const whole = !fits || selfHarmIn(analysis) !== null || dangerNow(run, text, analysis);
  const targetId = escalationTarget(run);
  // Session 14 (newcomer s14 N#7): not back into a takeover that just found nobody (noAgentFollowUp.ts). Session 45
  // (perf, the lead's decision): nor, at the follow-up's questions, into one still closed by its hours (inClosedFollowUp).
  if (targetId !== null && (inNoAgentFollowUp(run, targetId, block.id) || inClosedFollowUp(run, targetId, block.id))) {
    return nobodyFreeText(run, block, w, text, facts, fits, whole, targetId);
  }
  // Session 36 (hostile s35 F4): an answer that gives the value asked, or sets one aside ("not a@x.com, b@y.com", "a@x.com
  // typo, I mean a@x.co.uk", "a@x.com no longer works"), is no repeat of a request: read without the loop and the
  // repeated-fallback checks (the first two were read as loops, and a person was offered to a customer who asked for none).
  const value = !whole && fits && behaviourOf(block.kind).answerGivesValue?.(run, block, w, text) === true;
  const policy = whole ? run.flow.escalation : value ? ownValuePolicy(run.flow.escalation) : ownQuestionPolicy(run.flow.escalation);
  const { decision, memory } = evaluateEscalation(policy, facts, s.escalation, run.flow.escalation);
  s.escalation = memory;
  run.decision = decision;
  if (decision.action === 'none' || targetId === null) return false;
  s.lastEscalation = decision;
  if (decision.action === 'handoff') {
    const entry = { reason: decision.reason ?? 'explicit_request', signals: decision.signals };
    if (keptAtTicket(run, block, w, text, targetId, entry)) return true;
    s.waiting = null;
    goTo(run, targetId, entry);
  } else if (decision.action === 'rephrase') {
    bot(run, graduatedText(run.flow.escalation, 'rephrase', decision.reason), block.id);
  } else {
    bot(run, graduatedText(run.flow.escalation, 'offer', decision.reason), block.id, offerButtons(run.flow.escalation));
  }
  return true;
}

/**
 * Session 32 (issue 8): the policy read at a block's own question in the no-agent follow-up (noAgentFollowUp.ts), where
 * nothing it decides hands over: only the readings that change the reply there (words of self-harm, read by urgency;
 * an explicit request for a person; an upset message), the flow's switches otherwise (cached per flow policy).
 */
function nobodyFreePolicy(p: EscalationPolicy): EscalationPolicy {
  return withChecksOff(p, NOBODY_FREE_OFF);
}
const NOBODY_FREE_OFF = ['sensitiveTopics', 'lowConfidence', 'repeatedFallback', 'loop'] as const;

/**
 * Session 32 (issue 8): a message at a block's own question right after the takeover found nobody (noAgentFollowUp.ts:
 * the ticket's email and issue questions after "Our team is offline right now"). No decision of the policy hands over
 * there, so it no longer reads the message whole: an answer that fits (an email, the issue) is the block's, unread,
 * unless it holds words of self-harm; one that does not fit is read for self-harm, a request for a person and an upset
 * tone only (nobodyFreePolicy). The escalation memory does not advance: these messages answer the follow-up's
 * questions, they are no turns the bot failed. Before, every detector read them (on most messages of a customer
 * writing out of hours) for decisions that were then dropped, and their memory carried into the messages after.
 * Returns as ownQuestionText does: true when the reply was given here.
 */
function nobodyFreeText(run: Run, block: Block, w: Waiting, text: string, facts: TurnFacts, fits: boolean, whole: boolean, targetId: string): boolean {
  if (!whole) return false;
  // Session 48 (perf5): without the clear-shop-question flag (escalationDecision's `readShopQuestion`): only a router's
  // fallback reads it (runBlocks.routerFallback), and a router's fallback is applied only inside inputText, which sets
  // run.decision to its own reading first; this decision is never read for it. Not stored either (no lastEscalation here).
  const decision = escalationDecision(nobodyFreePolicy(run.flow.escalation), facts, run.s.escalation, run.flow.escalation, false);
  run.decision = decision;
  if (decision.action === 'none') return false;
  run.decision = notActedNobodyFree(decision);
  // Session 29 (hostile s28 H11): words of self-harm there (out of hours, at the ticket's email question) got "That
  // doesn't look like an email address": the crisis line first; an answer that does not fit is not taken as one.
  // Session 30 (newcomer s29 N4): also at a question any text answers (the ticket's issue) the block decides whether
  // words of self-harm are taken as the answer: taken, the ticket went on to its goodbye and closed the chat.
  const crisis = crisisNobodyFree(run, decision, block.id);
  if (crisis === 'crisis') {
    const answered = behaviourOf(block.kind).answerNobodyFree?.(run, block, w, 'crisis', text) === true;
    if (answered || !fits) return true;
  }
  // Session 44 (details2, retest s43 F2): an emergency said again there is no new issue (the block decides).
  if (crisis === 'emergency' && behaviourOf(block.kind).answerNobodyFree?.(run, block, w, 'emergency', text) === true) return true;
  // Session 16 (newcomer s15 N#14): "I still want a human please" at the ticket's email question got "That doesn't
  // look like an email address": a request that does not answer the question gets the block's own reply to it.
  // Session 34 (hostile s33 #1): out of hours, the takeover's still-closed line there (not "no one is free right now").
  if (!fits && decision.signals.some((x) => x.reason === 'explicit_request')) {
    const target = run.c.blocks.get(targetId);
    const closedLine = target === undefined ? null : (behaviourOf(target.kind).stillClosedLine?.(run, target) ?? null);
    return behaviourOf(block.kind).answerNobodyFree?.(run, block, w, undefined, text, closedLine) === true;
  }
  // Session 30 (newcomer s29 N5): "are you even listening? this is a joke" there (upset, nobody online) got "That
  // doesn't look like an email address": an upset message that is no attempt at an answer gets an acknowledgement and
  // the question again (the block decides what is an attempt: "kim at example" still gets its retry).
  if (!fits && decision.signals.some((x) => x.reason === 'negative_sentiment')) return behaviourOf(block.kind).answerNobodyFree?.(run, block, w, 'upset', text) === true;
  return false;
}

/** End of a step: the variable rules, if nothing in the step has checked them yet. */
function checkRuleSignals(run: Run): void {
  const handoff = ruleHandoff(run);
  if (handoff) goTo(run, handoff.targetId, { reason: handoff.reason, signals: handoff.signals });
}

function takeoverFromOffer(run: Run, w: Extract<Waiting, { kind: 'offer' }>): void {
  const targetId = escalationTarget(run);
  if (targetId === null) return backToBot(run, w);
  run.s.waiting = null;
  // Session 26 (lead): the step records the handoff the customer chose, so Debug and corpus tools see it (an offer made
  // outside the graduated ladder, for unanswered shop questions, decided "none" on its own message: shopQuestion.ts).
  const last = run.s.lastEscalation;
  if (last?.action === 'offer' && (run.decision === null || run.decision.action === 'none')) {
    // The turn of the answer (customerSaid has counted it), so the simulator shows the note under "Talk to a person".
    run.decision = { ...last, action: 'handoff', turn: Math.max(last.turn, run.s.turn - 1), explanation: `The customer accepted the offer of a person. ${last.explanation}` };
  }
  goTo(run, targetId, { reason: w.reason, signals: last?.signals ?? [] });
}

/** The question after a yes to the offer of a person (see questionBeforePerson): answered or passed on. */
function questionAfterYes(run: Run, blockId: string, text: string): void {
  const lead = splitLeadingAnswer(text);
  if (lead === null || /^(?:but|though|however|except)\b/i.test(lead.request)) return;
  sayBeforePerson(run, blockId, questionBeforePerson(run, lead.request));
}

/** The customer declined a person: back to the block, and the graduated ladder starts over. */
function backToBot(run: Run, w: Extract<Waiting, { kind: 'offer' }>): void {
  const block = run.c.blocks.get(w.blockId);
  run.s.waiting = { kind: 'input', blockId: w.blockId, retries: w.retries };
  run.s.escalation = { ...run.s.escalation, level: 0, fallbacksInRow: 0 };
  if (block) showPrompt(run, block);
}

/** An acknowledgement opening a reply to an offer, and what follows it (see yesOrNo). */
const OK_LEAD = /^(?:ok|okay|okey|k|kk|alright|all right)(?: (.+))?$/;

/**
 * Session 29 (hostile s28 H10 rest): read after NFKC and without invisible characters (unicodeText.ts), so full-width
 * "ＹＥＳ" and a "yes" after a zero-width space or a direction mark are yes, as "y\u200Bes" already was.
 */
const plainAnswer = (text: string) => withoutInvisible(text.normalize('NFKC')).trim().toLowerCase().replace(/[!.,]+/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Session 29 (hostile s28 H10 rest): whether the bot's last words at the offer (before the customer's answer now) were
 * OFFER_UNCLEAR: the previous answer said both yes and no too. Read from the state's transcript window.
 */
function unclearJustAsked(recent: readonly TranscriptEntry[], blockId: string): boolean {
  for (let i = recent.length - 1; i >= 0; i--) {
    const e = recent[i]!;
    if (e.from === 'customer') return false;
    if (e.from === 'bot' && e.text === OFFER_UNCLEAR && (e.blockId === undefined || e.blockId === blockId)) return true;
  }
  return false;
}

/** What the bot says before asking the offer again when an answer said both yes and no (hostile s26 H4). */
export const OFFER_UNCLEAR = 'Sorry, was that a yes or a no?';

/**
 * Session 27 (convo, hostile s26 H4): a thumbs up, an OK hand or a check mark alone (any skin tone, repeated) is yes in
 * chat; a thumbs down or a cross alone is no. Anything beside them ("👍 thanks") is read as words are.
 */
/** One yes mark (thumbs up, OK hand, check marks) or one no mark (thumbs down, crosses), any skin tone. */
const YES_MARK_SOURCE = '(?:\\u{1F44D}|\\u{1F44C}|\\u2705|\\u2714|\\u2611)[\\u{1F3FB}-\\u{1F3FF}]?\\uFE0F?';
const NO_MARK_SOURCE = '(?:\\u{1F44E}|\\u274C|\\u2716|\\u274E)[\\u{1F3FB}-\\u{1F3FF}]?\\uFE0F?';
const EMOJI_YES = new RegExp(`^(?:${YES_MARK_SOURCE}\\s*)+$`, 'u');
const EMOJI_NO = new RegExp(`^(?:${NO_MARK_SOURCE}\\s*)+$`, 'u');
/**
 * Session 29 (hostile s28 H10 rest): a yes or no mark among other characters. "👍👎" (up and down together) was taken
 * as the policy's anger and handed over; "✅ yes" was not understood. See marksAnswer.
 */
const YES_MARK = new RegExp(YES_MARK_SOURCE, 'gu');
const NO_MARK = new RegExp(NO_MARK_SOURCE, 'gu');

/**
 * The answer of a reply holding yes / no marks beside something else: marks of both kinds ("👍👎", "👍 👎") are
 * unclear; a mark beside words that answer the same way ("✅ yes", "yes 👍", "❌ no thanks") is that answer, and beside
 * words that answer the other way ("👍 no") unclear. Undefined when the marks decide nothing ("👍 thanks" is read as
 * words are, as before).
 */
function marksAnswer(t: string, policy: Flow['escalation']): boolean | 'unclear' | null | undefined {
  const yes = t.search(YES_MARK) >= 0;
  const no = t.search(NO_MARK) >= 0;
  if (!yes && !no) return undefined;
  if (yes && no) return 'unclear';
  const rest = t.replace(YES_MARK, ' ').replace(NO_MARK, ' ').replace(/\s+/g, ' ').trim();
  if (rest === '') return undefined;
  const words = yesOrNo(rest, policy);
  if (words === null) return undefined;
  return words === yes ? words : 'unclear';
}
/** Words that may sit beside a yes and a no in one contradictory answer ("yes no", "no wait yes", "yeah nah", "yes or no"). */
const BESIDE_YES_NO: ReadonlySet<string> = new Set([...OK_WORDS, 'wait', 'um', 'erm', 'hmm', 'uh', 'i', 'mean', 'actually', 'sorry', 'or', 'oh', 'well', 'and', 'but']);
const YES_SET: ReadonlySet<string> = new Set([...YES_WORDS, 'y']);
const NO_SET: ReadonlySet<string> = new Set([...NO_WORDS, 'n']);

/**
 * Whether an answer is only yes and no words, both ("yes no", "no yes", "yeah nah", "no wait yes", "yes or no?"): the
 * customer said both, so neither is taken (Buttons asks again after a choice taken back the same way). A no beside other
 * words keeps its meaning ("yes, no problem" is yes; "ok no" is no: no yes word).
 */
function saysYesAndNo(t: string): boolean {
  const words = t.split(' ').map((w) => w.replace(/[^\p{L}']/gu, '')).filter(Boolean);
  if (words.length < 2 || words.length > 8) return false;
  if (!words.every((w) => YES_SET.has(w) || NO_SET.has(w) || BESIDE_YES_NO.has(w))) return false;
  return words.some((w) => YES_SET.has(w)) && words.some((w) => NO_SET.has(w));
}

function yesOrNo(text: string, policy: Flow['escalation']): boolean | 'unclear' | null {
  const t = plainAnswer(text);
  // The designer's own button labels typed out ("Parler à quelqu'un") answer as the buttons do.
  if (t === plainAnswer(offerLabel(policy, 'person'))) return true;
  if (t === plainAnswer(offerLabel(policy, 'bot'))) return false;
  if (EMOJI_YES.test(t)) return true;
  if (EMOJI_NO.test(t)) return false;
  const marks = marksAnswer(t, policy);
  if (marks !== undefined) return marks;
  if (saysYesAndNo(t)) return 'unclear';
  // "k", "kk", "okie" alone are ok, and a bare ok is yes (below: "ok" followed by more words answers with those words).
  if (OK_WORDS.includes(t)) return true;
  // Session 26 (lead): an "ok" followed by more words answers with those words: "ok sure" is yes, "ok no thanks" no, and
  // "ok thanks", "ok tysm", "ok gonna order", "Okay salamat" neither: customers sign off or carry on that way after
  // unanswered shop questions (shopQuestion.ts), which must not hand them over. A bare "ok" is still yes.
  const ok = OK_LEAD.exec(t);
  // Session 30 (newcomer s29 N7): "okay then", "ok please" (only a filler after the ok) are the bare ok: yes.
  if (ok !== null && ok[1] !== undefined) return onlyOfferTail(ok[1]) ? true : offerAnswer(ok[1]);
  // The yes and no words are shared with the intent matcher and the fallback detector (nlu/bareReplies.ts).
  const answer = offerAnswer(t);
  // "no one is answering me", "no idea what you mean": a determiner, not the answer no (answeringNo.ts, session 13).
  if (answer === false && (t === 'no' || t.startsWith('no ')) && noOnlyAsDeterminer(text)) return null;
  return answer;
}

function onChoice(run: Run, buttonId: string): boolean {
  const s = run.s;
  const w = s.waiting;
  if (!w) return false;
  if (s.mode === 'closed') {
    if (w.kind !== 'restart' || buttonId !== RESTART_BUTTON_ID) return false;
    customerSaid(run, takeoverTexts.restartLabel, w.blockId);
    restartConversation(run);
    return true;
  }
  if (s.mode !== 'bot') return false;
  // Session 49 (conv10): a click on "Did you mean kim@gmail.com?"'s buttons answers it as the label says (emailTypo.ts).
  const typo = s.emailTypo;
  if (typo !== undefined && (buttonId === EMAIL_TYPO_YES || buttonId === EMAIL_TYPO_NO)) {
    const label = typoButtons(typo.typed, typo.suggested).find((b) => b.id === buttonId)!.label;
    return onText(run, label);
  }
  if (w.kind === 'offer') {
    if (buttonId === escalationTexts.personId) {
      customerSaid(run, offerLabel(run.flow.escalation, 'person'), w.blockId);
      takeoverFromOffer(run, w);
      return true;
    }
    if (buttonId === escalationTexts.botId) {
      customerSaid(run, offerLabel(run.flow.escalation, 'bot'), w.blockId);
      backToBot(run, w);
      return true;
    }
    return false;
  }
  if (w.kind !== 'input') return ownQuestionOfferChoice(run, w, buttonId);
  const block = run.c.blocks.get(w.blockId);
  if (!block) return false;
  const click = clickAt(run, block, buttonId);
  if (!click) return false;
  customerSaid(run, click.label, block.id, click.rating === true);
  // A click is a turn the bot understood: the fallback streak is over (detectors only run on text).
  if (s.escalation.fallbacksInRow !== 0) s.escalation = { ...s.escalation, fallbacksInRow: 0 };
  click.apply();
  return true;
}

/**
 * A click on the graduated offer shown at a block's own question (see `ownQuestionText`): "Talk to a person" hands
 * over; "Keep chatting with the bot" leaves the question open and the ladder starts over. Only while that offer is
 * the bot's last decision at this block.
 */
function ownQuestionOfferChoice(run: Run, w: Waiting, buttonId: string): boolean {
  const s = run.s;
  if (buttonId !== escalationTexts.personId && buttonId !== escalationTexts.botId) return false;
  const offer = s.lastEscalation;
  // The offer stands until the customer's next turn (typed or clicked): a later click is refused.
  if (offer?.action !== 'offer' || offer.turn !== s.turn - 1 || !('blockId' in w)) return false;
  const block = run.c.blocks.get(w.blockId);
  if (!block || !asksQuestionAt(block, w) || answerFitsAt(run, block, w, '') === null) return false;
  const person = buttonId === escalationTexts.personId;
  customerSaid(run, offerLabel(run.flow.escalation, person ? 'person' : 'bot'), w.blockId);
  const targetId = escalationTarget(run);
  if (person && targetId !== null) {
    s.waiting = null;
    goTo(run, targetId, { reason: offer.reason ?? 'explicit_request', signals: offer.signals });
    return true;
  }
  s.escalation = { ...s.escalation, level: 0, fallbacksInRow: 0 };
  return true;
}

/**
 * Session 34 (hostile s34): a reference the customer took back ("NW-104233 sorry I mean 104234", selfCorrection.ts) is
 * not remembered: the agent's summary said "Reference: NW-104233" while the bot had looked up NW-104234.
 * Session 36 (hostile s35 F10, high): nor an address the customer sets aside or changes ("get me a human, ana@x.com is
 * my old one", "my email was a@x.com but change it to b@y.com, get me a person"): the first address in a message was
 * the customer's email, the ticket and the handoff went to it. Of a message's addresses only the one the email
 * questions would take (emailAnswer) is kept; none when it names several and picks none.
 */
function notTakenBack(text: string, found: Entity[]): Entity[] {
  if (found.some((e) => e.type === 'email')) {
    const r = emailAnswer(text);
    found = found.filter((e) => e.type !== 'email' || (r.ok && r.value === e.value));
  }
  if (!found.some((e) => e.type === 'order_id' || e.type === 'policy_number')) return found;
  const part = analysedPart(text);
  const kept = withoutCorrected(part);
  if (kept === part) return found;
  return found.filter((e) => (e.type !== 'order_id' && e.type !== 'policy_number') || kept.includes(e.text));
}

