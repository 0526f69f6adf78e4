"""The public data formats as frozen pydantic models: :class:`Asset` and :class:`Person`.

These implement docs/formats.md §1 (asset file) and §2 (person profile) as written.
Models are immutable and reject unknown fields; every field carries a plain
description and an example, which become hover help in editors through the
generated JSON Schema (``socialrx schema asset``).

Example:
    >>> person = Person(postcode="fy8 2np", needs=["lonely"], digital="none")
    >>> person.needs, person.postcode, person.max_travel_km
    (('loneliness',), 'FY8 2NP', 8.0)
"""

from __future__ import annotations

import operator
import pickle
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    StrictBool,
    StrictInt,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from socialrx.errors import PostcodeError
from socialrx.geo import Place, normalise_prefix, postcode_parts
from socialrx.tables import ASSET_COLUMNS, ASSET_INTEGERS, records_to_dataframe
from socialrx.vocabulary import (
    CIRCUMSTANCES,
    FEATURES,
    NEEDS,
    closest,
    language_codes,
    read_circumstance,
    read_need,
    resolve_feature,
)

__all__ = [
    "ACCESS",
    "ASSET_GENDERS",
    "COST_PERIODS",
    "DAYS",
    "DELIVERY",
    "DIGITAL_LEVELS",
    "FREQUENCIES",
    "GROUP_KINDS",
    "MAX_CAPACITY",
    "MAX_GROUP_SIZE",
    "MAX_POUNDS",
    "MAX_TRAVEL_KM",
    "NOT_RECORDED",
    "PERSON_GENDERS",
    "PLACE_DELIVERY",
    "REMOTE_DELIVERY",
    "STATUSES",
    "AccessRoute",
    "Asset",
    "AssetGender",
    "Availability",
    "Contact",
    "Cost",
    "CostPer",
    "Day",
    "DeliveryMode",
    "Digital",
    "DigitalLevel",
    "Eligibility",
    "Frequency",
    "Funding",
    "Group",
    "GroupKind",
    "Location",
    "Person",
    "PersonGender",
    "Session",
    "Source",
    "Status",
    "ago_text",
    "asset_record",
    "from_packed",
    "json_schema",
    "months_before",
    "months_between",
    "pack_asset",
    "packed_index",
    "packed_values",
    "read_days",
    "unpack_asset",
]

DeliveryMode = Literal["in-person", "outdoor", "online", "phone", "home-visit"]
AccessRoute = Literal[
    "drop-in", "self-referral", "professional-referral", "appointment", "membership"
]
Status = Literal["active", "temporarily-closed", "inactive", "defunct"]
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Frequency = Literal["weekly", "fortnightly", "monthly"]
DigitalLevel = Literal["none", "limited", "confident"]
GroupKind = Literal["group", "one-to-one"]
CostPer = Literal["session", "week", "month", "year", "once"]
AssetGender = Literal["any", "women", "men"]
PersonGender = Literal["woman", "man", "other"]

# The allowed values as tuples, in the order the format lists them. Each is derived
# from its Literal, so a value is written once; use these rather than typing values.
DELIVERY: tuple[DeliveryMode, ...] = get_args(DeliveryMode)
"""Delivery modes: in-person, outdoor, online, phone, home-visit."""
PLACE_DELIVERY: frozenset[DeliveryMode] = frozenset(DELIVERY[:2])
"""Delivery modes where a person travels to a place."""
NOT_RECORDED = ("needs", "delivery")
"""Fields an imported entry may leave out when its source does not say (FORMATS §1)."""
REMOTE_DELIVERY: frozenset[DeliveryMode] = frozenset(DELIVERY[2:])
"""Delivery modes where nobody has to travel (the helper may come to them)."""
ACCESS: tuple[AccessRoute, ...] = get_args(AccessRoute)
"""Access routes: drop-in, self-referral, professional-referral, appointment, membership."""
STATUSES: tuple[Status, ...] = get_args(Status)
"""Statuses: active, temporarily-closed, inactive, defunct (only active is recommended)."""
DAYS: tuple[Day, ...] = get_args(Day)
"""Days of the week as three-letter ids, Monday first."""
FREQUENCIES: tuple[Frequency, ...] = get_args(Frequency)
"""How often a session runs: weekly, fortnightly, monthly."""
DIGITAL_LEVELS: tuple[DigitalLevel, ...] = get_args(DigitalLevel)
"""A person's internet access and confidence: none, limited, confident."""
GROUP_KINDS: tuple[GroupKind, ...] = get_args(GroupKind)
"""group or one-to-one."""
COST_PERIODS: tuple[CostPer, ...] = get_args(CostPer)
"""What a cost amount pays for: session, week, month, year, once."""
ASSET_GENDERS: tuple[AssetGender, ...] = get_args(AssetGender)
"""An asset's gender eligibility: any, women, men."""
PERSON_GENDERS: tuple[PersonGender, ...] = get_args(PersonGender)
"""A person's gender, only checked against single-gender groups: woman, man, other."""
NeedId = Literal[tuple(NEEDS)]  # type: ignore[valid-type]
FeatureId = Literal[tuple(FEATURES)]  # type: ignore[valid-type]

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

MAX_GROUP_SIZE = 10_000
"""Largest group size an asset or a person may give (bigger is a typing slip)."""
MAX_CAPACITY = 1_000_000
"""Most places in total an asset may give."""
MAX_POUNDS = 100_000.0
"""Largest amount of money (a cost, or a person's max_cost), in pounds."""
MAX_TRAVEL_KM = 2_000.0
"""Furthest travel limit a person may give (Great Britain is about 1,400 km long)."""
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
_WEB = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)


# C0 and C1 control characters (ESC, BEL, NUL, CSI …) would act on a terminal that
# prints the value; DEL too. Newline and tab are only allowed in a description.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MULTILINE = frozenset({"description"})
_EDGE = " \t\n\r\x0b\x0c"


def _check_text(value: str, multiline: bool) -> None:
    if value.isprintable():  # the usual case, answered in C
        return
    # Leading and trailing whitespace is stripped anyway (a folded YAML block ends in
    # a newline); only what is kept is checked. Only the characters that both Python
    # and pydantic strip are ignored: Python's strip() also drops U+001C–U+001F.
    found = (_CONTROL if multiline else _ANY_CONTROL).search(value.strip(_EDGE))
    if found:
        char = f"U+{ord(found.group()):04X}"
        where = "" if multiline else "; only a description may have line breaks and tabs"
        raise ValueError(f"the text contains a control character ({char}) — remove it{where}")


class _Frozen(BaseModel):
    # Validators are built on first use, so a run that only reads cached assets never
    # builds the asset schema (most of what importing this module cost).
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        allow_inf_nan=False,
        defer_build=True,
    )

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: Any, info: ValidationInfo) -> Any:
        """Refuse terminal control characters in every text field and list of texts."""
        multiline = info.field_name in _MULTILINE
        if isinstance(value, str):
            _check_text(value, multiline)
        elif isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, str):
                    _check_text(item, multiline)
        return value


def _clean_postcode(value: str) -> str:
    try:
        unit = postcode_parts(value)[3]
    except PostcodeError:
        unit = None
    if unit is None:
        raise ValueError(f"'{value}' is not a UK postcode — write a full postcode such as FY8 1DR")
    return unit


def _clean_prefix(value: str) -> str:
    try:
        return normalise_prefix(value)
    except PostcodeError:
        raise ValueError(
            f"'{value}' is not a postcode area, district or sector — "
            "write an area, district or sector such as FY, FY8 or FY8 1"
        ) from None


def _check_time(value: str) -> str:
    if not _TIME.match(value):
        raise ValueError(
            f"'{value}' is not a 24-hour time — write times as \"HH:MM\" in quotes, "
            'e.g. "09:30" or "14:00"'
        )
    return value


def _not_a_number(value: Any) -> Any:
    # pydantic reads a number as seconds since 1970: `last_verified: 0` would be 1970-01-01.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"'{value}' is not a date — write the date as YYYY-MM-DD, e.g. 2020-08-14")
    return value


UkPostcode = Annotated[str, AfterValidator(_clean_postcode)]
PostcodePrefix = Annotated[str, AfterValidator(_clean_prefix)]
Time = Annotated[str, AfterValidator(_check_time)]
Text = Annotated[str, Field(min_length=1)]
IsoDate = Annotated[date, BeforeValidator(_not_a_number)]
"""A date written as YYYY-MM-DD (never a number)."""
MAX_INTERESTS = 100
"""Most interests a person may give: a few tell matching all it needs; thousands only slow it."""
MAX_WORDS_LENGTH = 1000
"""Longest single interest, in characters."""
MAX_ID_LENGTH = 100
"""Longest asset id: it names files (``<id>.yaml``, ``<id>.html``), capped at 255 bytes."""
LanguageCode = Annotated[str, Field(pattern=r"^(?:[a-z]{2}|bsl)$")]
"""An ISO 639-1 code, or ``bsl`` for British Sign Language."""


def _language_hint(values: Any) -> Any:
    """Refuse a language name in an asset file, saying which code to write instead."""
    codes = language_codes(values)
    if codes is not values and isinstance(values, list) and isinstance(codes, list):
        for value, code in zip(values, codes, strict=True):
            if value != code:
                raise ValueError(
                    f"'{value}' does not match the pattern of a language code — write "
                    f"'{code}' (ISO 639-1; 'bsl' for British Sign Language)"
                )
    return values


def _resolve_words(kind: str, resolve: Any, vocabulary: Mapping[str, Any]) -> Any:
    """Build a lenient validator for person input: synonyms and any case are fine."""

    def check(values: Any) -> Any:
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, (list, tuple)):
            return values  # let pydantic report the wrong type
        out: list[Any] = []
        for value in values:
            found = resolve(value) if isinstance(value, str) else None
            if found is None:
                words = {
                    w: entry.id
                    for entry in vocabulary.values()
                    for w in (entry.id, *entry.synonyms)
                }
                word = closest(str(value), words)
                hint = words[word] if word else None
                more = f"; did you mean '{hint}'?" if hint else ""
                raise ValueError(f"'{value}' is not a known {kind}{more}")
            if found not in out:
                out.append(found)
        return out

    return BeforeValidator(check)


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from ``earlier`` to ``later``, 0 when later is earlier.

    Freshness is spoken of in months ("last checked 14 months ago"), so both the
    quality checks and the matching factor count them the same way.

    Example:
        >>> months_between(date(2025, 9, 1), date(2026, 11, 22))
        14
    """
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(0, months)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the 29th–31st fall back to the month's end).

    Example:
        >>> months_before(date(2026, 8, 31), 6)
        datetime.date(2026, 2, 28)
    """
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def ago_text(months: int) -> str:
    """How long ago, as a person would say it: months up to two years, then years.

    Example:
        >>> ago_text(1), ago_text(14), ago_text(75)
        ('1 month ago', '14 months ago', '6 years ago')
    """
    if months == 0:
        return "this month"
    if months < 24:
        return f"{months} month{'s' if months != 1 else ''} ago"
    return f"{months // 12} years ago"


# ---------------------------------------------------------------- asset parts


class Group(_Frozen):
    """Whether people take part together, and how many at once."""

    kind: GroupKind | None = Field(
        None,
        description="`group` for a group activity, `one-to-one` for individual support.",
        examples=["group"],
    )
    max_size: StrictInt | None = Field(
        None,
        ge=1,
        le=MAX_GROUP_SIZE,
        description="People per group or pod (e.g. pods of six outdoors).",
        examples=[6],
    )
    capacity: StrictInt | None = Field(
        None,
        ge=1,
        le=MAX_CAPACITY,
        description="Places in total, if limited.",
        examples=[30],
    )


class Location(_Frozen):
    """A place where the asset happens. Give a postcode, or lat and lon, or both."""

    name: str | None = Field(
        None, description="What the place is called.", examples=["Ashton Gardens"]
    )
    address: str | None = Field(
        None,
        description="Street address, for people finding it.",
        examples=["St Georges Road, St Annes"],
    )
    postcode: UkPostcode | None = Field(
        None,
        description="Full UK postcode of the place, resolved offline to coordinates.",
        examples=["FY8 1DR"],
    )
    lat: float | None = Field(
        None,
        ge=-90,
        le=90,
        description="Latitude (WGS84). Wins over the postcode.",
        examples=[53.7521],
    )
    lon: float | None = Field(
        None,
        ge=-180,
        le=180,
        description="Longitude (WGS84). Wins over the postcode.",
        examples=[-3.0289],
    )

    @model_validator(mode="after")
    def _needs_a_place(self) -> Location:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("only one of lat and lon is given — give both, or neither")
        if self.postcode is None and self.lat is None:
            raise ValueError(
                "a location needs a postcode, or lat and lon — add e.g. postcode: FY8 1DR"
            )
        return self


class Session(_Frozen):
    """When the asset runs: days and times, or only a note ("ring to book")."""

    days: list[Day] | None = Field(
        None, min_length=1, description="Days it runs.", examples=[["tue", "thu"]]
    )
    start: Time | None = Field(
        None, description="Start time, 24-hour, in quotes.", examples=["14:00"]
    )
    end: Time | None = Field(None, description="End time, 24-hour, in quotes.", examples=["15:30"])
    frequency: Frequency | None = Field(
        None, description="How often (default weekly).", examples=["weekly"]
    )
    week_of_month: StrictInt | None = Field(
        None,
        description="For monthly sessions: 1–5, or -1 for the last week.",
        examples=[1],
    )
    note: str | None = Field(
        None, description="Anything else about the timing.", examples=["Not in August"]
    )

    @field_validator("week_of_month")
    @classmethod
    def _week(cls, value: int | None) -> int | None:
        if value is not None and value not in (1, 2, 3, 4, 5, -1):
            raise ValueError(
                f"week_of_month {value} is not a week — use 1 to 5, or -1 for the last week"
            )
        return value

    @model_validator(mode="after")
    def _complete(self) -> Session:
        timed = (self.days, self.start, self.end)
        if all(v is None for v in timed):
            if self.note is None:
                raise ValueError(
                    "a session has no days or times — give days, start and end, or a note"
                )
            return self
        if any(v is None for v in timed):
            raise ValueError("days, start and end go together — give all three, or only a note")
        assert self.start is not None and self.end is not None
        if self.end <= self.start:
            raise ValueError(
                f"end {self.end} is not after start {self.start} — "
                "check the times; the 24-hour clock writes 2pm as 14:00"
            )
        return self


class Cost(_Frozen):
    """What it costs. Leave cost out when unknown: it is never assumed free."""

    free: StrictBool | None = Field(
        None, description="`true` when it costs nothing.", examples=[True]
    )
    amount: float | None = Field(
        None, ge=0, le=MAX_POUNDS, description="Price in pounds (GBP).", examples=[2.5]
    )
    per: CostPer | None = Field(
        None,
        description="What the amount pays for.",
        examples=["session"],
    )
    concessions: StrictBool | None = Field(
        None, description="Cheaper for some people.", examples=[True]
    )
    note: str | None = Field(
        None, description="Anything else about cost.", examples=["Tea and biscuits 50p"]
    )

    @model_validator(mode="after")
    def _free_or_priced(self) -> Cost:
        if self.free and self.amount:
            raise ValueError("free is true but an amount is given — keep one of them")
        if self.amount is not None and self.per is None:
            raise ValueError(
                "the amount has no 'per' — add per: session, week, month, year or once"
            )
        if not self.free and self.amount is None:
            raise ValueError(
                "the cost says neither free nor an amount — write free: true, or give "
                "amount and per (leave cost out when you do not know)"
            )
        return self

    @property
    def at_once(self) -> float:
        """What is paid at one time, in pounds (0 when free): the amount, whatever time
        it covers. A person's ``max_cost`` is what they can spend each time, so a £4-a-week
        pantry is beyond a £2 limit even when it opens twice a week.

        Example:
            >>> Cost(amount=4, per="week").at_once, Cost(free=True).at_once
            (4.0, 0.0)
        """
        return 0.0 if self.free or not self.amount else float(self.amount)

    def per_session(self, sessions_a_week: float | None = None) -> float:
        """Cost of one session in pounds (0 when free), used against a person's max_cost.

        A price per week, month or year is shared among the sessions of that time when
        ``sessions_a_week`` is known (a £3.50-a-week pantry open twice a week: £1.75 a
        session); otherwise one session a week is assumed, in a month of 4 weeks and a
        year of 40 (clubs break for holidays).

        Example:
            >>> Cost(amount=3.5, per="week").per_session(2)
            1.75
        """
        if self.free or not self.amount:
            return 0.0
        assert self.per is not None
        if self.per in ("session", "once"):
            return self.amount
        weeks = {"week": 1.0, "month": 52 / 12, "year": 52.0}[self.per]
        if not sessions_a_week:
            return self.amount / {"week": 1, "month": 4, "year": 40}[self.per]
        return self.amount / max(1.0, sessions_a_week * weeks)


class Eligibility(_Frozen):
    """Who may come."""

    min_age: StrictInt | None = Field(
        None, ge=0, le=130, description="Youngest age.", examples=[55]
    )
    max_age: StrictInt | None = Field(None, ge=0, le=130, description="Oldest age.", examples=[25])
    gender: AssetGender | None = Field(
        None,
        description="For single-gender groups.",
        examples=["men"],
    )
    for_: list[Text] | None = Field(
        None,
        alias="for",
        description="Who it is for, in words.",
        examples=[["carers", "people with dementia and their families"]],
    )
    residents_only: StrictBool | None = Field(
        None,
        description="Only for people living in the service_area (a hard limit).",
        examples=[False],
    )

    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="after")
    def _ages(self) -> Eligibility:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValueError(f"min_age {self.min_age} is above max_age {self.max_age} — swap them")
        return self


class Digital(_Frozen):
    """What a person needs to take part online."""

    needs_internet: StrictBool = Field(description="Needs an internet connection.", examples=[True])
    needs_device: StrictBool | None = Field(
        None,
        description="Needs a smartphone, tablet or computer (default: same as needs_internet).",
        examples=[True],
    )
    platform: str | None = Field(None, description="Zoom, WhatsApp, Facebook, …", examples=["Zoom"])

    @property
    def device_needed(self) -> bool:
        """Whether a device is needed (defaults to whether internet is)."""
        return self.needs_internet if self.needs_device is None else self.needs_device


def _check_web_address(value: str | None) -> str | None:
    if value is not None and not _WEB.match(value):
        raise ValueError(
            "a web address must start with https:// or http:// — "
            "write the full address, e.g. https://example.org/walks"
        )
    return value


class Contact(_Frozen):
    """Public contact details only — never a private person's details."""

    phone: str | None = Field(None, description="Public phone number.", examples=["01632 960123"])
    email: str | None = Field(
        None, description="Public e-mail address.", examples=["hello@example.org"]
    )
    website: str | None = Field(
        None, description="Web page.", examples=["https://example.org/just-good-friends"]
    )
    how_to_join: str | None = Field(
        None,
        description="What a person does to start, in plain words.",
        examples=["Ring Jean, or just come along on a Tuesday."],
    )

    _website = field_validator("website")(_check_web_address)


class Funding(_Frozen):
    """Informational only: funding never filters recommendations."""

    social_prescribing_funded: StrictBool | None = Field(
        None,
        description="Funded by a social prescribing scheme.",
        examples=[False],
    )
    at_risk: StrictBool | None = Field(None, description="Funding may end soon.", examples=[True])
    until: IsoDate | None = Field(
        None, description="When current funding ends.", examples=["2021-03-31"]
    )


class Source(_Frozen):
    """Where an imported asset came from (written by ``socialrx import``)."""

    system: str = Field(description="The source format or directory.", examples=["oruk-v1"])
    id: str | None = Field(
        None,
        description="The record's id in the source.",
        examples=["e5a0b4c2-1f9a-4c4e-9d1e-2d4f1f3c9a10"],
    )
    url: str | None = Field(
        None,
        description="Where the record was published.",
        examples=["https://example.org/api/services/123"],
    )
    imported: IsoDate | None = Field(
        None, description="When it was imported.", examples=["2026-11-22"]
    )
    inferred: list[str] = Field(
        default_factory=list,
        description="Fields socialrx guessed from the text rather than read; check them.",
        examples=[["needs"]],
    )

    _url = field_validator("url")(_check_web_address)


# ---------------------------------------------------------------- the asset


class Asset(_Frozen):
    """One community asset (docs/formats.md §1): a group, service or activity people can join."""

    format: Literal[1] | None = Field(None, description="File format version (1).", examples=[1])
    id: str | None = Field(
        None,
        pattern=_SLUG,
        max_length=MAX_ID_LENGTH,
        description="Stable id; defaults to the file name "
        "without .yaml. Lower case words joined by hyphens.",
        examples=["just-good-friends"],
    )
    name: str = Field(
        min_length=1,
        max_length=120,
        description="What people call it.",
        examples=["Just Good Friends"],
    )
    summary: str = Field(
        min_length=1,
        max_length=200,
        description="One plain-English line, no jargon (up to 200 characters).",
        examples=["Friendship club for older people - dancing, quizzes and chair-based exercise."],
    )
    description: str | None = Field(
        None,
        description="Longer plain text (Markdown allowed).",
        examples=["Volunteer-led club meeting in the park."],
    )
    organisation: str | None = Field(
        None, description="Who runs it.", examples=["Just Good Friends (volunteer-led group)"]
    )
    activities: list[Text] = Field(
        default_factory=list,
        description="What people do there, in free words.",
        examples=[["dancing", "quizzes", "chair-based exercise"]],
    )
    needs: list[NeedId] = Field(  # type: ignore[valid-type]
        default_factory=list,
        min_length=1,
        description="Which needs it helps with, as ids from the needs vocabulary.",
        examples=[["loneliness", "physical-activity"]],
    )
    delivery: list[DeliveryMode] = Field(
        default_factory=list,
        min_length=1,
        description="How people take part.",
        examples=[["outdoor", "in-person"]],
    )
    access: list[AccessRoute] = Field(
        default_factory=list,
        description="How people get in. drop-in and self-referral "
        "mean nobody has to be a gatekeeper.",
        examples=[["self-referral", "drop-in"]],
    )
    group: Group | None = Field(
        None,
        description="Group or one-to-one, and sizes.",
        examples=[{"kind": "group", "max_size": 6}],
    )
    locations: list[Location] = Field(
        default_factory=list,
        validate_default=True,
        description="Where it happens (needed for in-person and outdoor).",
        examples=[[{"name": "Ashton Gardens", "postcode": "FY8 1DR"}]],
    )
    service_area: list[PostcodePrefix] = Field(
        default_factory=list,
        description="Postcode areas, districts or sectors people must "
        "live in (a hard limit for phone, online and home-visit).",
        examples=[["FY8", "FY4 1"]],
    )
    schedule: list[Session] = Field(
        default_factory=list,
        description="When it runs.",
        examples=[[{"days": ["tue"], "start": "14:00", "end": "15:30", "frequency": "weekly"}]],
    )
    accessibility: list[FeatureId] = Field(  # type: ignore[valid-type]
        default_factory=list,
        description="What the venue or activity provides.",
        examples=[["step-free", "seated-activities"]],
    )
    cost: Cost | None = Field(
        None, description="What it costs; leave out when unknown.", examples=[{"free": True}]
    )
    eligibility: Eligibility | None = Field(
        None, description="Who may come.", examples=[{"min_age": 55}]
    )
    # An asset file holds codes (docs/formats.md); a name gets a hint with its code.
    languages: Annotated[list[LanguageCode], BeforeValidator(_language_hint)] = Field(
        default_factory=lambda: ["en"],
        description="ISO 639-1 language codes; bsl for British Sign Language.",
        examples=[["en", "pl"]],
    )
    digital: Digital | None = Field(
        None,
        validate_default=True,
        description="What people need to take part online (needed for online delivery).",
        examples=[{"needs_internet": True, "platform": "Zoom"}],
    )
    contact: Contact | None = Field(
        None, description="Public contact details.", examples=[{"phone": "01632 960123"}]
    )
    status: Status = Field(description="Only active assets are recommended.", examples=["active"])
    status_note: str | None = Field(
        None, description="Why it is paused, or what changed.", examples=["Online only until March"]
    )
    status_since: IsoDate | None = Field(
        None,
        description="When the current status began, as YYYY-MM-DD (written by "
        "`socialrx verify` and `socialrx set-status`).",
        examples=["2026-11-30"],
    )
    status_until: IsoDate | None = Field(
        None,
        description="When the status is expected to change (e.g. reopening), as YYYY-MM-DD; "
        "`socialrx check` reminds when it has passed.",
        examples=["2027-03-31"],
    )
    funding: Funding | None = Field(
        None, description="Informational; never a filter.", examples=[{"at_risk": True}]
    )
    last_verified: IsoDate = Field(
        description="When someone last checked this entry, as YYYY-MM-DD.", examples=["2020-08-14"]
    )
    tags: list[Text] = Field(
        default_factory=list,
        description="Extra vocabulary codes, may be namespaced.",
        examples=[["openactive:chair-based-exercise"]],
    )
    source: Source | None = Field(
        None,
        description="Where an imported asset came from.",
        examples=[{"system": "oruk-v1", "id": "123"}],
    )

    @model_validator(mode="wrap")
    @classmethod
    def _not_recorded(cls, data: Any, handler: ModelWrapValidatorHandler[Asset]) -> Asset:
        # FORMATS §1 "Imported entries": with a source, needs/delivery may be left out
        # (not recorded); hand-written entries still need both, reported as missing.
        missing: list[InitErrorDetails] = []
        if isinstance(data, Mapping):
            if data.get("source") is not None:
                data = {k: v for k, v in data.items() if k not in NOT_RECORDED or v}
            else:
                missing = [
                    InitErrorDetails(type="missing", loc=(name,), input=data)
                    for name in NOT_RECORDED
                    if name not in data
                ]
        try:
            asset = handler(data)
        except ValidationError as exc:
            if not missing:
                raise
            found = [InitErrorDetails(**e) for e in exc.errors()]  # type: ignore[typeddict-unknown-key]
            raise ValidationError.from_exception_data(exc.title, found + missing) from None
        if missing:
            raise ValidationError.from_exception_data(cls.__name__, missing)
        return asset

    @property
    def not_recorded(self) -> tuple[str, ...]:
        """Fields an imported entry leaves out because its source does not say."""
        return tuple(name for name in NOT_RECORDED if not getattr(self, name))

    @field_validator("needs", "delivery", "access", "accessibility", "languages")
    @classmethod
    def _no_repeats(cls, values: list[str]) -> list[str]:
        seen = [v for i, v in enumerate(values) if v in values[:i]]
        if seen:
            raise ValueError(f"'{seen[0]}' is listed twice — remove the repeat")
        return values

    @field_validator("locations")
    @classmethod
    def _placed(cls, value: list[Location], info: ValidationInfo) -> list[Location]:
        modes = set(info.data.get("delivery") or ())
        if modes & PLACE_DELIVERY and not value:
            raise ValueError(
                "in-person and outdoor assets need at least one location — add "
                "locations: with a name and postcode for each place"
            )
        return value

    @field_validator("digital")
    @classmethod
    def _online(cls, value: Digital | None, info: ValidationInfo) -> Digital | None:
        if "online" in (info.data.get("delivery") or ()) and value is None:
            raise ValueError(
                "online assets need digital details — add e.g. "
                "digital: {needs_internet: true, platform: Zoom}"
            )
        return value

    def to_data(self) -> dict[str, Any]:
        """The asset as plain data for a YAML or JSON file (unset fields left out)."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        for name in (
            "activities",
            "access",
            "locations",
            "service_area",
            "schedule",
            "accessibility",
            "tags",
        ):
            if not data.get(name):
                data.pop(name, None)
        if data.get("languages") == ["en"]:
            del data["languages"]
        for name in NOT_RECORDED:
            if not data.get(name):
                data.pop(name, None)
        if data.get("source", {}).get("inferred") == []:
            del data["source"]["inferred"]
        return data

    @property
    def key(self) -> str:
        """The asset's id (assets inside a catalogue always have one)."""
        if self.id is None:
            raise ValueError(f"asset '{self.name}' has no id")
        return self.id

    def sessions_a_week(self) -> float | None:
        """How many sessions it holds in an average week, from its schedule (a weekly
        session on two days is 2; fortnightly 0.5; monthly 12/52); None when no session
        gives days."""
        per_week = {"weekly": 1.0, "fortnightly": 0.5, "monthly": 12 / 52}
        total = sum(
            len(s.days) * per_week[s.frequency or "weekly"] for s in self.schedule or () if s.days
        )
        return total or None

    def price_per_session(self) -> float | None:
        """What one session costs in pounds (:meth:`Cost.per_session` with this asset's
        schedule); None when the cost is not given."""
        return None if self.cost is None else self.cost.per_session(self.sessions_a_week())

    @property
    def place_based(self) -> bool:
        """True when people travel to it (in-person or outdoor)."""
        return not PLACE_DELIVERY.isdisjoint(self.delivery)

    # -- tables for analysts (see socialrx.tables) ---------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """The asset as a one-row list of flat dicts (the columns of a catalogue's records)."""
        return [asset_record(self)]

    def to_dataframe(self) -> Any:
        """The asset as a one-row pandas DataFrame (``pip install 'socialrx[pandas]'``)."""
        return records_to_dataframe(
            self.to_records(), columns=ASSET_COLUMNS, integers=ASSET_INTEGERS
        )


# ---------------------------------------------------------------- compact form
# A catalogue of a million assets cannot keep a million validated models (each asset is
# some fifty small objects, ~6 KB): it keeps each as one packed record instead and
# builds the model again when a caller looks at it. The record is the pickle of nested
# tuples — (model code, bit mask of the fields set, value, …) in field order — with no
# field names, so it is a fifth of the model's size and rebuilds without validation.

_PACKED: tuple[type[_Frozen], ...] = (
    Asset,
    Group,
    Location,
    Session,
    Cost,
    Eligibility,
    Digital,
    Contact,
    Funding,
    Source,
)
_CODE = {cls: code for code, cls in enumerate(_PACKED)}
_FIELD_NAMES = {cls: tuple(cls.model_fields) for cls in _PACKED}
_object_setattr = object.__setattr__
_SETS: dict[tuple[type[_Frozen], int], frozenset[str]] = {}


def _holds_models(annotation: Any) -> bool:
    return any(
        (isinstance(t, type) and issubclass(t, _Frozen)) or _holds_models(t)
        for t in get_args(annotation)
    ) or (isinstance(annotation, type) and issubclass(annotation, _Frozen))


_NESTED = {
    cls: tuple(n for n, f in cls.model_fields.items() if _holds_models(f.annotation))
    for cls in _PACKED
}
_NESTED_AT = {cls: tuple(_FIELD_NAMES[cls].index(n) for n in _NESTED[cls]) for cls in _PACKED}
_GETTERS = {cls: operator.itemgetter(*_FIELD_NAMES[cls]) for cls in _PACKED}
_BITS = {cls: {n: 1 << i for i, n in enumerate(_FIELD_NAMES[cls])} for cls in _PACKED}


def _packed(model: _Frozen) -> tuple[Any, ...]:
    cls = type(model)
    bits = _BITS[cls]
    values = list(_GETTERS[cls](model.__dict__))
    for i in _NESTED_AT[cls]:
        value = values[i]
        if isinstance(value, _Frozen):
            values[i] = _packed(value)
        elif value:  # a list of models
            values[i] = [_packed(v) for v in value]
    return (_CODE[cls], sum(map(bits.__getitem__, model.__pydantic_fields_set__)), *values)


def _unpacked(row: tuple[Any, ...]) -> Any:
    cls = _PACKED[row[0]]
    names = _FIELD_NAMES[cls]
    mask = row[1]
    values = dict(zip(names, row[2:], strict=True))
    for name in _NESTED[cls]:  # only the fields that can hold models are looked at
        value = values[name]
        if isinstance(value, tuple):
            values[name] = _unpacked(value)
        elif value and isinstance(value, list):
            values[name] = [_unpacked(v) for v in value]
    model = cls.__new__(cls)
    # What unpickling a model does (BaseModel.__setstate__): no validation, no copies.
    _object_setattr(model, "__dict__", values)
    _object_setattr(model, "__pydantic_fields_set__", _fields_set(cls, mask))
    _object_setattr(model, "__pydantic_extra__", None)
    _object_setattr(model, "__pydantic_private__", None)
    return model


def _fields_set(cls: type[_Frozen], mask: int) -> set[str]:
    found = _SETS.get((cls, mask))
    if found is None:
        names = _FIELD_NAMES[cls]
        found = _SETS[cls, mask] = frozenset(n for i, n in enumerate(names) if mask >> i & 1)
    return set(found)  # each model owns its set, as after validation


def pack_asset(asset: Asset) -> bytes:
    """An asset as one compact record (see :func:`unpack_asset`).

    Example:
        >>> a = Asset(name="Walk", summary="A walk.", needs=["nature"],
        ...           delivery=["phone"], status="active", last_verified="2026-01-05")
        >>> unpack_asset(pack_asset(a)) == a
        True
    """
    return pickle.dumps(_packed(asset), protocol=pickle.HIGHEST_PROTOCOL)


def unpack_asset(record: bytes) -> Asset:
    """The asset packed by :func:`pack_asset`: equal to it, with the same fields set.

    The record must come from this very version of socialrx (the catalogue cache is
    keyed on it); it is not validated again.
    """
    asset: Asset = _unpacked(pickle.loads(record))
    return asset


def packed_values(source: bytes | Asset) -> tuple[Any, ...]:
    """An asset's packed record (or the asset itself) as raw values, building no model.

    The values are nested tuples, ``(model code, fields set, value, …)``: field ``name``
    of a model class is at :func:`packed_index`, a nested model is its own such tuple
    (or None), a list of models a list of them; :func:`from_packed` builds the model.
    Column builders read many assets this way at a fraction of building each one.

    Example:
        >>> a = Asset(name="Walk", summary="A walk.", needs=["nature"],
        ...           delivery=["phone"], status="active", last_verified="2026-01-05")
        >>> packed_values(pack_asset(a))[packed_index(Asset, "needs")]
        ['nature']
    """
    if isinstance(source, Asset):
        return _packed(source)
    values: tuple[Any, ...] = pickle.loads(source)  # a record made by pack_asset
    return values


def packed_index(cls: type[_Frozen], name: str) -> int:
    """Where field ``name`` of ``cls`` (an asset or a part) sits in its
    :func:`packed_values` tuple."""
    return 2 + _FIELD_NAMES[cls].index(name)


def from_packed(values: tuple[Any, ...]) -> Any:
    """The model (an asset or one of its parts) of some :func:`packed_values`."""
    return _unpacked(values)


_DAY_ORDER = {d: i for i, d in enumerate(DAYS)}


def asset_record(
    asset: Asset,
    places: Sequence[Place] | None = None,
    file: str | None = None,
) -> dict[str, Any]:
    """One asset as a flat record (see :data:`socialrx.tables.ASSET_COLUMNS`).

    Args:
        asset: The asset.
        places: Its resolved places, when it comes from a catalogue; ``latitude`` and
            ``longitude`` are those of the first one. Without them, the first
            location's own lat/lon (if any) are used.
        file: The file it was read from, if known.
    """
    first = asset.locations[0] if asset.locations else None
    if places is not None:
        lat, lon = (places[0].latitude, places[0].longitude) if places else (None, None)
    else:
        lat, lon = (first.lat, first.lon) if first is not None else (None, None)
    days = sorted({d for s in asset.schedule for d in (s.days or ())}, key=_DAY_ORDER.__getitem__)
    return {
        "id": asset.id,
        "name": asset.name,
        "summary": asset.summary,
        "organisation": asset.organisation,
        "status": asset.status,
        "needs": list(asset.needs),
        "delivery": list(asset.delivery),
        "access": list(asset.access),
        "activities": list(asset.activities),
        "group_kind": asset.group.kind if asset.group else None,
        "max_group_size": asset.group.max_size if asset.group else None,
        "postcode": first.postcode if first else None,
        "latitude": lat,
        "longitude": lon,
        "locations": len(asset.locations),
        "service_area": list(asset.service_area),
        "days": days,
        **_cost_and_eligibility(asset),
        "languages": list(asset.languages),
        "accessibility": list(asset.accessibility),
        **_digital_and_contact(asset),
        "last_verified": asset.last_verified,
        "at_risk": bool(asset.funding.at_risk) if asset.funding else False,
        "file": file,
    }


def _cost_and_eligibility(asset: Asset) -> dict[str, Any]:
    cost, elig = asset.cost, asset.eligibility
    return {
        "free": None if cost is None else bool(cost.free),
        "cost_per_session": asset.price_per_session(),
        "min_age": elig.min_age if elig else None,
        "max_age": elig.max_age if elig else None,
        "gender": elig.gender if elig else None,
        "residents_only": bool(elig.residents_only) if elig else False,
    }


def _digital_and_contact(asset: Asset) -> dict[str, Any]:
    digital, contact = asset.digital, asset.contact
    return {
        "needs_internet": digital.needs_internet if digital else False,
        "needs_device": digital.device_needed if digital else False,
        "phone": contact.phone if contact else None,
        "website": contact.website if contact else None,
    }


# ---------------------------------------------------------------- the person


_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_GROUPS: dict[str, tuple[Day, ...]] = {
    "weekday": DAYS[:5],
    "wkday": DAYS[:5],
    "weekend": DAYS[5:],
    "wkend": DAYS[5:],
    "wknd": DAYS[5:],
    "daily": DAYS,
    "everyday": DAYS,
}
_WHOLE_WEEK = re.compile(
    r"\b(?:every\s*day|all\s+week|(?:7|seven)\s+days(?:\s+a\s+week)?|any\s*day|any\s*time)\b|^\s*any\s*$"
)
"""Ways of saying every day of the week ("all week", "7 days a week", "any day")."""
_EXCEPT = re.compile(r"\b(?:not|except|but|apart\s+from|excluding|other\s+than)\b")
"""What begins the days someone is not free ("any day but Monday", "not Sundays")."""
_ASIDE = re.compile(r"\b(?:after|before)\b[^,;/&]*")
"""What only says when in the day ("Sundays after church", "Fridays after 2")."""
_WHEN_WORDS = frozenset(
    [
        *("only", "every", "each", "other", "alternate", "usually", "mostly", "also"),
        *("morning", "afternoon", "evening", "night", "day", "week"),
        *("on", "a", "the", "any", "some", "most", "all"),
    ]
)
"""Words around days that name no day and leave the days as they are ("weekday
mornings", "every other Tuesday", "Tuesdays only"): when in the day is the start and
end times' to say."""


def _one_day(word: str) -> Day | None:
    """The day id a word names: an id, a day's name or the start of one ("Tues",
    "Thursdays"), or None. A day misspelt ("Wendsday") is not guessed: "Funday" is no
    Sunday, and the field says which word is no day."""
    word = word.strip().lower().rstrip(".")
    word = word[:-1] if word.endswith("s") and len(word) > 3 else word
    return next(
        (
            d
            for d, name in zip(DAYS, _DAY_NAMES, strict=True)
            if len(word) >= 3 and name.startswith(word)
        ),
        None,
    )


def _days_in(text: str) -> list[str]:
    """The days one part of :func:`read_days`' text names, and its words that name none."""
    out: list[str] = []
    if _WHOLE_WEEK.search(text):
        out.extend(DAYS)
        text = _WHOLE_WEEK.sub(" ", text)
    text = re.sub(r"\s+(?:to|until|till|thru|through)\s+|\s*[-–]\s*", "-", text.strip())
    for word in re.split(r"[;,/&\s]+|\band\b|\bor\b", text):
        first, _, last = word.partition("-")
        group = _DAY_GROUPS.get(first.rstrip("s")) if not last else None
        a, b = _one_day(first), _one_day(last) if last else _one_day(first)
        if group:
            days: Sequence[str] = group
        elif a is not None and b is not None and DAYS.index(a) <= DAYS.index(b):
            days = DAYS[DAYS.index(a) : DAYS.index(b) + 1]
        elif not word or word.rstrip("s") in _WHEN_WORDS or word in _WHEN_WORDS:
            days = []
        else:
            days = [word]
        out.extend(d for d in days if d not in out)
    return out


def read_days(text: str) -> list[str]:
    """The day ids that a person's words for days name, Monday first; a word that is no
    day stays as written, so that the field reports it.

    Reads ids ("tue"), names and their starts ("Tuesday", "Tues", "Thursdays", "Monday's"),
    ranges ("mon-fri", "Monday to Friday", "mon thru fri"),
    "weekdays", "weekends" ("wknds"), "every day", "all week", "7 days a week", days
    left out ("any day but Monday", "not Sundays"), and words that only say when in the
    day or how often ("weekday mornings", "every other Tuesday", "Sundays after church").

    Example:
        >>> read_days("Monday to Wednesday"), read_days("weekends")
        (['mon', 'tue', 'wed'], ['sat', 'sun'])
        >>> read_days("any day but Monday"), read_days("Tuesday's and Thursday's")
        (['tue', 'wed', 'thu', 'fri', 'sat', 'sun'], ['tue', 'thu'])
    """
    text = text.strip().lower().replace("\u2019", "'").replace("'s", "")
    text = _ASIDE.sub(" ", text.replace("every day", "everyday"))
    free, *away = _EXCEPT.split(text, maxsplit=1)
    out = _days_in(free)
    if away:  # "not Sundays": every day but those; "weekdays not Friday": those but it
        left_out = _days_in(away[0])
        if set(left_out) & set(DAYS):
            out = [d for d in (out if set(out) & set(DAYS) else DAYS) if d not in left_out]
        else:  # "not sure": no day left out, so the words stay for the field to report
            out += left_out
    return sorted(out, key=lambda d: DAYS.index(d) if d in DAYS else len(DAYS))


def _person_days(value: Any) -> Any:
    """A person's days in their own words (:func:`read_days`), as a list of ids."""
    if isinstance(value, str):
        return read_days(value)
    if isinstance(value, (list, tuple)):
        read = [read_days(v) if isinstance(v, str) else [v] for v in value]
        return list(dict.fromkeys(d for days in read for d in days))
    return value


_CLOCK = re.compile(
    r"^(?P<h>[0-9]{1,2})(?:[:.](?P<m>[0-5][0-9]))?\s*(?P<half>[ap]\.?m\.?)?$", re.IGNORECASE
)


def _person_time(value: Any) -> Any:
    """A person's time of day in their own words ("9am", "1.30pm", "9:30", "noon") as
    "HH:MM"; anything else as given, for the field to report."""
    if not isinstance(value, str):
        return value
    said = value.strip().lower()
    if said in ("noon", "midday"):
        return "12:00"
    found = _CLOCK.match(said)
    if not found:
        return value
    hour, minute, half = int(found["h"]), found["m"] or "00", (found["half"] or "")[:1]
    if half and not 1 <= hour <= 12:
        return value
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    return f"{hour:02d}:{minute}" if hour < 24 else value


PersonTime = Annotated[Time, BeforeValidator(_person_time)]


class Availability(_Frozen):
    """When the person is free; days and times may be said in words ("Mon to Fri", "9am")."""

    days: Annotated[list[Day], BeforeValidator(_person_days)] = Field(
        min_length=1, description="Days the person is free.", examples=[["tue", "wed"]]
    )
    start: PersonTime = Field("00:00", description="From, 24-hour.", examples=["10:00"])
    end: PersonTime = Field("23:59", description="Until, 24-hour.", examples=["16:00"])

    @model_validator(mode="after")
    def _order(self) -> Availability:
        if self.end <= self.start:  # no times in the message: they are the person's
            raise ValueError(
                "the end time is not after the start time — the 24-hour clock writes 2pm as 14:00"
            )
        return self


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _with_hint(error: ErrorDetails, model: type[BaseModel]) -> InitErrorDetails:
    """An unknown field's error with a did-you-mean (the type and place stay the same, so
    the YAML loader still points at the line); any other error unchanged."""
    details: InitErrorDetails = {
        "type": error["type"],
        "loc": error["loc"],
        "input": error["input"],
    }
    if "ctx" in error:
        details["ctx"] = error["ctx"]
    if error["type"] == "extra_forbidden":
        name = str(error["loc"][-1])
        meant = closest(name, list(model.model_fields))
        hint = f"did you mean '{meant}'?" if meant else "remove it, or check the spelling"
        details["type"] = PydanticCustomError(
            "extra_forbidden", "unknown field '{name}' — {hint}", {"name": name, "hint": hint}
        )
    return details


class Person(_Frozen):
    """A person being matched (docs/formats.md §2). Kept in memory only; never logged or saved."""

    # A misspelt keyword gets the profile file's hint: Person(nedds=["lonely"]) raises a
    # ValidationError (a ValueError) saying "unknown field 'nedds' — did you mean 'needs'?".

    @model_validator(mode="wrap")
    @classmethod
    def _unknown_fields(cls, data: Any, handler: ModelWrapValidatorHandler[Person]) -> Person:
        try:
            return handler(data)
        except ValidationError as exc:
            if not any(e["type"] == "extra_forbidden" for e in exc.errors()):
                raise
            raise ValidationError.from_exception_data(
                exc.title, [_with_hint(e, cls) for e in exc.errors()], hide_input=True
            ) from None

    postcode: UkPostcode | None = Field(
        None, description="Where they live (used in memory only).", examples=["FY8 2NP"]
    )
    lat: float | None = Field(
        None, ge=-90, le=90, description="Latitude instead of a postcode.", examples=[53.75]
    )
    lon: float | None = Field(
        None, ge=-180, le=180, description="Longitude instead of a postcode.", examples=[-3.0]
    )
    age: StrictInt | None = Field(None, ge=0, le=130, description="Age in years.", examples=[81])
    needs: Annotated[
        tuple[NeedId, ...],  # type: ignore[valid-type]
        _resolve_words("need", read_need, NEEDS),  # their own words: "sorting my bills"
    ] = Field(
        default=(),
        description="What they want help with; synonyms are understood.",
        examples=[["loneliness"]],
    )
    interests: tuple[Annotated[Text, Field(max_length=MAX_WORDS_LENGTH)], ...] = Field(
        default=(),
        max_length=MAX_INTERESTS,
        description="What matters to them, in their own words.",
        examples=[["dancing", "music", "a bit of company"]],
    )
    delivery: tuple[DeliveryMode, ...] | None = Field(
        None,
        description="Acceptable ways to take part; absent means any.",
        examples=[["phone", "outdoor", "in-person"]],
    )
    max_travel_km: float = Field(
        8.0, gt=0, le=MAX_TRAVEL_KM, description="Furthest they will travel, in km.", examples=[3]
    )
    accessibility: Annotated[
        tuple[FeatureId, ...],  # type: ignore[valid-type]
        _resolve_words("accessibility feature", resolve_feature, FEATURES),
    ] = Field(
        default=(), description="Features they need (a hard requirement).", examples=[["step-free"]]
    )
    digital: Annotated[DigitalLevel, BeforeValidator(_lower)] = Field(
        "confident",
        description="Internet access and confidence.",
        examples=["none"],
    )
    max_group_size: StrictInt | None = Field(
        None,
        ge=1,
        le=MAX_GROUP_SIZE,
        description="Largest group they are comfortable in.",
        examples=[6],
    )
    availability: tuple[Availability, ...] | None = Field(
        None,
        description="When they are free; absent means any time.",
        examples=[[{"days": ["tue", "wed", "thu"], "start": "10:00", "end": "16:00"}]],
    )
    max_cost: float | None = Field(
        None,
        ge=0,
        le=MAX_POUNDS,
        description="Most they can pay per session, in pounds.",
        examples=[0],
    )
    languages: Annotated[tuple[LanguageCode, ...], BeforeValidator(language_codes)] = Field(
        ("en",),
        description="Languages they speak.",
        examples=[["en"]],
    )
    gender: Annotated[PersonGender | None, BeforeValidator(_lower)] = Field(
        None,
        description="Only checked against single-gender groups.",
        examples=["woman"],
    )
    shielding: StrictBool = Field(
        False, description="Only outdoor, phone, online or home-visit.", examples=[True]
    )
    circumstances: (
        Annotated[
            tuple[str, ...],
            _resolve_words("circumstance", read_circumstance, CIRCUMSTANCES),
        ]
        | None
    ) = Field(
        None,
        description=(
            "Who they are, for groups meant for an audience (docs/formats.md §6): carer, "
            "bereaved, veteran, …; synonyms are understood. Absent means not known; "
            "an empty list means none apply."
        ),
        examples=[["carer"]],
    )

    @model_validator(mode="after")
    def _place(self) -> Person:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("only one of lat and lon is given — give both, or neither")
        return self

    @property
    def housebound(self) -> bool:
        """True when they said they are housebound (circumstance ``housebound``)."""
        return "housebound" in (self.circumstances or ())

    @property
    def acceptable_delivery(self) -> frozenset[str]:
        """Delivery modes the person accepts, after shielding rules out indoor meetings
        and being housebound rules out going anywhere (phone, online and home visits
        stay)."""
        modes = set(self.delivery if self.delivery is not None else DELIVERY)
        if self.shielding:
            modes.discard("in-person")
        if self.housebound:
            modes -= PLACE_DELIVERY
        return frozenset(modes)


# ---------------------------------------------------------------- JSON Schema

SCHEMA_BASE = "https://example.org/socialrx/schema/"
"""Where the published schemas live; ``$id`` of each generated schema."""


def json_schema(kind: Literal["asset", "person"] = "asset") -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of an asset file or a person profile.

    It is generated from the models, so it never disagrees with validation; the
    committed copies in ``schema/`` are checked against it by the test suite.
    """
    model: type[BaseModel] = Asset if kind == "asset" else Person
    body = model.model_json_schema(by_alias=True, mode="validation")
    if kind == "person":  # set aside by the profile loader (catalogue.profile_fields)
        body["properties"] = {
            "id": {
                "anyOf": [{"type": "string"}, {"type": "integer"}],
                "description": "Your own reference, as in a people CSV; never used for matching.",
                "examples": ["P0001"],
                "title": "Id",
            },
            **body["properties"],
        }
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{kind}.schema.json",
    }
    return {**head, **body}
