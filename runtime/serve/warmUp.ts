/**
 * Warm-up of a thread that runs conversations (session 10, issue 8: the first messages after a start met a cold
 * thread). Before the runtime listens, each served flow runs a throwaway conversation through the engine (start,
 * then a few customer texts; no store, no effects: the steps are dropped), so V8 has parsed and compiled the
 * engine's, escalation's and the NLU's code, and the escalation classifier's weights are decoded (escalationModel:
 * ~8 MB of tables, decoded on first use), before the first customer's message instead of during it. Best effort: a
 * flow the warm-up cannot run is served as before.
 */
import { receive, start } from '../../shared/engine/engine';
import type { ConversationState } from '../../shared/engine/types';
import { escalationModel } from '../../shared/escalation/classifier/escalationClassifier';
import type { Flow } from '../../shared/flow/schema';

/** What the throwaway conversation says: a greeting, an order number, a complaint, an ask for a person. */
const WARM_TEXTS = ['hi', 'where is my order NW-104233?', 'it has not arrived and I am annoyed', 'can I talk to a person please', 'thanks'];

/**
 * Runs the throwaway conversation of each flow; returns the flows it could not run, with the error. `startOnly`: only
 * the conversation's start (a thread that creates conversations but never steps customer messages: the main thread
 * of a server with worker threads; it then does not decode the classifier either, ~8 MB it would never use).
 */
export function warmUp(flows: Flow[], now: number, startOnly = false): Array<{ flowId: string; err: unknown }> {
  const failed: Array<{ flowId: string; err: unknown }> = [];
  if (!startOnly) escalationModel();
  for (const flow of flows) {
    try {
      let step = start(flow, { now, conversationId: 'warm-up' });
      JSON.stringify(step);
      if (startOnly) continue;
      for (const text of WARM_TEXTS) {
        step = receive(flow, step.state as ConversationState, { type: 'text', text }, { now });
        JSON.stringify(step);
      }
    } catch (err) {
      failed.push({ flowId: flow.id, err });
    }
  }
  return failed;
}
