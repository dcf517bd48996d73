import { Handle, Position, useStoreApi, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, type ComponentType } from 'react';
import { Icon } from '../../../ui/Icon';
import { blockTitle, definitionOf, exitLabels, groupColor } from '../../blockCatalog';
import type { BlockFlowNode } from '../deriveNodes';
import { nodeBodies } from './bodies';
import { problemCount } from '../../editor/problemCount';
import { ShownDirection, withoutDirection } from '../../../ui/ShownDirection';

type UpdateInternals = ReturnType<typeof useUpdateNodeInternals>;
/** Ids waiting for a re-measure, per canvas (per React Flow store), with the function that re-measures them. */
const remeasure = new Map<object, { update: UpdateInternals; ids: Set<string> }>();

/**
 * Newcomer s16 N#7: every block asked React Flow to re-measure it when it mounted, one at a time: each ask is a frame's
 * store update that every mounted block's selectors and the canvas's node list (our measured sizes) answer, and React
 * Flow mounts every block of a new flow once to measure it, so opening a flow of n blocks cost n updates of n blocks
 * (600 blocks: 604 updates, seconds before the first block showed). The asks of one frame are now one re-measure.
 * `canvas` is the React Flow store (one per canvas; each block's own update function is a different function).
 */
export function remeasureSoon(canvas: object, update: UpdateInternals, id: string) {
  const queued = remeasure.get(canvas);
  if (queued) return void queued.ids.add(id);
  remeasure.set(canvas, { update, ids: new Set([id]) });
  // Once per frame: React runs the effects of one commit of many blocks in several tasks (it yields between them), so
  // a microtask would still re-measure them one by one.
  const flush = () => {
    const all = remeasure.get(canvas);
    remeasure.delete(canvas);
    if (all && all.ids.size > 0) all.update([...all.ids]);
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
  else setTimeout(flush, 0);
}

/** Counts renders per block id; a component test uses it to prove one edit re-renders one block. */
export const renderCounter = { enabled: false, counts: new Map<string, number>() };

function BlockNodeFrame({ id, data, selected }: NodeProps<BlockFlowNode>) {
  if (renderCounter.enabled) renderCounter.counts.set(id, (renderCounter.counts.get(id) ?? 0) + 1);
  const { block, problems } = data;
  const def = definitionOf(block.kind);
  const Body = nodeBodies[block.kind];
  const exits = exitLabels(block);
  const single = exits.length === 1 && !exits[0].option && exits[0].exit === 'next';
  // React Flow measures a node's handles when the node is measured; handles that appear, go or move afterwards (a
  // Buttons block's options, the problems badge, a body that wraps) must be re-measured, or an edge to or from them
  // is not drawn and a connection dropped on them is not made (seen in production builds: palette chain e2e, canvas
  // drag e2e). Re-measure whenever the exits or the badge change.
  const updateNodeInternals = useUpdateNodeInternals();
  const handlesKey = `${def.isEntry ? '' : 'in'}|${exits.map((e) => e.exit).join(',')}|${single}|${problems ? 1 : 0}`;
  const canvas = useStoreApi();
  useEffect(() => {
    remeasureSoon(canvas, updateNodeInternals, id);
  }, [canvas, id, handlesKey, updateNodeInternals]);
  return (
    <div
      className="bn"
      data-kind={block.kind}
      data-selected={selected || undefined}
      data-problems={problems ? (problems.errors ? 'error' : 'warning') : undefined}
      style={{ ['--bn-color' as string]: groupColor(def.group) }}
    >
      {!def.isEntry && <Handle type="target" position={Position.Left} id="in" className="bn-handle bn-handle-in" />}
      <div className="bn-header">
        <span className="bn-icon">
          <Icon name={def.icon} size={14} />
        </span>
        <span className="bn-title">
          <ShownDirection text={blockTitle(block)} />
        </span>
        {problems && (
          <span
            className="bn-badge"
            data-tone={problems.errors ? 'error' : 'warning'}
            title={withoutDirection(problems.messages.join('\n'))}
            aria-label={problemCount(problems.errors, problems.warnings)}
          >
            {problems.errors + problems.warnings}
          </span>
        )}
        {single && <Handle type="source" position={Position.Right} id="next" className="bn-handle bn-handle-out" />}
      </div>
      <div className="bn-body">{Body ? <Body data={block.data as Record<string, unknown>} block={block} /> : null}</div>
      {!single && exits.length > 0 && (
        <ul className="bn-exits">
          {exits.map(({ exit, label, option }) => (
            <li key={exit} className="bn-exit" data-exit={exit} data-option={option || undefined}>
              <span className="bn-exit-label">
                <ShownDirection text={label} />
              </span>
              <Handle type="source" position={Position.Right} id={exit} className="bn-handle bn-handle-out" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * One memoised component per kind (React Flow picks it by the node's `type` = block kind). They share the
 * frame; memo makes an unchanged node (same data object) skip rendering entirely.
 */
export function makeBlockNode(kind: string): ComponentType<NodeProps<BlockFlowNode>> {
  const component = memo(BlockNodeFrame);
  component.displayName = `BlockNode(${kind})`;
  return component;
}
