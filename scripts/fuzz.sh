#!/usr/bin/env bash
# Fuzzes with libFuzzer, two targets:
#   reader  the input readers: ResultReader.parseItems (JSON list and JSON Lines, with and
#           without response measurement), PublishedReader.parse and ExternalMetricsReader.parse,
#           all on the same bytes (Fuzz/entry.swift says how the first byte picks the mode);
#   render  the chart builders, axes and number formatting on fuzzer-made doubles (bit patterns
#           and the special values) and strings; every SVG must be well-formed with plain-number
#           coordinates (Fuzz/render/entry.swift describes the input and the checks).
#
#     scripts/fuzz.sh [SECONDS] [libFuzzer flags…]   # default 60 s; `make fuzz SECONDS=N` runs this
#     TARGET=render scripts/fuzz.sh 600               # one target only (TARGET=reader|render|all;
#                                                     # `make fuzz SECONDS=600 TARGET=render` too)
#     scripts/fuzz.sh 0 .build-fuzz/fuzz/findings/crash-…   # replay one input (SECONDS is ignored)
#
# TARGET=all (the default, also for `make fuzz`) runs the reader, then the render target, for
# half of SECONDS each; a replayed input goes through every selected target (any byte string is
# a valid input to both). Exit status: the first non-zero libFuzzer status (0 = nothing found).
#
# How it is built, and why not with SwiftPM: `swift build -sanitize=fuzzer` fails to link an
# executable target here (SwiftPM renames its main), so swiftc compiles the sources directly:
#   1. RMBenchCore as its own module (one object + .swiftmodule), because RMBenchLoad's and the
#      charts' files `import RMBenchCore`; compiling Core's files into another module instead
#      fails on that import. Core's SHA256 imports CLibCrypto and its ByteSearch CByteSearch,
#      hence `-I Sources/CLibCrypto -I Sources/CByteSearch`.
#   2. reader: RMBenchLoad's files plus Fuzz/entry.swift as the module RMBenchLoad, linked with
#      Core's object, -lcrypto (CLibCrypto's module map links it, but only for SwiftPM; say it)
#      and libFuzzer + AddressSanitizer (-sanitize=fuzzer,address).
#   3. render: RMBenchScore and RMBenchAnalyze as modules (the charts draw Analyze's quartiles
#      and least-squares fits), then only what the charts need of RMBenchRender, not the whole
#      target (which needs the swift-mustache package): Sources/RMBenchRender/Charts/*.swift,
#      Escaping/Escape.swift (the charts escape their text with it) and Fuzz/render/entry.swift
#      as the module RMBenchRender, linked with the three objects like the reader.
# -O keeps them fast; Swift's bounds, overflow and Double→Int conversion checks stay on in -O,
# and ASan sees the unsafe-pointer reads. ld.gold's "Cannot export local symbol __asan_…"
# warnings are harmless and filtered out.
#
# Seeds: Fuzz/seeds/ (reader, from Fuzz/make-seeds.py) and Fuzz/render/seeds/ (from
# Fuzz/render/make-seeds.py, including every past finding) are copied into work corpora under
# .build-fuzz/fuzz/ (corpus/, render-corpus/), which the fuzzer grows; findings (crash-*,
# leak-*, timeout-*, oom-*) are written to .build-fuzz/fuzz/findings/ and render-findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
TARGET="${TARGET:-all}"
case "$TARGET" in
    reader) TARGETS=(reader) ;;
    render) TARGETS=(render) ;;
    all) TARGETS=(reader render) ;;
    *) echo "fuzz: TARGET must be reader, render or all, not '$TARGET'" >&2; exit 2 ;;
esac
OUT=.build-fuzz/fuzz
mkdir -p "$OUT/findings" "$OUT/corpus" "$OUT/render-findings" "$OUT/render-corpus"

ROOT="$PWD"
FLAGS=(-sanitize=fuzzer,address -O -g -parse-as-library -swift-version 6 -I "$ROOT/Sources/CLibCrypto" -I "$ROOT/Sources/CByteSearch")
filter() { grep -v "Cannot export local symbol" || true; }

# swiftc leaves a debugging module (RMBenchLoad-1.swiftmodule…) in its working folder: run it in $OUT.
echo "fuzz: compiling RMBenchCore" >&2
(cd "$OUT" && swiftc "${FLAGS[@]}" -wmo -module-name RMBenchCore -emit-object -o RMBenchCore.o \
    -emit-module -emit-module-path RMBenchCore.swiftmodule \
    "$ROOT"/Sources/RMBenchCore/*.swift) 2>&1 | filter
for target in "${TARGETS[@]}"; do
    if [ "$target" = reader ]; then
        echo "fuzz: compiling RMBenchLoad + Fuzz/entry.swift into $OUT/fuzz-reader" >&2
        (cd "$OUT" && swiftc "${FLAGS[@]}" -wmo -module-name RMBenchLoad -I . \
            "$ROOT"/Sources/RMBenchLoad/*.swift "$ROOT/Fuzz/entry.swift" RMBenchCore.o -lcrypto \
            -o fuzz-reader) 2>&1 | filter
    else
        for module in RMBenchScore RMBenchAnalyze; do
            echo "fuzz: compiling $module" >&2
            (cd "$OUT" && swiftc "${FLAGS[@]}" -wmo -module-name "$module" -I . -emit-object -o "$module.o" \
                -emit-module -emit-module-path "$module.swiftmodule" "$ROOT"/Sources/"$module"/*.swift) 2>&1 | filter
        done
        echo "fuzz: compiling the charts + Escape + Fuzz/render/entry.swift into $OUT/fuzz-render" >&2
        (cd "$OUT" && swiftc "${FLAGS[@]}" -wmo -module-name RMBenchRender -I . \
            "$ROOT"/Sources/RMBenchRender/Charts/*.swift "$ROOT/Sources/RMBenchRender/Escaping/Escape.swift" \
            "$ROOT/Fuzz/render/entry.swift" RMBenchCore.o RMBenchScore.o RMBenchAnalyze.o -lcrypto -o fuzz-render) 2>&1 | filter
    fi
    test -x "$OUT/fuzz-$target"
done

# Without Swift's own backtracer: its crash handler trips ASan after a trap (a false report in
# CrashHandlerLinux.cpp); libFuzzer's deadly-signal report and the saved input are what count.
export SWIFT_BACKTRACE=enable=no
status=0
if [ $# -ge 2 ] && [ -f "$2" ]; then
    for target in "${TARGETS[@]}"; do
        echo "fuzz: replaying $2 on $target" >&2
        "$OUT/fuzz-$target" "${@:2}" || { s=$?; [ "$status" -ne 0 ] || status=$s; }
    done
    exit "$status"
fi

share=$(( SECONDS_TO_RUN / ${#TARGETS[@]} ))
[ "$share" -ge 1 ] || share=1
for target in "${TARGETS[@]}"; do
    if [ "$target" = reader ]; then
        corpus="$OUT/corpus" findings="$OUT/findings/" seeds=Fuzz/seeds max_len=16384
    else
        corpus="$OUT/render-corpus" findings="$OUT/render-findings/" seeds=Fuzz/render/seeds max_len=4096
    fi
    cp -n "$seeds"/* "$corpus/" 2>/dev/null || true
    echo "fuzz: running $target for ${share} s on $corpus ($(ls "$corpus" | wc -l) inputs)" >&2
    # -max_len: above every seed, so mutations can grow real-shaped inputs; -timeout: a hang is
    # a finding; -rss_limit_mb: a run that needs gigabytes for a few KB of input is a finding too.
    "$OUT/fuzz-$target" "$corpus" \
        -max_total_time="$share" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$findings" -print_final_stats=1 "${@:2}" || { s=$?; [ "$status" -ne 0 ] || status=$s; }
done
exit "$status"
