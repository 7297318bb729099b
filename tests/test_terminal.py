"""What a person sees in the terminal: a clean build of the sample is a short progress and summary,
and a failing article's message names the article and the log to read."""

import shutil
import subprocess

from conftest import ROOT, SAMPLE, SNAKEMAKE


def build(sources, out):
    run = subprocess.run([str(SNAKEMAKE), "--cores", "2", "--keep-going", "--config", f"sources={sources}",
                          f"output={out}"], cwd=ROOT, capture_output=True, text=True)
    return run, (run.stdout + run.stderr).splitlines()


def test_a_clean_build_is_short_and_a_failure_names_its_article_and_log(tmp_path):
    sources, out = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(ROOT / "sources" / SAMPLE, sources / SAMPLE)
    run, lines = build(sources, out)
    assert run.returncode == 0, "\n".join(lines[-30:])
    assert len(lines) < 30, "\n".join(lines)
    assert any(line.startswith(f"{SAMPLE}: ") and line.endswith("ok") for line in lines)
    assert any("progress:" in line for line in lines)

    (sources / "broken").mkdir()
    (sources / "broken" / "article.txt").write_bytes(b"\x00\x01\x02 not a text \xff\xfe" * 200)
    run, lines = build(sources, out)
    assert run.returncode != 0
    log = out / "broken" / "logs" / "normalize.log"
    assert log.exists()
    named = [line for line in lines if str(log) in line or "broken/logs" in line]
    assert named, "\n".join(lines)
    assert any(line.startswith("broken: ") and "MISSING" in line for line in lines), "\n".join(lines)
