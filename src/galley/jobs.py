"""One job of the build: a stage run in this process, with its own log.

Snakemake runs a rule's `run:` block in a thread of its own process (the workflow profile sets
force-use-threads), or, on a cluster, in a process of its own; either way the job calls the stage's
function here, so no job starts an interpreter or a client. What the stage and the libraries it
calls log from the job's thread goes to the job's log file, which ends with how long the job took
(bench/pipeline.py reads that line).
"""

import logging
import threading
import time
from contextlib import contextmanager

from .errors import InputError
from .stages import stage_function

TOOK = "galley: took"  # a job log's last line: "galley: took jats 0.048 s"
FORMAT = logging.Formatter("%(levelname)s: %(message)s")
_setup_lock = threading.Lock()
_configured = False


class StageFailed(Exception):
    """A stage could not finish; the message is the line a person should read (the log has more)."""


def run_job(stage, args, log_path):
    """Run one stage with its arguments; its messages and its time go to log_path.

    Bad input raises StageFailed with the stage's one-line ERROR message; a bug in the pipeline
    raises StageFailed too, with its traceback in the log rather than on the user's screen."""
    configure_logging()
    start = time.perf_counter()
    try:
        with job_log(log_path) as log:
            try:
                stage_function(stage)(*args)
            except InputError as err:
                log.error("%s", err)
                raise StageFailed(f"ERROR: {err}") from None
            except Exception:
                log.exception("the %s stage failed on a bug of the pipeline", stage)
                raise StageFailed(f"ERROR: the {stage} stage failed on a bug of the pipeline; the traceback "
                                  f"is in {log_path}. Report it with the article's source") from None
    finally:
        with open(log_path, "a", encoding="utf-8") as log_file:
            log_file.write(f"{TOOK} {stage} {time.perf_counter() - start:.3f} s\n")


def configure_logging():
    """Messages at INFO and above reach the handlers; WeasyPrint's INFO lines are per layout step."""
    global _configured
    with _setup_lock:
        if not _configured:
            logging.getLogger().setLevel(logging.INFO)
            logging.getLogger("weasyprint").setLevel(logging.WARNING)
            logging.getLogger("fontTools").setLevel(logging.WARNING)
            _configured = True


class _ThisThread(logging.Filter):
    """Only the records of the thread that runs the job, and none of Snakemake's own."""

    def __init__(self):
        super().__init__()
        self.thread = threading.get_ident()

    def filter(self, record):
        return record.thread == self.thread and not record.name.startswith("snakemake")


@contextmanager
def job_log(log_path):
    """A logger whose records, and those of the libraries in this thread, go to log_path."""
    handler = logging.FileHandler(log_path, mode="w", encoding="utf-8")
    handler.setFormatter(FORMAT)
    handler.addFilter(_ThisThread())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield logging.getLogger("galley")
    finally:
        root.removeHandler(handler)
        handler.close()
