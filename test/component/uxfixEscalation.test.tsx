// @vitest-environment jsdom
import './support/setup';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { plainEditError } from '../../renderer/studio/inspector/plainIssue';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

function setup() {
  const store = renderEditor(tinyFlow());
  fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
  return store;
}

const section = (signal: string) => document.querySelector(`[data-signal="${signal}"]`) as HTMLElement;

describe('escalation inspector: Add buttons (newcomer s5 #1)', () => {
  it('adds a sensitive topic with a name to edit, focused, and no error toast', () => {
    const store = setup();
    const topics = section('sensitiveTopics');
    fireEvent.click(within(topics).getByRole('button', { name: 'Add topic' }));
    expect(store.getState().notice).toBeNull();
    expect(store.getState().flow.escalation.sensitiveTopics.topics).toEqual([{ name: 'Topic 1', phrases: [], intents: [], examples: [] }]);
    const name = within(topics).getByLabelText('Name') as HTMLInputElement;
    expect(name).toHaveValue('Topic 1');
    expect(document.activeElement).toBe(name);

    fireEvent.click(within(topics).getByRole('button', { name: 'Add topic' }));
    expect(store.getState().flow.escalation.sensitiveTopics.topics.map((t) => t.name)).toEqual(['Topic 1', 'Topic 2']);

    const first = topics.querySelector('[data-item="1"]') as HTMLElement;
    fireEvent.change(within(first).getByLabelText('Name'), { target: { value: 'Refunds' } });
    fireEvent.change(within(first).getByLabelText('Phrases'), { target: { value: 'refund, money back' } });
    expect(store.getState().flow.escalation.sensitiveTopics.topics[0]).toMatchObject({ name: 'Refunds', phrases: ['refund', 'money back'] });

    // An emptied name is refused next to the field, in words; the flow keeps the last good name.
    fireEvent.change(within(first).getByLabelText('Name'), { target: { value: '' } });
    expect(within(first).getByRole('alert')).toHaveTextContent('This cannot be empty.');
    expect(store.getState().flow.escalation.sensitiveTopics.topics[0].name).toBe('Refunds');
    expect(store.getState().notice).toBeNull();
  });

  it('an emptied urgency rule variable is explained under the rule, never sent as an edit', () => {
    const store = setup();
    const urgency = section('urgency');
    fireEvent.click(within(urgency).getByRole('button', { name: /Add rule/ }));
    expect(store.getState().flow.escalation.urgency.rules).toHaveLength(1);
    const variable = within(urgency).getByLabelText('Rule 1 variable');
    fireEvent.change(variable, { target: { value: '' } });
    expect(store.getState().notice).toBeNull();
    expect(within(urgency).getByRole('alert')).toHaveTextContent(/needs a variable name/);
    expect(store.getState().flow.escalation.urgency.rules[0].variable).toBe('name');
    fireEvent.change(variable, { target: { value: 'departure' } });
    expect(store.getState().flow.escalation.urgency.rules[0].variable).toBe('departure');
    // Since 9f73158 a settings field also shows the flow's ERRORS about it (a rule with no value yet is one): only the
    // variable-name message must be gone.
    expect(within(urgency).queryByText(/needs a variable name/)).toBeNull();
  });

  it('phrase, example and never-trigger lists take blank parts without an error', () => {
    const store = setup();
    const explicit = section('explicitRequest');
    fireEvent.change(within(explicit).getByLabelText('Phrases'), { target: { value: 'a manager, , ' } });
    fireEvent.change(within(explicit).getByLabelText('Examples'), { target: { value: ',' } });
    const never = screen.getByLabelText('Never trigger');
    fireEvent.change(never, { target: { value: 'Rage Red,, ' } });
    expect(store.getState().notice).toBeNull();
    expect(store.getState().flow.escalation.explicitRequest).toMatchObject({ phrases: ['a manager'], examples: [] });
    expect(store.getState().flow.escalation.neverTrigger).toEqual(['Rage Red']);
  });

  it('an edit the flow refuses is toasted in words, without the schema path', () => {
    const store = createStudioStore(tinyFlow());
    act(() => {
      store.getState().dispatch({ type: 'set_escalation', escalation: { sensitiveTopics: { topics: [{ name: '' }] } } });
    });
    const text = store.getState().notice?.text ?? '';
    expect(text).toBe('Escalation policy › Sensitive topics › topic 1 › name: this cannot be empty.');
    expect(text).not.toMatch(/sensitiveTopics|Too small|>=/);
    expect(plainEditError("Block 'human' (Human takeover): field 'queueTimeoutMinutes' Too small: expected number to be >=0.")).toBe(
      "Block 'human' (Human takeover) › Queue timeout minutes: use 0 or more.",
    );
    expect(plainEditError('The id x is taken.')).toBe('The id x is taken.');
  });
});

describe('flow settings: the flow id (newcomer s5 #9)', () => {
  it('shows the id next to the name and says where it is used, since a rename keeps it', () => {
    const store = renderEditor(tinyFlow());
    fireEvent.change(screen.getByLabelText('Flow name'), { target: { value: 'Spoke & Chain bike shop' } });
    const id = screen.getByLabelText('Flow id') as HTMLInputElement;
    expect(id).toHaveValue('tiny');
    expect(id.readOnly).toBe(false); // editable since session 6 (test/component/uxfixS6.test.tsx)
    expect(id).toHaveAccessibleDescription(/Not changed by a rename.*\/chat\/tiny.*tiny\.json/);
  });
});
