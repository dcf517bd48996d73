/**
 * Every block kind is complete: one definition in the registry with a palette entry, an icon that exists,
 * a title on every data field (at any depth), default data that parses, exits, and an engine behaviour.
 * Adding a kind and forgetting any of these fails here, saying which kind and what is missing.
 */
import { describe, expect, it } from 'vitest';
import { icons } from 'lucide-react';
import type { z } from 'zod';
import {
  blockDefinitions,
  blockKinds,
  elementOf,
  exitsOf,
  fieldsOf,
  getBlockDefinition,
  paletteGroupOrder,
  paletteGroups,
  requiredExitsOf,
  shapeOf,
  unwrapSchema,
} from '../../../shared/flow/blockRegistry';
import { blockSchema, flowSchema, type Block } from '../../../shared/flow/schema';
import { blockBehaviours } from '../../../shared/engine/blockBehaviours';
import type { FieldMeta } from '../../../shared/flow/blocks/types';

/** Every field of a zod object schema, at any depth (objects and list items), with its path. */
function allFields(schema: z.ZodType, base: string[] = []): Array<{ path: string; meta: FieldMeta | undefined }> {
  const out: Array<{ path: string; meta: FieldMeta | undefined }> = [];
  const shape = shapeOf(schema);
  if (!shape) return out;
  for (const [key, field] of Object.entries(shape)) {
    const path = [...base, key];
    out.push({ path: path.join('.'), meta: unwrapSchema(field).meta });
    out.push(...allFields(field, path));
    const item = elementOf(field);
    if (item) out.push(...allFields(item, [...path, '[]']));
  }
  return out;
}

const newBlock = (kind: (typeof blockKinds)[number]): Block => ({ id: `${kind}-1`, kind, data: getBlockDefinition(kind).defaultData() }) as Block;

describe('block registry: every kind is complete', () => {
  it('has the sixteen kinds, each registered under its own kind name', () => {
    expect(blockKinds).toHaveLength(16);
    for (const kind of blockKinds) expect(blockDefinitions[kind].kind).toBe(kind);
  });

  it.each(blockKinds)('%s: label, description, palette group and an icon lucide has', (kind) => {
    const def = getBlockDefinition(kind);
    expect(def.label.length).toBeGreaterThan(1);
    expect(def.description.length).toBeGreaterThan(10);
    expect(paletteGroupOrder).toContain(def.group);
    expect(icons, `lucide-react has no icon '${def.icon}' (kind ${kind})`).toHaveProperty(def.icon);
  });

  it.each(blockKinds)('%s: every data field, at any depth, has a title (and help where it is shown)', (kind) => {
    const fields = allFields(getBlockDefinition(kind).data);
    const untitled = fields.filter((f) => !f.meta?.title).map((f) => f.path);
    expect(untitled, `fields of ${kind} without a title`).toEqual([]);
    const unexplained = fields.filter((f) => !f.meta?.hidden && !f.meta?.help).map((f) => f.path);
    expect(unexplained, `fields of ${kind} without help`).toEqual([]);
  });

  it.each(blockKinds)('%s: default data parses, and a new block with it is a valid block with its exits', (kind) => {
    const def = getBlockDefinition(kind);
    const data = def.defaultData();
    expect(def.data.safeParse(data).success).toBe(true);
    const parsed = blockSchema.safeParse(newBlock(kind));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const block = parsed.data!;
    const exits = exitsOf(block);
    for (const exit of requiredExitsOf(block)) expect(exits).toContain(exit);
    if (def.optionExits) {
      const items = (block.data as Record<string, Array<{ id: string }>>)[def.optionExits.field];
      expect(items.length, `${kind}: a new block should have one ${def.optionExits.noun} to start with`).toBeGreaterThan(0);
      for (const item of items) expect(exits).toContain(item.id);
      expect(shapeOf(def.data)).toHaveProperty(def.optionExits.field);
    }
  });

  it.each(blockKinds)('%s: has an engine behaviour', (kind) => {
    const behaviour = blockBehaviours()[kind];
    expect(typeof behaviour?.enter).toBe('function');
    // A block that reads the customer's text must be one the validator treats as waiting (loop checks).
    if (behaviour.classify || behaviour.click) expect(getBlockDefinition(kind).waitsForCustomer).toBe(true);
  });

  it('lists every kind exactly once in the palette, groups in order', () => {
    expect(paletteGroups.map((g) => g.group)).toEqual(['Messages', 'Questions', 'Logic', 'Integrations', 'Handoff']);
    const listed = paletteGroups.flatMap((g) => g.kinds);
    expect([...listed].sort()).toEqual([...blockKinds].sort());
    for (const g of paletteGroups) expect(g.kinds.length, `palette group ${g.group} is empty`).toBeGreaterThan(0);
  });

  it('exactly one entry kind and one handoff-target kind', () => {
    expect(blockKinds.filter((k) => getBlockDefinition(k).isEntry)).toEqual(['start']);
    expect(blockKinds.filter((k) => getBlockDefinition(k).isHandoffTarget)).toEqual(['human_takeover']);
  });

  it('a flow made only of new blocks of every kind parses with the flow schema', () => {
    const flow = { version: 1, id: 'all', name: 'All kinds', blocks: blockKinds.map(newBlock) };
    expect(flowSchema.safeParse(flow).success).toBe(true);
  });
});

describe('Human takeover: the inspector has what its three tabs need', () => {
  const fields = fieldsOf('human_takeover');

  it('each assignation mode has a label and a one-line help', () => {
    const assignation = fields.find((f) => f.path.join('.') === 'assignation')!;
    expect(Object.keys(assignation.meta.choices ?? {})).toEqual(['simple', 'default', 'custom']);
    for (const c of Object.values(assignation.meta.choices!)) {
      expect(c.help.length).toBeGreaterThan(10);
      expect(c.help).not.toContain('\n');
    }
  });

  it('every option has a one-line help and says which tabs show it', () => {
    for (const f of fields) {
      expect(f.meta.help, f.path.join('.')).toBeTruthy();
      expect(f.meta.help!.includes('\n'), f.path.join('.')).toBe(false);
      if (f.path.length === 1) expect(f.meta.tabs?.length, `${f.path.join('.')} has no tabs`).toBeGreaterThan(0);
    }
  });

  it('the options the issue lists are all there, custom-only ones shown only for custom', () => {
    const byName = new Map(fields.map((f) => [f.path.join('.'), f]));
    for (const name of [
      'agents', 'teams', 'notifyEmails', 'autoAssign', 'autoAssign.strategy', 'autoAssign.maxChatsPerAgent', 'askEmail', 'askReason',
      'availability', 'outOfHoursMessage', 'restartButtons', 'waitingEmailAfterMinutes', 'waitingEmailTo', 'queueTimeoutMinutes',
      'priority', 'skill', 'language', 'slackChannels', 'handoffMessage', 'assignedMessage',
    ]) {
      expect(byName.has(name), name).toBe(true);
    }
    expect(byName.get('askEmail')!.meta.tabs).toEqual(['custom']);
    expect(byName.get('askEmail')!.meta.showWhen).toEqual({ field: 'assignation', equals: 'custom' });
    expect(byName.get('notifyEmails')!.meta.tabs).toEqual(['default']);
    expect(byName.get('queueTimeoutMinutes')!.meta.tabs).toEqual(['simple', 'default', 'custom']);
    expect(byName.get('autoAssign.maxChatsPerAgent')!.meta.showWhen).toEqual({ field: 'autoAssign.enabled', equals: true });
  });
});
