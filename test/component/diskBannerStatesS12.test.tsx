// @vitest-environment jsdom
/**
 * Hostile s12 #2-#5 (server side fixhost 924e6e5; banner hunk /work/coord/s12/fixhost-banner-hunk.md): when the flow's
 * path holds no readable flow, the disk banner said "fix the file and Reload, or Keep mine" whatever was there. A
 * missing file cannot be reloaded; a folder, pipe, link or huge file cannot be saved over until it is moved away.
 */
import './support/setup';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SaveStatus } from '../../renderer/studio/persistence/SaveStatus';

const banner = () => screen.getByRole('alert', { name: 'This flow was changed outside the studio' });

describe('the disk banner says what can work for what is on disk', () => {
  it('a missing file: Keep mine writes it again, no Reload', () => {
    // Newcomer s13 #8: one sentence from the server's words, no nested parentheses.
    render(<SaveStatus status="disk_changed" diskPath="/h/flows/a.json" diskProblem="the file was deleted, or a git checkout removed it" diskState="missing" />);
    expect(banner()).toHaveTextContent('The file was deleted, or a git checkout removed it. Keep mine writes the studio\'s copy back, or delete the flow if it should stay gone.');
    expect(banner().textContent).not.toMatch(/\(.*\(/);
    expect(within(banner()).getByRole('button', { name: 'Keep mine' })).toBeInTheDocument();
    expect(within(banner()).queryByRole('button', { name: /Reload/ })).toBeNull();
  });

  it('a folder (or pipe, link, huge file): move it away first, no Reload', () => {
    render(<SaveStatus status="disk_changed" diskPath="/h/flows/a.json" diskProblem="it is a folder" diskState="folder" />);
    expect(banner()).toHaveTextContent('Nothing can be saved to it: it is a folder. Move it out of the way first, then Keep mine');
    expect(within(banner()).queryByRole('button', { name: /Reload/ })).toBeNull();
  });

  it('a malformed flow file: fix it and Reload, or Keep mine, as before', () => {
    render(<SaveStatus status="disk_changed" diskPath="/h/flows/a.json" diskProblem="not valid JSON at line 3, column 1" diskState="invalid" />);
    expect(banner()).toHaveTextContent('The file on disk is not a readable flow: not valid JSON at line 3, column 1');
    expect(within(banner()).getByRole('button', { name: /Reload/ })).toBeInTheDocument();
  });
});
