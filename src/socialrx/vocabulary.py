"""Controlled vocabularies: needs (FORMATS.md §4) and accessibility features (§5).

Both ship as YAML package data with synonyms, so the words people actually use
resolve to stable ids::

    >>> resolve_need("Lonely")
    'loneliness'
    >>> resolve_need("isolation")
    'loneliness'
    >>> resolve_feature("wheelchair")
    'wheelchair-accessible'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from rapidfuzz import fuzz, process, utils

__all__ = [
    "FEATURES",
    "NEEDS",
    "Feature",
    "Need",
    "closest",
    "feature_satisfied",
    "resolve_feature",
    "resolve_need",
]


@dataclass(frozen=True, slots=True)
class Need:
    """One need of the vocabulary, e.g. ``loneliness``."""

    id: str
    label: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Feature:
    """One accessibility feature; ``kind`` says whether it belongs to a place."""

    id: str
    kind: Literal["place", "activity"]
    label: str
    synonyms: tuple[str, ...]
    satisfies: tuple[str, ...]


def _read(name: str) -> dict[str, object]:
    text = resources.files("socialrx").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)  # our own trusted package data, plain YAML
    assert isinstance(data, dict)
    return data


def _load_needs() -> dict[str, Need]:
    raw = _read("needs.yaml")["needs"]
    assert isinstance(raw, list)
    return {
        n["id"]: Need(id=n["id"], label=n["label"], synonyms=tuple(n.get("synonyms", ())))
        for n in raw
    }


def _load_features() -> dict[str, Feature]:
    raw = _read("accessibility.yaml")["features"]
    assert isinstance(raw, list)
    return {
        f["id"]: Feature(
            id=f["id"],
            kind=f["kind"],
            label=f["label"],
            synonyms=tuple(f.get("synonyms", ())),
            satisfies=tuple(f.get("satisfies", ())),
        )
        for f in raw
    }


NEEDS: dict[str, Need] = _load_needs()
"""Every need id, in vocabulary order."""

FEATURES: dict[str, Feature] = _load_features()
"""Every accessibility feature id, in vocabulary order."""


def _key(text: str) -> str:
    """Fold case, and treat spaces, hyphens and underscores alike."""
    return re.sub(r"[\s_\-]+", " ", text.strip().casefold())


def _index(entries: Iterable[Need | Feature]) -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in entries:
        for word in (entry.id, entry.label, *entry.synonyms):
            table.setdefault(_key(word), entry.id)
    return table


_NEED_WORDS = _index(NEEDS.values())
_FEATURE_WORDS = _index(FEATURES.values())


def resolve_need(text: str) -> str | None:
    """The need id that ``text`` names (an id, label or synonym), or None."""
    return _NEED_WORDS.get(_key(text))


def resolve_feature(text: str) -> str | None:
    """The accessibility feature id that ``text`` names, or None."""
    return _FEATURE_WORDS.get(_key(text))


@cache
def _satisfiers(required: str) -> frozenset[str]:
    return frozenset(
        f.id for f in FEATURES.values() if f.id == required or required in f.satisfies
    )


def feature_satisfied(required: str, offered: Iterable[str]) -> bool:
    """True when ``offered`` meets ``required`` (``wheelchair-accessible`` meets ``step-free``)."""
    return not _satisfiers(required).isdisjoint(offered)


def closest(text: str, choices: Iterable[str], *, cutoff: float = 60.0) -> str | None:
    """The choice most like ``text`` (for "did you mean …?" hints), or None.

    Example:
        >>> closest("referal", ["access", "referral", "status"])
        'referral'
    """
    found = process.extractOne(
        text, list(choices), scorer=fuzz.WRatio, processor=utils.default_process,
        score_cutoff=cutoff,
    )
    return None if found is None else str(found[0])
