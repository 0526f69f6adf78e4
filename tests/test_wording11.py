"""Explanations read as a link worker reads them (issue 12, round ten): every sentence
the engine says — match reasons and cautions, `why`, the batch reasons and the printed
leaflet — is true and reads as plain English; and `socialrx check` finds one
organisation's walk listed again as "Walkers" and "Walking Group"."""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.wording import in_brackets, join_and, join_or, with_note
from socialrx.model import Person
from socialrx.quality import check_catalogue
from socialrx.tables import one_line_reason
from socialrx.views.html import result_html
from socialrx.views.text import explanation_text, for_person

TODAY = date(2026, 11, 22)

_venue = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])
_reason = functools.partial(reason, today=TODAY)
_BRACKETS = re.compile(r"\)\s*\(|\([^()]*\(")


# ------------------------------------------------------------------ brackets


def test_rule_27s_note_and_the_pressing_needs_note_share_one_bracket() -> None:
    # Known before: "(one kind of football) (counted at half: …)".
    person = Person(postcode="FY8 2NP", needs=["money"], interests=["football"])
    club = _venue(id="club", name="Tots Kickabout", activities=["toddler football"])
    _, detail = _reason(person, club, "interest")
    assert "one kind of football" in detail and "comes first" in detail
    assert not _BRACKETS.search(detail), detail


def test_a_fortnightly_session_with_no_availability_has_one_bracket() -> None:
    walk = _venue(
        id="walk",
        schedule=[{"days": ["thu"], "start": "10:00", "end": "12:00", "frequency": "fortnightly"}],
    )
    _, detail = _reason(Person(postcode="FY8 2NP"), walk, "schedule")
    assert detail == "Thu 10:00–12:00 (fortnightly). No availability given (neutral value)"


def test_a_session_note_is_said_with_its_session_not_as_another_session() -> None:
    line = make_asset(
        id="line",
        schedule=[
            {"days": ["mon"], "start": "09:00", "end": "17:00"},
            {"days": ["thu"], "start": "17:00", "end": "19:30", "note": "Late phone line."},
        ],
    )
    person = Person(postcode="FY8 2NP", availability=[{"days": ["tue"], "start": "09:00"}])
    (m,) = match(person, Catalogue([line]), today=TODAY).ranked
    (caution,) = [c for c in m.cautions if "when you are free" in c]
    # the caution holds the schedule in brackets: its own brackets become commas
    assert "(Mon 09:00–17:00; Thu 17:00–19:30, Late phone line)" in caution
    assert not _BRACKETS.search(caution), caution


# ------------------------------------------------------------------ lists and "and"


def test_a_group_for_people_and_their_families_is_never_and_and() -> None:
    cafe = _venue(
        id="cafe",
        name="Recovery Cafe",
        eligibility={"for": ["people in recovery from alcohol or drugs", "and their families"]},
    )
    person = Person(postcode="FY8 2NP", circumstances=["recovery"])
    _, detail = _reason(person, cafe, "audience")
    assert " and and " not in detail
    assert "people in recovery from alcohol or drugs, and their families" in detail


def test_needs_whose_names_hold_and_are_listed_so_each_can_be_told_apart() -> None:
    advice = _venue(id="advice", name="Advice Shop", needs=["housing"])
    person = Person(postcode="FY8 2NP", needs=["food", "money"])
    _, detail = _reason(person, advice, "need")
    assert detail.startswith("Does not list food, or money, debt and benefits"), detail
    both = _venue(id="both", needs=["creativity", "loneliness"], activities=["painting"])
    lonely = Person(postcode="FY8 2NP", needs=["creativity", "loneliness"])
    assert _reason(lonely, both, "need")[1].startswith(
        "Helps with creativity, and loneliness and isolation"
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "food",
                "housing",
                "loneliness and isolation",
                "money, debt and benefits",
                "and their carers",
            ]
        ),
        min_size=1,
        max_size=4,
        unique=True,
    )
)
def test_lists_never_say_and_and_and_keep_every_item(items: list[str]) -> None:
    for joined in (join_and(items), join_or(items)):
        assert " and and " not in joined and " or and " not in joined
        assert all(item in joined for item in items)


# ------------------------------------------------------------------ ways and features


def test_a_way_of_taking_part_is_said_in_words_not_as_a_field_value() -> None:
    walk = make_asset(id="walk", delivery=["outdoor"], locations=[{"postcode": "FY8 1DR"}])
    person = Person(postcode="FY8 2NP", delivery=["phone", "home-visit"])
    (ex,) = match(person, Catalogue([walk]), today=TODAY).excluded
    assert ex.reasons == ("Only outdoors; you would take part by phone or with a home visit",)
    assert not re.search(r"home-visit|in-person", ex.reasons[0])


def test_a_missing_venue_feature_is_named_as_a_thing_you_need() -> None:
    hall = _venue(id="hall", accessibility=["step-free"])
    person = Person(postcode="FY8 2NP", accessibility=["hearing-loop", "accessible-toilet"])
    (ex,) = match(person, Catalogue([hall]), today=TODAY).excluded
    assert "No hearing loop; you need a hearing loop" in ex.reasons
    assert "No accessible toilet; you need an accessible toilet" in ex.reasons
    # `why` shows both failures of one check as two sentences, not one run-on list
    why = explanation_text(explain("hall", person, Catalogue([hall]), today=TODAY))
    assert "a hearing loop. No accessible toilet" in why


def test_an_activity_that_is_not_dementia_friendly_says_so_plainly() -> None:
    quiz = _venue(id="quiz")
    person = Person(postcode="FY8 2NP", accessibility=["dementia-friendly"])
    (ex,) = match(person, Catalogue([quiz]), today=TODAY).excluded
    assert ex.reasons == ("Not dementia friendly; you need a dementia-friendly group",)
    change = explain("quiz", person, Catalogue([quiz]), today=TODAY).smallest_change
    assert change == "would be included if a dementia-friendly group were not needed"


# ------------------------------------------------------------------ the leaflet ("you")


def test_the_leaflet_says_the_persons_words_back_to_them() -> None:
    assert (
        for_person("'a chat with men my age' means tea and chat: matches activity 'natter'")
        == "You mentioned a chat with men your age: they do natter"
    )
    # words14: a wish or a worry is "mentioned", never "You like" (only an activity's
    # name is said back as a liking: "You like losing your sight" was false).
    assert for_person("'practising my english' matches the summary") == (
        "You mentioned practising your english"
    )
    assert for_person("'I love dancing' matches activity 'dance'") == (
        "You like dancing, and that is what they offer"  # words14: dance is dancing
    )


def test_the_leaflet_never_says_how_a_reason_was_weighed() -> None:
    said = for_person(
        "'football' matches activity 'toddler football' (one kind of football; counted at "
        "half: help with money, housing or food comes first)"
    )
    assert said == "You like football: they do toddler football (one kind of football)"
    assert (
        for_person(
            "Helps with loneliness and isolation; help with loneliness and isolation counted at "
            "half: it matches none of your hobbies"
        )
        == "Helps with loneliness and isolation"
    )


def test_the_leaflets_reasons_are_sentences() -> None:
    knit = _venue(
        id="knit",
        name="Knit Club",
        activities=["knitting"],
        schedule=[{"days": ["mon"], "start": "10:00", "end": "12:00"}],
    )
    person = Person(
        postcode="FY8 2NP",
        interests=["knitting"],
        availability=[{"days": ["mon"], "start": "09:00", "end": "13:00"}],
    )
    page = result_html(match(person, Catalogue([knit]), today=TODAY))
    assert "; You like" not in page and "You like knitting" in page


# ------------------------------------------------------------------ helpers


def test_a_note_goes_inside_a_bracket_that_ends_the_text() -> None:
    assert with_note("a (b)", "c") == "a (b; c)"
    assert with_note("a", "c") == "a (c)"
    assert in_brackets("Sat 10:00–12:00 (fortnightly)") == "(Sat 10:00–12:00, fortnightly)"


# ------------------------------------------------------------------ check: near-duplicates


def _group(folder: Path, slug: str, name: str, organisation: str) -> None:
    (folder / f"{slug}.yaml").write_text(
        f"name: {name}\norganisation: {organisation}\nsummary: Meets at the park gates.\n"
        "needs: [physical-activity]\ndelivery: [outdoor]\n"
        "locations: [{postcode: YO23 1JF}]\nstatus: active\nlast_verified: 2026-10-01\n",
        encoding="utf-8",
    )


def test_check_finds_walkers_and_walking_group_of_one_organisation(tmp_path: Path) -> None:
    # town's declared pair: one organisation at one place, "Walkers" / "Walking Group";
    # beside them one centre's "Games Café" and "Carers Café", which are two groups.
    _group(tmp_path, "walkers", "Rowntree Park Walkers", "Rowntree Park Walkers")
    _group(tmp_path, "walking", "Rowntree Park Walking Group", "Rowntree Park Walkers")
    _group(tmp_path, "games", "Clements Hall Games Café", "Clements Hall")
    _group(tmp_path, "carers", "Clements Hall Carers Café", "Clements Hall")
    found = [
        (Path(f.path).stem, f.message)
        for f in check_catalogue(tmp_path, today=TODAY).findings
        if f.code == "SRX201"
    ]
    assert [stem for stem, _ in found] == ["walking"], found
    assert "'Rowntree Park Walkers'" in found[0][1]


def test_check_keeps_walkers_of_two_organisations_apart(tmp_path: Path) -> None:
    _group(tmp_path, "walkers", "Rowntree Park Walkers", "Rowntree Park Walkers")
    _group(tmp_path, "walking", "Rowntree Park Walking Group", "York Ramblers")
    assert not [f for f in check_catalogue(tmp_path, today=TODAY).findings if f.code == "SRX201"]


# ------------------------------------------------------------------ unknown, said as such


def test_a_far_venue_of_an_entry_not_saying_how_people_take_part_is_said_as_a_condition() -> None:
    # An imported entry that does not record how people take part stays listed (unknown
    # is not "no"): its far venue is a condition, never a bare "14.4 km away; limit 2 km".
    hub = make_asset(
        id="hub",
        delivery=[],
        locations=[{"postcode": "FY8 1DR"}],
        source={"system": "directory", "id": "1"},
    )
    person = Person(postcode="FY8 2NP", max_travel_km=0.5)
    (m,) = match(person, Catalogue([hub]), today=TODAY).ranked
    (far,) = [c for c in m.cautions if "limit 0.5 km" in c]
    assert far.startswith("If people take part at the venue: ") and "km away" in far


def test_a_venue_at_the_door_is_under_a_tenth_of_a_km_not_none() -> None:
    hall = _venue(id="hall", locations=[{"postcode": "FY8 2NP"}])
    _, detail = _reason(Person(postcode="FY8 2NP"), hall, "proximity")
    assert detail.startswith("Under 0.1 km away (limit 8 km)") and "0.0 km" not in detail


def test_nothing_asked_for_says_why_not_what_it_would_have_helped_with() -> None:
    # A carers' group for someone known not to be a carer: its help counts for nothing,
    # and the one-line reason says so, never "Meets nothing asked for (helps with …)".
    carers = _venue(id="carers", name="Carers Cafe", eligibility={"for": ["carers"]})
    person = Person(postcode="FY8 2NP", needs=["loneliness"], circumstances=["bereaved"])
    (m,) = match(person, Catalogue([carers]), today=TODAY).ranked
    line = one_line_reason(m)
    assert line.startswith("Meets nothing asked for: it is for a particular audience"), line
