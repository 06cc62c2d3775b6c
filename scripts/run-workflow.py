#!/usr/bin/env python3
"""Runs a GitHub Actions workflow's `run:` steps here, offline, as a runner would.

    run-workflow.py WORKFLOW.yml --workspace DIR [--event EVENT.json] [--event-name NAME]
                    [--report REPORT.json]
    run-workflow.py --lint WORKFLOW.yml...

Every job's steps run in order in DIR with GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and
GITHUB_STEP_SUMMARY set; `uses:` steps are skipped (actions need the network); `if:`
conditions, `env:` and `${{ }}` expressions are evaluated for the subset the workflows use
(steps.ID.outputs.KEY / .outcome, github.event.*, env.*, success(), failure(), always(), ==,
!=, &&, ||, !). The report holds each step's outcome; the exit status is 1 when a job failed.

--lint checks that the files are valid YAML workflows whose every `uses:` is pinned to a
version (a 40-digit commit, or a tag vN.N.N), and exits 1 naming each one that is not.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

PINNED = re.compile(r"^[\w.-]+/[\w./-]+@([0-9a-f]{40}|v\d+\.\d+\.\d+)$")


def load(path):
    with open(path, encoding="utf-8") as handle:
        workflow = yaml.safe_load(handle)
    if not isinstance(workflow, dict) or "jobs" not in workflow:
        raise SystemExit(f"{path}: not a workflow (no jobs)")
    # YAML 1.1 reads the key `on` as true.
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def lint(paths):
    problems = []
    for path in paths:
        try:
            workflow = load(path)
        except yaml.YAMLError as error:
            problems.append(f"{path}: not valid YAML: {error}")
            continue
        if "on" not in workflow:
            problems.append(f"{path}: no `on:` trigger")
        for job_name, job in workflow["jobs"].items():
            for step in job.get("steps", []):
                uses = step.get("uses")
                if uses is not None and not PINNED.match(uses):
                    problems.append(f"{path}: job {job_name}: `uses: {uses}` is not pinned to a commit or vN.N.N tag")
                if uses is None and "run" not in step:
                    problems.append(f"{path}: job {job_name}: a step with neither run nor uses")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"linted {len(paths)} workflow(s): {len(problems)} problem(s)")
    return 1 if problems else 0


class Context:
    def __init__(self, event, event_name, env):
        self.event = event
        self.event_name = event_name
        self.env = env
        self.steps = {}
        self.job_failed = False

    def lookup(self, path):
        parts = path.split(".")
        if parts[0] == "steps" and len(parts) >= 3:
            step = self.steps.get(parts[1], {"outputs": {}, "outcome": ""})
            if parts[2] == "outputs" and len(parts) == 4:
                return step["outputs"].get(parts[3], "")
            if parts[2] in ("outcome", "conclusion"):
                return step["outcome"]
        if parts[0] == "github":
            if parts[1:] == ["event_name"]:
                return self.event_name
            value = self.event
            if parts[1] != "event":
                return ""
            for part in parts[2:]:
                value = value.get(part, "") if isinstance(value, dict) else ""
            return value
        if parts[0] == "env" and len(parts) == 2:
            return self.env.get(parts[1], "")
        if parts[0] == "secrets":
            return ""
        raise SystemExit(f"unsupported expression context: {path}")


TOKEN = re.compile(r"\s*(?:(\|\||&&|==|!=|!|\(|\))|'((?:[^']|'')*)'|([A-Za-z_][\w.-]*\(\))|([A-Za-z_][\w.-]*)|(\d+))")


def evaluate(expression, context):
    tokens = []
    position = 0
    expression = expression.strip()
    while position < len(expression):
        match = TOKEN.match(expression, position)
        if not match:
            raise SystemExit(f"unsupported expression: {expression}")
        operator, string, call, name, number = match.groups()
        if operator:
            tokens.append(("op", operator))
        elif string is not None:
            tokens.append(("value", string.replace("''", "'")))
        elif call:
            functions = {"success()": not context.job_failed, "failure()": context.job_failed,
                         "always()": True, "cancelled()": False}
            if call not in functions:
                raise SystemExit(f"unsupported function: {call}")
            tokens.append(("value", functions[call]))
        elif name:
            tokens.append(("value", {"true": True, "false": False, "null": None}.get(name, None) if name in ("true", "false", "null") else context.lookup(name)))
        else:
            tokens.append(("value", number))
        position = match.end()

    def parse_or(index):
        value, index = parse_and(index)
        while index < len(tokens) and tokens[index] == ("op", "||"):
            right, index = parse_and(index + 1)
            value = value or right
        return value, index

    def parse_and(index):
        value, index = parse_compare(index)
        while index < len(tokens) and tokens[index] == ("op", "&&"):
            right, index = parse_compare(index + 1)
            value = value and right
        return value, index

    def parse_compare(index):
        value, index = parse_unary(index)
        while index < len(tokens) and tokens[index] in (("op", "=="), ("op", "!=")):
            operator = tokens[index][1]
            right, index = parse_unary(index + 1)
            equal = str(value).lower() == str(right).lower()
            value = equal if operator == "==" else not equal
        return value, index

    def parse_unary(index):
        if tokens[index] == ("op", "!"):
            value, index = parse_unary(index + 1)
            return not value, index
        if tokens[index] == ("op", "("):
            value, index = parse_or(index + 1)
            return value, index + 1
        return tokens[index][1], index + 1

    value, index = parse_or(0)
    if index != len(tokens):
        raise SystemExit(f"unsupported expression: {expression}")
    return value


def substitute(text, context):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda match: str(evaluate(match.group(1), context)), str(text))


def condition(step, context):
    expression = str(step.get("if", "success()"))
    expression = expression[3:-2] if expression.startswith("${{") else expression
    # As on GitHub: a condition without a status function means success() && condition.
    if not re.search(r"\b(success|failure|always|cancelled)\(\)", expression):
        expression = f"success() && ({expression})"
    return bool(evaluate(expression, context))


def read_pairs(path):
    """KEY=VALUE lines and KEY<<DELIMITER blocks, as GITHUB_OUTPUT and GITHUB_ENV take them."""
    pairs = {}
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, index + 1)
            pairs[key] = "\n".join(lines[index + 1:end])
            index = end
        elif "=" in line:
            key, value = line.split("=", 1)
            pairs[key] = value
        index += 1
    return pairs


def run(path, workspace, event, event_name):
    workflow = load(path)
    workspace = os.path.abspath(workspace)
    temp = tempfile.mkdtemp(prefix="run-workflow-")
    report = {"workflow": path, "jobs": {}}
    any_failed = False
    default_shell = workflow.get("defaults", {}).get("run", {}).get("shell", "bash")
    for job_name, job in workflow["jobs"].items():
        env = {key: str(value) for key, value in (workflow.get("env") or {}).items()}
        context = Context(event, event_name, env)
        env.update({key: substitute(value, context) for key, value in (job.get("env") or {}).items()})
        summary = os.path.join(temp, f"{job_name}-summary.md")
        open(summary, "w").close()
        extra_path = []
        steps = []
        for number, step in enumerate(job.get("steps", [])):
            step_id = step.get("id", f"step{number}")
            name = step.get("name") or step.get("uses") or step.get("run", "").split("\n")[0]
            if "uses" in step:
                outcome = "skipped (uses)"
                context.steps[step_id] = {"outputs": {}, "outcome": "skipped"}
                steps.append({"name": name, "outcome": outcome})
                print(f"[{job_name}] {name}: {outcome}", file=sys.stderr)
                continue
            if not condition(step, context):
                context.steps[step_id] = {"outputs": {}, "outcome": "skipped"}
                steps.append({"name": name, "outcome": "skipped"})
                print(f"[{job_name}] {name}: skipped", file=sys.stderr)
                continue
            step_env = dict(env)
            step_env.update({key: substitute(value, context) for key, value in (step.get("env") or {}).items()})
            files = {kind: os.path.join(temp, f"{job_name}-{number}-{kind}") for kind in ("output", "env", "path")}
            for file in files.values():
                open(file, "w").close()
            process_env = dict(os.environ)
            process_env.update(step_env)
            process_env.update({"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": workspace,
                                "GITHUB_EVENT_NAME": event_name, "RUNNER_TEMP": temp,
                                "GITHUB_OUTPUT": files["output"], "GITHUB_ENV": files["env"],
                                "GITHUB_PATH": files["path"], "GITHUB_STEP_SUMMARY": summary,
                                "PATH": os.pathsep.join(extra_path + [os.environ.get("PATH", "")])})
            script = os.path.join(temp, f"{job_name}-{number}.sh")
            with open(script, "w", encoding="utf-8") as handle:
                handle.write(substitute(step["run"], context))
            shell = step.get("shell", default_shell)
            if shell != "bash":
                raise SystemExit(f"{path}: step {name}: unsupported shell {shell}")
            # GitHub's `shell: bash`.
            status = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                                     cwd=os.path.join(workspace, step.get("working-directory", ".")), env=process_env)
            outcome = "success" if status == 0 else "failure"
            if status != 0:
                context.job_failed = True
            context.steps[step_id] = {"outputs": read_pairs(files["output"]), "outcome": outcome}
            env.update(read_pairs(files["env"]))
            with open(files["path"], encoding="utf-8") as handle:
                extra_path = [line for line in handle.read().split("\n") if line][::-1] + extra_path
            steps.append({"name": name, "outcome": outcome, "status": status, "outputs": context.steps[step_id]["outputs"]})
            print(f"[{job_name}] {name}: {outcome}", file=sys.stderr)
        with open(summary, encoding="utf-8") as handle:
            report["jobs"][job_name] = {"failed": context.job_failed, "steps": steps, "summary": handle.read()}
        any_failed = any_failed or context.job_failed
    return report, any_failed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workflows", nargs="+")
    parser.add_argument("--lint", action="store_true")
    parser.add_argument("--workspace", default=".")
    parser.add_argument("--event", help="the event's JSON payload (github.event)")
    parser.add_argument("--event-name", default="push")
    parser.add_argument("--report", help="write each step's outcome here as JSON")
    arguments = parser.parse_args()
    if arguments.lint:
        return lint(arguments.workflows)
    if len(arguments.workflows) != 1:
        parser.error("run one workflow at a time")
    event = {}
    if arguments.event:
        with open(arguments.event, encoding="utf-8") as handle:
            event = json.load(handle)
    report, failed = run(arguments.workflows[0], arguments.workspace, event, arguments.event_name)
    if arguments.report:
        with open(arguments.report, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
