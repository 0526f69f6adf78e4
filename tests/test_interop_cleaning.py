"""Words in real feeds that cleaning must read (issue 13's list), checked one by one."""

from __future__ import annotations

from typing import Any

import pytest

from socialrx.interop.cleaning import (
    amount_of,
    delivery_from_text,
    features_from_text,
    infer_needs,
    summary_from,
)
from socialrx.interop.hsds_read import read_hsds
from socialrx.interop.oruk import read_oruk


@pytest.mark.parametrize(
    ("text", "features"),
    [
        ("Ramp at the side door", ["step-free"]),
        ("Lift to every floor", ["step-free"]),
        ("Elevator to the hall", ["step-free"]),
        ("Restroom on the ground floor", ["accessible-toilet"]),
        ("Leaflets in braille", ["large-print"]),
        ("Chairs and tables", []),
    ],
)
def test_accessibility_words(text: str, features: list[str]) -> None:
    assert features_from_text(text) == features


@pytest.mark.parametrize(
    ("text", "modes"),
    [
        ("Mental health crisis line", ["phone"]),
        ("Carers helpline", ["phone"]),
        ("Samaritans hotline", ["phone"]),
        ("We ring you every week for a chat.", ["phone"]),
        ("We'll call you once a week.", ["phone"]),
        ("Walk-ins welcome every Tuesday.", ["in-person"]),
        ("Walk-inCentre open daily", ["in-person"]),
        # Booking by phone is not a phone service.
        ("We will call you to book a place.", []),
        ("Please ring to book.", []),
        ("Provides discounted telephone service information for families.", []),
    ],
)
def test_delivery_words(text: str, modes: list[str]) -> None:
    assert delivery_from_text(text) == modes


@pytest.mark.parametrize(
    ("name", "text", "need"),
    [
        ("Squash for all", "", "physical-activity"),
        ("CrossFit taster", "", "physical-activity"),
        ("Boxing fitness", "", "physical-activity"),
        ("Sunday lunch", "For people who do not have family or friends nearby.", "loneliness"),
    ],
)
def test_needs_from_sports_and_loneliness_cues(name: str, text: str, need: str) -> None:
    assert need in infer_needs(name, [text], [])


def test_a_heading_is_not_a_summary() -> None:
    text = "About Us\nWe run a weekly lunch club for older people. Come along."
    assert summary_from(text, "Lunch club") == "We run a weekly lunch club for older people."


@pytest.mark.parametrize(
    ("value", "pounds"),
    [("5.00", 5.0), ("£2.50", 2.5), (3, 3.0), (0, 0.0), ("free", None), (True, None), (-1, None)],
)
def test_amounts_from_numbers_and_text(value: Any, pounds: float | None) -> None:
    assert amount_of(value) == pounds


@pytest.mark.parametrize("read", [read_hsds, read_oruk])
def test_a_cost_written_as_text_is_kept(read: Any) -> None:
    record = {
        "id": "1",
        "name": "Tea club",
        "description": "A tea club.",
        "cost_options": [{"amount": "5.00", "amount_description": "per session"}],
    }
    [draft] = read([record])
    assert draft.data["cost"]["amount"] == 5.0
    assert draft.data["cost"]["per"] == "session"
