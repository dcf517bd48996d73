// @vitest-environment jsdom
/**
 * Session 46 (inbox11, newcomer s46 N11): a transfer's status line (the chat back in the queue, pending) read
 * "Handoff waiting · Chose 'Talk to a mechanic'" as if the bot had handed over again. With the runtime's transfer
 * on the line it reads "Transferred by Ann to Bob"; the first handoff and a requeue that is no transfer keep their words.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inbox } from '../../renderer/inbox/Inbox';
import type { Entry } from '../../renderer/inbox/inboxApi';
import { annOnline, fakeInboxApi, handoffDetail, handoffRow, placeAt, quietAlerts, signedInStorage } from './support/inboxFakes';

const t0 = Date.now() - 60_000;
const hs = (status: string, transfer?: { by: string; to: string }) => ({ mode: status === 'pending' ? 'waiting' : 'agent', handoff: { id: 'c1:h1', status, reason: 'flow', ...(transfer ? { transfer } : {}) } });
const transcript: Entry[] = [
  { id: 'e1', seq: 1, from: 'customer', text: 'Talk to a mechanic', at: t0 },
  { id: 'e2', seq: 2, from: 'system', text: 'waiting', at: t0 + 1000, status: hs('pending') },
  { id: 'e3', seq: 3, from: 'system', text: 'agent', at: t0 + 2000, status: hs('assigned') },
  { id: 'e4', seq: 4, from: 'agent', name: 'Ann', text: 'Hi, Ann here.', at: t0 + 3000 },
  { id: 'e5', seq: 5, from: 'bot', text: 'Ann is transferring you to Bob. Please stay with us.', at: t0 + 4000 },
  { id: 'e6', seq: 6, from: 'system', text: 'waiting', at: t0 + 4000, status: hs('pending', { by: 'Ann', to: 'Bob' }) },
  { id: 'e7', seq: 7, from: 'system', text: 'agent', at: t0 + 5000, status: hs('assigned') },
  { id: 'e8', seq: 8, from: 'agent', name: 'Bob', text: 'Hi, Bob here.', at: t0 + 6000 },
  { id: 'e9', seq: 9, from: 'system', text: 'waiting', at: t0 + 7000, status: hs('pending') },
  { id: 'e10', seq: 10, from: 'agent', name: 'Cat', text: 'Hi, Cat here.', at: t0 + 8000 },
];

describe('inbox timeline: a transfer is not a new handoff (N11)', () => {
  it('says who transferred it to whom; the first handoff and a decline keep "Handoff waiting"', async () => {
    const h = handoffRow({ status: 'resolved', agentId: 'ann', agentName: 'Ann Lee', endedAs: 'closed' });
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [h] }),
      detail: async () => handoffDetail(h, { conversation: { id: 'c1', flowId: 'shop', mode: 'closed', createdAt: t0, lastSeq: transcript.length }, transcript }),
    });
    render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/closed/c1:h1')} />);
    await screen.findByText('Hi, Cat here.');
    const sys = [...document.querySelectorAll('.ib-log > li.ib-sys')].map((li) => li.textContent!.replace(/ · [^·]*$/, '').trim());
    const waiting = sys.filter((x) => /^Handoff waiting|^Transferred/.test(x));
    expect(waiting.length).toBe(3);
    expect(waiting[0]).toMatch(/^Handoff waiting/);
    expect(waiting[1]).toBe('Transferred by Ann to Bob');
    expect(waiting[2]).toMatch(/^Handoff waiting/);
  });
});

describe('"Why the bot handed over": the alarm colour only for urgent or upset (N17)', () => {
  async function reasonOf(reason: string, priority = 'normal') {
    const h = handoffRow({ status: 'resolved', agentId: 'ann', agentName: 'Ann Lee', endedAs: 'closed', reason, priority } as never);
    const api = fakeInboxApi({
      ...annOnline(0),
      list: async () => ({ counts: { unassigned: 0, mine: 0, all: 0, closed: 1 }, handoffs: [h] }),
      detail: async () => handoffDetail(h, { conversation: { id: 'c1', flowId: 'shop', mode: 'closed', createdAt: t0, lastSeq: transcript.length }, transcript }),
    });
    const r = render(<Inbox api={api} storage={signedInStorage()} alerts={quietAlerts} place={placeAt('#/closed/c1:h1')} />);
    await screen.findByText('Hi, Cat here.');
    const p = document.querySelector('.ib-context .ib-reason')!;
    const urgent = p.classList.contains('ib-reason-urgent');
    r.unmount();
    return urgent;
  }
  it('a button choice, an explicit request, the flow: neutral; urgency, negative sentiment, an urgent priority: alarm', async () => {
    expect(await reasonOf('flow')).toBe(false);
    expect(await reasonOf('explicit_request')).toBe(false);
    expect(await reasonOf('low_confidence', 'high')).toBe(false);
    expect(await reasonOf('urgency')).toBe(true);
    expect(await reasonOf('negative_sentiment')).toBe(true);
    expect(await reasonOf('flow', 'urgent')).toBe(true);
  });
});
