"""Scoring factors: small strategy objects with one interface.

Each factor looks at one side of how well an asset suits a person (the needs it helps
with, the person's interests, distance, …). A factor

* may build columns of its own once per catalogue (:meth:`Factor.prepare`);
* scores many assets at once (:meth:`Factor.score`, numpy arrays), and
* explains one asset in plain English (:meth:`Factor.explain`), giving exactly the
  value :meth:`~Factor.score` gives for it (a test checks every factor).

A match's score is the sum of ``weight × share`` over the factors, a value's share being
read through the factor's curve, with weights and curves from the policy
(:mod:`socialrx.matching.policy`), so every part of it can be shown.
:func:`match <socialrx.matching.match>` takes the caller's own list of factors; the
default list is :data:`DEFAULT_FACTORS`.

To add a factor: write a subclass here (``name``, ``label``, ``score``, ``explain``,
and ``prepare`` if it needs columns), add an instance to :data:`DEFAULT_FACTORS`, and
give it a weight in ``data/policy.yaml`` (a test fails when a factor has none).

Example:
    >>> [f.name for f in DEFAULT_FACTORS][:3]
    ['need', 'interest', 'proximity']
"""

from __future__ import annotations

import abc
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, ClassVar

import numpy as np
from rapidfuzz import fuzz, process, utils

from socialrx import geo
from socialrx.matching.audience import (
    ADULT_AGE,
    CARER,
    OLDER_MIN_AGE,
    OWN_BY_AGE,
    SCHOOL_MAX_AGE,
    YOUTH_MAX_AGE,
    age_groups,
    audience_fit,
    audience_for,
    circumstances_of,
    evident_circumstances,
    help_counts_in_full,
    made_for,
    made_for_age,
    only_kinds,
    setting_words,
    unsuited_for,
    which_condition_unsaid,
)
from socialrx.matching.body import (  # rules 44 and 67
    CHOSEN_FROM,
    TOO_HARD_SHARE,
    too_hard,
    too_hard_detail,
    unchosen,
    unchosen_detail,
)
from socialrx.matching.community import (  # rules 22, 42 and 75
    first_need_bits,
    first_need_rows,
    in_by_language,
    language_explained,
    language_rows,
    language_standing,
    not_spoken_text,
)
from socialrx.matching.company import (
    CompanyColumns,
    company_columns,
    group_is_hard,
    how_company_comes,
)
from socialrx.matching.dogs import DOG_NOTE, dog_rows  # rule 60
from socialrx.matching.energy import energy_only  # rule 61
from socialrx.matching.fallback import COMMON_NEEDS, FALLBACK_SHARE, pastime_groups  # rule 45
from socialrx.matching.fill import FILL_SHARE, again_note, filler_rows, halve_again, little_matches
from socialrx.matching.groceries import GROCERY_SHARE, grocery_note, grocery_rows  # rule 89
from socialrx.matching.hobby_groups import GROUP_COMPANY_SHARE, company_in_group, company_note
from socialrx.matching.interests import (
    COMPANY,
    FUZZY_CUTOFF,
    GAP,
    W_ACTIVITY,
    W_COMPANY,
    W_EXACT,
    W_FUZZY,
    W_KIND,
    W_NAME,
    W_SUMMARY,
    Interest,
    InterestColumns,
    about_rows,
    as_hobby,
    interest_parts,
    lesser_readings,
    means_weight,
    nearest_part,
    nearest_values,
    not_a_hobby,
    relations,
    spelt_differently,
    summary_rows,
    whole_counts,
    wish_for_company,
    with_side_note,
)
from socialrx.matching.kinds import W_STAND_IN  # rule 30
from socialrx.matching.like_them import (  # rule 58
    LIKE_THEM_VALUE,
    asks_for_people_like_them,
    like_them_rows,
    like_them_text,
    people_named,
)
from socialrx.matching.listening_mood import LISTENING_MOOD_SHARE, MOOD_NEED, listening_note
from socialrx.matching.named_condition import (  # rule 70
    asset_condition,
    condition_detail,
    condition_fit,
    condition_quote,
    condition_rows,
)
from socialrx.matching.need_audience import (  # rule 83
    need_audience,
    need_detail,
    need_fit,
    need_not_counted,
    need_rows,
    need_service,
)
from socialrx.matching.no_home import energy_note_for, energy_share  # rule 73
from socialrx.matching.no_postcode import (
    HOME_WITHOUT_HOME,
    UNKNOWN_PLACE,
    no_fixed_address,
    only_comes_home,
    unknown_place_detail,
)
from socialrx.matching.not_yet_online import NOT_YET_SHARE, halved_note, not_yet_online
from socialrx.matching.online_already import NOTE as ONLINE_NOTE  # rule 60
from socialrx.matching.online_already import ONLINE_ALREADY_SHARE, online_help_rows
from socialrx.matching.own_language import own_language_audience, own_language_explained
from socialrx.matching.own_sex import asks_for_own_sex, own_sex_rows, own_sex_text  # rule 118
from socialrx.matching.prepared import (
    ACCESS_BITS,
    MODE_BITS,
    NEED_BITS,
    PLACE_BITS,
    REMOTE_BITS,
    BoolArray,
    Fields,
    FloatArray,
    Int32Array,
    IntArray,
    Kinds,
    Postings,
    PreparedCatalogue,
    distinct,
    mode_names,
    need_names,
    per_text,
    postings,
)
from socialrx.matching.pressing import SIDE_SHARE, on_the_side  # rule 47
from socialrx.matching.pressing import side_note as pressing_note
from socialrx.matching.problems import (
    OTHER_PROBLEM_SHARE,
    SIDE_BENEFITS,
    for_other_problem,
    problem_needs,
)
from socialrx.matching.purpose import PURPOSE_SHARE, off_purpose, purpose
from socialrx.matching.remote import (
    EDGE_OF_REACH,
    comes_to_them,
    goes_out,
    how_it_comes,
    second_best,
)
from socialrx.matching.said_of_self import made_by_words, said_in, said_rows  # rule 54
from socialrx.matching.saying import read_interests  # rule 39
from socialrx.matching.schedules import (
    APPOINTMENT,
    LONG_SESSION,
    Schedule,
    ScheduleColumns,
    overlap,
    slots,
)
from socialrx.matching.sensory_loss import sense_not_counted, sense_of, sense_rows  # rule 95
from socialrx.matching.shared_words import untelling_stems  # rules 55 and 59
from socialrx.matching.shown_in import carers_rows, shown_in, shown_rows, shown_text  # rule 50
from socialrx.matching.side_chat import (
    SIDE_CHAT_SHARE,
    side_chat_note,
    side_chat_shares,
    side_mains,
)  # rule 63
from socialrx.matching.stated_audience import stated_detail, stated_fit, stated_of, stated_rows
from socialrx.matching.unrecorded_ways import (
    AWAY,
    READ_PLACE,
    beyond_place_detail,
    goes_to_places,
    not_recorded_detail,
    read_place_detail,
    unread_place_detail,
)
from socialrx.matching.ways import (  # rule 46
    GROUP_SHARE,
    GroupColumns,
    from_home,
    group_columns,
    one_to_one,
    out_note,
    read_groups,
    too_big,
    too_big_detail,
    wants_out,
)
from socialrx.matching.which_condition import UNCERTAIN, WHICH_FIRST, others_than_first
from socialrx.matching.wishes import counted, wish_shares  # rule 52
from socialrx.matching.wording import (
    ages_text,
    audience_text,
    in_brackets,
    join_and,
    join_or,
    km,
    matched,
    meant,
    need_text,
    price_text,
    with_note,
)
from socialrx.model import (
    Asset,
    Location,
    Person,
    ago_text,
    months_between,
    packed_index,
)
from socialrx.vocabulary import CIRCUMSTANCES, NEEDS, language_name, words

__all__ = [
    "DEFAULT_FACTORS",
    "NEUTRAL",
    "AccessFactor",
    "AudienceFactor",
    "Context",
    "CostFactor",
    "DeliveryFactor",
    "Factor",
    "FreshnessFactor",
    "GroupFactor",
    "InterestFactor",
    "NeedFactor",
    "PracticalFactor",
    "ProximityFactor",
    "ReachFactor",
    "ScheduleFactor",
    "freshness_value",
]

NEUTRAL = 0.5
"""The value a factor gives when it has nothing to go on (no preference, unknown)."""
PRESSING_NEEDS = frozenset({"money", "housing", "food"})
"""Needs that cannot wait (rule 10): rent, bills and food come before hobbies."""
PRESSING_INTEREST_SHARE = 0.5
"""How much what a person enjoys counts when they need help with a pressing need."""
OFF_TARGET_SHARE = 0.5
"""How much being near, cheap, recently checked or on at the right time counts for an
asset that helps with none of the person's needs and matches none of their interests
(rule 19): convenience is no reason to go to something that is not for you."""
FITTED_IN_SHARE = 0.5
"""The ``schedule`` value of one-to-one help with a pressing need whose hours are all
outside the person's free time (rule 18): a call in a lunch break or an hour off work is
possible, but it is not their free time."""
COMPANY_NEED = "loneliness"
"""The need nearly every group lists (rule 13): company is what any group gives, so which
group meets it is the person's interests' call."""
HOBBY_NEEDS = frozenset({COMPANY_NEED, "creativity", "physical-activity"})
"""Needs any group of its kind meets (rules 13 and 15): company, being creative, being
active. Which painting group, choir or swim meets them is the person's interests' call."""
UNMATCHED_SHARE = 0.5
"""How much help with one of :data:`HOBBY_NEEDS` counts from a group that matches none
of the person's interests, when some they can join do and it is not made for them
(rules 13 and 15)."""
READ_SHARE = 0.5
"""How much the help an entry's words suggest counts when it does not record its needs
(rule 20): a reading of its description, to be checked with the service, counts half of
what an entry says it helps with."""
UNREAD_SHARE = 0.25
"""How much the neutral value counts for an entry that records no needs and whose words
suggest none (rule 101): a quarter. Nothing is known of what it is for, less than of an
entry whose words were read (half, :data:`READ_SHARE`); on 80 splits such entries took
34 places in a top 5, 33 of them graded 0."""
UNREAD = NEUTRAL * UNREAD_SHARE
"""The ``need`` value of an entry that records no needs and whose words suggest none
(rules 20 and 101): unknown (the neutral value), counted at a quarter, so it never
outranks on need an entry whose words suggest what the person needs, and an open afternoon
whose purpose nobody wrote down does not come before what the person can use."""


def pressing(person: Person) -> bool:
    """Whether the person needs help with money, housing or food (rule 10).

    Example:
        >>> pressing(Person(needs=["money", "loneliness"]))
        True
        >>> pressing(Person(needs=["loneliness"]))
        False
    """
    return not PRESSING_NEEDS.isdisjoint(person.needs)


@dataclass
class Context:
    """Everything a factor may look at during one match call.

    Attributes:
        person: the person being matched.
        prepared: the catalogue's prepared data.
        today: the date freshness is measured from.
        place: where the person lives (None when no postcode or lat/lon was given).
        distance: nearest distance in km per asset row (NaN when not measured).
        usable: delivery modes still open per row after the hard constraints.
        bridged: rows kept only because a device-loan or digital-skills asset helps.
        unknown: per row, the bits of the hard constraints that could not be checked
            (no postcode given), from :mod:`~socialrx.matching.constraints`.
    """

    person: Person
    prepared: PreparedCatalogue
    today: date
    place: geo.Place | None
    distance: FloatArray
    usable: IntArray
    bridged: BoolArray
    unknown: IntArray
    eligible: BoolArray | None = None
    """Per row: the asset passed every hard constraint (None: every row counts)."""
    unknown_place: BoolArray | None = None
    """Per row: some checks could not be made, all of them about where a person with no
    postcode is (rule 33, :mod:`~socialrx.matching.no_postcode`; None: no such rows)."""
    read_place: BoolArray | None = None
    """Per row: does not record how people take part, and its venue is in reach with what
    the person needs there (rule 40, :mod:`~socialrx.matching.unrecorded_ways`; None: no
    such rows)."""
    several: BoolArray | None = None
    """Per row: a group for one condition another condition's group comes before, for
    someone who did not say which they live with (rule 48; None: no such rows)."""

    def columns(self, factor: Factor) -> Any:
        """The columns ``factor`` prepared for this catalogue (built on first use)."""
        return self.prepared.columns(factor.name, factor.prepare)

    @cached_property
    def interests(self) -> tuple[Interest, ...]:
        columns = self.prepared.columns("interest", InterestColumns)
        needs = self.person.needs  # rule 30: a field stands in only for one of these
        return tuple(i for t in self.person.interests for i in read_interests(t, columns, needs))

    @cached_property
    def readings(self) -> tuple[FloatArray, FloatArray]:
        """Per row: how well the person's interests meet the asset, and how well those
        that are not simply a wish for company (their hobbies) do — before anything that
        stops them counting (a service done for people, another audience, a pressing
        need); 0 when they gave none."""
        return interest_readings(self)

    @cached_property
    def interest_memo(self) -> dict[Interest, FloatArray]:
        """One match's store of each interest's per-row values, so rule 63 and the
        interest reading work them out once; it lives and dies with this context."""
        return {}

    @cached_property
    def side_chat(self) -> FloatArray:
        """Per row: how much a wish for company counts there (rule 63,
        :mod:`~socialrx.matching.side_chat`): half on a group mainly for another activity
        that none of the person's hobbies meets, else 1."""
        return side_chat_rows(self)

    @cached_property
    def interest_reading(self) -> FloatArray:
        """Per row: how well the person's interests meet the asset (see :attr:`readings`)."""
        return self.readings[0]

    @cached_property
    def unmatched(self) -> BoolArray:
        """Per row: matches none of the person's hobbies (interests other than a wish for
        company), when some assets they can join do, and is not made for them; its help
        with :data:`HOBBY_NEEDS` counts at half (rules 13 and 15) — unless it is company
        itself for someone a group does not easily reach (rule 28)."""
        return np.asarray(self.hobby_unmatched & ~self.company_in_full, dtype=bool)

    @cached_property
    def fallback(self) -> BoolArray:
        """Per row: a group whose point is a pastime, among :attr:`unmatched`: every
        common need it meets counts at half (rule 45, :mod:`~socialrx.matching.fallback`)."""
        return np.asarray(self.unmatched & pastime_groups(self.prepared), dtype=bool)

    @cached_property
    def hobby_unmatched(self) -> BoolArray:
        """Per row: rules 13 and 15 as they stand before rule 28 (see :attr:`unmatched`)."""
        matched = self.readings[1] > 0
        joinable = matched if self.eligible is None else matched & self.eligible
        if not joinable.any():
            return np.zeros(self.prepared.n, dtype=bool)
        return np.asarray(~matched & (self.made_by_who < 1.0), dtype=bool)

    @cached_property
    def no_hobby_chosen(self) -> BoolArray:
        """Per row: none of the person's hobbies is met there, or only through what stands
        in for one or what WordNet says it is a kind of (rule 30: "the cricket", and hill
        walking as another way to keep active), when they name a hobby something meets;
        all False when they name none (rule 67)."""
        hobby = self.readings[1]
        if not (hobby > HINT_AT_MOST).any():
            return np.zeros(self.prepared.n, dtype=bool)
        return np.asarray(hobby <= HINT_AT_MOST, dtype=bool)

    @cached_property
    def made_by_who(self) -> FloatArray:
        """Per row: the ``audience`` value as rules 13 and 15 read it, which an over-60s
        group's age band alone reaches (1.0, made for the person) only from 70 (rule 62,
        :data:`~socialrx.matching.audience.OWN_BY_AGE`): a 67-year-old is let in by it,
        not sent to it whatever they enjoy."""
        age = self.person.age
        if age is None or age >= OWN_BY_AGE or "older-person" not in age_groups(self.person):
            return self.audience
        return audience_values(self, older_from=OWN_BY_AGE)

    @cached_property
    def company_in_full(self) -> BoolArray:
        """Per row: company itself (a befriending call or visit) for someone a group does
        not easily reach, whose help with loneliness counts in full (rule 28,
        :mod:`~socialrx.matching.company`)."""
        if self.group_is_hard is None:
            return np.zeros(self.prepared.n, dtype=bool)
        return self.prepared.columns("company", _company_columns).itself

    @cached_property
    def group_is_hard(self) -> str | None:
        """Why a group does not easily reach the person, or None (rule 28)."""
        return group_is_hard(self.person)

    @cached_property
    def listening(self) -> BoolArray:
        """Per row: a listening line not made for the person, whose help with loneliness
        does not count: it is for when things feel too much, not company (rule 28b)."""
        lines = self.prepared.columns("company", _company_columns).listening
        if not lines.any():
            return lines
        return np.asarray(lines & (self.audience < 1.0), dtype=bool)

    @cached_property
    def company_in_group(self) -> BoolArray:
        """Per row: a group doing an activity the person named that does not list help
        with loneliness, for someone who needs it: that help counts at half (rule 31,
        :func:`~socialrx.matching.hobby_groups.company_in_group`)."""
        if COMPANY_NEED not in self.person.needs:  # nothing to work out
            return np.zeros(self.prepared.n, dtype=bool)
        hobby = np.where(self.outside_audience, 0.0, self.readings[1])
        only = self.prepared.columns("interest", InterestColumns).service_only
        if only:
            hobby[list(only)] = 0.0
        needs = list(self.person.needs)
        return company_in_group(self.prepared, needs, hobby, self.usable, _one_to_one(self))

    @cached_property
    def audience(self) -> FloatArray:
        """Per row: the ``audience`` factor's value (:func:`audience_values`), worked out
        once for the rules that ask whether a group is made for the person."""
        return audience_values(self)

    @cached_property
    def other_problem(self) -> BoolArray:
        """Per row: a service for a problem the person did not bring (rule 24,
        :func:`~socialrx.matching.problems.for_other_problem`), not made for them and not
        already counted down for its audience; its side benefits (company, mood, activity,
        creativity, nature, learning) count at half."""
        other = for_other_problem(self.prepared, self.person)
        if other.any():  # only then is the audience worth working out here
            other &= (self.audience < 1.0) & (self.standing[0] >= 1.0)
        return other

    @cached_property
    def dog_unsaid(self) -> BoolArray:
        """Per row: a dog walking service for someone whose words do not mention a dog;
        uncertain, its help at half (rule 60, :mod:`~socialrx.matching.dogs`)."""
        return dog_rows(self.prepared, self.person)

    @cached_property
    def sense_unsaid(self) -> BoolArray:
        """Per row: a group for people with sight or hearing loss, for someone who gave
        their circumstances and said nothing of either; none of its help counts (rule 95,
        :mod:`~socialrx.matching.sensory_loss`)."""
        c: _Audiences = self.prepared.columns("audience", _audiences)
        return sense_rows(c.by_audience, self.person, self.prepared.n)

    @cached_property
    def online_help(self) -> BoolArray:
        """Per row: a service mainly for getting online, for someone whose profile says
        they are confident online and who did not ask for it; its side benefits (company,
        mood, learning) count for nothing (rule 60,
        :mod:`~socialrx.matching.online_already`)."""
        return online_help_rows(self.prepared, self.person)

    @cached_property
    def off_purpose(self) -> BoolArray:
        """Per row: mainly for a need the person did not bring, matching none of their
        hobbies and not made for them (rule 32, :mod:`~socialrx.matching.purpose`); its
        help with their needs counts at half, unless another rule already halves it."""
        off = off_purpose(self.prepared, self.person)
        if off.any():  # only then are the hobbies and the audience worth working out here
            off &= (self.readings[1] == 0.0) & (self.audience < 1.0)
            off &= ~self.company_in_full  # rule 28: a befriending call is company itself
        return off

    @cached_property
    def filler(self) -> BoolArray:
        """Per row: when little here matches the person's hobbies, mainly for a need they
        did not bring and matching none of their interests; its help counts at half again
        (rule 51, :mod:`~socialrx.matching.fill`)."""
        off = self.off_purpose
        if not off.any() or not little_matches(self.readings[1], self.eligible):
            return np.zeros(self.prepared.n, dtype=bool)
        return filler_rows(self.prepared, off, self.unmatched, self.interest_reading)

    @cached_property
    def pressing_side(self) -> dict[str, BoolArray]:
        """Per pressing need the person gave: the rows that help with it only on the side,
        counted at half (rule 47, :mod:`~socialrx.matching.pressing`)."""
        if not pressing(self.person):  # only then are the audience and interests worth reading
            return {}
        c = self.prepared.columns("interest", InterestColumns)
        asked = [(t.need, _interest_values(c, t) > 0) for t in self.interests if t.need]
        side = on_the_side(self.prepared, self.person, self.audience, asked)
        return {n: rows & ~self.off_purpose for n, rows in side.items()}  # rule 32 halves those

    @cached_property
    def energy_only(self) -> dict[str, BoolArray]:
        """Per need of money and housing the person gave: the rows that give it only as
        energy help, counted at half when their words do not say that is the trouble
        (rule 61, :mod:`~socialrx.matching.energy`)."""
        return energy_only(self.prepared, self.person)

    @cached_property
    def groceries(self) -> dict[str, BoolArray]:
        """For a homeless person who needs food: the rows that give it only as groceries
        to take home and cook, counted at half (rule 89, :mod:`~socialrx.matching.groceries`)."""
        return grocery_rows(self.prepared, self.person)

    @cached_property
    def shown_in(self) -> tuple[BoolArray, BoolArray]:
        """Rule 50, per row: a group a language the person uses puts them in, and (for a
        carer) a group for carers and the people they care for; read once for both the
        audience's standing and its values."""
        c: _Audiences = self.prepared.columns("audience", _audiences)
        shown = shown_rows(self.prepared, self.person)
        shown |= self.said_in[0]  # rule 54: their own words say who they are
        return shown, carers_rows(c.by_audience, self.person, self.prepared.n)

    @cached_property
    def _like_them(self) -> dict[frozenset[str], BoolArray]:
        """Rule 58: :meth:`like_them` per audience an interest names, worked out once."""
        return {}

    def like_them(self, text: str) -> BoolArray:
        """Rule 58, per row: a group made for the person by who they said they are (not
        only an age band) and for the people interest ``text`` names, which meets it."""
        named = people_named(text)
        if named not in self._like_them:
            c: _Audiences = self.prepared.columns("audience", _audiences)
            rows = like_them_rows(c.by_audience, self.person, self.standing[0], named)
            self._like_them[named] = rows & ~_one_to_one(self)  # a group: people to meet
        return self._like_them[named]

    @cached_property
    def own_sex(self) -> BoolArray:
        """Rule 118, per row: a group for the person's sex alone, with nothing against it
        and people to meet, which a wish for such a group meets."""
        rows = own_sex_rows(self.prepared, self.person) & (self.standing[0] == 1.0)
        return np.asarray(rows & ~_one_to_one(self), dtype=bool)

    @cached_property
    def said_in(self) -> tuple[BoolArray, BoolArray]:
        """Rule 54, per row: a group the person's own words count them in (made for
        them), and one only an accessibility need of theirs counts them in (in, as a
        need does)."""
        return said_rows(self.prepared, self.person)

    @cached_property
    def standing(self) -> tuple[FloatArray, BoolArray]:
        """Per row: the audience value, and whether interests do not count (a group for
        an audience the person is not in, or a setting that does not suit them)."""
        return audience_standing(self)

    @cached_property
    def first_need_only(self) -> BoolArray:
        """Rule 75, per row: a group run mainly in another language, open to anyone and
        listing English, whose first need the person came with: only that help counts."""
        return first_need_rows(self.prepared, self.person)

    @cached_property
    def outside_audience(self) -> BoolArray:
        """Per row: interests do not count (see :attr:`standing`)."""
        return self.standing[1]

    @cached_property
    def off_target(self) -> BoolArray:
        """Per row: helps with none of the needs the person gave and matches none of
        their interests (0 on ``need`` and on ``interest``); its practical fit counts
        at half (rule 19)."""
        p = self.prepared
        if not self.person.needs:
            return np.zeros(p.n, dtype=bool)
        # What NeedFactor and InterestFactor score 0, worked out from the same columns
        # without scoring every row twice (a test checks that the two agree).
        weight: dict[str, float] = p.columns("need", need_weights)
        wanted = sum(NEED_BITS[n] for n in set(self.person.needs) if weight.get(n))
        share, outside = self.standing
        offered = p.needs | p.read_needs  # rule 20: what an entry recording none suggests
        mine = np.where(self.listening, wanted & ~NEED_BITS[COMPANY_NEED], wanted)  # rule 28b
        missed = (offered != 0) & ((offered & mine) == 0)  # nothing read: unknown, not 0
        no_need = missed | (share == 0.0) | (wanted == 0)
        # rule 60: only side benefits, from getting-online help for someone online already
        no_need |= self.online_help & ((offered & mine & ~_SIDE_BITS) == 0)
        no_need |= self._energy_for_no_home(offered & mine)  # rule 73
        no_interest = (self.interest_reading == 0.0) | outside | self.online_help
        only = p.columns("interest", InterestColumns).service_only
        if only:
            no_interest[list(only)] = True
        return np.asarray(no_need & no_interest, dtype=bool)

    def _energy_for_no_home(self, given: IntArray) -> BoolArray:
        """Per row: an energy service whose help the person needs (``given``: the need
        bits it offers that they gave) is only help with money or housing it counts
        nothing on, for someone with no fixed address (rule 73)."""
        energy = self.energy_only
        if not energy or energy_share(self.person):
            return np.zeros(self.prepared.n, dtype=bool)
        bits = sum(NEED_BITS[n] for n in energy)
        rows = np.logical_or.reduce([energy[n] for n in energy])
        return np.asarray(rows & ((given & ~bits) == 0), dtype=bool)

    @cached_property
    def practical_share(self) -> FloatArray:
        """Per row: how much practical fit counts (rule 19): a half for the rows of
        :attr:`off_target`, and for those of :attr:`not_yet_online` (rule 71; never
        halved twice), else all of it."""
        return np.where(self.off_target | self.not_yet_online, OFF_TARGET_SHARE, 1.0)

    @cached_property
    def not_yet_online(self) -> BoolArray:
        """Per row: online only, reached through a bridge: a tablet to learn first
        (rule 71, :mod:`~socialrx.matching.not_yet_online`)."""
        return not_yet_online(self.bridged, self.usable)

    @cached_property
    def outside_hours(self) -> tuple[BoolArray, BoolArray]:
        """Per row: none of its set sessions is when the person said they are free, and
        whether it is one-to-one help with a pressing need that can be fitted in all the
        same (rule 18)."""
        return outside_hours(self)

    @cached_property
    def never_free(self) -> BoolArray:
        """Per row: none of its set sessions is when the person said they are free, and
        it cannot be fitted in (rule 18): reach 0, like a tablet to learn first."""
        never, fitted = self.outside_hours
        return np.asarray(never & ~fitted, dtype=bool)

    @cached_property
    def fitted_in(self) -> BoolArray:
        """Per row: one-to-one help with the person's money, housing or food whose hours
        are all outside their free time: a call in a break or an hour off (rule 18)."""
        return self.outside_hours[1]

    @cached_property
    def gets_out(self) -> bool:
        """The person can get out (:func:`~socialrx.matching.remote.goes_out`), says where
        they live, and a venue that helps with something they asked for is in reach: what
        comes to them with only what any group gives is second best (rule 25)."""
        if self.place is None or not goes_out(self.person):
            return False
        venue = ((self.usable & PLACE_BITS) != 0) & ~np.isnan(self.distance) & ~self.off_target
        if self.eligible is not None:
            venue &= self.eligible
        return bool(venue.any())

    @cached_property
    def availability(self) -> tuple[tuple[int, int], ...] | None:
        if self.person.availability is None:
            return None
        return tuple(slots((a.days, a.start, a.end) for a in self.person.availability))


class Factor(abc.ABC):
    """One side of how well an asset suits a person (a strategy object).

    Subclasses set ``name`` (the key of its weight in the policy) and ``label`` (for
    people), and implement :meth:`score` and :meth:`explain`, which must agree.
    """

    name: ClassVar[str]
    label: ClassVar[str]

    def prepare(self, catalogue: PreparedCatalogue) -> Any:
        """Columns this factor needs, built once per catalogue (default: none)."""
        return None

    @abc.abstractmethod
    def score(self, ctx: Context, rows: IntArray) -> FloatArray:
        """Values in [0, 1] for many asset rows at once."""

    @abc.abstractmethod
    def explain(self, ctx: Context, i: int) -> tuple[float, str]:
        """The value for asset row ``i`` and a plain-English detail."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


class PracticalFactor(Factor):
    """A factor saying how easy an asset is to use rather than what it is for: distance,
    ways in, group size, times, cost, how recently it was checked, how to get in.

    For an asset that helps with none of the person's needs and matches none of their
    interests, the value counts at half (:data:`OFF_TARGET_SHARE`, rule 19), and the
    detail says so. Subclasses implement :meth:`practical_score` and
    :meth:`practical_explain`.
    """

    def score(self, ctx: Context, rows: IntArray) -> FloatArray:
        return self.practical_score(ctx, rows) * ctx.practical_share[rows]

    def explain(self, ctx: Context, i: int) -> tuple[float, str]:
        value, detail = self.practical_explain(ctx, i)
        if not ctx.off_target[i]:
            if ctx.not_yet_online[i]:  # rule 71: a tablet to learn first
                return value * NOT_YET_SHARE, halved_note(detail)
            return value, detail
        what = "needs or interests" if ctx.person.interests else "needs"
        return (
            value * OFF_TARGET_SHARE,
            f"{detail}; counted at half: it helps with none of your {what}",
        )

    @abc.abstractmethod
    def practical_score(self, ctx: Context, rows: IntArray) -> FloatArray:
        """Values in [0, 1] for many asset rows at once, before rule 19."""

    @abc.abstractmethod
    def practical_explain(self, ctx: Context, i: int) -> tuple[float, str]:
        """The value for asset row ``i`` and a plain-English detail, before rule 19."""


def _need_label(need: str) -> str:
    return NEEDS[need].label.lower() if need in NEEDS else need


def _join(items: list[str]) -> str:
    return join_and(items)


def need_weight(total: int, helped: int) -> float:
    """How much a need counts when ``helped`` of a catalogue's ``total`` assets help
    with it: ``1 + ln((total + 1) / (helped + 1))`` (inverse document frequency,
    smoothed).

    A need most assets help with (loneliness: nearly every group) counts less than one
    few do (work, learning, debt), so the asset that meets a person's specific need is
    not outranked by every group that meets only the common one.

    Example:
        >>> round(need_weight(70, 41), 2), round(need_weight(70, 2), 2)
        (1.53, 4.16)
    """
    return 1.0 + math.log((total + 1) / (helped + 1))


def need_weights(catalogue: PreparedCatalogue) -> dict[str, float]:
    """:func:`need_weight` of every need in the vocabulary, for this catalogue.

    A need no asset of the catalogue helps with weighs 0: it cannot tell assets apart,
    and counting it would let hobby groups outrank the ones meeting the person's other
    needs. The explanation says plainly that nothing here helps with it. An entry that
    records no needs helps with those its words suggest (rule 20).
    """
    weights = {}
    offered = catalogue.needs | catalogue.read_needs
    for need, bit in NEED_BITS.items():
        helped = int(np.count_nonzero(offered & bit))
        weights[need] = need_weight(catalogue.n, helped) if helped else 0.0
    return weights


def _nothing_helps(missed: list[str], weight: dict[str, float]) -> str:
    """ "; nothing here helps with …" for the missed needs no asset helps with."""
    none = [n for n in missed if not weight.get(n)]
    return f"; nothing here lists help with {_helped(none)}" if none else ""


def _helps_with(hit: list[str], missed: list[str]) -> str:
    detail = f"Helps with {_helped(hit)}"
    if missed:
        detail += f" (not {join_or([_need_label(n) for n in missed])})"
    return detail


_UNMATCHED_NOTE = "; help with {} counted at half: it matches none of your hobbies"


def _halved(need: str, ctx: Context, i: int) -> bool:
    """Whether ``need`` counts half from asset row ``i`` when it matches none of the
    person's hobbies: company, creativity and activity (rules 13 and 15), and mental
    wellbeing and learning from a group for a pastime (rule 45)."""
    return need in HOBBY_NEEDS or (need in COMMON_NEEDS and bool(ctx.fallback[i]))


def _labels(needs: list[str], join: Callable[[Sequence[str]], str] = join_and) -> str:
    return join([_need_label(n) for n in needs])


def _helped(needs: list[str]) -> str:
    """Needs after "help with": "practical tasks", never "help with practical help"."""
    return join_and([need_text(n) for n in needs])


def _met(ctx: Context, i: int, hit: list[str], weight: dict[str, float]) -> tuple[float, str]:
    """The weight of the needs asset row ``i`` meets, company, creativity and activity
    at half from an asset that matches none of the person's hobbies (rules 13 and 15),
    side benefits at half from a service for a problem the person did not bring (rule
    24), help given on the side of what it is for at half (rule 32), and the notes
    saying so."""
    counted = [n for n in hit if weight.get(n)]
    listening = _not_company(ctx, i, counted)  # rule 28b
    halved = [n for n in counted if _halved(n, ctx, i)] if ctx.unmatched[i] else []
    side = [n for n in counted if n in SIDE_BENEFITS] if ctx.other_problem[i] else []
    share = {n: _share(n in halved, n in side) for n in counted}
    side_note = _side_notes(ctx, i, counted, share, side, halved)  # rules 24 and 60
    heard = _heard(ctx, i, counted, share)  # rule 35, before rule 32
    urgent = _noted(pressing_note, _count_at(ctx.pressing_side, i, share, SIDE_SHARE))  # 47
    energy = _count_at(ctx.energy_only, i, share, energy_share(ctx.person))  # rules 61, 73
    urgent += _noted(energy_note_for(ctx.person), energy)
    urgent += _noted(grocery_note, _count_at(ctx.groceries, i, share, GROCERY_SHARE))  # rule 89
    aside = _aside(ctx, i, share)  # rule 32: help on the side, never halved twice
    aside, again = halve_again(share) if ctx.filler[i] else (aside, [])  # rule 51
    met = sum(weight[n] * (PURPOSE_SHARE if n in aside else share[n]) for n in counted)
    note = _UNMATCHED_NOTE.format(_helped(halved)) if halved else ""
    note += _company_note(ctx, i, counted, listening) + ("" if MOOD_NEED in aside else heard)
    note += urgent + side_note + _aside_note(ctx, i, aside)
    return met, note + again_note(again, _helped, purpose(ctx.prepared, i))


def _count_at(rows: dict[str, BoolArray], i: int, share: dict[str, float], at: float) -> list[str]:
    """Counts at ``at`` in ``share`` (need → how much it counts) the needs whose ``rows``
    hold asset row ``i`` — pressing needs given only on the side (rule 47), money and
    housing given only as energy help (rule 61); those needs."""
    needs = [n for n in share if n in rows and rows[n][i]]
    for n in needs:
        share[n] *= at
    return needs


def _noted(note: Callable[[Sequence[str], Sequence[str]], str], needs: list[str]) -> str:
    """A rule's need-detail note on ``needs``, given their plain labels, or ""."""
    return note(needs, [_need_label(n) for n in needs])


def _side_notes(
    ctx: Context,
    i: int,
    counted: list[str],
    share: dict[str, float],
    side: list[str],
    halved: list[str],
) -> str:
    """Rules 24 and 60: the notes on the side benefits of asset row ``i``, a service
    for a problem the person did not bring (``side``, at half in ``share``) or mainly
    for getting online when they are online already (set to nothing in ``share``)."""
    online = _online_already(ctx, i, counted, share)
    side = [n for n in side if n not in online]
    return _other_problem_note(ctx, i, side, halved) + _online_note(online)


def _online_already(ctx: Context, i: int, counted: list[str], share: dict[str, float]) -> list[str]:
    """Rule 60: sets to nothing in ``share`` the side benefits of asset row ``i`` when
    it is mainly for getting online and the person is online already; those needs."""
    if not ctx.online_help[i]:
        return []
    online = [n for n in counted if n in SIDE_BENEFITS]
    for n in online:
        share[n] = ONLINE_ALREADY_SHARE
    return online


def _online_note(online: list[str]) -> str:
    """Rule 60: "; help with loneliness and isolation not counted: it is mainly for
    getting online, and you are confident online", or ""."""
    return f"; help with {_helped(online)} not counted: {ONLINE_NOTE}" if online else ""


def _heard(ctx: Context, i: int, counted: list[str], share: dict[str, float]) -> str:
    """Rule 35: counts at three quarters in ``share`` the help with mental wellbeing of
    asset row ``i`` when it is a listening line not made for the person; the note saying
    so, or ""."""
    if MOOD_NEED not in counted or not ctx.listening[i]:
        return ""
    again = share[MOOD_NEED] < 1.0
    share[MOOD_NEED] *= LISTENING_MOOD_SHARE
    return listening_note(_need_label(MOOD_NEED), again)


def _share(halved: bool, side: bool) -> float:
    """How much one need met counts after rules 13, 15, 16 (``halved``) and 24 (``side``)."""
    return (UNMATCHED_SHARE if halved else 1.0) * (OTHER_PROBLEM_SHARE if side else 1.0)


def _aside(ctx: Context, i: int, share: dict[str, float]) -> list[str]:
    """Rule 32: the needs met that asset row ``i``, mainly for a need the person did not
    come with, gives on the side and that no other rule already counts at half."""
    if not ctx.off_purpose[i]:
        return []
    return [n for n, s in share.items() if s > PURPOSE_SHARE]


def _aside_note(ctx: Context, i: int, aside: list[str]) -> str:
    """Rule 32: the note on the need detail of an asset mainly for a need the person did
    not come with ("; help with loneliness and isolation counted at half: it is mainly
    for mental wellbeing")."""
    if not aside:
        return ""
    mainly = purpose(ctx.prepared, i)
    return f"; help with {_helped(aside)} counted at half: it is mainly for {mainly}"


def _not_company(ctx: Context, i: int, counted: list[str]) -> bool:
    """Rule 28b: takes help with loneliness out of ``counted`` when asset row ``i`` is a
    listening line not made for the person; whether it did."""
    if COMPANY_NEED in counted and ctx.listening[i]:
        counted.remove(COMPANY_NEED)
        return True
    return False


def _company_note(ctx: Context, i: int, counted: list[str], listening: bool) -> str:
    """Rules 28 and 28b: the note on the need detail of company itself counted in full
    for someone a group does not easily reach, or of a listening line whose help with
    loneliness does not count. Empty when neither changed anything."""
    label = _need_label(COMPANY_NEED)
    if listening:
        return (
            f"; help with {label} not counted: a listening line is for when things "
            "feel too much, not company"
        )
    if COMPANY_NEED in counted and ctx.company_in_full[i] and ctx.hobby_unmatched[i]:
        how = how_company_comes(int(ctx.usable[i]))
        return (
            f"; help with {label} counted in full: {how} is company itself for "
            f"someone a group does not easily reach ({ctx.group_is_hard})"
        )
    return ""


class NeedFactor(Factor):
    """The person's needs the asset says it helps with, each counted by how specific it
    is (:func:`need_weights`): the weighted share of their needs that it meets.

    An imported entry that does not record its needs (FORMATS §1) is read from its words
    (rule 20, :attr:`~socialrx.matching.prepared.PreparedCatalogue.read_needs`): what
    they suggest counts at half (:data:`READ_SHARE`), and when they suggest nothing the
    value is :data:`UNREAD`; a caution says what was read. Unknown, never a silent pass
    or a fail. From a service for a problem the person did not bring (rule 24,
    :mod:`~socialrx.matching.problems`), its side benefits count at half."""

    name = "need"
    label = "Needs"

    def prepare(self, catalogue: PreparedCatalogue) -> dict[str, float]:
        return need_weights(catalogue)

    def explain(self, ctx: Context, i: int) -> tuple[float, str]:
        wanted = ctx.person.needs
        if not wanted:
            return NEUTRAL, "No needs given"
        weight: dict[str, float] = ctx.columns(self)
        offered = ctx.prepared.assets[i].needs
        if not offered:  # an imported entry that does not record them (FORMATS §1)
            value, detail = _unrecorded(ctx, i, weight)
        elif ctx.first_need_only[i]:  # rule 75: open to them for what it is mainly for
            value, detail = _first_need_only(ctx, i, offered, weight)
        else:
            value, detail = _recorded(ctx, i, offered, weight)
        if value and ctx.standing[0][i] < 1.0:
            value, detail = _audience_discount(ctx, i, value, detail)
        if value and ctx.not_yet_online[i]:  # rule 71: a tablet to learn first
            value, detail = value * NOT_YET_SHARE, halved_note(detail)
        return value, detail

    def score(self, ctx: Context, rows: IntArray) -> FloatArray:
        wanted = ctx.person.needs
        if not wanted:
            return np.full(len(rows), NEUTRAL)
        weight: dict[str, float] = ctx.columns(self)
        recorded = ctx.prepared.needs[rows]
        read = ctx.prepared.read_needs[rows]
        masks = recorded | read  # rule 20: what an entry recording none suggests
        only = ctx.first_need_only[rows]  # rule 75: its first need alone counts
        if only.any():
            masks[only] &= first_need_bits(ctx.prepared, rows[only]).astype(masks.dtype)
        hits = np.zeros(len(rows))
        for n in wanted:
            met = weight[n] * ((masks & NEED_BITS[n]) != 0)
            if n in HOBBY_NEEDS:  # rules 13, 15: a group you would not enjoy counts half
                met = met * np.where(ctx.unmatched[rows], UNMATCHED_SHARE, 1.0)
            elif n in COMMON_NEEDS:  # rule 45: mood and learning from a group for a pastime
                met = met * np.where(ctx.fallback[rows], FALLBACK_SHARE, 1.0)
            if n == COMPANY_NEED:  # rule 28b: a listening line is not company
                met = np.where(ctx.listening[rows], 0.0, met)
            if n == MOOD_NEED:  # rule 35: a listening line is not the help with mood
                met = np.where(ctx.listening[rows], met * LISTENING_MOOD_SHARE, met)
            if n in SIDE_BENEFITS:  # rule 24: a side benefit of a service for another problem
                met = met * np.where(ctx.other_problem[rows], OTHER_PROBLEM_SHARE, 1.0)
                # rule 60: getting online's side benefits, for someone online already
                met = np.where(ctx.online_help[rows], met * ONLINE_ALREADY_SHARE, met)
            if n in ctx.pressing_side:  # rule 47: a pressing need met only on the side
                met = met * np.where(ctx.pressing_side[n][rows], SIDE_SHARE, 1.0)
            if n in ctx.energy_only:  # rule 61: energy help is one kind of this help
                at = energy_share(ctx.person)  # rule 73: nothing, with no fixed address
                met = met * np.where(ctx.energy_only[n][rows], at, 1.0)
            if n in ctx.groceries:  # rule 89: groceries need a kitchen
                met = met * np.where(ctx.groceries[n][rows], GROCERY_SHARE, 1.0)
            # rule 32: help an asset gives on the side counts half, and is not halved twice
            side = np.minimum(met, PURPOSE_SHARE * weight[n] * ((masks & NEED_BITS[n]) != 0))
            side = np.where(ctx.filler[rows], met * FILL_SHARE, side)  # rule 51: half again
            met = np.where(ctx.off_purpose[rows], side, met)
            if n == COMPANY_NEED:  # rule 31: a group for a hobby is company, listed or not
                met = met + weight[n] * GROUP_COMPANY_SHARE * ctx.company_in_group[rows]
            hits += met
        total = sum(weight.get(n, 0.0) for n in wanted)
        if not total:  # nothing here helps with any of them (rule 1): 0 for every entry
            return hits
        value = hits / total
        # Not recorded: what the words suggest counts half; nothing read is unknown.
        value = np.where(recorded != 0, value, np.where(read != 0, value * READ_SHARE, UNREAD))
        value = value * ctx.standing[0][rows]
        return np.where(ctx.not_yet_online[rows], value * NOT_YET_SHARE, value)  # rule 71


def _recorded(
    ctx: Context, i: int, offered: list[str], weight: dict[str, float]
) -> tuple[float, str]:
    """The need value and detail of asset row ``i``, which records the needs it helps
    with (``offered``), before its audience is taken into account."""
    wanted = ctx.person.needs
    hit = [n for n in wanted if n in offered]
    missed = [n for n in wanted if n not in offered and not _in_group(ctx, i, n, weight)]
    total = sum(weight.get(n, 0.0) for n in wanted)
    if not total:
        return 0.0, f"Does not list {_labels(missed, join_or)}" + _nothing_helps(missed, weight)
    if not hit:  # rule 31: perhaps only the company of a group for a hobby
        return _company_only(ctx, i, missed, weight, total)
    met, note = _met(ctx, i, hit, weight)
    company, said = _company(ctx, i, weight, first=False)
    return (met + company) / total, _helps_with(hit, missed) + _nothing_helps(
        missed, weight
    ) + note + said


def _first_need_only(
    ctx: Context, i: int, offered: list[str], weight: dict[str, float]
) -> tuple[float, str]:
    """Rule 75: the need value and detail of asset row ``i``, run mainly in another
    language and open to anyone for its first need, which the person came with: only
    that help counts."""
    wanted = ctx.person.needs
    first = offered[0]
    missed = [n for n in wanted if n not in offered]
    others = [n for n in wanted if n in offered and n != first]
    total = sum(weight.get(n, 0.0) for n in wanted)
    if not total:
        return 0.0, f"Does not list {_labels(missed, join_or)}" + _nothing_helps(missed, weight)
    met, note = _met(ctx, i, [first], weight)
    detail = _helps_with([first], missed) + _nothing_helps(missed, weight) + note
    if others:
        main = language_name(ctx.prepared.assets[i].languages[0])
        detail += (
            f"; its help with {_helped(others)} not counted: it is run mainly in {main}, "
            f"open to everyone for help with {_helped([first])}, what it is mainly for"
        )
    return met / total, detail


def _in_group(ctx: Context, i: int, need: str, weight: dict[str, float]) -> bool:
    """Whether ``need`` is the company of a group for a hobby of the person (rule 31),
    and counts here (some asset of the catalogue lists it, rule 1)."""
    return need == COMPANY_NEED and bool(ctx.company_in_group[i]) and bool(weight.get(need))


def _company(ctx: Context, i: int, weight: dict[str, float], first: bool) -> tuple[float, str]:
    """Rule 31: the weight the company of a group for a hobby adds for row ``i``, and
    the words saying so; nothing for other rows."""
    if not _in_group(ctx, i, COMPANY_NEED, weight):
        return 0.0, ""
    return weight.get(COMPANY_NEED, 0.0) * GROUP_COMPANY_SHARE, company_note(first)


def _company_only(
    ctx: Context, i: int, missed: list[str], weight: dict[str, float], total: float
) -> tuple[float, str]:
    """The need value and detail of row ``i`` when it lists none of the person's needs:
    0, or the company of a group for a hobby of theirs at half (rule 31)."""
    company, said = _company(ctx, i, weight, first=True)
    nothing = _nothing_helps(missed, weight)
    if not company:
        return 0.0, f"Does not list {_labels(missed, join_or)}" + nothing
    rest = f"; does not list {_labels(missed, join_or)}" if missed else ""
    return company / total, said + rest + nothing


def _other_problem_note(ctx: Context, i: int, side: list[str], halved: list[str]) -> str:
    """Rule 24: the note on the need detail of a service for a problem the person did
    not bring ("; help with mental wellbeing counted at half: it is a service for
    alcohol and drugs, which you did not ask about"); "at half again" when rule 13 has
    already halved the same help. Empty when no side benefit was halved."""
    if not side:
        return ""
    again = " again" if set(side) <= set(halved) else ""
    return (
        f"; help with {_helped(side)} counted at half{again}: it is a service for "
        f"{_labels(problem_needs(ctx.prepared, i))}, which you did not ask about"
    )


_NOT_RECORDED = "What it helps with is not recorded"
_READ_COMPANY = (
    "; as a group for something you enjoy it is company: help with loneliness and isolation"
    " counted at a quarter (half, and half again as read)"
)


def _unrecorded(ctx: Context, i: int, weight: dict[str, float]) -> tuple[float, str]:
    """Rule 20: the need value and detail of asset row ``i``, which does not record the
    needs it helps with, from what its words suggest, before its audience is taken into
    account."""
    wanted = ctx.person.needs
    total = sum(weight.get(n, 0.0) for n in wanted)
    if not total:
        return 0.0, _NOT_RECORDED + _nothing_helps(list(wanted), weight)
    read = need_names(int(ctx.prepared.read_needs[i]))
    if not read:
        return UNREAD, (
            f"{_NOT_RECORDED}, and its description suggests nothing: unknown, counted at a quarter"
        )
    hit = [n for n in wanted if n in read]
    missed = [n for n in wanted if n not in read and not _in_group(ctx, i, n, weight)]
    said = f"{_NOT_RECORDED}; its description suggests {_labels(read)}"
    if not hit:
        return _read_company_only(ctx, i, said, missed, weight, total)
    met, note = _met(ctx, i, hit, weight)
    company, _ = _company(ctx, i, weight, first=False)
    missing = f" (not {_labels(missed, join_or)})" if missed else ""
    detail = f"{said}: help with {_helped(hit)}{missing} counted at half, as read"
    value = (met + company) / total * READ_SHARE
    also = _READ_COMPANY if company else ""  # rule 31, read, not recorded
    return value, detail + _nothing_helps(missed, weight) + note + also


def _read_company_only(
    ctx: Context, i: int, said: str, missed: list[str], weight: dict[str, float], total: float
) -> tuple[float, str]:
    """The need value and detail of row ``i``, which records no needs and whose words
    suggest none of the person's: 0, or the company of a group for a hobby of theirs
    (rule 31), at half and half again as read (rule 20)."""
    company, _ = _company(ctx, i, weight, first=True)
    detail = f"{said}, not {_labels(missed, join_or)}" if missed else said
    if not company:
        return 0.0, detail + _nothing_helps(missed, weight)
    return company / total * READ_SHARE, detail + _READ_COMPANY + _nothing_helps(missed, weight)


class InterestFactor(Factor):
    """How well the person's own words meet the asset's activities, name and summary.

    Each interest is compared three ways, and the best counts:

    * **vocabulary**: the OpenActive activity list (with everyday community activities)
      links words to concepts and their narrower kinds ("dance" → "ballroom dance");
    * **words**: stemmed words ("dancing" = "dance"); a whole activity scores 1.0, words
      found among the activities 0.9, in the name 0.8, only in the summary 0.6 — so a
      one-word interest that merely appears in a long summary does not count as a
      perfect match (the ``token_set_ratio`` subset trap);
    * **fuzzy**: rapidfuzz ``ratio`` of the whole interest against each activity
      (≥ 85 to count, scaled by 0.9), for phrases spelt differently.

    Typos ("dancng") are first corrected against the words the catalogue and the
    vocabulary know. Several interests combine as ``1 − Π(1 − 0.7 sᵢ)``: each extra
    interest that matches adds something, and none can lower the value.
    """

    name = "interest"
    label = "Interests"

    def prepare(self, catalogue: PreparedCatalogue) -> InterestColumns:
        return InterestColumns(catalogue)

    def explain(self, ctx: Context, i: int) -> tuple[float, str]:
        if not ctx.interests:
            return 0.0, "No interests given (the same for every asset)"
        columns: InterestColumns = ctx.columns(self)
        if i in columns.service_only:
            return 0.0, "A service done for you: matched on what you need, not on interests"
        if ctx.online_help[i]:  # rule 60
            return 0.0, f"Not matched on interests: {ONLINE_NOTE}"
        if _outside_audience(ctx)[i]:
            reason = _unsuited_reason(ctx, i)
            if reason:
                return 0.0, f"Not matched on interests: {reason[0].lower()}{reason[1:]}"
            if ctx.first_need_only[i]:  # rule 75
                first = ctx.prepared.assets[i].needs[0]
                spoken = language_name(ctx.prepared.assets[i].languages[0])
                return 0.0, (
                    f"Run mainly in {spoken}: matched on help with {_helped([first])}, what it "
                    "is mainly for, not on interests"
                )
            need = need_audience(ctx.prepared.assets[i])  # rule 83
            if need is not None:
                service = need_service(need)
                return (
                    0.0,
                    f"{service[0].upper()}{service[1:]}: matched on what you need, not interests",
                )
            named = asset_condition(ctx.prepared.assets[i])  # rule 111
            if named and condition_fit(named, ctx.person) == "partly":
                return 0.0, f"{condition_quote(named)}: matched on what you need, not interests"
            return 0.0, "A group for a particular audience: matched on what you need, not interests"
        miss = 1.0
        found = []
        aside = _out_wishes_aside(ctx, i)  # rule 46
        main = side_mains(ctx.prepared)[i] if ctx.side_chat[i] < 1.0 else None  # rule 63
        best = [
            _like_them(ctx, t, i, _best_reading(ctx.prepared, columns, t, i, main))
            for t in ctx.interests
        ]
        for interest, (s, what) in zip(ctx.interests, counted(ctx.interests, best), strict=True):
            if interest.text in aside:  # rule 46: a wish to get out, and this comes to you
                continue
            miss *= 1.0 - GAP * s
            if s > 0:
                found.append((s, what))
        if not found:
            # in_brackets: "bingo (not online)" never puts a bracket inside a bracket.
            said = ", ".join(t.text for t in ctx.interests)
            return 0.0, "; ".join(
                [f"None of the interests matched {in_brackets(said)}", *map(out_note, aside)]
            )
        found.sort(key=lambda t: -t[0])
        detail = "; ".join([*(text for _, text in found[:3]), *map(out_note, aside)])
        value = 1.0 - miss
        if pressing(ctx.person):
            value, detail = value * PRESSING_INTEREST_SHARE, with_note(detail, _PRESSING_NOTE)
        if ctx.not_yet_online[i]:  # rule 71: a tablet to learn first
            value, detail = value * NOT_YET_SHARE, halved_note(detail)
        return value, detail

    def score(self, ctx: Context, rows: IntArray) -> FloatArray:
        if not ctx.interests:
            return np.zeros(len(rows))
        c: InterestColumns = ctx.columns(self)
        value = ctx.interest_reading.copy()
        if c.service_only:
            value[list(c.service_only)] = 0.0
        value[_outside_audience(ctx)] = 0.0
        value[ctx.online_help] = 0.0  # rule 60: help getting online, for someone online
        if pressing(ctx.person):
            value *= PRESSING_INTEREST_SHARE
        value = value[rows]
        return np.where(ctx.not_yet_online[rows], value * NOT_YET_SHARE, value)  # rule 71


_PRESSING_NOTE = "counted at half: help with money, housing or food comes first"


def _like_them_values(ctx: Context, interest: Interest, values: FloatArray) -> FloatArray:
    """Rule 58, per row: ``values`` of one interest, at least :data:`LIKE_THEM_VALUE`
    on a group made for the person when it asks for people like them, and (rule 118) on
    a group for their sex alone when it asks for that."""
    if asks_for_own_sex(interest.text, ctx.person.gender):
        values = np.maximum(values, LIKE_THEM_VALUE * ctx.own_sex)
    if not asks_for_people_like_them(interest.text):
        return values
    return np.asarray(
        np.maximum(values, LIKE_THEM_VALUE * ctx.like_them(interest.text)), dtype=float
    )


def _like_them(
    ctx: Context, interest: Interest, i: int, best: tuple[float, str]
) -> tuple[float, str]:
    """Rule 58: an interest asking for people like the person meets asset row ``i``, a
    group made for them, at :data:`LIKE_THEM_VALUE` when that is better than ``best``."""
    if best[0] >= LIKE_THEM_VALUE:
        return best
    if asks_for_people_like_them(interest.text) and ctx.like_them(interest.text)[i]:
        return LIKE_THEM_VALUE, like_them_text(_said(interest))
    gender = ctx.person.gender
    if asks_for_own_sex(interest.text, gender) and ctx.own_sex[i]:  # rule 118
        return LIKE_THEM_VALUE, own_sex_text(_said(interest), gender or "")
    return best


def _out_wishes_aside(ctx: Context, i: int) -> list[str]:
    """The person's wishes to get out that asset row ``i`` cannot meet: it comes to them
    (rule 46, :mod:`~socialrx.matching.ways`)."""
    if not from_home(ctx.usable[i : i + 1])[0]:
        return []
    return [t.text for t in ctx.interests if wants_out(t.text)]


def interest_readings(ctx: Context) -> tuple[FloatArray, FloatArray]:
    """Per row, worked out: see :attr:`Context.readings`. Several interests combine as
    ``1 − Π(1 − GAP × sᵢ)``."""
    if not ctx.interests:
        return np.zeros(ctx.prepared.n), np.zeros(ctx.prepared.n)
    c = ctx.prepared.columns("interest", InterestColumns)
    miss = np.ones(ctx.prepared.n)
    hobby = np.ones(ctx.prepared.n)
    side = ctx.side_chat  # rule 63: a wish for company, on the side of another activity
    memo = ctx.interest_memo
    values = [_like_them_values(ctx, t, _interest_values(c, t, side, memo)) for t in ctx.interests]
    shares = wish_shares(ctx.interests, values)
    for interest, s, share in zip(ctx.interests, values, shares, strict=True):
        s = s * share  # rule 52: a wish beside a hobby they named, at half where it is alone
        if not_a_hobby(interest):  # a wish for company or for help (rules 2 and 26)
            np.minimum(s, W_COMPANY, out=s)
        if asks_for_people_like_them(interest.text):  # rule 58: a group made for them
            np.maximum(s, LIKE_THEM_VALUE * share * ctx.like_them(interest.text), out=s)
        if wants_out(interest.text):  # rule 46: a wish to get out is met only by a place
            s = np.where(from_home(ctx.usable), 0.0, s)
        if not not_a_hobby(interest):
            # What WordNet says a hobby is a kind of is no hobby matched (rule 30).
            own = as_hobby(interest)
            mine = s if own is interest else _interest_values(c, own, side, memo) * share
            hobby *= 1.0 - GAP * mine
        miss *= 1.0 - GAP * s
    return 1.0 - miss, 1.0 - hobby


def _interest_values(
    c: InterestColumns,
    interest: Interest,
    side: FloatArray | None = None,
    memo: dict[Interest, FloatArray] | None = None,
) -> FloatArray:
    """Per row, one interest's value: its own words, or an everyday phrase's meaning.
    With ``side`` (rule 63, :func:`~socialrx.matching.side_chat.side_chat_shares`), a
    wish for company counts at that share on a group mainly for another activity. With
    ``memo`` (:attr:`Context.interest_memo`), each reading is worked out once a match."""
    s = _reading_values(c, interest, memo)
    company_wish = side is not None and wish_for_company(interest)
    for _, reading in interest.means:
        value = means_weight(reading) * _reading_values(c, reading, memo)
        if side is not None and not company_wish and reading.text in COMPANY:
            value *= side  # "a pint and a chat" read as a chat, on the side of darts
        np.maximum(s, value, out=s)
    if company_wish:
        s = np.minimum(s, W_COMPANY) * side
    if interest.nearest:  # rule 43: the nearest kind of thing
        np.maximum(s, nearest_values(c, interest), out=s)
    return s


def side_chat_rows(ctx: Context) -> FloatArray:
    """Per row, how much a wish for company counts (rule 63): :data:`SIDE_CHAT_SHARE` on
    a group mainly for another activity, unless one of the person's hobbies meets it —
    then the company comes with something they enjoy — else 1."""
    side = side_chat_shares(ctx.prepared)
    if not ctx.interests or bool(np.all(side == 1.0)):
        return side
    c = ctx.prepared.columns("interest", InterestColumns)
    none = np.zeros(ctx.prepared.n)  # the hobby part alone: every company reading at 0
    met = np.zeros(ctx.prepared.n, dtype=bool)
    for interest in ctx.interests:
        if not not_a_hobby(interest):
            met |= _interest_values(c, interest, none, ctx.interest_memo) > 0
    return np.where(met, 1.0, side)


def _said(interest: Interest) -> str:
    said = f"'{interest.text}'"
    if interest.corrections:
        said += f" (read as '{_read_back(interest)}')"
    return said


def _read_back(interest: Interest) -> str:
    """The words the person's slips were read as, in the order said (rule 105):
    "'tinkerin wi engines' (read as 'tinkering')", "'Crotchet and knittin' (read as
    'crochet knitting')" — only what was read as another word, never the words matched
    on, which drop or keep words nobody corrected."""
    return " ".join(dict.fromkeys(right for _, right in interest.corrections))


def _best_reading(
    p: PreparedCatalogue, c: InterestColumns, interest: Interest, i: int, main: str | None = None
) -> tuple[float, str]:
    """The best value of one interest for asset row ``i``, and what it matched, in words.

    An everyday phrase read as an activity says so: "'footy' means football: matches
    activity 'five-a-side football'". ``main``: what the group is mainly for, when a wish
    for company counts at half there (rule 63), else None.
    """
    vocab, word_score, fuzzy, what = interest_parts(p, c, interest, i)
    best = max(vocab, word_score, fuzzy)
    text = matched(_said(interest), what)
    company_wish = wish_for_company(interest)
    for phrase, reading in interest.means:
        v, w, f, sub_what = interest_parts(p, c, reading, i)
        value = means_weight(reading) * max(v, w, f)
        on_side = main is not None and not company_wish and reading.text in COMPANY
        if on_side:
            value *= SIDE_CHAT_SHARE
        # On a tie, the reading that is the asset's own activity is the plainer sentence.
        if value > best or (value == best > 0 and sub_what == f"activity '{reading.text}'"):
            best = value
            # Only the person's own words are quoted (words15): meant() finds them.
            several = _several_things(interest, phrase)
            text = meant(
                _said(interest),
                interest.text,
                phrase,
                reading.text,
                sub_what,
                one_of_several=several,
            )
            if on_side and main is not None:  # on_side says main is given
                text = with_note(text, side_chat_note(main))
    if interest.nearest:  # rule 43: the kind they share, never the hobby
        near, near_text = nearest_part(p, c, interest, i, _said(interest))
        if near > best:
            best, text = near, near_text
    if not_a_hobby(interest):  # a wish for company or help is no hobby, however it matched
        if company_wish and main is not None and best > 0:  # rule 63: chat on the side
            return min(best, W_COMPANY) * SIDE_CHAT_SHARE, with_note(text, side_chat_note(main))
        return min(best, W_COMPANY), text
    return best, with_side_note(p, i, best, text)  # rule 49: one of several things it does


def _several_things(interest: Interest, phrase: str) -> bool:
    """Whether an everyday phrase means several different things, so that it "can mean"
    each (words15): "getting out" can mean a coffee morning, a lunch club or tea and
    chat; "footy" means football, five-a-side or not (its meanings share a word)."""
    readings = [words(r.text) for ph, r in interest.means if ph == phrase]
    return len(readings) > 1 and not frozenset.intersection(*readings)


def _reading_values(
    c: InterestColumns, interest: Interest, memo: dict[Interest, FloatArray] | None = None
) -> FloatArray:
    """Per row, how well one reading of an interest meets the asset (a fresh array the
    caller may change; from ``memo`` when this match has worked it out already)."""
    if memo is not None and interest in memo:
        return memo[interest].copy()
    s = np.zeros(len(c.concepts))
    _concept_values(c, interest, s)
    _word_values(c, interest, s)
    _fuzzy_values(c, interest, s)
    if memo is not None:
        memo[interest] = s.copy()
    return s


def _concept_values(c: InterestColumns, interest: Interest, s: FloatArray) -> None:
    # The activity named last, so it wins over a kind of it (rule 27).
    for concepts, value in (
        *lesser_readings(interest),  # rule 30: WordNet's kinds, and stand-ins
        *((cs, v) for cs, v, _ in relations(interest)),  # rules 27 and 49
        (interest.named or interest.concepts, 1.0),
    ):
        for concept in concepts:
            post = c.post_concept.get(concept)
            if post is not None:
                s[post] = value


def _word_values(c: InterestColumns, interest: Interest, s: FloatArray) -> None:
    iw = interest.words
    if not iw:
        return
    named = bool(interest.concepts)  # the vocabulary decides for named activities
    decides = interest.vocabulary_decides  # and for their names (rule 34: and heads)
    for post_map, weight, text, where in (
        (c.post_free if named else c.post_activity, W_ACTIVITY, False, "activities"),
        (c.post_name, W_NAME, decides, "name"),
        (c.post_summary, W_SUMMARY, decides, "summary"),
    ):
        found = _found_by_word(c, interest, post_map, where)
        if all(rows is None for _, rows in found):
            continue
        untelling = untelling_stems(hobby=interest.need is None)
        count = _shared_counts(iw, found, len(s), untelling, whole_counts(interest))
        if interest.phrase:  # a phrase's words count only all together
            count[count < len(iw)] = 0.0
        if len(iw) > 1:  # rule 34: several words count only through what they are about
            hit = np.flatnonzero(count).astype(np.int32)
            keep = about_rows(c, interest, where, hit)
            if keep is not None:
                count[hit[~keep]] = 0.0
        if text:
            count[c.described] = 0.0
        np.maximum(s, weight * count / len(iw), out=s)
    post = c.post_phrase.get(iw)
    if post is not None:
        s[post] = W_EXACT


def _found_by_word(
    c: InterestColumns, interest: Interest, post_map: Postings, where: str
) -> list[tuple[str, Int32Array | None]]:
    """Each word of an interest with the rows whose text (``where``) holds it."""
    iw = sorted(interest.words)
    if where == "summary":
        # rule 41: "books" never meets "Book an appointment"
        return [(w, summary_rows(c, interest, w)) for w in iw]
    return [(w, post_map.get(w)) for w in iw]


def _shared_counts(
    said: frozenset[str],
    found: list[tuple[str, Int32Array | None]],
    n: int,
    untelling: frozenset[str],
    whole: bool = True,
) -> FloatArray:
    """Per row: how many of the interest's words its text holds — none when all it
    shares are ``untelling`` words and the interest is not all there (rule 55: "deaf
    club" is no book club; rule 59: "caribbean food" is no food bank;
    rule 74: "learning guitar" is no "learning English";
    :func:`~socialrx.matching.shared_words.only_untelling`), unless the interest is all
    there and ``whole`` counts (:func:`~socialrx.matching.interests.whole_counts`)."""
    count, telling = np.zeros(n), np.zeros(n)
    for word, rows in found:
        if rows is None:
            continue
        count[rows] += 1.0
        if word not in untelling:
            telling[rows] += 1.0
    alone = (count < len(said)) if whole else np.ones(n, dtype=bool)
    count[(telling == 0) & alone] = 0.0
    return count


def _fuzzy_values(c: InterestColumns, interest: Interest, s: FloatArray) -> None:
    query = utils.default_process(interest.read_as)
    if not query or not c.phrase_texts:
        return
    ratios = process.cdist(
        [query], c.phrase_texts, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, dtype=np.float64
    )[0]
    for j in np.flatnonzero(ratios):
        if not spelt_differently(interest, c.phrase_texts[j], c):
            continue  # two different words everyone knows ("walking", "talking")
        post = c.post_phrase_text[c.phrase_texts[j]]
        s[post] = np.maximum(s[post], W_FUZZY * float(ratios[j]) / 100.0)


_HOW = {
    "phone": "by phone",
    "online": "online",
    "home-visit": "at home (home visits)",
    "in-person": "in person",
    "outdoor": "outdoors",
}
_NO_TRAVEL = {"phone": "by phone", "online": "online", "home-visit": "at home"}


def _read_place(ctx: Context, rows: IntArray) -> BoolArray:
    """Per row of ``rows``: an entry that does not record how people take part, read as a
    place to go in the person's reach (rule 40); never for someone who does not go to
    places, for whom such a venue counts on ``proximity`` as unknown."""
    if ctx.read_place is None or not goes_to_places(ctx.person):
        return np.zeros(len(rows), dtype=bool)
    return np.asarray(ctx.read_place[rows], dtype=bool)


def _place_value(distance: float, limit: float) -> float:
    return 1.0 - 0.8 * min(distance, limit) / limit


_GROUP_BITS = sum(NEED_BITS[n] for n in HOBBY_NEEDS)
_SIDE_BITS = sum(NEED_BITS[n] for n in SIDE_BENEFITS)


def _second_best(ctx: Context, rows: IntArray) -> BoolArray:
    """Per row: comes to someone who gets out (:attr:`Context.gets_out`) and gives them
    only what any group gives (rule 25, :mod:`~socialrx.matching.remote`; by phone too
    for someone under 60 who gets about, rule 78)."""
    if not ctx.gets_out:
        return np.zeros(len(rows), dtype=bool)
    p = ctx.prepared
    wanted = sum(NEED_BITS[n] for n in set(ctx.person.needs))
    met = (p.needs[rows] | p.read_needs[rows]) & wanted
    return second_best(ctx.usable[rows], met, _GROUP_BITS, comes_to_them(ctx.person))


class ProximityFactor(PracticalFactor):
    """Nearer is better: 1.0 on the doorstep, falling to 0.2 at the travel limit.

    Phone, online and home-visit ways in need no travel and get the neutral 0.5 (an
    asset with both gets the better of the two). For someone who can get out, a visit
    at home or an online group offering only what any group does counts as a venue at
    the edge of their travel limit, 0.2 (rule 25, :mod:`~socialrx.matching.remote`), and
    so does a call for someone under 60 who gets about and takes part in groups (rule 78).
    The detail says when a distance is approximate because a postcode resolved only to
    its sector or district.
    """

    name = "proximity"
    label = "Distance"

    def practical_explain(self, ctx: Context, i: int) -> tuple[float, str]:
        usable = int(ctx.usable[i])
        d = float(ctx.distance[i])
        remote = mode_names(usable & REMOTE_BITS)
        if usable & PLACE_BITS and not math.isnan(d):
            return self._at_place(ctx, i, d, remote)
        if _read_place(ctx, np.array([i]))[0]:  # rule 40: a place to go
            value, detail = self._at_place(ctx, i, d, remote)
            return value, read_place_detail(detail)
        if _second_best(ctx, np.array([i]))[0]:  # rule 25
            return EDGE_OF_REACH, (
                f"Comes to you {how_it_comes(usable)}, and you can get out: counted as at"
                f" the edge of your {ctx.person.max_travel_km:g} km limit, as a group you"
                " can go to comes first"
            )
        if remote:
            return NEUTRAL, f"No travel needed: takes part {_NO_TRAVEL[remote[0]]} (neutral value)"
        if not usable and not math.isnan(d):  # rule 40: not recorded, venue not read
            if d > ctx.person.max_travel_km:  # rule 96: too far if it meets there
                return 0.0, beyond_place_detail(km(d), ctx.person.max_travel_km)
            return NEUTRAL, unread_place_detail(km(d))
        return NEUTRAL, "Distance not known (neutral value)"

    def _at_place(self, ctx: Context, i: int, d: float, remote: list[str]) -> tuple[float, str]:
        limit = ctx.person.max_travel_km
        value = _place_value(d, limit)
        said = km(d)
        detail = f"{said[0].upper()}{said[1:]} away (limit {limit:g} km)"  # "Under 0.1 km …"
        approx = self._approximate(ctx, i)
        if approx:
            detail += f"; distance approximate ({approx})"
        if remote and value < NEUTRAL:
            value = NEUTRAL
            detail += f"; you can also take part {_NO_TRAVEL[remote[0]]}, no travel needed"
        return value, detail

    @staticmethod
    def _approximate(ctx: Context, i: int) -> str:
        notes = []
        if ctx.place is not None and ctx.place.approximate:
            notes.append(f"your {ctx.place.precision_text()}")
        places = [pl for pl in ctx.prepared.places[i] if pl.approximate]
        if places:
            notes.append(f"venue {places[0].precision_text()}")
        return ", ".join(notes)

    def practical_score(self, ctx: Context, rows: IntArray) -> FloatArray:
        usable = ctx.usable[rows]
        d = ctx.distance[rows]
        limit = ctx.person.max_travel_km
        place = ((usable & PLACE_BITS) != 0) & ~np.isnan(d)
        if ctx.read_place is not None:  # rule 40: not recorded, but a place to go
            place |= _read_place(ctx, rows)
        dd = np.where(place, np.minimum(np.nan_to_num(d), limit), 0.0)
        value = np.where(place, 1.0 - 0.8 * dd / limit, NEUTRAL)
        remote = (usable & REMOTE_BITS) != 0
        value = np.where(remote & place, np.maximum(value, NEUTRAL), value)
        beyond = (usable == 0) & (np.nan_to_num(d) > limit)  # rule 96: not recorded, too far
        value = np.where(beyond, 0.0, value)
        return np.where(_second_best(ctx, rows), EDGE_OF_REACH, value)  # rule 25


class DeliveryFactor(PracticalFactor):
    """How well the ways in suit the person: their order of preference, and digital
    confidence (online-only is harder for someone with ``digital: limited``, and
    harder still when it depends on a device loan)."""

    name = "delivery"
    label = "How it is delivered"

    def practical_explain(self, ctx: Context, i: int) -> tuple[float, str]:
        usable = mode_names(int(ctx.usable[i]))
        if not usable:  # an imported entry that does not record how people take part
            return NEUTRAL, "How people take part is not recorded"
        prefs = ctx.person.delivery
        if prefs:
            order: dict[str, int] = {str(m): k for k, m in enumerate(prefs)}
            best = min(usable, key=lambda m: (order.get(m, len(prefs)), m))
            value = max(0.0, 1.0 - 0.15 * order.get(best, len(prefs)))
            detail = f"Can take part {_HOW[best]}"
            if order.get(best) == 0:  # "at home (home visits; your first choice)"
                detail = with_note(detail, "your first choice")
        else:
            value, detail = 1.0, "Can take part " + _join([_HOW[m] for m in usable])
        if usable == ["online"]:
            if bool(ctx.bridged[i]):
                value *= 0.3
                detail += "; online only, with help getting online first"
            elif ctx.person.digital == "limited":
                value *= 0.6
                detail += "; online only and you are not confident online"
        return value, detail

    def practical_score(self, ctx: Context, rows: IntArray) -> FloatArray:
        usable = ctx.usable[rows]
        prefs = ctx.person.delivery
        if prefs:
            value = np.full(len(rows), max(0.0, 1.0 - 0.15 * len(prefs)))
            for k in range(len(prefs) - 1, -1, -1):
                has = (usable & MODE_BITS[prefs[k]]) != 0
                value = np.where(has, max(0.0, 1.0 - 0.15 * k), value)
        else:
            value = np.ones(len(rows))
        value = np.where(usable == 0, NEUTRAL, value)  # not recorded: unknown, not good
        online_only = usable == MODE_BITS["online"]
        bridged = ctx.bridged[rows]
        value = np.where(online_only & bridged, value * 0.3, value)
        if ctx.person.digital == "limited":
            value = np.where(online_only & ~bridged, value * 0.6, value)
        return value


class GroupFactor(PracticalFactor):
    """Group size against the largest group the person is comfortable in.

    One-to-one support and groups (or pods) no bigger than ``max_group_size`` score
    1.0; bigger groups less the bigger they are; unknown sizes are neutral.
    """

    name = "group"
    label = "Group size"

    def prepare(self, catalogue: PreparedCatalogue) -> GroupColumns:
        return read_groups(catalogue)

    def practical_explain(self, ctx: Context, i: int) -> tuple[float, str]:
        want = ctx.person.max_group_size
        c: GroupColumns = ctx.columns(self)
        kind, size = int(c.kind[i]), int(c.size[i])
        if want is None:
            return NEUTRAL, "No preference about group size (neutral value)"
        if kind == 2:
            return 1.0, "One-to-one"
        if size == 0:
            return NEUTRAL, "Group size not given (neutral value)"
        if size <= want:
            return 1.0, f"Groups of up to {size}; you prefer at most {want}"
        return max(0.0, 1.0 - (size - want) / (2.0 * want)), (
            f"Groups of up to {size}; you prefer at most {want}"
        )

    def practical_score(self, ctx: Context, rows: IntArray) -> FloatArray:
        want = ctx.person.max_group_size
        if want is None:
            return np.full(len(rows), NEUTRAL)
        c: GroupColumns = ctx.columns(self)
        kind, size = c.kind[rows], c.size[rows]
        big = np.maximum(0.0, 1.0 - (size - want) / (2.0 * want))
        value = np.where(size == 0, NEUTRAL, np.where(size <= want, 1.0, big))
        return np.where(kind == 2, 1.0, value)


class ScheduleFactor(PracticalFactor):
    """Overlap between the asset's sessions and when the person is free.

    The best session counts (one session that fits is enough). Assets without set
    times (phone lines, "ring to book") and people free any time get the neutral value.
    """

    name = "schedule"
    label = "When"

    def prepare(self, catalogue: PreparedCatalogue) -> ScheduleColumns:
        return ScheduleColumns(catalogue)

    def _one(
        self, ctx: Context, sched: Schedule, one_to_one: bool, fitted: str = ""
    ) -> tuple[float, str]:
        free = ctx.availability
        if not sched.slots:
            if one_to_one and free is not None:  # rule 14: arranged with the person
                return 1.0, "One-to-one, at a time arranged with you"
            return NEUTRAL, (
                f"Times: {sched.text.rstrip('.')}. No set times to compare (neutral value)"
                if sched.text
                else "Times not given (neutral value)"
            )
        if free is None:
            return NEUTRAL, f"{sched.text.rstrip('.')}. No availability given (neutral value)"
        share = overlap(sched.slots, free, APPOINTMENT if one_to_one else LONG_SESSION)
        if share >= 1.0:
            if one_to_one:
                return 1.0, f"One-to-one, within its hours when you are free: {sched.text}"
            return 1.0, f"Meets when you are free: {sched.text}"
        if share > 0:
            return share, f"Partly when you are free: {sched.text}"
        if fitted:  # rule 18: a call in a lunch break, or an hour off work
            return FITTED_IN_SHARE, (
                f"Not when you are free {in_brackets(sched.text)}, but one-to-one help with "
                f"{fitted} "
                "can be fitted in: a call in a break or an hour off (counted at half)"
            )
        return 0.0, f"Not when you are free: {sched.text}"

    def practical_explain(self, ctx: Context, i: int) -> tuple[float, str]:
        c: ScheduleColumns = ctx.columns(self)
        sched = c.schedules[int(c.schedule_of[i])]
        fitted = pressing_help(ctx, i) if ctx.fitted_in[i] else ""
        return self._one(ctx, sched, bool(_one_to_one(ctx)[i]), fitted)

    def practical_score(self, ctx: Context, rows: IntArray) -> FloatArray:
        c: ScheduleColumns = ctx.columns(self)
        free = ctx.availability
        if free is None:
            return np.full(len(rows), NEUTRAL)
        one = _one_to_one(ctx)[rows]
        of = c.schedule_of[rows]
        if not len(c.slot_start):
            return np.where(one, 1.0, NEUTRAL)
        value = np.where(one, c.shares(free, APPOINTMENT)[of], c.shares(free)[of])
        # One-to-one support with no set times is arranged with the person (rule 14).
        value = np.where(one & ~c.timed[of], 1.0, value)
        # One-to-one help with money, housing or food fits in a break (rule 18).
        return np.where(ctx.fitted_in[rows], FITTED_IN_SHARE, value)


def pressing_help(ctx: Context, i: int) -> str:
    """The person's pressing needs asset row ``i`` helps with, in words ("money and
    housing"), for rule 18's sentences."""
    offered = ctx.prepared.assets[i].needs
    return _join([_need_label(n) for n in ctx.person.needs if n in PRESSING_NEEDS and n in offered])


def _company_columns(p: PreparedCatalogue) -> CompanyColumns:
    """Rules 28 and 28b's columns (:func:`~socialrx.matching.company.company_columns`)."""
    return company_columns(p, one_to_one(p))


def _one_to_one(ctx: Context) -> BoolArray:
    """Per row: one-to-one support (calls, visits, advice), arranged within its hours."""
    return one_to_one(ctx.prepared)


class CostFactor(PracticalFactor):
    """Free is best; a price per session lowers the value gently (£3 → 0.5)."""

    name = "cost"
    label = "Cost"

    def practical_explain(self, ctx: Context, i: int) -> tuple[float, str]:
        cost = ctx.prepared.assets[i].cost
        if cost is None:
            return NEUTRAL, "Cost not given (neutral value); ask before going"
        per = float(ctx.prepared.cost[i])  # the price per session `score` reads
        if per == 0:
            return 1.0, "Free"
        value = 1.0 / (1.0 + per / 3.0)
        extra = "; cheaper for some people" if cost.concessions else ""
        return value, f"{price_text(cost)}{extra}"

    def practical_score(self, ctx: Context, rows: IntArray) -> FloatArray:
        c = ctx.prepared.cost[rows]
        return np.where(np.isnan(c), NEUTRAL, 1.0 / (1.0 + np.nan_to_num(c) / 3.0))


def freshness_value(months: int) -> float:
    """1.0 up to 6 months, down to 0.7 at 12, 0.5 up to 24 months, then 0.1."""
    if months <= 6:
        return 1.0
    if months <= 12:
        return 1.0 - 0.3 * (months - 6) / 6.0
    if months <= 24:
        return 0.5
    return 0.1


@dataclass(frozen=True)
class _Verified:
    year: IntArray
    month: IntArray
    day: IntArray


class FreshnessFactor(PracticalFactor):
    """How recently someone checked the entry (``last_verified``).

    Older than 12 months brings a caution; older than 24 a strong penalty, because
    community groups close and move and nobody wants to send someone to a locked hall.
    """

    name = "freshness"
    label = "Last checked"

    def prepare(self, catalogue: PreparedCatalogue) -> _Verified:
        dates, of = catalogue.fields().kinds("last_verified")  # each distinct date once
        return _Verified(
            np.array([d.year for d in dates], dtype=np.int64)[of],
            np.array([d.month for d in dates], dtype=np.int64)[of],
            np.array([d.day for d in dates], dtype=np.int64)[of],
        )

    def practical_explain(self, ctx: Context, i: int) -> tuple[float, str]:
        checked = ctx.prepared.assets[i].last_verified
        months = months_between(checked, ctx.today)
        return freshness_value(months), f"Last checked {ago_text(months)} ({checked.isoformat()})"

    def practical_score(self, ctx: Context, rows: IntArray) -> FloatArray:
        v: _Verified = ctx.columns(self)
        today = ctx.today
        # months_between(), for every row at once (same integer arithmetic)
        months = (today.year - v.year[rows]) * 12 + today.month - v.month[rows]
        months = np.maximum(0, months - (today.day < v.day[rows]))
        recent = 1.0 - 0.3 * (months - 6) / 6.0
        return np.where(
            months <= 6, 1.0, np.where(months <= 12, recent, np.where(months <= 24, 0.5, 0.1))
        )


class AccessFactor(PracticalFactor):
    """Whether people can simply turn up or refer themselves (no gatekeeper needed)."""

    name = "access"
    label = "How to get in"

    def practical_explain(self, ctx: Context, i: int) -> tuple[float, str]:
        access = set(ctx.prepared.assets[i].access)
        if "drop-in" in access:
            return 1.0, "Drop in: just turn up"
        if "self-referral" in access:
            return 1.0, "You can refer yourself"
        if access & {"appointment", "membership"}:
            return 0.6, "By " + _join(sorted(access & {"appointment", "membership"}))
        if "professional-referral" in access:
            return 0.4, "Needs a referral from a professional (a link worker can make it)"
        return NEUTRAL, "How to get in not given (neutral value)"

    def practical_score(self, ctx: Context, rows: IntArray) -> FloatArray:
        a = ctx.prepared.access[rows]
        open_ = (a & (ACCESS_BITS["drop-in"] | ACCESS_BITS["self-referral"])) != 0
        booked = (a & (ACCESS_BITS["appointment"] | ACCESS_BITS["membership"])) != 0
        referral = (a & ACCESS_BITS["professional-referral"]) != 0
        return np.where(open_, 1.0, np.where(booked, 0.6, np.where(referral, 0.4, NEUTRAL)))


def _never_free(ctx: Context) -> BoolArray:
    """Per row: the person said when they are free, none of the asset's set sessions is
    then (assets without set times are never counted here), and it is not help with a
    pressing need that can be fitted in (rule 18). Kept on the context: it is asked per
    row."""
    return ctx.never_free


def outside_hours(ctx: Context) -> tuple[BoolArray, BoolArray]:
    """Per row, worked out: see :attr:`Context.outside_hours`."""
    c = ctx.prepared.columns("schedule", ScheduleColumns)
    free = ctx.availability
    if free is None or not c.timed.any():
        nothing = np.zeros(ctx.prepared.n, dtype=bool)
        return nothing, nothing
    never = np.asarray((c.timed & (c.shares(free) <= 0.0))[c.schedule_of], dtype=bool)
    wanted = sum(NEED_BITS[n] for n in PRESSING_NEEDS.intersection(ctx.person.needs))
    if not wanted or not never.any():
        return never, np.zeros(ctx.prepared.n, dtype=bool)
    # Rule 17: one-to-one help with money, housing or food (an advice line, an
    # appointment) fits in a lunch break or an hour off; a group session does not.
    pressing_help = (ctx.prepared.needs & wanted) != 0
    return never, np.asarray(never & pressing_help & _one_to_one(ctx), dtype=bool)


def _homeless_at_home(ctx: Context, rows: IntArray) -> BoolArray:
    """Per row: a service that comes to people's homes and has no venue, for someone with
    no fixed address (rule 33, :mod:`~socialrx.matching.no_postcode`)."""
    if not no_fixed_address(ctx.person):
        return np.zeros(len(rows), dtype=bool)
    return only_comes_home(ctx.prepared.modes[rows])


_AS_THINGS_STAND = "You can take part as things stand"

HINT_AT_MOST = GAP * max(W_STAND_IN, W_KIND) + 1e-9
"""The most a hobby reading comes to from one stand-in or hint alone (rule 30): no more
than that, no hobby the person named is met (rule 67)."""


def _unchosen(ctx: Context) -> BoolArray:
    """Per row: an activity asking a lot of the body that none of the hobbies of someone
    of 60 to 74 meets (rule 67, :func:`~socialrx.matching.body.unchosen`)."""
    if ctx.person.age is None or ctx.person.age < CHOSEN_FROM:  # nothing to read for most
        return np.zeros(ctx.prepared.n, dtype=bool)
    return unchosen(ctx.prepared, ctx.person, ctx.no_hobby_chosen)


def _unchosen_detail(ctx: Context, i: int) -> str | None:
    """The ``reach`` note of asset row ``i`` under rule 67, or None."""
    if ctx.person.age is None or ctx.person.age < CHOSEN_FROM:
        return None
    return unchosen_detail(ctx.prepared, ctx.person, bool(ctx.no_hobby_chosen[i]), i)


class ReachFactor(Factor):
    """Whether the person can take part as things stand (FORMATS §3, "Unknown is not no").

    1.0 when every check that matters could be made; lower when one could not (no
    postcode: how far the venue is, or whether they live in the service area, is not
    known); 0 when the only way in is online and they need help getting online first —
    a real cost (learning to use a tablet) — or when they said when they are free and
    none of its sessions is then, so such an asset ranks below comparable ones they can
    join today. One-to-one help with money, housing or food they need is the exception
    (rule 18): a call in a break or an hour off reaches it. For someone with no postcode,
    what is unknown only about where they are counts three quarters (unknown, not far),
    and a service that only comes to people's homes 0 when they have no fixed address
    (rule 33, :mod:`~socialrx.matching.no_postcode`).
    """

    name = "reach"
    label = "Can take part now"
    UNKNOWN = 0.4
    """The value when a check could not be made."""
    FITTED = 1.0
    """One-to-one help with a pressing need outside the person's free time (rule 18)."""

    def explain(self, ctx: Context, i: int) -> tuple[float, str]:
        value, detail = self._explain(ctx, i)
        for share, note in (
            (TOO_HARD_SHARE, too_hard_detail(ctx.prepared, ctx.person, i)),  # rule 44
            (TOO_HARD_SHARE, _unchosen_detail(ctx, i)),  # rule 67
            (GROUP_SHARE, too_big_detail(ctx.prepared.assets[i].group, ctx.person)),  # 46
        ):
            if note is None or not value:
                continue
            value *= share
            detail = (
                note if detail == _AS_THINGS_STAND else f"{detail}; {note[0].lower()}{note[1:]}"
            )
        return value, detail

    def _explain(self, ctx: Context, i: int) -> tuple[float, str]:
        if bool(ctx.bridged[i]) and int(ctx.usable[i]) == MODE_BITS["online"]:
            return 0.0, (
                "Online only, and you would need help getting online first "
                "(such as learning to use a tablet)"
            )
        if _never_free(ctx)[i]:
            return 0.0, "None of its sessions is when you are free"
        if _homeless_at_home(ctx, np.array([i]))[0]:  # rule 33
            return HOME_WITHOUT_HOME, "Visits people at home, and you have no fixed address"
        if ctx.fitted_in[i] and not int(ctx.unknown[i]):  # rule 18
            return self.FITTED, "Outside your free time: a call in a break or an hour off"
        if int(ctx.unknown[i]):
            return self._unknown(ctx, i)
        return 1.0, _AS_THINGS_STAND

    def _unknown(self, ctx: Context, i: int) -> tuple[float, str]:
        """The value and detail of asset row ``i``, some of whose checks could not be made."""
        asset = ctx.prepared.assets[i]
        at_venue = bool(int(ctx.usable[i]) & PLACE_BITS and asset.locations)
        if ctx.unknown_place is not None and ctx.unknown_place[i]:  # rule 33
            return UNKNOWN_PLACE, unknown_place_detail(at_venue)
        if not asset.delivery:  # rule 40: how people take part is what is unknown
            read = ctx.read_place is not None and bool(ctx.read_place[i])
            goes = goes_to_places(ctx.person)
            value = (READ_PLACE if goes else AWAY) if read else self.UNKNOWN
            return value, not_recorded_detail(read, goes)
        if at_venue:
            return self.UNKNOWN, "We don't know how far this is (no postcode given)"
        return self.UNKNOWN, "We don't know if you live where it serves (no postcode given)"

    def score(self, ctx: Context, rows: IntArray) -> FloatArray:
        not_now = ctx.bridged[rows] & (ctx.usable[rows] == MODE_BITS["online"])
        not_now |= _never_free(ctx)[rows]
        unknown = ctx.unknown[rows] != 0
        fitted = np.where(ctx.fitted_in[rows], self.FITTED, 1.0)  # rule 18
        value = np.where(unknown, self.UNKNOWN, fitted)
        if ctx.unknown_place is not None:  # rule 33: unknown, not far
            value = np.where(ctx.unknown_place[rows], UNKNOWN_PLACE, value)
        if ctx.read_place is not None:  # rule 40: not recorded, but a place to go
            read = READ_PLACE if goes_to_places(ctx.person) else AWAY
            value = np.where(ctx.read_place[rows], read, value)
        value = np.where(_homeless_at_home(ctx, rows), HOME_WITHOUT_HOME, value)  # rule 33
        value = np.where(too_hard(ctx.prepared, ctx.person, rows), value * TOO_HARD_SHARE, value)
        value = np.where(_unchosen(ctx)[rows], value * TOO_HARD_SHARE, value)  # rule 67
        if ctx.person.max_group_size is not None:  # rule 46: a group far too big for them
            g = group_columns(ctx.prepared)
            big = too_big(g.kind[rows], g.size[rows], ctx.person.max_group_size)
            value = np.where(big, value * GROUP_SHARE, value)
        return np.where(not_now, 0.0, value)


@dataclass(frozen=True)
class _Audiences:
    audience: Kinds[
        frozenset[str]
    ]  # each row's audience (a frozenset), kept once per distinct audience
    rows: IntArray  # rows with an audience
    by_audience: tuple[tuple[frozenset[str], IntArray], ...]  # each distinct audience's rows
    setting: dict[str, IntArray]  # word marking an unsuited setting → rows whose words have it


_UNSUITED_WORDS = frozenset().union(*(c.unsuited_words for c in CIRCUMSTANCES.values()))


def _audiences(catalogue: PreparedCatalogue) -> _Audiences:
    f = catalogue.fields()  # read from the packed records: no asset is built
    # audience_of(), once per distinct list of `for` texts.
    said, said_of = distinct(tuple(x or ()) for x in f.part("eligibility", "for_"))
    audiences, audience_of_said = distinct(audience_for(texts) for texts in said)
    of = audience_of_said[said_of] if len(said_of) else said_of
    named = np.array([bool(a) for a in audiences], dtype=bool)[of]
    rows = np.flatnonzero(named).astype(np.int64)
    by_audience = tuple(
        (audiences[k], found)
        for k, found in _rows_by_kind(of[rows], rows, len(audiences))
        if audiences[k]
    )
    return _Audiences(Kinds(audiences, of), rows, by_audience, _settings(f))


def _rows_by_kind(kind: IntArray, rows: IntArray, kinds: int) -> list[tuple[int, IntArray]]:
    """``rows`` (sorted) split by their kind, kinds in the order they first occur."""
    order = np.argsort(kind, kind="stable")
    split = np.split(rows[order], np.cumsum(np.bincount(kind, minlength=kinds))[:-1])
    return sorted(
        ((k, found) for k, found in enumerate(split) if len(found)), key=lambda t: int(t[1][0])
    )


def _settings(f: Fields) -> dict[str, IntArray]:
    """setting_words() of every row that has a word marking an unsuited setting."""
    unsuited = per_text(lambda text: words(text) & _UNSUITED_WORDS)
    at = packed_index(Location, "name")

    def of_texts(texts: Iterable[str]) -> frozenset[str]:
        return frozenset().union(*map(unsuited, texts))

    readers: dict[str, Callable[[Any], frozenset[str]]] = {
        "name": unsuited,
        "summary": unsuited,
        "activities": of_texts,
    }
    # Per field: each distinct value's words read once, and each row's value.
    parts = []
    for name, read in readers.items():
        values, of = f.kinds(name)
        parts.append(([read(v) for v in values], of))
    venues, venue_of = distinct(
        tuple(p[at] for p in v if p[at]) if v else () for v in f("locations")
    )
    parts.append(([of_texts(names) for names in venues], venue_of.astype(np.int32)))
    has = np.zeros(len(f), dtype=bool)
    for hits, of in parts:
        has |= np.array([bool(h) for h in hits], dtype=bool)[of]
    # Only the few rows with any such word are looked at one by one.
    found = {
        i: frozenset().union(*(hits[of[i]] for hits, of in parts))
        for i in np.flatnonzero(has).tolist()
    }
    return postings((i, w) for i, hit in found.items() for w in sorted(hit))


def _outside_audience(ctx: Context) -> BoolArray:
    """Per row: a group for an audience that nothing known about the person puts them
    in (their circumstances, needs or age). Kept on the context: it is asked per row."""
    return ctx.outside_audience


def outside_audience(ctx: Context) -> BoolArray:
    """Per row, worked out: see :func:`_outside_audience`."""
    return audience_standing(ctx)[1]


def audience_standing(ctx: Context) -> tuple[FloatArray, BoolArray]:
    """Per row: the audience value (1 open or the person's audience; half when not
    known, or a carers-and-others group for a carer not known to care for one of the
    others; 0 for another audience or a setting that does not suit them), and whether
    interests do not count (another audience, or an unsuited setting)."""
    c: _Audiences = ctx.prepared.columns("audience", _audiences)
    value = np.ones(ctx.prepared.n)
    out = np.zeros(ctx.prepared.n, dtype=bool)
    share = _audience_share(ctx)
    mine, other, not_ = language_rows(ctx.prepared, ctx.person)
    for audience, rows in c.by_audience:
        fit = audience_fit(audience, ctx.person)
        if fit == "out":
            value[rows] = share
            out[rows] = True
        elif fit == "partly" and not help_counts_in_full(audience, ctx.person):
            # Half its help (rules 3, 12, 17, 23): a situation ("people too ill to walk
            # their dog"), or a kind of people the person's words do not come near —
            # unless it is run in their language (rule 42: "Roma families").
            value[rows[~(mine[rows] & only_kinds(audience))]] = NEUTRAL
    value[ctx.sense_unsaid & ~mine] = 0.0  # rule 95: none of its help, though not known
    need_out = need_rows(ctx.prepared, ctx.person)  # rule 83: known not to be its people
    value[need_out], out[need_out] = share, True
    # Rule 50: a language they use puts them in it; a carer is one of those a group for
    # carers and the people they care for is for, so its help counts in full.
    shown, carers = ctx.shown_in
    shown = shown | carers | ctx.said_in[1]  # rule 54: an accessibility need counts them in
    value[shown], out[shown] = 1.0, False
    # A group run mainly in a language the person does not speak: half its help when its
    # `for` says it is for anyone (rule 22), else none (rule 42).
    value[other] = np.minimum(value[other], NEUTRAL)
    value[not_] = 0.0
    out |= not_ | ctx.first_need_only  # rule 75: its first need alone counts, not hobbies
    if ctx.several is not None:  # rule 48: another condition's group comes first
        value[ctx.several] = np.minimum(value[ctx.several], NEUTRAL)
    said, said_out = stated_rows(ctx.prepared, ctx.person)  # rule 48: its words say who
    value[said] = np.minimum(value[said], NEUTRAL)
    value[said_out], out[said_out] = 0.0, True
    other_condition = condition_rows(ctx.prepared, ctx.person)  # rule 70: its words name it
    value[other_condition] = np.minimum(value[other_condition], NEUTRAL)
    out[other_condition] = True  # rule 111: its company is for people with it, not hobbies
    dogs = ctx.dog_unsaid  # rule 60: whether they have a dog is not known
    value[dogs] = np.minimum(value[dogs], NEUTRAL)
    for unsuited in unsuited_for(ctx.person).values():
        for w in unsuited:
            hit = c.setting.get(w)
            if hit is not None:
                value[hit] = 0.0
                out[hit] = True
    return value, out


def _unsuited_reason(ctx: Context, i: int) -> str | None:
    """Why asset row ``i``'s setting does not suit the person, or None when it does."""
    found = setting_words(ctx.prepared.assets[i])
    for cid, unsuited in unsuited_for(ctx.person).items():
        if found & unsuited:
            return CIRCUMSTANCES[cid].unsuited_reason
    return None


def _audience_discount(ctx: Context, i: int, value: float, detail: str) -> tuple[float, str]:
    """A need value and detail for asset row ``i`` when the audience value is below 1."""
    share = float(ctx.standing[0][i])
    reason = _unsuited_reason(ctx, i)
    if reason:
        return 0.0, f"{detail}; not counted: {reason[0].lower()}{reason[1:]}"
    asset = ctx.prepared.assets[i]
    if not share and language_standing(asset, ctx.person) == "not":  # rule 42
        return 0.0, f"{detail}; not counted: it is {not_spoken_text(asset.languages)}"
    need = need_audience(asset)  # rule 83
    if not share and need is not None:
        return 0.0, f"{detail}; not counted: {need_not_counted(need)}"
    c: _Audiences = ctx.prepared.columns("audience", _audiences)
    audience = c.audience[i]
    if not share and ctx.sense_unsaid[i]:  # rule 95
        return 0.0, f"{detail}; not counted: {sense_not_counted(sense_of(audience) or '')}"
    if not share:
        return 0.0, f"{detail}; not counted: it is for a particular audience, not you"
    if ctx.dog_unsaid[i]:  # rule 60
        why = DOG_NOTE
    elif need is not None and need_fit(need, ctx.person) == "out":  # rule 93
        why = need_not_counted(need)
    elif ctx.several is not None and ctx.several[i]:  # rule 48
        why = "it is for one condition, and you have not said which you live with"
    elif audience and audience_fit(audience, ctx.person) != "in":
        why = "it is for a particular audience, not known to include you"
    elif stated_fit(stated_of(asset), ctx.person) == "partly":  # rule 48
        why = "its words say it is for a particular group, not known to include you"
    elif condition_fit(asset_condition(asset), ctx.person) == "partly":  # rule 70
        why = "its words say it is for people with a condition you have not named"
    else:  # rule 22
        why = f"it is run mainly in {language_name(asset.languages[0])}"
    return share * value, f"{detail}; counted half: {why}"


def _audience_share(ctx: Context) -> float:
    """How much a group for an audience the person is not known to be in counts: half
    (the neutral value) when their circumstances are not known, nothing when they are."""
    return 0.0 if circumstances_of(ctx.person) is not None else NEUTRAL


class AudienceFactor(Factor):
    """Whether the person is in the audience a group is for (FORMATS §6).

    1.0 for a group open to everyone, or one for an audience the person is in; 0 for a
    group for an audience the person is not in (a carers' café for someone who is not
    a carer). When the person's circumstances are not known and nothing they said
    (needs, age) puts them in the audience, it is uncertain: the neutral 0.5 and a
    caution — like every other unknown, never a fail, but not a full pass either.
    """

    name = "audience"
    label = "Who it is for"

    def prepare(self, catalogue: PreparedCatalogue) -> _Audiences:
        return _audiences(catalogue)

    def explain(self, ctx: Context, i: int) -> tuple[float, str]:
        value, detail = _shown_explained(ctx, i, *self._explain(ctx, i))  # rule 50
        value, detail = _stated_explained(ctx, i, value, detail)  # rule 48
        value, detail = _condition_explained(ctx, i, value, detail)  # rule 70
        asset = ctx.prepared.assets[i]
        value, detail = language_explained(asset, ctx.person, value, detail)
        # Help in the person's own language counts as made for them (rule 38).
        value, detail = own_language_explained(asset.languages, ctx.person, value, detail)
        if ctx.several is not None and ctx.several[i] and value > UNCERTAIN:  # rule 48
            assert asset.eligibility is not None and asset.eligibility.for_
            return UNCERTAIN, f"For {join_and(list(asset.eligibility.for_))}; {WHICH_FIRST}"
        if ctx.dog_unsaid[i] and value > UNCERTAIN:  # rule 60
            return UNCERTAIN, f"Not known whether it is for you: {DOG_NOTE}"
        return value, detail

    def _explain(self, ctx: Context, i: int) -> tuple[float, str]:
        reason = _unsuited_reason(ctx, i)
        if reason:
            return 0.0, reason
        c: _Audiences = ctx.columns(self)
        audience = c.audience[i]
        asset = ctx.prepared.assets[i]
        el = asset.eligibility
        if not audience or el is None or not el.for_:
            return _no_named_audience(ctx, asset)
        who = "For " + audience_text(list(el.for_))  # "For bereaved people"
        fit = audience_fit(audience, ctx.person)
        if fit == "partly" and in_by_language(audience, asset, ctx.person):
            return NEUTRAL, who  # "Roma families", run in Romanian, which they speak (rule 42)
        if fit == "in":
            # Made for them: an audience they said they are in, or (an older widows'
            # group for a widow of 73) their age group; else only what their needs suggest.
            made = made_for(audience, ctx.person) or made_for_age(asset, ctx.person)
            if which_condition_unsaid(audience, ctx.person):  # never "stroke survivors, as you are"
                return (1.0 if made else NEUTRAL), f"{who}; {_WHICH_CONDITION}"
            return (1.0 if made else NEUTRAL), f"{who}, as you are"
        half = NEUTRAL * NEUTRAL
        if fit == "partly":
            return half, f"{who}; {_partly_text(audience, ctx.person)}"
        if circumstances_of(ctx.person) is None:
            return half, f"{who}; not known whether that is you"
        return 0.0, f"{who}; that is not you"

    def score(self, ctx: Context, rows: IntArray) -> FloatArray:
        # Rule 38 lifts only this factor's value, not ctx.audience, which the rules
        # asking whether a group is made for the person (13, 24, 28b, 32) read.
        value = own_language_audience(ctx.prepared, ctx.person, ctx.audience, rows)
        if ctx.several is not None:  # rule 48: another condition's group comes first
            value = np.where(ctx.several[rows], np.minimum(value, UNCERTAIN), value)
        return value


def several_conditions(ctx: Context, rows: IntArray, base: FloatArray) -> BoolArray | None:
    """Per row: rule 48's groups for a condition another condition's group comes before
    (:func:`~socialrx.matching.which_condition.others_than_first`), or None."""
    c: _Audiences = ctx.prepared.columns("audience", _audiences)
    found = others_than_first(c.by_audience, ctx.person, rows, base)
    if not len(found):
        return None
    several = np.zeros(ctx.prepared.n, dtype=bool)
    several[found] = True
    return several


def _shown_explained(ctx: Context, i: int, value: float, detail: str) -> tuple[float, str]:
    """Rule 50: the ``audience`` value and detail of asset row ``i`` when an entry of its
    ``for`` counts the person in by a language they use ("For Deaf people and BSL users:
    you sign British Sign Language"), unless its setting does not suit them."""
    asset = ctx.prepared.assets[i]
    if value >= 1.0 or _unsuited_reason(ctx, i):
        return value, detail
    el = asset.eligibility
    shown = shown_in(asset, ctx.person)
    said = said_in(el.for_, ctx.person) if shown is None and el and el.for_ else None
    if shown is None and said is None:
        return value, detail
    assert el is not None and el.for_
    who = "For " + audience_text(list(el.for_))
    if shown is None:  # rule 54: "For people with sight loss: you said '…'"
        assert said is not None
        made = made_by_words(said[1])
        return (1.0 if made else max(value, NEUTRAL)), f"{who}: {said[1]}"
    return 1.0, shown_text(who, asset, ctx.person, shown[1])


def _stated_explained(ctx: Context, i: int, value: float, detail: str) -> tuple[float, str]:
    """Rule 48: the ``audience`` value and detail of asset row ``i`` when its name or
    summary says who it is for and the person is not known to fit it (the lower wins)."""
    said = stated_of(ctx.prepared.assets[i])
    fit = stated_fit(said, ctx.person)
    lowered = {"partly": NEUTRAL * NEUTRAL, "out": 0.0}.get(fit or "")
    if lowered is None or value <= lowered:
        return value, detail
    return lowered, stated_detail(said, fit or "")


def _condition_explained(ctx: Context, i: int, value: float, detail: str) -> tuple[float, str]:
    """Rule 70: the ``audience`` value and detail of asset row ``i`` when its name or
    summary names a condition and the person's own words name another (the lower wins)."""
    named = asset_condition(ctx.prepared.assets[i])
    if not named:
        return value, detail
    fit = condition_fit(named, ctx.person)
    if fit is None and detail == _OPEN:  # not known: said, and nothing taken off
        return value, condition_detail(named, ctx.person, known=False)
    if value <= UNCERTAIN or fit != "partly":
        return value, detail
    return UNCERTAIN, condition_detail(named, ctx.person)


_WHICH_CONDITION = "you live with a long-term condition: check it is this one"
"""Said of a group for one condition when nothing the person said names it."""


def _partly_text(audience: frozenset[str], person: Person) -> str:
    """Why the person is only partly in a group's audience, in plain words."""
    if CARER in audience and CARER in evident_circumstances(person):
        return "not known whether the person you care for is one of them"
    return "not known whether that is you"


def _no_named_audience(ctx: Context, asset: Asset) -> tuple[float, str]:
    """The audience value and detail of an asset whose ``for`` names no audience (or
    only anyone, an age, a gender or a place): an age group the person is in, or open to
    everyone; with no ``for``, a service for the people its first need names (rule 83)."""
    el = asset.eligibility
    need = need_audience(asset)  # rule 83: a service for people its first need names
    found, said = need_detail(need, ctx.person) if need else (None, "")
    if found is not None:  # known not to be its people
        return found, said
    if el is not None and made_for_age(asset, ctx.person):
        return 1.0, f"{ages_text(el.min_age, el.max_age)}, as you are"
    return NEUTRAL, said or _OPEN


_OPEN = "Open to everyone (neutral value)"


def audience_values(ctx: Context, older_from: int = 0) -> FloatArray:
    """Per row: 1 for a group made for the person (an audience they said they are in,
    or the age group their age is in; an audience only their needs suggest — "lung
    conditions" for someone needing help with diabetes — is no more theirs than an open
    group), the neutral 0.5 for one open to everyone, half that when it is not
    known whether they are in its audience (a kind of people included, whose help
    counts in full), 0 for another audience or a setting that does not suit them. An
    over-60s age band counts only for someone of ``older_from`` or over (rule 62)."""
    share = ctx.standing[0]
    value = NEUTRAL * share
    p = ctx.prepared
    mine, other, not_ = language_rows(p, ctx.person)
    age, group = ctx.person.age, age_groups(ctx.person)
    if age is not None and group:
        young = (p.max_age <= YOUTH_MAX_AGE) if "young-person" in group else False
        if age >= ADULT_AGE:  # a youth club (up to 19) is for teenagers (rule 11)
            young = young & (p.max_age > SCHOOL_MAX_AGE)
        old = "older-person" in group and age >= older_from
        older = (p.min_age >= OLDER_MIN_AGE) if old else False
        aged = (young | older) & (share == 1.0)
        value[aged & (p.min_age <= age) & (age <= p.max_age)] = 1.0
    c: _Audiences = ctx.prepared.columns("audience", _audiences)
    for audience, rows in c.by_audience:
        # A group for a kind of people their words do not name: uncertain (rule 21),
        # unless it is run in their language (rule 42).
        if only_kinds(audience) and audience_fit(audience, ctx.person) == "partly":
            uncertain = np.minimum(value[rows], NEUTRAL * NEUTRAL)
            value[rows] = np.where(mine[rows], value[rows], uncertain)
    value[ctx.sense_unsaid & ~mine] = NEUTRAL * NEUTRAL
    if ctx.person.circumstances or ctx.person.interests:
        for audience, rows in c.by_audience:
            theirs = rows[share[rows] == 1.0]
            if len(theirs) and made_for(audience, ctx.person):
                value[theirs] = 1.0
    shown, carers = ctx.shown_in  # rule 50
    value[shown & (share == 1.0)] = 1.0  # made for them
    needed = ctx.said_in[1] & (share == 1.0)  # rule 54: in, as a need puts them in
    value[needed] = np.maximum(value[needed], NEUTRAL)
    value[carers] = np.minimum(value[carers], NEUTRAL * NEUTRAL)  # whom they care for: unknown
    # Rules 22 and 42: a group run mainly in another language is made for someone who
    # speaks one of its languages (when nothing else counts against it), uncertain for
    # anyone else when its `for` says it is for anyone, and not for them otherwise.
    value[mine & (value >= NEUTRAL)] = 1.0
    value[other] = np.minimum(value[other], NEUTRAL * NEUTRAL)
    value[not_] = 0.0
    return value


DEFAULT_FACTORS: tuple[Factor, ...] = (
    NeedFactor(),
    InterestFactor(),
    ProximityFactor(),
    DeliveryFactor(),
    GroupFactor(),
    ScheduleFactor(),
    CostFactor(),
    FreshnessFactor(),
    AccessFactor(),
    ReachFactor(),
    AudienceFactor(),
)
"""The factors :func:`~socialrx.matching.match` uses unless given others, in the order
reasons are listed."""
