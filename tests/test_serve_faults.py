"""``socialrx serve`` when things go wrong: bad bodies, broken files, slow clients.

One test starts the real command (uvicorn on 127.0.0.1, a free port) and checks
reloading, a broken file and a slow client over a real socket; the rest run the
application in process.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import anyio
import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("starlette", reason="the serve extra is not installed")

from starlette.testclient import TestClient
from tests.conftest import EXAMPLE_CATALOGUE, ROOT

from socialrx import Catalogue
from socialrx.cli import main
from socialrx.serve import LiveDirectory, Settings, create_app

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def client(example_catalogue: Catalogue) -> Iterator[TestClient]:
    settings = Settings(watch=False, today=TODAY, max_body=4096, body_timeout=0.3)
    with TestClient(create_app(example_catalogue, settings)) as c:
        yield c


# ------------------------------------------------------------------ bodies


def test_malformed_json_is_a_400_with_where_it_broke(client: TestClient) -> None:
    got = client.post(
        "/match",
        content=b'{"postcode": "FY8 2NP", "needs": [lonely]}',
        headers={"content-type": "application/json"},
    )
    assert got.status_code == 400
    error = got.json()["error"]
    assert "not JSON (line 1, column 35" in error and "\n" not in error
    assert "FY8" not in got.text and "lonely" not in got.text


def test_a_body_that_is_not_an_object_is_refused(client: TestClient) -> None:
    got = client.post("/match", json=["loneliness"])
    assert got.status_code == 422 and "JSON object" in got.json()["error"]


def test_wrong_content_type_is_refused(client: TestClient) -> None:
    got = client.post("/match", content=b"needs=loneliness", headers={"content-type": "text/plain"})
    assert got.status_code == 415


def test_an_oversize_body_is_refused_whether_declared_or_streamed(client: TestClient) -> None:
    big = json.dumps({"interests": ["x" * 5000]}).encode()
    declared = client.post("/match", content=big, headers={"content-type": "application/json"})
    assert declared.status_code == 413 and "4096 bytes" in declared.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts what arrives
        for _ in range(10):
            yield b" " * 1000

    streamed = client.post("/match", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_unknown_fields_get_a_did_you_mean_and_no_values(client: TestClient) -> None:
    got = client.post(
        "/match",
        json={"postcode": "FY8 2NP", "nedds": ["bereavement"], "availability": [{"dayz": ["tue"]}]},
    )
    assert got.status_code == 422
    problems = {p["field"]: p for p in got.json()["problems"]}
    assert problems["nedds"]["hint"] == "did you mean 'needs'?"
    assert problems["availability.0.dayz"]["hint"] == "did you mean 'days'?"
    assert "bereavement" not in got.text and "FY8" not in got.text


SECRET = st.text(alphabet="bcdfghjkmpqrstvwxz", min_size=5, max_size=12).map(lambda s: "Qv" + s)


@pytest.mark.slow
@given(
    value=SECRET,
    field=st.sampled_from(
        ["postcode", "needs", "accessibility", "digital", "gender", "languages", "age", "lat"]
    ),
)
def test_validation_errors_never_repeat_a_value(client: TestClient, value: str, field: str) -> None:
    as_list = field in ("needs", "accessibility", "languages")
    got = client.post("/match", json={field: [value] if as_list else value})
    assert got.status_code == 422
    assert value.lower() not in got.text.lower()
    assert got.json()["problems"][0]["field"].startswith(field)


def test_a_person_postcode_that_is_not_found_is_not_repeated(client: TestClient) -> None:
    got = client.post("/match", json={"postcode": "BT1 1AA", "needs": ["loneliness"]})
    assert got.status_code == 422 and "BT1" not in got.text
    assert got.json()["problems"][0]["field"] == "postcode"


def test_a_slow_client_gets_a_408(example_catalogue: Catalogue) -> None:
    app = create_app(example_catalogue, Settings(watch=False, body_timeout=0.2))
    sent: list[dict[str, object]] = []

    async def exchange() -> None:
        calls = 0

        async def receive() -> dict[str, object]:
            nonlocal calls
            calls += 1
            if calls == 1:
                return {"type": "http.request", "body": b'{"needs": [', "more_body": True}
            await anyio.sleep(5)  # the rest never comes
            return {"type": "http.disconnect"}

        async def send(message: dict[str, object]) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "path": "/match",
            "raw_path": b"/match",
            "query_string": b"",
            "headers": [(b"content-type", b"application/json"), (b"host", b"testserver")],
            "server": ("testserver", 80),
            "client": ("127.0.0.1", 1234),
            "scheme": "http",
            "root_path": "",
        }
        await app(scope, receive, send)

    started = time.monotonic()
    anyio.run(exchange)
    assert time.monotonic() - started < 2.0
    assert sent[0]["status"] == 408


# ------------------------------------------------------------------ the catalogue changing


def _names(body: bytes) -> list[str]:
    return [s["name"] for s in json.loads(body)["contents"]]


def _copy_catalogue(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogue"
    shutil.copytree(EXAMPLE_CATALOGUE, folder)
    return folder


def test_a_broken_file_keeps_the_last_good_catalogue(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = _copy_catalogue(tmp_path)
    live = LiveDirectory(folder)
    client = TestClient(create_app(live, Settings(watch=False)))
    before = client.get("/services", params={"search": "Just Good Friends"})
    assert "Just Good Friends" in _names(before.content)
    file = folder / "just-good-friends.yaml"
    good = file.read_text()
    file.write_text(good.replace("name: Just Good Friends", "name: [Just Good Friends"))
    assert live.reload() is False
    assert "still serving the last good catalogue" in caplog.text
    assert "just-good-friends.yaml:" in caplog.text  # file:line:column of the problem
    after = client.get("/services", params={"search": "Just Good Friends"})
    assert after.json() == before.json() and after.headers["etag"] == before.headers["etag"]
    file.write_text(good.replace("name: Just Good Friends", "name: Good Friends Club"))
    assert live.reload() is True
    renamed = client.get("/services", params={"search": "Good Friends Club"})
    assert "Good Friends Club" in _names(renamed.content)
    assert renamed.headers["etag"] != before.headers["etag"]


# ------------------------------------------------------------------ the command


def test_missing_extra_gives_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "socialrx.serve", None)  # as if starlette were absent
    assert main(["serve", str(EXAMPLE_CATALOGUE)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == ("socialrx: socialrx serve needs the serve extra: pip install 'socialrx[serve]'")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(port: int, path: str) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(
            f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
        )
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def _wait_for(check: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


@pytest.mark.slow  # a real uvicorn server for seconds; CI runs the slow set separately
def test_real_server_on_loopback_reloads_survives_bad_files_and_slow_clients(
    tmp_path: Path,
) -> None:
    folder = _copy_catalogue(tmp_path)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "socialrx", "serve", str(folder), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--body-timeout", "0.5"]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert _wait_for(lambda: _get(port, "/")[0] == 200, 60), "the server did not start"
        status, body = _get(port, "/services?search=Just%20Good%20Friends")
        assert status == 200 and "Just Good Friends" in _names(body)

        # A slow client: headers and half a body, then nothing.
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
            conn.sendall(
                b"POST /match HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                b'Content-Length: 100\r\n\r\n{"needs": ['
            )
            started = time.monotonic()
            reply = conn.recv(65536)
            assert reply.startswith(b"HTTP/1.1 408") and time.monotonic() - started < 4

        # A file edited while serving is picked up; a broken one is not.
        file = folder / "just-good-friends.yaml"
        good = file.read_text()
        file.write_text(good.replace("name: Just Good Friends", "name: Good Friends Club"))
        assert _wait_for(
            lambda: "Good Friends Club" in _names(_get(port, "/services?search=Good%20Club")[1]),
            20,
        ), "the edit was not picked up"
        file.write_text("name: [broken\n")
        time.sleep(1.5)  # debounce, then the failed reload
        status, body = _get(port, "/services?search=Good%20Club")
        assert status == 200 and "Good Friends Club" in _names(body)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "catalogue reload failed" in output and "just-good-friends.yaml:2:1:" in output
    assert "catalogue reloaded: 38 assets" in output
    assert "POST /match 408" in output and "Good%20Friends" not in output
