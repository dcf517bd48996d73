import { describe, it, expect } from 'vitest';
import { converse, makeFlow } from './harness';
import type { Effect } from '../../../shared/engine/types';

// Newcomer s8 #34: an urgent handoff was queued with "normal priority" and the deadline the customer named ("by 5
// today", read by the urgency detector) was not in what the agent receives.
const MON_10_LONDON = Date.UTC(2026, 2, 2, 10, 0, 0); // Mon 2 Mar 2026, 10:00 in London (GMT)

function flow(ht: Record<string, unknown> = {}) {
  return makeFlow(
    [
      { id: 'q', kind: 'question', data: { text: 'How can I help?', variable: 'topic' } },
      { id: 'done', kind: 'end' },
      { id: 'ht', kind: 'human_takeover', data: ht },
    ],
    [['q', 'next', 'done']],
    { escalation: { targetBlockId: 'ht' }, settings: { timezone: 'Europe/London' } },
  );
}

type Request = Extract<Effect, { type: 'handoff_request' }>;

describe('an urgent handoff (newcomer s8 #34)', () => {
  it('is queued as urgent and tells the agent the deadline on the flow clock', () => {
    const c = converse(flow(), { now: MON_10_LONDON });
    const step = c.say('I need my parcel by 5 today, it is a present for my niece');
    expect(step.decision?.reason).toBe('urgency');
    const [req] = c.effects('handoff_request') as Request[];
    expect(req.priority).toBe('urgent');
    expect(req.handoff.priority).toBe('urgent');
    expect(req.context.summary).toContain('Deadline: today 17:00 (Europe/London), "by 5 today".');
    expect(req.context.suggestedResolution).toContain("the customer's deadline is today 17:00 (Europe/London)");
  });

  it('a deadline tomorrow is named as tomorrow, and the handoff questions asked first do not move it', () => {
    const c = converse(flow({ assignation: 'default', notifyEmails: ['team@example.com'] }), { now: MON_10_LONDON });
    c.say('my flight is at 7am tomorrow and I still have no boarding pass, I need it before then');
    expect(c.lastStep.decision?.reason).toBe('urgency');
    c.wait('3m');
    c.say('Kim Lee');
    c.say('kim@example.com');
    c.say('boarding pass');
    const [req] = c.effects('handoff_request') as Request[];
    expect(req.priority).toBe('urgent');
    expect(req.context.summary).toContain('Deadline: tomorrow 07:00 (Europe/London)');
    const email = c.effects('notify')[0] as Extract<Effect, { type: 'notify' }>;
    expect(email.text).toContain('Deadline: tomorrow 07:00');
  });

  it('other reasons keep the block priority and name no deadline', () => {
    const c = converse(flow({ assignation: 'custom', priority: 'high' }), { now: MON_10_LONDON });
    c.say('I want to talk to a real person please');
    const [req] = c.effects('handoff_request') as Request[];
    expect(req.handoff.reason).toBe('explicit_request');
    expect(req.priority).toBe('high');
    expect(req.context.summary).not.toContain('Deadline');
  });
});

describe('"Priority when urgent" on the Human Takeover block (newcomer s8 #34)', () => {
  it('a designer who sets it to Normal keeps urgent chats in the ordinary queue (the deadline is still given)', () => {
    const c = converse(flow({ urgencyPriority: 'normal' }), { now: MON_10_LONDON });
    c.say('I need my parcel by 5 today, it is a present for my niece');
    const [req] = c.effects('handoff_request') as Request[];
    expect(req.priority).toBe('normal');
    expect(req.context.summary).toContain('Deadline: today 17:00');
  });

  it('old flows without the field queue urgent handoffs as urgent', () => {
    const f = flow();
    const ht = f.blocks.find((b) => b.id === 'ht')!;
    expect((ht.data as { urgencyPriority?: string }).urgencyPriority).toBe('urgent');
  });
});
