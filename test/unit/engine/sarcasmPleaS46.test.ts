/**
 * Session 46 (lead, newcomer s46 N5): a panicking traveller ("my flight leaves in 15 minutes and I'm stuck in the security
 * queue, help!!") was described to the agent as "The customer sounded upset (sarcastic)": the summary called any upset
 * message whose words score positive sarcastic, and "help" scores positive. Now only a message that praises ("fantastic
 * service, really", "brilliant. just brilliant.": sarcasmSummaryS37 keeps those) is called sarcastic.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../shared/flow/schema';
import type { AgentPresence } from '../../../shared/handoff/types';
import { converse } from './harness';

const MON = Date.UTC(2026, 2, 9, 11, 30);
// Skyline's takeover assigns to the airport desk team (flows/travel-urgency.scenarios.json's agents).
const omar: AgentPresence = { id: 'omar', name: 'Omar', status: 'online', skills: [], languages: ['en'], teams: ['airport-desk'], activeChats: 0, lastAssignedAt: null };
const flow = (f: string): Flow => JSON.parse(readFileSync(`flows/${f}.json`, 'utf8')) as Flow;

function summaries(f: string, says: string[]): string[] {
  const c = converse(flow(f), { now: MON, agents: [omar] });
  for (const s of says) c.say(s);
  return c.effects('handoff_request').map((r) => r.context.summary as string);
}

describe('a plea is no sarcasm in the agent summary (newcomer s46 N5)', () => {
  it("Skyline: the newcomer's message is handed over, upset, not sarcastic", () => {
    const s = summaries('travel-urgency', ['K7XQ2P', "my flight leaves in 15 minutes and I'm stuck in the security queue, help!!"]);
    expect(s.length).toBeGreaterThan(0);
    expect(s.join(' ')).not.toContain('sarcastic');
  });
  // Held out (written after the change): pleas and thanks that score positive in an upset message.
  for (const t of ['please help me, my bag is stuck at the belt and my connection boards now!!', 'help help help, the gate closes in 10 minutes and the app froze!!!']) {
    it(`"${t}": not sarcastic`, () => {
      const s = summaries('travel-urgency', ['K7XQ2P', t]);
      expect(s.length).toBeGreaterThan(0);
      expect(s.join(' ')).not.toContain('sarcastic');
    });
  }
});
