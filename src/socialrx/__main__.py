"""``python -m socialrx`` runs the command line."""

from socialrx.cli import main

raise SystemExit(main())
