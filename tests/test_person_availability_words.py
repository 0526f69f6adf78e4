"""A person's availability in their own words: "Monday to Friday", "9am", "1.30pm".

A profile written by hand says days and times the way people do; they are read as the
day ids and 24-hour times of docs/formats.md §2, and anything else is still an error that
never repeats the person's words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx import Person, load_person
from socialrx.errors import PersonError
from socialrx.model import DAYS, Availability, read_days


@pytest.mark.parametrize(
    ("said", "days"),
    [
        ("Monday to Wednesday", ["mon", "tue", "wed"]),
        ("weekdays", ["mon", "tue", "wed", "thu", "fri"]),
        ("weekends", ["sat", "sun"]),
        ("Tues, Thurs", ["tue", "thu"]),
        ("Mondays and Fridays", ["mon", "fri"]),
        (["Friday", "mon"], ["fri", "mon"]),  # a list keeps its order
        ("every day", list(DAYS)),
    ],
)
def test_days_are_read_as_people_say_them(said: str | list[str], days: list[str]) -> None:
    assert Availability(days=said).days == days  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("said", "time"),
    [
        ("9am", "09:00"),
        ("1.30pm", "13:30"),
        ("9:30", "09:30"),
        ("12pm", "12:00"),
        ("noon", "12:00"),
    ],
)
def test_times_are_read_as_people_say_them(said: str, time: str) -> None:
    assert Availability(days=["mon"], start=said, end="23:00").start == time


def test_a_hand_written_profile_is_matched_on_the_days_it_says(tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text(
        "availability:\n  - {days: Monday to Friday, start: 9am, end: 1pm}\n", encoding="utf-8"
    )
    (slot,) = load_person(profile).availability or ()
    assert (slot.days, slot.start, slot.end) == (list(DAYS[:5]), "09:00", "13:00")


@pytest.mark.parametrize("said", ["Funday", "fri-mon", "13pm", "half nine"])
def test_what_is_not_a_day_or_time_is_an_error_without_the_words(tmp_path: Path, said: str) -> None:
    profile = tmp_path / "me.yaml"
    field = "days" if "day" in said.lower() or "-" in said else "start"
    value = f"[{said}]" if field == "days" else said
    profile.write_text(
        f"availability:\n  - {{days: [mon], {field}: {value}}}\n".replace(
            "days: [mon], days:", "days:"
        ),
        encoding="utf-8",
    )
    with pytest.raises(PersonError) as caught:
        load_person(profile)
    assert f"availability.0.{field}" in str(caught.value)
    assert said not in str(caught.value)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(DAYS), min_size=1, unique=True))
def test_day_ids_read_as_themselves(days: list[str]) -> None:
    assert read_days(", ".join(days)) == sorted(days, key=DAYS.index)
    assert Person(availability=[{"days": days}]).availability[0].days == days  # type: ignore[index]
