"""The build server runs a stage as the command line does: same outputs, same errors, same exit
codes; and a job runs alone when the server is gone."""

import os
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SAMPLE


@pytest.fixture
def server(tmp_path):
    path = tmp_path / "server.sock"
    process = subprocess.Popen([sys.executable, "-m", "galley", "serve", str(path), "1", "60"])
    for _ in range(200):
        if path.exists():
            break
        time.sleep(0.05)
    yield path
    from galley.client import stop

    stop(str(path))
    process.wait(timeout=30)


def galley(*args, server_path=None):
    env = {k: v for k, v in os.environ.items() if k != "GALLEY_SERVER"}
    if server_path:
        env["GALLEY_SERVER"] = str(server_path)
    return subprocess.run([sys.executable, "-m", "galley", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=ROOT)


def test_server_gives_the_same_output_and_errors_as_the_command(server, tmp_path):
    source = ROOT / "sources" / SAMPLE / "article.txt"
    alone = galley("normalize", source, tmp_path / "a.txt", tmp_path / "a.json")
    served = galley("normalize", source, tmp_path / "b.txt", tmp_path / "b.json", server_path=server)
    assert alone.returncode == served.returncode == 0
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    failed = galley("normalize", empty, tmp_path / "c.txt", tmp_path / "c.json", server_path=server)
    assert failed.returncode == 1 and failed.stderr.startswith(f"ERROR: {empty}")


def test_a_job_runs_alone_when_the_server_is_gone(tmp_path):
    source = ROOT / "sources" / SAMPLE / "article.txt"
    result = galley("normalize", source, tmp_path / "a.txt", tmp_path / "a.json", server_path=tmp_path / "gone.sock")
    assert result.returncode == 0 and (tmp_path / "a.txt").exists()


@pytest.mark.parametrize("through_server", [True, False])
def test_a_snakemake_job_logs_what_the_stage_printed_and_its_time(server, tmp_path, monkeypatch, through_server):
    from galley.client import TOOK, run_job

    if through_server:
        monkeypatch.setenv("GALLEY_SERVER", str(server))
    else:
        monkeypatch.delenv("GALLEY_SERVER", raising=False)
    empty, log = tmp_path / "empty.txt", tmp_path / "normalize.log"
    empty.write_bytes(b"")
    code, message = run_job(["normalize", str(empty), str(tmp_path / "n.txt"), str(tmp_path / "n.json")], str(log))
    lines = log.read_text(encoding="utf-8").splitlines()
    assert code == 1 and message.startswith(f"ERROR: {empty}") and "empty" in message
    assert lines[0] == message and lines[-1].startswith(f"{TOOK} normalize ") and lines[-1].endswith(" s")
    code, message = run_job(["normalize", str(ROOT / "sources" / SAMPLE / "article.txt"), str(tmp_path / "n.txt"),
                             str(tmp_path / "n.json")], str(log))
    assert code == 0 and (tmp_path / "n.txt").exists()
