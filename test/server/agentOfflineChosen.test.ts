/**
 * newcomer s9 #18 (HIGH): an agent who chose Offline was put back Online (and given chats) when another of her inbox
 * tabs, or her phone, reloaded: the loading inbox saw "offline" and set Online. The server now remembers that the
 * agent CHOSE offline (GET /api/v1/agent/me: offlineChosen), on every device, until she picks online or busy, or
 * signs in anew; offline by the inactivity timeout is not "chosen" (the next inbox to load sets her online as before).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auth } from './runtimeFixtures';
import { agent, autoAssign, flowWithTakeover, PASSWORD, startAgentRuntime, stopAgentRuntimes } from './agentFixtures';

afterEach(stopAgentRuntimes);

describe('an agent who chose offline, seen from her other device', () => {
  it('stays offline and gets no chats; a new sign-in or choosing online clears it', async () => {
    const ann = agent('ann', { token: undefined });
    const rt = await startAgentRuntime({ agents: [ann], flow: flowWithTakeover(autoAssign()) });
    const signIn = async () => (await rt.post('/api/v1/agent/session', { login: 'ann@example.com', password: PASSWORD })).body.token as string;
    const desktop = await signIn();
    const phone = await signIn();
    expect((await rt.post('/api/v1/agent/presence', { status: 'online' }, auth(desktop))).body.status).toBe('online');
    expect((await rt.get('/api/v1/agent/me', auth(phone))).body).toMatchObject({ status: 'online', offlineChosen: false });

    // Offline, chosen on the desktop.
    expect((await rt.post('/api/v1/agent/presence', { status: 'offline' }, auth(desktop))).body.status).toBe('offline');
    // The phone wakes up and its inbox loads: the server says she chose it.
    expect((await rt.get('/api/v1/agent/me', auth(phone))).body).toMatchObject({ status: 'offline', offlineChosen: true });
    // A customer asks for a person meanwhile: nobody takes it (she is not put back online by the phone's requests).
    await rt.customerWantsPerson();
    await rt.tick();
    expect((await rt.get('/api/v1/agent/handoffs?view=mine', auth(phone))).body.handoffs).toEqual([]);
    expect((await rt.get('/api/v1/agent/me', auth(phone))).body.status).toBe('offline');

    // Giving chats back when going offline is a choice too; online clears it.
    await rt.post('/api/v1/agent/presence', { status: 'online' }, auth(phone));
    expect((await rt.get('/api/v1/agent/me', auth(desktop))).body).toMatchObject({ offlineChosen: false });
    await rt.post('/api/v1/agent/presence', { status: 'offline', chats: 'requeue' }, auth(desktop));
    expect((await rt.get('/api/v1/agent/me', auth(phone))).body).toMatchObject({ status: 'offline', offlineChosen: true });

    // Signing in anew (the next morning): the inbox may set her online again.
    const fresh = await signIn();
    expect((await rt.get('/api/v1/agent/me', auth(fresh))).body).toMatchObject({ status: 'offline', offlineChosen: false });
  });
});
