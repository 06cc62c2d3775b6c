#!/usr/bin/env python3
"""Writes MODELS result files shaped like RM-Bench's run_rm.py output into OUT/results/.

Every file holds all 1,327 RM-Bench items with their response texts (the math items repeat
their concise text in all three styles), json.dump(indent=4, ensure_ascii=False) layout,
and random scores around a per-model skill: the same content scripts/bench-site.sh used to
write with one json.dump per model. Why a generator of its own: dumping 11.6 MB of texts
200 times took minutes; here the texts are serialized once and each model only formats its
7,962 scores between the fixed pieces.

Usage: scripts/generate-results.py DATA_DIR OUT_DIR MODELS
"""
import json
import os
import random
import sys

data, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
splits = [("chat_filtered.json", "chat"),
          ("hggzjx-RewardAuditor/datasets/math_filtered_prompt_disturbance.json", "math"),
          ("code_filtered.json", "code"), ("safety-refuse_filtered.json", "safety-refuse"),
          ("safety-response_filtered.json", "safety-response")]
items = []
for name, domain in splits:
    with open(os.path.join(data, name)) as f:
        for item in json.load(f):
            item["domain"] = domain
            if isinstance(item["chosen"], str):
                item["chosen"] = [item["chosen"]] * 3
                item["rejected"] = [item["rejected"]] * 3
            items.append(item)

# The whole document once, with a marker string where each score list goes; the pieces
# between markers are what every model's file shares.
MARK = "\u0001SCORES\u0001"
for item in items:
    item["score_chosen"] = MARK
    item["score_rejected"] = MARK
pieces = json.dumps(items, indent=4, ensure_ascii=False).split(json.dumps(MARK))
# Each item has exactly two markers; a text holding the marker would shift every score after it.
assert len(pieces) == 2 * len(items) + 1, "a response text contains the score marker"
pieces = [piece.encode() for piece in pieces]
indent = " " * 12  # a number inside a list inside an object inside the top list


def score_list(values):
    return ("[\n" + ",\n".join(indent + repr(v) for v in values) + "\n        ]").encode()


for m in range(count):
    rng = random.Random(m)
    skill = rng.uniform(0, 1.5)
    name = f"synthetic-rm-{m:03d}"
    folder = os.path.join(out, "results", "Seq_Classifier", name)
    os.makedirs(folder, exist_ok=True)
    parts = [pieces[0]]
    for k in range(len(items)):
        chosen = [rng.gauss(skill, 1) for _ in range(3)]
        rejected = [rng.gauss(0, 1) for _ in range(3)]
        parts += [score_list(chosen), pieces[2 * k + 1], score_list(rejected), pieces[2 * k + 2]]
    with open(os.path.join(folder, f"total_dataset_{name}_REWORD_MODEL_20250101_000000.json"), "wb") as f:
        f.write(b"".join(parts))
