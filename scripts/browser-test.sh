#!/usr/bin/env bash
# Browser test: builds the default site plus four generated models and checks it in headless
# Chromium like a user would (every Tests/browser/test_*.py). Screenshots go to browser-screenshots/ (override with
# BROWSER_SCREENSHOTS=DIR) so a CI job can attach them.
#
# Installs what is missing first: Debian's chromium and chromium-driver (apt-get as root, sudo
# otherwise) and the pinned Python driver library (Tests/browser/requirements.txt) into a venv
# in .build-browser-venv/. Builds rmbench-site with `swift build` unless RMBENCH_SITE=/path/to/binary
# is given (SWIFT_SCRATCH=DIR adds --scratch-path DIR).
#
# The last line of the output is always "N passed, M failed"; the exit status is non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
SWIFT="${SWIFT:-swift}"
screenshots="${BROWSER_SCREENSHOTS:-$root/browser-screenshots}"
venv="$root/.build-browser-venv"
site_parent=""

setup_failed() {
  echo "browser test setup failed: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}
cleanup() { [ -n "$site_parent" ] && rm -rf "$site_parent"; }
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
timings=()

# 1. Debian packages.
start=$(now)
packages=(chromium chromium-driver)
command -v python3 >/dev/null 2>&1 || packages+=(python3 python3-venv)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq || setup_failed "apt-get update"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || setup_failed "apt-get install ${missing[*]}"
fi
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || setup_failed "/usr/bin/chromium or /usr/bin/chromedriver missing"
timings+=("apt $(since "$start") s")

# 2. The Python driver library, in a venv (reinstalled only when requirements.txt changes).
start=$(now)
requirements="$root/Tests/browser/requirements.txt"
stamp="$venv/requirements.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian's python3 needs python3-venv for ensurepip.
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    rm -rf "$venv"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv >/dev/null \
      && python3 -m venv "$venv" || setup_failed "python3 -m venv"
  fi
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements" || setup_failed "pip install -r $requirements"
  echo "$wanted" > "$stamp"
fi
timings+=("pip $(since "$start") s")

# 3. The default site, built by the real binary into a temporary folder.
start=$(now)
if [ -z "${RMBENCH_SITE:-}" ]; then
  scratch=()
  [ -n "${SWIFT_SCRATCH:-}" ] && scratch=(--scratch-path "$SWIFT_SCRATCH")
  "$SWIFT" build "${scratch[@]}" --product rmbench-site >&2 || setup_failed "swift build"
  RMBENCH_SITE="$("$SWIFT" build "${scratch[@]}" --show-bin-path)/rmbench-site"
fi
[ -x "$RMBENCH_SITE" ] || setup_failed "no rmbench-site binary at $RMBENCH_SITE"
site_parent="$(mktemp -d "${TMPDIR:-/tmp}/rmbench-browser-test.XXXXXX")"
# The default data plus four generated recomputed models (generated-rm-1 … generated-rm-4, of
# rising skill), so the checks see a leaderboard with several recomputed rows as a user's own
# results would give it.
cp -r "$root/Data" "$site_parent/Data"
python3 - "$root/Data/results/Baseline/baseline-random/baseline-random.json" "$site_parent/Data/results" <<'PY' \
  || setup_failed "generating the extra result files"
import json, os, random, sys
source, results = sys.argv[1], sys.argv[2]
items = json.load(open(source))
for k in range(1, 5):
    rng = random.Random(k)
    skill = 0.4 * k
    for item in items:
        item["score_chosen"] = [rng.gauss(skill, 1) for _ in range(3)]
        item["score_rejected"] = [rng.gauss(0, 1) for _ in range(3)]
    folder = os.path.join(results, "Seq_Classifier", f"generated-rm-{k}")
    os.makedirs(folder)
    with open(os.path.join(folder, f"generated-rm-{k}.json"), "w") as f:
        json.dump(items, f, indent=4)
PY
"$RMBENCH_SITE" build --quiet --data "$site_parent/Data" --templates "$root/Templates" --output "$site_parent/Site" \
  || setup_failed "rmbench-site build"
timings+=("site build $(since "$start") s")
echo "setup: ${timings[*]}"

# 4. The checks: every Tests/browser/test_*.py, each ending with "N passed, M failed"; the
#    counts are summed. A script that crashed before printing its line counts as one failure.
mkdir -p "$screenshots" && rm -f "$screenshots"/*.png
passed=0
failed=0
for script in "$root"/Tests/browser/test_*.py; do
  log="$site_parent/$(basename "$script").log"
  echo "== $(basename "$script")"
  "$venv/bin/python" "$script" --site "$site_parent/Site" --screenshots "$screenshots" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  last="$(tail -n 1 "$log")"
  if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
  else
    echo "$(basename "$script") crashed (exit status $status)"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
