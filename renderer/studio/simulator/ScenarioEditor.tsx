/**
 * One saved scenario, step by step (Scenarios > a scenario > Edit steps): rename, delete the scenario; per step
 * a drag handle and Move up / Move down buttons (keyboard), delete, a customer turn's or an agent reply's text,
 * each expectation's value changed or removed; "Insert a step" anywhere (a kind, a value, a position); Undo of
 * the last edits (button, or Ctrl+Z / Cmd+Z inside the editor when not typing). Invalid values are refused at
 * the field, in words (shared/simulator/scenarioEdits.ts), and nothing is written.
 */
import { ArrowDown, ArrowUp, GripVertical, Pencil, Plus, Redo2, Trash2, Undo2, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  EXPECTATION_HINTS,
  expectationKeys,
  expectationValueProblem,
  expectationValueText,
  NEW_STEP_KINDS,
  readExpectationValue,
  stepFromForm,
  type NewStepKind,
  type ScenarioEdit,
} from '../../../shared/simulator/scenarioEdits';
import { describeStep, type ScenarioFailure } from '../../../shared/simulator/scenarioRunner';
import type { Expectation, Scenario, ScenarioStep } from '../../../shared/simulator/scenarioSchema';
import type { Block } from '../../../shared/flow/schema';
import { problemBlockName } from '../hooks/designerWords';
import { Button } from '../../ui/Button';
import { withoutDirection } from '../../ui/ShownDirection';
import { BLOCK_EXPECTATIONS, BlockExpectationPicker, chosenIds } from './BlockExpectationPicker';

type ExpectKey = Exclude<keyof Expectation, 'since'>;

export interface ScenarioEditorProps {
  scenario: Scenario;
  /** The flow's blocks: expectations that name blocks show their canvas names (the id in a tooltip). */
  blocks?: readonly Block[];
  busy: boolean;
  onEdit(e: ScenarioEdit, done: string): void;
  /** What the last edit was ("Moved step 3 up"), when it can be undone. */
  undoLabel?: string | null;
  onUndo?(): void;
  /** What Redo does again (session 42), when an undone edit can be done again. */
  redoLabel?: string | null;
  onRedo?(): void;
  /** The last run's failure of this scenario: its step is marked in the list and explained under it. */
  failure?: ScenarioFailure | null;
  onFocusBlock?(blockId: string): void;
}

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);

export function ScenarioEditor({ scenario, blocks, busy, onEdit, undoLabel, onUndo, redoLabel, onRedo, failure, onFocusBlock }: ScenarioEditorProps) {
  const [rename, setRename] = useState(scenario.name);
  const [texts, setTexts] = useState<Record<number, string>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [insertAt, setInsertAt] = useState(scenario.steps.length);
  const region = useRef<HTMLDivElement>(null);
  const failureId = useId();
  const insertKind = useRef<HTMLSelectElement>(null);
  /** After a move with the keyboard, the focus follows the step to its new place. */
  const focusAfter = useRef<{ index: number; action: 'up' | 'down' } | null>(null);
  const keyboardEdit = useRef(false);
  useEffect(() => {
    setRename(scenario.name);
    setTexts({});
    setInsertAt((at) => Math.min(at, scenario.steps.length));
    const f = focusAfter.current;
    focusAfter.current = null;
    // An edit made from the keyboard must not drop the focus to the page (the next Ctrl+Z would undo a canvas edit).
    if (keyboardEdit.current && region.current && !region.current.contains(document.activeElement)) region.current.focus();
    keyboardEdit.current = false;
    if (f && region.current) {
      const row = region.current.querySelector(`[data-step="${f.index}"]`);
      const want = row?.querySelector<HTMLButtonElement>(`[data-action="${f.action}"]`);
      const other = row?.querySelector<HTMLButtonElement>(`[data-action="${f.action === 'up' ? 'down' : 'up'}"]`);
      (want && !want.disabled ? want : other)?.focus();
    }
  }, [scenario]);
  const name = scenario.name;
  const n = scenario.steps.length;

  const move = (from: number, to: number, how: 'up' | 'down' | 'drag') => {
    if (to < 0 || to >= n || to === from) return;
    if (how !== 'drag') focusAfter.current = { index: to, action: how };
    const words = how === 'drag' ? `Moved step ${from + 1} to position ${to + 1}.` : `Moved step ${from + 1} ${how} (now step ${to + 1}).`;
    onEdit({ kind: 'moveStep', scenario: name, from, to, step: scenario.steps[from] }, words);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Ctrl+Z here undoes the last scenario edit, not the canvas's last edit (the editor's window shortcut).
    // Session 42: Ctrl+Shift+Z and Ctrl+Y redo it.
    const redoKey = (e.ctrlKey || e.metaKey) && !e.altKey && ((e.shiftKey && e.key.toLowerCase() === 'z') || (!e.shiftKey && e.key.toLowerCase() === 'y'));
    if (redoKey && !isTyping(e.target)) {
      e.preventDefault();
      e.stopPropagation();
      if (redoLabel && onRedo && !busy) {
        keyboardEdit.current = true;
        onRedo();
      }
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'z' && !isTyping(e.target)) {
      e.preventDefault();
      e.stopPropagation();
      if (undoLabel && onUndo && !busy) {
        keyboardEdit.current = true;
        onUndo();
      }
    }
  };

  return (
    <div className="sim-editor" role="region" aria-label={`Edit ${name}`} ref={region} tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="sim-row">
        <input aria-label="New name" value={rename} onChange={(e) => setRename(e.target.value)} />
        <Button size="sm" disabled={busy || !rename.trim() || rename.trim() === name} onClick={() => onEdit({ kind: 'rename', scenario: name, to: rename }, `Renamed to "${rename.trim()}".`)}>
          Rename
        </Button>
        {confirmDelete ? (
          <>
            <Button size="sm" variant="danger" disabled={busy} onClick={() => onEdit({ kind: 'deleteScenario', scenario: name }, `Deleted "${name}".`)}>
              Delete "{name}" for good
            </Button>
            <Button size="sm" onClick={() => setConfirmDelete(false)}>
              Keep it
            </Button>
          </>
        ) : (
          <Button size="sm" onClick={() => setConfirmDelete(true)}>
            Delete scenario
          </Button>
        )}
      </div>
      <div className="sim-row sim-editor-undo">
        <Button size="sm" disabled={busy || !undoLabel} onClick={() => onUndo?.()} aria-label={undoLabel ? `Undo: ${undoLabel}` : 'Undo'} title="Undo the last edit (Ctrl+Z)">
          <Undo2 size={14} aria-hidden /> Undo
        </Button>
        <Button size="sm" disabled={busy || !redoLabel} onClick={() => onRedo?.()} aria-label={redoLabel ? `Redo: ${redoLabel}` : 'Redo'} title="Do the undone edit again (Ctrl+Shift+Z)">
          <Redo2 size={14} aria-hidden /> Redo
        </Button>
        <span className="sim-muted sim-editor-tip">Drag ⠿ or use ↑ ↓ to reorder.</span>
      </div>
      {failure && failure.stepIndex < 0 && <FailureDetail failure={failure} name={name} id={failureId} onFocusBlock={onFocusBlock} />}
      <ol className="sim-steps">
        {scenario.steps.map((step, index) => (
          <li
            key={index}
            className="sim-step"
            data-step={index}
            data-failed={failure?.stepIndex === index || undefined}
            aria-invalid={failure?.stepIndex === index || undefined}
            aria-describedby={failure?.stepIndex === index ? failureId : undefined}
            data-dragging={dragFrom === index || undefined}
            data-drop={dropAt === index && dragFrom !== null && dragFrom !== index ? (dragFrom < index ? 'below' : 'above') : undefined}
            onDragOver={(e) => {
              if (dragFrom === null) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (dropAt !== index) setDropAt(index);
            }}
            onDragLeave={() => dropAt === index && setDropAt(null)}
            onDrop={(e) => {
              e.preventDefault();
              const from = dragFrom ?? Number(e.dataTransfer.getData('text/plain'));
              setDragFrom(null);
              setDropAt(null);
              if (Number.isInteger(from)) move(from, index, 'drag');
            }}
          >
            <span
              className="sim-drag"
              draggable={!busy}
              title={`Drag step ${index + 1} to move it`}
              aria-hidden="true"
              onDragStart={(e) => {
                setDragFrom(index);
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', String(index));
              }}
              onDragEnd={() => {
                setDragFrom(null);
                setDropAt(null);
              }}
            >
              <GripVertical size={14} />
            </span>
            <span className="sim-step-n">{index + 1}.</span>
            <div className="sim-step-body">
              {failure?.stepIndex === index && <span className="sim-step-fail">FAIL</span>}
              <StepBody step={step} index={index} scenario={name} blocks={blocks} busy={busy} texts={texts} setTexts={setTexts} onEdit={onEdit} />
              {failure?.stepIndex === index && <FailureDetail failure={failure} name={name} id={failureId} onFocusBlock={onFocusBlock} />}
            </div>
            <span className="sim-step-actions">
              <Button size="icon" data-action="up" disabled={busy || index === 0} aria-label={`Move step ${index + 1} up`} title="Move up" onClick={() => move(index, index - 1, 'up')}>
                <ArrowUp size={14} aria-hidden />
              </Button>
              <Button size="icon" data-action="down" disabled={busy || index === n - 1} aria-label={`Move step ${index + 1} down`} title="Move down" onClick={() => move(index, index + 1, 'down')}>
                <ArrowDown size={14} aria-hidden />
              </Button>
              <Button
                size="icon"
                disabled={busy}
                aria-label={`Insert a step after step ${index + 1}`}
                title="Insert a step after this one"
                onClick={() => {
                  setInsertAt(index + 1);
                  insertKind.current?.focus();
                }}
              >
                <Plus size={14} aria-hidden />
              </Button>
              <Button size="icon" disabled={busy || n === 1} aria-label={`Delete step ${index + 1}`} title="Delete this step" onClick={() => onEdit({ kind: 'deleteStep', scenario: name, index, step }, `Deleted step ${index + 1}.`)}>
                <Trash2 size={14} aria-hidden />
              </Button>
            </span>
          </li>
        ))}
      </ol>
      <InsertStep scenario={scenario} blocks={blocks} busy={busy} at={insertAt} setAt={setInsertAt} kindRef={insertKind} onEdit={onEdit} />
    </div>
  );
}

/** Session 46 (studio12, newcomer s46 N7): an expect step's checks in the designer's words (the CLI keeps the file's keys). */
const CHECK_WORDS: Record<string, string> = {
  reaches: 'the blocks reached',
  notReaches: 'the blocks not reached',
  waitingAt: 'where the bot waits',
  botSays: 'what the bot says',
  botDoesNotSay: 'what the bot must not say',
  agentSays: 'what the agent says',
  escalates: 'whether the bot hands over',
  handoff: 'the handoff',
  mode: 'who is talking (bot, waiting, agent, closed)',
  variables: 'the variables',
  effects: 'what happens',
  noEffects: 'what must not happen',
  buttons: 'the buttons shown',
};

export function describeStepInWords(step: ScenarioStep): string {
  if (!('expect' in step)) return describeStep(step);
  const words = Object.keys(step.expect)
    .filter((k) => k !== 'since')
    .map((k) => CHECK_WORDS[k] ?? k);
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? 'nothing');
  return `checking ${list}`;
}

/** What a run found at one step: expected and actual side by side, and the block to look at. */
export function FailureDetail({ failure, name, id, onFocusBlock }: { failure: ScenarioFailure; name: string; id?: string; onFocusBlock?(blockId: string): void }) {
  return (
    <div className="sim-failure" role="region" aria-label={`Failure of ${name}`} id={id}>
      <div>
        {failure.stepIndex < 0 ? 'Before the first step' : `At step ${failure.stepIndex + 1}`}: {failure.step ? describeStepInWords(failure.step) : failure.check}
      </div>
      <div className="sim-diff">
        <div>
          <div className="sim-muted">expected</div>
          <pre>{failure.expected}</pre>
        </div>
        <div>
          <div className="sim-muted">actual</div>
          <pre>{failure.actual}</pre>
        </div>
      </div>
      {failure.blockId && (
        <Button size="sm" title={`Block id: ${failure.blockId}`} onClick={() => onFocusBlock?.(failure.blockId!)}>
          Show the block on the canvas
        </Button>
      )}
    </div>
  );
}

interface StepBodyProps {
  step: ScenarioStep;
  blocks?: readonly Block[];
  index: number;
  scenario: string;
  busy: boolean;
  texts: Record<number, string>;
  setTexts(t: Record<number, string>): void;
  onEdit(e: ScenarioEdit, done: string): void;
}

function StepBody({ step, index, scenario, blocks, busy, texts, setTexts, onEdit }: StepBodyProps) {
  if ('say' in step || ('agent' in step && (step.agent === 'say' || step.agent === 'note'))) {
    const current = 'say' in step ? step.say : (step.text ?? '');
    return (
      <div className="sim-step-text">
        <span className="sim-muted sim-step-kind">{'say' in step ? 'customer says' : step.agent === 'say' ? 'agent says' : 'agent note'}</span>
        <input aria-label={`Text of step ${index + 1}`} value={texts[index] ?? current} onChange={(e) => setTexts({ ...texts, [index]: e.target.value })} />
        <Button
          size="sm"
          disabled={busy || texts[index] === undefined || texts[index] === current}
          onClick={() => onEdit({ kind: 'sayText', scenario, index, step, text: texts[index] }, `Step ${index + 1} now says ${JSON.stringify(texts[index])}.`)}
        >
          Apply
        </Button>
      </div>
    );
  }
  if ('expect' in step) {
    return (
      <div>
        <span className="sim-muted sim-step-kind">expect</span>
        <ul className="sim-expectations">
          {expectationKeys(step).map((key) => (
            <ExpectationRow key={`${key}:${JSON.stringify(step.expect[key])}`} blocks={blocks} step={step} index={index} scenario={scenario} exp={key as ExpectKey} busy={busy} onEdit={onEdit} />
          ))}
        </ul>
      </div>
    );
  }
  return <span>{describeStep(step)}</span>;
}

function ExpectationRow({ blocks, step, index, scenario, exp, busy, onEdit }: { blocks?: readonly Block[]; step: Extract<ScenarioStep, { expect: unknown }>; index: number; scenario: string; exp: ExpectKey; busy: boolean; onEdit(e: ScenarioEdit, done: string): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  /** Session 49 (studio17, newcomer s47 N5): a block expectation is picked by the blocks' canvas names, not typed as ids. */
  const [picked, setPicked] = useState<{ value: unknown } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const value = step.expect[exp];
  const label = `Value of ${exp} in step ${index + 1}`;
  const picking = blocks !== undefined && BLOCK_EXPECTATIONS.has(exp);
  const done = (v: unknown) => `Step ${index + 1} now expects ${exp}: ${picking && blocks ? namesOf(v, blocks) : JSON.stringify(v)}.`;
  const apply = () => {
    if (busy) return;
    if (picked !== null) {
      if (picked.value === null && exp !== 'waitingAt') return setError(NONE_TICKED);
      const problem = expectationValueProblem(exp, picked.value);
      if (problem) return setError(problem);
      setError(null);
      return onEdit({ kind: 'setExpectation', scenario, index, step, key: exp, value: picked.value }, done(picked.value));
    }
    if (draft === null) return;
    const r = readExpectationValue(exp, draft);
    if (!r.ok) return setError(r.message);
    setError(null);
    onEdit({ kind: 'setExpectation', scenario, index, step, key: exp, value: r.value }, done(r.value));
  };
  const cancel = () => {
    setDraft(null);
    setPicked(null);
    setError(null);
  };
  if (draft === null && picked === null) {
    return (
      <li className="sim-expectation">
        <code>
          {exp}: <ExpectedValue exp={exp} value={value} blocks={blocks} />
        </code>{' '}
        <span className="sim-expectation-actions">
          <Button size="icon" disabled={busy} aria-label={`Change expectation ${exp} of step ${index + 1}`} title={picking ? 'Choose other blocks' : 'Change the value'} onClick={() => (picking ? setPicked({ value }) : setDraft(expectationValueText(value)))}>
            <Pencil size={13} aria-hidden />
          </Button>
          <Button size="icon" disabled={busy} aria-label={`Remove expectation ${exp} of step ${index + 1}`} title="Remove this expectation" onClick={() => onEdit({ kind: 'removeExpectation', scenario, index, step, key: exp }, `Removed the expectation "${exp}" of step ${index + 1}.`)}>
            <X size={13} aria-hidden />
          </Button>
        </span>
      </li>
    );
  }
  return (
    <li className="sim-expectation sim-expectation-edit">
      <label className="sim-expectation-key" htmlFor={errorId + 'input'}>
        {exp}
      </label>
      {picked !== null && blocks ? (
        <div
          className="sim-block-pick-row"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              cancel();
            }
          }}
        >
          <BlockExpectationPicker
            exp={exp}
            blocks={blocks}
            value={picked.value}
            label={label}
            describedBy={error ? errorId : undefined}
            invalid={Boolean(error)}
            onChange={(v) => {
              setPicked({ value: v });
              setError(null);
            }}
          />
        </div>
      ) : (
        <input
          id={errorId + 'input'}
          aria-label={label}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          placeholder={EXPECTATION_HINTS[exp]}
          value={draft ?? ''}
          autoFocus
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply();
            if (e.key === 'Escape') {
              e.stopPropagation();
              cancel();
            }
          }}
        />
      )}
      <Button size="sm" disabled={busy} onClick={apply}>
        Apply
      </Button>
      <Button size="sm" onClick={cancel}>
        Cancel
      </Button>
      {error ? (
        <div className="sim-field-error" id={errorId} role="alert">
          {error}
        </div>
      ) : (
        <div className="sim-muted sim-field-help">{picked !== null ? PICK_HELP[exp] : `Takes ${EXPECTATION_HINTS[exp]}.`}</div>
      )}
    </li>
  );
}

function InsertStep({ scenario, blocks, busy, at, setAt, kindRef, onEdit }: { scenario: Scenario; blocks?: readonly Block[]; busy: boolean; at: number; setAt(i: number): void; kindRef: React.RefObject<HTMLSelectElement | null>; onEdit(e: ScenarioEdit, done: string): void }) {
  const [kind, setKind] = useState<NewStepKind>('say');
  const [text, setText] = useState('');
  const [expectKey, setExpectKey] = useState<ExpectKey>('botSays');
  /** Session 49 (studio17): the blocks picked for a new waitingAt / reaches / notReaches (by canvas name; ids stored). */
  const [picked, setPicked] = useState<string | string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const picking = kind === 'expect' && blocks !== undefined && BLOCK_EXPECTATIONS.has(expectKey);
  const field = NEW_STEP_KINDS[kind].field;
  const n = scenario.steps.length;
  const insert = () => {
    if (busy) return;
    if (picking && picked === null && expectKey !== 'waitingAt') return setError(NONE_TICKED);
    const r = stepFromForm(kind, picking ? JSON.stringify(picked) : text, expectKey);
    if (!r.ok) return setError(r.message);
    setError(null);
    setText('');
    setPicked(null);
    onEdit({ kind: 'insertStep', scenario: scenario.name, index: at, after: at === 0 ? null : scenario.steps[at - 1], step: r.step }, `Inserted "${describeStep(r.step)}" as step ${at + 1}.`);
    setAt(at + 1);
  };
  return (
    <fieldset className="sim-insert" aria-label="Insert a step">
      <legend>Insert a step</legend>
      <div className="sim-row">
        <label htmlFor={`${id}-kind`}>Step</label>
        <select
          id={`${id}-kind`}
          ref={kindRef}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as NewStepKind);
            setError(null);
          }}
        >
          {(Object.keys(NEW_STEP_KINDS) as NewStepKind[]).map((k) => (
            <option key={k} value={k}>
              {NEW_STEP_KINDS[k].label}
            </option>
          ))}
        </select>
        {kind === 'expect' && (
          <>
            <label htmlFor={`${id}-exp`} className="sim-visually-hidden">
              Expectation
            </label>
            <select
              id={`${id}-exp`}
              value={expectKey}
              onChange={(e) => {
                setExpectKey(e.target.value as ExpectKey);
                setPicked(null);
                setError(null);
              }}
            >
              {(Object.keys(EXPECTATION_HINTS) as ExpectKey[]).map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor={`${id}-at`}>Position</label>
        <select id={`${id}-at`} value={Math.min(at, n)} onChange={(e) => setAt(Number(e.target.value))}>
          <option value={0}>first</option>
          {scenario.steps.map((_, i) => (
            <option key={i} value={i + 1}>
              {i + 1 === n ? `last (after step ${n})` : `after step ${i + 1}`}
            </option>
          ))}
        </select>
      </div>
      <div className="sim-row">
        {picking ? (
          <BlockExpectationPicker
            exp={expectKey}
            blocks={blocks}
            value={picked}
            label={`New step: value of ${expectKey}`}
            describedBy={error ? `${id}-error` : undefined}
            invalid={Boolean(error)}
            onChange={(v) => {
              setPicked(v);
              setError(null);
            }}
          />
        ) : field && (
          <input
            aria-label={`New step: ${kind === 'expect' ? `value of ${expectKey}` : field}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            placeholder={kind === 'expect' ? EXPECTATION_HINTS[expectKey] : field}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => e.key === 'Enter' && insert()}
          />
        )}
        <Button size="sm" variant="primary" disabled={busy} onClick={insert}>
          Insert step
        </Button>
      </div>
      {error && (
        <div className="sim-field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
    </fieldset>
  );
}

/** What a block expectation's picker asks (session 49). */
const PICK_HELP: Record<string, string> = {
  waitingAt: 'Where the bot waits for the customer after this step. Hover a block for its id.',
  reaches: 'Tick the blocks the conversation must have passed through since the last check. Hover a block for its id.',
  notReaches: 'Tick the blocks the conversation must not have passed through since the last check. Hover a block for its id.',
};
const NONE_TICKED = 'Tick at least one block (or remove this expectation).';

/** Block ids as the canvas names them, for the "done" notice: “Workshop team”, “Main menu”. */
function namesOf(value: unknown, blocks: readonly Block[]): string {
  if (value === null) return 'waits nowhere';
  return chosenIds(value)
    .map((id) => {
      const b = blocks.find((x) => x.id === id);
      return b ? `“${withoutDirection(problemBlockName(b, blocks))}”` : JSON.stringify(id);
    })
    .join(', ');
}

/**
 * Session 48 (studio16, newcomer s47 N5): an expectation's value as the designer knows it: a block by its name on the
 * canvas ("Workshop team"), its id in a tooltip; the file keeps the id ("waitingAt: human-takeover-1" was shown).
 * A block no longer in the flow shows its id.
 */
function ExpectedValue({ exp, value, blocks }: { exp: string; value: unknown; blocks?: readonly Block[] }) {
  if (!blocks || !BLOCK_EXPECTATIONS.has(exp)) return <>{JSON.stringify(value)}</>;
  const ids = Array.isArray(value) ? value : [value];
  if (!ids.every((x) => typeof x === 'string')) return <>{JSON.stringify(value)}</>;
  const shown = ids.map((id: string, i) => {
    const block = blocks.find((b) => b.id === id);
    return (
      <span key={`${id}:${i}`}>
        {i > 0 && ', '}
        <span className="sim-block-ref" title={block ? `Block id: ${id}` : `No block has the id ${id} now`}>
          {block ? `“${withoutDirection(problemBlockName(block, blocks))}”` : JSON.stringify(id)}
        </span>
      </span>
    );
  });
  return Array.isArray(value) ? <>[{shown}]</> : <>{shown}</>;
}
