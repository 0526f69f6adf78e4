"""The graded quality benchmark (benchmarks/quality.py): its metrics and its data."""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

import socialrx
from socialrx import Asset

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "quality.py"
DATA = ROOT / "benchmarks" / "quality"

if not SCRIPT.is_file():  # an sdist installed elsewhere has no benchmarks/
    pytest.skip("benchmarks/quality.py is not here", allow_module_level=True)


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


q = _load()


# ------------------------------------------------------------------ metric functions


def test_dcg_matches_a_hand_computed_value() -> None:
    # (2^3 - 1)/log2(2) + (2^2 - 1)/log2(3) + 0 = 7 + 3/1.5849625 = 8.892789
    assert q.dcg([3, 2, 0]) == pytest.approx(8.892789, abs=1e-6)
    assert q.dcg([]) == 0


def test_ndcg_of_a_swapped_pair_matches_a_hand_computed_value() -> None:
    grades = {"a": 3, "b": 2}
    # DCG = 3 + 7/log2(3) = 7.416508; ideal = 8.892789; ratio 0.833991
    assert q.ndcg_at_k(["b", "a"], grades, 5) == pytest.approx(0.833991, abs=1e-6)
    assert q.ndcg_at_k(["a", "b"], grades, 5) == pytest.approx(1.0)


def test_ndcg_counts_unjudged_assets_as_zero_and_cuts_at_k() -> None:
    grades = {"a": 3}
    assert q.ndcg_at_k(["x", "a"], grades, 5) == pytest.approx(1 / math.log2(3))
    assert q.ndcg_at_k(["x", "y", "a"], grades, 2) == 0.0


def test_ndcg_and_precision_are_undefined_without_relevant_assets() -> None:
    assert q.ndcg_at_k(["a"], {"a": 0}, 5) is None
    assert q.precision_at_k(["a"], {"a": 1}, 3) is None


def test_precision_at_3_divides_by_the_relevant_assets_when_fewer_than_3() -> None:
    grades = {"a": 3, "b": 2, "c": 1}  # c is not relevant (grade < 2)
    assert q.precision_at_k(["x", "a", "c"], grades, 3) == pytest.approx(0.5)
    assert q.precision_at_k(["b", "a", "x"], grades, 3) == pytest.approx(1.0)
    many = {k: 2 for k in "abcdef"}
    assert q.precision_at_k(["a", "x", "b"], many, 3) == pytest.approx(2 / 3)


def test_must_exclude_recall_counts_what_was_kept_out() -> None:
    assert q.must_exclude_recall(["a", "b"], ["b", "c", "d"]) == (2, 3)


@given(
    st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 3), min_size=1),
    st.permutations(list("abcdefgh")),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_ndcg_lies_in_0_1_and_ideal_order_scores_1(
    grades: dict[str, int], order: list[str]
) -> None:
    value = q.ndcg_at_k(order, grades, 5)
    if value is None:
        assert all(g == 0 for g in grades.values())
        return
    assert 0.0 <= value <= 1.0 + 1e-12
    ideal = sorted(order, key=lambda i: -grades.get(i, 0))
    assert q.ndcg_at_k(ideal, grades, 5) == pytest.approx(1.0)


# ------------------------------------------------------------------ explanation checks


def test_ordinary_words_re_read_are_caught_and_real_misspellings_are_not() -> None:
    details = [
        "'having a laugh' (read as 'caving') matches activity 'caving' (vocabulary 1.00)",
        "'ukelele' (read as 'ukulele') matches activity 'ukulele'",
        "'crotchet' (read as 'crotch') matches activity 'crotch'",
        "'being outdoors' matches activity 'bingo'",
        "'walking' matches activity 'walking'",
    ]
    wrong = q.wrong_rereadings(
        details, {"ukelele": "ukulele", "crotchet": "crochet"}, {"being outdoors": ["bingo"]}
    )
    assert wrong == {"having a laugh → caving", "crotchet → crotch", "being outdoors → bingo"}


def test_a_listed_misspelt_word_inside_a_longer_phrase_may_be_put_right() -> None:
    # The judges list words ("excercise: exercise"); people say them inside phrases.
    listed = {"excercise": "exercise", "footbal": "football"}
    right = [
        "'excercise for my balance' (read as 'exercise balance') matches activity 'exercise'",
        "'walking footbal' (read as 'walking football') matches activity 'walking football'",
    ]
    assert q.wrong_rereadings(right, listed, {}) == set()
    # A listed word does not excuse a reading that brings in anything else.
    wrong = ["'excercise for my balance' (read as 'exercise bingo') matches activity 'bingo'"]
    assert q.wrong_rereadings(wrong, listed, {}) == {"excercise for my balance → exercise bingo"}
    assert q.wrong_rereadings(right, {}, {}) == {
        "excercise for my balance → exercise balance",
        "walking footbal → walking football",
    }


def test_a_note_on_the_whole_factor_is_not_a_reading_of_a_phrase() -> None:
    # Rule 10's note names housing; the phrase matched the summary, not "housing".
    note = "(counted at half: help with money, housing or food comes first)"
    details = [
        "'getting out of the house' ('get out of the house' means drop-in) "
        f"matches the summary {note}"
    ]
    never = {"getting out of the house": ["housing"]}
    assert q.wrong_rereadings(details, {}, never) == set()
    assert q.wrong_rereadings(
        ["'getting out of the house' matches activity 'housing advice'"], {}, never
    ) == {"getting out of the house → housing"}


def test_the_part_a_meaning_note_quotes_is_what_was_said_not_a_reading() -> None:
    # "('a yarn' can mean tea and chat)" quotes the person's own words; only what
    # they are said to mean, and what matched, can be a wrong reading of them.
    never = {"a yarn with the lads": ["yarn"]}
    said = "'a yarn with the lads' ('a yarn' can mean tea and chat) matches activity 'talking'"
    assert q.wrong_rereadings([said], {}, never) == set()
    wool = "'a yarn with the lads' ('a yarn' can mean yarn) matches activity 'knitting'"
    assert q.wrong_rereadings([wool], {}, never) == {"a yarn with the lads → yarn"}


def _asset(**cost: object) -> Asset:
    return socialrx.validate_asset(
        {
            "id": "pantry",
            "name": "Pantry",
            "summary": "A community pantry.",
            "needs": ["food"],
            "delivery": ["phone"],
            "cost": cost,
            "status": "active",
            "last_verified": "2026-10-01",
        }
    )


def test_a_weekly_price_shown_per_session_is_an_error() -> None:
    asset = _asset(amount=3.5, per="week")
    assert q.cost_unit_errors(asset, ["Costs £3.50 a session"])
    assert not q.cost_unit_errors(asset, ["Costs £3.50 a week"])
    assert not q.cost_unit_errors(_asset(free=True), ["Costs £3.50 a session"])


def test_a_distance_exclusion_must_show_the_distance_is_over_the_limit() -> None:
    assert q.text_errors(["2.0 km away; limit 2 km"], [], internals=False)
    assert not q.text_errors(["2.04 km away; limit 2 km"], [], internals=False)
    assert q.text_errors(["Helps (vocabulary 0.00, words 1.00)"], [], internals=True)
    assert q.text_errors(["they do company"], ["they do company"], internals=False)


# ------------------------------------------------------------------ the benchmark data


@functools.cache
def _split(folder: Path) -> object:
    """A split's benchmark, read once for all the tests that look at it."""
    return q.load_benchmark(folder)


@pytest.fixture(scope="module")
def bench() -> object:
    return _split(DATA)


def test_every_benchmark_asset_file_validates() -> None:
    files = sorted((DATA / "assets").glob("*.yaml"))
    assert len(files) >= 60
    for path in files:
        socialrx.load_asset(path)  # raises CatalogueError naming the file if invalid


def test_every_person_loads_and_has_judgements(bench: object) -> None:
    people, judged = bench.people, bench.judgements["people"]  # type: ignore[attr-defined]
    assert len(people) >= 40
    assert set(people) == set(judged)
    splits = [j["split"] for j in judged.values()]
    assert set(splits) == {"tuning", "held_out", "fresh", "fresh2"}
    assert abs(splits.count("tuning") - splits.count("held_out")) <= 2
    assert splits.count("fresh") >= 15
    assert splits.count("fresh2") >= 16


def test_judgements_name_only_assets_of_the_catalogue(bench: object) -> None:
    ids = {a.id for a in bench.catalogue}  # type: ignore[attr-defined]
    j = bench.judgements  # type: ignore[attr-defined]
    named = set(j["must_exclude_everyone"]) | {x for pair in j["duplicates"] for x in pair}
    for entry in j["people"].values():
        named |= set(entry.get("grades") or {}) | set(entry.get("must_exclude") or ())
        named |= set(entry.get("avoid_top5") or ())
        assert all(0 <= g <= 3 for g in (entry.get("grades") or {}).values())
        assert not set(entry.get("grades") or {}) & set(entry.get("must_exclude") or ())
    assert named <= ids, sorted(named - ids)


@pytest.mark.slow  # runs the whole benchmark script on a split (about 2 s)
def test_the_script_reports_every_figure_for_a_split(capsys: pytest.CaptureFixture[str]) -> None:
    assert q.main(["--split", "held_out", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    figures = out["figures"]["held_out"]
    assert figures["people"] >= 20
    assert q.main(["--split", "fresh", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["figures"]["fresh"]["people"] >= 15
    for key in ("ndcg@5", "ndcg@10", "precision@3", "must_exclude_recall"):
        assert 0.0 <= figures[key] <= 1.0
    for key in ("hard_rule_violations", "wrong_rereadings", "explanation_errors"):
        assert figures[key] >= 0


# ------------------------------------------------------------------ catalogues of their own

TOWN = DATA / "town"
DRAMA = (
    *(
        f"01{area} 496 0"
        for area in ("13", "14", "15", "16", "17", "18", "21", "31", "41", "51", "61")
    ),
    "0191 498 0",
    "020 7946 0",
    "029 2018 0",
    "01632 960",
    "07700 900",
    "0808 157 0",
)
"""Ofcom's drama ranges (Leeds to Manchester, Tyneside, London, Cardiff, the national 01632,
mobile 07700 and freephone 0808 157): every number in the benchmark must start with one."""


def _areas(catalogue: object) -> set[str]:
    """The postcode areas ("YO", "CA") of a catalogue's venues."""
    postcodes = [loc.postcode for a in catalogue for loc in a.locations or () if loc.postcode]  # type: ignore[attr-defined]
    return {"".join(c for c in p.split()[0] if c.isalpha()) for p in postcodes}


@pytest.mark.slow  # every catalogue of its own, read whole (about 3 s in all)
@pytest.mark.parametrize("name", q.OWN_CATALOGUES)
def test_each_own_catalogue_is_another_place_with_fictional_contacts(name: str) -> None:
    own = _split(DATA / name)
    assets = list(own.catalogue)
    assert len(assets) >= 40
    areas = _areas(own.catalogue)
    assert areas and not areas & _areas(_split(DATA).catalogue)  # type: ignore[attr-defined]
    for a in assets:
        c = a.contact
        assert c is None or c.phone is None or c.phone.startswith(DRAMA), a.id
        assert c is None or c.email is None or c.email.endswith("@example.org"), a.id
        assert c is None or c.website is None or "example.org" in str(c.website), a.id


@pytest.mark.slow  # every catalogue of its own, read whole (about 3 s in all)
@pytest.mark.parametrize("name", q.OWN_CATALOGUES)
def test_each_own_catalogues_people_are_judged_on_it_alone(name: str) -> None:
    own = _split(DATA / name)
    people, j = own.people, own.judgements  # type: ignore[attr-defined]
    assert len(people) >= 16 and set(people) == set(j["people"])
    assert {e["split"] for e in j["people"].values()} == {name}
    ids = {a.id for a in own.catalogue}
    named = set(j.get("must_exclude_everyone") or ()) | {
        x for pair in j.get("duplicates") or () for x in pair
    }
    for entry in j["people"].values():
        grades = entry.get("grades") or {}
        assert all(0 <= g <= 3 for g in grades.values())
        named |= set(grades) | set(entry.get("must_exclude") or ())
        named |= set(entry.get("avoid_top5") or ())
        assert not set(grades) & set(entry.get("must_exclude") or ())
    assert named <= ids, sorted(named - ids)


@pytest.mark.slow
def test_the_script_scores_town_alone_and_never_pools_catalogues(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert q.main(["--split", "town", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["figures"]
    assert list(figures) == ["town"] and figures["town"]["people"] >= 16
    plan = q._plan("all", None)
    # every catalogue of its own is planned once, on its own, never pooled with Norwich
    own = [(name, "all") for name in q.OWN_CATALOGUES]
    assert [(name, split) for name, _, split in plan] == [("norwich", "all"), *own]
    assert ("town", "all") in own
    assert q._plan("fresh2", None)[0][1] == DATA and q._plan("town", None)[0][1] == TOWN


def test_a_forbidden_price_is_no_error_of_an_asset_that_costs_exactly_that() -> None:
    # The judge forbids "£3.50 a session" to catch a weekly pantry misquoted; a fitness
    # class that costs £3.50 a session may say so.
    forbidden = ["£3.50 a session", "£30 a session"]
    assert q._own_price(_asset(amount=3.5, per="session"), forbidden) == ["£30 a session"]
    assert q._own_price(_asset(amount=3.5, per="week"), forbidden) == forbidden
    assert q._own_price(_asset(free=True), forbidden) == forbidden


def test_an_apostrophe_inside_a_quoted_name_does_not_end_the_quote() -> None:
    # northumberland (round twenty-two): "'Parkinson's support'" was read as a quote
    # closing after "Parkinson", so "Helps with … support" across two sentences looked
    # like help with help. Real help with help is still caught.
    fine = (
        "Helps with living with a long-term condition and physical activity. "
        "'parkinsons' matches activity 'Parkinson's support'"
    )
    assert q.wording_errors([fine]) == []
    assert q.wording_errors(["Helps with practical help"]) != []
    assert q.wording_errors(["'knitting' matches activity 'knitting'. Helps with carers' support"])
