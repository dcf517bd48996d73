/**
 * Independent writers' corpora (scripts/train-escalation/writerCorpus.ts): bad lines are reported with
 * where and what, duplicates dropped, a positive trains only its own output, and the committed corpora
 * are valid.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OUTPUTS } from '../../../shared/escalation/classifier/outputs';
import { loadWriterCorpus, writerConversations, writerTargets } from '../../../scripts/train-escalation/writerCorpus';

const dir = fileURLToPath(new URL('../../fixtures/escalation-corpus/', import.meta.url));

describe('writer corpora', () => {
  it('reports invalid lines with file:line and keeps the valid ones; exact duplicates are dropped', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wc-')), 'w.jsonl');
    writeFileSync(
      file,
      [
        '{"text": "can someone from billing ring me", "label": "explicit_request", "voice": "plain"}',
        '{"text": "Can someone  from billing ring me", "label": "explicit_request"}',
        '{"text": "oops", "label": "angry"}',
        'not json',
        '{"text": "the total is twice what the basket said", "label": "sensitive_topic", "topic": "weather"}',
        '{"text": "the total is twice what the basket said", "label": "sensitive_topic", "topic": "billing"}',
        '{"text": "", "label": "none"}',
        '',
      ].join('\n'),
    );
    const { messages, problems, duplicates } = loadWriterCorpus(file);
    expect(messages.map((m) => m.text)).toEqual(['can someone from billing ring me', 'the total is twice what the basket said']);
    expect(duplicates).toBe(1);
    expect(problems.map((p) => p.where)).toEqual(['w.jsonl:3', 'w.jsonl:4', 'w.jsonl:5', 'w.jsonl:7']);
    expect(problems[0].message).toMatch(/unknown label "angry"/);
    expect(problems[2].message).toMatch(/known "topic"/);
  });

  it('a positive trains only its own output; an ordinary message trains every output as 0', () => {
    const at = (o: string) => OUTPUTS.indexOf(o as (typeof OUTPUTS)[number]);
    const urgent = writerTargets({ text: 'someone is using my card right now', label: 'urgency', source: 'x:1' });
    expect(urgent[at('urgency')]).toBe(1);
    expect(urgent[at('fraud')]).toBe(-1);
    expect(urgent[at('explicit')]).toBe(-1);
    const security = writerTargets({ text: 'my email on the account changed', label: 'sensitive_topic', topic: 'account_security', source: 'x:2' });
    expect(security[at('security')]).toBe(1);
    expect(security[at('negative')]).toBe(-1);
    const none = writerTargets({ text: 'do you ship to Spain', label: 'none', source: 'x:3' });
    expect([...none].every((v) => v === 0)).toBe(true);
    expect(writerConversations([{ text: 'hi', label: 'none', source: 'x:3' }], 'w')[0]).toEqual({ id: 'w-0001', expect: 'none', topic: undefined, turns: ['Something else', 'hi'] });
  });

  it('the committed corpora have no invalid line and every label', () => {
    // Message corpora only: *-conversations.jsonl files are labelled conversations (blindSets.test.ts reads them).
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl') && !f.endsWith('-conversations.jsonl')) : [];
    expect(files.length).toBeGreaterThanOrEqual(2);
    const labels = new Set<string>();
    for (const f of files) {
      const { messages, problems } = loadWriterCorpus(dir + f);
      expect(problems, f).toEqual([]);
      expect(messages.length, f).toBeGreaterThanOrEqual(500);
      // Session 4's writers (w4, w6, w8) each wrote one reason against its look-alikes: every file has ordinary
      // messages and at least one reason; all five labels are covered across the files.
      expect(messages.some((m) => m.label === 'none'), `${f} none`).toBe(true);
      expect(messages.some((m) => m.label !== 'none'), `${f} a positive label`).toBe(true);
      for (const m of messages) labels.add(m.label);
    }
    for (const l of ['explicit_request', 'negative_sentiment', 'sensitive_topic', 'urgency', 'none']) expect(labels.has(l), l).toBe(true);
  });
});
