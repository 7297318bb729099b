"""The build server's client: the few lines every job runs first, so it imports next to nothing.

A job finds the server through GALLEY_SERVER; when there is none, or it has gone, the caller runs
the stage itself.
"""

import json
import os
import socket
import subprocess
import sys
import time

ENV = "GALLEY_SERVER"
TOOK = "galley: took"  # a job log's last line: "galley: took jats 0.048 s"


def client(argv):
    """The stage's exit code from the build server, or None when there is no server to ask."""
    reply = ask(argv)
    if reply is None:
        return None
    sys.stderr.write(reply["stderr"])
    return reply["code"]


def ask(argv):
    """The build server's reply {code, stderr} for one stage, or None when no server can answer."""
    path = os.environ.get(ENV)
    if not path or not os.path.exists(path):
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(path)
            connection.sendall(json.dumps({"argv": argv, "cwd": os.getcwd()}).encode("utf-8") + b"\n")
            reply = json.loads(connection.makefile("rb").readline())
    except (OSError, ValueError):
        return None  # the server went away: run the stage here instead
    return None if reply.get("fallback") else reply


def run_job(argv, log_path):
    """One Snakemake job, run in a thread of Snakemake itself: the stage goes to the build server,
    or, with none (a cluster node), to a process of its own. What the stage printed goes to
    log_path, and then how long the job took (bench/pipeline.py reads it); the result is
    (exit code, the last error line it printed)."""
    start = time.perf_counter()
    reply = ask(argv)
    if reply is None:
        with open(log_path, "w", encoding="utf-8") as log:
            code = subprocess.run([sys.executable, "-m", "galley", *argv], stdin=subprocess.DEVNULL,
                                  stderr=log, check=False).returncode
        with open(log_path, encoding="utf-8", errors="replace") as log:
            printed = log.read()
    else:
        code, printed = reply["code"], reply["stderr"]
    took = f"{TOOK} {argv[0]} {time.perf_counter() - start:.3f} s\n"
    with open(log_path, "a" if reply is None else "w", encoding="utf-8") as log:
        log.write(took if reply is None else printed + took)
    lines = printed.strip().splitlines()
    errors = [line for line in lines if line.startswith("ERROR:")]
    return code, (errors or lines or [""])[-1]


def stop(path):
    """Ask the server at path to stop; nothing happens when there is none."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(path)
            connection.sendall(b'{"stop": true}\n')
            connection.makefile("rb").readline()
    except OSError:
        pass
