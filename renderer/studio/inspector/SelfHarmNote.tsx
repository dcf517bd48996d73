/**
 * Flow settings › Escalation › Urgency: the built-in self-harm / crisis phrases (shared/escalation/selfHarm.ts), read-only.
 * Session 27 (session 25 review): the note was one dense paragraph of about 40 quoted examples. It is a two-line summary
 * now, and the examples a collapsible list grouped by what they say; the wordings come from SELF_HARM_COVERS and
 * SELF_HARM_LEAVES themselves (a wording added there and not grouped here shows under "Other wordings").
 */
import { SELF_HARM_COVERS, SELF_HARM_LEAVES, SELF_HARM_NAME } from '../../../shared/escalation/selfHarm';

/** The quoted wordings of one of selfHarm.ts's lists. */
export function quotedWordings(list: string): string[] {
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

const GROUPS: { title: string; words: string[] }[] = [
  {
    title: 'Suicide, wanting to die',
    words: ["I'm suicidal", 'thinking about suicide', 'I want to kill myself', 'end my life', 'end it all', 'ending everything', 'I want to die', 'I wish I were dead', "I don't want to live anymore", 'no reason to live', "I can't go on", 'nobody would miss me if I was gone'],
  },
  { title: 'Self-harm and its means', words: ['cutting myself', 'self-harm', 'hang myself', 'take all my pills', 'I want to overdose', 'jump off a bridge'] },
  { title: 'Slang', words: ['kms', 'unalive myself'] },
  { title: 'Typed without spaces', words: ['killmyself', 'iwanttodie'] },
  { title: 'Other languages', words: ['je veux mourir', 'quiero morir', 'ich will sterben'] },
];

/** The covered wordings by group, in selfHarm.ts's order; those no group names last, under "Other wordings". */
export function groupedCovers(): { title: string; words: string[] }[] {
  const covers = quotedWordings(SELF_HARM_COVERS);
  const placed = new Set(GROUPS.flatMap((g) => g.words));
  const groups = GROUPS.map((g) => ({ title: g.title, words: covers.filter((w) => g.words.includes(w)) })).filter((g) => g.words.length > 0);
  const rest = covers.filter((w) => !placed.has(w));
  return rest.length ? [...groups, { title: 'Other wordings', words: rest }] : groups;
}

export function SelfHarmNote() {
  const groups = groupedCovers();
  const leaves = quotedWordings(SELF_HARM_LEAVES);
  const count = groups.reduce((n, g) => n + g.words.length, 0);
  return (
    <div className="bt-field-help st-signal-note st-self-harm" data-testid="self-harm-note">
      <p>
        <strong>Built in, always urgent ({SELF_HARM_NAME}):</strong> a customer who says they may harm themselves is handed over at once, whatever else
        the message says. Add other wordings your customers use to Extra urgent phrases or Examples. Switching Urgency off switches this off too.
      </p>
      <details>
        <summary>
          What it reads ({count} examples) and what it leaves alone ({leaves.length})
        </summary>
        {groups.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h4>{g.title}</h4>
            <ul className="st-self-harm-words">
              {g.words.map((w) => (
                <li key={w}>“{w}”</li>
              ))}
            </ul>
          </section>
        ))}
        <section aria-label="Left alone">
          <h4>Left alone: other senses, not a person at risk</h4>
          <ul className="st-self-harm-words" data-tone="muted">
            {leaves.map((w) => (
              <li key={w}>“{w}”</li>
            ))}
          </ul>
        </section>
      </details>
    </div>
  );
}
