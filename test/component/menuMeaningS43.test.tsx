// @vitest-environment jsdom
/**
 * Session 43 (menus): the inspector shows, under a Buttons option's synonyms, what its label is read as by meaning
 * (read-only), and nothing for a label that reads no request ("Talk to an agent", "Yes").
 */
import './support/setup';
import { readFileSync } from 'node:fs';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { renderEditor } from './support/renderEditor';

describe("a Buttons option's meaning line in the inspector", () => {
  it("Skyline Air's menu: the bag option reads lost, delayed, damaged x bag; the agent option reads nothing", () => {
    const flow = loadFlowText(readFileSync('flows/travel-urgency.json', 'utf8')).flow!;
    renderEditor(flow, (s) => s.getState().select(['menu']));
    const inspector = screen.getByRole('complementary', { name: 'Inspector' });
    const bag = inspector.querySelector('[data-option-id="bag_problem"]') as HTMLElement;
    expect(within(bag).getByRole('note')).toHaveTextContent('Also picked by meaning: lost, delayed, damaged × bag');
    const allowance = inspector.querySelector('[data-option-id="baggage"]') as HTMLElement;
    expect(within(allowance).getByRole('note')).toHaveTextContent('Also picked by meaning: allowance × bag');
    const agent = inspector.querySelector('[data-option-id="agent"]') as HTMLElement;
    expect(within(agent).queryByText(/picked by meaning/)).toBeNull();
  });
});
