#!/usr/bin/env bash
# Fuzzes the input readers with libFuzzer: ResultReader.parseItems (JSON list and JSON Lines,
# with and without response measurement), PublishedReader.parse and ExternalMetricsReader.parse,
# all on the same bytes (see Fuzz/entry.swift for how the first byte picks the mode).
#
#     scripts/fuzz.sh [SECONDS] [libFuzzer flags…]   # default 60 s; `make fuzz SECONDS=N` runs this
#     scripts/fuzz.sh 0 .build-fuzz/fuzz/findings/crash-…   # replay one input (SECONDS is ignored)
#
# How it is built, and why not with SwiftPM: `swift build -sanitize=fuzzer` fails to link an
# executable target here (SwiftPM renames its main), so swiftc compiles the sources directly:
#   1. RMBenchCore as its own module (one object + .swiftmodule), because RMBenchLoad's files
#      `import RMBenchCore`; compiling Core's files into the Load module instead fails on that
#      import. Core's SHA256 imports CLibCrypto, hence `-I Sources/CLibCrypto` there too.
#   2. RMBenchLoad's files plus Fuzz/entry.swift as the module RMBenchLoad, linked with Core's
#      object, -lcrypto (CLibCrypto's module map links it, but only for SwiftPM; say it) and
#      libFuzzer + AddressSanitizer (-sanitize=fuzzer,address). -O keeps it fast; Swift's
#      bounds and overflow checks stay on in -O, and ASan sees the unsafe-pointer reads.
# ld.gold's "Cannot export local symbol __asan_…" warnings are harmless and filtered out.
#
# The committed seeds (Fuzz/seeds/, from Fuzz/make-seeds.py) are copied into a work corpus
# under .build-fuzz/, which the fuzzer grows; findings (crash-*, leak-*, timeout-*, oom-*) are
# written to .build-fuzz/fuzz/findings/. Exit status: libFuzzer's (0 = nothing found).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
OUT=.build-fuzz/fuzz
BIN="$OUT/fuzz-reader"
mkdir -p "$OUT/findings" "$OUT/corpus"

ROOT="$PWD"
FLAGS=(-sanitize=fuzzer,address -O -g -parse-as-library -swift-version 6 -I "$ROOT/Sources/CLibCrypto")
filter() { grep -v "Cannot export local symbol" || true; }

# swiftc leaves a debugging module (RMBenchLoad-1.swiftmodule…) in its working folder: run it in $OUT.
echo "fuzz: compiling RMBenchCore" >&2
(cd "$OUT" && swiftc "${FLAGS[@]}" -wmo -module-name RMBenchCore -emit-object -o RMBenchCore.o \
    -emit-module -emit-module-path RMBenchCore.swiftmodule \
    "$ROOT"/Sources/RMBenchCore/*.swift) 2>&1 | filter
echo "fuzz: compiling RMBenchLoad + Fuzz/entry.swift into $BIN" >&2
(cd "$OUT" && swiftc "${FLAGS[@]}" -wmo -module-name RMBenchLoad -I . \
    "$ROOT"/Sources/RMBenchLoad/*.swift "$ROOT/Fuzz/entry.swift" RMBenchCore.o -lcrypto \
    -o fuzz-reader) 2>&1 | filter
test -x "$BIN"

cp -n Fuzz/seeds/* "$OUT/corpus/" 2>/dev/null || true
echo "fuzz: running for ${SECONDS_TO_RUN} s on $OUT/corpus ($(ls "$OUT/corpus" | wc -l) inputs)" >&2
# -max_len: above every seed, so mutations can grow real-shaped files; -timeout: a hang is a
# finding; -rss_limit_mb: a run that needs gigabytes for a few KB of input is a finding too.
# Without Swift's own backtracer: its crash handler trips ASan after a trap (a false report in
# CrashHandlerLinux.cpp); libFuzzer's deadly-signal report and the saved input are what count.
export SWIFT_BACKTRACE=enable=no
if [ $# -ge 2 ] && [ -f "$2" ]; then exec "$BIN" "${@:2}"; fi
exec "$BIN" "$OUT/corpus" \
    -max_total_time="$SECONDS_TO_RUN" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$OUT/findings/" -print_final_stats=1 "${@:2}"
