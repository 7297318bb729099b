# Helpers shared by the rules.

import json
import sys

from galley.errors import InputError
from galley.paths import ArticleFiles
from galley.jobs import StageFailed, run_job, share_work, stop_sharing
from galley.settings import check_config, config_warnings


def galley(stage, *args, log):
    """One job: a stage of the galley package, run from this job's thread (see galley.jobs: in a
    worker process of the build when it shares its work), its messages in the job's log."""
    try:
        run_job(stage, [plain(arg) for arg in args], log)
    except StageFailed as failure:
        raise WorkflowError(f"{failure} (log: {log})") from None


def plain(value):
    """Snakemake's file names as plain strings, in lists, dicts and ArticleFiles too: what a job
    hands a worker process must not need Snakemake to be read back."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, ArticleFiles):
        return ArticleFiles(**{k: plain(v) for k, v in vars(value).items()})
    return value


def no_job_rate_limit():
    """Local jobs start no processes to throttle, and the limiter costs a build dearly: every
    scheduling round while jobs wait for a core starts a one-second timer whose end starts another
    round, so the rounds multiply (thousands of rounds, each selecting jobs and checking files, for
    a 20-article build). A cluster's submissions keep the limit (--max-jobs-per-timespan). Called
    when the build starts: the scheduler exists then, and has not yet run."""
    if workflow.local_exec and workflow.is_main_process:
        workflow.scheduler.job_rate_limiter = None


SHARED_BUILD_JOBS = 20  # fewer jobs than this (one article rebuilt) run sooner in threads than a pool starts
JOBS_PER_ARTICLE = 10  # rules normalize to proof


def share_work_locally():
    """A local build with more than one core and enough jobs runs its stages in worker processes
    (galley.jobs); a cluster's jobs are processes already."""
    if not local_build_with_cores():
        return
    if sum(1 for _ in workflow.dag.needrun_jobs()) >= SHARED_BUILD_JOBS:
        share_work(workflow.cores)


def local_build_with_cores():
    """This is the process of a local build (not a dry run, a lint, a summary or a cluster's job)
    with more than one core."""
    try:
        cores = workflow.cores
    except WorkflowError:
        return False
    return (workflow.executor_plugin is not None and workflow.is_main_process and workflow.local_exec
            and not workflow.dryrun and not workflow.touch and cores > 1)


def share_work_early():
    """Start the workers' parent while Snakemake is still building its graph of jobs, when articles
    lack their outputs (a first build, new articles): its imports and warm-up then use the core that
    graph-building leaves idle. Called by an input function the graph asks, once (the executor is
    known by then, not when the Snakefile is read); other builds start it, if at all, at onstart,
    once the jobs to run are known."""
    if share_work_early.asked:
        return
    share_work_early.asked = True
    if not local_build_with_cores():
        return
    unbuilt = [slug for slug in SLUGS if not built_since(Path(SOURCES, slug, "article.txt"),
                                                         Path(OUT, slug, f"{slug}.proof.html"))]
    if len(unbuilt) * JOBS_PER_ARTICLE >= SHARED_BUILD_JOBS:
        share_work(workflow.cores)


share_work_early.asked = False


def built_since(source, output):
    """The output exists and is not older than the source."""
    try:
        return source.stat().st_mtime <= output.stat().st_mtime
    except OSError:
        return False


def finish_build():
    """At the end of a run: stop the workers, and cancel the scheduler's pending re-evaluation
    timers (on a cluster, where the job-rate limiter stays, it starts one per round, each a second
    long), which would otherwise keep Snakemake alive up to a second after the last job."""
    import threading

    stop_sharing()
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()


def journal_settings(config):
    """The configuration the stages take: Snakemake's (its files and --config values together),
    validated once, less the two folders, which only say where files are. As a parameter of every
    rule that uses it, a changed value reruns exactly those jobs."""
    try:
        check_config(config, CONFIG_FILE)
    except InputError as err:
        raise WorkflowError(f"ERROR: {err}") from None
    for warning in config_warnings(config):
        print(f"WARNING: {CONFIG_FILE}: {warning}", file=sys.stderr)
    return {key: value for key, value in config.items() if key not in ("sources", "output")}


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
    "jats": ["styles/jats.xml", "styles/jats-aff.xml", "filters/metadata.lua", "filters/citations.lua"],
    "html": ["styles/html.html", "styles/galley.css", *PANDOC_FILTERS],
    "epub": ["styles/epub.xhtml", "styles/epub.css", *PANDOC_FILTERS],
    "pdf": ["styles/print.html", "styles/print.css", *PANDOC_FILTERS],
    "proof": ["styles/proof.html", "styles/proof-piece.html", "styles/proof.css", "filters/metadata.lua"],
    "issue": ["styles/toc.html", "styles/toc-entry.html", "styles/toc.css", "filters/metadata.lua"],
    # the site's index is the contents page again, with the proofs listed apart
    "site": ["styles/toc.html", "styles/toc-entry.html", "styles/toc.css", "styles/site.css", "styles/site-search.js"],
    # The project's CSL styles: a change to one reformats the references.
    "citations": sorted(f"styles/csl/{path.name}" for path in Path(workflow.basedir, "styles", "csl").glob("*.csl")),
}


def files_digest(paths):
    """A digest of the files' bytes. As a rule's parameter it reruns the rule's jobs when one of its
    templates, stylesheets or filters changes, as an input file would, without Snakemake looking
    for a rule that makes each of them for every article (a third of the time a build with nothing
    to do took)."""
    import hashlib

    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(workflow.basedir, path).read_bytes())
    return digest.hexdigest()[:16]


STYLE_DIGESTS = {writer: files_digest(paths) for writer, paths in STYLE_FILES.items()}


def article_slugs(sources, pattern):
    """The folders under sources/ that hold an article.txt and whose names can be slugs.

    A folder with another name is skipped, with a message that says how to name it, so that it
    stops no other article.
    """
    import re

    slugs = []
    for path in sorted(Path(sources).glob("*/article.txt")):
        name = path.parent.name
        outside = leads_outside(path.parent, sources)
        if outside:
            print(f"ERROR: {outside}: a link that leads outside {sources}; the article is skipped. Put the "
                  "article's own folder and files there, not links to elsewhere.", file=sys.stderr)
        elif re.fullmatch(pattern, name):
            slugs.append(name)
        else:
            print(f"ERROR: {path.parent}: the folder name {name!r} cannot be an article's slug; it is skipped. "
                  "Rename it with ASCII letters, digits, '.', '_' and '-' only.", file=sys.stderr)
    return slugs


def unwritable_outputs(out, slugs):
    """The articles whose output folder cannot be written (a file where a folder must be, a folder
    without write permission), each with a message: Snakemake would stop the whole build on the
    first of them while preparing its job, so they are left out at the start and named, and the
    others build."""
    import os

    refused = {}
    for slug in slugs:
        folder = Path(out) / slug
        for path in (folder, folder / "work", folder / "logs"):
            existing = next(p for p in (path, *path.parents) if p.exists() or p == Path(p.anchor))
            if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
                refused[slug] = (f"ERROR: {existing}: the article's outputs cannot be written there "
                                 f"({'not a folder' if not existing.is_dir() else 'no write permission'}); "
                                 f"{slug} is not built. Make {path} a folder the build can write.")
                break
    for message in refused.values():
        print(message, file=sys.stderr)
    return refused


def leads_outside(folder, sources):
    """The article's folder, or the first of its files, that resolves outside the sources folder
    (a symbolic link to /etc, to another person's files); None when all stay inside."""
    root = Path(sources).resolve()
    for path in (folder, *sorted(folder.iterdir())):
        if not path.resolve().is_relative_to(root):
            return path
    return None


def editor_metadata(wildcards):
    """The editor's article.yaml when there is one: its absence is normal, not an error."""
    share_work_early()
    path = Path(SOURCES) / wildcards.slug / "article.yaml"
    return [str(path)] if path.exists() else []


def journal_word_list(wildcards):
    """sources/words.txt when there is one (its absence means no words). Listed as an input only
    when it exists: Snakemake would otherwise wait for a file no rule makes; adding or removing it
    changes the job's inputs, which reruns the job."""
    path = Path(SOURCES) / "words.txt"
    return [str(path)] if path.exists() else []


def print_summary(out, slugs, refused=None):
    """One line per article at the end: the formats built and the warnings its report counts; an
    article left out because its outputs cannot be written says so."""
    for slug, message in (refused or {}).items():
        print(f"{slug}: nothing; FAILED: {message.removeprefix('ERROR: ')}", file=sys.stderr)
    for slug in slugs:
        folder = Path(out) / slug
        built = [ext for ext in [*FORMATS, "crossref.xml"] if (folder / f"{slug}.{ext}").exists()]
        report_file = folder / f"{slug}.report.json"
        warnings = (json.loads(report_file.read_text(encoding="utf-8"))["summary"]["warnings"]
                    if report_file.exists() else "?")
        missing = [ext for ext in FORMATS if ext not in built]
        status = "ok" if not missing else "MISSING " + ", ".join(missing) + f" (see {folder}/logs)"
        print(f"{slug}: {', '.join(built) or 'nothing'}; {warnings} warnings; {status}{deposit_note(folder)}",
              file=sys.stderr)
        for line in editorial_lines(folder, slug):
            print(f"  {line}", file=sys.stderr)


def deposit_note(folder):
    """What a final article lacks for its Crossref deposit, from the crossref job's record."""
    facts = folder / "work" / "crossref.json"
    if not DEPOSITS or not facts.exists():
        return ""
    keys = [key for w in json.loads(facts.read_text(encoding="utf-8"))["warnings"] for key in w["keys"]]
    return f"; no Crossref deposit: supply {', '.join(keys)}" if keys else ""
def editorial_lines(folder, slug):
    """Proof or final, what blocks publication (each item with the key that supplies it), the
    proofing page, and the issue file's warnings (numbers that differ, an article it does not list)."""
    references = folder / "work" / "references.json"
    if not references.exists():
        return []
    data = json.loads(references.read_text(encoding="utf-8"))
    state = data.get("editorial") or {}
    proof_page = folder / f"{slug}.proof.html"
    lines = [f"{state.get('status', 'proof')}; proofing page: {proof_page}"]
    if state.get("status") != "final":
        lines += [f"blocks publication: {m['item']} (supply: {m['key']})" for m in state.get("missing", [])]
        if not state.get("missing"):
            lines.append("nothing missing: set status: final in its article.yaml (or sources/issue.yaml) to publish")
    lines += [f"issue: {w['message']}" for w in data.get("warnings", [])]
    if slug in LISTED and not Path(OUT, "issue", "pages.json").exists():
        lines.append("its JATS, HTML and PDF wait for the issue's page plan, which needs every article "
                     "the issue file lists typeset: correct the article that failed (above)")
    return lines


def issue_file(wildcards):
    """sources/issue.yaml when there is one: it orders the articles and numbers the issue."""
    path = Path(SOURCES) / "issue.yaml"
    return [str(path)] if path.exists() else []


def listed_articles(sources, slugs):
    """The articles sources/issue.yaml lists: they are paginated together (rule pages). A broken
    issue file lists none here; the pages and issue rules report it."""
    from galley.errors import InputError
    from galley.settings import load_issue_file

    try:
        listed = load_issue_file(Path(sources) / "issue.yaml").get("articles", [])
    except InputError:
        return []
    return [slug for slug in listed if slug in slugs]


def issue_plan(wildcards):
    """The issue's page plan, for an article the issue file lists. Only those wait for it: an
    article outside the issue, or any article when there is no issue file, is numbered from its own
    fpage (or 1), so that a broken article stops no other."""
    return [f"{OUT}/issue/pages.json"] if wildcards.slug in LISTED else []


def issue_folios(wildcards):
    return [f"{OUT}/issue/folios.pdf"] if wildcards.slug in LISTED else []


def first(files):
    """The one file of an optional input, or "" (the stage then goes without)."""
    return files[0] if files else ""


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
        if isinstance(name, str) and (Path(path).parent / name).is_file():
            found.append(str(Path(path).parent / name))
    return found


def each_article(rule_output):
    """A rule's output for every article, in the order of SLUGS."""
    return expand(rule_output, slug=SLUGS)


def articles_of(input, slugs):
    """The issue's articles (galley.paths.ArticleFiles) from the article rules' outputs, which the
    issue and site rules name as their inputs: one list per kind of file, in the order of slugs."""
    def column(name):
        return list(input[name]) if name in input.keys() else [None] * len(slugs)

    kinds = ("canonical", "references", "report", "pdf_facts")
    return [ArticleFiles(slug, **dict(zip(kinds, files)), galleys={ext: input[ext][n] for ext in GALLEYS})
            for n, (slug, *files) in enumerate(zip(slugs, *map(column, kinds)))]


def work(name):
    return f"{OUT}/{{slug}}/work/{name}"


def log(rule_name):
    return f"{OUT}/{{slug}}/logs/{rule_name}.log"


def quiet_terminal():
    """With the job chatter hidden (profiles/default: quiet), Snakemake's per-job scheduler lines go
    too, and a progress line shows every tenth of the build (galley.progress); `make VERBOSE=1` shows all."""
    from snakemake.logging import logger as snakemake_logger

    from galley import progress

    if workflow.output_settings is not None:
        progress.install(snakemake_logger, workflow.output_settings.quiet, dry_run=lambda: workflow.dryrun)


quiet_terminal()
