/**
 * Session 50 (studio18, hostile s49 L7): an agent's message (or private note) as it is stored and shown. A message of
 * "line1" + 20 blank lines + "line2" was stored as typed and drawn by the widget as a bubble ~400 px tall, mostly empty.
 * One rule for the agent API (`baton serve`), the inbox's composer and the studio simulator's agent box:
 * - line ends are "\n" (a pasted "\r\n" too);
 * - a line of only spaces or tabs is a blank line, and a run of blank lines between two paragraphs is one blank line;
 * - blank lines and spaces at the start and end go.
 * The words and the single line breaks the agent typed are kept. Empty when nothing but white space was typed (the
 * caller refuses it, saying so).
 *
 * Pure.
 */
export function tidyAgentText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
