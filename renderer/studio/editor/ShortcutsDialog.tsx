import { Dialog } from '../../ui/Dialog';
import { clipboardShortcuts, shortcuts } from './shortcuts';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const rows = [...shortcuts.filter((s) => !s.unlisted).map((s) => ({ keys: s.keys, description: s.description })), ...clipboardShortcuts];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="st-shortcuts">
        <tbody>
          {rows.map((r) => (
            <tr key={r.keys}>
              <td>
                {r.keys.split(' / ').map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    {/* "+" alone is the key itself (Zoom in), not a separator between two empty keys */}
                    {(k.length > 1 ? k.split(/(?<=.)\+(?=.)/) : [k]).map((part, j) => (
                      <span key={j}>
                        {j > 0 && '+'}
                        <kbd className="bt-kbd">{part}</kbd>
                      </span>
                    ))}
                  </span>
                ))}
              </td>
              <td>{r.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
