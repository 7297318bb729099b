"""The build server's client: the few lines every job runs first, so it imports next to nothing.

A job finds the server through GALLEY_SERVER; when there is none, or it has gone, the caller runs
the stage itself.
"""

import json
import os
import socket
import sys

ENV = "GALLEY_SERVER"


def client(argv):
    """The stage's exit code from the build server, or None when there is no server to ask."""
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
    if reply.get("fallback"):
        return None
    sys.stderr.write(reply["stderr"])
    return reply["code"]


def stop(path):
    """Ask the server at path to stop; nothing happens when there is none."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(path)
            connection.sendall(b'{"stop": true}\n')
            connection.makefile("rb").readline()
    except OSError:
        pass
