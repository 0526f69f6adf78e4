"""Views of results: text cards, the printable HTML page (also in Chromium), notebook table."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factories import make_asset
from socialrx.catalogue import Catalogue, load_person
from socialrx.cli import main
from socialrx.matching import match
from socialrx.model import Contact, Person
from socialrx.views.html import result_html, result_table_html
from socialrx.views.text import for_person, result_text

TODAY = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[1]
DOROTHY = ROOT / "examples" / "person-dorothy.yaml"


_asset = make_asset


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def test_text_cards_read_aloud(example_catalogue: Catalogue) -> None:
    result = match(load_person(DOROTHY), example_catalogue, limit=3, today=TODAY)
    text = result_text(result)
    assert text.startswith(f"{result.eligible} of {len(example_catalogue)} activities")
    assert "1. Tea and Company Bereavement Cafe" in text  # Dorothy is a widow
    assert "   How to join: " in text and "   When: " in text and "   Cost: Free" in text
    assert "vocabulary 1.00" not in text  # component scores are for the JSON and `why`
    assert "Left out (" in text and "x only in person" in text
    # The Zoom choir needs a tablet first, so it ranks below what she can join today.
    longer = result_text(match(load_person(DOROTHY), example_catalogue, limit=12, today=TODAY))
    assert "! Needs internet and a device" in longer


def test_html_page_is_self_contained_large_print_and_escaped() -> None:
    nasty = _asset(
        id="x",
        name="<script>alert(1)</script> Club",
        summary="Tea & <b>cake</b>",
        contact={"phone": "01632 960000"},
    )
    # The model refuses a javascript: address; the page must not trust that alone.
    unsafe = Contact.model_construct(website="javascript:alert(1)", phone="01632 960000")
    nasty = nasty.model_copy(update={"contact": unsafe})
    site = _asset(id="y", name="Y Club", contact={"website": "https://example.org/y"})
    result = match(Person(postcode="FY8 2NP"), Catalogue([nasty, site]), today=TODAY)
    page = result_html(result)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Club" in page
    assert "Tea &amp; &lt;b&gt;cake&lt;/b&gt;" in page
    parser = _Links()
    parser.feed(page)
    assert parser.scripts == 0
    assert parser.urls == ["https://example.org/y"]  # only the asset's own page
    assert "font-size: 20px" in page and "@media print" in page


def test_notebook_table_shows_hostile_text_as_text() -> None:
    nasty = _asset(id="x", name="<script>alert(1)</script>", summary="<img src=x onerror=1>")
    result = match(Person(postcode="FY8 2NP"), Catalogue([nasty]), today=TODAY)
    table = result_table_html(result)
    assert "<script" not in table
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table


def test_repr_html_and_json(example_catalogue: Catalogue) -> None:
    result = match(load_person(DOROTHY), example_catalogue, limit=3, today=TODAY)
    table = result_table_html(result)
    assert table.count("<tr>") == 4 and "Phone Friends" in table
    data = json.loads(result.to_json(excluded="summary"))
    assert data["excluded_summary"]["only in person"] >= 10
    assert [m["rank"] for m in data["matches"]] == [1, 2, 3]


def test_cli_match_text_json_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "match",
        "--catalogue",
        str(ROOT / "assets"),
        "--person",
        str(DOROTHY),
        "--today",
        "2026-11-22",
        "--limit",
        "3",
    ]
    assert main(args) == 0
    assert "1. Tea and Company Bereavement Cafe" in capsys.readouterr().out
    assert main([*args, "--format", "json", "--excluded", "summary"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == 1 and len(data["matches"]) == 3
    out = tmp_path / "page.html"
    assert main([*args, "--format", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (
        main(
            [
                "match",
                "--catalogue",
                str(ROOT / "assets"),
                "--postcode",
                "FY8 2NP",
                "--needs",
                "lonely",
                "--interests",
                "dancing",
                "--digital",
                "none",
                "--max-km",
                "3",
                "--accessibility",
                "step-free",
                "--today",
                "2026-11-22",
                "--limit",
                "2",
            ]
        )
        == 0
    )
    assert "2." in capsys.readouterr().out


def test_cli_why_and_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--catalogue", str(ROOT / "assets"), "--person", str(DOROTHY), "--today", "2026-11-22"]
    assert main(["why", "lowther-tea-dance", *base]) == 0
    out = capsys.readouterr().out
    assert "NO  delivery: Only in person; you are shielding" in out
    assert "NO  distance: 4.8 km away; limit 3 km" in out
    assert (
        "Would be included if the travel limit were 4.8 km and the person were no longer shielding"
    ) in out
    assert main(["why", "lowther-tea-dnce", *base]) == 2  # a usage problem (README)
    assert "did you mean 'lowther-tea-dance'?" in capsys.readouterr().err
    assert main(["match", "--catalogue", str(ROOT / "assets"), "--needs", "lonley"]) == 2
    assert "did you mean" in capsys.readouterr().err


@pytest.mark.browser
@pytest.mark.slow  # drives a real Chromium; CI runs the slow set separately
def test_html_page_in_headless_chromium(
    tmp_path: Path, example_catalogue: Catalogue, headless_chromium: list[str]
) -> None:
    result = match(load_person(DOROTHY), example_catalogue, limit=5, today=TODAY)
    page = tmp_path / "matches.html"
    page.write_text(result_html(result), encoding="utf-8")
    flags = headless_chromium
    png = tmp_path / "matches.png"
    subprocess.run(
        [*flags, f"--screenshot={png}", "--window-size=1200,1600", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    dom = subprocess.run(
        [*flags, "--dump-dom", page.as_uri()],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    for m in result.matches[:3]:
        assert m.name in dom.replace("&amp;", "&")


def test_the_persons_page_speaks_to_them(example_catalogue: Catalogue) -> None:
    result = match(load_person(DOROTHY), example_catalogue, limit=3, today=TODAY)
    page = result_html(result)
    assert "You like dancing, and that is what they offer" in page
    assert "vocabulary" not in page and "fuzzy" not in page


@pytest.mark.parametrize(
    ("detail", "said"),
    [
        (
            "'a bit of company' matches activity 'company'",
            "You like a bit of company, and that is what they offer",
        ),
        (
            "'Knitting' matches activity 'knitting'",
            "You like Knitting, and that is what they offer",
        ),
        (
            "'dancing' matches activity 'ballroom dancing'",
            "You like dancing: they do ballroom dancing",
        ),
        (
            "'knittin' (read as 'knitting') matches the wider activity 'crafts'",
            "You like knitting: they do crafts",
        ),
    ],
)
def test_a_reason_for_the_person_never_echoes_their_words_back(detail: str, said: str) -> None:
    assert for_person(detail) == said
    assert "they do company" not in for_person(detail)


def test_a_match_that_meets_nothing_asked_says_so_everywhere_rather_than_nothing() -> None:
    # The only other asset is a phone line that meets no need of someone who asked about
    # money: every view says why it is there, never an empty "Why:".
    advice = make_asset(id="advice", name="Money Advice", needs=["money"], delivery=["phone"])
    calls = make_asset(id="calls", name="Phone Friends", needs=["loneliness"], delivery=["phone"])
    person = Person(postcode="FY8 2NP", needs=["money"])
    result = match(person, Catalogue([advice, calls]), today=TODAY)
    said = "Meets nothing asked for (does not list money, debt and benefits)"
    assert result.matches[1].id == "calls"
    assert f"Why: {said}" in result_text(result)
    assert said in result_html(result) and said in result_table_html(result)
    assert result.to_records()[1]["reason"] == said
