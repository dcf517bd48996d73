/**
 * The message-level family tests (escmsgFamilies, escnegS13, escmsgS14) play wordings through flows/customer-support.json
 * the way escalationReport does: `reasonOf` plays "Something else" then the turns and gives the escalation's reason;
 * `decide` evaluates one message on the flow's policy with an empty memory.
 */
import { loadSupportFlow, REPORT_NOW } from '../../../bench/escalationReport';
import { playConversation } from '../../../../shared/simulator/playConversation';
import { analyzeText } from '../../../../shared/nlu/analyzeText';
import { escalationPolicySchema } from '../../../../shared/flow/schema';
import { evaluateEscalation, initialEscalationMemory } from '../../../../shared/escalation/evaluateEscalation';

export const flow = loadSupportFlow();
export const now = Date.parse(REPORT_NOW);
export const reasonOf = (...turns: string[]) => playConversation(flow, 't', ['Something else', ...turns], now).escalation?.reason ?? null;
export const decide = (text: string) => {
  const f = { text, analysis: analyzeText(text), turn: 1, now, timezone: 'Europe/London', variables: {}, intent: null, fallback: false };
  return evaluateEscalation(escalationPolicySchema.parse(flow.escalation), f, initialEscalationMemory()).decision;
};
