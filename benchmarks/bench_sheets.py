"""Benchmark: reading one directory saved as CSV, as an Excel workbook and as an .ods.

The same N rows (1k/10k by default; 100k for CSV and xlsx with ``--sizes``) are written
as CSV UTF-8, as ``.xlsx`` (openpyxl) and as ``.ods`` (odfpy, as LibreOffice saves it:
the blank cells to the sheet's edge repeated), then read by ``socialrx.sheets.read_sheet``
into CSV text, in this process. The baseline is reading the CSV file itself (its text
is what every format becomes). The check that results agree: the three texts hold the
same rows. Figures: seconds per format, and the ratio to the CSV baseline.

An .ods is parsed into a whole XML tree by odfpy, so its time and memory grow faster
than a workbook's: large directories are better saved as CSV or .xlsx (the importer's
hint says so above 60 MB of sheet XML).

Run:  python benchmarks/bench_sheets.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
from pathlib import Path

from socialrx.sheets import read_sheet

HEADER = ["Group name", "Description", "Day", "Time", "Postcode", "Phone", "Cost", "Checked"]


def _rows(n: int) -> list[list[str]]:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    return [
        [f"Knit and Natter {i}", f"Knitting and a chat, group {i}.", days[i % 5], "10-12",
         f"LS6 {i % 9}AA", f"0113 496 {i % 1000:04d}", "£2", "2024-03-05"]
        for i in range(n)
    ]  # fmt: skip


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])


def _write_xlsx(path: Path, rows: list[list[str]]) -> None:
    import openpyxl  # deferred: only this benchmark writes workbooks

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Groups")
    for row in [HEADER, *rows]:
        sheet.append(row)
    book.save(path)


def _write_ods(path: Path, rows: list[list[str]]) -> None:
    # Deferred: odfpy is the optional `ods` extra.
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Groups")
    for values in [HEADER, *rows]:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        row.addElement(TableCell(numbercolumnsrepeated=1016))  # to the sheet's edge
        table.addElement(row)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


def _table(text: str) -> list[list[str]]:
    return [r for r in csv.reader(io.StringIO(text)) if any(r)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    print(f"{'rows':>7} {'format':>6} {'read s':>8} {'x CSV':>7}")
    with tempfile.TemporaryDirectory(prefix="bench-sheets-") as tmp:
        for n in args.sizes:
            rows = _rows(n)
            texts: dict[str, str] = {}
            times: dict[str, float] = {}
            for suffix, write in (
                (".csv", _write_csv),
                (".xlsx", _write_xlsx),
                (".ods", _write_ods),
            ):
                if suffix == ".ods" and n > 20_000:
                    continue  # a whole XML tree: see the module's note
                path = Path(tmp) / f"directory-{n}{suffix}"
                write(path, rows)
                start = time.perf_counter()
                texts[suffix], _ = read_sheet(path)
                times[suffix] = time.perf_counter() - start
            expected = _table(texts[".csv"])
            for suffix, text in texts.items():
                assert _table(text) == expected, f"{suffix} read differently from the CSV"
                ratio = times[suffix] / times[".csv"]
                print(f"{n:>7} {suffix[1:]:>6} {times[suffix]:>8.3f} {ratio:>7.1f}")
    print("results agree: every format gave the CSV's rows")


if __name__ == "__main__":
    main()
