#!/usr/bin/env bash
# Times `rmbench-site build` on the default Data/ and on a site with 50 models whose result
# files look like run_rm.py's (all 1,327 RM-Bench items with their response texts,
# json.dump(indent=4), random scores; the math items repeat their concise text in all styles).
# Usage: scripts/bench-site.sh BIN_DIR [MODELS]
set -euo pipefail
bin=${1:?usage: scripts/bench-site.sh BIN_DIR [MODELS]}
models=${2:-50}
here=$(cd "$(dirname "$0")/.." && pwd)
data=${RMBENCH_SHARED_DATA:-$here/../shared/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$data" "$work/Data" "$models" <<'PY'
import json, os, random, sys
data, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
splits = [("chat_filtered.json", "chat"), ("hggzjx-RewardAuditor/datasets/math_filtered_prompt_disturbance.json", "math"),
          ("code_filtered.json", "code"), ("safety-refuse_filtered.json", "safety-refuse"),
          ("safety-response_filtered.json", "safety-response")]
items = []
for name, domain in splits:
    for item in json.load(open(os.path.join(data, name))):
        item["domain"] = domain
        if isinstance(item["chosen"], str):
            item["chosen"] = [item["chosen"]] * 3
            item["rejected"] = [item["rejected"]] * 3
        items.append(item)
for m in range(count):
    rng = random.Random(m)
    skill = rng.uniform(0, 1.5)
    for item in items:
        item["score_chosen"] = [rng.gauss(skill, 1) for _ in range(3)]
        item["score_rejected"] = [rng.gauss(0, 1) for _ in range(3)]
    folder = os.path.join(out, "results", "Seq_Classifier", f"synthetic-rm-{m:02d}")
    os.makedirs(folder)
    with open(os.path.join(folder, f"total_dataset_synthetic-rm-{m:02d}_REWORD_MODEL_20250101_000000.json"), "w") as f:
        json.dump(items, f, indent=4, ensure_ascii=False)
PY
cp -r "$here/Data/published" "$work/Data/published"
size=$(du -sm "$work/Data/results" | cut -f1)

time_build() {  # best wall time of 3 builds, and peak RSS
  local best=999 rss=0
  for _ in 1 2 3; do
    local out
    out=$( { /usr/bin/time -f "%e %M" "$bin/rmbench-site" build --quiet --data "$1" --templates "$here/Templates" --output "$work/Site" >/dev/null; } 2>&1 | tail -1)
    local t=${out% *}
    if awk "BEGIN {exit !($t < $best)}"; then best=$t; rss=${out#* }; fi
  done
  echo "$best s, $((rss / 1024)) MB peak RSS"
}
echo "default Data/ (3 baselines + published rows): $(time_build "$here/Data")"
echo "$models synthetic models (${size} MB of result files) + published rows: $(time_build "$work/Data")"
