/**
 * Browser bundle entry for the escalation bench: the classifier module as the studio bundles it, exposed
 * for a page to load (decode the weights) and score a message. Built by test/bench/escalationBench.ts.
 */
import { classifyMessage, decodeModel } from '../../shared/escalation/classifier/escalationClassifier';
import { WEIGHTS } from '../../shared/escalation/classifier/weights';
import { analyzeText } from '../../shared/nlu/analyzeText';

let model: ReturnType<typeof decodeModel> | null = null;

export function load(): void {
  model = decodeModel(WEIGHTS);
}

export function score(text: string): number[] {
  model ??= decodeModel(WEIGHTS);
  return [...classifyMessage(analyzeText(text), model)];
}
