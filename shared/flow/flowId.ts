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

/** A URL- and file-name-safe slug of a name ("Callback booking bot!" -> "callback-booking-bot"); '' when nothing is left. */
export function slugOf(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, FLOW_ID_MAX);
}

/** The id a blank flow gets from its placeholder name ("Untitled flow", "Untitled flow (2)"). */
const PLACEHOLDER_ID = /^untitled-flow(?:-\d{1,15})?$/;

/**
 * Session 39 (newcomer s39 N1: a blank flow renamed "Callback booking bot" was exported as untitled-flow.json, served at
 * /chat/untitled-flow and listed so in the inbox): the id a flow should take when it is renamed to `name`, or null to
 * keep its id. Only a placeholder id follows the name (a blank flow's "untitled-flow", "untitled-flow-2"): an id the
 * designer chose, or one a template brought, may already be in an embed code or a served address, so it never moves
 * by itself (Flow settings › Flow id changes it on purpose).
 */
/** Whether `id` is a blank flow's placeholder id (untitled-flow, untitled-flow-2...), the one a rename replaces. */
export const isPlaceholderId = (id: string): boolean => PLACEHOLDER_ID.test(id);

export function idFollowingName(currentId: string, name: string): string | null {
  if (!PLACEHOLDER_ID.test(currentId)) return null;
  const id = slugOf(name);
  if (id === '' || id === currentId || PLACEHOLDER_ID.test(id) || flowIdProblem(id) !== null) return null;
  return id;
}
