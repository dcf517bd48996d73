// @vitest-environment jsdom
/**
 * Session 6 newcomer findings taken by helper uxfix2: the Run popover names what Run arranged so the designer can
 * take the flow's handoffs (#20); the simulator starts with the flow's own virtual agents (#19); the batch's handoff
 * rate is the CLI's (#12).
 */
import './support/setup';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RunButton } from '../../renderer/studio/run/RunButton';

describe('Run popover (newcomer #20)', () => {
  it('lists what Run arranged for the designer (teams of the takeover blocks) before they try a handoff', async () => {
    const info = {
      runtimeUrl: 'http://127.0.0.1:4999',
      widgetUrl: 'http://127.0.0.1:4999/chat/travel-urgency',
      inboxUrl: 'http://127.0.0.1:4999/inbox/#token=t',
      flowId: 'travel-urgency',
      flows: ['travel-urgency'],
      notes: ["For this run you are in team 'airport-desk', as the flow's Human takeover blocks ask, so their handoffs reach your inbox (you speak every language)."],
    };
    const fetch = (async () => new Response(JSON.stringify(info), { status: 200, headers: { 'content-type': 'application/json' } })) as typeof globalThis.fetch;
    const opened: string[] = [];
    render(<RunButton flowKey="travel-urgency" fetch={fetch} open={(u) => opened.push(u)} />);
    fireEvent.click(screen.getByRole('button', { name: /run this flow/i }));
    const notes = await screen.findByRole('list', { name: /before you try a handoff/i });
    expect(notes.textContent).toMatch(/in team 'airport-desk'/);
    expect(opened).toEqual([info.widgetUrl, info.inboxUrl]);
  });
});
