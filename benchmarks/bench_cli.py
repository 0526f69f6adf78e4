"""Benchmark: what a user waits for at the command line, cold and warm, and import time.

For each size it writes a synthetic catalogue (the files of ``bench_load.py``), then runs
``python -m socialrx match`` in fresh processes:

* cold — ``--no-cache``: every file read, validated and placed, every column built;
* warm — the catalogue cache primed by one earlier run (the files' assets and the
  prepared columns read back);

and checks that both print exactly the same matches. The floor for a warm run is a
process that imports socialrx's dependencies and unpickles the catalogue's own columns
(ids, packed records and their offsets, place coordinates) from one file: what any cache
of this catalogue must at least read. Each figure is the median of ``--repeat`` runs, as
wall time and as CPU time (user + system of the child: steadier on a busy machine), with
the child's peak memory (max RSS); the ratios cold / warm and warm / floor are taken in
the same run. Children run with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` unset),
as an installed package does.

Start-up comes first, each line from fresh processes run in turn (so a busy neighbour
slows every line alike): the floor of socialrx's dependencies (``import numpy, pydantic,
yaml, rapidfuzz``) and that floor with pydantic's model machinery (``BaseModel``, which
``import pydantic`` leaves for later); ``import socialrx`` (the version and the
exceptions: every other name loads on first use); ``from socialrx import match,
load_catalogue, Person`` (what matching one person imports); ``socialrx --help``; and
``socialrx match`` on the example catalogue shipped with socialrx, warm and with
``--no-cache``.

Run:  python benchmarks/bench_cli.py [--sizes 1000 10000 100000] [--repeat 3]
      (``--sizes`` with no number: start-up only)
Targets (issue 19): ``socialrx match`` on 10k assets ≤ 1.5 s warm, 100k ≤ 10 s warm;
``import socialrx`` ≤ 0.35 s on a 2-core machine where the floor takes 0.26 s (≤ 1.35x).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import write_catalogue  # the same synthetic files

PERSON = ["--postcode", "FY8 2NP", "--age", "72", "--needs", "lonely", "--interests", "dancing"]
FLOOR = "import numpy, pydantic, yaml, rapidfuzz"
EXAMPLE = Path(__file__).resolve().parents[1] / "assets"
DOROTHY = Path(__file__).resolve().parents[1] / "examples" / "person-dorothy.yaml"
# What each start-up line runs, after ``python``; floors first (ratios are against them).
STARTUP = {
    "python (nothing)": ["-c", "pass"],
    "floor: numpy, pydantic, yaml, rapidfuzz": ["-c", FLOOR],
    "floor + pydantic BaseModel": ["-c", FLOOR + "; from pydantic import BaseModel, Field"],
    "import socialrx": ["-c", "import socialrx"],
    "from socialrx import match, ...": ["-c", "from socialrx import match, load_catalogue, Person"],
    "socialrx --help": ["-m", "socialrx", "--help"],
    "socialrx match, example, warm": [
        "-m", "socialrx", "match", "--catalogue", str(EXAMPLE), "--person", str(DOROTHY),
    ],
    "socialrx match, example, --no-cache": [
        "-m", "socialrx", "match", "--catalogue", str(EXAMPLE), "--person", str(DOROTHY),
        "--no-cache",
    ],
}  # fmt: skip
COLUMNS_FLOOR = FLOOR + ", pickle, sys; pickle.load(open(sys.argv[1], 'rb'))"
# Runs ``python -m socialrx …`` and reports the process's peak memory on standard error.
# (VmHWM, not ru_maxrss: that one keeps the parent's peak across exec.)
PEAK = (
    "import atexit, runpy, sys; atexit.register(lambda: sys.stderr.write('\\nmaxrss=%s\\n' % "
    "next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))); "
    "sys.argv[0] = 'socialrx'; runpy.run_module('socialrx', run_name='__main__', alter_sys=True)"
)


def _write_columns(folder: Path, target: Path, env: dict[str, str]) -> None:
    """The floor's file: the catalogue's columns as plain objects, in one pickle."""
    code = (
        "import pickle, sys; from socialrx import load_catalogue; "
        "c = load_catalogue(sys.argv[1], cache=True); "
        "cols = (c.ids, c._blob, c._offsets, "
        "[[(p.latitude, p.longitude) for p in ps] for ps in c.asset_places]); "
        "pickle.dump(cols, open(sys.argv[2], 'wb'), protocol=pickle.HIGHEST_PROTOCOL)"
    )
    subprocess.run([sys.executable, "-c", code, str(folder), str(target)], check=True, env=env)


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float, str, float]:
    """Wall and CPU seconds of one child process, what it printed, its peak MB (if told)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, check=True, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = re.search(r"maxrss=(\d+)", done.stderr)
    return wall, cpu, done.stdout, int(peak.group(1)) / 1024 if peak else 0.0


def _median(runs: list[tuple[float, float, str, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def startup(py: list[str], env: dict[str, str], rounds: int) -> None:
    """Start-up lines, each the median of ``rounds`` fresh processes, run in turn."""
    _run([*py, *STARTUP["socialrx match, example, warm"]], env)  # primes the cache
    runs: dict[str, list[tuple[float, float, str, float]]] = {name: [] for name in STARTUP}
    for _ in range(rounds):
        for name, argv in STARTUP.items():
            runs[name].append(_run([*py, *argv], env))
    cpu = {name: _median(r)[1] for name, r in runs.items()}
    floor, models = (
        cpu["floor: numpy, pydantic, yaml, rapidfuzz"],
        cpu["floor + pydantic BaseModel"],
    )
    ready = cpu["from socialrx import match, ..."]
    print(f"start-up, median of {rounds} fresh processes each (CPU s; wall s in brackets)")
    print(f"{'':<40} {'cpu':>6} {'(wall)':>7} {'x floor':>8} {'x models':>9} {'x ready':>8}")
    for name, r in runs.items():
        wall, c = _median(r)
        print(
            f"{name:<40} {c:>6.3f} {wall:>7.3f} {c / floor:>7.2f}x {c / models:>8.2f}x "
            f"{c / ready:>7.2f}x"
        )
    print(
        "(x floor: against the floor of the dependencies; x models: against that floor with "
        "pydantic's BaseModel; x ready: against importing what matching needs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SOCIALRX_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        py = [sys.executable]
        startup(py, env, rounds=max(5, 3 * args.repeat))
        if not args.sizes:
            return
        print()
        print(
            f"{'assets':>8} {'cold wall':>10} {'cold cpu':>9} {'warm wall':>10} "
            f"{'warm cpu':>9} {'cold/warm':>10} {'floor cpu':>10} {'warm/floor':>11} "
            f"{'peak cold':>10} {'peak warm':>10} agree"
        )
        for n in args.sizes:
            folder = Path(tmp) / f"c{n}"
            folder.mkdir()
            write_catalogue(folder, n)
            cmd = [*py, "-c", PEAK, "match", "--catalogue", str(folder), *PERSON]
            cold = [_run([*cmd, "--no-cache"], env) for _ in range(args.repeat)]
            _run(cmd, env)  # primes the cache
            warm = [_run(cmd, env) for _ in range(args.repeat)]
            agree = len({r[2] for r in cold + warm}) == 1
            columns = Path(tmp) / f"columns-{n}.pickle"
            _write_columns(folder, columns, env)
            floor = [_run([*py, "-c", COLUMNS_FLOOR, str(columns)], env) for _ in warm]
            (cw, cc), (ww, wc), (_, flc) = _median(cold), _median(warm), _median(floor)
            peak_cold = statistics.median(r[3] for r in cold)
            peak_warm = statistics.median(r[3] for r in warm)
            print(
                f"{n:>8} {cw:>9.2f}s {cc:>8.2f}s {ww:>9.2f}s {wc:>8.2f}s "
                f"{cc / wc:>9.1f}x {flc:>9.2f}s {wc / flc:>10.1f}x "
                f"{peak_cold:>8.0f}MB {peak_warm:>8.0f}MB {'yes' if agree else 'NO'}"
            )


if __name__ == "__main__":
    main()
