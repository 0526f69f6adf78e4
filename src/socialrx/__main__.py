"""``python -m socialrx`` runs the command line."""

from socialrx.cli import main

# Guarded: worker processes started with "spawn" or "forkserver" (macOS, Windows,
# Python 3.14+) import this module again, and must not run the command a second time.
if __name__ == "__main__":
    raise SystemExit(main())
