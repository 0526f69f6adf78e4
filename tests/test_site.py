"""``socialrx site``: the static public directory, checked as files (browser tests live in
``test_site_browser.py``)."""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings

from factories import hostile_asset
from socialrx import Catalogue, export_hsds
from socialrx.cli import main
from socialrx.views.site import MARKER_FILE, SiteOptions, build_site
from socialrx.views.site.search import FREE, OPEN_ACCESS, RESIDENTS_ONLY, search_index
from socialrx.views.site.wording import clock, printable, when_text
from strategies import catalogues

TODAY = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[1]
REPO = "https://github.com/example/socialrx"

HOSTILE = hostile_asset()


class _Page(HTMLParser):
    """What a browser would make of a page: scripts, links, text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.handlers: list[str] = []
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.handlers += [k for k in found if k.startswith("on")]
        if tag in ("script", "iframe", "svg", "img", "marquee"):
            self.scripts.append({"tag": tag, **found})
            self._in_ld = found.get("type") == "application/ld+json"
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_ld = False


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, example_catalogue: Catalogue) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    options = SiteOptions(
        base_url="https://example.org/directory",
        repository=REPO,
        repository_root=ROOT,
        today=TODAY,
    )
    build_site(example_catalogue, out, options)
    return out


def test_every_asset_has_a_page_and_a_printable_page(
    site: Path, example_catalogue: Catalogue
) -> None:
    for asset in example_catalogue:
        page = (site / "asset" / f"{asset.key}.html").read_text(encoding="utf-8")
        assert f"<h1>{asset.name}</h1>" in page.replace("&#39;", "'")
        printable_page = site / "print" / f"{asset.key}.html"
        assert "Printable page" in page and printable_page.exists()
        assert 'name="robots" content="noindex"' in printable_page.read_text(encoding="utf-8")


def test_asset_page_speaks_plain_english_with_phone_first(site: Path) -> None:
    page = (site / "asset" / "just-good-friends.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    assert "Every Tuesday, 2pm to 3:30pm" in text
    assert "For people aged 55 and over." in text
    assert "Free." in text and "Step-free access" in text and "English" in text
    assert 'href="tel:01632960123"' in page
    join = page.index('id="join"')
    assert join < page.index("01632 960123", join) < page.index("Ring Jean")
    assert "directions on OpenStreetMap" in page and "../area/fy8.html" in page


def test_stale_and_closed_entries_say_so(site: Path, example_catalogue: Catalogue) -> None:
    stale = (site / "asset" / "just-good-friends.html").read_text(encoding="utf-8")
    assert "Nobody has checked these details for 6 years and 3 months" in stale
    fresh = (site / "asset" / "phone-friends.html").read_text(encoding="utf-8")
    assert "Nobody has checked" not in fresh
    closed = [a for a in example_catalogue if a.status in ("inactive", "defunct")]
    paused = [a for a in example_catalogue if a.status == "temporarily-closed"]
    assert closed and paused
    for asset in closed:
        assert "No longer running." in (site / "asset" / f"{asset.key}.html").read_text()
    for asset in paused:
        assert "Temporarily closed." in (site / "asset" / f"{asset.key}.html").read_text()
    listed = {row[0] for row in json.loads((site / "search-index.json").read_text())["assets"]}
    everything = (site / "a-z.html").read_text(encoding="utf-8")
    assert not {a.key for a in closed} & listed
    assert {a.key for a in paused} <= listed
    assert all(f"asset/{a.key}.html" not in everything for a in closed)


def test_suggest_a_change_links_only_with_a_repository(
    site: Path, tmp_path: Path, example_catalogue: Catalogue
) -> None:
    page = _parse(site / "asset" / "phone-friends.html")
    assert f"{REPO}/edit/main/assets/lytham-st-annes/phone-friends.yaml" in page.links
    issue = next(link for link in page.links if "/issues/new?" in link)
    assert "template=suggest-a-change.yml" in issue and "asset=phone-friends" in issue
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / "suggest-a-change.yml").exists()
    bare = build_site(example_catalogue, tmp_path / "bare", SiteOptions(today=TODAY))
    plain = (bare.path / "asset" / "phone-friends.html").read_text(encoding="utf-8")
    assert "Suggest a change" not in plain
    assert not (bare.path / "sitemap.xml").exists()
    assert "Sitemap:" not in (bare.path / "robots.txt").read_text()


def test_json_ld_sitemap_and_robots(site: Path, example_catalogue: Catalogue) -> None:
    series = json.loads("".join(_parse(site / "asset" / "just-good-friends.html").json_ld))
    assert series["@type"] == "EventSeries" and series["name"] == "Just Good Friends"
    assert series["eventSchedule"][0]["byDay"] == ["https://schema.org/Tuesday"]
    assert series["location"]["address"]["postalCode"] == "FY8 1DR"
    assert series["isAccessibleForFree"] is True
    assert series["url"] == "https://example.org/directory/asset/just-good-friends.html"
    service = json.loads("".join(_parse(site / "asset" / "phone-friends.html").json_ld))
    assert service["@type"] == "Service" and service["areaServed"][0]["name"] == "FY8"
    assert service["provider"]["telephone"] == "01632 960101"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for asset in example_catalogue:
        assert f"<loc>https://example.org/directory/asset/{asset.key}.html</loc>" in sitemap
    assert "<loc>https://example.org/directory/need/loneliness.html</loc>" in sitemap
    missing = (site / "404.html").read_text(encoding="utf-8")  # served at any address
    assert 'href="https://example.org/directory/a-z.html"' in missing
    robots = (site / "robots.txt").read_text()
    assert "Sitemap: https://example.org/directory/sitemap.xml" in robots


def test_hsds_download_is_the_export(site: Path, example_catalogue: Catalogue) -> None:
    download = json.loads((site / "directory.hsds.json").read_text(encoding="utf-8"))
    assert download == export_hsds(example_catalogue)


def test_need_and_district_pages_list_what_people_can_join_themselves_first(site: Path) -> None:
    page = (site / "need" / "loneliness.html").read_text(encoding="utf-8")
    open_at = page.index("You can just turn up, or contact them yourself")
    assert open_at < page.index("Just Good Friends")
    district = (site / "area" / "fy8.html").read_text(encoding="utf-8")
    assert "Places in FY8" in district and "Just Good Friends" in district
    # Phone Friends has no place but serves FY8.
    assert district.index("By phone, online or at home") < district.index("Phone Friends")
    assert not (site / "need" / "transport.html").exists() or "Community" in (
        site / "need" / "transport.html"
    ).read_text(encoding="utf-8")


def test_hostile_text_is_shown_as_text(tmp_path: Path) -> None:
    report = build_site(Catalogue([HOSTILE]), tmp_path / "site", SiteOptions(today=TODAY))
    for name in ("asset/hostile.html", "print/hostile.html", "a-z.html", "need/loneliness.html"):
        page = _parse(report.path / name)
        assert page.handlers == [], name
        assert all((s["tag"] == "script" and s.get("src")) or s.get("type") for s in page.scripts)
        assert not [link for link in page.links if link.lower().startswith("javascript:")]
    raw = (report.path / "asset" / "hostile.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; Club</h1>" in raw
    assert "\x07" not in raw and "\u202e" not in raw
    assert "</script><script>alert" not in raw
    ld = json.loads("".join(_parse(report.path / "asset" / "hostile.html").json_ld))
    assert ld["name"].startswith("<script>") and "sameAs" not in ld["provider"]
    row = json.loads((report.path / "search-index.json").read_text())["assets"][0]
    assert row[1] == "<script>alert('name')</script> Club"


def test_rebuild_replaces_the_site_but_never_a_folder_it_did_not_build(
    tmp_path: Path, example_catalogue: Catalogue
) -> None:
    out = tmp_path / "public"
    build_site(Catalogue([HOSTILE]), out, SiteOptions(today=TODAY))
    build_site(example_catalogue, out, SiteOptions(today=TODAY))
    assert not (out / "asset" / "hostile.html").exists()
    assert (out / MARKER_FILE).exists()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError, match="not built by socialrx"):
        build_site(example_catalogue, mine, SiteOptions(today=TODAY))
    assert (mine / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "public"]


def test_cli_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    code = main(["site", str(ROOT / "assets"), "-o", str(out), "--today", "2026-11-22"])
    said = capsys.readouterr()
    assert code == 0 and "Wrote 101 pages" in said.out and "sitemap.xml was left out" in said.out
    assert (out / "index.html").exists() and (out / "map.html").exists()
    code = main(["site", str(ROOT / "assets"), "-o", str(out), "--repository", "javascript:x"])
    assert code == 2 and "must be a web address" in capsys.readouterr().err


def test_search_index_is_small_enough_for_a_slow_phone(example_catalogue: Catalogue) -> None:
    # 1,000 assets written like the example ones: well under a second on 3G (~90 kB/s).
    examples = list(example_catalogue)
    many = [
        examples[i % len(examples)].model_copy(update={"id": f"a{i}", "name": f"{i} Club"})
        for i in range(1000)
    ]
    data = json.dumps(search_index(many, {}), separators=(",", ":")).encode()
    assert len(gzip.compress(data)) < 45_000


@pytest.mark.slow  # 8 random sites (1.1 s); CI runs the slow set too
@settings(max_examples=8)
@given(catalogues(max_size=8))
def test_index_rows_agree_with_their_assets(catalogue: Catalogue) -> None:
    listed = [a for a in catalogue if a.status in ("active", "temporarily-closed")]
    index: dict[str, Any] = search_index(listed, {})
    assert [row[0] for row in index["assets"]] == [a.key for a in listed]
    for asset, row in zip(listed, index["assets"], strict=True):
        assert bool(row[8] & FREE) == bool(asset.cost and asset.cost.free)
        assert bool(row[8] & OPEN_ACCESS) == bool({"drop-in", "self-referral"} & set(asset.access))
        assert bool(row[10]) == bool(row[8] & RESIDENTS_ONLY)
        for i, need in enumerate(n[0] for n in index["needs"]):
            assert bool(row[4] & (1 << i)) == (need in asset.needs)


@given(catalogues(max_size=4))
@settings(max_examples=5)
def test_every_timed_session_reads_as_a_sentence(catalogue: Catalogue) -> None:
    for asset in catalogue:
        for session in asset.schedule:
            text = when_text(session)
            assert text and printable(text) == text
            if session.start:
                assert clock(session.start) in text


def test_clock() -> None:
    assert [clock(t) for t in ("00:00", "09:30", "12:00", "12:30", "14:00", "23:59")] == [
        "midnight",
        "9:30am",
        "12 noon",
        "12:30pm",
        "2pm",
        "11:59pm",
    ]


def test_site_workflow_publishes_to_pages_when_assets_change_on_main() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert trigger["push"]["branches"] == ["main"] and "assets/**" in trigger["push"]["paths"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    assert any(step.startswith("socialrx site assets -o _site") for step in build)
    uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert "actions/upload-pages-artifact@v3" in uses and "actions/deploy-pages@v4" in uses
