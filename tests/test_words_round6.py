"""Reading people's words, round six (issue 12): everyday words for pastimes, WordNet
synonyms of the community activities, the ``homeless`` circumstance, needs said in a
person's own words, and the ``check`` hint for an audience only the summary states."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import build_activities_script, make_asset, reason
from socialrx import person_from_data
from socialrx.catalogue import Catalogue
from socialrx.matching import match
from socialrx.matching.audience import audience_fit, audience_of, evident_circumstances
from socialrx.model import Person
from socialrx.quality import check_catalogue
from socialrx.vocabulary import (
    ACTIVITIES,
    CIRCUMSTANCES,
    activity_concepts,
    circumstances_in,
    read_need,
    resolve_circumstance,
)

TODAY = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[1]
_asset = functools.partial(make_asset, delivery=["in-person"], locations=[{"postcode": "FY8 1DR"}])


def _labels(text: str) -> set[str]:
    return {ACTIVITIES[i].label for i in activity_concepts(text)}


# ------------------------------------------------------------------ everyday pastimes


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("fixing things", "Repairs"),
        ("mending things", "Repairs"),
        ("fixing", "Repairs"),
        ("repair cafe", "Repairs"),
        ("woodworking", "Woodwork"),
        ("carpentry", "Woodwork"),
        ("doing up furniture", "Upcycling"),
        ("family history", "Family History"),
        ("genealogy", "Family History"),
        ("cards", "Card Games"),
        ("whist", "Card Games"),
        ("birdwatching", "Bird Watching"),
        ("crocheting", "Crochet"),
        ("bingo", "Bingo"),
    ],
)
def test_everyday_names_of_pastimes_are_activities(said: str, label: str) -> None:
    assert label in _labels(said)


def test_wordnet_adds_only_words_whose_main_sense_is_the_activity() -> None:
    # WordNet lists "fix", "doctor" and "bushel" with "repair", and "jaw" with "chat",
    # but each first means something else (a predicament, a physician, a measure, a
    # bone): none of them is taken from it.
    for word in ("doctor", "bushel", "jaw", "allocation", "small beer", "humanities"):
        assert not activity_concepts(word), word
    repairs = next(a for a in ACTIVITIES if a.label == "Repairs")
    assert "fixing" in repairs.synonyms
    assert "fix" not in repairs.synonyms


def test_each_game_is_its_own_activity_under_games() -> None:
    # "bingo" is not "scrabble", but both are games; a board game includes scrabble
    (bingo,) = activity_concepts("bingo")
    (scrabble,) = activity_concepts("scrabble")
    (cards,) = activity_concepts("cards")
    games = {i for i in activity_concepts("games") if ACTIVITIES[i].label == "Games"}
    assert scrabble not in activity_concepts("bingo")
    assert games <= set(ACTIVITIES[bingo].broader) and games <= set(ACTIVITIES[cards].broader)
    assert "Board Games" in {ACTIVITIES[i].label for i in ACTIVITIES[scrabble].broader}
    club = _asset(id="scrabble", name="Scrabble Club", activities=["scrabble"])
    bingo_fan = Person(postcode="FY8 2NP", interests=["bingo"])
    board_games = Person(postcode="FY8 2NP", interests=["board games"])
    assert reason(bingo_fan, club, "interest", TODAY)[0] == 0.0
    assert reason(board_games, club, "interest", TODAY)[1] == (
        "'board games' matches activity 'scrabble' (one kind of board games)"
    )


def test_sewing_is_kin_to_knitting_but_a_craft_is_not_kin_to_painting() -> None:
    knit = _asset(id="knit", name="Knit and Natter", activities=["knitting", "crochet"])
    paint = _asset(id="paint", name="Art Club", activities=["painting"])
    sewing = Person(postcode="FY8 2NP", interests=["sewing"])
    value, detail = reason(sewing, knit, "interest", TODAY)
    assert value == pytest.approx(0.7 * 0.5)  # close kin counts half (rule 49)
    assert (
        detail
        == "'sewing' matches the related activity 'knitting' (both needlework; counted at half)"
    )
    assert reason(sewing, paint, "interest", TODAY)[0] == 0.0
    yarn = Person(postcode="FY8 2NP", interests=["yarn crafts"])
    assert "painting" not in reason(yarn, paint, "interest", TODAY)[1]


def test_fixing_things_matches_a_repair_cafe_as_its_own_activity() -> None:
    cafe = _asset(
        id="repair-cafe",
        name="Holgate Repair Cafe",
        summary="Bring broken lamps and bikes.",
        activities=["repair café", "mending things", "repairs"],
    )
    quiz = _asset(id="quiz", name="Quiz Night", activities=["quiz"])
    person = Person(postcode="FY8 2NP", interests=["fixing things"])
    value, detail = reason(person, cafe, "interest", TODAY)
    assert value == pytest.approx(0.7)  # a whole match (0.7 of the gap), not a phrase's 0.8
    assert detail == "'fixing things' matches activity 'repair café'"
    assert reason(person, quiz, "interest", TODAY)[0] == 0.0


@pytest.mark.parametrize(
    ("said", "activity"),
    [
        ("a pint", "pub quiz"),
        ("pottering in the garden", "gardening"),
        ("doing up old furniture", "upcycling"),
        ("a game of cards", "whist"),
        ("family tree", "genealogy"),
    ],
)
def test_everyday_phrases_meet_the_activity_they_mean(said: str, activity: str) -> None:
    asset = _asset(id="a", name="A group", summary="A friendly group.", activities=[activity])
    value, detail = reason(Person(postcode="FY8 2NP", interests=[said]), asset, "interest", TODAY)
    assert value > 0.0
    assert detail.startswith(f"'{said}'")
    assert f"'{activity}'" in detail


@settings(max_examples=25, deadline=None)
@given(
    said=st.sampled_from(["yarn crafts", "sewing", "woodwork", "fixing things", "family history"]),
    other=st.sampled_from(["painting", "drawing", "pottery", "photography", "bingo"]),
)
def test_a_craft_is_never_said_to_match_another_craft(said: str, other: str) -> None:
    asset = _asset(id="other", name="Studio", summary="Come along.", activities=[other])
    _, detail = reason(Person(postcode="FY8 2NP", interests=[said]), asset, "interest", TODAY)
    assert f"matches activity '{other}'" not in detail


@settings(max_examples=40, deadline=None)
@given(
    word=st.sampled_from(
        [
            "having",
            "meeting",
            "being",
            "heating",
            "things",
            "fixing",
            "pottering",
            "tinkering",
            "natter",
            "brew",
            "cards",
            "flutter",
        ]
    )
)
def test_a_common_word_is_never_read_as_another_word(word: str) -> None:
    assets = [
        _asset(id="eventing", name="Eventing", activities=["eventing"]),
        _asset(id="caving", name="Caving", activities=["caving"]),
        _asset(id="bingo", name="Bingo", activities=["bingo"]),
        _asset(id="eating", name="Lunch", activities=["eating"]),
    ]
    person = Person(postcode="FY8 2NP", interests=[word])
    for m in match(person, Catalogue(assets), today=TODAY).ranked:
        detail = next(r.detail for r in m.reasons if r.factor == "interest")
        assert "read as" not in detail


# ------------------------------------------------------------------ the build script


def _wndb(folder: Path, pos: str, synsets: list[list[str]], index: dict[str, list[int]]) -> None:
    """A tiny WordNet database in the wndb(5) layout: synsets by row, words → rows."""
    header = "  1 a licence line that the readers skip\n"
    lines, offsets, at = [], [], len(header.encode())
    for words in synsets:
        offsets.append(at)
        body = " ".join(f"{w} 0" for w in words)
        line = f"{at:08d} 00 n {len(words):02x} {body} 000 | a gloss\n"
        lines.append(line)
        at += len(line.encode())
    (folder / f"data.{pos}").write_text(header + "".join(lines), encoding="utf-8")
    rows = [header]
    for word, senses in sorted(index.items()):
        pointers = " ".join(str(offsets[k]).zfill(8) for k in senses)
        rows.append(f"{word} n {len(senses)} 0 {len(senses)} 0 {pointers}\n")
    (folder / f"index.{pos}").write_text("".join(rows), encoding="utf-8")


def test_wordnet_synonyms_need_two_names_to_agree_on_a_sense(tmp_path: Path) -> None:
    build = build_activities_script()
    # Sense 0: the act of mending. Sense 1: a predicament. Sense 2: a physician.
    _wndb(
        tmp_path,
        "noun",
        [["repair", "fix", "fixing", "mending", "doctor"], ["fix", "pickle"], ["doctor"]],
        {"repair": [0], "mending": [0], "fixing": [0], "fix": [1, 0], "doctor": [2, 0]},
    )
    _wndb(tmp_path, "verb", [["tinker"]], {"tinker": [0]})
    wordnet = build.WordNet(tmp_path)
    found = build.wordnet_synonyms(wordnet, ["repairs", "repair", "mending"], {"repair"})
    assert found == ["fixing", "mending"]  # not "fix" nor "doctor": their main senses differ
    # One name alone is not agreement ("scrabble" first means to grope for, as a verb).
    assert build.wordnet_synonyms(wordnet, ["repair", "quiz"], set()) == []
    assert build.wordnet_synonyms(wordnet, ["fixing"], set()) == []


# ------------------------------------------------------------------ homeless


@pytest.mark.parametrize(
    "text",
    [
        "people who are homeless",
        "Homeless",
        "people sleeping rough or without a home",
        "anyone sofa surfing",
        "people with no fixed address",
        "families in temporary accommodation",
    ],
)
def test_ways_of_saying_homeless_name_the_circumstance(text: str) -> None:
    assert "homeless" in circumstances_in(text)


@pytest.mark.parametrize(
    "text", ["home owners", "people at home", "a youth hostel for students", "home visits"]
)
def test_words_about_a_home_do_not_make_an_audience_homeless(text: str) -> None:
    assert "homeless" not in circumstances_in(text)


def test_homeless_is_linked_to_the_esd_term_and_said_by_a_person() -> None:
    assert CIRCUMSTANCES["homeless"].esd == "Homeless people"
    assert resolve_circumstance("no fixed address") == "homeless"
    person = person_from_data({"circumstances": ["sofa surfing"]}, source="p.yaml")
    assert person.circumstances == ("homeless",)


@pytest.mark.parametrize(
    ("audience", "circumstance"),
    [
        ("Drug and Alcohol Misuse", "recovery"),
        ("Parkinsons", "long-term-condition"),
        ("Cancer", "long-term-condition"),
        ("Long Term Health Conditions", "long-term-condition"),
        ("Homeless", "homeless"),
    ],
)
def test_real_oruk_audiences_are_read(audience: str, circumstance: str) -> None:
    # audienceType values of the North Lincolnshire ORUK feed (pc_targetAudience)
    assert circumstance in circumstances_in(audience)


def test_a_day_centre_for_homeless_people_is_made_for_someone_with_no_address() -> None:
    centre = _asset(
        id="day-centre",
        name="Doorway",
        needs=["housing", "food"],
        eligibility={"for": ["people who are homeless"]},
    )
    assert audience_of(centre) == {"homeless"}
    said = Person(needs=["housing"], circumstances=["homeless"])
    no_address = Person(needs=["housing", "food"])  # no postcode to give
    behind_on_rent = Person(postcode="FY8 2NP", needs=["housing", "money"])
    assert audience_fit(audience_of(centre), said) == "in"
    assert "homeless" in evident_circumstances(no_address)
    assert "homeless" not in evident_circumstances(behind_on_rent)
    made, _ = reason(said, centre, "audience", TODAY)
    inferred, _ = reason(no_address, centre, "audience", TODAY)
    unsure, detail = reason(behind_on_rent, centre, "audience", TODAY)
    assert made == 1.0  # they said so
    assert inferred == 0.5  # only their situation suggests it: not penalised (rule 6)
    assert unsure < 0.5 and "homeless" in detail.lower()


# ------------------------------------------------------------------ needs in own words


@pytest.mark.parametrize(
    ("said", "need"),
    [
        ("sorting my bills", "money"),
        ("heating bills", "money"),
        ("behind on the rent", "money"),
        ("since my wife died", "bereavement"),
        ("can't get out", "loneliness"),
        ("no one to talk to", "loneliness"),
        ("a bit of company", "loneliness"),
        ("my nerves", "mental-wellbeing"),
        ("can't afford food", "food"),
        ("help getting back to work", "work-volunteering"),
        ("learning to use my tablet", "digital"),
        ("Lonely", "loneliness"),
    ],
)
def test_needs_are_read_from_a_persons_own_words(said: str, need: str) -> None:
    assert read_need(said) == need
    assert person_from_data({"needs": [said]}, source="p.yaml").needs == (need,)


@pytest.mark.parametrize(
    "said",
    [
        "hearing loss",  # "loss" alone is bereavement; hearing loss is not
        "lift my mood",  # not a lift somewhere
        "drinking tea with friends",
        "stuck",
        "I'm lonely since my husband died",  # two needs in one: say each
    ],
)
def test_ordinary_words_are_not_read_as_a_need(said: str) -> None:
    assert read_need(said) is None


# ------------------------------------------------------------------ check: audience hint


def _write(folder: Path, name: str, summary: str, extra: str = "") -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(
        f"name: {name.title()}\nsummary: {summary}\nneeds: [loneliness]\n"
        f"delivery: [phone]\nstatus: active\nlast_verified: 2026-10-01\n{extra}",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("summary", "extra", "hinted"),
    [
        ("A weekly chat group for carers.", "", True),
        ("A phone line for people with no fixed address.", "", True),
        ("Tea and friendship for veterans and their families.", "", True),
        ("A weekly chat group for carers.", "eligibility: {for: [carers]}\n", False),
        ("Gentle and good for people living with dementia.", "", False),
        ("A lunch club for older people.", "eligibility: {min_age: 60}\n", False),
        ("A weekly chat group for everyone.", "", False),
    ],
)
def test_check_hints_when_a_summary_names_an_audience_for_leaves_out(
    tmp_path: Path, summary: str, extra: str, hinted: bool
) -> None:
    _write(tmp_path / "c", "group", summary, extra)
    found = [f for f in check_catalogue(tmp_path / "c", today=TODAY).findings if f.code == "SRX703"]
    assert bool(found) == hinted
    for f in found:
        assert f.field == "summary" and "eligibility" in f.hint
