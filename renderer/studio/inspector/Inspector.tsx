/**
 * The block inspector: a form generated from the block registry's field metadata (titles, help,
 * showWhen). Every change is an undoable `set_block_field` edit; typing in one field coalesces into one
 * undo step. Human Takeover gets its three assignation tabs; option lists (buttons, intents, routes) get
 * add / remove / reorder that keep edges on the right exit.
 */
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { Fragment, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onBlockProblemsOpen, takeBlockProblemsOpen } from './problemsOpen';
import { builtinVariableNames } from '../../../shared/flow/builtinVariables';
import { flowVariables, lastAskedBefore } from '../../../shared/flow/variableList';
import type { FieldMeta } from '../../../shared/flow/blocks/types';
import type { Block } from '../../../shared/flow/schema';
import { describeLabelMeaning } from '../../../shared/engine/menuMeaning';
import { Button } from '../../ui/Button';
import { ShownDirection, withoutDirection } from '../../ui/ShownDirection';
import { Icon } from '../../ui/Icon';
import { Tabs } from '../../ui/Tabs';
import { blockTitle, groupColor, inspectorFields, kindInfo } from '../blockCatalog';
import { useProblems } from '../hooks/useProblems';
import { useStudio, useStudioStore } from '../store/StudioStoreContext';
import { FieldEditor, type EditorContext } from './FieldEditor';
import { elementOf, shapeOf } from './zodInfo';
import { priorityChoices } from '../../../shared/flow/blocks/fields';
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import { ProblemFixButton } from './ProblemFixButton';
import { takeoverRatesResolved } from '../../../shared/flow/takeoverRatesResolved';
import { jsonPath } from '../../../shared/flow/flowProblem';

const priorityLabel = (p: string): string => (priorityChoices as Record<string, { label: string }>)[p]?.label ?? p;

function getPath(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data;
  for (const k of path) v = v == null ? undefined : (v as Record<string, unknown>)[k as string];
  return v;
}

function visible(meta: FieldMeta, data: unknown): boolean {
  if (meta.hidden) return false;
  const w = meta.showWhen;
  if (!w) return true;
  const v = getPath(data, w.field.split('.'));
  if (w.equals !== undefined) return v === w.equals;
  if (w.oneOf) return w.oneOf.includes(v as never);
  return Boolean(v);
}

export function useEditorContext(blockId?: string): EditorContext {
  const flow = useStudio((s) => s.flow);
  return useMemo(() => {
    const builtins: string[] = [...builtinVariableNames];
    // Session 48 (studio16, newcomer s47 N3): the variables the flow's blocks ask for (a Question's "Save answer in")
    // are listed too, before the system ones; they were missing unless declared under Variables.
    let own: string[] = flow.variables.map((v) => v.name);
    try {
      own = flowVariables(flow).map((v) => v.name);
    } catch {
      // A half-read flow: the declared names only.
    }
    return {
      variables: [...new Set([...own, ...builtins])],
      blocks: flow.blocks.map((b) => ({ id: b.id, title: blockTitle(b) })),
      timezone: flow.settings.timezone,
      lastAsked: blockId ? lastAskedBefore(flow, blockId) : null,
    };
  }, [flow.variables, flow.blocks, flow.edges, flow.settings, flow.escalation, blockId]);
}

export function BlockInspector({ blockId }: { blockId: string }) {
  const block = useStudio((s) => s.flow.blocks.find((b) => b.id === blockId));
  if (!block) return null;
  return <BlockForm block={block} />;
}

const TAB_ITEMS = [
  { value: 'simple', label: 'Simple' },
  { value: 'default', label: 'Default' },
  { value: 'custom', label: 'Custom' },
];

/** The Human takeover's Custom tab, in folding groups (newcomer s39 N15); a field in none of them is shown after them. */
const TAKEOVER_CUSTOM_GROUPS: { title: string; note: string; fields: string[]; open?: boolean }[] = [
  { title: 'Messages', note: 'what the customer is told, questions while waiting', fields: ['handoffMessage', 'assignedMessage', 'assignedSoonMessage', 'leadIn', 'askEmail', 'askReason', 'restartButtons'] },
  { title: 'Assignment', note: 'who takes the chat, priority', fields: ['agents', 'teams', 'autoAssign', 'skill', 'language', 'priority', 'urgencyPriority'], open: true },
  { title: 'Hours', note: 'availability, out-of-hours message', fields: ['availability', 'outOfHoursMessage'] },
  { title: 'Timers and notifications', note: 'queue timeout, emails, Slack', fields: ['queueTimeoutMinutes', 'waitingEmailAfterMinutes', 'waitingEmailTo', 'notifyEmails', 'slackChannels'] },
];

/**
 * Newcomer s13 #2: the takeover's inspector says whether the escalation policy hands over to this block (Flow settings >
 * Escalation > Hand over to), and offers to make it so when it does not (one undo step).
 */
function EscalationTargetNote({ blockId }: { blockId: string }) {
  const store = useStudioStore();
  const target = useStudio((s) => s.flow.escalation?.targetBlockId ?? null);
  const enabled = useStudio((s) => s.flow.escalation?.enabled !== false);
  // Newcomer s42 N10: the other block by its title (the canvas's), not its id.
  const targetTitle = useStudio((s) => {
    const b = target === null ? undefined : s.flow.blocks.find((x) => x.id === target);
    return b ? blockTitle(b) : target;
  });
  if (target === blockId) {
    return (
      <p className="bt-field-help" data-testid="takeover-escalation-note" data-target="this">
        Escalations come here: Flow settings &gt; Escalation &gt; Hand over to names this block{enabled ? '' : ' (automatic escalation is off)'}.
      </p>
    );
  }
  return (
    <p className="bt-field-help st-field-warning" data-testid="takeover-escalation-note" data-target={target === null ? 'none' : 'other'}>
      {target === null ? 'Escalations go nowhere yet' : <>Escalations go to '<ShownDirection text={targetTitle ?? ''} />', not here</>} (Flow settings &gt; Escalation &gt; Hand over to).{' '}
      <button
        type="button"
        className="st-link-button"
        onClick={() => store.getState().dispatch({ type: 'set_escalation', escalation: { targetBlockId: blockId } }, { label: 'Hand escalations to this block' })}
      >
        Send escalations here
      </button>
    </p>
  );
}

/**
 * Session 44 (studio7, retest s43 N1): the hidden direction character's warning under the field that holds it (a
 * Message's text, a button option's label, the block's label), with its Remove button; it was only in the block's
 * warning box at the top. `at`: the field's segments in the block ('data', 'options', 0 covers the whole option).
 */
function DirectionWarnings({ problems, at, block, except = [] }: { problems: readonly FlowProblem[]; at: (string | number)[]; block: Block; except?: readonly string[] }) {
  const under = (rest: string, prefix: string) => rest === prefix || rest.startsWith(`${prefix}.`) || rest.startsWith(`${prefix}[`);
  const prefix = jsonPath(at).slice(1);
  // Newcomer s45 N6: an option's label and its synonyms each get their warning under their own field; `except` names
  // the fields (under `at`) that show their own, so the option's remaining ones are not shown twice.
  const skipped = except.map((k) => jsonPath([...at, k]).slice(1));
  const mine = problems.filter((p) => {
    if (p.code !== 'text_direction') return false;
    const rest = p.path.replace(/^\$\.blocks\[\d+\]/, '');
    return under(rest, prefix) && !skipped.some((k) => under(rest, k));
  });
  if (mine.length === 0) return null;
  return (
    <>
      {mine.map((p) => {
        // The message names the character as "U+202E" since session 44 (ui8, N5); before, as "(\\u202e)".
        const code = /U\+([0-9a-f]{4})/i.exec(p.message)?.[1] ?? /\(\\u([0-9a-f]{4})\)/i.exec(p.message)?.[1];
        const typed = textAt(block, p.path);
        return (
          <div key={p.path} className="bt-field-help st-field-warning" role="status" data-problem-path={p.path}>
            {/* Session 45 (studio8, retest-studio s44 #11 and the reordered field): the words named a mark "⟨…⟩" the canvas
                does not draw, and the field above showed the text reordered with no word of it. The warning says the field
                shows it reordered too, and quotes the text as the canvas draws it: typed order, the character as a chip. */}
            <strong>Warning:</strong> this text holds a hidden direction character{code ? ` (U+${code.toUpperCase()})` : ''}: the customer, the agents and this field show the letters after it in another order than typed.{' '}
            {typed !== null ? (
              <span className="st-direction-typed" data-testid="direction-typed">
                As typed, as the canvas shows it: “<ShownDirection text={typed} />”.
              </span>
            ) : (
              'The canvas shows it as typed, the character marked by its short name in a chip.'
            )}
            <ProblemFixButton problem={p} />
          </div>
        );
      })}
    </>
  );
}

/** The text a problem's path points to in `block` ("$.blocks[2].data.options[0].label"), cut at 160 characters; null when none. */
function textAt(block: Block, path: string): string | null {
  const rest = path.replace(/^\$\.blocks\[\d+\]/, '');
  let value: unknown = block;
  for (const m of rest.matchAll(/\.([\w$]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') return null;
    value = m[1] !== undefined ? (value as Record<string, unknown>)[m[1]] : (value as unknown[])[Number(m[2])];
  }
  if (typeof value !== 'string' || value === '') return null;
  const chars = [...value];
  return chars.length > 160 ? `${chars.slice(0, 160).join('')}…` : value;
}

function BlockForm({ block }: { block: Block }) {
  const store = useStudioStore();
  const flowId = useStudio((s) => s.flow.id);
  const fallbackWired = useStudio((s) => s.flow.edges.some((e) => e.from === block.id && e.exit === 'fallback'));
  const ratesResolved = useStudio((s) => block.kind === 'human_takeover' && takeoverRatesResolved(s.flow, block.id));
  const baseCtx = useEditorContext(block.id);
  const problems = useProblems().filter((p) => p.blockId === block.id);
  // Open when short, or when a Problems row brought the designer here (newcomer s43 N5); the designer's own toggle wins.
  const [problemsOpen, setProblemsOpen] = useState<boolean | null>(null);
  useEffect(() => {
    setProblemsOpen(takeBlockProblemsOpen(block.id) ? true : null);
    return onBlockProblemsOpen((id) => {
      if (id === block.id && takeBlockProblemsOpen(id)) setProblemsOpen(true);
    });
  }, [block.id]);
  const info = kindInfo(block.kind);
  const fields = useMemo(() => inspectorFields(block.kind), [block.kind]);
  const data = block.data as Record<string, unknown>;
  const setField = (path: (string | number)[], value: unknown) =>
    store.getState().dispatch({ type: 'set_block_field', id: block.id, path, value }, { coalesceKey: `${block.id}:${path.join('.')}`, label: `Edit ${blockTitle(block)}` });
  // Session 50 (studio18, newcomer s49 N10): a block whose data is a rule group (a Condition) gives its rules list the
  // word that joins them, shown between the rules and switched there as the Match choice is.
  const joinWord = 'combinator' in data && Array.isArray(data.rules) ? (data.combinator === 'or' ? 'or' : 'and') : null;
  const ctx = useMemo<EditorContext>(
    () => (joinWord ? { ...baseCtx, ruleJoin: { word: joinWord, set: (w) => setField(['combinator'], w) } } : baseCtx),
    [baseCtx, joinWord, block.id],
  );

  const isTakeover = fields.some((f) => f.path[0] === 'assignation') && fields.some((f) => f.meta.tabs) ;
  const mode = String(data.assignation ?? 'simple');
  const optionField = info.optionExits?.field;

  const shown = fields.filter((f) => {
    if (f.path.length === 1 && f.path[0] === optionField) return false;
    if (isTakeover && f.path[0] === 'assignation') return false;
    if (isTakeover && f.meta.tabs && !f.meta.tabs.includes(mode)) return false;
    return visible(f.meta, data);
  });

  // The registry lists nested fields too (autoAssign, autoAssign.enabled...): a parent with listed children
  // becomes a titled fieldset of those children instead of a generic sub-form.
  const key = (f: { path: string[] }) => f.path.join('.');
  const hasChildren = (f: { path: string[] }) => fields.some((c) => c.path.length === f.path.length + 1 && key(c).startsWith(`${key(f)}.`));
  const render = (f: (typeof fields)[number]): ReactNode => {
    if (hasChildren(f)) {
      const children = shown.filter((c) => c.path.length === f.path.length + 1 && key(c).startsWith(`${key(f)}.`));
      return (
        <fieldset key={key(f)} className="st-fieldset">
          <legend>{f.meta.title}</legend>
          {f.meta.help && <p className="bt-field-help">{f.meta.help}</p>}
          {children.map(render)}
        </fieldset>
      );
    }
    return (
      <Fragment key={key(f)}>
        <FieldEditor schema={f.schema} meta={f.meta} optional={f.optional} nullable={f.nullable} value={getPath(data, f.path)} ctx={ctx} draftKey={`${flowId}:block:${block.id}:${key(f)}`} onChange={(v) => setField(f.path, v)} />
        <DirectionWarnings problems={problems} at={['data', ...f.path]} block={block} />
      </Fragment>
    );
  };
  const top = shown.filter((f) => f.path.length === 1);
  // Newcomer s39 N15: the Custom tab was a 4,700 px column of every option. Its fields are in folding groups; Assignment
  // (what Custom is for) and any group with a problem start open. Every field stays in the page, one click away.
  const groups = isTakeover && mode === 'custom' ? TAKEOVER_CUSTOM_GROUPS : null;
  const form = groups
    ? [
        ...groups.map((g) => {
          const inGroup = top.filter((f) => g.fields.includes(f.path[0]));
          if (inGroup.length === 0) return null;
          const withProblem = problems.some((p) => g.fields.includes(/\.data\.(\w+)/.exec(p.path)?.[1] ?? ''));
          return (
            <details key={g.title} className="st-field-group" data-group={g.title} open={g.open || withProblem}>
              <summary>
                {g.title}
                <span className="st-field-group-note">{g.note}</span>
              </summary>
              {inGroup.map(render)}
            </details>
          );
        }),
        ...top.filter((f) => !groups.some((g) => g.fields.includes(f.path[0]))).map(render),
      ]
    : top.map(render);

  const assignationField = fields.find((f) => f.path[0] === 'assignation');

  return (
    <div className="st-inspector-body" data-testid="block-inspector" data-block-id={block.id}>
      <div className="st-inspector-head">
        <span className="st-inspector-icon" style={{ color: groupColor(info.group), background: `color-mix(in srgb, ${groupColor(info.group)} 12%, transparent)` }}>
          <Icon name={info.icon} size={16} />
        </span>
        <div>
          <div className="st-inspector-kind">{info.label}</div>
          <div className="st-inspector-id">{block.id}</div>
        </div>
      </div>
      <p className="st-inspector-desc">{info.description}</p>
      {block.kind === 'human_takeover' && (
        // When each exit is taken (newcomer s8 #20: "Resolve" vs "Hand back" was a guess), as shared/engine/humanTakeover.ts does it.
        <ul className="bt-field-help st-exit-help" aria-label="When each exit is taken">
          <li>
            {/* Session 46 (studio12, retest-studio M1): in the inbox's own button names (it has no "Close"), and what its
                Resolve does with this exit as runtime/agents/agentRoutes.ts does it (takeoverRatesResolved). */}
            <strong>Resolved</strong>: the agent clicks “Hand back to bot” in the inbox; the bot carries on from here.{' '}
            {ratesResolved ? (
              <span data-testid="takeover-resolve-note">
                The inbox’s “Resolve” takes this exit too: this exit asks for a rating, so the customer is asked to rate the chat, then the
                conversation ends.
              </span>
            ) : (
              <span data-testid="takeover-resolve-note">
                The inbox’s “Resolve” ends the conversation without taking this exit (lead this exit to a Rating block and Resolve asks
                for the rating first). When this exit leads through messages to an End block, Resolve says their words and the End’s
                goodbye.
              </span>
            )}
          </li>
          <li>
            <strong>No agent</strong>: nobody can take the chat (out of hours, nobody signed in or reachable, or the request is rejected).
          </li>
          <li>
            <strong>Timeout</strong>: the customer waited in the queue longer than the queue timeout.
          </li>
        </ul>
      )}
      {block.kind === 'question' && !fallbackWired && (
        // Session 46 (studio10, newcomer s45 N7): an unconnected Question fallback raises no problem, on purpose: the
        // customer is not left at a dead end (runBlocks.retry asks again; a give-up goes back to the menu before it), and
        // a warning there would fire on most questions. What happens there is said here, where the exit is edited.
        <p className="bt-field-help st-exit-help" role="note" data-testid="question-fallback-note">
          <strong>Fallback</strong> is not connected: a customer whose answer does not fit is asked again (the retry message) every time
          {Number(data.maxRetries ?? 2) > 0 ? `, also after its ${Number(data.maxRetries ?? 2)} ${Number(data.maxRetries ?? 2) === 1 ? 'retry' : 'retries'}` : ''}, until an
          answer fits or they give up (then the bot goes back to the menu they came from, if any). Connect the Fallback exit to lead them
          on instead (a message, a person, a Ticket or an End block).
        </p>
      )}
      {block.kind === 'human_takeover' && <EscalationTargetNote blockId={block.id} />}
      {block.kind === 'human_takeover' && (
        // Newcomer s8 #34: an urgent handoff was queued as "normal" with no word of it; the engine uses urgencyPriority (handoffPriority).
        <p className="bt-field-help" data-testid="takeover-priority-note">
          Queue priority: <strong>{priorityLabel(String(data.priority ?? 'normal'))}</strong>
          {mode === 'custom' ? ' (Priority below)' : ''}; <strong>{priorityLabel(String(data.urgencyPriority ?? 'urgent'))}</strong> for a chat handed over because the
          matter is urgent (“Priority when urgent” below), and the agent is told the customer’s deadline.
        </p>
      )}
      <div className="bt-field">
        <label className="bt-field-label" htmlFor={`label-${block.id}`}>
          Label on the canvas
        </label>
        <input
          id={`label-${block.id}`}
          className="bt-input"
          placeholder={info.label}
          value={block.label ?? ''}
          onChange={(e) =>
            store.getState().dispatch({ type: 'set_block_label', id: block.id, label: e.target.value || undefined }, { coalesceKey: `${block.id}:label`, label: 'Rename block' })
          }
        />
        <DirectionWarnings problems={problems} at={['label']} block={block} />
      </div>
      {problems.length > 0 && (
        <details
          className="st-inspector-problems"
          open={problemsOpen ?? problems.length <= 2}
          onToggle={(e) => {
            const now = (e.currentTarget as HTMLDetailsElement).open;
            if (now !== (problemsOpen ?? problems.length <= 2)) setProblemsOpen(now);
          }}
        >
          <ProblemsSummary problems={problems} />
          <ul aria-label="Problems in this block">
            {problems.map((p, i) => (
              <li key={i} data-tone={p.severity} title={withoutDirection(p.hint)}>
                <ShownDirection text={p.message} />
                <span className="st-inspector-hint"><ShownDirection text={p.hint} /></span>
                <ProblemFixButton problem={p} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {optionField && <OptionList block={block} field={optionField} ctx={ctx} problems={problems} />}
      {isTakeover ? (
        <>
          <Tabs
            label="Assignation"
            items={TAB_ITEMS}
            value={mode}
            onChange={(v) => store.getState().dispatch({ type: 'set_block_field', id: block.id, path: ['assignation'], value: v }, { label: `Assignation: ${v}` })}
          >
            <p className="st-mode-help">{assignationField?.meta.choices?.[mode]?.help ?? ''}</p>
            {form}
          </Tabs>
        </>
      ) : (
        form
      )}
    </div>
  );
}

function OptionList({ block, field, ctx, problems }: { block: Block; field: string; ctx: EditorContext; problems: readonly FlowProblem[] }) {
  const store = useStudioStore();
  const info = kindInfo(block.kind);
  const items = ((block.data as Record<string, unknown>)[field] ?? []) as Record<string, unknown>[];
  const labelField = info.optionExits?.labelField ?? 'label';
  const noun = info.optionExits?.noun ?? 'option';
  const fields = inspectorFields(block.kind).find((f) => f.path.length === 1 && f.path[0] === field);
  const el = fields ? elementOf(fields.schema) : null;
  const shape = el ? shapeOf(el) : null;
  const dispatch = store.getState().dispatch;
  return (
    <fieldset className="st-fieldset" aria-label={`${noun}s`}>
      <legend>{fields?.meta.title ?? `${noun}s`}</legend>
      {fields?.meta.help && <p className="bt-field-help">{fields.meta.help}</p>}
      {items.map((item, i) => (
        <div key={String(item.id)} className="st-option" data-option-id={String(item.id)}>
          <div className="st-option-main">
            {shape &&
              Object.entries(shape)
                .filter(([key]) => key !== 'id' || labelField === 'id')
                .map(([key, sub]) => {
                  const editor = (
                    <FieldEditor
                      key={key}
                      schema={sub}
                      meta={{ title: key === labelField ? `${noun[0].toUpperCase()}${noun.slice(1)} ${i + 1}` : (sub.meta?.() as FieldMeta | undefined)?.title ?? key, ...(key === labelField ? {} : { help: (sub.meta?.() as FieldMeta | undefined)?.help }) }}
                      value={item[key]}
                      ctx={ctx}
                      onChange={(v) =>
                        dispatch({ type: 'set_block_field', id: block.id, path: [field, i, key], value: v }, { coalesceKey: `${block.id}:${field}.${String(item.id)}.${key}`, label: `Edit ${noun}` })
                      }
                    />
                  );
                  // Session 43 (menus): under a Buttons option's synonyms, what its label is read as by meaning (read-only).
                  const meaning = field === 'options' && key === 'synonyms' && typeof item.label === 'string' ? describeLabelMeaning(item.label) : null;
                  // Newcomer s45 N6: the label's and the synonyms' warnings were both drawn below the last field.
                  const warnings = <DirectionWarnings problems={problems} at={['data', field, i, key]} block={block} />;
                  if (meaning === null)
                    return (
                      <Fragment key={key}>
                        {editor}
                        {warnings}
                      </Fragment>
                    );
                  return (
                    <Fragment key={key}>
                      {editor}
                      {warnings}
                      <p className="bt-field-help st-option-meaning" role="note" title="A message that names one of these in any words picks this option when no other option's words or meaning fit it.">
                        Also picked by meaning: {meaning}
                      </p>
                    </Fragment>
                  );
                })}
            <DirectionWarnings problems={problems} at={['data', field, i]} block={block} except={shape ? Object.keys(shape).filter((key) => key !== 'id' || labelField === 'id') : []} />
          </div>
          <div className="st-option-actions">
            <Button size="icon" variant="ghost" aria-label={`Move ${noun} ${i + 1} up`} disabled={i === 0} onClick={() => dispatch({ type: 'reorder_option', blockId: block.id, optionId: String(item.id), toIndex: i - 1 })}>
              <ArrowUp size={14} />
            </Button>
            <Button size="icon" variant="ghost" aria-label={`Move ${noun} ${i + 1} down`} disabled={i === items.length - 1} onClick={() => dispatch({ type: 'reorder_option', blockId: block.id, optionId: String(item.id), toIndex: i + 1 })}>
              <ArrowDown size={14} />
            </Button>
            <Button size="icon" variant="ghost" aria-label={`Remove ${noun} ${i + 1}`} onClick={() => dispatch({ type: 'remove_option', blockId: block.id, optionId: String(item.id) })}>
              <Trash2 size={14} />
            </Button>
          </div>
        </div>
      ))}
      <Button size="sm" onClick={() => dispatch({ type: 'add_option', blockId: block.id }, { label: `Add ${noun}` })}>
        <Plus size={14} /> Add {noun}
      </Button>
    </fieldset>
  );
}

/**
 * Session 42 (studio3, newcomer s28): a block with warnings only was headed by a red "3 problems". Errors in red, warnings
 * "N warnings" in amber, both when there are both ("1 error, 2 warnings in this block").
 * Session 44 (ui8, newcomer s44 N9): errors were "problems" here and "errors" on the canvas's badge ("1 error, 2 warnings"
 * beside "1 problem, 1 warning in this block"): one word, "error", in both; the badge says it counts the whole flow.
 */
export function ProblemsSummary({ problems }: { problems: readonly { severity: string }[] }) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <summary>
      {errors > 0 && <span data-tone="error">{count(errors, 'error')}</span>}
      {errors > 0 && warnings > 0 && ', '}
      {warnings > 0 && <span data-tone="warning">{count(warnings, 'warning')}</span>} in this block
    </summary>
  );
}

export { ProblemFixButton };
