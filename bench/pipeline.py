"""Build N synthetic articles (Russian, Kazakh, English; page furniture, hyphenation, citations,
reference lists; seeded) with `snakemake --cores 2` and print what it costs; then time the naive
chain on the same texts (pandoc to JATS, EPUB and HTML, WeasyPrint to PDF; no normalization, no
structure) and print the ratio of the two.

    .venv/bin/python bench/pipeline.py [--articles 10 100] [--compare 20] [--cores 2] [--repeat 3]
"""

import argparse
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


def make_sources(folder, count):
    for n in range(count):
        article = synthetic.make(1000 + n, lang=("ru", "kk", "en")[n % 3])
        (folder / f"article-{n:03d}").mkdir(parents=True)
        (folder / f"article-{n:03d}" / "article.txt").write_text(article.raw, encoding="utf-8")


def snakemake(sources, output, cores):
    """(seconds, peak MB of any one process of the build) for one run of the workflow.

    Jobs hand their work to the build server, so the server's workers are sampled too.
    """
    start = time.perf_counter()
    process = subprocess.Popen([str(SNAKEMAKE), "--cores", str(cores), "--quiet", "all", "--config",
                                f"sources={sources}", f"output={output}"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    while process.poll() is None:
        peak = max([peak, *build_processes_rss(process.pid)])
        time.sleep(0.1)
    if process.returncode:
        raise SystemExit(process.stderr.read().decode()[-2000:])
    return time.perf_counter() - start, peak


def build_processes_rss(pid):
    """Resident MB of every process under the build (jobs, pandoc, the build server's workers)."""
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return
    for child in children:
        try:
            yield child.memory_info().rss / 1_000_000
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
    start = time.perf_counter()
    with ThreadPoolExecutor(cores) as pool:
        list(pool.map(naive_chain, articles, [workdir / str(n) for n in range(len(articles))]))
    return time.perf_counter() - start


def report(count, cores, tmp):
    sources, output = tmp / f"sources-{count}", tmp / f"output-{count}"
    make_sources(sources, count)
    total, rss = snakemake(sources, output, cores)
    noop, _ = snakemake(sources, output, cores)
    seconds = stage_costs(output)
    changed = sorted(sources.glob("*/article.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # new bytes, same text
    incremental, _ = snakemake(sources, output, cores)
    print(f"\n{count} articles, --cores {cores}: {total:.1f} s, {count / total * 60:.1f} articles per minute")
    issue_rules = {rule: seconds.pop(rule) for rule in ("issue", "site") if rule in seconds}
    for rule, values in sorted(seconds.items(), key=lambda kv: -sum(kv[1])):
        print(f"  {rule:10s} {sum(values) / len(values):6.2f} s per article")
    print(f"  all stages {sum(sum(v) / len(v) for v in seconds.values()):6.2f} s per article; the issue's "
          + ", ".join(f"{rule} {values[0]:.2f} s" for rule, values in issue_rules.items()))
    print(f"  peak memory of the largest process (a job or a build-server worker): {rss:.0f} MB")
    print(f"  no-op rebuild: {noop:.2f} s; after one article's source changed: {incremental:.2f} s")
    (tmp / f"naive-{count}").mkdir()
    naive = time_naive(sources, tmp / f"naive-{count}", cores)
    print(f"  naive chain on the same articles: {naive:.1f} s; pipeline / naive = {total / naive:.2f}")
    return sources, total, naive


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--compare", type=int, default=20, help="articles for the naive-chain comparison")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each for the comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for count in args.articles:
            report(count, args.cores, tmp)
        if args.compare:
            compare(args.compare, args.cores, args.repeat, tmp / "compare")


def compare(count, cores, repeat, tmp):
    """The pipeline's clean build against the naive chain, alternately, `repeat` times: medians."""
    tmp.mkdir()
    sources, first, first_naive = report(count, cores, tmp)
    ours, naive = [first], [first_naive]
    for n in range(1, repeat):
        ours.append(snakemake(sources, tmp / f"output-again-{n}", cores)[0])
        (tmp / f"naive-again-{n}").mkdir()
        naive.append(time_naive(sources, tmp / f"naive-again-{n}", cores))
    ours, naive = statistics.median(ours), statistics.median(naive)
    print(f"\nnaive chain on the same {count} articles: {naive:.1f} s, the pipeline {ours:.1f} s "
          f"(medians of {repeat} runs each, taken in turn); pipeline / naive = {ours / naive:.2f} "
          "(target 1.25 or less)")


if __name__ == "__main__":
    main()
