"""How people say what they enjoy: the sentence around an interest (rule 39a).

People tell a link worker what they like in sentences, not in a catalogue's words: "I
do a lot of knitting", "playing a bit of football", "a good walk", "I play the drums",
"yoga classes". The words around the activity — who says it ("I", "we"), how they feel
about it ("love", "enjoy", "used to"), that they do it ("do", "play", "have a go at"),
how much or how good ("a bit of", "a good", "a nice") and how it is run ("classes",
"sessions") — say nothing of *what* they enjoy. :func:`read_interest` reads an interest
as before, and when that names no activity (nor a need, nor a kind of an activity),
reads it again without those words (:func:`unframed`): "I do a lot of knitting" is
knitting. The reasons still quote the person's own words.

An activity the rest names wins over an everyday phrase inside the sentence ("I do a lot
of gardening" is gardening, not only "the garden"); an everyday phrase of the whole
sentence wins over words that name no activity: "a good yarn" is a chat (a phrase of its
own), never the wool that "yarn" alone is, and "having a laugh" stays itself.

Example:
    >>> unframed("I do a lot of knitting"), unframed("playing a bit of football")
    ('knitting', 'football')
    >>> unframed("yoga classes"), unframed("a good walk and a nice cup of tea")
    ('yoga', 'walk and cup tea')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from socialrx.matching.interests import (
    LIST_SEPARATORS,
    Interest,
    InterestColumns,
    not_a_hobby,
    wanted_part,
)
from socialrx.vocabulary import ACTIVITIES, activity_concepts, everyday_meanings, words

__all__ = [
    "FRAME_WORDS",
    "list_parts",
    "names_an_activity",
    "read_interest",
    "read_interests",
    "unframed",
]

_FRAMES = (
    # Who says it, and contractions as typed ("I'm", "I'd", "we've").
    "i i'm im i'd i've i'll we we're we'd we've us me myself our you your it it's",
    # Auxiliaries and modals: that they do, did, would or can.
    "am are was were do does did doing done would could can might may will shall",
    # How they feel about it, or that they want it.
    "like likes liked love loves loved enjoy enjoys enjoyed fancy miss prefer keen",
    "want wants wanted need needs try trying used to",
    # Light verbs of taking part ("play the drums", "have a go", "a game of chess").
    "play plays playing played go goes going went have has had game",
    # How much or how good, and words that only hedge or stress.
    "a an the of some any bit bits lot lots good nice proper lovely decent great",
    "spot touch little wee anything something owt summat",
    "really just also still always quite very so too again sometimes maybe perhaps",
    # How an activity is run, not what it is ("yoga classes", "swimming sessions").
    "class classes lesson lessons session sessions sesh",
)
FRAME_WORDS = frozenset(word for group in _FRAMES for word in group.split())
"""Words of the sentence around an interest (rule 39a): pronouns, auxiliaries, verbs of
liking, wanting and taking part, words of quantity and quality, hedges, and the format an
activity is run in. A closed list of function words and light verbs, not of activities."""

_LIST = re.compile(rf"\s*(?:;|{LIST_SEPARATORS})\s*", re.IGNORECASE)
"""What separates the things of one sentence ("darts and a natter", "a swim or a walk")."""
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[,&/]")


def unframed(text: str) -> str:
    """The interest without the sentence around it (:data:`FRAME_WORDS`), words in order.

    List separators ("and", ",") stay, so the parts of a list stay apart.

    Example:
        >>> unframed("we used to love dancing"), unframed("I'd like some company")
        ('dancing', 'company')
    """
    folded = text.casefold().replace("\u2019", "'")
    kept = [t for t in _TOKEN.findall(folded) if t not in FRAME_WORDS]
    return " ".join(kept).replace(" ,", ",").strip(" ,&/")


def names_something(reading: Interest) -> bool:
    """Whether a reading names anything: an activity (as a whole or in a part of a list),
    an everyday phrase, a need, or what WordNet says it is a kind of."""
    return bool(reading.named or reading.means or reading.need or reading.kind_of)


def read_interest(text: str, columns: InterestColumns, needs: Iterable[str] = ()) -> Interest:
    """Read one interest (:meth:`Interest.read`); when that names no activity, read it
    without the sentence around it (rule 39a), keeping the person's words for the reasons.

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.matching.prepared import prepare
        >>> from socialrx.model import Asset
        >>> a = Asset(id="a", name="A", summary="A", status="active", last_verified="2026-01-01",
        ...           needs=["creativity"], delivery=["phone"])
        >>> cols = InterestColumns(prepare(Catalogue([a])))
        >>> read = read_interest("I do a lot of knitting", cols)
        >>> read.text, read.words
        ('I do a lot of knitting', frozenset({'knit'}))
    """
    needs = tuple(needs)
    first = Interest.read(text, columns, needs)
    if first.named or first.kind_of or first.need or not wanted_part(text):
        return first  # nothing wanted: no sentence around it to take away (rule 99)
    core = unframed(text)
    if not core or core == text.casefold().strip():
        return first
    second = Interest.read(core, columns, needs)
    # An activity the core names wins over an everyday phrase inside the sentence ("I do a
    # lot of gardening": gardening, not only "the garden"); an everyday phrase of the whole
    # sentence wins over words that name no activity ("a good yarn" is a chat, not wool).
    if second.named or (names_something(second) and not names_something(first)):
        return replace(second, text=text)
    return first


def list_parts(text: str) -> list[str]:
    """The parts of a sentence that lists things ("darts and a natter", "I sew and cook",
    "a swim or a walk"), or the sentence alone when it is a name as a whole: an activity
    ("arts and crafts", "tea and chat") or an everyday phrase ("a cuppa and a chat").

    Example:
        >>> list_parts("a pint and a natter and a game of darts")
        ['a pint', 'a natter', 'a game of darts']
        >>> list_parts("arts and crafts"), list_parts("a cuppa and a chat")
        (['arts and crafts'], ['a cuppa and a chat'])
    """
    parts = [p for p in _LIST.split(text) if p.strip()]
    if len(parts) < 2 or _whole_name(text):
        return [text]
    return parts


def _whole_name(text: str) -> bool:
    """Whether ``text`` as a whole is an activity or an everyday phrase whose own name
    lists things too ("arts and crafts", "a cuppa and a chat"): "walking and football"
    is two things, not walking football."""
    said = words(text)
    names = [
        name
        for c in activity_concepts(text)
        for name in (ACTIVITIES[c].label, *ACTIVITIES[c].synonyms)
    ]
    names += [phrase for phrase, _ in everyday_meanings(text)]
    return any(words(name) == said and _LIST.search(name) for name in names)


def read_interests(
    text: str, columns: InterestColumns, needs: Iterable[str] = ()
) -> tuple[Interest, ...]:
    """One interest as the person wrote it, read as the things it lists (rule 39b), each
    without the sentence around it when that names nothing (rule 39a).

    A sentence is read as several interests only when it lists two hobbies or more, or a
    hobby and a wish for company ("darts and a natter"): "a break now and then" stays one
    wish, and so does "a cuppa and a natter" (two words for company are one wish, as the
    need already carries it). Parts that name nothing stay, matched on their words.
    """
    needs = tuple(needs)
    parts = list_parts(text)
    if len(parts) > 1:
        readings = tuple(read_interest(part, columns, needs) for part in parts)
        hobbies = [r for r in readings if names_something(r) and not not_a_hobby(r)]
        wishes = [r for r in readings if names_something(r) and not_a_hobby(r)]
        if len(hobbies) + min(len(wishes), 1) >= 2:
            # Each hobby on its own; a wish for company (or help) said twice is one wish.
            return tuple(r for r in readings if r not in wishes[1:])
    return (read_interest(text, columns, needs),)


def names_an_activity(text: str) -> bool:
    """Whether ``text``, without the sentence around it, is the name of an activity of the
    vocabulary ("knitting", "I love dancing", "local history"): a liking, not a worry or
    a wish ("heating bills", "losing my sight", "get out of the house").

    Example:
        >>> names_an_activity("I love dancing"), names_an_activity("heating bills")
        (True, False)
    """
    core = unframed(text) or text
    said = words(core)
    return bool(said) and any(
        words(name) == said
        for c in activity_concepts(core)
        for name in (ACTIVITIES[c].label, *ACTIVITIES[c].synonyms)
    )
