/**
 * Whether a connection makes sense, with a reason a designer understands when it does not. The canvas
 * asks this while the designer drags a connection; `applyEdit({ type: 'connect' })` asks it too and
 * refuses what it refuses.
 *
 * Pure: no Node, DOM, React or Electron imports.
 */
import type { Block, Edge, Flow } from '../schema';
import { blockRefFieldsOf, exitsOfBlock, isEntryKind, labelOf, waitsForCustomer } from './kinds';
import type { ConnectCheck } from './types';

export interface ConnectOptions {
  /** Allow replacing the edge that already leaves through this exit. */
  replace?: boolean;
}

const name = (b: Block) => `'${b.label || b.id}' (${labelOf(b.kind)})`;

/** The check itself, on already-found blocks and the edges leaving `fromBlock`. */
export function checkConnection(
  fromBlock: Block | undefined,
  fromId: string,
  exit: string,
  toBlock: Block | undefined,
  toId: string,
  outgoing: readonly Edge[],
  options: ConnectOptions = {},
): ConnectCheck {
  if (!fromBlock) return { ok: false, reason: `There is no block '${fromId}' to connect from.` };
  if (!toBlock) return { ok: false, reason: `There is no block '${toId}' to connect to.` };
  const exits = exitsOfBlock(fromBlock);
  if (exits.length === 0) {
    const why = blockRefFieldsOf(fromBlock.kind).length > 0 ? 'it continues at its target block: set the target in the inspector' : 'the conversation stops there';
    return { ok: false, reason: `${name(fromBlock)} has no exits: ${why}.` };
  }
  if (!exits.includes(exit)) {
    return { ok: false, reason: `${name(fromBlock)} has no exit '${exit}'; its exits are ${exits.map((e) => `'${e}'`).join(', ')}.` };
  }
  if (isEntryKind(toBlock.kind)) {
    return { ok: false, reason: `Nothing can lead into ${name(toBlock)}: every conversation begins there. Connect to the block after it instead.` };
  }
  if (fromBlock.id === toBlock.id && !waitsForCustomer(fromBlock.kind)) {
    return {
      ok: false,
      reason: `${name(fromBlock)} would lead straight back to itself without waiting for the customer, which loops forever.`,
    };
  }
  const existing = outgoing.find((e) => e.exit === exit);
  if (existing) {
    if (existing.to === toBlock.id) return { ok: false, reason: `Exit '${exit}' of ${name(fromBlock)} already leads to '${toBlock.id}'.` };
    if (!options.replace)
      return {
        ok: false,
        reason: `Exit '${exit}' of ${name(fromBlock)} already leads to '${existing.to}'; remove that connection first (an exit leads to one block).`,
      };
  }
  return { ok: true };
}

/** Whether `from`'s `exit` may be wired to `to` in `flow`. */
export function canConnect(flow: Flow, from: string, exit: string, to: string, options: ConnectOptions = {}): ConnectCheck {
  let fromBlock: Block | undefined;
  let toBlock: Block | undefined;
  for (const b of flow.blocks) {
    if (b.id === from) fromBlock = b;
    if (b.id === to) toBlock = b;
  }
  const outgoing = (flow.edges ?? []).filter((e) => e.from === from);
  return checkConnection(fromBlock, from, exit, toBlock, to, outgoing, options);
}
