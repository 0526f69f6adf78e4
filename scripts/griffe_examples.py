"""A Griffe extension for the documentation site (named in ``mkdocs.yml``).

socialrx docstrings introduce their doctests with ``Example:`` (Google style allows both
spellings), but Griffe only reads ``Examples:`` as an examples section and would render
the singular as a note whose ``>>>`` lines become nested quotes. This reads both alike,
without touching the docstrings themselves.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_EXAMPLE = re.compile(r"^Example:[ \t]*$", re.M)


class SingularExamples(griffe.Extension):
    """Treat an ``Example:`` heading as an ``Examples:`` section."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rename the heading before the docstring is parsed."""
        if obj.docstring is not None:
            obj.docstring.value = _EXAMPLE.sub("Examples:", obj.docstring.value)
