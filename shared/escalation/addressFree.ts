/**
 * Session 42 (medical3, hostile s42 M2): what the escalation policy reads of a message: without its email addresses and
 * web addresses. "the link https://overdose.example/bleeding didn't open" said "call 999", "please write to
 * urgent-help@emergency.co.uk about my return" was urgent, "scam.alert@fraud-check.com" read as fraud and
 * "https://example.com/hacked/stolen-card/refund" as a refund: an address is an identifier, none of its words are the
 * customer's case. Session 41 made only the classifier address-free (escalationClassifier readBy); every detector
 * (urgency, topics, sentiment, requests) now reads the same masked analysis, made here in one place. The entities are
 * kept as found in the message as typed (the address itself is still there for the takeover's questions).
 * The same object when the message has no address (nearly always); otherwise one analysis per analysis (kept).
 */
import { analyzeText } from '../nlu/analyzeText';
import type { TextAnalysis } from '../nlu/types';
import type { TurnFacts } from './types';

const masked = new WeakMap<TextAnalysis, TextAnalysis>();

/** `text` with its addresses (the entities of type email / url of `analysis`) replaced by a space. */
function maskAddresses(text: string, analysis: TextAnalysis): string {
  let out = text;
  for (const e of analysis.entities) {
    if (e.type !== 'email' && e.type !== 'url') continue;
    const shown = e.text !== undefined && e.text !== '' ? e.text : e.value;
    if (typeof shown !== 'string' || shown === '') continue;
    // Emails are stored lower-cased: find them whatever their case in the message.
    const at = out.toLowerCase().indexOf(shown.toLowerCase());
    if (at >= 0) out = `${out.slice(0, at)} ${out.slice(at + shown.length)}`;
  }
  return out.replace(/\s+/g, ' ').trim();
}

export function hasAddress(analysis: TextAnalysis): boolean {
  return analysis.entities.some((e) => e.type === 'email' || e.type === 'url');
}

/** The analysis of the message without its addresses, keeping the entities of the message as typed. */
export function addressFreeAnalysis(analysis: TextAnalysis): TextAnalysis {
  if (!hasAddress(analysis)) return analysis;
  let out = masked.get(analysis);
  if (out === undefined) {
    out = { ...analyzeText(maskAddresses(analysis.text, analysis)), entities: analysis.entities };
    masked.set(analysis, out);
    masked.set(out, out);
  }
  return out;
}

/** The turn's facts as the policy reads them: the message (and the message as typed, for the crisis check) address-free. */
export function addressFreeFacts(facts: TurnFacts): TurnFacts {
  const analysis = addressFreeAnalysis(facts.analysis);
  const typed = facts.typedAnalysis === undefined ? undefined : addressFreeAnalysis(facts.typedAnalysis);
  if (analysis === facts.analysis && typed === facts.typedAnalysis) return facts;
  const out: TurnFacts = { ...facts, text: analysis === facts.analysis ? facts.text : analysis.text, analysis };
  if (typed !== undefined) out.typedAnalysis = typed;
  return out;
}
