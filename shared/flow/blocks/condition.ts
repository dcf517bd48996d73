/** Condition: branches on variables (and/or). */
import { ruleGroupSchema } from './fields';
import { defineBlock, noVariables } from './helpers';
import { rulePatternProblems } from '../rulePatternProblems';

export const conditionData = ruleGroupSchema;

export const conditionBlock = defineBlock({
  kind: 'condition',
  label: 'Condition',
  description: 'Branches on variables (and/or).',
  group: 'Logic',
  icon: 'GitBranch',
  data: conditionData,
  defaultData: () => ({ combinator: 'and' as const, rules: [] }),
  waitsForCustomer: false,
  exits: () => ['true', 'false'],
  requiredExits: () => ['true', 'false'],
  validate: (b, ctx) => rulePatternProblems(b.data.rules, ['data', 'rules'], ctx.nameBlock(b.id, b.kind)),
  variablesRead: (b) => b.data.rules.map((r, k) => ({ name: r.variable, path: ['data', 'rules', k, 'variable'], template: false })),
  variablesWritten: noVariables,
});
