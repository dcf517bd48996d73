// @vitest-environment jsdom
// Newcomer s8 findings fixed by fixstudio.
import './support/setup';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Editor } from '../../renderer/studio/editor/Editor';
import { SaveStatus } from '../../renderer/studio/persistence/SaveStatus';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { tinyFlow } from './support/sampleFlow';

function renderWithStatus() {
  const store = createStudioStore(tinyFlow());
  render(
    <div style={{ width: 1200, height: 800 }}>
      <StudioStoreProvider store={store}>
        <Editor status={<SaveStatus status="saved" />} />
      </StudioStoreProvider>
    </div>,
  );
  fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
  fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'graduated' } });
  return store;
}

describe('newcomer s8 #9: a refused field is never "Saved" / "No problems"', () => {
  it('says "Not saved: fix the red field", lists it as a problem and warns before leaving, until the text is fixed', () => {
    const store = renderWithStatus();
    expect(screen.getByText('Saved')).toBeInTheDocument();
    const toggle = document.querySelector('.st-problems-toggle') as HTMLElement;
    const errorsShown = () => Number(/(\d+) error/.exec(toggle.textContent ?? '')?.[1] ?? 0);
    const before = errorsShown();
    const offer = screen.getByLabelText(/offering a person/);
    fireEvent.change(offer, { target: { value: 'x'.repeat(640) } });
    fireEvent.blur(offer);
    expect(store.getState().flow.escalation.texts?.offer).toBeUndefined();
    expect(screen.queryByText('Saved')).toBeNull();
    expect(screen.getByText('Not saved: fix the red field')).toBeInTheDocument();
    // The problems badge counts it, and its row names the field and the reason.
    expect(errorsShown()).toBe(before + 1);
    fireEvent.click(toggle);
    const panel = screen.getByRole('region', { name: 'Problems' });
    expect(within(panel).getByText(/is not saved: Keep a graduated step's message under 500 characters/)).toBeInTheDocument();
    expect(within(panel).queryByText(/No problems/)).toBeNull();
    // Leaving the page asks first.
    const leave = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leave);
    expect(leave.defaultPrevented).toBe(true);

    // Fixed: saved again, no problem, no question on leaving.
    fireEvent.change(offer, { target: { value: 'Want a colleague?' } });
    expect(store.getState().flow.escalation.texts?.offer).toBe('Want a colleague?');
    expect(screen.getByText('Saved')).toBeInTheDocument();
    expect(errorsShown()).toBe(before);
    expect(within(panel).queryByText(/is not saved/)).toBeNull();
    const leave2 = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leave2);
    expect(leave2.defaultPrevented).toBe(false);
  });
});

describe('newcomer s8 #2 #3 #7 #14: escalation help texts say what the settings do', () => {
  it('explains Never trigger (global, before any reason), Classifier, Deadline hours, new topics, and the graduated step 1 box agrees with the mode', () => {
    renderWithStatus();
    const help = (label: string | RegExp) => {
      const ids = (screen.getByLabelText(label).getAttribute('aria-describedby') ?? '').split(' ');
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    };
    expect(help('Never trigger')).toMatch(/before any signal reads it/);
    expect(help('Never trigger')).toMatch(/whole policy.*any reason or topic/);
    expect(help('Deadline hours')).toMatch(/hours away\. 168 = one week/);
    const classifier = document.querySelector('[data-signal="classifier"]') as HTMLElement;
    expect(classifier).toHaveTextContent(/reads wordings your phrase lists miss/);
    const topics = document.querySelector('[data-signal="sensitiveTopics"]') as HTMLElement;
    expect(topics).toHaveTextContent(/close rewordings of its examples/);
    // The mode says urgency hands over at once; the step-1 box no longer claims urgent customers get it.
    expect(screen.getByLabelText('Mode').closest('.bt-field')).toHaveTextContent(/urgency and hot leads still hand over at once/);
    const ack = screen.getByLabelText(/Step 1 when the customer is upset/);
    expect(ack.closest('.bt-field')!.querySelector('.bt-field-label')).not.toHaveTextContent(/urgent/);
  });
});

describe('newcomer s8 #1: a too-broad phrase is shown at its field, and its problem row takes you there', () => {
  it('shows the warning under the Phrases box, and the problems row opens Flow settings > Escalation with that box focused', () => {
    const store = renderWithStatus();
    const section = document.querySelector('[data-signal="explicitRequest"]') as HTMLElement;
    const phrases = within(section).getByLabelText('Phrases');
    fireEvent.change(phrases, { target: { value: 'order' } });
    fireEvent.blur(phrases);
    expect(store.getState().flow.escalation.explicitRequest.phrases).toContain('order');
    const field = section.querySelector('[data-settings-path="$.escalation.explicitRequest.phrases"]') as HTMLElement;
    expect(within(field).getByRole('status')).toHaveTextContent(/The phrase “order” of explicit requests matches \d+ ordinary question/);
    expect(within(field).getByRole('status')).toHaveTextContent(/under Never trigger/);

    // Go to the General tab of Flow settings, then click the row in the problems list.
    fireEvent.click(screen.getByRole('tab', { name: 'General' }));
    expect(document.querySelector('[data-signal="explicitRequest"]')).toBeNull();
    fireEvent.click(document.querySelector('.st-problems-toggle') as HTMLElement);
    const panel = screen.getByRole('region', { name: 'Problems' });
    const row = within(panel).getByText(/The phrase “order” of explicit requests/).closest('button') as HTMLButtonElement;
    expect(row).toBeEnabled();
    fireEvent.click(row);
    expect(screen.getByRole('tab', { name: 'Escalation' })).toHaveAttribute('aria-selected', 'true');
    const again = within(document.querySelector('[data-signal="explicitRequest"]') as HTMLElement).getByLabelText('Phrases');
    expect(document.activeElement).toBe(again);
  });
});

describe('newcomer s8 #20: the Human Takeover inspector says when each exit is taken', () => {
  it('explains resolved (Hand back; Resolve takes no exit unless a rating follows, session 46 studio12), no_agent and timeout', async () => {
    const { renderEditor } = await import('./support/renderEditor');
    renderEditor(tinyFlow(), (s) => s.getState().select(['agent']));
    const list = screen.getByRole('list', { name: 'When each exit is taken' });
    // Session 27 (newcomer s26 F4): the exits by the labels the canvas shows, not their keys.
    expect(list).toHaveTextContent(/Resolved: the agent clicks “Hand back to bot”.*The inbox’s “Resolve” ends the conversation without taking this exit/);
    expect(list).toHaveTextContent(/No agent: nobody can take the chat/);
    expect(list).toHaveTextContent(/Timeout: the customer waited in the queue longer than the queue timeout/);
  });
});
