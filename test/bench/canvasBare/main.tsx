/**
 * The canvas benchmark's baseline: a bare @xyflow/react 12 page with N default nodes (?n=N) on a grid of
 * ceil(sqrt(N)) columns, 200 x 100 px apart, and floor(1.2 N) default edges (a chain i -> i+1, then vertical
 * links j -> j + cols). Controlled nodes/edges with React Flow's own hooks, fitView, nothing else.
 */
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';

const n = Number(new URLSearchParams(location.search).get('n') ?? 1000);
const cols = Math.ceil(Math.sqrt(n));
const initialNodes: Node[] = Array.from({ length: n }, (_, i) => ({
  id: String(i),
  position: { x: (i % cols) * 200, y: Math.floor(i / cols) * 100 },
  data: { label: `Node ${i}` },
}));
const initialEdges: Edge[] = [];
const m = Math.floor(1.2 * n);
for (let i = 0; i + 1 < n && initialEdges.length < m; i++) initialEdges.push({ id: `c${i}`, source: String(i), target: String(i + 1) });
for (let j = 0; j + cols < n && initialEdges.length < m; j++) initialEdges.push({ id: `v${j}`, source: String(j), target: String(j + cols) });

function Bare() {
  const [nodes, , onNodesChange] = useNodesState(initialNodes);
  const [edges, , onEdgesChange] = useEdgesState(initialEdges);
  return <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} fitView />;
}

createRoot(document.getElementById('root')!).render(<Bare />);
