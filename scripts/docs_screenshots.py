"""Make the screenshots in docs/tutorials/img/ with headless Chromium.

Everything shown is produced by socialrx itself from the example catalogue: the catalogue
check's messages on a new asset file with two mistakes (laid out beside the lines they are
about, as a pull request shows annotations), the large-print page a link worker prints
once the new group is in, the notebook display of a match result and the coverage-gap
report. Run it from the repository root after a change that alters what they show:

    python scripts/docs_screenshots.py            # needs chromium on PATH, matplotlib, Pillow

The pictures are reduced to 256 colours so the repository stays small.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # show this tree's socialrx, not an installed one

import socialrx  # noqa: E402 - needs the path above
from socialrx.views.html import result_table_html  # noqa: E402 - what Jupyter shows

OUT = ROOT / "docs" / "tutorials" / "img"
TODAY = date(2026, 11, 22)
NEW_ASSET = "ansdell-ukulele-club.yaml"

# The new asset file of the volunteer tutorial, with its two deliberate mistakes ...
TUTORIAL = ROOT / "docs" / "tutorials" / "volunteer.md"
(DRAFT,) = re.findall(r"```yaml\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), re.S)
# ... and the same file once the check's hints are followed.
FIXED = DRAFT.replace("[in person]", "[in-person]").replace("shedule:", "schedule:")

# A fictional person who would like it.
PERSON = {
    "postcode": "FY8 4EX",
    "age": 72,
    "needs": ["lonely"],
    "interests": ["music", "singing"],
    "max_travel_km": 2,
}

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 24px; color: #1f2328; background: #fff; }}
.file {{ border: 1px solid #d0d7de; border-radius: 6px; overflow: hidden; }}
.file h1 {{ font-size: 14px; margin: 0; padding: 8px 12px; background: #f6f8fa;
  border-bottom: 1px solid #d0d7de; }}
table {{ border-collapse: collapse; width: 100%; font: 13px/1.5 ui-monospace, monospace; }}
td.n {{ width: 3em; text-align: right; color: #6e7781; padding-right: 12px; }}
td.l {{ white-space: pre; }}
tr.note td {{ background: #fff5f5; border: 1px solid #ffc1c0; padding: 8px 12px;
  font: 14px system-ui, sans-serif; white-space: normal; }}
.note b {{ color: #cf222e; }}
</style></head><body>{body}</body></html>"""


def screenshot(page: Path, png: Path, width: int, height: int) -> None:
    """Render ``page`` in headless Chromium and save a 256-colour PNG."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    subprocess.run(
        [chromium, *flags, f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    Image.open(png).convert("RGB").quantize(256).save(png, optimize=True)
    print(f"{png.relative_to(ROOT)}: {png.stat().st_size // 1024} KiB")


def annotated_file(path: Path, github_lines: str) -> str:
    """The file's lines with each ``::error`` message shown under the line it names."""
    notes: dict[int, list[str]] = {}
    for line in github_lines.splitlines():
        found = re.match(r"::(error|warning) file=[^,]*,line=(\d+),col=\d+::(.*)", line)
        if found:
            notes.setdefault(int(found[2]), []).append(f"<b>{found[1]}</b> {html.escape(found[3])}")
    rows = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        rows.append(f'<tr><td class="n">{number}</td><td class="l">{html.escape(text)}</td></tr>')
        rows += [f'<tr class="note"><td></td><td>{n}</td></tr>' for n in notes.get(number, [])]
    table = "<table>" + "".join(rows) + "</table>"
    return f'<div class="file"><h1>assets/lytham-st-annes/{path.name}</h1>{table}</div>'


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run this tree's command line."""
    return subprocess.run(
        [sys.executable, "-m", "socialrx", *argv],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )


def volunteer(work: Path) -> None:
    """The check's messages on the draft, then the printed page with the new group in."""
    catalogue = work / "assets"
    shutil.copytree(ROOT / "assets" / "lytham-st-annes", catalogue / "lytham-st-annes")
    asset = catalogue / "lytham-st-annes" / NEW_ASSET
    asset.write_text(DRAFT, encoding="utf-8")
    check = run("validate", str(asset), "--format", "github")
    page = work / "check.html"
    page.write_text(PAGE.format(body=annotated_file(asset, check.stdout)), encoding="utf-8")
    screenshot(page, OUT / "volunteer-check.png", 900, 620)

    asset.write_text(FIXED, encoding="utf-8")
    person = work / "person.yaml"
    person.write_text("\n".join(f"{k}: {v}" for k, v in PERSON.items()) + "\n", encoding="utf-8")
    printed = work / "match.html"
    argv = ["match", "--catalogue", str(catalogue), "--person", str(person)]
    run(*argv, "--today", TODAY.isoformat(), "--limit", "3", "--format", "html", "-o", str(printed))
    screenshot(printed, OUT / "volunteer-match.png", 900, 680)


def analyst(work: Path) -> None:
    """A match result as a notebook shows it, and the coverage-gap report."""
    catalogue = socialrx.load_catalogue(ROOT / "assets")
    person = socialrx.load_person(ROOT / "examples" / "person-dorothy.yaml")
    result = socialrx.match(person, catalogue, limit=3, today=TODAY)
    page = work / "result.html"
    page.write_text(PAGE.format(body=result_table_html(result)), encoding="utf-8")
    screenshot(page, OUT / "analyst-result.png", 1000, 330)

    report = work / "gaps.html"
    # A short walk (1.5 km) shows where the example catalogue has gaps.
    argv = ["gaps", "--catalogue", str(ROOT / "assets"), "--area", "FY8", "--max-km", "1.5"]
    run(*argv, "-o", str(report))
    screenshot(report, OUT / "analyst-gaps.png", 1100, 1000)


def main() -> None:
    """Make every screenshot."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        volunteer(Path(tmp))
        analyst(Path(tmp))


if __name__ == "__main__":
    main()
