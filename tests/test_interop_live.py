"""Live feeds (socialrx.interop.live) against a local HTTP server replaying real pages.

The server runs on 127.0.0.1 in a thread, on a port the system picks; its pages are
built from the real Bristol ORUK v3 responses and real OpenActive RPDE items in
``../shared/data`` (the tests skip when that folder is absent). Backoffs, timeouts
and the pause between requests are made tiny through :class:`FetchOptions`.
"""

from __future__ import annotations

import copy
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialrx.__about__ import __version__
from socialrx.catalogue import load_catalogue
from socialrx.cli import main
from socialrx.errors import FeedError, UnreadableInputError
from socialrx.interop import import_records
from socialrx.interop.live import (
    STATE_FOLDER,
    FetchOptions,
    fetch_feed,
    import_feed,
    latest_items,
    retry_after,
)

FAST = FetchOptions(
    rate=0.0, timeout=2.0, connect_timeout=2.0, backoff=0.01, max_backoff=0.05, jitter=0.0
)


# ------------------------------------------------------------------ the local server

_server_sleep = time.sleep  # the server's own delays, untouched when a test records sleeps


@dataclass
class Reply:
    """One answer: a status, a body (JSON unless bytes), headers, and a delay before it."""

    body: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def _key(target: str) -> str:
    """A request target with its query sorted, so parameter order does not matter."""
    parts = urlsplit(target)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + ("?" + query if query else "")


class FeedServer:
    """Scripted answers per address: each request takes the next reply (the last one stays)."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[str] = []
        self.agents: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                server.agents.append(self.headers.get("User-Agent", ""))
                replies = server.routes.get(_key(self.path)) or [Reply(status=404, body={})]
                reply = replies.pop(0) if len(replies) > 1 else replies[0]
                if reply.delay:
                    _server_sleep(reply.delay)
                body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body)
                data = body.encode() if isinstance(body, str) else body
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client gave up waiting (the timeout tests)
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep the test output clean

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]

    def url(self, target: str) -> str:
        return f"http://127.0.0.1:{self.port}{target}"

    def add(self, target: str, *replies: Reply) -> None:
        self.routes[_key(target)] = list(replies)

    def paths(self) -> list[str]:
        return [
            urlsplit(p).path + ("?" + urlsplit(p).query if urlsplit(p).query else "")
            for p in self.requests
        ]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    s = FeedServer()
    thread = threading.Thread(target=s.httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()
    thread.join()


@pytest.fixture
def only_local(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record every address a connection is made to (and refuse any but 127.0.0.1)."""
    seen: list[Any] = []
    real = socket.create_connection

    def connect(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        seen.append(address)
        assert address[0] == "127.0.0.1", f"contacted {address[0]}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)
    return seen


# ------------------------------------------------------------------ real pages


@pytest.fixture
def bristol(shared_data: Path) -> dict[str, Any]:
    folder = shared_data / "oruk" / "v3-samples"
    page = json.loads((folder / "bristol-services-page1.json").read_text(encoding="utf-8"))
    full = json.loads((folder / "bristol-service-1625ip.json").read_text(encoding="utf-8"))
    return {"page": page, "full": full, "folder": folder}


def api_pages(page: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The real Bristol list page split into two pages of one API (1 service, then 2)."""
    one, two = copy.deepcopy(page), copy.deepcopy(page)
    one.update(contents=page["contents"][:1], total_items=3, total_pages=2, size=1)
    two.update(
        contents=page["contents"][1:],
        total_items=3,
        total_pages=2,
        page_number=2,
        first_page=False,
        last_page=True,
    )
    return one, two


def serve_api(server: FeedServer, bristol: dict[str, Any], *page2: Reply) -> None:
    one, two = api_pages(bristol["page"])
    server.add("/services", Reply(one))
    server.add("/services?page=2", *(page2 or (Reply(two),)))
    server.add(f"/services/{bristol['full']['id']}", Reply(bristol["full"]))


@pytest.fixture
def rpde(shared_data: Path) -> dict[str, Any]:
    folder = shared_data / "openactive" / "feed-normaliser-fixtures"

    def item(name: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((folder / name).read_text(encoding="utf-8"))
        return data

    series = item("sessionseries.json")
    deleted = {
        "state": "deleted",
        "kind": series["kind"],
        "id": series["id"],
        "modified": series["modified"] + 1,
    }
    return {
        "page1": [series, item("facilityuse-2.json")],
        "page2": [
            item("course-with-schedule.json"),
            item("sessionseries-with-schedule.json"),
            deleted,
        ],
        "deleted_name": series["data"]["name"],
    }


def serve_rpde(server: FeedServer, rpde: dict[str, Any]) -> str:
    second, last = "/feed?afterId=2&afterTimestamp=1", "/feed?afterId=x&afterTimestamp=9"
    server.add(
        "/feed",
        Reply(
            {
                "items": rpde["page1"],
                "next": server.url(second),
                "license": "https://creativecommons.org/licenses/by/4.0/",
            }
        ),
    )
    server.add(second, Reply({"items": rpde["page2"], "next": last}))  # relative: resolved
    server.add(last, Reply({"items": [], "next": server.url(last)}))
    return server.url("/feed")


# ------------------------------------------------------------------ Open Referral APIs


def test_api_pages_are_followed_and_minimal_services_fetched_in_full(
    server: FeedServer, bristol: dict[str, Any], tmp_path: Path, only_local: list[Any]
) -> None:
    serve_api(server, bristol)
    out = tmp_path / "directory"
    report = import_feed(server.url("/services"), out, allow_network=True, options=FAST)

    assert server.paths()[:2] == ["/services", "/services?page=2"]
    assert f"/services/{bristol['full']['id']}" in server.paths()
    assert all(agent.startswith(f"socialrx/{__version__} ") for agent in server.agents)
    assert {a[0] for a in only_local} == {"127.0.0.1"}
    # Every service of the API is accounted for, and the source is the address.
    assert sorted(r.name or "" for r in report.records) == sorted(
        s["name"] for s in bristol["page"]["contents"]
    )
    assert report.source == server.url("/services")
    assert report.system == "oruk-v3"
    # Two services had no full record (404): their list entries were read, and said so.
    assert any("could not be fetched in full" in w for w in report.warnings)
    assert not (out / STATE_FOLDER).exists()
    # The full record gives the same asset as importing the full service from a file.
    from_file = import_records(
        "oruk-v3",
        bristol["folder"] / "bristol-service-1625ip.json",
        tmp_path / "file",
        today=report.imported_on,
    )
    live = {a.name: a for a in load_catalogue(out)}
    for asset in from_file.assets:
        assert live[asset.name].model_dump(exclude={"id", "source"}) == asset.model_dump(
            exclude={"id", "source"}
        )


def test_per_page_is_asked_for_on_every_page(
    server: FeedServer, bristol: dict[str, Any], tmp_path: Path
) -> None:
    one, two = api_pages(bristol["page"])
    server.add("/services?per_page=1", Reply(one))
    server.add("/services?page=2&per_page=1", Reply(two))
    options = FetchOptions(**{**FAST.__dict__, "per_page": 1, "details": False})
    feed = fetch_feed(server.url("/services"), tmp_path / "s", allow_network=True, options=options)
    assert server.paths() == ["/services?per_page=1", "/services?per_page=1&page=2"]
    assert len(feed.records) == 3 and feed.pages == 2


def test_a_500_a_timeout_and_a_429_are_retried(
    server: FeedServer, bristol: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, two = api_pages(bristol["page"])
    serve_api(
        server,
        bristol,
        Reply({"error": "busy"}, status=500),
        Reply(two, delay=0.6),
        Reply({}, status=429, headers={"Retry-After": "7"}),
        Reply(two),
    )
    waits: list[float] = []
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:  # the Retry-After wait is recorded, not slept
        waits.append(seconds)
        real_sleep(min(seconds, 0.01))

    monkeypatch.setattr(time, "sleep", sleep)
    said: list[str] = []
    options = FetchOptions(
        **{
            **FAST.__dict__,
            "timeout": 0.3,
            "max_backoff": 10.0,
            "say": said.append,
            "details": False,
        }
    )
    feed = fetch_feed(server.url("/services"), tmp_path / "s", allow_network=True, options=options)

    assert len(feed.records) == 3
    assert server.paths().count("/services?page=2") == 4
    assert 7.0 in waits  # Retry-After honoured (up to max_backoff)
    assert [line.split(":")[1].strip().split(";")[0] for line in said] == [
        "the server answered 500 Internal Server Error",
        "no answer within 0.3 s",
        "the server answered 429 Too Many Requests",
    ]


@pytest.mark.slow  # over half a second
def test_a_page_that_keeps_timing_out_is_a_clear_error_and_the_fetch_resumes(
    server: FeedServer, bristol: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, two = api_pages(bristol["page"])
    serve_api(server, bristol, Reply(two, delay=0.5))
    out = tmp_path / "directory"
    argv = ["import", server.url("/services"), "-o", str(out), "--allow-network", "--rate", "0"]
    options = FetchOptions(**{**FAST.__dict__, "timeout": 0.15, "attempts": 2})
    with pytest.raises(FeedError) as caught:
        import_feed(server.url("/services"), out, allow_network=True, options=options)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(server.url("/services?page=2") + " (page 2): no answer within 0.15 s")
    assert "(tried 2 times)" in message and "continue from page 2" in message
    assert (out / STATE_FOLDER / "page-00001.json").is_file()

    # The same command again (the server answers now) starts from page 2, not page 1.
    server.add("/services?page=2", Reply(two))
    del server.requests[:]
    assert main(argv) == 0
    assert server.paths()[0] == "/services?page=2"
    assert "/services" not in server.paths()
    assert any(
        "continued a stopped fetch from page 2" in w
        for w in json.loads((out / "import-report.json").read_text())["warnings"]
    )
    assert not (out / STATE_FOLDER).exists()
    assert len(list(out.glob("*.yaml"))) + len(list(out.glob("needs-review/*"))) == 3


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (
            b"<html><body>Service unavailable</body></html>",
            "the page is not JSON (line 1, column 1)",
        ),
        ({"error": "no such thing"}, "not a page of oruk-v3 services"),
    ],
)
def test_a_malformed_page_is_one_line_naming_the_page_and_keeps_what_was_fetched(
    server: FeedServer,
    bristol: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    body: Any,
    says: str,
) -> None:
    serve_api(server, bristol, Reply(body))
    out = tmp_path / "directory"
    argv = ["import", server.url("/services"), "-o", str(out), "--allow-network", "--rate", "0"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{server.url('/services?page=2')} (page 2): {says}." in err
    assert f"The page fetched so far is kept in {out / STATE_FOLDER}; run the same" in err
    assert (out / STATE_FOLDER / "page-00001.json").is_file()
    assert not list(out.glob("*.yaml"))


def test_an_oruk_v1_api_is_paged_by_content_and_total_pages(
    server: FeedServer, shared_data: Path, tmp_path: Path
) -> None:
    feed = shared_data / "oruk" / "north-lincolnshire-services-oruk-v1.json"
    services = json.loads(feed.read_text(encoding="utf-8"))  # the real feed, as 3 API pages
    for number in (1, 2, 3):
        page = {
            "content": services[(number - 1) * 300 : number * 300],
            "totalElements": len(services),
            "totalPages": 3,
            "number": number,
            "first": number == 1,
            "last": number == 3,
        }
        server.add("/services" if number == 1 else f"/services?page={number}", Reply(page))
    # (Its list items are minimal too; fetching each in full is tested above, for v3.)
    options = FetchOptions(**{**FAST.__dict__, "details": False})
    got = fetch_feed(server.url("/services"), tmp_path / "s", allow_network=True, options=options)
    assert got.kind == "oruk-v1" and got.pages == 3
    assert server.paths() == ["/services", "/services?page=2", "/services?page=3"]
    assert [r["id"] for r in got.records] == [s["id"] for s in services]


def test_a_page_larger_than_the_limit_is_not_read(
    server: FeedServer, bristol: dict[str, Any], tmp_path: Path
) -> None:
    serve_api(server, bristol)
    options = FetchOptions(**{**FAST.__dict__, "max_page_bytes": 1000})
    with pytest.raises(FeedError, match=r"\(page 1\): the page is larger than 1,000 bytes"):
        fetch_feed(server.url("/services"), tmp_path / "s", allow_network=True, options=options)
    assert server.paths() == ["/services"]  # refused at once, not retried


def test_a_dry_run_of_a_feed_leaves_nothing_behind(
    server: FeedServer, bristol: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_api(server, bristol)
    out = tmp_path / "directory"
    argv = ["import", server.url("/services"), "-o", str(out), "--allow-network", "--dry-run"]
    assert main([*argv, "--rate", "0"]) == 0
    assert "Dry run: nothing was written." in capsys.readouterr().out
    assert not out.exists()


def test_a_server_that_ignores_the_page_number_is_not_followed_forever(
    server: FeedServer, bristol: dict[str, Any], tmp_path: Path
) -> None:
    page = copy.deepcopy(bristol["page"])  # 292 pages, says the server, but page 2 == page 1
    server.add("/services", Reply(page))
    server.add("/services?page=2", Reply(page))
    options = FetchOptions(**{**FAST.__dict__, "details": False})
    feed = fetch_feed(server.url("/services"), tmp_path / "s", allow_network=True, options=options)
    assert server.paths() == ["/services", "/services?page=2"]
    assert feed.pages == 1 and len(feed.records) == 3
    assert any("page 2 repeated page 1" in n for n in feed.notes)
    assert any("the API says it has 874 services; 3 were fetched" in n for n in feed.notes)


def test_the_page_limit_stops_a_feed(
    server: FeedServer, bristol: dict[str, Any], tmp_path: Path
) -> None:
    serve_api(server, bristol)
    options = FetchOptions(**{**FAST.__dict__, "max_pages": 1, "details": False})
    feed = fetch_feed(server.url("/services"), tmp_path / "s", allow_network=True, options=options)
    assert feed.pages == 1 and server.paths() == ["/services"]
    assert any("stopped after 1 pages (the page limit)" in n for n in feed.notes)


# ------------------------------------------------------------------ OpenActive RPDE


def test_rpde_next_links_are_followed_and_deleted_items_are_not_imported(
    server: FeedServer, rpde: dict[str, Any], tmp_path: Path, only_local: list[Any]
) -> None:
    url = serve_rpde(server, rpde)
    out = tmp_path / "directory"
    report = import_feed(url, out, allow_network=True, options=FAST)
    assert server.paths() == [
        "/feed",
        "/feed?afterId=2&afterTimestamp=1",
        "/feed?afterId=x&afterTimestamp=9",
    ]
    assert report.system == "openactive"
    outcomes = sorted(r.outcome for r in report.records)
    assert outcomes.count("deleted") == 1 and len(outcomes) == 4
    names = {r.name for r in report.records if r.outcome != "deleted"}
    assert rpde["deleted_name"] not in names
    assert all(rpde["deleted_name"] not in p.read_text() for p in out.rglob("*.yaml"))
    assert any("1 feed items were earlier versions" in w for w in report.warnings)


def test_an_rpde_last_page_that_repeats_itself_ends_the_fetch(
    server: FeedServer, rpde: dict[str, Any], tmp_path: Path
) -> None:
    # A last page with items whose next link is itself, and a link back to page 1.
    server.add("/feed", Reply({"items": rpde["page1"], "next": server.url("/feed?p=2")}))
    server.add("/feed?p=2", Reply({"items": rpde["page2"], "next": server.url("/feed")}))
    feed = fetch_feed(server.url("/feed"), tmp_path / "s", allow_network=True, options=FAST)
    assert server.paths() == ["/feed", "/feed?p=2"]
    assert any("goes back to an earlier page" in n for n in feed.notes)

    server.add("/loop", Reply({"items": rpde["page1"], "next": server.url("/loop")}))
    feed = fetch_feed(server.url("/loop"), tmp_path / "t", allow_network=True, options=FAST)
    assert server.paths()[2:] == ["/loop"] and feed.pages == 1


def test_an_rpde_next_link_to_another_site_is_not_followed(
    server: FeedServer, rpde: dict[str, Any], tmp_path: Path, only_local: list[Any]
) -> None:
    server.add("/feed", Reply({"items": rpde["page1"], "next": "https://example.org/feed?p=2"}))
    with pytest.raises(FeedError, match=r"goes to another site \(example.org\); not followed"):
        fetch_feed(server.url("/feed"), tmp_path / "s", allow_network=True, options=FAST)
    assert {a[0] for a in only_local} == {"127.0.0.1"}


# ------------------------------------------------------------------ only on request


def test_a_url_is_refused_without_allow_network(
    server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "directory"
    assert main(["import", server.url("/services"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "uses the network only when asked to" in err and "--allow-network" in err
    assert err.count("\n") == 1
    with pytest.raises(FeedError, match="allow_network=True"):
        import_feed(server.url("/services"), out)
    with pytest.raises(FeedError, match="allow_network=True"):
        fetch_feed(server.url("/services"), out)
    assert server.requests == [] and not out.exists()


def test_import_records_points_a_web_address_to_import_feed(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInputError, match="allow_network=True"):
        import_records(None, "https://api.example.org/services", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_only_http_addresses_are_fetched(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="only http:// and https://"):
        fetch_feed("file:///etc/passwd", tmp_path, allow_network=True)


@pytest.mark.slow
def test_the_live_module_loads_httpx_only_when_a_feed_is_fetched() -> None:
    code = (
        "import sys, socialrx.interop.live\n"
        "print(sorted(m for m in ('httpx', 'tenacity', 'tqdm') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ invariants


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.sampled_from(["a", "b", "c"]),
                "modified": st.integers(0, 20),
                "state": st.sampled_from(["updated", "deleted"]),
            }
        ),
        max_size=12,
    )
)
def test_latest_items_keeps_one_item_per_id_with_the_highest_modified(
    items: list[dict[str, Any]],
) -> None:
    kept = latest_items(items)
    assert sorted(i["id"] for i in kept) == sorted({i["id"] for i in items})
    for item in kept:
        assert item["modified"] == max(i["modified"] for i in items if i["id"] == item["id"])
    assert latest_items(kept) == kept


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("7", 7.0), (" 0 ", 0.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None), ("", None)],
)
def test_retry_after_reads_seconds_and_dates(header: str, seconds: float | None) -> None:
    assert retry_after(header) == seconds
