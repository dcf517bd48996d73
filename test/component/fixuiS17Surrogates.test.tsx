// @vitest-environment jsdom
/**
 * fixui, session 17 (hostile s17 H#19, the renderer's part): the runtime's inbox list preview is cut by UTF-16 units
 * ("aa\ud83d…"), so the list showed half an emoji (a box); the inbox's own previews (toasts, the unsent-draft line)
 * cut the same way with .slice. The renderer now drops half a pair left by a cut, and its previews cut whole
 * characters. An emoji-first name gives a whole emoji as the avatar's initial.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { cutText, inertText, wellFormed } from '../../renderer/inbox/inertText';

const lone = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('texts cut mid-emoji (hostile s17 H#19)', () => {
  it('the server\'s list preview "aa\\ud83d…" shows "aa…"; a cut " […]" likewise; other lone halves show U+FFFD', () => {
    const server = `${'a'.repeat(138)}😀`.slice(0, 139) + '…';
    expect(lone(server)).toBe(true);
    const shown = inertText(server);
    expect(lone(shown)).toBe(false);
    expect(shown).toBe(`${'a'.repeat(138)}…`);
    expect(inertText('help me 😀😀'.slice(0, 9) + ' […]')).toBe('help me  […]');
    expect(wellFormed('a\uDE00b')).toBe('a\uFFFDb');
    expect(wellFormed('plain 😀 text')).toBe('plain 😀 text');
    render(<p data-testid="row">{inertText(server)}</p>);
    expect(screen.getByTestId('row').textContent).toBe(`${'a'.repeat(138)}…`);
  });

  it('the inbox\'s previews cut whole characters (emoji, flags, accents), "…" within the limit', () => {
    const text = `${'a'.repeat(138)}😀😀 and more`;
    const cut = cutText(text, 140);
    expect(lone(cut)).toBe(false);
    expect(cut.length).toBeLessThanOrEqual(140);
    expect(cut).toBe(`${'a'.repeat(138)}…`);
    const flags = cutText('🇬🇧🇫🇷🇩🇪🇮🇹', 6);
    expect(flags).toBe('🇬🇧…');
    expect(cutText('short', 140)).toBe('short');
  });
});
