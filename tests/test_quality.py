"""Quality checks beyond the schema (``socialrx check``).

Every check has a folder in ``tests/fixtures/quality/<name>/``: ``bad/`` triggers
it (``expected.txt`` holds the exact findings: file, position, severity, code and
message) and ``good/`` is a near-identical catalogue that raises nothing at all.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

import socialrx.yamlio
from socialrx import geo
from socialrx.cli import main
from socialrx.matching.duplicates import (
    ONE_ORGANISATION_SIMILARITY,
    SAME_PLACE_KM,
    listed_again_as,
    name_key,
    name_similarity,
    one_activity,
    told_apart,
)
from socialrx.quality import (
    CHECKS,
    DUPLICATE_NAME_SCORE,
    DUPLICATE_RADIUS_KM,
    Finding,
    _NameShapes,
    check_catalogue,
    email_problem,
    uk_phone_problem,
    url_problem,
)
from socialrx.views.github import step_summary
from socialrx.vocabulary import NEEDS
from socialrx.yamlio import YamlDocument

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path("tests") / "fixtures" / "quality"
TODAY = date(2026, 11, 22)
CASES = sorted(p.name for p in (ROOT / FIXTURES).iterdir() if p.is_dir())


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    # Messages name files by the path given, so run from the repository root.
    monkeypatch.chdir(ROOT)


def _line(f: Finding) -> str:
    field = f"{f.field}: " if f.field else ""
    return (
        f"{Path(f.path).name}:{f.line}:{f.column}: {f.severity} {f.code} {f.name}: "
        f"{field}{f.message}"
    )


def _needs_units(case: str) -> None:
    if case == "postcode-not-found" and geo._units_folder() is None:
        pytest.skip("full postcodes (socialrx[postcodes]) are not installed")


def test_every_check_has_fixtures() -> None:
    assert sorted(c.name for c in CHECKS.values()) == CASES


@pytest.mark.parametrize("case", CASES)
def test_bad_fixture_triggers_exactly_its_check(case: str) -> None:
    _needs_units(case)
    report = check_catalogue(FIXTURES / case / "bad", today=TODAY)
    expected = (ROOT / FIXTURES / case / "expected.txt").read_text().splitlines()
    assert [_line(f) for f in report.findings] == expected
    assert {f.name for f in report.findings} == {case}
    for f in report.findings:
        assert f.severity == CHECKS[f.code].severity
        assert f.hint, f"{f.code} has no hint"


@pytest.mark.parametrize("case", CASES)
def test_good_fixture_is_clean(case: str) -> None:
    report = check_catalogue(FIXTURES / case / "good", today=TODAY)
    assert report.findings == ()
    assert report.ok
    assert report.exit_code() == 0


def test_schema_error_is_not_repeated_when_a_specific_check_names_it() -> None:
    report = check_catalogue(FIXTURES / "postcode-unknown" / "bad", today=TODAY)
    assert [f.code for f in report.findings] == ["SRX301"]  # not also SRX000
    report = check_catalogue(FIXTURES / "online-without-digital" / "bad", today=TODAY)
    assert [f.code for f in report.findings] == ["SRX602"]


def test_hints_say_how_to_fix() -> None:
    dup_a, _ = check_catalogue(FIXTURES / "near-duplicate" / "bad", today=TODAY).findings
    assert "knit-and-natter.yaml" in dup_a.message and "knit-natter-st-annes.yaml" in dup_a.message
    assert dup_a.hint.startswith("keep one file")
    (money,) = check_catalogue(FIXTURES / "need-unsupported" / "bad", today=TODAY).findings
    assert "remove 'money' from needs" in money.hint
    (unknown,) = check_catalogue(FIXTURES / "invalid" / "bad", today=TODAY).findings
    assert unknown.hint == "did you mean 'needs'?"


@pytest.mark.parametrize("activity", ["ice skating", "climbing", "bouldering"])
def test_naming_a_physical_activity_supports_physical_activity(
    tmp_path: Path, activity: str
) -> None:
    # A rink's or a climbing wall's entry says how it gets people moving by naming the
    # activity; check reads it as matching does and raises no "nothing mentions it".
    (tmp_path / "club.yaml").write_text(
        "name: Beginners' Night\nsummary: Come and try it, all kit provided.\n"
        f"activities: [{activity}]\nneeds: [physical-activity]\ndelivery: [in-person]\n"
        "locations:\n  - {name: The Arena, postcode: FY8 5LE}\n"
        "status: active\nlast_verified: 2026-10-01\n",
        encoding="utf-8",
    )
    found = check_catalogue(tmp_path, today=TODAY).findings
    assert "SRX701" not in [f.code for f in found]


# ------------------------------------------------------------------ staleness and --strict


def test_stale_24m_is_a_warning_and_an_error_under_strict() -> None:
    bad = FIXTURES / "stale-24m" / "bad"
    (relaxed,) = check_catalogue(bad, today=TODAY).findings
    (strict,) = check_catalogue(bad, today=TODAY, strict=True).findings
    assert (relaxed.code, relaxed.severity) == ("SRX102", "warning")
    assert (strict.code, strict.severity) == ("SRX102", "error")


@pytest.mark.parametrize(
    ("verified", "code"),
    [
        ("2025-11-22", None),  # exactly 12 months: not *over* 12 months
        ("2025-11-21", "SRX101"),
        ("2024-11-22", "SRX101"),  # exactly 24 months
        ("2024-11-21", "SRX102"),
        ("2026-11-23", "SRX103"),
    ],
)
def test_stale_boundaries(tmp_path: Path, verified: str, code: str | None) -> None:
    text = (ROOT / FIXTURES / "stale-12m" / "good" / "walk.yaml").read_text()
    file = tmp_path / "walk.yaml"
    file.write_text(
        text.replace("2025-11-22", verified).replace(
            "$schema=../../../../../schema/", "$schema=https://example.org/socialrx/schema/"
        )
    )
    report = check_catalogue(file, today=TODAY)
    assert [f.code for f in report.findings] == ([code] if code else [])


def test_defunct_assets_are_never_stale(tmp_path: Path) -> None:
    text = (ROOT / FIXTURES / "stale-24m" / "bad" / "walk.yaml").read_text()
    file = tmp_path / "walk.yaml"
    file.write_text(
        text.replace("status: active", "status: defunct").replace(
            "$schema=../../../../../schema/", "$schema=https://example.org/socialrx/schema/"
        )
    )
    assert check_catalogue(file, today=TODAY).findings == ()


@pytest.mark.parametrize(
    ("summary", "flagged"),
    [
        ("A gentle walk along the prom, then tea and a chat.", []),
        ("Walkers and dancers welcome; friendly chat after.", []),  # word forms count
        ("Leaflets about parking permits.", ["needs.0", "needs.1"]),
    ],
)
def test_need_evidence_comes_from_the_needs_vocabulary(
    tmp_path: Path, summary: str, flagged: list[str]
) -> None:
    text = (ROOT / FIXTURES / "stale-12m" / "good" / "walk.yaml").read_text()
    file = tmp_path / "walk.yaml"
    file.write_text(
        text.replace("A gentle walk along the prom, then tea and a chat.", summary)
        .replace("name: Lytham Walking Group", "name: Lytham Thursdays")
        .replace("$schema=../../../../../schema/", "$schema=https://example.org/socialrx/schema/")
    )
    report = check_catalogue(file, today=date(2025, 12, 1))
    assert [f.field for f in report.findings if f.code == "SRX701"] == flagged
    assert {"walkers", "tea"} <= set(NEEDS["physical-activity"].evidence) | set(
        NEEDS["loneliness"].evidence
    )


# ------------------------------------------------------------------ command line


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["check", *argv, "--today", "2026-11-22"])
    return code, capsys.readouterr().out


def test_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    clean = str(FIXTURES / "stale-12m" / "good")
    warned = str(FIXTURES / "stale-12m" / "bad")
    failed = str(FIXTURES / "phone" / "bad")
    assert _run(capsys, clean)[0] == 0
    assert _run(capsys, clean, "--strict")[0] == 0
    assert _run(capsys, warned)[0] == 0  # warnings alone pass
    assert _run(capsys, warned, "--strict")[0] == 1  # … unless --strict
    assert _run(capsys, failed)[0] == 1


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, str(FIXTURES / "phone" / "bad"))
    assert code == 1
    assert (
        f"{FIXTURES / 'phone' / 'bad' / 'walk.yaml'}:8:18: error SRX401 phone: "
        "contact.phone: '01632 96012' has 10 digits; UK numbers have 11 — write the "
        "number alone"
    ) in out
    assert "1 error and 0 warnings in 1 file." in out


def test_clean_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, str(FIXTURES / "phone" / "good")) == (0, "No problems found in 2 files.\n")


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, str(FIXTURES / "stale-24m" / "bad"), "--format", "json", "--strict")
    data = json.loads(out)
    assert code == 1
    assert data["ok"] is False and data["errors"] == 1 and data["warnings"] == 0
    assert data["findings"][0]["code"] == "SRX102"
    assert data["findings"][0]["severity"] == "error"
    assert set(data["findings"][0]) == {
        "code",
        "name",
        "severity",
        "path",
        "line",
        "column",
        "field",
        "message",
        "hint",
    }


def test_today_must_be_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "assets", "--today", "22/11/2026"])
    assert exc.value.code == 2
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err


def test_github_annotations_are_capped_and_the_summary_lists_everything(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (ROOT / FIXTURES / "stale-12m" / "bad" / "walk.yaml").read_text()
    names = (
        "Alpha",
        "Bravo",
        "Charlie",
        "Delta",
        "Echo",
        "Foxtrot",
        "Golf",
        "Hotel",
        "India",
        "Juliet",
        "Kilo",
        "Lima",
        "Mike",
    )
    for n, name in enumerate(names):
        (tmp_path / f"walk-{n:02}.yaml").write_text(
            text.replace("Lytham Walking Group", f"{name} Walkers").replace(
                "$schema=../../../../../schema/", "$schema=https://example.org/socialrx/schema/"
            )
        )
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step output\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out = _run(capsys, str(tmp_path), "--format", "github")
    assert code == 0
    warnings = [line for line in out.splitlines() if line.startswith("::warning ")]
    assert len(warnings) == 10
    assert warnings[0].startswith(
        f"::warning file={tmp_path / 'walk-00.yaml'},line=9,col=16::"
        "SRX101 stale-12m: last_verified: last checked 14 months ago"
    )
    assert "::notice::3 more problem(s) are not shown as annotations" in out
    table = summary.read_text()
    assert table.startswith("earlier step output\n")  # appended, never replaced
    assert table.count("| SRX101 stale-12m | warning |") == 13


def test_github_summary_escapes_pipes() -> None:
    report = check_catalogue(FIXTURES / "phone" / "bad", today=TODAY)
    odd = Finding("a|b.yaml", 1, 1, "SRX401", "error", "contact.phone", "x | y", "z")
    text = step_summary(type(report)((odd,), 1))
    assert "x \\| y" in text


# ------------------------------------------------------------------ the example catalogue


def test_example_catalogue_has_only_intended_warnings() -> None:
    report = check_catalogue(Path("assets"), today=TODAY)
    assert report.errors == ()
    assert {f.code for f in report.warnings} <= {"SRX101", "SRX102"}
    assert report.ok


def test_a_loaded_catalogue_can_be_checked(example_catalogue: object) -> None:
    from socialrx import Catalogue

    assert isinstance(example_catalogue, Catalogue)
    by_catalogue = check_catalogue(example_catalogue, today=TODAY)
    by_path = check_catalogue(Path("assets") / "lytham-st-annes", today=TODAY)
    assert [f.code for f in by_catalogue.findings] == [f.code for f in by_path.findings]


# ------------------------------------------------------------------ contact details


_UK_PREFIXES = ("01", "02", "03", "05", "07", "08")


@pytest.mark.slow
@settings(max_examples=60)
@given(
    prefix=st.sampled_from(_UK_PREFIXES),
    rest=st.text("0123456789", min_size=9, max_size=9),
    cuts=st.lists(st.integers(1, 10), max_size=3),
)
def test_any_spacing_of_an_11_digit_uk_number_is_accepted(
    prefix: str, rest: str, cuts: list[int]
) -> None:
    digits = prefix + rest
    spaced = digits
    for cut in sorted(set(cuts), reverse=True):
        spaced = spaced[:cut] + " " + spaced[cut:]
    assert uk_phone_problem(spaced) is None
    assert uk_phone_problem("+44 " + digits[1:]) is None


@settings(max_examples=60)
@given(
    digits=st.text("0123456789", min_size=4, max_size=14).filter(
        lambda d: len(d) not in (10, 11) and not d.startswith("116") and len(d) != 3
    )
)
def test_wrong_lengths_are_refused(digits: str) -> None:
    number = "0" + digits[1:]
    if number != "08001111":  # Childline: the one short 0800 number
        assert uk_phone_problem(number) is not None


@pytest.mark.parametrize(
    "number",
    [
        "116 123",
        "111",
        "999",
        "0800 1111",
        "(01632) 960123",
        "+44 (0)1632 960123",
        "01632 960123 ext. 4",
        "01632 960123 or 07700 900123",
    ],
)
def test_real_world_numbers_pass(number: str) -> None:
    assert uk_phone_problem(number) is None


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("Ring Jean on 01632 960123", "has letters or symbols in it"),
        ("09012 345678", "starts 09"),
        ("+33 1 23 45 67 89", "is not a UK number"),
        ("1632 960123", "does not start with 0 or +44"),
    ],
)
def test_malformed_numbers_say_why(number: str, problem: str) -> None:
    assert problem in (uk_phone_problem(number) or "")


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ("hello@example.org", True),
        ("first.last+walks@mail.example.co.uk", True),
        ("hello@example", False),
        ("hello at example.org", False),
        ("@example.org", False),
        ("mailto:hello@example.org", False),
    ],
)
def test_email(address: str, ok: bool) -> None:
    assert (email_problem(address) is None) is ok


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org", True),
        ("http://example.org/walks?day=tue", True),
        ("www.example.org", False),
        ("https://example", False),
        ("ftp://example.org", False),
        ("https://exa mple.org", False),
        ("https://", False),
    ],
)
def test_url(url: str, ok: bool) -> None:
    assert (url_problem(url) is None) is ok


def test_docstring_examples() -> None:
    import doctest

    import socialrx.quality

    result = doctest.testmod(socialrx.quality, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_names_that_differ_only_in_spaces_are_near_duplicates(tmp_path: Path) -> None:
    # "Sunny Side" and "Sunnyside" at the same park gates: one walk entered twice.
    names = {"sunny-side": "Sunny Side Walking Club", "sunnyside": "Sunnyside Walking Club"}
    for slug, name in names.items():
        (tmp_path / f"{slug}.yaml").write_text(
            f"name: {name}\nsummary: A walk round the park.\nneeds: [physical-activity]\n"
            "delivery: [outdoor]\nlocations: [{postcode: FY8 1DR}]\nstatus: active\n"
            "last_verified: 2026-10-01\n",
            encoding="utf-8",
        )
    codes = [f.code for f in check_catalogue(tmp_path, today=TODAY).findings]
    assert "SRX201" in codes


def _write_group(folder: Path, slug: str, name: str, organisation: str) -> None:
    (folder / f"{slug}.yaml").write_text(
        f"name: {name}\norganisation: {organisation}\nsummary: Meets at the park.\n"
        "needs: [physical-activity]\ndelivery: [outdoor]\n"
        "locations: [{postcode: FY8 1DR}]\nstatus: active\nlast_verified: 2026-10-01\n",
        encoding="utf-8",
    )


def test_one_organisations_walk_listed_again_with_words_added_is_a_near_duplicate(
    tmp_path: Path,
) -> None:
    # The walkers' own entry, and an older one a volunteer typed with "Walking Group"
    # added and the organisation without its note; beside them, the same park's two
    # different groups of one organisation, which are not duplicates.
    _write_group(
        tmp_path, "strollers", "Lytham Green Strollers", "Lytham Green Strollers (volunteer group)"
    )
    _write_group(
        tmp_path, "strollers-2", "Lytham Green Strollers Walking Group", "Lytham Green Strollers"
    )
    _write_group(tmp_path, "games", "Kippax Games Cafe", "Friends of the Park")
    _write_group(tmp_path, "carers", "Kippax Carers Cafe", "Friends of the Park")
    found = [
        (Path(f.path).stem, f.message)
        for f in check_catalogue(tmp_path, today=TODAY).findings
        if f.code == "SRX201"
    ]
    assert len(found) == 1 and found[0][0] in ("strollers", "strollers-2")
    assert "'Lytham Green Strollers Walking Group'" in found[0][1]
    assert "'Lytham Green Strollers' (" in found[0][1]


def test_a_walk_listed_again_with_a_word_run_into_another_is_a_near_duplicate(
    tmp_path: Path,
) -> None:
    # "Canal" written as "Canalside", "Walkers" as "Walking Group": one walk of one
    # organisation at one place. "Park" in "Parkinson's" is not the same word.
    for slug, name, org in [
        ("canal", "Bootle Canal Walkers", "Sefton Health Walks (volunteers)"),
        ("canalside", "Bootle Canalside Walking Group", "Sefton Health Walks"),
        ("park", "Derby Park Walk", "Sefton Health Walks"),
        ("parkinsons", "Derby Parkinsons Walk", "Sefton Health Walks"),
    ]:
        _write_group(tmp_path, slug, name, org)
    found = [
        Path(f.path).stem
        for f in check_catalogue(tmp_path, today=TODAY).findings
        if f.code == "SRX201"
    ]
    assert len(found) == 1 and found[0].startswith("canal")


def test_a_walk_listed_again_with_its_phone_number_and_words_added_is_a_near_duplicate(
    tmp_path: Path,
) -> None:
    # Names too far apart to score as alike ("Prom Striders" and "Prom Striders Walking
    # Group"), one without an organisation: the same phone number at the same place makes
    # them one entry. With different phone numbers and no organisation named, "Prom
    # Walkers" and "Prom Walkers Walking Group" are one walk too (rule 56: an organisation
    # left out is not known, not another one).
    for slug, name, phone in [
        ("prom-striders", "Prom Striders", "07700 900403"),
        ("prom-striders-walking-group", "Prom Striders Walking Group", "07700900403"),
        ("prom-walkers", "Prom Walkers", "07700 900404"),
        ("prom-walkers-walking-group", "Prom Walkers Walking Group", "07700 900405"),
    ]:
        (tmp_path / f"{slug}.yaml").write_text(
            f"name: {name}\nsummary: A walk along the front.\nneeds: [physical-activity]\n"
            f"delivery: [outdoor]\nlocations: [{{postcode: FY2 9TD}}]\n"
            f"contact: {{phone: '{phone}'}}\nstatus: active\nlast_verified: 2026-10-01\n",
            encoding="utf-8",
        )
    found = [
        Path(f.path).stem
        for f in check_catalogue(tmp_path, today=TODAY).findings
        if f.code == "SRX201"
    ]
    assert sorted(f.split("-")[1] for f in found) == ["striders", "walkers"]
    # Without a shared contact, one organisation named by both will do; two different
    # organisations will not.
    _write_group(tmp_path, "glen", "Glen Strollers", "Glen Strollers (volunteer group)")
    _write_group(tmp_path, "glen-2", "Glen Strollers Walking Group", "Glen Strollers")
    _write_group(tmp_path, "vale", "Vale Striders", "Vale Striders")
    _write_group(tmp_path, "vale-2", "Vale Striders Walking Group", "Friends of the Park")
    found = [
        Path(f.path).stem
        for f in check_catalogue(tmp_path, today=TODAY).findings
        if f.code == "SRX201"
    ]
    assert sorted(name.split("-")[0] for name in found) == ["glen", "prom", "prom"]


# ------------------------------------------------------------------ near-duplicates at scale

_WORDS = ["sunny", "side", "walking", "club", "knit", "natter", "men's", "shed", "cafe", "tea"]


def _typo(name: str, cut: int) -> str:
    return name[:cut] + name[cut + 1 :] if 0 < cut < len(name) else name


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4),
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4),
    st.integers(0, 30),
    st.booleans(),
    st.sampled_from([DUPLICATE_NAME_SCORE, ONE_ORGANISATION_SIMILARITY]),
)
@pytest.mark.slow  # a property sweep (about half a second or more)
def test_the_letter_count_bound_never_rules_out_a_near_duplicate(
    first: list[str], second: list[str], cut: int, same: bool, score: float
) -> None:
    # The bulk filter only skips pairs the exact judgement would reject, so the
    # findings are the same as when every pair was scored (at either cut-off: the
    # looser one is for one organisation's entries at one place).
    a = name_key(" ".join(first))
    b = name_key(_typo(" ".join(first if same else second), cut))
    shapes = _NameShapes([a, b])
    alike = bool(a and b) and name_similarity(a, b) >= score
    maybe = shapes.may_be_alike(np.array([0]), np.array([1]), score)[0]
    assert maybe or not alike


def _write_walk(folder: Path, slug: str, name: str, lat: float, lon: float) -> None:
    (folder / f"{slug}.yaml").write_text(
        f'name: "{name}"\nsummary: A walk round the park.\nneeds: [physical-activity]\n'
        f"delivery: [outdoor]\nlocations: [{{lat: {lat:.5f}, lon: {lon:.5f}}}]\n"
        "status: active\nlast_verified: 2026-10-01\n",
        encoding="utf-8",
    )


@pytest.mark.slow  # a property sweep (about half a second or more)
def test_near_duplicates_in_a_crowded_town_are_those_of_every_pair_compared(
    tmp_path: Path,
) -> None:
    # 120 walks within about 2 km, names from a few words with typos: the blocked,
    # tree-based search reports exactly what comparing every pair of files reports.
    rng = random.Random(4)
    walks = []
    for i in range(120):
        name = " ".join(rng.sample(_WORDS, 3))
        name = _typo(name, rng.randrange(len(name))) if rng.random() < 0.3 else name
        lat, lon = 53.75 + rng.uniform(-0.01, 0.01), -3.0 + rng.uniform(-0.015, 0.015)
        walks.append((f"walk-{i:03d}", name, lat, lon))
        _write_walk(tmp_path, *walks[-1])
    expected: dict[str, str] = {}
    for n, (_, name, lat, lon) in enumerate(walks):
        for slug2, name2, lat2, lon2 in walks[n + 1 :]:
            a, b = name_key(name), name_key(name2)
            score = max(
                fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))
            )
            km = geo.distance_km(lat, lon, lat2, lon2)
            # rule 56: "Men's Shed" beside "Women's Shed" are two groups; with no
            # organisation named, a name inside another for one activity at one place
            # is one group listed again
            apart = told_apart(name, name2)
            again = km < SAME_PLACE_KM and listed_again_as(
                name, name2, None, None, False, one_activity(name, name2)
            )
            alike = score >= DUPLICATE_NAME_SCORE or again
            if km <= DUPLICATE_RADIUS_KM and alike and not apart and slug2 not in expected:
                expected[slug2] = walks[n][0]
    found = {
        Path(f.path).stem: f.message.split("duplicate of")[1].split("(")[1].split(")")[0]
        for f in check_catalogue(tmp_path, today=TODAY).findings
        if f.code == "SRX201"
    }
    assert len(expected) > 10
    assert found == {k: str(tmp_path / f"{v}.yaml") for k, v in expected.items()}


def test_each_file_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(5):
        _write_walk(tmp_path, f"walk-{i}", f"Walk {i}", 53.75, -3.0 + i / 10)
    parsed: list[str] = []
    real = socialrx.yamlio.parse_yaml

    def counting(text: str, path: str = "<string>") -> YamlDocument:
        parsed.append(path)
        return real(text, path)

    monkeypatch.setattr(socialrx.yamlio, "parse_yaml", counting)
    assert check_catalogue(tmp_path, today=TODAY).files == 5
    assert sorted(parsed) == sorted(str(p) for p in tmp_path.glob("*.yaml"))
