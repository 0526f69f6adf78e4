"""Rules 105 and 106 (round twenty-three), found in the Calderdale catalogue.

105: a reading names only what the person's slips were read as. "tinkerin wi engines"
was shown as "(read as 'tinkering wi engines')" and "climbin, I used to boulder at uni" as
"(read as 'climbing used boulder uni')": the words matched on, some dropped and the rest
as written, so words nobody corrected ("wi", "uni") looked like readings. Now "(read as
'tinkering')", "(read as 'climbing')".

106: "Brighouse Men's Shed" and its stale copy "Brighouse Mans Shed", at one yard on the
same Tuesday morning, were both in a retired fitter's top 3: "men" and "mans" were read
as two different audiences. Words of a name that say one sex are one audience ("Men's",
"Mans", "Gents"); "Men's Shed" and "Women's Shed" stay two groups.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.duplicates import told_apart
from socialrx.model import Asset, Person
from socialrx.quality import check_catalogue

TODAY = date(2026, 12, 2)
_UKULELE = make_asset(
    id="uke", name="Group U", summary="Ring us.", activities=["ukulele"], needs=["loneliness"]
)


def _read_as(said: str) -> str:
    person = Person(postcode="LU1 1AA", age=60, needs=["loneliness"], interests=[said])
    detail = explained(person, "uke", _UKULELE, factor="interest", today=TODAY)[1]
    assert detail.startswith(f"'{said}' (read as '"), detail
    return detail.split("(read as '", 1)[1].split("')", 1)[0]


def test_a_reading_names_only_what_the_slip_was_read_as() -> None:
    assert _read_as("ukelele, I used to play at uni") == "ukulele"
    assert _read_as("ukelele wi me mates") == "ukulele"


_OTHER_WORDS = st.lists(
    st.sampled_from(["with", "my", "friends", "on", "a", "Sunday", "wi", "me", "pals", "uni"]),
    max_size=4,
)


@pytest.mark.slow  # a property sweep (about half a second or more)
@settings(max_examples=40, deadline=None)
@given(before=_OTHER_WORDS, after=_OTHER_WORDS)
def test_no_word_the_person_wrote_is_shown_as_read_but_the_slip(
    before: list[str], after: list[str]
) -> None:
    # Words nobody corrected are never shown as a reading ("wi", "uni" as written, or
    # left out): a reading names only another word for the slip.
    said = " ".join([*before, "ukelele", *after])
    assert _read_as(said) == "ukulele"


def _shed(key: str, name: str, verified: str, **fields: object) -> Asset:
    return make_asset(
        id=key,
        name=name,
        summary="Woodwork and a brew.",
        activities=["woodwork"],
        needs=["loneliness"],
        delivery=["in-person"],
        locations=[{"postcode": "LU1 2AB"}],
        schedule=[{"days": ["tue"], "start": "10:00", "end": "12:00", "frequency": "weekly"}],
        last_verified=verified,
        **fields,
    )


@pytest.mark.parametrize(
    "old_name", ["Brighouse Mans Shed", "Brighouse Mens Shed", "Brighouse Man Shed"]
)
def test_a_stale_copy_naming_the_same_men_another_way_is_shown_once(old_name: str) -> None:
    fresh = _shed("fresh", "Brighouse Men's Shed", "2026-10-30", organisation="Brighouse Shed")
    old = _shed("old", old_name, "2024-01-15")
    person = Person(postcode="LU1 1AA", age=72, needs=["loneliness"], interests=["woodwork"])
    result = match(person, Catalogue([old, fresh]), today=TODAY)
    assert [m.id for m in result] == ["fresh"]
    assert f"Also listed as '{old_name}'" in result.matches[0].cautions[-1]
    found = check_catalogue(Catalogue([fresh, old]), today=TODAY).findings
    assert [f.code for f in found if f.code == "SRX201"] == ["SRX201"]


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("Men's Shed", "Women's Shed"),
        ("Boys Football", "Men's Football"),
        ("Ladies Walk", "Gents Walk"),
    ],
)
def test_names_for_different_people_are_still_two_groups(one: str, two: str) -> None:
    assert told_apart(one, two)
