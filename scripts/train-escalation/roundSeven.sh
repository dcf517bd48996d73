#!/usr/bin/env bash
# Round seven (session 5, escneg2): a third independent writer (w10: negative, urgency, explicit and look-alikes). Its odd
# lines train, its even lines are the held-out half. Everything else as round six (roundSix.sh).
#
#   bash scripts/train-escalation/roundSeven.sh cross   # leave-one-writer-out on w4 / w6 / w10-odd (weights in $OUT)
#   bash scripts/train-escalation/roundSeven.sh ship    # retrains shared/escalation/classifier/weights.ts
#
# Training corpora: the generated corpus (corpus.ts, 5 bagged seeds); w1, w2 (all outputs, x10); negative output only:
# set-m, set-p, w4, w6 and w10's odd lines (x10 each); explicit output only: w8 and w10's odd lines (x10).
set -euo pipefail
cd "$(dirname "$0")/../.."
C=test/fixtures/escalation-corpus
S=test/fixtures/escalation-blind
OUT=${OUT:-/tmp/baton-round-seven}
mkdir -p "$OUT"
BASE=(--extra $C/w1.jsonl:10 --extra $C/w2.jsonl:10 --extra-negative $S/set-m.jsonl:10 --extra-negative $S/set-p.jsonl:10 --extra-explicit $C/w8.jsonl:10)
case "${1:-cross}" in
  cross)
    npx tsx scripts/train-escalation/train.ts "${BASE[@]}" --extra-negative $C/w6.jsonl:10 --extra-negative $C/w10.jsonl@odd:10 --out "$OUT/no-w4.json" 2>"$OUT/no-w4.log"
    npx tsx scripts/train-escalation/train.ts "${BASE[@]}" --extra-negative $C/w4.jsonl:10 --extra-negative $C/w10.jsonl@odd:10 --out "$OUT/no-w6.json" 2>"$OUT/no-w6.log"
    npx tsx scripts/train-escalation/train.ts "${BASE[@]}" --extra-negative $C/w4.jsonl:10 --extra-negative $C/w6.jsonl:10 --out "$OUT/no-w10.json" 2>"$OUT/no-w10.log"
    echo "## trained without w4, measured on w4"; npx tsx scripts/train-escalation/negReport.ts $C/w4.jsonl --not-in $C/w6.jsonl --weights "$OUT/no-w4.json"
    echo "## trained without w6, measured on w6"; npx tsx scripts/train-escalation/negReport.ts $C/w6.jsonl --not-in $C/w4.jsonl --weights "$OUT/no-w6.json"
    echo "## trained without w10, measured on w10"; npx tsx scripts/train-escalation/negReport.ts $C/w10.jsonl --weights "$OUT/no-w10.json"
    ;;
  ship)
    npx tsx scripts/train-escalation/train.ts "${BASE[@]}" --extra-negative $C/w4.jsonl:10 --extra-negative $C/w6.jsonl:10 \
      --extra-negative $C/w10.jsonl@odd:10 --extra-explicit $C/w10.jsonl@odd:10 "${@:2}"
    ;;
  *) echo "usage: roundSeven.sh cross|ship [train.ts options, e.g. --out W.json]" >&2; exit 2 ;;
esac
