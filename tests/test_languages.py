"""Languages by name or tag, through langcodes: in imports, in profiles, in matching."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from factories import make_asset
from socialrx.catalogue import Catalogue
from socialrx.interop import import_records
from socialrx.interop.fields import language_codes
from socialrx.interop.oruk import read_oruk
from socialrx.interop.spreadsheet import read_csv
from socialrx.matching import match
from socialrx.model import Person
from socialrx.vocabulary import LANGUAGES, language_name, languages_in, resolve_language

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Chinese (Mandarin)", "zh"),
        ("Mandarin", "zh"),
        ("Cantonese", "zh"),
        ("Vietnamese", "vi"),
        ("Tagalog", "tl"),
        ("Filipino", "tl"),
        ("Korean", "ko"),
        ("Polski", "pl"),
        ("Cymraeg", "cy"),
        ("Tigrinya", "ti"),
        ("Kurdish (Sorani)", "ku"),
        ("pt-BR", "pt"),
        ("cmn", "zh"),
        ("urd", "ur"),
        ("EN", "en"),
        # Sign language as it works today, and as a BCP 47 tag.
        ("BSL", "bsl"),
        ("British Sign Language", "bsl"),
        ("sign language", "bsl"),
        ("sgn-GB", "bsl"),
        ("bfi", "bsl"),
    ],
)
def test_languages_resolve_by_name_or_tag(text: str, code: str) -> None:
    assert resolve_language(text) == code


@pytest.mark.parametrize("text", ["Klingon", "Not specified", "Other", "", "Sylheti"])
def test_what_names_no_iso_639_1_language_is_none(text: str) -> None:
    # Sylheti has only a three-letter code; socialrx keeps ISO 639-1 (docs/formats.md).
    assert resolve_language(text) is None


def test_lists_in_one_cell_are_split() -> None:
    assert languages_in("Russian, Vietnamese") == ["ru", "vi"]
    assert language_codes("Russian, Vietnamese") == ["ru", "vi"]
    assert language_codes("Arabic / Farsi and Urdu") == ["ar", "fa", "ur"]
    assert language_codes("Chinese (Mandarin)") == ["zh"]


def test_names_of_languages_beyond_the_table() -> None:
    assert "vi" not in LANGUAGES  # not in the short table: the name comes from langcodes
    assert language_name("vi") == "Vietnamese"
    assert language_name("pl") == "Polish" and language_name("bsl") == "British Sign Language"
    assert language_name("xx") == "xx"


def test_feed_languages_are_read_by_name() -> None:
    record = {
        "id": "1",
        "name": "Community drop-in",
        "description": "Advice and a cuppa.",
        "languages": [{"language": "Russian, Vietnamese"}, "Chinese (Mandarin)", "Korean", "BSL"],
    }
    [draft] = read_oruk([record])
    assert draft.data["languages"] == ["ru", "vi", "zh", "ko", "bsl"]


def test_sheet_languages_are_read_by_name() -> None:
    [draft] = read_csv(
        'name,summary,languages\nAdvice cafe,Advice.,"Polski; Tagalog; Russian, Vietnamese"\n'
    )
    assert draft.data["languages"] == ["pl", "tl", "ru", "vi"]


def test_an_imported_sheet_with_languages_validates(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "name,summary,needs,delivery,phone,languages\n"
        "Advice line,Money advice by phone.,money,phone,01632 960300,"
        "English; Chinese (Mandarin); Vietnamese\n",
        encoding="utf-8",
    )
    report = import_records(None, sheet, tmp_path / "out", today=TODAY)
    assert report.imported == 1, report.to_text()
    assert report.assets[0].languages == ["en", "zh", "vi"]


def test_a_profile_may_name_languages_and_matches_assets_through_them() -> None:
    person = Person(languages=["Polski", "Chinese (Mandarin)"])
    assert person.languages == ("pl", "zh")
    cat = Catalogue(
        [
            make_asset(id="polish", languages=["pl"]),
            make_asset(id="chinese", languages=["zh"]),
            make_asset(id="welsh", languages=["cy"]),
        ]
    )
    result = match(person, cat, today=TODAY)
    assert sorted(m.asset.id for m in result.matches) == ["chinese", "polish"]
    assert [e.id for e in result.excluded] == ["welsh"]


def test_an_asset_file_names_the_code_to_write() -> None:
    with pytest.raises(ValidationError, match=r"'Polski' does not match the pattern .* write 'pl'"):
        make_asset(languages=["Polski"])
    with pytest.raises(ValidationError, match="pattern"):
        make_asset(languages=["Klingon"])


def test_a_profile_with_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValidationError):
        Person(languages=["Klingon"])


@settings(max_examples=50, deadline=None)
@given(code=st.sampled_from(sorted(LANGUAGES)))
def test_every_code_and_its_name_resolve_to_the_code(code: str) -> None:
    assert resolve_language(code) == code
    assert resolve_language(language_name(code)) == code
    assert resolve_language(language_name(code).upper()) == code


def test_a_sheet_language_without_a_code_is_left_out_with_a_note() -> None:
    [draft] = read_csv("name,summary,languages\nAdvice cafe,Advice.,English; Sylheti\n")
    assert draft.data["languages"] == ["en"]
    assert "languages: 'Sylheti' has no ISO 639-1 code socialrx can keep; left out" in (
        draft.cleaned
    )
    assert not draft.missing  # a note, not a problem: the row is still imported
