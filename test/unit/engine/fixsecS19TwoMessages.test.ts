/**
 * Hostile s18 #25 (session 19): a card or password sent over two messages was stored whole ("my card is 4111 1111" then
 * "1111 1111"; "password:" then "Tulip-2291"). The engine now reads a customer message after what the previous one
 * announced (customerSecrets.maskCustomerText's `previous`) and masks the follow-up. Through the engine (createSimulation),
 * and a seeded property test that ordinary follow-ups stay as typed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../shared/simulator/createSimulation';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { maskCustomerText } from '../../../shared/engine/customerSecrets';

const flow = loadFlowText(readFileSync('flows/customer-support.json', 'utf8')).flow!;
const NOW = Date.parse('2026-11-24T10:00:00Z');

function chat(...lines: string[]) {
  const sim = createSimulation(flow, { now: NOW });
  for (const l of lines) sim.send({ type: 'text', text: l });
  return { sim, said: sim.transcript.filter((e) => e.from === 'customer').map((e) => e.text), all: JSON.stringify(sim.transcript) + JSON.stringify(sim.state) };
}

describe('hostile s18 #25: a secret over two messages', () => {
  it('a card typed in two halves: the second half is masked and the bot says it hid it', () => {
    const { said, all, sim } = chat('my card is 4111 1111', '1111 1111');
    expect(said).toEqual(['my card is 4111 1111', '•••• 1111']);
    expect(all).not.toContain('1111 1111 1111 1111');
    expect(sim.transcript.some((e) => e.from === 'bot' && /hidden the card number or password/.test(e.text))).toBe(true);
  });

  it('"password:" then the password, "my PIN is" then the digits, Polish "hasło to" then the password', () => {
    expect(chat('password:', 'Tulip-2291').said).toEqual(['password:', '[hidden]']);
    expect(chat('my password is', 'Tulip-2291!').said).toEqual(['my password is', '[hidden]']);
    expect(chat('my PIN is', '4829').said).toEqual(['my PIN is', '[hidden]']);
    expect(chat('hasło to', 'Kwiatek-99').said).toEqual(['hasło to', '[hidden]']);
  });

  it('a question or an ordinary message after "password:" stays; digits after a message with no card word stay', () => {
    expect(chat('password:', 'why do you need it?').said).toEqual(['password:', 'why do you need it?']);
    expect(chat('my password is', 'not working').said).toEqual(['my password is', 'not working']);
    expect(chat('my order is 4501 2345', '5301 9876').said).toEqual(['my order is 4501 2345', '5301 9876']);
  });

  it('seeded property: 1,000 ordinary follow-ups after ordinary messages are kept as typed', () => {
    let a = 7;
    const r = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296);
    const firsts = ['my order is NW-{n}', 'hi', 'the total was {n} pounds', 'I ordered on {d}', 'order {n4} {n4}', 'where is my parcel'];
    const follows = ['{n4} {n4}', 'thanks', 'it was {n}', '{n4} {n4} please', 'can you check', 'ok {n4}'];
    const fill = (t: string) =>
      t.replace(/\{n4\}/g, () => String(1000 + Math.floor(r() * 9000))).replace('{n}', () => String(Math.floor(r() * 1e6))).replace('{d}', () => `${1 + Math.floor(r() * 28)}/11`);
    for (let k = 0; k < 1000; k++) {
      const prev = fill(firsts[Math.floor(r() * firsts.length)]);
      const text = fill(follows[Math.floor(r() * follows.length)]);
      expect(maskCustomerText(text, 4000, prev), `${prev} / ${text}`).toEqual({ text, hidden: [], cut: false });
    }
  });
});
