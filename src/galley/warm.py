"""What every worker process of a build would load for its first article, loaded once in their parent.

A local build's stages run in worker processes forked from one process that imported the stages'
modules (galley.jobs). That process can only be told modules to import: importing this one, last,
fills the caches the stages keep anyway (hyphenation patterns, WeasyPrint's first-use state, the
dictionaries and word stems), so that each worker forked afterwards finds them filled instead of
paying for them on its first article. A warm-up that fails costs its time and nothing else: the
worker fills the cache itself, as a process outside a build does.

Not the EPUB's font subsets: they took the parent 0.6 s, during which no worker could start, to
spare each worker 0.6 s that the two workers of a build on two cores spend at the same time.
"""

import threading

from . import dictionary, pdf


def warm_up():
    # hunspell reads its dictionaries in C, without Python's lock: on a second core while WeasyPrint
    # warms up here. Joined before the import ends, so that no thread runs when workers are forked.
    dictionaries = threading.Thread(target=_quietly, args=(dictionary.warm_up,))
    dictionaries.start()
    _quietly(pdf.warm_up)
    dictionaries.join()


def _quietly(warm):
    try:
        warm()
    except Exception:  # noqa: BLE001 - the forkserver must come up whatever a warm-up meets
        pass


warm_up()
