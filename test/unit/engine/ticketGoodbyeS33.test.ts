/**
 * Session 33 (newcomer s32 #3): at the ticket's "What email address should we reply to?" (Northwind out of hours),
 * "bye" was read as a name ("Thanks, bye. What email address should we reply to?"), "thanks" / "ok" / "that's all"
 * got "That doesn't look like an email address", and "no" / "I'd rather not" too. Now a goodbye leaves without a
 * ticket and says that nothing reached the team; thanks or an "ok" asks again (inviting a refusal); a bare refusal opens
 * the ticket without an email.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { declinesEmail } from '../../../shared/engine/questionValidators';

const SATURDAY_AFTERNOON = Date.parse('2026-03-07T13:30:00Z'); // Northwind's team: Sat 9am-1pm UK time
const load = () => loadFlowText(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8')).flow!;

function atEmailQuestion(...answers: string[]) {
  const c = converse(load(), { now: SATURDAY_AFTERNOON });
  c.say('I want a person');
  expect(c.botTexts().at(-1)).toBe('What email address should we reply to?');
  const n = c.botTexts().length;
  for (const a of answers) c.say(a);
  return { c, said: c.botTexts().slice(n) };
}

describe("a goodbye, thanks or a refusal at the ticket's email question", () => {
  it.each(['bye', 'thanks, bye', 'goodbye', 'ok bye then', "that's all", 'have a nice day'])('%j leaves: no ticket, told so', (text) => {
    const { c, said } = atEmailQuestion(text);
    expect(said[0]).toMatch(/nothing was sent to the team/);
    expect(said.join(' ')).not.toMatch(/Thanks, (?:bye|goodbye)|doesn't look like an email/);
    expect(c.variables().customerName).toBeUndefined();
    expect(c.variables().ticketId).toBeUndefined();
    expect(c.lastStep.effects.some((e) => e.type === 'create_ticket')).toBe(false);
  });

  it.each(['thanks', 'ok', 'ok thanks', 'cheers', 'great, thank you'])('%j asks again, not as a wrong address', (text) => {
    const { c, said } = atEmailQuestion(text);
    expect(said).toEqual(["What email address should we reply to? If you'd rather not leave one, just say so."]);
    // Not a try: an address given next is taken.
    c.say('kim@example.com');
    expect(c.variables().customerEmail).toBe('kim@example.com');
  });

  it.each(['no', 'no thanks', "I'd rather not", 'rather not', 'nope'])('%j opens the ticket without an email', (text) => {
    const { c, said } = atEmailQuestion('ok', text);
    expect(said.at(-1)).toBe('What should our team help you with?');
    c.say('my parcel never came');
    expect(c.variables().customerEmail).toBeUndefined();
    expect(c.botTexts().join(' ')).toMatch(/We don't have an email address for you/);
  });

  it('declinesEmail still needs more than a verb alone', () => {
    expect(declinesEmail("I don't")).toBe(false);
    expect(declinesEmail('never')).toBe(false);
    expect(declinesEmail('no way')).toBe(true);
  });
});
