"""An age group's name written two ways is one name (issue 12 item 7; rule 98,
``docs/matching.md``).

Found on the Isle of Wight catalogue: "Ryde Over 60s Friendship Club" and its stale
2023 copy "Ryde Over-60's Friendship Club", at one hall at the same hour, were both in a
lonely woman's top 3. The apostrophe split "60's" into "60" and "s", so the live name
said who the club is for ("over 60s") and the copy did not, and the two were told apart.
A number's plural is one word however it is written: "60's", "60’s" and "60s".

Small hand-made assets and files only (not the benchmark's files).
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.duplicates import name_key, told_apart
from socialrx.model import Person
from socialrx.quality import check_catalogue

TODAY = date(2026, 12, 1)
PERSON = Person(postcode="PO33 2HY", max_travel_km=5, age=77)
_THU = [{"days": ["thu"], "start": "14:00", "end": "16:00"}]
_club = functools.partial(
    make_asset,
    needs=["loneliness"],
    delivery=["in-person"],
    locations=[{"postcode": "PO33 2HY"}],
    schedule=_THU,
    eligibility={"min_age": 60},
)


def test_a_club_and_its_stale_copy_with_the_apostrophe_are_shown_once() -> None:
    live = _club(
        id="ryde-friendship-club",
        name="Ryde Over 60s Friendship Club",
        organisation="Ryde Friendship Club (fictional)",
        activities=["bingo", "singing", "tea and cake"],
    )
    stale = _club(
        id="ryde-friendship-club-old",
        name="Ryde Over-60's Friendship Club",
        activities=["bingo", "tea"],
        last_verified="2023-05-02",
    )
    result = match(PERSON, Catalogue([stale, live]), today=TODAY)
    assert [m.id for m in result] == ["ryde-friendship-club"]
    assert "Also listed as 'Ryde Over-60's Friendship Club'" in result.matches[0].cautions[-1]
    assert [e.codes for e in result.excluded] == [("duplicate",)]


def test_check_reports_the_pair(tmp_path: Path) -> None:
    for slug, name, verified in [
        ("club", "Ryde Over 60s Friendship Club", "2026-09-22"),
        ("club-old", "Ryde Over-60’s Friendship Club", "2023-05-02"),
    ]:
        (tmp_path / f"{slug}.yaml").write_text(
            f'name: "{name}"\nsummary: Tea and bingo.\nactivities: [bingo]\n'
            "needs: [loneliness]\ndelivery: [in-person]\nlocations: [{postcode: PO33 2HY}]\n"
            "schedule: [{days: [thu], start: '14:00', end: '16:00'}]\n"
            f"eligibility: {{min_age: 60}}\nstatus: active\nlast_verified: {verified}\n",
            encoding="utf-8",
        )
    found = [f for f in check_catalogue(tmp_path, today=TODAY).findings if f.code == "SRX201"]
    assert len(found) == 1


def test_a_club_for_another_age_is_still_another_club() -> None:
    fifties = _club(id="over-50s", name="Ryde Over 50s Club", activities=["bingo"])
    sixties = _club(
        id="over-60s", name="Ryde Over-60's Club", activities=["bingo"], last_verified="2023-05-02"
    )
    result = match(PERSON, Catalogue([fifties, sixties]), today=TODAY)
    assert sorted(m.id for m in result) == ["over-50s", "over-60s"]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=99),
    st.sampled_from(["'", "’", "‘", "`"]),
    st.sampled_from(["Over ", "Over-", "Club for the ", "The "]),
    st.sampled_from([" Friendship Club", " Social", " Tea Dance", ""]),
)
def test_a_plural_number_with_an_apostrophe_is_the_same_name(
    number: int, mark: str, before: str, after: str
) -> None:
    plain, old_way = f"{before}{number}s{after}", f"{before}{number}{mark}s{after}"
    assert name_key(plain) == name_key(old_way)
    assert not told_apart(plain, old_way)
