"""Benchmark: ``set-status`` across many asset files, against a plain line-by-line rewrite.

Copies the example assets N times (ids made unique) into a scratch folder, then in one
process times:

* socialrx: ``select_files`` (a ``--where`` that picks every entry) + ``set_status`` +
  ``write_edits`` — the whole ``socialrx set-status … --yes`` except argument parsing.
  Every file is parsed (libyaml), edited at the parser's positions, and replaced
  atomically (one flush to disk for the batch).
* baseline: the fastest honest hand-rolled edit — read each file, rewrite the
  ``status:`` / ``status_note:`` lines with string operations (no YAML parsing, no
  selection, no atomic replace), write it back. It only works because every example
  keeps those fields on one line; it is what a ``sed`` one-liner would do.

Both runs start from identical copies; the check at the end asserts the two produce
byte-identical files, so the comparison is like for like.

Run:  python benchmarks/bench_set_status.py [--sizes 1000 10000] [--dir /dev/shm]
Target (issue 17): 10,000 files in under 10 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from socialrx.upkeep import select_files, set_status, write_edits

ROOT = Path(__file__).resolve().parents[1]
NOTE = "Indoor groups closed until further notice"
ON = date(2026, 11, 30)


def make_copies(folder: Path, count: int) -> None:
    examples = sorted((ROOT / "assets").rglob("*.yaml"))
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in examples]
    for n in range(count):
        stem, text = texts[n % len(texts)]
        sub = folder / f"area-{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{stem}-{n}.yaml").write_text(text, encoding="utf-8")


def run_socialrx(folder: Path) -> int:
    files = select_files(folder, ["status=active,temporarily-closed,inactive,defunct"])
    edits = set_status(files, "temporarily-closed", note=NOTE, on=ON)
    return write_edits(edits)


def _baseline_text(text: str) -> str:
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("status:"))
    if lines[at] == "status: temporarily-closed":
        since: list[str] = []
    else:
        since = [f"status_since: {ON.isoformat()}"]
    lines[at] = "status: temporarily-closed"
    note = f"status_note: {NOTE}"
    if at + 1 < len(lines) and lines[at + 1].startswith("status_note:"):
        lines[at + 1 : at + 2] = [note, *since]
    else:
        lines[at + 1 : at + 1] = [note, *since]
    return "\n".join(lines)


def run_baseline(folder: Path) -> int:
    count = 0
    for path in sorted(folder.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        new = _baseline_text(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            count += 1
    return count


def bench(size: int, scratch: Path) -> None:
    ours, theirs = scratch / f"ours-{size}", scratch / f"baseline-{size}"
    for folder in (ours, theirs):
        folder.mkdir()
        make_copies(folder, size)
    started, cpu = time.perf_counter(), time.process_time()
    written = run_socialrx(ours)
    took, took_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    base_written = run_baseline(theirs)
    base_took, base_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert written == base_written, (written, base_written)
    for path in ours.rglob("*.yaml"):
        twin = theirs / path.relative_to(ours)
        assert path.read_bytes() == twin.read_bytes(), path
    # Wall time is what a user waits; CPU time shows the cost when other work shares the
    # cores (the machine's load average is printed too).
    print(
        f"{size:>7,} files: socialrx set-status {took:6.2f} s wall, {took_cpu:6.2f} s CPU "
        f"({took / size * 1000:.2f} ms/file); line rewrite {base_took:6.2f} s wall, "
        f"{base_cpu:6.2f} s CPU; ratio {took / base_took:.1f}x wall, "
        f"{took_cpu / base_cpu:.1f}x CPU; {written:,} files changed, outputs identical; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    shutil.rmtree(ours)
    shutil.rmtree(theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--dir", default=None, help="scratch folder (default: the system's)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        for size in args.sizes:
            bench(size, Path(scratch))


if __name__ == "__main__":
    main()
