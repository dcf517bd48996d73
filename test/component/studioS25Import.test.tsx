// @vitest-environment jsdom
/**
 * Session 25 (newcomer s24 #5): a file with an empty urgency phrase was refused with that error alone; the other
 * problems of its escalation policy showed only once it was fixed and the file imported again. The home screen, against
 * a real studio server, now lists every problem at once (and the file is still refused, changing nothing).
 */
import './support/setup';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStudioApi, type StudioApi } from '../../renderer/studio/api/studioApi';
import { HomeScreen } from '../../renderer/studio/home/HomeScreen';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';

configure({ asyncUtilTimeout: 15_000 });

let home: string;
let studio: StudioServer;
let api: StudioApi;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-s25-import-'));
  studio = await startStudioServer({ home, port: 0 });
  api = createStudioApi({ baseUrl: studio.origin, secret: studio.secret });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

describe('import: every problem of the file at once (newcomer s24 #5)', () => {
  it('an empty urgency phrase is listed with the policy entries at fault, and nothing is imported', async () => {
    const doc = JSON.parse(await readFile('flows/customer-support.json', 'utf8'));
    const esc = doc.escalation;
    esc.urgency.phrases = [...(esc.urgency.phrases ?? []), ''];
    esc.negativeSentiment = { ...esc.negativeSentiment, phrases: ['!!!'] };
    esc.neverTrigger = [...(esc.neverTrigger ?? []), 'I.'];
    esc.sensitiveTopics.topics = [...esc.sensitiveTopics.topics, { ...esc.sensitiveTopics.topics[0], phrases: ['store credit'] }];
    const onOpen = vi.fn();
    render(<HomeScreen onOpen={onOpen} api={api} />);
    await userEvent.upload(screen.getByTestId('import-input'), new File([JSON.stringify(doc)], 'northwind.json', { type: 'application/json' }));
    const alert = await screen.findByRole('alert', { name: 'Import failed' });
    expect(alert).toHaveTextContent('northwind.json cannot be imported');
    const at = (path: string) => [...alert.querySelectorAll('li')].filter((li) => li.querySelector('code')?.textContent === path);
    expect(at(`$.escalation.urgency.phrases[${esc.urgency.phrases.length - 1}]`)[0]).toHaveTextContent('must not be empty');
    expect(at('$.escalation.negativeSentiment.phrases[0]')[0]).toHaveTextContent('has no letter or digit');
    expect(at(`$.escalation.neverTrigger[${esc.neverTrigger.length - 1}]`)).toHaveLength(1);
    expect(at(`$.escalation.neverTrigger[${esc.neverTrigger.length - 1}]`)[0]).toHaveTextContent('the one-character word "i"');
    expect(at(`$.escalation.sensitiveTopics.topics[${esc.sensitiveTopics.topics.length - 1}].name`)[0]).toHaveTextContent(/Sensitive topics 1 and \d+ are both called "refunds"/);
    expect(alert).not.toHaveTextContent('salvaged');
    expect(onOpen).not.toHaveBeenCalled();
    expect((await api.listFlows()).flows).toEqual([]);
  });
});
