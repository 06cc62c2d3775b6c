#!/usr/bin/env bash
# Checks a `make dist` tarball the way a CI job without Swift would use it: unpacks it, checks
# with ldd that the binary needs no Swift runtime, cmark-gfm or libcrypto library, then copies
# the binary alone into an empty folder (no repository, no Templates/) and runs build, report,
# compare, score, templates export and init there on two of Data/'s result files.
#   scripts/check-dist.sh dist/rmbench-site-VERSION-linux-x86_64.tar.gz
set -euo pipefail
tarball="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
repository="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "check-dist: FAIL: $*" >&2; exit 1; }

(cd "$(dirname "$tarball")" && sha256sum -c "$(basename "$tarball").sha256") >/dev/null || fail "SHA-256 does not match"
tar -xzf "$tarball" -C "$work"
binary="$(find "$work" -path '*/bin/rmbench-site' -type f)"
[ -x "$binary" ] || fail "no bin/rmbench-site in $tarball"

libraries="$(ldd "$binary")"
echo "$libraries"
if grep -Eq 'libswift|libFoundation|libdispatch|libcmark|libcrypto|not found' <<<"$libraries"; then
  fail "the binary still needs a Swift, cmark-gfm or libcrypto library"
fi

alone="$work/alone"
mkdir -p "$alone/data/results/Baseline/baseline-length" "$alone/data/results/Baseline/baseline-random"
cp "$binary" "$alone/rmbench-site"
cp "$repository/Data/results/Baseline/baseline-length/baseline-length.json" "$alone/data/results/Baseline/baseline-length/"
cp "$repository/Data/results/Baseline/baseline-random/baseline-random.json" "$alone/data/results/Baseline/baseline-random/"
cd "$alone"
a=data/results/Baseline/baseline-random/baseline-random.json
b=data/results/Baseline/baseline-length/baseline-length.json
./rmbench-site --version
./rmbench-site build --data data --output Site --quiet --bootstrap 100 || fail "build"
[ -s Site/index.html ] && [ -s Site/assets/style.css ] || fail "build wrote no index.html or style.css"
./rmbench-site report "$b" --against "$a" --output report.html --bootstrap 100 || fail "report"
grep -q '<style' report.html || fail "report.html has no inline CSS"
./rmbench-site compare "$a" "$b" --format html --output compare.html --bootstrap 100 || fail "compare"
./rmbench-site score "$a" "$b" --format csv --bootstrap 0 > scores.csv || fail "score"
[ "$(wc -l < scores.csv)" -eq 3 ] || fail "score printed $(wc -l < scores.csv) lines, expected a header and 2 rows"
./rmbench-site templates export exported || fail "templates export"
diff -r "$repository/Templates" exported >/dev/null || fail "the built-in templates differ from Templates/"
./rmbench-site init board >/dev/null 2>&1 || fail "init"
[ -s board/.github/workflows/pages.yml ] || fail "init wrote no pages workflow"
echo "check-dist: ok: $(basename "$tarball"), $(du -k "$binary" | cut -f1) KB binary, ran alone in an empty folder"
