// @vitest-environment jsdom
/**
 * fixui, session 18 (hostile s18 H#16, renderer part): the widget's unread preview (the host page's badge) cut a long
 * message with .slice and left half an emoji ("Ann: xxx…\ud83d…", a box). It is now cut between whole characters, as
 * the inbox's toasts are (cutText). (The studio's Find preview and the simulator's expectation labels use it too.)
 */
import './support/setup';
import { describe, expect, it } from 'vitest';
import { unreadSummary } from '../../renderer/widget/Widget';
import type { ChatEntry } from '../../renderer/widget/chatClient';

const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('the widget unread preview never holds half an emoji (hostile s18 H#16)', () => {
  it('an emoji across the cut is left out whole; a family emoji is not split into people', () => {
    for (const text of ['x'.repeat(88) + '😀 more', 'x'.repeat(87) + '👨‍👩‍👧‍👦 more', 'y'.repeat(89) + '🇬🇧 more']) {
      const entry = { id: 'c:2', seq: 2, from: 'agent', name: 'Ann', text, at: 1 } as ChatEntry;
      const { preview } = unreadSummary([entry], 1);
      expect(preview, text).not.toMatch(lone);
      expect(preview!.endsWith('…')).toBe(true);
      expect(preview).not.toMatch(/👨(?!‍)|🇬(?!🇧)/u);
    }
  });
});
