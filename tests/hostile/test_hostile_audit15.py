"""The second hostile-input audit: the entry points the first one did not reach.

The site builder, the importer, a closed standard output, people files with cells
larger than the csv module's limit, an empty or mistaken catalogue folder, and the
HTTP API's query parameters and body encodings. One test per class of failure found
(fictional data only); every class here gave a traceback, exit code 70, a lost file
of rows, a silent wrong answer or a misleading message before it was fixed.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers_hostile import asset_text, catalogue, one_line, run

from socialrx import load_catalogue
from socialrx.catalogue import parse_person_text
from socialrx.cli import main
from socialrx.errors import CatalogueErrors, PersonError
from socialrx.inputs import csv_rows

SECRET = "Zqx-Private-417"  # put in person values; must never come back in a message


def _results(path: Path) -> list[tuple[str, str]]:
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return [(r["id"], r["status"]) for r in rows]


# ------------------------------------------------------------------ site


@pytest.mark.slow  # over a second: the site's pages, or three 50,000-value files
def test_site_suggest_links_for_a_catalogue_outside_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The asset page asked for an "edit" link that only files inside the repository
    # folder have: the whole site stopped with exit code 70 (jinja2 UndefinedError).
    cat = catalogue(tmp_path / "cat")
    out = tmp_path / "site"
    code, _, err = run(
        capsys, "site", str(cat), "-o", str(out), "--no-cache",
        "--repository", "https://github.com/example/directory",
    )  # fmt: skip
    assert code == 0, err
    page = (out / "asset" / "walk.html").read_text(encoding="utf-8")
    assert "Suggest a change" in page and "edit this entry yourself" not in page


# ------------------------------------------------------------------ catalogue folders


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "{cat}"],
        ["match", "--catalogue", "{cat}", "--postcode", "FY8 2NP"],
        ["batch", "docs/people-template.csv", "--catalogue", "{cat}", "-o", "{out}"],
        ["site", "{cat}", "-o", "{out}"],
    ],
    ids=["validate", "match", "batch", "site"],
)
def test_a_folder_with_no_asset_files_is_not_an_empty_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    # A mistyped or wrong folder read as a catalogue of nothing: validate said "All 0
    # assets are valid" and match "None of the 0 activities suit this person", exit 0.
    folder = tmp_path / "Documents"
    (folder / "notes").mkdir(parents=True)
    (folder / "notes" / "list.txt").write_text("not an asset\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    filled = [a.format(cat=folder, out=out) for a in argv]
    code, stdout, err = run(capsys, *filled, "--no-cache")
    assert code == 1 and not out.exists()
    said = err if filled[0] != "validate" else stdout.splitlines()[0]
    assert "this folder has no asset files (.yaml) in it or its sub-folders" in said
    assert "give the folder that holds the catalogue" in said


# ------------------------------------------------------------------ the CLI's streams


def test_a_closed_standard_output_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `socialrx match ... >&-`: Python sets sys.stdout to None; printing failed inside
    # socialrx (AttributeError, exit 70).
    monkeypatch.setattr(sys, "stdout", None)
    code = main(
        ["match", "--catalogue", "tests/fixtures/valid", "--postcode", "FY8 2NP", "--no-cache"]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert (
        one_line(err) == "socialrx: error: standard output is closed, so nothing could be printed"
    )


# ------------------------------------------------------------------ imported feeds


def test_a_number_of_thousands_of_digits_in_a_feed_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Python refuses to read an integer of over 4300 digits (ValueError): exit 70.
    feed = tmp_path / "feed.json"
    feed.write_text('[{"id": "s1", "name": "Walk", "age": ' + "9" * 5000 + "}]", encoding="utf-8")
    code, _, err = run(capsys, "import", str(feed), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "a number in the input has thousands of digits" in one_line(err)
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ people files


def test_a_cell_over_128_kb_loses_only_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The csv module's 128 kB cell limit refused the whole people file.
    cat = catalogue(tmp_path / "cat")
    people = tmp_path / "people.csv"
    people.write_text(
        f"id,postcode,interests\nP1,FY8 2NP,{SECRET * 20_000}\nP2,FY8 2NP,walks\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "batch", str(people), "--catalogue", str(cat), "-o", str(out))
    assert code == 1 and SECRET not in err
    assert "row 2 (id P1), column interests: the text is longer than 1000 characters" in err
    assert "String should" not in err
    assert _results(out) == [("P1", "error"), ("P2", "ok")]


def test_an_unclosed_quote_with_128_kb_after_it_loses_only_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The cell the quote opened grew past 128 kB before the file ended: the csv module
    # stopped with an error and every row was lost (hostile14's fix covered short files).
    cat = catalogue(tmp_path / "cat")
    people = tmp_path / "people.csv"
    people.write_text(
        f'id,postcode,interests\nP1,FY8 2NP,walks\nP2,FY8 2NP,"{SECRET}\n'
        + "\n" * 150_000
        + "P3,FY8 2NP,music\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "batch", str(people), "--catalogue", str(cat), "-o", str(out))
    assert code == 1 and SECRET not in err
    assert 'row 3 (id P2): a quotation mark (") in this row is never closed' in err
    assert _results(out) == [("P1", "ok"), ("P2", "error"), ("P3", "ok")]


def test_csv_rows_recovers_when_an_unclosed_cell_passes_any_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Past the 16 MiB the reader allows, the csv module's error is the open quote's fault.
    previous = csv.field_size_limit(1000)
    monkeypatch.setattr("socialrx.inputs._CELL_LIMIT", 1000)
    try:
        text = 'id,x\nP1,"open\n' + "a,b\n" * 400 + "P9,z\n"
        rows = list(csv_rows(io.StringIO(text)))
    finally:
        csv.field_size_limit(previous)
    assert rows[1] == (["P1", "open"], True)
    assert rows[2] == (["a", "b"], False) and rows[-1] == (["P9", "z"], False)
    csv.field_size_limit(1000)
    try:  # a single cell past the limit still stops the file: it would take the memory
        with pytest.raises(csv.Error):
            list(csv_rows(io.StringIO("id,x\nP1," + "a" * 2000 + "\n")))
    finally:
        csv.field_size_limit(previous)


def test_batch_says_too_many_values_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = catalogue(tmp_path / "cat")
    people = tmp_path / "people.csv"
    people.write_text(
        "id,postcode,interests\nP1,FY8 2NP," + ";".join(["dancing"] * 150) + "\n",
        encoding="utf-8",
    )
    code, _, err = run(
        capsys, "batch", str(people), "--catalogue", str(cat), "-o", str(tmp_path / "o.csv")
    )
    assert code == 1
    assert "column interests: there are more than 100 of them" in err
    assert "List should" not in err


# ------------------------------------------------------------------ YAML size


@pytest.mark.slow  # over a second: the site's pages, or three 50,000-value files
def test_a_long_list_without_aliases_is_not_blamed_on_aliases(tmp_path: Path) -> None:
    # "remove the anchors (&) and aliases (*)" was the hint for a file that has none.
    long = "interests: [" + ", ".join(["tea"] * 50_001) + "]\n"
    with pytest.raises(PersonError) as caught:
        parse_person_text(long)
    said = str(caught.value)
    assert "the file has more than 50,000 values" in said and "alias" not in said
    assert "a profile is a few short lists" in said
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcd", "bcde", strict=True)
    )
    with pytest.raises(PersonError, match="expands to more than 50,000 values"):
        parse_person_text(bomb + "interests: *e\n")
    file = tmp_path / "walk.yaml"
    file.write_text(asset_text() + "activities: [" + ", ".join(["tea"] * 50_001) + "]\n")
    with pytest.raises(CatalogueErrors, match="an asset file is a few short lists"):
        load_catalogue(file)


# ------------------------------------------------------------------ the HTTP API


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    pytest.importorskip("starlette", reason="the serve extra is not installed")
    from starlette.testclient import TestClient  # deferred: the serve extra is optional

    from socialrx.serve import Settings, create_app  # deferred with it

    with TestClient(create_app(load_catalogue("tests/fixtures/valid"), Settings(watch=False))) as c:
        yield c


@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    [
        "/services?page=1&page=2",
        "/service_at_locations?per_page=5&per_page=900",
        "/match?limit=-5&limit=3",
    ],
)
def test_the_api_refuses_a_parameter_given_twice(client: Any, path: str) -> None:
    # The last one silently counted: `?limit=-5&limit=3` was a 200.
    name = path.split("?")[1].split("=")[0]
    if path.startswith("/match"):
        got = client.post(path, json={"needs": ["loneliness"]})
    else:
        got = client.get(path)
    assert got.status_code == 400
    assert got.json()["problems"] == [
        {"field": name, "message": "given more than once", "hint": f"give {name} once"}
    ]


@pytest.mark.slow
def test_the_api_says_a_compressed_body_is_not_read(client: Any) -> None:
    # A gzip body was read as text and refused as "not UTF-8 text".
    body = gzip.compress(f'{{"postcode": "{SECRET}"}}'.encode())
    got = client.post(
        "/match",
        content=body,
        headers={"content-type": "application/json", "content-encoding": "gzip"},
    )
    assert got.status_code == 415 and SECRET not in got.text
    assert got.json()["error"] == "the body is compressed (Content-Encoding); send plain JSON"
    plain = client.post(
        "/match", json={"needs": ["loneliness"]}, headers={"content-encoding": "identity"}
    )
    assert plain.status_code == 200
