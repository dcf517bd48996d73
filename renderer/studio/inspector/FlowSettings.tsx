/**
 * Flow settings: name, language and time zone, the variables (add, rename everywhere, delete with the
 * list of uses) and the escalation policy (each of the eight signals on/off with its thresholds, phrase
 * and topic lists, graduated escalation, the target Human Takeover block). All edits are undoable.
 */
import { Plus, Settings, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { FlowProblem } from '../../../shared/flow/flowProblem';
import { useProblems } from '../hooks/useProblems';
import { focusSettingsField, onSettingsFocus, settingsFieldFor, takePendingSettingsFocus } from './settingsFocus';
import { SettingsField, SettingsProblems } from './SettingsField';
import { z } from 'zod';
import { variableUses } from '../../../shared/flow/edit/variables';
import { flowVariables } from '../../../shared/flow/variableList';
import { pageOnlyVariables } from '../../../shared/flow/pageVariables';
import { escalationPolicySchema, type Flow } from '../../../shared/flow/schema';
import { defaultGraduatedTexts, graduatedTextTitles } from '../../../shared/engine/escalationWording';
import { DEFAULT_SECRET_HIDDEN_MESSAGE } from '../../../shared/engine/customerSecrets';
import { DEFAULT_CLOSED_COURTESY_MESSAGE } from '../../../shared/engine/afterClose';
import { DEFAULT_OFFER_AFTER_UNANSWERED, DEFAULT_SHOP_QUESTION_MESSAGE } from '../../../shared/engine/shopQuestion';
import { SelfHarmNote } from './SelfHarmNote';
import { Button } from '../../ui/Button';
import { studioApi } from '../api/studioApi';
import { Field } from '../../ui/Field';
import { ShownDirection, withoutDirection } from '../../ui/ShownDirection';
import { Tabs } from '../../ui/Tabs';
import { blockTitle } from '../blockCatalog';
import { useStudio, useStudioStore } from '../store/StudioStoreContext';
import { FieldEditor, widgetOf } from './FieldEditor';
import { flowIdProblem } from './flowId';
import { idFollowingName, isPlaceholderId } from '../../../shared/flow/flowId';
import { languageCodeProblem } from '../editor/languageCode';
import { useEditorContext } from './Inspector';
import { humanize, shapeOf } from './zodInfo';

/** Titles and one-line help for the escalation policy (the schema carries no inspector metadata). */
const signalText: Record<string, { title: string; help: string; fields?: Record<string, { title: string; help: string; widget?: 'tags' | 'rules' | 'textarea'; placeholder?: string }> }> = {
  // Newcomer s39 N14: "Phrases" and "Examples" had no word on which to use; one line each (the same two as Urgency's).
  explicitRequest: {
    title: 'Explicit request',
    help: 'The customer asks for a person, in any wording.',
    fields: {
      phrases: { title: 'Phrases', help: 'Exact words that always count as asking for a person, wherever they appear in a message (e.g. “speak to Sam”).' },
      examples: { title: 'Examples', help: 'Whole customer messages asking for a person: a message worded like one of them counts too, even with other words.' },
    },
  },
  negativeSentiment: {
    title: 'Negative sentiment',
    help: 'The customer is upset: one very negative message, or several negative ones in a row.',
    fields: {
      phrases: { title: 'Phrases', help: 'Exact words that always count as upset for this business, wherever they appear in a message (e.g. “still broken”).' },
      examples: { title: 'Examples', help: 'Whole upset messages in your customers’ words: a message worded like one of them counts too, even with other words.' },
      threshold: { title: 'Single-message threshold', help: 'Fires when one message scores at or below this (-1 very negative, 1 very positive).' },
      trendThreshold: { title: 'Trend threshold', help: 'A message at or below this counts towards the trend.' },
      trendTurns: { title: 'Trend length', help: 'How many negative messages in a row fire the signal.' },
    },
  },
  lowConfidence: {
    title: 'Low confidence',
    help: 'The bot only partly understood what the customer wants.',
    fields: {
      threshold: { title: 'Confidence threshold', help: 'Below this intent confidence (0-1) the bot is unsure.' },
      clarifyFirst: {
        title: 'Ask once before handing over',
        help: 'In immediate mode, the first unclear message gets one clarifying question instead of a person; a second unclear message hands over.',
      },
      clarifyText: { title: 'Clarifying question', help: 'Asked once before a low-confidence handoff. Empty: “Could you tell me a bit more about what you need? A few words about it are enough.”' },
    },
  },
  repeatedFallback: {
    title: 'Repeated fallback',
    help: 'The bot failed to understand several times.',
    fields: {
      count: { title: 'Fallbacks', help: 'How many misunderstandings in a row fire the signal. Clear questions about your products or services that the flow has no answer for are not misunderstandings and do not count (see below).' },
      offerAfterUnanswered: {
        title: 'Offer a person after unanswered questions',
        help: `After this many clear questions in a row that the flow has no answer for (“do you take Apple Pay?”), the bot offers a person (“Would you like to talk to a person?” with two buttons, worded as graduated mode’s Step 2); the customer chooses. Empty: ${DEFAULT_OFFER_AFTER_UNANSWERED}; 0: never.`,
        // Session 27 (convo; session 26 review): the box was empty while the default applied.
        placeholder: `${DEFAULT_OFFER_AFTER_UNANSWERED} (default)`,
      },
    },
  },
  loop: {
    title: 'Loop',
    help: 'The customer keeps asking the same question.',
    fields: {
      count: { title: 'Repeats', help: 'How many times the same question may be asked.' },
      similarity: { title: 'Similarity', help: 'How alike (0-1) two questions must be to count as the same.' },
    },
  },
  sensitiveTopics: {
    title: 'Sensitive topics',
    help: 'Topics a person should always handle (refunds, complaints, legal).',
    fields: {
      topics: {
        title: 'Topics',
        help: 'Each topic: a name, phrases and intent names that mean it. A topic you add matches its phrases and close rewordings of its examples, so give it several examples in different words; only the built-in topic names (refunds, complaints, legal…) also catch wordings that share no word with them.',
      },
    },
  },
  urgency: {
    title: 'Urgency',
    help: 'Urgent words and deadlines, or variable rules (e.g. a departure within 20 minutes).',
    fields: {
      phrases: { title: 'Extra urgent phrases', help: 'Words that mean “urgent” for this business, separated by commas.', widget: 'tags' },
      rules: { title: 'Urgency rules', help: 'Variable rules that make a conversation urgent.', widget: 'rules' },
      examples: { title: 'Examples', help: 'Urgent messages in your customers’ words: a message close in wording to one of them counts as urgent.' },
      deadlineHours: {
        title: 'Deadline hours',
        help: 'A deadline the customer names (“by 5 today”, “tomorrow”, “on Saturday”) makes the chat urgent when it is at most this many hours away. 168 = one week: any weekday counts; 24 = only today and tomorrow. Urgent chats are handed over at once, even in graduated mode.',
      },
      crisisLine: {
        title: 'Crisis line',
        help: 'Said to a customer who writes words of self-harm when nobody can answer now (out of hours, nobody online, the ticket’s questions), before anything else. Name the emergency number and a crisis line where your customers live. Empty: the built-in line (“call your local emergency number … find one where you live at findahelpline.com”; a flow on UK or Irish time also names Samaritans, 116 123).',
        widget: 'textarea',
      },
      emergencyLine: {
        title: 'Emergency line',
        help: 'Said first to a customer who writes that someone is hurt or ill now (bleeding, unconscious, not breathing, a heart attack, a battery swallowed), before any question and whatever the opening hours. Name the emergency number where your customers are. Empty: “If you have not already, please call 112 now …” with the number your own messages give (“call 112”), else the number of the flow’s time zone (999 UK, 911 US and Canada, 112 elsewhere in Europe).',
        widget: 'textarea',
      },
    },
  },
  hotLead: {
    title: 'Hot lead',
    help: 'A sales lead worth a person now (lead score, budget, pages visited).',
    fields: { rules: { title: 'Hot-lead rules', help: 'When these rules become true, the lead is handed over.', widget: 'rules' } },
  },
  neverTrigger: {
    title: 'Never trigger',
    help: 'Words or phrases taken out of every customer message before any signal reads it (e.g. a product called “Rage Red”). One list for the whole policy: a word here can no longer fire any reason or topic, so “order” would also hide “cancel my order”. Separate with commas.',
  },
  classifier: {
    title: 'Classifier',
    help: 'A learned model that also reads wordings your phrase lists miss (rewordings, typos). Off: only the phrases, examples and word rules above can fire.',
  },
};

// Newcomer s13 #5: checked like Time zone (a code this computer can name), not taken silently.
const languageSchema = z
  .string()
  .max(35, 'Use a language code such as en or fr.')
  .superRefine((v, ctx) => {
    const problem = languageCodeProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const timezoneSchema = z.string().min(1, 'Choose a time zone.');

export function FlowSettings({ flowFile }: { flowFile?: string } = {}) {
  const [tab, setTab] = useState('general');
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const body = useRef<HTMLDivElement>(null);
  // A problem row for a settings field (newcomer s8 #1): open its tab, then bring the field into view and focus it.
  useEffect(() => {
    const go = (path: string) => {
      takePendingSettingsFocus();
      if (path.startsWith('$.escalation')) setTab('escalation');
      else if (path.startsWith('$.settings')) setTab('general');
      setFocusPath(path);
    };
    const waiting = takePendingSettingsFocus();
    if (waiting) go(waiting);
    return onSettingsFocus(go);
  }, []);
  useEffect(() => {
    if (!focusPath || !body.current) return;
    const field = settingsFieldFor(body.current, focusPath);
    if (!field) return;
    field.scrollIntoView?.({ block: 'center' });
    focusSettingsField(field, focusPath);
    setFocusPath(null);
  }, [focusPath, tab]);
  return (
    <div className="st-inspector-body" data-testid="flow-settings" ref={body}>
      {/* Session 47 (studio14, newcomer s46 N17): the panel had only its tabs, no title saying what it is (a block's
          inspector has its kind's name and icon at the top; this is the same head). */}
      <div className="st-inspector-head">
        <span className="st-inspector-icon st-settings-icon" aria-hidden="true">
          <Settings size={16} />
        </span>
        <h2 className="st-inspector-kind">Flow settings</h2>
      </div>
      <p className="st-inspector-desc">The whole flow: its name and language, its variables, and when the bot hands over to a person.</p>
      <Tabs
        label="Flow settings"
        items={[
          { value: 'general', label: 'General' },
          { value: 'variables', label: 'Variables' },
          { value: 'escalation', label: 'Escalation' },
        ]}
        value={tab}
        onChange={setTab}
      >
        {tab === 'general' && <General flowFile={flowFile} />}
        {tab === 'variables' && <Variables />}
        {tab === 'escalation' && <Escalation />}
      </Tabs>
    </div>
  );
}

function General({ flowFile }: { flowFile?: string }) {
  const store = useStudioStore();
  const flow = useStudio((s) => s.flow);
  const ctx = useEditorContext();
  const dispatch = store.getState().dispatch;
  return (
    <>
      <FlowNameField />
      <FlowIdField flowFile={flowFile} />
      <Field label="Description">
        {({ id }) => (
          <textarea id={id} className="bt-textarea" value={flow.description} onChange={(e) => dispatch({ type: 'set_flow_info', description: e.target.value }, { coalesceKey: 'flow:description', label: 'Edit description' })} />
        )}
      </Field>
      <FieldEditor
        schema={languageSchema}
        meta={{ title: 'Language', help: 'The bot’s language (BCP 47 code, e.g. en, fr, de).', widget: 'text' }}
        value={flow.settings.language}
        ctx={ctx}
        draftKey={`${flow.id}:settings:language`}
        onChange={(v) => dispatch({ type: 'set_settings', settings: { language: String(v) } }, { coalesceKey: 'settings:language', label: 'Change language' })}
      />
      <FieldEditor
        schema={timezoneSchema}
        meta={{ title: 'Time zone', help: 'Used for dates, business hours and {{now}} in messages.', widget: 'timezone' }}
        value={flow.settings.timezone}
        ctx={ctx}
        draftKey={`${flow.id}:settings:timezone`}
        onChange={(v) => dispatch({ type: 'set_settings', settings: { timezone: String(v) } }, { coalesceKey: 'settings:timezone', label: 'Change time zone' })}
      />
      {/* The bot's words after it hid a card number or password the customer typed (settings.secretHiddenMessage,
          hostile s15 H#3): the field shows what the bot says now; emptied, the bot says nothing (the text is still hidden). */}
      <MessageField
        name="secretHiddenMessage"
        label="Card number or password hidden"
        help="Said when the bot hides a card number or password the customer typed. Empty: nothing is said; the number is hidden all the same."
        builtIn={DEFAULT_SECRET_HIDDEN_MESSAGE}
        editLabel="Edit the hidden-secret message"
      />
      {/* Session 25 (review of session 24): the bot's words to thanks, bye, ok or 👍 after the chat ended
          (settings.closedCourtesyMessage), a flow text like the one above; emptied, the bot says nothing. */}
      <MessageField
        name="closedCourtesyMessage"
        label="Reply to thanks after the chat ended"
        help="Said once when, after the chat ended, the customer only says thanks, bye or ok, or sends a thumbs-up; the chat stays closed. Write it in the flow’s language. Empty: nothing is said."
        builtIn={DEFAULT_CLOSED_COURTESY_MESSAGE}
        editLabel="Edit the reply to thanks after the end"
      />
      {/* Session 26 (shopfb): the bot's words to a clear shop question the flow has no answer for
          (settings.shopQuestionMessage), said instead of the fallback message; emptied, the fallback message is said. */}
      <MessageField
        name="shopQuestionMessage"
        label={UNANSWERED_LABEL}
        help="Said instead of the fallback message when the customer asks a clear question about your products or services that no intent answers (“do you take Apple Pay?”, “do you open on bank holidays?”). Write it in the flow’s language. Empty: the fallback message is said."
        builtIn={DEFAULT_SHOP_QUESTION_MESSAGE}
        editLabel="Edit the reply to a question with no answer"
      />
    </>
  );
}

/**
 * Session 49 (studio17, newcomer s47 N8's leftover): the field's name for any business. It was "Reply to a shop question the
 * bot cannot answer" with an LED-strip example, also in a blank flow for a bike workshop or a clinic. The examples are
 * questions the policy reads as such (isShopQuestion: "do you take Apple Pay?", "do you open on bank holidays?").
 */
export const UNANSWERED_LABEL = 'Reply to a clear question the bot has no answer for';

/** The flow texts of Flow settings › General that the bot says in the flow's language (one textarea each). */
type MessageKey = 'secretHiddenMessage' | 'closedCourtesyMessage' | 'shopQuestionMessage';

/**
 * One of the bot's own lines (settings.secretHiddenMessage, closedCourtesyMessage, shopQuestionMessage): shows what the
 * bot says now (the built-in sentence until changed), an edit goes into the flow, and a warning of its own
 * (closed_courtesy_english, shop_question_english) outlines it. Session 26: one component for the three fields that
 * were near copies (README "Code kept twice", session 25 review).
 */
function MessageField(p: { name: MessageKey; label: string; help: string; builtIn: string; editLabel: string }) {
  const store = useStudioStore();
  const value = useStudio((s) => s.flow.settings[p.name]);
  const problems = useProblems();
  return (
    <SettingsField path={`$.settings.${p.name}`} problems={problems}>
      <Field label={p.label} help={p.help}>
        {({ id, describedBy }) => (
          <textarea
            id={id}
            aria-describedby={describedBy}
            className="bt-textarea"
            maxLength={1000}
            value={value ?? p.builtIn}
            onChange={(e) => store.getState().dispatch({ type: 'set_settings', settings: { [p.name]: e.target.value } }, { coalesceKey: `settings:${p.name}`, label: p.editLabel })}
          />
        )}
      </Field>
    </SettingsField>
  );
}

/**
 * The flow name. The document keeps it trimmed, so the field shows what was typed while it has focus (shown from the
 * document, a space typed at the end was dropped at once and "Pet shop helper" became "Petshophelper": newcomer s6
 * #2). An emptied name is not saved: the flow keeps its name, and says so, until one is typed.
 */
function FlowNameField() {
  const store = useStudioStore();
  const name = useStudio((s) => s.flow.name);
  const flowId = useStudio((s) => s.flow.id);
  const readOnly = useStudio((s) => s.readOnly);
  const [draft, setDraft] = useState<string | null>(null);
  // A draft that no longer matches the flow (undo, another tab) gives way to the flow's name.
  const live = draft !== null && (draft.trim() === name || draft.trim() === '') ? draft : null;
  // Session 42 (studio3, newcomer s39 N1): a blank flow's placeholder id (untitled-flow) follows a name typed here as it
  // does one typed in the top bar (session 39): said while typing, done when the field is left, in the same undo step as
  // the rename. The address follows the id (App.tsx useAddressFollowsId) and other tabs see a renamed flow as for any edit.
  const following = idFollowingName(flowId, (live ?? name).trim());
  const followName = () => {
    const state = store.getState();
    const id = idFollowingName(state.flow.id, state.flow.name);
    if (!id || state.readOnly) return;
    const last = state.past[state.past.length - 1];
    const attach = last?.coalesceKey === 'flow:name' && state.future.length === 0;
    state.dispatch({ type: 'set_flow_info', id }, attach ? { attachToLast: true, coalesceMs: Number.POSITIVE_INFINITY } : { label: 'Change flow id' });
  };
  const help = following && !readOnly
    ? `Shown on the home screen and in exports. This new flow's id ${flowId} follows the name: it becomes ${following} when you leave this field (the chat address /chat/${following}, the export ${following}.json).`
    : 'Shown on the home screen and in exports.';
  return (
    <Field label="Flow name" help={help} error={live !== null && live.trim() === '' ? `A flow needs a name; it keeps "${name}" until you type one.` : null}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className="bt-input"
          value={live ?? name}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            if (text.trim() && text.trim() !== name) store.getState().dispatch({ type: 'set_flow_info', name: text }, { coalesceKey: 'flow:name', label: 'Rename flow' });
          }}
          onBlur={() => {
            setDraft(null);
            followName();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') followName();
          }}
        />
      )}
    </Field>
  );
}

/**
 * The flow id, editable: the draft is checked as it is typed and set on Enter or when the field is left. A bad id
 * stays in the field with the reason under it (the flow keeps its id until it is fixed); Escape puts the id back.
 */
function FlowIdField({ flowFile }: { flowFile?: string }) {
  const store = useStudioStore();
  const flowId = useStudio((s) => s.flow.id);
  const [draft, setDraft] = useState<string | null>(null);
  const others = useOtherFlowIds(flowId);
  const value = draft ?? flowId;
  const taken = draft !== null && draft !== flowId ? others.find((o) => o.id === draft) : undefined;
  const problem =
    draft !== null && draft !== flowId
      ? (flowIdProblem(draft) ?? (taken ? `Another flow in this studio, "${taken.name}", already has the id ${draft}: served together they would clash (baton serve refuses two flows with one id).` : null))
      : null;
  /** The id the help text names: what is typed once it is a good id. */
  const shown = problem ? flowId : value;
  const commit = () => {
    if (draft === null) return;
    if (draft === flowId) return setDraft(null);
    if (problem) return;
    if (store.getState().setFlowId(draft)) setDraft(null);
  };
  return (
    <>
    <Field
      label="Flow id"
      error={problem ? `${problem} The flow keeps the id "${flowId}" until this is fixed (Escape puts it back).` : null}
      help={`${isPlaceholderId(flowId) ? `A new flow's placeholder id: it follows the flow's name when the flow is renamed, and is not changed by later renames.` : 'Not changed by a rename.'} It names the flow where it is used: the served chat address /chat/${shown}, the widget's embed code, the export file (${shown}.json) and the scenarios file's "flow" (updated with it). A changed id gives the flow a new chat address: update embed codes and links that use the old one.`}
    >
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className="bt-input bt-mono"
          value={value}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            else if (e.key === 'Escape') {
              e.stopPropagation();
              setDraft(null);
            }
          }}
        />
      )}
    </Field>
      {/* Session 50 (studio18, newcomer s49 N9): the studio's own file keeps the name the flow was created with
          ("untitled-flow.json"): its history, scenarios and unsaved edits are kept under that name, and moving them on
          every rename could lose or duplicate them. Said here, with where a file named after the flow comes from. */}
      {flowFile && fileNameOf(flowFile) !== `${shown}.json` && (
        <p className="bt-field-help st-flow-file" data-testid="flow-file-name">
          Saved in <code title={flowFile}>{fileNameOf(flowFile)}</code>, the name the file had when the flow was created or opened: a rename or a new id
          does not move that file, its versions or its scenarios. Export writes <code>{shown}.json</code>.
        </p>
      )}
    </>
  );
}

/** "untitled-flow.json" of "/home/me/.baton/studio/flows/untitled-flow.json" (either slash). */
const fileNameOf = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * The ids of the studio's other flows (hostile s6: a flow could be given another flow's id without a word). Read
 * once when Flow settings opens; without a studio server (tests, a bare page) the list is empty.
 */
function useOtherFlowIds(ownId: string): { id: string; name: string }[] {
  const [others, setOthers] = useState<{ id: string; name: string }[]>([]);
  const [own] = useState(ownId);
  useEffect(() => {
    let live = true;
    studioApi
      .listFlows()
      .then((r) => {
        if (!live) return;
        // This flow is one of them: drop one entry with its id (two with it are a real clash, still shown).
        const i = r.flows.findIndex((f) => f.flowId === own);
        setOthers(r.flows.filter((_, j) => j !== i).map((f) => ({ id: f.flowId, name: f.name })));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [own]);
  return others;
}

function Variables() {
  const store = useStudioStore();
  const flow = useStudio((s) => s.flow);
  const [renaming, setRenaming] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const dispatch = store.getState().dispatch;
  const addError = newName && !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(newName) ? 'Letters, digits, _ and . only; must not start with a digit.' : flow.variables.some((v) => v.name === newName) ? 'That variable already exists.' : flowVariables(flow).some((v) => v.name === newName) ? 'The flow already uses that variable: it is in the list above.' : null;
  // Session 47 (apisec2): a variable only a website gives (no block writes it) can be marked "Signed only" (one a
  // Question asks is not offered: the customer can type the same value, a signature would protect nothing).
  const pageOnly = pageOnlyVariables(flow);
  return (
    <div>
      <p className="bt-field-help">Variables hold what the customer told the bot. Renaming one updates every {'{{template}}'} and rule that uses it.</p>
      <ul className="st-variables">
        {flowVariables(flow).map((fv) => {
          const v = flow.variables.find((x) => x.name === fv.name) ?? { name: fv.name, type: 'string' as const };
          const uses = confirm === v.name ? variableUses(flow, v.name) : [];
          const draft = renaming[v.name];
          const commitRename = () => {
            if (draft === undefined || draft === v.name) return;
            // Newcomer s46 N20: a variable only the blocks create is declared under its new name in the same step (one undo).
            const edit = fv.declared
              ? ({ type: 'rename_variable', from: v.name, to: draft } as const)
              : ({ type: 'batch', label: `Rename ${v.name}`, edits: [{ type: 'add_variable', variable: { name: v.name } }, { type: 'rename_variable', from: v.name, to: draft }] } as const);
            if (dispatch(edit as never, { label: `Rename ${v.name}` })) setRenaming(({ [v.name]: _, ...rest }) => rest);
          };
          const titleOf = (id: string) => {
            if (id === 'settings') return 'Flow settings';
            const b = flow.blocks.find((x) => x.id === id);
            return b ? blockTitle(b) : id;
          };
          const signedOnly = v.signed === true;
          const where = [
            fv.setIn.length ? `Set in ${fv.setIn.map(titleOf).join(', ')}` : fv.declared ? (signedOnly ? 'Not set by any block (the website passes it in, signed)' : '') : 'Not set by any block (the website can pass it in)',
            fv.usedIn.length ? `used in ${fv.usedIn.map(titleOf).join(', ')}` : 'not used yet',
          ].filter(Boolean).join('; ');
          return (
            <li key={v.name} className="st-variable" data-variable={v.name} data-declared={fv.declared || undefined}>
              <input
                className="bt-input bt-mono"
                aria-label={`Variable ${v.name} name`}
                value={draft ?? v.name}
                onChange={(e) => setRenaming((r) => ({ ...r, [v.name]: e.target.value }))}
                onBlur={commitRename}
                onKeyDown={(e) => e.key === 'Enter' && commitRename()}
              />
              <select className="bt-select" aria-label={`Variable ${v.name} type`} value={v.type} onChange={(e) => { const changes = { type: e.target.value as Flow['variables'][number]['type'] }; dispatch(fv.declared ? { type: 'update_variable', name: v.name, changes } : ({ type: 'batch', label: `Type of ${v.name}`, edits: [{ type: 'add_variable', variable: { name: v.name, ...changes } }] } as never)); }}>
                {['string', 'number', 'boolean', 'date'].map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
              {fv.declared ? (
                <Button size="icon" variant="ghost" aria-label={`Delete variable ${v.name}`} onClick={() => setConfirm(confirm === v.name ? null : v.name)}>
                  <Trash2 size={14} />
                </Button>
              ) : (
                <span />
              )}
              <p className="st-variable-where bt-field-help">
                <ShownDirection text={where} />
              </p>
              {fv.declared && (pageOnly.has(v.name) || signedOnly) && (
                <label className="bt-check st-variable-signed">
                  <input
                    type="checkbox"
                    aria-label={`${v.name}: signed only`}
                    checked={signedOnly}
                    onChange={(e) => dispatch({ type: 'update_variable', name: v.name, changes: { signed: e.target.checked ? true : undefined } }, { label: e.target.checked ? `Require ${v.name} signed` : `Take ${v.name} unsigned` })}
                  />
                  <span>
                    <span className="bt-field-label">Signed only</span>
                    <span className="bt-field-help" style={{ display: 'block' }}>
                      Taken only from your website&rsquo;s signed identity token; unsigned, it is refused (docs/runtime.md, &ldquo;Signed identity&rdquo;).
                    </span>
                  </span>
                </label>
              )}
              {confirm === v.name && (
                <div className="st-confirm" role="alertdialog" aria-label={`Delete ${v.name}?`}>
                  {uses.length === 0 ? (
                    <p>Nothing uses {v.name}.</p>
                  ) : (
                    <>
                      <p>
                        {v.name} is used in {uses.length} place{uses.length === 1 ? '' : 's'}; they will be reported as unknown variables:
                      </p>
                      <ul>
                        {uses.slice(0, 8).map((u, i) => {
                          const b = u.blockId ? flow.blocks.find((x) => x.id === u.blockId) : null;
                          return <li key={i}><ShownDirection text={b ? `${blockTitle(b)} (${b.id})` : 'Flow settings'} />: {u.path.slice(b ? 3 : 0).join('.')}</li>;
                        })}
                      </ul>
                    </>
                  )}
                  <Button variant="danger" size="sm" onClick={() => { dispatch({ type: 'delete_variable', name: v.name }, { label: `Delete ${v.name}` }); setConfirm(null); }}>
                    Delete {v.name}
                  </Button>{' '}
                  <Button size="sm" onClick={() => setConfirm(null)}>Cancel</Button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <Field label="New variable" error={addError}>
        {({ id, describedBy, invalid }) => (
          <div className="st-inline">
            <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} className="bt-input bt-mono" placeholder="orderNumber" value={newName} onChange={(e) => setNewName(e.target.value)} />
            <Button disabled={!newName || Boolean(addError)} onClick={() => { if (dispatch({ type: 'add_variable', variable: { name: newName } }, { label: `Add ${newName}` })) setNewName(''); }}>
              <Plus size={14} /> Add
            </Button>
          </div>
        )}
      </Field>
    </div>
  );
}

function Escalation() {
  const store = useStudioStore();
  const flow = useStudio((s) => s.flow);
  const problems = useProblems();
  const ctx = useEditorContext();
  const policy = flow.escalation as Record<string, unknown>;
  const shape = shapeOf(escalationPolicySchema) ?? {};
  const dispatch = store.getState().dispatch;
  const set = (key: string, value: unknown, coalesce = true) =>
    dispatch({ type: 'set_escalation', escalation: { [key]: value } }, coalesce ? { coalesceKey: `escalation:${key}`, label: 'Edit escalation policy' } : { label: 'Edit escalation policy' });
  const targets = flow.blocks.filter((b) => b.kind === 'human_takeover');
  return (
    <SettingsProblems.Provider value={problems}>
    <div className="st-escalation">
      <label className="bt-check">
        <input type="checkbox" checked={Boolean(policy.enabled)} onChange={(e) => set('enabled', e.target.checked, false)} />
        <span>
          <span className="bt-field-label">Escalate automatically</span>
          <span className="bt-field-help" style={{ display: 'block' }}>Watch every customer message for the signals below and hand over when one fires.</span>
        </span>
      </label>
      {/* Newcomer s13 #1: the flow's warning about an empty target shows under the select, which is marked like the
          offer fields (the one setting a new designer must find). */}
      <SettingsField path="$.escalation.targetBlockId" problems={problems}>
      <Field label="Hand over to" help="The Human Takeover block the conversation goes to when a signal fires.">
        {({ id, describedBy }) => (
          <select id={id} aria-describedby={describedBy} className="bt-select" value={String(policy.targetBlockId ?? '')} onChange={(e) => set('targetBlockId', e.target.value || null, false)}>
            <option value="">— choose a Human Takeover block —</option>
            {/* Newcomer s42 N10: the block's title, as the canvas shows it; its id only to tell apart two of the same title. */}
            {targets.map((b) => (
              <option key={b.id} value={b.id}>
                {withoutDirection(targets.filter((o) => blockTitle(o) === blockTitle(b)).length > 1 ? `${blockTitle(b)} (${b.id})` : blockTitle(b))}
              </option>
            ))}
          </select>
        )}
      </Field>
      </SettingsField>
      <Field label="Mode" help={policy.mode === 'graduated' ? 'Graduated: first ask to rephrase (or acknowledge an upset customer or a sensitive topic), then offer a person, then hand over (explicit requests, urgency and hot leads still hand over at once).' : 'Immediate: hand over as soon as a signal fires.'}>
        {({ id, describedBy }) => (
          <select id={id} aria-describedby={describedBy} className="bt-select" value={String(policy.mode)} onChange={(e) => set('mode', e.target.value, false)}>
            <option value="immediate">Immediate</option>
            <option value="graduated">Graduated</option>
          </select>
        )}
      </Field>
      {policy.mode === 'graduated' && <GraduatedTexts flowId={flow.id} problems={problems} texts={(policy.texts ?? {}) as Record<string, unknown>} shape={shapeOf(shape.texts) ?? {}} ctx={ctx} onChange={(k, v) => set('texts', { [k]: typeof v === 'string' && v.trim() === '' ? undefined : v })} />}
      {Object.entries(shape)
        .filter(([key]) => !['enabled', 'targetBlockId', 'mode', 'texts'].includes(key))
        .map(([key, sub]) => {
          const text = signalText[key] ?? { title: humanize(key), help: '' };
          const value = (policy[key] ?? {}) as Record<string, unknown>;
          const subShape = shapeOf(sub);
          if (!subShape) {
            return (
              <SettingsField key={key} path={`$.escalation.${key}`} problems={problems}>
                <FieldEditor schema={sub} meta={{ title: text.title, help: text.help }} value={policy[key]} ctx={ctx} draftKey={`${flow.id}:escalation:${key}`} onChange={(v) => set(key, v)} />
              </SettingsField>
            );
          }
          const on = value.enabled !== false;
          return (
            <section key={key} className="st-signal" data-signal={key} data-on={on || undefined}>
              <label className="bt-check st-signal-head">
                <input type="checkbox" checked={on} aria-label={text.title} onChange={(e) => set(key, { enabled: e.target.checked }, false)} />
                <span>
                  <span className="bt-field-label">{text.title}</span>
                  <span className="bt-field-help" style={{ display: 'block' }}>{text.help}</span>
                </span>
              </label>
              {/* Session 25 (review of session 24): the built-in self-harm / crisis phrases (shared/escalation/selfHarm.ts) are
                  shown, read-only, where the urgency vocabulary is edited. */}
              {key === 'urgency' && <SelfHarmNote />}
              {on &&
                Object.entries(subShape)
                  .filter(([k]) => k !== 'enabled')
                  .map(([k, s]) => {
                    const t = text.fields?.[k] ?? { title: humanize(k), help: '' };
                    const path = `$.escalation.${key}.${k}`;
                    // A list of objects (the sensitive topics) marks each item and its fields itself (newcomer s24 #4).
                    const nested = widgetOf(s, { title: t.title, widget: t.widget }) === 'list';
                    return (
                      <SettingsField key={k} path={path} problems={problems} nested={nested}>
                        <FieldEditor schema={s} meta={{ title: t.title, help: t.help, widget: t.widget, placeholder: t.placeholder }} value={value[k]} ctx={ctx} draftKey={`${flow.id}:escalation:${key}.${k}`} settingsPath={nested ? path : undefined} onChange={(v) => set(key, { [k]: v })} />
                      </SettingsField>
                    );
                  })}
            </section>
          );
        })}
    </div>
    </SettingsProblems.Provider>
  );
}

/** The graduated steps' messages (newcomer s7 #12): what the bot says first, and how it offers a person. Empty: the built-in sentence. */
const graduatedTextFields = [
  {
    key: 'rephrase',
    title: 'Step 1 when the bot did not understand',
    help: 'Said after misunderstandings, unclear messages or a loop, before offering a person.',
  },
  {
    key: 'acknowledge',
    title: 'Step 1 when the customer is upset or on a sensitive topic',
    help: 'The bot did understand: acknowledge it instead of asking to rephrase. (Urgent customers, explicit requests and hot leads skip the steps: they are handed over at once.)',
  },
  {
    key: 'offer',
    title: 'Step 2: offering a person',
    help: 'Asked with the two buttons below.',
  },
  {
    key: 'personButton',
    title: graduatedTextTitles.personButton,
    help: 'The button that hands the customer over (typed out, it answers as the button does).',
    widget: 'text',
  },
  {
    key: 'botButton',
    title: graduatedTextTitles.botButton,
    help: 'The button that keeps the customer with the bot.',
    widget: 'text',
  },
] as const;

function GraduatedTexts({
  flowId,
  problems,
  texts,
  shape,
  ctx,
  onChange,
}: {
  flowId: string;
  problems: readonly FlowProblem[];
  texts: Record<string, unknown>;
  shape: Record<string, z.ZodType>;
  ctx: ReturnType<typeof useEditorContext>;
  onChange(key: string, value: unknown): void;
}) {
  return (
    <fieldset className="st-graduated-texts" aria-label="What the bot says at each step">
      <legend>What the bot says at each step</legend>
      <p className="bt-field-help">Leave a box empty to use the sentence shown in it. Step 3 hands over to the team.</p>
      {graduatedTextFields.map((f) => (
        <SettingsField key={f.key} path={`$.escalation.texts.${f.key}`} problems={problems}>
          <FieldEditor
            schema={shape[f.key]}
            meta={{ title: f.title, help: f.help, widget: 'widget' in f ? f.widget : 'textarea', placeholder: defaultGraduatedTexts[f.key] }}
            value={texts[f.key] ?? ''}
            ctx={ctx}
            draftKey={`${flowId}:escalation:texts.${f.key}`}
            onChange={(v) => onChange(f.key, v)}
          />
        </SettingsField>
      ))}
    </fieldset>
  );
}
