"""Who a group is for, round eight (issue 12): a group for a kind of people that no
circumstance names — night-shift workers, fishermen, students (docs/matching.md, rule 21)."""

from __future__ import annotations

import doctest
import functools
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_asset, reason, scores
from socialrx.catalogue import Catalogue
from socialrx.matching import audience as audience_module
from socialrx.matching import explain, match
from socialrx.matching.audience import (
    KIND,
    audience_fit,
    audience_in,
    for_audience,
    kinds_in,
    made_for,
)
from socialrx.model import Person

TODAY = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[1]
ORUK = ROOT.parent / "shared" / "data" / "oruk" / "north-lincolnshire-services-oruk-v1.json"
sys.path.insert(0, str(ROOT / "scripts"))
try:
    import build_people
    import wordnet
finally:
    sys.path.remove(str(ROOT / "scripts"))

_asset = functools.partial(
    make_asset,
    delivery=["in-person"],
    locations=[{"postcode": "FY8 1DR"}],
    needs=["loneliness", "mental-wellbeing"],
    activities=["breakfast"],
)
_scores = functools.partial(scores, today=TODAY)
_reason = functools.partial(reason, today=TODAY)

_NIGHTS = _asset(
    id="night-owls",
    name="Night Owls Breakfast",
    eligibility={"for": ["night-shift workers"]},
)
_OPEN = _asset(id="morning-cafe", name="Morning Cafe")
_RETIRED = Person(
    postcode="FY8 2NP", age=70, needs=["loneliness"], interests=["fishing"], circumstances=[]
)
_FISHERMEN = _asset(
    id="fishermens-welfare",
    name="Fishermen's Welfare Drop-in",
    needs=["money", "mental-wellbeing"],
    activities=["advice"],
    eligibility={"for": ["fishermen", "retired fishermen and their families"]},
)


# ------------------------------------------------------------------ uncertain


def test_a_group_for_a_kind_of_people_is_uncertain_for_someone_nothing_puts_in_it() -> None:
    # A retired man who likes fishing is not known to work nights: the breakfast club
    # for night-shift workers ranks below an otherwise equal open one (a quarter on
    # `audience`), and the link worker is asked to check. From round nine what it helps
    # with counts half, as for any uncertain audience: nothing in his words comes near
    # night work (rule 23; "fishing" would for a fishermen's group).
    ranked = _scores(_RETIRED, _NIGHTS, _OPEN)
    assert ranked["morning-cafe"] > ranked["night-owls"]
    value, detail = _reason(_RETIRED, _NIGHTS, "audience")
    assert value == 0.25
    assert detail == "For night-shift workers; not known whether that is you"
    need, why = _reason(_RETIRED, _NIGHTS, "need")
    assert need == _reason(_RETIRED, _OPEN, "need")[0] / 2 and "counted half" in why
    (m,) = match(_RETIRED, Catalogue([_NIGHTS]), today=TODAY).ranked
    assert "This group is for night-shift workers: check it is right for you" in m.cautions


def test_the_uncertainty_holds_whether_or_not_circumstances_are_known() -> None:
    # `circumstances: []` says none of the vocabulary's circumstances apply; it says
    # nothing about a job, so the group stays uncertain (never "that is not you").
    unknown = _RETIRED.model_copy(update={"circumstances": None})
    for person in (_RETIRED, unknown):
        assert _reason(person, _NIGHTS, "audience")[0] == 0.25
        assert audience_fit(for_audience("night-shift workers"), person) == "partly"


def test_a_hobby_is_not_an_occupation() -> None:
    # "fishing" names what he enjoys, not his job: a fishermen's welfare drop-in is not
    # made for him, and ranks below open advice with the same help.
    advice = _asset(
        id="money-advice",
        name="Money Advice",
        needs=["money", "mental-wellbeing"],
        activities=["advice"],
    )
    person = _RETIRED.model_copy(update={"needs": ("money",)})
    assert audience_fit(for_audience("fishermen"), person) == "partly"
    ranked = _scores(person, _FISHERMEN, advice)
    assert ranked["money-advice"] > ranked["fishermens-welfare"]


def test_why_says_not_known_whether_that_is_you() -> None:
    text = explain("night-owls", _RETIRED, Catalogue([_NIGHTS, _OPEN]), today=TODAY)
    line = next(r for r in text.reasons if r.factor == "audience")
    assert line.detail.endswith("not known whether that is you")
    assert "as you are" not in line.detail


# ------------------------------------------------------------------ made for them


@pytest.mark.parametrize(
    "interest", ["night-shift worker", "Night shift workers' support", "nights: shift worker"]
)
def test_a_group_for_a_kind_of_people_is_made_for_someone_whose_words_name_it(
    interest: str,
) -> None:
    person = _RETIRED.model_copy(update={"interests": ("swimming", interest)})
    value, detail = _reason(person, _NIGHTS, "audience")
    assert value == 1.0 and detail.endswith("as you are")
    (m,) = match(person, Catalogue([_NIGHTS]), today=TODAY).ranked
    assert not any("check it is right" in c for c in m.cautions)
    ranked = _scores(person, _NIGHTS, _OPEN)
    assert ranked["night-owls"] > ranked["morning-cafe"]


def test_either_entry_of_for_can_name_the_person() -> None:
    # "retired fisherman" names the second entry ("retired fishermen and their
    # families"), and "fisherman" the first; "retired" alone names neither.
    for said, fits in (("retired fisherman", "in"), ("fisherman", "in"), ("retired", "partly")):
        person = Person(interests=[said], circumstances=[])
        audience = frozenset().union(*map(for_audience, _FISHERMEN.eligibility.for_))  # type: ignore[union-attr]
        assert audience_fit(audience, person) == fits, said
        assert made_for(audience, person) is (fits == "in")


def test_a_kind_beside_a_circumstance_is_an_alternative() -> None:
    # "veterans" and "night-shift workers": a veteran is in it; someone known not to be
    # a veteran may still work nights (uncertain, not "not you").
    audience = for_audience("veterans") | for_audience("night-shift workers")
    assert audience_fit(audience, Person(circumstances=["veteran"])) == "in"
    assert audience_fit(audience, Person(circumstances=[])) == "partly"


# ------------------------------------------------------------------ what is a kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("night-shift workers", "night shift worker"),
        ("Fishermen", "fisherman"),
        ("students", "student"),
        ("grandparents", "grandparent"),
        ("Survivors of abuse", "abus survivor"),
        ("students aged 16 to 19", "student"),
    ],
)
def test_a_kind_of_people_is_read_from_the_words_of_for(text: str, kind: str) -> None:
    assert kinds_in(text) == {KIND + kind}
    assert audience_in(text) == frozenset()  # no circumstance or condition: as before


@pytest.mark.parametrize(
    "text",
    [
        "everyone",
        "adults",
        "beginners",
        "local residents",
        "members and their guests",
        "visitors to the area",
        "new neighbours",
        "families",
        "and their partners",
        "women",
        "Black men",
        "children under five",
        "wheelchair users",
        "people no longer in full-time work",
        "people who want to cook",
        "people too ill to walk their dog",
        "older people",
    ],
)
def test_words_that_mean_anyone_or_say_no_kind_stay_open(text: str) -> None:
    # Anyone ("adults", "residents", "beginners"), what a named audience brings along
    # ("their partners"), what gender or age limits say ("women", "children"), a verb
    # ("cook"), a comparative ("longer"): no kind of people of their own.
    assert kinds_in(text) == frozenset()


def test_a_circumstance_or_condition_is_read_first() -> None:
    assert for_audience("veterans and their families") == {"veteran"}
    assert for_audience("single parents") == {"parent"}
    assert for_audience("dog owners who are unwell") == audience_in("dog owners who are unwell")


# ------------------------------------------------------------------ properties


_TEXTS = st.sampled_from(
    ["night-shift workers", "fishermen", "students", "care leavers", "prison leavers"]
)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    text=_TEXTS,
    interests=st.lists(
        st.sampled_from(["fishing", "swimming", "a bit of company", "night shifts", "work"]),
        max_size=3,
    ),
    circumstances=st.one_of(
        st.none(), st.lists(st.sampled_from(["veteran", "carer", "older-person"]), max_size=2)
    ),
)
def test_a_kind_is_never_a_known_no_and_theirs_only_when_their_words_name_it(
    text: str, interests: list[str], circumstances: list[str] | None
) -> None:
    # Whatever else is known, a kind of people is uncertain (never "out") unless the
    # person's own words name every word of it; the group then never outscores the same
    # group open to all.
    person = Person(postcode="FY8 2NP", interests=interests, circumstances=circumstances)
    audience = for_audience(text)
    assert audience_fit(audience, person) == "partly"
    kind = _asset(id="kind", name="Breakfast Club", eligibility={"for": [text]})
    open_ = _asset(id="open", name="Sunrise Cafe")
    ranked = _scores(person, kind, open_)
    assert ranked["kind"] < ranked["open"]


# ------------------------------------------------------------------ the shipped data


def test_the_list_of_kinds_holds_people_and_not_everyday_words() -> None:
    path = ROOT / "src" / "socialrx" / "data" / "people.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    names = [n for _, group in data["kinds"] for n in group]
    assert len(names) == len(set(names)) and all(n.isalpha() and n.islower() for n in names)
    assert "WordNet 3.0" in data["source"]
    for name in ("fisherman", "fishermen", "worker", "student", "grandparent", "survivor"):
        assert name in names
    # verbs and adjectives (cook, nurse, mother, black, retired), comparatives (longer),
    # nationalities (Ukrainian) and the words that mean anyone are not kinds
    for word in ("cook", "nurse", "mother", "black", "older", "longer", "ukrainian", "adult"):
        assert word not in names
    assert {"adult", "resident", "beginner", "member", "family", "woman"} <= set(data["anyone"])


@pytest.mark.skipif(not ORUK.exists(), reason="shared reference data not available")
def test_real_oruk_target_audiences_name_kinds_of_people_where_they_do() -> None:
    records = json.loads(ORUK.read_text(encoding="utf-8"))
    audiences = {
        t["audienceType"].replace(">", " - ").strip()
        for r in records
        for t in r.get("pc_targetAudience") or []
    }
    kinds = {a for a in audiences if kinds_in(a) and not audience_in(a)}
    assert kinds == {"Students", "Care leavers", "Offenders/Ex Offenders", "Survivors Of Abuse"}
    for open_ in ("Women", "Men"):
        assert for_audience(open_) == frozenset()
    # "Low Income", "Wheelchair Users": no kind of people, but a situation (rule 23)
    for situation in ("Low Income", "Low Income - Unemployed", "Wheelchair Users"):
        assert kinds_in(situation) == frozenset()


@pytest.mark.slow
@pytest.mark.skipif(
    not (wordnet.WORDNET / "index.noun").is_file(),
    reason="WordNet's database files are not installed (apt-get install wordnet-base)",
)
def test_the_list_of_kinds_is_rebuilt_identically() -> None:
    """data/people.json is what scripts/build_people.py makes of WordNet 3.0 (about a
    second: it reads the noun, verb and adjective indexes and the person synsets)."""
    shipped = json.loads((ROOT / "src" / "socialrx" / "data" / "people.json").read_text("utf-8"))
    groups = build_people.kinds(wordnet.WordNet())
    assert [[k, names] for k, names in groups.items()] == shipped["kinds"]
    assert shipped["anyone"] == sorted(build_people.ANYONE)


def test_a_build_without_wordnet_says_how_to_get_it_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(build_people, "TARGET", tmp_path / "out.json")
    assert build_people.main(["--wordnet", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"build_people: WordNet not found in {tmp_path}; install the wordnet-base package "
        "(apt-get install wordnet-base) or pass --wordnet DIR\n"
    )
    assert not (tmp_path / "out.json").exists()


def test_the_audience_module_examples_hold() -> None:
    assert doctest.testmod(audience_module).failed == 0
