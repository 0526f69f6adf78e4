"""The batch results file: one CSV row per person, written atomically.

The rows and their columns are data (:func:`socialrx.batch.batch_records`,
:func:`socialrx.batch.batch_columns`); this module writes them, with one column of
wording beside each match: ``match_N_distance`` ("2.3 km away", or "about 2 km away
(from the postcode area)" when the distance rests on a postcode sector's centre).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

from socialrx.batch import BatchRow, batch_columns, batch_records
from socialrx.output import atomic_writer, csv_record
from socialrx.views.phrases import match_distance_text

__all__ = ["csv_columns", "write_batch_csv"]


def csv_columns(limit: int) -> list[str]:
    """The data's columns, with ``match_N_distance`` after each ``match_N_score``."""
    columns = []
    for name in batch_columns(limit):
        columns.append(name)
        if name.startswith("match_") and name.endswith("_score"):
            columns.append(name.replace("_score", "_distance"))
    return columns


def write_batch_csv(
    path: str | Path,
    rows: Iterable[BatchRow],
    *,
    limit: int,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write batch rows as CSV, atomically: the file appears only once complete.

    Args:
        path: Where to write.
        rows: The batch rows, in the people file's order.
        limit: Matches per person (four columns each).
        progress: Called with the number of rows written so far, after each row.

    Returns:
        The number of rows written.
    """
    count = 0
    with atomic_writer(path, newline="") as f:
        writer = csv.DictWriter(f, fieldnames=csv_columns(limit), lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            (record,) = batch_records([row], limit=limit)
            matches = [] if row.result is None else list(row.result.matches)[:limit]
            for n, m in enumerate(matches, start=1):
                record[f"match_{n}_distance"] = match_distance_text(m)
            writer.writerow(csv_record({k: "" if v is None else v for k, v in record.items()}))
            count += 1
            if progress is not None:
                progress(count)
    return count
