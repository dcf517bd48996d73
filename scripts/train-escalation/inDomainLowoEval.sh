#!/usr/bin/env bash
# Session 9 (escrf): leave-one-writer-out, end to end. For each writer: train the in-domain model without it
# and the vague model without it (inDomainTrain.ts --leave [--task vague], extra in-domain flags in TRAIN_ARGS), play the writer's whole corpus with that model
# through the code at ROOT (default this checkout), and write OUT/<writer>.json; the caller compares with a baseline.
#   ROOT=/tmp/escrf/wt/ OUT=/tmp/escrf/lowo bash scripts/train-escalation/inDomainLowoEval.sh [w9 w11 ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=${ROOT:-$PWD/}
OUT=${OUT:-/tmp/escrf-lowo}
mkdir -p "$OUT"
WRITERS=${*:-w3 w5 w7 w9 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21}
for w in $WRITERS; do
  f=test/fixtures/escalation-corpus/$w-conversations.jsonl
  npx tsx scripts/train-escalation/inDomainTrain.ts --leave "$w" --json "$OUT/$w.model.json" ${TRAIN_ARGS:-} 2>/dev/null
  npx tsx scripts/train-escalation/inDomainTrain.ts --task vague --leave "$w" --json "$OUT/$w.vague.model.json" 2>/dev/null
  npx tsx scripts/train-escalation/escrfEval.ts --root "$ROOT" --model "$OUT/$w.model.json" --vague-model "$OUT/$w.vague.model.json" --out "$OUT/$w.json" "$f" | tail -1
done
