"""The contributor tooling around the catalogue: CI workflow, issue form, pull request
template, pre-commit hooks, editor settings, the schema's hover help and CONTRIBUTING.md.

The YAML files are read with socialrx's own YAML 1.2 reader (so ``on:`` stays a key, as
GitHub reads it), and every ``socialrx`` command they run is parsed by the real
command-line parser, so a renamed option fails here rather than in CI.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from socialrx.cli import _parser, main
from socialrx.model import json_schema
from socialrx.quality import CHECKS
from socialrx.vocabulary import NEEDS
from socialrx.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "catalogue.yml"
ISSUE_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-an-asset.yml"
PR_TEMPLATE = ROOT / ".github" / "pull_request_template.md"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
VSCODE = ROOT / ".vscode" / "settings.json"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def _parses(argv: list[str]) -> None:
    """The socialrx command line accepts ``argv`` (argparse exits on anything unknown)."""
    try:
        _parser().parse_args(argv)
    except SystemExit as exc:  # pragma: no cover - only on failure
        pytest.fail(f"socialrx {' '.join(argv)} is not a valid command ({exc})")


def _socialrx_commands(run: str) -> list[list[str]]:
    commands = []
    for line in run.splitlines():
        words = shlex.split(line, comments=True)
        if words and words[0] == "socialrx":
            commands.append(words[1:])
    return commands


# ------------------------------------------------------------------ workflow


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    data = read_yaml(WORKFLOW).data
    assert isinstance(data, dict)
    return data


def test_workflow_runs_on_pull_requests_that_touch_the_catalogue(
    workflow: dict[str, Any],
) -> None:
    assert "assets/**" in workflow["on"]["pull_request"]["paths"]
    assert workflow["permissions"] == {"contents": "read"}


def test_workflow_validates_then_checks_with_annotations(workflow: dict[str, Any]) -> None:
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python"]
    runs = [s for s in steps if "run" in s]
    assert any("pip install" in s["run"] for s in runs)
    commands = [c for s in runs for c in _socialrx_commands(s["run"])]
    assert commands == [
        ["validate", "assets", "--format", "github"],
        ["check", "assets", "--format", "github"],
    ]
    for argv in commands:
        _parses(argv)
    (check_step,) = [s for s in runs if s["run"].startswith("socialrx check")]
    assert check_step["if"] == "success() || failure()"  # runs even after invalid files


def test_the_workflow_commands_pass_on_the_example_catalogue(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    assert main(["validate", "assets", "--format", "github"]) == 0
    assert main(["check", "assets", "--format", "github", "--today", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "::error" not in out
    assert "| SRX10" in (tmp_path / "summary.md").read_text()


# ------------------------------------------------------------------ issue form

_FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.fixture(scope="module")
def issue_form() -> dict[str, Any]:
    data = read_yaml(ISSUE_FORM).data
    assert isinstance(data, dict)
    return data


def test_issue_form_follows_githubs_issue_form_shape(issue_form: dict[str, Any]) -> None:
    assert {"name", "description", "body"} <= set(issue_form)
    ids = []
    for item in issue_form["body"]:
        assert item["type"] in _FORM_TYPES
        attributes = item["attributes"]
        if item["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        ids.append(item["id"])
        assert re.fullmatch(r"[a-z0-9-]+", item["id"])
        if item["type"] != "checkboxes":
            assert attributes["label"].strip()
        if item["type"] in ("dropdown", "checkboxes"):
            assert attributes["options"]
    assert len(ids) == len(set(ids)), "ids must be unique"


def test_issue_form_asks_what_a_maintainer_needs(issue_form: dict[str, Any]) -> None:
    by_id = {item.get("id"): item for item in issue_form["body"]}
    for needed in ("name", "summary", "needs", "delivery", "where", "contact", "privacy"):
        assert needed in by_id
    assert by_id["name"]["validations"]["required"] is True
    # The needs question offers exactly the vocabulary, in words a volunteer knows.
    assert by_id["needs"]["attributes"]["options"] == [n.label for n in NEEDS.values()]
    assert by_id["needs"]["attributes"]["multiple"] is True
    (privacy,) = by_id["privacy"]["attributes"]["options"]
    assert privacy["required"] is True and "public" in privacy["label"]


# ------------------------------------------------------------------ pre-commit hooks


def test_pre_commit_hooks_name_real_commands() -> None:
    hooks = read_yaml(HOOKS).data
    assert isinstance(hooks, list)
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"socialrx-validate", "socialrx-check", "socialrx-require-verified"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"
        re.compile(hook["files"])
        entry = shlex.split(hook["entry"])
        assert entry[0] == "socialrx"
        # pre-commit runs: entry + args + (changed file names, unless pass_filenames is false)
        files = [] if hook.get("pass_filenames") is False else ["assets/a/walk.yaml"]
        _parses([*entry[1:], *hook.get("args", []), *files])
    assert re.search(by_id["socialrx-validate"]["files"], "assets/lytham-st-annes/walk.yaml")
    assert not re.search(by_id["socialrx-validate"]["files"], ".github/workflows/ci.yml")


def test_validate_accepts_the_file_names_pre_commit_passes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "assets").rglob("*.yaml"))[:5]
    assert main(["validate", *files]) == 0
    assert "All 5 assets" in capsys.readouterr().out


# ------------------------------------------------------------------ pull request template


def test_pull_request_template_has_a_short_checklist() -> None:
    text = PR_TEMPLATE.read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, flags=re.MULTILINE)
    assert 3 <= len(boxes) <= 7
    joined = " ".join(boxes)
    for topic in ("last_verified", "public", "status_note"):
        assert topic in joined


# ------------------------------------------------------------------ editor support


def test_vscode_maps_the_schema_onto_asset_files() -> None:
    settings = json.loads(VSCODE.read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert schemas["./schema/asset.schema.json"] == ["assets/**/*.yaml"]
    for schema in schemas:
        assert (ROOT / schema).is_file()


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [
        (f"{schema.get('title', '')}.{name}", prop)
        for name, prop in schema.get("properties", {}).items()
    ]
    for name, sub in schema.get("$defs", {}).items():
        found += [(f"{name}.{key}", prop) for key, prop in sub.get("properties", {}).items()]
    return found


@pytest.mark.parametrize("kind", ["asset", "person"])
def test_every_field_has_hover_help_and_an_example(kind: str) -> None:
    committed = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(kind)  # type: ignore[arg-type]
    fields = _properties(committed)
    assert len(fields) > 10
    for where, prop in fields:
        assert prop.get("description", "").strip(), f"{where} has no description"
        assert prop.get("examples"), f"{where} has no examples"


def test_example_assets_point_their_modeline_at_the_schema() -> None:
    for file in (ROOT / "assets").rglob("*.yaml"):
        first = read_yaml(file).first_line
        target = first.split("$schema=", 1)[1]
        assert (file.parent / target).resolve() == (ROOT / "schema" / "asset.schema.json")


# ------------------------------------------------------------------ CONTRIBUTING.md


def test_contributing_explains_every_check_code() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    for check in CHECKS.values():
        row = f"| `{check.code}` | `{check.name}` | {check.severity} |"
        assert row in text, f"{check.code} is not in the CONTRIBUTING.md table"


def test_contributing_covers_what_a_volunteer_needs() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    steps = re.findall(r"^(\d)\. \*\*", text, flags=re.MULTILINE)
    assert steps[:5] == ["1", "2", "3", "4", "5"]
    for phrase in (
        "temporarily-closed",
        "status_note",
        "inactive",
        "defunct",
        "Public contact details only",
        "pip install -e '.[dev]'",
        "python -m pytest",
        "ruff",
        "mypy",
    ):
        assert phrase in text
