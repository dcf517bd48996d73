#!/usr/bin/env bash
# Round eight (session 6, escMsg): every independent writer as training data, measured by WRITER (two folds: each
# writer is measured by a model trained without it), and the shipped retrain.
#
#   bash scripts/train-escalation/roundEight.sh cross   # folds A and B x variants S / P / PT (weights and reports in $OUT)
#   bash scripts/train-escalation/roundEight.sh ship [--out W.json]   # retrains shared/escalation/classifier/weights.ts
#   VARIANT=P bash scripts/train-escalation/roundEight.sh ship --out W.json   # another variant, to measure
#
# Variants: S = round six's recipe (w1, w2 all outputs; w4, w6, set-m, set-p negative output; w8 explicit output) on the
# fold's training writers only; P = S + the writers round six left out (set-a, set-b, set-k, set-n: negative output;
# w10: negative and explicit outputs); PT = P + `--teacher` (train.ts: the other outputs learn 0 where the word rules
# see nothing of their reason); PTE = the teacher on the explicit and urgency outputs only; PO = P + the ordinary turns
# of the conversation writers (w3, w5, w7, w9 odd, w11 odd, w12 odd) as 0 for explicit, urgency and the topics.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=test/fixtures/escalation-corpus
S=test/fixtures/escalation-blind
OUT=${OUT:-/tmp/baton-round-eight}
mkdir -p "$OUT"
# Fold A measures w2, w6, w10, set-a, set-n; fold B measures w1, w4, set-b, set-k, set-m, set-p. w8 (explicit only) trains both.
recipe() { # fold variant
  local fold=$1 variant=$2 args=(--extra-explicit $C/w8.jsonl:10)
  if [ "$fold" = A ] || [ "$fold" = all ]; then args+=(--extra $C/w1.jsonl:10 --extra-negative $C/w4.jsonl:10 --extra-negative $S/set-m.jsonl:10 --extra-negative $S/set-p.jsonl:10); fi
  if [ "$fold" = B ] || [ "$fold" = all ]; then args+=(--extra $C/w2.jsonl:10 --extra-negative $C/w6.jsonl:10); fi
  if [ "$variant" != S ]; then
    if [ "$fold" = A ] || [ "$fold" = all ]; then args+=(--extra-negative $S/set-b.jsonl:10 --extra-negative $S/set-k.jsonl:10); fi
    if [ "$fold" = B ]; then args+=(--extra-negative $S/set-a.jsonl:10 --extra-negative $S/set-n.jsonl:10 --extra-negative $C/w10.jsonl:10 --extra-explicit $C/w10.jsonl:10); fi
    # The shipped model keeps the held-out halves out: w10's even lines, w11's and w12's even ids.
    if [ "$fold" = all ]; then args+=(--extra-negative $S/set-a.jsonl:10 --extra-negative $S/set-n.jsonl:10 --extra-negative $C/w10.jsonl@odd:10 --extra-explicit $C/w10.jsonl@odd:10 \
      --extra-negative $C/w11-conversations.jsonl@odd:10 --extra-explicit $C/w11-conversations.jsonl@odd:10 --extra-negative $C/w12-conversations.jsonl@odd:10 --extra-explicit $C/w12-conversations.jsonl@odd:10); fi
  fi
  # PO: P + the ordinary turns of the conversation writers (train.ts --extra-ordinary; held-out halves left out).
  if [ "$variant" = PO ]; then args+=(--extra-ordinary $C/w3-conversations.jsonl:2 --extra-ordinary $C/w5-conversations.jsonl:2 --extra-ordinary $C/w7-conversations.jsonl:2 \
    --extra-ordinary $C/w9-conversations.jsonl@odd:2 --extra-ordinary $C/w11-conversations.jsonl@odd:2 --extra-ordinary $C/w12-conversations.jsonl@odd:2); fi
  # PON: the ordinary turns of w3, w5, w7, w9 odd, w11 odd (not w12: its ordinary chats are topic traps, escSens's) also
  # teach the negative output 0 where the lexicon sees nothing (train.ts --ordinary-negative).
  if [ "$variant" = PON ]; then args+=(--extra-ordinary $C/w3-conversations.jsonl:2 --extra-ordinary $C/w5-conversations.jsonl:2 --extra-ordinary $C/w7-conversations.jsonl:2 \
    --extra-ordinary $C/w9-conversations.jsonl@odd:2 --extra-ordinary $C/w11-conversations.jsonl@odd:2 --ordinary-negative); fi
  # PONB (shipped): PON without the topic outputs (--ordinary-reasons): a loop about a refund is still a refund topic.
  if [ "$variant" = PONB ]; then args+=(--extra-ordinary $C/w3-conversations.jsonl:2 --extra-ordinary $C/w5-conversations.jsonl:2 --extra-ordinary $C/w7-conversations.jsonl:2 \
    --extra-ordinary $C/w9-conversations.jsonl@odd:2 --extra-ordinary $C/w11-conversations.jsonl@odd:2 --ordinary-negative --ordinary-reasons explicit_request,urgency); fi
  # Session 7 (esclearn, S7=1, measured and NOT shipped): the new writers' ODD ids (their even ids stay held out): w14 and w15
  # teach the explicit and negative outputs, the ordinary turns of w13 and w15 teach explicit / urgency / negative 0 where the
  # rules see nothing. Held out: w14-even negative 87.1 -> 93.5, w15-even explicit 96 -> 100, w10-even negative 71.1 -> 73.2;
  # but w11-even negative 90.2 -> 87.8, ordinary escalated +1-2 on w10/w11/w12 odd and w4, and round six's trap "I've given up
  # on the blue one, can I have the green instead?" fires as negative (roundSixNegative.test.ts). `S7=1 ... ship` to retry.
  if [ "$variant" = PONB ] && [ "$fold" = all ] && [ "${S7:-0}" = 1 ]; then args+=(--extra-negative $C/w14-conversations.jsonl@odd:10 --extra-explicit $C/w14-conversations.jsonl@odd:10 \
    --extra-negative $C/w15-conversations.jsonl@odd:10 --extra-explicit $C/w15-conversations.jsonl@odd:10 --extra-ordinary $C/w13-conversations.jsonl@odd:2 --extra-ordinary $C/w15-conversations.jsonl@odd:2); fi
  # Session 8 (esclearn, S8=1): the shipped recipe + the session-8 writers' ODD ids (even ids stay held out): w17 teaches the
  # explicit and negative outputs (last customer turn; its "none" = neither), the ordinary turns of w16 (loops, repeated
  # fallback, low confidence, ordinary chats) and of w17's ordinary conversations teach explicit / urgency / negative 0 where
  # the rules see nothing. w17's sensitive conversations carry no topic name, so the topic outputs are not retrained.
  # `EMBED=FILE` (with either) adds train.ts --embed FILE (pre-trained word vectors folded into the unigram weights).
  if [ "$variant" = PONB ] && [ "$fold" = all ] && [ "${S8:-0}" = 1 ]; then args+=(--extra-negative $C/w17-conversations.jsonl@odd:10 --extra-explicit $C/w17-conversations.jsonl@odd:10 \
    --extra-ordinary $C/w16-conversations.jsonl@odd:2 --extra-ordinary $C/w17-conversations.jsonl@odd:2); fi
  # S8=1 S18=1: also w18's odd ids (all eight reasons): explicit and negative items, and its loop / fallback / ordinary turns.
  if [ "$variant" = PONB ] && [ "$fold" = all ] && [ "${S18:-0}" = 1 ]; then args+=(--extra-negative $C/w18-conversations.jsonl@odd:10 --extra-explicit $C/w18-conversations.jsonl@odd:10 \
    --extra-ordinary $C/w18-conversations.jsonl@odd:2); fi
  if [ -n "${EMBED:-}" ]; then args+=(--embed "$EMBED" ${EMBED_ARGS:-}); fi
  if [ "$variant" = PT ]; then args+=(--teacher); fi
  if [ "$variant" = PTE ]; then args+=(--teacher=explicit_request,urgency); fi
  echo "${args[@]}"
}
case "${1:-cross}" in
  cross)
    for fold in A B; do
      for variant in ${VARIANTS:-S P PT}; do
        # shellcheck disable=SC2046
        npx tsx scripts/train-escalation/train.ts $(recipe $fold $variant) --out "$OUT/$fold-$variant.json" 2>"$OUT/$fold-$variant.log"
        only=$([ $fold = A ] && echo w2,w6,w10-odd,w10-even,set-a,set-n || echo w1,w4,set-b,set-k,set-m,set-p)
        echo "## fold $fold, variant $variant (measured on writers it never saw: $only)"
        npx tsx scripts/train-escalation/roundEight.ts --weights "$OUT/$fold-$variant.json" --only "$only" --json "$OUT/$fold-$variant.report.json"
      done
    done
    ;;
  ship)
    # Shipped (round eight): the explicit and negative outputs of variant PONB; every other output (urgency, the nine
    # topics) stays round six's model, reproduced byte for byte by roundSix.sh ship: a retrain moves outputs it does not
    # train by a conversation or so through the shuffle order alone (it named set-b's "update my address" privacy).
    # `ship --out W.json` writes the PONB model alone as JSON (to measure a variant), nothing shipped.
    if [ "${2:-}" = --out ]; then
      # shellcheck disable=SC2046
      npx tsx scripts/train-escalation/train.ts $(recipe all "${VARIANT:-PONB}") "${@:2}"
      exit 0
    fi
    # Round six's model (the same command as roundSix.sh ship, written to JSON instead of weights.ts).
    npx tsx scripts/train-escalation/train.ts --extra $C/w1.jsonl:10 --extra $C/w2.jsonl:10 --extra-negative $S/set-m.jsonl:10 --extra-negative $S/set-p.jsonl:10 \
      --extra-explicit $C/w8.jsonl:10 --extra-negative $C/w4.jsonl:10 --extra-negative $C/w6.jsonl:10 --out "$OUT/round-six.json" 2>"$OUT/round-six.log"
    # shellcheck disable=SC2046
    npx tsx scripts/train-escalation/train.ts $(recipe all PONB) --out "$OUT/round-eight.json" 2>"$OUT/round-eight.log"
    npx tsx scripts/train-escalation/spliceWeights.ts "$OUT/round-eight.json" "$OUT/round-six.json" --old urgency,refund,billing,security,cancellation,complaint,privacy,fraud,damaged,safety \
      --ts shared/escalation/classifier/weights.ts --note "explicit and negative: 5 models averaged over the generated corpus plus $(grep -o 'extra corpora: .*' "$OUT/round-eight.log" | sed 's/^extra corpora: //'); the other outputs: round six's model (roundSix.sh ship)."
    ;;
  *) echo "usage: roundEight.sh cross|ship [train.ts options, e.g. --out W.json]" >&2; exit 2 ;;
esac
