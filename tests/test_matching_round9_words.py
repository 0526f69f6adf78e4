"""How a person's words are read, round nine (issue 12, item 6).

* Rule 26: an interest that asks for help in the person's own words ("sorting my bills
  out", "a hot meal", "something for my nerves") is that need, not a hobby: only the
  words that say the need count, all together, at most as much as a wish for company,
  and it never decides which groups match the person's hobbies.
* What follows a negation is what someone does not want: "anything that's not down the
  pub" is never read as a pub.
* Everyday phrases for what people would like: a hot meal, somewhere warm, other mums,
  a day out, films, a stroll, DIY, helping people, walks with the pram…
"""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason
from socialrx.catalogue import Catalogue
from socialrx.matching import explain, match
from socialrx.matching.interests import (
    ACTIVITY_KIND_NEEDS,
    GAP,
    W_COMPANY,
    Interest,
    InterestColumns,
    not_a_hobby,
    stated_need,
    wanted_part,
    wish_for_company,
)
from socialrx.matching.prepared import prepare
from socialrx.model import Person
from socialrx.vocabulary import NEEDS, need_wording, raw_words, read_need

TODAY = date(2026, 11, 22)

_asset = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    needs=["loneliness"],
)
# An energy-advice line whose summary mentions bills, and a befriending service.
_ENERGY = make_asset(
    id="energy",
    name="Warm Homes Line",
    summary="Advice on energy bills and heating.",
    needs=["money"],
    activities=["energy advice"],
)
_BEFRIEND = make_asset(
    id="befriend",
    name="Phone Friends",
    summary="A volunteer rings for a chat every week.",
    activities=["telephone befriending"],
)
_OUT = _asset(id="out", name="Out and About", summary="Days out for older people.")


def _person(*interests: str, needs: tuple[str, ...] = ("lonely",)) -> Person:
    return Person(postcode="FY8 2NP", needs=list(needs), interests=list(interests))


def _read(text: str) -> Interest:
    return Interest.read(text, InterestColumns(prepare(Catalogue([_ENERGY]))))


def _interest(person: Person, asset_id: str, *assets: object) -> tuple[float, str]:
    result = match(person, Catalogue(list(assets)), today=TODAY)  # type: ignore[arg-type]
    m = next(m for m in result.ranked if m.id == asset_id)
    r = next(r for r in m.reasons if r.factor == "interest")
    return r.score, r.detail


# ------------------------------------------------------------------ rule 26


@pytest.mark.parametrize(
    ("said", "need", "by"),
    [
        ("sorting my bills out", "money", {"bill"}),
        ("a hot meal", "food", {"hot", "meal"}),
        ("something for my nerves", "mental-wellbeing", {"nerv"}),
        ("getting a job", "work-volunteering", {"job"}),
        ("somewhere safe to talk", "mental-wellbeing", {"saf", "talk"}),
    ],
)
def test_a_need_in_their_own_words_is_read_as_that_need(said: str, need: str, by: set[str]) -> None:
    interest = _read(said)
    assert interest.need == need
    assert interest.words == by  # only the words that say the need count
    assert not_a_hobby(interest)


@pytest.mark.parametrize(
    "said", ["walking", "cooking", "yoga for stress", "nature", "a bit of company", "darts"]
)
def test_a_pastime_or_a_wish_for_company_is_not_a_request_for_help(said: str) -> None:
    # Company and the needs that are kinds of activity stay what they were: "yoga for
    # stress" is yoga, "walking" a pastime, "a bit of company" a wish for company.
    assert stated_need(said, said) is None
    assert _read(said).need is None


def test_sorting_my_bills_out_is_never_out_and_about() -> None:
    # Before: "out" alone matched the name of a days-out group, and the reason said so.
    value, detail = reason(_person("sorting my bills out"), _OUT, "interest", TODAY)
    assert value == 0.0
    assert "matches" not in detail
    # the word that says the need still finds what is about it
    value, detail = reason(_person("sorting my bills out"), _ENERGY, "interest", TODAY)
    assert value > 0 and detail == "'sorting my bills out' matches the summary"


def test_a_need_in_their_own_words_counts_at_most_as_much_as_a_wish_for_company() -> None:
    meals = _asset(id="meals", name="Thursday Table", activities=["hot meal"], needs=["food"])
    # (needs other than money, housing or food: those halve what anyone enjoys, rule 10)
    value, _ = reason(_person("a hot meal"), meals, "interest", TODAY)
    assert value == pytest.approx(GAP * W_COMPANY)
    # as a pastime the same activity would count in full
    value, _ = reason(_person("hot meal cooking"), meals, "interest", TODAY)
    assert value > GAP * W_COMPANY


def test_a_request_for_help_does_not_decide_which_groups_match_your_hobbies() -> None:
    # A nan raising her grandchildren wants "a bit of company" and "sorting my bills
    # out". The energy line's summary mentions bills; before rule 26 that made "sorting
    # my bills out" a hobby the energy line matched, so the befriending service's help
    # with loneliness counted half, "it matches none of your hobbies".
    nan = _person("a bit of company", "sorting my bills out", needs=("lonely", "money"))
    result = match(nan, Catalogue([_ENERGY, _BEFRIEND]), today=TODAY)
    befriend = next(m for m in result.ranked if m.id == "befriend")
    need = next(r for r in befriend.reasons if r.factor == "need")
    assert "hobbies" not in need.detail
    why = explain("befriend", nan, Catalogue([_ENERGY, _BEFRIEND]), today=TODAY)
    assert next(r for r in why.reasons if r.factor == "need").score == need.score


def test_a_real_hobby_still_decides() -> None:
    # With a hobby as well (darts), a group matching none of them still counts company half.
    darts = _asset(id="darts", name="Arrows", activities=["darts"])
    lunch = _asset(id="lunch", name="Lunch Club", activities=["lunch club"])
    person = _person("darts", "sorting my bills out", needs=("lonely", "money"))
    result = match(person, Catalogue([darts, lunch, _ENERGY]), today=TODAY)
    lunch_need = next(
        r for r in next(m for m in result.ranked if m.id == "lunch").reasons if r.factor == "need"
    )
    assert "it matches none of your hobbies" in lunch_need.detail


_HELP_WORDINGS = sorted(
    {
        w
        for need in NEEDS.values()
        if need.id not in ACTIVITY_KIND_NEEDS
        for w in need.says
        if stated_need(w, w) is not None
    }
)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(said=st.sampled_from(_HELP_WORDINGS))
def test_a_request_for_help_never_counts_as_more_than_company(said: str) -> None:
    # Property: however an asset's words meet a need said in the person's own words,
    # it counts at most as a wish for company does (rule 26).
    catalogue = Catalogue([_ENERGY, _BEFRIEND, _OUT])
    result = match(_person(said), catalogue, today=TODAY)
    for m in result.ranked:
        value = next(r for r in m.reasons if r.factor == "interest").score
        assert value <= GAP * W_COMPANY + 1e-9


def test_need_wording_says_which_words_name_the_need() -> None:
    assert need_wording("sorting my bills out") == ("money", frozenset({"bill"}))
    assert need_wording("darts") is None
    assert read_need("sorting my bills out") == "money"  # read_need is unchanged


# ------------------------------------------------------------------ negation


def test_what_follows_a_negation_is_not_read() -> None:
    pub = _asset(
        id="pub", name="Crown Quiz", summary="A quiz down the pub.", activities=["pub quiz"]
    )
    value, detail = reason(_person("anything that's not down the pub"), pub, "interest", TODAY)
    assert value == 0.0
    assert "matches" not in detail
    # what comes before the negation is still read
    bingo = _asset(id="bingo", name="Eyes Down", activities=["bingo"])
    assert reason(_person("bingo (not online)"), bingo, "interest", TODAY)[0] > 0


@pytest.mark.parametrize(
    ("said", "wanted"),
    [
        ("anything that's not down the pub", ""),
        ("no sport", ""),
        ("nothing too energetic", ""),
        ("walking without hills", "walking "),
        ("knitting", "knitting"),
        ("nordic walking", "nordic walking"),  # "no" only as a word
        ("notting hill carnival", "notting hill carnival"),
    ],
)
def test_the_wanted_part_of_an_interest(said: str, wanted: str) -> None:
    assert wanted_part(said) == wanted


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["walking", "bingo", "quiz", "knitting", "choir"]), min_size=1),
    st.sampled_from(["not", "no", "never", "without", "except", "isn't"]),
    st.lists(st.sampled_from(["pub", "darts", "football", "online"]), min_size=1),
)
def test_words_after_a_negation_never_count(
    wanted: list[str], negation: str, unwanted: list[str]
) -> None:
    text = " ".join(wanted) + f" {negation} " + " ".join(unwanted)
    assert raw_words(wanted_part(text)) == wanted


# ------------------------------------------------------------------ everyday phrases


@pytest.mark.parametrize(
    ("said", "activity"),
    [
        ("a hot meal", "community meal"),
        ("somewhere warm in the day", "warm space"),
        ("meeting other mums", "stay and play"),
        ("mums and tots", "toddler group"),
        ("a day out", "day trips"),
        ("films", "film club"),
        ("a stroll", "walking"),
        ("a dip in the sea", "sea swimming"),
        ("DIY", "woodwork"),
        ("working with my hands", "woodwork"),
        ("growing veg", "allotment gardening"),
        ("helping people", "volunteering"),
        ("walks with the pram", "buggy walk"),
        ("jigsaws", "puzzles"),
        ("someone to talk to", "befriending"),
    ],
)
def test_everyday_phrases_meet_the_activity_they_mean(said: str, activity: str) -> None:
    asset = _asset(id="x", name="Group", activities=[activity])
    value, detail = reason(_person(said), asset, "interest", TODAY)
    assert value > 0
    assert detail.startswith(f"'{said}'") and activity in detail


@pytest.mark.parametrize("said", ["someone to talk to", "new friends", "people my age"])
def test_a_wish_for_company_in_everyday_words_is_company(said: str) -> None:
    assert wish_for_company(_read(said))


def test_helping_people_is_volunteering_not_any_help() -> None:
    # "help" alone used to match a housing-help service and computer help
    housing = _asset(id="housing", name="Housing Help", activities=["housing help"])
    value, _ = reason(_person("helping people"), housing, "interest", TODAY)
    assert value == 0.0


def test_a_wish_to_get_out_is_not_an_advice_drop_in() -> None:
    # A drop-in is how a service is run (an advice drop-in), not what it does.
    advice = _asset(id="advice", name="Penrith Advice Drop-in", needs=["money"])
    value, _ = reason(_person("getting out of the house"), advice, "interest", TODAY)
    assert value == 0.0
    cafe = _asset(id="cafe", name="Open Door", activities=["coffee morning"])
    assert reason(_person("getting out of the house"), cafe, "interest", TODAY)[0] > 0


def test_an_everyday_reading_is_said_plainly_in_why() -> None:
    meals = _asset(id="meals", name="Thursday Table", activities=["community meal"], needs=["food"])
    person = _person("a hot meal")
    why = explain("meals", person, Catalogue([meals]), today=TODAY)
    detail = next(r for r in why.reasons if r.factor == "interest").detail
    assert detail == "'a hot meal' can mean community meal: matches activity 'community meal'"


def test_a_filler_word_is_never_looked_for() -> None:
    # "getting" says nothing of what someone wants: "getting out of the flat" used to
    # match a computer class's "getting online" on it.
    online = _asset(id="online", name="Silver Surfers", activities=["getting online"])
    value, detail = reason(_person("getting out of the flat"), online, "interest", TODAY)
    assert value == 0.0
    assert "getting online" not in detail
    # a phrase made only of such words is still read as itself
    assert _read("getting").words == {"get"}


def test_a_phrase_inside_an_interest_wins_over_its_words() -> None:
    # "a chat about the old days" is reminiscence, not any chat group
    chat = _asset(id="chat", name="Tuesday Natter", activities=["tea and chat"])
    memories = _asset(id="memories", name="Memory Lane", activities=["reminiscence"])
    assert reason(_person("a chat about the old days"), chat, "interest", TODAY)[0] == 0.0
    value, detail = reason(_person("a chat about the old days"), memories, "interest", TODAY)
    assert value > 0 and "reminiscence" in detail
    # "somewhere warm in the day" is a warm space, never an energy line called Warm Homes
    energy = make_asset(id="warm-homes", name="Warm Homes", needs=["money"])
    assert reason(_person("somewhere warm in the day"), energy, "interest", TODAY)[0] == 0.0


def test_a_list_keeps_each_of_its_parts() -> None:
    # "yarn crafts and baking" holds an everyday phrase, but it is a list: baking counts
    bakers = _asset(id="bake", name="Bake Off", activities=["baking"])
    assert reason(_person("yarn crafts and baking"), bakers, "interest", TODAY)[0] > 0
