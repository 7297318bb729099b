"""Incremental builds: an up-to-date tree does nothing; a changed article rebuilds only itself and
the issue-level files."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT, build

SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))


def planned_jobs(sources, out):
    """{rule: count} of the jobs a dry run would start."""
    result = subprocess.run([SNAKEMAKE, "--dry-run", "--cores", "2", "--config", f"sources={sources}",
                             f"output={out}"], cwd=ROOT, capture_output=True, text=True, check=True)
    if "Nothing to be done" in result.stdout + result.stderr:
        return {}
    table = re.search(r"Job stats:\n(.*?)\n\n", result.stdout, re.S).group(1)
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+)\s+(\d+)$", table, re.M) if m.group(1) != "total"}


def test_up_to_date_does_nothing_and_one_change_rebuilds_one_article(tmp_path):
    sources = tmp_path / "sources"
    for slug in ("kk-party-system", "ru-translit-references"):
        shutil.copytree(FIXTURES / "articles" / slug, sources / slug)
    out = tmp_path / "out"
    build(sources, out)
    assert planned_jobs(sources, out) == {}
    source = sources / "kk-party-system" / "article.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nҚосымша сөйлем.\n", encoding="utf-8")
    jobs = planned_jobs(sources, out)
    # no issue file: no page plan joins the articles (README, Outputs), so each is rebuilt alone
    per_article = {"normalize", "structure", "citations", "jats", "html", "epub", "pdf", "folios", "report", "proof"}
    assert {rule: n for rule, n in jobs.items() if rule in per_article} == dict.fromkeys(per_article, 1)
    assert jobs.get("issue") == 1 and jobs.get("site") == 1 and jobs.get("all") == 1
    assert "fonts" not in jobs  # the EPUB fonts are subset once for the output folder
