// @vitest-environment jsdom
/**
 * Session 41 (studio), newcomer s40 N11: a file refused at import shows the reason it was refused first, under its own
 * heading, and the problems that would not stop an import apart ("Also found"), against a real studio server.
 */
import './support/setup';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudioApi, type StudioApi } from '../../renderer/studio/api/studioApi';
import { HomeScreen } from '../../renderer/studio/home/HomeScreen';
import { splitImportProblems } from '../../renderer/studio/home/importBlockers';
import { loadFlowText } from '../../shared/flow/loadFlowText';
import { startStudioServer, type StudioServer } from '../../runtime/studio/startStudioServer';

configure({ asyncUtilTimeout: 15_000 });

let home: string;
let studio: StudioServer;
let api: StudioApi;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'baton-s41-import-'));
  studio = await startStudioServer({ home, port: 0 });
  api = createStudioApi({ baseUrl: studio.origin, secret: studio.secret });
});
afterEach(async () => {
  await studio?.close();
  await rm(home, { recursive: true, force: true });
});

/** The newcomer's file, rebuilt: a block of an unknown kind, a second edge on one exit and a Notify with nobody to notify. */
async function semanticBroken() {
  const doc = JSON.parse(await readFile('flows/customer-support.json', 'utf8'));
  const message = doc.blocks.find((b: { kind: string }) => b.kind === 'message');
  const other = doc.blocks.find((b: { kind: string; id: string }) => b.kind === 'message' && b.id !== message.id);
  const wired = doc.edges.find((e: { from: string }) => e.from === message.id);
  doc.edges.push({ id: 'e-bad', from: message.id, exit: wired.exit, to: other.id });
  doc.blocks.push({ id: 'notify-x', kind: 'notify', data: { channel: 'email', to: [] }, position: { x: 0, y: 900 } });
  const teleport = doc.blocks.find((b: { kind: string }) => b.kind === 'set_variable' || b.kind === 'condition');
  const kind = teleport.kind as string;
  teleport.kind = 'teleport';
  return { doc, teleportId: teleport.id as string, kind };
}

describe('import refusal: the reason first, the rest apart (newcomer s40 N11)', () => {
  it('splits by what stops a file from being read as a flow (the validator has no flow)', async () => {
    const { doc, kind } = await semanticBroken();
    const r = loadFlowText(JSON.stringify(doc));
    expect(r.flow).toBeNull();
    const { blocking, other } = splitImportProblems(r.problems);
    expect(blocking.map((p) => p.code)).toEqual(['unknown_kind']);
    expect(other.map((p) => p.code)).toContain('duplicate_exit_edge');
    expect(other.length + blocking.length).toBe(r.problems.length);
    // The same file with a known kind back imports (so nothing in "other" stops an import).
    const fixed = JSON.parse(JSON.stringify(doc));
    fixed.blocks.find((b: { kind: string }) => b.kind === 'teleport').kind = kind;
    const again = loadFlowText(JSON.stringify(fixed));
    expect(again.flow).not.toBeNull();
    expect(again.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['duplicate_exit_edge']));
    // A refusal with none of the known reasons still gives a reason: every error.
    expect(splitImportProblems([{ severity: 'error', code: 'something_new', path: '$', blockId: null, message: 'm', hint: 'h' }]).blocking).toHaveLength(1);
  });

  it('the home screen shows "Why it cannot be imported" with the unknown kind alone, then "Also found"', async () => {
    const { doc, teleportId } = await semanticBroken();
    render(<HomeScreen onOpen={() => {}} api={api} />);
    await userEvent.upload(screen.getByTestId('import-input'), new File([JSON.stringify(doc)], 'sem.json', { type: 'application/json' }));
    const alert = await screen.findByRole('alert', { name: 'Import failed' });
    expect(alert).toHaveTextContent('sem.json cannot be imported');
    const [why, also] = within(alert).getAllByRole('heading', { level: 3 });
    expect(why).toHaveTextContent(/^Why it cannot be imported$/);
    expect(also).toHaveTextContent(/^Also found \(\d+\): these do not stop an import/);
    const lists = alert.querySelectorAll('ul.bt-problems');
    expect(lists).toHaveLength(2);
    expect(lists[0].querySelectorAll('li')).toHaveLength(1);
    expect(lists[0]).toHaveTextContent(`Block '${teleportId}'`);
    expect(lists[0]).toHaveTextContent("unknown block kind 'teleport'");
    expect(lists[1]).toHaveTextContent('two edges');
    expect(lists[1]).toHaveTextContent('nobody to notify');
    // Heading, reason, then the rest: in that order on the page.
    expect(why.compareDocumentPosition(lists[0]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(lists[0].compareDocumentPosition(also) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect((await api.listFlows()).flows).toEqual([]);
  });
});
