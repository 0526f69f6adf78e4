"""The public site in a real browser: Playwright driving the system's Chromium.

Skips cleanly without the ``playwright`` package or a Chromium binary (Playwright's own
browser download is never used). The accessibility checks inject axe-core from the npm
registry: ``.ci/run`` installs it and sets ``SOCIALRX_NPM_MODULES``; without it those
checks skip with the command to run.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from socialrx import Catalogue, geo
from socialrx.views.site import SiteOptions, build_site
from socialrx.vocabulary import stem
from test_site import HOSTILE

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # each test drives a real Chromium

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="pip install playwright (the browser tests drive Chromium)"
)

TODAY = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[1]
SERIOUS = ("serious", "critical")


def _chromium() -> str | None:
    return (
        os.environ.get("SOCIALRX_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def _npm_file(package: str, name: str) -> Path | None:
    for base in (os.environ.get("SOCIALRX_NPM_MODULES"), ROOT / "node_modules"):
        if base and (Path(base) / package / name).is_file():
            return Path(base) / package / name
    return None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, example_catalogue: Catalogue) -> Iterator[str]:
    """The example site and a hostile one, served over HTTP on 127.0.0.1."""
    root = tmp_path_factory.mktemp("served")
    build_site(example_catalogue, root / "example", SiteOptions(today=TODAY))
    build_site(Catalogue([HOSTILE]), root / "hostile", SiteOptions(today=TODAY))
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = _chromium()
    if chromium is None:
        pytest.skip("Chromium not found (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield opened
    context.close()
    assert dialogs == []  # no page may ever run an alert() hidden in the directory's text


def _home(page: Any, served: str) -> None:
    page.goto(f"{served}/example/index.html")
    playwright_api.expect(page.locator("#count")).to_contain_text("result")


def _names(page: Any) -> list[str]:
    """Every result's name ("Show more results" pressed until all are shown)."""
    while page.locator("#more").is_visible():
        page.locator("#more").click()
    return [n.strip() for n in page.locator("#results h3").all_inner_texts()]


def _settle(page: Any) -> None:
    page.wait_for_timeout(50)


def test_searching_dance_finds_just_good_friends(page: Any, served: str) -> None:
    _home(page, served)
    everything = len(_names(page))
    page.locator("#q").press_sequentially("dance")
    _settle(page)
    names = _names(page)
    assert "Just Good Friends" in names and len(names) < everything


def test_the_browser_stems_words_as_python_does(
    page: Any, served: str, example_catalogue: Catalogue
) -> None:
    text = " ".join(f"{a.name} {a.summary} {a.description or ''}" for a in example_catalogue)
    words = sorted(set(re.findall(r"[a-z0-9]+", text.casefold())))
    _home(page, served)
    stems = page.evaluate("words => words.map(window.socialrxStem)", words)
    assert len(words) > 300
    assert stems == [stem(w) for w in words]


def test_free_and_phone_leave_only_free_phone_assets(
    page: Any, served: str, example_catalogue: Catalogue
) -> None:
    _home(page, served)
    page.get_by_label("Free", exact=True).check()
    page.get_by_label("By phone").check()
    _settle(page)
    expected = {
        a.name
        for a in example_catalogue
        if a.status in ("active", "temporarily-closed")
        and a.cost is not None
        and a.cost.free
        and "phone" in a.delivery
    }
    assert expected and set(_names(page)) == expected
    assert page.locator("#count").inner_text() == f"{len(expected)} results"


def test_each_filter_leaves_what_matches_it(
    page: Any, served: str, example_catalogue: Catalogue
) -> None:
    listed = [a for a in example_catalogue if a.status in ("active", "temporarily-closed")]
    remote = {"phone", "online", "home-visit"}
    cases = [
        ("#need", "money", lambda a: "money" in a.needs),
        (
            "#day",
            "1",
            lambda a: (
                any("tue" in (s.days or ()) for s in a.schedule)
                or not any(s.days for s in a.schedule)
            ),
        ),
        ("#activity", "dancing", lambda a: "dancing" in [x.casefold() for x in a.activities]),
    ]
    _home(page, served)
    for selector, value, wanted in cases:
        if selector == "#activity":
            page.select_option(selector, label=value.capitalize())
        else:
            page.select_option(selector, value)
        _settle(page)
        expected = {a.name for a in listed if wanted(a)}
        assert expected and set(_names(page)) == expected, selector
        page.select_option(selector, "")
    page.get_by_label("Step-free access").check()
    _settle(page)
    step_free = {
        a.name
        for a in listed
        if {"step-free", "wheelchair-accessible"} & set(a.accessibility) or remote & set(a.delivery)
    }
    assert set(_names(page)) == step_free


def test_postcode_orders_by_distance_and_stays_in_the_browser(
    page: Any, served: str, example_catalogue: Catalogue
) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    _home(page, served)
    page.locator("#postcode").fill("FY8 2NP")
    playwright_api.expect(page.locator("#postcode-status")).to_have_text("Nearest first.")
    _settle(page)
    tags = page.locator("#results .tags").all_inner_texts()
    distances = [float(m.group(1)) for t in tags if (m := re.match(r"([0-9.]+) km away", t))]
    assert len(distances) >= 5 and distances == sorted(distances)
    here = geo.locate("FY8 2")
    nearest = min(
        (
            geo.distance_km(here.latitude, here.longitude, p.latitude, p.longitude),
            a.name,
        )
        for a in example_catalogue
        if a.status in ("active", "temporarily-closed") and a.place_based
        for p in example_catalogue.places(a.key)
    )
    assert abs(distances[0] - nearest[0]) < 0.1
    assert not [u for u in requests if "FY8" in u.upper() or "2NP" in u.upper()]
    assert all(u.startswith(served) for u in requests)


def test_keyboard_alone_reaches_every_control_and_result(page: Any, served: str) -> None:
    _home(page, served)
    controls = set(
        page.eval_on_selector_all(
            "#filters input, #filters select, #filters button", "els => els.map(e => e.id)"
        )
    )
    reached: list[str] = []
    rings: set[str] = set()
    typed = False
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
               return {id: e.id, href: e.getAttribute('href') || '',
                       ring: s.outlineStyle + ' ' + s.boxShadow}; }"""
        )
        reached.append(info["id"])
        rings.add("none" if info["ring"].startswith("none none") else "visible")
        if info["id"] == "q" and not typed:
            page.keyboard.type("walk")
            typed = True
        if info["href"].startswith("asset/"):
            break
    assert reached[0] == "" and typed  # the skip link comes first
    assert controls <= set(reached), controls - set(reached)
    assert info["href"] == page.locator("#results a").first.get_attribute("href")
    assert rings == {"visible"}


def test_pages_work_as_lists_without_javascript(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}/example/index.html")
    assert not page.locator("#finder").is_visible()
    page.get_by_role("link", name="Loneliness and isolation").click()
    assert page.locator("h1").inner_text() == "Loneliness and isolation"
    page.get_by_role("link", name="Just Good Friends").click()
    assert page.locator("h1").inner_text() == "Just Good Friends"
    assert page.get_by_text("Every Tuesday, 2pm to 3:30pm").is_visible()
    page.goto(f"{served}/example/map.html")
    assert not page.locator("#map-controls").is_visible()
    assert page.get_by_role("link", name="Just Good Friends").count() >= 1
    context.close()


def test_text_reflows_at_400_percent_zoom(page: Any, served: str) -> None:
    # 1280 CSS pixels at 400 % zoom leave 320: WCAG 1.4.10 asks for no sideways scrolling.
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("index.html", "asset/just-good-friends.html", "need/loneliness.html"):
        page.goto(f"{served}/example/{path}")
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], path


def test_hostile_text_stays_text_in_the_browser(page: Any, served: str) -> None:
    page.goto(f"{served}/hostile/asset/hostile.html")
    assert page.locator("h1").inner_text() == "<script>alert('name')</script> Club"
    assert page.locator("iframe, svg, marquee, img").count() == 0
    hrefs = page.eval_on_selector_all("a", "els => els.map(a => a.href)")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    page.goto(f"{served}/hostile/index.html")
    playwright_api.expect(page.locator("#count")).to_contain_text("result")
    page.locator("#q").fill("club")
    _settle(page)
    assert _names(page) == ["<script>alert('name')</script> Club"]
    assert page.locator("#results script, #results img").count() == 0


@pytest.mark.parametrize(
    "path",
    ["index.html", "asset/just-good-friends.html", "need/loneliness.html", "map.html"],
)
def test_no_serious_accessibility_violations(browser: Any, served: str, path: str) -> None:
    axe = _npm_file("axe-core", "axe.min.js")
    if axe is None:
        pytest.skip(
            "axe-core not found: npm install --no-save axe-core (or set SOCIALRX_NPM_MODULES)"
        )
    context = browser.new_context(bypass_csp=True)  # the page's CSP would block the injection
    page = context.new_page()
    page.goto(f"{served}/example/{path}")
    if path == "index.html":
        playwright_api.expect(page.locator("#count")).to_contain_text("result")
    page.add_script_tag(path=str(axe))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values:
             ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]
    context.close()
    assert serious == []


def test_map_shows_places_when_asked(browser: Any, served: str) -> None:
    leaflet = _npm_file("leaflet", "dist/leaflet.js")
    if leaflet is None:
        pytest.skip(
            "leaflet not found: npm install --no-save leaflet (or set SOCIALRX_NPM_MODULES)"
        )
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    # Offline here: serve the pinned files from the npm package (their integrity must
    # still match) and blank tiles; anything else outside the site is recorded.
    page.route(
        "https://unpkg.com/leaflet@1.9.4/dist/**",
        lambda route: route.fulfill(
            path=str(leaflet.parent / route.request.url.rsplit("/dist/", 1)[1]),
            headers={"Access-Control-Allow-Origin": "*"},
        ),
    )
    page.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(status=204))
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(served) else None,
    )
    page.goto(f"{served}/example/map.html")
    assert outside == []
    page.get_by_role("button", name="Show the map").click()
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-icon").count() >= 20
    assert "Map shown with" in page.locator("#map-status").inner_text()
    context.close()
