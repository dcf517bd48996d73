// @vitest-environment jsdom
/**
 * Newcomer s40 (ui, session 40), the widget:
 * N7: "Start a new conversation" threw away a bot chat the customer had answered with one tap; it now asks first
 *     ("Start a new chat? This one will end."); a chat the customer has not said anything in restarts at once.
 * N15: the header cut the flow name at one line; it wraps to two, and the whole name is its tooltip.
 */
import './support/setup';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Widget } from '../../renderer/widget/Widget';
import { createChatClient } from '../../renderer/widget/chatClient';
import { entry, fakeCustomerApi, memoryStorage } from './support/widgetFakes';

function mount(customerSaid: boolean, title = 'Shop') {
  const server = fakeCustomerApi((n) => {
    const messages = [entry(1, 'bot', `Hello from c${n}`)];
    if (n === 1 && customerSaid) messages.push(entry(2, 'customer', 'Returns'), entry(3, 'bot', 'What is your order number?'));
    return { mode: 'bot', messages };
  });
  render(<Widget flowId="shop" title={title} client={createChatClient({ baseUrl: 'http://x', storage: memoryStorage(), fetch: server.fetch })} />);
  return server.calls;
}

const restartButton = () => screen.getByRole('button', { name: 'Start a new conversation' });

describe('widget restart of a bot chat in progress (newcomer s40 N7)', () => {
  it('asks first once the customer has answered; "Keep this chat" keeps it', async () => {
    const calls = mount(true);
    await screen.findByText('What is your order number?');
    await userEvent.click(restartButton());
    const ask = screen.getByRole('alertdialog');
    expect(ask).toHaveTextContent('Start a new chat? This one will end.');
    await userEvent.click(within(ask).getByRole('button', { name: 'Keep this chat' }));
    expect(screen.getByText('What is your order number?')).toBeInTheDocument();
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual(['POST /api/v1/flows/shop/conversations']);
    await userEvent.click(restartButton());
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Start a new chat' }));
    await screen.findByText('Hello from c2');
  });

  it('a chat the customer has not said anything in restarts at once', async () => {
    const calls = mount(false);
    await screen.findByText('Hello from c1');
    await userEvent.click(restartButton());
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await screen.findByText('Hello from c2');
    expect(calls.filter((c) => c.startsWith('POST')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('widget header name (newcomer s40 N15)', () => {
  it('the whole flow name is the title tooltip', async () => {
    const name = 'Northwind Goods customer support and returns';
    mount(false, name);
    await screen.findByText('Hello from c1');
    expect(screen.getByRole('heading', { name })).toHaveAttribute('title', name);
  });
});
