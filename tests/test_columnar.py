"""Columnar prepared columns: read from packed records, they hold what each asset says.

The columns a match reads (words, concepts, audiences, settings, schedules, groups,
dates, costs) are built from the catalogue's packed records without building an asset,
and kept as numbers into shared vocabularies; each must give, row by row, exactly what
the asset itself gives.
"""

from __future__ import annotations

import pickle
from datetime import date
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import socialrx.catalogue as catalogue_module
from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.matching import match, prepare
from socialrx.matching.audience import audience_of, setting_words
from socialrx.matching.duplicates import DuplicateColumns, name_key
from socialrx.matching.factors import _UNSUITED_WORDS, DEFAULT_FACTORS, _audiences
from socialrx.matching.interests import SERVICE_NEEDS, InterestColumns
from socialrx.matching.prepared import (
    Kinds,
    PreparedCatalogue,
    Sets,
    Texts,
    Vocabulary,
    set_postings,
)
from socialrx.matching.prepared import _state as kept_state
from socialrx.matching.schedules import Schedule, ScheduleColumns
from socialrx.model import Person
from socialrx.vocabulary import activity_concepts, words
from strategies import catalogues

TODAY = date(2026, 11, 22)
FACTORS = {f.name: f for f in DEFAULT_FACTORS}


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(catalogues(max_size=10))
def test_every_column_holds_what_each_asset_says(catalogue: Catalogue) -> None:
    p = prepare(catalogue)
    words_of = InterestColumns(p)
    audiences = _audiences(p)
    schedules = ScheduleColumns(p)
    names = DuplicateColumns(p)
    group = FACTORS["group"].prepare(p)
    fresh = FACTORS["freshness"].prepare(p)
    for i, a in enumerate(catalogue.assets):
        phrases = [(ph, words(ph)) for ph in a.activities]
        assert list(words_of.activity_phrases[i]) == phrases
        assert words_of.activity_words[i] == frozenset().union(*(w for _, w in phrases))
        assert words_of.name_words[i] == words(a.name)
        assert words_of.summary_words[i] == words(a.summary)
        concepts = frozenset().union(*(activity_concepts(ph) for ph in a.activities))
        assert words_of.concepts[i] == concepts
        assert bool(words_of.described[i]) == bool(concepts)
        assert (i in words_of.service_only) == bool(a.needs and set(a.needs) <= SERVICE_NEEDS)
        assert audiences.audience[i] == audience_of(a)
        unsuited = setting_words(a) & _UNSUITED_WORDS
        assert {w for w, rows in audiences.setting.items() if i in rows} == unsuited
        assert schedules.schedules[int(schedules.schedule_of[i])] == Schedule.of(a.schedule)
        assert names.keys[i] == name_key(a.name)
        main = {lang for lang, rows in p.main_language.items() if i in rows}
        assert main == set(a.languages[:1])
        spoken = {lang for lang, rows in p.languages.items() if i in rows}
        assert spoken == set(a.languages)
        assert int(group.size[i]) == ((a.group.max_size or 0) if a.group else 0)
        checked = a.last_verified
        assert (int(fresh.year[i]), int(fresh.month[i]), int(fresh.day[i])) == (
            checked.year,
            checked.month,
            checked.day,
        )
        cost = a.price_per_session()
        assert (np.isnan(p.cost[i]) and cost is None) or p.cost[i] == cost
        assert bool(p.needs_device[i]) == bool(a.digital and a.digital.device_needed)
    # An index word → rows lists exactly the rows whose words have it.
    for i in range(p.n):
        for w in words_of.name_words[i]:
            found = words_of.post_name.get(w)
            assert found is not None and i in found.tolist()


def test_columns_from_assets_given_directly_agree_with_a_catalogues() -> None:
    assets = [
        make_asset(id="pub", name="Quiz at the Red Lion pub", activities=["quiz", "darts"]),
        make_asset(
            id="walk", activities=["health walks"], needs=["practical-help"], organisation="Fylde"
        ),
        make_asset(id="carers", eligibility={"for": ["carers"]}),
    ]
    cat = Catalogue(assets)
    direct = PreparedCatalogue(list(cat.assets), cat.asset_places)
    packed = prepare(cat)
    for name in ("active", "modes", "needs", "cost", "min_age", "needs_internet"):
        np.testing.assert_array_equal(getattr(direct, name), getattr(packed, name))
    # A field no column is built from is read again when a builder asks for it.
    assert list(packed.fields()("organisation")) == [a.organisation for a in cat.assets]
    one, two = InterestColumns(direct), InterestColumns(packed)
    assert [one.name_words[i] for i in range(3)] == [two.name_words[i] for i in range(3)]
    assert one.service_only == two.service_only == frozenset({cat.ids.index("walk")})


GROUPS = st.lists(st.lists(st.sampled_from("abcdef"), max_size=4).map(tuple), max_size=30)


@pytest.mark.slow
@given(GROUPS)
def test_sets_give_each_row_back_and_invert_like_postings(groups: list[tuple[str, ...]]) -> None:
    kinds = [frozenset(g) for g in groups]
    sets = Sets.of_kinds(kinds, np.arange(len(kinds)), Vocabulary())
    assert [sets[i] for i in range(len(sets))] == kinds
    expected = set_postings(groups)
    post = sets.postings()
    for key, rows in expected.items():
        assert post[key].tolist() == rows.tolist()
    assert post.get("z") is None and "z" not in post
    with pytest.raises(KeyError):
        post["z"]
    again = pickle.loads(pickle.dumps(post))
    assert {k: again[k].tolist() for k in expected} == {k: v.tolist() for k, v in expected.items()}


def test_kinds_and_texts_keep_values_once_and_pickle() -> None:
    k = Kinds([frozenset({"tea"}), frozenset()], np.array([0, 1, 0, 0]))
    assert k[2] is k[0] and len(k) == 4
    texts = Texts(["Café Ünïcode", "", "Walk"])
    back = pickle.loads(pickle.dumps((k, texts)))
    assert [back[1][i] for i in range(3)] == ["Café Ünïcode", "", "Walk"]
    assert back[0][3] == frozenset({"tea"})


def _objects(value: Any, seen: set[int]) -> int:
    """Python objects reachable from ``value`` (numpy arrays count as one)."""
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, np.ndarray | str | bytes | int | float | bool | type(None)):
        return 1
    if isinstance(value, dict):
        return 1 + sum(_objects(k, seen) + _objects(v, seen) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return 1 + sum(_objects(v, seen) for v in value)
    state = value.__getstate__() if hasattr(value, "__getstate__") else None
    return 1 + _objects(state if state is not None else vars(value), seen)


def test_the_kept_columns_are_not_an_object_per_asset() -> None:
    # Six kinds of asset repeated: what the columns keep must not grow with the assets.
    kinds = [
        {"activities": ["walking", "tea and chat"], "needs": ["loneliness"]},
        {"activities": ["knitting"], "eligibility": {"for": ["carers"]}},
        {"activities": ["debt advice"], "needs": ["money"]},
        {
            "activities": ["gardening"],
            "schedule": [{"days": ["tue"], "start": "10:00", "end": "12:00"}],
        },
        {"activities": ["quiz"], "summary": "A quiz night at the pub."},
        {"activities": ["choir", "singing"], "group": {"kind": "group", "max_size": 12}},
    ]
    counts = []
    for n in (60, 240):
        assets = [
            make_asset(id=f"a{k:04d}", name=f"Club {'ABCDEFGH'[k % 8]}", **kinds[k % 6])
            for k in range(n)
        ]
        cat = Catalogue(assets)
        result = match(Person(postcode="FY8 1DR", interests=["walking"]), cat, today=TODAY)
        assert result.matches
        p = prepare(cat)
        state = kept_state(p)  # what the cache and an export keep
        counts.append(_objects(state, set()))
    assert counts[1] - counts[0] < 60, counts  # 180 more assets, far fewer new objects


def test_a_first_match_builds_only_the_assets_it_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogue_module, "_KEEP_ALL", 0)
    built = 0
    real = catalogue_module.unpack_asset

    def counting(record: bytes) -> Any:
        nonlocal built
        built += 1
        return real(record)

    monkeypatch.setattr(catalogue_module, "unpack_asset", counting)
    assets = [make_asset(id=f"a{k}", name=f"Group {k}") for k in range(60)]
    catalogue = Catalogue(assets)
    result = match(Person(postcode="FY8 1DR"), catalogue, limit=5, today=TODAY)
    assert len(result.matches) == 5
    # The columns are read from the packed records: only the rows explained are built.
    assert built <= 3 * 5, built
