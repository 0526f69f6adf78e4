"""Spreadsheets with their own column names: a mapping from their headers to our fields.

People keep directories in sheets headed ``Name of group``, ``link``, ``Venue``,
``lat``, ``lng``. A :class:`ColumnMapping` says which socialrx field each header
holds (or that it is ignored). :func:`suggest_mapping` proposes one from the synonyms
in ``data/columns.yaml`` and fuzzy matching (rapidfuzz); :func:`read_mapping` reads
one a person wrote or edited (``--mapping FILE``); :meth:`ColumnMapping.apply` turns a
row of their sheet into a row of the link-worker spreadsheet
(:data:`~socialrx.interop.fields.COLUMNS`), which the spreadsheet reader then reads as
usual. :class:`Defaults` fills in what every row shares (``--default needs=money``)
without overriding a row's own value.

Example:
    >>> mapping = suggest_mapping(["Name of group", "link", "lat", "lng", "Notes"])
    >>> [(s.header, s.field) for s in mapping.suggestions]
    [('Name of group', 'name'), ('link', 'website'), ('lat', 'latitude'), ('lng', 'longitude'), ('Notes', None)]
    >>> mapping.certain, mapping.apply({"Name of group": "Chatty Café", "lat": "53.8"})
    (False, {'name': 'Chatty Café', 'location_lats': '53.8'})
"""  # noqa: E501

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from socialrx import geo
from socialrx.errors import CatalogueError, PostcodeError, UnreadableInputError
from socialrx.interop.cleaning import Draft
from socialrx.interop.fields import (
    COLUMNS,
    cost_from_text,
    match_access,
    match_delivery,
    match_status,
    per_from_text,
    yes_no,
)
from socialrx.vocabulary import (
    FEATURES,
    NEEDS,
    closest,
    resolve_feature,
    resolve_language,
    resolve_need,
)
from socialrx.yamlio import YamlDocument, dump_yaml, read_yaml

__all__ = [
    "FIELDS",
    "MAPPING_FORMAT",
    "ColumnMapping",
    "Defaults",
    "Field",
    "MappingNeededError",
    "SheetOptions",
    "Suggestion",
    "normalise_header",
    "read_mapping",
    "suggest_mapping",
]

MAPPING_FORMAT = 1
"""The ``format:`` of a mapping file."""
CLOSE = 85
"""Fuzzy similarity (0-100) at which a header is taken for a field's name or synonym."""
_CONTAINS = 70
"""Confidence given to a header that holds a field's word among others ("Group website")."""


@dataclass(frozen=True, slots=True)
class Field:
    """A socialrx field a column of someone's sheet can hold.

    Attributes:
        name: The name people write in a mapping file (``latitude``, ``website``).
        to: The link-worker spreadsheet column it fills (``location_lats``).
        many: Several of their columns may fill it (their cells are joined).
        words: Headers that mean this field (lower case, single spaces).
    """

    name: str
    to: str
    many: bool = False
    words: tuple[str, ...] = ()


def normalise_header(text: str) -> str:
    """A header folded for comparison: lower case, punctuation and ``_`` as single spaces.

    Example:
        >>> normalise_header("  Post_Code (venue) "), normalise_header("E-mail")
        ('post code venue', 'e mail')
    """
    return " ".join(re.sub(r"[^\w]+|_", " ", text.casefold()).split())


def _load_fields() -> dict[str, Field]:
    text = resources.files("socialrx").joinpath("data", "columns.yaml").read_text("utf-8")
    # Our own trusted package data: the C safe loader when present, as vocabulary.py does.
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["fields"]
    fields = {
        name: Field(name, spec["to"], bool(spec.get("many")), tuple(spec.get("words", ())))
        for name, spec in raw.items()
    }
    # Every spreadsheet column is a field too, under its own name (cost_note, gender, …).
    for column in COLUMNS:
        fields.setdefault(column, Field(column, column))
    # A yes/no column per accessibility feature ("Wheelchair accessible: Y", "Hearing loop").
    for feat in FEATURES.values():
        words = (feat.id.replace("-", " "), feat.label, *feat.synonyms)
        fields.setdefault(_feature_field(feat.id), Field(feat.id, "accessibility", True, words))
    return fields


def _feature_field(feature: str) -> str:
    return feature.replace("-", "_")


FIELDS: dict[str, Field] = _load_fields()
"""Every field a column may be mapped to, by the name a mapping file uses."""


@cache
def _word_index() -> dict[str, str]:
    """Each normalised name or synonym → the field it means (names before synonyms)."""
    index = {normalise_header(name): name for name in FIELDS}
    for name, spec in FIELDS.items():
        for word in (spec.to, *spec.words):
            index.setdefault(normalise_header(word), name)
    return index


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What one header of a sheet was taken for.

    Attributes:
        header: The header as written in the sheet.
        field: The field it fills (a key of :data:`FIELDS`), or None when ignored.
        confidence: 100 for a socialrx column name or a listed synonym, less for a
            fuzzy match, 0 when ignored.
        reason: Why, in a few words ("synonym of website", "close to 'postcode'").
    """

    header: str
    field: str | None
    confidence: int
    reason: str


def _suggest_one(header: str) -> Suggestion:
    key = normalise_header(header)
    index = _word_index()
    if not key:
        return Suggestion(header, None, 0, "empty header")
    if key in index:
        name = index[key]
        why = "socialrx field" if key == normalise_header(name) else f"a word for {name}"
        return Suggestion(header, name, 100, why)
    best = process.extractOne(key, list(index), scorer=fuzz.ratio, score_cutoff=CLOSE)
    if best is not None:
        return Suggestion(header, index[best[0]], int(best[1]), f"close to '{best[0]}'")
    # A header holding a field's word among others ("Group website", "Venue postcode"):
    # the longest such word wins, so "post code" beats "code".
    padded = f" {key} "
    inside = [w for w in index if len(w) > 2 and f" {w} " in padded]
    if inside:
        word = max(inside, key=len)
        return Suggestion(header, index[word], _CONTAINS, f"contains '{word}'")
    return Suggestion(header, None, 0, "no field like it")


def _one_per_field(suggestions: list[Suggestion]) -> list[Suggestion]:
    """Keep the best header for each single-valued field; the others are ignored."""
    best: dict[str, Suggestion] = {}
    for s in suggestions:
        if s.field and not FIELDS[s.field].many:
            held = best.get(s.field)
            if held is None or s.confidence > held.confidence:
                best[s.field] = s
    out = []
    for s in suggestions:
        if s.field and not FIELDS[s.field].many and best[s.field] is not s:
            chosen = best[s.field].header
            s = Suggestion(s.header, None, 0, f"also looks like {s.field}; '{chosen}' is used")
        out.append(s)
    return out


def suggest_mapping(headers: Sequence[str]) -> ColumnMapping:
    """The mapping socialrx proposes for a sheet's headers (every header in it, in order).

    Example:
        >>> print(suggest_mapping(["Title", "Postode", "Group website", "Notes"]).table())
          their column     socialrx field  sure  why
          Title         -> name            100%  a word for name
          Postode       -> postcode         93%  close to 'postcode'
          Group website -> website          70%  contains 'website'
          Notes         -> (ignored)             no field like it
    """
    suggestions = _one_per_field([_suggest_one(h) for h in headers])
    return ColumnMapping(tuple(suggestions))


# ------------------------------------------------------------------ applying a mapping

_MONEY = re.compile(
    r"^£?\s*(\d+(?:\.\d{1,2})?)\s*(?:gbp)?(?P<per>\s+(?:per|a|an|each)\s+\w+)?$", re.I
)
_FREE = re.compile(r"^(free|free of charge|no charge|nil|none|£?\s*0+(?:\.0+)?)$", re.I)
_LIST_SPLIT = re.compile(r"\s*[;,|/\n]\s*|\s+and\s+")


def _cost_cells(text: str) -> dict[str, str]:
    """A price cell as the spreadsheet's cost columns ("£3.50", "Free", "£2 or £1 conc.")."""
    if _FREE.match(text):
        return {"cost_free": "yes"}
    money = _MONEY.match(text)
    if money:
        # A price with no "per" is per session, as in every other reader (fields.per_from_text).
        return {"cost_amount": money.group(1), "cost_per": per_from_text(money["per"] or "")}
    return _priced_text(text)


def _priced_text(text: str) -> dict[str, str]:
    """A price written in words as the sheet's cost cells (see :func:`cost_from_text`)."""
    cost = cost_from_text(text)
    if cost is None:
        return {"cost_note": text}
    cells = {"cost_note": text}
    if cost.get("free"):
        cells["cost_free"] = "yes"
    else:
        cells |= {"cost_amount": f"{cost['amount']:g}", "cost_per": cost["per"]}
    if cost.get("concessions"):
        cells["cost_concessions"] = "yes"
    return cells


_AGE_FROM = re.compile(
    r"(\d{1,3})\s*(?:yrs?|years?)?\s*(?:\+|(?:and|&|or)\s*(?:over|older|above|up))|"
    r"\b(?:over|aged|from|age)\s*(\d{1,3})s?\b(?!\s*(?:-|–|to)\s*\d)",
    re.I,
)
_AGE_UNDER = re.compile(r"\b(?:under|below|up to)\s*(\d{1,3})s?\b", re.I)
_AGE_SPAN = re.compile(r"\b(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})\b")
_GENDER_WORDS = {
    "women": ("women", "woman", "ladies", "female", "females", "girls", "mums"),
    "men": ("men", "man", "gents", "male", "males", "boys", "dads"),
}


def _age_cells(text: str) -> dict[str, str]:
    """An age cell as the sheet's eligibility columns: "18+", "over 60s", "16-25", "under 18",
    "Men 18+" (a gender word too). Whatever it says beyond that is kept as who it is for."""
    cells: dict[str, str] = {}
    if span := _AGE_SPAN.search(text):
        if int(span[1]) < int(span[2]) <= 130:
            cells |= {"min_age": span[1], "max_age": span[2]}
    elif frm := _AGE_FROM.search(text):
        cells["min_age"] = frm[1] or frm[2]
    if (under := _AGE_UNDER.search(text)) and not span:
        cells["max_age"] = str(max(int(under[1]) - 1, 0))  # "under 18" is up to 17
    words = set(re.findall(r"[a-z]+", text.casefold()))
    genders = [g for g, names in _GENDER_WORDS.items() if words & set(names)]
    if len(genders) == 1:
        cells["gender"] = genders[0]
    if not cells:
        cells["eligible_groups"] = text  # "all ages", "adults": informational
    return cells


_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b", re.I)


def _clock(m: re.Match[str]) -> str:
    hour = int(m.group(1)) % 12 + (12 if m.group(3).casefold() == "pm" else 0)
    return f"{hour:02d}:{m.group(2) or '00'}"


_SCHEDULE_PARTS = ("day", "time", "start_time", "end_time", "frequency", "schedule")


def _time_cell(gathered: Mapping[str, list[str]]) -> str:
    """A time cell, or one made of separate start and end columns ("10:00", "12:00")."""
    start, end = " ".join(gathered.get("start_time", [])), " ".join(gathered.get("end_time", []))
    joined = f"{start}-{end}" if start and end else start or end
    return " ".join(p for p in (" ".join(gathered.get("time", [])), joined) if p)


def _list_cell(values: Iterable[str]) -> str:
    """Cells of list fields joined with ``;`` (their sheets use commas, slashes, "and")."""
    parts = [p for v in values for p in _LIST_SPLIT.split(v) if p]
    return "; ".join(dict.fromkeys(parts))


def _schedule_cell(day: str, time: str, text: str) -> str:
    """A schedule cell from separate day and time columns (or a free-text schedule).

    Times with am/pm become 24-hour times, except in a range whose first time has none
    ("2-4pm"): the timetable reader reads that "pm" for both ends, as people mean it.
    """
    when = " ".join(p for p in (day, time) if p)
    joined = "; ".join(p for p in (text, when) if p)
    return joined if _SHARED_HALF.search(joined) else _CLOCK.sub(_clock, joined)


_SHARED_HALF = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:-|–|to)\s*\d{1,2}(?:[:.]\d{2})?\s*[ap]m\b", re.I
)
"""A time range whose am/pm is written once, after the second time ("2-4pm")."""


_LIST_COLUMNS = frozenset(
    {"needs", "activities", "delivery", "access", "accessibility", "languages", "tags"}
)
_LIST_COLUMNS |= {"service_area", "eligible_groups"}


@dataclass(frozen=True)
class ColumnMapping:
    """Which field each header of a sheet holds, in the sheet's order.

    Attributes:
        suggestions: One per header (``field`` None when the column is ignored).
        source: Where the mapping came from (a mapping file's path, or ``suggested``).
    """

    suggestions: tuple[Suggestion, ...]
    source: str = "suggested"
    where: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    """(line, column) of each header in a mapping file, for error messages."""

    @property
    def certain(self) -> bool:
        """True when every header is a socialrx column or one of its listed words."""
        return all(s.confidence == 100 for s in self.suggestions)

    @property
    def ours(self) -> bool:
        """True for a link-worker sheet: a ``name`` column, and no header that is only a
        listed word for a field (misspelt columns are ignored with a hint, as always)."""
        exact = {normalise_header(f) for f in COLUMNS}
        has_name = any(normalise_header(s.header) == "name" for s in self.suggestions)
        return has_name and not any(
            s.confidence == 100 and normalise_header(s.header) not in exact
            for s in self.suggestions
        )

    @property
    def reads_name(self) -> bool:
        """True when some column is read as the name."""
        return any(s.field == "name" for s in self.suggestions)

    def summary(self) -> str:
        """One line: what each read column became, and what was ignored."""
        read = ", ".join(f"{s.header} -> {s.field}" for s in self.suggestions if s.field)
        ignored = f"; ignored: {', '.join(self.ignored)}" if self.ignored else ""
        return f"columns read with the {self.source} mapping: {read}{ignored}"

    @property
    def ignored(self) -> list[str]:
        """The headers whose columns are not read."""
        return [s.header for s in self.suggestions if s.field is None]

    def table(self) -> str:
        """The mapping as a plain-text table: their header → our field, with confidence."""
        width = max((len(s.header) for s in self.suggestions), default=6)
        lines = [f"  {'their column':<{width}}    {'socialrx field':<15} sure  why"]
        for s in self.suggestions:
            target = s.field or "(ignored)"
            sure = f"{s.confidence:>3}%" if s.field else "    "
            lines.append(f"  {s.header:<{width}} -> {target:<15} {sure}  {s.reason}".rstrip())
        return "\n".join(lines)

    def to_yaml(self) -> str:
        """The mapping as a mapping file for a person to check and edit."""
        data = {
            "format": MAPPING_FORMAT,
            "columns": {s.header: s.field for s in self.suggestions},
        }
        return dump_yaml(
            data,
            header=(
                "# socialrx column mapping: each column of your sheet -> the socialrx field\n"
                "# it holds (null: ignore the column). Fields: docs/interop.md, 'Spreadsheets\n"
                "# with your own column names'. Use it with: socialrx import SHEET --mapping "
                "THIS_FILE\n"
            ),
        )

    def apply(self, row: Mapping[str, str | None]) -> dict[str, str]:
        """One row of their sheet as a link-worker spreadsheet row.

        Cells of fields that take several columns are joined (addresses with ``,``,
        descriptions with a blank line, lists with ``;``); a ``day`` and a ``time``
        column make one schedule cell; a price becomes ``cost_free`` / ``cost_amount``
        or, when it is not a plain price, ``cost_note``.
        """
        gathered: dict[str, list[str]] = {}
        for s in self.suggestions:
            cell = (row.get(s.header) or "").strip()
            if s.field is not None and cell:
                name, value = _feature_cell(s.field, cell)
                if value:
                    gathered.setdefault(name, []).append(value)
        out: dict[str, str] = {}
        for name, cells in gathered.items():
            out.update(_cells(name, cells))
        if any(part in gathered for part in _SCHEDULE_PARTS):
            out["schedule"] = _schedule_cell(
                " ".join(gathered.get("day", []) + gathered.get("frequency", [])),
                _time_cell(gathered),
                "; ".join(gathered.get("schedule", [])),
            )
        return out


def _feature_cell(name: str, cell: str) -> tuple[str, str | None]:
    """A yes/no accessibility column's cell as the feature it names (None for "no");
    any other field's cell as it is. Words other than yes and no ("ramp at the side")
    say the feature is there too."""
    feature = FIELDS[name].name if FIELDS[name].to == "accessibility" else None
    if feature is None or name == "accessibility":
        return name, cell
    answer = cell.strip().casefold()
    if yes_no(answer) is False or answer in {"none", "not available", "n/a", "na", "unknown"}:
        return "accessibility", None
    return "accessibility", feature


def _cells(name: str, cells: list[str]) -> dict[str, str]:
    """The spreadsheet cells one mapped field fills."""
    if name in _SCHEDULE_PARTS:
        return {}  # combined after every field is gathered
    column = FIELDS[name].to
    if name == "cost":
        return _cost_cells(cells[0])
    if name == "age":
        return _age_cells(cells[0])
    if column == "location_addresses":
        return {column: ", ".join(cells)}
    if column == "description":
        return {column: "\n\n".join(cells)}
    if column in _LIST_COLUMNS:
        return {column: _list_cell(cells)}
    return {column: cells[0]}


class MappingNeededError(UnreadableInputError):
    """A sheet's own column names were matched with some doubt: the mapping must be checked.

    The message holds the suggested mapping as a table and says how to accept it.
    """


# ------------------------------------------------------------------ mapping files


_WRITE_ONE = "write one with: socialrx import SHEET -o DIR --write-mapping FILE"


def _doc_error(
    doc: YamlDocument, at: tuple[str | int, ...], message: str, hint: str, *, key: bool = False
) -> None:
    line, column = doc.key_position(at) if key else doc.position(at)
    raise CatalogueError(doc.path, line, column, ".".join(map(str, at)), message, hint)


def _mapped_field(doc: YamlDocument, header: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in FIELDS:
        hint = closest(str(value), FIELDS)
        _doc_error(
            doc,
            ("columns", header),
            f"'{value}' is not a socialrx field",
            f"did you mean '{hint}'?" if hint else "use null to ignore the column",
        )
    return str(value)


def read_mapping(path: str | Path) -> ColumnMapping:
    """A mapping file: ``columns:`` (their header → field, or null) and ``format: 1``.

    Raises:
        CatalogueError: the file is not YAML, or a key or field is wrong; the error
            names the file, line, column and field, with a hint.
        OSError: the file cannot be read.
    """
    try:
        doc = read_yaml(path)
    except CatalogueError as exc:
        if exc.message != "the file is empty":
            raise
        raise CatalogueError(exc.path, 1, 1, "", exc.message, _WRITE_ONE) from None
    data = doc.data
    if not isinstance(data, dict):
        _doc_error(doc, (), "a mapping file is a mapping with 'columns:'", _WRITE_ONE)
    for key in data:
        if key not in ("format", "columns"):
            hint = closest(str(key), ["format", "columns"])
            _doc_error(
                doc,
                (key,),
                f"unknown key '{key}'",
                f"did you mean '{hint}'?" if hint else "a mapping file has format and columns",
                key=True,
            )
    if not isinstance(data.get("columns"), dict):
        _doc_error(
            doc,
            ("columns",),
            "'columns:' must list each column of the sheet as 'their header: field'",
            _WRITE_ONE,
        )
    if data.get("format", MAPPING_FORMAT) != MAPPING_FORMAT:
        _doc_error(
            doc, ("format",), "unknown format", f"this socialrx reads format {MAPPING_FORMAT}"
        )
    suggestions: list[Suggestion] = []
    single: dict[str, str] = {}
    for header, value in data["columns"].items():
        name = _mapped_field(doc, str(header), value)
        if name and not FIELDS[name].many:
            if name in single:
                _doc_error(
                    doc,
                    ("columns", header),
                    f"'{single[name]}' and '{header}' both map to {name}",
                    "only one column can hold it; set the other to null",
                )
            single[name] = str(header)
        suggestions.append(
            Suggestion(str(header), name, 100, f"from {Path(doc.path).name}" if name else "null")
        )
    where = {str(h): doc.key_position(("columns", h)) for h in data["columns"]}
    return ColumnMapping(tuple(suggestions), source=doc.path, where=where)


def _check_headers(mapping: ColumnMapping, headers: Sequence[str]) -> ColumnMapping:
    """The mapping for this sheet: its headers must be the file's; new ones are ignored."""
    listed = {s.header for s in mapping.suggestions}
    missing = [s.header for s in mapping.suggestions if s.field and s.header not in headers]
    if missing:
        line, column = mapping.where.get(missing[0], (1, 1))
        hint = closest(missing[0], headers)
        raise CatalogueError(
            mapping.source,
            line,
            column,
            f"columns.{missing[0]}",
            f"the sheet has no column '{missing[0]}'",
            f"did you mean '{hint}'?" if hint else f"its columns are: {', '.join(headers)}",
        )
    extra = [Suggestion(h, None, 0, "not in the mapping file") for h in headers if h not in listed]
    return ColumnMapping((*mapping.suggestions, *extra), source=mapping.source)


# ------------------------------------------------------------------ defaults


def _terms(resolve: Callable[[str], str | None], vocab: Iterable[str]) -> Callable[[str], Any]:
    def convert(text: str) -> list[str]:
        out = []
        for word in (w for w in _LIST_SPLIT.split(text) if w):
            found = resolve(word)
            if found is None:
                hint = closest(word, list(vocab)) if vocab else None
                raise ValueError(
                    f"'{word}' is not understood" + (f" (did you mean '{hint}'?)" if hint else "")
                )
            out.append(found)
        return list(dict.fromkeys(out))

    return convert


def _words(text: str) -> list[str]:
    return [w for w in _LIST_SPLIT.split(text) if w]


def _prefixes(text: str) -> list[str]:
    try:
        return [geo.normalise_prefix(w) for w in _words(text)]
    except PostcodeError:
        raise ValueError(f"'{text}' is not a list of postcode areas like 'FY8; PR4'") from None


def _status(text: str) -> str:
    found = match_status(text)
    if found is None:
        raise ValueError(f"'{text}' is not a status (active, temporarily-closed, inactive)")
    return found


def _cost(text: str) -> dict[str, Any]:
    cells = _cost_cells(text.strip())
    if "cost_free" in cells:
        return {"free": True}
    if "cost_amount" in cells:
        return {"amount": float(cells["cost_amount"]), "per": cells["cost_per"]}
    return {"note": text.strip()}


def _age(text: str) -> int:
    if not text.strip().isdigit() or int(text) > 130:
        raise ValueError(f"'{text}' is not an age in whole years")
    return int(text)


# A default's field → (where it goes in an asset, converter). Dotted places are nested.
_DEFAULTS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "needs": ("needs", _terms(resolve_need, NEEDS)),
    "delivery": ("delivery", _terms(match_delivery, ())),
    "access": ("access", _terms(match_access, ())),
    "accessibility": ("accessibility", _terms(resolve_feature, FEATURES)),
    "languages": ("languages", _terms(resolve_language, ())),
    "activities": ("activities", _words),
    "tags": ("tags", _words),
    "service_area": ("service_area", _prefixes),
    "organisation": ("organisation", str.strip),
    "status": ("status", _status),
    "cost": ("cost", _cost),
    "phone": ("contact.phone", str.strip),
    "email": ("contact.email", str.strip),
    "website": ("contact.website", str.strip),
    "how_to_join": ("contact.how_to_join", str.strip),
    "min_age": ("eligibility.min_age", _age),
    "max_age": ("eligibility.max_age", _age),
}


@dataclass(frozen=True)
class Defaults:
    """Values every record shares (``--default FIELD=VALUE``), already checked.

    Example:
        >>> d = Defaults.parse(["needs=money; housing", "organisation=Lytham Aid"])
        >>> d.values
        {'needs': ['money', 'housing'], 'organisation': 'Lytham Aid'}
        >>> Defaults.parse(["neds=money"])
        Traceback (most recent call last):
        ...
        socialrx.errors.UnreadableInputError: --default neds=...: 'neds' is not a field ...
    """

    values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, items: Iterable[str]) -> Defaults:
        """Defaults from ``FIELD=VALUE`` texts.

        Raises:
            UnreadableInputError: a text without ``=``, an unknown field, or a value the
                field does not take; one line naming the field.
        """
        values: dict[str, Any] = {}
        for item in items:
            name, sep, text = item.partition("=")
            name = name.strip()
            if not sep or not text.strip():
                raise UnreadableInputError(
                    f"--default '{name}': give it as FIELD=VALUE, e.g. --default needs=money"
                )
            if name not in _DEFAULTS:
                hint = closest(name, _DEFAULTS)
                raise UnreadableInputError(
                    f"--default {name}=...: '{name}' is not a field a default can set"
                    + (f" (did you mean '{hint}'?)" if hint else "")
                    + f"; fields: {', '.join(_DEFAULTS)}"
                )
            try:
                values[name] = _DEFAULTS[name][1](text)
            except ValueError as exc:
                raise UnreadableInputError(f"--default {name}=...: {exc}") from None
        return cls(values)

    def fill(self, draft: Draft) -> None:
        """Set every default the record leaves empty (a record's own value wins)."""
        if draft.deleted:
            return
        for name, value in self.values.items():
            place = _DEFAULTS[name][0].split(".")
            holder = draft.data
            for key in place[:-1]:
                holder = holder.setdefault(key, {})
                if not isinstance(holder, dict):
                    break
            else:
                if holder.get(place[-1]) in (None, "", []):
                    holder[place[-1]] = value
                    draft.note(f"{name}: not given; the import's default used")


@dataclass(frozen=True)
class SheetOptions:
    """How to read a spreadsheet's columns, and the defaults for every record.

    Attributes:
        mapping: A mapping read from a file (``--mapping``), or None to suggest one.
        accept: Use a suggested mapping even when it is not certain
            (``--accept-mapping``).
        defaults: Values every record shares.
    """

    mapping: ColumnMapping | None = None
    accept: bool = False
    defaults: Defaults = field(default_factory=Defaults)

    def mapping_for(self, headers: Sequence[str]) -> ColumnMapping | None:
        """The mapping to read a sheet with these headers, or None to read it as ours.

        Raises:
            MappingNeededError: the suggestion is not certain and was not accepted; the
                message shows it as a table.
            CatalogueError: a mapping file names a column the sheet lacks.
        """
        if self.mapping is not None:
            return _check_headers(self.mapping, headers)
        suggested = suggest_mapping(headers)
        if suggested.ours:
            return None  # a socialrx sheet: read as it always was
        if not suggested.reads_name:
            raise UnreadableInputError(
                "no column of the sheet looks like the name of a service:\n"
                f"{suggested.table()}\n"
                "Write the mapping to a file with --write-mapping FILE, say which column "
                "holds the name, and re-run with --mapping FILE."
            )
        if suggested.certain or self.accept:
            return suggested
        raise MappingNeededError(
            "the sheet's columns are not socialrx's; this is how they would be read:\n"
            f"{suggested.table()}\n"
            "Re-run with --accept-mapping to use it, or write it to a file with "
            "--write-mapping FILE, edit it, and re-run with --mapping FILE."
        )
