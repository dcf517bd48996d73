// @vitest-environment jsdom
/**
 * Session 25 (newcomer s24 #4, #5): Flow settings › Escalation › Sensitive topics. One bad topic phrase outlined every
 * topic's fields and its problem focused the topic's Name; topics were not numbered while the problems say "topics 1
 * and 10". Each topic is now numbered, and a problem is shown, outlined and focused at the one part at fault: the entry
 * (selected in its list), the list, the name, or the topic.
 */
import './support/setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { entryRange } from '../../renderer/studio/inspector/settingsFocus';
import type { Flow } from '../../shared/flow/schema';
import { renderEditor } from './support/renderEditor';
import { tinyFlow } from './support/sampleFlow';

function flowWithTopics(): Flow {
  const tiny = tinyFlow();
  const topics = Array.from({ length: 10 }, (_, i) => ({ name: `topic ${i + 1}`, phrases: [`special case ${i + 1}`], intents: [], examples: [] }));
  topics[0].name = 'refunds';
  topics[9].name = 'Refunds';
  topics[2].phrases = ['charged twice', 'order', 'double charge'];
  topics[5].phrases = [];
  return {
    ...tiny,
    escalation: { ...tiny.escalation, targetBlockId: 'agent', sensitiveTopics: { enabled: true, topics }, neverTrigger: ['Rage Red', 'I.'] },
  };
}

function open() {
  const store = renderEditor(flowWithTopics());
  fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
  return store;
}

const topic = (n: number) => screen.getByRole('group', { name: `Topic ${n}` });
const field = (n: number, key: string) => topic(n).querySelector(`[data-settings-path="$.escalation.sensitiveTopics.topics[${n - 1}].${key}"]`) as HTMLElement;
const toned = () => [...document.querySelectorAll<HTMLElement>('[data-signal="sensitiveTopics"] [data-tone]')].map((e) => `${e.dataset.settingsPath} ${e.dataset.tone}`);

function goTo(message: RegExp) {
  fireEvent.click(screen.getByRole('tab', { name: 'General' }));
  const toggle = document.querySelector('.st-problems-toggle') as HTMLElement;
  if (!screen.queryByRole('region', { name: 'Problems' })) fireEvent.click(toggle);
  const panel = screen.getByRole('region', { name: 'Problems' });
  fireEvent.click(within(panel).getByText(message).closest('button') as HTMLButtonElement);
}

describe('sensitive topics are numbered as the problems name them (newcomer s24 #5)', () => {
  it('each topic is a group "Topic n" with its number shown, and the remove button says which', () => {
    open();
    for (const n of [1, 3, 10]) {
      expect(topic(n).querySelector('.st-list-number')).toHaveTextContent(`Topic ${n}`);
      expect(within(topic(n)).getByRole('button', { name: `Remove topic ${n}` })).toBeInTheDocument();
    }
    expect(within(topic(10)).getByLabelText('Name')).toHaveValue('Refunds');
  });
});

describe('a topic problem marks the one part at fault (newcomer s24 #4)', () => {
  it('outlines only the fields with a problem: topic 3 Phrases, topic 10 Name, topic 6 as a whole; never the list of topics', () => {
    open();
    expect(toned().sort()).toEqual(
      [
        '$.escalation.sensitiveTopics.topics[2].phrases warning',
        '$.escalation.sensitiveTopics.topics[5] warning',
        '$.escalation.sensitiveTopics.topics[9].name warning',
      ].sort(),
    );
    // Each warning is shown once, under its own field.
    expect(within(field(3, 'phrases')).getByRole('status')).toHaveTextContent(/The phrase “order” of sensitive topic “topic 3” matches \d+ ordinary question/);
    expect(within(field(10, 'name')).getByRole('status')).toHaveTextContent('Sensitive topics 1 and 10 are both called “Refunds”');
    expect(within(topic(6)).getAllByRole('status')).toHaveLength(1);
    expect(within(topic(6)).getByRole('status')).toHaveTextContent("The sensitive topic “topic 6” has no phrases and no intents");
    expect(within(field(3, 'name')).queryByRole('status')).toBeNull();
    expect(within(topic(1)).queryByRole('status')).toBeNull();
    const list = document.querySelector('[data-settings-path="$.escalation.sensitiveTopics.topics"]') as HTMLElement;
    expect(list).not.toHaveAttribute('data-tone');
    expect(list).toHaveAttribute('data-nested', 'true');
  });

  it('the problem row of a too-broad topic phrase focuses that topic\'s Phrases box with the phrase selected', () => {
    open();
    goTo(/The phrase “order” of sensitive topic “topic 3”/);
    const box = within(field(3, 'phrases')).getByLabelText('Phrases') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(box);
    expect(box.value.slice(box.selectionStart, box.selectionEnd)).toBe('order');
  });

  it('the row of a duplicate name focuses the copy\'s Name; the row of an empty topic goes to that topic', () => {
    open();
    goTo(/Sensitive topics 1 and 10 are both called/);
    expect(document.activeElement).toBe(within(field(10, 'name')).getByLabelText('Name'));
    goTo(/The sensitive topic “topic 6” has no phrases/);
    expect(topic(6).contains(document.activeElement)).toBe(true);
  });

  it('a Never trigger entry at fault is selected in its box', () => {
    open();
    goTo(/The Never trigger entry “I\.” is the one-character word/);
    const box = document.activeElement as HTMLTextAreaElement;
    expect(box.closest('[data-settings-path]')).toHaveAttribute('data-settings-path', '$.escalation.neverTrigger');
    expect(box.value.slice(box.selectionStart, box.selectionEnd)).toBe('I.');
  });
});

describe('entryRange', () => {
  it('finds the n-th entry of a list typed with commas and new lines, blanks skipped', () => {
    const text = ' a b ,, c\n  d , e';
    const at = (n: number) => {
      const r = entryRange(text, n);
      return r && text.slice(r[0], r[1]);
    };
    expect([at(0), at(1), at(2), at(3), at(4)]).toEqual(['a b', 'c', 'd', 'e', null]);
  });
});
