/**
 * Session 49 (apisec4): the widget asks the embedding page for a fresh identity token per chat (renderer/widget/identity.ts
 * askPageForToken). Only the answer to this request, from the page (accept), with a token's shape counts; a failure,
 * a wrong shape or no answer in time gives null and a console warning saying why (the chat then starts unverified).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { askPageForToken, cleanIdentity } from '../../renderer/widget/identity';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjIn0.c2lnbmF0dXJl';
afterEach(() => vi.useRealTimers());

function page() {
  const target = new EventTarget();
  const sent: Array<{ baton: string; request: string }> = [];
  const answer = (data: unknown, source: 'page' | 'other' = 'page') => target.dispatchEvent(Object.assign(new MessageEvent('message', { data }), { fromPage: source === 'page' }));
  return { target, sent, answer, post: (m: unknown) => sent.push(m as { baton: string; request: string }), accept: (e: MessageEvent & { fromPage?: boolean }) => e.fromPage === true };
}

describe('askPageForToken', () => {
  it('takes the answer to its own request from the page; ignores other requests and other windows', async () => {
    const p = page();
    const warn = vi.fn();
    const got = askPageForToken({ target: p.target as never, post: p.post, accept: p.accept as never, warn });
    expect(p.sent).toHaveLength(1);
    expect(p.sent[0].baton).toBe('identityToken');
    p.answer({ baton: 'identityToken', request: 'someone-else', identityToken: TOKEN.replace('c2ln', 'eHh4') });
    p.answer({ baton: 'identityToken', request: p.sent[0].request, identityToken: 'x.y.z' }, 'other');
    p.answer({ baton: 'identityToken', request: p.sent[0].request, identityToken: ` ${TOKEN} ` });
    expect(await got).toBe(TOKEN);
    expect(warn).not.toHaveBeenCalled();
  });

  it("the page's function failed, gave no token, or never answered: null and a warning saying why", async () => {
    const p = page();
    const warn = vi.fn();
    const failed = askPageForToken({ target: p.target as never, post: p.post, accept: p.accept as never, warn });
    p.answer({ baton: 'identityToken', request: p.sent[0].request, identityToken: null, error: 'identityToken() failed: session expired' });
    expect(await failed).toBeNull();
    expect(warn.mock.calls[0][0]).toContain('session expired');

    const shape = askPageForToken({ target: p.target as never, post: p.post, accept: p.accept as never, warn });
    p.answer({ baton: 'identityToken', request: p.sent[1].request, identityToken: '<script>' });
    expect(await shape).toBeNull();
    expect(warn.mock.calls[1][0]).toContain('not a signed token');

    vi.useFakeTimers();
    const silent = askPageForToken({ target: p.target as never, post: p.post, accept: p.accept as never, warn, waitMs: 5000 });
    await vi.advanceTimersByTimeAsync(5001);
    expect(await silent).toBeNull();
    expect(warn.mock.calls[2][0]).toContain('did not answer within 5 s');
  });

  it('cleanIdentity keeps the loader\'s identityTokenProvider flag (true only)', () => {
    expect(cleanIdentity({ identityTokenProvider: true })).toEqual({ identityTokenProvider: true });
    expect(cleanIdentity({ identityTokenProvider: 'yes' }, () => undefined)).toBeUndefined();
  });
});
