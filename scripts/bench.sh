#!/usr/bin/env bash
# Benchmarks the reader on a ~12 MB result file shaped like run_rm.py's output (the real
# RM-Bench splits with texts, json.dump(indent=4, ensure_ascii=False), items repeated under new
# ids to reach the size), against Python's json.load plus the official scoring loop.
# Usage: scripts/bench.sh BIN_DIR   (make bench passes it)
set -euo pipefail
bin=${1:?usage: scripts/bench.sh BIN_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
data=${RMBENCH_SHARED_DATA:-$here/../shared/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/total_dataset_bench-rm_REWORD_MODEL_20250101_000000.json"

python3 - "$data" "$file" <<'PY'
import json, os, sys, random
data, out = sys.argv[1], sys.argv[2]
splits = [("chat_filtered.json", "chat"), ("code_filtered.json", "code"),
          ("safety-refuse_filtered.json", "safety-refuse"), ("safety-response_filtered.json", "safety-response")]
base = []
for name, domain in splits:
    for item in json.load(open(os.path.join(data, name))):
        item["domain"] = domain
        base.append(item)
rng = random.Random(0)
items, copy = [], 0
while True:
    for item in base:
        x = dict(item)
        x["id"] = item["id"] + copy * 100000
        x["score_chosen"] = [rng.gauss(0, 3) for _ in range(3)]
        x["score_rejected"] = [rng.gauss(0, 3) for _ in range(3)]
        items.append(x)
    copy += 1
    if len(json.dumps(items, indent=4, ensure_ascii=False).encode()) >= 12_000_000:
        break
with open(out, "w") as f:
    json.dump(items, f, indent=4, ensure_ascii=False)
PY
size=$(stat -c %s "$file")
echo "file: $(awk "BEGIN {printf \"%.1f\", $size/1e6}") MB, $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$file") items"

echo "== reader throughput (in process, best of 20)"
"$bin/rmbench-bench" "$file" 20

best() {  # best wall time and its peak RSS over 5 runs of a command
  local best_t=999 best_m=0
  for _ in 1 2 3 4 5; do
    local out
    out=$( { /usr/bin/time -f "%e %M" "$@" >/dev/null; } 2>&1 | tail -1)
    local t=${out% *} m=${out#* }
    if awk "BEGIN {exit !($t < $best_t)}"; then best_t=$t; best_m=$m; fi
  done
  echo "$best_t $best_m"
}
echo "== whole process, best of 5 (wall seconds, peak RSS)"
read -r st sm <<<"$(best "$bin/rmbench-site" score "$file")"
read -r pt pm <<<"$(best python3 "$here/Tests/Tools/official_scores.py" "$file")"
echo "rmbench-site score:               ${st} s, $((sm / 1024)) MB"
echo "python json.load + official loop: ${pt} s, $((pm / 1024)) MB"
echo "ratio (python / rmbench-site):    $(awk "BEGIN {printf \"%.1f\", $pt / $st}")x"
