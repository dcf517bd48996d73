/**
 * What a flow id may be. The id names the flow wherever it is used outside the studio: the served chat address
 * `/chat/<id>`, the API's `/api/v1/flows/<id>/conversations`, the widget's embed code, the export file `<id>.json`
 * and a scenario file's "flow". So it is kept to characters that read the same in a URL and a file name on every
 * system. One rule for the studio's Flow settings, `baton validate`, `baton serve` and the admin deploy API (hostile
 * s6: the admin API served ids such as `../../etc`, `a/b` and `__proto__`).
 */
export const FLOW_ID_MAX = 60;
const FLOW_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Why `id` cannot be a flow id, in words for the designer; null when it can. */
export function flowIdProblem(id: string): string | null {
  if (id.trim() === '') return 'The flow id cannot be empty.';
  if (id.length > FLOW_ID_MAX) return `The flow id is ${id.length} characters long; keep it to ${FLOW_ID_MAX} or fewer.`;
  if (!FLOW_ID.test(id)) {
    const bad = [...new Set([...id].filter((c) => !/[A-Za-z0-9_-]/.test(c)))].map((c) => (c === ' ' ? 'spaces' : `"${c}"`));
    if (bad.length) return `The flow id cannot contain ${bad.slice(0, 4).join(', ')}: use letters, digits, - and _ (it becomes part of the chat address /chat/<id>).`;
    return 'The flow id must start with a letter or a digit.';
  }
  return null;
}
