#!/usr/bin/env bash
# Writes every output of every command for the default data and for generated result files into
# one folder, so two versions of the tool can be compared byte for byte (a refactoring must not
# change them):
#
#     scripts/snapshot-outputs.sh .build/debug/rmbench-site /tmp/before
#     … change the code, rebuild …
#     scripts/snapshot-outputs.sh .build/debug/rmbench-site /tmp/after
#     diff -r /tmp/before /tmp/after
#
# Generated results: the built-in baselines over the public RM-Bench splits in ../shared/data
# (RMBENCH_SHARED_DATA), written in run_rm.py's shape. Needs that folder.
set -euo pipefail
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
OUT="$2"
cd "$(dirname "$0")/.."
SHARED="${RMBENCH_SHARED_DATA:-../shared/data}"
rm -rf "$OUT"
mkdir -p "$OUT/generated"

# Generated result files: three scorers, two seeds of the random one.
DATASET=("--dataset" "$SHARED/chat_filtered.json" "--dataset" "$SHARED/code_filtered.json"
         "--dataset" "$SHARED/safety-refuse_filtered.json" "--dataset" "$SHARED/safety-response_filtered.json")
"$BIN" baseline "${DATASET[@]}" --scorer length --output "$OUT/generated/length.json" 2>/dev/null
"$BIN" baseline "${DATASET[@]}" --scorer markdown --output "$OUT/generated/markdown.json" 2>/dev/null
"$BIN" baseline "${DATASET[@]}" --scorer random --seed 7 --output "$OUT/generated/random-7.json" 2>/dev/null
"$BIN" baseline "${DATASET[@]}" --scorer random --seed 8 --output "$OUT/generated/random-8.json" 2>/dev/null
G="$OUT/generated"

run() { local name="$1"; shift; set +e; "$BIN" "$@" > "$OUT/$name.stdout" 2> "$OUT/$name.stderr"; echo "exit $?" > "$OUT/$name.status"; set -e; }

run site build --quiet --data Data --templates Templates --output "$OUT/site" --dataset "$SHARED/chat_filtered.json"
run validate validate --data Data --notes
for format in json csv markdown; do
  run "score-default-$format" score Data/results/Baseline/*/*.json --format "$format"
  run "score-generated-$format" score "$G"/*.json --format "$format"
done
for format in markdown json; do
  run "compare-$format" compare "$G/random-7.json" "$G/length.json" --format "$format"
done
run compare-html compare "$G/random-7.json" "$G/random-8.json" --format html --output "$OUT/compare.html" --dataset "$SHARED/chat_filtered.json"
run check check "$G/length.json" --against "$G/random-7.json" --max-drop average=0.5,hard=1.0,chat_hard=2 --min hard=45,code=40
run report report "$G/markdown.json" --against "$G/random-8.json" --output "$OUT/report.html"
# Outputs name the files they read: make the snapshot's own folder name neutral.
grep -rlF "$OUT" "$OUT" | while read -r file; do sed -i "s#$OUT#OUT#g" "$file"; done
echo "snapshot in $OUT: $(find "$OUT" -type f | wc -l) files" >&2
