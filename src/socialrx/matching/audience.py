"""Who a group is for (FORMATS §6): an asset's audience against a person's circumstances.

An asset's audience is read from the free text of ``eligibility.for`` through the
circumstances vocabulary ("widows and widowers" → ``bereaved``) and the list of named
health conditions (``data/conditions.json``, built from WordNet by
``scripts/build_conditions.py``: "sickle cell or thalassaemia", "autistic adults");
a text that names neither but names a kind of people (``data/people.json``, built from
WordNet by ``scripts/build_people.py``: "night-shift workers", "fishermen") is for
that kind (rule 21); text that names none of these stays informational. A person's
circumstances are what they said, plus what their needs and age make plain (needing
carer support means being a carer; 65 and over is an older person). When a person
said nothing about their circumstances they are *not known*: an audience is then a
caution and counts as uncertain (see :func:`evident_circumstances` for what is plain
even then). A named condition is known to be a person's only when their own words name it (rule 17).

Example:
    >>> from socialrx.model import Person
    >>> sorted(circumstances_of(Person(needs=["carers"], circumstances=[])))
    ['carer']
    >>> circumstances_of(Person(needs=["carers"])) is None
    True
    >>> sorted(audience_in("people living with sickle cell or thalassaemia"))
    ['condition:thalassemia']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from socialrx.matching.dog_words import dog_stems  # rule 120
from socialrx.matching.one_condition import (
    ONE_CONDITION,
    SIGHT,
    WHICH,
    by_condition_in_general,
    conditions_said,
    for_another_condition,
    marked,
)
from socialrx.model import Asset, Person
from socialrx.vocabulary import (
    CIRCUMSTANCES,
    circumstances_in,
    data_json,
    raw_words,
    read_need,
    stem,
    words,
)

__all__ = [
    "CARER",
    "CONDITION",
    "HOUSEBOUND",
    "KIND",
    "OWN_BY_AGE",
    "SERVICE_NEEDS",
    "SITUATION",
    "age_groups",
    "audience_fit",
    "audience_for",
    "audience_in",
    "audience_of",
    "circumstances_of",
    "conditions_in",
    "evident_circumstances",
    "for_audience",
    "help_counts_in_full",
    "kinds_in",
    "made_for",
    "made_for_age",
    "only_kinds",
    "said_conditions",
    "said_words",
    "setting_words",
    "situations_in",
    "unnamed_audience",
    "unsuited_for",
    "which_condition_unsaid",
]

CARER = "carer"
DEMENTIA = "living-with-dementia"
HOUSEBOUND = "housebound"
BEREAVED = "bereaved"
CIRCUMSTANCE_IDS = frozenset(CIRCUMSTANCES)
"""The circumstances of the vocabulary by their ids (not conditions, kinds or situations)."""
AGE_GROUPS = frozenset({"young-person", "older-person"})
"""The circumstances that are an age group: beside another audience in one ``for`` entry
they say which of its people, not another audience (:func:`for_audience`)."""
HOMELESS = "homeless"
CONDITION = "condition:"
"""Prefix of a named condition in an audience ("condition:thalassemia"), beside the
circumstance ids."""
KIND = "kind:"
"""Prefix of a kind of people in an audience, followed by the words of the ``for``
entry that name it ("kind:night shift worker"; rule 21)."""
SITUATION = "situation:"
"""Prefix of a situation in an audience (rule 23), followed by the stemmed words that
name it and, after ``=``, the need those words name, if any ("situation:abus domestic";
"situation:health mental problem=mental-wellbeing")."""
PLACE_WAYS = frozenset({"in-person", "outdoor"})
"""Ways of taking part that mean going out: someone who accepts neither is housebound."""
PRACTICAL = "practical-help"
"""The need for practical help (shopping, prescriptions, jobs at home)."""
SERVICE_NEEDS = frozenset({PRACTICAL, "transport"})
"""Help done *for* people (shopping, lifts, dog walking). An asset helping with these needs
only is a service done for people: matched on needs, never on the person's hobbies (rule
12); and in a ``for`` entry such help is what a service does for people in a situation,
not the situation ("people who cannot walk their own dog", rule 23)."""

_FROM_NEEDS = {
    "carers": "carer",
    "bereavement": "bereaved",
    "families": "parent",
    "long-term-conditions": "long-term-condition",
    "substance-use": "recovery",
}
OLDER, YOUNGER = 65, 25
"""Ages from which a person counts as an older person, and up to which as young."""


@cache
def _condition_words() -> dict[str, tuple[tuple[frozenset[str], str, str], ...]]:
    """Each name of a condition as stemmed words, with the name and the condition it
    names ("autistic" → autism), filed under its rarest word."""
    rows: list[tuple[str, list[str]]] = data_json("conditions.json")["conditions"]
    parsed = [(words(n), n, c) for c, names in rows for n in names if words(n)]
    count: dict[str, int] = {}
    for ws, _, _ in parsed:
        for w in ws:
            count[w] = count.get(w, 0) + 1
    filed: dict[str, list[tuple[frozenset[str], str, str]]] = {}
    for ws, name, condition in parsed:
        filed.setdefault(min(ws, key=lambda w: (count[w], w)), []).append((ws, name, condition))
    return {w: tuple(found) for w, found in filed.items()}


@cache
def _circumstance_words() -> tuple[tuple[frozenset[str], str], ...]:
    """Stemmed words of every name of a circumstance: a condition they cover is that
    circumstance ("dementia"; "diabetes" and "COPD" are ``long-term-condition``), not a
    condition of its own."""
    return tuple(
        (words(phrase), c.id)
        for c in CIRCUMSTANCES.values()
        for phrase in (c.label, *c.synonyms)
        if words(phrase)
    )


def conditions_in(text: str) -> frozenset[str]:
    """The named health conditions ``text`` mentions, each by the name WordNet gives it
    first ("autistic adults" → ``autism``).

    A condition counts when all its words occur in ``text`` (word forms aside), unless
    it shares a word with a circumstance of the vocabulary named there ("dementia" is
    ``living-with-dementia``; "type 2 diabetes" is one of the common long-term
    conditions the vocabulary lists under ``long-term-condition``).

    Example:
        >>> sorted(conditions_in("parent carers of autistic adults"))
        ['autism']
        >>> conditions_in("people living with dementia"), conditions_in("adults")
        (frozenset(), frozenset())
    """
    said = words(text)
    covered = [ws for ws, _ in _circumstance_words() if ws <= said]
    return frozenset(
        condition
        for w in said
        for ws, _, condition in _condition_words().get(w, ())
        if ws <= said and not any(ws & c for c in covered)
    )


def audience_in(text: str) -> frozenset[str]:
    """The audience a free-text ``for`` entry names: circumstance ids and, prefixed
    with :data:`CONDITION`, named health conditions.

    Example:
        >>> sorted(audience_in("people living with diabetes or sickle cell anaemia"))
        ['condition:sickle-cell anemia', 'long-term-condition']
    """
    return circumstances_in(text) | {CONDITION + c for c in conditions_in(text)}


@cache
def _people() -> tuple[dict[str, str], frozenset[str]]:
    """The kinds of people of ``data/people.json``: each name and its plurals, as
    written → its kind ("fishermen" → fisherman; names are compared as written, not by
    stem, so "dog" is never "doge"), and the words that name anyone, with their plurals
    ("residents")."""
    data = data_json("people.json")
    kind_of: dict[str, str] = {}
    for kind, names in data["kinds"]:
        for name in names:
            for form in _plural_forms(name):
                kind_of.setdefault(form, kind)
    anyone = {form for w in (*data["anyone"], *_JOINING) for form in _plural_forms(w)}
    return kind_of, frozenset(anyone)


def _plural_forms(name: str) -> tuple[str, ...]:
    """A noun and its regular plurals ("student", "students"; "party", "parties")."""
    if name.endswith("y") and name[-2:-1] not in ("a", "e", "o", "u"):
        return name, name[:-1] + "ies"
    return name, name + "s", name + "es"


_JOINING = frozenset({"who", "all", "other", "others", "whom", "those", "aged", "age", "ages"})
"""Words that join the words of a kind of people without saying who ("people who …"),
or give an age, which ``min_age`` and ``max_age`` say ("students aged 16 to 19")."""


def _tokens(text: str) -> frozenset[str]:
    """The words of ``text`` that say who: a kind of people by its kind ("fishermen" →
    fisherman), other words by their stem; words that name anyone left out."""
    kind_of, anyone = _people()
    said = (w for w in raw_words(text) if w not in anyone and not w.isdigit())
    return frozenset(kind_of.get(w) or stem(w) for w in said)


def kinds_in(text: str) -> frozenset[str]:
    """The kind of people ``text`` names, as one audience of :data:`KIND` and the words
    that name it, or nothing when no word of it is a kind of people (``data/people.json``).

    Example:
        >>> kinds_in("night-shift workers"), kinds_in("Fishermen")
        (frozenset({'kind:night shift worker'}), frozenset({'kind:fisherman'}))
        >>> kinds_in("local residents and their families"), kinds_in("women")
        (frozenset(), frozenset())
    """
    kind_of = _people()[0]
    if not any(w in kind_of for w in raw_words(text)):
        return frozenset()
    return frozenset({KIND + " ".join(sorted(_tokens(text)))})


_AGE_WORDS = frozenset(
    {"over", "under", "older", "younger", "young", "old", "plus", "upwards", "year", "years"}
)
"""Words that give an age ("over 50s", "young men"), which ``min_age`` and ``max_age``
say; a word with a digit in it ("50s", "18+") is an age too."""
_GENDER_WORDS = frozenset({"male", "female", "males", "females"})
"""Words for gender beside those of ``data/people.json`` ("woman", "lady"), which
``gender`` says."""
_IRREGULAR = frozenset({"women", "men", "gentlemen", "children", "wives"})
"""The irregular plurals of the words of ``data/people.json`` that name anyone."""
_PRACTICE = frozenset({"gp", "gps", "practice", "practices", "surgery"})
"""Words for a GP practice ("patients of the practice", "Beach Road Surgery patients")."""
_PLACE_WORDS = _PRACTICE | frozenset(
    {"locally", "nearby", "area", "areas", "borough", "district", "town", "village"}
    | {"villages", "city", "county", "parish", "ward", "estate", "neighbourhood"}
    | {"community", "communities", "welcome", "welcomed", "open", "registered"}
    | {"patient", "patients"}
)
"""Words for a place, a community, a GP practice or a welcome ("people living in the
area", "fishing community", "patients of the practice", "newcomers welcome"): they say
where, or that the group is glad of people, not who."""
_SITUATION_MARKERS = frozenset(
    {"who", "whose", "have", "has", "had", "been", "being", "experiencing", "experience"}
    | {"affected", "impacted", "living", "live", "lives", "recovering", "leaving"}
    | {"fleeing", "escaping", "facing", "struggling", "dealing", "coping", "suffering"}
    | {"going", "through", "can", "cannot", "unable", "need", "needing", "needs"}
    | {"looking", "seeking", "currently", "recently", "also", "just", "really", "any"}
    | {"too", "own", "help", "support", "after", "find", "finds", "hard", "difficult"}
    | {"difficulty", "difficulties", "no", "not"}
)
"""Words that introduce a situation ("experiencing", "affected by", "living with",
"recovering from", "leaving") without naming it: not matched against the person's
words."""
_OPEN_WORDS = frozenset(
    {"interested", "interest", "keen", "want", "wants", "wanting", "wish", "wishing"}
    | {"enjoy", "enjoys", "enjoying", "fan", "fans", "curious", "all"}
)
"""Words of a wish, a liking or a welcome to all ("anyone who wants to get fitter",
"people interested in local history", "all abilities"): such a group welcomes anyone
who shares it, which the need and interest factors weigh; it is not for people in a
situation."""
_RESIDENCE = _PRACTICE | {"resident", "residents", "local", "locals", "inhabitants", "citizens"}
_PLACE_BEFORE = frozenset({"in", "of", "from", "near", "around", "across", "throughout"})
_NAME = re.compile(r"[A-Za-z0-9'+]+")


def _places(text: str) -> frozenset[str]:
    """Capitalised words of ``text`` that name a place: after "in", "from", "near" … or
    before "residents" or "locals" ("people living in Lytham St Annes", "Merthyr and
    Cynon residents"), lower-cased."""
    tokens = _NAME.findall(text)
    if all(t[:1].isupper() for t in tokens if len(t) > 2):
        return frozenset()  # a label in title case ("Survivors Of Abuse"): no telling
    places: set[str] = set()
    for k, token in enumerate(tokens):
        if not token[:1].isupper():
            continue
        before = [t.casefold() for t in tokens[max(0, k - 3) : k]]
        after = [t.casefold() for t in tokens[k + 1 : k + 4]]
        if _PLACE_BEFORE & set(before) or _RESIDENCE & set(after):
            places.add(token.casefold())
    return frozenset(places)


def _situation_words(text: str) -> tuple[list[str], str] | None:
    """The words of a ``for`` entry that name a situation (none left when only words
    for anyone, an age, a gender, a place or a welcome are) and the entry without the
    words that say no situation (its markers kept: "looking after"), or None when it
    names a wish anyone may share."""
    said = [w for w in raw_words(text.replace("+", " ")) if len(w) > 1 and not w.isdigit()]
    if _OPEN_WORDS & set(said):
        return None
    skip = _people()[1] | _IRREGULAR | _AGE_WORDS | _GENDER_WORDS | _PLACE_WORDS | _places(text)
    kept = [w for w in said if w not in skip and not any(ch.isdigit() for ch in w)]
    return [w for w in kept if w not in _SITUATION_MARKERS], " ".join(kept)


def situations_in(text: str) -> frozenset[str]:
    """The situation a ``for`` entry names that no circumstance, condition or kind of
    people names (rule 23): "women experiencing domestic abuse", "farming families",
    "people with a criminal record", "Low Income". The audience is :data:`SITUATION`,
    the stemmed words that name it and, after ``=``, the need those words name (other
    than help done *for* people: rule 12), if any.

    Words for anyone, an age, a gender, a place or a welcome say no situation ("all
    welcome", "over 50s", "Merthyr residents", "their families"), nor does a wish anyone
    may share ("anyone who wants to get fitter").

    Example:
        >>> situations_in("women experiencing domestic abuse")
        frozenset({'situation:abus domestic'})
        >>> sorted(situations_in("adults living with mental health problems"))
        ['situation:health mental problem=mental-wellbeing']
        >>> situations_in("Merthyr residents"), situations_in("anyone who wants to get fitter")
        (frozenset(), frozenset())
    """
    read = _situation_words(text)
    if read is None:
        return frozenset()
    found, kept = read
    need = read_need(kept)  # "families" alone names no need here: it means anyone
    tail = f"={need}" if need and need not in SERVICE_NEEDS else ""
    if not found and not tail:
        return frozenset()
    return frozenset({SITUATION + " ".join(sorted({stem(w) for w in found})) + tail})


def for_audience(text: str) -> frozenset[str]:
    """The audience one entry of ``eligibility.for`` names: circumstances and named
    conditions (:func:`audience_in`), else a kind of people (:func:`kinds_in`, rule 21),
    else a situation (:func:`situations_in`, rule 23).

    Being unable to get out narrows whatever else the entry names: "older people who
    cannot easily get out" is for the housebound (rule 12), not for every older person.

    Example:
        >>> sorted(for_audience("veterans")), sorted(for_audience("students"))
        (['veteran'], ['kind:student'])
        >>> sorted(for_audience("farming families")), sorted(for_audience("everyone"))
        (['situation:farm'], [])
        >>> sorted(for_audience("older people who cannot easily get out"))
        ['housebound']

    So does any audience beside an age group in one entry: "LGBTQ+ young people" is for
    LGBTQ+ people of an age (``min_age``/``max_age`` say which), not for every young
    person; "older people with dementia" for people with dementia (rule 84). A carers'
    entry does not narrow it ("older people and their carers").

        >>> sorted(for_audience("LGBTQ+ young people"))
        ['lgbtq']

    A loss said of another circumstance in one phrase ("bereaved parents", "widowed
    veterans") is for people who had that loss: the bereaved, not every parent or
    veteran (rule 102).

        >>> sorted(for_audience("bereaved parents")), sorted(for_audience("veterans and widows"))
        (['bereaved'], ['bereaved', 'veteran'])
    """
    found = audience_in(text)
    if HOUSEBOUND in found:
        return frozenset({HOUSEBOUND})
    if found & AGE_GROUPS and found - AGE_GROUPS - {CARER}:
        found = found - AGE_GROUPS  # an age group beside another says which of them
    if BEREAVED in found and not _JOINS.search(text):
        found = found - CIRCUMSTANCE_IDS | {BEREAVED}  # the loss says who (rule 102)
    found = marked(found, text)  # one condition in particular (rule 37)
    if found:
        return found | _kinds_beside(text)
    return kinds_in(text) or situations_in(text)


_JOINS = re.compile(r",|;|/|&|\band\b|\bor\b", re.IGNORECASE)


def _kinds_beside(text: str) -> frozenset[str]:
    """The kinds of people a ``for`` entry names beside its circumstances, each in a part
    of its own ("ex-miners and their widows": ex-miners beside the bereaved, rule 88).

    Example:
        >>> sorted(_kinds_beside("ex-miners and their widows"))
        ['kind:ex miner']
        >>> _kinds_beside("stroke survivors and their families")
        frozenset()
    """
    parts = (part for part in _JOINS.split(text) if part.strip())
    return frozenset().union(*(kinds_in(part) for part in parts if not audience_in(part)))


def audience_for(texts: Iterable[str]) -> frozenset[str]:
    """The audience a whole ``eligibility.for`` list names (:func:`for_audience` of each
    entry). A situation counts only when no entry names a circumstance, a condition or
    a kind of people: beside one it restates or narrows it ("unpaid carers, people
    looking after a family member or friend"; "asylum seekers, people new to the UK").

    Example:
        >>> sorted(audience_for(["unpaid carers", "people looking after a family member"]))
        ['carer']
    """
    found = frozenset().union(*(for_audience(text) for text in texts))
    named = frozenset(a for a in found if not a.startswith(SITUATION))
    return named or found


def audience_of(asset: Asset) -> frozenset[str]:
    """The audience an asset is for (empty: open to everyone, as far as we know)."""
    el = asset.eligibility
    if el is None or not el.for_:
        return frozenset()
    return audience_for(el.for_)


def unnamed_audience(asset: Asset) -> list[str]:
    """The entries of ``eligibility.for`` that name no audience (informational)."""
    el = asset.eligibility
    return [text for text in (el.for_ or ()) if not for_audience(text)] if el else []


def _said_only(a: str) -> bool:
    """True for a kind of people (rule 21) or a situation (rule 23): an audience only
    the person's own words can put them in."""
    return a.startswith((KIND, SITUATION))


def only_kinds(audience: frozenset[str]) -> bool:
    """True when ``audience`` is only kinds of people (rule 21: "fishermen", "retired
    fishermen and their families") or situations (rule 23: "farming families")."""
    return bool(audience) and all(_said_only(a) for a in audience)


HINT_LETTERS = 4
"""The shortest word of a person's interests that can begin a word of a kind of people
("fish" in "fishing" begins "fisherman"; "car" in "caring" is too short to say)."""


def help_counts_in_full(audience: frozenset[str], person: Person) -> bool:
    """True when a group for ``audience``, which the person is not known to be in, still
    counts its help in full: a group for a kind of people (rule 21) whose words a word
    of the person's interests begins — "fishing" for fishermen, "farming" for farmers:
    a hobby is not a job, but it may well be one, and a link worker asks (rule 23).
    Otherwise what an uncertain audience helps with counts half: help for people in a
    situation ("women experiencing domestic abuse") is help with that situation.

    Example:
        >>> fishermen = kinds_in("fishermen")
        >>> help_counts_in_full(fishermen, Person(interests=["fishing", "boats"]))
        True
        >>> help_counts_in_full(fishermen, Person(interests=["knitting"]))
        False
    """
    if not audience or not all(a.startswith(KIND) for a in audience):
        return False
    said = {w for t in person.interests for w in words(t) if len(w) >= HINT_LETTERS}
    return any(k.startswith(w) for a in audience for k in _key_words(a) for w in said)


def _kinds_named(kinds: frozenset[str], person: Person) -> frozenset[str]:
    """The kinds of people and situations among ``kinds`` that one of the person's
    interests names in all its words ("night-shift worker" and "retired fisherman" name
    "night-shift workers" and "fishermen"; "fishing", a hobby, is not being a
    fisherman; "domestic abuse support" names "women experiencing domestic abuse")."""
    said = [_tokens(text) for text in person.interests]
    said += [words(text) | dog_stems(text) for text in person.interests]  # rule 120
    said += [words(str(f).replace("-", " ")) for f in person.accessibility]
    keys = {k: _key_words(k) for k in kinds}
    return frozenset(k for k, key in keys.items() if key and any(key <= s for s in said))


def said_words(text: str) -> frozenset[str]:
    """The words of ``text`` a kind of people or a situation is matched against: kinds
    of people by their kind ("care leavers" → care leaver), other words by their stem."""
    return _tokens(text) | words(text)


def _key_words(audience: str) -> frozenset[str]:
    """The words that name a kind of people or a situation (its need aside)."""
    return frozenset(audience.partition(":")[2].partition("=")[0].split())


def _situations_needed(kinds: frozenset[str], person: Person) -> frozenset[str]:
    """The situations among ``kinds`` whose words name a need the person has ("adults
    living with mental health problems" for someone who needs help with their mental
    wellbeing): they are in it, as for an audience their needs suggest (rule 6)."""
    return frozenset(
        k for k in kinds if k.startswith(SITUATION) and k.partition("=")[2] in person.needs
    )


def circumstances_of(person: Person) -> frozenset[str] | None:
    """The person's circumstances, or None when they are not known."""
    if person.circumstances is None:
        return None
    return evident_circumstances(person)


def evident_circumstances(person: Person) -> frozenset[str]:
    """What the person said about their circumstances (if anything), plus what their
    needs and age make plain, whether or not they said anything.

    Example:
        >>> sorted(evident_circumstances(Person(needs=["bereavement"], age=70)))
        ['bereaved', 'older-person']
        >>> sorted(evident_circumstances(Person(delivery=["phone", "home-visit"])))
        ['housebound']
    """
    found = set(person.circumstances or ())
    found.update(_FROM_NEEDS[n] for n in person.needs if n in _FROM_NEEDS)
    if person.age is not None and person.age >= OLDER:
        found.add("older-person")
    if person.age is not None and person.age <= YOUNGER:
        found.add("young-person")
    if "new-parent" in found:
        found.add("parent")
    if person.shielding or not person.acceptable_delivery & PLACE_WAYS:
        found.add(HOUSEBOUND)  # takes part only by phone, online or at home (rule 12)
    if person.postcode is None and "housing" in person.needs:
        found.add(HOMELESS)  # no address to give, and needing somewhere to live
    return frozenset(found)


def _named_in_words(person: Person) -> frozenset[str]:
    """The audience the person's own words (interests) name: "dementia support",
    "my diabetes"."""
    return frozenset().union(*(audience_in(t) for t in person.interests))


def said_conditions(person: Person) -> frozenset[str]:
    """The conditions the person says they live with, in the forms a group for one
    condition is read in: the common long-term conditions their words name in particular
    ("parkinsons": ``one-condition:parkinson``; "who've had a stroke", rule 81), the
    named conditions of rule 17 their words name, dementia when they said they live
    with it (rule 42), sight loss when they need large print (as rule 70 reads it), and
    hearing loss when they need a hearing loop or British Sign Language or say they
    cannot hear (rule 107)."""
    said = frozenset().union(*(conditions_said(t) for t in person.interests))
    said |= frozenset(a for a in _named_in_words(person) if a.startswith(CONDITION))
    if DEMENTIA in (person.circumstances or ()):
        said |= {DEMENTIA}
    if "large-print" in person.accessibility:
        said |= {SIGHT}
    if DEAFNESS in _from_access(person) or any(_HEARING.search(t) for t in person.interests):
        said |= {DEAFNESS}
    return said


DEAFNESS = CONDITION + "deafness"
"""The key of deafness and hearing loss, a named condition of rule 17 (what a need of
British Sign Language or a hearing loop makes plain, :data:`_FROM_ACCESS`)."""
_HEARING = re.compile(
    r"\b(?:hard\s+of\s+hearing|hearing\s+(?:aids?|loss)|deaf(?:ness)?"
    r"|(?:can'?t|cannot|cannae|cannet|canna|can\s+not)\s+hear)\b",
    re.IGNORECASE,
)
"""How people say they do not hear well: "hard of hearing", "my hearing aids", "cannet
hear in noisy places"."""


def which_condition_unsaid(audience: frozenset[str], person: Person) -> bool:
    """Whether a group for one condition in particular ("stroke survivors") is the
    person's only through a long-term condition in general: nothing they said names
    that condition, so an explanation must not say they are one of its people.

    Example:
        >>> lungs = frozenset({"long-term-condition", "one-condition", "one-condition:lung"})
        >>> which_condition_unsaid(lungs, Person(circumstances=["long-term-condition"]))
        True
        >>> which_condition_unsaid(lungs, Person(interests=["copd support"]))
        False
    """
    which = frozenset(a for a in audience if a.startswith(WHICH))
    return ONE_CONDITION in audience and not which & said_conditions(person)


_FROM_ACCESS = {
    "bsl": "deafness",
    "hearing-loop": "deafness",
    "wheelchair-accessible": "disability",
    "autism-friendly": "autism",
}
"""Conditions an accessibility need makes plain: someone who needs British Sign Language
or a hearing loop is deaf or hard of hearing (a group "for Deaf people" is theirs)."""


def _conditions_known(person: Person) -> frozenset[str]:
    """The audience the person's words name, and the conditions their accessibility
    needs make plain (in, like an audience their needs suggest; not made for them)."""
    return _named_in_words(person) | _from_access(person)


def _from_access(person: Person) -> frozenset[str]:
    """The conditions the person's accessibility needs make plain (:data:`_FROM_ACCESS`)."""
    return frozenset(CONDITION + _FROM_ACCESS[f] for f in person.accessibility if f in _FROM_ACCESS)


_RANK = {"out": 0, "partly": 1, "in": 2}


def audience_fit(audience: frozenset[str], person: Person) -> str:
    """How the person stands to a group for ``audience``: ``in``, ``partly`` or ``out``.

    A group for carers *and* another circumstance or a condition ("people living with
    dementia and their carers", "parent carers of autistic adults") is for people in it
    and for carers of people in it: a carer is in it only when something they said
    names it (a wish for "dementia support"); otherwise it is ``partly`` — they may care
    for someone with it, and a link worker checks. A group for a named condition
    ("people living with sickle cell or thalassaemia", rule 17) is ``partly`` for
    someone whose own words do not name it, whatever else they are in: a long-term
    condition in general does not say which one.

    Example:
        >>> carer = Person(circumstances=["carer"])
        >>> audience_fit(frozenset({"carer", "living-with-dementia"}), carer)
        'partly'
        >>> audience_fit(frozenset({"carer"}), carer)
        'in'
        >>> audience_fit(audience_in("people with thalassaemia"), Person(circumstances=[]))
        'partly'
    """
    if not audience:
        return "in"
    kinds = frozenset(a for a in audience if _said_only(a))
    if not kinds:
        return _fit(audience, person)
    # A kind of people or a situation (rules 21 and 23): in when their words (or, for a
    # situation, their needs) name it, else uncertain unless another audience the group
    # is for is theirs.
    if _kinds_named(kinds, person) or _situations_needed(kinds, person):
        return "in"
    rest = audience - kinds
    return "in" if rest and _fit(rest, person) == "in" else "partly"


def _fit(audience: frozenset[str], person: Person) -> str:
    """:func:`audience_fit` for an audience of circumstances and named conditions."""
    fit = _fit_said(audience, person)
    if fit == "out" and audience == {HOUSEBOUND} and PRACTICAL in person.needs:
        return "partly"  # needing practical help, they may well not get out (rule 91)
    return fit


def _fit_said(audience: frozenset[str], person: Person) -> str:
    """:func:`_fit` from what the person said and what is plain."""
    evident = evident_circumstances(person)
    named = _conditions_known(person)
    conditions = frozenset(a for a in audience if a.startswith(CONDITION))
    which = frozenset(a for a in audience if a.startswith(WHICH))
    others = audience - conditions - which - {CARER, ONE_CONDITION}
    fit = _self_fit(others, conditions, evident, named)
    if fit == "in" and by_condition_in_general(audience, others & evident, person, named):
        fit = "partly"  # a long-term condition in general does not say which (rule 37)
    if fit != "out" and for_another_condition(conditions | which, said_conditions(person)):
        fit = "out"  # their words name another condition (rule 42)
    if CARER not in audience or not (others or conditions):
        return fit
    # A carer of someone in it (rule 3): in when their words name the circumstance.
    if CARER not in evident:
        return fit
    as_carer = "in" if (others | conditions) & named else "partly"
    return max(fit, as_carer, key=_RANK.__getitem__)


def _self_fit(
    others: frozenset[str],
    conditions: frozenset[str],
    evident: frozenset[str],
    named: frozenset[str],
) -> str:
    """How the person themselves stands to it: one of the circumstances named is theirs
    (being a carer, for a carers' group), and their words name one of the conditions."""
    # Without other circumstances: a carers' group, or a group only for a condition.
    mine = bool(others & evident) if others else bool(conditions) or CARER in evident
    if not mine:
        return "out"
    return "in" if not conditions or conditions & named else "partly"


def made_for(audience: frozenset[str], person: Person) -> bool:
    """True when a group for ``audience`` is made for the person: they are in it, and
    they said they are (a circumstance they gave, or a condition their words name), not
    only what their needs suggest (rule 6)."""
    kinds = frozenset(a for a in audience if _said_only(a))
    said = frozenset(person.circumstances or ()) | _named_in_words(person)
    said |= _kinds_named(kinds, person) if kinds else frozenset()
    return bool(audience & said) and audience_fit(audience, person) == "in"


YOUTH_MAX_AGE, OLDER_MIN_AGE = 30, 60
"""Age limits that make a group one for young people (up to 30) or older people (60 and
over), as a youth club or an over-60s lunch club is."""
OWN_BY_AGE = 70
"""Rule 62: the age from which an over-60s group is made for the person by their age
alone, as rules 13 and 15 ask (its help counted in full though it meets none of their
hobbies). Younger, the band lets them in ("as you are") and no more. On the development
splits such groups meeting none of the person's hobbies were graded relevant for 7 % of
pairs at 65 to 74 (60), 33 % at 75 to 79 (24) and 72 % at 80 and over (18); 75 would
follow those grades, but lowered a check split (cornwall precision@3 −0.017), so the
line is drawn at 70 (``benchmarks/quality/README.md``, round sixteen: age17)."""
ADULT_AGE, SCHOOL_MAX_AGE = 18, 19
"""A group whose age limit ends at 19 or below is for children and teenagers (a youth
club for 13 to 19): it is not made for an adult of 18 or 19 at its edge (rule 11)."""


def made_for_age(asset: Asset, person: Person) -> bool:
    """True when the asset's age limits make it a group for young or older people, the
    person is evidently one of them (:func:`evident_circumstances`: 65 and over, or 25
    and under, or they said so) and their known age is within the limits (an over-60s
    lunch club for someone of 78; a club for 16 to 30 is not made for someone of 29).
    A group for children and teenagers (an upper limit of 19 or below) is not made for
    an adult at its edge: a student of 19 is not who a youth club is for.

    Example:
        >>> from socialrx.model import Eligibility
        >>> club = Asset(id="c", name="C", summary="C", status="active", needs=["loneliness"],
        ...              last_verified="2026-01-01", delivery=["phone"],
        ...              eligibility=Eligibility(min_age=60))
        >>> made_for_age(club, Person(age=78)), made_for_age(club, Person(age=61))
        (True, False)
        >>> youth = club.model_copy(update={"eligibility": Eligibility(min_age=13, max_age=19)})
        >>> made_for_age(youth, Person(age=15)), made_for_age(youth, Person(age=19))
        (True, False)
    """
    el = asset.eligibility
    if el is None or person.age is None:
        return False
    group = age_groups(person)
    young = "young-person" in group and el.max_age is not None and el.max_age <= YOUTH_MAX_AGE
    if young and el.max_age is not None and el.max_age <= SCHOOL_MAX_AGE:
        young = person.age < ADULT_AGE  # a youth club is for teenagers, not adults
    older = "older-person" in group and el.min_age is not None and el.min_age >= OLDER_MIN_AGE
    low = el.min_age if el.min_age is not None else 0
    high = el.max_age if el.max_age is not None else 200
    return (young or older) and low <= person.age <= high


def age_groups(person: Person) -> frozenset[str]:
    """The age groups (``young-person``, ``older-person``) the person is evidently in."""
    return evident_circumstances(person) & {"young-person", "older-person"}


def setting_words(asset: Asset) -> frozenset[str]:
    """Stemmed words of an asset's name, summary, activities and venue names."""
    texts = [asset.name, asset.summary, *asset.activities]
    texts += [loc.name for loc in asset.locations or () if loc.name]
    return frozenset().union(*(words(t) for t in texts))


def unsuited_for(person: Person) -> dict[str, frozenset[str]]:
    """Circumstance id → words marking settings that do not suit it, for the person's
    evident circumstances that have any (a pub for someone in recovery)."""
    return {
        c: CIRCUMSTANCES[c].unsuited_words
        for c in sorted(evident_circumstances(person))
        if c in CIRCUMSTANCES and CIRCUMSTANCES[c].unsuited_words
    }
