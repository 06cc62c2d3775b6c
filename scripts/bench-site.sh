#!/usr/bin/env bash
# Times `rmbench-site build` on the default Data/ and on a site with MODELS generated models
# (scripts/generate-results.py: all 1,327 RM-Bench items with their response texts, written
# like run_rm.py, random scores), best of 3 with peak RSS. `make bench` measures the targets;
# this is for a quick look at one size.
# Usage: scripts/bench-site.sh BIN_DIR [MODELS]
set -euo pipefail
bin=${1:?usage: scripts/bench-site.sh BIN_DIR [MODELS]}
models=${2:-50}
here=$(cd "$(dirname "$0")/.." && pwd)
data=${RMBENCH_SHARED_DATA:-$here/../shared/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/scripts/generate-results.py" "$data" "$work/Data" "$models"
cp -r "$here/Data/published" "$work/Data/published"
size=$(du -sm "$work/Data/results" | cut -f1)

time_build() {  # best wall time of 3 builds, and peak RSS
  local best=999 rss=0
  for _ in 1 2 3; do
    local out
    out=$( { /usr/bin/time -f "%e %M" "$bin/rmbench-site" build --quiet --data "$1" --output "$work/Site" >/dev/null; } 2>&1 | tail -1)
    local t=${out% *}
    if awk "BEGIN {exit !($t < $best)}"; then best=$t; rss=${out#* }; fi
  done
  echo "$best s, $((rss / 1024)) MB peak RSS"
}
echo "default Data/ (3 baselines + published rows): $(time_build "$here/Data")"
echo "$models generated models (${size} MB of result files) + published rows: $(time_build "$work/Data")"
