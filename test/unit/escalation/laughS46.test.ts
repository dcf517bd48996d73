// Session 46 (tidy3): one laugh pattern (shared/escalation/laugh.ts) for takenBack, hazardNow and detectNegativeSentiment,
// the union of the four it replaces; and the people of hazardNow / detectUrgency from one list (people.ts).
import { describe, expect, it } from 'vitest';
import { isLaugh } from '../../../shared/escalation/laugh';
import { hazardNow } from '../../../shared/escalation/hazardNow';

describe('isLaugh', () => {
  it('reads each form one of the four old patterns read', () => {
    for (const t of ['lol', 'loool', 'lolll', 'lolol', 'haha', 'hahaha', 'hahah', 'hehe', 'heheh', 'jajaja', 'lmao', 'lmfao', 'rofl']) expect(isLaugh(t), t).toBe(true);
  });
  it('not words that merely start like one', () => {
    for (const t of ['lo', 'ha', 'hah', 'he', 'hello', 'lola', 'lolly', 'jaj', 'heh', 'roflcopter', 'lmaoo', 'hall']) expect(isLaugh(t), t).toBe(false);
  });
});

describe('hazardNow reads a laugh the other readers knew as a figure of speech', () => {
  it('"lmfao" and "jajaja" (hazardNow had only "lmao" and "haha")', () => {
    // Written before the change: a hazard with a person affected, and a laugh hazardNow did not know.
    const toks = (s: string) => s.split(' ');
    expect(hazardNow(toks('my brother says his room is on fire he is coughing'))).not.toBeNull();
    expect(hazardNow(toks('my brother says his room is on fire he is coughing lmfao'))).toBeNull();
    expect(hazardNow(toks('my brother says his room is on fire he is coughing jajaja'))).toBeNull();
  });
});
