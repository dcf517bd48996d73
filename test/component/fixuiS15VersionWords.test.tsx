// @vitest-environment jsdom
/**
 * Newcomer s14 #15 rest (fixui, session 15): selecting a version showed "Field data.options[0].synonyms" with the
 * values as raw JSON arrays (["track","tracking",...]). Fields are now in the inspector's words ("Button 1 ›
 * Synonyms", "Question", Flow settings' "Language"), lists of words as lists, with what the version adds or drops.
 */
import './support/setup';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { diffFlows } from '../../runtime/studio/diffFlows';
import { VersionDiff } from '../../renderer/studio/history/VersionDiff';
import { blockFieldWords, settingWords } from '../../renderer/studio/history/fieldWords';

const flow = (synonyms: string[], text: string, language: string) => ({
  version: 1,
  id: 'f',
  name: 'F',
  settings: { language },
  blocks: [
    { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'menu', kind: 'buttons', label: 'Main menu', position: { x: 0, y: 100 }, data: { text, options: [{ id: 'track', label: 'Track my order', synonyms }], retryMessage: 'Please choose.', maxRetries: 2 } },
  ],
  edges: [],
});

describe('version diff in the inspector\'s words (newcomer s14 #15)', () => {
  it('a block field, a list item field and a Flow settings field are named as the designer sees them', () => {
    expect(blockFieldWords('buttons', 'data.options[0].synonyms')).toBe('Button 1 › Synonyms');
    expect(blockFieldWords('buttons', 'data.text')).toBe('Question');
    expect(blockFieldWords('buttons', 'label')).toBe('Label');
    expect(settingWords('settings.language')).toBe('Language');
  });

  it('the table shows words and lists, not paths and JSON; the list says what the version adds and drops', () => {
    // Now: synonyms track, tracking, [A-edit]; the version had track, tracking, where is my order.
    const now = flow(['track', 'tracking', '[A-edit]'], 'How can I help?', 'en');
    const version = flow(['track', 'tracking', 'where is my order'], 'What can I do for you?', 'fr');
    render(<VersionDiff diff={diffFlows(now, version)} />);
    expect(screen.getByText('Button 1 › Synonyms')).toBeInTheDocument();
    expect(screen.getByText('Question')).toBeInTheDocument();
    expect(screen.getByText('Language')).toBeInTheDocument();
    const table = document.body.textContent ?? '';
    expect(table).toContain('"track", "tracking", "[A-edit]"');
    expect(table).toContain('"track", "tracking", "where is my order"');
    expect(table).toContain('+ "where is my order"');
    expect(table).toContain('− "[A-edit]"');
    expect(table).not.toContain('data.options[0].synonyms');
    expect(table).not.toMatch(/\["track"/);
    // The path in the file is still there for whoever wants it: the cell's tooltip.
    expect(screen.getByText('Button 1 › Synonyms')).toHaveAttribute('title', 'data.options[0].synonyms');
  });
});
