"""The files around the code that contributors meet: workflows, issue forms, hooks, editor settings,
CONTRIBUTING.md and the "Edit this term" link. Each is checked against the real thing it must
agree with (GitHub's published schemas, the Makefile, the loader's codes, a real build).
"""

from __future__ import annotations

import ast
import json
import re
import shlex
from importlib.resources import files
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from ruamel.yaml import YAML

from projects import BASIC_TERMS
from termbook.glossary.rendered import check_terms

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


def load_yaml(path: Path):
    """YAML 1.2, as GitHub and pre-commit read it (`on:` is a key, not `true`)."""
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def github_schema(name: str) -> Draft7Validator:
    """A schema GitHub's files are published against, as check-jsonschema ships it."""
    vendor = files("check_jsonschema.builtin_schemas.vendor")
    return Draft7Validator(json.loads((vendor / f"{name}.json").read_text(encoding="utf-8")))


def make_recipes() -> dict[str, list[str]]:
    """Each Makefile target's commands, with `$(BIN)/` dropped: what a shell would run in .venv."""
    recipes: dict[str, list[str]] = {}
    target = None
    for line in (REPO / "Makefile").read_text(encoding="utf-8").splitlines():
        header = re.match(r"^([\w.$()/-]+):(?!=)", line)
        if header:
            target = header.group(1)
            recipes[target] = []
        elif line.startswith("\t") and target:
            recipes[target].append(line.strip().replace("$(BIN)/", ""))
    return recipes


def run_commands(workflow: dict) -> list[str]:
    return [
        command.strip().replace(".venv/bin/", "")  # the workflow puts .venv/bin on PATH
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        for command in step.get("run", "").splitlines()
        if command.strip()
    ]


def runs(commands: list[str], make_command: str) -> bool:
    """A workflow runs a Makefile command: same program and arguments, extra flags allowed."""
    wanted = shlex.split(make_command)
    return any(
        shlex.split(c)[: len(wanted[:2])] == wanted[:2] and set(wanted) <= set(shlex.split(c))
        for c in commands
    )


# -- GitHub files ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_are_valid(path: Path) -> None:
    errors = [e.message for e in github_schema("github-workflows").iter_errors(load_yaml(path))]
    assert errors == []


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_forms_are_valid(path: Path) -> None:
    form = load_yaml(path)
    assert [e.message for e in github_schema("github-issue-forms").iter_errors(form)] == []
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))


def test_issue_config_is_valid() -> None:
    config = load_yaml(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert [e.message for e in github_schema("github-issue-config").iter_errors(config)] == []


def test_the_schemas_refuse_a_broken_file() -> None:
    assert not github_schema("github-workflows").is_valid({"name": "x", "jobs": {"a": {}}})
    assert not github_schema("github-issue-forms").is_valid({"name": "x", "body": []})


def test_there_are_forms_for_new_and_corrected_terms() -> None:
    assert {p.name for p in ISSUE_FORMS} == {"new-term.yml", "correct-a-term.yml"}


def test_new_term_form_offers_exactly_the_glossary_categories() -> None:
    form = load_yaml(GITHUB / "ISSUE_TEMPLATE" / "new-term.yml")
    [dropdown] = [item for item in form["body"] if item.get("id") == "categories"]
    categories = load_yaml(REPO / "terms" / "_categories.yaml")
    assert dropdown["attributes"]["options"] == list(categories)


def test_pull_request_workflow_runs_what_the_makefile_runs() -> None:
    workflow = load_yaml(GITHUB / "workflows" / "pr.yml")
    assert list(workflow["on"]) == ["pull_request"]
    commands = run_commands(workflow)
    recipes = make_recipes()
    [install] = [c for c in recipes["$(TEST_STAMP)"] if "pip install" in c and "-e" in c]
    assert runs(commands, install.replace("--quiet ", ""))
    for target in ("check", "site"):
        [command] = recipes[target]
        assert runs(commands, command), f"the workflow does not run `make {target}`'s {command}"
    assert runs(commands, "termbook check --strict --format github")
    assert runs(commands, "termbook fmt --check")
    assert commands[-1] == "make test"


def test_ci_script_and_pull_requests_run_the_same_tests() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "make test" in script
    assert run_commands(load_yaml(GITHUB / "workflows" / "pr.yml"))[-1] == "make test"


def test_deploy_workflow_publishes_the_make_site_output_to_pages() -> None:
    workflow = load_yaml(GITHUB / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert "make site" in run_commands(workflow)
    [site_command] = make_recipes()["site"]
    site_dir = shlex.split(site_command)[shlex.split(site_command).index("--site-dir") + 1]
    uses = {
        step.get("uses", "").split("@")[0]: step
        for job in workflow["jobs"].values()
        for step in job["steps"]
    }
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == site_dir
    assert "actions/deploy-pages" in uses


def test_pull_request_template_asks_for_the_checks_the_workflow_runs() -> None:
    template = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "`termbook check --strict`" in template
    assert "`termbook fmt --check`" in template
    assert "CONTRIBUTING.md" in template


# -- pre-commit and editors --------------------------------------------------------------------


def test_pre_commit_hooks_for_other_repositories() -> None:
    hooks = {hook["id"]: hook for hook in load_yaml(REPO / ".pre-commit-hooks.yaml")}
    assert set(hooks) == {"termbook-check", "termbook-fmt"}
    [check_command] = make_recipes()["check"]
    assert hooks["termbook-check"]["entry"] == check_command
    assert hooks["termbook-check"]["pass_filenames"] is False
    assert hooks["termbook-fmt"]["entry"] == "termbook fmt"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert re.search(hook["files"], "terms/racking-focus.yaml")
        assert re.search(hook["files"], "terms/racking-focus.yml")
        assert not re.search(hook["files"], "docs/index.md")


def test_pre_commit_config_runs_the_same_commands_from_the_venv() -> None:
    config = load_yaml(REPO / ".pre-commit-config.yaml")
    [local] = config["repos"]
    assert local["repo"] == "local"
    entries = {hook["id"]: hook["entry"] for hook in local["hooks"]}
    shared = {hook["id"]: hook["entry"] for hook in load_yaml(REPO / ".pre-commit-hooks.yaml")}
    for hook_id, entry in shared.items():
        assert entries[hook_id] == ".venv/bin/" + entry
    recipes = make_recipes()["lint"]
    assert entries["ruff-check"] + " ." in [".venv/bin/" + c for c in recipes]
    assert entries["ruff-format"] + " ." in [".venv/bin/" + c for c in recipes]


def test_editors_get_the_schema_for_term_files_only() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    [(schema, patterns)] = settings["yaml.schemas"].items()
    assert (REPO / schema).resolve() == (REPO / "schemas" / "term.schema.json")
    assert "terms/*.yaml" in patterns and "!terms/_*.yaml" in patterns
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


# -- CONTRIBUTING.md -----------------------------------------------------------------------------

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
_EMITTERS = {"error", "warning", "hint", "fail", "Problem", "_Refused", "Skipped", "Finding"}


def emitted_codes() -> set[str]:
    """Every problem code the package can report: the last argument of each problem-making call."""
    codes = set()
    for path in (REPO / "plugins" / "termbook").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            last = node.args[-1]
            is_text = isinstance(last, ast.Constant) and isinstance(last.value, str)
            if name in _EMITTERS and is_text and re.fullmatch(r"[a-z]+(-[a-z]+)*", last.value):
                codes.add(last.value)
        codes |= set(re.findall(r"warning: .*\[([a-z]+(?:-[a-z]+)+)\]", source))
    return codes


def documented_codes() -> set[str]:
    rows = [line.split("|") for line in CONTRIBUTING.splitlines() if line.startswith("| `")]
    severities = ("error", "warning", "hint")
    return {
        code
        for row in rows
        if row[2].strip() in severities
        for code in re.findall(r"`([a-z-]+)`", row[1])
    }


def test_every_problem_code_is_explained_in_contributing() -> None:
    emitted = emitted_codes()
    assert {"unknown-key", "near-duplicate", "placeholder", "unresolved-link"} <= emitted
    missing = emitted - documented_codes()
    assert not missing, f"add these codes to the table in CONTRIBUTING.md: {sorted(missing)}"


def test_every_documented_code_exists() -> None:
    assert documented_codes() - emitted_codes() == set()


def test_contributing_links_point_at_files_that_exist() -> None:
    for target in re.findall(r"\]\(((?!https?:|#|\.\./)[^)]+)\)", CONTRIBUTING):
        assert (REPO / target).exists(), target
    assert "(plugins/termbook/schemas/term.schema.json)" in CONTRIBUTING


def test_the_browser_example_is_a_valid_entry_of_the_real_glossary(tmp_path: Path) -> None:
    block = re.search(r"```yaml\n(.*?)```", CONTRIBUTING, re.DOTALL).group(1)
    example = "\n".join(line.removeprefix("   ") for line in block.splitlines()) + "\n"
    terms = tmp_path / "terms"
    terms.mkdir()
    for path in (REPO / "terms").glob("*.yaml"):
        (terms / path.name).write_bytes(path.read_bytes())
    (terms / "whip-pan.yaml").write_text(example, encoding="utf-8")
    checked = check_terms(terms, tmp_path, dates=False, docs_dir=REPO / "docs")
    assert [p.format() for p in checked.problems] == []
    assert "whip-pan" in checked.glossary.terms


def test_the_walkthrough_term_is_not_in_the_glossary_yet() -> None:
    checked = check_terms(REPO / "terms", REPO, dates=False)
    for doc in (CONTRIBUTING, (REPO / "README.md").read_text(encoding="utf-8")):
        for name in re.findall(r'termbook new "([^"]+)"', doc):
            assert checked.glossary.lookup(name) is None, f"{name} exists: pick another example"


# -- "Edit this term" ------------------------------------------------------------------------------


def edit_link(site: Path, slug: str) -> str:
    html = (site / "terms" / slug / "index.html").read_text(encoding="utf-8")
    return re.search(r'<a href="([^"]+)"[^>]*>Edit this term</a>', html).group(1)


@pytest.mark.parametrize(
    ("extra", "plugin", "expected"),
    [
        (
            {"repo_url": "https://github.com/OWNER/REPO", "edit_uri": "edit/main/docs/"},
            None,
            "https://github.com/OWNER/REPO/edit/main/terms/racking-focus.yaml",
        ),
        (
            {"repo_url": "https://github.com/OWNER/REPO/"},
            None,
            "https://github.com/OWNER/REPO/edit/master/terms/racking-focus.yaml",
        ),
        (
            {"repo_url": "https://gitlab.example/team/glossary"},
            {"edit_uri_terms": "-/edit/main/glossary/terms/"},
            "https://gitlab.example/team/glossary/-/edit/main/glossary/terms/racking-focus.yaml",
        ),
    ],
    ids=["edit-uri-for-docs", "github-default", "explicit-option"],
)
def test_edit_this_term_opens_the_term_file_in_the_repository_editor(
    build_site, extra, plugin, expected
) -> None:
    site = build_site(BASIC_TERMS, extra=extra, plugin=plugin)
    assert edit_link(site, "racking-focus") == expected


def test_no_edit_link_without_a_repository(build_site) -> None:
    site = build_site(BASIC_TERMS)
    html = (site / "terms" / "racking-focus" / "index.html").read_text(encoding="utf-8")
    assert "Edit this term" not in html


# -- the pull request's summary comment (termbook diff) --------------------------------------


def _step(workflow: dict, job: str, name_start: str) -> dict:
    return next(
        s for s in workflow["jobs"][job]["steps"] if s.get("name", "").startswith(name_start)
    )


def test_pull_request_workflow_summarises_the_change_with_termbook_diff(tmp_path, monkeypatch):
    """The summary job's diff step, run as the workflow runs it, on a real repository."""
    import os
    import subprocess
    import sys

    from projects import SAILS_CATEGORIES, SAILS_TERMS, commit_all, git, write_project

    workflow = load_yaml(GITHUB / "workflows" / "pr.yml")
    step = _step(workflow, "summary", "Compare the glossary")
    assert step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    checkout = workflow["jobs"]["summary"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    write_project(root, SAILS_TERMS, categories=SAILS_CATEGORIES)
    base = commit_all(root, "base")
    (root / "terms" / "jib.yaml").unlink()
    commit_all(root, "no jib")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "termbook").write_text(f'#!/bin/sh\nexec {sys.executable} -m termbook "$@"\n')
    (bin_dir / "termbook").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "BASE_SHA": base,
        "GITHUB_STEP_SUMMARY": str(tmp_path / "step-summary.md"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=root, env=env, check=True, timeout=120)
    assert json.loads((root / "summary" / "diff.json").read_text())["removed"][0]["slug"] == "jib"
    markdown = (root / "summary" / "diff.md").read_text()
    assert "#### Removed" in markdown and "- Jib (`terms/jib.yaml`)" in markdown
    assert (tmp_path / "step-summary.md").read_text() == markdown
    uploads = [
        s for s in workflow["jobs"]["summary"]["steps"] if "upload-artifact" in s.get("uses", "")
    ]
    assert {u["with"]["name"]: u["with"]["path"] for u in uploads} == {
        "site": "site",
        "termbook-diff": "summary",
    }


def test_summary_comment_is_posted_once_and_updated_by_its_marker():
    """pr-comment.yml runs after "Pull request" in the base repository (a fork's run has a
    read-only token), reads the summary as text and edits its one comment."""
    import shutil
    import subprocess

    comment = load_yaml(GITHUB / "workflows" / "pr-comment.yml")
    pr = load_yaml(GITHUB / "workflows" / "pr.yml")
    assert comment["on"]["workflow_run"]["workflows"] == [pr["name"]]
    assert comment["permissions"] == {"actions": "read", "pull-requests": "write"}
    steps = comment["jobs"]["comment"]["steps"]
    assert not any("checkout" in s.get("uses", "") for s in steps), "never run the PR's code here"
    assert steps[0]["with"]["name"] == "termbook-diff"
    script = steps[1]["with"]["script"]
    assert 'const MARKER = "<!-- termbook-diff -->"' in script
    assert "updateComment" in script and "createComment" in script
    assert "c.body.startsWith(MARKER)" in script
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    wrapped = f"(async function (github, context, core) {{\n{script}\n}});\n"
    checked = subprocess.run([node, "--check", "-"], input=wrapped, text=True, capture_output=True)
    assert checked.returncode == 0, checked.stderr
