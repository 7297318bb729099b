"""A quiet build's terminal (galley.progress): Snakemake's per-job scheduler lines are dropped, a
progress line with the time elapsed and left shows every tenth of the build, and errors pass."""

import logging

from snakemake_interface_logger_plugins.common import LogEvent

from galley.progress import ProgressFilter, install


def record(msg, **extra):
    rec = logging.LogRecord("snakemake", logging.INFO, __file__, 1, msg, (), None)
    rec.__dict__.update(extra)
    return rec


def test_scheduler_chatter_is_dropped_and_errors_pass():
    shown = ProgressFilter()
    assert not shown.filter(record("Select jobs to execute..."))
    assert not shown.filter(record("Execute 2 jobs...", event=LogEvent.JOB_STARTED, jobs=[1, 2]))
    assert not shown.filter(record("Finished jobid: 3", event=LogEvent.JOB_FINISHED))
    assert shown.filter(record("ERROR: a.txt:1: the file holds NUL bytes (log: out/a/logs/normalize.log)"))


def test_progress_shows_every_tenth_with_the_time_left():
    clock = [0.0]
    shown = ProgressFilter(now=lambda: clock[0])
    lines = []
    for done in range(1, 41):
        clock[0] = 3.0 * done  # a job every 3 s
        rec = record(None, event=LogEvent.PROGRESS, done=done, total=40)
        if shown.filter(rec):
            lines.append(rec.getMessage())
    assert len(lines) == 10
    assert lines[0].startswith("progress: 4 of 40 jobs done (10%), 0:12 elapsed, about 1:48 left")
    assert lines[-1] == "progress: 40 of 40 jobs done (100%), 2:00 elapsed"


def test_installed_only_when_the_job_chatter_is_hidden():
    logger = logging.getLogger("galley-test-progress")
    install(logger, {"host"})
    assert not logger.filters
    install(logger, {"rules", "reason", "host"})
    assert len(logger.filters) == 1


def test_a_dry_run_shows_its_plan():
    shown = ProgressFilter(dry_run=lambda: True)
    assert shown.filter(record("Job stats: ...", event=LogEvent.RUN_INFO))
