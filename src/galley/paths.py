"""Where the project's own files are: the templates and stylesheets (styles/) and the pandoc Lua
filters (filters/) that the writers use."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
STYLES = PROJECT / "styles"
FILTERS = PROJECT / "filters"
