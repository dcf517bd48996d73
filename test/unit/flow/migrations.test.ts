import { afterEach, describe, expect, it } from 'vitest';
import { migrateFlow, migrations } from '../../../shared/flow/migrations';
import { FLOW_VERSION } from '../../../shared/flow/schema';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { fixtureText, validDoc } from './helpers';

describe('migrations', () => {
  it('form one chain from 0 up to the current version', () => {
    let v = 0;
    for (const m of migrations) {
      expect(m.from).toBe(v);
      expect(m.to).toBe(v + 1);
      expect(m.description.length).toBeGreaterThan(10);
      v = m.to;
    }
    expect(v).toBe(FLOW_VERSION);
  });

  it('leave a current flow untouched', () => {
    const doc = validDoc();
    const r = migrateFlow(doc);
    expect(r.applied).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(r.doc).toBe(doc);
  });
});

describe('v0 -> v1', () => {
  it('turns the v0 prototype fixture into a valid v1 flow', () => {
    const v0 = JSON.parse(fixtureText('v0-support'));
    const before = JSON.stringify(v0);
    const r = migrateFlow(v0);
    expect(r.problems).toEqual([]);
    expect(r.applied).toHaveLength(1);
    expect(r.applied[0]).toContain('v0 -> v1');
    expect(JSON.stringify(v0)).toBe(before); // input not mutated

    const doc = r.doc as any;
    expect(doc.version).toBe(1);
    expect(doc.name).toBe('Support (prototype)');
    expect(doc.id).toBe('support-prototype');
    expect(doc.nodes).toBeUndefined();
    expect(doc.blocks.map((b: any) => b.kind)).toEqual(['start', 'message', 'human_takeover', 'ticket', 'end']);
    const agent = doc.blocks[2];
    expect(agent.data).toEqual({ handoffMessage: 'Connecting you now...', queueTimeoutMinutes: 5 });
    expect(doc.edges.map((e: any) => [e.from, e.exit, e.to])).toEqual([
      ['start', 'next', 'hello'],
      ['hello', 'next', 'agent'],
      ['agent', 'resolved', 'bye'],
      ['agent', 'no_agent', 'sorry'],
      ['agent', 'timeout', 'sorry'],
      ['sorry', 'next', 'bye'],
    ]);
    expect(new Set(doc.edges.map((e: any) => e.id)).size).toBe(6);
    expect(doc.variables).toEqual([{ name: 'name' }]);
    expect(doc.escalation.targetBlockId).toBe('agent');

    const v = validateFlow(v0);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.flow?.blocks[2]).toMatchObject({ kind: 'human_takeover', data: { queueTimeoutMinutes: 5, assignation: 'simple' } });
  });

  it('loads the v0 fixture from text as well', () => {
    const r = loadFlowText(fixtureText('v0-support'));
    expect(r.ok).toBe(true);
    expect(r.flow?.name).toBe('Support (prototype)');
  });

  it('accepts an explicit version 0 and reports what is still wrong afterwards in v1 terms', () => {
    const r = validateFlow({
      version: 0,
      name: 'Old',
      nodes: [
        { id: 's', type: 'start' },
        { id: 'x', type: 'teleport' },
      ],
      edges: [{ source: 's', target: 'x' }],
    });
    const kind = r.problems.find((p) => p.code === 'unknown_kind');
    expect(kind).toMatchObject({ path: '$.blocks[1].kind', blockId: 'x' });
    expect(kind?.message).toContain("'teleport'");
  });

  it('does not throw on v0 documents with odd parts', () => {
    const r = migrateFlow({ nodes: [null, 3, { id: 'a' }], edges: 'nope' });
    expect(r.problems).toEqual([]);
    expect((r.doc as any).blocks).toEqual([null, 3, { id: 'a', kind: undefined, data: {} }]);
    const v = validateFlow({ nodes: [null], edges: 'nope' });
    expect(v.ok).toBe(false);
    expect(v.problems.some((p) => p.code === 'schema' && p.path === '$.blocks[0]')).toBe(true);
  });
});

describe('migration failures', () => {
  const original = migrations[0].up;
  afterEach(() => {
    migrations[0].up = original;
  });

  it('migration_failed: reported, never thrown', () => {
    migrations[0].up = () => {
      throw new Error('boom');
    };
    const r = validateFlow(JSON.parse(fixtureText('v0-support')));
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'migration_failed', path: '$.version', blockId: null });
    expect(r.problems[0].message).toContain('boom');
  });
});
