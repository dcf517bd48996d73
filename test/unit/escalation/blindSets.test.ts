/**
 * The escalation detectors on the blind sets written by helpers who never read the detectors
 * (test/fixtures/escalation-blind/set-a.jsonl: terse texting, non-native English, sarcasm; set-b.jsonl:
 * long rambling and polite, indirect; set-k.jsonl: mixed voices, kept out in session 2; set-n.jsonl: mixed
 * voices with non-native writers, written in session 3). Each was first measured untouched (docs/escalation.md),
 * then used for error analysis, so these floors guard against regressions; the honest generalisation figure
 * is the kept-out set-m, which is not in the repository and is measured once by the lead.
 *
 * Each conversation is played through flows/customer-support.json as `baton simulate` does, and scored
 * per reason. Negative sentiment must never fall below plain VADER on the same set.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { formatReport, reportSet, type SetReport } from '../../bench/escalationReport';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Floors one conversation or so below the measured figures (README, "Measured escalation quality"). */
const FLOORS: Record<string, Record<string, number>> = {
  // Round four (classifier retrained with the independent writers' corpora w1/w2): set-a, set-b and set-n
  // negative sentiment each lost one conversation, sensitive topics and explicit requests gained (docs/escalation.md).
  'set-a.jsonl': {
    explicit_request: 0.91,
    negative_sentiment: 0.85,
    sensitive_topic: 0.97,
    urgency: 0.92,
    repeated_fallback: 0.9,
    // Round five: a question the bot failed on twice is a loop on its third asking (a-150).
    loop: 0.9,
    low_confidence: 0.87,
  },
  'set-b.jsonl': {
    explicit_request: 0.97,
    negative_sentiment: 0.91,
    sensitive_topic: 0.95,
    urgency: 0.96,
    repeated_fallback: 0.8,
    loop: 0.7,
    low_confidence: 0.62,
  },
  // Session 3: set-k (kept out in session 2) and set-n (measured untouched once, then read) are tuning sets now.
  'set-k.jsonl': {
    explicit_request: 0.97,
    negative_sentiment: 0.94,
    sensitive_topic: 0.95,
    urgency: 0.96,
    repeated_fallback: 0.9,
    loop: 0.9,
    low_confidence: 0.87,
  },
  'set-n.jsonl': {
    explicit_request: 0.91,
    negative_sentiment: 0.89,
    sensitive_topic: 0.95,
    urgency: 0.96,
    repeated_fallback: 0.9,
    loop: 0.76,
    low_confidence: 0.77,
  },
};
/** At most this share of ordinary conversations escalates (the final figure plus one conversation). */
const MAX_FALSE: Record<string, number> = { 'set-a.jsonl': 0.014, 'set-b.jsonl': 0.028, 'set-k.jsonl': 0.014, 'set-n.jsonl': 0.023 };

describe.each(Object.keys(FLOORS))('escalation on the blind %s', (name) => {
  let report: SetReport;
  const rate = (reason: string) => {
    report ??= reportSet(`${root}test/fixtures/escalation-blind/${name}`);
    const row = report.rows.find((r) => r.reason === reason);
    expect(row, `no conversations labelled ${reason}`).toBeDefined();
    return row!;
  };

  it('has at least 200 conversations, a third of them ordinary', () => {
    rate('none');
    console.log(formatReport(report));
    expect(report.n).toBeGreaterThanOrEqual(200);
    expect(rate('none').n / report.n).toBeGreaterThanOrEqual(0.3);
  });

  it.each(Object.entries(FLOORS[name]))('recall of %s >= %s', (reason, floor) => {
    expect(rate(reason).baton).toBeGreaterThanOrEqual(floor);
  });

  it(`escalates at most ${MAX_FALSE[name] * 100}% of ordinary conversations`, () => {
    expect(rate('none').baton).toBeLessThanOrEqual(MAX_FALSE[name]);
  });

  it('beats plain VADER on negative sentiment, and flags fewer ordinary conversations than VADER and the keyword list', () => {
    const neg = rate('negative_sentiment');
    expect(neg.baton).toBeGreaterThanOrEqual(neg.vader!);
    const none = rate('none');
    expect(none.baton).toBeLessThan(none.vader!);
    expect(none.baton).toBeLessThan(none.keywords!);
  });
});

/**
 * Round five: w3's loop / repeated-fallback / multi-turn conversations (test/fixtures/escalation-corpus/
 * w3-conversations.jsonl, written by a helper who read no code). Measured untouched first: loops 31%, repeated
 * fallback 92.5%, 42% of the ordinary conversations escalated (docs/escalation.md, "Round five").
 */
describe('escalation on w3-conversations.jsonl (loops, fallbacks, multi-turn ordinary conversations)', () => {
  let report: SetReport | undefined;
  const row = (reason: string) => {
    report ??= reportSet(`${root}test/fixtures/escalation-corpus/w3-conversations.jsonl`);
    return report.rows.find((r) => r.reason === reason)!;
  };
  it('keeps loop and repeated-fallback recall at the round-five figures', () => {
    expect(row('loop').baton).toBeGreaterThanOrEqual(0.69);
    expect(row('repeated_fallback').baton).toBeGreaterThanOrEqual(0.9);
  });
  it('hands none of the ordinary follow-up conversations over as a loop', () => {
    row('none');
    const falseLoops = report!.misses.filter((m) => m.includes('(none) -> loop'));
    expect(falseLoops).toEqual([]);
  });
  it('does not escalate more ordinary conversations than measured (38%: follow-up questions the support flow has no intent for fall back twice)', () => {
    expect(row('none').baton).toBeLessThanOrEqual(0.38);
  });
});

/**
 * Round six (session 4, helper escloop): loops by meaning. w5 and w7 (test/fixtures/escalation-corpus/, two
 * writers who read no code: loops with turns between, reworded with no shared word, "not what I asked", fillers,
 * repeated order numbers, two orders, follow-ups that ask something new) were each measured untouched first: w5
 * loops 21.1%, w7 13.1% (session-start detectors). w5 was then the development set; w7 was measured once on the
 * round-six detectors (24.4%, the cross-writer figure) and read afterwards. set-m and set-p (kept out until
 * session 4) are tuning fixtures now. Floors at the round-six figures (docs/escalation.md, "Round six").
 */
// Floors at the lower of the figures at the last loop commit (e8677f7) and after escneg's classifier retrain of the
// same session (25688c7 and its working copy), which names a few off-topic fallbacks and loops negative_sentiment
// (w5 repeated fallback 88.3 -> 86.7%, w7 93.3 -> 90.0%, w3 loops 84 -> 82%, set-m loops 100 -> 92.3%).
// Session 9 (escpair): the learned same-request path names a few ordinary follow-up chats loops (measured with it: w5 1 of
// 160, w7 3 of 160; none on the other sets), so `noneAsLoop` is the measured count, not zero, where it is set.
// Session 18 (esc): w5 2 of 160. w5-149 ("you have the kettle in white?" / "and the toaster in white also?" / "it is same
// white colour?") was handed over as a repeated fallback at its 2nd message; now that a product variant asked after is a
// clear shop question (shopTopics.variantAt) the learned same-request model names it a loop at the 3rd: wrong both times.
const LOOP_FLOORS: Record<string, { loop: number; repeated_fallback: number; maxNone?: number; noneAsLoop?: number }> = {
  'escalation-blind/set-m.jsonl': { loop: 0.92, repeated_fallback: 1 },
  'escalation-blind/set-p.jsonl': { loop: 0.74, repeated_fallback: 0.9 },
  'escalation-corpus/w3-conversations.jsonl': { loop: 0.82, repeated_fallback: 0.92, maxNone: 0.37 },
  'escalation-corpus/w5-conversations.jsonl': { loop: 0.39, repeated_fallback: 0.86, maxNone: 0.47, noneAsLoop: 2 },
  'escalation-corpus/w7-conversations.jsonl': { loop: 0.24, repeated_fallback: 0.9, maxNone: 0.5, noneAsLoop: 3 },
};

describe.each(Object.keys(LOOP_FLOORS))('round six loops on %s', (name) => {
  let report: SetReport | undefined;
  const row = (reason: string) => {
    report ??= reportSet(`${root}test/fixtures/${name}`);
    const r = report.rows.find((x) => x.reason === reason);
    expect(r, `no conversations labelled ${reason}`).toBeDefined();
    return r!;
  };
  const floors = LOOP_FLOORS[name];
  it(`loop recall >= ${floors.loop} and repeated-fallback recall >= ${floors.repeated_fallback}`, () => {
    expect(row('loop').baton).toBeGreaterThanOrEqual(floors.loop);
    expect(row('repeated_fallback').baton).toBeGreaterThanOrEqual(floors.repeated_fallback);
  });
  it(`hands ${floors.noneAsLoop ?? 'no'} ordinary conversation${floors.noneAsLoop === 1 ? '' : 's'} at most over as a loop`, () => {
    row('none');
    expect(report!.misses.filter((m) => m.includes('(none) -> loop')).length).toBeLessThanOrEqual(floors.noneAsLoop ?? 0);
  });
  if (floors.maxNone !== undefined) {
    it(`escalates at most ${floors.maxNone * 100}% of the ordinary multi-turn conversations (repeated fallback on follow-ups the flow has no intent for)`, () => {
      expect(row('none').baton).toBeLessThanOrEqual(floors.maxNone!);
    });
  }
});

/**
 * Round six (session 4, helper escexp): explicit requests by family (being phoned or written to, a role or a
 * department, "is anyone real there", refusing the machine, shorthand, other languages). w8 (test/fixtures/
 * escalation-corpus/w8.jsonl, single messages by a writer who read no code) is asserted in roundSixExplicit.test.ts.
 * Floors one conversation or so below the round-six figures (docs/escalation.md, "Round six (session 4): explicit
 * requests"); no ordinary conversation of any set may be handed over as an explicit request.
 */
const EXPLICIT_FLOORS: Record<string, number> = {
  'escalation/labelled.jsonl': 0.97,
  'escalation/heldout.jsonl': 0.93,
  'escalation-blind/set-a.jsonl': 0.97,
  'escalation-blind/set-b.jsonl': 0.97,
  'escalation-blind/set-k.jsonl': 0.97,
  'escalation-blind/set-m.jsonl': 0.97,
  'escalation-blind/set-n.jsonl': 0.94,
  'escalation-blind/set-p.jsonl': 0.97,
};

describe.each(Object.keys(EXPLICIT_FLOORS))('round six explicit requests on %s', (name) => {
  let report: SetReport | undefined;
  const row = (reason: string) => {
    report ??= reportSet(`${root}test/fixtures/${name}`);
    const r = report.rows.find((x) => x.reason === reason);
    expect(r, `no conversations labelled ${reason}`).toBeDefined();
    return r!;
  };
  it(`explicit-request recall >= ${EXPLICIT_FLOORS[name]}`, () => {
    expect(row('explicit_request').baton).toBeGreaterThanOrEqual(EXPLICIT_FLOORS[name]);
  });
  it('hands no ordinary conversation over as an explicit request', () => {
    row('none');
    expect(report!.misses.filter((m) => m.includes('(none) -> explicit_request'))).toEqual([]);
  });
});

/**
 * Round seven (session 5, escneg2): urgency by rule families on the clock (docs/escalation.md, "Round seven"): set-a 92 ->
 * 96%, set-m 84.6 -> 96.2%, set-p 88 -> 96%, the others 100%. Floors at one conversation below 100% (24 of 25); no ordinary
 * conversation of these sets is handed over as urgency.
 */
const URGENCY_FLOORS: Record<string, number> = {
  'escalation-blind/set-a.jsonl': 0.96,
  'escalation-blind/set-b.jsonl': 0.96,
  'escalation-blind/set-k.jsonl': 0.96,
  'escalation-blind/set-m.jsonl': 0.96,
  'escalation-blind/set-n.jsonl': 0.96,
  'escalation-blind/set-p.jsonl': 0.96,
};

describe.each(Object.keys(URGENCY_FLOORS))('round seven urgency on %s', (name) => {
  let report: SetReport | undefined;
  const row = (reason: string) => {
    report ??= reportSet(`${root}test/fixtures/${name}`);
    const r = report.rows.find((x) => x.reason === reason);
    expect(r, `no conversations labelled ${reason}`).toBeDefined();
    return r!;
  };
  it(`urgency recall >= ${URGENCY_FLOORS[name]}`, () => {
    expect(row('urgency').baton).toBeGreaterThanOrEqual(URGENCY_FLOORS[name]);
  });
  it('hands no ordinary conversation over as urgency', () => {
    row('none');
    expect(report!.misses.filter((m) => m.includes('(none) -> urgency'))).toEqual([]);
  });
});
