/**
 * What restoring a version would change, read from a FlowDiff computed from the current flow to the version:
 * blocks it brings back, blocks it removes, blocks it changes (each field: now -> in that version), moves,
 * connections and settings.
 */
import type { BlockRef, FieldChange, FlowDiff } from '../../../runtime/studio/diffFlows';
import { blockNameWords } from '../../../runtime/studio/blockFieldWords';
import { ShownDirection } from '../../ui/ShownDirection';
import { blockFieldWords, listChange, settingWords, valueWords } from './fieldWords';
import { diffSide, wordDiff } from '../../../shared/flow/wordDiff';

/**
 * Newcomer s46 N14: two texts were shown whole side by side with nothing marked. Each side now marks its own words the
 * other has not: "Now" what restoring removes, "In this version" what it brings back.
 */
function WordDiffSide({ before, after, side }: { before: string; after: string; side: 'now' | 'version' }) {
  const parts = diffSide(wordDiff(before, after), side === 'now' ? 'before' : 'after');
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <ShownDirection key={i} text={p.text} />
        ) : p.kind === 'removed' ? (
          <del key={i} className="bt-diff-word" data-tone="removed">
            <ShownDirection text={p.text} />
          </del>
        ) : (
          <ins key={i} className="bt-diff-word" data-tone="added">
            <ShownDirection text={p.text} />
          </ins>
        ),
      )}
    </>
  );
}

const bothTexts = (f: FieldChange) => typeof f.before === 'string' && typeof f.after === 'string' && f.before !== '' && f.after !== '';

/** The kind as the palette names it ("Message", not "message"; newcomer s16 #5). */
const kindWords = (kind: string) => blockNameWords(kind, undefined);

function blockName(b: BlockRef): string {
  return b.label ? `${b.label} (${b.id})` : b.id;
}

/** A field's value in this version; a list of words also says what it adds and drops against the flow now. */
function VersionValue({ f }: { f: FieldChange }) {
  const change = listChange(f.before, f.after);
  return (
    <>
      <ShownDirection text={valueWords(f.after)} />
      {change && change.added.length + change.removed.length > 0 ? (
        <span className="bt-diff-list-change">
          {change.added.map((x) => (
            <span key={`+${x}`} data-tone="added">
              {' '}+ "<ShownDirection text={x} />"
            </span>
          ))}
          {change.removed.map((x) => (
            <span key={`-${x}`} data-tone="removed">
              {' '}− "<ShownDirection text={x} />"
            </span>
          ))}
        </span>
      ) : null}
    </>
  );
}

/** Each field in the inspector's (or Flow settings') words; the path in the file stays in its tooltip. */
function Fields({ fields, words }: { fields: FieldChange[]; words: (path: string) => string }) {
  return (
    <table className="bt-diff-fields">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Now</th>
          <th scope="col">In this version</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.path}>
            <td title={f.path}>{words(f.path)}</td>
            <td className="bt-diff-before">{bothTexts(f) ? <WordDiffSide before={f.before as string} after={f.after as string} side="now" /> : <ShownDirection text={valueWords(f.before)} />}</td>
            <td className="bt-diff-after">
              {bothTexts(f) ? <WordDiffSide before={f.before as string} after={f.after as string} side="version" /> : <VersionValue f={f} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function VersionDiff({ diff }: { diff: FlowDiff }) {
  if (diff.identical) return <p className="bt-history-empty">This version is the same as the flow now.</p>;
  const changed = diff.blocks.changed.filter((c) => c.fields.length > 0);
  const moved = diff.blocks.changed.filter((c) => c.fields.length === 0 && c.moved);
  return (
    <div className="bt-diff">
      <p className="bt-diff-summary">Restoring it: <ShownDirection text={diff.summary} />.</p>
      {diff.blocks.added.length > 0 ? (
        <section>
          <h4 data-tone="added">Blocks it brings back ({diff.blocks.added.length})</h4>
          <ul>
            {diff.blocks.added.map((b) => (
              <li key={b.id}>
                <span className="bt-diff-kind">{kindWords(b.kind)}</span> <ShownDirection text={blockName(b)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {diff.blocks.removed.length > 0 ? (
        <section>
          <h4 data-tone="removed">Blocks it removes ({diff.blocks.removed.length})</h4>
          <ul>
            {diff.blocks.removed.map((b) => (
              <li key={b.id}>
                <span className="bt-diff-kind">{kindWords(b.kind)}</span> <ShownDirection text={blockName(b)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {changed.length > 0 ? (
        <section>
          <h4 data-tone="changed">Blocks it changes ({changed.length})</h4>
          {changed.map((c) => (
            <div key={c.id} className="bt-diff-block">
              <div>
                <span className="bt-diff-kind">{kindWords(c.kind)}</span> <ShownDirection text={blockName(c)} />
                {c.moved ? <span className="bt-diff-moved"> · also moved</span> : null}
              </div>
              <Fields fields={c.fields} words={(p) => blockFieldWords(c.kind, p)} />
            </div>
          ))}
        </section>
      ) : null}
      {moved.length > 0 ? (
        <section>
          <h4>Blocks only moved ({moved.length})</h4>
          {/* Newcomer s40 N13: titles as the summaries use them ("Message", not "message-1"); the id stays in the tooltip. */}
          <p className="bt-diff-moved">
            {moved.map((b, i) => (
              <span key={b.id} title={b.id}>
                {i > 0 ? ', ' : ''}
                {blockNameWords(b.kind, b.label)}
              </span>
            ))}
          </p>
        </section>
      ) : null}
      {diff.edges.added.length + diff.edges.removed.length > 0 ? (
        <section>
          <h4>Connections</h4>
          <ul>
            {diff.edges.added.map((e) => (
              <li key={`a-${e.id}`} data-tone="added">
                + {e.from} <code>{e.exit}</code> → {e.to}
              </li>
            ))}
            {diff.edges.removed.map((e) => (
              <li key={`r-${e.id}`} data-tone="removed">
                − {e.from} <code>{e.exit}</code> → {e.to}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {diff.document.length > 0 ? (
        <section>
          <h4>Flow settings</h4>
          <Fields fields={diff.document} words={settingWords} />
        </section>
      ) : null}
    </div>
  );
}
