import sys

from .client import client

# A build server, when one runs, does the work; only without one is the command line loaded.
code = client(sys.argv[1:]) if sys.argv[1:2] and sys.argv[1] not in ("serve", "-h", "--help") else None
if code is None:
    from .cli import run_stage

    code = run_stage(sys.argv[1:])
sys.exit(code)
