"""The catalogue being served, reloaded when its files change, never left broken.

:class:`LiveDirectory` holds the current :class:`~socialrx.serve.directory.Directory`.
:meth:`LiveDirectory.reload` reads the catalogue again and swaps the new directory in
only if every file is valid; otherwise it logs why (file:line:column for each problem)
and keeps serving the last good one. :meth:`LiveDirectory.watch` calls it when files
under the catalogue change, after a quiet period (debounced), using ``watchfiles``.

A request takes the current directory once and uses it to the end, so a reload in the
middle of a request never mixes two catalogue versions in one response.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import anyio
import watchfiles

from socialrx.catalogue import Catalogue, load_catalogue
from socialrx.errors import CatalogueErrors, SocialRxError
from socialrx.serve.directory import Directory

__all__ = ["LiveDirectory"]

log = logging.getLogger("socialrx.serve")


class LiveDirectory:
    """The directory being served, and how to reload it.

    Args:
        source: Catalogue folders or files, or a ready :class:`~socialrx.Catalogue`
            (which is served as it is and never reloaded).

    Raises:
        CatalogueErrors: the catalogue is invalid when first loaded (nothing to serve).
    """

    def __init__(
        self,
        source: str | Path | Sequence[str | Path] | Catalogue,
    ) -> None:
        self._lock = threading.Lock()
        if isinstance(source, Catalogue):
            self.paths: tuple[Path, ...] = ()
            self.current = Directory.build(source)
        else:
            items = [source] if isinstance(source, (str, Path)) else list(source)
            self.paths = tuple(Path(p) for p in items)
            self.current = Directory.build(self._load())
        self.reloads = 0
        self.failed_reloads = 0

    def _load(self) -> Catalogue:
        paths = list(self.paths)
        return load_catalogue(paths[0] if len(paths) == 1 else paths)

    def reload(self) -> bool:
        """Read the catalogue again; swap it in only if it loads cleanly.

        Returns:
            True when the new catalogue is being served, False when the old one was
            kept (the reason is logged at WARNING).
        """
        if not self.paths:
            return False
        with self._lock:  # one reload at a time; readers never wait for it
            try:
                directory = Directory.build(self._load(), previous=self.current)
            except CatalogueErrors as exc:
                self.failed_reloads += 1
                log.warning(
                    "catalogue reload failed; still serving the last good catalogue "
                    "(%d assets):\n%s",
                    len(self.current),
                    exc,
                )
                return False
            except (SocialRxError, OSError) as exc:
                self.failed_reloads += 1
                log.warning(
                    "catalogue reload failed (%s); still serving the last good catalogue", exc
                )
                return False
            if directory.version == self.current.version:
                # Same content (a file touched, saved unchanged): keep the old stamp so
                # clients' conditional requests still hit.
                return True
            directory.last_modified = max(
                directory.last_modified,
                datetime.now(timezone.utc).replace(microsecond=0),
            )
            self.current = directory
            self.reloads += 1
            log.info("catalogue reloaded: %d assets", len(directory))
            return True

    async def watch(self, debounce_ms: int = 500, stop: anyio.Event | None = None) -> None:
        """Reload whenever files under the catalogue change (runs until cancelled).

        Args:
            debounce_ms: Changes are gathered until this long passes without another,
                so an editor's save-rename-delete or a ``git pull`` is one reload.
            stop: Set it to end the watch.
        """
        if not self.paths:
            return
        watched = [p for p in self.paths if p.exists()]
        async for _changes in watchfiles.awatch(
            *watched,
            debounce=debounce_ms,
            step=min(50, debounce_ms),
            stop_event=stop,
            watch_filter=_catalogue_files,
            recursive=True,
            ignore_permission_denied=True,
        ):
            await anyio.to_thread.run_sync(self.reload)


def _catalogue_files(change: watchfiles.Change, path: str) -> bool:
    return path.endswith((".yaml", ".yml")) and not Path(path).name.startswith(".")
