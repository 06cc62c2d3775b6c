#!/usr/bin/env bash
# Regenerates Data/results/Baseline/*: the built-in baseline scorers run over the public
# RM-Bench splits in ../shared/data (or $RMBENCH_SHARED_DATA). Output is deterministic.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=${RMBENCH_SHARED_DATA:-$here/../shared/data}
cd "$here"
swift build --product rmbench-site >/dev/null
bin="$(swift build --show-bin-path)/rmbench-site"
for scorer in length markdown random; do
  out="Data/results/Baseline/baseline-$scorer/baseline-$scorer.json"
  mkdir -p "$(dirname "$out")"
  "$bin" baseline --scorer "$scorer" --seed 1 --output "$out" \
    --dataset "$data/chat_filtered.json" \
    --dataset "$data/hggzjx-RewardAuditor/datasets/math_filtered_prompt_disturbance.json" \
    --dataset "$data/code_filtered.json" \
    --dataset "$data/safety-refuse_filtered.json" \
    --dataset "$data/safety-response_filtered.json"
done
