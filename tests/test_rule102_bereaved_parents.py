"""A group for bereaved parents is for the bereaved, not for every parent (issue 12 item 2;
rule 102, ``docs/matching.md``).

Found in the Scarborough catalogue: an online circle ``for: [bereaved parents]`` was read as
a group for the bereaved *or* for parents, so a new dad of 34 and an anxious mum of 45 were
told "For bereaved parents, as you are" and had it in their top 5. A loss said of another
circumstance in one phrase ("bereaved parents", "widowed veterans", "bereaved carers") is
for the people who had that loss; "veterans and widows" still names two audiences.

Small hand-made assets only (not the benchmark's files).
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.audience import audience_fit, for_audience
from socialrx.model import Person

TODAY = date(2026, 12, 1)
_CIRCLE = make_asset(
    id="circle",
    name="Compassionate Circle",
    summary="A phone circle for parents who have lost a child.",
    activities=["peer support"],
    needs=["bereavement", "loneliness"],
    delivery=["phone"],
    eligibility={"for": ["bereaved parents"]},
)


def _audience(person: Person) -> str:
    (m,) = match(person, Catalogue([_CIRCLE]), today=TODAY).ranked
    return next(r.detail for r in m.reasons if r.factor == "audience")


def test_a_new_dad_is_not_in_a_group_for_bereaved_parents() -> None:
    dad = Person(
        postcode="YO18 7AA", needs=["loneliness", "families"], circumstances=["new-parent"]
    )
    assert "as you are" not in _audience(dad)
    mum = Person(postcode="YO14 0AA", needs=["bereavement"], circumstances=["bereaved", "parent"])
    assert "as you are" in _audience(mum)


_NOUNS = {"parent": "parents", "carer": "carers", "veteran": "veterans", "lgbtq": "LGBTQ+ people"}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(_NOUNS)), st.sampled_from(["bereaved", "widowed"]))
def test_a_loss_said_of_another_circumstance_is_for_the_bereaved(who: str, loss: str) -> None:
    audience = for_audience(f"{loss} {_NOUNS[who]}")
    assert audience_fit(audience, Person(circumstances=[who])) != "in"
    assert audience_fit(audience, Person(circumstances=["bereaved", who])) == "in"
    # two audiences joined by "and" stay two
    assert for_audience(f"{_NOUNS[who]} and widows") == {who, "bereaved"}
