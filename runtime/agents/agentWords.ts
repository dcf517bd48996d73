/**
 * What an agent writes, made safe to store (runtime/agents/agentHub.ts and the integrations' route in
 * runtime/server/buildServer.ts use it; nothing else imported here, so the server can import it without the hub).
 */
import { maskAgentWords } from '../../shared/engine/customerSecrets';
import { cleanTypedText } from '../../shared/simulator/utf8';

/**
 * An agent's text with card numbers, passwords and PINs masked by the customer's rule (shared/engine/customerSecrets.ts,
 * maskAgentWords, the one function the engine uses too for `baton chat` and the studio's simulator: "[hidden]");
 * `hidden` names the kinds found (empty: the text is unchanged). Hostile s16 H#2: an agent's "card 5555 5555 5555 4444
 * on file; your new password is Zebra!Zebra99" was stored, exported and searchable.
 */
export function maskAgentText(text: string, hidden?: string[]): { text: string; hidden: string[] } {
  // NUL, other control characters and lone surrogates are no text to store (hostile s16 H#16; decided with fixanswers:
  // cleaned, never refused, shared/simulator/utf8.ts cleanTypedText).
  const m = maskAgentWords({ text: cleanTypedText(text) });
  const kinds = [...m.hidden];
  if (hidden) for (const k of kinds) if (!hidden.includes(k)) hidden.push(k);
  return { text: m.input.text, hidden: kinds };
}

/**
 * An agent event's words (text, note, agentName) cleaned and masked by maskAgentWords; other fields as they are. Every
 * way an agent event reaches a conversation goes through it: the hub (AgentHub.apply) and the integrations' route
 * (POST /api/v1/admin/handoffs/:handoffId/events, hostile s17 H#5: it wrote the card number and password verbatim).
 * Session 19 (newcomer s17 #7): an agent message carries the kinds hidden in it (`secretsHidden`), which the engine
 * keeps on its transcript entry, so the inbox can say so after a reload.
 */
export function agentWordsMasked<T extends object>(input: T, hidden?: string[]): T {
  const words = input as { type?: unknown; text?: unknown; note?: unknown; agentName?: unknown };
  const cleaned: Record<string, string> = {};
  for (const k of ['text', 'note', 'agentName'] as const) {
    const v = words[k];
    if (typeof v === 'string') cleaned[k] = cleanTypedText(v);
  }
  const m = maskAgentWords({ ...input, ...cleaned });
  if (hidden) for (const k of m.hidden) if (!hidden.includes(k)) hidden.push(k);
  return words.type === 'agent_message' && m.hidden.length > 0 ? { ...m.input, secretsHidden: m.hidden } : m.input;
}
