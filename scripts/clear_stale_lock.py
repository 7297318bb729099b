"""Clear the lock a killed Snakemake left in this folder, but only when no Snakemake runs here.

A Snakemake killed (SIGKILL, a closed terminal) keeps its lock in .snakemake/locks, and every
later run stops with a LockException until someone runs `snakemake --unlock`. `make` runs this
first: when a lock is there and no Snakemake process has this folder as its working directory, the
lock is stale and goes; when one runs, its lock stays (two builds at once would write the same
files). Usage: python scripts/clear_stale_lock.py PATH/TO/snakemake
"""

import os
import subprocess
import sys
from pathlib import Path


def snakemake_running_in(folder):
    """The id of a Snakemake process working in folder, else None (Linux: /proc)."""
    here = folder.resolve()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
            cwd = Path(os.readlink(proc / "cwd"))
        except OSError:
            continue  # gone, or not ours to read
        # `python …/bin/snakemake …` or `…/bin/snakemake …`; a shell whose command line merely
        # mentions snakemake (make's) has "-c" there.
        if cwd == here and any(Path(arg.decode(errors="replace")).name == "snakemake" for arg in argv[:2]):
            return int(proc.name)
    return None


def main(snakemake, folder=None):
    folder = Path(folder or Path.cwd())
    locks = folder / ".snakemake" / "locks"
    if not locks.is_dir() or not any(locks.iterdir()):
        return 0
    running = snakemake_running_in(folder)
    if running:
        print(f"A Snakemake (process {running}) is building in {folder}: its lock stays.", file=sys.stderr)
        return 0
    print("Clearing the lock an interrupted build left behind.", file=sys.stderr)
    return subprocess.run([snakemake, "--unlock", "--cores", "1"], cwd=folder, stdout=subprocess.DEVNULL).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
