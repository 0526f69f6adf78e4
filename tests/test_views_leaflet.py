"""The printed leaflet for the person: one or two sides of A4 in large print, the phone
number first, each entry's own last-checked date, nothing online for someone with no
internet (issue #14, item 3)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from socialrx.catalogue import Catalogue, load_catalogue, load_person
from socialrx.cli import main
from socialrx.matching import match
from socialrx.model import Asset, Person
from socialrx.views.html import result_html

ROOT = Path(__file__).resolve().parents[1]
DOROTHY = ROOT / "examples" / "person-dorothy.yaml"
TODAY = date(2026, 11, 22)


def _asset(**fields: object) -> Asset:
    data: dict[str, object] = {
        "id": "club",
        "name": "Club",
        "summary": "A club.",
        "needs": ["loneliness"],
        "delivery": ["phone"],
        "status": "active",
        "last_verified": "2026-03-14",
    }
    data.update(fields)
    return Asset.model_validate(data)


def _page(asset: Asset, *, online: bool = True) -> str:
    result = match(Person(postcode="FY8 2NP"), Catalogue([asset]), today=TODAY)
    return result_html(result, online=online)


def test_each_entry_says_when_it_was_last_checked_not_today() -> None:
    page = _page(_asset())
    assert "Last checked 14 March 2026" in page
    assert "Checked on" not in page
    assert "Printed 22 November 2026" in page


def test_the_phone_number_comes_first_and_the_web_address_once() -> None:
    contact = {
        "phone": "01632 960000",
        "email": "club@example.org",
        "website": "https://example.org/club",
    }
    page = _page(_asset(contact=contact))
    assert '<p class="phone">Phone 01632 960000</p>' in page
    assert page.count("https://example.org/club") == 2  # the link's address and its text
    assert "attr(href)" not in page  # print no longer repeats every address
    assert "E-mail club@example.org" in page


def test_no_internet_means_no_web_or_email_on_paper() -> None:
    contact = {
        "phone": "01632 960000",
        "email": "club@example.org",
        "website": "https://example.org/c",
    }
    page = _page(_asset(contact=contact), online=False)
    assert "example.org" not in page
    assert "01632 960000" in page
    only_online = _page(_asset(contact={"email": "club@example.org"}), online=False)
    assert "Ask your link worker how to join" in only_online


def test_the_command_hides_online_contacts_for_dorothy_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["match", "--catalogue", str(ROOT / "assets"), "--person", str(DOROTHY)]
    out = tmp_path / "dorothy.html"
    assert main([*base, "--format", "html", "-o", str(out)]) == 0
    assert "@example.org" not in out.read_text(encoding="utf-8")  # she has no internet
    assert main([*base, "--format", "html", "--online-contacts", "-o", str(out)]) == 0
    assert "@example.org" in out.read_text(encoding="utf-8")
    capsys.readouterr()


@pytest.mark.browser
@pytest.mark.slow  # builds a wheel, runs Chromium or draws every chart: seconds
def test_ten_suggestions_print_on_two_sides_of_a4(
    tmp_path: Path, headless_chromium: list[str]
) -> None:
    pypdf = pytest.importorskip("pypdf")
    catalogue = load_catalogue(ROOT / "assets")
    result = match(load_person(DOROTHY), catalogue, limit=10, today=TODAY)
    page = tmp_path / "leaflet.html"
    page.write_text(result_html(result, online=False), encoding="utf-8")
    pdf = tmp_path / "leaflet.pdf"
    subprocess.run(
        [*headless_chromium, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    reader = pypdf.PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 2
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = " ".join(p.extract_text() for p in reader.pages)
    for m in result.matches:
        assert re.sub(r"\s+", " ", m.name) in re.sub(r"\s+", " ", text)
    assert "Phone 01632 960101" in text
