"""Rule 38 (round eleven): help in your own language — for someone whose own language is
not English, an asset that also offers it (among its ``languages``, not first) counts on
``audience`` as a group made for them does; it never says who a group is for."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import explained, make_asset, ranked_ids
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.own_language import OWN_LANGUAGE_VALUE, own_languages
from socialrx.model import Asset, Person
from strategies import persons

TODAY = date(2026, 11, 22)
HOME = "FY8 2NP"

_venue = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    needs=["work-volunteering", "learning"],
    activities=["cv writing", "job search"],
)

_JOB_CLUB = _venue(id="job-club", name="Thursday Job Club", summary="CVs and job searching.")
_POLISH_JOB_CLUB = _venue(
    id="next-step-job-club",
    name="Next Step Evening Job Club",
    summary="CVs and job searching. A Polish-speaking adviser every week.",
    languages=["en", "pl"],
)
_KLUB = _venue(
    id="klub",
    name="Klub Polski",
    summary="Polish community club: coffee, papers and help finding work.",
    languages=["pl", "en"],
)
_GET_ONLINE = make_asset(
    id="get-online",
    name="Get Online in Your Language",
    summary="Borrow a tablet and get one-to-one help using it.",
    activities=["tablet loans", "digital skills"],
    needs=["digital", "loneliness"],
    delivery=["phone"],
    languages=["en", "pl"],
)
_CHAT_LINE = make_asset(
    id="chat-line",
    name="Friendly Voices",
    summary="A volunteer rings you for a chat once a week.",
    activities=["telephone befriending"],
    needs=["loneliness"],
)
_CARERS = _venue(
    id="carers",
    name="Carers' Job Club",
    summary="Help back into work for unpaid carers.",
    eligibility={"for": ["carers"]},
    languages=["en", "pl"],
)


def _person(**fields: Any) -> Person:
    data: dict[str, Any] = {"postcode": HOME, "needs": ["work-volunteering"], "age": 44}
    return Person(**{**data, **fields})


def _audience(person: Person, asset_id: str, *assets: Asset) -> tuple[float, str]:
    return explained(person, asset_id, *assets, factor="audience", today=TODAY)


def test_the_job_club_in_their_own_language_comes_first() -> None:
    polish = _person(languages=["pl", "en"])
    assert ranked_ids(polish, _JOB_CLUB, _POLISH_JOB_CLUB, today=TODAY) == [
        "next-step-job-club",
        "job-club",
    ]
    value, detail = _audience(polish, "next-step-job-club", _JOB_CLUB, _POLISH_JOB_CLUB)
    assert value == OWN_LANGUAGE_VALUE == 1.0
    assert detail == "Open to everyone; also in Polish, your own language"
    # The other stays open to everyone, neither lifted nor lowered.
    assert _audience(polish, "job-club", _JOB_CLUB, _POLISH_JOB_CLUB) == (
        0.5,
        "Open to everyone (neutral value)",
    )


def test_someone_who_lists_english_first_or_no_language_is_not_lifted() -> None:
    for person in (_person(languages=["en", "pl"]), _person()):
        result = match(person, Catalogue([_JOB_CLUB, _POLISH_JOB_CLUB]), today=TODAY)
        scores = {m.id: m.score for m in result.ranked}
        assert scores["next-step-job-club"] == scores["job-club"]
        assert _audience(person, "next-step-job-club", _JOB_CLUB, _POLISH_JOB_CLUB)[0] == 0.5


def test_own_languages_are_those_listed_before_english() -> None:
    assert own_languages(Person(languages=["ur", "pa", "en", "pl"])) == ("ur", "pa")
    assert own_languages(Person(languages=["pl"])) == ("pl",)
    assert own_languages(Person(languages=["en", "pl"])) == ()
    assert own_languages(Person()) == ()
    # A second own language counts as well as the first.
    punjabi = _person(languages=["ur", "pa", "en"])
    in_punjabi = _POLISH_JOB_CLUB.model_copy(update={"languages": ("en", "pa")})
    assert _audience(punjabi, "next-step-job-club", _JOB_CLUB, in_punjabi) == (
        1.0,
        "Open to everyone; also in Punjabi, your own language",
    )


def test_a_group_run_mainly_in_their_language_says_so_once() -> None:
    value, detail = _audience(_person(languages=["pl", "en"]), "klub", _JOB_CLUB, _KLUB)
    assert value == 1.0
    assert "run mainly in Polish, which you speak" in detail
    assert "your own language" not in detail


def test_an_audience_they_are_not_known_to_be_in_is_not_lifted() -> None:
    polish = _person(languages=["pl", "en"])
    value, detail = _audience(polish, "carers", _JOB_CLUB, _CARERS)
    assert value == 0.25
    assert "your own language" not in detail


def test_it_does_not_make_a_service_for_another_problem_theirs() -> None:
    # A man who needs company and never asked about getting online: the get-online
    # service in Polish is lifted on audience, but its company still counts at half for
    # being a service for a problem he did not bring (rule 24), so the befriending call
    # that does what he asked comes first. (Not at ease online: for someone confident
    # online its company would count for nothing, rule 60.)
    lonely = Person(
        postcode=HOME, needs=["loneliness"], languages=["pl", "en"], age=70, digital="limited"
    )
    result = match(lonely, Catalogue([_GET_ONLINE, _CHAT_LINE]), today=TODAY)
    need = next(r for r in result.ranked if r.id == "get-online").reasons[0]
    assert need.factor == "need"
    assert "a service for getting online, which you did not ask about" in need.detail
    assert [m.id for m in result.ranked] == ["chat-line", "get-online"]


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(person=persons(), extra=st.sampled_from(["pl", "ur", "bsl"]))
def test_offering_another_language_never_lowers_an_asset(person: Person, extra: str) -> None:
    """Two assets alike but for one also offering a language: it never scores lower, and
    scores the same unless that language is one of the person's own; `why` agrees."""
    plain = make_asset(id="plain", activities=["befriending"], needs=["loneliness"])
    also = make_asset(
        id="also", activities=["befriending"], needs=["loneliness"], languages=["en", extra]
    )
    catalogue = Catalogue([plain, also])
    result = match(person, catalogue, today=TODAY, variety=False)
    scores = {m.id: m.score for m in result.ranked}
    if "plain" in scores:
        assert "also" in scores
        if extra in own_languages(person):
            assert scores["also"] >= scores["plain"]
        else:
            assert scores["also"] == scores["plain"]
    if "also" in scores:
        why = explain("also", person, catalogue, today=TODAY)
        assert why.score == scores["also"]
