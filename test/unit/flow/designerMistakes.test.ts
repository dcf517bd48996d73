/**
 * Validation that catches designers' mistakes (issue 6, section 5): misspelt field names with "did you
 * mean" at any depth, duplicated JSON keys, formats (emails, Slack channels, dates that exist, weekdays, a
 * number variable's default), every problem reported even when the schema has other errors, long chains of
 * non-waiting blocks that are not loops, the escalation target counted as reachable; and the per-block
 * cache for frozen flows never serving a stale answer.
 */
import { describe, expect, it } from 'vitest';
import { freeze, produce } from 'immer';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { loadFlowText } from '../../../shared/flow/loadFlowText';
import { flowSchema, type Flow } from '../../../shared/flow/schema';
import { blockIndex, codes, errorCodes, one, validDoc } from './helpers';
import { converse } from '../engine/harness';
import { generateFlow } from '../../bench/generateFlow';

const problemsWith = (r: ReturnType<typeof validateFlow>, code: string) => r.problems.filter((p) => p.code === code);

describe('misspelt field names: "did you mean", at any depth', () => {
  it('askEmial on a Human takeover block', () => {
    const doc = validDoc();
    const i = blockIndex(doc, 'takeover');
    doc.blocks[i].data.askEmial = true;
    const r = validateFlow(doc);
    const p = one(r, 'unknown_field');
    expect(p.severity).toBe('error');
    expect(p.blockId).toBe('takeover');
    expect(p.path).toBe(`$.blocks[${i}].data.askEmial`);
    expect(p.message).toContain('Did you mean "askEmail"?');
    expect(p.hint).toBe('Rename "askEmial" to "askEmail".');
    expect(r.ok).toBe(false);
  });

  it('queueTimeoutMinute, and a nested autoAssign.enabeld', () => {
    const doc = validDoc();
    const i = blockIndex(doc, 'takeover');
    doc.blocks[i].data.queueTimeoutMinute = 5;
    doc.blocks[i].data.autoAssign = { enabeld: true };
    const found = problemsWith(validateFlow(doc), 'unknown_field');
    expect(found.map((p) => p.path)).toEqual([`$.blocks[${i}].data.queueTimeoutMinute`, `$.blocks[${i}].data.autoAssign.enabeld`]);
    expect(found[0].message).toContain('"queueTimeoutMinutes"');
    expect(found[1].message).toContain('"enabled"');
    expect(found[1].message).toContain('in "autoAssign"');
  });

  it('escalaton at the top level, treshold deep in the escalation policy, too on an edge', () => {
    const doc = validDoc();
    doc.escalaton = { enabled: true };
    doc.escalation.negativeSentiment = { treshold: -0.3 };
    doc.edges[0].too = 'x';
    const found = problemsWith(validateFlow(doc), 'unknown_field');
    const byPath = new Map(found.map((p) => [p.path, p]));
    expect(byPath.get('$.escalaton')?.message).toContain('Did you mean "escalation"?');
    expect(byPath.get('$.escalation.negativeSentiment.treshold')?.message).toContain('Did you mean "threshold"?');
    expect(byPath.get('$.edges[0].too')?.message).toContain('Did you mean "to"?');
    expect(found).toHaveLength(3);
  });

  it('a weekday written in full in opening hours suggests its short name', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'hours', kind: 'business_hours', data: { timezone: 'Europe/Paris', weekly: { monday: [{ from: '09:00', to: '17:00' }] } } });
    const p = one(validateFlow(doc), 'unknown_field');
    expect(p.path).toBe(`$.blocks[${doc.blocks.length - 1}].data.weekly.monday`);
    expect(p.message).toContain('Did you mean "mon"?');
  });

  it('a key nothing resembles is a warning that lists the known fields', () => {
    const doc = validDoc();
    doc.blocks[blockIndex(doc, 'welcome')].data.designerNote = 'remember to translate';
    const r = validateFlow(doc);
    const p = one(r, 'unknown_field');
    expect(p.severity).toBe('warning');
    expect(p.hint).toContain("'text'");
    expect(r.ok).toBe(true);
  });
});

describe('duplicated JSON keys', () => {
  it('are reported with the line and column of both occurrences', () => {
    const text = JSON.stringify(validDoc(), null, 2).replace('"text": "Hi! I am the support bot."', '"text": "first",\n        "text": "Hi! I am the support bot."');
    expect(text).toContain('"text": "first"'); // the fixture sentence was found
    const r = loadFlowText(text);
    const p = one(r, 'duplicate_key');
    const lines = text.split('\n');
    const second = lines.findIndex((l, k) => l.includes('"text": "Hi! I am the support bot."') && lines[k - 1].includes('"text": "first"')) + 1;
    expect(p.line).toBe(second);
    expect(p.column).toBe(lines[second - 1].indexOf('"text"') + 1);
    expect(p.message).toContain(`line ${second - 1}`);
    expect(p.blockId).toBe('welcome');
    expect(p.path).toMatch(/^\$\.blocks\[\d+\]\.data\.text$/);
    expect(r.ok).toBe(false);
  });

  it('equal keys in different objects are fine', () => {
    const r = loadFlowText(JSON.stringify(validDoc()));
    expect(codes(r)).not.toContain('duplicate_key');
  });
});

describe('formats', () => {
  it('email addresses in notification lists and Notify blocks', () => {
    const doc = validDoc();
    const t = blockIndex(doc, 'takeover');
    doc.blocks[t].data.assignation = 'default';
    doc.blocks[t].data.notifyEmails = ['support@example.com', 'someone@', 'no-at-sign.example.com'];
    const r = validateFlow(doc);
    const bad = problemsWith(r, 'bad_email');
    expect(bad.map((p) => p.path)).toEqual([`$.blocks[${t}].data.notifyEmails[1]`, `$.blocks[${t}].data.notifyEmails[2]`]);
    expect(bad[1].message).toContain('no @');
  });

  it('Slack channels: #lower-case names or channel ids', () => {
    const doc = validDoc();
    const t = blockIndex(doc, 'takeover');
    doc.blocks[t].data.slackChannels = ['#sales-hot-leads', 'C0123ABCD', 'sales team', '#Sales', 'support'];
    const bad = problemsWith(validateFlow(doc), 'bad_slack_channel');
    expect(bad.map((p) => p.path.replace(/.*\[(\d+)\]$/, '$1'))).toEqual(['2', '3', '4']);
    expect(bad[2].message).toContain('does not start with #');
    expect(bad[1].message).toContain('lower case');
  });

  it('a Notify block checks its recipients by channel', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'tell', kind: 'notify', data: { channel: 'slack', to: ['#ok', 'not ok'], text: 'hi' } });
    doc.blocks.push({ id: 'hook', kind: 'notify', data: { channel: 'webhook', to: ['ftp://x', 'https://hooks.example.com/a', '{{secrets.HOOK_URL}}'], text: 'hi' } });
    const r = validateFlow(doc);
    expect(problemsWith(r, 'bad_slack_channel').map((p) => p.blockId)).toEqual(['tell']);
    expect(problemsWith(r, 'bad_url').map((p) => p.path)).toEqual([`$.blocks[${doc.blocks.length - 1}].data.to[0]`]);
  });

  it('closed dates that do not exist, and opening hours that end before they start', () => {
    const doc = validDoc();
    doc.blocks.push({
      id: 'hours',
      kind: 'business_hours',
      data: { timezone: 'UTC', weekly: { mon: [{ from: '17:00', to: '09:00' }], tue: [{ from: '09:00', to: '24:00' }] }, closedDates: ['2026-02-30', '2028-02-29', '2026-13-01'] },
    });
    const r = validateFlow(doc);
    const i = doc.blocks.length - 1;
    expect(problemsWith(r, 'bad_date').map((p) => p.path)).toEqual([`$.blocks[${i}].data.closedDates[0]`, `$.blocks[${i}].data.closedDates[2]`]);
    expect(problemsWith(r, 'bad_date')[0].message).toContain('28 days');
    expect(one(r, 'bad_time_range').path).toBe(`$.blocks[${i}].data.weekly.mon[0]`);
  });

  it("a variable's default must match its type", () => {
    const doc = validDoc();
    doc.variables = [
      { name: 'count', type: 'number', default: 'ten' },
      { name: 'vip', type: 'boolean', default: 'yes' },
      { name: 'due', type: 'date', default: '2026-02-30' },
      { name: 'ok', type: 'number', default: 3 },
      { name: 'when', type: 'date', default: '2026-03-01T09:30' },
    ];
    const bad = problemsWith(validateFlow(doc), 'bad_variable_default');
    expect(bad.map((p) => p.path)).toEqual(['$.variables[0].default', '$.variables[1].default', '$.variables[2].default']);
    expect(bad[0].hint).toContain('number without quotes');
  });
});

describe('every problem is reported, even when the schema has other errors', () => {
  it('a schema error in one block does not hide the others', () => {
    const doc = validDoc();
    doc.blocks[blockIndex(doc, 'ask-email')].data.inputType = 'emial'; // schema error
    doc.blocks[blockIndex(doc, 'takeover')].data.askEmial = true; // misspelt field
    doc.blocks[blockIndex(doc, 'takeover')].data.notifyEmails = ['bad@']; // format
    doc.edges.push({ id: 'e-dangling', from: 'welcome', exit: 'next', to: 'nowhere' }); // structure
    doc.settings = { timezone: 'Mars/Olympus' }; // settings
    doc.escalation.targetBlockId = 'ghost'; // escalation
    const r = validateFlow(doc);
    expect(r.flow).toBeNull();
    const found = new Set(errorCodes(r));
    for (const code of ['schema', 'unknown_field', 'bad_email', 'dangling_edge', 'duplicate_exit_edge', 'bad_timezone', 'bad_escalation_target']) {
      expect(found, code).toContain(code);
    }
  });

  it('but does not invent unknown variables or unreachable blocks on a half-read flow', () => {
    const doc = validDoc();
    doc.blocks[blockIndex(doc, 'ask-email')].data.maxRetries = 'two';
    const r = validateFlow(doc);
    expect(codes(r)).not.toContain('unknown_variable');
    expect(codes(r)).not.toContain('unreachable_block');
  });
});

/** Start, `n` message blocks in a row, End. */
function chain(n: number): Flow {
  const blocks = [{ id: 'start', kind: 'start', data: {} }, ...Array.from({ length: n }, (_, i) => ({ id: `m${i}`, kind: 'message', data: { text: `Step ${i}` } })), { id: 'end', kind: 'end', data: {} }];
  const edges = blocks.slice(0, -1).map((b, i) => ({ id: `e${i}`, from: b.id, exit: 'next', to: blocks[i + 1].id }));
  return flowSchema.parse({ version: 1, id: 'chain', name: 'Chain', blocks, edges, escalation: { enabled: false } });
}

describe('a long chain of non-waiting blocks is not a loop', () => {
  it('250 messages in a row validate and run to the end', () => {
    const flow = chain(250);
    const r = validateFlow(flow);
    expect(errorCodes(r)).toEqual([]);
    const c = converse(flow);
    expect(c.mode()).toBe('closed');
    const texts = c.messages().map((m) => m.text);
    expect(texts.filter((t) => t.startsWith('Step '))).toHaveLength(250);
    expect(texts.some((t) => t.includes('Stopped after'))).toBe(false);
  });

  it('a real loop is still a validation error and still stopped by the engine', () => {
    const flow = flowSchema.parse({
      version: 1,
      id: 'loop',
      name: 'Loop',
      blocks: [
        { id: 'start', kind: 'start', data: {} },
        { id: 'a', kind: 'message', data: { text: 'a' } },
        { id: 'b', kind: 'message', data: { text: 'b' } },
      ],
      edges: [
        { id: 'e0', from: 'start', exit: 'next', to: 'a' },
        { id: 'e1', from: 'a', exit: 'next', to: 'b' },
        { id: 'e2', from: 'b', exit: 'next', to: 'a' },
      ],
    });
    expect(codes(validateFlow(flow))).toContain('loop_without_wait');
    const c = converse(flow);
    expect(c.mode()).toBe('closed');
    expect(c.messages().some((m) => m.text.includes('Stopped after 200 blocks'))).toBe(true);
  });
});

describe('the escalation target counts as reachable', () => {
  it('a Human takeover reached only through escalation, and what follows it, are not unreachable', () => {
    const doc = validDoc();
    // Cut every edge into the takeover: only the escalation policy leads there now.
    doc.edges = doc.edges.filter((e: { to: string }) => e.to !== 'takeover');
    const r = validateFlow(doc);
    const unreachable = problemsWith(r, 'unreachable_block').map((p) => p.blockId);
    expect(unreachable).not.toContain('takeover');
    expect(doc.escalation.targetBlockId).toBe('takeover');
  });

  it('without the policy pointing at it, the same block is unreachable', () => {
    const doc = validDoc();
    doc.edges = doc.edges.filter((e: { to: string }) => e.to !== 'takeover');
    doc.escalation.targetBlockId = null;
    expect(problemsWith(validateFlow(doc), 'unreachable_block').map((p) => p.blockId)).toContain('takeover');
  });
});

describe('per-block cache for frozen (immer) flows', () => {
  it('an edit that breaks a block is seen, and undoing it is seen too', () => {
    const flow = freeze(generateFlow(60, 70), true);
    expect(validateFlow(flow).ok).toBe(true);
    const i = flow.blocks.findIndex((b) => b.kind === 'human_takeover');
    const broken = produce(flow, (d) => {
      (d.blocks[i].data as { notifyEmails: string[] }).notifyEmails = ['nope'];
    });
    expect(errorCodes(validateFlow(broken))).toEqual(['bad_email']);
    expect(validateFlow(flow).ok).toBe(true);
    const jumpAway = produce(flow, (d) => {
      d.blocks.push({ id: 'j', kind: 'jump', data: { target: 'nowhere' } } as never);
    });
    expect(errorCodes(validateFlow(jumpAway))).toContain('jump_target_missing');
    // Asked again (the jump block's facts are cached now): still reported.
    expect(errorCodes(validateFlow(produce(jumpAway, (d) => void (d.name = 'renamed'))))).toContain('jump_target_missing');
    const jumpFixed = produce(jumpAway, (d) => {
      d.blocks.push({ id: 'nowhere', kind: 'end', data: { text: '' } } as never);
    });
    // Same frozen jump block object, different flow around it: its target now exists.
    expect(errorCodes(validateFlow(jumpFixed))).not.toContain('jump_target_missing');
  });

  it('graph checks are redone when an edit changes what they read, even with the same edge list', () => {
    const flow = freeze(generateFlow(60, 70), true);
    expect(validateFlow(flow).ok).toBe(true);
    const b = flow.blocks.findIndex((x) => x.kind === 'buttons');
    const buttonsId = flow.blocks[b].id;
    // Remove a wired option: its edge now leaves by an exit the block no longer has.
    const fewer = produce(flow, (d) => {
      (d.blocks[b].data as { options: unknown[] }).options.pop();
    });
    expect(fewer.edges).toBe(flow.edges);
    expect(problemsWith(validateFlow(fewer), 'unknown_exit').map((p) => p.blockId)).toEqual([buttonsId]);
    // Rename a block without touching the edges: they now dangle.
    const m = flow.blocks.findIndex((x) => x.kind === 'message');
    const renamed = produce(flow, (d) => {
      d.blocks[m].id = 'renamed';
    });
    expect(renamed.edges).toBe(flow.edges);
    expect(codes(validateFlow(renamed))).toContain('dangling_edge');
    // Point the escalation elsewhere: the takeover is then unreachable only if no edge leads to it.
    const cut = produce(flow, (d) => {
      d.edges = d.edges.filter((e) => e.to !== 'takeover');
    });
    expect(problemsWith(validateFlow(cut), 'unreachable_block').map((p) => p.blockId)).not.toContain('takeover');
    const untargeted = produce(cut, (d) => {
      d.escalation.targetBlockId = null;
    });
    expect(untargeted.edges).toBe(cut.edges);
    expect(problemsWith(validateFlow(untargeted), 'unreachable_block').map((p) => p.blockId)).toContain('takeover');
    // And back: the original still validates cleanly.
    expect(validateFlow(produce(flow, (d) => void (d.name = 'again'))).ok).toBe(true);
  });

  it('moving every block (automatic layout) keeps every answer right, including block ids in messages', () => {
    const flow = freeze(generateFlow(60, 70), true);
    expect(validateFlow(flow).ok).toBe(true);
    const moved = produce(flow, (d) => {
      d.blocks.forEach((b, k) => (b.position = { x: k * 7, y: k * 3 }));
    });
    expect(moved.blocks[5].data).toBe(flow.blocks[5].data); // immer kept the data objects
    const r = validateFlow(moved);
    expect(r.ok).toBe(true);
    expect(r.flow!.blocks[5].position).toEqual({ x: 35, y: 15 });
    const t = flow.blocks.findIndex((b) => b.kind === 'human_takeover');
    const both = produce(moved, (d) => {
      d.blocks[t].position = { x: 1, y: 1 };
      (d.blocks[t].data as { slackChannels: string[] }).slackChannels = ['Not A Channel'];
      (d.blocks[t] as unknown as Record<string, unknown>).dat = {}; // misspelt envelope key
    });
    const codesNow = codes(validateFlow(both));
    expect(codesNow).toContain('bad_slack_channel');
    const u = one(validateFlow(both), 'unknown_field');
    expect(u.message).toContain('Did you mean "data"?');
    // A malformed envelope on a moved block is still explained (position, id).
    const badPos = produce(moved, (d) => {
      d.blocks[t].position = { x: 'left' as never, y: 1 };
      d.blocks[2].id = '';
    });
    const paths = validateFlow(badPos).problems.filter((p) => p.code === 'schema').map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining([`$.blocks[${t}].position.x`, '$.blocks[2].id']));
    // Same data object under a new id: problems name the new id.
    const bad = produce(flow, (d) => {
      (d.blocks[t].data as { notifyEmails: string[] }).notifyEmails = ['x@'];
    });
    expect(one(validateFlow(bad), 'bad_email').message).toContain("'takeover'");
    const renamed = produce(bad, (d) => {
      d.blocks[t].id = 'handover';
      d.blocks[t].position = { x: 9, y: 9 };
    });
    expect(renamed.blocks[t].data).toBe(bad.blocks[t].data);
    const p = one(validateFlow(renamed), 'bad_email');
    expect(p.message).toContain("'handover'");
    expect(p.blockId).toBe('handover');
  });

  it('an unfrozen document changed between two calls is read again', () => {
    const doc = validDoc();
    expect(validateFlow(doc).ok).toBe(true);
    doc.blocks[blockIndex(doc, 'takeover')].data.notifyEmails = ['bad@'];
    expect(errorCodes(validateFlow(doc))).toContain('bad_email');
  });
});

describe('rules and variable names the engine cannot use safely', () => {
  it("a 'matches' pattern RE2 cannot run is an error where it is written", () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'check', kind: 'condition', data: { rules: [{ variable: 'plan', op: 'matches', value: '(a)\\1' }, { variable: 'plan', op: 'matches', value: '^pro' }] } });
    doc.escalation.urgency = { rules: [{ variable: 'plan', op: 'matches', value: '(?=x)' }] };
    const found = problemsWith(validateFlow(doc), 'invalid_pattern');
    expect(found.map((p) => p.path)).toEqual([`$.blocks[${doc.blocks.length - 1}].data.rules[0].value`, '$.escalation.urgency.rules[0].value']);
    expect(found[0].blockId).toBe('check');
  });

  it('__proto__ and constructor cannot be variable names', () => {
    const doc = validDoc();
    doc.variables.push({ name: 'constructor' });
    doc.blocks[blockIndex(doc, 'ask-email')].data.variable = '__proto__';
    const found = problemsWith(validateFlow(doc), 'reserved_variable_name');
    expect(found.map((p) => p.path)).toEqual(['$.variables[1].name', `$.blocks[${blockIndex(doc, 'ask-email')}].data`]);
  });
});

describe('hostile documents never throw', () => {
  const docs: unknown[] = [
    { version: 1, id: 'x', name: 'x', blocks: [null, 5, 'x', [], { kind: 'message', data: null }, { id: 'b', kind: 'constructor' }, { id: 'c', kind: 'toString', data: {} }], edges: [null, 1, { from: 5 }], variables: 'x' },
    { version: 1, id: 'x', name: 'x', blocks: {}, edges: 'nope', escalation: 'x', settings: [] },
    { version: 1, id: 'x', name: 'x', blocks: [{ id: 's', kind: 'start', data: { __proto__: { polluted: true } } }], escalation: { sensitiveTopics: { topics: [null, { name: 5 }] } } },
    JSON.parse('{"version":1,"id":"x","name":"x","__proto__":{"a":1},"blocks":[{"id":"s","kind":"start","data":{},"__proto__":{"kind":"end"}}]}'),
    { version: 1, id: 'x', name: 'x', blocks: [{ id: 'h', kind: 'human_takeover', data: { availability: { timezone: 5, weekly: { mon: 'all day', funday: [] }, closedDates: [20260101] } } }] },
  ];

  it.each(docs.map((d, i) => [i, d]))('document %i: problems, no exception', (_i, doc) => {
    const r = validateFlow(doc);
    expect(r.ok).toBe(false);
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) {
      expect(p.path.startsWith('$')).toBe(true);
      expect(p.message.length).toBeGreaterThan(10);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('texts that are not flows never throw either', () => {
    for (const text of ['', '{', '[]', 'null', '{"a":1,"a":2}', '{"version":1,"blocks":[{"id":"s","id":"t"}]}', '\uFEFF{}', '{"version":1}'.repeat(3)]) {
      const r = loadFlowText(text);
      expect(r.ok).toBe(false);
      expect(r.problems.length).toBeGreaterThan(0);
    }
  });
});

describe('empty texts (newcomer s6 #6: the simulator opened blank and nothing said why)', () => {
  it('a Message with no text and a Question that asks nothing are warnings naming the block; filled ones are not', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'blank', kind: 'message', position: { x: 0, y: 900 }, data: { text: '  ' } });
    doc.blocks.push({ id: 'mute', kind: 'question', position: { x: 300, y: 900 }, data: { text: '', variable: 'x' } });
    doc.blocks.push({ id: 'said', kind: 'message', position: { x: 600, y: 900 }, data: { text: 'Hello' } });
    const r = validateFlow(doc);
    const m = one(r, 'message_empty');
    expect(m).toMatchObject({ severity: 'warning', blockId: 'blank' });
    expect(m.message).toContain('says nothing');
    expect(one(r, 'question_empty')).toMatchObject({ severity: 'warning', blockId: 'mute' });
    expect(r.problems.filter((p) => p.blockId === 'said' && /_empty$/.test(p.code))).toEqual([]);
  });
});

describe('the flow id rule is the core\'s (hostile s6: the admin API served ../../etc, a/b, __proto__)', () => {
  it('ids that cannot be a chat address or a file name are errors at $.id; ordinary ids pass', () => {
    for (const bad of ['../../etc', 'a/b', '__proto__', 'ünïcode', 'x'.repeat(61), 'two words']) {
      const doc = validDoc();
      doc.id = bad;
      const p = one(validateFlow(doc), 'flow_id_invalid');
      expect(p).toMatchObject({ severity: 'error', path: '$.id' });
    }
    for (const good of ['customer-support', 'Flow_2', '7day']) {
      const doc = validDoc();
      doc.id = good;
      expect(problemsWith(validateFlow(doc), 'flow_id_invalid')).toEqual([]);
    }
  });
});
