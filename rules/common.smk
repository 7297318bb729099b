# Helpers shared by the rules.

import os
import sys

from galley.client import ENV as SERVER_ENV  # the variable through which jobs find the build server
from galley.client import run_job, stop


def galley(stage, *args, log):
    """One job: a stage of the galley package. Locally it runs in a thread of Snakemake (the
    workflow profile sets force-use-threads) and hands the stage to the build server, so a job
    costs no process start; without a server it starts `python -m galley` of its own."""
    code, message = run_job([stage, *map(str, args)], str(log))
    if code:
        raise WorkflowError(f"{message or 'the stage failed'} (log: {log})")


def code_version():
    """A digest of the package's code and data: a new version of the pipeline rebuilds everything
    (Snakemake reruns a job whose params changed)."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(Path(workflow.basedir, "src", "galley").rglob("*")):
        if path.suffix in (".py", ".yaml"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


CODE = code_version()
# What each writer reads besides the article: a change to any of them rebuilds its outputs.
PANDOC_FILTERS = ["filters/metadata.lua", "filters/citations.lua", "filters/references.lua",
                  "filters/front-matter.lua"]
STYLE_FILES = {
    "jats": ["styles/jats.xml", "filters/metadata.lua", "filters/citations.lua"],
    "html": ["styles/html.html", "styles/galley.css", *PANDOC_FILTERS],
    "epub": ["styles/epub.xhtml", "styles/epub.css", *PANDOC_FILTERS],
    "pdf": ["styles/print.html", "styles/print.css", *PANDOC_FILTERS],
    "proof": ["styles/proof.html", "styles/proof.css", "filters/metadata.lua"],
    "issue": ["styles/toc.html", "styles/toc.css", "filters/metadata.lua"],
}


def article_slugs(sources, pattern):
    """The folders under sources/ that hold an article.txt and whose names can be slugs.

    A folder with another name is skipped, with a message that says how to name it, so that it
    stops no other article.
    """
    import re

    slugs = []
    for path in sorted(Path(sources).glob("*/article.txt")):
        name = path.parent.name
        if re.fullmatch(pattern, name):
            slugs.append(name)
        else:
            print(f"ERROR: {path.parent}: the folder name {name!r} cannot be an article's slug; it is skipped. "
                  "Rename it with ASCII letters, digits, '.', '_' and '-' only.", file=sys.stderr)
    return slugs


def editor_metadata(wildcards):
    """The editor's article.yaml when there is one: its absence is normal, not an error."""
    path = Path(SOURCES) / wildcards.slug / "article.yaml"
    return [str(path)] if path.exists() else []


def print_summary(out, slugs):
    """One line per article at the end: the formats built and the warnings its report counts."""
    import json

    for slug in slugs:
        folder = Path(out) / slug
        built = [ext for ext in FORMATS if (folder / f"{slug}.{ext}").exists()]
        report_file = folder / f"{slug}.report.json"
        warnings = (json.loads(report_file.read_text(encoding="utf-8"))["summary"]["warnings"]
                    if report_file.exists() else "?")
        missing = [ext for ext in FORMATS if ext not in built]
        status = "ok" if not missing else "MISSING " + ", ".join(missing) + f" (see {folder}/logs)"
        print(f"{slug}: {', '.join(built) or 'nothing'}; {warnings} warnings; {status}", file=sys.stderr)


def article_folders(paths):
    """The article folders that hold these files, in the order the articles were listed."""
    return list(dict.fromkeys(str(Path(p).parent) for p in paths))


def issue_file(wildcards):
    """sources/issue.yaml when there is one: it orders the articles and numbers the issue."""
    path = Path(SOURCES) / "issue.yaml"
    return [str(path)] if path.exists() else []


def editor_files(wildcards):
    """Files that article.yaml names (a references file), so that editing them rebuilds the article."""
    import yaml

    found = []
    for path in editor_metadata(wildcards):
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
            name = data.get("references_file") if isinstance(data, dict) else None
        except (yaml.YAMLError, UnicodeDecodeError):
            name = None  # the structure stage reports the error with its line
        if isinstance(name, str) and (Path(path).parent / name).exists():
            found.append(str(Path(path).parent / name))
    return found


def work(name):
    return f"{OUT}/{{slug}}/work/{name}"


def log(rule_name):
    return f"{OUT}/{{slug}}/logs/{rule_name}.log"




def start_build_server():
    """A build server for this run (see src/galley/server.py): the pipeline's imports and dictionaries
    load once, not once per job. Jobs find it through GALLEY_SERVER; without it they work alone."""
    import subprocess
    import tempfile
    import time

    try:
        cores = workflow.cores
    except WorkflowError:
        return None  # a cluster run: its jobs share nothing but files, so each works alone
    path = str(Path(tempfile.mkdtemp(prefix="galley-")) / "server.sock")
    subprocess.Popen([sys.executable, "-m", "galley", "serve", path, str(cores), "120"],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)
    for _ in range(100):
        if Path(path).exists():
            os.environ[SERVER_ENV] = path
            return path
        time.sleep(0.05)
    print("WARNING: the build server did not start; every job runs on its own", file=sys.stderr)
    return None


def finish_build():
    """At the end of a run: stop the build server, and cancel the scheduler's pending re-evaluation
    timers (its job-rate limiter starts one per round, each a second long), which would otherwise
    keep Snakemake alive up to a second after the last job."""
    import threading

    stop_build_server()
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


def stop_build_server():
    path = os.environ.get(SERVER_ENV)
    if path:
        stop(path)
