"""Reading a person profile from an HTTP body without ever repeating what it says.

``POST /match`` and ``POST /why/{asset_id}`` take a person profile (docs/formats.md §2) as
JSON. A profile that cannot be used is answered with the fields that are wrong and how
to fix them, but never with the values that were sent: a postcode, an age or a need
must not come back in an error (which proxies and browser tools log) any more than it
may be logged here. An unknown field is named, with a "did you mean", only when it is a
slip for a field of ours: any other name may be the person's own words ("diabetes").

Example:
    >>> person_from_body(b'{"needs": ["lonely"], "agee": 81}')
    Traceback (most recent call last):
    socialrx.serve.person.ProfileError: agee: unknown field 'agee' — did you mean 'age'?
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from socialrx.catalogue import profile_fields, translate_error
from socialrx.errors import PersonError
from socialrx.model import Person
from socialrx.vocabulary import FEATURES, NEEDS
from socialrx.yamlio import MAX_DEPTH, YamlDocument

__all__ = ["Problem", "ProfileError", "person_from_body"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a profile: the field, what is wrong, and how to fix it."""

    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{where}{self.message}{hint}"

    def to_dict(self) -> dict[str, str]:
        """The problem as JSON-ready data."""
        return {"field": self.field, "message": self.message, "hint": self.hint}


class ProfileError(PersonError):
    """A person profile sent over HTTP that cannot be used (no value is ever repeated).

    Attributes:
        problems: Every field that is wrong.
        status: The HTTP status to answer with (400 for unreadable JSON, 422 otherwise).
    """

    def __init__(self, problems: Sequence[Problem], status: int = 422) -> None:
        self.problems = tuple(problems)
        self.status = status
        super().__init__("; ".join(str(p) for p in self.problems))


# Hints for values the models reject with their own messages (which quote the value).
_VALUE_HINTS = {
    "postcode": ("not a UK postcode", "write a full postcode such as FY8 1DR"),
    "needs": (
        "not a known need",
        "use a need or a synonym of one: " + ", ".join(NEEDS),
    ),
    "accessibility": (
        "not a known accessibility feature",
        "use one of: " + ", ".join(FEATURES),
    ),
    "availability": (
        "not a valid time window",
        'write times as "HH:MM" (24-hour) with end after start',
    ),
}


def person_from_body(body: bytes) -> Person:
    """Validate a JSON person profile.

    Raises:
        ProfileError: the body is not JSON (status 400) or a field is wrong (422); the
            message names fields and never repeats a value.
    """
    try:
        data = json.loads(body)
    except UnicodeDecodeError:
        raise ProfileError([Problem("", "the body is not UTF-8 text")], 400) from None
    except RecursionError:
        raise ProfileError([_TOO_DEEP], 400) from None
    except json.JSONDecodeError as exc:
        # exc.msg is the parser's description ("Expecting value"), never the input.
        problem = Problem(
            "",
            f"the body is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            'send a JSON object such as {"needs": ["loneliness"], "max_travel_km": 3}',
        )
        raise ProfileError([problem], 400) from None
    except ValueError:  # a number of more than 4,300 digits (Python's own limit)
        raise ProfileError([_TOO_MANY_DIGITS], 400) from None
    if _depth(data) > MAX_DEPTH:
        raise ProfileError([_TOO_DEEP], 400)
    if not isinstance(data, dict):
        problem = Problem(
            "", "a person profile is a JSON object of fields", 'e.g. {"needs": ["loneliness"]}'
        )
        raise ProfileError([problem])
    try:
        return Person.model_validate(profile_fields(data))
    except ValidationError as exc:
        doc = YamlDocument(path="body", data=data)
        raise ProfileError([_problem(e, doc) for e in exc.errors()]) from None


_TOO_DEEP = Problem(
    "",
    f"the body is nested more than {MAX_DEPTH} deep",
    "a person profile is only a few levels deep",
)
_TOO_MANY_DIGITS = Problem(
    "",
    "a number in the body has thousands of digits",
    "send ages, distances and costs as plain numbers",
)


def _depth(data: Any) -> int:
    """How deeply lists and objects nest in ``data`` (0 for a plain value), without recursion."""
    deepest, stack = 0, [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth + 1)
            if depth + 1 <= MAX_DEPTH:  # deeper than that is refused anyway
                stack.extend((item, depth + 1) for item in value)
    return deepest


def _problem(err: ErrorDetails, doc: YamlDocument) -> Problem:
    loc = tuple(err["loc"])
    field = ".".join(str(p) for p in loc)
    kind = err["type"]
    if kind == "extra_forbidden":  # named only when it is a slip for a field of ours
        said = translate_error(doc, err, Person, private=True)
        return Problem(said.field, said.message, said.hint)
    if kind == "missing":
        return Problem(field, "this field is required")
    if kind in ("literal_error", "enum"):
        expected = str(err.get("ctx", {}).get("expected", ""))
        return Problem(field, "not one of the allowed values", f"use {expected}")
    if kind == "value_error":
        top = str(loc[0]) if loc else ""
        if top in _VALUE_HINTS:
            message, hint = _VALUE_HINTS[top]
            return Problem(field, message, hint)
    # The catalogue's plain English ("expected a number", "is above the highest allowed
    # value, 130"), with the person's value left out; pydantic's own wording otherwise.
    said = translate_error(doc, err, Person, private=True)
    message, hint = said.message, said.hint
    if _echoes(message, err.get("input")) or _echoes(hint, err.get("input")):
        return Problem(field, "not a valid value")
    return Problem(field, message, hint)


def _echoes(message: str, value: Any) -> bool:
    """Whether a message contains (part of) the value that was sent."""
    if isinstance(value, dict):
        return any(_echoes(message, v) or _echoes(message, k) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_echoes(message, v) for v in value)
    if value is None or isinstance(value, bool):
        return False
    text = str(value).strip()
    return bool(text) and text.casefold() in message.casefold()
