"""The command line for people and tests: `python -m galley STAGE INPUTS… OUTPUTS…`.

It runs the same stage functions as the Snakefile's rules (see stages.py). The journal's
configuration is given as a file here (`config/config.yaml`), validated and completed with the
schema's defaults; an issue's articles are given as their output folders. Errors in the input
print one line, `ERROR: file:line: problem. What to do.`, and exit 1.
"""

import argparse
import logging
import sys

from .errors import InputError
from .stages import STAGES, argument_names, stage_function

log = logging.getLogger("galley")
# lists, and optional arguments
NARGS = {"reports": "*", "articles": "*", "facts_out": "?", "issue_file": "?", "plan": "?", "facts": "+",
         "facts_in": "?", "article_yaml": "?", "max_megabytes": "?", "word_list": "?",
         "fonts_archive": "?"}


def main(argv=None):
    _log_to_stderr()
    parser = argparse.ArgumentParser(prog="galley", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="stage", required=True)
    for name in STAGES:
        stage = sub.add_parser(name)
        for arg in argument_names(name):
            stage.add_argument(arg, nargs=NARGS.get(arg))
    ns = parser.parse_args(argv)
    try:
        args = [_argument(name, getattr(ns, name)) for name in argument_names(ns.stage)]
        stage_function(ns.stage)(*args)
    except InputError as err:
        log.error("%s", err)
        return 1
    except FileNotFoundError as err:
        log.error("%s: no such file. Check the path, or build the stage that writes it first", err.filename)
        return 1
    return 0


def _argument(name, value):
    """A command-line value as the stage function takes it."""
    if name == "config":
        from .settings import load_config

        return load_config(value)
    if name == "articles":
        from .paths import ArticleFiles

        return [ArticleFiles.in_folder(folder) for folder in value]
    return "" if value is None else value


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a record comes (tests capture it)."""

    def emit(self, record):
        self.stream = sys.stderr
        super().emit(record)


def _log_to_stderr():
    """Messages as `LEVEL: text` on standard error, set up once however often main() runs."""
    root = logging.getLogger()
    if any(isinstance(h, _StderrHandler) for h in root.handlers):
        return
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its INFO lines are per layout step
    logging.getLogger("fontTools").setLevel(logging.WARNING)
