"""A job runs its stage from its own thread, in this process or in a worker process of the build:
its messages and its time go to its own log, bad input gives one line naming the file, a bug stays
in the log, and no worker outlives the build."""

import logging
import subprocess
import sys
import textwrap
import threading
import time

import psutil
import pytest

from conftest import ROOT, SAMPLE
from galley import jobs
from galley.jobs import TOOK, StageFailed, captured_log, run_job


@pytest.fixture(params=["thread", "worker"])
def where(request):
    """Each test runs once with the stage in the job's thread, once in a worker process."""
    if request.param == "worker":
        jobs.share_work(2)
    yield request.param
    jobs.stop_sharing()


def test_a_job_logs_its_time_and_writes_its_outputs(tmp_path, where):
    log = tmp_path / "normalize.log"
    run_job("normalize", [ROOT / "sources" / SAMPLE / "article.txt", tmp_path / "n.txt", tmp_path / "n.json"], log)
    assert (tmp_path / "n.txt").exists() and (tmp_path / "n.json").exists()
    last = log.read_text(encoding="utf-8").splitlines()[-1]
    assert last.startswith(f"{TOOK} normalize ") and last.endswith(" s")


def test_bad_input_fails_the_job_with_one_line_naming_the_file(tmp_path, where):
    empty, log = tmp_path / "empty.txt", tmp_path / "normalize.log"
    empty.write_bytes(b"")
    with pytest.raises(StageFailed) as failure:
        run_job("normalize", [empty, tmp_path / "n.txt", tmp_path / "n.json"], log)
    message = str(failure.value)
    assert message.startswith(f"ERROR: {empty}") and "\n" not in message
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == message and lines[-1].startswith(f"{TOOK} normalize ")
    assert not (tmp_path / "n.txt").exists()  # no half-written output


def test_a_bug_leaves_its_traceback_in_the_log_not_in_the_message(tmp_path, where):
    log = tmp_path / "report.log"
    with pytest.raises(StageFailed) as failure:
        run_job("report", [tmp_path / "r.json", [tmp_path / "not-json.json"]], log)  # a missing file
    assert "Traceback" not in str(failure.value) and str(log) in str(failure.value)
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")


def test_jobs_in_threads_keep_their_messages_apart(tmp_path):
    barrier = threading.Barrier(2)

    found = {}

    def job(name):
        with captured_log() as lines:
            barrier.wait()  # both captures are open at once
            logging.getLogger("galley").warning("from %s", name)
            logging.getLogger("weasyprint").warning("library message in %s", name)
            barrier.wait()
        found[name] = "\n".join(lines)

    threads = [threading.Thread(target=job, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name, other in (("first", "second"), ("second", "first")):
        assert f"from {name}" in found[name] and f"library message in {name}" in found[name]
        assert other not in found[name]


def test_no_worker_outlives_a_build_that_was_killed(tmp_path):
    # A build that starts its workers, runs a stage in one, and dies without shutting them down.
    script = textwrap.dedent(f"""
        import os, psutil
        from galley import jobs
        jobs.share_work(2)
        jobs.run_job("normalize", [{str(ROOT / "sources" / SAMPLE / "article.txt")!r}, {str(tmp_path / "n.txt")!r},
                                   {str(tmp_path / "n.json")!r}], {str(tmp_path / "n.log")!r})
        print(*[p.pid for p in psutil.Process().children(recursive=True)], flush=True)
        os._exit(9)
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    started = [int(pid) for pid in run.stdout.split()]
    assert (tmp_path / "n.txt").exists() and len(started) >= 2  # the forkserver and its worker
    deadline = time.monotonic() + 20
    while (left := [pid for pid in started if _alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left, [psutil.Process(pid).cmdline() for pid in left if _alive(pid)]


def _alive(pid):
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
