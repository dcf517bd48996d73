/**
 * escmsg, session 14: escrfEval with other classifier weights (a train.ts --out JSON), for leave-writers-out checks:
 *   npx tsx scripts/train-escalation/escmsg14Weights.ts /tmp/w.json --out /tmp/x.json [files...]
 * Runs the checkout this file is in (its escrfEval and its shared/ code), so the weights go into the same module.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../../', import.meta.url));
const [weightsFile, ...rest] = process.argv.slice(2);
if (!weightsFile) throw new Error('usage: escmsg14Weights.ts <weights.json> [escrfEval args...]');
const { useEscalationModel } = await import(here + 'shared/escalation/classifier/escalationClassifier.ts');
useEscalationModel(JSON.parse(readFileSync(weightsFile, 'utf8')));
process.argv = [process.argv[0], here + 'scripts/train-escalation/escrfEval.ts', ...rest];
await import(here + 'scripts/train-escalation/escrfEval.ts');
