/**
 * The command palette (Ctrl+K): every editor action, the panels of the top bar and "add a block of kind X", found by
 * typing a few letters, run with Enter (DESIGN.md: keyboard first, every action has a shortcut or a palette entry).
 * Filtering, ranking and the listbox's keyboard and screen-reader behaviour come from cmdk; the commands come from
 * the editor (Editor.tsx), which owns what each one does.
 */
import { Command } from 'cmdk';
import { Dialog } from '../../ui';
import './commandPalette.css';

export interface PaletteCommand {
  id: string;
  label: string;
  group: string;
  /** The keyboard shortcut, shown at the right ("Ctrl+Z"). */
  keys?: string;
  /** More words it is found by (a block kind's description). */
  keywords?: string[];
  disabled?: boolean;
  run(): void;
}

/**
 * Which commands a search keeps, best first: every typed word in the command's name (1 when
 * a word of the name starts with the first typed word, else 0.8), else every word starting a word of its keywords or group
 * (0.4), else hidden.
 * cmdk's default fuzzy score kept "Flow settings" first for "csat" (its letters in order inside "escalation").
 */
export function commandScore(label: string, search: string, keywords: string[] = []): number {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 1;
  const name = label.toLowerCase();
  if (words.every((w) => name.includes(w))) return name.split(/\s+/).some((n) => n.startsWith(words[0])) ? 1 : 0.8;
  // Keywords count by the start of a word (newcomer s39 N19: "date" inside "validate" put "Show the problems list" first).
  const more = keywords.join(' ').toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return words.every((w) => name.includes(w) || more.some((k) => k.startsWith(w))) ? 0.4 : 0;
}

export function CommandPalette({ commands, onClose }: { commands: PaletteCommand[]; onClose(): void }) {
  const groups = [...new Set(commands.map((c) => c.group))];
  return (
    <Dialog title="Commands" onClose={onClose}>
      <Command label="Commands" className="cmdp" loop filter={commandScore}>
        <Command.Input className="bt-input cmdp-input" placeholder="Type a command or a block kind…" autoFocus aria-label="Command" />
        <Command.List className="cmdp-list">
          <Command.Empty className="cmdp-empty">No command matches.</Command.Empty>
          {groups.map((g) => (
            <Command.Group key={g} heading={g} className="cmdp-group">
              {commands
                .filter((c) => c.group === g)
                .map((c) => (
                  <Command.Item
                    key={c.id}
                    value={c.label}
                    keywords={[...(c.keywords ?? []), c.group]}
                    disabled={c.disabled}
                    className="cmdp-item"
                    onSelect={() => {
                      onClose();
                      c.run();
                    }}
                  >
                    <span>{c.label}</span>
                    {c.keys && <kbd className="cmdp-keys">{c.keys}</kbd>}
                  </Command.Item>
                ))}
            </Command.Group>
          ))}
        </Command.List>
      </Command>
    </Dialog>
  );
}
