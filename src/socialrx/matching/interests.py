"""Understanding a person's interests: their own words read against the catalogue's.

An interest ("a bit of company", "dancng") is read once per match call: a word nobody
knows is corrected to a word of the activity vocabulary — never a common English word
(``wordfreq``'s frequency list decides what is common), so "having a laugh" stays
itself; words are stemmed; phrases are linked to OpenActive activity concepts (with
everything narrower and broader); and everyday phrases ("footy", "a cuppa", "get out of
the house") are also read as the activities they mean. :class:`InterestColumns` holds
the catalogue's side — stemmed word sets per field, concepts, and inverted indexes (word
→ asset rows) — so an interest is scored against every asset with a few numpy operations.

The weights of the ways an interest can meet an asset's words are documented in
``docs/matching.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
from rapidfuzz import fuzz, utils
from rapidfuzz.distance import OSA

from socialrx.matching.audience import PRACTICAL, SERVICE_NEEDS
from socialrx.matching.doing import W_LOOSE, W_RELATED, relation_tiers, side_note
from socialrx.matching.generic_words import all_generic  # rule 74
from socialrx.matching.kinds import (
    W_NEAREST,
    W_STAND_IN,
    kind_names,
    kind_of,
    nearest_kind,
    stand_in_need,
    stand_ins,
)
from socialrx.matching.prepared import (
    NEED_BITS,
    BoolArray,
    Fields,
    FloatArray,
    Int32Array,
    Kinds,
    PreparedCatalogue,
    Sets,
    Vocabulary,
    per_text,
)
from socialrx.matching.senses import entry_reader, place_words, plural_nouns, verb_words
from socialrx.matching.shared_words import only_untelling, untelling_stems  # rules 55, 59
from socialrx.matching.spelling import (  # rule 76
    dropped_gs,
    hobby_words,
    in_use,
    misspelt_form,
    nearest_spelling,
    one_letter_changed,
    slip_of_its_g,
)
from socialrx.matching.when_said import says_only_when, without_own_work  # rules 115, 119
from socialrx.matching.wording import (
    AS_COMPANY,
    NOTHING_HERE,
    said_span,
    shared_words,
    with_note,
)
from socialrx.vocabulary import (
    ACTIVITIES,
    COMMON_ZIPF,
    EVERYDAY_COMPANY,
    EVERYDAY_PHRASES,
    FILLER_STEMS,
    PASTIMES,
    activity_concepts,
    activity_words,
    common_word,  # re-exported: never corrected (rule 39)
    everyday_meanings,
    everyday_words,
    joined_phrases,
    kin_activities,
    known_form,
    narrower_activities,
    need_wording,
    raw_words,
    stem,
    vocabulary_words,
    wider_activities,
    words,
)

__all__ = [
    "COMMON_ZIPF",
    "COMPANY",
    "LIST_SEPARATORS",
    "W_COMPANY",
    "W_KIND",
    "W_LOOSE",
    "W_MEANS",
    "W_NARROWER",
    "W_NEAREST",
    "W_RELATED",
    "Interest",
    "InterestColumns",
    "about_rows",
    "as_hobby",
    "common_word",
    "head_stems",
    "head_words",
    "interest_parts",
    "lesser_readings",
    "means_weight",
    "nearest_part",
    "nearest_values",
    "not_a_hobby",
    "open_words",
    "relations",
    "set_aside",
    "summary_rows",
    "summary_words_for",
    "wanted_part",
    "whole_counts",
    "wish_for_company",
    "with_nearest",
    "with_side_note",
]

W_EXACT, W_ACTIVITY, W_NAME, W_SUMMARY = 1.0, 0.9, 0.8, 0.6
W_NARROWER = W_BROADER = W_RELATED
"""What the vocabulary only relates to the activity named by another name counts three
quarters (rule 27): one kind of it ("board games" is met surely by a board-game night,
less surely by a chess club — someone who likes board games may not play chess), a wider
activity ("singing" and a group doing music), or the activity one word of a phrase names
("cooking" in "learning to cook"). The activity itself counts in full; the same activity
in another setting or at another effort (a health walk for a fell walker) and close kin
(knitting for someone who sews) count half (rule 49, :data:`W_LOOSE`,
:func:`~socialrx.matching.doing.relation_tiers`)."""
W_KIND = 0.25
"""What WordNet 3.0 says a hobby the vocabulary does not name is a kind of counts a
quarter (rule 30), a hint rather than the hobby: "karaoke" is a kind of singing, but
someone who likes a karaoke night may not want a choir; the vocabulary's own wider
activities count three quarters (rule 27)."""
W_MEANS = 0.8
"""An everyday phrase read as an activity ("cuppa" → tea and chat) counts at most this
much: the person's own words, matched directly, are the surer guide."""
COMPANY = EVERYDAY_COMPANY
"""Activities that are simply being in company (vocabulary data, ``everyday.yaml``).
Almost every group offers company, and the need for it (loneliness) is scored as a need
already, so an everyday phrase read only as company ("a natter", "meeting people", "get
out of the house") is a wish for company, not a hobby that tells groups apart."""
W_COMPANY = 0.4
"""How much an everyday phrase read as company (:data:`COMPANY`) counts: half of
:data:`W_MEANS`, so a group matching what someone enjoys ranks above one that only
offers a chat."""
FUZZY_CUTOFF, W_FUZZY = 85.0, 0.9
GAP = 0.7
"""Each matching interest closes this share of the gap to 1 (one perfect match: 0.7,
two: 0.91), so an asset matching several of a person's interests ranks above one
matching a single interest, and adding an interest can never lower the value."""
ACTIVITY_KIND_NEEDS = frozenset(
    {"loneliness", "physical-activity", "creativity", "nature", "learning"}
)
"""Needs that say what kind of activity someone enjoys ("keeping active", "being
creative", "nature", "learning"), or company (a wish for company, rules 2 and 8): an
interest saying one of them is still read as a pastime, never as a request for help
(rule 26)."""


@cache
def _company_concepts() -> frozenset[int]:
    """The activity concepts that are plain company ("conversation")."""
    return frozenset().union(*(activity_concepts(p) for p in COMPANY))


@cache
def _company_words() -> frozenset[frozenset[str]]:
    return frozenset(words(p) for p in COMPANY) | {frozenset({"company"})}


def wish_for_company(interest: Interest) -> bool:
    """True when everything an interest says is a wish for company ("a natter", "a
    cuppa", "coffee and chat", "a bit of company"): however it matches an asset — the
    vocabulary, the words of a summary, an activity called "coffee and chat" — it counts
    at most :data:`W_COMPANY`, since the need (loneliness) already carries it.

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.matching.prepared import prepare
        >>> from socialrx.model import Asset
        >>> a = Asset(id="a", name="A", summary="A", status="active", last_verified="2026-01-01",
        ...           needs=["loneliness"], delivery=["phone"])
        >>> cols = InterestColumns(prepare(Catalogue([a])))
        >>> [wish_for_company(Interest.read(t, cols)) for t in ("a natter", "a pint and a chat")]
        [True, False]
    """
    company = _company_concepts()
    said = bool(interest.concepts & company) or interest.words in _company_words()
    said |= any(r.text in COMPANY for _, r in interest.means)
    other = bool(interest.concepts - company) or any(
        r.text not in COMPANY for _, r in interest.means
    )
    return said and not other


def not_a_hobby(interest: Interest) -> bool:
    """True when an interest is no hobby: a wish for company (:func:`wish_for_company`)
    or a need said in the person's own words ("sorting my bills out", "a hot meal":
    :attr:`Interest.need`, rule 26). However it matches an asset it counts at most
    :data:`W_COMPANY` — the need already carries it — and it never decides which groups
    match the person's hobbies (rules 13, 15 and 16).

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.matching.prepared import prepare
        >>> from socialrx.model import Asset
        >>> a = Asset(id="a", name="A", summary="A", status="active", last_verified="2026-01-01",
        ...           needs=["money"], delivery=["phone"])
        >>> cols = InterestColumns(prepare(Catalogue([a])))
        >>> [not_a_hobby(Interest.read(t, cols)) for t in ("sorting my bills out", "darts")]
        [True, False]
    """
    return interest.need is not None or wish_for_company(interest)


def stated_need(text: str, read_as: str) -> tuple[str, frozenset[str]] | None:
    """The need an interest asks for help with, in the person's own words (rule 26):
    one that names no activity — not as a whole, nor in a word beside the need's — but says a need
    (:func:`~socialrx.vocabulary.read_need`: "sorting my bills out" is money, "a hot
    meal" food, "something for my nerves" mental wellbeing), with the words that say
    it (:func:`~socialrx.vocabulary.need_wording`). Company and the needs that say
    what kind of activity someone enjoys (:data:`ACTIVITY_KIND_NEEDS`) are not asked
    for this way: "walking" and "nature" stay pastimes.

    Example:
        >>> stated_need("sorting my bills out", "sorting my bills out")
        ('money', frozenset({'bill'}))
        >>> stated_need("cooking", "cooking"), stated_need("a bit of company", "a bit of company")
        (None, None)
    """
    found = need_wording(text) or need_wording(read_as)
    if found is None or found[0] in ACTIVITY_KIND_NEEDS:
        return None
    if found[0] == PRACTICAL:
        # Rule 114: an errand's medicine is no activity ("my tablets" is no tablet).
        read_as = " ".join(w for w in raw_words(read_as) if stem(w) not in MEDICINE_STEMS)
    if activity_concepts(read_as):
        return None
    if found[0] in SERVICE_NEEDS and _said_doing(text):
        # Rule 76: help done for people, said as what they do, is what they do: "walking
        # the dog on the prom" is a walk with their dog, not asking for a dog walker
        # ("walk my dog for me" still asks).
        return None
    # "yoga for stress" is yoga: another word of it names an activity.
    others = [w for w in raw_words(read_as) if stem(w) not in found[1]]
    return None if any(activity_concepts(w) for w in others) else found


def _said_doing(text: str) -> bool:
    """Whether the words before what describes an interest name an activity, said doing
    it (rule 76: "walking the dog" of "walking the dog on the prom")."""
    return any(run[0].endswith("ing") and activity_concepts(" ".join(run)) for run in _runs(text))


@cache
def means_weight(reading: Interest) -> float:
    """How much an everyday phrase's reading counts: :data:`W_COMPANY` for company,
    :data:`W_MEANS` for an activity."""
    return W_COMPANY if reading.text in COMPANY else W_MEANS


class InterestColumns:
    """The catalogue's words, phrases and concepts, with inverted indexes.

    Built once per catalogue by :meth:`InterestFactor.prepare
    <socialrx.matching.factors.InterestFactor.prepare>`, in columns: what comes from
    the activities is kept once per distinct list of activities (:class:`Kinds`), the
    words of names and summaries as numbers into one vocabulary (:class:`Sets`), and
    every index (word → rows) as flat arrays (:class:`Postings`).
    """

    def __init__(self, p: PreparedCatalogue) -> None:
        f = p.fields()  # read from the packed records: no asset is built
        # Texts repeat across a catalogue (activities above all): each is read once.
        said, concepts_of = per_text(words), per_text(activity_concepts)
        kinds, self.activity_of = f.kinds("activities")
        phrases = [tuple((ph, said(ph)) for ph in kind) for kind in kinds]
        read = [_read_kind(kind, concepts_of) for kind in kinds]
        named = [[bool(cs) for cs in kind] for kind in read]
        kind_words = [frozenset().union(*(w for _, w in ph)) for ph in phrases]
        kind_concepts = [frozenset().union(*kind) for kind in read]
        self.activity_named: Kinds[tuple[bool, ...]] = Kinds(
            [tuple(k) for k in named], self.activity_of
        )
        # Words of the activities the vocabulary does not name: an interest that names a
        # concept matches a named activity through the vocabulary only ("walking" is
        # not "walking football"), and an asset whose activities the vocabulary names
        # is not matched on the words of its name or summary either.
        kind_free = [
            frozenset().union(*(w for (_, w), k in zip(ph, ks, strict=True) if not k))
            for ph, ks in zip(phrases, named, strict=True)
        ]
        self.activity_phrases: Kinds[tuple[tuple[str, frozenset[str]], ...]] = Kinds(
            phrases, self.activity_of
        )
        self.activity_words: Kinds[frozenset[str]] = Kinds(kind_words, self.activity_of)
        self.concepts: Kinds[frozenset[int]] = Kinds(kind_concepts, self.activity_of)
        self.free_words: Kinds[frozenset[str]] = Kinds(kind_free, self.activity_of)
        self.described = np.array([bool(cs) for cs in kind_concepts], dtype=bool)[self.activity_of]
        vocabulary = Vocabulary()  # one numbering of every word, shared by the columns
        # Rule 41: a name's or summary's words in the sense they have there.
        places = _places(f, self.activity_of, kind_concepts, kind_words)
        self.name_words = _text_sets(f, "name", entry_reader(places, name=True), vocabulary)
        self.summary_words = _text_sets(f, "summary", entry_reader(places), vocabulary)
        self.summary_verbs = _text_sets(f, "summary", per_text(verb_words), Vocabulary())
        self.post_activity = Sets.of_kinds(kind_words, self.activity_of, vocabulary).postings()
        self.post_free = Sets.of_kinds(kind_free, self.activity_of, vocabulary).postings()
        self.post_name = self.name_words.postings()
        # What a name is about (rule 34): "Walking Football" is football.
        self.name_about = _text_sets(f, "name", per_text(open_words), Vocabulary())
        self.post_name_about = self.name_about.postings()
        self.post_summary = self.summary_words.postings()
        self.post_summary_verb = self.summary_verbs.postings()
        self.post_concept = Sets.of_kinds(kind_concepts, self.activity_of, Vocabulary()).postings()
        self._phrases(kinds, phrases)
        self._heads(kinds, named)
        self._spelling(f, kinds)
        service = sum(NEED_BITS[n] for n in SERVICE_NEEDS)
        only = (p.needs != 0) & ((p.needs & ~service) == 0)
        self.service_only: frozenset[int] = frozenset(np.flatnonzero(only).tolist())

    def _spelling(self, f: Fields, kinds: list[tuple[str, ...]]) -> None:
        activities = {ph for kind in kinds for ph in kind}
        self.known_words: frozenset[str] = _known_words(
            activities | set(f.kinds("name")[0]) | set(f.kinds("summary")[0])
        )
        # Corrections go to words of the activity vocabulary (and the catalogue's own
        # activities) only, never to a word of a name or summary; a dropped g leaves off
        # one of them too ("dancin": rule 76).
        listed = frozenset(w for ph in activities for w in raw_words(ph))
        self.own: frozenset[str] = activity_words() | everyday_words() | listed
        self._slip_targets: list[str] | None = None

    def slip_targets(self) -> list[str]:
        """The words a slip is corrected to: :attr:`own` and the hobbies WordNet knows
        in one word (rule 76: "karoke" is "karaoke" where no entry lists karaoke), read
        on the first word nobody knows (the frequency list says which are in use)."""
        if self._slip_targets is None:
            self._slip_targets = sorted(self.own | hobby_words())
        return self._slip_targets

    def _heads(self, kinds: list[tuple[str, ...]], named: list[list[bool]]) -> None:
        """What each asset's activities may be met on by the word an interest is about
        (rule 34, :func:`open_words`); and, by word, the activities whose words hold it,
        all of them and those the vocabulary does not name."""
        heads_of = per_text(open_words)
        heads = [frozenset().union(*(heads_of(ph) for ph in kind)) for kind in kinds]
        self.post_head = Sets.of_kinds(heads, self.activity_of, Vocabulary()).postings()
        kind_of = per_text(which_kind)
        kinds_said = [frozenset().union(*(kind_of(ph) for ph in kind)) for kind in kinds]
        self.post_kind = Sets.of_kinds(kinds_said, self.activity_of, Vocabulary()).postings()
        said = per_text(words)
        holding: dict[str, set[frozenset[str]]] = {}
        free_holding: dict[str, set[frozenset[str]]] = {}
        for kind, ks in zip(kinds, named, strict=True):
            for phrase, k in zip(kind, ks, strict=True):
                for w in said(phrase):
                    holding.setdefault(w, set()).add(said(phrase))
                    if not k:
                        free_holding.setdefault(w, set()).add(said(phrase))
        self.holding = {w: frozenset(v) for w, v in holding.items()}
        self.free_holding = {w: frozenset(v) for w, v in free_holding.items()}

    def _phrases(
        self, kinds: list[tuple[str, ...]], phrases: list[tuple[tuple[str, frozenset[str]], ...]]
    ) -> None:
        self.post_phrase = Sets.of_kinds(
            [[ws for _, ws in ph if ws] for ph in phrases], self.activity_of, Vocabulary()
        ).postings()
        # Activities an interest may hold whole (rule 59: "cooking curries" holds
        # "cooking"): those the vocabulary names, never talks given (:func:`holdable`).
        self.post_held = Sets.of_kinds(
            [[ws for t, ws in ph if ws and holdable(t)] for ph in phrases],
            self.activity_of,
            Vocabulary(),
        ).postings()
        processed = per_text(utils.default_process)
        texts = [[processed(ph) for ph in kind] for kind in kinds]
        self.phrase_texts: list[str] = sorted({t for kind in texts for t in kind} - {""})
        self.post_phrase_text = Sets.of_kinds(texts, self.activity_of, Vocabulary()).postings()


_LISTENING = frozenset({"listen"})
"""The stem of what a list of activities is about when someone there listens
("listening", "a listening ear"): rule 36."""


@cache
def _talk_concepts() -> frozenset[int]:
    """The activities a chat is (*Conversation*)."""
    return activity_concepts("talking")


def set_aside(phrase: str, kind: Iterable[str]) -> frozenset[int]:
    """The activities a phrase does not name in the list it is in (rule 36): beside
    listening, "talking" is talking to someone who listens — a listening line, a
    bereavement group — not a chat, so it is no *Conversation* there. Beside anything
    else ("hill walking, rambling, talking") it is.

    Example:
        >>> set_aside("talking", ["listening", "talking", "emotional support"]) != frozenset()
        True
        >>> set_aside("talking", ["hill walking", "talking"]), set_aside("chat", ["listening"])
        (frozenset(), frozenset())
    """
    if words(phrase) != {"talk"}:
        return frozenset()
    listens = (_LISTENING & head_stems(other) for other in kind if other != phrase)
    return _talk_concepts() if any(listens) else frozenset()


def _read_kind(
    kind: tuple[str, ...], concepts_of: Callable[[str], frozenset[int]]
) -> list[frozenset[int]]:
    """The activities each phrase of a list names, in the sense the list gives it (rule
    36: "talking" beside "listening" is talking to someone who listens, not a chat)."""
    return [concepts_of(ph) - set_aside(ph, kind) for ph in kind]


def _text_sets(
    f: Fields, name: str, said: Callable[[str], frozenset[str]], vocabulary: Vocabulary
) -> Sets:
    """The words of one text field of every row (each distinct text read once)."""
    texts, of = f.kinds(name)
    return Sets.of_kinds([said(t) for t in texts], of, vocabulary)


def _places(
    f: Fields,
    activity_of: Int32Array,
    concepts: list[frozenset[int]],
    said: list[frozenset[str]],
) -> frozenset[str]:
    """The catalogue's names of places (rule 41, :func:`~socialrx.matching.senses.place_words`):
    each distinct name with what its entries' activities name and say."""
    names, name_of = f.kinds("name")
    pairs = sorted(set(zip(name_of.tolist(), activity_of.tolist(), strict=True)))
    return place_words((names[n], concepts[k], said[k]) for n, k in pairs)


def _known_words(texts: Iterable[str]) -> frozenset[str]:
    """Every word the vocabulary or the catalogue uses: typos are corrected to these.

    Numbers are left out: a number is never corrected (:func:`_unknown`).
    """
    # The needs' and circumstances' own words too: "brassic" (no money) is no "brass";
    # and the hobbies WordNet knows ("canasta" is no "cantata": rule 76).
    known = set(activity_words()) | everyday_words() | set(vocabulary_words())
    known.update(w for name in kind_names() for w in raw_words(name))
    for text in texts:
        known.update(w for w in raw_words(text) if not w.isdigit())
    return frozenset(known)


@dataclass(frozen=True)
class Interest:
    """One of the person's interests, read against the catalogue's words.

    Attributes:
        text: the person's words as given (or, in :attr:`means`, an activity).
        read_as: the words after correcting typos against known words.
        words: stemmed content words.
        concepts: activity-vocabulary concepts named, with everything narrower.
        broader: concepts above those named (a looser match).
        corrections: typo corrections made, ``[("dancng", "dancing")]``.
        kin: close kin of the concepts named (``sewing`` → knitting, both needlework),
            also in :attr:`broader`: a related activity counts as a wider one does.
        means: the readings of the everyday phrases in it, ``[("footy", football…)]``.
        phrase: the whole interest is an everyday phrase ("a pint and a chat"): it is
            read as what the phrase means, and its words only as the whole phrase —
            "chat" alone does not count, nor does a concept one of its words names.
        need: the need the interest asks for help with, in the person's own words
            ("sorting my bills out": money), or None (:func:`stated_need`, rule 26):
            no hobby, and :attr:`words` are only those that say it ("bills").
        named: the concepts the interest names itself (in :attr:`concepts`, which also
            holds everything narrower): the same activity counts in full, a narrower
            kind of it :data:`W_NARROWER` (rule 27).
        kind_of: the activities a hobby the vocabulary does not name is a kind of, in
            WordNet ("canasta": card games; rule 30), met at :data:`W_KIND` (a field
            never: "bowling" is no games night).
        stand_in: the activities that stand in for it, at :data:`W_STAND_IN`, when
            nothing in the catalogue is what it names or a kind of, for someone who
            asks for the need their field gives (rule 30); empty otherwise.
        kind: the kind of pastime it is one of when nothing here offers it ("outdoors
            and nature" for bird watching; rule 43), else "".
        nearest: the other pastimes of that kind, each read as a whole, met at
            :data:`W_NEAREST`.
        meant: a reading the engine made, not the person's words: what an everyday
            phrase means, or a pastime of the same kind (read ``whole``). Made of
            generic words alone ("trips"), it meets only an activity that is those words
            (rule 74: "trips to the coast" is no "shopping trips").
    """

    text: str
    read_as: str
    words: frozenset[str]
    concepts: frozenset[int]
    broader: frozenset[int]
    corrections: tuple[tuple[str, str], ...]
    means: tuple[tuple[str, Interest], ...] = ()
    phrase: bool = False
    kin: frozenset[int] = frozenset()
    need: str | None = None
    named: frozenset[int] = frozenset()
    kind_of: frozenset[int] = frozenset()
    stand_in: frozenset[int] = frozenset()
    heads: frozenset[str] = frozenset()
    kind: str = ""
    nearest: tuple[Interest, ...] = ()
    meant: bool = False

    @property
    def vocabulary_decides(self) -> bool:
        """Whether the activity vocabulary decides which assets' names and summaries the
        interest meets: it names an activity, or the word it is about does ("walking" of
        "walking with other women", rule 34) — then an asset whose activities the
        vocabulary names is met through them, never on its name or summary ("Walking
        Football Tollcross" is football)."""
        return bool(self.concepts or self.broader)

    @property
    def about(self) -> frozenset[str]:
        """The stems a match on some of its words must include (rule 34): the words it is
        about (:func:`head_words`) — every word for a single word, or when no head is among
        the words that count."""
        return self.heads & self.words or self.words

    @classmethod
    def read(cls, text: str, columns: InterestColumns, needs: Iterable[str] = ()) -> Interest:
        """Read the person's words: correct typos, stem, and find activity concepts;
        when nothing here offers what they name, the nearest kind of thing (rule 43:
        :func:`with_nearest`).
        """
        return with_nearest(cls._read(text, columns, needs), columns)

    @classmethod
    def _read(cls, text: str, columns: InterestColumns, needs: Iterable[str] = ()) -> Interest:
        """Read the person's words: correct typos, stem, and find activity concepts.

        What follows a negation is what they do not want, and is not read (rule 26):
        "anything that's not down the pub" is never a pub. ``needs`` are the person's:
        with one a field of activities gives, what nothing in the catalogue offers is
        met by that field's activities instead (rule 30).
        """
        if says_only_when(text):  # rule 115: when they are free is no hobby
            return cls(text, text, frozenset(), frozenset(), frozenset(), ())
        wanted = without_own_work(wanted_part(text))  # rule 119: their job is no wish
        fixed, corrections, spoken = _corrected(wanted, columns)
        read_as = " ".join(fixed)
        reading = cls.plain(wanted, fixed, spoken)
        phrases = _as_said(wanted, _everyday_in(read_as))
        means = tuple(
            (phrase, cls.plain(activity, raw_words(activity), {}, whole=True))
            for phrase, activities in phrases
            for activity in activities
        )
        # Rule 43: a common pastime adds a reading and never wins over the words.
        winning = [(ph, m) for ph, m in phrases if ph not in PASTIMES]
        whole = _phrase_wins(wanted, read_as, reading.words, winning)
        said_as = _said_with_article(wanted, reading.words, winning)
        if said_as is not None:
            # Rule 36: "a yarn" is a chat as a whole; its word is no wool to look for.
            reading, whole = replace(reading, words=said_as), True
        listing = frozenset() if whole else _listing_words(wanted)
        if listing and reading.words - listing:
            # Rule 72: an everyday phrase that lists things is one thing, met as what it
            # means: "fish and chips with friends" looks for no "fishing".
            reading = replace(reading, words=reading.words - listing)
        # A need in their own words is that need, not a hobby, and only the words that
        # say it count, all together: "sorting my bills out" is "bills", never "Out by
        # the Sea" (rule 26).
        stated = stated_need(wanted, read_as)
        need, said_by = (None, reading.words) if stated is None else stated
        # Filler words say nothing of what someone wants, and are not looked for:
        # "getting out of the flat" is never "getting online", "getting a job" is a job.
        said_by = said_by - FILLER_STEMS or said_by
        heads = _heads_of(wanted, spoken)
        if need == PRACTICAL:
            # Rule 114: what an errand fetches is medicine and shopping, never a hobby's
            # thing: "someone to get my tablets" looks for no tablet loan.
            said_by, heads = said_by - ERRAND_STEMS, heads - ERRAND_STEMS
        alone = whole or need is not None  # no concept of a single word counts
        if alone:
            return cls(
                text,
                read_as,
                said_by,
                frozenset(),
                frozenset(),
                tuple(corrections),
                means,
                whole or (need is not None and len(said_by) > 1),
                need=need,
                heads=heads,
            )
        return cls(
            text,
            read_as,
            said_by,
            reading.concepts,
            reading.broader,
            tuple(corrections),
            means,
            False,
            reading.kin,
            None,
            reading.named,
            reading.kind_of,
            _stand_in(reading, columns, frozenset(needs)),
            reading.heads,
        )

    @classmethod
    def plain(
        cls, text: str, fixed: list[str], corrected: dict[str, str], *, whole: bool = False
    ) -> Interest:
        """A reading without corrections: words, and the concepts it names.

        A phrase naming a concept as a whole brings every narrower concept ("dancing"
        → ballroom); a list ("music and dancing") brings each part's. In a phrase that
        names none, a single word that does ("crafts" in "yarn crafts") names only a
        wider activity — "yarn crafts" is not painting — so it counts as broader.
        With ``whole`` (the activity an everyday phrase means) only the phrase as a
        whole, and what is narrower, counts: "a drink and a chat" is not any "chat",
        and laughter yoga is not any fitness class.
        """
        read_as = " ".join(fixed)
        named, loose = _named_in(text, fixed, corrected, whole)
        kinds = frozenset() if named or whole else _kinds_in(text, read_as, corrected)
        concepts: set[int] = set()
        broader: set[int] = set(loose)
        kin: set[int] = set()
        for c in named:
            concepts |= narrower_activities(c)
            if not whole:  # "a laugh" means laughter yoga, not any fitness class
                broader |= wider_activities(c)  # knitting is not any "art"
                kin |= kin_activities(c)
        stems = frozenset(stem(w) for w in fixed)
        return cls(
            text,
            read_as,
            stems,
            frozenset(concepts),
            frozenset((broader | kin) - concepts),
            (),
            phrase=whole and len(stems) > 1,
            kin=frozenset(kin - concepts),
            named=frozenset(named),
            kind_of=kinds,
            heads=_heads_of(text, corrected),
            meant=whole,
        )


def _named_in(
    text: str, fixed: list[str], corrected: dict[str, str], whole: bool
) -> tuple[set[int], set[int]]:
    """The concepts a phrase names (as a whole, or each part of a list), and when it names
    none, those a single word of it names (only wider activities: "crafts" in "yarn
    crafts"). With ``whole``, only the phrase as a whole."""
    named = set(activity_concepts(" ".join(fixed)))
    loose: set[int] = set()
    if not named and not whole:
        listing = _listing_words(text)
        parts = _list_parts(text, listing)
        for part in parts if len(parts) > 1 else ():
            named |= activity_concepts(" ".join(corrected.get(w, w) for w in raw_words(part)))
        if not named:
            # Only a word the phrase is about names a wider activity (rule 34): "crafts"
            # in "yarn crafts", never "talking" in "talking books" (books: reading).
            heads = _heads_of(text, corrected) - listing
            for word in fixed:
                if stem(word) in heads:
                    loose |= activity_concepts(word)
            # Rule 72: the words before it may name the activity with it ("tai chi in
            # the park" is tai chi, never only a "chi"; "walking football on a Sunday"
            # walking football too, besides the football it is a kind of).
            loose |= _named_run(text, corrected)
    return named, loose


def _named_run(text: str, corrected: dict[str, str]) -> set[int]:
    """The concepts the longest run of words ending at a word an interest is about
    names, of two words or more (rule 72): "tai chi" of "tai chi in the park", with
    their wider activities (rule 76: "walking the dog on the prom" is a walk)."""
    found: set[int] = set()
    for run in _runs(text):
        fixed = [corrected.get(w, w) for w in run]
        for start in range(len(fixed) - 1):
            tail = activity_concepts(" ".join(fixed[start:]))
            if tail:
                found |= tail.union(*(wider_activities(c) for c in tail))
                break
    return found


def _list_parts(text: str, listing: frozenset[str]) -> list[str]:
    """The parts of a list ("walking, swimming"), without a part that is only words of an
    everyday phrase that lists things itself (``listing``, :func:`_listing_words`; rule
    72): "fish" of "fish and chips with friends" is the meal, never fishing."""
    parts = [p for p in _LIST.split(text.casefold()) if p.strip()]
    return [p for p in parts if not words(p) <= listing]


def _listing_words(text: str) -> frozenset[str]:
    """The stems of the everyday phrases in ``text`` that list things themselves ("fish
    and chips"): one thing, whose words name nothing apart (rule 72)."""
    found = (words(ph) for ph, _ in everyday_meanings(text) if _LIST.search(ph))
    return frozenset().union(*found)


def _kinds_in(text: str, read_as: str, corrected: dict[str, str]) -> frozenset[int]:
    """What a phrase the vocabulary does not name is a kind of (rule 30): the whole, or
    each part of a list ("canasta and karaoke")."""
    found = kind_of(read_as)
    parts = _list_parts(text, _listing_words(text))
    for part in parts if not found and len(parts) > 1 else ():
        found |= kind_of(" ".join(corrected.get(w, w) for w in raw_words(part)))
    return found


def _stand_in(reading: Interest, columns: InterestColumns, needs: frozenset[str]) -> frozenset[int]:
    """What stands in for a hobby nothing in the catalogue is (rule 30): when no asset
    does the activity it names or is a kind of, nor a kind of that, nor a wider or related
    one, the activities of its field, for someone who asks for the need that field gives
    ("bouldering", and no climbing here: exercise, for someone who wants to be active)."""
    named = reading.named | reading.kind_of
    if not named or not needs:
        return frozenset()
    meets = reading.concepts | reading.broader | reading.kin | _kind_wider(reading)
    if any(columns.post_concept.get(c) is not None for c in meets):
        return frozenset()
    return stand_ins(named, needs)


def with_nearest(reading: Interest, columns: InterestColumns) -> Interest:
    """The reading with the nearest kind of thing (rule 43): when a hobby is one of a
    kind of pastime (:func:`~socialrx.matching.kinds.nearest_kind`) and nothing here
    offers it — no entry does what it names, a kind of it, or a wider or related
    activity, and no entry's activities hold its words or what it means — the other
    pastimes of its kind, each read as a whole, to be met at :data:`W_NEAREST`. A wish
    for company or a need in the person's own words is no hobby, and has none.
    """
    if reading.need is not None or wish_for_company(reading):
        return reading
    means = frozenset(words(r.text) for _, r in reading.means)
    found = nearest_kind(reading.named | reading.concepts, reading.words, means)
    if found is None or _offered(reading, columns):
        return reading
    kind, others = found
    nearest = tuple(Interest.plain(o, raw_words(o), {}, whole=True) for o in others)
    return replace(reading, kind=kind, nearest=nearest)


def nearest_values(c: InterestColumns, interest: Interest) -> FloatArray:
    """Per row, :data:`W_NEAREST` where an entry's activities are another pastime of the
    kind of a hobby nothing here offers (rule 43), else 0: one of them is the activity a
    pastime of the kind names (or a kind of it), or is said in its words. Only what an
    entry does counts, never a word of its name or summary: a park named after a castle
    runs no heritage visits."""
    s = np.zeros(len(c.concepts))
    for reading in interest.nearest:
        for concept in reading.concepts:
            rows = c.post_concept.get(concept)
            if rows is not None:
                s[rows] = W_NEAREST
        rows = c.post_phrase.get(reading.words) if reading.words else None
        if rows is not None:
            s[rows] = W_NEAREST
    return s


def nearest_part(
    p: PreparedCatalogue, c: InterestColumns, interest: Interest, i: int, said: str
) -> tuple[float, str]:
    """For asset row ``i``, :func:`nearest_values`' value and what it says: the relation
    that is true — the two pastimes share a kind — never that one is the other ("'bird
    watching': nothing here offers it; the nearest kind of thing, counted at a quarter:
    nature walks (activity 'canal walk'), another outdoors and nature pastime")."""
    for reading in interest.nearest:
        shared = c.concepts[i] & reading.concepts
        if shared:
            return W_NEAREST, _nearest_detail(said, interest, reading, _phrase_for(p, c, i, shared))
        for phrase, ws in c.activity_phrases[i]:
            if reading.words and ws == reading.words:
                return W_NEAREST, _nearest_detail(said, interest, reading, phrase)
    return 0.0, ""


def _nearest_detail(said: str, interest: Interest, reading: Interest, phrase: str) -> str:
    """What a match on the nearest kind of thing says (rule 43).

    Example:
        >>> bird = Interest("bird watching", "bird watching", frozenset(), frozenset(),
        ...                 frozenset(), (), kind="outdoors and nature")
        >>> walk = Interest.plain("nature walks", ["nature", "walks"], {}, whole=True)
        >>> said = _nearest_detail("'bird watching'", bird, walk, "canal walk")
        >>> print(said.replace("; ", ";\\n").replace("quarter: ", "quarter:\\n"))
        'bird watching': nothing here offers it;
        the nearest kind of thing, counted at a quarter:
        nature walks (activity 'canal walk'), another outdoors and nature pastime
    """
    return (
        f"{said}: nothing here offers it; the nearest kind of thing, counted at a quarter: "
        f"{reading.text} (activity '{phrase}'), another {interest.kind} pastime"
    )


def _offered(reading: Interest, columns: InterestColumns) -> bool:
    """Whether an entry here offers what an interest names or means: one of its
    activities is the activity, a kind of it, a wider or related one, or holds all its
    words (rule 43)."""
    for r in (reading, *(m for _, m in reading.means)):
        meets = r.concepts | r.broader | r.kin | _kind_wider(r)
        if any(columns.post_concept.get(c) is not None for c in meets):
            return True
        if r.words and any(r.words <= held for held in _held(columns, r.words)):
            return True
    return False


def _held(columns: InterestColumns, said: frozenset[str]) -> frozenset[frozenset[str]]:
    """The catalogue's activities (as stemmed words) holding one of ``said``'s words."""
    return frozenset().union(*(columns.holding.get(w, frozenset()) for w in said))


def _phrase_wins(
    wanted: str, read_as: str, said: frozenset[str], phrases: list[tuple[str, tuple[str, ...]]]
) -> bool:
    """Whether an everyday phrase wins over the words of an interest (its words then
    count only all together, and no concept of a single word counts).

    The phrase wins over its words: "a pint and a chat" is not any "chat". One the
    activity vocabulary names as a whole ("fixing things") is read as that too. Filler
    words aside: "getting out of the house" is the whole phrase "get out of the house",
    not an interest in houses (or in "getting online"). So does a phrase inside an
    interest that is not a list (round nine): "a chat about the old days" is
    reminiscence, not any chat, "somewhere warm in the day" a warm space, not Warm Homes.
    """
    said = said - FILLER_STEMS
    if len(said) < 2 or activity_concepts(read_as) or not phrases:
        return False
    if any(words(phrase) - FILLER_STEMS == said for phrase, _ in phrases):
        return True
    return len(_LIST.split(wanted.casefold())) == 1


def _corrected(
    text: str, columns: InterestColumns
) -> tuple[list[str], list[tuple[str, str]], dict[str, str]]:
    """The words of ``text`` with each word nobody knows corrected to a known one, the
    corrections made, and every word read as another (corrected, or said with its *g*
    dropped: "fixin" is "fixing"), for reading the parts of the phrase (rule 109)."""
    corrections = []
    spoken: dict[str, str] = {}
    fixed: list[str] = []
    written = raw_words(text)
    # Rule 76: "line dancin" is "line dancing" as said, a word in use and no slip.
    dropped = dropped_gs(written, columns.own, columns.known_words)
    for k, word in enumerate(written):
        if not known_form(word, columns.known_words) and word in joined_phrases():
            # One word for a phrase of the vocabulary ("aquafit", "taichi"): the phrase,
            # as a word form is its word, and no correction.
            fixed.extend(joined_phrases()[word])
            continue
        said = dropped.get(k)
        found = None if said or not _unknown(word, columns) else _mended(word, columns)
        if found is not None:
            corrections.append((word, found))
        read = said or found
        if read:
            spoken[word] = read
        fixed.append(read or word)
    return fixed, corrections, spoken


def _mended(word: str, columns: InterestColumns) -> str | None:
    """The known word a word nobody knows is a slip for (rule 39d: "ukelele" is
    "ukulele"), or, its ending kept, the form of one it is a slip for (rule 76:
    "crotcheting" is "crocheting"); a slip said with its *g* dropped, as the slip with
    its *g* ("volunterin" is "volunteering", rule 110)."""
    targets = columns.slip_targets()
    found = nearest_spelling(word, targets)
    used = in_use(word)
    if found is not None and used and one_letter_changed(word, found):
        return None  # rule 94: the Geordie "hoose" is a house, never a "horse"
    found = found or misspelt_form(word, targets)
    if found is not None and not slip_of_its_g(word, found):
        return None  # rule 112: "bills are mountin up" is mounting, never "mountain"
    if found is None and word.endswith("in") and not used and not in_use(word + "g"):
        # "sortin" is sorting (in use), no slip for "shooting"; one letter from the word
        # with its g only: "volunterin" is volunteering.
        with_g = _mended(word + "g", columns)
        if with_g is None or OSA.distance(word + "g", with_g) > 1:
            return None
        return with_g if slip_of_its_g(word, with_g) else None
    return found


_NEGATION = re.compile(
    r"n't\b|\b(?:not|no|nothing|never|without|except|anything but)\b"
    r"|\b(?:stay|stays|staying|stayin|stayed|keep|keeps|keeping|keepin|kept)\s+(?:off|aff)\b"
)
MEDICINE_STEMS = frozenset(
    words(
        "tablet tablets medicine medicines medication prescription prescriptions chemist pharmacy"
    )
)
"""Medicine and where it comes from (rule 114): in a wish for an errand ("my tablets from
the chemist") these words name no activity, however the vocabulary reads "tablet"."""
ERRAND_STEMS = MEDICINE_STEMS | frozenset(words("shopping messages"))
"""What an errand fetches (rule 114): in a wish for practical help ("someone to get my
tablets", "ma tablets fae the chemist") these words are the medicine and the shopping,
never a tablet computer's loan or a shopping trip."""
_VAGUE = frozenset({"anything", "something", "everything", "whatever", "s"})
"""Words that say nothing of what someone wants once what they do not want is gone."""
_GIVEN_UP = re.compile(
    r"\bused to\b|\bgave up\b|\bgiven up\b|\bno more\b|\bany ?more\b|\bno longer\b"
)
"""Words that put a liking in the past ("a pint o mild (used to)", "gave up the beer")."""
_DRINK = frozenset(
    {"pint", "pints", "ale", "ales", "beer", "beers", "bitter", "mild", "lager", "cider"}
    | {"wine", "drink", "drinks", "drinking", "pub", "pubs", "booze", "bevvy", "bevvies"}
    | {"jar", "jars", "whisky"}
)
"""A drink's words (rule 99)."""
_OF_A_DRINK = frozenset({"few", "couple", "quick", "odd", "cold"})
"""Words said of a drink and of nothing else wanted ("a few jars", "a quick pint")."""


def wanted_part(text: str) -> str:
    """The part of an interest that says what the person wants: the words before a
    negation ("not", "no", "never", "without", "except", "isn't", "staying off"), since
    what follows is what they do not want; nothing when only a vague word is left
    ("anything": "staying off the drink" wants no drink, hot or not). A drink put in the
    past ("a pint o mild (used to)", "gave up the beer") is not wanted either (rule 99).

    Example:
        >>> wanted_part("anything that's not down the pub"), wanted_part("bingo (not online)")
        ('', 'bingo (')
        >>> wanted_part("knitting"), wanted_part("staying off the drink")
        ('knitting', '')
        >>> wanted_part("a pint o mild (used to)"), wanted_part("used to sing in the pub")
        ('', 'used to sing in the pub')
    """
    folded = text.casefold().replace("\u2019", "'")
    if _GIVEN_UP.search(folded) and _only_drink(text):
        return ""  # rule 99: a drink someone used to have is one they gave up
    cut = _NEGATION.search(folded)
    if cut is None:
        return text
    before = text[: cut.start()]
    return before if set(raw_words(before)) - _VAGUE else ""


def _only_drink(text: str) -> bool:
    """Whether ``text``, its words of the past aside, names a drink and nothing else that
    is wanted ("a pint o mild (used to)"; not "used to sing in the pub")."""
    said = set(raw_words(_GIVEN_UP.sub(" ", text.casefold())))
    rest = said - _DRINK - _OF_A_DRINK - _VAGUE
    return bool(said & _DRINK) and all(len(w) == 1 for w in rest)


def _everyday_in(read_as: str) -> list[tuple[str, tuple[str, ...]]]:
    """The everyday phrases of an interest (:func:`everyday_meanings`). A phrase the
    vocabulary names as a whole is read as that: an everyday phrase whose word forms it
    holds adds nothing ("board games" is not "gaming", video games)."""
    phrases = everyday_meanings(read_as)
    if activity_concepts(read_as):
        return [(ph, m) for ph, m in phrases if words(ph) == words(read_as)]
    return phrases


def _as_said(
    wanted: str, phrases: list[tuple[str, tuple[str, ...]]]
) -> list[tuple[str, tuple[str, ...]]]:
    """Each everyday phrase in the sense it has as said (rule 36): where the list holds
    one both with and without an article ("yarn", the wool; "a yarn", a chat), the one
    said — article and all — is read: "a" makes it one thing of its kind, a story or a
    chat, never the wool.

    Example:
        >>> [p for p, _ in _as_said("a yarn", [("yarn", ("knitting", "crochet"))])]
        ['a yarn']
        >>> [p for p, _ in _as_said("yarn", [("yarn", ("knitting", "crochet"))])]
        ['yarn']
    """
    said = f" {' '.join(_WORD.findall(wanted.casefold()))} "
    out = []
    for phrase, means in phrases:
        for other, other_means in _with_article(phrase):
            if f" {other.casefold()} " in said:
                phrase, means = other, other_means
                break
        out.append((phrase, means))
    return out


@cache
def _with_article(phrase: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The everyday phrases that are ``phrase`` with an article or other small word
    ("a yarn" for "yarn"), with what they mean."""
    bare = _WORD.findall(phrase.casefold())
    if not any(_WORD.findall(p.casefold()) == bare for p, _, _ in EVERYDAY_PHRASES):
        return ()  # listed only one way ("a day out"): nothing to tell apart
    return tuple(
        (other, means)
        for other, _, means in EVERYDAY_PHRASES
        if raw_words(other) == bare and _WORD.findall(other.casefold()) != bare
    )


def _said_with_article(
    wanted: str, said: frozenset[str], phrases: list[tuple[str, tuple[str, ...]]]
) -> frozenset[str] | None:
    """When the whole interest is an everyday phrase read with its article, where the
    list also holds it without ("a yarn", :func:`_as_said`): its words as one, which meet
    no asset's words — only what it means counts."""
    for phrase, _ in phrases:
        bare = " ".join(raw_words(phrase))
        if words(phrase) == said and any(p == phrase for p, _ in _with_article(bare)):
            return frozenset({phrase.casefold()})
    return None


LIST_SEPARATORS = r",|&|/|\band\b|\bor\b"
"""What separates the things of a list ("walking, swimming", "arts and crafts")."""
_LIST = re.compile(rf"\s*(?:{LIST_SEPARATORS})\s*")
_AFTER_HEAD = frozenset(
    [
        "with",
        "for",
        "on",
        "in",
        "at",
        "about",
        "from",
        "by",
        "of",
        "like",
        "near",
        "around",
        "after",
        "before",
        "during",
        "without",
        "into",
        "over",
        "under",
        "who",
        "which",
        "that",
        "where",
        "when",
        "while",
    ]
)
"""Words that begin what only describes the word before them (rule 34): "a chat *on* the
phone", "walking *with* other women", "a blether *with* folk *who* get it"."""
_HEDGES = frozenset(
    [
        "maybe",
        "perhaps",
        "please",
        "again",
        "too",
        "really",
        "sometimes",
        "mostly",
        "mainly",
        "especially",
        "etc",
    ]
)
"""Words that hedge a wish and say nothing of what it is about ("sea swimming maybe")."""


@cache
def _runs(text: str, *, activity: bool = False) -> tuple[tuple[str, ...], ...]:
    """Each part of a list, up to anything that only describes it (its content words).
    In an asset's ``activity``, "to" after a word that names an activity begins what
    goes with it (rule 59: "exercise *to* music" is exercise); in a person's words it
    may say who with ("talking to other carers")."""
    runs: list[tuple[str, ...]] = []
    for part in _LIST.split(text.casefold()):
        run: list[str] = []
        for word in _WORD.findall(part):
            if (word in _AFTER_HEAD or (activity and _to_after_activity(word, run))) and run:
                break
            if word not in _HEDGES and word not in _AFTER_HEAD and raw_words(word):
                run.append(word)
        if run:
            runs.append(tuple(run))
    return tuple(runs)


def _to_after_activity(word: str, run: list[str]) -> bool:
    """Whether ``word`` is a "to" after a word that names an activity (rule 59)."""
    return word == "to" and bool(run) and bool(activity_concepts(run[-1]))


@cache
def head_words(text: str, *, activity: bool = False) -> tuple[str, ...]:
    """The words a phrase is about (rule 34): in each part of a list, the last word
    before anything that only describes it ("with", "for", "on", "who"…). In English
    the last word of such a run is its head and the words before it say which kind:
    "mountain *biking*", "sea *swimming*", "video *games*", "a *chat* on the phone",
    "learning *English*", "yarn *crafts* and *baking*". Words as written (lower case).

    Example:
        >>> head_words("mountain biking"), head_words("walking with other women")
        (('biking',), ('walking',))
        >>> head_words("tea and a chat"), head_words("bike repairs")
        (('tea', 'chat'), ('repairs',))
    """
    return tuple(run[-1] for run in _runs(text, activity=activity))


def head_stems(text: str) -> frozenset[str]:
    """The stems of :func:`head_words` (how words are compared)."""
    return frozenset(stem(w) for w in head_words(text))


@cache
def open_words(phrase: str) -> frozenset[str]:
    """The stems of an activity's words that the word an interest is about may meet
    (rule 34): its head, and, when that head names no activity of the vocabulary, the
    words saying which kind too — "learning English" meets "English conversation"
    and "making music" a "music studio", but "mountain biking" is never "bike repairs"
    (repairs) nor "walking with other women" "walking football" (football).

    Example:
        >>> sorted(open_words("bike repairs")), sorted(open_words("music studio"))
        (['repair'], ['music', 'studio'])
    """
    heads = head_words(phrase, activity=True)
    if any(activity_concepts(w) for w in heads):
        return frozenset(stem(w) for w in heads)
    return frozenset(stem(w) for run in _runs(phrase, activity=True) for w in run)


@cache
def which_kind(phrase: str) -> frozenset[str]:
    """The words of an activity's :func:`open_words` that only say which kind of it
    (rule 59): "*music* studio", "*lunch* club"; none when its head names an activity.

    Example:
        >>> sorted(which_kind("music studio")), sorted(which_kind("card making"))
        (['music'], ['card'])
    """
    return open_words(phrase) - frozenset(stem(w) for w in head_words(phrase, activity=True))


def _heads_of(text: str, corrected: dict[str, str]) -> frozenset[str]:
    """What an interest is about, with its spelling corrections: the stems of its head
    words (:func:`head_words`: "sea *swimming*", "learning *English*")."""
    return head_stems(" ".join(corrected.get(w, w) for w in _WORD.findall(text.casefold())))


_WORD = re.compile(r"[a-z0-9]+")


def _unknown(word: str, columns: InterestColumns) -> bool:
    """A word to correct: nobody knows it, and it is not a common English word."""
    return (
        not known_form(word, columns.known_words)  # rule 39c: a word form is no typo
        and len(word) >= 4
        and not word.isdigit()
        and not common_word(word)
    )


def _phrase_for(p: PreparedCatalogue, c: InterestColumns, i: int, wanted: frozenset[int]) -> str:
    """The asset's own activity words for the first of its concepts in ``wanted``."""
    said = p.assets[i].activities
    found = [ph for ph in said if (activity_concepts(ph) - set_aside(ph, said)) & wanted]
    if found:  # a phrase that names it as said wins over "talks" (words15, talk_given)
        return min(found, key=talk_given)
    return ACTIVITIES[min(c.concepts[i] & wanted)].label.lower()  # pragma: no cover


@cache
def talk_given(phrase: str) -> bool:
    """Whether an entry's activity names a chat only through another form of a word:
    "talks" are talks given — a history society's talks are lectures — and reach
    *Conversation* only because "talking" shares their stem (words15). A reason never
    says such a phrase matches a wish for a chat; the group is company, and says so.

    Example:
        >>> talk_given("talks"), talk_given("talking"), talk_given("chats")
        (True, False, False)
    """
    if not activity_concepts(phrase) & _talk_concepts():
        return False
    said = frozenset(raw_words(phrase))
    one = frozenset(w.removesuffix("s") for w in said)
    names = {
        frozenset(raw_words(name))
        for k in _talk_concepts()
        for name in (ACTIVITIES[k].label, *ACTIVITIES[k].synonyms)
    }
    return said not in names and one not in names


def _as_company(phrase: str) -> str:
    """What a wish for a chat meets in talks given (:func:`talk_given`)."""
    return f"{AS_COMPANY}activity '{phrase}' is company, though not a chat"


def _vocabulary_part(
    p: PreparedCatalogue, c: InterestColumns, interest: Interest, i: int
) -> tuple[float, str]:
    concepts = c.concepts[i]
    named = interest.named or interest.concepts
    if concepts & named:
        phrase = _phrase_for(p, c, i, named)
        if talk_given(phrase) and concepts & named <= _talk_concepts():
            return 1.0, _as_company(phrase)
        return 1.0, f"activity '{phrase}'"
    for related, value, how in reversed(relations(interest)):  # rule 49: the best first
        if concepts & related:
            return value, _related_detail(p, c, i, interest, related, how)
    kinds = _kind_wider(interest)
    if concepts & kinds:  # rule 30: the relation WordNet gives, said as it is
        wider_kind = _phrase_for(p, c, i, kinds)
        label = _label_of(concepts & kinds)
        return (
            W_KIND,
            f"the wider activity '{wider_kind}' ({interest.read_as} is a kind of {label})",
        )
    if concepts & interest.stand_in:
        return W_STAND_IN, _stand_in_detail(p, c, interest, i)
    return 0.0, ""


_MATCHES_ACTIVITY = re.compile(r" matches activity '([^']+)'$")


def with_side_note(p: PreparedCatalogue, i: int, value: float, text: str) -> str:
    """A hobby's reason for asset row ``i``, saying when the activity it met in full is
    one of several things the group does, beside its main one (rule 49,
    :func:`~socialrx.matching.doing.side_note`): "'singing' matches activity 'singing';
    it is one of the things they do there, alongside ukulele"."""
    found = _MATCHES_ACTIVITY.search(text) if value >= W_EXACT else None
    if found is None:
        return text
    asset = p.assets[i]
    return text + side_note(asset.name, asset.activities, found[1])


def relations(interest: Interest) -> tuple[tuple[frozenset[int], float, str], ...]:
    """What the vocabulary relates to an interest, weakest first, with each relation's
    value and name (rule 49, :func:`~socialrx.matching.doing.relation_tiers`): the same
    activity in another setting or at another effort and close kin at half, a wider
    activity and one kind of it by another name at three quarters."""
    named = interest.named or interest.concepts
    return relation_tiers(
        named,
        interest.concepts - named,
        interest.broader - interest.kin,
        interest.kin,
        interest.heads,
    )


def _related_detail(
    p: PreparedCatalogue,
    c: InterestColumns,
    i: int,
    interest: Interest,
    related: frozenset[int],
    how: str,
) -> str:
    """What a match on an activity the vocabulary relates to the interest says, with the
    relation that is true (rules 27 and 49)."""
    concepts = c.concepts[i] & related
    phrase = _phrase_for(p, c, i, related)
    if talk_given(phrase) and concepts <= _talk_concepts():
        return _as_company(phrase)
    named = interest.named or interest.concepts
    if how == "kin":
        return with_note(f"the related activity '{phrase}' (both {_kin_of(concepts)})", _HALF)
    if how == "wider":
        return f"the wider activity '{phrase}'"
    if how == "narrower":
        return f"activity '{phrase}' (one kind of {_label_of(named)})"
    if concepts & interest.concepts:  # the same activity, said for a setting or effort
        return with_note(f"activity '{phrase}' (one kind of {_label_of(named)})", _HALF)
    # In the person's words, small words and all ("walking the dog", not "walking dog").
    own = said_span(interest.text, [stem(w) for w in raw_words(interest.read_as)])
    return f"the wider activity '{phrase}' (not said to be {own or interest.read_as}; {_HALF})"


_HALF = "counted at half"
"""How a looser cousin is counted, said in its reason (rule 49)."""


@cache
def _kind_wider(interest: Interest) -> frozenset[int]:
    """The activities a hobby is a kind of that are no field (rule 30): each counts as a
    wider activity, at :data:`W_KIND`; a field ("games", "crafts") is never the wider
    activity of what is under it."""
    return frozenset(k for k in interest.kind_of if not ACTIVITIES[k].field)


def as_hobby(interest: Interest) -> Interest:
    """The interest as a hobby that groups are chosen by (rules 13, 15 and 16): without
    what WordNet says it is a kind of (rule 30), a hint that counts on ``interest`` but
    does not make a group one that matches the person's hobbies — a choir is a kind of
    singing, as karaoke is, and no karaoke night. The interest itself when it has none.

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.matching.prepared import prepare
        >>> from socialrx.model import Asset
        >>> a = Asset(id="a", name="A", summary="A", status="active", last_verified="2026-01-01",
        ...           needs=["loneliness"], delivery=["phone"])
        >>> cols = InterestColumns(prepare(Catalogue([a])))
        >>> karaoke, darts = Interest.read("karaoke", cols), Interest.read("darts", cols)
        >>> as_hobby(karaoke).kind_of, as_hobby(darts) is darts
        (frozenset(), True)
    """
    if not _kind_wider(interest):
        return interest
    return replace(interest, kind_of=frozenset())


def lesser_readings(interest: Interest) -> tuple[tuple[frozenset[int], float], ...]:
    """The concepts an interest meets less surely than anything the vocabulary relates to
    it, with their values, weakest first (rule 30): a field standing in for what nothing
    here offers, and what WordNet says it is a kind of."""
    return ((interest.stand_in, W_STAND_IN), (_kind_wider(interest), W_KIND))


def _stand_in_detail(p: PreparedCatalogue, c: InterestColumns, interest: Interest, i: int) -> str:
    """What a stand-in match says (rule 30), after the person's phrase: "'bouldering':
    nothing here offers it, and activity 'gym' is another way to keep active"."""
    phrase = _phrase_for(p, c, i, interest.stand_in)
    way = _WAYS.get(_stand_in_need_of(interest) or "", "another activity of its kind")
    # Never "matches" (words15): what stands in is no match, and says so first.
    return f"{NOTHING_HERE}, and activity '{phrase}' is {way}"


def _stand_in_need_of(interest: Interest) -> str | None:
    """The need of the field that stands in for an interest."""
    for concept in sorted(interest.stand_in):
        need = stand_in_need(concept)
        if need is not None:
            return need
    return None  # pragma: no cover - a stand-in always holds its field


_WAYS = {
    "physical-activity": "another way to keep active",
    "creativity": "another way to be creative",
}
"""How a stand-in is described, by the need its field gives (rule 30)."""


def _label_of(concepts: frozenset[int]) -> str:
    """The name of what the person named ("board games")."""
    return ACTIVITIES[min(concepts)].label.lower()


def _kin_of(concepts: frozenset[int]) -> str:
    """The name of the kin group the concepts share ("needlework")."""
    parents = (b for k in sorted(concepts) for b in ACTIVITIES[k].broader if ACTIVITIES[b].kin)
    return ACTIVITIES[next(parents)].label.lower()


def _words_part(c: InterestColumns, interest: Interest, i: int) -> tuple[float, str]:
    iw = interest.words
    if not iw:
        return 0.0, ""
    for phrase, pw in c.activity_phrases[i]:
        if pw == iw:
            return W_EXACT, f"activity '{phrase}'"
    # A phrase's words count only all together (:attr:`Interest.phrase`).
    least = len(iw) if interest.phrase else 1
    named = bool(interest.concepts)
    activity = c.free_words[i] if named else c.activity_words[i]
    # Name and summary words count, unless the vocabulary decides for both (rule 34).
    text = not (interest.vocabulary_decides and c.described[i])
    told = _told(c, interest, i)
    about = interest.about if len(iw) > 1 else iw
    summary = summary_words_for(c, interest, i)
    alone = untelling_stems(hobby=interest.need is None)
    whole = whole_counts(interest)
    best, what = 0.0, ""
    for value, where in (
        (W_ACTIVITY * _share(iw, activity, least, alone, whole) * bool(told), "activities"),
        (
            W_NAME
            * _share(iw, c.name_words[i], least, alone, whole)
            * text
            * (len(iw) < 2 or _holds(c.name_about[i], about)),  # as about_rows: one word
            "name",
        ),
        (
            W_SUMMARY * _share(iw, summary, least, alone, whole) * text * _holds(summary, about),
            "summary",
        ),
    ):
        if value > best:
            best = value
            if where == "activities":
                # The activity quoted is the one met on a word that says what (rule 74).
                top = max(told, key=lambda ph: _met_on(iw & ph[1] & activity, alone))
                what = _words_met(iw, *top)
            else:
                what = f"the {where}"
    return best, what


def whole_counts(interest: Interest) -> bool:
    """Whether an interest all there in a text counts though it shares only words that
    alone tell nothing (rules 55 and 74): "a club" meets a lunch club, but a reading the
    engine made of generic words alone meets only an activity that is those words
    (:attr:`Interest.meant`: "trips to the coast" read as "trips" is no "shopping
    trips")."""
    return not (interest.meant and all_generic(interest.words))


def _met_on(shared: frozenset[str], untelling: frozenset[str]) -> tuple[int, int]:
    """How well an activity is met on ``shared`` words: first by words that say what,
    then by all (rule 74: "learning guitar" is quoted with "guitar lessons", never
    "learning English")."""
    return len(shared - untelling), len(shared)


def _words_met(said: frozenset[str], phrase: str, its: frozenset[str]) -> str:
    """What an activity met on the person's words is, in a reason (words15): it
    "matches" when one holds all the other's words ("walking" and "heritage walks",
    "cooking curries" and "cooking"); otherwise the two only share a word ("sea
    swimming" and "sea shanties"), and so do talks given and "talking books"
    (:func:`talk_given`)."""
    if said <= its or (its <= said and not talk_given(phrase)):
        return f"activity '{phrase}'"
    return shared_words(len(said & its), phrase)


def summary_words_for(c: InterestColumns, interest: Interest, i: int) -> frozenset[str]:
    """The words of row ``i``'s summary an interest may meet (rule 41): a plural noun it
    says ("books") never meets a word the summary only uses as a verb ("Book an
    appointment")."""
    verbs = c.summary_verbs[i]
    if not verbs:
        return c.summary_words[i]
    return c.summary_words[i] - (verbs & plural_nouns(interest.read_as))


def summary_rows(c: InterestColumns, interest: Interest, word: str) -> Int32Array | None:
    """The rows whose summary holds ``word`` in a sense the interest may meet (rule 41,
    :func:`summary_words_for`), sorted; None for none."""
    rows = c.post_summary.get(word)
    verbs = c.post_summary_verb.get(word)
    if rows is None or verbs is None or word not in plural_nouns(interest.read_as):
        return rows
    left = np.setdiff1d(rows, verbs, assume_unique=True).astype(np.int32)
    return left if len(left) else None


def _told(c: InterestColumns, interest: Interest, i: int) -> list[tuple[str, frozenset[str]]]:
    """The asset's activities an interest's words may meet (rule 34, :func:`about_rows`):
    for one word, every one (those the vocabulary does not name, for an interest it
    names); for several, one holding them all, or — for an interest the vocabulary does
    not name — one about a word of it (:func:`open_words`)."""
    iw = interest.words
    named = bool(interest.concepts)
    return [
        ph
        for ph, k in zip(c.activity_phrases[i], c.activity_named[i], strict=True)
        if not (named and k)
        and (len(iw) == 1 or iw <= ph[1] or (not named and _meets_what_it_is(*ph, interest)))
    ]


def _meets_what_it_is(phrase: str, said: frozenset[str], interest: Interest) -> bool:
    """Whether an activity not holding all an interest's words meets it through what it
    is about (rule 34, :func:`open_words`) — on what the interest is about, or on a word
    of the activity that only says which kind: a word that only says which kind in the
    person's phrase never meets what an activity is (rule 59: "making beats" is no "card
    *making*", "a care leaver" no "plant *care*"; "lunch out" still meets "*lunch* club").
    An interest that holds every word of an activity the vocabulary names meets it
    (:func:`holdable`: "cooking curries" is cooking)."""
    if open_words(phrase) & interest.about or which_kind(phrase) & interest.words:
        return True
    return bool(said) and said <= interest.words and holdable(phrase)


@cache
def holdable(phrase: str) -> bool:
    """Whether an interest holding every word of an activity meets it (rule 59): the
    activity names one of the vocabulary ("cooking curries" is cooking, "singing hymns"
    singing), but is not talks given ("talking books" are no talks) nor a word that
    only says which kind ("sea swimming" is no "sea").

    Example:
        >>> holdable("cooking"), holdable("talks"), holdable("sea")
        (True, False, False)
    """
    return bool(activity_concepts(phrase)) and not talk_given(phrase)


def _holds(found: frozenset[str], about: frozenset[str]) -> bool:
    """Whether a text holds a word an interest is about (rule 34)."""
    return not about.isdisjoint(found)


def _activity_posts(c: InterestColumns, interest: Interest) -> list[Int32Array | None]:
    """The rows whose activities several words of an interest may meet (rule 34): one
    about a word of it, for an interest the vocabulary does not name, or one holding
    them all."""
    named = bool(interest.concepts)
    holding = c.free_holding if named else c.holding
    posts = [] if named else [c.post_head.get(w) for w in interest.about]
    posts += [] if named else [c.post_kind.get(w) for w in interest.words]
    posts += [] if named else [c.post_held.get(ws) for ws in _held_whole(c, interest.words)]
    both = frozenset.intersection(*(holding.get(w, frozenset()) for w in interest.words))
    return posts + [c.post_phrase.get(ws) for ws in both]


def _held_whole(c: InterestColumns, said: frozenset[str]) -> set[frozenset[str]]:
    """The words of every catalogue activity that ``said`` holds whole (rule 59)."""
    return {ws for w in said for ws in c.holding.get(w, ()) if ws <= said}


def about_rows(
    c: InterestColumns, interest: Interest, where: str, rows: Int32Array
) -> BoolArray | None:
    """Which of ``rows`` (sorted) a match on some of an interest's words may count in
    (rule 34), for its words among the activities (``where="activities"``), in the name
    or in the summary; None when it has a single word (nothing to tell apart).

    Several words meet an asset only through what they are about: an interest the
    vocabulary names meets an activity only when every word is in it ("video games" is
    never "video calls"); one it does not name meets an activity about one of its words
    (:func:`open_words`: "bike repairs" is about repairs, "music studio" about music
    too) or holding them all ("five a side" in "five-a-side football"). In a name or
    summary the word the interest is about must be there ("a chat on the phone" is a
    chat, not any summary that says "phone"), and in a name it must be what the name is
    about (:func:`open_words`).
    """
    if len(interest.words) < 2:
        return None
    keep = np.zeros(len(rows), dtype=bool)
    if where == "activities":
        posts = _activity_posts(c, interest)
    else:
        posts = [
            c.post_name_about.get(w) if where == "name" else summary_rows(c, interest, w)
            for w in interest.about
        ]
    for post in posts:
        if post is not None and len(rows):
            at = np.minimum(np.searchsorted(post, rows), len(post) - 1)
            keep |= post[at] == rows
    return keep


def _share(
    said: frozenset[str],
    found: frozenset[str],
    least: int,
    untelling: frozenset[str],
    whole: bool = True,
) -> float:
    """The share of the words ``said`` that are ``found``, if at least ``least`` are; none
    when all they share are words that alone tell nothing (rule 55: "deaf club" is no book
    club; rule 59: "caribbean food" is no food bank; rule 74: "learning guitar" is no
    "learning English"), unless the interest is all there and ``whole`` counts."""
    if only_untelling(said, found, untelling, whole_counts=whole):
        return 0.0
    hits = len(said & found)
    return hits / len(said) if hits >= least else 0.0


def spelt_differently(interest: Interest, phrase: str, columns: InterestColumns) -> bool:
    """True when a close spelling of ``phrase`` may be what the interest means: each of
    its words not in the phrase is a word nobody knows. Two different words everyone
    knows are never one another: "walking" is not "talking", however alike they look.

    Example:
        >>> from socialrx.catalogue import Catalogue
        >>> from socialrx.matching.prepared import prepare
        >>> from socialrx.model import Asset
        >>> a = Asset(id="a", name="A", summary="A", status="active", last_verified="2026-01-01",
        ...           needs=["loneliness"], delivery=["phone"],
        ...           activities=["talking", "tea and chat"])
        >>> cols = InterestColumns(prepare(Catalogue([a])))
        >>> spelt_differently(Interest.read("walking", cols), "talking", cols)
        False
        >>> spelt_differently(Interest.read("tea & chat", cols), "tea and chat", cols)
        True
    """
    theirs = words(phrase)
    return all(stem(w) in theirs or _unknown(w, columns) for w in raw_words(interest.read_as))


def _fuzzy_part(
    p: PreparedCatalogue, c: InterestColumns, interest: Interest, i: int
) -> tuple[float, str]:
    query = utils.default_process(interest.read_as)
    best, what = 0.0, ""
    if query:
        for phrase in p.assets[i].activities:
            r = fuzz.ratio(query, utils.default_process(phrase))
            if r < FUZZY_CUTOFF or not spelt_differently(interest, phrase, c):
                continue
            if W_FUZZY * r / 100.0 > best:
                best, what = W_FUZZY * r / 100.0, f"activity '{phrase}'"
    return best, what


def interest_parts(
    p: PreparedCatalogue, c: InterestColumns, interest: Interest, i: int
) -> tuple[float, float, float, str]:
    """(vocabulary, words, fuzzy, what matched) for one interest and one asset row."""
    vocab, vocab_what = _vocabulary_part(p, c, interest, i)
    word_score, word_what = _words_part(c, interest, i)
    fuzzy, fuzzy_what = _fuzzy_part(p, c, interest, i)
    # On a tie the person's own words are the clearest explanation.
    best_what = max(
        (word_score, word_what), (vocab, vocab_what), (fuzzy, fuzzy_what), key=lambda t: t[0]
    )[1]
    return vocab, word_score, fuzzy, best_what
