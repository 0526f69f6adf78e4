"""MkDocs hooks for the socialrx documentation site (named in ``mkdocs.yml``).

They keep the site true to the code without hand-copied pages:

* **API reference** (``reference/api.md``): one ``::: socialrx.Name`` block for every name in
  ``socialrx.__all__``, grouped into functions, classes and errors. Only public top-level
  names are used, so moving code between internal modules never breaks the site, and a
  name added to ``__all__`` appears by itself.
* **CLI reference** (``reference/cli.md``): the ``--help`` of every command, walked from
  the real argument parser (``socialrx.cli._parser()``); new commands appear by themselves.
* **Pages kept at the repository root** (README, CHANGELOG, CONTRIBUTING, SECURITY, the
  code of conduct, the example catalogue's README) are published without copies, with
  their links rewritten: a link to another published file points at its page; a link to a
  file that is not published (``schema/``, ``src/…/policy.yaml``) points at the repository;
  a link to a file that does not exist is left alone, so ``mkdocs build --strict`` fails.
* **New guides**: a Markdown page added to ``docs/`` but not named in the navigation is
  listed under "Guides" by itself (its title comes from its first heading).
"""

from __future__ import annotations

import argparse
import inspect
import posixpath
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[1]
# Document the tree being built, not whichever socialrx happens to be installed.
sys.path.insert(0, str(ROOT / "src"))

import socialrx  # noqa: E402 - needs the path above
from socialrx.cli import _parser  # noqa: E402 - needs the path above

# Repository file -> site page, for files that live outside docs/.
ROOT_PAGES = {
    "README.md": "index.md",
    "CHANGELOG.md": "changelog.md",
    "CONTRIBUTING.md": "contributing.md",
    "SECURITY.md": "security.md",
    "CODE_OF_CONDUCT.md": "code-of-conduct.md",
    "assets/README.md": "example-catalogue.md",
}
GENERATED = ("reference/api.md", "reference/cli.md")
GUIDES = "Guides"
HELP_WIDTH = 76  # fits the code blocks of the Material theme without scrolling

_LINK = re.compile(r"(\]\()([^)\s]+)(\))")
_FENCE = re.compile(r"^\s*(```|~~~)")


# ------------------------------------------------------------------ generated pages


def api_reference() -> str:
    """The API reference page: every public name of ``socialrx``, grouped by kind."""
    groups: dict[str, list[str]] = {"Functions": [], "Classes": [], "Errors": []}
    for name in socialrx.__all__:
        obj = getattr(socialrx, name)
        if inspect.isclass(obj) and issubclass(obj, BaseException):
            groups["Errors"].append(name)
        elif inspect.isclass(obj):
            groups["Classes"].append(name)
        elif callable(obj):
            groups["Functions"].append(name)
    lines = [
        "# API reference",
        "",
        "Everything below is importable from the top-level package "
        "(`import socialrx`; `socialrx.match(...)`), and only these names are public. "
        f"This page documents socialrx {socialrx.__version__}.",
        "",
    ]
    for title, names in groups.items():
        lines += [f"## {title}", ""]
        lines += [f"::: socialrx.{name}\n" for name in names]
    return "\n".join(lines)


def _width(formatter: Any) -> Any:
    """A formatter factory of the parser's own kind with a fixed width (stable pages)."""
    return lambda prog: formatter(prog, width=HELP_WIDTH)


def _commands(
    parser: argparse.ArgumentParser,
) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """(name, one-line help, parser) for every sub-command, in the order ``--help`` lists."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            return [(name, helps.get(name, ""), sub) for name, sub in action.choices.items()]
    return []


def cli_reference() -> str:
    """The command-line reference page, from the real argument parser."""
    parser = _parser()
    lines = [
        "# Command-line reference",
        "",
        "Generated from `socialrx --help` and each command's `--help`. Exit codes: 0 all "
        "well, 1 invalid data (or failed checks), 2 usage problem.",
        "",
    ]
    commands = _commands(parser)
    lines += ["| command | what it does |", "|---|---|"]
    lines += [f"| [`{name}`](#socialrx-{name}) | {text} |" for name, text, _ in commands]
    lines.append("")
    for name, _, sub in commands:
        sub.formatter_class = _width(sub.formatter_class)
        lines += [f"## socialrx {name}", "", "```text", sub.format_help().rstrip(), "```", ""]
    return "\n".join(lines)


# ------------------------------------------------------------------ links


def _site_page(repo_path: str) -> str | None:
    """The site page for a repository file, or None when the file is not published."""
    if repo_path in ROOT_PAGES:
        return ROOT_PAGES[repo_path]
    if repo_path.startswith("docs/"):
        return repo_path[len("docs/") :]
    return None


def rewrite_link(target: str, source: str, page: str, repo_url: str) -> str:
    """Point a relative link written for the repository at the right place on the site.

    Args:
        target: The link as written, e.g. ``docs/formats.md#2-person-profile``.
        source: The repository path of the file the link is in, e.g. ``README.md``.
        page: The site path of the page being built, e.g. ``index.md``.
        repo_url: The repository's address, for links to files the site does not publish.

    Returns:
        The link to use on the site; unchanged when it is not relative or its file does
        not exist (so that MkDocs reports it as broken).
    """
    if re.match(r"^[a-z][a-z0-9+.-]*:|^[#/]", target):
        return target
    path, hash_, fragment = target.partition("#")
    repo_path = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if repo_path.startswith("../"):  # a forge link such as ../../issues/new
        return urljoin(f"{repo_url.rstrip('/')}/blob/main/{source}", target)
    site = _site_page(repo_path)
    if not (ROOT / repo_path).exists():
        return target
    if site is None:
        return urljoin(f"{repo_url.rstrip('/')}/blob/main/{source}", target)
    relative = posixpath.relpath(site, posixpath.dirname(page) or ".")
    return relative + hash_ + fragment


def rewrite_links(markdown: str, source: str, page: str, repo_url: str) -> str:
    """Rewrite every inline link outside code blocks (see :func:`rewrite_link`)."""
    out = []
    fenced = False
    for line in markdown.splitlines(keepends=True):
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced:
            line = _LINK.sub(
                lambda m: m[1] + rewrite_link(m[2], source, page, repo_url) + m[3], line
            )
        out.append(line)
    return "".join(out)


# ------------------------------------------------------------------ navigation


def _named_in(nav: Any) -> set[str]:
    """Every page path named anywhere in a MkDocs ``nav`` value."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(_named_in(item) for item in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(_named_in(value) for value in nav.values()))
    return set()


def add_unlisted_guides(nav: list[Any], docs_dir: Path) -> None:
    """Append every Markdown page in ``docs/`` that the navigation does not name to "Guides"."""
    named = _named_in(nav) | set(ROOT_PAGES.values()) | set(GENERATED)
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    for section in nav:
        if isinstance(section, dict) and GUIDES in section:
            section[GUIDES] += [p for p in pages if p not in named]


# ------------------------------------------------------------------ MkDocs events


def on_config(config: Any) -> Any:
    """Add new guides to the navigation."""
    if config.nav:
        add_unlisted_guides(config.nav, Path(config.docs_dir))
    return config


def on_files(files: Any, config: Any) -> Any:
    """Add the generated reference pages and the pages kept at the repository root."""
    for source, page in ROOT_PAGES.items():
        text = (ROOT / source).read_text(encoding="utf-8")
        files.append(File.generated(config, page, content=text))
    files.append(File.generated(config, "reference/api.md", content=api_reference()))
    files.append(File.generated(config, "reference/cli.md", content=cli_reference()))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Rewrite the links of every page so that repository links work on the site."""
    site = page.file.src_uri
    sources = {v: k for k, v in ROOT_PAGES.items()}
    source = sources.get(site, f"docs/{site}")
    return rewrite_links(markdown, source, site, config.repo_url or "")
