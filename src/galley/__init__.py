"""galley: raw text extracted from a journal's PDF → JATS, EPUB, PDF and HTML."""

__version__ = "0.1.0"
