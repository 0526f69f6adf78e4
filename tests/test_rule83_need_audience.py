"""A service whose ``for`` is empty is for the people its first need names (issue 12
item 2; rule 83, ``docs/matching.md``).

* A bereavement service (first need ``bereavement``, no ``for``) counts for someone
  bereaved, or who comes for help with bereavement, as a group open to them does.
* For someone who gave their circumstances without being bereaved, and did not bring
  the need, it is as a group for an audience they are not in: none of its help counts.
* For someone whose circumstances are not known it is only a caution, never lower than
  its open twin. It is never left out, and no detail says "For bereaved people" as if
  quoting a ``for`` the entry does not have.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.model import Asset, Person

TODAY = date(2026, 12, 1)


def _service(id: str, first: str = "bereavement", **fields: Any) -> Asset:
    return make_asset(
        **{
            "id": id,
            "name": f"{id.title()} Support (One-to-One)",
            "summary": "Trained volunteers offer six one-to-one sessions, by phone.",
            "needs": [first, "mental-wellbeing"],
            **fields,
        }
    )


def _twin(id: str = "twin", first: str = "bereavement") -> Asset:
    """The same service, its ``for`` saying it is open to anyone."""
    return _service(id, first, eligibility={"for": ["anyone"]})


def _person(needs: list[str], circumstances: list[str] | None = None) -> Person:
    return Person(needs=needs, circumstances=circumstances)


def _match(person: Person, *assets: Asset) -> dict[str, Any]:
    result = match(person, Catalogue(list(assets)), today=TODAY)
    assert not result.excluded
    return {m.id: m for m in result}


def _reason(m: Any, factor: str) -> str:
    return next(r.detail for r in m.reasons if r.factor == factor)


def test_for_someone_bereaved_it_counts_as_an_open_group_does() -> None:
    for person in (
        _person(["mental-wellbeing"], ["bereaved"]),
        _person(["bereavement"], ["older-person"]),
        _person(["bereavement"]),
    ):
        shown = _match(person, _service("wearside"), _twin())
        assert shown["wearside"].score == shown["twin"].score
        assert not any("bereavement service" in c for c in shown["wearside"].cautions)
        assert _reason(shown["wearside"], "audience").startswith("It is a bereavement service")


def test_someone_known_not_to_be_bereaved_is_not_its_audience() -> None:
    lad = _person(["mental-wellbeing", "loneliness"], ["young-person"])
    shown = _match(lad, _service("wearside"), _twin())
    assert shown["wearside"].score < shown["twin"].score
    need = _reason(shown["wearside"], "need")
    assert need.endswith("not counted: you have not said you are bereaved")
    assert _reason(shown["wearside"], "audience") == (
        "It is a bereavement service: you have not said you are bereaved"
    )
    assert "This is a bereavement service: check it is right for you" in shown["wearside"].cautions


def test_unknown_circumstances_are_a_caution_only() -> None:
    shown = _match(_person(["mental-wellbeing"]), _service("wearside"), _twin())
    assert shown["wearside"].score == shown["twin"].score
    assert _reason(shown["wearside"], "audience") == (
        "It is a bereavement service: not known whether that is you"
    )
    assert "This is a bereavement service: check it is right for you" in shown["wearside"].cautions


def test_carers_and_recovery_services_are_read_the_same_way() -> None:
    older = _person(["mental-wellbeing"], ["older-person"])
    shown = _match(older, _service("stroll", "carers"), _service("line", "substance-use"))
    assert _reason(shown["stroll"], "audience") == (
        "It is a service for carers: you have not said you are a carer"
    )
    assert "This is a drink, drugs or gambling service: check it is right for you" in (
        shown["line"].cautions
    )
    carer = _person(["carers"], ["carer"])
    shown = _match(carer, _service("stroll", "carers"), _twin("open", "carers"))
    assert shown["stroll"].score == shown["open"].score


def test_a_for_that_names_no_one_and_a_family_group_are_left_as_they_were() -> None:
    lad = _person(["mental-wellbeing"], ["young-person"])
    dads = _service("dads", "families")
    shown = _match(lad, _twin(), dads, _twin("papas", "families"))
    assert shown["dads"].score == shown["papas"].score
    assert not any("service" in c for c in shown["twin"].cautions)


def test_no_detail_quotes_an_audience_the_entry_does_not_have() -> None:
    for circumstances in (None, ["young-person"], ["bereaved"]):
        shown = _match(_person(["mental-wellbeing"], circumstances), _service("wearside"))
        said = [*(r.detail for r in shown["wearside"].reasons), *shown["wearside"].cautions]
        assert not any(s.startswith("For ") or s.strip() == "For" for s in said)
        assert not any("bereaved people" in s or "particular audience" in s for s in said)


_NEEDS = ["bereavement", "carers", "substance-use", "mental-wellbeing", "loneliness"]
_CIRCUMSTANCES = ["bereaved", "carer", "recovery", "young-person", "older-person"]


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["bereavement", "carers", "substance-use"]),
    st.lists(st.sampled_from(_NEEDS), min_size=1, max_size=3, unique=True),
    st.one_of(st.none(), st.lists(st.sampled_from(_CIRCUMSTANCES), max_size=2, unique=True)),
)
def test_never_below_its_open_twin_when_unknown_never_above_it_when_not_theirs(
    first: str, needs: list[str], circumstances: list[str] | None
) -> None:
    person = _person(needs, circumstances)
    shown = _match(person, _service("service", first), _twin("twin", first))  # never left out
    service, twin = shown["service"].score, shown["twin"].score
    assert service <= twin + 1e-12  # never lifted above an open group
    if circumstances is None:
        assert service >= twin - 1e-12  # unknown: a caution only
