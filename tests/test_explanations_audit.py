"""Explanations audited (issue 12, round thirteen, words14): every sentence a user sees —
the match card, `why`, the batch and notebook line, the printed leaflet — is true for
the person and the entry, and reads as plain English. One test per class of error the
audit found, each on small hand-made data."""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.wording import audience_text, need_text, open_to_all
from socialrx.model import Person
from socialrx.tables import one_line_reason
from socialrx.views.html import result_html
from socialrx.views.phrases import cost_text, leaflet_join_text, schedule_text, where_text
from socialrx.views.text import explanation_text, for_person, result_text

pytestmark = pytest.mark.slow  # about 1.5 s in all (the leaflet's templates load once)

TODAY = date(2026, 11, 30)

_venue = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])
_reason = functools.partial(reason, today=TODAY)


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


# ------------------------------------------------------------------ brackets


def test_the_leaflet_never_leaves_a_bracket_open() -> None:
    # Known before: "Helps with loneliness and isolation)" on the printed page, where
    # how a need was weighed ("counted in full: … (you have no internet at home)") is
    # left out for the person but its bracket was not.
    need = (
        "Helps with loneliness and isolation (not transport); help with loneliness and "
        "isolation counted in full: a call is company itself for someone a group does not "
        "easily reach (you have no internet at home)"
    )
    assert for_person(need) == "Helps with loneliness and isolation (not transport)"
    person = Person(postcode="FY8 2NP", needs=["loneliness"], digital="none")
    line = make_asset(id="line", name="Chatterline", needs=["loneliness"], delivery=["phone"])
    page = result_html(match(person, Catalogue([line]), today=TODAY), online=False)
    why = page.split('class="why">')[2].split("<")[0]
    assert _balanced(why), why


# ------------------------------------------------------------------ help with help


def test_a_need_whose_name_says_help_is_never_help_with_help() -> None:
    person = Person(postcode="FY8 2NP", needs=["practical-help", "carers"])
    helpers = make_asset(
        id="helpers", name="Good Neighbours", needs=["practical-help", "carers"], delivery=["phone"]
    )
    _, detail = _reason(person, helpers, "need")
    assert detail == "Helps with practical tasks and caring for someone"
    assert need_text("loneliness") == "loneliness and isolation"


# ------------------------------------------------------------------ who a group is for


def test_a_group_open_to_everyone_is_no_caution() -> None:
    # Known before: the caution "For everyone" on a warm space open to all.
    space = _venue(id="warm", name="Warm Space", eligibility={"for": ["everyone"]})
    (m,) = match(Person(postcode="FY8 2NP"), Catalogue([space]), today=TODAY).ranked
    assert not [c for c in m.cautions if c.startswith("For ")], m.cautions
    assert open_to_all("All welcome") and not open_to_all("carers")


def test_a_group_for_a_lone_description_is_said_as_people() -> None:
    # Known before: "This group is for bereaved: check it is right for you" and "For
    # bereaved, as you are".
    cafe = _venue(id="cafe", name="Lantern Cafe", eligibility={"for": ["bereaved"]})
    (m,) = match(Person(postcode="FY8 2NP"), Catalogue([cafe]), today=TODAY).ranked
    assert "This group is for bereaved people: check it is right for you" in m.cautions
    widow = Person(postcode="FY8 2NP", circumstances=["bereaved"])
    _, detail = _reason(widow, cafe, "audience")
    assert detail.startswith("For bereaved people, as you are"), detail


def test_an_audience_that_already_names_people_is_said_as_written() -> None:
    assert audience_text(["carers", "recently widowed"]) == "carers and recently widowed people"
    assert audience_text(["the recently widowed"]) == "the recently widowed"
    # the second entry of a list goes on from the first: never "… housebound people"
    said = audience_text(["dog owners who are unwell", "in hospital or housebound"])
    assert said == "dog owners who are unwell and in hospital or housebound"


@settings(max_examples=20, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("bereaved", "homeless", "carers", "everyone", "people in recovery"),
                *("LGBTQ+", "recently bereaved", "housebound", "disabled"),
                "veterans and their families",
            ]
        ),
        min_size=1,
        max_size=4,
        unique=True,
    )
)
def test_an_audience_keeps_the_organisers_words_and_never_says_people_twice(
    items: list[str],
) -> None:
    said = audience_text(items)
    assert all(item in said for item in items)
    assert "people people" not in said and " and and " not in said


# ------------------------------------------------------------------ cautions


def test_a_near_duplicate_is_named_without_its_id() -> None:
    kw = {"schedule": [{"days": ["mon"], "start": "10:00", "end": "11:00"}]}
    new = _venue(id="sunny-side-walks", name="Sunny Side Walks", last_verified="2026-11-01", **kw)
    old = _venue(id="sunnyside-walks", name="Sunnyside Walks", last_verified="2024-01-01", **kw)
    result = match(Person(postcode="FY8 2NP"), Catalogue([new, old]), today=TODAY)
    (twin,) = [c for m in result.ranked for c in m.cautions if c.startswith("Also listed")]
    assert twin == "Also listed as 'Sunnyside Walks', an entry checked less recently"


def test_an_online_only_caution_speaks_to_the_person() -> None:
    # Read aloud to the person or printed for them: "you", never "they".
    choir = make_asset(
        id="choir", delivery=["online"], digital={"needs_internet": True, "platform": "Zoom"}
    )
    person = Person(postcode="FY8 2NP", digital="limited")
    (m,) = match(person, Catalogue([choir]), today=TODAY).ranked
    assert "Online only (Zoom): you may need help getting started" in m.cautions


# ------------------------------------------------------------------ why


def test_why_never_says_not_known_twice_for_a_missing_postcode() -> None:
    club = _venue(id="club", name="Knit Club")
    ex = explain("club", Person(), Catalogue([club]), today=TODAY)
    (distance,) = [c for c in ex.checks if c.constraint == "distance"]
    assert distance.detail == "We don't know how far this is: check the address"


def test_the_smallest_change_speaks_of_the_person_throughout() -> None:
    # Known before: "if the travel limit were 10.9 km and you could spend £2.00 at a
    # time" beside "if the person spoke English".
    club = _venue(id="club", name="Bowls Club", cost={"amount": 45, "per": "year"})
    person = Person(postcode="FY8 2NP", max_cost=2)
    ex = explain("club", person, Catalogue([club]), today=TODAY)
    assert ex.smallest_change == "would be included if the person could spend £45.00 at a time"
    zoom = make_asset(id="zoom", delivery=["online"], digital={"needs_internet": True})
    offline = Person(postcode="FY8 2NP", digital="none", delivery=["phone"])
    change = explain("zoom", offline, Catalogue([zoom]), today=TODAY).smallest_change
    assert change == (
        "would be included if the person had internet at home and a device, "
        "and would take part online"
    )


# ------------------------------------------------------------------ one line, card, leaflet


def test_reasons_on_one_line_are_sentences_so_a_session_is_never_read_as_a_reason() -> None:
    club = _venue(
        id="club",
        name="Social Club",
        needs=["loneliness"],
        schedule=[
            {"days": ["mon"], "start": "12:00", "end": "17:00"},
            {"days": ["wed"], "start": "14:00", "end": "16:00", "note": "Bingo"},
        ],
    )
    person = Person(
        postcode="FY8 2NP",
        needs=["loneliness"],
        availability=[{"days": ["mon", "wed"], "start": "12:00", "end": "17:00"}],
    )
    result = match(person, Catalogue([club]), today=TODAY)
    (m,) = result.ranked
    line = one_line_reason(m)
    assert "Mon 12:00–17:00; Wed 14:00–16:00 (Bingo). " in line or line.endswith(
        "Mon 12:00–17:00; Wed 14:00–16:00 (Bingo)"
    ), line
    assert "Why: " in result_text(result) and "; Helps with" not in result_text(result)


def test_the_leaflet_says_how_to_join_in_words_and_a_nothing_price_as_free() -> None:
    # Known before: "To join: ." under the phone number, and "£0.00 a session".
    assert leaflet_join_text(make_asset(id="a", contact={"phone": "01632 960000"}).contact) == (
        "Ring the number above."
    )
    cafe = make_asset(id="cafe", cost={"amount": 0, "per": "session", "note": "Pay as you feel"})
    assert cost_text(cafe.cost) == "Free. Pay as you feel"


def test_where_reads_plainly_with_and_without_a_postcode() -> None:
    hub = make_asset(
        id="hub",
        delivery=["in-person", "online", "phone"],
        digital={"needs_internet": True},
        locations=[{"name": "Town Hall", "postcode": "FY8 1LW"}],
    )
    remote = Person(postcode="FY8 2NP", delivery=["online", "phone"])
    (m,) = match(remote, Catalogue([hub]), today=TODAY).ranked
    assert where_text(m) == "Online or by phone"  # never "Online or By phone"
    (m,) = match(Person(), Catalogue([hub]), today=TODAY).ranked
    assert where_text(m) == "Town Hall"  # the venue, not only its phone line


def test_a_catalogue_where_nothing_suits_says_so_in_words() -> None:
    club = _venue(id="club", eligibility={"min_age": 60})
    young = Person(postcode="FY8 2NP", age=20)
    text = result_text(match(young, Catalogue([club]), today=TODAY))
    assert text.startswith("The one activity or service does not suit this person.")
    two = Catalogue([club, _venue(id="club2", eligibility={"min_age": 60})])
    assert result_text(match(young, two, today=TODAY)).startswith(
        "None of the 2 activities and services suit this person."
    )
    text = result_text(match(Person(postcode="FY8 2NP", age=70), two, today=TODAY, limit=1))
    assert text.startswith("2 of 2 activities and services suit this person; the best one:")
    assert "explanation" not in explanation_text(explain("club", young, two, today=TODAY))


# ------------------------------------------------------------------ the person's words


def test_the_leaflet_says_a_liking_only_of_an_activity_and_mentions_the_rest() -> None:
    # Known before: "You like losing your sight" and "You like heating bills: they do
    # energy advice" (interests hold worries and wishes too).
    assert for_person("'losing my sight' matches the name") == "You mentioned losing your sight"
    assert for_person("'heating bills' matches activity 'energy advice'") == (
        "You mentioned heating bills: they do energy advice"
    )
    assert for_person("'I do a lot of knitting' matches the wider activity 'crafts'") == (
        "You like knitting: they do crafts"  # never "You like you do a lot of knitting"
    )
    assert for_person("'I worry about my bills' matches the summary") == (
        "You mentioned that you worry about your bills"
    )
    assert for_person("'a bit of company' matches activity 'company'") == (
        "You like a bit of company, and that is what they offer"
    )


def test_a_session_note_that_only_repeats_its_times_is_said_once() -> None:
    # Known before: "First Tue of the month, 10:30–12:30 (first Tuesday)".
    cafe = _venue(
        id="cafe",
        schedule=[
            {"days": ["tue"], "start": "10:30", "end": "12:30", "frequency": "monthly"}
            | {"week_of_month": 1, "note": "first Tuesday"},
            {"days": ["thu"], "start": "10:00", "end": "11:00", "note": "Bingo"},
        ],
    )
    assert schedule_text(cafe.schedule) == (
        "First Tue of the month, 10:30–12:30; Thu 10:00–11:00 (Bingo)"
    )
