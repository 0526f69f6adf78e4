"""Rule 96 (round twenty-one): an imported entry that does not record how people take
part, whose venue is beyond the person's travel limit, counts as a venue that far would:
nothing on ``proximity``, and its detail says so ("the venue is 8.1 km away, beyond
your 3 km limit: too far if it meets there"). How people take part is still unknown, so
it is never left out (FORMATS §1: unknown is never a fail). On the benchmark splits such
entries took 92 places in a top 5 and were graded 0.02 on average; the neutral 0.5 on
``proximity`` put a sing-along 8 km away above a café a link worker would offer.
"""

from __future__ import annotations

import functools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.model import Person

TODAY = date(2026, 11, 22)
_SOURCE = {"system": "oruk-v1", "id": "1"}
_club = functools.partial(
    make_asset,
    summary="A friendly club in the hall.",
    needs=["loneliness"],
    locations=[{"postcode": "FY8 1DR"}],  # about 2.1 km from FY8 2NP
)


def _proximity(result: object, id_: str) -> tuple[float, str]:
    (m,) = (m for m in result.ranked if m.id == id_)  # type: ignore[attr-defined]
    r = next(r for r in m.reasons if r.factor == "proximity")
    return r.score, r.detail


def test_a_venue_beyond_the_limit_is_too_far_though_how_is_not_recorded() -> None:
    person = Person(postcode="FY8 2NP", needs=["loneliness"], max_travel_km=1.5)
    far = _club(id="far", name="Hall Friendship Club", delivery=[], source=_SOURCE)
    result = match(person, Catalogue([far]), today=TODAY)
    assert [m.id for m in result.ranked] == ["far"] and not result.excluded
    value, detail = _proximity(result, "far")
    assert value == 0.0
    assert detail == (
        "How people take part is not recorded; the venue is 2.1 km away, beyond your 1.5 km"
        " limit: too far if it meets there"
    )


@settings(max_examples=25, deadline=None)
@given(limit=st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0]))
def test_an_unrecorded_venue_is_never_left_out_and_never_nearer_than_it_is(limit: float) -> None:
    person = Person(postcode="FY8 2NP", needs=["loneliness"], max_travel_km=limit)
    unrecorded = _club(id="unrecorded", name="Hall Friendship Club", delivery=[], source=_SOURCE)
    phone = make_asset(id="phone", name="Friendly Calls", needs=["loneliness"], delivery=["phone"])
    result = match(person, Catalogue([unrecorded, phone]), today=TODAY)
    assert {m.id for m in result.ranked} == {"unrecorded", "phone"}
    value, detail = _proximity(result, "unrecorded")
    beyond = limit < 2.1
    assert (value == 0.0) == beyond
    assert ("beyond your" in detail) == beyond
