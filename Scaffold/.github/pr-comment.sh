#!/usr/bin/env bash
# The pull-request comment, on stdout: what `validate --strict` found, the new result files'
# rows as scored, and each new model's place and rank group on the leaderboard built with them.
#   pr-comment.sh CHANGED_LIST VALIDATE_OUTPUT VALIDATE_OUTCOME
# Exit status non-zero when validation failed or a new file cannot be scored or built.
set -uo pipefail
changed="$1" findings="$2" outcome="${3:-success}"
mapfile -t files < "$changed"
status=0

echo "## RM-Bench check: ${#files[@]} new or changed result file(s)"
echo
if [ "$outcome" = "success" ]; then
  echo "**validate --strict:** passed."
else
  echo "**validate --strict:** failed — fix these before merging:"
  echo
  echo '```'
  cat "$findings" 2>/dev/null
  echo '```'
  status=1
fi
echo

scores=$(mktemp) errors=$(mktemp)
if ! rmbench-site score "${files[@]}" --format markdown --bootstrap 0 > "$scores" 2> "$errors"; then
  echo "**score:** the new files cannot be scored:"
  echo
  echo '```'
  cat "$errors"
  echo '```'
  exit 1
fi
echo "### The new rows"
echo
cat "$scores"
echo

if ! rmbench-site build --data Data --output _site --quiet 2> "$errors"; then
  echo "**build:** the leaderboard cannot be built with them:"
  echo
  echo '```'
  cat "$errors"
  echo '```'
  exit 1
fi
echo "### On the leaderboard"
echo
echo "| Model | Rank by Average | Average | Rank group |"
echo "|---|---:|---:|---|"
rmbench-site score "${files[@]}" --format json --bootstrap 0 | jq -r '.models[].model' | sort -u | while read -r model; do
  jq -r --arg model "$model" '
    [.models[] | select(.average != null)] | sort_by(-.average) as $rows
    | ($rows | map(.model) | index($model)) as $i
    | if $i == null then "| \($model) | – | – | – |" else
        $rows[$i] as $row
        | "| \($model) | \($i + 1) of \($rows | length) | \($row.average * 1000 | round / 10) % | "
          + (if $row.rank_group == null then "– |" else
               "\($row.rank_group)" + (if ($row.significantly_better_models | length) == 0 then " (none significantly better)"
                 else " (significantly behind: \($row.significantly_better_models | join(", ")))" end) + " |" end)
      end' _site/data/leaderboard.json
done
echo
echo "Rank groups compare recomputed models only (paired bootstrap over prompts); published rows have no per-prompt data."
exit "$status"
