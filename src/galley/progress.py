"""A quiet build's terminal: with Snakemake's job chatter hidden (the workflow profile's `quiet`),
its scheduler still says "Select jobs to execute...", "Execute N jobs...", a timestamp and
"Finished jobid" for every job, a table of job counts at the start, and "N of M steps done" after each
job. This filter on Snakemake's logger drops those and keeps a progress line every tenth of the build,
with the time since the build started and an estimate of the time left. Errors pass untouched."""

import logging
import time

DROPPED_EVENTS = {"JOB_STARTED", "JOB_FINISHED", "RUN_INFO", "RESOURCES_INFO"}
DROPPED_MESSAGES = {"Select jobs to execute..."}
STEPS = 10  # progress lines in a whole build, at most (and the last)


def clock(seconds):
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes}:{seconds:02d}"


class ProgressFilter(logging.Filter):
    def __init__(self, now=time.monotonic, dry_run=lambda: False):
        super().__init__()
        self.now, self.dry_run = now, dry_run
        self.start = now()
        self.shown_step = 0

    def filter(self, record):
        if self.dry_run():  # a dry run's plan (its job list and counts) is what was asked for
            return True
        event = getattr(getattr(record, "event", None), "name", None)
        if event in DROPPED_EVENTS or record.msg in DROPPED_MESSAGES:
            return False
        if event == "PROGRESS":
            return self.progress(record)
        return True

    def progress(self, record):
        """Snakemake's "N of M steps done" as a line of its own, shown when the build has passed
        another tenth of its jobs."""
        done, total = record.done, record.total
        step = STEPS * done // max(total, 1)
        if step <= self.shown_step and done < total:
            return False
        self.shown_step = step
        elapsed = self.now() - self.start
        left = f", about {clock(elapsed / done * (total - done))} left" if 0 < done < total else ""
        record.event = None  # printed as the plain message below, not Snakemake's progress format
        share = 100 * done // max(total, 1)
        record.msg = f"progress: {done} of {total} jobs done ({share}%), {clock(elapsed)} elapsed{left}"
        record.args = ()
        return True


def install(logger, quiet, dry_run=lambda: False):
    """The filter on Snakemake's logger, when the run hides the job chatter (quiet holds "rules");
    dry_run says, when a line is logged, whether the run only plans."""
    if any(getattr(q, "name", str(q)).lower() == "rules" for q in quiet or ()):
        logger.addFilter(ProgressFilter(dry_run=dry_run))
