"""The ``socialrx`` command line.

Exit codes: 0 when all is well, 1 when the data is invalid (or a check fails),
2 for a usage problem (unknown option, missing file). Bad data never produces a
bare traceback: every :class:`~socialrx.errors.SocialRxError` is printed plainly.

Each sub-command lives in a module of this package with a pair of functions:
``add_<name>`` declares its arguments and ``_run_<name>`` does the work and returns
the exit code. Register new ones in ``_COMMANDS`` (name, module, one-line help): a
command's module is imported only when that command is parsed, so ``socialrx match``
does not load the import, gaps or site code, and ``socialrx --help`` loads none.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import errno
import importlib
import io
import os
import re
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any, NamedTuple, NoReturn, TextIO

from socialrx.__about__ import __version__
from socialrx.cli._common import (
    EXIT_BUG,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    Commands,
)
from socialrx.errors import SelectionError, SocialRxError
from socialrx.output import printable

__all__ = ["main"]


# ------------------------------------------------------------------ the parser

_INWARD_CODE = re.compile(r"^[0-9][A-Za-z]{2}$")
"""The second half of a postcode ("2NP"), left over when a postcode was not quoted."""


class _Parser(argparse.ArgumentParser):
    """argparse, with help for the mistakes people make on the command line.

    An unknown option gets a "did you mean" from the command's own options; the second
    half of an unquoted postcode gets a hint to quote it; ``socialrx`` on its own lists
    the commands. Messages never repeat a value given for a person.
    """

    def parse_args(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        namespace: argparse.Namespace | None = None,
    ) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = _command_parser(self, getattr(parsed, "command", None))
            command.error(_unexpected(extras, command))
        return parsed

    def error(self, message: str) -> NoReturn:
        if "required: COMMAND" in message:
            self.print_help(sys.stderr)
            self.exit(EXIT_USAGE, "\nsocialrx: give a command, e.g. socialrx match --help\n")
        super().error(message)


def _command_parser(parser: argparse.ArgumentParser, name: str | None) -> argparse.ArgumentParser:
    """The sub-command's own parser (or ``parser`` itself when there is none)."""
    for action in parser._actions:
        if isinstance(action, _Commands) and name in action.choices:
            return action.load(name)
    return parser


def _unexpected(extras: Sequence[str], parser: argparse.ArgumentParser) -> str:
    """What was not understood, with the likely fix; never the values themselves."""
    for word in extras:
        if word.startswith("-"):
            flag = word.split("=", 1)[0]
            known = [o for a in parser._actions for o in a.option_strings if o.startswith("--")]
            close = difflib.get_close_matches(flag, known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]}?" if close else f"; see {parser.prog} --help"
            return f"unknown option {flag}{hint}"
    if any(_INWARD_CODE.match(word) for word in extras):
        return (
            "a postcode has a space in it, so put it in quotes: --postcode 'FY8 2NP' "
            "(the second half was read as a separate word)"
        )
    count = len(extras)
    return (
        f"{count} unexpected word{'s' if count != 1 else ''} on the command line; "
        f"put values with spaces in quotes (see {parser.prog} --help)"
    )


def add_help(sub: Commands) -> None:
    p = sub.add_parser(
        "help",
        description="List every command, or show the options of one (socialrx help match).",
    )
    p.add_argument("topic", nargs="?", metavar="COMMAND", help="a command to explain")
    p.set_defaults(run=_run_help)


def _run_help(args: argparse.Namespace) -> int:
    parser = _parser(lazy=True)
    command = _command_parser(parser, args.topic)
    if args.topic and command is parser:
        names = [
            n
            for a in parser._actions
            if isinstance(a, argparse._SubParsersAction)
            for n in a.choices
        ]
        close = difflib.get_close_matches(args.topic, names, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        print(f"socialrx: error: no command '{args.topic}'{hint}", file=sys.stderr)
        return EXIT_USAGE
    command.print_help()
    return EXIT_OK


# Commands that load a catalogue, so take --no-cache.
_LOADS_CATALOGUE = ("validate", "batch", "gaps", "export", "match", "why", "site")


# ------------------------------------------------------------------ main


class _Command(NamedTuple):
    name: str
    module: str
    """Under ``socialrx.cli``; it has ``add_<name>`` (``-`` read as ``_``)."""
    help: str
    """The one line ``socialrx --help`` shows: here, so listing loads no command module."""


_COMMANDS = (
    _Command("validate", "validate", "check that catalogue files are valid"),
    _Command("schema", "schema", "print the JSON Schema of a file format"),
    _Command("batch", "batch", "match every person in a CSV file"),
    _Command("gaps", "gaps", "report where needs go unmet, by postcode sector"),
    _Command("check", "check", "look for stale, duplicate or doubtful entries in a catalogue"),
    _Command("new", "new", "start a new asset file (asks questions, or takes flags)"),
    _Command("export", "export", "write a catalogue as Open Referral HSDS 3.0 or a spreadsheet"),
    _Command("import", "imports", "read an Open Referral feed or a spreadsheet into asset files"),
    _Command("match", "match", "match a person to the catalogue"),
    _Command("why", "match", "explain one asset's result for a person (why, or why not?)"),
    _Command("site", "site", "build a static public website of the catalogue"),
    _Command("stale", "upkeep", "a call list of entries due a check, for a ring-round"),
    _Command("verify", "upkeep", "record that entries were checked (edits last_verified in place)"),
    _Command("set-status", "upkeep", "change the status of every entry a selection picks"),
    _Command(
        "require-verified",
        "upkeep",
        "refuse changed asset files whose last_verified was not updated (pre-commit)",
    ),
    _Command("cache", "cache", "show or clear the catalogue cache"),
    _Command(
        "serve",
        "serve",
        "publish the catalogue as an Open Referral UK (HSDS 3.0) API, with matching",
    ),
    _Command("example-person", "example", "print Dorothy's profile, to try match on"),
    _Command("help", "", "list the commands, or show one command's options"),
)


class _Slot:
    """One placeholder sub-parser, handed to a command's ``add_<name>`` in place of
    argparse's sub-parsers: its ``add_parser`` fills the placeholder in."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self._parser = parser

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        for key, value in kwargs.items():  # description, …
            setattr(self._parser, key, value)
        return self._parser


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """argparse's sub-parsers, each declared from its module only when it is needed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded: set[str] = set()
        for command in _COMMANDS:
            self.add_parser(command.name, help=command.help)

    def load(self, name: str) -> argparse.ArgumentParser:
        """The command's parser, with its options declared (importing its module once)."""
        parser: argparse.ArgumentParser = self.choices[name]
        if name in self._loaded:
            return parser
        self._loaded.add(name)
        command = next(c for c in _COMMANDS if c.name == name)
        module = (
            importlib.import_module(f"{__name__}.{command.module}")
            if command.module
            else sys.modules[__name__]
        )
        getattr(module, "add_" + name.replace("-", "_"))(_Slot(parser))
        if name in _LOADS_CATALOGUE:
            parser.add_argument(
                "--no-cache",
                action="store_true",
                help="read every catalogue file again; neither use nor update the cache",
            )
        return parser

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        if values and values[0] in self.choices:
            self.load(values[0])
        super().__call__(parser, namespace, values, option_string)


def _parser(*, lazy: bool = False) -> argparse.ArgumentParser:
    """The ``socialrx`` parser; with ``lazy``, each command is declared when it is parsed.

    The command line itself is lazy; the whole parser (every command's options) is for
    the documentation and the tests that read it.
    """
    parser = _Parser(
        prog="socialrx",
        description="Community assets for social prescribing, matched to people with "
        "reasons you can read aloud.",
    )
    parser.add_argument("--version", action="version", version=f"socialrx {__version__}")
    parser.add_subparsers(
        action=_Commands,
        dest="command",
        metavar="COMMAND",
        required=True,
        parser_class=argparse.ArgumentParser,  # _Parser's checks run once, at the top
    )
    if not lazy:
        for command in _COMMANDS:
            _command_parser(parser, command.name)
    return parser


class _Printable:
    """A text stream that drops terminal control characters from what is written.

    Everything socialrx prints goes through one of these (see :func:`main`), so a
    name or file name holding ``ESC[2J`` cannot clear or rewrite a link worker's
    screen.
    """

    def __init__(self, stream: TextIO | None, name: str) -> None:
        # Python sets sys.stdout to None when socialrx is started with it closed
        # (`socialrx match ... >&-`); writing then says so in one line instead of
        # failing inside socialrx.
        self._stream = stream if stream is not None else _Closed(name)

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding, …
        return getattr(self._stream, name)


class _Closed(io.StringIO):
    """A standard stream the shell closed: writing to it is an error that names it."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, f"{self._name} is closed, so nothing could be printed")


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every ``finally`` (temporary files) runs."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


def _os_error(exc: OSError) -> str:
    """One line for an operating-system error: what, which file, and the system's reason."""
    name = f" {exc.filename}" if exc.filename else ""
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileExistsError):
        return f"cannot create{name}: it already exists (give another name)"
    if isinstance(exc, PermissionError):
        return f"permission denied:{name} (check who may read or write it)"
    if exc.errno == errno.ENOSPC:
        return f"no space left on the disk while writing{name}; nothing was replaced"
    return f"{reason}:{name}" if name else reason


def _run(args: argparse.Namespace) -> int:
    """Run one command, turning every expected failure into a one-line message."""
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        # Temporary files were removed by the writers' own clean-up on the way out.
        print("\nsocialrx: stopped; no partial output was left behind.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except SelectionError as exc:  # a --where, status or date the user can retype
        print(f"socialrx: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SocialRxError as exc:
        print(f"socialrx: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # e.g. `socialrx schema | head`
        sys.stderr.close()
        return EXIT_OK
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
        print(f"socialrx: error: {_os_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"socialrx: error: {_os_error(exc)}", file=sys.stderr)
        return EXIT_INVALID
    except RecursionError:
        print("socialrx: error: the input is nested too deeply to read", file=sys.stderr)
        return EXIT_INVALID
    except csv.Error as exc:  # the csv module's messages name no cell contents
        print(f"socialrx: error: the CSV file cannot be read: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except UnicodeError:
        print(
            "socialrx: error: a file is not UTF-8 text; save it as UTF-8 (in Excel: 'CSV UTF-8')",
            file=sys.stderr,
        )
        return EXIT_INVALID
    except Exception as exc:  # a bug: one line, and never the message (it may hold data)
        if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
            # Python refuses to read a number of over 4300 digits (a feed's `"age": 999…`)
            print(
                "socialrx: error: a number in the input has thousands of digits; no real "
                "value is that long — check the file that was given",
                file=sys.stderr,
            )
            return EXIT_INVALID
        if os.environ.get("SOCIALRX_DEBUG"):
            raise
        print(
            f"socialrx: error: an unexpected problem inside socialrx ({type(exc).__name__}); "
            "please report it with the command you ran (SOCIALRX_DEBUG=1 shows the details)",
            file=sys.stderr,
        )
        return EXIT_BUG
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Bad input never ends in a traceback: each failure is one line on standard error.
    Ctrl-C and SIGTERM exit with 130 after removing temporary files.
    """
    out, err = sys.stdout, sys.stderr
    sys.stdout = _Printable(out, "standard output")
    # With standard error closed too, messages go nowhere rather than fail.
    sys.stderr = _Printable(err if err is not None else io.StringIO(), "standard error")
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        args = _parser(lazy=True).parse_args(argv)
        return _run(args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        sys.stdout, sys.stderr = out, err
