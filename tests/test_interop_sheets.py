"""Spreadsheets as people really send them (socialrx.sheets): Excel workbooks,
CSV saved by Excel on Windows, Excel's "Unicode text" and CSV with semicolons.

Every case imports the same two groups and checks what a volunteer would see: the
names with their accents, the £ prices, the dates and times as typed.
"""

from __future__ import annotations

import codecs
import csv
import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialrx.catalogue import load_catalogue
from socialrx.cli import main
from socialrx.errors import UnreadableInputError
from socialrx.interop import import_records
from socialrx.sheets import UTF16_NOTE, decode_sheet

HEADER = ["Name", "Summary", "Postcode", "Cost amount", "Cost per", "Last verified", "Phone"]
ROWS = [
    ["Café Crochet", "Crochet and a cuppa, £1.50 a go", "LS1 4AP", 1.5, "session", None, None],
    ["Walk and Talk", "A gentle walk", "LS6 2QB", 0, None, None, "0113 496 0123"],
]
TODAY = date(2026, 11, 30)


def _text_rows() -> list[list[str]]:
    return [HEADER] + [
        [str(c) if c is not None else "2026-10-01" if i == 5 else "" for i, c in enumerate(row)]
        for row in ROWS
    ]


def _csv(delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(_text_rows())
    return out.getvalue()


def _check(out: Path) -> None:
    assets = {a.name: a for a in load_catalogue(out)}
    assert set(assets) == {"Café Crochet", "Walk and Talk"}
    cafe = assets["Café Crochet"]
    assert cafe.summary == "Crochet and a cuppa, £1.50 a go"
    assert cafe.cost is not None and cafe.cost.amount == 1.5
    assert cafe.last_verified == date(2026, 10, 1)
    assert [loc.postcode for loc in cafe.locations] == ["LS1 4AP"]


def test_an_excel_workbook_is_read_from_its_groups_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    readme = book.active
    assert readme is not None
    readme.title = "Read me"
    readme.append(["This sheet lists community groups for link workers."])
    groups = book.create_sheet("Groups")
    groups.append([])  # a blank row above the header
    groups.append(HEADER)
    for row in ROWS:
        groups.append(
            [datetime(2026, 10, 1) if c is None and i == 5 else c for i, c in enumerate(row)]
        )
    path = tmp_path / "directory.xlsx"
    book.save(path)
    report = import_records(None, path, tmp_path / "out", today=TODAY)
    assert report.system == "csv"
    assert report.imported == 2
    assert any(
        "read the sheet 'Groups' (the other sheet was not read: 'Read me')" in w
        for w in report.warnings
    )
    _check(tmp_path / "out")


def test_workbook_cells_read_as_they_were_typed(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        ["name", "schedule", "cost_amount", "cost_per", "min_age", "last_verified", "phone"]
    )
    sheet.append(
        [
            "Chess Club",
            "tue 18:00-20:00 weekly",
            2.0,
            "session",
            18.0,
            date(2026, 9, 3),
            "0113 496 0456",
        ]
    )
    path = tmp_path / "chess.xlsx"
    book.save(path)
    [asset] = import_records(None, path, tmp_path / "out", today=TODAY).assets
    assert asset.eligibility is not None and asset.eligibility.min_age == 18
    assert asset.last_verified == date(2026, 9, 3)
    assert asset.cost is not None and asset.cost.amount == 2


@pytest.mark.parametrize(
    ("encoding", "delimiter", "note"),
    [
        ("utf-8-sig", ",", None),
        ("cp1252", ",", "Windows-1252"),
        ("utf-16", "\t", "UTF-16"),  # Excel's "Unicode text": tabs, with a byte-order mark
        ("utf-8", ";", None),  # Excel in much of Europe
    ],
)
def test_csv_in_excel_encodings_and_separators(
    tmp_path: Path, encoding: str, delimiter: str, note: str | None
) -> None:
    path = tmp_path / "directory.csv"
    path.write_bytes(_csv(delimiter).encode(encoding))
    report = import_records(None, path, tmp_path / "out", today=TODAY)
    assert report.imported == 2
    _check(tmp_path / "out")
    said = [w for w in report.warnings if "read as" in w]
    assert (note in said[0]) if note else not said


def test_old_and_other_spreadsheet_files_get_a_one_line_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "directory.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0 not really a workbook")
    with pytest.raises(UnreadableInputError, match=r"save it as \.xlsx or as CSV UTF-8"):
        import_records(None, old, tmp_path / "out")
    fake = tmp_path / "directory.ods"
    fake.write_bytes(b"\xd0\xcf\x11\xe0 not really a spreadsheet")
    with pytest.raises(UnreadableInputError, match=r"not an OpenDocument spreadsheet \(\.ods\)"):
        import_records(None, fake, tmp_path / "out")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 cut short")
    assert main(["import", str(broken), "-o", str(tmp_path / "out")]) != 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "not an Excel workbook" in err


@given(st.text(alphabet=st.characters(codec="cp1252", exclude_categories=("Cs",)), max_size=40))
def test_decoding_gives_back_what_was_written(text: str) -> None:
    for encoding in ("utf-8", "utf-8-sig", "cp1252", "utf-16"):
        data = text.encode(encoding)
        decoded, note = decode_sheet(data)
        if encoding == "cp1252" and note is None:  # these bytes were valid UTF-8 too
            assert decoded == data.decode("utf-8")
        elif encoding == "cp1252" and note == UTF16_NOTE:  # "ÿþ…" that is UTF-16 too
            assert decoded == data.decode("utf-16")
        else:
            assert decoded == text


def test_utf16_header_is_read_for_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "sheet.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Group name\tWhere\n".encode("utf-16-le"))
    out = tmp_path / "mapping.yaml"
    assert main(["import", str(path), "-o", str(tmp_path / "o"), "--write-mapping", str(out)]) == 0
    assert "Group name" in out.read_text(encoding="utf-8")
