/**
 * Session 20 (fixengine, brief item 5; newcomer s19 F18): after an agent's live takeover, "Hand back to bot" asked the
 * question the customer had already answered to the agent ("Anything else?" -> to the agent: "No, thats all, thank you"
 * -> handback -> "Anything else I can help with?" again). The customer's last words, when nothing but system lines came
 * after them, are read as the answer to the question the bot resumes at. Negatives: words the agent replied to are not
 * reused, and words the question does not understand leave it asked again.
 */
import { describe, expect, it } from 'vitest';
import { first } from '../nlu/supportRouter';

const takenOver = () => {
  const c = first('how much is express delivery?');
  expect(c.lastBotText()).toBe('Anything else I can help with?');
  c.send({ type: 'agent_takeover', agentId: 'a1', agentName: 'Ann', eventId: 'tk1' });
  c.agent.say('Express is next working day, £5.95.');
  return c;
};

describe('hand back after the customer answered the agent', () => {
  it('"No, thats all, thank you" to the agent: the bot goes on to the rating, not "Anything else?" again', () => {
    const c = takenOver();
    c.say('No, thats all, thank you');
    const before = c.botTexts().length;
    c.agent.handback(undefined);
    const after = c.botTexts().slice(before).join(' | ');
    expect(after).not.toMatch(/Anything else I can help with\?/);
    expect(after).toMatch(/how would you rate this chat/);
  });

  it('negative: the agent replied last -> the question is asked again', () => {
    const c = takenOver();
    c.say('No, thats all, thank you');
    c.agent.say('You are welcome!');
    const before = c.botTexts().length;
    c.agent.handback(undefined);
    expect(c.botTexts().slice(before).join(' | ')).toMatch(/Anything else I can help with\?/);
  });

  it('negative: words the question does not understand -> asked again', () => {
    const c = takenOver();
    c.say('purple elephants');
    const before = c.botTexts().length;
    c.agent.handback(undefined);
    expect(c.botTexts().slice(before).join(' | ')).toMatch(/Anything else I can help with\?/);
  });

  it.each(['ok thanks', 'ok', 'yes'])('negative: a short "%s" to the agent at the cancel confirmation does not cancel', (line) => {
    const c = first('cancel NW-230918');
    expect(c.lastBotText()).toBe('Just to check: shall I cancel order NW-230918?');
    c.send({ type: 'agent_takeover', agentId: 'a1', agentName: 'Ann', eventId: 'tk1' });
    c.agent.say('I can see the order, one moment.');
    c.say(line);
    const before = c.botTexts().length;
    c.agent.handback(undefined);
    const after = c.botTexts().slice(before).join(' | ');
    expect(after).toMatch(/shall I cancel order NW-230918\?/);
    expect(after).not.toMatch(/stop order/);
  });

  it('negative: at a free-text question the words to the agent are not stored as the answer', () => {
    const c = first('Track my order');
    expect(c.lastBotText()).toMatch(/What's your order number\?/);
    c.send({ type: 'agent_takeover', agentId: 'a1', agentName: 'Ann', eventId: 'tk1' });
    c.say('are you still there please?');
    const before = c.botTexts().length;
    c.agent.handback(undefined);
    expect(c.botTexts().slice(before).join(' | ')).toMatch(/What's your order number\?/);
    expect(c.variables().orderNumber).toBeUndefined();
  });
});
