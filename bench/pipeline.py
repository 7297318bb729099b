"""Build N articles with `snakemake --cores 2` and print what it costs; then time the naive chain on
the same texts (per article: pandoc Markdown to JATS, to EPUB and to HTML, WeasyPrint HTML to PDF;
no normalization, no structure; two articles at a time) and print the ratio of the two: of wall
time, and of CPU time (user + system of every process each started, counted through a sub-reaper,
so that it holds on a busy machine too, where wall time does not).

The articles are copies of the sample (sources/, the default) or seeded synthetic ones (Russian,
Kazakh, English; page furniture, hyphenation, citations, reference lists) with --texts synthetic.

    .venv/bin/python bench/pipeline.py [--articles 10 100] [--compare 20] [--cores 2] [--repeat 3]
                                       [--texts sample|synthetic]
"""

import argparse
import ctypes
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pypandoc

from galley import synthetic
from galley.jobs import TOOK

ROOT = Path(__file__).resolve().parents[1]
SNAKEMAKE = Path(sys.executable).with_name("snakemake")
WEASYPRINT = Path(sys.executable).with_name("weasyprint")


PR_SET_CHILD_SUBREAPER = 36


def adopt_orphans():
    """Make this process the reaper of every process the builds start, so that processes whose
    parent exits first (the workers of a build) are still counted in cpu_seconds()."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def cpu_seconds():
    """CPU time (user + system) of every process this one has started and reaped so far."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # reap adopted orphans; they exit soon after their build
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.05)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


SAMPLE = ROOT / "sources" / "vestnik-2021-2-regional-integration" / "article.txt"


def make_sources(folder, count, texts):
    for n in range(count):
        (folder / f"article-{n:03d}").mkdir(parents=True)
        target = folder / f"article-{n:03d}" / "article.txt"
        if texts == "sample":
            target.write_bytes(SAMPLE.read_bytes())
        else:
            target.write_text(synthetic.make(1000 + n, lang=("ru", "kk", "en")[n % 3]).raw, encoding="utf-8")


def snakemake(sources, output, cores):
    """(seconds, peak MB of Snakemake's process, peak MB of any process it started, CPU seconds
    of all of them) for one run.

    Jobs run as threads of Snakemake; their stages run there or in the build's worker processes
    (galley.jobs), which start pandoc. Sampled every 0.1 s."""
    cpu_before = cpu_seconds()
    start = time.perf_counter()
    process = subprocess.Popen([str(SNAKEMAKE), "--cores", str(cores), "--quiet", "all", "--config",
                                f"sources={sources}", f"output={output}"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    own, children = 0.0, 0.0
    while process.poll() is None:
        rss = dict(build_processes_rss(process.pid))
        own = max(own, rss.pop(process.pid, 0.0))
        children = max([children, *rss.values()])
        time.sleep(0.1)
    if process.returncode:
        raise SystemExit(process.stderr.read().decode()[-2000:])
    seconds = time.perf_counter() - start
    return seconds, own, children, cpu_seconds() - cpu_before


def build_processes_rss(pid):
    """(pid, resident MB) of Snakemake and of every process under it (workers, pandoc)."""
    try:
        parent = psutil.Process(pid)
        processes = [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for process in processes:
        try:
            yield process.pid, process.memory_info().rss / 1_000_000
        except psutil.NoSuchProcess:
            continue


def stage_costs(output):
    """{rule: [seconds per job]}, from the last line of each job's log (the issue's jobs included)."""
    seconds = {}
    for log in Path(output).glob("*/logs/*.log"):
        last = log.read_text(encoding="utf-8").strip().splitlines()[-1]
        if last.startswith(TOOK):
            seconds.setdefault(log.stem, []).append(float(last.split()[-2]))
    return seconds


def naive_chain(source, out):
    """What one would do by hand: pandoc on the raw text, WeasyPrint on pandoc's HTML. pandoc is
    called directly: pypandoc's format checks would run it twice more per conversion and flatter
    the pipeline."""
    pandoc = [pypandoc.get_pandoc_path(), str(source), "-f", "markdown"]
    subprocess.run([*pandoc, "-t", "jats", "-s", "-o", str(out / "a.xml")], check=True)
    subprocess.run([*pandoc, "-t", "epub3", "-M", "title=x", "-o", str(out / "a.epub")], check=True)
    subprocess.run([*pandoc, "-t", "html5", "-s", "-M", "title=x", "-o", str(out / "a.html")], check=True)
    subprocess.run([str(WEASYPRINT), str(out / "a.html"), str(out / "a.pdf")], check=True, capture_output=True)


def time_naive(sources, workdir, cores):
    articles = sorted(sources.glob("*/article.txt"))
    for n in range(len(articles)):
        (workdir / str(n)).mkdir()
    cpu_before = cpu_seconds()
    start = time.perf_counter()
    with ThreadPoolExecutor(cores) as pool:
        list(pool.map(naive_chain, articles, [workdir / str(n) for n in range(len(articles))]))
    return time.perf_counter() - start, cpu_seconds() - cpu_before


def report(count, cores, tmp, texts):
    sources, output = tmp / f"sources-{count}", tmp / f"output-{count}"
    make_sources(sources, count, texts)
    total, rss, child_rss, cpu = snakemake(sources, output, cores)
    noop = snakemake(sources, output, cores)[0]
    seconds = stage_costs(output)
    changed = sorted(sources.glob("*/article.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # new bytes, same text
    incremental = snakemake(sources, output, cores)[0]
    print(f"\n{count} articles ({texts}), --cores {cores}: {total:.1f} s, {count / total * 60:.1f} articles a minute; "
          f"{cpu:.1f} CPU-s, {cpu / count:.2f} per article")
    build_rules = {rule: seconds.pop(rule) for rule in ("fonts", "pages", "issue", "site") if rule in seconds}
    for rule, values in sorted(seconds.items(), key=lambda kv: -sum(kv[1])):
        print(f"  {rule:10s} {sum(values) / len(values):6.2f} s per article")
    print(f"  all stages {sum(sum(v) / len(v) for v in seconds.values()):6.2f} s per article; the build's own jobs: "
          + ", ".join(f"{rule} {values[0]:.2f} s" for rule, values in build_rules.items()))
    print(f"  peak memory: Snakemake's process {rss:.0f} MB; the largest process under it (a worker, "
          f"pandoc) {child_rss:.0f} MB")
    print(f"  no-op rebuild: {noop:.2f} s; after one article's source changed: {incremental:.2f} s")
    (tmp / f"naive-{count}").mkdir()
    naive, naive_cpu = time_naive(sources, tmp / f"naive-{count}", cores)
    print(f"  naive chain on the same articles: {naive:.1f} s, {naive_cpu:.1f} CPU-s; pipeline / naive = "
          f"{total / naive:.2f} (wall), {cpu / naive_cpu:.2f} (CPU)")
    return sources, (total, cpu), (naive, naive_cpu)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="*", default=[10, 100])
    parser.add_argument("--compare", type=int, default=20, help="articles for the naive-chain comparison")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each for the comparison")
    parser.add_argument("--texts", choices=["sample", "synthetic"], default="sample")
    args = parser.parse_args()
    adopt_orphans()
    print(__doc__.split("\n\n")[0].replace("\n", " "))
    print(f"Wall time of a clean build, then a no-op rebuild, then a rebuild after one source changed; "
          f"texts: {args.texts}; machine: {psutil.cpu_count()} cores, --cores {args.cores}.")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for count in args.articles:
            report(count, args.cores, tmp, args.texts)
        if args.compare:
            compare(args.compare, args.cores, args.repeat, tmp / "compare", args.texts)


def compare(count, cores, repeat, tmp, texts):
    """The pipeline's clean build against the naive chain, alternately, `repeat` times: medians."""
    tmp.mkdir()
    sources, first, first_naive = report(count, cores, tmp, texts)
    ours, naive = [first], [first_naive]
    for n in range(1, repeat):
        run = snakemake(sources, tmp / f"output-again-{n}", cores)
        ours.append((run[0], run[3]))
        (tmp / f"naive-again-{n}").mkdir()
        naive.append(time_naive(sources, tmp / f"naive-again-{n}", cores))
    wall, cpu = (statistics.median(run[i] for run in ours) for i in (0, 1))
    naive_wall, naive_cpu = (statistics.median(run[i] for run in naive) for i in (0, 1))
    print(f"\nnaive chain on the same {count} articles: {naive_wall:.1f} s, {naive_cpu:.1f} CPU-s; the pipeline "
          f"{wall:.1f} s, {cpu:.1f} CPU-s (medians of {repeat} runs each, taken in turn); pipeline / naive = "
          f"{wall / naive_wall:.2f} (target 1.0 or less), CPU {cpu / naive_cpu:.2f}")


if __name__ == "__main__":
    main()
