"""``socialrx site``: the catalogue as a static public directory anyone can browse.

The site is plain files — HTML pages, one stylesheet, two small scripts and JSON — so
GitHub Pages, Netlify or any web host can serve it with no server code, no accounts and
no tracking. Every page works as lists without JavaScript; with it, the home page
searches and filters as the visitor types, and orders by distance from a postcode
that never leaves the browser.

Layout of the output folder::

    index.html                 search and filters; browse by need and by area
    a-z.html                   everything, A to Z
    asset/<id>.html            one page per asset, in plain English, with JSON-LD
    print/<id>.html            the same, laid out for paper
    need/<need>.html           what helps with each need
    area/<district>.html       what is in, or serves, each postcode district
    map.html                   places as a list; a map only if the visitor asks for one
    search-index.json          what the home page searches
    postcodes.json             postcode sector centres near the directory's places
    directory.hsds.json        the whole directory as Open Referral HSDS 3.0 services
    sitemap.xml, robots.txt    for search engines (the sitemap needs ``base_url``)

The folder is built next to its final place and swapped in whole, so a visitor (or a
crash half-way) never sees a mix of two builds.

Example:
    >>> report = build_site(load_catalogue("assets"), "site")  # doctest: +SKIP
    >>> report.pages                                          # doctest: +SKIP
    101
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from socialrx import geo
from socialrx.catalogue import Catalogue
from socialrx.interop import export_hsds
from socialrx.model import DELIVERY, PLACE_DELIVERY, Asset
from socialrx.vocabulary import FEATURES, NEEDS

from . import wording
from .linked_data import json_ld, robots_txt, sitemap_xml
from .search import REACH_KM, SitePlace, place_district, postcode_table, search_index

__all__ = ["LEAFLET", "MARKER_FILE", "SiteOptions", "SiteReport", "build_site"]

MARKER_FILE = ".socialrx-site"
"""Marks a folder as built by socialrx, so a rebuild may replace it."""

LEAFLET = {
    "version": "1.9.4",
    "js": "https://unpkg.com/leaflet@1.9.4/dist/leaflet.js",
    "js_integrity": "sha384-cxOPjt7s7Iz04uaHJceBmS+qpjv2JkIHNVcuOrM+YHwZOmJGBXI00mdUXEq65HTH",
    "css": "https://unpkg.com/leaflet@1.9.4/dist/leaflet.css",
    "css_integrity": "sha384-sHL9NAb7lN7rfvG5lfHpm643Xkcjzp4jFvuavGOndn6pjVqS6ny56CAt3nsEVT4H",
    "tiles": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
}
"""Leaflet from the npm package's files on unpkg (pinned by Subresource Integrity), and
OpenStreetMap's tiles: loaded by the visitor's browser only after they ask for a map."""

_LISTED = ("active", "temporarily-closed")
_STATIC = ("site.css", "search.js", "map.js")


@dataclass(frozen=True)
class SiteOptions:
    """How to build the site.

    Attributes:
        title: The site's name, shown on every page.
        base_url: Where the site will live (``https://example.org/directory/``); needed
            for the sitemap and for full addresses in the JSON-LD.
        repository: The catalogue's repository on GitHub (``https://github.com/org/repo``);
            adds "Suggest a change" links to each asset page.
        branch: The branch whose files the "edit this file" links open.
        repository_root: Folder the asset file paths are relative to in the repository
            (default: the current folder).
        today: The date "last checked" is measured from (default: today).
        map: Write the map page.
        reach_km: Ship postcode sectors this close to a place in the directory.
    """

    title: str = "Local groups and support"
    base_url: str | None = None
    repository: str | None = None
    branch: str = "main"
    repository_root: Path | None = None
    today: date | None = None
    map: bool = True
    reach_km: float = REACH_KM

    def __post_init__(self) -> None:
        for name in ("base_url", "repository"):
            value = getattr(self, name)
            if value is not None and not wording.safe_web_link(value):
                raise ValueError(
                    f"{name.replace('_', '-')} must be a web address starting with https:// "
                    "(or http://)"
                )


@dataclass(frozen=True)
class SiteReport:
    """What :func:`build_site` wrote.

    Attributes:
        path: The site folder.
        assets: Assets with a page.
        listed: Assets listed and searchable (active or temporarily closed).
        pages: HTML pages written.
        files: Files written in all.
        total_bytes: Size of every file together.
        sizes: Size of some files that matter on a slow phone, raw and gzipped, by name.
    """

    path: Path
    assets: int
    listed: int
    pages: int
    files: int
    total_bytes: int
    sizes: Mapping[str, tuple[int, int]] = field(default_factory=dict)


def _finalize(value: Any) -> Any:
    """Every ``{{ … }}`` on a page passes here: contributed text loses control characters."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return wording.printable(value)
    return value


def _environment() -> Environment:
    env = Environment(
        finalize=_finalize,
        loader=PackageLoader("socialrx.views.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["url_part"] = lambda text: quote(str(text), safe="@")
    return env


# ------------------------------------------------------------------ what pages show


def _district_page(district: str) -> str:
    return f"area/{district.lower()}.html"


def _where_lines(asset: Asset, places: Sequence[SitePlace]) -> list[dict[str, Any]]:
    out = []
    if asset.place_based:
        for loc, place in zip(asset.locations, places, strict=False):
            label = ", ".join(x for x in (loc.name, loc.address, loc.postcode) if x)
            out.append(
                {
                    "text": label or place.label,
                    "directions": "https://www.openstreetmap.org/directions?"
                    + urlencode({"to": f"{place.latitude:.5f},{place.longitude:.5f}"}),
                    "district": place.district,
                    "district_page": _district_page(place.district) if place.district else None,
                }
            )
    return out


def _ways(asset: Asset) -> list[str]:
    ways = [wording.DELIVERY_TEXT[d] for d in asset.delivery]
    if asset.digital is not None and "online" in asset.delivery:
        needs = []
        if asset.digital.needs_internet:
            needs.append("the internet")
        if asset.digital.device_needed:
            needs.append("a phone, tablet or computer")
        platform = f" on {asset.digital.platform}" if asset.digital.platform else ""
        if needs:
            ways.append(f"Online{platform}: you need {wording.join_words(needs)}.")
    return ways


def _join(asset: Asset) -> dict[str, Any]:
    c = asset.contact
    if c is None:
        return {"phone": None, "tel": None, "email": None, "website": None, "how": None}
    return {
        "phone": c.phone,
        "tel": wording.tel_link(c.phone) if c.phone else None,
        "email": c.email if c.email and "@" in c.email else None,
        "website": wording.safe_web_link(c.website),
        "how": c.how_to_join,
    }


def _suggest(asset: Asset, catalogue: Catalogue, options: SiteOptions) -> dict[str, str] | None:
    if not options.repository:
        return None
    repo = options.repository.rstrip("/")
    query = urlencode(
        {"template": "suggest-a-change.yml", "title": f"Change: {asset.name}", "asset": asset.key}
    )
    # "edit" is always there (empty for a file outside the repository folder): the page
    # template asks for it, and a missing key stopped the whole site.
    links = {"issue": f"{repo}/issues/new?{query}", "edit": ""}
    file = catalogue.file(asset.key)
    root = (options.repository_root or Path.cwd()).resolve()
    if file is not None:
        try:
            relative = file.resolve().relative_to(root).as_posix()
        except ValueError:  # the file is outside the repository folder
            relative = ""
        if relative:
            links["edit"] = f"{repo}/edit/{quote(options.branch)}/{quote(relative)}"
    return links


def _paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _asset_view(
    asset: Asset, places: Sequence[SitePlace], catalogue: Catalogue, options: SiteOptions
) -> dict[str, Any]:
    today = options.today or date.today()
    return {
        "id": asset.key,
        "name": asset.name,
        "summary": asset.summary,
        "description": _paragraphs(asset.description),
        "organisation": asset.organisation,
        "activities": list(asset.activities),
        "needs": [(n, wording.need_label(n)) for n in asset.needs],
        "status": wording.status_note(asset),
        "closed": asset.status in ("inactive", "defunct"),
        "stale": wording.freshness_note(asset, today),
        "who": wording.who_lines(asset),
        "where": _where_lines(asset, places),
        "ways": _ways(asset),
        "when": wording.when_lines(asset) or ["Ask when it runs."],
        "cost": wording.cost_text(asset.cost),
        "join": _join(asset),
        "access": wording.access_lines(asset),
        "accessibility": [wording.feature_label(f) for f in asset.accessibility],
        "languages": wording.languages_text(asset),
        "checked": wording.date_text(asset.last_verified),
        "checked_iso": asset.last_verified.isoformat(),
        "open_access": bool({"drop-in", "self-referral"} & set(asset.access)),
        "free": asset.cost is not None and bool(asset.cost.free),
        "suggest": _suggest(asset, catalogue, options),
    }


def _card(asset: Asset) -> dict[str, Any]:
    """What a list shows of one asset."""
    tags = []
    if asset.cost is not None and asset.cost.free:
        tags.append("Free")
    if "drop-in" in asset.access:
        tags.append("Just turn up")
    elif "self-referral" in asset.access:
        tags.append("Contact them yourself")
    tags.extend(wording.DELIVERY_TEXT[d] for d in asset.delivery)
    return {
        "id": asset.key,
        "name": asset.name,
        "summary": asset.summary,
        "tags": tags,
        "status": "Temporarily closed" if asset.status == "temporarily-closed" else None,
    }


def _open_first(assets: Sequence[Asset]) -> list[Asset]:
    """People can just go to, or ring, these themselves: list them first."""
    return sorted(
        assets,
        key=lambda a: (
            not ({"drop-in", "self-referral"} & set(a.access)),
            a.name.casefold(),
            a.key,
        ),
    )


@lru_cache(maxsize=4096)
def _covered(prefix: str, districts: tuple[str, ...]) -> tuple[str, ...]:
    """The districts a service-area prefix (area, district or sector) reaches into."""
    area, district, _, _ = geo.postcode_parts(prefix)
    if district is None:
        return tuple(d for d in districts if geo.postcode_parts(d)[0] == area)
    return tuple(d for d in districts if d == district)


# ------------------------------------------------------------------ writing


@contextmanager
def _swapped_in(output: Path) -> Iterator[Path]:
    """A fresh folder beside ``output`` that replaces it in one step if the block succeeds."""
    if output.exists() and (not output.is_dir() or _foreign(output)):
        raise FileExistsError(
            f"{output} exists and was not built by socialrx site; "
            "choose an empty or new folder so nothing of yours is replaced"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent))
    try:
        os.chmod(work, 0o777 & ~_umask())
        yield work
        if output.exists():
            old = Path(
                tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".old", dir=output.parent)
            )
            os.replace(output, old / "site")
            os.replace(work, output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(work, output)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _foreign(folder: Path) -> bool:
    return any(folder.iterdir()) and not (folder / MARKER_FILE).exists()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _Writer:
    """Writes the site's files (inside the not-yet-visible build folder) and counts them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self.pages = 0
        self.total = 0
        self.sizes: dict[str, tuple[int, int]] = {}
        self._folders: set[Path] = set()

    def write(self, name: str, text: str, *, measure: bool = False) -> None:
        # Plain writes: the whole folder is swapped in at the end (see _swapped_in), so
        # a per-file fsync would only slow a 10,000-asset build down.
        data = text.encode("utf-8")
        path = self.root / name
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        path.write_bytes(data)
        self.files += 1
        self.total += len(data)
        self.pages += name.endswith(".html")
        if measure:
            self.sizes[name] = (len(data), len(gzip.compress(data, 9)))


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# ------------------------------------------------------------------ the build


class _Site:
    """One build: the catalogue's assets, their places, and the page renderer."""

    def __init__(self, catalogue: Catalogue, options: SiteOptions) -> None:
        self.catalogue = catalogue
        self.options = options
        self.env = _environment()
        self.places: dict[str, list[SitePlace]] = {}
        for asset in catalogue:
            self.places[asset.key] = [
                SitePlace(p.latitude, p.longitude, place_district(p), _label(loc, p))
                for loc, p in zip(asset.locations, catalogue.places(asset.key), strict=False)
            ]
        self.listed = _open_first([a for a in catalogue if a.status in _LISTED])
        base = options.base_url
        self.base = None if base is None else base.rstrip("/") + "/"

    def render(self, writer: _Writer, name: str, template: str, **context: Any) -> None:
        # Links are relative, so the site works from any folder; the 404 page is served
        # at whatever address was missed, so it links absolutely when the address is known.
        root = self.base if name == "404.html" and self.base else "../" * name.count("/")
        page = self.env.get_template(template).render(
            root=root,
            site_title=self.options.title,
            map_enabled=self.options.map,
            canonical=f"{self.base}{name}" if self.base else None,
            **context,
        )
        writer.write(name, page)

    def districts(self) -> dict[str, dict[str, list[Asset]]]:
        """Per postcode district: listed assets with a place there, then those serving it."""
        here: dict[str, dict[str, list[Asset]]] = {}
        placed: dict[str, set[str]] = {}
        for asset in self.listed:
            for place in self.places[asset.key] if asset.place_based else ():
                keys = placed.setdefault(place.district or "", set())
                if place.district and asset.key not in keys:
                    keys.add(asset.key)
                    here.setdefault(place.district, {"places": [], "serving": []})
                    here[place.district]["places"].append(asset)
        for asset in self.listed:
            for district in {d for p in asset.service_area for d in _covered(p, tuple(here))}:
                if asset.key not in placed[district]:
                    here[district]["serving"].append(asset)
        return dict(sorted(here.items(), key=lambda kv: geo.normalise_prefix(kv[0])))

    def write_assets(self, writer: _Writer) -> None:
        for asset in self.catalogue:
            places = self.places[asset.key]
            view = _asset_view(asset, places, self.catalogue, self.options)
            url = f"{self.base}asset/{asset.key}.html" if self.base else None
            linked = json_ld(asset, places, url=url)
            self.render(writer, f"asset/{asset.key}.html", "asset.html.j2", a=view, ld=linked)
            self.render(writer, f"print/{asset.key}.html", "print.html.j2", a=view)

    def write_lists(
        self, writer: _Writer, districts: Mapping[str, Mapping[str, list[Asset]]]
    ) -> None:
        """The need, district, A to Z, home, 404 and map pages."""
        need_links = self.write_need_pages(writer)
        for district, found in districts.items():
            self.render(
                writer,
                _district_page(district),
                "district.html.j2",
                district=district,
                place_cards=[_card(a) for a in found["places"]],
                serving_cards=[_card(a) for a in found["serving"]],
            )
        everything = sorted(self.listed, key=lambda a: (a.name.casefold(), a.key))
        self.render(writer, "a-z.html", "a-z.html.j2", everything=[_card(a) for a in everything])
        self.render(
            writer,
            "index.html",
            "home.html.j2",
            needs=need_links,
            districts=[
                (d, _district_page(d), len(v["places"]) + len(v["serving"]))
                for d, v in districts.items()
            ],
            delivery=[(d, wording.DELIVERY_TEXT[d]) for d in DELIVERY],
            features=[(f.id, f.label) for f in FEATURES.values()],
            days=list(wording.DAY_NAMES.items()),
            count=len(self.listed),
        )
        self.render(writer, "404.html", "404.html.j2")
        if self.options.map:
            on_map = [
                (d, [(a, self.places[a.key]) for a in v["places"]]) for d, v in districts.items()
            ]
            self.render(writer, "map.html", "map.html.j2", leaflet=LEAFLET, districts=on_map)

    def write_need_pages(self, writer: _Writer) -> list[tuple[str, str, int]]:
        """One page per need that something listed helps with; returns the links to them."""
        links = []
        for need, about in NEEDS.items():
            items = [a for a in self.listed if need in a.needs]
            if not items:
                continue
            links.append((need, about.label, len(items)))
            self.render(
                writer,
                f"need/{need}.html",
                "need.html.j2",
                need=about.label,
                open_cards=[_card(a) for a in items if _open(a)],
                other_cards=[_card(a) for a in items if not _open(a)],
            )
        return links

    def write_data(self, writer: _Writer) -> None:
        index = search_index(self.listed, self.places)
        writer.write("search-index.json", _json(index), measure=True)
        points = [
            (round(p.latitude, 3), round(p.longitude, 3))
            for a in self.catalogue
            if not PLACE_DELIVERY.isdisjoint(a.delivery)
            for p in self.places[a.key]
        ]
        table = postcode_table(points, self.options.reach_km)
        writer.write("postcodes.json", _json(table), measure=True)
        services = export_hsds(self.catalogue)
        writer.write("directory.hsds.json", _json(services))
        static = resources.files("socialrx.views.site") / "static"
        for name in _STATIC:
            writer.write(
                f"static/{name}", (static / name).read_text(encoding="utf-8"), measure=True
            )

    def write_robots(self, writer: _Writer, names: Sequence[str]) -> None:
        if self.base:
            urls: list[tuple[str, date | None]] = [(f"{self.base}{n}", None) for n in names]
            urls += [(f"{self.base}asset/{a.key}.html", a.last_verified) for a in self.catalogue]
            writer.write("sitemap.xml", sitemap_xml(urls))
        writer.write("robots.txt", robots_txt(f"{self.base}sitemap.xml" if self.base else None))


def _open(asset: Asset) -> bool:
    return bool({"drop-in", "self-referral"} & set(asset.access))


def _label(loc: Any, place: geo.Place) -> str:
    return loc.name or loc.address or place.postcode or "the place"


def build_site(
    catalogue: Catalogue, output: str | Path, options: SiteOptions | None = None
) -> SiteReport:
    """Write the catalogue as a static website in ``output``.

    Args:
        catalogue: The assets to publish.
        output: The site folder. It is replaced whole; an existing folder that socialrx
            did not build is left alone (``FileExistsError``).
        options: Title, address, repository links and the date staleness is measured from.

    Returns:
        What was written, with the sizes that matter on a slow phone.

    Raises:
        FileExistsError: ``output`` holds something other than a previous build.
    """
    options = options or SiteOptions()
    site = _Site(catalogue, options)
    target = Path(output)
    with _swapped_in(target) as work:
        writer = _Writer(work)
        districts = site.districts()
        site.write_assets(writer)
        site.write_lists(writer, districts)
        site.write_data(writer)
        needs = {n for a in site.listed for n in a.needs}
        lists = ["index.html", "a-z.html", *(f"need/{n}.html" for n in NEEDS if n in needs)]
        lists += [_district_page(d) for d in districts]
        lists += ["map.html"] if options.map else []
        site.write_robots(writer, lists)
        writer.write(".nojekyll", "")
        writer.write(MARKER_FILE, "Built by socialrx site; rebuilding replaces this folder.\n")
    return SiteReport(
        path=target,
        assets=len(catalogue),
        listed=len(site.listed),
        pages=writer.pages,
        files=writer.files,
        total_bytes=writer.total,
        sizes=dict(writer.sizes),
    )
