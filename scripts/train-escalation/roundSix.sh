#!/usr/bin/env bash
# Round six (session 4): negative sentiment measured on a writer the model never saw, then the shipped retrain.
#
#   bash scripts/train-escalation/roundSix.sh cross   # w4 -> w6 and w6 -> w4 (weights in $OUT, nothing shipped)
#   bash scripts/train-escalation/roundSix.sh ship    # retrains shared/escalation/classifier/weights.ts with everything
#
# The training corpora of every run: the generated corpus (corpus.ts, 5 bagged seeds), round four's writers w1 and w2
# (all outputs, x10), and negative-only corpora (train.ts --extra-negative): set-m and set-p (kept out in session 3, tuning
# fixtures since session 4) and the session-4 writers w4 / w6 (x10 each). The shipped retrain also adds w8 (escexp).
set -euo pipefail
cd "$(dirname "$0")/../.."
C=test/fixtures/escalation-corpus
S=test/fixtures/escalation-blind
OUT=${OUT:-/tmp/baton-round-six}
mkdir -p "$OUT"
BASE=(--extra $C/w1.jsonl:10 --extra $C/w2.jsonl:10 --extra-negative $S/set-m.jsonl:10 --extra-negative $S/set-p.jsonl:10)
case "${1:-cross}" in
  cross)
    npx tsx scripts/train-escalation/train.ts "${BASE[@]}" --out "$OUT/none.json" 2>"$OUT/none.log"
    npx tsx scripts/train-escalation/train.ts "${BASE[@]}" --extra-negative $C/w4.jsonl:10 --out "$OUT/w4.json" 2>"$OUT/w4.log"
    npx tsx scripts/train-escalation/train.ts "${BASE[@]}" --extra-negative $C/w6.jsonl:10 --out "$OUT/w6.json" 2>"$OUT/w6.log"
    echo "## neither writer in training"; npx tsx scripts/train-escalation/negReport.ts $C/w4.jsonl $C/w6.jsonl --weights "$OUT/none.json"
    echo "## trained on w4, measured on w6"; npx tsx scripts/train-escalation/negReport.ts $C/w6.jsonl --weights "$OUT/w4.json" --kinds
    echo "## trained on w6, measured on w4"; npx tsx scripts/train-escalation/negReport.ts $C/w4.jsonl --weights "$OUT/w6.json" --kinds
    ;;
  ship)
    # + escexp's w8 (explicit requests and look-alikes, x10) on the explicit output only: with all outputs, its look-alikes
    # taught urgency "no" ("the flight is in 3 hours" 0.93 -> 0.77).
    npx tsx scripts/train-escalation/train.ts "${BASE[@]}" --extra-explicit $C/w8.jsonl:10 --extra-negative $C/w4.jsonl:10 --extra-negative $C/w6.jsonl:10
    ;;
  *) echo "usage: roundSix.sh cross|ship" >&2; exit 2 ;;
esac
