/**
 * Hostile s29 H3: while a customer waits for or talks to a person, every message is read for self-harm
 * (engine.ts crisisWhileWithPerson) and was analysed in full for it (sentiment, stems, entities, shouting). It now reads
 * only the normalised words (selfHarm.selfHarmInText), which must find exactly what the full analysis finds.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SELF_HARM_COVERS, SELF_HARM_LEAVES, selfHarmIn, selfHarmInText } from '../../../shared/escalation/selfHarm';
import { analyzeText } from '../../../shared/nlu/analyzeText';

const dir = new URL('../../fixtures/escalation/', import.meta.url);
const corpus: string[] = [];
for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl'))) {
  for (const line of readFileSync(new URL(f, dir), 'utf8').split('\n')) if (line.trim()) corpus.push(...(JSON.parse(line).turns as string[]));
}
const quoted = (s: string) => [...s.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
const crafted = [
  ...quoted(SELF_HARM_COVERS),
  ...quoted(SELF_HARM_LEAVES),
  'I WANT TO KILL MYSELF!!!',
  "i'm gonna kms lol",
  'Ｉ want to die',
  'i want to\u200b die',
  'je veux mourir 😢😢😢',
  'not suicidal, just annoyed 🙄',
  'where is my order NW-104233? ' + 'x '.repeat(600) + 'i want to end my life',
  '',
  '😡😡😡😡😡😡😡😡',
];

describe('the self-harm check on the words alone (hostile s29 H3)', () => {
  it(`finds what the full analysis finds, on ${corpus.length} corpus turns and the crafted wordings`, () => {
    expect(corpus.length).toBeGreaterThan(300);
    let found = 0;
    for (const t of [...corpus, ...crafted]) {
      const full = selfHarmIn(analyzeText(t));
      expect(selfHarmInText(t), t).toBe(full);
      if (full !== null) found++;
    }
    expect(found).toBeGreaterThan(10); // the comparison covers messages that fire, not only ones that do not
  });
});
