"""One job of the build: a stage run with its own log.

Snakemake runs a rule's `run:` block in a thread of its own process (the workflow profile sets
force-use-threads), or, on a cluster, in a process of its own; either way the job calls run_job
here, so no job starts an interpreter or a client.

Where the stage runs: in the job's thread, unless the build shares its work (share_work, from the
Snakefile's onstart on a machine with more than one core). Python lets one thread of a process run
Python code at a time, and typesetting, normalizing and structuring are Python: measured with two
cores, the jobs' threads kept that one lock busy all the time and the build took half as long again
as pandoc and WeasyPrint alone. So a local build hands each stage to one of a few worker processes
of its own — forked from a process that imported the pipeline once, dying with the build, with no
socket or lifetime of their own — and the job's thread waits for the answer. That parent also
fills, once, the caches each worker's first article would fill (galley.warm), and it is started
while Snakemake still builds its graph of jobs (its imports and warm-up use the core that leaves
idle). Either way the same function runs on the same arguments, so the outputs are the same bytes.

What the stage and the libraries it calls log goes to the job's log, which ends with how long the
job took (bench/pipeline.py reads that line).
"""

import importlib.machinery
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import select
import sys
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from .errors import InputError
from .stages import stage_function

TOOK = "galley: took"  # a job log's last line: "galley: took jats 0.048 s"
FORMAT = logging.Formatter("%(levelname)s: %(message)s")
# What the workers' parent imports once, so that no worker pays for it: every stage's module, the
# libraries they use and the caches they fill (galley.warm).
PRELOAD = ["galley.warm"]

_setup_lock = threading.Lock()
_configured = False
_workers = None
_worker_count = 0


class StageFailed(Exception):
    """A stage could not finish; the message is the line a person should read (the log has more)."""


def run_job(stage, args, log_path):
    """Run one stage with its arguments; its messages and its time go to log_path.

    Bad input raises StageFailed with the stage's one-line ERROR message; a bug in the pipeline
    raises StageFailed too, with its traceback in the log rather than on the user's screen."""
    start = time.perf_counter()
    try:
        lines, failure = _run_somewhere(stage, args)
        with open(log_path, "w", encoding="utf-8") as log:
            log.writelines(f"{line}\n" for line in lines)
        if failure == "input":
            raise StageFailed(lines[-1])
        if failure == "bug":
            raise StageFailed(f"ERROR: the {stage} stage failed on a bug of the pipeline; the traceback is "
                              f"in {log_path}. Report it with the article's source")
    finally:
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(f"{TOOK} {stage} {time.perf_counter() - start:.3f} s\n")


def _run_somewhere(stage, args):
    """(log lines, failure) of the stage, run by a worker when the build shares its work."""
    workers = _workers
    if workers is None:
        return run_captured(stage, args)
    try:
        return workers.submit(run_captured, stage, args).result()
    except BrokenProcessPool:
        _restart_workers(workers)
        return ["ERROR: the process running this stage died (out of memory, or killed); run the build again "
                "to retry it"], "died"


def run_captured(stage, args):
    """Run a stage here: (its log lines, None | "input" | "bug"). Errors come back as lines, not as
    exceptions, so that a worker's answer is plain data."""
    configure_logging()
    with captured_log() as lines:
        try:
            stage_function(stage)(*args)
        except InputError as err:
            lines.append(f"ERROR: {err}")
            return lines, "input"
        except Exception:
            lines.append(f"ERROR: the {stage} stage failed on a bug of the pipeline\n{traceback.format_exc()}")
            return lines, "bug"
    return lines, None


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


class _ListHandler(logging.Handler):
    def __init__(self, lines):
        super().__init__()
        self.lines = lines

    def emit(self, record):
        self.lines.append(self.format(record))


@contextmanager
def captured_log():
    """A list that collects what this thread logs (the stage and the libraries it calls)."""
    lines = []
    handler = _ListHandler(lines)
    handler.setFormatter(FORMAT)
    handler.addFilter(_ThisThread())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lines
    finally:
        root.removeHandler(handler)


# --- sharing the work among processes ------------------------------------------------------------

def share_work(processes):
    """From now on, stages run in `processes` worker processes (see the module's docstring)."""
    global _workers, _worker_count
    if processes > 1 and _workers is None:
        _worker_count = processes
        _workers = _start_workers(processes)


def stop_sharing():
    """Stop the workers (the build is over); later stages run in their jobs' threads."""
    global _workers
    workers, _workers = _workers, None
    if workers is not None:
        workers.shutdown(wait=True, cancel_futures=True)


def _start_workers(processes):
    # forkserver: the workers fork from a clean process that imported PRELOAD, never from this
    # process, whose threads (Snakemake's, the jobs') a fork would copy in the middle of their work.
    _workers_skip_main_script()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    multiprocessing.forkserver.ensure_running()  # it imports PRELOAD while Snakemake picks the first jobs
    return ProcessPoolExecutor(processes, mp_context=context, initializer=_die_with_build, initargs=(os.getpid(),))


def _workers_skip_main_script():
    """A new worker runs the build's main script again (as __mp_main__) unless that script was
    started as a module (`python -m`). The build's script is Snakemake's command, which a worker
    never uses: importing it cost each worker half a second before its first stage. Naming the main
    module "__main__", as `python -m` would, tells multiprocessing to leave it alone."""
    main = sys.modules["__main__"]
    if getattr(main, "__spec__", None) is None:
        main.__spec__ = importlib.machinery.ModuleSpec("__main__", None)


def _restart_workers(broken):
    global _workers
    with _setup_lock:
        if _workers is broken:
            _workers = _start_workers(_worker_count)


def _die_with_build(build):
    """A worker ends when the build (the process with pid `build`) ends, however it ends: no worker,
    nor the pandoc it may be running, outlives a build that was killed. (The forkserver cannot
    tell: each worker holds the pipe by which it would notice the build's end.)"""
    threading.Thread(target=_exit_when_gone, args=(build,), daemon=True).start()


def _exit_when_gone(pid):
    try:
        handle = os.pidfd_open(pid)  # readable once the process has ended
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])
    else:
        while _running(pid):
            time.sleep(1)
    os._exit(1)


def _running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True
