"""One entry point for people, tests and Snakemake: `python -m galley STAGE INPUTS… OUTPUTS…`.

Errors in the input print one line, `ERROR: file:line: problem. What to do.`, and exit 1.
"""

import argparse
import logging
import sys

from .errors import InputError

log = logging.getLogger("galley")
NARGS = {"reports": "*", "articles": "*", "facts_out": "?"}  # lists, and an optional output


def _stages():
    """Stage name → (function path, argument names). Modules are imported only when run."""
    return {
        "normalize": ("normalize:run", ["source", "text_out", "report_out"]),
        "structure": ("structure:run", ["normalized", "normalize_report", "editor_yaml", "canonical_out",
                                        "report_out"]),
        "citations": ("citations:run", ["canonical", "config", "out"]),
        "jats": ("jats:write", ["canonical", "references", "config", "out"]),
        "html": ("html:write", ["canonical", "references", "config", "out"]),
        "epub": ("epub:write", ["canonical", "references", "config", "out"]),
        "crossref": ("crossref:write", ["canonical", "references", "config", "out"]),
        "pdf": ("pdf:write", ["canonical", "references", "config", "jats", "out", "facts_out"]),
        "proof": ("proof:write", ["report", "out"]),
        "issue": ("issue:write", ["config", "issue_file", "out_dir", "articles"]),
        "site": ("site:write", ["issue_dir", "out_dir", "articles"]),
        "report": ("report:write", ["out", "reports"]),
        "check-config": ("settings:load_config", ["config"]),
        "serve": ("server:serve", ["socket_path", "workers", "idle_seconds"]),
    }


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is now (the build server captures it per job)."""

    def emit(self, record):
        self.stream = sys.stderr
        super().emit(record)


def main(argv=None):
    """The command line: hand the stage to the build server when one runs, else run it here."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in ("serve", "-h", "--help"):
        from .client import client

        code = client(argv)
        if code is not None:
            return code
    return run_stage(argv)


def run_stage(argv):
    if not log.handlers:
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logging.getLogger().addHandler(handler)
        logging.getLogger().setLevel(logging.INFO)
        logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its INFO lines are per layout step
        log.handlers.append(logging.NullHandler())  # marks the set-up as done
    stages = _stages()
    parser = argparse.ArgumentParser(prog="galley", description=__doc__)
    sub = parser.add_subparsers(dest="stage", required=True)
    for name, (_, args) in stages.items():
        stage = sub.add_parser(name)
        for arg in args:
            stage.add_argument(arg, nargs=NARGS.get(arg))
    ns = parser.parse_args(argv)
    target, args = stages[ns.stage]
    module, function = target.split(":")
    run = getattr(__import__(f"galley.{module}", fromlist=[function]), function)
    try:
        run(*(getattr(ns, a) for a in args))
    except InputError as err:
        log.error("%s", err)
        return 1
    except FileNotFoundError as err:
        log.error("%s: no such file. Check the path, or build the stage that writes it first", err.filename)
        return 1
    return 0
