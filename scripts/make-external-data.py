#!/usr/bin/env python3
"""Derives the default external metrics for the correlation page from the per-item scores in
../shared/data, in our documented format (Data/external/README.md).

    python3 scripts/make-external-data.py [SHARED_DATA_DIR]

SHARED_DATA_DIR defaults to $RMBENCH_SHARED_DATA, else ../shared/data (next to the project).
Writes
    Data/external/rewardbench-math-prm.csv   RewardBench math-prm accuracy (447 pairs)
    Data/external/rewardmath.csv             RewardMATH one-to-many accuracy (483 problems)
    Data/external/judgebench.csv             JudgeBench pair accuracy (350 GPT-4o pairs)
and prints the table. Every input is checked against the structure described in the README;
anything unexpected stops the script instead of producing a number. Model names: the official
RM-Bench leaderboard name where the model's identity is established (see IDENTITIES), else the
source's own name. Python 3 standard library only; the output depends only on the input.
"""

import csv
import glob
import io
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT_DIR = os.path.join(ROOT, "Data", "external")
LEADERBOARD = os.path.join(ROOT, "Data", "published", "rm-bench-leaderboard-2025-07.csv")

REWARDMATH = "kimsh0507-RewardMATH_official"
JUDGEBENCH = "ScalerLab-JudgeBench"

# Source name → Hugging Face model id, only where the id is established, with the evidence.
# The leaderboard name is then looked up by the leaderboard row whose url is
# https://huggingface.co/<id> (so a wrong id cannot silently pick a similar name).
# A source name missing here is written unchanged and reported as unmatched.
IDENTITIES = {
    # RewardMATH repository (results/Rewardbench/rewardbench_<name>.json and
    # results/RewardMATH/<name>_reward.json use the same short names).
    ("rewardmath", "ArmoRM"): ("RLHFlow/ArmoRM-Llama3-8B-v0.1",
        "scripts/classifier_reward.sh: --model_name=RLHFlow/ArmoRM-Llama3-8B-v0.1 → results/RewardMATH/ArmoRM_reward.json"),
    ("rewardmath", "Eurus-RM"): ("openbmb/Eurus-RM-7b",
        "scripts/classifier_reward.sh: --model_name=openbmb/Eurus-RM-7b → results/RewardMATH/Eurus-RM_reward.json"),
    ("rewardmath", "internlm2"): ("internlm/internlm2-7b-reward",
        "scripts/classifier_reward.sh: --model_name=internlm/internlm2-7b-reward → results/RewardMATH/internlm2_reward.json"),
    ("rewardmath", "internlm2-20b"): ("internlm/internlm2-20b-reward",
        "scripts/classifier_reward.sh: --model_name=internlm/internlm2-20b-reward → results/RewardMATH/internlm2_20b_reward.json"),
    ("rewardmath", "internlm2_20b"): ("internlm/internlm2-20b-reward",
        "scripts/classifier_reward.sh: --model_name=internlm/internlm2-20b-reward → results/RewardMATH/internlm2_20b_reward.json"),
    ("rewardmath", "Skywork-Llama-3.1-8B"): ("Skywork/Skywork-Reward-Llama-3.1-8B",
        "src/models/__init__.py: the only Skywork Llama entry is Skywork/Skywork-Reward-Llama-3.1-8B, "
        "added by the RewardMATH authors with their own src/models/skywork.py (RewardBench's config, "
        "which the rest of the table copies, has no Skywork entry); no -v0.2 entry"),
    ("rewardmath", "skywork_llama3"): ("Skywork/Skywork-Reward-Llama-3.1-8B",
        "as Skywork-Llama-3.1-8B (same repository, same model config)"),
    # JudgeBench: every judgment names its model (judgment.judge_model), e.g. "internlm/internlm2-7b-reward".
}

# Source names deliberately left unmatched, and why (printed and written to the README).
UNMATCHED = {
    ("rewardmath", "GRM-Llama3-8B"): "three GRM Llama-3-8B reward models exist (Ray2333/GRM-llama3-8B-sftreg, "
        "the one on the leaderboard; GRM-llama3-8B-distill; GRM-Llama3-8B-rewardmodel-ft); the repository's "
        "GRM config entries are verbatim copies of RewardBench's and no run script names the checkpoint",
    ("rewardmath", "grm_llama3"): "as GRM-Llama3-8B",
    ("rewardmath", "GRM_Gemma_2B"): "checkpoint not named (GRM-Gemma-2B-sftreg or -rewardmodel-ft); no GRM Gemma model is on the leaderboard",
    ("rewardmath", "grm_gemma"): "as GRM_Gemma_2B",
    ("rewardmath", "beaver"): "PKU-Alignment/beaver-7b-v2.0-reward per scripts/classifier_reward.sh; not on the leaderboard",
    ("rewardmath", "oasst-rm"): "OpenAssistant/oasst-rm-2.1-pythia-1.4b-epoch-2.5 per scripts/classifier_reward.sh; not on the leaderboard",
    ("judgebench", "Ray2333/GRM-Gemma-2B-rewardmodel-ft"): "not on the leaderboard",
}


def fail(message):
    print(f"make-external-data: {message}", file=sys.stderr)
    sys.exit(1)


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as error:
        fail(f"cannot read {path}: {error}")


def finite_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def leaderboard_names_by_url():
    try:
        with open(LEADERBOARD, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as error:
        fail(f"cannot read {LEADERBOARD}: {error.strerror}")
    by_url = {}
    for row in rows:
        url = (row.get("url") or "").strip().rstrip("/")
        if not url.startswith("https://huggingface.co/"):
            continue   # papers and vendor pages identify no single checkpoint
        # Two rows with one model page (e.g. "+ voting@32") are ambiguous: None.
        by_url[url] = None if url in by_url else row["model"].strip()
    return by_url


class Names:
    """Maps source names to output names and remembers every decision for the report."""

    def __init__(self):
        self.by_url = leaderboard_names_by_url()
        self.decisions = []   # (file, source name, output name, hf id or "", evidence)

    def name(self, file, kind, source, hf_id=None):
        evidence = ""
        if hf_id is None and (kind, source) in IDENTITIES:
            hf_id, evidence = IDENTITIES[(kind, source)]
        elif hf_id is not None:
            evidence = f"judge_model field of every judgment: {hf_id}"
        if hf_id is not None and (kind, source) not in UNMATCHED:
            url = "https://huggingface.co/" + hf_id
            if url in self.by_url:
                out = self.by_url[url]
                if out is None:
                    fail(f"{source}: several leaderboard rows have the url {url}")
                self.decisions.append((file, source, out, hf_id, evidence + f"; leaderboard row url {url}"))
                return out
            if kind == "judgebench" and (kind, source) not in UNMATCHED:
                fail(f"{source}: not on the leaderboard and not listed in UNMATCHED")
        if (kind, source) not in UNMATCHED:
            fail(f"{file}: source name {source!r} has neither an identity nor an UNMATCHED reason")
        self.decisions.append((file, source, source, "", "unmatched: " + UNMATCHED[(kind, source)]))
        return source


def percent(numerator, denominator):
    return f"{100 * numerator / denominator:.2f}"


# MARK: RewardBench math-prm

def rewardbench_math_prm(shared, names):
    folder = os.path.join(shared, REWARDMATH, "results", "Rewardbench")
    rows = []
    skipped = []
    for path in sorted(glob.glob(os.path.join(folder, "rewardbench_*.json"))):
        source = os.path.basename(path)[len("rewardbench_"):-len(".json")]
        data = load_json(path)
        if not isinstance(data, list):
            fail(f"{path}: expected a list")
        if data and isinstance(data[0], dict) and "output" in data[0]:
            # Process reward models: per-step scores that need an aggregation function.
            skipped.append(source)
            continue
        if len(data) != 447:
            fail(f"{path}: {len(data)} items, expected 447")
        correct = ties = 0
        problems = set()
        for number, item in enumerate(data):
            if not isinstance(item, dict) or set(item) != {"problem", "solution_reference", "score"}:
                fail(f"{path}: item {number}: unexpected keys")
            refs, score = item["solution_reference"], item["score"]
            # Element 0 is the chosen solution: the labels say so in both spellings used.
            if refs not in (["human_to_GPT-4", "modified_with_GPT-4"], ["chosen", "rejected"]):
                fail(f"{path}: item {number}: unexpected solution_reference {refs!r}")
            if not (isinstance(score, list) and len(score) == 2 and all(finite_number(s) for s in score)):
                fail(f"{path}: item {number}: score must be two finite numbers, found {score!r}")
            problems.add(item["problem"])
            correct += score[0] > score[1]
            ties += score[0] == score[1]
        if len(problems) != 447:
            fail(f"{path}: {len(problems)} distinct problems, expected 447")
        name = names.name("rewardbench-math-prm.csv", "rewardmath", source)
        rows.append((name, percent(correct, len(data)), f"{correct}/{len(data)}, ties {ties}"))
    if len(rows) != 9:
        fail(f"{folder}: {len(rows)} reward-model files, expected 9")
    return rows, skipped


# MARK: RewardMATH

def rewardmath(shared, names):
    folder = os.path.join(shared, REWARDMATH, "results", "RewardMATH")
    rows = []
    skipped = []
    for path in sorted(glob.glob(os.path.join(folder, "*_reward.json"))):
        source = os.path.basename(path)[:-len("_reward.json")]
        if source.startswith("gpt4o"):
            # GPT-4o as a judge: 1–10 ratings (many ties) or pairwise A/B verdicts, not a reward model.
            skipped.append(source)
            continue
        data = load_json(path)
        if not isinstance(data, list) or len(data) != 483:
            fail(f"{path}: expected a list of 483 problems")
        correct = ties = 0
        problems = set()
        for number, item in enumerate(data):
            if not isinstance(item, dict) or set(item) != {"problem", "solution_reference", "score"}:
                fail(f"{path}: item {number}: unexpected keys")
            refs, score = item["solution_reference"], item["score"]
            if not (isinstance(refs, list) and len(refs) == 10 and refs[0] == "human_to_GPT-4"
                    and refs.count("human_to_GPT-4") == 1):
                fail(f"{path}: item {number}: element 0 must be the one correct solution (human_to_GPT-4)")
            if not (isinstance(score, list) and len(score) == 10 and all(finite_number(s) for s in score)):
                fail(f"{path}: item {number}: score must be ten finite numbers")
            problems.add(item["problem"])
            best_rejected = max(score[1:])
            correct += score[0] > best_rejected
            ties += score[0] == best_rejected
        if len(problems) != 483:
            fail(f"{path}: {len(problems)} distinct problems, expected 483")
        name = names.name("rewardmath.csv", "rewardmath", source)
        rows.append((name, percent(correct, len(data)), f"{correct}/{len(data)}, ties at the top {ties}"))
    if len(rows) != 9:
        fail(f"{folder}: {len(rows)} reward-model files, expected 9")
    return rows, skipped


# MARK: JudgeBench

FLIP = {"A>B": "B>A", "B>A": "A>B"}


def verdict(scores):
    a, b = scores
    return "A>B" if a > b else ("B>A" if a < b else "tie")


def judgebench(shared, names):
    folder = os.path.join(shared, JUDGEBENCH, "outputs")
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "*reward_model*.jsonl"))):
        pairs = []
        with open(path, encoding="utf-8") as f:
            for line_number, line in enumerate(f, start=1):
                if line.strip():
                    try:
                        pairs.append(json.loads(line))
                    except ValueError as error:
                        fail(f"{path}:{line_number}: {error}")
        if len(pairs) != 350 or len({p.get("pair_id") for p in pairs}) != 350:
            fail(f"{path}: expected 350 distinct pairs")
        models = set()
        correct = tied_judgments = swapped = 0
        for number, pair in enumerate(pairs, start=1):
            label, judgments = pair.get("label"), pair.get("judgments")
            if label not in FLIP:
                fail(f"{path}:{number}: label {label!r}")
            if not (isinstance(judgments, list) and len(judgments) == 2):
                fail(f"{path}:{number}: expected 2 judgments (original and swapped order)")
            scores = []
            for judgment in judgments:
                inner = judgment.get("judgment") if isinstance(judgment, dict) else None
                s = inner.get("scores") if isinstance(inner, dict) else None
                if not (isinstance(s, list) and len(s) == 2 and all(finite_number(x) for x in s)):
                    fail(f"{path}:{number}: scores must be two finite numbers")
                models.add(inner.get("judge_model"))
                scores.append(s)
            swapped += scores[0] == scores[1][::-1]
            # Judgment 1 sees (A, B), judgment 2 sees (B, A): flip its verdict back (JudgeBench's
            # flip_judgment). A tie counts neither way.
            decisions = [verdict(scores[0]), FLIP.get(verdict(scores[1]), "tie")]
            tied_judgments += decisions.count("tie")
            counter = sum(1 if d == label else (-1 if d == FLIP[label] else 0) for d in decisions)
            correct += counter > 0
        if len(models) != 1:
            fail(f"{path}: judge_model differs between judgments: {sorted(map(str, models))}")
        hf_id = models.pop()
        if not path.endswith("__" + hf_id.replace("/", "_") + ".jsonl"):
            fail(f"{path}: file name does not match judge_model {hf_id}")
        name = names.name("judgebench.csv", "judgebench", hf_id, hf_id=hf_id)
        rows.append((name, percent(correct, len(pairs)),
                     f"{correct}/{len(pairs)}, tied judgments {tied_judgments}, exactly swapped {swapped}/350"))
    if len(rows) != 5:
        fail(f"{folder}: {len(rows)} reward-model files, expected 5")
    return rows


# MARK: Output

DESCRIPTIONS = {
    "rewardbench_math_prm": "RewardBench math-prm accuracy (%): share of the 447 pairs where the reward model "
        "scores the chosen solution strictly above the rejected one (ties count as wrong); per-item scores "
        "from kimsh0507/RewardMATH_official results/Rewardbench (MIT licence)",
    "rewardmath": "RewardMATH accuracy (%): share of the 483 MATH500 problems where the one correct solution "
        "scores strictly above all 9 incorrect ones (the paper's one-to-many accuracy); per-item scores from "
        "kimsh0507/RewardMATH_official results/RewardMATH (MIT licence)",
    "judgebench": "JudgeBench accuracy (%): share of the 350 GPT-4o response pairs judged correctly by "
        "JudgeBench's rule (verdicts in original and swapped order; +1 per verdict matching the label, -1 per "
        "opposite verdict, a tie 0; correct if the sum is positive); per-pair scores from ScalerLab/JudgeBench "
        "outputs/*reward_model*.jsonl",
}


def write_csv(file_name, metric, rows):
    names = [r[0] for r in rows]
    if len(set(n.lower() for n in names)) != len(names):
        fail(f"{file_name}: duplicate model names {names}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["model", metric])
    writer.writerow(["#description", DESCRIPTIONS[metric]])
    for name, value, _ in sorted(rows, key=lambda r: (r[0].lower(), r[0])):
        writer.writerow([name, value])
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, file_name)
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="") as f:
        f.write(buffer.getvalue())
    os.replace(temporary, path)
    return path


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "RMBENCH_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
    if not os.path.isdir(shared):
        fail(f"shared data folder not found: {shared}")
    names = Names()

    prm, prm_skipped = rewardbench_math_prm(shared, names)
    math_rows, math_skipped = rewardmath(shared, names)
    judge = judgebench(shared, names)

    for file_name, metric, rows in (("rewardbench-math-prm.csv", "rewardbench_math_prm", prm),
                                    ("rewardmath.csv", "rewardmath", math_rows),
                                    ("judgebench.csv", "judgebench", judge)):
        path = write_csv(file_name, metric, rows)
        print(f"wrote {os.path.relpath(path, ROOT)}")
        for name, value, detail in sorted(rows, key=lambda r: (r[0].lower(), r[0])):
            print(f"  {name:40s} {value:>6s}  ({detail})")
    print(f"skipped (process reward models) in results/Rewardbench: {', '.join(prm_skipped)}")
    print(f"skipped (GPT-4o judges) in results/RewardMATH: {', '.join(math_skipped)}")
    print("identities:")
    for file_name, source, out, hf_id, evidence in names.decisions:
        print(f"  {file_name}: {source} → {out}" + (f" [{hf_id}]" if hf_id else "") + f" — {evidence}")


if __name__ == "__main__":
    main()
