#!/usr/bin/env python3
"""Converts the published RM-Bench numbers in ../shared/data/published into our documented CSV
format (Data/published/README.md), for the default site.

    python3 scripts/make-published-data.py [SHARED_DATA_DIR]

SHARED_DATA_DIR defaults to $RMBENCH_SHARED_DATA, else ../shared/data (next to the project).
Writes Data/published/rm-bench-leaderboard-2025-07.csv and Data/published/rm-bench-paper-rows.csv.
Numbers are copied exactly as the sources wrote them (as text, never reformatted).
Python 3 standard library only.
"""

import csv
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT_DIR = os.path.join(ROOT, "Data", "published")

HEADER = ["model", "type", "license", "url", "chat", "math", "code", "safety", "easy", "normal",
          "hard", "average", "domain_avg", "difficulty_avg", "flag", "source"]

LEADERBOARD_SOURCE = "THU-KEG/RM-Bench-Leaderboard README (commit b0d159f), as of 2025-07"

# The paper rows carry no model type. Rows also on the leaderboard are dropped (the leaderboard
# has their type); every other row must be assigned here by hand, so that a new row in the
# source stops the script instead of getting a guessed type.
PAPER_ROW_TYPES = [
    # (predicate on the lower-cased name, type)
    (lambda n: n.startswith("tulu-v2.5-dpo-"), "DPO"),
    (lambda n: n == "tulu-2-dpo-13b", "DPO"),
    (lambda n: n == "nous-hermes-2-mistral-7b-dpo", "DPO"),
    # NVIDIA SteerLM 70B: a regression reward model over HelpSteer attributes (a scalar head).
    (lambda n: n == "steerlm-70b", "Scalar RM"),
    (lambda n: n in ("claude-3-5-sonnet-20240620", "gpt-4o-0806", "gemini-1.5-pro",
                     "llama3.1-70b-instruct"), "LLM"),
    # A fine-tuned pairwise judge that writes its verdict as text.
    (lambda n: n == "skywork-critic-llama-3.1-70b", "GenRM"),
]


def fail(message):
    print(f"make-published-data: {message}", file=sys.stderr)
    sys.exit(1)


def read_table(path, expected_header):
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror}")
    if not rows or rows[0] != expected_header:
        fail(f"{path}: unexpected header {rows[0] if rows else None!r}; expected {expected_header!r}")
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != len(expected_header):
            fail(f"{path}:{number}: {len(row)} fields, expected {len(expected_header)}")
        body.append(dict(zip(expected_header, row)))
    return body


def not_reported(text):
    """Our spelling of a missing number: "-" (the sources use "-" already)."""
    text = text.strip()
    return "-" if text in ("", "-", "–", "—") or text.lower() == "n/a" else text


def convert_leaderboard(path):
    header = ["model_name", "model_url", "Model Type", "Chat", "Math", "Code", "Safety", "Easy",
              "Normal", "Hard", "Domain Avg", "Difficulty Avg", "Overall",
              "Potentially Score Mismatch", "License Type"]
    rows = []
    for row in read_table(path, header):
        rows.append({
            "model": row["model_name"].strip(),
            "type": row["Model Type"].strip(),
            "license": row["License Type"].strip(),
            "url": row["model_url"].strip(),
            "chat": not_reported(row["Chat"]),
            "math": not_reported(row["Math"]),
            "code": not_reported(row["Code"]),
            "safety": not_reported(row["Safety"]),
            "easy": not_reported(row["Easy"]),
            "normal": not_reported(row["Normal"]),
            "hard": not_reported(row["Hard"]),
            "average": not_reported(row["Overall"]),
            "domain_avg": not_reported(row["Domain Avg"]),
            "difficulty_avg": not_reported(row["Difficulty Avg"]),
            "flag": "Potentially Score Mismatch: " + row["Potentially Score Mismatch"].strip(),
            "source": LEADERBOARD_SOURCE,
        })
    return rows


def paper_row_type(model):
    name = model.lower()
    matches = [type_ for test, type_ in PAPER_ROW_TYPES if test(name)]
    if len(matches) != 1:
        fail(f"paper row {model!r} is not on the leaderboard and has no type assigned in "
             "PAPER_ROW_TYPES; decide its type and add it there (and to Data/published/README.md)")
    return matches[0]


def convert_paper_rows(path, leaderboard):
    header = ["model", "chat", "math", "code", "safety", "easy", "normal", "hard", "average",
              "corroboration"]
    on_leaderboard = {row["model"].lower() for row in leaderboard}
    rows = []
    for row in read_table(path, header):
        model = row["model"].strip()
        if model.lower() in on_leaderboard:
            continue
        rows.append({
            "model": model,
            "type": paper_row_type(model),
            "license": "",
            "url": "",
            "chat": not_reported(row["chat"]),
            "math": not_reported(row["math"]),
            "code": not_reported(row["code"]),
            "safety": not_reported(row["safety"]),
            "easy": not_reported(row["easy"]),
            "normal": not_reported(row["normal"]),
            "hard": not_reported(row["hard"]),
            "average": not_reported(row["average"]),
            "domain_avg": "-",
            "difficulty_avg": "-",
            "flag": "",
            "source": row["corroboration"].strip(),
        })
    return rows


def check_unique(rows, what):
    seen = {}
    for row in rows:
        key = row["model"].lower()
        if key in seen:
            fail(f"{what}: model {row['model']!r} appears twice")
        seen[key] = row


def write(rows, name):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([row[column] for column in HEADER])
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buffer.getvalue())
    print(f"wrote {os.path.relpath(path, ROOT)}: {len(rows)} rows")


def main():
    if len(sys.argv) > 2:
        fail("usage: make-published-data.py [SHARED_DATA_DIR]")
    shared = (sys.argv[1] if len(sys.argv) == 2
              else os.environ.get("RMBENCH_SHARED_DATA") or os.path.join(ROOT, "..", "shared", "data"))
    published = os.path.join(shared, "published")
    leaderboard = convert_leaderboard(os.path.join(published, "rm-bench-leaderboard-2025-07.csv"))
    check_unique(leaderboard, "leaderboard")
    paper = convert_paper_rows(os.path.join(published, "rm-bench-paper-rows.csv"), leaderboard)
    check_unique(paper, "paper rows")
    write(leaderboard, "rm-bench-leaderboard-2025-07.csv")
    write(paper, "rm-bench-paper-rows.csv")


if __name__ == "__main__":
    main()
