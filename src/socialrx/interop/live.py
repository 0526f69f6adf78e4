"""Live feeds, on request only: paging through an Open Referral API or an RPDE feed.

``socialrx import https://… -o DIR --allow-network`` (or :func:`import_feed` with
``allow_network=True``) fetches a whole feed and puts it through the same import as a
file (:func:`~socialrx.interop.importing.import_drafts`: the same report, review
folder and merge). Without that explicit opt-in nothing is fetched: socialrx never
uses the network unless the caller asks. No person data is involved: only the
feed's own pages are requested, with a ``User-Agent`` naming socialrx.

The first page says which kind of feed it is (:func:`~socialrx.interop.detect.sniff_json`):

* **Open Referral APIs** (ORUK v3 / HSDS 3.0: ``{"contents", "total_pages", …}``;
  ORUK v1: ``{"content", "totalPages", …}``): ``?page=2``, ``?page=3``… until the
  last page (``last_page``, ``total_pages``, or an empty page). When the list's items
  are minimal (no locations, contacts, phones or schedules), each service is then
  fetched in full from ``/services/{id}``.
* **OpenActive RPDE feeds** (``{"items", "next"}``): the ``next`` links are followed
  to the end (a page with no items whose ``next`` is its own address). Items are
  kept by ``id``, the highest ``modified`` winning, so an item ``deleted`` later in
  the feed is reported as deleted and never imported.

Every request has connect and read timeouts. A 429, a 5xx, a timeout or a lost
connection is retried with exponential backoff and jitter (``Retry-After`` is
honoured); requests are spaced by a polite pause (:attr:`FetchOptions.rate`); a page
limit stops a feed that never ends. A page the server repeats (the same services
again, or a ``next`` link back to an earlier page) ends the fetch instead of looping.

Pages are kept in ``DIR/.feed-pages/`` while a fetch is unfinished, so a fetch that
is stopped (Ctrl-C) or fails (a page that keeps failing, a malformed page) continues
from the last good page when the same command is run again. The folder is removed
once the feed has been imported.

Example:
    >>> report = import_feed(                                       # doctest: +SKIP
    ...     "https://api.example.org/services", "imported/", allow_network=True
    ... )
    >>> report.counts()["imported"]                                 # doctest: +SKIP
    874
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from socialrx.__about__ import __version__
from socialrx.errors import FeedError
from socialrx.interop.detect import sniff_json
from socialrx.interop.importing import ImportReport, import_drafts, read_records
from socialrx.interop.pages import (
    FEED_KINDS,
    join_api_pages,
    join_rpde_pages,
    latest_items,
    page_items,
)
from socialrx.output import atomic_write_text

if TYPE_CHECKING:
    import tenacity

__all__ = [
    "FEED_KINDS",
    "STATE_FOLDER",
    "USER_AGENT",
    "Feed",
    "FetchOptions",
    "fetch_feed",
    "import_feed",
    "is_url",
    "latest_items",
    "retry_after",
]

STATE_FOLDER = ".feed-pages"
"""Hidden folder (inside the output folder) holding the pages of an unfinished fetch."""

USER_AGENT = f"socialrx/{__version__} (directory import; +https://example.org/socialrx)"
"""Sent with every request, so publishers can see who is reading their feed."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_FULL_FIELDS = (
    "service_at_locations",
    "locations",
    "contacts",
    "phones",
    "schedules",
    "service",
    "regular_schedules",
    "physical_addresses",
)
"""A list item with none of these is minimal: the full record is fetched from /services/{id}."""


def is_url(source: str) -> bool:
    """True when ``source`` is a web address (``scheme://…``) rather than a file.

    Example:
        >>> is_url("https://api.example.org/services"), is_url("services.json")
        (True, False)
    """
    return bool(_URL.match(source))


@dataclass(frozen=True)
class FetchOptions:
    """How politely and how patiently a feed is fetched.

    Attributes:
        rate: Seconds between the start of one request and the next (the polite pause).
        timeout: Seconds to wait for an answer (read timeout).
        connect_timeout: Seconds to wait for a connection.
        attempts: Tries per request before giving up (1 = no retries).
        backoff: The first wait before a retry, in seconds; it doubles each time.
        max_backoff: The longest wait between two tries (backoff and ``Retry-After``).
        jitter: Up to this many seconds added at random to each backoff.
        max_pages: A safety net: stop after this many pages (the report says so).
        max_page_bytes: A page larger than this is refused (it is not read into memory).
        per_page: Ask an Open Referral API for this many services a page (default: the
            page size in the address, or the server's own).
        details: Fetch each service in full when the list's items are minimal.
        progress: Draw a progress bar on standard error (None: only on a terminal).
        say: Called with one line about each retry (e.g. ``print`` to standard error).
    """

    rate: float = 0.2
    timeout: float = 30.0
    connect_timeout: float = 10.0
    attempts: int = 5
    backoff: float = 0.5
    max_backoff: float = 60.0
    jitter: float = 0.5
    max_pages: int = 10_000
    max_page_bytes: int = 100 * 2**20
    per_page: int | None = None
    details: bool = True
    progress: bool | None = None
    say: Callable[[str], None] | None = None


@dataclass
class Feed:
    """A whole feed, fetched.

    Attributes:
        url: The address it was fetched from.
        kind: Its format (one of :data:`FEED_KINDS`).
        records: Services (Open Referral) or RPDE items (OpenActive), one per id.
        pages: Pages read (including pages kept from an earlier, stopped run).
        requests: Requests made in this run (retries not counted).
        notes: What the report should say about the fetch (limits, repeats, duplicates).
    """

    url: str
    kind: str
    records: list[Any]
    pages: int
    requests: int = 0
    notes: list[str] = field(default_factory=list)

    def document(self) -> Any:
        """The feed as one JSON value that the reader of :attr:`kind` reads."""
        if self.kind == "openactive":
            return {"items": self.records}
        return self.records


# ------------------------------------------------------------------ HTTP with retries


class _Failure(Exception):
    """A request that failed for good (after retries); the message says why in plain words."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class _Http:
    """One HTTP client: timeouts, retries with backoff, a polite pause, a User-Agent."""

    def __init__(self, options: FetchOptions) -> None:
        # deferred: httpx and tenacity load only when a feed is fetched, never for
        # `import socialrx` or `socialrx match`
        import httpx
        import tenacity

        self._httpx = httpx
        self._tenacity = tenacity
        self.options = options
        self.requests = 0
        self._last = 0.0
        self._client = httpx.Client(
            timeout=httpx.Timeout(options.timeout, connect=options.connect_timeout),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=True,
        )
        # Exponential backoff plus random jitter (tenacity's composable wait strategies).
        self._backoff = tenacity.wait_exponential(
            multiplier=options.backoff, max=options.max_backoff
        ) + tenacity.wait_random(0, options.jitter)

    def close(self) -> None:
        self._client.close()

    def _pause(self) -> None:
        wait = self.options.rate - (time.monotonic() - self._last)
        if self._last and wait > 0:
            time.sleep(wait)
        self._last = time.monotonic()

    def _retryable(self, exc: BaseException) -> bool:
        if isinstance(exc, self._httpx.HTTPStatusError):
            code = exc.response.status_code
            return code == 429 or code >= 500
        return isinstance(exc, self._httpx.TransportError)  # timeouts, lost connections

    def _wait(self, state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, self._httpx.HTTPStatusError):
            after = retry_after(exc.response.headers.get("Retry-After"))
            if after is not None:
                return min(after, self.options.max_backoff)
        return min(float(self._backoff(state)), self.options.max_backoff)

    def _tell(self, where: str) -> Callable[[tenacity.RetryCallState], None]:
        def tell(state: tenacity.RetryCallState) -> None:
            if self.options.say is None or state.outcome is None:
                return
            wait = state.next_action.sleep if state.next_action else 0.0
            reason = self._reason(state.outcome.exception())
            self.options.say(f"{where}: {reason}; trying again in {wait:.1f} s")

        return tell

    def _reason(self, exc: BaseException | None) -> str:
        httpx = self._httpx
        if isinstance(exc, httpx.HTTPStatusError):
            r = exc.response
            return f"the server answered {r.status_code} {r.reason_phrase}".rstrip()
        if isinstance(exc, httpx.TimeoutException):
            return f"no answer within {self.options.timeout:g} s"
        if isinstance(exc, httpx.TransportError):
            return f"could not connect ({type(exc).__name__})"
        if isinstance(exc, httpx.TooManyRedirects):
            return "too many redirects"
        return f"the answer could not be read ({type(exc).__name__})"

    def get(self, url: str, where: str) -> bytes:
        """The body of a successful GET of ``url``.

        Raises:
            _Failure: a 4xx other than 429, or still failing after every retry.
        """
        tenacity = self._tenacity
        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception(self._retryable),
            stop=tenacity.stop_after_attempt(max(1, self.options.attempts)),
            wait=self._wait,
            before_sleep=self._tell(where),
            reraise=True,
        )
        self.requests += 1
        try:
            for attempt in retrying:
                with attempt:
                    self._pause()
                    body = self._read(url)
        except (self._httpx.HTTPStatusError, self._httpx.RequestError) as exc:
            tries = retrying.statistics.get("attempt_number", 1)
            again = f" (tried {tries} times)" if tries > 1 else ""
            status = (
                exc.response.status_code if isinstance(exc, self._httpx.HTTPStatusError) else None
            )
            raise _Failure(self._reason(exc) + again, status) from None
        return body

    def _read(self, url: str) -> bytes:
        """One GET; the body is read only up to :attr:`FetchOptions.max_page_bytes`."""
        limit = self.options.max_page_bytes
        with self._client.stream("GET", url) as response:
            response.raise_for_status()
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise _Failure(f"the page is larger than {limit:,} bytes (max_page_bytes)")
        return bytes(body)


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds, or an HTTP date).

    Example:
        >>> retry_after("3"), retry_after(None), retry_after("soon")
        (3.0, None, None)
    """
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _json(body: bytes) -> Any:
    """Parsed JSON, or :class:`_Failure` saying (without the page's content) why not."""
    try:
        return json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _Failure("the page is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _Failure(f"the page is not JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise _Failure("the page's JSON is nested too deeply") from None


# ------------------------------------------------------------------ pages kept on disk


class _Pages:
    """The pages of one fetch kept in a folder, so a stopped fetch continues where it stopped."""

    def __init__(self, folder: Path, key: dict[str, Any]) -> None:
        self.folder = folder
        self.key = key
        self.state: dict[str, Any] = {}
        self.resumed = False
        try:
            state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = None
        if isinstance(state, dict) and state.get("key") == key and state.get("pages"):
            self.state, self.resumed = state, True
        else:
            self.clear()
            self.state = {"key": key, "pages": 0, "next": None, "done": False}

    @property
    def count(self) -> int:
        return int(self.state["pages"])

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _save_state(self) -> None:
        atomic_write_text(self.folder / "state.json", json.dumps(self.state, indent=1) + "\n")

    def add(self, data: Any, url: str, *, next_url: str | None, done: bool, **extra: Any) -> None:
        """Keep one more page (written before the state that counts it)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        number = self.count + 1
        atomic_write_text(self.folder / f"page-{number:05d}.json", json.dumps(data) + "\n")
        self.state.update(pages=number, next=next_url, done=done, last_url=url, **extra)
        self._save_state()

    def finish(self) -> None:
        self.state.update(done=True, next=None)
        self._save_state()

    def pages(self) -> Iterator[Any]:
        for number in range(1, self.count + 1):
            yield json.loads((self.folder / f"page-{number:05d}.json").read_text(encoding="utf-8"))

    def _detail_path(self, record_id: str) -> Path:
        digest = hashlib.sha256(record_id.encode("utf-8")).hexdigest()[:20]
        return self.folder / "services" / f"{digest}.json"

    def detail(self, record_id: str) -> Any | None:
        try:
            return json.loads(self._detail_path(record_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def add_detail(self, record_id: str, data: Any) -> None:
        path = self._detail_path(record_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(data) + "\n")


# ------------------------------------------------------------------ the two kinds of feed


def _with_query(url: str, **params: Any) -> str:
    """``url`` with the query parameters given set (others kept, in order)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += [(k, str(v)) for k, v in params.items() if v is not None]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _is_last(data: Any, items: list[Any], pages_read: int) -> bool:
    """True when an Open Referral page is the last one (``last_page``, ``total_pages``…)."""
    if not items or not isinstance(data, dict):
        return True
    for key in ("last_page", "last"):
        if isinstance(data.get(key), bool):
            return bool(data[key])
    total = _int(data.get("total_pages", data.get("totalPages")))
    return total is None or pages_read >= total


def _ids_digest(items: list[Any]) -> str:
    ids = [str(i.get("id")) if isinstance(i, dict) else json.dumps(i) for i in items]
    return hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()


def _next_page(data: Any, url: str) -> str:
    """The address of the page after ``data`` (fetched from ``url``)."""
    current = _int(data.get("page_number", data.get("number"))) if isinstance(data, dict) else None
    if current is None:
        asked = dict(parse_qsl(urlsplit(url).query)).get("page", "1")
        current = int(asked) if asked.isdigit() else 1
    return _with_query(url, page=current + 1)


def _totals(data: Any, state: dict[str, Any]) -> dict[str, Any]:
    """``total_pages`` and ``total_items`` as the page says (v3 or v1 names), else as kept."""
    info = data if isinstance(data, dict) else {}
    pages = _int(info.get("total_pages", info.get("totalPages")))
    items = _int(info.get("total_items", info.get("totalElements")))
    return {
        "total_pages": state.get("total_pages") if pages is None else pages,
        "total_items": state.get("total_items") if items is None else items,
    }


def _total(pages: _Pages) -> int | None:
    return _int(pages.state.get("total_pages"))


def _detail_url(list_url: str, record_id: str) -> str:
    """``/services/{id}`` beside a ``/services`` list address."""
    parts = urlsplit(list_url)
    path = parts.path.rstrip("/") + "/" + quote(record_id, safe="")
    return urlunsplit(parts._replace(path=path, query="", fragment=""))


def _is_minimal(record: Any) -> bool:
    return (
        isinstance(record, dict) and "id" in record and not any(k in record for k in _FULL_FIELDS)
    )


# ------------------------------------------------------------------ fetching


@dataclass
class _Run:
    """One fetch in progress: the client, the kept pages, the progress bar and the notes."""

    url: str
    http: _Http
    pages: _Pages
    options: FetchOptions
    notes: list[str] = field(default_factory=list)
    bar: Any = None
    first: tuple[str, Any] | None = None
    """The first page, read to tell the kind of feed (not fetched twice)."""

    def fail(self, url: str, where: str, reason: str, *, resume: str) -> FeedError:
        kept = self.pages.count
        if kept:
            tail = (
                f" {'The page' if kept == 1 else f'The {kept} pages'} fetched so far "
                f"{'is' if kept == 1 else 'are'} kept in "
                f"{self.pages.folder}; run the same command again to continue from {resume}."
            )
        else:
            tail = " Nothing was fetched; run the same command again to try again."
        return FeedError(f"{url} ({where}): {reason}.{tail}")

    def get(self, url: str, where: str, resume: str) -> Any:
        if self.first is not None and self.first[0] == url:
            data, self.first = self.first[1], None
            return data
        try:
            return _json(self.http.get(url, where))
        except _Failure as exc:
            raise self.fail(url, where, str(exc), resume=resume) from None

    def tick(self, total: int | None = None) -> None:
        if self.bar is not None:
            if total is not None and self.bar.total != total:
                self.bar.total = total
            self.bar.update(1)


def _first_url(url: str, options: FetchOptions) -> str:
    return _with_query(url, per_page=options.per_page) if options.per_page else url


def _fetch_api(run: _Run, kind: str) -> None:
    """Page through an Open Referral API: ``?page=2``, ``?page=3``… to the last page."""
    pages = run.pages
    while not pages.state["done"] and not _at_limit(run):
        url = pages.state["next"]
        number = pages.count + 1
        data = run.get(url, f"page {number}", f"page {number}")
        items = page_items(data)
        if items is None:
            raise run.fail(
                url, f"page {number}", f"not a page of {kind} services", resume=f"page {number}"
            )
        digest = _ids_digest(items)
        if items and digest == pages.state.get("digest"):
            run.notes.append(
                f"page {number} repeated page {number - 1} (the server may ignore ?page=); "
                "stopped there"
            )
            pages.finish()
            break
        done = _is_last(data, items, number)
        pages.add(
            data,
            url,
            next_url=None if done else _next_page(data, url),
            done=done,
            digest=digest,
            **_totals(data, pages.state),
        )
        run.tick(_total(pages))


def _at_limit(run: _Run) -> bool:
    """True (and a note for the report) when the page limit is reached."""
    if run.pages.count < run.options.max_pages:
        return False
    run.notes.append(
        f"stopped after {run.options.max_pages} pages (the page limit); the rest of the feed "
        "was not fetched"
    )
    return True


def _rpde_next(run: _Run, url: str, data: dict[str, Any], number: int) -> str | None:
    """The page after an RPDE page, or None at the end (or when the link goes back)."""
    link = data.get("next")
    nxt = urljoin(url, link) if isinstance(link, str) and link.strip() else url
    if nxt == url:
        return None  # the end of the feed: its next link is its own address
    if nxt in run.pages.state.get("recent", []):
        run.notes.append(f"page {number}'s next link goes back to an earlier page; stopped there")
        return None
    if urlsplit(nxt)[:2] != urlsplit(run.url)[:2]:
        site = urlsplit(nxt).netloc or "none"
        raise run.fail(
            url,
            f"page {number}",
            f"its next link goes to another site ({site}); not followed",
            resume=f"page {number}",
        )
    return nxt


def _fetch_rpde(run: _Run) -> None:
    """Follow an RPDE feed's ``next`` links to the end."""
    pages = run.pages
    while not pages.state["done"] and not _at_limit(run):
        url = pages.state["next"]
        number = pages.count + 1
        data = run.get(url, f"page {number}", f"page {number}")
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise run.fail(
                url,
                f"page {number}",
                "not an RPDE page (no list of items)",
                resume=f"page {number}",
            )
        nxt = _rpde_next(run, url, data, number)
        # The last addresses read, to notice a link back (kept short: the state is
        # rewritten after every page).
        recent = [*pages.state.get("recent", [])[-99:], url]
        pages.add(data, url, next_url=nxt, done=nxt is None, recent=recent)
        run.tick()


def _api_records(run: _Run) -> list[Any]:
    """The services of every kept page, one per id (a later page's copy wins)."""
    records = join_api_pages(run.pages.pages(), run.notes)
    total = _int(run.pages.state.get("total_items"))
    if total is not None and total > len(records):
        run.notes.append(f"the API says it has {total} services; {len(records)} were fetched")
    return records


def _with_details(run: _Run, records: list[Any]) -> list[Any]:
    """Each minimal list item replaced by the full service from ``/services/{id}``."""
    minimal = [i for i, r in enumerate(records) if _is_minimal(r)]
    if not minimal or not run.options.details:
        return records
    if run.bar is not None:
        run.bar.reset(total=len(minimal))
        run.bar.set_description("Fetching services")
        run.bar.unit = "service"
    out = list(records)
    missing = 0
    for n, index in enumerate(minimal, start=1):
        rid = str(records[index]["id"])
        full = run.pages.detail(rid)
        if full is None:
            url = _detail_url(run.url, rid)
            where = f"service {n} of {len(minimal)}"
            try:
                full = _json(run.http.get(url, where))
            except _Failure as exc:
                if exc.status not in (404, 410):
                    raise run.fail(url, where, str(exc), resume=where) from None
                missing += 1
                full = records[index]
            if not isinstance(full, dict):
                raise run.fail(url, where, "not a service (a JSON object)", resume=where)
            run.pages.add_detail(rid, full)
        out[index] = full
        run.tick()
    if missing:
        run.notes.append(
            f"{missing} services listed by the API could not be fetched in full (not found); "
            "their list entries were read"
        )
    return out


def _rpde_records(run: _Run) -> list[Any]:
    """Every item of every kept page, one per id (the latest version of each)."""
    return join_rpde_pages(run.pages.pages(), run.notes)


def _progress(options: FetchOptions) -> Any:
    show = sys.stderr.isatty() if options.progress is None else options.progress
    if not show:
        return None
    from tqdm import tqdm  # deferred: only drawn on a terminal, during a fetch

    return tqdm(desc="Fetching pages", unit="page", file=sys.stderr, leave=False)


def _refuse(url: str) -> FeedError:
    return FeedError(
        f"{url}: not fetched: socialrx uses the network only when asked to. To read this "
        "feed, add --allow-network (Python: allow_network=True); only the feed's own pages "
        "are requested, and no person data is involved"
    )


def _start(run: _Run, kind: str | None) -> str:
    """Fetch the first page (unless kept from an earlier run) and say which feed it is."""
    pages = run.pages
    if pages.count:
        return str(pages.state["kind"])
    url = _first_url(run.url, run.options)
    data = run.get(url, "page 1", "page 1")
    found = kind or sniff_json(data)
    if found not in FEED_KINDS:
        raise run.fail(
            url,
            "page 1",
            f"a feed read as {found} cannot be fetched page by page; use one of "
            f"{', '.join(FEED_KINDS)}",
            resume="page 1",
        )
    pages.state.update(kind=found, next=url)
    run.first = (url, data)
    return found


def fetch_feed(
    url: str,
    state_dir: str | Path,
    *,
    allow_network: bool = False,
    kind: str | None = None,
    options: FetchOptions | None = None,
) -> Feed:
    """Fetch a whole live feed (every page), keeping pages in ``state_dir`` until done.

    Args:
        url: An ORUK v3 / HSDS 3.0 or ORUK v1 ``/services`` address, or an RPDE feed.
        state_dir: Where pages are kept; a fetch stopped earlier with the same address
            and options continues from its last good page.
        allow_network: Must be True: nothing is fetched unless the caller asks.
        kind: The feed's format (one of :data:`FEED_KINDS`; default: from the first page).
        options: Timeouts, retries, the pause between requests, the page limit.

    Raises:
        FeedError: ``allow_network`` not given, not an http(s) address, a request that
            still fails after the retries, or a page that is not the feed's shape. The
            pages fetched before are kept and the message says so.
    """
    if not allow_network:
        raise _refuse(url)
    if urlsplit(url).scheme.casefold() not in ("http", "https"):
        raise FeedError(f"{url}: only http:// and https:// feeds can be fetched")
    if kind is not None and kind not in FEED_KINDS:
        raise FeedError(
            f"{url}: a feed read as {kind} cannot be fetched page by page; use --from with "
            f"one of {', '.join(FEED_KINDS)}, or leave --from out"
        )
    options = options or FetchOptions()
    key = {"url": url, "per_page": options.per_page, "kind": kind}
    run = _Run(url, _Http(options), _Pages(Path(state_dir), key), options)
    if run.pages.resumed and run.pages.state["done"]:
        run.notes.append(f"read the {run.pages.count} pages kept from an earlier run")
    elif run.pages.resumed:
        run.notes.append(
            f"continued a stopped fetch from page {run.pages.count + 1} "
            f"({run.pages.count} pages were kept from before)"
        )
    run.bar = _progress(options)
    try:
        found = _start(run, kind)
        if found == "openactive":
            _fetch_rpde(run)
            records = _rpde_records(run)
        else:
            _fetch_api(run, found)
            records = _with_details(run, _api_records(run))
    finally:
        run.http.close()
        if run.bar is not None:
            run.bar.close()
    return Feed(url, found, records, run.pages.count, run.http.requests, run.notes)


def import_feed(
    url: str,
    out_dir: str | Path,
    *,
    allow_network: bool = False,
    kind: str | None = None,
    options: FetchOptions | None = None,
    today: date | None = None,
    write: bool = True,
    force: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Fetch a live feed and import it into ``out_dir`` like a file (same report and merge).

    Pages are kept in ``out_dir/.feed-pages/`` while the fetch is unfinished (see
    :func:`fetch_feed`) and removed once the feed is imported. The report's warnings
    start with what the fetch noticed (a page limit reached, a repeated page…).

    Raises:
        FeedError: see :func:`fetch_feed`.
    """
    if not allow_network:
        raise _refuse(url)
    out = Path(out_dir)
    existed = out.exists()
    state = out / STATE_FOLDER
    feed = fetch_feed(url, state, allow_network=True, kind=kind, options=options)
    document = state / "feed.json"
    atomic_write_text(document, json.dumps(feed.document()) + "\n")
    drafts = read_records(feed.kind, document)
    report = import_drafts(
        drafts,
        out_dir,
        system=feed.kind,
        source=url,
        today=today or date.today(),
        write=write,
        force=force,
        dry_run=dry_run,
    )
    report.warnings[:0] = feed.notes
    shutil.rmtree(state, ignore_errors=True)
    if not existed and (dry_run or not write):
        with contextlib.suppress(OSError):
            out.rmdir()  # made only to keep the pages: leave no trace of a dry run
    return report
