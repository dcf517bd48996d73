import { describe, expect, it } from 'vitest';
import { nameFromAnswer } from '../../../shared/engine/questionValidators';

// Review revcore s18 #20: since a name typed at the ticket's email question is kept (5e5c463), a command typed there was
// taken as the customer's name ("Thanks, cancel. What email address should we reply to?").
describe('a command is not a name', () => {
  for (const said of ['cancel', 'Cancel', 'stop asking', 'quit', 'exit', 'menu', 'back', 'restart']) {
    it(`"${said}" is no name`, () => expect(nameFromAnswer(said)).toBe(null));
  }
  for (const said of ['Kim Lee', 'Ana', 'Dr. Who', 'Will']) {
    it(`"${said}" is still a name`, () => expect(nameFromAnswer(said)).toBe(said));
  }
});
