"""Matching one person, and explaining one result: ``socialrx match`` and ``socialrx why``."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import TYPE_CHECKING

from socialrx.catalogue import load_person, person_from_data
from socialrx.errors import (
    PersonError,
    PostcodeError,
    UnknownAssetError,
)
from socialrx.matching import default_policy, explain, load_policy, match
from socialrx.matching.prepared import keep_prepared
from socialrx.output import atomic_write_text
from socialrx.views.html import result_html
from socialrx.views.text import explanation_text, result_text

if TYPE_CHECKING:
    from socialrx.catalogue import Catalogue
    from socialrx.matching import Policy
    from socialrx.model import Person

from socialrx.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    _add_strict,
    _iso_date,
    _positive_int,
    _use_catalogue,
)


def _add_person_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--catalogue",
        metavar="PATH",
        help="catalogue folder or files (default: the example catalogue shipped with socialrx)",
    )
    p.add_argument(
        "--person",
        metavar="FILE",
        help="a person profile (YAML or JSON); the options below override it",
    )
    p.add_argument("--postcode", help="where the person lives, e.g. 'FY8 2NP'")
    p.add_argument("--age", type=int, help="age in years")
    p.add_argument("--needs", metavar="LIST", help="comma-separated, e.g. 'lonely,exercise'")
    p.add_argument(
        "--interests",
        metavar="LIST",
        help="comma-separated, in the person's words, e.g. 'dancing,music'",
    )
    p.add_argument(
        "--digital", choices=("none", "limited", "confident"), help="internet access and confidence"
    )
    p.add_argument("--max-km", type=float, metavar="KM", help="furthest they will travel")
    p.add_argument(
        "--accessibility",
        metavar="LIST",
        help="features they need, comma-separated, e.g. 'step-free'",
    )
    p.add_argument("--delivery", metavar="LIST", help="acceptable ways, e.g. 'phone,outdoor'")
    p.add_argument(
        "--circumstances",
        metavar="LIST",
        help="who they are, for groups meant for someone, e.g. 'carer,bereaved'; "
        "'none' when none apply (absent: not known)",
    )
    p.add_argument(
        "--shielding",
        action="store_true",
        default=None,
        help="only outdoor, phone, online or home visits",
    )
    p.add_argument("--policy", metavar="FILE", help="your own scoring weights (policy.yaml)")
    _add_strict(p)
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        help="date to measure freshness from (default: today)",
    )


def _circumstances(text: str | None) -> list[str] | None:
    """``--circumstances``: a list, ``none`` (known: none apply) or absent (not known)."""
    if text is None:
        return None
    if text.strip().lower() == "none":
        return []
    return [w.strip() for w in text.split(",") if w.strip()]


def _person_from_args(args: argparse.Namespace) -> Person:

    data: dict[str, object] = {}
    if args.person:
        data = load_person(args.person).model_dump(exclude_unset=True)

    def split(text: str) -> list[str]:
        return [w.strip() for w in text.split(",") if w.strip()]

    flags = {
        "postcode": args.postcode,
        "age": args.age,
        "digital": args.digital,
        "max_travel_km": args.max_km,
        "shielding": args.shielding,
        "needs": split(args.needs) if args.needs else None,
        "interests": split(args.interests) if args.interests else None,
        "accessibility": split(args.accessibility) if args.accessibility else None,
        "delivery": split(args.delivery) if args.delivery else None,
        "circumstances": _circumstances(args.circumstances),
    }
    data.update({k: v for k, v in flags.items() if v is not None})
    if "postcode" in flags and args.postcode:
        data.pop("lat", None)
        data.pop("lon", None)
    return person_from_data(data, source=args.person or "command line")


_PERSON_DETAILS = (
    "person",
    "postcode",
    "age",
    "needs",
    "interests",
    "digital",
    "max_km",
    "accessibility",
    "delivery",
    "shielding",
)


_PERSON_FLAGS = {
    "postcode": "--postcode",
    "age": "--age",
    "needs": "--needs",
    "interests": "--interests",
    "digital": "--digital",
    "max_travel_km": "--max-km",
    "accessibility": "--accessibility",
    "delivery": "--delivery",
    "circumstances": "--circumstances",
    "shielding": "--shielding",
}


_FROM_FLAGS = re.compile(r"^command line:\d+:\d+: (\w+)(?:\.\S*)?: ", re.M)


def _flag_problems(args: argparse.Namespace, exc: PersonError) -> int | None:
    """Print problems in person values typed as flags (a usage problem, exit 2, like any
    other flag), or return None when the profile came from a file (invalid data)."""
    if args.person:
        return None
    text = _FROM_FLAGS.sub(lambda m: f"{_PERSON_FLAGS.get(m[1], m[1])}: ", str(exc))
    for line in text.splitlines():
        print(f"socialrx {args.command}: error: {line}", file=sys.stderr)
    return EXIT_USAGE


def _match_setup(args: argparse.Namespace) -> tuple[Person, Catalogue, Policy]:

    if all(getattr(args, name) is None for name in _PERSON_DETAILS):
        print(
            "socialrx: warning: no person details given (--person FILE, or --postcode, "
            "--needs, --interests, …); matching for someone we know nothing about",
            file=sys.stderr,
        )
    person = _person_from_args(args)
    catalogue = _use_catalogue(args)
    policy = load_policy(args.policy) if args.policy else default_policy()
    return person, catalogue, policy


def add_match(sub: Commands) -> None:
    p = sub.add_parser(
        "match",
        description="Rank the catalogue's activities and services for one person, with "
        "reasons you can read aloud, and list what was left out and why. The person's "
        "details stay in memory; nothing about them is written unless you ask for -o.",
    )
    _add_person_options(p)
    p.add_argument(
        "--limit",
        type=_positive_int,
        default=10,
        metavar="N",
        help="how many matches to show (default: 10)",
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "html"),
        default="text",
        help="text cards for the phone, json for tools, html for a printable page",
    )
    p.add_argument(
        "--excluded",
        choices=("full", "summary"),
        help="list every left-out asset with its reasons, or count them per reason "
        "(default: full for json, summary for text)",
    )
    p.add_argument(
        "--online-contacts",
        action="store_true",
        help="html: show e-mail and web addresses even for someone with no internet",
    )
    p.add_argument(
        "--no-variety",
        action="store_true",
        help="plain score order, without re-ranking the top for variety",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to this file instead of the screen"
    )
    p.set_defaults(run=_run_match)


def _setup_or_exit_code(args: argparse.Namespace) -> tuple[Person, Catalogue, Policy] | int:
    """The person, catalogue and policy of ``match`` / ``why``, or the exit code after a
    profile problem has been reported."""
    try:
        return _match_setup(args)
    except PersonError as exc:
        code = _flag_problems(args, exc)
        if code is None:
            raise
        return code


def _postcode_problem(args: argparse.Namespace, exc: PostcodeError) -> int:
    """A postcode that cannot be placed, said without repeating it (it is the person's)."""
    said = str(exc.without_value())
    if args.person and args.postcode is None:
        print(f"socialrx: {args.person}: {said}", file=sys.stderr)
        return EXIT_INVALID
    print(f"socialrx {args.command}: error: --{said}", file=sys.stderr)
    return EXIT_USAGE


def _run_match(args: argparse.Namespace) -> int:
    setup = _setup_or_exit_code(args)
    if isinstance(setup, int):
        return setup
    person, catalogue, policy = setup
    try:
        result = match(
            person,
            catalogue,
            limit=args.limit,
            policy=policy,
            today=args.today,
            variety=not args.no_variety,
        )
    except PostcodeError as exc:
        return _postcode_problem(args, exc)
    if not args.no_cache:
        keep_prepared(catalogue)  # the next run reads the columns instead of building them
    if args.format == "json":
        text = result.to_json(excluded=args.excluded or "full") + "\n"
    elif args.format == "html":
        online = person.digital != "none" or args.online_contacts
        text = result_html(result, online=online)
    else:
        text = result_text(result, excluded=args.excluded or "summary")
    if args.output:
        atomic_write_text(args.output, text)
        print(f"Wrote {len(result.matches)} matches to {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def add_why(sub: Commands) -> None:
    p = sub.add_parser(
        "why",
        description="Show every hard constraint and every scoring factor for one asset and "
        "one person; for an asset left out, the smallest change that would include it.",
    )
    p.add_argument("asset", metavar="ASSET_ID", help="the asset's id")
    _add_person_options(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=_run_why)


def _run_why(args: argparse.Namespace) -> int:
    setup = _setup_or_exit_code(args)
    if isinstance(setup, int):
        return setup
    person, catalogue, policy = setup
    try:
        ex = explain(args.asset, person, catalogue, policy=policy, today=args.today)
    except UnknownAssetError as exc:  # the id was typed on the command line: usage
        print(f"socialrx why: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PostcodeError as exc:
        return _postcode_problem(args, exc)
    if args.format == "json":
        print(json.dumps(ex.to_dict(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(explanation_text(ex))
    return EXIT_OK
