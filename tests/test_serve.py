"""``socialrx serve`` as a client developer meets it: endpoints, filters, caching, privacy.

Conformance to the official HSDS 3.0 documents is in ``test_serve_conformance.py``;
faults (bad bodies, broken files, slow clients, a real uvicorn) in ``test_serve_faults.py``.
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("starlette", reason="the serve extra is not installed")

from starlette.testclient import TestClient
from tests.conftest import EXAMPLE_CATALOGUE, ROOT

from socialrx import Catalogue, Person, explain, geo, match
from socialrx.interop import asset_to_hsds, export_hsds
from socialrx.serve import Settings, create_app
from socialrx.serve.directory import page_envelope, taxonomy_id, term_id
from socialrx.serve.openapi import official_document

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def client(example_catalogue: Catalogue) -> Iterator[TestClient]:
    app = create_app(example_catalogue, Settings(watch=False, today=TODAY))
    with TestClient(app) as c:
        yield c


def _all(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    page = client.get(path, params={**params, "per_page": 1000})
    assert page.status_code == 200, page.text
    contents: list[dict[str, Any]] = page.json()["contents"]
    return contents


# ------------------------------------------------------------------ the same services as export


def test_full_services_are_exactly_what_export_writes(
    client: TestClient, example_catalogue: Catalogue
) -> None:
    exported = json.loads(json.dumps(export_hsds(example_catalogue)))
    assert _all(client, "/services", full="true") == exported
    first = exported[0]
    assert client.get(f"/services/{first['id']}").json() == first


def test_list_page_shows_the_one_to_one_fields_of_the_same_services(
    client: TestClient, example_catalogue: Catalogue
) -> None:
    listed = _all(client, "/services")
    assert len(listed) == len(example_catalogue)
    for brief, asset in zip(listed, example_catalogue, strict=True):
        full = asset_to_hsds(asset, example_catalogue.places(asset.key))
        assert brief == {k: v for k, v in json.loads(json.dumps(full)).items() if k in brief}
        assert "service_at_locations" not in brief and "attributes" not in brief
        assert brief["name"] == asset.name


def test_minimal_gives_id_and_modification_time(client: TestClient) -> None:
    rows = _all(client, "/services", minimal="true")
    assert rows and all(set(r) == {"id", "name", "status", "last_modified"} for r in rows)
    assert all(datetime.fromisoformat(r["last_modified"]).tzinfo for r in rows)


def test_ndjson_streams_every_result_without_paging(client: TestClient) -> None:
    response = client.get("/services", params={"format": "ndjson", "per_page": 2})
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = response.text.splitlines()
    assert len(lines) == client.get("/services").json()["total_items"]
    assert all(json.loads(line)["id"] for line in lines)


def test_root_reports_version_profile_and_openapi_url(client: TestClient) -> None:
    root = client.get("/").json()
    assert root["version"] == "3.0" and root["profile"].startswith("https://")
    doc = client.get(root["openapi_url"].replace("http://testserver", "")).json()
    assert doc["openapi"].startswith("3.1") and doc["servers"] == [{"url": "http://testserver"}]
    assert {"/services", "/service_at_locations", "/match", "/why/{asset_id}"} <= set(doc["paths"])
    assert doc["components"]["schemas"]["Person"]["properties"]["postcode"]


# ------------------------------------------------------------------ search and filters


def test_search_by_each_services_name_finds_it(
    client: TestClient, example_catalogue: Catalogue
) -> None:
    for asset in example_catalogue:
        found = _all(client, "/services", search=asset.name)
        assert asset.name in [s["name"] for s in found], asset.name


def test_search_understands_word_forms_and_need_synonyms(client: TestClient) -> None:
    walking = [s["name"] for s in _all(client, "/services", search="walks")]
    assert "Seafront Health Walks" in walking
    lonely = _all(client, "/services", search="lonely", full="true")
    assert lonely
    needs = {
        t["taxonomy_term"]["code"]
        for s in lonely
        for t in s["attributes"]
        if t["taxonomy_term"]["taxonomy"] == "socialrx:needs"
    }
    assert "loneliness" in needs
    assert _all(client, "/services", search="zzzz nothing like this") == []


def _terms_of(service: dict[str, Any], taxonomy: str) -> set[str]:
    return {
        a["taxonomy_term"]["code"]
        for a in service["attributes"]
        if a["taxonomy_term"]["taxonomy"] == taxonomy
    }


def test_filters_combine_as_and(client: TestClient) -> None:
    services = _all(client, "/services", full="true")
    loneliness = term_id("socialrx:needs", "loneliness")
    org = next(
        s["organization_id"]
        for s in services
        if "loneliness" in _terms_of(s, "socialrx:needs") and s.get("organization_id")
    )
    by_term = {s["id"] for s in _all(client, "/services", taxonomy_term_id=loneliness)}
    by_org = {s["id"] for s in _all(client, "/services", organization_id=org)}
    both = {
        s["id"] for s in _all(client, "/services", taxonomy_term_id=loneliness, organization_id=org)
    }
    expected = {s["id"] for s in services if "loneliness" in _terms_of(s, "socialrx:needs")}
    assert by_term == expected
    assert both == by_term & by_org and both
    by_taxonomy = {
        s["id"] for s in _all(client, "/services", taxonomy_id=taxonomy_id("socialrx:access"))
    }
    assert by_taxonomy == {s["id"] for s in services if _terms_of(s, "socialrx:access")}


def test_every_term_a_service_carries_is_published_with_the_same_id(client: TestClient) -> None:
    terms = {t["id"]: t for t in _all(client, "/taxonomy_terms")}
    taxonomies = {t["name"]: t for t in _all(client, "/taxonomies")}
    carried = {
        attr["taxonomy_term"]["id"]: attr["taxonomy_term"]
        for service in _all(client, "/services", full="true")
        for attr in service["attributes"]
        if attr["taxonomy_term"]["taxonomy"] in taxonomies
    }
    assert len({t["taxonomy"] for t in carried.values()}) == 4  # all but activities
    for tid, term in carried.items():
        published = terms[tid]
        assert (published["code"], published["taxonomy"]) == (term["code"], term["taxonomy"])
    one = next(iter(carried))
    assert client.get(f"/taxonomy_terms/{one}").json() == terms[one]
    needs = _all(client, "/taxonomy_terms", taxonomy_id=taxonomies["socialrx:needs"]["id"])
    assert "loneliness" in {t["code"] for t in needs}


def test_activity_terms_find_services_by_broader_activity(client: TestClient) -> None:
    dance = next(t for t in _all(client, "/taxonomy_terms", search="dance") if t["code"] == "Dance")
    found = _all(client, "/services", taxonomy_term_id=dance["id"], full="true")
    assert found, "the example catalogue has dancing"
    for service in found:
        activities = next(
            json.loads(a["value"])
            for a in service["attributes"]
            if a["taxonomy_term"]["code"] == "activities"
        )
        assert any("danc" in a.lower() or "ballroom" in a.lower() for a in activities)
    children = _all(client, "/taxonomy_terms", parent_id=dance["id"])
    assert children and all(c["parent_id"] == dance["id"] for c in children)


def test_modified_after_uses_file_times(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    shutil.copytree(EXAMPLE_CATALOGUE, folder)
    old = datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp()
    new = datetime(2026, 6, 1, tzinfo=timezone.utc).timestamp()
    for file in folder.glob("*.yaml"):
        os.utime(file, (old, old))
    os.utime(folder / "just-good-friends.yaml", (new, new))
    with TestClient(create_app(folder, Settings(watch=False))) as c:
        names = [s["name"] for s in _all(c, "/services", modified_after="2026-03-01")]
        assert names == ["Just Good Friends"]
        assert len(_all(c, "/services", modified_after="2025-12-31T00:00:00Z")) == 38
        assert c.get("/services").headers["last-modified"] == "Mon, 01 Jun 2026 00:00:00 GMT"


def test_organizations_list_their_services(client: TestClient) -> None:
    orgs = _all(client, "/organizations")
    assert orgs and all(set(o) == {"id", "name", "description"} for o in orgs)
    one = client.get(f"/organizations/{orgs[0]['id']}").json()
    assert one["services"] and all(set(s) == {"id", "name", "status"} for s in one["services"])
    full = client.get(f"/organizations/{orgs[0]['id']}", params={"full_service": "true"}).json()
    assert full["services"][0] == client.get(f"/services/{one['services'][0]['id']}").json()


# ------------------------------------------------------------------ places


POINTS = [("FY8 1DR", 0), ("FY8 1DR", 800), ("FY8 2NP", 2500), ("FY1 1AP", 9000), ("PR4 1AA", 4000)]


@pytest.mark.parametrize(("postcode", "metres"), POINTS)
def test_proximity_returns_exactly_the_locations_in_range(
    client: TestClient, example_catalogue: Catalogue, postcode: str, metres: int
) -> None:
    centre = geo.locate(postcode)
    everything = _all(client, "/service_at_locations")
    areas = {a.name: a.service_area for a in example_catalogue}
    expected = set()
    for sal in everything:
        loc = sal["location"]
        if "latitude" not in loc:
            continue
        d = geo.distance_km(centre.latitude, centre.longitude, loc["latitude"], loc["longitude"])
        area = areas[sal["service"]["name"]]
        inside = not area or geo.in_service_area(postcode, tuple(area))
        if d * 1000 <= metres and inside:
            expected.add(sal["id"])
    found = _all(client, "/service_at_locations", postcode=postcode, proximity=str(metres))
    assert {s["id"] for s in found} == expected
    distances = [
        geo.distance_km(
            centre.latitude, centre.longitude, s["location"]["latitude"], s["location"]["longitude"]
        )
        for s in found
    ]
    assert distances == sorted(distances), "nearest first"


def test_postcode_alone_keeps_services_whose_area_contains_it(
    client: TestClient, example_catalogue: Catalogue
) -> None:
    everything = _all(client, "/service_at_locations")
    areas = {a.name: a.service_area for a in example_catalogue}
    outside = [s for s in everything if areas[s["service"]["name"]]]
    found = {s["id"] for s in _all(client, "/service_at_locations", postcode="EC1A 1BB")}
    assert found == {s["id"] for s in everything if not areas[s["service"]["name"]]}
    assert outside, "the example catalogue has services with a service area"


def test_service_at_location_item_nests_its_service(client: TestClient) -> None:
    sal = _all(client, "/service_at_locations")[0]
    item = client.get(f"/service_at_locations/{sal['id']}").json()
    assert item["service"]["id"] == sal["service_id"] and item["location"] == sal["location"]
    assert "service_at_locations" not in item["service"]


# ------------------------------------------------------------------ paging


@given(total=st.integers(0, 500), per_page=st.integers(1, 60), page=st.integers(1, 40))
def test_page_envelope_is_consistent(total: int, per_page: int, page: int) -> None:
    env, rows = page_envelope(total, page, per_page)
    assert env["total_pages"] == math.ceil(total / per_page)
    assert env["size"] == len(range(total)[rows]) <= per_page
    assert env["first_page"] == (page == 1)
    assert env["last_page"] == (page >= env["total_pages"])
    assert env["empty"] == (env["size"] == 0)
    if page <= env["total_pages"]:
        assert env["size"] == min(per_page, total - (page - 1) * per_page) > 0


# ------------------------------------------------------------------ caching and CORS


def test_etag_and_last_modified_answer_conditional_requests(client: TestClient) -> None:
    first = client.get("/services", params={"search": "walk"})
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get("/services", params={"search": "walk"}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    since = client.get(
        "/services", params={"search": "walk"}, headers={"If-Modified-Since": modified}
    )
    assert since.status_code == 304
    other = client.get("/services", params={"search": "dance"}, headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag


def test_cors_allows_any_origin(client: TestClient) -> None:
    got = client.get("/services", headers={"Origin": "https://front.example.org"})
    assert got.headers["access-control-allow-origin"] == "*"
    assert "ETag" in got.headers["access-control-expose-headers"]
    pre = client.options(
        "/match",
        headers={
            "Origin": "https://front.example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "*"


# ------------------------------------------------------------------ matching over HTTP


PERSON = {"postcode": "FY8 2NP", "age": 81, "needs": ["lonely"], "interests": ["dancing"]}


def test_match_returns_the_match_output(client: TestClient, example_catalogue: Catalogue) -> None:
    got = client.post("/match", json=PERSON, params={"limit": 3})
    assert got.status_code == 200
    assert got.headers["cache-control"] == "no-store"
    expected = match(Person(**PERSON), example_catalogue, limit=3, today=TODAY).to_dict()
    expected["catalogue"]["path"] = Path(str(example_catalogue.path)).name
    assert got.json() == json.loads(json.dumps(expected))
    summary = client.post("/match", json=PERSON, params={"excluded": "summary"}).json()
    assert "excluded_summary" in summary and "excluded" not in summary
    # A profile sent with the caller's own reference matches the same.
    with_id = client.post("/match", json={"id": "P0001", **PERSON}, params={"limit": 3})
    assert with_id.status_code == 200 and with_id.json() == got.json()


def test_why_returns_the_explanation(client: TestClient, example_catalogue: Catalogue) -> None:
    person = {**PERSON, "digital": "none"}
    got = client.post("/why/zoom-choir", json=person)
    assert got.status_code == 200 and got.headers["cache-control"] == "no-store"
    expected = explain("zoom-choir", Person(**person), example_catalogue, today=TODAY)
    assert got.json() == json.loads(json.dumps(expected.to_dict()))
    missing = client.post("/why/zoom-choirr", json=person)
    assert missing.status_code == 404 and "did you mean 'zoom-choir'" in missing.json()["error"]


def test_access_log_has_route_templates_only(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="socialrx.serve.access")
    client.post("/why/zoom-choir", json={**PERSON, "postcode": "FY8 1DR"})
    client.get("/service_at_locations", params={"postcode": "FY8 2NP", "proximity": "500"})
    client.post("/match", json={"postcode": "FY8 4XX", "needs": ["debt"], "agee": 1})
    lines = [r.getMessage() for r in caplog.records if r.name == "socialrx.serve.access"]
    assert [line.rsplit(" ", 1)[0] for line in lines] == [
        "POST /why/{asset_id} 200",
        "GET /service_at_locations 200",
        "POST /match 422",
    ]
    text = caplog.text
    for private in ("FY8", "zoom-choir", "debt", "agee", "500"):
        assert private not in text


def test_postcode_queries_are_never_cached(client: TestClient) -> None:
    got = client.get("/service_at_locations", params={"postcode": "FY8 2NP", "proximity": "900"})
    assert got.headers["cache-control"] == "no-store"


# ------------------------------------------------------------------ docs, container, shipped data


def test_docs_name_every_route(client: TestClient) -> None:
    docs = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    for route in client.app.routes:  # type: ignore[attr-defined]
        assert f"/{route.path.strip('/').split('/')[0]}" in docs, route.path
    assert "POST /why/{asset_id}" in docs


def test_the_container_runs_serve_as_an_unprivileged_user() -> None:
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    cmd = next(line for line in lines if line.startswith("CMD "))
    assert json.loads(cmd[4:])[:3] == ["socialrx", "serve", "/catalogue"]


def test_the_shipped_openapi_document_is_the_official_one(shared_data: Path) -> None:
    official = json.loads((shared_data / "hsds-3.0" / "openapi.json").read_text())
    assert official_document() == official


def test_an_empty_catalogue_is_served_as_empty_pages() -> None:
    with TestClient(create_app(Catalogue([]), Settings(watch=False))) as c:
        page = c.get("/services", params={"search": "walk"}).json()
        assert page["total_items"] == 0 and page["empty"] is True and page["contents"] == []
        assert c.get("/service_at_locations", params={"postcode": "FY8 1DR"}).status_code == 200
        assert c.get("/organizations").json()["total_pages"] == 0
