/**
 * Lead, session 14 (found by the fresh-clone CI): the first version of noAgentFollowUp.ts read the flow alone, so in a
 * flow whose takeover's no_agent path leads back to the main menu (message "Nobody is free" -> menu), a request for a
 * person at that menu was never handed over, not even the customer's first one ("Please choose one of the options.").
 * The follow-up rule holds only right after the takeover found nobody.
 */
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { shopFlow } from '../../server/runtimeFixtures';

const NOW = Date.parse('2026-11-30T10:00:00Z');

describe('a no_agent path back to the menu does not stop requests for a person at that menu', () => {
  it('the first request at the menu hands over', () => {
    const c = converse(shopFlow(), { now: NOW });
    c.say('I want to talk to a human');
    expect(c.lastBotText()).not.toBe('Please choose one of the options.');
    expect(c.effects('handoff_request')).toHaveLength(1);
  });

  it('right after nobody was found (no agents signed in), the menu answers; later requests hand over again', () => {
    const c = converse(shopFlow(), { now: NOW, agents: [] });
    c.say('I want to talk to a human');
    expect(c.botTexts()).toContain('Nobody is free right now; we will email you.');
    expect(c.effects('handoff_request')).toHaveLength(0);
    c.say('I want to talk to a human');
    expect(c.botTexts().filter((t) => t === 'Nobody is free right now; we will email you.')).toHaveLength(1);
    for (let i = 0; i < 3; i++) c.say('hmm');
    c.say('I want to talk to a human');
    expect(c.botTexts().filter((t) => t === 'Nobody is free right now; we will email you.')).toHaveLength(2);
  });
});
