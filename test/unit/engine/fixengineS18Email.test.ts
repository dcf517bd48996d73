/**
 * Session 18 (fixengine): answers at an email question that are not a wrong address (shared/engine/emailNonAnswers.ts).
 * N#8 (newcomer s17): "not kim@old.com" got "That doesn't look like an email address": now "OK, not that one...".
 * H#8 rest (hostile s17): "I'm not sure" looped on the retry line: it is no email to give (as "I don't have an email").
 */
import { describe, expect, it } from 'vitest';
import { first } from '../nlu/supportRouter';
import { notThatEmail, setsAsideEmail, unsureOfEmail } from '../../../shared/engine/emailNonAnswers';

const atEmail = () => {
  const c = first('I want to talk to a human');
  expect(c.lastBotText()).toBe('What is your email address, in case we get disconnected?');
  return c;
};

describe('the takeover email question', () => {
  it('"not kim@old.com" is told "OK, not that one" and asked again, nothing stored', () => {
    const c = atEmail();
    c.say('not kim@old.com');
    expect(c.lastBotText()).toBe(notThatEmail);
    expect(c.variables().customerEmail).toBeUndefined();
    c.say('kim@new.com');
    expect(c.variables().customerEmail).toBe('kim@new.com');
  });
  it.each(["I'm not sure", 'no idea', 'dunno'])('"%s" goes on without an email at once', (line) => {
    const c = atEmail();
    c.say(line);
    expect(c.botTexts().join(' ')).toMatch(/continue without it/);
    expect(c.botTexts().join(' ')).not.toMatch(/doesn't look like an email/);
  });
  it('a wrong address is still "That doesn\'t look like an email address"; a set-aside one beside a new one takes the new', () => {
    const c = atEmail();
    c.say('kim at old dot');
    expect(c.lastBotText()).not.toBe(notThatEmail);
    const d = atEmail();
    d.say('not kim@old.com, use kim@new.com');
    expect(d.variables().customerEmail).toBe('kim@new.com');
  });
});

describe('the rules', () => {
  it('setsAsideEmail: an address after "not" / "no longer" only', () => {
    expect(setsAsideEmail('not kim@old.com')).toBe(true);
    expect(setsAsideEmail('no longer kim@old.com')).toBe(true);
    expect(setsAsideEmail('kim@old.com')).toBe(false);
    expect(setsAsideEmail('not sure')).toBe(false);
  });
  it('unsureOfEmail: undecided answers without an address', () => {
    expect(unsureOfEmail("I'm not sure")).toBe(true);
    expect(unsureOfEmail('not sure, maybe kim@x.com')).toBe(false);
    expect(unsureOfEmail('kim@x.com')).toBe(false);
  });
});
