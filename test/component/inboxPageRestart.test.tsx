// @vitest-environment jsdom
/**
 * fixrt s9: a customer page known only from a server restart (`beforeRestart`) is named in the conversation header
 * and the queue row. Newcomer s35 #2: as "not seen since the restart", not "Page closed" (a REST customer never had a
 * page), and without the closed-page dot (the customer keeps their place in the queue).
 * Also s35 #2: a page that closed while the customer still uses the chat API (`activeAt`) is not told as gone.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CustomerPageChip, CustomerPageRowNote, customerPageWords, pageGone } from '../../renderer/inbox/CustomerPageNote';

const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const ten = new Date(2026, 10, 30, 10, 0).getTime();

describe('a page closed before a restart', () => {
  it('header and row say the customer was not seen since the restart, naming its time; not gone', () => {
    const page = { open: false, at: ten, beforeRestart: true as const };
    expect(customerPageWords(page, clock)).toBe(`Customer not seen since the server restarted at ${clock(ten)}`);
    render(
      <div>
        <CustomerPageChip page={page} />
        <CustomerPageRowNote page={page} />
      </div>,
    );
    expect(screen.getByTestId('customer-page').className).toContain('ib-warn');
    expect(screen.getByText(`Not seen since restart ${clock(ten)}`)).toBeTruthy();
    expect(screen.queryByText(/Page closed/)).toBeNull();
    expect(pageGone(page)).toBe(false);
  });
});

describe('a page closed by a customer who still uses the chat API (newcomer s35 #2)', () => {
  it('the header says so, the row says nothing, and the customer is not gone', () => {
    const page = { open: false, at: ten, activeAt: ten + 60_000 };
    expect(customerPageWords(page, clock)).toBe(`Customer's page closed at ${clock(ten)}; still using the chat API (${clock(ten + 60_000)})`);
    render(
      <div>
        <CustomerPageChip page={page} />
        <span data-testid="row">
          <CustomerPageRowNote page={page} />
        </span>
      </div>,
    );
    expect(screen.getByTestId('customer-page').className).not.toContain('ib-warn');
    expect(screen.getByTestId('row').textContent).toBe('');
    expect(pageGone(page)).toBe(false);
    expect(pageGone({ open: false, at: ten })).toBe(true);
  });
});
