/**
 * What the escalation classifier predicts, one independent probability each: the three message-level
 * reasons and the built-in sensitive topics. Designer topics map onto these by name (see topicOutputFor).
 */
export const TOPIC_OUTPUTS = ['refund', 'billing', 'security', 'cancellation', 'complaint', 'privacy', 'fraud', 'damaged', 'safety'] as const;
export const OUTPUTS = ['explicit', 'negative', 'urgency', ...TOPIC_OUTPUTS] as const;
export type ClassifierOutput = (typeof OUTPUTS)[number];
export type TopicOutput = (typeof TOPIC_OUTPUTS)[number];
