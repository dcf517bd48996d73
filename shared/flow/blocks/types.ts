/**
 * What a block kind is, in one place: the contract every module under `shared/flow/blocks/` fulfils and
 * the registry (`shared/flow/blockRegistry.ts`) collects. The validator, the engine (through its own
 * behaviour registry in `shared/engine/behaviours/`), the CLI and the studio's palette and inspector all ask
 * the registry; none of them switches on `kind`.
 *
 * Inspector metadata lives on the zod data schema itself: every field carries `.meta(FieldMeta)`. Read it
 * with `z.globalRegistry.get(schema)` or `schema.meta()` (zod 4), or use `fieldsOf(definition)` from the
 * registry, which walks the data schema and returns `InspectorField[]` in declaration order.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { z } from 'zod';

/** Palette groups, in palette order (see `paletteGroups` in the registry). */
export type PaletteGroup = 'Messages' | 'Questions' | 'Logic' | 'Integrations' | 'Handoff';

export type Scalar = string | number | boolean | null;

/** The inspector widget a field wants; the inspector falls back on the zod type when absent. */
export type FieldWidget =
  | 'text' // one line
  | 'textarea' // several lines, no templates
  | 'template' // several lines with {{variable}} insertion
  | 'number'
  | 'switch'
  | 'select' // an enum: the choices come from the zod enum, their labels/help from `FieldMeta.choices`
  | 'tags' // a list of short strings (keywords, synonyms, agents, teams)
  | 'emails' // a list of email addresses
  | 'slack_channels' // a list of Slack channels (#name or channel id)
  | 'variable' // a variable name (picker over the flow's variables)
  | 'block' // a block id (picker over the flow's blocks)
  | 'timezone'
  | 'opening_hours' // a whole openingHours object
  | 'rules' // a rule list (condition)
  | 'options' // an option list that creates exits (buttons options, intents, routes): see `optionExits`
  | 'key_value' // a string record (HTTP headers)
  | 'list' // any other list of objects: the inspector renders one sub-form per item
  | 'object'; // a nested object: the inspector renders a sub-form (its fields carry their own meta)

/** Shows a field only when another field of the same block's data has a given value. */
export interface ShowWhen {
  /** Dotted path inside the block's `data`, e.g. 'assignation' or 'autoAssign.enabled'. */
  field: string;
  /** Shown when the field equals this value ... */
  equals?: Scalar;
  /** ... or any of these values. */
  oneOf?: readonly Scalar[];
}

/** A one-line label and help for one value of an enum field (e.g. each assignation mode). */
export interface ChoiceMeta {
  label: string;
  help: string;
}

/** Attached to every data field with zod's `.meta(...)`. `title` is required (a completeness test checks). */
export interface FieldMeta {
  title: string;
  /** One line that says what the field does, shown under it. */
  help?: string;
  showWhen?: ShowWhen;
  widget?: FieldWidget;
  placeholder?: string;
  /** For enum fields: label and help per value. */
  choices?: Record<string, ChoiceMeta>;
  /**
   * Human Takeover: the assignation tabs (simple/default/custom) this field is shown in. Fields without
   * `tabs` are shown in every tab. (`showWhen` says the same thing for other inspectors; tabs are only a
   * layout hint.)
   */
  tabs?: readonly string[];
  /** Hidden from the inspector (e.g. an internal field). */
  hidden?: boolean;
}

/** One field of a block's data, as the inspector sees it (from `fieldsOf` in the registry). */
export interface InspectorField {
  /** Path inside `data`, e.g. ['autoAssign', 'enabled']. */
  path: string[];
  /** The field's own zod schema (unwrapped of default/optional/nullable). */
  schema: z.ZodType;
  meta: FieldMeta;
  optional: boolean;
  nullable: boolean;
}

/** The shape of a block of kind K with data D (the flow schema's `BlockOf<K>` is this with K's data). */
export interface BlockShape<K extends string = string, D = unknown> {
  id: string;
  kind: K;
  position?: { x: number; y: number };
  label?: string;
  data: D;
}

/** An option list whose items each create an exit named by the item's id (buttons, intents, routes). */
export interface OptionExits {
  /** Field of `data` holding the list: 'options' | 'intents' | 'routes'. */
  field: string;
  /** What one item is called in messages: 'option' | 'intent' | 'route'. */
  noun: string;
  /** Field of an item shown to the designer as its name: 'label' | 'name' | 'id'. */
  labelField: string;
}

/** A problem found by a kind's own `validate`; the validator adds the block's location. */
export interface BlockProblem {
  severity: 'error' | 'warning';
  code: string;
  /** Path inside the block, e.g. ['data', 'to', 0]. */
  path: Array<string | number>;
  message: string;
  hint: string;
}

/** What a kind's `validate` may ask about the rest of the flow. */
export interface FlowContext {
  /** True when a block with this id exists. */
  hasBlock(id: string): boolean;
  /** Kind of the block with this id, or undefined. */
  kindOf(id: string): string | undefined;
  /** True when `exit` of block `blockId` has an edge. */
  isWired(blockId: string, exit: string): boolean;
  /** True when the string is a time zone this runtime knows (cached). */
  isValidTimeZone(tz: string): boolean;
  /** "Block 'menu' (Buttons)": how messages name a block. */
  nameBlock(id: string, kind: string): string;
}

/** A variable a block reads, and where. */
export interface VariableUse {
  name: string;
  /** Path inside the block, e.g. ['data', 'text'] or ['data', 'rules', 0, 'variable']. */
  path: Array<string | number>;
  /** Read through a `{{template}}` (true) or named directly, e.g. in a rule (false). */
  template: boolean;
}

/**
 * Everything about one block kind. Hooks are declared as methods so a `BlockDefinition<'buttons', ...>`
 * is assignable to `AnyBlockDefinition` (method parameters are bivariant).
 */
export interface BlockDefinition<K extends string = string, S extends z.ZodType = z.ZodType> {
  kind: K;
  /** Palette and inspector title, e.g. 'Human takeover'. */
  label: string;
  /** One line for the palette. */
  description: string;
  group: PaletteGroup;
  /** lucide-react icon name in PascalCase, e.g. 'MessageSquare' (the studio maps it to the component). */
  icon: string;
  /** zod 4 schema of `data`, every field with `.meta(FieldMeta)`. */
  data: S;
  /** Data of a new block (always passes `data`; a completeness test checks). */
  defaultData(): z.output<S>;
  /** True when the block stops and waits for the customer (or an external event). */
  waitsForCustomer: boolean;
  /** The flow's entry (only 'start'). */
  isEntry?: boolean;
  /** Blocks of this kind can be the escalation policy's target (only 'human_takeover'). */
  isHandoffTarget?: boolean;
  /**
   * The data fields in which the runtime fills `{{secrets.NAME}}` (shared/engine/secrets.ts): an HTTP request's url,
   * headers and body, a Notify block's recipients. Anywhere else a secret shows nothing (validateFlow warns).
   */
  secretsFilledIn?: readonly string[];
  /** The block asks the customer for a satisfaction rating (the inbox's Resolve asks it when a takeover's resolved exit leads to one). */
  asksForRating?: boolean;
  /** Every exit the block has, wired or not, in display order. */
  exits(block: BlockShape<K, z.output<S>>): string[];
  /** The option list that creates exits, for option-based kinds. */
  optionExits?: OptionExits;
  /**
   * Exits whose absence would dead-end the customer. Exits not listed may stay unwired: the engine has a
   * documented behaviour for them (e.g. an unwired `fallback` re-asks).
   */
  requiredExits(block: BlockShape<K, z.output<S>>): string[];
  /** Blocks the conversation continues at without an edge (a Jump's target); reachability follows them. */
  jumpsTo?(block: BlockShape<K, z.output<S>>): string[];
  /**
   * A kind-specific problem for a required exit left unwired (e.g. Human takeover's 'no_agent' suggests a
   * Ticket block); null for the generic 'unwired_exit' / 'dead_end' problem. `severity: 'warning'` where the engine has a
   * sensible default for that exit (the message says it): the flow still runs (session 27, newcomer s26 F14).
   */
  unwiredExit?(block: BlockShape<K, z.output<S>>, exit: string, who: string): { code: string; message: string; hint: string; severity?: 'error' | 'warning' } | null;
  /**
   * Session 46 (newcomer s46 N4): the exits a new block of `kind`, added after this one, fits best, in order (the studio's
   * palette with this block selected connects the first of them that is free); absent or none free: the first free exit.
   * A Human takeover's Ticket goes on 'no_agent' (then 'timeout'), as its own unwired-exit hints say, not on 'resolved'.
   */
  exitsFor?(kind: string): readonly string[];
  /**
   * Session 47 (studio14, newcomer s46 N19): what a customer may answer at this block, one per exit, for the sample file
   * of Simulator › Batch (shared/simulator/batchSamples.ts): `name` becomes the conversation's id ("chooses Returns"),
   * `text` what the customer types (a button's label, an intent's first example). Absent: not a menu.
   */
  sampleAnswers?(block: BlockShape<K, z.output<S>>): { name: string; text: string }[];
  /** How to name an exit to a designer ("the 'Billing' option"); default "its 'x' exit". */
  describeExit?(block: BlockShape<K, z.output<S>>, exit: string): string;
  /** Kind-specific checks (formats, targets, options...). Schema errors are reported before this runs. */
  validate?(block: BlockShape<K, z.output<S>>, ctx: FlowContext): BlockProblem[];
  /** Variables the block reads (templates and rules). */
  variablesRead(block: BlockShape<K, z.output<S>>): VariableUse[];
  /** Variables the block sets. */
  variablesWritten(block: BlockShape<K, z.output<S>>): string[];
  /**
   * Of `variablesWritten`, the ones the block gives no value of the flow's own: a Question's variable (the customer's
   * typed answer), a Set variable's Clear. A website may pass these in when the chat starts (shared/flow/pageVariables.ts):
   * forging one gives nothing the customer could not type. Every other written variable is the flow's own work (a
   * score, a button choice, an HTTP response...) and a page may not preset it.
   */
  variablesNotComputed?(block: BlockShape<K, z.output<S>>): string[];
  /** Intent names the block defines (intent routers), so escalation topics may refer to them. */
  intentNames?(block: BlockShape<K, z.output<S>>): string[];
  /**
   * Opening hours the block goes by, and what it does while they are closed, in a tester's words (Business hours, a
   * custom-assignation Human takeover with availability times); absent or null: the block keeps no hours. Read by
   * `baton simulate` to say why nobody was handed over (shared/simulator/closedAtClock.ts).
   */
  openingHoursOf?(block: BlockShape<K, z.output<S>>): { hours: import('../schema').OpeningHours; whenClosed: string } | null;
}

/** Any definition, as the registry stores it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBlockDefinition = BlockDefinition<string, any>;
