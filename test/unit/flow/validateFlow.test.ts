import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../shared/flow/validateFlow';
import { blockKinds } from '../../../shared/flow/schema';
import { blockIndex, codes, errorCodes, one, removeEdge, validDoc } from './helpers';

describe('validateFlow: a valid flow', () => {
  it('accepts the support fixture with no problem at all and fills in defaults', () => {
    const r = validateFlow(validDoc());
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.flow?.blocks).toHaveLength(10);
    // defaults from the schema are filled in
    expect(r.flow?.settings.language).toBe('en');
    expect(r.flow?.escalation.explicitRequest.enabled).toBe(true);
  });

  it('does not modify the document it was given', () => {
    const doc = validDoc();
    const before = JSON.stringify(doc);
    validateFlow(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('validateFlow: schema problems', () => {
  it('unknown_kind: names the bad kind, lists the valid ones and suggests the nearest', () => {
    const doc = validDoc();
    doc.blocks[1].kind = 'mesage';
    const r = validateFlow(doc);
    const p = one(r, 'unknown_kind');
    expect(p).toMatchObject({ severity: 'error', path: '$.blocks[1].kind', blockId: 'welcome' });
    expect(p.message).toContain("unknown block kind 'mesage'");
    for (const k of blockKinds) expect(p.hint).toContain(`'${k}'`);
    // Session 39 (newcomer s39 N25): named as the palette names them, the file's word in parentheses.
    expect(p.hint).toContain("Did you mean Message ('message')?");
    expect(p.hint).toContain("Human takeover ('human_takeover')");
    expect(p.hint).toContain("Set variable ('set_variable')");
    // zod's own discriminator message is not shown on top of ours
    expect(codes(r)).toEqual(['unknown_kind']);
    expect(r.ok).toBe(false);
    expect(r.flow).toBeNull();
  });

  it('unknown_kind: a block without any kind', () => {
    const doc = validDoc();
    delete doc.blocks[9].kind;
    const p = one(validateFlow(doc), 'unknown_kind');
    expect(p).toMatchObject({ path: '$.blocks[9].kind', blockId: 'bye' });
    expect(p.message).toContain('has no kind');
  });

  it('schema: a bad enum value gets a JSON path, the block id and the allowed values', () => {
    const doc = validDoc();
    doc.blocks[3].data.inputType = 'postcode';
    const r = validateFlow(doc);
    const p = one(r, 'schema');
    expect(p).toMatchObject({ severity: 'error', path: '$.blocks[3].data.inputType', blockId: 'ask-email' });
    expect(p.message).toContain("Block 'ask-email' (Question)");
    expect(p.message).toContain('"postcode"');
    expect(p.hint).toContain("'email'");
    expect(codes(r)).toEqual(['schema']);
  });

  it('schema: missing fields and wrong types outside blocks have no block id', () => {
    const doc = validDoc();
    delete doc.name;
    doc.escalation.loop = { count: 1 };
    const r = validateFlow(doc);
    const name = r.problems.find((p) => p.path === '$.name')!;
    expect(name).toMatchObject({ code: 'schema', blockId: null });
    expect(name.message).toContain('"name" is missing');
    const count = r.problems.find((p) => p.path === '$.escalation.loop.count')!;
    expect(count.message).toContain('at least 2');
  });

  it('schema: keys that are not identifiers are quoted in the path', () => {
    const doc = validDoc();
    doc.blocks[4].data.headers = { 'X-Topic': 42 };
    const p = one(validateFlow(doc), 'schema');
    expect(p.path).toBe("$.blocks[4].data.headers['X-Topic']");
    expect(p.message).toContain('should be text');
  });

  it('schema: a document that is not an object', () => {
    const r = validateFlow([1, 2]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'schema', path: '$', blockId: null });
    expect(r.problems[0].message).toContain('an array');
  });

  it('still reports structural problems when the schema fails, all at once', () => {
    const doc = validDoc();
    doc.blocks[3].data.inputType = 'postcode'; // schema
    doc.blocks[7].id = 'csat'; // duplicate id
    doc.edges[7].to = 'gone'; // dangling
    const r = validateFlow(doc);
    expect(new Set(codes(r))).toEqual(new Set(['schema', 'duplicate_id', 'dangling_edge']));
    expect(r.flow).toBeNull();
  });

  it('checks the exits of blocks that parsed even when another block did not', () => {
    const doc = validDoc();
    doc.blocks[3].data.inputType = 'postcode';
    removeEdge(doc, 'e10'); // takeover no_agent
    expect(new Set(codes(validateFlow(doc)))).toEqual(new Set(['schema', 'takeover_exit_unwired']));
  });
});

describe('validateFlow: blocks and edges', () => {
  it('duplicate_id', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'welcome', kind: 'message', data: { text: 'again' } });
    const r = validateFlow(doc);
    expect(one(r, 'duplicate_id')).toMatchObject({ path: '$.blocks[10].id', blockId: 'welcome' });
    expect(codes(r)).toEqual(['duplicate_id']);
  });

  it('duplicate_edge_id', () => {
    const doc = validDoc();
    doc.edges[12].id = 'e1';
    const r = validateFlow(doc);
    expect(one(r, 'duplicate_edge_id')).toMatchObject({ path: '$.edges[12].id', blockId: 'csat' });
    expect(codes(r)).toEqual(['duplicate_edge_id']);
  });

  it('dangling_edge: target that does not exist', () => {
    const doc = validDoc();
    doc.edges[7].to = 'gone';
    const r = validateFlow(doc);
    const p = one(r, 'dangling_edge');
    expect(p).toMatchObject({ path: '$.edges[7].to', blockId: 'status' });
    expect(p.message).toContain("'gone'");
    expect(codes(r)).toEqual(['dangling_edge']);
  });

  it('dangling_edge: source that does not exist', () => {
    const doc = validDoc();
    doc.edges.push({ id: 'e99', from: 'ghost', exit: 'next', to: 'bye' });
    const r = validateFlow(doc);
    expect(one(r, 'dangling_edge')).toMatchObject({ path: '$.edges[13].from', blockId: 'bye' });
    expect(codes(r)).toEqual(['dangling_edge']);
  });

  it('unknown_exit: an exit the block does not have', () => {
    const doc = validDoc();
    doc.edges.push({ id: 'e99', from: 'status', exit: 'fallback', to: 'bye' });
    const r = validateFlow(doc);
    const p = one(r, 'unknown_exit');
    expect(p).toMatchObject({ path: '$.edges[13].exit', blockId: 'status' });
    expect(p.hint).toContain("'next'");
    expect(codes(r)).toEqual(['unknown_exit']);
  });

  it('unknown_exit: End blocks have no exits at all', () => {
    const doc = validDoc();
    doc.edges.push({ id: 'e99', from: 'bye', exit: 'next', to: 'welcome' });
    const p = one(validateFlow(doc), 'unknown_exit');
    expect(p.blockId).toBe('bye');
    expect(p.hint).toContain('End blocks have no exits');
  });

  it('duplicate_exit_edge', () => {
    const doc = validDoc();
    doc.edges.push({ id: 'e99', from: 'status', exit: 'next', to: 'takeover' });
    const r = validateFlow(doc);
    const p = one(r, 'duplicate_exit_edge');
    expect(p).toMatchObject({ path: '$.edges[13]', blockId: 'status' });
    expect(p.message).toContain("'e8'");
    expect(p.message).toContain("'e99'");
    expect(codes(r)).toEqual(['duplicate_exit_edge']);
  });

  it('no_start', () => {
    const doc = validDoc();
    doc.blocks.splice(0, 1);
    removeEdge(doc, 'e1');
    const r = validateFlow(doc);
    expect(one(r, 'no_start')).toMatchObject({ path: '$.blocks', blockId: null });
    expect(codes(r)).toEqual(['no_start']);
  });

  it('multiple_starts', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'start2', kind: 'start', data: {} });
    doc.edges.push({ id: 'e99', from: 'start2', exit: 'next', to: 'welcome' });
    const r = validateFlow(doc);
    const p = one(r, 'multiple_starts');
    expect(p).toMatchObject({ path: '$.blocks[10]', blockId: 'start2' });
    expect(p.message).toContain("'start'");
    expect(codes(r)).toEqual(['multiple_starts']);
  });

  it('unreachable_block is a warning and does not block the flow', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'orphan', kind: 'end', data: {} });
    const r = validateFlow(doc);
    expect(one(r, 'unreachable_block')).toMatchObject({ severity: 'warning', path: '$.blocks[10]', blockId: 'orphan' });
    expect(codes(r)).toEqual(['unreachable_block']);
    expect(r.ok).toBe(true);
  });

  it('unwired_exit: a required exit left unconnected', () => {
    const doc = validDoc();
    removeEdge(doc, 'e5');
    const r = validateFlow(doc);
    const p = one(r, 'unwired_exit');
    expect(p).toMatchObject({ severity: 'error', path: '$.blocks[3]', blockId: 'ask-email' });
    expect(p.message).toContain("'next'");
    expect(errorCodes(r)).toEqual(['unwired_exit']);
    // what follows is now unreachable, reported as warnings
    expect(r.problems.filter((x) => x.code === 'unreachable_block').map((x) => x.blockId)).toEqual(['lookup', 'status']);
  });

  it('unwired_exit: names a button by its label', () => {
    const doc = validDoc();
    removeEdge(doc, 'e3');
    const p = one(validateFlow(doc), 'unwired_exit');
    expect(p.blockId).toBe('menu');
    expect(p.message).toContain("'Where is my order?' option");
  });

  it('an unwired fallback is fine (the block re-asks)', () => {
    // The fixture leaves the question's and the buttons' fallback exits unwired on purpose.
    expect(validateFlow(validDoc()).ok).toBe(true);
  });

  it('takeover_exit_unwired: no_agent and timeout suggest a Ticket block', () => {
    const doc = validDoc();
    removeEdge(doc, 'e10');
    removeEdge(doc, 'e11');
    const r = validateFlow(doc);
    const found = r.problems.filter((p) => p.code === 'takeover_exit_unwired');
    expect(found).toHaveLength(2);
    for (const p of found) {
      expect(p).toMatchObject({ path: '$.blocks[6]', blockId: 'takeover' });
      expect(p.hint).toContain('Ticket block');
    }
    expect(found[0].message).toContain('no_agent');
    expect(found[1].message).toContain('timeout');
    expect(codes(r)).not.toContain('unwired_exit');
    // Session 27 (newcomer s26 F14): warnings, which say what the customer gets; the flow still runs.
    expect(found.map((p) => p.severity)).toEqual(['warning', 'warning']);
    expect(r.ok).toBe(true);
  });

  it('takeover_exit_unwired: the takeover resolved exit is a warning saying the conversation ends (session 27, newcomer s26 F14)', () => {
    const doc = validDoc();
    removeEdge(doc, 'e9');
    const r = validateFlow(doc);
    const p = one(r, 'takeover_exit_unwired');
    expect(p).toMatchObject({ blockId: 'takeover', severity: 'warning' });
    expect(p.message).toContain('\'resolved\' exit: when an agent clicks "Hand back to bot" in the inbox');
    expect(codes(r)).not.toContain('unwired_exit');
    expect(r.ok).toBe(true);
  });

  it('dead_end: a message with no next block', () => {
    const doc = validDoc();
    removeEdge(doc, 'e8');
    const r = validateFlow(doc);
    expect(one(r, 'dead_end')).toMatchObject({ path: '$.blocks[5]', blockId: 'status' });
    expect(codes(r)).toEqual(['dead_end']);
  });

  it('jump_target_missing', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'again', kind: 'jump', data: { target: 'nowhere' } });
    doc.edges[7].to = 'again';
    const r = validateFlow(doc);
    const p = one(r, 'jump_target_missing');
    expect(p).toMatchObject({ path: '$.blocks[10].data.target', blockId: 'again' });
    expect(p.message).toContain("'nowhere'");
    expect(codes(r)).toEqual(['jump_target_missing']);
  });

  it('jump_target_missing: empty target', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'again', kind: 'jump', data: {} });
    doc.edges[7].to = 'again';
    expect(one(validateFlow(doc), 'jump_target_missing').message).toContain('has no target');
  });
});

describe('validateFlow: options, intents and routes', () => {
  it('no_options: buttons without options', () => {
    const doc = validDoc();
    doc.blocks[2].data.options = [];
    doc.edges = doc.edges.filter((e: any) => e.from !== 'menu');
    doc.edges.push({ id: 'e99', from: 'menu', exit: 'fallback', to: 'takeover' });
    const r = validateFlow(doc);
    expect(one(r, 'no_options')).toMatchObject({ path: '$.blocks[2].data.options', blockId: 'menu' });
    expect(errorCodes(r)).toEqual(['no_options']);
  });

  it('duplicate_option_id', () => {
    const doc = validDoc();
    doc.blocks[2].data.options.push({ id: 'order', label: 'Order again' });
    const r = validateFlow(doc);
    expect(one(r, 'duplicate_option_id')).toMatchObject({ path: '$.blocks[2].data.options[2].id', blockId: 'menu' });
    expect(codes(r)).toEqual(['duplicate_option_id']);
  });

  it('reserved_exit_name: an option called fallback', () => {
    const doc = validDoc();
    doc.blocks[2].data.options[1].id = 'fallback';
    doc.edges[3].exit = 'fallback';
    const r = validateFlow(doc);
    expect(one(r, 'reserved_exit_name')).toMatchObject({ path: '$.blocks[2].data.options[1].id', blockId: 'menu' });
    expect(codes(r)).toEqual(['reserved_exit_name']);
  });

  it('intent_without_examples', () => {
    const doc = validDoc();
    doc.blocks[2] = {
      id: 'menu',
      kind: 'intent_router',
      data: {
        variable: 'topic',
        intents: [
          { id: 'order', name: 'order_status', examples: ['where is my order'] },
          { id: 'person', name: 'human', examples: [] },
        ],
      },
    };
    const r = validateFlow(doc);
    const p = one(r, 'intent_without_examples');
    expect(p).toMatchObject({ path: '$.blocks[2].data.intents[1].examples', blockId: 'menu' });
    expect(p.message).toContain("'human'");
    expect(codes(r)).toEqual(['intent_without_examples']);
  });

  it('route_without_keywords', () => {
    const doc = validDoc();
    doc.variables.push({ name: 'topic' });
    doc.blocks[2] = {
      id: 'menu',
      kind: 'keyword_router',
      data: { routes: [{ id: 'order', keywords: ['order'] }, { id: 'person', keywords: [] }] },
    };
    const r = validateFlow(doc);
    expect(one(r, 'route_without_keywords')).toMatchObject({ path: '$.blocks[2].data.routes[1].keywords', blockId: 'menu' });
    expect(codes(r)).toEqual(['route_without_keywords']);
  });
});

describe('validateFlow: variables', () => {
  it('unknown_variable in a message, with a suggestion', () => {
    const doc = validDoc();
    doc.blocks[5].data.text = 'Your order is {{orderStatu}}.';
    const r = validateFlow(doc);
    const p = one(r, 'unknown_variable');
    expect(p).toMatchObject({ severity: 'error', path: '$.blocks[5].data.text', blockId: 'status' });
    expect(p.message).toContain('{{orderStatu}}');
    expect(p.hint).toContain("Did you mean 'orderStatus'?");
    expect(codes(r)).toEqual(['unknown_variable']);
  });

  it('unknown_variable in an HTTP header', () => {
    const doc = validDoc();
    doc.blocks[4].data.headers = { 'X-Topic': '{{ subject }}' };
    expect(one(validateFlow(doc), 'unknown_variable').path).toBe("$.blocks[4].data.headers['X-Topic']");
  });

  it('unknown_variable in takeover, csat and end texts', () => {
    const doc = validDoc();
    doc.blocks[6].data.handoffMessage = 'Hold on {{who}}';
    doc.blocks[8].data.thanks = 'Thanks {{who}}';
    doc.blocks[9].data.text = 'Bye {{who}}';
    const paths = validateFlow(doc).problems.filter((p) => p.code === 'unknown_variable').map((p) => p.path);
    expect(paths).toEqual(['$.blocks[6].data.handoffMessage', '$.blocks[8].data.thanks', '$.blocks[9].data.text']);
  });

  it('knows declared, set-by-block and built-in variables', () => {
    const doc = validDoc();
    // plan: declared; email: question; topic: buttons; orderStatus: http mapping; csat: csat block; agentName: builtin
    doc.blocks[1].data.text = '{{plan}} {{email}} {{topic}} {{orderStatus}} {{csat}} {{agentName}} {{estimatedWait}}';
    // Known, so no unknown_variable; used in the welcome before the blocks that set them, so variable_maybe_unset
    // (fixtemplates s15, N#13) warns about email, topic, orderStatus and csat: not what this test is about.
    expect(validateFlow(doc).problems.filter((p) => p.code !== 'variable_maybe_unset')).toEqual([]);
  });

  it('unknown_variable in a condition rule', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'check', kind: 'condition', data: { rules: [{ variable: 'vip', op: 'exists' }] } });
    doc.edges[7].to = 'check';
    doc.edges.push({ id: 'e98', from: 'check', exit: 'true', to: 'bye' }, { id: 'e99', from: 'check', exit: 'false', to: 'bye' });
    const r = validateFlow(doc);
    const p = one(r, 'unknown_variable');
    expect(p).toMatchObject({ path: '$.blocks[10].data.rules[0].variable', blockId: 'check' });
    expect(p.message).toContain("the variable 'vip'");
    expect(codes(r)).toEqual(['unknown_variable']);
  });

  it('unknown_variable in an escalation urgency rule', () => {
    const doc = validDoc();
    doc.escalation.urgency.rules[0].variable = 'plna';
    const p = one(validateFlow(doc), 'unknown_variable');
    expect(p).toMatchObject({ path: '$.escalation.urgency.rules[0].variable', blockId: null });
    expect(p.hint).toContain("'plan'");
  });

  it('duplicate_variable is a warning', () => {
    const doc = validDoc();
    doc.variables.push({ name: 'plan' });
    const r = validateFlow(doc);
    expect(one(r, 'duplicate_variable')).toMatchObject({ severity: 'warning', path: '$.variables[1].name' });
    expect(r.ok).toBe(true);
  });
});

describe('validateFlow: loops', () => {
  it('loop_without_wait names every block in the cycle', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'count', kind: 'set_variable', data: { assignments: [{ variable: 'n', op: 'add', value: 1 }] } });
    doc.edges[7].to = 'count'; // status -> count
    doc.edges.push({ id: 'e99', from: 'count', exit: 'next', to: 'status' }); // count -> status
    const r = validateFlow(doc);
    const p = one(r, 'loop_without_wait');
    expect(p).toMatchObject({ severity: 'error', path: '$.blocks[5]', blockId: 'status' });
    expect(p.message).toContain("'status', 'count'");
    expect(errorCodes(r)).toEqual(['loop_without_wait']);
  });

  it('loop_without_wait: a jump to itself', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'spin', kind: 'jump', data: { target: 'spin' } });
    doc.edges[7].to = 'spin';
    const p = one(validateFlow(doc), 'loop_without_wait');
    expect(p.blockId).toBe('spin');
    expect(p.message).toContain('leads back to itself');
  });

  it('a loop through a block that waits for the customer is fine', () => {
    const doc = validDoc();
    doc.edges[7].to = 'menu'; // status -> back to the buttons menu
    expect(validateFlow(doc).problems).toEqual([]);
  });

  it('handles long flows without overflowing the stack', () => {
    const n = 5000;
    const blocks: any[] = [{ id: 'start', kind: 'start', data: {} }];
    const edges: any[] = [{ id: 'e0', from: 'start', exit: 'next', to: 'm0' }];
    for (let i = 0; i < n; i++) {
      blocks.push({ id: `m${i}`, kind: 'message', data: { text: `step ${i}` } });
      edges.push({ id: `e${i + 1}`, from: `m${i}`, exit: 'next', to: i === n - 1 ? 'm0' : `m${i + 1}` });
    }
    const r = validateFlow({ version: 1, id: 'long', name: 'Long', blocks, edges, escalation: { enabled: false } });
    const p = one(r, 'loop_without_wait');
    expect(p.blockId).toBe('m0');
    // The whole cycle was found: the first eight named, the rest counted (hostile s17 H#10).
    expect(p.message).toContain(`'m7' and ${(n - 8).toLocaleString('en-US')} more form a loop`);
  });
});

describe('validateFlow: escalation policy', () => {
  it('bad_escalation_target: not a human takeover block', () => {
    const doc = validDoc();
    doc.escalation.targetBlockId = 'welcome';
    const r = validateFlow(doc);
    const p = one(r, 'bad_escalation_target');
    expect(p).toMatchObject({ severity: 'error', path: '$.escalation.targetBlockId', blockId: 'welcome' });
    expect(p.hint).toContain("'takeover'");
    expect(codes(r)).toEqual(['bad_escalation_target']);
  });

  it('bad_escalation_target: a block that does not exist', () => {
    const doc = validDoc();
    doc.escalation.targetBlockId = 'nobody';
    const p = one(validateFlow(doc), 'bad_escalation_target');
    expect(p.blockId).toBeNull();
    expect(p.message).toContain('does not exist');
  });

  it('escalation_no_target is a warning suggesting the takeover block', () => {
    const doc = validDoc();
    doc.escalation.targetBlockId = null;
    const r = validateFlow(doc);
    const p = one(r, 'escalation_no_target');
    expect(p).toMatchObject({ severity: 'warning', path: '$.escalation.targetBlockId' });
    expect(p.hint).toContain("'takeover'");
    expect(r.ok).toBe(true);
  });

  it('explicit_request_disabled warns that customers asking for a person are ignored', () => {
    const doc = validDoc();
    doc.escalation.explicitRequest = { enabled: false };
    const r = validateFlow(doc);
    const p = one(r, 'explicit_request_disabled');
    expect(p).toMatchObject({ severity: 'warning', path: '$.escalation.explicitRequest.enabled' });
    expect(p.message).toContain('will be ignored');
    expect(r.ok).toBe(true);
  });

  it('escalation_disabled is a warning', () => {
    const doc = validDoc();
    doc.escalation.enabled = false;
    const r = validateFlow(doc);
    expect(codes(r)).toEqual(['escalation_disabled']);
    expect(r.ok).toBe(true);
  });

  it('sensitive topics that can never fire, or name unknown intents', () => {
    const doc = validDoc();
    doc.escalation.sensitiveTopics = {
      topics: [
        { name: 'legal', phrases: [], intents: [] },
        { name: 'refund', phrases: ['chargeback'], intents: ['refund_request'] },
      ],
    };
    const r = validateFlow(doc);
    expect(one(r, 'empty_sensitive_topic').path).toBe('$.escalation.sensitiveTopics.topics[0]');
    expect(one(r, 'unknown_intent').path).toBe('$.escalation.sensitiveTopics.topics[1].intents[0]');
    expect(r.ok).toBe(true);
  });
});

describe('validateFlow: versions', () => {
  it('missing_version is an error, and the rest of the flow is still checked', () => {
    const doc = validDoc();
    delete doc.version;
    doc.edges[7].to = 'gone';
    const r = validateFlow(doc);
    expect(one(r, 'missing_version')).toMatchObject({ path: '$.version', blockId: null });
    expect(codes(r)).toEqual(['missing_version', 'dangling_edge']);
    expect(r.ok).toBe(false);
  });

  it('invalid_version: a version that is not a number', () => {
    const doc = validDoc();
    doc.version = '1';
    const r = validateFlow(doc);
    expect(one(r, 'invalid_version').message).toContain('"1"');
    expect(codes(r)).toEqual(['invalid_version']);
  });

  it('unsupported_version: made by a newer Baton', () => {
    const doc = validDoc();
    doc.version = 99;
    const r = validateFlow(doc);
    const p = one(r, 'unsupported_version');
    expect(p.message).toContain('newer Baton');
    expect(p.hint).toContain('Upgrade');
    expect(codes(r)).toEqual(['unsupported_version']);
    expect(r.flow).toBeNull();
  });

  it('lists errors before warnings', () => {
    const doc = validDoc();
    doc.blocks.push({ id: 'orphan', kind: 'end', data: {} });
    doc.escalation.explicitRequest = { enabled: false };
    removeEdge(doc, 'e8');
    const r = validateFlow(doc);
    expect(r.problems.map((p) => p.severity)).toEqual(['error', 'warning', 'warning']);
    expect(blockIndex(doc, 'orphan')).toBe(10);
  });
});

describe('validateFlow: time zones', () => {
  it('bad_timezone: a misspelt zone in settings and in a business-hours block is an error with its path', () => {
    const doc = validDoc();
    doc.settings = { ...(doc.settings ?? {}), timezone: 'Europe/Lodnon' };
    doc.blocks.push({ id: 'hours', kind: 'business_hours', data: { timezone: 'Mars/Olympus' } });
    const r = validateFlow(doc);
    const tz = r.problems.filter((p) => p.code === 'bad_timezone');
    expect(tz.map((p) => p.path)).toEqual(['$.settings.timezone', `$.blocks[${doc.blocks.length - 1}].data.timezone`]);
    expect(tz[1].blockId).toBe('hours');
    expect(tz[0].message).toContain('Europe/Lodnon');
    expect(r.ok).toBe(false);
  });
});
