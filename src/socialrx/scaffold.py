"""Starting a new asset file (``socialrx new``): a valid file with help on every line.

Most people adding an asset are volunteers, not programmers. ``socialrx new`` asks
a few questions (or takes them as flags), and writes a file that already loads,
with the editor's schema line at the top, a short comment above each field, and
commented-out examples of the optional fields still to fill in.

Example:
    >>> data = asset_data(name="Chair Yoga", summary="Gentle yoga sitting down.",
    ...                   needs=["exercise"], delivery=["in-person"], postcode="FY8 1DR",
    ...                   last_verified="2026-11-22")
    >>> data["needs"], data["locations"]
    (['physical-activity'], [{'postcode': 'FY8 1DR'}])
    >>> create_asset_file(data, tmp / "chair-yoga.yaml")          # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from socialrx.catalogue import modeline_for, validate_asset
from socialrx.errors import CatalogueError
from socialrx.model import ACCESS, DELIVERY, STATUSES, Asset
from socialrx.vocabulary import NEEDS, closest, resolve_need
from socialrx.yamlio import dump_yaml

__all__ = [
    "FIELD_COMMENTS",
    "asset_data",
    "asset_template",
    "create_asset_file",
    "describe_errors",
    "file_name_for",
    "unknown_need_hint",
]

FIELD_COMMENTS: dict[str, str] = {
    "id": "Stable id; the file name is used when this line is left out.",
    "name": "What people call it.",
    "summary": "One plain-English line, no jargon (up to 200 characters).",
    "description": "Longer description in plain words: what happens, who comes, what to expect.",
    "organisation": "Who runs it.",
    "activities": "What people do there, in everyday words.",
    "needs": "Needs it helps with: " + ", ".join(NEEDS) + ".",
    "delivery": "How people take part: " + ", ".join(DELIVERY) + ".",
    "access": "How people get in: " + ", ".join(ACCESS) + ".",
    "group": "Group activity or one-to-one support, and how many at once.",
    "locations": "Where it happens: a full postcode (or lat and lon) for each place.",
    "service_area": "Postcode areas, districts or sectors people must live in.",
    "schedule": 'When it runs; times are 24-hour and in quotes, e.g. "14:00".',
    "accessibility": "What the venue or activity provides, e.g. step-free, hearing-loop.",
    "cost": "What it costs: free: true, or amount and per. Leave out when unknown.",
    "eligibility": "Who may come, e.g. min_age: 55.",
    "languages": "Languages spoken, as two-letter codes (en, pl) or bsl.",
    "digital": "What people need to take part online.",
    "contact": "PUBLIC contact details only - never a private person's number or e-mail.",
    "status": "{}, {} (say why in status_note), {} or {}.".format(*STATUSES),
    "status_note": "Why it is paused or what has changed, e.g. 'Back in April'.",
    "funding": "Informational only; never used to filter.",
    "last_verified": "The date someone last checked this entry (YYYY-MM-DD).",
    "tags": "Extra vocabulary codes, e.g. openactive:chair-based-exercise.",
}
"""The short comment written above each field of a new asset file."""

# Examples of optional fields, written commented-out below the fields that were filled in.
_OPTIONAL_EXAMPLES: dict[str, str] = {
    "description": "description: |\n  What happens, who comes, what to expect.",
    "organisation": "organisation: Who runs it",
    "activities": "activities: [walking, chatting]",
    "access": "access: [drop-in, self-referral]",
    "group": "group: {kind: group, max_size: 12}",
    "schedule": 'schedule:\n  - {days: [tue], start: "14:00", end: "15:30", frequency: weekly}',
    "accessibility": "accessibility: [step-free, accessible-toilet]",
    "cost": "cost: {free: true}",
    "eligibility": "eligibility: {min_age: 55}",
    "contact": 'contact: {phone: "01632 960123", how_to_join: "Just come along."}',
    "service_area": "service_area: [FY8]",
}

_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


def file_name_for(name: str) -> str:
    """The file name for an asset called ``name``: lower-case words joined by hyphens.

    Example:
        >>> file_name_for("Knit & Natter (St Annes)")
        'knit-natter-st-annes.yaml'
    """
    return (_SLUG_CHARS.sub("-", name.casefold()).strip("-") or "new-asset") + ".yaml"


def _words(values: Iterable[str] | str | None) -> list[str]:
    """A list from repeated flags or comma-separated text ("a, b" and ["a", "b"] alike)."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    return [w.strip() for item in items for w in item.split(",") if w.strip()]


def asset_data(
    *,
    name: str,
    summary: str,
    needs: Sequence[str] | str,
    delivery: Sequence[str] | str,
    postcode: str | None = None,
    location_name: str | None = None,
    address: str | None = None,
    service_area: Sequence[str] | str | None = None,
    description: str | None = None,
    organisation: str | None = None,
    activities: Sequence[str] | str | None = None,
    access: Sequence[str] | str | None = None,
    platform: str | None = None,
    free: bool = False,
    phone: str | None = None,
    email: str | None = None,
    website: str | None = None,
    how_to_join: str | None = None,
    status: str = "active",
    status_note: str | None = None,
    last_verified: str | date | None = None,
    asset_id: str | None = None,
) -> dict[str, Any]:
    """Plain data for a new asset, checked against the format.

    Needs may be given as any word of the needs vocabulary ("lonely", "exercise");
    lists may be given as comma-separated text. ``last_verified`` defaults to today.

    Raises:
        CatalogueErrors: naming each field that is wrong, with a hint.
    """
    data: dict[str, Any] = {"id": asset_id} if asset_id else {}
    data["name"] = name.strip()
    data["summary"] = summary.strip()
    _put(data, "description", description and description.strip() + "\n")
    _put(data, "organisation", organisation and organisation.strip())
    _put(data, "activities", _words(activities))
    data["needs"] = [resolve_need(n) or n for n in _words(needs)]
    data["delivery"] = [d.lower() for d in _words(delivery)]
    _put(data, "access", _words(access))
    if postcode:
        location = {"name": location_name, "address": address, "postcode": postcode.strip()}
        data["locations"] = [_stripped(location)]
    _put(data, "service_area", _words(service_area))
    # When not free the price is unknown here: leave cost out rather than guess.
    _put(data, "cost", {"free": True} if free else None)
    if "online" in data["delivery"]:
        data["digital"] = {"needs_internet": True, **({"platform": platform} if platform else {})}
    contact = {"phone": phone, "email": email, "website": website, "how_to_join": how_to_join}
    _put(data, "contact", _stripped(contact))
    data["status"] = status
    _put(data, "status_note", status_note and status_note.strip())
    verified = last_verified or date.today()
    data["last_verified"] = verified.isoformat() if isinstance(verified, date) else verified
    # Write back the checked values, so "fy8 1dr" is saved as "FY8 1DR".
    clean = _check(data).to_data()
    if not asset_id:
        del clean["id"]
    return clean


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    """Set ``data[key]`` only when there is something to say (not None, '' or empty)."""
    if value:
        data[key] = value


def _stripped(values: Mapping[str, str | None]) -> dict[str, str]:
    """The given values, stripped, without the ones left empty."""
    return {k: v.strip() for k, v in values.items() if v}


def _check(data: Mapping[str, Any]) -> Asset:
    return validate_asset({"id": "new-asset", **data}, source="new asset")


def asset_template(
    data: Mapping[str, Any],
    file: str | Path,
    *,
    today: date | None = None,
) -> str:
    """The text of a new asset file: modeline, a comment above each field, examples.

    The text loads as an asset (comments are ignored); optional fields that were not
    given follow at the end as commented-out examples to fill in.
    """
    day = (today or date.today()).isoformat()
    lines = [
        modeline_for(file),
        f"# Started with 'socialrx new' on {day}. Check every line before you send it.",
        "# Lines starting with # are notes and are ignored; a field reference is in",
        "# CONTRIBUTING.md.",
    ]
    for key, value in data.items():
        lines.append("")
        lines.extend(_comment(FIELD_COMMENTS.get(key, key)))
        lines.append(_field(key, value))
    missing = [k for k in _OPTIONAL_EXAMPLES if k not in data]
    if missing:
        lines += ["", "# More fields you can add: remove the '# ' in front of the lines."]
        for key in missing:
            lines.append("")
            lines.extend(_comment(FIELD_COMMENTS[key]))
            lines.extend(f"# {line}" for line in _OPTIONAL_EXAMPLES[key].splitlines())
    return "\n".join(lines) + "\n"


def _comment(text: str) -> list[str]:
    return [f"# {line}" for line in textwrap.wrap(text, width=88, break_on_hyphens=False)]


_FLOW_ITEM = re.compile(r"^[a-z][a-z0-9-]*(?: [a-z0-9-]+)*$")
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _field(key: str, value: Any) -> str:
    """One field as YAML; short lists of plain words on one line, as people write them."""
    if (
        isinstance(value, list)
        and value
        and all(
            isinstance(v, str) and _FLOW_ITEM.match(v) and v not in _YAML11_WORDS for v in value
        )
    ):
        line = f"{key}: [{', '.join(value)}]"
        if len(line) <= 100:
            return line
    return dump_yaml({key: value}).rstrip("\n")


def create_asset_file(
    data: Mapping[str, Any], file: str | Path, *, today: date | None = None
) -> Path:
    """Write a new asset file, refusing to replace one that exists.

    The file appears whole or not at all: the text is written to a temporary file in
    the same folder, then hard-linked into place, which fails if the name was taken
    meanwhile (so two people running this at once cannot overwrite each other).

    Raises:
        FileExistsError: the file already exists.
        CatalogueErrors: the data is not a valid asset.
    """
    target = Path(file)
    _check(data)
    if target.exists():
        raise FileExistsError(
            f"{target} already exists; 'socialrx new' never replaces a file "
            "(choose another name with --output, or edit the file itself)"
        )
    text = asset_template(data, target, today=today)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: check again, then replace
            if target.exists():
                raise FileExistsError(f"{target} already exists") from None
            os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return target


def unknown_need_hint(word: str) -> str:
    """A "did you mean" for a need word that is not in the vocabulary."""
    found = closest(word, [w for n in NEEDS.values() for w in (n.id, *n.synonyms)])
    meant = resolve_need(found) if found else None
    return f"did you mean '{meant}'?" if meant else "choose from: " + ", ".join(NEEDS)


def describe_errors(errors: Iterable[CatalogueError], flags: Mapping[str, str]) -> list[str]:
    """Problems with answers, named by the flag (``--needs``) a person typed."""
    out = []
    for e in errors:
        top = e.field.split(".")[0]
        label = flags.get(top, top)
        hint = f" — {e.hint}" if e.hint else ""
        out.append(f"{label}: {e.message}{hint}")
    return out
