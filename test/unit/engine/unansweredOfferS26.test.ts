/**
 * Session 26 (lead; newcomer s26 F16): clear shop questions the flow cannot answer count nothing towards the
 * repeated-fallback limit, so a customer asking six of them in a row never reached a person while two lines of gibberish
 * did. Every `escalation.repeatedFallback.offerAfterUnanswered` such questions in a row (absent: 3; 0: never) the bot
 * now offers a person with the graduated offer's question and buttons (shared/engine/shopQuestion.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { OFFER_BOT_ID, OFFER_PERSON_ID } from '../../../shared/engine/escalationWording';

const raw = () => JSON.parse(readFileSync(new URL('../../../flows/customer-support.json', import.meta.url), 'utf8'));
const NOW = Date.parse('2026-03-02T10:00:00Z');
const QUESTIONS = ['do the led strips work with alexa?', 'is the sofa cover machine washable?', 'is the oak table real wood?', 'what sizes does the rug come in?', 'do you sell replacement bulbs for the desk lamp?', 'are the wool socks itchy?'];

function chat(repeatedFallback: Record<string, unknown> = {}) {
  const doc = raw();
  doc.escalation.repeatedFallback = { ...(doc.escalation.repeatedFallback ?? {}), ...repeatedFallback };
  const loaded = loadFlowText(JSON.stringify(doc));
  expect(loaded.flow, JSON.stringify(loaded)).toBeTruthy();
  const c = converse(loaded.flow!, { now: NOW });
  c.say('Something else');
  return c;
}
const offered = (c: ReturnType<typeof chat>) => c.state.waiting?.kind === 'offer';
/** The index (0-based) of each question after which the bot offered a person. */
function offersAt(c: ReturnType<typeof chat>, n = QUESTIONS.length): number[] {
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    if (offered(c)) {
      c.click(OFFER_BOT_ID); // "Keep chatting with the bot"
      expect(c.state.waiting?.kind).toBe('input');
    }
    c.say(QUESTIONS[i]);
    if (offered(c)) at.push(i);
  }
  return at;
}

describe('unanswered clear shop questions: the bot offers a person', () => {
  it('at the third in a row (the default), with the offer question and its two buttons; the decision stays "none"', () => {
    const c = chat();
    c.say(QUESTIONS[0]);
    c.say(QUESTIONS[1]);
    expect(offered(c)).toBe(false);
    c.say(QUESTIONS[2]);
    expect(offered(c)).toBe(true);
    expect(c.lastStep.decision?.action).toBe('none');
    expect(c.lastStep.decision?.explanation).toMatch(/Offered a person: 3 clear questions about the shop/);
    expect(c.botTexts().at(-1)).toMatch(/person/i);
    expect(c.state.handoff).toBeNull();
  });
  it('"Talk to a person" hands over as repeated_fallback, and the step says the customer chose it', () => {
    const c = chat();
    for (const q of QUESTIONS.slice(0, 3)) c.say(q);
    const offerTurn = c.lastStep.decision!.turn;
    expect(c.lastButtons().map((b) => b.id)).toEqual([OFFER_PERSON_ID, OFFER_BOT_ID]);
    c.click(OFFER_PERSON_ID);
    expect(c.state.mode === 'bot' && c.state.waiting?.kind === 'input' && c.state.waiting.blockId === 'main_menu').toBe(false);
    expect(c.lastStep.decision?.action).toBe('handoff');
    expect(c.lastStep.decision?.reason).toBe('repeated_fallback');
    expect(c.lastStep.decision?.explanation).toMatch(/accepted the offer of a person/);
    // Recorded at the answer's turn (the simulator shows the note under "Talk to a person", not under the question).
    expect(c.lastStep.decision?.turn).toBe(offerTurn + 1);
  });
  it('a typed "yes please" accepts it too', () => {
    const c = chat();
    for (const q of QUESTIONS.slice(0, 3)) c.say(q);
    c.say('yes please');
    expect(c.lastStep.decision?.action).toBe('handoff');
  });
  it('"Keep chatting with the bot": back to the question, and the count starts over (offered again three later)', () => {
    expect(offersAt(chat())).toEqual([2, 5]);
  });
  it('"ok thanks", "ok tysm", "ok gonna order" sign off or carry on: no handover; "yes thanks", "ok", "ok sure" accept', () => {
    for (const bye of ['ok thanks', 'ok great cheers', 'ok tysm', 'Okay, thank you very much!', 'ok gonna order', 'Okay salamat']) {
      const c = chat();
      for (const q of QUESTIONS.slice(0, 3)) c.say(q);
      c.say(bye);
      expect(c.state.handoff, bye).toBeNull();
      expect(c.lastStep.decision?.action ?? 'none', bye).toBe('none');
    }
    for (const yes of ['yes thanks', 'ok', 'ok sure', 'OK, please']) {
      const c = chat();
      for (const q of QUESTIONS.slice(0, 3)) c.say(q);
      c.say(yes);
      expect(c.lastStep.decision?.action, yes).toBe('handoff');
    }
  });
  it('another question typed at the offer is read as the next message (no handover)', () => {
    const c = chat();
    for (const q of QUESTIONS.slice(0, 3)) c.say(q);
    c.say('where is my order NW-230918');
    expect(offered(c)).toBe(false);
    expect(c.lastStep.decision?.action ?? 'none').toBe('none');
  });
  it('a designer sets how many (2), or 0 for never', () => {
    expect(offersAt(chat({ offerAfterUnanswered: 2 }))).toEqual([1, 3, 5]);
    expect(offersAt(chat({ offerAfterUnanswered: 0 }))).toEqual([]);
  });
  it('not when repeated fallback is off, and gibberish still hands over at the second as before', () => {
    expect(offersAt(chat({ enabled: false }))).toEqual([]);
    const c = chat();
    c.say('asdfgh');
    c.say('blorp zzz');
    expect(c.lastStep.decision?.action).toBe('handoff');
    expect(c.lastStep.decision?.reason).toBe('repeated_fallback');
  });
});
