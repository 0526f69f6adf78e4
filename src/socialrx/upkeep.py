"""Keeping the directory true: record checks, and change many entries at once.

Two jobs a maintainer does when the world changes (the call list of entries due a
check, which comes first, is in :mod:`socialrx.calls`):

* :func:`verify` — record that entries were checked: ``last_verified`` and, when
  asked, ``status``, ``status_note`` and ``status_until``.
* :func:`set_status` — the same status edit across every entry a ``--where``
  selection (:func:`parse_where`, :func:`select_files`) picks: "every indoor group in
  FY8 is temporarily closed until further notice" is one call.

Edits never reformat a volunteer's file. Only the lines holding the changed values
are touched: the new value replaces the old one exactly where the YAML parser found
it, keeping comments, key order, quoting, blank lines and line endings; a field that
was absent gets its own line after the status fields. Everything else in the file is
byte-for-byte the same, which the tests check on every example asset.

Example:
    >>> text = "name: Knit and Natter  # Tuesdays\\nlast_verified: 2025-01-02\\n"
    >>> print(edit_text(text, {"last_verified": date(2026, 11, 30)}), end="")
    name: Knit and Natter  # Tuesdays
    last_verified: 2026-11-30
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from socialrx.errors import (
    CatalogueError,
    PostcodeError,
    SelectionError,
    UnknownAssetError,
)
from socialrx.geo import normalise_postcode, postcode_parts
from socialrx.model import DELIVERY, STATUSES
from socialrx.output import atomic_writer
from socialrx.vocabulary import NEEDS, closest, resolve_need
from socialrx.yamlio import MAX_FILE_BYTES, MAX_VALUES, parse_yaml

__all__ = [
    "AssetEdit",
    "AssetFile",
    "Condition",
    "area_prefix",
    "asset_files",
    "edit_text",
    "in_area",
    "parse_where",
    "read_asset_file",
    "select_files",
    "set_status",
    "unverified_change",
    "verify",
    "write_edits",
]

try:  # libyaml is ~10x faster; fall back to the pure-Python parser where it is absent
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]


class _Loader(_Parser, BaseResolver):
    """Builds the node tree only: no tag resolution, no Python objects constructed.

    Editing needs where each value is, and selection reads values as text, so the
    resolver's regular expressions (a third of the parse time) are skipped.
    """

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        BaseResolver.__init__(self)

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return _TAGS[kind]


_TAGS = {
    ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
    SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
    MappingNode: BaseResolver.DEFAULT_MAPPING_TAG,
}

Status = Literal["active", "temporarily-closed", "inactive", "defunct"]

# The status fields in the order they are written when a file lacks one of them: each
# new field goes after the last of the fields before it that the file already has.
_STATUS_ORDER = ("status", "status_note", "status_since", "status_until")


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class _Span:
    """Where one top-level field is in the text (indexes into the text without a BOM)."""

    line_start: int  # start of the line the key is on
    column: int  # 0-based column of the key
    key_end: int
    start: int  # the value's first character
    end: int  # just after the value's own text (a block scalar's blank lines excluded)
    line: int  # 1-based line of the key, for messages
    scalar: bool  # one value, not a list or mapping
    style: str | None  # ' or " when the value is quoted
    value: str  # the scalar's text ('' for lists and mappings)


# The fields selection and editing read; others are kept only as positions.
_READ_FIELDS = frozenset(
    {
        "id",
        "name",
        "organisation",
        "status",
        "status_note",
        "status_since",
        "status_until",
        "delivery",
        "access",
        "needs",
        "tags",
        "locations",
        "service_area",
        "last_verified",
    }
)


@dataclass(frozen=True)
class AssetFile:
    """One asset file as written: its text and its fields, unvalidated.

    Selection and editing work on this rather than on a validated :class:`Asset`, so a
    file with a schema problem elsewhere can still be found and have its status recorded
    (``socialrx check`` reports the problem). Only the fields a selection can name are
    read into :attr:`data`; the rest are kept as positions, so thousands of files fit in
    little memory.

    Attributes:
        path: The file.
        text: Its text, exactly as read.
        data: The id, name, organisation, status fields, delivery, access, needs, tags,
            locations, service_area and last_verified, as plain strings, lists and
            mappings without type resolution (dates stay text).
    """

    path: Path
    text: str
    data: Mapping[str, Any]
    spans: Mapping[str, _Span] = field(default_factory=dict, repr=False, compare=False)

    def has(self, name: str) -> bool:
        """Whether the file has the top-level field (even with an empty value)."""
        return name in self.spans

    @property
    def asset_id(self) -> str:
        """The ``id`` field, or the file name without ``.yaml``."""
        value = self.data.get("id")
        return value if isinstance(value, str) and value else self.path.stem

    def text_of(self, name: str) -> str:
        """A top-level text field, or '' when absent or not text."""
        value = self.data.get(name)
        return value if isinstance(value, str) else ""

    def words_of(self, name: str) -> list[str]:
        """A top-level list of words (``delivery``, ``needs``, …); a single word is a list."""
        value = self.data.get(name)
        if isinstance(value, str):
            return [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise CatalogueError(
            str(path),
            1,
            1,
            "",
            f"the file is too large ({len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,})",
            "an asset file is a few kilobytes; is this the right file?",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CatalogueError(
            str(path),
            1,
            1,
            "",
            "the file is not valid UTF-8 text",
            "save the file as UTF-8; most editors offer this under 'Save as' or 'Encoding'",
        ) from None


def _top(text: str, path: str) -> MappingNode:
    """The top-level mapping node of a text without BOM (raises a one-line error)."""
    try:
        node = yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    except yaml.YAMLError:
        parse_yaml(text, path)  # raises the loader's plain message with line and column
        raise  # pragma: no cover - parse_yaml rejects whatever compose rejects
    if not isinstance(node, MappingNode):
        raise CatalogueError(
            path, 1, 1, "", "the file is not a set of 'field: value' lines", "start with 'name:'"
        )
    if node.flow_style:
        raise CatalogueError(
            path,
            1,
            1,
            "",
            "the file is written as one {…} mapping, which cannot be edited line by line",
            "write one 'field: value' per line",
        )
    seen: set[str] = set()
    for key, _ in node.value:
        if key.value in seen:
            line, col = key.start_mark.line + 1, key.start_mark.column + 1
            raise CatalogueError(
                path, line, col, str(key.value), f"duplicate field '{key.value}'", "keep one"
            )
        seen.add(key.value)
    return node


class _Budget:
    def __init__(self, path: str) -> None:
        self.left = MAX_VALUES
        self.path = path

    def plain(self, node: Node) -> Any:
        self.left -= 1
        if self.left < 0:
            raise CatalogueError(
                self.path,
                node.start_mark.line + 1,
                1,
                "",
                f"the file expands to more than {MAX_VALUES:,} values",
                "remove the anchors (&) and aliases (*); an asset file never needs them",
            )
        if isinstance(node, ScalarNode):
            return node.value
        if isinstance(node, SequenceNode):
            return [self.plain(n) for n in node.value]
        assert isinstance(node, MappingNode)
        return {str(k.value): self.plain(v) for k, v in node.value}


def _read(path: Path, text: str | None = None) -> AssetFile:
    name = str(path)
    text = _decode(path) if text is None else text
    body = text[1:] if text.startswith("\ufeff") else text
    node = _top(body, name)
    budget = _Budget(name)
    data = {str(k.value): budget.plain(v) for k, v in node.value if k.value in _READ_FIELDS}
    return AssetFile(path, text, data, _spans(body, node))


def _spans(text: str, node: MappingNode) -> dict[str, _Span]:
    out = {}
    for key, value in node.value:
        scalar = isinstance(value, ScalarNode)
        start = int(value.start_mark.index)
        out[str(key.value)] = _Span(
            line_start=text.rfind("\n", 0, int(key.start_mark.index)) + 1,
            column=key.start_mark.column,
            key_end=int(key.end_mark.index),
            start=start,
            end=_content_end(text, value),
            line=key.start_mark.line + 1,
            scalar=scalar,
            style=value.style if scalar and value.style in ("'", '"') else None,
            value=str(value.value) if scalar else "",
        )
    return out


def read_asset_file(path: str | Path) -> AssetFile:
    """Read one asset file for selection or editing.

    Raises:
        CatalogueError: the file is not YAML, not a mapping, or repeats a field.
        OSError: it cannot be read.
    """
    return _read(Path(path))


def asset_files(paths: Sequence[str | Path]) -> list[Path]:
    """Every ``*.yaml`` file under the folders (searched recursively) or given directly.

    Raises:
        FileNotFoundError: a path does not exist.
    """
    found: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found.update(f for f in p.rglob("*.yaml") if f.is_file())
        elif p.exists():
            found.add(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    return sorted(found)


# ------------------------------------------------------------------ editing text


def _risky(value: str) -> bool:
    """True when a plain scalar would not read back as this exact text."""
    if not value or value != value.strip() or "\n" in value or "\r" in value:
        return True
    if value[0] in "!&*-?:,[]{}#|>@`\"'%" or ": " in value or " #" in value or value[-1] == ":":
        return True
    # Words YAML 1.1 readers (other tools) take for booleans, and numbers and dates.
    if re.fullmatch(
        r"(?:y|yes|n|no|on|off|true|false|null|~|[0-9:._+-]+|\.inf|\.nan)", value, re.IGNORECASE
    ):
        return True
    try:
        return bool(parse_yaml(f"k: {value}\n").data != {"k": value})
    except CatalogueError:
        return True


def _render(value: str | date, style: str | None) -> str:
    """The value as YAML, keeping the quoting the old value used where it can."""
    text = value.isoformat() if isinstance(value, date) else value
    if style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if style == '"' or (not isinstance(value, date) and _plain_risky(text)):
        return json.dumps(text, ensure_ascii=False)
    return text


@cache
def _plain_risky(value: str) -> bool:
    # set-status renders the same note thousands of times: parse it once
    return _risky(value)


_BLANK_TAIL = re.compile(r"(?:\r?\n[ \t]*)+\Z")


def _content_end(text: str, node: Node) -> int:
    """Where a value's own text ends (a block scalar's span also holds blank lines)."""
    end = int(node.end_mark.index)
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        tail = _BLANK_TAIL.search(text, int(node.start_mark.index), end)
        if tail is not None:
            return tail.start()
    return end


def _line_end(text: str, at: int) -> int:
    """Index just after the line break that ends the line holding ``at`` (or the end)."""
    nl = text.find("\n", at)
    return len(text) if nl < 0 else nl + 1


# One edit of the text: replace text[start:end] by the new text.
_Op = tuple[int, int, str]


def edit_text(
    text: str,
    changes: Mapping[str, str | date | None],
    *,
    path: str = "<string>",
) -> str:
    """Change top-level values of an asset file's text, touching only their lines.

    Args:
        text: The file's text.
        changes: Field → new value (text or a date); ``None`` removes the field.
            Fields the file lacks are added after the status fields (or at the end).
        path: The file name, for error messages.

    Returns:
        The new text: identical to ``text`` except the changed lines.

    Raises:
        CatalogueError: the text is not a block mapping of fields, repeats a field, or a
            field to change holds a list or mapping rather than one value.

    Example:
        >>> print(edit_text("status: active  # checked\\n", {"status": "inactive"}), end="")
        status: inactive  # checked
    """
    body = text[1:] if text.startswith("\ufeff") else text
    return _edit(text, _spans(body, _top(body, path)), changes, path)


def _edit(
    text: str, spans: Mapping[str, _Span], changes: Mapping[str, str | date | None], path: str
) -> str:
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    ops: list[_Op] = []
    added: dict[int, list[str]] = {}
    indent = " " * min((s.column for s in spans.values()), default=0)
    for name, value in changes.items():
        if name in spans:
            ops.extend(_change(body, spans[name], name, value, path))
        elif value is not None:
            at = _before_open_block(body, spans, _insert_at(body, _anchor(name, spans, changes)))
            added.setdefault(at, []).append(f"{indent}{name}: {_render(value, None)}")
    newline = "\r\n" if "\r\n" in body else "\n"
    added = _clear_of_removals(added, ops)
    for at, lines in added.items():
        lines.sort(key=_status_rank)
        if at and not body[:at].endswith("\n"):  # after a last line with no line break
            ops.append((at, at, "".join(newline + line for line in lines)))
        else:
            ops.append((at, at, "".join(line + newline for line in lines)))
    for start, end, new in sorted(ops, reverse=True):
        body = body[:start] + new + body[end:]
    return bom + body


def _before_open_block(text: str, spans: Mapping[str, _Span], at: int) -> int:
    """Where to insert instead of after a block scalar (``|``) that ends the file with no
    line break: a line after it would give its text a final line break it did not have."""
    if at != len(text) or text.endswith("\n") or not spans:
        return at
    last = max(spans.values(), key=lambda s: s.line_start)
    return last.line_start if text[last.start : last.start + 1] in ("|", ">") else at


def _clear_of_removals(added: dict[int, list[str]], ops: list[_Op]) -> dict[int, list[str]]:
    """Insertions that fall inside a removed span move to its start (never cut by it)."""
    removals = [(start, end) for start, end, new in ops if not new and end > start]
    moved: dict[int, list[str]] = {}
    for at, lines in added.items():
        for start, end in removals:
            if start < at <= end:
                at = start
        moved.setdefault(at, []).extend(lines)
    return moved


def _status_rank(line: str) -> int:
    name = line.strip().split(":", 1)[0]
    return _STATUS_ORDER.index(name) if name in _STATUS_ORDER else len(_STATUS_ORDER)


def _insert_at(text: str, after: _Span | None) -> int:
    if after is None:
        return len(text)
    return _line_end(text, max(after.end - 1, after.key_end))


def _change(text: str, span: _Span, name: str, value: str | date | None, path: str) -> list[_Op]:
    if not span.scalar:
        raise CatalogueError(
            path,
            span.line,
            1,
            name,
            f"{name} holds a list or mapping, not one value",
            f"write '{name}: value' on one line",
        )
    if value is None:
        start, end = span.line_start, _line_end(text, span.end)
        if end == len(text) and not text.endswith("\n") and start and _flush(text, start):
            start -= 2 if text[start - 2 : start] == "\r\n" else 1  # keep no final newline
        return [(start, end, "")]
    new = _render(value, span.style)
    if new == span.value and span.style is None:
        return []
    if span.start == span.end and text[span.start - 1 : span.start] == ":":
        new = " " + new  # 'field:' with no value
    return [(span.start, span.end, new)]


def _flush(text: str, start: int) -> bool:
    """True when the line before ``start`` is a top-level one: its line break can go.

    An indented line may end a block scalar (``|``), whose text keeps its final line
    break only while one follows it.
    """
    before = text[:start].rstrip("\r\n")
    last = before[before.rfind("\n") + 1 :]
    return not last[:1].isspace()


def _anchor(name: str, spans: Mapping[str, _Span], changes: Mapping[str, object]) -> _Span | None:
    """The field a new field goes after: the status field before it, else the last field.

    Fields being removed are passed over, so the new line never lands in a removed one.
    """
    before = _STATUS_ORDER[: _STATUS_ORDER.index(name)] if name in _STATUS_ORDER else ()
    for other in reversed(before):
        kept = other in spans and not (other in changes and changes[other] is None)
        if kept and spans[other].scalar:
            return spans[other]
    return None


# ------------------------------------------------------------------ edits


@dataclass(frozen=True)
class AssetEdit:
    """A change to one asset file: its text before and after.

    Attributes:
        path: The file.
        asset_id: The entry's id.
        before: The text now on disk.
        after: The text to write (equal to ``before`` when nothing changes).
    """

    path: Path
    asset_id: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        """Whether the edit changes the file."""
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff of the change (empty when nothing changes)."""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=self.path.as_posix(),
            tofile=self.path.as_posix(),
            n=1,
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)

    def write(self) -> None:
        """Write the new text atomically (nothing happens when nothing changes)."""
        if self.changed:
            with atomic_writer(self.path, newline="") as out:
                out.write(self.after)


def write_edits(edits: Iterable[AssetEdit]) -> int:
    """Write every changed file, each atomically, with one flush to disk for the batch.

    Like :func:`socialrx.output.atomic_writer`, each new text goes to a temporary file
    beside its target and replaces it in one step, so a reader sees the old file or the
    new one. The temporary files are flushed to disk together (one ``os.sync``) before
    any replaces its target: one flush per file would make a bulk change of thousands
    of files wait on the disk thousands of times.

    Returns:
        How many files were written.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for edit in edits:
            if edit.changed:
                staged.append((_stage(edit), edit.path))
        written = len(staged)
        if staged:
            os.sync()
        for n, (tmp, target) in enumerate(staged):
            os.replace(tmp, target)
            staged[n] = ("", target)
    except BaseException:
        for tmp, _ in staged:
            if tmp:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
        raise
    return written


def _stage(edit: AssetEdit) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{edit.path.name}.", suffix=".tmp", dir=edit.path.parent)
    try:
        os.chmod(tmp, edit.path.stat().st_mode & 0o777)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(edit.after)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _status_changes(
    file: AssetFile,
    on: date,
    status: str | None,
    note: str | None,
    until: date | None,
) -> dict[str, str | date | None]:
    changes: dict[str, str | date | None] = {}
    if status is not None and status != file.text_of("status"):
        changes["status"] = status
        changes["status_since"] = on
        if until is None and file.has("status_until"):
            changes["status_until"] = None  # it belonged to the old status
    if note is not None:
        changes["status_note"] = note.strip() or None
    if until is not None:
        changes["status_until"] = until
    return changes


def _check_status(status: str | None, until: date | None, on: date) -> None:
    if status is not None and status not in STATUSES:
        hint = closest(status, STATUSES)
        more = f"; did you mean '{hint}'?" if hint else ""
        raise SelectionError(
            f"'{status}' is not a status{more} (use one of: {', '.join(STATUSES)})"
        )
    if until is not None and until < on:
        raise SelectionError(
            f"--until {until.isoformat()} is before {on.isoformat()}; give a date still to come"
        )


def verify(
    ids: Iterable[str],
    catalogue: str | Path | Sequence[str | Path] = "assets",
    *,
    on: date | None = None,
    status: Status | None = None,
    note: str | None = None,
    until: date | None = None,
    dry_run: bool = False,
    problems: list[CatalogueError] | None = None,
) -> list[AssetEdit]:
    """Record that entries were checked: set ``last_verified`` and, if given, the status.

    Each file is edited in place, keeping everything but the changed lines. A status
    change also records ``status_since`` (the ``on`` date) and drops an old
    ``status_until``.

    Args:
        ids: Asset ids, or paths of asset files.
        catalogue: Folder(s) the ids are looked up in.
        on: The day the entries were checked (default today; not in the future).
        status: A new status, e.g. ``temporarily-closed``.
        note: A new ``status_note``; an empty note removes it.
        until: When the status is expected to change (``status_until``); ``socialrx
            check`` reminds when it has passed.
        dry_run: Work out the edits without writing them.
        problems: If given, files that cannot be edited are added here and the others
            are still recorded; otherwise the first such file raises.

    Returns:
        One edit per id, in the order given.

    Raises:
        UnknownAssetError: an id is not in the catalogue (with a did-you-mean).
        SelectionError: the status is unknown, or a date is out of order.
        CatalogueError: a file cannot be edited (not YAML, repeated field, …) and
            ``problems`` is None.
    """
    today = date.today()
    on = on or today
    if on > today:
        raise SelectionError(
            f"--on {on.isoformat()} is after today; record the day the entry was checked"
        )
    _check_status(status, until, on)
    edits = []
    for path in _find_ids(list(ids), catalogue):
        try:
            file = read_asset_file(path)
            changes = {"last_verified": on, **_status_changes(file, on, status, note, until)}
            after = _edit(file.text, file.spans, changes, str(path))
        except CatalogueError as exc:
            if problems is None:
                raise
            problems.append(exc)
            continue
        edits.append(AssetEdit(path, file.asset_id, file.text, after))
    if not dry_run:
        write_edits(edits)
    return edits


_TOP_ID = re.compile(r"^id:[ \t]*['\"]?([a-z0-9-]+)", re.MULTILINE)


def _find_ids(ids: Sequence[str], catalogue: str | Path | Sequence[str | Path]) -> list[Path]:
    wanted = [i for i in ids if not (i.endswith(".yaml") and Path(i).is_file())]
    files: dict[str, Path] = {}
    if wanted:
        roots: Sequence[str | Path] = (
            [catalogue] if isinstance(catalogue, (str, Path)) else catalogue
        )
        for path in asset_files(roots):
            files.setdefault(path.stem, path)
            # An id written in the file wins over its name (read only when it says so).
            found = _TOP_ID.search(path.read_text(encoding="utf-8", errors="replace"))
            if found:
                files[found.group(1)] = path
    out = []
    for i in ids:
        if i not in wanted:
            out.append(Path(i))
        elif i in files:
            out.append(files[i])
        else:
            hint = closest(i, files)
            more = f"; did you mean '{hint}'?" if hint else ""
            raise UnknownAssetError(f"no asset with id '{i}' in the catalogue{more}")
    return out


# ------------------------------------------------------------------ selection

_FIELDS = ("id", "name", "organisation", "status", "delivery", "access", "need", "area", "tag")
_ALIASES = {"needs": "need", "tags": "tag", "organization": "organisation", "org": "organisation"}
_CHOICES: dict[str, Sequence[str]] = {
    "status": STATUSES,
    "delivery": DELIVERY,
    "access": ("drop-in", "self-referral", "professional-referral", "appointment", "membership"),
}
_EXPR = re.compile(r"^\s*([A-Za-z_]+)\s*(!=|=|~)\s*(.*?)\s*$", re.DOTALL)


@dataclass(frozen=True)
class Condition:
    """One ``--where`` condition: ``field=value``, ``field!=value`` or ``field~text``.

    ``=`` means equal to (or, for a list such as ``delivery``, containing) one of the
    comma-separated values; ``!=`` is its opposite; ``~`` means the text contains the
    value, ignoring case. ``area=FY8`` picks entries with a place or service area in
    that postcode area, district or sector.

    Attributes:
        field: One of id, name, organisation, status, delivery, access, need, area, tag.
        op: ``=``, ``!=`` or ``~``.
        values: The values (one or more).
    """

    field: str
    op: Literal["=", "!=", "~"]
    values: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.field}{self.op}{','.join(self.values)}"

    def matches(self, file: AssetFile) -> bool:
        """Whether the entry in ``file`` meets the condition."""
        if self.op == "~":
            text = " ".join(_texts(file, self.field)).casefold()
            return any(v.casefold() in text for v in self.values)
        hit = (
            in_area(_places(file), self.values)
            if self.field == "area"
            else bool(set(_texts(file, self.field)) & set(self.values))
        )
        return hit if self.op == "=" else not hit

    def may_match(self, text: str) -> bool:
        """False when the file's casefolded text shows the entry cannot meet the condition.

        A quick look before parsing: ``delivery=in-person`` needs the word ``in-person``
        somewhere in the file. Only fields whose values are plain words are looked at.
        """
        if self.op != "=" or self.field not in _WORD_FIELDS:
            return True
        if self.field == "area":
            return any(
                _parts(v) and min(_parts(v), key=len).casefold() in text for v in self.values
            )
        return any(v.casefold() in text for v in self.values)


# Fields whose values are vocabulary words written plainly in the file.
_WORD_FIELDS = frozenset({"status", "delivery", "access", "need", "area"})


def _texts(file: AssetFile, name: str) -> list[str]:
    if name == "id":
        return [file.asset_id]
    if name == "need":
        return [resolve_need(n) or n for n in file.words_of("needs")]
    if name == "tag":
        return file.words_of("tags")
    if name in ("delivery", "access"):
        return file.words_of(name)
    if name == "area":
        return _postcodes(_places(file))
    return [file.text_of(name)]


def parse_where(expression: str) -> Condition:
    """Read one selection expression such as ``delivery=in-person`` or ``organisation~"Age UK"``.

    Raises:
        SelectionError: the expression has no operator, names an unknown field, or
            gives a value the field can never have (with a did-you-mean).

    Example:
        >>> parse_where('organisation~"Age UK"')
        Condition(field='organisation', op='~', values=('Age UK',))
        >>> parse_where("need=exercise").values
        ('physical-activity',)
    """
    found = _EXPR.match(expression)
    if found is None:
        raise SelectionError(
            f"'{expression}' is not a selection; write field=value, field!=value or "
            'field~text, e.g. delivery=in-person or organisation~"Age UK"'
        )
    name, op, raw = found.groups()
    name = _ALIASES.get(name.lower(), name.lower())
    if name not in _FIELDS:
        hint = closest(name, _FIELDS)
        more = f"did you mean '{hint}'? " if hint else ""
        raise SelectionError(f"cannot select by '{name}'; {more}(fields: {', '.join(_FIELDS)})")
    values = tuple(v.strip().strip("\"'").strip() for v in raw.strip("\"'").split(","))
    if not all(values):
        raise SelectionError(f"'{expression}' has an empty value; write e.g. {name}=…")
    if op != "~":
        values = tuple(_check_value(name, v) for v in values)
    return Condition(name, op, values)  # type: ignore[arg-type]


def _check_value(name: str, value: str) -> str:
    """A value the field can have, normalised; a typo would silently select nothing."""
    if name == "need":
        found = resolve_need(value)
        if found is None:
            hint = closest(value, NEEDS)
            more = f"; did you mean '{hint}'?" if hint else ""
            raise SelectionError(f"'{value}' is not a need{more}")
        return found
    if name == "area":
        try:
            return normalise_postcode(value)
        except PostcodeError:
            raise SelectionError(
                f"'{value}' is not a postcode area, district or sector (e.g. FY, FY8, FY8 1)"
            ) from None
    choices = _CHOICES.get(name)
    if choices is not None and value not in choices:
        hint = closest(value, choices)
        more = f"; did you mean '{hint}'?" if hint else ""
        raise SelectionError(
            f"'{value}' is not a {name} value{more} (one of: {', '.join(choices)})"
        )
    return value


def _places(file: AssetFile) -> dict[str, Any]:
    return {name: file.data.get(name) for name in ("locations", "service_area")}


def _postcodes(data: Mapping[str, Any]) -> list[str]:
    """The location postcodes and service_area prefixes of an entry, as written."""
    out: list[str] = []
    locations = data.get("locations")
    for loc in locations if isinstance(locations, list) else ():
        if isinstance(loc, dict) and isinstance(loc.get("postcode"), str):
            out.append(loc["postcode"])
    area = data.get("service_area")
    out.extend(a for a in (area if isinstance(area, list) else [area]) if isinstance(a, str))
    return out


def _parts(code: str) -> set[str]:
    try:
        return {p for p in postcode_parts(code) if p}
    except PostcodeError:
        return set()


def area_prefix(text: str) -> str:
    """A postcode area, district, sector or postcode, normalised (``fy8`` → ``FY8``).

    Raises:
        SelectionError: it is not postcode-shaped.
    """
    return _check_value("area", text)


def in_area(data: Mapping[str, Any], areas: Iterable[str]) -> bool:
    """Whether any place or service area of the entry lies in, or covers, one of ``areas``.

    ``FY8`` meets a location at ``FY8 1DR``, a service area ``FY8 1`` (inside it) and a
    service area ``FY`` (covering it); it does not meet ``FY80``.
    """
    wanted = [(a, _parts(a)) for a in areas]
    for code in _postcodes(data):
        mine = _parts(code)
        if not mine:
            continue
        top = max(mine, key=len)
        if any(area in mine or top in parts for area, parts in wanted):
            return True
    return False


def select_files(
    catalogue: str | Path | Sequence[str | Path],
    where: Sequence[str | Condition],
    *,
    problems: list[CatalogueError] | None = None,
) -> list[AssetFile]:
    """The asset files meeting every condition, in path order.

    Args:
        catalogue: Folder(s) or files.
        where: Conditions (or expressions for :func:`parse_where`), all of which must hold.
        problems: If given, files that cannot be read are added here and skipped;
            otherwise the first such file raises.

    Raises:
        SelectionError: an expression cannot be read.
        CatalogueError: a file cannot be read (only when ``problems`` is None).

    Example:
        >>> [f.asset_id for f in select_files("assets", ["delivery=phone", "area=FY8"])][:2]  # doctest: +SKIP
        ['good-neighbours-errands', 'phone-friends']
    """  # noqa: E501
    conditions = [c if isinstance(c, Condition) else parse_where(c) for c in where]
    roots = [catalogue] if isinstance(catalogue, (str, Path)) else catalogue
    chosen = []
    for path in asset_files(roots):
        try:
            text = _decode(path)
            if not _may_match(text, conditions):
                continue
            file = _read(path, text)
            if all(c.matches(file) for c in conditions):
                chosen.append(file)
        except CatalogueError as exc:
            if problems is None:
                raise
            problems.append(exc)
    return chosen


def _may_match(text: str, conditions: Sequence[Condition]) -> bool:
    if not any(c.op == "=" and c.field in _WORD_FIELDS for c in conditions):
        return True
    folded = text.casefold()
    return all(c.may_match(folded) for c in conditions)


def set_status(
    files: Iterable[AssetFile],
    status: Status,
    *,
    note: str | None = None,
    until: date | None = None,
    on: date | None = None,
) -> list[AssetEdit]:
    """Work out the status edits for the selected files (write them with ``edit.write()``).

    A file whose status, note and until date already say this gets no change.
    ``last_verified`` is left alone: a bulk change is news about the entries, not a
    check of each one. The change records ``status_since`` instead.

    Args:
        files: The files, e.g. from :func:`select_files`.
        status: The new status.
        note: A ``status_note`` for all of them (an empty note removes it).
        until: When the status is expected to change (``status_until``).
        on: The day the status changed (default today).

    Raises:
        SelectionError: the status is unknown, or ``until`` is before ``on``.
    """
    on = on or date.today()
    _check_status(status, until, on)
    edits = []
    for file in files:
        changes = _status_changes(file, on, status, note, until)
        if until is not None and file.text_of("status_until") == until.isoformat():
            changes.pop("status_until")
        if note is not None and file.text_of("status_note") == note.strip():
            changes.pop("status_note")
        after = _edit(file.text, file.spans, changes, str(file.path)) if changes else file.text
        edits.append(AssetEdit(file.path, file.asset_id, file.text, after))
    return edits


# ------------------------------------------------------------------ pre-commit


def unverified_change(old: str | None, new: str, path: str) -> CatalogueError | None:
    """The problem with a changed asset file whose ``last_verified`` was not updated.

    A change is recorded when ``last_verified`` moved on, or when ``status_since``
    changed (a :func:`set_status` change carries its own date). New files and
    unchanged files pass.

    Args:
        old: The committed text (None for a new file).
        new: The text about to be committed.
        path: The file name, for the message.

    Returns:
        The problem, or None when the change is fine.
    """
    if old is None or old == new:
        return None
    try:
        was = _read(Path(path), old).spans
        now = _read(Path(path), new).spans
    except CatalogueError:
        return None  # `socialrx validate` reports files that do not parse
    for name in ("last_verified", "status_since"):
        if name in now and now[name].value and now[name].value != _value(was.get(name)):
            return None
    at = now.get("last_verified")
    return CatalogueError(
        path,
        at.line if at else 1,
        at.column + 1 if at else 1,
        "last_verified",
        "the entry changed but last_verified was not updated",
        "if you checked the entry, run `socialrx verify ID` (or set today's date); "
        "if you only fixed a typo, commit with --no-verify",
    )


def _value(span: _Span | None) -> str:
    return span.value if span is not None else ""
