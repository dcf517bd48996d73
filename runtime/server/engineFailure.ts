/**
 * What the customer gets when the engine throws on their message (a bug, a flow the engine cannot run): not a 500
 * `internal` with their message lost, but an ordinary answer. The step committed in place of the engine's keeps the
 * conversation's state as it was (the next message tries again), stores the customer's message in the transcript
 * (agents and exports see it) and adds a system line saying something went wrong, that the message is saved, and,
 * when the flow can hand over to a person and the bot is answering, how to reach one. The caller logs the error with
 * the conversation id (ConversationService.stepAndCommit).
 */
import { blockDefinitions, isBlockKind } from '../../shared/flow/blockRegistry';
import type { Flow } from '../../shared/flow/schema';
import type { Input, TranscriptEntry } from '../../shared/engine/types';
import { maskCustomerSecrets } from '../../shared/engine/customerSecrets';
import type { EngineStep } from '../effects/planStep';

/** Customer inputs: the only ones answered this way (agent events, timers and HTTP results keep their errors). */
export function isCustomerInput(input: Input): input is Extract<Input, { type: 'text' } | { type: 'choice' }> {
  return input.type === 'text' || input.type === 'choice';
}

/** True when the flow has a block that hands over to a person (a Human Takeover). */
export function canHandOver(flow: Pick<Flow, 'blocks'>): boolean {
  return flow.blocks.some((b) => isBlockKind(b.kind) && blockDefinitions[b.kind].isHandoffTarget === true);
}

export function engineFailureText(mode: string, handOver: boolean): string {
  if (mode === 'waiting' || mode === 'agent') {
    return 'Sorry, something went wrong on our side with your last message. It is saved, and the team can see it.';
  }
  return handOver
    ? 'Sorry, something went wrong on our side and I could not answer that. Your message is saved: please try again in a moment, or write "talk to a person" to reach our team.'
    : 'Sorry, something went wrong on our side and I could not answer that. Your message is saved: please try again in a moment.';
}

/** The step committed instead of the engine's: state unchanged, the customer's message and the apology appended. */
export function engineFailureStep(flow: Pick<Flow, 'blocks'>, state: unknown, input: Input, now: number): EngineStep {
  const s = (state ?? {}) as { mode?: string; transcript?: TranscriptEntry[] };
  let said: string;
  if (input.type === 'text') said = maskCustomerSecrets(input.text).text; // never stored as typed (hostile s15 H#3)
  else if (input.type === 'choice') {
    // The button's label, as the engine writes a click into the transcript; its id when no recent message has it.
    const offered = [...(s.transcript ?? [])].reverse().find((e) => e.buttons?.some((b) => b.id === input.buttonId));
    said = offered?.buttons?.find((b) => b.id === input.buttonId)?.label ?? input.buttonId;
  } else said = '';
  const transcript: TranscriptEntry[] = [
    ...(said !== '' ? [{ from: 'customer' as const, text: said, at: now }] : []),
    { from: 'system', text: engineFailureText(s.mode ?? 'bot', canHandOver(flow)), at: now },
  ];
  return { state, messages: [], effects: [], decision: null, visited: [], transcript, rejected: null } as unknown as EngineStep;
}
