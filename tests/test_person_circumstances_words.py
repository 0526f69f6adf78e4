"""A person's circumstances in their own words (docs/formats.md, person profile).

People say who they are in sentences: "looking after my mum", "lost my husband". These
are read like needs ("sorting my bills"), and a phrase that names no circumstance is an
error whose hint names one — never the person's words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from socialrx import Person, load_person
from socialrx.cli import main
from socialrx.errors import PersonError


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("looking after my wife", "carer"),
        ("caring for my husband who has dementia", "carer"),
        ("lost my husband last year", "bereaved"),
        ("served in the RAF", "veteran"),
        ("had a stroke", "long-term-condition"),
        ("recovering alcoholic", "recovery"),
        ("single mum", "parent"),
        ("Widowed", "bereaved"),
    ],
)
def test_a_persons_own_words_name_their_circumstance(said: str, meant: str) -> None:
    assert Person(circumstances=[said]).circumstances == (meant,)


@pytest.mark.parametrize(
    "said", ["lost my job", "no car", "I don't care for crowds", "looking for friends"]
)
def test_words_that_name_no_circumstance_are_not_stretched_to_one(said: str) -> None:
    with pytest.raises(ValueError, match="not a known circumstance"):
        Person(circumstances=[said])


def test_the_error_names_the_likely_circumstance_but_never_the_persons_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("circumstances: [carrer]\n", encoding="utf-8")
    with pytest.raises(PersonError) as caught:
        load_person(profile)
    message = str(caught.value)
    assert "me.yaml:1:" in message and ": circumstances:" in message
    assert "did you mean 'carer'?" in message
    assert "carrer" not in message
    assert main(["match", "--person", str(profile)]) != 0
    err = capsys.readouterr().err
    assert "did you mean 'carer'?" in err and "carrer" not in err
