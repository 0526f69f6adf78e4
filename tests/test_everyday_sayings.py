"""What people say to a link worker is read as a link worker reads it (issue #12, read14).

``tests/data/everyday_sayings.yaml`` lists several hundred things people in Britain say —
what they need, enjoy, who they are, what gets in the way, when they are free — with what
a link worker understands by each. Every one is read by the engine's own readers (a need,
a circumstance, an interest, days) and must read as written down: no common word re-read
by spelling correction, no phrase read as something else, no everyday phrase missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from socialrx.catalogue import Catalogue
from socialrx.matching.interests import (
    Interest,
    InterestColumns,
    not_a_hobby,
    wish_for_company,
)
from socialrx.matching.prepared import prepare
from socialrx.matching.saying import read_interests
from socialrx.model import Asset, read_days
from socialrx.vocabulary import activity_concepts, read_circumstance, read_need

pytestmark = pytest.mark.slow  # reads ~760 sayings (a few seconds with wordfreq's list)

SAYINGS = Path(__file__).parent / "data" / "everyday_sayings.yaml"


def load_sayings() -> list[dict[str, Any]]:
    """The entries of the sayings file."""
    data = yaml.safe_load(SAYINGS.read_text(encoding="utf-8"))
    return list(data["entries"])


@cache
def columns() -> InterestColumns:
    """A catalogue of one entry that says almost nothing: the reading rests on the
    vocabulary alone, and a word of no catalogue is still a word nobody knows (the
    hardest case for spelling correction)."""
    asset = Asset(
        id="a",
        name="A",
        summary="A",
        status="active",
        last_verified="2026-01-01",
        needs=["loneliness"],
        delivery=["phone"],
    )
    return InterestColumns(prepare(Catalogue([asset])))


def _concepts(r: Interest) -> frozenset[int]:
    return r.named | r.concepts | r.kind_of | frozenset().union(*(m.concepts for _, m in r.means))


def _names(parts: Iterable[Interest], value: str, *, wider: bool = False) -> bool:
    """Whether a reading names ``value``: an activity of the vocabulary or what an
    everyday phrase means (with ``wider``, also as the wider activity the word a phrase
    is about names: "fishing with my grandson" is fishing, rule 34)."""
    wanted = activity_concepts(value)
    for r in parts:
        concepts = _concepts(r) | (r.broader if wider else frozenset())
        if wanted & concepts or any(m.text.lower() == value.lower() for _, m in r.means):
            return True
    return False


def _hobby(r: Interest) -> bool:
    """A reading that names an activity as a hobby (not a need or a wish for company)."""
    return bool(r.named or r.concepts or r.means) and not not_a_hobby(r)


def _interest_problems(entry: Mapping[str, Any], parts: tuple[Interest, ...]) -> list[str]:
    says = entry["says"]
    out = []
    fixes = entry.get("fixes") or {}
    for r in parts:
        for word, to in r.corrections:
            if fixes.get(word) != to:
                out.append(f"re-read: {says!r}: {word!r} read as {to!r}")
    wanted = entry.get("activity") or []
    if wanted and not any(_names(parts, w, wider=True) for w in wanted):
        kind = "misspelling not fixed" if fixes else "missed"
        out.append(f"{kind}: {says!r} is not read as {' / '.join(wanted)}")
    if entry.get("company"):
        others = [r for r in parts if _hobby(r) and not wish_for_company(r)]
        if not any(wish_for_company(r) for r in parts):
            out.append(f"missed: {says!r} is not read as a wish for company")
        elif others:
            out.append(f"wrong: {says!r} is also read as an activity ({others[0].read_as!r})")
    hobbies = [r for r in parts if _hobby(r) or (entry.get("own") and not_a_hobby(r))]
    if not wanted and not entry.get("company") and hobbies:
        found = hobbies[0]
        what = [p for p, _ in found.means] or [found.read_as]
        out.append(f"wrong: {says!r} is read as an activity ({what[0]!r})")
    for never in entry.get("never") or []:
        if _names(parts, never):
            out.append(f"wrong: {says!r} is read as {never!r}")
    return out


def read_problems(entry: Mapping[str, Any]) -> list[str]:
    """Every way the engine's readers read ``entry`` other than as written down, each
    as "class: detail" (class: re-read, wrong, missed, misspelling not fixed)."""
    says = entry["says"]
    out = []
    if entry.get("days"):
        got = read_days(says)
        if got != entry["days"]:
            out.append(
                f"{'missed' if not set(got) & set(entry['days']) else 'wrong'}: "
                f"{says!r} days read as {got}"
            )
        return out
    need = read_need(says)
    if (entry.get("need") or not entry.get("activity")) and need != entry.get("need"):
        kind = "missed" if need is None else "wrong"
        out.append(f"{kind}: {says!r} need read as {need}, not {entry.get('need')}")
    circumstance = read_circumstance(says)
    if circumstance != entry.get("circumstance"):
        kind = "missed" if circumstance is None else "wrong"
        out.append(
            f"{kind}: {says!r} circumstance read as {circumstance}, not {entry.get('circumstance')}"
        )
    out += _interest_problems(entry, read_interests(says, columns(), ()))
    return out


def test_the_list_is_long_and_split_in_two_halves() -> None:
    entries = load_sayings()
    assert len(entries) >= 400
    halves = [sum(e["half"] == h for e in entries) for h in (1, 2)]
    assert min(halves) >= 0.45 * len(entries)
    assert len({e["says"].casefold() for e in entries}) == len(entries)


def test_no_common_word_is_re_read() -> None:
    wrong = [p for e in load_sayings() for p in read_problems(e) if p.startswith("re-read")]
    assert wrong == []


@pytest.mark.parametrize("half", [1, 2])
def test_every_saying_reads_as_written_down(half: int) -> None:
    entries = [e for e in load_sayings() if e["half"] == half and not e.get("leftover")]
    problems = [p for e in entries for p in read_problems(e)]
    assert problems == []


def test_leftovers_are_few() -> None:
    """What is left as the engine reads it is listed with the reason, and stays rare."""
    entries = load_sayings()
    assert sum(bool(e.get("leftover")) for e in entries) <= 0.05 * len(entries)
