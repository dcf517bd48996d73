/**
 * Hostile s18 #23 (session 19): `baton chat` printed an agent's /say with the card number and password as typed, while
 * `baton serve` masks them. The agent's line now shows what production stores ("•••• 1111", "[hidden]").
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chatCommand } from '../../runtime/cli/chatCommand';
import { readFlowFile } from '../../runtime/cli/readFlowFile';

describe('baton chat masks an agent secret on screen (hostile s18 #23)', () => {
  it("the agent's line shows the card's last four and [hidden], never the number or the password", async () => {
    const loaded = await readFlowFile('flows/customer-support.json');
    if (loaded.status !== 'ok') throw new Error('flow does not load');
    let out = '';
    const lines = ['/takeover Ana', '/say your card 4111 1111 1111 1111 and your password is hunter2 are on file', '/say your order ships Friday'];
    await chatCommand('flows/customer-support.json', loaded.flow, { now: Date.parse('2026-11-24T10:00:00Z'), http: 'fail', color: false, input: Readable.from(lines.map((l) => `${l}\n`)), interactive: false, write: (t) => void (out += t) });
    const agentLines = out.split('\n').filter((l) => l.startsWith('Ana ›'));
    expect(agentLines).toHaveLength(2);
    expect(agentLines[0]).toMatch(/^Ana › your card \S*•+ ?1111 and your password is \[hidden\] are on file$/);
    expect(agentLines[1]).toBe('Ana › your order ships Friday');
  });
});
