"""A job runs its stage in the process that asks (a thread of Snakemake): its messages and its time
go to its own log, bad input gives one line naming the file, and a bug stays in the log."""

import logging
import threading

import pytest

from conftest import ROOT, SAMPLE
from galley.jobs import TOOK, StageFailed, job_log, run_job


def test_a_job_logs_its_time_and_writes_its_outputs(tmp_path):
    log = tmp_path / "normalize.log"
    run_job("normalize", [ROOT / "sources" / SAMPLE / "article.txt", tmp_path / "n.txt", tmp_path / "n.json"], log)
    assert (tmp_path / "n.txt").exists() and (tmp_path / "n.json").exists()
    last = log.read_text(encoding="utf-8").splitlines()[-1]
    assert last.startswith(f"{TOOK} normalize ") and last.endswith(" s")


def test_bad_input_fails_the_job_with_one_line_naming_the_file(tmp_path):
    empty, log = tmp_path / "empty.txt", tmp_path / "normalize.log"
    empty.write_bytes(b"")
    with pytest.raises(StageFailed) as failure:
        run_job("normalize", [empty, tmp_path / "n.txt", tmp_path / "n.json"], log)
    message = str(failure.value)
    assert message.startswith(f"ERROR: {empty}") and "\n" not in message
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == message and lines[-1].startswith(f"{TOOK} normalize ")
    assert not (tmp_path / "n.txt").exists()  # no half-written output


def test_a_bug_leaves_its_traceback_in_the_log_not_in_the_message(tmp_path):
    log = tmp_path / "report.log"
    with pytest.raises(StageFailed) as failure:
        run_job("report", [tmp_path / "r.json", [tmp_path / "not-json.json"]], log)  # a missing file
    assert "Traceback" not in str(failure.value) and str(log) in str(failure.value)
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")


def test_jobs_in_threads_keep_their_messages_apart(tmp_path):
    barrier = threading.Barrier(2)

    def job(name):
        with job_log(tmp_path / f"{name}.log") as log:
            barrier.wait()  # both logs are open at once
            log.warning("from %s", name)
            logging.getLogger("weasyprint").warning("library message in %s", name)
            barrier.wait()

    threads = [threading.Thread(target=job, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name, other in (("first", "second"), ("second", "first")):
        text = (tmp_path / f"{name}.log").read_text(encoding="utf-8")
        assert f"from {name}" in text and f"library message in {name}" in text and other not in text
