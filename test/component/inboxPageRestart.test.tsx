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
    // Session 36: short, as the row says it (the header chip wrapped over two lines at 1,280 px); the tooltip says it all.
    expect(customerPageWords(page, clock)).toBe('Not seen since restart');
    render(
      <div>
        <CustomerPageChip page={page} />
        <CustomerPageRowNote page={page} />
      </div>,
    );
    expect(screen.getByTestId('customer-page').className).toContain('ib-warn');
    expect(screen.getByTestId('customer-page').getAttribute('title')).toMatch(new RegExp(`^Customer not seen since the server restarted at ${clock(ten)}: `));
    expect(screen.getByText(`Not seen since restart ${clock(ten)}`)).toBeTruthy(); // the row note names the time
    expect(screen.queryByText(/Page closed/)).toBeNull();
    expect(pageGone(page)).toBe(false);
  });
});

describe('a page closed by a customer who still uses the chat API (newcomer s35 #2)', () => {
  it('the header says so, the row says nothing, and the customer is not gone', () => {
    const page = { open: false, at: ten, activeAt: ten + 60_000 };
    expect(customerPageWords(page, clock)).toBe('Page closed; still on the API');
    // The times are in the chip's tooltip.
    render(
      <div>
        <CustomerPageChip page={page} />
        <span data-testid="row">
          <CustomerPageRowNote page={page} />
        </span>
      </div>,
    );
    expect(screen.getByTestId('customer-page').className).not.toContain('ib-warn');
    expect(screen.getByTestId('customer-page').getAttribute('title')).toContain(`closed at ${clock(ten)}, but they have read or written through the chat API since (last at ${clock(ten + 60_000)}`);
    expect(screen.getByTestId('row').textContent).toBe('');
    expect(pageGone(page)).toBe(false);
    expect(pageGone({ open: false, at: ten })).toBe(true);
  });
});
