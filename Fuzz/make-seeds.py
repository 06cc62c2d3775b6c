#!/usr/bin/env python3
"""Writes the fuzz seed corpus Fuzz/seeds/ from real data (small excerpts) and the hostile
fixtures. Each seed is one control byte (see Fuzz/entry.swift) followed by the file's bytes.

    python3 Fuzz/make-seeds.py [SHARED_DATA]   # default ../shared/data; skipped where absent

Seeds are kept small (a few KB): libFuzzer's default -max_len follows the largest seed, and
short inputs run fastest. The real files are cut to their first items, response texts to
~120 characters; the committed seeds are what this script wrote at the time.
"""
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Fuzz", "seeds")
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
LIMIT = 6000  # bytes per seed

JSONL, MEASURE, SPLIT = 1, 2, 4


def write(name, control, data):
    if len(data) > LIMIT:
        return
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes([control]) + data)


def shorten(value):
    if isinstance(value, str):
        return value[:120]
    if isinstance(value, list):
        return [shorten(v) for v in value]
    if isinstance(value, dict):
        return {k: shorten(v) for k, v in value.items()}
    return value


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in glob.glob(os.path.join(OUT, "*")):
        os.remove(old)
    # Our baseline results (compact, with *_stats): first items as a list and as JSON Lines.
    for path in sorted(glob.glob(os.path.join(ROOT, "Data", "results", "**", "*.json"), recursive=True)):
        items = json.load(open(path))[:3]
        stem = os.path.splitext(os.path.basename(path))[0]
        listed = "[\n" + ",\n".join(json.dumps(i, separators=(",", ":")) for i in items) + "\n]\n"
        write(f"real-{stem}.json", MEASURE, listed.encode())
        write(f"real-{stem}-nomeasure.json", 0, listed.encode())
        lines = "".join(json.dumps(i) + "\n" for i in items)
        write(f"real-{stem}.jsonl", JSONL | MEASURE, lines.encode())
    # RM-Bench splits shaped like run_rm.py's output: indent=4, texts, nested scores.
    for path in sorted(glob.glob(os.path.join(SHARED, "*_filtered.json"))):
        items = json.load(open(path))[:2]
        stem = os.path.basename(path).split("_")[0]
        for n, item in enumerate(items):
            item = shorten(item)
            item["score_chosen"] = [[1.5 + n], [-2.25], [3e-5]] if n else [1.5, -2.25, 3e-5]
            item["score_rejected"] = [0.5, float("nan"), float("inf")] if n else [0.5, 1.0, -1.0]
            items[n] = item
        as_run = json.dumps(items, indent=4, ensure_ascii=False).encode()  # raw UTF-8
        write(f"split-{stem}.json", MEASURE | SPLIT, as_run)
        with_domain = [dict(i, domain=stem) for i in items]
        write(f"run-{stem}.json", MEASURE, json.dumps(with_domain, indent=4).encode())
        write(f"run-{stem}-ascii.jsonl", JSONL, "".join(json.dumps(i) + "\n" for i in with_domain).encode())
    # Published numbers and external metrics: the header and first rows.
    for path in sorted(glob.glob(os.path.join(ROOT, "Data", "published", "*.csv"))
                       + glob.glob(os.path.join(ROOT, "Data", "external", "*.csv"))
                       + glob.glob(os.path.join(SHARED, "published", "*.csv"))):
        lines = open(path, "rb").read().splitlines(keepends=True)[:6]
        write("csv-" + os.path.basename(path), 0, b"".join(lines))
    # Hostile fixtures (the small committed ones); the expected-message files are not inputs.
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests", "Fixtures", "hostile", "*"))):
        name = os.path.basename(path)
        if name.endswith(".expected"):
            continue
        control = JSONL if name.endswith(".jsonl") else 0
        if name.startswith("chat_filtered"):
            control |= SPLIT
        write("hostile-" + name, control | MEASURE, open(path, "rb").read())
    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(OUT, "*")))
    print(f"{len(os.listdir(OUT))} seeds, {total} bytes in {OUT}")


main()
