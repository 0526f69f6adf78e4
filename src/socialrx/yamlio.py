"""The one YAML reader socialrx uses, with YAML 1.2 rules and positions for errors.

Why not ``yaml.safe_load``? PyYAML follows YAML 1.1, where ``no`` and ``on`` are
booleans and ``10:30`` is the number 630 — a schedule or a ``free: no`` would be
silently misread. Here plain scalars follow the YAML 1.2 *core* schema (only
``true``/``false``, ``null``/``~``, and numbers that look like numbers), duplicate
keys are errors, explicit tags are refused (nothing is ever constructed from a
``!!python/…`` tag), alias expansion is bounded (no "billion laughs"), and every
value's line and column can be told. libyaml builds the node tree; the data is built
from it without positions, and a position is looked up in the tree only when a
message needs one (a document with a problem is built again with every position, to
say where).

Example:
    >>> doc = parse_yaml("start: 10:30\\nfree: no\\n", "a.yaml")
    >>> doc.data
    {'start': '10:30', 'free': 'no'}
    >>> doc.position(("free",))
    (2, 7)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from socialrx.errors import CatalogueError, FileTooLargeError, NotARegularFileError
from socialrx.inputs import read_limited

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "YamlDocument",
    "dump_yaml",
    "parse_yaml",
    "read_yaml",
]

MAX_FILE_BYTES = 1_000_000
"""Files larger than this are refused before parsing (an asset is a few KB)."""

MAX_VALUES = 50_000
"""Most values one document may expand to, so aliases cannot explode memory."""

MAX_DEPTH = 40
"""Deepest nesting allowed (an asset is at most four levels deep)."""

MAX_DIGITS = 100
"""Longest number (in digits) read as a number; no field needs more than a dozen."""

Path_ = tuple[str | int, ...]

try:  # libyaml is ~10x faster; fall back to the pure-Python parser where it is absent
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class _Composer(_Parser, BaseResolver):
    """Builds a node tree in which untagged plain scalars are marked, not resolved.

    We then apply YAML 1.2 core rules ourselves, so an explicit tag (``!!python/…``,
    ``!foo``) is the only way a node can carry a non-default tag, and we refuse it.
    """

    yaml_implicit_resolvers: dict[str, Any] = {}  # noqa: RUF012 - PyYAML's class-level table

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        BaseResolver.__init__(self)

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        # Mark untagged plain scalars, so an explicit !!str stays text while a
        # plain 12 becomes a number under the YAML 1.2 core rules.
        if kind is ScalarNode and implicit and implicit[0]:
            return _PLAIN
        return str(BaseResolver.resolve(self, kind, value, implicit))  # type: ignore[no-untyped-call]


_PLAIN = "!socialrx/plain"
_DEFAULT_TAGS = {
    ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
    SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
    MappingNode: BaseResolver.DEFAULT_MAPPING_TAG,
}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)\Z")
_TRUE = re.compile(r"^(?:true|True|TRUE)\Z")
_FALSE = re.compile(r"^(?:false|False|FALSE)\Z")
_INT = re.compile(r"^[-+]?[0-9]+\Z")
_OCT = re.compile(r"^0o[0-7]+\Z")
_HEX = re.compile(r"^0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)\Z")


_NOT_TEXT_START = frozenset("-+.0123456789~")
"""The first characters of every plain scalar the core schema reads as other than text
(numbers, ``.inf``, ``.nan``, ``~``), apart from the words in :data:`_NOT_TEXT_WORDS`."""
_NOT_TEXT_WORDS = frozenset(
    ("", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE")
)


def _plain_scalar(text: str) -> Any:
    """Resolve a plain (unquoted) scalar by the YAML 1.2 core schema.

    Most plain scalars in an asset file are words; they are known to be text from their
    first character, without trying each pattern of :func:`_resolve_plain`.
    """
    if text[:1] not in _NOT_TEXT_START and text not in _NOT_TEXT_WORDS:
        return text
    return _resolve_plain(text)


def _resolve_plain(text: str) -> Any:
    """Resolve a plain scalar by trying each pattern of the YAML 1.2 core schema."""
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        # A leading zero keeps it text: phone numbers and codes such as 01632 must not
        # lose digits (YAML 1.2 would read 0123 as 123, which nobody writing it means).
        digits = text.lstrip("+-")
        return text if len(digits) > 1 and digits.startswith("0") else int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def _too_many_digits(text: str) -> bool:
    """Whether a plain scalar is an integer of more than :data:`MAX_DIGITS` digits.

    Python refuses to convert integers of over 4,300 digits; a number this long is
    never meant, so it is reported plainly rather than crash (or build a huge int).
    """
    return len(text) > MAX_DIGITS and bool(_INT.match(text) or _HEX.match(text) or _OCT.match(text))


class YamlDocument:
    """A parsed YAML document: plain Python data plus where each value came from.

    Positions are worked out when first asked for: most documents are valid and
    nobody asks where their values are, so parsing does not record a line and column
    for each value. The document keeps its node tree meanwhile, and :meth:`position`
    finds one value's node in it; :attr:`values` and :attr:`keys` build every
    position, as the position-tracking builder records them.

    Attributes:
        path: The file (or the name given to :func:`parse_yaml`), for messages.
        data: The plain data (dicts, lists, text, numbers, booleans and None).
        first_line: The document's first line as written (a schema modeline, say).
    """

    def __init__(
        self,
        path: str,
        data: Any,
        values: dict[Path_, tuple[int, int]] | None = None,
        keys: dict[Path_, tuple[int, int]] | None = None,
        first_line: str = "",
    ) -> None:
        """A document whose positions are ``values`` and ``keys`` (none when not given)."""
        self.path = path
        self.data = data
        self.first_line = first_line
        self._values = {} if values is None else values
        self._keys = {} if keys is None else keys
        self._tree: Node | None = None  # while positions are still to be worked out
        self._names: dict[int, dict[Any, tuple[Node, Node]]] = {}  # see _descend

    def __repr__(self) -> str:
        return f"<YamlDocument {self.path!r}>"

    @property
    def values(self) -> dict[Path_, tuple[int, int]]:
        """1-based (line, column) of each value, by its path of keys and indexes."""
        self._locate()
        return self._values

    @property
    def keys(self) -> dict[Path_, tuple[int, int]]:
        """1-based (line, column) of each mapping key, by the path of the value it names."""
        self._locate()
        return self._keys

    def position(self, at: Path_) -> tuple[int, int]:
        """1-based (line, column) of the value at ``at``, or of its nearest parent."""
        at = tuple(at)
        route = self._route(at)
        if route is not None:
            return _mark(route[-1][1])
        values = self.values
        while at:
            if at in values:
                return values[at]
            at = at[:-1]
        return values.get((), (1, 1))

    def key_position(self, at: Path_) -> tuple[int, int]:
        """1-based (line, column) of the key naming ``at`` (falls back to the value)."""
        at = tuple(at)
        route = self._route(at)
        if route is not None:
            key = route[-1][0] if len(route) > len(at) else None
            return _mark(key if key is not None else route[-1][1])
        return self.keys.get(at) or self.position(at)

    def keeping(self, data: Any, at: Iterable[Path_]) -> YamlDocument:
        """A smaller document of ``data`` with the positions at ``at`` only (no keys),
        worked out now, so that this document's node tree can be let go."""
        kept = frozenset(at)
        routes = [(p, self._route(p)) for p in kept]
        if all(route is not None for _, route in routes):
            values = {p: _mark(r[-1][1]) for p, r in routes if r is not None and len(r) > len(p)}
        else:
            values = {p: self.values[p] for p in kept if p in self.values}
        return YamlDocument(self.path, data, values, {}, self.first_line)

    def _unlocated(self, tree: Node) -> YamlDocument:
        """This document, its positions to be worked out from ``tree`` when asked for."""
        self._tree = tree
        return self

    def _route(self, at: Path_) -> list[tuple[Node | None, Node]] | None:
        """The (key, value) nodes from the root towards ``at`` (see :func:`_descend`),
        or None when the positions are built already or only building them answers."""
        if self._tree is None:
            return None
        try:
            return _descend(self._tree, at, self._names)
        except _Unsure:
            return None

    def _locate(self) -> None:
        """Build every position, as the position-tracking builder records them."""
        tree, self._tree, self._names = self._tree, None, {}
        if tree is not None:
            _Builder(self).build(tree, ())  # the tree was built once already: no error


def _descend(
    root: Node, at: Path_, names: dict[int, dict[Any, tuple[Node, Node]]]
) -> list[tuple[Node | None, Node]]:
    """The (key, value) nodes of a valid document's tree from the root (no key) along
    ``at``, as far as ``at`` goes in it: one more than ``len(at)`` when all of it does.

    The positions are those :class:`_Builder` records, found without building them.
    Where two keys of one mapping would give one path (``1.5`` and ``"1.5"``), or a
    key is written ``<key>`` (the builder's own marker), :class:`_Unsure` asks for
    every position to be built instead. ``names`` keeps each mapping's children by
    name (by the mapping's id) for the next look-up in the same tree.
    """
    route: list[tuple[Node | None, Node]] = [(None, root)]
    for part in at:
        node = route[-1][1]
        if isinstance(node, SequenceNode):
            items: list[Node] = node.value
            if not (isinstance(part, int) and 0 <= part < len(items)):
                break
            route.append((None, items[part]))
        elif isinstance(node, MappingNode):
            children = names.get(id(node))
            if children is None:
                children = names[id(node)] = _children(node)
            if part not in children:
                break
            route.append(children[part])
        else:
            break
    return route


def _children(node: MappingNode) -> dict[Any, tuple[Node, Node]]:
    """A mapping's (key, value) nodes by the path part each key gives."""
    children: dict[Any, tuple[Node, Node]] = {}
    for key_node, value_node in node.value:
        name = _path_part(key_node)
        if name in children or name == "<key>":
            raise _Unsure
        children[name] = key_node, value_node
    return children


def _path_part(key_node: Node) -> Any:
    """The part of a path a mapping key gives, as :class:`_Builder` names it."""
    if key_node.tag != _PLAIN:
        return key_node.value
    key = _plain_scalar(key_node.value)
    return key if isinstance(key, (str, int)) else str(key)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Builds a document's data from its node tree, keeping every position, and raises
    the one error that explains the first thing wrong (the position-tracking path)."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.values = doc._values
        self.keys = doc._keys
        self.count = 0
        self.built: set[int] = set()  # the nodes met so far: met again means an alias (*)
        self.aliased = False

    def error(self, node: Node, field: Path_, message: str, hint: str = "") -> CatalogueError:
        line, col = _mark(node)
        return CatalogueError(self.doc.path, line, col, _dotted(field), message, hint)

    def build(self, node: Node, at: Path_) -> Any:
        self.count += 1
        if id(node) in self.built:
            self.aliased = True
        self.built.add(id(node))
        if len(at) > MAX_DEPTH:
            raise self.error(
                node,
                at[:1],
                f"values are nested more than {MAX_DEPTH} deep",
                "an asset file is only a few levels deep; remove any aliases (*)",
            )
        if self.count > MAX_VALUES:
            raise self.error(
                node,
                at[:1],
                f"the file {'expands to' if self.aliased else 'has'} more than "
                f"{MAX_VALUES:,} values",
                "remove the anchors (&) and aliases (*); an asset file never needs them"
                if self.aliased
                else "an asset file is a few short lists; shorten the long one",
            )
        if node.tag != _DEFAULT_TAGS[type(node)] and node.tag != _PLAIN:
            raise self.error(
                node,
                at,
                f"the tag '{node.tag}' is not allowed",
                "remove the tag and write a plain value; put text in quotes if needed",
            )
        self.values.setdefault(at, _mark(node))
        if isinstance(node, ScalarNode):
            if node.tag != _PLAIN:
                return node.value
            if _too_many_digits(node.value):
                raise self.error(
                    node,
                    at,
                    f"the number has more than {MAX_DIGITS} digits",
                    "check the value; put it in quotes if it is text",
                )
            return _plain_scalar(node.value)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*at, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        return self.build_mapping(node, at)

    def build_mapping(self, node: MappingNode, at: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _PLAIN and key_node.value == "<<":
                raise self.error(
                    key_node,
                    at,
                    "merge keys (<<) are not supported",
                    "write the fields out in full",
                )
            key = self.build(key_node, (*at, "<key>"))
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise self.error(
                    key_node, at, "a field name must be plain text", "write 'name: value' pairs"
                )
            if key in first_seen:
                raise self.error(
                    key_node,
                    (*at, str(key)),
                    f"duplicate field '{key}' (first given on line {first_seen[key]})",
                    "keep one of them; YAML does not allow the same field twice",
                )
            first_seen[key] = _mark(key_node)[0]
            child: Path_ = (*at, key if isinstance(key, (str, int)) else str(key))
            self.keys[child] = _mark(key_node)
            result[key] = self.build(value_node, child)
        self.values.pop((*at, "<key>"), None)
        return result


class _Unsure(Exception):
    """The quick builder met something only the position-tracking builder can explain."""


_STR_TAG = BaseResolver.DEFAULT_SCALAR_TAG
_SEQ_TAG = BaseResolver.DEFAULT_SEQUENCE_TAG
_MAP_TAG = BaseResolver.DEFAULT_MAPPING_TAG


class _QuickBuilder:
    """Builds the same data as :class:`_Builder` without keeping positions.

    It refuses (with :class:`_Unsure`) everything :class:`_Builder` refuses — nesting
    too deep, too many values, a tag, a number too long, a merge key, a key that is not
    a scalar, a repeated key — and then the position-tracking builder runs to say
    what is wrong and where. Accepting anything it refuses would be a bug: a
    Hypothesis test in ``tests/test_fastload.py`` holds the two to the same answers.

    Values are counted a collection at a time (the total is the builder's count), and
    scalars, nine values in ten, are read where they are met rather than by a call.
    """

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 1  # the document's own node

    def build(self, node: Node, depth: int) -> Any:
        kind = type(node)
        if kind is ScalarNode:
            return _quick_scalar(node)
        items = node.value
        if items:  # the items are one level deeper: refuse them before building any
            self.count += len(items) * (2 if kind is MappingNode else 1)
            if depth >= MAX_DEPTH or self.count > MAX_VALUES:
                raise _Unsure
        tag = node.tag
        if kind is SequenceNode and tag in (_SEQ_TAG, _PLAIN):
            return [
                _quick_scalar(item) if type(item) is ScalarNode else self.build(item, depth + 1)
                for item in items
            ]
        if kind is MappingNode and tag in (_MAP_TAG, _PLAIN):
            return self.build_mapping(items, depth + 1)
        raise _Unsure

    def build_mapping(self, pairs: list[tuple[Node, Node]], depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in pairs:
            if type(key_node) is not ScalarNode or (
                key_node.tag == _PLAIN and key_node.value == "<<"
            ):
                raise _Unsure
            key = _quick_scalar(key_node)
            if key in result:
                raise _Unsure
            result[key] = (
                _quick_scalar(value_node)
                if type(value_node) is ScalarNode
                else self.build(value_node, depth)
            )
        return result


def _quick_scalar(node: Node) -> Any:
    """A scalar's value, as :class:`_Builder` reads it (:class:`_Unsure` where it would
    refuse it)."""
    tag = node.tag
    if tag == _PLAIN:
        text: str = node.value
        if text[:1] not in _NOT_TEXT_START and text not in _NOT_TEXT_WORDS:
            return text  # a word: known to be text from its first character
        if len(text) > MAX_DIGITS and _too_many_digits(text):
            raise _Unsure
        return _resolve_plain(text)
    if tag == _STR_TAG:
        return node.value
    raise _Unsure


def _dotted(at: Path_) -> str:
    return ".".join(str(p) for p in at if p != "<key>")


def _scanner_error(path: str, text: str, exc: yaml.MarkedYAMLError) -> CatalogueError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "the file is not valid YAML"
    hint = "check the indentation and quotes on this line"
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())] or "'\\t'" in problem:
        problem = "a tab character is used for indentation"
        hint = "YAML needs spaces, not tabs; replace each tab with two spaces"
    elif "mapping values are not allowed" in problem:
        hint = "put text containing ': ' in quotes"
    elif "could not find expected ':'" in problem:
        hint = "each line needs 'field: value'; check for a missing colon"
    return CatalogueError(path, line, col, "", problem, hint)


_DEEP_INDENT = re.compile(rf"^ {{{MAX_DEPTH}}}", re.MULTILINE)
# One indicator and then the group: the same pattern as (?:[-?:][ \t]+){8,}, which the
# regular expression engine searches four times faster written this way.
_COMPACT_RUN = re.compile(r"[-?:][ \t]+(?:[-?:][ \t]+){7,}")


def _could_be_deep(text: str) -> bool:
    """Whether ``text`` might nest deeper than :data:`MAX_DEPTH` (cheap, never misses).

    Each level of nesting needs a bracket, a column of indentation, or an
    indicator such as ``- `` on the same line; an asset file has none of these
    in such numbers, so the full check below is rarely needed.
    """
    return (
        text.count("[") + text.count("{") > MAX_DEPTH
        or _DEEP_INDENT.search(text) is not None
        or _COMPACT_RUN.search(text) is not None
    )


def _too_deep(path: str, mark: Any) -> CatalogueError:
    """Nesting deeper than :data:`MAX_DEPTH`, at a libyaml mark (line and column)."""
    return CatalogueError(
        path,
        mark.line + 1,
        mark.column + 1,
        "",
        f"values are nested more than {MAX_DEPTH} deep",
        "an asset file is only a few levels deep",
    )


def _check_depth(text: str, path: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` before a node tree is built.

    libyaml builds the tree recursively in C, and ``[[[[…`` or ``- - - …`` a hundred
    thousand deep crashes the interpreter outright. Reading events is iterative, so
    the depth is measured first (only for text that could be that deep).
    """
    parser = _Parser(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                mark = event.start_mark
                if depth > MAX_DEPTH and mark is not None:
                    raise _too_deep(path, mark)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # Newer libyaml builds stop at their own depth limit while reading ahead.
        mark = exc.problem_mark
        if mark is not None and "nesting depth" in (exc.problem or ""):
            raise _too_deep(path, mark) from None
        return  # reported with its position when the text is parsed properly
    except yaml.YAMLError:
        return  # likewise
    finally:
        parser.dispose()


def _compose(text: str, path: str) -> Node:
    """The node tree of ``text`` (a byte order mark skipped), depth checked first.

    Raises:
        CatalogueError: the text is empty, not YAML, or nested too deep.
    """
    if text.startswith("\ufeff"):  # a BOM from Windows editors is harmless: skip it
        text = text[1:]
    if _could_be_deep(text):
        _check_depth(text, path)
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _scanner_error(path, text, exc) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        raise CatalogueError(
            path, 1, 1, "", str(exc).splitlines()[0], "save the file as plain UTF-8 text"
        ) from None
    finally:
        composer.dispose()
    if node is None:
        raise CatalogueError(
            path,
            1,
            1,
            "",
            "the file is empty",
            "an asset needs at least name, summary, needs, delivery, status and last_verified",
        )
    return node


def parse_yaml(text: str, path: str = "<string>") -> YamlDocument:
    """Parse one YAML document from text.

    The data is built without positions; they are worked out from the text when first
    asked for (a document with a problem is built with them straight away, to say where).

    Raises:
        CatalogueError: the text is empty, not YAML, uses tags, repeats a key, or
            expands too far. The error names the line and column.
    """
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    node = _compose(text, path)
    try:
        data = _QuickBuilder().build(node, 0)
    except _Unsure:
        doc = YamlDocument(path, None, first_line=first_line)
        doc.data = _Builder(doc).build(node, ())  # raises the error, with its position
        return doc
    return YamlDocument(path, data, first_line=first_line)._unlocated(node)


def _read_text(name: str) -> str:
    """The text of a file of at most :data:`MAX_FILE_BYTES` bytes, decoded as UTF-8.

    Raises:
        CatalogueError: the file is not a regular file, is too large, or is not UTF-8.
        OSError: the file does not exist or cannot be read.
    """
    try:
        raw = read_limited(name, MAX_FILE_BYTES)
    except FileTooLargeError:
        raise CatalogueError(
            name,
            1,
            1,
            "",
            f"the file is too large (the limit is {MAX_FILE_BYTES:,} bytes)",
            "an asset file is a few kilobytes; is this the right file?",
        ) from None
    except NotARegularFileError as exc:
        raise CatalogueError(
            name, 1, 1, "", f"this is {exc.kind}, not a regular file", "give a .yaml file"
        ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise CatalogueError(
            name,
            line,
            column,
            "",
            f"the file is not valid UTF-8 text (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8; most editors offer this under 'Save as' or 'Encoding'",
        ) from None


def read_yaml(path: str | Path) -> YamlDocument:
    """Read and parse a YAML file with a size limit and a clear error for bad bytes.

    Only a regular file is read, and never more than :data:`MAX_FILE_BYTES` plus one
    byte of it: a device such as ``/dev/zero`` or a named pipe is refused by name.

    Raises:
        CatalogueError: the file is not a regular file, is too large, is not UTF-8,
            or is not valid YAML.
        OSError: the file does not exist or cannot be read.
    """
    name = str(path)
    return parse_yaml(_read_text(name), name)


_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter where PyYAML was built with it (about 3× faster, the same text)."""


class _Dumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """Quotes every string that a YAML 1.1 or 1.2 reader could take for another type."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    typed = _too_many_digits(value) or _plain_scalar(value) != value
    risky = typed or re.match(
        r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[0-9:._+-]+|\d{4}-\d\d-\d\d.*)$",
        value,
    )
    style = '"' if risky else ("|" if "\n" in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Mapping[str, Any], *, header: str = "") -> str:
    """Dump plain data as YAML that :func:`parse_yaml` reads back unchanged.

    Args:
        data: JSON-like data (dates become ``YYYY-MM-DD``).
        header: Lines put before the document, e.g. the schema modeline.
    """
    body = yaml.dump(
        dict(data),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return header + body
