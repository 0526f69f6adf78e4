"""Explanations audited on catalogues written by others (issue 12, round fourteen,
words15): every sentence a user sees — the match card, `why`, the batch line, the
printed leaflet, the API's reasons — is true for the person and the entry. One test per
class of error the audit found, each on small hand-made data; scores never change."""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.wording import meant, said_span
from socialrx.model import Person
from socialrx.tables import one_line_reason
from socialrx.views.html import result_html
from socialrx.views.text import for_person

pytestmark = pytest.mark.slow  # about a second in all (the leaflet's templates load once)

TODAY = date(2026, 11, 30)

_venue = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])
_reason = functools.partial(reason, today=TODAY)


def _interest(interests: list[str], **asset: object) -> tuple[float, str]:
    person = Person(postcode="FY8 2NP", interests=interests)
    return _reason(person, _venue(id="a", **asset), "interest")


# ------------------------------------------------------------------ quoting the person


def test_a_reason_quotes_only_words_the_person_said() -> None:
    # Known before: "'singing old songs' ('a sing-song' means singing) matches activity
    # 'gospel singing'": the person never said "a sing-song".
    _, detail = _interest(["singing old songs"], activities=["gospel singing"])
    assert "sing-song" not in detail
    assert detail.startswith("'singing old songs'")
    # A part they did say is still quoted, article and all.
    _, brew = _interest(["a brew with lads who get it"], activities=["tea and chat"])
    assert "('a brew' " in brew


def test_an_everyday_phrase_is_never_said_to_mean_itself() -> None:
    said = meant("'gardening shows'", "gardening shows", "gardening", "gardening", "activity 'x'")
    assert said == "'gardening shows' matches activity 'x'"


def test_a_phrase_of_several_meanings_can_mean_one_of_them() -> None:
    # "Getting out" is a coffee morning, tea and chat or a lunch club: "means" would
    # single one out. "A brew" is tea and chat or coffee and chat: a chat either way.
    _, detail = _interest(["get out of the house"], activities=["lunch club"])
    assert detail.startswith("'get out of the house' can mean ")
    _, brew = _interest(["a brew"], activities=["tea and chat"])
    assert brew.startswith("'a brew' means tea and chat")
    _, one = _interest(["old days at the works"], activities=["reminiscence"])
    assert "can mean" not in one


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.sampled_from(["old", "pit", "days", "the", "singing", "songs"]), min_size=1),
    st.sets(st.sampled_from(["old", "day", "sing", "song"]), min_size=1),
)
def test_a_quoted_part_is_always_a_run_of_the_person_s_own_words(
    said: list[str], stems: set[str]
) -> None:
    text = " ".join(said)
    part = said_span(text, stems)
    assert part is None or part in text


# ------------------------------------------------------------------ what was matched


def test_talks_given_are_company_never_a_chat() -> None:
    # Known before: "'a natter' matches activity 'talks'" of a history society's talks.
    score, detail = _interest(["a natter"], activities=["local history", "talks"])
    assert "matches activity 'talks'" not in detail
    assert detail == "'a natter': activity 'talks' is company, though not a chat"
    # The score is what it was: the group is still company.
    same, _ = _interest(["a natter"], activities=["local history", "chat"])
    assert score == pytest.approx(same)
    # Where an entry also lists a chat, that is the phrase the reason names.
    _, both = _interest(["a natter"], activities=["talks", "tea and chat"])
    assert both == "'a natter' matches activity 'tea and chat'"


def test_some_shared_words_are_no_match() -> None:
    # Known before: "'sea swimming' matches activity 'sea shanties'", "'talking books'
    # matches activity 'talks'".
    _, sea = _interest(["sea swimming"], activities=["sea shanties"])
    assert sea == "'sea swimming' shares a word with activity 'sea shanties'"
    _, books = _interest(["talking books"], activities=["talks"])
    assert "matches" not in books
    # One that holds all the other's words still matches.
    _, cooking = _interest(["cooking curries"], activities=["cooking"])
    assert "matches activity 'cooking'" in cooking


def test_what_stands_in_is_never_said_to_match() -> None:
    # Known before: "'salsa' matches activity 'walking' instead (nothing here offers
    # salsa; another way to keep active)".
    person = Person(postcode="FY8 2NP", interests=["salsa"], needs=["physical-activity"])
    walk = _venue(id="walk", activities=["walking"], needs=["physical-activity"])
    _, detail = _reason(person, walk, "interest")
    assert detail == (
        "'salsa': nothing here offers it, and activity 'walking' is another way to keep active"
    )
    assert for_person(detail) == (
        "You like salsa: nothing here offers it, but they do walking, another way to keep active"
    )


def test_a_wider_activity_quotes_the_person_with_their_small_words() -> None:
    # Known before: "(not said to be walking dog; counted at half)".
    _, detail = _interest(["walking the dog"], activities=["walking"])
    assert "not said to be walking the dog" in detail


# ------------------------------------------------------------------ what is shown


def test_a_need_met_in_part_is_among_the_reasons_shown() -> None:
    # Known before: a lunch club for a lonely man with three needs showed "Meets when you
    # are free. 0.9 km away. Can take part in person" and never his loneliness.
    person = Person(postcode="FY8 2NP", needs=["loneliness", "housing", "food"])
    club = _venue(id="club", name="Lunch Club", needs=["loneliness"], cost={"free": True})
    (m,) = match(person, Catalogue([club]), today=TODAY).ranked
    assert one_line_reason(m).startswith("Helps with loneliness and isolation")
    page = result_html(match(person, Catalogue([club]), today=TODAY), online=True)
    assert "Helps with loneliness and isolation" in page.split('class="why">')[2]


def test_a_limit_of_nothing_is_counted_as_not_free() -> None:
    # Known before: "3 x costs more than £0.00" in `match --excluded summary`.
    person = Person(postcode="FY8 2NP", max_cost=0)
    paid = _venue(id="paid", cost={"amount": 3, "per": "session"})
    result = match(person, Catalogue([paid]), today=TODAY)
    assert result.excluded_summary() == {"not free": 1}


def test_the_leaflet_does_not_guess_why_others_were_left_out() -> None:
    # Known before: "(13 others did not fit what you need, for example distance or
    # access)" when none was left out for distance or access.
    person = Person(postcode="FY8 2NP", age=40)
    kept = _venue(id="kept")
    old = _venue(id="old", eligibility={"min_age": 65})
    page = result_html(match(person, Catalogue([kept, old]), today=TODAY), online=True)
    assert "distance or access" not in page
    assert "1 other was left out" in page
