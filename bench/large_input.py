"""Time and peak memory of each stage on one very large generated article (by default just under
the configuration's article_max_megabytes, the largest text a build accepts: 4.9 MB).

Each stage runs as the pipeline runs it (`python -m galley STAGE …`), in its own process, and its
peak resident memory is read from the kernel's accounting of that process.
    .venv/bin/python bench/large_input.py [--megabytes 4.9] [--with-pdf] [--build]
With --build, the article is also built whole by Snakemake (--cores 2), and the memory of the
build (Snakemake and every process under it, added up) is sampled every 0.2 s.
A size above the limit is read all the same here (the normalize stage is given a limit above it).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from galley import synthetic
from galley.settings import default

ROOT = Path(__file__).resolve().parents[1]


def generate(path, megabytes):
    paragraphs = max(1, int(megabytes * 360))  # about 2.8 KB of raw text per paragraph and section
    article = synthetic.make(7, lang="ru", paragraphs_per_section=paragraphs, references=20)
    path.write_text(article.raw, encoding="utf-8")
    return path.stat().st_size / 1_000_000


def run(stage, *args):
    """(seconds, peak MB, exit code) of one stage in its own process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "galley", stage, *map(str, args)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, process.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=0.98 * default("article_max_megabytes"))
    parser.add_argument("--with-pdf", action="store_true", help="also try the PDF stage (refused above its limit)")
    parser.add_argument("--build", action="store_true", help="also build it whole and sample the build's memory")
    args = parser.parse_args()
    config = ROOT / "config" / "config.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        size = generate(d / "article.txt", args.megabytes)
        limit = default("article_max_megabytes")
        print(f"input: {size:.1f} MB")
        stages = [
            ("normalize", d / "article.txt", d / "n.txt", d / "n.json", max(1.1 * size, limit)),
            ("structure", d / "n.txt", d / "n.json", '""', d / "a.md", d / "s.json"),
            ("citations", d / "a.md", config, d / "r.json"),
            ("jats", d / "a.md", d / "r.json", config, d / "a.xml"),
            ("html", d / "a.md", d / "r.json", config, d / "a.html"),
            ("epub", d / "a.md", d / "r.json", config, d / "a.epub"),
        ]
        if args.with_pdf:
            stages.append(("pdf", d / "a.md", d / "r.json", config, d / "a.xml", d / "a.pdf"))
        peak = 0
        for stage, *stage_args in stages:
            stage_args = ["" if a == '""' else a for a in stage_args]
            seconds, megabytes, code = run(stage, *stage_args)
            peak = max(peak, megabytes)
            note = "" if code == 0 else f"  (exit {code}: refused or failed)"
            print(f"{stage:10s} {seconds:7.1f} s  peak {megabytes:7.0f} MB{note}")
        print(f"largest job's peak memory: {peak:.0f} MB (limit 2048 MB)")
        if args.build:
            build_peak(d)


def build_peak(d):
    """Build the article whole with Snakemake; print the time and the peak of the memory of the build's
    processes added up (resident set sizes, sampled)."""
    import psutil

    sources = d / "sources" / "large"
    sources.mkdir(parents=True)
    (d / "article.txt").rename(sources / "article.txt")
    start = time.perf_counter()
    process = subprocess.Popen([str(ROOT / ".venv" / "bin" / "snakemake"), "--cores", "2", "--keep-going",
                                "--config", f"sources={sources.parent}", f"output={d / 'out'}"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root, peak = psutil.Process(process.pid), 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    print(f"whole build: {time.perf_counter() - start:.0f} s, exit {process.returncode}, "
          f"peak memory of its processes together {peak / 2**20:.0f} MB (limit 2048 MB)")


if __name__ == "__main__":
    main()
