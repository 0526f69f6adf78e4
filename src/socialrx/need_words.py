"""Reading the needs a record's words suggest: an entry that does not say what it helps with.

An imported record rarely tags needs (Open Referral feeds seldom do), and a hand-written
entry may leave them out; its name, categories and description still say a good deal
("Knit & Natter … for lonely people"). :func:`infer_needs` reads them: the importer
fills ``needs`` with what it reads (marked as inferred, for a person to check), and
matching reads an entry that records none the same way, counting what it reads as
uncertain (``docs/matching.md``, rule 20).

Example:
    >>> infer_needs("Sidley Community Larder", ["Surplus food, free to anyone."], [])
    ['food']
    >>> physical_activity_in("Squash club")
    True
"""

from __future__ import annotations

import re
from functools import cache

from socialrx.vocabulary import NEEDS, activity_concepts, resolve_need

__all__ = ["infer_needs", "physical_activity_in"]


# Synonyms that mislead when they appear in a long description ("home", "online",
# "work" occur in almost every one); they still count in names and categories.
_WEAK = {
    "home",
    "online",
    "internet",
    "loss",
    "company",
    "work",
    "skills",
    "weight",
    "pain",
    "recovery",
    "job",
    "course",
    "courses",
    "classes",
    "art",
    "finance",
    "zoom",
    "rent",
    "bills",
    "movement",
    "sport",
    "walking",
    "family",
    "children",
    "caring",
    "diet",
    "walk",
    "walks",
    "games",
    "chat",
    "workshop",
    "library",
    "band",
    "therapy",
    "film",
    "films",
    "youth",
    "running",
    "drama",
    "baby",
    "wi",
    "money",
    "benefits",
}


def _words(need: str, text: str) -> dict[str, str]:
    return {w.strip(): need for w in text.split(",")}


# Words in real community directories that the needs vocabulary does not list: the
# names of activities (Open Referral feeds rarely tag needs). Inferred needs are
# always marked in source.inferred for a person to check.
_EXTRA_NEEDS = {
    **_words(
        "loneliness",
        "social activity, peer group, befriend, coffee morning, cuppa, "
        "social group, social club, luncheon club, lunch club, breakfast club, meet and "
        "eat, bingo, board games, card games, games, natter, over 60s, fellowship, "
        "community cafe, men in sheds, mens shed, men's shed, women's institute, wi, "
        "chat, coffee and chat",
    ),
    **_words(
        "physical-activity",
        "physical activity, dance, dancing, bowls, bowling, yoga, "
        "pilates, tai chi, taiji, kickboxing, taekwondo, karate, boxercise, circuits, "
        "football, tennis, table tennis, archery, athletics, running, cycling, swimming, "
        "zumba, walks, walk, aerobics, clubbercise, strength and balance, canoe, kayak, "
        "horse riding, kurling, hiit, gym, netball, badminton, cricket, golf, rambling, "
        "personal training, morris, line dancing, tea dance",
    ),
    **_words(
        "creativity",
        "knit, knitting, crochet, embroidery, sewing, crafternoon, choir, "
        "band, concert, theatre, comedy, film, films, cinema, drama, painting, drawing, "
        "photography, jewellery, book binding, modelling, bell ringing, piano, ukulele",
    ),
    **_words(
        "learning",
        "training sessions, book club, reading group, reading groups, "
        "lecture, history group, esol, u3a, workshop, first aid, library",
    ),
    **_words(
        "families",
        "baby, babies, toddler, toddlers, antenatal, breastfeeding, "
        "stay and play, soft play, mums, dads, grandparents, youth",
    ),
    **_words(
        "mental-wellbeing", "counselling, meditation, mindfulness, crisis, therapy, relaxation"
    ),
    **_words("work-volunteering", "volunteering opportunity"),
    **_words("housing", "homeless"),
    **_words("bereavement", "bereaved"),
    **_words("long-term-conditions", "dementia, chronically ill, chronicallyill"),
    **_words("money", "universal credit"),
}


@cache
def _need_patterns(strong: bool) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each need's words as one pattern (compiled on first use: matching reads words only
    for entries that do not record their needs)."""
    out = []
    for need in NEEDS.values():
        words = {need.id.replace("-", " "), need.label.casefold(), *need.synonyms}
        words |= {w for w, n in _EXTRA_NEEDS.items() if n == need.id}
        if not strong:
            words -= _WEAK
        alternatives = "|".join(
            sorted((re.escape(w).replace(r"\ ", r"[\s\-]+") for w in words), key=len, reverse=True)
        )
        out.append((need.id, re.compile(rf"\b(?:{alternatives})\b", re.I)))
    return tuple(out)


_OPENACTIVE_CONCEPTS = 768
"""data/activities.json lists the OpenActive Activity List's 768 concepts first; the
socialrx additions after them (music, knitting, conversation…) are not sport."""


def physical_activity_in(text: str) -> bool:
    """True when a phrase of up to three words names an OpenActive physical activity.

    Example:
        >>> physical_activity_in("Squash club"), physical_activity_in("Art club")
        (True, False)
    """
    words = re.findall(r"[\w'-]+", text)[:30]
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            found = activity_concepts(" ".join(words[start : start + size]))
            if any(c < _OPENACTIVE_CONCEPTS for c in found):
                return True
    return False


_ALONE = re.compile(
    r"\b(do not|don't|does not|doesn't) have (any )?(family|friends)( or (family|friends))?|"
    r"\bno (family|friends) (or|and) (family|friends)\b|\bon (their|your) own\b",
    re.I,
)
"""Loneliness said in other words ("people who do not have family or friends")."""


def infer_needs(name: str, texts: list[str], hints: list[str], *, limit: int = 3) -> list[str]:
    """Needs suggested by a record's words: category terms and the name count most.

    Example:
        >>> infer_needs("Knit & Natter", ["A friendly craft group for lonely people."], [])
        ['loneliness', 'creativity']
    """
    score: dict[str, int] = {}
    for hint in hints:
        need = resolve_need(hint) or _EXTRA_NEEDS.get(" ".join(hint.casefold().split()))
        if need:
            score[need] = score.get(need, 0) + 5
        for need_id, pattern in _need_patterns(strong=True):
            if pattern.search(hint):
                score[need_id] = score.get(need_id, 0) + 3
    for need_id, pattern in _need_patterns(strong=True):
        if pattern.search(name):
            score[need_id] = score.get(need_id, 0) + 3
    # Every activity of the OpenActive list (squash, boxing fitness…) is physical activity.
    if any(physical_activity_in(t) for t in (name, *hints)):
        score["physical-activity"] = score.get("physical-activity", 0) + 3
    body = "\n".join(texts)
    if _ALONE.search(body):
        score["loneliness"] = score.get("loneliness", 0) + 3
    for need_id, pattern in _need_patterns(strong=False):
        hits = len(pattern.findall(body))
        if hits:
            score[need_id] = score.get(need_id, 0) + min(hits, 3)
    order = list(NEEDS)
    ranked = sorted(score, key=lambda n: (-score[n], order.index(n)))
    return ranked[:limit]
