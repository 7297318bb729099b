"""Through Snakemake's generic cluster executor (profiles/local-cluster: each job submitted as a
job script, sharing nothing but files) the outputs are the same bytes as a local run's."""

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, OUTPUT, ROOT

SLUG = "kk-party-system"


def test_cluster_run_gives_the_same_outputs_as_a_local_run(built, tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES / "articles" / SLUG, sources / SLUG)
    out = tmp_path / "out"
    result = subprocess.run([str(Path(sys.executable).with_name("snakemake")), "--profile", "profiles/local-cluster",
                             "--config", f"sources={sources}", f"output={out}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    for ext in ("md", "xml", "html", "epub", "pdf", "proof.html"):
        ours, local = out / SLUG / f"{SLUG}.{ext}", OUTPUT / SLUG / f"{SLUG}.{ext}"
        assert ours.read_bytes() == local.read_bytes(), ext
