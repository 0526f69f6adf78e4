"""Every way socialrx shows things: text, HTML pages, tables and CSV."""
