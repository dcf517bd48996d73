// @vitest-environment jsdom
/**
 * Session 25 (review of session 24, item 5): the built-in self-harm / crisis phrases are shown, read-only, in Flow
 * settings > Escalation > Urgency, where the urgency vocabulary is edited; the note stays when Urgency is off (it says
 * that switches it off too). Session 27: a short summary, and the ~30 examples a collapsible list grouped by what they say.
 */
import './support/setup';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SELF_HARM_COVERS, SELF_HARM_LEAVES } from '../../shared/escalation/selfHarm';
import { groupedCovers, quotedWordings } from '../../renderer/studio/inspector/SelfHarmNote';
import { tinyFlow } from './support/sampleFlow';
import { renderEditor } from './support/renderEditor';

describe('Flow settings > Escalation > Urgency: the self-harm / crisis note', () => {
  it('is shown under the Urgency switch, read-only, on and off', () => {
    renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const urgency = document.querySelector('[data-signal="urgency"]') as HTMLElement;
    const note = within(urgency).getByTestId('self-harm-note');
    expect(note).toHaveTextContent('self-harm / crisis');
    expect(note).toHaveTextContent('Switching Urgency off switches this off too.');
    expect(within(note).queryByRole('textbox')).toBeNull();
    fireEvent.click(within(urgency).getByRole('checkbox', { name: 'Urgency' }));
    expect(within(document.querySelector('[data-signal="urgency"]') as HTMLElement).getByTestId('self-harm-note')).toBeTruthy();
    expect(document.querySelectorAll('[data-testid="self-harm-note"]')).toHaveLength(1);
  });

  it('summarises in one short paragraph; every built-in wording is in the collapsed list, grouped, the left-alone ones apart', () => {
    renderEditor(tinyFlow());
    fireEvent.click(screen.getByRole('tab', { name: 'Escalation' }));
    const note = screen.getByTestId('self-harm-note');
    const summary = note.querySelector('p')!;
    expect(summary.textContent!.length).toBeLessThan(320);
    expect(summary.textContent).not.toContain('kms');
    const details = note.querySelector('details')!;
    expect(details.open).toBe(false);
    const covers = quotedWordings(SELF_HARM_COVERS);
    const leaves = quotedWordings(SELF_HARM_LEAVES);
    expect(covers.length).toBeGreaterThan(15);
    expect(details.querySelector('summary')).toHaveTextContent(`What it reads (${covers.length} examples) and what it leaves alone (${leaves.length})`);
    for (const w of covers) expect(details.textContent).toContain(`“${w}”`);
    const leftAlone = within(details).getByRole('region', { name: 'Left alone', hidden: true });
    for (const w of leaves) expect(leftAlone.textContent).toContain(`“${w}”`);
    expect(within(details).getByRole('region', { name: 'Other languages', hidden: true })).toHaveTextContent('“quiero morir”');
  });

  it('every covered wording is in exactly one group; a wording no group names would show under "Other wordings"', () => {
    const groups = groupedCovers();
    const all = groups.flatMap((g) => g.words);
    expect(all.sort()).toEqual(quotedWordings(SELF_HARM_COVERS).sort());
    expect(groups.map((g) => g.title)).not.toContain('Other wordings');
  });
});
