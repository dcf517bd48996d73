import { describe, expect, it } from 'vitest';
import { parseScenarioFile, parseScenarioText } from '../../../shared/simulator/scenarioSchema';
import { formatScenarioFile } from '../../../shared/simulator/scenarioFormat';
import { loadScenarios, sampleNames } from './helpers';

const file = (steps: unknown[], extra: Record<string, unknown> = {}) => ({ version: 1, scenarios: [{ name: 's', steps, ...extra }] });
const problems = (doc: unknown) => {
  const r = parseScenarioFile(doc);
  expect(r.ok).toBe(false);
  return r.problems;
};

describe('scenario file validation', () => {
  it('accepts every sample scenario file', () => {
    for (const name of sampleNames) expect(loadScenarios(name).scenarios.length).toBeGreaterThan(4);
  });

  it('names an unknown step action with its path and suggests the right one', () => {
    const [p] = problems(file([{ say: 'hi' }, { wiat: '10m' }]));
    expect(p.path).toBe('$.scenarios[0].steps[1]');
    expect(p.message).toBe('"wiat" is not a step action. Did you mean "wait"?');
    expect(p.hint).toMatch(/"say", "click", "agent"/);
  });

  it('explains agent steps that miss their text or target', () => {
    const ps = problems(file([{ agent: 'say' }, { agent: 'transfer' }, { agent: 'dance' }]));
    expect(ps.map((p) => p.path)).toEqual(['$.scenarios[0].steps[0].text', '$.scenarios[0].steps[1].to', '$.scenarios[0].steps[2].agent']);
    expect(ps[0].message).toMatch(/needs a "text"/);
    expect(ps[2].hint).toMatch(/"agent": "accept"/);
  });

  it('refuses bad durations, dates, regular expressions and unknown expectation fields', () => {
    const ps = problems(file([{ wait: 'ten minutes' }, { setTime: 'tomorrow' }, { expect: { botSays: '/(a+)\\1/' } }, { expect: { reach: 'x' } }]));
    expect(ps.map((p) => p.path)).toEqual([
      '$.scenarios[0].steps[0].wait',
      '$.scenarios[0].steps[1].setTime',
      '$.scenarios[0].steps[2].expect.botSays',
      '$.scenarios[0].steps[3].expect',
    ]);
    expect(ps[0].message).toMatch(/not a duration/);
    expect(ps[2].message).toMatch(/cannot be used/);
    expect(ps[3].message).toBe('unknown field "reach"');
  });

  it('refuses two actions in one step and duplicate scenario names', () => {
    const ps = problems({ version: 1, scenarios: [{ name: 'a', steps: [{ say: 'x', click: 'y' }] }, { name: 'a', steps: [{ say: 'x' }] }] });
    expect(ps.map((p) => p.path)).toEqual(['$.scenarios[0].steps[0]', '$.scenarios[1].name']);
    expect(ps[0].message).toMatch(/one action/);
    expect(ps[1].message).toMatch(/already used by scenarios\[0\]/);
  });

  it('reports JSON syntax errors with line and column, and an unknown version', () => {
    const r = parseScenarioText('{\n  "version": 1,\n  "scenarios": [,]\n}');
    expect(r.ok).toBe(false);
    expect(r.problems[0].message).toMatch(/line 3, column/);
    expect(problems({ version: 2, scenarios: [] })[0].path).toBe('$.version');
  });

  it('formats a file one step per line and reads it back unchanged', () => {
    const f = loadScenarios('customer-support');
    const text = formatScenarioFile(f);
    expect(text).toContain('\n        { "say": "Can I talk to a real person please?" },\n');
    const back = parseScenarioText(text);
    expect(back.ok && back.file).toEqual(f);
  });
});
