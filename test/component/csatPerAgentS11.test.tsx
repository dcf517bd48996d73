// @vitest-environment jsdom
/**
 * newcomer s9 #12: the Tickets page shows the customers' rating per agent (who last held the rated chat), next to the
 * overall average; a rating of the bot alone is listed as such; an older server (no byAgent) shows the average only.
 */
import './support/setup';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { TicketsScreen } from '../../renderer/inbox/admin/TicketsScreen';
import { createAdminApi } from '../../renderer/inbox/admin/adminApi';

function apiWith(csat: Record<string, unknown>) {
  const fetch = vi.fn(async (url: string | URL | Request) => {
    const path = new URL(String(url)).pathname;
    const body = path === '/api/v1/agent/csat' ? csat : { total: 0, offset: 0, limit: 50, nextOffset: null, tickets: [] };
    return new Response(JSON.stringify(body), { status: 200 });
  });
  return createAdminApi({ baseUrl: 'http://127.0.0.1:9', fetch: fetch as unknown as typeof globalThis.fetch });
}

const scores = [
  { id: 's4', conversationId: 'c4', flowId: 'shop', at: 4, score: 3, agentId: null, agentName: null },
  { id: 's3', conversationId: 'c3', flowId: 'shop', at: 3, score: 2, agentId: 'bob', agentName: 'Bob Ray' },
  { id: 's2', conversationId: 'c2', flowId: 'shop', at: 2, score: 4, agentId: 'ann', agentName: 'Ann Lee' },
  { id: 's1', conversationId: 'c1', flowId: 'shop', at: 1, score: 5, agentId: 'ann', agentName: 'Ann Lee' },
];

describe('inbox: CSAT per agent (newcomer s9 #12)', () => {
  it('lists each agent with their average and count, the bot alone last', async () => {
    const api = apiWith({
      total: 4,
      average: 3.5,
      offset: 0,
      limit: 10,
      nextOffset: null,
      scores,
      byAgent: [
        { agentId: 'ann', agentName: 'Ann Lee', count: 2, average: 4.5 },
        { agentId: 'bob', agentName: 'Bob Ray', count: 1, average: 2 },
        { agentId: null, agentName: null, count: 1, average: 3 },
      ],
    });
    render(<TicketsScreen api={api} token="tok" onUnauthorized={vi.fn()} />);
    const per = await screen.findByRole('list', { name: 'Customer rating per agent' });
    expect(within(per).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Ann Lee 4.5 (2 ratings)', 'Bob Ray 2.0 (1 rating)', 'The bot alone 3.0 (1 rating)']);
    expect(screen.getByLabelText('Customer ratings')).toHaveTextContent('Customer rating 3.5 from 4 ratings');
  });

  it('an older server without byAgent, or ratings of the bot only: the average alone', async () => {
    render(<TicketsScreen api={apiWith({ total: 1, average: 3, offset: 0, limit: 10, nextOffset: null, scores: [scores[0]] })} token="tok" onUnauthorized={vi.fn()} />);
    expect(await screen.findByLabelText('Customer ratings')).toHaveTextContent('Customer rating 3.0 from 1 rating');
    expect(screen.queryByRole('list', { name: 'Customer rating per agent' })).toBeNull();
  });
});
