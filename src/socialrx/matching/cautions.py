"""Cautions: what a link worker should tell the person before they go.

A caution is not a reason against an asset: it is something to check or know — a way in
that is closed while another is open, something that could not be checked (no postcode
given), help getting online first, an entry nobody has checked for a long time, who a
group is for, a cost that is not given.
"""

from __future__ import annotations

from socialrx.matching.audience import (
    audience_fit,
    audience_of,
    setting_words,
    unnamed_audience,
    unsuited_for,
)
from socialrx.matching.body import too_hard_caution, unchosen_caution  # rules 44 and 67
from socialrx.matching.community import in_by_language, language_standing, not_spoken_text
from socialrx.matching.constraints import (
    DIGITAL,
    WHOLE,
    Evaluation,
    Failure,
    access_not_recorded,
    failures,
    join_and,
    join_or,
    unknowns,
)
from socialrx.matching.named_condition import asset_condition, condition_caution  # rule 70
from socialrx.matching.need_audience import need_caution  # rule 83
from socialrx.matching.no_postcode import home_visit_caution, no_fixed_address, only_comes_home
from socialrx.matching.prepared import MODE_BITS, mode_names, need_names
from socialrx.matching.said_of_self import said_in
from socialrx.matching.schedules import ScheduleColumns, overlap
from socialrx.matching.shown_in import shown_in  # rule 50
from socialrx.matching.stated_audience import stated_caution, stated_of  # rule 48
from socialrx.matching.ways import group_caution  # rule 46
from socialrx.matching.wording import (
    HOW,
    ages_text,
    audience_text,
    in_brackets,
    languages_text,
    open_to_all,
)
from socialrx.model import Asset, ago_text, months_between
from socialrx.vocabulary import CIRCUMSTANCES, NEEDS

__all__ = ["HOW", "cautions"]


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _closed_ways(ev: Evaluation, i: int, open_: list[str]) -> list[str]:
    """Ways in that are closed while another is open: "… ; you can join by phone"."""
    dropped = int(ev.fail[i]) & ~WHOLE
    if bool(ev.ctx.bridged[i]):
        dropped &= ~DIGITAL
    if not dropped or not open_:
        return []
    join = join_or([HOW[m] for m in open_])
    out = []
    for failure in failures(ev, i, dropped):
        sentence = _capital(
            f"{failure.sentence[0].lower()}{failure.sentence[1:]}; you can join {join}"
        )
        if sentence.startswith("Not "):
            sentence = sentence.replace("Not ", "The venue is not ", 1)
        out.append(sentence)
    return out


_VENUE_CODES = frozenset({"distance", "place-accessibility"})


def _unknown(asset: Asset, failure: Failure) -> str:
    """A check that could not be made. For an entry that does not record how people take
    part, a venue that fails ("14.4 km away; limit 2 km") is said as the condition it is,
    never as if it were no reason to leave it out."""
    if asset.delivery or failure.code not in _VENUE_CODES:
        return failure.sentence
    if failure.code == "place-accessibility" and access_not_recorded(asset):
        return failure.sentence  # "Whether the venue is step-free is not recorded; …"
    said = failure.sentence
    return f"If people take part at the venue: {said[0].lower()}{said[1:]}"


def _bridge(ev: Evaluation, i: int, open_: list[str]) -> list[str]:
    if not bool(ev.ctx.bridged[i]):
        return []
    p = ev.ctx.prepared
    names = " or ".join(p.assets[p.row[b]].name for b in ev.bridges)
    if open_:
        join = join_or([HOW[m] for m in open_])
        # in_brackets: a helper named "Walk (Tuesday)" never nests one bracket in another.
        return [
            f"Online sessions need internet and a device, which you do not have at home "
            f"{in_brackets(f'{names} can help')}; you can join {join}"
        ]
    return [
        "Needs internet and a device, which you do not have at home: "
        f"{names} can help you get online first"
    ]


def _no_home(ev: Evaluation, i: int) -> list[str]:
    """A service that comes only to people's homes, for someone with no fixed address
    (rule 33)."""
    if (
        not no_fixed_address(ev.ctx.person)
        or not only_comes_home(ev.ctx.prepared.modes[i : i + 1])[0]
    ):
        return []
    return [home_visit_caution(bool(int(ev.ctx.usable[i]) & MODE_BITS["phone"]))]


def _freshness(ev: Evaluation, asset: Asset) -> list[str]:
    months = months_between(asset.last_verified, ev.ctx.today)
    if months > 24:
        return [
            f"Last checked {ago_text(months)}: it may have changed or closed; ring before going"
        ]
    if months > 12:
        return [f"Last checked {months} months ago: ring to check it still runs"]
    return []


def _who_for(ev: Evaluation, asset: Asset) -> list[str]:
    person = ev.ctx.person
    el = asset.eligibility
    if el is None:
        return need_caution(asset, person)
    out = need_caution(asset, person)
    if person.age is None and (el.min_age is not None or el.max_age is not None):
        out.append(ages_text(el.min_age, el.max_age))
    if el.gender in ("women", "men") and person.gender not in ("woman", "man"):
        out.append(f"For {el.gender} only")
    if el.for_:
        out += _for_whom(ev, asset, list(el.for_))
    return out


def _for_whom(ev: Evaluation, asset: Asset, for_: list[str]) -> list[str]:
    """Who it is for, in the organisers' words: a link worker checks this aloud unless
    what is known of the person (circumstances, needs, age) puts them in it."""
    person = ev.ctx.person
    audience = audience_of(asset)
    several = ev.ctx.several is not None and ev.ctx.several[ev.ctx.prepared.row[asset.key]]
    if audience and audience_fit(audience, person) == "in" and not several:  # rule 48
        return []
    if in_by_language(audience, asset, person) or shown_in(asset, person):  # rules 42, 50
        return []
    if said_in(for_, person):  # rule 54: what they say of themselves
        return []
    if audience:
        return [f"This group is for {audience_text(for_)}: check it is right for you"]
    # "For Sunnyvale Park residents"; never "For everyone", which is no caution.
    named = [x for x in unnamed_audience(asset) if not open_to_all(x)]
    return ["For " + audience_text(named)] if named else []


def _language(ev: Evaluation, asset: Asset) -> list[str]:
    """A group run mainly in a language the person does not speak (rules 22 and 42)."""
    found = language_standing(asset, ev.ctx.person)
    if found == "open":  # rule 75: open to them for what it is mainly for
        return [f"Run mainly in {languages_text(asset.languages)}; everyone is welcome"]
    if found == "other":
        return [f"Run mainly in {languages_text(asset.languages)}: check it is right for you"]
    if found == "not":
        why = not_spoken_text(asset.languages)
        return [f"{why[0].upper()}{why[1:]}: check it is right for you"]
    return []


def _unsuited(ev: Evaluation, asset: Asset) -> list[str]:
    """A setting that does not suit the person (a pub for someone in recovery)."""
    unsuited = unsuited_for(ev.ctx.person)
    if not unsuited:
        return []
    found = setting_words(asset)
    return [CIRCUMSTANCES[c].unsuited_caution for c, ws in unsuited.items() if found & ws]


def _online_only(ev: Evaluation, i: int, asset: Asset, open_: list[str]) -> list[str]:
    if open_ != ["online"] or ev.ctx.person.digital != "limited" or bool(ev.ctx.bridged[i]):
        return []
    platform = asset.digital.platform if asset.digital and asset.digital.platform else ""
    where = f" {in_brackets(platform)}" if platform else ""  # "(Zoom, Thursday only)"
    return [f"Online only{where}: you may need help getting started"]


def _not_free(ev: Evaluation, i: int) -> list[str]:
    free = ev.ctx.availability
    if free is None:
        return []
    columns = ev.ctx.prepared.columns("schedule", ScheduleColumns)
    sched = columns.schedules[int(columns.schedule_of[i])]
    if not sched.slots or overlap(sched.slots, free) > 0:
        return []
    if bool(ev.ctx.fitted_in[i]):  # rule 18: help with money, housing or food
        return [
            f"Open only when you are not free {in_brackets(sched.text)}: ring in a break or "
            "take an hour off, or ask for a time that suits you"
        ]
    when = in_brackets(sched.text)
    return [f"None of its sessions is when you are free {when}: ask about other times"]


def _not_recorded(ev: Evaluation, i: int) -> str:
    """An imported entry whose source did not say what it helps with (FORMATS §1):
    unknown, not "no", and what its words suggest (rule 20)."""
    read = need_names(int(ev.ctx.prepared.read_needs[i]))
    if not read:
        return "What it helps with is not recorded: ask the service"
    said = join_and([NEEDS[n].label.lower() for n in read])
    return f"What it helps with is not recorded; its description suggests {said}: ask the service"


def cautions(ev: Evaluation, i: int) -> list[str]:
    """Everything to tell the person about asset row ``i`` before they go."""
    asset = ev.ctx.prepared.assets[i]
    open_ = mode_names(int(ev.ctx.usable[i]))
    if bool(ev.ctx.bridged[i]):
        open_ = [m for m in open_ if m != "online"]
    out = _closed_ways(ev, i, open_)
    out += [_unknown(asset, f) for f in unknowns(ev, i)]
    out += _no_home(ev, i)
    out += _not_free(ev, i)
    out += _bridge(ev, i, open_)
    out += _freshness(ev, asset)
    if asset.status_note:
        out.append(asset.status_note)
    if ev.ctx.person.max_cost is not None and asset.cost is None:
        out.append("Cost not given: check it before going")
    if not asset.needs and ev.ctx.person.needs:
        out.append(_not_recorded(ev, i))
    out += _who_for(ev, asset)
    out += stated_caution(stated_of(asset), ev.ctx.person)  # rule 48
    out += condition_caution(asset_condition(asset), ev.ctx.person)  # rule 70
    out += _language(ev, asset)
    out += _unsuited(ev, asset)
    out += too_hard_caution(ev.ctx.prepared, ev.ctx.person, i)  # rule 44
    if ev.ctx.person.age is not None:  # rule 67
        out += unchosen_caution(ev.ctx.prepared, ev.ctx.person, bool(ev.ctx.no_hobby_chosen[i]), i)
    out += group_caution(asset.group, ev.ctx.person)  # rule 46
    p = ev.ctx.prepared
    out += [
        f"Also listed as '{p.assets[d].name}', an entry checked less recently"
        for d, kept in sorted(ev.twins.items())
        if kept == i
    ]
    out += _online_only(ev, i, asset, mode_names(int(ev.ctx.usable[i])))
    return out
