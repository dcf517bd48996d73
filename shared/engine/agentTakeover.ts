/**
 * An agent takes over a live bot conversation that never asked for a person (issue 10, "take over").
 *
 * `agent_takeover` is accepted only in `bot` mode while the bot waits for the customer (a question, buttons,
 * a router, CSAT, the offer of a person, a Human Takeover or Ticket block's own questions). It creates a
 * handoff (id from the conversation id, reason 'flow' with a note saying it was a takeover), assigns it to
 * the agent at once and switches to `agent` mode: the bot is silent and customer text is relayed to the
 * agent. The waiting `{ kind: 'handoff', takeoverFrom }` remembers how the bot was waiting. When the agent
 * hands back, the block the bot was waiting at asks again (there is no Human Takeover `resolved` exit to
 * follow); when the agent closes, the conversation closes. When the agent declines, transfers or goes offline
 * (`agent_declined`), the chat joins the queue like any handoff (any agent may accept it, `queue_timeout` after
 * TAKEOVER_QUEUE_MINUTES); if nobody takes it (`no_agent`, the timeout) the bot resumes as on a handback.
 */
import type { Block } from '../flow/schema';
import type { Input, Waiting } from './types';
import { canTransition, createHandoff, requeueOf, transitionHandoff } from '../handoff/lifecycle';
import { initialEscalationMemory } from '../escalation/evaluateEscalation';
import { buildHandoffContext, summarizeConversation } from './handoffContext';
import { addTimer, bot, cancelTimers, nextId, say, system, setVar, type Run } from './run';
import { declinedText, takeoverTexts } from './humanTakeover';
import { classifyInput, goTo, showPrompt } from './runBlocks';
import { normalizeText } from '../nlu/normalizeText';
import { isBareReply } from '../nlu/bareReplies';
import { behaviourOf, canWaitAt } from './blockBehaviours';
import type { ConversationState } from './types';

export type TakeoverInput = Extract<Input, { type: 'agent_takeover' }>;
type HandoffWaiting = Extract<Waiting, { kind: 'handoff' }>;
/** How the bot was waiting when an agent took over (what the handback resumes). */
export type TakeoverFrom = NonNullable<HandoffWaiting['takeoverFrom']>;

/** Queue timeout for a taken-over chat an agent put back in the queue (a Human Takeover block's default). */
export const TAKEOVER_QUEUE_MINUTES = 10;

export const agentTakeoverTexts = {
  joined: (name: string) => `${name} from the team joined the conversation.`,
  /** Session 41 (newcomer s40 N3): a colleague transferred the chat to her; she has not opened it yet. */
  soon: (name: string) => `${name} from the team will be with you shortly.`,
  left: takeoverTexts.handedBack,
  ended: 'This conversation has ended.',
  note: (name: string) => `${name} took over a live bot conversation`,
  suggestion: 'You took this conversation over from the bot: read the last messages, then greet the customer. Hand it back to the bot to continue the flow where it was.',
};

/** True when the conversation's current handoff is an agent takeover (not a Human Takeover block's). */
export function isTakenOver(s: ConversationState): boolean {
  return s.waiting?.kind === 'handoff' && s.waiting.takeoverFrom !== undefined;
}

/** Why `agent_takeover` cannot apply now, or null. Checked before anything changes. */
export function takeoverRefusal(s: ConversationState, input: TakeoverInput): string | null {
  if (typeof input.agentId !== 'string' || input.agentId === '' || typeof input.agentName !== 'string' || input.agentName.trim() === '') {
    return 'agent_takeover needs an agentId and an agentName.';
  }
  if (s.mode === 'closed') return 'the conversation is closed: there is nothing to take over.';
  if (s.mode === 'agent') return `${s.handoff?.agentName ?? s.handoff?.agentId ?? 'an agent'} already has this conversation.`;
  if (s.mode === 'waiting') return `the customer is already waiting for a person (handoff ${s.handoff?.id}): accept that handoff instead.`;
  const w = s.waiting;
  if (w === null) return 'the bot is not waiting for the customer (the flow has ended): there is nothing to take over.';
  if (w.kind === 'http') return `the bot is waiting for an HTTP call (block ${w.blockId}); try again in a few seconds.`;
  if (w.kind !== 'input' && w.kind !== 'offer' && w.kind !== 'takeover_question' && w.kind !== 'ticket_question') {
    return `the conversation cannot be taken over while it waits as "${w.kind}".`;
  }
  return null;
}

/** Applies `agent_takeover` (already checked by `takeoverRefusal`). */
export function takeOver(run: Run, input: TakeoverInput): boolean {
  const s = run.s;
  const w = s.waiting;
  if (s.mode !== 'bot' || w === null || (w.kind !== 'input' && w.kind !== 'offer' && w.kind !== 'takeover_question' && w.kind !== 'ticket_question')) return false;
  const actor = `agent:${input.agentId}`;
  const name = input.agentName.trim();
  // Timers of the bot's wait (none today for these waits) would fire into agent mode: cancel them.
  cancelTimers(run);
  const created = createHandoff({
    id: nextId(run, 'h'),
    conversationId: s.id,
    blockId: w.blockId,
    assignation: 'simple',
    reason: 'flow',
    priority: 'normal',
    now: run.now,
    timeoutMinutes: 0,
    actor,
  });
  created.transitions = [{ ...created.transitions[0], note: agentTakeoverTexts.note(name) }];
  const base = buildHandoffContext(s, 'flow', []);
  const context = {
    ...base,
    summary: `${name} took this conversation over from the bot. ${summarizeConversation(s, null)}`,
    suggestedResolution: agentTakeoverTexts.suggestion,
  };
  // The same effects as a Human Takeover block followed by an accept, so the runtime records it the same way.
  run.effects.push({
    type: 'handoff_request',
    handoff: created,
    context,
    assignation: 'simple',
    priority: 'normal',
    skill: '',
    language: '',
    teams: [],
    // Empty: if the agent later puts the chat back in the queue (decline, transfer), any agent may take it.
    agents: [],
    autoAssign: null,
  });
  const assigned = transitionHandoff(created, { type: 'assign', agentId: input.agentId, agentName: name }, run.now, actor);
  run.effects.push({ type: 'handoff_update', handoff: assigned });
  s.handoff = assigned;
  s.mode = 'agent';
  s.waiting = { kind: 'handoff', blockId: w.blockId, takeoverFrom: w.kind };
  setVar(run, 'agentName', name);
  system(run, agentTakeoverTexts.joined(name), w.blockId);
  return true;
}

type EventInput = Exclude<Input, { type: 'text' } | { type: 'choice' } | { type: 'http_result' } | { type: 'agent_takeover' }>;

/** An agent/runtime event about a taken-over conversation's handoff. False when it does not apply. */
export function takenOverEvent(run: Run, input: EventInput): boolean {
  const s = run.s;
  const h = s.handoff;
  const w = s.waiting;
  if (!h || w?.kind !== 'handoff' || w.takeoverFrom === undefined || (s.mode !== 'agent' && s.mode !== 'waiting')) return false;
  const from = w.takeoverFrom;
  const holds = (agentId: string) => s.mode === 'agent' && h.status === 'assigned' && h.agentId === agentId;
  const update = (action: Parameters<typeof transitionHandoff>[1], actor: string) => {
    s.handoff = transitionHandoff(h, action, run.now, actor);
    run.effects.push({ type: 'handoff_update', handoff: s.handoff });
  };
  /** Session 41 (newcomer s40 N3): the agent a transfer gave the chat to opened it (or writes): the joined line, once. */
  const joinTakenOver = (agentId: string): boolean => {
    const cur = s.handoff;
    if (!holds(agentId) || !cur || cur.joined !== false) return false;
    const { opened: _opened, ...rest } = cur;
    s.handoff = { ...rest, joined: true };
    run.effects.push({ type: 'handoff_update', handoff: s.handoff });
    system(run, agentTakeoverTexts.joined(cur.agentName ?? agentId), w.blockId);
    return true;
  };
  /** Nobody took the queued chat: the bot carries on where it was. */
  const botResumes = () => {
    cancelTimers(run);
    s.mode = 'bot';
    s.escalation = initialEscalationMemory();
    bot(run, takeoverTexts.noAgent, w.blockId);
    resume(run, w.blockId, from);
  };
  switch (input.type) {
    case 'agent_accepted': {
      // Back in the queue after a decline or transfer: another agent accepts it.
      if (s.mode !== 'waiting' || h.status !== 'pending') return false;
      const name = input.agentName.trim() || input.agentId;
      update({ type: 'assign', agentId: input.agentId, agentName: name }, `agent:${input.agentId}`);
      cancelTimers(run);
      s.mode = 'agent';
      setVar(run, 'agentName', name);
      // Session 41 (newcomer s40 N3): given to her by a colleague's transfer (`auto`), she has not opened it yet: the
      // customer hears she joined only when she does (agent_joined, or her first message).
      if (input.auto === true) {
        s.handoff = { ...s.handoff!, joined: false };
        run.effects.push({ type: 'handoff_update', handoff: s.handoff });
        system(run, agentTakeoverTexts.soon(name), w.blockId);
      } else system(run, agentTakeoverTexts.joined(name), w.blockId);
      return true;
    }
    case 'agent_joined':
      // A taken-over chat is never given out automatically (its request has no autoAssign): she joined when she took it,
      // unless a colleague transferred it to her (session 41, `auto` above): then she joins when she opens it.
      return joinTakenOver(input.agentId);
    case 'agent_opened': {
      // Session 46 (ui10, newcomer s45 N4): opened, nothing said; her first message says she joined.
      const cur = s.handoff;
      if (!holds(input.agentId) || !cur || cur.joined !== false || cur.opened === true) return false;
      s.handoff = { ...cur, opened: true };
      run.effects.push({ type: 'handoff_update', handoff: s.handoff });
      return true;
    }
    case 'agent_message':
      if (!holds(input.agentId)) return false;
      joinTakenOver(input.agentId);
      say(run, { from: 'agent', text: input.text, name: input.agentName ?? h.agentName ?? 'Agent' });
      return true;
    case 'agent_declined': {
      // Declined, transferred, or the agent went offline: the chat waits in the queue for any agent.
      if (!holds(input.agentId)) return false;
      update(requeueOf(input), `agent:${input.agentId}`);
      if (input.nobodyElse === true && input.transfer === undefined) {
        // Session 41 (newcomer s40 N2): nobody else signed in may take it: told so, and the bot carries on where it was.
        s.handoff = transitionHandoff(s.handoff!, { type: 'reject', note: 'nobody else could take it' }, run.now, 'system');
        run.effects.push({ type: 'handoff_update', handoff: s.handoff });
        cancelTimers(run);
        s.mode = 'bot';
        s.escalation = initialEscalationMemory();
        bot(run, takeoverTexts.agentGoneNobodyElse(h.agentName ?? 'Your agent'), w.blockId);
        resume(run, w.blockId, from);
        return true;
      }
      const deadline = run.now + TAKEOVER_QUEUE_MINUTES * 60_000;
      s.handoff = { ...s.handoff!, deadline };
      s.mode = 'waiting';
      bot(run, declinedText(input.transfer, input.cause), w.blockId);
      addTimer(run, 'queue_timeout', deadline);
      return true;
    }
    case 'agent_handback':
      if (!holds(input.agentId)) return false;
      update({ type: 'resolve', note: input.note ?? (input.closes ? 'Closed by the agent' : 'Handed back to the bot'), ended: input.closes ? 'closed' : 'handback' }, `agent:${input.agentId}`);
      system(run, agentTakeoverTexts.left(h.agentName ?? 'The agent'), w.blockId);
      s.mode = 'bot';
      s.escalation = initialEscalationMemory();
      resume(run, w.blockId, from);
      return true;
    case 'agent_closed':
      if (!holds(input.agentId)) return false;
      update({ type: 'resolve', note: input.note ?? 'Closed by the agent', ended: 'closed' }, `agent:${input.agentId}`);
      s.mode = 'closed';
      s.waiting = null;
      bot(run, agentTakeoverTexts.ended, w.blockId);
      run.effects.push({ type: 'end', reason: 'agent_closed' });
      return true;
    case 'no_agent':
      if (s.mode !== 'waiting' || h.status !== 'pending') return false;
      update({ type: 'reject', note: input.note }, 'system');
      botResumes();
      return true;
    case 'timer': {
      const timer = s.timers.find((x) => x.id === input.timerId);
      if (!timer || timer.purpose !== 'queue_timeout' || h.status !== 'pending') return false;
      update({ type: 'expire' }, 'system');
      botResumes();
      return true;
    }
    case 'customer_left':
      if (!canTransition(h.status, 'cancel')) return false;
      update({ type: 'cancel', note: 'The customer left' }, 'customer');
      cancelTimers(run);
      system(run, takeoverTexts.customerLeft, w.blockId);
      s.mode = 'closed';
      s.waiting = null;
      run.effects.push({ type: 'end', reason: 'customer_left' });
      return true;
  }
}

/** The bot picks up again at the block it was waiting at, asking its question again. */
function resume(run: Run, blockId: string, from: TakeoverFrom): void {
  const s = run.s;
  const block: Block | undefined = run.c.blocks.get(blockId);
  s.waiting = null;
  if (!block) {
    // A redeploy removed the block while the agent held the chat: start again from the beginning.
    bot(run, 'This conversation was updated, so we are starting again from the beginning.');
    if (run.c.startId !== null) goTo(run, run.c.startId);
    return;
  }
  if ((from === 'input' || from === 'offer') && canWaitAt(block, 'input') && !behaviourOf(block.kind).answered?.(run, block)) {
    // The same question again (an offer of a person is moot now: back to the block's own question).
    const w = { kind: 'input', blockId, retries: 0 } as const;
    s.waiting = w;
    // Session 20 (newcomer s19 F18): the customer already answered it to the agent ("Anything else?" -> "No, that's all,
    // thank you", then the agent handed back): that answer is taken, not the question asked again. Only the customer's
    // last words with nothing from the agent after them (words the agent answered were for the agent), and only an
    // answer the block understands. A short or bare reply ("ok", "yes", "ok thanks", "no thanks") is what one says to
    // the agent: taken at a confirmation it would act on words not meant for it ("ok" is a yes to "shall I cancel?"),
    // so the question is asked again as before. Only a block answered by choosing (one that takes clicks: its answer
    // must name one of its choices), where a free-text question would store anything said to the agent ("are you still
    // there?" as the order number).
    const said = behaviourOf(block.kind).click !== undefined ? lastWordsUnanswered(s) : null;
    const saidWords = said === null ? [] : normalizeText(said).split(' ').filter(Boolean);
    if (saidWords.length >= 3 && !isBareReply(saidWords)) {
      const read = classifyInput(run, block, w, said ?? '', null, null);
      if (!read.fallback) {
        read.apply();
        return;
      }
    }
    showPrompt(run, block);
    return;
  }
  // A Human Takeover or Ticket block was asking its own questions: enter it again, it asks what it still needs.
  goTo(run, blockId);
}

/** The customer's last message when nothing but system lines came after it (no agent or bot reply); null otherwise. */
function lastWordsUnanswered(s: ConversationState): string | null {
  for (let i = s.recentTranscript.length - 1; i >= 0; i--) {
    const e = s.recentTranscript[i];
    if (e.from === 'system') continue;
    return e.from === 'customer' && e.rating !== true ? e.text : null;
  }
  return null;
}
