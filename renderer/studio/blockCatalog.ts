/**
 * What the studio shows about block kinds, read from the block registry (shared/flow/blockRegistry.ts):
 * palette entries, icons, group colours, exit labels, inspector fields. Nothing else in the studio switches
 * on `kind`.
 *
 * The registry is being rebuilt around `BlockDefinition` (shared/flow/blocks/types.ts) while the studio is
 * written; this adapter uses the definitions when the registry exports them, and otherwise the older
 * `blockRegistry` + `exitsOf` with the studio's own palette table, so the studio works in both states.
 */
import * as registry from '../../shared/flow/blockRegistry';
import type { AnyBlockDefinition, FieldMeta, InspectorField, PaletteGroup } from '../../shared/flow/blocks/types';
import { blockDataSchemas, blockKinds, type Block, type BlockKind } from '../../shared/flow/schema';
import { humanize, metaOf, shapeOf, unwrap } from './inspector/zodInfo';

export interface PaletteEntry {
  kind: BlockKind;
  label: string;
  description: string;
  icon: string;
  group: PaletteGroup;
}

interface NewRegistry {
  getBlockDefinition?: (kind: string) => AnyBlockDefinition | undefined;
  paletteGroups?: { group: PaletteGroup; kinds: string[] }[];
  fieldsOf?: (kindOrDefinition: never) => InspectorField[];
}
const reg = registry as unknown as NewRegistry & {
  blockRegistry?: Record<string, { label: string; description: string; waitsForCustomer: boolean }>;
  exitsOf: (block: Block) => string[];
};

/** Used only while the registry has no definitions yet. */
const fallbackPalette: Record<BlockKind, { group: PaletteGroup | 'Flow'; icon: string }> = {
  start: { group: 'Flow', icon: 'Play' },
  message: { group: 'Messages', icon: 'MessageSquare' },
  question: { group: 'Questions', icon: 'TextCursorInput' },
  buttons: { group: 'Questions', icon: 'SquareMousePointer' },
  csat: { group: 'Questions', icon: 'Star' },
  condition: { group: 'Logic', icon: 'Split' },
  set_variable: { group: 'Logic', icon: 'Variable' },
  intent_router: { group: 'Logic', icon: 'BrainCircuit' },
  keyword_router: { group: 'Logic', icon: 'Tags' },
  business_hours: { group: 'Logic', icon: 'CalendarClock' },
  jump: { group: 'Logic', icon: 'CornerDownRight' },
  end: { group: 'Logic', icon: 'CircleStop' },
  http_request: { group: 'Integrations', icon: 'Globe' },
  notify: { group: 'Integrations', icon: 'BellRing' },
  ticket: { group: 'Handoff', icon: 'Ticket' },
  human_takeover: { group: 'Handoff', icon: 'Headset' },
};

export interface KindInfo {
  kind: BlockKind;
  label: string;
  description: string;
  icon: string;
  group: PaletteGroup | 'Flow';
  isEntry: boolean;
  optionExits?: { field: string; noun: string; labelField: string };
  exits(block: Block): string[];
  defaultData(): Record<string, unknown>;
}

const infoCache = new Map<string, KindInfo>();

export function kindInfo(kind: string): KindInfo {
  let info = infoCache.get(kind);
  if (info) return info;
  const def = reg.getBlockDefinition?.(kind);
  if (def) {
    info = {
      kind: kind as BlockKind,
      label: def.label,
      description: def.description,
      icon: def.icon,
      group: def.group,
      isEntry: Boolean(def.isEntry),
      optionExits: def.optionExits,
      exits: (b) => def.exits(b as never),
      defaultData: () => def.defaultData() as Record<string, unknown>,
    };
  } else {
    const old = reg.blockRegistry?.[kind];
    const fb = fallbackPalette[kind as BlockKind] ?? { group: 'Logic', icon: 'Square' };
    const optionField = kind === 'buttons' ? 'options' : kind === 'intent_router' ? 'intents' : kind === 'keyword_router' ? 'routes' : null;
    info = {
      kind: kind as BlockKind,
      label: old?.label ?? humanize(kind),
      description: old?.description ?? '',
      icon: fb.icon,
      group: fb.group,
      isEntry: kind === 'start',
      optionExits: optionField
        ? { field: optionField, noun: optionField.slice(0, -1), labelField: optionField === 'options' ? 'label' : optionField === 'intents' ? 'name' : 'id' }
        : undefined,
      exits: (b) => reg.exitsOf(b),
      defaultData: () => {
        const schema = blockDataSchemas[kind as BlockKind];
        const r = schema.safeParse(kind === 'question' ? { variable: 'answer' } : {});
        return (r.success ? r.data : {}) as Record<string, unknown>;
      },
    };
  }
  infoCache.set(kind, info);
  return info;
}

/** Alias kept short for components. */
export const definitionOf = kindInfo;

const groupOrder: PaletteGroup[] = ['Messages', 'Questions', 'Logic', 'Integrations', 'Handoff'];

/** Palette groups in order, each with its kinds (the entry block 'start' is never offered: a flow has one). */
export function paletteEntries(): { group: PaletteGroup; entries: PaletteEntry[] }[] {
  const groups: { group: PaletteGroup; kinds: string[] }[] =
    reg.paletteGroups ??
    groupOrder.map((group) => ({ group, kinds: blockKinds.filter((k) => fallbackPalette[k].group === group) }));
  return groups.map(({ group, kinds }) => ({
    group,
    entries: kinds
      .map((kind) => kindInfo(kind))
      .filter((info) => !info.isEntry)
      .map((info) => ({ kind: info.kind, label: info.label, description: info.description, icon: info.icon, group })),
  }));
}

/** The inspector's fields for a kind: the registry's `fieldsOf` when present, else the data schema's top-level keys. */
export function inspectorFields(kind: string): { path: string[]; schema: InspectorField['schema']; meta: FieldMeta; optional?: boolean; nullable?: boolean }[] {
  const def = reg.getBlockDefinition?.(kind);
  if (def && reg.fieldsOf) {
    try {
      return reg.fieldsOf(def as never).map((f) => ({ path: f.path, schema: f.schema, meta: f.meta, optional: f.optional, nullable: f.nullable }));
    } catch {
      try {
        return reg.fieldsOf(kind as never).map((f) => ({ path: f.path, schema: f.schema, meta: f.meta, optional: f.optional, nullable: f.nullable }));
      } catch {
        /* fall through */
      }
    }
  }
  const schema = def?.data ?? blockDataSchemas[kind as BlockKind];
  const shape = shapeOf(unwrap(schema).schema) ?? {};
  return Object.entries(shape).map(([key, sub]) => ({ path: [key], schema: sub, meta: metaOf(sub) ?? { title: humanize(key) } }));
}

/** CSS colour variable of a palette group. */
export function groupColor(group: string | undefined): string {
  return `var(--bt-group-${(group ?? 'flow').toLowerCase()})`;
}

function prettyExit(exit: string): string {
  const s = exit.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Every exit of a block with the label the designer recognises (option labels, intent names...). */
export function exitLabels(block: Block): { exit: string; label: string; option: boolean }[] {
  const info = kindInfo(block.kind);
  const exits = info.exits(block);
  const optionField = info.optionExits;
  const items = optionField ? (((block.data as Record<string, unknown>)[optionField.field] as Record<string, unknown>[] | undefined) ?? []) : [];
  const byId = new Map(items.map((item) => [String(item.id), item]));
  return exits.map((exit) => {
    const item = byId.get(exit);
    if (item && optionField) {
      const raw = item[optionField.labelField];
      const label =
        Array.isArray(item.keywords) && optionField.labelField === 'id'
          ? (item.keywords as string[]).slice(0, 3).join(', ') || exit
          : typeof raw === 'string' && raw
            ? raw
            : exit;
      return { exit, label, option: true };
    }
    return { exit, label: prettyExit(exit), option: false };
  });
}

/** The title a block shows: the designer's label, else the kind's label. */
export function blockTitle(block: Block): string {
  return block.label || kindInfo(block.kind).label;
}
