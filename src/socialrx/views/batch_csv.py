"""The batch results file: one CSV row per person, written atomically.

The rows and their columns are data (:func:`socialrx.batch.batch_records`,
:func:`socialrx.batch.batch_columns`); this module only writes them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

from socialrx.batch import BatchRow, batch_columns, batch_records
from socialrx.output import atomic_writer, csv_record

__all__ = ["write_batch_csv"]


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
        writer = csv.DictWriter(f, fieldnames=batch_columns(limit), lineterminator="\r\n")
        writer.writeheader()
        for record in batch_records(rows, limit=limit):
            writer.writerow(csv_record({k: "" if v is None else v for k, v in record.items()}))
            count += 1
            if progress is not None:
                progress(count)
    return count
