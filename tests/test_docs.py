"""The documentation shipped with the project stays true to the contract."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT.parent / "shared" / "spec" / "FORMATS.md"


def test_docs_formats_carries_the_spec_verbatim() -> None:
    if not SPEC.is_file():
        pytest.skip(f"the maintainers' spec is not at {SPEC}")
    spec_body = SPEC.read_text(encoding="utf-8").split("\n", 1)[1]
    assert spec_body in (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")


def test_every_doc_the_readme_links_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in (
        "docs/formats.md",
        "docs/matching.md",
        "docs/geography.md",
        "docs/interop.md",
        "docs/analysts.md",
        "CONTRIBUTING.md",
        "assets/README.md",
        "CHANGELOG.md",
    ):
        assert (ROOT / name).is_file(), name
        if name != "CHANGELOG.md":
            assert f"({name})" in readme, f"README does not link {name}"
