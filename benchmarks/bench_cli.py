"""Benchmark: what a user waits for at the command line, cold and warm, and import time.

For each size it writes a synthetic catalogue (the files of ``bench_load.py``), then runs
``python -m socialrx match`` in fresh processes:

* cold — ``--no-cache``: every file read, validated and placed, every column built;
* warm — the catalogue cache primed by one earlier run (the files' assets and the
  prepared columns read back);

and checks that both print exactly the same matches. Import time is ``import socialrx``
against the floor of its own dependencies (numpy, pydantic, yaml, rapidfuzz) in fresh
processes. The floor for a warm run is a process that imports those dependencies and
unpickles the catalogue's own columns (ids, packed records and their offsets, place
coordinates) from one file: what any cache of this catalogue must at least read. Each
figure is the median of ``--repeat`` runs, as wall time and as CPU time (user + system
of the child: steadier on a busy machine), with the child's peak memory (max RSS); the
ratios cold / warm and warm / floor are taken in the same run. Children run with
bytecode caching on (``PYTHONDONTWRITEBYTECODE`` unset), as an installed package does.

Run:  python benchmarks/bench_cli.py [--sizes 1000 10000 100000] [--repeat 3]
Targets (issue 19): ``socialrx match`` on 10k assets ≤ 1.5 s warm, 100k ≤ 10 s warm;
``import socialrx`` ≤ 0.35 s on a 2-core machine.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SOCIALRX_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        py = [sys.executable]
        ours = [_run([*py, "-c", "import socialrx"], env) for _ in range(args.repeat)]
        floor = [_run([*py, "-c", FLOOR], env) for _ in range(args.repeat)]
        (ow, oc), (fw, fc) = _median(ours), _median(floor)
        print(f"import socialrx   wall {ow:6.2f}s cpu {oc:6.2f}s")
        print(f"import its deps   wall {fw:6.2f}s cpu {fc:6.2f}s   ratio (cpu) {oc / fc:4.1f}x")
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
