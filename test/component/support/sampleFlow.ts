import sample from '../../../flows/customer-support.json';
import { validateFlow } from '../../../shared/flow/validateFlow';
import type { Flow } from '../../../shared/flow/schema';

/** The customer-support sample, parsed with defaults (a realistic flow with every common kind). */
export function sampleFlow(): Flow {
  const r = validateFlow(JSON.parse(JSON.stringify(sample)));
  if (!r.flow) throw new Error('sample flow does not parse');
  return r.flow;
}

/** A tiny flow: start -> welcome (message) -> menu (buttons: a, b). */
export function tinyFlow(): Flow {
  const r = validateFlow({
    version: 1,
    id: 'tiny',
    name: 'Tiny',
    blocks: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'welcome', kind: 'message', position: { x: 300, y: 0 }, data: { text: 'Hi {{name}}' } },
      {
        id: 'menu',
        kind: 'buttons',
        position: { x: 600, y: 0 },
        data: { text: 'Pick one', options: [{ id: 'a', label: 'Alpha' }, { id: 'b', label: 'Beta' }] },
      },
      { id: 'bye', kind: 'end', position: { x: 900, y: 0 }, data: {} },
      { id: 'agent', kind: 'human_takeover', position: { x: 900, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', from: 'start', exit: 'next', to: 'welcome' },
      { id: 'e2', from: 'welcome', exit: 'next', to: 'menu' },
      { id: 'e3', from: 'menu', exit: 'a', to: 'bye' },
    ],
    variables: [{ name: 'name', type: 'string' }],
  });
  if (!r.flow) throw new Error('tiny flow does not parse: ' + JSON.stringify(r.problems.slice(0, 2)));
  return r.flow;
}
