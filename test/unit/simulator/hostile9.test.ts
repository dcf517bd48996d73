/**
 * Pure parts of the hostile9 fixes: schema limits (depth, steps, reserved keys, long keys, UTF-16), typed values,
 * clock limits, batch caps, scenario edits that refuse to touch a step that changed, the `set` step.
 */
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_CONVERSATIONS, MAX_BATCH_TURNS, parseConversationsJsonl } from '../../../shared/simulator/batchWhatIf';
import { clockMoveProblem, MAX_ADVANCE_MS } from '../../../shared/simulator/createSimulation';
import { applyScenarioEdit, ScenarioEditError } from '../../../shared/simulator/scenarioEdits';
import { scenarioFileCandidates, scenarioFileOf } from '../../../shared/simulator/scenarioFormat';
import { MAX_SCENARIO_STEPS, parseScenarioFile, parseScenarioText, type ScenarioFile } from '../../../shared/simulator/scenarioSchema';
import { typedValue } from '../../../shared/simulator/scenarioText';
import { runScenario } from '../../../shared/simulator/scenarioRunner';
import { loadFlow } from './helpers';

describe('scenario file limits', () => {
  it('refuses deep nesting, too many steps and reserved keys with their paths', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    const d = parseScenarioFile({ version: 1, scenarios: [{ name: 'a', steps: [{ httpReply: { body: deep } }] }] });
    expect(d.ok).toBe(false);
    expect(d.problems[0].message).toContain('nested more than 64 levels');
    const many = parseScenarioFile({ version: 1, scenarios: [{ name: 'a', steps: Array.from({ length: MAX_SCENARIO_STEPS + 1 }, () => ({ say: 'x' })) }] });
    expect(many.problems[0]).toMatchObject({ path: '$.scenarios', message: expect.stringContaining(`at most ${MAX_SCENARIO_STEPS}`) });
    const proto = parseScenarioText('{"version":1,"scenarios":[{"name":"a","steps":[{"expect":{"variables":{"__proto__":{"z":1}}}}]}]}');
    expect(proto.problems[0].path).toBe('$.scenarios[0].steps[0].expect.variables.__proto__');
    const ctor = parseScenarioFile({ version: 1, scenarios: [{ name: 'a', variables: { constructor: 1 }, steps: [{ say: 'x' }] }] });
    expect(ctor.problems[0].message).toContain('reserved name');
    // "constructor" elsewhere (a mocked body's field) is data, not a variable name: accepted.
    expect(parseScenarioFile({ version: 1, scenarios: [{ name: 'a', steps: [{ httpReply: { body: { constructor: 'x' } } }] }] }).ok).toBe(true);
  });

  it('names UTF-16 and cuts long unknown keys; a 30-character typo still gets "did you mean"', () => {
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"version":1}', 'utf16le')]).toString('utf8');
    expect(parseScenarioText(u16).problems[0].message).toContain('not UTF-8');
    const long = parseScenarioFile({ version: 1, scenarios: [{ name: 'a', steps: [{ ['k'.repeat(100_000)]: 1 }] }] });
    expect(long.problems[0].message.length).toBeLessThan(200);
    expect(parseScenarioFile({ version: 1, scenarios: [{ name: 'a', steps: [{ sya: 'x' }] }] }).problems[0].message).toContain('Did you mean "say"?');
  });

  it('names a key that appears twice (JSON would keep the last one silently), with its path and line', () => {
    const r = parseScenarioText('{"version": 1,\n "version": 2, "scenarios": []}');
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ path: '$.version', message: expect.stringContaining('appears twice in this object (line 2)') });
    const nested = parseScenarioText('{"version":1,"scenarios":[{"name":"a","steps":[{"say":"x","say":"y"}]}]}');
    expect(nested.problems[0].path).toBe('$.scenarios[0].steps[0].say');
    // The same text inside a string is not a key.
    expect(parseScenarioText('{"version":1,"scenarios":[{"name":"{\\"a\\":1,\\"a\\":2}","steps":[{"say":"x"}]}]}').ok).toBe(true);
  });

  it('one rule for the scenario file name', () => {
    expect(scenarioFileOf('flows/a.json')).toBe('flows/a.scenarios.json');
    expect(scenarioFileOf('x/lead.flow.json')).toBe('x/lead.scenarios.json');
    expect(scenarioFileCandidates('x/lead.flow.json')).toEqual(['x/lead.scenarios.json', 'x/lead.flow.scenarios.json']);
  });
});

describe('typed values and the clock', () => {
  it('keeps leading zeros, hex, exponents and Infinity as text', () => {
    expect(typedValue('007')).toBe('007');
    expect(typedValue('0x10')).toBe('0x10');
    expect(typedValue('1e999')).toBe('1e999');
    expect(typedValue('1e3')).toBe('1e3');
    expect(typedValue('Infinity')).toBe('Infinity');
    expect(typedValue('12')).toBe(12);
    expect(typedValue('-3.5')).toBe(-3.5);
    expect(typedValue('1.50')).toBe('1.50');
    expect(typedValue('true')).toBe(true);
  });

  it('refuses clock moves beyond 100 years or past 9999 in words', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(clockMoveProblem(now, now + 1000)).toBeNull();
    expect(clockMoveProblem(now, now + MAX_ADVANCE_MS + 1)).toContain('at most 100 years');
    expect(clockMoveProblem(now, Infinity)).toContain('at most 100 years');
    expect(clockMoveProblem(now, NaN)).toContain('not a date');
    expect(clockMoveProblem(Date.parse('9990-01-01T00:00:00Z'), Date.parse('9999-12-31T12:00:00Z'))).toContain('year 9999');
  });
});

describe('batch caps', () => {
  it('skips a conversation with too many turns and stops at the conversation limit, saying so', () => {
    const long = JSON.stringify({ id: 'l', turns: Array.from({ length: MAX_BATCH_TURNS + 1 }, () => 'x') });
    const r = parseConversationsJsonl(`${long}\n{"id":"ok","turns":["hi"]}`);
    expect(r.conversations.map((c) => c.id)).toEqual(['ok']);
    expect(r.problems[0]).toMatchObject({ line: 1, message: expect.stringContaining(`at most ${MAX_BATCH_TURNS}`) });
    const lines = Array.from({ length: MAX_BATCH_CONVERSATIONS + 2 }, (_, i) => `{"id":"c${i}","turns":["hi"]}`).join('\n');
    const capped = parseConversationsJsonl(lines);
    expect(capped.conversations).toHaveLength(MAX_BATCH_CONVERSATIONS);
    expect(capped.problems.at(-1)!.message).toContain('were not loaded');
  });
});

describe('scenario edits and the set step', () => {
  const file = (): ScenarioFile => ({ version: 1, scenarios: [{ name: 's', steps: [{ say: 'a' }, { say: 'b' }, { expect: { mode: 'bot', waitingAt: null } }] }] });
  it('applies edits and refuses one whose step changed, or that would leave nothing', () => {
    const f = file();
    expect(applyScenarioEdit(f, { kind: 'deleteStep', scenario: 's', index: 0, step: { say: 'a' } }).scenarios[0].steps).toHaveLength(2);
    expect(() => applyScenarioEdit(f, { kind: 'deleteStep', scenario: 's', index: 0, step: { say: 'zzz' } })).toThrow(ScenarioEditError);
    expect(() => applyScenarioEdit(f, { kind: 'sayText', scenario: 's', index: 2, step: f.scenarios[0].steps[2], text: 'x' })).toThrow('not a customer message');
    const one: ScenarioFile = { version: 1, scenarios: [{ name: 'o', steps: [{ say: 'a' }] }] };
    expect(() => applyScenarioEdit(one, { kind: 'deleteStep', scenario: 'o', index: 0, step: { say: 'a' } })).toThrow('only step');
    expect(() => applyScenarioEdit(f, { kind: 'rename', scenario: 'gone', to: 'x' })).toThrow('no longer in the file');
    const removed = applyScenarioEdit(f, { kind: 'removeExpectation', scenario: 's', index: 2, step: f.scenarios[0].steps[2], key: 'mode' });
    expect(removed.scenarios[0].steps[2]).toEqual({ expect: { waitingAt: null } });
  });

  it('edits an agent reply\'s text too, and refuses an empty one', () => {
    const f: ScenarioFile = { version: 1, scenarios: [{ name: 'a', steps: [{ say: 'x' }, { agent: 'say', text: 'Hi' }, { agent: 'handback' }] }] };
    const step = f.scenarios[0].steps[1];
    expect(applyScenarioEdit(f, { kind: 'sayText', scenario: 'a', index: 1, step, text: 'Hello there' }).scenarios[0].steps[1]).toEqual({ agent: 'say', text: 'Hello there' });
    expect(() => applyScenarioEdit(f, { kind: 'sayText', scenario: 'a', index: 1, step, text: ' ' })).toThrow('needs a text');
    expect(() => applyScenarioEdit(f, { kind: 'sayText', scenario: 'a', index: 2, step: f.scenarios[0].steps[2], text: 'x' })).toThrow(ScenarioEditError);
  });

  it('a set step changes variables as the debug drawer does, and an expectation sees it', () => {
    const flow = loadFlow('customer-support');
    const r = runScenario(flow, { name: 'set', steps: [{ say: 'hello' }, { set: { customerEmail: 'x@example.com' } }, { expect: { variables: { customerEmail: 'x@example.com' } } }] }, {});
    expect(r.status).toBe('passed');
    const without = runScenario(flow, { name: 'no set', steps: [{ say: 'hello' }, { expect: { variables: { customerEmail: 'x@example.com' } } }] }, {});
    expect(without.status).toBe('failed');
  });
});
