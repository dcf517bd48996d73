// @vitest-environment jsdom
/**
 * fixrt s9: a customer page known only from a server restart (`beforeRestart`) reads as closed, naming the restart,
 * in the conversation header and the queue row.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CustomerPageChip, CustomerPageRowNote, customerPageWords } from '../../renderer/inbox/CustomerPageNote';

const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const ten = new Date(2026, 10, 30, 10, 0).getTime();

describe('a page closed before a restart', () => {
  it('header and row say closed, naming the restart time', () => {
    const page = { open: false, at: ten, beforeRestart: true as const };
    expect(customerPageWords(page, clock)).toBe(`Customer's page closed: not back since the server restarted at ${clock(ten)}`);
    render(
      <div>
        <CustomerPageChip page={page} />
        <CustomerPageRowNote page={page} />
      </div>,
    );
    expect(screen.getByTestId('customer-page').className).toContain('ib-warn');
    expect(screen.getByText(`Page closed before ${clock(ten)}`)).toBeTruthy();
  });
});
