// @vitest-environment jsdom
// newcomer s7 #13: the debug drawer's bullet figures agree with the signal's sentence (sign, units, counts).
import './support/setup';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import customerSupport from '../../flows/customer-support.json';
import { SimulatorPanel } from '../../renderer/studio/simulator/SimulatorPanel';
import { signalFigures } from '../../renderer/studio/simulator/signalFigures';
import { StudioStoreProvider } from '../../renderer/studio/store/StudioStoreContext';
import { createStudioStore } from '../../renderer/studio/store/studioStore';
import { validateFlow } from '../../shared/flow/validateFlow';
import type { Flow } from '../../shared/flow/schema';

function graduated(): Flow {
  const r = validateFlow(customerSupport);
  if (!r.flow) throw new Error('sample flow invalid');
  return { ...r.flow, escalation: { ...r.flow.escalation, mode: 'graduated' } };
}

function setup() {
  render(
    <StudioStoreProvider store={createStudioStore(graduated())}>
      <SimulatorPanel onClose={() => {}} onFocusBlock={() => {}} storage={null} overlay={false} />
    </StudioStoreProvider>,
  );
}
function say(text: string) {
  const input = screen.getByLabelText('Customer message');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('debug drawer figures (newcomer s7 #13)', () => {
  it('shows the negative sentiment with the sign and threshold its sentence uses', () => {
    setup();
    say('this is ridiculous, I have been waiting for an hour and nobody helps');
    fireEvent.click(screen.getByRole('tab', { name: 'Debug' }));
    const decisions = screen.getByLabelText('Escalation decisions');
    const text = decisions.textContent ?? '';
    const sentence = /reads as [a-z ]+, (-\d\.\d+) on a scale from -1 \(very negative\) to 1 \(very positive\), at or below the flow's single-message threshold of (-\d(?:\.\d+)?)/.exec(text);
    expect(sentence, text).not.toBeNull();
    // The bullet names the same (negative) score and the same threshold as the sentence, never "score 0.88".
    expect(text).toContain(`sentiment ${Number(Number(sentence![1]).toFixed(2))} / fires at or below ${Number(sentence![2])}`);
    expect(text).not.toMatch(/negative sentiment score 0\.\d\d/);
    // The first graduated step acknowledges an upset customer (newcomer s7 #12): the drawer and the chat say so.
    expect(text).toMatch(/acknowledge \(negative sentiment\) — Acknowledged the customer and asked for more \(graduated mode, step 1 of 3\)/);
    fireEvent.click(screen.getByRole('tab', { name: 'Chat' }));
    expect(screen.getByRole('list', { name: 'Transcript' })).toHaveTextContent('Sorry about that. Can you tell me a bit more so I can help?');
  });

  it('words each kind of signal in the units of its sentence', () => {
    const base = { evidence: [], turn: 1 };
    expect(
      signalFigures({ ...base, reason: 'repeated_fallback', score: 1, threshold: 2, explanation: 'The bot did not understand 2 messages in a row (limit 2).' }),
    ).toBe('limit 2 in a row');
    expect(
      signalFigures({ ...base, reason: 'low_confidence', score: 0.7, threshold: 0.35, explanation: 'Low intent confidence: confidence 0.30 < 0.35.' }),
    ).toBe('confidence 0.3 / fires below 0.35');
    expect(signalFigures({ ...base, reason: 'explicit_request', score: 1, threshold: 1, source: 'rule', explanation: 'Customer asked for a person.' })).toBe('matched');
    expect(signalFigures({ ...base, reason: 'negative_sentiment', score: 0.72, threshold: 0.6, source: 'classifier', explanation: '...' })).toBe('classifier score 0.72 / threshold 0.6');
  });
});

describe("a designer example's near miss in the debug drawer (session 27, newcomer s19 F10)", () => {
  it('names the closest example and its similarity, and says "No escalation" once', () => {
    const flow = graduated();
    const topics = [...flow.escalation.sensitiveTopics.topics, { name: 'theft', phrases: ['stolen bike'], intents: [], examples: ['my bike was nicked'] }];
    render(
      <StudioStoreProvider store={createStudioStore({ ...flow, escalation: { ...flow.escalation, sensitiveTopics: { ...flow.escalation.sensitiveTopics, topics } } })}>
        <SimulatorPanel onClose={() => {}} onFocusBlock={() => {}} storage={null} overlay={false} />
      </StudioStoreProvider>,
    );
    say('Something else');
    say('someone pinched my bike');
    fireEvent.click(screen.getByRole('tab', { name: 'Debug' }));
    const text = screen.getByLabelText('Escalation decisions').textContent ?? '';
    expect(text).toMatch(/sensitive topic score 0\.44 \/ threshold 0\.72 \(designer\)/);
    expect(text).toContain('Near miss (sensitive topic "theft"): the message\'s similarity 0.44 to the policy\'s example "my bike was nicked" is below 0.72');
    expect(text).toContain('No escalation — Strongest signal was 1 of 2 fallbacks in a row.');
    expect(text).not.toContain('No escalation — No escalation');
  });
});
