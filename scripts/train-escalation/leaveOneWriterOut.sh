#!/usr/bin/env bash
# Session 7 (esclearn): how the learned classifier generalises across WRITERS, honestly. For each writer X of the shipped
# recipe (roundEight.sh, variant PONB, which trains every output from w1/w2 and explicit/negative from the others): train
# the same recipe without X's file (one seed, to keep the CPU bounded: `SEEDS=5` for the shipped bagging) and measure X;
# the same one-seed recipe WITH X (a seen writer) and the word rules alone (the classifier off) are measured in the same
# run. Writers whose corpus has halves (w10, w11, w12) are measured on both halves (the even half is never trained on).
#
#   bash scripts/train-escalation/leaveOneWriterOut.sh          # weights + reports in $OUT, the table on stdout
#   WRITERS="w1 w4" bash scripts/train-escalation/leaveOneWriterOut.sh
#   EXTRA_ARGS="--augment" bash ...                            # a variant of the recipe, measured the same way
set -euo pipefail
cd "$(dirname "$0")/../.."
C=test/fixtures/escalation-corpus
S=test/fixtures/escalation-blind
OUT=${OUT:-/tmp/baton-lowo}
SEEDS=${SEEDS:-1}
mkdir -p "$OUT"
# The shipped recipe (roundEight.sh recipe all PONB), one flag-value pair per entry.
PAIRS=(
  "--extra-explicit $C/w8.jsonl:10"
  "--extra $C/w1.jsonl:10" "--extra-negative $C/w4.jsonl:10" "--extra-negative $S/set-m.jsonl:10" "--extra-negative $S/set-p.jsonl:10"
  "--extra $C/w2.jsonl:10" "--extra-negative $C/w6.jsonl:10"
  "--extra-negative $S/set-b.jsonl:10" "--extra-negative $S/set-k.jsonl:10"
  "--extra-negative $S/set-a.jsonl:10" "--extra-negative $S/set-n.jsonl:10" "--extra-negative $C/w10.jsonl@odd:10" "--extra-explicit $C/w10.jsonl@odd:10"
  "--extra-negative $C/w11-conversations.jsonl@odd:10" "--extra-explicit $C/w11-conversations.jsonl@odd:10"
  "--extra-negative $C/w12-conversations.jsonl@odd:10" "--extra-explicit $C/w12-conversations.jsonl@odd:10"
  "--extra-ordinary $C/w3-conversations.jsonl:2" "--extra-ordinary $C/w5-conversations.jsonl:2" "--extra-ordinary $C/w7-conversations.jsonl:2"
  "--extra-ordinary $C/w9-conversations.jsonl@odd:2" "--extra-ordinary $C/w11-conversations.jsonl@odd:2"
)
TAIL=(--ordinary-negative --ordinary-reasons explicit_request,urgency --seeds "$SEEDS")
# shellcheck disable=SC2206
EXTRA=(${EXTRA_ARGS:-})
args_without() { # writer file stem ("" = none left out)
  local out=()
  for p in "${PAIRS[@]}"; do
    if [ -n "$1" ] && [[ "$p" == *"/$1.jsonl"* || "$p" == *"/$1-conversations.jsonl"* ]]; then continue; fi
    # shellcheck disable=SC2206
    out+=($p)
  done
  echo "${out[@]}" "${TAIL[@]}" "${EXTRA[@]}"
}
names_of() { case "$1" in w10|w11|w12) echo "$1-odd,$1-even" ;; *) echo "$1" ;; esac; }
WRITERS=${WRITERS:-"w1 w2 w4 w6 w8 w10 w11 w12 set-a set-b set-k set-m set-n set-p w3 w5 w7 w9"}
[ -f "$OUT/rules.json" ] || npx tsx scripts/train-escalation/roundEight.ts --no-classifier --json "$OUT/rules.json" >/dev/null
# shellcheck disable=SC2046
[ -f "$OUT/all.json" ] || npx tsx scripts/train-escalation/train.ts $(args_without "") --out "$OUT/all.json" 2>"$OUT/all.log"
[ -f "$OUT/all.report.json" ] || npx tsx scripts/train-escalation/roundEight.ts --weights "$OUT/all.json" --json "$OUT/all.report.json" >/dev/null
for w in $WRITERS; do
  if [ ! -f "$OUT/without-$w.report.json" ]; then
    # shellcheck disable=SC2046
    npx tsx scripts/train-escalation/train.ts $(args_without "$w") --out "$OUT/without-$w.json" 2>"$OUT/without-$w.log"
    npx tsx scripts/train-escalation/roundEight.ts --weights "$OUT/without-$w.json" --only "$(names_of "$w")" --json "$OUT/without-$w.report.json" >/dev/null
  fi
done
npx tsx scripts/train-escalation/lowoTable.ts "$OUT" $WRITERS
