"""Putting an import into its folder: all at once, and without losing anyone's edits.

An import is built in a temporary folder beside the output folder and moved into
place at the very end, so a crash or ``kill -9`` part-way leaves either the old
folder or the new one, never half of one.

Importing the same source again into the same folder keeps what people edited by
hand. The last imported version of every file is kept in ``DIR/.last-import/``
(as ``files/<name>.yaml.base``, which no catalogue reads);
for each file:

* unchanged since the last import: replaced by the new version;
* edited by hand: a **three-way merge per field** — a field only the source changed
  takes the source's value, a field only the person changed keeps the edit, a field
  both changed keeps the edit and is reported as a **conflict**;
* edited by hand and never imported before (no last imported version): kept as it
  is, and reported, unless ``force`` is given;
* deleted by hand: not recreated (reported) unless ``force`` is given;
* no longer in the source (**deleted upstream**): reported, never deleted.

Example:
    >>> merge_fields({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 3})
    ({'a': 2, 'b': 3}, [])
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from socialrx.errors import CatalogueError, UnreadableInputError
from socialrx.yamlio import parse_yaml

__all__ = [
    "LAST_IMPORT",
    "MergeReport",
    "Planned",
    "apply_import",
    "merge_fields",
]

LAST_IMPORT = ".last-import"
"""Hidden folder (inside the output folder) with the last imported version of each file."""
_STATE = "state.json"
_BASE_SUFFIX = ".base"
"""Kept copies are not ``.yaml`` files, so catalogues and ``validate`` never read them."""
_MISSING = object()


@dataclass(frozen=True)
class Planned:
    """One file an import wants to write.

    Attributes:
        path: Relative to the output folder, ``/``-separated.
        text: The file's text as the source gives it now.
        mergeable: True for asset files, merged per field with hand edits (the text is
            parsed only then, so a large import does not hold every file twice).
        comment: The comment lines to put on top of a merged file (for ``render``).
    """

    path: str
    text: str
    mergeable: bool = False
    comment: str = ""


@dataclass
class MergeReport:
    """What an import did (or, for a dry run, would do) to each file."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    """Edited by hand and updated from the source, keeping the edits."""
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    """``(file, field)``: both the person and the source changed it; the edit was kept."""
    kept: list[str] = field(default_factory=list)
    """Changed since the last import (or never imported here) and left as they are."""
    removed_by_hand: list[str] = field(default_factory=list)
    deleted_upstream: list[str] = field(default_factory=list)
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON report."""
        return {
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": self.updated,
            "unchanged": len(self.unchanged),
            "merged_with_edits": self.merged,
            "conflicts": [{"file": f, "field": k} for f, k in self.conflicts],
            "kept_changed_files": self.kept,
            "removed_by_hand": self.removed_by_hand,
            "deleted_upstream": self.deleted_upstream,
        }

    def lines(self) -> list[str]:
        """Lines for the terminal and the text report."""
        verb = "would be" if self.dry_run else ""
        out = [
            f"  files:         {len(self.created)} new, {len(self.updated)} updated, "
            f"{len(self.merged)} merged with hand edits, {len(self.unchanged)} unchanged"
            + (f" ({verb} written)" if self.dry_run else "")
        ]
        if self.conflicts:
            out.append(
                f"  conflicts:     {len(self.conflicts)} fields edited by hand and upstream;"
            )
            out.append("                 the hand edit was kept (see the report)")
        if self.kept:
            out.append(
                f"  kept:          {len(self.kept)} files changed since the last import were "
                "left as they are (--force to overwrite)"
            )
        if self.removed_by_hand:
            out.append(f"  not recreated: {len(self.removed_by_hand)} files deleted by hand")
        if self.deleted_upstream:
            out.append(
                f"  gone upstream: {len(self.deleted_upstream)} files are no longer in the "
                "source (left in place; check and delete them)"
            )
        return out


def merge_fields(
    base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Three-way merge of two edits of ``base``, field by field; returns the conflicts.

    A field both sides changed differently keeps ``mine`` (the hand edit).
    """
    merged: dict[str, Any] = {}
    conflicts: list[str] = []
    for key in [
        *mine,
        *(k for k in theirs if k not in mine),
        *(k for k in base if k not in mine and k not in theirs),
    ]:
        b, m, t = (d.get(key, _MISSING) for d in (base, mine, theirs))
        if m == b:
            value = t
        elif t in (b, m):
            value = m
        else:
            value = m
            conflicts.append(key)
        if value is not _MISSING:
            merged[key] = value
    return merged, conflicts


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _inside(root: Path, relative: str) -> Path:
    """``root/relative``, refusing anything that would land outside ``root``."""
    target = root / relative
    if Path(relative).is_absolute() or ".." in Path(relative).parts:
        raise UnreadableInputError(f"refusing to write outside the output folder: {relative!r}")
    return target


def _read_state(out: Path) -> dict[str, str]:
    try:
        state = json.loads((out / LAST_IMPORT / _STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = state.get("files") if isinstance(state, dict) else None
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _plain(text: str) -> dict[str, Any] | None:
    with contextlib.suppress(CatalogueError):
        data = parse_yaml(text).data
        if isinstance(data, dict):
            return data
    return None


@dataclass
class _Plan:
    """The decisions so far, and where a file's new text goes (None: a dry run)."""

    stage: Path | None
    report: MergeReport = field(default_factory=MergeReport)

    def write(self, path: str, text: str) -> None:
        """Put one file's final text into the staging folder straight away."""
        if self.stage is not None:
            _put(self.stage, path, text)


def _put(root: Path, path: str, text: str) -> None:
    target = _inside(root, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _decide(
    out: Path,
    item: Planned,
    state: dict[str, str],
    plan: _Plan,
    *,
    force: bool,
    render: Callable[[Planned, dict[str, Any]], str | None],
) -> None:
    target = _inside(out, item.path)
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    base_file = out / LAST_IMPORT / "files" / (item.path + _BASE_SUFFIX)
    base = base_file.read_text(encoding="utf-8") if base_file.is_file() else None
    r = plan.report
    if current is None:
        if item.path in state and not force:
            r.removed_by_hand.append(item.path)
        else:
            r.created.append(item.path)
            plan.write(item.path, item.text)
    elif current == item.text:
        r.unchanged.append(item.path)
    elif force or (base is not None and current == base):
        r.updated.append(item.path)
        plan.write(item.path, item.text)
    elif base is not None and item.mergeable:
        _merge_one(item, base, current, plan, render)
    else:
        r.kept.append(item.path)


def _merge_one(
    item: Planned,
    base: str,
    current: str,
    plan: _Plan,
    render: Callable[[Planned, dict[str, Any]], str | None],
) -> None:
    r = plan.report
    base_data, mine, theirs = _plain(base), _plain(current), _plain(item.text)
    if base_data is None or mine is None or theirs is None:
        r.kept.append(item.path)
        return
    merged, conflicts = merge_fields(base_data, mine, theirs)
    text = render(item, merged)
    if text is None:  # the merge does not validate: keep the person's file
        r.kept.append(item.path)
        r.conflicts.append((item.path, "(whole file)"))
        return
    r.conflicts.extend((item.path, key) for key in conflicts)
    if text != current:
        r.merged.append(item.path)
        plan.write(item.path, text)
    else:
        r.unchanged.append(item.path)


def _recover(out: Path) -> None:
    """Tidy up after an import that was killed: restore or remove its temporary folders."""
    for leftover in out.parent.glob(f".{out.name}.old-*"):
        if not out.exists():
            os.rename(leftover, out)  # killed between the two renames: put the old one back
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in out.parent.glob(f".{out.name}.import-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _swap_in(out: Path, stage: Path) -> None:
    """Move the finished folder into place (two renames; a crash between them is recovered)."""
    if out.exists():
        old = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:8]}"
        os.rename(out, old)
        os.rename(stage, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(stage, out)


def _base_files(stage: Path) -> Path:
    """A fresh folder for the last imported versions (the old ones are superseded)."""
    files = stage / LAST_IMPORT / "files"
    shutil.rmtree(stage / LAST_IMPORT, ignore_errors=True)
    files.mkdir(parents=True)
    return files


def _write_state(stage: Path, state: dict[str, str]) -> None:
    (stage / LAST_IMPORT / _STATE).write_text(
        json.dumps({"format": 1, "files": state}, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )


def _apply_all(
    out: Path,
    items: Iterable[Planned],
    state: dict[str, str],
    plan: _Plan,
    *,
    force: bool,
    render: Callable[[Planned, dict[str, Any]], str | None],
    absent_means_gone: str | None,
) -> dict[str, str]:
    """Decide (and stage) every file one by one; the new state of the last import."""
    files = _base_files(plan.stage) if plan.stage is not None else None
    new_state = dict(state)
    produced: set[str] = set()
    for item in items:
        _decide(out, item, state, plan, force=force, render=render)
        if files is not None:
            _put(files, item.path + _BASE_SUFFIX, item.text)
        new_state[item.path] = _digest(item.text)
        produced.add(item.path)
    if absent_means_gone is not None:
        plan.report.deleted_upstream = sorted(
            p for p in state if p not in produced and _imported_from(out / p, absent_means_gone)
        )
    return new_state


_SOURCE_SYSTEM = re.compile(r"^source:\n(?:[ #].*\n)*?  system: ['\"]?([\w.-]+)", re.M)


def _imported_from(path: Path, system: str) -> bool:
    """True when the file is there and its ``source.system`` is ``system`` (a file another
    source wrote into the same folder is not gone from this one)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    found = _SOURCE_SYSTEM.search(text)
    return found is None or not system or found.group(1) == system


def apply_import(
    out_dir: str | Path,
    items: Iterable[Planned],
    *,
    force: bool = False,
    dry_run: bool = False,
    render: Callable[[Planned, dict[str, Any]], str | None],
    absent_means_gone: str | None = "",
) -> MergeReport:
    """Write an import's files into ``out_dir`` all at once, merging with hand edits.

    ``items`` may be a generator: each file is decided and written to the staging
    folder as it comes, so an import of 100,000 records never holds them all.

    Args:
        out_dir: The output folder (created if needed).
        items: Every file the import produced, as the source gives it now.
        force: Overwrite files changed by hand, and recreate files deleted by hand.
        dry_run: Decide and report, but write nothing.
        render: Turns merged plain data back into file text, or None when the merged
            data is not valid (the person's file is then kept).
        absent_means_gone: The import's system when the input is the whole feed: a file
            an earlier import of that system wrote that is not in ``items`` is reported as
            gone upstream. ``""`` counts every such file; None (one page of a feed, one
            service) counts none.

    Returns:
        What was (or would be) done to each file.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UnreadableInputError(f"{out}: exists and is not a folder")
    if not dry_run:
        _recover(out)
    state = _read_state(out) if out.is_dir() else {}
    if dry_run:
        plan = _Plan(stage=None, report=MergeReport(dry_run=True))
        _apply_all(
            out, items, state, plan, force=force, render=render, absent_means_gone=absent_means_gone
        )
        return plan.report
    stage = out.parent / f".{out.name}.import-{uuid.uuid4().hex[:8]}"
    try:
        if out.is_dir():
            shutil.copytree(out, stage, symlinks=True)
        else:
            stage.mkdir(parents=True)
        plan = _Plan(stage=stage)
        new_state = _apply_all(
            out, items, state, plan, force=force, render=render, absent_means_gone=absent_means_gone
        )
        _write_state(stage, new_state)
        _swap_in(out, stage)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return plan.report
