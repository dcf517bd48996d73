/** The escalation layer's public surface: the policy, its memory, and the detectors (for tests and the UI). */
export { evaluateEscalation, initialEscalationMemory } from './evaluateEscalation';
export { detectExplicitRequest } from './detectors/detectExplicitRequest';
export { detectNegativeSentiment } from './detectors/detectNegativeSentiment';
export { detectLowConfidence } from './detectors/detectLowConfidence';
export { detectRepeatedFallback } from './detectors/detectRepeatedFallback';
export { detectLoop } from './detectors/detectLoop';
export { detectSensitiveTopic } from './detectors/detectSensitiveTopic';
export { detectUrgency } from './detectors/detectUrgency';
export { evaluateRuleSignals, type RuleSnapshot } from './evaluateRuleSignals';
export type * from './types';
