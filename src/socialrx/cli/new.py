"""Starting a new asset file: ``socialrx new``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from socialrx.cli._common import (
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    _iso_date,
)
from socialrx.errors import (
    CatalogueErrors,
)
from socialrx.model import ACCESS, DELIVERY, PLACE_DELIVERY, STATUSES
from socialrx.scaffold import (
    asset_data,
    create_asset_file,
    describe_errors,
    file_name_for,
    unknown_need_hint,
)
from socialrx.vocabulary import NEEDS, closest, resolve_need

_NEW_FLAGS = {
    "name": "--name",
    "summary": "--summary",
    "needs": "--needs",
    "delivery": "--delivery",
    "locations": "--postcode",
    "service_area": "--service-area",
    "activities": "--activities",
    "access": "--access",
    "contact": "--phone/--email/--website",
    "status": "--status",
    "last_verified": "--last-verified",
    "id": "--id",
    "digital": "--platform",
}


def add_new(sub: Commands) -> None:
    p = sub.add_parser(
        "new",
        description="Write a new asset file with the schema line and a short note on each "
        "field. Missing answers are asked for when run in a terminal; without one, give "
        "--name, --summary, --needs, --delivery (and --postcode for in-person or outdoor "
        "assets). An existing file is never replaced.",
    )
    p.add_argument("--name", help="what people call it")
    p.add_argument("--summary", help="one plain-English line (up to 200 characters)")
    p.add_argument(
        "--needs",
        action="append",
        metavar="NEED",
        help="needs it helps with, comma-separated or repeated (e.g. loneliness)",
    )
    p.add_argument(
        "--delivery",
        action="append",
        metavar="MODE",
        help=f"{', '.join(DELIVERY[:-1])} or {DELIVERY[-1]} (comma-separated)",
    )
    p.add_argument("--postcode", help="full postcode of the place (in-person and outdoor)")
    p.add_argument("--location-name", help="what the place is called")
    p.add_argument("--address", help="street address of the place")
    p.add_argument(
        "--service-area",
        action="append",
        metavar="PREFIX",
        help="postcode areas, districts or sectors served (e.g. FY8)",
    )
    p.add_argument("--description", help="a longer description")
    p.add_argument("--organisation", help="who runs it")
    p.add_argument(
        "--activities", action="append", metavar="ACTIVITY", help="what people do, comma-separated"
    )
    p.add_argument(
        "--access",
        action="append",
        metavar="ROUTE",
        help=", ".join(ACCESS),
    )
    p.add_argument("--platform", help="for online assets: Zoom, WhatsApp, …")
    p.add_argument("--free", action="store_true", help="it costs nothing")
    p.add_argument("--phone", help="PUBLIC phone number")
    p.add_argument("--email", help="PUBLIC e-mail address")
    p.add_argument("--website", help="web page")
    p.add_argument("--how-to-join", help="what a person does to start")
    p.add_argument(
        "--status",
        default="active",
        choices=STATUSES,
    )
    p.add_argument("--status-note", help="why it is paused, or what changed")
    p.add_argument(
        "--last-verified",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="when it was checked (default: today)",
    )
    p.add_argument("--id", dest="asset_id", help="an id other than the file name")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--output", "-o", metavar="FILE", help="the file to create")
    where.add_argument(
        "--folder",
        metavar="DIR",
        default=".",
        help="folder for the file, named after the asset (default: here)",
    )
    p.add_argument(
        "--no-input", action="store_true", help="never ask questions, even in a terminal"
    )
    p.set_defaults(run=_run_new)


def _modes(delivery: Sequence[str] | None) -> set[str]:
    """The delivery modes named in ``--delivery`` values (each may be comma-separated)."""
    return {m.strip().lower() for d in delivery or () for m in d.split(",")}


def _missing_for_new(args: argparse.Namespace) -> list[str]:
    missing = [
        flag
        for key, flag in (
            ("name", "--name"),
            ("summary", "--summary"),
            ("needs", "--needs"),
            ("delivery", "--delivery"),
        )
        if not getattr(args, key)
    ]
    if _modes(args.delivery) & PLACE_DELIVERY and not args.postcode:
        missing.append("--postcode")
    return missing


def _ask(question: str, *, required: bool = False) -> str:
    """One answer from the terminal; a required question is asked until answered."""
    while True:
        answer = input(f"{question}{'' if required else ' (Enter to skip)'}: ").strip()
        if answer or not required:
            return answer
        print("  This one is needed.")


def _ask_list(question: str) -> list[str]:
    return [w.strip() for w in _ask(question, required=True).split(",")]


def _ask_needs() -> list[str]:
    while True:
        print("  Needs: " + ", ".join(NEEDS))
        words = [w for w in _ask_list("Which needs does it help with? (comma-separated)") if w]
        unknown = [w for w in words if resolve_need(w) is None]
        if words and not unknown:
            return words
        if unknown:
            print(f"  '{unknown[0]}' is not a known need; {unknown_need_hint(unknown[0])}")


def _ask_delivery() -> list[str]:
    while True:
        words = [w.lower() for w in _ask_list("How do people take part? " + ", ".join(DELIVERY))]
        wrong = [w for w in words if w not in DELIVERY]
        if not wrong:
            return words
        meant = closest(wrong[0], list(DELIVERY))
        hint = f"did you mean '{meant}'? " if meant else ""
        print(
            f"  '{wrong[0]}' is not a way of taking part; {hint}Choose from: {', '.join(DELIVERY)}"
        )


def _ask_where(args: argparse.Namespace) -> None:
    modes = _modes(args.delivery)
    if modes & PLACE_DELIVERY:
        if not args.postcode:
            args.postcode = _ask("What is the full postcode of the place?", required=True)
        if not args.location_name:
            args.location_name = _ask("What is the place called?")
    if "online" in modes and not args.platform:
        args.platform = _ask("Which app or website is used (e.g. Zoom)?")


_NEW_QUESTIONS = (
    ("organisation", "Who runs it?"),
    ("phone", "PUBLIC phone number"),
    ("email", "PUBLIC e-mail address"),
    ("website", "Web page (https://…)"),
    ("how_to_join", "How does a person join?"),
)


def _ask_new(args: argparse.Namespace) -> None:
    """Ask for each answer not given as a flag (required ones until answered)."""
    print(
        "A few questions about the asset. Press Ctrl+C to stop; nothing is written until the end."
    )
    if not args.name:
        args.name = _ask("What is it called?", required=True)
    if not args.summary:
        args.summary = _ask("In one line, what is it? (up to 200 characters)", required=True)
    if not args.needs:
        args.needs = _ask_needs()
    if not args.delivery:
        args.delivery = _ask_delivery()
    _ask_where(args)
    for key, question in _NEW_QUESTIONS:
        if not getattr(args, key):
            setattr(args, key, _ask(question) or None)
    if not args.free:
        args.free = _ask("Is it free? (y/n)").lower().startswith("y")


def _run_new(args: argparse.Namespace) -> int:
    missing = _missing_for_new(args)
    if missing and not args.no_input and sys.stdin.isatty():
        try:
            _ask_new(args)
        except (EOFError, KeyboardInterrupt):
            print("\nStopped; no file was written.", file=sys.stderr)
            return EXIT_USAGE
        missing = _missing_for_new(args)
    if missing:
        print(
            f"socialrx new: missing {', '.join(missing)} (give them as flags, or run "
            "in a terminal to be asked)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        data = asset_data(
            name=args.name,
            summary=args.summary,
            needs=args.needs,
            delivery=args.delivery,
            postcode=args.postcode,
            location_name=args.location_name,
            address=args.address,
            service_area=args.service_area,
            description=args.description,
            organisation=args.organisation,
            activities=args.activities,
            access=args.access,
            platform=args.platform,
            free=args.free,
            phone=args.phone,
            email=args.email,
            website=args.website,
            how_to_join=args.how_to_join,
            status=args.status,
            status_note=args.status_note,
            last_verified=args.last_verified,
            asset_id=args.asset_id,
        )
    except CatalogueErrors as exc:
        for line in describe_errors(exc.errors, _NEW_FLAGS):
            print(f"socialrx new: {line}", file=sys.stderr)
        return EXIT_USAGE
    target = (
        Path(args.output)
        if args.output
        else Path(args.folder) / file_name_for(args.asset_id or args.name)
    )
    try:
        create_asset_file(data, target)
    except FileExistsError as exc:
        print(f"socialrx new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {target}. Check it, then run: socialrx check {target}")
    return EXIT_OK
