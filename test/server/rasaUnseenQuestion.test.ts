/**
 * newcomer s7 #17: over the Rasa REST channel, a "hi" that starts a conversation is not judged as a wrong answer to
 * the greeting's question the customer has not seen yet; a real opener ("Talk to a person") still counts. (#14, a
 * message written before the rating question that came while the customer was away, is still judged as an answer:
 * dropping it would lose what the customer wrote.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, auth, rasaConfig, rasaPost, startTestRuntime, type TestRuntime } from './runtimeFixtures';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.stop();
  rt = null;
});

const texts = (body: any[]) => body.map((m) => m.text).filter(Boolean);

describe('Rasa channel: an opener that only says hello starts the conversation', () => {
  it('"hi" only starts the conversation; an opener that asks for something still counts', async () => {
    const r = (rt = await startTestRuntime({ config: rasaConfig }));
    const hook = (sender: string, message: string) => rasaPost(r, sender, message);
    expect(texts((await hook('lead1', 'hi')).body)).toEqual(['Welcome to the shop!', 'What do you need?']);
    const opener = await hook('lead2', 'Talk to a person');
    expect(opener.body.find((m: any) => m.custom)?.custom.handoff.status).toBe('pending');
  });
});
