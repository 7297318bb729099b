"""Interruptions: after Ctrl-C or a kill, a plain `make` recovers by itself (incomplete outputs
rebuilt, the killed run's stale lock cleared), and a running build's lock is left alone."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import FIXTURES, ROOT, SNAKEMAKE

SLUG = "en-numbered-headings"


def start_build(sources, out):
    return subprocess.Popen([str(SNAKEMAKE), "--cores", "1", "--config", f"sources={sources}", f"output={out}"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def wait_for(path, build):
    """Until a stage has written path (the build is then inside its jobs), or the build ended."""
    while not path.exists() and build.poll() is None:
        time.sleep(0.05)


def make(sources, out):
    return subprocess.run(["make", "--no-print-directory", "all", "CORES=2",
                           f"SNAKEMAKE_ARGS=--config sources={sources} output={out}"],
                          cwd=ROOT, capture_output=True, text=True)


def test_make_recovers_after_ctrl_c_and_after_a_kill(tmp_path):
    sources, out = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(FIXTURES / "articles" / SLUG, sources / SLUG)
    build = start_build(sources, out)
    wait_for(out / SLUG / "work" / "normalized.txt", build)
    os.killpg(build.pid, signal.SIGINT)  # Ctrl-C
    build.wait()

    build = start_build(sources, out)
    wait_for(out / SLUG / f"{SLUG}.md", build)
    locked = any((ROOT / ".snakemake" / "locks").glob("*"))
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()

    result = make(sources, out)
    assert result.returncode == 0, result.stderr[-3000:]
    if locked:
        assert "Clearing the lock" in result.stderr
    for ext in ("xml", "pdf", "epub", "html", "report.json", "proof.html"):
        assert (out / SLUG / f"{SLUG}.{ext}").stat().st_size > 0


def test_a_running_builds_lock_stays(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    from clear_stale_lock import snakemake_running_in

    sources, out = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(FIXTURES / "articles" / SLUG, sources / SLUG)
    build = start_build(sources, out)
    try:
        wait_for(out / SLUG / "work" / "normalized.txt", build)
        if build.poll() is None:
            assert snakemake_running_in(ROOT) == build.pid
            assert snakemake_running_in(Path(tmp_path)) is None
    finally:
        os.killpg(build.pid, signal.SIGINT)
        build.wait()
