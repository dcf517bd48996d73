/**
 * Session 39 (newcomer s39 N8): a Question left with the generic retry message says what its answer type expects;
 * a retry message the designer wrote is said as written.
 */
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { defaultRetryFor, GENERIC_QUESTION_RETRY, questionRetryText } from '../../../shared/flow/blocks/questionRetry';
import { questionInputTypes } from '../../../shared/flow/blocks/fields';
import type { FlowInput } from '../../../shared/flow/schema';

const flow = (data: Record<string, unknown>): FlowInput => ({
  version: 1,
  id: 'q',
  name: 'Q',
  blocks: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'q', kind: 'question', position: { x: 300, y: 0 }, data: { text: 'When shall we call?', variable: 'when', ...data } },
    { id: 'done', kind: 'message', position: { x: 600, y: 0 }, data: { text: 'Noted: {{when}}' } },
  ],
  edges: [
    { id: 'e1', from: 'start', exit: 'next', to: 'q' },
    { id: 'e2', from: 'q', exit: 'next', to: 'done' },
  ],
});

describe('the default retry message says what to type (N8)', () => {
  it('a Date and time question left with the generic retry asks for a day and a time, with an example', () => {
    const c = converse(flow({ inputType: 'datetime' }));
    c.say('whenever suits you');
    expect(c.lastBotText()).toBe('Sorry, I need a day and a time. Could you type them again, like "Monday 6pm" or "tomorrow at 9:30"?');
    c.say('next monday around 6pm');
    expect(c.lastBotText()).toMatch(/^Noted: \d{4}-\d\d-\d\dT18:00$/);
  });

  it('an empty retry message gets the same default; a written one is said as written', () => {
    const empty = converse(flow({ inputType: 'datetime', retryMessage: '' }));
    empty.say('whenever suits you');
    expect(empty.lastBotText()).toBe(defaultRetryFor({ inputType: 'datetime' }));
    const own = converse(flow({ inputType: 'datetime', retryMessage: 'Pick a slot, e.g. Tuesday 10am.' }));
    own.say('whenever suits you');
    expect(own.lastBotText()).toBe('Pick a slot, e.g. Tuesday 10am.');
  });

  it('each answer type but Text has its own line; Dates allowed and Currency are said', () => {
    const lines = questionInputTypes.map((t) => defaultRetryFor({ inputType: t }));
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.filter((l) => l === GENERIC_QUESTION_RETRY)).toEqual([GENERIC_QUESTION_RETRY]);
    expect(defaultRetryFor({ inputType: 'date', dates: 'past' })).toMatch(/already passed/);
    expect(defaultRetryFor({ inputType: 'datetime', dates: 'future' })).toMatch(/from now on/);
    expect(defaultRetryFor({ inputType: 'number', currency: 'eur' })).toMatch(/amount in EUR/);
    expect(questionRetryText({ inputType: 'email', retryMessage: `  ${GENERIC_QUESTION_RETRY} ` })).toBe(defaultRetryFor({ inputType: 'email' }));
  });
});
