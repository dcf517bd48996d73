/** Every keyboard shortcut of the editor, in one table (the cheat sheet renders it). */
export interface Shortcut {
  action: string;
  keys: string;
  description: string;
  /** One row of the cheat sheet stands for several entries (the four arrow keys): the others are not listed. */
  unlisted?: boolean;
  match(e: KeyboardEvent): boolean;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const key = (e: KeyboardEvent) => e.key.toLowerCase();

export const shortcuts: Shortcut[] = [
  { action: 'undo', keys: 'Ctrl+Z', description: 'Undo', match: (e) => mod(e) && !e.shiftKey && key(e) === 'z' },
  { action: 'redo', keys: 'Ctrl+Shift+Z / Ctrl+Y', description: 'Redo', match: (e) => mod(e) && ((e.shiftKey && key(e) === 'z') || key(e) === 'y') },
  { action: 'delete', keys: 'Delete / Backspace', description: 'Delete the selection', match: (e) => !mod(e) && (e.key === 'Delete' || e.key === 'Backspace') },
  { action: 'duplicate', keys: 'Ctrl+D', description: 'Duplicate the selected blocks', match: (e) => mod(e) && key(e) === 'd' },
  { action: 'selectAll', keys: 'Ctrl+A', description: 'Select every block', match: (e) => mod(e) && key(e) === 'a' },
  { action: 'find', keys: 'Ctrl+F', description: 'Find a block by its text', match: (e) => mod(e) && key(e) === 'f' },
  { action: 'layout', keys: 'Ctrl+Shift+L', description: 'Automatic layout (one undo step)', match: (e) => mod(e) && e.shiftKey && key(e) === 'l' },
  { action: 'group', keys: 'Ctrl+G', description: 'Group the selected blocks', match: (e) => mod(e) && !e.shiftKey && key(e) === 'g' },
  { action: 'note', keys: 'N', description: 'Add a sticky note', match: (e) => !mod(e) && !e.altKey && key(e) === 'n' },
  { action: 'fitView', keys: 'Shift+1', description: 'Fit the whole flow in view', match: (e) => e.shiftKey && (e.key === '!' || e.code === 'Digit1') },
  { action: 'zoomIn', keys: '+', description: 'Zoom in', match: (e) => !mod(e) && (e.key === '+' || e.key === '=') },
  { action: 'zoomOut', keys: '-', description: 'Zoom out', match: (e) => !mod(e) && e.key === '-' },
  { action: 'shortcuts', keys: '?', description: 'Show this cheat sheet', match: (e) => e.key === '?' },
  { action: 'commands', keys: 'Ctrl+K', description: 'Command palette: every action, panel and block kind by name', match: (e) => mod(e) && !e.shiftKey && key(e) === 'k' },
  // Session 19 (README: "no moving blocks with the keyboard"): arrows move the selected blocks and notes 10 px, with Shift
  // 50 px; the moves of one burst are one undo step.
  { action: 'nudgeLeft', keys: 'Arrow keys', description: 'Move the selected blocks and notes (Shift: further)', match: (e) => !mod(e) && !e.altKey && e.key === 'ArrowLeft' },
  { action: 'nudgeRight', keys: 'ArrowRight', description: 'Move right', unlisted: true, match: (e) => !mod(e) && !e.altKey && e.key === 'ArrowRight' },
  { action: 'nudgeUp', keys: 'ArrowUp', description: 'Move up', unlisted: true, match: (e) => !mod(e) && !e.altKey && e.key === 'ArrowUp' },
  { action: 'nudgeDown', keys: 'ArrowDown', description: 'Move down', unlisted: true, match: (e) => !mod(e) && !e.altKey && e.key === 'ArrowDown' },
  { action: 'escape', keys: 'Escape', description: 'Clear the selection, close dialogs', match: (e) => e.key === 'Escape' },
];

/** Copy, cut and paste use the browser's own events (system clipboard); listed for the cheat sheet. */
export const clipboardShortcuts = [
  { keys: 'Ctrl+C', description: 'Copy the selection (to the system clipboard, as JSON)' },
  { keys: 'Ctrl+X', description: 'Cut the selection' },
  { keys: 'Ctrl+V', description: 'Paste blocks (from this or another flow)' },
  { keys: 'Shift+drag', description: 'Box-select' },
  { keys: 'Ctrl+click', description: 'Add to the selection' },
];

/** How far one arrow key moves the selection, in flow units. */
export function nudgeDelta(action: string, shift: boolean): { x: number; y: number } | null {
  const step = shift ? 50 : 10;
  if (action === 'nudgeLeft') return { x: -step, y: 0 };
  if (action === 'nudgeRight') return { x: step, y: 0 };
  if (action === 'nudgeUp') return { x: 0, y: -step };
  if (action === 'nudgeDown') return { x: 0, y: step };
  return null;
}

export function matchShortcut(e: KeyboardEvent): string | null {
  return shortcuts.find((s) => s.match(e))?.action ?? null;
}
