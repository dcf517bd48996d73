/**
 * Canvas-only parts of a flow document: sticky notes and groups. They do not change what the bot does;
 * the engine ignores them and `stripLayout` may drop them. Imported by `flowSchema` (shared/flow/schema.ts)
 * as two optional top-level fields, `notes` and `groups`, both defaulting to [].
 *
 * Pure: imports zod only (schema.ts imports this file, so nothing here may import schema.ts).
 */
import { z } from 'zod';

/** Colours a sticky note or group frame may have (the studio maps them to its light and dark themes). */
export const frameColors = ['yellow', 'blue', 'green', 'pink', 'purple', 'gray'] as const;
export type FrameColor = (typeof frameColors)[number];

const canvasId = z.string().min(1, 'must not be empty').max(200);
const xy = z.object({ x: z.number(), y: z.number() });

export const stickyNoteSchema = z.object({
  id: canvasId,
  text: z.string().max(10_000).default(''),
  position: xy,
  /** Width and height on the canvas; the studio's default size when absent. */
  size: z.object({ width: z.number().min(20).max(5_000), height: z.number().min(20).max(5_000) }).optional(),
  color: z.enum(frameColors).default('yellow'),
});
export type StickyNote = z.infer<typeof stickyNoteSchema>;

/** A coloured frame with a title around some blocks; its rectangle is computed from its blocks' positions. */
export const blockGroupSchema = z.object({
  id: canvasId,
  title: z.string().max(200).default('Group'),
  color: z.enum(frameColors).default('blue'),
  /** Ids of the blocks in the group (a block belongs to at most one group). */
  blockIds: z.array(canvasId).default([]),
});
export type BlockGroup = z.infer<typeof blockGroupSchema>;

/** The two fields to spread into flowSchema: `notes` and `groups`. */
export const canvasFields = {
  notes: z.array(stickyNoteSchema).default([]),
  groups: z.array(blockGroupSchema).default([]),
};
