"""An entry nobody wrote a purpose for counts a quarter of the neutral value on need
(issue 12 item 1; rule 101, ``docs/matching.md``).

Found in the Somerset catalogue: "Highbridge Hub open afternoon", an imported entry that
records no needs and no way of taking part and whose words ("Open afternoon at the Hub.
Drop in.") suggest nothing, came third for a housebound 88-year-old in Minehead, 36 km
away, above a digital-help service she could use. On 80 splits such entries took 34
places in a top 5, 33 of them graded 0. Unknown is still not "no" — the entry is never left out and
still comes above one that says it helps with something else — but a purpose nobody wrote
down counts a quarter, not half, of the neutral value.

Small hand-made assets only (not the benchmark's files).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.factors import NEUTRAL, READ_SHARE, UNREAD
from socialrx.model import Asset, Person
from socialrx.vocabulary import NEEDS

TODAY = date(2026, 12, 1)
_SOURCE = {"system": "oruk-v1", "id": "sed-4471"}


def _entry(**fields: Any) -> Asset:
    return Asset.model_validate(
        {
            "summary": "x",
            "delivery": ["in-person"],
            "locations": [{"postcode": "TA9 3TJ"}],
            "status": "active",
            "last_verified": "2026-09-30",
            **fields,
        }
    )


_HUB = _entry(
    id="hub",
    name="Highbridge Hub open afternoon",
    summary="Open afternoon at the Hub. Drop in.",
    source=_SOURCE,
)
_ADVICE = _entry(
    id="advice",
    name="Sedgemoor Money Advice",
    summary="Help with debts and benefits.",
    needs=["money"],
    activities=["money advice"],
)


def _helping(needs: list[str]) -> Asset:
    """An entry that records the person's needs, so each need counts in the catalogue."""
    return _entry(id="club", name="Friendship Club", needs=needs, activities=["tea and chat"])


def _need(result: Any, asset_id: str) -> tuple[float, str]:
    m = next(m for m in result.ranked if m.id == asset_id)
    r = next(r for r in m.reasons if r.factor == "need")
    return r.score, r.detail


def test_an_open_afternoon_nobody_wrote_a_purpose_for_counts_a_quarter() -> None:
    lonely = Person(postcode="TA9 3TJ", needs=["loneliness"])
    result = match(lonely, Catalogue([_HUB, _ADVICE, _helping(["loneliness"])]), today=TODAY)
    value, detail = _need(result, "hub")
    assert value == UNREAD == NEUTRAL / 4
    assert detail.endswith("suggests nothing: unknown, counted at a quarter")
    # unknown is not "no": never left out, and above an entry for something else
    assert [m.id for m in result.ranked][-2:] == ["hub", "advice"]


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(NEEDS)), min_size=1, max_size=3, unique=True),
    st.sampled_from(["Thursdays at the hall", "Open afternoon. Drop in.", "Every week"]),
)
def test_an_entry_whose_words_suggest_nothing_never_counts_more_than_a_quarter(
    needs: list[str], summary: str
) -> None:
    person = Person(postcode="TA9 3TJ", needs=needs)
    hub = _entry(id="hub", name="Hub", summary=summary, source=_SOURCE)
    value, _ = _need(match(person, Catalogue([hub, _helping(needs)]), today=TODAY), "hub")
    assert 0 < value <= NEUTRAL / 4 < NEUTRAL * READ_SHARE
