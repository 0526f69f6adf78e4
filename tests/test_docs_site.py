"""The documentation site (mkdocs.yml, scripts/mkdocs_hooks.py) builds and stays complete.

The full ``mkdocs build --strict`` is in the slow set; the checks on the generated pages
and on link rewriting are quick. Everything skips when the ``docs`` extra is absent.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialrx
from socialrx.cli import _parser
from socialrx.yamlio import parse_yaml, read_yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "mkdocs.yml"
HOOKS = ROOT / "scripts" / "mkdocs_hooks.py"
REPO = "https://example.org/socialrx"


@pytest.fixture(scope="module")
def hooks() -> ModuleType:
    pytest.importorskip("mkdocs", reason="the docs extra is not installed")
    spec = importlib.util.spec_from_file_location("socialrx_mkdocs_hooks", HOOKS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _nav_pages(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def test_the_config_fails_on_broken_links_and_lists_every_page(hooks: ModuleType) -> None:
    config = read_yaml(CONFIG).data
    assert config["strict"] is True
    assert set(config["validation"].values()) == {"warn"}  # every warning fails --strict
    pages = _nav_pages(config["nav"])
    for page in pages:
        generated = page in hooks.ROOT_PAGES.values() or page in hooks.GENERATED
        assert generated or (ROOT / "docs" / page).is_file(), page
    for tutorial in ("developer", "analyst", "volunteer"):
        assert f"tutorials/{tutorial}.md" in pages
    for source in hooks.ROOT_PAGES:
        assert (ROOT / source).is_file(), source


def test_a_guide_missing_from_the_nav_is_added_under_guides(
    hooks: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "tutorials").mkdir()
    for page in ("formats.md", "serve.md", "tutorials/developer.md"):
        (tmp_path / page).write_text("# A page\n", encoding="utf-8")
    nav: list[object] = [
        {"Tutorials": [{"Embed": "tutorials/developer.md"}]},
        {"Guides": ["formats.md"]},
    ]
    hooks.add_unlisted_guides(nav, tmp_path)
    assert nav[1] == {"Guides": ["formats.md", "serve.md"]}


def test_the_cli_reference_has_every_command_with_its_options(hooks: ModuleType) -> None:
    page = hooks.cli_reference()
    commands = hooks._commands(_parser())
    assert len(commands) >= 10
    for name, _, sub in commands:
        assert f"## socialrx {name}\n" in page
        for action in sub._actions:
            for flag in action.option_strings:
                assert flag in page, (name, flag)
    assert "socialrx match" in page and "--person" in page


def test_the_api_reference_documents_every_public_name_by_its_public_path(
    hooks: ModuleType,
) -> None:
    page = hooks.api_reference()
    documented = re.findall(r"^::: socialrx\.(\w+)$", page, re.M)
    assert sorted(documented) == sorted(n for n in socialrx.__all__ if n != "__version__")
    assert "::: socialrx.CatalogueError" in page.split("## Errors")[1]
    assert "::: socialrx.match\n" in page.split("## Functions")[1].split("## Classes")[0]


@pytest.mark.parametrize(
    ("target", "source", "page", "expected"),
    [
        # README.md becomes the home page; its links to docs/ point at the pages.
        ("docs/formats.md", "README.md", "index.md", "formats.md"),
        (
            "docs/formats.md#2-person-profile",
            "README.md",
            "index.md",
            "formats.md#2-person-profile",
        ),
        ("CONTRIBUTING.md", "README.md", "index.md", "contributing.md"),
        ("assets/README.md", "README.md", "index.md", "example-catalogue.md"),
        # A page in a sub-folder links back up.
        ("../formats.md", "docs/tutorials/developer.md", "tutorials/developer.md", "../formats.md"),
        (
            "../../CHANGELOG.md",
            "docs/tutorials/analyst.md",
            "tutorials/analyst.md",
            "../changelog.md",
        ),
        # Files the site does not publish are linked on the repository.
        ("schema/", "README.md", "index.md", f"{REPO}/blob/main/schema/"),
        (
            "../src/socialrx/data/policy.yaml",
            "docs/matching.md",
            "matching.md",
            f"{REPO}/blob/main/src/socialrx/data/policy.yaml",
        ),
        # A forge-relative link, as GitHub resolves it.
        (
            "../../issues/new?template=suggest-an-asset.yml",
            "CONTRIBUTING.md",
            "contributing.md",
            f"{REPO}/issues/new?template=suggest-an-asset.yml",
        ),
        # A broken link is left alone, so that the strict build reports it.
        ("docs/no-such-page.md", "README.md", "index.md", "docs/no-such-page.md"),
    ],
)
def test_repository_links_are_rewritten_for_the_site(
    hooks: ModuleType, target: str, source: str, page: str, expected: str
) -> None:
    assert hooks.rewrite_link(target, source, page, REPO) == expected


@pytest.mark.slow
@given(
    target=st.one_of(
        st.from_regex(r"\A(https?|mailto):[^\s()]{0,30}\Z"),
        st.from_regex(r"\A#[a-z0-9-]{0,20}\Z"),
    )
)
def test_absolute_links_and_anchors_are_never_changed(hooks: ModuleType, target: str) -> None:
    assert hooks.rewrite_link(target, "README.md", "index.md", REPO) == target


def test_links_inside_code_blocks_are_left_as_written(hooks: ModuleType) -> None:
    text = "See [formats](docs/formats.md).\n\n```markdown\n[formats](docs/formats.md)\n```\n"
    out = hooks.rewrite_links(text, "README.md", "index.md", REPO)
    assert out == text.replace("(docs/formats.md).", "(formats.md).")


@pytest.mark.slow
def test_mkdocs_build_strict_succeeds(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="the docs extra is not installed")
    pytest.importorskip("material", reason="mkdocs-material is not installed")
    pytest.importorskip("mkdocstrings_handlers.python", reason="mkdocstrings-python is absent")
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    api = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    assert "socialrx.load_catalogue" in api and "socialrx.MatchResult" in api
    assert "Every asset as a flat dict" in api  # a method's docstring, rendered
    cli = (site / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    assert "socialrx match" in cli
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="formats/"' in home  # README's docs/formats.md, rewritten
    for page in ("changelog", "contributing", "security", "code-of-conduct"):
        assert (site / page / "index.html").is_file(), page
    for tutorial in ("developer", "analyst", "volunteer"):
        assert (site / "tutorials" / tutorial / "index.html").is_file(), tutorial


def test_the_developer_tutorial_runs_as_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    page = (ROOT / "docs" / "tutorials" / "developer.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, re.S)
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "docs/tutorials/developer.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "38 assets" in out
    assert "1 Phone Friends" in out
    assert "Only in person; you are shielding" in out
    assert "422 referral form:1:1: age:" in out
    assert "would be included if" in out


def test_the_analyst_tutorial_runs_as_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pandas", reason="pandas is not installed")
    monkeypatch.chdir(ROOT)
    page = (ROOT / "docs" / "tutorials" / "analyst.md").read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    for block in re.findall(r"```python\n(.*?)```", page, re.S):
        exec(compile(block, "docs/tutorials/analyst.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "38 assets;" in out
    assert "row 4 (id P0003), column needs:" in out
    assert "did you mean 'loneliness'?" in out
    assert "lonley" not in out and "three" not in out  # a person's values are never echoed
    assert "P0003" not in out.split("person")[-1]  # the row with problems is not matched
    assert "<GapReport FY8:" in out


def test_the_volunteer_tutorial_file_has_the_two_mistakes_the_screenshot_shows() -> None:
    page = (ROOT / "docs" / "tutorials" / "volunteer.md").read_text(encoding="utf-8")
    (draft,) = re.findall(r"```yaml\n(.*?)```", page, re.S)
    for img in re.findall(r"\]\((img/[^)]+)\)", page):
        assert (ROOT / "docs" / "tutorials" / img).is_file(), img
    with pytest.raises(socialrx.CatalogueErrors) as caught:
        socialrx.validate_asset(parse_yaml(draft).data, source="ansdell-ukulele-club.yaml")
    message = str(caught.value)
    assert "did you mean 'in-person'?" in message
    assert "did you mean 'schedule'?" in message
    fixed = draft.replace("[in person]", "[in-person]").replace("shedule:", "schedule:")
    asset = socialrx.validate_asset(parse_yaml(fixed).data, source="ansdell-ukulele-club.yaml")
    assert asset.name == "Ansdell Ukulele Club"
